"""The office's own lists: departments, complaint categories (with the department each usually
goes to, which intake suggests) and the paid-service price list.

Nothing is deleted: a row is deactivated and stays on old records. The order is the ``sort``
number; moving a row renumbers its list in one transaction.
"""
from __future__ import annotations

from decimal import Decimal

from peewee import fn

from propdesk.errors import MSG_REQUIRED, NotFound
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Category, Department, PriceItem, RepairCategory, Staff
from propdesk.services.core import audit
from propdesk.services.setup import reference
from propdesk.services.core.db_retry import transaction
from propdesk.services.setup.office import require_edit, whole_number
from propdesk.services.core.validation import Checker, money_value

MSG_TAKEN = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is already on the list.")
MSG_DEPT_IN_USE = QT_TRANSLATE_NOOP(
    "rules", "{label}: {name} is still the usual department of {categories}. Choose another "
             "department for them first.")
MSG_LAST_ACTIVE = QT_TRANSLATE_NOOP("rules", "{label}: at least one must stay active.")
MSG_INACTIVE_DEPT = QT_TRANSLATE_NOOP("rules", "{label}: {name} is not active.")
MSG_PRICE = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" is not a price. Enter an amount such as 50 or 12.50.")
MSG_NOT_FOUND = QT_TRANSLATE_NOOP("rules", "This entry no longer exists.")

SORT_MAX = 9999


def _get(model, row_id):
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFound(MSG_NOT_FOUND)
    return row


def _unique(c: Checker, field: str, model, column, value: str, row_id: int | None) -> None:
    if field in c.errors or not value:
        return
    query = model.select().where(fn.LOWER(column) == value.lower())
    if row_id:
        query = query.where(model.id != row_id)
    if query.exists():
        c.fail(field, MSG_TAKEN, value=value)


def _next_sort(model) -> int:
    return (model.select(fn.MAX(model.sort)).scalar() or 0) + 1


def _save(actor, model, entity: str, row_id: int | None, values: dict, note: str):
    """Insert or update one row and audit it; inside the caller's transaction."""
    if row_id:
        row = _get(model, row_id)
        changes = audit.diff(row, values)
        if changes:
            row.save()
            audit.record(actor, entity, row.id, "change", note=note, changes=changes)
        return row
    row = model.create(**values)
    audit.record(actor, entity, row.id, "create", note=note,
                 changes={k: (None, v) for k, v in values.items()})
    return row


# --- departments -----------------------------------------------------------------------------

def _new_department_code() -> str:
    n = Department.select().count() + 1
    while Department.select().where(Department.code == f"dept{n}").exists():
        n += 1
    return f"dept{n}"


def save_department(actor: Staff | None, dept_id: int | None, name: str, sort=None,
                    active: bool = True) -> Department:
    require_edit(actor, "department", dept_id or 0)
    c = Checker()
    name = c.text("department_name", name, required=True, max_len=40)
    _unique(c, "department_name", Department, Department.name, name, dept_id)
    sort = None if sort in (None, "") else whole_number(c, "sort", sort, 0, SORT_MAX)
    with transaction():
        if dept_id and not active and _get(Department, dept_id).active:
            in_use = [cat.name for cat in Category.select().where(
                (Category.default_department == dept_id) & (Category.active == True))]  # noqa: E712 - peewee: `== True` builds SQL
            if in_use:
                c.fail("department_active", MSG_DEPT_IN_USE, name=name, categories="、".join(in_use))
            elif not Department.select().where((Department.active == True)  # noqa: E712 - peewee: `== True` builds SQL
                                               & (Department.id != dept_id)).exists():
                c.fail("department_active", MSG_LAST_ACTIVE)
        c.raise_if_any()
        values = {"name": name, "active": bool(active)}
        if sort is not None:
            values["sort"] = sort
        elif not dept_id:
            values["sort"] = _next_sort(Department)
        if not dept_id:
            values["code"] = _new_department_code()
        return _save(actor, Department, "department", dept_id, values, name)


# --- categories ------------------------------------------------------------------------------

def save_category(actor: Staff | None, category_id: int | None, name: str,
                  department_id: int | None, sort=None, active: bool = True) -> Category:
    require_edit(actor, "category", category_id or 0)
    c = Checker()
    name = c.text("category_name", name, required=True, max_len=40)
    _unique(c, "category_name", Category, Category.name, name, category_id)
    sort = None if sort in (None, "") else whole_number(c, "sort", sort, 0, SORT_MAX)
    with transaction():
        department = None
        if department_id:
            department = Department.get_or_none(Department.id == department_id)
            if department is None:
                c.fail("department", MSG_NOT_FOUND)
            elif not department.active:
                c.fail("department", MSG_INACTIVE_DEPT, name=department.name)
        if category_id and not active and _get(Category, category_id).active and not \
                Category.select().where((Category.active == True)  # noqa: E712 - peewee: `== True` builds SQL
                                        & (Category.id != category_id)).exists():
            c.fail("category_active", MSG_LAST_ACTIVE)
        c.raise_if_any()
        values = {"name": name, "default_department": department, "active": bool(active)}
        if sort is not None:
            values["sort"] = sort
        elif not category_id:
            values["sort"] = _next_sort(Category)
        return _save(actor, Category, "category", category_id, values, name)


# --- repair categories (水电, 门窗 ...) ---------------------------------------------------------

def save_repair_category(actor: Staff | None, row_id: int | None, name: str, sort=None,
                         active: bool = True) -> RepairCategory:
    """Add or change a repair category; at least one stays active for repair intake."""
    require_edit(actor, "repair_category", row_id or 0)
    c = Checker()
    name = c.text("repair_category_name", name, required=True, max_len=40)
    _unique(c, "repair_category_name", RepairCategory, RepairCategory.name, name, row_id)
    sort = None if sort in (None, "") else whole_number(c, "sort", sort, 0, SORT_MAX)
    with transaction():
        if row_id and not active and _get(RepairCategory, row_id).active and not \
                RepairCategory.select().where((RepairCategory.active == True)  # noqa: E712
                                              & (RepairCategory.id != row_id)).exists():
            c.fail("category_active", MSG_LAST_ACTIVE)
        c.raise_if_any()
        values = {"name": name, "active": bool(active)}
        if sort is not None:
            values["sort"] = sort
        elif not row_id:
            values["sort"] = _next_sort(RepairCategory)
        return _save(actor, RepairCategory, "repair_category", row_id, values, name)


def repair_categories(active_only: bool = False) -> list[RepairCategory]:
    return reference.repair_categories(active_only)


# --- order -----------------------------------------------------------------------------------

ORDERED = {"department": Department, "category": Category, "repair_category": RepairCategory}


def move(actor: Staff | None, entity: str, row_id: int, delta: int) -> None:
    """Move a department or category up (delta -1) or down (+1); renumbers the whole list
    0, 1, 2 ... in one transaction."""
    model = ORDERED[entity]
    require_edit(actor, entity, row_id)
    with transaction():
        rows = list(model.select().order_by(model.sort, model.id))
        index = next((i for i, r in enumerate(rows) if r.id == row_id), None)
        if index is None:
            raise NotFound(MSG_NOT_FOUND)
        target = max(0, min(len(rows) - 1, index + delta))
        if target == index:
            return
        rows.insert(target, rows.pop(index))
        for i, row in enumerate(rows):
            if row.sort != i:
                model.update(sort=i).where(model.id == row.id).execute()
        audit.record(actor, entity, row_id, "move", note=rows[target].name,
                     changes={"position": (index + 1, target + 1)})


def departments(active_only: bool = False) -> list[Department]:
    return reference.departments(active_only)


def categories(active_only: bool = False) -> list[Category]:
    return reference.categories(active_only)


# --- price list ------------------------------------------------------------------------------

def price_items(active_only: bool = False) -> list[PriceItem]:
    query = PriceItem.select().order_by(PriceItem.name)
    return list(query.where(PriceItem.active == True) if active_only else query)  # noqa: E712 - peewee: `== True` builds SQL


def parse_price(c: Checker, field: str, value) -> Decimal | None:
    if not str(value if value is not None else "").strip():
        c.fail(field, MSG_REQUIRED)
        return None
    price = money_value(value)
    if price is None or price < 0 or price >= Decimal("100000000"):
        c.fail(field, MSG_PRICE, value=str(value))
        return None
    return price


def save_price_item(actor: Staff | None, item_id: int | None, name: str, unit_name: str,
                    price, active: bool = True) -> PriceItem:
    require_edit(actor, "price_item", item_id or 0)
    c = Checker()
    name = c.text("price_item_name", name, required=True, max_len=80)
    _unique(c, "price_item_name", PriceItem, PriceItem.name, name, item_id)
    unit_name = c.text("price_unit", unit_name, required=True, max_len=20)
    price = parse_price(c, "price", price)
    c.raise_if_any()
    with transaction():
        return _save(actor, PriceItem, "price_item", item_id,
                     {"name": name, "unit_name": unit_name, "price": price, "active": bool(active)},
                     name)
