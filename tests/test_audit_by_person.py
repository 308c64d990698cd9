"""Schema 18: one person's entries of the audit log in the log's order (models.db.AUDIT_BY_PERSON,
``(staff_id, at)``), so the viewer's page for a person whose entries all lie years back (a
former clerk) seeks to them instead of walking the whole log from today (1.8-2.3 s at 5.29 M
entries). The page's plan on a small file (SQLite), the rows (the plain query's, in order), and
the upgrade of a schema-17 file and of a server database: progress, Cancel mid-statement, the
old staff_id index gone."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from fixtures.recorded_sql import recorded_sql

from propdesk.models import database
from propdesk.models.db import AUDIT_BY_PERSON, analyze, is_sqlite
from propdesk.models.tables import AuditEntry
from propdesk.services.core import audit, audit_log
from propdesk.services.core.audit_log import AuditFilter
from propdesk.services.core.db_retry import transaction
from propdesk.services.lists import query_parts

V17 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v17.db"
NOW = dt.datetime(2026, 11, 20, 9, 0)
LONG_AGO = dt.datetime(2017, 3, 6, 10, 0)


@pytest.fixture
def log(office):
    """The clerk's entries all eight years back; the others' (many, recent) in between."""
    with transaction():
        for i in range(40):
            audit.record(office["clerk"], "complaint", i, "change", at=LONG_AGO + dt.timedelta(days=i % 9, minutes=i))
        for i in range(400):
            who = office["supervisor"] if i % 2 else office["admin"]
            audit.record(who, "complaint" if i % 3 else "setting", i, "read",
                         at=NOW - dt.timedelta(hours=i % 97, seconds=i))
    query_parts.forget_counts()
    return office


def _page_plans(boss, f, **kw) -> list[str]:
    with recorded_sql() as seen:
        rows = audit_log.page(boss, f, 20, **kw)
    pages = [(s, p) for s, p in seen if 'FROM "audit_entry"' in s and "ORDER BY" in s]
    assert pages, "the page's statement was recorded"
    plans = []
    for sql, params in pages:
        lines = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        plans.append("\n".join(r[-1] for r in lines))
    return plans, rows


def _filters(office):
    clerk = office["clerk"].id
    return [AuditFilter(staff_id=clerk), AuditFilter(staff_id=clerk, entity="complaint"),
            AuditFilter(staff_id=clerk, date_from=dt.date(2017, 3, 8), date_to=dt.date(2017, 3, 12)),
            AuditFilter(staff_id=clerk, action="change")]


# The planner's figures of the 1,000,000-complaint file (5.29 M entries) after step 18 and
# ANALYZE with PropDesk's analysis_limit (with the staff_id index kept beside the new one, these
# figures made SQLite read a clerk's 1.57 M entries through it and sort them: 0.95 s a page)
LARGE_LOG = [("audit_entry", "audit_entry_staff_at", "4309920 1001 1"),
             ("audit_entry", "audit_entry_entity_entity_id_at", "6386850 1001 3 1"),
             ("audit_entry", "audit_entry_at", "3507840 2")]


@pytest.mark.sqlite_only(reason="SQLite's query plans (EXPLAIN QUERY PLAN)")
@pytest.mark.parametrize("many", [query_parts.MANY, 0], ids=["rare", "common: walk"])
@pytest.mark.parametrize("figures", ["none", "ANALYZE", "a large log's"])
def test_a_persons_page_seeks_to_their_entries_in_order(log, monkeypatch, many, figures):
    """Every page of a person (first, after a row, oldest first) reads their index in the log's
    order: no walk of the time's index, no sort. Fails on schema 17 (the staff_id index)."""
    monkeypatch.setattr(query_parts, "MANY", many)  # 0: the person has "many" entries
    if figures != "none":
        analyze()
    if figures == "a large log's":
        database.execute_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'audit_entry'")
        for row in LARGE_LOG:
            database.execute_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", row)
        database.execute_sql("ANALYZE sqlite_schema")  # (read again)
    boss = log["supervisor"]
    for f in _filters(log):
        plans, rows = _page_plans(boss, f)
        assert rows, f
        more, _ = _page_plans(boss, f, after=rows[len(rows) // 2])
        oldest, _ = _page_plans(boss, f, oldest_first=True)
        for plan in plans + more + oldest:
            assert AUDIT_BY_PERSON in plan, (f, plan)
            assert "TEMP B-TREE" not in plan, (f, plan)
            assert "audit_entry_at" not in plan, (f, plan)


@pytest.mark.parametrize("many", [query_parts.MANY, 0], ids=["rare", "common: walk"])
def test_a_persons_pages_are_the_plain_query_in_order(log, monkeypatch, many):
    monkeypatch.setattr(query_parts, "MANY", many)
    boss = log["supervisor"]
    clerk = log["clerk"].id
    for f in _filters(log):
        expected = [e.id for e in AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                    if e.staff_id == clerk and (f.entity in (None, e.entity)) and (f.action in (None, e.action))
                    and (f.date_from is None or f.date_from <= e.at.date() <= f.date_to)]
        assert expected, f
        seen, rows = [], audit_log.page(boss, f, 7)
        while rows:
            seen += [r["id"] for r in rows]
            rows = audit_log.page(boss, f, 7, after=rows[-1])
        assert seen == expected, f
        assert [r["id"] for r in audit_log.page(boss, f, 7, oldest_first=True)] == expected[::-1][:7], f
        assert audit_log.count(boss, f) == len(expected), f


def _audit_indexes(db) -> dict[str, str]:
    if is_sqlite(db):
        rows = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                              "AND tbl_name = 'audit_entry'").fetchall()
    else:
        rows = db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_entry'").fetchall()
    return dict(rows)


def test_a_new_database_has_the_persons_index_and_not_the_staff_one(fresh_db):
    names = _audit_indexes(database.obj)
    assert AUDIT_BY_PERSON in names and "audit_entry_staff_id" not in names
    columns = '("staff_id", "at")' if is_sqlite() else "(staff_id, at, id)"
    assert columns in names[AUDIT_BY_PERSON]


class Cancelled(Exception):
    pass


def _with_entries(path: Path, n: int) -> None:
    con = sqlite3.connect(path)
    try:
        staff = [r[0] for r in con.execute("SELECT id FROM staff")]
        con.executemany("INSERT INTO audit_entry (at, staff_id, entity, entity_id, action, note) "
                        "VALUES (?, ?, 'complaint', ?, 'read', '')",
                        ((f"2019-01-01 {i % 24:02d}:00:00", staff[i % len(staff)], i) for i in range(n)))
        con.commit()
    finally:
        con.close()


@pytest.mark.sqlite_only(reason="an old SQLite file (the server's upgrade: below)")
def test_the_upgrade_from_17_says_how_far_it_is_and_cancel_stops_the_build(tmp_path, monkeypatch):
    from propdesk.models import db as dbmod
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    monkeypatch.setattr(dbmod, "INDEX_BUILD_CHECK", 100)  # a small file: look often
    monkeypatch.setattr(dbmod, "INDEX_BUILD_REPORT_S", 0.0)
    path = tmp_path / "office.db"
    shutil.copy(V17, path)
    _with_entries(path, 20_000)
    con = sqlite3.connect(path)
    assert "audit_entry_staff_id" in dict(con.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'audit_entry'").fetchall())
    con.close()
    said = []

    def cancel(version, what, done, total):
        said.append((version, what, done, total))
        if version == 18 and what == "audit" and 0 < done < total:
            raise Cancelled

    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert said[-1][:2] == (18, "audit") and 0 < said[-1][2] < 100  # in the middle of the build
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0] == "17"
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'audit_entry'")}
        assert "audit_entry_staff_id" in names and AUDIT_BY_PERSON not in names
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()

    said.clear()
    db = init_db(str(path), progress=lambda *a: said.append(a))
    try:
        assert schema_version(db) == SCHEMA_VERSION
        names = _audit_indexes(db)
        assert AUDIT_BY_PERSON in names and "audit_entry_staff_id" not in names
        dones = [d for v, w, d, t in said if v == 18 and w == "audit"]
        assert dones[0] == 0 and dones[-1] == 100 and dones == sorted(dones) and len(set(dones)) > 3
    finally:
        db.close()


@pytest.mark.postgres_only
def test_a_server_database_upgraded_to_18(office, db_location):
    """Schema 17 on a server (the foreign key's index on staff_id, no persons' index): the
    upgrade builds it (progress said, through the server's watch) and drops the old one; Cancel
    as it starts leaves schema 17."""
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    database.execute_sql(f'DROP INDEX "{AUDIT_BY_PERSON}"')
    database.execute_sql('CREATE INDEX "audit_entry_staff_id" ON "audit_entry" ("staff_id")')
    database.execute_sql("UPDATE setting SET value = '17' WHERE key = 'schema_version'")
    database.obj.close()

    def cancel(version, what, done, total):
        if version == 18 and what == "audit":
            raise Cancelled

    with pytest.raises(Cancelled):
        init_db(db_location, progress=cancel)
    database.obj.close()
    db = init_db(db_location, migrate=False)
    assert schema_version(db) == 17
    assert AUDIT_BY_PERSON not in _audit_indexes(db) and "audit_entry_staff_id" in _audit_indexes(db)
    db.close()
    said = []
    db = init_db(db_location, progress=lambda *a: said.append(a))
    assert schema_version(db) == SCHEMA_VERSION
    names = _audit_indexes(db)
    assert AUDIT_BY_PERSON in names and "audit_entry_staff_id" not in names
    assert "(staff_id, at, id)" in names[AUDIT_BY_PERSON]
    assert (18, "audit") in {(v, w) for v, w, _d, _t in said}
