"""Finding callbacks for the callback tab: due today, overdue, upcoming, by clerk, building, type.

The shape (cached SQL, raw rows, the clock, quick search) is shared with the complaint and
work-order lists in :mod:`propdesk.services.lists.listing`; this module holds the callback
list's columns, joins and filter. "Today" is the filter's own (the caller's clock), else
:func:`propdesk.models.tables.now`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, fn

from propdesk.models import is_sqlite
from propdesk.models.db import phone_text
from propdesk.models.enums import CallbackStatus
from propdesk.models.tables import (Callback, Complaint, Incident, IncidentContact, Staff, Unit,
                                    WorkOrder, now)
from propdesk.services.lists.query_parts import index_if_few, walk_if_many
from propdesk.services.lists.listing import (Listing, address_units, contains_term, counting, fts_matches, in_dated,
                                             in_window, many_matches, many_names, number_range, or_initials,
                                             prefix_term, uses_index, walk_in)
from propdesk.services.lists import listing as listing_rules
from propdesk.services.core import numbering
from propdesk.services.register.owners import normalize_text

DUE = CallbackStatus.DUE.value


@dataclass(frozen=True)
class CallbackFilter:
    view: str = "open"
    day: dt.date | None = None  # one day of the week view
    clerk_id: int | None = None
    building_id: int | None = None
    kind: str | None = None  # "complaint" | "work_order" | "incident"
    text: str = ""
    today: dt.date | None = None  # the caller's clock; None: now()


UnitC = Unit.alias()
UnitW = Unit.alias()
UnitI = Unit.alias()
unit_label = fn.COALESCE(UnitC.label, UnitW.label, UnitI.label)
unit_building = fn.COALESCE(UnitC.building, UnitW.building, UnitI.building)
building = fn.COALESCE(UnitC.building, UnitW.building, UnitI.building)
case_number = fn.COALESCE(Complaint.number, WorkOrder.number, Incident.number)
contact_name = fn.COALESCE(Complaint.complainant, WorkOrder.contact_name, IncidentContact.name)
contact_phone = fn.COALESCE(Complaint.phone, WorkOrder.contact_phone, IncidentContact.phone)
# what the search reads of it: the phone and its digits (models.db.phone_text_sql)
contact_phone_text = fn.COALESCE(phone_text(Complaint.phone), phone_text(WorkOrder.contact_phone),
                                 phone_text(IncidentContact.phone))

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
    case_number.alias("case"), unit_label.alias("unit"), unit_building.alias("unit_building"),
    contact_name.alias("contact"),
    contact_phone.alias("phone"),
    fn.substr(fn.COALESCE(Complaint.description, WorkOrder.description, Incident.title), 1, 80).alias("summary"),
)


# what the complaint's and the work order's trigram indexes hold of what the list shows
COMPLAINT_TEXT = ("number", "complainant", "phone", "unit_label")
WORK_ORDER_TEXT = ("number", "contact_name", "contact_phone", "unit_label")


FEW_VIEWS = ("today", "overdue", "upcoming", "open")  # the callbacks still due


def _few(f: CallbackFilter) -> bool:
    """The callbacks ``f`` keeps without its text are few (SQLite): a view of the callbacks still
    due (567 of 1,160,000 at a million complaints), or one day's, holding at most MANY. Their
    page and count then read them through the status (or due date) index and test each one's
    text with LIKE on its joined row (:func:`_typed_text_condition`), instead of collecting
    every match of the term from the search indexes first (TS-2023: 100,000 callbacks; 70:
    300,000) to keep the few still due: 0.4-1 s at a million, for a page that is often empty.
    Asked for each page (a count of at most MANY + 1 index entries)."""
    if not is_sqlite() or not normalize_text(f.text) or not (f.view in FEW_VIEWS or f.day):
        return False
    rest = _where(dataclasses.replace(f, text=""))
    query = _joined((SQL("1"),)) if f.building_id else Callback.select(SQL("1"))
    return query.where(rest).limit(listing_rules.MANY + 1).count() <= listing_rules.MANY


def _text_condition(text: str, few: bool = False):
    """The callback's number, or its case's number, unit, contact or phone, contains ``text``.
    With the search indexes (SQLite) every part is a set of ids on an indexed column of the
    callback itself (its number's index, the complaint's and the work order's indexes, the few
    incident calls), so SQLite unions index look-ups instead of reading every callback with
    its joins (0.3-0.7 s at 100,000 complaints before); PostgreSQL has the same in one indexed
    column (models.pg_search)."""
    term = normalize_text(text)
    if not term:
        return None
    units = address_units(term)
    on_units = None
    if units:  # as ids on the callback's own indexed columns, like the text below
        on_units = (Callback.complaint.in_(Complaint.select(Complaint.id).where(Complaint.unit.in_(units)))
                    | Callback.work_order.in_(WorkOrder.select(WorkOrder.id).where(WorkOrder.unit.in_(units)))
                    | Callback.incident_contact.in_(IncidentContact.select(IncidentContact.id)
                                                    .where(IncidentContact.unit.in_(units))))
    walk = few or in_window() or (not in_dated() and _many(term))
    text = _typed_text_condition(term, walk, few)
    for column, table in ((Callback.complaint, "complaint"), (Callback.work_order, "work_order")):
        text = or_initials(text, column, table, term, walk, few)  # zw: the cases of 张伟 (models.name_index)
    return text if on_units is None else (on_units | text)  # 5-2-802: its units, and the text


def _many(term: str) -> bool:
    """More than MANY cases (or callbacks) match ``term`` in any of the indexes the callback list
    searches (SQLite): the page then walks the due dates through ``callback_due_cases``, which
    holds every key the text is tested on, instead of looking every match's callbacks up and
    sorting them (the cases of lt, zw: 5,000-8,000 callbacks spread over ten years, 60-90 ms a
    page at a million; walked, 10-40 ms). A rarer term keeps the look-ups, and so does the start
    of a number: its matches are the days of one period, which a walk from the list's start
    would reach only after the years before them (its first page by due date has its own way:
    listing, "Dated numbers")."""
    if not is_sqlite() or not uses_index(term) or counting() or number_range(term) is not None:
        return False
    return any(many_matches(table, term, columns) or many_names(table, term)
               for table, columns in (("complaint", COMPLAINT_TEXT), ("work_order", WORK_ORDER_TEXT),
                                      ("callback", ())))


def _typed_text_condition(term: str, walk: bool = False, few: bool = False):
    if not is_sqlite():  # the callback's own search text holds its case's (models.pg_search)
        from propdesk.services.lists import pg_search

        return pg_search.condition(Callback, term)
    # LIKE: a term no index answers, one character in a window (listing: "The window"), or a
    # few rows tested one by one (_few; FTS5 asked for one rowid reads the term's whole list)
    if not uses_index(term) or (in_window() and prefix_term(term)) or few:
        fields = [Callback.number, case_number, unit_label, contact_name, contact_phone_text]
        incident = contains_term([Incident.number, UnitI.label, IncidentContact.name,
                                  phone_text(IncidentContact.phone)], term)
        return contains_term(fields, term) | (Callback.incident_contact.is_null(False) & incident)
    ic, inc, unit = IncidentContact.alias("ic"), Incident.alias("inc"), Unit.alias("icu")
    incident_calls = (ic.select(ic.id)
                      .join(inc, JOIN.LEFT_OUTER, on=(ic.incident == inc.id)).switch(ic)
                      .join(unit, JOIN.LEFT_OUTER, on=(ic.unit == unit.id))
                      .where(contains_term([inc.number, unit.label, ic.name, phone_text(ic.phone)], term)))
    # in a window (listing: "The window") each row of it is tested against the cut sets; and
    # the due dates are walked when there are many matches (_many)
    is_in = walk_in if walk else (lambda column, subquery: column.in_(subquery))
    return (is_in(Callback.id, fts_matches("callback", term))
            | is_in(Callback.complaint, fts_matches("complaint", term, COMPLAINT_TEXT))
            | is_in(Callback.work_order, fts_matches("work_order", term, WORK_ORDER_TEXT))
            | Callback.incident_contact.in_(incident_calls))


def _where(f: CallbackFilter):
    today = f.today or now().date()
    views = {
        "today": (Callback.status == DUE) & (Callback.due_date == today),
        "overdue": (Callback.status == DUE) & (Callback.due_date < today),
        "upcoming": (Callback.status == DUE) & (Callback.due_date > today),
        "open": Callback.status == DUE,
        "done": Callback.status == CallbackStatus.DONE.value,
        "all": Callback.id > 0,
    }
    cond = views[f.view]
    if f.view == "done":  # most callbacks: walk the due dates rather than sort them all
        cond = walk_if_many(Callback, cond)
    if f.day:
        cond &= Callback.due_date == f.day
    if f.clerk_id:  # a clerk's callbacks are a third of them: their index would sort them all
        cond &= walk_if_many(Callback, Callback.assigned_to == f.clerk_id)
    if f.building_id:
        cond &= building == f.building_id
    if f.kind == "complaint":
        cond &= Callback.complaint.is_null(False)
    elif f.kind == "work_order":
        cond &= Callback.work_order.is_null(False)
    elif f.kind == "incident":  # few (an incident's contacts): through their index
        cond &= index_if_few(Callback, Callback.incident_contact.is_null(False))
    text = _text_condition(f.text, _few(f))
    if text is not None:
        cond &= text
    return cond


def _joined(fields):
    return (Callback.select(*fields)
            .join(Staff, JOIN.LEFT_OUTER, on=(Callback.assigned_to == Staff.id)).switch(Callback)
            .join(Complaint, JOIN.LEFT_OUTER, on=(Callback.complaint == Complaint.id))
            .join(UnitC, JOIN.LEFT_OUTER, on=(Complaint.unit == UnitC.id)).switch(Callback)
            .join(WorkOrder, JOIN.LEFT_OUTER, on=(Callback.work_order == WorkOrder.id))
            .join(UnitW, JOIN.LEFT_OUTER, on=(WorkOrder.unit == UnitW.id)).switch(Callback)
            .join(IncidentContact, JOIN.LEFT_OUTER, on=(Callback.incident_contact == IncidentContact.id))
            .join(UnitI, JOIN.LEFT_OUTER, on=(IncidentContact.unit == UnitI.id)).switch(IncidentContact)
            .join(Incident, JOIN.LEFT_OUTER, on=(IncidentContact.incident == Incident.id)))


def _count_joins(query, f: CallbackFilter):
    """What a count needs of the page's joins: all of them for a building (the case's unit) or
    for a term read by LIKE (the case's columns, :func:`_typed_text_condition`, :func:`_few`); none
    otherwise: every other condition is on the callback's own columns or a set of ids on them.
    SQLite kept the incident's join (a scan of the incident table for every callback it
    counted), so a count of many callbacks took two to three times as long with the joins
    (70: 304,008 callbacks at a million, 1.2 s -> 0.4 s; 3幢 0.35 s -> 0.12 s)."""
    term = normalize_text(f.text)
    if f.building_id or (term and is_sqlite() and (not uses_index(term) or _few(f))):
        return _joined(query.selected_columns)
    return query


CLOCKED = ("today", "overdue", "upcoming")  # the views that depend on the day


def _clock(f: CallbackFilter) -> CallbackFilter:
    """The filter as a cache key: "today" matters only to the views that compare with it."""
    if f.view in CLOCKED:
        return f if f.today else dataclasses.replace(f, today=now().date())
    return dataclasses.replace(f, today=None) if f.today else f


def _ids_first(f: CallbackFilter, order: str) -> bool:
    """A number start sorted by status (SQLite, not the few callbacks still due): no dated page
    serves that order (nothing ties a callback's id to its numbers' days), so its ~100,000
    matches are sorted; their ids are sorted apart from the page's joins (Listing.ids_first)."""
    term = normalize_text(f.text)
    return order == "status" and number_range(term) is not None and not _few(f)


def _by_state(f: CallbackFilter):
    """The callbacks a filter of a text alone keeps (Listing.by_state), on PostgreSQL only: every
    one (view "all") or those still due ("open", through the status index); None for any other
    filter, and on SQLite (whose count from the indexes knows only the callback's own number
    index, not its cases' text: services.lists.listing._count_by_index)."""
    if is_sqlite() or f.view not in ("all", "open") or \
            dataclasses.replace(f, text="", today=None) != CallbackFilter(view=f.view):
        return None
    return ("", [], False) if f.view == "all" else ("SELECT id FROM callback WHERE status = ?", [DUE], True)


SORTABLE = ("due_date", "number", "status")  # columns with an index of their own
LISTING = Listing(Callback, ROW_FIELDS, COLUMNS, "due_date", _joined, _where, _clock, _count_joins,
                  unit_building="unit_building", sortable=SORTABLE,
                  window_keys={"complaint": Callback.complaint, "work_order": Callback.work_order,
                               "callback": Callback.id},
                  # its keys are read from the rows, and LIKE reads every joined row's columns
                  window_size=4000, like_window_size=1500,
                  dated_due={"complaint": COMPLAINT_TEXT, "work_order": WORK_ORDER_TEXT, "callback": ("number",)},
                  few=_few, own_number="number", own_prefix=numbering.CALLBACK + "-", ids_first=_ids_first,
                  by_state=_by_state, coarse=("status",))


def page(f: CallbackFilter, order: str = "due_date", descending: bool = False,
         offset: int = 0, limit: int = 100, after: dict | None = None,
         before: dict | None = None, *, reader) -> list[dict]:
    """One page of callbacks (one query, SQL cached per filter shape: services.lists.listing)."""
    return LISTING.page(f, order, descending, offset, limit, after, before, reader=reader)


def pages_by_key(order: str) -> bool:
    """Whether a page can continue from a row (``after``/``before``) in this order."""
    return LISTING.pages_by_key(order)


def count(f: CallbackFilter, *, reader) -> int:
    return LISTING.count(f, reader=reader)
