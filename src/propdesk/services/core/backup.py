"""Backups that restore: copies made with SQLite's online backup API, checked, kept for a while.

* ``backup_now(dest=None)`` copies the open database, consistently, while desks go on working,
  into ``config.backup_dir()`` under a dated name (``propdesk-20261124-103000.db``) or into
  ``dest``. The copy is written beside its final name and renamed only once it passed
  ``PRAGMA quick_check``, so a backup file is never half a database.
* ``automatic_backup("start" | "exit")``: at the first start of each day, and on exit only if the
  office chose so (setting ``backup_on_exit``) (``...-auto.db``); only automatic copies are
  pruned, keeping the newest ``backup_keep`` (setting, default 14) and no more than
  ``backup_space_mb`` together (default 5,000 MB; the newest copy is always kept): the disk
  budget, so fourteen copies of a 1.6 GB file no longer take 23 GB. The copies kept aside by
  restores (``-before-restore``, ``-damaged``) are pruned the same way, each kind apart. Copies
  are not business records, so deleting old ones is fine; manual backups are never deleted. ``automatic_policy()`` reads the settings once (on the thread that has the
  database), so the copy itself can run on another thread: it uses plain sqlite3 connections
  of its own and touches no model (the GUI runs it after the window shows, and on exit after
  the window closed and the instance lock was released).
* ``restore(actor, file)``: supervisors and administrators. The file must pass
  ``check_database`` and be a PropDesk database no newer than this program. The current
  database is kept aside (``...-before-restore.db``: exactly as last committed) and replaced
  through the backup API under ONE write lock (the copy aside is taken after the overwrite's
  first step, while its lock is held): nothing another desk commits is in neither, other desks
  wait and then see the restored data, and the number counters never go back (no number kept
  aside is given again). Then it is brought up to the current schema. The restore is
  audited in the restored database (who, from which file, where the old one was kept).
* ``check_database(path)`` / ``diagnose(path)`` (also says why): ``ok`` / ``damaged`` /
  ``not_a_database`` / ``missing`` (no file or an empty one) / ``busy`` (another program holds
  a lock) / ``unreadable`` (permissions, a read-only folder or drive). A busy or unreadable
  file may be perfectly good: it is never replaced, only told about. The GUI asks before
  opening the database.
* ``restore_unusable(file, location, by)``: the start-up path when the database is damaged, not
  a database or missing. Nobody can sign in to such a file, so ``by`` signs in with an account
  inside the backup being restored (``sign_in_with_backup``: a supervisor or administrator
  there). Refused when the database is in fact healthy, busy or unreadable.

On a PostgreSQL server ``backup_now`` and ``restore`` hand over to ``services.core.pg_backup``
(pg_dump / pg_restore, the same sign-in, role check, audit and pruning); the automatic copies and
the file checks are the SQLite file's alone.
"""
from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from propdesk import config
from propdesk.errors import PermissionDenied, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models import database
from propdesk.models.db import SCHEMA_VERSION, is_sqlite, upgrade
from propdesk.models.enums import Role
from propdesk.models.tables import Staff
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import calendar
from propdesk.services.core import file_check
from propdesk.services.core import leftovers
from propdesk.services.core import settings
from propdesk.services.core.db_retry import transaction

log = logging.getLogger(__name__)

OK, DAMAGED, NOT_A_DATABASE, MISSING = "ok", "damaged", "not_a_database", "missing"
# the file may be perfectly good, but cannot be read or written now: never overwritten for that
BUSY, UNREADABLE = "busy", "unreadable"
IN_USE_OR_UNREADABLE = (BUSY, UNREADABLE)
ENTITY = "database"
AUTO, BEFORE_RESTORE, DAMAGED_KIND = "auto", "before-restore", "damaged"
PREFIX = "propdesk-"
DEFAULT_KEEP = 14
DEFAULT_SPACE_MB = 5000
_HEADER = b"SQLite format 3\x00"

MSG_POSTGRES = QT_TRANSLATE_NOOP(
    "rules", "This database is on a PostgreSQL server: back it up with the server's own tools "
             "(pg_dump).")
MSG_CANNOT_WRITE = QT_TRANSLATE_NOOP(
    "rules", "The backup could not be written to {folder}: the folder is read-only, missing or "
             "full. Choose another folder. ({error})")
MSG_COPY_BAD = QT_TRANSLATE_NOOP(
    "rules", "The backup copy failed its check and was not kept. The database itself may be "
             "damaged; details are in the log file.")
MSG_NO_FILE = QT_TRANSLATE_NOOP("rules", "{label}: {path} does not exist.")
MSG_NOT_DB = QT_TRANSLATE_NOOP("rules", "{label}: {path} is not a PropDesk database.")
MSG_DAMAGED = QT_TRANSLATE_NOOP("rules", "{label}: {path} is damaged and cannot be restored.")
MSG_TOO_NEW = QT_TRANSLATE_NOOP(
    "rules", "{label}: {path} was made by a newer PropDesk. Install the newer version first.")
MSG_CANNOT_REPLACE = QT_TRANSLATE_NOOP(
    "rules", "The database could not be replaced: {error}. Nothing was changed.")
MSG_UNUSABLE = QT_TRANSLATE_NOOP(
    "rules", "The database {path} is {status}. Restore a backup: propdesk restore FILE "
             "(the newest good one is {latest}).")
MSG_WRITTEN = QT_TRANSLATE_NOOP("rules", "Backup written: {path}")
MSG_RESTORED = QT_TRANSLATE_NOOP(
    "rules", "Restored from {file}. The database as it was before is kept in {aside}.")
MSG_SIGN_IN = QT_TRANSLATE_NOOP(
    "rules", "Restoring needs a supervisor or administrator: give --user, and the password "
             "in PROPDESK_PASSWORD or when asked.")
STATUS_LABELS = {
    OK: QT_TRANSLATE_NOOP("rules", "in good order"),
    DAMAGED: QT_TRANSLATE_NOOP("rules", "damaged"),
    NOT_A_DATABASE: QT_TRANSLATE_NOOP("rules", "not a database"),
    MISSING: QT_TRANSLATE_NOOP("rules", "missing"),
    BUSY: QT_TRANSLATE_NOOP("rules", "busy (another program holds it locked)"),
    UNREADABLE: QT_TRANSLATE_NOOP("rules", "not readable or not writable here (permissions, a "
                                           "read-only folder or drive)"),
}
MSG_NOT_NOW = QT_TRANSLATE_NOOP(
    "rules", "The database {path} is {status}: {reason}. It was not changed and nothing was "
             "replaced. Close the other program or fix the folder's permissions, then try again.")
MSG_WRONG_IN_BACKUP = QT_TRANSLATE_NOOP(
    "rules", "Wrong user name or password for the backup {file}: restoring over a damaged "
             "database signs in with an account of the backup being restored (a supervisor or "
             "administrator).")
MSG_HEALTHY = QT_TRANSLATE_NOOP(
    "rules", "The database is in good order: restoring it needs a supervisor or administrator "
             "to sign in.")


def status_label(status: str) -> str:
    from propdesk.i18n import translate

    return translate("rules", STATUS_LABELS[status])


# --- checks -----------------------------------------------------------------------------------

FULL_CHECK_LIMIT = 256 * 2**20  # bytes: up to here every page is read (about 1 s per 160 MB)


def check_database(path: str | Path, full: bool | None = None) -> str:
    """``ok``, ``damaged``, ``not_a_database``, ``missing`` (no file, or an empty one), ``busy``
    (locked by another program) or ``unreadable`` (permissions, a read-only folder): see
    :func:`diagnose`, which also says why."""
    return diagnose(path, full)[0]


def _unusable_reason(err: BaseException) -> str | None:
    """BUSY or UNREADABLE for errors that say nothing about the file's content."""
    text = str(err).lower()
    if isinstance(err, PermissionError) or "permission" in text or "readonly" in text \
            or "read-only" in text or "unable to open" in text or "disk i/o" in text:
        return UNREADABLE
    if "locked" in text or "busy" in text:
        return BUSY
    if isinstance(err, OSError) and not isinstance(err, FileNotFoundError):
        return UNREADABLE
    return None


CHECK_TIMEOUT = 5.0  # seconds a check waits for another program's lock before saying "busy"


def _probe_writable(path: Path) -> None:
    """Raise OSError unless the file can be opened for writing and its folder takes new files
    (SQLite needs both: the journal or WAL lives beside it). Writes nothing into the file;
    works for root too (modes, read-only mounts, immutable files and folders)."""
    with path.open("r+b"):
        pass
    import tempfile

    with tempfile.TemporaryFile(dir=path.parent, prefix=".propdesk-probe-"):
        pass


def _open_here(path: Path) -> bool:
    """Whether ``path`` is the office's database this process works on through SQLite (the
    desk signed in, the file check beside the sign-in, a backup of the open file). Such a file
    is never opened with open(): closing that descriptor drops every POSIX lock this process
    holds on the file, SQLite's own included (sqlite.org/howtocorrupt.html, 2.2), and the next
    program to open and close it takes itself for the last connection, checkpoints and deletes
    the -wal the desk still writes into: every later commit of the desk is lost."""
    db = database.obj
    if db is None or not is_sqlite(db) or not getattr(db, "open_connections", 0):
        return False
    try:
        return os.path.samefile(db.database, path)
    except (OSError, TypeError, ValueError):
        return False


def diagnose(path: str | Path, full: bool | None = None) -> tuple[str, str]:
    """(status, reason): the status as :func:`check_database` and, for anything but ``ok``,
    what is wrong in the words of the system or SQLite (for the message and the log).

    The header must be SQLite's and the file as long as the header says (a truncated copy is
    caught here, at once); then ``PRAGMA quick_check`` reads every page. For files over
    ``FULL_CHECK_LIMIT`` (unless ``full``) only the schema and the header are read, so that
    start-up stays quick on a very large database. The database this process has open is read
    through SQLite only (its header was read before it was opened; :func:`_open_here`)."""
    path = Path(path)
    wal = Path(f"{path}-wal")
    try:
        if _open_here(path):
            return _sqlite_check(path, path.stat().st_size <= FULL_CHECK_LIMIT if full is None else full)
        if not path.exists():
            return MISSING, "no file"
        if not path.is_file():
            return NOT_A_DATABASE, "not a file"
        size = path.stat().st_size
        has_wal = wal.is_file() and wal.stat().st_size > 0  # committed pages not yet in the file
        if size == 0 and not has_wal:
            return MISSING, "empty file"
        with path.open("rb") as fh:
            header = fh.read(100)
        _probe_writable(path)
    except OSError as err:
        log.warning("cannot read %s: %s", path, err)
        return (_unusable_reason(err) or UNREADABLE), err.strerror or str(err)
    if size and (header[:16] != _HEADER or len(header) < 100):
        return NOT_A_DATABASE, "no SQLite header"
    if size and not has_wal:  # with a WAL, SQLite's recovery decides (a checkpoint may be half done)
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        valid_count = header[24:28] == header[92:96]  # the page count is kept up to date
        if valid_count and pages and size < page_size * pages:
            log.warning("%s is %s bytes, its header says %s pages of %s", path, size, pages, page_size)
            return DAMAGED, f"truncated: {size} bytes, the header says {pages} pages of {page_size}"
    return _sqlite_check(path, size <= FULL_CHECK_LIMIT if full is None else full)


def _sqlite_check(path: Path, full: bool) -> tuple[str, str]:
    """``PRAGMA quick_check`` (``full``) or the schema read, through SQLite: never a descriptor
    of this process's own that SQLite does not know about."""
    try:
        con = sqlite3.connect(path, timeout=CHECK_TIMEOUT)
        try:
            if full:
                rows = con.execute("PRAGMA quick_check").fetchall()
            else:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
                rows = [("ok",)]
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        log.warning("quick_check of %s failed: %s", path, err)
        busy_or_unreadable = _unusable_reason(err)
        if busy_or_unreadable:
            return busy_or_unreadable, str(err)
        return (NOT_A_DATABASE if "not a database" in str(err) else DAMAGED), str(err)
    if rows != [("ok",)]:
        log.warning("quick_check of %s: %s", path, rows[:5])
        return DAMAGED, "; ".join(str(r[0]) for r in rows[:3])
    return OK, ""


def _read_only(path: str | Path) -> sqlite3.Connection:
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)


def schema_of(path: str | Path) -> int | None:
    """The PropDesk schema version stored in the file, or None if it is not a PropDesk file."""
    try:
        con = _read_only(path)
        try:
            row = con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
        finally:
            con.close()
        return int(row[0]) if row else None
    except (sqlite3.DatabaseError, ValueError):
        return None


def has_tables(path: str | Path) -> bool:
    """Whether the SQLite file holds any table (a file without PropDesk's settings table but
    with tables of its own is another program's database)."""
    try:
        con = _read_only(path)
        try:
            return con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return True


def _check_backup_file(file: str | Path) -> Path:
    path = Path(file)
    from propdesk.services.core.validation import label

    params = {"field": "file", "label": label("file"), "path": str(path)}
    status = check_database(path)
    if status == MISSING:
        raise RuleError(MSG_NO_FILE, **params)
    if status == DAMAGED:
        raise RuleError(MSG_DAMAGED, **params)
    version = schema_of(path) if status == OK else None
    if version is None:
        raise RuleError(MSG_NOT_DB, **params)
    if version > SCHEMA_VERSION:
        raise RuleError(MSG_TOO_NEW, **params)
    return path


# --- making copies ----------------------------------------------------------------------------

def current_location() -> Path:
    db = database.obj
    if not is_sqlite(db):
        raise RuleError(MSG_POSTGRES)
    return Path(db.database)


def _dated_name(kind: str = "", when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"{PREFIX}{when:%Y%m%d-%H%M%S}" + (f"-{kind}" if kind else "") + ".db"


def _free(path: Path) -> Path:
    """``path``, or if taken ``name-N`` with N above every copy of that name (so that names
    made within one second still sort in the order they were made)."""
    taken = [1] if path.exists() else []
    for other in path.parent.glob(f"{path.stem}-*{path.suffix}"):
        tail = other.stem[len(path.stem) + 1:]
        if tail.isdigit():
            taken.append(int(tail))
    if not taken:
        return path
    return path.with_name(f"{path.stem}-{max(taken) + 1}{path.suffix}")


def _copy(source: Path, dest: Path, dated: bool = False, live: bool = False) -> Path:
    """Online backup of ``source`` into ``dest`` (through a hidden temporary name that says
    which computer and process writes it), checked; returns the file written. What killed
    copies left in that folder is removed first (gigabytes each at a million complaints), never
    a copy still being made. ``dated``: ``dest`` is a dated name of the backup folder, which
    another copy (another desk's, or this desk's own in the same second) may take meanwhile:
    then the copy takes the next free name instead of replacing the other."""
    tmp = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = leftovers.create_temp(dest.parent, ".db")
        remove_leftovers(dest.parent, now=tmp.stat().st_mtime)
        src = _read_only(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a copy is one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error) as err:
        log.warning("backup of %s to %s failed: %s", source, dest, err)
        if tmp is not None:
            _remove_copy(tmp)
        raise RuleError(MSG_CANNOT_WRITE, field="file", folder=str(dest.parent), error=str(err)) from err
    if check_database(tmp) != OK:
        _remove_copy(tmp)
        if live:  # the open database itself may be damaged: then nothing more is written to it
            status, reason = diagnose(source, full=True)
            if status in (DAMAGED, NOT_A_DATABASE):
                file_check.found(str(source), status, reason)
        raise RuleError(MSG_COPY_BAD)
    try:
        return _place(tmp, dest) if dated else _replace(tmp, dest)
    except OSError as err:
        _remove_copy(tmp)
        raise RuleError(MSG_CANNOT_WRITE, field="file", folder=str(dest.parent), error=str(err)) from err


def _replace(tmp: Path, dest: Path) -> Path:
    os.replace(tmp, dest)
    return dest


def _place(tmp: Path, dest: Path) -> Path:
    """``tmp`` under the name ``dest``, or the next free one if that is taken by then: a hard
    link fails rather than replace a file, where the disk has them (a FAT stick or some
    network shares have not: there the name is checked just before the rename)."""
    for _ in range(100):
        try:
            os.link(tmp, dest)
        except FileExistsError:
            dest = _free(dest)
            continue
        except OSError:
            if dest.exists():
                dest = _free(dest)
                continue
            return _replace(tmp, dest)
        _remove_quietly(tmp)
        return dest
    raise FileExistsError(errno.EEXIST, "no free name", str(dest))


# a copy's temporary name before PropDesk 0.2 (no computer or process in it):
# propdesk-20261201-223326-auto.db.part (and SQLite's side files of it), a server's .dump.part
_OLD_PART = re.compile(re.escape(PREFIX) + r"[0-9]{8}-[0-9]{6}[-A-Za-z0-9]*"
                       r"\.(?:db\.part(?:-journal|-wal|-shm)?|dump\.part)", re.ASCII)


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove what killed copies left in ``folder``: hidden temporary files of a process that
    has ended (:mod:`leftovers`), and the ``.part`` files of older PropDesks untouched for
    ``leftovers.STALE_AFTER``. What cannot be removed is left alone. ``now``: the folder's
    clock (a new file's time), not this desk's."""
    removed = leftovers.remove_stale(folder, now)
    try:
        old = [p for p in Path(folder).iterdir() if _OLD_PART.fullmatch(p.name)]
    except OSError:
        return removed
    limit = (now if now is not None else time.time()) - leftovers.STALE_AFTER.total_seconds()
    for path in old:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    if removed:
        log.info("removed what killed backups left: %s", ", ".join(p.name for p in removed))
    return removed


def _remove_copy(tmp: Path) -> None:
    """A copy that failed, with the side file SQLite may have left beside it."""
    for path in (tmp, tmp.with_name(tmp.name + "-journal")):
        _remove_quietly(path)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def file_suffix() -> str:
    """What a backup of the open database is called: ``.db`` (a SQLite file) or ``.dump``."""
    return ".db" if is_sqlite(database.obj) else ".dump"


def backup_now(dest: str | Path | None = None, kind: str = "", progress=None, should_cancel=None,
               actor: Staff | None = None) -> Path:
    """Copy the open database to ``dest`` (a file, or a folder for a dated name) or into the
    backup folder under a dated name. Returns the file written. ``progress`` and
    ``should_cancel``: a server's pg_dump only (pg_backup; a SQLite copy takes seconds; ``actor``
    is audited when it is cancelled)."""
    if not is_sqlite(database.obj):
        from propdesk.services.core import pg_backup

        return pg_backup.backup_now(dest, kind, progress=progress, should_cancel=should_cancel, actor=actor)
    source = current_location()
    if dest is None:
        folder = config.backup_dir()
        target = _free(folder / _dated_name(kind))
    else:
        target = Path(dest)
        if target.is_dir():
            target = _free(target / _dated_name(kind))
    target = _copy(source, target, dated=dest is None or Path(dest).is_dir(), live=True)
    log.info("database backed up to %s", target)
    return target


def _parse(path: Path) -> tuple[str, int, str] | None:
    """(date-time, same-second counter, kind) of a dated copy's name, or None."""
    parts = path.stem[len(PREFIX):].split("-")  # date, time, [kind words...], [n]
    if len(parts) < 2 or not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    rest = parts[2:]
    n = int(rest.pop()) if rest and rest[-1].isdigit() else 1
    return f"{parts[0]}-{parts[1]}", n, "-".join(rest)


def backups(kind: str | None = None) -> list[Path]:
    """Dated copies in the backup folder, newest first (``kind`` "auto", "" for manual...)."""
    found = []
    for path in config.backup_dir().glob(f"{PREFIX}*.db"):
        parsed = _parse(path)
        if parsed and (kind is None or parsed[2] == kind):
            found.append((parsed[:2], path))
    return [path for _key, path in sorted(found, reverse=True)]


def keep_count() -> int:
    try:
        return max(1, int(settings.get("backup_keep") or DEFAULT_KEEP))
    except ValueError:
        return DEFAULT_KEEP


def space_budget() -> int:
    """Bytes the automatic copies may take together (setting ``backup_space_mb``)."""
    try:
        return max(1, int(settings.get("backup_space_mb") or DEFAULT_SPACE_MB)) * 1_000_000
    except ValueError:
        return DEFAULT_SPACE_MB * 1_000_000


@dataclass(frozen=True)
class Policy:
    """What the automatic backups may do, read from the settings once (see the module doc)."""

    keep: int = DEFAULT_KEEP
    space: int = DEFAULT_SPACE_MB * 1_000_000
    on_exit: bool = False
    source: Path | None = None  # None: not a SQLite file, nothing to copy


def automatic_policy() -> Policy:
    db = database.obj
    return Policy(keep=keep_count(), space=space_budget(),
                  on_exit=(settings.get("backup_on_exit") or "0") == "1",
                  source=Path(db.database) if is_sqlite(db) else None)


def prune(policy: Policy | None = None) -> list[Path]:
    """Delete automatic copies, and the copies kept aside by restores, beyond the newest
    ``keep`` of each kind and, oldest first, while a kind takes more than the disk budget (the
    newest stays). Returns what was deleted."""
    policy = policy or automatic_policy()
    deleted = []
    for kind in (AUTO, BEFORE_RESTORE, DAMAGED_KIND):
        copies = backups(kind)
        old = copies[policy.keep:]
        kept = copies[:policy.keep]
        sizes = {p: _size(p) for p in kept}
        while len(kept) > 1 and sum(sizes.values()) > policy.space:
            old.insert(0, kept.pop())
            sizes.pop(old[0])
        for path in old:
            _remove_quietly(path)
            log.info("old %s copy deleted: %s", kind, path)
        deleted += old
    return deleted


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def automatic_backup(when: str = "start", today: dt.date | None = None,
                     policy: Policy | None = None) -> Path | None:
    """At ``start``: a copy if none was made today. At ``exit``: a copy if the office chose so.
    Then old automatic copies are pruned. Returns the new file, or None when nothing was to be
    done (or the database is not a SQLite file). With a ``policy`` (read beforehand) it touches
    no model, so it may run on any thread."""
    policy = policy or automatic_policy()
    if policy.source is None:
        return None
    today = today or dt.date.today()
    if when == "start" and any(p.name.startswith(f"{PREFIX}{today:%Y%m%d}-") for p in backups(AUTO)):
        return None
    if when == "exit" and not policy.on_exit:
        return None
    target = _copy(policy.source, _free(config.backup_dir() / _dated_name(AUTO)), dated=True, live=True)
    log.info("database backed up to %s", target)
    prune(policy)
    return target


def latest_good_backup() -> Path | None:
    """The newest copy in the backup folder that passes the checks a restore makes."""
    for path in sorted(backups(), key=lambda p: p.stat().st_mtime, reverse=True):
        if check_database(path) == OK and 0 < (schema_of(path) or 0) <= SCHEMA_VERSION:
            return path
    return None


# --- restoring --------------------------------------------------------------------------------

SQLITE_OK, SQLITE_DONE = 0, 101


def _load_under_one_lock(path: Path, aside: Path) -> None:
    """Replace the open database's content with the backup ``path``, keeping the database as
    it was in ``aside``, both under one write lock: nothing another desk commits can fall
    between the copy aside and the overwrite.

    SQLite's backup API holds the destination's write lock from its first step until it is
    done. The copy is made page by page; after the first step (the lock is ours, nothing is
    committed yet) the live file, as last committed, is copied aside, and the backup's
    number counters are raised to the live ones (through the backup's own connection, so the
    copy follows), so that no TS-/PG-/HF- number kept aside is ever given again. Other desks
    wait (their transactions retry) and then write into the restored database."""
    # a private, writable copy (the counters are raised in it), under a name that tells the
    # next backup whether it is a killed restore's leftover (leftovers)
    folder = config.backup_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = leftovers.create_temp(folder, ".db")
    except OSError as err:
        raise RuleError(MSG_CANNOT_WRITE, field="file", folder=str(folder), error=str(err)) from err
    _copy(path, source)
    state: dict[str, object] = {}

    def under_the_lock(status: int, _remaining: int, _total: int) -> None:
        if "aside" in state or status != SQLITE_OK:  # BUSY/LOCKED: another desk is saving
            if status == SQLITE_DONE and "aside" not in state:
                raise RuleError(MSG_CANNOT_REPLACE, error="the backup has a single page")
            return
        _copy(current_location(), aside)  # the database exactly as last committed
        _raise_counters(src, aside)
        state["aside"] = aside

    try:
        src = sqlite3.connect(source)
        try:
            src.backup(database.connection(), pages=1, progress=under_the_lock, sleep=0.05)
        finally:
            src.close()
    finally:
        _remove_quietly(source)
    if "aside" not in state:
        raise RuleError(MSG_CANNOT_REPLACE, error="no copy aside")


def _raise_counters(src: sqlite3.Connection, aside: Path) -> None:
    """Every number counter in ``src`` at least as high as in ``aside``."""
    con = _read_only(aside)
    try:
        rows = con.execute("SELECT prefix, day, last FROM sequence").fetchall()
    finally:
        con.close()
    for prefix, day, last in rows:
        updated = src.execute("UPDATE sequence SET last = max(last, ?) WHERE prefix = ? AND day = ?",
                              (last, prefix, day)).rowcount
        if not updated:
            src.execute("INSERT INTO sequence (prefix, day, last) VALUES (?, ?, ?)", (prefix, day, last))
    src.commit()


def restore(actor: Staff, file: str | Path, progress=None, should_cancel=None) -> Path:
    """Replace the database with a backup (supervisor or administrator). Returns where the
    database as it was before has been kept (taken under the same write lock as the
    overwrite). Old copies aside are pruned like automatic backups. ``progress`` and
    ``should_cancel``: a server's pg_restore only (pg_backup)."""
    accounts.require(actor, "backup.restore", ENTITY, 0)  # before any transaction
    if not is_sqlite(database.obj):
        from propdesk.services.core import pg_backup

        return pg_backup.restore(actor, file, progress=progress, should_cancel=should_cancel)
    path = _check_backup_file(file)
    current_location()
    aside = _free(config.backup_dir() / _dated_name(BEFORE_RESTORE))
    try:
        _load_under_one_lock(path, aside)  # one write transaction: all of it or nothing
    except sqlite3.Error as err:
        log.exception("restore from %s failed", path)
        _remove_quietly(aside)
        raise RuleError(MSG_CANNOT_REPLACE, error=str(err)) from err
    file_check.restored()  # the content is now the checked backup's: writes may go on
    upgrade(database.obj, str(current_location()))
    calendar.invalidate_cache()
    # the person may not exist in the restored data: then the note names them
    known = Staff.get_or_none((Staff.id == actor.id) & (Staff.username == actor.username))
    with transaction():
        audit.record(known, ENTITY, 0, "restore",
                     note=f"{path.name} ({actor.name} {actor.username}); kept aside: {aside.name}")
    log.info("database restored from %s by %s; previous kept as %s", path, actor.username, aside)
    prune()
    return aside


def sign_in_with_backup(file: str | Path, username: str, password: str) -> Staff:
    """Nobody can sign in to a damaged or missing database: a restore over it signs in with an
    account inside the backup being restored (read only; a supervisor or administrator there).
    Returns the account as an unsaved Staff (its id and name as in the backup)."""
    path = _check_backup_file(file)
    row = None
    if isinstance(username, str) and isinstance(password, str) and "\x00" not in username:
        try:
            con = _read_only(path)
            try:
                row = con.execute(
                    "SELECT id, username, name, role, password_hash FROM staff "
                    "WHERE username = ? AND active = 1", (username.strip(),)).fetchone()
            finally:
                con.close()
        except sqlite3.Error as err:
            log.warning("accounts of %s cannot be read: %s", path, err)
    right = accounts.check_password(password if isinstance(password, str) else "", row[4] if row else None)
    if not right:
        log.warning("restore from %s: sign-in as %r refused", path, username)
        raise RuleError(MSG_WRONG_IN_BACKUP, field="password", file=path.name)
    staff = Staff(id=row[0], username=row[1], name=row[2], role=row[3], active=True)
    if not accounts.can(staff, "backup.restore"):  # no audit here: the database is unusable
        log.warning("restore from %s: %s may not restore", path, username)
        raise PermissionDenied(accounts.MSG_DENIED, role=Role(staff.role).label(),
                               action=translate("rules", accounts.ACTION_LABELS["backup.restore"]))
    return staff


def restore_unusable(file: str | Path, location: str | Path, by: Staff) -> Path | None:
    """Put a backup in place of a damaged, foreign or missing database file at ``location``
    (nothing is open on it), for ``by``, signed in with :func:`sign_in_with_backup`. The
    unusable file is kept aside in the backup folder; returns where (None if there was no
    file). The restore is audited in the restored database. A busy or unreadable file is
    never replaced: it may be perfectly good."""
    location = Path(location)
    status, reason = diagnose(location)
    if status == OK:
        raise RuleError(MSG_HEALTHY)
    if status in IN_USE_OR_UNREADABLE:
        raise RuleError(MSG_NOT_NOW, path=str(location), status=status_label(status), reason=reason)
    path = _check_backup_file(file)
    if by is None or not accounts.can(by, "backup.restore"):
        raise RuleError(MSG_SIGN_IN)
    aside = None
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        if status != MISSING or location.exists():
            aside = _free(config.backup_dir() / _dated_name(DAMAGED_KIND))
            shutil.copy2(location, aside)
            for suffix in ("-wal", "-shm"):
                extra = location.with_name(location.name + suffix)
                if extra.exists():
                    shutil.copy2(extra, aside.with_name(aside.name + suffix))
        tmp = location.with_name(location.name + ".restoring")
        _remove_quietly(tmp)
        src = _read_only(path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        for suffix in ("-wal", "-shm"):  # they belong to the damaged file
            _remove_quietly(location.with_name(location.name + suffix))
        os.replace(tmp, location)
    except (OSError, sqlite3.Error) as err:
        log.exception("restoring %s over %s failed", path, location)
        raise RuleError(MSG_CANNOT_REPLACE, error=str(err)) from err
    from propdesk.models import init_db

    previous = database.obj
    db = init_db(str(location))
    try:
        known = Staff.get_or_none((Staff.id == by.id) & (Staff.username == by.username))
        with transaction():
            audit.record(known, ENTITY, 0, "restore",
                         note=f"{path.name} ({by.name} {by.username}); {status}: {reason}"
                              + (f"; kept aside: {aside.name}" if aside else ""))
    finally:
        db.close()
        database.initialize(previous)
    calendar.invalidate_cache()
    if aside is None:  # a restore onto a new computer, not a fault
        log.info("database restored at %s (there was none) from %s", location, path)
    else:
        log.warning("database at %s was %s; restored from %s (old file kept as %s)",
                    location, status, path, aside)
    return aside
