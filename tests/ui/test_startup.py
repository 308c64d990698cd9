"""GUI start-up: a damaged database is met with the offer to restore the latest good backup
(never a traceback), a second PropDesk on the same computer is told the first is open, and the
automatic backups run after sign-in and on exit. Message boxes are recorded, not shown."""
from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from propdesk import app as app_module
from propdesk import config
from propdesk.models import database
from propdesk.services.core import backup
from propdesk.ui.login import LoginDialog

# Start-up checks of the SQLite file (damaged, missing, backups, the file's lock); on a server
# a desk that cannot connect is told so (tests/test_postgres_setup.py).
pytestmark = pytest.mark.sqlite_only(reason="start-up checks of the SQLite file")


@pytest.fixture
def start(monkeypatch, office, qapp):
    """run_gui(location) with sign-in cancelled (or given), no event loop and nothing left
    behind (excepthook, log handlers)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = list(logging.getLogger().handlers)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: 0)
    yield lambda location: app_module.run_gui(argparse.Namespace(db=str(location), lang="zh_CN",
                                                                 demo=False))
    for handler in logging.getLogger().handlers[:]:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM staff").fetchone()[0]
    finally:
        con.close()


def _damage(location: Path) -> bytes:
    database.close()
    data = location.read_bytes()
    location.write_bytes(data[: len(data) // 3])
    for suffix in ("-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    return location.read_bytes()


def _sign_in_to_the_backup(monkeypatch, username, password, seen=None):
    """The restore's sign-in dialog, filled in and confirmed as the supervisor would."""
    from propdesk.ui.backup_dialogs import BackupSignIn

    def fill(dialog):
        if seen is not None:
            seen.append(dialog)
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.sign_in()
        return int(dialog.result() == dialog.DialogCode.Accepted) if dialog.staff else 0

    monkeypatch.setattr(BackupSignIn, "exec", fill)


def test_damaged_database_offers_the_latest_good_backup(start, dialogs, monkeypatch):
    location = Path(database.obj.database)
    good = backup.backup_now()
    _damage(location)
    seen = []
    _sign_in_to_the_backup(monkeypatch, "supervisor", "secret123", seen)
    assert start(location) == 0  # went on to the sign-in (cancelled here)
    assert seen and good.name in seen[0].findChildren(QLabel)[0].text()
    kinds = [d[0] for d in dialogs]
    assert kinds == ["question", "information"]
    assert "数据库文件已损坏" in dialogs[0][2] and good.name in dialogs[0][2]
    assert "已恢复" in dialogs[1][2]
    assert backup.check_database(location) == backup.OK
    assert _count(location) == 4
    assert backup.backups(backup.DAMAGED_KIND)  # the damaged file was kept


def test_restore_at_start_defaults_to_no_and_needs_the_backups_supervisor(start, dialogs, monkeypatch):
    location = Path(database.obj.database)
    backup.backup_now()
    damaged = _damage(location)
    defaults = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, buttons, default: defaults.append(default) or QMessageBox.Yes))
    _sign_in_to_the_backup(monkeypatch, "clerk", "secret123")  # a clerk may not restore
    assert start(location) == 1
    assert defaults == [QMessageBox.No]  # Enter keeps the file as it is
    assert location.read_bytes() == damaged
    _sign_in_to_the_backup(monkeypatch, "supervisor", "wrong")
    assert start(location) == 1 and location.read_bytes() == damaged


def test_a_busy_database_is_told_not_offered_for_replacement(start, dialogs, monkeypatch):
    monkeypatch.setattr(backup, "CHECK_TIMEOUT", 0.2)
    location = Path(database.obj.database)
    backup.backup_now()
    database.close()
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = location.read_bytes()
        assert start(location) == 1
        assert [d[0] for d in dialogs] == ["critical"]
        assert "被其他程序锁定" in dialogs[0][2] and "未作任何改动" in dialogs[0][2]
        assert location.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_random_bytes_with_no_backup_is_told_and_left_alone(start, dialogs):
    location = Path(database.obj.database)
    database.close()
    location.write_bytes(b"\x89PNG not a database" * 100)
    assert start(location) == 1
    assert [d[0] for d in dialogs] == ["critical"]
    assert "不是 PropDesk 数据库" in dialogs[0][2] and "没有找到可用的备份" in dialogs[0][2]
    assert location.read_bytes() == b"\x89PNG not a database" * 100


def test_declining_the_restore_changes_nothing(start, monkeypatch):
    location = Path(database.obj.database)
    backup.backup_now()
    damaged = _damage(location)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    assert start(location) == 1
    assert len(asked) == 1
    assert location.read_bytes() == damaged


def test_second_start_is_told_propdesk_is_already_open(start, dialogs, monkeypatch):
    opened = []
    monkeypatch.setattr("propdesk.models.init_db", lambda *a, **k: opened.append(a))
    first = QLockFile(str(config.data_dir() / "propdesk.lock"))
    assert first.tryLock(0)  # the PropDesk already running (this process is alive)
    try:
        assert start(database.obj.database) == 0
    finally:
        first.unlock()
    assert [d[0] for d in dialogs] == ["information"]
    assert "已在这台电脑上打开" in dialogs[0][2]
    assert opened == []  # the database was not even opened


@pytest.mark.parametrize("answer, opens", [(QMessageBox.Yes, True), (QMessageBox.No, False)])
def test_a_lock_nobody_here_holds_may_be_opened_anyway(start, monkeypatch, answer, opens):
    lock = config.data_dir() / "propdesk.lock"
    lock.write_text("4242\npropdesk\nfront-desk-2\n", encoding="utf-8")  # another computer
    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or answer))
    from propdesk import models

    real = models.init_db
    monkeypatch.setattr(models, "init_db", lambda *a, **k: (opened.append(a), real(*a, **k))[1])
    assert start(database.obj.database) == 0
    assert len(asked) == 1 and "front-desk-2" in asked[0]
    assert bool(opened) == opens


def test_a_lock_left_by_a_crash_here_is_cleared_without_asking(start, dialogs):
    import socket

    lock = config.data_dir() / "propdesk.lock"
    lock.write_text(f"999999\npython3\n{socket.gethostname()}\n", encoding="utf-8")  # no such process
    assert start(database.obj.database) == 0
    assert dialogs == []


def test_automatic_backups_after_sign_in_and_on_exit(start, monkeypatch, office, dialogs):
    def signed_in(self):
        self.staff = office["clerk"]
        return 1

    monkeypatch.setattr(LoginDialog, "exec", signed_in)
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)  # the day's work, in no time
    location = database.obj.database
    assert start(location) == 0
    [first] = backup.backups(backup.AUTO)  # the day's first start; none on exit by default
    from propdesk.models.db import init_db
    from propdesk.services.core import settings

    init_db(location)
    settings.put("backup_on_exit", "1")  # the office's choice: a copy on every exit too
    assert start(location) == 0
    autos = backup.backups(backup.AUTO)
    assert len(autos) == 2 and autos[1] == first  # the second start of the day made none
    assert all(backup.check_database(p) == backup.OK for p in autos)
    assert dialogs == []
    for widget in QApplication.topLevelWidgets():
        widget.close()


# --- the File menu's backup entries --------------------------------------------------------------

def _action(window, name):
    from PySide6.QtGui import QAction

    return next(a for a in window.findChildren(QAction) if a.objectName() == name)


def _new_complaint(office):
    import datetime as dt

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput

    at = dt.datetime.now().replace(microsecond=0)
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description="恢复测试",
        category_id=Category.select().first().id, severity="minor"), at=at)


def test_back_up_now_from_the_menu(qtbot, office, dialogs):
    from propdesk.ui.main_window import MainWindow

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    _action(window, "backup_now_action").trigger()
    [copy] = backup.backups("")
    assert dialogs[-1][0] == "information" and str(copy) in dialogs[-1][2]


def test_restore_from_the_menu_confirms_restores_and_closes(qtbot, office, dialogs, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from propdesk.models.tables import Complaint
    from propdesk.ui.main_window import MainWindow

    copy = backup.backup_now()
    _new_complaint(office)
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    _action(window, "restore_action").trigger()
    assert [d[0] for d in dialogs] == ["question", "information"]
    assert copy.name in dialogs[0][1] + dialogs[0][2] and "替换整个数据库" in dialogs[0][2]
    assert "备份已恢复" in dialogs[1][2]
    assert Complaint.select().count() == 0
    assert not window.isVisible()


def test_restore_declined_or_refused_changes_nothing(qtbot, office, dialogs, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from propdesk.models.tables import Complaint
    from propdesk.ui import backup_dialogs
    from propdesk.ui.main_window import MainWindow

    copy = backup.backup_now()
    _new_complaint(office)
    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.No))
    assert backup_dialogs.restore_backup(window, office["supervisor"], str(copy)) is False
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    half = tmp_path / "half.db"
    half.write_bytes(copy.read_bytes()[:5000])
    assert backup_dialogs.restore_backup(window, office["supervisor"], str(half)) is False
    assert dialogs[-1][0] == "warning" and "已损坏" in dialogs[-1][2]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert backup_dialogs.restore_backup(window, office["supervisor"]) is False  # cancelled
    assert Complaint.select().count() == 1


def test_a_missing_database_with_backups_offers_the_latest_instead_of_a_first_start(start, dialogs, monkeypatch):
    location = Path(database.obj.database)
    good = backup.backup_now()
    database.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.No))
    assert start(location) == 1  # declined: nothing made, no first-run office over the lost one
    assert not location.exists()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    _sign_in_to_the_backup(monkeypatch, "admin", "secret123")
    assert start(location) == 0  # restored, then on to the sign-in (cancelled here)
    assert _count(location) == 4
    assert any(good.name in d[2] for d in dialogs)


# --- the database file's full check after a clean close (services.core.file_check) ---------------

def _hold_full_check(monkeypatch):
    """backup.diagnose as it is, but the full check (every page) holds until released."""
    import threading

    release, started, calls = threading.Event(), threading.Event(), []
    real = backup.diagnose

    def diagnose(path, full=None):
        calls.append(full)
        if full is not False:
            started.set()
            assert release.wait(60)
        return real(path, full)

    monkeypatch.setattr(backup, "diagnose", diagnose)
    return release, started, calls


def test_after_a_clean_close_the_start_does_not_wait_for_the_full_check(start, monkeypatch):
    from propdesk.services.core import file_check

    location = Path(database.obj.database)
    database.close()
    file_check.note_clean_close(str(location))  # as the last session left the file
    release, started, calls = _hold_full_check(monkeypatch)
    at_sign_in = []

    def sign_in_shown(dialog):
        at_sign_in.append(list(calls))
        dialog.show()  # on screen: the full check starts on its thread while the person types
        dialog.hide()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", sign_in_shown)
    try:
        assert start(location) == 0  # the sign-in came and went while the check was held
        assert at_sign_in == [[False]]  # before sign-in: the header and the schema only
        assert started.wait(60) and calls == [False, None]
        assert not file_check.finish(0)  # still held: nothing waited for it
    finally:
        release.set()
    assert file_check.finish(60) and not file_check.damaged()


def test_without_a_clean_close_every_page_is_checked_before_sign_in(start, monkeypatch):
    """A crash, a power cut or PropDesk killed leaves no record: the full check comes first,
    as before, so that damage is met with the offer of the latest good backup."""
    release, _started, calls = _hold_full_check(monkeypatch)
    release.set()
    at_sign_in = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: at_sign_in.append(list(calls)) or 0)
    assert start(Path(database.obj.database)) == 0
    assert at_sign_in == [[None]]


def test_damage_found_after_the_start_is_told_refuses_saves_and_the_next_start_offers_the_backup(
        start, monkeypatch, office, dialogs, tmp_path):
    import os

    from propdesk.services.core import audit, file_check
    from propdesk.services.core.db_retry import transaction
    from propdesk.ui import backup_dialogs

    # a disk fault between two clean sessions: pages nothing reads at start are scratched, the
    # file keeps its size and modification time
    location = tmp_path / "office.db"
    database.close()
    src, dst = sqlite3.connect(database.obj.database), sqlite3.connect(location)
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode=DELETE")
    dst.execute("CREATE TABLE ballast (x BLOB)")
    dst.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(4000),) for _ in range(60)])
    dst.commit()
    dst.close()
    file_check.note_clean_close(str(location))
    stat = location.stat()
    data = bytearray(location.read_bytes())
    data[len(data) - 4096 * 7:len(data) - 4096 * 5] = b"\xff" * 8192
    location.write_bytes(bytes(data))
    os.utime(location, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    def signed_in(dialog):
        dialog.show()  # the check starts
        dialog.staff = office["clerk"]
        return 1

    refused = []

    def the_days_work(*_args):
        assert file_check.finish(60) and file_check.damaged()
        QApplication.processEvents()  # the check's finding reaches the window
        try:
            with transaction():
                audit.record(office["clerk"], "staff", office["clerk"].id, "login")
        except file_check.FileDamaged as err:
            refused.append(err.text())
        return 0

    monkeypatch.setattr(LoginDialog, "exec", signed_in)
    monkeypatch.setattr(QApplication, "exec", the_days_work)
    assert start(location) == 0
    told = [text for kind, _title, text in dialogs if kind == "critical"]
    assert len(told) == 1 and "已损坏" in told[0] and "恢复" in told[0] and str(location) in told[0]
    assert len(refused) == 1 and "未保存" in refused[0]
    assert not (config.data_dir() / file_check.RECORD).exists()  # no clean close after damage
    for widget in QApplication.topLevelWidgets():
        widget.close()

    offered = []
    monkeypatch.setattr(backup_dialogs, "offer_restore_at_start",
                        lambda path, status: offered.append(status) or False)
    assert start(location) == 1
    assert offered == [backup.DAMAGED]
