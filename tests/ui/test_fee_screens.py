"""The fee buttons and dialog as they are seen at 1024x768 (issue 18): the work-order tab fits
the screen with the fee and edit buttons, the board shows each order's fee in a column of its
own, and the fee dialog shows the estate, the lines whole, a voided payment, greys what cannot
be done now and puts a waiting quote under the supervisor's Alt+Q."""

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import PriceItem
from propdesk.services.fees import charges, payments
from propdesk.services.fees.charges import LineInput
from propdesk.ui.fee_dialog import FeeDialog
from propdesk.ui.main_window import MainWindow
from propdesk.ui.workorder_model import COLUMNS
from tests.test_fee_ledger import D, job
from tests.ui.lists import wait_rows


def test_work_order_tab_fits_1024_and_shows_the_fee(qtbot, office):
    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    wo = job(office, D(2026, 11, 16, 9), lines=[LineInput(kind="item", price_item_id=drain.id)])
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    window.resize(1024, 740)
    window.show()
    window.tabs.setCurrentWidget(window.work_orders)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024 and window.width() <= 1024
    board = window.work_orders.board
    board.status.setCurrentIndex(0)  # every state
    qtbot.waitUntil(lambda: board.model.rowCount() == 1)
    keys = [k for k, _ in COLUMNS]
    row = {k: board.model.index(0, keys.index(k)).data() for k in ("number", "status", "fee")}
    assert row["number"] == wo.number and row["status"].endswith("· 未收") and row["fee"] == "¥80.00 未收"
    assert board.buttons["fees"].text() == "收费(&I)…"
    fees = board.buttons["fees"]
    assert fees.mapTo(window, fees.rect().topRight()).x() <= window.width()


def test_fee_dialog_at_1024(qtbot, office):
    cartridge = PriceItem.create(name="更换水龙头阀芯", unit_name="个", price=Decimal("30.00"))
    wo = job(office, D(2026, 11, 16, 9), lines=[LineInput(kind="item", price_item_id=cartridge.id)])
    payments.pay_cash(office["clerk"], wo.id, "R1", at=D(2026, 11, 16, 12))
    payments.void(office["supervisor"], wo.id, "收据号写错", at=D(2026, 11, 16, 13))
    charges.add(office["clerk"], wo.id, LineInput(kind="quote", description="更换角阀及软管（报价）", amount="45"),
                at=D(2026, 11, 16, 14))
    dialog = FeeDialog(office["supervisor"], wo.id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # Alt keys reach the active window only
        dialog.show()
        dialog.activateWindow()
    assert dialog.width() <= 1024 and dialog.height() <= 740
    assert "3栋2单元1201" in dialog.header.text()
    assert "已作废：现金 ¥30.00 R1" in dialog.payment_history.text() and "收据号写错" in dialog.payment_history.text()
    table = dialog.table
    for row in range(table.rowCount()):  # the item's text is not cut
        item = table.item(row, 1)
        assert table.fontMetrics().horizontalAdvance(item.text()) < table.columnWidth(1)
    # the waiting quote is selected: Alt+Q approves it
    assert table.currentRow() == 1 and dialog.approve.isEnabled()
    assert dialog.approve.text() == "审批报价(&Q)"
    dialog.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Q, Qt.AltModifier)  # the button animates its click
    qtbot.waitUntil(lambda: charges.lines(wo.id)[1].approved_by_id == office["supervisor"].id)
    assert dialog.receipt.isEnabled()
    dialog.receipt.setFocus()
    dialog.receipt.setText("R2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_R, Qt.AltModifier)
    qtbot.waitUntil(lambda: charges.live_payment(wo.id) is not None)
    assert charges.live_payment(wo.id).receipt_no == "R2"
    assert not dialog.receipt.isEnabled() and not dialog.add_button.isEnabled()  # settled: greyed
    assert dialog.void_payment.isEnabled()


def test_keyboard_reaches_list_payment_and_summary(qtbot, office):
    """What the keyboard-only walk stumbled on: Down from the board's search goes into the
    list; Tab leaves the fee lines' table; Alt+N is the receipt number; the ledger's export
    starts at the cashier's month; the dashboard's summary button has its Alt key."""
    from propdesk.services.fees import months
    from propdesk.ui.dashboard import Dashboard
    from propdesk.ui.dispatch_board import DispatchBoard
    from propdesk.ui.export_dialog import ExportDialog

    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    wo = job(office, D(2026, 11, 16, 9), lines=[LineInput(kind="item", price_item_id=drain.id)])
    board = DispatchBoard(office["clerk"])
    qtbot.addWidget(board)
    with qtbot.waitActive(board):
        board.show()
        board.activateWindow()
    board.status.setCurrentIndex(0)
    board.search.setFocus()
    board.search.setText(wo.number)
    board.search.textEdited.emit(wo.number)
    qtbot.keyClick(board.search, Qt.Key_Down)
    wait_rows(qtbot, board)
    assert QApplication.focusWidget() is board.table and board.selected_id() == wo.id
    assert board.buttons["fees"].isEnabled() and not board.table.tabKeyNavigation()

    dialog = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table  # Tab went on
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_N, Qt.AltModifier)
    assert QApplication.focusWidget() is dialog.receipt
    assert dialog.table.height() >= 5 * dialog.table.verticalHeader().defaultSectionSize()

    export = ExportDialog("fees", staff=office["clerk"])
    qtbot.addWidget(export)
    today = dt.date.today()
    assert export.date_from.date().toPython() == months.period(months.month_of(today))[0]
    export.register.setCurrentIndex(export.register.findData("complaints"))
    assert export.date_from.date().toPython() == today.replace(day=1)

    dash = Dashboard(office["supervisor"])
    qtbot.addWidget(dash)
    assert dash.fee_summary_button.text() == "收费月度汇总(&M)…"


def test_record_payment_greyed_with_the_reason_while_nothing_is_owed(qtbot, office):
    """登记收费 was enabled on a paid service with no fee line yet (¥0.00): a click only then
    said there was nothing to collect. It is greyed, the services' reason beside it, until a
    line makes the fee owed; and the columns are wide enough to read at 1024 before any line."""
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput

    wo = workorders.create(office["clerk"], RepairInput(  # a paid service, no line yet
        received_at=D(2026, 11, 16, 9), phone="13800138000", contact_name="张伟", unit="3栋2单元1201",
        description="入户门锁芯卡涩", paid=True), at=D(2026, 11, 16, 9))
    dialog = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.pay.isEnabled()
    assert dialog.pay_reason.text() == f"收费：{wo.number} 没有需要收取的费用。"
    table, metrics = dialog.table, dialog.table.fontMetrics()
    for col, text in ((0, "收费标准"), (2, "50000.00"), (3, "999.5平方米"), (4, "50000.00")):
        assert table.columnWidth(col) >= metrics.horizontalAdvance(text) + 16, (col, table.columnWidth(col))

    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    charges.add(office["clerk"], wo.id, LineInput(kind="item", price_item_id=drain.id))
    dialog.refresh()
    assert dialog.pay.isEnabled() and dialog.pay_reason.text() == ""
    assert table.item(0, 4).text() == "80.00"


def test_made_paid_the_cursor_goes_to_the_first_line(qtbot, office):
    """Walked at the desk: 改为有偿服务 (Alt+P) hid its own row with the button, and the cursor
    went nowhere (arrows and typing did nothing); now it is on the kind of the first fee line."""
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput
    from tests.ui.keyboard import type_text

    wo = workorders.create(office["clerk"], RepairInput(
        received_at=D(2026, 11, 16, 9), phone="13800138000", contact_name="张伟", unit="3栋2单元1201",
        description="水龙头漏水"), at=D(2026, 11, 16, 9))
    dialog = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.agreement.setFocus()
    type_text(qtbot, dialog.agreement, "业主电话同意")
    qtbot.keyClick(dialog.agreement, Qt.Key_P, Qt.AltModifier)
    qtbot.waitUntil(lambda: workorders.get(wo.id).paid)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind)
    assert not dialog.free_box.isVisible() and dialog.kind.isEnabled()
