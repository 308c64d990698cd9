"""The audit log (filtered as on screen) to Excel, in openpyxl's write-only mode.

A title row, the filter in words, the header row (frozen, auto-filter), one line per entry,
newest first. Written next to the target and renamed into place (``reports.output_file``).
The export is itself written to the audit log. No Qt here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from propdesk import xlsx_text
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.reports import ExportCancelled, output_file
from propdesk.services.core import audit_log
from propdesk.services.core import settings
from propdesk.services.core.audit_log import AuditFilter

CTX = "audit"
TITLE = QT_TRANSLATE_NOOP("audit", "Audit log")
EXPORTED = QT_TRANSLATE_NOOP("audit", "Exported {when} by {name}")
COLUMNS = [  # (key, header, width)
    ("at", QT_TRANSLATE_NOOP("audit", "Time"), 18),
    ("who", QT_TRANSLATE_NOOP("audit", "Person"), 12),
    ("role", QT_TRANSLATE_NOOP("audit", "Role"), 10),
    ("entity_label", QT_TRANSLATE_NOOP("audit", "Record kind"), 12),
    ("record", QT_TRANSLATE_NOOP("audit", "Record"), 18),
    ("action_label", QT_TRANSLATE_NOOP("audit", "Action"), 14),
    ("note", QT_TRANSLATE_NOOP("audit", "Note"), 40),
    ("changes", QT_TRANSLATE_NOOP("audit", "Changes (old → new)"), 60),
]
THIN = Side(style="thin", color="808080")
HEADER_ROW = 3
PROGRESS_EVERY = 500  # lines between two progress reports (and looks at Cancel)
# an Excel sheet ends at row 1,048,576 (a longer one is refused or cut short when opened); the
# title, the stamp and the header take HEADER_ROW of them. A longer log goes on over more sheets,
# 操作日志 (2), (3) …, each with the same heading, as the registers do (reports.excel).
MOST_LINES = xlsx_text.SHEET_ROWS - HEADER_ROW
LAST_COLUMN = chr(ord("A") + len(COLUMNS) - 1)


def _clean(ws, value):
    """Text as text: no control characters Excel refuses, never a formula (xlsx_text)."""
    if not isinstance(value, str) or not value:
        return value or None
    return xlsx_text.text_cell(ws, value)


def _text(ws, value: str):
    """A write-only cell that can be styled, its text kept as text."""
    cell = WriteOnlyCell(ws)
    cell._value, cell.data_type = xlsx_text.clean(value), "s"
    xlsx_text.protect(cell)
    return cell


def export_audit(actor, f: AuditFilter, path, progress: Callable[[int], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> int:
    """Write the entries ``f`` selects to the .xlsx ``path``; returns how many. Supervisors and
    administrators only (``audit.view``). ``progress(n)`` every PROGRESS_EVERY lines; ``should_cancel()``
    as often (True: :class:`ExportCancelled`, no file written, nothing audited). More entries than
    a sheet holds (MOST_LINES) go on over the next sheet."""
    rows = audit_log.all_rows(actor, f)
    first = next(rows, None)  # (a generator: its first row checks the permission, before any file)
    n = 0
    with output_file(path, ".xlsx") as tmp:
        wb = Workbook(write_only=True)
        stamp = translate(CTX, EXPORTED).format(when=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                                                name=actor.name)
        ws, on_sheet = _sheet(wb, 1, stamp), 0
        for row in _chain(first, rows):
            if on_sheet == MOST_LINES:  # this sheet is full: the next one, with its heading
                _end_sheet(ws, on_sheet)
                ws, on_sheet = _sheet(wb, len(wb.worksheets) + 1, stamp), 0
            values = []
            for key, _h, _w in COLUMNS:
                if key == "at":
                    cell = WriteOnlyCell(ws, row["at"])
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                    values.append(cell)
                else:
                    values.append(_clean(ws, row[key]))
            ws.append(values)
            n += 1
            on_sheet += 1
            if n % PROGRESS_EVERY == 0:
                if should_cancel is not None and should_cancel():
                    # the sheets' XML writers ended as openpyxl ends them (left mid-row, lxml
                    # complained when they were collected); output_file removes the file
                    for sheet in wb.worksheets:
                        sheet.close()
                    raise ExportCancelled()
                if progress:
                    progress(n)
        _end_sheet(ws, on_sheet)
        wb.save(tmp)
    audit_log.record_export(actor, Path(path).name, n)
    return n


def _sheet(wb, k: int, stamp: str):
    """Sheet ``k`` (1, 2 …) with the title, the export's stamp and the header row (frozen)."""
    name = translate(CTX, TITLE)
    suffix = f" ({k})" if k > 1 else ""
    ws = wb.create_sheet(title=name[:31 - len(suffix)] + suffix)
    for i, (_key, _header, width) in enumerate(COLUMNS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    title = _text(ws, f"{settings.get('office_name') or ''}  {name}".strip())
    title.font = Font(size=14, bold=True)
    ws.append([title])
    line = _text(ws, stamp)
    line.font = Font(size=10, color="404040")
    ws.append([line])
    header = []
    for _key, text, _w in COLUMNS:
        cell = _text(ws, translate(CTX, text))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    return ws


def _end_sheet(ws, lines: int) -> None:
    ws.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{HEADER_ROW + max(lines, 1)}"


def _chain(first, rest):
    if first is None:
        return
    yield first
    yield from rest
