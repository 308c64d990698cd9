"""Two programs upgrading one SQLite file at once (a desk's window and a scheduled command, two
computers on a shared folder): only one runs the steps (models.db.upgrade_lock: a write
transaction on ``<file>-upgrade``); the other says that it waits, then finds the file up to
date and opens it. Before, both read the old version: the second ran the steps again (or failed
with "database is locked") and copied the file while the first one wrote it."""
from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from fixtures.waiting import Child, until
from propdesk.models import db as models_db

pytestmark = pytest.mark.sqlite_only(reason="SQLite's own file locks")

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "propdesk_v14.db"
WAITING_ZH = "另一台电脑正在升级数据库"
STEP_DONE = re.compile(r"database schema upgraded to (\d+) ")


def _office_file(tmp_path: Path) -> Path:
    path = tmp_path / "office" / "propdesk.db"
    path.parent.mkdir()
    shutil.copy(FIXTURE, path)
    return path


def _cli(path: Path, home: Path) -> Child:
    """The CLI on ``path``: it opens (and upgrades) the file before the sign-in, which fails."""
    env = {**os.environ, "PROPDESK_HOME": str(home), "PROPDESK_PASSWORD": "wrong"}
    return Child([sys.executable, "-m", "propdesk", "backup", "--db", str(path), "--lang", "zh_CN",
                  "--user", "admin", "-o", str(home / "x.db")], env=env)


def _log(home: Path) -> str:
    log = home / "logs" / "propdesk.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def test_a_second_program_waits_for_the_first_ones_upgrade(tmp_path, monkeypatch):
    """This process upgrades the file and is held inside step 15; the CLI started meanwhile
    waits and says so; when this one is done the CLI opens the file without a step of its own."""
    path = _office_file(tmp_path)
    runs: dict[int, int] = {}
    inside, release = threading.Event(), threading.Event()
    moved = threading.Event()  # (until's wake: set when something happened here)

    def counted(version, step):
        def run(db):
            runs[version] = runs.get(version, 0) + 1
            if version == 15:
                inside.set()
                moved.set()
                assert release.wait(120), "the test never let step 15 go on"
            step(db)
        return run

    for version, step in list(models_db.MIGRATIONS.items()):
        monkeypatch.setitem(models_db.MIGRATIONS, version, counted(version, step))
    first: dict = {}

    def upgrade_here():
        try:
            first["db"] = models_db.init_db(str(path))
        except BaseException as err:  # noqa: BLE001 - told to the test below
            first["error"] = err
            moved.set()

    here = threading.Thread(target=upgrade_here, daemon=True)
    here.start()
    cli = None
    try:
        until(lambda: inside.is_set() or "error" in first, "this process's upgrade is in step 15",
              wake=moved)
        assert "error" not in first, first
        cli = _cli(path, tmp_path / "cli")
        until(lambda: cli.said(WAITING_ZH), "the CLI says that it waits", child=cli)
    finally:
        release.set()
        here.join(120)
    try:
        err = cli.finish()
    finally:
        cli.kill()
    assert "error" not in first, first
    first["db"].close()
    assert runs == dict.fromkeys(range(15, models_db.SCHEMA_VERSION + 1), 1)  # each step once, here
    assert cli.proc.returncode == 1 and "Traceback" not in err, err  # opened; the sign-in refused
    assert STEP_DONE.findall(_log(tmp_path / "cli")) == []  # no step of its own
    assert "waited" in _log(tmp_path / "cli")
    assert _version(path) == models_db.SCHEMA_VERSION
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".bak") == ["propdesk.v14.bak"]


def test_ctrl_c_while_the_cli_waits_ends_it_without_a_traceback(tmp_path):
    """Another program holds the upgrade lock; the CLI waits for it, and Ctrl+C ends the CLI
    with its ^C (130): the file is still at 14, nothing copied."""
    path = _office_file(tmp_path)
    other = sqlite3.connect(f"{path}{models_db.SQLITE_LOCK_SUFFIX}", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other program's upgrade
    cli = None
    try:
        cli = _cli(path, tmp_path / "cli")
        until(lambda: cli.said(WAITING_ZH), "the CLI says that it waits", child=cli)
        cli.proc.send_signal(signal.SIGINT)
        err = cli.finish()
    finally:
        if cli is not None:
            cli.kill()
        other.close()
    assert cli.proc.returncode == 130 and "^C" in err and "Traceback" not in err, err
    assert _version(path) == 14
    assert not list(path.parent.glob("*.bak"))


def test_cancel_while_waiting_and_a_new_file_takes_no_lock(tmp_path):
    """Cancel (the progress callback raising) while another program upgrades: nothing done. A
    new file has nothing to upgrade: no lock file is made beside it."""
    path = _office_file(tmp_path)
    other = sqlite3.connect(f"{path}{models_db.SQLITE_LOCK_SUFFIX}", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    seen = []

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        seen.append((version, what))
        raise Cancelled

    try:
        with pytest.raises(Cancelled):
            models_db.init_db(str(path), progress=cancel)
    finally:
        other.close()
    assert seen == [(15, models_db.WAITING)]
    assert _version(path) == 14 and not list(path.parent.glob("*.bak"))
    models_db.database.obj.close()
    assert models_db.schema_version(models_db.init_db(str(path))) == models_db.SCHEMA_VERSION
    models_db.database.obj.close()

    new = tmp_path / "new" / "propdesk.db"
    models_db.init_db(str(new)).close()
    assert sorted(p.name for p in new.parent.iterdir() if "upgrade" in p.name) == []
