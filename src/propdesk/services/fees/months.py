"""The cashier's month (收费月份): special services are summed up to the cut-off day and handed to
the cashier (每月25日前将特约服务费汇总交收款部门), bills are made by the month's end. With the
usual cut-off day 25 the month "2026-11" runs from 26 October to 25 November; a fee taken on
26 November counts in 2026-12.

The cut-off day and the day the dashboard starts reminding are office settings
(``fee_cutoff_day``, ``fee_remind_day``: 1–28, changed in Office setup → Deadlines, audited);
``cutoff_day()`` and ``remind_day()`` are the only readers. ``month_of`` (Python) and the stored
``Payment.fee_month`` are the one rule: payments store their month when recorded, so the summary
and the dashboard select by an indexed column, and a fee already recorded keeps its month when
the office changes its cut-off day.
"""
from __future__ import annotations

import datetime as dt
import re

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import AuditEntry, Staff, now
from propdesk.services.core import audit, settings
from propdesk.services.core.db_retry import transaction

DEFAULT_CUTOFF_DAY = 25  # the last day of a cashier's month (每月25日前)
DEFAULT_REMIND_DAY = 20  # the dashboard reminds from this day when the summary is not produced
DAY_LIMITS = (1, 28)  # a day every month has
MSG_REMIND_AFTER_CUTOFF = QT_TRANSLATE_NOOP(
    "rules", "{label}: the reminder cannot start after the cut-off day ({cutoff}).")
SUMMARY_ENTITY = "fee_summary"  # audit entries: entity_id = YYYYMM of the month produced

MSG_MONTH = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is not a month; write it as 2026-11.")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _day(key: str, default: int) -> int:
    try:
        value = int(settings.get(key) or default)
    except ValueError:
        return default
    return value if DAY_LIMITS[0] <= value <= DAY_LIMITS[1] else default


def cutoff_day() -> int:
    """The office's cut-off day: the last day of a cashier's month (default 25)."""
    return _day("fee_cutoff_day", DEFAULT_CUTOFF_DAY)


def remind_day() -> int:
    """From this day of the month the dashboard reminds that the summary is owed (default 20)."""
    return min(_day("fee_remind_day", DEFAULT_REMIND_DAY), cutoff_day())


def check_days(c, cutoff: int | None, remind: int | None) -> None:
    """The two days together: the reminder starts on or before the cut-off day (each day's
    range is checked by the caller with the other settings' numbers)."""
    if cutoff is not None and remind is not None and remind > cutoff:
        c.fail("fee_remind_day", MSG_REMIND_AFTER_CUTOFF, cutoff=cutoff)


def month_of(day: dt.date | dt.datetime, cutoff: int | None = None) -> str:
    """The cashier's month a day belongs to: the days after the cut-off day count in the next
    month (``cutoff``: the office's setting unless given, e.g. for many days at once)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    cutoff = cutoff or cutoff_day()
    year, month = day.year, day.month
    if day.day > cutoff:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}"


def next_month(month: str) -> str:
    year, mon = split(month)
    return f"{year + 1:04d}-01" if mon == 12 else f"{year:04d}-{mon + 1:02d}"


def split(month: str) -> tuple[int, int]:
    m = _MONTH.match((month or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise ValueError(month)
    return int(m.group(1)), int(m.group(2))


def parse(month, field: str = "bill_month") -> str:
    """'2026-11' (or '2026-1') as the canonical '2026-11'; a RuleError naming ``field``."""
    from propdesk.services.core.validation import label

    try:
        year, mon = split(str(month))
    except ValueError:
        raise RuleError(MSG_MONTH, field=field, label=label(field), value=month) from None
    return f"{year:04d}-{mon:02d}"


def period(month: str) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a cashier's month: the day after the cut-off day of the
    month before to the cut-off day (26 October to 25 November for 2026-11)."""
    year, mon = split(month)
    cutoff = cutoff_day()
    last = dt.date(year, mon, cutoff)
    prev_year, prev_mon = (year - 1, 12) if mon == 1 else (year, mon - 1)
    return dt.date(prev_year, prev_mon, cutoff) + dt.timedelta(days=1), last


def summary_key(month: str) -> int:
    """The audit entity id of a month's summary: 202611 for 2026-11."""
    year, mon = split(month)
    return year * 100 + mon


_key = summary_key


def mark_produced(actor: Staff | None, month: str, what: str, at: dt.datetime | None = None) -> None:
    """Remember that the month's summary was produced (the dashboard stops reminding)."""
    with transaction():
        audit.record(actor, SUMMARY_ENTITY, _key(month), "produce", note=f"{month} {what}"[:200],
                     at=at or now())


def produced(month: str) -> bool:
    return AuditEntry.select().where((AuditEntry.entity == SUMMARY_ENTITY)
                                     & (AuditEntry.entity_id == _key(month))).exists()


def reminder(today: dt.date | None = None) -> str | None:
    """The month whose summary is due and not yet produced, from the reminder day to the cut-off
    day (20th to 25th by default; and on the days after, until it is made); None when nothing
    is owed."""
    today = today or dt.date.today()
    cutoff, remind = cutoff_day(), remind_day()
    month = month_of(today, cutoff)
    if remind <= today.day <= cutoff and not produced(month):
        return month
    if today.day > cutoff:  # the month just ended: still owed until produced
        ended = month_of(today.replace(day=cutoff), cutoff)
        if not produced(ended):
            return ended
    return None


def due(month: str) -> dt.date:
    """The day the month's summary is owed to the cashier: its cut-off day."""
    return period(month)[1]
