"""Reading the audit log (supervisors and administrators): who did what to which record, when.

Filters: person, kind of record, record number (TS-/PG-/HF-...), action, date range. Keyset
pages of rows for the lazy viewer (newest first by the time, then the id; one query per page plus
one per kind of record for the numbers and one for the field changes: never a query per row), and
all rows in the same order, in chunks, for the Excel export. Every call checks ``audit.view``; a refusal is itself audited.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN, SQL

from propdesk.i18n import QT_TRANSLATE_NOOP, language_name, translate
from propdesk.models.enums import (
    CallbackStatus, ComplaintStatus, ContactMethod, Escalation, IncidentStatus, Role, Satisfaction,
    Urgency, WorkOrderStatus,
)
from propdesk.models.tables import (
    AuditChange, AuditEntry, Building, Callback, Category, Complaint, Department, Estate, Incident,
    Owner, PriceItem, RepairCategory, Staff, Unit, WorkOrder,
)
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import numbering
from propdesk.services.core.db_retry import transaction
from propdesk.services.register.owners import normalize_text
from propdesk.services.lists.query_parts import Narrowing, all_of, day_range, narrowed, sorted_by
from propdesk.services.core.validation import label

PERMISSION = "audit.view"
CTX = "audit"

# kinds of record whose number people know, and the prefix of that number (numbering); the
# fees' entries are the work order's (charges/payments.ENTITY), so they show its PG- number
NUMBERED = {"complaint": (Complaint, numbering.COMPLAINT), "work_order": (WorkOrder, numbering.WORK_ORDER),
            "callback": (Callback, numbering.CALLBACK), "incident": (Incident, numbering.INCIDENT)}

ENTITY_LABELS = {
    "complaint": QT_TRANSLATE_NOOP("audit", "Complaint"),
    "work_order": QT_TRANSLATE_NOOP("audit", "Work order"),
    "callback": QT_TRANSLATE_NOOP("audit", "Callback"),
    "staff": QT_TRANSLATE_NOOP("audit", "Staff account"),
    "setting": QT_TRANSLATE_NOOP("audit", "Setting"),
    "database": QT_TRANSLATE_NOOP("audit", "Database"),
    "permission": QT_TRANSLATE_NOOP("audit", "Permission"),
    "owner_import": QT_TRANSLATE_NOOP("audit", "Owner roster import"),
    "audit_log": QT_TRANSLATE_NOOP("audit", "Audit log"),
    "register": QT_TRANSLATE_NOOP("audit", "Register"),
    "report": QT_TRANSLATE_NOOP("audit", "Report"),
    "form": QT_TRANSLATE_NOOP("audit", "Printed form"),
    "incident": QT_TRANSLATE_NOOP("audit", "Incident"),
    "fee_summary": QT_TRANSLATE_NOOP("audit", "Monthly fee summary"),
    "estate": QT_TRANSLATE_NOOP("audit", "Estate"),
    "building": QT_TRANSLATE_NOOP("audit", "Building"),
    "unit": QT_TRANSLATE_NOOP("audit", "Unit"),
    "owner": QT_TRANSLATE_NOOP("audit", "Owner or resident"),
    "calendar": QT_TRANSLATE_NOOP("audit", "Working-day calendar"),
    "department": QT_TRANSLATE_NOOP("audit", "Department"),
    "category": QT_TRANSLATE_NOOP("audit", "Complaint category"),
    "repair_category": QT_TRANSLATE_NOOP("audit", "Repair category"),
}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("audit", "created"),
    "reply": QT_TRANSLATE_NOOP("audit", "reply recorded"),
    "handle": QT_TRANSLATE_NOOP("audit", "handling recorded"),
    "notify_head": QT_TRANSLATE_NOOP("audit", "office head told"),
    "escalate": QT_TRANSLATE_NOOP("audit", "escalated"),
    "close": QT_TRANSLATE_NOOP("audit", "closed"),
    "reopen": QT_TRANSLATE_NOOP("audit", "reopened"),
    "void": QT_TRANSLATE_NOOP("audit", "voided"),
    "note": QT_TRANSLATE_NOOP("audit", "note"),
    "work_order": QT_TRANSLATE_NOOP("audit", "work order raised"),
    "assign": QT_TRANSLATE_NOOP("audit", "assigned"),
    "start": QT_TRANSLATE_NOOP("audit", "started"),
    "complete": QT_TRANSLATE_NOOP("audit", "completed"),
    "check": QT_TRANSLATE_NOOP("audit", "signed off"),
    "rework": QT_TRANSLATE_NOOP("audit", "sent back for rework"),
    # schema 19 (models.db.REWORK_APPOINTMENT): an older PropDesk's rework left the first visit's time
    "rework_appointment": QT_TRANSLATE_NOOP("audit", "first visit's appointment cleared (rework)"),
    "cancel": QT_TRANSLATE_NOOP("audit", "cancelled"),
    "quote": QT_TRANSLATE_NOOP("audit", "quote approved"),
    "slip": QT_TRANSLATE_NOOP("audit", "return slip received"),
    "move": QT_TRANSLATE_NOOP("audit", "moved"),
    "done": QT_TRANSLATE_NOOP("audit", "callback made"),
    "no_answer": QT_TRANSLATE_NOOP("audit", "no answer"),
    "callback": QT_TRANSLATE_NOOP("audit", "callback result"),
    "notify_supervisor": QT_TRANSLATE_NOOP("audit", "supervisor told"),
    "login": QT_TRANSLATE_NOOP("audit", "signed in"),
    "login_failed": QT_TRANSLATE_NOOP("audit", "wrong password"),
    "sign_out": QT_TRANSLATE_NOOP("audit", "signed out"),
    "lock": QT_TRANSLATE_NOOP("audit", "desk locked (idle)"),
    "read": QT_TRANSLATE_NOOP("audit", "read"),
    "refused": QT_TRANSLATE_NOOP("audit", "refused"),
    "change": QT_TRANSLATE_NOOP("audit", "changed"),
    "restore": QT_TRANSLATE_NOOP("audit", "restored from a backup"),
    "upgrade": QT_TRANSLATE_NOOP("audit", "upgraded to a new schema"),
    "import": QT_TRANSLATE_NOOP("audit", "imported"),
    "export": QT_TRANSLATE_NOOP("audit", "exported"),
    "print": QT_TRANSLATE_NOOP("audit", "printed"),
    "backup": QT_TRANSLATE_NOOP("audit", "backed up"),
    "login_unknown": QT_TRANSLATE_NOOP("audit", "unknown user name"),
    "login_wait": QT_TRANSLATE_NOOP("audit", "sign-in refused: wait after wrong passwords"),
    "password_upgrade": QT_TRANSLATE_NOOP("audit", "password hash strengthened"),
    "password_change": QT_TRANSLATE_NOOP("audit", "password changed"),
    "password_reset": QT_TRANSLATE_NOOP("audit", "password reset by an administrator"),
    "password_due": QT_TRANSLATE_NOOP("audit", "password change required"),
    "edit": QT_TRANSLATE_NOOP("audit", "edited"),
    "hold": QT_TRANSLATE_NOOP("audit", "deadline clock paused"),
    "resume": QT_TRANSLATE_NOOP("audit", "deadline clock resumed"),
    "contact": QT_TRANSLATE_NOOP("audit", "resident's call recorded"),
    "fee_line": QT_TRANSLATE_NOOP("audit", "charge line added"),
    "fee_line_void": QT_TRANSLATE_NOOP("audit", "charge line voided"),
    "quote_approved": QT_TRANSLATE_NOOP("audit", "quote approved"),
    "payment": QT_TRANSLATE_NOOP("audit", "payment recorded"),
    "payment_void": QT_TRANSLATE_NOOP("audit", "payment voided"),
    "produce": QT_TRANSLATE_NOOP("audit", "summary made"),
    "import_create": QT_TRANSLATE_NOOP("audit", "created by an import"),
    "add_units": QT_TRANSLATE_NOOP("audit", "units added"),
    "activate": QT_TRANSLATE_NOOP("audit", "activated"),
    "deactivate": QT_TRANSLATE_NOOP("audit", "deactivated"),
    "set_days": QT_TRANSLATE_NOOP("audit", "days set"),
    "clear_days": QT_TRANSLATE_NOOP("audit", "days cleared"),
    "import_schedule": QT_TRANSLATE_NOOP("audit", "holiday schedule imported"),
    "year_complete": QT_TRANSLATE_NOOP("audit", "year marked complete"),
    "year_incomplete": QT_TRANSLATE_NOOP("audit", "year marked incomplete"),
    "restore_defaults": QT_TRANSLATE_NOOP("audit", "defaults restored"),
    "backup_cancelled": QT_TRANSLATE_NOOP("audit", "backup cancelled"),
    "restore_cancelled": QT_TRANSLATE_NOOP("audit", "restore cancelled"),
}
# fields of the records whose changes are logged but which no form names (validation.label)
CHANGE_LABELS = {
    "status": QT_TRANSLATE_NOOP("audit", "Status"),
    "cancel_reason": QT_TRANSLATE_NOOP("audit", "Reason for cancelling"),
    "void_reason": QT_TRANSLATE_NOOP("audit", "Reason for voiding"),
    "checked_by": QT_TRANSLATE_NOOP("audit", "Signed off by"),
    "checked_at": QT_TRANSLATE_NOOP("audit", "Signed off at"),
    "scheduled_at": QT_TRANSLATE_NOOP("audit", "Scheduled for"),
    "window_start": QT_TRANSLATE_NOOP("audit", "Agreed time from"),
    "window_end": QT_TRANSLATE_NOOP("audit", "Agreed time until"),
    "dispatched_at": QT_TRANSLATE_NOOP("audit", "Handed over at"),
    "replied_at": QT_TRANSLATE_NOOP("audit", "Replied at"),
    "reply_method": QT_TRANSLATE_NOOP("audit", "Reply by"),
    "reply_note": QT_TRANSLATE_NOOP("audit", "Reply"),
    "closed_at": QT_TRANSLATE_NOOP("audit", "Closed at"),
    "close_note": QT_TRANSLATE_NOOP("audit", "Note on ending"),
    "escalation": QT_TRANSLATE_NOOP("audit", "Escalation"),
    "callback_at": QT_TRANSLATE_NOOP("audit", "Time agreed to call back"),
    "reopen_count": QT_TRANSLATE_NOOP("audit", "Times reopened"),
    "head_notified_at": QT_TRANSLATE_NOOP("audit", "Office head told at"),
    "head_notified_by": QT_TRANSLATE_NOOP("audit", "Office head told by"),
    "due_date": QT_TRANSLATE_NOOP("audit", "Due"),
    "attempts": QT_TRANSLATE_NOOP("audit", "Attempts"),
    "done_at": QT_TRANSLATE_NOOP("audit", "Done at"),
    "done_by": QT_TRANSLATE_NOOP("audit", "Done by"),
    "rework_round": QT_TRANSLATE_NOOP("audit", "Rework round"),
    "slip_returned": QT_TRANSLATE_NOOP("audit", "Return slip back"),
    "quote_approved_by": QT_TRANSLATE_NOOP("audit", "Quote approved by"),
    "price_item": QT_TRANSLATE_NOOP("audit", "Price item"),
    "cause": QT_TRANSLATE_NOOP("audit", "Cause"),
    "action": QT_TRANSLATE_NOOP("audit", "Corrective action"),
    "customer_opinion": QT_TRANSLATE_NOOP("audit", "Customer's opinion"),
    "signature_received": QT_TRANSLATE_NOOP("audit", "Signature received"),
    "on_hold_since": QT_TRANSLATE_NOOP("audit", "Clock paused since"),
    "print_count": QT_TRANSLATE_NOOP("audit", "Times printed"),
    "promised_by": QT_TRANSLATE_NOOP("audit", "Promised by"),
    "pass_by": QT_TRANSLATE_NOOP("audit", "Hand over by"),
    "name": QT_TRANSLATE_NOOP("audit", "Name"),
}
STAFF_FIELDS = {"checked_by", "head_notified_by", "done_by", "quote_approved_by", "technician",
                "assigned_to", "created_by"}
YES, NO = QT_TRANSLATE_NOOP("audit", "yes"), QT_TRANSLATE_NOOP("audit", "no")
# fields holding the id of a record of the office's lists: shown by its name
NAMED_FIELDS = {"department": Department, "repair_category": RepairCategory, "category": Category,
                "price_item": PriceItem}
# kinds of record of the office's register and lists, named by this column (a unit by its
# label, 3栋2单元1201; an owner or resident by name: the log is for supervisors and
# administrators, who read the owners' names in its changes and on the register anyway)
NAMED_RECORDS = {"staff": Staff.name, "estate": Estate.name, "building": Building.name,
                 "unit": Unit.label, "owner": Owner.name, "department": Department.name,
                 "category": Category.name, "repair_category": RepairCategory.name}
LANGUAGE_FIELDS = {"language"}  # settings holding a language code: shown by its name
BOOL_FIELDS = {"slip_returned", "signature_received", "reached", "paid", "valid", "is_group",
               "notice_required", "active"}
_NUMBER = re.compile(rf"^({'|'.join(prefix for _m, prefix in NUMBERED.values())})-?(\d{{8}})-?(\d+)$")


# codes shown as their labels (the ones every list and form shows); each numbered kind's status
# is here (tests/test_audit_records.py)
_ENUMS = {
    ("complaint", "status"): ComplaintStatus, ("work_order", "status"): WorkOrderStatus,
    ("callback", "status"): CallbackStatus, ("incident", "status"): IncidentStatus,
    ("*", "escalation"): Escalation,
    ("*", "reply_method"): ContactMethod, ("*", "method"): ContactMethod,
    ("*", "satisfaction"): Satisfaction, ("*", "urgency"): Urgency, ("*", "role"): Role,
}


@dataclass
class AuditFilter:
    staff_id: int | None = None
    entity: str | None = None  # "complaint", "work_order", ... (ENTITY_LABELS keys)
    record: str = ""  # a number people know (TS-20261124-003), or a record id with ``entity``
    action: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive


def entity_label(code: str) -> str:
    return translate(CTX, ENTITY_LABELS[code]) if code in ENTITY_LABELS else code


def action_label(code: str) -> str:
    return translate(CTX, ACTION_LABELS[code]) if code in ACTION_LABELS else code


def entities() -> list[tuple[str, str]]:
    return [(code, entity_label(code)) for code in ENTITY_LABELS]


def people() -> list[tuple[int, str]]:
    """Everyone who may appear in the log, for the person filter (former staff too)."""
    return [(s.id, f"{s.name} ({s.username})") for s in Staff.select().order_by(Staff.name)]


def _record_condition(f: AuditFilter):
    text = normalize_text(f.record).upper().replace(" ", "")
    if not text:
        return None
    m = _NUMBER.match(text)
    if m:
        prefix, day, seq = m.groups()
        entity = {p: e for e, (_m, p) in NUMBERED.items()}[prefix]
        model = NUMBERED[entity][0]
        number = f"{prefix}-{day}-{int(seq):03d}"
        row = model.get_or_none(model.number == number)
        return ((AuditEntry.entity == entity) & (AuditEntry.entity_id == (row.id if row else -1)))
    if text.isdigit() and f.entity and len(text) < 19:
        return AuditEntry.entity_id == int(text)
    return AuditEntry.id == -1  # not a number PropDesk gives: nothing matches


def _parts(f: AuditFilter) -> tuple[list[Narrowing], list]:
    """The filter's conditions: those an index answers (the person's and the days'
    ``(staff_id, at)``, the kind's and the record's ``(entity, entity_id, at)``, the days'
    ``at``) and the others (the action, which no index holds). A person's entries are in the
    log's order in their index (schema 18, ``models.db.AUDIT_BY_PERSON``): a page of them walks
    only theirs (``column``), and with days, only theirs on those days (one range of it)."""
    parts, others = [], []
    days = day_range(AuditEntry.at, f.date_from, f.date_to)
    if f.staff_id:
        parts.append(Narrowing(all_of([AuditEntry.staff == f.staff_id] + days), column=AuditEntry.at))
        days = []
    record = _record_condition(f)
    if record is not None:  # (with its kind: the record's entries sorted in their index)
        parts.append(Narrowing(record & (AuditEntry.entity == f.entity) if f.entity else record))
    elif f.entity:
        parts.append(Narrowing(AuditEntry.entity == f.entity))
    if days:
        parts.append(Narrowing(all_of(days), column=AuditEntry.at))
    if f.action:
        others.append(AuditEntry.action == f.action)
    return parts, others


def _where(f: AuditFilter):
    parts, others = _parts(f)
    return all_of([AuditEntry.id > 0] + [p.condition for p in parts] + others)


def count(actor: Staff, f: AuditFilter) -> int:
    accounts.require(actor, PERMISSION)
    return AuditEntry.select().where(_where(f)).count()


def _query(where):
    """The entries' columns and their person's name and role, as plain named tuples (a
    page's 200 model instances, each with its Staff, took longer than the query)."""
    return (AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.staff.alias("staff_id"),
                              AuditEntry.entity, AuditEntry.entity_id, AuditEntry.action,
                              AuditEntry.note, Staff.name.alias("who"), Staff.role.alias("role"))
            .join(Staff, JOIN.LEFT_OUTER, on=(AuditEntry.staff == Staff.id))
            .where(where))


def _entries(f: AuditFilter, newest_first: bool, limit: int,
             after: tuple[dt.datetime, int] | None = None) -> list:
    """``limit`` entries of the filtered log in its order, the time then the id (the same
    second holds several), newest or oldest first; ``after``: those that follow the entry with
    this ``(at, id)`` in that order. A keyset page: the index seeks to the entry, so the page a
    million entries down costs what the first does.

    The ids do not follow the time: a callback result, a payment or a hold is logged with the
    moment typed (an hour, a day before the entry is written), and an office's log may come from
    another program's backup. So the order is ``(at, id)``, served by the index on ``at`` (with
    the id, the table's key, in each entry), by ``(entity, entity_id, at)`` for one record and
    by ``(staff_id, at)`` for one person (schema 18: a seek to their entries, however long ago).
    A kind of record (an index of its own, not in the time's order) is read as the other lists
    read a filter (``query_parts.narrowed``): a rare one through its index and sorted (a kind
    with a few hundred entries), a common one by walking the time's index (or the person's) to
    the page's end (the complaints' entries: more than half)."""
    parts, others = _parts(f)
    with sorted_by(AuditEntry.at):
        conds = narrowed(AuditEntry, parts, guessed=len(others)) + others
    if after is not None:
        at, entry_id = after
        if newest_first:
            conds.append((AuditEntry.at <= at) & ((AuditEntry.at < at) | (AuditEntry.id < entry_id)))
        else:
            conds.append((AuditEntry.at >= at) & ((AuditEntry.at > at) | (AuditEntry.id > entry_id)))
    order = ((AuditEntry.at.desc(), AuditEntry.id.desc()) if newest_first
             else (AuditEntry.at.asc(), AuditEntry.id.asc()))
    return list(_query(all_of(conds)).order_by(*order).limit(limit).namedtuples())


def _field_label(field: str) -> str:
    if field in CHANGE_LABELS:
        return translate(CTX, CHANGE_LABELS[field])
    return label(field)


def _value(entity: str, field: str, value: str | None, names: dict[int, str]) -> str:
    """A logged value as people read it: names for people, labels for codes, yes/no."""
    if value is None or value == "":
        return ""
    if field in STAFF_FIELDS and value.isdigit():
        return names.get(int(value), value)
    if field in LANGUAGE_FIELDS:
        return language_name(value)
    if field in BOOL_FIELDS and value in ("0", "1"):
        return translate(CTX, YES if value == "1" else NO)
    enum = _ENUMS.get((entity, field)) or _ENUMS.get(("*", field))
    if enum is not None:
        try:
            return enum(value).label()
        except ValueError:
            return value
    return value


def _role(code: str | None) -> str:
    try:
        return Role(code).label() if code else ""
    except ValueError:
        return code or ""


def record_label(entity: str, entity_id: int, names: dict[tuple[str, int], str]) -> str:
    """The record an entry is about as people know it: its number (TS-/PG-/HF-/SJ-), a
    person's name, a unit's label, an estate's, building's or list entry's name, the cashier's month of a fee summary (2026-11), the calendar's year; else
    ``#id``. ``names``: the numbers and names read for a page (_numbers)."""
    if (entity, entity_id) in names:
        return names[(entity, entity_id)]
    if entity == "fee_summary" and entity_id > 100:  # entity_id = YYYYMM (fees.months)
        return f"{entity_id // 100}-{entity_id % 100:02d}"
    if entity == "calendar" and entity_id:  # entity_id = the year
        return str(entity_id)
    return f"#{entity_id}" if entity_id else ""


def _among(field, ids) -> object:
    """``field IN (ids)`` with the ids written into the statement: they are ints read from the
    database, and peewee's one parameter per id cost more than the query (a page's 200)."""
    return field.in_(SQL("(" + ",".join(str(int(i)) for i in ids) + ")")) if ids else (field == -1)


def _numbers(entries: list) -> dict[tuple[str, int], str]:
    """The numbers and names of the entries' records: one query per kind of record
    (NUMBERED, NAMED_RECORDS), never one per entry."""
    ids: dict[str, set[int]] = {}
    for e in entries:
        ids.setdefault(e.entity, set()).add(e.entity_id)
    numbers: dict[tuple[str, int], str] = {}
    for entity, (model, _prefix) in NUMBERED.items():
        if ids.get(entity):
            for rid, number in model.select(model.id, model.number).where(_among(model.id, ids[entity])).tuples():
                numbers[(entity, rid)] = number
    for entity, column in NAMED_RECORDS.items():
        if ids.get(entity):
            model = column.model
            for rid, name in model.select(model.id, column).where(_among(model.id, ids[entity])).tuples():
                numbers[(entity, rid)] = name
    return numbers


def _named(found: list) -> dict[tuple[str, str], str]:
    """(field, logged id) -> the name of the department, category, ... (one query per kind)."""
    ids: dict[str, set[int]] = {}
    for ch in found:
        if ch.field in NAMED_FIELDS:
            ids.setdefault(ch.field, set()).update(int(v) for v in (ch.old, ch.new) if v and v.isdigit())
    named = {}
    for field, wanted in ids.items():
        model = NAMED_FIELDS[field]
        for rid, name in model.select(model.id, model.name).where(_among(model.id, wanted)).tuples():
            named[(field, str(rid))] = name
    return named


def _rows(entries: list) -> list[dict]:
    """The rows people read of ``entries`` (``_query``'s tuples)."""
    numbers = _numbers(entries)
    changes: dict[int, list[str]] = {}
    if entries:
        entity_of = {e.id: e.entity for e in entries}
        found = list(AuditChange.select(AuditChange.entry.alias("entry_id"), AuditChange.field,
                                        AuditChange.old, AuditChange.new)
                     .where(_among(AuditChange.entry, entity_of)).order_by(AuditChange.id).namedtuples())
        staff_ids = {int(v) for ch in found if ch.field in STAFF_FIELDS
                     for v in (ch.old, ch.new) if v and v.isdigit()}
        names = dict(Staff.select(Staff.id, Staff.name).where(_among(Staff.id, staff_ids)).tuples()) \
            if staff_ids else {}
        named = _named(found)
        for ch in found:
            entity = entity_of[ch.entry_id]
            old, new = (named.get((ch.field, v)) or _value(entity, ch.field, v, names) for v in (ch.old, ch.new))
            changes.setdefault(ch.entry_id, []).append(f"{_field_label(ch.field)}: {old} → {new}")
    rows = []
    for e in entries:
        rows.append({
            "id": e.id, "at": e.at,
            "who": e.who or "",
            "role": _role(e.role),
            "entity": e.entity, "entity_label": entity_label(e.entity),
            "record": record_label(e.entity, e.entity_id, numbers),
            "action": e.action, "action_label": action_label(e.action),
            "note": e.note, "changes": "；".join(changes.get(e.id, [])),
        })
    return rows


def page(actor: Staff, f: AuditFilter, limit: int = 200, after: dict | None = None,
         before: dict | None = None, oldest_first: bool = False) -> list[dict]:
    """``limit`` rows of the filtered log, newest first (``oldest_first``: the other way; its
    first page is the log's end, which the viewer shows for Ctrl+End): the first page, the rows
    that follow ``after`` (a row of an earlier page), or the ``limit`` rows just above
    ``before``, in the list's order. Keyset pages on ``(at, id)``: see :func:`_entries`."""
    accounts.require(actor, PERMISSION)
    newest_first = not oldest_first
    if before is not None:  # walked the other way from the row, nearest first, turned round
        return _rows(_entries(f, not newest_first, limit, (before["at"], before["id"]))[::-1])
    key = (after["at"], after["id"]) if after is not None else None
    return _rows(_entries(f, newest_first, limit, key))


def all_rows(actor: Staff, f: AuditFilter, chunk: int = 2000) -> Iterator[dict]:
    """Every row of the filtered log in the viewer's order (newest first), read in keyset
    chunks as the viewer reads its pages."""
    accounts.require(actor, PERMISSION)
    key = None
    while True:
        entries = _entries(f, True, chunk, key)
        if not entries:
            return
        yield from _rows(entries)
        key = (entries[-1].at, entries[-1].id)


def record_export(actor: Staff, name: str, n: int) -> None:
    """The log itself says who took a copy of it."""
    with transaction():
        audit.record(actor, "audit_log", 0, "export", note=f"{name}: {n}")


def describe_filters(filters) -> str:
    """``filters`` (a dict or a dataclass of a list's filters) as ``key=value`` pairs, empty
    ones left out: what an audit entry says was selected."""
    if filters is None:
        return ""
    if dataclasses.is_dataclass(filters) and not isinstance(filters, type):
        filters = dataclasses.asdict(filters)
    if not isinstance(filters, dict):
        return str(filters)
    parts = []
    for key, value in filters.items():
        if value in (None, "", False, [], (), set()):
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (list, tuple, set)):
            value = "|".join(str(v) for v in value)
        parts.append(f"{key}={value}")
    return ", ".join(parts)


def record_output(actor: Staff | None, action: str, entity: str, what: str, file="",
                  rows: int | None = None, filters=None, entity_id: int = 0) -> None:
    """Who took what out of the program: every export, print, backup, restore and import
    (the command line and the window call this alike). ``what`` names the register, report
    or form; ``filters`` what was selected; ``rows`` how many lines went out."""
    note = what
    if file:
        note += f" -> {file}"
    chosen = describe_filters(filters)
    if chosen:
        note += f"; {chosen}"
    if rows is not None:
        note += f"; rows={rows}"
    if entity_id and file:
        # one record's paper (a case's forms): the entry is on the record's own history, which
        # the desk reads in its language; the action and the record say what it is, the file
        # where it went ("complaint forms -> …; rows=" showed there in English)
        note = str(file)
    with transaction():
        audit.record(actor, entity, entity_id, action, note=note)
