"""The repair form shows what is already known about the unit, as complaint intake does: its
open complaints and work orders, and an open incident over it, to which the call is attached
instead of raising a duplicate order (issue 17)."""
import datetime as dt

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import Building, IncidentContact, WorkOrder
from propdesk.services.cases import incidents, workorders
from propdesk.services.cases.workorders import RepairInput
from propdesk.ui.repair_form import RepairForm
from tests.ui.keyboard import tab, type_text
from tests.ui.test_intake_related import earlier


def form_for(qtbot, office):
    form = RepairForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_the_repair_form_shows_the_units_open_cases_and_orders(qtbot, office):
    complaint = earlier(office)
    order = workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=3), phone="13800138000",
        contact_name="张伟", unit="3栋2单元1201", description="厨房水龙头漏水"))
    form = form_for(qtbot, office)
    assert not form.related.isVisible()  # nothing known yet
    form.unit.setFocus()
    type_text(qtbot, form.unit, "3栋2单元1201")
    tab(qtbot, form)
    qtbot.waitUntil(form.related.isVisible)
    shown = [form.related.cases.item(i).text() for i in range(form.related.cases.count())]
    assert any(order.number in text and "报修" in text for text in shown)
    assert any(complaint.number in text for text in shown)
    # complaint intake's repeat and further-call buttons are not the repair desk's
    assert not form.related.link_button.isVisible() and not form.related.contact_button.isVisible()
    assert not form.related.incident_button.isVisible()  # no incident over the unit


def test_a_caller_about_an_outage_is_attached_to_the_incident_not_a_new_order(qtbot, office, dialogs):
    b3 = Building.get(Building.name == "3栋").id
    outage = incidents.declare(office["clerk"], "water", "3栋停水", building_ids=[b3])
    form = form_for(qtbot, office)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13800138000")
    qtbot.waitUntil(lambda: form.unit.text() == "3栋2单元1201")
    qtbot.waitUntil(form.related.isVisible)
    assert outage.number in form.related.incident_label.text()
    assert form.related.incident_button.isVisible()
    form.description.setFocus()
    type_text(qtbot, form.description, "家里没水了")
    qtbot.keyClick(form.description, Qt.Key_F8)  # attach, as the button says
    assert WorkOrder.select().count() == 0  # no duplicate order
    contact = IncidentContact.get()
    assert contact.incident_id == outage.id and contact.phone == "13800138000" and contact.note == "家里没水了"
    assert outage.number in form.status.text() and form.phone.text() == ""
    assert QApplication.focusWidget() is form.phone


def test_the_saved_number_stays_in_view_with_the_panel_at_1366x768(qtbot, office, dialogs):
    from propdesk.ui.main_window import MainWindow

    earlier(office)
    b3 = Building.get(Building.name == "3栋").id
    incidents.declare(office["clerk"], "power", "3栋停电", building_ids=[b3])
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.tabs.setCurrentWidget(window.work_orders)
    tab_ = window.work_orders
    form, area = tab_.form, tab_.form_scroll
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13800138000")
    qtbot.waitUntil(form.related.isVisible)
    QApplication.processEvents()
    for widget in (form.deadline, form.status, form.footer):
        rect = QRect(widget.mapTo(area, QPoint(0, 0)), widget.size())
        assert area.rect().contains(rect), widget.objectName()
    form.description.setFocus()
    type_text(qtbot, form.description, "卧室插座没电")
    qtbot.keyClick(form.description, Qt.Key_S, Qt.ControlModifier)
    QApplication.processEvents()
    assert "PG-" in form.status.text()
    rect = QRect(form.status.mapTo(area, QPoint(0, 0)), form.status.size())
    assert area.rect().contains(rect) and form.status.isVisible()
