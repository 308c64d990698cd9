"""The database file's full check (SQLite's ``PRAGMA quick_check``, :func:`backup.diagnose`), and
the rule that a SQLite file is not written to before that check has passed in this session.

Why nothing is written first: a damaged file must be noticed before more goes into it. SQLite
writing into a damaged b-tree can spread the damage to pages that were still good, and whatever
the desk saves after the damage is lost again when the office goes back to the latest good
backup (the only cure, ``backup.restore_unusable``): a morning of complaints typed into a damaged
file is a morning typed twice. Reading is harmless, so the window may show before the check is
done; the first write waits for it (it is normally done long before anyone saves: ~10 ms for a
new office, ~1.6 s at the 256 MB limit), and once it found damage every write is refused with a
message that says what to do (start PropDesk again: it offers the latest good backup).

When the check runs:

* **At start, before sign-in**, when the last session on this desk did not close this file
  cleanly (a crash, a power cut, PropDesk killed: where damage comes from), or when the file
  changed since (another program, a copy put in its place, a schema upgrade due): as before,
  the damaged file is met with the offer to restore the latest good backup (``app.run_gui``).
* **Otherwise on a thread of its own**, started while the sign-in dialog is on screen (the person
  types meanwhile) or, at the latest, when the window shows; the start reads only the header
  and the schema (what :func:`backup.diagnose` reads for a file over its full-check limit). Disk
  faults between two clean sessions are found there, before the first write of the day.
* Every copy of the open database (the day's automatic one, "Back up now") is checked as well
  (``backup._copy``, with the same size limit): a copy that fails its check has the file itself
  checked, and damage found there stops the writes as above.

"Closed cleanly" is a small record in the data folder (:data:`RECORD`) written after the last
connection closed at exit: the file's path, size and modification time as that session left it.
It is removed when the next session starts (so a session that crashes leaves none), and not
written by a session that found damage (so the next start checks before sign-in and offers the
backup).
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

RECORD = "closed-cleanly.json"

MSG_DAMAGED = QT_TRANSLATE_NOOP(
    "rules", "Not saved: the database file {path} is damaged ({reason}). Nothing was saved, so that "
             "the damage does not spread; what you typed is kept. Close PropDesk and start it "
             "again: it offers to restore the latest good backup.")


class FileDamaged(RuleError):
    """The session's check found the database file damaged: nothing more is written to it."""


class _Check:
    """One session's check of one file. ``done`` is set when nothing is due or the check ended."""

    def __init__(self) -> None:
        self.location: str | None = None
        self.status: str | None = None
        self.reason = ""
        self.done = threading.Event()
        self.done.set()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.listeners: list[Callable[[str, str], None]] = []
        self.waiting = 0


_check = _Check()


def _record_path() -> Path:
    from propdesk import config

    return config.data_dir() / RECORD


def _fingerprint(location: str) -> dict | None:
    """What tells whether a file is still as a session left it (None: no such file): its size
    and modification time, and those of its write-ahead log (committed pages not yet in the
    file: SQLite moves them when the last connection closes, which may be after ours)."""
    try:
        st = os.stat(location)
    except OSError:
        return None
    try:
        wal = os.stat(f"{location}-wal")
        wal_state = [wal.st_size, wal.st_mtime_ns] if wal.st_size else None
    except OSError:
        wal_state = None
    return {"path": str(Path(location).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns,
            "wal": wal_state}


def take_clean_close(location: str) -> bool:
    """Whether the last session closed ``location`` cleanly and nothing changed it (nor its
    write-ahead log) since. The record is removed either way: this session writes its own when
    it closes cleanly."""
    path = _record_path()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    try:
        path.unlink()
    except OSError:
        log.warning("cannot remove %s", path)
        return False  # it could not say "crashed" next time: check now
    return saved == _fingerprint(location)


def note_clean_close(location: str) -> None:
    """The session is over and every connection to ``location`` is closed: the next start may
    leave the full check to a thread (unless this session found the file damaged)."""
    if _check.status in DAMAGED_STATES:
        return
    state = _fingerprint(location)
    if state is None:
        return
    try:
        _record_path().write_text(json.dumps(state), encoding="utf-8")
    except OSError:
        log.warning("cannot write %s: the next start checks the file before sign-in", RECORD)


# --- the session's check ------------------------------------------------------------------------

DAMAGED_STATES = ("damaged", "not_a_database")  # backup.DAMAGED, backup.NOT_A_DATABASE


def due(location: str) -> None:
    """The start left the full check of ``location`` to later: writes wait for it from now on."""
    with _check.lock:
        _check.location, _check.status, _check.reason = location, None, ""
        _check.thread = None
        _check.done.clear()
    log.info("%s was closed cleanly: its full check runs beside the sign-in", location)


def start() -> None:
    """Run the due check on a thread of its own (nothing happens if none is due or it runs)."""
    with _check.lock:
        if _check.done.is_set() or _check.thread is not None:
            return
        _check.thread = threading.Thread(target=_run, args=(_check.location,),
                                         name="propdesk-file-check", daemon=True)
        _check.thread.start()


def _run(location: str) -> None:
    from propdesk.services.core import backup

    check = _check
    started = time.monotonic()
    try:
        status, reason = backup.diagnose(location)
    except Exception as err:  # a check that could not run says nothing about the file
        log.exception("file check of %s failed", location)
        status, reason = "unreadable", str(err)
    log.info("file check of %s: %s (%.2f s)", location, status, time.monotonic() - started)
    found(location, status, reason, check)


def found(location: str, status: str, reason: str, check: _Check | None = None) -> None:
    """The result of a check of the open file (this module's, or a failed backup copy's)."""
    check = check or _check
    with check.lock:
        if check is not _check:  # a restore or a new session came in between: stale
            return
        check.status, check.reason = status, reason
        check.location = location
        listeners = list(check.listeners) if status in DAMAGED_STATES else []
    if status in DAMAGED_STATES:
        log.error("database %s is %s: %s; writes are refused", location, status, reason)
    elif status != "ok":  # busy or unreadable now: says nothing about the content
        log.warning("file check of %s: %s (%s)", location, status, reason)
    try:
        for listener in listeners:  # told before any waiting write goes on (and is refused)
            listener(status, reason)
    finally:
        check.done.set()


def when_damaged(listener: Callable[[str, str], None]) -> None:
    """``listener(status, reason)`` is called (on the checking thread) when damage is found."""
    with _check.lock:
        _check.listeners.append(listener)


def before_write() -> None:
    """Called by ``transaction()`` before a write: waits for a check still due or running (and
    starts it if nobody did yet), and refuses the write when it found damage."""
    check = _check
    if not check.done.is_set():
        start()
        with check.lock:
            check.waiting += 1
        try:
            check.done.wait()
        finally:
            with check.lock:
                check.waiting -= 1
        check = _check  # (a restore meanwhile: the restored content's)
    if check.status in DAMAGED_STATES:
        raise FileDamaged(MSG_DAMAGED, path=str(check.location), reason=check.reason)


def writers_waiting() -> int:
    """How many writes wait for the check now (tests)."""
    return _check.waiting


def damaged() -> bool:
    return _check.status in DAMAGED_STATES


def finish(timeout: float | None = None) -> bool:
    """Wait for a running check (the program ends); False if still running after ``timeout``."""
    thread = _check.thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True


def restored() -> None:
    """The open file's content was replaced by a checked backup: nothing is due or found any more
    (a check still running on the old content is disregarded)."""
    global _check
    old = _check
    with old.lock:
        _check = _Check()
        _check.listeners = old.listeners
    old.done.set()  # writes waiting for the old check go on, now into the restored content


def reset() -> None:
    """Nothing due, nothing found, nobody listening (a new session in the same process: tests)."""
    finish()
    global _check
    _check = _Check()
