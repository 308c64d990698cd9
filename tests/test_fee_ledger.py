"""The fee ledger (收费台帐) and the monthly summary to the cashier, read back from Excel and PDF;
the month runs from the 26th to the 25th; the ledger, the summary and the weekly report agree;
the dashboard reminds from the 20th until the month's summary is produced."""
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from propdesk import cli
from propdesk.models.tables import PriceItem
from propdesk.reports import excel, pdf
from propdesk.reports.fee_summary import fee_summary_xlsx
from propdesk.reports.pdf.fee_summary import fee_summary_pdf
from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import Completion, RepairInput
from propdesk.services.fees import charges, months, payments, summary
from propdesk.services.fees.charges import LineInput
from propdesk.services.lists import dashboard, registers, weekly
from propdesk.services.core.accounts import PROGRAM

D = dt.datetime
MONTH = (dt.date(2026, 10, 26), dt.date(2026, 11, 25))  # the cashier's month 2026-11
WEEK = (dt.date(2026, 11, 16), dt.date(2026, 11, 22))


def job(office, day: D, unit="3栋2单元1201", name="张伟", lines=(), paid=True):
    wo = workorders.create(office["clerk"], RepairInput(
        received_at=day, phone="13800138000", contact_name=name, unit=unit, description="水龙头漏水",
        paid=paid), at=day)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, at=day)
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=day + dt.timedelta(hours=1), finished_at=day + dt.timedelta(hours=2), result="已修好",
        slip_returned=True, lines=list(lines)), at=day + dt.timedelta(hours=2))
    return wo


@pytest.fixture
def month(office):
    """Four jobs around the 25th: cash on the 25th (November), a billed quote in week 47, cash on
    the 26th (December), and a cash payment voided and put on the bill instead."""
    cartridge = PriceItem.create(name="更换水龙头阀芯", unit_name="个", price=Decimal("30.00"))
    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    a = job(office, D(2026, 11, 25, 9, 0), lines=[LineInput(kind="item", price_item_id=drain.id)])
    payments.pay_cash(office["clerk"], a.id, "A0001", at=D(2026, 11, 25, 16, 0))
    b = job(office, D(2026, 11, 18, 9, 0), unit="5栋1单元301", name="刘洋",
            lines=[LineInput(kind="quote", description="更换角阀及软管", amount="45")])
    charges.approve(office["supervisor"], charges.lines(b.id)[0].id, at=D(2026, 11, 18, 12, 0))
    charges.add(office["clerk"], b.id, LineInput(kind="material", description="软管", unit_price="7.5", quantity="2"))
    payments.add_to_bill(office["clerk"], b.id, at=D(2026, 11, 18, 14, 0))
    c = job(office, D(2026, 11, 26, 9, 0), lines=[LineInput(kind="item", price_item_id=cartridge.id)])
    payments.pay_cash(office["supervisor"], c.id, "A0002", at=D(2026, 11, 26, 10, 0))
    d = workorders.create(office["clerk"], RepairInput(
        received_at=D(2026, 11, 10, 9, 0), phone="13912345678", contact_name="王磊", unit="3栋1单元1202",
        description="水龙头漏水"), at=D(2026, 11, 10, 9, 0))
    workorders.assign(office["clerk"], d.id, office["technician"].id, at=D(2026, 11, 10, 9, 0))
    workorders.complete(office["technician"], d.id, Completion(  # free at intake, paid at the visit
        arrived_at=D(2026, 11, 10, 10, 0), finished_at=D(2026, 11, 10, 11, 0), result="换阀芯",
        slip_returned=True, owner_agreement="业主王磊当场同意", lines=[
            LineInput(kind="item", price_item_id=cartridge.id, quantity="2"),
            LineInput(kind="material", description="生料带", unit_price="5", quantity="1")]),
        at=D(2026, 11, 10, 11, 0))
    payments.pay_cash(office["clerk"], d.id, "A0003", at=D(2026, 11, 10, 12, 0))
    payments.void(office["supervisor"], d.id, "业主要求计入物业费", at=D(2026, 11, 11, 9, 0))
    payments.add_to_bill(office["clerk"], d.id, at=D(2026, 11, 11, 9, 5))
    return {"a": a, "b": b, "c": c, "d": d}


def test_the_month_boundary_on_the_25th(month):
    s = summary.summary("2026-11")
    assert (s.start, s.end) == MONTH
    assert s.cash_total == Decimal("80.00")  # A (the 25th); C (the 26th) is December's
    assert s.bill_total == Decimal("125.00")  # B 45 + 15, D 60 + 5
    assert s.total == Decimal("205.00")
    december = summary.summary("2026-12")
    assert december.total == december.cash_total == Decimal("30.00")
    assert [(name, n, a) for name, n, a in s.by_payment] == [("现金", 1, Decimal("80.00")), ("计入物业费账单", 2, Decimal("125.00"))]
    assert sum(a for _n, _k, a in s.by_service) == s.total
    assert dict((n, a) for n, _k, a in s.by_service)["用料"] == Decimal("20.00")
    assert s.cash_by_collector == [("王芳", 1, Decimal("80.00"), "A0001")]
    assert [(b["unit"], b["amount"]) for b in s.bill_lines] == [("3栋1单元1202", Decimal("65.00")), ("5栋1单元301", Decimal("60.00"))]
    assert [v["receipt_no"] for v in s.voided] == ["A0003"]


def test_ledger_summary_and_weekly_agree(month):
    rows = list(registers.iter_fees(*MONTH))
    live = [r for r in rows if not r["voided"]]
    assert sum(r["amount"] for r in live) == summary.summary("2026-11").total == registers.fee_total(*MONTH)
    in_week = sum(r["amount"] for r in registers.iter_fees(*WEEK) if not r["voided"])
    assert weekly.work_order_figures(*WEEK)["fees"] == in_week == Decimal("60.00")
    assert weekly.summary(*WEEK).work_orders["fees"] == in_week


def test_ledger_in_excel_and_pdf(month, tmp_path):
    path = tmp_path / "fees.xlsx"
    assert excel.export_register("fees", path, *MONTH) == 4
    ws = load_workbook(path).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0].endswith("收费台帐")
    head = rows[2]
    assert head == ["日期", "派工单号", "房号", "业主", "联系电话", "服务项目及明细", "金额（元）", "收费方式",
                     "收据号", "收款人", "计入月份", "备注"]
    got = [dict(zip(head, r)) for r in rows[3:-1]]
    total = dict(zip(head, rows[-1]))  # the 合计 line under the lines: voided payments not added
    assert total["日期"] == "合计" and total["金额（元）"] == 205
    assert [k for k, v in total.items() if v is not None] == ["日期", "金额（元）"]
    assert ws.auto_filter.ref == "A3:L7"  # sorting the lines leaves the total where it is
    assert [g["派工单号"] for g in got] == [month[k].number for k in ("d", "d", "b", "a")]
    by_receipt = {g["收据号"]: g for g in got if g["收据号"]}
    assert by_receipt["A0001"]["金额（元）"] == 80 and by_receipt["A0001"]["收费方式"] == "现金"
    assert by_receipt["A0001"]["收款人"] == "王芳" and by_receipt["A0001"]["日期"] == D(2026, 11, 25)
    voided = by_receipt["A0003"]
    assert voided["收费方式"] == "现金（已作废）" and "业主要求计入物业费" in voided["备注"]
    assert "业主王磊当场同意" in voided["备注"]
    billed = [g for g in got if g["收费方式"] == "计入物业费账单"]
    assert {g["计入月份"] for g in billed} == {"2026-11"}
    assert by_receipt["A0001"]["计入月份"] == "2026-11"  # cash too: the month it counts in
    quote = next(g for g in billed if g["房号"] == "5栋1单元301")
    assert "更换角阀及软管 45.00" in quote["服务项目及明细"] and "软管 7.50×2" in quote["服务项目及明细"]
    assert "李强" in quote["备注"]  # who approved the quote
    assert sum(g["金额（元）"] for g in got if "作废" not in g["收费方式"]) == 205
    assert "A0002" not in by_receipt  # the 26th is the next month

    out = tmp_path / "fees.pdf"
    assert pdf.register_pdf("fees", out, *MONTH) == 4
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    for words in ("收费台帐", month["a"].number, "A0001", "已作废", "更换角阀及软管", "5栋1单元301"):
        assert words in text, words
    assert text.endswith("共4条记录。合计金额：205.00元（已作废的收款列出，不计入合计）。") or \
        "共4条记录。合计金额：205.00元（已作废的收款列出，不计入合计）。" in text


def test_summary_in_excel_and_pdf(month, tmp_path):
    s = summary.summary("2026-11")
    path = tmp_path / "s.xlsx"
    fee_summary_xlsx(s, path, "王芳")
    values = [v for row in load_workbook(path).active.iter_rows(values_only=True) for v in row if v is not None]
    assert "有偿服务费月度汇总表（交收款部门）" in values[0]
    assert "2026-11：2026-10-26 至 2026-11-25" in values[1]
    assert 205 in values and 80 in values and 125 in values and "A0001" in values
    assert "3栋1单元1202" in values
    out = tmp_path / "s.pdf"
    fee_summary_pdf(s, out, "王芳")
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
    for words in ("有偿服务费月度汇总表", "2026-10-26至2026-11-25", "205.00", "80.00", "125.00", "A0001",
                  "3栋1单元1202", "收款部门签收"):
        assert words in text, words


def test_summary_pdf_prints_an_estate_s_unit_on_one_line(month, tmp_path):
    """The bill lines had fixed shares of A4: 阳光花园 3栋1单元 / 1202 wrapped in an office of
    two estates while the owner's column had room. Every table is sized by what it holds now."""
    from propdesk.models.tables import Estate

    Estate.create(name="翠湖苑")  # units print with their estate
    out = tmp_path / "s.pdf"
    fee_summary_pdf(summary.summary("2026-11"), out, "王芳")
    # (pypdf gives each line of a cell as a line: a wrapped cell comes in two)
    lines = [line for page in PdfReader(out).pages for line in page.extract_text().splitlines()]
    assert "阳光花园 3栋1单元1202" in lines and "阳光花园 5栋1单元301" in lines


def test_report_fees_command_and_reminder(month, db_location, monkeypatch, tmp_path, capsys):
    assert months.reminder(dt.date(2026, 11, 19)) is None
    assert dashboard.fee_summary_reminder(dt.date(2026, 11, 20)) == "2026-11"
    assert months.reminder(dt.date(2026, 11, 27)) == "2026-11"  # still owed after the 25th
    monkeypatch.setenv("PROPDESK_USER", "clerk")
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    args = ["--db", db_location, "--lang", "zh_CN"]  # a file, or the server's URL on PostgreSQL
    assert cli.main(args + ["report", "fees", "--month", "2026-13", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "月份" in capsys.readouterr().err
    assert cli.main(args + ["report", "fees", "--month", "2026-11", "-o", str(tmp_path / "s.pdf")]) == 0
    out = capsys.readouterr().out
    assert "205.00" in out and "2026-10-26" in out
    assert months.produced("2026-11") and months.reminder(dt.date(2026, 11, 21)) is None
    assert cli.main(args + ["export", "fees", "--from", "2026-10-26", "--to", "2026-11-25",
                            "-o", str(tmp_path / "l.xlsx")]) == 0
    assert (tmp_path / "l.xlsx").exists()


def test_unpaid_fees_are_counted_until_settled(office):
    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    wo = job(office, D(2026, 11, 24, 9, 0), lines=[LineInput(kind="item", price_item_id=drain.id)])
    assert dashboard.counts(D(2026, 11, 24, 12, 0), reader=PROGRAM)["fees_unpaid"] == 1
    payments.add_to_bill(office["clerk"], wo.id, at=D(2026, 11, 24, 12, 0))
    assert dashboard.counts(D(2026, 11, 24, 12, 0), reader=PROGRAM)["fees_unpaid"] == 0


def test_a_ledger_over_several_sheets_totals_under_its_last_line(month, tmp_path, monkeypatch):
    """A ledger longer than a sheet goes on over more sheets (the sheet made small here: 3 lines
    and the 合计 line fit); the 合计 line adds up every sheet's lines, under the last one."""
    monkeypatch.setattr(excel, "MOST_ROWS", 3 + 3 + 1)
    path = tmp_path / "fees.xlsx"
    assert excel.export_register("fees", path, *MONTH) == 4
    sheets = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in load_workbook(path).worksheets]
    assert [len(rows) for rows in sheets] == [3 + 3, 3 + 1 + 1]
    assert sheets[0][:3] == sheets[1][:3]
    assert [r[1] for r in sheets[0][3:] + sheets[1][3:4]] == [month[k].number for k in ("d", "d", "b", "a")]
    assert sheets[1][-1][0] == "合计" and sheets[1][-1][6] == 205
