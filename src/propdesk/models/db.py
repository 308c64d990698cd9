"""Open the database: pragmas, schema version, migrations. One ``init_db`` for app, CLI and tests.

SQLite is the embedded default (WAL, durable synchronous, foreign keys, busy timeout); a
``postgresql://`` URL works too. Anything SQLite-only (pragmas, the FTS5 index) is applied only
on SQLite; search has a portable fallback (see ``services.search``).
"""
from __future__ import annotations

import contextlib
import functools
import logging
import time
from pathlib import Path
from typing import Callable

from peewee import Database, OperationalError, SqliteDatabase

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import ALL_MODELS, Setting, database

log = logging.getLogger(__name__)

SCHEMA_VERSION = 19  # the newest schema this program knows

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    # FULL: a transaction reported committed survives a power cut, not only a crash.
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "cache_size": -32000,
    "temp_store": "memory",
}


class SchemaTooNew(RuntimeError):
    """The file was written by a newer PropDesk; opening it could damage it."""


def is_sqlite(db: Database | None = None) -> bool:
    return isinstance(db or database.obj, SqliteDatabase)


class DatabaseUnavailable(RuleError):
    """The database server cannot be used: no driver installed, or the server cannot be reached."""


MSG_NO_DRIVER = QT_TRANSLATE_NOOP(
    "rules", "PostgreSQL needs its driver, which is not installed. Install PropDesk with the "
             "postgres extra (pip install \"propdesk[postgres]\"), or use the installer's program, "
             "which includes it.")
MSG_NO_SERVER = QT_TRANSLATE_NOOP(
    "rules", "The database server {server} cannot be reached: {reason}")


def is_postgres_url(location: str) -> bool:
    return location.split("://", 1)[0] in ("postgres", "postgresql")


def server_name(location: str) -> str:
    """host:port/database of a URL, without the user name or password (for messages and logs)."""
    from urllib.parse import urlsplit

    parts = urlsplit(location)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


MSG_LOST = QT_TRANSLATE_NOOP(
    "rules", "The connection to the database server {server} was lost. Nothing was saved; what "
             "you typed is kept. PropDesk connects again by itself: try again in a moment.")

# Connection settings a desk needs on an office network (a URL may set its own): give up on a
# server that does not answer within 5 s, notice a dead network within ~20 s, and wait at most
# 10 s for a row another desk holds (then the calm "busy" message, as SQLite's busy timeout).
# A desk's queries are short (issue 20, at 1,000,000 complaints): no JIT compiling (a count
# the planner thought costly spent 15-325 ms compiling before it ran), and no parallel workers
# (starting one cost 10 ms for a page whose work took 2; the whole list's count was no faster
# with two, and the server's cores serve the other desks). work_mem 16 MB: a count's bitmap of a
# common trigram term stays exact (地下车库's 110,869 matches on 69,491 pages: with the stock 4 MB
# half its pages went lossy and every row on them was tested again, 0.9 s -> 0.36 s).
PG_DEFAULTS = {"connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10,
               "keepalives_interval": 3, "keepalives_count": 3,
               "options": "-c lock_timeout=10000 -c jit=off -c max_parallel_workers_per_gather=0 "
                          "-c work_mem=16MB",
               "application_name": "propdesk"}


# Called with True (connected again) or False (the connection was lost / the server cannot be
# reached) when that changes, on the thread that noticed (services.core.server_watch).
connection_listeners: list = []
_connected = {"state": True}


def _notify(connected: bool) -> None:
    if _connected["state"] == connected:
        return
    _connected["state"] = connected
    for listener in list(connection_listeners):
        try:
            listener(connected)
        except Exception:  # a listener's trouble is not the query's
            log.warning("connection listener failed", exc_info=True)


def _postgres_class():
    from peewee import InterfaceError, PostgresqlDatabase

    class OfficeDatabase(PostgresqlDatabase):
        """PostgreSQL as a desk uses it: a server that cannot be reached, or a connection that
        dies (server restarted, network cable out), is a :class:`DatabaseUnavailable` with a
        plain message instead of a driver error. The dead connection is dropped, so the next
        query connects again by itself (peewee's autoconnect) once the server is back."""

        def _connect(self):
            try:
                conn = super()._connect()
            except Exception as err:  # psycopg2.OperationalError: refused, timed out, password
                reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                log.error("cannot connect to %s: %s", self.server, reason)
                _notify(False)
                raise DatabaseUnavailable(MSG_NO_SERVER, server=self.server, reason=reason) from err
            _notify(True)
            return conn

        def execute_sql(self, sql, params=None, *args, **kwargs):
            try:
                return super().execute_sql(sql, params, *args, **kwargs)
            except (OperationalError, InterfaceError) as err:
                if not self.connection_lost():
                    raise
                log.error("connection to %s lost: %s", self.server, err)
                _notify(False)
                if not self.in_transaction():
                    self.drop_connection()  # inside one, transaction() drops it at its end
                raise DatabaseUnavailable(MSG_LOST, server=self.server) from err

        def connection_lost(self) -> bool:
            conn = self._state.conn
            return conn is not None and bool(getattr(conn, "closed", 0))

        def drop_connection(self) -> None:
            """Forget a dead connection (closing it may fail too); the next query reconnects."""
            _notify(False)
            conn = self._state.conn
            self._state.reset()
            try:
                if conn is not None:
                    conn.close()
            except Exception:  # noqa: BLE001 - it is dead already
                pass

    return OfficeDatabase


def open_database(location: str) -> Database:
    if "://" in location:
        from playhouse.db_url import connect, parse

        if is_postgres_url(location):
            from propdesk import pg_driver

            try:
                pg_driver.attach()  # peewee's PostgreSQL driver, imported only now
            except ImportError:
                raise DatabaseUnavailable(MSG_NO_DRIVER) from None
            params = {**PG_DEFAULTS, **parse(location)}
            if "password" not in params:  # the desk's remembered one (config, desk_secret)
                from propdesk import config

                password = config.server_password(location)
                if password:
                    params["password"] = password
            db = _postgres_class()(params.pop("database"), **params)
            db.server = server_name(location)
            return db
        return connect(location)
    Path(location).parent.mkdir(parents=True, exist_ok=True)
    return OfficeFile(location, pragmas=SQLITE_PRAGMAS, timeout=10)


class OfficeFile(SqliteDatabase):
    """The office's SQLite file, counting the connections this process has open on it (one a
    thread): while any is, the file must not be opened with open() here, since closing that
    descriptor drops the POSIX locks of every connection of the process
    (services.core.backup._open_here). A connection a finished thread dropped without closing
    stays counted: the count may be too high, never too low."""

    def __init__(self, *args, **kwargs):
        import threading

        super().__init__(*args, **kwargs)
        self._count_lock = threading.Lock()
        self.open_connections = 0

    def _connect(self):
        conn = super()._connect()
        with self._count_lock:
            self.open_connections += 1
        return conn

    def _close(self, conn):
        try:
            super()._close(conn)
        finally:
            with self._count_lock:
                self.open_connections = max(self.open_connections - 1, 0)


def upsert(model, conflict_target: list, **values):
    """Insert a row, or replace the one with the same ``conflict_target`` values: what SQLite's
    ``INSERT OR REPLACE`` (peewee's ``Model.replace``) did, written as ``INSERT … ON CONFLICT
    DO UPDATE`` that both SQLite and PostgreSQL know. Like REPLACE, columns not given go back to
    their defaults; unlike it, the row keeps its id (nothing that points at it is orphaned)."""
    fields = model._meta.fields
    keys = {field.name for field in conflict_target}  # (a field's == builds SQL: compare names)
    for name, field in fields.items():
        if name not in values and name != "id" and name not in keys:
            values[name] = field.default() if callable(field.default) else field.default
    update = {fields[name]: value for name, value in values.items() if name not in keys}
    return (model.insert(**values)
            .on_conflict(conflict_target=conflict_target, update=update).execute())


def sync_id_sequences(models) -> None:
    """After rows were inserted with ids chosen by hand (the demo office, the benchmark data),
    move each table's id sequence past them. SQLite needs nothing (its next id is max + 1)."""
    db = database.obj
    if is_sqlite(db):
        return
    from peewee import AutoField

    for model in models:
        if not isinstance(model._meta.primary_key, AutoField):
            continue  # a key of its own (setting.key): no sequence
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")


def init_db(location: str, migrate: bool = True, progress: Progress | None = None) -> Database:
    """Open ``location`` (a file path or a database URL), bind the models and bring the schema
    up to date (``progress``: see :func:`upgrade`). Returns the database."""
    db = open_database(location)
    db.connect(reuse_if_open=True)  # PostgreSQL: DatabaseUnavailable when it cannot be reached
    database.initialize(db)  # only a database that opened replaces the one in use
    if migrate:
        before = schema_version(db)
        upgrade(db, location, progress)
        if before != SCHEMA_VERSION:
            analyze(db)  # new tables or indexes: the planner's figures are out of date
        elif is_sqlite(db) and not db.table_exists("sqlite_stat1"):
            analyze(db)  # a file that never had figures (made by an older PropDesk)
    return db


# SQLite's advice (https://sqlite.org/lang_analyze.html#autoanalysis): run ANALYZE, bounded by
# analysis_limit so it reads a sample of each index rather than all of it, when the schema
# changes; run PRAGMA optimize when a connection closes (and on long-open ones now and then),
# which re-analyzes only tables whose figures have gone stale. Without any figures the planner
# may pick the index on callback.status (three values) over the one on callback.complaint_id
# and read a million callbacks for each line of a register.
ANALYSIS_LIMIT = 1000


def analyze(db: Database | None = None) -> None:
    """Give the query planner figures about the tables and indexes (SQLite only)."""
    db = db or database.obj
    if not is_sqlite(db):
        return
    db.execute_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    db.execute_sql("ANALYZE")
    log.info("ANALYZE done")


def optimize(db: Database | None = None) -> None:
    """``PRAGMA optimize`` as SQLite advises before a connection closes (SQLite only)."""
    db = db or database.obj
    if db is None or not is_sqlite(db) or db.is_closed():
        return
    try:
        db.execute_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        db.execute_sql("PRAGMA optimize")
    except Exception:  # a busy or read-only file: the figures wait for the next close
        log.warning("PRAGMA optimize failed", exc_info=True)


def close_db(db: Database | None = None) -> None:
    """Optimize (SQLite) and close: the app and the CLI call this when they are done."""
    db = db or database.obj
    if db is None:
        return
    optimize(db)
    if not db.is_closed():
        db.close()


def schema_version(db: Database) -> int:
    if not db.table_exists("setting"):
        return 0
    row = Setting.get_or_none(Setting.key == "schema_version")
    return int(row.value) if row else 0


# --- progress of an upgrade ---------------------------------------------------------------------
# Building a search index for a million rows takes minutes: the steps that do say how far they
# are through report(); upgrade() hands it to the caller's ``progress(version, what, done,
# total)`` (the GUI's progress dialog, the CLI's line on stderr). ``what`` is one of
# UPGRADE_PARTS' keys. ``progress`` may raise (Cancel): the step's transaction is rolled back and
# the file stays at the version before it.
Progress = Callable[[int, str, int, int], None]
_reporter: Callable[[str, int, int], None] | None = None

UPGRADE_PARTS = {
    "copy": QT_TRANSLATE_NOOP("rules", "Keeping a copy of the database"),
    "complaint": QT_TRANSLATE_NOOP("rules", "Search index of the complaints"),
    "work_order": QT_TRANSLATE_NOOP("rules", "Search index of the work orders"),
    # the case numbers' own index (INDEX_KINDS "number"), built after the text's in step 9
    "complaint_numbers": QT_TRANSLATE_NOOP("rules", "Number index of the complaints"),
    "work_order_numbers": QT_TRANSLATE_NOOP("rules", "Number index of the work orders"),
    "callback": QT_TRANSLATE_NOOP("rules", "Search index of the callbacks"),
    "names": QT_TRANSLATE_NOOP("rules", "Names by their initials"),
    "audit": QT_TRANSLATE_NOOP("rules", "Index of the audit log"),
    "rework": QT_TRANSLATE_NOOP("rules", "Work orders sent back for rework"),
    "other": QT_TRANSLATE_NOOP("rules", "Bringing the database up to date"),
}


MSG_UPGRADING = QT_TRANSLATE_NOOP("rules", "Upgrading the database to version {version}: {part}")


# ``what`` while this desk waits for another one's upgrade of the same database (upgrade_lock)
WAITING = "waiting"
MSG_WAITING = QT_TRANSLATE_NOOP(
    "rules", "Another desk is upgrading the database to version {version}. PropDesk waits for it "
             "to finish and then opens the database…")


def upgrade_text(version: int, what: str, done: int, total: int) -> str:
    """What a ``progress`` call means, in the office's language (with a percentage when known)."""
    from propdesk import i18n

    if what == WAITING:
        return i18n.translate("rules", MSG_WAITING).format(version=version)
    part = i18n.translate("rules", UPGRADE_PARTS.get(what, UPGRADE_PARTS["other"]))
    text = i18n.translate("rules", MSG_UPGRADING).format(version=version, part=part)
    return f"{text} {100 * done // total}%" if total else f"{text}…"


def report(what: str, done: int, total: int) -> None:
    """Tell the caller of :func:`upgrade` how far a long step is (nothing outside an upgrade)."""
    if _reporter is not None:
        _reporter(what, done, total)


def pending_upgrade(location: str) -> int | None:
    """The schema version of the SQLite file (or PostgreSQL database) at ``location`` when this
    program must upgrade it (None: up to date, newer, new, not a file, or not readable): read
    without opening it for writing, so the GUI can show its progress window before
    :func:`init_db` starts."""
    if is_postgres_url(location):
        return _pending_on_server(location)
    if "://" in location or not Path(location).is_file():
        return None
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{location}?mode=ro", uri=True, timeout=10)
        try:
            row = con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    version = int(row[0]) if row else 0
    return version if 0 < version < SCHEMA_VERSION else None


def _pending_on_server(location: str) -> int | None:
    try:
        db = open_database(location)
        try:
            if not db.table_exists("setting"):
                return None
            row = db.execute_sql("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - not reachable, no driver: init_db says so in its own words
        return None
    version = int(row[0]) if row else 0
    return version if 0 < version < SCHEMA_VERSION else None


COPY_PAGES = 8192  # pages of the database copied between two reports of progress (32 MiB of 4 KiB pages)


def _copy(source: str, target: Path, progress: Callable[[int, int], None] | None) -> None:
    """The copy kept before an upgrade, made by SQLite's online backup, saying how far it is
    (a 4.6 GB file takes half a minute). Never by reading the file with open(): closing a file
    descriptor drops every POSIX lock this process holds on the file, the locks of the
    upgrade's own connection included (sqlite.org/howtocorrupt.html, 2.2); another program
    opening and closing the database then took it for the last one and checkpointed and removed
    the WAL, and the upgrade's commits after the copy were lost to it (it found the file at the
    old version and ran the steps again)."""
    import sqlite3

    target.unlink(missing_ok=True)  # (an earlier upgrade's copy, cancelled: made again)
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(target)
        try:
            if progress is None:
                src.backup(dst)
            else:
                progress(0, 1)
                src.backup(dst, pages=COPY_PAGES, sleep=0,
                           progress=lambda _status, remaining, total: progress(total - remaining, total))
            dst.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def upgrade(db: Database, location: str = "", progress: Progress | None = None) -> int:
    """Bring ``db`` (opened from ``location``) to SCHEMA_VERSION, step by step, each step with
    its version bump in one transaction; ``progress`` as above. Only one program upgrades a
    database at a time (:func:`upgrade_lock`): a second desk starting the new version meanwhile
    waits (reported as WAITING), then reads the version again and finds the work done."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"database schema {current} is newer than this program knows ({SCHEMA_VERSION})"
        )
    if current == SCHEMA_VERSION:
        return SCHEMA_VERSION  # (a version only goes up, with the step that made it: nothing to wait for)
    with upgrade_lock(db, location, current, progress):
        return _upgrade_steps(db, location, progress)


def _upgrade_steps(db: Database, location: str, progress: Progress | None) -> int:
    global _reporter
    current = schema_version(db)  # again, with the lock: another desk may have done it meanwhile
    if current > SCHEMA_VERSION:  # (and with a newer PropDesk)
        raise SchemaTooNew(
            f"database schema {current} is newer than this program knows ({SCHEMA_VERSION})"
        )
    keep: Path | None = None  # the copy made before the steps (SQLite)
    if current and current < SCHEMA_VERSION and location and "://" not in location:
        keep = Path(location).with_suffix(f".v{current}.bak")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        _copy(location, keep, (lambda done, total: progress(current + 1, "copy", done, total))
              if progress else None)
        log.info("copied %s to %s before upgrading", location, keep)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        if progress:
            progress(version, "other", 0, 0)
            _reporter = functools.partial(progress, version)
        started = time.monotonic()
        try:
            # Each step and its version bump commit together, so a crash (or Cancel) never
            # leaves half a step: the file stays at the version before it. On SQLite the step
            # takes the write lock first (IMMEDIATE) and reads the version again under it: two
            # first starts on a new file (which takes no upgrade lock) made the same tables at
            # once and both failed ("table complaint_fts already exists", "database is locked");
            # now the second waits for each of the first one's steps and finds it done.
            with (db.atomic("IMMEDIATE") if is_sqlite(db) else db.atomic()):
                if schema_version(db) >= version:
                    continue
                MIGRATIONS[version](db)
                # an upsert both SQLite and PostgreSQL know (REPLACE is SQLite's alone)
                (Setting.insert(key="schema_version", value=str(version))
                 .on_conflict(conflict_target=[Setting.key], update={Setting.value: str(version)}).execute())
                if current:  # an office's database (not a new one being made): the log says so
                    _record_step(version, keep)
        finally:
            _reporter = None
        log.info("database schema upgraded to %s (%.1f s)", version, time.monotonic() - started)
    return SCHEMA_VERSION


def _record_step(version: int, copy: Path | None) -> None:
    """The audit entry of an upgrade step, in the step's own transaction: which version, by
    which PropDesk on which computer, where the copy made before it is (the audit log showed no
    trace of an upgrade, so an office could not tell when or where its file changed shape)."""
    import socket

    from propdesk import __version__
    from propdesk.models.tables import AuditEntry

    note = f"schema {version - 1} → {version}, PropDesk {__version__}, {socket.gethostname()}"
    if copy is not None:
        note += f", {copy.name}"
    AuditEntry.insert(staff=None, entity="database", entity_id=0, action="upgrade", note=note).execute()


# --- one upgrade at a time ----------------------------------------------------------------------
# Two desks starting a new PropDesk at the same moment both find the database older than their
# code. Without a lock both would run the same step (on PostgreSQL the second one's statements
# wait for the first one's locks and may be refused half-way; on SQLite the second fails with
# "database is locked" or runs the step again once the first has committed, and may copy the
# file while the first one writes it). So the upgrade is exclusive: the first desk takes a lock
# before it reads the version again; a second one waits for that lock, saying so through its
# ``progress`` (WAITING: the window's text, with Cancel; the CLI's line, with Ctrl+C), in
# slices of WAIT_SLICE_S so Cancel is noticed, then reads the version again and, the work being
# done, simply opens the database.
# - PostgreSQL: a session-level advisory lock (UPGRADE_LOCK_KEY) on the upgrade's own
#   connection, waited for with pg_advisory_lock under a short lock_timeout (a Ctrl+C on the CLI
#   cancels that wait on the server at once, pg_driver.ctrl_c_cancels). The server ends it with
#   the session if a desk dies or loses its connection; advisory locks belong to one database,
#   so two offices on one server do not wait for each other.
# - SQLite: a write transaction (BEGIN IMMEDIATE) on a file of its own beside the database,
#   ``<file>-upgrade`` (empty, left in place: removing it could let a third desk lock a new file
#   while a second one waits on the old). The operating system ends it with the process. A new
#   file (schema 0) takes no lock: there is nothing to upgrade, and no lock file is made.
# The lock is held on the upgrading desk's own connection only: the step's progress watch
# (models.pg_search) and Cancel use another connection or none and never wait for it.
UPGRADE_LOCK_KEY = 0x50_44_55_50  # "PDUP": PropDesk's upgrade, one key in each database
WAIT_SLICE_S = 1.0
SQLITE_LOCK_SUFFIX = "-upgrade"


@contextlib.contextmanager
def upgrade_lock(db: Database, location: str, version: int, progress: Progress | None = None):
    """Hold the database's upgrade lock while inside (see above); while another program holds
    it, wait, calling ``progress(version + 1, WAITING, 0, 0)`` before each slice of the wait
    (it may raise: Cancel; nothing is held then)."""
    lock = _file_lock(db, location, version) if is_sqlite(db) else _ServerLock(db)
    if lock is None:
        yield
        return
    if not lock.take(0):
        started = time.monotonic()
        log.info("another PropDesk is upgrading the database: waiting for it")
        try:
            while True:
                if progress:
                    progress(version + 1, WAITING, 0, 0)
                if lock.take(WAIT_SLICE_S):
                    break
        except BaseException:
            lock.close()
            raise
        log.info("waited %.1f s for another PropDesk's upgrade of the database",
                 time.monotonic() - started)
    try:
        yield
    finally:
        lock.close()


def _sqlstate(err: BaseException) -> str | None:
    """The server's SQLSTATE of a driver error peewee wrapped (its first argument)."""
    for candidate in (err, *err.args[:1], err.__cause__, err.__context__):
        code = getattr(candidate, "pgcode", None)
        if code:
            return code
    return None


class _ServerLock:
    """PostgreSQL's upgrade lock: a session-level advisory lock on ``db``'s connection."""

    def __init__(self, db: Database):
        self.db, self.held = db, False

    def take(self, seconds: float) -> bool:
        if not seconds:
            self.held = bool(self.db.execute_sql("SELECT pg_try_advisory_lock(%s)",
                                                 (UPGRADE_LOCK_KEY,)).fetchone()[0])
            return self.held
        try:
            with self.db.atomic():  # (a session lock outlives the transaction it was taken in)
                self.db.execute_sql(f"SET LOCAL lock_timeout = {int(seconds * 1000)}")
                self.db.execute_sql("SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK_KEY,))
        except OperationalError as err:
            if _sqlstate(err) == "55P03":  # lock_not_available: still upgrading, wait again
                return False
            raise
        except BaseException as err:
            # A Ctrl+C that escaped pg_driver's wait callback (psycopg2 then closes the
            # connection without cancelling the statement; the server's wait ends by itself
            # within the slice's lock_timeout) comes back as the rollback's "connection already
            # closed": it is the Ctrl+C that the program must hear.
            stop = err
            while stop is not None and not isinstance(stop, KeyboardInterrupt):
                stop = stop.__context__
            if stop is not None and stop is not err:
                raise stop from None
            raise
        self.held = True
        return True

    def close(self) -> None:
        """Give the lock back (and one a cancelled wait may have won as it was cancelled)."""
        if self.db.is_closed() or getattr(self.db, "connection_lost", lambda: False)():
            return  # the server ended the session's locks with it
        try:
            self.db.execute_sql("SELECT pg_advisory_unlock(%s)", (UPGRADE_LOCK_KEY,))
        except Exception:  # a connection gone meanwhile took the lock with it
            log.warning("cannot give back the upgrade lock", exc_info=True)
        self.held = False


class _FileLock:
    """SQLite's upgrade lock: a write transaction on the file ``path`` (see upgrade_lock)."""

    def __init__(self, path: str):
        import sqlite3

        self.sqlite3 = sqlite3
        self.con = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode = MEMORY")  # it writes nothing: no -journal beside it

    def take(self, seconds: float) -> bool:
        self.con.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except self.sqlite3.OperationalError as err:
            if getattr(err, "sqlite_errorcode", None) == 5 or "locked" in str(err):  # SQLITE_BUSY
                return False
            raise
        return True

    def close(self) -> None:
        self.con.close()  # (a transaction still open is rolled back: nothing was written)


def _file_lock(db: Database, location: str, version: int) -> _FileLock | None:
    path = location if location and "://" not in location else getattr(db, "database", "")
    if not version or not path or path == ":memory:" or str(path).startswith("file:"):
        return None
    try:
        return _FileLock(f"{path}{SQLITE_LOCK_SUFFIX}")
    except Exception:  # a folder that takes no new file: the upgrade says why
        log.warning("no upgrade lock beside %s", path, exc_info=True)
        return None


# --- migrations -------------------------------------------------------------------------------

# --- phones, searched by their digits too ---------------------------------------------------
# A phone is kept as written ("155 6526 1425", "0755-8612 3456"), and a clerk searches by what
# the caller's display shows (15565261425) or types it in pieces: the search indexes hold the
# phone as written and, when it has separators, a space and its digits after it, so either form
# finds it. The lists' LIKE paths test the same text (phone_text, the Python form of
# phone_text_sql), and a term typed with separators is looked for as its digits too
# (services.register.owners.phone_search_digits).
PHONE_SEPARATORS = (" ", "-", "(", ")", "+", "转")  # what validation lets a phone hold beside digits
# the searched tables' phone column (the callback's search text reads its case's: models.pg_search)
PHONE_COLUMNS = {"complaint": "phone", "work_order": "contact_phone"}


def phone_digits_sql(expr: str) -> str:
    """SQL (SQLite and PostgreSQL): ``expr`` without PHONE_SEPARATORS."""
    for separator in PHONE_SEPARATORS:
        expr = f"replace({expr}, '{separator}', '')"
    return expr


def phone_text_sql(expr: str) -> str:
    """SQL: the searched text of the phone ``expr``: as written, then its digits if they differ."""
    digits = phone_digits_sql(expr)
    return f"(CASE WHEN {digits} <> {expr} THEN {expr} || ' ' || {digits} ELSE {expr} END)"


def phone_text(column):
    """:func:`phone_text_sql` as a peewee expression over ``column`` (the LIKE paths)."""
    from peewee import Case, fn

    digits = column
    for separator in PHONE_SEPARATORS:
        digits = fn.replace(digits, separator, "")
    return Case(None, [(digits != column, column.concat(" ").concat(digits))], column)


# table -> (indexed columns, SQL giving each from the row "{r}")
FTS_TABLES = {
    "complaint": {
        "number": "{r}.number", "complainant": "{r}.complainant", "phone": phone_text_sql("{r}.phone"),
        "unit_label": "coalesce((SELECT label FROM unit WHERE unit.id = {r}.unit_id), '')",
        "location": "{r}.location", "description": "{r}.description",
        "customer_request": "{r}.customer_request", "people_involved": "{r}.people_involved",
    },
    "work_order": {
        "number": "{r}.number", "contact_name": "{r}.contact_name",
        "contact_phone": phone_text_sql("{r}.contact_phone"),
        "unit_label": "coalesce((SELECT label FROM unit WHERE unit.id = {r}.unit_id), '')",
        "location": "{r}.location", "description": "{r}.description", "result": "{r}.result",
    },
    # the callback list's quick search finds a callback by any part of its own number
    "callback": {"number": "{r}.number"},
}


# The two search indexes of each table in FTS_TABLES (SQLite only):
# - "{table}_fts", trigram tokenizer: any substring of three or more characters;
# - "{table}_fts_bi", each column written as its overlapping character pairs ("漏水管" ->
#   "漏水 水管 管") under the unicode61 tokenizer: a two-character term is one token, a
#   one-character term a prefix query ("漏"*). LIKE cannot answer those fast (a scan of a
#   million rows, 1.2-1.5 s), and LIKE against an FTS5 table finds nothing on SQLite 3.40.
# The pairs are made in SQL, so the triggers need no function of the program's: positions
# 1..BIGRAM_CHARS come from the small table search_position (a column is indexed up to that
# many characters; a longer one is still found by the trigram index for 3+ characters).
#
# Schema 9: in the tables of NUMBER_APART the trigram index leaves the case number out, and the
# number has a trigram index of its own, "{table}_fts_no". The start of a number (TS-2023) is
# found by the number's unique btree index (services.lists.listing.number_range), so a search
# for it no longer reads the trigrams every number holds (TS-, -20, 202 ...) when it looks at the
# text; any other piece of a number (0620-016) is looked for in "{table}_fts_no", and only when
# the term could be in a number at all (letters, digits and "-"). The callback's trigram index
# holds nothing but its number already. The bigram index (1-2 characters) keeps the number.
INDEX_KINDS = {"trigram": "_fts", "bigram": "_fts_bi", "number": "_fts_no"}
NUMBER_APART = ("complaint", "work_order")
BIGRAM_CHARS = 10_000


def index_kinds(table: str) -> tuple[str, ...]:
    """The search indexes ``table`` has (see INDEX_KINDS)."""
    return ("trigram", "bigram", "number") if table in NUMBER_APART else ("trigram", "bigram")


def index_columns(table: str, kind: str) -> list[str]:
    """The columns of FTS_TABLES[table] that ``table``'s index of ``kind`` holds."""
    columns = list(FTS_TABLES[table])
    if table not in NUMBER_APART or kind == "bigram":
        return columns
    if kind == "number":
        return ["number"]
    return [c for c in columns if c != "number"]


def _pairs(expr: str) -> str:
    """SQL giving the text of ``expr`` as space-separated character pairs (and its last
    character alone)."""
    return (f"(SELECT group_concat(substr(v, n, 2), ' ') FROM (SELECT {expr} AS v), search_position "
            f"WHERE n <= length(v))")


def _index_parts(table: str, kind: str, row: str) -> tuple[str, str, list[str]]:
    """(index table, its column names, the SQL value of each column for ``row``)."""
    columns = index_columns(table, kind)
    values = [FTS_TABLES[table][c].format(r=row) for c in columns]
    if kind == "bigram":
        values = [_pairs(v) for v in values]
    return f"{table}{INDEX_KINDS[kind]}", ", ".join(columns), values


def _create_positions(db: Database) -> None:
    db.execute_sql("CREATE TABLE IF NOT EXISTS search_position (n INTEGER PRIMARY KEY)")
    if db.execute_sql("SELECT count(*) FROM search_position").fetchone()[0] < BIGRAM_CHARS:
        db.execute_sql(f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                       f"WHERE n < {BIGRAM_CHARS}) INSERT OR IGNORE INTO search_position SELECT n FROM s")


def create_fts(db: Database, table: str, kinds: tuple[str, ...] | None = None) -> None:
    """The search indexes over ``table`` (trigram, bigram and the number's, see INDEX_KINDS),
    kept current by triggers; see services.lists.listing for how terms of each length use them."""
    kinds = index_kinds(table) if kinds is None else kinds
    if "bigram" in kinds:
        _create_positions(db)
    for kind in kinds:
        fts, names, _values = _index_parts(table, kind, "new")
        tokenizer = "unicode61 remove_diacritics 0" if kind == "bigram" else "trigram"
        # one token per query, never a phrase: no positions needed, only which column
        options = ", detail=column, columnsize=0" if kind == "bigram" else ""
        db.execute_sql(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, tokenize='{tokenizer}'{options})")
        create_fts_triggers(db, table, kind)


def create_fts_triggers(db: Database, table: str, kind: str) -> None:
    """The triggers that keep ``table``'s index of ``kind`` current (dropped first if there)."""
    watched = ", ".join(c if c != "unit_label" else "unit_id" for c in index_columns(table, kind))
    fts, names, values = _index_parts(table, kind, "new")
    insert = f"INSERT INTO {fts}(rowid, {names}) SELECT new.id, {', '.join(values)};"
    for trigger in ("ai", "au", "ad"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
    db.execute_sql(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
    db.execute_sql(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
                   f"DELETE FROM {fts} WHERE rowid = old.id; {insert} END")
    db.execute_sql(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM {fts} WHERE rowid = old.id; END")


def pairs(value) -> str | None:
    """What ``_pairs`` computes in SQL, in Python: "漏水管" -> "漏水 水管 管"."""
    if value is None:
        return None
    text = str(value)
    return " ".join(text[i:i + 2] for i in range(min(len(text), BIGRAM_CHARS))) or None


def fill_fts(db: Database, table: str, kinds: tuple[str, ...] | None = None) -> None:
    """Index every existing row of ``table`` (after a bulk load or when an index is added to a
    file that has rows): a trigram index in one ``INSERT ... SELECT``; the bigram index with
    its pairs made in Python (25 times faster than the SQL the triggers use for one row)."""
    kinds = index_kinds(table) if kinds is None else kinds
    top = db.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    for kind in kinds:
        fts, names, values = _index_parts(table, kind, "r")
        if kind != "bigram":  # in ranges of ids, so an upgrade can say how far it is
            part = f"{table}_numbers" if kind == "number" else table  # (UPGRADE_PARTS)
            for start in range(0, top + 1, 100_000):
                _index_rows(db, table, (kind,), f"r.id >= {start} AND r.id < {start + 100_000}")
                report(part, min(start + 100_000, top), top)
            continue
        values = [FTS_TABLES[table][c].format(r="r") for c in index_columns(table, kind)]
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (?{', ?' * len(values)})"
        last = 0
        while True:  # in chunks of rows, by id: memory stays flat at any size
            rows = db.execute_sql(f"SELECT r.id, {', '.join(values)} FROM {table} r WHERE r.id > ? "
                                  f"ORDER BY r.id LIMIT 20000", (last,)).fetchall()
            if not rows:
                break
            cursor = db.cursor() if hasattr(db, "cursor") else None
            (cursor or db).executemany(insert, [(r[0], *map(pairs, r[1:])) for r in rows])
            last = rows[-1][0]
            report(table, last, top)


def _index_rows(db: Database, table: str, kinds, rows: str) -> None:
    """Index the rows ``r`` of ``table`` that the SQL condition ``rows`` names (not in the index
    yet) in its indexes of ``kinds``: a few at a time (a bigram's pairs made in Python, as in
    fill_fts)."""
    for kind in kinds:
        fts, names, values = _index_parts(table, kind, "r")
        if kind != "bigram":
            db.execute_sql(f"INSERT INTO {fts}(rowid, {names}) SELECT r.id, {', '.join(values)} "
                           f"FROM {table} r WHERE {rows}")
            continue
        plain = [FTS_TABLES[table][c].format(r="r") for c in index_columns(table, kind)]
        found = db.execute_sql(f"SELECT r.id, {', '.join(plain)} FROM {table} r WHERE {rows}").fetchall()
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (?{', ?' * len(plain)})"
        cursor = db.cursor() if hasattr(db, "cursor") else None
        (cursor or db).executemany(insert, [(r[0], *map(pairs, r[1:])) for r in found])


def drop_fts(db: Database, table: str) -> None:
    """Drop ``table``'s search indexes and their triggers (bulk loads rebuild them afterwards)."""
    for suffix in INDEX_KINDS.values():  # (the kinds a table does not have: IF EXISTS)
        for trigger in ("ai", "au", "ad"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}{suffix}_{trigger}")
        db.execute_sql(f"DROP TABLE IF EXISTS {table}{suffix}")


def create_pg_search(db: Database, table: str) -> None:
    """PostgreSQL's counterpart of :func:`create_fts`: one column ``search_text`` holding every
    text the quick search looks at (the same columns as FTS_TABLES, the unit's label included,
    one per line so a term never spans two of them), set by a BEFORE trigger, with a pg_trgm
    GIN index: ``search_text ILIKE '%term%'`` finds any substring through the index, where LIKE
    over six columns OR a joined unit label read every row (834 ms for a phone at 200,000).
    Idempotent; rows already there are filled once."""
    columns = FTS_TABLES[table]
    values = ", ".join(expr.format(r="NEW") for expr in columns.values())
    watched = ", ".join(c if c != "unit_label" else "unit_id" for c in columns)
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    db.execute_sql(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_text text NOT NULL DEFAULT ''")
    db.execute_sql(f"CREATE OR REPLACE FUNCTION {table}_search_text() RETURNS trigger "
                   f"LANGUAGE plpgsql AS $$ BEGIN NEW.search_text := concat_ws(E'\\n', {values}); "
                   f"RETURN NEW; END $$")
    db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_search ON {table}")
    db.execute_sql(f"CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE OF {watched} ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {table}_search_text()")
    db.execute_sql(f"UPDATE {table} SET number = number WHERE search_text = ''")  # fires the trigger
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} "
                   f"USING gin (search_text gin_trgm_ops)")


def _v1_initial(db: Database) -> None:
    db.create_tables(ALL_MODELS)
    for table in FTS_TABLES:
        if is_sqlite(db):
            create_fts(db, table)
        else:
            create_pg_search(db, table)


def _add_columns(db: Database, table: str, fields: dict) -> None:
    """Add the columns ``table`` lacks. Steps are written to be idempotent: a database created
    by a newer program already has them (step 1 creates the current tables)."""
    from playhouse.migrate import SchemaMigrator, migrate

    have = {c.name for c in db.get_columns(table)}
    migrator = SchemaMigrator.from_database(db)
    migrate(*[migrator.add_column(table, name, field) for name, field in fields.items() if name not in have])


def _v2_related_cases(db: Database) -> None:
    """Repeats, further contacts, incidents with many callers, and holds (issue: related cases)."""
    from peewee import DateTimeField, ForeignKeyField

    from propdesk.models.tables import ComplaintContact, Hold, Incident, IncidentArea, IncidentContact

    db.create_tables([ComplaintContact, Hold, Incident, IncidentArea, IncidentContact], safe=True)
    _add_columns(db, "complaint", {"on_hold_since": DateTimeField(null=True)})
    _add_columns(db, "work_order", {"on_hold_since": DateTimeField(null=True)})
    _add_columns(db, "callback", {"incident_contact_id": ForeignKeyField(
        IncidentContact, field=IncidentContact.id, null=True)})


def _v3_short_term_index(db: Database) -> None:
    """The bigram search index (1-2 character terms), built for the rows already there (for
    the time it takes at 100,000 and 1,000,000 complaints see benchmarks/README.md)."""
    if not is_sqlite(db):
        return
    for table in FTS_TABLES:
        if not db.table_exists(f"{table}_fts_bi"):
            create_fts(db, table, kinds=("bigram",))
            fill_fts(db, table, kinds=("bigram",))


def _v4_callback_index(db: Database) -> None:
    """Search indexes over callback numbers: the callback list's quick search no longer reads
    every callback (see services.lists.callback_search)."""
    if not is_sqlite(db):
        return
    for kind in index_kinds("callback"):
        if not db.table_exists(f"callback{INDEX_KINDS[kind]}"):
            create_fts(db, "callback", kinds=(kind,))
            fill_fts(db, "callback", kinds=(kind,))


def _v5_callback_promised_index(db: Database) -> None:
    """An index on the callback's promised day: the weekly figures and the dashboard's week
    line count callbacks by it (services.lists.callback_stats), and read every callback without."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "callback_promised_by" ON "callback" ("promised_by")')


REPAIR_CATEGORIES = ["水电", "门窗", "管道疏通", "电梯", "公共设施", "其他"]


def _add_not_null(db: Database, table: str, column: str, sql_type: str, default: str) -> None:
    """ALTER TABLE ... ADD COLUMN ... NOT NULL DEFAULT: both SQLite and PostgreSQL do it in place
    (peewee's add_column would rebuild the table for a NOT NULL column)."""
    if column not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type} NOT NULL DEFAULT {default}")


def _v6_fees(db: Database) -> None:
    """Paid services (issue 18): repair categories, fee lines, payments, reprint count. A paid
    order's single fee (a price-list item x quantity, or an approved quote) becomes its first
    fee line; a settled-looking order is NOT marked settled (no payment was ever recorded)."""
    from peewee import ForeignKeyField

    from propdesk.models.tables import FeeLine, Payment, RepairCategory

    db.create_tables([RepairCategory, FeeLine, Payment], safe=True)
    _add_columns(db, "work_order", {
        "repair_category_id": ForeignKeyField(RepairCategory, field=RepairCategory.id, null=True)})
    _add_not_null(db, "work_order", "owner_agreement", "VARCHAR(200)", "''")
    _add_not_null(db, "work_order", "fee_state", "VARCHAR(8)", "'none'")
    _add_not_null(db, "work_order", "print_count", "INTEGER", "0")
    db.execute_sql("CREATE INDEX IF NOT EXISTS work_order_fee_state ON work_order (fee_state)")
    # an office that exists already gets the usual repair categories (a new one: seed_reference)
    if db.execute_sql("SELECT 1 FROM department LIMIT 1").fetchone() and not \
            db.execute_sql("SELECT 1 FROM repair_category LIMIT 1").fetchone():
        for i, name in enumerate(REPAIR_CATEGORIES):
            RepairCategory.insert(name=name, sort=i, active=True).execute()
    backfill_fee_lines(db)


def backfill_fee_lines(db: Database) -> int:
    """One fee line for each paid order that has a fee but no lines (the single price item or
    approved quote of schema 2). Idempotent. Returns how many lines were written."""
    rows = db.execute_sql(
        "SELECT w.id, w.fee, w.price_item_id, w.quantity, w.quote_approved_by_id, w.created_by_id,"
        " w.finished_at, w.created_at, p.name, p.unit_name, w.status"
        " FROM work_order w LEFT JOIN price_item p ON p.id = w.price_item_id"
        " WHERE w.paid = %s AND w.fee > 0"
        " AND NOT EXISTS (SELECT 1 FROM fee_line f WHERE f.work_order_id = w.id)"
        .replace("%s", "1" if is_sqlite(db) else "TRUE")).fetchall()
    from decimal import Decimal

    from propdesk.models.tables import FeeLine, WorkOrder

    def when(value):
        from propdesk.models.tables import DateTimeField

        return DateTimeField().python_value(value) if value else None

    for (wo_id, fee, item_id, qty, approver, creator, finished, created, item_name, unit_name,
         status) in rows:
        fee = Decimal(str(fee)).quantize(Decimal("0.01"))
        qty = Decimal(str(qty or 1)).quantize(Decimal("0.01")) or Decimal(1)
        at = when(finished) or when(created)
        if item_id:
            FeeLine.insert(work_order=wo_id, kind="item", price_item=item_id, description=item_name,
                           unit_name=unit_name or "", unit_price=(fee / qty).quantize(Decimal("0.01")),
                           quantity=qty, amount=fee, created_by=creator, created_at=at).execute()
        else:
            FeeLine.insert(work_order=wo_id, kind="quote", description="报价",
                           unit_price=fee, quantity=Decimal(1), amount=fee,
                           approved_by=approver, approved_at=at if approver else None,
                           created_by=approver or creator, created_at=at).execute()
        state = "none" if status == "cancelled" else "unpaid"
        WorkOrder.update(fee_state=state).where(WorkOrder.id == wo_id).execute()
    return len(rows)


def _v7_pg_short_terms(db: Database) -> None:
    """PostgreSQL only: indexes for one- and two-character terms and number prefixes, and the
    callback list's own search text (models.pg_search). SQLite has had them since step 3/4."""
    if is_sqlite(db):
        return
    from propdesk.models import pg_search

    pg_search.upgrade(db)


def _v8_name_initials(db: Database) -> None:
    """Complainants and contacts found by the initials of their names (zw -> 张伟): a side
    table per list kept by triggers (models.name_index), filled for the rows already there."""
    if not is_sqlite(db):
        return
    from propdesk.models import name_index

    for table in name_index.NAME_COLUMNS:
        name_index.create(db, table)
        name_index.fill(db, table, progress=lambda done, total: report("names", done, total))


def _fts_columns(db: Database, fts: str) -> list[str]:
    return [d[0] for d in db.execute_sql(f"SELECT * FROM {fts} LIMIT 0").description]


def _v9_numbers_apart(db: Database) -> None:
    """The trigram index of complaints and work orders without the case number, which gets a
    trigram index of its own (see INDEX_KINDS: a number's start no longer reads every number's
    trigrams: TS-2023 took 80 ms a page at a million); and an index on the work order's
    scheduled time (the dispatch board's day, workorders.day_board, read every order)."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "work_order_scheduled_at" ON "work_order" ("scheduled_at")')
    if not is_sqlite(db):
        return
    for table in NUMBER_APART:
        trigram, numbers = f"{table}{INDEX_KINDS['trigram']}", f"{table}{INDEX_KINDS['number']}"
        if "number" in _fts_columns(db, trigram):  # rebuilt without it (FTS5 drops no column)
            for trigger in ("ai", "au", "ad"):
                db.execute_sql(f"DROP TRIGGER IF EXISTS {trigram}_{trigger}")
            db.execute_sql(f"DROP TABLE {trigram}")
            create_fts(db, table, kinds=("trigram",))
            fill_fts(db, table, kinds=("trigram",))
        if not db.table_exists(numbers):
            create_fts(db, table, kinds=("number",))
            fill_fts(db, table, kinds=("number",))


def _v10_pg_name_initials(db: Database) -> None:
    """PostgreSQL: step 8's names by their initials (it was SQLite-only, so a server database
    at schema 8 or 9 skipped it): the same side tables, kept by PL/pgSQL triggers, filled."""
    if is_sqlite(db):
        return
    from propdesk.models import name_index

    for table in name_index.NAME_COLUMNS:
        name_index.create_pg(db, table)
        name_index.fill(db, table, progress=lambda done, total: report("names", done, total))


def _v11_pg_number_dates(db: Database) -> None:
    """PostgreSQL only: the number-and-date indexes (models.pg_search.NUMBER_DATES), so that a
    number start's page is looked for among the number's newest matches (issue 20)."""
    if is_sqlite(db):
        return
    from propdesk.models import pg_search

    pg_search.upgrade_number_dates(db)


# Schema 12 (SQLite): a case number carries the day its case was received (TS-20230620-016 is
# received on 2023-06-20: services.core.numbering, made from received_at's day, which nothing
# changes afterwards). The rows where that does not hold (written by another program, or a
# number of another shape) are in a partial index of their own, "{table}_number_misdated", so a
# number start's page sorted by the received time can be read from the number's index alone
# (services.lists.listing, "Dated numbers"). MISDATED is the index's condition; a query must
# repeat it word for word for SQLite to use the index.
MISDATED = "substr(number, 4, 8) <> replace(substr(received_at, 1, 10), '-', '')"
NUMBER_DATED = ("complaint", "work_order")


def misdated_index(table: str) -> str:
    return f"{table}_number_misdated"


def create_misdated_index(db: Database, table: str) -> None:
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{misdated_index(table)}" ON "{table}" ("number") '
                   f"WHERE {MISDATED}")


def _v12_misdated_numbers(db: Database) -> None:
    """SQLite only: the partial index of the complaints and work orders whose number's day is not
    the day they were received (MISDATED; nearly empty), so a number start (TS-2023) finds its
    newest page without walking the years after it: 60 ms at a million, ~300,000 rows walked.
    PostgreSQL's number index carries the received time since step 11 and answers it already.
    One statement per table (a full read of it, ~1 s at a million); Cancel between them."""
    if not is_sqlite(db):
        return
    for table in NUMBER_DATED:  # an index of the numbers: said so, not "search index" again
        report(f"{table}_numbers", 0, 1)
        create_misdated_index(db, table)
        report(f"{table}_numbers", 1, 1)


# Schema 13: the callbacks in the list's order (due date, then id: an index that put anything
# between them could not give that order, and SQLite then sorted every callback) with every key
# their quick search tests (the case's ids, the incident call, the state), in place of the index
# on the due date alone: a page of a term with many matches walks the due dates in the index
# alone and reads a callback only when it matches (services.lists.callback_search._many). The
# model declares it (models.tables, after Callback).
CALLBACK_WALK = "callback_due_cases"


# Schema 13 (SQLite) also: a callback is due on or after the day its case's number carries, and
# the day its own number carries (it is made when the case is handled, after it was received,
# and is due a few days later; it is only ever moved to a later day, services.cases.callbacks).
# The callbacks where that does not hold ("early": written by another program, or a number
# without a day) are listed in callback_early, kept by triggers, so the first page of a number
# start sorted by due date is looked for among the callbacks of the range's first days
# (services.lists.callback_search, "dated"). EARLY is the test, for the callback row "{r}".
_DAY = "substr({n}, 4, 4) || '-' || substr({n}, 8, 2) || '-' || substr({n}, 10, 2)"
_DATED_SHAPE = "'[A-Z][A-Z]-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'"


def _before_day(number: str, due: str) -> str:
    return f"(NOT ({number} GLOB {_DATED_SHAPE}) OR {due} < {_DAY.format(n=number)})"


EARLY = ("(" + _before_day("{r}.number", "{r}.due_date")
         + " OR EXISTS (SELECT 1 FROM complaint c WHERE c.id = {r}.complaint_id AND "
         + _before_day("c.number", "{r}.due_date") + ")"
         + " OR EXISTS (SELECT 1 FROM work_order w WHERE w.id = {r}.work_order_id AND "
         + _before_day("w.number", "{r}.due_date") + "))")


def _create_callback_set(db: Database, name: str, condition: Callable[[str], str]) -> None:
    """The table ``name`` of the callbacks for which ``condition(alias)`` holds (SQL on the row
    ``alias``), and the triggers that keep it: a callback added, moved, renumbered or deleted,
    and its complaint or work order renumbered (SQLite; callback_early, callback_odd)."""
    new = condition("new")
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name}_ai AFTER INSERT ON callback BEGIN "
                   f"INSERT OR IGNORE INTO {name} SELECT new.id WHERE {new}; END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name}_au AFTER UPDATE OF number, due_date, "
                   f"complaint_id, work_order_id ON callback BEGIN DELETE FROM {name} WHERE id = old.id; "
                   f"INSERT OR IGNORE INTO {name} SELECT new.id WHERE {new}; END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name}_ad AFTER DELETE ON callback BEGIN "
                   f"DELETE FROM {name} WHERE id = old.id; END")
    for case, column in (("complaint", "complaint_id"), ("work_order", "work_order_id")):
        db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {case}_{name}_au AFTER UPDATE OF number ON {case} "
                       f"BEGIN DELETE FROM {name} WHERE id IN (SELECT id FROM callback WHERE {column} = new.id); "
                       f"INSERT OR IGNORE INTO {name} SELECT r.id FROM callback r "
                       f"WHERE r.{column} = new.id AND {condition('r')}; END")


def _fill_callback_set(db: Database, name: str, condition: Callable[[str], str]) -> None:
    """The callbacks already there that belong in ``name``, in ranges of ids (so an upgrade says
    how far it is)."""
    top = db.execute_sql("SELECT max(id) FROM callback").fetchone()[0] or 0
    for start in range(0, top + 1, 100_000):
        db.execute_sql(f"INSERT OR IGNORE INTO {name} SELECT r.id FROM callback r "
                       f"WHERE r.id >= ? AND r.id < ? AND {condition('r')}", (start, start + 100_000))
        report("callback", min(start + 100_000, top), top)


def _early(r: str) -> str:
    return EARLY.format(r=r)


def create_callback_early(db: Database) -> None:
    """The table callback_early and the triggers that keep it (SQLite; see EARLY)."""
    _create_callback_set(db, "callback_early", _early)


def fill_callback_early(db: Database) -> None:
    """The early callbacks already there."""
    _fill_callback_set(db, "callback_early", _early)


def _v13_callback_walk(db: Database) -> None:
    """The index CALLBACK_WALK instead of ``callback_due_date`` (~2-5 s at a million callbacks; one
    statement, Cancel before and after it). Both engines: it serves every query by due date
    that the old one did (its first column). SQLite also: callback_early (EARLY), filled
    (~5 s at a million). PostgreSQL's callback list finds a number start through the callback's
    own search column and its window (models.pg_search), and has no use for it."""
    report("callback", 0, 1)
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{CALLBACK_WALK}" ON "callback" '
                   f'("due_date", "id", "complaint_id", "work_order_id", "incident_contact_id", "status")')
    db.execute_sql('DROP INDEX IF EXISTS "callback_due_date"')
    if is_sqlite(db) and not db.table_exists("callback_early"):
        create_callback_early(db)
        fill_callback_early(db)
    report("callback", 1, 1)


# Schema 15 (SQLite): the other orders of the callback list, as callback_early is for the due
# date going up. A callback's own number carries the day it was made (services.core.numbering,
# from the day its case was handled: on or after the day the case's number carries) and it is
# due a few days later (services.cases.callbacks: within three working days, moved later only
# by hand). So, for all but a few callbacks, each of the numbers a number start may match (its
# own, its complaint's, its work order's) carries a day at most ODD_DAYS before its due date,
# and its own number (HF-, services.core.numbering.CALLBACK) a day neither before its case's day
# nor more than ODD_DAYS after it. The few where that does not hold ("odd": due more than
# ODD_DAYS after a number's day, made before its case's day, due before its own day, a number
# that carries no real day, or an own number of another start) are listed in callback_odd, kept
# by triggers, so the first page of a number start sorted by due date going down, or by the
# callback's number either way, is looked for among the callbacks of the range's last (or
# first) days and the odd ones
# (services.lists.listing, "Dated numbers"). ODD is the test, for the callback row "{r}".
ODD_DAYS = 14
_OWN_SHAPE = "'HF-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'"


def _real_day(number: str, shape: str = _DATED_SHAPE) -> str:
    """``number`` has the shape and its eight digits are a day of the calendar (SQLite's date()
    takes 2023-02-30 as it is; moved by '+0 days' it becomes 2023-03-02)."""
    day = _DAY.format(n=number)
    return f"({number} GLOB {shape} AND date({day}, '+0 days') IS {day})"


def _after(day_of: str, value: str) -> str:
    """``value`` (a day) is more than ODD_DAYS after the day the number ``day_of`` carries."""
    return f"{value} > date({_DAY.format(n=day_of)}, '+{ODD_DAYS} days')"


def _odd_case(alias: str, r: str) -> str:
    own = _DAY.format(n=f"{r}.number")
    case = _DAY.format(n=f"{alias}.number")
    return f"(NOT {_real_day(f'{alias}.number')} OR {own} < {case} OR {_after(f'{alias}.number', f'{r}.due_date')})"


# (made more than ODD_DAYS after its case's day: not asked in so many words, it follows from
# the due date, which is neither before the callback's own day nor more than ODD_DAYS after the
# case's: one date() fewer for each callback, which the filling of a million does ~4 times)
ODD = ("(NOT " + _real_day("{r}.number", _OWN_SHAPE) + " OR {r}.due_date < " + _DAY.format(n="{r}.number")
       + " OR " + _after("{r}.number", "{r}.due_date")
       + " OR EXISTS (SELECT 1 FROM complaint c WHERE c.id = {r}.complaint_id AND " + _odd_case("c", "{r}") + ")"
       + " OR EXISTS (SELECT 1 FROM work_order w WHERE w.id = {r}.work_order_id AND " + _odd_case("w", "{r}")
       + "))")


def _odd(r: str) -> str:
    return ODD.replace("{r}", r)


def create_callback_odd(db: Database) -> None:
    """The table callback_odd and the triggers that keep it (SQLite; see ODD)."""
    _create_callback_set(db, "callback_odd", _odd)


def fill_callback_odd(db: Database) -> None:
    """The odd callbacks already there."""
    _fill_callback_set(db, "callback_odd", _odd)


def _v15_callback_odd(db: Database) -> None:
    """SQLite only: callback_odd (ODD), filled (~15 s at a million callbacks under load 5,
    Cancel between ranges of 100,000). PostgreSQL's callback list finds a number start through the callback's
    own search column (models.pg_search), and has no use for it."""
    if not is_sqlite(db):
        return
    report("callback", 0, 1)
    if not db.table_exists("callback_odd"):
        create_callback_odd(db)
        fill_callback_odd(db)
    report("callback", 1, 1)


def _v14_pg_initials_in_order(db: Database) -> None:
    """PostgreSQL only: the initials' side tables keep the row's received time, and their index
    carries it and the id (models.name_index.ORDER_COLUMNS), so a page of initials is sorted
    from that index alone (~2-3 s at a million complaints). SQLite looks its initials up in its
    own way (services.lists.listing) and has no use for it."""
    if is_sqlite(db):
        return
    from propdesk.models import name_index

    for table in name_index.NAME_COLUMNS:
        name_index.upgrade_pg_order(db, table, progress=lambda done, total: report("names", done, total))


# Schema 16 (PostgreSQL): the ids of the voided complaints, which the complaint list leaves out
# by default, in an index of their own (partial, so it holds only them): a count from the indexes
# (services.lists.listing.Listing._pg_count_by_index) takes them from it alone, where the status
# index made it read each voided complaint (19,836 rows at a million, 38 ms).
VOIDED_IDS = "complaint_voided_ids"


def _v16_pg_callback_initials(db: Database) -> None:
    """PostgreSQL only: the callbacks by the initials of their case's name, with the due date
    beside them (models.name_index.CALLBACK_CASES), so a callback page of initials is sorted from
    that index alone as the complaints' are since step 14; and VOIDED_IDS. SQLite finds them its
    own way (its indexes hold the row's id). (Step 15 is SQLite's callback_odd.)"""
    if is_sqlite(db):
        return
    from propdesk.models import name_index

    name_index.create_pg_callbacks(db, progress=lambda done, total: report("names", done, total))
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {VOIDED_IDS} ON complaint (id) WHERE status = 'voided'")


def _v17_phone_digits(db: Database) -> None:
    """A phone written with separators is searched by its digits too (PHONE_SEPARATORS): the
    search indexes' triggers write the new text, and the rows whose phone has separators are
    indexed again (234,085 of 1,000,000 complaints in the benchmark file); the others' text is
    the same as before. PostgreSQL: the search columns' functions, then those rows again."""
    for table, column in PHONE_COLUMNS.items():
        formatted = f"{phone_digits_sql('r.' + column)} <> r.{column}"
        if is_sqlite(db):
            kinds = [k for k in index_kinds(table) if column in index_columns(table, k)]
            for kind in kinds:
                create_fts_triggers(db, table, kind)
            top = db.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
            for start in range(0, top + 1, 50_000):  # in ranges, so the upgrade says how far it is
                rows = f"r.id >= {start} AND r.id < {start + 50_000} AND {formatted}"
                for kind in kinds:
                    db.execute_sql(f"DELETE FROM {table}{INDEX_KINDS[kind]} WHERE rowid IN "
                                   f"(SELECT r.id FROM {table} r WHERE {rows})")
                _index_rows(db, table, kinds, rows)
                report(table, min(start + 50_000, top), top)
        else:
            create_pg_search(db, table)  # (its function and trigger; the rows below)
            db.execute_sql(f"UPDATE {table} r SET {column} = {column} WHERE {formatted}")
            report(table, 1, 1)
    if not is_sqlite(db):  # the callbacks' text holds their case's phone
        from propdesk.models import pg_search

        pg_search.refresh_callback_phones(db)
        report("callback", 1, 1)


# Schema 18: one person's entries of the audit log in the log's order (the time, then the id),
# so the viewer's page for a person is a seek, wherever in the ten years their entries lie. The
# index on staff_id alone (the foreign key's) read a person's entries in the order of their ids
# and sorted them, or (a person with many) the page walked the time's index and tested each
# entry: for someone whose entries all lie years back (a former clerk) it read the whole log
# before the first row (1.8-2.3 s at 5.29 M entries). It replaces the staff_id index (its
# first column serves everything that one did). SQLite keeps the row's id at the end of every
# index entry (the table's key), so (staff_id, at) is (staff_id, at, id) there; PostgreSQL
# names the id. Built at a million complaints (5.29 M entries) in ~10-30 s: the build says how
# far it is and Cancel stops it (build_index).
AUDIT_BY_PERSON = "audit_entry_staff_at"
INDEX_BUILD_OPS_PER_ROW = 10  # SQLite's virtual-machine steps a CREATE INDEX takes per row (measured, 3.40)
INDEX_BUILD_CHECK = 20_000  # steps between two looks at the clock and for Cancel (~2 ms)
INDEX_BUILD_REPORT_S = 0.25  # how often the build reports how far it is


def build_index(db: Database, sql: str, what: str, table: str) -> None:
    """Run the ``CREATE INDEX`` statement ``sql`` on ``table`` as a step's part ``what``: it says
    how far it is and Cancel (the progress callback raising) stops the statement. SQLite: from
    the virtual machine's steps (about INDEX_BUILD_OPS_PER_ROW a row; the rows from the greatest
    id, as rows are never deleted), through a progress handler on the upgrade's connection.
    PostgreSQL: from the server's pg_stat_progress_create_index and pg_cancel_backend
    (models.pg_search.run_parts)."""
    if not is_sqlite(db):
        from propdesk.models import pg_search

        pg_search.run_parts(db, [(what, lambda: db.execute_sql(sql))])
        return
    rows = db.execute_sql(f'SELECT max(id) FROM "{table}"').fetchone()[0] or 0
    total = max(rows * INDEX_BUILD_OPS_PER_ROW, 1)
    state: dict = {"steps": 0, "said": time.monotonic(), "cancel": None}

    def tick() -> int:
        state["steps"] += INDEX_BUILD_CHECK
        if time.monotonic() - state["said"] < INDEX_BUILD_REPORT_S:
            return 0
        state["said"] = time.monotonic()
        try:
            report(what, min(99, 100 * state["steps"] // total), 100)
        except BaseException as cancel:  # noqa: BLE001 - Cancel: the statement is stopped
            state["cancel"] = cancel
            return 1
        return 0

    report(what, 0, 100)
    conn = db.connection()
    conn.set_progress_handler(tick, INDEX_BUILD_CHECK)
    try:
        db.execute_sql(sql)
    except Exception:
        if state["cancel"] is not None:  # ("interrupted": because Cancel was pressed)
            if not conn.in_transaction:
                # SQLite rolled the whole step back itself on the interruption: an empty
                # transaction for the step's own rollback (upgrade) to end
                conn.execute("BEGIN")
            raise state["cancel"] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    report(what, 100, 100)


def _v18_audit_by_person(db: Database) -> None:
    """AUDIT_BY_PERSON in place of the index on ``audit_entry.staff_id``."""
    columns = '"staff_id", "at"' if is_sqlite(db) else '"staff_id", "at", "id"'
    build_index(db, f'CREATE INDEX IF NOT EXISTS "{AUDIT_BY_PERSON}" ON "audit_entry" ({columns})',
                "audit", "audit_entry")
    db.execute_sql('DROP INDEX IF EXISTS "audit_entry_staff_id"')


# Schema 19 (SQLite): the ids of the callbacks made on each day. A callback's own number carries
# the day it was made (services.core.numbering.CALLBACK), and all but the odd ones (callback_odd,
# ODD) carry a day neither before the day of the number of their case nor more than ODD_DAYS
# after it. So every callback a number start matches, but the odd ones, was made on a day from
# the range's first number's day to ODD_DAYS after its last one's, and its id lies between the
# least and the greatest id of the callbacks made on those days: CALLBACK_DAYS (callback_day_ids) keeps those two
# for each day (a callback added or renumbered widens its day's; nothing narrows one, so a
# callback deleted or renumbered away leaves it wider than it need be, never too narrow). The
# callback list's page of a number start sorted by status walks each status's callbacks
# between those ids in their index's order, testing each one's numbers, instead of collecting
# and sorting every match (services.lists.listing, "Numbers by status"). Ids out of step with
# the days (an import in any order) only make the span wider.
CALLBACK_DAYS = "callback_day_ids"


def create_callback_days(db: Database) -> None:
    """The table CALLBACK_DAYS and the triggers that keep it (SQLite)."""
    own = _real_day("new.number", _OWN_SHAPE)
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {CALLBACK_DAYS} (day TEXT PRIMARY KEY, "
                   "low INTEGER NOT NULL, high INTEGER NOT NULL) WITHOUT ROWID")
    widen = ("ON CONFLICT (day) DO UPDATE SET low = min(low, excluded.low), "
             "high = max(high, excluded.high)")
    for name, event in (("ai", "AFTER INSERT ON callback"), ("au", "AFTER UPDATE OF number ON callback")):
        db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {CALLBACK_DAYS}_{name} {event} BEGIN "
                       f"INSERT INTO {CALLBACK_DAYS} (day, low, high) SELECT substr(new.number, 4, 8), "
                       f"new.id, new.id WHERE {own} {widen}; END")


def fill_callback_days(db: Database) -> None:
    """The days of the callbacks already there, in ranges of ids (so an upgrade says how far it
    is, and Cancel stops it between two)."""
    own = _real_day("number", _OWN_SHAPE)
    top = db.execute_sql("SELECT max(id) FROM callback").fetchone()[0] or 0
    for start in range(0, top + 1, 100_000):
        db.execute_sql(f"INSERT INTO {CALLBACK_DAYS} (day, low, high) SELECT substr(number, 4, 8), min(id), "
                       f"max(id) FROM callback WHERE id >= ? AND id < ? AND {own} GROUP BY 1 "
                       "ON CONFLICT (day) DO UPDATE SET low = min(low, excluded.low), "
                       "high = max(high, excluded.high)", (start, start + 100_000))
        report("callback", min(start + 100_000, top), top)


# Schema 19 (both engines) also, a data fix: work orders that an older PropDesk sent back for rework
# kept the first visit's appointment (window_start, window_end, scheduled_at), so the repair
# notice, the technician's list and the board showed the first visit's time as the redo's.
# services.cases.workorders.rework clears them now; this step clears what the older one left,
# for the orders in rework whose appointment was agreed before their last rework entry in the
# log: the window (start and end together) unless an entry after that one changed it, the
# scheduled time likewise (a redo assigned again without a new window keeps its new time).
# Each order changed gets one entry (REWORK_APPOINTMENT, staff none) with the old values, as
# the rework's own entry keeps them today; nothing else is touched. An order in rework with no
# rework entry (its history unknown) is left as it is.
REWORK_APPOINTMENT = "rework_appointment"  # the entry's action (services.core.audit_log.ACTION_LABELS)
_WINDOW_FIELDS = ("window_start", "window_end")


def _v19_callback_days_and_reworks(db: Database) -> None:
    """SQLite: CALLBACK_DAYS, filled (~1-2 s at a million callbacks). Both engines: clear the
    first visit's appointment left on orders in rework (see REWORK_APPOINTMENT). PostgreSQL's
    callback list finds a number start through the callback's own search column
    (models.pg_search), and has no use for the days."""
    if is_sqlite(db) and not db.table_exists(CALLBACK_DAYS):
        report("callback", 0, 1)
        create_callback_days(db)
        fill_callback_days(db)
    from peewee import fn

    from propdesk.models.tables import AuditChange, AuditEntry, WorkOrder, now

    def later(wo_id: int, after: int, fields: tuple[str, ...]) -> bool:
        """An entry of the order after ``after`` changed one of ``fields``."""
        return (AuditChange.select(AuditChange.id).join(AuditEntry, on=(AuditChange.entry == AuditEntry.id))
                .where((AuditEntry.entity == "work_order") & (AuditEntry.entity_id == wo_id)
                       & (AuditEntry.id > after) & AuditChange.field.in_(fields)).exists())

    def text(value) -> str | None:  # as services.core.audit writes a time
        return None if value is None else value.isoformat(sep=" ")

    orders = list(WorkOrder.select(WorkOrder.id, WorkOrder.window_start, WorkOrder.window_end,
                                   WorkOrder.scheduled_at)
                  .where((WorkOrder.status == "rework")
                         & (WorkOrder.window_start.is_null(False) | WorkOrder.window_end.is_null(False)
                            | WorkOrder.scheduled_at.is_null(False)))
                  .order_by(WorkOrder.id))
    report("rework", 0, len(orders))
    for done, wo in enumerate(orders, 1):
        last = (AuditEntry.select(fn.MAX(AuditEntry.id))
                .where((AuditEntry.entity == "work_order") & (AuditEntry.entity_id == wo.id)
                       & (AuditEntry.action == "rework")).scalar())
        if last is not None:
            cleared: dict = {}
            if (wo.window_start or wo.window_end) and not later(wo.id, last, _WINDOW_FIELDS):
                cleared.update(window_start=wo.window_start, window_end=wo.window_end)
            if wo.scheduled_at and not later(wo.id, last, ("scheduled_at",)):
                cleared["scheduled_at"] = wo.scheduled_at
            cleared = {f: v for f, v in cleared.items() if v is not None}
            if cleared:
                WorkOrder.update({getattr(WorkOrder, f): None for f in cleared}).where(
                    WorkOrder.id == wo.id).execute()
                entry = AuditEntry.insert(at=now(), staff=None, entity="work_order", entity_id=wo.id,
                                          action=REWORK_APPOINTMENT, note="").execute()
                AuditChange.insert_many([{"entry": entry, "field": f, "old": text(v), "new": None}
                                         for f, v in cleared.items()]).execute()
        report("rework", done, len(orders))


MIGRATIONS = {1: _v1_initial, 2: _v2_related_cases, 3: _v3_short_term_index, 4: _v4_callback_index,
              5: _v5_callback_promised_index,
              6: _v6_fees, 7: _v7_pg_short_terms, 8: _v8_name_initials, 9: _v9_numbers_apart,
              10: _v10_pg_name_initials, 11: _v11_pg_number_dates,
              12: _v12_misdated_numbers, 13: _v13_callback_walk,
              14: _v14_pg_initials_in_order, 15: _v15_callback_odd, 16: _v16_pg_callback_initials,
              17: _v17_phone_digits, 18: _v18_audit_by_person,
              19: _v19_callback_days_and_reworks}
