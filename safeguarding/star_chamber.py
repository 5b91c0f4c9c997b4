"""The Star Chamber's template: the questions every request answers (DataRequest's fields), as
the Wirral Children's Trust Board was asked to approve them on 20 November 2009 (seed 002,
"Star Chamber for data collection and surveys"). Each partnership's criteria are its own
(StarChamber.criteria)."""

TEMPLATE_QUESTIONS = [
    "why the data is needed; what is the business case and how does it specifically link with "
    "a priority as part of the Children and Young People's Plan",
    "does the data already exist in the right form or can it be converted from existing data?",
    "what is the cost to collect the data?",
    "what is the impact in terms of workload (staff hours)?",
    "when was the data last collected?",
    "what is the target group and the size of the sample?",
    "what are the timescales and deadlines?",
]
