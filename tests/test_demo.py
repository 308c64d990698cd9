"""The demo office: what a user exploring PropDesk finds in it, and that it is reproducible."""
import datetime as dt
import re
import shutil
import sqlite3

import pytest

from propdesk import cli
from propdesk.errors import RuleError
from propdesk.models import database, init_db
from propdesk.models.enums import (
    CallbackStatus, ComplaintStatus, Escalation, Severity, WorkOrderKind,
)
from propdesk.models.tables import (
    AuditEntry, Callback, Category, Complaint, Owner, OwnerPhone, Sequence, Staff, Unit, WorkOrder,
)
from propdesk.services.core import accounts
from propdesk.services.core import calendar
from propdesk.services.cases import complaints
from propdesk.services.cases import lateness
from propdesk.demo import office as demo
from propdesk.services.register import owners
from propdesk.services.lists import search
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import passwords
from propdesk.services.core.validation import Checker
from propdesk.services.core.accounts import PROGRAM

TODAY = dt.date(2026, 11, 20)  # a fixed past day, so the office does not depend on the clock
AS_OF = dt.datetime(2026, 11, 20, 17, 30)
N = 120


@pytest.fixture(scope="module")
def built_office(tmp_path_factory):
    """The demo office is built once per module; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "office.db"
    calls = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "SCRYPT_N", 2**4)
        init_db(str(path))
        calendar.invalidate_cache()
        summary = demo.create_demo_office(n_complaints=N, seed=7, today=TODAY,
                                          progress=lambda done, total: calls.append((done, total)))
        database.close()  # the last connection checkpoints the WAL into the file
    return path, summary, calls


@pytest.fixture
def office(built_office, tmp_path):
    path, summary, calls = built_office
    copy = tmp_path / "office.db"
    shutil.copy(path, copy)
    init_db(str(copy))
    calendar.invalidate_cache()
    yield {"summary": summary, "progress": calls}
    database.close()


def test_every_status_category_and_class_is_there(office):
    statuses = {c.status for c in Complaint.select(Complaint.status)}
    assert statuses == {s.value for s in ComplaintStatus}
    used = {c.category_id for c in Complaint.select(Complaint.category)}
    assert used == {c.id for c in Category.select()}
    assert {c.severity for c in Complaint.select()} == {s.value for s in Severity}
    assert Complaint.select().count() == N
    assert Complaint.select().where(Complaint.is_group).exists()
    invalid = Complaint.select().where(Complaint.valid == False)  # noqa: E712 - peewee: `== True` builds SQL
    assert 0.03 * N <= invalid.count() <= 0.15 * N
    assert all(c.invalid_reason for c in invalid)
    assert all(c.void_reason for c in Complaint.select().where(Complaint.status == "voided"))
    assert Complaint.select().where(Complaint.escalation != Escalation.NONE.value).exists()


def test_case_histories_are_consistent(office):
    for c in Complaint.select():
        assert AS_OF - dt.timedelta(weeks=8) <= c.received_at <= AS_OF
        assert (c.reply_by, c.resolve_by) == demo_deadlines(c)
        if c.status == "closed":
            assert c.replied_at or not c.notice_required
            assert c.closed_at >= c.received_at
            assert c.result or not c.valid
        if c.status == "reopened":
            assert c.reopen_count == 1 and c.closed_at is None
    # old cases are mostly closed; some open cases are overdue
    old = Complaint.select().where(Complaint.received_at < AS_OF - dt.timedelta(days=14))
    closed_old = sum(c.status in ("closed", "voided") for c in old)
    assert closed_old / old.count() > 0.8
    assert any(lateness.complaint_overdue(c, AS_OF) for c in Complaint.select())
    majors = Complaint.select().where((Complaint.severity == "major") | Complaint.is_group)
    assert sum(bool(c.head_notified_at) for c in majors) >= majors.count() / 3
    # the timeline of a closed case shows its steps, by a clerk
    closed = Complaint.select().where(Complaint.status == "closed").first()
    actions = [e["action"] for e in complaints.timeline(closed.id, reader=accounts.PROGRAM)]
    assert actions[0] == "create" and "reply" in actions and "close" in actions
    assert set(actions[actions.index("close") + 1:]) <= {"callback"}
    assert complaints.timeline(closed.id, reader=accounts.PROGRAM)[0]["note"].startswith(closed.number)
    assert AuditEntry.select().where(AuditEntry.at > AS_OF).count() == 0


def demo_deadlines(c):
    from propdesk.services.cases import sla

    return sla.deadlines(c.received_at, c.severity, c.valid)


def test_register_units_owners_and_phones(office):
    units = list(Unit.select())
    assert 1800 <= len(units) <= 2200
    for u in units:
        assert owners.find_unit(u.label).id == u.id
    assert Unit.select().where(Unit.label == "3栋2单元1201").exists()
    vacant = Unit.select().where(Unit.id.not_in(Owner.select(Owner.unit))).count()
    assert 0 < vacant < len(units) * 0.2
    assert {o.role for o in Owner.select()} == {"owner", "family", "tenant"}
    assert all(o.initials == owners.initials(o.name) for o in Owner.select().limit(300))
    phones = list(OwnerPhone.select())
    assert len({p.digits for p in phones}) == len(phones)
    checker = Checker()
    for p in phones:
        assert checker.phone("phone", p.phone) == (p.phone, p.digits)
    assert not checker.errors
    assert any(p.phone.startswith("0755-") for p in phones)


def test_numbers_unique_and_counters_continue(office):
    pattern = {"TS": Complaint, "PG": WorkOrder, "HF": Callback}
    for prefix, model in pattern.items():
        numbers = [r.number for r in model.select(model.number)]
        assert numbers and len(set(numbers)) == len(numbers)
        assert all(re.fullmatch(rf"{prefix}-\d{{8}}-\d{{3}}", n) for n in numbers)
        for n in numbers:
            _, day, seq = n.split("-")
            assert Sequence.get(prefix=prefix, day=day).last >= int(seq)
    # a complaint taken afterwards on a busy demo day gets the next number
    busiest = max(Sequence.select().where(Sequence.prefix == "TS"), key=lambda s: s.last)
    day = dt.datetime.strptime(busiest.day, "%Y%m%d")
    clerk = Staff.get(Staff.username == "kefu")
    new = complaints.create(clerk, ComplaintInput(
        received_at=day.replace(hour=16), phone="13800138000", complainant="张伟",
        description="楼道灯不亮", category_id=Category.select().first().id, severity="minor"))
    assert new.number == f"TS-{busiest.day}-{busiest.last + 1:03d}"


def test_work_orders_callbacks_and_accounts(office):
    assert {w.kind for w in WorkOrder.select()} == {k.value for k in WorkOrderKind}
    statuses = {w.status for w in WorkOrder.select()}
    assert {"checked", "done", "cancelled"} <= statuses and len(statuses) >= 5
    follow_up = WorkOrder.select().where(WorkOrder.kind == "follow_up").first()
    assert follow_up.complaint_id and follow_up.technician.role == "technician"
    assert {c.status for c in Callback.select()} >= {CallbackStatus.DONE.value,
                                                      CallbackStatus.DUE.value}
    # as services.callbacks schedules them: every closed complaint and signed-off repair
    closed = Complaint.select(Complaint.id).where(Complaint.status == "closed")
    called = Callback.select(Callback.complaint).where(Callback.complaint.in_(closed)).distinct()
    assert called.count() == closed.count()
    signed = WorkOrder.select(WorkOrder.id).where((WorkOrder.status == "checked")
                                                  & (WorkOrder.kind == "repair"))
    called = Callback.select(Callback.work_order).where(Callback.work_order.in_(signed)).distinct()
    assert called.count() == signed.count()
    reworked = WorkOrder.select().where(WorkOrder.rework_round > 0)
    assert all(len(w.rounds) >= 1 for w in reworked)
    reopened = Complaint.select().where(Complaint.reopen_count > 0)
    assert all(c.escalation != "none" for c in reopened)
    done = Callback.select().where(Callback.status == "done")
    satisfaction = [c.satisfaction for c in done]
    assert satisfaction.count("dissatisfied") < len(satisfaction) * 0.2
    assert {"satisfied", "fairly", "dissatisfied"} <= set(satisfaction)
    for username, password in [("admin", "admin123"), ("zhuguan", "zhuguan123"),
                               ("kefu", "kefu123"), ("kefu2", "kefu123"), ("weixiu", "weixiu123")]:
        assert accounts.authenticate(username, password).username == username
        # the demo office is marked as such: its published passwords need no change here
        assert passwords.change_due(Staff.get(Staff.username == username)) is None
    assert passwords.is_demo_office()
    assert Staff.get(Staff.username == "weixiu").department.name == "工程部"
    departments = {s.department.name for s in Staff.select() if s.department}
    assert {"客服部", "工程部", "环境部", "秩序维护部"} <= departments
    assert "admin/admin123" in office["summary"] and str(N) in office["summary"]
    assert office["progress"][0] == (0, 0)  # planning: total not known yet
    done_rows, total = office["progress"][-1]
    assert done_rows == total > 0 and len(office["progress"]) > 5


def test_the_list_shows_the_demo(office):
    rows = search.page(search.ComplaintFilter(), reader=PROGRAM)
    assert len(rows) == 100 and rows[0]["received_at"] >= rows[-1]["received_at"]
    assert search.page(search.ComplaintFilter(text="地下车库"), reader=PROGRAM)


def test_refuses_a_database_that_is_not_empty(office):
    with pytest.raises(RuleError):
        demo.create_demo_office(n_complaints=10, seed=1, today=TODAY)
    assert Complaint.select().count() == N


def fingerprint():
    return ([(c.number, c.received_at, c.complainant, c.phone, c.description, c.status,
              c.closed_at) for c in Complaint.select().order_by(Complaint.id)],
            [(o.name, o.unit_id) for o in Owner.select().order_by(Owner.id)],
            [(w.number, w.status) for w in WorkOrder.select().order_by(WorkOrder.id)])


def test_same_seed_same_office(tmp_path):
    demo.create_demo_office(n_complaints=40, seed=3, today=TODAY)
    first = fingerprint()
    init_db(str(tmp_path / "second.db"))
    demo.create_demo_office(n_complaints=40, seed=3, today=TODAY)
    assert fingerprint() == first
    init_db(str(tmp_path / "third.db"))
    demo.create_demo_office(n_complaints=40, seed=4, today=TODAY)
    assert fingerprint() != first
    database.close()


def test_cli_demo_fills_the_given_database(tmp_path, capsys):
    path = tmp_path / "cli.db"
    assert cli.main(["--db", str(path), "demo", "--complaints", "50"]) == 0
    assert "admin/admin123" in capsys.readouterr().out
    database.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM complaint").fetchone()[0] == 50
        assert raw.execute("SELECT count(*) FROM unit").fetchone()[0] > 1800


def test_benchmark_generator_writes_a_file_propdesk_searches(tmp_path):
    """benchmarks/generate.py bulk-loads with the trigram triggers off and rebuilds the index:
    the file must search and number like one PropDesk wrote (no timing asserted here)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    path = tmp_path / "bench.db"
    generate(path, 300, log=lambda *_: None)
    init_db(str(path))
    assert Complaint.select().count() == 300
    sample = Complaint.select().order_by(Complaint.id).first()
    found = search.page(search.ComplaintFilter(text=sample.description[2:8]), limit=1000, reader=PROGRAM)
    assert sample.id in {r["id"] for r in found}
    by_phone = search.page(search.ComplaintFilter(text=sample.phone), limit=1000, reader=PROGRAM)
    assert sample.id in {r["id"] for r in by_phone}
    clerk = Staff.get(Staff.username == "kefu")
    new = complaints.create(clerk, ComplaintInput(
        phone="13800138000", complainant="张伟", description="地下车库漏水",
        category_id=Category.select().first().id, severity="minor"))
    assert search.page(search.ComplaintFilter(text="地下车库漏水"), reader=PROGRAM)[0]["id"] == new.id
    assert Complaint.select().where(Complaint.number == new.number).count() == 1
    database.close()


def test_the_services_carry_on_with_the_demo_cases(office):
    """The demo's rows are in states the real services accept: a clerk can finish them."""
    from propdesk.services.cases import callback_results
    from propdesk.services.cases import workorders

    clerk = Staff.get(Staff.username == "kefu")
    supervisor = Staff.get(Staff.username == "zhuguan")
    at = dt.datetime.now().replace(microsecond=0)
    replied = Complaint.select().where(Complaint.status == "replied").first()
    complaints.record_handling(clerk, replied.id, cause="管道老化", action="更换管段",
                               result="已修复", customer_opinion="满意")
    complaints.close(clerk, replied.id, at=at)
    assert Callback.select().where(Callback.complaint == replied.id).exists()
    reopened = Complaint.select().where(Complaint.status == "reopened").first()
    complaints.close(clerk, reopened.id, at=at)
    due = Callback.select().where(Callback.status == "due").first()
    outcome = callback_results.record(clerk, due.id, callback_results.CallbackInput(
        satisfaction="satisfied", owner_words="满意", at=at))
    assert outcome.done
    done = WorkOrder.select().where((WorkOrder.status == "done") & WorkOrder.slip_returned).first()
    assert workorders.check(supervisor, done.id, at=at).status == "checked"


def test_related_cases_are_in_the_demo(office):
    """Repeats, cases on hold, an open incident with callers, a closed one with callbacks."""
    from propdesk.models.tables import Incident, IncidentContact
    from propdesk.services.cases import incidents

    assert Complaint.select().where(Complaint.related_to.is_null(False)).count() >= 3
    held = list(Complaint.select().where(Complaint.on_hold_since.is_null(False)))
    assert len(held) == 2 and all(c.status == "replied" for c in held)
    open_one = Incident.get(Incident.status == "open")
    assert len(incidents.contacts(open_one.id, reader=PROGRAM)) == 6
    unit = IncidentContact.get(IncidentContact.incident == open_one).unit
    assert open_one in incidents.covering(unit.id)  # intake offers it for that unit
    closed = Incident.get(Incident.status == "closed")
    assert Callback.select().join(IncidentContact).where(IncidentContact.incident == closed).count() >= 3


def test_paid_repairs_have_lines_payments_and_a_ledger(office):
    """The demo's paid repairs are real (issue 18): price-list lines, quotes approved by the
    supervisor, cash with receipt numbers, fees on the monthly bill, some still owed, one voided
    payment; every order's fee and state agree with its lines and payments, and the ledger and
    the monthly summary show them."""
    from collections import Counter

    from propdesk.models.tables import FeeLine, Payment
    from propdesk.services.fees import charges, months, summary
    from propdesk.services.lists import dashboard

    kinds = Counter(line.kind for line in FeeLine.select())
    assert kinds["item"] and kinds["material"] and kinds["quote"]
    approved = FeeLine.select().where((FeeLine.kind == "quote") & FeeLine.approved_by.is_null(False))
    assert approved.count() and all(line.approved_by.username == "zhuguan" for line in approved)
    pays = list(Payment.select())
    assert {p.method for p in pays} == {"cash", "bill"}
    cash = [p for p in pays if p.method == "cash"]
    assert all(p.receipt_no and p.collected_by for p in cash)
    assert len({p.receipt_no for p in cash}) == len(cash)
    assert sum(1 for p in pays if p.voided_at) == 1
    voided = next(p for p in pays if p.voided_at)
    assert voided.void_reason and charges.live_payment(voided.work_order_id) is not None  # collected again
    assert WorkOrder.select().where(WorkOrder.owner_agreement != "").exists()  # made paid at the visit
    for wo in WorkOrder.select().where(WorkOrder.paid == True):  # noqa: E712
        total = charges.total(wo.id)
        live = charges.live_payment(wo.id)
        assert wo.fee == total and wo.fee_state == charges.state_for(wo, total, live is not None)
        assert live is None or live.amount == total
        assert live is None or live.fee_month == (live.bill_month or months.month_of(live.paid_at))
    assert dashboard.counts(reader=PROGRAM)["fees_unpaid"] > 0
    month = months.month_of(AS_OF - dt.timedelta(days=30))
    s = summary.summary(month)
    assert s.total > 0 and s.cash_by_collector and s.by_service
    assert s.total == s.ledger_total - sum(m["amount"] for m in s.moved_out) + sum(m["amount"] for m in s.moved_in)
    # the months ended are handed over; the running one is owed from the 20th (the demo's today)
    assert months.produced(month) and months.reminder(AS_OF.date()) == "2026-11"
