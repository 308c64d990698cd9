"""The register's lines streamed as sheet XML (issue 21 step 6): what openpyxl reads back is what
the office typed - spaces at either end, line breaks, XML's special characters, characters
beyond U+FFFF - with control characters Excel refuses dropped; the workbook is a valid package
with its parts in Office's order."""
import datetime as dt
import zipfile

from openpyxl import load_workbook

from fixtures.report_data import _complaint
from propdesk.models.tables import Complaint
from propdesk.reports import excel

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
TEXTS = ["  两头有空格  ", "第一行\n第二行", "<b>&amp; \"引号\" 'x'</b>", "王𪚥的信", "+86 138", "@所有人"]


def test_text_reads_back_as_typed(office, tmp_path):
    for i, text in enumerate(TEXTS):  # as stored (intake trims the ends; an import may not)
        c = _complaint(office["clerk"], dt.datetime(2026, 11, 2, 9, i), description="x")
        Complaint.update(description=text).where(Complaint.id == c.id).execute()
    weird = _complaint(office["clerk"], dt.datetime(2026, 11, 3, 9, 0), description="x")
    Complaint.update(description="铃\x07声\r\n结束").where(Complaint.id == weird.id).execute()
    path = tmp_path / "t.xlsx"
    assert excel.export_register("complaints", path, *NOV) == len(TEXTS) + 1
    ws = load_workbook(path).active
    got = [ws.cell(row, 7) for row in range(4, 4 + len(TEXTS) + 1)]
    assert [c.value for c in got[:-1]] == TEXTS
    assert got[-1].value in ("铃声\r\n结束", "铃声\n结束")  # the bell (\x07) is not for Excel
    assert all(c.data_type == "s" for c in got)
    assert [c.quotePrefix for c in got[:-1]] == [False, False, False, False, True, True]
    assert all(c.alignment.wrap_text for c in got)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.namelist()[0] == "[Content_Types].xml" and len(set(z.namelist())) == len(z.namelist())


def test_every_line_once_in_a_larger_register(office, tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "CHUNK", 7)  # lines go into the zip in several pieces
    made = [_complaint(office["clerk"], dt.datetime(2026, 11, 1 + i % 28, 8, i), description=f"第{i}件")
            for i in range(30)]
    path = tmp_path / "many.xlsx"
    assert excel.export_register("complaints", path, *NOV) == 30
    ws = load_workbook(path).active
    numbers = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert numbers == [c.number for c in sorted(made, key=lambda c: (c.received_at, c.id))]
    assert ws.auto_filter.ref == "A3:S33" and ws.max_row == 33
