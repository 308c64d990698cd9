"""Long exports from the window: a progress bar counting the lines, and Cancel that stops the
work and leaves no file (issue 16 item 7, issue 21 step 6). The work is held at a line until the
clerk has pressed Cancel (an Event, not a sleep), so the test cannot race the worker."""
import datetime as dt
import threading

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from fixtures.report_data import _complaint
from propdesk.reports import excel
from propdesk.reports.pdf import register as pdf_register
from propdesk.reports.registers import REGISTERS
from propdesk.ui import worker
from propdesk.ui.export_dialog import ExportDialog

N = 12
DAY = dt.date(2026, 11, 10)


@pytest.fixture
def twelve(office):
    return [_complaint(office["clerk"], dt.datetime(2026, 11, 10, 8, i), description=f"第{i}号：楼道灯不亮")
            for i in range(N)]


@pytest.fixture
def out(tmp_path):
    """The folder the clerk saves into (the database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def progress_dialogs(monkeypatch):
    """Every progress dialog the worker shows, with the texts it showed; ``press_cancel`` set,
    the clerk clicks its Cancel button as soon as the first count of lines appears."""
    seen = {"made": [], "labels": [], "press_cancel": False, "pressed": threading.Event()}

    class Spy(QProgressDialog):
        def __init__(self, *args):
            super().__init__(*args)
            seen["made"].append(self)

        def setValue(self, value):  # noqa: N802 - Qt's name
            super().setValue(value)
            seen["labels"].append(self.labelText())
            if seen["press_cancel"] and not seen["pressed"].is_set():
                self.findChild(QPushButton).click()
                seen["pressed"].set()

    monkeypatch.setattr(worker, "QProgressDialog", Spy)
    monkeypatch.setattr(excel, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(pdf_register, "PROGRESS_EVERY", 2)
    return seen


def held_until(event, at_line: int, monkeypatch):
    """The register's lines, the work waiting at ``at_line`` until ``event`` is set."""
    register = REGISTERS["complaints"]
    lines = register.rows

    def rows(*args, **kw):
        for i, row in enumerate(lines(*args, **kw)):
            if i == at_line:
                assert event.wait(30), "Cancel was never pressed"
            yield row

    monkeypatch.setattr(register, "rows", rows)


def export(qtbot, monkeypatch, target, kind):
    monkeypatch.setattr(ExportDialog, "choose_path", lambda self, *a: target)
    dialog = ExportDialog("complaints")
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(DAY)
    dialog.date_to.setDate(DAY)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.export()
    return dialog


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_cancel_stops_the_export_and_leaves_no_file(qtbot, twelve, out, monkeypatch,
                                                    progress_dialogs, kind):
    progress_dialogs["press_cancel"] = True
    held_until(progress_dialogs["pressed"], 5, monkeypatch)
    target = out / f"register.{kind}"
    dialog = export(qtbot, monkeypatch, target, kind)
    assert dialog.message.text() == "已取消：没有生成文件。"
    assert dialog.written is None
    assert list(out.iterdir()) == []  # neither the file nor its temporary twin
    assert progress_dialogs["labels"] and "12" in progress_dialogs["labels"][0]


def test_cancel_keeps_an_older_file_of_the_same_name(qtbot, twelve, out, monkeypatch,
                                                     progress_dialogs):
    target = out / "register.pdf"
    target.write_bytes(b"%PDF- last month's book")
    progress_dialogs["press_cancel"] = True
    held_until(progress_dialogs["pressed"], 5, monkeypatch)
    export(qtbot, monkeypatch, target, "pdf")
    assert target.read_bytes() == b"%PDF- last month's book"
    assert [p.name for p in out.iterdir()] == ["register.pdf"]


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_the_progress_counts_lines_and_the_file_has_every_line(qtbot, twelve, out,
                                                               monkeypatch, progress_dialogs, kind):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **kw: QMessageBox.No))
    target = out / f"register.{kind}"
    dialog = export(qtbot, monkeypatch, target, kind)
    assert dialog.written == target and dialog.message.text() == ""
    labels = progress_dialogs["labels"]
    assert any(f"已写 {N} / {N} 行" in text for text in labels), labels
    assert any(f"已写 2 / {N} 行" in text for text in labels), labels
    numbers = sorted(c.number for c in twelve)
    if kind == "xlsx":
        sheet = load_workbook(target).active
        found = sorted(row[0] for row in sheet.iter_rows(min_row=4, values_only=True))
        assert found == numbers
    else:
        text = "".join(p.extract_text() for p in PdfReader(target).pages)
        assert all(n in text for n in numbers) and f"共 {N} 条记录" in text
    assert [p.name for p in out.iterdir()] == [target.name]
