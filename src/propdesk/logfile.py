"""Where log lines go: every detail (INFO and up) into ``logs/propdesk.log`` in the data folder;
the console (the ``propdesk`` command) shows warnings and errors only."""
from __future__ import annotations

import logging
import logging.handlers
import sys

from propdesk import config

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(console: bool = False) -> None:
    """(Re)install PropDesk's handlers on the root logger; calling it again replaces them."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "propdesk", False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            config.log_dir() / "propdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.propdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    except OSError:  # an unwritable data folder must not stop the program; the console still shows
        pass         # warnings and errors
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("propdesk: %(levelname)s: %(message)s"))
        stream.propdesk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
