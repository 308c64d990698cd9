"""Where log lines go: every detail (INFO and up) into ``logs/propdesk.log`` in the data folder;
the console (the ``propdesk`` command) shows warnings and errors only."""
from __future__ import annotations

import logging
import logging.handlers
import sys
import tempfile
from pathlib import Path

from propdesk import config

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def fallback_dir() -> Path:
    """Where the log goes when the data folder cannot take it (a full or read-only disk)."""
    return Path(tempfile.gettempdir()) / "PropDesk-logs"


class FallbackFileHandler(logging.handlers.RotatingFileHandler):
    """The log file; when a line cannot be written there (disk full, folder gone or
    read-only), the log moves to the temporary folder and says so, and if that fails too the
    line is dropped: a log must never stop the program or print a traceback."""

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


def setup(console: bool = False) -> None:
    """(Re)install PropDesk's handlers on the root logger; calling it again replaces them."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "propdesk", False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    try:
        handler: logging.Handler = FallbackFileHandler(
            config.log_dir() / "propdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.propdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    except OSError:  # an unwritable data folder: the temporary folder takes the log
        try:
            fallback_dir().mkdir(parents=True, exist_ok=True)
            handler = FallbackFileHandler(fallback_dir() / "propdesk.log", maxBytes=2_000_000,
                                          backupCount=5, encoding="utf-8")
            handler.setFormatter(logging.Formatter(FORMAT))
            handler.propdesk = True  # type: ignore[attr-defined]
            root.addHandler(handler)
        except OSError:  # nowhere at all: the console still shows warnings and errors
            pass
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("propdesk: %(levelname)s: %(message)s"))
        stream.propdesk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
