"""Addresses typed as people say them, at intake (complaint and repair) and in the list search:
one unit shows its owners at once, several are offered while typing with their estates."""
import pytest
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import Building, Complaint, Estate, Owner, OwnerPhone, Unit
from propdesk.services.register.owners import initials, unit_label
from propdesk.ui.intake import IntakeForm
from propdesk.ui.repair_form import RepairForm
from tests.ui.keyboard import tab, type_text


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
    form = IntakeForm(two_estates["clerk"])
    qtbot.addWidget(form)
    form.unit.setFocus()
    type_text(qtbot, form.unit, typed)
    # before leaving the field: the unit's owners are listed already
    assert any(owner in line for line in shown(form))
    assert form.caller.choices == [unit_after]
    tab(qtbot, form)
    assert form.unit.text() == unit_after


@pytest.mark.parametrize("typed", ["5-2-802", "5#2-802", "5号楼2单元802"])
def test_intake_several_matches_offered_while_typing(qtbot, two_estates, dialogs, typed):
    form = IntakeForm(two_estates["clerk"])
    qtbot.addWidget(form)
    form.show()
    form.unit.setFocus()
    type_text(qtbot, form.unit, typed)
    offered = ["阳光花园 5栋2单元802", "翠湖苑 5幢2单元802"]
    assert form.caller.choices == offered
    model = form.unit.completer().model()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == offered
    assert form.unit.completer().popup().isVisible()
    assert form.contacts.count() == 0  # nothing taken for the clerk
    # the clerk takes the second: its owner is listed and saving files it there
    form.unit.completer().activated.emit(offered[1])
    form.unit.setText(offered[1])
    form.caller.unit_entered()
    assert any("方红" in line for line in shown(form))
    form.phone.setText("13800000001")
    form.complainant.setText("方红")
    form.description.setText("楼上漏水")
    form.category.setCurrentIndex(1)
    form.save()
    assert Complaint.get().unit == two_estates["cui"][("翠湖苑", "5幢2单元802")]


def test_repair_form_reads_the_same_forms(qtbot, two_estates, dialogs):
    form = RepairForm(two_estates["clerk"])
    qtbot.addWidget(form)
    form.show()
    form.unit.setFocus()
    type_text(qtbot, form.unit, "5-2-802")
    assert form.caller.choices == ["阳光花园 5栋2单元802", "翠湖苑 5幢2单元802"]
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
