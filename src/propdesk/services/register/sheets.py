"""Which sheets of a roster workbook hold what, and how they are joined (never guessed).

Every sheet is read with its header row (:mod:`columns`). A hidden sheet, an instructions
sheet (说明, 填写说明, 注意事项 …) and a sheet without a header are not read. The rooms sheet is
the one with the addresses; when it names nobody but carries an owner number (业主编号, 客户编号 …)
or a room number (房屋编号, 房间编号 …), the sheet with the names that carries the same kind of
number is joined to it: each room's line takes its people from there. An owners sheet with
both numbers is joined by the owner's, and a line whose room number disagrees is refused.

A roster kept as one sheet per building (or per estate): sheets of the same shape (the same
fields found in their headers, after ranking: the address's parts, the name, the phone, the
numbers) are read together as one roster, in sheet order. A sheet without a building column
takes its building from its name when the name is one (1栋, 5幢, 12号楼, B座, 阳光花园3栋 with
an estate of the register in front; a name that is an estate gives the estate); a line of a
sheet whose name says no building, and that says none itself, is refused naming the sheet.
Sheets of another shape (汇总 with counts, 车位) are not read and listed with why; a sheet of the
same shape whose name says it is no roster (汇总, 统计, 车位 …) is asked about, never read.

When the rule finds more than one answer (two sheets with addresses, two sheets of names, two
columns that could be the link, two groups of sheets alike) nothing is chosen:
:attr:`Roster.question` says what to choose, and importing refuses until the caller chooses the
sheet(s) or the column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.register import address as addr
from propdesk.services.register import columns, workbook
from propdesk.services.register.columns import LINKS, propose_mapping
from propdesk.services.register.owners import normalize_text

C = "import"
HEADER_SCAN = 30  # rows searched for the header
# a sheet whose title is one of these is the template's notes: 说明, 填写说明, 导入须知, 示例, readme …
INSTRUCTIONS = re.compile(r"(填写|填表|使用|导入|模板|表格|操作)?(说明|须知|注意事项|帮助|示例|样例|范例)\d*"
                          r"|readme|instructions?|help|examples?|notes?")

# a sheet named for its building: 5栋, 12号楼, B座, 阳光花园3栋 (an estate of the register in front)
NAME_BUILDING = re.compile(r"(?P<e>.*?)(?P<b>[A-Za-z]?\d{1,3}[A-Za-z]?|[A-Za-z])(?P<w>号楼|栋|幢|座)")
# a sheet whose name says it is no roster, whatever its columns: a summary, the parking list
NOT_ROSTER = re.compile(r".*(汇总|统计|合计|小计|总计|车位|停车|车库|summary|total|parking|statistics).*")
# the fields that make a sheet's shape (the estate and the building may be in its name instead)
SHAPE = ("unit", "entrance", "room", "name", "phone", "owner_no", "room_no")

MSG_CANCELLED = QT_TRANSLATE_NOOP("import", "Reading the workbook was cancelled.")
MSG_WHICH_SHEET = QT_TRANSLATE_NOOP(
    "import", "The sheets {sheets} each hold addresses. Choose the sheet to import (the sheet "
              "list, or --sheet).")
MSG_WHICH_OWNERS = QT_TRANSLATE_NOOP(
    "import", "The sheet {sheet} names nobody, and the sheets {sheets} could each give its "
              "people. Choose the sheet of names (the names sheet list, or --owners-sheet).")
MSG_WHICH_LINK = QT_TRANSLATE_NOOP(
    "import", "The sheets {sheet} and {owners} could be joined by {pairs}. Choose the column "
              "that links them in the import window, or remove the other column from the workbook.")
MSG_NO_LINK = QT_TRANSLATE_NOOP(
    "import", "The sheets {sheet} and {owners} share no owner number or room number column "
              "(such as 业主编号 or 房屋编号), so they cannot be joined.")
MSG_UNCLEAR = QT_TRANSLATE_NOOP(
    "import", "The sheet {sheet} has the same columns as the roster sheets {sheets}, but its name "
              "says it is no roster (a summary or a parking list?). Choose the sheets to import "
              "(the sheet list, or --sheet once for each sheet), or remove it from the workbook.")
MSG_GROUP_AND_NAMES = QT_TRANSLATE_NOOP(
    "import", "The sheets {sheets} each hold rooms and the sheet {owners} holds names: several "
              "sheets of rooms are not joined to a sheet of names. Choose one sheet of rooms (the "
              "sheet list, or --sheet).")
MSG_READ = QT_TRANSLATE_NOOP("import", "Sheet read: {sheet} (header on row {row}, {n} lines below it).")
MSG_READ_TOGETHER = QT_TRANSLATE_NOOP(
    "import", "Sheets read together as one roster (the same columns), in this order: {sheets}.")
MSG_SHEET_LINES = QT_TRANSLATE_NOOP("import", "{sheet} (header on row {row}, {n} lines)")
MSG_BUILDING_FROM_NAME = QT_TRANSLATE_NOOP(
    "import", "Building taken from the sheet name (the sheet has no building column): {places}.")
MSG_ESTATE_FROM_NAME = QT_TRANSLATE_NOOP(
    "import", "Estate taken from the sheet name, for lines that name none: {places}.")
MSG_NAME_NO_BUILDING = QT_TRANSLATE_NOOP(
    "import", "The sheet {sheet} has no building column and its name is not a building (such as "
              "1栋 or 阳光花园3栋): its lines that do not say their building are refused.")
MSG_JOINED = QT_TRANSLATE_NOOP(
    "import", "Names, phones and roles from the sheet {owners} (header on row {row}, {n} lines), "
              "joined by {column} of {sheet} = {owners_column} of {owners}.")
MSG_CHECKED = QT_TRANSLATE_NOOP(
    "import", "{column} is on both sheets too: a line whose two sheets disagree on it is refused.")
MSG_NOT_READ = QT_TRANSLATE_NOOP("import", "Sheets not read: {sheets}.")
MSG_SHEET_WHY = QT_TRANSLATE_NOOP("import", "{sheet} ({why})")
WHY_HIDDEN = QT_TRANSLATE_NOOP("import", "hidden")
WHY_NOTES = QT_TRANSLATE_NOOP("import", "instructions")
WHY_NO_HEADER = QT_TRANSLATE_NOOP("import", "no header")
WHY_UNUSED = QT_TRANSLATE_NOOP("import", "not needed")
WHY_SHAPE = QT_TRANSLATE_NOOP("import", "other columns than the roster sheets")
WHY_NOT_CHOSEN = QT_TRANSLATE_NOOP("import", "not chosen")


class ImportRuleError(RuleError):
    """A RuleError whose message is in the "import" part of the catalogue (the roster import's
    own: this module's and importing.py's)."""

    context = C


def _tr(text: str) -> str:
    return translate(C, text)


def _quoted(titles) -> str:
    return "、".join(f"“{t}”" for t in titles)


@dataclass
class SheetInfo:
    """One sheet. ``rows`` are (Excel row number, cell values) below the header, merged cells
    already filled in; ``proposed`` is the mapping read from the header; ``links`` every column
    that is an owner or room number, best first."""

    path: str
    sheet: str
    header_row: int  # 1-based; 0 when no header was recognised
    headers: list[str]
    rows: list[tuple[int, list]] = field(repr=False)
    proposed: dict[str, int] = field(default_factory=dict)
    hidden: bool = False
    links: dict[str, list[int]] = field(default_factory=dict)
    # the mapping when the building is given by the sheet's name (None: it has a building column)
    in_building: dict[str, int] | None = None

    @property
    def shape(self) -> frozenset[str]:
        """The fields that make this sheet alike another (phone_2 counts as phone)."""
        mapping = self.proposed if self.in_building is None else self.in_building
        return frozenset(k.split("_")[0] if k.startswith("phone") else k
                         for k in mapping if k in SHAPE or k.startswith("phone"))

    def has(self, *names: str) -> bool:
        return all(n in self.proposed for n in names)

    @property
    def has_address(self) -> bool:
        return "unit" in self.proposed or ("room" in self.proposed and "building" in self.proposed)

    @property
    def instructions(self) -> bool:
        return bool(INSTRUCTIONS.fullmatch(columns.key(self.sheet)))

    def header(self, col: int) -> str:
        return self.headers[col] if 0 <= col < len(self.headers) else f"#{col + 1}"


@dataclass(frozen=True)
class NamePlace:
    """What a sheet's name says of its lines' place: the ``estate`` ("" when it says none)
    and the ``building`` as written ("5栋"; "" when the name is only an estate)."""

    estate: str
    building: str

    def shown(self) -> str:
        return " ".join(p for p in (self.estate, self.building) if p)


def name_place(title: str, estates: list[str]) -> NamePlace | None:
    """The place a sheet's name says: 5栋, 12号楼, 五幢 (building), 阳光花园3栋 (estate and
    building, the estate one of ``estates``), 翠湖苑 or 翠湖苑小区 (estate); None otherwise."""
    text = addr.clean(title)
    for estate in estates:
        if text in (estate, f"{estate}小区"):
            return NamePlace(estate, "")
    m = NAME_BUILDING.fullmatch(text)
    if m is None:
        return None
    building = m["b"].upper() + m["w"]
    written = m["e"]
    if not written:
        return NamePlace("", building)
    estate = next((e for e in estates if written in (e, f"{e}小区")), None)
    return NamePlace(estate, building) if estate else None


@dataclass
class Link:
    """How the owners sheet is joined: ``field`` (owner_no or room_no) in column ``main_col`` of
    the rooms sheet and ``owners_col`` of the owners sheet; ``check`` the room number's columns
    (rooms, owners) when the sheets are joined by the owner's and both also carry the room's."""

    field: str
    main_col: int
    owners_col: int
    check: tuple[int, int] | None = None


@dataclass
class Roster:
    """What :func:`read_roster` found: every sheet, the sheet with the addresses (``main``)
    and, when the names are on another sheet, the ``owners`` sheet and its ``link``.
    ``group``: the sheets read together (one per building), ``main`` first; ``places``: what
    each sheet's name says of its place; ``mappings``: each read sheet's proposed columns.
    ``ignored``: (sheet, why) of the sheets not read; ``question``: what the caller must choose
    before anything is imported (None when nothing)."""

    path: str
    sheets: list[SheetInfo]
    main: SheetInfo
    owners: SheetInfo | None = None
    link: Link | None = None
    ignored: list[tuple[str, str]] = field(default_factory=list)
    question: ImportRuleError | None = None
    group: list[SheetInfo] = field(default_factory=list)
    places: dict[str, NamePlace | None] = field(default_factory=dict)
    mappings: dict[str, dict[str, int]] = field(default_factory=dict)
    alike: list[tuple[str, ...]] = field(default_factory=list)  # groups the caller may choose

    @property
    def parts(self) -> list[SheetInfo]:
        """The sheets whose lines are read, in order (the rooms sheet alone unless a group)."""
        return self.group or [self.main]

    @property
    def sheet(self) -> str:
        return " + ".join(p.sheet for p in self.parts) + (f" + {self.owners.sheet}" if self.owners else "")

    def proposed_for(self, info: SheetInfo) -> dict[str, int]:
        return self.mappings.get(info.sheet, info.proposed)

    @property
    def proposed(self) -> dict[str, int]:
        """The rooms sheet's proposed mapping, with the link's column."""
        mapping = dict(self.proposed_for(self.main))
        if self.link is not None:
            mapping[self.link.field] = self.link.main_col
        elif self.owners is not None:  # the link is asked: no column proposed for it
            mapping = {k: v for k, v in mapping.items() if k not in LINKS}
        return mapping

    def with_link(self, chosen: dict[str, int]) -> Roster:
        """The roster joined by the link column(s) the caller chose in the rooms sheet (when
        the rule asked for it); else this roster."""
        asked = self.question is not None and self.question.message in (MSG_WHICH_LINK, MSG_NO_LINK)
        chosen = {k: v for k, v in chosen.items() if k in LINKS}
        if self.owners is None or self.link is not None or not asked or not chosen:
            return self
        link, problem = find_link(self.main, self.owners, chosen)
        return replace(self, link=link, question=problem)

    def mapping_for(self, info: SheetInfo, mapping: dict[str, int]) -> dict[str, int]:
        """The mapping chosen for the first sheet, for another sheet of the group: a field is
        in the column of the same header there, else in the column proposed for it there; a
        field the first sheet has no column for (a building column) as proposed there."""
        if info is self.main:
            return mapping
        own = self.proposed_for(info)
        if mapping == self.proposed:
            return dict(own)
        out: dict[str, int] = {}
        for name, col in mapping.items():
            header = columns.key(self.main.header(col))
            same = [i for i, h in enumerate(info.headers) if header and columns.key(h) == header]
            if same:
                out[name] = same[0]
            elif name in own:
                out[name] = own[name]
        main = self.proposed
        for name, col in own.items():  # what the first sheet has no column for (翠湖苑's 楼栋)
            if name not in main and name not in out and col not in out.values():
                out[name] = col
        return out

    def describe(self) -> list[str]:
        """Which sheets were read and how they were joined, translated, one sentence a line."""
        main = self.main
        lines: list[str] = []
        if asks_for_sheet(self):
            pass
        elif len(self.parts) > 1:
            lines.append(_tr(MSG_READ_TOGETHER).format(sheets="、".join(
                _tr(MSG_SHEET_LINES).format(sheet=f"“{p.sheet}”", row=p.header_row or "—", n=len(p.rows))
                for p in self.parts)))
        else:
            lines.append(_tr(MSG_READ).format(sheet=f"“{main.sheet}”", row=main.header_row or "—",
                                              n=len(main.rows)))
        if not asks_for_sheet(self):
            buildings, estates, nowhere = [], [], []
            for p in self.parts:
                place = self.places.get(p.sheet)
                given = "building" not in self.proposed_for(p)
                if place is not None and place.building and given:
                    buildings.append(f"“{p.sheet}”→{place.shown()}")
                elif place is not None and place.estate:
                    estates.append(f"“{p.sheet}”→{place.estate}")
                if given and (place is None or not place.building) and len(self.parts) > 1:
                    nowhere.append(p.sheet)
            if buildings:
                lines.append(_tr(MSG_BUILDING_FROM_NAME).format(places="、".join(buildings)))
            if estates:
                lines.append(_tr(MSG_ESTATE_FROM_NAME).format(places="、".join(estates)))
            lines += [_tr(MSG_NAME_NO_BUILDING).format(sheet=f"“{t}”") for t in nowhere]
        if self.owners is not None and self.link is not None:
            o, link = self.owners, self.link
            lines.append(_tr(MSG_JOINED).format(
                owners=f"“{o.sheet}”", row=o.header_row or "—", n=len(o.rows),
                column=f"“{main.header(link.main_col)}”", sheet=f"“{main.sheet}”",
                owners_column=f"“{o.header(link.owners_col)}”"))
            if link.check:
                lines.append(_tr(MSG_CHECKED).format(column=f"“{main.header(link.check[0])}”"))
        if self.ignored:
            lines.append(_tr(MSG_NOT_READ).format(sheets="、".join(
                _tr(MSG_SHEET_WHY).format(sheet=f"“{title}”", why=_tr(why)) for title, why in self.ignored)))
        if self.question is not None:
            lines.append(self.question.text())
        return lines

    def choices(self) -> list[tuple[str, ...]]:
        """The sheets (several: read together) a caller may choose for the rooms: each group
        of sheets alike (without a sheet whose name says it is no roster), then each sheet."""
        return list(self.alike) + [(i.sheet,) for i in self.sheets]


def asks_for_sheet(roster: Roster) -> bool:
    """The rule found several sheets with addresses: the caller must choose one (or several)."""
    return roster.question is not None and roster.question.message in (
        MSG_WHICH_SHEET, MSG_UNCLEAR, MSG_GROUP_AND_NAMES)


def _not_roster(info: SheetInfo) -> bool:
    return bool(NOT_ROSTER.fullmatch(columns.key(info.sheet)))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1201.0 and 13800138000.0: numbers typed into Excel
    return normalize_text(str(value))


def _find_header(grid: list[list]) -> int:
    best, best_row = 1, 0
    for i, row in enumerate(grid[:HEADER_SCAN]):
        found = propose_mapping([cell_text(v) for v in row])
        useful = {"name", "unit", "room", "building", "owner_no", "room_no"} & set(found)
        if len(found) > best and useful and ("name" in found or "owner_no" in found
                                             or "room_no" in found or "unit" in found
                                             or "building" in found):
            best, best_row = len(found), i + 1
    return best_row


def sheet_info(path, grid: workbook.Grid) -> SheetInfo:
    header = _find_header(grid.rows)
    headers = [cell_text(v) for v in grid.rows[header - 1]] if header else []
    rows = [(i + 1, r) for i, r in enumerate(grid.rows) if i >= header]
    body = [r for _, r in rows]
    proposed = columns.check_content(propose_mapping(headers), body)
    found = columns.candidates(headers)
    links = {name: [i for _rank, i in found[name]] for name in LINKS if name in found}
    in_building = None
    if header and "building" not in proposed:
        # read as if a building column were beside it: 单元 and 房号 stay the entrance and the
        # room of the building the sheet's name says (else 房号 alone is the whole address)
        given = propose_mapping(headers + ["楼栋"])
        given.pop("building", None)
        in_building = columns.check_content(given, body)
    return SheetInfo(str(path), grid.title, header, headers, rows, proposed, grid.hidden, links,
                     in_building)


def _wanted(sheet) -> list[str]:
    return [sheet] if isinstance(sheet, str) else [s for s in (sheet or []) if s]


def read_roster(path, sheet: str | list[str] | None = None, owners_sheet: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                should_cancel: Callable[[], bool] | None = None) -> Roster:
    """Open ``path`` and find the sheet with the addresses, or the sheets of the same shape
    read together (or take ``sheet``: one title, or several read together) and, if its lines
    name nobody but carry an owner or room number, the sheet of names to join (or
    ``owners_sheet``). Raises RuleError naming the file and the problem for a file that cannot
    be read; what is ambiguous is in the roster's ``question``."""
    if progress:
        progress(0, 2)
    grids = workbook.read_grids(path, should_cancel=should_cancel)
    if should_cancel and should_cancel():
        raise ImportRuleError(MSG_CANCELLED)
    infos = [sheet_info(path, g) for g in grids]
    if progress:
        progress(1, 2)
    titles = {i.sheet for i in infos}
    for wanted in _wanted(sheet) + _wanted(owners_sheet):
        if wanted not in titles:
            raise workbook.WorkbookError(workbook.MSG_NO_SHEET, file=Path(path).name, sheet=wanted)
    roster = arrange(str(path), infos, sheet, owners_sheet)
    if progress:
        progress(2, 2)
    return roster


def _why_not_read(info: SheetInfo) -> str:
    if info.hidden:
        return WHY_HIDDEN
    if info.instructions:
        return WHY_NOTES
    return "" if info.header_row else WHY_NO_HEADER


def _alike(sheets: list[SheetInfo]) -> list[list[SheetInfo]]:
    """The groups of two or more sheets of the same shape, in sheet order."""
    by_shape: dict[frozenset, list[SheetInfo]] = {}
    for info in sheets:
        by_shape.setdefault(info.shape, []).append(info)
    return [g for g in by_shape.values() if len(g) > 1]


def arrange(path: str, infos: list[SheetInfo], sheet: str | list[str] | None = None,
            owners_sheet: str | None = None, estates: list[str] | None = None) -> Roster:
    """The roster of sheets already read: the rule of :func:`read_roster`, with the sheets the
    caller chose (a sheet named is read even when hidden). ``estates``: the register's (read
    when not given), for the sheets' names."""
    if estates is None:
        estates = addr.estate_names()
    estates = sorted(estates, key=len, reverse=True)
    places = {i.sheet: name_place(i.sheet, estates) for i in infos}
    by_title = {i.sheet: i for i in infos}
    wanted = _wanted(sheet)
    chosen = set(wanted) | ({owners_sheet} if owners_sheet else set())
    usable = [i for i in infos if i.sheet in chosen or not _why_not_read(i)]
    question: ImportRuleError | None = None
    group: list[SheetInfo] = []
    if wanted:
        main = by_title[wanted[0]]
        group = [by_title[t] for t in wanted] if len(wanted) > 1 else []
    with_address = [i for i in usable if i.has_address]
    groups = _alike(with_address)
    alike = [t for t in (tuple(i.sheet for i in g if not _not_roster(i)) for g in groups) if len(t) > 1]
    if not wanted:
        if len(groups) == 1:
            group = groups[0]
            unclear = [i for i in group if _not_roster(i)]
            if unclear:
                question = ImportRuleError(MSG_UNCLEAR, sheet=_quoted(i.sheet for i in unclear),
                                          sheets=_quoted(i.sheet for i in group if i not in unclear))
        elif len(with_address) > 1:
            question = ImportRuleError(MSG_WHICH_SHEET, sheets=_quoted(i.sheet for i in with_address))

        def score(i: SheetInfo):
            return (i.has_address and "name" in i.proposed, i.has_address and bool(i.links),
                    i.has_address, len(i.proposed), len(i.rows))
        main = group[0] if group else max(usable or infos, key=score)
    parts = group or [main]
    # a sheet without a building column, in a group or named for its building: its lines are
    # read within that building (单元 and 房号 the entrance and the room)
    mappings = {p.sheet: p.in_building for p in parts if p.in_building is not None and (
        len(parts) > 1 or (places[p.sheet] is not None and places[p.sheet].building))}
    owners, link = None, None
    main_mapping = mappings.get(main.sheet, main.proposed)
    if owners_sheet:
        owners = by_title[owners_sheet] if owners_sheet not in {p.sheet for p in parts} else None
    elif "name" not in main_mapping and main.links and question is None:
        people = [i for i in usable if i not in parts and "name" in i.proposed
                  and set(i.links) & set(main.links)]
        if len(people) == 1 and len(parts) == 1:
            owners = people[0]
        elif people and len(parts) > 1:
            question = ImportRuleError(MSG_GROUP_AND_NAMES, sheets=_quoted(p.sheet for p in parts),
                                      owners=_quoted(i.sheet for i in people))
        elif people:
            question = ImportRuleError(MSG_WHICH_OWNERS, sheet=f"“{main.sheet}”",
                                      sheets=_quoted(i.sheet for i in people))
    if owners is not None and len(parts) > 1:
        question = ImportRuleError(MSG_GROUP_AND_NAMES, sheets=_quoted(p.sheet for p in parts),
                                  owners=f"“{owners.sheet}”")
        owners = None
    if owners is not None:
        link, problem = find_link(main, owners)
        question = question or problem
    used = {p.sheet for p in parts} | ({owners.sheet} if owners else set())
    def why(i: SheetInfo) -> str:
        if len(parts) == 1:
            return WHY_UNUSED
        return WHY_NOT_CHOSEN if wanted and i.shape == parts[0].shape else WHY_SHAPE
    ignored = [(i.sheet, _why_not_read(i) or why(i)) for i in infos if i.sheet not in used]
    if question is not None:  # what is asked decides which sheets are needed
        ignored = [(title, why) for title, why in ignored if why != WHY_UNUSED]
    return Roster(path, infos, main, owners, link, ignored, question,
                  group if len(group) > 1 else [], places, mappings, alike)


def find_link(main: SheetInfo, owners: SheetInfo, chosen: dict[str, int] | None = None,
              ) -> tuple[Link | None, ImportRuleError | None]:
    """The column pair joining ``owners`` to ``main``, or the question when there is none or
    more than one of a kind (two headers alike win over others). ``chosen``: the rooms sheet's
    link columns the caller chose (the others are not links then)."""
    pairs: dict[str, tuple[int, int]] = {}
    for name in LINKS:
        mine = main.links.get(name, []) if chosen is None else [chosen[name]] if name in chosen else []
        found = [(m, o) for m in mine for o in owners.links.get(name, [])]
        if len(found) > 1:
            alike = [(m, o) for m, o in found
                     if columns.key(main.header(m)) == columns.key(owners.header(o))]
            found = alike if len(alike) == 1 else found
        if len(found) > 1:
            shown = "、".join(f"“{main.header(m)}”=“{owners.header(o)}”" for m, o in found)
            return None, ImportRuleError(MSG_WHICH_LINK, sheet=f"“{main.sheet}”",
                                        owners=f"“{owners.sheet}”", pairs=shown)
        if found:
            pairs[name] = found[0]
    if "owner_no" in pairs:
        m, o = pairs["owner_no"]
        return Link("owner_no", m, o, pairs.get("room_no")), None
    if "room_no" in pairs:
        m, o = pairs["room_no"]
        return Link("room_no", m, o), None
    return None, ImportRuleError(MSG_NO_LINK, sheet=f"“{main.sheet}”", owners=f"“{owners.sheet}”")
