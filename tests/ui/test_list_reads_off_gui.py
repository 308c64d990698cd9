"""A list's rows after a filter change, a sort (a header click) or a refresh are read on a worker
thread, never on the GUI thread (ui/lazy_model.py): at a million complaints some filter x sort
pages take hundreds of milliseconds. The old rows stay on screen until the new ones arrive, a
read that takes a while shows "正在读取…", and a read overtaken by a newer one is never shown.

The services' page function is wrapped to note the thread it runs on and, for a chosen filter,
to wait at a known point (a threading.Event) until the test lets it go on."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from propdesk.services.lists import search
from propdesk.ui.complaint_list import ComplaintListPanel
from tests.ui.lists import wait_rows
from tests.ui.test_complaint_list import add, shown


class Reads:
    """``search.page`` as the list calls it, noting who reads; a read for a filter that
    ``hold(f)`` picks waits (on its worker) until ``release`` is set."""

    def __init__(self, monkeypatch):
        self.threads: list[threading.Thread] = []
        self.hold = lambda f: False
        self.entered = threading.Event()  # a held read has reached the wait
        self.release = threading.Event()
        real = search.page

        def page(f, *args, **kwargs):
            self.threads.append(threading.current_thread())
            if self.hold(f):
                self.entered.set()
                # (a bound, so that a read wrongly made on the GUI thread cannot hang the run)
                self.release.wait(10)
            return real(f, *args, **kwargs)

        monkeypatch.setattr(search, "page", page)

    def on_gui_thread(self) -> bool:
        return any(t is threading.main_thread() for t in self.threads)


@pytest.fixture
def reads(monkeypatch):
    r = Reads(monkeypatch)
    yield r
    r.release.set()  # nothing left waiting when the test ends


@pytest.fixture
def cases(office):
    return {"major": add(office, "楼道堆放杂物", severity="major", hours_ago=3),
            "minor": add(office, "路灯不亮", severity="minor", hours_ago=2),
            "important": add(office, "楼上卫生间漏水", severity="important", hours_ago=1)}


def _panel(qtbot, office):
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    panel.resize(1100, 500)
    panel.show()
    qtbot.waitExposed(panel)
    wait_rows(qtbot, panel)
    return panel


def _choose(panel, severity: str | None) -> None:
    """The class filter, as the clerk picks it from its box."""
    panel.severity.setCurrentIndex(panel.severity.findData(severity))


def _click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))


def test_filter_sort_and_refresh_read_their_rows_off_the_gui_thread(qtbot, office, cases, reads):
    panel = _panel(qtbot, office)
    newest_first = [cases[k].number for k in ("important", "minor", "major")]
    assert shown(panel) == newest_first
    reads.threads.clear()

    _choose(panel, "minor")  # a filter change
    wait_rows(qtbot, panel)
    assert shown(panel) == [cases["minor"].number]
    assert reads.threads and not reads.on_gui_thread()

    _choose(panel, None)
    wait_rows(qtbot, panel)
    reads.threads.clear()
    keys = [key for key, _label in panel.model.columns]
    _click_header(qtbot, panel.table, keys.index("number"))  # a sort by the number
    wait_rows(qtbot, panel)
    assert panel.model.order == "number"
    assert shown(panel) in (newest_first, newest_first[::-1])
    assert reads.threads and not reads.on_gui_thread()

    reads.threads.clear()
    panel.table.setFocus()
    panel.table.selectRow(1)
    chosen = panel.model.row_id(1)
    panel.refresh()  # F5: the same filter, read again around the cursor's row
    wait_rows(qtbot, panel)
    assert reads.threads and not reads.on_gui_thread()
    assert panel.model.row_id(panel.table.currentIndex().row()) == chosen  # the cursor stayed


def test_a_read_overtaken_by_a_newer_filter_is_never_shown(qtbot, office, cases, reads):
    from propdesk.ui.worker import all_pools

    panel = _panel(qtbot, office)
    seen: list[list[str]] = []  # every set of rows the list showed
    panel.model.modelReset.connect(lambda: seen.append(shown(panel)))
    reads.hold = lambda f: f.severity == "minor"
    _choose(panel, "minor")
    qtbot.waitUntil(reads.entered.is_set)  # the first read waits inside its worker
    _choose(panel, "major")  # the clerk picks again before it is done
    wait_rows(qtbot, panel)
    assert shown(panel) == [cases["major"].number]
    reads.release.set()  # the first read goes on to its end now ...
    for pool in all_pools():
        pool.waitForDone()
    QApplication.processEvents()  # an answer it queued to the GUI thread is handled here
    assert shown(panel) == [cases["major"].number]  # ... and is not shown
    assert [cases["minor"].number] not in seen
    assert seen == [[cases["major"].number]]
    assert panel.count.text() == "共 1 条投诉"


def test_a_slow_read_shows_that_the_list_is_reading_until_its_rows_come(qtbot, office, cases, reads):
    panel = _panel(qtbot, office)
    cue = panel.table.busy_cue
    assert not cue.isVisible()
    reads.hold = lambda f: f.severity == "minor"
    _choose(panel, "minor")
    qtbot.waitUntil(reads.entered.is_set)
    qtbot.waitUntil(cue.isVisible)  # a moment later, while the read still waits
    assert cue.text() == "正在读取…" and panel.model.busy
    assert panel.table.viewport().rect().intersects(cue.geometry())  # over the list, in sight
    reads.release.set()
    wait_rows(qtbot, panel)
    assert not cue.isVisible() and not panel.model.busy
    assert shown(panel) == [cases["minor"].number]


def test_the_old_rows_stay_while_the_new_ones_are_read(qtbot, office, cases, reads):
    panel = _panel(qtbot, office)
    before = shown(panel)
    assert len(before) == 3
    qtbot.waitUntil(lambda: panel.count.text() == "共 3 条投诉")
    reads.hold = lambda f: f.severity == "major"
    _choose(panel, "major")
    qtbot.waitUntil(reads.entered.is_set)
    QApplication.processEvents()  # the GUI thread turns meanwhile: nothing empties the list
    assert panel.model.loading
    assert shown(panel) == before  # no flash to an empty list
    assert panel.count.text() == "共 3 条投诉"  # the count stays with the rows shown
    assert not panel.model.canFetchMore() and not panel.model.all_loaded()  # no half state
    reads.release.set()
    wait_rows(qtbot, panel)
    assert shown(panel) == [cases["major"].number]
    qtbot.waitUntil(lambda: panel.count.text() == "共 1 条投诉")


def test_the_boards_actions_wait_for_the_rows_being_read(qtbot, office, monkeypatch):
    """The dispatch board's buttons act on the selected order's state as shown: while its rows
    are read again (after an action, or a filter) that state may be out of date, so they are
    off until the rows arrive; the order itself still opens (it is read afresh)."""
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput
    from propdesk.services.lists import workorder_search
    from propdesk.ui.dispatch_board import DispatchBoard

    wo = workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                        unit="3栋2单元1201", description="水龙头漏水"))
    release, entered = threading.Event(), threading.Event()
    real = workorder_search.page

    def page(f, *args, **kwargs):
        if f.urgency == "urgent":
            entered.set()
            release.wait(10)
        return real(f, *args, **kwargs)

    monkeypatch.setattr(workorder_search, "page", page)
    board = DispatchBoard(office["clerk"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    assert board.selected_id() == wo.id and board.buttons["assign"].isEnabled()
    try:
        board.urgency.setCurrentIndex(board.urgency.findData("urgent"))
        qtbot.waitUntil(entered.is_set)
        assert board.model.loading and board.selected_id() == wo.id  # still shown, selected
        assert not any(b.isEnabled() for b in board.buttons.values())
        with qtbot.waitSignal(board.table.open_requested) as opened:
            qtbot.keyClick(board.table, Qt.Key_Return)
        assert opened.args == [wo.id]
    finally:
        release.set()
    wait_rows(qtbot, board)
    assert board.model.rowCount() == 0  # an ordinary repair is not urgent
    assert not board.buttons["assign"].isEnabled()


def test_a_page_scrolled_to_is_read_off_the_gui_thread_too(qtbot, office, cases, reads, monkeypatch):
    """The page below the window (a keyset seek, but a rare filter's walk may go on long past
    its end) comes from the worker and is added when it arrives."""
    from propdesk.ui.complaint_model import ComplaintTableModel

    monkeypatch.setattr(ComplaintTableModel, "page_size", 2)
    panel = _panel(qtbot, office)  # (its view asks for the page below the first at once)
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    wait_rows(qtbot, panel)
    assert shown(panel) == [cases[k].number for k in ("important", "minor", "major")]
    assert len(reads.threads) >= 2 and not reads.on_gui_thread()  # the first page and the next
