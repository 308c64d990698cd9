"""The incidents tab: declare an outage for two buildings, ten calls, close it: ten callbacks."""
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from propdesk.models.tables import Callback, Complaint, Incident
from propdesk.services.cases import incidents
from propdesk.ui.action_dialog import ActionDialog
from propdesk.ui.incident_tab import IncidentTab
from tests.ui.keyboard import type_text


def test_outage_declared_ten_callers_closed_ten_callbacks(qtbot, office, monkeypatch, dialogs):
    tab = IncidentTab(office["clerk"])
    qtbot.addWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("water"))
    type_text(qtbot, tab.title, "3栋、5栋停水")
    for i in range(tab.buildings.count()):
        tab.buildings.item(i).setCheckState(Qt.Checked)  # both buildings of the estate
    tab.declare()
    outage = Incident.get()
    assert outage.number in tab.message.text() and tab.list.topLevelItemCount() == 1
    units = list(office["units"])
    for i in range(10):
        incidents.attach(office["clerk"], outage.id, f"业主{i}", f"1390000{i:04d}", units[i], "没水")
    tab.refresh(select=outage.id)
    assert tab.callers.topLevelItemCount() == 10
    assert tab.list.topLevelItem(0).text(5) == "10"

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    tab.buttons["notice"].click()
    text = PdfReader(tab.printed).pages[0].extract_text()
    assert "13900000009" in text and "3栋、5栋停水" in text

    def close(dialog):
        type_text(qtbot, dialog.widgets["note"], "已恢复供水")
        dialog.submit()
        return dialog.result() == ActionDialog.Accepted
    monkeypatch.setattr(ActionDialog, "exec", close)
    tab.buttons["close"].click()
    assert Callback.select().where(Callback.incident_contact.is_null(False)).count() == 10
    assert any("10" in text for _k, _t, text in dialogs)
    assert Complaint.select().count() == 0
    assert tab.list.topLevelItemCount() == 0  # closed incidents are hidden by default


def test_the_lists_fit_a_1024_screen(qtbot, office):
    """At 1024x768 (seen under Xvfb) the incident list's times were cut ("2026-12-02 0…") and its
    status column was off the right edge; the callers' times were cut too. Numbers, times, counts
    and the status are as wide as their texts, the title and what the caller said take the rest."""
    outage = incidents.declare(office["clerk"], "water", "2栋、3栋停水（二次供水水泵检修，预计下午恢复）",
                               building_ids=[office["units"]["3栋2单元1201"].building_id])
    incidents.attach(office["clerk"], outage.id, "曾梓豪", "0755-26888777", "3栋2单元1201", "水龙头一点水都没有")
    tab = IncidentTab(office["clerk"])
    qtbot.addWidget(tab)
    tab.resize(1000, 640)  # the tab's room in the window at 1024x768
    tab.show()
    qtbot.waitExposed(tab)
    for tree in (tab.list, tab.callers):
        header, item = tree.header(), tree.topLevelItem(0)
        last = tree.columnCount() - 1
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= tree.viewport().width()
        for column in range(tree.columnCount()):
            if header.sectionResizeMode(column) == header.ResizeMode.ResizeToContents:
                assert header.sectionSize(column) >= tree.fontMetrics().horizontalAdvance(item.text(column))
    assert tab.list.topLevelItem(0).text(6) == "进行中"


def _second_estate(office):
    """翠湖苑 beside the office's 阳光花园: its 5幢 has 2单元301 as 阳光花园's 5栋 has (5-2-301)."""
    from propdesk.models.tables import Building, Estate, Unit
    from propdesk.services.register.owners import unit_label

    cui = Estate.create(name="翠湖苑")
    b5 = Building.create(estate=cui, name="5幢")
    return b5, Unit.create(building=b5, entrance="2单元", room="301", label=unit_label("5幢", "2单元", "301"))


def _call(qtbot, monkeypatch, tab, unit):
    """The clerk presses 登记来电 on the selected incident and types a caller with ``unit``."""
    seen = {}

    def fill(dialog):
        type_text(qtbot, dialog.widgets["complainant"], "方红")
        type_text(qtbot, dialog.widgets["phone"], "13800000001")
        type_text(qtbot, dialog.widgets["unit"], unit)
        type_text(qtbot, dialog.widgets["description"], "没水")
        dialog.submit()
        seen["message"] = dialog.message.text()
        return dialog.result() == ActionDialog.Accepted
    monkeypatch.setattr(ActionDialog, "exec", fill)
    tab.buttons["attach"].click()
    return seen["message"]


def test_a_callers_unit_of_two_estates_is_the_one_in_the_incidents_estate(qtbot, office, monkeypatch):
    """Seen at the desk: 5-2-301 exists in 阳光花园 5栋 and 翠湖苑 5幢; a call about an outage of
    翠湖苑 5幢 was refused ("which one?") though the incident says which estate."""
    from propdesk.models.tables import IncidentContact

    b5, cui_unit = _second_estate(office)
    outage = incidents.declare(office["clerk"], "water", "翠湖苑5幢停水", building_ids=[b5.id])
    tab = IncidentTab(office["clerk"])
    qtbot.addWidget(tab)
    tab.refresh(select=outage.id)
    assert _call(qtbot, monkeypatch, tab, "5-2-301") == ""
    assert IncidentContact.get().unit_id == cui_unit.id  # not 阳光花园's 5栋2单元301
    assert tab.callers.topLevelItem(0).text(3) == "翠湖苑 5幢2单元301"

    whole = incidents.declare(office["clerk"], "power", "阳光花园停电", estate_id=office["units"]["5栋2单元301"].building.estate_id)
    tab.refresh(select=whole.id)
    assert _call(qtbot, monkeypatch, tab, "5-2-301") == ""
    assert IncidentContact.get(IncidentContact.incident == whole.id).unit_id == office["units"]["5栋2单元301"].id


def test_a_callers_unit_of_two_estates_is_refused_when_the_incident_spans_both(qtbot, office, monkeypatch):
    """An incident of both estates (or of the whole office) does not say which: refused, both named."""
    from propdesk.models.tables import IncidentContact

    b5, _cui_unit = _second_estate(office)
    both = incidents.declare(office["clerk"], "lift", "5栋、5幢电梯停运",
                             building_ids=[b5.id, office["units"]["5栋2单元301"].building_id])
    everywhere = incidents.declare(office["clerk"], "water", "全部停水")
    tab = IncidentTab(office["clerk"])
    qtbot.addWidget(tab)
    for incident in (both, everywhere):
        tab.refresh(select=incident.id)
        message = _call(qtbot, monkeypatch, tab, "5-2-301")
        assert "阳光花园 5栋2单元301" in message and "翠湖苑 5幢2单元301" in message
    assert IncidentContact.select().count() == 0
