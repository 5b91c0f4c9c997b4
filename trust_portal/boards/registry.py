"""The paper-kind registry: how an app offers a kind of board paper.

The shape: `registry.py` (this module) holds the contract, `PaperKind`, and the register
(`register`, `get_kind`, `all_kinds`); each app's `papers.py` registers its own kinds, boards'
own (written papers, minutes, the action log) in `trust_portal/boards/papers.py`. Boards'
`AppConfig.ready()` imports every app's `papers` module (`autodiscover_modules`), so an app
adds that file and edits nothing else. The pack, the forms and the pages ask a paper's kind,
so a new kind of paper never changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:  # the registry imports no models when loaded
    from trust_portal.core.access import Access
    from trust_portal.core.models import Partnership

    from .models import Paper

WRITTEN = "written"
"""The key of the written paper, every new paper's kind until it is set to a generated one; the
board registers it in `papers.py`. Pages ask `Paper.is_generated`, never compare keys."""


class PaperUnavailable(Exception):
    """A generated paper cannot be built, e.g. its reporting period has been removed."""


@dataclass(frozen=True)
class SourceSpec:
    """What a generated paper is built from, such as a reporting period or a plan.

    `Paper.source` stores it as text; the admin offers `choices` and the build reads `value`,
    so no kind parses the text its own way. The build still reads the source itself, with the
    data it presents, in the queries it counts on: the spec types and checks, it does not fetch.
    """

    choices: Callable[[Partnership], list[tuple[Any, str]]]
    """choices(partnership) -> [(value, label)]: what a paper of this kind may be built from."""
    missing: str
    """Why the paper cannot be built once its source is gone, e.g. "its plan no longer exists."."""
    parse: Callable[[str], Any] = int
    """The stored text as the value the build looks up (by default a primary key)."""

    def value(self, paper: Paper) -> Any:
        """The paper's source as `parse` reads it; PaperUnavailable if it cannot be read."""
        try:
            return self.parse(paper.source)
        except (TypeError, ValueError):
            raise PaperUnavailable(self.missing) from None


@dataclass(frozen=True)
class Readers:
    """A kind's audience rule: who may see its papers.

    A published pack is frozen as two documents, the members' and the public's, and every
    member of the partnership reads the members' one. So a kind open to everyone
    (`EVERYONE`, the default) is in both, one for members (`MEMBERS`) in the members' only,
    and one restricted to roles (`only(Role.SAFEGUARDING_LEAD)`) in neither: it is shown
    live only, to readers holding one of its roles (the pack preview, the meeting page). Where
    a paper is withheld its agenda line stays, as an exempt item's does, with `note` in place
    of its pages.
    """

    public: bool = True
    """Whether the public pack presents it (an exempt item never reaches the public anyway)."""
    roles: frozenset[str] = frozenset()
    """The roles that may see it; empty for every member of the partnership."""

    def admit(self, *, public: bool = False, access: Access | None = None) -> bool:
        """Whether a reader may see papers of this kind: the public (public=True), the stored
        members' document (access=None) or a signed-in member reading live (their `access`)."""
        if self.roles:
            return not public and access is not None and access.has_role(*self.roles)
        return self.public or not public

    @property
    def note(self) -> str:
        if not self.roles:
            return "Not for publication: for board members only"
        from trust_portal.core.models import Role  # the registry imports no models when loaded

        names = sorted(f"{Role(role).label.lower()}s" for role in self.roles)
        return f"Withheld: for {' and '.join(names)} only"


EVERYONE = Readers()
MEMBERS = Readers(public=False)


def only(*roles: str) -> Readers:
    """The audience rule of a kind whose papers only `roles` may see."""
    return Readers(public=False, roles=frozenset(roles))


@dataclass(frozen=True)
class PaperKind:
    key: str
    name: str
    template: str
    """Renders the paper's body, in the web page and in the PDF alike."""
    build: Callable[..., dict[str, Any]]
    """build(paper, shared) -> the template's context, read from live data in a fixed number of
    queries. `shared` holds what the papers of one pack have read so far, so that papers
    presenting the same data, such as two reports of one period, read it once."""
    source: SourceSpec | None = None
    """What a generated paper is built from; None for a paper written in the portal."""
    readers: Readers = EVERYONE
    """Who may see its papers (see Readers); the pack, pages and downloads ask it."""
    for_audience: bool = False
    """True if the paper's content depends on who reads it: then the pack calls
    build(paper, shared, audience), and the build leaves out what that audience may not see
    (the public never reads an exempt item's minute or actions). Whatever it keeps in `shared`
    must be the same for every audience: read it whole, filter it when building."""

    @property
    def is_generated(self) -> bool:
        return self.source is not None


_registry: dict[str, PaperKind] = {}


def register(kind: PaperKind) -> PaperKind:
    if _registry.get(kind.key, kind) != kind:
        raise ImproperlyConfigured(f"Two paper kinds are registered as {kind.key!r}.")
    _registry[kind.key] = kind
    return kind


def get_kind(key: str) -> PaperKind:
    try:
        return _registry[key]
    except KeyError:
        raise PaperUnavailable(f"This portal offers no paper of the kind {key!r}.") from None


def all_kinds() -> list[PaperKind]:
    return sorted(_registry.values(), key=lambda kind: kind.name)
