"""Schema 19 (models.db.CALLBACK_DAYS): the callback list's page of a number start sorted by
status is taken status by status, each status's callbacks walked between the ids of the range's
days ("Numbers by status" in services.lists.listing), instead of collecting and sorting every
match. Whatever the term, view, direction, offset and page size, first or scrolled, the page
must be what plain LIKE and the set-based plan find, also with odd callbacks of every kind and
callbacks whose id is out of step with their day; and the walk must read the status index in
its order, whatever figures the planner has."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.models.db import CALLBACK_DAYS, analyze
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing
from test_dated_callback_orders import FILTERS, _like_only, _make_odd, _number_starts

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's table of the callbacks' days and its plans"),
              pytest.mark.demo_office(n_complaints=120, seed=11)]

V18 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v18.db"


def _ids(rows) -> list[int]:
    return [r["id"] for r in rows]


def _spy(monkeypatch) -> list:
    used = []
    original = listing.Listing._numbers_by_status

    def spy(self, *args):
        rows = original(self, *args)
        used.append(rows is not None)
        return rows

    monkeypatch.setattr(listing.Listing, "_numbers_by_status", spy)
    return used


def _out_of_step() -> list[int]:
    """Callbacks whose id is far from their day's: one renumbered to a day years after its
    neighbours', one added last with a number of the first days (as an import may write them)."""
    rows = database.execute_sql("SELECT id, number FROM callback WHERE number GLOB 'HF-*' ORDER BY id").fetchall()
    moved = rows[len(rows) // 4][0]
    database.execute_sql("UPDATE callback SET number = ? WHERE id = ?", (f"HF-20290301-{moved:03d}", moved))
    first = rows[0][1]
    columns = [r[1] for r in database.execute_sql("PRAGMA table_info(callback)") if r[1] not in ("id", "number", "status")]
    database.execute_sql(
        f"INSERT INTO callback (number, status, {', '.join(columns)}) "
        f"SELECT ?, 'cancelled', {', '.join(columns)} FROM callback WHERE id = ?", (first[:11] + "-999", rows[0][0]))
    added = database.execute_sql("SELECT max(id) FROM callback").fetchone()[0]
    # and, added last too, one made years after its case (odd: only callback_odd finds it, its
    # id is past every span of its case's days; still due: first by status going down)
    database.execute_sql(
        f"INSERT INTO callback (number, status, {', '.join(columns)}) "
        f"SELECT ?, 'due', {', '.join(columns)} FROM callback WHERE id = ?", ("HF-20300107-001", rows[1][0]))
    late = database.execute_sql("SELECT max(id) FROM callback").fetchone()[0]
    assert database.execute_sql("SELECT 1 FROM callback_odd WHERE id = ?", (late,)).fetchone()
    return [moved, added, late]


def test_pages_by_status_find_what_like_and_the_sets_find(demo_office, monkeypatch):
    odd = _make_odd()
    stepped = _out_of_step()
    used = _spy(monkeypatch)
    cases = [(t, i, d, off, n) for t in _number_starts() for i in range(len(FILTERS)) for d in (False, True)
             for off, n in ((0, 1), (0, 20), (3, 6), (10, 10))]

    def pages():
        callback_search.LISTING.clear_cache()
        found = {}
        for t, i, d, off, n in cases:
            rows = callback_search.page(FILTERS[i](t), "status", d, offset=off, limit=n, reader=PROGRAM)
            found[(t, i, d, off, n)] = _ids(rows)
            if rows and off == 0:  # the page after it, and the one before that
                more = callback_search.page(FILTERS[i](t), "status", d, limit=n, after=rows[-1], reader=PROGRAM)
                found[(t, i, d, off, n, "after")] = _ids(more)
                if more:
                    found[(t, i, d, off, n, "before")] = _ids(callback_search.page(
                        FILTERS[i](t), "status", d, limit=n, before=more[0], reader=PROGRAM))
        return found

    walked = pages()
    assert sum(used) >= len(cases) // 2, "the pages were walked by status"  # (not the open view: few)
    monkeypatch.setattr(listing.Listing, "_numbers_by_status", lambda self, *a: None)
    assert walked == pages()  # the set-based plan
    _like_only(monkeypatch)
    plain = pages()
    assert walked == plain
    assert sum(1 for ids in plain.values() if ids) >= len(plain) // 3
    shown = {i for ids in plain.values() for i in ids}  # the comparison did look at them
    assert (set(odd.values()) | set(stepped)) <= shown


@pytest.mark.parametrize("figures", ["none", "ANALYZE", "a million's"])
def test_the_walk_reads_each_status_in_its_index_order(demo_office, figures):
    """The walk of a status is a seek into callback_status within the id span, its rows tested
    by their cases' keys; no statement collects the range's numbers or sorts the matches."""
    if figures != "none":
        analyze()
    if figures == "a million's":  # (the 1,000,000-complaint file's, with PropDesk's analysis_limit)
        database.execute_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'callback'")
        for idx, stat in (("callback_status", "914052 1001"), ("callback_complaint_id", "2057856 3"),
                          ("callback_work_order_id", "1290800 3"), ("callback_number", "1184232 1"),
                          ("callback_due_cases", "745308 167 1 1 1 1 1")):
            database.execute_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('callback', ?, ?)", (idx, stat))
        database.execute_sql("ANALYZE sqlite_schema")
    number = database.execute_sql("SELECT number FROM complaint ORDER BY number LIMIT 1 OFFSET 60").fetchone()[0]
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        seen.append((sql, params))
        return original(sql, params, *a, **kw)

    callback_search.LISTING.clear_cache()
    database.obj.execute_sql = spy
    try:
        for view in ("all", "done"):
            f = callback_search.CallbackFilter(view=view, text=number[:7])
            for descending in (False, True):
                seen.clear()
                rows = callback_search.page(f, "status", descending, limit=3, reader=PROGRAM)
                assert len(rows) == 3
                callback_search.page(f, "status", descending, limit=3, after=rows[-1], reader=PROGRAM)
                walks = [(s, p) for s, p in seen if "INDEXED BY" in s and "EXISTS" in s]
                assert len(walks) >= 2, seen
                del database.obj.execute_sql
                try:
                    for sql, params in seen:
                        plan = " | ".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql,
                                                                              params).fetchall())
                        if (sql, params) in walks:
                            assert "USING INDEX callback_status (status=? AND rowid>? AND rowid<?)" in plan, plan
                            assert "TEMP B-TREE" not in plan, plan
                        # the range's numbers are never collected as a set
                        assert not ("LIST SUBQUERY" in plan and "complaint_number" in plan), (sql, plan)
                        # (nor are the matches' ids sorted: Listing.ids_first's statement)
                        assert '"t1"."id" IN (SELECT "t1"."id" FROM "callback" AS "t1" WHERE ' not in sql, sql
                finally:
                    database.obj.execute_sql = spy
    finally:
        if "execute_sql" in vars(database.obj):
            del database.obj.execute_sql


def _days() -> dict[str, tuple[int, int]]:
    return {d: (lo, hi) for d, lo, hi in database.execute_sql(f"SELECT day, low, high FROM {CALLBACK_DAYS}")}


def _span_holds() -> None:
    """Every callback whose own number carries a day lies within its day's span."""
    days = _days()
    for cid, number in database.execute_sql("SELECT id, number FROM callback WHERE number GLOB 'HF-[0-9]*'"):
        day = number[3:11]
        try:
            dt.datetime.strptime(day, "%Y%m%d")
        except ValueError:
            continue
        assert days[day][0] <= cid <= days[day][1], (cid, number, days.get(day))


def test_the_days_follow_every_callback_added_or_renumbered(demo_office):
    from propdesk.services.cases import callbacks  # noqa: F401 - (made through the services above)

    _span_holds()
    _make_odd()
    _out_of_step()
    _span_holds()
    filled = _days()
    database.execute_sql(f"DELETE FROM {CALLBACK_DAYS}")
    from propdesk.models.db import fill_callback_days

    fill_callback_days(database.obj)
    refilled = _days()
    # the triggers' spans hold the filled ones (a renumbered callback leaves its old day wider)
    assert set(refilled) <= set(filled)
    assert all(filled[d][0] <= lo and hi <= filled[d][1] for d, (lo, hi) in refilled.items())


class Cancelled(Exception):
    pass


def test_the_upgrade_from_18_fills_the_days_and_cancel_leaves_18(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    path = tmp_path / "office.db"
    shutil.copy(V18, path)

    def cancel(version, what, done, total):
        if version == 19 and what == "callback" and done:
            raise Cancelled

    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0] == "18"
        assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (CALLBACK_DAYS,)).fetchone()
    finally:
        con.close()
    said = []
    db = init_db(str(path), progress=lambda *a: said.append(a))
    try:
        assert schema_version(db) == SCHEMA_VERSION
        assert (19, "callback") in {(v, w) for v, w, _d, _t in said}
        assert _days()
        _span_holds()
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {f"{CALLBACK_DAYS}_ai", f"{CALLBACK_DAYS}_au"} <= names
    finally:
        db.close()
