"""Several desks on one PostgreSQL server (run with ``--db-url``): what SQLite's file lock gives
for free is checked here on PostgreSQL's row locks. Each "desk" is a thread: peewee gives every
thread its own connection, so two threads are two sessions on the server, as two PCs would be.

The races are made deterministic: desk A stops inside its transaction, desk B is started and
the test waits (``_wait_until``) until the server shows B waiting on A's lock; then A commits.
"""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from propdesk.errors import RuleError
from propdesk.models import database
from propdesk.models.db import DatabaseUnavailable
from propdesk.models.tables import AuditEntry, Category, Complaint
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import numbering
from propdesk.services.core.db_retry import DatabaseBusy, transaction

pytestmark = pytest.mark.postgres_only

NOW = dt.datetime(2026, 11, 24, 10, 0)


def _input(**kw):
    base = dict(received_at=dt.datetime(2026, 11, 24, 9, 30), phone="13800138000",
                complainant="张伟", unit="3栋2单元1201", description="楼上卫生间漏水",
                category_id=Category.get(Category.name == "工程维修/设施设备").id,
                severity="important")
    base.update(kw)
    return ComplaintInput(**base)


def _waiting_on_a_lock() -> int:
    """How many other sessions of this database wait on a lock now."""
    return database.obj.execute_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()").fetchone()[0]


def _wait_until(condition, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the other desk never got to the lock")
        time.sleep(0.02)


class Desk(threading.Thread):
    """Runs ``work`` on its own connection; keeps its result or the error it met."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self.work, self.result, self.error = work, None, None

    def run(self):
        try:
            self.result = self.work()
        except Exception as err:  # noqa: BLE001 - the test looks at it
            self.error = err
        finally:
            database.obj.close()


def _race(first_inside, second):
    """Desk A runs ``first_inside`` in a transaction and holds it open; desk B runs ``second``
    and blocks on A's lock; then A commits. Returns (A's result, desk B)."""
    entered, release = threading.Event(), threading.Event()

    def a():
        with transaction():
            out = first_inside()
            entered.set()
            release.wait(30)
        return out

    desk_a = Desk(a)
    desk_a.start()
    assert entered.wait(30), desk_a.error
    desk_b = Desk(second)
    desk_b.start()
    _wait_until(lambda: _waiting_on_a_lock() >= 1)
    release.set()
    desk_a.join(30)
    desk_b.join(30)
    assert desk_a.error is None, desk_a.error
    return desk_a.result, desk_b


def test_two_desks_taking_the_days_first_number_get_001_and_002(fresh_db):
    day = dt.date(2026, 11, 24)
    first, desk_b = _race(lambda: numbering.next_number("TS", day),
                          lambda: numbering.next_number("TS", day))
    assert desk_b.error is None, desk_b.error  # before: duplicate key … sequence_prefix_day
    assert {first, desk_b.result} == {"TS-20261124-001", "TS-20261124-002"}


def test_two_desks_saving_complaints_at_once_get_different_numbers(office):
    clerk = office["clerk"]
    first, desk_b = _race(lambda: complaints.create(clerk, _input(), at=NOW).number,
                          lambda: complaints.create(clerk, _input(complainant="李四"), at=NOW).number)
    assert desk_b.error is None, desk_b.error
    assert sorted([first, desk_b.result]) == ["TS-20261124-001", "TS-20261124-002"]
    assert Complaint.select().count() == 2


def _closed(office) -> Complaint:
    clerk = office["clerk"]
    c = complaints.create(clerk, _input(), at=NOW)
    complaints.record_reply(clerk, c.id, dt.datetime(2026, 11, 24, 10, 30), "phone", "已安排",
                            at=dt.datetime(2026, 11, 24, 10, 31))
    complaints.record_handling(clerk, c.id, cause="防水层老化", action="重做防水", result="已修复")
    complaints.close(clerk, c.id)
    return c


def test_two_desks_reopening_the_same_complaint_one_is_told_it_is_open(office):
    """As on SQLite: the second reopen waits for the first, then finds the case open again and
    is refused (before: both succeeded and reopen_count ended at 1)."""
    c = _closed(office)
    clerk = office["clerk"]
    _, desk_b = _race(lambda: complaints.reopen(clerk, c.id, "回访不满意"),
                      lambda: complaints.reopen(clerk, c.id, "业主又来电"))
    assert isinstance(desk_b.error, RuleError) and "只有已办结" in desk_b.error.text()
    c = complaints.get(c.id)
    assert (c.status, c.reopen_count) == ("reopened", 1)
    assert AuditEntry.select().where((AuditEntry.entity == "complaint") & (AuditEntry.entity_id == c.id)
                                     & (AuditEntry.action == "reopen")).count() == 1


def test_a_row_held_too_long_gives_the_calm_busy_message_and_saves_nothing(office):
    c = _closed(office)
    clerk = office["clerk"]
    entered, release = threading.Event(), threading.Event()

    def hold():
        with transaction():
            complaints.reopen(clerk, c.id, "回访不满意")
            entered.set()
            release.wait(30)
            raise RuntimeError("desk A gives up")  # rolled back: the case stays closed

    desk_a = Desk(hold)
    desk_a.start()
    assert entered.wait(30)
    database.obj.execute_sql("SET lock_timeout = '200ms'")
    try:
        with pytest.raises(DatabaseBusy) as caught:
            complaints.reopen(clerk, c.id, "业主又来电")
    finally:
        release.set()
        desk_a.join(30)
        database.obj.execute_sql("RESET lock_timeout")
    assert "请稍后再试" in caught.value.text()
    assert complaints.get(c.id).status == "closed"


def test_the_demo_office_and_then_a_new_complaint(fresh_db):
    """The demo writes ids by hand; the sequences move past them, so the next save works
    (before: duplicate key … complaint_pkey)."""
    from propdesk.demo import office as demo
    from propdesk.models.tables import Staff
    from propdesk.services.setup import reference

    reference.seed_reference()
    demo.create_demo_office(n_complaints=30, seed=3)
    clerk = Staff.get(Staff.username == "kefu")
    before = Complaint.select().count()
    c = complaints.create(clerk, _input(unit=""), at=dt.datetime.now())
    assert Complaint.select().count() == before + 1 and c.id > before


def _kill_my_connection(db_location: str) -> None:
    """The server ends this desk's session, as a restart or a dropped network would."""
    import psycopg2

    from propdesk.models.db import open_database

    pid = database.obj.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = open_database(db_location)
    admin.connect()
    admin.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
    admin.close()
    assert psycopg2  # the driver is there (postgres_only)


def test_a_lost_connection_is_said_plainly_and_the_next_try_reconnects(office, db_location):
    clerk = office["clerk"]
    _kill_my_connection(db_location)
    with pytest.raises(DatabaseUnavailable) as caught:  # nothing typed is lost: the form keeps it
        complaints.create(clerk, _input(), at=NOW)
    assert "连接" in caught.value.text()
    assert complaints.create(clerk, _input(), at=NOW).number == "TS-20261124-001"  # reconnected
    _kill_my_connection(db_location)
    with pytest.raises(DatabaseUnavailable):  # a read outside a transaction says so too
        Complaint.select().count()
    assert Complaint.select().count() == 1


def test_quick_search_reads_the_search_column_kept_by_its_trigger(office):
    """One column with every searched text (unit label included) kept by a trigger, with a
    trigram GIN index the planner can use for a 3+ character term."""
    from propdesk.services.lists.search import ComplaintFilter, page
    from propdesk.services.lists.search import _where as search_where

    clerk = office["clerk"]
    c = complaints.create(clerk, _input(description="地下车库入口积水"), at=NOW)
    found = lambda text: [  # noqa: E731
        r["number"] for r in page(ComplaintFilter(text=text), reader=clerk)]
    assert found("地下车库") == found("3栋2单元1201") == found("138001") == [c.number]
    assert found("车库入") == found("水") == [c.number]  # 1-3 characters: the same column
    complaints.record_handling(clerk, c.id, cause="排水沟堵塞", action="疏通", result="已疏通")
    Complaint.update(description="电梯异响").where(Complaint.id == c.id).execute()
    assert found("地下车库") == [] and found("电梯异响") == [c.number]
    db = database.obj
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")  # a tiny table: make the index visible
        sql, params = Complaint.select(Complaint.id).where(
            search_where(ComplaintFilter(text="电梯异响"))).sql()
        plan = "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, params).fetchall())
    assert "complaint_search_trgm" in plan


def test_two_desk_processes_lose_nothing_and_race_reopens_as_on_sqlite(db_location, tmp_path):
    """benchmarks/two_desks.py on the server: two processes save complaints and notes at once
    after racing to reopen the same closed complaints."""
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "two_desks.py"
    spec = importlib.util.spec_from_file_location("two_desks", bench)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("two_desks", module)
    spec.loader.exec_module(module)
    database.obj.close()  # the desks are the only sessions
    result = module.run_desks(db_location, desks=2, count=40, home=tmp_path / "home")
    print(result.summary())
    assert [d.saved for d in result.desks] == [40, 40]
    assert (result.in_db, result.duplicates, result.missing) == (80, 0, [])
    assert sum(d.other + d.locked for d in result.desks) == 0, [d.stderr for d in result.desks]
    assert result.reopen_counts == [1] * module.RACE
    assert sum(d.reopened for d in result.desks) == module.RACE
    assert sum(d.refused for d in result.desks) == module.RACE  # the other desk, told
    assert result.ok
