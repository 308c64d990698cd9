"""Write transactions that never show "database is locked" to a clerk.

Every service that changes data runs in ``with transaction():`` instead of
``database.atomic()``. On SQLite the outermost transaction starts with ``BEGIN IMMEDIATE``: the
write lock is taken at the start, so two desks writing to one file queue up (busy_timeout waits)
instead of one of them failing half-way. A deferred transaction that reads and then writes can
fail at once with SQLITE_BUSY_SNAPSHOT in WAL mode, whatever the busy timeout; an immediate one
cannot. If the lock is still held after the busy timeout, BEGIN is retried a few times with a
growing pause; only then does the clerk read a calm, translated "busy, try again".

Nested calls (a service calling another inside its transaction) become savepoints, as with
``atomic()``. On PostgreSQL this is plain ``atomic()`` (row locks, no file lock).
"""
from __future__ import annotations

import logging
import random
import time

from peewee import OperationalError

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models import database
from propdesk.models.db import is_sqlite

log = logging.getLogger(__name__)

RETRIES = 4  # after the first try; each waits the busy timeout (10 s) and then a pause
BACKOFF = 0.1  # seconds, doubled each time, with jitter

MSG_BUSY = QT_TRANSLATE_NOOP(
    "rules", "The database is busy: another desk is saving a lot at once. Nothing was saved; "
             "please try again in a moment.")


class DatabaseBusy(RuleError):
    """The write lock could not be had even after the retries."""


def close_connection() -> None:
    """Close this thread's database connection (a worker thread, at its end)."""
    database.close()


def is_locked(err: Exception) -> bool:
    text = str(err).lower()
    return "database is locked" in text or "database is busy" in text


class transaction:  # noqa: N801 - used like a function: ``with transaction():``
    """One service call's transaction (see the module docstring). Yields the peewee
    transaction object, so ``txn.rollback()`` works as with ``atomic()``."""

    def __init__(self):
        self._ctx = None

    def __enter__(self):
        db = database.obj
        if db.in_transaction() or not is_sqlite(db):
            self._ctx = db.atomic()
            return self._ctx.__enter__()
        pause = BACKOFF
        for attempt in range(RETRIES + 1):
            ctx = db.atomic("IMMEDIATE")
            try:
                txn = ctx.__enter__()  # peewee pushes the transaction only once BEGIN worked
            except OperationalError as err:
                if not is_locked(err):
                    raise
                if attempt == RETRIES:
                    log.error("write lock not obtained after %s tries: %s", attempt + 1, err)
                    raise DatabaseBusy(MSG_BUSY) from err
                log.warning("database locked, retry %s in %.2f s", attempt + 1, pause)
                time.sleep(pause * (1 + random.random()))
                pause *= 2
                continue
            self._ctx = ctx
            return txn
        raise AssertionError("unreachable")

    def __exit__(self, exc_type, exc, tb):
        return self._ctx.__exit__(exc_type, exc, tb)
