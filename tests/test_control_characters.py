"""NUL and the other control characters (but tab, line feed and carriage return) are refused in
every text field a service stores, with a message naming the field and nothing written: one
rule, ``validation.has_control`` (used by ``Checker.text``)."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.errors import RuleError, ValidationError
from propdesk.models import database
from propdesk.models.tables import Category, Complaint, WorkOrder
from propdesk.services.cases import (
    callback_results, callbacks, complaints, holds, incidents, related, workorder_edits, workorders,
)
from propdesk.services.cases.callback_results import CallbackInput
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorder_edits import WorkOrderEdit
from propdesk.services.cases.workorders import Completion, RepairInput
from propdesk.services.core import accounts, passwords, settings, validation
from propdesk.services.fees import charges, payments
from propdesk.services.register import importing
from propdesk.services.setup import calendar_admin, office_lists, office_profile, staff_admin, structure
from propdesk.services.setup.office_profile import Profile
from propdesk.services.setup.staff_admin import StaffInput
from propdesk.services.setup.structure import BuildingSpec

NOW = dt.datetime(2026, 11, 24, 10, 0)
BAD = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\ud800"]


def test_the_one_rule():
    for ch in BAD:
        assert validation.has_control(f"漏水{ch}了"), repr(ch)
    for ok in ("漏水\t了", "第一行\n第二行", "第一行\r\n第二行", "王𪚥", "😀", "  "):
        assert not validation.has_control(ok), repr(ok)


def _complaint(office):
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=NOW, phone="13800138000", complainant="张伟", description="楼道灯不亮",
        category_id=Category.select().first().id, severity="minor"), at=NOW)


def _order(office, done=False):
    wo = workorders.create(office["clerk"], RepairInput(phone="13912345678", contact_name="刘洋",
                                                        description="水龙头漏水"))
    if done:
        workorders.assign(office["clerk"], wo.id, office["technician"].id)
        workorders.complete(office["technician"], wo.id, Completion(
            arrived_at=dt.datetime.now() - dt.timedelta(hours=1), finished_at=dt.datetime.now(),
            result="已更换", slip_returned=True))
    return wo


def _callback_id(office):
    c = _complaint(office)
    complaints.record_reply(office["clerk"], c.id, NOW, "phone", at=NOW)
    complaints.record_handling(office["clerk"], c.id, cause="x", action="y", result="已修好")
    complaints.close(office["clerk"], c.id, at=NOW)
    from propdesk.models.tables import Callback

    return Callback.select().where(Callback.complaint == c.id).get().id


# (name, what to prepare -> a call with the bad text, the field the message must name)
def _cases(office):
    clerk, sup, admin = office["clerk"], office["supervisor"], office["admin"]
    cat = lambda: Category.select().first().id  # noqa: E731
    return [
        ("complaint.create", lambda t: complaints.create(clerk, ComplaintInput(
            received_at=NOW, phone="13800138000", complainant="张伟", description=f"漏水{t}",
            category_id=cat(), severity="minor"), at=NOW), "description"),
        ("complaint.create complainant", lambda t: complaints.create(clerk, ComplaintInput(
            received_at=NOW, phone="13800138000", complainant=f"张{t}伟", description="漏水",
            category_id=cat(), severity="minor"), at=NOW), "complainant"),
        ("complaint.reply", lambda t: complaints.record_reply(
            clerk, _complaint(office).id, NOW, "phone", note=f"已回复{t}", at=NOW), "note"),
        ("complaint.handling", lambda t: complaints.record_handling(
            clerk, _complaint(office).id, cause=f"原因{t}"), "cause"),
        ("complaint.escalate", lambda t: complaints.escalate(
            clerk, _complaint(office).id, "supervisor", f"不满意{t}"), "note"),
        ("complaint.note", lambda t: complaints.add_note(clerk, _complaint(office).id, f"备注{t}"), "note"),
        ("complaint.void", lambda t: complaints.void(sup, _complaint(office).id, f"录错{t}"), "reason"),
        ("complaint.close", lambda t: _close_with_note(office, f"结案{t}"), "note"),
        ("complaint.further call", lambda t: related.add_contact(
            clerk, _complaint(office).id, "李四", "13700137000", f"又来电{t}"), "description"),
        ("hold.start", lambda t: holds.start(clerk, "complaint", _complaint(office).id, "other",
                                             f"等业主{t}"), "note"),
        ("workorder.create", lambda t: workorders.create(clerk, RepairInput(
            phone="13912345678", contact_name="刘洋", description=f"漏水{t}")), "description"),
        ("workorder.from complaint", lambda t: workorders.from_complaint(
            clerk, _complaint(office).id, f"去修{t}", None), "description"),
        ("workorder.complete", lambda t: _complete(office, f"已换{t}"), "result"),
        ("workorder.cancel", lambda t: workorders.cancel(clerk, _order(office).id, f"撤销{t}"), "reason"),
        ("workorder.check", lambda t: workorders.check(sup, _order(office, done=True).id, f"合格{t}"), "note"),
        ("workorder.rework", lambda t: workorders.rework(sup, _order(office, done=True).id, f"返工{t}"), "reason"),
        ("workorder.quote", lambda t: workorders.approve_quote(sup, _order(office).id, "80", f"报价{t}"),
         "quote_text"),
        ("workorder.edit", lambda t: workorder_edits.edit(
            sup, _order(office).id, WorkOrderEdit(description="改了"), f"更正{t}"), "reason"),
        ("fee line", lambda t: charges.add(clerk, _paid_order(office, lines=False).id, charges.LineInput(
            kind="material", description=f"水管{t}", unit_price="10", quantity="1")), "material_name"),
        ("payment", lambda t: payments.pay_cash(clerk, _paid_order(office).id, f"NO{t}1"), "receipt_no"),
        ("callback.move", lambda t: callbacks.move(
            clerk, _callback_id(office), dt.date.today() + dt.timedelta(days=1), f"改期{t}"), "reason"),
        ("callback.result", lambda t: callback_results.record(
            clerk, _callback_id(office), CallbackInput(satisfaction="satisfied",
                                                       owner_words=f"满意{t}")), "owner_words"),
        ("incident.declare", lambda t: incidents.declare(clerk, "water", f"停水{t}"), "description"),
        ("incident.call", lambda t: incidents.attach(
            clerk, incidents.declare(clerk, "water", "停水").id, f"王{t}", "13700137000"), "complainant"),
        ("incident.close", lambda t: incidents.close(
            clerk, incidents.declare(clerk, "water", "停水").id, f"恢复{t}"), "note"),
        ("office profile", lambda t: office_profile.save_profile(admin, Profile(
            office_name=f"阳光{t}物业")), "office_name"),
        ("department", lambda t: office_lists.save_department(admin, None, f"绿化{t}二部"), "department_name"),
        ("category", lambda t: office_lists.save_category(admin, None, f"噪音{t}扰民", None), "category_name"),
        ("repair category", lambda t: office_lists.save_repair_category(admin, None, f"门窗{t}五金"),
         "repair_category_name"),
        ("price item", lambda t: office_lists.save_price_item(admin, None, f"换灯{t}泡", "次", "10"),
         "price_item_name"),
        ("estate", lambda t: structure.save_estate(admin, None, f"翠湖{t}苑"), "estate_name"),
        ("building", lambda t: structure.add_building(
            admin, structure.estates()[0].id, BuildingSpec(name=f"9{t}栋")), "building_name"),
        ("calendar day", lambda t: calendar_admin.set_days(
            admin, dt.date(2027, 1, 1), dt.date(2027, 1, 1), "holiday", f"元旦{t}"), "day_note"),
        ("setting", lambda t: settings.change(admin, "office_phone", f"0755{t}"), "value"),
        ("staff.add", lambda t: staff_admin.add_staff(admin, StaffInput(
            "newbie", f"新{t}人", "clerk", None, "", "secret123")), "staff_name"),
        ("staff.update", lambda t: staff_admin.update_staff(admin, clerk.id, StaffInput(
            name=f"王{t}芳", role="clerk")), "staff_name"),
        ("staff.first admin", lambda t: accounts.create_staff(None, "boss", f"老{t}板", "admin",
                                                             "secret123"), "staff_name"),
        ("staff.reset", lambda t: staff_admin.reset_password(admin, clerk.id, f"secret{t}123"), "password"),
        ("password.change", lambda t: passwords.change_own(clerk, "secret123", f"new{t}pass1",
                                                          f"new{t}pass1"), "new_password"),
    ]


def _close_with_note(office, note):
    c = _complaint(office)
    complaints.record_reply(office["clerk"], c.id, NOW, "phone", at=NOW)
    complaints.record_handling(office["clerk"], c.id, cause="x", action="y", result="已修好")
    return complaints.close(office["clerk"], c.id, note=note, at=NOW)


def _complete(office, result):
    wo = _order(office)
    workorders.assign(office["clerk"], wo.id, office["technician"].id)
    return workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=dt.datetime.now() - dt.timedelta(hours=1), finished_at=dt.datetime.now(),
        result=result, slip_returned=True))


def _paid_order(office, lines=True):
    wo = workorders.create(office["clerk"], RepairInput(phone="13912345678", contact_name="刘洋",
                                                        description="换灯", paid=True))
    if not lines:
        return wo
    charges.add(office["clerk"], wo.id, charges.LineInput(kind="material", description="灯泡",
                                                          unit_price="10", quantity="1"))
    return wo


def test_every_service_refuses_nul_and_control_characters_naming_the_field(office):
    """For each entry point: first the same call with clean text works (so the test can fail),
    then with NUL (and ESC) nothing is written and the message names the field."""
    names = []
    for name, call, field in _cases(office):
        for ch in ("\x00", "\x1b"):
            with database.atomic() as txn:  # each case prepares its own records; undone after
                try:
                    with pytest.raises(RuleError) as err:
                        call(ch)
                finally:
                    txn.rollback()
            errors = err.value.errors if isinstance(err.value, ValidationError) else {err.value.field: err.value}
            assert field in errors, (name, repr(ch), {k: e.text() for k, e in errors.items()})
            text = errors[field].text()
            assert validation.label(field) in text, (name, text)
            assert "无法保存的字符" in text, (name, text)
        names.append(name)
    assert len(names) == len(_cases(office))
    assert Complaint.select().count() == 0 and WorkOrder.select().count() == 0


def test_the_same_calls_with_clean_text_work(office):
    """The cases above are real entry points: with ordinary text each one goes through."""
    for name, call, field in _cases(office):
        with database.atomic() as txn:
            try:
                call("")
            except RuleError as err:  # pragma: no cover - shows which case is wrong
                pytest.fail(f"{name}: {err.text()}")
            finally:
                txn.rollback()


def test_a_roster_line_with_a_control_character_is_rejected_naming_the_column():
    mapping = {"name": 0, "unit": 1, "phone": 2, "note": 3}
    ok = importing.parse_row(2, ["张伟", "3-2-1201", "13800138000", "业主"], mapping, "阳光花园")
    assert ok is not None and ok.name == "张伟"
    for cells, field in ((["张\x00伟", "3-2-1201", "13800138000", ""], "name"),
                         (["张伟", "3-2-1201", "13800138000", "备\x01注"], "note"),
                         (["张伟", "3-2\x00-1201", "13800138000", ""], "unit")):
        with pytest.raises(RuleError) as err:
            importing.parse_row(3, cells, mapping, "阳光花园")
        assert err.value.field == field and "无法保存的字符" in err.value.text()
