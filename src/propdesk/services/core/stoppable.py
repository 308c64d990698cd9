"""Reads another thread may stop: a count that nobody waits for any more is cancelled.

At a million complaints a count takes up to a second or more; a clerk who types on, or picks
another filter, starts a new one, and the old one is of no use. The window's background work
(``ui.worker.Background``) runs each query inside :func:`run` with a :class:`Stop`, and asks a
superseded one to stop (:meth:`Stop.request`, from any thread):

- SQLite: a progress handler on the worker's own connection, called every CHECK_EVERY virtual
  machine steps *on the worker's thread*, ends the statement ("interrupted") once a stop was
  asked for, unless a transaction is open on that connection;
- PostgreSQL: the server is asked to cancel the statement running on the worker's connection
  (``connection.cancel()``), from a thread of its own (the request is a network round trip).

Never a write: a stop asked for while the worker writes (``db_retry.transaction()`` marks it,
:func:`writing`) is not sent, and a worker asked to stop begins no write afterwards
(:class:`Stopped` is raised at the transaction's start instead). On PostgreSQL the cancel is
sent under the same lock the transaction's start takes, so it reaches the server before any
BEGIN could; a cancel that finds the server idle is a no-op there. Nothing is shown to anybody
for a stopped read: the caller drops its result (:class:`Stopped`).
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Any, Callable, TypeVar

from propdesk.models import database
from propdesk.models.db import is_sqlite

log = logging.getLogger(__name__)
T = TypeVar("T")

CHECK_EVERY = 10_000  # SQLite virtual machine steps between two looks at the stop (a few µs)

_local = threading.local()


class Stopped(Exception):
    """The read was stopped (:meth:`Stop.request`) before it ended: its result does not exist."""


class Stop:
    """The handle of one stoppable read; :meth:`request` may be called from any thread, any
    number of times, before, during or after :func:`run`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requested = False
        self._writing = 0  # transactions open on the worker (db_retry.transaction)
        self._server_conn: Any = None  # PostgreSQL: the worker's connection while it runs

    def request(self) -> None:
        with self._lock:
            if self.requested:
                return
            self.requested = True
            conn = self._server_conn if not self._writing else None
        if conn is not None:
            threading.Thread(target=self._cancel, args=(conn,), name="propdesk-cancel",
                             daemon=True).start()

    def _cancel(self, conn) -> None:
        with self._lock:  # a write cannot begin meanwhile (see writing())
            if self._writing or self._server_conn is not conn:
                return  # writing already, or the read is over (its connection may be reused)
            try:
                conn.cancel()
            except Exception:  # the read then simply runs to its end
                log.info("could not cancel a superseded query", exc_info=True)

    # on the worker's thread
    def _sqlite_check(self, conn) -> Callable[[], int]:
        def check() -> int:
            return int(self.requested and not self._writing and not conn.in_transaction)
        return check


def run(stop: Stop, fn: Callable[[], T]) -> T:
    """``fn()`` (reads on this thread's connection) unless ``stop`` is asked for first or
    meanwhile: then :class:`Stopped`, whatever the read raised on being stopped."""
    if stop.requested:
        raise Stopped()
    db = database.obj
    conn = db.connection()  # this thread's own connection (opened here if need be)
    sqlite = is_sqlite(db)
    if sqlite:
        conn.set_progress_handler(stop._sqlite_check(conn), CHECK_EVERY)
    else:
        with stop._lock:
            stop._server_conn = conn
    _local.stop = stop
    try:
        if stop.requested:
            raise Stopped()
        value = fn()
        if stop.requested:  # (a read that caught its interruption may answer wrongly)
            raise Stopped()
        return value
    except Exception as err:
        if stop.requested:
            raise Stopped() from err
        raise
    finally:
        _local.stop = None
        if sqlite:
            try:
                conn.set_progress_handler(None, 0)
            except Exception:  # noqa: BLE001 - closed meanwhile: nothing to take off
                pass
        else:
            with stop._lock:
                stop._server_conn = None


@contextmanager
def writing():
    """Around a write transaction (``db_retry.transaction``): while it is open, the read it is
    part of is not stopped; a read already asked to stop begins no write."""
    stop: Stop | None = getattr(_local, "stop", None)
    if stop is None:
        yield
        return
    with stop._lock:
        if stop.requested and not stop._writing:  # (a nested one goes on with its outer one)
            raise Stopped()
        stop._writing += 1
    try:
        yield
    finally:
        with stop._lock:
            stop._writing -= 1
