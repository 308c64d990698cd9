"""Case histories for the demo office: complaints, work orders and callbacks, each told as a
story of dated steps (reply, handle, close, reopen, ...) up to the demo's "now".

A step changes the row and writes the audit entry the real service would write, so the case
timeline in the program reads like real work. Steps planned after "now" have not happened yet:
they are dropped, which leaves recent cases received or replied and old ones closed.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from propdesk.models.enums import (
    CallbackStatus, Channel, ComplaintStatus, ContactMethod, Escalation, Satisfaction, Severity,
    Urgency, WorkOrderKind, WorkOrderStatus,
)
from propdesk.models.tables import (
    AuditChange, AuditEntry, Callback, Category, Complaint, Department, PriceItem, WorkOrder,
    WorkRound,
)
from propdesk.services import calendar, sla, workorders
from propdesk.services import demo_text as T
from propdesk.services.demo import STAFF, Register, Rows, caller_name, complaint_text, fill
from propdesk.services.owners import phone_digits

AT = object()  # in a step's changes: "the time of this step"
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
WEEKS = 8  # how far back the demo goes

# Which technicians' department follows up which category, and how often a work order is needed.
FOLLOW_UP = {"工程维修/设施设备": 0.7, "房屋质量": 0.6, "环境卫生": 0.5, "绿化": 0.6,
             "停车管理": 0.2, "安保秩序": 0.2}


def _audit_text(value):
    """Values as services.audit stores them in AuditChange (old/new are text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def office_hours(t: dt.datetime, rng: random.Random) -> dt.datetime:
    """Move a moment outside 08:00-20:00 to the next morning's opening (the desk is closed)."""
    if t.hour >= 20:
        t = dt.datetime.combine(t.date() + DAY, dt.time(8, 30))
    elif t.hour < 8:
        t = dt.datetime.combine(t.date(), dt.time(8, 30))
    else:
        return t
    return t + dt.timedelta(minutes=rng.randint(0, 60))


def received_times(rng: random.Random, n: int, as_of: dt.datetime, weeks: int = WEEKS) -> list:
    """``n`` moments in the last ``weeks`` weeks up to ``as_of``, mostly in office hours and on
    weekdays, sorted."""
    start = as_of - dt.timedelta(weeks=weeks)
    out = []
    while len(out) < n:
        day = start.date() + dt.timedelta(days=rng.randrange(weeks * 7 + 1))
        if day.weekday() >= 5 and rng.random() < 0.4:
            continue
        r = rng.random()
        minute = (rng.randint(510, 1080) if r < 0.85 else  # 08:30-18:00
                  rng.randint(1080, 1380) if r < 0.97 else  # evening, taken by the duty room
                  rng.randint(0, 450))  # night
        t = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
        if start <= t <= as_of:
            out.append(t)
    return sorted(out)


def _minutes(rng, low: float, high: float) -> dt.timedelta:
    """A whole number of minutes: the registers record times to the minute."""
    return dt.timedelta(minutes=round(rng.uniform(low, high)))


class Story:
    """One record's history, told in time order up to ``as_of``."""

    def __init__(self, cases: "Cases", entity: str, row: dict):
        self.cases, self.entity, self.row = cases, entity, row
        self.last: dt.datetime | None = None
        self.alive = True

    def step(self, at: dt.datetime, staff: int, action: str, note: str = "", /, **changes):
        """Apply ``changes`` at ``at`` and audit them; returns the audit entry, or None when
        ``at`` is after the demo's "now" (then no later step happens either)."""
        at = at.replace(second=0, microsecond=0)
        if self.last and at <= self.last:
            at = self.last + MINUTE
        if not self.alive or at > self.cases.as_of:
            self.alive = False
            return None
        self.last = at
        changes = {k: at if v is AT else v for k, v in changes.items()}
        old = {k: self.row.get(k) for k in changes}
        self.row.update(changes)
        if "updated_at" in self.row:
            self.row["updated_at"] = at
        return self.cases.audit(staff, self.entity, self.row["id"], action, at, note, old, changes)


class Cases:
    def __init__(self, rng: random.Random, rows: Rows, register: Register, staff: dict[str, int],
                 as_of: dt.datetime):
        self.rng, self.rows, self.register, self.as_of = rng, rows, register, as_of
        self.occupied = register.occupied()
        self.clerks = [staff["kefu"], staff["kefu"], staff["kefu2"]]  # kefu works more shifts
        self.supervisor = staff["zhuguan"]
        self.names = {staff[s[0]]: s[1] for s in STAFF}
        departments = {d.code: d for d in Department.select().order_by(Department.id)}
        self.dept_names = {d.id: d.name for d in departments.values()}
        self.engineering = departments["engineering"].id
        self.techs: dict[int, list[int]] = {}
        for username, _, role, dept, _ in STAFF:
            if role.value == "technician" and dept in departments:
                self.techs.setdefault(departments[dept].id, []).append(staff[username])
        self.categories = {c.name: (c.id, c.default_department_id)
                           for c in Category.select().order_by(Category.sort, Category.id)}
        self.prices = {p.name: (p.id, p.price) for p in PriceItem.select().order_by(PriceItem.id)}
        self.notes: list[tuple[dict | None, object]] = []  # (audit entry, note once numbered)
        self.last_case: dict[tuple, tuple[int, dt.datetime]] = {}

    # --- bookkeeping ---------------------------------------------------------------------------

    def audit(self, staff, entity, entity_id, action, at, note, old: dict, new: dict) -> dict:
        entry = self.rows.add(AuditEntry, at=at, staff=staff, entity=entity, entity_id=entity_id,
                              action=action, note=note)
        for field, value in new.items():
            before, after = _audit_text(old.get(field)), _audit_text(value)
            if before != after:
                self.rows.add(AuditChange, entry=entry["id"], field=field, old=before, new=after)
        return entry

    def created(self, entry: dict | None, row: dict) -> None:
        """The create entry names the number, as the services write it."""
        self.notes.append((entry, lambda: f"{row['number']} {row.get('description', '')[:60]}".strip()))

    def write_create_notes(self) -> None:
        """Fill in the notes that name a number (numbers are given after all rows exist, in
        time order)."""
        for entry, note in self.notes:
            if entry is not None:
                entry["note"] = note()

    def build(self, n_complaints: int) -> None:
        if not self.rows.count(PriceItem) and not self.prices:
            for name, unit_name, price in T.PRICE_LIST:
                item = self.rows.add(PriceItem, name=name, unit_name=unit_name, price=Decimal(price))
                self.prices[name] = (item["id"], item["price"])
        times = received_times(self.rng, n_complaints, self.as_of)
        fates = self._fates(times)
        plan = self._category_plan(len(times))
        groups = self._groups(fates, plan)
        for received, fate, category, group in zip(times, fates, plan, groups):
            self.complaint(received, fate, category, group)
        for received in received_times(self.rng, round(n_complaints * 0.5), self.as_of):
            self.repair(received)

    # --- plans ---------------------------------------------------------------------------------

    def _fates(self, times: list) -> list[str]:
        """How each case's story goes. A few of each kind, so every status shows up."""
        n, rng = len(times), self.rng
        fates = ["normal"] * n
        age = [(self.as_of - t) for t in times]

        def take(share, fate, min_age=dt.timedelta(0), max_age=dt.timedelta(days=999)):
            pool = [i for i in range(n) if fates[i] == "normal" and min_age <= age[i] <= max_age]
            for i in rng.sample(pool, min(len(pool), max(1, round(share * n)) if n else 0)):
                fates[i] = fate

        take(0.02, "reopened", min_age=12 * DAY)  # still open after the customer complained
        take(0.03, "reclosed", min_age=12 * DAY)  # reopened, then closed again
        take(0.025, "stuck", min_age=5 * DAY)  # replied, never finished: overdue
        take(0.015, "unreplied", min_age=2 * DAY)  # not even replied: overdue
        take(0.03, "void")
        take(0.08, "invalid")
        return fates

    def _category_plan(self, n: int) -> list[str]:
        """Every category at least once, the rest by how often each comes up."""
        names = list(self.categories)
        weights = [T.CATEGORIES.get(name, {"weight": 1})["weight"] for name in names]
        plan = names[:n] + self.rng.choices(names, weights=weights, k=max(0, n - len(names)))
        self.rng.shuffle(plan)
        return plan

    def _groups(self, fates: list[str], plan: list[str]) -> list[bool]:
        group_categories = {g[0] for g in T.GROUP}
        pool = [i for i, (f, c) in enumerate(zip(fates, plan))
                if f in ("normal", "reclosed") and c in group_categories]
        chosen = set(self.rng.sample(pool, min(len(pool), max(1, round(0.03 * len(plan))))))
        return [i in chosen for i in range(len(plan))]

    # --- complaints ----------------------------------------------------------------------------

    def _complainant(self) -> tuple[dict, str, str]:
        """Who complains: mostly an owner of the unit with their phone, sometimes a caller
        not on the register who only leaves a phone number."""
        rng = self.rng
        r = rng.random()
        if r < 0.85 and self.occupied:
            unit_id, label, bld = rng.choice(self.occupied)
            owner_id, name, phone = rng.choice(self.register.occupants[unit_id])
            return {"complainant": name, "phone": phone, "unit": unit_id, "owner": owner_id}, label, bld
        phone = rng.choice(T.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if r < 0.93 and self.register.units:
            unit_id, label, bld = rng.choice(self.register.units)  # a visitor or an unregistered tenant
            return {"complainant": caller_name(rng), "phone": phone, "unit": unit_id, "owner": None}, label, bld
        return {"complainant": caller_name(rng), "phone": phone, "unit": None, "owner": None}, "", ""

    def complaint(self, received: dt.datetime, fate: str, category: str, group: bool) -> None:
        rng = self.rng
        who, label, bld = self._complainant()
        text = complaint_text(rng, category, bld, label, group)
        if group:
            who["complainant"] = f"{bld or '小区'}业主代表{who['complainant']}"[:60]
        severity = (rng.choices((Severity.MAJOR, Severity.IMPORTANT), (60, 40))[0] if group else
                    rng.choices((Severity.MINOR, Severity.IMPORTANT, Severity.MAJOR), (55, 40, 5))[0])
        channel = rng.choices(list(Channel), (45, 20, 10, 7, 18))[0]
        if group:
            channel = rng.choice((Channel.WALK_IN, Channel.WRITTEN))
        valid = fate != "invalid"
        invalid_reason, notice = rng.choice(T.INVALID_REASONS) if not valid else ("", True)
        category_id, dept_id = self.categories[category]
        reply_by, resolve_by = sla.deadlines(received, severity.value, valid)
        clerk = rng.choice(self.clerks)
        created = min(received + _minutes(rng, 1, 12), self.as_of)
        related = self.last_case.get((who["unit"], category))
        row = self.rows.add(
            Complaint, number="", received_at=received, channel=channel.value,
            phone_digits=phone_digits(who["phone"]), **who, **text,
            occurred_at=(received - _minutes(rng, 10, 2880)).replace(second=0, microsecond=0)
            if rng.random() < 0.8 else None,
            category=category_id, severity=severity.value, valid=valid,
            invalid_reason=invalid_reason, notice_required=notice, department=dept_id,
            is_group=group, reply_by=reply_by, resolve_by=resolve_by,
            status=ComplaintStatus.RECEIVED.value, escalation=Escalation.NONE.value,
            related_to=related[0] if related and received - related[1] < 30 * DAY
            and rng.random() < 0.7 else None,
            created_by=clerk, created_at=created, updated_at=created)
        if who["unit"]:
            self.last_case[(who["unit"], category)] = (row["id"], received)
        story = Story(self, "complaint", row)
        self.created(story.step(created, clerk, "create"), row)
        if (severity == Severity.MAJOR or group) and rng.random() < 0.85:
            story.step(received + _minutes(rng, 5, 45), self.supervisor, "notify_head",
                       head_notified_at=AT, head_notified_by=self.supervisor)
        if fate == "void":
            reason = rng.choice(T.VOID_REASONS)
            story.step(received + _minutes(rng, 20, 480), self.supervisor, "void", reason,
                       status=ComplaintStatus.VOIDED.value, void_reason=reason)
        elif fate == "invalid":
            self._invalid(story, clerk, notice)
        else:
            self._handle(story, clerk, fate, category)

    def _invalid(self, story: Story, clerk: int, notice: bool) -> None:
        """Answered with the reason within one working day, unless the cause is the
        customer's own (then no notice), and closed."""
        rng, row = self.rng, story.row
        at = office_hours(row["received_at"] + _minutes(rng, 30, 360), rng)
        if notice:
            note = f"已告知业主：{row['invalid_reason']}"
            story.step(at, clerk, "reply", note, replied_at=AT, reply_method=ContactMethod.PHONE.value,
                       reply_note=note, status=ComplaintStatus.REPLIED.value)
        result = "已向业主说明原因" if notice else "原因在业主自身，不另行通知"
        if story.step(at + _minutes(rng, 5, 180), clerk, "handle", result=result):
            self._close(story, clerk, story.last + _minutes(rng, 1, 30))

    def _reply(self, story: Story, clerk: int) -> dt.datetime | None:
        rng, row = self.rng, story.row
        received, reply_by = row["received_at"], row["reply_by"]
        if rng.random() < 0.85:
            at = received + _minutes(rng, 10, min(240, (reply_by - received).total_seconds() / 60))
        else:  # late
            at = reply_by + _minutes(rng, 30, 1200)
        at = office_hours(at, rng)
        method = rng.choices([m.value for m in ContactMethod], (60, 10, 15, 0, 15))[0]
        note = rng.choice(T.REPLY_NOTES).format(dept=self.dept_names.get(row["department"], ""))
        entry = story.step(at, clerk, "reply", note, replied_at=AT, reply_method=method,
                           reply_note=note, status=ComplaintStatus.REPLIED.value)
        return story.last if entry else None

    def _close_plan(self, row: dict, replied: dt.datetime) -> dt.datetime:
        """Mostly within the resolve deadline, sometimes days late."""
        rng, resolve_by = self.rng, row["resolve_by"]
        if rng.random() < 0.85 and resolve_by > replied + 30 * MINUTE:
            at = replied + (resolve_by - replied) * rng.uniform(0.15, 0.9)
        else:
            at = max(resolve_by, replied) + _minutes(rng, 120, 5760)
        return office_hours(at, rng)

    def _handle(self, story: Story, clerk: int, fate: str, category: str) -> None:
        rng, row = self.rng, story.row
        replied = None if fate == "unreplied" else self._reply(story, clerk)
        if replied is None:
            return
        close_at = self._close_plan(row, replied)
        self._maybe_follow_up(story, clerk, category, replied, close_at)
        words = T.CATEGORIES.get(category, T.CATEGORIES["其他"])
        if fate == "stuck":  # cause found, action agreed, never finished
            if rng.random() < 0.6:
                story.step(replied + _minutes(rng, 120, 1200), clerk, "handle",
                           cause=rng.choice(words["causes"]), action=rng.choice(words["actions"]))
            return
        self._maybe_escalate(story, clerk, category, replied, close_at)
        handled = max(replied + 10 * MINUTE, close_at - _minutes(rng, 10, 120))
        story.step(handled, clerk, "handle", cause=rng.choice(words["causes"]),
                   action=rng.choice(words["actions"]), result=rng.choice(words["results"]),
                   customer_opinion=rng.choice(T.OPINIONS), signature_received=rng.random() < 0.75)
        if fate in ("reopened", "reclosed"):
            self._reopen(story, clerk, close_at, again=fate == "reclosed", words=words)
        else:
            self._close(story, clerk, close_at)

    def _maybe_escalate(self, story, clerk, category, replied, close_at) -> None:
        rng = self.rng
        if rng.random() >= (0.25 if category == "服务态度" else 0.04):
            return
        at = office_hours(replied + _minutes(rng, 120, 1800), rng)
        if at < close_at - HOUR:
            story.step(at, clerk, "escalate", T.ESCALATION_NOTES["supervisor"],
                       escalation=Escalation.SUPERVISOR.value)
            at = office_hours(at + _minutes(rng, 240, 1800), rng)
            if rng.random() < 0.25 and at < close_at - 30 * MINUTE:
                story.step(at, self.supervisor, "escalate", T.ESCALATION_NOTES["head"],
                           escalation=Escalation.HEAD.value)

    def _close(self, story: Story, clerk: int, at: dt.datetime, satisfaction: str | None = None):
        if story.step(at, clerk, "close", status=ComplaintStatus.CLOSED.value, closed_at=AT):
            return self.callback(story.last, complaint=story.row, satisfaction=satisfaction)
        return None

    def _reopen(self, story: Story, clerk: int, close_at, again: bool, words: dict) -> None:
        """Closed, the callback finds the customer dissatisfied, the case reopens (and is
        escalated); for ``again`` it is closed a second time."""
        rng = self.rng
        callback = self._close(story, clerk, close_at, satisfaction=Satisfaction.DISSATISFIED.value)
        if callback is None or callback["status"] != CallbackStatus.DONE.value:
            return
        reason = rng.choice(T.REOPEN_REASONS)
        if not story.step(callback["done_at"] + 10 * MINUTE, clerk, "reopen", reason,
                          status=ComplaintStatus.REOPENED.value, closed_at=None,
                          reopen_count=story.row["reopen_count"] + 1):
            return
        if rng.random() < 0.8:
            story.step(office_hours(story.last + _minutes(rng, 60, 300), rng), clerk, "escalate",
                       T.ESCALATION_NOTES["supervisor"], escalation=Escalation.SUPERVISOR.value)
            if rng.random() < 0.25:
                story.step(office_hours(story.last + _minutes(rng, 600, 2880), rng),
                           self.supervisor, "escalate",
                           T.ESCALATION_NOTES["head"], escalation=Escalation.HEAD.value)
        if again:
            at = office_hours(story.last + _minutes(rng, 1440, 4320), rng)
            story.step(at - _minutes(rng, 10, 60), clerk, "handle",
                       action=rng.choice(words["actions"]), result=rng.choice(words["results"]),
                       customer_opinion=rng.choice(T.OPINIONS))
            self._close(story, clerk, at)

    # --- callbacks -----------------------------------------------------------------------------

    def callback(self, created: dt.datetime, complaint: dict | None = None,
                 work_order: dict | None = None, satisfaction: str | None = None) -> dict:
        """A callback (回访) within 3 working days of handling; most are made in time."""
        rng = self.rng
        clerk = rng.choice(self.clerks)
        due = calendar.add_working_days(created, 3).date()
        row = self.rows.add(Callback, number="", complaint=complaint and complaint["id"],
                            work_order=work_order and work_order["id"], due_date=due,
                            assigned_to=clerk, status=CallbackStatus.DUE.value, created_at=created)
        story = Story(self, "callback", row)
        self.created(story.step(created, clerk, "create"), row)
        if satisfaction is None and rng.random() < 0.03:
            reason = rng.choice(T.CALLBACK_CANCEL)
            story.step(created + _minutes(rng, 600, 2880), clerk, "cancel", reason,
                       status=CallbackStatus.CANCELLED.value, owner_words=reason)
            return row
        if satisfaction is None:
            satisfaction = rng.choices((Satisfaction.SATISFIED.value, Satisfaction.FAIRLY.value),
                                       (72, 28))[0]
            done = created + _minutes(rng, 120, 4320 if rng.random() < 0.9 else 8640)
        else:
            done = created + _minutes(rng, 180, 1800)
        done = office_hours(done, rng)
        if rng.random() < 0.15:  # nobody answered the first call
            words = rng.choice(T.UNREACHED)
            story.step(done - _minutes(rng, 120, 600), clerk, "attempt", words,
                       attempts=1, reached=False, owner_words=words)
        words = rng.choice(T.CALLBACK_WORDS[satisfaction])
        method = rng.choices((ContactMethod.PHONE.value, ContactMethod.VISIT.value), (85, 15))[0]
        story.step(done, clerk, "done", words, status=CallbackStatus.DONE.value,
                   attempts=row["attempts"] + 1, method=method, reached=True,
                   satisfaction=satisfaction, owner_words=words, done_at=AT, done_by=clerk)
        return row

    # --- work orders ---------------------------------------------------------------------------

    def _maybe_follow_up(self, story: Story, clerk: int, category: str, replied, close_at) -> None:
        """A follow-up work order for the department that handles the complaint."""
        rng, row = self.rng, story.row
        techs = self.techs.get(row["department"])
        if not techs or rng.random() >= FOLLOW_UP.get(category, 0):
            return
        at = (replied + _minutes(rng, 5, 40)).replace(second=0, microsecond=0)
        if at > self.as_of:
            return
        wo = self.work_order(
            WorkOrderKind.FOLLOW_UP, at, rng.choice(techs), row["department"],
            description=row['description'][:120], location=row["location"],
            unit=row["unit"], owner=row["owner"], contact_name=row["complainant"],
            contact_phone=row["phone"], complaint=row["id"], end=close_at,
            outcome=(rng.choice(T.CATEGORIES.get(category, T.CATEGORIES["其他"])["results"]), "", None))
        dept = self.dept_names[row["department"]]
        self.notes.append((story.step(at, clerk, "work_order"), lambda: f"{wo['number']} → {dept}"))

    def repair(self, received: dt.datetime) -> None:
        """A repair call (报修) from an owner, for their home or a public area."""
        rng = self.rng
        if not self.occupied or not self.techs.get(self.engineering):
            return
        unit_id, label, bld = rng.choice(self.occupied)
        owner_id, name, phone = rng.choice(self.register.occupants[unit_id])
        description, where, materials, item, result = rng.choice(T.REPAIRS)
        paid = bool(item) and item in self.prices and rng.random() < 0.6
        urgent = "停电" in description or "楼下" in description or rng.random() < 0.1
        row = self.work_order(
            WorkOrderKind.REPAIR, received, rng.choice(self.techs[self.engineering]),
            self.engineering, description=description,
            location=fill(rng, where, bld) if where else f"{label}户内",
            unit=unit_id if not where else None, owner=owner_id, contact_name=name,
            contact_phone=phone, urgent=urgent, paid=paid,
            outcome=(result, materials, self.prices[item] if paid else None))
        if row["status"] == WorkOrderStatus.CHECKED.value and rng.random() < 0.6:
            self.callback(row["checked_at"], work_order=row)

    def work_order(self, kind: WorkOrderKind, received: dt.datetime, tech: int, dept: int,
                   urgent: bool = False, paid: bool = False, outcome=None, end=None,
                   **values) -> dict:
        """Raised, assigned, started, completed (slip returned), checked; a few cancelled,
        waiting, or sent back for a second round. ``end``: the first round is done before it
        (the complaint closes)."""
        rng, clerk = self.rng, self.rng.choice(self.clerks)
        urgency = Urgency.URGENT if urgent else Urgency.ORDINARY
        plan = self._work_plan(received, urgent, end)
        row = self.rows.add(
            WorkOrder, number="", kind=kind.value, received_at=received, urgency=urgency.value,
            pass_by=workorders.pass_by(received, urgency.value), window_start=plan["window"],
            window_end=plan["window"] + 2 * HOUR, paid=paid, department=dept,
            status=WorkOrderStatus.NEW.value, created_by=clerk, created_at=received, **values)
        story = Story(self, "work_order", row)
        self.created(story.step(received, clerk, "create"), row)
        r = rng.random()
        if r < 0.04:
            reason = rng.choice(T.CANCEL_REASONS)
            story.step(received + _minutes(rng, 60, 300), clerk, "cancel", reason,
                       status=WorkOrderStatus.CANCELLED.value, cancel_reason=reason)
            return row
        if r < 0.06 and self.as_of - received < 2 * DAY:
            return row  # not dispatched yet: the list shows it waiting
        story.step(plan["assigned"], clerk, "assign", self.names.get(tech, ""), technician=tech,
                   scheduled_at=plan["window"], dispatched_at=AT,
                   status=WorkOrderStatus.ASSIGNED.value)
        if r < 0.08:  # started, waiting for parts
            story.step(plan["arrived"], tech, "start", status=WorkOrderStatus.IN_PROGRESS.value,
                       arrived_at=AT)
            return row
        done = self._work_round(story, tech, plan, outcome, checked=r < 0.93)  # the rest wait
        # for the supervisor's signature
        if done and 0.89 < r < 0.93:  # signed off, then the customer complained: a second round
            reason = rng.choice(T.REWORK_NOTES)
            if story.step(office_hours(story.last + _minutes(rng, 600, 2880), rng), clerk, "rework", reason,
                          status=WorkOrderStatus.REWORK.value, rework_round=1, arrived_at=None,
                          finished_at=None, result="", slip_returned=False, checked_by=None,
                          checked_at=None):
                done.update(verdict="rework", verdict_note=reason)
                start = office_hours(story.last + _minutes(rng, 120, 1440), rng)
                again = {"arrived": start, "finished": start + _minutes(rng, 30, 120)}
                again["checked"] = office_hours(again["finished"] + _minutes(rng, 120, 1440), rng)
                self._work_round(story, tech, again, outcome, checked=True)
        return row

    def _work_round(self, story: Story, tech: int, plan: dict, outcome, checked: bool):
        """One round of work, kept as a WorkRound row; returns it once completed."""
        row = story.row
        result, materials, price = outcome or ("已处理完毕", "", None)
        item_id, fee = price or (None, Decimal(0))
        story.step(plan["arrived"], tech, "start", status=WorkOrderStatus.IN_PROGRESS.value,
                   arrived_at=AT)
        if not story.step(plan["finished"], tech, "complete", result[:60],
                          status=WorkOrderStatus.DONE.value, finished_at=AT, result=result,
                          materials=materials, price_item=item_id, fee=fee, slip_returned=True):
            return None
        done = self.rows.add(WorkRound, work_order=row["id"], round_no=row["rework_round"] + 1,
                             technician=tech, arrived_at=row["arrived_at"],
                             finished_at=row["finished_at"], result=result, materials=materials,
                             fee=fee, slip_returned=True)
        if checked and story.step(plan["checked"], self.supervisor, "check",
                                  status=WorkOrderStatus.CHECKED.value,
                                  checked_by=self.supervisor, checked_at=AT):
            done["verdict"] = "accepted"
        return done
    def _work_plan(self, received, urgent, end) -> dict:
        rng = self.rng
        assigned = received + (_minutes(rng, 2, 10) if urgent else _minutes(rng, 5, 90))
        if urgent:
            window = received + _minutes(rng, 20, 60)
        else:  # a time agreed with the customer: later today or tomorrow
            day = received.date() + (DAY if received.hour >= 14 or rng.random() < 0.5 else dt.timedelta(0))
            window = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 14, 15, 16))))
            window = max(window, assigned + 30 * MINUTE).replace(second=0, microsecond=0)
        arrived = window + _minutes(rng, 0, 40)
        finished = arrived + _minutes(rng, 20, 120)
        checked = office_hours(finished + _minutes(rng, 120, 1800), rng)
        plan = {"assigned": assigned, "window": window, "arrived": arrived,
                "finished": finished, "checked": checked}
        if end and checked > end - 10 * MINUTE > received:
            # squeeze the job into the time before the complaint closes
            k = (end - 10 * MINUTE - received) / (checked - received)
            plan = {key: received + (t - received) * k for key, t in plan.items()}
        return {key: t.replace(second=0, microsecond=0) for key, t in plan.items()}
