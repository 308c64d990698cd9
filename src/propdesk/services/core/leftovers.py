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
import os
import re
import secrets
import socket
import time
from pathlib import Path

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
