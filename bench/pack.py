"""What a meeting pack costs to render: the demo pack, and one grown to about 150 pages.

Each figure is the median of several renderings. "WeasyPrint alone" lays out and writes the
very HTML the portal produced, so the ratio is the portal's own overhead: gathering the
papers, rendering templates and reading page ranges.
"""

import statistics
import subprocess
import sys
import time

from django.template.loader import render_to_string

from trust_portal.boards.models import AgendaItem, Meeting, Paper
from trust_portal.boards.pack import PDF_VARIANT, Audience, layout, pack_context, render_pack

from .grow import duplicate

RUNS = 3


def median_seconds(action, runs=RUNS):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def weasyprint_alone(html):
    return layout(html).write_pdf(pdf_variant=PDF_VARIANT)


def measure(meeting):
    seconds, rendered = median_seconds(lambda: render_pack(meeting, Audience.MEMBERS))
    html = render_to_string("boards/pack/pack.pdf.html",
                            pack_context(meeting, Audience.MEMBERS, for_pdf=True))
    alone, _ = median_seconds(lambda: weasyprint_alone(html))
    return {"pages": rendered.page_count, "seconds": seconds, "alone": alone,
            "pages_per_second": rendered.page_count / seconds, "ratio": seconds / alone}


def peak_memory_mb(meeting):
    """Peak resident memory of a fresh process that renders the pack once."""
    output = subprocess.run([sys.executable, "-m", "bench.render_once", str(meeting.pk)],
                            check=True, capture_output=True, text=True).stdout
    return int(output) / 1024


def grown_meeting(meeting, target_pages, pages_now):
    """A copy of the meeting whose papers repeat until the pack is about `target_pages` long."""
    copy = Meeting.objects.create(partnership=meeting.partnership, date=meeting.date.replace(
        year=meeting.date.year + 1), start_time=meeting.start_time, venue=meeting.venue)
    items = list(meeting.items.select_related("paper"))
    repeats = max(1, round(target_pages / pages_now))
    position = 0
    for round_number in range(repeats):
        for item in items:
            if round_number and not item.paper:
                continue
            position += 1
            paper = None
            if item.paper is not None:
                paper = duplicate(item.paper)
                for appendix in item.paper.appendices.all():
                    duplicate(appendix, paper=paper)
            AgendaItem.objects.create(meeting=copy, position=position, number=position,
                                      title=item.title, item_type=item.item_type, paper=paper)
    return copy


def figures(meeting, result):
    return [
        ("pages", result["pages"]),
        ("seconds to render", f"{result['seconds']:.2f}"),
        ("pages per second", f"{result['pages_per_second']:.1f}"),
        ("WeasyPrint alone, same HTML, seconds", f"{result['alone']:.2f}"),
        ("ratio to WeasyPrint alone (goal at most 1.15)", f"{result['ratio']:.3f}"),
        ("peak memory of the rendering process, MB", f"{peak_memory_mb(meeting):.0f}"),
    ]


def run(report):
    meeting = Meeting.objects.get(partnership__slug="wirral", date="2009-11-20")
    demo = measure(meeting)
    report("Demo pack (Wirral, 20 November 2009)", figures(meeting, demo))
    grown = grown_meeting(meeting, 150, demo["pages"])
    report("A pack of about 150 pages (the demo's papers three times over)",
           figures(grown, measure(grown)))
    Paper.objects.filter(agenda_item__meeting=grown).delete()
    grown.delete()  # the other figures are of the demo as loaded
