"""Which sheets of a roster workbook hold what, and how they are joined (never guessed).

Every sheet is read with its header row (:mod:`columns`). A hidden sheet, an instructions
sheet (说明, 填写说明, 注意事项 …) and a sheet without a header are not read. The rooms sheet is
the one with the addresses; when it names nobody but carries an owner number (业主编号, 客户编号 …)
or a room number (房屋编号, 房间编号 …), the sheet with the names that carries the same kind of
number is joined to it: each room's line takes its people from there. An owners sheet with
both numbers is joined by the owner's, and a line whose room number disagrees is refused.

When the rule finds more than one answer (two sheets with addresses, two sheets of names, two
columns that could be the link) nothing is chosen: :attr:`Roster.question` says what to choose,
and importing refuses until the caller chooses the sheet or the column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.register import columns, workbook
from propdesk.services.register.columns import LINKS, propose_mapping
from propdesk.services.register.owners import normalize_text

C = "import"
HEADER_SCAN = 30  # rows searched for the header
# a sheet whose title is one of these is the template's notes: 说明, 填写说明, 导入须知, 示例, readme …
INSTRUCTIONS = re.compile(r"(填写|填表|使用|导入|模板|表格|操作)?(说明|须知|注意事项|帮助|示例|样例|范例)\d*"
                          r"|readme|instructions?|help|examples?|notes?")

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
MSG_READ = QT_TRANSLATE_NOOP("import", "Sheet read: {sheet} (header on row {row}, {n} lines below it).")
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


class SheetRuleError(RuleError):
    """A RuleError whose message is in the "import" part of the catalogue."""

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
    ``ignored``: (sheet, why) of the sheets not read; ``question``: what the caller must choose
    before anything is imported (None when nothing)."""

    path: str
    sheets: list[SheetInfo]
    main: SheetInfo
    owners: SheetInfo | None = None
    link: Link | None = None
    ignored: list[tuple[str, str]] = field(default_factory=list)
    question: SheetRuleError | None = None

    @property
    def sheet(self) -> str:
        return self.main.sheet + (f" + {self.owners.sheet}" if self.owners else "")

    @property
    def proposed(self) -> dict[str, int]:
        """The rooms sheet's proposed mapping, with the link's column."""
        mapping = dict(self.main.proposed)
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

    def describe(self) -> list[str]:
        """Which sheets were read and how they were joined, translated, one sentence a line."""
        main = self.main
        lines = [] if asks_for_sheet(self) else [_tr(MSG_READ).format(
            sheet=f"“{main.sheet}”", row=main.header_row or "—", n=len(main.rows))]
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


def asks_for_sheet(roster: Roster) -> bool:
    """The rule found several sheets with addresses: the caller must choose one."""
    return roster.question is not None and roster.question.message == MSG_WHICH_SHEET


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
    proposed = columns.check_content(propose_mapping(headers), [r for _, r in rows])
    found = columns.candidates(headers)
    links = {name: [i for _rank, i in found[name]] for name in LINKS if name in found}
    return SheetInfo(str(path), grid.title, header, headers, rows, proposed, grid.hidden, links)


def read_roster(path, sheet: str | None = None, owners_sheet: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                should_cancel: Callable[[], bool] | None = None) -> Roster:
    """Open ``path`` and find the sheet with the addresses (or take ``sheet``) and, if its
    lines name nobody but carry an owner or room number, the sheet of names to join (or
    ``owners_sheet``). Raises RuleError naming the file and the problem for a file that cannot
    be read; what is ambiguous is in the roster's ``question``."""
    if progress:
        progress(0, 2)
    grids = workbook.read_grids(path, should_cancel=should_cancel)
    if should_cancel and should_cancel():
        raise SheetRuleError(MSG_CANCELLED)
    infos = [sheet_info(path, g) for g in grids]
    if progress:
        progress(1, 2)
    titles = {i.sheet for i in infos}
    for wanted in (sheet, owners_sheet):
        if wanted and wanted not in titles:
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


def arrange(path: str, infos: list[SheetInfo], sheet: str | None = None,
            owners_sheet: str | None = None) -> Roster:
    """The roster of sheets already read: the rule of :func:`read_roster`, with the sheets the
    caller chose (a sheet named is read even when hidden)."""
    by_title = {i.sheet: i for i in infos}
    chosen = {t for t in (sheet, owners_sheet) if t}
    usable = [i for i in infos if i.sheet in chosen or not _why_not_read(i)]
    question: SheetRuleError | None = None
    if sheet:
        main = by_title[sheet]
    else:
        with_address = [i for i in usable if i.has_address]
        if len(with_address) > 1:
            question = SheetRuleError(MSG_WHICH_SHEET, sheets=_quoted(i.sheet for i in with_address))

        def score(i: SheetInfo):
            return (i.has_address and "name" in i.proposed, i.has_address and bool(i.links),
                    i.has_address, len(i.proposed), len(i.rows))
        main = max(usable or infos, key=score)
    owners, link = None, None
    if owners_sheet:
        owners = by_title[owners_sheet] if owners_sheet != main.sheet else None
    elif "name" not in main.proposed and main.links and question is None:
        people = [i for i in usable if i is not main and "name" in i.proposed
                  and set(i.links) & set(main.links)]
        if len(people) == 1:
            owners = people[0]
        elif people:
            question = SheetRuleError(MSG_WHICH_OWNERS, sheet=f"“{main.sheet}”",
                                      sheets=_quoted(i.sheet for i in people))
    if owners is not None:
        link, problem = find_link(main, owners)
        question = question or problem
    used = {main.sheet} | ({owners.sheet} if owners else set())
    ignored = [(i.sheet, _why_not_read(i) or WHY_UNUSED) for i in infos if i.sheet not in used]
    if question is not None:  # what is asked decides which sheets are needed
        ignored = [(title, why) for title, why in ignored if why != WHY_UNUSED]
    return Roster(path, infos, main, owners, link, ignored, question)


def find_link(main: SheetInfo, owners: SheetInfo, chosen: dict[str, int] | None = None,
              ) -> tuple[Link | None, SheetRuleError | None]:
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
            return None, SheetRuleError(MSG_WHICH_LINK, sheet=f"“{main.sheet}”",
                                        owners=f"“{owners.sheet}”", pairs=shown)
        if found:
            pairs[name] = found[0]
    if "owner_no" in pairs:
        m, o = pairs["owner_no"]
        return Link("owner_no", m, o, pairs.get("room_no")), None
    if "room_no" in pairs:
        m, o = pairs["room_no"]
        return Link("room_no", m, o), None
    return None, SheetRuleError(MSG_NO_LINK, sheet=f"“{main.sheet}”", owners=f"“{owners.sheet}”")
