"""China's working-day calendar: weekends off except make-up working days (调休), statutory
holidays off, plus the office's own entries.

A year the package does not cover counts as entered only when the office has marked it complete
in office setup (setting ``calendar_complete_years``, written by
:func:`propdesk.services.setup.calendar_admin.set_year_complete`): one holiday typed by hand
does not make a year's schedule known.

Order of authority for a date: the office's own ``CalendarDay`` entry (a schedule entered for a
year the package does not cover yet, or an office closed day), then the ``chinese_calendar``
package, then Monday-Friday (logged once per year, see :func:`uncovered_years`).

The office's entries are cached per process, and several desks share one database: every change
(services.setup.calendar_admin) writes a new stamp into the setting ``calendar_version`` in the
same transaction (:func:`mark_changed`), and each public function here reads the stamp (one
primary-key look-up, SQLite and PostgreSQL alike) before it uses the cache, so the next deadline
any desk computes follows the change. A calendar that cannot be read is logged and raised as
:class:`CalendarUnreadable` (a message for the clerk), never taken for "no office days".
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Iterator

import chinese_calendar

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import DayKind
from propdesk.models.tables import CalendarDay, Setting, database

log = logging.getLogger(__name__)
_warned_years: set[int] = set()
END_OF_DAY = dt.time(23, 59)
VERSION_KEY = "calendar_version"
COMPLETE_KEY = "calendar_complete_years"  # "2027,2028": years the office marked complete


class _Entries(dict):
    """The office's entries (day -> kind) and the years it marked complete."""

    complete: frozenset[int] = frozenset()


_cached: tuple[str | None, _Entries] | None = None  # (stamp, entries)
_frozen: _Entries | None = None  # held by frozen()

MSG_UNREADABLE = QT_TRANSLATE_NOOP(
    "rules", "The office's working calendar cannot be read, so no deadline can be worked out. "
             "Try again; if it goes on, ask the administrator (details are in the log file).")


class CalendarUnreadable(RuleError):
    """The office's calendar entries could not be read: deadlines cannot be computed."""


def parse_years(text: str | None) -> frozenset[int]:
    return frozenset(int(y) for y in (text or "").split(",") if y.strip().isdigit())


def _office() -> _Entries:
    """The office's own calendar entries (a few dozen rows a year), cached while the stamp in
    ``calendar_version`` stays the same."""
    global _cached
    if _frozen is not None:
        return _frozen
    if database.obj is None:  # no database opened (the statutory calendar alone)
        return _Entries()
    try:
        stamp = Setting.select(Setting.value).where(Setting.key == VERSION_KEY).scalar()
        if _cached is None or _cached[0] != stamp:
            entries = _Entries({row.day: row.kind for row in CalendarDay.select()})
            entries.complete = parse_years(
                Setting.select(Setting.value).where(Setting.key == COMPLETE_KEY).scalar())
            _cached = (stamp, entries)
        return _cached[1]
    except Exception as err:
        log.exception("the office calendar could not be read")
        raise CalendarUnreadable(MSG_UNREADABLE) from err


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Use the entries as they are now, without asking the database again, until the block
    ends: for a bulk job that holds the file with a connection of its own (benchmarks)."""
    global _frozen
    _frozen = _office()
    try:
        yield
    finally:
        _frozen = None


def mark_changed() -> None:
    """Call inside the transaction that changes ``CalendarDay``: every desk's next look-up
    reads the entries again."""
    import uuid  # (saving a calendar only: not imported at start, issue 21)

    stamp = uuid.uuid4().hex
    (Setting.insert(key=VERSION_KEY, value=stamp)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: stamp}).execute())
    invalidate_cache()


def invalidate_cache() -> None:
    global _cached
    _cached = None
    package_is_working_day.cache_clear()


@functools.lru_cache(maxsize=4096)
def package_is_working_day(day: dt.date) -> bool | None:
    """What the statutory package says, or None for a year it does not cover."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def year_covered(year: int) -> bool:
    """True when the package gives the official schedule, or the office entered it and marked
    the year complete."""
    return _covered(year, _office())


def package_covers(year: int) -> bool:
    return package_is_working_day(dt.date(year, 6, 1)) is not None


def _covered(year: int, office: dict) -> bool:
    if package_covers(year):
        return True
    return year in getattr(office, "complete", frozenset())


def complete_years() -> list[int]:
    """The years the office marked complete (its own schedule for a year the package lacks)."""
    return sorted(_office().complete)


def unentered_years(start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> list[int]:
    """The years from ``start`` to ``end`` whose official schedule is not known (so deadlines
    in them count Monday to Friday): what intake warns the clerk about."""
    office = _office()
    first = start.year
    last = max(end.year, first)
    return [y for y in range(first, last + 1) if not _covered(y, office)]


def is_working_day(day: dt.date | dt.datetime) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    return _working(day, _office())


def _working(day: dt.date, office: dict) -> bool:
    entry = office.get(day)
    if entry is not None:
        return entry == DayKind.WORKDAY.value
    answer = package_is_working_day(day)
    if answer is not None:
        return answer
    if day.year not in _warned_years and not _covered(day.year, office):
        _warned_years.add(day.year)
        log.warning("no official holiday schedule for %s: counting Monday to Friday", day.year)
    return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    return _next(day, _office())


def _next(day: dt.date, office: dict) -> dt.date:
    day += dt.timedelta(days=1)
    while not _working(day, office):
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
    office = _office()
    if not _working(start.date(), office):
        day = _next(start.date(), office)
        for _ in range(days - 1):
            day = _next(day, office)
        return dt.datetime.combine(day, END_OF_DAY)
    day = start.date()
    for _ in range(days):
        day = _next(day, office)
    return dt.datetime.combine(day, start.time())


def uncovered_years(today: dt.date | None = None, horizon_days: int = 60) -> list[int]:
    """Years within the next ``horizon_days`` that have no official schedule (for the banner)."""
    today = today or dt.date.today()
    years = sorted({today.year, (today + dt.timedelta(days=horizon_days)).year})
    office = _office()
    return [y for y in years if not _covered(y, office)]


def working_seconds_between(start: dt.datetime, end: dt.datetime) -> int:
    """The time from ``start`` to ``end`` that falls on working days (whole days count 24 h):
    what a hold stopped the clock for."""
    total, cursor, office = 0, start, _office()
    while cursor < end:
        midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
        step_end = min(end, midnight)
        if _working(cursor.date(), office):
            total += int((step_end - cursor).total_seconds())
        cursor = step_end
    return total


def add_working_seconds(start: dt.datetime, seconds: int) -> dt.datetime:
    """``start`` moved on by ``seconds`` of working time (non-working days are skipped whole):
    a resolve-by moved by the working time a case was on hold."""
    cursor, left, office = start, seconds, _office()
    while left > 0:
        if not _working(cursor.date(), office):
            cursor = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            continue
        midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
        room = int((midnight - cursor).total_seconds())
        if left <= room:
            return cursor + dt.timedelta(seconds=left)
        left -= room
        cursor = midnight
    return cursor
