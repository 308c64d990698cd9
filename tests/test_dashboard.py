"""The dashboard counts and the lists behind them."""
import datetime as dt

from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.lists import dashboard
from propdesk.services.lists import search
from propdesk.services.cases import workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core.accounts import PROGRAM

AT = dt.datetime(2026, 11, 24, 10, 0)  # Tuesday


def make(office, received, severity="minor", group=False):
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=received, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
        description="噪音扰民", severity=severity, is_group=group,
        category_id=Category.get(Category.name == "邻里纠纷").id), at=received)


def test_counts_match_the_lists_behind_them(office):
    late = make(office, dt.datetime(2026, 11, 24, 7, 0))  # reply due 9:00: overdue
    today = make(office, dt.datetime(2026, 11, 24, 9, 30))  # reply due 11:30 today
    major = make(office, dt.datetime(2026, 11, 23, 9, 0), severity="major", group=True)
    complaints.record_reply(office["clerk"], major.id, dt.datetime(2026, 11, 23, 10, 0), "phone", at=AT)
    complaints.escalate(office["clerk"], major.id, "supervisor", "业主要求见主管")
    wo = workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime(2026, 11, 24, 7, 0), phone="13800138000", contact_name="张伟",
        description="门锁坏"), at=AT)
    c = dashboard.counts(AT, reader=PROGRAM)
    assert c["reply_overdue"] == 1 and c["reply_today"] == 1
    assert c["escalated"] == 1 and c["head_pending"] == 1
    assert c["resolve_today"] == 0 and c["resolve_overdue"] == 0
    assert c["wo_late"] == 1 and c["wo_new"] == 1 and c["callbacks_overdue"] == 0
    for name, expected in (("reply_overdue", [late.number]), ("reply_today", [today.number]),
                           ("escalated", [major.number]), ("head_pending", [major.number])):
        f = ComplaintFilter(due=name, at=AT)
        assert [r["number"] for r in search.page(f, reader=PROGRAM)] == expected
        assert search.count(f, reader=PROGRAM) == c[name]
    assert wo.status == "new"
