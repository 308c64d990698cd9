"""No work on a closed or voided complaint; a complaint voided after closing stays on the books
(issue 16): the services refuse with a message naming why, the register and the weekly figures
keep it, marked voided (作废)."""

import pytest
from openpyxl import load_workbook

from propdesk.errors import RuleError
from propdesk.models.tables import ComplaintContact, WorkOrder
from propdesk.reports import excel
from propdesk.services.cases import complaints, lateness, related, workorders
from propdesk.services.lists import registers, weekly
from tests.test_weekly import AT, WEEK, week  # noqa: F401 - the fixture


def test_no_work_order_or_further_call_on_a_closed_complaint(week):  # noqa: F811 - the fixture
    office_clerk = complaints.get(week["a"].id).created_by
    closed = week["a"]
    with pytest.raises(RuleError) as refused:
        workorders.from_complaint(office_clerk, closed.id, "再修一次", None)
    assert closed.number in refused.value.text() and "已办结" in refused.value.text()
    assert "重新处理" in refused.value.text()
    with pytest.raises(RuleError) as refused:
        related.add_contact(office_clerk, closed.id, "张伟", "13800138000", "又来电话")
    assert "重新处理" in refused.value.text()
    assert WorkOrder.select().count() == 0 and ComplaintContact.select().count() == 0
    complaints.reopen(office_clerk, closed.id, "客户仍不满意")  # reopened: work goes on again
    wo = workorders.from_complaint(office_clerk, closed.id, "再修一次", None)
    assert wo.complaint_id == closed.id
    related.add_contact(office_clerk, closed.id, "张伟", "13800138000", "又来电话")
    assert ComplaintContact.select().count() == 1


def test_none_on_a_voided_complaint(week):  # noqa: F811 - the fixture
    clerk = complaints.get(week["v"].id).created_by
    for act in (lambda: workorders.from_complaint(clerk, week["v"].id, "修灯", None),
                lambda: related.add_contact(clerk, week["v"].id, "张伟", "13800138000", "来电")):
        with pytest.raises(RuleError) as refused:
            act()
        assert week["v"].number in refused.value.text() and "作废" in refused.value.text()
        assert "新投诉" in refused.value.text()
    assert WorkOrder.select().count() == 0


def test_voided_after_closing_stays_in_the_register_and_the_figures(week, office, tmp_path):  # noqa: F811
    before = weekly.summary(*WEEK, at=AT)
    complaints.void(office["supervisor"], week["a"].id, "客户撤诉，作废")
    voided = complaints.get(week["a"].id)
    assert voided.status == "voided" and voided.closed_at is not None
    assert lateness.on_record(voided) and not lateness.on_record(complaints.get(week["v"].id))
    after = weekly.summary(*WEEK, at=AT)
    assert after.this.complaints == before.this.complaints == 4
    assert after.this.resolve_on_time == before.this.resolve_on_time
    assert dict(after.by_category) == dict(before.by_category)
    rows = list(registers.iter_complaints(*WEEK))
    assert registers.count_complaints(*WEEK) == len(rows) == 4
    assert week["a"].number in [r["number"] for r in rows]
    assert week["v"].number not in [r["number"] for r in rows]  # voided while open: a mistake
    path = tmp_path / "register.xlsx"
    excel.export_register("complaints", path, *WEEK)
    lines = {r[0]: r for r in load_workbook(path).active.iter_rows(values_only=True) if r[0]}
    assert "已作废" in lines[week["a"].number]
    assert week["v"].number not in lines
    from propdesk.models.tables import Complaint  # the rule's two forms agree
    assert ({c.id for c in Complaint.select() if lateness.on_record(c)}
            == {c.id for c in Complaint.select().where(lateness.on_record_sql())})
