"""Schema 9 (models.db: NUMBER_APART): the trigram index of complaints and work orders leaves the
case number out, and the number has a trigram index of its own ("{table}_fts_no"). A number's
start is found through the number's btree index, any other piece of a number through its own
index, a term that cannot be in a number (Chinese text) not in the numbers at all. Whatever the
term, each list must find exactly what plain LIKE finds; the indexes follow every change; the
upgrade says how far it is and a cancelled one leaves the file at schema 8."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's FTS5 search indexes"),
              pytest.mark.demo_office(n_complaints=80, seed=5)]

TODAY = dt.date(2026, 11, 24)
V8 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v8.db"


def _columns(fts: str) -> list[str]:
    return [d[0] for d in database.execute_sql(f"SELECT * FROM {fts} LIMIT 0").description]


def _like_only(monkeypatch):
    """Every term answered by plain LIKE over the list's columns (no search index)."""
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
    for module in (listing, search, workorder_search):
        monkeypatch.setattr(module, "needs_unit_join", lambda text: bool(text))


def _terms() -> list[str]:
    """Pieces of numbers that are not their start, Chinese text, phones, units, letters."""
    c_num, phone, label = database.execute_sql(
        "SELECT c.number, c.phone, u.label FROM complaint c JOIN unit u ON u.id = c.unit_id "
        "ORDER BY c.id DESC LIMIT 1").fetchone()
    w_num = database.execute_sql("SELECT min(number) FROM work_order").fetchone()[0]
    b_num = database.execute_sql("SELECT max(number) FROM callback").fetchone()[0]
    terms = ["漏水管", "地下车库", "电梯", "水", "ts-", "TS-", "-20", "202", "2026", "S-2026", "龘龘龘",
             phone, phone[-4:], phone[-2:], label, "3-2-1201", "3栋2单元1201", "zw"]
    for number in (c_num, w_num, b_num):
        terms += [number[3:11], number[5:13], number[-5:], number[-3:], number[1:6],
                  number[9:].lower(), number[2:]]
    return sorted(set(terms))


LISTS = [
    (search, [lambda t: search.ComplaintFilter(text=t),
              lambda t: search.ComplaintFilter(text=t, statuses=("closed",)),
              lambda t: search.ComplaintFilter(text=t, severity="major"),
              lambda t: search.ComplaintFilter(text=t, statuses=("received", "replied", "voided"))],
     ["received_at", "number"]),
    (workorder_search, [lambda t: workorder_search.WorkOrderFilter(text=t),
                        lambda t: workorder_search.WorkOrderFilter(text=t, statuses=("done", "new"))],
     ["received_at", "number"]),
    (callback_search, [lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY),
                       lambda t: callback_search.CallbackFilter(view="done", text=t, today=TODAY)],
     ["due_date", "number"]),
]


def _found(module, f, order) -> tuple[list[int], int]:
    module.LISTING.clear_cache()
    return ([r["id"] for r in module.page(f, order=order, limit=1000, reader=PROGRAM)],
            module.count(f, reader=PROGRAM))


@pytest.mark.parametrize("module,makes,orders", LISTS, ids=["complaints", "work orders", "callbacks"])
def test_every_term_finds_what_like_finds(demo_office, monkeypatch, module, makes, orders):
    # a description quoting other cases' numbers: found by the text, not by the numbers' index
    c_num = database.execute_sql("SELECT min(number) FROM complaint").fetchone()[0]
    w_num = database.execute_sql("SELECT max(number) FROM work_order").fetchone()[0]
    database.execute_sql("UPDATE complaint SET description = description || ? WHERE id = "
                         "(SELECT max(id) FROM complaint)", (f" 见派工单{w_num}",))
    database.execute_sql("UPDATE work_order SET description = description || ? WHERE id = "
                         "(SELECT min(id) FROM work_order)", (f" 原投诉{c_num}",))
    terms = _terms() + [w_num[4:13], c_num[4:13]]
    cases = [(t, i, o) for t in terms for i in range(len(makes)) for o in orders]
    indexed = {(t, i, o): _found(module, makes[i](t), o) for t, i, o in cases}
    _like_only(monkeypatch)
    plain = {(t, i, o): _found(module, makes[i](t), o) for t, i, o in cases}
    assert indexed == plain
    assert sum(1 for _, n in plain.values() if n) >= len(cases) // 3  # the terms do find rows


def test_the_trigram_index_holds_no_number_and_the_number_index_follows_every_change(demo_office):
    from propdesk.models.db import FTS_TABLES

    for table in ("complaint", "work_order"):
        assert _columns(f"{table}_fts") == [c for c in FTS_TABLES[table] if c != "number"]
        assert _columns(f"{table}_fts_no") == ["number"]
        assert _columns(f"{table}_fts_bi") == list(FTS_TABLES[table])  # 1-2 characters: with it
        numbers = database.execute_sql(f"SELECT id, number FROM {table} ORDER BY id").fetchall()
        assert database.execute_sql(f"SELECT rowid, number FROM {table}_fts_no ORDER BY rowid").fetchall() \
            == numbers
    assert _columns("callback_fts") == ["number"]
    assert not database.obj.table_exists("callback_fts_no")
    # the triggers: a new number is found by a piece of it, a changed one by its new piece only
    top = database.execute_sql("SELECT max(id) FROM complaint").fetchone()[0]
    database.execute_sql("UPDATE complaint SET number = 'TS-19990101-777' WHERE id = ?", (top,))
    f = search.ComplaintFilter(text="0101-777")
    assert [r["id"] for r in search.page(f, reader=PROGRAM)] == [top]
    assert database.execute_sql("SELECT count(*) FROM complaint_fts_no WHERE complaint_fts_no MATCH "
                                "'\"19990101\"'").fetchone()[0] == 1
    assert database.execute_sql("SELECT count(*) FROM complaint_fts_no WHERE rowid = ?", (top,)).fetchone()[0] == 1


def _plan(sql, params) -> str:
    return "\n".join(r[-1] for r in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_which_index_each_term_reads(demo_office):
    """A number's start: the number's btree index and the text's trigram index (no number
    trigrams there); a piece of a number: the number's own trigram index too; Chinese text: the
    text's index alone."""
    lst = search.LISTING

    def plan(term):
        lst.clear_cache()
        sql, params = lst._page_sql(lst.clock(search.ComplaintFilter(text=term)), "received_at", True, 0, 200)
        return _plan(sql, params), params

    p, params = plan("TS-2026")
    assert "complaint_number (number>? AND number<?)" in p and "complaint_fts_no" not in p, p
    assert '"TS-2026"' in params and "SCAN complaint\n" not in p + "\n", p
    p, params = plan("1102-00")
    assert "SCAN complaint_fts_no VIRTUAL TABLE" in p and "SCAN complaint_fts VIRTUAL TABLE" in p, p
    p, params = plan("地下车库")
    assert "complaint_fts_no" not in p and "complaint_number" not in p, p


@pytest.mark.parametrize("analyzed", [False, True])
def test_the_day_board_seeks_the_scheduled_time(demo_office, analyzed):
    from propdesk.services.cases import workorders

    if analyzed:
        database.execute_sql("ANALYZE")
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if "scheduled_at" in sql and "ORDER BY" in sql:
            seen.append("\n".join(r[-1] for r in original("EXPLAIN QUERY PLAN " + sql, params)))
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        workorders.day_board(TODAY)
    finally:
        del database.obj.execute_sql
    assert seen and "work_order_scheduled_at (scheduled_at>? AND scheduled_at<?)" in seen[0], seen


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


def test_the_upgrade_rebuilds_the_index_and_says_how_far_it_is(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    path = tmp_path / "office.db"
    shutil.copy(V8, path)
    calls = []
    db = init_db(str(path), progress=lambda *a: calls.append(a))
    try:
        assert _columns("complaint_fts")[0] != "number" and _columns("work_order_fts_no") == ["number"]
        assert search.count(search.ComplaintFilter(text="车库漏水"), reader=PROGRAM) == 1
        number = database.execute_sql("SELECT number FROM complaint ORDER BY id LIMIT 1").fetchone()[0]
        assert search.count(search.ComplaintFilter(text=number[5:]), reader=PROGRAM) >= 1
        indexes = {r[1] for r in database.execute_sql("PRAGMA index_list(work_order)")}
        assert "work_order_scheduled_at" in indexes
    finally:
        db.close()
    assert _version(path) == SCHEMA_VERSION
    parts = {(version, what) for version, what, _, _ in calls}
    assert {(9, "copy"), (9, "complaint"), (9, "work_order"), (9, "complaint_numbers"),
            (9, "work_order_numbers")} <= parts
    # the text index and the number index each say what they are (not "搜索索引" twice)
    from propdesk.models.db import upgrade_text

    assert len({upgrade_text(9, w, 1, 2) for w in ("complaint", "complaint_numbers", "work_order",
                                                   "work_order_numbers")}) == 4
    assert all(0 < d <= t for v, w, d, t in calls if w == "complaint" and d)


def test_a_cancelled_upgrade_leaves_schema_8(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    class Cancelled(Exception):
        pass

    def cancel(version, what, done, total):
        if what == "work_order" and done:
            raise Cancelled

    path = tmp_path / "office.db"
    shutil.copy(V8, path)
    with pytest.raises(Cancelled):
        init_db(str(path), progress=cancel)
    database.obj.close()
    assert _version(path) == 8
    con = sqlite3.connect(path)
    try:
        assert "number" in [d[0] for d in con.execute("SELECT * FROM complaint_fts LIMIT 0").description]
        assert con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%fts_no%' "
                           "OR name = 'work_order_scheduled_at'").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    init_db(str(path)).close()  # and the next start upgrades it
    assert _version(path) == SCHEMA_VERSION


def test_a_search_alone_is_counted_from_the_indexes(demo_office, monkeypatch):
    """No filter but the text: the count comes from the index's id sets (less the voided
    complaints), never from the table, and equals the usual count."""
    number = database.execute_sql("SELECT number FROM complaint ORDER BY id DESC LIMIT 1").fetchone()[0]
    voided = database.execute_sql("SELECT id, description FROM complaint ORDER BY id DESC LIMIT 1").fetchone()
    database.execute_sql("UPDATE complaint SET status = 'voided' WHERE id = ?", (voided[0],))
    terms = ["水", "漏水", "地下车库", number[:7], number[3:11], "zw", "3栋2单元1201", voided[1][:3]]
    for module, make, other in ((search, lambda t: search.ComplaintFilter(text=t),
                                 lambda t: search.ComplaintFilter(text=t, severity="major")),
                                (workorder_search, lambda t: workorder_search.WorkOrderFilter(text=t),
                                 lambda t: workorder_search.WorkOrderFilter(text=t, urgency="urgent"))):
        lst = module.LISTING
        for term in terms + ["", "3-2-1201"]:
            fast = lst._count_by_index(make(term))
            address = listing.address_units(term) is not None
            assert (fast is None) == (address or not term), term  # an address also looks at its units
            assert lst._count_by_index(other(term)) is None
            monkeypatch.setattr(lst, "by_state", None)
            assert fast in (None, module.count(make(term), reader=PROGRAM)), term
            monkeypatch.undo()
    term = voided[1][:3]  # the voided complaint is in the index, not in the count
    in_index = database.execute_sql("SELECT count(*) FROM complaint_fts WHERE complaint_fts MATCH ?",
                                    (f'"{term}"',)).fetchone()[0]
    gone = database.execute_sql("SELECT count(*) FROM complaint_fts f JOIN complaint c ON c.id = f.rowid "
                                "WHERE complaint_fts MATCH ? AND c.status = 'voided'", (f'"{term}"',)).fetchone()[0]
    assert gone >= 1 and search.count(search.ComplaintFilter(text=term), reader=PROGRAM) == in_index - gone
