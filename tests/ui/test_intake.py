"""The complaint tab used with the keyboard alone, as a clerk would."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import Complaint
from propdesk.ui.intake import IntakeForm
from tests.ui.keyboard import tab, type_text


def make_form(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    form.channel.setFocus()
    return form


def focused():
    return QApplication.focusWidget()


def test_keyboard_only_complaint(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    # channel: phone is first; Tab to the time (defaults to now), Tab to the phone
    assert form.channel.currentData() == "phone"
    tab(qtbot, form, 2)
    assert focused() is form.phone
    type_text(qtbot, form.phone, "13800138000")
    # the owner register answers as the number is typed
    qtbot.waitUntil(lambda: form.complainant.text() == "张伟")
    assert form.unit.text() == "3栋2单元1201"
    assert form.contacts.count() == 3  # owner (two phones) and tenant, one line per phone
    tab(qtbot, form)
    assert focused() is form.complainant
    tab(qtbot, form, 2)  # unit, owners list
    tab(qtbot, form)
    assert focused() is form.location
    type_text(qtbot, form.location, "主卧卫生间")
    tab(qtbot, form, 2)  # "known" box, the time field stays disabled
    assert focused() is form.description
    type_text(qtbot, form.description, "楼上卫生间漏水，天花板渗水")
    tab(qtbot, form, 2)
    assert focused() is form.customer_request
    type_text(qtbot, form.customer_request, "尽快维修")
    tab(qtbot, form, 2)
    assert focused() is form.category
    qtbot.keyClick(form.category, Qt.Key_Down)  # 工程维修/设施设备
    assert form.department.currentText() == "工程部"  # suggested by the category
    tab(qtbot, form)
    assert focused() is form.severity
    qtbot.keyClick(form.severity, Qt.Key_Down)  # 轻微 (the mildest first)
    qtbot.keyClick(form.severity, Qt.Key_Down)  # 重要
    assert "回复时限" in form.deadline.text()
    qtbot.keyClick(form.severity, Qt.Key_S, Qt.ControlModifier)

    c = Complaint.get()
    assert c.complainant == "张伟" and c.phone == "13800138000"
    assert c.unit.label == "3栋2单元1201" and c.owner_id == office["owner"].id
    assert c.description == "楼上卫生间漏水，天花板渗水" and c.location == "主卧卫生间"
    assert c.category.name == "工程维修/设施设备" and c.severity == "important"
    assert c.department.name == "工程部" and c.channel == "phone"
    assert c.number.startswith("TS-" + dt.date.today().strftime("%Y%m%d"))
    assert c.number in form.status.text()
    assert form.description.text() == ""  # a fresh form for the next call
    assert dialogs == []


def test_bad_phone_is_named_and_nothing_is_lost(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "12345")
    form.complainant.setFocus()
    type_text(qtbot, form.complainant, "李先生")
    form.description.setFocus()
    type_text(qtbot, form.description, "地下车库灯不亮")
    form.category.setCurrentIndex(3)
    form.severity.setCurrentIndex(form.severity.findData("minor"))
    qtbot.keyClick(form.description, Qt.Key_S, Qt.ControlModifier)

    assert Complaint.select().count() == 0
    kind, _title, text = dialogs[-1]
    assert kind == "warning" and "来电电话" in text and "12345" in text
    assert form.phone.property("invalid") is True
    assert focused() is form.phone
    # what was typed is still there
    assert form.phone.text() == "12345"
    assert form.complainant.text() == "李先生"
    assert form.description.text() == "地下车库灯不亮"
    # corrected, it saves
    form.phone.clear()
    type_text(qtbot, form.phone, "0755-26881234")
    qtbot.keyClick(form.phone, Qt.Key_S, Qt.ControlModifier)
    assert Complaint.select().count() == 1
    assert form.phone.property("invalid") is False


def test_unit_shows_its_owners_and_enter_takes_one(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.unit.setFocus()
    type_text(qtbot, form.unit, "3-2-1201")
    tab(qtbot, form)  # leaving the field reads the unit
    assert form.unit.text() == "3栋2单元1201"
    assert form.contacts.count() == 3
    form.contacts.setFocus()
    form.contacts.setCurrentRow(2)
    qtbot.keyClick(form.contacts, Qt.Key_Return)
    assert form.complainant.text() == "刘洋"
    assert form.phone.text() == "13912345678"


def test_major_complaint_asks_to_tell_the_head(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.phone.setText("13800138000")
    form.complainant.setText("张伟")
    form.description.setText("电梯困人30分钟")
    form.category.setCurrentIndex(1)
    form.severity.setCurrentIndex(form.severity.findData("major"))  # 重大
    form.save()
    c = Complaint.get()
    assert any(kind == "question" and c.number in text for kind, _t, text in dialogs)
    assert c.head_notified_at is not None and c.head_notified_by_id == office["clerk"].id


def test_time_received_follows_the_clock_until_typed(qtbot, office, dialogs, monkeypatch):
    """Found by a tryout: a form left open saved the time it was opened."""
    import datetime as dt

    form = make_form(qtbot, office)
    form.received_at.set_value(dt.datetime(2026, 1, 1, 8, 0))  # as if the form had sat open
    form.received_at._clock.timeout.emit()
    assert form.received_at.value() > dt.datetime(2026, 1, 1, 8, 0)  # the clock moved it on
    form.received_at.setFocus()
    qtbot.keyClick(form.received_at, Qt.Key_Down)  # the clerk changes it by hand
    typed = form.received_at.value()
    assert not form.received_at._clock.isActive()
    assert form.received_at.value() == typed


def test_the_red_outline_goes_when_the_field_is_corrected(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.save()  # everything missing
    assert form.description.property("invalid") is True
    type_text(qtbot, form.description, "楼道灯不亮")
    assert form.description.property("invalid") is False
    assert form.complainant.property("invalid") is True  # still missing
