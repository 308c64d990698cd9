"""Finding callbacks for the callback tab: due today, overdue, upcoming, by clerk, building, type."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from propdesk.models.enums import CallbackStatus
from propdesk.models.tables import Callback, Complaint, Incident, IncidentContact, Staff, Unit, WorkOrder

DUE = CallbackStatus.DUE.value
VIEWS = ("today", "overdue", "upcoming", "open", "done", "all")


@dataclass
class CallbackFilter:
    view: str = "open"
    day: dt.date | None = None  # one day of the week view
    clerk_id: int | None = None
    building_id: int | None = None
    kind: str | None = None  # "complaint" | "work_order" | "incident"
    text: str = ""
    today: dt.date | None = None


UnitC = Unit.alias()
UnitW = Unit.alias()
UnitI = Unit.alias()
unit_label = fn.COALESCE(UnitC.label, UnitW.label, UnitI.label)
building = fn.COALESCE(UnitC.building, UnitW.building, UnitI.building)
case_number = fn.COALESCE(Complaint.number, WorkOrder.number, Incident.number)
contact_name = fn.COALESCE(Complaint.complainant, WorkOrder.contact_name, IncidentContact.name)
contact_phone = fn.COALESCE(Complaint.phone, WorkOrder.contact_phone, IncidentContact.phone)

COLUMNS = {
    "number": Callback.number,
    "due_date": Callback.due_date,
    "case": case_number,
    "unit": unit_label,
    "contact": contact_name,
    "clerk": Staff.name,
    "attempts": Callback.attempts,
    "status": Callback.status,
}

ROW_FIELDS = (
    Callback.id, Callback.number, Callback.due_date, Callback.promised_by, Callback.status,
    Callback.attempts, Callback.satisfaction, Callback.reached, Callback.done_at,
    Callback.complaint, Callback.work_order, Staff.name.alias("clerk"),
    case_number.alias("case"), unit_label.alias("unit"), contact_name.alias("contact"),
    contact_phone.alias("phone"),
    fn.substr(fn.COALESCE(Complaint.description, WorkOrder.description, Incident.title), 1, 80).alias("summary"),
)


def _where(f: CallbackFilter):
    today = f.today or dt.date.today()
    views = {
        "today": (Callback.status == DUE) & (Callback.due_date == today),
        "overdue": (Callback.status == DUE) & (Callback.due_date < today),
        "upcoming": (Callback.status == DUE) & (Callback.due_date > today),
        "open": Callback.status == DUE,
        "done": Callback.status == CallbackStatus.DONE.value,
        "all": Callback.id > 0,
    }
    cond = views[f.view]
    if f.day:
        cond &= Callback.due_date == f.day
    if f.clerk_id:
        cond &= Callback.assigned_to == f.clerk_id
    if f.building_id:
        cond &= building == f.building_id
    if f.kind == "complaint":
        cond &= Callback.complaint.is_null(False)
    elif f.kind == "work_order":
        cond &= Callback.work_order.is_null(False)
    elif f.kind == "incident":
        cond &= Callback.incident_contact.is_null(False)
    if f.text.strip():
        term = f.text.strip()
        cond &= (Callback.number.contains(term) | case_number.contains(term) | unit_label.contains(term)
                 | contact_name.contains(term) | contact_phone.contains(term))
    return cond


def _joined(*fields):
    return (Callback.select(*fields)
            .join(Staff, JOIN.LEFT_OUTER, on=(Callback.assigned_to == Staff.id)).switch(Callback)
            .join(Complaint, JOIN.LEFT_OUTER, on=(Callback.complaint == Complaint.id))
            .join(UnitC, JOIN.LEFT_OUTER, on=(Complaint.unit == UnitC.id)).switch(Callback)
            .join(WorkOrder, JOIN.LEFT_OUTER, on=(Callback.work_order == WorkOrder.id))
            .join(UnitW, JOIN.LEFT_OUTER, on=(WorkOrder.unit == UnitW.id)).switch(Callback)
            .join(IncidentContact, JOIN.LEFT_OUTER, on=(Callback.incident_contact == IncidentContact.id))
            .join(UnitI, JOIN.LEFT_OUTER, on=(IncidentContact.unit == UnitI.id)).switch(IncidentContact)
            .join(Incident, JOIN.LEFT_OUTER, on=(IncidentContact.incident == Incident.id)))


def page(f: CallbackFilter, order: str = "due_date", descending: bool = False,
         offset: int = 0, limit: int = 100) -> list[dict]:
    column = COLUMNS.get(order, Callback.due_date)
    query = (_joined(*ROW_FIELDS).where(_where(f))
             .order_by(column.desc() if descending else column.asc(),
                       Callback.id.desc() if descending else Callback.id.asc())
             .offset(offset).limit(limit))
    return list(query.dicts())


def count(f: CallbackFilter) -> int:
    return _joined(fn.COUNT(Callback.id)).where(_where(f)).scalar()
