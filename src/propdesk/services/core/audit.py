"""The audit log: who did what to which record, with old -> new values of each field.

The same entries are the case timeline. Call inside the service's transaction.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from peewee import JOIN, Model

from propdesk.models.tables import AuditChange, AuditEntry, Staff, now


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Model):
        return str(value.get_id())
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def record(actor: Staff | None, entity: str, entity_id: int, action: str, note: str = "",
           changes: dict[str, tuple] | None = None, at: dt.datetime | None = None) -> AuditEntry:
    entry = AuditEntry.create(at=at or now(), staff=actor, entity=entity, entity_id=entity_id,
                              action=action, note=note)
    rows = [
        {"entry": entry.id, "field": field, "old": _text(old), "new": _text(new)}
        for field, (old, new) in (changes or {}).items()
        if _text(old) != _text(new)
    ]
    if rows:
        AuditChange.insert_many(rows).execute()
    return entry


def diff(instance: Model, values: dict) -> dict[str, tuple]:
    """Set ``values`` on ``instance`` and return {field: (old, new)} for what changed."""
    changes = {}
    for field, new in values.items():
        old = getattr(instance, field)
        if _text(old) != _text(new):
            changes[field] = (old, new)
            setattr(instance, field, new)
    return changes


def timeline(entity: str, entity_id: int) -> list[dict]:
    """Entries for one record, oldest first, with who did it and the field changes."""
    entries = list(AuditEntry.select(AuditEntry, Staff).join(Staff, on=(AuditEntry.staff == Staff.id), join_type=JOIN.LEFT_OUTER)
                   .where((AuditEntry.entity == entity) & (AuditEntry.entity_id == entity_id))
                   .order_by(AuditEntry.id))
    changes: dict[int, list] = {}
    if entries:
        for ch in AuditChange.select().where(AuditChange.entry.in_([e.id for e in entries])):
            changes.setdefault(ch.entry_id, []).append((ch.field, ch.old, ch.new))
    return [
        {"at": e.at, "who": e.staff.name if e.staff_id else "", "action": e.action,
         "note": e.note, "changes": changes.get(e.id, [])}
        for e in entries
    ]
