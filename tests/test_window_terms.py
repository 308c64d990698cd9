"""A list decides once per term and order whether a page may be looked for in the window
(listing.Listing._window_term, "The window"), as it decides a filter's plan once when its SQL is
built: the index probes behind that decision read every match of a term such as 3幢1单元1101 in
the trigram index (10-15 ms at a million), and they ran again for every page and every page
scrolled to. The pages found are the same either way (the window only decides where to look)."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, search, workorder_search

pytestmark = [pytest.mark.sqlite_only(reason="SQLite's window and its probes"),
              pytest.mark.demo_office(n_complaints=120, seed=9)]

TODAY = dt.date(2026, 11, 24)  # (conftest.DEMO_TODAY)


def _probes(call) -> int:
    """How many index probes (a count of at most MANY + 1 matches) ``call`` ran."""
    seen = []
    original = database.obj.execute_sql

    def spy(sql, params=None, *a, **kw):
        if sql.startswith("SELECT count(*) FROM (") and f"LIMIT {listing.MANY + 1}" in sql:
            seen.append(sql)
        return original(sql, params, *a, **kw)

    database.obj.execute_sql = spy
    try:
        call()
    finally:
        del database.obj.execute_sql
    return len(seen)


def _cases():
    label = database.execute_sql("SELECT u.label FROM complaint c JOIN unit u ON u.id = c.unit_id "
                                 "ORDER BY c.id LIMIT 1").fetchone()[0]
    return [(search, search.ComplaintFilter(text=label)), (search, search.ComplaintFilter(text="水")),
            (workorder_search, workorder_search.WorkOrderFilter(text=label[:2])),
            (callback_search, callback_search.CallbackFilter(view="all", text=label, today=TODAY)),
            (callback_search, callback_search.CallbackFilter(view="done", text=label[:2], today=TODAY))]


def test_a_terms_window_is_decided_once(demo_office):
    for module, f in _cases():
        first = module.page(f, limit=5, reader=PROGRAM)
        assert first
        module.page(f, limit=5, after=first[-1], reader=PROGRAM)  # (its SQL built: its plan decided)
        assert _probes(lambda: module.page(f, limit=5, reader=PROGRAM)) == 0, f
        assert _probes(lambda: module.page(f, limit=5, after=first[-1], reader=PROGRAM)) == 0, f
        module.LISTING.clear_cache()  # (a new file, or the tests' own thresholds: decided again)
        assert _probes(lambda: module.page(f, limit=5, reader=PROGRAM)) > 0, f


def test_pages_are_the_same_whether_decided_or_not(demo_office, monkeypatch):
    def pages():
        out = []
        for module, f in _cases():
            first = module.page(f, limit=4, reader=PROGRAM)
            out.append([r["id"] for r in first])
            out.append([r["id"] for r in module.page(f, limit=4, after=first[-1], reader=PROGRAM)] if first else [])
        return out

    monkeypatch.setattr(listing, "MANY", 1)  # every term many: windows tried
    once = pages()
    twice = pages()  # decided, from the cache
    for module in (search, workorder_search, callback_search):
        module.LISTING.clear_cache()
    monkeypatch.setattr(listing, "MANY", 10_000)  # no term many: never a window
    assert once == twice == pages()
