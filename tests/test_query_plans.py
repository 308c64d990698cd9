"""History never slows the present: the register, form and report queries look callbacks up
through the index on their complaint or work order, whatever figures the planner has.

Each test runs the real service, records the SQL it sends (``recorded_sql``) and asks SQLite for
its plan (``EXPLAIN QUERY PLAN``) on a small file, once without planner figures (a file from an
older PropDesk) and once after ``ANALYZE``.
"""
from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.db import analyze, init_db, optimize
from propdesk.reports.pdf import complaint_forms
from propdesk.services.lists import registers

TODAY = dt.date(2026, 11, 24)


@contextlib.contextmanager
def recorded_sql():
    """Every (sql, params) the models' database runs inside the block."""
    db = database.obj
    seen: list[tuple[str, tuple]] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield seen
    finally:
        del db.execute_sql


def plan(sql: str, params: tuple) -> str:
    rows = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(r[-1] for r in rows)


@pytest.fixture
def demo_office(fresh_db):
    from propdesk.demo import office as demo

    demo.create_demo_office(n_complaints=60, seed=5, today=TODAY)
    return fresh_db


@pytest.fixture(params=["no figures", "analyzed"])
def planner_state(request, demo_office):
    db = demo_office
    if request.param == "analyzed":
        analyze(db)
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
