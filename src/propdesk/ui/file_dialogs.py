"""The open and save file dialogs: Qt's own, made readable where it is Qt's widget dialog.

Windows (the office's desks) shows the system's dialog and none of this applies. Where Qt draws
its own dialog (Linux without a desktop's dialog, a tryout under Xvfb), its details view showed
the modified date in the *system* locale, not the program's (``QFileSystemModel`` formats with
``QLocale::system()``: "2 12 2026 09:45" under ``LANG=C``), and cut the size ("120…KiB") and
type columns. ``get_save_file_name``/``get_open_file_name`` take the arguments of
``QFileDialog.getSaveFileName``/``getOpenFileName`` and call them; a zero timer set first
reaches the dialog once its event loop runs, and gives it dates as the program writes them
(2026-12-02 09:45) and columns wide enough for a size and a date. A system dialog is left as
it is.

**It never opens a file to tell its type.** Qt's own dialog asks its icon provider for each
file's type, and Qt's default provider reads the start of a file whose name does not say it
(propdesk.db, pd.pid): the dialog, shown on the data folder, opened and closed the office's open
database file in the program's own process. On Linux (POSIX locks) closing any descriptor of a
file drops every lock the process holds on it: SQLite's locks on the database went, the next
program to open and close the database (a CLI report, sqlite3) deleted its WAL, and the desk's
later saves went into the deleted file (seen in a supervisor's tryout: an approved quote and a
reopened complaint shown on screen, missing from the file). ``_NamesOnly`` gives the type from
the name alone, as the system dialogs do.

**A save dialog starts where that kind of file went last** (``save_file_name``): the folder
last saved into for a .xlsx or a .pdf on this desk (``desk.ini``: a desk's folders are its
own), else the Documents folder. It started in the same folder every time, and a clerk who
keeps the registers in D:\\台账 walked there for every export.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeDatabase, QStandardPaths, QTimer
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QFileIconProvider, QFileSystemModel, QStyledItemDelegate, QTreeView,
)

from propdesk.ui.desk_settings import desk_settings

SIZE, TYPE, DATE = 1, 2, 3  # the details view's columns after the name
SAMPLES = {SIZE: "1023.99 KiB", TYPE: "Excel 2007 电子表格", DATE: "2026-12-02 09:45"}


class _Dates(QStyledItemDelegate):
    """The modified date as the program writes dates, whatever the system's locale."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's method name
        super().initStyleOption(option, index)
        model = index.model()
        if index.column() == DATE and isinstance(model, QFileSystemModel):
            when = model.lastModified(index)
            if when.isValid():
                option.text = when.toString("yyyy-MM-dd HH:mm")


class _NamesOnly(QFileIconProvider):
    """A file's type from its name (its extension) alone, never from its content (see above)."""

    def __init__(self):
        super().__init__()
        self._mime = QMimeDatabase()

    def type(self, info) -> str:
        if info.isDir():
            return super().type(info)  # (a folder's type is known without reading anything)
        return self._mime.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchExtension).comment()


def tidy(dialog) -> bool:
    """Dates, column widths and types by name for Qt's own file dialog ``dialog``; False for
    anything else."""
    if not isinstance(dialog, QFileDialog):
        return False
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:
        return False
    dialog._names_only = _NamesOnly()  # (kept alive as long as the dialog)
    dialog.setIconProvider(dialog._names_only)
    dialog.setItemDelegate(_Dates(dialog))  # the dialog keeps it (its child)
    header, metrics = tree.header(), tree.fontMetrics()
    for column, sample in SAMPLES.items():
        header.resizeSection(column, max(header.sectionSize(column), metrics.horizontalAdvance(sample) + 16))
    return True


def _tidy_the_open_one() -> None:
    tidy(QApplication.activeModalWidget())


def get_save_file_name(*args, **kwargs) -> tuple[str, str]:
    QTimer.singleShot(0, _tidy_the_open_one)
    return QFileDialog.getSaveFileName(*args, **kwargs)


def get_open_file_name(*args, **kwargs) -> tuple[str, str]:
    QTimer.singleShot(0, _tidy_the_open_one)
    return QFileDialog.getOpenFileName(*args, **kwargs)


def documents_dir() -> Path:
    """Where files are offered to be saved: the Documents folder, or the home folder where there
    is none (a fresh Linux account has no ~/Documents; the save dialog then fell back to the
    folder the program was started from, e.g. the program's own folder)."""
    path = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(path) if path and Path(path).is_dir() else Path.home()


def _folder_key(name: str) -> str:
    return "folders/" + (Path(name).suffix.lstrip(".").lower() or "other")


def start_folder(name: str) -> Path:
    """Where a save dialog for the file ``name`` starts: the folder a file of its kind (its
    extension) was last saved into on this desk, while it is there; else Documents."""
    last = str(desk_settings().value(_folder_key(name), "") or "")
    return Path(last) if last and Path(last).is_dir() else documents_dir()


def save_file_name(parent, title: str, name: str, pattern: str) -> Path | None:
    """The save dialog for ``name`` (a file name, no folder), started in ``start_folder``; the
    folder chosen is remembered for that kind of file. None: cancelled."""
    path, _ = get_save_file_name(parent, title, str(start_folder(name) / name), pattern)
    if not path:
        return None
    settings = desk_settings()
    settings.setValue(_folder_key(name), str(Path(path).parent))
    settings.sync()
    return Path(path)
