"""The cashier's month in the window: set in Office setup → Deadlines, refused with the field
named and outlined, and used by the summary dialog's wording and the dashboard's reminder."""
import datetime as dt

from propdesk.services.core import settings
from propdesk.services.fees import months
from propdesk.ui.dashboard import Dashboard
from propdesk.ui.fee_summary_dialog import FeeSummaryDialog
from propdesk.ui.setup import SetupDialog


def test_cut_off_and_reminder_days_set_in_office_setup(qtbot, office):
    dialog = SetupDialog(office["admin"])
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.deadlines
    assert (tab.fee_cutoff_day.value(), tab.fee_remind_day.value()) == (25, 20)
    tab.fee_cutoff_day.setValue(20)  # the reminder (20) may start on the cut-off day itself
    tab.fee_remind_day.setValue(22)
    tab.save_button.click()
    assert "月度汇总提醒起始日" in tab.messages.text() and "截止日" in tab.messages.text()
    assert tab.fee_remind_day.property("invalid") is True
    assert settings.get("fee_cutoff_day") is None  # nothing saved half-way
    tab.fee_remind_day.setValue(15)
    tab.save_button.click()
    assert tab.messages.text() == "已保存：改动了 2 项。"
    assert (months.cutoff_day(), months.remind_day()) == (20, 15)

    summary = FeeSummaryDialog(office["clerk"], "2026-11")
    qtbot.addWidget(summary)
    assert "月份（21日至20日）(&M)" in [w.text() for w in summary.findChildren(type(summary.span))]
    assert summary.span.text() == "2026-10-21 至 2026-11-20"


def test_dashboard_reminder_names_the_due_day(qtbot, office):
    board = Dashboard(office["supervisor"])
    qtbot.addWidget(board)
    board._show(({}, [board_week(), board_week()], ("2026-11", dt.date(2026, 11, 25))))
    assert board.fee_reminder.text() == "2026-11 的有偿服务费汇总还没有生成：须于 2026-11-25 前交收款部门。"


def board_week():
    from propdesk.services.lists import weekly

    return weekly.trend(dt.date(2026, 11, 16), dt.date(2026, 11, 22), weeks=1)[0]


def test_the_summary_is_offered_for_printing_and_its_fields_have_alt_keys(qtbot, office, monkeypatch, dialogs, tmp_path):
    """Walked at the desk: the dialog's two fields had no Alt key (the weekly summary's have), and
    the PDF went to the system's viewer, where none only said it could not be opened, with no way
    to print it; now it asks, as the weekly summary does, and opens the program's print preview."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    from propdesk.ui import printing

    previewed = []
    monkeypatch.setattr(printing, "print_pdf", lambda path, parent=None: previewed.append(path))
    summary = FeeSummaryDialog(office["supervisor"], "2026-11")
    qtbot.addWidget(summary)
    with qtbot.waitActive(summary):
        summary.show()
        summary.activateWindow()
    qtbot.keyClick(summary, Qt.Key_O, Qt.AltModifier)
    assert QApplication.focusWidget() is summary.kind
    qtbot.keyClick(summary, Qt.Key_M, Qt.AltModifier)
    assert QApplication.focusWidget() is summary.month
    target = tmp_path / "fees.pdf"
    monkeypatch.setattr(summary, "choose_path", lambda month, ext: target)
    qtbot.keyClick(summary.month, Qt.Key_Return)
    assert target.exists() and summary.result() == QDialog.Accepted
    assert dialogs[-1][0] == "question" and str(target) in dialogs[-1][2] and "打印" in dialogs[-1][2]
    assert previewed == [target]
