"""Owner roster import (业主档案) from the office's own Excel sheet, mess and all.

Steps a clerk sees: :func:`read_workbook` finds the header row (title rows above it, merged
cells filled in), :func:`propose_mapping` guesses which column holds what (房号/楼栋/单元/姓名/
电话…, or Building/Unit/Room/Name/Phone), :func:`preview` shows the first lines as they will be
stored and every rejected line with its reason, and :func:`import_owners` writes everything in
one transaction with one audit entry. Re-importing the same file changes nothing: an owner is
matched by unit and name, a phone by owner and digits.

Mess accepted: title and date rows above the header, two-row headers, merged cells (a building
written once over its flats), blank lines, the header repeated per block, numbers typed as
numbers (1201.0, 13800138000.0), full-width digits, several phones in one cell (/ 、 , ; ，；
or spaces) or in several columns (手机, 固定电话), 手机： and (本人) around a number, units as
3-2-1201 / 3栋2单元1201 / 3号楼2单元1201室 / B座2单元2001 or split over 楼栋/单元/房号 (三栋二单元
too), names padded with spaces. One sheet is imported: the one whose header is best recognised.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from propdesk.errors import MSG_REQUIRED, PermissionDenied, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core.db_retry import transaction
from propdesk.models.enums import OwnerRole, Role
from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Staff, Unit
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core import settings
from propdesk.services.register.owners import (
    UnitParts, building_synonyms, initials, normalize_text, parse_unit, unit_label,
)
from propdesk.services.core.validation import MSG_PHONE, MSG_TOO_LONG, Checker

C = "import"
FIELDS = {  # field -> label (English source)
    "unit": QT_TRANSLATE_NOOP("import", "Unit (building-entrance-room)"),
    "building": QT_TRANSLATE_NOOP("import", "Building"),
    "entrance": QT_TRANSLATE_NOOP("import", "Entrance"),
    "room": QT_TRANSLATE_NOOP("import", "Room"),
    "name": QT_TRANSLATE_NOOP("import", "Name"),
    "phone": QT_TRANSLATE_NOOP("import", "Phone"),
    "role": QT_TRANSLATE_NOOP("import", "Role"),
    "area": QT_TRANSLATE_NOOP("import", "Area"),
    "note": QT_TRANSLATE_NOOP("import", "Note"),
}
# Header words, most specific first; matched after lower-casing and removing spaces and (…).
SYNONYMS = {
    "name": ["业主姓名", "业主名称", "住户姓名", "客户姓名", "户主姓名", "姓名", "业主", "户主",
             "住户", "name", "ownername", "owner", "resident"],
    "phone": ["联系电话", "手机号码", "电话号码", "手机号", "联系方式", "移动电话", "电话", "手机",
              "phone", "mobile", "tel", "telephone", "phonenumber"],
    "building": ["楼栋号", "楼栋", "栋号", "楼号", "幢号", "楼宇", "栋", "幢", "building", "block",
                 "bldg"],
    "entrance": ["单元号", "单元", "entrance"],
    "room": ["房间号", "室号", "门牌号", "房号", "房间", "room", "roomno", "flat"],
    "unit": ["房屋编号", "房屋地址", "楼栋单元房号", "单元房号", "房号", "房屋", "房产", "地址",
             "unit", "address", "apartment"],
    "role": ["住户类型", "业主类型", "身份", "类型", "关系", "role", "type"],
    "area": ["建筑面积", "面积", "area"],
    "note": ["备注", "说明", "note", "notes", "remark", "remarks"],
}
NOT_FIELDS = ("身份证", "证件", "idcard", "车牌")  # 身份证号 is not a role, 车牌号 not a room
ROLE_WORDS = {"业主": "owner", "产权人": "owner", "owner": "owner", "租户": "tenant",
              "租客": "tenant", "承租人": "tenant", "tenant": "tenant", "家属": "family",
              "家人": "family", "亲属": "family", "family": "family"}
HEADER_SCAN = 30  # rows searched for the header
PHONE_SPLIT = re.compile(r"[/,;、|\n，；／｜]+|或")  # normalize_text keeps ，；／ as typed
BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
BLOCK_UNIT = re.compile(r"^(?P<b>[^\s\-]+?[座区])-?(?:(?P<e>\d+)(?:单元|-))?(?P<r>[A-Za-z]?\d+)室?$")
CJK_NAME = re.compile(r"[\u4e00-\u9fff·\s]+")
CN_DIGITS = dict(zip("一二三四五六七八九", "123456789"))
CN_NUMBER = re.compile(r"[一二三四五六七八九十两]+(?=栋|幢|号楼|单元|$)")

MSG_NO_FILE = QT_TRANSLATE_NOOP("import", "{file}: there is no such file.")
MSG_NOT_WORKBOOK = QT_TRANSLATE_NOOP(
    "import", "{file} is not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as "
              ".xlsx (Excel workbook) and import that file.")
MSG_NO_HEADER = QT_TRANSLATE_NOOP(
    "import", "No header row was found (such as 房号, 姓名, 电话). Choose the columns by hand.")
MSG_MAPPING = QT_TRANSLATE_NOOP("import", "Choose which column holds the {label}.")
MSG_BAD_UNIT = QT_TRANSLATE_NOOP(
    "import", "{label}: \"{value}\" is not a unit. Write it as 3栋2单元1201 or 3-2-1201.")
MSG_DENIED_IMPORT = QT_TRANSLATE_NOOP("import", "import the owner register")
MSG_SUMMARY = QT_TRANSLATE_NOOP(
    "import", "Created {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}.")
MSG_DRY_RUN = QT_TRANSLATE_NOOP("import", "Dry run: nothing was saved.")
MSG_ROW = QT_TRANSLATE_NOOP("import", "Row {row}: {reason}")


class ImportRuleError(RuleError):
    """A RuleError whose message is in the "import" part of the catalogue."""

    context = C


def _tr(text: str) -> str:
    return translate(C, text)


def _label(name: str) -> str:
    return _tr(FIELDS[name])


@dataclass
class SheetInfo:
    """The sheet chosen for import. ``rows`` are (Excel row number, cell values) below the
    header, merged cells already filled with their value."""

    path: str
    sheet: str
    header_row: int  # 1-based; 0 when no header was recognised
    headers: list[str]
    rows: list[tuple[int, list]] = field(repr=False)


@dataclass
class ParsedRow:
    row: int
    unit: UnitParts
    name: str
    phones: list[tuple[str, str]]  # (as written, digits)
    role: str | None = None
    area: Decimal | None = None
    note: str = ""

    @property
    def unit_label(self) -> str:
        return unit_label(self.unit.building, self.unit.entrance, self.unit.room)


@dataclass
class Preview:
    sheet: SheetInfo
    mapping: dict[str, int]
    rows: list[ParsedRow]  # the first lines as they will be stored
    rejected: list[tuple[int, str]]  # every rejected line: (Excel row, reason)
    total: int  # lines that will be imported


@dataclass
class ImportReport:
    """Counts of lines stored (an owner created, updated or found unchanged) and every
    rejected line as (Excel row number, translated reason)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        text = _tr(MSG_SUMMARY).format(created=self.created, updated=self.updated,
                                       unchanged=self.unchanged, rejected=len(self.rejected))
        return f"{text} {_tr(MSG_DRY_RUN)}" if self.dry_run else text

    def rejected_lines(self) -> list[str]:
        return [_tr(MSG_ROW).format(row=row, reason=reason) for row, reason in self.rejected]


# --- reading the sheet ----------------------------------------------------------------------------

def read_workbook(path, sheet: str | None = None) -> SheetInfo:
    """Open ``path`` and pick the sheet whose header is best recognised (or ``sheet``)."""
    p = Path(path)
    if not p.is_file():
        raise ImportRuleError(MSG_NO_FILE, file=str(p))
    try:
        wb = load_workbook(p, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRuleError(MSG_NOT_WORKBOOK, file=p.name) from None
    sheets = [wb[sheet]] if sheet else wb.worksheets
    best = max((_sheet_info(p, ws) for ws in sheets), key=lambda s: len(propose_mapping(s.headers)))
    wb.close()
    return best


def _sheet_info(path: Path, ws) -> SheetInfo:
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:  # every cell of a merged block gets the block's value
        value = grid[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                grid[r][c] = value
    header = _find_header(grid)
    headers = [_cell_text(v) for v in grid[header - 1]] if header else []
    rows = [(i + 1, r) for i, r in enumerate(grid) if i >= header]
    return SheetInfo(str(path), ws.title, header, headers, rows)


def _find_header(grid: list[list]) -> int:
    best, best_row = 1, 0
    for i, row in enumerate(grid[:HEADER_SCAN]):
        found = propose_mapping([_cell_text(v) for v in row])
        if len(found) > best and "name" in found:
            best, best_row = len(found), i + 1
    return best_row


def _key(text: str) -> str:
    text = BRACKETS.sub("", normalize_text(text)).lower()
    return re.sub(r"[\s*:：_\-.#№]+", "", text)


def _scores(key: str):
    """(score, field) for each field the header may name: an exact word beats a contained one,
    a longer word a shorter one (业主联系电话 is a phone, not a name)."""
    if any(word in key for word in NOT_FIELDS):
        return
    for name, words in SYNONYMS.items():
        for word in words:
            if key == word:
                yield 100 + len(word), name
            elif len(word) > 1 and word in key:
                yield len(word), name


FIELD_ORDER = list(SYNONYMS)  # breaks ties: 房号 is first taken as the room


def propose_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column index (0-based) guessed from the header texts. 房号 is the room when
    there is a building column, else the whole unit; English Unit is the entrance when there
    are Building and Room columns, the room when there is only Building."""
    keys = [_key(h) for h in headers]
    found = sorted((-score, i, FIELD_ORDER.index(name), name)
                   for i, key in enumerate(keys) if key for score, name in _scores(key))
    mapping: dict[str, int] = {}
    for _, i, _, name in found:
        if name not in mapping and i not in mapping.values():
            mapping[name] = i
    if "building" in mapping and "unit" in mapping:
        spare = next((f for f in ("room", "entrance") if f not in mapping), None)
        if spare:
            mapping[spare] = mapping.pop("unit")
    elif "building" not in mapping and "room" in mapping and "unit" not in mapping \
            and any(s > 100 and n == "unit" for s, n in _scores(keys[mapping["room"]])):
        mapping["unit"] = mapping.pop("room")  # 房号 alone holds the whole unit
    if "unit" in mapping:
        mapping.pop("entrance", None)
    extra = [i for _, i, _, name in found if name == "phone" and i not in mapping.values()]
    for n, i in enumerate(dict.fromkeys(extra), 2):  # 手机 and 固话: phone_2, phone_3 …
        mapping[f"phone_{n}"] = i
    return mapping


def field_label(name: str) -> str:
    """The translated label of a mapping key, "phone_2" included (联系电话 2)."""
    base, _, n = name.partition("_")
    return f"{_label(base)} {n}".strip() if base in FIELDS else name


# --- one line ---------------------------------------------------------------------------------

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1201.0 and 13800138000.0: numbers typed into Excel
    return normalize_text(str(value))


def _fail(field_name: str, message: str, **params) -> RuleError:
    cls = ImportRuleError if message == MSG_BAD_UNIT else RuleError  # the others are shared
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


def _cn_to_digits(match) -> str:
    """二 -> 2, 十二 -> 12, 二十 -> 20: buildings and entrances written in Chinese numerals."""
    text = match.group().replace("两", "二")
    if "十" not in text:
        return "".join(CN_DIGITS.get(c, c) for c in text)
    tens, _, ones = text.partition("十")
    return str(int(CN_DIGITS.get(tens, "1")) * 10 + int(CN_DIGITS.get(ones, "0")))


def _unit(values: dict, estate_name: str) -> UnitParts:
    values = {k: CN_NUMBER.sub(_cn_to_digits, v) if k in ("unit", "building", "entrance") else v
              for k, v in values.items()}
    if "unit" not in values:
        return _split_unit(values)
    text = values["unit"]
    if estate_name and text.startswith(estate_name):
        text = text[len(estate_name):]
    if not text:
        raise _fail("unit", MSG_REQUIRED)
    text = text.replace("_", "-")
    parsed = parse_unit(re.sub(r"[室号]$", "", text)) or _block_unit(text)
    if parsed is None:
        raise _fail("unit", MSG_BAD_UNIT, value=text)
    return parsed


def _block_unit(text: str) -> UnitParts | None:
    """B座2单元2001, 商铺区-12: blocks named otherwise than 栋 (parse_unit reads only 栋)."""
    m = BLOCK_UNIT.match(text.replace(" ", ""))
    return UnitParts(m["b"], f"{m['e']}单元" if m["e"] else "", m["r"]) if m else None


def _split_unit(values: dict) -> UnitParts:
    """Building, entrance and room in their own columns, written as people do: 3 / 3栋 /
    3号楼 / B座, 2 / 2单元, 1201 / 1201室; or the room column holding the whole unit."""
    room = re.sub(r"(室|号)$", "", values.get("room", ""))
    whole = parse_unit(room) if room else None
    if whole:  # 3-2-1201 in the room column
        return whole
    building = values.get("building", "")
    for name, value in (("building", building), ("room", room)):
        if not value:
            raise _fail(name, MSG_REQUIRED)
    core = re.sub(r"(栋|幢|号楼|楼)$", "", building)
    if core != building or re.fullmatch(r"[A-Za-z0-9]+", core):
        building = f"{core}栋"  # the label intake uses: 3号楼 and 3幢 are 3栋
    entrance = values.get("entrance", "")
    if re.fullmatch(r"[A-Za-z0-9]+", entrance):
        entrance += "单元"
    if not re.fullmatch(r"[A-Za-z]?\d+", room):
        raise _fail("room", MSG_BAD_UNIT, value=room)
    return UnitParts(building, entrance, room)


def _area(text: str) -> Decimal | None:
    m = re.search(r"\d+(\.\d+)?", text)
    try:
        return Decimal(m.group()).quantize(Decimal("0.01")) if m else None
    except InvalidOperation:
        return None


def parse_row(number: int, cells: list, mapping: dict[str, int],
              estate_name: str = "") -> ParsedRow | None:
    """One sheet line -> ParsedRow; None for a blank line; RuleError with the reason if bad."""
    values = {f: _cell_text(cells[i]) if i < len(cells) else "" for f, i in mapping.items()}
    if not any(values.values()):
        return None
    if _key(values.get("name", "")) in SYNONYMS["name"]:
        return None  # the header repeated further down (one block per building)
    name = values.get("name", "")
    if CJK_NAME.fullmatch(name):
        name = re.sub(r"\s+", "", name)  # "张  伟": spaces typed to line names up
    if not name:
        raise _fail("name", MSG_REQUIRED)
    if len(name) > 60:
        raise _fail("name", MSG_TOO_LONG, max=60, n=len(name))
    unit = _unit(values, estate_name)
    phones: dict[str, str] = {}
    for key, col in mapping.items():
        if key.startswith("phone") and col < len(cells):
            phones.update((d, w) for w, d in parse_phones(cells[col]) if d not in phones)
    role = ROLE_WORDS.get(_key(values.get("role", "")))  # None: keep what the register says
    return ParsedRow(number, unit, name, [(w, d) for d, w in phones.items()], role,
                     _area(values.get("area", "")),
                     values.get("note", "")[:500])


def _parse_all(info: SheetInfo, mapping, estate_name: str) -> tuple[list[ParsedRow], list]:
    parsed, rejected = [], []
    for number, cells in info.rows:
        try:
            row = parse_row(number, cells, mapping, estate_name)
        except RuleError as err:
            rejected.append((number, err.text()))
            continue
        if row is not None:
            parsed.append(row)
    return parsed, rejected


def _mapping(info: SheetInfo, mapping: dict[str, int] | None) -> dict[str, int]:
    mapping = dict(mapping) if mapping is not None else propose_mapping(info.headers)
    if not mapping and not info.header_row:
        raise ImportRuleError(MSG_NO_HEADER)
    for needed, choices in (("name", ("name",)), ("unit", ("unit", "room"))):
        if not any(c in mapping for c in choices):
            raise ImportRuleError(MSG_MAPPING, label=_label(needed))
    return mapping


def preview(path, mapping: dict[str, int] | None = None, limit: int = 20,
            estate: str | None = None) -> Preview:
    """What an import would do, without writing: the first ``limit`` lines parsed, every
    rejected line with its reason, and how many lines would be imported."""
    info = read_workbook(path)
    mapping = _mapping(info, mapping)
    parsed, rejected = _parse_all(info, mapping, estate or _default_estate_name())
    return Preview(info, mapping, parsed[:limit], rejected, len(parsed))


# --- writing ----------------------------------------------------------------------------------

def _default_estate_name() -> str:
    first = Estate.select().where(Estate.active == True).order_by(Estate.id).first()  # noqa: E712
    return first.name if first else (settings.get("office_name") or "")


def _check_actor(actor: Staff | None) -> None:
    """The command line (actor None) and the desk's roles may import; a technician may not."""
    if actor is None or (actor.active and actor.role in ("clerk", "supervisor", "admin")):
        return
    with transaction():
        audit.record(actor, "owner_import", 0, "refused", note="owners.import")
    raise PermissionDenied(accounts.MSG_DENIED, role=Role(actor.role).label(),
                           action=_tr(MSG_DENIED_IMPORT))


def _update(instance, values: dict) -> bool:
    """Save ``values`` on ``instance`` if any differs; True when something changed."""
    if not audit.diff(instance, values):
        return False
    instance.save()
    return True


class _Register:
    """The estate's buildings, units, owners and phones, loaded in four queries, so an import
    of thousands of lines runs no look-up per line."""

    def __init__(self, estate: Estate):
        self.estate = estate
        self.buildings = {b.name: b for b in Building.select().where(Building.estate == estate)}
        ids = [b.id for b in self.buildings.values()] or [0]
        self.units = {(u.building_id, u.entrance, u.room): u
                      for u in Unit.select().where(Unit.building.in_(ids))}
        unit_ids = [u.id for u in self.units.values()] or [0]
        # inactive first, so an active owner of the same name wins the key
        owners = Owner.select().where(Owner.unit.in_(unit_ids)).order_by(Owner.active, Owner.id)
        self.owners = {(o.unit_id, o.name): o for o in owners}
        self.phones = {(p.owner_id, p.digits): p for p in OwnerPhone.select().join(Owner)
                       .where(Owner.unit.in_(unit_ids))}

    def unit(self, row: ParsedRow) -> tuple[Unit, bool]:
        building = self.buildings.get(row.unit.building)
        if building is None:  # 3号楼 in the roster, 3栋 on the register: the same building
            same = [self.buildings[n] for n in building_synonyms(row.unit.building) if n in self.buildings]
            building = same[0] if len(same) == 1 else None
        if building is None:
            building = Building.create(estate=self.estate, name=row.unit.building,
                                       sort=len(self.buildings) + 1)
            self.buildings[building.name] = building
        key = (building.id, row.unit.entrance, row.unit.room)
        unit, changed = self.units.get(key), False
        if unit is None:
            room = row.unit.room
            floor = int(room[:-2]) if room.isdigit() and len(room) >= 3 else None  # 1201: 12th
            unit = Unit.create(building=building, entrance=row.unit.entrance, room=row.unit.room, floor=floor,
                               label=unit_label(building.name, row.unit.entrance, row.unit.room), area=row.area)
            self.units[key] = unit
        else:
            changed = _update(unit, {"active": True, **({"area": row.area} if row.area else {})})
        return unit, changed

    def apply(self, row: ParsedRow) -> str:
        """Store one line: "created", "updated" or "unchanged"."""
        unit, changed = self.unit(row)
        owner = self.owners.get((unit.id, row.name))
        outcome = "updated"
        if owner is None:
            owner = Owner.create(unit=unit, name=row.name, initials=initials(row.name),
                                 role=row.role or OwnerRole.OWNER.value, note=row.note)
            self.owners[(unit.id, row.name)] = owner
            outcome = "created"
        else:  # only what the sheet says: an empty role or note keeps the register's
            changed |= _update(owner, {"active": True, **({"role": row.role} if row.role else {}),
                                       **({"note": row.note} if row.note else {})})
        for written, digits in row.phones:
            phone = self.phones.get((owner.id, digits))
            if phone is None:
                self.phones[(owner.id, digits)] = OwnerPhone.create(owner=owner, phone=written,
                                                                     digits=digits)
            changed |= phone is None or _update(phone, {"active": True})
        return outcome if outcome == "created" or changed else "unchanged"


def import_owners(actor: Staff | None, path, mapping: dict[str, int] | None = None,
                  dry_run: bool = False, estate: str | None = None) -> ImportReport:
    """Import the roster at ``path`` into ``estate`` (default: the first estate, or one named
    after the office). One transaction with one audit entry; ``dry_run`` rolls it back and
    only reports. Rejected lines are reported, never half-stored."""
    _check_actor(actor)
    info = read_workbook(path)
    mapping = _mapping(info, mapping)
    estate_name = normalize_text(estate or "") or _default_estate_name()
    parsed, rejected = _parse_all(info, mapping, estate_name)
    report = ImportReport(rejected=rejected, dry_run=dry_run)
    with transaction() as txn:
        est, _ = Estate.get_or_create(name=estate_name)
        register = _Register(est)
        for row in parsed:
            outcome = register.apply(row)
            setattr(report, outcome, getattr(report, outcome) + 1)
        audit.record(actor, "owner_import", est.id, "import", note=(
            f"{Path(path).name} [{info.sheet}]: created {report.created}, updated "
            f"{report.updated}, unchanged {report.unchanged}, rejected {len(rejected)}"))
        if dry_run:
            txn.rollback()
    return report
