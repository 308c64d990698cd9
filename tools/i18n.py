"""Keep the zh_CN catalogue complete.

    python tools/i18n.py update     # pyside6-lupdate: collect every source string into the .ts
    python tools/i18n.py fill       # copy translations from glossary_zh_CN.tsv into unfinished entries
    python tools/i18n.py release    # pyside6-lrelease: compile the .qm the GUI loads
    python tools/i18n.py check      # list what is still unfinished (exit 1 if any)
    python tools/i18n.py all        # update, fill, release, check

Every file is written beside its target under a hidden temporary name and renamed over it
(``os.replace``) when whole: a running PropDesk has the .qm memory-mapped (QTranslator maps the
file on Unix), and a file rewritten in place changed the running window's language under it
(headers turned English); the rename leaves it the old file, the next start reads the new one.

The glossary (``resources/translations/glossary_zh_CN.tsv``: context<TAB>source<TAB>translation,
context ``*`` for any) is where translators work; Qt Linguist on the .ts works too. Further
glossaries beside it (``glossary_zh_CN.*.tsv``, same columns) are read after it, so that work on
one part of the program adds its own file instead of everyone appending to one.
"""
from __future__ import annotations

import contextlib
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "propdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
GLOSSARY = TS.parent / "glossary_zh_CN.tsv"


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


@contextlib.contextmanager
def replacing(target: Path):
    """Yield a temporary path in ``target``'s folder (same suffix, which Qt's tools read the
    format from) to write; when the block ends without an error, rename it over ``target``
    (the old file's readers keep the old inode), else remove it. The file gets the old
    target's permissions, or the usual ones (0666 less the umask)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=target.suffix)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if target.exists():
            mode = target.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py"))
    with replacing(TS) as temp:
        shutil.copyfile(TS, temp)  # lupdate merges into what the catalogue already holds
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                        "-ts", str(temp.relative_to(ROOT))], check=True, cwd=ROOT)


def _glossary() -> dict[tuple[str, str], str]:
    table = {}
    for path in [GLOSSARY, *sorted(GLOSSARY.parent.glob("glossary_zh_CN.*.tsv"))]:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) == 3 and not row[0].startswith("#"):
                    table[(row[0], row[1].replace("\\n", "\n"))] = row[2].replace("\\n", "\n")
    return table


def fill() -> int:
    glossary = _glossary()
    tree = ET.parse(TS)
    filled = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            text = glossary.get((name, source)) or glossary.get(("*", source))
            if text and (tr.get("type") == "unfinished" or tr.text != text):
                tr.text = text
                tr.attrib.pop("type", None)
                filled += 1
    with replacing(TS) as temp:
        tree.write(temp, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished() -> list[tuple[str, str]]:
    missing = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr.get("type") == "unfinished" or not (tr.text or "").strip():
                missing.append((ctx.findtext("name"), msg.findtext("source")))
    return missing


def release(target: Path = QM, source: Path = TS) -> None:
    """Compile ``source`` into ``target``, renamed over it when whole (see the module's note)."""
    with replacing(Path(target)) as temp:
        subprocess.run([_tool("pyside6-lrelease"), str(source), "-qm", str(temp)], check=True,
                       capture_output=True)


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "all"
    if cmd in ("update", "all"):
        update()
    if cmd in ("fill", "all"):
        print(f"filled {fill()} translations")
    if cmd in ("release", "all"):
        release()
    if cmd in ("check", "all"):
        missing = unfinished()
        for ctx, source in missing:
            print(f"unfinished\t{ctx}\t{source}")
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
