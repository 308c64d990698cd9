"""A schema upgrade at start-up, behind a progress window (a million complaints: minutes).

The upgrade runs on a worker thread (``ui.worker.run_task``) with its own connection; the
window says which part it is at and how far, and Cancel stops it at the next report of
progress: the step's transaction is rolled back, so the file stays at the version it had
(models.db.upgrade). app.py hands in the upgrade and the wording (the UI imports no models).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication

from propdesk.i18n import QT_TRANSLATE_NOOP

MSG_CANCELLED = QT_TRANSLATE_NOOP(
    "app", "The upgrade of the database was cancelled. The file is as it was before (a copy "
           "is kept beside it as well). PropDesk needs the upgrade to work with it: start "
           "PropDesk again when there is time to wait.")

MSG_CANCELLED_SERVER = QT_TRANSLATE_NOOP(
    "app", "The upgrade of the database was cancelled. The database on the server is as it was "
           "before. PropDesk needs the upgrade to work with it: start PropDesk again when there "
           "is time to wait.")

MSG_CANCELLED_WAITING = QT_TRANSLATE_NOOP(
    "app", "You stopped waiting for the other desk's upgrade of the database. Nothing was changed "
           "by this desk. Start PropDesk again when the other desk has finished the upgrade.")

Step = Callable[[int, str, int, int], None]  # (version, part, done, total)


def upgrade_with_progress(run: Callable[[Step], None], describe: Callable[[int, str, int, int], str],
                          first_text: str, on_server: bool = False, waiting_part: str = "") -> bool:
    """``run(step)`` upgrades the database on a worker thread, calling ``step(version, part,
    done, total)`` as it goes (on a server also from a second thread, which watches how far an
    index build is and stops it on Cancel); ``describe`` words such a call for the window. True
    when done; False when the clerk cancelled (told here). Other errors are raised.
    ``waiting_part``: the part that means "another desk is upgrading, this one waits for it"
    (models.db.WAITING): a Cancel then is told that this desk changed nothing."""
    from PySide6.QtWidgets import QMessageBox

    from propdesk.ui.worker import Cancelled, run_task

    shown = {"text": first_text, "part": ""}

    def work(progress, should_cancel):
        def step(version: int, part: str, done: int, total: int) -> None:
            shown["part"] = part  # (before Cancel: what the desk was doing when it was pressed)
            if should_cancel():
                raise Cancelled()
            shown["text"] = describe(version, part, done, total)
            progress(done, total)

        run(step)

    try:
        run_task(None, first_text, work, describe=lambda done, total: shown["text"])
    except Cancelled:
        waited = bool(waiting_part) and shown["part"] == waiting_part
        QMessageBox.information(None, "PropDesk", QCoreApplication.translate(
            "app", MSG_CANCELLED_WAITING if waited else MSG_CANCELLED_SERVER if on_server else MSG_CANCELLED))
        return False
    return True
