"""Callback rules without a window, with dates worked out by hand from the 2026 calendar:
Labour Day 1-5 May off, Saturday 9 May worked; Mid-Autumn 25-27 September off."""
import datetime as dt

import pytest

from propdesk.errors import RuleError, ValidationError
from propdesk.models.tables import Callback, Category
from propdesk.services.core import accounts
from propdesk.services.cases import callback_results
from propdesk.services.lists import callback_stats
from propdesk.services.cases import callbacks
from propdesk.services.cases import complaints
from propdesk.services.cases import workorders
from propdesk.services.cases.callback_results import CallbackInput
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import Completion, RepairInput

D = dt.datetime


def closed_complaint(office, closed_at: dt.datetime, category="工程维修/设施设备"):
    clerk = office["clerk"]
    received = closed_at - dt.timedelta(hours=3)
    c = complaints.create(clerk, ComplaintInput(
        received_at=received, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
        description="楼上漏水", category_id=Category.get(Category.name == category).id,
        severity="minor"), at=received)
    complaints.record_reply(clerk, c.id, received, "phone", at=received)
    complaints.record_handling(clerk, c.id, result="已修复")
    complaints.close(clerk, c.id, at=closed_at)
    return complaints.get(c.id)


def checked_repair(office, checked_at: dt.datetime):
    received = checked_at - dt.timedelta(hours=5)
    wo = workorders.create(office["clerk"], RepairInput(
        received_at=received, phone="13800138000", contact_name="张伟", unit="3栋2单元1201",
        description="灯不亮"), at=received)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=received)
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=received, finished_at=received + dt.timedelta(hours=1), result="换灯管",
        slip_returned=True), at=received + dt.timedelta(hours=2))
    return workorders.check(office["supervisor"], wo.id, at=checked_at)


@pytest.mark.parametrize("closed_at, due", [
    (D(2026, 4, 30, 16, 0), dt.date(2026, 5, 8)),   # Thursday before Labour Day: 6, 7, 8 May
    (D(2026, 9, 24, 10, 0), dt.date(2026, 9, 30)),  # Thursday before Mid-Autumn: 28, 29, 30 Sep
    (D(2026, 11, 26, 9, 0), dt.date(2026, 12, 1)),  # an ordinary Thursday: Fri, Mon, Tue
])
def test_closing_schedules_a_callback_by_hand(office, closed_at, due):
    c = closed_complaint(office, closed_at)
    cb = Callback.get(Callback.complaint == c.id)
    assert (cb.due_date, cb.promised_by) == (due, due)
    assert cb.assigned_to_id == office["clerk"].id and cb.status == "due"
    assert cb.number == f"HF-{closed_at:%Y%m%d}-001"


def test_checked_repair_gets_a_callback_but_a_complaint_follow_up_does_not(office):
    wo = checked_repair(office, D(2026, 11, 24, 17, 0))
    assert Callback.get(Callback.work_order == wo.id).due_date == dt.date(2026, 11, 27)
    c = closed_complaint(office, D(2026, 11, 24, 12, 0))
    complaints.reopen(office["clerk"], c.id, "复查")  # work goes on an open complaint only (issue 16)
    follow = workorders.from_complaint(office["clerk"], c.id, "复查", None, at=D(2026, 11, 24, 12, 0))
    workorders.assign(office["clerk"], follow.id, office["technician"].id, at=D(2026, 11, 24, 12, 0))
    workorders.complete(office["technician"], follow.id, Completion(
        arrived_at=D(2026, 11, 24, 13, 0), finished_at=D(2026, 11, 24, 14, 0), result="正常",
        slip_returned=True), at=D(2026, 11, 24, 15, 0))
    workorders.check(office["supervisor"], follow.id, at=D(2026, 11, 24, 16, 0))
    assert Callback.select().where(Callback.work_order == follow.id).count() == 0


def test_three_unanswered_attempts_then_a_visit(office):
    c = closed_complaint(office, D(2026, 11, 24, 9, 0))  # due Fri 27 Nov
    cb = Callback.get(Callback.complaint == c.id)
    clerk = office["clerk"]
    out = callback_results.record(clerk, cb.id, CallbackInput(reached=False, at=D(2026, 11, 27, 10, 0)))
    assert not out.done and out.callback.attempts == 1 and not out.visit_suggested
    assert out.callback.due_date == dt.date(2026, 11, 30)  # retried the next working day (Monday)
    out = callback_results.record(clerk, cb.id, CallbackInput(reached=False, at=D(2026, 11, 30, 10, 0)))
    assert out.callback.due_date == dt.date(2026, 12, 1) and not out.visit_suggested
    out = callback_results.record(clerk, cb.id, CallbackInput(reached=False, at=D(2026, 12, 1, 10, 0)))
    assert out.visit_suggested and out.callback.attempts == 3
    out = callback_results.record(clerk, cb.id, CallbackInput(
        method="visit", satisfaction="satisfied", owner_words="修得很好", at=D(2026, 12, 1, 16, 0)))
    assert out.done and out.callback.satisfaction == "satisfied" and out.callback.attempts == 4
    steps = [e["action"] for e in callbacks.timeline(cb.id, reader=accounts.PROGRAM)]
    assert steps == ["create", "no_answer", "no_answer", "no_answer", "done"]
    assert "修得很好" in complaints.timeline(c.id, reader=accounts.PROGRAM)[-1]["note"]
    with pytest.raises(RuleError):
        callback_results.record(clerk, cb.id, CallbackInput(satisfaction="satisfied"))


def test_reached_needs_satisfaction(office):
    c = closed_complaint(office, D(2026, 11, 24, 9, 0))
    cb = Callback.get(Callback.complaint == c.id)
    with pytest.raises(ValidationError) as err:
        callback_results.record(office["clerk"], cb.id, CallbackInput(at=D(2026, 11, 24, 10, 0)))
    assert "满意度" in err.value.text()


def test_dissatisfied_reopens_escalates_and_schedules_again(office):
    c = closed_complaint(office, D(2026, 11, 24, 9, 0))
    cb = Callback.get(Callback.complaint == c.id)
    out = callback_results.record(office["clerk"], cb.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="还在漏", at=D(2026, 11, 25, 10, 0)))
    c = complaints.get(c.id)
    assert c.status == "reopened" and c.reopen_count == 1 and c.escalation == "supervisor"
    assert out.follow_up is not None and out.follow_up.id != cb.id
    assert out.follow_up.due_date == dt.date(2026, 11, 30)  # 3 working days after 25 Nov
    steps = [e["action"] for e in complaints.timeline(c.id, reader=accounts.PROGRAM)]
    assert steps[-3:] == ["callback", "reopen", "escalate"]
    # closing the case again (after a new handling round: issue 17) keeps the one open callback
    complaints.record_handling(office["clerk"], c.id, result="重新修补防水层", customer_opinion="满意")
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 26, 10, 0))
    assert Callback.select().where((Callback.complaint == c.id) & (Callback.status == "due")).count() == 1
    assert Callback.get((Callback.complaint == c.id) & (Callback.status == "due")).due_date == dt.date(2026, 12, 1)


def test_dissatisfied_repair_is_reworked(office):
    wo = checked_repair(office, D(2026, 11, 24, 17, 0))
    cb = Callback.get(Callback.work_order == wo.id)
    out = callback_results.record(office["clerk"], cb.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="灯又不亮了", at=D(2026, 11, 25, 9, 0)))
    wo = workorders.get(wo.id)
    assert wo.status == "rework" and wo.rework_round == 1
    assert out.follow_up.work_order_id == wo.id and out.follow_up.status == "due"
    assert "notify_supervisor" in [e["action"] for e in workorders.timeline(wo.id, reader=accounts.PROGRAM)]


def test_move_and_take_over(office):
    c = closed_complaint(office, D(2026, 11, 24, 9, 0))
    cb = Callback.get(Callback.complaint == c.id)
    with pytest.raises(ValidationError):
        callbacks.move(office["clerk"], cb.id, dt.date(2026, 11, 20), "", today=dt.date(2026, 11, 24))
    moved = callbacks.move(office["clerk"], cb.id, dt.date(2026, 12, 2), "业主出差，周三回来",
                           today=dt.date(2026, 11, 24))
    assert moved.due_date == dt.date(2026, 12, 2) and moved.promised_by == dt.date(2026, 11, 27)
    taken = callbacks.take_over(office["supervisor"], cb.id)
    assert taken.assigned_to_id == office["supervisor"].id
    with pytest.raises(RuleError):
        callbacks.take_over(office["clerk"], cb.id, office["technician"])
    assert [e["action"] for e in callbacks.timeline(cb.id, reader=accounts.PROGRAM)] == ["create", "move", "assign"]


def test_figures_by_hand(office):
    # three complaints closed on Tue 24 Nov (promised by Fri 27 Nov), one repair checked
    cases = [closed_complaint(office, D(2026, 11, 24, 9, 0)) for _ in range(3)]
    cases.append(closed_complaint(office, D(2026, 11, 24, 9, 0), category="环境卫生"))
    checked_repair(office, D(2026, 11, 24, 17, 0))
    cbs = {cb.complaint_id or -1: cb for cb in Callback.select()}
    rec = callback_results.record
    rec(office["clerk"], cbs[cases[0].id].id, CallbackInput(satisfaction="satisfied", at=D(2026, 11, 25, 9, 0)))
    rec(office["clerk"], cbs[cases[1].id].id, CallbackInput(satisfaction="fairly", at=D(2026, 11, 27, 9, 0)))
    rec(office["supervisor"], cbs[cases[3].id].id, CallbackInput(satisfaction="dissatisfied", at=D(2026, 11, 30, 9, 0)))
    rec(office["clerk"], cbs[-1].id, CallbackInput(satisfaction="satisfied", at=D(2026, 11, 26, 9, 0)))
    # cases[2] is not called back
    week = (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    [total] = callback_stats.figures(*week)
    assert (total.due, total.done, total.on_time) == (5, 4, 3)
    assert total.callback_rate == pytest.approx(3 / 5)
    assert total.satisfaction_rate == pytest.approx(3 / 4)
    by_category = {f.key: (f.due, f.on_time, f.dissatisfied) for f in callback_stats.figures(*week, by="category")}
    assert by_category == {"工程维修/设施设备": (3, 2, 0), "环境卫生": (1, 0, 1), "报修": (1, 1, 0)}
    by_clerk = {f.key: f.done for f in callback_stats.figures(*week, by="clerk")}
    assert by_clerk == {"王芳": 3, "李强": 1}
    by_dept = {f.key: f.due for f in callback_stats.figures(*week, by="department")}
    assert by_dept == {"工程部": 4, "环境部": 1}
    assert callback_stats.figures(dt.date(2026, 12, 1), dt.date(2026, 12, 7)) != []  # the follow-up


def test_week_view_and_overdue_count(office):
    closed_complaint(office, D(2026, 11, 24, 9, 0))  # due Fri 27 Nov
    closed_complaint(office, D(2026, 11, 25, 9, 0))  # 26, 27, 30: due Mon 30 Nov
    counts = callbacks.week_counts(dt.date(2026, 11, 23), reader=accounts.PROGRAM)
    assert len(counts) == 7 and counts[dt.date(2026, 11, 27)] == 1 and sum(counts.values()) == 1
    assert callbacks.week_counts(dt.date(2026, 11, 30), reader=accounts.PROGRAM)[dt.date(2026, 11, 30)] == 1
    assert callbacks.overdue_count(dt.date(2026, 12, 1), reader=accounts.PROGRAM) == 2
    assert callbacks.overdue_count(dt.date(2026, 11, 27), reader=accounts.PROGRAM) == 0


def test_the_follow_up_is_promised_from_the_second_closing(office):
    """Found in review: the new window after a reopen must count for the on-time figure."""
    c = closed_complaint(office, D(2026, 11, 2, 9, 0))
    cb = Callback.get(Callback.complaint == c.id)
    out = callback_results.record(office["clerk"], cb.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="还在漏", at=D(2026, 11, 4, 10, 0)))
    complaints.record_handling(office["clerk"], c.id, result="重做防水", customer_opinion="满意")
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 10, 10, 0))  # handled again
    follow = Callback.get_by_id(out.follow_up.id)
    assert (follow.due_date, follow.promised_by) == (dt.date(2026, 11, 13), dt.date(2026, 11, 13))
    callback_results.record(office["clerk"], follow.id, CallbackInput(satisfaction="satisfied",
                                                                      at=D(2026, 11, 11, 9, 0)))
    [total] = callback_stats.figures(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (total.due, total.on_time) == (2, 2)


def test_a_reopened_case_closes_only_on_a_new_handling_round(office):
    """After a 不满意 callback the last round's 满意 and signature do not carry over: closing
    needs a new round with the customer's opinion; the earlier round is kept and printed."""
    from propdesk.reports.pdf.complaint_forms import form_data

    c = closed_complaint(office, D(2026, 11, 24, 9, 0))
    cb = Callback.get(Callback.complaint == c.id)
    callback_results.record(office["clerk"], cb.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="还在漏", at=D(2026, 11, 25, 10, 0)))
    c = complaints.get(c.id)
    assert (c.result, c.customer_opinion, c.signature_received) == ("", "", False)
    with pytest.raises(RuleError) as err:
        complaints.close(office["clerk"], c.id, at=D(2026, 11, 26, 10, 0))
    assert "重新" in err.value.text() or "新的" in err.value.text() or c.number in err.value.text()
    complaints.record_handling(office["clerk"], c.id, result="更换防水层")  # no opinion yet
    with pytest.raises(RuleError):
        complaints.close(office["clerk"], c.id, at=D(2026, 11, 26, 10, 0))
    complaints.record_handling(office["clerk"], c.id, result="更换防水层", customer_opinion="基本满意",
                               signature_received=True)
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 26, 11, 0))
    rounds = complaints.handling_rounds(c.id, reader=accounts.PROGRAM)
    assert [(r["round"], r["result"], r["reason"]) for r in rounds] == [(1, "已修复", rounds[0]["reason"])]
    assert "还在漏" in rounds[0]["reason"] or rounds[0]["reason"]
    data = form_data(c.id)
    assert data["result"] == "更换防水层" and data["customer_opinion"] == "基本满意"
    assert "已修复" in data["history"] and "1" in data["history"]


def test_the_running_week_counts_only_callbacks_owed_so_far(office):
    """QA: the dashboard's 本周至今 showed '3 个工作日内回访 61%' on a Tuesday: callbacks promised for
    later in the running week (not late yet) were counted as not made on time."""
    from propdesk.services.lists import weekly
    owed = closed_complaint(office, D(2026, 11, 23, 9, 0))  # promised by Thu 26 Nov
    later = closed_complaint(office, D(2026, 11, 24, 9, 0))  # promised by Fri 27 Nov
    early = closed_complaint(office, D(2026, 11, 24, 10, 0))  # promised by Fri 27 Nov, made early
    cbs = {cb.complaint_id: cb for cb in Callback.select()}
    assert cbs[later.id].promised_by == dt.date(2026, 11, 27)
    rec = callback_results.record
    rec(office["clerk"], cbs[owed.id].id, CallbackInput(satisfaction="satisfied", at=D(2026, 11, 25, 9, 0)))
    rec(office["clerk"], cbs[early.id].id, CallbackInput(satisfaction="fairly", at=D(2026, 11, 26, 9, 0)))
    # Thursday evening: the one promised for Friday is not owed yet
    [week] = weekly.trend(dt.date(2026, 11, 23), dt.date(2026, 11, 29), weeks=1, at=D(2026, 11, 26, 18, 0))
    assert week.callback_rate == pytest.approx(1.0)
    assert week.satisfaction_rate == pytest.approx(1.0)
    # once the week is over, it counts: 2 of 3 on time
    [week] = weekly.trend(dt.date(2026, 11, 23), dt.date(2026, 11, 29), weeks=1, at=D(2026, 11, 30, 9, 0))
    assert week.callback_rate == pytest.approx(2 / 3)


def test_a_reworks_callback_falls_due_after_the_redo(office):
    """Issue 17: the callback made after a rework fell due 3 working days after the 不满意 call,
    before the redo had even been arranged; re-assigning proposed the first visit's time."""
    wo = checked_repair(office, D(2026, 11, 24, 17, 0))
    cb = Callback.get(Callback.work_order == wo.id)
    out = callback_results.record(office["clerk"], cb.id, CallbackInput(
        satisfaction="dissatisfied", owner_words="灯又不亮了", at=D(2026, 11, 25, 9, 0)))
    wo = workorders.get(wo.id)
    first_visit = wo.scheduled_at
    # the redo needs a new appointment: the next full hour, not the first visit's time
    proposed = workorders.proposed_time(wo, D(2026, 11, 25, 9, 20))
    assert proposed == D(2026, 11, 25, 10, 0) and proposed != first_visit
    # the owner can only be there on Monday afternoon
    redo_at = D(2026, 11, 30, 14, 0)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, redo_at, at=D(2026, 11, 25, 9, 30))
    follow_up = Callback.get_by_id(out.follow_up.id)
    assert follow_up.due_date == dt.date(2026, 12, 3)  # Tue, Wed, Thu after the Monday redo
    assert follow_up.due_date > redo_at.date()
    # the redo is done later than agreed (Friday): the callback follows it
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=D(2026, 12, 4, 9, 0), finished_at=D(2026, 12, 4, 11, 0), result="换整套灯具",
        slip_returned=True), at=D(2026, 12, 4, 11, 30))
    follow_up = Callback.get_by_id(out.follow_up.id)
    assert follow_up.due_date == dt.date(2026, 12, 9) and follow_up.promised_by == dt.date(2026, 12, 9)
    workorders.check(office["supervisor"], wo.id, at=D(2026, 12, 4, 16, 0))
    open_ones = list(Callback.select().where((Callback.work_order == wo.id) & (Callback.status == "due")))
    assert [c.id for c in open_ones] == [out.follow_up.id] and open_ones[0].due_date == dt.date(2026, 12, 9)
    assert "move" in [e["action"] for e in callbacks.timeline(out.follow_up.id, reader=accounts.PROGRAM)]


def test_assigning_a_rework_without_a_time_takes_the_next_hour(office):
    wo = checked_repair(office, D(2026, 11, 24, 17, 0))
    workorders.rework(office["supervisor"], wo.id, "业主说灯还闪", at=D(2026, 11, 25, 9, 0))
    wo = workorders.assign(office["clerk"], wo.id, office["technician"].id, at=D(2026, 11, 25, 9, 5))
    assert wo.scheduled_at == D(2026, 11, 25, 10, 0)
