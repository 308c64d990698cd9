"""Field checks shared by the intake forms: each problem names the field in the UI language."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from propdesk.errors import MSG_REQUIRED, RuleError, ValidationError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.register.owners import normalize_text, phone_digits

FIELD_LABELS = {
    # office setup (services/office*.py, staff_admin.py, structure.py, calendar_admin.py)
    "office_name": QT_TRANSLATE_NOOP("fields", "Office name"),
    # the office's PostgreSQL server (services/setup/desk_server.py)
    "server_host": QT_TRANSLATE_NOOP("fields", "Server"),
    "server_port": QT_TRANSLATE_NOOP("fields", "Port"),
    "server_database": QT_TRANSLATE_NOOP("fields", "Database"),
    "server_user": QT_TRANSLATE_NOOP("fields", "User name on the server"),
    "office_address": QT_TRANSLATE_NOOP("fields", "Office address"),
    "office_phone": QT_TRANSLATE_NOOP("fields", "Office phone"),
    "office_logo": QT_TRANSLATE_NOOP("fields", "Logo"),
    "language": QT_TRANSLATE_NOOP("fields", "Language of the office"),
    "estate": QT_TRANSLATE_NOOP("fields", "Estate"),
    "estate_name": QT_TRANSLATE_NOOP("fields", "Estate name"),
    "estate_address": QT_TRANSLATE_NOOP("fields", "Estate address"),
    "building_name": QT_TRANSLATE_NOOP("fields", "Building"),
    "entrances": QT_TRANSLATE_NOOP("fields", "Entrances"),
    "floor_from": QT_TRANSLATE_NOOP("fields", "First floor"),
    "floor_to": QT_TRANSLATE_NOOP("fields", "Last floor"),
    "rooms_per_floor": QT_TRANSLATE_NOOP("fields", "Rooms per floor"),
    "staff_name": QT_TRANSLATE_NOOP("fields", "Name"),
    "staff_phone": QT_TRANSLATE_NOOP("fields", "Phone"),
    "role": QT_TRANSLATE_NOOP("fields", "Role"),
    "active": QT_TRANSLATE_NOOP("fields", "Active"),
    "department_name": QT_TRANSLATE_NOOP("fields", "Department name"),
    "department_active": QT_TRANSLATE_NOOP("fields", "Department active"),
    "category_name": QT_TRANSLATE_NOOP("fields", "Category name"),
    "category_active": QT_TRANSLATE_NOOP("fields", "Category active"),
    "sort": QT_TRANSLATE_NOOP("fields", "Order"),
    "price_item_name": QT_TRANSLATE_NOOP("fields", "Service"),
    "price_unit": QT_TRANSLATE_NOOP("fields", "Charged per"),
    "price": QT_TRANSLATE_NOOP("fields", "Price"),
    "sla.major.reply": QT_TRANSLATE_NOOP("fields", "Major: reply within"),
    "sla.major.resolve": QT_TRANSLATE_NOOP("fields", "Major: resolved within"),
    "sla.important.reply": QT_TRANSLATE_NOOP("fields", "Important: reply within"),
    "sla.important.resolve": QT_TRANSLATE_NOOP("fields", "Important: resolved within"),
    "sla.minor.reply": QT_TRANSLATE_NOOP("fields", "Minor: reply within"),
    "sla.minor.resolve": QT_TRANSLATE_NOOP("fields", "Minor: resolved within"),
    "sla.invalid.reply": QT_TRANSLATE_NOOP("fields", "Invalid: reason told within"),
    "sla.invalid.resolve": QT_TRANSLATE_NOOP("fields", "Invalid: closed within"),
    "callback_days": QT_TRANSLATE_NOOP("fields", "Callback window"),
    "fee_cutoff_day": QT_TRANSLATE_NOOP("fields", "Cut-off day of the cashier's month"),
    "fee_remind_day": QT_TRANSLATE_NOOP("fields", "Reminder of the monthly summary from day"),
    "callback_max_attempts": QT_TRANSLATE_NOOP("fields", "Callback attempts"),
    "urgent_minutes": QT_TRANSLATE_NOOP("fields", "Urgent repair hand-over"),
    "ordinary_minutes": QT_TRANSLATE_NOOP("fields", "Ordinary repair hand-over"),
    "repeat_days": QT_TRANSLATE_NOOP("fields", "Repeat-complaint window"),
    "day_from": QT_TRANSLATE_NOOP("fields", "From"),
    "day_to": QT_TRANSLATE_NOOP("fields", "To"),
    "day_kind": QT_TRANSLATE_NOOP("fields", "Kind of day"),
    "day_note": QT_TRANSLATE_NOOP("fields", "Day note"),
    "schedule_file": QT_TRANSLATE_NOOP("fields", "Schedule file"),
    "year_complete": QT_TRANSLATE_NOOP("fields", "Year complete"),
    "channel": QT_TRANSLATE_NOOP("fields", "Channel"),
    "received_at": QT_TRANSLATE_NOOP("fields", "Time received"),
    "phone": QT_TRANSLATE_NOOP("fields", "Caller phone"),
    "complainant": QT_TRANSLATE_NOOP("fields", "Complainant"),
    "unit": QT_TRANSLATE_NOOP("fields", "Unit"),
    "location": QT_TRANSLATE_NOOP("fields", "Where"),
    "occurred_at": QT_TRANSLATE_NOOP("fields", "When it happened"),
    "description": QT_TRANSLATE_NOOP("fields", "What happened"),
    "people_involved": QT_TRANSLATE_NOOP("fields", "People involved"),
    "customer_request": QT_TRANSLATE_NOOP("fields", "Customer's request"),
    "evidence": QT_TRANSLATE_NOOP("fields", "Evidence shown"),
    "category": QT_TRANSLATE_NOOP("fields", "Category"),
    "severity": QT_TRANSLATE_NOOP("fields", "Class"),
    "invalid_reason": QT_TRANSLATE_NOOP("fields", "Reason it is invalid"),
    "department": QT_TRANSLATE_NOOP("fields", "Responsible department"),
    "reason": QT_TRANSLATE_NOOP("fields", "Reason"),
    "method": QT_TRANSLATE_NOOP("fields", "How"),
    "at": QT_TRANSLATE_NOOP("fields", "Time"),
    "result": QT_TRANSLATE_NOOP("fields", "Result"),
    "cause": QT_TRANSLATE_NOOP("fields", "Cause found"),
    "action": QT_TRANSLATE_NOOP("fields", "Corrective action"),
    "customer_opinion": QT_TRANSLATE_NOOP("fields", "Customer's opinion"),
    "signature_received": QT_TRANSLATE_NOOP("fields", "Signed by the customer"),
    "resolve_by": QT_TRANSLATE_NOOP("fields", "Resolve by"),
    "reply_by": QT_TRANSLATE_NOOP("fields", "Reply by"),
    "escalation": QT_TRANSLATE_NOOP("fields", "Escalation"),
    "callback_at": QT_TRANSLATE_NOOP("fields", "Time agreed to call back"),
    "made_by": QT_TRANSLATE_NOOP("fields", "Produced by"),
    "note": QT_TRANSLATE_NOOP("fields", "Note"),
    "urgency": QT_TRANSLATE_NOOP("fields", "Urgency"),
    "window": QT_TRANSLATE_NOOP("fields", "Agreed time"),
    "technician": QT_TRANSLATE_NOOP("fields", "Technician"),
    "arrived_at": QT_TRANSLATE_NOOP("fields", "Arrival time"),
    "finished_at": QT_TRANSLATE_NOOP("fields", "Finish time"),
    "materials": QT_TRANSLATE_NOOP("fields", "Materials"),
    "fee": QT_TRANSLATE_NOOP("fields", "Fee"),
    "quantity": QT_TRANSLATE_NOOP("fields", "Quantity"),
    "assigned_to": QT_TRANSLATE_NOOP("fields", "Callback clerk"),
    "satisfaction": QT_TRANSLATE_NOOP("fields", "Satisfaction"),
    "owner_words": QT_TRANSLATE_NOOP("fields", "Owner's words"),
    "setting": QT_TRANSLATE_NOOP("fields", "Setting"),
    "value": QT_TRANSLATE_NOOP("fields", "Value"),
    "username": QT_TRANSLATE_NOOP("fields", "User name"),
    "password": QT_TRANSLATE_NOOP("fields", "Password"),
    "old_password": QT_TRANSLATE_NOOP("fields", "Current password"),
    "new_password": QT_TRANSLATE_NOOP("fields", "New password"),
    "new_password_again": QT_TRANSLATE_NOOP("fields", "New password again"),
    "file": QT_TRANSLATE_NOOP("fields", "Backup file"),
    "owner": QT_TRANSLATE_NOOP("fields", "Owner"),
    "related_to": QT_TRANSLATE_NOOP("fields", "Related complaint"),
    "complaint": QT_TRANSLATE_NOOP("fields", "Complaint"),
    "valid": QT_TRANSLATE_NOOP("fields", "Valid complaint"),
    "notice_required": QT_TRANSLATE_NOOP("fields", "Notice to the customer"),
    "is_group": QT_TRANSLATE_NOOP("fields", "Group complaint"),
    "paid": QT_TRANSLATE_NOOP("fields", "Paid service"),
    "reached": QT_TRANSLATE_NOOP("fields", "Owner reached"),
    # paid services and the fee ledger (services/fees/)
    "fee_line": QT_TRANSLATE_NOOP("fields", "Fee line"),
    "fee_kind": QT_TRANSLATE_NOOP("fields", "Kind of charge"),
    "price_item": QT_TRANSLATE_NOOP("fields", "Price list item"),
    "material_name": QT_TRANSLATE_NOOP("fields", "Material"),
    "unit_price": QT_TRANSLATE_NOOP("fields", "Unit price"),
    "quote_text": QT_TRANSLATE_NOOP("fields", "Quoted work"),
    "quote_amount": QT_TRANSLATE_NOOP("fields", "Quote"),
    "payment": QT_TRANSLATE_NOOP("fields", "Payment"),
    "receipt_no": QT_TRANSLATE_NOOP("fields", "Receipt number"),
    "collected_by": QT_TRANSLATE_NOOP("fields", "Collected by"),
    "paid_at": QT_TRANSLATE_NOOP("fields", "Paid on"),
    "bill_month": QT_TRANSLATE_NOOP("fields", "Billing month"),
    "fee_month": QT_TRANSLATE_NOOP("fields", "Month"),
    "owner_agreement": QT_TRANSLATE_NOOP("fields", "Owner's agreement"),
    "repair_category": QT_TRANSLATE_NOOP("fields", "Repair category"),
    "repair_category_name": QT_TRANSLATE_NOOP("fields", "Repair category name"),
}

MSG_PHONE = QT_TRANSLATE_NOOP(
    "rules", "{label}: \"{value}\" is not a phone number. Enter an 11-digit mobile number "
    "(13812345678) or a landline such as 0755-12345678.")
MSG_TOO_LONG = QT_TRANSLATE_NOOP("rules", "{label}: at most {max} characters (now {n}).")
MSG_CONTROL = QT_TRANSLATE_NOOP("rules", "{label}: contains characters that cannot be stored.")
MSG_FUTURE = QT_TRANSLATE_NOOP("rules", "{label} cannot be in the future.")
MSG_TOO_OLD = QT_TRANSLATE_NOOP("rules", "{label}: {value} is too far in the past.")
MSG_CHOICE = QT_TRANSLATE_NOOP("rules", "{label}: choose one of the list.")
MSG_NOT_TEXT = QT_TRANSLATE_NOOP("rules", "{label}: enter text.")
MSG_NOT_TIME = QT_TRANSLATE_NOOP("rules", "{label}: enter a date and time, such as 2026-11-24 09:30.")
MSG_YES_NO = QT_TRANSLATE_NOOP("rules", "{label}: answer yes or no.")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})?[2-9]\d{6,7}(\d{1,6})?$")  # optional area code, extension
# What no text field stores: control characters but tab, line feed and carriage return (NUL
# included: PostgreSQL's text cannot hold it, and nobody types one), DEL, the C1 controls, and
# lone surrogates (not even UTF-8). The one rule: every service checks its text through
# ``Checker.text`` or, for text that is not a form field (a roster cell), ``has_control``.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_TEXTLIKE = (str, int, float, Decimal)  # a number typed or read from Excel is text too
_MAX_ID = 2**63 - 1


def money_value(value) -> Decimal | None:
    """A sum of money as people type it (¥80, 80元, 1,200.50): the amount in yuan, or None when
    it is empty, not a number or finer than a fen. Ranges and messages are the caller's."""
    text = str(value if value is not None else "").strip()
    for mark in ("¥", "￥", "元", ","):
        text = text.replace(mark, "")
    try:
        amount = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        return None
    return amount.quantize(Decimal("0.01"))


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character no field may store (see _CONTROL)."""
    return bool(_CONTROL.search(text))


def label(field: str) -> str:
    return translate("fields", FIELD_LABELS.get(field, field))


class Checker:
    """Collects every problem of one form, so the clerk sees them all at once."""

    def __init__(self):
        self.errors: dict[str, RuleError] = {}

    def fail(self, field: str, message: str, **params) -> None:
        self.errors.setdefault(field, RuleError(message, field=field, label=label(field), **params))

    def text(self, field: str, value, required: bool = False, max_len: int = 200) -> str:
        if value is not None and (isinstance(value, bool) or not isinstance(value, _TEXTLIKE)):
            self.fail(field, MSG_NOT_TEXT)  # a list, bytes, a date ... is a program error
            return ""
        value = normalize_text(value if isinstance(value, str) else ("" if value is None else str(value)))
        if required and not value:
            self.fail(field, MSG_REQUIRED)
        elif len(value) > max_len:
            self.fail(field, MSG_TOO_LONG, max=max_len, n=len(value))
        elif has_control(value):
            self.fail(field, MSG_CONTROL)
        return value

    def phone(self, field: str, value: str, required: bool = False) -> tuple[str, str]:
        """Returns (as written, digits only)."""
        value = self.text(field, value, required, max_len=32)
        if not value:
            return "", ""
        digits = phone_digits(value)
        if not (_MOBILE.match(digits) or _LANDLINE.match(digits)) or re.search(r"[^\d\s\-+()转]", value):
            self.fail(field, MSG_PHONE, value=value)
        return value, digits

    def moment(self, field: str, value, required: bool = False, now: dt.datetime | None = None,
               allow_future_minutes: int = 10) -> dt.datetime | None:
        if value is None or value == "":
            if required:
                self.fail(field, MSG_REQUIRED)
            return None
        if not isinstance(value, dt.datetime):
            self.fail(field, MSG_NOT_TIME)
            return None
        if value.tzinfo is not None:  # the office works in naive local time
            try:
                value = value.astimezone().replace(tzinfo=None)
            except (OverflowError, ValueError, OSError):
                self.fail(field, MSG_NOT_TIME)
                return None
        now = now or dt.datetime.now()
        if value > now + dt.timedelta(minutes=allow_future_minutes):
            self.fail(field, MSG_FUTURE)
        elif value.year < 2000:
            self.fail(field, MSG_TOO_OLD, value=value.strftime("%Y-%m-%d"))
        return value.replace(microsecond=0)

    def choice(self, field: str, value, allowed, required: bool = True):
        if value is None or (isinstance(value, str) and value == ""):
            if required:
                self.fail(field, MSG_REQUIRED)
            return None
        try:
            known = value in allowed
        except TypeError:  # unhashable: a list, a dict
            known = False
        if not known:
            self.fail(field, MSG_CHOICE)
            return None
        return value

    def flag(self, field: str, value, default: bool = False) -> bool:
        """A yes/no field: True/False (or 1/0); None keeps ``default``."""
        if value is None:
            return default
        if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
            return bool(value)
        self.fail(field, MSG_YES_NO)
        return default

    def ref(self, field: str, value, model, required: bool = False, query=None):
        """A row picked from a list, given by its id (an int or digits); None if empty.
        ``query`` narrows what may be picked (e.g. active rows)."""
        if value is None or (isinstance(value, (str, int)) and not isinstance(value, bool)
                              and (value == 0 or not str(value).strip())):
            if required:
                self.fail(field, MSG_REQUIRED)
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) < 19:
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAX_ID:
            self.fail(field, MSG_CHOICE)
            return None
        row = (query or model.select()).where(model.id == value).first()
        if row is None:
            self.fail(field, MSG_CHOICE)
        return row

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
