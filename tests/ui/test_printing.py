"""Every printable goes through the print path (PDFium pages painted on a QPrinter) to a PDF
printer target: the sheets read back are the PDF's pages, same count, same paper and
orientation, and the same picture."""
import datetime as dt

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from fixtures.report_data import populate
from propdesk.ui import printing
from tests.ui.lists import wait_rows


def _gray(page, dpi=50):
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    return bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride


def same_picture(source_page, printed_page) -> float:
    """Of the source's dark pixels (text, lines), the share that is also dark on the printed
    sheet at the same place: 0 for a blank or shifted sheet, near 1 for the same picture."""
    (ba, wa, ha, sa), (bb, wb, hb, sb) = _gray(source_page), _gray(printed_page)
    assert (wa, ha) == (wb, hb)
    dark = kept = 0
    for y in range(ha):
        for x in range(wa):
            if ba[y * sa + x] < 128:
                dark += 1
                kept += bb[y * sb + x] < 200
    assert dark > 100  # the source page has something printed on it
    return kept / dark


def print_to_pdf(source, tmp_path):
    printer = printing.new_printer(source)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / f"printed-{source.name}"
    printer.setOutputFileName(str(out))
    pages = printing.render(source, printer)
    return out, pages, printer


def assert_same_paper(source, out, printer):
    src, dst = PdfReader(str(source)), PdfReader(str(out))
    assert len(dst.pages) == len(src.pages)
    for a, b in zip(src.pages, dst.pages):
        wa, ha = float(a.mediabox.width), float(a.mediabox.height)
        wb, hb = float(b.mediabox.width), float(b.mediabox.height)
        assert abs(wa - wb) < 3 and abs(ha - hb) < 3, (wa, ha, wb, hb)
    landscape = float(src.pages[0].mediabox.width) > float(src.pages[0].mediabox.height)
    assert (printer.pageLayout().orientation() == QPageLayout.Landscape) == landscape
    a, b = pdfium.PdfDocument(str(source)), pdfium.PdfDocument(str(out))
    for i in range(len(a)):
        assert same_picture(a[i], b[i]) > 0.8, i
    a.close()
    b.close()


@pytest.fixture
def printables(office, tmp_path):
    from propdesk.reports import pdf
    from propdesk.reports.pdf.incident_notice import incident_notice_pdf
    from propdesk.reports.pdf.repair_notice import repair_notice_pdf
    from propdesk.reports.pdf.weekly import weekly_pdf
    from propdesk.services.cases import incidents
    from propdesk.services.lists import weekly

    data = populate(office)
    made = {}
    c1 = data["c1"] if isinstance(data, dict) and "c1" in data else None
    from propdesk.models.tables import Complaint, WorkOrder

    complaint = c1 or Complaint.select().first()
    made["complaint forms"] = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(complaint.id, made["complaint forms"])
    made["repair notice"] = tmp_path / "notice.pdf"
    repair_notice_pdf([wo.id for wo in WorkOrder.select()], made["repair notice"])
    incident = incidents.declare(office["clerk"], "water", "3栋停水", building_ids=[
        office["units"]["3栋2单元1201"].building_id])
    incidents.attach(office["clerk"], incident.id, "张伟", "13800138000", "3栋2单元1201", "没水")
    made["incident notice"] = tmp_path / "incident.pdf"
    incident_notice_pdf(incident.id, made["incident notice"])
    for name in ("complaints", "repairs", "callbacks", "owners"):
        made[f"register {name}"] = tmp_path / f"reg-{name}.pdf"
        pdf.register_pdf(name, made[f"register {name}"], dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    made["weekly summary"] = tmp_path / "weekly.pdf"
    weekly_pdf(weekly.summary(dt.date(2026, 11, 16), dt.date(2026, 11, 22)), made["weekly summary"], "李强")
    return made


def test_every_printable_prints_as_its_pdf(qtbot, printables, tmp_path):
    orientations = {}
    for name, source in printables.items():
        out, pages, printer = print_to_pdf(source, tmp_path)
        assert pages == len(PdfReader(str(source)).pages), name
        assert_same_paper(source, out, printer)
        orientations[name] = printer.pageLayout().orientation()
    assert orientations["register complaints"] == QPageLayout.Landscape  # a ruled book, wide
    assert orientations["complaint forms"] == QPageLayout.Portrait


def test_print_buttons_open_the_preview_with_the_paper_of_the_form(qtbot, office, tmp_path, monkeypatch):
    from propdesk.ui.dispatch_board import DispatchBoard
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput

    wo = workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                        unit="3栋2单元1201", description="水龙头漏水"))
    board = DispatchBoard(office["clerk"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    board.buttons["print"].click()
    preview = board.preview
    assert preview.isVisible() and wo.number in str(board.printed)
    from PySide6.QtGui import QAction
    assert any(a.objectName() == "save_pdf" for a in preview.findChildren(QAction))
    assert preview.printer.pageLayout().orientation() == QPageLayout.Portrait
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert preview.save_copy() == target and target.read_bytes() == board.printed.read_bytes()
    preview.close()


def test_the_desk_remembers_its_printer(qtbot, office):
    class FakePrinter:
        def outputFormat(self):  # noqa: N802
            return QPrinter.NativeFormat

        def printerName(self):  # noqa: N802
            return "前台HP-M104"

    assert printing.remembered_printer() == ""
    printing.remember_printer(FakePrinter())
    assert printing.remembered_printer() == "前台HP-M104"


def test_the_preview_prints_and_saves_from_the_keyboard(qtbot, office, tmp_path, monkeypatch):
    """Ctrl+P prints and Ctrl+S saves a copy: the preview's toolbar buttons take no keyboard
    focus, and a clerk at the keyboard could do neither (seen under Xvfb: Tab went round the zoom
    and page boxes only)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication, QFileDialog as QtFileDialog
    from propdesk.ui.dispatch_board import DispatchBoard
    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import RepairInput

    workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                   unit="3栋2单元1201", description="水龙头漏水"))
    board = DispatchBoard(office["clerk"])
    qtbot.addWidget(board)
    board.show()
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    board.buttons["print"].click()
    preview = board.preview
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)  # (keys go to the active window)
    target, offered = tmp_path / "copy.pdf", []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _parent, _title, path, _pattern: offered.append(path) or (str(target), "")))
    qtbot.keyClick(preview.focusWidget(), Qt.Key_S, Qt.ControlModifier)
    assert target.read_bytes() == board.printed.read_bytes()
    # offered where the clerk keeps files, not in PropDesk's data folder where the PDF is made
    from propdesk.ui.export_dialog import documents_dir
    assert offered == [str(documents_dir() / board.printed.name)]

    asked = []

    def answer():  # the system's print dialog (or, with no printer, where to write the PDF)
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, (QPrintDialog, QtFileDialog)):
            asked.append(type(dialog).__name__)
            dialog.reject()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(preview.focusWidget(), Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked))
    preview.close()
