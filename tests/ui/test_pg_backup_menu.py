"""The window's backup menu on a PostgreSQL server (issue 20): File → Back up now writes a
checked dump on a worker thread, File → Restore a backup brings it back (supervisor), both
audited, as on the SQLite file."""
from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from PySide6.QtGui import QAction

from propdesk.models.tables import AuditEntry, Category, Complaint
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import pg_backup
from propdesk.ui import backup_dialogs
from propdesk.ui.main_window import MainWindow

pytestmark = [pytest.mark.postgres_only, pytest.mark.skipif(
    shutil.which("pg_dump") is None and not any(os.path.exists(p) for p in pg_backup._candidates("pg_dump")),
    reason="pg_dump (PostgreSQL's client programs) is not installed here; CI has it")]


def test_back_up_and_restore_from_the_menu(qtbot, office, dialogs, monkeypatch):
    at = dt.datetime.now().replace(microsecond=0)
    complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description="备份之前",
        category_id=Category.select().first().id, severity="minor"), at=at)
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    window.findChild(QAction, "backup_now_action").trigger()
    [(kind, _title, text)] = dialogs
    assert kind == "information" and ".dump" in text
    [dump] = pg_backup.backups("")
    entry = AuditEntry.get(AuditEntry.action == "backup")
    assert entry.staff_id == office["supervisor"].id and dump.name in entry.note

    complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description="备份之后",
        category_id=Category.select().first().id, severity="minor"), at=at)
    assert backup_dialogs.restore_backup(window, office["supervisor"], str(dump))
    assert [c.description for c in Complaint.select()] == ["备份之前"]
    assert any("恢复" in text for _k, _t, text in dialogs[1:])
    assert AuditEntry.select().where(AuditEntry.action == "restore").count() == 1


def test_cancel_in_the_progress_window_stops_the_backup(qtbot, office, db_location, dialogs):
    """Another desk holds the complaints, so pg_dump waits; the clerk presses Cancel in the
    progress window: pg_dump is stopped, no file is left, the cancel is audited."""
    import psycopg2
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    other = psycopg2.connect(db_location)
    other.cursor().execute("BEGIN; LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE")
    seen = {}

    def press_cancel_when_waiting():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not shown or not _pg_dump_waiting(other):
            QTimer.singleShot(50, press_cancel_when_waiting)
            return
        seen["label"] = shown[0].labelText()
        seen["files"] = sorted(p.name for p in pg_backup.config.backup_dir().iterdir())
        button = shown[0].findChild(QPushButton)
        seen["button"] = button.text()
        qtbot.mouseClick(button, Qt.LeftButton)

    QTimer.singleShot(50, press_cancel_when_waiting)
    try:
        window.findChild(QAction, "backup_now_action").trigger()
    finally:
        other.rollback()
        other.close()
    assert any(name.startswith(".propdesk-") and name.endswith(".dump") for name in seen["files"]), seen
    assert seen["button"] == "取消" and "备份" in seen["label"]
    assert list(pg_backup.config.backup_dir().iterdir()) == []  # the partial dump is gone
    [(kind, _title, text)] = dialogs
    assert kind == "information" and "已取消" in text and "没有写入备份" in text
    entry = AuditEntry.get(AuditEntry.action == "backup_cancelled")
    assert entry.staff_id == office["clerk"].id
    assert not AuditEntry.select().where(AuditEntry.action == "backup").exists()


def _pg_dump_waiting(conn) -> bool:
    with conn.cursor() as cur:  # (the locking desk's own connection: it may ask while it waits)
        cur.execute("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name LIKE 'propdesk-pg_dump-%' AND wait_event_type = 'Lock'")
        return cur.fetchone() is not None
