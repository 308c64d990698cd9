"""Build PropDesk for distribution: the one-folder bundle, and on Windows the setup file.

    python installer/build.py               bundle in dist/PropDesk/ (+ dist/PropDesk-<version>-setup.exe on Windows)
    python installer/build.py --no-installer    bundle only
    python installer/build.py --iscc "C:/path/ISCC.exe"

Steps: write the Windows version files (build/version_*.txt) from propdesk.__version__, run
PyInstaller with installer/propdesk.spec (work files in build/, the bundle in dist/PropDesk/),
then, on Windows, run Inno Setup's compiler (ISCC.exe) on installer/propdesk.iss if it is found
(--iscc, the ISCC environment variable, PATH, or the usual install folders).
Run it with the Python of the venv that has PropDesk and the "build" extra installed
(``pip install -e .[build]``). Exit code 0 when everything asked for was built.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import versioninfo  # noqa: E402

SPEC = HERE / "propdesk.spec"
ISS = HERE / "propdesk.iss"
BUNDLE_NAME = "PropDesk"


def find_iscc(explicit: str | None = None) -> Path | None:
    """Inno Setup 6's command-line compiler, or None."""
    for candidate in (explicit, os.environ.get("ISCC")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    on_path = shutil.which("iscc") or shutil.which("ISCC.exe")
    if on_path:
        return Path(on_path)
    roots = [os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
             os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")]
    for root in filter(None, roots):
        path = Path(root) / "Inno Setup 6" / "ISCC.exe"
        if path.is_file():
            return path
    return None


def find_chinese_isl(iscc: Path) -> Path | None:
    """The unofficial ChineseSimplified.isl, where propdesk.iss looks for it (same order)."""
    for path in (HERE / "languages" / "ChineseSimplified.isl",
                 iscc.parent / "Languages" / "ChineseSimplified.isl",
                 iscc.parent / "Languages" / "Unofficial" / "ChineseSimplified.isl"):
        if path.is_file():
            return path
    return None


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build_bundle(dist: Path, work: Path, clean: bool) -> Path:
    version = versioninfo.read_version()
    for name, description in versioninfo.EXECUTABLES:
        versioninfo.write_version_file(work / f"version_{name}.txt", name, description, version)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if clean:
        cmd.insert(3, "--clean")
    print(f"PropDesk {version}: {' '.join(cmd)}", flush=True)
    started = time.monotonic()
    subprocess.run(cmd, check=True, cwd=ROOT)
    bundle = dist / BUNDLE_NAME
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s",
          flush=True)
    return bundle


def build_installer(iscc: Path, bundle: Path, dist: Path) -> Path:
    version = versioninfo.read_version()
    numbers = ".".join(map(str, versioninfo.version_tuple(version)))
    cmd = [str(iscc), f"/DAppVersion={version}", f"/DAppVersionNumbers={numbers}",
           f"/DSourceDir={bundle}", f"/DOutputDir={dist}", str(ISS)]
    print(" ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=HERE)
    setup = dist / f"PropDesk-{version}-setup.exe"
    print(f"installer: {setup}", flush=True)
    return setup


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dist", default=str(ROOT / "dist"), help="where the bundle goes (default dist/)")
    p.add_argument("--work", default=str(ROOT / "build"), help="PyInstaller's work folder (default build/)")
    p.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's cache (faster rebuild)")
    p.add_argument("--no-installer", action="store_true", help="do not run Inno Setup")
    p.add_argument("--iscc", help="path of ISCC.exe (default: ISCC env var, PATH, Program Files)")
    args = p.parse_args(argv)

    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    want_setup = sys.platform == "win32" and not args.no_installer
    iscc = find_iscc(args.iscc) if want_setup else None
    if want_setup:  # say what is missing before the bundle's half-minute, not after
        if iscc is None:
            print("installer: ISCC.exe not found. Install Inno Setup 6.3+ (https://jrsoftware.org/isdl.php), "
                  "pass --iscc PATH, or use --no-installer for the bundle only.", file=sys.stderr)
            return 1
        if find_chinese_isl(iscc) is None:
            print("installer: ChineseSimplified.isl not found (an unofficial Inno Setup translation). "
                  "Download it from https://jrsoftware.org/files/istrans/ into installer\\languages\\ "
                  "and run again.", file=sys.stderr)
            return 1
    bundle = build_bundle(dist, work, clean=not args.no_clean)
    if not want_setup:
        if sys.platform != "win32" and not args.no_installer:
            print("installer: skipped (Inno Setup runs on Windows; the bundle above is what it packs)")
        return 0
    build_installer(iscc, bundle, dist)
    return 0

if __name__ == "__main__":
    sys.exit(main())
