"""One masking for everything that leaves the office (services.register.privacy): registers in
Excel and PDF, the complaint forms, repair notices, incident lists and the weekly summary; free
text included; the office's setting is the default, an explicit choice overrides it."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fixtures.report_data import _complaint, populate
from propdesk import cli, reports
from propdesk.models.tables import Building
from propdesk.reports import excel, pdf
from propdesk.reports.pdf.incident_notice import incident_notice_pdf
from propdesk.reports.pdf.repair_notice import repair_notice_pdf
from propdesk.reports.weekly_tables import ReportTable, masked
from propdesk.services.cases import incidents, workorders
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core import settings
from propdesk.services.register import privacy

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
SAID = "业主说请回电13912340000或0755-26885555"  # phones typed into free text
SAID_MASKED = "业主说请回电139****0000或0755-****5555"
FULL = ("13800138000", "13912340000", "26885555")


@pytest.fixture
def data(office):
    made = populate(office)
    made["said"] = _complaint(office["clerk"], dt.datetime(2026, 11, 21, 9, 0), description=SAID)
    return made


def xlsx_text(path) -> str:
    return " ".join(str(c) for row in load_workbook(path).active.iter_rows(values_only=True)
                    for c in row if c is not None)


def pdf_text(path) -> str:
    return "".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\n", "").replace(" ", "")


def mask_setting(on: bool):
    settings.put(privacy.SETTING, "1" if on else "0")


@pytest.mark.parametrize("on", [True, False])
def test_registers_follow_the_office_setting_free_text_included(data, tmp_path, on):
    mask_setting(on)
    xlsx, book = tmp_path / "c.xlsx", tmp_path / "c.pdf"
    excel.export_register("complaints", xlsx, *NOV)
    pdf.register_pdf("complaints", book, *NOV)
    for text in (xlsx_text(xlsx), pdf_text(book)):
        assert ("138****8000" in text) is on
        assert (SAID_MASKED in text) is on and (SAID in text) is not on
        assert any(full in text for full in FULL) is not on


def test_an_explicit_choice_overrides_the_setting(data, tmp_path):
    mask_setting(True)
    path = tmp_path / "c.xlsx"
    reports.export("complaints", path, *NOV, mask_phones=False)
    assert SAID in xlsx_text(path)
    mask_setting(False)
    reports.export("complaints", path, *NOV, mask_phones=True)
    assert SAID_MASKED in xlsx_text(path) and "13800138000" not in xlsx_text(path)


def test_cli_follows_the_setting_unless_told(data, db_location, tmp_path, capsys, monkeypatch):
    path = tmp_path / "c.xlsx"
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")  # the command signs in
    base = ["--db", db_location, "--lang", "zh_CN", "--user", "clerk", "export", "complaints",
            "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(path)]
    mask_setting(True)
    assert cli.main(base) == 0
    assert SAID_MASKED in xlsx_text(path) and "13800138000" not in xlsx_text(path)
    assert cli.main(base + ["--no-mask-phones"]) == 0
    assert SAID in xlsx_text(path) and "13800138000" in xlsx_text(path)
    mask_setting(False)
    assert cli.main(base) == 0
    assert "13800138000" in xlsx_text(path)
    assert cli.main(base + ["--mask-phones"]) == 0
    assert "13800138000" not in xlsx_text(path)
    capsys.readouterr()


def test_forms_and_notices_mask_with_the_setting(data, office, tmp_path):
    mask_setting(True)
    forms = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(data["said"].id, forms)
    text = pdf_text(forms)
    assert "138****8000" in text and SAID_MASKED in text and not any(f in text for f in FULL)
    assert "2026-11-21" in text and "202*" not in text  # dates are not phones
    pdf.complaint_forms_pdf(data["said"].id, forms, mask_phones=False)
    assert "13800138000" in pdf_text(forms) and SAID in pdf_text(forms)

    wo = workorders.create(office["clerk"], RepairInput(
        received_at=dt.datetime(2026, 11, 24, 9, 0), phone="13800138000", contact_name="张伟",
        unit="3栋2单元1201", description="水管漏水，" + SAID), at=dt.datetime(2026, 11, 24, 9, 0))
    notice = tmp_path / "notice.pdf"
    repair_notice_pdf([wo.id], notice)
    text = pdf_text(notice)
    assert "138****8000" in text and SAID_MASKED in text and not any(f in text for f in FULL)

    b3 = Building.get(Building.name == "3栋").id
    outage = incidents.declare(office["clerk"], "water", "3栋停水", building_ids=[b3],
                               at=dt.datetime(2026, 11, 24, 9, 0))
    incidents.attach(office["clerk"], outage.id, "刘洋", "13912345678", "3栋2单元1201", SAID,
                     at=dt.datetime(2026, 11, 24, 9, 30))
    listing = tmp_path / "incident.pdf"
    incident_notice_pdf(outage.id, listing)
    text = pdf_text(listing)
    assert "139****5678" in text and SAID_MASKED in text and "13912345678" not in text


def test_weekly_tables_mask_their_texts(office):
    table = ReportTable("t", ["a", "b"], [["张伟 13800138000", 3], [None, "0755-26881234"]])
    mask_setting(False)
    assert masked(table, None).rows == table.rows
    assert masked(table, True).rows == [["张伟 138****8000", 3], [None, "0755-****1234"]]
    mask_setting(True)
    assert masked(table, None).rows == [["张伟 138****8000", 3], [None, "0755-****1234"]]


def test_the_export_dialog_starts_with_the_setting(qtbot, office):
    from propdesk.ui.export_dialog import ExportDialog

    for on in (True, False):
        mask_setting(on)
        dialog = ExportDialog("complaints")
        qtbot.addWidget(dialog)
        assert dialog.mask.isChecked() is on



@pytest.mark.parametrize("text", ["2026-10-08", "2026-10-08 11:09", "26881234", "订单 12345678",
                                  "TS-20261124-003", "费用 120.00 元"])
def test_free_text_masks_phones_only(text):
    """In free text only mobiles and landlines with an area code are phones: a date field of
    a form or a bare 8-digit number stays as written (a phone column masks those too)."""
    assert privacy.mask_in_text(text) == text
    assert privacy.mask_in_text("电话13800138000，座机0755-26881234，日期2026-10-08") == \
        "电话138****8000，座机0755-****1234，日期2026-10-08"
    assert privacy.mask_phone("26881234") == "****1234"
