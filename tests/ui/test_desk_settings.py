"""This desk's own settings (desk.ini in the data folder: the printer last used, each person's
list columns) are opened by one function in one place, ui.desk_settings; the printing and the
lists both keep to it."""
from pathlib import Path

from PySide6.QtGui import QStandardItemModel
from PySide6.QtPrintSupport import QPrinter

import propdesk
from propdesk import config
from propdesk.ui import desk_settings as desk, list_table, printing

SOURCE = Path(propdesk.__file__).parent


def test_the_desk_file_is_opened_in_one_place():
    naming = sorted(str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
                    if '"desk.ini"' in path.read_text(encoding="utf-8"))
    assert naming == ["ui/desk_settings.py"]  # printing.py and list_table.py each opened it
    assert printing.desk_settings is list_table.desk_settings is desk.desk_settings


def test_the_printer_and_the_columns_are_kept_in_the_desks_file(qtbot, office):
    class FakePrinter:
        def outputFormat(self):  # noqa: N802 - Qt's name
            return QPrinter.NativeFormat

        def printerName(self):  # noqa: N802 - Qt's name
            return "前台HP-M104"

    printing.remember_printer(FakePrinter())
    table = list_table.ListTable(QStandardItemModel(3, 4), (120, 120, 120), 0, name="complaints")
    qtbot.addWidget(table)
    table.choose_column("phone", True)  # the clerk shows a column that had given way
    settings = desk.desk_settings()
    assert Path(settings.fileName()) == config.data_dir() / "desk.ini"
    assert settings.value("printer/name") == "前台HP-M104"
    assert [settings.value(key) for key in settings.allKeys() if key.startswith("columns/")] == ["+phone"]
    # and each reads back what it kept
    assert printing.remembered_printer() == "前台HP-M104"
    later = list_table.ListTable(QStandardItemModel(3, 4), (120, 120, 120), 0, name="complaints")
    qtbot.addWidget(later)
    assert later.chosen_columns() == {"phone": True}
