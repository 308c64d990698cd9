"""Finding complaints: filters, quick search and sorted pages for the lazy list.

The shape (cached SQL, raw rows, the clock, quick search) is shared with the work-order and
callback lists in :mod:`propdesk.services.lists.listing`; this module holds what is the
complaint list's own: its columns, joins and filter.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from propdesk.models.db import phone_text
from propdesk.models.enums import ComplaintStatus
from propdesk.models.tables import Category, Complaint, Department, Unit, now
from propdesk.services.cases import lateness
from propdesk.services.lists.listing import Listing, address_units, needs_unit_join, text_condition
from propdesk.services.lists.query_parts import (Narrowing, all_of, day_range, hidden, ids_by_state,
                                                narrowed)


@dataclass(frozen=True)
class ComplaintFilter:
    statuses: tuple[str, ...] = ()  # empty: all but voided
    on_record: bool = False  # the registers: with those voided after closing (lateness.on_record)
    category_id: int | None = None
    severity: str | None = None
    department_id: int | None = None
    building_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    overdue_only: bool = False
    due: str | None = None  # a named condition of services.dashboard (reply_today, escalated ...)
    text: str = ""
    at: dt.datetime | None = None  # "now" for the overdue test


COLUMNS = {
    "number": Complaint.number,
    "received_at": Complaint.received_at,
    "complainant": Complaint.complainant,
    "unit": Unit.label,
    "phone": Complaint.phone,
    "category": Category.name,
    "severity": Complaint.severity,
    "department": Department.name,
    "status": Complaint.status,
    "reply_by": Complaint.reply_by,
    "resolve_by": Complaint.resolve_by,
    "description": Complaint.description,
}

ROW_FIELDS = (
    Complaint.id, Complaint.number, Complaint.received_at, Complaint.complainant,
    Unit.label.alias("unit"), Unit.building.alias("unit_building"), Complaint.phone,
    Category.name.alias("category"),
    Complaint.severity, Department.name.alias("department"), Complaint.status,
    Complaint.reply_by, Complaint.resolve_by, Complaint.replied_at, Complaint.closed_at,
    Complaint.escalation, Complaint.is_group, Complaint.valid,
    fn.substr(Complaint.description, 1, 120).alias("description"),
    Complaint.reopen_count, Complaint.related_to, Complaint.on_hold_since, Complaint.notice_required,
)


def _text_condition(term: str):
    text = text_condition(Complaint, term, [
        Complaint.description, Complaint.complainant, Complaint.location, Complaint.number,
        phone_text(Complaint.phone), Unit.label, Complaint.customer_request, Complaint.people_involved])
    units = address_units(term)
    return text if units is None else (Complaint.unit.in_(units) | text)


def _where(f: ComplaintFilter):
    # the conditions an index answers: which of them it answers is decided with the page's sort
    # (query_parts.narrowed: a rare one its index; else the sort column's walk, or the narrowest
    # one's rows when together they hold for few)
    parts, conds, guessed = [], [], 0
    statuses = f.statuses
    if f.overdue_only:
        # only an open complaint is overdue: the open states among those chosen (none: no rows,
        # the closed ones are not read one by one to find that out)
        open_ = ComplaintStatus.open_codes()
        statuses = tuple(s for s in open_ if s in f.statuses) if f.statuses else tuple(open_)
        # tested on those rows; not counted as narrowing (most open ones may be overdue: a
        # walk then finds its page soon)
        conds.append(hidden(lateness.complaint_overdue_sql(f.at or now())))
    if statuses or f.overdue_only:
        parts.append(Narrowing(Complaint.status.in_(statuses), Complaint.status))
    elif f.on_record:
        conds.append(lateness.on_record_sql())
    else:
        conds.append(Complaint.status != ComplaintStatus.VOIDED.value)
    if f.category_id:
        parts.append(Narrowing(Complaint.category == f.category_id))
    if f.severity:
        parts.append(Narrowing(Complaint.severity == f.severity, Complaint.severity))
    if f.department_id:
        parts.append(Narrowing(Complaint.department == f.department_id))
    if f.building_id:  # the building's units, in the complaint's own column
        units = Unit.select(Unit.id).where(Unit.building == f.building_id)
        parts.append(Narrowing(Complaint.unit.in_(units)))
    conds += day_range(Complaint.received_at, f.date_from, f.date_to)
    if f.due:
        # the dashboard's named conditions: its numbers and these lists agree by construction
        from propdesk.services.lists.dashboard import complaint_conditions

        named = complaint_conditions(f.at or now())
        conds.append(Complaint.status.in_(ComplaintStatus.open_codes()) & named[f.due])
        guessed += 1
    text = _text_condition(f.text)
    if text is not None:
        conds.append(text)
        guessed += 1
    return all_of(narrowed(Complaint, parts, guessed) + conds)


def _base(fields):
    # Every join LEFT (a complaint always has its category, so the rows are the same): SQLite
    # keeps the complaint as the outer loop and walks the sorted index, stopping at the page's
    # end. With an inner join and planner figures (ANALYZE) it starts from the eleven
    # categories instead and sorts every complaint: 1 ms became 600 ms at 100,000.
    return (Complaint.select(*fields)
            .join(Unit, join_type=JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id)).switch(Complaint)
            .join(Category, join_type=JOIN.LEFT_OUTER, on=(Complaint.category == Category.id)).switch(Complaint)
            .join(Department, join_type=JOIN.LEFT_OUTER, on=(Complaint.department == Department.id)))


def _clock(f: ComplaintFilter) -> ComplaintFilter:
    """The filter as a cache key: "now" matters only to the overdue and due conditions."""
    if f.overdue_only or f.due:
        return f if f.at else dataclasses.replace(f, at=now())
    return dataclasses.replace(f, at=None) if f.at else f


def _count_joins(query, f: ComplaintFilter):
    if f.building_id or needs_unit_join(f.text):
        query = query.join(Unit, join_type=JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
    return query


# columns with an index of their own (see models.tables.Complaint): the sorts the list offers
SORTABLE = ("received_at", "number", "status", "severity", "resolve_by")


def _by_state(f: ComplaintFilter):
    """The ids a text-and-state-only filter keeps (Listing.by_state; as _where): by default
    every complaint but the voided ones."""
    voided = ("SELECT id FROM complaint WHERE status = ?", [ComplaintStatus.VOIDED.value], False)
    return ids_by_state(f, "complaint", voided)


LISTING = Listing(Complaint, ROW_FIELDS, COLUMNS, "received_at", _base, _where, _clock, _count_joins,
                  unit_building="unit_building", sortable=SORTABLE,
                  window_keys={"complaint": Complaint.id}, by_state=_by_state,
                  number_day="received_at")


def page(f: ComplaintFilter, order: str = "received_at", descending: bool = True,
         offset: int = 0, limit: int = 100, after: dict | None = None,
         before: dict | None = None, *, reader) -> list[dict]:
    """One page of list rows (one query, SQL cached per filter shape: services.lists.listing)."""
    return LISTING.page(f, order, descending, offset, limit, after, before, reader=reader)


def pages_by_key(order: str) -> bool:
    """Whether a page can continue from a row (``after``/``before``) in this order."""
    return LISTING.pages_by_key(order)


def count(f: ComplaintFilter, *, reader) -> int:
    return LISTING.count(f, reader=reader)
