"""Names by their pinyin initials (zw -> 张伟, models.name_index): the triggers and the Python
form agree, each list finds the right rows, the index follows new, edited and voided cases, and
the upgrade from schema 7 fills it, says how far it is, and leaves nothing half-done when
cancelled. On both engines (PostgreSQL: PL/pgSQL triggers, schema step 9 for databases that
skipped step 8)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database, is_sqlite
from propdesk.models.name_index import name_initials
from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, search, workorder_search

sqlite_only = pytest.mark.sqlite_only(reason="a SQLite file of schema 7 / SQLite's query plan")
NOW = dt.datetime(2026, 11, 24, 10, 0)
NAMES = ["张伟", "张伟明", "周文", "曾伟", "单田芳", "王女士", "李 先生", "Li Ming", "陈2号", "赵", "",
         "欧阳娜娜", "𠀀伟"]
V7 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v7.db"


def _create(office, name, hour, text="门口有垃圾"):
    cat = Category.select().first().id
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime(2026, 11, 24, hour, 0), unit="", phone="13800138000",
        complainant=name, description=text, category_id=cat, severity="minor"), at=NOW)


def test_the_triggers_and_the_python_form_agree(office):
    from propdesk.models.name_index import _initials_sql

    expr = _initials_sql("?") if is_sqlite() else "propdesk_initials(%s)"
    for name in NAMES + [None, "K"]:  # the triggers' expression itself, on any text
        assert database.execute_sql(f"SELECT {expr}", (name,)).fetchone()[0] == name_initials(name), name
    for i, name in enumerate(n for n in NAMES if n):
        _create(office, name, 9, text=f"第{i}件")
    stored = database.execute_sql(
        "SELECT c.complainant, i.initials FROM complaint c JOIN complaint_initials i ON i.id = c.id").fetchall()
    assert len(stored) == len(NAMES) - 1
    for name, initials in stored:
        assert initials == name_initials(name), name
    assert name_initials("张伟") == "zw" and name_initials("曾伟") == "zw"  # 曾 read as a surname
    assert name_initials("单田芳") == "stf" and name_initials("Li Ming") == "liming"
    assert name_initials("王女士") == "wns" and name_initials("李 先生") == "lxs"


def _numbers(f):
    return [r["number"] for r in search.page(f, reader=PROGRAM)]


def test_complaints_by_initials_follow_edits_and_voids(office):
    a = _create(office, "张伟", 9)
    b = _create(office, "张伟明", 8)
    c = _create(office, "周文", 7)
    _create(office, "王芳", 6)
    assert _numbers(search.ComplaintFilter(text="zw")) == [a.number, b.number, c.number]
    assert _numbers(search.ComplaintFilter(text="ZWM")) == [b.number]  # case does not matter
    assert search.count(search.ComplaintFilter(text="zw"), reader=PROGRAM) == 3
    assert _numbers(search.ComplaintFilter(text="wz")) == []  # initials are read from the start
    c.complainant = "王小明"
    c.save()
    assert _numbers(search.ComplaintFilter(text="zw")) == [a.number, b.number]
    assert _numbers(search.ComplaintFilter(text="wxm")) == [c.number]
    complaints.void(office["supervisor"], a.id, "重复")
    assert _numbers(search.ComplaintFilter(text="zw")) == [b.number]
    assert _numbers(search.ComplaintFilter(text="zw", statuses=("voided",))) == [a.number]
    # the letters are still found as text too
    d = _create(office, "刘洋", 5, text="住户zw反映门禁坏了")
    assert d.number in _numbers(search.ComplaintFilter(text="zw"))


def test_work_orders_and_callbacks_by_initials(fresh_db):
    from propdesk.demo import office as demo

    demo.create_demo_office(n_complaints=60, seed=5, today=dt.date(2026, 11, 24))
    order = database.execute_sql(
        "SELECT id, contact_name FROM work_order WHERE contact_name != '' LIMIT 1").fetchone()
    term = name_initials(order[1])
    found = [r["id"] for r in workorder_search.page(workorder_search.WorkOrderFilter(text=term), limit=1000, reader=PROGRAM)]
    expected = [r[0] for r in database.execute_sql(
        "SELECT id, contact_name FROM work_order ORDER BY received_at DESC, id DESC").fetchall()
        if name_initials(r[1]).startswith(term)]
    assert order[0] in found and set(expected) <= set(found)
    call = database.execute_sql(
        "SELECT cb.id, c.complainant FROM callback cb JOIN complaint c ON c.id = cb.complaint_id "
        "LIMIT 1").fetchone()
    term = name_initials(call[1])
    rows = callback_search.page(callback_search.CallbackFilter(view="all", text=term), limit=1000, reader=PROGRAM)
    assert call[0] in [r["id"] for r in rows]
    for row in rows:  # each has a contact with those initials, or the letters in its text
        assert name_initials(row["contact"]).startswith(term) or term in str(row).lower(), row


@sqlite_only
def test_the_initials_are_looked_up_in_their_index(office):
    _create(office, "张伟", 9)
    sql, params = search.LISTING._page_sql(search.ComplaintFilter(text="zw"), "received_at", True, 0, 100, None)
    plan = "\n".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "complaint_initials_initials (initials>? AND initials<?)" in plan, plan


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


@sqlite_only
def test_the_upgrade_fills_the_index_and_says_how_far_it_is(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db, upgrade_text

    path = tmp_path / "office.db"
    shutil.copy(V7, path)
    calls = []
    db = init_db(str(path), progress=lambda *a: calls.append(a))
    try:
        rows = database.execute_sql(
            "SELECT c.complainant, i.initials FROM complaint c LEFT JOIN complaint_initials i ON i.id = c.id").fetchall()
        assert rows and all(initials == name_initials(name) for name, initials in rows)
    finally:
        db.close()
    assert _version(path) == SCHEMA_VERSION
    parts = [(version, what) for version, what, _, _ in calls]
    assert (8, "copy") in parts and (8, "names") in parts
    done, total = [(d, t) for v, w, d, t in calls if w == "names"][0]
    assert 0 < done <= total
    assert "8" in upgrade_text(8, "names", 1, 2) and "50%" in upgrade_text(8, "names", 1, 2)


@sqlite_only
def test_a_cancelled_upgrade_leaves_the_file_as_it_was(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if what == "names" and done:
            raise Cancelled

    path = tmp_path / "office.db"
    shutil.copy(V7, path)
    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert _version(path) == 7
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%initial%' "
                           "AND name != 'owner_initials'").fetchall() == []  # (the owners' column's index)
    finally:
        con.close()
    init_db(str(path)).close()  # and the next start upgrades it
    assert _version(path) == SCHEMA_VERSION


@sqlite_only
def test_the_cli_shows_the_upgrade_on_stderr(tmp_path, monkeypatch, capsys):
    from propdesk import cli
    from propdesk.models.db import SCHEMA_VERSION

    path = tmp_path / "office.db"
    shutil.copy(V7, path)
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong")
    # the file is opened (and upgraded) before anyone signs in: the sign-in may fail here
    cli.main(["backup", "--db", str(path), "--lang", "zh_CN", "--user", "admin",
              "-o", str(tmp_path / "copy.db")])
    err = capsys.readouterr().err
    assert "升级" in err and "首字母" in err, err
    assert _version(path) == SCHEMA_VERSION


# --- PostgreSQL ---------------------------------------------------------------------------------

pg_only = pytest.mark.postgres_only


@pg_only
def test_postgres_looks_the_initials_up_in_their_index(office):
    from propdesk.services.lists import pg_search

    _create(office, "张伟", 9)
    query = search.LISTING  # the page's SQL as the list runs it
    sql, params = query._page_sql(search.ComplaintFilter(text="zw"), "received_at", True, 0, 100, None)
    database.execute_sql("SET enable_seqscan = off")  # a tiny table: show that the index can answer
    try:
        plan = "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params).fetchall())
    finally:
        database.execute_sql("RESET enable_seqscan")
    assert "complaint_initials_initials" in plan, plan
    # schema 14: the names come sorted from their own index and each is looked up by key until
    # the page is full (tests/test_pg_initials_order.py), no longer ORed with the search index
    # in a BitmapOr of every name's id
    assert "complaint_pkey" in plan and "BitmapOr" not in plan, plan
    assert pg_search  # (the search column's own condition is pg_search's)


def _at_schema_8_without_initials(db_location):
    """A PostgreSQL database as PropDesk left it at schema 8 (step 8 was SQLite-only; step 10
    makes them on PostgreSQL)."""
    from propdesk.models import name_index

    for table in name_index.NAME_COLUMNS:
        name_index.drop(database.obj, table)
        database.execute_sql(f"DROP FUNCTION IF EXISTS {table}_initials_put()")
    database.execute_sql("DROP FUNCTION IF EXISTS propdesk_initials(text)")
    database.execute_sql("DROP TABLE pinyin_initial")
    database.execute_sql("UPDATE setting SET value = '8' WHERE key = 'schema_version'")
    database.obj.close()


@pg_only
def test_a_postgres_database_at_schema_8_gets_its_initials(office, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    for hour, name in enumerate(["张伟", "曾伟明", "王女士", "Li Ming"], start=6):
        _create(office, name, hour)
    _at_schema_8_without_initials(db_location)
    calls = []
    db = init_db(db_location, progress=lambda *a: calls.append(a))
    assert schema_version(db) == SCHEMA_VERSION
    rows = database.execute_sql("SELECT c.complainant, i.initials FROM complaint c "
                                "LEFT JOIN complaint_initials i ON i.id = c.id").fetchall()
    assert len(rows) == 4 and all(initials == name_initials(name) for name, initials in rows)
    assert [(v, d, t) for v, w, d, t in calls if w == "names"][0][0] == 10
    assert len(_numbers(search.ComplaintFilter(text="zw"))) == 2  # 张伟, 曾伟明
    # and rows written afterwards get theirs from the triggers
    _create(office, "周文", 5)
    assert len(_numbers(search.ComplaintFilter(text="zw"))) == 3


@pg_only
def test_a_cancelled_postgres_upgrade_leaves_the_version_before_the_initials(office, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if what == "names" and done:
            raise Cancelled

    _create(office, "张伟", 9)
    _at_schema_8_without_initials(db_location)
    with pytest.raises(Cancelled):
        init_db(db_location, progress=cancel)
    db = database.obj
    assert schema_version(db) == 9  # step 9 (numbers apart) is done; step 10 rolled back
    assert not db.table_exists("complaint_initials") and not db.table_exists("pinyin_initial")
    db.close()
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION
