"""Is the database server there? (issue 20) For the window's status bar on a desk that works on
a PostgreSQL server.

Two things tell: every query (``models.db``'s ``OfficeDatabase`` reports a lost connection and
a connection made again, on whatever thread they happen), and, so that an idle desk also
notices, a :class:`ServerWatch` thread that asks the server ``SELECT 1`` every ``interval``
seconds on its own connection - never on the GUI thread. Listeners get ``True`` (connected) or
``False`` (lost) only when the state changes, on the thread that noticed it; the window turns
that into a queued Qt signal.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from propdesk.models import database
from propdesk.models.db import DatabaseUnavailable, connection_listeners, is_sqlite

log = logging.getLogger(__name__)

INTERVAL_S = 15.0


def listen(callback: Callable[[bool], None]) -> None:
    if callback not in connection_listeners:
        connection_listeners.append(callback)


def unlisten(callback: Callable[[bool], None]) -> None:
    if callback in connection_listeners:
        connection_listeners.remove(callback)


def check() -> bool:
    """One cheap look at the server on the calling thread's own connection (reconnecting if it
    was lost). True when it answered."""
    try:
        database.execute_sql("SELECT 1").fetchone()
        return True
    except DatabaseUnavailable:
        return False
    except Exception:  # anything else the driver says: not reachable now
        log.warning("server check failed", exc_info=True)
        return False


class ServerWatch:
    """A daemon thread calling :func:`check` every ``interval`` seconds until :meth:`stop`."""

    def __init__(self, interval: float = INTERVAL_S, probe: Callable[[], bool] = check):
        self.interval, self.probe = interval, probe
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def needed() -> bool:
        return database.obj is not None and not is_sqlite()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="server-watch", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.probe()
        try:
            database.close()  # this thread's own connection
        except Exception:  # noqa: BLE001 - closing a dead connection may fail; nothing to keep
            pass

    def stop(self) -> None:
        self._stop.set()
