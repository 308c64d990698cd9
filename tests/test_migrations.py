"""Schema upgrades lose nothing: every database file kept in tests/fixtures/db/ (one per old
schema version, made by tools/make_fixture_db.py) is opened with init_db, upgraded, and still
holds every row of every table, unchanged, and the program works on it."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import SCHEMA_VERSION, init_db
from propdesk.models.db import NUMBER_APART, schema_version
from propdesk.models.tables import Callback, Category, Complaint, Staff
from propdesk.services.core.accounts import PROGRAM

pytestmark = pytest.mark.sqlite_only(reason="old SQLite files upgraded")

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "db").glob("propdesk_v*.db"))
SHADOW = ("_data", "_idx", "_content", "_docsize", "_config")  # FTS5's own tables


def _tables(con: sqlite3.Connection) -> list[str]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return sorted(n for n in names if not ("_fts_" in n and n.endswith(SHADOW)))


def _snapshot(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """table -> {"columns": [...], "rows": sorted rows}; with ``columns``, only those tables
    and columns (what the old file had)."""
    con = sqlite3.connect(path)
    try:
        shot = {}
        for table in (columns or _tables(con)):
            cols = columns[table] if columns else [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            if not cols:  # FTS5 tables do not list columns with table_info
                cols = [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f"SELECT {quoted} FROM {table}").fetchall()
            if table == "setting":  # the one row an upgrade is meant to change
                rows = [r for r in rows if r[0] != "schema_version"]
            if table == "audit_entry":  # and the entries it adds, one a step (checked apart)
                action = cols.index("action")
                rows = [r for r in rows if r[action] != "upgrade"]
            shot[table] = {"columns": cols, "rows": sorted(rows, key=repr)}
        return shot
    finally:
        con.close()


def _version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def test_there_is_a_fixture_of_every_older_schema():
    versions = {_version(p) for p in FIXTURES}
    assert 1 in versions
    assert set(range(1, SCHEMA_VERSION)) <= versions, "run tools/make_fixture_db.py before a new migration"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_upgrade_keeps_every_row(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    old_version = _version(path)
    before = _snapshot(path)
    assert all(t["rows"] for name, t in before.items()), "the fixture has rows in every table"

    db = init_db(str(path))
    assert schema_version(db) == SCHEMA_VERSION
    db.close()

    # schema 9 took the case number out of the trigram search index into one of its own
    # ("{table}_fts_no"): the rest stays row for row, and the numbers are all in the new index
    moved = {f"{t}_fts": f"{t}_fts_no" for t in NUMBER_APART
             if old_version < 9 and f"{t}_fts" in before and "number" in before[f"{t}_fts"]["columns"]}
    kept = {t: [c for c in before[t]["columns"] if not (t in moved and c == "number")] for t in before}
    after = _snapshot(path, {**kept, **{new: ["number"] for new in moved.values()}})
    for table in before:
        if table in moved:
            at = before[table]["columns"].index("number")
            rows = before[table]["rows"]
            assert sorted(after[moved[table]]["rows"]) == sorted((r[at],) for r in rows), table
            before[table]["rows"] = sorted((r[:at] + r[at + 1:] for r in rows), key=repr)
        assert len(after[table]["rows"]) == len(before[table]["rows"]), table
        assert after[table]["rows"] == before[table]["rows"], table
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    if old_version < SCHEMA_VERSION:
        assert (tmp_path / f"{path.stem}.v{old_version}.bak").exists()
        # the log says when the file changed shape, by which PropDesk, and where its copy is
        con = sqlite3.connect(path)
        steps = con.execute("SELECT staff_id, entity, note FROM audit_entry WHERE action = 'upgrade' "
                            "ORDER BY id").fetchall()
        con.close()
        assert [note.split(",")[0] for _s, _e, note in steps] == [
            f"schema {v - 1} → {v}" for v in range(old_version + 1, SCHEMA_VERSION + 1)]
        assert all(staff is None and entity == "database" and f"{path.stem}.v{old_version}.bak" in note
                   for staff, entity, note in steps)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_the_program_works_on_an_upgraded_file(fixture, tmp_path):
    from propdesk.services.core import accounts
    from propdesk.services.cases import callbacks
    from propdesk.services.cases import complaints
    from propdesk.services.lists import search
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.lists.search import ComplaintFilter

    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    init_db(str(path))
    old_numbers = {c.number for c in Complaint.select()}
    assert search.count(ComplaintFilter(text="车库漏水"), reader=PROGRAM) == 1  # the FTS index came along
    clerk = accounts.authenticate("clerk", "secret123")
    at = dt.datetime(2026, 11, 2, 18, 0)
    new = complaints.create(clerk, ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description="升级后的新投诉",
        category_id=Category.select().first().id, severity="minor"), at=at)
    assert new.number not in old_numbers  # numbers are never given twice
    due = Callback.get_or_none(Callback.status == "due")
    if due is not None:
        callbacks.move(clerk, due.id, dt.date(2026, 11, 30), "业主出差", today=dt.date(2026, 11, 3))
    assert Staff.select().count() == 4


def test_a_next_schema_step_keeps_every_row(tmp_path, monkeypatch):
    """A migration that adds a column, run on the oldest fixture (the shape a real step
    usually has): nothing is lost, a copy of the file is kept first."""
    from playhouse.migrate import SchemaMigrator, migrate
    from peewee import TextField

    from propdesk.models import db as dbmod

    def add_column(db):
        migrator = SchemaMigrator.from_database(db)
        # null=True: a plain ALTER TABLE ADD COLUMN. (A NOT NULL column makes peewee rebuild the
        # table, which SQLite refuses while other tables' foreign keys point at it.)
        migrate(migrator.add_column("complaint", "fixture_note", TextField(null=True)))

    path = tmp_path / FIXTURES[0].name
    shutil.copy(FIXTURES[0], path)
    init_db(str(path)).close()  # up to the current version first
    before = _snapshot(path)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(dbmod.MIGRATIONS, SCHEMA_VERSION + 1, add_column)
    db = init_db(str(path))
    assert schema_version(db) == SCHEMA_VERSION + 1
    db.close()
    after = _snapshot(path, {t: before[t]["columns"] for t in before})
    assert {t: len(v["rows"]) for t, v in after.items()} == {t: len(v["rows"]) for t, v in before.items()}
    assert after == before
    assert (tmp_path / f"{path.stem}.v{SCHEMA_VERSION}.bak").exists()
