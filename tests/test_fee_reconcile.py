"""The fee ledger (by the day recorded), the monthly summary (by the month counted) and the weekly
figure (the ledger's days) agree by construction, with bills put on next month's bill across the
25th and across the month's end; the summary prints the reconciliation and the rule. A voided
payment's ledger line shows the lines it settled, not the order's lines after the correction."""
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from propdesk.models.tables import PriceItem
from propdesk.reports import excel
from propdesk.reports.fee_summary import fee_summary_xlsx
from propdesk.reports.pdf.fee_summary import fee_summary_pdf
from propdesk.services.fees import charges, payments, summary
from propdesk.services.fees.charges import LineInput
from propdesk.services.lists import registers, weekly
from tests.test_fee_ledger import D, job

WIDE = (dt.date(2026, 10, 12), dt.date(2026, 12, 13))  # Monday of W42 to Sunday of W50


@pytest.fixture
def crossing(office):
    """Fees around two cut-offs (25 Oct/Nov) and the end of November."""
    item = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("10.00"))

    def fee(day: D, amount: int, how: str, month: str | None = None, receipt: str = ""):
        wo = job(office, day - dt.timedelta(hours=3),
                 lines=[LineInput(kind="item", price_item_id=item.id, quantity=str(amount))])
        at = day
        if how == "cash":
            payments.pay_cash(office["clerk"], wo.id, receipt, at=at)
        else:
            payments.add_to_bill(office["clerk"], wo.id, month, at=at)
        return wo

    return {
        "oct20_bill_nov": fee(D(2026, 10, 20, 15), 1, "bill", "2026-11"),  # 10, in before the period
        "oct27_cash": fee(D(2026, 10, 27, 15), 2, "cash", receipt="C1"),  # 20, November
        "nov20_bill_dec": fee(D(2026, 11, 20, 15), 3, "bill", "2026-12"),  # 30, out to December
        "nov25_cash": fee(D(2026, 11, 25, 15), 4, "cash", receipt="C2"),  # 40, November (cut-off day)
        "nov26_cash": fee(D(2026, 11, 26, 15), 5, "cash", receipt="C3"),  # 50, December
        "nov30_bill": fee(D(2026, 11, 30, 15), 6, "bill"),  # 60, December (month's end)
        "dec01_bill_jan": fee(D(2026, 12, 1, 15), 7, "bill", "2027-01"),  # 70, out to January
        "nov24_voided": _voided(office, item),  # a cash payment voided, counted nowhere
    }


def _voided(office, item):
    wo = job(office, D(2026, 11, 24, 9), lines=[LineInput(kind="item", price_item_id=item.id, quantity="9")])
    payments.pay_cash(office["clerk"], wo.id, "V1", at=D(2026, 11, 24, 12))
    payments.void(office["supervisor"], wo.id, "收据写错", at=D(2026, 11, 24, 13))
    return wo


def ledger_rows(tmp_path, start, end):
    """The fee ledger written to Excel and read back: dicts by header."""
    path = tmp_path / f"ledger-{start}-{end}.xlsx"
    excel.export_register("fees", path, start, end)
    rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    lines, total = [dict(zip(rows[2], r)) for r in rows[3:-1]], dict(zip(rows[2], rows[-1]))
    assert total["日期"] == "合计"  # the ledger's own 合计 agrees with its lines
    assert total["金额（元）"] == sum(r["金额（元）"] for r in standing(lines))
    return lines


def standing(rows):
    return [r for r in rows if "作废" not in r["收费方式"]]


def test_ledger_summary_and_weekly_agree_across_the_cut_off_and_the_month_end(crossing, tmp_path):
    rows = ledger_rows(tmp_path, *WIDE)
    assert len(rows) == 8 and sum(r["金额（元）"] for r in standing(rows)) == 280
    # each month's summary is the ledger's lines counted in that month
    for month, total in (("2026-11", 70), ("2026-12", 140), ("2027-01", 70)):
        s = summary.summary(month)
        assert s.total == Decimal(sum(r["金额（元）"] for r in standing(rows) if r["计入月份"] == month)) == total
        # ... and the ledger of its days, less what moved out, plus what moved in
        days = standing(ledger_rows(tmp_path, s.start, s.end))
        assert s.ledger_total == sum(r["金额（元）"] for r in days)
        assert s.total == s.ledger_total - sum(m["amount"] for m in s.moved_out) \
            + sum(m["amount"] for m in s.moved_in)
    november = summary.summary("2026-11")
    assert [m["number"] for m in november.moved_out] == [crossing["nov20_bill_dec"].number]
    assert [m["number"] for m in november.moved_in] == [crossing["oct20_bill_nov"].number]
    assert november.ledger_total == 90 and november.bill_total == 10 and november.cash_total == 60
    # the weekly figure is the ledger of the week's days; the weeks add up to the ledger
    weeks, monday = [], WIDE[0]
    while monday < WIDE[1]:
        sunday = monday + dt.timedelta(days=6)
        figure = weekly.summary(monday, sunday).work_orders["fees"]
        assert figure == sum(r["金额（元）"] for r in standing(ledger_rows(tmp_path, monday, sunday)))
        weeks.append(figure)
        monday += dt.timedelta(days=7)
    assert sum(weeks) == registers.fee_total(*WIDE) == 280


def test_the_summary_prints_the_reconciliation_and_the_rule(crossing, tmp_path):
    s = summary.summary("2026-11")
    out = tmp_path / "s.pdf"
    fee_summary_pdf(s, out, "王芳")
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    for words in ("与收费台帐核对", "收费台帐2026-10-26至2026-11-25（不含已作废）", "90.00",
                  f"{crossing['nov20_bill_dec'].number}（2026-11-20→2026-12）", "-30.00",
                  f"{crossing['oct20_bill_nov'].number}（2026-10-20→2026-11）", "本汇总合计", "70.00",
                  "计入下月账单的费用列在本期台帐中，计入下月汇总"):
        assert words in text, words
    path = tmp_path / "s.xlsx"
    fee_summary_xlsx(s, path, "王芳")
    cells = [r for r in load_workbook(path).active.iter_rows(values_only=True)]
    by_label = {r[0]: r for r in cells if r[0]}
    assert by_label["收费台帐 2026-10-26 至 2026-11-25（不含已作废）"][2] == 90
    assert by_label["减：本期登记、计入其他月份的"][2] == -30
    assert by_label["加：计入本月、在本期以外登记的"][2] == 10
    assert by_label["本汇总合计"][2] == 70
    ledger = tmp_path / "l.pdf"
    from propdesk.reports import pdf

    pdf.register_pdf("fees", ledger, s.start, s.end)
    first = PdfReader(ledger).pages[0].extract_text().replace(" ", "")
    assert "按登记日期排列；月度汇总按“计入月份”合计" in first


def test_a_voided_payment_shows_the_lines_it_settled(office, tmp_path):
    cartridge = PriceItem.create(name="更换水龙头阀芯", unit_name="个", price=Decimal("30.00"))
    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    wo = job(office, D(2026, 11, 16, 9), lines=[LineInput(kind="item", price_item_id=cartridge.id)])
    payments.pay_cash(office["clerk"], wo.id, "R1", at=D(2026, 11, 16, 12))
    payments.void(office["supervisor"], wo.id, "实际是疏通", at=D(2026, 11, 17, 9))
    charges.void(office["supervisor"], charges.lines(wo.id)[0].id, "换错项目", at=D(2026, 11, 17, 9, 1))
    charges.add(office["supervisor"], wo.id, LineInput(kind="item", price_item_id=drain.id),
                at=D(2026, 11, 17, 9, 2))
    payments.pay_cash(office["clerk"], wo.id, "R2", at=D(2026, 11, 17, 10))
    rows = {r["收据号"]: r for r in ledger_rows(tmp_path, dt.date(2026, 11, 16), dt.date(2026, 11, 17))}
    assert "更换水龙头阀芯 30.00×1个" in rows["R1"]["服务项目及明细"]
    assert "疏通" not in rows["R1"]["服务项目及明细"] and rows["R1"]["金额（元）"] == 30
    assert rows["R1"]["收费方式"] == "现金（已作废）"
    assert "疏通下水道 80.00×1次" in rows["R2"]["服务项目及明细"]
    assert "阀芯" not in rows["R2"]["服务项目及明细"] and rows["R2"]["金额（元）"] == 80
    s = summary.summary("2026-11")
    assert [(name, a) for name, _n, a in s.by_service] == [("疏通下水道", Decimal("80.00"))]


def test_units_carry_their_estate_in_the_ledger_and_the_bills(office, tmp_path):
    """An office of two estates: the ledger's unit and the summary's bill lines say which."""
    from propdesk.models.tables import Building, Estate, Unit

    cui = Estate.create(name="翠湖苑")
    Unit.create(building=Building.create(estate=cui, name="5幢"), entrance="2单元", room="802",
                label="5幢2单元802")
    item = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    wo = job(office, D(2026, 11, 16, 9), unit="翠湖苑5幢2单元802",
             lines=[LineInput(kind="item", price_item_id=item.id)])
    payments.add_to_bill(office["clerk"], wo.id, at=D(2026, 11, 16, 12))
    rows = ledger_rows(tmp_path, dt.date(2026, 11, 16), dt.date(2026, 11, 16))
    assert [r["房号"] for r in rows] == ["翠湖苑 5幢2单元802"]
    assert [b["unit"] for b in summary.summary("2026-11").bill_lines] == ["翠湖苑 5幢2单元802"]


def test_export_fees_without_dates_is_the_cashiers_month(office, db_location, monkeypatch, tmp_path, capsys):
    from propdesk import cli
    from propdesk.models.tables import AuditEntry

    monkeypatch.setattr(cli, "dt_today", lambda: dt.date(2026, 11, 20))
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    out = tmp_path / "l.xlsx"
    assert cli.main(["--db", db_location, "--user", "clerk", "export", "fees", "-o", str(out)]) == 0
    assert load_workbook(out).active.cell(2, 1).value.startswith("统计期间：2026-10-26 至 2026-11-25")
    entry = AuditEntry.select().where(AuditEntry.action == "export").order_by(AuditEntry.id.desc()).get()
    assert "from=2026-10-26" in entry.note and "to=2026-11-25" in entry.note
