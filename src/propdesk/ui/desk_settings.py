"""This desk's own settings: ``desk.ini`` in PropDesk's data folder, for what belongs to the
computer rather than to the office's database (two desks have two printers and two screens):
the printer last used (``ui.printing``) and the list columns each person chose to see on this
desk's screen (``ui.list_table``). Opened here only, so that both keep to one file."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from propdesk import config


def desk_settings() -> QSettings:
    """The desk's settings file, opened anew on each call (``sync()`` writes a change at once)."""
    return QSettings(str(config.data_dir() / "desk.ini"), QSettings.IniFormat)
