"""Addresses as people say them, read once for the whole program (intake, lists, import, CLI).

``翠湖苑5幢2单元802``, ``5幢2单元802``, ``5-2-802``, ``5#2-802``, ``五幢二单元802``, ``3号楼1201``,
``3栋1201``, ``B座2单元2001``, with or without the estate's name, full-width digits and dashes.

:func:`parse_address` only reads the text (no database); :func:`candidates` answers with every
unit on the register the text may mean, each with its estate: none, one, or several. It never
picks one of several: the caller offers the choice or refuses. The building word (栋/幢/号楼/座)
shown is always the register's, whatever was typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import fn

from propdesk.models.tables import Building, Estate, Unit

# Words for a building; 号楼 before 号 and 楼 so it is read whole.
BUILDING_WORDS = ("栋", "幢", "号楼", "座")
_DASHES = str.maketrans({c: "-" for c in "－—–‐‑‒―﹣−ー_"})
_CN = dict(zip("〇零一二两三四五六七八九", "001223456789"))
_CN_NUMBER = re.compile(r"[〇零一二两三四五六七八九十]+(?=栋|幢|号楼|座|单元|号|室|$|-|#)")
_CN_ROOM = re.compile(r"(?<=单元)[〇零一二两三四五六七八九]{3,4}(?=室|号|$)")
_ROOM = r"(?P<r>[A-Za-z]?\d{1,5}[A-Za-z]?)"
_ENTRANCE = r"(?P<e>\d{1,2}|[A-Za-z])"
_PATTERNS = [
    # 5栋2单元802 / 5幢2-802 / 3号楼1201 / B座2单元2001 / 5#2-802 / 5#2单元802 / 5#802
    re.compile(r"^(?P<b>[A-Za-z]?\d{1,3}[A-Za-z]?|[A-Za-z])(?P<w>号楼|栋|幢|座|#)-?"
               + r"(?:" + _ENTRANCE + r"(?:单元|-|#))?" + _ROOM + r"$"),
    # 5-2-802 / 5-802
    re.compile(r"^(?P<b>[A-Za-z]?\d{1,3}[A-Za-z]?)-(?:" + _ENTRANCE + r"-)?" + _ROOM + r"$"),
]


def _cn_number(text: str) -> str:
    """五 -> 5, 十二 -> 12, 二十 -> 20, 二十一 -> 21."""
    if "十" not in text:
        return "".join(_CN.get(c, c) for c in text)
    tens, _, ones = text.partition("十")
    return str(int(_CN.get(tens, "1") if tens else "1") * 10 + int(_CN.get(ones, "0") if ones else "0"))


def clean(text: str) -> str:
    """Full-width to half-width, every kind of dash to '-', ＃ to '#', spaces and a trailing
    室/号 dropped, Chinese numerals before 栋/幢/号楼/单元 as digits."""
    from propdesk.services.register.owners import normalize_text

    text = normalize_text(text).translate(_DASHES).replace("＃", "#")
    text = re.sub(r"\s+", "", text)
    text = _CN_NUMBER.sub(lambda m: _cn_number(m.group()), text)
    text = _CN_ROOM.sub(lambda m: "".join(_CN.get(c, c) for c in m.group()), text)
    return re.sub(r"(室|号)$", "", text)


@dataclass(frozen=True)
class Address:
    """What the text says: ``estate`` as written ("" when not said), the building's number or
    letter without its word, the word as written ("" for 5-2-802 or 5#…), entrance number
    ("" when not said) and room."""

    estate: str
    building: str
    word: str
    entrance: str
    room: str

    def building_names(self) -> list[str]:
        """The building's possible names on a register: the word as written first."""
        others = [self.building + w for w in BUILDING_WORDS if w != self.word]
        return ([self.building + self.word] if self.word else []) + others + [self.building]


def _parse_plain(text: str) -> Address | None:
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            word = m.groupdict().get("w") or ""
            entrance = (m["e"] or "").lstrip("0") or (m["e"] or "")
            return Address("", m["b"].upper(), "" if word == "#" else word, entrance, m["r"].upper())
    return None


def parse_address(text: str, estates: list[str] | tuple[str, ...] = ()) -> Address | None:
    """Read ``text``; None when it is not an address. Text in front of the building (翠湖苑,
    翠湖苑小区) is the estate as written; ``estates`` (known names) are tried first, so an estate
    whose name ends in a digit is still cut right."""
    text = clean(text)
    if not text:
        return None
    for name in sorted((clean(e) for e in estates if e), key=len, reverse=True):
        if name and text.startswith(name) and len(text) > len(name):
            found = _parse_plain(text[len(name):].lstrip("-,，"))
            if found:
                return Address(name, found.building, found.word, found.entrance, found.room)
    for i in range(len(text)):
        if i and text[i - 1].isascii() and text[i - 1].isalnum():
            continue  # never cut inside a number: 15-2-802 is not estate "1" + 5-2-802
        if text[:i].endswith(("栋", "幢", "楼", "座", "单元", "-", "#")):
            continue  # B座-2-2002 is block B, not estate "B座" + building 2
        found = _parse_plain(text[i:])
        if found:
            estate = text[:i].rstrip(",，")
            return Address(estate, found.building, found.word, found.entrance, found.room)
    return None


@dataclass(frozen=True)
class UnitChoice:
    """One unit on the register: its id, estate and parts as the register writes them."""

    id: int
    estate: str
    building: str
    entrance: str
    room: str
    label: str  # "5幢2单元802", as stored on the unit

    def display(self, with_estate: bool = True) -> str:
        return f"{self.estate} {self.label}" if with_estate and self.estate else self.label


def estate_names() -> list[str]:
    return [e.name for e in Estate.select(Estate.name).where(Estate.active == True)]  # noqa: E712 - peewee: `== True` builds SQL


def several_estates() -> bool:
    """Whether a building must be shown with its estate (the office has more than one)."""
    return Estate.select().where(Estate.active == True).count() > 1  # noqa: E712 - peewee: `== True` builds SQL


def display_estates() -> dict[int, str]:
    """What :func:`unit_display` and :func:`building_display` put in front, read once for a
    whole list (no query per row): building id -> estate name in an office of several
    estates, nothing in an office of one."""
    return building_estates() if several_estates() else {}


def unit_display(unit, estates: dict[int, str] | None = None) -> str:
    """A unit (a row of the register) as shown and printed: "翠湖苑 5幢2单元802" in an office of
    several estates, its label alone in an office of one. ``estates``: :func:`display_estates`,
    read once by a caller showing many units."""
    if unit is None:
        return ""
    if estates is None:
        if not several_estates():
            return unit.label
        estate = Estate.select(Estate.name).join(Building).where(Building.id == unit.building_id).scalar()
    else:
        estate = estates.get(unit.building_id)
    return f"{estate} {unit.label}" if estate else unit.label


def building_display(building, estates: dict[int, str] | None = None) -> str:
    """A building as shown and printed: "翠湖苑 5幢" in an office of several estates
    (``estates`` as for :func:`unit_display`)."""
    if estates is not None:
        estate = estates.get(building.id)
        return f"{estate} {building.name}" if estate else building.name
    if not several_estates():
        return building.name
    return f"{building.estate.name} {building.name}"


def building_estates() -> dict[int, str]:
    """Building id -> its estate's name (one query; an office has tens of buildings)."""
    return {b.id: b.estate.name for b in Building.select(Building.id, Estate.name).join(Estate)}


def with_estates(rows: list[dict], unit_key: str = "unit", building_key: str = "unit_building") -> list[dict]:
    """In an office of several estates, each row's unit label gets its estate in front
    ("翠湖苑 5幢2单元802"); a one-estate office's rows are left as they are. One query, for the
    rows' buildings, none when no row has a unit (a list page on a database server paid a
    round trip for each of the two questions)."""
    buildings = {row.get(building_key) for row in rows if row.get(building_key) and row.get(unit_key)}
    if not buildings:
        return rows
    active = Estate.select(fn.COUNT(Estate.id)).where(Estate.active == True)  # noqa: E712 - peewee: `== True` builds SQL
    found = (Building.select(Building.id, Estate.name, active.alias("estates")).join(Estate)
             .where(Building.id.in_(sorted(buildings))).tuples())
    names = {building: name for building, name, estates in found if estates > 1}
    if not names:
        return rows
    for row in rows:
        building = row.get(building_key)
        if building and row.get(unit_key):
            row[unit_key] = f"{names.get(building, '')} {row[unit_key]}".strip()
    return rows


def estate_name_sql(building):
    """:func:`with_estates`' rule in SQL, for a list page to read with its rows (a database
    server: no second round trip): the name of ``building``'s estate when the office has more
    than one active estate, else NULL."""
    from peewee import SQL, NodeList

    return NodeList((SQL("(SELECT e.name FROM building AS b JOIN estate AS e ON e.id = b.estate_id "
                         "WHERE b.id = "), building,
                     SQL(" AND (SELECT count(*) FROM estate WHERE active) > 1)")), glue="")


def _choices(query) -> list[UnitChoice]:
    return [UnitChoice(u.id, u.building.estate.name, u.building.name, u.entrance, u.room, u.label)
            for u in query]


def _units():
    return (Unit.select(Unit, Building, Estate).join(Building).join(Estate)
            .where((Unit.active == True) & (Building.active == True)))  # noqa: E712 - peewee: `== True` builds SQL


def _entrance_names(entrance: str) -> list[str]:
    return [f"{entrance}单元", entrance]


def room_key(room: str) -> str:
    """A room as compared: 0101 is 101 (some systems pad rooms with zeros)."""
    return room.lstrip("0") or room


def room_forms(room: str) -> list[str]:
    """The ways a room may be stored: as written, without and with a padding zero."""
    key = room_key(room)
    return list(dict.fromkeys([room, key, "0" + key]))


def match(address: Address, units) -> list[UnitChoice]:
    """The rule, on units already read (those with the address's room): the word as written
    wins (5幢 is not 5栋 when both exist); a word no estate uses falls back to the building's
    number (3号楼 finds 3栋). Without an entrance, a unit without one is meant if there is
    one, else every entrance is offered."""
    names = address.building_names()
    entrances = _entrance_names(address.entrance)
    room = room_key(address.room)
    found = [u for u in units if room_key(u.room) == room and u.building in names
             and (not address.estate or u.estate == address.estate)
             and (not address.entrance or u.entrance in entrances)]
    if address.word:
        exact = [c for c in found if c.building == address.building + address.word]
        if exact:
            found = exact
    if not address.entrance and any(c.entrance == "" for c in found):
        found = [c for c in found if c.entrance == ""]
    return found


def candidates_for(address: Address) -> list[UnitChoice]:
    """Every active unit on the register ``address`` may mean (see :func:`match`)."""
    query = _units().where(Unit.room.in_(room_forms(address.room)))
    if address.estate:
        query = query.where(Estate.name == address.estate)
    query = query.where(Building.name.in_(address.building_names()))
    return match(address, _choices(query.order_by(Estate.id, Building.sort, Building.id, Unit.entrance)))


def candidates(text: str) -> list[UnitChoice]:
    """Every active unit ``text`` may mean: by its stored label (in any estate), else by
    :func:`parse_address`. Estates named in the text narrow it; an estate the office does
    not have gives none."""
    from propdesk.services.register.owners import normalize_text

    plain = normalize_text(text)
    if not plain:
        return []
    by_label = _choices(_units().where(Unit.label == plain).order_by(Estate.id, Building.sort))
    if by_label:
        return by_label
    address = parse_address(plain, estate_names())
    return candidates_for(address) if address else []


def _prefix(field, text: str):
    return (field >= text) & (field < text + "\uffff")


def units_meant(text: str, *, reader) -> list[UnitChoice]:
    """:func:`candidates` for a person at the desk (the intake's unit field): the register is
    read only with records.read (accounts.require_reader; refusals audited)."""
    from propdesk.services.core import accounts

    accounts.require_reader(reader, "unit")
    return candidates(text)


def suggestions(text: str, limit: int = 15, *, reader) -> list[UnitChoice]:
    """What to offer while the clerk types: the units the text already means when it reads as
    an address, else the units whose label starts with it (the estate's name may come first).
    The reader needs records.read (accounts.require_reader)."""
    from propdesk.services.core import accounts
    from propdesk.services.register.owners import normalize_text

    accounts.require_reader(reader, "unit")
    plain = re.sub(r"\s+", "", normalize_text(text))
    if not plain:
        return []
    found = candidates(plain)
    if found:
        return found[:limit]
    query = _units()
    for name in sorted(estate_names(), key=len, reverse=True):
        if plain.startswith(name):
            query, plain = query.where(Estate.name == name), plain[len(name):]
            break
    if not plain:
        return _choices(query.order_by(Unit.label).limit(limit))
    cleaned = clean(plain)
    return _choices(query.where(_prefix(Unit.label, plain) | _prefix(Unit.label, cleaned))
                    .order_by(Unit.label, Estate.id).limit(limit))
