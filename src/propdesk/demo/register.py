"""The demo office's register and staff, and the row buffer its generators write through:
units, owners and phones (``build_register``), staff (``build_staff``), the words of a complaint
(``complaint_text``, ``fill``) and :class:`Rows` (rows with their ids decided up front, written
with ``insert_many``). :mod:`propdesk.demo.cases` and :mod:`propdesk.demo.jobs` build on it;
:mod:`propdesk.demo.office` puts it all together. Nothing here imports those, so the demo has no
import cycle.
"""
from __future__ import annotations

import random
from decimal import Decimal
from typing import Callable

from peewee import chunked, fn

from propdesk.models.db import sync_id_sequences
from propdesk.models.enums import OwnerRole, Role
from propdesk.models.tables import (
    AuditChange, AuditEntry, Building, Callback, Complaint, Department, Estate, FeeLine, Owner,
    OwnerPhone, Payment, PriceItem, Staff, Unit, WorkOrder, WorkRound,
)
from propdesk.services.core import accounts
from propdesk.demo import text as T
from propdesk.services.register.owners import initials, phone_digits, unit_label

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
                WorkRound, FeeLine, Payment, Callback, AuditEntry, AuditChange)
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
        sync_id_sequences(INSERT_ORDER)  # PostgreSQL: the next create() gets a fresh id


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
