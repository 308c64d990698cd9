"""Estates, buildings and units (楼栋 / 单元 / 房号), kept by the office beside the roster import.

A building is added with all its units in one step: N entrances (单元) x floors x rooms per
floor, e.g. 12栋, 2 单元, floors 1-18, rooms 01-04 -> 12栋1单元101 ... 12栋2单元1804. Labels
come from :func:`propdesk.services.register.owners.unit_label`, as intake and the import read them.
Nothing is deleted: estates, buildings and units are deactivated (and stay on old records).
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from propdesk.errors import NotFound
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Building, Estate, Staff, Unit
from propdesk.services.core import audit
from propdesk.services.core.db_retry import transaction
from propdesk.services.setup.office import require_edit, whole_number
from propdesk.services.register.owners import normalize_text, unit_label
from propdesk.services.core.validation import Checker

MAX_UNITS = 5000  # in one step

MSG_TAKEN = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is already on the list.")
MSG_OTHER_ESTATE = QT_TRANSLATE_NOOP(
    "rules", "{label}: {estate} already has a building called {value}; units would have the "
             "same labels (such as {example}). Use a distinct name, e.g. with the estate's "
             "short name in front.")
MSG_FLOORS = QT_TRANSLATE_NOOP("rules", "{label}: the last floor is below the first.")
MSG_TOO_MANY = QT_TRANSLATE_NOOP(
    "rules", "{label}: {n} units at once is too many (at most {max}); add the building in parts.")
MSG_NOTHING_NEW = QT_TRANSLATE_NOOP("rules", "{label}: all these units exist already.")
MSG_NOT_FOUND = QT_TRANSLATE_NOOP("rules", "This entry no longer exists.")
MSG_INACTIVE = QT_TRANSLATE_NOOP("rules", "{label}: {name} is not active.")


def _get(model, row_id):
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFound(MSG_NOT_FOUND)
    return row


# --- estates ---------------------------------------------------------------------------------

def estates(active_only: bool = False) -> list[Estate]:
    query = Estate.select().order_by(Estate.id)
    return list(query.where(Estate.active == True) if active_only else query)  # noqa: E712 - peewee: `== True` builds SQL


def save_estate(actor: Staff | None, estate_id: int | None, name: str, address: str = "",
                active: bool = True) -> Estate:
    require_edit(actor, "estate", estate_id or 0)
    c = Checker()
    name = c.text("estate_name", name, required=True, max_len=80)
    address = c.text("estate_address", address, max_len=200)
    if name and "estate_name" not in c.errors:
        query = Estate.select().where(fn.LOWER(Estate.name) == name.lower())
        if estate_id:
            query = query.where(Estate.id != estate_id)
        if query.exists():
            c.fail("estate_name", MSG_TAKEN, value=name)
    c.raise_if_any()
    values = {"name": name, "address": address, "active": bool(active)}
    with transaction():
        if estate_id:
            estate = _get(Estate, estate_id)
            changes = audit.diff(estate, values)
            if changes:
                estate.save()
                audit.record(actor, "estate", estate.id, "change", note=name, changes=changes)
            return estate
        estate = Estate.create(**values)
        audit.record(actor, "estate", estate.id, "create", note=name)
        return estate


# --- buildings and their units ---------------------------------------------------------------

@dataclass
class BuildingSpec:
    """What to build: ``entrances`` 0 means no 单元 (villas, small blocks)."""

    name: str = ""
    entrances: int | str = 1
    floor_from: int | str = 1
    floor_to: int | str = 6
    rooms_per_floor: int | str = 2


def building_name(text: str) -> str:
    """People say "12栋"; a bare number gets the 栋 as the unit parser expects."""
    text = normalize_text(text).replace(" ", "")
    return f"{text}栋" if text.isdigit() else text


def room_number(floor: int, room: int) -> str:
    """Floor 12, room 3 -> "1203"."""
    return f"{floor}{room:02d}"


def plan_units(building: str, spec: BuildingSpec) -> list[dict]:
    """The units of a checked spec, in order: entrance, floor, room."""
    entrances = [f"{i}单元" for i in range(1, int(spec.entrances) + 1)] or [""]
    return [{"entrance": e, "floor": f, "room": room_number(f, r),
             "label": unit_label(building, e, room_number(f, r))}
            for e in entrances
            for f in range(int(spec.floor_from), int(spec.floor_to) + 1)
            for r in range(1, int(spec.rooms_per_floor) + 1)]


def _checked_spec(c: Checker, spec: BuildingSpec) -> BuildingSpec | None:
    entrances = whole_number(c, "entrances", spec.entrances, 0, 20)
    floor_from = whole_number(c, "floor_from", spec.floor_from, 1, 99)
    floor_to = whole_number(c, "floor_to", spec.floor_to, 1, 99)
    rooms = whole_number(c, "rooms_per_floor", spec.rooms_per_floor, 1, 99)
    if None in (entrances, floor_from, floor_to, rooms):
        return None
    if floor_to < floor_from:
        c.fail("floor_to", MSG_FLOORS)
        return None
    n = max(entrances, 1) * (floor_to - floor_from + 1) * rooms
    if n > MAX_UNITS:
        c.fail("rooms_per_floor", MSG_TOO_MANY, n=n, max=MAX_UNITS)
        return None
    return BuildingSpec(spec.name, entrances, floor_from, floor_to, rooms)


def _check_name(c: Checker, estate: Estate, name: str, building_id: int | None) -> None:
    if "building_name" in c.errors or not name:
        return
    clash = (Building.select(Building, Estate).join(Estate)
             .where(fn.LOWER(Building.name) == name.lower()))
    if building_id:
        clash = clash.where(Building.id != building_id)
    for other in clash:
        if other.estate_id == estate.id:
            c.fail("building_name", MSG_TAKEN, value=name)
        else:
            c.fail("building_name", MSG_OTHER_ESTATE, value=name, estate=other.estate.name,
                   example=unit_label(name, "1单元", "101"))
        return


def add_building(actor: Staff | None, estate_id: int, spec: BuildingSpec) -> tuple[Building, int]:
    """Create the building and all its units in one transaction; returns (building, units)."""
    require_edit(actor, "building")
    c = Checker()
    name = building_name(c.text("building_name", spec.name, required=True, max_len=30))
    estate = Estate.get_or_none(Estate.id == estate_id) if estate_id else None
    if estate is None:
        c.fail("estate", MSG_NOT_FOUND)
    elif not estate.active:
        c.fail("estate", MSG_INACTIVE, name=estate.name)
    else:
        _check_name(c, estate, name, None)
    checked = _checked_spec(c, spec)
    c.raise_if_any()
    planned = plan_units(name, checked)
    with transaction():
        sort = (Building.select(fn.MAX(Building.sort)).where(Building.estate == estate).scalar() or 0) + 1
        building = Building.create(estate=estate, name=name, sort=sort)
        _insert_units(building, planned)
        audit.record(actor, "building", building.id, "create", note=_spec_note(name, checked, len(planned)))
    return building, len(planned)


def add_units(actor: Staff | None, building_id: int, spec: BuildingSpec) -> int:
    """Add the units of ``spec`` that a building lacks (an extra entrance, more floors)."""
    require_edit(actor, "building", building_id)
    c = Checker()
    checked = _checked_spec(c, spec)
    c.raise_if_any()
    with transaction():
        building = _get(Building, building_id)
        existing = {(u.entrance, u.room) for u in Unit.select(Unit.entrance, Unit.room)
                    .where(Unit.building == building)}
        planned = [u for u in plan_units(building.name, checked)
                   if (u["entrance"], u["room"]) not in existing]
        if not planned:
            c.fail("rooms_per_floor", MSG_NOTHING_NEW)
            c.raise_if_any()
        _insert_units(building, planned)
        audit.record(actor, "building", building.id, "add_units",
                     note=_spec_note(building.name, checked, len(planned)))
    return len(planned)


def _insert_units(building: Building, planned: list[dict]) -> None:
    rows = [{"building": building.id, **u} for u in planned]
    for i in range(0, len(rows), 500):
        Unit.insert_many(rows[i:i + 500]).execute()


def _spec_note(name: str, spec: BuildingSpec, n: int) -> str:
    return (f"{name}: {spec.entrances} 单元 x {spec.floor_from}-{spec.floor_to} 层 x "
            f"{spec.rooms_per_floor} 户 = {n} units")


def save_building(actor: Staff | None, building_id: int, name: str, active: bool = True) -> Building:
    """Rename (unit labels follow) or (de)activate a building with its units."""
    require_edit(actor, "building", building_id)
    c = Checker()
    name = building_name(c.text("building_name", name, required=True, max_len=30))
    with transaction():
        building = _get(Building, building_id)
        _check_name(c, building.estate, name, building.id)
        c.raise_if_any()
        changes = audit.diff(building, {"name": name, "active": bool(active)})
        if not changes:
            return building
        building.save()
        if "name" in changes:
            for unit in Unit.select().where(Unit.building == building):
                Unit.update(label=unit_label(name, unit.entrance, unit.room)).where(
                    Unit.id == unit.id).execute()
        if "active" in changes:
            Unit.update(active=bool(active)).where(Unit.building == building).execute()
        audit.record(actor, "building", building.id, "change", note=name, changes=changes)
    return building


def buildings(estate_id: int) -> list[dict]:
    """The estate's buildings with their unit counts (active / all), one query."""
    active = fn.SUM(Unit.active.cast("integer"))
    rows = (Building.select(Building, fn.COUNT(Unit.id).alias("n_units"), active.alias("n_active"))
            .join(Unit, JOIN.LEFT_OUTER).where(Building.estate == estate_id)
            .group_by(Building.id).order_by(Building.sort, Building.id))
    return [{"id": b.id, "name": b.name, "active": b.active, "units": b.n_units,
             "active_units": int(b.n_active or 0)} for b in rows]


def units(building_id: int) -> list[Unit]:
    return list(Unit.select().where(Unit.building == building_id)
                .order_by(fn.LENGTH(Unit.entrance), Unit.entrance, Unit.floor,
                          fn.LENGTH(Unit.room), Unit.room))


def set_unit_active(actor: Staff | None, unit_id: int, active: bool) -> Unit:
    require_edit(actor, "unit", unit_id)
    with transaction():
        unit = _get(Unit, unit_id)
        if bool(active) and not unit.building.active:
            c = Checker()
            c.fail("building_name", MSG_INACTIVE, name=unit.building.name)
            c.raise_if_any()
        changes = audit.diff(unit, {"active": bool(active)})
        if changes:
            unit.save()
            audit.record(actor, "unit", unit.id, "activate" if active else "deactivate",
                         note=unit.label, changes=changes)
    return unit
