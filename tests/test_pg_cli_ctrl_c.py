"""Ctrl+C on the CLI over a server (issue 20): a long statement of any command (an export's or
the weekly summary's reading, not only a schema upgrade's) is cancelled on the server at once,
the CLI says so in the office's language and ends with 130, no traceback and no half file.
Before, psycopg2 sat in libpq until the statement ended and Ctrl+C did nothing until then."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from fixtures.waiting import Child, until

pytestmark = pytest.mark.postgres_only

COMMANDS = {
    "export": ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30"],
    "report": ["report", "weekly", "--week", "2026-W47"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_ctrl_c_cancels_a_commands_statement_on_the_server(office, db_location, tmp_path, command):
    import psycopg2

    out = tmp_path / "out.xlsx"
    other = psycopg2.connect(db_location)  # another desk holds the complaints while the CLI reads
    cur = other.cursor()
    cur.execute("BEGIN; LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE")
    env = {**os.environ, "PROPDESK_HOME": str(tmp_path / "home"), "PROPDESK_PASSWORD": "secret123"}
    url = db_location + "?options=-c%20lock_timeout%3D0"  # the lock would be waited for for ever
    watch = psycopg2.connect(db_location)
    watch.autocommit = True  # (in a transaction the server's activity figures stay as first read)
    cli = None
    try:
        cli = Child([sys.executable, "-m", "propdesk", *COMMANDS[command], "-o", str(out),
                     "--db", url, "--lang", "zh_CN", "--user", "admin"],
                    env=env, stdout=subprocess.DEVNULL)

        def command_waiting():  # the command's statement waits for the other desk's lock: only
            with watch.cursor() as c:  # a PropDesk session of this database that this test blocks
                c.execute("SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() "
                          "AND application_name = 'propdesk' AND %s = ANY(pg_blocking_pids(pid))",
                          (other.get_backend_pid(),))
                return c.fetchone()

        waiting = until(command_waiting, "the command waits for the other desk's lock", child=cli)
        assert '"received_at" >=' in waiting[1]  # the command's own reading (signed in already)
        cli.proc.send_signal(signal.SIGINT)
        err = cli.finish()  # the lock is still held: only a cancel ends it
        with watch.cursor() as c:
            c.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s AND state <> 'idle'", waiting[:1])
            assert c.fetchone() is None  # nothing left running (or in a transaction) on the server
    finally:
        if cli is not None:
            cli.kill()
        other.rollback()
        other.close()
        watch.close()
    assert cli.proc.returncode == 130, err
    assert "^C" in err and "已取消" in err and "Traceback" not in err, err
    assert not out.exists()  # no half file
