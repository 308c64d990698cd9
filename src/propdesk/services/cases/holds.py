"""Holds: a complaint or work order waiting on the owner (not at home, no access) or on parts.

While on hold the resolve clock stops; when the hold ends, the complaint's resolve-by moves on
by exactly the working time the hold lasted (a weekend or holiday inside the hold does not
count, as it would not have counted towards the deadline either). Each hold is kept, shown on
the timeline, and counted separately in the reports.
"""
from __future__ import annotations

import datetime as dt

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.enums import ComplaintStatus
from propdesk.models.tables import Complaint, Hold, Staff, WorkOrder, now
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import calendar
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.services.core.validation import Checker

REASONS = {
    "owner_absent": QT_TRANSLATE_NOOP("enums", "Owner not at home"),
    "no_access": QT_TRANSLATE_NOOP("enums", "No access"),
    "parts": QT_TRANSLATE_NOOP("enums", "Waiting for parts"),
    "other": QT_TRANSLATE_NOOP("enums", "Other"),
}
MODELS = {"complaint": Complaint, "work_order": WorkOrder}
PERMISSION = {"complaint": "complaint.handle", "work_order": "workorder.create"}

MSG_ON_HOLD = QT_TRANSLATE_NOOP("rules", "{number} is already on hold.")
MSG_NOT_ON_HOLD = QT_TRANSLATE_NOOP("rules", "{number} is not on hold.")
MSG_CLOSED = QT_TRANSLATE_NOOP("rules", "{number} is finished: it cannot be put on hold.")
MSG_NO_RECORD = QT_TRANSLATE_NOOP("rules", "This record does not exist.")
MSG_BEFORE = QT_TRANSLATE_NOOP("rules", "{label}: the hold cannot end before it started ({start}).")
# the notes the case's history shows (every desk reads them as written: in the office's language,
# not "owner_absent" or "0h00m", which the history showed at the desk)
NOTE_HOLD = QT_TRANSLATE_NOOP("rules", "{reason}: {note}")
NOTE_RESUME = QT_TRANSLATE_NOOP("rules", "On hold for {hours} h {minutes} min of working time")

OPEN_WORK = ("new", "assigned", "in_progress", "rework")


def _minute(at: dt.datetime | None) -> dt.datetime:
    """Holds are kept to the minute, like every time a clerk types."""
    return (at or now()).replace(second=0, microsecond=0)


def _record(entity: str, entity_id: int):
    model = MODELS[entity]
    record = for_change(model.select().where(model.id == entity_id)).first()
    if record is None:
        raise NotFound(MSG_NO_RECORD)
    return record


def _is_open(entity: str, record) -> bool:
    if entity == "complaint":
        return record.status in ComplaintStatus.open_codes()
    return record.status in OPEN_WORK


def start(actor: Staff, entity: str, entity_id: int, reason_kind: str, reason: str = "",
          at: dt.datetime | None = None) -> Hold:
    accounts.require(actor, PERMISSION[entity], entity, entity_id)
    at = _minute(at)
    c = Checker()
    c.choice("reason", reason_kind, set(REASONS))
    reason = c.text("note", reason, required=reason_kind == "other", max_len=200)
    c.raise_if_any()
    with transaction():
        record = _record(entity, entity_id)
        if record.on_hold_since is not None:
            raise RuleError(MSG_ON_HOLD, number=record.number)
        if not _is_open(entity, record):
            raise RuleError(MSG_CLOSED, number=record.number)
        hold = Hold.create(entity=entity, entity_id=entity_id, reason_kind=reason_kind, reason=reason,
                           started_at=at, started_by=actor)
        changes = audit.diff(record, {"on_hold_since": at})
        record.save()
        audit.record(actor, entity, entity_id, "hold", note=hold_note(reason_kind, reason), changes=changes, at=at)
        return hold


def end(actor: Staff, entity: str, entity_id: int, at: dt.datetime | None = None) -> Hold:
    """End the hold; a complaint's resolve-by moves on by the working time it lasted."""
    accounts.require(actor, PERMISSION[entity], entity, entity_id)
    at = _minute(at)
    with transaction():
        record = _record(entity, entity_id)
        if not _is_open(entity, record):
            raise RuleError(MSG_CLOSED, number=record.number)
        hold = _running(entity, entity_id)
        if record.on_hold_since is None or hold is None:
            raise RuleError(MSG_NOT_ON_HOLD, number=record.number)
        return _end(actor, entity, record, hold, at)


def end_running(actor: Staff, entity: str, entity_id: int, at: dt.datetime) -> None:
    """End a hold still running, inside the caller's transaction: a case is closed or voided
    while waiting (its resolve deadline moves on as with any hold)."""
    hold = _running(entity, entity_id)
    if hold is not None:
        _end(actor, entity, _record(entity, entity_id), hold, max(_minute(at), hold.started_at))


def _running(entity: str, entity_id: int) -> Hold | None:
    return Hold.get_or_none((Hold.entity == entity) & (Hold.entity_id == entity_id) & Hold.ended_at.is_null())


def _end(actor: Staff, entity: str, record, hold: Hold, at: dt.datetime) -> Hold:
    if at < hold.started_at:
        from propdesk.services.core.validation import label

        raise RuleError(MSG_BEFORE, field="at", label=label("at"), start=hold.started_at.strftime("%Y-%m-%d %H:%M"))
    seconds = calendar.working_seconds_between(hold.started_at, at)
    hold.ended_at, hold.ended_by, hold.working_seconds = at, actor, seconds
    hold.save()
    values = {"on_hold_since": None}
    if entity == "complaint":
        values["resolve_by"] = calendar.add_working_seconds(record.resolve_by, seconds)
    changes = audit.diff(record, values)
    record.save()
    audit.record(actor, entity, record.id, "resume", changes=changes, at=at, note=resume_note(seconds))
    return hold


def hold_note(reason_kind: str, reason: str = "") -> str:
    """Why the clock stopped, as the history shows it: the reason chosen and the clerk's note."""
    kind = translate("enums", REASONS[reason_kind])
    if not reason or reason_kind == "other":  # "Other" says nothing beside the note it requires
        return reason or kind
    return translate("rules", NOTE_HOLD).format(reason=kind, note=reason)


def resume_note(seconds: int) -> str:
    """How long the hold counted (working time: what the resolve deadline moves on by)."""
    return translate("rules", NOTE_RESUME).format(hours=seconds // 3600, minutes=f"{seconds % 3600 // 60:02d}")


def of(entity: str, entity_id: int) -> list[Hold]:
    return list(Hold.select().where((Hold.entity == entity) & (Hold.entity_id == entity_id)).order_by(Hold.id))
