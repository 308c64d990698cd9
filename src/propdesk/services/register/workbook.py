"""Opening a workbook someone else made, safely: size, zip bombs, XML bombs, encryption, damage.

Every check runs before openpyxl parses anything, on the zip's own directory (entries'
uncompressed sizes and ratios) and the first bytes of each XML part; whatever openpyxl still
finds wrong becomes a message naming the file and the problem, never a traceback. openpyxl
parses the sheets with defusedxml when it is installed (a dependency), so entity expansion is
refused there too.

:func:`read_grids` returns every sheet as a grid of values with merged cells filled in.
"""
from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024  # a roster of 100,000 owners is ~10 MB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 100  # one part's uncompressed / compressed size (normal sheets: 5-20)
MAX_ENTRIES = 10_000
# cells over all sheets, counted in the sheets' XML before openpyxl reads them (it keeps about
# several hundred bytes per cell): 30,000 lines of 20 columns is a very large roster
MAX_CELLS = 600_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password

C = "import"
MSG_NO_FILE = QT_TRANSLATE_NOOP("import", "{file}: there is no such file.")
MSG_NOT_WORKBOOK = QT_TRANSLATE_NOOP(
    "import", "{file} is not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as "
              ".xlsx (Excel workbook) and import that file.")
MSG_ENCRYPTED = QT_TRANSLATE_NOOP(
    "import", "{file} is protected with a password or is an old .xls workbook. Open it in Excel "
              "or WPS, remove the password, save it as .xlsx (Excel workbook) and import that file.")
MSG_TOO_BIG = QT_TRANSLATE_NOOP(
    "import", "{file} is too large to be an owner roster ({size} MB; at most {limit} MB).")
MSG_BOMB = QT_TRANSLATE_NOOP(
    "import", "{file} was refused: {problem}. A roster saved by Excel or WPS never looks like this; "
              "save it again from Excel as .xlsx.")
MSG_BOMB_SIZE = QT_TRANSLATE_NOOP("import", "it would unpack to more than {limit} MB")
MSG_BOMB_RATIO = QT_TRANSLATE_NOOP("import", "its part {part} is compressed {ratio} times")
MSG_BOMB_ENTRIES = QT_TRANSLATE_NOOP("import", "it holds {n} parts")
MSG_BOMB_DTD = QT_TRANSLATE_NOOP("import", "its part {part} declares XML entities")
MSG_BOMB_CELLS = QT_TRANSLATE_NOOP("import", "its sheet {sheet} has more than {limit} cells")
MSG_DAMAGED = QT_TRANSLATE_NOOP(
    "import", "{file} is damaged and cannot be read ({problem}). Open it in Excel or WPS, save it "
              "again as .xlsx and import that file.")
MSG_NO_SHEET = QT_TRANSLATE_NOOP("import", "{file} has no sheet named {sheet}.")


class WorkbookError(RuleError):
    """A message in the "import" part of the catalogue about the workbook as a whole."""

    context = C


@dataclass
class Grid:
    """One sheet: its title and its rows of values, merged blocks filled with their value;
    ``hidden`` when Excel hides it (hidden or "very hidden")."""

    title: str
    rows: list[list]
    hidden: bool = False


def check_file(path) -> Path:
    """Refuse what must not reach openpyxl; returns the path. Raises WorkbookError."""
    p = Path(path)
    name = p.name
    if not p.is_file():
        raise WorkbookError(MSG_NO_FILE, file=str(p))
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookError(MSG_TOO_BIG, file=name, size=f"{size / 2**20:.0f}",
                            limit=MAX_FILE_BYTES // 2**20)
    with p.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise WorkbookError(MSG_ENCRYPTED, file=name)
    if not zipfile.is_zipfile(p):
        raise WorkbookError(MSG_NOT_WORKBOOK, file=name)
    try:
        with zipfile.ZipFile(p) as zf:
            _check_zip(zf, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as err:
        raise WorkbookError(MSG_DAMAGED, file=name, problem=type(err).__name__) from None
    return p


def _bomb(name: str, problem: str, **params) -> WorkbookError:
    from propdesk.i18n import translate

    return WorkbookError(MSG_BOMB, file=name, problem=translate(C, problem).format(**params))


def _check_zip(zf: zipfile.ZipFile, name: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _bomb(name, MSG_BOMB_ENTRIES, n=len(infos))
    if "[Content_Types].xml" not in zf.namelist():
        raise WorkbookError(MSG_NOT_WORKBOOK, file=name)
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise _bomb(name, MSG_BOMB_SIZE, limit=MAX_UNPACKED_BYTES // 2**20)
        if info.file_size > 100_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(name, MSG_BOMB_RATIO, part=info.filename,
                        ratio=info.file_size // max(info.compress_size, 1))
        if info.flag_bits & 0x1:
            raise WorkbookError(MSG_ENCRYPTED, file=name)
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as part:  # the prolog is at the start: 4 KB is plenty
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _bomb(name, MSG_BOMB_DTD, part=info.filename)
    cells = 0
    for info in infos:
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            cells += _count_cells(zf, info)
            if cells > MAX_CELLS:
                raise _bomb(name, MSG_BOMB_CELLS, sheet=info.filename, limit=MAX_CELLS)


def _count_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Cells (``<c ``) in a sheet's XML, read as a stream (the sizes are already bounded)."""
    count, tail = 0, b""
    with zf.open(info) as part:
        while chunk := part.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<c ") + data.count(b"<c>")
            tail = data[-2:]
            count -= tail.count(b"<c ") + tail.count(b"<c>")  # counted again with the next chunk
    return count + tail.count(b"<c ") + tail.count(b"<c>")


def read_grids(path, sheets: list[str] | None = None,
               should_cancel: Callable[[], bool] | None = None) -> list[Grid]:
    """Every sheet (or those named) as a :class:`Grid`. Raises WorkbookError for a file that
    is missing, not a workbook, encrypted, too large, a bomb or damaged."""
    p = check_file(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(p, data_only=True)
    except RuleError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser error of a foreign file is "damaged"
        log.info("cannot open %s: %r", p, err)
        raise WorkbookError(MSG_DAMAGED, file=p.name, problem=_problem(err)) from None
    try:
        titles = wb.sheetnames
        for wanted in sheets or []:
            if wanted not in titles:
                raise WorkbookError(MSG_NO_SHEET, file=p.name, sheet=wanted)
        grids, cells = [], 0
        for ws in (wb[t] for t in (sheets or titles)):
            if getattr(ws, "iter_rows", None) is None:
                continue  # a chart sheet
            cells += (ws.max_row or 0) * (ws.max_column or 0)
            if cells > MAX_CELLS:
                raise _bomb(p.name, MSG_BOMB_CELLS, sheet=ws.title, limit=MAX_CELLS)
            grids.append(Grid(ws.title, _grid(ws), ws.sheet_state != "visible"))
            if should_cancel and should_cancel():
                break
        return grids
    except RuleError:
        raise
    except Exception as err:  # noqa: BLE001 - any reader failure is a damaged-file message
        log.info("cannot read %s: %r", p, err)
        raise WorkbookError(MSG_DAMAGED, file=p.name, problem=_problem(err)) from None
    finally:
        wb.close()


def _problem(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {text[:120]}" if text else type(err).__name__


def _grid(ws) -> list[list]:
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    for rng in ws.merged_cells.ranges:  # every cell of a merged block gets the block's value
        if rng.min_row - 1 >= len(grid):
            continue
        value = grid[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                grid[r][c] = value
    return grid
