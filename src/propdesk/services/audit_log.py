"""Reading the audit log (supervisors and administrators): who did what to which record, when.

Filters: person, kind of record, record number (TS-/PG-/HF-...), action, date range. Pages of
rows for the lazy viewer (newest first, one query per page plus one per kind of record for the
numbers and one for the field changes: never a query per row), and all rows in chunks for the
Excel export. Every call checks ``audit.view``; a refusal is itself audited.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import Role
from propdesk.models.tables import AuditChange, AuditEntry, Callback, Complaint, Staff, WorkOrder
from propdesk.services import accounts, audit
from propdesk.services.db_retry import transaction
from propdesk.services.owners import normalize_text
from propdesk.services.validation import label

PERMISSION = "audit.view"
CTX = "audit"

# kinds of record whose number people know, and the prefix of that number
NUMBERED = {"complaint": (Complaint, "TS"), "work_order": (WorkOrder, "PG"), "callback": (Callback, "HF")}

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
    "refused": QT_TRANSLATE_NOOP("audit", "refused"),
    "change": QT_TRANSLATE_NOOP("audit", "changed"),
    "restore": QT_TRANSLATE_NOOP("audit", "restored from a backup"),
    "import": QT_TRANSLATE_NOOP("audit", "imported"),
    "export": QT_TRANSLATE_NOOP("audit", "exported"),
}
_NUMBER = re.compile(r"^(TS|PG|HF)-?(\d{8})-?(\d+)$")


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


def _where(f: AuditFilter):
    conds = [AuditEntry.id > 0]
    if f.staff_id:
        conds.append(AuditEntry.staff == f.staff_id)
    if f.entity:
        conds.append(AuditEntry.entity == f.entity)
    if f.action:
        conds.append(AuditEntry.action == f.action)
    if f.date_from:
        conds.append(AuditEntry.at >= dt.datetime.combine(f.date_from, dt.time()))
    if f.date_to:
        conds.append(AuditEntry.at < dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time()))
    record = _record_condition(f)
    if record is not None:
        conds.append(record)
    where = conds[0]
    for c in conds[1:]:
        where &= c
    return where


def count(actor: Staff, f: AuditFilter) -> int:
    accounts.require(actor, PERMISSION)
    return AuditEntry.select().where(_where(f)).count()


def _query(f: AuditFilter):
    return (AuditEntry.select(AuditEntry, Staff)
            .join(Staff, JOIN.LEFT_OUTER, on=(AuditEntry.staff == Staff.id))
            .where(_where(f)).order_by(AuditEntry.id.desc()))


def _role(who: Staff | None) -> str:
    try:
        return Role(who.role).label() if who else ""
    except ValueError:
        return who.role


def _rows(entries: list[AuditEntry]) -> list[dict]:
    ids: dict[str, set[int]] = {}
    for e in entries:
        ids.setdefault(e.entity, set()).add(e.entity_id)
    numbers: dict[tuple[str, int], str] = {}
    for entity, (model, _prefix) in NUMBERED.items():
        if ids.get(entity):
            for rid, number in model.select(model.id, model.number).where(model.id.in_(list(ids[entity]))).tuples():
                numbers[(entity, rid)] = number
    if ids.get("staff"):
        for rid, name in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(list(ids["staff"]))).tuples():
            numbers[("staff", rid)] = name
    changes: dict[int, list[str]] = {}
    if entries:
        for ch in (AuditChange.select().where(AuditChange.entry.in_([e.id for e in entries]))
                   .order_by(AuditChange.id)):
            changes.setdefault(ch.entry_id, []).append(
                f"{label(ch.field)}: {ch.old if ch.old is not None else ''} → {ch.new if ch.new is not None else ''}")
    rows = []
    for e in entries:
        who = e.staff if e.staff_id else None
        rows.append({
            "id": e.id, "at": e.at,
            "who": who.name if who else "",
            "role": _role(who),
            "entity": e.entity, "entity_label": entity_label(e.entity),
            "record": numbers.get((e.entity, e.entity_id)) or (f"#{e.entity_id}" if e.entity_id else ""),
            "action": e.action, "action_label": action_label(e.action),
            "note": e.note, "changes": "；".join(changes.get(e.id, [])),
        })
    return rows


def page(actor: Staff, f: AuditFilter, offset: int = 0, limit: int = 200) -> list[dict]:
    """Rows ``offset``..``offset+limit`` of the filtered log, newest first."""
    accounts.require(actor, PERMISSION)
    return _rows(list(_query(f).offset(offset).limit(limit)))


def all_rows(actor: Staff, f: AuditFilter, chunk: int = 2000) -> Iterator[dict]:
    """Every row of the filtered log, newest first, fetched in chunks (keyset on the id)."""
    accounts.require(actor, PERMISSION)
    last = None
    while True:
        query = _query(f)
        if last is not None:
            query = query.where(AuditEntry.id < last)
        entries = list(query.limit(chunk))
        if not entries:
            return
        yield from _rows(entries)
        last = entries[-1].id


def record_export(actor: Staff, name: str, n: int) -> None:
    """The log itself says who took a copy of it."""
    with transaction():
        audit.record(actor, "audit_log", 0, "export", note=f"{name}: {n}")
