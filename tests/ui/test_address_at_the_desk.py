"""Addresses typed as people say them, at intake (complaint and repair) and in the list search:
one unit shows its owners at once, several are offered while typing with their estates."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import Building, Complaint, Estate, Owner, OwnerPhone, Unit
from propdesk.services.register.owners import initials, unit_label
from propdesk.ui.intake import IntakeForm
from propdesk.ui.repair_form import RepairForm
from tests.ui.keyboard import tab, type_text
from propdesk.services.core.accounts import PROGRAM


@pytest.fixture
def two_estates(office):
    """阳光花园 (5栋 …) from the office fixture, and 翠湖苑 with 5幢; each has 5-2-802 (and 5-1-301)
    with an owner."""
    cui = Estate.create(name="翠湖苑")
    b5 = Building.create(estate=cui, name="5幢")
    b3 = Building.create(estate=cui, name="3号楼")
    made = {}
    for building, entrance, room, who, phone in [
            (b5, "2单元", "802", "方红", "13800000001"), (b5, "1单元", "301", "林立", "13800000002"),
            (b3, "1单元", "1201", "陈晨", "13800000003"),
            (Building.get(Building.name == "5栋"), "2单元", "802", "周芳", "13800000004")]:
        unit = Unit.create(building=building, entrance=entrance, room=room,
                           label=unit_label(building.name, entrance, room))
        owner = Owner.create(unit=unit, name=who, initials=initials(who))
        OwnerPhone.create(owner=owner, phone=phone, digits=phone)
        made[(building.estate.name, unit.label)] = unit
    office["cui"] = made
    return office


def open_form(qtbot, cls, office):
    form = cls(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    form.unit.setFocus()
    return form


def shown(form):
    return [form.contacts.item(i).text() for i in range(form.contacts.count())]


@pytest.mark.parametrize("typed, unit_after, owner", [
    ("翠湖苑5幢2单元802", "翠湖苑 5幢2单元802", "方红"),
    ("5幢2单元802", "翠湖苑 5幢2单元802", "方红"),
    ("五幢二单元802", "翠湖苑 5幢2单元802", "方红"),
    ("翠湖苑5-2-802", "翠湖苑 5幢2单元802", "方红"),
    ("翠湖苑5#2-802", "翠湖苑 5幢2单元802", "方红"),
    ("5栋2单元802", "阳光花园 5栋2单元802", "周芳"),
    ("3号楼1201", "翠湖苑 3号楼1单元1201", "陈晨"),
    ("５幢２单元８０２", "翠湖苑 5幢2单元802", "方红"),
])
def test_intake_one_match_fills_at_once(qtbot, two_estates, dialogs, typed, unit_after, owner):
    form = open_form(qtbot, IntakeForm, two_estates)
    type_text(qtbot, form.unit, typed)
    # before leaving the field: the unit's owners are listed already
    assert any(owner in line for line in shown(form))
    assert form.caller.choices == [unit_after]
    tab(qtbot, form)
    assert form.unit.text() == unit_after


@pytest.mark.parametrize("typed", ["5-2-802", "5#2-802", "5号楼2单元802"])
def test_intake_several_matches_offered_while_typing(qtbot, two_estates, dialogs, typed):
    form = open_form(qtbot, IntakeForm, two_estates)
    type_text(qtbot, form.unit, typed)
    offered = ["阳光花园 5栋2单元802", "翠湖苑 5幢2单元802"]
    assert form.caller.choices == offered
    # listed under the field at once, each with its estate; nobody is taken for the clerk
    assert shown(form) == [f"房屋：{u}" for u in offered]
    assert form.unit.text() == typed
    # the clerk goes down to the list and takes the second with Enter: its owners are listed
    tab(qtbot, form)
    assert QApplication.focusWidget() is form.contacts
    form.contacts.setCurrentRow(1)
    qtbot.keyClick(form.contacts, Qt.Key_Return)
    assert form.unit.text() == offered[1]
    assert any("方红" in line for line in shown(form))
    form.phone.setText("13800000001")
    form.complainant.setText("方红")
    form.description.setText("楼上漏水")
    form.category.setCurrentIndex(1)
    form.severity.setCurrentIndex(form.severity.findData("minor"))  # 轻微
    form.save()
    assert Complaint.select().count() == 1, (dialogs, form.status.text())
    assert Complaint.get().unit == two_estates["cui"][("翠湖苑", "5幢2单元802")]


@pytest.mark.parametrize("cls", [IntakeForm, RepairForm])
@pytest.mark.parametrize("key", [Qt.Key_Down, Qt.Key_Return])
def test_down_or_enter_in_the_unit_goes_to_the_units_offered(qtbot, two_estates, dialogs, cls, key):
    """Walked at the desk: 5-1-301 listed 阳光花园 5栋 and 翠湖苑 5幢 beside the field, and Down
    or Enter in the field did nothing (only Tab reached the list, which nothing said); now
    either goes into the list at its first line, and Enter there takes it."""
    form = open_form(qtbot, cls, two_estates)
    type_text(qtbot, form.unit, "5-2-802")
    assert shown(form) == ["房屋：阳光花园 5栋2单元802", "房屋：翠湖苑 5幢2单元802"]
    qtbot.keyClick(form.unit, key)
    assert QApplication.focusWidget() is form.contacts and form.contacts.currentRow() == 0
    qtbot.keyClick(form.contacts, Qt.Key_Down)
    qtbot.keyClick(form.contacts, Qt.Key_Return)
    assert form.unit.text() == "翠湖苑 5幢2单元802"
    assert any("方红" in line for line in shown(form))
    qtbot.keyClick(form.contacts, Qt.Key_Return)  # the owner: name and phone, then on to 地点
    assert (form.phone.text(), form.unit.text()) == ("13800000001", "翠湖苑 5幢2单元802")
    assert QApplication.focusWidget() is form.location


def test_enter_in_a_unit_of_one_estate_stays_where_it_was(qtbot, two_estates, dialogs):
    """One unit meant: Enter completes the field as before (the owners are listed beside it) and
    the cursor stays; Down goes to the owners."""
    form = open_form(qtbot, IntakeForm, two_estates)
    type_text(qtbot, form.unit, "5幢2单元802")
    qtbot.keyClick(form.unit, Qt.Key_Return)
    assert form.unit.text() == "翠湖苑 5幢2单元802" and QApplication.focusWidget() is form.unit
    qtbot.keyClick(form.unit, Qt.Key_Down)
    assert QApplication.focusWidget() is form.contacts and form.contacts.currentRow() == 0


def test_repair_form_reads_the_same_forms(qtbot, two_estates, dialogs):
    form = open_form(qtbot, RepairForm, two_estates)
    type_text(qtbot, form.unit, "5-2-802")
    assert form.caller.choices == ["阳光花园 5栋2单元802", "翠湖苑 5幢2单元802"]
    assert shown(form) == ["房屋：阳光花园 5栋2单元802", "房屋：翠湖苑 5幢2单元802"]
    form.unit.clear()
    type_text(qtbot, form.unit, "翠湖苑5-1-301")
    assert any("林立" in line for line in shown(form))
    tab(qtbot, form)
    assert form.unit.text() == "翠湖苑 5幢1单元301"


def test_phone_lookup_shows_the_estate(qtbot, two_estates, dialogs):
    form = IntakeForm(two_estates["clerk"])
    qtbot.addWidget(form)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13800000001")
    form.caller.lookup_phone()
    assert form.unit.text() == "翠湖苑 5幢2单元802" and form.complainant.text() == "方红"
    QApplication.processEvents()


# --- list search ----------------------------------------------------------------------------------

def _complaint(office, unit, text):
    import datetime as dt

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput

    cat = Category.get(Category.name == "工程维修/设施设备").id
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=len(text)),
        unit=unit, phone="13800000009", complainant="某人", description=text, category_id=cat,
        severity="important"))


def listed(panel):
    model = panel.model
    unit_col = [c for c, _h in __import__("propdesk.ui.complaint_model", fromlist=["COLUMNS"]).COLUMNS].index("unit")
    return {(model.index(r, 0).data(), model.index(r, unit_col).data()) for r in range(model.rowCount())}


@pytest.mark.parametrize("typed, which", [
    ("翠湖苑5幢2单元802", {"cui"}), ("5幢2单元802", {"cui"}), ("五幢二单元802", {"cui"}),
    ("翠湖苑5-2-802", {"cui"}), ("5栋2单元802", {"sun"}), ("5-2-802", {"cui", "sun"}),
    ("5#2-802", {"cui", "sun"}), ("５－２－８０２", {"cui", "sun"}), ("3号楼1201", {"three"}),
])
def test_complaint_list_search_reads_addresses(qtbot, two_estates, typed, which):
    from propdesk.ui.complaint_list import ComplaintListPanel

    made = {"cui": _complaint(two_estates, "翠湖苑5幢2单元802", "翠湖苑的漏水"),
            "sun": _complaint(two_estates, "阳光花园5栋2单元802", "阳光花园的噪音"),
            "three": _complaint(two_estates, "3号楼1201", "三号楼的电梯"),
            "other": _complaint(two_estates, "3栋2单元1201", "别的")}
    panel = ComplaintListPanel(two_estates["clerk"])
    qtbot.addWidget(panel)
    panel.show()
    type_text(qtbot, panel.search, typed)
    units = {"cui": "翠湖苑 5幢2单元802", "sun": "阳光花园 5栋2单元802", "three": "翠湖苑 3号楼1单元1201"}
    expected = {(made[k].number, units[k]) for k in which}
    qtbot.waitUntil(lambda: listed(panel) == expected)


def test_work_order_and_callback_search_read_addresses(two_estates):
    import datetime as dt

    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput
    from propdesk.services.lists import callback_search, workorder_search

    now = dt.datetime.now().replace(microsecond=0)
    wo_cui = workorders.create(two_estates["clerk"], RepairInput(
        received_at=now, phone="13800000001", contact_name="方红", unit="翠湖苑5-2-802", description="水管漏水"))
    wo_sun = workorders.create(two_estates["clerk"], RepairInput(
        received_at=now, phone="13800000004", contact_name="周芳", unit="5栋2单元802", description="灯坏"))
    rows = workorder_search.page(workorder_search.WorkOrderFilter(text="5-2-802"), reader=PROGRAM)
    assert {(r["number"], r["unit"]) for r in rows} == {
        (wo_cui.number, "翠湖苑 5幢2单元802"), (wo_sun.number, "阳光花园 5栋2单元802")}
    rows = workorder_search.page(workorder_search.WorkOrderFilter(text="五幢二单元802"), reader=PROGRAM)
    assert [r["number"] for r in rows] == [wo_cui.number]
    assert workorder_search.page(workorder_search.WorkOrderFilter(text="5栋2单元803"), reader=PROGRAM) == []

    c = _complaint(two_estates, "翠湖苑5幢1单元301", "门禁坏了")
    from propdesk.services.cases import callbacks
    callbacks.schedule_for_complaint(two_estates["clerk"], Complaint.get_by_id(c.id), now)
    rows = callback_search.page(callback_search.CallbackFilter(view="all", text="5#1-301"), reader=PROGRAM)
    assert [(r["case"], r["unit"]) for r in rows] == [(c.number, "翠湖苑 5幢1单元301")]
    assert callback_search.page(callback_search.CallbackFilter(view="all", text="阳光花园5-1-301"), reader=PROGRAM) == []


def test_weekly_by_building_carries_the_estate(two_estates):
    import datetime as dt

    from propdesk.services.lists import weekly

    _complaint(two_estates, "翠湖苑5幢2单元802", "一")
    _complaint(two_estates, "翠湖苑5-1-301", "二二")
    _complaint(two_estates, "5栋2单元802", "三三三")
    _complaint(two_estates, "", "四四四四")  # a public area
    today = dt.date.today()
    rows = dict(weekly.by_building(today - dt.timedelta(days=7), today + dt.timedelta(days=1)))
    assert rows == {"翠湖苑 5幢": 2, "阳光花园 5栋": 1, "公共区域（无房号）": 1}
