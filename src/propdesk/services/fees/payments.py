"""Settling a work order's fee (收费): cash with a numbered receipt (收据) and who collected it, or
added to the unit's monthly property bill (计入物业费账单) for a month. One live payment per
order; a correction is made only by voiding the payment with a reason (the receipt number
stays used: a paper receipt is never issued twice).
"""
from __future__ import annotations

import datetime as dt
import re

from peewee import IntegrityError

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Payment, Staff, now
from propdesk.services.core import accounts, audit
from propdesk.services.core.db_retry import transaction
from propdesk.services.core.validation import Checker, label
from propdesk.services.fees import charges, months

ENTITY = "work_order"
METHODS = {
    "cash": QT_TRANSLATE_NOOP("enums", "Cash"),
    "bill": QT_TRANSLATE_NOOP("enums", "Monthly bill"),
}
_RECEIPT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/]{0,31}$")

MSG_TWICE = QT_TRANSLATE_NOOP(
    "rules", "{label}: the fee of {number} is settled already ({how}); void that payment first.")
MSG_NOTHING = QT_TRANSLATE_NOOP("rules", "{label}: {number} has no fee to collect.")
MSG_PENDING = QT_TRANSLATE_NOOP(
    "rules", "{label}: the quote \"{line}\" is not approved by a supervisor yet.")
MSG_RECEIPT = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" is not a receipt number (letters, digits and -, at most 32).")
MSG_RECEIPT_USED = QT_TRANSLATE_NOOP("rules", "{label}: receipt {value} is already used for {number}.")
MSG_BILL_MONTH = QT_TRANSLATE_NOOP(
    "rules", "{label}: {value} is closed or too far ahead; choose {this} or {next}.")
MSG_NO_UNIT = QT_TRANSLATE_NOOP("rules", "{label}: {number} has no unit, so it cannot go on a unit's bill.")
MSG_NOT_STAFF = QT_TRANSLATE_NOOP("rules", "{label}: choose an active member of staff.")
MSG_NO_PAYMENT = QT_TRANSLATE_NOOP("rules", "{label}: {number} has no payment to void.")


def method_label(code: str) -> str:
    from propdesk.i18n import translate

    return translate("enums", METHODS.get(code, code))


def refusal(wo_id: int) -> RuleError | None:
    """Why the order's fee cannot be collected now, whatever is typed (settled already, nothing
    owed, a quote not yet approved), or None: what recording a payment refuses first, and what
    the fee dialog says beside its greyed button."""
    wo = charges._order(wo_id)
    existing = charges.live_payment(wo.id)
    if existing is not None:
        return RuleError(MSG_TWICE, field="payment", label=label("payment"), number=wo.number,
                         how=method_label(existing.method))
    if not wo.paid or charges.total(wo.id) <= 0 or wo.status == "cancelled":
        return RuleError(MSG_NOTHING, field="payment", label=label("payment"), number=wo.number)
    pending = charges.pending_quotes(wo.id)
    if pending:
        return RuleError(MSG_PENDING, field="quote_amount", label=label("quote_amount"),
                         line=charges.line_text(pending[0]))
    return None


def _record(actor: Staff, wo_id: int, values: dict, at: dt.datetime) -> Payment:
    wo = charges._order(wo_id)
    refused = refusal(wo.id)
    if refused is not None:
        raise refused
    amount = charges.total(wo.id)
    if values.get("receipt_no"):
        used = Payment.get_or_none(Payment.receipt_no == values["receipt_no"])
        if used is not None:
            raise RuleError(MSG_RECEIPT_USED, field="receipt_no", label=label("receipt_no"),
                            value=values["receipt_no"], number=used.work_order.number)
    if values["method"] == "bill" and not wo.unit_id:
        raise RuleError(MSG_NO_UNIT, field="bill_month", label=label("bill_month"), number=wo.number)
    try:
        with transaction():  # a savepoint: the unique receipt number is the last guard
            payment = Payment.create(work_order=wo.id, amount=amount, recorded_by=actor,
                                     recorded_at=at, **values)
    except IntegrityError:
        raise RuleError(MSG_RECEIPT_USED, field="receipt_no", label=label("receipt_no"),
                        value=values.get("receipt_no"), number="?") from None
    how = method_label(values["method"])
    extra = values.get("receipt_no") or values.get("bill_month")
    audit.record(actor, ENTITY, wo.id, "payment", at=at, note=f"{how} {amount:.2f} {extra}",
                 changes={"payment": (None, f"{how} {amount:.2f} {extra}")})
    charges.refresh(wo)
    return payment


def pay_cash(actor: Staff, wo_id: int, receipt_no: str, collected_by_id: int | None = None,
             paid_at: dt.datetime | None = None, at: dt.datetime | None = None) -> Payment:
    """Cash taken against a numbered receipt; ``collected_by`` defaults to the one recording."""
    at = at or now()
    accounts.require(actor, "fee.collect", ENTITY, wo_id)
    c = Checker()
    receipt = c.text("receipt_no", receipt_no, required=True, max_len=32)
    if receipt and not _RECEIPT.match(receipt):
        c.fail("receipt_no", MSG_RECEIPT, value=receipt)
    paid_at = c.moment("paid_at", paid_at or at, required=True, now=at)
    collector = actor
    if collected_by_id not in (None, "", 0):
        collector = c.ref("collected_by", collected_by_id, Staff,
                          query=Staff.select().where(Staff.active == True))  # noqa: E712
    c.raise_if_any()
    with transaction():
        return _record(actor, wo_id, {"method": "cash", "receipt_no": receipt.upper(),
                                      "collected_by": collector, "paid_at": paid_at,
                                      "fee_month": months.month_of(paid_at)}, at)


def bill_months(day: dt.date | dt.datetime) -> tuple[str, str]:
    """The months a fee recorded on ``day`` may be billed in: this cashier's month or the next."""
    this = months.month_of(day)
    return this, months.next_month(this)


def add_to_bill(actor: Staff, wo_id: int, bill_month: str | None = None,
                at: dt.datetime | None = None) -> Payment:
    """Put the fee on the unit's monthly property bill (default: this cashier's month)."""
    at = at or now()
    accounts.require(actor, "fee.collect", ENTITY, wo_id)
    allowed = bill_months(at)
    month = months.parse(bill_month or allowed[0], "bill_month")
    if month not in allowed:
        raise RuleError(MSG_BILL_MONTH, field="bill_month", label=label("bill_month"), value=month,
                        this=allowed[0], next=allowed[1])
    with transaction():
        return _record(actor, wo_id, {"method": "bill", "receipt_no": None, "collected_by": None,
                                      "paid_at": at, "bill_month": month, "fee_month": month}, at)


def void(actor: Staff, wo_id: int, reason: str, at: dt.datetime | None = None) -> Payment:
    """Void the order's payment (a wrong receipt, the owner paid otherwise): the fee is owed
    again; the voided payment and its receipt number are kept."""
    at = at or now()
    accounts.require(actor, "fee.void", ENTITY, wo_id)
    c = Checker()
    reason = c.text("reason", reason, required=True, max_len=200)
    c.raise_if_any()
    with transaction():
        wo = charges._order(wo_id)
        payment = charges.live_payment(wo.id)
        if payment is None:
            raise RuleError(MSG_NO_PAYMENT, field="payment", label=label("payment"), number=wo.number)
        Payment.update(voided_at=at, voided_by=actor, void_reason=reason).where(
            Payment.id == payment.id).execute()
        how = method_label(payment.method)
        audit.record(actor, ENTITY, wo.id, "payment_void", at=at, note=reason, changes={
            "payment": (f"{how} {payment.amount:.2f} {payment.receipt_no or payment.bill_month}", None)})
        charges.refresh(wo)
        return Payment.get_by_id(payment.id)


def collectors() -> list[Staff]:
    """Who may take cash at the desk: active staff who record payments (not technicians)."""
    roles = accounts.PERMISSIONS["fee.collect"]
    return list(Staff.select().where((Staff.active == True) & Staff.role.in_(list(roles)))  # noqa: E712
                .order_by(Staff.name))


def of(wo_id: int) -> list[Payment]:
    """Every payment of an order, voided ones too, oldest first."""
    return list(Payment.select().where(Payment.work_order == wo_id).order_by(Payment.id))
