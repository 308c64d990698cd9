"""The page every PropDesk PDF is printed on: paper, margins, styles, header and footer.

One template serves registers (A4 landscape, the book's title and period on every page, a
supervisor's signature line) and forms (A4 portrait). The footer carries the office name, the
print date, "PropDesk <version>" and "page x / y"; the total is known only at the end, so the
canvas keeps each page's state and draws the numbers when the document is saved.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from propdesk import __version__
from propdesk.i18n import QT_TRANSLATE_NOOP, language, translate
from propdesk.reports import output_file
from propdesk.reports import fonts
from propdesk.reports.fonts import cjk_font
from propdesk.services.core import settings

log = logging.getLogger(__name__)

CTX = "reports"
MARGIN = 12 * mm
FOOTER_H = 9 * mm  # footer band below the frame
SIGN_H = 8 * mm  # supervisor's signature band above the footer (registers)
LOGO_H = 10 * mm

SIGN_LINE = QT_TRANSLATE_NOOP(
    "reports", "Supervisor's signature: ____________    Date: ____________")
PRINTED = QT_TRANSLATE_NOOP("reports", "Printed {date}")
PAGE_OF = QT_TRANSLATE_NOOP("reports", "Page {page} / {pages}")
MISSING = QT_TRANSLATE_NOOP(
    "reports", "□ marks a character no font here can print: {chars}")


def tr(text: str) -> str:
    return translate(CTX, text)


def para_text(text) -> str:
    """Plain text as Paragraph markup: XML escaped, line breaks kept, and each run of
    characters the main font lacks in the fallback font that has them (a character no font has
    prints as □: :func:`propdesk.reports.fonts.runs`)."""
    parts = []
    for font, run in fonts.runs(str(text).replace("\r\n", "\n")):
        run = escape(run).replace("\n", "<br/>")
        parts.append(run if font is None else f'<font name="{font}">{run}</font>')
    return "".join(parts)


def draw_text(canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """``canvas.drawString`` in the main font, switching to a fallback font for the characters
    it lacks (as :func:`para_text`). ``align``: left, centre or right of ``x``."""
    main = cjk_font()
    pieces = [(font or main, run) for font, run in fonts.runs(str(text))]
    width = sum(stringWidth(run, font, size) for font, run in pieces)
    x -= width / 2 if align == "centre" else width if align == "right" else 0
    for font, run in pieces:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def style(size: float = 9, leading: float | None = None, align=None, labels: bool = False,
          **kw) -> ParagraphStyle:
    """A paragraph style in the embedded CJK font. ``wordWrap='CJK'`` lets Chinese text break
    between any two characters, as it is written on paper. ``labels``: text in the UI
    language (headers, field names), which in English must break between words only."""
    wrap = None if labels and language() == "en" else "CJK"
    return ParagraphStyle(
        f"s{size}", fontName=cjk_font(), fontSize=size, leading=leading or size * 1.3,
        wordWrap=wrap, alignment=align if align is not None else 0, **kw)


@dataclass
class PageSpec:
    """What the page template draws around the story."""

    title: str = ""  # drawn on every page (registers); forms put their title in the story
    left: str = ""  # under the title, left: the office name
    right: str = ""  # under the title, right: the period
    signature: bool = False  # supervisor's signature line at the foot of every page
    landscape: bool = True

    @property
    def pagesize(self):
        return landscape(A4) if self.landscape else A4

    @property
    def header_h(self) -> float:
        if self.title:
            return 17 * mm
        from propdesk.services.setup.office_profile import logo_path

        return LOGO_H + 3 * mm if logo_path() else 0  # forms: room for the logo above them


class _NumberedCanvas(Canvas):
    """Defers each page so "page x / y" can be written once y is known."""

    def __init__(self, *args, spec: PageSpec, printed: dt.date, **kw):
        super().__init__(*args, **kw)
        self._spec, self._printed, self._pages = spec, printed, []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        missing = footer_missing(self._printed)
        for state in self._pages:
            self.__dict__.update(state)
            _draw_footer(self, self._spec, self._printed, total, missing)
            super().showPage()
        super().save()


def _draw_header(canvas, doc, spec: PageSpec) -> None:
    draw_header(canvas, spec)


def draw_header(canvas, spec: PageSpec) -> None:
    """The logo, and for a register its title, office, period and signature line."""
    logo_w = _draw_logo(canvas, spec)
    if not spec.title:
        return
    font = cjk_font()
    width, height = spec.pagesize
    top = height - MARGIN
    canvas.saveState()
    draw_text(canvas, width / 2, top - 6 * mm, spec.title, 16, "centre")
    draw_text(canvas, MARGIN + logo_w, top - 13 * mm, spec.left, 9)  # right of the logo
    draw_text(canvas, width - MARGIN, top - 13 * mm, spec.right, 9, "right")
    if spec.signature:
        canvas.setFont(font, 9.5)
        canvas.drawRightString(width - MARGIN, MARGIN + FOOTER_H + 1.5 * mm, tr(SIGN_LINE))
    canvas.restoreState()


def _draw_logo(canvas, spec: PageSpec) -> float:
    """The office's logo (Office setup → Profile), top left of every page, if there is one.
    Returns the width it takes (0 without a logo)."""
    from propdesk.services.setup.office_profile import logo_path

    path = logo_path()
    if path is None:
        return 0
    _width, height = spec.pagesize
    try:
        image = ImageReader(str(path))
        w, h = image.getSize()
        width = min(LOGO_H * w / h, LOGO_H * 3)
        canvas.drawImage(image, MARGIN, height - MARGIN - LOGO_H, width=width, height=LOGO_H, mask="auto")
    except (OSError, ValueError, ZeroDivisionError):  # an unreadable picture: printed without it
        return 0
    return width + 2 * mm


def _footer_text(printed: dt.date) -> str:
    office = settings.get("office_name") or ""
    phone = settings.get("office_phone") or ""
    printed_text = tr(PRINTED).format(date=printed.isoformat())
    return f"{office}  {phone}    {printed_text}    PropDesk {__version__}"


def _draw_footer(canvas, spec: PageSpec, printed: dt.date, total: int, missing: str = "") -> None:
    draw_footer_text(canvas, spec, printed, missing)
    draw_page_number(canvas, spec, canvas.getPageNumber(), total)


def draw_footer_text(canvas, spec: PageSpec, printed: dt.date, missing: str = "") -> None:
    """The footer of every page but its number: a rule, the office, the print date, the
    version, and what a □ stands for when a character could not be printed."""
    font = cjk_font()
    width, _ = spec.pagesize
    y = MARGIN + 2 * mm
    canvas.saveState()
    canvas.setStrokeGray(0.5)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
    canvas.setFont(font, 8)
    canvas.setFillGray(0.25)
    draw_text(canvas, MARGIN, y, _footer_text(printed), 8)
    if missing:  # never a silent gap: the page says what the boxes are
        canvas.setFillColorRGB(0.7, 0, 0)
        canvas.setFont(font, 7)
        canvas.drawString(MARGIN, y - 3.6 * mm, tr(MISSING).format(
            chars=" ".join(f"U+{ord(ch):04X}" for ch in missing)))
    canvas.restoreState()


def draw_page_number(canvas, spec: PageSpec, page: int, total: int) -> None:
    """"第 3 / 12 页" at the right of the footer."""
    width, _ = spec.pagesize
    canvas.saveState()
    canvas.setFont(cjk_font(), 8)
    canvas.setFillGray(0.25)
    canvas.drawRightString(width - MARGIN, MARGIN + 2 * mm, tr(PAGE_OF).format(page=page, pages=total))
    canvas.restoreState()


def footer_missing(printed: dt.date) -> str:
    """The characters printed as □ in this document so far (the footer's own text counted),
    logged once; taken, so the next document starts afresh."""
    fonts.runs(_footer_text(printed))  # its characters count too
    missing = "".join(sorted(fonts.take_missing()))
    if missing:
        log.warning("PDF: no font can print %s (printed as □)",
                    " ".join(f"U+{ord(ch):04X}" for ch in missing))
    return missing


def body_frame(spec: PageSpec) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the part of the page the story fills."""
    width, height = spec.pagesize
    bottom = MARGIN + FOOTER_H + (SIGN_H if spec.signature else 0)
    return MARGIN, bottom, width - 2 * MARGIN, height - MARGIN - spec.header_h - bottom


def build(path, story: list, spec: PageSpec, title_meta: str = "",
          printed: dt.date | None = None, on_page=None) -> None:
    """Lay ``story`` out on the page template and write the PDF to ``path`` (replaced only
    once the whole file is written; ReportError when it cannot be written). ``on_page()`` is
    called as each page starts (an exception from it stops the job, and no file is left)."""
    printed = printed or dt.date.today()
    frame = Frame(*body_frame(spec), leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    with output_file(path, ".pdf") as tmp:
        _build(tmp, story, spec, title_meta, printed, frame, on_page)


def _build(tmp, story, spec: PageSpec, title_meta: str, printed: dt.date, frame: Frame,
           on_page=None) -> None:
    doc = BaseDocTemplate(tmp, pagesize=spec.pagesize, leftMargin=MARGIN,
                          rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                          title=title_meta or spec.title, author=settings.get("office_name") or "",
                          creator=f"PropDesk {__version__}",
                          # The canvas starts every page in this font; left at Helvetica, that
                          # font would be listed in the PDF, unembedded.
                          initialFontName=cjk_font())
    def page_start(canvas, doc) -> None:
        if on_page:
            on_page()
        _draw_header(canvas, doc, spec)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_start)])

    def make_canvas(*args, **kw):
        return _NumberedCanvas(*args, spec=spec, printed=printed, **kw)

    doc.build(story, canvasmaker=make_canvas)


def frame_width(spec: PageSpec) -> float:
    return spec.pagesize[0] - 2 * MARGIN
