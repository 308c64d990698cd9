"""Smoke test of the frozen PropDesk (the one-folder bundle the installer ships).

    python installer/smoke_test.py                    test dist/PropDesk
    python installer/smoke_test.py --build            build it first (installer/build.py --no-installer)
    python installer/smoke_test.py --bundle DIR --keep OUT --week 2026-W47

1. Layout: both programs, every file of the checkout's resources/ (translations .ts and .qm,
   fonts, icons, templates), Qt's platform plugins (offscreen; xcb on Linux, windows on Windows),
   image formats, styles (Windows) and Qt's Chinese translations.
2. Run, offscreen, with a fresh data folder (PROPDESK_HOME in a temporary folder): the version,
   the demo office (database created in the data folder), the complaint register to .xlsx and .pdf,
   the weekly report to .pdf and .xlsx, a backup, and the GUI: PROPDESK_SMOKE=1 builds the main
   window for the demo office's administrator and quits after one turn of the event loop.
3. Read the outputs back: Chinese labels from the catalogue, the same complaint numbers in Excel
   and PDF, every PDF font embedded, the version in the PDF footer.

Prints one line per step; exit code 0 when every check passed, 1 otherwise. Needs openpyxl and
pypdf in the Python that runs it (the venv with '.[test]'); the bundle itself needs nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import versioninfo  # noqa: E402

IS_WIN = sys.platform == "win32"
EXE = ".exe" if IS_WIN else ""
CJK = re.compile(r"[\u4e00-\u9fff]")

# Files the program loads by path; checked even when the checkout's resources/ is not at hand.
REQUIRED_RESOURCES = [
    "fonts/wqy-microhei.ttc",
    "fonts/LICENSE-wqy-microhei.txt",
    "translations/propdesk_zh_CN.ts",
    "translations/propdesk_zh_CN.qm",
    "icons/propdesk.ico",
    "icons/propdesk.png",
]
# Strings of the zh_CN catalogue that must appear in the outputs (a missing .ts shows English).
ZH_REGISTER_TITLE = "客户投诉记录本"
RARE = "𠀀𪚥䶮𬀩𡒄"  # Extension B, B, A, E (HanaMinA-ext) and B (HanaMinB-ext)
ZH_WEEKLY_TITLE = "业主投诉及意见每周统计"


class Smoke:
    def __init__(self, bundle: Path, out: Path, week: str | None):
        self.bundle = bundle
        self.out = out
        self.home = out / "home"
        self.week = week
        self.version = versioninfo.read_version()
        self.failures: list[str] = []

    # -- reporting ---------------------------------------------------------------------------
    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}{': ' + detail if detail else ''}", flush=True)
        if not ok:
            self.failures.append(what + (f": {detail}" if detail else ""))
        return ok

    # -- running the bundle ------------------------------------------------------------------
    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PROPDESK_DB", "PROPDESK_SMOKE", "PYTHONPATH", "PYTHONHOME")}
        env.update(PROPDESK_HOME=str(self.home), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
        # Commands that read or change the office's data sign in (the demo's administrator).
        env.update(PROPDESK_PASSWORD="admin123")
        env.update(extra)
        return env

    def run(self, exe: str, *args: str, **extra_env: str) -> subprocess.CompletedProcess | None:
        cmd = [str(self.bundle / (exe + EXE)), *args]
        shown = " ".join([exe, *args])
        started = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=self.out, env=self.env(**extra_env), capture_output=True,
                                  timeout=300)
        except (OSError, subprocess.TimeoutExpired) as err:
            self.check(False, shown, str(err))
            return None
        proc.stdout = proc.stdout.decode("utf-8", "replace")
        proc.stderr = proc.stderr.decode("utf-8", "replace")
        first = (proc.stdout.strip().splitlines() or [""])[0][:110]
        self.check(proc.returncode == 0, shown,
                   f"{time.monotonic() - started:.1f} s, exit {proc.returncode}, {first!r}"
                   + (f"\n      stderr: {proc.stderr.strip()[-1500:]}" if proc.returncode else ""))
        return proc if proc.returncode == 0 else None

    # -- 1. layout ---------------------------------------------------------------------------
    def contents(self) -> Path:
        inner = self.bundle / "_internal"  # PyInstaller >= 6; older ones put everything beside the exe
        return inner if inner.is_dir() else self.bundle

    def check_layout(self) -> None:
        print(f"layout of {self.bundle}", flush=True)
        for exe in ("propdesk", "propdesk-cli"):
            self.check((self.bundle / (exe + EXE)).is_file(), f"program {exe + EXE}")
        res = self.contents() / "propdesk" / "_resources"  # the package propdesk._resources
        wanted = set(REQUIRED_RESOURCES)
        source = ROOT / "resources"
        if source.is_dir():  # every file of the checkout's resources/ must be in the bundle
            wanted |= {p.relative_to(source).as_posix() for p in source.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts}
        missing = sorted(p for p in wanted if not (res / p).is_file())
        self.check(not missing, f"resources ({len(wanted)} files)",
                   "missing " + ", ".join(missing) if missing else "")
        qt = self.contents() / "PySide6"
        platforms = [d for d in qt.rglob("platforms") if d.is_dir()]
        names = " ".join(sorted(f.name for d in platforms for f in d.iterdir()))
        need = ["qoffscreen", "qwindows" if IS_WIN else ("qcocoa" if sys.platform == "darwin" else "qxcb")]
        for plugin in need:
            self.check(plugin in names, f"Qt platform plugin {plugin}", "" if plugin in names else names)
        for kind, plugin in (("imageformats", "qico"), ("imageformats", "qjpeg"),
                             ("iconengines", "qsvgicon")):
            found = any(plugin in f.name for d in qt.rglob(kind) if d.is_dir() for f in d.iterdir())
            self.check(found, f"Qt plugin {kind}/{plugin}")
        if IS_WIN:  # the native look (qmodernwindowsstyle / qwindowsvistastyle); built into Qt elsewhere
            styles = [f.name for d in qt.rglob("styles") if d.is_dir() for f in d.iterdir()]
            self.check(bool(styles), "Qt plugin styles", ", ".join(styles))
        qm = list(qt.rglob("qtbase_zh_CN.qm"))
        self.check(bool(qm), "Qt translation qtbase_zh_CN.qm (OK/Cancel in Chinese)")

    # -- 2. and 3. running and reading back ------------------------------------------------------
    def check_runs(self) -> None:
        print(f"runs in {self.out} (PROPDESK_HOME={self.home}, QT_QPA_PLATFORM=offscreen)", flush=True)
        proc = self.run("propdesk-cli", "--version")
        if proc:
            self.check(proc.stdout.strip() == f"PropDesk {self.version}", "version is __version__",
                       proc.stdout.strip())
        proc = self.run("propdesk", "--version")

        proc = self.run("propdesk-cli", "--lang", "zh_CN", "demo", "--complaints", "60")
        db = self.home / "propdesk.db"
        self.check(db.is_file() and db.stat().st_size > 100_000, "database in the data folder",
                   f"{db} ({db.stat().st_size // 1024} KB)" if db.is_file() else f"{db} missing")
        if proc is None:
            return

        today = dt.date.today()
        start, end = (today - dt.timedelta(days=90)).isoformat(), today.isoformat()
        # rare characters (Extension A/B/E) in a complainant's name: the shipped fallback fonts
        # (HanaMinA-ext, HanaMinB-ext) must print them from inside the bundle
        con = sqlite3.connect(db)
        with con:
            con.execute("UPDATE complaint SET complainant = ? WHERE id = (SELECT max(id) FROM complaint)",
                        (RARE,))
        con.close()
        for ext in ("xlsx", "pdf"):
            self.run("propdesk-cli", "--lang", "zh_CN", "--user", "admin", "export", "complaints", "--from", start,
                     "--to", end, "-o", f"complaints.{ext}")
        numbers = self.read_register_xlsx(self.out / "complaints.xlsx")
        text = self.read_pdf(self.out / "complaints.pdf")
        if text is not None:
            self.check(ZH_REGISTER_TITLE in text, f"register PDF title {ZH_REGISTER_TITLE}")
            flat = text.replace("\n", "")
            self.check(all(ch in flat for ch in RARE) and "□" not in flat,
                       f"register PDF prints {RARE} (fallback fonts)",
                       ", ".join(f"U+{ord(ch):X}" for ch in RARE if ch not in flat))
            absent = [n for n in numbers[:20] if n not in text]
            self.check(bool(numbers) and not absent, "register PDF lists the Excel's numbers",
                       f"{len(numbers)} numbers" + (f", missing {absent}" if absent else ""))

        week = self.week or "{}-W{:02d}".format(*(today - dt.timedelta(days=7)).isocalendar()[:2])
        for ext in ("pdf", "xlsx"):
            self.run("propdesk-cli", "--lang", "zh_CN", "--user", "admin", "report", "weekly", "--week", week,
                     "-o", f"weekly.{ext}")
        text = self.read_pdf(self.out / "weekly.pdf")
        if text is not None:
            self.check(ZH_WEEKLY_TITLE in text, f"weekly PDF title {ZH_WEEKLY_TITLE}")
        self.read_any_xlsx(self.out / "weekly.xlsx")

        self.run("propdesk-cli", "--user", "admin", "backup")
        backups = list((self.home / "backups").glob("*")) if (self.home / "backups").is_dir() else []
        self.check(bool(backups), "backup in the data folder's backups/",
                   ", ".join(p.name for p in backups))

        # The window: on Windows propdesk.exe has no console, so its line is read from propdesk-cli.
        gui = "propdesk-cli" if IS_WIN else "propdesk"
        proc = self.run(gui, "--lang", "zh_CN", PROPDESK_SMOKE="1")
        line = next((ln for ln in (proc.stdout.splitlines() if proc else []) if ln.startswith("ok ")), "")
        print(f"      smoke: {line}", flush=True)
        self.check(line.startswith("ok platform=offscreen icon=True"), "main window built (icon loaded)")
        tab = re.search(r"tab=(\S+)", line)
        self.check(bool(tab and CJK.search(tab.group(1))), "main window in Chinese (.qm loaded)",
                   tab.group(1) if tab else "")
        log = self.home / "logs" / "propdesk.log"
        self.check(log.is_file(), "log file in the data folder", str(log))

    def read_register_xlsx(self, path: Path) -> list[str]:
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True)
            ws = wb.worksheets[0]
            rows = list(ws.iter_rows(values_only=True))
            wb.close()
        except Exception as err:  # noqa: BLE001 - any failure to read is the finding
            self.check(False, f"read {path.name}", repr(err))
            return []
        header = next((r for r in rows if r and r[0] and CJK.search(str(r[0])) and len(
            [c for c in r if c]) > 5), None)
        self.check(ws.title == ZH_REGISTER_TITLE and header is not None,
                   f"{path.name} in Chinese", f"sheet {ws.title!r}, header {header[:4] if header else None}")
        numbers = [str(r[0]) for r in rows if r and str(r[0] or "").startswith("TS-")]
        self.check(len(numbers) >= 10, f"{path.name} complaint lines", str(len(numbers)))
        return numbers

    def read_any_xlsx(self, path: Path) -> None:
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True)
            cells = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r if c]
            wb.close()
        except Exception as err:  # noqa: BLE001
            self.check(False, f"read {path.name}", repr(err))
            return
        self.check(any(CJK.search(c) for c in cells), f"{path.name} readable, Chinese",
                   f"{len(cells)} cells")

    def read_pdf(self, path: Path) -> str | None:
        """The PDF's text; checks every font is embedded and the footer shows the version."""
        try:
            from pypdf import PdfReader

            reader = PdfReader(path)
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
            fonts: dict[str, bool] = {}
            for page in reader.pages:
                for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
                    font = font.get_object()
                    desc = font.get("/FontDescriptor")
                    if desc is None and "/DescendantFonts" in font:
                        desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                    desc = desc.get_object() if desc is not None else {}
                    fonts[str(font.get("/BaseFont"))] = any(
                        k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        except Exception as err:  # noqa: BLE001
            self.check(False, f"read {path.name}", repr(err))
            return None
        not_embedded = [name for name, emb in fonts.items() if not emb]
        self.check(bool(fonts) and not not_embedded, f"{path.name} fonts embedded",
                   f"{len(reader.pages)} pages, fonts {sorted(set(fonts))}"
                   + (f", NOT embedded {not_embedded}" if not_embedded else ""))
        self.check(bool(CJK.search(text)), f"{path.name} Chinese text extracts")
        self.check(f"PropDesk {self.version}" in text, f"{path.name} footer shows PropDesk {self.version}")
        return text


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle", default=str(ROOT / "dist" / "PropDesk"), help="the one-folder build")
    p.add_argument("--build", action="store_true", help="build the bundle first (installer/build.py)")
    p.add_argument("--keep", metavar="DIR", help="write the outputs and data folder here (kept)")
    p.add_argument("--week", metavar="YYYY-Www", help="week of the weekly report (default: last week)")
    p.add_argument("--layout-only", action="store_true", help="check the bundle's files, run nothing")
    args = p.parse_args(argv)

    bundle = Path(args.bundle).resolve()
    started = time.monotonic()
    if args.build:
        import build

        build.build_bundle(bundle.parent, ROOT / "build", clean=True)
    if not bundle.is_dir():
        print(f"no bundle at {bundle}: run python installer/build.py first", file=sys.stderr)
        return 1
    print(f"PropDesk smoke test: {bundle} ({folder_size(bundle) / 1e6:.0f} MB), "
          f"version {versioninfo.read_version()}", flush=True)
    out = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="propdesk-smoke-"))
    out.mkdir(parents=True, exist_ok=True)
    smoke = Smoke(bundle, out, args.week)
    try:
        smoke.check_layout()
        if not args.layout_only:
            smoke.check_runs()
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    took = time.monotonic() - started
    if smoke.failures:
        print(f"smoke test FAILED ({len(smoke.failures)}) in {took:.0f} s:", flush=True)
        for failure in smoke.failures:
            print(f"  - {failure}")
        return 1
    print(f"smoke test passed in {took:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
