"""The stretched last column of every list (ui/list_table.py) shrinks to LAST_MIN when the
other columns leave little room: Qt kept it at the width it had when it became the last one
(its default 100 px when none was given), which alone made a horizontal scroll bar at 1024
(the callbacks list, 29a887f; the complaint list and the dispatch board had the same)."""
from __future__ import annotations

from PySide6.QtGui import QStandardItemModel

from propdesk.ui.list_table import LAST_MIN, ListTable


def _table(qtbot, columns=4, widths=(120, 120, 120)):
    model = QStandardItemModel(3, columns)
    table = ListTable(model, widths, 0)
    qtbot.addWidget(table)
    return table


def test_the_last_column_gives_way_instead_of_a_scroll_bar(qtbot):
    table = _table(qtbot)
    table.resize(420, 200)
    with qtbot.waitExposed(table):
        table.show()
    header = table.horizontalHeader()
    assert 360 + LAST_MIN <= table.viewport().width() < 360 + 100  # room for 40 px, not for 100
    # (the scroll bar goes once the layout has settled: nothing left to scroll)
    qtbot.waitUntil(lambda: header.length() == table.viewport().width()
                    and not table.horizontalScrollBar().isVisible())
    assert [header.sectionSize(c) for c in range(3)] == [120, 120, 120]
    assert header.sectionSize(3) == table.viewport().width() - 360


def test_columns_moved_before_the_list_shows_keep_their_widths(qtbot):
    """(The dispatch board moves its columns when it is built.)"""
    table = _table(qtbot, widths=(120, 110, 100, 90))
    header = table.horizontalHeader()
    header.moveSection(3, 0)  # the last column first: column 2 is the last one now
    table.resize(420, 200)
    with qtbot.waitExposed(table):
        table.show()
    qtbot.waitUntil(lambda: header.length() == table.viewport().width()
                    and not table.horizontalScrollBar().isVisible())
    assert [header.sectionSize(c) for c in (3, 0, 1)] == [90, 120, 110]
    assert header.sectionSize(2) == table.viewport().width() - 320 < 100


def test_the_complaint_list_and_the_dispatch_board_fit_1024_and_their_text_has_what_is_left(qtbot, office):
    """At 1024x768 in Chinese their other columns alone were ~1200 px in a 988 and a 706 px view;
    now they fit (columns sized by their texts, some giving way: test_lists_fit_1024.py) and the
    stretched last column has what the others leave."""
    from fixtures.report_data import populate
    from propdesk.ui.main_window import TABS, MainWindow

    populate(office)
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(1024, 768)
    with qtbot.waitExposed(window):
        window.show()
    for tab in ("complaints", "work_orders"):
        window.tabs.setCurrentIndex(TABS.index(tab))
        page = window.complaints if tab == "complaints" else window.work_orders.board
        table = page.table
        qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() > 0)
        header = table.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != last)
        qtbot.waitUntil(lambda: header.length() == table.viewport().width()
                        and not table.horizontalScrollBar().isVisible())
        assert header.sectionSize(last) == table.viewport().width() - others > LAST_MIN, tab
