"""What each paper register (台账) holds: one declarative definition serves Excel and PDF.

``REGISTERS`` maps a register's name (``complaints``, ``repairs``, ``callbacks``, ``owners``) to
a :class:`Register`: its title (the office's own book title in Chinese), its columns in the
order of the paper book, and the PDF layout (several short fields can share one ruled column so
the line fits A4 landscape). The rows come from :mod:`propdesk.services.lists.registers`.

Column kinds decide how a value is written: ``datetime``/``date`` as real Excel dates,
``money`` and ``int`` as numbers, ``long`` wrapped, ``enum`` and ``bool`` as translated labels.
With masking on, every text column (phones and free text alike) goes through
:mod:`propdesk.services.register.privacy`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.models import enums
from propdesk.reports import ReportError
from propdesk.services.lists import registers as rows_service
from propdesk.services.register import privacy

CTX = "reports"
TEXT_KINDS = ("text", "long", "phone", "phones", "enum", "bool")
YES = QT_TRANSLATE_NOOP("reports", "Yes")
NO = QT_TRANSLATE_NOOP("reports", "No")
EXTENSIONS = (".xlsx", ".pdf")

MSG_BAD_DATE = QT_TRANSLATE_NOOP(
    "reports", "{label}: \"{value}\" is not a date. Write it as 2026-11-30.")
MSG_DATES_REQUIRED = QT_TRANSLATE_NOOP(
    "reports", "The {register} needs a period: give a start date and an end date.")
MSG_DATES_ORDER = QT_TRANSLATE_NOOP(
    "reports", "The period starts ({start}) after it ends ({end}).")
MSG_EXTENSION = QT_TRANSLATE_NOOP(
    "reports", "\"{value}\": the file name must end in .xlsx or .pdf.")
MSG_UNKNOWN_REGISTER = QT_TRANSLATE_NOOP(
    "reports", "\"{value}\" is not a register. Choose one of: {names}.")
LABEL_FROM = QT_TRANSLATE_NOOP("reports", "Start date")
LABEL_TO = QT_TRANSLATE_NOOP("reports", "End date")
PERIOD = QT_TRANSLATE_NOOP("reports", "Period: {start} to {end}")
LATE = QT_TRANSLATE_NOOP("reports", "Late")
AS_OF = QT_TRANSLATE_NOOP("reports", "As of {date}")
PERIOD_NOTE = QT_TRANSLATE_NOOP("reports", "{period} ({note})")


def tr(text: str) -> str:
    return translate(CTX, text)


@dataclass
class Column:
    """One column of a register. ``get`` computes the value from the row when ``key`` alone
    does not hold it (e.g. the callback result joins satisfaction and the owner's words)."""

    key: str
    header: str  # English source; shown through tr()
    kind: str = "text"
    width: float = 12  # Excel width in characters (a Chinese character counts two)
    enum: type | None = None
    get: Callable[[dict], object] | None = None
    mark: str = ""  # bool columns: in the PDF, this word when true and nothing when false

    def title(self) -> str:
        return tr(self.header)

    def converter(self, mask_phones: bool = False) -> Callable[[dict], object]:
        """A function row -> cell value of the right type. Built once per export so the
        per-row work is a dict look-up, not a translation. With ``mask_phones`` every text
        column masks the phones in it (privacy.mask_phone), free text included."""
        get = self.get or (lambda row, key=self.key: row.get(key))
        mask = privacy.masker(bool(mask_phones), phone_field=self.kind in ("phone", "phones"))
        if self.kind == "enum":
            labels = {m.value: m.label() for m in self.enum}
            return lambda row: labels.get(get(row)) or get(row) or None
        if self.kind == "bool":
            yes, no = tr(YES), tr(NO)
            return lambda row: None if get(row) is None else (yes if get(row) else no)
        if self.kind == "phones":
            return lambda row: "、".join(mask(str(p)) for p in get(row) or ())
        if self.kind in ("text", "long", "phone") and mask_phones:
            return lambda row: mask(get(row)) or None
        if self.kind == "money":
            return lambda row: None if get(row) is None else float(get(row))
        if self.kind == "date":
            return lambda row: _as_date(get(row))
        return get


def _as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass
class PdfColumn:
    """A ruled column of the printed book: one or more fields stacked, with a relative width."""

    keys: tuple[str, ...]
    weight: float
    header: str | None = None  # default: the fields' headers joined with "/"


@dataclass
class Register:
    name: str
    title_source: str
    columns: list[Column]
    pdf_columns: list[PdfColumn]
    dated: bool = True  # the owner register is a snapshot, not a period
    period_note: str = ""  # said after the period (a rule the reader needs, e.g. the fee ledger's)
    # a money column added up under the last line (the fee ledger's 合计), over the lines that
    # ``counts``; voided payments stay listed but are not added
    total_column: str | None = None
    total_label: str = ""  # the closing line's words, with {amount}
    counts: Callable[[dict], bool] = field(default=lambda row: True, repr=False)
    count: Callable = field(default=None, repr=False)
    rows: Callable = field(default=None, repr=False)

    def title(self) -> str:
        """The book's title in the current language (客户投诉记录本 in Chinese)."""
        return tr(self.title_source)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def headers(self) -> list[str]:
        return [c.title() for c in self.columns]

    def add_to_total(self, total: Decimal, row: dict) -> Decimal:
        """``total`` with ``row``'s amount added when the register has a total and the row counts."""
        if self.total_column is None or not self.counts(row):
            return total
        value = self.column(self.total_column).get
        amount = value(row) if value else row.get(self.total_column)
        return total + Decimal(str(amount or 0))


_SATISFACTION_CODES = {m.value for m in enums.Satisfaction}


def _callback_result(row: dict) -> str:
    code = row.get("callback_satisfaction") or ""
    label = enums.Satisfaction(code).label() if code in _SATISFACTION_CODES else code
    words = row.get("callback_words") or ""
    return f"{label}：{words}" if label and words else (label or words)


COMPLAINTS = Register("complaints", QT_TRANSLATE_NOOP("reports", "Complaint register"), [
    Column("number", QT_TRANSLATE_NOOP("reports", "No."), width=17),
    Column("received_at", QT_TRANSLATE_NOOP("reports", "Date and time"), "datetime", 17),
    Column("complainant", QT_TRANSLATE_NOOP("reports", "Complainant"), width=10),
    Column("unit", QT_TRANSLATE_NOOP("reports", "Unit"), width=15),
    Column("phone", QT_TRANSLATE_NOOP("reports", "Phone"), "phone", 14),
    Column("channel", QT_TRANSLATE_NOOP("reports", "Channel"), "enum", 8, enums.Channel),
    Column("description", QT_TRANSLATE_NOOP("reports", "Content"), "long", 40),
    Column("category", QT_TRANSLATE_NOOP("reports", "Category"), width=16),
    Column("severity", QT_TRANSLATE_NOOP("reports", "Class"), "enum", 8, enums.Severity),
    Column("department", QT_TRANSLATE_NOOP("reports", "Department"), width=11),
    Column("status", QT_TRANSLATE_NOOP("reports", "Status"), "enum", 9, enums.ComplaintStatus),
    Column("replied_at", QT_TRANSLATE_NOOP("reports", "Replied at"), "datetime", 17),
    Column("result", QT_TRANSLATE_NOOP("reports", "Handling result"), "long", 32),
    Column("closed_at", QT_TRANSLATE_NOOP("reports", "Date closed"), "date", 12),
    Column("callback", QT_TRANSLATE_NOOP("reports", "Callback result"), "long", 22,
           get=_callback_result),
    Column("customer_opinion", QT_TRANSLATE_NOOP("reports", "Customer opinion"), "long", 22),
    Column("overdue", QT_TRANSLATE_NOOP("reports", "Overdue"), "bool", 7, mark=LATE),
    Column("recorded_by", QT_TRANSLATE_NOOP("reports", "Recorded by"), width=9),
    Column("repeat_of", QT_TRANSLATE_NOOP("reports", "Repeat of"), width=17),
], [
    PdfColumn(("number", "received_at", "repeat_of"), 1.25),
    PdfColumn(("complainant", "unit", "phone"), 1.25),
    PdfColumn(("channel",), 0.62),
    PdfColumn(("description",), 2.3),
    PdfColumn(("category", "severity"), 1.3),
    PdfColumn(("department",), 0.8),
    PdfColumn(("replied_at", "closed_at"), 1.15),
    PdfColumn(("result",), 2.1),
    PdfColumn(("callback", "customer_opinion"), 1.75),
    PdfColumn(("status", "overdue"), 0.68),
    PdfColumn(("recorded_by",), 0.62),
], count=rows_service.count_complaints, rows=rows_service.iter_complaints)

REPAIRS = Register("repairs", QT_TRANSLATE_NOOP("reports", "Repair register"), [
    Column("number", QT_TRANSLATE_NOOP("reports", "No."), width=17),
    Column("received_at", QT_TRANSLATE_NOOP("reports", "Date and time"), "datetime", 17),
    Column("kind", QT_TRANSLATE_NOOP("reports", "Type"), "enum", 9, enums.WorkOrderKind),
    Column("unit", QT_TRANSLATE_NOOP("reports", "Unit"), width=15),
    Column("contact_name", QT_TRANSLATE_NOOP("reports", "Contact"), width=10),
    Column("contact_phone", QT_TRANSLATE_NOOP("reports", "Phone"), "phone", 14),
    Column("location", QT_TRANSLATE_NOOP("reports", "Place"), width=16),
    Column("description", QT_TRANSLATE_NOOP("reports", "Repair content"), "long", 36),
    Column("repair_category", QT_TRANSLATE_NOOP("reports", "Repair category"), width=10),
    Column("urgency", QT_TRANSLATE_NOOP("reports", "Urgency"), "enum", 7, enums.Urgency),
    Column("department", QT_TRANSLATE_NOOP("reports", "Department"), width=11),
    Column("technician", QT_TRANSLATE_NOOP("reports", "Technician"), width=10),
    Column("scheduled_at", QT_TRANSLATE_NOOP("reports", "Agreed time"), "datetime", 17),
    Column("finished_at", QT_TRANSLATE_NOOP("reports", "Finished at"), "datetime", 17),
    Column("result", QT_TRANSLATE_NOOP("reports", "Repair result"), "long", 30),
    Column("fee", QT_TRANSLATE_NOOP("reports", "Fee (yuan)"), "money", 10),
    Column("status", QT_TRANSLATE_NOOP("reports", "Status"), "enum", 9, enums.WorkOrderStatus),
    Column("checked_by", QT_TRANSLATE_NOOP("reports", "Checked by"), width=9),
    Column("callback", QT_TRANSLATE_NOOP("reports", "Callback result"), "long", 22,
           get=_callback_result),
    Column("complaint_number", QT_TRANSLATE_NOOP("reports", "Complaint No."), width=17),
    Column("recorded_by", QT_TRANSLATE_NOOP("reports", "Recorded by"), width=9),
], [
    PdfColumn(("number", "received_at"), 1.25),
    PdfColumn(("unit", "contact_name", "contact_phone"), 1.25),
    PdfColumn(("location",), 0.9),
    PdfColumn(("description",), 2.25),
    PdfColumn(("urgency", "kind", "repair_category"), 0.8),
    PdfColumn(("department", "technician"), 0.8),
    PdfColumn(("scheduled_at", "finished_at"), 1.15),
    PdfColumn(("result",), 2.0),
    PdfColumn(("fee",), 0.6, header=QT_TRANSLATE_NOOP("reports", "Fee")),  # 费用: no room for (元)
    PdfColumn(("status", "checked_by"), 0.7),
    PdfColumn(("callback",), 1.3),
    PdfColumn(("recorded_by",), 0.6),
], count=rows_service.count_repairs, rows=rows_service.iter_repairs)

CALLBACKS = Register("callbacks", QT_TRANSLATE_NOOP("reports", "Callback register"), [
    Column("number", QT_TRANSLATE_NOOP("reports", "No."), width=17),
    Column("due_date", QT_TRANSLATE_NOOP("reports", "Due date"), "date", 12),
    Column("done_at", QT_TRANSLATE_NOOP("reports", "Called back at"), "datetime", 17),
    Column("subject_number", QT_TRANSLATE_NOOP("reports", "Case No."), width=17),
    Column("unit", QT_TRANSLATE_NOOP("reports", "Unit"), width=15),
    Column("customer", QT_TRANSLATE_NOOP("reports", "Customer"), width=10),
    Column("phone", QT_TRANSLATE_NOOP("reports", "Phone"), "phone", 14),
    Column("subject", QT_TRANSLATE_NOOP("reports", "Matter"), "long", 36),
    Column("method", QT_TRANSLATE_NOOP("reports", "How"), "enum", 10, enums.ContactMethod),
    Column("reached", QT_TRANSLATE_NOOP("reports", "Reached"), "bool", 7),
    Column("satisfaction", QT_TRANSLATE_NOOP("reports", "Satisfaction"), "enum", 10,
           enums.Satisfaction),
    Column("owner_words", QT_TRANSLATE_NOOP("reports", "Customer's words"), "long", 32),
    Column("status", QT_TRANSLATE_NOOP("reports", "Status"), "enum", 9, enums.CallbackStatus),
    Column("attempts", QT_TRANSLATE_NOOP("reports", "Attempts"), "int", 7),
    Column("done_by", QT_TRANSLATE_NOOP("reports", "Called back by"), width=9),
], [
    PdfColumn(("number", "due_date"), 1.2),
    PdfColumn(("done_at", "subject_number"), 1.25),
    PdfColumn(("unit", "customer", "phone"), 1.25),
    PdfColumn(("subject",), 2.6),
    PdfColumn(("method", "reached"), 0.8),
    PdfColumn(("satisfaction",), 0.85),
    PdfColumn(("owner_words",), 2.4),
    PdfColumn(("status", "attempts"), 0.6),
    PdfColumn(("done_by",), 0.65),
], count=rows_service.count_callbacks, rows=rows_service.iter_callbacks)

OWNERS = Register("owners", QT_TRANSLATE_NOOP("reports", "Owner register"), [
    # the estate first: the export imports back into the same office unchanged (issue 15)
    Column("estate", QT_TRANSLATE_NOOP("reports", "Estate"), width=10),
    Column("building", QT_TRANSLATE_NOOP("reports", "Building"), width=9),
    Column("entrance", QT_TRANSLATE_NOOP("reports", "Entrance"), width=8),
    Column("room", QT_TRANSLATE_NOOP("reports", "Room"), width=8),
    Column("unit", QT_TRANSLATE_NOOP("reports", "Unit"), width=15),
    Column("floor", QT_TRANSLATE_NOOP("reports", "Floor"), "int", 6),
    Column("area", QT_TRANSLATE_NOOP("reports", "Area (m²)"), "money", 10),
    Column("name", QT_TRANSLATE_NOOP("reports", "Name"), width=12),
    Column("role", QT_TRANSLATE_NOOP("reports", "Role"), "enum", 8, enums.OwnerRole),
    Column("phones", QT_TRANSLATE_NOOP("reports", "Phone"), "phones", 28),
    Column("note", QT_TRANSLATE_NOOP("reports", "Note"), "long", 30),
], [
    PdfColumn(("estate",), 0.8),
    PdfColumn(("building",), 0.7),
    PdfColumn(("entrance",), 0.7),
    PdfColumn(("room",), 0.7),
    PdfColumn(("floor",), 0.45),
    PdfColumn(("area",), 0.7),
    PdfColumn(("name",), 1.0),
    PdfColumn(("role",), 0.6),
    PdfColumn(("phones",), 2.2),
    PdfColumn(("note",), 2.0),
], dated=False, count=rows_service.count_owners, rows=rows_service.iter_owners)

VOIDED = QT_TRANSLATE_NOOP("reports", "voided")
VOIDED_REMARK = QT_TRANSLATE_NOOP("reports", "Voided by {name}: {reason}")
AGREED_REMARK = QT_TRANSLATE_NOOP("reports", "Made paid at the visit: {agreement}")
APPROVED_REMARK = QT_TRANSLATE_NOOP("reports", "Quote approved by {name}")


def _fee_service(row: dict) -> str:
    lines = "；".join(line["text"] for line in row.get("lines") or ())
    return f"{row.get('description') or ''}：{lines}" if lines else row.get("description") or ""


def _fee_payment(row: dict) -> str:
    from propdesk.services.fees.payments import method_label

    label = method_label(row.get("method") or "")
    return f"{label}（{tr(VOIDED)}）" if row.get("voided") else label


def _fee_remarks(row: dict) -> str:
    parts = []
    if row.get("voided"):
        parts.append(tr(VOIDED_REMARK).format(name=row.get("voided_by") or "", reason=row.get("void_reason") or ""))
    if row.get("owner_agreement"):
        parts.append(tr(AGREED_REMARK).format(agreement=row["owner_agreement"]))
    approvers = sorted({line["approved_by"] for line in row.get("lines") or () if line["kind"] == "quote"
                        and line["approved_by"]})
    parts += [tr(APPROVED_REMARK).format(name=name) for name in approvers]
    return "；".join(parts)


FEES = Register("fees", QT_TRANSLATE_NOOP("reports", "Fee ledger"), [
    Column("paid_at", QT_TRANSLATE_NOOP("reports", "Date"), "date", 12),
    Column("number", QT_TRANSLATE_NOOP("reports", "Order No."), width=17),
    Column("unit", QT_TRANSLATE_NOOP("reports", "Unit"), width=15),
    Column("owner", QT_TRANSLATE_NOOP("reports", "Owner"), width=10),
    Column("contact_phone", QT_TRANSLATE_NOOP("reports", "Phone"), "phone", 14),
    Column("service", QT_TRANSLATE_NOOP("reports", "Service and lines"), "long", 44, get=_fee_service),
    Column("amount", QT_TRANSLATE_NOOP("reports", "Amount (yuan)"), "money", 11),
    Column("payment", QT_TRANSLATE_NOOP("reports", "Payment"), width=14, get=_fee_payment),
    Column("receipt_no", QT_TRANSLATE_NOOP("reports", "Receipt No."), width=12),
    Column("collected_by", QT_TRANSLATE_NOOP("reports", "Collected by"), width=9),
    # every line's cashier's month (a bill's is its bill's month): the summary of a month adds
    # the lines of that month, wherever the date puts them in the ledger
    Column("fee_month", QT_TRANSLATE_NOOP("reports", "Month counted"), width=9),
    Column("remarks", QT_TRANSLATE_NOOP("reports", "Remarks"), "long", 30, get=_fee_remarks),
], [
    PdfColumn(("paid_at", "number"), 1.2),
    PdfColumn(("unit", "owner", "contact_phone"), 1.3),
    PdfColumn(("service",), 3.0),
    PdfColumn(("amount",), 0.7, header=QT_TRANSLATE_NOOP("reports", "Amount")),
    PdfColumn(("payment", "fee_month"), 1.0),
    PdfColumn(("receipt_no", "collected_by"), 0.9),
    PdfColumn(("remarks",), 1.8),
], count=rows_service.count_fees, rows=rows_service.iter_fees,
    total_column="amount", counts=rows_service.live_payment_row,
    total_label=QT_TRANSLATE_NOOP("reports", "Amount in total: {amount} yuan (voided payments are "
                                             "listed but not added)."),
    period_note=QT_TRANSLATE_NOOP("reports", "listed by the day recorded; a month's summary adds the "
                                             "lines whose month counted is that month"))

REGISTERS: dict[str, Register] = {r.name: r for r in (COMPLAINTS, REPAIRS, CALLBACKS, OWNERS, FEES)}


def get_register(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        raise ReportError(MSG_UNKNOWN_REGISTER, value=name, names=", ".join(REGISTERS)) from None


# --- period, file names, checks shared by Excel, PDF and the CLI ----------------------------------

def parse_date(text: str | None, label: str = LABEL_FROM) -> dt.date | None:
    """``2026-11-30`` (also 2026/11/30, full-width digits) -> date; empty -> None."""
    from propdesk.services.register.owners import normalize_text

    written = normalize_text(text or "")
    if not written:
        return None
    parts = written.replace("/", "-").replace(".", "-").split("-")
    try:
        return dt.date.fromisoformat("-".join(p.zfill(2) for p in parts))
    except ValueError:
        raise ReportError(MSG_BAD_DATE, label=tr(label), value=written) from None


def check_period(register: Register, date_from, date_to) -> None:
    if register.dated and (date_from is None or date_to is None):
        raise ReportError(MSG_DATES_REQUIRED, register=register.title())
    if date_from and date_to and date_from > date_to:
        raise ReportError(MSG_DATES_ORDER, start=date_from.isoformat(), end=date_to.isoformat())


def output_kind(path) -> str:
    """"xlsx" or "pdf" from the file name; anything else is refused with a clear message."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ReportError(MSG_EXTENSION, value=str(path))
    return suffix[1:]


def period_text(register: Register, date_from, date_to, printed: dt.date | None = None) -> str:
    """"统计期间：2026-11-01 至 2026-11-30", or for the owner register (a snapshot of today)
    "截至 2026-11-24"."""
    if register.dated:
        start = date_from.isoformat() if date_from else "…"
        end = date_to.isoformat() if date_to else "…"
        text = tr(PERIOD).format(start=start, end=end)
        return tr(PERIOD_NOTE).format(period=text, note=tr(register.period_note)) if register.period_note else text
    day = (printed or dt.date.today()).isoformat()
    return tr(AS_OF).format(date=day)


def suggested_filename(name: str, date_from=None, date_to=None, ext: str = "xlsx") -> str:
    """A file name that says what it is: 客户投诉记录本_2026-11-01_2026-11-30.xlsx."""
    parts = [get_register(name).title()]
    parts += [d.isoformat() for d in (date_from, date_to) if d]
    if len(parts) == 1:
        parts.append(dt.date.today().isoformat())
    title = re.sub(r'[\\/:*?"<>|\s]+', "_", "_".join(parts))
    return f"{title}.{ext.lstrip('.')}"
