"""The kinds of paper the board itself offers: written papers, minutes and the action log.

The registry they join is `registry.py`."""

from .minutes import meetings_with_minutes, minuted_meeting, minutes_of, open_actions
from .models import PackDocument
from .registry import WRITTEN, PaperKind, PaperUnavailable, SourceSpec, register

register(PaperKind(key=WRITTEN, name="Written paper", template="boards/papers/written.html",
                   build=lambda paper, shared: {}))


MEETING = SourceSpec(
    choices=lambda partnership: [(str(m.pk), f"{m.date:%-d %B %Y}")
                                 for m in meetings_with_minutes(partnership)],
    missing="the meeting whose minutes it presents no longer exists or has no minutes.")


def build_minutes(paper, shared, audience):
    minuted = minuted_meeting(paper.partnership_id, MEETING.value(paper))
    if minuted is None:
        raise PaperUnavailable(MEETING.missing)
    meeting, attendance = minuted
    return minutes_of(meeting, public=audience == PackDocument.Audience.PUBLIC,
                      attendance=attendance)


register(PaperKind(
    key="boards.minutes", name="Minutes of a meeting", template="boards/papers/minutes.html",
    build=build_minutes, for_audience=True, source=MEETING,
))

register(PaperKind(
    key="boards.action_log", name="Action log (matters arising)",
    template="boards/papers/action_log.html",
    build=lambda paper, shared, audience: {"actions": list(open_actions(
        paper.partnership_id, public=audience == PackDocument.Audience.PUBLIC))},
    for_audience=True,
    source=SourceSpec(choices=lambda partnership: [("open", "Open actions")],
                      missing="it presents only the open actions.", parse=str),
))
