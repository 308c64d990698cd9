"""Schema step 7 on PostgreSQL (issue 20): its indexes take minutes on a big database, so it
says how far it is part by part (and within an index build, from the server's
pg_stat_progress_create_index) through the upgrade's progress, in the window and on the CLI's
stderr; Cancel, between parts or while a statement runs, leaves the database at schema 6."""
from __future__ import annotations

import pytest

from propdesk.models import database

pytestmark = pytest.mark.postgres_only


# --- schema step 7 on a database that has rows: progress per part, Cancel -------------------------

def _at_schema_6():
    """A PostgreSQL database as schema 6 left it: no grams function, no short-term or number
    indexes (step 7 makes them)."""
    from propdesk.models import pg_search as model_search
    from propdesk.models.db import FTS_TABLES

    for table in FTS_TABLES:
        model_search.drop_indexes(database.obj, table)
    database.execute_sql("DROP FUNCTION propdesk_grams(text, integer)")
    database.execute_sql("UPDATE setting SET value = '6' WHERE key = 'schema_version'")
    database.obj.close()


def _blocked_by(cursor, pid: int):
    """The pid of a PropDesk session of this test's database (the cursor's) that waits for a
    lock session ``pid`` holds, or None: never another test's or another run's session on the
    same server, nor a session of this database waiting for something else."""
    cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                   "AND application_name = 'propdesk' AND %s = ANY(pg_blocking_pids(pid))", (pid,))
    row = cursor.fetchone()
    return row[0] if row else None


def _index_exists(name: str) -> bool:
    return bool(database.execute_sql("SELECT 1 FROM pg_indexes WHERE indexname = %s", (name,)).fetchone())


def test_step_7_says_how_far_it_is_part_by_part(office, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, pending_upgrade, schema_version, upgrade_text

    _at_schema_6()
    assert pending_upgrade(db_location) == 6  # the window and the CLI show the upgrade
    calls = []
    db = init_db(db_location, progress=lambda *a: calls.append(a))
    assert schema_version(db) == SCHEMA_VERSION and _index_exists("complaint_search_grams")
    seven = [(what, done, total) for version, what, done, total in calls if version == 7 and total]
    assert [w for w, _d, _t in seven if w != "other"][:1] == ["complaint"]
    assert {"complaint", "work_order", "callback"} <= {w for w, _d, _t in seven}
    dones = [d for _w, d, _t in seven]
    assert dones == sorted(dones) and dones[-1] == seven[-1][2]  # forward, to the end
    assert len(set(dones)) >= 10  # one report (at least) per part: three tables' indexes
    assert "%" in upgrade_text(7, "work_order", 300, 1100)
    assert pending_upgrade(db_location) is None


def test_cancel_between_parts_of_step_7_leaves_schema_6(office, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 7 and what == "work_order":
            raise Cancelled

    _at_schema_6()
    with pytest.raises(Cancelled):
        init_db(db_location, progress=cancel)
    assert schema_version(database.obj) == 6
    assert not _index_exists("complaint_search_grams")  # built in this step: rolled back with it
    database.obj.close()
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION


def test_cancel_while_a_statement_of_step_7_runs(office, db_location):
    """Another desk is reading the complaints, so step 7 waits for its lock; Cancel is pressed
    meanwhile: the statement is cancelled on the server and the database stays at 6."""
    import psycopg2

    from propdesk.models.db import init_db, schema_version

    class Cancelled(Exception):
        pass

    _at_schema_6()
    other = psycopg2.connect(db_location)
    cur = other.cursor()
    cur.execute("BEGIN; SELECT count(*) FROM complaint")
    watch = psycopg2.connect(db_location)
    watch.autocommit = True  # (in a transaction the server's activity figures stay as first read)
    seen = []

    def cancel(version, what, done, total):
        with watch.cursor() as c:  # the upgrade's connection waits for the lock the other desk holds
            waiting = _blocked_by(c, other.get_backend_pid()) is not None
        seen.append((version, what, waiting))
        if waiting:
            raise Cancelled

    try:
        with pytest.raises(Cancelled):
            init_db(db_location, progress=cancel)
    finally:
        watch.close()
        other.rollback()
        other.close()
    assert (7, "complaint", True) in seen
    assert schema_version(database.obj) == 6
    assert not database.execute_sql("SELECT 1 FROM pg_stat_activity WHERE application_name = 'propdesk' "
                                     "AND datname = current_database() AND state = 'active' "
                                     "AND pid <> pg_backend_pid()").fetchone()


def test_the_cli_shows_step_7_on_stderr(office, db_location, tmp_path, monkeypatch, capsys):
    from propdesk import cli
    from propdesk.models.db import SCHEMA_VERSION, schema_version

    _at_schema_6()
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong")  # (opened and upgraded before the sign-in)
    cli.main(["backup", "--db", db_location, "--lang", "zh_CN", "--user", "admin", "-o", str(tmp_path / "x.dump")])
    err = capsys.readouterr().err
    assert "升级" in err and "投诉搜索索引" in err and "工单搜索索引" in err, err
    from propdesk.models import init_db

    assert schema_version(init_db(db_location)) == SCHEMA_VERSION


def test_ctrl_c_on_the_cli_cancels_a_running_statement_of_step_7(office, db_location, tmp_path):
    """Ctrl+C while step 7 waits for another desk's lock (and would wait for ever: the URL sets
    no lock timeout) ends the CLI at once with its ^C, the statement cancelled on the server,
    the database still at 6; before, the CLI sat in the driver until the statement ended."""
    import os
    import signal
    import sys

    import psycopg2

    from fixtures.waiting import Child, until
    from propdesk.models.db import init_db, schema_version

    _at_schema_6()
    other = psycopg2.connect(db_location)
    cur = other.cursor()
    cur.execute("BEGIN; SELECT count(*) FROM complaint")
    env = {**os.environ, "PROPDESK_HOME": str(tmp_path / "home"), "PROPDESK_PASSWORD": "wrong"}
    url = db_location + "?options=-c%20lock_timeout%3D0"  # the lock would be waited for for ever
    watch = psycopg2.connect(db_location)
    watch.autocommit = True  # (in a transaction the server's activity figures stay as first read)
    cli = None
    try:
        cli = Child([sys.executable, "-m", "propdesk", "backup", "--db", url, "--lang", "zh_CN",
                     "--user", "admin", "-o", str(tmp_path / "x.dump")], env=env)

        def upgrade_waiting():  # the CLI's step 7 waits for this test's lock (in this database)
            with watch.cursor() as c:
                return _blocked_by(c, other.get_backend_pid())

        waiting = until(upgrade_waiting, "the CLI's step 7 waits for the other desk's lock", child=cli)
        cli.proc.send_signal(signal.SIGINT)
        err = cli.finish()  # the lock is still held: only a cancel ends it
        with watch.cursor() as c:
            c.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s AND state = 'active'", (waiting,))
            assert c.fetchone() is None  # no statement left running on the server
    finally:
        if cli is not None:
            cli.kill()
        watch.close()
        other.rollback()
        other.close()
    assert cli.proc.returncode == 130 and "^C" in err, err
    database.obj.close()
    assert schema_version(init_db(db_location, migrate=False)) == 6
