"""Registers exported to Excel and read back: headers, types, frozen pane, filter, masking,
progress, cancel, filters of the lists."""
import datetime as dt

import pytest
from openpyxl import load_workbook

from fixtures.report_data import populate
from propdesk import i18n, reports
from propdesk.errors import RuleError
from propdesk.models.tables import Building, Category
from propdesk.reports import excel
from propdesk.reports.registers import REGISTERS, suggested_filename
from propdesk.services.register.privacy import mask_phone
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture
def data(office):
    return populate(office)


def read(path):
    ws = load_workbook(path).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return ws, rows


def lines(rows, headers_row=2):
    """The register lines as dicts keyed by header (rows[2] is the header row)."""
    headers = rows[headers_row]
    return [dict(zip(headers, r)) for r in rows[headers_row + 1:]]


def test_complaint_register(data, tmp_path):
    path = tmp_path / "c.xlsx"
    assert excel.export_register("complaints", path, *NOV) == 3
    ws, rows = read(path)
    assert ws.title == "客户投诉记录本"
    assert rows[0][0] == "阳光花园物业服务中心  客户投诉记录本"
    assert rows[1][0] == "统计期间：2026-11-01 至 2026-11-30"
    assert rows[2] == ["编号", "受理时间", "投诉人", "房号", "联系电话", "受理渠道", "投诉内容",
                       "投诉类别", "投诉级别", "责任部门", "状态", "回复时间", "处理结果", "办结日期",
                       "回访结果", "客户意见", "是否超时", "记录人", "重复投诉（原案）"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:S6"
    by_number = {line["编号"]: line for line in lines(rows)}
    # voided (TS-20261112-001) and October (c5) are not on the register; order as received
    assert list(by_number) == ["TS-20261103-001", "TS-20261110-001", "TS-20261120-001"]
    first = by_number["TS-20261103-001"]
    assert first["受理时间"] == dt.datetime(2026, 11, 3, 9, 15)
    assert first["回复时间"] == dt.datetime(2026, 11, 3, 10, 0)
    assert first["办结日期"] == dt.datetime(2026, 11, 4)  # a real date, shown yyyy-mm-dd
    assert first["受理渠道"] == "电话" and first["投诉级别"] == "重要" and first["状态"] == "已办结"
    assert first["处理结果"] == "已更换，照明恢复" and first["客户意见"] == "满意，处理及时"
    assert first["回访结果"] == "满意：灯都亮了，谢谢"
    assert first["是否超时"] == "否" and first["记录人"] == "王芳" and first["责任部门"] == "工程部"
    assert by_number["TS-20261110-001"]["是否超时"] == "是"  # major, still open
    assert by_number["TS-20261110-001"]["联系电话"] == "139 1234 5678"
    # text that starts with "=" stays text
    assert by_number["TS-20261120-001"]["投诉内容"] == "=邻居深夜噪音"
    cell = ws["B4"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm"
    assert ws["N4"].number_format == "yyyy-mm-dd"
    assert ws["G5"].alignment.wrap_text and ws["G5"].data_type == "s"
    assert ws["G6"].data_type == "s"
    assert ws.column_dimensions["G"].width == 40


def test_repair_register_numbers_and_dates(data, tmp_path):
    path = tmp_path / "r.xlsx"
    assert excel.export_register("repairs", path, *NOV) == 2  # December's is left out
    ws, rows = read(path)
    assert rows[0][0].endswith("报修维修记录本")
    got = {line["编号"]: line for line in lines(rows)}
    w2 = got["PG-20261115-001"]
    assert w2["费用（元）"] == 35.5 and ws["P5"].number_format == "#,##0.00"
    assert w2["完工时间"] == dt.datetime(2026, 11, 15, 11, 0)
    technician = REGISTERS["repairs"].column("technician").title()
    assert w2["紧急程度"] == "急修" and w2["类型"] == "报修" and w2[technician] == "陈师傅"
    assert w2["回访结果"] == "基本满意：修好了，但是等了一个多小时"
    assert w2["联系电话"] == "0755-26881234"
    w1 = got["PG-20261103-001"]
    assert w1["投诉编号"] == "TS-20261103-001" and w1["验收人"] == "李强" and w1["状态"] == "已验收"
    assert ws.auto_filter.ref == "A3:U5"


def test_callback_register(data, tmp_path):
    path = tmp_path / "h.xlsx"
    n = excel.export_register("callbacks", path, *NOV)
    ws, rows = read(path)
    got = {line["编号"]: line for line in lines(rows)}
    assert n == len(got) and {"HF-20261105-001", "HF-20261116-001", "HF-20261121-001"} <= set(got)
    done = got["HF-20261116-001"]
    assert done["应回访日期"] == dt.datetime(2026, 11, 18) and done["回访时间"] == dt.datetime(2026, 11, 16, 10)
    assert done["事项编号"] == "PG-20261115-001" and done["房号"] == "5栋2单元301"
    assert done["客户姓名"] == "赵丽" and done["回访方式"] == "上门" and done["是否联系上"] == "是"
    assert done["满意度"] == "基本满意" and done["回访次数"] == 2
    due = got["HF-20261121-001"]
    assert due["状态"] == "待回访" and due["回访时间"] is None and due["事项编号"] == "TS-20261120-001"


def test_owner_register_without_period_and_masked(office, tmp_path):
    path = tmp_path / "o.xlsx"
    assert excel.export_register("owners", path, mask_phones=True) == 2
    ws, rows = read(path)
    assert rows[1][0].startswith("截至 ")
    got = {line["业主姓名"]: line for line in lines(rows)}
    assert got["张伟"]["联系电话"] == "138 **** 8000、0755-****1234"  # each keeps its own shape
    assert got["刘洋"]["身份"] == "租户" and got["张伟"]["房号"] == "3栋2单元1201"
    assert got["张伟"]["楼栋"] == "3栋" and got["张伟"]["单元"] == "2单元"


def test_phone_masking_in_complaints(data, tmp_path):
    path = tmp_path / "m.xlsx"
    excel.export_register("complaints", path, *NOV, mask_phones=True)
    _, rows = read(path)
    assert [line["联系电话"] for line in lines(rows)] == ["138****8000", "139 **** 5678", "136****5678"]
    assert mask_phone("13812345678") == "138****5678"


def test_list_filters_apply(data, office, tmp_path):
    five = Building.get(Building.name == "5栋").id
    path = tmp_path / "f.xlsx"
    assert excel.export_register("complaints", path, *NOV, filters=ComplaintFilter(building_id=five)) == 1
    assert excel.export_register("complaints", path, *NOV, filters=ComplaintFilter(severity="major")) == 1
    assert excel.export_register("complaints", path, *NOV, filters=ComplaintFilter(text="漏水")) == 1
    cat = Category.get(Category.name == "邻里纠纷").id
    assert excel.export_register("complaints", path, *NOV, filters=ComplaintFilter(category_id=cat)) == 1
    # the filter's own dates give way to the register's period
    f = ComplaintFilter(date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31))
    assert excel.export_register("complaints", path, *NOV, filters=f) == 3
    assert excel.export_register("repairs", path, *NOV, filters=WorkOrderFilter(urgency="urgent")) == 1
    assert excel.export_register("repairs", path, *NOV, filters=ComplaintFilter(building_id=five)) == 1
    assert excel.export_register("owners", path, filters=ComplaintFilter(text="刘")) == 1


def test_progress_and_cancel(data, tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "PROGRESS_EVERY", 1)
    seen = []
    excel.export_register("complaints", tmp_path / "p.xlsx", *NOV, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (1, 3) and seen[-1] == (3, 3)
    target = tmp_path / "out" / "keep.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"older export")
    with pytest.raises(excel.ExportCancelled):
        excel.export_register("complaints", target, *NOV, should_cancel=lambda: len(seen) > 3,
                              progress=lambda d, t: seen.append((d, t)))
    assert target.read_bytes() == b"older export"  # untouched, and no temporary file left
    assert [p.name for p in target.parent.iterdir()] == ["keep.xlsx"]


def test_empty_period_and_english(office, tmp_path):
    i18n.set_language("en")
    path = tmp_path / "e.xlsx"
    assert excel.export_register("complaints", path, dt.date(2025, 1, 1), dt.date(2025, 1, 31)) == 0
    ws, rows = read(path)
    assert ws.title == "Complaint register"
    assert rows[1][0] == "Period: 2025-01-01 to 2025-01-31"
    assert rows[2][:3] == ["No.", "Date and time", "Complainant"] and len(rows) == 3
    assert ws.auto_filter.ref == "A3:S4"


def test_bad_requests(office, tmp_path):
    with pytest.raises(RuleError) as err:
        excel.export_register("complaints", tmp_path / "x.xlsx")
    assert "客户投诉记录本需要统计期间" in err.value.text()
    with pytest.raises(RuleError) as err:
        excel.export_register("complaints", tmp_path / "x.xlsx", NOV[1], NOV[0])
    assert "晚于" in err.value.text()
    with pytest.raises(RuleError) as err:
        excel.export_register("bills", tmp_path / "x.xlsx", *NOV)
    assert "complaints, repairs, callbacks, owners, fees" in err.value.text()
    with pytest.raises(RuleError) as err:
        reports.export("complaints", tmp_path / "x.csv", *NOV)
    assert ".xlsx" in err.value.text()
    with pytest.raises(RuleError) as err:
        reports.export("complaints", tmp_path / "no" / "x.xlsx", *NOV)
    assert "无法写入" in err.value.text()


def test_titles_and_file_names(office):
    assert {n: r.title() for n, r in REGISTERS.items()} == {
        "complaints": "客户投诉记录本", "repairs": "报修维修记录本", "callbacks": "客户回访记录本",
        "owners": "业主档案", "fees": "收费台帐"}
    assert suggested_filename("complaints", *NOV, "xlsx") == "客户投诉记录本_2026-11-01_2026-11-30.xlsx"
    assert suggested_filename("callbacks", *NOV, ".pdf") == "客户回访记录本_2026-11-01_2026-11-30.pdf"
    i18n.set_language("en")
    assert suggested_filename("repairs", *NOV, "pdf") == "Repair_register_2026-11-01_2026-11-30.pdf"
