"""Repair calls (报修) and work orders (派工单 / 维修通知单): intake, dispatch, completion,
the supervisor's check, rework and cancellation.

Urgent repairs go to engineering at once, ordinary ones within 2 hours (docs/deadlines.md); "at once"
is held to a configurable 15 minutes so that a missed hand-over can be flagged. Each round of
work is kept (``WorkRound``): a rework starts a new round, the old result stays.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, Case, fn

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.db import upsert
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.models.enums import Role, Urgency, WorkOrderKind, WorkOrderStatus
from propdesk.models.tables import (
    AuditEntry, Complaint, Department, Owner, RepairCategory, Staff, Unit, WorkOrder, WorkRound, now,
)
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.cases import callbacks
from propdesk.services.cases import complaints
from propdesk.services.core import numbering
from propdesk.services.register import owners
from propdesk.services.register.address import unit_display
from propdesk.services.core import settings
from propdesk.services.core.validation import Checker
from propdesk.services.fees import charges

ENTITY = "work_order"
S = WorkOrderStatus
DEFAULT_PASS_MINUTES = {"urgent": 15, "ordinary": 120}

MSG_STATE = QT_TRANSLATE_NOOP("rules", "Work order {number} is {status}: it cannot be {action} now.")
MSG_NOT_TECHNICIAN = QT_TRANSLATE_NOOP("rules", "{label}: {name} is not an active technician.")
MSG_QUOTE = QT_TRANSLATE_NOOP(
    "rules", "{label}: a paid job needs a price from the price list or a quote approved by a supervisor.")
MSG_FREE_FEE = QT_TRANSLATE_NOOP("rules", "{label}: this is a free service, the fee must be 0.")
MSG_FREE_TO_PAID = QT_TRANSLATE_NOOP(
    "rules", "{label}: this was taken as a free service; note how the owner agreed to pay "
             "before charging it.")
MSG_SLIP = QT_TRANSLATE_NOOP(
    "rules", "The signed return slip (回执联) of {number} has not come back: it cannot be signed off.")
MSG_ORDER = QT_TRANSLATE_NOOP("rules", "{label}: the finish time is before the arrival time.")
MSG_WINDOW = QT_TRANSLATE_NOOP("rules", "{label}: the agreed time ends before it starts.")

ACTIONS = {
    "assign": QT_TRANSLATE_NOOP("rules", "assigned"),
    "start": QT_TRANSLATE_NOOP("rules", "started"),
    "complete": QT_TRANSLATE_NOOP("rules", "completed"),
    "check": QT_TRANSLATE_NOOP("rules", "signed off"),
    "rework": QT_TRANSLATE_NOOP("rules", "sent back for rework"),
    "cancel": QT_TRANSLATE_NOOP("rules", "cancelled"),
    "quote": QT_TRANSLATE_NOOP("rules", "quoted"),
}
# which states each action may start from
ALLOWED = {
    "assign": {S.NEW, S.ASSIGNED, S.REWORK, S.IN_PROGRESS},
    "start": {S.ASSIGNED, S.REWORK},
    "complete": {S.ASSIGNED, S.IN_PROGRESS, S.REWORK},
    "check": {S.DONE},
    "rework": {S.DONE, S.CHECKED},
    "cancel": {S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.REWORK},
    "quote": {S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.REWORK, S.DONE},
}
OPEN_STATES = tuple(s.value for s in (S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.DONE, S.REWORK))


@dataclass
class RepairInput:
    received_at: dt.datetime | None = None
    phone: str = ""
    contact_name: str = ""
    unit: str = ""
    owner_id: int | None = None
    location: str = ""
    description: str = ""
    urgency: str = Urgency.ORDINARY.value
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    paid: bool = False
    department_id: int | None = None
    complaint_id: int | None = None
    repair_category_id: int | None = None


@dataclass
class Completion:
    arrived_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    result: str = ""
    materials: str = ""
    price_item_id: int | None = None  # one price-list line (kept for scripts); or ``lines``
    quantity: str | Decimal = "1"
    fee: str | Decimal = "0"
    slip_returned: bool = False
    lines: list = field(default_factory=list)  # charges.LineInput, added to the order's lines
    # a free job found chargeable at the visit: the owner's agreement makes it paid now
    owner_agreement: str = ""


def pass_minutes() -> dict:
    stored = settings.get("repair_pass_minutes")
    return json.loads(stored) if stored else DEFAULT_PASS_MINUTES


def pass_by(received_at: dt.datetime, urgency: str) -> dt.datetime:
    """When the job must be with a technician (急修 at once, 一般 within 2 hours)."""
    return received_at + dt.timedelta(minutes=pass_minutes()[Urgency(urgency).value])


def get(work_order_id: int) -> WorkOrder:
    # inside a service's transaction the row is locked (PostgreSQL): see db_retry.for_change
    wo = for_change(WorkOrder.select(WorkOrder, Unit, Department)
                    .join(Unit, JOIN.LEFT_OUTER).switch(WorkOrder)
                    .join(Department, JOIN.LEFT_OUTER)
                    .where(WorkOrder.id == work_order_id), WorkOrder).first()
    if wo is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such work order."))
    return wo


def read(work_order_id: int, *, reader) -> WorkOrder:
    """One work order for showing it (its detail, the technician's job): the reader must be
    allowed to read it (accounts.require_job_reader: a technician only their own jobs)."""
    wo = get(work_order_id)
    accounts.require_job_reader(reader, wo)
    return wo


def _agreed_window(c: Checker, start, end, at: dt.datetime, required: bool = False) -> tuple:
    """The time agreed with the owner (约定时间), checked into ``c``: any day ahead, its end not
    before its start. (start, end)."""
    start = c.moment("window", start, required=required, now=at, allow_future_minutes=10**7)
    end = c.moment("window", end, now=at, allow_future_minutes=10**7)
    if start and end and end < start:
        c.fail("window", MSG_WINDOW)
    return start, end


def _check_input(data: RepairInput, at: dt.datetime) -> dict:
    c = Checker()
    values = {
        "received_at": c.moment("received_at", data.received_at or at, required=True, now=at),
        "contact_name": c.text("complainant", data.contact_name, required=True, max_len=60),
        "location": c.text("location", data.location, max_len=200),
        "description": c.text("description", data.description, required=True, max_len=4000),
        "urgency": c.choice("urgency", data.urgency, {u.value for u in Urgency}),
        "paid": c.flag("paid", data.paid, False),
    }
    values["window_start"], values["window_end"] = _agreed_window(c, data.window_start, data.window_end, at)
    values["contact_phone"], _digits = c.phone("phone", data.phone, required=True)
    unit_text = c.text("unit", data.unit, max_len=80)
    values["unit"] = owners.find_unit(unit_text) if unit_text and "unit" not in c.errors else None
    if unit_text and values["unit"] is None and "unit" not in c.errors:

        message, params = owners.unit_problem(unit_text)
        c.fail("unit", message, **params)
    values["owner"] = c.ref("owner", data.owner_id, Owner)
    values["department"] = (c.ref("department", data.department_id, Department)
                            if data.department_id else Department.get_or_none(Department.code == "engineering"))
    values["complaint"] = c.ref("complaint", data.complaint_id, Complaint)
    values["repair_category"] = c.ref("repair_category", data.repair_category_id, RepairCategory,
                                      query=RepairCategory.select().where(RepairCategory.active == True))  # noqa: E712
    c.raise_if_any()
    return values


def create(actor: Staff, data: RepairInput, at: dt.datetime | None = None) -> WorkOrder:
    """A repair call, or (with ``complaint_id``) a work order raised from a complaint."""
    at = at or now()
    accounts.require(actor, "workorder.create")
    values = _check_input(data, at)
    complaint = values.pop("complaint")
    kind = WorkOrderKind.FOLLOW_UP if complaint else WorkOrderKind.REPAIR
    with transaction():
        if complaint:  # read again under the write lock: closed or voided meanwhile is refused
            complaint = Complaint.get_by_id(complaint.id)
            complaints.check_takes_work(complaint)
        values["number"] = numbering.next_number(numbering.WORK_ORDER, values["received_at"].date())
        wo = WorkOrder.create(**values, kind=kind.value, complaint=complaint,
                              pass_by=pass_by(values["received_at"], values["urgency"]),
                              status=S.NEW.value, created_by=actor, created_at=at)
        audit.record(actor, ENTITY, wo.id, "create", at=at,
                     note=f"{wo.number} {values['description'][:60]}")
        if complaint:
            audit.record(actor, "complaint", complaint.id, "work_order", at=at,
                         note=f"{wo.number} → {wo.department.name if wo.department_id else ''}")
    return wo


def from_complaint(actor: Staff, complaint_id: int, description: str, department_id: int | None,
                   urgency: str = Urgency.ORDINARY.value, at: dt.datetime | None = None) -> WorkOrder:
    """A follow-up work order for a complaint; contact and unit come from the complaint."""
    c = Complaint.get_or_none(Complaint.id == complaint_id)
    if c is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such complaint."))
    return create(actor, RepairInput(
        received_at=at or now(), phone=c.phone, contact_name=c.complainant,
        unit=unit_display(c.unit) if c.unit_id else "", owner_id=c.owner_id, location=c.location,
        description=description, urgency=urgency, department_id=department_id,
        complaint_id=complaint_id), at)


def _for_action(wo_id: int, action: str) -> WorkOrder:
    """The order, if ``action`` may follow its current state. Call accounts.require first,
    outside the transaction, so that a refusal's audit entry is not rolled back with it."""
    wo = get(wo_id)
    if S(wo.status) not in ALLOWED[action]:
        from propdesk.i18n import translate

        raise RuleError(MSG_STATE, number=wo.number, status=S(wo.status).label(),
                        action=translate("rules", ACTIONS[action]))
    return wo


def _save(actor, wo: WorkOrder, action: str, values: dict, note: str = "", at=None) -> WorkOrder:
    changes = audit.diff(wo, values)
    wo.save()
    audit.record(actor, ENTITY, wo.id, action, note=note, changes=changes, at=at or now())
    return wo


def technicians(department_id: int | None = None) -> list[Staff]:
    query = Staff.select().where((Staff.role == Role.TECHNICIAN.value) & (Staff.active == True))  # noqa: E712 - peewee: `== True` builds SQL
    if department_id:
        query = query.where(Staff.department == department_id)
    return list(query.order_by(Staff.name))


def assign(actor: Staff, wo_id: int, technician_id: int, scheduled_at: dt.datetime | None = None,
           at: dt.datetime | None = None,
           window: tuple[dt.datetime, dt.datetime | None] | None = None) -> WorkOrder:
    """Give the job (or hand it over) to a technician for a time. ``window`` (start, end) is a
    new time agreed with the owner (约定时间), as a rework's redo needs: it replaces the order's
    window, and the visit is at its start unless ``scheduled_at`` says otherwise."""
    at = at or now()
    accounts.require(actor, "workorder.create", ENTITY, wo_id)
    agreed = {}
    if window is not None:
        c = Checker()
        start, end = _agreed_window(c, window[0], window[1], at, required=True)
        c.raise_if_any()
        agreed = {"window_start": start, "window_end": end}
        scheduled_at = scheduled_at or start
    with transaction():
        wo = _for_action(wo_id, "assign")
        tech = Staff.get_or_none(Staff.id == technician_id)
        if tech is None or tech.role != Role.TECHNICIAN.value or not tech.active:
            raise RuleError(MSG_NOT_TECHNICIAN, field="technician",
                            label=_label("technician"), name=tech.name if tech else "?")
        values = {"technician": tech, "scheduled_at": scheduled_at or proposed_time(wo, at),
                  "status": S.ASSIGNED.value if wo.status != S.IN_PROGRESS.value else wo.status,
                  **agreed}
        if wo.dispatched_at is None:
            values["dispatched_at"] = at
        _save(actor, wo, "assign", values, tech.name, at)
        callbacks.follow_redo(actor, wo, at)  # a redo's callback falls due after the redo
        return wo


def proposed_time(wo: WorkOrder, at: dt.datetime | None = None) -> dt.datetime:
    """The visit time an assignment proposes: the order's own (agreed time, else the owner's
    window); for a rework the next full hour, because the first visit's time is gone and the
    redo needs a new appointment."""
    at = at or now()
    if wo.status == S.REWORK.value:
        return at.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return wo.scheduled_at or wo.window_start or at


def start(actor: Staff, wo_id: int, arrived_at: dt.datetime | None = None) -> WorkOrder:
    accounts.require(actor, "workorder.complete", ENTITY, wo_id)
    accounts.require_own_job(actor, get(wo_id), "workorder.start")
    with transaction():
        wo = _for_action(wo_id, "start")
        return _save(actor, wo, "start", {"status": S.IN_PROGRESS.value,
                                          "arrived_at": arrived_at or now()})


def complete(actor: Staff, wo_id: int, done: Completion, at: dt.datetime | None = None) -> WorkOrder:
    """The technician's result: arrival and finish, materials, fee lines, whether the slip came
    back. A free job found chargeable at the visit becomes paid here when the owner's agreement
    is noted (有偿服务, 客户确认)."""
    at = at or now()
    accounts.require(actor, "workorder.complete", ENTITY, wo_id)
    accounts.require_own_job(actor, get(wo_id), "workorder.complete")
    with transaction():
        wo = _for_action(wo_id, "complete")
        c = Checker()
        arrived = c.moment("arrived_at", done.arrived_at, required=True, now=at)
        finished = c.moment("finished_at", done.finished_at, required=True, now=at)
        if arrived and finished and finished < arrived:
            c.fail("finished_at", MSG_ORDER)
        values = {"arrived_at": arrived, "finished_at": finished,
                  "result": c.text("result", done.result, required=True, max_len=2000),
                  "materials": c.text("materials", done.materials, max_len=1000),
                  "slip_returned": bool(done.slip_returned), "status": S.DONE.value}
        new_lines = _fee_lines(c, wo, done)
        c.raise_if_any()
        if new_lines and not wo.paid:  # found chargeable at the visit, the owner agreed
            _save(actor, wo, "edit", {"paid": True, "owner_agreement": done.owner_agreement.strip()},
                  done.owner_agreement.strip(), at)
        if new_lines:
            charges.check_open(actor, wo, "fee_line")
            charges.add_lines(actor, wo, new_lines, at)
        if wo.paid and not charges.lines(wo.id):
            raise RuleError(MSG_QUOTE, field="fee", label=_label("fee"))
        _save(actor, wo, "complete", values, values["result"][:60], at)
        round_no = wo.rework_round + 1
        upsert(WorkRound, [WorkRound.work_order, WorkRound.round_no],
               work_order=wo, round_no=round_no, technician=wo.technician,
               arrived_at=arrived, finished_at=finished, result=wo.result,
               materials=wo.materials, fee=wo.fee, slip_returned=wo.slip_returned)
        callbacks.follow_redo(actor, wo, at)
        return wo


def _fee_lines(c: Checker, wo: WorkOrder, done: Completion) -> list[dict]:
    """The lines a result adds, checked; a fee typed without a line needs a quote."""
    typed = list(done.lines)
    if done.price_item_id:
        typed.insert(0, charges.LineInput(kind="item", price_item_id=done.price_item_id,
                                          quantity=done.quantity))
    fee = str(done.fee if done.fee is not None else "").strip()
    if fee not in ("", "0", "0.0", "0.00"):
        c.fail("fee", MSG_FREE_FEE if not wo.paid else MSG_QUOTE)
    values = []
    for data in typed:
        line = charges.build_line(c, data)
        if line is not None:
            values.append(line)
    if typed and not wo.paid:
        agreement = c.text("owner_agreement", done.owner_agreement, max_len=200)
        if not agreement:
            c.fail("owner_agreement", MSG_FREE_TO_PAID)
    return values


def approve_quote(actor: Staff, wo_id: int, amount, note: str = "") -> WorkOrder:
    """A supervisor prices a job that is not on the list (特约服务报价): an approved quote line.
    A free order becomes paid (the supervisor's own decision, noted)."""
    accounts.require(actor, "workorder.check", ENTITY, wo_id)
    with transaction():
        wo = _for_action(wo_id, "quote")
        c = Checker()
        line = charges.build_line(c, charges.LineInput(kind="quote", description=note.strip() or "报价",
                                                       amount=amount))
        c.raise_if_any()
        assert line is not None  # a line that is not built has its problem in ``c``
        if not wo.paid:
            _save(actor, wo, "edit", {"paid": True}, note)
        charges.check_open(actor, wo, "quote_amount")
        charges.add_lines(actor, wo, [line], now())
        return get(wo_id)


def confirm_slip(actor: Staff, wo_id: int) -> WorkOrder:
    """The signed return slip came back after the result was recorded."""
    accounts.require(actor, "workorder.complete", ENTITY, wo_id)
    accounts.require_own_job(actor, get(wo_id), "workorder.slip")
    with transaction():
        wo = _for_action(wo_id, "check")
        WorkRound.update(slip_returned=True).where(
            (WorkRound.work_order == wo) & (WorkRound.round_no == wo.rework_round + 1)).execute()
        return _save(actor, wo, "slip", {"slip_returned": True})


def check(actor: Staff, wo_id: int, note: str = "", at: dt.datetime | None = None) -> WorkOrder:
    """The supervisor checks the returned slip and signs the job off (supervisor or admin)."""
    at = at or now()
    accounts.require(actor, "workorder.check", ENTITY, wo_id)
    c = Checker()
    note = c.text("note", note, max_len=2000)
    c.raise_if_any()
    with transaction():
        wo = _for_action(wo_id, "check")
        if not wo.slip_returned:
            raise RuleError(MSG_SLIP, number=wo.number)
        _set_verdict(wo, "accepted", note)
        _save(actor, wo, "check", {"status": S.CHECKED.value, "checked_by": actor,
                                   "checked_at": at}, note, at)
        callbacks.schedule_for_work_order(actor, wo, at)
        return wo


def rework(actor: Staff, wo_id: int, reason: str, at: dt.datetime | None = None) -> WorkOrder:
    """The customer is not satisfied: the same order gets a new round; the old one is kept.
    The first visit's appointment (agreed window, scheduled time) belonged to that round: it is
    cleared, its old values kept in this change's audit entry, so that nothing (the repair
    notice, the technician's list, the board) shows it as the redo's time; the redo gets its
    own when it is assigned again (``assign(..., window=...)``)."""
    accounts.require(actor, "workorder.create", ENTITY, wo_id)
    with transaction():
        wo = _for_action(wo_id, "rework")
        c = Checker()
        reason = c.text("reason", reason, required=True, max_len=500)
        c.raise_if_any()
        _set_verdict(wo, "rework", reason)
        return _save(actor, wo, "rework", {
            "status": S.REWORK.value, "rework_round": wo.rework_round + 1, "arrived_at": None,
            "finished_at": None, "result": "", "slip_returned": False, "checked_by": None,
            "checked_at": None, "window_start": None, "window_end": None, "scheduled_at": None},
            reason, at)


def round_issued_at(wo: WorkOrder) -> dt.datetime | None:
    """When the current round's notice was issued (派工时间 on its stub). The first round: the
    hand-over (``dispatched_at``). A redo: its first assignment after the rework, read from the
    audit entries, because ``dispatched_at`` stays the first hand-over (the clock that says
    whether the order was handed over in time); before that, when the rework was asked for.
    The rule is :func:`round_issued_sql`'s, read for this one order."""
    issued = (WorkOrder.select(round_issued_sql().alias("issued"))
              .where(WorkOrder.id == wo.id).scalar())
    return WorkOrder.dispatched_at.python_value(issued)  # SQLite gives the text


def round_issuer(wo: WorkOrder) -> Staff | None:
    """Who issued the current round's notice (派工人 on its stub): whoever made the hand-over
    :func:`round_issued_at` dates, so a redo names who handed it over again, not whoever took
    the first call. Before any hand-over, who created the order (the first round) or who asked
    for the rework (a redo)."""
    staff_id = (WorkOrder.select(round_issued_sql(who=True).alias("issuer"))
                .where(WorkOrder.id == wo.id).scalar())
    return Staff.get_or_none(Staff.id == staff_id) if staff_id else None


def round_issued_sql(who: bool = False):
    """When the current round was issued (:func:`round_issued_at`), as an SQL expression over
    ``WorkOrder``'s rows, so that a list selects by it in its own query (today's batch of
    notices) rather than one query per order; with ``who``, by whom (:func:`round_issuer`),
    read from the same entries. Correlated look-ups on the audit entries' (entity, entity_id,
    at) index; the time of a first round is the order's own ``dispatched_at``."""
    rework = AuditEntry.alias("ri_rework")
    assign = AuditEntry.alias("ri_assign")
    asked = AuditEntry.alias("ri_asked")  # the last rework's own entry, for its time

    def entries(a, action):
        return (a.entity == ENTITY) & (a.entity_id == WorkOrder.id) & (a.action == action)

    def read(a):
        return a.staff if who else a.at

    last_rework = rework.select(fn.MAX(rework.id)).where(entries(rework, "rework"))
    redo_assigned = (assign.select(read(assign))
                     .where(entries(assign, "assign") & (assign.id > fn.COALESCE(last_rework, 0)))
                     .order_by(assign.id).limit(1))
    rework_asked = asked.select(read(asked)).where(asked.id == last_rework)
    if who:  # the first round: its first hand-over's person, else the order's creator
        first = fn.COALESCE(redo_assigned, WorkOrder.created_by)
        return Case(None, [(WorkOrder.rework_round == 0, first)],
                    fn.COALESCE(redo_assigned, rework_asked))
    return Case(None, [(WorkOrder.rework_round == 0, WorkOrder.dispatched_at)],
                fn.COALESCE(redo_assigned, rework_asked))


def round_issued_on(day: dt.date):
    """SQL condition: the order's current round was issued (handed over) on ``day``: a first
    round first handed over that day, or a redo handed over again that day."""
    start = dt.datetime.combine(day, dt.time())
    issued = round_issued_sql()
    return (issued >= start) & (issued < start + dt.timedelta(days=1))


def _set_verdict(wo: WorkOrder, verdict: str, note: str) -> None:
    WorkRound.update(verdict=verdict, verdict_note=note).where(
        (WorkRound.work_order == wo) & (WorkRound.round_no == wo.rework_round + 1)).execute()


def cancel(actor: Staff, wo_id: int, reason: str) -> WorkOrder:
    accounts.require(actor, "workorder.create", ENTITY, wo_id)
    with transaction():
        wo = _for_action(wo_id, "cancel")
        c = Checker()
        reason = c.text("reason", reason, required=True, max_len=200)
        c.raise_if_any()
        return _save(actor, wo, "cancel", {"status": S.CANCELLED.value, "cancel_reason": reason}, reason)


def of_complaint(complaint_id: int, *, reader) -> list[WorkOrder]:
    """A complaint's work orders (its case view): records.read, like the complaint itself."""
    accounts.require_reader(reader, "complaint")
    return list(WorkOrder.select(WorkOrder, Department, Staff)
                .join(Department, JOIN.LEFT_OUTER).switch(WorkOrder)
                .join(Staff, JOIN.LEFT_OUTER, on=(WorkOrder.technician == Staff.id))
                .where(WorkOrder.complaint == complaint_id).order_by(WorkOrder.id))


def rounds(wo_id: int, *, reader) -> list[WorkRound]:
    """Each round of work on one order; read like the order itself (accounts.require_job_reader)."""
    if reader is not accounts.PROGRAM:
        accounts.require_job_reader(reader, get(wo_id))
    return list(WorkRound.select().where(WorkRound.work_order == wo_id).order_by(WorkRound.round_no))


def day_board(day: dt.date) -> dict[int, list[WorkOrder]]:
    """Each technician's jobs scheduled for ``day`` (one query), so the clerk sees who is free."""
    start = dt.datetime.combine(day, dt.time())
    query = (WorkOrder.select().where(
        (WorkOrder.technician.is_null(False)) & (WorkOrder.scheduled_at >= start)
        & (WorkOrder.scheduled_at < start + dt.timedelta(days=1))
        & (WorkOrder.status != S.CANCELLED.value)).order_by(WorkOrder.scheduled_at))
    board: dict[int, list[WorkOrder]] = {t.id: [] for t in technicians()}
    for wo in query:
        board.setdefault(wo.technician_id, []).append(wo)
    return board


def print_counts(wo_ids: list[int]) -> dict[int, int]:
    """How often each order's repair notice was printed."""
    return dict(WorkOrder.select(WorkOrder.id, WorkOrder.print_count)
                .where(WorkOrder.id.in_(list(wo_ids))).tuples()) if wo_ids else {}


def record_prints(actor: Staff, wo_ids: list[int], at: dt.datetime | None = None) -> None:
    """Count a printing of each order's notice (第 N 次打印 from the second), audited."""
    at = at or now()
    with transaction():
        for wo_id, count in print_counts(wo_ids).items():
            WorkOrder.update(print_count=count + 1).where(WorkOrder.id == wo_id).execute()
            audit.record(actor, ENTITY, wo_id, "print", at=at, changes={"print_count": (count, count + 1)})


def timeline(wo_id: int, *, reader) -> list[dict]:
    """One work order's history; read like the order itself (accounts.require_job_reader)."""
    if reader is not accounts.PROGRAM:
        accounts.require_job_reader(reader, get(wo_id))
    return audit.timeline(ENTITY, wo_id)


def _label(field: str) -> str:
    from propdesk.services.core.validation import label

    return label(field)
