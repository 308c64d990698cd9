"""Callbacks (回访): every closed complaint and every checked repair gets one, due within 3
working days (setting ``callback_days``), assigned to a clerk who can move it or take it over.

Recording the callback itself (attempts, satisfaction, what dissatisfaction sets off) is in
``callback_results``; this module only schedules, so complaints and work orders can call it.
"""
from __future__ import annotations

import datetime as dt

from peewee import fn

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.models.enums import CallbackStatus, Role
from propdesk.models.tables import Callback, Complaint, Staff, WorkOrder
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import calendar
from propdesk.services.core import numbering
from propdesk.services.core import settings
from propdesk.services.core.validation import Checker

ENTITY = "callback"
DEFAULT_DAYS = 3
DEFAULT_MAX_ATTEMPTS = 3
DUE = CallbackStatus.DUE.value

MSG_NO_CALLBACK = QT_TRANSLATE_NOOP("rules", "No such callback.")
MSG_NOT_DUE = QT_TRANSLATE_NOOP("rules", "Callback {number} is already {status}.")
MSG_PAST = QT_TRANSLATE_NOOP("rules", "{label}: a callback cannot be moved into the past.")
MSG_NOT_CLERK = QT_TRANSLATE_NOOP("rules", "{label}: {name} does not make callbacks.")


def window_days() -> int:
    return int(settings.get("callback_days") or DEFAULT_DAYS)


def max_attempts() -> int:
    return int(settings.get("callback_max_attempts") or DEFAULT_MAX_ATTEMPTS)


def due_date(handled_at: dt.datetime) -> dt.date:
    """The last day of the callback window: N working days after the case was handled."""
    return calendar.add_working_days(handled_at, window_days()).date()


def _callback_clerk(preferred: Staff | None, actor: Staff) -> Staff:
    """Whoever took the case makes the callback, if they still work the desk."""
    for person in (preferred, actor):
        if person is not None and person.active and person.role in (Role.CLERK.value, Role.SUPERVISOR.value):
            return person
    clerk = Staff.get_or_none((Staff.role == Role.CLERK.value) & (Staff.active == True))  # noqa: E712 - peewee: `== True` builds SQL
    return clerk or actor


def _schedule(actor: Staff, handled_at: dt.datetime, clerk: Staff, note: str,
              complaint: Complaint | None = None, work_order: WorkOrder | None = None,
              incident_contact=None) -> Callback:
    """One open callback per case: a second trigger keeps the open one (latest due date)."""
    due = due_date(handled_at)
    if complaint:
        target = Callback.complaint == complaint
    elif work_order:
        target = Callback.work_order == work_order
    else:
        target = Callback.incident_contact == incident_contact
    existing = Callback.get_or_none(target & (Callback.status == DUE))
    if existing:
        # handled again (a reopened case closed, a rework signed off): a new 3-day window, for
        # the clerk and for the on-time figures alike
        promised = max(existing.promised_by or existing.due_date, due)
        changes = audit.diff(existing, {"due_date": max(existing.due_date, due), "promised_by": promised})
        if changes:
            existing.save()
            audit.record(actor, ENTITY, existing.id, "move", note=note, changes=changes, at=handled_at)
        return existing
    cb = Callback.create(number=numbering.next_number(numbering.CALLBACK, handled_at.date()),
                         complaint=complaint, work_order=work_order, incident_contact=incident_contact,
                         due_date=due, promised_by=due,
                         assigned_to=clerk, created_at=handled_at)
    audit.record(actor, ENTITY, cb.id, "create", note=note, at=handled_at)
    return cb


def schedule_for_complaint(actor: Staff, complaint: Complaint, at: dt.datetime) -> Callback:
    """Called in the transaction that closes the complaint."""
    return _schedule(actor, at, _callback_clerk(complaint.created_by, actor), complaint.number,
                     complaint=complaint)


def schedule_for_work_order(actor: Staff, wo: WorkOrder, at: dt.datetime) -> Callback | None:
    """Called in the transaction that signs off a repair. A follow-up of a complaint is called
    back with its complaint, so it gets none of its own."""
    if wo.complaint_id:
        return None
    return _schedule(actor, at, _callback_clerk(wo.created_by, actor), wo.number, work_order=wo)


def follow_redo(actor: Staff, wo: WorkOrder, at: dt.datetime) -> Callback | None:
    """A reworked repair's open callback falls due after the redo, never before it: N working
    days after the redo's agreed time (when it is assigned) or its completion (when it is done),
    later if it was already later. Called in the transaction that assigns or completes a
    rework round; signing the redo off moves it once more (``_schedule``). The open callback
    created when the owner was not satisfied is due from that moment until then."""
    if not wo.rework_round:
        return None
    open_one = Callback.get_or_none((Callback.work_order == wo) & (Callback.status == DUE))
    redo = wo.finished_at or wo.scheduled_at
    if open_one is None or redo is None:
        return open_one
    due = due_date(redo)
    if due <= open_one.due_date:
        return open_one
    changes = audit.diff(open_one, {"due_date": due,
                                    "promised_by": max(open_one.promised_by or open_one.due_date, due)})
    open_one.save()
    audit.record(actor, ENTITY, open_one.id, "move", note=wo.number, changes=changes, at=at)
    return open_one


def schedule_for_incident_contact(actor: Staff, contact, at: dt.datetime) -> Callback:
    """Called in the transaction that closes an incident, once per caller."""
    return _schedule(actor, at, _callback_clerk(contact.taken_by, actor), contact.incident.number,
                     incident_contact=contact)


def cancel_open(actor: Staff, reason: str, complaint: Complaint | None = None) -> int:
    """Cancel the open callbacks of a voided complaint, in the caller's transaction."""
    open_ones = list(Callback.select().where((Callback.complaint == complaint) & (Callback.status == DUE)))
    for cb in open_ones:
        changes = audit.diff(cb, {"status": CallbackStatus.CANCELLED.value})
        cb.save()
        audit.record(actor, ENTITY, cb.id, "cancel", note=reason, changes=changes)
    return len(open_ones)


def _due_callback(actor: Staff, cb_id: int) -> Callback:
    cb = None
    if isinstance(cb_id, int) and not isinstance(cb_id, bool) and 0 < cb_id < 2**63:
        cb = for_change(Callback.select().where(Callback.id == cb_id)).first()
    if cb is None:
        raise NotFound(MSG_NO_CALLBACK)
    if cb.status != DUE:
        raise RuleError(MSG_NOT_DUE, number=cb.number, status=CallbackStatus(cb.status).label())
    return cb


def move(actor: Staff, cb_id: int, new_date: dt.date, reason: str, today: dt.date | None = None) -> Callback:
    """Move a callback to another day, with a reason (the owner asked, away on business ...)."""
    accounts.require(actor, "callback.make", ENTITY, cb_id)
    today = today or dt.date.today()
    c = Checker()
    reason = c.text("reason", reason, required=True, max_len=200)
    if new_date is None or new_date < today:
        c.fail("at", MSG_PAST)
    c.raise_if_any()
    with transaction():
        cb = _due_callback(actor, cb_id)
        changes = audit.diff(cb, {"due_date": new_date})
        cb.save()
        audit.record(actor, ENTITY, cb.id, "move", note=reason, changes=changes)
        return cb


def take_over(actor: Staff, cb_id: int, to: Staff | None = None) -> Callback:
    """Take a callback over (or hand it to another clerk)."""
    accounts.require(actor, "callback.make", ENTITY, cb_id)
    to = to or actor
    if not accounts.can(to, "callback.make"):
        from propdesk.services.core.validation import label

        raise RuleError(MSG_NOT_CLERK, field="assigned_to", label=label("assigned_to"), name=to.name)
    with transaction():
        cb = _due_callback(actor, cb_id)
        changes = audit.diff(cb, {"assigned_to": to})
        cb.save()
        audit.record(actor, ENTITY, cb.id, "assign", note=to.name, changes=changes)
        return cb


def overdue_count(today: dt.date | None = None, *, reader) -> int:
    """Callbacks past their due date (the status bar): records.read, like the callback list."""
    accounts.require_reader(reader, ENTITY)
    today = today or dt.date.today()
    return Callback.select().where((Callback.status == DUE) & (Callback.due_date < today)).count()


def week_counts(monday: dt.date, *, reader) -> dict[dt.date, int]:
    """How many open callbacks fall on each day of the week starting ``monday`` (one query);
    records.read, like the callback list."""
    accounts.require_reader(reader, ENTITY)
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    rows = (Callback.select(Callback.due_date, fn.COUNT(Callback.id).alias("n"))
            .where((Callback.status == DUE) & Callback.due_date.between(days[0], days[-1]))
            .group_by(Callback.due_date).tuples())
    counts = {day: 0 for day in days}
    counts.update({(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))): n for d, n in rows})
    return counts


def timeline(cb_id: int, *, reader) -> list[dict]:
    accounts.require_reader(reader, ENTITY)  # records.read, like the callback list
    return audit.timeline(ENTITY, cb_id)


def get(cb_id: int, *, reader) -> Callback:
    """One callback for showing it (the callback dialog): records.read."""
    accounts.require_reader(reader, ENTITY)
    cb = Callback.get_or_none(Callback.id == cb_id)
    if cb is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such callback."))
    return cb


def clerks() -> list[Staff]:
    """Who makes callbacks: the active clerks and supervisors."""
    return list(Staff.select().where(Staff.role.in_((Role.CLERK.value, Role.SUPERVISOR.value))
                                     & (Staff.active == True)))  # noqa: E712 - peewee: `== True` builds SQL

