"""The demo office's related cases, made through the real services after the bulk load:
repeats linked at intake, cases on hold, an open water cut with its callers, and last week's
lift outage closed with a callback to each caller."""
from __future__ import annotations

import datetime as dt
import random

from propdesk.models.enums import ComplaintStatus
from propdesk.models.tables import Building, Complaint, Estate, Owner, OwnerPhone, Staff, Unit
from propdesk.services.cases import holds
from propdesk.services.cases import incidents

WATER_NOTES = ("家里没水了，什么时候恢复？", "水龙头一点水都没有", "老人在家要做饭，能不能先送桶装水",
               "停水也不提前通知", "热水器打不着火了")
LIFT_NOTES = ("电梯停在12楼不动", "老人下不了楼", "电梯按钮没反应", "推婴儿车上不去")


def add(rng: random.Random, as_of: dt.datetime, clerk: Staff) -> dict:
    made = {"repeats": _link_repeats(), "holds": _holds(rng, as_of, clerk)}
    made["incidents"] = _incidents(rng, as_of, clerk)
    return made


def _link_repeats(limit: int = 6) -> int:
    """A few owners who complained again about the same thing within a few weeks: the later
    complaint of a category moves to the earlier one's unit and caller, linked as a repeat."""
    earlier: dict[int, Complaint] = {}
    linked = 0
    query = (Complaint.select().where(Complaint.unit.is_null(False) & (Complaint.status != "voided"))
             .order_by(Complaint.received_at))
    for c in query:
        first = earlier.get(c.category_id)
        if first and dt.timedelta(days=3) < c.received_at - first.received_at < dt.timedelta(days=25):
            Complaint.update(unit=first.unit_id, owner=first.owner_id, complainant=first.complainant,
                             phone=first.phone, phone_digits=first.phone_digits,
                             related_to=first.id).where(Complaint.id == c.id).execute()
            linked += 1
            earlier.pop(c.category_id)
            if linked == limit:
                break
        else:
            earlier.setdefault(c.category_id, c)
    return linked


def _holds(rng: random.Random, as_of: dt.datetime, clerk: Staff) -> int:
    waiting = list(Complaint.select().where(
        (Complaint.status == ComplaintStatus.REPLIED.value) & Complaint.on_hold_since.is_null()
        & (Complaint.received_at < as_of - dt.timedelta(hours=4))).order_by(Complaint.id).limit(2))
    for c, reason in zip(waiting, ("parts", "owner_absent")):
        holds.start(clerk, "complaint", c.id, reason, "等配件到货" if reason == "parts" else "业主出差，下周回来",
                    at=max(c.replied_at or c.received_at, as_of - dt.timedelta(hours=3)))
    return len(waiting)


def _callers(rng: random.Random, buildings: list[Building], n: int) -> list[tuple]:
    rows = list(OwnerPhone.select(OwnerPhone, Owner, Unit).join(Owner).join(Unit)
                .where(Unit.building.in_([b.id for b in buildings])).order_by(OwnerPhone.id))
    return [(p.owner.name, p.phone, p.owner.unit.label) for p in rng.sample(rows, min(n, len(rows)))]


def _incidents(rng: random.Random, as_of: dt.datetime, clerk: Staff) -> int:
    estate = Estate.select().order_by(Estate.id).first()
    buildings = list(Building.select().where(Building.estate == estate).order_by(Building.sort, Building.id))
    if len(buildings) < 4:
        return 0
    started = as_of - dt.timedelta(hours=3)
    water = incidents.declare(clerk, "water", f"{buildings[1].name}、{buildings[2].name}停水（二次供水水泵检修）",
                              "水泵房检修，预计下午恢复", building_ids=[buildings[1].id, buildings[2].id],
                              expected_end=as_of + dt.timedelta(hours=3), at=started)
    for i, (name, phone, unit) in enumerate(_callers(rng, buildings[1:3], 6)):
        incidents.attach(clerk, water.id, name, phone, unit, rng.choice(WATER_NOTES),
                         at=started + dt.timedelta(minutes=10 + 17 * i))
    last_week = as_of - dt.timedelta(days=6, hours=5)
    lift = incidents.declare(clerk, "lift", f"{buildings[3].name}电梯故障", "主板故障，厂家已派人维修",
                             building_ids=[buildings[3].id], expected_end=last_week + dt.timedelta(hours=5),
                             at=last_week)
    for i, (name, phone, unit) in enumerate(_callers(rng, buildings[3:4], 4)):
        incidents.attach(clerk, lift.id, name, phone, unit, rng.choice(LIFT_NOTES),
                         at=last_week + dt.timedelta(minutes=5 + 11 * i))
    incidents.close(clerk, lift.id, "厂家更换主板，电梯恢复运行", at=last_week + dt.timedelta(hours=4))
    return 2
