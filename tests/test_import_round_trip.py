"""The owner register's export imports back: unchanged into the same office, the same register
into an empty one, and only what changed when edited."""
import datetime as dt

from openpyxl import load_workbook

from propdesk.demo import office as demo
from propdesk.models import init_db
from propdesk.models.enums import Role
from propdesk.models.tables import AuditChange, AuditEntry, Building, Estate, Owner, OwnerPhone, Unit
from propdesk.reports import excel
from propdesk.services.core import accounts
from propdesk.services.register import importing


def register() -> set:
    rows = (Owner.select(Owner, Unit, Building, Estate).join(Unit).join(Building).join(Estate)
            .where(Owner.active == True))  # noqa: E712 - peewee: `== True` builds SQL
    phones = {}
    for p in OwnerPhone.select().where(OwnerPhone.active == True):  # noqa: E712 - peewee: `== True` builds SQL
        phones.setdefault(p.owner_id, set()).add(p.digits)
    return {(o.unit.building.estate.name, o.unit.building.name, o.unit.entrance, o.unit.room,
             o.name, o.role, o.note, frozenset(phones.get(o.id, ()))) for o in rows}


def test_demo_register_round_trip(fresh_db, tmp_path):
    from propdesk import i18n
    i18n.set_language("zh_CN")
    demo.create_demo_office(n_complaints=0, seed=1, today=dt.date(2026, 11, 24))
    admin = accounts.authenticate("admin", "admin123")
    path = tmp_path / "业主档案.xlsx"
    n = excel.export_register("owners", path)
    before = register()
    assert n == len(before) and len({r[0] for r in before}) == 2  # two estates
    # two people of one name in one unit (an owner and a family member) stay two people
    assert len({r[:5] for r in before}) < len(before)
    assert load_workbook(path).active.cell(3, 1).value == "小区"

    same = importing.import_owners(admin, path)
    assert (same.created, same.updated, len(same.rejected), same.units_created) == (0, 0, 0, 0)
    assert same.unchanged == n and register() == before

    # an edit in the workbook changes only that owner
    wb = load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[3]]
    ws.cell(4, headers.index("联系电话") + 1).value = "13999990000"
    changed_name = ws.cell(4, headers.index("业主姓名") + 1).value
    wb.save(path)
    again = importing.import_owners(admin, path)
    assert (again.created, again.updated, again.unchanged) == (0, 1, n - 1)
    owner = Owner.get(Owner.name == changed_name)
    entry = AuditEntry.select().where((AuditEntry.entity == "owner") & (AuditEntry.entity_id == owner.id)
                                      & (AuditEntry.action == "import")).get()
    assert entry.staff == admin
    assert {(c.field, c.new) for c in AuditChange.select().where(AuditChange.entry == entry)} == {
        ("phones", "13999990000")}

    # into an empty office: the same owners, units and phones
    init_db(str(tmp_path / "empty.db"))
    clerk = accounts.create_staff(None, "kefu", "客服", Role.ADMIN, "secret123")
    p = importing.preview(path)
    assert len(p.new_units) == len({r[:4] for r in before})
    refused = importing.import_owners(clerk, path)
    assert refused.created == 0 and Owner.select().count() == 0
    made = importing.import_owners(clerk, path, create_units=True)
    assert made.created == n and not made.rejected
    expected = {r for r in before}
    got = register()
    # the edited phone was added to that owner in the first office too
    assert {r[:7] for r in got} == {r[:7] for r in expected}
    for row in got:
        if row[4] == changed_name:
            assert "13999990000" in row[7]
