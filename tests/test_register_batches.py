"""Register lines are read in batches, each starting after the last line of the one before
(issue 21 step 6): every line once, in the register's order, also where several lines share a
time; no statement reads the whole register."""
import contextlib
import datetime as dt

import pytest

from fixtures.report_data import _complaint, populate
from propdesk.models.tables import Callback
from propdesk.services.lists import registers
from propdesk.models import database

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@contextlib.contextmanager
def recorded_selects():
    """The SQL of every statement the models' database runs inside the block."""
    db = database.obj
    seen: list[str] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield seen
    finally:
        del db.execute_sql


@pytest.fixture
def batches_of_two(monkeypatch):
    monkeypatch.setattr(registers, "BATCH", 2)


def test_complaints_in_batches_every_line_once_in_order(office, batches_of_two):
    same_minute = dt.datetime(2026, 11, 5, 9, 30)
    made = [_complaint(office["clerk"], same_minute, description=f"同一分钟{i}") for i in range(5)]
    made += [_complaint(office["clerk"], dt.datetime(2026, 11, 1 + i, 8, 0)) for i in range(4)]
    with recorded_selects() as seen:
        lines = list(registers.iter_complaints(*NOV))
    expected = sorted(made, key=lambda c: (c.received_at, c.id))
    assert [line["number"] for line in lines] == [c.number for c in expected]
    register_reads = [sql for sql in seen if "LIMIT" in sql.upper() and '"complaint"' in sql]
    assert len(register_reads) == 5, seen  # 9 lines, 2 at a time: 4 full batches and the last one


def test_repairs_and_callbacks_in_batches(office, batches_of_two, monkeypatch):
    populate(office)
    whole = {}
    for name in ("repairs", "callbacks"):
        whole[name] = list(registers.ITERATORS[name](*NOV))
    monkeypatch.setattr(registers, "BATCH", 1000)
    for name in ("repairs", "callbacks"):
        assert [r["id"] for r in registers.ITERATORS[name](*NOV)] == [r["id"] for r in whole[name]]
    assert len(whole["callbacks"]) == Callback.select().where(Callback.status != "cancelled").count() > 2
