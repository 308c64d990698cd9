"""Reference lists (departments, categories) seeded from docs/procedure.md, and the first account."""
from __future__ import annotations

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.services.core.db_retry import transaction
from propdesk.models.enums import Role
from propdesk.models.db import REPAIR_CATEGORIES
from propdesk.models.tables import Category, Department, RepairCategory, Staff
from propdesk.services.core import accounts

DEPARTMENTS = [
    ("service", "客服部"),
    ("engineering", "工程部"),
    ("security", "秩序维护部"),
    ("cleaning", "环境部"),
    ("landscaping", "绿化部"),
    ("finance", "财务部"),
    ("management", "管理处"),
]

# category -> department it usually goes to
CATEGORIES = [
    ("工程维修/设施设备", "engineering"),
    ("环境卫生", "cleaning"),
    ("绿化", "landscaping"),
    ("安保秩序", "security"),
    ("停车管理", "security"),
    ("服务态度", "service"),
    ("收费/财务", "finance"),
    ("装修管理", "management"),
    ("邻里纠纷", "service"),
    ("房屋质量", "engineering"),
    ("其他", "service"),
]


def seed_reference() -> None:
    """Create the departments and categories once (an office edits them afterwards)."""
    if Department.select().exists() and Category.select().exists() \
            and RepairCategory.select().exists():
        return  # every start: read only (no write transaction, nothing to wait for)
    with transaction():
        if not Department.select().exists():
            for i, (code, name) in enumerate(DEPARTMENTS):
                Department.create(code=code, name=name, sort=i)
        if not Category.select().exists():
            depts = {d.code: d for d in Department.select()}
            for i, (name, dept) in enumerate(CATEGORIES):
                Category.create(name=name, default_department=depts.get(dept), sort=i)
        if not RepairCategory.select().exists():
            for i, name in enumerate(REPAIR_CATEGORIES):
                RepairCategory.create(name=name, sort=i)


def needs_first_admin() -> bool:
    return not Staff.select().exists()


MSG_OFFICE_MADE = QT_TRANSLATE_NOOP(
    "rules", "Another desk has just set up this office: sign in with the administrator account "
             "made there.")


def create_first_admin(username: str, name: str, password: str, office_name: str = "") -> Staff:
    """The office's first account (an administrator) and its name, in one transaction that
    first checks, under the write lock, that the office still has no account: two desks
    setting up a new office at the same moment made two administrators, and the second
    desk's office name overwrote the first one's."""
    from propdesk.services.core import settings
    from propdesk.services.core.validation import Checker

    c = Checker()
    office_name = c.text("office_name", office_name, max_len=80)
    c.raise_if_any()
    with transaction():
        if not needs_first_admin():
            raise RuleError(MSG_OFFICE_MADE)
        seed_reference()
        staff = accounts.create_staff(None, username, name, Role.ADMIN, password,
                                      Department.get_or_none(Department.code == "management"))
        if office_name:
            settings.put("office_name", office_name)
    return staff


def departments(active_only: bool = True) -> list[Department]:
    query = Department.select().order_by(Department.sort, Department.id)
    return list(query.where(Department.active == True) if active_only else query)  # noqa: E712 - peewee: `== True` builds SQL


def department_name(department_id: int) -> str:
    dept = Department.get_or_none(Department.id == department_id)
    return dept.name if dept else ""


def repair_categories(active_only: bool = True) -> list[RepairCategory]:
    query = RepairCategory.select().order_by(RepairCategory.sort, RepairCategory.id)
    return list(query.where(RepairCategory.active == True) if active_only else query)  # noqa: E712


def categories(active_only: bool = True) -> list[Category]:
    query = Category.select().order_by(Category.sort, Category.id)
    return list(query.where(Category.active == True) if active_only else query)  # noqa: E712 - peewee: `== True` builds SQL
