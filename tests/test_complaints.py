"""Complaint rules without a window: intake, validation, numbering, handling, roles, audit."""
import datetime as dt
import subprocess
import sys

import pytest

from propdesk.errors import PermissionDenied, RuleError, ValidationError
from propdesk.models.tables import AuditEntry, Category, Complaint
from propdesk.services.core import accounts
from propdesk.services.cases import complaints
from propdesk.services.cases import lateness
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core.accounts import PROGRAM

NOW = dt.datetime(2026, 11, 24, 10, 0)


def make_input(**kw):
    base = dict(channel="phone", received_at=dt.datetime(2026, 11, 24, 9, 30),
                phone="13800138000", complainant="张伟", unit="3栋2单元1201",
                description="楼上卫生间漏水，天花板渗水严重", customer_request="尽快上门维修",
                category_id=Category.get(Category.name == "工程维修/设施设备").id,
                severity="important")
    base.update(kw)
    return ComplaintInput(**base)


def test_no_qt_below_ui():
    # a fresh interpreter: pytest-qt has already loaded PySide6 into this one
    code = ("import sys, pkgutil, importlib, propdesk.models, propdesk.services, propdesk.reports, propdesk.demo\n"
            "for pkg in (propdesk.services, propdesk.reports, propdesk.models, propdesk.demo):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        importlib.import_module(m.name)\n"
            "print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_create_numbers_deadlines_and_department(office):
    c = complaints.create(office["clerk"], make_input(), at=NOW)
    assert c.number == "TS-20261124-001"
    assert c.unit.label == "3栋2单元1201"
    assert c.department.name == "工程部"  # the category's usual department
    assert c.reply_by == dt.datetime(2026, 11, 25, 9, 30)
    assert c.resolve_by == dt.datetime(2026, 11, 26, 9, 30)
    assert c.status == "received"
    c2 = complaints.create(office["clerk"], make_input(), at=NOW)
    assert c2.number == "TS-20261124-002"
    entry = AuditEntry.get(AuditEntry.entity == "complaint", AuditEntry.entity_id == c.id)
    assert entry.action == "create" and entry.staff_id == office["clerk"].id


def test_numbers_are_never_reused_after_void(office):
    c = complaints.create(office["clerk"], make_input(), at=NOW)
    complaints.void(office["supervisor"], c.id, "重复录入")
    c2 = complaints.create(office["clerk"], make_input(), at=NOW)
    assert c2.number == "TS-20261124-002"
    assert Complaint.select().count() == 2  # voided, not deleted


def test_unit_written_other_ways(office):
    c = complaints.create(office["clerk"], make_input(unit="3-2-1201"), at=NOW)
    assert c.unit.label == "3栋2单元1201"
    c = complaints.create(office["clerk"], make_input(unit="３栋２单元１２０１"), at=NOW)
    assert c.unit.label == "3栋2单元1201"


@pytest.mark.parametrize("field, value, words", [
    ("phone", "1380013", "来电电话"),
    ("phone", "abc12345678", "来电电话"),
    ("description", "   ", "事情经过"),
    ("complainant", "", "投诉人"),
    ("unit", "99栋9单元9999", "房号"),
    ("severity", "", "投诉级别"),
    ("category_id", None, "投诉类别"),
    ("received_at", dt.datetime(2026, 12, 24, 9, 0), "受理时间"),
])
def test_bad_input_names_the_field_and_writes_nothing(office, field, value, words):
    with pytest.raises(ValidationError) as err:
        complaints.create(office["clerk"], make_input(**{field: value}), at=NOW)
    assert words in err.value.text()
    assert Complaint.select().count() == 0


def test_all_problems_reported_at_once(office):
    with pytest.raises(ValidationError) as err:
        complaints.create(office["clerk"], make_input(phone="12", description="", complainant=""), at=NOW)
    assert set(err.value.errors) == {"phone", "description", "complainant"}


def test_invalid_needs_reason(office):
    with pytest.raises(ValidationError) as err:
        complaints.create(office["clerk"], make_input(valid=False), at=NOW)
    assert "invalid_reason" in err.value.errors
    c = complaints.create(office["clerk"], make_input(valid=False, invalid_reason="属开发商保修范围"), at=NOW)
    assert c.reply_by == dt.datetime(2026, 11, 25, 9, 30)


def test_full_life_cycle_and_timeline(office):
    clerk = office["clerk"]
    c = complaints.create(clerk, make_input(severity="major", is_group=True), at=NOW)
    assert complaints.needs_head_notice(c)
    complaints.notify_head(clerk, c.id, at=NOW)
    assert not complaints.needs_head_notice(complaints.get(c.id))
    with pytest.raises(RuleError, match="回复"):
        complaints.close(clerk, c.id)
    complaints.record_reply(clerk, c.id, dt.datetime(2026, 11, 24, 10, 30), "phone", "已安排工程部上门",
                            at=dt.datetime(2026, 11, 24, 10, 31))
    with pytest.raises(RuleError, match="处理结果"):
        complaints.close(clerk, c.id)
    complaints.record_handling(clerk, c.id, cause="楼上防水层老化", action="重做防水",
                               result="已修复，不再渗水", customer_opinion="满意", signature_received=True)
    complaints.escalate(clerk, c.id, "supervisor", "业主要求赔偿吊顶")
    complaints.close(clerk, c.id)
    c = complaints.get(c.id)
    assert c.status == "closed" and c.closed_at
    with pytest.raises(RuleError):
        complaints.record_reply(clerk, c.id, NOW, "phone", at=NOW)
    complaints.reopen(clerk, c.id, "回访不满意")
    assert complaints.get(c.id).reopen_count == 1
    actions = [e["action"] for e in complaints.timeline(c.id, reader=accounts.PROGRAM)]
    assert actions == ["create", "notify_head", "reply", "handle", "escalate", "close", "reopen"]
    reply = complaints.timeline(c.id, reader=accounts.PROGRAM)[2]
    assert reply["who"] == "王芳"
    assert ("status", "received", "replied") in reply["changes"]


def test_clerk_cannot_void_and_the_refusal_is_audited(office):
    c = complaints.create(office["clerk"], make_input(), at=NOW)
    with pytest.raises(PermissionDenied) as err:
        complaints.void(office["clerk"], c.id, "想删掉")
    assert "客服" in err.value.text()
    assert AuditEntry.get(AuditEntry.action == "refused").staff_id == office["clerk"].id
    with pytest.raises(PermissionDenied):
        complaints.create(office["technician"], make_input())
    assert complaints.get(c.id).status == "received"


def test_overdue(office):
    c = complaints.create(office["clerk"], make_input(severity="minor"), at=NOW)
    assert lateness.complaint_overdue(c, dt.datetime(2026, 11, 24, 11, 0)) is None
    assert lateness.complaint_overdue(c, dt.datetime(2026, 11, 24, 11, 31)) == "reply"
    complaints.record_reply(office["clerk"], c.id, dt.datetime(2026, 11, 24, 10, 0), "phone", at=NOW)
    c = complaints.get(c.id)
    assert lateness.complaint_overdue(c, dt.datetime(2026, 11, 25, 9, 31)) == "resolve"


def test_refused_handling_is_audited_even_though_nothing_changes(office):
    c = complaints.create(office["clerk"], make_input(), at=NOW)
    with pytest.raises(PermissionDenied):
        complaints.record_reply(office["technician"], c.id, NOW, "phone", at=NOW)
    refusal = AuditEntry.get(AuditEntry.action == "refused")
    assert (refusal.entity, refusal.entity_id, refusal.staff_id) == ("complaint", c.id, office["technician"].id)
    assert complaints.get(c.id).replied_at is None


def test_unit_words_are_kept_apart(office):
    """1幢 and 1栋 are different buildings (two estates use different words)."""
    from propdesk.models.tables import Building, Estate, Unit
    from propdesk.services.register import owners

    other = Estate.create(name="翠湖苑")
    block = Building.create(estate=other, name="3幢")
    far = Unit.create(building=block, entrance="2单元", room="1201", label="3幢2单元1201")
    assert owners.find_unit("3幢2单元1201室").id == far.id
    assert owners.find_unit("3栋2单元1201").id == office["units"]["3栋2单元1201"].id
    assert owners.find_unit("3-2-1201") is None  # both exist: the clerk must say which
    assert owners.find_unit("5-1-301").label == "5栋1单元301"  # only one: found


def test_customers_own_cause_owes_no_reply(office):
    """An invalid complaint caused by the customer gets no notice: never a missed reply."""
    from propdesk.services.lists import dashboard
    from propdesk.services.lists import search
    from propdesk.services.lists import weekly
    from propdesk.services.lists.search import ComplaintFilter

    c = complaints.create(office["clerk"], make_input(valid=False, invalid_reason="业主自家水管问题",
                                                      notice_required=False), at=NOW)
    later = dt.datetime(2026, 11, 26, 9, 0)
    # late only for closing (it must still be closed within its working day), never for a reply
    assert lateness.complaint_overdue(complaints.get(c.id), later) == "resolve"
    assert dashboard.counts(later, reader=PROGRAM)["reply_overdue"] == 0
    assert search.count(ComplaintFilter(due="reply_overdue", at=later), reader=PROGRAM) == 0
    complaints.close(office["clerk"], c.id, at=later)
    s = weekly.summary(dt.date(2026, 11, 23), dt.date(2026, 11, 29), at=later)
    assert s.this.reply_on_time.of == 0  # not counted as a reply that was due
    # a valid complaint always owes a reply, whatever the box said
    v = complaints.create(office["clerk"], make_input(notice_required=False), at=NOW)
    assert v.notice_required and complaints.reply_owed(v)


def test_an_ambiguous_unit_names_both(office):
    from propdesk.models.tables import Building, Estate, Unit

    block = Building.create(estate=Estate.create(name="翠湖苑"), name="3幢")
    Unit.create(building=block, entrance="2单元", room="1201", label="3幢2单元1201")
    with pytest.raises(ValidationError) as err:
        complaints.create(office["clerk"], make_input(unit="3-2-1201"), at=NOW)
    assert "3栋2单元1201" in err.value.text() and "3幢2单元1201" in err.value.text()
