"""The weekly report as the office head gets it: PDF text and fonts, the workbook, the command."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pdf_fonts import assert_all_embedded
from propdesk import cli
from propdesk.reports.pdf.weekly import weekly_pdf
from propdesk.reports.weekly_excel import weekly_xlsx
from propdesk.services.lists import weekly
from tests.test_weekly import AT, WEEK, week  # noqa: F401 - the fixture


def test_pdf_has_every_part_and_embeds_its_font(week, tmp_path):  # noqa: F811 - the imported fixture, used by name
    path = tmp_path / "weekly.pdf"
    weekly_pdf(weekly.summary(*WEEK, at=AT), path, "李强")
    pages = [p.extract_text() for p in PdfReader(path).pages]
    text = "\n".join(pages)
    for words in ("业主投诉及意见每周统计", "2026-11-16 至 2026-11-22", "制表：李强", "本周与上周对比",
                  "按投诉类别", "近八周趋势", "按投诉级别", "报修与派工", "回访与满意度",
                  "本周末未办结且已超时的投诉", week["c"].number, "重复投诉", "管理处主任意见"):
        assert words in text, words
    assert "第 1 / " in pages[0] and "PropDesk" in pages[0]
    assert_all_embedded(path)  # every font embedded (pypdf: no poppler needed)


def test_workbook_has_the_same_figures(week, tmp_path):  # noqa: F811 - the imported fixture, used by name
    path = tmp_path / "weekly.xlsx"
    weekly_xlsx(weekly.summary(*WEEK, at=AT), path, "李强")
    wb = load_workbook(path)
    summary = wb.worksheets[0]
    rows = {r[0]: r[1:] for r in summary.iter_rows(values_only=True) if r and r[0]}
    assert rows["受理投诉"][:2] == (4, 1)
    assert rows["按时回复"][0] == pytest.approx(0.5)  # a real number, formatted as a percentage
    cell = next(c for row in summary.iter_rows() for c in row if c.value == "按时回复")
    assert summary.cell(cell.row, 2).number_format == "0%"
    assert wb.worksheets[1].cell(2, 1).value == "周"


def test_command(week, tmp_path, capsys, db_location, monkeypatch):  # noqa: F811 - the imported fixture, used by name
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    db = db_location
    out = tmp_path / "w47.pdf"
    assert cli.main(["--db", db, "--user", "supervisor", "report", "weekly", "--week", "2026-W47", "-o", str(out)]) == 0
    assert out.exists() and "2026-11-16" in capsys.readouterr().out
    assert cli.main(["--db", db, "--user", "supervisor", "report", "weekly", "--from", "2026-11-16", "--to", "2026-11-22",
                     "-o", str(tmp_path / "w.xlsx")]) == 0
    assert cli.main(["--db", db, "--user", "supervisor", "report", "weekly", "--week", "2026-47", "-o", str(out)]) == 1
    assert "2026-W47" in capsys.readouterr().err
    assert cli.main(["--db", db, "--user", "supervisor", "report", "weekly", "--week", "2026-W47", "-o", str(tmp_path / "w.doc")]) == 1
    with pytest.raises(SystemExit) as usage:
        cli.main(["--db", db, "--user", "supervisor", "report", "monthly", "-o", str(out)])
    assert usage.value.code == 2
    assert dt.date(2026, 11, 16) == weekly.parse_week("2026-w47")[0]


def test_office_logo_and_phone_printed(office, tmp_path):
    """Office setup's logo and phone appear on every PDF page (here a repair notice)."""
    import datetime as dt

    from PIL import Image
    from propdesk.reports.pdf.repair_notice import repair_notice_pdf
    from propdesk.services.core import settings
    from propdesk.services.cases import workorders
    from propdesk.services.setup.office_profile import LOGO_KEY
    from propdesk.services.cases.workorders import RepairInput

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (20, 80, 160)).save(logo)
    settings.put(LOGO_KEY, str(logo))
    settings.put("office_phone", "0755-26880000")
    wo = workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                        description="灯坏了", received_at=dt.datetime(2026, 11, 24, 9, 0)),
                           at=dt.datetime(2026, 11, 24, 9, 0))
    path = tmp_path / "n.pdf"
    repair_notice_pdf([wo.id], path)
    page = PdfReader(path).pages[0]
    assert "0755-26880000" in page.extract_text()
    assert len(page.images) == 1  # the logo


def test_charts_say_what_their_axes_are_and_show_every_category(week, tmp_path):  # noqa: F811 - the fixture
    """Axis titles on both trend charts and the category chart; the category chart has a bar
    for every category the table lists, 其他 included (it used to stop at ten)."""
    from propdesk.reports.pdf.weekly import category_bars

    s = weekly.summary(*WEEK, at=AT)
    names = ["工程维修/设施设备", "环境卫生", "绿化", "安保秩序", "停车管理", "服务态度", "收费/财务",
             "装修管理", "邻里纠纷", "房屋质量", "其他"]
    s.by_category = [(name, 20 - i) for i, name in enumerate(names)]
    path = tmp_path / "weekly.pdf"
    weekly_pdf(s, path, "李强")
    first = PdfReader(path).pages[0].extract_text()
    for words in ("受理投诉（件）", "件数", "百分比（%）", "周（周一日期）", "其他", "房屋质量"):
        assert words in first, words
    many = [(f"类别{i}", 30 - i) for i in range(15)]
    bars = category_bars(many)
    assert len(bars) == 12 and bars[-1] == ("其余 4 类", sum(30 - i for i in range(11, 15)))


@pytest.mark.parametrize("ok, of, shown", [(23, 40, "58%"), (1, 8, "13%"), (3, 8, "38%"), (2, 3, "67%"), (0, 0, "—")])
def test_a_rate_is_printed_as_excel_and_the_dashboard_show_it(ok, of, shown):
    """The week of 2026-11-23 in the demo: 23 of 40 complaints replied on time. The workbook
    stores 0.575 in a "0%" cell, which Excel shows as 58%; the PDF printed "57%" (Python's
    f"{0.575 * 100:.0f}" is "57": 57.49999999999999 rounded half to even), so the office
    head's two copies of the same report disagreed, and so did the dashboard's 本周至今."""
    from propdesk.reports.weekly_tables import Percent, _rate
    from propdesk.ui.dashboard import percent

    rate = weekly.Rate(ok, of)
    assert str(_rate(rate)) == shown
    assert str(Percent(rate.value)) == shown
    assert percent(rate.value) == shown


def test_pdf_columns_are_as_wide_as_what_they_hold(week, tmp_path):  # noqa: F811 - the imported fixture, used by name
    """Every column had an equal share of A4: the overdue cases' 受理时间 and 房号 wrapped onto
    two lines while 级别 had room to spare. Now a short column is as wide as its longest text."""
    from propdesk.models.tables import Estate

    Estate.create(name="翠湖苑")  # an office of two estates: units print with their estate
    path = tmp_path / "weekly.pdf"
    weekly_pdf(weekly.summary(*WEEK, at=AT), path, "李强")
    # (pypdf gives each line of a cell as a line: a wrapped cell comes in two)
    lines = [line for page in PdfReader(path).pages for line in page.extract_text().splitlines()]
    after = lines[lines.index(week["c"].number):]  # the overdue cases' table: c's row
    assert after[1:3] == ["2026-11-18 09:00", "阳光花园 3栋2单元1201"], after[:8]
