"""The office's working calendar: a year's holidays, make-up working days (调休上班) and the
office's own closed days, entered by hand or read from a small .csv/.xlsx schedule file.

The statutory data comes from the ``chinese_calendar`` package where it covers the year; for a
year it does not cover yet (2027 today) the office enters the State Council's schedule once it
is published. The office's entries win over the package (see :mod:`propdesk.services.core.calendar`).
Every change is one transaction with one audit entry listing each day (old kind -> new kind).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import chinese_calendar

from propdesk.errors import MSG_REQUIRED, ValidationError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import DayKind
from propdesk.models.tables import CalendarDay, Setting, Staff
from propdesk.services.core import audit
from propdesk.services.core import calendar
from propdesk.services.core.db_retry import transaction
from propdesk.services.setup.office import require_edit
from propdesk.services.setup.schedule_file import Schedule, read_schedule, write_template  # noqa: F401 - re-exported: the calendar tab's one module
from propdesk.services.core.validation import Checker

ENTITY = "calendar"
MAX_SPAN_DAYS = 366

MSG_ORDER = QT_TRANSLATE_NOOP("rules", "{label}: the last day is before the first.")
MSG_SPAN = QT_TRANSLATE_NOOP("rules", "{label}: at most {max} days at once.")
MSG_NO_HOLIDAYS = QT_TRANSLATE_NOOP(
    "rules", "{label}: the file has no public holidays for {year}.")
MSG_NO_DAYS = QT_TRANSLATE_NOOP("rules", "{label}: the file has no days in {year}.")
MSG_BUILT_IN = QT_TRANSLATE_NOOP(
    "rules", "{label}: {year}'s official schedule is built in; there is nothing to mark.")
MSG_NOTHING_ENTERED = QT_TRANSLATE_NOOP(
    "rules", "{label}: no public holidays of {year} are entered yet. Enter the State Council's "
             "schedule (or import the file) first, then mark the year complete.")

# the package's holiday names, for the calendar view
HOLIDAY_NAMES = {
    "New Year's Day": QT_TRANSLATE_NOOP("calendar", "New Year's Day"),
    "Spring Festival": QT_TRANSLATE_NOOP("calendar", "Spring Festival"),
    "Tomb-sweeping Day": QT_TRANSLATE_NOOP("calendar", "Tomb-sweeping Day"),
    "Labour Day": QT_TRANSLATE_NOOP("calendar", "Labour Day"),
    "Dragon Boat Festival": QT_TRANSLATE_NOOP("calendar", "Dragon Boat Festival"),
    "National Day": QT_TRANSLATE_NOOP("calendar", "National Day"),
    "Mid-autumn Festival": QT_TRANSLATE_NOOP("calendar", "Mid-autumn Festival"),
    "Anti-Fascist 70th Day": QT_TRANSLATE_NOOP("calendar", "Anti-Fascist 70th Day"),
}


@dataclass(frozen=True)
class DayMark:
    kind: str  # DayKind value
    note: str = ""
    source: str = "office"  # "office" | "statutory"


@dataclass
class YearSummary:
    year: int
    # where the official schedule comes from: "statutory" (built in), "office" (entered and
    # marked complete), "partial" (days entered, the year not marked complete), "none"
    source: str
    holidays: int = 0  # days off that would otherwise be working days
    workdays: int = 0  # make-up working days
    closed: int = 0  # office closed days
    marks: dict[dt.date, DayMark] = field(default_factory=dict)


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def last_builtin_year() -> int:
    """The last year the statutory package covers."""
    year = dt.date.today().year + 1
    while year > 2004 and calendar.package_is_working_day(dt.date(year, 6, 1)) is None:
        year -= 1
    while calendar.package_is_working_day(dt.date(year + 1, 6, 1)) is not None:
        year += 1
    return year


def statutory_marks(year: int) -> dict[dt.date, DayMark]:
    """What the package says for ``year`` (empty when it does not cover it)."""
    if calendar.package_is_working_day(dt.date(year, 6, 1)) is None:
        return {}
    marks = {}
    for day in _days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        try:
            is_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            continue
        note = translate("calendar", HOLIDAY_NAMES.get(name, name)) if name else ""
        if is_holiday and name:
            marks[day] = DayMark(DayKind.HOLIDAY.value, note, "statutory")
        elif not is_holiday and day.weekday() >= 5:
            marks[day] = DayMark(DayKind.WORKDAY.value, note, "statutory")
    return marks


def office_marks(year: int) -> dict[dt.date, DayMark]:
    rows = CalendarDay.select().where(CalendarDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return {row.day: DayMark(row.kind, row.note, "office") for row in rows}


def year_summary(year: int) -> YearSummary:
    """The year as the calendar view shows it: statutory marks, the office's on top."""
    statutory = statutory_marks(year)
    office = office_marks(year)
    marks = {**statutory, **office}
    if statutory:
        source = "statutory"
    elif year in calendar.complete_years():
        source = "office"
    elif any(m.kind != DayKind.CLOSED.value for m in office.values()):
        source = "partial"
    else:
        source = "none"
    counts = Counter(m.kind for d, m in marks.items()
                     if m.kind != DayKind.HOLIDAY.value or d.weekday() < 5)
    return YearSummary(year, source, counts[DayKind.HOLIDAY.value], counts[DayKind.WORKDAY.value],
                       counts[DayKind.CLOSED.value], marks)


# --- changes by hand -------------------------------------------------------------------------

def _checked_range(c: Checker, start, end) -> tuple[dt.date, dt.date] | None:
    if not isinstance(start, dt.date):
        c.fail("day_from", MSG_REQUIRED)
    if not isinstance(end, dt.date):
        c.fail("day_to", MSG_REQUIRED)
    if c.errors:
        return None
    if end < start:
        c.fail("day_to", MSG_ORDER)
    elif (end - start).days >= MAX_SPAN_DAYS:
        c.fail("day_to", MSG_SPAN, max=MAX_SPAN_DAYS)
    return None if c.errors else (start, end)


def _write(actor: Staff | None, wanted: dict[dt.date, tuple[str, str] | None], action: str,
           note: str, year: int) -> int:
    """Apply day -> (kind, note) or None (clear); audit one change per day. In a transaction."""
    existing = {row.day: row for row in CalendarDay.select().where(CalendarDay.day.in_(list(wanted)))}
    changes = {}
    for day, value in sorted(wanted.items()):
        row = existing.get(day)
        old = f"{row.kind} {row.note}".strip() if row else None
        if value is None:
            if row is not None:
                CalendarDay.delete().where(CalendarDay.id == row.id).execute()
                changes[day.isoformat()] = (old, None)
            continue
        new = f"{value[0]} {value[1]}".strip()
        if old != new:
            if row is None:
                CalendarDay.create(day=day, kind=value[0], note=value[1])
            else:
                CalendarDay.update(kind=value[0], note=value[1]).where(CalendarDay.id == row.id).execute()
            changes[day.isoformat()] = (old, new)
    if changes:
        calendar.mark_changed()  # the other desks read the entries again (a new stamp)
        audit.record(actor, ENTITY, year, action, note=note, changes=changes)
    return len(changes)


def set_days(actor: Staff | None, start: dt.date, end: dt.date, kind: str, note: str = "") -> int:
    """Mark every day from ``start`` to ``end`` as ``kind``; returns the days changed."""
    require_edit(actor, ENTITY, start.year if isinstance(start, dt.date) else 0)
    c = Checker()
    span = _checked_range(c, start, end)
    kind = c.choice("day_kind", kind, [k.value for k in DayKind])
    note = c.text("day_note", note, max_len=80)
    c.raise_if_any()
    with transaction():
        n = _write(actor, {d: (kind, note) for d in _days(*span)}, "set_days",
                   f"{span[0]}..{span[1]} {kind} {note}".strip(), span[0].year)
    calendar.invalidate_cache()
    return n


def clear_days(actor: Staff | None, start: dt.date, end: dt.date) -> int:
    """Remove the office's entries from ``start`` to ``end`` (the statutory data, or Monday to
    Friday, applies again); returns the days changed."""
    require_edit(actor, ENTITY, start.year if isinstance(start, dt.date) else 0)
    c = Checker()
    span = _checked_range(c, start, end)
    c.raise_if_any()
    with transaction():
        n = _write(actor, {d: None for d in _days(*span)}, "clear_days", f"{span[0]}..{span[1]}",
                   span[0].year)
    calendar.invalidate_cache()
    return n


# --- the official schedule from a file -------------------------------------------------------

def import_schedule(actor: Staff | None, schedule: Schedule | str, year: int | None = None) -> YearSummary:
    """Enter the official schedule of ``year`` (default: the year most of the file's days are
    in) from a checked file: the office's earlier holidays and make-up days of that year are
    replaced; its closed days stay unless the file says otherwise. One transaction."""
    require_edit(actor, ENTITY, year or 0)
    if not isinstance(schedule, Schedule):
        schedule = read_schedule(schedule)
    if schedule.errors:
        raise ValidationError(schedule.errors)
    days = schedule.days()
    if year is None and days:
        year = Counter(d.year for d in days).most_common(1)[0][0]
    c = Checker()
    if not days or not any(d.year == year for d in days):
        c.fail("schedule_file", MSG_NO_DAYS, year=year or "-")
    elif not any(k == DayKind.HOLIDAY.value and d.year == year for d, (k, _n) in days.items()):
        c.fail("schedule_file", MSG_NO_HOLIDAYS, year=year)
    c.raise_if_any()
    with transaction():
        wanted: dict[dt.date, tuple[str, str] | None] = {
            row.day: None for row in CalendarDay.select().where(
                CalendarDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                & (CalendarDay.kind != DayKind.CLOSED.value))}
        wanted.update(days)
        _write(actor, wanted, "import_schedule", schedule.name, year)
        _store_complete(actor, year, True)  # a whole year's schedule from the State Council
    calendar.invalidate_cache()
    return year_summary(year)


# --- a year marked complete ------------------------------------------------------------------

def _store_complete(actor: Staff | None, year: int, complete: bool) -> bool:
    """Add or remove ``year`` in the complete years, audited; inside the caller's transaction."""
    years = set(calendar.parse_years(
        Setting.select(Setting.value).where(Setting.key == calendar.COMPLETE_KEY).scalar()))
    if (year in years) == complete:
        return False
    years = years | {year} if complete else years - {year}
    value = ",".join(str(y) for y in sorted(years))
    (Setting.insert(key=calendar.COMPLETE_KEY, value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())
    audit.record(actor, ENTITY, year, "year_complete" if complete else "year_incomplete",
                 changes={"complete": (not complete, complete)})
    calendar.mark_changed()
    return True


def set_year_complete(actor: Staff | None, year: int, complete: bool = True) -> YearSummary:
    """The office says ``year``'s official schedule is all entered (or takes that back). Only
    then do its deadlines count the entered holidays as the whole year's, the banner go and
    intake stop warning. Refused for a built-in year, and for a year with no holiday entered."""
    require_edit(actor, ENTITY, year)
    c = Checker()
    if complete and calendar.package_covers(year):
        c.fail("year_complete", MSG_BUILT_IN, year=year)
    elif complete and not CalendarDay.select().where(
            CalendarDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
            & (CalendarDay.kind == DayKind.HOLIDAY.value)).exists():
        c.fail("year_complete", MSG_NOTHING_ENTERED, year=year)
    c.raise_if_any()
    with transaction():
        _store_complete(actor, year, complete)
    calendar.invalidate_cache()
    return year_summary(year)

