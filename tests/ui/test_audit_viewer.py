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
