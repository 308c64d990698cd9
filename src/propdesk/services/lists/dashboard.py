"""What is due now: the counts on the dashboard, in three aggregate queries. Each count has a
filter (see ``services.search.ComplaintFilter.due``) that lists the cases behind it."""
from __future__ import annotations

import datetime as dt

from peewee import Case, fn

from propdesk.models.enums import CallbackStatus, ComplaintStatus, Escalation, WorkOrderStatus
from propdesk.models.tables import Callback, Complaint, WorkOrder, now
from propdesk.services.cases import complaints, lateness
from propdesk.services.core import accounts

OPEN = ComplaintStatus.open_codes()


def _sum(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def complaint_conditions(at: dt.datetime) -> dict:
    """Named conditions on open complaints; the dashboard counts them, the list filters by them.
    Which clocks run and what is overdue: services.cases.lateness."""
    tomorrow = dt.datetime.combine(at.date() + dt.timedelta(days=1), dt.time())
    return {
        "reply_overdue": lateness.reply_overdue_sql(at),
        "reply_today": lateness.reply_running_sql() & (Complaint.reply_by >= at) & (Complaint.reply_by < tomorrow),
        "resolve_overdue": lateness.resolve_overdue_sql(at),
        "resolve_today": lateness.resolve_running_sql() & (Complaint.resolve_by >= at)
        & (Complaint.resolve_by < tomorrow),
        "on_hold": Complaint.on_hold_since.is_null(False),
        "head_escalations": (Complaint.escalation == Escalation.HEAD.value),
        "escalated": Complaint.escalation != Escalation.NONE.value,
        "head_pending": complaints.needs_head_notice_sql(),
    }


def counts(at: dt.datetime | None = None, *, reader) -> dict[str, int]:
    accounts.require_reader(reader, "dashboard")
    at = at or now()
    conditions = complaint_conditions(at)
    row = (Complaint.select(*[_sum(cond).alias(name) for name, cond in conditions.items()])
           .where(Complaint.status.in_(OPEN)).dicts().get())
    wo = (WorkOrder.select(
        _sum((WorkOrder.status == WorkOrderStatus.NEW.value) & lateness.work_order_late_sql(at)).alias("wo_late"),
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
    from propdesk.services.fees import charges

    fees = {"fees_unpaid": WorkOrder.select().where(charges.unpaid_condition()).count(),
            "quotes_waiting": WorkOrder.select().where(charges.quote_waiting_condition()).count()}
    return {k: int(v or 0) for k, v in {**row, **wo, **cb, **fees}.items()}


def fee_summary_reminder(today: dt.date | None = None) -> str | None:
    """The cashier's month whose summary is owed (from the office's reminder day, the 20th by
    default, until it is produced), or None."""
    from propdesk.services.fees import months

    return months.reminder(today)


def fee_summary_owed(today: dt.date | None = None) -> tuple[str, dt.date] | None:
    """The month whose summary is owed and the day it is due to the cashier, or None."""
    from propdesk.services.fees import months

    month = months.reminder(today)
    return (month, months.due(month)) if month else None
