"""GUI start-up: logging, language, database, first run, sign-in, main window."""
from __future__ import annotations

import logging
import os
import sys

# propdesk.ui raises the collector's threshold until the main window's first paint (start_gc):
# imported first, before PySide6, the models and the rest of start-up (issue 21)
from propdesk import ui as _ui  # noqa: F401 - first
from propdesk import config, i18n, logfile


BACKUP_DELAY_MS = 1500  # the start-of-day copy begins this long after the window shows
UNREAD = object()  # (upgrade_at_start: the upgrade due not read yet)


def setup_logging(rotate: bool = True) -> None:
    logfile.setup(console=False, rotate=rotate)


def run_gui(args) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from propdesk.models import init_db
    from propdesk.models.db import DatabaseUnavailable, SchemaTooNew, pending_upgrade
    from propdesk.services.core import backup, file_check
    from propdesk.services.setup import reference
    from propdesk.services.core import settings
    from propdesk.ui import backup_dialogs, errors, translation
    from propdesk.ui.login import FirstRunDialog

    setup_logging(rotate=False)  # the rotating file handler once the window shows (logfile)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PropDesk")
    app.setWindowIcon(_icon())
    from propdesk.ui.fonts import ensure_chinese_font

    ensure_chinese_font(app)  # boxes instead of Chinese on a system without a Chinese font
    errors.install_excepthook()
    location = config.database_location(args.db)
    # start-up questions, before the database is open: the office's language as stored in the file
    translation.install(app, args.lang or settings.peek_language(location) or i18n.system_language())
    lock = backup_dialogs.instance_lock()  # a second PropDesk on this computer is told and quits
    if lock is None:
        return 0
    checked_later = False
    pending: object = UNREAD  # the upgrade due, once read (each read opens the file: ~4 ms)
    file_check.reset()  # a new session: nothing due, nothing found yet
    if "://" not in location:
        # Every page is read (quick_check) before sign-in only when the last session did not
        # close this file cleanly, or it changed since, or an upgrade is due: where damage comes
        # from, and where the restore is offered at once. Otherwise the header and schema are
        # read now and the full check runs on a thread while the sign-in dialog is up; nothing
        # is written before it passed (services.core.file_check says why).
        if file_check.take_clean_close(location):
            pending = pending_upgrade(location)
            checked_later = not pending
        status, reason = backup.diagnose(location, full=False if checked_later else None)
        if status in backup.IN_USE_OR_UNREADABLE:  # may be perfectly good: told, never replaced
            logging.error("database %s is %s: %s", location, status, reason)
            backup_dialogs.tell_not_usable_now(location, status, reason)
            return 1
        if status == backup.MISSING and backup.latest_good_backup() is not None:
            # the file is gone, but this computer has backups: offered, never a silent first run
            logging.error("database %s is missing (%s); backups exist", location, reason)
            if not backup_dialogs.offer_restore_at_start(location, status):
                return 1
            pending = UNREAD  # another file now
        if status in (backup.DAMAGED, backup.NOT_A_DATABASE):
            logging.error("database %s is %s", location, status)
            if not backup_dialogs.offer_restore_at_start(location, status):
                return 1
            pending = UNREAD
    if checked_later and status == backup.OK:
        file_check.due(location)
    try:
        if not upgrade_at_start(location, pending):
            return 1
        init_db(location)
    except SchemaTooNew:
        QMessageBox.critical(None, "PropDesk", app.translate(
            "app", "This database was made by a newer PropDesk. Install the newer version to open it."))
        return 1
    except DatabaseUnavailable as err:  # no PostgreSQL driver, server not reachable
        translation.install(app, args.lang or "zh_CN")
        QMessageBox.critical(None, "PropDesk", err.text())
        return 1
    except Exception:  # damaged file, unreadable folder
        logging.exception("cannot open database %s", location)
        QMessageBox.critical(None, "PropDesk", app.translate(
            "app", "The database could not be opened:\n{path}\n\nDetails are in the log file.")
            .format(path=location))
        return 1
    translation.install(app, args.lang or settings.office_language())
    reference.seed_reference()
    if args.demo and reference.needs_first_admin():
        from propdesk.demo import office as demo
        from propdesk.errors import RuleError

        try:
            demo.create_demo_office()
        except RuleError:  # another desk filled the new database a moment ago: use that office
            logging.info("the demo office was made by another desk meanwhile")
    if os.environ.get("PROPDESK_SMOKE") == "1":
        return _smoke(app)
    if reference.needs_first_admin():
        first = FirstRunDialog()
        if not first.exec():
            return 0
        if first.server_url:  # this desk now works on the office's server (and remembers it)
            translation.install(app, args.lang or settings.office_language())
            reference.seed_reference()
            if reference.needs_first_admin():  # the office's first desk: its office is made here
                first = FirstRunDialog(show_server=False)
                if not first.exec():
                    return 0
    from propdesk.ui.session import Session

    app.setQuitOnLastWindowClosed(False)  # signing out closes the window, PropDesk goes on
    damage_told = _tell_damage_found(location)
    session = Session(app)
    if not session.sign_in():
        return 0
    # the window is up: the first start of the day makes its copy on another thread, a moment
    # after the window is drawn (on two cores the copy would otherwise slow the first paint)
    from PySide6.QtCore import QTimer

    first_backup = []
    later = QTimer(singleShot=True, interval=BACKUP_DELAY_MS)
    later.timeout.connect(lambda: first_backup.append(backup_dialogs.start_automatic_backup()))
    later.timeout.connect(_tidy_export_folders)
    later.timeout.connect(setup_logging)  # the log file kept to its size from now on
    later.start()
    code = app.exec()
    later.stop()
    finish_background_work()
    if not first_backup:  # closed before the copy began: it is made now, as the program ends
        first_backup.append(backup_dialogs.start_automatic_backup())
    policy = backup.automatic_policy()
    from propdesk.models.db import close_db

    close_db()  # PRAGMA optimize first, as SQLite advises
    if "://" not in location and file_check.finish(timeout=30):
        # the file as this session leaves it (the copies below only read it); not written
        # when damage was found: the next start checks before sign-in and offers the backup
        file_check.note_clean_close(location)
    lock.unlock()  # the window is closed: PropDesk may start again at once
    for thread in first_backup:
        thread.wait()
    backup_dialogs.automatic_backup("exit", policy)  # only if the office chose copies on exit
    del damage_told
    return code


def _tell_damage_found(location: str):
    """When the check running after start finds the file damaged, the person is told at once
    what it means and what to do (saves are refused from then on, each with the same advice)."""
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    from PySide6.QtWidgets import QMessageBox

    from propdesk.services.core import file_check

    class Teller(QObject):
        found = Signal(str, str)

    teller = Teller()

    def tell(status: str, reason: str) -> None:
        QMessageBox.critical(None, "PropDesk", QCoreApplication.translate("app",
            "The database file {path} is damaged ({reason}).\n\nTo keep the damage from "
            "spreading, PropDesk saves nothing more in it. Close PropDesk and start it again: it "
            "offers to restore the latest good backup. What was saved since that backup will "
            "have to be entered again.").format(path=location, reason=reason))

    teller.found.connect(tell)  # queued: the check runs on a thread of its own
    file_check.when_damaged(lambda status, reason: teller.found.emit(status, reason))
    return teller


def _tidy_export_folders() -> None:
    """The hidden files of exports killed in the folders this desk exported into (a power cut
    in the middle of a register), removed on a thread of their own after the window shows
    (services.core.leftovers.tidy_at_start; every command does the same as it starts)."""
    from propdesk.services.core import leftovers

    leftovers.tidy_at_start()


def finish_background_work(timeout_ms: int = 10_000) -> bool:
    """The window is closed: counts and pages not started yet are dropped, those running (one
    query each) are waited for, so that no worker is still in Python or in the database while
    the connection closes and the interpreter ends. False if one was still running after
    ``timeout_ms``."""
    from propdesk.ui.worker import all_pools, stop_running_reads

    pools = all_pools()
    for pool in pools:
        pool.clear()
    stop_running_reads()  # a million-row count nobody will see: stopped, not waited for
    return all([pool.waitForDone(timeout_ms) for pool in pools])


def upgrade_at_start(location: str, pending: object = UNREAD) -> bool:
    """An older file is upgraded behind a progress window, off the GUI thread (minutes at a
    million complaints); while another desk upgrades it the window says that this one waits
    (models.db.upgrade_lock). False when the clerk cancelled (the file is as it was).
    ``pending``: ``pending_upgrade(location)`` if the caller read it already."""
    from propdesk.models import init_db
    from propdesk.models.db import WAITING, pending_upgrade, upgrade_text

    version = pending_upgrade(location) if pending is UNREAD else pending
    if not version:
        return True
    from propdesk.ui.upgrade import upgrade_with_progress

    return upgrade_with_progress(lambda step: init_db(location, progress=step).close(), upgrade_text,
                                 upgrade_text(version + 1, "other", 0, 0), on_server="://" in location,
                                 waiting_part=WAITING)


def _icon():
    from PySide6.QtGui import QIcon

    from propdesk.resources import resource_path

    return QIcon(str(resource_path("icons", "propdesk.png")))


def _smoke(app) -> int:
    """PROPDESK_SMOKE=1 (installer/smoke_test.py): the main window for the demo office's
    administrator, one turn of the event loop, a line on stdout, and out."""
    from PySide6.QtCore import QTimer

    from propdesk.models.tables import Staff
    from propdesk.ui.main_window import MainWindow

    window = MainWindow(Staff.get(Staff.username == "admin"))
    window.show()
    QTimer.singleShot(0, app.quit)
    code = app.exec()
    print(f"ok platform={app.platformName()} icon={not app.windowIcon().isNull()} "
          f"tab={window.tabs.tabText(0)} title={window.windowTitle()}", flush=True)
    return code

