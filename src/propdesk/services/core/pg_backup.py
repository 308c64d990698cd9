"""Backups of a PostgreSQL database from the desk (issue 20): PostgreSQL's own pg_dump and
pg_restore, with the same sign-in, role check, audit and pruning as the SQLite file's copies.

``services.core.backup`` hands over to these functions when the open database is on a server,
so ``propdesk backup``, ``propdesk restore`` and the window's backup menu work the same:

* ``backup_now(dest=None, kind="")``: ``pg_dump --format=custom`` into the backup folder under
  a dated name (``propdesk-20261124-103000.dump``) or into ``dest``. It is written beside its
  final name and renamed only after ``pg_restore --list`` has read it back, so a backup file is
  never half a dump. A dump is one consistent snapshot while the other desks go on working.
* ``restore(actor, file)``: supervisors and administrators. The file must be a custom-format
  dump of a PropDesk database no newer than this program (its ``setting`` table is read from
  the dump first). The database as it is now is dumped aside (``…-before-restore.dump``), then
  ``pg_restore --clean --if-exists --single-transaction`` replaces every table: all of it or
  nothing. Number counters never go back (no number kept aside is given again); the schema is
  brought up to date; the restore is audited in the restored database. Old copies aside are
  pruned like the SQLite ones (``backup.prune`` policy: newest ``backup_keep``, disk budget).
  The ``pg_trgm`` extension is left as it is (dropping it needs the server's administrator).

pg_dump and pg_restore come with PostgreSQL's client programs; they are looked for on PATH,
then where PostgreSQL installs them (``PROPDESK_PG_BIN`` names a folder explicitly). When they
are missing the message says which package to install. pg_dump must be at least the server's
major version (it refuses an older one with a message that is passed on).

**Progress and Cancel.** Both programs run with ``--verbose``; each table pg_dump starts
dumping, and each entry pg_restore creates or fills, is a step of ``progress(done, total)``
(the tables of the database, the entries of the dump's table of contents). ``should_cancel()``
is asked several times a second: True stops the program (terminate, wait, kill if it must),
ends its session on the server too (a server busy building an index would not notice its
client was gone until done), removes the partial file and raises :class:`BackupCancelled`.
A cancelled restore changes nothing: pg_restore runs in one transaction, which the server
rolls back when its session ends. The copy kept aside stays once pg_restore has begun (a stop
that came while the server was committing could not be told apart from one before it).

The automatic daily copy stays SQLite-only: on a server every desk would dump the whole
office's database each morning; a scheduled pg_dump on the server is the place for that
(README, "Backups on PostgreSQL").
"""
from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Callable

from propdesk import config
from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models import database
from propdesk.models.db import SCHEMA_VERSION, upgrade
from propdesk.services.core import leftovers

log = logging.getLogger(__name__)

SUFFIX = ".dump"
TIMEOUT_S = 3600  # a dump of a very large office may take long; never hang forever

MSG_NO_TOOL = QT_TRANSLATE_NOOP(
    "rules", "{tool} was not found: it comes with PostgreSQL's client programs. Install them "
             "(Debian/Ubuntu: sudo apt install postgresql-client; Windows: the PostgreSQL "
             "installer, \"Command Line Tools\"), or put the folder that holds {tool} on PATH "
             "(or in PROPDESK_PG_BIN), then try again.")
MSG_TOOL_FAILED = QT_TRANSLATE_NOOP("rules", "{tool} failed: {error}")
MSG_NOT_A_DUMP = QT_TRANSLATE_NOOP(
    "rules", "{label}: {path} is not a backup of a PropDesk database on a server (a .dump file "
             "made by propdesk backup or pg_dump --format=custom).")


def _candidates(tool: str) -> list[str]:
    exe = tool + (".exe" if sys.platform == "win32" else "")
    folders = []
    if os.environ.get("PROPDESK_PG_BIN"):
        folders.append(os.environ["PROPDESK_PG_BIN"])
    if sys.platform == "win32":
        for root in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")):
            folders += sorted(glob.glob(os.path.join(root, "PostgreSQL", "*", "bin")), reverse=True)
    else:
        folders += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
        folders += ["/usr/local/bin", "/opt/homebrew/bin", "/Applications/Postgres.app/Contents/Versions/latest/bin"]
    return [os.path.join(folder, exe) for folder in folders]


def tool(name: str) -> str:
    """The path of pg_dump / pg_restore, or a RuleError saying what to install."""
    explicit = os.environ.get("PROPDESK_PG_BIN")
    found = None if explicit else shutil.which(name)
    for path in ([] if found else _candidates(name)):
        if os.path.isfile(path) and os.access(path, os.X_OK):
            found = path
            break
    if not found:
        raise RuleError(MSG_NO_TOOL, tool=name)
    return found


def _environment() -> dict:
    """The connection of the open database for the client programs: libpq's variables (the
    password only in the child's environment, never on its command line)."""
    db = database.obj
    params = dict(db.connect_params)
    env = dict(os.environ)
    env.update({"PGDATABASE": db.database, "PGHOST": str(params.get("host") or "localhost"),
                "PGPORT": str(params.get("port") or 5432), "PGCONNECT_TIMEOUT": "10",
                # wait at most 30 s for the other desks' locks, then say so (never hang)
                "PGOPTIONS": "-c lock_timeout=30000"})
    if params.get("user"):
        env["PGUSER"] = str(params["user"])
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    for key in ("sslmode",):
        if params.get(key):
            env["PG" + key.upper()] = str(params[key])
    return env


class BackupCancelled(Exception):
    """Cancel was pressed while pg_dump / pg_restore ran: it was stopped, nothing was kept or
    changed."""


Progress = Callable[[int, int], None]  # (done, total); called from a thread reading the program
POLL_S = 0.1  # how often a running program's Cancel is looked at
STOP_WAIT_S = 10  # after terminate, how long the program may take to end before it is killed

# --verbose lines that are a step: pg_dump starting a table's rows; pg_restore creating an
# entry or loading a table's rows
_STEP = {"pg_dump": re.compile(r"^pg_dump: dumping contents of table "),
         "pg_restore": re.compile(r"^pg_restore: (creating |processing data for table )")}


def _stop(proc: subprocess.Popen, app_name: str) -> None:
    """End ``proc`` and its session on the server (a backend in a long statement would
    otherwise go on until it next writes to the dead client)."""
    proc.terminate()
    try:
        proc.wait(STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    try:
        database.execute_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE application_name = %s AND pid <> pg_backend_pid()", (app_name,))
    except Exception:  # the program is gone; its session ends by itself
        log.warning("could not end the stopped %s's session", app_name, exc_info=True)


def _run(name: str, args: list[str], output: bool = False, progress: Progress | None = None,
         total: int = 0, should_cancel: Callable[[], bool] | None = None) -> str:
    """Run pg_dump / pg_restore; with ``progress`` (and ``--verbose`` in ``args``) each step
    line counts one of ``total``; ``should_cancel`` True stops it (:class:`BackupCancelled`)."""
    command = [tool(name), *args]
    env = _environment()
    app_name = f"propdesk-{name}-{uuid.uuid4().hex[:12]}"
    env["PGAPPNAME"] = app_name
    try:
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as err:
        raise RuleError(MSG_TOOL_FAILED, tool=name, error=str(err)) from err
    out: list[bytes] = []
    err_lines: list[str] = []
    done = [0]

    def read_stderr() -> None:  # (progress is called from this thread: each step as it comes)
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if not _STEP[name].match(line):
                err_lines.append(line)
                continue
            done[0] += 1
            if progress is not None:
                try:
                    progress(min(done[0], total), total)
                except Exception:  # a display's trouble is not the dump's
                    log.warning("progress callback failed", exc_info=True)

    readers = [threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=read_stderr, daemon=True)]
    for reader in readers:
        reader.start()
    started = time.monotonic()
    if progress is not None:
        progress(0, total)
    try:
        while True:
            try:
                proc.wait(POLL_S)
                break
            except subprocess.TimeoutExpired:
                pass
            if should_cancel is not None and should_cancel():
                if proc.poll() is not None:
                    break  # it ended meanwhile: its result stands (a restore may have committed)
                raise BackupCancelled()
            if time.monotonic() - started > TIMEOUT_S:
                raise RuleError(MSG_TOOL_FAILED, tool=name, error=f"no end after {TIMEOUT_S} s")
    except BaseException:  # Cancel, the time limit, Ctrl+C: never leave the program running
        log.info("stopping %s", name)
        _stop(proc, app_name)
        raise
    finally:
        for reader in readers:
            reader.join(5)
    if progress is not None:
        progress(total, total)
    if proc.returncode != 0:
        log.error("%s failed (%s): %s", name, proc.returncode, "\n".join(err_lines))
        # the error, not the last --verbose line before it
        lines = ([line for line in err_lines if "error:" in line]
                 or [line for line in err_lines if line.strip()])
        raise RuleError(MSG_TOOL_FAILED, tool=name, error=(lines[-1] if lines else str(proc.returncode)))
    return b"".join(out).decode("utf-8", "replace") if output else ""


def _table_count() -> int:
    return database.execute_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]


def _dated_path(folder: Path, kind: str) -> Path:
    from propdesk.services.core import backup

    return backup._free(folder / (backup._dated_name(kind)[:-len(".db")] + SUFFIX))


# --- making copies ----------------------------------------------------------------------------

def backup_now(dest: str | Path | None = None, kind: str = "", progress: Progress | None = None,
               should_cancel: Callable[[], bool] | None = None, actor=None) -> Path:
    """Dump the open server database to ``dest`` (a file, or a folder for a dated name) or into
    the backup folder. Returns the file written. ``progress(tables done, tables)``;
    ``should_cancel`` True: :class:`BackupCancelled`, no file left, and (with ``actor``, who
    asked for it) an audit entry saying so."""
    from propdesk.services.core import backup

    if dest is None:
        target = _dated_path(config.backup_dir(), kind)
    else:
        target = Path(dest)
        if target.is_dir():
            target = _dated_path(target, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = leftovers.create_temp(target.parent, SUFFIX)  # hidden, named for this process
        backup.remove_leftovers(target.parent, now=tmp.stat().st_mtime)  # killed dumps' files
    except OSError as err:
        raise RuleError(backup.MSG_CANNOT_WRITE, field="file", folder=str(target.parent),
                        error=str(err)) from err
    try:
        _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--verbose", f"--file={tmp}"],
             progress=progress, total=_table_count() if progress else 0, should_cancel=should_cancel)
        _check_dump(tmp, target.name)  # read back: never keep half a dump
        os.replace(tmp, target)
    except BaseException as err:
        backup._remove_quietly(tmp)
        if isinstance(err, BackupCancelled) and actor is not None:
            from propdesk.services.core import audit
            from propdesk.services.core.db_retry import transaction

            with transaction():
                audit.record(actor, backup.ENTITY, 0, "backup_cancelled",
                             note=f"{target.name}: cancelled, no file kept")
        raise
    log.info("server database dumped to %s", target)
    return target


def backups(kind: str | None = None) -> list[Path]:
    """Dated dumps in the backup folder, newest first (``kind`` "before-restore", "" …)."""
    from propdesk.services.core import backup

    found = []
    for path in config.backup_dir().glob(f"{backup.PREFIX}*{SUFFIX}"):
        parsed = backup._parse(path)
        if parsed and (kind is None or parsed[2] == kind):
            found.append((parsed[:2], path))
    return [path for _key, path in sorted(found, reverse=True)]


def prune(policy=None) -> list[Path]:
    """The SQLite copies' rule for dumps: per kind (automatic, kept aside by a restore), the
    newest ``keep`` and, oldest first, no more than the disk budget (the newest stays). Manual
    dumps are never deleted."""
    from propdesk.services.core import backup

    keep, space = (policy.keep, policy.space) if policy else (backup.keep_count(), backup.space_budget())
    deleted: list[Path] = []
    for kind in (backup.AUTO, backup.BEFORE_RESTORE):
        copies = backups(kind)
        old, kept = copies[keep:], copies[:keep]
        sizes = {p: backup._size(p) for p in kept}
        while len(kept) > 1 and sum(sizes.values()) > space:
            old.insert(0, kept.pop())
            sizes.pop(old[0])
        for path in old:
            backup._remove_quietly(path)
            log.info("old %s dump deleted: %s", kind, path)
        deleted += old
    return deleted


# --- restoring --------------------------------------------------------------------------------

def _check_dump(path: Path, label: str) -> int:
    """The schema version inside a PropDesk dump (RuleError when it is not one)."""
    from propdesk.services.core import backup
    from propdesk.services.core.validation import label as field_label

    params = {"field": "file", "label": field_label("file"), "path": label}
    try:
        listing = _run("pg_restore", ["--list", str(path)], output=True)
    except RuleError:
        raise RuleError(MSG_NOT_A_DUMP, **params) from None
    if not re.search(r"TABLE DATA \S+ setting ", listing):
        raise RuleError(MSG_NOT_A_DUMP, **params)
    data = _run("pg_restore", ["--data-only", "--table=setting", "--file=-", str(path)], output=True)
    version = None
    for line in data.splitlines():
        key, _, value = line.partition("\t")
        if key == "schema_version" and value.strip().isdigit():
            version = int(value)
    if version is None:
        raise RuleError(MSG_NOT_A_DUMP, **params)
    if version > SCHEMA_VERSION:
        raise RuleError(backup.MSG_TOO_NEW, **params)
    return version


def _counters() -> list[tuple]:
    return database.execute_sql("SELECT prefix, day, last FROM sequence").fetchall()


def _raise_counters(before: list[tuple]) -> None:
    """Every number counter at least as high as it was before the restore."""
    from propdesk.models.db import upsert
    from propdesk.models.tables import Sequence

    now = {(p, d): last for p, d, last in _counters()}
    for prefix, day, last in before:
        if now.get((prefix, day), -1) < last:
            upsert(Sequence, [Sequence.prefix, Sequence.day], prefix=prefix, day=day, last=last)


def _restore_list(path: Path) -> Path:
    """pg_restore's table of contents for ``path`` without the extension entries (pg_trgm stays
    as the server's administrator made it; dropping it is not the desk's to do)."""
    listing = _run("pg_restore", ["--list", str(path)], output=True)
    kept = [line for line in listing.splitlines() if not re.search(r"\bEXTENSION\b", line)]
    target = path.with_name(path.name + ".list") if os.access(path.parent, os.W_OK) else \
        config.backup_dir() / (path.name + ".list")
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def restore(actor, file: str | Path, progress: Progress | None = None,
            should_cancel: Callable[[], bool] | None = None) -> Path:
    """Replace the server database with a dump (the caller checked the role). Returns the dump
    of the database as it was before. ``progress(done, total)``: first the copy kept aside
    (its tables), then the dump's entries restored. ``should_cancel`` True: the database stays
    as it was, the cancel is audited, :class:`BackupCancelled`; the copy aside is removed when
    pg_restore had not begun, else kept (a stop while the server commits cannot be told apart)."""
    from propdesk.models.tables import Staff
    from propdesk.services.core import audit, backup, calendar
    from propdesk.services.core.db_retry import transaction

    path = Path(file)
    if not path.is_file():
        from propdesk.services.core.validation import label

        raise RuleError(backup.MSG_NO_FILE, field="file", label=label("file"), path=str(path))
    _check_dump(path, path.name)
    tables = _table_count()
    entries = [0]
    stage = {"aside": 0}

    def step(done: int, total: int) -> None:  # one bar: the copy aside, then the restore
        if progress is not None:
            progress(stage["aside"] + done, tables + max(entries[0], 1))

    aside = None
    try:
        aside = backup_now(kind=backup.BEFORE_RESTORE, progress=step, should_cancel=should_cancel)
        stage["aside"] = tables
        counters = _counters()
        listing = _restore_list(path)
        entries[0] = sum(1 for line in listing.read_text(encoding="utf-8").splitlines()
                         if line.strip() and not line.startswith(";"))
        database.close()  # this desk holds no lock while the tables are replaced
        stage["restoring"] = 1
        try:
            _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--verbose",
                                "--single-transaction", "--exit-on-error", f"--use-list={listing}",
                                f"--dbname={database.obj.database}", str(path)],
                 progress=step, total=entries[0], should_cancel=should_cancel)
        except RuleError:
            log.exception("restore from %s failed; nothing was changed", path)
            raise
        finally:
            backup._remove_quietly(listing)
            database.connect(reuse_if_open=True)
    except (BackupCancelled, KeyboardInterrupt):  # Cancel in the window, Ctrl+C on the command line
        # Stopped before pg_restore began: nothing was replaced, nothing to keep aside. Once it
        # ran, its one transaction is rolled back when its session ends, but a stop that came
        # while the server was committing cannot be told apart: the copy aside stays.
        kept = aside if aside is not None and stage.get("restoring") else None
        if aside is not None and kept is None:
            backup._remove_quietly(aside)
        with transaction():
            audit.record(Staff.get_or_none((Staff.id == actor.id) & (Staff.username == actor.username)),
                         backup.ENTITY, 0, "restore_cancelled",
                         note=f"{path.name} ({actor.name} {actor.username}): cancelled"
                              + (f"; kept aside: {kept.name}" if kept else ", nothing changed"))
        log.info("restore from %s cancelled by %s; nothing was changed", path, actor.username)
        raise
    with transaction():
        _raise_counters(counters)
    upgrade(database.obj)
    calendar.invalidate_cache()
    known = Staff.get_or_none((Staff.id == actor.id) & (Staff.username == actor.username))
    with transaction():
        audit.record(known, backup.ENTITY, 0, "restore",
                     note=f"{path.name} ({actor.name} {actor.username}); kept aside: {aside.name}")
    log.info("server database restored from %s by %s; previous kept as %s", path, actor.username, aside)
    prune()
    return aside
