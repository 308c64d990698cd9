"""The cashier's month (收费月份): special services are summed up to the 25th and handed to the
cashier (每月25日前将特约服务费汇总交收款部门), bills are made by the month's end. So the month
"2026-11" runs from 26 October to 25 November; a fee taken on 26 November counts in 2026-12.

``month_of`` (Python) and the stored ``Payment.fee_month`` are the one rule: payments store
their month when recorded, so the summary and the dashboard select by an indexed column.
"""
from __future__ import annotations

import datetime as dt
import re

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import AuditEntry, Staff, now
from propdesk.services.core import audit
from propdesk.services.core.db_retry import transaction

CUTOFF_DAY = 25  # the last day of a cashier's month
REMIND_FROM_DAY = 20  # the dashboard reminds from this day when the summary is not produced
SUMMARY_ENTITY = "fee_summary"  # audit entries: entity_id = YYYYMM of the month produced

MSG_MONTH = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is not a month; write it as 2026-11.")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_of(day: dt.date | dt.datetime) -> str:
    """The cashier's month a day belongs to: the 26th and later count in the next month."""
    if isinstance(day, dt.datetime):
        day = day.date()
    year, month = day.year, day.month
    if day.day > CUTOFF_DAY:
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
    """First and last day (inclusive) of a cashier's month: 26th of the one before to the 25th."""
    year, mon = split(month)
    last = dt.date(year, mon, CUTOFF_DAY)
    prev_year, prev_mon = (year - 1, 12) if mon == 1 else (year, mon - 1)
    return dt.date(prev_year, prev_mon, CUTOFF_DAY + 1), last


def _key(month: str) -> int:
    year, mon = split(month)
    return year * 100 + mon


def mark_produced(actor: Staff | None, month: str, what: str, at: dt.datetime | None = None) -> None:
    """Remember that the month's summary was produced (the dashboard stops reminding)."""
    with transaction():
        audit.record(actor, SUMMARY_ENTITY, _key(month), "produce", note=f"{month} {what}"[:200],
                     at=at or now())


def produced(month: str) -> bool:
    return AuditEntry.select().where((AuditEntry.entity == SUMMARY_ENTITY)
                                     & (AuditEntry.entity_id == _key(month))).exists()


def reminder(today: dt.date | None = None) -> str | None:
    """The month whose summary is due and not yet produced, from the 20th to the 25th (and on
    the days after, until it is made); None when nothing is owed."""
    today = today or dt.date.today()
    month = month_of(today)
    if today.day <= CUTOFF_DAY and today.day >= REMIND_FROM_DAY and not produced(month):
        return month
    if today.day > CUTOFF_DAY:  # the month just ended: still owed until produced
        ended = month_of(today - dt.timedelta(days=today.day - CUTOFF_DAY))
        if not produced(ended):
            return ended
    return None
