"""The weekly summary's content as plain tables, shared by the PDF and the Excel version, so
both show the same figures under the same headings. No layout here."""
from __future__ import annotations

from dataclasses import dataclass

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import Channel, Severity
from propdesk.reports.percent import percent_text
from propdesk.services.lists.weekly import Rate, WeeklySummary
from propdesk.services.register import privacy


def tr(text: str) -> str:
    return translate("reports", text)


TITLE = QT_TRANSLATE_NOOP("reports", "Weekly summary of owners' complaints and opinions")
PERIOD = QT_TRANSLATE_NOOP("reports", "Week {start} to {end}")
MADE_BY = QT_TRANSLATE_NOOP("reports", "Produced by {name} on {at}")
HEAD_COMMENTS = QT_TRANSLATE_NOOP("reports", "Office head's comments")
SIGN_HEAD = QT_TRANSLATE_NOOP("reports", "Office head: ____________    Date: ____________")
NONE = QT_TRANSLATE_NOOP("reports", "None.")
INVALID_ROW = QT_TRANSLATE_NOOP("reports", "Invalid (reason told in 1 working day)")


@dataclass(frozen=True)
class Percent:
    """A rate: the PDF prints "93%", Excel stores 0.93 formatted as a percentage."""

    value: float | None

    def __str__(self) -> str:
        return percent_text(self.value)  # as Excel shows the stored rate (reports/percent.py)


@dataclass
class ReportTable:
    title: str
    headers: list[str]
    rows: list[list]  # text, numbers and Percent


def _rate(rate: Rate) -> Percent:
    return Percent(rate.value)


def headline(s: WeeklySummary) -> ReportTable:
    this, last = s.this, s.previous
    rows = [
        [tr(QT_TRANSLATE_NOOP("reports", "Complaints received")), this.complaints, last.complaints],
        [tr(QT_TRANSLATE_NOOP("reports", "of which valid")), this.valid, last.valid],
        [tr(QT_TRANSLATE_NOOP("reports", "Replied on time")), _rate(this.reply_on_time), _rate(last.reply_on_time)],
        [tr(QT_TRANSLATE_NOOP("reports", "Resolved on time")), _rate(this.resolve_on_time), _rate(last.resolve_on_time)],
        [tr(QT_TRANSLATE_NOOP("reports", "Repair calls and work orders")), this.work_orders, last.work_orders],
        [tr(QT_TRANSLATE_NOOP("reports", "Callbacks within 3 working days (target 100%)")), Percent(this.callback_rate), Percent(last.callback_rate)],
        [tr(QT_TRANSLATE_NOOP("reports", "Satisfaction (target 90%)")), Percent(this.satisfaction_rate), Percent(last.satisfaction_rate)],
    ]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "This week beside last week")),
                       [tr(QT_TRANSLATE_NOOP("reports", "Figure")), tr(QT_TRANSLATE_NOOP("reports", "This week")),
                        tr(QT_TRANSLATE_NOOP("reports", "Last week"))], rows)


def trend(s: WeeklySummary) -> ReportTable:
    rows = [[f"{w.start:%m-%d}–{w.end:%m-%d}", w.complaints, _rate(w.reply_on_time), _rate(w.resolve_on_time),
             w.work_orders, Percent(w.callback_rate), Percent(w.satisfaction_rate)] for w in s.trend]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Eight-week trend")), [
        tr(QT_TRANSLATE_NOOP("reports", "Week")), tr(QT_TRANSLATE_NOOP("reports", "Complaints")),
        tr(QT_TRANSLATE_NOOP("reports", "Replied on time")), tr(QT_TRANSLATE_NOOP("reports", "Resolved on time")),
        tr(QT_TRANSLATE_NOOP("reports", "Work orders")), tr(QT_TRANSLATE_NOOP("reports", "Callbacks on time")),
        tr(QT_TRANSLATE_NOOP("reports", "Satisfaction"))], rows)


def _counts(title: str, head: str, pairs: list[tuple[str, int]], label=lambda k: k) -> ReportTable:
    total = sum(n for _k, n in pairs) or 1
    rows = [[label(k), n, Percent(n / total)] for k, n in pairs]
    return ReportTable(title, [head, tr(QT_TRANSLATE_NOOP("reports", "Complaints")),
                               tr(QT_TRANSLATE_NOOP("reports", "Share"))], rows)


def breakdowns(s: WeeklySummary) -> list[ReportTable]:
    def enum_label(enum):
        return lambda code: enum(code).label() if code in enum._value2member_map_ else code
    return [
        _counts(tr(QT_TRANSLATE_NOOP("reports", "By category")), tr(QT_TRANSLATE_NOOP("reports", "Category")), s.by_category),
        _counts(tr(QT_TRANSLATE_NOOP("reports", "By channel")), tr(QT_TRANSLATE_NOOP("reports", "Channel")), s.by_channel, enum_label(Channel)),
        _counts(tr(QT_TRANSLATE_NOOP("reports", "By department")), tr(QT_TRANSLATE_NOOP("reports", "Department")), s.by_department),
        _counts(tr(QT_TRANSLATE_NOOP("reports", "By building")), tr(QT_TRANSLATE_NOOP("reports", "Building")), s.by_building),
        repair_categories(s),
    ]


def repair_categories(s: WeeklySummary) -> ReportTable:
    total = sum(n for _k, n in s.by_repair_category) or 1
    rows = [[k, n, Percent(n / total)] for k, n in s.by_repair_category]
    # cancelled orders left out (services.lists.weekly.by_repair_category), and the title says so:
    # the summary's work-order count above includes them, and the two must not seem to disagree
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Repairs by category (cancelled orders left out)")), [
        tr(QT_TRANSLATE_NOOP("reports", "Repair category")), tr(QT_TRANSLATE_NOOP("reports", "Work orders")),
        tr(QT_TRANSLATE_NOOP("reports", "Share"))], rows)


def by_class(s: WeeklySummary) -> ReportTable:
    """Valid complaints by class, and the invalid ones: the rows add up to the week's figures."""
    counts = s.on_time_by_severity["counts"]
    rows = []
    labels = [(sev.value, sev.label()) for sev in Severity] + [("invalid", tr(INVALID_ROW))]
    for key, label in labels:
        reply, resolve = s.on_time_by_severity[key]
        rows.append([label, counts.get(key, 0), f"{reply.ok}/{reply.of}", Percent(reply.value),
                     f"{resolve.ok}/{resolve.of}", Percent(resolve.value)])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "By class, against the deadlines")), [
        tr(QT_TRANSLATE_NOOP("reports", "Class")), tr(QT_TRANSLATE_NOOP("reports", "Complaints")),
        tr(QT_TRANSLATE_NOOP("reports", "Replied on time")), "%",
        tr(QT_TRANSLATE_NOOP("reports", "Resolved on time")), "%"], rows)


def work_orders(s: WeeklySummary) -> ReportTable:
    w = s.work_orders
    hours = w["median_hours"]
    rows = [
        [tr(QT_TRANSLATE_NOOP("reports", "Work orders received")), w["total"]],
        [tr(QT_TRANSLATE_NOOP("reports", "of which repair calls / complaint follow-ups")), f"{w['repairs']} / {w['follow_ups']}"],
        [tr(QT_TRANSLATE_NOOP("reports", "Urgent")), w["urgent"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Finished")), w["finished"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Median time to finish (hours)")), round(hours, 1) if hours is not None else "—"],
        [tr(QT_TRANSLATE_NOOP("reports", "Rework rate")), Percent(w["rework_rate"])],
        [tr(QT_TRANSLATE_NOOP("reports", "Handed over late")), w["late_dispatch"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Cancelled")), w["cancelled"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Paid-service fees settled, from the fee ledger (yuan)")), float(w["fees"] or 0)],
    ]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Repairs and work orders")),
                       [tr(QT_TRANSLATE_NOOP("reports", "Figure")), tr(QT_TRANSLATE_NOOP("reports", "Value"))], rows)


def callbacks(s: WeeklySummary) -> ReportTable:
    rows = []
    for f in s.callbacks:
        name = f.key or tr(QT_TRANSLATE_NOOP("reports", "All"))
        rows.append([name, f.due, f.done, f.on_time, Percent(f.callback_rate), f.satisfied, f.fairly,
                     f.dissatisfied, Percent(f.satisfaction_rate)])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Callbacks and satisfaction")), [
        tr(QT_TRANSLATE_NOOP("reports", "Department")), tr(QT_TRANSLATE_NOOP("reports", "Due")),
        tr(QT_TRANSLATE_NOOP("reports", "Made")), tr(QT_TRANSLATE_NOOP("reports", "On time")),
        tr(QT_TRANSLATE_NOOP("reports", "Rate")), tr(QT_TRANSLATE_NOOP("reports", "Satisfied")),
        tr(QT_TRANSLATE_NOOP("reports", "Fairly")), tr(QT_TRANSLATE_NOOP("reports", "Dissatisfied")),
        tr(QT_TRANSLATE_NOOP("reports", "Satisfaction"))], rows)


def holds_and_contacts(s: WeeklySummary) -> ReportTable:
    r = s.related
    rows = [
        [tr(QT_TRANSLATE_NOOP("reports", "Cases put on hold (complaints / work orders)")),
         f"{r['holds_started_complaints']} / {r['holds_started'] - r['holds_started_complaints']}"],
        [tr(QT_TRANSLATE_NOOP("reports", "Working hours on hold: complaints")), round(r["hold_hours_complaints"], 1)],
        [tr(QT_TRANSLATE_NOOP("reports", "Working hours on hold: work orders")), round(r["hold_hours_work_orders"], 1)],
        [tr(QT_TRANSLATE_NOOP("reports", "Still on hold at the end of the week")), r["on_hold_at_end"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Incidents declared")), r["incidents"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Calls about incidents (contacts, not complaints)")), r["incident_calls"]],
        [tr(QT_TRANSLATE_NOOP("reports", "Further calls about open cases (not new complaints)")), r["further_calls"]],
    ]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Holds and contacts")),
                       [tr(QT_TRANSLATE_NOOP("reports", "Figure")), tr(QT_TRANSLATE_NOOP("reports", "Value"))], rows)


def open_overdue(s: WeeklySummary) -> ReportTable:
    rows = [[r["number"], r["received_at"].strftime("%Y-%m-%d %H:%M"), r["unit"] or "", r["category"],
             Severity(r["severity"]).label(), r["department"] or "",
             r["was_due"].strftime("%m-%d %H:%M")]
            for r in s.open_overdue]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Open and overdue cases at the end of the week")), [
        tr(QT_TRANSLATE_NOOP("reports", "No.")), tr(QT_TRANSLATE_NOOP("reports", "Received")),
        tr(QT_TRANSLATE_NOOP("reports", "Unit")), tr(QT_TRANSLATE_NOOP("reports", "Category")),
        tr(QT_TRANSLATE_NOOP("reports", "Class")), tr(QT_TRANSLATE_NOOP("reports", "Department")),
        tr(QT_TRANSLATE_NOOP("reports", "Was due"))], rows)


def repeats(s: WeeklySummary) -> ReportTable:
    rows = [[r["number"], r["unit"], r["category"], r["earlier_number"]] for r in s.repeats]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Repeat complaints (same unit and category within 30 days)")), [
        tr(QT_TRANSLATE_NOOP("reports", "No.")), tr(QT_TRANSLATE_NOOP("reports", "Unit")),
        tr(QT_TRANSLATE_NOOP("reports", "Category")), tr(QT_TRANSLATE_NOOP("reports", "Earlier complaint"))], rows)


def top_units(s: WeeklySummary) -> ReportTable:
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Units complaining most often")),
                       [tr(QT_TRANSLATE_NOOP("reports", "Unit")), tr(QT_TRANSLATE_NOOP("reports", "Complaints"))],
                       [[u, n] for u, n in s.top_units])


def all_tables(s: WeeklySummary, mask_phones: bool | None = None) -> list[ReportTable]:
    tables = [headline(s), by_class(s), *breakdowns(s), work_orders(s), callbacks(s),
              holds_and_contacts(s), trend(s), open_overdue(s), repeats(s), top_units(s)]
    return [masked(t, mask_phones) for t in tables]


def masked(table: ReportTable, mask_phones: bool | None) -> ReportTable:
    """The table with the phones in its texts masked when masking is wanted (privacy)."""
    mask = privacy.masker(mask_phones)
    return ReportTable(table.title, table.headers, [[mask(v) for v in row] for row in table.rows])
