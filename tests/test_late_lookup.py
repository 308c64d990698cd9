"""A searched term's matches are sorted by their ids alone, and only the page's rows are joined
(services.lists.listing, ``sorted_matches``): SQLite's sorter held every match's whole row with
its joins before (zw at a million complaints: 70-120 ms a page, 20-45 ms now). The rows and
their order are those of the plain query: the lists' other tests compare every regime with LIKE.
"""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's plans"), pytest.mark.demo_office(n_complaints=150, seed=4)]

TODAY = dt.date(2026, 11, 24)


def _page_plans(call) -> list[list[tuple]]:
    """The plans (id, parent, detail) of the page statements ``call`` runs."""
    plans, original = [], database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith('SELECT "t1"."id", "t1"."number"') and "LIMIT" in sql:
            plans.append([(r[0], r[1], r[-1]) for r in original("EXPLAIN QUERY PLAN " + sql, params)])
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        rows = call()
    finally:
        del database.obj.execute_sql
    assert rows, "the term finds rows in the demo office"
    return plans


def _under(plan: list[tuple], node: int) -> set[int]:
    """The ids of ``node``'s descendants."""
    found, more = set(), {node}
    while more:
        more = {i for i, parent, _ in plan if parent in more} - found
        found |= more
    return found


@pytest.mark.parametrize("which", ["complaints", "work orders", "callbacks"])
def test_the_matches_are_sorted_by_id_and_only_the_pages_rows_joined(demo_office, which):
    term = "zw"  # initials and letters: a set of matches collected from the indexes
    call = {"complaints": lambda: search.page(search.ComplaintFilter(text=term), limit=5, reader=PROGRAM),
            "work orders": lambda: workorder_search.page(workorder_search.WorkOrderFilter(text=term), limit=5,
                                                         reader=PROGRAM),
            "callbacks": lambda: callback_search.page(callback_search.CallbackFilter(view="all", text=term,
                                                                                    today=TODAY),
                                                      limit=5, reader=PROGRAM)}[which]
    plans = _page_plans(call)
    assert plans
    plan = plans[-1]  # the usual page (a window tried first may come before it)
    sorts = [i for i, _, detail in plan if detail.startswith("USE TEMP B-TREE FOR ORDER BY")]
    ids = [i for i, _, detail in plan if detail.startswith("LIST SUBQUERY")]
    # the matches' sort is inside the subquery of the page's ids ...
    assert any(s in _under(plan, i) for s in sorts for i in ids), plan
    # ... and the page's rows are joined outside it: for the page's rows alone
    inside = set().union(*(_under(plan, i) for i in ids))
    joins = [i for i, _, detail in plan if "LEFT-JOIN" in detail]
    assert [j for j in joins if j not in inside], plan
    if which != "callbacks":  # (a callback's term is tested on its case's columns: joined inside too)
        assert not [j for j in joins if j in inside], plan
