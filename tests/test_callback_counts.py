"""The callback list's count reads only the joins its filter needs (callback_search._count_joins):
a term's count is a count of callbacks by the sets of ids the search indexes give, and the
page's joins to the case, its unit, the incident and the clerk made SQLite read (or scan) them
for every callback counted. Whatever the term and filter, the count is the number of rows the
pages list, and on SQLite what plain LIKE counts."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from propdesk.models import database, is_sqlite
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing

pytestmark = pytest.mark.demo_office(n_complaints=120, seed=9)
TODAY = dt.date(2026, 11, 24)  # (conftest.DEMO_TODAY)


def _terms() -> list[str]:
    number, phone, label, name = database.execute_sql(
        "SELECT c.number, c.phone, u.label, c.complainant FROM callback b JOIN complaint c ON c.id = b.complaint_id "
        "JOIN unit u ON u.id = c.unit_id ORDER BY b.id LIMIT 1 OFFSET 3").fetchone()
    w_number = database.execute_sql("SELECT w.number FROM callback b JOIN work_order w ON w.id = b.work_order_id "
                                    "ORDER BY b.id LIMIT 1").fetchone()
    b_number = database.execute_sql("SELECT max(number) FROM callback").fetchone()[0]
    from propdesk.models.name_index import name_initials

    terms = {number[:7], number[3:11], phone[-4:], phone[-2:], label, label[:2], name_initials(name)[:2], name,
             "zw", "水", b_number[:9], b_number[-3:], "龘龘", "3-1", ""}
    if w_number:
        terms |= {w_number[0][:9], w_number[0][-6:]}
    return sorted(terms)


def _filters(term: str) -> list:
    building, clerk = database.execute_sql(
        "SELECT u.building_id, b.assigned_to_id FROM callback b JOIN complaint c ON c.id = b.complaint_id "
        "JOIN unit u ON u.id = c.unit_id ORDER BY b.id LIMIT 1").fetchone()
    make = callback_search.CallbackFilter
    return [make(view="all", text=term, today=TODAY), make(view="open", text=term, today=TODAY),
            make(view="done", text=term, today=TODAY), make(view="overdue", text=term, today=TODAY),
            make(view="all", kind="complaint", text=term, today=TODAY),
            make(view="all", kind="work_order", text=term, today=TODAY),
            make(view="all", building_id=building, text=term, today=TODAY),
            make(view="done", clerk_id=clerk, building_id=building, text=term, today=TODAY),
            make(view="all", clerk_id=clerk, text=term, today=TODAY)]


def _counts() -> dict:
    callback_search.LISTING.clear_cache()
    out = {}
    for term in _terms():
        for i, f in enumerate(_filters(term)):
            rows = callback_search.page(f, limit=100_000, reader=PROGRAM)
            out[(term, i)] = (callback_search.count(f, reader=PROGRAM), len(rows))
    return out


def test_counts_are_the_rows_listed_and_what_like_counts(demo_office, monkeypatch):
    counted = _counts()
    assert all(count == listed for count, listed in counted.values()), \
        {k: v for k, v in counted.items() if v[0] != v[1]}
    assert sum(1 for count, _ in counted.values() if count) >= len(counted) // 3  # (not all empty)
    if is_sqlite():  # the same counts with every term read by LIKE over the joined rows
        monkeypatch.setattr(listing, "uses_index", lambda term: False)
        monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
        assert _counts() == counted


def _count_sql(f) -> str:
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        # (not walk_if_many's probes; PostgreSQL counts initials as a union with their side table's
        # ids: Listing._pg_count_by_index)
        if re.match(r'SELECT (COUNT\((\*|"t1"\."id")\)|count\(\*\) FROM \(SELECT "t1"\."id") FROM "callback"', sql):
            seen.append(sql)
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        callback_search.count(f, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert len(seen) == 1, seen
    return seen[0].split(" WHERE ", 1)[0]  # what is counted (the search's sets have joins of their own)


def test_a_terms_count_reads_the_callbacks_alone(demo_office):
    make = callback_search.CallbackFilter
    for term in ("70", "zw", "TS-2023", "3幢", "水"):
        for f in (make(view="all", text=term), make(view="done", text=term),
                  make(view="all", kind="incident", clerk_id=1, text=term)):
            assert " JOIN " not in _count_sql(f), f
    building = database.execute_sql("SELECT min(id) FROM building").fetchone()[0]
    assert " JOIN " in _count_sql(make(view="all", building_id=building, text="70"))  # the case's unit
    if is_sqlite():  # a short term with punctuation, or the few callbacks still due: LIKE over
        # the case's columns
        assert " JOIN " in _count_sql(make(view="all", text="3-"))
        assert " JOIN " in _count_sql(make(view="open", text="70"))


# --- the callbacks still due: few, tested one by one (callback_search._few) ----------------------

def _due_filters(term: str) -> list:
    day = database.execute_sql("SELECT due_date FROM callback WHERE status = 'due' ORDER BY id LIMIT 1").fetchone()[0]
    make = callback_search.CallbackFilter
    return [make(view=v, text=term, today=TODAY) for v in callback_search.FEW_VIEWS] + [
        make(view="all", day=dt.date.fromisoformat(str(day)[:10]), text=term, today=TODAY),
        make(view="open", kind="complaint", text=term, today=TODAY)]


def _due_pages() -> dict:
    callback_search.LISTING.clear_cache()
    out = {}
    for term in _terms():
        for i, f in enumerate(_due_filters(term)):
            for order, descending in (("due_date", False), ("due_date", True), ("number", False), ("status", True)):
                first = callback_search.page(f, order, descending, limit=3, reader=PROGRAM)
                later = callback_search.page(f, order, descending, offset=3, limit=40, reader=PROGRAM)
                after = (callback_search.page(f, order, descending, limit=3, after=first[-1], reader=PROGRAM)
                         if first else [])
                out[(term, i, order, descending)] = ([r["id"] for r in first], [r["id"] for r in later],
                                                    [r["id"] for r in after])
            out[(term, i)] = callback_search.count(f, reader=PROGRAM)
    return out


def test_the_callbacks_still_due_are_found_as_like_finds_them(demo_office, monkeypatch):
    assert database.execute_sql("SELECT count(*) FROM callback WHERE status = 'due'").fetchone()[0] >= 6
    tested = []
    original = callback_search._few
    monkeypatch.setattr(callback_search, "_few", lambda f: tested.append(original(f)) or tested[-1])
    callback_search.LISTING.few = callback_search._few
    try:
        one_by_one = _due_pages()
        if is_sqlite():  # (PostgreSQL: never few, its search column answers)
            assert any(tested)
            monkeypatch.setattr(listing, "MANY", -1)  # never few: the search indexes' sets, as before
            del tested[:]
            through_sets = _due_pages()
            assert tested and not any(tested)
            assert one_by_one == through_sets
            monkeypatch.setattr(listing, "uses_index", lambda term: False)
            monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
            assert _due_pages() == one_by_one
    finally:
        callback_search.LISTING.few = original
    assert sum(1 for k, v in one_by_one.items() if len(k) == 4 and len(v[0]) == 3) >= 10  # (not all empty)


@pytest.mark.sqlite_only(reason="SQLite's plans")
def test_a_term_among_the_callbacks_still_due_reads_them_alone(demo_office):
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith(('SELECT "t1"."id", "t1"."number"', 'SELECT COUNT("t1"."id")')):
            seen.append((sql, "\n".join(r[-1] for r in original("EXPLAIN QUERY PLAN " + sql, params))))
        return original(sql, params, *a, **kw)

    _, phone = database.execute_sql("SELECT c.number, c.phone FROM callback b JOIN complaint c "
                                    "ON c.id = b.complaint_id WHERE b.status = 'due' LIMIT 1").fetchone()
    database.obj.execute_sql = spy
    try:
        for term in (phone[-2:], "TS-2026", "zw"):
            for order, descending in (("due_date", False), ("due_date", True), ("status", True)):
                f = callback_search.CallbackFilter(view="open", text=term, today=TODAY)
                callback_search.page(f, order, descending, limit=5, reader=PROGRAM)
            callback_search.count(f, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert len(seen) == 12
    for sql, plan in seen:
        assert "_fts" not in sql, sql  # no set of the term's matches is collected
        assert "callback_status (status=?)" in plan, plan
        assert "LIST SUBQUERY" not in plan, plan  # (nor the names with those initials: each row's own)
