"""PDF appendices that authors upload: checked when uploaded, then laid into the pack's pages.

The pack reserves one page per uploaded page, with the appendix's caption at its top and the
board's running header and footer; the uploaded page is scaled onto it after layout, so the
agenda's page ranges count it and the PDF keeps its tags and bookmarks (appended, not rebuilt).
"""

import io

from django.core.exceptions import ValidationError
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError

MAX_APPENDIX_BYTES = 20 * 1024 * 1024
MAX_APPENDIX_PAGES = 100
MM = 72 / 25.4
# Where an uploaded page may go on an A4 pack page: inside the margins of pack.css, below the
# caption line.
PLACE_LEFT, PLACE_RIGHT = 18 * MM, (210 - 18) * MM
PLACE_BOTTOM, PLACE_TOP = 24 * MM, (297 - 22 - 12) * MM


def count_pages(upload):
    """The number of pages of an uploaded PDF, or a ValidationError that says what is wrong."""
    if upload.size > MAX_APPENDIX_BYTES:
        raise ValidationError(
            f"The appendix must be smaller than {MAX_APPENDIX_BYTES // 2**20} MB.")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError("The appendix is password-protected; upload an unprotected PDF.")
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError("The appendix is not a PDF that can be read.") from error
    finally:
        upload.seek(0)
    if not 1 <= pages <= MAX_APPENDIX_PAGES:
        raise ValidationError(f"The appendix must have between 1 and {MAX_APPENDIX_PAGES} pages.")
    return pages


def placeholder_anchor(appendix, page_number):
    return f"upload-{appendix.pk}-{page_number}"


def lay_in_uploads(pdf, placements):
    """Scale each uploaded page onto its reserved pack page. `placements`: (pack page, appendix,
    its page number). Returns the PDF with the pages added as an incremental update."""
    if not placements:
        return pdf
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    readers = {}
    for pack_page, appendix, page_number in placements:
        if appendix.pk not in readers:
            with appendix.document.open("rb") as upload:
                readers[appendix.pk] = PdfReader(io.BytesIO(upload.read()))
        uploaded = readers[appendix.pk].pages[page_number - 1]
        width, height = float(uploaded.mediabox.width), float(uploaded.mediabox.height)
        scale = min((PLACE_RIGHT - PLACE_LEFT) / width, (PLACE_TOP - PLACE_BOTTOM) / height)
        left = PLACE_LEFT + ((PLACE_RIGHT - PLACE_LEFT) - width * scale) / 2
        bottom = PLACE_TOP - height * scale
        placement = (Transformation().translate(-float(uploaded.mediabox.left),
                                                -float(uploaded.mediabox.bottom))
                     .scale(scale).translate(left, bottom))
        writer.pages[pack_page - 1].merge_transformed_page(uploaded, placement)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
