"""A year's holiday schedule counts only when the office marks it complete (issue 17)."""
import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt

from propdesk.models.tables import AuditEntry
from propdesk.services.core import calendar
from propdesk.services.setup import calendar_admin
from propdesk.ui.intake import IntakeForm
from propdesk.ui.setup import SetupDialog


@pytest.fixture
def december(monkeypatch):
    """The banner looks 60 days ahead of 15 December 2026 (2027 is not built in)."""
    real = calendar.uncovered_years
    monkeypatch.setattr(calendar, "uncovered_years", lambda today=None, horizon_days=60:
                        real(today or dt.date(2026, 12, 15), horizon_days))


def test_the_administrator_marks_the_year_complete_in_office_setup(qtbot, office, december):
    admin = office["admin"]
    calendar_admin.set_days(admin, dt.date(2027, 2, 6), dt.date(2027, 2, 12), "holiday", "春节")
    dialog = SetupDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    cal = dialog.calendar
    dialog.tabs.setCurrentWidget(cal)
    cal.year.setValue(2027)
    assert not cal.complete.isChecked() and cal.complete.isEnabled()
    assert "2027" in cal.complete.text() and "未标记" in cal.source.text()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    cal.year.setFocus()
    qtbot.keyClick(cal.year, Qt.Key_C, Qt.AltModifier)  # by keyboard: Alt+C
    qtbot.waitUntil(lambda: calendar.year_covered(2027))
    assert cal.complete.isChecked()
    assert "本中心录入" in cal.source.text()
    assert AuditEntry.get(AuditEntry.action == "year_complete").staff_id == admin.id
    # a year with nothing entered cannot be marked: said beside the box, nothing stored
    cal.year.setValue(2028)
    cal.complete.click()
    assert not cal.complete.isChecked() and "2028" in cal.schedule_messages.text()
    assert calendar.complete_years() == [2027]
    # a built-in year: the box shows it as complete and cannot be changed
    cal.year.setValue(2026)
    assert cal.complete.isChecked() and not cal.complete.isEnabled()


def test_intake_warns_about_a_deadline_in_a_year_not_marked_complete(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    form.show()
    form.received_at.setDateTime(QDateTime(dt.datetime(2026, 12, 31, 10, 0)))
    form.severity.setCurrentIndex(form.severity.findData("minor"))  # resolve in 2027
    text = form.deadline.text()
    assert "2027" in text and "周一至周五" in text and "管理员" in text
    # the form still saves: a warning, not a refusal
    calendar_admin.set_days(office["admin"], dt.date(2027, 2, 6), dt.date(2027, 2, 12), "holiday", "春节")
    form.severity.setCurrentIndex(form.severity.findData("important"))
    assert "2027" in form.deadline.text().split("\n")[-1]  # one holiday typed: still warned
    calendar_admin.set_year_complete(office["admin"], 2027)
    form.severity.setCurrentIndex(form.severity.findData("minor"))
    assert "\n" not in form.deadline.text() and "周一至周五" not in form.deadline.text()


def test_the_banner_reminds_the_administrator_near_year_end(qtbot, office, december):
    from propdesk.ui.main_window import MainWindow

    shown = {}
    for who in ("admin", "clerk"):
        window = MainWindow(office[who])
        qtbot.addWidget(window)
        window.show()
        assert window.banner.isVisible()
        shown[who] = window.banner.text()
    assert "2027" in shown["admin"] and "服务中心设置" in shown["admin"] and "标记" in shown["admin"]
    assert "2027" in shown["clerk"] and "管理员" in shown["clerk"]
