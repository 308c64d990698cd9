"""Write transactions that never show "database is locked" to a clerk.

Every service that changes data runs in ``with transaction():`` instead of
``database.atomic()``. On SQLite the outermost transaction starts with ``BEGIN IMMEDIATE``: the
write lock is taken at the start, so two desks writing to one file queue up (busy_timeout waits)
instead of one of them failing half-way. A deferred transaction that reads and then writes can
fail at once with SQLITE_BUSY_SNAPSHOT in WAL mode, whatever the busy timeout; an immediate one
cannot. If the lock is still held after the busy timeout, BEGIN is retried a few times with a
growing pause; only then does the clerk read a calm, translated "busy, try again".

Nested calls (a service calling another inside its transaction) become savepoints, as with
``atomic()``. On PostgreSQL this is ``atomic()`` at READ COMMITTED: a service that changes a row
reads it with :func:`for_change` (``SELECT … FOR UPDATE``), so a second desk waits for the
first's commit and then sees what it wrote (the reopen race ends as on SQLite: the second desk
is told the case is no longer closed). A row held longer than the lock timeout (10 s), a
deadlock or a serialization failure ends in the same calm "busy, try again" as SQLite's, with
nothing saved; a connection that died is dropped and the desk told (models.db.MSG_LOST).
"""
from __future__ import annotations

import logging
import os
import random
import time
import weakref

from peewee import InterfaceError, OperationalError

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models import database
from propdesk.models.db import DatabaseUnavailable, MSG_LOST, is_sqlite
from propdesk.services.core import file_check, stoppable

log = logging.getLogger(__name__)

RETRIES = 4  # after the first try; each waits the busy timeout (10 s) and then a pause
BACKOFF = 0.1  # seconds, doubled each time, with jitter

MSG_BUSY = QT_TRANSLATE_NOOP(
    "rules", "The database is busy: another desk is saving a lot at once. Nothing was saved; "
             "please try again in a moment.")


MSG_DISK_FULL = QT_TRANSLATE_NOOP(
    "rules", "Not saved: the disk that holds the database is full or cannot be written ({error}). "
             "Nothing was saved; what you typed is kept. Free some disk space, then save again.")
MSG_DATABASE_GONE = QT_TRANSLATE_NOOP(
    "rules", "Not saved: the database file {path} is no longer there (it was deleted, moved or "
             "replaced while PropDesk was running). Nothing was saved. Close PropDesk and start it "
             "again: it offers the latest backup.")


class DatabaseBusy(RuleError):
    """The write lock could not be had even after the retries."""


class StorageFault(RuleError, OperationalError):
    """The disk is full or the file cannot be written: nothing of the transaction was kept. A
    message for the clerk, and still the OperationalError it was for code that catches that."""


class DatabaseGone(RuleError):
    """The database file was deleted or replaced under the running program."""


def storage_fault(err: BaseException | None) -> str | None:
    """SQLite's words when ``err`` (or what it happened during) is a full disk or a failed
    write, else None."""
    while err is not None:
        text = str(err).lower()
        if ("disk is full" in text or "disk i/o error" in text or "no space" in text
                or "readonly database" in text or "read-only" in text):
            return str(err)
        err = err.__cause__ or err.__context__
    return None


_FILES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def check_file(db) -> None:
    """Refuse to write when the database file is gone or is another file than the one opened
    (SQLite would go on writing into the deleted file, and every save would be lost)."""
    path = getattr(db, "database", "")
    if not path or path == ":memory:" or str(path).startswith("file:"):
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DatabaseGone(MSG_DATABASE_GONE, path=str(path)) from None
    except OSError:
        return  # unreadable folder: SQLite's own error says more
    key = (st.st_dev, st.st_ino)
    if _FILES.setdefault(db, key) != key:
        raise DatabaseGone(MSG_DATABASE_GONE, path=str(path))


def close_connection() -> None:
    """Close this thread's database connection (a worker thread, at its end)."""
    database.close()


def is_locked(err: Exception) -> bool:
    text = str(err).lower()
    return "database is locked" in text or "database is busy" in text


# PostgreSQL's codes for "another desk holds it": serialization failure, deadlock, lock timeout
PG_BUSY_CODES = {"40001", "40P01", "55P03"}


def is_pg_busy(err: BaseException) -> bool:
    cause = err.__cause__ or err.__context__ or err
    return getattr(err, "pgcode", None) in PG_BUSY_CODES or getattr(cause, "pgcode", None) in PG_BUSY_CODES


def for_change(query, *models):
    """``query`` reading the row(s) a service is about to change, locked until the transaction
    ends (``FOR UPDATE OF`` the given models) on PostgreSQL; SQLite's write lock, taken at
    BEGIN, already keeps other desks out."""
    db = database.obj
    if is_sqlite(db) or not db.in_transaction():
        return query
    return query.for_update(of=models) if models else query.for_update()


class transaction:  # noqa: N801 - used like a function: ``with transaction():``
    """One service call's transaction (see the module docstring). Yields the peewee
    transaction object, so ``txn.rollback()`` works as with ``atomic()``."""

    def __init__(self):
        self._ctx = None
        self._outer = False
        self._writing = None

    def __enter__(self):
        # a SQLite file is written to only once this session's check of it passed (it waits for
        # a check still running; services.core.file_check says why)
        file_check.before_write()
        # a background read that is being stopped begins no write; one that writes is not
        # stopped until the write is over (services.core.stoppable)
        self._writing = stoppable.writing()
        self._writing.__enter__()
        try:
            return self._begin()
        except BaseException:
            self._end_writing()
            raise

    def _end_writing(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.__exit__(None, None, None)

    def _begin(self):
        db = database.obj
        if db.in_transaction() or not is_sqlite(db):
            self._outer = not db.in_transaction()
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
            try:
                check_file(db)  # under the lock: the file this connection writes is still there
            except DatabaseGone as gone:
                ctx.__exit__(DatabaseGone, gone, None)  # rolls back
                log.error("database file gone: %s", db.database)
                raise
            self._ctx = ctx
            return txn
        raise AssertionError("unreachable")

    def __exit__(self, exc_type, exc, tb):
        try:
            return self._finish(exc_type, exc, tb)
        finally:
            self._end_writing()

    def _finish(self, exc_type, exc, tb):
        db = database.obj
        try:
            result = self._ctx.__exit__(exc_type, exc, tb)
        except Exception as err:  # a failed commit or rollback is sorted below
            if isinstance(err, (OperationalError, InterfaceError)):  # the COMMIT or ROLLBACK failed
                self._after_failure(db, err)
            fault = storage_fault(err) or storage_fault(exc)
            if fault:
                log.error("not saved, the disk is full or not writable: %s", fault)
                raise StorageFault(MSG_DISK_FULL, error=fault) from err
            if exc is not None and "no transaction is active" in str(err):
                raise exc from None  # SQLite had rolled back already: the first error is the one
            raise
        if self._outer and exc is not None and not is_sqlite(db):
            self._after_failure(db, exc)
        fault = storage_fault(exc) if exc is not None and not isinstance(exc, RuleError) else None
        if fault:
            log.error("not saved, the disk is full or not writable: %s", fault)
            raise StorageFault(MSG_DISK_FULL, error=fault) from exc
        return result

    def _after_failure(self, db, err: BaseException) -> None:
        """PostgreSQL, outermost transaction, rolled back: a dead connection is dropped (the
        next query reconnects) and told as such; another desk's lock becomes DatabaseBusy."""
        if not self._outer or is_sqlite(db):
            return
        if getattr(db, "connection_lost", lambda: False)():
            db.drop_connection()
            if isinstance(err, DatabaseUnavailable):
                raise err
            raise DatabaseUnavailable(MSG_LOST, server=getattr(db, "server", "")) from err
        if isinstance(err, OperationalError) and is_pg_busy(err):
            log.warning("another desk holds the rows: %s", err)
            raise DatabaseBusy(MSG_BUSY) from err
