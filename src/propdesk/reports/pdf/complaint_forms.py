"""The two forms filed for every complaint (docs/registers.md, "Forms"):

- 客户信息登记表 (customer information form): what was taken at intake;
- 客户意见处理记录表 (customer opinion handling record): classification, cause, corrective
  action, result, the complainant's opinion and signature (投诉人意见), the handler's signature
  and the supervisor's check.

Both are :class:`~propdesk.reports.pdf.form.FormDef` definitions drawn by the one form engine.
"""
from __future__ import annotations

import datetime as dt

from reportlab.platypus import PageBreak
from peewee import JOIN

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Channel, ContactMethod, Escalation, Satisfaction, Severity
from propdesk.models.tables import Callback, Staff
from propdesk.services.lists.query_parts import unindexed
from propdesk.reports.pdf.form import Field, FormDef, form_story
from propdesk.reports.pdf.page import PageSpec, build, frame_width, tr
from propdesk.services.cases import complaints
from propdesk.services.core import accounts, settings
from propdesk.services.register import privacy
from propdesk.services.register.address import unit_display

# Labels marked one per line (lupdate reads only literal QT_TRANSLATE_NOOP calls).
LABELS = {
    "complainant": QT_TRANSLATE_NOOP("reports", "Complainant"),
    "unit": QT_TRANSLATE_NOOP("reports", "Unit"),
    "phone": QT_TRANSLATE_NOOP("reports", "Phone"),
    "received_at": QT_TRANSLATE_NOOP("reports", "Time received"),
    "channel": QT_TRANSLATE_NOOP("reports", "Channel"),
    "occurred_at": QT_TRANSLATE_NOOP("reports", "When it happened"),
    "location": QT_TRANSLATE_NOOP("reports", "Where"),
    "people_involved": QT_TRANSLATE_NOOP("reports", "People involved"),
    "description": QT_TRANSLATE_NOOP("reports", "What happened"),
    "customer_request": QT_TRANSLATE_NOOP("reports", "Customer's request"),
    "evidence": QT_TRANSLATE_NOOP("reports", "Evidence shown"),
    "taken_by": QT_TRANSLATE_NOOP("reports", "Taken by"),
    "date": QT_TRANSLATE_NOOP("reports", "Date"),
    "callback": QT_TRANSLATE_NOOP("reports", "Callback record"),
    "number": QT_TRANSLATE_NOOP("reports", "No."),
    "category": QT_TRANSLATE_NOOP("reports", "Category"),
    "severity": QT_TRANSLATE_NOOP("reports", "Class"),
    "department": QT_TRANSLATE_NOOP("reports", "Department"),
    "replied": QT_TRANSLATE_NOOP("reports", "Replied at"),
    "content": QT_TRANSLATE_NOOP("reports", "Content"),
    "reply_note": QT_TRANSLATE_NOOP("reports", "Reply"),
    "cause": QT_TRANSLATE_NOOP("reports", "Cause"),
    "action": QT_TRANSLATE_NOOP("reports", "Corrective action"),
    "result": QT_TRANSLATE_NOOP("reports", "Handling result"),
    "customer_opinion": QT_TRANSLATE_NOOP("reports", "Complainant's opinion"),
    "handler": QT_TRANSLATE_NOOP("reports", "Handler's signature"),
    "check": QT_TRANSLATE_NOOP("reports", "Supervisor's check"),
    "closed_at": QT_TRANSLATE_NOOP("reports", "Date closed"),
    "callback_short": QT_TRANSLATE_NOOP("reports", "Callback result"),
    "history": QT_TRANSLATE_NOOP("reports", "Earlier rounds (reopened)"),
    "escalation": QT_TRANSLATE_NOOP("reports", "Escalation"),
    "head_told": QT_TRANSLATE_NOOP("reports", "Office head told"),
    "callback_agreed": QT_TRANSLATE_NOOP("reports", "Callback time agreed"),
}
# one escalation on the form: Escalation's own label (已升级至主管 / 已升级至管理处主任), when, by whom
ESCALATED = QT_TRANSLATE_NOOP("reports", "{to} {at} {by}")
HEAD_TOLD_NOT_YET = QT_TRANSLATE_NOOP("reports", "not yet")
ROUND_LINE = QT_TRANSLATE_NOOP(
    "reports", "Round {n}: cause {cause}; action {action}; result {result}; complainant's opinion "
               "{opinion}{signed}. Reopened {at}: {reason}")
SIGNED = QT_TRANSLATE_NOOP("reports", " (signed)")
GROUP = QT_TRANSLATE_NOOP("reports", "{severity} (group complaint)")
INVALID = QT_TRANSLATE_NOOP("reports", "{severity} (invalid: {reason})")
SIGN_CALLBACK = QT_TRANSLATE_NOOP("reports", "Called back by: ____________    Date: ____________")
SIGN_COMPLAINANT = QT_TRANSLATE_NOOP(
    "reports", "Complainant's signature: ____________    Date: ____________")
SIGN_SUPERVISOR = QT_TRANSLATE_NOOP(
    "reports", "Supervisor's signature: ____________    Date: ____________")


def F(key: str, label: str | None = None, **kw) -> Field:  # noqa: N802 - reads like a form
    """A field showing data[key] under LABELS[label or key]; key "" leaves the box blank."""
    return Field(LABELS[label or key], key, **kw)


CUSTOMER_INFO = FormDef(QT_TRANSLATE_NOOP("reports", "Customer information form"), [
    [F("complainant"), F("unit")],
    [F("phone"), F("received_at")],
    [F("channel"), F("occurred_at")],
    [F("location", wide=True)],
    [F("people_involved", wide=True)],
    [F("description", wide=True, height=62)],
    [F("customer_request", wide=True, height=32)],
    [F("evidence", wide=True, height=14)],
    [F("taken_by"), F("taken_on", "date")],
    [F("callback", wide=True, height=26, sign=SIGN_CALLBACK)],
])

OPINION_RECORD = FormDef(QT_TRANSLATE_NOOP("reports", "Customer opinion handling record"), [
    [F("number"), F("received_at")],
    [F("complainant"), F("unit")],
    [F("category"), F("severity")],
    [F("department"), F("replied")],
    [F("description", "content", wide=True, height=18)],
    [F("reply_note", wide=True, height=14)],
    [F("cause", wide=True, height=18)],
    [F("action", wide=True, height=18)],
    [F("result", wide=True, height=18)],
    [F("customer_opinion", wide=True, height=30, sign=SIGN_COMPLAINANT)],
    # not satisfied: escalated to the supervisor, then the office head, a callback time agreed
    [F("escalation", wide=True)],
    [F("head_told"), F("callback_agreed")],
    [F("", "handler"), F("", "date")],
    [F("", "check", wide=True, height=22, sign=SIGN_SUPERVISOR)],
    [F("closed_at"), F("callback_short")],
    [F("history", wide=True, optional=True)],  # a case never reopened has none; printed, not written by hand
])

FORMS = {"customer_info": CUSTOMER_INFO, "opinion_record": OPINION_RECORD}


def complaint_forms_pdf(complaint_id: int, path, forms: tuple[str, ...] = tuple(FORMS),
                        mask_phones: bool | None = None) -> None:
    """Print the complaint's forms (both by default, one per A4 page) to the PDF ``path``;
    ``mask_phones`` (None: the office's setting) masks phones in every field.

    Raises NotFound (translated) when there is no such complaint."""
    data = privacy.mask_values(form_data(complaint_id), mask_phones)
    office = settings.get("office_name") or ""
    spec = PageSpec(landscape=False)
    story = []
    for name in forms:
        if story:
            story.append(PageBreak())
        story += form_story(FORMS[name], data, frame_width(spec), office, data["number"])
    build(path, story, spec, title_meta=f"{data['number']} {tr(CUSTOMER_INFO.title)}")


def _when(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, dt.date) else ""


def _label(enum, code: str) -> str:
    return enum(code).label() if code in enum._value2member_map_ else (code or "")


def form_data(complaint_id: int) -> dict[str, str]:
    """Everything both forms print, as text, from two queries (the complaint and its callbacks)."""
    c = complaints.get(complaint_id)
    creator = Staff.get_or_none(Staff.id == c.created_by_id)
    severity = _label(Severity, c.severity)
    if c.is_group:
        severity = tr(GROUP).format(severity=severity)
    if not c.valid:
        severity = tr(INVALID).format(severity=severity, reason=c.invalid_reason)
    replied = _when(c.replied_at)
    if replied and c.reply_method:
        replied += f" {_label(ContactMethod, c.reply_method)}"
    data = {
        "number": c.number, "complainant": c.complainant, "unit": unit_display(c.unit) if c.unit else "",
        "phone": c.phone, "received_at": _when(c.received_at),
        "channel": _label(Channel, c.channel), "occurred_at": _when(c.occurred_at),
        "location": c.location, "people_involved": c.people_involved,
        "description": c.description, "customer_request": c.customer_request,
        "evidence": c.evidence, "taken_by": creator.name if creator else "",
        "taken_on": _when(c.created_at.date() if c.created_at else None),
        "category": c.category.name, "severity": severity,
        "department": c.department.name if c.department else "", "replied": replied,
        "reply_note": c.reply_note, "cause": c.cause, "action": c.action, "result": c.result,
        "customer_opinion": c.customer_opinion, "closed_at": _when(c.closed_at),
    }
    data.update(_callbacks(complaint_id))
    data.update(_escalation(c))
    data["history"] = "\n".join(tr(ROUND_LINE).format(
        n=r["round"], cause=r["cause"] or "—", action=r["action"] or "—", result=r["result"] or "—",
        opinion=r["customer_opinion"] or "—", signed=tr(SIGNED) if r["signature_received"] else "",
        at=_when(r["reopened_at"]), reason=r["reason"]) for r in complaints.handling_rounds(complaint_id, reader=accounts.PROGRAM))
    return data


def _callbacks(complaint_id: int) -> dict[str, str]:
    done_by = Staff.alias()
    query = (Callback.select(Callback, done_by.name.alias("by"))
             .join(done_by, JOIN.LEFT_OUTER, on=(Callback.done_by == done_by.id))
             .where((Callback.complaint == complaint_id) & (unindexed(Callback.status) == "done"))
             .order_by(Callback.done_at, Callback.id))
    lines, last = [], ""
    for cb in query.objects():
        last = _label(Satisfaction, cb.satisfaction)
        how = _label(ContactMethod, cb.method)
        words = f"：{cb.owner_words}" if cb.owner_words else ""
        lines.append(f"{_when(cb.done_at)} {how} {cb.by or ''} — {last}{words}".strip())
    return {"callback": "\n".join(lines), "callback_short": last}


def _escalation(c) -> dict[str, str]:
    """Escalations (to whom, when, by whom), the office head told (by ``complaints.head_told``,
    the rule the case view follows) and the callback time agreed at the last escalation."""
    steps = complaints.escalations(c.id, reader=accounts.PROGRAM)
    lines = [tr(ESCALATED).format(to=_label(Escalation, s["to"]), at=_when(s["at"]), by=s["by"]).strip()
             for s in steps if s["to"] != Escalation.NONE.value]
    if not steps and c.escalation != Escalation.NONE.value:  # escalated with no history kept
        lines.append(_label(Escalation, c.escalation))
    if c.head_notified_at:
        told_by = Staff.get_or_none(Staff.id == c.head_notified_by_id) if c.head_notified_by_id else None
        head = f"{_when(c.head_notified_at)} {told_by.name if told_by else ''}".strip()
    elif complaints.head_told(c):  # escalated to the head before escalating recorded the time
        head = _label(Escalation, c.escalation)
    else:
        head = tr(HEAD_TOLD_NOT_YET) if complaints.needs_head_notice(c) else ""
    agreed = [s["callback_at"] for s in steps if s["callback_at"]]
    return {"escalation": "\n".join(lines), "head_told": head,
            "callback_agreed": _when(agreed[-1]) if agreed else ""}
