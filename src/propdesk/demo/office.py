"""The demo office (``propdesk demo``, ``propdesk --demo``): a believable office to try PropDesk on.

Everything is drawn from one ``random.Random(seed)``, so the same seed and ``today`` give the
same office. Rows are built in memory with their ids decided up front (the tables must be
empty of complaints and units), then written with ``insert_many`` in one transaction: a few
seconds for 400 complaints, where one ``create()`` per row would take minutes.

The case histories are in :mod:`propdesk.demo.cases` (complaints) and
:mod:`propdesk.demo.jobs` (work orders, callbacks); the words in
:mod:`propdesk.demo.text`. ``benchmarks/generate.py`` reuses the register and words.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Callable

from peewee import chunked, fn

from propdesk import i18n
from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import ComplaintStatus, OwnerRole, Role
from propdesk.models.tables import (
    AuditChange, AuditEntry, Building, Callback, Complaint, Department, Estate, Owner,
    OwnerPhone, PriceItem, Sequence, Staff, Unit, WorkOrder, WorkRound,
)
from propdesk.services.cases import lateness
from propdesk.services.core import accounts
from propdesk.services.setup import reference
from propdesk.services.core import settings
from propdesk.demo import text as T
from propdesk.services.core.db_retry import transaction
from propdesk.services.register.owners import initials, phone_digits, unit_label

MSG_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "rules", "The database already holds complaints or units: the demo office can only be "
             "created in an empty database.")

# username, name, role, department code, password. The first five are listed in the README.
STAFF = (
    ("admin", "管理员", Role.ADMIN, "management", "admin123"),
    ("zhuguan", "李静", Role.SUPERVISOR, "service", "zhuguan123"),
    ("kefu", "王芳", Role.CLERK, "service", "kefu123"),
    ("kefu2", "陈晓丽", Role.CLERK, "service", "kefu123"),
    ("weixiu", "张建国", Role.TECHNICIAN, "engineering", "weixiu123"),
    ("liuhaitao", "刘海涛", Role.TECHNICIAN, "engineering", "demo123"),
    ("zhoujun", "周军", Role.TECHNICIAN, "engineering", "demo123"),
    ("sunwei", "孙伟", Role.TECHNICIAN, "engineering", "demo123"),
    ("huangxiulan", "黄秀兰", Role.TECHNICIAN, "cleaning", "demo123"),
    ("wumei", "吴梅", Role.TECHNICIAN, "cleaning", "demo123"),
    ("zhengqiang", "郑强", Role.TECHNICIAN, "security", "demo123"),
    ("heyong", "何勇", Role.TECHNICIAN, "security", "demo123"),
    ("lindong", "林东", Role.TECHNICIAN, "landscaping", "demo123"),
    ("xumin", "徐敏", Role.CLERK, "finance", "demo123"),
    ("gaoming", "高明", Role.SUPERVISOR, "management", "demo123"),
)
OTHER_STAFF_PASSWORD = "demo123"

# Insert order: a row only refers to rows of models before it.
INSERT_ORDER = (Estate, Building, Unit, Owner, OwnerPhone, Staff, PriceItem, Complaint, WorkOrder,
                WorkRound, Callback, AuditEntry, AuditChange)
BATCH = 300  # rows per INSERT: well under SQLite's 32766 bound variables for ~45 columns


# --- words -----------------------------------------------------------------------------------

BUILDING_FLOORS = {b[0]: b[2] for _, _, blds in T.ESTATES for b in blds}
BUILDING_NAMES = tuple(BUILDING_FLOORS)


def person_name(rng: random.Random) -> str:
    surname = rng.choice(T.SURNAMES)
    if rng.random() < 0.3:
        return surname + rng.choice(T.GIVEN_SINGLE)
    return surname + rng.choice(T.GIVEN_FIRST) + rng.choice(T.GIVEN_SECOND)


def caller_name(rng: random.Random) -> str:
    """How a caller who is not on the register is written down: 王先生, 李女士."""
    return rng.choice(T.SURNAMES) + rng.choice(T.CALLER_TITLES)


def mobile(rng: random.Random) -> str:
    return rng.choice(T.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random) -> str:
    return rng.choice(T.LANDLINE_PREFIXES) + f"{rng.randrange(10**4):04d}"


def written_phone(rng: random.Random, number: str) -> str:
    """A mobile as clerks and owners write it: mostly plain, sometimes grouped."""
    r = rng.random()
    if r < 0.1:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if r < 0.2:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    return number


def plate(rng: random.Random) -> str:
    tail = "".join(rng.choice(T.PLATE_LETTERS + "0123456789") for _ in range(4))
    return f"粤B·{rng.choice(T.PLATE_LETTERS)}{tail}"


def fill(rng: random.Random, template: str, bld: str = "", place: str = "",
         neighbor: str = "") -> str:
    """Fill a template's placeholders (see demo_text) with plausible details."""
    if "{" not in template:
        return template
    bld = bld or rng.choice(BUILDING_NAMES)
    return template.format(
        place=place, bld=bld, when=rng.choice(T.WHEN), days=rng.choice(T.DAYS),
        floor=rng.randint(2, BUILDING_FLOORS.get(bld, 18)), plate=plate(rng), n=rng.randint(2, 6),
        neighbor=neighbor or rng.choice(T.NEIGHBORS), room=rng.choice(T.ROOMS))


def complaint_text(rng: random.Random, category: str, bld: str = "", unit: str = "",
                   group: bool = False) -> dict:
    """What a complaint about ``category`` says: description, location, customer request,
    people involved, evidence. ``bld`` is the complainant's building, ``unit`` their unit."""
    words = T.CATEGORIES.get(category, T.CATEGORIES["其他"])
    bld = bld or rng.choice(BUILDING_NAMES)
    place = fill(rng, rng.choice(words["places"]), bld)
    if group:
        _, template, request = rng.choice([g for g in T.GROUP if g[0] == category] or T.GROUP)
        people, where = rng.choice(T.GROUP_PEOPLE), "{bld}"
    else:
        template, request, people, where = rng.choice(words["descriptions"])
    if where is None:
        location = place if "{place}" in template else bld
    elif where == "户内":
        location = f"{unit}户内" if unit else bld
    else:
        location = fill(rng, where, bld)
    # neighbour and place must read the same in the description and the people involved
    neighbor = rng.choice(T.NEIGHBORS)
    return {"description": fill(rng, template, bld, place, neighbor),
            "location": location, "customer_request": request,
            "people_involved": fill(rng, people, bld, place, neighbor),
            "evidence": rng.choice(T.EVIDENCE)}


# --- the register: estates, buildings, units, owners ------------------------------------------

def unit_layout():
    """(estate index, building name, sort, entrance, room, floor, rooms-per-floor index) for
    every unit of the demo estates, in a fixed order (about 2,000 units)."""
    sort = 0
    for e, (_, _, buildings) in enumerate(T.ESTATES):
        for name, entrances, floors, per_floor in buildings:
            sort += 1
            for entrance in range(1, entrances + 1):
                for floor in range(1, floors + 1):
                    for r in range(1, per_floor + 1):
                        yield e, name, sort, f"{entrance}单元", f"{floor}{r:02d}", floor, r


class Rows:
    """Rows waiting to be inserted, per model, with ids decided up front."""

    def __init__(self):
        self.by_model: dict = {m: [] for m in INSERT_ORDER}
        self._next = {m: (m.select(fn.MAX(m.id)).scalar() or 0) + 1 for m in INSERT_ORDER}

    def add(self, model, **values) -> dict:
        """Queue a row; returns it (with its id and every field's default) so later steps can
        change it before it is inserted."""
        for name, field in model._meta.fields.items():
            if name not in values and name != "id":
                values[name] = field.default() if callable(field.default) else field.default
        values["id"] = self._next[model]
        self._next[model] += 1
        self.by_model[model].append(values)
        return values

    def count(self, model) -> int:
        return len(self.by_model[model])

    def total(self) -> int:
        return sum(len(rows) for rows in self.by_model.values())

    def flush(self, progress: Callable[[int, int], None] | None = None) -> None:
        total, done = self.total(), 0
        for model in INSERT_ORDER:
            for batch in chunked(self.by_model[model], BATCH):
                model.insert_many(batch).execute()
                done += len(batch)
                if progress:
                    progress(done, total)


class Register:
    """Units and the people living in them, as the case stories need them."""

    def __init__(self):
        self.units: list[tuple[int, str, str]] = []  # (id, label, building name)
        self.occupants: dict[int, list[tuple[int, str, str]]] = {}  # unit id -> (owner, name, phone)

    def occupied(self) -> list[tuple[int, str, str]]:
        return [u for u in self.units if u[0] in self.occupants]


def build_register(rng: random.Random, rows: Rows) -> Register:
    reg = Register()
    phones_used: set[str] = set()
    estate_ids = [rows.add(Estate, name=name, address=address)["id"] for name, address, _ in T.ESTATES]
    building_ids: dict[str, int] = {}
    for e, bname, sort, entrance, room, floor, r in unit_layout():
        if bname not in building_ids:
            building_ids[bname] = rows.add(Building, estate=estate_ids[e], name=bname, sort=sort)["id"]
        label = unit_label(bname, entrance, room)
        area = rng.uniform(96, 138) if r == 1 else rng.uniform(72, 99)
        unit_id = rows.add(Unit, building=building_ids[bname], entrance=entrance, room=room,
                           floor=floor, area=Decimal(f"{area:.2f}"), label=label)["id"]
        reg.units.append((unit_id, label, bname))
        if rng.random() >= 0.1:  # one unit in ten stands empty
            reg.occupants[unit_id] = _household(rng, rows, unit_id, phones_used)
    return reg


def _household(rng, rows: Rows, unit_id: int, phones_used: set) -> list[tuple[int, str, str]]:
    size = rng.choices((1, 2, 3), weights=(65, 27, 8))[0]
    rented = size > 1 and rng.random() < 0.3
    people = []
    owner_name = person_name(rng)
    for i in range(size):
        if i == 0:
            name, role, note = owner_name, OwnerRole.OWNER.value, ""
        elif rented and i == 1:
            name, role, note = person_name(rng), OwnerRole.TENANT.value, f"租户，房东{owner_name}"
        else:
            # family members usually share the owner's surname
            name = owner_name[0] + person_name(rng)[1:] if rng.random() < 0.6 else person_name(rng)
            role, note = OwnerRole.FAMILY.value, ""
        owner_id = rows.add(Owner, unit=unit_id, name=name, initials=initials(name), role=role,
                            note=note)["id"]
        phones = [_new_phone(rng, phones_used, landline_ok=False)]
        if rng.random() < 0.25:
            phones.append(_new_phone(rng, phones_used, landline_ok=True))
        for phone in phones:
            rows.add(OwnerPhone, owner=owner_id, phone=phone, digits=phone_digits(phone))
        people.append((owner_id, name, phones[0]))
    return people


def _new_phone(rng, used: set, landline_ok: bool) -> str:
    while True:
        phone = landline(rng) if landline_ok and rng.random() < 0.2 else written_phone(rng, mobile(rng))
        if phone_digits(phone) not in used:
            used.add(phone_digits(phone))
            return phone


# --- staff -------------------------------------------------------------------------------------

def hash_demo_passwords() -> dict[str, str]:
    """One scrypt hash per distinct password (scrypt is slow on purpose), shared by accounts."""
    return {pw: accounts.hash_password(pw) for pw in sorted({s[4] for s in STAFF})}


def build_staff(rng: random.Random, rows: Rows, hashes: dict[str, str]) -> dict[str, int]:
    """The demo accounts, username -> id. An account that already exists is kept as it is."""
    departments = {d.code: d.id for d in Department.select().order_by(Department.id)}
    existing = {s.username: s.id for s in Staff.select(Staff.id, Staff.username)}
    ids = {}
    for username, name, role, dept, password in STAFF:
        if username in existing:
            ids[username] = existing[username]
            continue
        ids[username] = rows.add(Staff, username=username, name=name, role=role.value,
                                 department=departments.get(dept), phone=mobile(rng),
                                 password_hash=hashes[password])["id"]
    return ids


# --- numbers -----------------------------------------------------------------------------------

def assign_numbers(rows: list[dict], prefix: str, when: str, counters: dict) -> None:
    """Number rows PREFIX-YYYYMMDD-NNN per day in time order, continuing ``counters``
    ((prefix, day) -> last), so numbers given later by services.numbering never clash."""
    for row in sorted(rows, key=lambda r: (r[when], r["id"])):
        key = (prefix, row[when].strftime("%Y%m%d"))
        counters[key] = counters.get(key, 0) + 1
        row["number"] = f"{prefix}-{key[1]}-{counters[key]:03d}"


def save_counters(counters: dict, existing: dict) -> None:
    for (prefix, day), last in counters.items():
        if (prefix, day) in existing:
            Sequence.update(last=last).where((Sequence.prefix == prefix)
                                             & (Sequence.day == day)).execute()
    new = [{"prefix": p, "day": d, "last": last} for (p, d), last in counters.items()
           if (p, d) not in existing]
    for batch in chunked(new, BATCH):
        Sequence.insert_many(batch).execute()


def existing_counters() -> dict:
    return {(s.prefix, s.day): s.last for s in Sequence.select()}


# --- the whole office --------------------------------------------------------------------------

def as_of_moment(today: dt.date | None) -> dt.datetime:
    """The demo's "now": the end of the office day ``today``, never later than the clock."""
    clock = dt.datetime.now().replace(second=0, microsecond=0)
    if today is None:
        return clock
    return min(dt.datetime.combine(today, dt.time(17, 30)), clock)


def create_demo_office(n_complaints: int = 400, seed: int = 1, today: dt.date | None = None,
                       progress: Callable[[int, int], None] | None = None) -> str:
    """Fill an empty database with the demo office; returns a summary for the user.

    ``progress(done, total)`` is called with (0, 0) while the office is planned (total not
    known yet), then with the rows written so far."""
    # the case stories use the helpers above, so they are imported here, not at the top
    from propdesk.demo import cases as demo_cases
    from propdesk.demo import jobs as demo_jobs

    if Complaint.select().exists() or Unit.select().exists():
        raise RuleError(MSG_NOT_EMPTY)
    if progress:
        progress(0, 0)
    rng = random.Random(seed)
    as_of = as_of_moment(today)
    hashes = hash_demo_passwords()  # before the transaction: keep the write lock short
    with transaction():
        reference.seed_reference()
        for key, value in (("office_name", T.OFFICE_NAME), ("office_phone", T.OFFICE_PHONE),
                           ("office_address", T.OFFICE_ADDRESS)):
            if not settings.get(key):
                settings.put(key, value)
        settings.put("language", i18n.language())  # the office speaks the language it was made in
        rows = Rows()
        register = build_register(rng, rows)
        staff = build_staff(rng, rows, hashes)
        cases = demo_cases.Cases(rng, rows, register, staff, as_of)
        cases.jobs = demo_jobs.Jobs(cases)  # work orders and callbacks, written through cases
        cases.build(n_complaints)
        existing = existing_counters()
        counters = dict(existing)
        assign_numbers(rows.by_model[Complaint], "TS", "received_at", counters)
        assign_numbers(rows.by_model[WorkOrder], "PG", "received_at", counters)
        assign_numbers(rows.by_model[Callback], "HF", "created_at", counters)
        cases.write_notes()
        rows.flush(progress)
        save_counters({k: v for k, v in counters.items() if existing.get(k) != v}, existing)
    from propdesk.demo import related as demo_related

    demo_related.add(rng, as_of, Staff.get(Staff.username == "kefu"))
    return summary(rows, as_of, staff)


MSG_SUMMARY = QT_TRANSLATE_NOOP(
    "demo", "Demo office created ({office}): {estates} estates, {buildings} buildings, {units} units "
            "({vacant} vacant), {people} owners and residents, {staff} staff; {complaints} complaints "
            "({open} open, {overdue} of them overdue), {work_orders} work orders, {callbacks} callbacks. "
            "Demo accounts (user name/password): {accounts}; other staff password {password}.")


def summary(rows: Rows, as_of: dt.datetime, staff: dict[str, int]) -> str:
    complaints = rows.by_model[Complaint]
    status = Counter(c["status"] for c in complaints)
    open_codes = ComplaintStatus.open_codes()
    overdue = sum(1 for c in complaints if lateness.complaint_overdue(c, as_of))
    n_open = sum(status[s] for s in open_codes)
    office = settings.get("office_name")
    units, people = rows.count(Unit), rows.count(Owner)
    vacant = units - len({o["unit"] for o in rows.by_model[Owner]})
    wo, cb = rows.count(WorkOrder), rows.count(Callback)
    created = {s["username"] for s in rows.by_model[Staff]}
    demo = [f"{u}/{pw}" for u, _, _, _, pw in STAFF[:5] if u in created]
    accounts_text = ", ".join(demo) if demo else "-"
    return i18n.translate("demo", MSG_SUMMARY).format(
        office=office, estates=len(T.ESTATES), buildings=rows.count(Building), units=units,
        vacant=vacant, people=people, staff=len(staff), complaints=len(complaints), open=n_open,
        overdue=overdue, work_orders=wo, callbacks=cb, accounts=accounts_text,
        password=OTHER_STAFF_PASSWORD)
