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
