"""Schema 13 (models.db.CALLBACK_WALK): the callbacks in the list's order with every key the
quick search tests. A term with many matches walks that index (services.lists.callback_search
._many) instead of looking every match's callbacks up and sorting them; whatever the term, view,
order and page, the callbacks found are those plain LIKE finds."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's plans; the index itself is on both engines"),
              pytest.mark.demo_office(n_complaints=120, seed=9)]

TODAY = dt.date(2026, 11, 24)
V11 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v11.db"


def _terms() -> list[str]:
    number, phone, label, name = database.execute_sql(
        "SELECT c.number, c.phone, u.label, c.complainant FROM callback b JOIN complaint c ON c.id = b.complaint_id "
        "JOIN unit u ON u.id = c.unit_id ORDER BY b.id LIMIT 1 OFFSET 5").fetchone()
    w_number = database.execute_sql("SELECT w.number FROM callback b JOIN work_order w ON w.id = b.work_order_id "
                                    "ORDER BY b.id LIMIT 1").fetchone()
    b_number = database.execute_sql("SELECT max(number) FROM callback").fetchone()[0]
    from propdesk.models.name_index import name_initials

    terms = {number[:7], number[3:11], phone[-4:], phone[-2:], label, label[:2], name_initials(name)[:2],
             "zw", "水", b_number[:9], b_number[-3:], "龘龘"}
    if w_number:
        terms |= {w_number[0][:9], w_number[0][-6:]}
    return sorted(terms)


def _initials() -> str:
    """The initials of a complainant who has callbacks (zw for 张伟)."""
    from propdesk.models.name_index import name_initials

    name = database.execute_sql("SELECT c.complainant FROM callback b JOIN complaint c ON c.id = b.complaint_id "
                                "ORDER BY b.id LIMIT 1").fetchone()[0]
    return name_initials(name)[:2]


def _like_only(monkeypatch):
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)


FILTERS = [lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="done", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="open", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="all", kind="complaint", text=t, today=TODAY)]


def test_walked_pages_find_what_like_finds(demo_office, monkeypatch):
    monkeypatch.setattr(listing, "MANY", 1)  # every term has "many" matches: every page walks
    walked = []
    original = callback_search._many
    monkeypatch.setattr(callback_search, "_many", lambda term: walked.append(original(term)) or walked[-1])
    cases = [(t, i, o, d) for t in _terms() for i in range(len(FILTERS))
             for o, d in (("due_date", False), ("due_date", True), ("number", False))]

    def found():
        callback_search.LISTING.clear_cache()
        out = {}
        for t, i, o, d in cases:
            f = FILTERS[i](t)
            first = callback_search.page(f, order=o, descending=d, limit=7, reader=PROGRAM)
            later = callback_search.page(f, order=o, descending=d, offset=7, limit=50, reader=PROGRAM)
            after = (callback_search.page(f, order=o, descending=d, limit=7, after=first[-1], reader=PROGRAM)
                     if first else [])
            out[(t, i, o, d)] = ([r["id"] for r in first], [r["id"] for r in later], [r["id"] for r in after],
                                 callback_search.count(f, reader=PROGRAM))
        return out

    indexed = found()
    assert any(walked)
    _like_only(monkeypatch)
    plain = found()
    assert indexed == plain
    assert sum(1 for ids, _, _, _ in plain.values() if len(ids) == 7) >= len(cases) // 4


def test_a_term_with_many_matches_walks_the_index_in_the_lists_order(demo_office, monkeypatch):
    monkeypatch.setattr(listing, "MANY", 1)
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith('SELECT "t1"."id", "t1"."number"') and "LIMIT" in sql:
            seen.append("\n".join(r[-1] for r in original("EXPLAIN QUERY PLAN " + sql, params)))
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        rows = callback_search.page(callback_search.CallbackFilter(view="all", text=_initials(), today=TODAY),
                                    limit=5, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert rows and seen
    plan = seen[-1]
    assert "SCAN t1 USING INDEX callback_due_cases" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # the index gives the order: nothing is sorted


def test_counts_do_not_walk(demo_office, monkeypatch):
    monkeypatch.setattr(listing, "MANY", 1)
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith('SELECT COUNT("t1"."id")'):
            seen.append(sql)
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        assert callback_search.count(callback_search.CallbackFilter(view="all", text=_initials(), today=TODAY),
                                     reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert seen and '+"t1"' not in seen[-1]


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def _indexes(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'callback' "
                                          "AND type = 'index'")}
    finally:
        con.close()


def test_the_upgrade_puts_the_walk_index_in_place_of_the_due_date_one(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 13 and what == "callback" and done:
            raise Cancelled

    path = tmp_path / "office.db"
    shutil.copy(V11, path)
    assert "callback_due_date" in _indexes(path)
    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert _version(path) == 12
    assert "callback_due_date" in _indexes(path) and "callback_due_cases" not in _indexes(path)
    calls = []
    init_db(str(path), progress=lambda *a: calls.append(a)).close()
    assert _version(path) == SCHEMA_VERSION
    assert "callback_due_cases" in _indexes(path) and "callback_due_date" not in _indexes(path)
    assert {(13, "callback")} <= {(v, w) for v, w, _, _ in calls}


def test_a_new_file_has_the_walk_index(fresh_db):
    names = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE tbl_name = 'callback' "
                                                "AND type = 'index'")}
    assert "callback_due_cases" in names and "callback_due_date" not in names


# --- the callbacks of a number start, by due date (listing: "Dated numbers", models.db.EARLY) ---

def _make_early() -> list[int]:
    """Callbacks due before the day their number or their case's number carries, or whose
    numbers carry no day: the early ones, which a dated page must never miss."""
    rows = database.execute_sql("SELECT id, complaint_id, work_order_id FROM callback ORDER BY id").fetchall()
    by_complaint = [r for r in rows if r[1]]
    by_order = [r for r in rows if r[2]]
    due_early = by_complaint[len(by_complaint) // 2][0]
    database.execute_sql("UPDATE callback SET due_date = '2020-01-02' WHERE id = ?", (due_early,))
    case = by_complaint[len(by_complaint) // 3][1]  # a case whose number carries no day
    database.execute_sql("UPDATE complaint SET number = ? WHERE id = ?", (f"TS-2026-Y{case}", case))
    own = by_complaint[-4][0]  # a callback whose own number carries no day
    database.execute_sql("UPDATE callback SET number = ? WHERE id = ?", (f"HF-2026-Z{own}", own))
    marked = [by_complaint[1][0]]
    if by_order:
        order_due = by_order[0][0]
        database.execute_sql("UPDATE callback SET due_date = '2021-03-04' WHERE id = ?", (order_due,))
        marked.append(order_due)
    return [due_early, own] + marked


def _number_starts() -> list[str]:
    terms = set()
    for table in ("complaint", "work_order", "callback"):
        numbers = [r[0] for r in database.execute_sql(f"SELECT number FROM {table} ORDER BY number")]
        if not numbers:
            continue
        first, mid = numbers[0], numbers[len(numbers) // 2]
        terms |= {first[:4], first[:7], mid[:9], mid[:10], mid[:11], first[:11], f"{first[:2]}-2026-"}
    return sorted(terms)


def test_dated_callback_pages_find_what_like_finds(demo_office, monkeypatch):
    _make_early()
    used = []
    dated = listing.Listing._dated_callbacks

    def spy(self, *args):
        rows = dated(self, *args)
        used.append(rows is not None)
        return rows

    monkeypatch.setattr(listing.Listing, "_dated_callbacks", spy)
    cases = [(t, i, o, n) for t in _number_starts() for i in range(len(FILTERS))
             for o, n in ((0, 1), (0, 5), (0, 20), (3, 6), (10, 10))]

    def pages():
        callback_search.LISTING.clear_cache()
        return {(t, i, o, n): [r["id"] for r in callback_search.page(FILTERS[i](t), offset=o, limit=n, reader=PROGRAM)]
                for t, i, o, n in cases}

    indexed = pages()
    assert sum(used) >= 10  # the pages do come from the numbers' first days
    _like_only(monkeypatch)
    plain = pages()
    assert indexed == plain
    assert sum(1 for ids in plain.values() if ids) >= len(cases) // 3


def test_the_early_callbacks_follow_every_change(demo_office):
    from propdesk.models.db import EARLY

    def check():
        kept = [r[0] for r in database.execute_sql("SELECT id FROM callback_early ORDER BY id")]
        due = [r[0] for r in database.execute_sql(f"SELECT r.id FROM callback r WHERE {EARLY.format(r='r')} "
                                                  "ORDER BY r.id")]
        assert kept == due
        return kept

    assert check() == []  # the program's own callbacks are never early
    marked = _make_early()
    early = check()
    assert set(marked[:2]) <= set(early)
    # moved back to a later day: no longer early
    database.execute_sql("UPDATE callback SET due_date = '2027-01-01' WHERE id = ?", (marked[0],))
    assert marked[0] not in check()
    # a case's number changed: its callbacks are looked at again
    cb, case = database.execute_sql("SELECT id, complaint_id FROM callback WHERE complaint_id IS NOT NULL "
                                    "ORDER BY id DESC LIMIT 1").fetchone()
    database.execute_sql("UPDATE complaint SET number = 'TS-20991231-001' WHERE id = ?", (case,))
    assert cb in check()
    database.execute_sql("UPDATE complaint SET number = 'TS-20000101-001' WHERE id = ?", (case,))
    assert cb not in check()
    # a new early callback, and one removed
    database.execute_sql("INSERT INTO callback (number, complaint_id, due_date, status, attempts, method, "
                         "satisfaction, owner_words, created_at) VALUES ('HF-20261124-999', ?, '1999-01-01', 'due', "
                         "0, '', '', '', '2026-11-24 09:00:00')", (case,))
    new = database.execute_sql("SELECT max(id) FROM callback").fetchone()[0]
    assert new in check()
    database.execute_sql("DELETE FROM callback WHERE id = ?", (new,))
    assert new not in check()


def test_a_page_due_after_the_candidates_last_day_is_not_taken(demo_office, monkeypatch):
    """The callbacks of the range's first cases moved far ahead: the first days' candidates
    fill a page that is not the page (later cases' callbacks are due before them)."""
    numbers = [r[0] for r in database.execute_sql("SELECT number FROM complaint ORDER BY number")]
    database.execute_sql("UPDATE callback SET due_date = '2029-06-01' WHERE complaint_id IN "
                         "(SELECT id FROM complaint WHERE number < ?)", (numbers[len(numbers) * 2 // 3],))
    cases = [(t, n) for t in ("TS-2", numbers[0][:7]) for n in (1, 2, 5, 10, 20)]

    def pages():
        callback_search.LISTING.clear_cache()
        return {(t, n): [r["id"] for r in callback_search.page(FILTERS[0](t), limit=n, reader=PROGRAM)]
                for t, n in cases}

    indexed = pages()
    _like_only(monkeypatch)
    assert indexed == pages()


def test_each_kind_of_number_start_is_dated(demo_office, monkeypatch):
    """A complaint's, a work order's and a callback's own number start all take the dated way
    (with many numbers in the range: the range is never mistaken for the text's matches)."""
    monkeypatch.setattr(listing, "MANY", 3)
    used = []
    dated = listing.Listing._dated_callbacks
    monkeypatch.setattr(listing.Listing, "_dated_callbacks",
                        lambda self, f, *a: used.append((f.text, dated(self, f, *a) is not None)) or None)
    for table in ("complaint", "work_order", "callback"):
        first = database.execute_sql(f"SELECT min(number) FROM {table}").fetchone()[0]
        callback_search.page(FILTERS[0](first[:4]), limit=2, reader=PROGRAM)
    assert [taken for _, taken in used] == [True, True, True], used
