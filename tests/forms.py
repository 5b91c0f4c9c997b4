"""What the portal's forms post, for the tests and the benchmark that fill them in."""

from indicators.cards import ReportCard


def entry_line(indicator, version, **fields):
    """One indicator's line of a quarter's entry page, read at `version` (0: no actual yet)."""
    values = {"value": "", "data_quality": "A", "forecast": "", "context": "",
              "corrective_action": "", "version": str(version), **fields}
    return {f"i{indicator.pk}-{name}": value for name, value in values.items()}


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
