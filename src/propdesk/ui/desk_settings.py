"""This desk's own settings: ``desk.ini`` in PropDesk's data folder, for what belongs to the
computer rather than to the office's database (two desks have two printers and two screens):
the printer last used (``ui.printing``), the list columns each person chose to see on this
desk's screen (``ui.list_table``) and the folder each kind of file was last saved into
(``ui.file_dialogs``). Opened here only, so that all keep to one file."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from propdesk import config


def desk_settings() -> QSettings:
    """The desk's settings file, opened anew on each call (``sync()`` writes a change at once)."""
    return QSettings(str(config.data_dir() / "desk.ini"), QSettings.IniFormat)
