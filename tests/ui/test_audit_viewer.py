"""The audit log viewer: supervisors and administrators only, filters as typed, pages of rows as
the view scrolls, and an Excel export of what is shown."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QPushButton

from tests.ui.lists import wait_rows

from propdesk.errors import PermissionDenied
from propdesk.models.tables import AuditEntry, Category
from propdesk.services.cases import complaints, incidents
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import audit_log
from propdesk.ui.audit_viewer import AuditViewer
from propdesk.ui.main_window import MainWindow


def _complaints(office, n: int) -> list:
    at = dt.datetime.now().replace(microsecond=0)
    cat = Category.select().first().id
    return [complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description=f"投诉 {i}",
        category_id=cat, severity="minor"), at=at) for i in range(n)]


def _cells(viewer, row: int) -> list[str]:
    model = viewer.model
    return [model.data(model.index(row, col)) for col in range(model.columnCount())]


def _show(qtbot, viewer):
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)


def test_supervisor_reads_filters_and_pages(qtbot, office):
    cases = _complaints(office, 230)
    complaints.void(office["supervisor"], cases[5].id, "重复录入")
    viewer = AuditViewer(office["supervisor"])
    _show(qtbot, viewer)
    total = AuditEntry.select().count()
    wait_rows(qtbot, viewer)
    assert viewer.model.rowCount() == 200  # one page; the rest as the view scrolls
    qtbot.waitUntil(lambda: viewer.total.text() == f"共 {total} 条")  # counted on a worker
    assert viewer.model.canFetchMore()
    viewer.table.scrollToBottom()
    qtbot.waitUntil(lambda: viewer.model.rowCount() == total)
    newest = _cells(viewer, 0)
    assert newest[1:5] == ["李强", "投诉", cases[5].number, "作废"]
    assert "重复录入" in newest[5] and "→" in newest[6]

    # a record number typed as a clerk would (lower case, no dashes), then Enter
    qtbot.keyClicks(viewer.record, cases[5].number.lower().replace("-", ""))
    qtbot.keyClick(viewer.record, Qt.Key_Return)
    wait_rows(qtbot, viewer)
    assert viewer.model.rowCount() == 2
    assert [_cells(viewer, r)[4] for r in range(2)] == ["作废", "创建"]
    assert viewer.total.text() == "共 2 条"  # all the rows: no count needed

    viewer.record.clear()
    viewer.person.setCurrentIndex(viewer.person.findData(office["supervisor"].id))
    wait_rows(qtbot, viewer)
    assert viewer.model.rowCount() == 1
    viewer.person.setCurrentIndex(0)
    viewer.kind.setCurrentIndex(viewer.kind.findData("staff"))
    wait_rows(qtbot, viewer)
    assert {_cells(viewer, r)[2] for r in range(viewer.model.rowCount())} == {"员工账号"}

    viewer.kind.setCurrentIndex(0)
    viewer.dated.setChecked(True)
    viewer.date_from.setDate(viewer.date_from.date().addDays(-400))
    viewer.date_to.setDate(viewer.date_from.date().addDays(1))
    qtbot.mouseClick(viewer.findChild(QPushButton, "search"), Qt.LeftButton)
    wait_rows(qtbot, viewer)
    assert viewer.total.text() == "共 0 条" and viewer.model.rowCount() == 0


def test_export_to_excel(qtbot, office, tmp_path, monkeypatch, dialogs):
    cases = _complaints(office, 3)
    viewer = AuditViewer(office["admin"])
    _show(qtbot, viewer)
    qtbot.keyClicks(viewer.record, cases[1].number)
    qtbot.keyClick(viewer.record, Qt.Key_Return)
    target = tmp_path / "日志"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(viewer.findChild(QPushButton, "export"), Qt.LeftButton)
    path = tmp_path / "日志.xlsx"  # the extension is added
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[3][4] == cases[1].number and rows[3][5] == "创建"
    assert len(rows) == 4
    assert dialogs[-1][0] == "information" and "已写入 1 条" in dialogs[-1][2]
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1


def test_clerk_cannot_open_it_and_does_not_see_the_menu(qtbot, office):
    with pytest.raises(PermissionDenied):
        AuditViewer(office["clerk"])
    clerk = MainWindow(office["clerk"])
    qtbot.addWidget(clerk)
    names = {a.objectName() for a in clerk.findChildren(QAction)}
    assert "audit_log_action" not in names and "restore_action" not in names
    assert "backup_now_action" in names
    boss = MainWindow(office["supervisor"])
    qtbot.addWidget(boss)
    names = {a.objectName() for a in boss.findChildren(QAction)}
    assert {"audit_log_action", "restore_action", "backup_now_action"} <= names
    file_menu = boss.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    assert "操作日志(&A)…" in texts and "恢复备份(&R)…" in texts and "立即备份(&B)" in texts


def test_menu_opens_the_viewer(qtbot, office, monkeypatch):
    opened = []
    monkeypatch.setattr(AuditViewer, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(office["admin"])
    qtbot.addWidget(window)
    action = next(a for a in window.findChildren(QAction)
                  if a.objectName() == "audit_log_action")
    action.trigger()
    assert opened
    qtbot.waitUntil(lambda: opened[0].total.text().startswith("共 "))


def test_the_total_is_counted_off_the_gui_thread(qtbot, office, monkeypatch):
    """More entries than a page: "N+" at once, the exact total from a worker (a log of ten years
    holds millions of entries: the count took over a second on the GUI thread)."""
    _complaints(office, 230)
    threads, count = [], audit_log.count
    monkeypatch.setattr(audit_log, "count", lambda *a: (threads.append(threading.current_thread()),
                                                        count(*a))[1])
    shown = []
    viewer = AuditViewer(office["supervisor"])
    viewer.model.rows_arrived.connect(lambda: shown.append(viewer.total.text()))
    _show(qtbot, viewer)
    wait_rows(qtbot, viewer)
    total = AuditEntry.select().count()
    qtbot.waitUntil(lambda: viewer.total.text() == f"共 {total} 条")
    assert shown == ["共 200+ 条"]  # the first page's lower bound, as the rows came
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_it_fits_the_screen(qtbot, office):
    """Opened on a small screen (the offscreen one is 800x600; an office PC may be 1024x768), the
    whole dialog is on it: its Export and Close buttons were off the right edge at 1024x768."""
    viewer = AuditViewer(office["supervisor"])
    _show(qtbot, viewer)
    free = viewer.screen().availableGeometry()
    assert free.width() < 1180  # (the test means something only on a smaller screen)
    assert viewer.frameGeometry().width() <= free.width()
    assert viewer.frameGeometry().height() <= free.height()
    close = next(b for b in viewer.findChildren(QPushButton) if b.text() == "关闭")
    assert viewer.rect().contains(QRect(close.mapTo(viewer, QPoint(0, 0)), close.size()))


def test_incidents_read_by_their_number_and_statuses_by_their_labels(qtbot, office, tmp_path,
                                                                       monkeypatch, dialogs):
    """An incident's entries name its SJ- number (the viewer showed '#1': the numbered kinds were
    complaints, work orders and callbacks only), and its status change reads with the labels the
    incident tab shows ('进行中 → 已结束', not 'open → closed'), on screen and in the export."""
    incident = incidents.declare(office["clerk"], "water", "3栋停水", building_ids=[
        office["units"]["3栋2单元1201"].building_id])
    incidents.close(office["supervisor"], incident.id, "已恢复供水", schedule_callbacks=False)
    viewer = AuditViewer(office["supervisor"])
    _show(qtbot, viewer)
    wait_rows(qtbot, viewer)
    qtbot.keyClicks(viewer.record, incident.number.lower())  # found by its number, as typed
    qtbot.keyClick(viewer.record, Qt.Key_Return)
    wait_rows(qtbot, viewer)
    shown = [_cells(viewer, r) for r in range(viewer.model.rowCount())]
    assert [row[2:5] for row in shown] == [["突发事件", incident.number, "办结"],
                                           ["突发事件", incident.number, "创建"]]
    assert "状态: 进行中 → 已结束" in shown[0][6] and "结束说明:  → 已恢复供水" in shown[0][6]
    assert "open" not in shown[0][6] and "close_note" not in shown[0][6]

    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(viewer.findChild(QPushButton, "export"), Qt.LeftButton)
    written = list(load_workbook(target).active.iter_rows(values_only=True))[3:]
    assert [(row[4], row[5]) for row in written] == [(incident.number, "办结"), (incident.number, "创建")]
    assert written[0][7] == shown[0][6]


def test_register_records_and_languages_read_by_their_names(qtbot, office, tmp_path, monkeypatch, dialogs):
    """Estates, buildings, units and owners read by name (the unit by its label) and a language
    change as 简体中文 / English, in the viewer's cells and in the workbook (they were '#3' and
    'zh_CN → en')."""
    from tests.test_audit_records import _register_and_language_entries

    _register_and_language_entries(office, tmp_path)
    viewer = AuditViewer(office["supervisor"])
    _show(qtbot, viewer)
    wait_rows(qtbot, viewer)
    shown = [_cells(viewer, r) for r in range(viewer.model.rowCount())]
    records = {(row[2], row[3]) for row in shown}
    assert {("小区", "翠湖苑"), ("楼栋", "8栋"), ("房屋", "3栋2单元1201"), ("业主/住户", "李娜"),
            ("业主/住户", "王强")} <= records
    assert not any(row[3].startswith("#") for row in shown)
    assert shown[0][6] == "本单位语言: English → 简体中文"

    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(viewer.findChild(QPushButton, "export"), Qt.LeftButton)
    written = list(load_workbook(target).active.iter_rows(values_only=True))[3:]
    assert [(row[3], row[4] or "") for row in written] == [(row[2], row[3]) for row in shown]
    assert written[0][7] == "本单位语言: English → 简体中文"
    assert "zh_CN" not in written[1][7] and written[1][7].endswith("→ English")


# --- a long log: the lists' window, keyset pages, Ctrl+End / Ctrl+Home ---------------------------

PAGE, PAGES = 8, 3  # small pages and window: a hundred entries are several windows long


@pytest.fixture
def long_log(office, monkeypatch):
    """120 entries written out of time order (as a callback result typed a day later is), some
    sharing a second, by two people; the viewer's pages and window made small."""
    from propdesk.services.core import audit
    from propdesk.services.core.db_retry import transaction
    from propdesk.ui.audit_viewer import AuditTableModel

    monkeypatch.setattr(AuditTableModel, "page_size", PAGE)
    monkeypatch.setattr(AuditTableModel, "window_pages", PAGES)
    base = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=30)
    with transaction():
        for i in range(120):
            who = office["clerk"] if i % 3 else office["admin"]
            audit.record(who, "setting", i, "change", note=f"设置{i}",
                         at=base + dt.timedelta(hours=(i * 29) % 31 * 7))
    return office


def _log_ids(keep=lambda e: True) -> list[int]:
    """The log's entries as a plain query orders them (newest first), those ``keep`` keeps."""
    return [e.id for e in AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            if keep(e)]


def _shown_ids(table) -> list[int]:
    model, first = table.model(), max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return [model.row_id(r) for r in range(first, last + 1)]


def _long_viewer(qtbot, office):
    viewer = AuditViewer(office["supervisor"])
    qtbot.addWidget(viewer)
    viewer.resize(1000, 420)  # a screen of 12 rows: half the window of PAGE x PAGES
    viewer.show()
    qtbot.waitExposed(viewer)
    wait_rows(qtbot, viewer)
    table = viewer.table
    assert table.viewport().height() // table.rowHeight(0) <= PAGE * PAGES // 2
    return viewer


def _scroll_down_reading(qtbot, viewer) -> tuple[list[int], int]:
    """Scroll down a screen at a time to the end: the ids seen in order, and the most rows the
    model held at once."""
    table, model = viewer.table, viewer.model
    bar = table.verticalScrollBar()
    seen, most = [], 0
    for _ in range(500):
        seen += [i for i in _shown_ids(table) if i not in seen]
        most = max(most, model.rowCount())
        if not model.canFetchMore() and bar.value() == bar.maximum():
            return seen, most
        step = 1 if table.verticalScrollMode() == table.ScrollMode.ScrollPerItem else table.rowHeight(0)
        bar.setValue(bar.value() + max(len(_shown_ids(table)) - 1, 1) * step)
        qtbot.wait(1)
        wait_rows(qtbot, model)
    raise AssertionError("the log never ended")


def test_scrolling_the_whole_log_shows_every_entry_once_in_order(qtbot, long_log):
    """More entries than the window holds: every one seen once, newest first by time (not by
    id: the entries were written out of time order), the model never holding more than its
    window; scrolling back up reads the entries above again, to the newest."""
    viewer = _long_viewer(qtbot, long_log)
    expected = _log_ids()
    assert len(expected) > 3 * PAGE * PAGES
    seen, most = _scroll_down_reading(qtbot, viewer)
    assert seen == expected
    assert most <= PAGE * PAGES
    table, model = viewer.table, viewer.model
    for _ in range(500):
        table.scrollToTop()
        qtbot.wait(1)
        wait_rows(qtbot, model)
        if not model.can_fetch_above():
            break
    table.scrollToTop()  # (the last page above moved the view down by its rows)
    assert _shown_ids(table)[0] == expected[0] and model.rowCount() <= PAGE * PAGES


def test_ctrl_end_shows_the_oldest_entry_of_the_filtered_log_and_ctrl_home_the_newest(qtbot, long_log):
    viewer = _long_viewer(qtbot, long_log)
    table, model = viewer.table, viewer.model
    clerk = long_log["clerk"].id
    viewer.person.setCurrentIndex(viewer.person.findData(clerk))
    wait_rows(qtbot, viewer)
    expected = _log_ids(lambda e: e.staff_id == clerk)
    assert len(expected) > 2 * PAGE * PAGES and model.canFetchMore()
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key_End, Qt.ControlModifier)
    wait_rows(qtbot, viewer)
    qtbot.waitUntil(lambda: table.currentIndex().row() == model.rowCount() - 1)
    assert model.row_id(table.currentIndex().row()) == expected[-1]  # the clerk's oldest entry
    assert _shown_ids(table)[-1] == expected[-1] and not model.canFetchMore()
    held = [model.row_id(r) for r in range(model.rowCount())]
    assert held == expected[-len(held):]
    qtbot.keyClick(table, Qt.Key_Home, Qt.ControlModifier)
    wait_rows(qtbot, viewer)
    qtbot.waitUntil(lambda: table.currentIndex().row() == 0)
    assert model.row_id(0) == expected[0] and not model.can_fetch_above()
    assert _shown_ids(table)[0] == expected[0]


def test_a_filter_chosen_down_the_log_starts_from_its_newest_entry(qtbot, long_log):
    viewer = _long_viewer(qtbot, long_log)
    table, model = viewer.table, viewer.model
    for _ in range(6):  # several pages down: the window has moved
        table.scrollToBottom()
        qtbot.wait(1)
        wait_rows(qtbot, viewer)
    assert model.can_fetch_above()
    admin = long_log["admin"].id
    viewer.person.setCurrentIndex(viewer.person.findData(admin))
    wait_rows(qtbot, viewer)
    expected = _log_ids(lambda e: e.staff_id == admin)
    assert [model.row_id(r) for r in range(model.rowCount())] == expected[:model.rowCount()]
    assert not model.can_fetch_above() and table.rowAt(0) == 0
    seen, _most = _scroll_down_reading(qtbot, viewer)
    assert seen == expected


def test_the_export_is_written_on_a_worker_and_cancel_leaves_no_file(qtbot, long_log, tmp_path,
                                                                     monkeypatch, dialogs):
    """The export ran on the GUI thread (the window froze while a year of the log, ~500,000
    lines at ten years' size, was written): now on a worker behind a progress dialog, whose
    Cancel stops it with no file left and no export entry. The work waits at a line until Cancel
    has been pressed (an Event, not a sleep)."""
    from PySide6.QtWidgets import QProgressDialog

    from propdesk.reports import audit_export
    from propdesk.ui import worker

    pressed, threads = threading.Event(), []
    rows = audit_log.all_rows

    def held(*args, **kwargs):
        for i, row in enumerate(rows(*args, **kwargs)):
            threads.append(threading.current_thread())
            if i == 5:
                assert pressed.wait(30), "Cancel was never pressed"
            yield row

    class Spy(QProgressDialog):
        def setValue(self, value):  # noqa: N802 - Qt's name
            super().setValue(value)
            if not pressed.is_set():
                self.findChild(QPushButton).click()
                pressed.set()

    monkeypatch.setattr(audit_log, "all_rows", held)
    monkeypatch.setattr(worker, "QProgressDialog", Spy)
    monkeypatch.setattr(audit_export, "PROGRESS_EVERY", 2)
    viewer = _long_viewer(qtbot, long_log)
    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(viewer.findChild(QPushButton, "export"), Qt.LeftButton)
    assert pressed.is_set() and threads and all(t is not threading.main_thread() for t in threads)
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".propdesk-")]
    assert dialogs[-1][0] == "information" and "已取消" in dialogs[-1][2]
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 0


def test_a_log_longer_than_an_excel_sheet_goes_on_over_more_sheets(qtbot, long_log, tmp_path,
                                                                    monkeypatch, dialogs):
    """An Excel sheet ends at row 1,048,576 and the whole log of ten years holds 5.29 M entries.
    The export was refused, while the registers go on over more sheets: the log now does the
    same, each sheet with its heading, every entry once and in order (the sheet made small)."""
    from propdesk.reports import audit_export

    monkeypatch.setattr(audit_export, "MOST_LINES", 50)
    viewer = _long_viewer(qtbot, long_log)
    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(viewer.findChild(QPushButton, "export"), Qt.LeftButton)
    total = AuditEntry.select().where(AuditEntry.action != "export").count()
    book = load_workbook(target)
    assert book.sheetnames[:2] == ["操作日志", "操作日志 (2)"]
    assert len(book.sheetnames) == -(-total // 50)
    lines = []
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert "操作日志" in rows[0][0] and rows[2][0] == "时间"  # each sheet has its heading
        assert len(rows) - 3 <= 50 and ws.freeze_panes == "A4"
        lines += rows[3:]
    assert len(lines) == total
    times = [line[0] for line in lines]
    assert times == sorted(times, reverse=True)  # newest first, across the sheets
    export = AuditEntry.get(AuditEntry.action == "export")
    assert str(total) in export.note
