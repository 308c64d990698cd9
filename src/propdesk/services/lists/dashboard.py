"""What is due now: the counts on the dashboard, in three aggregate queries. Each count has a
filter (see ``services.search.ComplaintFilter.due``) that lists the cases behind it."""
from __future__ import annotations

import datetime as dt

from peewee import Case, fn

from propdesk.models.enums import CallbackStatus, ComplaintStatus, Escalation, Severity, WorkOrderStatus
from propdesk.models.tables import Callback, Complaint, WorkOrder, now
from propdesk.services.cases.complaints import reply_owed_sql

OPEN = ComplaintStatus.open_codes()


def _sum(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def complaint_conditions(at: dt.datetime) -> dict:
    """Named conditions on open complaints; the dashboard counts them, the list filters by them."""
    tomorrow = dt.datetime.combine(at.date() + dt.timedelta(days=1), dt.time())
    not_replied = reply_owed_sql()
    return {
        "reply_overdue": not_replied & (Complaint.reply_by < at),
        "reply_today": not_replied & (Complaint.reply_by >= at) & (Complaint.reply_by < tomorrow),
        # on hold, the resolve clock is stopped
        "resolve_overdue": (Complaint.resolve_by < at) & Complaint.on_hold_since.is_null(),
        "resolve_today": (Complaint.resolve_by >= at) & (Complaint.resolve_by < tomorrow)
        & Complaint.on_hold_since.is_null(),
        "on_hold": Complaint.on_hold_since.is_null(False),
        "head_escalations": (Complaint.escalation == Escalation.HEAD.value),
        "escalated": Complaint.escalation != Escalation.NONE.value,
        "head_pending": ((Complaint.severity == Severity.MAJOR.value) | (Complaint.is_group == True))  # noqa: E712
        & Complaint.head_notified_at.is_null(),
    }


def counts(at: dt.datetime | None = None) -> dict[str, int]:
    at = at or now()
    conditions = complaint_conditions(at)
    row = (Complaint.select(*[_sum(cond).alias(name) for name, cond in conditions.items()])
           .where(Complaint.status.in_(OPEN)).dicts().get())
    wo = (WorkOrder.select(
        _sum((WorkOrder.status == WorkOrderStatus.NEW.value) & (WorkOrder.pass_by < at)).alias("wo_late"),
        _sum(WorkOrder.status == WorkOrderStatus.NEW.value).alias("wo_new"),
        _sum(WorkOrder.status == WorkOrderStatus.DONE.value).alias("wo_to_check"),
        _sum(WorkOrder.status == WorkOrderStatus.REWORK.value).alias("wo_rework"))
        .where(WorkOrder.status.in_((WorkOrderStatus.NEW.value, WorkOrderStatus.DONE.value,
                                     WorkOrderStatus.REWORK.value))).dicts().get())
    due = CallbackStatus.DUE.value
    cb = (Callback.select(
        _sum(Callback.due_date < at.date()).alias("callbacks_overdue"),
        _sum(Callback.due_date == at.date()).alias("callbacks_today"))
        .where(Callback.status == due).dicts().get())
    return {k: int(v or 0) for k, v in {**row, **wo, **cb}.items()}
