"""Qt's own dialogs speak the office's language: the file dialog and the print dialog."""
import re

from PySide6.QtCore import QFileInfo
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QFileDialog, QFileIconProvider, QLabel

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _texts(dialog):
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_the_save_dialog_has_no_english_label(qtbot, tmp_path):
    dialog = QFileDialog(None, "保存", str(tmp_path), "*.pdf")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    qtbot.addWidget(dialog)
    english = [t for t in _texts(dialog) if LATIN_WORD.search(t)]
    assert english == []
    assert "查找范围" in dialog.findChild(QLabel, "lookInLabel").text()
    assert "文件类型" in dialog.findChild(QLabel, "fileTypeLabel").text()
    # the Type column of a folder
    (tmp_path / "sub").mkdir()
    assert QFileIconProvider().type(QFileInfo(str(tmp_path / "sub"))) == "文件夹"


def test_the_print_dialog_has_no_english_label(qtbot):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    english = [t for t in _texts(dialog) if LATIN_WORD.search(t) and "PDF" not in t]
    assert english == []
    assert not any(LATIN_WORD.search(box.currentText() or "") and "PDF" not in box.currentText()
                   and "/" not in box.currentText() for box in dialog.findChildren(QComboBox)
                   if box.isVisibleTo(dialog))
