"""What the QA pass after issue 17's second session still found at the desk, each as met."""
import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QPushButton

from propdesk.ui.intake import IntakeForm
from tests.ui.lists import wait_rows


def make_form(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_one_down_press_in_the_class_box_does_not_make_a_case_major(qtbot, office):
    form = make_form(qtbot, office)
    form.severity.setFocus()
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "minor"  # the mildest, one step
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "important"
    qtbot.keyClick(form.severity, Qt.Key_Down)
    assert form.severity.currentData() == "major"  # only after three deliberate steps


def test_the_time_it_happened_is_now_on_a_new_form(qtbot, office):
    form = make_form(qtbot, office)
    form.occurred_at.setDateTime(QDateTime.fromString("2026-01-05 08:00", "yyyy-MM-dd HH:mm"))
    form.clear()  # the next caller: 发生时间 starts at now, not when the window was opened
    assert abs(form.occurred_at.value() - dt.datetime.now()) < dt.timedelta(minutes=2)
    assert form.occurred_at._clock.isActive()  # and follows the clock until the clerk edits it
    form.occurred_known.setChecked(True)
    qtbot.keyClick(form.occurred_at, Qt.Key_Up)
    assert not form.occurred_at._clock.isActive()


def test_the_technicians_refresh_button_says_its_key_once(qtbot, office):
    from propdesk.ui.my_jobs import MyJobsTab

    tab = MyJobsTab(office["technician"])
    qtbot.addWidget(tab)
    refresh = tab.findChild(QPushButton, "job_refresh")
    assert refresh.text() == "刷新 (F5)"


def test_the_redo_assigned_at_the_board_moves_the_owners_callback_after_it(qtbot, office, monkeypatch):
    """Issue 17: after a 不满意 callback the new callback fell due before the redo."""
    from PySide6.QtCore import QDateTime

    from propdesk.models.tables import Callback
    from propdesk.services.cases import callback_results, workorders
    from propdesk.services.cases.callback_results import CallbackInput
    from propdesk.services.core import calendar
    from propdesk.ui.action_dialog import ActionDialog
    from propdesk.ui.dispatch_board import DispatchBoard
    from tests.ui.test_stumbles import _done_order

    wo = _done_order(office)
    workorders.check(office["supervisor"], wo.id)
    first = Callback.get(Callback.work_order == wo.id)
    follow_up = callback_results.record(office["clerk"], first.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="还在滴水")).follow_up
    redo = calendar.add_working_days(dt.datetime.now().replace(hour=14, minute=0, second=0,
                                                               microsecond=0), 4)
    assert follow_up.due_date <= redo.date()  # as created: due before the redo is even done

    def agree_on_the_redo(dialog):
        dialog.widgets["when"].setDateTime(QDateTime(redo))
        dialog.submit()
        return True
    monkeypatch.setattr(ActionDialog, "exec", agree_on_the_redo)
    board = DispatchBoard(office["supervisor"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    board.do_assign()
    assert workorders.get(wo.id).scheduled_at == redo
    due = Callback.get_by_id(follow_up.id).due_date
    assert due > redo.date() and due == calendar.add_working_days(redo, 3).date()


def test_the_boards_short_columns_show_english_words_whole(qtbot, office, qapp):
    """1024x768 in English: urgency read "Ordin…" and the status "In progres…"."""
    from propdesk.enums import Urgency, WorkOrderStatus
    from propdesk.ui import translation
    from propdesk.ui.dispatch_board import DispatchBoard

    translation.install(qapp, "en")
    try:
        board = DispatchBoard(office["clerk"])
        qtbot.addWidget(board)
        keys = [key for key, _label in board.model.columns]
        header, metrics = board.table.horizontalHeader(), board.table.fontMetrics()
        for key, words in (("urgency", [u.label() for u in Urgency]),
                           ("status", [s.label() + " · paid" for s in WorkOrderStatus])):
            width = header.sectionSize(keys.index(key))
            assert all(metrics.horizontalAdvance(w) + 8 <= width for w in words), (key, width)
        assert "Ordinary" in [u.label() for u in Urgency]
    finally:
        translation.install(qapp, "zh_CN")


def test_the_callback_lists_due_date_and_attempts_read_whole_in_english(qtbot, office, qapp):
    """English at 1366: '2026-10-26 (overdue)' showed as '2026-10-26 …' and 'Attempts' was cut."""
    from propdesk.ui import translation
    from propdesk.ui.callback_tab import CallbackTab

    translation.install(qapp, "en")
    try:
        tab = CallbackTab(office["clerk"])
        qtbot.addWidget(tab)
        keys = [key for key, _label in tab.model.columns]
        header, metrics = tab.table.horizontalHeader(), tab.table.fontMetrics()
        assert header.sectionSize(keys.index("due_date")) >= metrics.horizontalAdvance("2026-10-26 (overdue)") + 8
        assert header.sectionSize(keys.index("attempts")) >= header.fontMetrics().horizontalAdvance("Attempts") + 8
        assert header.sectionSize(keys.index("unit")) >= metrics.horizontalAdvance("阳光花园 12栋2单元2402") + 8
    finally:
        translation.install(qapp, "zh_CN")


def test_a_long_english_tile_label_wraps_instead_of_being_cut(qtbot, office, qapp):
    """English at 1024: 'Repairs not handed over in time' was cut at both ends of its tile."""
    from PySide6.QtWidgets import QApplication

    from propdesk.ui import translation
    from propdesk.ui.dashboard import Dashboard

    translation.install(qapp, "en")
    try:
        dash = Dashboard(office["supervisor"])
        qtbot.addWidget(dash)
        dash.resize(990, 600)
        dash.show()
        tile = dash.tiles["wo_late"]
        qtbot.waitUntil(lambda: "\n" in tile.text())  # counted off the GUI thread
        QApplication.processEvents()
        lines = tile.text().split("\n")
        widest = max(tile.fontMetrics().horizontalAdvance(line) for line in lines)
        assert " ".join(lines[1:]) == "Repairs not handed over in time" and len(lines) == 3
        assert widest <= tile.width() - 8, (lines, tile.width())
        assert tile.caption() == "Repairs not handed over in time"
    finally:
        translation.install(qapp, "zh_CN")


def test_a_long_state_on_the_board_reads_whole_as_its_tooltip(qtbot, office):
    from PySide6.QtCore import Qt as _Qt

    from propdesk.ui.dispatch_board import DispatchBoard
    from tests.ui.test_stumbles import _done_order

    _done_order(office)
    board = DispatchBoard(office["clerk"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    keys = [key for key, _label in board.model.columns]
    for key in ("status", "unit"):
        index = board.model.index(0, keys.index(key))
        shown = board.model.data(index, _Qt.DisplayRole)
        assert shown and board.model.data(index, _Qt.ToolTipRole) == shown
