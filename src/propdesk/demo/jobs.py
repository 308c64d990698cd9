"""Work orders and callbacks for the demo office, told as stories like the complaints
(:mod:`propdesk.demo.cases`), step for step as ``services.workorders`` and
``services.callbacks`` / ``callback_results`` record them: the same actions, the same fields,
a round kept per visit, one open callback per case, and a dissatisfied owner reopening the
complaint or sending the repair back.
"""
from __future__ import annotations

import datetime as dt

from propdesk.i18n import translate
from propdesk.models.enums import (
    CallbackStatus, ContactMethod, Satisfaction, Urgency, WorkOrderKind, WorkOrderStatus,
)
from propdesk.models.tables import Callback, RepairCategory, WorkOrder, WorkRound
from propdesk.services.core import calendar
from propdesk.services.cases import callbacks
from propdesk.services.cases import workorders
from propdesk.demo import text as T
from propdesk.services.cases.callback_results import MSG_REOPEN
from propdesk.demo.register import fill
from propdesk.demo.cases import AT, DAY, HOUR, MINUTE, Cases, Story, minutes, office_hours
from propdesk.demo.fees import Fees

S = WorkOrderStatus
# Which technicians' department follows up which category, and how often a work order is needed.
FOLLOW_UP = {"工程维修/设施设备": 0.7, "房屋质量": 0.6, "环境卫生": 0.5, "绿化": 0.6,
             "停车管理": 0.2, "安保秩序": 0.2}


class Jobs:
    def __init__(self, cases: Cases):
        self.c = cases
        self.rng = cases.rng
        self.open_callbacks: dict[tuple[str, int], tuple[dict, Story]] = {}
        self.fees = Fees(cases)  # the paid repairs' lines and payments
        self.repair_categories = {r.name: r.id for r in RepairCategory.select()}

    # --- callbacks -----------------------------------------------------------------------------

    def schedule(self, case: Story, at: dt.datetime, clerk: int) -> tuple[dict, Story]:
        """The callback a closed complaint or a signed-off repair gets, due within the window;
        a case with one still due keeps it (its due date moves later if need be)."""
        key = (case.entity, case.row["id"])
        due = callbacks.due_date(at)
        if key in self.open_callbacks and self.open_callbacks[key][0]["status"] == CallbackStatus.DUE.value:
            row, story = self.open_callbacks[key]
            if due > row["due_date"]:
                self.c.note(story.step(at, clerk, "move", due_date=due), lambda: case.row["number"])
            return row, story
        row = self.c.rows.add(
            Callback, number="", complaint=case.row["id"] if case.entity == "complaint" else None,
            work_order=case.row["id"] if case.entity == "work_order" else None, due_date=due,
            promised_by=due, assigned_to=clerk, status=CallbackStatus.DUE.value, created_at=at)
        story = Story(self.c, "callback", row)
        self.c.note(story.step(at, clerk, "create"), lambda: case.row["number"])
        self.open_callbacks[key] = (row, story)
        return row, story

    def make(self, callback: tuple[dict, Story], case: Story,
             satisfaction: str | None = None) -> dt.datetime | None:
        """Call the owner: sometimes nobody answers the first time. Returns when the owner
        gave their verdict, or None when that is still to come."""
        rng, (row, story) = self.rng, callback
        clerk = row["assigned_to"]
        handled = max(row["created_at"], case.last)  # a kept callback waits for the new closing
        if satisfaction is None:
            satisfaction = rng.choices((Satisfaction.SATISFIED.value, Satisfaction.FAIRLY.value),
                                       (72, 28))[0]
            late = rng.random() < 0.1
            done = handled + minutes(rng, 120, 8640 if late else 4320)
        else:
            done = handled + minutes(rng, 180, 1800)
        done = office_hours(done, rng)
        if rng.random() < 0.15:
            at = office_hours(done - minutes(rng, 120, 600), rng)
            retry = calendar.next_working_day(at.date())
            story.step(at, clerk, "no_answer", rng.choice(T.UNREACHED), attempts=row["attempts"] + 1,
                       method=ContactMethod.PHONE.value, reached=False,
                       due_date=max(row["due_date"], retry))
        words = rng.choice(T.CALLBACK_WORDS[satisfaction])
        method = rng.choices((ContactMethod.PHONE.value, ContactMethod.VISIT.value), (85, 15))[0]
        if not story.step(done, clerk, "done", words, status=CallbackStatus.DONE.value,
                          method=method, reached=True, satisfaction=satisfaction,
                          owner_words=words, done_at=AT, done_by=clerk,
                          attempts=row["attempts"] + 1):
            return None
        label = Satisfaction(satisfaction).label()
        self.c.note(case.step(story.last, clerk, "callback"),
                    lambda: f"{row['number']} {label}：{words}")
        return story.last

    @staticmethod
    def dissatisfied_reason(callback_row: dict):
        """The note a dissatisfied callback leaves (callback_results), once numbered."""
        return lambda: translate("rules", MSG_REOPEN).format(number=callback_row["number"],
                                                             words=callback_row["owner_words"])

    # --- work orders ---------------------------------------------------------------------------

    def maybe_follow_up(self, case: Story, clerk: int, category: str, replied, close_at) -> None:
        """A follow-up work order for the department that handles the complaint."""
        rng, row = self.rng, case.row
        techs = self.c.techs.get(row["department"])
        if not techs or rng.random() >= FOLLOW_UP.get(category, 0):
            return
        at = (replied + minutes(rng, 5, 40)).replace(second=0, microsecond=0)
        if at > self.c.as_of:
            return
        results = T.CATEGORIES.get(category, T.CATEGORIES["其他"])["results"]
        wo = self.work_order(
            WorkOrderKind.FOLLOW_UP, at, rng.choice(techs), row["department"],
            description=row['description'][:120], location=row["location"],
            unit=row["unit"], owner=row["owner"], contact_name=row["complainant"],
            contact_phone=row["phone"], complaint=row["id"], end=close_at,
            outcome=(rng.choice(results), "", None))
        dept = self.c.dept_names[row["department"]]
        self.c.note(case.step(at, clerk, "work_order"), lambda: f"{wo['number']} → {dept}")

    def repair(self, received: dt.datetime) -> None:
        """A repair call (报修) from an owner, for their home or a public area."""
        rng, c = self.rng, self.c
        if not c.occupied or not c.techs.get(c.engineering):
            return
        unit_id, label, bld = rng.choice(c.occupied)
        owner_id, name, phone = rng.choice(c.register.occupants[unit_id])
        description, where, materials, item, result = rng.choice(T.REPAIRS)
        paid = bool(item) and item in c.prices and rng.random() < 0.6
        urgent = "停电" in description or "楼下" in description or rng.random() < 0.1
        plan = self.fees.plan(description, item, in_unit=not where, paid=paid)
        self.work_order(
            WorkOrderKind.REPAIR, received, rng.choice(c.techs[c.engineering]), c.engineering,
            description=description, location=fill(rng, where, bld) if where else f"{label}户内",
            unit=unit_id if not where else None, owner=owner_id, contact_name=name,
            contact_phone=phone, urgent=urgent, paid=bool(plan and plan["paid"]),
            repair_category=self.repair_categories.get(T.REPAIR_CATEGORY.get(description, "")),
            outcome=(result, materials, plan))

    def work_order(self, kind: WorkOrderKind, received: dt.datetime, tech: int, dept: int,
                   urgent: bool = False, paid: bool = False, outcome=None, end=None,
                   **values) -> dict:
        """Raised, assigned, started, completed (slip returned), signed off; a few cancelled,
        waiting, or (a repair the owner was not happy with) done again. ``end``: the first
        round is over before it (the complaint closes)."""
        rng, c = self.rng, self.c
        clerk = rng.choice(c.clerks)
        urgency = Urgency.URGENT if urgent else Urgency.ORDINARY
        plan = self._plan(received, urgent, end)
        row = c.rows.add(
            WorkOrder, number="", kind=kind.value, received_at=received, urgency=urgency.value,
            pass_by=workorders.pass_by(received, urgency.value), window_start=plan["window"],
            window_end=plan["window"] + 2 * HOUR, paid=paid, department=dept,
            status=S.NEW.value, created_by=clerk, created_at=received, **values)
        story = Story(c, "work_order", row)
        c.created(story.step(received, clerk, "create"), row)
        r = rng.random()
        if r < 0.04:
            reason = rng.choice(T.CANCEL_REASONS)
            story.step(received + minutes(rng, 60, 300), clerk, "cancel", reason,
                       status=S.CANCELLED.value, cancel_reason=reason)
            return row
        if r < 0.06 and c.as_of - received < 2 * DAY:
            return row  # not dispatched yet: the list shows it waiting
        story.step(plan["assigned"], clerk, "assign", c.names.get(tech, ""), technician=tech,
                   scheduled_at=plan["window"], dispatched_at=AT, status=S.ASSIGNED.value)
        if r < 0.08:  # started, waiting for parts
            story.step(plan["arrived"], tech, "start", status=S.IN_PROGRESS.value, arrived_at=AT)
            return row
        done = self._round(story, tech, plan, outcome, signed=r < 0.93)  # the rest wait for
        # the supervisor's signature
        if kind == WorkOrderKind.REPAIR and row["status"] == S.CHECKED.value:
            # a follow-up is called back with its complaint; a repair has its own callback
            callback = self.schedule(story, row["checked_at"], clerk)
            if 0.89 < r < 0.93:
                self._redo(story, done, callback, tech, clerk, outcome)
            else:
                self.make(callback, story)
        return row

    def _redo(self, story: Story, first: dict, callback, tech: int, clerk: int, outcome) -> None:
        """The owner is not satisfied at the callback: rework, the supervisor is told, a
        second round, and a new callback."""
        rng = self.rng
        at = self.make(callback, story, Satisfaction.DISSATISFIED.value)
        if at is None:
            return
        reason = self.dissatisfied_reason(callback[0])
        entry = story.step(at, clerk, "rework", status=S.REWORK.value, rework_round=1,
                           arrived_at=None, finished_at=None, result="", slip_returned=False,
                           checked_by=None, checked_at=None)
        if entry is None:
            return
        self.c.note(entry, reason)
        first["verdict"] = "rework"
        self.c.note(first, reason, field="verdict_note")
        self.c.note(story.step(at, clerk, "notify_supervisor"), reason)
        self.schedule(story, at, clerk)  # a new callback is due after the second round
        start = office_hours(at + minutes(rng, 120, 1440), rng)
        plan = {"arrived": start, "finished": start + minutes(rng, 30, 120)}
        plan["checked"] = office_hours(plan["finished"] + minutes(rng, 120, 1440), rng)
        if self._round(story, tech, plan, outcome, signed=True) and story.row["status"] == S.CHECKED.value:
            self.make(self.schedule(story, story.row["checked_at"], clerk), story)

    def _round(self, story: Story, tech: int, plan: dict, outcome, signed: bool) -> dict | None:
        """One round of work, kept as a WorkRound row; returns it once completed."""
        c, row = self.c, story.row
        result, materials, fee_plan = outcome or ("已处理完毕", "", None)
        story.step(plan["arrived"], tech, "start", status=S.IN_PROGRESS.value, arrived_at=AT)
        if not story.step(plan["finished"], tech, "complete", result[:60], status=S.DONE.value,
                          finished_at=AT, result=result, materials=materials, slip_returned=True):
            return None
        fee = self.fees.charge(story, tech, fee_plan, story.last)  # the lines, with the result
        self.fees.settle(story, fee_plan, story.last)
        done = c.rows.add(WorkRound, work_order=row["id"], round_no=row["rework_round"] + 1,
                          technician=tech, arrived_at=row["arrived_at"],
                          finished_at=row["finished_at"], result=result, materials=materials,
                          fee=fee, slip_returned=True)
        if signed and story.step(plan["checked"], c.supervisor, "check", status=S.CHECKED.value,
                                 checked_by=c.supervisor, checked_at=AT):
            done["verdict"] = "accepted"
        return done

    def _plan(self, received, urgent, end) -> dict:
        rng = self.rng
        assigned = received + (minutes(rng, 2, 10) if urgent else minutes(rng, 5, 90))
        if urgent:
            window = received + minutes(rng, 20, 60)
        else:  # a time agreed with the customer: later today or tomorrow
            later = received.hour >= 14 or rng.random() < 0.5
            day = received.date() + (DAY if later else dt.timedelta(0))
            window = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 14, 15, 16))))
            window = max(window, assigned + 30 * MINUTE)
        arrived = window + minutes(rng, 0, 40)
        finished = arrived + minutes(rng, 20, 120)
        checked = office_hours(finished + minutes(rng, 120, 1800), rng)
        plan = {"assigned": assigned, "window": window, "arrived": arrived,
                "finished": finished, "checked": checked}
        if end and checked > end - 10 * MINUTE > received:
            # squeeze the job into the time before the complaint closes
            k = (end - 10 * MINUTE - received) / (checked - received)
            plan = {key: received + (t - received) * k for key, t in plan.items()}
        return {key: t.replace(second=0, microsecond=0) for key, t in plan.items()}
