"""Related cases: repeats and further contacts, incidents with many callers, holds that stop
the resolve clock (worked out by hand), and escalation on the second reopen."""
import datetime as dt

import pytest

from propdesk.errors import RuleError, ValidationError
from propdesk.models.tables import Building, Category, Complaint
from propdesk.services.core import accounts
from propdesk.services.lists import callback_search
from propdesk.services.cases import complaints
from propdesk.services.cases import lateness
from propdesk.services.lists import dashboard
from propdesk.services.cases import holds
from propdesk.services.cases import incidents
from propdesk.services.cases import related
from propdesk.services.lists import search
from propdesk.services.cases import workorders
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core.accounts import PROGRAM

D = dt.datetime


def complaint(office, received, unit="3栋2单元1201", category="工程维修/设施设备", severity="important", **kw):
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=received, unit=unit, phone="13800138000", complainant="张伟", description="卫生间漏水",
        severity=severity, category_id=Category.get(Category.name == category).id, **kw), at=received)


def test_repeat_warning_link_and_flag(office):
    first = complaint(office, D(2026, 11, 10, 9, 0))
    unit = office["units"]["3栋2单元1201"]
    cat = Category.get(Category.name == "工程维修/设施设备").id
    found = related.recent_cases(unit_id=unit.id, category_id=cat, at=D(2026, 11, 17, 9, 0), reader=PROGRAM)
    assert [r["number"] for r in found] == [first.number] and found[0]["same_category"] and found[0]["open"]
    # by the caller's phone too, when no unit is given
    assert related.recent_cases(phone="138 0013 8000", at=D(2026, 11, 17, 9, 0), reader=PROGRAM)[0]["number"] == first.number
    second = complaint(office, D(2026, 11, 17, 9, 0), related_to_id=first.id)
    assert second.related_to_id == first.id
    [row] = [r for r in search.page(ComplaintFilter(), reader=PROGRAM) if r["id"] == second.id]
    assert row["related_to"] == first.id  # flagged in the list
    # long after the window, open cases still show; a closed one drops out
    later = D(2027, 1, 30, 9, 0)
    assert {r["number"] for r in related.recent_cases(unit_id=unit.id, at=later, reader=PROGRAM)} == {first.number, second.number}
    complaints.void(office["supervisor"], second.id, "重复录入")
    assert [r["number"] for r in related.recent_cases(unit_id=unit.id, at=later, reader=PROGRAM)] == [first.number]


def test_further_contact_goes_on_the_open_case(office):
    first = complaint(office, D(2026, 11, 10, 9, 0))
    related.add_contact(office["clerk"], first.id, "张伟", "13800138000", "又打电话来催，天花板开始滴水",
                        at=D(2026, 11, 11, 9, 0))
    assert Complaint.select().count() == 1
    assert complaints.timeline(first.id, reader=accounts.PROGRAM)[-1]["action"] == "contact"
    assert [c.note for c in related.contacts(first.id)] == ["又打电话来催，天花板开始滴水"]
    with pytest.raises(ValidationError):
        related.add_contact(office["clerk"], first.id, "张伟", "123", "")


def test_outage_over_two_buildings_ten_callers_ten_callbacks(office):
    b3, b5 = (Building.get(Building.name == n).id for n in ("3栋", "5栋"))
    outage = incidents.declare(office["clerk"], "water", "3栋、5栋停水", "水泵检修",
                               building_ids=[b3, b5], expected_end=D(2026, 11, 24, 18, 0),
                               at=D(2026, 11, 24, 9, 0))
    assert outage.number == "SJ-20261124-001"
    assert [i.id for i in incidents.covering(office["units"]["5栋1单元301"].id)] == [outage.id]
    other = incidents.declare(office["clerk"], "lift", "3栋2单元电梯故障",
                              unit_ids=[office["units"]["3栋2单元1201"].id], at=D(2026, 11, 24, 9, 5))
    assert [i.id for i in incidents.covering(office["units"]["3栋2单元1201"].id)] == [other.id, outage.id]
    units = list(office["units"])
    for i in range(10):
        incidents.attach(office["clerk"], outage.id, f"业主{i}", f"1390000{i:04d}", units[i % len(units)],
                         "家里没水", at=D(2026, 11, 24, 10, i))
    assert len(incidents.contacts(outage.id, reader=PROGRAM)) == 10
    assert Complaint.select().count() == 0  # callers are contacts, not complaints
    made = incidents.close(office["clerk"], outage.id, "已恢复供水", at=D(2026, 11, 24, 17, 0))
    assert len(made) == 10 and all(cb.due_date == dt.date(2026, 11, 27) for cb in made)
    rows = callback_search.page(CallbackFilter(kind="incident"), reader=PROGRAM)
    assert len(rows) == 10 and {r["case"] for r in rows} == {outage.number}
    assert {r["phone"] for r in rows} == {f"1390000{i:04d}" for i in range(10)}
    with pytest.raises(RuleError):
        incidents.attach(office["clerk"], outage.id, "晚来的", "13900009999")


def test_hold_over_a_weekend_and_a_holiday_moves_resolve_by_by_hand(office):
    # important, received Wed 30 Sep 2026 9:00: resolve by Fri 9 Oct 9:00 (8, 9 Oct)
    c = complaint(office, D(2026, 9, 30, 9, 0))
    assert c.resolve_by == D(2026, 10, 9, 9, 0)
    holds.start(office["clerk"], "complaint", c.id, "owner_absent", "业主出差", at=D(2026, 9, 30, 16, 0))
    # on hold past the old resolve-by: not overdue for resolving (only the missed reply counts)
    assert lateness.complaint_overdue(complaints.get(c.id), D(2026, 10, 9, 12, 0)) == "reply"
    hold = holds.end(office["clerk"], "complaint", c.id, at=D(2026, 10, 8, 10, 0))
    # on hold: 30 Sep 16:00-24:00 (8 h), 1-7 Oct holiday (0), 8 Oct 0:00-10:00 (10 h) = 18 h
    assert hold.working_seconds == 18 * 3600
    # 9 Oct 9:00 + 18 h of working time: 15 h to midnight, then 3 h into Sat 10 Oct (调休, working)
    assert complaints.get(c.id).resolve_by == D(2026, 10, 10, 3, 0)
    steps = [e["action"] for e in complaints.timeline(c.id, reader=accounts.PROGRAM)]
    assert steps == ["create", "hold", "resume"]
    assert ("resolve_by", "2026-10-09 09:00:00", "2026-10-10 03:00:00") in complaints.timeline(c.id, reader=accounts.PROGRAM)[-1]["changes"]


def test_hold_over_an_ordinary_weekend(office):
    c = complaint(office, D(2026, 11, 26, 15, 0))  # Thu: resolve by Mon 30 Nov 15:00
    complaints.record_reply(office["clerk"], c.id, D(2026, 11, 26, 16, 0), "phone", at=D(2026, 11, 26, 16, 0))
    holds.start(office["clerk"], "complaint", c.id, "parts", at=D(2026, 11, 27, 15, 0))
    late = ComplaintFilter(overdue_only=True, at=D(2026, 12, 1, 9, 0))
    assert search.count(late, reader=PROGRAM) == 0  # the clock is stopped
    assert dashboard.counts(D(2026, 12, 1, 9, 0), reader=PROGRAM)["on_hold"] == 1
    holds.end(office["clerk"], "complaint", c.id, at=D(2026, 11, 30, 10, 0))
    # Fri 15:00-24:00 (9 h) + Mon 0:00-10:00 (10 h) = 19 h; Mon 15:00 + 19 h = Tue 10:00
    assert complaints.get(c.id).resolve_by == D(2026, 12, 1, 10, 0)
    assert search.count(late, reader=PROGRAM) == 0 and search.count(ComplaintFilter(overdue_only=True, at=D(2026, 12, 1, 11, 0)), reader=PROGRAM) == 1


def test_hold_rules(office):
    c = complaint(office, D(2026, 11, 24, 9, 0))
    with pytest.raises(ValidationError):
        holds.start(office["clerk"], "complaint", c.id, "other", "")  # "other" needs a reason
    with pytest.raises(RuleError):
        holds.end(office["clerk"], "complaint", c.id)
    holds.start(office["clerk"], "complaint", c.id, "no_access", at=D(2026, 11, 24, 10, 0))
    with pytest.raises(RuleError):
        holds.start(office["clerk"], "complaint", c.id, "no_access", at=D(2026, 11, 24, 11, 0))
    with pytest.raises(RuleError):
        holds.end(office["clerk"], "complaint", c.id, at=D(2026, 11, 24, 9, 0))
    wo = workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                        description="换门锁", received_at=D(2026, 11, 24, 9, 0)),
                           at=D(2026, 11, 24, 9, 0))
    holds.start(office["clerk"], "work_order", wo.id, "parts", "锁芯缺货", at=D(2026, 11, 24, 10, 0))
    assert workorders.get(wo.id).on_hold_since == D(2026, 11, 24, 10, 0)
    holds.end(office["clerk"], "work_order", wo.id, at=D(2026, 11, 25, 10, 0))
    assert [h.working_seconds for h in holds.of("work_order", wo.id)] == [24 * 3600]


def test_second_reopen_escalates_to_the_office_head(office):
    c = complaint(office, D(2026, 11, 20, 9, 0))
    clerk = office["clerk"]
    complaints.record_reply(clerk, c.id, D(2026, 11, 20, 10, 0), "phone", at=D(2026, 11, 20, 10, 0))
    complaints.record_handling(clerk, c.id, result="已修")
    for round_ in range(2):
        if round_:  # a reopened case closes on a new handling round (issue 17)
            complaints.record_handling(clerk, c.id, result="再修", customer_opinion="满意")
        complaints.close(clerk, c.id, at=D(2026, 11, 21 + round_, 9, 0))
        complaints.reopen(clerk, c.id, "还在漏")
        assert complaints.get(c.id).escalation == ("none" if round_ == 0 else "head")
    assert complaints.timeline(c.id, reader=accounts.PROGRAM)[-1]["action"] == "escalate"
    assert "自动" in complaints.timeline(c.id, reader=accounts.PROGRAM)[-1]["note"]
    assert dashboard.counts(reader=PROGRAM)["head_escalations"] == 1


def test_linked_repeat_is_flagged_in_the_register_and_the_weekly_figures(office, tmp_path):
    from openpyxl import load_workbook

    from propdesk.reports.excel import export_register
    from propdesk.services.lists import weekly

    first = complaint(office, D(2026, 10, 1, 9, 0), unit="5栋1单元301")  # long before, other unit
    second = complaint(office, D(2026, 11, 17, 9, 0), related_to_id=first.id)
    path = tmp_path / "r.xlsx"
    export_register("complaints", path, dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[3]]
    row = [c.value for c in sheet[4]]
    assert row[header.index("重复投诉（原案）")] == first.number
    repeats = weekly.repeats(dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert [(r["number"], r["earlier_number"]) for r in repeats] == [(second.number, first.number)]
