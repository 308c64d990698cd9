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
