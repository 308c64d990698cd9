"""The database bootstrap: an empty file migrates to the current schema; pragmas; refusal of
a schema newer than this program."""
import sqlite3

import pytest

from propdesk.models import SCHEMA_VERSION, init_db
from propdesk.models.db import SchemaTooNew, schema_version
from propdesk.models.tables import Setting

pytestmark = pytest.mark.sqlite_only(reason="opening SQLite files")


def test_empty_file_is_migrated(tmp_path):
    path = tmp_path / "new.db"
    db = init_db(str(path))
    assert schema_version(db) == SCHEMA_VERSION
    tables = set(db.get_tables())
    assert {"complaint", "work_order", "callback", "audit_entry", "owner_phone",
            "calendar_day", "complaint_fts"} <= tables
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    db.close()
    # opening again changes nothing
    db = init_db(str(path))
    assert schema_version(db) == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    db = init_db(str(path))
    Setting.replace(key="schema_version", value=str(SCHEMA_VERSION + 1)).execute()
    db.close()
    with pytest.raises(SchemaTooNew):
        init_db(str(path))


def test_failed_migration_leaves_nothing_half_done(tmp_path, monkeypatch):
    from propdesk.models import db as dbmod

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    path = tmp_path / "old.db"
    init_db(str(path)).close()  # a file of the current schema
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(dbmod.MIGRATIONS, SCHEMA_VERSION + 1, broken)
    with pytest.raises(RuntimeError):
        init_db(str(path))
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM setting WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert not con.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone()
    # a copy of the file was kept before the upgrade was tried
    assert (tmp_path / f"old.v{SCHEMA_VERSION}.bak").exists()
