"""Staff and their accounts: add, edit, deactivate (never delete), reset a password.

A deactivated person cannot sign in and keeps their history: their name stays on every record
they touched. The last active administrator can be neither deactivated nor given another role,
so the office can always change its own setup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import fn

from propdesk.errors import NotFound
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Role
from propdesk.models.tables import Department, Staff
from propdesk.services.core import accounts, passwords
from propdesk.services.core import audit
from propdesk.services.core.db_retry import transaction
from propdesk.services.setup.office import require_edit
from propdesk.services.core.validation import Checker

ENTITY = "staff"

MSG_USERNAME = QT_TRANSLATE_NOOP(
    "rules", "{label}: use 2 to 40 letters, digits, dots, hyphens or underscores (no spaces).")
MSG_USERNAME_TAKEN = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is already taken.")
MSG_LAST_ADMIN = QT_TRANSLATE_NOOP(
    "rules", "{name} is the last active administrator: make someone else an administrator "
             "first, or nobody could change the office setup.")
MSG_SELF = QT_TRANSLATE_NOOP("rules", "You cannot deactivate your own account.")
MSG_NO_STAFF = QT_TRANSLATE_NOOP("rules", "This person is not on the staff list.")
MSG_DEPT = QT_TRANSLATE_NOOP("rules", "{label}: {name} is not active.")

_USERNAME = re.compile(r"^[A-Za-z0-9._\-]{2,40}$")


@dataclass
class StaffInput:
    username: str = ""
    name: str = ""
    role: str = Role.CLERK.value
    department_id: int | None = None
    phone: str = ""
    password: str = ""  # new staff only; see reset_password


def staff_list(include_inactive: bool = True) -> list[Staff]:
    query = (Staff.select(Staff, Department).left_outer_join(Department)
             .order_by(Staff.active.desc(), Staff.role, Staff.name))
    return list(query if include_inactive else query.where(Staff.active == True))  # noqa: E712 - peewee: `== True` builds SQL


def _get(staff_id: int) -> Staff:
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None:
        raise NotFound(MSG_NO_STAFF)
    return staff


def _check_password(c: Checker, password: str, username: str) -> None:
    passwords.check_new(c, "password", password, username)  # the rules every new password follows


def _checked(data: StaffInput, staff_id: int | None) -> tuple[dict, Checker]:
    c = Checker()
    values = {}
    if staff_id is None:  # the user name stays once given (it is on the audit trail)
        username = c.text("username", data.username, required=True, max_len=40)
        if "username" not in c.errors and not _USERNAME.match(username):
            c.fail("username", MSG_USERNAME)
        elif "username" not in c.errors and Staff.select().where(
                fn.LOWER(Staff.username) == username.lower()).exists():
            c.fail("username", MSG_USERNAME_TAKEN, value=username)
        values["username"] = username
    values |= {
        "name": c.text("staff_name", data.name, required=True, max_len=40),
        "role": c.choice("role", data.role, [r.value for r in Role]),
        "phone": c.phone("staff_phone", data.phone)[0],
        "department": None,
    }
    if data.department_id:
        dept = Department.get_or_none(Department.id == data.department_id)
        if dept is None or (not dept.active and not (
                staff_id and _get(staff_id).department_id == dept.id)):
            c.fail("department", MSG_DEPT, name=dept.name if dept else "-")
        values["department"] = dept
    if staff_id is None:
        _check_password(c, data.password, values["username"])
    return values, c


def _other_active_admins(staff_id: int) -> int:
    return Staff.select().where((Staff.role == Role.ADMIN.value) & (Staff.active == True)  # noqa: E712 - peewee: `== True` builds SQL
                                & (Staff.id != staff_id)).count()


def add_staff(actor: Staff | None, data: StaffInput) -> Staff:
    require_edit(actor, ENTITY)
    values, c = _checked(data, None)
    c.raise_if_any()
    password_hash = accounts.hash_password(data.password)  # slow on purpose: before the lock
    with transaction():
        staff = Staff.create(password_hash=password_hash, **values)
        passwords.mark_due(staff.id, passwords.DUE_NEW)  # the administrator chose it
        audit.record(actor, ENTITY, staff.id, "create", note=f"{staff.name} ({staff.username})",
                     changes={k: (None, v) for k, v in values.items()})
    return staff


def update_staff(actor: Staff | None, staff_id: int, data: StaffInput) -> Staff:
    """Name, role, department and phone; the user name stays (it is on the audit trail)."""
    require_edit(actor, ENTITY, staff_id)
    values, c = _checked(data, staff_id)
    with transaction():
        staff = _get(staff_id)
        if staff.role == Role.ADMIN.value and values["role"] not in (None, Role.ADMIN.value) \
                and staff.active and not _other_active_admins(staff.id):
            c.fail("role", MSG_LAST_ADMIN, name=staff.name)
        c.raise_if_any()
        changes = audit.diff(staff, values)
        if changes:
            staff.save()
            audit.record(actor, ENTITY, staff.id, "change", note=staff.name, changes=changes)
    return staff


def set_active(actor: Staff | None, staff_id: int, active: bool) -> Staff:
    """Deactivate (cannot sign in; history kept) or reactivate a person."""
    require_edit(actor, ENTITY, staff_id)
    c = Checker()
    with transaction():
        staff = _get(staff_id)
        if staff.active == bool(active):
            return staff
        if not active:
            if actor is not None and actor.id == staff.id:
                c.fail("active", MSG_SELF)
            elif staff.role == Role.ADMIN.value and not _other_active_admins(staff.id):
                c.fail("active", MSG_LAST_ADMIN, name=staff.name)
            c.raise_if_any()
        changes = audit.diff(staff, {"active": bool(active)})
        staff.save()
        audit.record(actor, ENTITY, staff.id, "activate" if active else "deactivate",
                     note=staff.name, changes=changes)
    return staff


def reset_password(actor: Staff | None, staff_id: int, password: str) -> Staff:
    """Give the person a new password; they must choose their own at their next sign-in
    (passwords.change_due). Also lifts a wait after wrong passwords."""
    require_edit(actor, ENTITY, staff_id)
    c = Checker()
    _check_password(c, password, _get(staff_id).username)
    c.raise_if_any()
    password_hash = accounts.hash_password(password)
    with transaction():
        staff = _get(staff_id)
        staff.password_hash = password_hash
        staff.failed_logins, staff.locked_until = 0, None
        staff.save()
        # the administrator knows it: the person chooses their own at the next sign-in
        passwords.mark_due(staff.id, passwords.DUE_RESET)
        audit.record(actor, ENTITY, staff.id, "password_reset", note=staff.name)
    return staff
