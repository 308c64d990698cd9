"""Callbacks by the initials of their case's name on PostgreSQL (schema 16, models.name_index
CALLBACK_CASES): a page sorted by due date is taken from ``callback_initials`` (services.lists.listing
"Initials in order") and is the same as the plain query's (each case's name looked up) for many
terms, filters, orders, offsets and keyset walks; the counts of a term with no other filter are
taken from the side tables' indexes and are the plain count on all three lists; the side table
follows new and edited callbacks and renamed cases; the upgrade from schema 15 fills it, says how
far it is, and Cancel leaves schema 15."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.name_index import name_initials
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.listing import Listing
from test_pg_initials_order import TERMS, TODAY, _pages, _plain

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def demo(fresh_db):
    from propdesk.demo import office as demo_office

    demo_office.create_demo_office(n_complaints=400, seed=11, today=TODAY)
    # names whose initials share a start (each rename goes through the cases' triggers), callbacks
    # due on the same day (the id decides), and callbacks of both a complaint and a work order
    database.execute_sql("UPDATE complaint SET complainant = '张伟' WHERE id %% 4 = 0")
    database.execute_sql("UPDATE complaint SET complainant = '张文明' WHERE id %% 7 = 0")
    database.execute_sql("UPDATE work_order SET contact_name = '周伟' WHERE id %% 5 = 0")
    database.execute_sql("UPDATE callback SET due_date = %s WHERE id %% 6 = 0", (TODAY - dt.timedelta(days=2),))
    database.execute_sql("UPDATE callback SET work_order_id = (SELECT min(id) FROM work_order WHERE id %% 5 = 0) "
                         "WHERE complaint_id %% 4 = 0 AND id %% 3 = 0")
    database.execute_sql("UPDATE callback SET complaint_id = (SELECT min(id) FROM complaint WHERE id %% 4 = 0) "
                         "WHERE work_order_id %% 10 = 5 AND complaint_id IS NULL")
    database.execute_sql("UPDATE callback SET status = 'due' WHERE id %% 9 = 0")
    return demo_office


def _expected_side() -> list[tuple]:
    """callback_initials as the rule says: one row per callback and case, the case name's
    initials (name_initials, the Python form of the rule) and the callback's due date."""
    out = []
    for table, kind in (("complaint", 1), ("work_order", 2)):
        name = "complainant" if table == "complaint" else "contact_name"
        for cb_id, who, due in database.execute_sql(
                f"SELECT r.id, c.{name}, r.due_date FROM callback r JOIN {table} c ON c.id = r.{table}_id").fetchall():
            out.append((cb_id, kind, name_initials(who), due))
    return sorted(out)


def _side() -> list[tuple]:
    return sorted(database.execute_sql("SELECT id, kind, initials, due_date FROM callback_initials").fetchall())


def test_callback_pages_of_initials_are_the_plain_querys(demo, monkeypatch):
    both = database.execute_sql("SELECT count(*) FROM callback WHERE complaint_id IS NOT NULL "
                                "AND work_order_id IS NOT NULL").fetchone()[0]
    assert both > 10  # callbacks with two cases: found once
    assert _side() == _expected_side()
    clerk = database.execute_sql("SELECT assigned_to_id FROM callback GROUP BY 1 ORDER BY count(*) DESC "
                                 "LIMIT 1").fetchone()[0]
    filters = {}
    for term in TERMS:
        for view in ("all", "open", "done", "overdue"):
            filters[term + " " + view] = CallbackFilter(view=view, text=term, today=TODAY)
        filters[term + " clerk"] = CallbackFilter(view="all", text=term, clerk_id=clerk, today=TODAY)
        filters[term + " works"] = CallbackFilter(view="all", text=term, kind="work_order", today=TODAY)
        filters[term + " day"] = CallbackFilter(view="all", text=term, day=TODAY - dt.timedelta(days=2),
                                                today=TODAY)
    orders = ("due_date", "number", "status")
    sql, _params = callback_search.LISTING._page_sql(filters["zw all"], "due_date", False, 0, 100, None)
    assert "UNION ALL" in sql and "callback_initials" in sql  # the new page is the one compared
    ours = _pages(callback_search, filters, orders)
    zw = {cb for cb, _kind, ini, _due in _side() if ini.startswith("zw")}
    assert len(zw) > 100  # more callbacks than a page
    assert set(ours[("zw all", "due_date", False, "walk")]) >= zw
    _plain(monkeypatch, callback_search)
    plain = _pages(callback_search, filters, orders)
    assert ours == plain
    assert sum(len(v) for v in ours.values()) > 5000


def test_the_callback_page_is_read_in_order_from_the_initials_index(demo):
    """The names' part of the plan: callback_initials' index (initials, with the due date and id),
    sorted by the due date, then each callback looked up by key until the page is full; no case
    index descended once per name (callback_complaint_id, callback_work_order_id: 83 + 26 ms of
    zw's 155 ms page at a million, benchmarks/README.md)."""
    database.execute_sql("ANALYZE")
    sql, params = callback_search.LISTING._page_sql(CallbackFilter(view="all", text="zw"), "due_date", False,
                                                    0, 100, None)
    database.execute_sql("SET enable_seqscan = off")  # a small table: show what the index can answer
    try:
        plan = "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params).fetchall())
    finally:
        database.execute_sql("RESET enable_seqscan")
    assert "callback_complaint_id" not in plan and "callback_work_order_id" not in plan, plan
    names = plan[plan.index('Subquery Scan on "*SELECT* 2"'):]
    steps = ["Limit", "Nested Loop", "Unique", "Sort", "due_date", "callback_initials_initials", "callback_pkey"]
    at = [names.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), plan


COUNTED = ("zw", "zwm", "ZW", "zx", "qq", "zz", "w", "伟", "TS-2")


def _counts(monkeypatch=None):
    out = {}
    for term in COUNTED:
        for view in ("all", "open", "done"):
            out[("callbacks", term, view)] = callback_search.count(
                CallbackFilter(view=view, text=term, today=TODAY), reader=PROGRAM)
        out[("callbacks", term, "works")] = callback_search.count(
            CallbackFilter(view="all", text=term, kind="work_order", today=TODAY), reader=PROGRAM)
        for name, f in (("default", search.ComplaintFilter(text=term)),
                        ("closed", search.ComplaintFilter(text=term, statuses=("closed",))),
                        ("voided", search.ComplaintFilter(text=term, statuses=("voided",))),
                        ("minor", search.ComplaintFilter(text=term, severity="minor"))):
            out[("complaints", term, name)] = search.count(f, reader=PROGRAM)
        out[("work orders", term, "default")] = workorder_search.count(
            workorder_search.WorkOrderFilter(text=term), reader=PROGRAM)
        out[("work orders", term, "done")] = workorder_search.count(
            workorder_search.WorkOrderFilter(text=term, statuses=("done", "checked")), reader=PROGRAM)
    return out


def test_counts_of_initials_from_the_side_tables_are_the_plain_counts(demo, monkeypatch):
    database.execute_sql("UPDATE complaint SET status = 'voided' WHERE id %% 11 = 0")
    database.execute_sql("UPDATE complaint SET description = description || ' zw' WHERE id %% 17 = 0")
    asked = []
    real = Listing._pg_count_by_index

    def spy(self, f):
        found = real(self, f)
        asked.append((self.model._meta.table_name, f.text, found is not None))
        return found

    monkeypatch.setattr(Listing, "_pg_count_by_index", spy)
    ours = _counts()
    # the side tables answered the text-and-state counts of initials on all three lists
    assert {t for t, text, used in asked if used} == {"complaint", "work_order", "callback"}
    assert not any(used for _t, text, used in asked if text in ("w", "伟", "TS-2"))  # (not initials)
    assert ours[("complaints", "zw", "default")] > 100 and ours[("callbacks", "zw", "all")] > 100
    monkeypatch.setattr(Listing, "_pg_count_by_index", lambda self, f: None)
    assert _counts() == ours


def _count_plan(module, f) -> str:
    """EXPLAIN of the count statement ``module.count(f)`` sends (sequential scans off: a small
    table, show what the indexes can answer)."""
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith("SELECT count(*) FROM (SELECT \"t1\".\"id\""):  # (not few_matches's probe)
            seen.append((sql, params))
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        module.count(f, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert len(seen) == 1, seen
    database.execute_sql("SET enable_seqscan = off")
    try:
        return "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + seen[0][0], seen[0][1]).fetchall())
    finally:
        database.execute_sql("RESET enable_seqscan")


def test_a_count_of_initials_reads_the_names_and_the_voided_from_indexes_alone(demo):
    """The names' ids from the side table's index (Index Only Scan: at a million no row of the
    table visited for them) and the voided complaints' ids from their own partial index, where
    the count looked every name up in the table's key (~7,000 rows read for zw) and the status
    index read each voided complaint (benchmarks/README.md)."""
    database.execute_sql("UPDATE complaint SET status = 'voided' WHERE id %% 11 = 0")
    database.execute_sql("VACUUM ANALYZE complaint")
    for table in ("complaint_initials", "callback", "callback_initials"):
        database.execute_sql(f"VACUUM ANALYZE {table}")
    plan = _count_plan(search, search.ComplaintFilter(text="zw"))
    assert "Index Only Scan using complaint_initials_initials" in plan, plan
    assert "Index Only Scan using complaint_voided_ids" in plan, plan
    assert "complaint_pkey" not in plan and "complaint_status" not in plan, plan
    plan = _count_plan(callback_search, CallbackFilter(view="all", text="zw"))
    assert "Index Only Scan using callback_initials_initials" in plan, plan
    assert "callback_complaint_id" not in plan and "callback_work_order_id" not in plan, plan


def test_the_side_table_follows_callbacks_and_their_cases(demo):
    from propdesk.models.tables import Callback, Complaint, Staff, WorkOrder
    from propdesk.services.cases import callbacks

    cb = Callback.select().where(Callback.complaint.is_null(False)).order_by(Callback.id).first()
    Complaint.update(complainant="欧阳娜娜").where(Complaint.id == cb.complaint_id).execute()
    assert (cb.id, 1, name_initials("欧阳娜娜"), cb.due_date) in _side()
    assert _side() == _expected_side()
    found = callback_search.page(CallbackFilter(view="all", text="oyn"), reader=PROGRAM)
    assert cb.id in [r["id"] for r in found]
    later = cb.due_date + dt.timedelta(days=3)
    Callback.update(due_date=later).where(Callback.id == cb.id).execute()
    order = WorkOrder.select().order_by(WorkOrder.id).first()
    Callback.update(work_order=order.id).where(Callback.id == cb.id).execute()
    WorkOrder.update(contact_name="司马光").where(WorkOrder.id == order.id).execute()
    assert {r[1:] for r in _side() if r[0] == cb.id} == {(1, name_initials("欧阳娜娜"), later),
                                                         (2, name_initials("司马光"), later)}
    assert _side() == _expected_side()
    Callback.update(complaint=None).where(Callback.id == cb.id).execute()
    assert {r[1] for r in _side() if r[0] == cb.id} == {2}
    assert _side() == _expected_side()
    clerk = Staff.select().order_by(Staff.id).first()
    made = callbacks.schedule_for_complaint(clerk, Complaint.select().order_by(Complaint.id).first(),
                                            dt.datetime(2026, 11, 24, 9))
    assert [r[1] for r in _side() if r[0] == made.id] == [1]
    assert _side() == _expected_side()
    database.execute_sql("DELETE FROM callback WHERE id = %s", (made.id,))  # (nothing deletes; the trigger does)
    assert _side() == _expected_side()


def _at_schema_15():
    for table in ("complaint", "work_order"):
        database.execute_sql(f"DROP TRIGGER callback_initials_{table}_put ON {table}")
    database.execute_sql("DROP TRIGGER callback_initials_put ON callback")
    database.execute_sql("DROP TABLE callback_initials")
    database.execute_sql("UPDATE setting SET value = '15' WHERE key = 'schema_version'")
    database.obj.close()


def test_the_upgrade_from_schema_15_fills_the_callbacks_initials(demo, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    expected = _expected_side()
    _at_schema_15()
    db = init_db(db_location, migrate=False)
    assert not db.table_exists("callback_initials")
    db.close()
    calls = []
    db = init_db(db_location, progress=lambda *a: calls.append(a))
    assert schema_version(db) == SCHEMA_VERSION >= 16
    assert [(v, w) for v, w, d, t in calls if w == "names" and t][:1] == [(16, "names")]
    assert _side() == expected and len(expected) > 100
    # its triggers are there again: a renamed complaint moves its callbacks' initials
    cb_id, complaint_id = database.execute_sql(
        "SELECT id, complaint_id FROM callback WHERE complaint_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    database.execute_sql("UPDATE complaint SET complainant = '欧阳娜娜' WHERE id = %s", (complaint_id,))
    assert (cb_id, 1) in {(r[0], r[1]) for r in _side() if r[2] == name_initials("欧阳娜娜")}
    assert _side() == _expected_side()


def test_a_cancelled_upgrade_leaves_schema_15(demo, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 16 and what == "names" and done:
            raise Cancelled

    _at_schema_15()
    with pytest.raises(Cancelled):
        init_db(db_location, progress=cancel)
    db = database.obj
    assert schema_version(db) == 15 and not db.table_exists("callback_initials")
    db.close()
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION
    assert database.obj.table_exists("callback_initials")
