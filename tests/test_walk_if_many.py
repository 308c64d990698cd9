"""A filter that holds for many rows walks the page's sorted index (query_parts.walk_if_many):
the same rows as through the filter's own index, in the same order; and the plan walks.
The demo office is small, so "many" is made 0 (every such filter walks) and compared with a
bound no filter reaches."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.enums import ComplaintStatus
from propdesk.models import database
from propdesk.models.tables import Building, Staff
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, query_parts, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

TODAY = dt.date(2026, 11, 24)
AT = dt.datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def demo_office(fresh_db):
    from propdesk.demo import office as demo

    demo.create_demo_office(n_complaints=80, seed=3, today=TODAY)
    yield fresh_db
    for module in (search, callback_search, workorder_search):
        module.LISTING.clear_cache()


def _filters():
    building = Building.select().order_by(Building.id).first().id
    clerk = Staff.get(Staff.username == "kefu").id
    technician = Staff.select().where(Staff.role == "technician").order_by(Staff.id).first().id
    return [
        (search, ComplaintFilter(statuses=ComplaintStatus.open_codes())),
        (search, ComplaintFilter(statuses=("closed",))),
        (search, ComplaintFilter(building_id=building)),
        (search, ComplaintFilter(overdue_only=True, at=AT)),
        (search, ComplaintFilter(building_id=building, statuses=("closed",), overdue_only=False)),
        (callback_search, CallbackFilter(view="done", today=TODAY)),
        (callback_search, CallbackFilter(view="all", today=TODAY, clerk_id=clerk)),
        (workorder_search, WorkOrderFilter(statuses=("checked", "done"))),
        (workorder_search, WorkOrderFilter(technician_id=technician)),
    ]


def _pages(monkeypatch, many: int):
    monkeypatch.setattr(query_parts, "MANY", many)
    out = []
    for module, f in _filters():
        module.LISTING.clear_cache()
        for order in module.LISTING.sortable:
            for descending in (True, False):
                out.append([r["id"] for r in module.page(f, order, descending, 0, 500, reader=PROGRAM)])
        out.append(module.count(f, reader=PROGRAM))
    return out


def test_walking_gives_the_same_rows_in_the_same_order(demo_office, monkeypatch):
    through_index = _pages(monkeypatch, 10**9)
    walking = _pages(monkeypatch, 0)
    assert walking == through_index
    assert any(isinstance(p, list) and p for p in walking)  # the filters do select rows


@pytest.mark.sqlite_only(reason="SQLite's query plans")
def test_a_common_filter_walks_the_sorted_index(demo_office, monkeypatch):
    monkeypatch.setattr(query_parts, "MANY", 0)
    search.LISTING.clear_cache()
    statements = []
    original = database.obj.execute_sql

    def record(sql, params=None, *args, **kwargs):
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = record
    try:
        search.page(ComplaintFilter(statuses=("closed",)), limit=20, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    [(sql, params)] = [s for s in statements if "ORDER BY" in s[0]]
    plan = " ".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "USING INDEX complaint_received_at" in plan and "TEMP B-TREE" not in plan
