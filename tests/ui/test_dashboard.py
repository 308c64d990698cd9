"""The dashboard: numbers that open the list behind them."""
import datetime as dt

from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.ui.main_window import MainWindow
from tests.ui.lists import wait_rows


def test_supervisor_starts_on_the_dashboard_and_a_number_opens_its_list(qtbot, office):
    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=3)
    late = complaints.create(office["clerk"], ComplaintInput(
        received_at=at, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
        description="电梯异响", severity="minor",
        category_id=Category.get(Category.name == "工程维修/设施设备").id))
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    assert window.tabs.currentWidget() is window.dashboard
    tile = window.dashboard.tiles["reply_overdue"]
    qtbot.waitUntil(lambda: tile.text().startswith("1\n"))  # counted off the GUI thread
    assert "回复已超时" in tile.text()
    tile.click()
    assert window.tabs.currentWidget() is window.complaints
    model = window.complaints.model
    wait_rows(qtbot, model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [late.number]
    assert not window.complaints.due_chip.isHidden()
    window.complaints.due_chip.click()
    assert window.complaints.due is None

    clerk_window = MainWindow(office["clerk"])
    qtbot.addWidget(clerk_window)
    assert clerk_window.tabs.currentWidget().widget() is clerk_window.intake  # inside its scroll area


def test_weekly_report_in_one_click(qtbot, office, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtCore import QDate
    from PySide6.QtGui import QDesktopServices

    from propdesk.ui.weekly_dialog import WeeklyReportDialog

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    monkeypatch.setattr(WeeklyReportDialog, "choose_path", lambda self, start, ext: tmp_path / f"w.{ext}")
    dialog = WeeklyReportDialog(office["supervisor"])
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2026, 11, 18))
    assert "第 47 周" in dialog.span.text() and "2026-11-16" in dialog.span.text()
    dialog.make()
    assert dialog.written == tmp_path / "w.pdf"
    # the PDF goes to the print preview like every other printable (issue 17), not a viewer
    assert opened == [] and dialog.preview.isVisible() and dialog.preview.path == dialog.written
    dialog.preview.close()
    assert "李强" in PdfReader(dialog.written).pages[0].extract_text()
    # the workbook still opens in the program that reads it
    dialog = WeeklyReportDialog(office["supervisor"])
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("xlsx"))
    dialog.make()
    assert dialog.written == tmp_path / "w.xlsx" and opened and dialog.preview is None


def test_the_weekly_dialog_has_an_alt_key_for_each_field(qtbot, office):
    """Tab walks the date's year, month and day before it leaves (seen at the keyboard under
    Xvfb): the day and the format have Alt keys, as in the export dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from propdesk.ui.weekly_dialog import WeeklyReportDialog

    dialog = WeeklyReportDialog(office["supervisor"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_O, Qt.AltModifier)
    assert dialog.kind.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_D, Qt.AltModifier)
    assert dialog.day.hasFocus() or dialog.day.isAncestorOf(QApplication.focusWidget())
