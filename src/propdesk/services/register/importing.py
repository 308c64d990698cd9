"""Owner roster import (业主档案) from any workbook an office has, mess and all, never guessing.

Steps a clerk sees: :func:`read_roster` opens the workbook safely (:mod:`workbook`) and finds
the sheets that hold owners and rooms, each with its header row (title and notes rows above it,
merged cells filled in); :func:`columns.propose_mapping` reads each header by meaning;
:func:`preview` shows every line as it will be stored (estate, building, entrance, room), every
unit that would be new, every line whose estate is ambiguous and every rejected line with its
reason; :func:`import_owners` writes it all in one transaction, auditing each owner field it
changes (old -> new) with who imported.

Shapes read: one sheet with the address in one column (3-2-1201, 翠湖苑5幢2单元802 …) or split
over 楼号/单元/房间 (with 楼层, 房屋类型, 户型, 面积, 身份证号 beside them, which are never the room);
an estate column or the estate's name in front of the address; several sheets, where an owners
sheet (业主编号, 业主名称, 手机号) is joined to a rooms sheet (房屋编号, 楼栋编号, 单元编号, 业主编号)
by the owner number (HC 小区管理系统 / java110 templates); one sheet per building (1栋, 5幢,
阳光花园3栋 …, the same columns on each), read together, the building from the sheet's name when
it has no building column, each line reported as sheet and row; PropDesk's own export.

Never guessed: a unit not on the register is created only when the caller says so
(``create_units``), else its lines are rejected with the reason; a line that could be in two
estates is rejected naming both; a value that is only a number is never a person's name.
Re-importing the same file changes nothing: an owner is matched by unit and name, a phone by
owner and digits.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from propdesk.errors import MSG_REQUIRED, PermissionDenied, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import OwnerRole, Role
from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Staff, Unit
from propdesk.services.core import accounts, audit, settings
from propdesk.services.core.db_retry import transaction
from propdesk.services.core.validation import MSG_CONTROL, MSG_PHONE, MSG_TOO_LONG, Checker, has_control
from propdesk.services.register import address as addr
from propdesk.services.register import columns
from propdesk.services.register.address import Address, UnitChoice
from propdesk.services.register.columns import FIELDS, propose_mapping  # noqa: F401 - tests use it here
from propdesk.services.register.sheets import (  # noqa: F401 - the import dialog and tests use them here
    Link, NamePlace, Roster, SheetInfo, arrange, asks_for_sheet, read_roster,
)
from propdesk.services.register.sheets import ImportRuleError, _tr
from propdesk.services.register.sheets import cell_text as _cell_text
from propdesk.services.register.owners import initials, normalize_text, unit_label
from propdesk.services.register.workbook import MSG_NO_FILE, MSG_NOT_WORKBOOK  # noqa: F401 - re-exported for the import dialog and tests

ROLE_WORDS = {"业主": "owner", "产权人": "owner", "本人": "owner", "户主": "owner", "owner": "owner",
              "1001": "owner", "租户": "tenant", "租客": "tenant", "承租人": "tenant",
              "tenant": "tenant", "1003": "tenant", "家属": "family", "家人": "family",
              "亲属": "family", "家庭成员": "family", "family": "family", "1002": "family",
              "配偶": "family", "妻子": "family", "丈夫": "family", "子女": "family", "儿子": "family",
              "女儿": "family", "父母": "family", "父亲": "family", "母亲": "family", "亲戚": "family"}
PHONE_SPLIT = re.compile(r"[/,;、|\n，；／｜]+|或")
BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
BLOCK_UNIT = re.compile(r"^(?P<b>[^\s\-]+?[座区])-?(?:(?P<e>\d+)(?:单元|-))?(?P<r>[A-Za-z]?\d+)$")
BUILDING = re.compile(r"^(?P<b>[A-Za-z]?\d{1,3}[A-Za-z]?|[A-Za-z])(?P<w>号楼|栋|幢|座|楼|号|#)?$")
CJK_NAME = re.compile(r"[\u4e00-\u9fff·\s]+")
NUMBER = re.compile(r"[\d.\-\s]+")

MSG_NO_HEADER = QT_TRANSLATE_NOOP(
    "import", "No header row was found (such as 房号, 姓名, 电话). Choose the columns by hand.")
MSG_MAPPING = QT_TRANSLATE_NOOP("import", "Choose which column holds the {label}.")
MSG_BAD_UNIT = QT_TRANSLATE_NOOP(
    "import", "{label}: \"{value}\" is not a unit. Write it as 3栋2单元1201 or 3-2-1201.")
MSG_NAME_NUMBER = QT_TRANSLATE_NOOP(
    "import", "{label}: \"{value}\" is a number, not a person's name. Check which column holds "
              "the names.")
MSG_NEW_UNIT = QT_TRANSLATE_NOOP(
    "import", "{unit} is not on the owner register. Confirm the new units to create it, or "
              "correct the line.")
MSG_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "import", "\"{value}\" could be {units}. Add the estate (a column 小区, or its name in front "
              "of the address) or choose the estate for the whole file.")
MSG_WHICH_ESTATE = QT_TRANSLATE_NOOP(
    "import", "\"{value}\" names no estate and the office has several ({estates}). Add the estate "
              "(a column 小区, or its name in front of the address) or choose the estate for the "
              "whole file.")
MSG_NO_BUILDING = QT_TRANSLATE_NOOP(
    "import", "\"{value}\": {estate} has no building {building} (nor has {others}). Correct the "
              "building, or add it in Office setup (estates, buildings and units) first.")
MSG_NO_BUILDING_ANYWHERE = QT_TRANSLATE_NOOP(
    "import", "\"{value}\": no estate has a building {building} ({estates}). Correct the building, "
              "or write the estate in front of the address.")
MSG_NEW_BUILDING = QT_TRANSLATE_NOOP(
    "import", "{estate} has no building {building}, so {unit} is not on the owner register. Confirm "
              "the new units to create it, or correct the line.")
MSG_NO_OWNER = QT_TRANSLATE_NOOP(
    "import", "column {column}: {number} is not on the sheet {sheet}.")
MSG_NO_ROOM = QT_TRANSLATE_NOOP(
    "import", "column {column}: {number} ({name}) has no room on the sheet {sheet}.")
MSG_NO_KEY = QT_TRANSLATE_NOOP(
    "import", "column {column} is empty, so {name} cannot be joined to a room of the sheet {sheet}.")
MSG_TWICE = QT_TRANSLATE_NOOP(
    "import", "column {column}: {number} is on the sheet {sheet} more than once with different "
              "names ({people}). Correct the sheet; neither is imported.")
MSG_TWICE_ROLE = QT_TRANSLATE_NOOP(
    "import", "column {column}: {number} ({name}) is on the sheet {sheet} more than once with "
              "different roles ({roles}). Correct the sheet.")
MSG_OWNER_NOT_READ = QT_TRANSLATE_NOOP(
    "import", "column {column}: the line of {number} on the sheet {sheet} (row {rows}) was not "
              "imported; its reason is listed there.")
MSG_DISAGREE = QT_TRANSLATE_NOOP(
    "import", "column {column}: this line says {value}, but the sheet {sheet} (row {row}) says "
              "{other} for {number}.")
MSG_SOURCE = QT_TRANSLATE_NOOP("import", "{sheet} row {row}")
MSG_NO_BUILDING_HERE = QT_TRANSLATE_NOOP(
    "import", "\"{value}\" does not say its building, and the sheet {sheet} has no building column "
              "and is not named for a building (such as 1栋 or 阳光花园3栋). Write the building in "
              "the line, or name the sheet after its building.")
MSG_OTHER_BUILDING = QT_TRANSLATE_NOOP(
    "import", "\"{value}\" is in building {building}, but the sheet {sheet} is named for "
              "{named}. Correct the line or the sheet's name.")
MSG_SHEET_ROW = QT_TRANSLATE_NOOP("import", "Sheet {sheet}, row {row}: {reason}")
MSG_DENIED_IMPORT = QT_TRANSLATE_NOOP("import", "import the owner register")
MSG_SUMMARY = QT_TRANSLATE_NOOP(
    "import", "Created {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}.")
MSG_NEW_UNITS = QT_TRANSLATE_NOOP("import", "New units created: {n}.")
MSG_DRY_RUN = QT_TRANSLATE_NOOP("import", "Dry run: nothing was saved.")
MSG_ROW = QT_TRANSLATE_NOOP("import", "Row {row}: {reason}")




def _label(name: str) -> str:
    return _tr(FIELDS[name])


def field_label(name: str) -> str:
    """The translated label of a mapping key, "phone_2" included (联系电话 2)."""
    base, _, n = name.rpartition("_") if name.startswith("phone_") else (name, "", "")
    return f"{_label(base)} {n}".strip() if base in FIELDS else name


# --- reading the workbook: which sheet holds what (services/register/sheets.py) ----------------

def read_workbook(path, sheet: str | None = None) -> SheetInfo:
    """The sheet with the addresses (see :func:`read_roster`)."""
    return read_roster(path, sheet).main


class Rejected(tuple):
    """A rejected line: (Excel row, translated reason), and ``sheet``, the sheet the row is on
    ("" in a roster of one sheet). Compares and sorts as the plain pair."""

    sheet: str

    def __new__(cls, row: int, reason: str, sheet: str = "") -> "Rejected":
        self = super().__new__(cls, (row, reason))
        self.sheet = sheet
        return self

    def line(self) -> str:
        if self.sheet:
            return _tr(MSG_SHEET_ROW).format(sheet=f"“{self.sheet}”", row=self[0], reason=self[1])
        return _tr(MSG_ROW).format(row=self[0], reason=self[1])


class SheetRow(int):
    """An Excel row number that knows its sheet ("" in a roster of one sheet); compares as the
    number."""

    sheet: str

    def __new__(cls, row: int, sheet: str = "") -> "SheetRow":
        self = super().__new__(cls, row)
        self.sheet = sheet
        return self

    def where(self) -> str:
        return f"{self.sheet} {int(self)}".strip()


@dataclass(frozen=True)
class Within:
    """A sheet whose lines are read within the place its name says (``place``; None when its
    name says none), because it has no building column."""

    sheet: str
    place: NamePlace | None
    relative: bool = True  # the sheet has no building column: lines read within the place


# --- one line ---------------------------------------------------------------------------------

@dataclass
class ParsedRow:
    row: int
    address: Address
    name: str
    phones: list[tuple[str, str]]  # (as written, digits)
    role: str | None = None
    area: Decimal | None = None
    note: str = ""
    place: UnitChoice | None = None  # where it will be stored, once placed
    new_unit: bool = False
    new_building: bool = False  # the estate has no building of that name either
    source: str = ""  # where the name came from in a joined roster: "“业主”第 3 行"
    sheet: str = ""  # the sheet of the line in a roster of several sheets ("" in one of one)

    @property
    def where(self) -> str:
        """Where the line is, as the preview shows it: "1栋 3" (or "3")."""
        return f"{self.sheet} {self.row}".strip()

    @property
    def unit(self):
        return self.place

    @property
    def unit_label(self) -> str:
        if self.place:
            return self.place.label
        a = self.address
        return unit_label(a.building + (a.word or ""), f"{a.entrance}单元" if a.entrance else "", a.room)

    def stored_as(self, with_estate: bool = True) -> str:
        """The unit as it will be stored: "翠湖苑 5幢2单元802"."""
        return self.place.display(with_estate) if self.place else self.unit_label


def _fail(field_name: str, message: str, **params) -> RuleError:
    cls = ImportRuleError if message in (MSG_BAD_UNIT, MSG_NAME_NUMBER) else RuleError
    return cls(message, field=field_name, label=_label(field_name), **params)


def parse_phones(value) -> list[tuple[str, str]]:
    """One cell, any number of phones: "138 0013 8000 / 0755-26881234、13912345678"."""
    text = _cell_text(value)
    found: dict[str, str] = {}  # digits -> as written; a number written twice counts once
    for part in PHONE_SPLIT.split(BRACKETS.sub(" ", text)):
        part = " ".join(re.sub(r"[^\d\s\-+()转]", " ", part).split())  # drop 手机: and names
        if not part:
            continue
        one = _phone(part)
        pieces = [one] if one else [_phone(p) for p in part.split()]  # "138… 139…": two phones
        if not all(pieces):
            raise _fail("phone", MSG_PHONE, value=text)
        for written, digits in pieces:
            found.setdefault(digits, written)
    return [(written, digits) for digits, written in found.items()]


def _phone(text: str) -> tuple[str, str] | None:
    """(as written, digits) when ``text`` is one phone number by the intake form's rule."""
    checker = Checker()
    written, digits = checker.phone("phone", text)
    return None if checker.errors else (written, digits)


def _whole_unit(text: str, estates: list[str]) -> Address:
    if not text:
        raise _fail("unit", MSG_REQUIRED)
    found = addr.parse_address(text, estates)
    if found is None:
        m = BLOCK_UNIT.match(addr.clean(text))  # 商铺区-12: blocks named otherwise
        if m:
            found = Address("", m["b"], "", m["e"] or "", m["r"])
    if found is None:
        raise _fail("unit", MSG_BAD_UNIT, value=text)
    return found


def _split_unit(values: dict, estates: list[str]) -> Address:
    """Building, entrance and room in their own columns, written as people do: 3 / 3栋 /
    3号楼 / B座, 2 / 2单元 / 二单元, 1201 / 1201室; or the room column holding the whole unit."""
    room = addr.clean(values.get("room", ""))
    if room and not re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?", room):
        whole = addr.parse_address(room, estates)
        if whole:  # 3-2-1201 in the room column
            return whole
    building = addr.clean(values.get("building", ""))
    for name, value in (("building", building), ("room", room)):
        if not value:
            raise _fail(name, MSG_REQUIRED)
    estate = ""
    for e in sorted(estates, key=len, reverse=True):  # 翠湖苑5幢 in the building column
        if building.startswith(e) and len(building) > len(e):
            estate, building = e, building[len(e):]
            break
    m = BUILDING.match(building)
    if m:
        word = m["w"] if m["w"] in addr.BUILDING_WORDS else ""
        core = m["b"].upper()
    else:
        core, word = building, ""
    entrance = re.sub(r"单元$", "", addr.clean(values.get("entrance", "")))
    entrance = entrance.lstrip("0") or entrance
    if not re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?", room):
        raise _fail("room", MSG_BAD_UNIT, value=values.get("room", ""))
    return Address(estate, core, word, entrance, room.upper())


def _in_building(values: dict, within: Within, estates: list[str]) -> Address:
    """The address of a line on a sheet without a building column: its room (201, 1-201,
    1单元201) within the building the sheet's name says, or an address that says its own
    building (5栋1单元201, 5-1-201), which must then be the sheet's."""
    text = addr.clean(values.get("room", "") or values.get("unit", ""))
    if not text:
        raise _fail("room", MSG_REQUIRED)
    place = within.place
    entrance = re.sub(r"单元$", "", addr.clean(values.get("entrance", "")))
    entrance = entrance.lstrip("0") or entrance
    sheet = f"“{within.sheet}”"
    named = None
    if place is not None and place.building:
        named = BUILDING.match(addr.clean(place.building))
    if named is not None:
        if re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?", text):
            return Address("", named["b"].upper(), named["w"] or "", entrance, text.upper())
        found = addr.parse_address(place.building + text, estates)  # 5栋 + 1-201, 1单元201
        if found is not None:
            return found if found.entrance or not entrance else replace(found, entrance=entrance)
    found = addr.parse_address(text, estates)
    if found is not None and (found.word or found.entrance):  # it says its building itself
        if named is not None and found.building != named["b"].upper():
            raise ImportRuleError(MSG_OTHER_BUILDING, value=text, building=found.building + (
                found.word or ""), sheet=sheet, named=place.building if place else "")
        return found
    if named is not None:
        raise _fail("room", MSG_BAD_UNIT, value=values.get("room", "") or values.get("unit", ""))
    raise ImportRuleError(MSG_NO_BUILDING_HERE, value=text, sheet=sheet)


def _area(text: str) -> Decimal | None:
    m = re.search(r"\d+(\.\d+)?", text)
    try:
        return Decimal(m.group()).quantize(Decimal("0.01")) if m else None
    except InvalidOperation:
        return None


def _name(text: str) -> str:
    name = re.sub(r"\s+", "", text) if CJK_NAME.fullmatch(text) else " ".join(text.split())
    if not name:
        raise _fail("name", MSG_REQUIRED)
    if NUMBER.fullmatch(name):
        raise _fail("name", MSG_NAME_NUMBER, value=name)
    if len(name) > 60:
        raise _fail("name", MSG_TOO_LONG, max=60, n=len(name))
    return name


def _values(cells: list, mapping: dict[str, int]) -> dict[str, str]:
    values = {f: _cell_text(cells[i]) if i < len(cells) else "" for f, i in mapping.items()}
    for name, value in values.items():  # the rule every text field follows (NUL, ESC ...)
        if has_control(value):
            raise _fail(name, MSG_CONTROL)
    return values


def _phones_of(cells: list, mapping: dict[str, int]) -> list[tuple[str, str]]:
    phones: dict[str, str] = {}
    for key, col in mapping.items():
        if key.startswith("phone") and col < len(cells):
            phones.update((d, w) for w, d in parse_phones(cells[col]) if d not in phones)
    return [(w, d) for d, w in phones.items()]


def _is_header_again(values: dict) -> bool:
    """The header repeated further down (one block per building): two cells read as headers."""
    return sum(1 for f, v in values.items()  # phone_2 is a phone; owner_no and room_no themselves
               if v and columns.exact(v) == ("phone" if f.startswith("phone_") else f)) >= 2


def parse_row(number: int, cells: list, mapping: dict[str, int], estate_name: str = "",
              estates: list[str] | None = None, person: dict | None = None,
              within: Within | None = None) -> ParsedRow | None:
    """One sheet line -> ParsedRow; None for a blank line or the header repeated; RuleError
    with the reason if bad. ``person`` (name, phones, role, note) comes from a joined owners
    sheet. ``within``: the sheet has no building column, the line is read within the place the
    sheet's name says. The estate of the line: its estate column, else its name in front of
    the address, else the sheet's name's, else ``estate_name``."""
    estates = estates if estates is not None else ([estate_name] if estate_name else [])
    values = _values(cells, mapping)
    if not any(values.values()) or _is_header_again(values):
        return None
    if person is None:
        name = _name(values.get("name", ""))
    else:
        name = person["name"]
    named = within.place.estate if within is not None and within.place is not None else ""
    if within is not None and within.relative and "building" not in mapping:
        address = _in_building(values, within, estates)
    elif "unit" in mapping:
        address = _whole_unit(values["unit"], estates)
    else:
        address = _split_unit(values, estates)
    estate = values.get("estate", "") or address.estate or named or estate_name
    address = Address(estate, address.building, address.word, address.entrance, address.room)
    if person is None:
        phones = _phones_of(cells, mapping)
        role = ROLE_WORDS.get(columns.key(values.get("role", "")))
        note = values.get("note", "")[:500]
    else:
        phones, role, note = person["phones"], person["role"], person["note"]
    return ParsedRow(number, address, name, phones, role, _area(values.get("area", "")), note)


# --- placing lines on the register ---------------------------------------------------------------

class _Snapshot:
    """Every estate, building and unit, read in three queries, to place thousands of lines
    without a query per line. Places by :func:`address.match`, the rule intake uses."""

    def __init__(self):
        self.estates = {e.name: e for e in Estate.select()}
        self.active_estates = [n for n, e in self.estates.items() if e.active]
        self.buildings = list(Building.select(Building, Estate).join(Estate))
        by_id = {b.id: b for b in self.buildings}
        self.by_room: dict[str, list[UnitChoice]] = {}
        for u in Unit.select(Unit.id, Unit.building, Unit.entrance, Unit.room, Unit.label):
            b = by_id[u.building_id]
            self.by_room.setdefault(addr.room_key(u.room), []).append(
                UnitChoice(u.id, b.estate.name, b.name, u.entrance, u.room, u.label))
        self.new: dict[tuple, UnitChoice] = {}  # (estate, building, entrance, room) -> planned

    def estate_of(self, written: str) -> str:
        """The register's name for an estate as written (阳光花园小区 -> 阳光花园), or as written."""
        written = normalize_text(written).replace(" ", "")
        if not written or written in self.estates:
            return written
        near = [n for n in self.estates if n in written or written in n]
        return near[0] if len(near) == 1 else written

    def word_of(self, estate: str) -> str:
        """The building word an estate uses most (栋, 幢, 号楼 …); 栋 for a new estate."""
        words = Counter(w for b in self.buildings if b.estate.name == estate
                        for w in addr.BUILDING_WORDS if b.name.endswith(w))
        return words.most_common(1)[0][0] if words else "栋"

    def place(self, row: ParsedRow, default_estate: str, single: str) -> str | None:
        """Set ``row.place``; returns None, "new" (a unit not on the register) or the reason
        the line cannot be placed (an ambiguous estate)."""
        a = row.address
        estate = self.estate_of(a.estate) if a.estate else default_estate
        a = Address(estate, a.building, a.word, a.entrance, a.room)
        scope = [estate] if estate else (self.active_estates or [single])
        units = [u for u in self.by_room.get(addr.room_key(a.room), []) if u.estate in scope]
        found = addr.match(a, units)
        written = _written(row.address)
        if a.word and found and all(not c.building.endswith(a.word) for c in found):
            # 9幢 found only as 阳光花园 9栋 while 翠湖苑 writes 幢: which one was meant?
            users = {b.estate.name for b in self.buildings if b.estate.name in scope
                     and b.name.endswith(a.word)} - {c.estate for c in found}
            if users:
                return _tr(MSG_AMBIGUOUS).format(value=written, units="、".join(
                    [c.display() for c in found] + [f"{e} {a.building}{a.word}" for e in sorted(users)]))
        if len(found) == 1:
            row.place = found[0]
            return None
        if found:
            return _tr(MSG_AMBIGUOUS).format(value=written, units="、".join(c.display() for c in found))
        names = a.building_names()
        buildings = [b for b in self.buildings if b.estate.name in scope and b.name in names]
        if a.word and any(b.name == a.building + a.word for b in buildings):
            buildings = [b for b in buildings if b.name == a.building + a.word]
        in_estates = sorted({b.estate.name for b in buildings})
        if len(in_estates) > 1:
            shown = "、".join(f"{b.estate.name} {b.name}" for b in buildings)
            return _tr(MSG_AMBIGUOUS).format(value=written, units=shown)
        if buildings:
            same = [b for b in buildings if b.name == a.building + a.word] or buildings
            target_estate, building = in_estates[0], same[0].name
        else:
            if not estate and len(scope) > 1:
                return self.unknown_building(a, written, scope)
            target_estate = estate or scope[0]
            row.new_building = True
            if re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?", a.building):
                building = a.building + (a.word or self.word_of(target_estate))
            else:
                building = a.building + a.word
        entrance = f"{a.entrance}单元" if a.entrance and a.entrance.isalnum() else a.entrance
        key = (target_estate, building, entrance, a.room)
        if key not in self.new:
            self.new[key] = UnitChoice(0, target_estate, building, entrance, a.room,
                                       unit_label(building, entrance, a.room))
        row.place, row.new_unit = self.new[key], True
        return "new"


    def unknown_building(self, a: Address, written: str, scope: list[str]) -> str:
        """Why a line naming no estate, in a building no estate has, cannot be placed: the
        building is unknown in the one estate that writes its word (99幢: 翠湖苑), or in all."""
        building = a.building + (a.word or "")
        if a.word:
            users = sorted({b.estate.name for b in self.buildings
                            if b.estate.name in scope and b.name.endswith(a.word)})
            if len(users) == 1:
                return _tr(MSG_NO_BUILDING).format(value=written, estate=users[0], building=building,
                                                   others="、".join(e for e in scope if e != users[0]))
        if a.building:
            return _tr(MSG_NO_BUILDING_ANYWHERE).format(value=written, building=building,
                                                        estates="、".join(scope))
        return _tr(MSG_WHICH_ESTATE).format(value=written, estates="、".join(scope))

    def has_building(self, estate: str, building: str) -> bool:
        return any(b.estate.name == estate and b.name == building for b in self.buildings)


def _written(a: Address) -> str:
    text = f"{a.building}{a.word or '-'}" + (f"{a.entrance}单元" if a.entrance else "") + a.room
    return f"{a.estate}{text}" if a.estate else text


# --- the plan: what an import would do --------------------------------------------------------

@dataclass
class Preview:
    sheet: SheetInfo
    mapping: dict[str, int]
    rows: list[ParsedRow]  # the first lines as they will be stored
    rejected: list[tuple[int, str]]  # every rejected line: (Excel row, reason) (Rejected)
    total: int  # lines that will be imported
    new_units: list[str] = field(default_factory=list)  # "翠湖苑 5幢2单元803", each once
    new_lines: list[tuple[int, str]] = field(default_factory=list)  # (row, unit) needing one
    ambiguous: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    several_estates: bool = False
    reading: list[str] = field(default_factory=list)  # which sheets were read, how joined


@dataclass
class _Plan:
    roster: Roster
    mapping: dict[str, int]
    rows: list[ParsedRow]
    rejected: list[Rejected]
    new_lines: list[tuple[int, str]]
    ambiguous: list[tuple[int, str]]
    new_units: list[UnitChoice]
    several: bool


def _check_mapping(roster: Roster, mapping: dict[str, int]) -> None:
    info, link = roster.main, roster.link
    if roster.question is not None:
        raise roster.question
    if not mapping and not info.header_row:
        raise ImportRuleError(MSG_NO_HEADER)
    joined = link is not None
    needed = [("unit", ("unit", "room"))] + ([] if joined else [("name", ("name",))])
    for label, choices in needed:
        if not any(c in mapping for c in choices):
            raise ImportRuleError(MSG_MAPPING, label=_label(label))
    if link is not None and link.field not in mapping:
        raise ImportRuleError(MSG_MAPPING, label=_label(link.field))


@dataclass
class _Entry:
    """The owners sheet's lines of one owner or room number."""

    people: list[dict] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # every line of the number, read or not
    error: str = ""  # the number cannot be used (two names for one owner number)
    used: bool = False


def _people(roster: Roster) -> tuple[dict[str, _Entry], list[Rejected]]:
    """The owners sheet by its link number: each number's people (name, phones, role, note;
    a line naming the same person again adds its phones), and the sheet's bad lines. An owner
    number is one person: two names for it is an error; a room number has as many people as
    lines (业主 and 租户)."""
    info, link = roster.owners, roster.link
    assert info is not None and link is not None
    mapping = {k: v for k, v in info.proposed.items() if k not in columns.LINKS}
    mapping[link.field] = link.owners_col
    column = f"“{info.header(link.owners_col)}”"
    entries: dict[str, _Entry] = {}
    problems: list[Rejected] = []
    for number, cells in info.rows:
        try:
            values = _values(cells, mapping)
        except RuleError as err:
            problems.append(Rejected(number, err.text(), info.sheet))
            continue
        key = values.get(link.field, "")
        if not any(values.values()) or _is_header_again(values):
            continue
        if not key:
            if values.get("name"):
                problems.append(Rejected(number, _tr(MSG_NO_KEY).format(
                    column=column, name=values["name"], sheet=f"“{roster.main.sheet}”"), info.sheet))
            continue
        entry = entries.setdefault(key, _Entry())
        entry.rows.append(number)
        try:
            check = link.check[1] if link.check else len(cells)  # the room number beside it
            person: dict[str, Any] = {
                "name": _name(values.get("name", "")), "phones": _phones_of(cells, mapping),
                "role": ROLE_WORDS.get(columns.key(values.get("role", ""))),
                "note": values.get("note", "")[:500], "row": number,
                "check": _cell_text(cells[check]) if check < len(cells) else ""}
        except RuleError as err:
            problems.append(Rejected(number, err.text(), info.sheet))
            continue
        same = next((p for p in entry.people if p["name"] == person["name"]), None)
        if same is None and entry.people and link.field == "owner_no":
            people = "、".join(_tr(MSG_SOURCE).format(sheet="", row=p["row"]).strip() + f" {p['name']}"
                              for p in entry.people + [person])
            entry.error = _tr(MSG_TWICE).format(column=column, number=key, sheet=f"“{info.sheet}”",
                                                people=people)
        elif same is None:
            entry.people.append(person)
        elif same["role"] and person["role"] and same["role"] != person["role"]:
            roles = "、".join(OwnerRole(r).label() for r in (same["role"], person["role"]))
            entry.error = _tr(MSG_TWICE_ROLE).format(column=column, number=key, name=person["name"],
                                                     sheet=f"“{info.sheet}”", roles=roles)
        else:  # the same person written again: one person, every phone
            known = {d for _w, d in same["phones"]}
            same["phones"] += [(w, d) for w, d in person["phones"] if d not in known]
            same["role"] = same["role"] or person["role"]
            same["note"] = same["note"] or person["note"]
            same["check"] = same["check"] or person["check"]
    return entries, problems


def _joined_people(roster: Roster, entries: dict[str, _Entry], number: int, cells: list,
                   mapping: dict[str, int]) -> list[dict] | Rejected | None:
    """The people of one rooms-sheet line, or why the line is refused, or None for a room
    nobody is named for."""
    link, owners, main = roster.link, roster.owners, roster.main
    assert link is not None and owners is not None
    col = mapping[link.field]
    key = _cell_text(cells[col]) if col < len(cells) else ""
    if not key:
        return None  # a room without an owner: nobody to import
    column = f"“{main.header(col)}”"
    entry = entries.get(key)
    if entry is None and link.field == "room_no":
        return None  # every room has its number: one nobody is listed for is empty
    if entry is None:
        return Rejected(number, _tr(MSG_NO_OWNER).format(column=column, number=key,
                                                         sheet=f"“{owners.sheet}”"), main.sheet)
    entry.used = True
    if entry.error:
        return Rejected(number, entry.error, main.sheet)
    if not entry.people:
        return Rejected(number, _tr(MSG_OWNER_NOT_READ).format(
            column=column, number=key, sheet=f"“{owners.sheet}”",
            rows="、".join(map(str, entry.rows))), main.sheet)
    if link.check:
        here = _cell_text(cells[link.check[0]]) if link.check[0] < len(cells) else ""
        for person in entry.people:
            if here and person["check"] and here != person["check"]:
                return Rejected(number, _tr(MSG_DISAGREE).format(
                    column=f"“{main.header(link.check[0])}”", value=here, sheet=f"“{owners.sheet}”",
                    row=person["row"], other=person["check"], number=key), main.sheet)
    return entry.people


def _plan(roster: Roster, mapping: dict[str, int] | None, estate: str | None) -> _Plan:
    if mapping is not None:
        roster = roster.with_link(mapping)
    info = roster.main
    joined = roster.link is not None
    mapping = dict(mapping) if mapping is not None else roster.proposed
    _check_mapping(roster, mapping)
    snap = _Snapshot()
    estates = list(snap.estates)
    default_estate = snap.estate_of(estate) if estate else ""
    single = (snap.active_estates[0] if len(snap.active_estates) == 1 else
              "" if snap.active_estates else (settings.get("office_name") or "小区"))
    if not default_estate and len(snap.active_estates) <= 1:
        default_estate = single
    parts = roster.parts
    several_sheets = len(parts) > 1
    rejected: list[Rejected] = []
    rows, new_lines, ambiguous = [], [], []
    entries, problems = _people(roster) if joined else ({}, [])
    for part in parts:
        sheet = part.sheet if joined or several_sheets else ""
        part_mapping = roster.mapping_for(part, mapping)
        place = roster.places.get(part.sheet)
        relative = part.sheet in roster.mappings and "building" not in part_mapping
        within = Within(part.sheet, place, relative) if relative or place is not None else None
        for number, cells in part.rows:
            people: list = [None]
            try:
                if joined:
                    values = _values(cells, part_mapping)
                    if not any(values.values()) or _is_header_again(values):
                        continue
                    found = _joined_people(roster, entries, number, cells, part_mapping)
                    if found is None:
                        continue
                    if isinstance(found, Rejected):
                        rejected.append(found)
                        continue
                    people = found
                row = parse_row(number, cells, part_mapping, default_estate, estates, people[0], within)
            except RuleError as err:
                rejected.append(Rejected(number, err.text(), sheet))
                continue
            if row is None:
                continue
            row.sheet = part.sheet if several_sheets else ""
            at = SheetRow(number, row.sheet)
            outcome = snap.place(row, default_estate, single)
            if outcome == "new":
                new_lines.append((at, row.place.display()))
            elif outcome:
                ambiguous.append((at, outcome))
                rejected.append(Rejected(number, outcome, sheet))
                continue
            for person in people:
                rows.append(row if person is None else replace(
                    row, name=person["name"], phones=person["phones"], role=person["role"],
                    note=person["note"], source=_tr(MSG_SOURCE).format(
                        sheet=f"“{roster.owners.sheet}”", row=person["row"])))
    if joined:
        owners, link = roster.owners, roster.link
        column = f"“{owners.header(link.owners_col)}”"
        for key, entry in entries.items():
            if entry.used:
                continue
            if entry.error:
                problems.append(Rejected(entry.rows[0], entry.error, owners.sheet))
            for person in entry.people:
                problems.append(Rejected(person["row"], _tr(MSG_NO_ROOM).format(
                    column=column, number=key, name=person["name"], sheet=f"“{info.sheet}”"),
                    owners.sheet))
    several = len({r.place.estate for r in rows if r.place} | set(snap.active_estates)) > 1
    everything = sorted(rejected + problems, key=_in_sheet_order(roster))
    return _Plan(roster, mapping, rows, everything, new_lines, ambiguous,
                 list(snap.new.values()), several)


def _in_sheet_order(roster: Roster):
    """Sort key of rejected lines: the sheets in the order read (the names sheet last), then
    the row."""
    order = {"": 0, **{p.sheet: n for n, p in enumerate(roster.parts)}}
    return lambda r: (order.get(getattr(r, "sheet", ""), len(order)), r[0], r[1])


def _roster(source, sheet=None) -> Roster:
    return source if isinstance(source, Roster) else read_roster(source, sheet)


def preview(source, mapping: dict[str, int] | None = None, limit: int = 20,
            estate: str | None = None, sheet: str | None = None) -> Preview:
    """What an import would do, without writing: the first ``limit`` lines as they will be
    stored, every unit that would be new, every ambiguous line and every rejected line with
    its reason. ``source`` is a path or a :class:`Roster` already read (no rereading)."""
    plan = _plan(_roster(source, sheet), mapping, estate)
    return Preview(plan.roster.main, plan.mapping, plan.rows[:limit], plan.rejected, len(plan.rows),
                   [u.display() for u in plan.new_units], plan.new_lines, plan.ambiguous,
                   plan.several, plan.roster.describe())


# --- writing ----------------------------------------------------------------------------------

@dataclass
class ImportReport:
    """Counts of lines stored (an owner created, updated or found unchanged), units created,
    and every rejected line as (Excel row number, translated reason)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False
    units_created: int = 0
    reading: list[str] = field(default_factory=list)  # which sheets were read, how joined

    def summary(self) -> str:
        text = _tr(MSG_SUMMARY).format(created=self.created, updated=self.updated,
                                       unchanged=self.unchanged, rejected=len(self.rejected))
        if self.units_created:
            text += " " + _tr(MSG_NEW_UNITS).format(n=self.units_created)
        return f"{text} {_tr(MSG_DRY_RUN)}" if self.dry_run else text

    def rejected_lines(self) -> list[str]:
        return [r.line() if isinstance(r, Rejected) else _tr(MSG_ROW).format(row=r[0], reason=r[1])
                for r in self.rejected]


def _check_actor(actor: Staff | None) -> None:
    """The desk's roles may import; a technician may not. The command line signs in first."""
    if actor is not None and actor.active and actor.role in ("clerk", "supervisor", "admin"):
        return
    with transaction():
        audit.record(actor, "owner_import", 0, "refused", note="owners.import")
    role = Role(actor.role).label() if actor is not None else "-"
    raise PermissionDenied(accounts.MSG_DENIED, role=role, action=_tr(MSG_DENIED_IMPORT))


class _Writer:
    """Writes planned lines: units first (only those the plan made), then owners and phones,
    auditing every owner field changed (old -> new)."""

    def __init__(self, actor, note: str):
        self.actor, self.note = actor, note
        owners = Owner.select().order_by(Owner.active, Owner.id)  # an active one wins the key
        self.seen: set[int] = set()  # owners a line of this file was about
        self.owners: dict[tuple, list] = {}  # (unit, name) -> people of that name there
        for o in owners:
            self.owners.setdefault((o.unit_id, o.name), []).append(o)
        self.phones: dict[int, dict[str, OwnerPhone]] = {}
        for p in OwnerPhone.select():
            self.phones.setdefault(p.owner_id, {})[p.digits] = p
        self.units: dict[int, Unit] = {}
        self.created_units: dict[tuple, Unit] = {}

    def unit_for(self, row: ParsedRow) -> tuple[Unit, bool]:
        place = row.place
        if not row.new_unit:
            unit = self.units.get(place.id) or Unit.get_by_id(place.id)
            self.units[place.id] = unit
            values = {"active": True}
            if row.area is not None and (unit.area is None or Decimal(str(unit.area)) != row.area):
                values["area"] = row.area
            changes = audit.diff(unit, values)
            if changes:
                unit.save()
                audit.record(self.actor, "unit", unit.id, "import", note=self.note, changes=changes)
            return unit, bool(changes)
        key = (place.estate, place.building, place.entrance, place.room)
        if key in self.created_units:
            return self.created_units[key], False
        estate, made = Estate.get_or_create(name=place.estate)
        building = Building.get_or_none((Building.estate == estate) & (Building.name == place.building))
        if building is None:
            sort = (Building.select().where(Building.estate == estate).count()) + 1
            building = Building.create(estate=estate, name=place.building, sort=sort)
        room = place.room
        floor = int(room[:-2]) if room.isdigit() and len(room) >= 3 else None  # 1201: 12th
        unit = Unit.create(building=building, entrance=place.entrance, room=room, floor=floor,
                           label=place.label, area=row.area)
        audit.record(self.actor, "unit", unit.id, "import_create", note=self.note,
                     changes={"estate": (None, place.estate), "label": (None, place.label)})
        self.created_units[key] = unit
        return unit, True

    def _same_person(self, unit_id: int, row: ParsedRow):
        """The person on the register this line is about, of that name in that unit: the one
        sharing a phone with the line, else of the line's role, else one no earlier line of
        this file took. None (a new person) when the file itself lists two people of one name
        there (an owner and a family member, each with a phone of their own)."""
        people = self.owners.get((unit_id, row.name), [])
        if not people:
            return None
        digits = {d for _w, d in row.phones}
        by_phone = [o for o in people if digits & set(self.phones.get(o.id, {}))]
        if by_phone:
            return by_phone[0]
        fresh = [o for o in people if o.id not in self.seen]
        by_role = [o for o in (fresh or people) if row.role and o.role == row.role]
        if by_role:
            return by_role[0]
        if fresh:
            return fresh[0]
        if row.role and digits:
            return None  # this file named that person already, with another role and phone
        return people[0]

    def apply(self, row: ParsedRow) -> str:
        """Store one line: "created", "updated" or "unchanged"."""
        unit, changed = self.unit_for(row)
        owner = self._same_person(unit.id, row)
        if owner is None:
            owner = Owner.create(unit=unit, name=row.name, initials=initials(row.name),
                                 role=row.role or OwnerRole.OWNER.value, note=row.note)
            self.owners.setdefault((unit.id, row.name), []).append(owner)
            self.seen.add(owner.id)
            audit.record(self.actor, "owner", owner.id, "import_create", note=self.note, changes={
                "unit": (None, unit.label), "name": (None, row.name), "role": (None, owner.role),
                "note": (None, row.note or None),
                "phones": (None, "、".join(w for w, _d in row.phones) or None)})
            for written, digits in row.phones:
                self.phones.setdefault(owner.id, {})[digits] = OwnerPhone.create(
                    owner=owner, phone=written, digits=digits)
            return "created"
        self.seen.add(owner.id)
        # only what the sheet says: an empty role or note keeps the register's
        values = {"active": True, **({"role": row.role} if row.role else {}),
                  **({"note": row.note} if row.note else {})}
        changes = audit.diff(owner, values)
        if changes:
            owner.save()
        known = self.phones.setdefault(owner.id, {})
        for written, digits in row.phones:
            phone = known.get(digits)
            if phone is None:
                known[digits] = OwnerPhone.create(owner=owner, phone=written, digits=digits)
                changes.setdefault("phones", (None, written))
                if changes["phones"][1] != written:
                    changes["phones"] = (None, f"{changes['phones'][1]}、{written}")
            elif not phone.active:
                phone.active = True
                phone.save()
                changes[f"phone {digits}"] = ("inactive", "active")
        if changes:
            audit.record(self.actor, "owner", owner.id, "import", note=self.note, changes=changes)
        return "updated" if changes or changed else "unchanged"


def _new_unit_reason(row: ParsedRow) -> str:
    if row.new_building and row.place is not None:
        return _tr(MSG_NEW_BUILDING).format(estate=row.place.estate, building=row.place.building,
                                            unit=row.stored_as())
    return _tr(MSG_NEW_UNIT).format(unit=row.stored_as())


def import_owners(actor: Staff | None, source, mapping: dict[str, int] | None = None,
                  dry_run: bool = False, estate: str | None = None,
                  create_units: bool = False, sheet: str | None = None) -> ImportReport:
    """Import the roster (a path or a :class:`Roster` already read). Lines are placed on the
    register by the address rules intake uses; ``estate`` places lines that name none. A line
    whose unit is not on the register is rejected with the reason unless ``create_units``
    (the units the preview listed are then created); a line that could be in two estates is
    always rejected. One transaction; ``dry_run`` rolls it back and only reports."""
    _check_actor(actor)
    roster = _roster(source, sheet)
    plan = _plan(roster, mapping, estate)
    rejected = list(plan.rejected)
    rows = plan.rows
    if not create_units:
        first = {(r.sheet, r.row): r for r in reversed(rows) if r.new_unit}  # a line of two people: once
        joined = roster.main.sheet if roster.link is not None else ""
        rejected += [Rejected(n, _new_unit_reason(r), sheet or joined) for (sheet, n), r in first.items()]
        rows = [r for r in rows if not r.new_unit]
    rejected.sort(key=_in_sheet_order(roster))
    report = ImportReport(rejected=rejected, dry_run=dry_run, reading=roster.describe())
    name = Path(roster.path).name
    note = f"{name} [{roster.sheet}]"
    with transaction() as txn:
        writer = _Writer(actor, note)
        for row in rows:
            outcome = writer.apply(row)
            setattr(report, outcome, getattr(report, outcome) + 1)
        report.units_created = len(writer.created_units)
        audit.record(actor, "owner_import", 0, "import", note=(
            f"{note}: created {report.created}, updated {report.updated}, unchanged "
            f"{report.unchanged}, rejected {len(report.rejected)}, new units {report.units_created}"))
        if dry_run:
            txn.rollback()
    return report
