"""Intake warns of the unit's recent cases and of an open incident, as the issue asks."""
import datetime as dt

from PySide6.QtCore import Qt

from propdesk.models.tables import Building, Category, Complaint, IncidentContact
from propdesk.services.core import accounts
from propdesk.services.cases import complaints
from propdesk.services.cases import incidents
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.ui.intake import IntakeForm
from tests.ui.keyboard import tab, type_text

CAT = "工程维修/设施设备"


def earlier(office, days_ago=7):
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=days_ago),
        unit="3栋2单元1201", phone="13800138000", complainant="张伟", description="卫生间天花板渗水",
        severity="important", category_id=Category.get(Category.name == CAT).id))


def form_for(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def fill_unit(qtbot, form, unit="3栋2单元1201"):
    form.unit.setFocus()
    type_text(qtbot, form.unit, unit)
    tab(qtbot, form)


def test_repeat_warning_and_link(qtbot, office, dialogs):
    first = earlier(office)
    form = form_for(qtbot, office)
    fill_unit(qtbot, form)
    qtbot.waitUntil(lambda: form.related.isVisible())
    assert form.related.cases.count() == 1
    assert first.number in form.related.cases.item(0).text()
    form.category.setCurrentIndex(form.category.findText(CAT))
    qtbot.waitUntil(lambda: "同类" in form.related.cases.item(0).text())
    form.related.link_button.click()
    assert first.number in form.related.linked.text()
    form.phone.setText("13800138000")
    form.complainant.setText("张伟")
    form.description.setText("又开始渗水了")
    form.severity.setCurrentIndex(2)
    form.save()
    second = Complaint.select().order_by(Complaint.id.desc()).get()
    assert second.related_to_id == first.id and second.description == "又开始渗水了"
    assert not form.related.isVisible()  # a fresh form


def test_further_call_goes_on_the_open_case(qtbot, office, dialogs):
    first = earlier(office)
    form = form_for(qtbot, office)
    fill_unit(qtbot, form)
    qtbot.waitUntil(lambda: form.related.contact_button.isVisible())
    form.complainant.setText("张伟")
    form.phone.setText("13800138000")
    form.description.setText("打电话催问进度")
    form.related.contact_button.click()
    assert Complaint.select().count() == 1
    assert complaints.timeline(first.id, reader=accounts.PROGRAM)[-1]["action"] == "contact"
    assert first.number in form.status.text()


def test_open_incident_attached_with_f8(qtbot, office, dialogs):
    b3 = Building.get(Building.name == "3栋").id
    outage = incidents.declare(office["clerk"], "power", "3栋停电", building_ids=[b3])
    form = form_for(qtbot, office)
    fill_unit(qtbot, form)
    qtbot.waitUntil(lambda: form.related.incident_button.isVisible())
    assert outage.number in form.related.incident_label.text()
    form.phone.setText("13912345678")
    form.complainant.setText("刘洋")
    form.description.setFocus()
    type_text(qtbot, form.description, "家里没电")
    qtbot.keyClick(form.description, Qt.Key_F8)
    contact = IncidentContact.get()
    assert (contact.incident_id, contact.name, contact.unit.label, contact.note) == (outage.id, "刘洋", "3栋2单元1201", "家里没电")
    assert Complaint.select().count() == 0 and outage.number in form.status.text()


def test_no_further_call_on_a_closed_case(qtbot, office, dialogs):
    """A closed case in the list: the button is off and says why; the service refuses too."""
    first = earlier(office, days_ago=3)
    complaints.record_reply(office["clerk"], first.id, first.received_at + dt.timedelta(hours=1), "phone")
    complaints.record_handling(office["clerk"], first.id, result="已修好")
    complaints.close(office["clerk"], first.id)
    form = form_for(qtbot, office)
    fill_unit(qtbot, form)
    qtbot.waitUntil(lambda: form.related.cases.isVisible())
    assert "已办结" in form.related.cases.item(0).text()
    assert not form.related.contact_button.isEnabled()
    assert first.number in form.related.contact_button.toolTip()
    assert "重新处理" in form.related.contact_button.toolTip()
    form.related.link_button.click()  # linking a new complaint as a repeat is still offered
    assert first.number in form.related.linked.text()


def test_f8_with_neither_phone_nor_unit_is_refused_and_says_so(qtbot, office, dialogs):
    """Walked at the desk: a unit typed, the panel offered the outage, the clerk cleared the unit
    and pressed F8: a caller with no phone and no unit was attached, whom nobody could call back
    when the incident ends. Refused now, the phone outlined and taking the cursor."""
    b3 = Building.get(Building.name == "3栋").id
    outage = incidents.declare(office["clerk"], "power", "3栋停电", building_ids=[b3])
    form = form_for(qtbot, office)
    fill_unit(qtbot, form)
    qtbot.waitUntil(lambda: form.related.incident_button.isVisible())
    form.unit.setFocus()
    form.unit.selectAll()
    qtbot.keyClick(form.unit, Qt.Key_Delete)
    qtbot.keyClick(form.unit, Qt.Key_F8)
    assert IncidentContact.select().where(IncidentContact.incident == outage.id).count() == 0
    assert dialogs and dialogs[-1][0] == "warning" and "电话" in dialogs[-1][2]
    assert form.phone.property("invalid") and form.phone.hasFocus()
    assert outage.number not in form.status.text()


def test_an_incident_call_keeps_its_unit_or_says_which(office):
    """A unit the register does not know (or one of two estates) was dropped silently: the call
    was kept without it. Said now, as the complaint form says it."""
    import pytest

    from propdesk.errors import ValidationError

    outage = incidents.declare(office["clerk"], "water", "停水")
    with pytest.raises(ValidationError) as err:
        incidents.attach(office["clerk"], outage.id, "", "", "", "没水")
    assert set(err.value.errors) == {"phone"}
    with pytest.raises(ValidationError) as err:
        incidents.attach(office["clerk"], outage.id, "刘洋", "13912345678", "99栋9单元9999", "没水")
    assert set(err.value.errors) == {"unit"}
    assert IncidentContact.select().count() == 0
    contact = incidents.attach(office["clerk"], outage.id, "刘洋", "", "3栋2单元1201", "没水")
    assert contact.unit.label == "3栋2单元1201"
