"""History never slows the present: the register, form and report queries look callbacks up
through the index on their complaint or work order, whatever figures the planner has.

Each test runs the real service, records the SQL it sends (``recorded_sql``) and asks SQLite for
its plan (``EXPLAIN QUERY PLAN``) on a small file, once without planner figures (a file from an
older PropDesk) and once after ``ANALYZE``.
"""
from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn

from fixtures.recorded_sql import recorded_sql
from propdesk.models import database
from propdesk.models.db import analyze, init_db, optimize
from propdesk.reports.pdf import complaint_forms
from propdesk.services.lists import registers

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's query plans (EXPLAIN QUERY PLAN)"),
              pytest.mark.demo_office(n_complaints=60, seed=5)]

TODAY = dt.date(2026, 11, 24)


def plan(sql: str, params: tuple) -> str:
    rows = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(r[-1] for r in rows)


# The planner's figures of a file with 100,000 complaints and their history (benchmarks/
# generate.py, ANALYZE with PropDesk's analysis_limit), so the small file is planned as a large
# one would be.
LARGE_OFFICE = [
    ("callback", "callback_assigned_to_id", "62310 1001"),
    ("callback", "callback_complaint_id", "70832 3"),
    ("callback", "callback_done_by_id", "67014 1001"),
    ("callback", "callback_due_cases", "100734 30 1 1 1 1 1"),
    ("callback", "callback_incident_contact_id", "129640 251"),
    ("callback", "callback_number", "107065 1"),
    ("callback", "callback_status", "39668 1001"),
    ("callback", "callback_work_order_id", "133056 3"),
    ("category", "category_default_department_id", "11 2"),
    ("category", "category_name", "11 1"),
    ("complaint", "complaint_category_id", "112950 1001"),
    ("complaint", "complaint_category_id_received_at", "95676 1001 1"),
    ("complaint", "complaint_created_by_id", "105324 1001"),
    ("complaint", "complaint_department_id", "126720 1001"),
    ("complaint", "complaint_department_id_received_at", "94464 1001 1"),
    ("complaint", "complaint_head_notified_by_id", "111824 1001"),
    ("complaint", "complaint_number", "85652 1"),
    ("complaint", "complaint_owner_id", "59920 42"),
    ("complaint", "complaint_phone_digits", "89964 32"),
    ("complaint", "complaint_received_at", "95220 1"),
    ("complaint", "complaint_related_to_id", "111824 1001"),
    ("complaint", "complaint_resolve_by", "94530 2"),
    ("complaint", "complaint_severity", "60776 1001"),
    ("complaint", "complaint_status", "51744 1001"),
    ("complaint", "complaint_status_received_at", "93195 1001 1"),
    ("complaint", "complaint_unit_id", "60760 67"),
    ("complaint", "complaint_unit_id_received_at", "107352 67 1"),
    ("department", "department_code", "7 1"),
    ("unit", "unit_building_id", "1692 84"),
    ("unit", "unit_building_id_entrance_room", "1936 84 38 1"),
    ("unit", "unit_label", "1914 1"),
    ("work_order", "work_order_checked_by_id", "31360 1001"),
    ("work_order", "work_order_complaint_id", "38731 2"),
    ("work_order", "work_order_created_by_id", "29748 1001"),
    ("work_order", "work_order_department_id", "30076 1001"),
    ("work_order", "work_order_number", "12236 1"),
    ("work_order", "work_order_owner_id", "36320 12"),
    ("work_order", "work_order_price_item_id", "30160 1001"),
    ("work_order", "work_order_quote_approved_by_id", "30160 1001"),
    ("work_order", "work_order_received_at", "13662 1"),
    ("work_order", "work_order_status", "27720 501"),
    ("work_order", "work_order_technician_id", "36792 1001"),
    ("work_order", "work_order_technician_id_scheduled_at", "47841 1001 3"),
    ("work_order", "work_order_unit_id", "34554 18"),
]


@pytest.fixture(params=["no figures", "analyzed", "large office figures"])
def planner_state(request, demo_office):
    db = demo_office
    if request.param == "analyzed":
        analyze(db)
    elif request.param == "large office figures":
        analyze(db)
        db.execute_sql("DELETE FROM sqlite_stat1")
        for row in LARGE_OFFICE:
            db.execute_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", row)
        db.execute_sql("ANALYZE sqlite_schema")
    elif db.table_exists("sqlite_stat1"):
        db.execute_sql("DELETE FROM sqlite_stat1")
        db.execute_sql("ANALYZE sqlite_schema")  # makes SQLite re-read the (now empty) figures
    return request.param


def _plans_of(run) -> list[str]:
    with recorded_sql() as seen:
        run()
    return [plan(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def _callback_lookups(plans: list[str]) -> list[str]:
    return [line for p in plans for line in p.splitlines() if " cb" in line or "callback" in line]


def test_complaint_register_finds_the_latest_callback_by_complaint(planner_state):
    start = TODAY - dt.timedelta(days=60)
    plans = _plans_of(lambda: list(registers.iter_complaints(start, TODAY)))
    lookups = _callback_lookups(plans)
    assert lookups, plans
    for line in lookups:
        assert "USING INDEX callback_complaint_id" in line, "\n".join(plans)
    assert not any("callback_status" in p for p in plans)


def test_repair_register_finds_the_latest_callback_by_work_order(planner_state):
    start = TODAY - dt.timedelta(days=60)
    plans = _plans_of(lambda: list(registers.iter_repairs(start, TODAY)))
    lookups = _callback_lookups(plans)
    assert lookups, plans
    for line in lookups:
        assert "USING INDEX callback_work_order_id" in line, "\n".join(plans)


def test_printed_forms_read_the_callbacks_of_their_complaint_only(planner_state):
    from propdesk.models.tables import Callback

    complaint_id = Callback.select(Callback.complaint).where(Callback.complaint.is_null(False)).scalar()
    plans = _plans_of(lambda: complaint_forms._callbacks(complaint_id))
    assert any("USING INDEX callback_complaint_id" in p for p in plans), plans
    assert not any("callback_status" in p for p in plans)


def test_a_file_without_planner_figures_gets_them_when_opened(tmp_path):
    path = str(tmp_path / "old.db")
    db = init_db(path)
    db.execute_sql("DROP TABLE IF EXISTS sqlite_stat1")
    db.close()
    db = init_db(path)
    assert db.table_exists("sqlite_stat1")
    optimize(db)  # what the app and the CLI run before the connection closes: no error


def _first_page_plans(listing, f) -> list[str]:
    sql, params = listing._page_sql(listing.clock(f), listing.default_order, True, 0, 200)
    return plan(sql, params)


def test_list_pages_walk_the_date_index_and_stop_at_the_page(planner_state):
    """Newest first, no filter: the outer loop is the date index (no sorting of every row),
    with or without planner figures (an inner join to the categories made SQLite start from
    them and sort every complaint once the file had figures)."""
    from propdesk.services.lists import search, workorder_search

    for listing, f, index in (
            (search.LISTING, search.ComplaintFilter(), "complaint_received_at"),
            (workorder_search.LISTING, workorder_search.WorkOrderFilter(), "work_order_received_at")):
        p = _first_page_plans(listing, f)
        assert p.splitlines()[0].startswith("SCAN") and index in p.splitlines()[0], p
        assert "TEMP B-TREE" not in p, p


def test_callbacks_of_incidents_are_read_through_their_index(planner_state):
    """Callbacks of incidents are few (4 of 1,160,000 in the benchmark file): sorted by number,
    SQLite walked the number index through every callback to find them (0.3 s at a million,
    on the GUI thread); with ``unlikely()`` (query_parts.index_if_few) it reads them through
    their own index and sorts the few, whatever figures it has."""
    from propdesk.services.lists import callback_search

    f = callback_search.CallbackFilter(view="all", kind="incident")
    callback_search.LISTING.clear_cache()
    try:
        for descending in (False, True):
            sql, params = callback_search.LISTING._page_sql(
                callback_search.LISTING.clock(f), "number", descending, 0, 200)
            p = plan(sql, params)
            assert "callback_incident_contact_id" in p.splitlines()[0], p
    finally:
        callback_search.LISTING.clear_cache()


def test_a_technicians_jobs_come_from_the_open_orders_and_the_days_not_all_of_theirs(planner_state):
    """"My jobs" read every order the technician ever had (31,750 at 1,000,000 complaints, 328 ms
    on the GUI thread at the technician's start): it walked the index on the technician. It
    reads the open orders through the index on status and the day's through (technician,
    scheduled_at), never the technician's whole history."""
    from propdesk.models.tables import Staff, WorkOrder
    from propdesk.services.cases import my_jobs

    busiest = (WorkOrder.select(WorkOrder.technician).where(WorkOrder.technician.is_null(False))
               .group_by(WorkOrder.technician).order_by(fn.COUNT(WorkOrder.id).desc()).scalar())
    technician = Staff.get_by_id(busiest)
    plans = _plans_of(lambda: my_jobs.jobs(technician, TODAY))
    reads = [line for p in plans for line in p.splitlines() if "work_order" in line or " w" in line]
    assert any("USING INDEX work_order_status" in line for line in reads), "\n".join(plans)
    assert any("work_order_technician_id_scheduled_at (technician_id=? AND scheduled_at>? AND scheduled_at<?)" in line
               for line in reads), "\n".join(plans)
    assert not any(line.endswith("(technician_id=?)") for line in reads), "\n".join(plans)
