"""Pages of names by their initials on PostgreSQL, in the received time's order from the side
table's index (schema 14, services.lists.listing "Initials in order"): the same rows as the
plain query (every name's id looked up in the table) for many terms, filters, orders, offsets
and keyset walks, on complaints and work orders; the side table follows new and edited rows;
the upgrade from schema 13 fills it, says how far it is, and Cancel leaves schema 13."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.name_index import name_initials
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import search, workorder_search
from propdesk.services.lists.listing import Listing

pytestmark = pytest.mark.postgres_only

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo(fresh_db):
    from propdesk.demo import office as demo_office

    demo_office.create_demo_office(n_complaints=400, seed=11, today=TODAY)
    # names whose initials share a start, some received at the same time (the id decides)
    same = dt.datetime(2026, 11, 20, 9, 0)
    database.execute_sql("UPDATE complaint SET complainant = '张伟' WHERE id %% 4 = 0")
    database.execute_sql("UPDATE complaint SET complainant = '张文明' WHERE id %% 7 = 0")
    database.execute_sql("UPDATE complaint SET received_at = %s WHERE id %% 8 = 0 OR id %% 7 = 0", (same,))
    database.execute_sql("UPDATE complaint SET description = description || ' zw' WHERE id %% 17 = 0")
    database.execute_sql("UPDATE work_order SET contact_name = '周伟' WHERE id %% 5 = 0")
    return demo_office


def _plain(monkeypatch, module):
    """The page as it was before (every name's id looked up in the table)."""
    monkeypatch.setattr(Listing, "_initials_in_order", lambda self, *a: None)
    module.LISTING.clear_cache()


def _walk(module, f, order, descending, limit):
    """Every row of the list, a keyset page after another."""
    rows = module.page(f, order, descending, limit=limit, reader=PROGRAM)
    seen = [r["id"] for r in rows]
    while len(rows) == limit:
        rows = module.page(f, order, descending, limit=limit, after=rows[-1], reader=PROGRAM)
        seen += [r["id"] for r in rows]
    return seen


def _pages(module, filters, orders):
    out = {}
    for name, f in filters.items():
        for order in orders:
            for descending in (True, False):
                key = (name, order, descending)
                out[key + ("first",)] = [r["id"] for r in module.page(f, order, descending, limit=100,
                                                                     reader=PROGRAM)]
                for offset in (0, 7, 30):
                    out[key + (offset,)] = [r["id"] for r in module.page(
                        f, order, descending, offset=offset, limit=7, reader=PROGRAM)]
                if module.LISTING.pages_by_key(order):
                    out[key + ("walk",)] = _walk(module, f, order, descending, 9)
                    second = module.page(f, order, descending, offset=9, limit=9, reader=PROGRAM)
                    if second:  # and back up from the second page: the first again
                        back = module.page(f, order, descending, limit=9, before=second[0], reader=PROGRAM)
                        out[key + ("back",)] = [r["id"] for r in back]
                        assert out[key + ("back",)] == out[key + ("walk",)][:9]
    return out


TERMS = ("zw", "z", "zwm", "ZW", "w", "zx", "qq")  # (one letter: not initials, the usual page)


def test_complaint_pages_of_initials_are_the_plain_querys(demo, monkeypatch):
    filters = {}
    for term in TERMS:
        filters[term] = search.ComplaintFilter(text=term)
        filters[term + " closed"] = search.ComplaintFilter(text=term, statuses=("closed",))
        filters[term + " minor"] = search.ComplaintFilter(text=term, severity="minor")
        filters[term + " voided"] = search.ComplaintFilter(text=term, statuses=("voided",))
        filters[term + " days"] = search.ComplaintFilter(
            text=term, date_from=TODAY - dt.timedelta(days=60), date_to=TODAY - dt.timedelta(days=3))
    orders = ("received_at", "number", "status")
    sql, _params = search.LISTING._page_sql(filters["zw"], "received_at", True, 0, 100, None)
    assert "UNION ALL" in sql and "complaint_initials" in sql  # the new page is the one compared
    ours = _pages(search, filters, orders)
    zw = [r for r in database.execute_sql(
        "SELECT id, complainant, status FROM complaint ORDER BY received_at DESC, id DESC").fetchall()
          if name_initials(r[1]).startswith("zw") and r[2] != "voided"]
    assert len(zw) > 100  # more names than a page: the page is not all of them
    assert set(ours[("zw", "received_at", True, "walk")]) >= {r[0] for r in zw}
    _plain(monkeypatch, search)
    plain = _pages(search, filters, orders)
    assert ours == plain
    assert sum(len(v) for v in ours.values()) > 5000


def test_work_order_pages_of_initials_are_the_plain_querys(demo, monkeypatch):
    filters = {}
    for term in TERMS:
        filters[term] = workorder_search.WorkOrderFilter(text=term)
        filters[term + " done"] = workorder_search.WorkOrderFilter(text=term, statuses=("done", "checked"))
        filters[term + " urgent"] = workorder_search.WorkOrderFilter(text=term, urgency="urgent")
    sql, _params = workorder_search.LISTING._page_sql(filters["zw"], "received_at", True, 0, 100, None)
    assert "UNION ALL" in sql and "work_order_initials" in sql
    ours = _pages(workorder_search, filters, ("received_at", "number", "status"))
    assert ours[("zw", "received_at", True, "walk")]
    _plain(monkeypatch, workorder_search)
    assert ours == _pages(workorder_search, filters, ("received_at", "number", "status"))


def test_the_page_is_read_in_order_from_the_initials_index(demo):
    """The names' part of the plan: the side table's index (initials, with the received time
    and id) sorted by the received time it keeps, then each row looked up by key until the
    page is full (a nested loop under the LIMIT); no BitmapOr of every name's id in the
    table's key (at a million: an Index Only Scan, benchmarks/README.md)."""
    database.execute_sql("ANALYZE")
    sql, params = search.LISTING._page_sql(search.ComplaintFilter(text="zw"), "received_at", True, 0, 100, None)
    database.execute_sql("SET enable_seqscan = off")  # a small table: show what the index can answer
    try:
        plan = "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params).fetchall())
    finally:
        database.execute_sql("RESET enable_seqscan")
    assert "BitmapOr" not in plan, plan
    names = plan[plan.index('Subquery Scan on "*SELECT* 2"'):]  # the names' part of the ids
    steps = ["Limit", "Nested Loop", "Sort", "received_at DESC", "complaint_initials_initials",
             "complaint_pkey"]  # sorted from the side table's index first, then looked up by key
    at = [names.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), plan


def test_the_side_table_follows_new_and_edited_rows(demo):
    from propdesk.models.tables import Complaint

    def side(row_id):
        return database.execute_sql("SELECT initials, received_at FROM complaint_initials WHERE id = %s",
                                    (row_id,)).fetchone()

    row = Complaint.select().order_by(Complaint.id).first()
    later = dt.datetime(2026, 11, 23, 8, 30)
    Complaint.update(received_at=later).where(Complaint.id == row.id).execute()
    assert side(row.id) == (name_initials(row.complainant), later)
    Complaint.update(complainant="欧阳娜娜").where(Complaint.id == row.id).execute()
    assert side(row.id) == (name_initials("欧阳娜娜"), later)
    found = search.page(search.ComplaintFilter(text=name_initials("欧阳娜娜")[:3]), reader=PROGRAM)
    assert row.id in [r["id"] for r in found]


def _at_schema_13():
    """The side tables as schema 13 had them: the initials alone, indexed alone."""
    from propdesk.models import name_index

    for table in name_index.NAME_COLUMNS:
        name_index.drop(database.obj, table)
        name_index.create_pg(database.obj, table)  # (the shape of steps 10-13)
        name_index.fill(database.obj, table)
    database.execute_sql("UPDATE setting SET value = '13' WHERE key = 'schema_version'")
    database.obj.close()


def _has_order(table="complaint") -> bool:
    return bool(database.execute_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'received_at'",
        (f"{table}_initials",)).fetchone())


def test_the_upgrade_from_schema_13_keeps_the_received_time_beside_the_initials(demo, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    expected = database.execute_sql("SELECT id, complainant, received_at FROM complaint ORDER BY id").fetchall()
    _at_schema_13()
    db = init_db(db_location, migrate=False)
    assert not _has_order() and not _has_order("work_order")
    db.close()
    calls = []
    db = init_db(db_location, progress=lambda *a: calls.append(a))
    assert schema_version(db) == SCHEMA_VERSION >= 14
    assert [(v, w) for v, w, d, t in calls if w == "names" and t][:1] == [(14, "names")]
    got = database.execute_sql("SELECT c.id, c.complainant, i.initials, i.received_at FROM complaint c "
                               "LEFT JOIN complaint_initials i ON i.id = c.id ORDER BY c.id").fetchall()
    assert [(i, name_initials(n), at) for i, n, at in expected] == [(i, ini, at) for i, _n, ini, at in got]
    assert _has_order("work_order")
    assert database.execute_sql("SELECT count(*) FROM work_order_initials").fetchone()[0] == \
        database.execute_sql("SELECT count(*) FROM work_order").fetchone()[0]
    rows = search.page(search.ComplaintFilter(text="zw"), reader=PROGRAM)
    assert rows and all(name_initials(r["complainant"]).startswith("zw") or "zw" in str(r).lower() for r in rows)


def test_a_cancelled_upgrade_leaves_schema_13(demo, db_location):
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 14 and what == "names" and done:
            raise Cancelled

    _at_schema_13()
    with pytest.raises(Cancelled):
        init_db(db_location, progress=cancel)
    db = database.obj
    assert schema_version(db) == 13 and not _has_order()
    assert not db.table_exists("complaint_initials_new")
    db.close()
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION and _has_order()
