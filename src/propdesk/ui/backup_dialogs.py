"""Backups in the window: "Back up now", "Restore…" (supervisors and administrators), and at
start-up the offer to restore the latest good backup when the database cannot be used. Another
PropDesk already open on this computer is found here too (a lock file in the data folder).

The work is done by ``services.backup``; these functions only ask and tell.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from propdesk import config
from propdesk.errors import RuleError
from propdesk.i18n import translate
from propdesk.services.core import accounts
from propdesk.services.core import backup
from propdesk.ui.errors import show_rule_error
from propdesk.ui.login import LoginDialog

log = logging.getLogger(__name__)
LOCK_NAME = "propdesk.lock"


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


# --- menu entries -------------------------------------------------------------------------------

def add_backup_actions(window, menu, staff) -> list[QAction]:
    """File → Back up now (everyone: a copy harms nobody) and File → Restore… (supervisors and
    administrators only)."""
    actions = []
    now = QAction(QCoreApplication.translate("BackupDialogs", "&Back up now"), window)
    now.setObjectName("backup_now_action")
    now.triggered.connect(lambda: back_up_now(window, staff))
    actions.append(now)
    if accounts.can(staff, "backup.restore"):
        restore = QAction(QCoreApplication.translate("BackupDialogs", "&Restore a backup…"), window)
        restore.setObjectName("restore_action")
        restore.triggered.connect(lambda: restore_backup(window, staff))
        actions.append(restore)
    for action in actions:
        menu.addAction(action)
    return actions


def _off_the_gui_thread(parent, label: str, fn, step: str):
    """On a server pg_dump / pg_restore may take minutes: they run on a worker behind a
    progress window with Cancel, ``fn(progress, should_cancel)``; ``step`` is the window's
    text while they report how far they are (the SQLite copy stays as it was: seconds).
    Returns None when Cancel was pressed (nothing was kept or changed: services.pg_backup)."""
    if backup.file_suffix() == ".db":
        return fn(None, None)
    from propdesk.services.core.pg_backup import BackupCancelled
    from propdesk.ui.worker import Cancelled, run_task

    try:
        return run_task(parent, label, fn,
                        describe=lambda done, total: step.format(done=done, total=total))
    except (Cancelled, BackupCancelled):
        return None


def _cancelled(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def back_up_now(parent: QWidget | None, staff=None) -> Path | None:
    from propdesk.services.core import audit_log  # (not before the window shows: start-up)

    title = QCoreApplication.translate("BackupDialogs", "Back up now")
    try:
        path = _off_the_gui_thread(
            parent, QCoreApplication.translate("BackupDialogs", "Backing up the database…"),
            lambda progress, cancelled: backup.backup_now(progress=progress, should_cancel=cancelled,
                                                          actor=staff),
            QCoreApplication.translate("BackupDialogs", "Backing up the database: {done} of {total} tables done…"))
        if path is None:
            _cancelled(parent, title, QCoreApplication.translate(
                "BackupDialogs", "Cancelled: no backup was written."))
            return None
        audit_log.record_output(staff, "backup", "database", "database", path)
    except RuleError as err:
        show_rule_error(parent, err)
        return None
    QMessageBox.information(parent, title, QCoreApplication.translate(
        "BackupDialogs", "A copy of the database was written to\n{path}").format(path=path))
    return path


def restore_backup(window, staff, path: str | None = None) -> bool:
    """Ask for a backup file, confirm, restore. The window closes afterwards: everything it
    shows (and the person signed in) may differ in the restored data."""
    if path is None:
        from propdesk.ui import file_dialogs  # (not at start: issue 21)

        path, _ = file_dialogs.get_open_file_name(window, QCoreApplication.translate("BackupDialogs", "Restore a backup"), str(config.backup_dir()),
                                                  QCoreApplication.translate("BackupDialogs", "PropDesk backups (*{suffix})").format(
                                                      suffix=backup.file_suffix()))
    if not path:
        return False
    chosen = Path(path)
    answer = QMessageBox.question(window, QCoreApplication.translate("BackupDialogs", "Restore a backup"), QCoreApplication.translate(
        "BackupDialogs", "Replace the whole database with the backup\n{file}\nmade {when}?\n\nEverything entered "
        "after that backup will no longer be in PropDesk. The database as it is now is kept in "
        "the backup folder first. Ask the other desks to stop working until it is done.").format(
            file=chosen.name, when=_when(chosen) if chosen.exists() else "?"),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer != QMessageBox.Yes:
        return False
    try:
        aside = _off_the_gui_thread(
            window, QCoreApplication.translate("BackupDialogs", "Restoring the backup…"),
            lambda progress, cancelled: backup.restore(staff, chosen, progress=progress,
                                                       should_cancel=cancelled),
            QCoreApplication.translate("BackupDialogs", "Restoring the backup: {done} of {total} steps done…"))
    except RuleError as err:
        show_rule_error(window, err)
        return False
    if aside is None:
        _cancelled(window, QCoreApplication.translate("BackupDialogs", "Restore a backup"),
                   QCoreApplication.translate("BackupDialogs", "Cancelled: the database was not changed."))
        return False
    QMessageBox.information(window, QCoreApplication.translate("BackupDialogs", "Restore a backup"), QCoreApplication.translate(
        "BackupDialogs", "The backup was restored. The database as it was before is kept in\n{aside}\n\n"
        "PropDesk closes now; start it again and sign in.").format(aside=aside))
    window.close()
    return True


# --- start-up -----------------------------------------------------------------------------------

class BackupSignIn(LoginDialog):
    """Nobody can sign in to a damaged database: a supervisor or administrator of the backup
    about to be restored signs in with their password as it was in that backup."""

    def __init__(self, file: Path, parent=None):
        super().__init__(parent, lambda user, password: backup.sign_in_with_backup(file, user, password),
                         QCoreApplication.translate(
                             "BackupDialogs", "Restoring needs a supervisor or administrator: sign in "
                             "with your account as it was in the backup\n{file}").format(file=file.name))
        self.setWindowTitle(QCoreApplication.translate("BackupDialogs", "Sign in to restore"))


def _status_text(status: str, path: str) -> str:
    if status == backup.MISSING:
        return QCoreApplication.translate("BackupDialogs", "The database file is missing (deleted or moved):\n{path}").format(path=path)
    if status == backup.DAMAGED:
        return QCoreApplication.translate("BackupDialogs", "The database file is damaged and cannot be opened:\n{path}").format(path=path)
    return QCoreApplication.translate("BackupDialogs", "This file is not a PropDesk database:\n{path}").format(path=path)


def tell_not_usable_now(location: str, status: str, reason: str) -> None:
    """The database is busy or cannot be read or written here: it may be perfectly good, so
    nothing is offered, only what is wrong."""
    QMessageBox.critical(None, "PropDesk", translate("rules", backup.MSG_NOT_NOW).format(
        path=location, status=backup.status_label(status), reason=reason))


def offer_restore_at_start(location: str, status: str) -> bool:
    """The database cannot be used: offer the newest good backup. True when it was restored
    and start-up may go on; False to quit (nothing was changed)."""
    problem = _status_text(status, location)
    latest = backup.latest_good_backup()
    if latest is None:
        QMessageBox.critical(None, "PropDesk", problem + "\n\n" + QCoreApplication.translate(
            "BackupDialogs", "No usable backup was found in\n{folder}\n\nThe file has not been changed. Ask for "
            "help: details are in the log file.").format(folder=config.backup_dir()))
        return False
    answer = QMessageBox.question(None, "PropDesk", problem + "\n\n" + QCoreApplication.translate(
        "BackupDialogs", "Restore the latest good backup?\n{file}  (made {when})\n\nThe damaged file is kept in "
        "the backup folder. Whatever was entered after that backup is not in it.").format(
            file=latest.name, when=_when(latest)),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)  # replacing a file is never the default
    if answer != QMessageBox.Yes:
        return False
    sign_in = BackupSignIn(latest)
    if not sign_in.exec() or sign_in.staff is None:
        return False
    try:
        backup.restore_unusable(latest, location, sign_in.staff)
    except RuleError as err:
        show_rule_error(None, err)
        return False
    QMessageBox.information(None, "PropDesk", QCoreApplication.translate(
        "BackupDialogs", "The backup {file} was restored. PropDesk starts now.").format(file=latest.name))
    return True


def automatic_backup(when: str, policy: backup.Policy | None = None) -> None:
    """One automatic copy here and now; a failure is logged and told, never fatal. With a
    ``policy`` read beforehand it needs no database connection (on exit, after closing)."""
    try:
        backup.automatic_backup(when, policy=policy)
    except Exception as err:  # noqa: BLE001 - a backup must never stop the program
        _backup_failed(when, err)


def _backup_failed(when: str, err: BaseException) -> None:
    if isinstance(err, RuleError):
        log.error("automatic backup (%s) failed: %s", when, err.text())
        QMessageBox.warning(None, "PropDesk", QCoreApplication.translate(
            "BackupDialogs", "The automatic backup could not be made:\n{reason}").format(reason=err.text()))
    else:
        log.error("automatic backup (%s) failed", when, exc_info=err)


def start_automatic_backup(parent=None):
    """The day's first copy on a worker thread, started once the window shows: sign-in and the
    first screen never wait for it (3-4 s at 1.6 GB). Returns the thread; wait for it before
    the program ends."""
    from propdesk.ui.worker import Worker

    policy = backup.automatic_policy()  # settings read here, on the GUI thread's connection
    worker = Worker(lambda _progress, _cancelled: backup.automatic_backup("start", policy=policy),
                    parent)
    worker.failed.connect(lambda err: _backup_failed("start", err))
    worker.start(Worker.LowPriority)
    return worker


def instance_lock() -> QLockFile | None:
    """Take the lock file in the data folder. None means another PropDesk is open here (the
    person was told) and this one should quit. A lock left by a PropDesk that did not close
    properly is cleared by Qt itself; one that Qt cannot judge (written by another computer
    sharing the folder, or unreadable) is offered to be opened anyway."""
    lock = QLockFile(str(config.data_dir() / LOCK_NAME))
    lock.setStaleLockTime(0)  # held as long as PropDesk runs, however long that is
    if lock.tryLock(100):
        return lock
    if lock.error() != QLockFile.LockFailedError:  # cannot even write the lock: go on without
        log.warning("cannot create the lock file in %s (error %s)", config.data_dir(), lock.error())
        return lock
    pid, host = _lock_info(lock)
    import socket  # only when the lock is held (not at every start: issue 21)

    if pid and host == socket.gethostname() and _alive(pid):
        QMessageBox.information(None, "PropDesk", QCoreApplication.translate(
            "BackupDialogs", "PropDesk is already open on this computer. Use the window that is open (look in "
            "the taskbar)."))
        return None
    answer = QMessageBox.question(None, "PropDesk", QCoreApplication.translate(
        "BackupDialogs", "PropDesk may already be open (on {host}), or it did not close properly last time.\n\n"
        "Open it anyway? Only do so if you are sure no other PropDesk is using this data "
        "folder.").format(host=host or "?"), QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer != QMessageBox.Yes:
        return None
    lock.removeStaleLockFile()
    if not lock.tryLock(100):
        try:
            os.remove(config.data_dir() / LOCK_NAME)
        except OSError:
            pass
        lock.tryLock(100)
    return lock


def _lock_info(lock: QLockFile) -> tuple[int, str]:
    """(pid, host name) of the lock's holder, (0, "") if unreadable. PySide6 returns
    (pid, host, app) where C++ returns a bool and fills the three."""
    try:
        info = lock.getLockInfo()
    except Exception:  # noqa: BLE001 - an unreadable lock file is just "unknown"
        return 0, ""
    if isinstance(info, tuple) and len(info) == 4:
        ok, pid, host, _app = info
        return (int(pid), str(host)) if ok else (0, "")
    if isinstance(info, tuple) and len(info) == 3:
        return int(info[0] or 0), str(info[1] or "")
    return 0, ""


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
