"""PDF appendices that authors upload: checked when uploaded, then laid into the pack's pages.

The pack reserves one page per uploaded page, with the appendix's caption at its top and the
board's running header and footer; the uploaded page is scaled onto it after layout, so the
agenda's page ranges count it and the PDF keeps its tags and bookmarks (appended, not rebuilt).

An upload is stored as its pages only, without anything a PDF reader could run or submit:
no document or page actions, no JavaScript, no forms, no links. The pack strips the same again
from every page it lays in, so a file stored before this rule never brings them either.
"""

import io
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, NameObject

logger = logging.getLogger("trust_portal.boards")

MAX_APPENDIX_BYTES = 20 * 1024 * 1024
MAX_APPENDIX_PAGES = 100
MM = 72 / 25.4
# A page must be at least 1 cm and at most 5 m (about A0 four times over) on each side.
MIN_PAGE_SIDE, MAX_PAGE_SIDE = 10 * MM, 5000 * MM
# Annotations that act (links, form fields, media) are dropped, as is any with an action.
ACTING_ANNOTATIONS = {"/Link", "/Widget", "/Screen", "/Movie", "/Sound", "/RichMedia",
                      "/FileAttachment", "/3D"}
# Where an uploaded page may go on an A4 pack page: inside the margins of pack.css, below the
# caption line.
PLACE_LEFT, PLACE_RIGHT = 18 * MM, (210 - 18) * MM
PLACE_BOTTOM, PLACE_TOP = 24 * MM, (297 - 22 - 12) * MM


def page_size_problem(page):
    """Why a page cannot be laid into the pack, or "" if it can."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if not (MIN_PAGE_SIDE <= width <= MAX_PAGE_SIDE and MIN_PAGE_SIDE <= height <= MAX_PAGE_SIDE):
        return (f"its size is {width / MM:.0f} mm by {height / MM:.0f} mm; pages must be "
                f"between 1 cm and 5 m on each side")
    return ""


def strip_actions(page):
    """Remove from a page what a PDF reader could run: its own actions and acting annotations."""
    if "/AA" in page:
        del page[NameObject("/AA")]
    if "/Annots" in page:
        kept = ArrayObject(
            annotation for annotation in page["/Annots"]
            if not (annotation.get_object().get("/Subtype") in ACTING_ANNOTATIONS
                    or {"/A", "/AA"} & set(annotation.get_object())))
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page[NameObject("/Annots")]
    return page


def checked_upload(upload):
    """(pages, the PDF to store) for an uploaded PDF, or a ValidationError that says what is
    wrong. What is stored is the upload's pages alone, without actions (see strip_actions)."""
    if upload.size > MAX_APPENDIX_BYTES:
        raise ValidationError(
            f"The appendix must be smaller than {MAX_APPENDIX_BYTES // 2**20} MB.")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError("The appendix is password-protected; upload an unprotected PDF.")
        pages = list(reader.pages)
        if not 1 <= len(pages) <= MAX_APPENDIX_PAGES:
            raise ValidationError(
                f"The appendix must have between 1 and {MAX_APPENDIX_PAGES} pages.")
        for number, page in enumerate(pages, start=1):
            if problem := page_size_problem(page):
                raise ValidationError(f"Page {number} of the appendix cannot be printed: "
                                      f"{problem}.")
        writer = PdfWriter()
        for page in pages:
            writer.add_page(strip_actions(page))
        output = io.BytesIO()
        writer.write(output)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValidationError("The appendix is not a PDF that can be read.") from error
    finally:
        upload.seek(0)
    return len(pages), ContentFile(output.getvalue(), name=upload.name.rsplit("/", 1)[-1])


def placeholder_anchor(appendix, page_number):
    return f"upload-{appendix.pk}-{page_number}"


def lay_in_uploads(pdf, placements):
    """Scale each uploaded page onto its reserved pack page. `placements`: (pack page, appendix,
    its page number). Returns the PDF with the pages added as an incremental update. A page
    that cannot be placed (stored before uploads were checked) leaves its reserved page blank."""
    if not placements:
        return pdf
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    readers = {}
    for pack_page, appendix, page_number in placements:
        if appendix.pk not in readers:
            with appendix.document.open("rb") as upload:
                readers[appendix.pk] = PdfReader(io.BytesIO(upload.read()))
        uploaded = strip_actions(readers[appendix.pk].pages[page_number - 1])
        if problem := page_size_problem(uploaded):
            logger.warning("Page %d of %s is left out of the pack: %s", page_number, appendix,
                           problem)
            continue
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
