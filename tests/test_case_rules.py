"""Rules found missing in review: closing and voiding with holds, callbacks, work orders and the
head's notice; late hand-overs never dispatched; bad ids and impossible times."""
import datetime as dt

import pytest

from propdesk.errors import NotFound, RuleError, ValidationError
from propdesk.models.tables import Callback, Category
from propdesk.services.cases import complaints
from propdesk.services.lists import dashboard
from propdesk.services.cases import holds
from propdesk.services.cases import incidents
from propdesk.services.lists import weekly
from propdesk.services.cases import workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core.accounts import PROGRAM

D = dt.datetime


def handled(office, received=D(2026, 11, 24, 9, 0), **kw):
    values = dict(received_at=received, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
                  description="楼上漏水", severity="important",
                  category_id=Category.get(Category.name == "工程维修/设施设备").id)
    values.update(kw)
    c = complaints.create(office["clerk"], ComplaintInput(**values), at=received)
    complaints.record_reply(office["clerk"], c.id, received + dt.timedelta(hours=1), "phone",
                            at=received + dt.timedelta(hours=1))
    complaints.record_handling(office["clerk"], c.id, result="已修复")
    return c


def test_closing_a_held_case_ends_the_hold_and_moves_the_deadline(office):
    c = handled(office)  # resolve by Thu 26 Nov 9:00
    holds.start(office["clerk"], "complaint", c.id, "parts", at=D(2026, 11, 24, 12, 0))
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 24, 15, 0))
    c = complaints.get(c.id)
    assert c.on_hold_since is None and c.resolve_by == D(2026, 11, 26, 12, 0)  # +3 h on hold
    assert [h.ended_at for h in holds.of("complaint", c.id)] == [D(2026, 11, 24, 15, 0)]
    with pytest.raises(RuleError):
        holds.end(office["clerk"], "complaint", c.id)


def test_voiding_cancels_the_callback_and_ends_a_hold(office):
    c = handled(office)
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 24, 15, 0))
    complaints.void(office["supervisor"], c.id, "重复录入")
    assert Callback.get(Callback.complaint == c.id).status == "cancelled"
    assert dashboard.counts(D(2026, 12, 10, 9, 0), reader=PROGRAM)["callbacks_overdue"] == 0
    held = handled(office)
    holds.start(office["clerk"], "complaint", held.id, "no_access", at=D(2026, 11, 24, 12, 0))
    complaints.void(office["supervisor"], held.id, "录错")
    assert complaints.get(held.id).on_hold_since is None


def test_no_closing_with_unfinished_work_orders_or_before_the_head_is_told(office):
    c = handled(office)
    wo = workorders.from_complaint(office["clerk"], c.id, "换管", None, at=D(2026, 11, 24, 11, 0))
    with pytest.raises(RuleError, match=wo.number):
        complaints.close(office["clerk"], c.id, at=D(2026, 11, 24, 15, 0))
    workorders.cancel(office["clerk"], wo.id, "业主自己修好了")
    complaints.close(office["clerk"], c.id, at=D(2026, 11, 24, 15, 0))
    major = handled(office, severity="major")
    with pytest.raises(RuleError, match="主任"):
        complaints.close(office["clerk"], major.id, at=D(2026, 11, 24, 15, 0))
    complaints.notify_head(office["clerk"], major.id, at=D(2026, 11, 24, 14, 0))
    assert complaints.close(office["clerk"], major.id, at=D(2026, 11, 24, 15, 0)).status == "closed"


def test_a_repair_never_handed_over_counts_as_late(office):
    workorders.create(office["clerk"], RepairInput(received_at=D(2026, 11, 17, 9, 0), phone="13800138000",
                                                   contact_name="张伟", description="灯坏"), at=D(2026, 11, 17, 9, 0))
    assert weekly.work_order_figures(dt.date(2026, 11, 16), dt.date(2026, 11, 22))["late_dispatch"] == 1


def test_bad_ids_and_impossible_times_are_told(office):
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=D(2026, 11, 24, 9, 0), phone="13800138000", complainant="张伟", description="漏水",
        severity="minor", category_id=Category.get(Category.name == "其他").id), at=D(2026, 11, 24, 9, 0))
    with pytest.raises(ValidationError, match="受理时间"):
        complaints.record_reply(office["clerk"], c.id, D(2026, 11, 24, 8, 0), "phone", at=D(2026, 11, 24, 10, 0))
    with pytest.raises(ValidationError):
        complaints.record_handling(office["clerk"], c.id, result="x", department_id=999)
    with pytest.raises(NotFound):
        workorders.from_complaint(office["clerk"], 999, "x", None)
    with pytest.raises(NotFound):
        incidents.attach(office["clerk"], 999, "张伟", "13800138000")
    with pytest.raises(NotFound):
        holds.start(office["clerk"], "complaint", 999, "parts")
