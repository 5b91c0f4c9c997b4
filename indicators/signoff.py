"""Sign-off: the step between an officer's submitted figures and the board.

An actual goes draft → submitted → signed off, or is returned to its officer with a reason
instead of being signed off. Performance managers and administrators sign off and return
figures, for a whole period or one by one; nobody signs off or returns a figure they entered
themselves. The board reads signed-off figures only (Actual.BOARD_FACING).

A change after sign-off has to be signed off again, as in Pentana and InPhase: an officer who
edits a signed-off figure makes it submitted again (or a draft, if they save it as one), and
the board stops reading it until it is signed off anew. A returned figure stays returned, its
reason shown to its officer, until they change it and submit it again.
"""

from enum import StrEnum

from .models import Actual

Status = Actual.Status


class Move(StrEnum):
    SAVE_DRAFT = "save_draft"
    SUBMIT = "submit"
    SIGN_OFF = "sign_off"
    RETURN = "return"


class NotAllowed(ValueError):
    """The move cannot be made from the figure's status; the message says why."""


# Where each status may go; a status missing from a move's row cannot make that move.
MOVES: dict[Move, dict[str | None, str]] = {
    # An officer's save. None: no figure recorded yet.
    Move.SAVE_DRAFT: {None: Status.DRAFT, Status.DRAFT: Status.DRAFT,
                      Status.SUBMITTED: Status.DRAFT, Status.SIGNED_OFF: Status.DRAFT,
                      Status.RETURNED: Status.RETURNED},
    Move.SUBMIT: {None: Status.SUBMITTED, Status.DRAFT: Status.SUBMITTED,
                  Status.SUBMITTED: Status.SUBMITTED, Status.SIGNED_OFF: Status.SUBMITTED,
                  Status.RETURNED: Status.SUBMITTED},
    # A performance manager's or an administrator's decision on a submitted figure.
    Move.SIGN_OFF: {Status.SUBMITTED: Status.SIGNED_OFF},
    Move.RETURN: {Status.SUBMITTED: Status.RETURNED},
}

WHY_NOT = {
    None: "no figure has been recorded",
    Status.DRAFT: "it is a draft its officer has not submitted",
    Status.SIGNED_OFF: "it is already signed off",
    Status.RETURNED: "it has been returned to its officer",
}


def next_status(current: str | None, move: Move) -> str:
    """The status a figure at `current` (None: none recorded yet) takes after `move`, or
    NotAllowed saying why it cannot make it."""
    try:
        return MOVES[move][current]
    except KeyError:
        verb = "signed off" if move == Move.SIGN_OFF else "returned"
        raise NotAllowed(f"It cannot be {verb}: {WHY_NOT[current]}.") from None


def review_refusal(move: Move, *, status: str | None, entered_by: int | None,
                   reviewer: int) -> str | None:
    """Why the user `reviewer` may not make `move` (sign off or return) on a figure at `status`
    last entered by the user `entered_by` (None: not known), or None if they may."""
    if entered_by is not None and entered_by == reviewer:
        return ("You entered this figure yourself: another performance manager or an "
                "administrator must sign it off or return it.")
    try:
        next_status(status, move)
    except NotAllowed as refusal:
        return str(refusal)
    return None


def keeps_review(status: str) -> bool:
    """Whether a figure saved at `status` keeps who returned it, when and why: a returned
    figure does until it is submitted again; any other save starts it afresh."""
    return status == Status.RETURNED
