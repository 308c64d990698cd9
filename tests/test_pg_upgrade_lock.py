"""Two desks starting a new PropDesk at the same moment on one PostgreSQL database: only one
upgrades it (models.db.upgrade_lock, a session-level advisory lock); the other waits, says so
("另一台电脑正在升级数据库…", with Cancel in the window and Ctrl+C on the command line), then
reads the version again, finds the work done and opens the database. Each step runs once.

Before, both read the old version and both ran step 7: the second one's statements waited for
the first one's locks and could be refused half-way, or ran the step again once it was done."""
from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pytest

from fixtures.waiting import Child, until
from propdesk.models import database

pytestmark = pytest.mark.postgres_only

WAITING_ZH = "另一台电脑正在升级数据库"
STEP_DONE = re.compile(r"database schema upgraded to (\d+) ")


def _at_schema_6():
    """A database as schema 6 left it (step 7 and the later ones to do)."""
    from propdesk.models import pg_search as model_search
    from propdesk.models.db import FTS_TABLES

    for table in FTS_TABLES:
        model_search.drop_indexes(database.obj, table)
    database.execute_sql("DROP FUNCTION propdesk_grams(text, integer)")
    database.execute_sql("UPDATE setting SET value = '6' WHERE key = 'schema_version'")
    database.obj.close()


def _connect(db_location: str, autocommit: bool = False):
    import psycopg2

    conn = psycopg2.connect(db_location)
    conn.autocommit = autocommit
    return conn


def _ask(conn, sql: str, params=()):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def _blocked_by(watch, pid: int):
    """A PropDesk session of this test's database waiting for a lock that session ``pid``
    holds: its pid, or None."""
    row = _ask(watch, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                      "AND application_name = 'propdesk' AND %s = ANY(pg_blocking_pids(pid))", (pid,))
    return row[0] if row else None


def _waiting_for_the_upgrade_lock(watch, holder_pid: int | None = None):
    """A PropDesk session of this test's database waiting for the upgrade's advisory lock (held
    by ``holder_pid`` if given): its pid, or None."""
    from propdesk.models.db import UPGRADE_LOCK_KEY

    row = _ask(watch, "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid "
                      "WHERE a.datname = current_database() AND a.application_name = 'propdesk' "
                      "AND l.locktype = 'advisory' AND NOT l.granted AND l.objid = %s "
                      "AND (%s IS NULL OR %s = ANY(pg_blocking_pids(a.pid)))",
               (UPGRADE_LOCK_KEY & 0xFFFFFFFF, holder_pid, holder_pid))
    return row[0] if row else None


def _desk(db_location: str, home: Path) -> Child:
    """A desk's CLI started with the new PropDesk: it opens (and upgrades) the database before
    the sign-in, which then fails (a wrong password: nothing else of the command runs)."""
    env = {**os.environ, "PROPDESK_HOME": str(home), "PROPDESK_PASSWORD": "wrong"}
    url = db_location + "?options=-c%20lock_timeout%3D0"  # locks are waited for as long as it takes
    return Child([sys.executable, "-m", "propdesk", "backup", "--db", url, "--lang", "zh_CN",
                  "--user", "admin", "-o", str(home / "x.dump")], env=env)


def _steps_logged(home: Path) -> list[int]:
    log = home / "logs" / "propdesk.log"
    return [int(m.group(1)) for m in STEP_DONE.finditer(log.read_text(encoding="utf-8"))] if log.exists() else []


def test_two_desks_starting_at_once_upgrade_once(office, db_location, tmp_path):
    """The first desk's step 7 is held back by a third desk reading the complaints (as a busy
    office would); meanwhile the second desk starts: it waits for the first, says so, and when
    the first is done it opens the database without running any step."""
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    _at_schema_6()
    reader = _connect(db_location)
    _ask(reader, "SELECT count(*) FROM complaint")  # (a transaction: its lock stays until rollback)
    reader_pid = reader.get_backend_pid()
    watch = _connect(db_location, autocommit=True)
    first = second = None
    try:
        first = _desk(db_location, tmp_path / "first")
        first_pid = until(lambda: _blocked_by(watch, reader_pid),
                          "the first desk's step 7 waits for the reading desk", child=first)
        second = _desk(db_location, tmp_path / "second")
        until(lambda: second.said(WAITING_ZH), "the second desk says that it waits", child=second)
        until(lambda: _waiting_for_the_upgrade_lock(watch, first_pid),
              "the second desk waits for the first one's upgrade lock", child=second)
        reader.rollback()  # the first desk's upgrade goes on
        first_err, second_err = first.finish(), second.finish()
    finally:
        for child in (first, second):
            if child is not None:
                child.kill()
        reader.close()
        watch.close()
    for child, err in ((first, first_err), (second, second_err)):
        assert child.proc.returncode == 1 and "Traceback" not in err, err  # opened; the sign-in refused
    assert _steps_logged(tmp_path / "first") == list(range(7, SCHEMA_VERSION + 1))  # each step once
    assert _steps_logged(tmp_path / "second") == []  # the work was done when it got the lock
    assert "waited" in (tmp_path / "second" / "logs" / "propdesk.log").read_text(encoding="utf-8")
    assert WAITING_ZH not in first_err
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION


def test_cancel_while_waiting_for_another_desks_upgrade(office, db_location):
    """Another desk holds the upgrade lock (it is upgrading); this desk's upgrade says that it
    waits, and its Cancel (the progress callback raising) ends the wait: nothing was done, the
    database stays at 6, and nothing of this desk is left waiting on the server."""
    from propdesk.models.db import SCHEMA_VERSION, UPGRADE_LOCK_KEY, WAITING, init_db, schema_version

    class Cancelled(Exception):
        pass

    _at_schema_6()
    other = _connect(db_location, autocommit=True)
    _ask(other, "SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK_KEY,))  # the other desk's upgrade
    seen = []

    def cancel(version, what, done, total):
        seen.append((version, what))
        if what == WAITING:
            raise Cancelled

    try:
        with pytest.raises(Cancelled):
            init_db(db_location, progress=cancel)
        assert seen == [(7, WAITING)]  # said before any step, and no step begun
        assert schema_version(database.obj) == 6
        assert _waiting_for_the_upgrade_lock(other) is None
        assert not database.execute_sql(  # this desk holds no upgrade lock either
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()").fetchone()
    finally:
        other.close()  # the other desk is done (its session, and the lock, end)
    database.obj.close()
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION


def test_ctrl_c_while_waiting_ends_the_cli_without_a_traceback(office, db_location, tmp_path):
    """On the command line the wait is a statement on the server (pg_advisory_lock): Ctrl+C
    cancels it there at once, the CLI ends with its ^C (130), the database stays at 6."""
    from propdesk.models.db import UPGRADE_LOCK_KEY, init_db, schema_version

    _at_schema_6()
    other = _connect(db_location, autocommit=True)
    _ask(other, "SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK_KEY,))
    cli = None
    try:
        cli = _desk(db_location, tmp_path / "home")
        until(lambda: cli.said(WAITING_ZH), "the CLI says that it waits", child=cli)
        until(lambda: _waiting_for_the_upgrade_lock(other, other.get_backend_pid()),
              "the CLI waits for the upgrade lock on the server", child=cli)
        cli.proc.send_signal(signal.SIGINT)
        err = cli.finish()  # the lock is still held: only the cancel ends the wait
        assert _waiting_for_the_upgrade_lock(other) is None  # nothing left waiting on the server
    finally:
        if cli is not None:
            cli.kill()
        other.close()
    assert cli.proc.returncode == 130 and "^C" in err and "Traceback" not in err, err
    database.obj.close()
    assert schema_version(init_db(db_location, migrate=False)) == 6


def test_a_ctrl_c_that_closed_the_connection_is_heard_as_ctrl_c(office, db_location):
    """A Ctrl+C that escapes the driver's wait callback (pg_driver catches it inside its loop;
    Python may still raise it where the callback begins) makes psycopg2 close the connection
    without cancelling the statement: the wait's rollback then fails with "connection already
    closed", and it is the Ctrl+C that comes out of the upgrade (the CLI's ^C, 130), not a
    driver error. The server's wait for the lock ends by itself with its slice."""
    import select

    from psycopg2 import extensions

    from propdesk.models.db import UPGRADE_LOCK_KEY, init_db

    _at_schema_6()
    other = _connect(db_location, autocommit=True)
    _ask(other, "SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK_KEY,))
    asking = []

    def ctrl_c_outside_the_drivers_try(conn) -> None:  # (psycopg2's wait callback, as pg_driver's)
        while True:
            state = conn.poll()
            if state == extensions.POLL_OK:
                return
            if state == extensions.POLL_WRITE:
                select.select([], [conn.fileno()], [])
                continue
            if select.select([conn.fileno()], [], [], 0.05)[0] or asking:
                continue
            asking.append(True)  # (the question below goes through this callback too)
            try:
                waiting = _waiting_for_the_upgrade_lock(other)
            finally:
                asking.clear()
            if waiting:
                raise KeyboardInterrupt

    previous = extensions.get_wait_callback()
    extensions.set_wait_callback(ctrl_c_outside_the_drivers_try)
    try:
        with pytest.raises(KeyboardInterrupt):
            init_db(db_location, progress=lambda *_: None)
    finally:
        extensions.set_wait_callback(previous)
    try:
        assert database.obj.connection_lost()  # (psycopg2 closed it, as it does)
        until(lambda: _waiting_for_the_upgrade_lock(other) is None,
              "the server's wait for the lock ends with its slice (lock_timeout)")
    finally:
        other.close()
        database.obj.drop_connection()
