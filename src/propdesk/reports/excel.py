"""Registers to Excel: 100,000 lines in seconds, in constant memory.

Layout: a title row (office name and book title), a period row, the header row (frozen, with an
auto-filter), then one line per record. Dates are real Excel dates, fees and areas numbers,
long text wraps. The file is written next to the target and renamed into place at the end, so a
cancelled or failed export never leaves half a file (nor clobbers an older one).

How (issue 21): openpyxl makes the workbook itself - styles, the heading rows, column widths,
the frozen header, the auto-filter, print titles and page setup - as a small sheet of three
rows. The lines are streamed as the sheet's XML straight into the zip, each cell written as
text once, with a style prepared once per export, so no per-cell object is made (openpyxl's
own cells and xlsxwriter's per-cell calls are what make a large export slow). Text is always
written as an inline string, so nothing from the data ever becomes a formula; text that a
spreadsheet would take for one when edited gets Excel's quote prefix (:mod:`propdesk.xlsx_text`,
the one guard for every workbook). The result reads back in openpyxl, Excel and LibreOffice.

A sheet ends at row 1,048,576 (MOST_ROWS): a longer register goes on over more sheets, 客户投诉记录本
(2), (3) …, each with the same three heading rows, planned from the lines counted first (and the
file written again with more sheets should more lines arrive during the export than counted).

No Qt here: the GUI runs :func:`export_register` on a worker thread and passes plain callables.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Callable
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from propdesk import xlsx_text
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.reports import ExportCancelled, output_file
from propdesk.reports.registers import TEXT_KINDS, Register, check_period, get_register, period_text
from propdesk.services.core import settings
from propdesk.services.register import privacy

__all__ = ["ExportCancelled", "export_register"]

HEADER_ROW = 3  # title, period, header
TOTAL = QT_TRANSLATE_NOOP("reports", "Total")  # the ledger's 合计 line
PROGRESS_EVERY = 500  # rows between progress reports and cancel checks
CHUNK = 200  # lines put into the zip at a time

FORMATS = {"datetime": "yyyy-mm-dd hh:mm", "date": "yyyy-mm-dd", "money": "#,##0.00", "int": "0"}
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="808080")
# an Excel sheet ends at row 1,048,576: a longer one is refused (openpyxl will not open it) or cut
# short by Excel. A register that does not fit goes on over more sheets, each with the heading.
MOST_ROWS = xlsx_text.SHEET_ROWS
WORKBOOK = "xl/workbook.xml"


def export_register(name: str, path, date_from: dt.date | None = None,
                    date_to: dt.date | None = None, filters=None,
                    progress: Callable[[int, int], None] | None = None,
                    should_cancel: Callable[[], bool] | None = None,
                    mask_phones: bool | None = None) -> int:
    """Write register ``name`` (``complaints``, ``repairs``, ``callbacks``, ``owners``,
    ``fees``) for the period ``date_from``..``date_to`` (inclusive; optional for ``owners``)
    and the list's ``filters`` (``ComplaintFilter`` for complaints, ``WorkOrderFilter`` for
    repairs; see :mod:`propdesk.services.lists.registers`) to the .xlsx ``path``.

    ``progress(done, total)`` is called every few hundred lines and at the end;
    ``should_cancel()`` is asked as often, and True raises :class:`ExportCancelled`.
    ``mask_phones`` masks the phones in every text column (privacy; None: the office's
    setting). Returns the number of lines written.
    Raises RuleError (translated) for an unknown register, a bad period or a file that
    cannot be written."""
    register = get_register(name)
    check_period(register, date_from, date_to)
    mask_phones = privacy.wanted(mask_phones)
    total = register.count(date_from, date_to, filters)
    with output_file(path, ".xlsx") as tmp:
        return _write(register, tmp, date_from, date_to, filters, total, progress,
                      should_cancel, mask_phones)


def _write(register: Register, tmp, date_from, date_to, filters, total, progress, should_cancel,
           mask_phones) -> int:
    """The workbook, with as many sheets as the ``total`` lines counted need. More lines than
    that arriving during the export (records entered meanwhile, past a sheet's end): the file
    is written again with the sheets they need, so none is ever dropped."""
    while True:
        try:
            return _write_sheets(register, tmp, date_from, date_to, filters, total, progress,
                                 should_cancel, mask_phones)
        except _Outgrown as grown:
            total = grown.lines


class _Outgrown(Exception):
    """More lines came than the sheets planned hold (``lines``: at least how many there are)."""

    def __init__(self, lines: int):
        super().__init__(lines)
        self.lines = lines


def lines_per_sheet(register: Register) -> int:
    """The register's lines one sheet holds: its MOST_ROWS less the heading (and the 合计 line,
    which a ledger may need under its last line)."""
    return MOST_ROWS - HEADER_ROW - (1 if register.total_column is not None else 0)


def sheet_titles(register: Register, sheets: int) -> list[str]:
    """客户投诉记录本, then 客户投诉记录本 (2), (3) …: within Excel's 31 characters."""
    titles = [_sheet_title(register.title())]
    for k in range(2, sheets + 1):
        suffix = f" ({k})"
        titles.append(_sheet_title(register.title())[:31 - len(suffix)] + suffix)
    return titles


def _write_sheets(register: Register, tmp, date_from, date_to, filters, total, progress,
                  should_cancel, mask_phones) -> int:
    per_sheet = lines_per_sheet(register)
    wb = Workbook()
    sheets = []
    for k, title in enumerate(sheet_titles(register, max(1, -(-total // per_sheet)))):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        _set_up_sheet(ws, register)
        _write_heading(ws, register, date_from, date_to)
        sheets.append(ws)
    ws = sheets[0]
    writers = [_cell_writer(ws, col, get_column_letter(i), mask_phones)  # styles: the workbook's
               for i, col in enumerate(register.columns, 1)]
    closing = _total_writer(ws, register, writers)  # styles are registered before the parts
    parts = _parts(wb)
    names = [_sheet_part(k) for k in range(len(sheets))]
    heads = [re.sub(rb"<dimension [^>]*/>", b"",  # optional; the size is not known yet
                    parts.pop(name).split(b"</sheetData>", 1)[0], count=1) for name in names]
    last = get_column_letter(len(register.columns))
    done = 0
    amount = Decimal(0)
    rows = iter(register.rows(date_from, date_to, filters))
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        for name, data in parts.items():  # [Content_Types].xml first, as Office writes it
            if name != WORKBOOK:  # it names the auto-filters' ranges: written at the end
                zf.writestr(name, data)
        for k, (ws, name, head) in enumerate(zip(sheets, names, heads)):
            final = k == len(sheets) - 1
            with zf.open(name, "w", force_zip64=True) as out:
                out.write(head)
                chunk: list[str] = []
                row_no = HEADER_ROW
                on_sheet = 0
                for row in rows:
                    if on_sheet == per_sheet:  # the last sheet is full and lines keep coming
                        raise _Outgrown(done + 1)
                    row_no += 1
                    r = str(row_no)
                    chunk.append(f'<row r="{r}">{"".join([w(row, r) for w in writers])}</row>')
                    amount = register.add_to_total(amount, row)
                    done += 1
                    on_sheet += 1
                    if len(chunk) == CHUNK:
                        out.write("".join(chunk).encode())
                        chunk = []
                    if done % PROGRESS_EVERY == 0:
                        _tick(progress, should_cancel, done, total)
                    if on_sheet == per_sheet and not final:
                        break
                if closing and final:  # below the lines, outside the auto-filter: sorting leaves it last
                    chunk.append(closing(amount, str(row_no + 1)))
                out.write("".join(chunk).encode())
                if final:
                    _tick(progress, should_cancel, done, total)
                ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(on_sheet, 1)}"
                parts = _parts(wb)  # now with the auto-filter over this sheet's lines
                out.write(b"</sheetData>" + parts[name].split(b"</sheetData>", 1)[1])
        zf.writestr(WORKBOOK, parts[WORKBOOK])  # every sheet's auto-filter and print titles
    return done


def _sheet_part(k: int) -> str:
    return f"xl/worksheets/sheet{k + 1}.xml"


def _total_writer(ws, register: Register, writers) -> Callable[[Decimal, str], str] | None:
    """(amount, row number) -> the XML of the 合计 line under a ledger's lines (None: no total)."""
    if register.total_column is None:
        return None
    label = _plain_text(ws, "A")
    keys = [c.key for c in register.columns]
    amount_cell = writers[keys.index(register.total_column)]
    key = register.total_column

    def line(amount: Decimal, r: str) -> str:
        words = label(translate("reports", TOTAL), r)
        return f'<row r="{r}">{words}{amount_cell({key: amount}, r)}</row>'
    return line


def _parts(wb: Workbook) -> dict[str, bytes]:
    """The workbook as openpyxl writes it (three rows: the heading), part by part."""
    made = io.BytesIO()
    wb.save(made)
    with zipfile.ZipFile(made) as z:
        names = sorted(z.namelist(), key=lambda name: name != "[Content_Types].xml")
        return {name: z.read(name) for name in names}


def _tick(progress, should_cancel, done, total) -> None:
    if should_cancel and should_cancel():
        raise ExportCancelled()
    if progress:
        progress(done, max(total, done))


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _set_up_sheet(ws, register: Register) -> None:
    """Widths, frozen header, print setup."""
    for i, col in enumerate(register.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_heading(ws, register: Register, date_from, date_to) -> None:
    office = settings.get("office_name") or ""
    title = xlsx_text.put(ws, 1, 1, xlsx_text.clean(f"{office}  {register.title()}".strip()))
    title.font = Font(size=14, bold=True)
    period = xlsx_text.put(ws, 2, 1, period_text(register, date_from, date_to))
    period.font = Font(size=10, color="404040")
    fill = PatternFill("solid", fgColor="DDE4EE")
    border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    for i, text in enumerate(register.headers(), 1):
        cell = xlsx_text.put(ws, HEADER_ROW, i, text)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style(ws, number_format: str | None = None, alignment=None, quote: bool = False) -> str:
    """` s="n"`: the workbook's style id for a line's cell (registered once per export)."""
    cell = WriteOnlyCell(ws)
    if number_format:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if quote:
        cell.quotePrefix = True
    if cell._style is None:  # nothing set: the default style
        return ""
    style_id = ws.parent._cell_styles.add(cell._style)
    return f' s="{style_id}"' if style_id else ""


_ILLEGAL = xlsx_text.ILLEGAL_CHARACTERS_RE.search
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_DAY = _EPOCH.toordinal()
_XML_ESCAPES = {"\r": "&#13;"}


def _cell_writer(ws, col, letter: str, mask_phones: bool) -> Callable[[dict, str], str]:
    """(row, row number) -> the XML of this column's cell in that line ('' when empty)."""
    value_of = col.converter(mask_phones)
    kind = col.kind
    if kind in TEXT_KINDS:
        align = WRAP if kind == "long" else None
        style, quoted = _style(ws, alignment=align), _style(ws, alignment=align, quote=True)

        def text(row, r: str) -> str:
            value = value_of(row)
            if not value:
                return ""
            if not isinstance(value, str):
                value = str(value)
            if _ILLEGAL(value):  # an imported file may carry control characters Excel refuses
                value = xlsx_text.clean(value)
            s = quoted if xlsx_text.risky(value) else style
            value = escape(value[:xlsx_text.MAX_TEXT], _XML_ESCAPES)
            space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
            return f'<c r="{letter}{r}"{s} t="inlineStr"><is><t{space}>{value}</t></is></c>'
        return text
    style = _style(ws, FORMATS.get(kind), TOP)
    if kind in ("datetime", "date"):
        def when(row, r: str) -> str:
            value = value_of(row)
            if value is None:
                return ""
            if isinstance(value, dt.datetime):
                serial = (value.toordinal() - _EPOCH_DAY
                          + (value.hour * 3600 + value.minute * 60 + value.second) / 86400)
            elif isinstance(value, dt.date):
                serial = value.toordinal() - _EPOCH_DAY
            else:  # not a date after all: shown as it is
                return text_fallback(value, r)
            return f'<c r="{letter}{r}"{style}><v>{serial!r}</v></c>'
        text_fallback = _plain_text(ws, letter)
        return when

    fallback = _plain_text(ws, letter)

    def number(row, r: str) -> str:
        value = value_of(row)
        if value is None or value == "":
            return ""
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return fallback(value, r)
        return f'<c r="{letter}{r}"{style}><v>{value!r}</v></c>' if not isinstance(value, Decimal) \
            else f'<c r="{letter}{r}"{style}><v>{value}</v></c>'
    return number


def _plain_text(ws, letter: str):
    style, quoted = _style(ws, alignment=TOP), _style(ws, alignment=TOP, quote=True)

    def text(value, r: str) -> str:
        value = xlsx_text.clean(str(value))
        s = quoted if xlsx_text.risky(value) else style
        return f'<c r="{letter}{r}"{s} t="inlineStr"><is><t>{escape(value, _XML_ESCAPES)}</t></is></c>'
    return text
