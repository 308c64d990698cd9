"""The temporary files of long jobs, and what a killed job leaves behind.

An export (a register of 100,000 lines) or a backup (a copy of a 1.6 GB file) writes into a
hidden temporary file beside its target and renames it when it is whole, so a half-written file
never looks finished. A job killed midway (a power cut, the task manager, a shutdown that does
not wait) leaves that file behind: gigabytes, for a backup. Its name says which computer and
process wrote it (``.propdesk-HOST-PID-XXXXXXXX.ext``), so the next job into the same folder can
tell a leftover (this computer, a process that has ended; or untouched for a day) from a job
still running, here or on another desk sharing the folder, and removes only the leftover.
"""
from __future__ import annotations

import datetime as dt
import errno
import functools
import logging
import os
import re
import secrets
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

TEMP_PREFIX = ".propdesk-"
STALE_AFTER = dt.timedelta(days=1)  # a leftover whose owner cannot be asked (another computer)
_TEMP_NAME = re.compile(  # ours: .propdesk-HOST-PID-XXXXXXXX.ext; before: .propdesk-XXXXXXXX.ext
    r"\.propdesk-(?:(?P<host>[A-Za-z0-9_.]{0,40})-(?P<pid>[0-9]{1,10})-)?[A-Za-z0-9_]{8}"
    r"\.(?:pdf|xlsx|dump|db(?:-journal|-wal|-shm)?)",  # backups: SQLite's side files too
    re.ASCII)  # used with fullmatch: a trailing newline is no match


@functools.cache
def host() -> str:
    """This computer as it appears in a temporary file's name (no dashes: they part the
    fields): its name and, where the system has one, a piece of its machine id. Cloned desks
    often share a name ("ubuntu"), and a process of one is not a process of the other: a
    matching name alone would let one desk remove the other's running job."""
    import socket  # (not when the module is imported at start: issue 21)

    name = re.sub(r"[^A-Za-z0-9_.]", "_", socket.gethostname())[:27]
    for source in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            machine = Path(source).read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            continue
        if re.fullmatch(r"[0-9a-f]{12,}", machine):
            return f"{name}_{machine[:12]}"
    return name


def create_temp(folder: Path, suffix: str) -> Path:
    """A new, empty ``.propdesk-HOST-PID-XXXXXXXX`` file in ``folder`` (mode 0666 less the
    umask), its name telling a later job which computer and process it belongs to."""
    for _ in range(100):
        tmp = folder / f"{TEMP_PREFIX}{host()}-{os.getpid()}-{secrets.token_hex(4)}{suffix}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _alive(pid: int) -> bool:
    """Whether process ``pid`` of this computer still runs (unknown counts as running)."""
    if os.name != "posix":
        return True  # os.kill(pid, 0) would end the process on Windows; the age rule decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it runs
    return True


def is_stale(path: Path, now: float | None = None) -> bool:
    """Whether ``path`` is the temporary file of a job that can no longer finish: a name
    of ours, written on this computer by a process that has ended, or untouched for
    STALE_AFTER (from another computer sharing the folder, or from an older PropDesk)."""
    found = _TEMP_NAME.fullmatch(path.name)
    if not found:
        return False
    try:
        age = (now if now is not None else time.time()) - path.stat().st_mtime
        if age > STALE_AFTER.total_seconds():
            return True
        pid = found["pid"]
        return (pid is not None and found["host"] == host() and int(pid) != os.getpid()
                and not _alive(int(pid)))
    except Exception:  # noqa: BLE001 - a name that no process can have (pid 9999999999 ...):
        return False  # tidying up never fails a job


def remove_stale(folder, now: float | None = None) -> list[Path]:
    """Remove the leftovers of killed jobs in ``folder`` (see :func:`is_stale`); what
    cannot be listed or removed is left alone. Returns what was removed."""
    removed: list[Path] = []
    try:
        names = [p for p in Path(folder).iterdir() if p.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for path in names:
        if is_stale(path, now):
            try:
                path.unlink()
            except OSError:
                continue  # gone meanwhile, or still open somewhere (Windows)
            removed.append(path)
    return removed


# --- the folders this desk exported into, tidied at the program's next start -----------------------
# A killed export's file stays in a folder nobody may export into again. The desk remembers the
# folders its exports went to; each start of the program, the window's or a command's
# (:func:`tidy_at_start`), removes the leftovers there by :func:`remove_stale`'s rules and
# forgets the folders that are gone.

FOLDERS_FILE = "export-folders.txt"  # in the desk's data folder: one folder a line, newest first
KEEP_FOLDERS = 20
CLI_WAIT = 5.0  # seconds a command waits at its end for the tidying (a share that hangs)

_list_lock = threading.Lock()  # this process's writers of the list (another PropDesk: os.replace)


def _folders_file() -> Path:
    from propdesk import config

    return config.data_dir() / FOLDERS_FILE


def export_folders() -> list[Path]:
    """The folders this desk exported into lately, newest first (none when it never did)."""
    try:
        text = _folders_file().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [Path(line) for line in text.splitlines() if line.strip()][:KEEP_FOLDERS]


def _write_folders(lines: list[str]) -> None:
    path = _folders_file()
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        os.replace(tmp, path)  # whole or not at all, should two PropDesks write at once
    finally:
        tmp.unlink(missing_ok=True)


def remember_folder(folder) -> None:
    """Put ``folder`` first in this desk's list of export folders (at most KEEP_FOLDERS).
    Never fails an export: a list that cannot be written is only not kept."""
    name = os.path.abspath(folder)
    if "\n" in name or "\r" in name:
        return  # a line of its own could not hold it
    try:
        with _list_lock:
            known = export_folders()
            if known[:1] == [Path(name)]:
                return  # the usual case: the same folder as last time, nothing to write
            _write_folders([name] + [str(p) for p in known if p != Path(name)][:KEEP_FOLDERS - 1])
    except OSError:
        return


def is_gone(folder: Path) -> bool:
    """The folder is no longer there while the folder holding it is (deleted, renamed): a
    share or a USB disk that is not connected just now is not gone (its parent is missing
    too, or cannot be asked), nor is a folder that cannot be asked."""
    try:
        folder.stat()
        return not folder.is_dir()  # a file of that name now: no folder to tidy
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        return folder.parent != folder and folder.parent.is_dir()
    except OSError:
        return False


def tidy_export_folders() -> list[Path]:
    """Remove the leftovers of killed exports (:func:`remove_stale`'s rules: never a running
    export's file, never another desk's) in every folder this desk exported into lately, and
    forget the folders that are gone (:func:`is_gone`). Returns what was removed. A folder may
    be a network share that hangs: call this off the GUI thread."""
    removed: list[Path] = []
    folders = export_folders()
    gone = []
    for folder in folders:
        if is_gone(folder):
            gone.append(folder)
        else:
            removed += remove_stale(folder)
    if gone:
        try:
            with _list_lock:  # read again: an export may have put its folder first meanwhile
                _write_folders([str(p) for p in export_folders() if p not in gone])
        except OSError:
            pass  # kept for the next start
        log.info("forgot the export folders that are gone: %s", ", ".join(map(str, gone)))
    return removed


def tidy_at_start() -> threading.Thread:
    """:func:`tidy_export_folders` on a thread of its own, at each start of the program: the
    window's (a moment after it shows) and every command's (``propdesk export`` run by a
    scheduled job is where a killed export is most likely). A daemon: a share that hangs never
    holds up the program's end (a command waits for it at most :data:`CLI_WAIT`); removing
    files one by one leaves nothing half-done."""
    def run():
        try:
            for path in tidy_export_folders():
                log.info("removed the leftover of a killed export: %s", path)
        except Exception:  # tidying up never troubles the user
            log.exception("tidying the export folders failed")

    thread = threading.Thread(target=run, name="propdesk-tidy-exports", daemon=True)
    thread.start()
    return thread
