"""The anonymity check: text in a review that looks like it names or locates a person.

A review is known by initials or a code only and what it publishes must be "completely
anonymous" (seed 002). Before free text of a review is kept, `flags(text)` finds what looks like
- a full name: two capitalised words side by side, neither of them a word of a role, an
  organisation or a place ("Director of Children's Services", "Designated Nurse", "Wirral"
  pass; "Jane Smith", "Baby Peter" do not);
- a date of birth: a date after "born", "DOB" or "date of birth";
- a street address: a house number and a street ("14 Acre Lane"), or a postcode ("CH41 5FN").
It over-flags rather than misses: the writer confirms or corrects what it shows.
"""

import re
from dataclasses import dataclass

TITLES = {"mr", "mrs", "ms", "miss", "dr", "lord", "lady", "sir", "dame", "cllr", "councillor"}
"""Words that make the capitalised word after them a name ("Lord Laming", "Cllr Clarke")."""

ROLE_WORDS = {
    # Roles and titles
    "director", "deputy", "assistant", "chief", "head", "designated", "named", "nurse",
    "doctor", "officer", "manager", "worker", "social", "visitor", "health", "teacher",
    "teachers", "constable", "inspector", "sergeant", "detective", "superintendent", "chair",
    "chairperson", "vice", "interim", "independent", "lead", "member", "members",
    "strategic", "service", "services", "senior", "principal", "practitioner",
    "practitioners", "consultant", "paediatrician", "midwife", "midwifery", "general",
    "reviewer", "author", "panel", *TITLES,
    "secretary", "minister", "executive", "coordinator", "co-ordinator", "adviser", "advisor",
    "branch", "section", "team", "unit", "department", "division",
    # Bodies and what they do
    "children's", "childrens", "children", "young", "people", "people's", "family", "families",
    "trust", "board", "boards", "local", "safeguarding", "partnership", "council", "authority",
    "police", "constabulary", "probation", "youth", "offending", "education", "school",
    "schools", "primary", "secondary", "special", "academy", "college", "hospital", "acute",
    "community", "mental", "care", "institute", "excellence", "quality", "commission",
    "national", "government", "office", "agency", "agencies", "court", "criminal",
    "serious", "case", "cases", "review", "reviews", "critical", "incident", "summary",
    "management", "report", "reports", "plan", "plans", "protection", "child", "action",
    "learning", "together", "group", "groups", "policy", "procedure", "procedures",
    "england", "wales", "ofsted", "nhs", "pct", "lscb", "scie", "dcsf", "gonw", "camhs",
    "cafcass", "working", "progress", "threshold", "thresholds", "level", "sub",
    "housing", "drug", "alcohol", "substance", "misuse", "domestic", "violence", "abuse",
    "early", "years", "centre", "centres", "sure", "start", "clinical", "commissioning",
    "foundation", "practice", "surgery", "maternity", "emergency",
    # Places of the seeds and of the Merseyside and Yorkshire areas they cover
    "wirral", "liverpool", "leeds", "merseyside", "haringey", "birkenhead", "wallasey",
    "bromborough", "bebington", "hoylake", "west", "kirby", "heswall", "moreton", "knowsley",
    "sefton", "st", "helens", "halton", "cheshire", "chester", "yorkshire", "north", "south",
    "east", "city", "borough", "metropolitan", "region", "regional", "london",
    # Words that begin sentences and headings
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "there", "their", "they",
    "he", "she", "his", "her", "we", "our", "in", "on", "at", "for", "from", "to", "by", "of",
    "with", "and", "or", "but", "as", "after", "before", "following", "during", "when", "where",
    "while", "if", "once", "all", "each", "every", "no", "not", "one", "two", "three", "first",
    "second", "third", "further", "new", "recommendation", "recommendations", "lessons",
    "lesson", "introduction", "background", "conclusion", "conclusions", "findings", "finding",
    "key", "issues", "issue", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "quarter", "year",
}
"""Capitalised words that are not names: roles, bodies, places and sentence openers."""

STREET_WORDS = (r"Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|"
                r"Grove|Place|Pl|Court|Ct|Gardens|Terrace|Walk|Mews|Row|Hill|Square|Park")

CAPITALISED = re.compile(
    r"\b[A-Z](?:[a-z]+|['’][A-Z][a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Z][a-z]+)*(?:['’]s)?\b")
DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
        r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?\s+\d{4}"
        r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|[A-Z][a-z]+\s+\d{4}|\d{4})")
DATE_OF_BIRTH = re.compile(
    r"\b(?:born(?:\s+on|\s+in)?|d\.?o\.?b\.?|date\s+of\s+birth)\s*[:\-]?\s*" + DATE,
    re.IGNORECASE)
STREET_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:" + STREET_WORDS + r")\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


@dataclass(frozen=True)
class Flag:
    kind: str  # "name", "date of birth", "address" or "postcode"
    start: int
    end: int
    text: str


def _key(word: str) -> str:
    return word.casefold().replace("’", "'")


def _runs(text: str) -> list[list[re.Match[str]]]:
    """The capitalised words of `text` in runs of words side by side (only spaces between)."""
    runs: list[list[re.Match[str]]] = []
    for word in CAPITALISED.finditer(text):
        if runs and text[runs[-1][-1].end():word.start()] == " ":
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _names(text: str) -> list[Flag]:
    flagged = []
    for run in _runs(text):
        keys = [_key(word.group()) for word in run]
        pairs = [i for i in range(len(run) - 1)
                 if keys[i + 1] not in ROLE_WORDS
                 and (keys[i] not in ROLE_WORDS or keys[i] in TITLES)]
        if pairs:
            start, end = run[pairs[0]].start(), run[pairs[-1] + 1].end()
            flagged.append(Flag("name", start, end, text[start:end]))
    return flagged


def flags(text: str) -> list[Flag]:
    """What in `text` looks like it identifies a person, in the order it appears."""
    found = [*_names(text)]
    for kind, pattern in (("date of birth", DATE_OF_BIRTH), ("address", STREET_ADDRESS),
                          ("postcode", POSTCODE)):
        found += [Flag(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    found.sort(key=lambda flag: (flag.start, -flag.end))
    kept, reach = [], -1
    for flag in found:  # overlapping flags (a street's name within its address) show once
        if flag.start >= reach:
            kept.append(flag)
            reach = flag.end
    return kept


def highlighted(text: str) -> list[tuple[str, Flag | None]]:
    """`text` in pieces, each with the flag it is, or None: for showing flags in place."""
    pieces: list[tuple[str, Flag | None]] = []
    at = 0
    for flag in flags(text):
        if flag.start > at:
            pieces.append((text[at:flag.start], None))
        pieces.append((flag.text, flag))
        at = flag.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
