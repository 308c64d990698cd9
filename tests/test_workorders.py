"""Work-order rules without a window: repair calls, dispatch deadlines, completion, fees,
the supervisor's sign-off, rework rounds and cancellation."""
import datetime as dt
from decimal import Decimal

import pytest

from propdesk.errors import PermissionDenied, RuleError, ValidationError
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry, Category, Department, PriceItem, WorkOrder
from propdesk.services.core import accounts
from propdesk.services.cases import complaints
from propdesk.services.cases import lateness
from propdesk.services.cases import workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import Completion, RepairInput

NOW = dt.datetime(2026, 11, 24, 10, 0)


def repair(office, **kw):
    values = dict(received_at=dt.datetime(2026, 11, 24, 9, 0), phone="13800138000",
                  contact_name="张伟", unit="3栋2单元1201", description="厨房水龙头漏水",
                  urgency="ordinary")
    values.update(kw)
    return workorders.create(office["clerk"], RepairInput(**values), at=NOW)


def done(**kw):
    values = dict(arrived_at=dt.datetime(2026, 11, 24, 14, 0), finished_at=dt.datetime(2026, 11, 24, 15, 0),
                  result="更换水龙头阀芯", materials="阀芯1个", slip_returned=True)
    values.update(kw)
    return Completion(**values)


def test_repair_call_numbers_and_pass_deadlines(office):
    wo = repair(office)
    assert wo.number == "PG-20261124-001" and wo.kind == "repair" and wo.status == "new"
    assert wo.department.name == "工程部"
    assert wo.pass_by == dt.datetime(2026, 11, 24, 11, 0)  # ordinary: within 2 hours
    urgent = repair(office, urgency="urgent")
    assert urgent.pass_by == dt.datetime(2026, 11, 24, 9, 15)  # urgent: at once (15 min)
    assert lateness.work_order_late(urgent, dt.datetime(2026, 11, 24, 9, 20))
    assert not lateness.work_order_late(wo, dt.datetime(2026, 11, 24, 10, 59))
    # dispatched late stays flagged; in time is not
    workorders.assign(office["clerk"], urgent.id, office["technician"].id, at=dt.datetime(2026, 11, 24, 9, 30))
    assert lateness.work_order_late(workorders.get(urgent.id), NOW)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=dt.datetime(2026, 11, 24, 9, 30))
    assert not lateness.work_order_late(workorders.get(wo.id), dt.datetime(2026, 11, 24, 12, 0))


def test_bad_repair_input(office):
    with pytest.raises(ValidationError) as err:
        repair(office, phone="123", description="", window_start=dt.datetime(2026, 11, 25, 10, 0),
               window_end=dt.datetime(2026, 11, 25, 9, 0))
    assert set(err.value.errors) == {"phone", "description", "window"}
    assert "约定" in err.value.errors["window"].text()
    assert WorkOrder.select().count() == 0


def test_full_round_with_supervisor_sign_off(office):
    wo = repair(office)
    wo = workorders.assign(office["clerk"], wo.id, office["technician"].id,
                           dt.datetime(2026, 11, 24, 14, 0), at=NOW)
    assert wo.status == "assigned" and wo.dispatched_at == NOW
    wo = workorders.complete(office["technician"], wo.id, done(), at=dt.datetime(2026, 11, 24, 16, 0))
    assert wo.status == "done" and wo.fee == 0
    with pytest.raises(PermissionDenied) as err:
        workorders.check(office["clerk"], wo.id)
    assert "验收" in err.value.text()
    assert AuditEntry.select().where(AuditEntry.action == "refused").count() == 1
    wo = workorders.check(office["supervisor"], wo.id, "回执已签", at=dt.datetime(2026, 11, 24, 17, 0))
    assert wo.status == "checked" and wo.checked_by_id == office["supervisor"].id
    assert [r.verdict for r in workorders.rounds(wo.id, reader=accounts.PROGRAM)] == ["accepted"]


def test_no_sign_off_without_the_signed_slip(office):
    wo = repair(office)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=NOW)
    workorders.complete(office["technician"], wo.id, done(slip_returned=False), at=dt.datetime(2026, 11, 24, 16, 0))
    with pytest.raises(RuleError, match="回执"):
        workorders.check(office["supervisor"], wo.id)
    workorders.confirm_slip(office["clerk"], wo.id)
    assert workorders.check(office["supervisor"], wo.id).status == "checked"


def test_rework_keeps_the_first_round(office):
    wo = repair(office)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=NOW)
    workorders.complete(office["technician"], wo.id, done(), at=dt.datetime(2026, 11, 24, 16, 0))
    wo = workorders.rework(office["clerk"], wo.id, "业主反映仍然漏水")
    assert wo.status == "rework" and wo.rework_round == 1 and wo.result == ""
    other = accounts.create_staff(None, "tech2", "周师傅", Role.TECHNICIAN, "secret123")
    workorders.assign(office["clerk"], wo.id, other.id, at=dt.datetime(2026, 11, 24, 16, 30))
    workorders.complete(other, wo.id, done(result="更换整个龙头", arrived_at=dt.datetime(2026, 11, 24, 17, 0),
                                           finished_at=dt.datetime(2026, 11, 24, 17, 30)),
                        at=dt.datetime(2026, 11, 24, 18, 0))
    workorders.check(office["supervisor"], wo.id)
    rounds = workorders.rounds(wo.id, reader=accounts.PROGRAM)
    assert [(r.round_no, r.result, r.verdict) for r in rounds] == [
        (1, "更换水龙头阀芯", "rework"), (2, "更换整个龙头", "accepted")]
    assert rounds[0].technician_id == office["technician"].id and rounds[1].technician_id == other.id


def test_rework_clears_the_first_visits_appointment_and_the_redo_gets_its_own(office):
    """The redo is a new visit: the window agreed for the first one (and its scheduled time) must
    not stay on the order as if it were the redo's; the old values stay in the audit entry."""
    first_from, first_to = dt.datetime(2026, 11, 24, 14, 0), dt.datetime(2026, 11, 24, 16, 0)
    wo = repair(office, window_start=first_from, window_end=first_to)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=NOW)
    assert workorders.get(wo.id).scheduled_at == first_from
    workorders.complete(office["technician"], wo.id, done(), at=dt.datetime(2026, 11, 24, 16, 0))
    wo = workorders.rework(office["clerk"], wo.id, "业主反映仍然漏水", at=dt.datetime(2026, 11, 25, 9, 0))
    stored = WorkOrder.get_by_id(wo.id)
    assert (stored.window_start, stored.window_end, stored.scheduled_at) == (None, None, None)
    assert stored.technician_id == office["technician"].id  # the same technician may redo it
    assert workorders.round_issued_at(stored) == dt.datetime(2026, 11, 25, 9, 0)  # not yet handed over
    entry = workorders.timeline(wo.id, reader=accounts.PROGRAM)[-1]
    assert entry["action"] == "rework" and entry["note"] == "业主反映仍然漏水"
    changes = {field: (old, new) for field, old, new in entry["changes"]}
    assert changes["window_start"] == (str(first_from), None)
    assert changes["window_end"] == (str(first_to), None)
    assert changes["scheduled_at"] == (str(first_from), None)
    # the redo's own appointment, agreed with the owner when it is assigned again
    redo_from, redo_to = dt.datetime(2026, 11, 26, 9, 0), dt.datetime(2026, 11, 26, 11, 0)
    with pytest.raises(ValidationError):
        workorders.assign(office["clerk"], wo.id, office["technician"].id,
                          window=(redo_to, redo_from), at=dt.datetime(2026, 11, 25, 9, 30))
    assert WorkOrder.get_by_id(wo.id).status == "rework"  # nothing half-written
    workorders.assign(office["clerk"], wo.id, office["technician"].id, window=(redo_from, redo_to),
                      at=dt.datetime(2026, 11, 25, 9, 30))
    stored = WorkOrder.get_by_id(wo.id)
    assert (stored.window_start, stored.window_end, stored.scheduled_at) == (redo_from, redo_to, redo_from)
    assert stored.status == "assigned"
    entry = workorders.timeline(wo.id, reader=accounts.PROGRAM)[-1]
    changes = {field: (old, new) for field, old, new in entry["changes"]}
    assert entry["action"] == "assign"
    assert changes["window_start"] == (None, str(redo_from)) and changes["window_end"] == (None, str(redo_to))
    # the redo's notice is issued when it was handed over again; dispatched_at (the hand-over
    # clock) stays the first one; a later hand-over to someone else does not move the issue time
    assert stored.dispatched_at == NOW
    assert workorders.round_issued_at(stored) == dt.datetime(2026, 11, 25, 9, 30)
    other = accounts.create_staff(None, "tech2", "周师傅", Role.TECHNICIAN, "secret123")
    workorders.assign(office["clerk"], wo.id, other.id, redo_from, at=dt.datetime(2026, 11, 25, 11, 0))
    assert workorders.round_issued_at(WorkOrder.get_by_id(wo.id)) == dt.datetime(2026, 11, 25, 9, 30)


def test_paid_service_fee_from_price_list_or_approved_quote(office):
    item = PriceItem.create(name="更换水龙头", unit_name="个", price=Decimal("35.00"))
    wo = repair(office, paid=True)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=NOW)
    with pytest.raises(ValidationError) as err:
        workorders.complete(office["technician"], wo.id, done(fee="80"), at=dt.datetime(2026, 11, 24, 16, 0))
    assert "主管" in err.value.text()
    wo = workorders.complete(office["technician"], wo.id, done(price_item_id=item.id, quantity="2"),
                             at=dt.datetime(2026, 11, 24, 16, 0))
    assert wo.fee == Decimal("70.00")

    quoted = repair(office, paid=True)
    with pytest.raises(PermissionDenied):
        workorders.approve_quote(office["clerk"], quoted.id, "120")
    workorders.approve_quote(office["supervisor"], quoted.id, "120", "更换角阀及软管")
    workorders.assign(office["clerk"], quoted.id, office["technician"].id, at=NOW)
    quoted = workorders.complete(office["technician"], quoted.id, done(), at=dt.datetime(2026, 11, 24, 16, 0))
    assert quoted.fee == Decimal("120.00")

    free = repair(office)
    workorders.assign(office["clerk"], free.id, office["technician"].id, at=NOW)
    with pytest.raises(ValidationError, match="免费|0"):
        workorders.complete(office["technician"], free.id, done(fee="10"), at=dt.datetime(2026, 11, 24, 16, 0))
    with pytest.raises(ValidationError):
        workorders.complete(office["technician"], free.id, done(finished_at=dt.datetime(2026, 11, 24, 13, 0)),
                            at=dt.datetime(2026, 11, 24, 16, 0))


def test_complaint_spawns_two_work_orders_in_two_departments(office):
    cat = Category.get(Category.name == "工程维修/设施设备").id
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime(2026, 11, 24, 9, 0), unit="3栋2单元1201", phone="13800138000",
        complainant="张伟", description="楼道水管爆裂，楼道积水", category_id=cat, severity="important"),
        at=NOW)
    cleaning = Department.get(Department.code == "cleaning").id
    fix = workorders.from_complaint(office["clerk"], c.id, "更换爆裂水管", None, "urgent", at=NOW)
    mop = workorders.from_complaint(office["clerk"], c.id, "清理楼道积水", cleaning, at=NOW)
    assert fix.kind == "follow_up" and fix.complaint_id == c.id and fix.unit.label == "3栋2单元1201"
    assert fix.department.name == "工程部" and mop.department.name == "环境部"
    assert [w.number for w in workorders.of_complaint(c.id, reader=accounts.PROGRAM)] == [fix.number, mop.number]
    assert [e["action"] for e in complaints.timeline(c.id, reader=accounts.PROGRAM)] == ["create", "work_order", "work_order"]


def test_cancel_needs_a_reason_and_ends_the_order(office):
    wo = repair(office)
    with pytest.raises(ValidationError):
        workorders.cancel(office["clerk"], wo.id, "")
    workorders.cancel(office["clerk"], wo.id, "业主自行修好")
    with pytest.raises(RuleError, match="已取消"):
        workorders.assign(office["clerk"], wo.id, office["technician"].id)
    assert WorkOrder.select().count() == 1


def test_day_board_shows_each_technicians_jobs(office):
    a = repair(office)
    b = repair(office, description="卧室灯不亮")
    workorders.assign(office["clerk"], a.id, office["technician"].id, dt.datetime(2026, 11, 24, 14, 0), at=NOW)
    workorders.assign(office["clerk"], b.id, office["technician"].id, dt.datetime(2026, 11, 25, 9, 0), at=NOW)
    board = workorders.day_board(dt.date(2026, 11, 24))
    assert [w.id for w in board[office["technician"].id]] == [a.id]
    with pytest.raises(RuleError, match="维修工"):
        workorders.assign(office["clerk"], b.id, office["clerk"].id)
