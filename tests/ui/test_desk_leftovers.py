"""What the QA pass after issue 17's second session still found at the desk, each as met."""
import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QPushButton

from propdesk.ui.intake import IntakeForm


def make_form(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_one_down_press_in_the_class_box_does_not_make_a_case_major(qtbot, office):
    form = make_form(qtbot, office)
    form.severity.setFocus()
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "minor"  # the mildest, one step
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "important"
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "major"  # only after three deliberate steps


def test_the_time_it_happened_is_now_on_a_new_form(qtbot, office):
    form = make_form(qtbot, office)
    form.occurred_at.setDateTime(QDateTime.fromString("2026-01-05 08:00", "yyyy-MM-dd HH:mm"))
    form.clear()  # the next caller: 发生时间 starts at now, not when the window was opened
    assert abs(form.occurred_at.value() - dt.datetime.now()) < dt.timedelta(minutes=2)
    assert form.occurred_at._clock.isActive()  # and follows the clock until the clerk edits it
    form.occurred_known.setChecked(True)
    qtbot.keyClick(form.occurred_at, Qt.Key_Up)
    assert not form.occurred_at._clock.isActive()


def test_the_technicians_refresh_button_says_its_key_once(qtbot, office):
    from propdesk.ui.my_jobs import MyJobsTab

    tab = MyJobsTab(office["technician"])
    qtbot.addWidget(tab)
    refresh = tab.findChild(QPushButton, "job_refresh")
    assert refresh.text() == "刷新 (F5)"
