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


def test_weekly_report_in_one_click(qtbot, office, tmp_path, monkeypatch, dialogs):
    """Either format: the dialog says where the file went, offers the next step (print the PDF,
    open the workbook: answered Yes here) and closes, as the registers' export does. It said
    nothing of the folder, and the supervisor looked for the file."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QDialog
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
    assert dialog.written == tmp_path / "w.pdf" and dialog.result() == QDialog.Accepted
    kind, _title, text = dialogs[-1]
    assert kind == "question" and str(dialog.written) in text and "打印" in text
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
    assert dialog.result() == QDialog.Accepted
    kind, _title, text = dialogs[-1]
    assert kind == "question" and str(dialog.written) in text and "打开" in text


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


def test_a_quote_waiting_for_the_supervisor_has_a_tile_and_a_list(qtbot, office, monkeypatch):
    """报价审批: a clerk's quote cannot be collected until a supervisor approves it, but nothing
    told the supervisor one was waiting: no tile, no filter on the board; it was found only by
    opening each order's fees (seen at the desk as supervisor of the demo office). The tile counts
    orders with a quote neither approved nor voided and opens the board filtered on them; the
    fee dialog opens on the waiting line, so Alt+Q approves it and the order leaves the list."""
    from decimal import Decimal

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from propdesk.models.tables import PriceItem
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput
    from propdesk.services.fees import charges
    from propdesk.services.fees.charges import LineInput
    from propdesk.services.lists import dashboard
    from propdesk.services.core.accounts import PROGRAM
    from propdesk.ui.fee_dialog import FeeDialog

    PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1)

    def paid_order(description):
        wo = workorders.create(office["clerk"], RepairInput(
            received_at=at, phone="13800138000", contact_name="张伟", unit="3栋2单元1201",
            description=description, paid=True), at=at)
        return wo

    waiting = paid_order("卫生间下水道堵塞")
    charges.add(office["clerk"], waiting.id, LineInput(kind="quote", description="主管道高压清洗", amount="200"))
    approved = paid_order("厨房下水道堵塞")  # the supervisor's own quote: approved as written
    charges.add(office["supervisor"], approved.id, LineInput(kind="quote", description="更换存水弯", amount="60"))
    voided = paid_order("阳台地漏堵塞")
    line = charges.add(office["clerk"], voided.id, LineInput(kind="quote", description="更换地漏", amount="50"))
    charges.void(office["clerk"], line.id, "业主自行购买")
    cancelled = paid_order("洗手池堵塞")
    charges.add(office["clerk"], cancelled.id, LineInput(kind="quote", description="更换下水管", amount="90"))
    workorders.cancel(office["clerk"], cancelled.id, "业主已自行修好")
    assert dashboard.counts(reader=PROGRAM)["quotes_waiting"] == 1

    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    tile = window.dashboard.tiles["quotes_waiting"]
    qtbot.waitUntil(lambda: tile.text().startswith("1\n"))  # counted off the GUI thread
    assert "报价待审批" in tile.text()
    tile.click()
    board = window.work_orders.board
    assert window.tabs.currentWidget() is window.work_orders and board.quotes_only.isChecked()
    assert "报价待审批" in board.tile_hint.text()
    wait_rows(qtbot, board.model)
    assert [board.model.index(r, 0).data() for r in range(board.model.rowCount())] == [waiting.number]

    def approve_with_alt_q(dialog):
        assert dialog.approve.isEnabled()  # the waiting line is selected when the dialog opens
        with qtbot.waitActive(dialog):  # Alt keys reach the active window only
            dialog.show()
            dialog.activateWindow()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Q, Qt.AltModifier)  # the button animates its click
        qtbot.waitUntil(lambda: charges.lines(waiting.id)[0].approved_by_id == office["supervisor"].id)
        dialog.close()
        return 0

    monkeypatch.setattr(FeeDialog, "exec", approve_with_alt_q)
    board.table.selectRow(0)
    board.do_fees()
    assert charges.lines(waiting.id)[0].approved_by_id == office["supervisor"].id
    qtbot.waitUntil(lambda: board.model.rowCount() == 0 and not board.model.loading)
    assert dashboard.counts(reader=PROGRAM)["quotes_waiting"] == 0
    board.clear_tile()
    assert not board.quotes_only.isChecked()


def test_esc_takes_a_dashboard_numbers_filter_off_the_complaint_ledger(qtbot, office):
    """The dispatch board drops a tile's filter with Esc; the complaint ledger's chip (已升级投诉 ✕)
    could only be clicked or reached with Tab: a supervisor at the keyboard, who had changed the
    state to 已办结 under it, saw an empty list (seen under Xvfb)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=3)
    late = complaints.create(office["clerk"], ComplaintInput(
        received_at=at, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
        description="电梯异响", severity="minor",
        category_id=Category.get(Category.name == "工程维修/设施设备").id))
    other = complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime.now().replace(microsecond=0), unit="3栋2单元1201", phone="13800138000",
        complainant="张伟", description="楼道灯不亮", severity="important",
        category_id=Category.get(Category.name == "工程维修/设施设备").id))
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # keys reach the active window only
        window.show()
        window.activateWindow()
    tile = window.dashboard.tiles["reply_overdue"]
    qtbot.waitUntil(lambda: tile.text().startswith("1\n"))
    tile.click()
    ledger = window.complaints
    wait_rows(qtbot, ledger.model)
    assert [ledger.model.index(r, 0).data() for r in range(ledger.model.rowCount())] == [late.number]
    assert ledger.table.hasFocus() and ledger.due_chip.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert ledger.due is None and not ledger.due_chip.isVisible()
    wait_rows(qtbot, ledger.model)
    assert {ledger.model.index(r, 0).data() for r in range(ledger.model.rowCount())} == {late.number, other.number}
    ledger.search.setFocus()
    qtbot.keyClick(ledger.search, Qt.Key_Escape)  # nothing to take off: nothing happens
    assert ledger.due is None


def test_after_a_sign_off_the_cursor_is_on_the_next_order_to_sign_off(qtbot, office, monkeypatch):
    """Signing off the 待验收维修 list at the keyboard (Xvfb): Alt+O, Enter, and the order left the
    list with the cursor, so each next sign-off needed a Down first (Alt+O alone did nothing)."""
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import Completion, RepairInput
    from propdesk.ui.action_dialog import ActionDialog

    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=5)
    done = []
    for task in ("厨房水龙头漏水", "卫生间灯不亮", "阳台门锁坏"):
        wo = workorders.create(office["clerk"], RepairInput(
            received_at=at, phone="13800138000", contact_name="张伟", unit="3栋2单元1201", description=task), at=at)
        workorders.assign(office["clerk"], wo.id, office["technician"].id, at=at)
        workorders.complete(office["clerk"], wo.id, Completion(
            arrived_at=at + dt.timedelta(hours=1), finished_at=at + dt.timedelta(hours=2), result="已修好",
            slip_returned=True))
        done.append(wo)
    monkeypatch.setattr(ActionDialog, "exec", lambda d: d.submit() or d.result() == ActionDialog.Accepted)
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    tile = window.dashboard.tiles["wo_to_check"]
    qtbot.waitUntil(lambda: tile.text().startswith("3\n"))
    tile.click()
    board = window.work_orders.board
    wait_rows(qtbot, board.model)
    numbers = [board.model.index(r, 0).data() for r in range(board.model.rowCount())]
    board.table.selectRow(0)
    for left in (2, 1, 0):
        first = board.selected_id()
        board.buttons["check"].click()
        assert workorders.get(first).status == "checked"
        qtbot.waitUntil(lambda: not board.model.loading and board.model.rowCount() == left)
        if left:
            assert board.selected_id() is not None and board.buttons["check"].isEnabled()
    assert sorted(numbers) == sorted(wo.number for wo in done)
