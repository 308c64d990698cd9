"""Estates, buildings and units: a building with all its units in one step."""
import pytest

from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditEntry, Building, Estate, Unit
from propdesk.services.register import owners
from propdesk.services.setup.structure import (
    BuildingSpec, add_building, add_units, buildings, plan_units, save_building, save_estate,
    set_unit_active, units,
)


def test_building_with_entrances_floors_and_rooms(office):
    estate = Estate.get(Estate.name == "阳光花园")
    building, n = add_building(office["admin"], estate.id, BuildingSpec("12", 2, 1, 18, 4))
    assert building.name == "12栋" and n == 2 * 18 * 4
    labels = [u.label for u in units(building.id)]
    assert labels[:5] == ["12栋1单元101", "12栋1单元102", "12栋1单元103", "12栋1单元104", "12栋1单元201"]
    assert labels[-1] == "12栋2单元1804"
    assert owners.find_unit("12-2-1804").label == "12栋2单元1804"  # intake finds them
    assert owners.find_unit("12栋1单元903").floor == 9
    row = next(b for b in buildings(estate.id) if b["name"] == "12栋")
    assert row["units"] == row["active_units"] == 144
    entry = AuditEntry.get(AuditEntry.entity == "building")
    assert "144" in entry.note and entry.staff_id == office["admin"].id


def test_villas_without_entrances():
    assert [u["label"] for u in plan_units("A座", BuildingSpec("A座", 0, 1, 2, 1))] == ["A座101", "A座201"]


def test_bad_spec_names_the_fields(office):
    estate = Estate.get(Estate.name == "阳光花园")
    with pytest.raises(ValidationError) as err:
        add_building(office["admin"], estate.id, BuildingSpec("", "两", 5, 3, 0))
    assert set(err.value.errors) == {"building_name", "entrances", "rooms_per_floor"}
    with pytest.raises(ValidationError) as err:
        add_building(office["admin"], estate.id, BuildingSpec("20栋", 2, 9, 3, 2))
    assert list(err.value.errors) == ["floor_to"]
    with pytest.raises(ValidationError) as err:
        add_building(office["admin"], estate.id, BuildingSpec("20栋", 20, 1, 99, 9))
    assert "太多" in err.value.text()
    assert not Building.select().where(Building.name == "20栋").exists()


def test_building_names_stay_distinct(office):
    estate = Estate.get(Estate.name == "阳光花园")
    with pytest.raises(ValidationError) as err:
        add_building(office["admin"], estate.id, BuildingSpec("3栋", 1, 1, 2, 2))
    assert "已在列表中" in err.value.text()
    other = save_estate(office["admin"], None, "翠湖苑", "翠湖路16号")
    with pytest.raises(ValidationError) as err:  # labels would be the same as 阳光花园's
        add_building(office["admin"], other.id, BuildingSpec("3栋", 1, 1, 2, 2))
    assert "阳光花园" in err.value.text()
    b, n = add_building(office["admin"], other.id, BuildingSpec("3幢", 1, 1, 2, 2))
    assert n == 4 and units(b.id)[0].label == "3幢1单元101"


def test_add_units_to_a_building_and_rename(office):
    estate = Estate.get(Estate.name == "阳光花园")
    b, _ = add_building(office["admin"], estate.id, BuildingSpec("7栋", 1, 1, 3, 2))
    assert add_units(office["admin"], b.id, BuildingSpec("", 2, 1, 4, 2)) == 16 - 6
    with pytest.raises(ValidationError):
        add_units(office["admin"], b.id, BuildingSpec("", 2, 1, 4, 2))  # nothing new
    save_building(office["admin"], b.id, "7号楼")
    assert units(b.id)[0].label == "7号楼1单元101"
    assert owners.find_unit("7号楼2单元402") is not None


def test_deactivate_never_deletes(office):
    estate = Estate.get(Estate.name == "阳光花园")
    b = Building.get(Building.name == "5栋")
    n = Unit.select().where(Unit.building == b).count()
    save_building(office["admin"], b.id, "5栋", active=False)
    assert Unit.select().where(Unit.building == b).count() == n
    assert owners.find_unit("5栋1单元301") is None  # intake no longer offers them
    unit = office["units"]["3栋2单元1201"]
    set_unit_active(office["admin"], unit.id, False)
    assert owners.find_unit("3栋2单元1201") is None
    with pytest.raises(ValidationError):  # a unit of an inactive building stays inactive
        set_unit_active(office["admin"], office["units"]["5栋1单元301"].id, True)
    save_estate(office["admin"], estate.id, "阳光花园", "阳光路88号", active=False)
    assert not Estate.get_by_id(estate.id).active and Estate.get_by_id(estate.id).address == "阳光路88号"


def test_only_an_administrator(office):
    estate = Estate.get(Estate.name == "阳光花园")
    with pytest.raises(PermissionDenied):
        add_building(office["supervisor"], estate.id, BuildingSpec("9栋", 1, 1, 2, 2))
    with pytest.raises(PermissionDenied):
        save_estate(office["clerk"], None, "新小区")
    assert Estate.select().count() == 1 and not Building.select().where(Building.name == "9栋").exists()
