"""The repair notice PDF read back: every part, the Chinese text extractable, the font embedded."""
import datetime as dt

from pypdf import PdfReader

from pdf_fonts import assert_all_embedded
from propdesk.reports.pdf.repair_notice import repair_notice_pdf, todays_notices
from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import RepairInput

NOW = dt.datetime(2026, 11, 24, 10, 0)


def order(office, **kw):
    values = dict(received_at=dt.datetime(2026, 11, 24, 9, 0), phone="13800138000", contact_name="张伟",
                  unit="3栋2单元1201", location="厨房", description="水槽下水管漏水", urgency="urgent",
                  window_start=dt.datetime(2026, 11, 24, 14, 0), window_end=dt.datetime(2026, 11, 24, 16, 0))
    values.update(kw)
    wo = workorders.create(office["clerk"], RepairInput(**values), at=NOW)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, dt.datetime(2026, 11, 24, 14, 0), at=NOW)
    return wo


def test_notice_has_stub_notice_and_return_slip(office, tmp_path):
    wo = order(office)
    paid = order(office, paid=True, description="更换卫生间角阀")
    path = tmp_path / "notice.pdf"
    assert repair_notice_pdf([wo.id, paid.id], path) == 2
    pages = [p.extract_text() for p in PdfReader(path).pages]
    assert len(pages) == 2
    first = pages[0]
    for text in ("维修通知单", "存根联", "派工联", "回执联", wo.number, "3栋2单元1201", "张伟",
                 "13800138000", "水槽下水管漏水", "急修", "2026-11-24 14:00 – 16:00", "陈师傅",
                 "工程部", "王芳", "到场时间", "完成时间", "用料", "无偿服务", "满意", "基本满意",
                 "客户签字", "主管核查", "沿此线剪开", "第 1 / 2 页"):
        assert text in first, text
    assert "有偿服务" in pages[1] and paid.number in pages[1]
    assert_all_embedded(path)  # every font embedded (pypdf: no poppler needed)


def test_todays_notices_for_batch_printing(office):
    today = order(office)
    later = order(office, window_start=None, window_end=None)
    workorders.assign(office["clerk"], later.id, office["technician"].id, dt.datetime(2026, 11, 25, 9, 0), at=NOW)
    assert todays_notices(dt.date(2026, 11, 24)) == [today.id, later.id]  # both handed over today
    assert todays_notices(dt.date(2026, 11, 25)) == [later.id]


def notice_text(path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


def test_a_rework_notice_prints_the_redos_time_not_the_first_visits(office, tmp_path):
    """The first visit was agreed for 11-24 14:00 – 16:00; the owner was not satisfied and the
    redo is agreed for 11-26 09:30 – 11:00. The rework notice the technician takes must say the
    redo's time: before, it printed the first visit's window as if it were the new one."""
    from propdesk.services.cases.workorders import Completion

    wo = order(office)
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=dt.datetime(2026, 11, 24, 14, 10), finished_at=dt.datetime(2026, 11, 24, 15, 0),
        result="更换下水管", slip_returned=True), at=dt.datetime(2026, 11, 24, 15, 30))
    workorders.rework(office["clerk"], wo.id, "仍然渗水", at=dt.datetime(2026, 11, 25, 9, 0))
    first = "2026-11-24 14:00"
    before = tmp_path / "before.pdf"
    repair_notice_pdf([wo.id], before)
    text = notice_text(before)
    assert "返工" in text and "仍然渗水" in text
    assert first not in text  # not yet agreed: no time at all rather than the old one
    assert "2026-11-24 10:00" not in text and "2026-11-25 09:00" in text  # issued: the rework, not the first hand-over
    workorders.assign(office["clerk"], wo.id, office["technician"].id,
                      window=(dt.datetime(2026, 11, 26, 9, 30), dt.datetime(2026, 11, 26, 11, 0)),
                      at=dt.datetime(2026, 11, 25, 9, 20))
    after = tmp_path / "after.pdf"
    repair_notice_pdf([wo.id], after)
    text = notice_text(after)
    assert "返工" in text and "2026-11-26 09:30 – 11:00" in text
    assert first not in text and "14:00 – 16:00" not in text
    # the stub's 派工时间 is the redo's hand-over (09:20), not the first one (11-24 10:00)
    assert "2026-11-25 09:20" in text and "2026-11-24 10:00" not in text


def test_a_redo_handed_over_today_is_in_todays_batch(office):
    """Today's batch selected by the first hand-over (dispatched_at): a redo handed over again
    today, first handed over days before, was left out of it. The rule is the current round's
    hand-over (workorders.round_issued_on), the same the notice's stub prints."""
    from propdesk.models.tables import WorkOrder
    from propdesk.services.cases.workorders import Completion

    wo = order(office)  # handed over 11-24 10:00 for 14:00
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=dt.datetime(2026, 11, 24, 14, 10), finished_at=dt.datetime(2026, 11, 24, 15, 0),
        result="更换下水管", slip_returned=True), at=dt.datetime(2026, 11, 24, 15, 30))
    workorders.rework(office["clerk"], wo.id, "仍然渗水", at=dt.datetime(2026, 11, 26, 16, 0))
    workorders.assign(office["clerk"], wo.id, office["technician"].id,
                      window=(dt.datetime(2026, 11, 29, 9, 30), dt.datetime(2026, 11, 29, 11, 0)),
                      at=dt.datetime(2026, 11, 27, 9, 20))
    other = order(office, received_at=dt.datetime(2026, 11, 24, 9, 0))  # first round, 11-24
    assert todays_notices(dt.date(2026, 11, 27)) == [wo.id]  # the redo's hand-over day
    assert todays_notices(dt.date(2026, 11, 29)) == [wo.id]  # the redo's visit
    assert todays_notices(dt.date(2026, 11, 24)) == [other.id]  # its first round is over
    assert todays_notices(dt.date(2026, 11, 26)) == []  # asked for, handed over the day after
    # one rule: the stub's 派工时间 and the SQL agree, read in one query for every order
    issued = dict(WorkOrder.select(WorkOrder.id, workorders.round_issued_sql()).tuples())
    assert {k: WorkOrder.dispatched_at.python_value(v) for k, v in issued.items()} == {
        wo.id: dt.datetime(2026, 11, 27, 9, 20), other.id: NOW}
    assert workorders.round_issued_at(workorders.get(wo.id)) == dt.datetime(2026, 11, 27, 9, 20)
    # handed over once more the same round (another technician): still the redo's first hand-over
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=dt.datetime(2026, 11, 28, 8, 0))
    assert todays_notices(dt.date(2026, 11, 27)) == [wo.id] and todays_notices(dt.date(2026, 11, 28)) == []


def test_the_issuer_is_whoever_handed_the_current_round_over(office, tmp_path):
    """派工人 printed the order's creator on every notice: a redo that the supervisor asked for
    and handed over again still named the clerk who took the first call. It names whoever made
    the current round's hand-over (the same entries that date its 派工时间)."""
    from propdesk.services.cases.workorders import Completion

    clerk, boss = office["clerk"], office["supervisor"]
    wo = workorders.create(clerk, RepairInput(
        received_at=dt.datetime(2026, 11, 24, 9, 0), phone="13800138000", contact_name="张伟",
        unit="3栋2单元1201", description="水槽下水管漏水"), at=NOW)
    assert workorders.round_issuer(workorders.get(wo.id)).name == "王芳"  # not yet handed over: its creator
    workorders.assign(boss, wo.id, office["technician"].id, dt.datetime(2026, 11, 24, 14, 0), at=NOW)
    first = tmp_path / "first.pdf"
    repair_notice_pdf([wo.id], first)
    assert "派工人李强" in notice_text(first).replace(" ", "")  # the supervisor handed it over
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=dt.datetime(2026, 11, 24, 14, 10), finished_at=dt.datetime(2026, 11, 24, 15, 0),
        result="更换下水管", slip_returned=True), at=dt.datetime(2026, 11, 24, 15, 30))
    workorders.rework(clerk, wo.id, "仍然渗水", at=dt.datetime(2026, 11, 25, 9, 0))
    assert workorders.round_issuer(workorders.get(wo.id)).name == "王芳"  # asked for, not yet handed over
    workorders.assign(boss, wo.id, office["technician"].id, at=dt.datetime(2026, 11, 25, 9, 20))
    workorders.assign(clerk, wo.id, office["technician"].id, at=dt.datetime(2026, 11, 25, 9, 40))
    redo = tmp_path / "redo.pdf"
    repair_notice_pdf([wo.id], redo)
    text = notice_text(redo).replace(" ", "")
    assert "派工人李强" in text and "派工人王芳" not in text  # the redo's first hand-over, like its time
