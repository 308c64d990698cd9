"""The monthly summary to the cashier (特约服务费月度汇总表) as plain tables shared by the PDF
and the Excel version (same figures, same headings), and the Excel writer. Money is written as
numbers with two decimals; the totals row of each table adds up to the month's total."""
from __future__ import annotations

from decimal import Decimal

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports import output_file
from propdesk.reports.weekly_tables import ReportTable, tr
from propdesk.services.fees.summary import FeeSummary

TITLE = QT_TRANSLATE_NOOP("reports", "Monthly summary of paid services for the cashier")
PERIOD = QT_TRANSLATE_NOOP("reports", "Month {month}: {start} to {end}")
MADE_BY = QT_TRANSLATE_NOOP("reports", "Produced by {name} on {at}")
TOTAL = QT_TRANSLATE_NOOP("reports", "Total")
SIGNATURES = QT_TRANSLATE_NOOP(
    "reports", "Customer service: ____________    Supervisor: ____________    Cashier received: ____________")


def money(value) -> float:
    """Excel: a number (formatted #,##0.00)."""
    return float(Decimal(value or 0).quantize(Decimal("0.01")))


def money_text(value) -> str:
    """PDF: always two decimals, as the cashier reads money."""
    return f"{Decimal(value or 0).quantize(Decimal('0.01')):,.2f}"


def headline(s: FeeSummary, money=money) -> ReportTable:
    rows = [
        [tr(QT_TRANSLATE_NOOP("reports", "Fees settled this month (yuan)")), money(s.total)],
        [tr(QT_TRANSLATE_NOOP("reports", "Cash to hand over (yuan)")), money(s.cash_total)],
        [tr(QT_TRANSLATE_NOOP("reports", "To put on the monthly bills (yuan)")), money(s.bill_total)],
        [tr(QT_TRANSLATE_NOOP("reports", "Fees still unpaid now (orders / yuan)")),
         f"{s.unpaid_orders} / {money_text(s.unpaid_amount)}"],
    ]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "The month at a glance")),
                       [tr(QT_TRANSLATE_NOOP("reports", "Figure")), tr(QT_TRANSLATE_NOOP("reports", "Value"))], rows)


def by_service(s: FeeSummary, money=money) -> ReportTable:
    rows = [[name, n, money(amount)] for name, n, amount in s.by_service]
    rows.append([tr(TOTAL), sum(n for _k, n, _a in s.by_service), money(s.total)])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "By service")), [
        tr(QT_TRANSLATE_NOOP("reports", "Service")), tr(QT_TRANSLATE_NOOP("reports", "Lines")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)"))], rows)


def by_payment(s: FeeSummary, money=money) -> ReportTable:
    rows = [[name, n, money(amount)] for name, n, amount in s.by_payment]
    rows.append([tr(TOTAL), sum(n for _k, n, _a in s.by_payment), money(s.total)])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "By payment")), [
        tr(QT_TRANSLATE_NOOP("reports", "Payment")), tr(QT_TRANSLATE_NOOP("reports", "Orders")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)"))], rows)


def cash(s: FeeSummary, money=money) -> ReportTable:
    rows = [[name, n, money(amount), receipts] for name, n, amount, receipts in s.cash_by_collector]
    rows.append([tr(TOTAL), sum(r[1] for r in s.cash_by_collector), money(s.cash_total), ""])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Cash to hand over to the cashier")), [
        tr(QT_TRANSLATE_NOOP("reports", "Collected by")), tr(QT_TRANSLATE_NOOP("reports", "Receipts")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)")), tr(QT_TRANSLATE_NOOP("reports", "Receipt No."))], rows)


def bills(s: FeeSummary, money=money) -> ReportTable:
    rows = [[b["unit"], b["owner"], b["number"], b["lines"], money(b["amount"])] for b in s.bill_lines]
    rows.append([tr(TOTAL), "", "", "", money(s.bill_total)])
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Lines to put on each unit's monthly bill")), [
        tr(QT_TRANSLATE_NOOP("reports", "Unit")), tr(QT_TRANSLATE_NOOP("reports", "Owner")),
        tr(QT_TRANSLATE_NOOP("reports", "Order No.")), tr(QT_TRANSLATE_NOOP("reports", "Service and lines")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)"))], rows)


def voided(s: FeeSummary, money=money) -> ReportTable:
    rows = [[v["number"], v["method"], money(v["amount"]), v["receipt_no"], v["reason"]] for v in s.voided]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Voided payments (not counted)")), [
        tr(QT_TRANSLATE_NOOP("reports", "Order No.")), tr(QT_TRANSLATE_NOOP("reports", "Payment")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)")), tr(QT_TRANSLATE_NOOP("reports", "Receipt No.")),
        tr(QT_TRANSLATE_NOOP("reports", "Reason"))], rows)


RULE = QT_TRANSLATE_NOOP(
    "reports", "The fee ledger lists payments by the day recorded; this summary counts each in its "
               "month (cash: the cashier's month it was taken in; a bill: the month of the bill). "
               "A fee put on next month's bill is in the ledger of these days and in next month's "
               "summary.")


def _orders(moved: list[dict]) -> str:
    return "、".join(f"{m['number']}（{m['paid_at']:%Y-%m-%d} → {m['month']}）" for m in moved)


def reconciliation(s: FeeSummary, money=money) -> ReportTable:
    """The month's total from the ledger's total for its days (tick off against 收费台帐)."""
    out = sum((m["amount"] for m in s.moved_out), Decimal(0))
    in_ = sum((m["amount"] for m in s.moved_in), Decimal(0))
    rows = [
        [tr(QT_TRANSLATE_NOOP("reports", "Fee ledger {start} to {end}, payments standing")).format(
            start=s.start.isoformat(), end=s.end.isoformat()), "", money(s.ledger_total)],
        [tr(QT_TRANSLATE_NOOP("reports", "Less: recorded in these days, counted in another month")),
         _orders(s.moved_out), money(-out)],
        [tr(QT_TRANSLATE_NOOP("reports", "Add: counted in this month, recorded on other days")),
         _orders(s.moved_in), money(in_)],
        [tr(QT_TRANSLATE_NOOP("reports", "This summary's total")), "", money(s.total)],
    ]
    return ReportTable(tr(QT_TRANSLATE_NOOP("reports", "Checked against the fee ledger")), [
        tr(QT_TRANSLATE_NOOP("reports", "Figure")), tr(QT_TRANSLATE_NOOP("reports", "Orders")),
        tr(QT_TRANSLATE_NOOP("reports", "Amount (yuan)"))], rows)


def all_tables(s: FeeSummary, text: bool = False) -> list[ReportTable]:
    """The tables; ``text``: money as "1,234.50" (the PDF) instead of numbers (Excel)."""
    m = money_text if text else money
    return [headline(s, m), by_service(s, m), by_payment(s, m), cash(s, m), bills(s, m), voided(s, m),
            reconciliation(s, m)]


def fee_summary_xlsx(s: FeeSummary, path, made_by: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from propdesk.reports.weekly_excel import _write_table
    from propdesk.services.core import settings

    wb = Workbook()
    ws = wb.active
    ws.title = s.month
    ws.cell(1, 1, f"{settings.get('office_name') or ''}  {tr(TITLE)}").font = Font(bold=True, size=14)
    ws.cell(2, 1, tr(PERIOD).format(month=s.month, start=s.start.isoformat(), end=s.end.isoformat()))
    ws.cell(3, 1, tr(MADE_BY).format(name=made_by, at=s.generated_at.strftime("%Y-%m-%d %H:%M")))
    row = 5
    for table in all_tables(s):
        row = _write_table(ws, row, table)
        for r in ws.iter_rows(min_row=row - 2 - len(table.rows), max_row=row - 2):
            for cell in r:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
    ws.cell(row, 1, tr(RULE))
    ws.cell(row + 2, 1, tr(SIGNATURES))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 44
    ws.column_dimensions["E"].width = 14
    with output_file(path, ".xlsx") as tmp:
        wb.save(tmp)
