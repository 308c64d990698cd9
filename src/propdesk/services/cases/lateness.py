"""Is it late? The office's one answer, for complaints and for work orders.

Each rule is written here once in Python (for one record: a model instance or a list row, a
dict) and, right beside it, as a peewee condition (for filters, counts and figures). A test
(tests/test_lateness.py) generates records of every kind — holds, reopenings, closed late,
replied late, never handed over, each class, invalid, voided — and checks that the two forms
agree on every one. Everything that shows or counts lateness asks this module: the list
colours and countdowns, the list filters, the dashboard tiles, the registers, the weekly
summary and the demo's summary.

Complaints (docs/deadlines.md) have two clocks:
- the **reply** clock runs while a reply is owed (not yet replied, and a reply is due at all:
  an invalid complaint of the customer's own making gets no notice);
- the **resolve** clock runs while the case is open and not on hold (a hold stops it).

Two questions are asked of them:
- *overdue now* (:func:`complaint_overdue`): an open case whose running clock has passed its
  deadline — what the lists paint red and the dashboard counts;
- *missed a deadline* (:func:`complaint_late`): replied or closed after the deadline, or
  overdue now — what the complaint register prints and the weekly on-time figures count.
  A voided complaint is never late (one voided after closing stays in the registers and the
  weekly counts, :func:`on_record`, but misses no deadline).

Work orders have one clock: handing over to a technician by ``pass_by`` (urgent at once,
ordinary within 2 hours). :func:`work_order_late`: handed over after ``pass_by``, or not handed
over at all and ``pass_by`` has passed (a cancelled order that never was is not late).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from propdesk.models.enums import ComplaintStatus, WorkOrderStatus
from propdesk.models.tables import Complaint, WorkOrder

OPEN = tuple(ComplaintStatus.open_codes())
VOIDED = ComplaintStatus.VOIDED.value
CANCELLED = WorkOrderStatus.CANCELLED.value

# defaults for list rows that leave a column out
_DEFAULTS = {"notice_required": True, "on_hold_since": None}


def _v(record: Any, name: str):
    if isinstance(record, dict):
        return record[name] if name in record else _DEFAULTS[name]
    return getattr(record, name)


# --- complaints: which clocks run --------------------------------------------------------------

def is_open(c) -> bool:
    return _v(c, "status") in OPEN


def open_sql():
    return Complaint.status.in_(OPEN)


def on_record(c) -> bool:
    """Counted in the registers and the weekly figures: every complaint but one voided while
    open (entered by mistake). A complaint voided after it was closed was handled: it stays in
    the books, marked voided (作废)."""
    return _v(c, "status") != VOIDED or _v(c, "closed_at") is not None


def on_record_sql(model=Complaint):
    """:func:`on_record` in SQL, for ``Complaint`` or an alias of it."""
    return (model.status != VOIDED) | model.closed_at.is_null(False)


def reply_owed(c) -> bool:
    """Not yet replied, and a reply is due at all (every case but an invalid one caused by the
    customer, which gets no notice)."""
    return _v(c, "replied_at") is None and bool(_v(c, "notice_required"))


def reply_owed_sql():
    return Complaint.replied_at.is_null() & (Complaint.notice_required == True)  # noqa: E712 - peewee: `== True` builds SQL


def reply_running(c) -> bool:
    """The reply clock runs: an open case that owes a reply."""
    return is_open(c) and reply_owed(c)


def reply_running_sql():
    return open_sql() & reply_owed_sql()


def resolve_running(c) -> bool:
    """The resolve clock runs: an open case not on hold."""
    return is_open(c) and _v(c, "on_hold_since") is None


def resolve_running_sql():
    return open_sql() & Complaint.on_hold_since.is_null()


def running_deadline(c) -> tuple[str, dt.datetime] | None:
    """``("reply" | "resolve", when)``: the nearest deadline whose clock runs, or None (closed,
    voided, or on hold after the reply). It has passed exactly when the case is overdue."""
    running = []
    if reply_running(c):
        running.append((_v(c, "reply_by"), "reply"))
    if resolve_running(c):
        running.append((_v(c, "resolve_by"), "resolve"))
    if not running:
        return None
    when, what = min(running)
    return what, when


# --- complaints: overdue now ---------------------------------------------------------------------

def reply_overdue(c, at: dt.datetime) -> bool:
    return reply_running(c) and at > _v(c, "reply_by")


def reply_overdue_sql(at: dt.datetime):
    return reply_running_sql() & (Complaint.reply_by < at)


def resolve_overdue(c, at: dt.datetime) -> bool:
    return resolve_running(c) and at > _v(c, "resolve_by")


def resolve_overdue_sql(at: dt.datetime):
    return resolve_running_sql() & (Complaint.resolve_by < at)


def complaint_overdue(c, at: dt.datetime) -> str | None:
    """"reply" or "resolve" when that running deadline has passed at ``at``, else None (a
    missed reply is named first)."""
    if reply_overdue(c, at):
        return "reply"
    if resolve_overdue(c, at):
        return "resolve"
    return None


def complaint_overdue_sql(at: dt.datetime):
    return reply_overdue_sql(at) | resolve_overdue_sql(at)


# --- complaints: missed a deadline (now or when it was done) ----------------------------------------

def reply_late(c, at: dt.datetime) -> bool:
    """Replied after the reply deadline, or still owes a reply past it. Never when voided."""
    if _v(c, "status") == VOIDED:
        return False
    replied = _v(c, "replied_at")
    return (replied is not None and replied > _v(c, "reply_by")) or reply_overdue(c, at)


def reply_late_sql(at: dt.datetime):
    return (Complaint.status != VOIDED) & (
        (Complaint.replied_at.is_null(False) & (Complaint.replied_at > Complaint.reply_by))
        | reply_overdue_sql(at))


def resolve_late(c, at: dt.datetime) -> bool:
    """Closed after the resolve deadline (a reopened case counts with its last closing), or
    open past it with the clock running. Never when voided."""
    if _v(c, "status") == VOIDED:
        return False
    closed = _v(c, "closed_at")
    return (closed is not None and closed > _v(c, "resolve_by")) or resolve_overdue(c, at)


def resolve_late_sql(at: dt.datetime):
    return (Complaint.status != VOIDED) & (
        (Complaint.closed_at.is_null(False) & (Complaint.closed_at > Complaint.resolve_by))
        | resolve_overdue_sql(at))


def complaint_late(c, at: dt.datetime) -> bool:
    """Late on either deadline, now or when it was done (the register's "overdue" column)."""
    return reply_late(c, at) or resolve_late(c, at)


def complaint_late_sql(at: dt.datetime):
    return reply_late_sql(at) | resolve_late_sql(at)


# --- work orders: handed over in time? ----------------------------------------------------------------

def work_order_late(wo, at: dt.datetime) -> bool:
    """Handed over to a technician after ``pass_by``, or not handed over and ``pass_by`` has
    passed at ``at`` (unless cancelled first)."""
    dispatched = _v(wo, "dispatched_at")
    if dispatched is not None:
        return dispatched > _v(wo, "pass_by")
    return _v(wo, "status") != CANCELLED and at > _v(wo, "pass_by")


def work_order_late_sql(at: dt.datetime):
    return ((WorkOrder.dispatched_at.is_null(False) & (WorkOrder.dispatched_at > WorkOrder.pass_by))
            | (WorkOrder.dispatched_at.is_null() & (WorkOrder.status != CANCELLED)
               & (WorkOrder.pass_by < at)))
