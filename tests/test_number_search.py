"""A term that is the start of a case number (TS-2026, PG-20261120, HF-20261118-0) is looked up
in the number's own index, UNION the search index over the other columns
(services.lists.listing.number_range): it must find exactly what plain LIKE finds, in all three
lists, including a row whose description quotes another case's number, and its plan must seek
the number index instead of merging the trigrams every number holds."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="the number range stands in for SQLite's FTS5 index"),
              pytest.mark.demo_office(n_complaints=80, seed=11)]

TODAY = dt.date(2026, 11, 24)


def _prefixes(table: str) -> list[str]:
    """Starts of the table's numbers of every length that is a number start, newest and oldest."""
    newest, oldest = database.execute_sql(
        f"SELECT max(number), min(number) FROM {table}").fetchone()
    terms = []
    for number in (newest, oldest):
        terms += [number[:4], number[:7], number[:9], number[:11], number[:12], number[:14], number]
    return terms + [oldest[:9].lower(), "TS-1999", "PG-2026", "HF-2026", "SJ-2026"]


def _like_only(monkeypatch):
    """Every term answered by plain LIKE over the list's columns (no search index)."""
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
    monkeypatch.setattr(listing, "needs_unit_join", lambda text: bool(text))
    monkeypatch.setattr(search, "needs_unit_join", lambda text: bool(text))
    monkeypatch.setattr(workorder_search, "needs_unit_join", lambda text: bool(text))


LISTS = [
    (search, "complaint", lambda t: search.ComplaintFilter(text=t)),
    (workorder_search, "work_order", lambda t: workorder_search.WorkOrderFilter(text=t)),
    (callback_search, "callback", lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY)),
]


def _ids(module, f) -> tuple[list[int], int]:
    module.LISTING.clear_cache()
    return ([r["id"] for r in module.page(f, limit=1000, reader=PROGRAM)],
            module.count(f, reader=PROGRAM))


@pytest.mark.parametrize("module,table,make", LISTS, ids=[t for _, t, _ in LISTS])
def test_a_number_start_finds_what_like_finds(demo_office, monkeypatch, module, table, make):
    # a description quoting other cases' numbers: found by the text, not by its own number
    quoted = database.execute_sql("SELECT min(number) FROM work_order").fetchone()[0]
    quoted_c = database.execute_sql("SELECT min(number) FROM complaint").fetchone()[0]
    database.execute_sql("UPDATE complaint SET description = description || ? WHERE id = "
                         "(SELECT max(id) FROM complaint)", (f" 见派工单{quoted}",))
    database.execute_sql("UPDATE work_order SET description = description || ? WHERE id = "
                         "(SELECT max(id) FROM work_order)", (f" 原投诉{quoted_c}",))
    terms = sorted(set(_prefixes(table) + _prefixes("complaint")[:7] + _prefixes("work_order")[:7]
                       + [quoted, quoted_c, quoted[:9], quoted_c[:11]]))
    assert all(listing.number_range(t) for t in terms)
    indexed = {t: _ids(module, make(t)) for t in terms}
    _like_only(monkeypatch)
    plain = {t: _ids(module, make(t)) for t in terms}
    assert indexed == plain
    assert sum(1 for ids, n in plain.values() if n) >= 8  # the terms do find rows
    if table == "complaint":
        assert indexed[quoted][1] == 1  # the complaint quoting a work order's number
    if table == "work_order":
        assert indexed[quoted_c][1] >= 1


def test_only_number_starts_take_the_number_index(fresh_db):
    for term in ("TS-2023", "ts-202306", "PG-20261126-0", "HF-2026", "TS-20261126-"):
        assert listing.number_range(term) is not None, term
    for term in ("S-2023", "TS-", "TS2023", "2023", "TS-2023a", "漏水", "3-2-1201", "T-1"):
        assert listing.number_range(term) is None, term
    assert listing.number_range("ts-2023") == ("TS-2023", "TS-2024")
    assert listing.number_range("TS-20230609-") == ("TS-20230609-", "TS-20230609.")


def _plan(module, f) -> str:
    module.LISTING.clear_cache()
    lst = module.LISTING
    sql, params = lst._page_sql(lst.clock(f), lst.default_order, True, 0, 200)
    rows = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    sql, params = lst._count_sql(lst.clock(f))
    rows += database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(r[-1] for r in rows)


@pytest.mark.parametrize("analyzed", [False, True])
def test_the_plan_seeks_the_number_index(demo_office, analyzed):
    if analyzed:
        database.execute_sql("ANALYZE")
    own = {"complaint": "TS", "work_order": "PG", "callback": "HF"}
    for module, table, make in LISTS:
        p = _plan(module, make(own[table] + "-2026"))
        assert f"SEARCH {table} USING COVERING INDEX {table}_number (number>? AND number<?)" in p, p
        assert f"SCAN {table}" not in p.replace(f"SCAN {table}_fts VIRTUAL TABLE", ""), p
        if table == "callback":  # a case's number: the case's own number index
            for case in ("complaint", "work_order"):
                p = _plan(module, make(own[case] + "-2026"))
                assert f"SEARCH {case} USING COVERING INDEX {case}_number (number>? AND number<?)" in p, p
                assert "SCAN callback\n" not in p + "\n", p


def test_a_windowed_page_seeks_the_number_index_too(demo_office):
    """A common number start (this month's) is looked for in the window first (listing: "The
    window"): the numbers are still sought through their index, cut to the window's ids (a
    callback window's own ids span the whole table, so a walk of that id range would read it)."""
    for module, table, make in LISTS:
        lst = module.LISTING
        lst.clear_cache()
        f = lst.clock(make("TS-2026"))
        sql, params = lst._window_page_sql(f, lst.default_order, True, 0, 4, None)
        params = [0 if isinstance(p, listing.Bound) and p.table != "@order" else
                  "2000-01-01" if isinstance(p, listing.Bound) else p for p in params]
        p = "\n".join(r[-1] for r in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        if table != "work_order":
            assert "SEARCH complaint USING COVERING INDEX complaint_number (number>? AND number<?)" in p, p
        assert f"SCAN {table}\n" not in p + "\n", p
