"""Qt's own dialogs speak the office's language: the file dialog and the print dialog."""
import re

from PySide6.QtCore import QFileInfo
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QFileIconProvider, QLabel

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


def test_qts_own_save_dialog_writes_dates_as_the_program_does_and_shows_the_size_whole(qtbot, tmp_path):
    """Qt's own file dialog (where the system has none of its own) showed the modified date in
    the system's locale ("2 12 2026 09:45" under LANG=C, whatever the program's language) and
    cut the size column ("120…KiB")."""
    import datetime as dt
    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QStyleOptionViewItem, QTreeView

    from propdesk.ui import file_dialogs

    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "投诉登记簿_2026-11.xlsx"
    old.write_bytes(b"x" * 123456)
    stamp = dt.datetime(2026, 12, 2, 9, 45).timestamp()
    os.utime(old, (stamp, stamp))
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 1)
        date = model.index(0, 3, tree.rootIndex())
        option = QStyleOptionViewItem()
        tree.itemDelegateForIndex(date).initStyleOption(option, date)
        seen["date"] = option.text
        size = model.index(0, 1, tree.rootIndex())
        # the text and the cell's margins (a guard: Qt's default here is 89 px, wide enough; in a
        # 700 px dialog under Xvfb it was 63 px and showed "120…KiB")
        seen["size fits"] = (tree.fontMetrics().horizontalAdvance(size.data()) + 16
                             <= tree.header().sectionSize(1))
        dialog.reject()
    QTimer.singleShot(50, look)
    assert file_dialogs.get_save_file_name(None, "另存为", str(folder / "新.xlsx"), "*.xlsx") == ("", "")
    assert seen == {"date": "2026-12-02 09:45", "size fits": True}


def test_a_test_that_replaces_the_dialog_is_not_disturbed(qtbot, monkeypatch):
    """The call sites go through file_dialogs, which calls QFileDialog's own function: a test
    (or anything else) replacing that function is still the one asked."""
    from propdesk.ui import file_dialogs

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("/x/y.xlsx", "")))
    assert file_dialogs.get_open_file_name(None, "打开", "", "*.xlsx") == ("/x/y.xlsx", "")
    QApplication.processEvents()  # the zero timer finds no dialog open and does nothing


def test_qts_own_dialog_tells_a_files_type_by_its_name_without_opening_it(qtbot, tmp_path):
    """Qt's default read the start of a file whose name does not say its type: in the data
    folder that was the office's open database, and closing it dropped SQLite's locks (Linux).
    A file named like the database but holding a PDF's first bytes is typed by its name."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTreeView

    from propdesk.ui import file_dialogs

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "propdesk.lock").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 1)
        seen["type"] = model.index(0, 2, tree.rootIndex()).data()
        dialog.reject()
    QTimer.singleShot(50, look)
    file_dialogs.get_save_file_name(None, "另存为", str(folder / "新.xlsx"), "", "",
                                    QFileDialog.DontUseNativeDialog)
    assert seen["type"] and "PDF" not in seen["type"], seen
