"""Office setup through the screens: a new office from an empty database, then a complaint taken
with its own lists; read-only for supervisors; messages that name the field; the banner."""
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from propdesk.models.tables import (
    AuditEntry, CalendarDay, Complaint, Estate, PriceItem, Staff, Unit,
)
from propdesk.resources import resource_path
from propdesk.services.core import calendar
from propdesk.services.setup import reference
from propdesk.services.core import settings
from propdesk.services.cases import sla
from propdesk.ui.intake import IntakeForm
from propdesk.ui.login import FirstRunDialog
from propdesk.ui.main_window import MainWindow
from propdesk.ui.setup import SetupDialog
from tests.ui.keyboard import type_text

EXAMPLE = str(resource_path("templates", "holiday_schedule_2027_EXAMPLE.csv"))


@pytest.fixture(autouse=True)
def own_warnings(monkeypatch):
    """The calendar logs an uncovered year once per process: keep this file's 2027 look-ups
    from using up the warning another test checks."""
    monkeypatch.setattr(calendar, "_warned_years", set())


def fill(qtbot, widget, text: str) -> None:
    """Clear a field and type into it, as a clerk would."""
    widget.setFocus()
    widget.clear()
    type_text(qtbot, widget, text)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def open_setup(qtbot, staff) -> SetupDialog:
    dialog = SetupDialog(staff)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def fixed_today(monkeypatch):
    """The banner looks 60 days ahead of 15 December 2026 (2027 is not built in)."""
    real = calendar.uncovered_years
    monkeypatch.setattr(calendar, "uncovered_years", lambda today=None, horizon_days=60:
                        real(today or dt.date(2026, 12, 15), horizon_days))


def test_new_office_set_up_through_the_screens(qtbot, dialogs, monkeypatch, fixed_today):
    # an empty database: the first start creates the administrator
    first = FirstRunDialog()
    qtbot.addWidget(first)
    first.show()
    fill(qtbot, first.office, "翠湖苑物业服务中心")
    fill(qtbot, first.name, "赵敏")
    fill(qtbot, first.password, "office-admin-1")
    fill(qtbot, first.password2, "office-admin-1")
    first.findChildren(QPushButton)[0].click()
    admin = Staff.get(Staff.username == "admin")
    assert admin.role == "admin"

    dialog = open_setup(qtbot, admin)
    assert dialog.editable and dialog.findChild(type(dialog.tabs), "setup_tabs") is not None

    # 1. profile
    profile = dialog.profile
    fill(qtbot, profile.office_name, "翠湖苑物业服务中心")
    fill(qtbot, profile.office_address, "深圳市南山区翠湖路16号")
    fill(qtbot, profile.office_phone, "0755-26881234")
    profile.save_button.click()
    assert settings.get("office_phone") == "0755-26881234"
    assert profile.messages.text() == "已保存。"

    # 2. five staff, each with a role and department
    editor = dialog.staff_tab.editor
    people = [("wangfang", "王芳", "客服", "客服部"), ("chenli", "陈丽", "客服", "客服部"),
              ("lijing", "李静", "客服主管", "客服部"), ("zhangjg", "张建国", "维修工", "工程部"),
              ("linlin", "林琳", "维修工", "环境部")]
    for username, name, role, dept in people:
        editor.new_button.click()
        fill(qtbot, editor.username, username)
        fill(qtbot, editor.name, name)
        choose(editor.role, role)
        choose(editor.department, dept)
        fill(qtbot, editor.phone, "13800001111")
        fill(qtbot, editor.password, "start123")
        editor.save_button.click()
        assert editor.messages.text() == "已保存。", editor.messages.text()
    assert Staff.select().where(Staff.active == True).count() == 6  # noqa: E712 - peewee: `== True` builds SQL
    assert editor.table.rowCount() == 6
    zhang = Staff.get(Staff.username == "zhangjg")
    assert zhang.role == "technician" and zhang.department.name == "工程部"

    # 3. the estate and two buildings with their units
    structure = dialog.structure
    estates = structure.estates
    estates.new_button.click()
    fill(qtbot, estates.name, "翠湖苑")
    fill(qtbot, estates.address, "翠湖路16号")
    estates.save_button.click()
    assert Estate.get().name == "翠湖苑"
    fill(qtbot, structure.new_name, "1")
    structure.entrances.setValue(2)
    structure.floor_from.setValue(1)
    structure.floor_to.setValue(18)
    structure.rooms.setValue(4)
    assert "144" in structure.preview.text() and "1栋2单元1804" in structure.preview.text()
    structure.add_button.click()
    fill(qtbot, structure.new_name, "2栋")
    structure.entrances.setValue(1)
    structure.floor_to.setValue(6)
    structure.rooms.setValue(2)
    structure.add_button.click()
    assert structure.buildings.rowCount() == 2
    assert Unit.select().count() == 144 + 12
    assert structure.units.rowCount() == 12  # the new building is selected

    # 4. the office's own department and category; one category no longer used
    lists = dialog.lists
    lists.departments.new_button.click()
    fill(qtbot, lists.departments.name, "电梯班")
    lists.departments.save_button.click()
    cats = lists.categories
    cats.new_button.click()
    fill(qtbot, cats.name, "电梯故障")
    choose(cats.department, "电梯班")  # the new department is offered at once
    cats.save_button.click()
    cats.table.selectRow([c.name for c in reference.categories(False)].index("其他"))
    cats.active.setChecked(False)
    cats.save_button.click()
    cats.table.selectRow([c.name for c in reference.categories(False)].index("电梯故障"))
    cats.up_button.click()
    assert [c.name for c in reference.categories()][-1] == "电梯故障"  # 其他 is not in use
    assert "其他" not in [c.name for c in reference.categories()]
    repairs = lists.repair_categories
    repairs.new_button.click()
    fill(qtbot, repairs.name, "外墙渗水")
    repairs.save_button.click()
    assert "外墙渗水" in [c.name for c in reference.repair_categories()]  # offered at repair intake
    assert repairs.table.rowCount() == len(reference.repair_categories(False))
    # the three editors' checkboxes say the same word (在用), not 使用中 in one of them
    assert {lists.departments.active.text().replace("(&I)", ""), cats.active.text(),
            repairs.active.text()} == {"在用"}

    # 5. the price list
    prices = dialog.prices.editor
    prices.new_button.click()
    fill(qtbot, prices.name, "疏通下水道")
    fill(qtbot, prices.price, "80")
    prices.save_button.click()
    assert PriceItem.get().price == 80

    # 6. the 2027 schedule from a file
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (EXAMPLE, "")))
    cal = dialog.calendar
    cal.import_button.click()
    assert any("示例" in text for _k, _t, text in dialogs)  # the example file is flagged
    assert cal.year.value() == 2027 and "本中心录入" in cal.source.text()
    assert calendar.uncovered_years() == []
    dialog.accept()

    # a complaint taken with those lists, by one of the new clerks
    clerk = Staff.get(Staff.username == "wangfang")
    form = IntakeForm(clerk)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    assert [form.category.itemText(i) for i in range(form.category.count())][-1] == "电梯故障"
    fill(qtbot, form.phone, "13912345678")
    fill(qtbot, form.complainant, "刘先生")
    fill(qtbot, form.unit, "1-2-1804")
    fill(qtbot, form.description, "电梯困人，按铃无人应答")
    choose(form.category, "电梯故障")
    assert form.department.currentText() == "电梯班"  # suggested from the category
    choose(form.severity, "重大")
    qtbot.keyClick(form.severity, Qt.Key_S, Qt.ControlModifier)
    c = Complaint.get()
    assert (c.unit.label, c.category.name, c.department.name) == ("1栋2单元1804", "电梯故障", "电梯班")
    assert c.created_by_id == clerk.id and c.number in form.status.text()
    assert sla.deadlines(c.received_at, "major") == (c.reply_by, c.resolve_by)
    # a deadline over the (example) 2027 Spring Festival, by hand: received Thursday 4 February
    # 10:00, major: resolve in 3 working days; 5-13 February off, 14th a Sunday -> 17th 10:00
    assert sla.deadlines(dt.datetime(2027, 2, 4, 10, 0), "major")[1] == dt.datetime(2027, 2, 17, 10, 0)


def test_supervisor_reads_only(qtbot, office):
    dialog = open_setup(qtbot, office["supervisor"])
    assert not dialog.editable
    assert dialog.findChild(type(dialog.profile.estates), "read_only").isVisible()
    editor = dialog.staff_tab.editor
    assert editor.table.rowCount() == 4
    assert not editor.save_button.isVisible() and not editor.active_button.isVisible()
    assert editor.name.isReadOnly() and not editor.role.isEnabled()
    assert not dialog.profile.save_button.isVisible() and dialog.profile.office_name.isReadOnly()
    assert not dialog.deadlines.save_button.isVisible()
    assert not dialog.deadlines.callback_days.isEnabled()
    assert not dialog.calendar.import_button.isVisibleTo(dialog)
    assert not dialog.structure.add_button.isVisibleTo(dialog)


def test_bad_values_are_named_and_outlined(qtbot, office):
    dialog = open_setup(qtbot, office["admin"])
    prices = dialog.prices.editor
    prices.new_button.click()
    fill(qtbot, prices.name, "换灯泡")
    fill(qtbot, prices.price, "十元")
    prices.save_button.click()
    assert "单价" in prices.messages.text() and prices.price.property("invalid") is True
    assert not PriceItem.select().exists()
    assert prices.name.text() == "换灯泡"  # nothing typed is lost

    deadlines = dialog.deadlines
    deadlines.spans[("minor", "reply")][0].setValue(0)
    deadlines.repeat_days.setValue(1000)
    deadlines.save_button.click()
    text = deadlines.messages.text()
    assert "轻微：回复时限" in text and "重复投诉判定期" in text
    assert deadlines.fields["sla.minor.reply"].property("invalid") is True
    assert settings.get("sla") is None and settings.get("repeat_days") is None


def test_deadlines_saved_and_restored(qtbot, office, dialogs):
    dialog = open_setup(qtbot, office["admin"])
    tab = dialog.deadlines
    amount, unit = tab.spans[("major", "resolve")]
    amount.setValue(5)
    tab.callback_days.setValue(2)
    tab.save_button.click()
    assert tab.messages.text() == "已保存：改动了 2 项。"
    assert sla.table()["major"]["resolve"] == [5, "working_days"]
    tab.defaults_button.click()  # confirmed (the dialogs fixture answers Yes)
    assert amount.value() == 3 and tab.callback_days.value() == 3
    assert AuditEntry.select().where(AuditEntry.action == "restore_defaults").count() == 1


def test_staff_deactivated_and_last_admin_kept(qtbot, office, dialogs):
    dialog = open_setup(qtbot, office["admin"])
    editor = dialog.staff_tab.editor
    rows = [editor.table.item(r, 1).text() for r in range(editor.table.rowCount())]
    editor.table.selectRow(rows.index("admin"))
    editor.active_button.click()
    assert "不能停用自己的账号" in editor.messages.text()
    choose(editor.role, "客服")
    editor.save_button.click()
    assert "最后一位" in editor.messages.text()
    editor.table.selectRow(rows.index("clerk"))
    editor.active_button.click()
    assert not Staff.get(Staff.username == "clerk").active
    assert editor.active_button.text() == "重新启用(&A)"
    assert "已停用" in editor.state.text()


def test_closed_day_marked_on_the_calendar(qtbot, office):
    dialog = open_setup(qtbot, office["admin"])
    cal = dialog.calendar
    cal.year.setValue(2026)
    cal.months[11].clicked.emit(QDate(2026, 12, 24))
    assert cal.day_from.date() == QDate(2026, 12, 24)
    cal.day_to.setDate(QDate(2026, 12, 25))
    fill(qtbot, cal.note, "年终盘点")
    cal.findChild(QPushButton, "mark_days").click()
    assert cal.mark_messages.text() == "已修改 2 天。"
    assert [d.day for d in CalendarDay.select()] == [dt.date(2026, 12, 24), dt.date(2026, 12, 25)]
    fmt = cal.months[11].dateTextFormat(QDate(2026, 12, 24))
    assert fmt.background().color().name() == "#d3d3d3"
    assert "年终盘点" in cal.day_info.text() and "本处休息" in cal.day_info.text()
    cal.findChild(QPushButton, "clear_days").click()
    assert not CalendarDay.select().exists()


def test_menu_entry_and_banner(qtbot, office, monkeypatch, fixed_today):
    window = MainWindow(office["admin"])
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible() and "2027" in window.banner.text()

    def exec_(dialog):  # the administrator enters the 2027 schedule, then closes the dialog
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (EXAMPLE, "")))
        monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", staticmethod(lambda *a, **k: 16384))
        dialog.calendar.import_button.click()
        return 1

    monkeypatch.setattr(SetupDialog, "exec", exec_)
    window.office_setup_action.trigger()
    assert not window.banner.isVisible()
    assert calendar.year_covered(2027)

    supervisor = MainWindow(office["supervisor"])
    qtbot.addWidget(supervisor)
    assert supervisor.office_setup_action is not None
    clerk = MainWindow(office["clerk"])
    qtbot.addWidget(clerk)
    assert not hasattr(clerk, "office_setup_action")


def test_the_first_start_dialog_goes_on_to_sign_in_when_another_desk_made_the_office(
        qtbot, fresh_db, dialogs, monkeypatch):
    """(tests/test_first_start_race.py) The dialog was open on this desk while another desk made the office: 创建 says so and the
    dialog ends (the sign-in follows) instead of leaving the clerk in front of a form that can
    never succeed."""
    from propdesk.ui import login

    monkeypatch.setattr(login, "check_password_off_thread", lambda parent, work, text: work())
    dialog = login.FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office.setText("阳光花园物业服务中心")
    dialog.name.setText("钱伟")
    dialog.username.setText("boss")
    dialog.password.setText("office-admin-2")
    dialog.password2.setText("office-admin-2")
    reference.create_first_admin("admin", "赵敏", "office-admin-1", "翠湖苑物业服务中心")  # the other desk
    dialog.findChildren(QPushButton)[0].click()
    assert dialogs and dialogs[-1][0] == "warning" and "另一台电脑" in dialogs[-1][2]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [s.username for s in Staff.select()] == ["admin"]
    assert settings.get("office_name") == "翠湖苑物业服务中心"
