"""What the portal's forms post, for the tests and the benchmark that fill them in."""

from indicators.cards import ReportCard


def entry_line(indicator, version, **fields):
    """One indicator's line of a quarter's entry page, read at `version` (0: no actual yet)."""
    values = {"value": "", "data_quality": "A", "forecast": "", "context": "",
              "corrective_action": "", "version": str(version), **fields}
    return {f"i{indicator.pk}-{name}": value for name, value in values.items()}


def target_cell(indicator, slot, version, value=""):
    """One target of a target page: the indicator's in the period of `slot` (q1 to q4, or
    year), read at `version` (0: no target yet)."""
    return {f"i{indicator.pk}-{slot}-value": value, f"i{indicator.pk}-{slot}-version": str(version)}


def sign_off_form(actuals, decision, **reasons):
    """The sign-off page as a reviewer posts it, having read `actuals` (each at its version):
    `decision` is "sign_off:all", "sign_off:<indicator pk>" or "return:<indicator pk>";
    `reasons` by indicator pk, as "reason-<pk>"."""
    return {"decision": decision, **{f"version-{actual.indicator_id}": str(actual.version)
                                     for actual in actuals}, **reasons}


def milestone_form(version, **overrides):
    """A lead officer's milestone update, read at `version`."""
    return {"status": "on_track", "progress_note": "Consultation closes in June",
            "due_on_0": "30", "due_on_1": "6", "due_on_2": "2030",
            "completed_on_0": "", "completed_on_1": "", "completed_on_2": "",
            "version": str(version), **overrides}


def paper_form(world, **changes):
    """The test meeting's written paper as its editor saves it, read at its version."""
    return {"title": world.paper.title, "summary": "", "body": "## Background\n\nNew text",
            "recommendations": "", "author": world.paper.author_id, "contact": "",
            "version": str(world.paper.version), **changes}


def card_form(card, **changes):
    """A report card's draft as its writer saves it, read at its version."""
    return {"title": card.title, "period": card.period_id or "", "version": str(card.version),
            **{name: getattr(card, name) for name in ReportCard.SECTIONS}, **changes}


def review_form(version=1, **changes):
    """A review as a safeguarding lead saves it, read at `version`."""
    return {"reference": "RTW", "type": "serious_case", "status": "underway",
            "status_note": "", "delay_reason": "", "evaluation": "", "lessons": "",
            "executive_summary": "", "version": str(version),
            **{f"{name}_{part}": "" for name in ["commissioned_on", "submitted_on",
                                                 "evaluated_on", "summary_published_on"]
               for part in range(3)}, **changes}


def data_request_form(world, **changes):
    """A request for data from schools on the Star Chamber's template."""
    return {"title": "Wellbeing survey", "requested_by": "Public health, NHS",
            "priority": world.priority.pk, "business_case": "Priority 1 needs it",
            "existing_data": "No", "cost": "Staff time only", "workload": "1 hour a school",
            "last_collected": "2008", "target_group": "Year 6 pupils", "sample_size": "All",
            "timescales": "Spring term", "version": "1", **changes}


def decision_form(version, outcome="approved", **changes):
    return {"outcome": outcome, "decided_on_0": "15", "decided_on_1": "3",
            "decided_on_2": "2010", "notes": "", "version": str(version), **changes}


def review_action_form(version=1, **changes):
    """An action arising from a review, read at `version`."""
    return {"description": "Audit the referral pathway", "owner": "Designated Nurse",
            "due_on_0": "1", "due_on_1": "2", "due_on_2": "2010", "completed_on_0": "",
            "completed_on_1": "", "completed_on_2": "", "version": str(version), **changes}


def update_form(world, version=1, **changes):
    """The LSCB's update as its safeguarding lead saves it, read at `version`."""
    return {"title": "Report from the LSCB", "period": world.period.pk, "introduction": "",
            "actions_preamble": "", "actions": "Formed an executive group\nA second action",
            "further_report": "", "recommendations": "That the Board note the report.",
            "author": "", "contact": "", "version": str(version), **changes}
