"""A common term's page is looked for in a window of the list's first rows (services.lists.
listing, "The window"): it must be exactly the page the usual query gives, for every term kind,
list, filter and sort order, and it must come from the window when the window holds it.

The demo office is small, so the window and the page are made small too (a window of 20 rows,
pages of 4, every two-character term counted as common)."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.name_index import name_initials
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, query_parts, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="the window cuts SQLite's FTS5 matches by rowid"),
              pytest.mark.demo_office(n_complaints=80, seed=7)]

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo_office(demo_office, monkeypatch):
    """conftest's demo office, with a small window and "many" made 0."""
    monkeypatch.setattr(listing, "MANY", 0)
    monkeypatch.setattr(listing, "WINDOW", 30)
    monkeypatch.setattr(listing, "LIKE_WINDOW", 20)
    for module in (search, workorder_search, callback_search):
        monkeypatch.setattr(module.LISTING, "window_size", 20)
        monkeypatch.setattr(module.LISTING, "like_window_size", 20)
        module.LISTING.clear_cache()
    yield demo_office
    for module in (search, workorder_search, callback_search):
        module.LISTING.clear_cache()


def _terms() -> list[str]:
    """Terms of every kind, taken from the demo's own rows."""
    number, phone, label, name = database.execute_sql(
        "SELECT c.number, c.phone, u.label, c.complainant FROM complaint c "
        "JOIN unit u ON u.id = c.unit_id WHERE length(c.phone) = 11 ORDER BY c.id LIMIT 1").fetchone()
    return ["水", "门", "龘", "漏水", "咖啡", "电梯", "地下车库", phone[-2:], phone[-4:], phone,
            number[:7], number, number[3:11], number[-5:], "ts-", label, label[:2], name[:1], name,
            "3-2-1201", "3栋2单元1201",
            name_initials(name)[:2]]


def _both(module, f, **kw):
    """(the page through the window, the page by the usual query alone, window used?)"""
    used = []
    original = module.LISTING._windowed

    def spy(*args):
        rows = original(*args)
        used.append(rows is not None)
        return rows

    module.LISTING._windowed = spy
    try:
        windowed = [r["id"] for r in module.page(f, **kw, reader=PROGRAM)]
    finally:
        del module.LISTING._windowed
    keys = module.LISTING.window_keys
    module.LISTING.window_keys = None
    try:
        plain = [r["id"] for r in module.page(f, **kw, reader=PROGRAM)]
    finally:
        module.LISTING.window_keys = keys
    return windowed, plain, any(used)


LISTS = [
    (search, lambda t: search.ComplaintFilter(text=t), {}),
    (search, lambda t: search.ComplaintFilter(text=t, statuses=("closed",)), {}),
    (search, lambda t: search.ComplaintFilter(text=t), {"order": "number", "descending": False}),
    (workorder_search, lambda t: workorder_search.WorkOrderFilter(text=t), {}),
    (callback_search, lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY), {}),
    (callback_search, lambda t: callback_search.CallbackFilter(view="done", text=t, today=TODAY),
     {"descending": True}),
    # by state, a column of three values (Listing.coarse): the window bounded by its last row
    (callback_search, lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY),
     {"order": "status", "descending": True}),
    (callback_search, lambda t: callback_search.CallbackFilter(view="all", text=t, today=TODAY),
     {"order": "status", "descending": False}),
    (callback_search, lambda t: callback_search.CallbackFilter(view="done", text=t, today=TODAY),
     {"order": "status", "descending": False}),
]


@pytest.mark.parametrize("which", range(len(LISTS)))
def test_the_window_gives_exactly_the_usual_page(demo_office, which):
    module, make, kw = LISTS[which]
    used = 0
    for term in _terms():
        for offset in (0, 4):
            windowed, plain, from_window = _both(module, make(term), offset=offset, limit=4, **kw)
            assert windowed == plain, (term, offset)
            used += from_window
    assert used, "no page came from the window: the test proves nothing"


def test_a_common_term_is_found_in_the_window(demo_office):
    windowed, plain, from_window = _both(search, search.ComplaintFilter(text="水"), limit=4)
    assert from_window and windowed == plain and len(windowed) == 4
    # a term not in the first rows: not found there, the usual query answers
    last = database.execute_sql("SELECT number FROM complaint ORDER BY received_at LIMIT 1").fetchone()[0]
    windowed, plain, from_window = _both(search, search.ComplaintFilter(text=last), limit=4)
    assert not from_window and windowed == plain and len(plain) == 1


def _plan(module, f, limit=4) -> str:
    L = module.LISTING
    f = L.clock(f)
    sql, params = L._window_page_sql(f, L.default_order, True, 0, limit, None)
    params = [0 if isinstance(p, listing.Bound) and p.table != "@order" else
              "2000-01-01" if isinstance(p, listing.Bound) else p for p in params]
    rows = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(r[-1] for r in rows)


@pytest.mark.parametrize("term", ["水", "漏水", "地下车库"])
def test_a_windowed_page_walks_the_date_index_within_the_window(demo_office, term):
    from propdesk.models.db import analyze

    for state in ("no figures", "analyzed"):
        if state == "analyzed":
            analyze(database.obj)
            search.LISTING.clear_cache()
        p = _plan(search, search.ComplaintFilter(text=term))
        first = p.splitlines()[0]
        assert first.startswith("SEARCH") and "complaint_received_at (received_at>?)" in first, p
        assert "TEMP B-TREE" not in p, p
        if len(term) > 1:  # the index's matches cut to the window's ids
            assert "VIRTUAL TABLE INDEX 0:M" in p and "><" in p, p


@pytest.mark.parametrize("which", range(len(LISTS)))
def test_a_keyset_page_from_the_window_is_the_usual_page(demo_office, which):
    """A page continuing from a row (scrolling down or up, listing: Listing._keyset) is looked
    for in the window of rows that follow that row: the very page the usual query gives."""
    module, make, kw = LISTS[which]
    if not module.LISTING.pages_by_key(kw.get("order")):
        pytest.skip("no keyset paging in this order")
    used = 0
    for term in _terms():
        f = make(term)
        first = module.page(f, limit=6, reader=PROGRAM, **kw)
        for row in first[2:]:
            for side in ("after", "before"):
                windowed, plain, from_window = _both(module, f, limit=4, **kw, **{side: row})
                assert windowed == plain, (term, side, row["id"])
                used += from_window
    assert used, "no page came from the window: the test proves nothing"


def _steps(run) -> int:
    """SQLite's virtual-machine steps while ``run()`` reads (a measure of the rows visited)."""
    conn = database.obj.connection()
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    conn.set_progress_handler(count, 1)
    try:
        run()
    finally:
        conn.set_progress_handler(None, 0)
    return steps[0]


@pytest.mark.parametrize("view", ["all", "done"])
def test_a_window_by_state_reads_only_the_window(demo_office, view, monkeypatch):
    """Sorted by state going down, a window's last value ("done") takes in nearly every
    callback: bounded by that value alone, a term in none of them made the page walk every
    callback (0.7-1.4 s at a million); bounded by the last row (value and id) it reads the
    window's rows and no more. Also with the callbacks' "all" view, whose own ``id > 0`` SQLite
    took as the range's start before the window's id when it came first."""
    L = callback_search.LISTING
    monkeypatch.setattr(query_parts, "MANY", 0)  # the callbacks made are many, as in an office
    due = database.execute_sql("SELECT count(*) FROM callback WHERE status > 'done'").fetchone()[0]
    monkeypatch.setattr(L, "window_size", due + 8)  # its last row one of the callbacks made
    f = callback_search.CallbackFilter(view=view, text="地下车库", today=TODAY)
    assert not callback_search.page(f, "status", True, limit=4, reader=PROGRAM)
    original = L._windowed

    def window_page(coarse) -> int:
        """The steps of looking for the page in the window (the window's bounds, its page)."""
        steps = []

        def spy(*args):
            found = []
            steps.append(_steps(lambda: found.append(original(*args))))
            return found[0]

        L.coarse = coarse
        L.clear_cache()
        L._windowed = spy
        try:
            callback_search.page(f, "status", True, limit=4, reader=PROGRAM)
        finally:
            del L._windowed
        assert steps, "the window was not tried"
        return steps[0]

    cols = [c.name for c in database.get_columns("callback") if c.name not in ("id", "number")]
    top = database.execute_sql("SELECT max(id) FROM callback").fetchone()[0]

    def more_made(i: int) -> None:
        """Copies of the callbacks made, then eight more above them: the window (the due ones
        and eight made) ends above the copies."""
        for suffix, most in ((f"-{i}", -1), (f"-top{i}", 8)):
            database.execute_sql(f"INSERT INTO callback (number, {', '.join(cols)}) SELECT number || '{suffix}', "
                                 f"{', '.join(cols)} FROM callback WHERE status = 'done' AND id <= ? "
                                 f"ORDER BY id LIMIT {most}", (top,))

    def both() -> tuple[int, int]:
        try:
            return window_page(("status",)), window_page(())
        finally:
            L.coarse = ("status",)
            L.clear_cache()

    more_made(0)
    bounded, by_value = both()
    for i in range(1, 6):
        more_made(i)
    bounded_then, by_value_then = both()
    # the walk bounded by the value alone read every callback made (5 x more of them now); the
    # window bounded by its last row reads the same rows as before
    assert by_value_then - by_value > 1000, (by_value, by_value_then)
    assert abs(bounded_then - bounded) * 20 < by_value_then - by_value, (bounded, bounded_then)
