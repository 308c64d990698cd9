"""A register printed as the paper book: A4 landscape, ruled table, header row on every page.

The columns come from the register's ``pdf_columns`` (several short fields may share a ruled
column, one per line). Long text wraps inside its cell: Chinese between any two characters, a
word of Latin letters or digits kept whole where it fits, closing punctuation never at the start
of a line. A line taller than a page continues on the next one.

Written page by page at the speed of the page (issue 21): the rows stream from the database and
each is laid out and drawn once, straight onto the page; nothing of a finished page stays in
memory but a small object (its compressed content waits in a temporary file). What every page
repeats (the book's title, the office, the period, the header row, the footer) is drawn once as
a PDF form and placed on each page; the page number "第 3 / 120 页" is appended to each page's
content when the file is written and the total is known. The last line is placed only with
room under it for the closing lines (one line of look-ahead), so "共 N 条记录。" stays on the page
of the book's last line.
Time and memory grow linearly with the lines: 100,000 lines in about a minute, in well under
200 MB (``benchmarks/export.py``).
"""
from __future__ import annotations

import datetime as dt
import re
import struct
import tempfile
import threading
import zlib
from decimal import Decimal
from bisect import bisect_right
from itertools import accumulate
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFPage, PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from propdesk import __version__
from propdesk.i18n import QT_TRANSLATE_NOOP, language
from propdesk.reports import ExportCancelled, fonts, output_file
from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.page import (
    MARGIN, PAGE_OF, PageSpec, body_frame, draw_footer_text, draw_header, draw_text,
    footer_missing, para_text, style, tr,
)
from propdesk.reports.registers import Column, Register, check_period, get_register, period_text
from propdesk.services.core import settings
from propdesk.services.register import privacy

FONT_SIZE = 7.5
LEADING = 9.6
PAD = 2.2  # cell padding, points
PROGRESS_EVERY = 200  # lines between progress reports and cancel checks
CHECK_EVERY = 500  # PDF objects written between cancel checks while the file is written
HEAD_BG = colors.Color(0.88, 0.9, 0.93)
GRID_W, BOX_W = 0.4, 0.9  # line widths: the ruling, the frame and the line under the header
TOTAL_SIZE = 8.5
PAGE_NO_SIZE = 8  # as page.draw_page_number
LEVEL = 2  # deflate level of the pages: 1-2 take half the time of the default 6; 2 keeps the file
# about as small as 6 did before the shared resources (10,000 lines: 3.8 MB; level 1: 4.2 MB)
SHORT, CACHED = 40, 8_000  # texts this short are laid out once per document (up to CACHED)

NO_RECORDS = QT_TRANSLATE_NOOP("reports", "No records in this period.")
TOTAL = QT_TRANSLATE_NOOP("reports", "{n} records in total.")

# Kinsoku: what may not begin a line (it stays at the end of the one before) and what may not
# end one (it goes down with the character it opens).
CANNOT_START = frozenset("，。、；：！？）】」』”’》〉…—·%,.;:!?)]}'\"")
CANNOT_END = frozenset("（【「『“‘《〈([{")


def register_pdf(name: str, path, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 filters=None, progress: Callable[[int, int], None] | None = None,
                 mask_phones: bool | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> int:
    """Print register ``name`` (``complaints``, ``repairs``, ``callbacks``, ``owners``, ``fees``)
    for the period and the list's ``filters`` to the PDF ``path``, laid out like the paper book.

    ``progress(done, total)`` is called every few hundred lines and at the end;
    ``should_cancel()`` is asked as often, and True raises
    :class:`~propdesk.reports.ExportCancelled` (no file is written, an older one stays).
    ``mask_phones`` masks the phones in every text column (privacy; None: the office's
    setting). Returns the number of lines printed."""
    register = get_register(name)
    check_period(register, date_from, date_to)
    mask_phones = privacy.wanted(mask_phones)
    total = register.count(date_from, date_to, filters)
    spec = PageSpec(title=register.title(), left=settings.get("office_name") or "",
                    right=period_text(register, date_from, date_to), signature=True)
    with output_file(path, ".pdf") as tmp, open(tmp, "wb") as out:
        book = _Book(out, register, spec, mask_phones, f"{register.title()} {spec.right}")
        book.canvas.should_cancel = should_cancel
        try:
            done, amount = 0, Decimal(0)
            for row in register.rows(date_from, date_to, filters):
                book.add(row)
                amount = register.add_to_total(amount, row)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    _tick(progress, should_cancel, done, total)
            _tick(progress, should_cancel, done, total)
            book.finish(done, amount)
        finally:
            book.canvas.discard_spool()
    return done


def _tick(progress, should_cancel, done: int, total: int) -> None:
    if should_cancel and should_cancel():
        raise ExportCancelled()
    if progress:
        progress(done, max(total, done))


def _widths(register: Register, available: float) -> list[float]:
    weights = [c.weight for c in register.pdf_columns]
    unit = available / sum(weights)
    return [w * unit for w in weights]


def _text_of(column: Column, mask_phones: bool) -> Callable[[dict], str]:
    value_of = column.converter(mask_phones)
    kind = column.kind
    if column.mark:  # a flag in a stacked cell: "超时" reads better than a bare "是"/"否"
        mark, get = tr(column.mark), column.get or (lambda row: row.get(column.key))
        return lambda row: mark if get(row) else ""

    def text(row) -> str:
        value = value_of(row)
        if value is None:
            return ""
        if kind == "datetime":
            return value.strftime("%Y-%m-%d %H:%M")
        if kind == "date":
            return value.isoformat()
        if kind == "money":
            return f"{value:.2f}"
        return str(value)
    return text


# --- text: widths, line breaks, PDF text operators --------------------------------------------------

def _escape_table() -> list[str]:
    """A byte of a font subset as it is written inside a PDF string."""
    out = []
    for b in range(256):
        ch = chr(b)
        out.append(ch if 32 <= b < 127 and ch not in "()\\" else f"\\{b:03o}")
    return out


_ESCAPED = _escape_table()


class _FontText:
    """PDF text operators for one embedded TrueType font at one size, written without the
    canvas's per-string machinery: each character's subset and byte are looked up once per
    document (reportlab assigns them, as for any other text) and kept as two translation
    tables, so a line is turned into its bytes by ``str.translate`` (in C), run by run of one
    subset."""

    def __init__(self, doc, name: str, size: float):
        self.font = pdfmetrics.getFont(name)
        self.doc, self.size = doc, size
        self.known: set[str] = set()
        self.byte: dict[int, str] = {}  # character -> its byte in its subset, as written
        self.subset: dict[int, str] = {}  # character -> chr(its subset)
        self.selects: dict[str, str] = {}  # chr(subset) -> "/F1+0 7.5 Tf"

    def _learn(self, text: str) -> None:
        self.font.splitString(text, self.doc)  # reportlab gives new characters their codes
        assigned = self.font.state[self.doc].assignments
        for ch in set(text) - self.known:
            cp = ord(ch)
            n = assigned.get(32 if cp == 0xA0 else cp, 0)  # 0: a glyph the font lacks
            self.byte[cp], self.subset[cp] = _ESCAPED[n & 0xFF], chr(n >> 8)
            self.known.add(ch)

    def ops(self, text: str) -> str:
        """``Tf``/``Tj`` operators showing ``text`` at the current text position (each run
        of one font subset selects it first)."""
        if not self.known.issuperset(text):
            self._learn(text)
        subsets = text.translate(self.subset)
        if not subsets:
            return ""
        first = subsets[0]
        if subsets.count(first) == len(subsets):  # one subset (most lines)
            return f"{self._select(first)} ({text.translate(self.byte)}) Tj"
        return " ".join(f"{self._select(run[1])} ({text[run.start():run.end()].translate(self.byte)}) Tj"
                        for run in _RUNS.finditer(subsets))

    def _select(self, subset: str) -> str:
        select = self.selects.get(subset)
        if select is None:
            name = self.font.getSubsetInternalName(ord(subset), self.doc)
            select = self.selects[subset] = f"{name} {self.size:g} Tf"
        return select


_RUNS = re.compile(r"(.)\1*", re.S)  # runs of one subset


class _Text:
    """Widths, line breaks and drawing of cell text in the main font, with the fallback fonts
    for the characters it lacks and □ for those no font has (:mod:`propdesk.reports.fonts`)."""

    def __init__(self, doc, size: float):
        self.doc, self.size = doc, size
        self.main = _FontText(doc, cjk_font(), size)
        self.by_font: dict[str | None, _FontText] = {None: self.main}
        widths = _Widths(self)
        self.width_of = widths.__getitem__
        self.made: dict[str, str] = {}
        self.wrapped: dict[tuple[str, float], list[str]] = {}
        self.cells: dict[tuple[str, float], tuple[int, str]] = {}

    def char_width(self, ch: str) -> float:
        runs = fonts.runs(ch)  # [] for a character that draws nothing (a joiner)
        return sum(stringWidth(run, font or cjk_font(), self.size) for font, run in runs)

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` as the lines it takes in a cell ``width`` points wide."""
        if len(text) <= SHORT:
            key = (text, width)
            found = self.wrapped.get(key)
            if found is None:
                if len(self.wrapped) >= CACHED:
                    self.wrapped.clear()
                found = self.wrapped[key] = self._wrap(text, width)
            return found
        return self._wrap(text, width)

    def cell(self, text: str, width: float) -> tuple[int, str]:
        """How many lines ``text`` takes in a cell ``width`` points wide, and the operators
        that show them from the cell's first line down (see ``_Book.add``)."""
        key = (text, width)
        found = self.cells.get(key)
        if found is not None:
            return found
        lines = self._wrap(text, width)
        made = len(lines), " T* ".join(map(self.ops, lines))
        if len(text) <= SHORT:
            if len(self.cells) >= CACHED:
                self.cells.clear()
            self.cells[key] = made
        return made

    def _wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        width_of = self.width_of
        for para in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").split("\n"):
            widths = list(map(width_of, para))
            if sum(widths) <= width:
                lines.append(para)
                continue
            cum = list(accumulate(widths))
            n, start, base = len(para), 0, 0.0
            while start < n:
                end = bisect_right(cum, base + width + 0.01, start)
                if end <= start:
                    end = start + 1  # one character wider than the cell
                elif end < n:
                    end = _break_at(para, start, end)
                lines.append(para[start:end])
                start = end
                while start < n and para[start] == " ":  # no space at the start of a line
                    start += 1
                base = cum[start - 1] if start else 0.0
        return lines

    def ops(self, text: str) -> str:
        """The operators that show one line of text: a register repeats most of its short
        texts (names, departments, states), so those are made once per document."""
        found = self.made.get(text)
        if found is not None:
            return found
        if fonts.in_main_font(text):
            made = self.main.ops(text)
        else:
            parts = []
            for font, run in fonts.runs(text):
                writer = self.by_font.get(font)
                if writer is None:
                    writer = self.by_font[font] = _FontText(self.doc, font, self.size)
                parts.append(writer.ops(run))
            made = " ".join(parts)
        if len(text) <= SHORT:
            if len(self.made) >= CACHED:
                self.made.clear()
            self.made[text] = made
        return made


class _Widths(dict):
    def __init__(self, text: _Text):
        super().__init__()
        self.text = text

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self.text.char_width(ch)
        return width


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_@.:/+#&")


def _break_at(para: str, start: int, end: int) -> int:
    """Where the line ``para[start:end]`` (which fits; ``para[end]`` does not) should end."""
    if para[end] in CANNOT_START:  # hangs at the end of this line, as on paper (two at most)
        end += 1
        if end < len(para) and para[end] in CANNOT_START:
            end += 1
        return end
    if para[end - 1] in CANNOT_END and end - 1 > start:
        return end - 1
    if _word(para[end]) and _word(para[end - 1]):  # a word (or a number) goes down whole
        k = end - 1
        while k > start and _word(para[k - 1]):
            k -= 1
        if k > start:
            return k
    return end


# --- the book -----------------------------------------------------------------------------------

# reportlab formats a whole document into a list of strings and joins them before writing: for
# ten thousand pages that is the file twice over in memory. While a register is saved on this
# thread, each object goes to the file as soon as it is formatted instead.
_streaming = threading.local()
_PDFFile = pdfdoc.PDFFile


class _FileWriter(_PDFFile):
    """reportlab's output collector, writing through to ``out`` (offsets kept as it does)."""

    def __init__(self, out, *args, **kw):
        self.out, self.objects = out, 0
        self.should_cancel = getattr(_streaming, "should_cancel", None)
        super().__init__(*args, **kw)

    def add(self, s):
        self.objects += 1
        if self.should_cancel and self.objects % CHECK_EVERY == 0 and self.should_cancel():
            raise ExportCancelled()  # Cancel works while ten thousand pages are written too
        s = pdfdoc.pdfdocEnc(s)
        result = self.offset
        self.offset = result + len(s)
        self.out.write(s)
        return result

    def format(self, document):
        return b""  # everything is in the file already


def _output_collector(*args, **kw):
    out = getattr(_streaming, "out", None)
    return _FileWriter(out, *args, **kw) if out is not None else _PDFFile(*args, **kw)


pdfdoc.PDFFile = _output_collector


class _Spooled(PDFStream):
    """A page's content, compressed and kept in a temporary file until the PDF is written.

    The deflate stream is left open (a sync flush, not the final block), so the page number,
    known only at the end, is appended as one more (stored) block with the checksum carried on
    (``zlib.adler32`` continues a running one): one stream per page, nothing added in memory."""

    def __init__(self, spool, text: str, dictionary):
        raw = text.encode("utf8")  # as reportlab's own FlateDecode filter does
        packer = zlib.compressobj(LEVEL)
        body = packer.compress(raw) + packer.flush(zlib.Z_SYNC_FLUSH)
        self.dictionary, self.filters = dictionary, None
        self._spool, self._at, self._size = spool, spool.tell(), len(body)
        self._adler, self.tail = zlib.adler32(raw), b""
        spool.write(body)

    @property
    def content(self) -> bytes:
        self._spool.seek(self._at)
        body = self._spool.read(self._size)
        # the tail as the final deflate block, stored (a sync flush left the stream on a byte
        # boundary): a few dozen bytes, not worth a compressor of its own (~0.1 ms a page)
        tail = self.tail
        return (body + b"\x01" + struct.pack("<HH", len(tail), len(tail) ^ 0xFFFF) + tail
                + struct.pack(">I", zlib.adler32(tail, self._adler)))


class _LeanPage(PDFPage):
    """A finished page as reportlab formats it, without its forty unset attributes per page:
    they are read from the class instead (ten thousand pages wait until the file is written)."""


for _name in [*PDFPage.__NoDefault__, "ExtGState", "XObjects", "stream"]:
    setattr(_LeanPage, _name, None)
_LeanPage._colorsUsed = _LeanPage._shadingUsed = {}  # what a page uses of them: nothing


class _Canvas(Canvas):
    """A canvas that keeps nothing of a finished page in memory (its content waits in a
    temporary file), and writes the page numbers once the number of pages is known."""

    def __init__(self, out, spec: PageSpec, printed: dt.date, **kw):
        super().__init__(out, pagesize=spec.pagesize, initialFontName=cjk_font(), **kw)
        self._out, self._spec, self._printed, self._shown = out, spec, printed, 0
        self._spool = tempfile.TemporaryFile(prefix="propdesk-pdf-")
        self._resources = self._media_box = None
        self._flate = PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])})  # one for all
        self.should_cancel: Callable[[], bool] | None = None

    def showPage(self):  # noqa: N802 - reportlab's name
        self._shown += 1
        self.doForm("pdFooter")
        super().showPage()
        page = self._doc.Pages.pages[-1]
        page.Contents, page.stream = _Spooled(self._spool, page.stream, self._flate), None
        page.__class__ = _LeanPage
        state = vars(page)
        for name in [k for k, v in state.items() if v is None or (v == {} and k.startswith("_"))]:
            del state[name]  # None, or an empty colour/shading list: from the class
        if not page.Annots:
            del state["Annots"]
        if "Trans" in state and not page.Trans.dict:
            del state["Trans"]
        # every page uses the same fonts and places the same forms: one resource dictionary for
        # all (ten thousand pages), written once and referred to, and one media box
        if self._resources is None:
            resources = pdfdoc.PDFResourceDictionary()
            resources.basicFonts()
            resources.basicProcs()
            resources.XObject = page.XObjects
            self._resources = self._doc.Reference(resources)
            self._media_box = PDFArray([0, 0, page.pagewidth, page.pageheight])
        page.Resources, page.MediaBox = self._resources, self._media_box
        state.pop("XObjects", None)

    def save(self):
        """The footer and the page numbers, then the file, written object by object (see
        _FileWriter)."""
        missing = footer_missing(self._printed)
        self.beginForm("pdFooter")
        draw_footer_text(self, self._spec, self._printed, missing)
        self.endForm()
        number = _FontText(self._doc, cjk_font(), PAGE_NO_SIZE)
        right, y = self._spec.pagesize[0] - MARGIN, MARGIN + 2 * mm
        for n, page in enumerate(self._doc.Pages.pages, 1):
            text = tr(PAGE_OF).format(page=n, pages=self._shown)
            x = right - stringWidth(text, cjk_font(), PAGE_NO_SIZE)
            ops = f"q 0.25 g BT 1 0 0 1 {x:.2f} {y:.2f} Tm {number.ops(text)} ET Q\n"
            page.Contents.tail = ops.encode("utf8")
        _streaming.out, _streaming.should_cancel = self._out, self.should_cancel
        try:
            super().save()
        finally:
            _streaming.out = _streaming.should_cancel = None
            self.discard_spool()

    def discard_spool(self) -> None:
        """The pages' temporary file goes (written, cancelled or failed alike)."""
        self._spool.close()


class _Book:
    """The pages of one register, filled line by line."""

    def __init__(self, out, register: Register, spec: PageSpec, mask_phones: bool,
                 title_meta: str, printed: dt.date | None = None):
        self.register, self.spec = register, spec
        self.canvas = c = _Canvas(out, spec, printed or dt.date.today())
        c.setTitle(title_meta or spec.title)
        c.setAuthor(settings.get("office_name") or "")
        c.setCreator(f"PropDesk {__version__}")
        x, self.bottom, width, height = body_frame(spec)
        self.top = self.bottom + height
        self.widths = _widths(register, width)
        self.xs = list(accumulate([x] + self.widths))  # column edges, left to right
        self.inner = [w - 2 * PAD for w in self.widths]
        self.cell_x = [f"1 0 0 1 {x + PAD:.2f} " for x in self.xs[:-1]]  # a cell's text matrix
        self.parts = [[_text_of(register.column(k), mask_phones) for k in pc.keys]
                      for pc in register.pdf_columns]
        fonts.take_missing()  # what an earlier, cancelled document left on this thread
        self.text = _Text(c._doc, FONT_SIZE)
        self.head_h = self._define_forms()
        self.y: float | None = None  # where the next line starts; None: no page open
        self.rules: list[float] = []  # the lines under each row of the open page
        self.ops: list[str] = []
        self.held: dict | None = None  # the line given last, placed when the next one comes

    # the parts every page repeats
    def _header_cells(self) -> list[Paragraph]:
        cells = []
        font = cjk_font()
        for pc, inner in zip(self.register.pdf_columns, self.inner):
            titles = [tr(pc.header)] if pc.header else [
                self.register.column(k).title() for k in pc.keys]
            # An English word wider than its column ("Department") is set smaller, not split;
            # Chinese breaks between any two characters and keeps its size.
            words = [w for t in titles for w in t.split()] if language() == "en" else [""]
            widest = max(stringWidth(w, font, FONT_SIZE) for w in words) or 1
            size = max(5.5, min(FONT_SIZE, FONT_SIZE * 0.96 * inner / widest))
            head = style(size, LEADING * size / FONT_SIZE, align=1, labels=True)
            cells.append(Paragraph("<br/>".join(para_text(t) for t in titles), head))
        return cells

    def _define_forms(self) -> float:
        """The page's header (logo, title, office, period, signature line) and the table's
        header row, each drawn once; returns the header row's height."""
        c = self.canvas
        c.beginForm("pdHead")
        draw_header(c, self.spec)
        c.endForm()
        cells = self._header_cells()
        heights = [p.wrap(inner, 10_000)[1] for p, inner in zip(cells, self.inner)]
        head_h = max(heights) + 2 * PAD
        c.beginForm("pdColumns")
        c.setFillColor(HEAD_BG)
        c.rect(self.xs[0], self.top - head_h, self.xs[-1] - self.xs[0], head_h, stroke=0, fill=1)
        c.setFillColor(colors.black)
        for p, x, h in zip(cells, self.xs, heights):  # centred, each in the middle of the row
            p.drawOn(c, x + PAD, self.top - head_h + (head_h - h) / 2)
        c.endForm()
        return head_h

    # pages
    def _open(self, columns: bool = True) -> None:
        self.canvas.doForm("pdHead")
        if columns:
            self.canvas.doForm("pdColumns")
        self.columns = columns
        self.table_top = self.top
        self.y = self.top - (self.head_h if columns else 0)
        self.rules, self.ops = [], []

    def _close(self) -> None:
        c = self.canvas
        if self.ops:
            c._code.append(f"BT {LEADING:g} TL\n" + "\n".join(self.ops) + "\nET")
        if self.columns:
            x0, x1, top, bottom = self.xs[0], self.xs[-1], self.table_top, self.y
            grid = [f"{GRID_W} w 0 G"]
            grid += [f"{x:.2f} {top:.2f} m {x:.2f} {bottom:.2f} l" for x in self.xs[1:-1]]
            grid += [f"{x0:.2f} {y:.2f} m {x1:.2f} {y:.2f} l" for y in self.rules[:-1]]
            grid.append("S")
            head = top - self.head_h
            grid.append(f"{BOX_W} w {x0:.2f} {head:.2f} m {x1:.2f} {head:.2f} l S")
            grid.append(f"{x0:.2f} {bottom:.2f} {x1 - x0:.2f} {top - bottom:.2f} re S")
            c._code.append("q " + "\n".join(grid) + " Q")
        c.showPage()
        self.y = None

    # lines
    def add(self, row: dict) -> None:
        """One register line. It is held back until the next one comes: the last line of the
        book goes onto its page only with room left under it for the closing lines, so "共 N
        条记录。" never stands alone on a page of its own (one line of look-ahead, nothing more
        kept)."""
        held, self.held = self.held, row
        if held is not None:
            self._line(held)

    def _line(self, row: dict) -> None:
        """One register line: drawn at once when it fits on the open page (nearly always),
        else laid out line by line (a new page, or a line taller than a page)."""
        if self.y is not None:
            cells, n, cell = [], 1, self.text.cell
            for getters, inner in zip(self.parts, self.inner):
                k, parts = 0, []
                for get in getters:
                    text = get(row)
                    if text:
                        m, ops = cell(text, inner)
                        k += m
                        parts.append(ops)
                if k > n:
                    n = k
                cells.append(" T* ".join(parts))
            height = n * LEADING + 2 * PAD
            if height <= self.y - self.bottom:
                at = f"{self.y - PAD - FONT_SIZE:.2f} Tm "
                self.ops += [x + at + ops for ops, x in zip(cells, self.cell_x) if ops]
                self.y -= height
                self.rules.append(self.y)
                return
        cells = []
        for getters, inner in zip(self.parts, self.inner):
            lines = []
            for get in getters:
                text = get(row)
                if text:
                    lines += self.text.wrap(text, inner)
            cells.append(lines)
        self._place(cells)

    def _place(self, cells: list[list[str]]) -> None:
        n = max(map(len, cells)) or 1
        body = self.top - self.head_h - self.bottom
        while True:
            if self.y is None:
                self._open()
            room = self.y - self.bottom
            height = n * LEADING + 2 * PAD
            if height <= room:
                self._draw_row(cells, n)
                return
            fresh = self.y >= self.top - self.head_h - 0.01
            if not fresh and (height <= body or room < 3 * LEADING + 2 * PAD):
                self._close()  # the line goes whole onto the next page
                continue
            # taller than a page: as much as fits here, the rest on the next page(s)
            fit = max(1, int((room - 2 * PAD) // LEADING))
            self._draw_row([c[:fit] for c in cells], fit)
            cells = [c[fit:] for c in cells]
            n -= fit
            self._close()

    def _draw_row(self, cells: list[list[str]], n: int) -> None:
        """One Tm per cell at its first line; T* (the leading, set once per page) moves down
        to each next one."""
        top = self.y
        at = f"{top - PAD - FONT_SIZE:.2f} Tm "
        ops, text_ops = self.ops, self.text.ops
        for lines, x in zip(cells, self.cell_x):
            if lines:
                ops.append(x + at + " T* ".join(map(text_ops, lines)))
        self.y = top - (n * LEADING + 2 * PAD)
        self.rules.append(self.y)

    def finish(self, done: int, amount: Decimal = Decimal(0)) -> None:
        """The closing lines ("共 N 条记录。", or that the period has none; a ledger's 合计) and
        the file."""
        closing = [tr(TOTAL).format(n=done)]
        if self.register.total_column:
            closing.append(tr(self.register.total_label).format(amount=f"{amount:,.2f}"))
        line_h = TOTAL_SIZE * 1.3
        room = 2 * mm + line_h * len(closing)  # under the last line, for the closing lines
        if self.held is not None:  # the last line, placed as if the page ended that much higher
            bottom, self.bottom = self.bottom, self.bottom + room
            try:
                self._line(self.held)
            finally:
                self.bottom, self.held = bottom, None
        if self.y is None:
            self._open()
        if not done:  # an empty book still prints its header and says so
            top = self.y
            height = LEADING + 2 * PAD
            mid = (self.xs[0] + self.xs[-1]) / 2
            self.canvas._code.append("0 g")
            draw_text(self.canvas, mid, top - PAD - FONT_SIZE, tr(NO_RECORDS), FONT_SIZE, "centre")
            self.y = top - height
            self.rules.append(self.y)
        if self.y - room < self.bottom - 0.01:  # (not after a line: room was kept for them)
            self._close()
            self._open(columns=False)
            self.closing_y = self.top
        else:
            self.closing_y = self.y - 2 * mm
        y = self.closing_y - TOTAL_SIZE
        if self.ops:  # the lines of the page go first
            self.canvas._code.append(f"BT {LEADING:g} TL\n" + "\n".join(self.ops) + "\nET")
            self.ops = []
        for text in closing:
            draw_text(self.canvas, self.xs[0], y, text, TOTAL_SIZE)
            y -= line_h
        self._close()
        self.canvas.save()
