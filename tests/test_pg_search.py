"""Quick search on PostgreSQL (issue 20): one- and two-character terms, the start of a number
and the callback list each go through an index (models.pg_search), and every shape finds exactly
what LIKE over the same columns finds. Plans are checked with EXPLAIN on a small table with
sequential scans switched off (so the planner shows which index it can use)."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.tables import Callback, Category, Complaint, Unit, WorkOrder
from propdesk.services.cases import callbacks, complaints, workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.lists import callback_search, listing, pg_search, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter
from propdesk.services.core.accounts import PROGRAM

pytestmark = pytest.mark.postgres_only

NOW = dt.datetime(2026, 11, 24, 10, 0)
TEXTS = ["楼上卫生间漏水，天花板渗水", "狗叫扰民，晚上睡不着", "地下车库B2照明灯不亮",
         "小区东门保安态度恶劣，见TS-2025投诉", "电梯厅垃圾没人清理，有异味。水"]


@pytest.fixture
def cases(office):
    cat = Category.select().first().id
    made = []
    for i, (name, text) in enumerate(zip(["张伟", "刘洋", "陈女士", "王磊", "李四"], TEXTS)):
        at = dt.datetime(2025 + i % 2, 11, 24 - i, 9, 0)
        made.append(complaints.create(office["clerk"], ComplaintInput(
            received_at=at, unit="3栋2单元1201" if i % 2 else "", phone=f"1380013800{i}",
            complainant=name, description=text, category_id=cat, severity="minor"), at=NOW))
    return made


def _like(term: str) -> list[str]:
    labels = Unit.select(Unit.id).where(Unit.label.contains(term))
    rows = (Complaint.select(Complaint.number).where(listing.any_contains(
        [Complaint.description, Complaint.complainant, Complaint.location, Complaint.number,
         Complaint.phone, Complaint.customer_request, Complaint.people_involved], term)
        | Complaint.unit.in_(labels)).order_by(Complaint.received_at.desc(), Complaint.id.desc()))
    return [r.number for r in rows]


TERMS = ["漏水", "水", "狗", "狗叫", "B2", "b", "2", "栋", "3栋", "00", "张", "TS", "咖啡", "，",
         # the start of a number, in a number and typed into a description
         "TS-2025", "ts-2026", "TS-20251124", "S-2025", "TS-", "PG-2025", "TS-2025112",
         "地下车库", "13800138003", "天花板渗水",
         # three or more with and without case (LIKE when nothing folds: pg_search.caseless)
         "b2照明", "B2照", "库b2", "2单元1201", "，晚上", "_2单"]


@pytest.mark.parametrize("term", TERMS)
def test_every_term_finds_what_like_finds(cases, term):
    found = [r["number"] for r in search.page(ComplaintFilter(text=term), reader=PROGRAM)]
    assert found == _like(term)
    assert search.count(ComplaintFilter(text=term), reader=PROGRAM) == len(found)


def test_a_number_typed_in_a_description_is_found_by_its_start(cases):
    numbers = {r["number"] for r in search.page(ComplaintFilter(text="TS-2025"), reader=PROGRAM)}
    assert cases[3].number in numbers  # its own number is TS-2026…, its text says TS-2025
    assert {c.number for c in cases if c.number.startswith("TS-2025")} <= numbers


def _plan(query) -> str:
    db = database.obj
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")  # a tiny table: show the usable index
        sql, params = query.sql()
        return "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, params).fetchall())


@pytest.mark.parametrize("term, index", [
    ("张伟", "complaint_search_grams"), ("水", "complaint_search_grams"),
    ("TS-2025", "complaint_number_date"), ("TS-2025", "complaint_search_grams"),
    ("地下车库", "complaint_search_trgm"),
])
def test_complaint_plans_use_the_indexes(cases, term, index):
    plan = _plan(Complaint.select(Complaint.id).where(search._where(ComplaintFilter(text=term))))
    assert index in plan and "Seq Scan" not in plan


def test_a_number_start_is_not_found_by_walking_the_dates(cases, monkeypatch):
    """Its matches lie in a few days or years: the page sorts them instead of walking the date
    index (which the planner would pick, believing them spread over ten years)."""
    sql, _ = search.LISTING._page_sql(search.LISTING.clock(ComplaintFilter(text="TS-2021")),
                                      "received_at", True, 0, 100, type(database.obj))
    assert "COALESCE" in sql
    # a rare short term likewise (few matches: sorting them beats walking ten years for them)
    sql, _ = search.LISTING._page_sql(search.LISTING.clock(ComplaintFilter(text="漏水")),
                                      "received_at", True, 0, 100, type(database.obj))
    assert "COALESCE" in sql
    # a term found often enough: walking the date index finds the first page at once
    order = search.LISTING._ordering("received_at", True)[0]
    assert pg_search.page_order(order, "水", Complaint) is not order  # 2 of 5 rows: few here
    monkeypatch.setattr(pg_search, "FEW", 2)
    assert pg_search.page_order(order, "水", Complaint) is order
    assert pg_search.page_order(order, "狗", Complaint) is not order  # 1 row
    assert pg_search.page_order(order, "地下车库", Complaint) is order  # trigram terms: the planner's choice


def test_work_orders_by_short_terms_and_number_starts(office):
    made = [workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime(2025, 11, 24, 9, i), phone="13800138000", contact_name=name,
        unit="3栋2单元1201", description=text), at=NOW)
        for i, (name, text) in enumerate([("张伟", "厨房水管漏水"), ("刘洋", "门锁坏了")])]
    for term, expected in [("漏", [made[0]]), ("锁", [made[1]]), ("张伟", [made[0]]),
                           ("PG-2025", made[::-1]), ("咖", [])]:
        found = [r["number"] for r in workorder_search.page(WorkOrderFilter(text=term), reader=PROGRAM)]
        assert found == [w.number for w in expected], term
    plan = _plan(WorkOrder.select(WorkOrder.id).where(pg_search.condition(WorkOrder, "漏")))
    assert "work_order_search_grams" in plan


def test_callbacks_are_found_by_their_case_through_their_own_index(office, cases):
    cb = callbacks.schedule_for_complaint(office["clerk"], cases[0], NOW)
    other = callbacks.schedule_for_complaint(office["clerk"], cases[1], NOW)

    def found(term: str) -> list[str]:
        return [r["number"] for r in callback_search.page(CallbackFilter(view="all", text=term), reader=PROGRAM)]

    assert found("张伟") == [cb.number]  # the complainant of its complaint
    assert found("13800138000") == [cb.number]
    assert found(cases[1].number) == [other.number]  # the case's number
    assert found(cb.number[:7]) and set(found("HF-")) == {cb.number, other.number}
    assert found("漏水") == []  # the description is not part of a callback's search
    # the callback's text follows its case
    Complaint.update(complainant="赵六").where(Complaint.id == cases[0].id).execute()
    assert found("张伟") == [] and found("赵六") == [cb.number]
    for term, index in [("赵", "callback_search_grams"), ("TS-2025", "callback_number_prefix_2"),
                        ("HF-2026", "callback_number_prefix_1"), ("13800138000", "callback_search_trgm")]:
        plan = _plan(Callback.select(Callback.id).where(pg_search.condition(Callback, term)))
        assert index in plan, (term, plan)


def test_a_schema_6_database_on_the_server_is_upgraded(office, cases):
    """Step 7 on a database made before it: the callbacks there get their case's text, the
    new indexes are built, and it can run again without harm."""
    from propdesk.models import pg_search as ddl
    from propdesk.models.db import create_pg_search, upgrade

    cb = callbacks.schedule_for_complaint(office["clerk"], cases[0], NOW)
    db = database.obj
    create_pg_search(db, "callback")  # schema 1-6: the callback's text was its number alone
    db.execute_sql("UPDATE callback SET search_text = number")
    for table in ("complaint", "work_order", "callback"):
        ddl.drop_indexes(db, table)
    db.execute_sql("UPDATE setting SET value = '6' WHERE key = 'schema_version'")
    assert [r["number"] for r in callback_search.page(CallbackFilter(view="all", text="13800138000"), reader=PROGRAM)] == []

    upgrade(db)
    assert [r["number"] for r in callback_search.page(CallbackFilter(view="all", text="13800138000"), reader=PROGRAM)] == [cb.number]
    names = {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes").fetchall()}
    assert {n for t in ("complaint", "work_order", "callback") for n in ddl.index_names(t)} <= names
    ddl.upgrade(db)  # idempotent
