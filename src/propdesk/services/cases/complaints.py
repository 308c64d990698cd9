"""Complaints (投诉): intake, classification, deadlines, handling, escalation, closing.

Four stages (docs/procedure.md): accept -> explain -> resolve -> follow up. Every function here is one
transaction that writes its audit entry; the audit entries of a complaint are its timeline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.models.enums import Channel, ComplaintStatus, ContactMethod, Escalation, Severity
from propdesk.models.tables import Category, Complaint, Department, Owner, Staff, Unit, WorkOrder, now
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.cases import callbacks
from propdesk.services.cases import holds
from propdesk.services.core import numbering
from propdesk.services.register import owners
from propdesk.services.core import settings
from propdesk.services.cases import sla
from propdesk.services.core.validation import MSG_NOT_TIME, Checker
from propdesk.services.cases.lateness import is_open, reply_owed  # the lateness rule owns them

ENTITY = "complaint"

MSG_CONTACT = QT_TRANSLATE_NOOP(
    "rules", "{label}: give a phone number or a unit, so the customer can be called back.")
MSG_CLOSED = QT_TRANSLATE_NOOP("rules", "Complaint {number} is {status}: it cannot be changed now.")
MSG_NOT_REPLIED = QT_TRANSLATE_NOOP(
    "rules", "Record the reply to the customer before closing complaint {number}.")
MSG_NO_RESULT = QT_TRANSLATE_NOOP(
    "rules", "Record the handling result before closing complaint {number}.")
MSG_NO_MORE_WORK = QT_TRANSLATE_NOOP(
    "rules", "Complaint {number} is {status}: no work order or further call can be added to it. {hint}")
HINT_CLOSED = QT_TRANSLATE_NOOP(
    "rules", "If the customer is still not satisfied, reopen it first; a new matter is a new complaint.")
HINT_VOIDED = QT_TRANSLATE_NOOP("rules", "It was voided: take a new complaint instead.")
MSG_NOT_CLOSED = QT_TRANSLATE_NOOP("rules", "Only a closed complaint can be reopened.")
MSG_NEW_ROUND = QT_TRANSLATE_NOOP(
    "rules", "{number} was reopened: record a new handling round with the result and the "
             "customer's opinion before closing it again.")
# what one handling round records (客户意见处理记录表); a reopening starts a new round
HANDLING_FIELDS = ("cause", "action", "result", "customer_opinion", "signature_received")
MSG_CALLBACK_PAST = QT_TRANSLATE_NOOP("rules", "{label}: the time agreed to call back has already passed.")
# the escalation's agreed callback time, kept in its audit entry as a change of this name
CALLBACK_AGREED = "callback_at"
MSG_ALREADY_ESCALATED = QT_TRANSLATE_NOOP("rules", "The complaint is already escalated that far.")
MSG_BEFORE_RECEIVED = QT_TRANSLATE_NOOP("rules", "{label}: the reply cannot be before the complaint was received ({received}).")
MSG_HEAD_FIRST = QT_TRANSLATE_NOOP(
    "rules", "{number} is a major or group complaint: record that the office head was told before closing it.")
MSG_WORK_OPEN = QT_TRANSLATE_NOOP(
    "rules", "{number} still has unfinished work orders ({orders}): finish or cancel them before closing.")
UNFINISHED_WORK = ("new", "assigned", "in_progress", "rework")
MSG_AUTO_HEAD = QT_TRANSLATE_NOOP(
    "rules", "Reopened {n} times: escalated to the office head automatically.")
MSG_NO_HEAD_NEEDED = QT_TRANSLATE_NOOP(
    "rules", "Only major and group complaints are reported to the office head at once.")


@dataclass
class ComplaintInput:
    """What the intake form holds. Ids for lists, text for the rest."""

    channel: str = Channel.PHONE.value
    received_at: dt.datetime | None = None
    phone: str = ""
    complainant: str = ""
    unit: str = ""  # as typed: a label from the register or 3-2-1201
    owner_id: int | None = None
    location: str = ""
    occurred_at: dt.datetime | None = None
    description: str = ""
    people_involved: str = ""
    customer_request: str = ""
    evidence: str = ""
    category_id: int | None = None
    severity: str = ""
    valid: bool = True
    invalid_reason: str = ""
    notice_required: bool = True
    department_id: int | None = None
    is_group: bool = False
    related_to_id: int | None = None
    extra: dict = field(default_factory=dict)


def _check(data: ComplaintInput, at: dt.datetime) -> dict:
    c = Checker()
    values = {
        "channel": c.choice("channel", data.channel, {m.value for m in Channel}),
        "received_at": c.moment("received_at", data.received_at or at, required=True, now=at),
        "complainant": c.text("complainant", data.complainant, required=True, max_len=60),
        "location": c.text("location", data.location, max_len=200),
        "occurred_at": c.moment("occurred_at", data.occurred_at, now=at),
        "description": c.text("description", data.description, required=True, max_len=4000),
        "people_involved": c.text("people_involved", data.people_involved, max_len=200),
        "customer_request": c.text("customer_request", data.customer_request, max_len=2000),
        "evidence": c.text("evidence", data.evidence, max_len=200),
        "severity": c.choice("severity", data.severity, {m.value for m in Severity}),
        "valid": c.flag("valid", data.valid, True),
        "notice_required": c.flag("notice_required", data.notice_required, True),
    }
    # a valid complaint is always answered; only an invalid one of the customer's own making
    # gets no notice (docs/procedure.md)
    values["notice_required"] = values["notice_required"] or values["valid"]
    values |= {
        "is_group": c.flag("is_group", data.is_group, False),
    }
    values["phone"], values["phone_digits"] = c.phone("phone", data.phone)
    category = c.ref("category", data.category_id, Category, required=True)
    values["category"] = category
    department = c.ref("department", data.department_id, Department)
    values["department"] = department or (category.default_department if category else None)
    unit_text = c.text("unit", data.unit, max_len=80)
    unit = owners.find_unit(unit_text) if unit_text and "unit" not in c.errors else None
    if unit_text and unit is None and "unit" not in c.errors:
        message, params = owners.unit_problem(unit_text)
        c.fail("unit", message, **params)
    values["unit"] = unit
    if not unit_text and not values["phone"] and "phone" not in c.errors:
        c.fail("phone", MSG_CONTACT)
    values["owner"] = c.ref("owner", data.owner_id, Owner)
    values["invalid_reason"] = c.text("invalid_reason", data.invalid_reason,
                                      required=not values["valid"], max_len=200)
    if data.related_to_id:
        values["related_to"] = c.ref("related_to", data.related_to_id, Complaint)
    c.raise_if_any()
    return values


def create(actor: Staff, data: ComplaintInput, at: dt.datetime | None = None) -> Complaint:
    """Record a new complaint: validate, number it, compute its deadlines, audit it."""
    at = at or now()
    accounts.require(actor, "complaint.create")
    values = _check(data, at)
    received = values["received_at"]
    values["reply_by"], values["resolve_by"] = sla.deadlines(received, values["severity"],
                                                             values["valid"])
    with transaction():
        values["number"] = numbering.next_number(numbering.COMPLAINT, received.date())
        complaint = Complaint.create(**values, status=ComplaintStatus.RECEIVED.value,
                                     created_by=actor, created_at=at, updated_at=at)
        audit.record(actor, ENTITY, complaint.id, "create", at=at,
                     note=f"{complaint.number} {values['description'][:60]}")
    return complaint


def get(complaint_id: int) -> Complaint:
    # inside a service's transaction the row is locked (PostgreSQL): see db_retry.for_change
    complaint = for_change(Complaint.select(Complaint, Unit, Category, Department)
                           .join(Unit, join_type=JOIN.LEFT_OUTER).switch(Complaint)
                           .join(Category).switch(Complaint)
                           .join(Department, join_type=JOIN.LEFT_OUTER)
                           .where(Complaint.id == complaint_id), Complaint).first()
    if complaint is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such complaint."))
    return complaint


def read(complaint_id: int, *, reader) -> Complaint:
    """One complaint for showing it (the case view): the reader needs records.read
    (accounts.require_reader; a technician reads no complaint)."""
    accounts.require_reader(reader, ENTITY)
    return get(complaint_id)


def head_told(c: Complaint) -> bool:
    """The office head knows of the case: told of it (``notify_head``), or it was escalated to
    them, which is telling them (``escalate`` records the time; a case escalated before it did
    has none). The case view's header and its "office head told" field both ask this."""
    return c.head_notified_at is not None or c.escalation == Escalation.HEAD.value


def needs_head_notice(c: Complaint) -> bool:
    """Major and group complaints are reported to the office head at once (docs/procedure.md)."""
    return (c.severity == Severity.MAJOR.value or c.is_group) and not head_told(c)


def needs_head_notice_sql():
    """:func:`needs_head_notice` as a peewee condition (the dashboard's tile and its list)."""
    return (((Complaint.severity == Severity.MAJOR.value) | (Complaint.is_group == True))  # noqa: E712 - peewee: `== True` builds SQL
            & Complaint.head_notified_at.is_null() & (Complaint.escalation != Escalation.HEAD.value))


def _escalation_values(actor: Staff, c: Complaint, to: str, at: dt.datetime) -> dict:
    """An escalation's changes: to the office head, it is also when the head was told."""
    values: dict = {"escalation": to}
    if to == Escalation.HEAD.value and c.head_notified_at is None:
        values |= {"head_notified_at": at, "head_notified_by": actor}
    return values


def _open_for_change(complaint_id: int) -> Complaint:
    """The complaint, if it is still open. Call accounts.require first, outside the
    transaction, so that a refusal's audit entry is not rolled back with it."""
    c = get(complaint_id)
    if not is_open(c):
        raise RuleError(MSG_CLOSED, number=c.number, status=ComplaintStatus(c.status).label())
    return c


def check_takes_work(c: Complaint) -> None:
    """Work orders and further calls go on an open complaint only: a closed one is reopened
    first, a voided one is not the customer's case (a new complaint is taken). Raises RuleError
    naming why. The case view asks :func:`is_open` to disable its buttons."""
    if is_open(c):
        return
    voided = c.status == ComplaintStatus.VOIDED.value
    raise RuleError(MSG_NO_MORE_WORK, number=c.number, status=ComplaintStatus(c.status).label(),
                    hint=translate("rules", HINT_VOIDED if voided else HINT_CLOSED))


def _save(actor, c: Complaint, action: str, values: dict, note: str = "", at=None,
          extra: dict | None = None) -> Complaint:
    """``extra``: {name: (old, new)} kept in the audit entry beside the fields' changes (what
    the action agreed that is no column of the complaint: an escalation's callback time)."""
    at = at or now()
    changes = audit.diff(c, values) | (extra or {})
    c.updated_at = at
    c.save()
    audit.record(actor, ENTITY, c.id, action, note=note, changes=changes, at=at)
    return c


def record_reply(actor: Staff, complaint_id: int, replied_at: dt.datetime, method: str,
                 note: str = "", at: dt.datetime | None = None) -> Complaint:
    """The reply to the customer (回复); for an invalid complaint, the notice of the reason."""
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    with transaction():
        c = _open_for_change(complaint_id)
        ck = Checker()
        when = ck.moment("at", replied_at, required=True, now=at)
        if when and when < c.received_at:
            ck.fail("at", MSG_BEFORE_RECEIVED, received=c.received_at.strftime("%Y-%m-%d %H:%M"))
        ck.choice("method", method, {m.value for m in ContactMethod})
        note = ck.text("note", note, max_len=2000)
        ck.raise_if_any()
        status = ComplaintStatus.REPLIED.value if c.status == "received" else c.status
        return _save(actor, c, "reply", {"replied_at": when, "reply_method": method,
                                         "reply_note": note, "status": status}, note, at)


def record_handling(actor: Staff, complaint_id: int, cause: str = "", action: str = "",
                    result: str = "", customer_opinion: str = "",
                    signature_received: bool = False, department_id: int | None = None) -> Complaint:
    """Cause found, corrective action, result and the customer's opinion (客户意见处理记录表)."""
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    with transaction():
        c = _open_for_change(complaint_id)
        ck = Checker()
        values = {
            # each field under its own key: the form outlines each one refused, all at once
            "cause": ck.text("cause", cause, max_len=2000),
            "action": ck.text("action", action, max_len=2000),
            "result": ck.text("result", result, max_len=2000),
            "customer_opinion": ck.text("customer_opinion", customer_opinion, max_len=2000),
            "signature_received": bool(signature_received),
        }
        if department_id:
            values["department"] = ck.ref("department", department_id, Department)
        ck.raise_if_any()
        return _save(actor, c, "handle", values)


def notify_head(actor: Staff, complaint_id: int, at: dt.datetime | None = None,
                note: str = "") -> Complaint:
    """Record that the office head was told of a major or group complaint, at ``at`` (when it
    happened, which may be earlier than when it is recorded; never in the future nor before the
    complaint came in)."""
    clock = now()
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    with transaction():
        c = _open_for_change(complaint_id)
        if c.severity != Severity.MAJOR.value and not c.is_group:
            raise RuleError(MSG_NO_HEAD_NEEDED)
        ck = Checker()
        when = ck.moment("at", at or clock, required=True, now=clock)
        if when and when < c.received_at:
            ck.fail("at", MSG_BEFORE_RECEIVED, received=c.received_at.strftime("%Y-%m-%d %H:%M"))
        note = ck.text("note", note, max_len=2000)
        ck.raise_if_any()
        return _save(actor, c, "notify_head", {"head_notified_at": when, "head_notified_by": actor},
                     note, when)


def escalate(actor: Staff, complaint_id: int, to: str, note: str,
             callback_at: dt.datetime | None = None) -> Complaint:
    """The customer is not satisfied: escalate to the supervisor, then the office head,
    agreeing a time to call back (``callback_at``, kept with the escalation in the case's
    history: :func:`escalations`; the form prints it)."""
    order = [Escalation.NONE.value, Escalation.SUPERVISOR.value, Escalation.HEAD.value]
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    with transaction():
        c = _open_for_change(complaint_id)
        at = now()
        ck = Checker()
        ck.choice("reason", to, order[1:])
        note = ck.text("note", note, required=True, max_len=2000)
        if callback_at is not None:
            if not isinstance(callback_at, dt.datetime):
                ck.fail("callback_at", MSG_NOT_TIME)
            elif callback_at.replace(second=0, microsecond=0) < at.replace(second=0, microsecond=0):
                ck.fail("callback_at", MSG_CALLBACK_PAST)
            else:
                callback_at = callback_at.replace(second=0, microsecond=0)
        ck.raise_if_any()
        if order.index(to) <= order.index(c.escalation):
            raise RuleError(MSG_ALREADY_ESCALATED)
        _save(actor, c, "escalate", _escalation_values(actor, c, to, at), note, at,
              extra={CALLBACK_AGREED: (None, callback_at)} if callback_at else None)
        return c


def escalations(complaint_id: int, *, reader) -> list[dict]:
    """The case's escalations, oldest first, read from its history (escalating by hand, or on
    the second reopen): ``to`` (Escalation's code), ``at``, ``by`` (the person's name, "" for
    the program), ``note`` and ``callback_at`` (the time agreed with the owner to call back,
    None when none was agreed)."""
    accounts.require_reader(reader, ENTITY)
    found = []
    for entry in audit.timeline(ENTITY, complaint_id):
        changes = {name: new for name, _old, new in entry["changes"]}
        if "escalation" not in changes:
            continue
        agreed = changes.get(CALLBACK_AGREED) or ""
        try:
            agreed = dt.datetime.fromisoformat(agreed) if agreed else None
        except ValueError:
            agreed = None
        found.append({"to": changes["escalation"], "at": entry["at"], "by": entry["who"],
                      "note": entry["note"], "callback_at": agreed})
    return found


def close(actor: Staff, complaint_id: int, note: str = "", at: dt.datetime | None = None) -> Complaint:
    at = at or now()
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    ck = Checker()
    note = ck.text("note", note, max_len=2000)
    ck.raise_if_any()
    with transaction():
        c = _open_for_change(complaint_id)
        if reply_owed(c):
            raise RuleError(MSG_NOT_REPLIED, number=c.number)
        if c.valid and c.reopen_count and not (c.result.strip() and c.customer_opinion.strip()):
            raise RuleError(MSG_NEW_ROUND, number=c.number)  # never on the last round's record
        if c.valid and not c.result:
            raise RuleError(MSG_NO_RESULT, number=c.number)
        if needs_head_notice(c):  # a major or group complaint: the head is told first
            raise RuleError(MSG_HEAD_FIRST, number=c.number)
        unfinished = [w.number for w in WorkOrder.select(WorkOrder.number).where(
            (WorkOrder.complaint == c.id) & WorkOrder.status.in_(UNFINISHED_WORK))]
        if unfinished:  # the repair's callback is the complaint's: it must be done first
            raise RuleError(MSG_WORK_OPEN, number=c.number, orders="、".join(unfinished))
        holds.end_running(actor, ENTITY, c.id, at)  # a case closed while waiting: the hold ends
        c = get(c.id)
        _save(actor, c, "close", {"status": ComplaintStatus.CLOSED.value, "closed_at": at}, note, at)
        if c.valid:  # every handled case is called back (docs/deadlines.md); an invalid one was told why
            callbacks.schedule_for_complaint(actor, c, at)
        return c


def reopen(actor: Staff, complaint_id: int, reason: str) -> Complaint:
    """The customer is still dissatisfied: the case goes back to handling (deadlines stand)."""
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    with transaction():
        c = get(complaint_id)
        if c.status != ComplaintStatus.CLOSED.value:
            raise RuleError(MSG_NOT_CLOSED)
        ck = Checker()
        reason = ck.text("reason", reason, required=True, max_len=500)
        ck.raise_if_any()
        # the last round's result, opinion and signature go with it (kept in the case's history,
        # see handling_rounds): closing again needs a new round
        _save(actor, c, "reopen", {"status": ComplaintStatus.REOPENED.value,
                                   "closed_at": None, "reopen_count": c.reopen_count + 1,
                                   "result": "", "customer_opinion": "",
                                   "signature_received": False}, reason)
        if c.reopen_count >= reopen_escalation_limit() and c.escalation != Escalation.HEAD.value:
            at = now()
            _save(actor, c, "escalate", _escalation_values(actor, c, Escalation.HEAD.value, at),
                  translate("rules", MSG_AUTO_HEAD).format(n=c.reopen_count), at)
        return c


def handling_rounds(complaint_id: int, *, reader) -> list[dict]:
    """The earlier handling rounds of a reopened case, oldest first, read back from its
    history: each with its cause, action, result, customer's opinion and signature as they
    stood when the case was reopened, and when and why it was reopened. The current round is
    the complaint's own fields."""
    accounts.require_reader(reader, ENTITY)  # records.read, like the complaint itself
    state = {name: "" for name in HANDLING_FIELDS}
    rounds: list[dict] = []
    for entry in audit.timeline(ENTITY, complaint_id):
        if entry["action"] == "reopen":
            rounds.append({**state, "signature_received": state["signature_received"] == "1",
                           "round": len(rounds) + 1, "reopened_at": entry["at"],
                           "reason": entry["note"]})
        for name, _old, new in entry["changes"]:
            if name in state:
                state[name] = new or ""
    return rounds


def reopen_escalation_limit() -> int:
    """Reopened this many times, a case goes to the office head by itself (setting)."""
    return int(settings.get("reopen_escalate_after") or 2)


def void(actor: Staff, complaint_id: int, reason: str) -> Complaint:
    """Void a complaint entered by mistake (supervisor or admin). It keeps its number."""
    accounts.require(actor, "complaint.void", ENTITY, complaint_id)
    with transaction():
        c = get(complaint_id)
        if c.status == ComplaintStatus.VOIDED.value:
            raise RuleError(MSG_CLOSED, number=c.number, status=ComplaintStatus(c.status).label())
        ck = Checker()
        reason = ck.text("reason", reason, required=True, max_len=200)
        ck.raise_if_any()
        holds.end_running(actor, ENTITY, c.id, now())
        c = get(c.id)
        callbacks.cancel_open(actor, reason, complaint=c)  # nobody calls back about a mistake
        return _save(actor, c, "void", {"status": ComplaintStatus.VOIDED.value,
                                        "void_reason": reason}, reason)


def add_note(actor: Staff, complaint_id: int, note: str) -> None:
    """A note on the case, visible to whoever picks it up (口径一致)."""
    accounts.require(actor, "complaint.handle", ENTITY, complaint_id)
    ck = Checker()
    note = ck.text("note", note, required=True, max_len=2000)
    ck.raise_if_any()
    with transaction():
        get(complaint_id)
        audit.record(actor, ENTITY, complaint_id, "note", note=note)


def timeline(complaint_id: int, *, reader) -> list[dict]:
    """One complaint's history (with the callers' words): records.read, like the complaint."""
    accounts.require_reader(reader, ENTITY)
    return audit.timeline(ENTITY, complaint_id)
