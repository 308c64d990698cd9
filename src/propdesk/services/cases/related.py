"""Related cases at intake: the unit's (or caller's) open and recent complaints, so the clerk
can link a new complaint as a repeat (重复投诉) or add the call to the open case as a further
contact instead of opening a new one."""
from __future__ import annotations

import datetime as dt

from peewee import JOIN

from propdesk.errors import NotFound
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Channel, ComplaintStatus
from propdesk.models.tables import Category, Complaint, ComplaintContact, Staff, Unit, WorkOrder, now
from propdesk.services.cases import complaints
from propdesk.services.cases.workorders import OPEN_STATES
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import settings
from propdesk.services.core.db_retry import transaction
from propdesk.services.register.owners import phone_digits
from propdesk.services.core.validation import Checker

DEFAULT_DAYS = 30


def window_days() -> int:
    return int(settings.get("repeat_days") or DEFAULT_DAYS)


def recent_cases(unit_id: int | None = None, phone: str = "", category_id: int | None = None,
                 at: dt.datetime | None = None, limit: int = 20, *, reader) -> list[dict]:
    """Open cases of the unit (or the caller's phone), and the ones received in the repeat
    window; those of the same category first."""
    accounts.require_reader(reader, "complaint")
    at = at or now()
    digits = phone_digits(phone)
    if not unit_id and len(digits) < 7:
        return []
    who = (Complaint.unit == unit_id) if unit_id else (Complaint.phone_digits == digits)
    since = at - dt.timedelta(days=window_days())
    rows = (Complaint.select(Complaint.id, Complaint.number, Complaint.received_at, Complaint.status,
                             Complaint.category, Category.name.alias("category_name"),
                             Complaint.description, Unit.label.alias("unit"))
            .join(Category, on=(Complaint.category == Category.id)).switch(Complaint)
            .join(Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
            .where(who & (Complaint.status != ComplaintStatus.VOIDED.value)
                   & (Complaint.status.in_(ComplaintStatus.open_codes()) | (Complaint.received_at >= since)))
            .order_by(Complaint.received_at.desc()).limit(limit).dicts())
    rows = list(rows)
    for r in rows:
        r["same_category"] = bool(category_id) and r["category"] == category_id
        r["open"] = r["status"] in ComplaintStatus.open_codes()
    return sorted(rows, key=lambda r: (not r["same_category"], not r["open"]))


def open_work_orders(unit_id: int | None, *, reader, limit: int = 20) -> list[dict]:
    """The unit's work orders not yet signed off or cancelled (repairs and complaint follow-ups),
    newest first: the repair form shows them so a second call about the same fault is not
    raised as a second order."""
    accounts.require_reader(reader, "work_order")
    if not unit_id:
        return []
    rows = (WorkOrder.select(WorkOrder.id, WorkOrder.number, WorkOrder.received_at, WorkOrder.status,
                             WorkOrder.description, WorkOrder.location, WorkOrder.scheduled_at,
                             WorkOrder.rework_round)
            .where((WorkOrder.unit == unit_id) & WorkOrder.status.in_(OPEN_STATES))
            .order_by(WorkOrder.received_at.desc()).limit(limit).dicts())
    return list(rows)


def add_contact(actor: Staff, complaint_id: int, name: str, phone: str, note: str,
                channel: str = Channel.PHONE.value, at: dt.datetime | None = None) -> ComplaintContact:
    """Another call about a case already open: on its timeline, not a new complaint."""
    accounts.require(actor, "complaint.handle", "complaint", complaint_id)
    at = at or now()
    c = Checker()
    name = c.text("complainant", name, max_len=60)
    phone, _digits = c.phone("phone", phone)
    note = c.text("description", note, required=True, max_len=2000)
    c.choice("channel", channel, {m.value for m in Channel})
    c.raise_if_any()
    with transaction():
        complaint = Complaint.get_or_none(Complaint.id == complaint_id)
        if complaint is None:
            raise NotFound(QT_TRANSLATE_NOOP("rules", "No such complaint."))
        complaints.check_takes_work(complaint)  # closed: reopen it first; voided: a new complaint
        contact = ComplaintContact.create(complaint=complaint, at=at, name=name, phone=phone,
                                          channel=channel, note=note, taken_by=actor)
        audit.record(actor, "complaint", complaint_id, "contact", note=f"{name} {phone}：{note}", at=at)
        return contact


def contacts(complaint_id: int) -> list[ComplaintContact]:
    return list(ComplaintContact.select().where(ComplaintContact.complaint == complaint_id)
                .order_by(ComplaintContact.at))
