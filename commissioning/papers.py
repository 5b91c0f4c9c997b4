"""The commissioning paper the board's pack can carry: a commission's background, process,
evaluation outcome and recommendation, written up as the Wirral board's tender papers were.

Before the contract is awarded it says what the board was told of the bids (how many, how
many passed the PQQ, the panel's own summary) and never a bid's name or score."""

from trust_portal.boards.registry import PaperKind, PaperUnavailable, SourceSpec, register

from .models import Bid, Commission
from .reads import evaluation

COMMISSION = SourceSpec(
    choices=lambda partnership: [(str(pk), name) for pk, name in Commission.objects.filter(
        partnership=partnership).values_list("pk", "name")],
    missing="its commission no longer exists.")


def build_commission_paper(paper, shared):
    commission = (Commission.objects.filter(partnership_id=paper.partnership_id,
                                            pk=COMMISSION.value(paper)).for_page()
                  .prefetch_related("contracts__extensions").first())
    if commission is None:
        raise PaperUnavailable(COMMISSION.missing)
    bids = list(Bid.objects.for_commission(commission).values_list("pqq", "is_late"))
    awarded = evaluation(commission) if commission.is_awarded else None
    return {
        "commission": commission,
        "bids": {"count": len(bids),
                 "passed": sum(pqq == Bid.Pqq.PASSED for pqq, _ in bids),
                 "late": sum(late for _, late in bids)},
        "ranking": awarded.ranking if awarded else None,
        "moves": list(commission.moves.all()),
        "author": commission.lead_officer,
    }


register(PaperKind(
    key="commissioning.commission", name="Commissioning report",
    template="commissioning/papers/commission.html", build=build_commission_paper,
    source=COMMISSION,
))
