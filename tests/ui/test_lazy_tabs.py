"""The main window builds only the signed-in person's start tab; the others are built when first
shown, whichever way they are reached (Alt+number, a dashboard number, the status bar), and then
work as if they had been there from the start."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.ui.form_area import FormArea
from propdesk.ui.main_window import TABS, MainWindow
from propdesk.ui.workorder_tab import WorkOrderTab
from tests.ui.lists import wait_rows


def _late_complaint(office):
    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=3)
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=at, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
        description="电梯异响", severity="minor",
        category_id=Category.get(Category.name == "工程维修/设施设备").id))


def _shown(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _alt(qtbot, window, digit: int) -> None:
    """Alt+digit where the cursor is, as a clerk presses it."""
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_0 + digit, Qt.AltModifier)


def test_only_the_start_tab_is_built(qtbot, office):
    clerk = MainWindow(office["clerk"])
    qtbot.addWidget(clerk)
    assert [k for k in TABS if clerk.built(k) is not None] == ["intake"]
    assert clerk.tabs.currentWidget().property("intake")
    supervisor = MainWindow(office["supervisor"])
    qtbot.addWidget(supervisor)
    assert [k for k in TABS if supervisor.built(k) is not None] == ["dashboard"]
    # every tab is there to be seen and chosen, with its title
    assert [supervisor.tabs.tabText(i) for i in range(supervisor.tabs.count())] == [
        clerk.tabs.tabText(i) for i in range(clerk.tabs.count())]
    assert supervisor.tabs.count() == len(TABS)


def test_alt_and_a_number_builds_the_tab_and_puts_the_cursor_in_it(qtbot, office):
    late = _late_complaint(office)
    window = _shown(qtbot, MainWindow(office["clerk"]))
    _alt(qtbot, window, 2)
    assert window.tabs.currentIndex() == 2
    panel = window.built("complaints")
    assert panel is not None and window.tabs.currentWidget() is panel
    # the tab shows at once; its first page is read by a worker and shown when it arrives
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, 0).data() == late.number
    assert panel.count.text() == panel.tr("{n} complaints").format(n=1)  # then its count
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.search)
    _alt(qtbot, window, 3)
    orders = window.built("work_orders")
    assert window.tabs.currentWidget() is orders
    qtbot.waitUntil(lambda: QApplication.focusWidget() is orders.form.phone)
    _alt(qtbot, window, 1)  # back to the start tab: the same form
    assert window.tabs.currentIndex() == 1 and window.tabs.currentWidget().widget() is window.intake
    # every tab once: each builds, and each is built once
    for key in TABS:
        _alt(qtbot, window, TABS.index(key))
        page = window.tabs.currentWidget()
        assert (page.widget() if isinstance(page, FormArea) else page) is window.built(key)  # the intake scrolls
    made = [window.built(k) for k in TABS]
    for key in TABS:
        _alt(qtbot, window, TABS.index(key))
    assert [window.built(k) for k in TABS] == made


def test_a_dashboard_number_opens_a_list_not_built_yet(qtbot, office):
    late = _late_complaint(office)
    window = _shown(qtbot, MainWindow(office["supervisor"]))
    tile = window.dashboard.tiles["reply_overdue"]
    qtbot.waitUntil(lambda: tile.text().startswith("1\n"))
    assert window.built("complaints") is None
    tile.click()
    panel = window.built("complaints")
    assert window.tabs.currentWidget() is panel
    model = panel.model
    wait_rows(qtbot, model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [late.number]
    assert not panel.due_chip.isHidden()


def test_the_status_bar_counts_and_the_file_check_wait_for_the_first_paint(qtbot, office, monkeypatch):
    """Their worker's imports and queries took turns with the first paint for the interpreter
    (a timer posted while the window was built fired before it was drawn)."""
    from propdesk.services.core import file_check

    started = []
    monkeypatch.setattr(MainWindow, "update_overdue", lambda self: started.append("counts"))
    monkeypatch.setattr(file_check, "start", lambda: started.append("file check"))
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    for _ in range(3):
        QApplication.processEvents()
    assert started == []  # built, not drawn: nothing started yet
    window.show()
    qtbot.waitUntil(lambda: len(started) == 2)
    assert sorted(started) == ["counts", "file check"]


def test_the_status_bar_counts_arrive_and_open_their_list(qtbot, office):
    late = _late_complaint(office)
    window = _shown(qtbot, MainWindow(office["clerk"]))
    # counted off the GUI thread, shown when they arrive
    qtbot.waitUntil(lambda: window.overdue.text().endswith("1"))
    assert "超时" in window.overdue.text()
    window.overdue.click()
    panel = window.built("complaints")
    assert window.tabs.currentWidget() is panel and panel.overdue.isChecked()
    wait_rows(qtbot, panel)
    assert panel.model.index(0, 0).data() == late.number


def test_saving_at_intake_shows_in_the_list_built_before_or_after(qtbot, office):
    window = _shown(qtbot, MainWindow(office["clerk"]))
    assert window.unsaved_forms() == []  # the repair form is not built: nothing typed in it
    first = _late_complaint(office)
    window.intake.saved.emit(first.id)  # a list not built yet is not refreshed (it reads fresh rows)
    assert window.built("complaints") is None
    window.tabs.setCurrentIndex(2)
    panel = window.built("complaints")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)  # its first page, from a worker
    second = _late_complaint(office)
    window.intake.saved.emit(second.id)  # as the form does after saving
    wait_rows(qtbot, panel)
    assert {panel.model.index(r, 0).data() for r in range(panel.model.rowCount())} == {
        first.number, second.number}


def _first_page(qtbot, window, key: str):
    """Show the tab as Alt+number does; it is there at once with its widgets, its list still
    empty while a worker reads the first page, which then appears."""
    window.tabs.setCurrentIndex(TABS.index(key))  # no event is handled in between
    tab = window.built(key)
    model = tab.board.model if key == "work_orders" else tab.model
    assert window.tabs.currentWidget() is tab and tab.isVisible()
    assert model.loading and model.rowCount() == 0 and not model.canFetchMore()
    qtbot.waitUntil(lambda: not model.loading)
    return tab, model


def test_each_list_shows_first_then_its_first_page_arrives_from_a_worker(qtbot, office):
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput

    late = _late_complaint(office)
    order = workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime.now().replace(microsecond=0), unit="3栋2单元1201",
        phone="13800138000", contact_name="张伟", description="水龙头漏水"))
    window = _shown(qtbot, MainWindow(office["supervisor"]))
    panel, model = _first_page(qtbot, window, "complaints")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [late.number]
    assert panel.count.text() == panel.tr("{n} complaints").format(n=1)
    tab, model = _first_page(qtbot, window, "work_orders")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [order.number]
    assert tab.board.table.isVisible() and tab.form.phone.isVisible()
    tab, model = _first_page(qtbot, window, "callbacks")
    assert model.rowCount() == 0 and tab.table.isVisible()  # nothing due: an empty list, shown


def test_a_filter_chosen_before_the_first_page_arrives_wins(qtbot, office):
    from propdesk.ui.worker import all_pools

    late = _late_complaint(office)
    fresh = complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime.now().replace(microsecond=0), unit="3栋2单元1201",
        phone="13800138001", complainant="李娜", description="路灯不亮", severity="minor",
        category_id=Category.get(Category.name == "工程维修/设施设备").id))
    window = _shown(qtbot, MainWindow(office["clerk"]))
    window.tabs.setCurrentIndex(2)
    panel = window.built("complaints")
    assert panel.model.loading
    panel.show_overdue()  # at once, before the worker's page is shown: read on a worker too
    for pool in all_pools():
        pool.waitForDone()
    QApplication.processEvents()  # the first page (every complaint) arrives: too late, ignored
    rows = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert rows == [late.number] and fresh.number not in rows


def test_a_first_page_does_not_wait_behind_a_long_count(qtbot, office):
    """The lists' first pages run on threads of their own: with every thread of the counts'
    pool busy (a count at a million complaints can take seconds), the rows still come."""
    import threading

    from PySide6.QtCore import QThreadPool

    from propdesk.ui.worker import Background

    late = _late_complaint(office)
    release = threading.Event()
    busy = [Background(lambda _v: None) for _ in range(QThreadPool.globalInstance().maxThreadCount() + 1)]
    for b in busy:
        b.call(lambda: release.wait(30))
    try:
        window = _shown(qtbot, MainWindow(office["clerk"]))
        window.tabs.setCurrentIndex(2)
        panel = window.built("complaints")
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
        assert panel.model.index(0, 0).data() == late.number
    finally:
        release.set()
        QThreadPool.globalInstance().waitForDone()


def test_the_work_order_tab_shows_its_form_first_and_its_board_a_turn_later(qtbot, office):
    """Form and board together kept the GUI thread busy 40-55 ms at a million complaints: the
    repair form is built, laid out and drawn first, the board in a later turn of the event
    loop, in the place kept for it."""
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput

    order = workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime.now().replace(microsecond=0), unit="3栋2单元1201",
        phone="13800138000", contact_name="张伟", description="水龙头漏水"))
    window = MainWindow(office["clerk"])
    window.resize(1366, 740)
    _shown(qtbot, window)
    _alt(qtbot, window, 3)
    tab = window.built("work_orders")
    assert window.tabs.currentWidget() is tab and tab.form.phone.isVisible()
    assert QApplication.focusWidget() is tab.form.phone  # the clerk can type the caller's phone
    assert not tab.board_built()
    assert tab.findChild(QWidget, "board_place").isVisible()
    qtbot.waitUntil(tab.board_built)
    board = tab.board
    assert board.isVisible() and board.day_box.isVisible()
    assert QApplication.focusWidget() is tab.form.phone  # the board took nothing from the form
    qtbot.waitUntil(lambda: not board.model.loading)
    assert [board.model.index(r, 0).data() for r in range(board.model.rowCount())] == [order.number]
    qtbot.waitUntil(lambda: tab.findChild(QWidget, "board_place") is None)  # the place is gone
    # the form as wide as it is given (the board takes the rest), as when built in one go
    form_width, _rest = tab._sizes
    qtbot.waitUntil(lambda: tab._split.sizes()[0] == form_width)
    assert tab._split.sizes()[1] > form_width


def test_the_work_order_tab_built_in_two_turns_is_laid_out_as_one_built_at_once(qtbot, office):
    """The board takes the place kept for it and the splitters share the room as they did
    when the tab was built in one go (the board's least width counts, its place had none)."""
    for width in (1340, 1000, 780):
        tabs = [WorkOrderTab(office["clerk"], background=later) for later in (True, False)]
        for tab in tabs:
            qtbot.addWidget(tab)
            tab.resize(width, 700)
            tab.show()
            qtbot.waitExposed(tab)
        qtbot.waitUntil(tabs[0].board_built)
        qtbot.waitUntil(lambda: tabs[0].findChild(QWidget, "board_place") is None)
        later, at_once = tabs
        assert later._split.sizes() == at_once._split.sizes(), width
        assert later._left.sizes() == at_once._left.sizes(), width
        assert later.board.table.width() == at_once.board.table.width()


def test_the_work_order_board_is_there_when_asked_for_before_its_turn(qtbot, office):
    """A dashboard tile opening the board (or anything reaching for it) builds it at once."""
    window = _shown(qtbot, MainWindow(office["supervisor"]))
    window.tabs.setCurrentIndex(TABS.index("work_orders"))  # no event handled in between
    tab = window.built("work_orders")
    assert not tab.board_built()
    board = tab.board
    assert tab.board_built() and board.isVisible() and tab.board is board
    qtbot.wait(0)  # the turn it had been given: nothing is built twice
    assert tab.board is board and len(tab.findChildren(type(board))) == 1


def test_the_cursor_is_in_the_start_tab_once_the_window_shows(qtbot, office):
    """A clerk who signs in and types the caller's details types into the form (the cursor was on
    the tab bar: the first keys went nowhere, Ctrl+S did nothing)."""
    window = MainWindow(office["clerk"])
    _shown(qtbot, window)
    # in the caller's phone: the channel is 电话 already, and the number is typed at once (on
    # the channel's box the digits went nowhere and the space of "155 6526" opened its list)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.phone)
    qtbot.keyClicks(QApplication.focusWidget(), "155 6526 1425")
    assert window.intake.phone.text() == "155 6526 1425"
    assert window.intake.channel.currentData() == "phone" and not window.intake.channel.view().isVisible()
    window = MainWindow(office["supervisor"])
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and window.dashboard.isAncestorOf(QApplication.focusWidget())
                    or QApplication.focusWidget() is window.dashboard)
