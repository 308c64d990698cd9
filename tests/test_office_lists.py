"""Departments, categories (with the department intake suggests) and the price list."""
from decimal import Decimal

import pytest

from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditEntry, Category, Department, PriceItem
from propdesk.services.setup import reference
from propdesk.services.setup.office_lists import (
    move, price_items, save_category, save_department, save_price_item,
)


def test_new_department_and_category_reach_intake(office):
    admin = office["admin"]
    dept = save_department(admin, None, "电梯维保组")
    assert dept.code.startswith("dept") and dept.sort == max(d.sort for d in reference.departments())
    save_category(admin, None, "电梯故障", dept.id)
    listed = reference.categories()
    assert listed[-1].name == "电梯故障" and listed[-1].default_department_id == dept.id
    assert AuditEntry.get(AuditEntry.entity == "category").action == "create"


def test_names_are_unique_and_required(office):
    admin = office["admin"]
    with pytest.raises(ValidationError) as err:
        save_department(admin, None, "工程部")
    assert "已在列表中" in err.value.text()
    with pytest.raises(ValidationError) as err:
        save_category(admin, None, " ", None, sort="x")
    assert set(err.value.errors) == {"category_name", "sort"}


def test_deactivate_keeps_rows_and_protects_intake(office):
    admin = office["admin"]
    other = Category.get(Category.name == "其他")
    save_category(admin, other.id, "其他", other.default_department_id, active=False)
    assert "其他" not in [c.name for c in reference.categories()]
    assert Category.get_by_id(other.id).name == "其他"  # still on old complaints
    eng = Department.get(Department.code == "engineering")
    with pytest.raises(ValidationError) as err:
        save_department(admin, eng.id, eng.name, active=False)
    assert "工程维修/设施设备" in err.value.text() and "房屋质量" in err.value.text()
    fin = Department.get(Department.code == "finance")
    cat = Category.get(Category.name == "收费/财务")
    save_category(admin, cat.id, cat.name, Department.get(Department.code == "management").id)
    save_department(admin, fin.id, fin.name, active=False)  # no category goes there now
    assert not Department.get_by_id(fin.id).active
    assert fin.id not in [d.id for d in reference.departments()]
    with pytest.raises(ValidationError):  # a category cannot point at an inactive department
        save_category(admin, cat.id, cat.name, fin.id)


def test_last_active_category_stays(office):
    admin = office["admin"]
    cats = reference.categories()
    for cat in cats[:-1]:
        save_category(admin, cat.id, cat.name, cat.default_department_id, active=False)
    last = cats[-1]
    with pytest.raises(ValidationError):
        save_category(admin, last.id, last.name, last.default_department_id, active=False)


def test_move_changes_the_order(office):
    admin = office["admin"]
    names = [c.name for c in reference.categories()]
    third = Category.get(Category.name == names[2])
    move(admin, "category", third.id, -1)
    assert [c.name for c in reference.categories()][:3] == [names[0], names[2], names[1]]
    move(admin, "category", third.id, -5)  # stops at the top
    assert reference.categories()[0].name == names[2]
    entry = AuditEntry.select().where(AuditEntry.action == "move").order_by(AuditEntry.id.desc()).get()
    assert entry.changes.get().new == "1"


def test_price_list(office):
    admin = office["admin"]
    item = save_price_item(admin, None, "疏通下水道", "次", "¥80")
    assert item.price == Decimal("80.00")
    save_price_item(admin, item.id, "疏通下水道", "次", "85.5", active=False)
    assert PriceItem.get_by_id(item.id).price == Decimal("85.50")
    assert price_items(active_only=True) == []
    with pytest.raises(ValidationError) as err:
        save_price_item(admin, None, "疏通下水道", "", "-3")
    assert set(err.value.errors) == {"price_item_name", "price_unit", "price"}
    with pytest.raises(ValidationError):
        save_price_item(admin, None, "换灯泡", "个", "1.005")
    with pytest.raises(PermissionDenied):
        save_price_item(office["clerk"], None, "换灯泡", "个", "10")
    assert PriceItem.select().count() == 1
