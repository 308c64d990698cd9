"""The data model for the whole office: peewee models only (fields, indexes, constraints).

Business records are never deleted: they carry a status or an ``active`` flag instead.
Dates and times are the office's local time, stored naive.
"""
from __future__ import annotations

import datetime as dt

import peewee
from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    SQL,
    TextField,
)

database = DatabaseProxy()


class DateTimeField(peewee.DateTimeField):
    """Read with ``fromisoformat`` (C): peewee's own parser tries a format with microseconds
    first and fails on every value PropDesk stores, which costs a list page a third of its time."""

    def python_value(self, value):
        if isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


class DateField(peewee.DateField):
    def python_value(self, value):
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
        return super().python_value(value)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Setting(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField()


class Sequence(BaseModel):
    """Counters behind the numbers shown to people (TS-20261124-003): only ever incremented."""

    prefix = CharField(max_length=8)
    day = CharField(max_length=8)
    last = IntegerField(default=0)

    class Meta:
        indexes = ((("prefix", "day"), True),)


class Estate(BaseModel):
    name = CharField(max_length=80, unique=True)
    address = CharField(max_length=200, default="")
    active = BooleanField(default=True)


class Building(BaseModel):
    estate = ForeignKeyField(Estate, backref="buildings")
    name = CharField(max_length=40)  # as people say it: "3栋"
    sort = IntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("estate", "name"), True),)


class Unit(BaseModel):
    building = ForeignKeyField(Building, backref="units")
    entrance = CharField(max_length=20, default="")  # 单元, e.g. "2单元"; empty for villas
    room = CharField(max_length=20)  # 房号, e.g. "1201"
    floor = IntegerField(null=True)
    area = DecimalField(max_digits=8, decimal_places=2, null=True)
    label = CharField(max_length=80, index=True)  # "3栋2单元1201", for search and display
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("building", "entrance", "room"), True),)


class Owner(BaseModel):
    """A person on the owner register (业主档案) for one unit: owner, tenant or family."""

    unit = ForeignKeyField(Unit, backref="owners")
    name = CharField(max_length=60, index=True)
    initials = CharField(max_length=20, default="", index=True)  # pinyin initials: 张伟 -> zw
    role = CharField(max_length=12, default="owner")
    note = TextField(default="")
    active = BooleanField(default=True)


class OwnerPhone(BaseModel):
    owner = ForeignKeyField(Owner, backref="phones")
    phone = CharField(max_length=32)  # as written
    digits = CharField(max_length=20, index=True)  # digits only, for look-up as you type
    active = BooleanField(default=True)


class Department(BaseModel):
    code = CharField(max_length=20, unique=True)
    name = CharField(max_length=40)
    sort = IntegerField(default=0)
    active = BooleanField(default=True)


class Staff(BaseModel):
    username = CharField(max_length=40, unique=True)
    name = CharField(max_length=40)
    role = CharField(max_length=12)
    department = ForeignKeyField(Department, null=True, backref="staff")
    phone = CharField(max_length=32, default="")
    password_hash = CharField(max_length=255)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    active = BooleanField(default=True)


class Category(BaseModel):
    name = CharField(max_length=40, unique=True)
    default_department = ForeignKeyField(Department, null=True)
    sort = IntegerField(default=0)
    active = BooleanField(default=True)


class CalendarDay(BaseModel):
    """The office's own calendar entries: holidays and make-up working days for years the
    holiday package does not cover, and office-specific closed days."""

    day = DateField(unique=True)
    kind = CharField(max_length=10)
    note = CharField(max_length=80, default="")


class Complaint(BaseModel):
    id = AutoField()
    number = CharField(max_length=24, unique=True)
    received_at = DateTimeField(index=True)
    channel = CharField(max_length=12)
    complainant = CharField(max_length=60)
    phone = CharField(max_length=32, default="")
    phone_digits = CharField(max_length=20, default="", index=True)
    unit = ForeignKeyField(Unit, null=True, backref="complaints")
    owner = ForeignKeyField(Owner, null=True)
    location = CharField(max_length=200, default="")
    occurred_at = DateTimeField(null=True)
    description = TextField()
    people_involved = CharField(max_length=200, default="")
    customer_request = TextField(default="")
    evidence = CharField(max_length=200, default="")
    category = ForeignKeyField(Category, backref="complaints")
    severity = CharField(max_length=10, index=True)
    valid = BooleanField(default=True)
    invalid_reason = CharField(max_length=200, default="")
    # An invalid complaint whose cause is the customer's own gets no notice (docs/procedure.md).
    notice_required = BooleanField(default=True)
    department = ForeignKeyField(Department, null=True, backref="complaints")
    is_group = BooleanField(default=False)
    head_notified_at = DateTimeField(null=True)
    head_notified_by = ForeignKeyField(Staff, null=True, backref="+")
    reply_by = DateTimeField()
    resolve_by = DateTimeField(index=True)
    replied_at = DateTimeField(null=True)
    reply_method = CharField(max_length=12, default="")
    reply_note = TextField(default="")
    cause = TextField(default="")
    action = TextField(default="")
    result = TextField(default="")
    customer_opinion = TextField(default="")
    signature_received = BooleanField(default=False)
    status = CharField(max_length=12, index=True, default="received")
    escalation = CharField(max_length=12, default="none")
    closed_at = DateTimeField(null=True)
    reopen_count = IntegerField(default=0)
    void_reason = CharField(max_length=200, default="")
    related_to = ForeignKeyField("self", null=True, backref="repeats")  # a repeat of that case
    on_hold_since = DateTimeField(null=True)  # the resolve clock is stopped (see Hold)
    created_by = ForeignKeyField(Staff, backref="+")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = (
            (("status", "received_at"), False),
            (("category", "received_at"), False),
            (("department", "received_at"), False),
            (("unit", "received_at"), False),
        )


class PriceItem(BaseModel):
    """Paid-service price list (有偿服务收费标准)."""

    name = CharField(max_length=80, unique=True)
    unit_name = CharField(max_length=20, default="次")
    price = DecimalField(max_digits=10, decimal_places=2)
    active = BooleanField(default=True)


class RepairCategory(BaseModel):
    """What a repair is about (水电, 门窗, 管道疏通, 电梯 ...): the office's own list."""

    name = CharField(max_length=40, unique=True)
    sort = IntegerField(default=0)
    active = BooleanField(default=True)


class WorkOrder(BaseModel):
    """A repair call (报修) or a complaint follow-up, sent to a technician (派工单 / 维修通知单)."""

    number = CharField(max_length=24, unique=True)
    kind = CharField(max_length=12)
    complaint = ForeignKeyField(Complaint, null=True, backref="work_orders")
    received_at = DateTimeField(index=True)
    unit = ForeignKeyField(Unit, null=True, backref="work_orders")
    owner = ForeignKeyField(Owner, null=True)
    contact_name = CharField(max_length=60, default="")
    contact_phone = CharField(max_length=32, default="")
    location = CharField(max_length=200, default="")
    description = TextField()
    urgency = CharField(max_length=10, default="ordinary")
    pass_by = DateTimeField()  # urgent: at once; ordinary: within 2 hours
    window_start = DateTimeField(null=True)
    window_end = DateTimeField(null=True)
    paid = BooleanField(default=False)
    department = ForeignKeyField(Department, null=True)
    technician = ForeignKeyField(Staff, null=True, backref="work_orders")
    scheduled_at = DateTimeField(null=True, index=True)  # the dispatch board's day (schema 9)
    dispatched_at = DateTimeField(null=True)  # passed to the technician (pass_by is the limit)
    status = CharField(max_length=12, index=True, default="new")
    arrived_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    result = TextField(default="")
    materials = TextField(default="")
    fee = DecimalField(max_digits=10, decimal_places=2, default=0)
    price_item = ForeignKeyField(PriceItem, null=True)
    quantity = DecimalField(max_digits=8, decimal_places=2, default=1)
    quote_approved_by = ForeignKeyField(Staff, null=True, backref="+")  # before schema 3 only
    # schema 3: fees as lines (FeeLine); ``fee`` is their total, kept by services.fees.charges
    repair_category = ForeignKeyField(RepairCategory, null=True, backref="+")
    # SQL defaults as well, so a new file equals an upgraded one and plain INSERTs still work
    owner_agreement = CharField(max_length=200, default="", constraints=[SQL("DEFAULT ''")])
    fee_state = CharField(max_length=8, default="none", index=True,  # none | unpaid | settled
                          constraints=[SQL("DEFAULT 'none'")])
    print_count = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])  # 第 N 次打印
    slip_returned = BooleanField(default=False)
    checked_by = ForeignKeyField(Staff, null=True, backref="+")
    checked_at = DateTimeField(null=True)
    rework_round = IntegerField(default=0)
    on_hold_since = DateTimeField(null=True)  # waiting for the owner or for parts (see Hold)
    cancel_reason = CharField(max_length=200, default="")
    created_by = ForeignKeyField(Staff, backref="+")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("technician", "scheduled_at"), False),)


class WorkRound(BaseModel):
    """One round of work on an order; a rework starts a new round and the old one is kept."""

    work_order = ForeignKeyField(WorkOrder, backref="rounds")
    round_no = IntegerField()
    technician = ForeignKeyField(Staff, null=True, backref="+")
    arrived_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    result = TextField(default="")
    materials = TextField(default="")
    fee = DecimalField(max_digits=10, decimal_places=2, default=0)
    slip_returned = BooleanField(default=False)
    verdict = CharField(max_length=12, default="")  # "" | accepted | rework
    verdict_note = TextField(default="")

    class Meta:
        indexes = ((("work_order", "round_no"), True),)


class FeeLine(BaseModel):
    """One line of a paid service's charge: a price-list item x quantity (the price of the day
    kept), materials, or a quote a supervisor approved. Never deleted: voided with a reason."""

    work_order = ForeignKeyField(WorkOrder, backref="fee_lines")
    kind = CharField(max_length=10)  # item | material | quote
    price_item = ForeignKeyField(PriceItem, null=True, backref="+")
    description = CharField(max_length=120)
    unit_name = CharField(max_length=20, default="")
    unit_price = DecimalField(max_digits=10, decimal_places=2)
    quantity = DecimalField(max_digits=8, decimal_places=2, default=1)
    amount = DecimalField(max_digits=10, decimal_places=2)
    approved_by = ForeignKeyField(Staff, null=True, backref="+")  # quotes: the supervisor
    approved_at = DateTimeField(null=True)
    created_by = ForeignKeyField(Staff, backref="+")
    created_at = DateTimeField(default=now)
    voided_at = DateTimeField(null=True)
    voided_by = ForeignKeyField(Staff, null=True, backref="+")
    void_reason = CharField(max_length=200, default="")


class Payment(BaseModel):
    """How a work order's fee was settled: cash with a receipt (收据), or put on the unit's
    monthly property bill (计入物业费账单). Corrected only by voiding it with a reason."""

    work_order = ForeignKeyField(WorkOrder, backref="payments")
    method = CharField(max_length=8)  # cash | bill
    amount = DecimalField(max_digits=10, decimal_places=2)
    receipt_no = CharField(max_length=32, null=True, unique=True)  # cash only; never reused
    collected_by = ForeignKeyField(Staff, null=True, backref="+")  # cash: who took the money
    paid_at = DateTimeField(index=True)  # cash collected / put on the bill
    bill_month = CharField(max_length=7, default="")  # bill: "2026-11"
    fee_month = CharField(max_length=7, index=True)  # the cashier's month it is summed in
    recorded_by = ForeignKeyField(Staff, backref="+")
    recorded_at = DateTimeField(default=now)
    voided_at = DateTimeField(null=True)
    voided_by = ForeignKeyField(Staff, null=True, backref="+")
    void_reason = CharField(max_length=200, default="")


class ComplaintContact(BaseModel):
    """A further call about a case already open: added to it instead of opening a new one."""

    complaint = ForeignKeyField(Complaint, backref="contacts")
    at = DateTimeField()
    name = CharField(max_length=60, default="")
    phone = CharField(max_length=32, default="")
    channel = CharField(max_length=12, default="phone")
    note = TextField(default="")
    taken_by = ForeignKeyField(Staff, backref="+")


class Hold(BaseModel):
    """A case or work order waiting on the owner (not at home, no access) or on parts: the
    resolve clock stops from ``started_at`` to ``ended_at``."""

    entity = CharField(max_length=20)  # "complaint" | "work_order"
    entity_id = IntegerField()
    reason_kind = CharField(max_length=16)
    reason = CharField(max_length=200, default="")
    started_at = DateTimeField()
    ended_at = DateTimeField(null=True)
    working_seconds = IntegerField(default=0)  # the working time it lasted, once ended
    started_by = ForeignKeyField(Staff, backref="+")
    ended_by = ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


class Incident(BaseModel):
    """One incident with many callers (停水, 停电, 电梯故障 ...) over an area of the estate."""

    number = CharField(max_length=24, unique=True)
    kind = CharField(max_length=12)
    title = CharField(max_length=120)
    description = TextField(default="")
    estate = ForeignKeyField(Estate, null=True, backref="+")  # the whole estate when no areas
    started_at = DateTimeField()
    expected_end = DateTimeField(null=True)
    status = CharField(max_length=12, default="open", index=True)
    closed_at = DateTimeField(null=True)
    close_note = TextField(default="")
    created_by = ForeignKeyField(Staff, backref="+")


class IncidentArea(BaseModel):
    incident = ForeignKeyField(Incident, backref="areas")
    building = ForeignKeyField(Building, null=True, backref="+")
    unit = ForeignKeyField(Unit, null=True, backref="+")


class IncidentContact(BaseModel):
    """A call about an incident: counted as a contact, not as a complaint."""

    incident = ForeignKeyField(Incident, backref="contacts")
    at = DateTimeField()
    name = CharField(max_length=60, default="")
    phone = CharField(max_length=32, default="")
    unit = ForeignKeyField(Unit, null=True, backref="+")
    owner = ForeignKeyField(Owner, null=True, backref="+")
    note = TextField(default="")
    taken_by = ForeignKeyField(Staff, backref="+")


class Callback(BaseModel):
    """A callback (回访) after a complaint is handled or a work order is checked."""

    number = CharField(max_length=24, unique=True)
    complaint = ForeignKeyField(Complaint, null=True, backref="callbacks")
    work_order = ForeignKeyField(WorkOrder, null=True, backref="callbacks")
    incident_contact = ForeignKeyField(IncidentContact, null=True, backref="callbacks")
    due_date = DateField()  # moves with retries and with the clerk's reasons; indexed below
    promised_by = DateField(null=True, index=True)  # the end of the 3-working-day window, for the figures
    assigned_to = ForeignKeyField(Staff, null=True, backref="callbacks")
    status = CharField(max_length=12, default="due", index=True)
    attempts = IntegerField(default=0)
    method = CharField(max_length=12, default="")
    reached = BooleanField(null=True)
    satisfaction = CharField(max_length=14, default="")
    owner_words = TextField(default="")
    done_at = DateTimeField(null=True)
    done_by = ForeignKeyField(Staff, null=True, backref="+")
    created_at = DateTimeField(default=now)


# in the list's order (due date, then id) with every key its quick search tests (schema 13,
# models.db.CALLBACK_WALK): a search with many matches walks it without reading the callbacks
Callback.add_index(Callback.index(Callback.due_date, Callback.id, Callback.complaint, Callback.work_order,
                                  Callback.incident_contact, Callback.status, name="callback_due_cases"))


class AuditEntry(BaseModel):
    """One action by one person on one record: the case timeline and the audit log alike."""

    at = DateTimeField(default=now, index=True)
    # no index of its own: schema 18's (staff_id, at) (models.db.AUDIT_BY_PERSON) serves a person
    staff = ForeignKeyField(Staff, null=True, backref="+", index=False)
    entity = CharField(max_length=20)
    entity_id = IntegerField()
    action = CharField(max_length=24)
    note = TextField(default="")

    class Meta:
        indexes = ((("entity", "entity_id", "at"), False),)


class AuditChange(BaseModel):
    entry = ForeignKeyField(AuditEntry, backref="changes")
    field = CharField(max_length=40)
    old = TextField(null=True)
    new = TextField(null=True)


ALL_MODELS = [
    Setting, Sequence, Estate, Building, Unit, Owner, OwnerPhone, Department, Staff, Category,
    CalendarDay, Complaint, PriceItem, RepairCategory, WorkOrder, WorkRound, FeeLine, Payment,
    ComplaintContact, Hold, Incident, IncidentArea, IncidentContact, Callback, AuditEntry,
    AuditChange,
]
