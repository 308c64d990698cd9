"""The three lists share one shape (services.lists.listing): their raw cached pages read the same
rows as peewee would, callbacks judge "today" by the caller's clock, and quick search through
the trigram indexes finds what LIKE finds."""
import datetime as dt
import shutil

import pytest

from propdesk.models import database, init_db
from propdesk.models.tables import Callback, Complaint, WorkOrder
from propdesk.services.core import accounts, calendar
from propdesk.demo import office as demo
from propdesk.services.lists import callback_search, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter
from propdesk.services.register.address import with_estates
from propdesk.services.core.accounts import PROGRAM

TODAY = dt.date(2026, 11, 20)
LISTS = [(search, ComplaintFilter(statuses=())), (workorder_search, WorkOrderFilter()),
         (callback_search, CallbackFilter(view="all"))]


@pytest.fixture(scope="module")
def built_office(tmp_path_factory):
    path = tmp_path_factory.mktemp("listing") / "office.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "SCRYPT_N", 2**4)
        init_db(str(path))
        calendar.invalidate_cache()
        demo.create_demo_office(n_complaints=80, seed=3, today=TODAY)
        database.close()
    return path


@pytest.fixture
def office(built_office, tmp_path):
    copy = tmp_path / "office.db"
    shutil.copy(built_office, copy)
    init_db(str(copy))
    calendar.invalidate_cache()
    for module, _f in LISTS:
        module.LISTING.clear_cache()
    yield
    database.close()


@pytest.mark.parametrize("module, f", LISTS, ids=["complaints", "work orders", "callbacks"])
def test_raw_pages_read_what_peewee_reads(office, module, f):
    """Every value of a raw page (dates, booleans, decimals, ids) is what peewee's own
    conversion gives: the shared reader knows each column's type."""
    lst = module.LISTING
    query = (lst.joined(lst.row_fields).where(lst.where(lst.clock(f)))
             .order_by(lst.model.id.desc()).limit(500))
    # page() puts the estate before the unit in an office of several (issue 15): so does this
    expected = with_estates(list(query.dicts()))
    assert expected and any(" " in (row["unit"] or "") for row in expected)
    got = module.page(f, "number", True, 0, 500, reader=PROGRAM)
    by_id = {row["id"]: row for row in got}
    assert sorted(by_id) == sorted(row["id"] for row in expected)
    for row in expected:
        assert by_id[row["id"]] == row
        for key, value in row.items():
            assert type(by_id[row["id"]][key]) is type(value), key
    assert module.count(f, reader=PROGRAM) == len(expected)


def test_callbacks_go_by_the_given_day(office):
    due = Callback.select().where(Callback.status == "due").order_by(Callback.due_date).first()
    day = due.due_date

    def views(today):
        return {view for view in ("today", "overdue", "upcoming")
                if due.id in {r["id"] for r in callback_search.page(
                    CallbackFilter(view=view, today=today), limit=10_000, reader=PROGRAM)}}

    assert views(day) == {"today"}
    assert views(day - dt.timedelta(days=1)) == {"upcoming"}
    assert views(day + dt.timedelta(days=1)) == {"overdue"}
    assert callback_search.count(CallbackFilter(view="today", today=day), reader=PROGRAM) >= 1


def test_callback_quick_search_through_the_indexes_finds_what_like_finds(office, monkeypatch):
    callbacks = list(Callback.select().limit(40))
    terms = set()
    for cb in callbacks:
        case = Complaint.get_by_id(cb.complaint_id) if cb.complaint_id else (
            WorkOrder.get_by_id(cb.work_order_id) if cb.work_order_id else None)
        terms.add(cb.number[-6:])
        if case is not None:
            terms.add(case.number)
            terms.add((case.phone if isinstance(case, Complaint) else case.contact_phone)[-5:])
    terms = sorted(t for t in terms if len(t) >= 3)
    assert len(terms) > 10

    def found(term):
        callback_search.LISTING.clear_cache()
        f = CallbackFilter(view="all", text=term)
        return [r["id"] for r in callback_search.page(f, limit=10_000, reader=PROGRAM)], callback_search.count(f, reader=PROGRAM)

    with_index = {t: found(t) for t in terms}
    sql, _params = callback_search.LISTING._page_sql(CallbackFilter(view="all", text=terms[0]),
                                                    "due_date", False, 0, 100)
    assert "complaint_fts" in sql and "work_order_fts" in sql
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
    with_like = {t: found(t) for t in terms}
    sql, _params = callback_search.LISTING._page_sql(CallbackFilter(view="all", text=terms[0]),
                                                    "due_date", False, 0, 100)
    assert "_fts" not in sql
    assert with_index == with_like
    assert all(ids for ids, _n in with_index.values())
