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


def _sheets_read_back(path):
    wb = load_workbook(path)
    return [(ws.title, list(ws.iter_rows(values_only=True)), ws.auto_filter.ref) for ws in wb.worksheets]


def test_a_register_longer_than_a_sheet_goes_on_over_more_sheets(office, tmp_path, monkeypatch):
    """An Excel sheet ends at row 1,048,576; a ten-year office's register can be longer, and the
    lines past the end were written anyway (a file openpyxl will not open and Excel cuts). The
    register goes on over as many sheets as it needs, each with the title, period and header
    rows; every line once, in order (the sheet made small here: 50 lines)."""
    monkeypatch.setattr(excel, "MOST_ROWS", 3 + 50)
    made = [_complaint(office["clerk"], dt.datetime(2026, 11, 1 + i % 28, 8, i % 60), description=f"第{i}件")
            for i in range(120)]
    path = tmp_path / "long.xlsx"
    assert excel.export_register("complaints", path, *NOV) == 120
    sheets = _sheets_read_back(path)
    assert [title for title, _, _ in sheets] == ["客户投诉记录本", "客户投诉记录本 (2)", "客户投诉记录本 (3)"]
    heading = sheets[0][1][:3]
    assert heading[2][:2] == ("编号", "受理时间") and "统计期间" in heading[1][0]
    assert [rows[:3] for _, rows, _ in sheets] == [heading] * 3
    assert [len(rows) - 3 for _, rows, _ in sheets] == [50, 50, 20]
    numbers = [row[0] for _, rows, _ in sheets for row in rows[3:]]
    assert numbers == [c.number for c in sorted(made, key=lambda c: (c.received_at, c.id))]
    assert [ref for _, _, ref in sheets] == ["A3:S53", "A3:S53", "A3:S23"]
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.namelist()[0] == "[Content_Types].xml" and len(set(z.namelist())) == len(z.namelist())


def test_lines_entered_during_the_export_past_the_last_sheet_are_not_dropped(office, tmp_path,
                                                                             monkeypatch):
    """The sheets are planned from the lines counted first; more arriving while the register is
    written (another desk recording) still each get their line."""
    from propdesk.reports import registers

    monkeypatch.setattr(excel, "MOST_ROWS", 3 + 50)
    monkeypatch.setattr(registers.COMPLAINTS, "count", lambda *a, **k: 40)  # counted before 80 more came
    made = [_complaint(office["clerk"], dt.datetime(2026, 11, 2, 8, 0) + dt.timedelta(minutes=i),
                       description=f"第{i}件") for i in range(120)]
    path = tmp_path / "grown.xlsx"
    seen = []
    assert excel.export_register("complaints", path, *NOV, progress=lambda d, t: seen.append((d, t))) == 120
    sheets = _sheets_read_back(path)
    assert [len(rows) - 3 for _, rows, _ in sheets] == [50, 50, 20]
    assert [row[0] for _, rows, _ in sheets for row in rows[3:]] == [c.number for c in made]
    assert seen[-1] == (120, 120)

