"""Reading and writing the holiday schedule file (.csv or .xlsx) the office fills in from the
State Council's notice (国务院办公厅关于某年部分节假日安排的通知).

One row per range: kind, first day, last day (empty: one day), note. The kind is "holiday"
(放假), "workday" (调休上班, a Saturday or Sunday worked) or "closed" (the office's own closed
day). Headers and kinds are read in English or Chinese; dates as 2027-02-05, 2027/2/5,
2027年2月5日 or Excel dates. Lines starting with "#" are comments; a comment with "EXAMPLE"
or "示例" marks a file that is not an official schedule.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
import re
from dataclasses import dataclass, field
from pathlib import Path

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import DayKind
from propdesk.services.register.owners import normalize_text

MSG_FILE = QT_TRANSLATE_NOOP("rules", "{label}: {name} cannot be read ({reason}).")
MSG_FILE_KIND = QT_TRANSLATE_NOOP("rules", "{label}: choose a .csv or .xlsx file.")
MSG_COLUMNS = QT_TRANSLATE_NOOP(
    "rules", "{label}: the first row must name the columns kind, start, end, note "
             "(类型, 开始日期, 结束日期, 说明).")
MSG_LINE_KIND = QT_TRANSLATE_NOOP(
    "rules", "Line {line}: \"{value}\" is not a kind; write holiday (放假), workday (调休上班) "
             "or closed (停业).")
MSG_LINE_DATE = QT_TRANSLATE_NOOP(
    "rules", "Line {line}: \"{value}\" is not a date; write it as 2027-02-05.")
MSG_LINE_ORDER = QT_TRANSLATE_NOOP("rules", "Line {line}: the last day is before the first.")
MSG_LINE_LONG = QT_TRANSLATE_NOOP("rules", "Line {line}: a range of more than 31 days.")
MSG_LINE_WEEKDAY = QT_TRANSLATE_NOOP(
    "rules", "Line {line}: {day} is a weekday; a make-up working day (调休上班) is a Saturday "
             "or Sunday.")
MSG_LINE_TWICE = QT_TRANSLATE_NOOP(
    "rules", "Line {line}: {day} is already on line {other} as another kind.")
MSG_LINE_NOTE = QT_TRANSLATE_NOOP("rules", "Line {line}: the note is longer than 80 characters.")

COLUMNS = {
    "kind": {"kind", "type", "类型", "类别"},
    "start": {"start", "from", "date", "开始日期", "开始", "日期", "起"},
    "end": {"end", "to", "结束日期", "结束", "止"},
    "note": {"note", "name", "说明", "名称", "备注", "节日"},
}
KINDS = {
    DayKind.HOLIDAY.value: {"holiday", "放假", "假日", "节假日", "休", "休息", "假"},
    DayKind.WORKDAY.value: {"workday", "上班", "调休上班", "补班", "班", "调休"},
    DayKind.CLOSED.value: {"closed", "停业", "闭门", "不营业", "停止营业", "office closed"},
}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
TEMPLATE_HEADER = ["类型 kind", "开始日期 start", "结束日期 end", "说明 note"]
TEMPLATE_HELP = (
    "# PropDesk 节假日安排 / holiday schedule. 类型 kind: 放假 holiday | 调休上班 workday | "
    "停业 closed. 日期 date: 2027-02-05. 结束日期可空 (end may be empty). 以 # 开头的行不读 "
    "(lines starting with # are ignored).")


@dataclass
class ScheduleRow:
    line: int
    kind: str
    start: dt.date
    end: dt.date
    note: str = ""


@dataclass
class Schedule:
    name: str = ""
    rows: list[ScheduleRow] = field(default_factory=list)
    errors: dict[str, RuleError] = field(default_factory=dict)  # "line 3" -> problem
    example: bool = False  # marked as an example, not an official schedule

    def days(self) -> dict[dt.date, tuple[str, str]]:
        out = {}
        for row in self.rows:
            day = row.start
            while day <= row.end:
                out[day] = (row.kind, row.note)
                day += dt.timedelta(days=1)
        return out

    def text(self) -> str:
        return "\n".join(e.text() for e in self.errors.values())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return normalize_text(str(value))


def _raw_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on a Chinese Windows saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnicodeDecodeError("utf-8", raw, 0, 1, "neither UTF-8 nor GBK")
    return [[_cell_text(v) for v in row] for row in csv.reader(text.splitlines())]


def _column_of(header: str) -> str | None:
    parts = {p for p in re.split(r"[\s()（）/|:：]+", header.lower()) if p}
    for name, aliases in COLUMNS.items():
        if parts & aliases or header.lower() in aliases:
            return name
    return None


def _date(text: str) -> dt.date | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _kind(text: str) -> str | None:
    text = text.strip().lower()
    return next((k for k, aliases in KINDS.items() if text in aliases), None)


def _error(message: str, **params) -> RuleError:
    return RuleError(message, field="schedule_file", **params)


def read_schedule(path: str | Path) -> Schedule:
    """Read and check a schedule file; problems are collected per line, nothing is stored."""
    from propdesk.services.core.validation import label

    path = Path(path)
    schedule = Schedule(name=path.name)
    where = label("schedule_file")
    if path.suffix.lower() not in (".csv", ".xlsx"):
        schedule.errors["file"] = _error(MSG_FILE_KIND, label=where)
        return schedule
    try:
        rows = _raw_rows(path)
    except Exception as err:  # noqa: BLE001 - unreadable, not a workbook, wrong encoding: a message
        schedule.errors["file"] = _error(MSG_FILE, label=where, name=path.name, reason=type(err).__name__)
        return schedule
    columns: dict[str, int] | None = None
    seen: dict[dt.date, tuple[str, int]] = {}
    for line, cells in enumerate(rows, start=1):
        first = next((c for c in cells if c), "")
        if not first:
            continue
        if first.startswith("#"):
            schedule.example |= "example" in first.lower() or "示例" in first
            continue
        if columns is None:
            found = {_column_of(c): i for i, c in enumerate(cells) if c}
            if "kind" not in found or "start" not in found:
                schedule.errors["file"] = _error(MSG_COLUMNS, label=where)
                return schedule
            columns = {k: v for k, v in found.items() if k}
            continue
        row = _row(schedule, line, cells, columns)
        if row is not None:
            _check_overlap(schedule, row, seen)
    if columns is None:
        schedule.errors["file"] = _error(MSG_COLUMNS, label=where)
    return schedule


def _row(schedule: Schedule, line: int, cells: list[str], columns: dict[str, int]) -> ScheduleRow | None:
    def cell(name: str) -> str:
        i = columns.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    key = f"line {line}"
    kind = _kind(cell("kind"))
    start = _date(cell("start"))
    end = _date(cell("end")) if cell("end") else start
    note = cell("note")
    if kind is None:
        schedule.errors[key] = _error(MSG_LINE_KIND, line=line, value=cell("kind"))
    elif start is None or end is None:
        bad = cell("start") if start is None else cell("end")
        schedule.errors[key] = _error(MSG_LINE_DATE, line=line, value=bad)
    elif end < start:
        schedule.errors[key] = _error(MSG_LINE_ORDER, line=line)
    elif (end - start).days > 31:
        schedule.errors[key] = _error(MSG_LINE_LONG, line=line)
    elif len(note) > 80:
        schedule.errors[key] = _error(MSG_LINE_NOTE, line=line)
    elif kind == DayKind.WORKDAY.value and any(
            (start + dt.timedelta(days=i)).weekday() < 5 for i in range((end - start).days + 1)):
        day = next(start + dt.timedelta(days=i) for i in range((end - start).days + 1)
                   if (start + dt.timedelta(days=i)).weekday() < 5)
        schedule.errors[key] = _error(MSG_LINE_WEEKDAY, line=line, day=day.isoformat())
    else:
        row = ScheduleRow(line, kind, start, end, note)
        schedule.rows.append(row)
        return row
    return None


def _check_overlap(schedule: Schedule, row: ScheduleRow, seen: dict) -> None:
    day = row.start
    while day <= row.end:
        other = seen.get(day)
        if other and other[0] != row.kind:
            schedule.errors[f"line {row.line}"] = _error(MSG_LINE_TWICE, line=row.line,
                                                         day=day.isoformat(), other=other[1])
            schedule.rows.remove(row)
            return
        seen.setdefault(day, (row.kind, row.line))
        day += dt.timedelta(days=1)


def write_template(path: str | Path, rows: Sequence[tuple] = ()) -> Path:
    """An empty schedule (or ``rows`` of (kind, start, end, note)) as .csv (UTF-8 with BOM, so
    Excel shows the Chinese) or .xlsx, to fill in from the official notice."""
    path = Path(path)
    body = [[k, s.isoformat() if isinstance(s, dt.date) else s,
             e.isoformat() if isinstance(e, dt.date) else (e or ""), n] for k, s, e, n in rows]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        from propdesk.xlsx_text import text_row

        book = Workbook()
        sheet = book.active
        sheet.title = translate("calendar", QT_TRANSLATE_NOOP("calendar", "Schedule"))
        sheet.append(text_row(sheet, TEMPLATE_HEADER))
        for row in body:
            sheet.append(text_row(sheet, row))
        for col, width in zip("ABCD", (14, 16, 16, 24)):
            sheet.column_dimensions[col].width = width
        help_sheet = book.create_sheet("help")
        help_sheet.append(text_row(help_sheet, [TEMPLATE_HELP]))
        book.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([TEMPLATE_HELP])
        writer.writerow(TEMPLATE_HEADER)
        writer.writerows(body)
    return path
