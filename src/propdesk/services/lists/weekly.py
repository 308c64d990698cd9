"""The weekly summary (每周统计) a supervisor sends the office head, and the figures behind the
dashboard. Every figure comes from a handful of aggregate queries, never a query per row.

Definitions (tests/test_weekly.py holds one test per figure):
- A complaint belongs to the week it was *received*; complaints voided while open are left out
  everywhere, one voided after closing still counts (``lateness.on_record``).
- Reply on time: replied by its reply deadline. Counted among complaints that were replied or
  whose reply deadline passed before the end of the period (the rest are not yet due).
- Resolved on time: closed by its resolve deadline, likewise. A reopened case counts with its
  last closing (a reopened, still-open case past its deadline is late).
- Repeat complaint: the same unit and category complained about within the 30 days before (the
  office's "repeat_days" setting), or linked as a repeat at intake.
- Work orders belong to the week they were received; time to finish is received → finished.
"""
from __future__ import annotations

import datetime as dt
import statistics
from typing import Any
from dataclasses import dataclass, field

from peewee import JOIN, Case, fn

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import ComplaintStatus, Severity, WorkOrderStatus
from propdesk.models.tables import (
    Building, Category, Complaint, ComplaintContact, Department, Estate, Hold, Incident, IncidentContact,
    RepairCategory, Unit, WorkOrder,
)
from propdesk.services.core import calendar
from propdesk.services.lists import callback_stats, registers
from propdesk.services.cases import related
from propdesk.services.cases import lateness

SATISFACTION_TARGET = 0.90


@dataclass
class Rate:
    ok: int
    of: int

    @property
    def value(self) -> float | None:
        return self.ok / self.of if self.of else None


@dataclass
class WeekFigures:
    """The headline figures of one period (used for this week, last week and the trend)."""

    start: dt.date
    end: dt.date  # inclusive
    complaints: int = 0
    valid: int = 0
    reply_on_time: Rate = field(default_factory=lambda: Rate(0, 0))
    resolve_on_time: Rate = field(default_factory=lambda: Rate(0, 0))
    work_orders: int = 0
    callback_rate: float | None = None
    satisfaction_rate: float | None = None


@dataclass
class WeeklySummary:
    this: WeekFigures
    previous: WeekFigures
    trend: list[WeekFigures]  # eight weeks, oldest first, ending with this one
    by_category: list[tuple[str, int]]
    by_severity: list[tuple[str, int]]
    by_channel: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    by_building: list[tuple[str, int]]
    on_time_by_severity: dict[str, tuple[Rate, Rate]]  # severity -> (reply, resolve)
    open_overdue: list[dict]
    work_orders: dict
    callbacks: list  # callback_stats.CallbackFigures, total first then by department
    repeats: list[dict]
    top_units: list[tuple[str, int]]
    related: dict = field(default_factory=dict)  # holds and contacts (related_figures)
    by_repair_category: list[tuple[str, int]] = field(default_factory=list)  # work orders received
    generated_at: dt.datetime = field(default_factory=dt.datetime.now)


def _span(start: dt.date, end: dt.date):
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def _in_period(start: dt.date, end: dt.date):
    lo, hi = _span(start, end)
    return (Complaint.received_at >= lo) & (Complaint.received_at < hi) & lateness.on_record_sql()


def _sum(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _on_time_columns(cutoff: dt.datetime):
    """(reply ok, reply due, resolve ok, resolve due) as aggregate columns."""
    # due: done, or late without being done; on time: done and not late (services.cases.lateness)
    replied, reply_late = Complaint.replied_at.is_null(False), lateness.reply_late_sql(cutoff)
    closed, resolve_late = Complaint.closed_at.is_null(False), lateness.resolve_late_sql(cutoff)
    replied_ok, reply_due = replied & ~reply_late, replied | reply_late
    closed_ok, resolve_due = closed & ~resolve_late, closed | resolve_late
    return (_sum(replied_ok).alias("reply_ok"), _sum(reply_due).alias("reply_due"),
            _sum(closed_ok).alias("resolve_ok"), _sum(resolve_due).alias("resolve_due"))


def _weeks(end: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    last_start = end - dt.timedelta(days=6)
    return [(last_start - dt.timedelta(weeks=i), end - dt.timedelta(weeks=i)) for i in reversed(range(count))]


def trend(start: dt.date, end: dt.date, weeks: int = 8, at: dt.datetime | None = None) -> list[WeekFigures]:
    """Headline figures for ``weeks`` periods of 7 days ending ``end``: one grouped query for
    complaints, one for work orders, and the callback figures per week."""
    spans = _weeks(end, weeks)
    at = at or dt.datetime.now()
    bucket = Case(None, [((Complaint.received_at >= _span(a, b)[0]) & (Complaint.received_at < _span(a, b)[1]), i)
                         for i, (a, b) in enumerate(spans)])
    first, last = _span(spans[0][0], spans[-1][1])
    rows = (Complaint.select(bucket.alias("week"), fn.COUNT(Complaint.id).alias("n"),
                             _sum(Complaint.valid == True).alias("valid"),  # noqa: E712 - peewee: `== True` builds SQL
                             *_on_time_columns(min(at, last)))
            .where((Complaint.received_at >= first) & (Complaint.received_at < last) & lateness.on_record_sql())
            .group_by(bucket).dicts())
    out = [WeekFigures(a, b) for a, b in spans]
    for r in rows:
        w = out[r["week"]]
        w.complaints, w.valid = r["n"], r["valid"] or 0
        w.reply_on_time = Rate(r["reply_ok"] or 0, r["reply_due"] or 0)
        w.resolve_on_time = Rate(r["resolve_ok"] or 0, r["resolve_due"] or 0)
    wo_bucket = Case(None, [((WorkOrder.received_at >= _span(a, b)[0]) & (WorkOrder.received_at < _span(a, b)[1]), i)
                            for i, (a, b) in enumerate(spans)])
    for week, n in (WorkOrder.select(wo_bucket, fn.COUNT(WorkOrder.id))
                    .where((WorkOrder.received_at >= first) & (WorkOrder.received_at < last))
                    .group_by(wo_bucket).tuples()):
        out[week].work_orders = n
    for w in out:
        total = callback_stats.figures(w.start, w.end, at=at)  # the running week: owed so far
        if total:
            w.callback_rate, w.satisfaction_rate = total[0].callback_rate, total[0].satisfaction_rate
    return out


def _grouped(key, start: dt.date, end: dt.date, joins) -> list[tuple[str, int]]:
    query = Complaint.select(key.alias("k"), fn.COUNT(Complaint.id).alias("n"))
    query = joins(query)
    return [(k or "—", n) for k, n in query.where(_in_period(start, end))
            .group_by(key).order_by(fn.COUNT(Complaint.id).desc()).tuples()]


MSG_NO_UNIT = QT_TRANSLATE_NOOP("reports", "Public areas (no unit)")


def by_building(start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """Complaints per building, each building apart (1栋 of one estate is not 1栋 of another),
    named with its estate when the office has several; complaints about no unit (public
    areas) on a row of their own."""
    from propdesk.services.register.address import several_estates

    count = fn.COUNT(Complaint.id)
    query = (Complaint.select(Building.id, Building.name, Estate.name, count)
             .join(Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
             .join(Building, JOIN.LEFT_OUTER, on=(Unit.building == Building.id))
             .join(Estate, JOIN.LEFT_OUTER, on=(Building.estate == Estate.id))
             .where(_in_period(start, end)).group_by(Building.id, Building.name, Estate.name)
             .order_by(count.desc(), Building.id))
    several = several_estates()
    return [((f"{estate} {name}" if several else name) if building else translate("reports", MSG_NO_UNIT), n)
            for building, name, estate, n in query.tuples()]


MSG_NO_CATEGORY = QT_TRANSLATE_NOOP("reports", "No repair category")


def by_repair_category(start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """Repair calls and work orders received in the period, by repair category (水电, 门窗 ...);
    orders without one on a row that says so (a bare "—" with a third of the orders left the
    supervisor asking what it was)."""
    lo, hi = _span(start, end)
    query = (WorkOrder.select(RepairCategory.name, fn.COUNT(WorkOrder.id))
             .join(RepairCategory, JOIN.LEFT_OUTER, on=(WorkOrder.repair_category == RepairCategory.id))
             .where((WorkOrder.received_at >= lo) & (WorkOrder.received_at < hi)
                    & (WorkOrder.status != WorkOrderStatus.CANCELLED.value))
             .group_by(RepairCategory.name).order_by(fn.COUNT(WorkOrder.id).desc(), RepairCategory.name))
    return [(k or translate("reports", MSG_NO_CATEGORY), n) for k, n in query.tuples()]


def breakdowns(start: dt.date, end: dt.date) -> dict[str, list[tuple[str, int]]]:
    return {
        "category": _grouped(Category.name, start, end, lambda q: q.join(Category, on=(Complaint.category == Category.id))),
        "severity": _grouped(Complaint.severity, start, end, lambda q: q),
        "channel": _grouped(Complaint.channel, start, end, lambda q: q),
        "department": _grouped(Department.name, start, end,
                               lambda q: q.join(Department, JOIN.LEFT_OUTER, on=(Complaint.department == Department.id))),
        "building": by_building(start, end),
    }


def on_time_by_severity(start: dt.date, end: dt.date, at: dt.datetime | None = None) -> dict[str, Any]:
    """(reply, resolve) on time per class of the valid complaints, and "invalid" for the rest
    (their own 1-working-day deadline): together they add up to the week's figures."""
    cutoff = min(at or dt.datetime.now(), _span(start, end)[1])
    key = Case(None, [(Complaint.valid == True, Complaint.severity)], "invalid")  # noqa: E712 - peewee: `== True` builds SQL
    rows = (Complaint.select(key.alias("k"), fn.COUNT(Complaint.id).alias("n"), *_on_time_columns(cutoff))
            .where(_in_period(start, end)).group_by(key).dicts())
    found = {r["k"]: (Rate(r["reply_ok"] or 0, r["reply_due"] or 0),
                      Rate(r["resolve_ok"] or 0, r["resolve_due"] or 0), r["n"]) for r in rows}
    empty = (Rate(0, 0), Rate(0, 0), 0)
    return {k: found.get(k, empty)[:2] for k in [s.value for s in Severity] + ["invalid"]} | {
        "counts": {k: v[2] for k, v in found.items()}}


def open_overdue(at: dt.datetime, limit: int = 200) -> list[dict]:
    """Open cases past a deadline at ``at``, the longest overdue first; ``was_due`` is the
    deadline missed (the reply's when a reply is overdue, else the resolution's). The unit with
    its estate in an office of several (address.with_estates), as the summary's other tables."""
    from propdesk.services.register.address import with_estates

    late = lateness.complaint_overdue_sql(at)
    query = (Complaint.select(Complaint.id, Complaint.number, Complaint.received_at, Complaint.severity,
                              Complaint.reply_by, Complaint.resolve_by, Complaint.replied_at,
                              Complaint.status, Complaint.notice_required, Complaint.on_hold_since,
                              Unit.label.alias("unit"), Unit.building.alias("unit_building"),
                              Category.name.alias("category"),
                              Department.name.alias("department"), Complaint.escalation)
             .join(Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id)).switch(Complaint)
             .join(Category, on=(Complaint.category == Category.id)).switch(Complaint)
             .join(Department, JOIN.LEFT_OUTER, on=(Complaint.department == Department.id))
             .where(Complaint.status.in_(ComplaintStatus.open_codes()) & (Complaint.received_at < at) & late)
             .order_by(Complaint.resolve_by).limit(limit))
    rows = with_estates(list(query.dicts()))
    for row in rows:
        row["was_due"] = row["reply_by"] if lateness.complaint_overdue(row, at) == "reply" else row["resolve_by"]
    return rows


def work_order_figures(start: dt.date, end: dt.date) -> dict:
    lo, hi = _span(start, end)
    in_period = (WorkOrder.received_at >= lo) & (WorkOrder.received_at < hi)
    finished = WorkOrder.status.in_((WorkOrderStatus.DONE.value, WorkOrderStatus.CHECKED.value))
    row = (WorkOrder.select(
        fn.COUNT(WorkOrder.id).alias("total"),
        _sum(WorkOrder.kind == "repair").alias("repairs"),
        _sum(WorkOrder.kind == "follow_up").alias("follow_ups"),
        _sum(WorkOrder.urgency == "urgent").alias("urgent"),
        _sum(WorkOrder.status == WorkOrderStatus.CANCELLED.value).alias("cancelled"),
        _sum(finished).alias("finished"),
        _sum(finished & (WorkOrder.rework_round > 0)).alias("reworked"),
        # handed over late, or not handed over at all by the end of the period (cancelled aside)
        _sum(lateness.work_order_late_sql(min(hi, dt.datetime.now()))).alias("late_dispatch"))
        .where(in_period).dicts().get())
    durations = [(f - r).total_seconds() / 3600 for r, f in
                 WorkOrder.select(WorkOrder.received_at, WorkOrder.finished_at)
                 .where(in_period & WorkOrder.finished_at.is_null(False)).tuples()]
    row = {k: (v or 0) for k, v in row.items()}
    row["fees"] = registers.fee_total(start, end)  # from the fee ledger (收费台帐): the week's payments
    row["median_hours"] = statistics.median(durations) if durations else None
    row["rework_rate"] = row["reworked"] / row["finished"] if row["finished"] else None
    return row


def repeats(start: dt.date, end: dt.date) -> list[dict]:
    """Complaints of the period whose unit had one of the same category in the 30 days before.

    One query: each complaint joined with the earlier ones of its unit and category since a
    fixed bound (30 days before the period); the exact 30 days are checked on those pairs."""
    Earlier = Complaint.alias()
    lo, _hi = _span(start, end)
    window = dt.timedelta(days=related.window_days())  # the office's setting (default 30)
    pairs = (Complaint.select(Complaint.id, Complaint.number, Complaint.received_at,
                              Unit.label.alias("unit"), Unit.building.alias("unit_building"),
                              Category.name.alias("category"),
                              Earlier.number.alias("earlier_number"), Earlier.received_at.alias("earlier_at"))
             .join(Unit, on=(Complaint.unit == Unit.id)).switch(Complaint)
             .join(Category, on=(Complaint.category == Category.id)).switch(Complaint)
             .join(Earlier, on=((Earlier.unit == Complaint.unit) & (Earlier.category == Complaint.category)
                                & (Earlier.received_at < Complaint.received_at)
                                & (Earlier.received_at >= lo - window)
                                & lateness.on_record_sql(Earlier)))
             .where(_in_period(start, end))
             .order_by(Complaint.received_at, Earlier.received_at).dicts())
    found: dict[int, dict] = {}
    for p in pairs:
        if p["received_at"] - p["earlier_at"] <= window:
            found[p["id"]] = p  # the latest earlier complaint wins (ordered)
    # and those the clerk linked as repeats at intake, whatever their unit or date
    linked = (Complaint.select(Complaint.id, Complaint.number, Complaint.received_at, Unit.label.alias("unit"),
                               Unit.building.alias("unit_building"), Category.name.alias("category"), Earlier.number.alias("earlier_number"),
                               Earlier.received_at.alias("earlier_at"))
              .join(Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id)).switch(Complaint)
              .join(Category, on=(Complaint.category == Category.id)).switch(Complaint)
              .join(Earlier, on=(Complaint.related_to == Earlier.id))
              .where(_in_period(start, end)).dicts())
    for p in linked:
        found.setdefault(p["id"], p)
    from propdesk.services.register.address import with_estates

    return with_estates(sorted(found.values(), key=lambda r: r["received_at"]))


def top_units(start: dt.date, end: dt.date, limit: int = 10) -> list[tuple[str, int]]:
    """Units with more than one complaint; each unit apart (two estates' 1栋1单元101 are two
    households), with its estate in an office of several."""
    from propdesk.services.register.address import with_estates

    count = fn.COUNT(Complaint.id)
    rows = [{"unit": label, "unit_building": building, "n": n} for label, building, n in
            Complaint.select(Unit.label, Unit.building, count).join(Unit, on=(Complaint.unit == Unit.id))
            .where(_in_period(start, end)).group_by(Unit.id, Unit.label, Unit.building)
            .having(count > 1).order_by(count.desc(), Unit.id).limit(limit).tuples()]
    return [(r["unit"], r["n"]) for r in with_estates(rows)]


def related_figures(start: dt.date, end: dt.date, at: dt.datetime | None = None) -> dict:
    """Time on hold, counted apart from the deadlines it paused, and the calls that are not
    complaints: incident callers and further calls on open cases.

    Hold time is the working time each hold spent inside the period (a hold still running is
    counted up to the end of the period, or ``at`` if sooner)."""
    lo, hi = _span(start, end)
    cutoff = min(at or dt.datetime.now(), hi)
    holds = list(Hold.select(Hold.entity, Hold.started_at, Hold.ended_at)
                 .where((Hold.started_at < hi) & (Hold.ended_at.is_null() | (Hold.ended_at > lo))).tuples())
    seconds = {"complaint": 0, "work_order": 0}
    for entity, started, ended in holds:
        begin, finish = max(started, lo), min(ended or cutoff, cutoff)
        if finish > begin:
            seconds[entity] += calendar.working_seconds_between(begin, finish)
    started_in = [h for h in holds if lo <= h[1] < hi]
    return {
        "holds_started": len(started_in),
        "holds_started_complaints": sum(1 for h in started_in if h[0] == "complaint"),
        "hold_hours_complaints": seconds["complaint"] / 3600,
        "hold_hours_work_orders": seconds["work_order"] / 3600,
        "on_hold_at_end": sum(1 for h in holds if h[1] < hi and (h[2] is None or h[2] > hi)),
        "incidents": Incident.select().where((Incident.started_at >= lo) & (Incident.started_at < hi)).count(),
        "incident_calls": IncidentContact.select().where((IncidentContact.at >= lo) & (IncidentContact.at < hi)).count(),
        "further_calls": ComplaintContact.select().where((ComplaintContact.at >= lo) & (ComplaintContact.at < hi)).count(),
    }


def summary(start: dt.date, end: dt.date, at: dt.datetime | None = None) -> WeeklySummary:
    at = at or dt.datetime.now()
    weeks = trend(start, end, 8, at)
    parts = breakdowns(start, end)
    cb_total = callback_stats.figures(start, end)
    return WeeklySummary(
        this=weeks[-1], previous=weeks[-2], trend=weeks,
        by_category=parts["category"], by_severity=parts["severity"], by_channel=parts["channel"],
        by_department=parts["department"], by_building=parts["building"],
        on_time_by_severity=on_time_by_severity(start, end, at),
        open_overdue=open_overdue(min(at, _span(start, end)[1])),
        work_orders=work_order_figures(start, end),
        callbacks=cb_total + callback_stats.figures(start, end, by="department"),
        repeats=repeats(start, end), top_units=top_units(start, end),
        related=related_figures(start, end, at), generated_at=at,
        by_repair_category=by_repair_category(start, end))


MSG_WEEK = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is not a week. Write it as 2026-W47.")
MSG_PERIOD = QT_TRANSLATE_NOOP("rules", "{label}: the period ends before it starts, or is longer than a year.")


def iso_week(text: str) -> tuple[dt.date, dt.date]:
    """'2026-W47' -> (Monday, Sunday)."""
    year, week = text.upper().split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + dt.timedelta(days=6)


def parse_week(text: str) -> tuple[dt.date, dt.date]:
    """Like iso_week, but a malformed week is a RuleError naming the field."""
    try:
        return iso_week(text.strip())
    except (ValueError, TypeError):
        raise RuleError(MSG_WEEK, field="week", label=translate("fields", WEEK_LABEL), value=text) from None


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start or (end - start).days > 366:
        raise RuleError(MSG_PERIOD, field="period", label=translate("fields", PERIOD_LABEL))


def check_made_by(name: str) -> str:
    """Who produced the report, as printed on it: checked like any field a person types."""
    from propdesk.services.core.validation import Checker

    c = Checker()
    name = c.text("made_by", name, required=True, max_len=40)
    c.raise_if_any()
    return name


WEEK_LABEL = QT_TRANSLATE_NOOP("fields", "Week")
PERIOD_LABEL = QT_TRANSLATE_NOOP("fields", "Period")
