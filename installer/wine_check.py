"""The Windows setup, compiled and exercised under Wine (what .ci/run does on Linux).

    python installer/wine_check.py                      build the program folder, then check
    python installer/wine_check.py --bundle dist/PropDesk --keep /tmp/wine-check

1. The program folder: PyInstaller's one-folder bundle (installer/build.py --no-installer, or
   --bundle DIR). On Linux it is a Linux bundle; its two programs are staged as propdesk.exe and
   propdesk-cli.exe, the names the setup script installs and links to. What is checked here is the
   setup script: files, shortcuts, the uninstall entry, upgrade, uninstall, the data folder.
2. Inno Setup's compiler: ISCC.exe from the npm package innosetup-compiler (--iscc, the ISCC
   variable, or `npm install` into a cache folder). It compiles installer/propdesk.iss against the
   staged folder; without the unofficial ChineseSimplified.isl the setup speaks English.
3. In a temporary WINEPREFIX (Windows 10, a private Xvfb display, a private HOME so that no
   shortcut or menu entry lands in the real one), with a data folder %LOCALAPPDATA%\\PropDesk
   holding a database, a backup and a log:
   - the setup runs silently (/VERYSILENT /SUPPRESSMSGBOXES): every file of the program folder is
     installed in %LOCALAPPDATA%\\Programs\\PropDesk, the Start-menu and desktop shortcuts point at
     propdesk.exe, the uninstall entry (HKCU ...\\Uninstall\\{AppId}_is1) names PropDesk and its
     version and the uninstaller;
   - the setup runs again (an upgrade): a file left in _internal by the "old version" is gone, the
     program is complete;
   - the uninstaller runs silently: program folder, shortcuts and uninstall entry are gone;
   - after every step the data folder is byte for byte what it was.

What only real Windows can check (README, "Installer (Windows)"): the frozen Windows build itself
(PyInstaller on Windows, the window on a real desktop), SmartScreen's question for an unsigned
setup, antivirus, the Restart Manager closing a running PropDesk, per-user install without
administrator rights under UAC.

Robust headless (CI=true, no stdin, root): every external step has a timeout, every Wine process
is stopped at the end. Exit code 0 when every check passed, 1 when one failed or a tool is missing
(the message says which), with one line per check and the time of each step.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import versioninfo  # noqa: E402

ISS = HERE / "propdesk.iss"
APP_ID = "{A429A82F-28EA-4B73-B2F0-8083AB90A659}"  # propdesk.iss [Setup] AppId
UNINSTALL_KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
INNOSETUP_NPM = "innosetup-compiler@6.3.1"  # ships ISCC.exe of Inno Setup 6.3.1
PROGRAMS = ("propdesk", "propdesk-cli")


class CheckFailed(Exception):
    pass


class WineCheck:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="propdesk-wine-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.deadline = time.monotonic() + args.timeout
        self.failures: list[str] = []
        self.passed = 0
        self.version = versioninfo.read_version()
        self.xvfb: subprocess.Popen | None = None
        self.env: dict[str, str] = {}

    # -- reporting ---------------------------------------------------------------------------
    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}{': ' + detail if detail else ''}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failures.append(what + (f": {detail}" if detail else ""))
        return ok

    def require(self, ok: bool, what: str, detail: str = "") -> None:
        """A check the later steps depend on: stop here if it failed."""
        if not self.check(ok, what, detail):
            raise CheckFailed(what)

    # -- running things ----------------------------------------------------------------------
    def left(self, wanted: float) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 5:
            raise CheckFailed(f"out of time (--timeout {self.args.timeout} s)")
        return min(wanted, remaining)

    def run(self, cmd: list, what: str, timeout: float = 300, env: dict | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
        started = time.monotonic()
        try:
            proc = subprocess.run([str(c) for c in cmd], env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=self.left(timeout))
        except subprocess.TimeoutExpired:
            self.stop_wine()
            raise CheckFailed(f"{what}: no answer within {timeout:.0f} s") from None
        except OSError as err:
            raise CheckFailed(f"{what}: {err}") from None
        proc.stdout = proc.stdout.decode("utf-8", "replace")
        proc.stderr = proc.stderr.decode("utf-8", "replace")
        if check and proc.returncode != 0:
            tail = (proc.stdout.strip() + "\n" + proc.stderr.strip()).strip()[-3000:]
            raise CheckFailed(f"{what}: exit {proc.returncode}\n{tail}")
        print(f"  {what} ({time.monotonic() - started:.1f} s)", flush=True)
        return proc

    def wine(self, *args, what: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess:
        proc = self.run(["wine", *args], what, timeout, env=self.env, check=check)
        self.wait_wine(what)
        return proc

    def wait_wine(self, what: str) -> None:
        """Programs such as the uninstaller hand over to a copy of themselves and return at once:
        wait until every process of the prefix has ended."""
        try:
            subprocess.run(["wineserver", "-w"], env=self.env, stdin=subprocess.DEVNULL,
                           timeout=self.left(180), check=False)
        except subprocess.TimeoutExpired:
            self.stop_wine()
            raise CheckFailed(f"{what}: Wine processes still running after 180 s") from None

    def stop_wine(self) -> None:
        if self.env:
            subprocess.run(["wineserver", "-k"], env=self.env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=60, check=False)

    def unix(self, windows_path: str) -> Path:
        if windows_path[:3].upper() == "C:\\":  # drive C: is the prefix's drive_c (no Wine start-up)
            return Path(self.env["WINEPREFIX"], "drive_c", *windows_path[3:].split("\\"))
        out = self.run(["winepath", "-u", windows_path], f"winepath {windows_path}", 60, env=self.env)
        return Path(out.stdout.strip())

    @staticmethod
    def windows(path: Path) -> str:
        """A Unix path as Wine's Z: drive (the whole file system) shows it."""
        return "Z:" + str(Path(path).resolve()).replace("/", "\\")

    @functools.cache
    def shell_folder_windows(self, variable: str) -> str:
        """%LOCALAPPDATA% and friends as the setup sees them (C:\\users\\...)."""
        out = self.run(["wine", "cmd", "/c", f"echo %{variable}%"], f"%{variable}%", 120, env=self.env)
        value = (out.stdout.strip().splitlines() or [""])[-1].strip()
        self.require(bool(value) and "%" not in value, f"%{variable}% in the prefix", value)
        return value

    def shell_folder(self, variable: str) -> Path:
        return self.unix(self.shell_folder_windows(variable))

    # -- steps -------------------------------------------------------------------------------
    def tools(self) -> None:
        print("tools", flush=True)
        missing = [t for t in ("wine", "wineserver", "winepath", "Xvfb") if shutil.which(t) is None]
        self.require(not missing, "wine, wineserver, winepath, Xvfb on PATH",
                     "missing " + ", ".join(missing) + " (Debian: dpkg --add-architecture i386; "
                     "apt-get install wine wine32 wine64 xvfb; see .ci/run)" if missing else "")
        version = self.run(["wine", "--version"], "wine --version", 60).stdout.strip()
        self.check(True, "Wine", version)

    def bundle(self) -> Path:
        print("program folder", flush=True)
        if self.args.bundle:
            bundle = Path(self.args.bundle).resolve()
        else:
            self.run([sys.executable, HERE / "build.py", "--no-installer", "--dist", self.work / "dist",
                      "--work", self.work / "build"], "PyInstaller bundle (installer/build.py)", 1200)
            bundle = self.work / "dist" / "PropDesk"
        names = [p + ".exe" for p in PROGRAMS]
        has = [(bundle / n).is_file() or (bundle / n[:-4]).is_file() for n in names]
        self.require(bundle.is_dir() and all(has), f"program folder {bundle}")
        stage = self.work / "stage" / "PropDesk"
        if stage.exists():
            shutil.rmtree(stage)
        shutil.copytree(bundle, stage, symlinks=True, copy_function=_link_or_copy)
        for name in PROGRAMS:  # the Linux bundle's programs under the names the setup installs
            if not (stage / f"{name}.exe").exists():
                (stage / name).rename(stage / f"{name}.exe")
        files = _files(stage)
        self.check(True, "staged", f"{len(files)} files, {sum(files.values()) >> 20} MB")
        return stage

    def iscc(self) -> Path:
        print("Inno Setup compiler", flush=True)
        given = self.args.iscc or os.environ.get("ISCC")
        if given:
            path = Path(given)
        else:
            cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "propdesk-ci" / "innosetup"
            path = cache / "node_modules" / "innosetup-compiler" / "bin" / "ISCC.exe"
            if not path.is_file():
                self.require(shutil.which("npm") is not None, "npm on PATH (for innosetup-compiler)")
                cache.mkdir(parents=True, exist_ok=True)
                self.run(["npm", "install", "--prefix", cache, "--no-audit", "--no-fund", "--no-save",
                          "--loglevel=error", INNOSETUP_NPM], f"npm install {INNOSETUP_NPM}", 600)
        self.require(path.is_file(), "ISCC.exe", str(path))
        return path

    def prefix(self) -> None:
        print("Wine prefix", flush=True)
        home = self.work / "home"  # Wine links Desktop, Documents ... to $HOME/...: keep them here
        home.mkdir(exist_ok=True)
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("WINE", "PROPDESK_", "DISPLAY", "XAUTHORITY"))}
        self.env.update(WINEPREFIX=str(self.work / "prefix"), WINEARCH="win64", WINEDEBUG="-all",
                        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                        XDG_DATA_HOME=str(home / ".local" / "share"),
                        # no Mono/Gecko download dialogs; no menu entries in the real desktop
                        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
                        DISPLAY=self.start_xvfb())
        self.wine("wineboot", "--init", what="wineboot --init", timeout=600)
        z_drive = Path(self.env["WINEPREFIX"], "dosdevices", "z:")
        self.require(os.path.realpath(z_drive) == "/", "drive Z: is the file system's root", str(z_drive))
        self.wine("winecfg", "-v", "win10", what="Windows 10 (the setup's MinVersion)", timeout=120)
        ver = self.run(["wine", "cmd", "/c", "ver"], "ver", 120, env=self.env).stdout.strip()
        self.check("10.0" in ver, "prefix reports Windows 10", ver)

    def start_xvfb(self) -> str:
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp",
                                      "-screen", "0", "1024x768x24"], pass_fds=(write,),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(write)
        number = b""
        end = time.monotonic() + 30
        while not number.endswith(b"\n") and time.monotonic() < end:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        self.require(number.strip().isdigit(), "Xvfb display", number.decode(errors="replace").strip())
        return f":{number.decode().strip()}"

    def compile(self, stage: Path, iscc: Path) -> Path:
        print("compile installer/propdesk.iss", flush=True)
        out = self.work / "setup"
        out.mkdir(exist_ok=True)
        numbers = ".".join((self.version.split(".") + ["0"] * 4)[:4])
        proc = self.wine(iscc, f"/DSourceDir={self.windows(stage)}", f"/DOutputDir={self.windows(out)}",
                         f"/DAppVersion={self.version}", f"/DAppVersionNumbers={numbers}",
                         f"/DCompression={self.args.compression}", self.windows(ISS),
                         what=f"ISCC.exe (Compression={self.args.compression})", timeout=1200, check=False)
        log = (proc.stdout + proc.stderr).strip()
        for line in log.splitlines():
            if re.search(r"\b(warning|error)\b:", line, re.IGNORECASE):
                print(f"    ISCC: {line.strip()}", flush=True)
        setup = out / f"PropDesk-{self.version}-setup.exe"
        self.require(proc.returncode == 0 and setup.is_file(), f"setup file {setup.name}",
                     f"{setup.stat().st_size >> 20} MB" if setup.is_file() else log[-3000:])
        return setup

    def data_folder(self) -> tuple[Path, dict]:
        local = self.shell_folder("LOCALAPPDATA")
        data = local / "PropDesk"
        (data / "backups").mkdir(parents=True, exist_ok=True)
        (data / "logs").mkdir(exist_ok=True)
        (data / "propdesk.db").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
        (data / "backups" / "propdesk-20261130-220000.db").write_bytes(os.urandom(2048))
        (data / "logs" / "propdesk.log").write_text("2026-11-30 22:00:00 INFO office data\n", encoding="utf-8")
        return data, _digest(data)

    def setup(self, setup: Path, what: str, log_name: str) -> None:
        log = self.work / log_name
        proc = self.wine(setup, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/SP-",
                         f"/LOG={self.windows(log)}", what=what, timeout=900, check=False)
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        self.require(proc.returncode == 0 and "Installation process succeeded" in text,
                     f"{what}: exit 0, log says it succeeded",
                     "" if proc.returncode == 0 else f"exit {proc.returncode}; log: {text[-2000:]}")

    def installed(self, app: Path, stage: Path) -> None:
        wanted, got = _files(stage), _files(app) if app.is_dir() else {}
        missing = sorted(p for p in wanted if p not in got)
        differ = sorted(p for p in wanted if p in got and got[p] != wanted[p])
        self.check(not missing and not differ, f"program files in {app.name}\\ ({len(wanted)})",
                   (f"missing {missing[:5]}" if missing else "") + (f" differ {differ[:5]}" if differ else ""))
        self.check((app / "unins000.exe").is_file() and (app / "unins000.dat").is_file(),
                   "uninstaller unins000.exe beside the program")

    def shortcuts(self) -> list[Path]:
        programs = self.shell_folder("APPDATA") / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        desktop = self.shell_folder("USERPROFILE") / "Desktop"
        return [programs / "PropDesk.lnk", desktop / "PropDesk.lnk"]

    def check_shortcuts(self, links: list[Path], app_windows: str) -> None:
        for link in links:
            if self.check(link.is_file(), f"shortcut {link.parent.name}\\{link.name}"):
                data = link.read_bytes().lower()  # the target path, in ANSI and/or UTF-16
                target = (app_windows.rstrip("\\") + "\\propdesk.exe").lower()
                self.check(target.encode("utf-16-le") in data or target.encode("latin-1", "replace") in data,
                           f"{link.parent.name}\\{link.name} starts {target}")

    def registry(self) -> dict[str, str]:
        proc = self.run(["wine", "reg", "query", UNINSTALL_KEY], "reg query (uninstall entry)", 120,
                        env=self.env, check=False)
        values = {}
        for line in proc.stdout.splitlines():  # "    DisplayName    REG_SZ    PropDesk 0.1.0"
            name, found, rest = line.strip().partition("    REG_")
            if found:
                values[name.strip()] = rest.partition("    ")[2].strip()
        return values if proc.returncode == 0 else {}

    def check_registry(self, app_windows: str) -> None:
        values = self.registry()
        if not self.check(bool(values), "uninstall entry", UNINSTALL_KEY):
            return
        self.check(values.get("DisplayName") == f"PropDesk {self.version}", "entry DisplayName",
                   values.get("DisplayName", ""))
        self.check(values.get("DisplayVersion") == self.version, "entry DisplayVersion",
                   values.get("DisplayVersion", ""))
        uninstall = values.get("UninstallString", "")
        self.check(uninstall.strip('"').lower() == (app_windows.rstrip("\\") + "\\unins000.exe").lower(),
                   "entry UninstallString is the uninstaller", uninstall)
        self.check(values.get("InstallLocation", "").rstrip("\\").lower() == app_windows.rstrip("\\").lower(),
                   "entry InstallLocation", values.get("InstallLocation", ""))

    def data_untouched(self, data: Path, before: dict, when: str) -> None:
        after = _digest(data) if data.is_dir() else {}
        self.check(after == before, f"data folder untouched {when}",
                   "" if after == before else f"before {sorted(before)}, after {sorted(after)}")

    # -- the whole check -----------------------------------------------------------------------
    def main(self) -> int:
        started = time.monotonic()
        print(f"PropDesk {self.version}: the Windows setup under Wine (work folder {self.work})", flush=True)
        try:
            self.tools()
            stage = self.bundle()
            iscc = self.iscc()
            self.prefix()
            setup = self.compile(stage, iscc)

            print("install", flush=True)
            data, before = self.data_folder()
            app = self.shell_folder("LOCALAPPDATA") / "Programs" / "PropDesk"
            app_windows = self.shell_folder_windows("LOCALAPPDATA") + "\\Programs\\PropDesk"
            self.setup(setup, "setup /VERYSILENT", "install.log")
            self.installed(app, stage)
            links = self.shortcuts()
            self.check_shortcuts(links, app_windows)
            self.check_registry(app_windows)
            self.data_untouched(data, before, "after install")

            print("upgrade (the same setup again)", flush=True)
            stale = app / "_internal" / "left-by-the-old-version.txt"
            stale.write_text("old", encoding="utf-8")
            self.setup(setup, "setup /VERYSILENT again", "upgrade.log")
            self.check(not stale.exists(), "old program files removed ([InstallDelete] _internal)")
            self.installed(app, stage)
            self.data_untouched(data, before, "after upgrade")

            print("uninstall", flush=True)
            uninstaller = self.registry().get("UninstallString", "").strip('"') or f"{app_windows}\\unins000.exe"
            proc = self.wine(uninstaller, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                             what="unins000.exe /VERYSILENT", timeout=600, check=False)
            self.check(proc.returncode == 0, "uninstaller exit 0", str(proc.returncode))
            leftovers = sorted(p.relative_to(app).as_posix() for p in app.rglob("*")) if app.exists() else []
            self.check(not leftovers, "program folder removed", ", ".join(leftovers[:5]))
            for link in links:
                self.check(not link.exists(), f"shortcut {link.parent.name}\\{link.name} removed")
            self.check(not self.registry(), "uninstall entry removed")
            self.data_untouched(data, before, "after uninstall")
        except CheckFailed as err:
            self.failures.append(str(err))
            print(f"  [FAIL] {err}", flush=True)
        finally:
            self.stop_wine()
            if self.xvfb is not None:
                os.killpg(self.xvfb.pid, signal.SIGTERM)
                try:
                    self.xvfb.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.xvfb.pid, signal.SIGKILL)
            if not self.args.keep:
                shutil.rmtree(self.work, ignore_errors=True)
        took = time.monotonic() - started
        if self.failures:
            print(f"wine check FAILED after {took:.0f} s:", flush=True)
            for failure in self.failures:
                print(f"  - {failure}", flush=True)
        else:
            print(f"wine check passed in {took:.0f} s", flush=True)
        print(f"wine_check: {self.passed} passed, {len(self.failures)} failed", flush=True)
        return 1 if self.failures else 0


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _files(folder: Path) -> dict[str, int]:
    """{relative path: size} of every file below ``folder``."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle", help="an existing program folder (default: build one)")
    p.add_argument("--iscc", help="ISCC.exe (default: the ISCC variable, or npm install innosetup-compiler)")
    p.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (prefix, logs, setup file)")
    p.add_argument("--compression", default="lzma2/fast",
                   help="Inno Setup Compression for this check (default lzma2/fast; a release uses lzma2/max)")
    p.add_argument("--timeout", type=int, default=1800, help="the whole check's limit in seconds (default 1800)")
    return WineCheck(p.parse_args(argv)).main()


if __name__ == "__main__":
    sys.exit(main())
