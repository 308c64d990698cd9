"""The weekly summary in Excel: the same tables as the PDF, one after another on one sheet,
plus the eight-week trend on its own sheet; rates are real percentages."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from propdesk.xlsx_text import put
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports import output_file
from propdesk.reports.weekly_tables import MADE_BY, PERIOD, TITLE, Percent, all_tables, trend, tr
from propdesk.services.core import settings
from propdesk.services.lists.weekly import WeeklySummary

HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
SUMMARY_SHEET = QT_TRANSLATE_NOOP("reports", "Summary")
TREND_SHEET = QT_TRANSLATE_NOOP("reports", "Trend")


def _value(cell, value) -> None:
    if isinstance(value, Percent):
        cell.value = value.value
        cell.number_format = "0%"
    else:
        put(cell.parent, cell.row, cell.column, value)


def _write_table(ws, row: int, table) -> int:
    put(ws, row, 1, table.title).font = Font(bold=True, size=12)
    row += 1
    for col, head in enumerate(table.headers, 1):
        cell = put(ws, row, col, head)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for values in table.rows:
        row += 1
        for col, value in enumerate(values, 1):
            _value(ws.cell(row, col), value)
    return row + 2


def weekly_xlsx(s: WeeklySummary, path, made_by: str, mask_phones: bool | None = None) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = tr(SUMMARY_SHEET)[:31]
    put(ws, 1, 1, f"{settings.get('office_name') or ''}  {tr(TITLE)}").font = Font(bold=True, size=14)
    put(ws, 2, 1, tr(PERIOD).format(start=s.this.start.isoformat(), end=s.this.end.isoformat()))
    put(ws, 3, 1, tr(MADE_BY).format(name=made_by, at=s.generated_at.strftime("%Y-%m-%d %H:%M")))
    row = 5
    for table in all_tables(s, mask_phones):
        row = _write_table(ws, row, table)
    ws.column_dimensions["A"].width = 34
    for letter in "BCDEFGHI":
        ws.column_dimensions[letter].width = 14
    sheet = wb.create_sheet(tr(TREND_SHEET)[:31])
    _write_table(sheet, 1, trend(s))
    sheet.column_dimensions["A"].width = 16
    with output_file(path, ".xlsx") as tmp:  # a missing folder is a message, never half a file
        wb.save(tmp)
