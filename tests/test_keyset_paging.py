"""Keyset paging (services.lists.listing, Listing.page ``after``/``before``): walking a list page
by page from the last row of each page, down and back up, gives exactly the rows OFFSET gives,
in every list, every order the list offers, both directions and with filters; and the query
seeks to the row through the sort column's index instead of reading the rows it skips."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database, is_sqlite
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

pytestmark = pytest.mark.demo_office(n_complaints=60, seed=11)

TODAY = dt.date(2026, 11, 24)
PAGE = 7


def _lists():
    return [
        (search, [ComplaintFilter(), ComplaintFilter(statuses=("closed",)), ComplaintFilter(text="水")]),
        (workorder_search, [WorkOrderFilter()]),
        (callback_search, [CallbackFilter(view="all")] if "view" in CallbackFilter.__dataclass_fields__
         else [CallbackFilter()]),
    ]


def _by_offset(module, f, order, descending):
    rows, offset = [], 0
    while True:
        page = module.page(f, order, descending, offset, PAGE, reader=PROGRAM)
        rows += page
        offset += PAGE
        if len(page) < PAGE:
            return [r["id"] for r in rows]


def test_keyset_pages_are_the_offset_pages_down_and_back_up(demo_office):
    for module, filters in _lists():
        for f in filters:
            for order in module.LISTING.sortable:
                assert module.pages_by_key(order)
                for descending in (True, False):
                    expected = _by_offset(module, f, order, descending)
                    page = module.page(f, order, descending, limit=PAGE, reader=PROGRAM)
                    walked = list(page)
                    while len(page) == PAGE:
                        page = module.page(f, order, descending, limit=PAGE, after=page[-1], reader=PROGRAM)
                        walked += page
                    assert [r["id"] for r in walked] == expected, (module.__name__, f, order, descending)
                    if len(walked) < 2:
                        continue
                    # back up from the last row: the rows just above, in the list's order
                    up = module.page(f, order, descending, limit=PAGE, before=walked[-1], reader=PROGRAM)
                    assert [r["id"] for r in up] == expected[-1 - PAGE:-1][-PAGE:]
                    top = module.page(f, order, descending, limit=PAGE, before=walked[0], reader=PROGRAM)
                    assert top == []


def test_an_order_without_a_key_is_refused(demo_office):
    assert not search.pages_by_key("unit")  # a joined table's column (it may be empty)
    [row] = search.page(ComplaintFilter(), limit=1, reader=PROGRAM)
    with pytest.raises(ValueError):
        search.page(ComplaintFilter(), "unit", limit=5, after=row, reader=PROGRAM)


@pytest.mark.sqlite_only(reason="SQLite's query plans")
def test_a_deep_page_seeks_to_its_row(demo_office):
    [row] = search.page(ComplaintFilter(), limit=1, reader=PROGRAM)
    statements = []
    original = database.obj.execute_sql

    def record(sql, params=None, *args, **kwargs):
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = record
    try:
        search.page(ComplaintFilter(), "received_at", True, limit=PAGE, after=row, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    [(sql, params)] = [s for s in statements if "ORDER BY" in s[0]]
    plan = " ".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert is_sqlite() and "received_at<?" in plan.replace(" ", "")  # a range on the index, not a scan
