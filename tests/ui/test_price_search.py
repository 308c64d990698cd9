"""The price-item lists are searched by typing any part of an item (issue 21 leftovers: a plain
combo answered single key presses only, each jumping to the next item starting with it)."""
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import PriceItem
from propdesk.services.fees import charges
from propdesk.services.fees.charges import LineInput
from propdesk.ui.action_dialog import ActionDialog, Field
from propdesk.ui.fee_dialog import FeeDialog
from tests.test_fee_ledger import D, job
from tests.ui.keyboard import type_text

NAMES = ["更换水龙头阀芯", "更换空气开关", "更换开关面板", "更换马桶进水阀", "更换门锁锁芯", "疏通下水道"]


def price_list():
    return {name: PriceItem.create(name=name, unit_name="个", price=Decimal("30.00")) for name in NAMES}


def paid_job(office, items):
    return job(office, D(2026, 11, 16, 9), lines=[LineInput(kind="item", price_item_id=items["疏通下水道"].id)])


def shown(dialog):
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()


def test_typing_part_of_an_item_offers_it_and_enter_takes_it(qtbot, office):
    items = price_list()
    wo = paid_job(office, items)
    dialog = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(dialog)
    shown(dialog)
    combo = dialog.item
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(qtbot, combo.lineEdit(), "开关")  # the middle of two names, after 更换
    completer = combo.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [completer.completionModel().index(r, 0).data().split()[0]
               for r in range(completer.completionCount())]
    assert sorted(offered) == sorted(["更换空气开关", "更换开关面板"])
    for _ in range(offered.index("更换开关面板") + 1):
        qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert combo.currentData() == items["更换开关面板"].id
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert [line.price_item_id for line in charges.lines(wo.id)] == [items["疏通下水道"].id,
                                                                     items["更换开关面板"].id]


def test_text_naming_no_item_chooses_nothing_and_is_kept(qtbot, office):
    items = price_list()
    wo = paid_job(office, items)
    dialog = FeeDialog(office["clerk"], wo.id)
    qtbot.addWidget(dialog)
    shown(dialog)
    combo = dialog.item
    combo.setCurrentIndex(2)
    assert combo.currentData() is not None
    combo.lineEdit().selectAll()
    type_text(qtbot, combo.lineEdit(), "更换灯泡")
    assert combo.currentData() is None
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert len(charges.lines(wo.id)) == 1 and dialog.line_message.text()
    assert combo.currentText() == "更换灯泡"  # what was typed stays


def test_the_result_dialogs_price_field_searches_too(qtbot, office):
    items = price_list()
    choices = [(p.id, p.name) for p in items.values()]
    dialog = ActionDialog("结果", [Field("price_item", "价目", "search", None, [(None, "- 请选择 -"), *choices])],
                          run=lambda v: v)
    qtbot.addWidget(dialog)
    shown(dialog)
    combo = dialog.widgets["price_item"]
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(qtbot, combo.lineEdit(), "下水")
    completer = combo.completer()
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.completionCount() == 1
    qtbot.keyClick(completer.popup(), Qt.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key_Return)
    assert dialog.values()["price_item"] == items["疏通下水道"].id
