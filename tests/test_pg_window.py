"""PostgreSQL's window (issue 20, services.lists.pg_search "the window"): a page of a common
short term, or of the start of a number, is looked for among the first rows of the list's order
and only there; it must be exactly the page the whole list gives. Every page here is compared
with LIKE over the same columns (the same filter, order and offset, or the same keyset walk),
with the window made small so that it holds some pages and misses others, and the window's
queries are checked to go through the intended indexes."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from peewee import JOIN

from propdesk.models import database
from propdesk.models.tables import Category, Complaint, Unit, WorkOrder
from propdesk.services.cases import complaints, workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import listing, pg_search, search, workorder_search
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

pytestmark = pytest.mark.postgres_only

NOW = dt.datetime(2026, 11, 24, 10, 0)
WORDS = ["漏水", "楼上", "卫生间", "狗叫", "扰民", "地下车库", "照明", "不亮", "保安", "态度",
         "垃圾", "异味", "电梯", "停车", "水管", "噪音"]
NAMES = ["张伟", "刘洋", "陈女士", "王磊", "李四", "赵六"]
UNITS = ["3栋2单元1201", "3栋1单元301", "5栋2单元1202", ""]


@pytest.fixture
def many(office):
    """60 complaints over two years (numbers TS-2025… and TS-2026…), some received the same
    minute, some whose received time was changed after their number was given, some voided,
    one quoting another's number in its description."""
    rng = random.Random(20)
    cats = [c.id for c in Category.select().limit(3)]
    made = []
    for i in range(60):
        at = dt.datetime(2025, 1, 5, 9, 0) + dt.timedelta(days=11 * i + rng.randrange(5),
                                                          minutes=rng.choice([0, 0, 7]))
        text = "".join(rng.sample(WORDS, 3)) + ("，见TS-2025投诉" if i == 47 else "")
        made.append(complaints.create(office["clerk"], ComplaintInput(
            received_at=at, unit=rng.choice(UNITS), phone=f"1380013{i:04d}",
            complainant=rng.choice(NAMES), description=text, category_id=rng.choice(cats),
            severity="minor"), at=NOW))
    for c in made[::9]:
        complaints.void(office["supervisor"], c.id, "录入错误")
    # a number's date is not always the day received: the window must not rely on it
    for c, days in ((made[3], 400), (made[50], -300), (made[20], 0)):
        Complaint.update(received_at=Complaint.received_at + dt.timedelta(days=days)).where(
            Complaint.id == c.id).execute()
    Complaint.update(received_at=made[30].received_at).where(Complaint.id == made[31].id).execute()
    database.execute_sql("ANALYZE complaint")
    return made


@pytest.fixture(params=["index", "scan"])
def small_window(request, monkeypatch):
    """A window of a few rows, every short term counted as common: some pages are found in
    the window, others only by the usual query. Its page found through the pairs index
    ("index": the term's share of the rows not known) or by testing the window's rows ("scan":
    a term in half the rows). Records which pages the window answered."""
    monkeypatch.setattr(pg_search, "_few_matches", lambda model, term: False)
    monkeypatch.setattr(pg_search, "WINDOW_PER_ROW", 3)
    share = None if request.param == "index" else 0.5  # scan: a window of 6 rows a page row
    monkeypatch.setattr(pg_search, "term_share", lambda model, term: share)
    for module in (search, workorder_search):
        module.LISTING.clear_cache()
    answered = []
    original = listing.Listing._pg_windowed

    def spy(self, *args, **kwargs):
        rows = original(self, *args, **kwargs)
        answered.append(rows is not None)
        return rows

    monkeypatch.setattr(listing.Listing, "_pg_windowed", spy)
    yield answered
    for module in (search, workorder_search):
        module.LISTING.clear_cache()


COMPLAINT_TEXT = [Complaint.description, Complaint.complainant, Complaint.location, Complaint.number,
                  Complaint.phone, Complaint.customer_request, Complaint.people_involved]


def _like_complaints(f: ComplaintFilter, order: str, descending: bool) -> list[str]:
    """The list's rows by LIKE: the filter without its text, and the text by LIKE over the
    searched columns and the unit label; sorted by the order and then the id."""
    from dataclasses import replace

    column = search.COLUMNS[order]
    like = listing.any_contains(COMPLAINT_TEXT + [Unit.label], f.text)
    query = (Complaint.select(Complaint.number)
             .join(Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
             .where(search._where(replace(f, text="")) & like)
             .order_by(column.desc() if descending else column.asc(),
                       Complaint.id.desc() if descending else Complaint.id.asc()))
    return [r.number for r in query]


TERMS = ["漏水", "水", "狗叫", "3栋", "张伟", "TS-2025", "TS-2026", "ts-20251", "TS-2025-", "地下车库"]
FILTERS = [ComplaintFilter(), ComplaintFilter(statuses=("received",)), ComplaintFilter(on_record=True),
           ComplaintFilter(date_from=dt.date(2025, 6, 1), date_to=dt.date(2026, 3, 31))]


def test_window_pages_are_the_lists_pages(many, small_window):
    """Every term kind, filter, order and offset: the page is the LIKE list's slice."""
    for term in TERMS:
        for base in FILTERS:
            f = ComplaintFilter(**{**base.__dict__, "text": term})
            for order, descending in (("received_at", True), ("received_at", False), ("number", True)):
                expected = _like_complaints(f, order, descending)
                for offset in (0, 5, 10):
                    page = search.page(f, order, descending, offset, 5, reader=PROGRAM)
                    assert [r["number"] for r in page] == expected[offset:offset + 5], \
                        (term, base, order, descending, offset)
                assert search.count(f, reader=PROGRAM) == len(expected)
    assert any(small_window) and not all(small_window)  # the window answered some, not all


def _walk(f, order: str, descending: bool, forward: bool) -> list[str]:
    """The whole list by keyset pages of 4 (forward from the first row, or back from the last)."""
    everything = search.page(f, order, descending, 0, 1000, reader=PROGRAM)
    if not everything:
        return []
    seen = [everything[0]] if forward else [everything[-1]]
    while True:
        if forward:
            page = search.page(f, order, descending, limit=4, after=seen[-1], reader=PROGRAM)
            seen += page
        else:
            page = search.page(f, order, descending, limit=4, before=seen[0], reader=PROGRAM)
            seen = page + seen
        if not page:
            return [r["number"] for r in seen]


@pytest.mark.parametrize("term", ["漏水", "水", "TS-2025", "张伟"])
def test_keyset_pages_in_the_window_walk_the_whole_list(many, small_window, term, monkeypatch):
    monkeypatch.setattr(pg_search, "WINDOW_PER_ROW", 10)  # pages of 4: a window of 40 rows
    monkeypatch.setattr(pg_search, "WINDOW_PAGES", 5)  # or of 40 with a share of 0.5
    f = ComplaintFilter(text=term)
    for order, descending in (("received_at", True), ("received_at", False)):
        expected = _like_complaints(f, order, descending)
        assert len(expected) > 4, term  # several pages
        assert _walk(f, order, descending, forward=True) == expected
        assert _walk(f, order, descending, forward=False) == expected
    assert any(small_window), small_window


def test_work_order_pages_in_the_window(office, small_window):
    rng = random.Random(3)
    made = []
    for i in range(30):
        at = dt.datetime(2025, 1, 5, 9, 0) + dt.timedelta(days=23 * i)
        made.append(workorders.create(office["clerk"], RepairInput(
            received_at=at, phone="13800138000", contact_name=rng.choice(NAMES),
            unit=rng.choice(UNITS[:3]), description="".join(rng.sample(WORDS, 3))), at=NOW))
    WorkOrder.update(received_at=WorkOrder.received_at + dt.timedelta(days=500)).where(
        WorkOrder.id == made[2].id).execute()
    texts = [WorkOrder.description, WorkOrder.contact_name, WorkOrder.contact_phone, WorkOrder.number,
             WorkOrder.location, WorkOrder.result]
    for term in ["漏水", "水", "PG-2025", "PG-2026", "张伟"]:
        units = Unit.select(Unit.id).where(Unit.label.contains(term))
        cond = listing.any_contains(texts, term) | WorkOrder.unit.in_(units)
        for descending in (True, False):
            key = (WorkOrder.received_at.desc(), WorkOrder.id.desc()) if descending \
                else (WorkOrder.received_at.asc(), WorkOrder.id.asc())
            expected = [w.number for w in WorkOrder.select(WorkOrder.number).where(cond).order_by(*key)]
            for offset in (0, 4):
                page = workorder_search.page(WorkOrderFilter(text=term), "received_at", descending,
                                             offset, 4, reader=PROGRAM)
                assert [r["number"] for r in page] == expected[offset:offset + 4], (term, descending, offset)
    assert any(small_window)


def test_callback_pages_in_the_window(many, office, small_window):
    """The callback list (due date first, going up: many callbacks share a day) by its case's
    name, unit and numbers: each page is the slice of the list LIKE over the callback's text
    gives (its number, its case's number, contact, phone, unit: models.pg_search)."""
    from propdesk.models.tables import Callback
    from propdesk.services.cases import callbacks
    from propdesk.services.lists import callback_search
    from propdesk.services.lists.callback_search import CallbackFilter
    from propdesk.services.lists.listing import search_column

    for i, c in enumerate(many):
        callbacks.schedule_for_complaint(office["clerk"], c, c.received_at + dt.timedelta(days=i % 3))
    callback_search.LISTING.clear_cache()
    try:
        for term in ["张伟", "张", "3栋", "TS-2025", "HF-2025", "1201"]:
            cond = search_column(Callback).contains(term)
            for descending in (False, True):
                key = ((Callback.due_date.desc(), Callback.id.desc()) if descending
                       else (Callback.due_date.asc(), Callback.id.asc()))
                expected = [c.number for c in Callback.select(Callback.number).where(cond).order_by(*key)]
                for offset in (0, 4):
                    page = callback_search.page(CallbackFilter(view="all", text=term), "due_date",
                                                descending, offset, 4, reader=PROGRAM)
                    assert [r["number"] for r in page] == expected[offset:offset + 4], (term, descending, offset)
    finally:
        callback_search.LISTING.clear_cache()
    assert any(small_window)


def _plan(sql: str, params: list) -> str:
    return "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params).fetchall())


@pytest.fixture
def bigger(many):
    """6,000 more complaints (copies of the 60, a day apart each, numbers TS-2019…-NNNN), so
    that the planner's figures are a real table's and its choices can be checked."""
    names = [f.column_name for f in Complaint._meta.sorted_fields
             if f.column_name not in ("id", "number", "received_at")]
    cols = ", ".join(names)
    database.execute_sql(
        f"INSERT INTO complaint (number, received_at, {cols}) "
        f"SELECT 'TS-' || to_char(c.received_at - g * interval '1 day', 'YYYYMMDD') || '-' || "
        f"lpad((c.id * 100 + g)::text, 5, '0'), c.received_at - g * interval '1 day', {cols} "
        f"FROM complaint c, generate_series(1, 100) g")
    database.execute_sql("VACUUM ANALYZE complaint")  # figures, and the visibility map


def _window_sql(f, window, limit: int):
    """(boundary SQL, page SQL) of the first page of ``f`` in ``window``, the boundary found."""
    lst = search.LISTING
    column = lst.columns["received_at"]
    bound_sql, bound_params = pg_search.boundary_sql(Complaint, column, True, window.kind,
                                                     window.size(limit), f.text, False)
    bound = database.execute_sql(bound_sql, bound_params).fetchone()[0]
    assert bound is not None
    page_sql, page_params = lst._page_sql(lst.clock(f), "received_at", True, 0, limit,
                                          type(database.obj), False, window.mode)
    page_params = [bound if p is listing._BOUND else p for p in page_params]
    return (bound_sql, bound_params), (page_sql, page_params)


def test_window_queries_use_the_indexes(bigger):
    """The boundary is an index-only walk (of the date index, or of the number-and-date index
    for a number start), and the page ANDs the window's range with the term's index, or for a
    very common term reads the window's rows and tests them without the pairs index; it sorts
    what it finds instead of walking the date index."""
    f = ComplaintFilter(text="漏水")
    (bound, params), (page, page_params) = _window_sql(f, pg_search.Window("rows", 200), 10)
    plan = _plan(bound, params)
    assert "Index Only Scan Backward using complaint_received_at" in plan, plan
    plan = _plan(page, page_params)
    assert "BitmapAnd" in plan and "complaint_search_grams" in plan and "complaint_received_at" in plan, plan
    assert "Sort" in plan and "strpos" not in plan, plan  # sorted, not walked; no text test

    # a very common term: one statement, the first rows walked in the page's order and tested
    # until the page is full (no boundary asked first, nothing sorted)
    lst = search.LISTING
    page, page_params = lst._page_sql(lst.clock(f), "received_at", True, 0, 10, type(database.obj),
                                      False, "first 100")
    plan = _plan(page, page_params)
    assert "Index Scan Backward using complaint_received_at" in plan, plan
    assert "strpos" in plan and "grams" not in plan, plan
    # (an incremental sort by the id among rows of the same time streams; no sort of the window)
    assert not any(line.strip().removeprefix("->  ").startswith("Sort  (") for line in plan.splitlines()), plan
    assert plan.index("Limit") < plan.index("strpos") < plan.rindex("Limit"), plan  # the window's LIMIT inside

    window = pg_search.window_kind(Complaint, "TS-202410", search.COLUMNS["received_at"])
    assert window == pg_search.Window("number", pg_search.NUMBER_WINDOW_PER_ROW)
    (bound, params), (page, page_params) = _window_sql(ComplaintFilter(text="TS-202410"), window, 10)
    plan = _plan(bound, params)
    assert "Index Only Scan Backward using complaint_number_date" in plan, plan
    plan = _plan(page, page_params)
    # the number's matches past the boundary: both conditions inside the number's index
    scan = plan.split("Bitmap Index Scan on complaint_number_date")[1].split("->")[0]
    assert "received_at >=" in scan and "~>=~" in scan, plan


def test_a_short_terms_window_follows_its_share_of_the_rows(bigger):
    """ANALYZE's figures of the pairs index size the window: 漏水 (in about a fifth of these
    rows) is read row by row in a window of a few pages' rows; a rarer pair goes through the
    index, and one not among the common pairs is left to the usual query."""
    column = search.COLUMNS["received_at"]
    share = pg_search.term_share(Complaint, "漏水")
    assert 0.1 < share < 0.3
    assert pg_search.window_kind(Complaint, "漏水", column) == pg_search.Window(
        "rows", -(-pg_search.WINDOW_PAGES // share), "scan")
    assert pg_search.term_share(Complaint, "咖啡") is None
    assert pg_search.window_kind(Complaint, "咖啡", column) is None  # no matches: few


def test_step_11_gives_the_number_index_its_date(office):
    """A server database at schema 10 (step 7's number-only index) gets the number-and-date
    index in its place for complaints and work orders; the callbacks keep theirs."""
    from propdesk.models import pg_search as ddl
    from propdesk.models.db import SCHEMA_VERSION, schema_version, upgrade

    db = database.obj
    for table in ("complaint", "work_order"):
        db.execute_sql(f"DROP INDEX {table}_number_date")
        db.execute_sql(f"CREATE INDEX {table}_number_prefix_1 ON {table} ((upper(number)) text_pattern_ops)")
    db.execute_sql("UPDATE setting SET value = '10' WHERE key = 'schema_version'")

    upgrade(db)
    assert schema_version(db) == SCHEMA_VERSION
    names = {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes").fetchall()}
    assert {"complaint_number_date", "work_order_number_date", "callback_number_prefix_1"} <= names
    assert not {"complaint_number_prefix_1", "work_order_number_prefix_1"} & names
    ddl.upgrade_number_dates(db)  # idempotent


def test_terms_without_case_are_told_apart():
    for term in ["地下车库", "13800138000", "3-2-802", "，见", "2单元1201", "漏水"]:
        assert pg_search.caseless(term), term
    for term in ["B2照明", "b2", "ß", "Ⓐ", "ⅰ", "Ｔ", "ts-2021"]:
        assert not pg_search.caseless(term), term


def test_a_sorted_page_sorts_the_ids_before_it_joins(office):
    """A page sorted from its matches (a number start, a rare term, a window) takes the page's
    ids first from the list's own table, then joins those rows alone (a callback number start
    joined each of its 115,377 matches to its case before the sort: 1.2 s at 1,000,000)."""
    from propdesk.services.lists import callback_search
    from propdesk.services.lists.callback_search import CallbackFilter

    lst = callback_search.LISTING
    sql, _ = lst._page_sql(lst.clock(CallbackFilter(view="all", text="HF-2021")), "due_date", False,
                           0, 100, type(database.obj))
    outer, ids = sql.split("= ANY(ARRAY (", 1)
    assert "LIMIT" in ids and "LIMIT" not in outer and "COALESCE" in ids
    sql, _ = lst._page_sql(lst.clock(CallbackFilter(view="all", text="")), "due_date", False,
                           0, 100, type(database.obj))
    assert "ANY(ARRAY" not in sql  # walked along the due dates: its 100 rows are joined as found
