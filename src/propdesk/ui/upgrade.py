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

Step = Callable[[int, str, int, int], None]  # (version, part, done, total)


def upgrade_with_progress(run: Callable[[Step], None], describe: Callable[[int, str, int, int], str],
                          first_text: str, on_server: bool = False) -> bool:
    """``run(step)`` upgrades the database on a worker thread, calling ``step(version, part,
    done, total)`` as it goes (on a server also from a second thread, which watches how far an
    index build is and stops it on Cancel); ``describe`` words such a call for the window. True
    when done; False when the clerk cancelled (told here). Other errors are raised."""
    from PySide6.QtWidgets import QMessageBox

    from propdesk.ui.worker import Cancelled, run_task

    shown = {"text": first_text}

    def work(progress, should_cancel):
        def step(version: int, part: str, done: int, total: int) -> None:
            if should_cancel():
                raise Cancelled()
            shown["text"] = describe(version, part, done, total)
            progress(done, total)

        run(step)

    try:
        run_task(None, first_text, work, describe=lambda done, total: shown["text"])
    except Cancelled:
        QMessageBox.information(None, "PropDesk", QCoreApplication.translate(
            "app", MSG_CANCELLED_SERVER if on_server else MSG_CANCELLED))
        return False
    return True
