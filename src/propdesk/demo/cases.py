"""Case histories for the demo office, told as stories of dated steps up to the demo's "now":
the machinery (:class:`Story`) and the complaints; work orders and callbacks are in
:mod:`propdesk.demo.jobs`.

A step changes the row and writes the audit entry the real service would write, so a case's
timeline in the program reads like real work. Steps planned after "now" have not happened yet:
they are dropped, which leaves recent cases received or replied and old ones closed.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from propdesk.models.enums import Channel, ComplaintStatus, ContactMethod, Escalation, Severity
from propdesk.models.tables import AuditChange, AuditEntry, Category, Complaint, Department, PriceItem
from propdesk.services.cases import sla
from propdesk.demo import text as T
from propdesk.demo.register import STAFF, Register, Rows, caller_name, complaint_text
from propdesk.services.register.owners import phone_digits

AT = object()  # in a step's changes: "the time of this step"
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
WEEKS = 8  # how far back the demo goes


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


def minutes(rng, low: float, high: float) -> dt.timedelta:
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
        self.notes: list[tuple] = []  # (row, field, text once numbered): see note()
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

    def note(self, row: dict | None, note, field: str = "note") -> None:
        """``note()`` becomes the row's ``field`` once numbers are given (it names them)."""
        self.notes.append((row, field, note))

    def created(self, entry: dict | None, row: dict) -> None:
        """The create entry names the number, as the services write it."""
        self.note(entry, lambda: f"{row['number']} {row.get('description', '')[:60]}".strip())

    def write_notes(self) -> None:
        """Fill in the notes that name a number (numbers are given after all rows exist, in
        time order)."""
        for row, field, note in self.notes:
            if row is not None:
                row[field] = note()

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
            self.jobs.repair(received)

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
        created = min(received + minutes(rng, 1, 12), self.as_of)
        related = self.last_case.get((who["unit"], category))
        row = self.rows.add(
            Complaint, number="", received_at=received, channel=channel.value,
            phone_digits=phone_digits(who["phone"]), **who, **text,
            occurred_at=(received - minutes(rng, 10, 2880)).replace(second=0, microsecond=0)
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
            story.step(received + minutes(rng, 5, 45), self.supervisor, "notify_head",
                       head_notified_at=AT, head_notified_by=self.supervisor)
        if fate == "void":
            reason = rng.choice(T.VOID_REASONS)
            story.step(received + minutes(rng, 20, 480), self.supervisor, "void", reason,
                       status=ComplaintStatus.VOIDED.value, void_reason=reason)
        elif fate == "invalid":
            self._invalid(story, clerk, notice)
        else:
            self._handle(story, clerk, fate, category)

    def _invalid(self, story: Story, clerk: int, notice: bool) -> None:
        """Answered with the reason within one working day, unless the cause is the
        customer's own (then no notice), and closed."""
        rng, row = self.rng, story.row
        at = office_hours(row["received_at"] + minutes(rng, 30, 360), rng)
        if notice:
            note = f"已告知业主：{row['invalid_reason']}"
            story.step(at, clerk, "reply", note, replied_at=AT, reply_method=ContactMethod.PHONE.value,
                       reply_note=note, status=ComplaintStatus.REPLIED.value)
        result = "已向业主说明原因" if notice else "原因在业主自身，不另行通知"
        if story.step(at + minutes(rng, 5, 180), clerk, "handle", result=result):
            self._close_and_call(story, clerk, story.last + minutes(rng, 1, 30))

    def _reply(self, story: Story, clerk: int) -> dt.datetime | None:
        rng, row = self.rng, story.row
        received, reply_by = row["received_at"], row["reply_by"]
        if rng.random() < 0.85:
            at = received + minutes(rng, 10, min(240, (reply_by - received).total_seconds() / 60))
        else:  # late
            at = reply_by + minutes(rng, 30, 1200)
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
            at = max(resolve_by, replied) + minutes(rng, 120, 5760)
        return office_hours(at, rng)

    def _handle(self, story: Story, clerk: int, fate: str, category: str) -> None:
        rng, row = self.rng, story.row
        replied = None if fate == "unreplied" else self._reply(story, clerk)
        if replied is None:
            return
        close_at = self._close_plan(row, replied)
        self.jobs.maybe_follow_up(story, clerk, category, replied, close_at)
        words = T.CATEGORIES.get(category, T.CATEGORIES["其他"])
        if fate == "stuck":  # cause found, action agreed, never finished
            if rng.random() < 0.6:
                story.step(replied + minutes(rng, 120, 1200), clerk, "handle",
                           cause=rng.choice(words["causes"]), action=rng.choice(words["actions"]))
            return
        self._maybe_escalate(story, clerk, category, replied, close_at)
        handled = max(replied + 10 * MINUTE, close_at - minutes(rng, 10, 120))
        story.step(handled, clerk, "handle", cause=rng.choice(words["causes"]),
                   action=rng.choice(words["actions"]), result=rng.choice(words["results"]),
                   customer_opinion=rng.choice(T.OPINIONS), signature_received=rng.random() < 0.75)
        if fate in ("reopened", "reclosed"):
            self._reopen(story, clerk, close_at, again=fate == "reclosed", words=words)
        else:
            self._close_and_call(story, clerk, close_at)

    def _maybe_escalate(self, story, clerk, category, replied, close_at) -> None:
        rng = self.rng
        if rng.random() >= (0.25 if category == "服务态度" else 0.04):
            return
        at = office_hours(replied + minutes(rng, 120, 1800), rng)
        if at < close_at - HOUR:
            story.step(at, clerk, "escalate", T.ESCALATION_NOTES["supervisor"],
                       escalation=Escalation.SUPERVISOR.value)
            at = office_hours(at + minutes(rng, 240, 1800), rng)
            if rng.random() < 0.25 and at < close_at - 30 * MINUTE:
                story.step(at, self.supervisor, "escalate", T.ESCALATION_NOTES["head"],
                           escalation=Escalation.HEAD.value)

    def _close(self, story: Story, clerk: int, at: dt.datetime):
        """Close; the callback is due within the window (services.callbacks). Returns the
        callback, or None when the closing is still to come."""
        if story.step(at, clerk, "close", status=ComplaintStatus.CLOSED.value, closed_at=AT):
            return self.jobs.schedule(story, story.last, story.row["created_by"])
        return None

    def _close_and_call(self, story: Story, clerk: int, at: dt.datetime) -> None:
        callback = self._close(story, clerk, at)
        if callback:
            self.jobs.make(callback, story)

    def _reopen(self, story: Story, clerk: int, close_at, again: bool, words: dict) -> None:
        """Closed, but the owner is dissatisfied at the callback: the case reopens, escalated
        to the supervisor, with a new callback due (services.callback_results); for ``again``
        it is handled and closed a second time."""
        rng = self.rng
        callback = self._close(story, clerk, close_at)
        at = callback and self.jobs.make(callback, story, "dissatisfied")
        if not at:
            return
        reason = self.jobs.dissatisfied_reason(callback[0])
        entry = story.step(at, clerk, "reopen", status=ComplaintStatus.REOPENED.value,
                           closed_at=None, reopen_count=story.row["reopen_count"] + 1)
        if entry is None:
            return
        self.note(entry, reason)
        if story.row["escalation"] == Escalation.NONE.value:
            self.note(story.step(at, clerk, "escalate", escalation=Escalation.SUPERVISOR.value),
                      reason)
        self.jobs.schedule(story, at, story.row["created_by"])
        if rng.random() < 0.25:
            story.step(office_hours(story.last + minutes(rng, 600, 2880), rng), self.supervisor,
                       "escalate", T.ESCALATION_NOTES["head"], escalation=Escalation.HEAD.value)
        if again:
            at = office_hours(story.last + minutes(rng, 1440, 4320), rng)
            story.step(at - minutes(rng, 10, 60), clerk, "handle",
                       action=rng.choice(words["actions"]), result=rng.choice(words["results"]),
                       customer_opinion=rng.choice(T.OPINIONS))
            self._close_and_call(story, clerk, at)
