"""The money of the demo's paid repairs (有偿服务), step for step as ``services.fees`` records it:
the fee lines written at the visit (the price list's item × quantity at the price of the day,
a part with its own price, now and then a quote a supervisor approves), a free repair found
chargeable at the visit with the owner's agreement, then cash against a numbered receipt (收据),
the unit's monthly bill (this cashier's month or, late in the month, the next), or still owed;
one cash payment voided (a wrong receipt) and collected again; and the monthly summaries of the
months already ended marked as produced, so the dashboard reminds only of the one running.

Its own random stream (seeded from the demo's), so the complaints and work orders of a seed stay
what they were before the money was told.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from types import SimpleNamespace

from propdesk.models.tables import FeeLine, Payment
from propdesk.services.fees import charges, months, payments
from propdesk.demo import text as T
from propdesk.demo.cases import Cases, Story, minutes, office_hours

CENT = Decimal("0.01")
UNITS = {name: unit for name, unit, _price in T.PRICE_LIST}


class Fees:
    def __init__(self, cases: Cases):
        self.c = cases
        # seeded from the demo's generator without drawing from it (its first word is the same
        # for every seed, so a few of the following ones)
        self.rng = random.Random(sum(cases.rng.getstate()[1][1:9]))
        self.cutoff, self.remind = months.cutoff_day(), months.remind_day()
        self.receipt = 1000 + self.rng.randrange(1000)  # the first receipt of the desk's book
        self.voided_one = False
        self.charged: set[int] = set()  # orders whose lines are written (a rework keeps them)
        self.texts: dict[int, str] = {}  # fee line id -> its text (for the audit notes)

    # --- at intake -----------------------------------------------------------------------------

    def plan(self, description: str, item: str | None, in_unit: bool, paid: bool) -> dict | None:
        """What the repair will be charged, or None for a free one. ``paid``: ticked at intake;
        otherwise a job with a price-list item is sometimes found chargeable at the visit."""
        rng = self.rng
        if not in_unit:
            return None
        quote = T.QUOTES.get(description)
        if item in self.c.prices and (paid or rng.random() < 0.25):
            plan = {"paid": paid, "item": item, "quantity": 2 if item == "更换开关插座" and rng.random() < 0.3 else 1,
                    "material": T.MATERIAL_CHARGES.get(item) if rng.random() < 0.5 else None}
            if quote and rng.random() < 0.3:  # worse than it sounded: a quote instead
                plan = {"paid": paid, "quote": quote}
            return plan
        if quote and item is None and rng.random() < 0.6:
            return {"paid": rng.random() < 0.5, "quote": quote}
        return None

    # --- at the visit --------------------------------------------------------------------------

    def charge(self, story: Story, tech: int, plan: dict | None, at: dt.datetime) -> Decimal:
        """The lines written when the first round is completed; returns the order's total."""
        row = story.row
        if plan is None or row["id"] in self.charged:
            return Decimal(row.get("fee") or 0)
        self.charged.add(row["id"])
        if not row["paid"]:  # free at intake, chargeable at the visit: the owner agreed
            agreement = self.rng.choice(T.OWNER_AGREEMENTS).format(name=row["contact_name"] or "")
            self.c.audit(tech, "work_order", row["id"], "edit", at, agreement,
                         {"paid": False, "owner_agreement": ""}, {"paid": True, "owner_agreement": agreement})
            row.update(paid=True, owner_agreement=agreement)
        lines = []
        if "item" in plan:
            item_id, price = self.c.prices[plan["item"]]
            qty = Decimal(plan["quantity"])
            lines.append({"kind": "item", "price_item": item_id, "description": plan["item"],
                          "unit_name": UNITS.get(plan["item"], ""), "unit_price": Decimal(price),
                          "quantity": qty, "amount": (Decimal(price) * qty).quantize(CENT)})
            if plan.get("material"):
                name, unit_price, qty = plan["material"]
                lines.append({"kind": "material", "price_item": None, "description": name, "unit_name": "",
                              "unit_price": Decimal(unit_price), "quantity": Decimal(qty),
                              "amount": (Decimal(unit_price) * Decimal(qty)).quantize(CENT)})
        else:
            text, amount = plan["quote"]
            lines.append({"kind": "quote", "price_item": None, "description": text, "unit_name": "",
                          "unit_price": Decimal(amount), "quantity": Decimal(1), "amount": Decimal(amount)})
        plan["lines"] = []
        for values in lines:
            line = self.c.rows.add(FeeLine, work_order=row["id"], created_by=tech, created_at=at, **values)
            text = charges.line_text(SimpleNamespace(**values))
            self.texts[line["id"]] = text
            self.c.audit(tech, "work_order", row["id"], "fee_line", at, text,
                         {"fee_line": None}, {"fee_line": f"#{line['id']} {text}"})
            plan["lines"].append(line)
        total = sum((ln["amount"] for ln in lines), Decimal(0)).quantize(CENT)
        row.update(fee=total, fee_state="unpaid", price_item=lines[0]["price_item"])
        return total

    # --- settling ------------------------------------------------------------------------------

    def settle(self, story: Story, plan: dict | None, done: dt.datetime) -> None:
        """After the visit: the quote approved, then cash, the bill, or still owed."""
        if not plan or "lines" not in plan or plan.get("settled"):
            return
        plan["settled"] = True
        rng, c, row = self.rng, self.c, story.row
        quotes = [ln for ln in plan["lines"] if ln["kind"] == "quote"]
        ready = done
        for line in quotes:
            approved = office_hours(done + minutes(rng, 30, 300), rng)
            if approved > c.as_of:
                return  # waiting for the supervisor: owed, not yet collectable
            line.update(approved_by=c.supervisor, approved_at=approved)
            c.audit(c.supervisor, "work_order", row["id"], "quote_approved", approved, self.texts[line["id"]],
                    {"quote_approved_by": None}, {"quote_approved_by": c.names.get(c.supervisor, "")})
            ready = max(ready, approved)
        r = rng.random()
        if r < 0.18:
            return  # still owed: the unpaid tile and the board's filter show it
        clerk = rng.choice(c.clerks)
        if r < 0.65:
            at = office_hours(ready + minutes(rng, 10, 240), rng)
            if at > c.as_of:
                return
            payment = self._cash(row, clerk, at)
            if not self.voided_one and c.as_of - at > dt.timedelta(days=3):  # the first such
                self.voided_one = True
                voided_at = office_hours(at + minutes(rng, 600, 1800), rng)
                reason = rng.choice(T.PAYMENT_VOID_REASONS)
                payment.update(voided_at=voided_at, voided_by=c.supervisor, void_reason=reason)
                c.audit(c.supervisor, "work_order", row["id"], "payment_void", voided_at, reason,
                        {"payment": self._text(payment)}, {"payment": None})
                row["fee_state"] = "unpaid"
                self._cash(row, clerk, voided_at + minutes(rng, 5, 30))
            return
        at = office_hours(ready + minutes(rng, 60, 2880), rng)
        if at > c.as_of:
            return
        this = months.month_of(at, self.cutoff)  # or, late in the month, the next one's bill
        month = months.next_month(this) if self.remind <= at.day <= self.cutoff and rng.random() < 0.5 else this
        payment = c.rows.add(Payment, work_order=row["id"], method="bill", amount=row["fee"],
                             receipt_no=None, collected_by=None, paid_at=at, bill_month=month,
                             fee_month=month, recorded_by=clerk, recorded_at=at)
        c.audit(clerk, "work_order", row["id"], "payment", at, self._text(payment),
                {"payment": None}, {"payment": self._text(payment)})
        row["fee_state"] = "settled"

    def _cash(self, row: dict, clerk: int, at: dt.datetime) -> dict:
        self.receipt += 1
        payment = self.c.rows.add(
            Payment, work_order=row["id"], method="cash", amount=row["fee"], receipt_no=f"A{self.receipt:06d}",
            collected_by=clerk, paid_at=at, bill_month="", fee_month=months.month_of(at, self.cutoff),
            recorded_by=clerk, recorded_at=at)
        self.c.audit(clerk, "work_order", row["id"], "payment", at, self._text(payment),
                     {"payment": None}, {"payment": self._text(payment)})
        row["fee_state"] = "settled"
        return payment

    @staticmethod
    def _text(payment: dict) -> str:
        how = payments.method_label(payment["method"])
        return f"{how} {payment['amount']:.2f} {payment['receipt_no'] or payment['bill_month']}"

    # --- the cashier's months ------------------------------------------------------------------

    def summaries_produced(self, first: dt.date) -> None:
        """The summary of every cashier's month that ended before the demo's today, produced by
        the supervisor on its cut-off day."""
        c = self.c
        month = months.month_of(first, self.cutoff)
        while True:
            due = months.due(month)
            if due >= c.as_of.date():
                return
            at = dt.datetime.combine(due, dt.time(16, 30))
            c.audit(c.supervisor, months.SUMMARY_ENTITY, months.summary_key(month), "produce", at,
                    f"{month} 有偿服务费汇总_{month}.pdf", {}, {})
            month = months.next_month(month)
