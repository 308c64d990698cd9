"""Schema 15 (models.db.ODD): the callback list's first page of a number start sorted by due date
going down, or by the callback's own number either way, is looked for among the callbacks of
the range's last (first) days and the odd ones listed in callback_odd ("Dated numbers" in
services.lists.listing). Whatever the term, view, order, direction, offset and page size, the
page must be what plain LIKE finds and what the set-based plan finds, also with odd callbacks of
every kind."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's table of odd callbacks and its plans"),
              pytest.mark.demo_office(n_complaints=120, seed=11)]

TODAY = dt.date(2026, 11, 24)
V14 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v14.db"

FILTERS = [lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="done", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="open", text=t, today=TODAY),
           lambda t: callback_search.CallbackFilter(view="all", kind="complaint", text=t, today=TODAY)]
ORDERS = [(o, d) for o in ("due_date", "number", "status") for d in (False, True)]
DATED = [("due_date", True), ("number", False), ("number", True)]  # the orders _dated_callbacks answers in its "odd" mode


def _like_only(monkeypatch):
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)


def _make_odd() -> dict[str, int]:
    """Callbacks of every odd kind (models.db.ODD), which a dated page must never miss, and an
    early one (callback_early)."""
    rows = database.execute_sql("SELECT b.id, b.complaint_id, b.work_order_id, b.due_date FROM callback b "
                                "ORDER BY b.id").fetchall()
    by_complaint = [r for r in rows if r[1]]
    by_order = [r for r in rows if r[2]]
    odd = {}

    def set_(kind, cb, sql, params):
        database.execute_sql(sql, params)
        odd[kind] = cb

    n = len(by_complaint)
    cb = by_complaint[n // 5][0]  # due long after its numbers' days
    set_("due_late", cb, "UPDATE callback SET due_date = '2029-06-01' WHERE id = ?", (cb,))
    cb, case = by_complaint[n // 4][:2]  # numbered before its case's day
    set_("numbered_early", cb, "UPDATE callback SET number = ? WHERE id = ?", (f"HF-20200101-{cb:03d}", cb))
    cb, case = by_complaint[n // 3][:2]  # numbered (and due) long after its case's day
    set_("numbered_late", cb, "UPDATE callback SET number = ?, due_date = '2028-02-03' WHERE id = ?",
         (f"HF-20280201-{cb:03d}", cb))
    cb = by_complaint[n // 2][0]  # an own number of another start
    set_("other_start", cb, "UPDATE callback SET number = ? WHERE id = ?", (f"XY-20261101-{cb:03d}", cb))
    cb = by_complaint[3 * n // 5][0]  # an own number whose day is no day
    set_("no_day", cb, "UPDATE callback SET number = ? WHERE id = ?", (f"HF-20260230-{cb:03d}", cb))
    cb, case = by_complaint[2 * n // 3][:2]  # its case's number's day is no day
    set_("case_no_day", cb, "UPDATE complaint SET number = ? WHERE id = ?", (f"TS-20261131-{case:03d}", case))
    cb = by_complaint[-3][0]  # due before its own number's day (also early)
    set_("due_early", cb, "UPDATE callback SET due_date = '2021-01-04' WHERE id = ?", (cb,))
    if by_order:
        cb = by_order[len(by_order) // 2][0]
        set_("order_late", cb, "UPDATE callback SET due_date = '2030-01-02' WHERE id = ?", (cb,))
    return odd


def _number_starts() -> list[str]:
    terms = set()
    for table in ("complaint", "work_order", "callback"):
        numbers = [r[0] for r in database.execute_sql(f"SELECT number FROM {table} WHERE number GLOB 'HF-*' "
                                                      f"OR '{table}' <> 'callback' ORDER BY number")]
        if not numbers:
            continue
        first, mid, last = numbers[0], numbers[len(numbers) // 2], numbers[-1]
        terms |= {first[:4], first[:7], mid[:9], mid[:10], mid[:11], first[:11], last[:9], last[:11],
                  f"{first[:2]}-2026-", f"{first[:2].lower()}-2026"}
    return sorted(terms)


def _ids(rows) -> list[int]:
    return [r["id"] for r in rows]


def _spy_dated(monkeypatch) -> list:
    used = []
    dated = listing.Listing._dated_callbacks

    def spy(self, f, order, descending, *args):
        rows = dated(self, f, order, descending, *args)
        used.append((order, descending, rows is not None))
        return rows

    monkeypatch.setattr(listing.Listing, "_dated_callbacks", spy)
    return used


def test_dated_pages_in_every_order_find_what_like_and_the_sets_find(demo_office, monkeypatch):
    odd = _make_odd()
    kept = {r[0] for r in database.execute_sql("SELECT id FROM callback_odd")}
    assert set(odd.values()) - {odd["due_early"]} <= kept
    used = _spy_dated(monkeypatch)
    cases = [(t, i, o, d, off, n) for t in _number_starts() for i in range(len(FILTERS)) for o, d in ORDERS
             for off, n in ((0, 1), (0, 20), (3, 6), (10, 10))]

    def pages():
        callback_search.LISTING.clear_cache()
        return {(t, i, o, d, off, n): _ids(callback_search.page(FILTERS[i](t), o, d, offset=off, limit=n,
                                                                reader=PROGRAM))
                for t, i, o, d, off, n in cases}

    dated = pages()
    for order in DATED:  # each order's pages do come from the range's days
        assert sum(1 for o, d, taken in used if (o, d) == order and taken) >= 15, (order, used)
    monkeypatch.setattr(listing.Listing, "_dated_callbacks", lambda self, *a: None)
    assert dated == pages()  # the set-based plan
    _like_only(monkeypatch)
    plain = pages()
    assert dated == plain
    assert sum(1 for ids in plain.values() if ids) >= len(cases) // 3
    # every odd callback is on some page, so the comparison did look at it
    shown = {i for ids in plain.values() for i in ids}
    assert set(odd.values()) <= shown


def test_a_page_of_candidates_before_the_last_day_is_not_taken(demo_office, monkeypatch):
    """The callbacks of the range's last cases (first, by number) are not in the view: the
    candidates of the last days fill a page whose last row is due (numbered) before the day
    that proves it, and the usual query gives the page."""
    numbers = [r[0] for r in database.execute_sql("SELECT number FROM complaint ORDER BY number")]
    third = len(numbers) // 3
    database.execute_sql("UPDATE callback SET status = 'due' WHERE complaint_id IN "
                         "(SELECT id FROM complaint WHERE number >= ? OR number < ?)",
                         (numbers[-third], numbers[third]))
    used = _spy_dated(monkeypatch)
    cases = [(t, o, d, n) for t in ("TS-2", numbers[0][:7]) for o, d in DATED for n in (1, 2, 5, 10, 20)]

    def pages():
        callback_search.LISTING.clear_cache()
        return {(t, o, d, n): _ids(callback_search.page(FILTERS[1](t), o, d, limit=n, reader=PROGRAM))
                for t, o, d, n in cases}

    dated = pages()
    assert any(not taken for _, _, taken in used)
    _like_only(monkeypatch)
    assert dated == pages()


@pytest.mark.parametrize("many", [False, True], ids=["few", "many"])
def test_scrolled_pages_in_every_order_find_what_like_finds(demo_office, monkeypatch, many):
    if many:  # every term has many matches: the windows are tried (and the status order's is not)
        monkeypatch.setattr(listing, "MANY", 3)
    _make_odd()
    cases = [(t, i, o, d) for t in _number_starts()[::2] for i in (0, 1) for o, d in ORDERS]

    def scrolled():
        callback_search.LISTING.clear_cache()
        out = {}
        for t, i, o, d in cases:
            f = FILTERS[i](t)
            first = callback_search.page(f, o, d, limit=7, reader=PROGRAM)
            down = callback_search.page(f, o, d, limit=7, after=first[-1], reader=PROGRAM) if first else []
            up = callback_search.page(f, o, d, limit=3, before=down[-1], reader=PROGRAM) if down else []
            out[(t, i, o, d)] = (_ids(first), _ids(down), _ids(up))
        return out

    dated = scrolled()
    _like_only(monkeypatch)
    assert dated == scrolled()


def test_the_dated_page_reads_the_numbers_and_the_odd_callbacks(demo_office):
    number = database.execute_sql("SELECT number FROM complaint ORDER BY number LIMIT 1 OFFSET 60").fetchone()[0]
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if "callback_odd" in sql:
            seen.append("\n".join(r[-1] for r in original("EXPLAIN QUERY PLAN " + sql, params)))
        return original(sql, params, *a, **kw)

    f = callback_search.CallbackFilter(view="all", text=number[:7], today=TODAY)
    database.obj.execute_sql = spy
    try:
        for order, descending in DATED:
            seen.clear()
            callback_search.LISTING.clear_cache()
            rows = callback_search.page(f, order, descending, limit=3, reader=PROGRAM)
            assert len(rows) == 3 and seen, (order, descending)
            plan = seen[-1]
            # the range's numbers through their index, the odd ones from their own table, and
            # the callbacks looked up by their cases: never a walk of every callback
            assert "USING COVERING INDEX complaint_number (number>? AND number<?)" in plan, plan
            assert "SCAN e" in plan and "callback_odd" not in plan.split("SCAN e")[0].splitlines()[-1:], plan
            assert "SCAN t1" not in plan and "callback_due_cases" not in plan, plan
            assert "USING INDEX callback_complaint_id (complaint_id=?" in plan, plan
    finally:
        del database.obj.execute_sql


def _check_odd() -> list[int]:
    from propdesk.models.db import ODD

    kept = [r[0] for r in database.execute_sql("SELECT id FROM callback_odd ORDER BY id")]
    odd = [r[0] for r in database.execute_sql(f"SELECT r.id FROM callback r WHERE {ODD.replace('{r}', 'r')} "
                                              "ORDER BY r.id")]
    assert kept == odd
    return kept


def test_the_odd_callbacks_follow_every_change(demo_office):
    from propdesk.models.db import ODD_DAYS

    assert _check_odd() == []  # the program's own callbacks are never odd
    marked = _make_odd()
    odd = _check_odd()
    assert set(marked.values()) <= set(odd)
    cb = marked["due_late"]  # moved back to a day within ODD_DAYS of its numbers' days
    number, case_number = database.execute_sql(
        "SELECT b.number, c.number FROM callback b JOIN complaint c ON c.id = b.complaint_id WHERE b.id = ?",
        (cb,)).fetchone()
    day = min(dt.date(int(n[3:7]), int(n[7:9]), int(n[9:11])) for n in (number, case_number))
    database.execute_sql("UPDATE callback SET due_date = ? WHERE id = ?", (str(day + dt.timedelta(days=ODD_DAYS)), cb))
    assert cb not in _check_odd()
    database.execute_sql("UPDATE callback SET due_date = ? WHERE id = ?",
                         (str(day + dt.timedelta(days=ODD_DAYS + 1)), cb))
    assert cb in _check_odd()
    # a case's number changed: its callbacks are looked at again
    cb, case = database.execute_sql("SELECT id, complaint_id FROM callback WHERE complaint_id IS NOT NULL "
                                    "ORDER BY id DESC LIMIT 1").fetchone()
    assert cb not in _check_odd()
    database.execute_sql("UPDATE complaint SET number = 'TS-20991231-001' WHERE id = ?", (case,))
    assert cb in _check_odd()
    database.execute_sql("UPDATE complaint SET number = 'TS-20000101-001' WHERE id = ?", (case,))
    assert cb in _check_odd()  # (its due date is now years after its case's day)
    # a new odd callback, a new one that is not, and one removed
    for number, due, is_odd in (("HF-20261124-998", "2026-11-27", False), ("HF-20261124-999", "2027-01-01", True)):
        database.execute_sql("INSERT INTO callback (number, due_date, status, attempts, method, satisfaction, "
                             "owner_words, created_at) VALUES (?, ?, 'due', 0, '', '', '', '2026-11-24 09:00:00')",
                             (number, due))
        new = database.execute_sql("SELECT max(id) FROM callback").fetchone()[0]
        assert (new in _check_odd()) is is_odd
    database.execute_sql("DELETE FROM callback WHERE id = ?", (new,))
    assert new not in _check_odd()


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def _tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    finally:
        con.close()


def test_the_upgrade_fills_the_odd_callbacks_and_cancel_leaves_schema_14(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if version == 15 and what == "callback" and done:
            raise Cancelled

    path = tmp_path / "office.db"
    shutil.copy(V14, path)
    con = sqlite3.connect(path)
    try:  # callbacks of every odd kind in the file before the upgrade
        cb = con.execute("SELECT id FROM callback ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE callback SET due_date = '2031-01-01' WHERE id = ?", (cb,))
        con.commit()
    finally:
        con.close()
    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert _version(path) == 14
    assert not {n for n in _tables(path) if "callback_odd" in n}
    calls = []
    db = init_db(str(path), progress=lambda *a: calls.append(a))
    try:
        assert cb in _check_odd()  # (and the table holds what ODD says: _check_odd)
    finally:
        db.close()
    assert _version(path) == SCHEMA_VERSION
    assert {"callback_odd", "callback_odd_ai", "callback_odd_au", "callback_odd_ad",
            "complaint_callback_odd_au", "work_order_callback_odd_au"} <= _tables(path)
    assert {(15, "callback")} <= {(v, w) for v, w, _, _ in calls}


def test_a_number_start_by_status_sorts_its_ids_apart(demo_office, monkeypatch):
    """No dated page serves the status order: the matches' ids are sorted from the callbacks
    alone and only the page's rows read with their joins; the window (a column of three values:
    nearly every callback) is not walked, not even for a term of many matches."""
    monkeypatch.setattr(listing, "MANY", 3)
    # (schema 19 walks such a page by status: tests/test_numbers_by_status.py; this is the
    # plan it falls back to, a file without the callbacks' days or a number without a day)
    monkeypatch.setattr(listing.Listing, "_numbers_by_status", lambda self, *a: None)
    number = database.execute_sql("SELECT number FROM complaint ORDER BY number LIMIT 1 OFFSET 60").fetchone()[0]
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        seen.append(sql)
        return original(sql, params, *a, **kw)

    callback_search.LISTING.clear_cache()
    database.obj.execute_sql = spy
    try:
        for view in ("all", "done"):
            f = callback_search.CallbackFilter(view=view, text=number[:7], today=TODAY)
            for descending in (False, True):
                seen.clear()
                rows = callback_search.page(f, "status", descending, limit=3, reader=PROGRAM)
                assert len(rows) == 3
                callback_search.page(f, "status", descending, limit=3, after=rows[-1], reader=PROGRAM)
                pages = [sql for sql in seen if 'ORDER BY "t1"."status"' in sql]
                assert len(pages) == 2, seen
                for sql in pages:
                    assert '"t1"."id" IN (SELECT "t1"."id" FROM "callback" AS "t1" WHERE ' in sql, sql
                assert not [sql for sql in seen if "FROM callback AS t " in sql]  # (the window's)
    finally:
        del database.obj.execute_sql
