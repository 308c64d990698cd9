"""Keyboard only: Ctrl+Tab and Ctrl+Shift+Tab go from tab to tab wherever the focus is, a list's
table included (the callbacks tab puts the focus in its table, and a table that took Tab cell
by cell kept the clerk there: Ctrl+Tab only moved the cell), and Tab leaves a table for the
widgets after it."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fixtures.report_data import populate
from propdesk.ui.main_window import TABS, MainWindow


def test_ctrl_tab_leaves_every_list_for_the_next_tab(qtbot, office):
    populate(office)  # rows in every list: an empty table passed Tab on all along
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    for key in ("complaints", "work_orders", "callbacks"):
        index = TABS.index(key)
        window.tabs.setCurrentIndex(index)
        tab = getattr(window, key)
        table = (tab.board if key == "work_orders" else tab).table
        qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() > 0)
        table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        table.setCurrentIndex(table.model().index(0, 0))
        qtbot.keyClick(table, Qt.Key_Tab, Qt.ControlModifier)
        assert window.tabs.currentIndex() == index + 1, key
        window.tabs.setCurrentIndex(index)
        table.setFocus()
        qtbot.keyClick(table, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
        assert window.tabs.currentIndex() == index - 1, key


def test_tab_leaves_a_list_for_the_buttons(qtbot, office):
    populate(office)
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.tabs.setCurrentIndex(TABS.index("callbacks"))
    table = window.callbacks.table
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() > 0)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key_Tab)
    assert QApplication.focusWidget() is not table
