"""Making a callback: each attempt, the owner's satisfaction and words, and what a
dissatisfied owner sets off (the complaint reopens or the repair is reworked, the supervisor
is told, and a new callback is due)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core.db_retry import transaction
from propdesk.models.enums import CallbackStatus, ContactMethod, Escalation, Satisfaction
from propdesk.models.tables import Callback, Staff, now
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import calendar
from propdesk.services.cases import callbacks
from propdesk.services.cases import complaints
from propdesk.services.cases import workorders
from propdesk.services.cases.callbacks import ENTITY
from propdesk.services.core.validation import Checker

MSG_REOPEN = QT_TRANSLATE_NOOP("rules", "Callback {number}: the owner is not satisfied. {words}")


@dataclass
class CallbackInput:
    method: str = ContactMethod.PHONE.value
    reached: bool = True
    satisfaction: str = ""
    owner_words: str = ""
    at: dt.datetime | None = None


@dataclass
class Outcome:
    callback: Callback
    done: bool
    visit_suggested: bool = False
    follow_up: Callback | None = None


def record(actor: Staff, cb_id: int, data: CallbackInput) -> Outcome:
    """Record one attempt. Not reached: retried the next working day, and after the configured
    number of attempts a visit is suggested. Reached: done, with the owner's satisfaction."""
    accounts.require(actor, "callback.make", ENTITY, cb_id)
    c = Checker()
    # the time may be entered afterwards for a day to come (tests, planned visits): only its shape is checked
    at = c.moment("at", data.at, now=now(), allow_future_minutes=10**7) or now()
    c.choice("method", data.method, {m.value for m in ContactMethod})
    words = c.text("owner_words", data.owner_words, max_len=2000)
    reached = c.flag("reached", data.reached, True)
    if reached:
        c.choice("satisfaction", data.satisfaction, {s.value for s in Satisfaction})
    c.raise_if_any()
    with transaction():
        cb = callbacks._due_callback(actor, cb_id)
        if not reached:
            return _not_reached(actor, cb, data.method, words, at)
        changes = audit.diff(cb, {
            "status": CallbackStatus.DONE.value, "method": data.method, "reached": True,
            "satisfaction": data.satisfaction, "owner_words": words, "done_at": at,
            "done_by": actor, "attempts": cb.attempts + 1})
        cb.save()
        audit.record(actor, ENTITY, cb.id, "done", note=words, changes=changes, at=at)
        _note_on_case(actor, cb, at, Satisfaction(data.satisfaction).label() + (f"：{words}" if words else ""))
        follow_up = None
        if data.satisfaction == Satisfaction.DISSATISFIED.value:
            follow_up = _dissatisfied(actor, cb, words, at)
        return Outcome(cb, True, follow_up=follow_up)


def _not_reached(actor, cb: Callback, method: str, words: str, at: dt.datetime) -> Outcome:
    attempts = cb.attempts + 1
    retry = calendar.next_working_day(max(at.date(), cb.due_date) if attempts > 1 else at.date())
    changes = audit.diff(cb, {"attempts": attempts, "method": method, "reached": False,
                              "due_date": max(cb.due_date, retry)})
    cb.save()
    audit.record(actor, ENTITY, cb.id, "no_answer", note=words, changes=changes, at=at)
    return Outcome(cb, False, visit_suggested=attempts >= callbacks.max_attempts())


def _case(cb: Callback) -> tuple[str, int]:
    if cb.complaint_id:
        return "complaint", cb.complaint_id
    if cb.work_order_id:
        return "work_order", cb.work_order_id
    return "incident", cb.incident_contact.incident_id


def _note_on_case(actor, cb: Callback, at: dt.datetime, text: str) -> None:
    entity, entity_id = _case(cb)
    audit.record(actor, entity, entity_id, "callback", note=f"{cb.number} {text}", at=at)


def _dissatisfied(actor, cb: Callback, words: str, at: dt.datetime) -> Callback | None:
    """Reopen the complaint (escalated to the supervisor) or send the repair back for rework;
    a new callback is due after that."""
    reason = translate("rules", MSG_REOPEN).format(number=cb.number, words=words)
    if cb.complaint_id:
        c = complaints.get(cb.complaint_id)
        if c.status == "closed":
            complaints.reopen(actor, c.id, reason)
        if complaints.get(c.id).escalation == Escalation.NONE.value:
            complaints.escalate(actor, c.id, Escalation.SUPERVISOR.value, reason)
        return callbacks.schedule_for_complaint(actor, complaints.get(c.id), at)
    if not cb.work_order_id:  # an incident's caller: the supervisor follows it up
        entity, entity_id = _case(cb)
        audit.record(actor, entity, entity_id, "notify_supervisor", note=reason, at=at)
        return None
    wo = workorders.get(cb.work_order_id)
    workorders.rework(actor, wo.id, reason, at)
    audit.record(actor, "work_order", wo.id, "notify_supervisor", note=reason, at=at)
    return callbacks._schedule(actor, at, cb.assigned_to or actor, wo.number, work_order=wo)
