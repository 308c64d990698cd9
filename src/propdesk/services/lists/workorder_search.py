"""Finding work orders for the dispatch board: filters, quick search, sorted pages.

The shape (cached SQL, raw rows, the clock, quick search) is shared with the complaint and
callback lists in :mod:`propdesk.services.lists.listing`; this module holds the board's columns,
joins and filter.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from propdesk.models.db import phone_text
from propdesk.models.tables import Department, Staff, Unit, WorkOrder, now
from propdesk.services.lists.query_parts import Narrowing, all_of, day_range, ids_by_state, narrowed
from propdesk.services.cases import lateness
from propdesk.services.lists.listing import Listing, address_units, needs_unit_join, text_condition
from propdesk.services.cases.workorders import OPEN_STATES


@dataclass(frozen=True)
class WorkOrderFilter:
    statuses: tuple[str, ...] = ()  # empty: all
    technician_id: int | None = None
    department_id: int | None = None
    urgency: str | None = None
    kind: str | None = None
    complaint_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    overdue_only: bool = False  # not handed over in time (services.cases.lateness)
    unpaid_only: bool = False  # a paid service's fee not yet settled (services.fees.charges)
    quotes_waiting: bool = False  # a quote awaiting a supervisor's approval (services.fees.charges)
    text: str = ""
    at: dt.datetime | None = None


COLUMNS = {
    "number": WorkOrder.number,
    "received_at": WorkOrder.received_at,
    "kind": WorkOrder.kind,
    "unit": Unit.label,
    "contact_name": WorkOrder.contact_name,
    "description": WorkOrder.description,
    "urgency": WorkOrder.urgency,
    "department": Department.name,
    "technician": Staff.name,
    "scheduled_at": WorkOrder.scheduled_at,
    "status": WorkOrder.status,
    "pass_by": WorkOrder.pass_by,
}

ROW_FIELDS = (
    WorkOrder.id, WorkOrder.number, WorkOrder.received_at, WorkOrder.kind,
    Unit.label.alias("unit"), Unit.building.alias("unit_building"), WorkOrder.contact_name,
    WorkOrder.contact_phone,
    fn.substr(WorkOrder.description, 1, 120).alias("description"), WorkOrder.urgency,
    Department.name.alias("department"), Staff.name.alias("technician"), WorkOrder.scheduled_at,
    WorkOrder.status, WorkOrder.pass_by, WorkOrder.dispatched_at, WorkOrder.paid,
    WorkOrder.rework_round, WorkOrder.complaint, WorkOrder.fee, WorkOrder.slip_returned,
    WorkOrder.on_hold_since, WorkOrder.fee_state,
    WorkOrder.window_start,  # the time agreed with the owner: the list's 约定时间 before a visit is set
)


def _where(f: WorkOrderFilter):
    # a state or a technician: its index, or the sort's walk (query_parts.narrowed)
    parts, conds, guessed = [], [], 0
    if f.statuses:
        parts.append(Narrowing(WorkOrder.status.in_(f.statuses), WorkOrder.status))
    else:
        conds.append(WorkOrder.id > 0)
    for value, field in ((f.technician_id, WorkOrder.technician), (f.department_id, WorkOrder.department),
                         (f.complaint_id, WorkOrder.complaint)):  # (each has an index)
        if value:
            parts.append(Narrowing(field == value))
    for value, field in ((f.urgency, WorkOrder.urgency), (f.kind, WorkOrder.kind)):
        if value:
            conds.append(field == value)
            guessed += 1
    conds += day_range(WorkOrder.received_at, f.date_from, f.date_to)
    if f.overdue_only:
        # the rule the board paints red by: handed over late, or not yet and past pass_by
        conds.append(lateness.work_order_late_sql(f.at or now()))
        guessed += 1
    if f.unpaid_only:
        from propdesk.services.fees.charges import unpaid_condition

        parts.append(Narrowing(unpaid_condition()))  # (the fee state's index)
    if f.quotes_waiting:
        from propdesk.services.fees.charges import quote_waiting_condition

        conds.append(quote_waiting_condition())  # (a few orders: the fee lines' own table)
        guessed += 1
    text = text_condition(WorkOrder, f.text, [
        WorkOrder.description, WorkOrder.contact_name, phone_text(WorkOrder.contact_phone), WorkOrder.number,
        WorkOrder.location, Unit.label, WorkOrder.result])
    units = address_units(f.text)
    if units is not None:  # 5-2-802: the units it may mean, and the text as typed
        text = WorkOrder.unit.in_(units) | text
    if text is not None:
        conds.append(text)
        guessed += 1
    return all_of(narrowed(WorkOrder, parts, guessed) + conds)


def _joined(fields):
    return (WorkOrder.select(*fields)
            .join(Unit, JOIN.LEFT_OUTER, on=(WorkOrder.unit == Unit.id)).switch(WorkOrder)
            .join(Department, JOIN.LEFT_OUTER, on=(WorkOrder.department == Department.id)).switch(WorkOrder)
            .join(Staff, JOIN.LEFT_OUTER, on=(WorkOrder.technician == Staff.id)))


def _count_joins(query, f: WorkOrderFilter):
    if needs_unit_join(f.text):
        query = query.join(Unit, JOIN.LEFT_OUTER, on=(WorkOrder.unit == Unit.id))
    return query


def _clock(f: WorkOrderFilter) -> WorkOrderFilter:
    """The filter as a cache key: "now" matters only to the overdue condition."""
    if f.overdue_only:
        return f if f.at else dataclasses.replace(f, at=now())
    return dataclasses.replace(f, at=None) if f.at else f


SORTABLE = ("received_at", "number", "status")  # columns with an index of their own


def _by_state(f: WorkOrderFilter):
    """The ids a text-and-state-only filter keeps (Listing.by_state; as _where): by default
    every work order."""
    return ids_by_state(f, "work_order")


LISTING = Listing(WorkOrder, ROW_FIELDS, COLUMNS, "received_at", _joined, _where, _clock, _count_joins,
                  unit_building="unit_building", sortable=SORTABLE,
                  window_keys={"work_order": WorkOrder.id}, by_state=_by_state,
                  number_day="received_at")


def page(f: WorkOrderFilter, order: str = "received_at", descending: bool = True,
         offset: int = 0, limit: int = 100, after: dict | None = None,
         before: dict | None = None, *, reader) -> list[dict]:
    """One page of the board (one query, SQL cached per filter shape: services.lists.listing)."""
    return LISTING.page(f, order, descending, offset, limit, after, before, reader=reader)


def pages_by_key(order: str) -> bool:
    """Whether a page can continue from a row (``after``/``before``) in this order."""
    return LISTING.pages_by_key(order)


def count(f: WorkOrderFilter, *, reader) -> int:
    return LISTING.count(f, reader=reader)


def open_statuses() -> tuple[str, ...]:
    return OPEN_STATES
