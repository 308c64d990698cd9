"""Staff and accounts: add, edit, deactivate (never delete), reset a password, the last admin."""
import datetime as dt

import pytest

from propdesk.errors import PermissionDenied, RuleError, ValidationError
from propdesk.models.tables import AuditEntry, Department, Staff
from propdesk.services.core import accounts
from propdesk.services.setup.staff_admin import (
    StaffInput, add_staff, reset_password, set_active, staff_list, update_staff,
)


def engineering():
    return Department.get(Department.code == "engineering").id


def test_add_and_edit_staff(office):
    s = add_staff(office["admin"], StaffInput("zhangsan", "张三", "technician", engineering(),
                                              "13700001111", "start123"))
    assert s.role == "technician" and s.department.name == "工程部" and s.active
    assert accounts.authenticate("zhangsan", "start123").id == s.id
    update_staff(office["admin"], s.id, StaffInput(name="张三丰", role="clerk",
                                                   department_id=None, phone=""))
    s = Staff.get_by_id(s.id)
    assert (s.name, s.role, s.department_id, s.phone) == ("张三丰", "clerk", None, "")
    assert s.username == "zhangsan"  # kept: it is on the audit trail
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.entity == "staff",
                                                           AuditEntry.entity_id == s.id)]
    assert actions == ["create", "login", "change"]


def test_bad_input_names_every_field(office):
    with pytest.raises(ValidationError) as err:
        add_staff(office["admin"], StaffInput("clerk", "", "boss", None, "12", "123"))
    assert set(err.value.errors) == {"username", "staff_name", "role", "staff_phone", "password"}
    with pytest.raises(ValidationError) as err:
        add_staff(office["admin"], StaffInput("王 芳", "王芳", "clerk", None, "", "secret123"))
    assert list(err.value.errors) == ["username"]
    assert Staff.select().count() == 4


def test_deactivated_person_cannot_sign_in_but_keeps_history(office):
    clerk = office["clerk"]
    set_active(office["admin"], clerk.id, False)
    with pytest.raises(RuleError):
        accounts.authenticate("clerk", "secret123")
    assert not accounts.can(Staff.get_by_id(clerk.id), "complaint.create")
    assert Staff.get_by_id(clerk.id).name == "王芳"  # still there for old records
    assert clerk.id in [s.id for s in staff_list()] and clerk.id not in [s.id for s in staff_list(False)]
    set_active(office["admin"], clerk.id, True)
    assert accounts.authenticate("clerk", "secret123").id == clerk.id


def test_the_last_active_admin_stays(office):
    admin = office["admin"]
    with pytest.raises(RuleError) as err:
        update_staff(admin, admin.id, StaffInput(name="赵敏", role="supervisor"))
    assert "最后一位" in err.value.text()
    with pytest.raises(RuleError):
        set_active(admin, admin.id, False)  # oneself, too
    second = add_staff(admin, StaffInput("admin2", "钱进", "admin", None, "", "secret123"))
    with pytest.raises(RuleError):
        set_active(second, second.id, False)  # not oneself
    set_active(second, admin.id, False)  # another admin is left
    with pytest.raises(RuleError) as err:
        update_staff(second, second.id, StaffInput(name="钱进", role="clerk"))
    assert Staff.get_by_id(second.id).role == "admin"


def test_reset_password_lifts_a_lock(office):
    clerk = office["clerk"]
    Staff.update(failed_logins=3, locked_until=dt.datetime.now() + dt.timedelta(minutes=15)).where(
        Staff.id == clerk.id).execute()
    with pytest.raises(RuleError):
        accounts.authenticate("clerk", "secret123")  # locked
    with pytest.raises(ValidationError):
        reset_password(office["admin"], clerk.id, "12345")
    reset_password(office["admin"], clerk.id, "newpass1")
    assert accounts.authenticate("clerk", "newpass1").id == clerk.id
    entry = AuditEntry.get(AuditEntry.action == "password_reset")
    assert entry.staff_id == office["admin"].id and not list(entry.changes)  # no hash in the log


def test_only_an_administrator(office):
    for call in (lambda: add_staff(office["supervisor"], StaffInput("x1", "某", "clerk", None, "", "secret123")),
                 lambda: set_active(office["supervisor"], office["clerk"].id, False),
                 lambda: reset_password(office["clerk"], office["clerk"].id, "secret999")):
        with pytest.raises(PermissionDenied):
            call()
    assert AuditEntry.select().where(AuditEntry.action == "refused").count() == 3
    assert Staff.get_by_id(office["clerk"].id).active
