"""The rows of each paper register (台账) as plain values, for Excel and PDF exports.

Each register has ``count_<name>(date_from, date_to, filters)`` and ``iter_<name>(...)``, which
yields one dict per line. The iterator runs ONE query (joins and correlated sub-queries for the
latest callback) and streams it from the cursor, so 100,000 lines cost one query and little
memory; the owner register adds one phone query per chunk of owners. Values are plain: codes
for enumerations (the report translates them), naive datetimes, Decimals, str.

The iterators read in batches of :data:`BATCH` lines, each batch starting after the last line
of the one before (keyset: the register's order and the id), so no engine holds the whole
register at once (a PostgreSQL cursor would fetch every row on the first read) and each batch
walks the same index from where the last one stopped.

``filters`` is the list's own filter; its ``date_from``/``date_to`` are replaced by the
register's period. Complaints take a :class:`~propdesk.services.lists.search.ComplaintFilter` and
repairs a :class:`~propdesk.services.lists.workorder_search.WorkOrderFilter`, each applied by the
list's own ``_where`` (the same rule as the list on screen). Callbacks and owners take either
and honour what applies to them: ``building_id``, ``text`` and (callbacks) ``statuses`` when the
codes are callback statuses.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from peewee import JOIN, fn

from propdesk.models.enums import CallbackStatus
from propdesk.models.tables import (
    Building, Callback, Category, Complaint, Department, Estate, Owner, OwnerPhone, Payment,
    RepairCategory, Staff, Unit, WorkOrder, now,
)
from propdesk.services.cases import lateness
from propdesk.services.lists import search
from propdesk.services.lists import workorder_search
from propdesk.services.register.owners import normalize_text
from propdesk.services.lists.query_parts import all_of, unindexed
from propdesk.services.core.accounts import PROGRAM

OWNER_CHUNK = 1000
BATCH = 2000  # register lines read at a time


def in_batches(query, column, id_column, batch: int | None = None) -> Iterator[dict]:
    """The lines of ``query`` (ordered by ``column``, then ``id_column``, both selected under
    their own names) as dicts, read ``batch`` at a time. The next batch starts after the last
    line read: ``column >= last`` keeps the index on ``column`` usable on both engines."""
    batch = batch or BATCH
    key, id_key = column.name, id_column.name
    after = query
    while True:
        rows = list(after.limit(batch).dicts())
        yield from rows
        if len(rows) < batch:
            return
        last, last_id = rows[-1][key], rows[-1][id_key]
        after = query.where((column >= last) & ((column > last) | (id_column > last_id)))


# --- shared pieces ------------------------------------------------------------------------------

def _latest_callback(column: str, owner_field: str, owner_id):
    """Scalar sub-query: ``column`` of the newest done callback of a complaint or work order.

    Looked up through the index on the complaint (or work order), never the one on status:
    with a million callbacks the latter reads most of them for each line."""
    cb = Callback.alias(f"cb_{column}")
    return (cb.select(getattr(cb, column))
            .where((getattr(cb, owner_field) == owner_id)
                   & (unindexed(cb.status) == CallbackStatus.DONE.value))
            .order_by(cb.done_at.desc(), cb.id.desc()).limit(1))


def _statuses(filters, allowed) -> tuple[str, ...]:
    codes = {m.value for m in allowed}
    return tuple(s for s in getattr(filters, "statuses", ()) if s in codes)


# --- 客户投诉记录本: complaints ----------------------------------------------------------------------

def complaint_filter(date_from, date_to, filters: search.ComplaintFilter | None = None):
    """The list's filter with the register's period in place of its own dates. The register
    keeps a complaint voided after it was closed, marked voided (``lateness.on_record``)."""
    return dataclasses.replace(filters or search.ComplaintFilter(), date_from=date_from,
                               date_to=date_to, on_record=True)


def count_complaints(date_from, date_to, filters=None) -> int:
    return search.count(complaint_filter(date_from, date_to, filters), reader=PROGRAM)


def iter_complaints(date_from, date_to, filters=None,
                    at: dt.datetime | None = None) -> Iterator[dict]:
    """Complaint register lines in the order received; ``overdue`` is judged at ``at`` (now)."""
    f = complaint_filter(date_from, date_to, filters)
    at = at or f.at or now()
    query = complaint_lines(date_from, date_to, filters)
    for row in _with_estate(in_batches(query, Complaint.received_at, Complaint.id)):
        # late on either deadline, reply (回复) or resolution (处理完毕), now or when done
        row["overdue"] = lateness.complaint_late(row, at)
        yield row


def complaint_lines(date_from, date_to, filters=None):
    """The one query behind the complaint register (ordered as received; the benchmark runs
    the same SQL on a plain connection)."""
    f = complaint_filter(date_from, date_to, filters)
    creator = Staff.alias("creator")
    earlier = Complaint.alias("earlier")
    fields = (earlier.number.alias("repeat_of"), Complaint.on_hold_since, Complaint.notice_required,
        Complaint.id, Complaint.number, Complaint.received_at, Complaint.complainant,
        Unit.label.alias("unit"), Unit.building.alias("unit_building"), Complaint.phone,
        Complaint.channel, Complaint.location,
        Complaint.description, Complaint.customer_request, Category.name.alias("category"),
        Complaint.severity, Complaint.valid, Department.name.alias("department"),
        Complaint.status, Complaint.reply_by, Complaint.resolve_by, Complaint.replied_at,
        Complaint.reply_note, Complaint.cause, Complaint.action, Complaint.result,
        Complaint.closed_at, Complaint.customer_opinion, creator.name.alias("recorded_by"),
        _latest_callback("satisfaction", "complaint", Complaint.id).alias("callback_satisfaction"),
        _latest_callback("owner_words", "complaint", Complaint.id).alias("callback_words"),
    )
    query = (search._base(fields).switch(Complaint)
             .join(creator, JOIN.LEFT_OUTER, on=(Complaint.created_by == creator.id)).switch(Complaint)
             .join(earlier, JOIN.LEFT_OUTER, on=(Complaint.related_to == earlier.id))
             .where(search._where(f)).order_by(Complaint.received_at, Complaint.id))
    return query


def _with_estate(rows: Iterator[dict]) -> Iterator[dict]:
    """Each line's unit with its estate in front when the office has several (one look-up of
    the buildings for the whole register, none per line)."""
    from propdesk.services.register.address import building_estates, several_estates

    if not several_estates():
        yield from rows
        return
    names = building_estates()
    for row in rows:
        if row.get("unit") and row.get("unit_building"):
            row["unit"] = f"{names.get(row['unit_building'], '')} {row['unit']}".strip()
        yield row


# --- 报修维修记录本: repairs and work orders ----------------------------------------------------------

def repair_filter(date_from, date_to, filters=None) -> workorder_search.WorkOrderFilter:
    """The work-order list's filter (or, from the complaint list, its department and text)
    with the register's period."""
    if isinstance(filters, workorder_search.WorkOrderFilter):
        return dataclasses.replace(filters, date_from=date_from, date_to=date_to)
    return workorder_search.WorkOrderFilter(
        department_id=getattr(filters, "department_id", None), text=getattr(filters, "text", ""),
        date_from=date_from, date_to=date_to)


def _work_order_query(fields, date_from, date_to, filters):
    cond = workorder_search._where(repair_filter(date_from, date_to, filters))
    building = getattr(filters, "building_id", None)
    if building:
        cond &= Unit.building == building
    return (WorkOrder.select(*fields)
            .join(Unit, JOIN.LEFT_OUTER, on=(WorkOrder.unit == Unit.id)).switch(WorkOrder)
            .where(cond))


def count_repairs(date_from, date_to, filters=None) -> int:
    return _work_order_query([WorkOrder.id], date_from, date_to, filters).count()


def iter_repairs(date_from, date_to, filters=None) -> Iterator[dict]:
    """Work orders (repair calls and complaint follow-ups) in the order received."""
    tech, creator, checker = Staff.alias("tech"), Staff.alias("creator"), Staff.alias("checker")
    fields = (
        WorkOrder.id, WorkOrder.number, WorkOrder.kind, WorkOrder.received_at,
        Unit.label.alias("unit"), Unit.building.alias("unit_building"), WorkOrder.contact_name,
        WorkOrder.contact_phone,
        WorkOrder.location, WorkOrder.description, WorkOrder.urgency,
        Department.name.alias("department"), tech.name.alias("technician"),
        WorkOrder.scheduled_at, WorkOrder.arrived_at, WorkOrder.finished_at, WorkOrder.result,
        WorkOrder.materials, WorkOrder.fee, WorkOrder.paid, WorkOrder.status,
        RepairCategory.name.alias("repair_category"), WorkOrder.fee_state,
        checker.name.alias("checked_by"), WorkOrder.checked_at, WorkOrder.rework_round,
        Complaint.number.alias("complaint_number"), creator.name.alias("recorded_by"),
        _latest_callback("satisfaction", "work_order", WorkOrder.id).alias("callback_satisfaction"),
        _latest_callback("owner_words", "work_order", WorkOrder.id).alias("callback_words"),
    )
    query = _work_order_query(fields, date_from, date_to, filters)
    for model, fk in ((Department, WorkOrder.department), (tech, WorkOrder.technician),
                      (checker, WorkOrder.checked_by), (creator, WorkOrder.created_by),
                      (Complaint, WorkOrder.complaint), (RepairCategory, WorkOrder.repair_category)):
        query = query.switch(WorkOrder).join(model, JOIN.LEFT_OUTER, on=(fk == model.id))
    query = query.order_by(WorkOrder.received_at, WorkOrder.id)
    yield from _with_estate(in_batches(query, WorkOrder.received_at, WorkOrder.id))


# --- 客户回访记录本: callbacks ------------------------------------------------------------------------

_CU, _WU = Unit.alias("cu"), Unit.alias("wu")


def _callback_query(fields, date_from, date_to, filters):
    """Callbacks due in the period (cancelled ones left out unless asked for by status)."""
    conds = []
    if date_from:
        conds.append(Callback.due_date >= date_from)
    if date_to:
        conds.append(Callback.due_date <= date_to)
    statuses = _statuses(filters, CallbackStatus)
    conds.append(Callback.status.in_(statuses) if statuses
                 else Callback.status != CallbackStatus.CANCELLED.value)
    building = getattr(filters, "building_id", None)
    if building:
        conds.append((_CU.building == building) | (_WU.building == building))
    text = normalize_text(getattr(filters, "text", ""))
    if text:
        conds.append(Callback.number.contains(text) | Callback.owner_words.contains(text)
                     | Complaint.number.contains(text) | WorkOrder.number.contains(text)
                     | _CU.label.contains(text) | _WU.label.contains(text)
                     | Complaint.complainant.contains(text) | WorkOrder.contact_name.contains(text))
    return (Callback.select(*fields)
            .join(Complaint, JOIN.LEFT_OUTER, on=(Callback.complaint == Complaint.id))
            .join(_CU, JOIN.LEFT_OUTER, on=(Complaint.unit == _CU.id)).switch(Callback)
            .join(WorkOrder, JOIN.LEFT_OUTER, on=(Callback.work_order == WorkOrder.id))
            .join(_WU, JOIN.LEFT_OUTER, on=(WorkOrder.unit == _WU.id)).switch(Callback)
            .where(all_of(conds)))


def count_callbacks(date_from, date_to, filters=None) -> int:
    return _callback_query([Callback.id], date_from, date_to, filters).count()


def iter_callbacks(date_from, date_to, filters=None) -> Iterator[dict]:
    """Callbacks by due date: what was asked about, whom, how it went."""
    done_by, assigned = Staff.alias("done_by"), Staff.alias("assigned")
    fields = (
        Callback.id, Callback.number, Callback.due_date, Callback.done_at, Callback.status,
        Callback.attempts, Callback.method, Callback.reached, Callback.satisfaction,
        Callback.owner_words, done_by.name.alias("done_by"), assigned.name.alias("assigned_to"),
        fn.COALESCE(Complaint.number, WorkOrder.number).alias("subject_number"),
        fn.COALESCE(_CU.label, _WU.label).alias("unit"),
        fn.COALESCE(_CU.building, _WU.building).alias("unit_building"),
        fn.COALESCE(Complaint.complainant, WorkOrder.contact_name).alias("customer"),
        fn.COALESCE(Complaint.phone, WorkOrder.contact_phone).alias("phone"),
        fn.COALESCE(Complaint.description, WorkOrder.description).alias("subject"),
    )
    query = (_callback_query(fields, date_from, date_to, filters)
             .join(done_by, JOIN.LEFT_OUTER, on=(Callback.done_by == done_by.id)).switch(Callback)
             .join(assigned, JOIN.LEFT_OUTER, on=(Callback.assigned_to == assigned.id))
             .order_by(Callback.due_date, Callback.id))
    yield from _with_estate(in_batches(query, Callback.due_date, Callback.id))


# --- 业主档案: owners ------------------------------------------------------------------------------

def _owner_query(fields, filters):
    conds = [Owner.active == True, Unit.active == True]  # noqa: E712 - peewee: `== True` builds SQL
    building = getattr(filters, "building_id", None)
    if building:
        conds.append(Unit.building == building)
    text = normalize_text(getattr(filters, "text", ""))
    if text:
        with_phone = OwnerPhone.select(OwnerPhone.owner).where(OwnerPhone.digits.contains(text))
        conds.append(Owner.name.contains(text) | Unit.label.contains(text)
                     | Owner.id.in_(with_phone))
    return (Owner.select(*fields).join(Unit).join(Building).join(Estate).where(all_of(conds)))


def count_owners(date_from=None, date_to=None, filters=None) -> int:
    """Owners on the register now; the period does not apply to the register itself."""
    return _owner_query([Owner.id], filters).count()


def iter_owners(date_from=None, date_to=None, filters=None) -> Iterator[dict]:
    """Active owners by building, entrance and room, each with ``phones`` (a list of str)."""
    fields = (Owner.id, Estate.name.alias("estate"), Building.name.alias("building"),
              Unit.entrance, Unit.room, Unit.label.alias("unit"), Unit.floor, Unit.area,
              Owner.name, Owner.role, Owner.note)
    query = _owner_query(fields, filters).order_by(Building.sort, Building.id, Unit.entrance,
                                                   Unit.room, Owner.id)
    chunk: list[dict] = []
    for row in query.dicts().iterator():
        chunk.append(row)
        if len(chunk) == OWNER_CHUNK:
            yield from _with_phones(chunk)
            chunk = []
    yield from _with_phones(chunk)


def _with_phones(rows: list[dict]) -> list[dict]:
    """One phone query for a chunk of owners, instead of one per owner."""
    if not rows:
        return rows
    phones: dict[int, list[str]] = {}
    query = (OwnerPhone.select(OwnerPhone.owner, OwnerPhone.phone)
             .where(OwnerPhone.owner.in_([r["id"] for r in rows])
                    & (OwnerPhone.active == True))  # noqa: E712 - peewee: `== True` builds SQL
             .order_by(OwnerPhone.id))
    for owner_id, phone in query.tuples():
        phones.setdefault(owner_id, []).append(phone)
    for row in rows:
        row["phones"] = phones.get(row["id"], [])
    return rows


# --- 收费台帐: the fee ledger -----------------------------------------------------------------------

FEE_CHUNK = 500


def fee_condition(date_from, date_to):
    """Payments recorded in the period (cash taken or put on a bill), voided ones included:
    the ledger keeps them, with the reason, and leaves them out of every sum."""
    conds = []
    if date_from:
        conds.append(Payment.paid_at >= dt.datetime.combine(date_from, dt.time()))
    if date_to:
        conds.append(Payment.paid_at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    return all_of(conds)


def live_payment_condition():
    """A payment that counts (not voided): the one rule behind every fee sum."""
    return Payment.voided_at.is_null()


def live_payment_row(row: dict) -> bool:
    """The same rule on a ledger line read by :func:`iter_fees` (the printed ledger's total)."""
    return row["voided_at"] is None


def fee_total(date_from, date_to):
    """The ledger's total for the period: what the weekly report and the summary add up."""
    from decimal import Decimal

    value = (Payment.select(fn.SUM(Payment.amount))
             .where(fee_condition(date_from, date_to) & live_payment_condition()).scalar())
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _fee_query(fields, date_from, date_to, filters):
    conds = [fee_condition(date_from, date_to)]
    building = getattr(filters, "building_id", None)
    if building:
        conds.append(Unit.building == building)
    text = normalize_text(getattr(filters, "text", ""))
    if text:
        conds.append(WorkOrder.number.contains(text) | Unit.label.contains(text)
                     | Payment.receipt_no.contains(text.upper()) | WorkOrder.contact_name.contains(text))
    return (Payment.select(*fields).join(WorkOrder, on=(Payment.work_order == WorkOrder.id))
            .join(Unit, JOIN.LEFT_OUTER, on=(WorkOrder.unit == Unit.id)).switch(Payment)
            .where(all_of(conds)))


def count_fees(date_from, date_to, filters=None) -> int:
    return _fee_query([Payment.id], date_from, date_to, filters).count()


def iter_fees(date_from, date_to, filters=None) -> Iterator[dict]:
    """Fee ledger lines (收费台帐) in the order paid: one per payment, with the order's fee lines
    (``lines``: list of dicts) read in one query per chunk of payments."""
    collector, voider = Staff.alias("collector"), Staff.alias("voider")
    fields = (Payment.id, Payment.paid_at, Payment.recorded_at, Payment.method, Payment.amount,
              Payment.receipt_no,
              Payment.bill_month, Payment.fee_month, Payment.voided_at, Payment.void_reason,
              collector.name.alias("collected_by"), voider.name.alias("voided_by"),
              WorkOrder.id.alias("work_order_id"), WorkOrder.number, WorkOrder.description,
              WorkOrder.contact_name, WorkOrder.contact_phone, WorkOrder.owner_agreement,
              Owner.name.alias("owner_name"), Unit.label.alias("unit"),
              Unit.building.alias("unit_building"))
    query = (_fee_query(fields, date_from, date_to, filters)
             .join(collector, JOIN.LEFT_OUTER, on=(Payment.collected_by == collector.id)).switch(Payment)
             .join(voider, JOIN.LEFT_OUTER, on=(Payment.voided_by == voider.id)).switch(WorkOrder)
             .join(Owner, JOIN.LEFT_OUTER, on=(WorkOrder.owner == Owner.id))
             .order_by(Payment.paid_at, Payment.id))
    chunk: list[dict] = []
    for row in _with_estate(query.dicts().iterator()):  # 翠湖苑 5幢… in an office of several
        chunk.append(row)
        if len(chunk) == FEE_CHUNK:
            yield from _with_lines(chunk)
            chunk = []
    yield from _with_lines(chunk)


def _with_lines(rows: list[dict]) -> list[dict]:
    """The fee lines each payment settled — as they stood when it was recorded, so a voided
    payment keeps its own lines after the order's lines changed — and who approved its quotes
    (one query)."""
    if not rows:
        return rows
    from propdesk.services.fees.charges import line_text, lines_of_payments

    settled = lines_of_payments([{"id": r["id"], "work_order": r["work_order_id"],
                                  "recorded_at": r["recorded_at"], "voided_at": r["voided_at"]}
                                 for r in rows])
    for row in rows:
        row["lines"] = [{"kind": line.kind, "text": line_text(line), "description": line.description,
                         "amount": line.amount, "approved_by": getattr(line, "approver_name", None) or "",
                         "approved_at": line.approved_at} for line in settled[row["id"]]]
        row["owner"] = row["owner_name"] or row["contact_name"]
        row["voided"] = row["voided_at"] is not None
    return rows


COUNTERS = {"complaints": count_complaints, "repairs": count_repairs,
            "callbacks": count_callbacks, "owners": count_owners, "fees": count_fees}
ITERATORS = {"complaints": iter_complaints, "repairs": iter_repairs,
             "callbacks": iter_callbacks, "owners": iter_owners, "fees": iter_fees}
