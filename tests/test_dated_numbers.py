"""Schema 12 (models.db.MISDATED): a case number carries the day its case was received, and the
rows where it does not are in a partial index of their own. The first page of a number start
sorted by the received time is read from the number's index ("Dated numbers" in
services.lists.listing). Whatever the term, filter, direction, offset and page size, the page
must be what plain LIKE finds, also when some rows' number and day differ."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's partial index of misdated numbers"),
              pytest.mark.demo_office(n_complaints=120, seed=7)]

TODAY = dt.date(2026, 11, 24)
V8 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v8.db"


def _misdate(table: str) -> dict[str, int]:
    """Rows whose number and received day differ: one received later than its number says
    (it belongs on top of a newer day), one earlier, one with a number of another shape."""
    ids = [r[0] for r in database.execute_sql(f"SELECT id FROM {table} ORDER BY number")]
    later, earlier, shape = ids[len(ids) // 3], ids[-3], ids[len(ids) // 2]
    database.execute_sql(f"UPDATE {table} SET received_at = ? WHERE id = ?", ("2026-11-23 23:59:00", later))
    database.execute_sql(f"UPDATE {table} SET received_at = ? WHERE id = ?", ("2025-01-01 08:00:00", earlier))
    prefix = database.execute_sql(f"SELECT substr(number, 1, 2) FROM {table} WHERE id = ?", (shape,)).fetchone()[0]
    database.execute_sql(f"UPDATE {table} SET number = ? WHERE id = ?", (f"{prefix}-2026-X{shape}", shape))
    return {"later": later, "earlier": earlier, "shape": shape}


def _terms(table: str) -> list[str]:
    numbers = [r[0] for r in database.execute_sql(f"SELECT number FROM {table} ORDER BY number")]
    mid = numbers[len(numbers) // 2]
    prefix = mid[:2]
    return sorted({f"{prefix}-2", f"{prefix}-2026", mid[:9], mid[:10], mid[:11], mid[:13],
                   numbers[-1][:11], numbers[0][:11], f"{prefix}-2026-", f"{prefix.lower()}-2026", f"{prefix}-2025"})


def _like_only(monkeypatch):
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
    for module in (listing, search, workorder_search):
        monkeypatch.setattr(module, "needs_unit_join", lambda text: bool(text))


LISTS = [
    (search, "complaint", [lambda t: search.ComplaintFilter(text=t),
                           lambda t: search.ComplaintFilter(text=t, statuses=("closed",)),
                           lambda t: search.ComplaintFilter(text=t, severity="major"),
                           lambda t: search.ComplaintFilter(text=t, date_from=dt.date(2026, 9, 1))]),
    (workorder_search, "work_order", [lambda t: workorder_search.WorkOrderFilter(text=t),
                                      lambda t: workorder_search.WorkOrderFilter(text=t, statuses=("done",))]),
]
PAGES = [(0, 1), (0, 3), (0, 10), (2, 5), (7, 4), (0, 40), (15, 10)]


@pytest.mark.parametrize("module,table,makes", LISTS, ids=["complaints", "work orders"])
def test_a_number_start_finds_what_like_finds(demo_office, monkeypatch, module, table, makes):
    moved = _misdate(table)
    used = []
    dated = listing.Listing._dated

    def spy(self, *args):
        rows = dated(self, *args)
        used.append(rows is not None)
        return rows

    monkeypatch.setattr(listing.Listing, "_dated", spy)
    cases = [(t, i, d, o, n) for t in _terms(table) for i in range(len(makes)) for d in (True, False)
             for o, n in PAGES]

    def pages():
        module.LISTING.clear_cache()
        return {(t, i, d, o, n): [r["id"] for r in module.page(makes[i](t), order="received_at", descending=d,
                                                              offset=o, limit=n, reader=PROGRAM)]
                for t, i, d, o, n in cases}

    indexed = pages()
    assert sum(used) >= len(cases) // 6  # the pages do come from the number's index
    _like_only(monkeypatch)
    plain = pages()
    assert indexed == plain
    assert sum(1 for ids in plain.values() if ids) >= len(cases) // 2
    # the misdated rows are on the pages where they belong
    found = {i for ids in plain.values() for i in ids}
    assert set(moved.values()) <= found


@pytest.mark.parametrize("module,table,makes", LISTS, ids=["complaints", "work orders"])
def test_scrolled_pages_of_a_number_start_find_what_like_finds(demo_office, monkeypatch, module, table, makes):
    """Keyset pages (the list scrolled down, and back up) through every match."""
    _misdate(table)
    used = []
    dated = listing.Listing._dated

    def spy(self, *args):
        rows = dated(self, *args)
        used.append(rows is not None and len(args) > 5)
        return rows

    monkeypatch.setattr(listing.Listing, "_dated", spy)
    cases = [(t, i, d) for t in _terms(table) for i in range(len(makes)) for d in (True, False)]

    def scrolled():
        module.LISTING.clear_cache()
        out = {}
        for t, i, d in cases:
            f, ids, rows = makes[i](t), [], module.page(makes[i](t), order="received_at", descending=d,
                                                        limit=6, reader=PROGRAM)
            ids += [r["id"] for r in rows]
            back = []
            while len(rows) == 6:
                rows = module.page(f, order="received_at", descending=d, limit=6, after=rows[-1], reader=PROGRAM)
                ids += [r["id"] for r in rows]
                if rows and not back:  # and the page above the second one
                    back = [r["id"] for r in module.page(f, order="received_at", descending=d, limit=3,
                                                         before=rows[0], reader=PROGRAM)]
            out[(t, i, d)] = (ids, back)
        return out

    indexed = scrolled()
    assert sum(used) >= 10  # scrolled pages do come from the number's index
    _like_only(monkeypatch)
    plain = scrolled()
    assert indexed == plain
    assert sum(1 for ids, _ in plain.values() if len(ids) > 12) >= len(cases) // 5


def test_the_dated_page_reads_the_number_index_and_the_misdated_rows(demo_office):
    number = database.execute_sql("SELECT number FROM complaint ORDER BY number LIMIT 1 OFFSET 50").fetchone()[0]
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if "complaint_number_misdated" in sql:
            seen.append("\n".join(r[-1] for r in original("EXPLAIN QUERY PLAN " + sql, params)))
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        rows = search.page(search.ComplaintFilter(text=number[:7]), limit=5, reader=PROGRAM)
    finally:
        del database.obj.execute_sql
    assert len(rows) == 5 and seen
    plan = seen[0]
    assert "USING COVERING INDEX complaint_number (number>? AND number<?)" in plan, plan
    assert "USING INDEX complaint_number_misdated (number>? AND number<?)" in plan, plan
    assert "SCAN t1" not in plan and "complaint_received_at" not in plan, plan


def test_the_misdated_index_holds_exactly_the_misdated_rows(demo_office):
    moved = _misdate("complaint")
    inserted = database.execute_sql("SELECT id FROM complaint INDEXED BY complaint_number_misdated "
                                    "WHERE number > '' AND " + listing.MISDATED).fetchall()
    assert sorted(i for i, in inserted) == sorted(moved.values())


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def test_the_upgrade_adds_the_misdated_indexes_and_cancel_leaves_schema_11(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 12 and what == "work_order_numbers":
            raise Cancelled

    path = tmp_path / "office.db"
    shutil.copy(V8, path)
    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert _version(path) == 11
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%misdated%'").fetchall() == []
    finally:
        con.close()
    calls = []
    db = init_db(str(path), progress=lambda *a: calls.append(a))
    try:
        names = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"complaint_number_misdated", "work_order_number_misdated"} <= names
        number = database.execute_sql("SELECT number FROM complaint ORDER BY id LIMIT 1").fetchone()[0]
        assert search.page(search.ComplaintFilter(text=number[:7]), limit=1, reader=PROGRAM)
    finally:
        db.close()
    assert _version(path) == SCHEMA_VERSION
    assert {(12, "complaint_numbers"), (12, "work_order_numbers")} <= {(v, w) for v, w, _, _ in calls}
    assert not {(12, "complaint"), (12, "work_order")} & {(v, w) for v, w, _, _ in calls}  # not 搜索索引
