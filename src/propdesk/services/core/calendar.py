"""China's working-day calendar: weekends off except make-up working days (调休), statutory
holidays off, plus the office's own entries.

Order of authority for a date: the office's own ``CalendarDay`` entry (a schedule entered for a
year the package does not cover yet, or an office closed day), then the ``chinese_calendar``
package, then Monday-Friday (logged once per year, see :func:`uncovered_years`).
"""
from __future__ import annotations

import datetime as dt
import functools
import logging

import chinese_calendar

from propdesk.services.core.db_retry import transaction
from propdesk.models.enums import DayKind
from propdesk.models.tables import CalendarDay

log = logging.getLogger(__name__)
_warned_years: set[int] = set()
END_OF_DAY = dt.time(23, 59)
_office_days: dict[dt.date, str] | None = None


def _office() -> dict[dt.date, str]:
    """The office's own calendar entries, cached (a few dozen rows a year)."""
    global _office_days
    if _office_days is None:
        try:
            _office_days = {row.day: row.kind for row in CalendarDay.select()}
        except Exception:  # no database bound yet (pure calendar use)
            return {}
    return _office_days


def invalidate_cache() -> None:
    global _office_days
    _office_days = None
    package_is_working_day.cache_clear()


@functools.lru_cache(maxsize=4096)
def package_is_working_day(day: dt.date) -> bool | None:
    """What the statutory package says, or None for a year it does not cover."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def year_covered(year: int) -> bool:
    """True when the package or the office's own entries give the official schedule."""
    if package_is_working_day(dt.date(year, 6, 1)) is not None:
        return True
    return any(d.year == year and k != DayKind.CLOSED.value for d, k in _office().items())


def is_working_day(day: dt.date | dt.datetime) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    office = _office().get(day)
    if office is not None:
        return office == DayKind.WORKDAY.value
    answer = package_is_working_day(day)
    if answer is not None:
        return answer
    if day.year not in _warned_years and not year_covered(day.year):
        _warned_years.add(day.year)
        log.warning("no official holiday schedule for %s: counting Monday to Friday", day.year)
    return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """``days`` working days after ``start``, at the same time of day.

    Something received on a non-working day counts the next working day as day 1 and is due at
    the end (23:59) of the last day: a Saturday complaint due in one working day is due Monday
    23:59.
    """
    if days <= 0:
        return start
    if not is_working_day(start.date()):
        day = next_working_day(start.date())
        for _ in range(days - 1):
            day = next_working_day(day)
        return dt.datetime.combine(day, END_OF_DAY)
    day = start.date()
    for _ in range(days):
        day = next_working_day(day)
    return dt.datetime.combine(day, start.time())


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days come after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def uncovered_years(today: dt.date | None = None, horizon_days: int = 60) -> list[int]:
    """Years within the next ``horizon_days`` that have no official schedule (for the banner)."""
    today = today or dt.date.today()
    years = sorted({today.year, (today + dt.timedelta(days=horizon_days)).year})
    return [y for y in years if not year_covered(y)]


def set_office_day(day: dt.date, kind: DayKind, note: str = "") -> None:
    with transaction():
        CalendarDay.replace(day=day, kind=kind.value, note=note).execute()
    invalidate_cache()


def working_seconds_between(start: dt.datetime, end: dt.datetime) -> int:
    """The time from ``start`` to ``end`` that falls on working days (whole days count 24 h):
    what a hold stopped the clock for."""
    total, cursor = 0, start
    while cursor < end:
        midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
        step_end = min(end, midnight)
        if is_working_day(cursor.date()):
            total += int((step_end - cursor).total_seconds())
        cursor = step_end
    return total


def add_working_seconds(start: dt.datetime, seconds: int) -> dt.datetime:
    """``start`` moved on by ``seconds`` of working time (non-working days are skipped whole):
    a resolve-by moved by the working time a case was on hold."""
    cursor, left = start, seconds
    while left > 0:
        if not is_working_day(cursor.date()):
            cursor = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            continue
        midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
        room = int((midnight - cursor).total_seconds())
        if left <= room:
            return cursor + dt.timedelta(seconds=left)
        left -= room
        cursor = midnight
    return cursor
