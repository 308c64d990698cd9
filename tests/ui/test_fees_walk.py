"""From a repair call to a settled fee, as the desk does it: a free repair found chargeable at
the visit (the owner agrees), a quote the supervisor approves, cash with a receipt, the notice
reprinted with its fee lines, the unpaid tile and the board's filter until it is settled."""
from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtCore import Qt

from propdesk.models.tables import PriceItem, RepairCategory, WorkOrder
from propdesk.services.cases import workorders
from propdesk.ui.action_dialog import ActionDialog
from propdesk.ui.dashboard import Dashboard
from propdesk.ui.fee_dialog import FeeDialog
from propdesk.ui.workorder_tab import WorkOrderTab
from tests.ui.keyboard import type_text
from tests.ui.lists import wait_rows


def answer(monkeypatch, fill):
    seen = []

    def exec_(dialog):
        fill(dialog)
        dialog.submit()
        seen.append(dialog.message.text())
        return dialog.result() == ActionDialog.Accepted

    monkeypatch.setattr(ActionDialog, "exec", exec_)
    return seen


def select(qtbot, tab, number):
    model = tab.board.model
    wait_rows(qtbot, model)  # the rows a refresh asked for (read on a worker)
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == number)
    tab.board.table.selectRow(row)


def test_repair_call_to_settled_fee(qtbot, office, monkeypatch, dialogs, tmp_path):
    PriceItem.create(name="更换水龙头阀芯", unit_name="个", price=Decimal("30.00"))
    tab = WorkOrderTab(office["clerk"])
    qtbot.addWidget(tab)
    tab.show()
    form = tab.form
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13800138000")
    qtbot.waitUntil(lambda: form.contact_name.text() == "张伟")
    form.description.setFocus()
    type_text(qtbot, form.description, "厨房水龙头漏水")
    form.repair_category.setCurrentIndex(form.repair_category.findText("水电"))
    assert not form.paid.isChecked()  # taken as a free repair
    qtbot.keyClick(form.description, Qt.Key_S, Qt.ControlModifier)
    wo = WorkOrder.get()
    assert wo.repair_category_id == RepairCategory.get(RepairCategory.name == "水电").id and not wo.paid

    board = tab.board
    select(qtbot, tab, wo.number)
    answer(monkeypatch, lambda d: None)
    board.buttons["assign"].click()

    def result(d):  # the cartridge is the owner's own: chargeable after all
        type_text(qtbot, d.widgets["result"], "更换水龙头阀芯")
        d.widgets["price_item"].setCurrentIndex(1)
        d.widgets["slip_returned"].setChecked(True)
    select(qtbot, tab, wo.number)
    said = answer(monkeypatch, result)
    board.buttons["complete"].click()
    assert "业主" in said[-1]  # refused: the owner's agreement is missing; nothing written
    assert workorders.get(wo.id).status == "assigned"

    def result_agreed(d):
        result(d)
        type_text(qtbot, d.widgets["owner_agreement"], "业主张伟当场同意付费")
    select(qtbot, tab, wo.number)
    answer(monkeypatch, result_agreed)
    board.buttons["complete"].click()
    wo = workorders.get(wo.id)
    assert wo.status == "done" and wo.paid and wo.fee == Decimal("30.00") and wo.fee_state == "unpaid"

    # unpaid: the dashboard tile counts it, the board's filter lists it
    dash = Dashboard(office["clerk"])
    qtbot.addWidget(dash)
    qtbot.waitUntil(lambda: dash.tiles["fees_unpaid"].text().startswith("1\n"))  # counted off the GUI thread
    board.unpaid_only.setChecked(True)
    board.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1)

    # the clerk adds a quote: it waits for a supervisor, so the cash cannot be taken yet
    fees = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(fees)
    fees.kind.setCurrentIndex(fees.kind.findData("quote"))
    type_text(qtbot, fees.description, "更换角阀")
    type_text(qtbot, fees.price, "45")
    fees.findChild(type(fees.make_paid), "add_line").click()
    assert fees.table.rowCount() == 2 and "75.00" in fees.total.text()
    type_text(qtbot, fees.receipt, "A0001")
    assert not fees.pay.isEnabled() and "主管" in fees.pay_reason.text()  # greyed, and why
    assert workorders.get(wo.id).fee_state == "unpaid"
    assert not fees.approve.isVisible()  # a clerk does not approve

    boss = FeeDialog(office["supervisor"], wo.id)
    qtbot.addWidget(boss)
    boss.table.selectRow(1)
    assert boss.approve.isEnabled()
    boss.approve.click()
    assert "李强" in boss.table.item(1, 5).text()

    fees.refresh()
    fees.pay.click()  # the receipt typed before is still there
    assert fees.pay_message.text() == ""
    assert "A0001" in fees.payment_state.text() and workorders.get(wo.id).fee_state == "settled"
    assert not fees.pay.isEnabled()

    board.refresh()
    qtbot.waitUntil(lambda: board.model.rowCount() == 0)  # settled: off the unpaid list
    dash.refresh()
    qtbot.waitUntil(lambda: dash.tiles["fees_unpaid"].text().startswith("0\n"))

    # the notice prints the fee lines; the reprint says which printing it is
    board.unpaid_only.setChecked(False)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1)
    select(qtbot, tab, wo.number)
    board.print_notice()  # the print preview of the file (board.printed)
    first = "".join(p.extract_text() for p in PdfReader(board.printed).pages).replace(" ", "")
    assert "更换水龙头阀芯30.00×1个" in first and "更换角阀45.00" in first and "75.00" in first
    assert "次打印" not in first
    board.print_notice()
    text = "".join(p.extract_text() for p in PdfReader(board.printed).pages).replace(" ", "")
    assert "第2次打印" in text
    assert workorders.get(wo.id).print_count == 2
