"""Where log lines go: every detail (INFO and up) into ``logs/propdesk.log`` in the data folder;
the console (the ``propdesk`` command) shows warnings and errors only.

The file is kept to ``MAX_BYTES`` in ``BACKUPS + 1`` files by the standard library's rotating
handler. The window's start does not wait for its module (``logging.handlers`` brings
``socket``, ``pickle`` and ``queue``: ~5 ms before the window shows): ``setup(rotate=False)``
writes to the same file through a plain file handler, and ``setup()`` after the window shows
(``app.run_gui``) puts the rotating one in its place, which rolls the file over when it is due.
"""
from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from propdesk import config

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES, BACKUPS = 2_000_000, 5


def fallback_dir() -> Path:
    """Where the log goes when the data folder cannot take it (a full or read-only disk)."""
    return Path(tempfile.gettempdir()) / "PropDesk-logs"


class FallbackFile:
    """The log file; when a line cannot be written there (disk full, folder gone or
    read-only), the log moves to the temporary folder and says so, and if that fails too the
    line is dropped: a log must never stop the program or print a traceback. (Mixed into a
    ``logging.FileHandler``: the plain one at start, the rotating one after.)"""

    moved = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if self.moved:
            return  # already in the fallback place: drop the line quietly
        self.moved = True
        try:
            old = self.baseFilename
            if self.stream:
                try:
                    self.stream.close()
                except OSError:
                    pass
                self.stream = None
            folder = fallback_dir()
            folder.mkdir(parents=True, exist_ok=True)
            self.baseFilename = str(folder / "propdesk.log")
            self.stream = self._open()
            note = logging.LogRecord(__name__, logging.WARNING, __file__, 0,
                                     "log moved here: %s could not be written (disk full or "
                                     "read-only)", (old,), None)
            self.stream.write(self.format(note) + self.terminator)
            self.stream.write(self.format(record) + self.terminator)
            self.stream.flush()
        except Exception:  # noqa: BLE001 - nowhere to log: the line is dropped, the program goes on
            self.stream = None


class EarlyFileHandler(FallbackFile, logging.FileHandler):
    """The log file until the window shows (no rotation: see the module's docstring)."""


_rotating: type | None = None


def rotating_handler_class() -> type:
    """``FallbackFile`` on the standard library's rotating handler (imported on first use)."""
    global _rotating
    if _rotating is None:
        import logging.handlers

        class FallbackFileHandler(FallbackFile, logging.handlers.RotatingFileHandler):
            pass

        _rotating = FallbackFileHandler
    return _rotating


def __getattr__(name: str):
    if name == "FallbackFileHandler":  # the rotating handler's class, as before
        return rotating_handler_class()
    raise AttributeError(name)


def _file_handler(path: Path, rotate: bool) -> logging.Handler:
    if rotate:
        return rotating_handler_class()(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    return EarlyFileHandler(path, encoding="utf-8")


class _ConsoleFormatter(logging.Formatter):
    """The console's line without the traceback: a user of the command reads what went wrong
    in words (the command's own message follows); the traceback is in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        bare = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None,
                                      "stack_info": None})
        return super().format(bare)


def setup(console: bool = False, rotate: bool = True) -> None:
    """(Re)install PropDesk's handlers on the root logger; calling it again replaces them.
    ``rotate=False``: the plain file handler, until ``setup()`` is called again.

    The new handlers are made first and put in the old ones' place in one step: threads log
    while the window's start calls this again (the export folders' tidying, the start-of-day
    copy), and a line logged between taking the old handlers off and putting the new ones on
    was lost."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    new: list[logging.Handler] = []
    try:
        new.append(_file_handler(config.log_dir() / "propdesk.log", rotate))
    except OSError:  # an unwritable data folder: the temporary folder takes the log
        try:
            fallback_dir().mkdir(parents=True, exist_ok=True)
            new.append(_file_handler(fallback_dir() / "propdesk.log", rotate))
        except OSError:  # nowhere at all: the console still shows warnings and errors
            pass
    for handler in new:
        handler.setFormatter(logging.Formatter(FORMAT))
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(_ConsoleFormatter("propdesk: %(levelname)s: %(message)s"))
        new.append(stream)
    for handler in new:
        handler.propdesk = True  # type: ignore[attr-defined]
    old = [h for h in root.handlers if getattr(h, "propdesk", False)]
    # one assignment: a thread logging meanwhile reads either list whole, never neither
    root.handlers = [h for h in root.handlers if h not in old] + new
    for handler in old:
        handler.close()
