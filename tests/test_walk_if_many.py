"""A filter that holds for many rows walks the page's sorted index (query_parts.walk_if_many):
the same rows as through the filter's own index, in the same order; and the plan walks.
The demo office is small, so "many" is made 0 (every such filter walks) and compared with a
bound no filter reaches."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from peewee import fn

from propdesk.enums import ComplaintStatus
from propdesk.models import database
from propdesk.models.tables import Building, Category, Complaint, Department, Staff
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, query_parts, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

pytestmark = pytest.mark.demo_office(n_complaints=80, seed=3)

TODAY = dt.date(2026, 11, 24)
AT = dt.datetime(2026, 11, 24, 10, 0)


def _most_used(model) -> int:
    """The category or department most complaints have."""
    field = {Category: Complaint.category, Department: Complaint.department}[model]
    return (Complaint.select(field).group_by(field).order_by(fn.COUNT(Complaint.id).desc())
            .scalar())


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
        (search, ComplaintFilter(category_id=_most_used(Category))),
        (search, ComplaintFilter(department_id=_most_used(Department), statuses=("closed",))),
        (search, ComplaintFilter(statuses=("closed",), overdue_only=True, at=AT)),
        (search, ComplaintFilter(statuses=("replied", "closed"), overdue_only=True, at=AT)),
        (callback_search, CallbackFilter(view="done", today=TODAY)),
        (callback_search, CallbackFilter(view="all", today=TODAY, clerk_id=clerk)),
        (callback_search, CallbackFilter(view="all", today=TODAY, kind="incident")),  # index_if_few
        (workorder_search, WorkOrderFilter(statuses=("checked", "done"))),
        (workorder_search, WorkOrderFilter(technician_id=technician)),
        # two conditions that hold for many rows each, and for few together (query_parts.narrowed)
        (search, ComplaintFilter(statuses=ComplaintStatus.open_codes(), building_id=building)),
        (search, ComplaintFilter(statuses=("voided",), severity="minor")),
        (search, ComplaintFilter(statuses=("replied", "closed"), severity="important",
                                 department_id=_most_used(Department))),
        (search, ComplaintFilter(severity="important", category_id=_most_used(Category))),
        (search, ComplaintFilter(overdue_only=True, building_id=building, at=AT)),
        (search, ComplaintFilter(statuses=("voided", "received"), overdue_only=True, at=AT)),
        (workorder_search, WorkOrderFilter(statuses=("cancelled", "checked"), overdue_only=True, at=AT)),
        (workorder_search, WorkOrderFilter(statuses=("checked",), urgency="urgent")),
    ]


def _pages(monkeypatch, many: int, page_rows: int = query_parts.PAGE_ROWS):
    monkeypatch.setattr(query_parts, "MANY", many)
    monkeypatch.setattr(query_parts, "PAGE_ROWS", page_rows)
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
    walking = _pages(monkeypatch, 0, page_rows=1)  # every condition many, a page small: walks
    narrowest = _pages(monkeypatch, 0)  # many, but a page of 200 in 80 rows: the narrowest's rows
    assert walking == through_index
    assert narrowest == through_index
    assert any(isinstance(p, list) and p for p in walking)  # the filters do select rows


@pytest.mark.sqlite_only(reason="SQLite's query plans")
def test_a_common_filter_walks_the_sorted_index(demo_office, monkeypatch):
    monkeypatch.setattr(query_parts, "MANY", 0)
    monkeypatch.setattr(query_parts, "PAGE_ROWS", 1)  # (a page this small: walking pays)
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


def _page_plan(f, order: str, descending: bool = True) -> tuple[str, list]:
    """The complaint list's page plan and rows (``_plan_of`` below, for search)."""
    return _plan_of(search, f, order, descending)


@pytest.mark.sqlite_only(reason="SQLite's query plans")
@pytest.mark.parametrize("field", ["category_id", "department_id"])
def test_a_common_category_or_department_walks_the_sorted_index(demo_office, monkeypatch, field):
    """A category or department most complaints have (a tenth to a quarter at a million): sorted
    by number it walked its (field, received_at) index and sorted every match (0.5-1 s at
    1,000,000 on the GUI thread); now it walks the number index and stops at the page."""
    model = {"category_id": Category, "department_id": Department}[field]
    f = ComplaintFilter(**{field: _most_used(model)})
    monkeypatch.setattr(query_parts, "MANY", 0)
    monkeypatch.setattr(query_parts, "PAGE_ROWS", 1)  # (a page this small: walking pays)
    search.LISTING.clear_cache()
    plan, rows = _page_plan(f, "number")
    assert "USING INDEX complaint_number" in plan and "TEMP B-TREE" not in plan, plan
    assert rows and all(r[field.removesuffix("_id")] for r in rows)


@pytest.mark.sqlite_only(reason="SQLite's query plans")
def test_a_rare_category_keeps_its_index(demo_office, monkeypatch):
    monkeypatch.setattr(query_parts, "MANY", 10**9)
    search.LISTING.clear_cache()
    plan, rows = _page_plan(ComplaintFilter(category_id=_most_used(Category)), "received_at")
    assert "complaint_category_id_received_at" in plan, plan
    assert rows


@pytest.mark.sqlite_only(reason="SQLite's query plans")
def test_overdue_among_closed_complaints_is_not_judged_by_the_open_ones(demo_office, monkeypatch):
    """"Overdue only" with closed complaints chosen: the walk was decided by counting every open
    complaint (many), so the page read every complaint to find none (1 s at a million); the
    open complaints among those chosen are counted now (none: the status index answers)."""
    assert search.count(ComplaintFilter(statuses=ComplaintStatus.open_codes()), reader=PROGRAM) > 0
    monkeypatch.setattr(query_parts, "MANY", 0)
    search.LISTING.clear_cache()
    f = ComplaintFilter(statuses=("closed",), overdue_only=True, at=AT)
    plan, rows = _page_plan(f, "number")
    assert rows == []
    # not a row read: the chosen states hold no open one, so the page asks for none (SQLite
    # tests a constant condition once, before its loop)
    assert _page_steps(f, "number") < Complaint.select().count(), plan
    assert _page_steps(ComplaintFilter(statuses=("closed",)), "number") > Complaint.select().count()


def _page_steps(f, order: str, descending: bool = True) -> int:
    """The SQLite VM instructions the page's statement runs: a row read costs several."""
    statements = []
    original = database.obj.execute_sql

    def record(sql, params=None, *args, **kwargs):
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = record
    try:
        search.page(f, order, descending, limit=20, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    [(sql, params)] = [s for s in statements if "ORDER BY" in s[0]]
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    connection = database.obj.connection()
    connection.set_progress_handler(count, 1)
    try:
        database.execute_sql(sql, params).fetchall()
    finally:
        connection.set_progress_handler(None, 0)
    return steps[0]


def _plan_of(module, f, order: str, descending: bool = True) -> tuple[str, list]:
    statements = []
    original = database.obj.execute_sql

    def record(sql, params=None, *args, **kwargs):
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = record
    try:
        rows = module.page(f, order, descending, limit=20, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    [(sql, params)] = [s for s in statements if "ORDER BY" in s[0]]
    return " ".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()), rows


@pytest.mark.sqlite_only(reason="SQLite's query plans")
@pytest.mark.parametrize("f, order, descending, index", [
    # "overdue only", no state chosen, by state going up: the walk passed every closed one
    # first (0.6-1.5 s at a million); now it seeks to the open ones
    (ComplaintFilter(overdue_only=True, at=AT), "status", False, "complaint_status (status=?)"),
    (ComplaintFilter(statuses=("voided",)), "status", False, "complaint_status (status=?)"),
    (ComplaintFilter(statuses=ComplaintStatus.open_codes(), severity="minor"), "severity", True,
     "complaint_severity (severity=?)"),
])
def test_a_page_sorted_by_a_chosen_column_walks_only_the_chosen_rows(demo_office, monkeypatch, f, order,
                                                                    descending, index):
    monkeypatch.setattr(query_parts, "MANY", 0)
    monkeypatch.setattr(query_parts, "PAGE_ROWS", 1)  # (walking pays)
    search.LISTING.clear_cache()
    plan, rows = _plan_of(search, f, order, descending)
    assert f"USING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan
    assert rows and rows == sorted(rows, key=lambda r: (r[order], r["id"]), reverse=descending)


@pytest.mark.sqlite_only(reason="SQLite's query plans")
@pytest.mark.parametrize("module, f, order, indexes", [
    # the open complaints of one building: 2 % and 5 % of a million, 1,000 together; the walk
    # read 200,000 rows for a page (90-200 ms); their ids are found in the two indexes alone
    # and only the 1,000 rows are looked up and sorted
    (search, ComplaintFilter(statuses=ComplaintStatus.open_codes(), building_id="most"), "number",
     ["COVERING INDEX complaint_status", "COVERING INDEX complaint_unit_id"]),
    # the narrower of two the fewer rows: its own rows read and sorted (7 and 42 of 80 here)
    (search, ComplaintFilter(statuses=("replied",), severity="minor"), "resolve_by",
     ["INDEX complaint_status"]),
    (search, ComplaintFilter(statuses=ComplaintStatus.open_codes(), building_id="most"), "received_at",
     ["COVERING INDEX complaint_status", "COVERING INDEX complaint_unit_id"]),
    # a cancelled work order is seldom late (the walk read all 300,000 to find none: 105-345
    # ms): the cancelled ones are read through their index
    (workorder_search, WorkOrderFilter(statuses=("cancelled",), overdue_only=True, at=AT), "number",
     ["INDEX work_order_status"]),
])
def test_conditions_that_hold_for_few_rows_together_are_found_through_their_indexes(
        demo_office, monkeypatch, module, f, order, indexes):
    if getattr(f, "building_id", None) == "most":
        from propdesk.models.tables import Unit

        most = (Unit.select(Unit.building).join(Complaint, on=(Complaint.unit == Unit.id))
                .group_by(Unit.building).order_by(fn.COUNT(Complaint.id).desc()).scalar())
        f = dataclasses.replace(f, building_id=most)
    monkeypatch.setattr(query_parts, "MANY", 0)  # every condition holds for "many" rows
    module.LISTING.clear_cache()
    plan, rows = _plan_of(module, f, order)
    assert all(f"USING {index}" in plan for index in indexes) and "SCAN" not in plan, plan
    assert rows or module is workorder_search
