"""Finding complaints: Chinese substrings of any length, units, phones, numbers, filters."""
import datetime as dt

import pytest

from propdesk.models.tables import Building, Category, Complaint, Department
from propdesk.services.cases import complaints
from propdesk.services.lists import search
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.core.accounts import PROGRAM

NOW = dt.datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def cases(office):
    cat = {c.name: c.id for c in Category.select()}
    rows = [
        ("3栋2单元1201", "13800138000", "张伟", "楼上卫生间漏水，天花板渗水", "工程维修/设施设备", "important", 9),
        ("5栋1单元301", "13912345678", "刘洋", "地下车库B2照明灯长期不亮", "停车管理", "minor", 8),
        ("", "0755-26881234", "陈女士", "小区东门保安态度恶劣", "服务态度", "major", 7),
        ("3栋1单元1202", "15011112222", "王磊", "电梯厅垃圾没人清理，有异味", "环境卫生", "minor", 6),
    ]
    made = []
    for unit, phone, name, text, category, severity, hour in rows:
        made.append(complaints.create(office["clerk"], ComplaintInput(
            received_at=dt.datetime(2026, 11, 24, hour, 0), unit=unit, phone=phone,
            complainant=name, description=text, category_id=cat[category], severity=severity),
            at=NOW))
    return made


def numbers(f, **kw):
    return [r["number"] for r in search.page(f, **kw, reader=PROGRAM)]


@pytest.mark.parametrize("text, expected", [
    ("漏水", ["TS-20261124-001"]),            # two Chinese characters: LIKE
    ("水", ["TS-20261124-001"]),              # one
    ("天花板渗水", ["TS-20261124-001"]),       # trigram FTS
    ("车库B2", ["TS-20261124-002"]),
    ("3栋2单元1201", ["TS-20261124-001"]),     # unit
    ("3栋", ["TS-20261124-001", "TS-20261124-004"]),  # newest first
    ("13912345678", ["TS-20261124-002"]),      # phone
    ("2688", ["TS-20261124-003"]),             # part of a phone
    ("陈女士", ["TS-20261124-003"]),
    ("TS-20261124-004", ["TS-20261124-004"]),  # number
    ("不存在的内容", []),
])
def test_quick_search(cases, text, expected):
    f = ComplaintFilter(text=text)
    assert numbers(f) == expected
    assert search.count(f, reader=PROGRAM) == len(expected)


def test_search_follows_edits(office, cases):
    complaints.record_reply(office["clerk"], cases[0].id, NOW, "phone", at=NOW)
    c = cases[0]
    c.description = "外墙脱落"
    c.save()
    assert numbers(ComplaintFilter(text="外墙脱落")) == [c.number]
    assert numbers(ComplaintFilter(text="天花板渗水")) == []


def test_filters(office, cases):
    eng = Department.get(Department.name == "工程部").id
    assert numbers(ComplaintFilter(department_id=eng)) == ["TS-20261124-001"]
    assert numbers(ComplaintFilter(severity="minor")) == ["TS-20261124-002", "TS-20261124-004"]
    b5 = Building.get(Building.name == "5栋").id
    assert numbers(ComplaintFilter(building_id=b5)) == ["TS-20261124-002"]
    assert numbers(ComplaintFilter(date_from=dt.date(2026, 11, 25))) == []
    assert len(numbers(ComplaintFilter(date_from=dt.date(2026, 11, 24), date_to=dt.date(2026, 11, 24)))) == 4
    # at 10:30 the minor ones (8:00, 6:00) and the major one (7:00) are past their 2-hour
    # reply deadline; the important one (9:00) has a working day
    late = ComplaintFilter(overdue_only=True, at=dt.datetime(2026, 11, 24, 10, 30))
    assert numbers(late) == ["TS-20261124-002", "TS-20261124-003", "TS-20261124-004"]
    complaints.void(office["supervisor"], cases[3].id, "重复")
    assert "TS-20261124-004" not in numbers(ComplaintFilter())
    assert numbers(ComplaintFilter(statuses=("voided",))) == ["TS-20261124-004"]


def test_sorting_and_paging(cases):
    f = ComplaintFilter()
    assert numbers(f, order="received_at", descending=False) == [c.number for c in cases[::-1]]
    assert numbers(f, order="unit", descending=False)[0] == "TS-20261124-003"  # no unit first
    assert numbers(f, offset=1, limit=2) == ["TS-20261124-002", "TS-20261124-003"]


@pytest.mark.sqlite_only(reason="the FTS5 plan for a common term")
def test_a_common_term_walks_the_date_index(office, monkeypatch):
    """Beyond MANY matches the condition is written "+id IN (...)"; the answer is the same."""
    from propdesk.services.lists import listing
    from propdesk.services.lists import search as search_module

    cat = Category.get(Category.name == "停车管理").id
    made = [complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime(2026, 11, 20, 8, i), phone="13800138000", complainant="张伟",
        description=f"地下车库第{i}号车位被占", category_id=cat, severity="minor"), at=NOW) for i in range(5)]
    few = numbers(ComplaintFilter(text="地下车库"))
    monkeypatch.setattr(listing, "MANY", 3)
    f = ComplaintFilter(text="地下车库")
    sql, _params = Complaint.select(Complaint.id).where(search_module._where(f)).sql()
    assert '+"t1"."id" IN' in sql  # the date index is walked
    monkeypatch.setattr(listing, "MANY", 2000)
    sql, _params = Complaint.select(Complaint.id).where(search_module._where(f)).sql()
    assert '+"t1"."id" IN' not in sql
    assert numbers(f) == few == [c.number for c in reversed(made)]
    assert search.count(f, reader=PROGRAM) == 5
