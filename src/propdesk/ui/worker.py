"""Long work off the GUI thread, with a progress bar and Cancel.

The work is a plain function ``fn(progress, should_cancel)`` from services or reports (no Qt
there); it runs in a QThread with its own database connection, reports through signals, and
never touches a widget. The window keeps repainting while it runs.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from propdesk.services.core import stoppable
from propdesk.services.core.db_retry import close_connection
from propdesk.ui.lazy_qt import set_properties

log = logging.getLogger(__name__)


class Worker(QThread):
    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn, parent=None):
        super().__init__(parent)
        self.fn = fn
        self.cancelled = False
        # kept here before the signals go out, so a caller waiting for the thread to finish
        # reads them however quick the work was (run_task)
        self.outcome: dict = {}

    def run(self) -> None:
        try:
            result = self.fn(self.progressed.emit, lambda: self.cancelled)
        except BaseException as err:  # noqa: BLE001 - handed to the GUI thread, which shows it calmly
            self.outcome["error"] = err
            self.failed.emit(err)
        else:
            self.outcome["result"] = result
            self.done.emit(result)
        finally:
            close_connection()  # this thread's own connection


class Cancelled(Exception):
    """The clerk pressed Cancel."""


def run_task(parent: QWidget | None, label: str, fn, cancel_text: str = "", describe=None):
    """Run ``fn(progress, should_cancel)`` on a worker thread behind a progress dialog and
    return its result; re-raises its exception (or Cancelled) in the caller. ``describe(done,
    total)``, if given, is the dialog's text while the work reports progress (e.g. lines
    written so far)."""
    dialog = QProgressDialog(label, cancel_text or QProgressDialog.tr("Cancel"), 0, 0, parent)
    set_properties(dialog, windowModality="WindowModal")  # not setWindowModality: see lazy_qt
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(fn)
    outcome = worker.outcome
    loop = QEventLoop()
    finished = []

    def progressed(done: int, total: int) -> None:
        # progress signals are queued: one arriving after the end would show the modal dialog
        # again (QProgressDialog.setValue shows it), over the next question, for good
        if finished:
            return
        dialog.setMaximum(max(total, 1))
        if describe is not None:
            dialog.setLabelText(describe(done, total))
        dialog.setValue(min(done, max(total, 1)))

    worker.progressed.connect(progressed)
    worker.finished.connect(loop.quit)
    dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    finished.append(True)
    cancelled = worker.cancelled and "result" not in outcome
    worker.progressed.disconnect()
    dialog.canceled.disconnect()  # closing the dialog emits canceled too
    # reset() stops the timer QProgressDialog starts when it is made, which would otherwise
    # show it (modal, over whatever comes next) once the minimum duration has passed
    dialog.reset()
    dialog.hide()
    dialog.deleteLater()
    # taken out of ``outcome`` and dropped once raised: an exception kept by this frame (its traceback holds
    # the frame: a cycle) would keep the callers' frames and what they hold alive until the
    # garbage collector runs (e.g. the start-up's instance lock)
    error, result = outcome.pop("error", None), outcome.pop("result", None)
    if error is not None:
        try:
            raise error
        finally:
            error = None
    if cancelled:
        raise Cancelled()
    return result


class _Result(QObject):
    ready = Signal(int, object)  # ticket, value


class _Call(QRunnable):
    def __init__(self, fn, ticket: int, result: _Result, stop: stoppable.Stop):
        super().__init__()
        self.fn, self.ticket, self.result, self.stop = fn, ticket, result, stop

    def run(self) -> None:
        _running.add(self.stop)
        try:
            value = stoppable.run(self.stop, self.fn)
        except stoppable.Stopped:  # superseded: nobody waits for it, nobody is told
            log.debug("superseded background query stopped")
            return
        except Exception:  # a count that fails shows no total; the list itself still works
            log.exception("background query failed")
            value = None
        finally:
            _running.discard(self.stop)
            close_connection()  # this thread's own connection
        try:
            self.result.ready.emit(self.ticket, value)
        except RuntimeError:  # the window that asked was closed meanwhile: nobody to tell
            pass


_pools: dict[str, QThreadPool] = {}
_running: set[stoppable.Stop] = set()  # the reads running on the pools now


def stop_running_reads() -> None:
    """Stop every background read still running (the window is closing: nobody waits for
    them); a write one of them began goes on to its end (services.core.stoppable)."""
    for stop in list(_running):
        stop.request()


def pool(name: str = "") -> QThreadPool:
    """The threads a Background runs on: Qt's global pool for counts and figures (at a million
    complaints some take seconds), or one of its own for the lists' first pages ("pages"), so
    that a tab's rows never wait in line behind those counts."""
    if not name:
        return QThreadPool.globalInstance()
    if name not in _pools:
        _pools[name] = QThreadPool(QCoreApplication.instance())
        _pools[name].setMaxThreadCount(2)
    return _pools[name]


def all_pools() -> list[QThreadPool]:
    return [QThreadPool.globalInstance(), *_pools.values()]


class Background(QObject):
    """Runs a read off the GUI thread and hands only the latest answer to ``slot``: an
    earlier call still running (or waiting for a thread) when a newer one starts, or when
    :meth:`supersede` is called, is stopped (its statement cancelled, never a write:
    services.core.stoppable) and nobody is told. ``fn`` only reads.
    ``threads``: the name of the :func:`pool` it runs on (default: Qt's global one)."""

    def __init__(self, slot, parent=None, threads: str = ""):
        super().__init__(parent)
        self.ticket = 0
        self.result = _Result(self)
        self.result.ready.connect(self._ready)
        self.slot = slot
        self.threads = threads
        self._stop: stoppable.Stop | None = None  # the latest call's, until its answer comes

    def call(self, fn) -> None:
        self.supersede()
        self._stop = stoppable.Stop()
        pool(self.threads).start(_Call(fn, self.ticket, self.result, self._stop))

    def supersede(self) -> None:
        """The answer on its way is not wanted any more (a newer one is, or the page showed
        it): its read is stopped, its result dropped."""
        self.ticket += 1
        if self._stop is not None:
            self._stop.request()
            self._stop = None

    def _ready(self, ticket: int, value) -> None:
        if ticket == self.ticket:
            self._stop = None
            self.slot(value)
