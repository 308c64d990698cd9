"""One- and two-character terms use the bigram index (models.db.create_fts) and find exactly
what LIKE over the same columns finds, for complaints, work orders and callbacks; the index
follows edits through its triggers."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database
from propdesk.models.tables import Category, Complaint, Unit
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.lists import listing, search, workorder_search
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter
from propdesk.services.core.accounts import PROGRAM

pytestmark = pytest.mark.sqlite_only(reason="SQLite's bigram FTS5 index; PostgreSQL's search column: test_postgres_desks.py")

NOW = dt.datetime(2026, 11, 24, 10, 0)
TEXTS = ["楼上卫生间漏水，天花板渗水", "狗叫扰民，晚上睡不着", "地下车库B2照明灯不亮",
         "小区东门保安态度恶劣", "电梯厅垃圾没人清理，有异味。水"]


@pytest.fixture
def cases(office):
    cat = Category.select().first().id
    return [complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime(2026, 11, 24, 9 - i, 0), unit="3栋2单元1201" if i % 2 else "",
        phone=f"1380013800{i}", complainant=name, description=text, category_id=cat,
        severity="minor"), at=NOW)
        for i, (name, text) in enumerate(zip(["张伟", "刘洋", "陈女士", "王磊", "李四"], TEXTS))]


def _like(term: str) -> list[str]:
    """The same search by LIKE (what PostgreSQL and the old program did)."""
    labels = Unit.select(Unit.id).where(Unit.label.contains(term))
    rows = (Complaint.select(Complaint.number).where(listing.any_contains(
        [Complaint.description, Complaint.complainant, Complaint.location, Complaint.number,
         Complaint.phone, Complaint.customer_request], term) | Complaint.unit.in_(labels))
        .order_by(Complaint.received_at.desc()))
    return [r.number for r in rows]


@pytest.mark.parametrize("term", ["漏水", "水", "狗", "狗叫", "叫", "B2", "b", "2", "栋", "3栋",
                                  "00", "东门", "异味", "味", "咖啡", "张", "TS"])
def test_short_terms_find_what_like_finds(cases, term):
    assert listing.uses_index(term)
    found = [r["number"] for r in search.page(ComplaintFilter(text=term), reader=PROGRAM)]
    assert found == _like(term)
    assert search.count(ComplaintFilter(text=term), reader=PROGRAM) == len(found)


def test_the_bigram_index_answers_them(cases):
    sql, params = Complaint.select(Complaint.id).where(search._where(ComplaintFilter(text="漏水"))).sql()
    assert "complaint_fts_bi" in sql and params[-1] == '"漏水"'
    sql, params = Complaint.select(Complaint.id).where(search._where(ComplaintFilter(text="水"))).sql()
    assert "complaint_fts_bi" in sql and params[-1] == '"水"*'
    # a short term with punctuation cannot be one token: LIKE, and still right
    assert not listing.uses_index("，水")
    assert [r["number"] for r in search.page(ComplaintFilter(text="，有"), reader=PROGRAM)] == [cases[4].number]


def test_the_index_follows_edits(office, cases):
    c = cases[1]
    c.description = "外墙脱落"
    c.save()
    assert [r["number"] for r in search.page(ComplaintFilter(text="外墙"), reader=PROGRAM)] == [c.number]
    assert search.page(ComplaintFilter(text="狗叫"), reader=PROGRAM) == []
    rows = database.execute_sql("SELECT count(*) FROM complaint_fts_bi").fetchone()[0]
    assert rows == Complaint.select().count()


def test_work_order_search_by_short_terms(office):
    from propdesk.services.cases import workorders

    order = workorders.create(office["clerk"], workorders.RepairInput(
        received_at=NOW, unit="3栋2单元1201", contact_name="张伟", phone="13800138000",
        description="厨房水龙头滴水"), at=NOW)
    for term in ("滴水", "龙", "3栋"):
        assert [r["number"] for r in workorder_search.page(WorkOrderFilter(text=term), reader=PROGRAM)] == [order.number]
    assert workorder_search.page(WorkOrderFilter(text="咖啡"), reader=PROGRAM) == []


def test_a_bulk_fill_indexes_exactly_what_the_triggers_index(office, cases):
    """The migration fills the index with pairs made in Python; the triggers make them in SQL."""
    from propdesk.models.db import FTS_TABLES, fill_fts

    cols = ", ".join(FTS_TABLES["complaint"])
    by_trigger = database.execute_sql(f"SELECT rowid, {cols} FROM complaint_fts_bi ORDER BY rowid").fetchall()
    database.execute_sql("DELETE FROM complaint_fts_bi")
    fill_fts(database.obj, "complaint", kinds=("bigram",))
    by_fill = database.execute_sql(f"SELECT rowid, {cols} FROM complaint_fts_bi ORDER BY rowid").fetchall()
    assert by_fill == by_trigger and len(by_fill) == len(cases)
