"""Registers to Excel (openpyxl, write-only mode so 100,000 lines stay in ~30 MB).

Layout: a title row (office name and book title), a period row, the header row (frozen, with
an auto-filter), then one line per record. Dates are real Excel dates, fees and areas numbers,
long text wraps. The file is written next to the target and renamed into place at the end, so a
cancelled or failed export never leaves half a file (nor clobbers an older one).

No Qt here: the GUI runs :func:`export_register` on a worker thread and passes plain callables.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from propdesk import xlsx_text
from propdesk.services.register import privacy
from propdesk.reports import ExportCancelled, output_file
from propdesk.reports.registers import TEXT_KINDS, Register, check_period, get_register, period_text
from propdesk.services.core import settings

HEADER_ROW = 3  # title, period, header
PROGRESS_EVERY = 500  # rows between progress reports and cancel checks

FORMATS = {"datetime": "yyyy-mm-dd hh:mm", "date": "yyyy-mm-dd", "money": "#,##0.00", "int": "0"}
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="808080")


def export_register(name: str, path, date_from: dt.date | None = None,
                    date_to: dt.date | None = None, filters=None,
                    progress: Callable[[int, int], None] | None = None,
                    should_cancel: Callable[[], bool] | None = None,
                    mask_phones: bool | None = None) -> int:
    """Write register ``name`` (``complaints``, ``repairs``, ``callbacks``, ``owners``) for the
    period ``date_from``..``date_to`` (inclusive; optional for ``owners``) and the list's
    ``filters`` (``ComplaintFilter`` for complaints, ``WorkOrderFilter`` for repairs; see
    :mod:`propdesk.services.lists.registers`) to the .xlsx ``path``.

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
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(register.title()))
    _set_up_sheet(ws, register)
    _write_heading(ws, register, date_from, date_to)
    writers = [_cell_writer(ws, col, mask_phones) for col in register.columns]
    done = 0
    try:
        for row in register.rows(date_from, date_to, filters):
            ws.append([w(row) for w in writers])
            done += 1
            if done % PROGRESS_EVERY == 0:
                _tick(progress, should_cancel, done, total)
        _tick(progress, should_cancel, done, total)
    except BaseException:
        _discard(ws)
        raise
    last = get_column_letter(len(register.columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(done, 1)}"
    wb.save(tmp)
    return done


def _discard(ws) -> None:
    """Close the half-written sheet and remove openpyxl's temporary file for it (left open,
    its XML writer would complain when garbage-collected and the file would stay in /tmp)."""
    try:
        ws.close()
        ws._writer.cleanup()
    except Exception:  # noqa: BLE001 - tidying up after the real error, which is re-raised
        pass


def _tick(progress, should_cancel, done, total) -> None:
    if should_cancel and should_cancel():
        raise ExportCancelled()
    if progress:
        progress(done, max(total, done))


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _set_up_sheet(ws, register: Register) -> None:
    """Everything write-only mode needs before the first row: widths, frozen header, print."""
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
    title = _cell(ws, xlsx_text.clean(f"{office}  {register.title()}".strip()), None)
    title.font = Font(size=14, bold=True)
    period = _cell(ws, period_text(register, date_from, date_to), None)
    period.font = Font(size=10, color="404040")
    ws.append([title])
    ws.append([period])
    fill = PatternFill("solid", fgColor="DDE4EE")
    border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    headers = []
    for text in register.headers():
        cell = _cell(ws, text, None)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        headers.append(cell)
    ws.append(headers)


def _cell_writer(ws, col, mask_phones: bool) -> Callable[[dict], object]:
    """row -> what ws.append takes for this column: a plain value, or for columns that need a
    number format or wrapping, a cell carrying a style prepared once for the whole export."""
    value_of = col.converter(mask_phones)
    style = None
    if col.kind in FORMATS or col.kind == "long":
        proto = WriteOnlyCell(ws)
        if col.kind in FORMATS:
            proto.number_format = FORMATS[col.kind]
        proto.alignment = WRAP if col.kind == "long" else TOP
        style = proto._style  # copied into each cell: the style ids are resolved only once
    if col.kind not in TEXT_KINDS:
        return (lambda row: _cell(ws, value_of(row), style)) if style else value_of

    def text(row):
        value = value_of(row)
        if not value:
            return None
        if _ILLEGAL(value):  # an imported file may carry control characters Excel refuses
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if style is not None or xlsx_text.risky(value):
            return _cell(ws, value, style)
        return value
    return text


_ILLEGAL = ILLEGAL_CHARACTERS_RE.search


class _Cell(Cell):
    """A cell handed to ``ws.append``. Write-only mode recognises a cell by failing to store it
    as a value, and that failure formats ``repr(cell)``: a constant repr keeps it cheap."""

    __slots__ = ()

    def __repr__(self):
        return "<Cell>"


# Cells are built without Cell.__init__ when openpyxl's Cell has exactly the slots set below
# (checked once, here): it skips re-validating a value this module has already checked, and
# makes a styled cell cost about as much as a plain value. Any other openpyxl: the normal path.
_SLOTS = {"parent", "row", "column", "_style", "_value", "data_type", "_hyperlink", "_comment"}
_FAST = _SLOTS == set().union(*(getattr(k, "__slots__", ()) for k in Cell.__mro__))
_DATA_TYPES = {str: "s", dt.datetime: "d", dt.date: "d", float: "n", int: "n"}
MAX_TEXT = 32767  # Excel's limit for one cell


def _cell(ws, value, style):
    """A write-only cell; text is stored as text, and text that starts like a formula gets
    the quote prefix (:mod:`propdesk.xlsx_text`)."""
    if value is None:
        return None
    kind = _DATA_TYPES.get(type(value))
    if _FAST and kind:
        cell = _Cell.__new__(_Cell)
        cell.parent, cell.row, cell.column = ws, 1, 1
        cell._style = StyleArray(style) if style is not None else StyleArray()
        cell._value = value[:MAX_TEXT] if kind == "s" else value
        cell.data_type = kind  # text that starts with "=" stays text, never a formula
        cell._hyperlink = cell._comment = None
    else:
        cell = _Cell(ws, row=1, column=1, value=value, style_array=style)
    xlsx_text.protect(cell)
    return cell
