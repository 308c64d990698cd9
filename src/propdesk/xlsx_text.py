"""No formula from data: the one guard every openpyxl writer puts text through.

openpyxl stores any string that starts with ``=`` as a formula, so a building named
``=HYPERLINK("http://…","点击查看")`` or an office named ``=1+1`` would become a live (or broken)
formula in the workbook. Text that starts with ``= + - @``, a tab or a carriage return is what
spreadsheet programs read as a formula when the cell is edited or the data is pasted on, so such
text is stored as a plain string (``data_type "s"``) with Excel's *quote prefix* style (the cell
shows the text as typed and stays text when edited). Characters Excel refuses (control
characters from an imported file) are dropped and the text is cut at Excel's 32,767 characters.

Used by the registers (``reports/excel.py``), the audit export, the weekly summary and the
calendar template. No Qt, no database: it sits beside ``i18n`` and ``errors`` so services and
reports alike can use it.
"""
from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_ROWS = 1_048_576  # the rows an Excel sheet has (the registers go on over more sheets)
MAX_TEXT = 32767  # Excel's limit for one cell


def risky(value) -> bool:
    """True for text a spreadsheet program could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def clean(value: str) -> str:
    """Text without the control characters Excel refuses, at most 32,767 characters."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:MAX_TEXT]


def protect(cell) -> None:
    """Make ``cell`` (normal or write-only) hold its string value as text, never a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if risky(cell.value):
            cell.quotePrefix = True


def put(ws, row: int, column: int, value):
    """``ws.cell(row, column, value)`` for a normal worksheet, text kept as text. Returns the
    cell."""
    if isinstance(value, str):
        value = clean(value)
        cell = ws.cell(row, column)
        cell.value = None
        cell._value, cell.data_type = value, "s"  # never through openpyxl's "=" -> formula
        if risky(value):
            cell.quotePrefix = True
        return cell
    return ws.cell(row, column, value)


def text_cell(ws, value):
    """A write-only worksheet's cell for ``value``: text kept as text. Plain values that need
    no protection come back as they are (cheapest for ``ws.append``)."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    if not risky(value):
        return value
    cell = WriteOnlyCell(ws)
    cell._value, cell.data_type = value, "s"
    cell.quotePrefix = True
    return cell


def text_row(ws, values):
    """``values`` for ``ws.append``, each text kept as text (normal or write-only sheet)."""
    return [text_cell(ws, v) for v in values]
