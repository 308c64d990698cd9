"""The owner register (业主档案): units, owners and phones, and the look-ups intake uses."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Unit
from propdesk.services.core import accounts

_UNIT_PATTERNS = [
    # 3栋2单元1201 / 3幢2单元1201室 / 3号楼2单元1201
    re.compile(r"^(?P<b>[^\s\-栋幢]+?)(?P<s>栋|幢|号楼)(?:(?P<e>\d+)单元)?(?P<r>[A-Za-z]?\d+)室?$"),
    # 3-2-1201 / 3-1201
    re.compile(r"^(?P<b>\w+?)-(?:(?P<e>\d+)-)?(?P<r>[A-Za-z]?\d+)$"),
]


# Full-width digits, letters and the ideographic space to ASCII; Chinese punctuation (，。)
# is kept as typed (NFKC would turn "，" into ",").
_HALF = {c: unicodedata.normalize("NFKC", chr(c)) for c in
         [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0D, 0x3000]}


def normalize_text(text: str) -> str:
    """Full-width digits and letters to half-width, spaces trimmed."""
    return (text or "").translate(_HALF).strip()


def phone_digits(text: str) -> str:
    digits = re.sub(r"\D", "", normalize_text(text))
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


# what a phone may be written with (validation.phone): digits, spaces, - + ( ) and 转
_PHONE_WRITTEN = re.compile(r"[\d\s\-+()转]+")


def phone_search_digits(term: str) -> str | None:
    """The digits to look for too when a search term is a phone written with separators ("155
    6526 1425", "0755-8612"): the search indexes hold each phone's digits beside it
    (models.db.phone_text_sql), so a phone written either way is found. None for any other term,
    and for fewer than seven digits (3-2-1201 is a unit, not a phone)."""
    if not _PHONE_WRITTEN.fullmatch(term) or term.isdigit():
        return None
    digits = phone_digits(term)
    return digits if len(digits) >= 7 else None


def initials(name: str) -> str:
    """The name's pinyin initials (张伟 -> zw), searched by their start, cut to the column's
    width: a name at its longest (60 characters) or in Latin letters (kept whole by pypinyin)
    gave more than the 20 the column holds, which PostgreSQL refuses (SQLite stored it)."""
    # imported when first used: pypinyin's dictionary costs ~0.2 s, which start-up need not pay
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()[:Owner.initials.max_length]


def unit_label(building: str, entrance: str, room: str) -> str:
    return f"{building}{entrance}{room}"


BUILDING_WORDS = ("栋", "幢", "号楼")

MSG_UNIT_UNKNOWN = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" is not on the owner register. Use building-unit-room such "
             "as 3栋2单元1201, or leave it empty for a public area.")
MSG_UNIT_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" could be {units}. Write the estate's name or the building as "
             "it is called (栋 or 幢).")


@dataclass
class UnitParts:
    building: str
    entrance: str
    room: str
    word_given: bool = True  # False for 3-2-1201: the building may be 3栋, 3幢 or 3号楼


def building_synonyms(name: str) -> list[str]:
    """3栋, 3幢 and 3号楼 are the same words for building 3; an office uses one of them."""
    core = re.sub(r"(栋|幢|号楼)$", "", name)
    return [core + word for word in BUILDING_WORDS] if core != name or core.isdigit() else [name]


def parse_unit(text: str) -> UnitParts | None:
    """Read a unit as people write it: 3栋2单元1201, 3-2-1201, 3栋1201."""
    text = normalize_text(text).replace(" ", "")
    for pattern in _UNIT_PATTERNS:
        m = pattern.match(text)
        if m:
            # keep the word as written: 1幢 and 1栋 are different buildings (two estates)
            word = m.groupdict().get("s")
            entrance = f"{m['e']}单元" if m["e"] else ""
            return UnitParts(f"{m['b']}{word or '栋'}", entrance, m["r"], word_given=bool(word))
    return None


def find_unit(text: str) -> Unit | None:
    """The unit a clerk typed, in any form :mod:`address` reads; None when there is none, or
    more than one (5-2-802 with both 阳光花园 5栋 and 翠湖苑 5幢: see matching_units)."""
    found = matching_units(text)
    return found[0] if len(found) == 1 else None


def matching_units(text: str) -> list[Unit]:
    """Every active unit the text may mean: one, none, or several (one per estate whose
    building 5 has that room when the text names no estate and no building word)."""
    from propdesk.services.register import address

    ids = [c.id for c in address.candidates(text)]
    if not ids:
        return []
    by_id = {u.id: u for u in Unit.select().where(Unit.id.in_(ids))}
    return [by_id[i] for i in ids]


def unit_problem(text: str) -> tuple[str, dict] | None:
    """Why a typed unit is refused, as (message, parameters), or None when it is one unit."""
    from propdesk.services.register import address

    found = address.candidates(text)
    if len(found) == 1:
        return None
    if found:
        return MSG_UNIT_AMBIGUOUS, {"value": text, "units": "、".join(c.display() for c in found)}
    return MSG_UNIT_UNKNOWN, {"value": text}


def _prefix(field, text: str):
    # A range instead of LIKE 'x%', so the index on the column is used on every database.
    return (field >= text) & (field < text + "\uffff")


def complete_units(text: str, limit: int = 15) -> list[tuple[int, str]]:
    text = normalize_text(text)
    if not text:
        return []
    query = (Unit.select(Unit.id, Unit.label).where(_prefix(Unit.label, text) & (Unit.active == True))  # noqa: E712 - peewee: `== True` builds SQL
             .order_by(Unit.label).limit(limit))
    return [(u.id, u.label) for u in query]


@dataclass
class Contact:
    owner_id: int
    name: str
    role: str
    phone: str
    unit_id: int
    unit_label: str
    estate: str = ""

    def unit_display(self, with_estate: bool) -> str:
        """The unit as the desk shows it: "翠湖苑 5幢2单元802" in an office of several estates."""
        return f"{self.estate} {self.unit_label}" if with_estate and self.estate else self.unit_label


def _contacts(query) -> list[Contact]:
    return [Contact(r.owner.id, r.owner.name, r.owner.role, r.phone, r.owner.unit.id,
                    r.owner.unit.label, r.owner.unit.building.estate.name) for r in query]


def _contact_query():
    return (OwnerPhone.select(OwnerPhone, Owner, Unit, Building, Estate).join(Owner).join(Unit)
            .join(Building).join(Estate)
            .where((OwnerPhone.active == True) & (Owner.active == True)))  # noqa: E712 - peewee: `== True` builds SQL


def lookup_phone(text: str, limit: int = 10, *, reader) -> list[Contact]:
    """Owners whose phone starts with the digits typed so far (at least 3). Personal data:
    the reader needs records.read (accounts.require_reader)."""
    accounts.require_reader(reader, "owner")
    digits = phone_digits(text)
    if len(digits) < 3:
        return []
    query = _contact_query().where(_prefix(OwnerPhone.digits, digits)).order_by(OwnerPhone.digits)
    return _contacts(query.limit(limit))


def contacts_of_unit(unit_id: int, *, reader) -> list[Contact]:
    """The unit's owners and their phones (intake, a callback): records.read."""
    accounts.require_reader(reader, "owner")
    query = _contact_query().where(Owner.unit == unit_id).order_by(Owner.id, OwnerPhone.id)
    found = _contacts(query)
    # owners without any phone still count
    with_phone = {c.owner_id for c in found}
    for owner in Owner.select(Owner, Unit, Building, Estate).join(Unit).join(Building).join(Estate).where(
            (Owner.unit == unit_id) & (Owner.active == True) & Owner.id.not_in(with_phone or [0])):  # noqa: E712 - peewee: `== True` builds SQL
        found.append(Contact(owner.id, owner.name, owner.role, "", unit_id, owner.unit.label,
                             owner.unit.building.estate.name))
    return found


def buildings() -> list[Building]:
    """The active buildings in their order, each with its estate (read in the same query:
    the filters show "estate building" without a query per building)."""
    return list(Building.select(Building, Estate).join(Estate).where(Building.active == True)  # noqa: E712 - peewee: `== True` builds SQL
                .order_by(Building.sort, Building.id))
