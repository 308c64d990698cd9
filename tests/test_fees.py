"""Paid services (有偿服务): fee lines, quote approval, payment by cash or monthly bill, voiding,
editing a saved order, and the cashier's month (26th to 25th). Services only, no window."""
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from propdesk.errors import PermissionDenied, RuleError, ValidationError
from propdesk.models.tables import AuditChange, AuditEntry, FeeLine, Payment, PriceItem, WorkOrder
from propdesk.services.cases import workorder_edits, workorders
from propdesk.services.cases.workorder_edits import WorkOrderEdit
from propdesk.services.cases.workorders import Completion, RepairInput
from propdesk.services.fees import charges, months, payments
from propdesk.services.fees.charges import LineInput

NOW = dt.datetime(2026, 11, 24, 10, 0)
LATER = dt.datetime(2026, 11, 24, 16, 0)


@pytest.fixture
def prices(office):
    return {"cartridge": PriceItem.create(name="更换水龙头阀芯", unit_name="个", price=Decimal("30.00")),
            "drain": PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))}


def repair(office, **kw):
    values = dict(received_at=dt.datetime(2026, 11, 24, 9, 0), phone="13800138000", contact_name="张伟",
                  unit="3栋2单元1201", description="厨房水龙头漏水")
    values.update(kw)
    wo = workorders.create(office["clerk"], RepairInput(**values), at=NOW)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=NOW)
    return wo


def done(**kw):
    values = dict(arrived_at=dt.datetime(2026, 11, 24, 14, 0), finished_at=dt.datetime(2026, 11, 24, 15, 0),
                  result="更换水龙头阀芯", slip_returned=True)
    values.update(kw)
    return Completion(**values)


def changes(wo_id, action):
    entries = AuditEntry.select().where((AuditEntry.entity == "work_order") & (AuditEntry.entity_id == wo_id)
                                        & (AuditEntry.action == action))
    return {(c.field, c.old, c.new) for c in AuditChange.select().where(AuditChange.entry.in_(entries))}


def test_free_order_found_chargeable_at_the_visit(office, prices):
    wo = repair(office)  # taken as free: 无偿
    line = LineInput(kind="item", price_item_id=prices["cartridge"].id, quantity="1")
    with pytest.raises(ValidationError) as err:
        workorders.complete(office["technician"], wo.id, done(lines=[line]), at=LATER)
    assert set(err.value.errors) == {"owner_agreement"}
    assert FeeLine.select().count() == 0 and WorkOrder.get_by_id(wo.id).status == "assigned"

    wo = workorders.complete(office["technician"], wo.id,
                             done(lines=[line], owner_agreement="业主张伟当面同意付费"), at=LATER)
    wo = WorkOrder.get_by_id(wo.id)
    assert wo.paid and wo.owner_agreement == "业主张伟当面同意付费" and wo.status == "done"
    assert wo.fee == Decimal("30.00") and wo.fee_state == "unpaid"
    assert ("paid", "0", "1") in changes(wo.id, "edit")


def test_several_lines_price_of_the_day_kept(office, prices):
    wo = repair(office, paid=True)
    workorders.complete(office["technician"], wo.id, done(lines=[
        LineInput(kind="item", price_item_id=prices["cartridge"].id, quantity="2"),
        LineInput(kind="material", description="角阀", unit_price="15.5", quantity="2"),
        LineInput(kind="item", price_item_id=prices["drain"].id, quantity="1"),
    ]), at=LATER)
    prices["cartridge"].price = Decimal("35.00")  # the price list changes later
    prices["cartridge"].save()
    lines = charges.lines(wo.id)
    assert [(ln.kind, ln.unit_price, ln.quantity, ln.amount) for ln in lines] == [
        ("item", Decimal("30.00"), Decimal("2.00"), Decimal("60.00")),
        ("material", Decimal("15.50"), Decimal("2.00"), Decimal("31.00")),
        ("item", Decimal("80.00"), Decimal("1.00"), Decimal("80.00"))]
    assert WorkOrder.get_by_id(wo.id).fee == Decimal("171.00") == charges.total(wo.id)
    charges.void(office["clerk"], lines[2].id, "业主自行疏通")
    assert WorkOrder.get_by_id(wo.id).fee == Decimal("91.00")
    assert len(charges.lines(wo.id, include_voided=True)) == 3


@pytest.mark.parametrize("line, field", [
    (LineInput(kind="item", price_item_id=None, quantity="1"), "price_item"),
    (LineInput(kind="item", price_item_id=1, quantity="-1"), "quantity"),
    (LineInput(kind="item", price_item_id=1, quantity="100000"), "quantity"),
    (LineInput(kind="item", price_item_id=1, quantity="abc"), "quantity"),
    (LineInput(kind="material", description="角阀", unit_price="-5", quantity="1"), "unit_price"),
    (LineInput(kind="material", description="", unit_price="5", quantity="1"), "material_name"),
    (LineInput(kind="material", description="角阀", unit_price="40000", quantity="100"), "unit_price"),
    (LineInput(kind="quote", description="更换角阀", amount="9999999"), "quote_amount"),
    (LineInput(kind="quote", description="更换角阀", amount="1.005"), "quote_amount"),
    (LineInput(kind="quote", description="更换角阀", amount="NaN"), "quote_amount"),
])
def test_bad_lines_are_refused_naming_the_field(office, prices, line, field):
    wo = repair(office, paid=True)
    with pytest.raises(ValidationError) as err:
        charges.add(office["clerk"], wo.id, line)
    assert field in err.value.errors
    assert FeeLine.select().count() == 0 and AuditEntry.select().where(AuditEntry.action == "fee_line").count() == 0


def test_quote_needs_a_supervisor(office, prices):
    wo = repair(office, paid=True)
    quote = charges.add(office["clerk"], wo.id, LineInput(kind="quote", description="更换角阀及软管", amount="120"))
    assert quote.approved_by_id is None
    with pytest.raises(RuleError) as err:
        payments.pay_cash(office["clerk"], wo.id, "NO.0001".replace(".", ""))
    assert err.value.field == "quote_amount" and "主管" in err.value.text()
    with pytest.raises(PermissionDenied):
        charges.approve(office["clerk"], quote.id)
    approved = charges.approve(office["supervisor"], quote.id, at=dt.datetime(2026, 11, 24, 11, 0))
    assert approved.approved_by_id == office["supervisor"].id and approved.approved_at == dt.datetime(2026, 11, 24, 11, 0)
    # a supervisor's own quote is approved as written; the old API still works
    workorders.approve_quote(office["supervisor"], wo.id, "20", "加装软管")
    assert [ln.approved_by_id for ln in charges.lines(wo.id)] == [office["supervisor"].id] * 2
    assert WorkOrder.get_by_id(wo.id).fee == Decimal("140.00")


def test_cash_with_receipt_and_no_paying_twice(office, prices):
    wo = repair(office, paid=True)
    other = repair(office, paid=True)
    for order in (wo, other):
        charges.add(office["clerk"], order.id, LineInput(kind="item", price_item_id=prices["drain"].id, quantity="1"))
    with pytest.raises(ValidationError) as err:
        payments.pay_cash(office["clerk"], wo.id, "")
    assert set(err.value.errors) == {"receipt_no"}
    with pytest.raises(ValidationError) as err:
        payments.pay_cash(office["clerk"], wo.id, "收据#1")
    assert set(err.value.errors) == {"receipt_no"}
    p = payments.pay_cash(office["clerk"], wo.id, "A0012345", collected_by_id=office["supervisor"].id, at=LATER)
    assert (p.method, p.amount, p.receipt_no, p.collected_by_id, p.fee_month) == (
        "cash", Decimal("80.00"), "A0012345", office["supervisor"].id, "2026-11")
    assert WorkOrder.get_by_id(wo.id).fee_state == "settled"
    with pytest.raises(RuleError) as err:
        payments.pay_cash(office["clerk"], wo.id, "A0012346", at=LATER)
    assert err.value.field == "payment"
    with pytest.raises(RuleError) as err:
        payments.add_to_bill(office["clerk"], wo.id, at=LATER)
    assert err.value.field == "payment"
    with pytest.raises(RuleError) as err:
        payments.pay_cash(office["clerk"], other.id, "a0012345", at=LATER)
    assert err.value.field == "receipt_no" and wo.number in err.value.text()
    assert Payment.select().count() == 1
    # a settled fee's lines are locked
    with pytest.raises(RuleError) as err:
        charges.add(office["clerk"], wo.id, LineInput(kind="item", price_item_id=prices["drain"].id))
    assert err.value.field == "fee_line"


def test_monthly_bill_and_its_month(office, prices):
    wo = repair(office, paid=True)
    charges.add(office["clerk"], wo.id, LineInput(kind="item", price_item_id=prices["drain"].id, quantity="1"))
    with pytest.raises(RuleError) as err:
        payments.add_to_bill(office["clerk"], wo.id, "2026-10", at=LATER)
    assert err.value.field == "bill_month"
    with pytest.raises(RuleError) as err:
        payments.add_to_bill(office["clerk"], wo.id, "2026-13", at=LATER)
    assert err.value.field == "bill_month"
    p = payments.add_to_bill(office["clerk"], wo.id, at=dt.datetime(2026, 11, 26, 9, 0))
    assert (p.method, p.bill_month, p.fee_month, p.receipt_no) == ("bill", "2026-12", "2026-12", None)


def test_voiding_a_payment(office, prices):
    wo = repair(office, paid=True)
    charges.add(office["clerk"], wo.id, LineInput(kind="item", price_item_id=prices["drain"].id, quantity="1"))
    payments.pay_cash(office["clerk"], wo.id, "A001", at=LATER)
    with pytest.raises(PermissionDenied):
        payments.void(office["clerk"], wo.id, "收据写错")
    with pytest.raises(ValidationError) as err:
        payments.void(office["supervisor"], wo.id, "")
    assert set(err.value.errors) == {"reason"}
    voided = payments.void(office["supervisor"], wo.id, "收据写错", at=LATER)
    assert voided.voided_at == LATER and voided.void_reason == "收据写错"
    assert WorkOrder.get_by_id(wo.id).fee_state == "unpaid"
    with pytest.raises(RuleError) as err:  # the voided receipt stays used
        payments.pay_cash(office["clerk"], wo.id, "A001", at=LATER)
    assert err.value.field == "receipt_no"
    payments.add_to_bill(office["clerk"], wo.id, at=LATER)
    assert [(p.method, p.voided_at is not None) for p in payments.of(wo.id)] == [("cash", True), ("bill", False)]
    assert ("payment", "现金 80.00 A001", None) in changes(wo.id, "payment_void")


def test_edit_a_saved_order(office, prices):
    wo = repair(office)
    from propdesk.models.tables import Department, RepairCategory

    cleaning = Department.get(Department.code == "cleaning")
    lift = RepairCategory.get(RepairCategory.name == "电梯")
    with pytest.raises(ValidationError) as err:
        workorder_edits.edit(office["clerk"], wo.id, WorkOrderEdit(description="x"), "")
    assert set(err.value.errors) == {"reason"}
    with pytest.raises(ValidationError) as err:
        workorder_edits.edit(office["clerk"], wo.id, WorkOrderEdit(paid=True), "上门发现需换阀芯")
    assert set(err.value.errors) == {"owner_agreement"}
    workorder_edits.edit(office["clerk"], wo.id, WorkOrderEdit(
        description="卫生间水龙头漏水", department_id=cleaning.id, urgency="urgent",
        repair_category_id=lift.id, paid=True, owner_agreement="电话确认同意"), "业主补充说明", at=LATER)
    wo = WorkOrder.get_by_id(wo.id)
    assert (wo.description, wo.department_id, wo.urgency, wo.repair_category_id, wo.paid) == (
        "卫生间水龙头漏水", cleaning.id, "urgent", lift.id, True)
    assert wo.pass_by == dt.datetime(2026, 11, 24, 9, 15)
    found = changes(wo.id, "edit")
    assert ("description", "厨房水龙头漏水", "卫生间水龙头漏水") in found and ("urgency", "ordinary", "urgent") in found
    assert AuditEntry.get((AuditEntry.entity_id == wo.id) & (AuditEntry.action == "edit")).note == "业主补充说明"

    charges.add(office["clerk"], wo.id, LineInput(kind="item", price_item_id=prices["drain"].id))
    with pytest.raises(ValidationError) as err:
        workorder_edits.edit(office["clerk"], wo.id, WorkOrderEdit(paid=False), "搞错了")
    assert set(err.value.errors) == {"paid"}
    workorders.complete(office["technician"], wo.id, done(), at=LATER)
    with pytest.raises(PermissionDenied):
        workorder_edits.edit(office["clerk"], wo.id, WorkOrderEdit(description="改"), "更正")
    workorder_edits.edit(office["supervisor"], wo.id, WorkOrderEdit(description="卫生间龙头漏水"), "更正")
    assert WorkOrder.get_by_id(wo.id).description == "卫生间龙头漏水"


def test_a_paid_job_needs_a_line_to_complete(office):
    wo = repair(office, paid=True)
    with pytest.raises(RuleError) as err:
        workorders.complete(office["technician"], wo.id, done(), at=LATER)
    assert err.value.field == "fee"
    assert WorkOrder.get_by_id(wo.id).status == "assigned"


def test_the_cashiers_month_ends_on_the_25th():
    assert months.month_of(dt.date(2026, 11, 25)) == "2026-11"
    assert months.month_of(dt.datetime(2026, 11, 25, 23, 59)) == "2026-11"
    assert months.month_of(dt.date(2026, 11, 26)) == "2026-12"
    assert months.month_of(dt.date(2026, 12, 26)) == "2027-01"
    assert months.period("2026-11") == (dt.date(2026, 10, 26), dt.date(2026, 11, 25))
    assert months.period("2027-01") == (dt.date(2026, 12, 26), dt.date(2027, 1, 25))
    with pytest.raises(RuleError) as err:
        months.parse("11/2026", "fee_month")
    assert err.value.field == "fee_month"


def test_upgrade_turns_the_single_fee_into_a_line(tmp_path):
    from propdesk.models import init_db
    from propdesk.models.tables import RepairCategory

    fixture = Path(__file__).parent / "fixtures" / "db" / "propdesk_v5.db"  # the schema before fees
    path = tmp_path / "old.db"
    shutil.copy(fixture, path)
    init_db(str(path))
    wo = WorkOrder.get(WorkOrder.number == "PG-20261102-001")
    (line,) = charges.lines(wo.id)
    assert (line.kind, line.description, line.unit_price, line.quantity, line.amount) == (
        "item", "更换水龙头", Decimal("50.00"), Decimal("1.00"), Decimal("50.00"))
    assert wo.fee_state == "unpaid" and wo.fee == Decimal("50.00")
    free = WorkOrder.get(WorkOrder.number == "PG-20261102-002")
    assert free.fee_state == "none" and not charges.lines(free.id)
    assert [r.name for r in RepairCategory.select().order_by(RepairCategory.sort)] == [
        "水电", "门窗", "管道疏通", "电梯", "公共设施", "其他"]
