"""The monthly summary to the cashier (特约服务费月度汇总, 交收款部门): for a cashier's month
(26th of the month before to the 25th, see months.py) the fees settled, by service and by
payment; the cash each collector hands over with its receipt numbers; the lines to put on each
unit's monthly bill. Voided payments are listed apart and counted nowhere.

The figures come from the same payments as the fee ledger (services.lists.registers): a payment
counts in its stored month (``Payment.fee_month``: a cash payment in the cashier's month it was
taken, a bill line in the month of the bill it goes on), while the ledger lists payments by the
day they were recorded. So the month's total is, by construction, the ledger's total for the
month's days, less the payments recorded in those days that count in another month (a fee put on
next month's bill), plus the payments of this month recorded outside those days — both listed
on the summary (``moved_out``, ``moved_in``), so the cashier can tick them off against the ledger.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, fn

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models.tables import FeeLine, Owner, Payment, Staff, Unit, WorkOrder, now
from propdesk.services.fees import charges, months

ZERO = Decimal("0.00")
MATERIALS = QT_TRANSLATE_NOOP("reports", "Materials")


@dataclass
class FeeSummary:
    month: str
    start: dt.date
    end: dt.date
    by_service: list[tuple[str, int, Decimal]] = field(default_factory=list)  # name, lines, amount
    by_payment: list[tuple[str, int, Decimal]] = field(default_factory=list)  # method, orders, amount
    cash_by_collector: list[tuple[str, int, Decimal, str]] = field(default_factory=list)  # + receipts
    bill_lines: list[dict] = field(default_factory=list)  # unit, owner, number, lines, amount
    voided: list[dict] = field(default_factory=list)
    ledger_total: Decimal = ZERO  # live payments recorded between start and end (the ledger's sum)
    moved_out: list[dict] = field(default_factory=list)  # recorded in the period, counted elsewhere
    moved_in: list[dict] = field(default_factory=list)  # counted here, recorded outside the period
    total: Decimal = ZERO
    cash_total: Decimal = ZERO
    bill_total: Decimal = ZERO
    unpaid_orders: int = 0
    unpaid_amount: Decimal = ZERO
    generated_at: dt.datetime = field(default_factory=now)


def summary(month: str, at: dt.datetime | None = None) -> FeeSummary:
    month = months.parse(month, "fee_month")
    start, end = months.period(month)
    s = FeeSummary(month=month, start=start, end=end, generated_at=at or now())
    collector = Staff.alias("collector")
    rows = list(Payment.select(Payment, WorkOrder.number, WorkOrder.contact_name,
                               Unit.label.alias("unit"), Unit.building.alias("unit_building"),
                               Owner.name.alias("owner_name"),
                               collector.name.alias("collector_name"))
                .join(WorkOrder, on=(Payment.work_order == WorkOrder.id))
                .join(Unit, JOIN.LEFT_OUTER, on=(WorkOrder.unit == Unit.id)).switch(WorkOrder)
                .join(Owner, JOIN.LEFT_OUTER, on=(WorkOrder.owner == Owner.id)).switch(Payment)
                .join(collector, JOIN.LEFT_OUTER, on=(Payment.collected_by == collector.id))
                .where(Payment.fee_month == month).order_by(Payment.paid_at, Payment.id).dicts())
    from propdesk.services.register.address import with_estates

    with_estates(rows)  # each unit's bill: 翠湖苑 5幢2单元802 in an office of several estates
    live = [r for r in rows if r["voided_at"] is None]
    lines: dict[int, list[FeeLine]] = charges.lines_of_payments(live)  # payment id -> its lines
    services: dict[str, list] = {}
    materials = translate("reports", MATERIALS)
    for r in live:
        for line in lines[r["id"]]:
            name = materials if line.kind == "material" else line.description
            entry = services.setdefault(name, [0, ZERO])
            entry[0] += 1
            entry[1] += line.amount
    s.by_service = sorted(((k, n, a) for k, (n, a) in services.items()), key=lambda t: (-t[2], t[0]))
    from propdesk.services.fees.payments import method_label

    for method in ("cash", "bill"):
        mine = [r for r in live if r["method"] == method]
        s.by_payment.append((method_label(method), len(mine), sum((r["amount"] for r in mine), ZERO)))
    s.cash_total, s.bill_total = s.by_payment[0][2], s.by_payment[1][2]
    s.total = s.cash_total + s.bill_total
    by_collector: dict[str, list] = {}
    for r in live:
        if r["method"] == "cash":
            entry = by_collector.setdefault(r["collector_name"] or "—", [0, ZERO, []])
            entry[0] += 1
            entry[1] += r["amount"]
            entry[2].append(r["receipt_no"])
    s.cash_by_collector = [(k, n, a, "、".join(sorted(receipts))) for k, (n, a, receipts) in sorted(by_collector.items())]
    s.bill_lines = sorted(({
        "unit": r["unit"] or "—", "owner": r["owner_name"] or r["contact_name"], "number": r["number"],
        "lines": "；".join(charges.line_text(ln) for ln in lines[r["id"]]), "amount": r["amount"],
        "paid_at": r["paid_at"]} for r in live if r["method"] == "bill"), key=lambda d: (d["unit"], d["number"]))
    s.voided = [{"number": r["number"], "method": method_label(r["method"]), "amount": r["amount"],
                 "receipt_no": r["receipt_no"] or "", "reason": r["void_reason"]}
                for r in rows if r["voided_at"] is not None]
    _reconcile(s, live)
    n, amount = (WorkOrder.select(fn.COUNT(WorkOrder.id), fn.SUM(WorkOrder.fee))
                 .where(charges.unpaid_condition()).tuples().get())
    s.unpaid_orders, s.unpaid_amount = n or 0, Decimal(str(amount or 0)).quantize(Decimal("0.01"))
    return s


def _reconcile(s: FeeSummary, live: list[dict]) -> None:
    """The ledger's total for the month's days, and the payments that make the difference."""
    from propdesk.services.lists.registers import fee_condition, fee_total, live_payment_condition

    s.ledger_total = fee_total(s.start, s.end)

    def moved(r) -> dict:
        return {"number": r["number"], "paid_at": r["paid_at"], "month": r["fee_month"],
                "amount": r["amount"]}

    in_period = fee_condition(s.start, s.end)
    s.moved_out = [moved(r) for r in (
        Payment.select(Payment.paid_at, Payment.fee_month, Payment.amount, WorkOrder.number)
        .join(WorkOrder, on=(Payment.work_order == WorkOrder.id))
        .where(in_period & live_payment_condition() & (Payment.fee_month != s.month))
        .order_by(Payment.paid_at, Payment.id).dicts())]
    first = dt.datetime.combine(s.start, dt.time())
    after = dt.datetime.combine(s.end + dt.timedelta(days=1), dt.time())
    s.moved_in = [moved(r) for r in live if not first <= r["paid_at"] < after]
