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
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QFileSystemModel, QStyledItemDelegate, QTreeView,
)

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


def tidy(dialog) -> bool:
    """Dates and column widths for Qt's own file dialog ``dialog``; False for anything else."""
    if not isinstance(dialog, QFileDialog):
        return False
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:
        return False
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
