"""No formula from data (issue 16): a building, an office, an owner or a note that starts like a
formula is written as text in every workbook the program makes, read back with openpyxl."""
import datetime as dt

from openpyxl import load_workbook

from propdesk.models.tables import Building, Owner
from propdesk.reports import excel
from propdesk.reports.audit_export import export_audit
from propdesk.reports.weekly_excel import weekly_xlsx
from propdesk.services.core import settings
from propdesk.services.core.audit_log import AuditFilter
from propdesk.services.lists import weekly
from propdesk.services.setup.schedule_file import write_template
from propdesk.xlsx_text import put, text_row
from tests.test_weekly import AT, WEEK, complaint

LINK = '=HYPERLINK("http://x.invalid","点击查看")'  # fits a building name (40)
BROKEN = "=1+1栋"
OFFICE = "=cmd|' /C calc'!A0 物业"
OWNER = "@SUM(1+1)*张"
TEXT = "-2+3 楼道灯"


def cells(path):
    book = load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield cell


def assert_text_only(path, *expected):
    found = list(cells(path))
    formulas = [c.coordinate for c in found if c.data_type == "f"]
    assert not formulas, (path.name, formulas)
    values = "\n".join(str(c.value) for c in found)
    for text in expected:
        assert text in values, (path.name, text)
    for c in found:  # text that starts like a formula keeps Excel's quote prefix
        if isinstance(c.value, str) and c.value[:1] in "=+-@":
            assert c.quotePrefix, (path.name, c.coordinate, c.value)


def test_every_workbook_keeps_formula_like_text_as_text(office, tmp_path):
    settings.put("office_name", OFFICE)
    Building.update(name=LINK).where(Building.name == "3栋").execute()
    Building.update(name=BROKEN).where(Building.name == "5栋").execute()
    Owner.update(name=OWNER).where(Owner.id == office["owner"].id).execute()
    c = complaint(office, dt.datetime(2026, 11, 17, 9, 0))
    complaint(office, dt.datetime(2026, 11, 18, 9, 0), unit="5栋1单元301")
    from propdesk.models.tables import Complaint
    Complaint.update(description=TEXT, complainant=OWNER).where(Complaint.id == c.id).execute()

    path = tmp_path / "weekly.xlsx"
    weekly_xlsx(weekly.summary(*WEEK, at=AT), path, "李强")
    assert_text_only(path, LINK, BROKEN, OFFICE)

    for name in ("complaints", "repairs", "callbacks", "owners"):
        path = tmp_path / f"{name}.xlsx"
        excel.export_register(name, path, *WEEK) if name != "owners" else excel.export_register(name, path)
        assert_text_only(path, OFFICE)
    assert_text_only(tmp_path / "complaints.xlsx", TEXT, OWNER)
    assert_text_only(tmp_path / "owners.xlsx", OWNER)

    path = tmp_path / "audit.xlsx"
    export_audit(office["admin"], AuditFilter(), path)
    assert_text_only(path, OFFICE)


def test_the_guard_on_plain_sheets(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    put(ws, 1, 1, LINK)
    put(ws, 2, 1, "+1\t")
    put(ws, 3, 1, "\tTAB")
    put(ws, 4, 1, 42)
    ws.append(text_row(ws, [BROKEN, "平常", 7]))
    book.save(tmp_path / "g.xlsx")
    assert_text_only(tmp_path / "g.xlsx", LINK, "+1", "\tTAB", BROKEN, "平常")
    back = load_workbook(tmp_path / "g.xlsx").active
    assert back["A4"].value == 42 and back["C5"].value == 7 and not back["B5"].quotePrefix

    path = write_template(tmp_path / "schedule.xlsx", [("holiday", dt.date(2027, 1, 1), None, LINK)])
    assert_text_only(path, LINK)
