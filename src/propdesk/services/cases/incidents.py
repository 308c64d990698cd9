"""Incidents: one event, many callers (停水, 停电, 电梯故障, 燃气 ...).

A clerk declares the incident over an area (the estate, some buildings or units) with an
expected end. While it is open, a call from a unit in that area is attached to it in one
keystroke: a contact, not a complaint, so the complaint counts are not inflated. Closing it
schedules a callback to each caller (or the clerk prints a notice list instead).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from peewee import JOIN, fn

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import IncidentStatus
from propdesk.models.tables import (
    Building, Callback, Incident, IncidentArea, IncidentContact, Owner, Staff, Unit, now,
)
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.cases import callbacks
from propdesk.services.core import numbering
from propdesk.services.register import owners
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.services.core.validation import Checker
from propdesk.services.register.address import building_display, display_estates, unit_display

ENTITY = "incident"
PREFIX = numbering.INCIDENT
OPEN = IncidentStatus.OPEN.value
KINDS = {
    "water": QT_TRANSLATE_NOOP("enums", "Water cut"),
    "power": QT_TRANSLATE_NOOP("enums", "Power cut"),
    "lift": QT_TRANSLATE_NOOP("enums", "Lift out of order"),
    "gas": QT_TRANSLATE_NOOP("enums", "Gas"),
    "other": QT_TRANSLATE_NOOP("enums", "Other"),
}
MSG_CLOSED = QT_TRANSLATE_NOOP("rules", "Incident {number} is closed.")
MSG_END = QT_TRANSLATE_NOOP("rules", "{label}: the expected end is before the start.")
MSG_CONTACT = QT_TRANSLATE_NOOP(  # the complaint's words (services.cases.complaints): one message
    "rules", "{label}: give a phone number or a unit, so the customer can be called back.")


def declare(actor: Staff, kind: str, title: str, description: str = "", estate_id: int | None = None,
            building_ids: Sequence[int] = (), unit_ids: Sequence[int] = (), expected_end: dt.datetime | None = None,
            at: dt.datetime | None = None) -> Incident:
    accounts.require(actor, "complaint.create")
    at = at or now()
    c = Checker()
    c.choice("category", kind, set(KINDS))
    title = c.text("description", title, required=True, max_len=120)
    description = c.text("note", description, max_len=2000)
    if expected_end is not None and expected_end < at:
        from propdesk.services.core.validation import label

        c.errors["window"] = RuleError(MSG_END, field="window", label=label("window"))
    c.raise_if_any()
    with transaction():
        incident = Incident.create(number=numbering.next_number(PREFIX, at.date()), kind=kind, title=title,
                                   description=description, estate=estate_id, started_at=at,
                                   expected_end=expected_end, created_by=actor)
        rows = [{"incident": incident.id, "building": b, "unit": None} for b in building_ids]
        rows += [{"incident": incident.id, "building": None, "unit": u} for u in unit_ids]
        if rows:
            IncidentArea.insert_many(rows).execute()
        audit.record(actor, ENTITY, incident.id, "create", note=f"{incident.number} {title}", at=at)
        return incident


def covering(unit_id: int | None) -> list[Incident]:
    """Open incidents whose area holds the unit (or that cover the unit's whole estate)."""
    if not unit_id:
        return []
    unit = Unit.select(Unit, Building).join(Building).where(Unit.id == unit_id).get()
    has_area = fn.EXISTS(IncidentArea.select(IncidentArea.id).where(IncidentArea.incident == Incident.id))
    in_area = fn.EXISTS(IncidentArea.select(IncidentArea.id).where(
        (IncidentArea.incident == Incident.id)
        & ((IncidentArea.unit == unit.id) | (IncidentArea.building == unit.building_id))))
    whole_estate = ~has_area & (Incident.estate.is_null() | (Incident.estate == unit.building.estate_id))
    return list(Incident.select().where((Incident.status == OPEN) & (in_area | whole_estate))
                .order_by(Incident.started_at.desc()))


def get(incident_id: int) -> Incident:
    # inside a service's transaction the row is locked (PostgreSQL): see db_retry.for_change
    incident = for_change(Incident.select().where(Incident.id == incident_id)).first()
    if incident is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such incident."))
    return incident


def read(incident_id: int, *, reader) -> Incident:
    """One incident for showing it (the incident tab's selection): records.read
    (accounts.require_reader; refusals audited)."""
    accounts.require_reader(reader, ENTITY)
    return get(incident_id)


def estate_ids(incident_id: int) -> set[int]:
    """The estates the incident is in: its estate, and those of the buildings and units of
    its area."""
    incident = Incident.get_or_none(Incident.id == incident_id)
    if incident is None:
        return set()
    found = {incident.estate_id} if incident.estate_id else set()
    area_building = Building.alias()
    unit_building = Building.alias()
    rows = (IncidentArea.select(area_building.estate.alias("a"), unit_building.estate.alias("u"))
            .join(area_building, JOIN.LEFT_OUTER, on=(IncidentArea.building == area_building.id))
            .switch(IncidentArea).join(Unit, JOIN.LEFT_OUTER, on=(IncidentArea.unit == Unit.id))
            .join(unit_building, JOIN.LEFT_OUTER, on=(Unit.building == unit_building.id))
            .where(IncidentArea.incident == incident_id).tuples())
    for a, u in rows:
        found |= {e for e in (a, u) if e}
    return found


def caller_unit(incident_id: int, text: str) -> Unit | None:
    """The unit a caller about the incident gave: one unit the text means, or, when it means
    units of several estates (5-1-302: 阳光花园 5栋 and 翠湖苑 5幢), the one in the incident's
    estate if the incident is in exactly one. None when no unit, or still several (an incident
    of several estates, or of the whole office, does not say which: the clerk names the estate)."""
    found = owners.matching_units(text)
    if len(found) <= 1:
        return found[0] if found else None
    estates = estate_ids(incident_id)
    if len(estates) != 1:
        return None
    buildings = {b.id: b.estate_id for b in Building.select(Building.id, Building.estate)
                 .where(Building.id.in_([u.building_id for u in found]))}
    inside = [u for u in found if buildings.get(u.building_id) in estates]
    return inside[0] if len(inside) == 1 else None


def attach(actor: Staff, incident_id: int, name: str, phone: str, unit: str = "", note: str = "",
           owner_id: int | None = None, at: dt.datetime | None = None) -> IncidentContact:
    """A call about the incident: who called, from where, what they said."""
    accounts.require(actor, "complaint.create", ENTITY, incident_id)
    at = at or now()
    c = Checker()
    name = c.text("complainant", name, max_len=60)
    phone, _digits = c.phone("phone", phone)
    note = c.text("description", note, max_len=2000)
    unit = c.text("unit", unit, max_len=80)
    unit_record = caller_unit(incident_id, unit) if unit and "unit" not in c.errors else None
    if unit and unit_record is None and "unit" not in c.errors:
        # 5-1-302 with both 阳光花园 5栋 and 翠湖苑 5幢 on an incident of several estates (or
        # none), or no such unit: said, as the complaint form says it, never dropped (the
        # caller was kept without a unit: seen at the desk)
        message, params = owners.unit_problem(unit)
        c.fail("unit", message, **params)
    if not unit and not phone and "phone" not in c.errors:
        # every caller is called back when the incident ends (docs/procedure.md): a call with
        # neither a phone nor a unit (F8 on an empty form) made a callback nobody could make
        c.fail("phone", MSG_CONTACT)
    c.raise_if_any()
    with transaction():
        incident = get(incident_id)
        if incident.status != OPEN:
            raise RuleError(MSG_CLOSED, number=incident.number)
        contact = IncidentContact.create(incident=incident, at=at, name=name, phone=phone, unit=unit_record,
                                         owner=Owner.get_or_none(Owner.id == owner_id) if owner_id else None,
                                         note=note, taken_by=actor)
        audit.record(actor, ENTITY, incident_id, "contact", note=f"{name} {phone} {unit}".strip(), at=at)
        return contact


def close(actor: Staff, incident_id: int, note: str = "", schedule_callbacks: bool = True,
          at: dt.datetime | None = None) -> list[Callback]:
    """Close the incident; each caller is called back (one callback per phone number)."""
    accounts.require(actor, "complaint.handle", ENTITY, incident_id)
    at = at or now()
    c = Checker()
    note = c.text("note", note, max_len=2000)
    c.raise_if_any()
    with transaction():
        incident = get(incident_id)
        if incident.status != OPEN:
            raise RuleError(MSG_CLOSED, number=incident.number)
        changes = audit.diff(incident, {"status": IncidentStatus.CLOSED.value, "closed_at": at, "close_note": note})
        incident.save()
        audit.record(actor, ENTITY, incident_id, "close", note=note, changes=changes, at=at)
        made, seen = [], set()
        if schedule_callbacks:
            for contact in contacts(incident_id, reader=accounts.PROGRAM):  # closing was checked; no query per caller
                key = owners.phone_digits(contact.phone) or f"#{contact.id}"
                if key in seen:
                    continue
                seen.add(key)
                contact.incident = incident
                made.append(callbacks.schedule_for_incident_contact(actor, contact, at))
        return made


def contacts(incident_id: int, *, reader) -> list[IncidentContact]:
    """The incident's callers (names, phones, what they said): records.read."""
    accounts.require_reader(reader, ENTITY)
    return list(IncidentContact.select(IncidentContact, Unit, Staff).join(Unit, JOIN.LEFT_OUTER)
                .switch(IncidentContact).join(Staff, on=(IncidentContact.taken_by == Staff.id))
                .where(IncidentContact.incident == incident_id).order_by(IncidentContact.at))


def listing(include_closed: bool = False, limit: int = 500, *, reader) -> list[Incident]:
    """The latest incidents (open ones only unless ``include_closed``), newest first, each with
    ``n_contacts`` (its callers), in one query. records.read."""
    accounts.require_reader(reader, ENTITY)
    query = (Incident.select(Incident, fn.COUNT(IncidentContact.id).alias("n_contacts"))
             .join(IncidentContact, JOIN.LEFT_OUTER, on=(IncidentContact.incident == Incident.id))
             .group_by(Incident.id).order_by(Incident.started_at.desc(), Incident.id.desc()).limit(limit))
    if not include_closed:
        query = query.where(Incident.status == OPEN)
    return list(query)


def area_text(incident: Incident) -> str:
    """The area as people say it: 3栋、5栋、7栋1单元1201, or the estate."""
    return area_texts([incident])[incident.id]


def area_texts(items: Sequence[Incident]) -> dict[int, str]:
    """:func:`area_text` of each incident (id -> text), read in one query for them all (the
    incident list: no query per incident)."""
    parts: dict[int, list[str]] = {i.id: [] for i in items}
    if not parts:
        return {}
    estates = display_estates()
    for area in (IncidentArea.select(IncidentArea, Building, Unit).join(Building, JOIN.LEFT_OUTER)
                 .switch(IncidentArea).join(Unit, JOIN.LEFT_OUTER)
                 .where(IncidentArea.incident.in_(list(parts))).order_by(IncidentArea.id)):
        parts[area.incident_id].append(unit_display(area.unit, estates) if area.unit_id
                                       else building_display(area.building, estates))
    return {i.id: "、".join(parts[i.id]) if parts[i.id] else
            (i.estate.name if i.estate_id else QT_TRANSLATE_NOOP("ui", "whole estate")) for i in items}
