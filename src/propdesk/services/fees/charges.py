"""A work order's fee lines (有偿服务收费): price-list items x quantity with the price of the day
kept on the line, materials with their own charge, and quotes that a supervisor approves
(常规有偿服务按收费标准; 特别服务报价经主管审核、批准). Lines are never deleted, only voided with a
reason, and only while the fee is not settled. ``WorkOrder.fee`` holds the total of the live
lines and ``WorkOrder.fee_state`` whether it is owed: both kept here, in the same transaction
as the change, so lists and tiles read them without a query per row.

``is_unpaid(order)`` and ``unpaid_condition()`` are the one rule "a fee is owed", in Python and
in SQL, side by side.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from peewee import JOIN, fn

from propdesk.errors import NotFound, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import WorkOrderStatus
from propdesk.models.tables import FeeLine, Payment, PriceItem, Staff, WorkOrder, now
from propdesk.services.core import accounts, audit
from propdesk.services.core.db_retry import transaction
from propdesk.services.core.validation import Checker, money_value

ENTITY = "work_order"
KINDS = {
    "item": QT_TRANSLATE_NOOP("enums", "Price list"),
    "material": QT_TRANSLATE_NOOP("enums", "Materials"),
    "quote": QT_TRANSLATE_NOOP("enums", "Quote"),
}
MAX_QUANTITY = Decimal("999")
MAX_AMOUNT = Decimal("50000")  # one household's paid service; more is a typing slip
CENT = Decimal("0.01")

MSG_AMOUNT = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is not an amount of money.")
MSG_AMOUNT_RANGE = QT_TRANSLATE_NOOP(
    "rules", "{label}: {value} is out of range: enter more than 0 and at most {max}.")
MSG_QUANTITY = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" is not a quantity: enter a number more than 0 and at most {max}.")
MSG_FREE = QT_TRANSLATE_NOOP(
    "rules", "{label}: {number} is a free service. Make it paid first, noting the owner's agreement.")
MSG_SETTLED = QT_TRANSLATE_NOOP(
    "rules", "{label}: the fee of {number} is settled; void the payment first to change its lines.")
MSG_CANCELLED = QT_TRANSLATE_NOOP("rules", "{label}: {number} is cancelled.")
MSG_SIGNED_OFF = QT_TRANSLATE_NOOP(
    "rules", "{label}: {number} is signed off; only a supervisor may change its fee lines.")
MSG_NOT_QUOTE = QT_TRANSLATE_NOOP("rules", "{label}: this line is not a quote awaiting approval.")
MSG_NO_LINE = QT_TRANSLATE_NOOP("rules", "No such fee line.")
MSG_VOIDED = QT_TRANSLATE_NOOP("rules", "{label}: this line is voided already.")


@dataclass
class LineInput:
    """One line as typed: ``kind`` item (price_item_id, quantity), material (description,
    unit_price, quantity) or quote (description, amount)."""

    kind: str = "item"
    price_item_id: int | None = None
    quantity: str | Decimal | int = "1"
    description: str = ""
    unit_price: str | Decimal = ""
    amount: str | Decimal = ""


# --- the rule "a fee is owed" --------------------------------------------------------------------

def is_unpaid(order: WorkOrder) -> bool:
    return order.fee_state == "unpaid"


def unpaid_condition():
    return WorkOrder.fee_state == "unpaid"


def quote_waiting_condition():
    """Orders with a quote no supervisor has approved yet (neither approved nor voided, the
    order not cancelled): the supervisor's 报价待审批. Until then the fee cannot be collected
    (payments.py), so these wait on the supervisor and nobody else."""
    waiting = (FeeLine.select(FeeLine.work_order)
               .where((FeeLine.kind == "quote") & FeeLine.approved_by.is_null() & FeeLine.voided_at.is_null()))
    return WorkOrder.id.in_(waiting) & (WorkOrder.status != WorkOrderStatus.CANCELLED.value)


def state_for(order: WorkOrder, total: Decimal, settled: bool) -> str:
    if order.status == WorkOrderStatus.CANCELLED.value or total <= 0:
        return "settled" if settled else "none"
    return "settled" if settled else "unpaid"


# --- reading ---------------------------------------------------------------------------------------

def lines(wo_id: int, include_voided: bool = False) -> list[FeeLine]:
    query = FeeLine.select().where(FeeLine.work_order == wo_id)
    if not include_voided:
        query = query.where(FeeLine.voided_at.is_null())
    return list(query.order_by(FeeLine.id))


def stood_at(line: FeeLine, moment: dt.datetime) -> bool:
    """Was ``line`` part of the charge at ``moment``? A voided payment settled the lines that
    stood when it was recorded (lines cannot change while a payment stands): the ledger prints
    it with them, not with the lines the order has after it was voided and corrected."""
    return line.created_at <= moment and (line.voided_at is None or line.voided_at > moment)


def settled_by(line: FeeLine, payment: dict) -> bool:
    """Is ``line`` one the payment settled? A standing payment: the live lines (they cannot
    change while it stands). A voided one: the lines that stood when it was recorded."""
    if payment.get("voided_at") is None:
        return line.voided_at is None
    return stood_at(line, payment["recorded_at"])


def lines_of_payments(payments: list[dict]) -> dict[int, list[FeeLine]]:
    """For payment rows (``id``, ``work_order`` id, ``recorded_at``, ``voided_at``): payment id ->
    the lines it settled (``settled_by``), in one query; each line carries ``approver_name``."""
    if not payments:
        return {}
    approver = Staff.alias("approver")
    by_order: dict[int, list[FeeLine]] = {}
    query = (FeeLine.select(FeeLine, approver.name.alias("approver_name"))
             .join(approver, JOIN.LEFT_OUTER, on=(FeeLine.approved_by == approver.id))
             .where(FeeLine.work_order.in_({p["work_order"] for p in payments})).order_by(FeeLine.id))
    for line in query.objects():
        by_order.setdefault(line.work_order_id, []).append(line)
    return {p["id"]: [ln for ln in by_order.get(p["work_order"], []) if settled_by(ln, p)]
            for p in payments}


def total(wo_id: int) -> Decimal:
    value = (FeeLine.select(fn.SUM(FeeLine.amount))
             .where((FeeLine.work_order == wo_id) & FeeLine.voided_at.is_null()).scalar())
    return Decimal(str(value or 0)).quantize(CENT)


def pending_quotes(wo_id: int) -> list[FeeLine]:
    return [ln for ln in lines(wo_id) if ln.kind == "quote" and ln.approved_by_id is None]


def live_payment(wo_id: int) -> Payment | None:
    return (Payment.select().where((Payment.work_order == wo_id) & Payment.voided_at.is_null())
            .order_by(Payment.id.desc()).first())


def line_text(line: FeeLine) -> str:
    """The line as the ledger and the notice print it: 更换水龙头阀芯 30.00×1个."""
    if line.kind == "quote":
        return f"{line.description} {line.amount:.2f}"
    qty = line.quantity.normalize() if line.quantity == line.quantity.to_integral() else line.quantity
    return f"{line.description} {line.unit_price:.2f}×{qty:f}{line.unit_name}"


def refresh(order: WorkOrder) -> WorkOrder:
    """Keep ``fee`` and ``fee_state`` in step with the lines and payments (inside the caller's
    transaction)."""
    amount = total(order.id)
    state = state_for(order, amount, live_payment(order.id) is not None)
    if order.fee != amount or order.fee_state != state:
        order.fee, order.fee_state = amount, state
        WorkOrder.update(fee=amount, fee_state=state).where(WorkOrder.id == order.id).execute()
    return order


# --- checking amounts ------------------------------------------------------------------------------

def money(c: Checker, field: str, value, limit: Decimal = MAX_AMOUNT) -> Decimal | None:
    amount = money_value(value)
    if amount is None:
        c.fail(field, MSG_AMOUNT, value=value if value is not None else "")
        return None
    if amount <= 0 or amount > limit:
        c.fail(field, MSG_AMOUNT_RANGE, value=amount, max=limit)
        return None
    return amount


def quantity(c: Checker, field: str, value) -> Decimal | None:
    try:
        qty = Decimal(str(value).strip())
        if not qty.is_finite() or qty != qty.quantize(CENT) or qty <= 0 or qty > MAX_QUANTITY:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        c.fail(field, MSG_QUANTITY, value=value, max=MAX_QUANTITY)
        return None
    return qty.quantize(CENT)


# --- changing --------------------------------------------------------------------------------------

def _order(wo_id: int) -> WorkOrder:
    wo = WorkOrder.get_or_none(WorkOrder.id == wo_id)
    if wo is None:
        raise NotFound(QT_TRANSLATE_NOOP("rules", "No such work order."))
    return wo


def check_open(actor: Staff, wo: WorkOrder, field: str = "fee") -> None:
    """May the lines of ``wo`` change now? (paid, not cancelled, not settled; signed off:
    supervisor only)"""
    from propdesk.services.core.validation import label

    params = {"field": field, "label": label(field), "number": wo.number}
    if wo.status == WorkOrderStatus.CANCELLED.value:
        raise RuleError(MSG_CANCELLED, **params)
    if not wo.paid:
        raise RuleError(MSG_FREE, **params)
    if live_payment(wo.id) is not None:
        raise RuleError(MSG_SETTLED, **params)
    if wo.status == WorkOrderStatus.CHECKED.value and not accounts.can(actor, "workorder.check"):
        raise RuleError(MSG_SIGNED_OFF, **params)


def build_line(c: Checker, data: LineInput, field: str = "fee_line") -> dict | None:
    """The stored values of one typed line, or None with the problems in ``c``."""
    kind = c.choice("fee_kind", data.kind, set(KINDS))
    if kind == "item":
        item = c.ref("price_item", data.price_item_id, PriceItem, required=True,
                     query=PriceItem.select().where(PriceItem.active == True))  # noqa: E712
        qty = quantity(c, "quantity", data.quantity)
        if item is None or qty is None:
            return None
        return {"kind": kind, "price_item": item, "description": item.name, "unit_name": item.unit_name,
                "unit_price": Decimal(item.price).quantize(CENT), "quantity": qty,
                "amount": (Decimal(item.price) * qty).quantize(CENT)}
    if kind == "material":
        text = c.text("material_name", data.description, required=True, max_len=120)
        price = money(c, "unit_price", data.unit_price)
        qty = quantity(c, "quantity", data.quantity)
        if not text or price is None or qty is None:
            return None
        amount = (price * qty).quantize(CENT)
        if amount > MAX_AMOUNT:
            c.fail("unit_price", MSG_AMOUNT_RANGE, value=amount, max=MAX_AMOUNT)
            return None
        return {"kind": kind, "description": text, "unit_name": "", "unit_price": price,
                "quantity": qty, "amount": amount}
    if kind == "quote":
        text = c.text("quote_text", data.description, required=True, max_len=120)
        amount = money(c, "quote_amount", data.amount)
        if not text or amount is None:
            return None
        return {"kind": kind, "description": text, "unit_name": "", "unit_price": amount,
                "quantity": Decimal(1), "amount": amount}
    return None


def add_lines(actor: Staff, wo: WorkOrder, values: list[dict], at: dt.datetime) -> list[FeeLine]:
    """Insert checked lines (inside the caller's transaction). A supervisor's own quote is
    approved as it is written; anyone else's waits for a supervisor."""
    made = []
    approver = accounts.can(actor, "workorder.check")
    for v in values:
        extra = {"approved_by": actor, "approved_at": at} if v["kind"] == "quote" and approver else {}
        line = FeeLine.create(work_order=wo.id, created_by=actor, created_at=at, **v, **extra)
        audit.record(actor, ENTITY, wo.id, "fee_line", at=at, note=line_text(line),
                     changes={"fee_line": (None, f"#{line.id} {line_text(line)}")})
        if extra:
            audit.record(actor, ENTITY, wo.id, "quote_approved", at=at, note=line_text(line))
        made.append(line)
    refresh(wo)
    return made


def add(actor: Staff, wo_id: int, data: LineInput, at: dt.datetime | None = None) -> FeeLine:
    """Add one line to a paid order whose fee is not settled."""
    at = at or now()
    accounts.require(actor, "workorder.complete", ENTITY, wo_id)
    with transaction():
        wo = _order(wo_id)
        check_open(actor, wo, "fee_line")
        c = Checker()
        values = build_line(c, data)
        c.raise_if_any()
        assert values is not None  # a line that is not built has its problem in ``c``
        return add_lines(actor, wo, [values], at)[0]


def _line(line_id: int) -> FeeLine:
    line = FeeLine.get_or_none(FeeLine.id == line_id)
    if line is None:
        raise NotFound(MSG_NO_LINE)
    return line


def approve(actor: Staff, line_id: int, at: dt.datetime | None = None) -> FeeLine:
    """A supervisor approves a quote (who and when are kept on the line)."""
    from propdesk.services.core.validation import label

    at = at or now()
    line = _line(line_id)
    accounts.require(actor, "workorder.check", ENTITY, line.work_order_id)
    with transaction():
        line = _line(line_id)
        wo = _order(line.work_order_id)
        check_open(actor, wo, "quote_amount")
        if line.kind != "quote" or line.approved_by_id or line.voided_at:
            raise RuleError(MSG_NOT_QUOTE, field="quote_amount", label=label("quote_amount"))
        FeeLine.update(approved_by=actor, approved_at=at).where(FeeLine.id == line.id).execute()
        audit.record(actor, ENTITY, wo.id, "quote_approved", at=at, note=line_text(line),
                     changes={"quote_approved_by": (None, actor.name)})
        return _line(line_id)


def void(actor: Staff, line_id: int, reason: str, at: dt.datetime | None = None) -> FeeLine:
    """Take a line off the charge, with a reason (kept, shown struck out in the history)."""
    from propdesk.services.core.validation import label

    at = at or now()
    line = _line(line_id)
    accounts.require(actor, "workorder.complete", ENTITY, line.work_order_id)
    with transaction():
        line = _line(line_id)
        wo = _order(line.work_order_id)
        check_open(actor, wo, "fee_line")
        c = Checker()
        reason = c.text("reason", reason, required=True, max_len=200)
        c.raise_if_any()
        if line.voided_at:
            raise RuleError(MSG_VOIDED, field="fee_line", label=label("fee_line"))
        FeeLine.update(voided_at=at, voided_by=actor, void_reason=reason).where(FeeLine.id == line.id).execute()
        audit.record(actor, ENTITY, wo.id, "fee_line_void", at=at, note=reason,
                     changes={"fee_line": (f"#{line.id} {line_text(line)}", None)})
        refresh(wo)
        return _line(line_id)
