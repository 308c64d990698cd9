"""A technician's own view: the jobs assigned to them, and nothing else.

``jobs(actor)`` gives today's jobs and every open one assigned to the signed-in technician (one
query), with what the visit needs: the address, the contact's name and phone, the agreed time.
``job(actor, id)`` gives one of them; another person's job is refused (audited). Recording the
arrival, the result and the signed slip goes through ``workorders.start/complete/confirm_slip``,
which refuse a technician's action on someone else's job.

The desk's roles (clerk, supervisor, administrator) may read anyone's jobs here too (``of``), which
the dispatch board uses; a technician may not read the desk's records (``records.read``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN

from propdesk.errors import PermissionDenied
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Role, WorkOrderStatus
from propdesk.models.tables import Building, Estate, Owner, Unit, WorkOrder, now
from propdesk.services.core import audit
from propdesk.services.core.db_retry import transaction
from propdesk.services.lists.query_parts import unindexed
from propdesk.services.register.address import estate_names, several_estates, unit_display

S = WorkOrderStatus
# a job stays on the technician's list until its result is in and the slip is back
OPEN_FOR_TECHNICIAN = (S.ASSIGNED.value, S.IN_PROGRESS.value, S.REWORK.value, S.DONE.value)
MSG_TECHNICIANS_ONLY = QT_TRANSLATE_NOOP("rules", "\"My jobs\" is the technicians' own list.")


@dataclass
class Job:
    id: int
    number: str
    status: str
    urgency: str
    scheduled_at: dt.datetime | None
    window_start: dt.datetime | None
    window_end: dt.datetime | None
    address: str
    contact_name: str
    contact_phone: str
    description: str
    arrived_at: dt.datetime | None
    finished_at: dt.datetime | None
    result: str
    materials: str
    slip_returned: bool
    paid: bool
    fee: Decimal
    rework_round: int

    @property
    def needs_slip(self) -> bool:
        return self.status == S.DONE.value and not self.slip_returned


def _require_technician(actor) -> None:
    if actor is None or not actor.active or actor.role != Role.TECHNICIAN.value:
        with transaction():
            audit.record(actor, "work_order", 0, "refused", note="my_jobs")
        raise PermissionDenied(MSG_TECHNICIANS_ONLY)


def _job(wo: WorkOrder) -> Job:
    return Job(id=wo.id, number=wo.number, status=wo.status, urgency=wo.urgency,
               scheduled_at=wo.scheduled_at, window_start=wo.window_start, window_end=wo.window_end,
               address=job_address(wo), contact_name=wo.contact_name, contact_phone=wo.contact_phone,
               description=wo.description, arrived_at=wo.arrived_at, finished_at=wo.finished_at,
               result=wo.result, materials=wo.materials, slip_returned=bool(wo.slip_returned),
               paid=bool(wo.paid), fee=Decimal(wo.fee or 0), rework_round=wo.rework_round)


def job_address(wo: WorkOrder) -> str:
    """Where the technician goes: the unit (with its estate in an office of several) and the
    place, said once ("3栋2单元1201卫生间"), or separated ("阳光花园 11栋2单元1001，11栋消防通道").
    A public-area job without a unit names the estate of the caller's home (the only estate the
    order knows) unless the place already names an estate."""
    location = (wo.location or "").strip()
    if wo.unit_id:
        unit, shown = wo.unit.label, unit_display(wo.unit)
        if location.startswith(unit):
            return location.replace(unit, shown, 1)
        return "，".join(p for p in (shown, location) if p)
    if not location or not several_estates():
        return location
    if any(location.startswith(name) for name in estate_names()):
        return location
    estate = (Estate.select(Estate.name).join(Building).join(Unit).join(Owner)
              .where(Owner.id == wo.owner_id).scalar()) if wo.owner_id else None
    return f"{estate} {location}" if estate else location


def jobs(actor, day: dt.date | None = None) -> list[Job]:
    """The technician's jobs: those scheduled for ``day`` (today) whatever their state, and every
    job still open (not yet signed off, slip not back); earliest first. Technicians only; the
    read is audited like every read of personal data."""
    _require_technician(actor)
    day = day or now().date()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    # Found through the two small sets it can come from, each on its own index: the open
    # orders (a few hundred in the office, index on status; the technician's index is kept out
    # with a unary +) and the technician's orders of the day ((technician, scheduled_at)).
    # Asked as one condition, SQLite walked all of the technician's orders of ten years
    # (31,750 at 1,000,000 complaints: 328 ms on the GUI thread; now 0.3 ms).
    candidates = (WorkOrder.select(WorkOrder.id)
                  .where(WorkOrder.status.in_(OPEN_FOR_TECHNICIAN) & (unindexed(WorkOrder.technician) == actor.id))
                  | WorkOrder.select(WorkOrder.id)
                  .where((WorkOrder.technician == actor.id) & (WorkOrder.scheduled_at >= start)
                         & (WorkOrder.scheduled_at < end)))
    query = (WorkOrder.select(WorkOrder, Unit).join(Unit, JOIN.LEFT_OUTER)
             .where(WorkOrder.id.in_(candidates)  # (the technician's only: no second condition on it,
                    # which had the planner walk their index again)
                    & ((WorkOrder.status.in_(OPEN_FOR_TECHNICIAN)
                        & ~((WorkOrder.status == S.DONE.value) & (WorkOrder.slip_returned == True)))  # noqa: E712 - peewee: `== True` builds SQL
                       | ((WorkOrder.scheduled_at >= start) & (WorkOrder.scheduled_at < end)
                          & (WorkOrder.status != S.CANCELLED.value))))
             .order_by(WorkOrder.scheduled_at.asc(nulls="LAST"), WorkOrder.id))
    rows = [_job(wo) for wo in query]
    with transaction():
        audit.record(actor, "work_order", 0, "read", note=f"my_jobs {len(rows)}")
    return rows


def job(actor, wo_id: int) -> Job:
    """One job of the signed-in technician (another person's job is refused, audited)."""
    from propdesk.services.cases import workorders

    return _job(workorders.read(wo_id, reader=actor))
