"""Deadline rules the office edits (docs/deadlines.md values by default): checked, audited, for new
cases only."""
import datetime as dt

import pytest

from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditChange, AuditEntry, Category, Complaint
from propdesk.services.cases import callbacks
from propdesk.services.cases import complaints
from propdesk.services.core import settings
from propdesk.services.cases import sla
from propdesk.services.cases import workorders
from propdesk.services.setup import office as setup
from propdesk.services.cases.complaints import ComplaintInput

RECEIVED = dt.datetime(2026, 11, 24, 9, 30)  # a Tuesday


def complaint(clerk, severity="major"):
    return complaints.create(clerk, ComplaintInput(
        channel="phone", received_at=RECEIVED, phone="13800138000", complainant="张伟",
        unit="3栋2单元1201", description="电梯困人", customer_request="尽快处理",
        category_id=Category.get(Category.name == "工程维修/设施设备").id, severity=severity),
        at=RECEIVED + dt.timedelta(minutes=5))


def test_defaults_are_domain_values(office):
    d = setup.current_deadlines()
    assert d.sla["major"] == {"reply": [2, "hours"], "resolve": [3, "working_days"]}
    assert d.sla["important"] == {"reply": [1, "working_days"], "resolve": [2, "working_days"]}
    assert d.sla["minor"] == {"reply": [2, "hours"], "resolve": [1, "working_days"]}
    assert (d.callback_days, d.callback_max_attempts) == (3, 3)
    assert (d.urgent_minutes, d.ordinary_minutes, d.repeat_days) == (15, 120, 30)


def test_change_applies_to_new_cases_only_and_is_audited(office):
    before = complaint(office["clerk"])
    assert before.resolve_by == dt.datetime(2026, 11, 27, 9, 30)  # 3 working days
    d = setup.current_deadlines()
    d.sla["major"]["resolve"] = [5, "working_days"]
    d.sla["major"]["reply"] = [4, "hours"]
    d.callback_days, d.urgent_minutes, d.repeat_days = 2, 10, 45
    changes = setup.save_deadlines(office["admin"], d)
    assert changes["sla.major.resolve"] == ("3 working_days", "5 working_days")
    assert changes["sla.major.reply"] == ("2 hours", "4 hours")
    # the case taken before keeps its deadlines; a new one gets the new table
    assert Complaint.get_by_id(before.id).resolve_by == dt.datetime(2026, 11, 27, 9, 30)
    after = complaint(office["clerk"])
    assert after.reply_by == dt.datetime(2026, 11, 24, 13, 30)
    assert after.resolve_by == dt.datetime(2026, 12, 1, 9, 30)
    assert sla.deadlines(RECEIVED, "major")[1] == dt.datetime(2026, 12, 1, 9, 30)
    # the other rules are read where they are used
    assert callbacks.window_days() == 2
    assert workorders.pass_by(RECEIVED, "urgent") == RECEIVED + dt.timedelta(minutes=10)
    assert setup.repeat_days() == 45
    # who changed what, old -> new
    entry = AuditEntry.get(AuditEntry.entity == "setting", AuditEntry.action == "change")
    assert entry.staff_id == office["admin"].id
    lines = {c.field: (c.old, c.new) for c in AuditChange.select().where(AuditChange.entry == entry)}
    assert lines == {"sla.major.reply": ("2 hours", "4 hours"),
                     "sla.major.resolve": ("3 working_days", "5 working_days"),
                     "callback_days": ("3", "2"), "urgent_minutes": ("15", "10"),
                     "repeat_days": ("30", "45")}


def test_nothing_changed_writes_nothing(office):
    assert setup.save_deadlines(office["admin"], setup.current_deadlines()) == {}
    assert not AuditEntry.select().where(AuditEntry.entity == "setting").exists()


def test_bad_values_are_named_and_nothing_is_saved(office):
    d = setup.current_deadlines()
    d.sla["minor"]["reply"] = [0, "hours"]
    d.sla["important"]["resolve"] = [2, "weeks"]
    d.callback_days = "三"
    d.ordinary_minutes = 5000
    d.sla["major"]["resolve"] = [5, "hours"]  # a reply of 2 hours is fine
    with pytest.raises(ValidationError) as err:
        setup.save_deadlines(office["admin"], d)
    assert set(err.value.errors) == {"sla.minor.reply", "sla.important.resolve", "callback_days",
                                     "ordinary_minutes"}
    text = err.value.text()
    assert "轻微：回复时限" in text and "回访期限" in text
    assert settings.get("sla") is None and settings.get("callback_days") is None


def test_reply_cannot_be_later_than_resolve(office):
    d = setup.current_deadlines()
    d.sla["minor"]["reply"] = [3, "working_days"]
    with pytest.raises(ValidationError) as err:
        setup.save_deadlines(office["admin"], d)
    assert list(err.value.errors) == ["sla.minor.reply"]


def test_only_an_administrator_changes_them(office):
    d = setup.current_deadlines()
    d.repeat_days = 60
    for who in ("supervisor", "clerk"):
        with pytest.raises(PermissionDenied):
            setup.save_deadlines(office[who], d)
    refusals = AuditEntry.select().where(AuditEntry.action == "refused")
    assert {e.staff_id for e in refusals} == {office["supervisor"].id, office["clerk"].id}
    assert setup.repeat_days() == 30
    assert setup.can_view(office["supervisor"]) and not setup.can_edit(office["supervisor"])
    assert not setup.can_view(office["clerk"])


def test_restore_defaults(office):
    d = setup.current_deadlines()
    d.sla["important"]["reply"] = [4, "hours"]
    d.callback_max_attempts = 5
    setup.save_deadlines(office["admin"], d)
    assert callbacks.max_attempts() == 5
    changes = setup.restore_default_deadlines(office["admin"])
    assert changes["sla.important.reply"] == ("4 hours", "1 working_days")
    assert setup.current_deadlines() == setup.default_deadlines()
    assert AuditEntry.select().where(AuditEntry.action == "restore_defaults").count() == 1
