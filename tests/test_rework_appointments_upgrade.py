"""Schema 19's data fix: work orders an older PropDesk sent back for rework kept the first
visit's appointment (window_start, window_end, scheduled_at), which the repair notice, the
technician's list and the board then showed as the redo's time. The upgrade clears it where it
was agreed before the last rework entry, keeps the old values in an entry of the order's log,
and touches nothing else (models.db.REWORK_APPOINTMENT)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.models.db import REWORK_APPOINTMENT, SCHEMA_VERSION, init_db, schema_version
from propdesk.models.enums import Role
from propdesk.models.tables import AuditChange, AuditEntry, Staff, Unit, WorkOrder
from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import Completion, RepairInput
from propdesk.services.core import accounts, audit_log

V18 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v18.db"
DAY = dt.datetime(2026, 11, 3, 9, 0)
FIRST = (dt.datetime(2026, 11, 3, 14, 0), dt.datetime(2026, 11, 3, 16, 0))
REDO = (dt.datetime(2026, 11, 5, 9, 0), dt.datetime(2026, 11, 5, 11, 0))
WINDOW = ("window_start", "window_end", "scheduled_at")


def _orders(clerk, tech) -> dict[str, int]:
    """Three orders, each with the first visit's window agreed at the call: one sent back for
    rework by the older PropDesk (its window left on the row, its rework entry without it), one
    sent back and already assigned again with a new window, one done and signed off."""
    unit = Unit.select().first().label
    made = {}
    for i, name in enumerate(("old_rework", "redone", "accepted")):
        wo = workorders.create(clerk, RepairInput(
            received_at=DAY + dt.timedelta(minutes=i), phone="13912345678", contact_name="刘洋", unit=unit,
            description=f"卫生间漏水 {i}", window_start=FIRST[0], window_end=FIRST[1]), at=DAY)
        workorders.assign(clerk, wo.id, tech.id, at=DAY + dt.timedelta(minutes=10))
        workorders.complete(tech, wo.id, Completion(
            arrived_at=FIRST[0], finished_at=FIRST[0] + dt.timedelta(hours=1), result="已修复",
            slip_returned=True), at=FIRST[1])
        made[name] = wo.id
    boss = Staff.get(Staff.role == Role.SUPERVISOR.value)
    workorders.check(boss, made["accepted"], "回执已收", at=DAY + dt.timedelta(days=1))
    for name in ("old_rework", "redone"):
        workorders.rework(clerk, made[name], "仍然漏水", at=DAY + dt.timedelta(days=1))
    workorders.assign(clerk, made["redone"], tech.id, window=REDO, at=DAY + dt.timedelta(days=1, hours=1))
    # what the older PropDesk left: the window still on the row, its rework entry without it
    old = made["old_rework"]
    WorkOrder.update(window_start=FIRST[0], window_end=FIRST[1], scheduled_at=FIRST[0]).where(
        WorkOrder.id == old).execute()
    entry = (AuditEntry.select(AuditEntry.id).where((AuditEntry.entity == "work_order")
                                                   & (AuditEntry.entity_id == old) & (AuditEntry.action == "rework"))
             .scalar())
    AuditChange.delete().where((AuditChange.entry == entry) & AuditChange.field.in_(WINDOW)).execute()
    return made


def _rows() -> dict[int, tuple]:
    return {r["id"]: r for r in WorkOrder.select().dicts()}


def _check(made: dict[str, int], before: dict[int, dict], entries_before: int) -> None:
    after = _rows()
    old = made["old_rework"]
    assert {k: after[old][k] for k in WINDOW} == dict.fromkeys(WINDOW)
    assert {k: v for k, v in after[old].items() if k not in WINDOW} == \
        {k: v for k, v in before[old].items() if k not in WINDOW}  # nothing else on it
    assert all(after[i] == before[i] for i in before if i != old)  # the redone, the accepted: kept
    assert (after[made["redone"]]["window_start"], after[made["redone"]]["window_end"]) == REDO
    assert after[made["accepted"]]["window_start"] == FIRST[0]
    # one entry, on that order, with the old values (the order's history says what was there)
    new = list(AuditEntry.select().where((AuditEntry.id > entries_before) & (AuditEntry.action != "upgrade")))
    assert [(e.entity, e.entity_id, e.action, e.staff_id) for e in new] == [
        ("work_order", old, REWORK_APPOINTMENT, None)]
    entry = workorders.timeline(old, reader=accounts.PROGRAM)[-1]
    assert entry["action"] == REWORK_APPOINTMENT
    assert sorted(entry["changes"]) == [("scheduled_at", str(FIRST[0]), None),
                                        ("window_end", str(FIRST[1]), None),
                                        ("window_start", str(FIRST[0]), None)]
    assert audit_log.action_label(REWORK_APPOINTMENT) == "返工：清除首次上门的约定时间"


@pytest.mark.sqlite_only(reason="the schema-18 fixture file")
def test_the_upgrade_clears_the_first_visits_time_left_on_an_old_rework(tmp_path):
    path = tmp_path / "office.db"
    shutil.copy(V18, path)
    db = init_db(str(path), migrate=False)
    assert schema_version(db) == 18
    clerk = accounts.authenticate("clerk", "secret123")
    tech = Staff.get(Staff.role == Role.TECHNICIAN.value)
    made = _orders(clerk, tech)
    before, entries = _rows(), AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id.desc()).scalar()
    db.close()

    said = []
    db = init_db(str(path), progress=lambda *a: said.append(a))
    try:
        assert schema_version(db) == SCHEMA_VERSION == 19
        _check(made, before, entries)
        assert (19, "rework", 1, 1) in said
    finally:
        db.close()
    con = sqlite3.connect(tmp_path / "office.v18.bak")  # the copy kept before the step: as it was
    try:
        assert con.execute("SELECT window_start FROM work_order WHERE id = ?",
                           (made["old_rework"],)).fetchone()[0] == str(FIRST[0])
    finally:
        con.close()


@pytest.mark.postgres_only
def test_a_server_database_upgraded_to_19(office, db_location):
    made = _orders(office["clerk"], office["technician"])
    before, entries = _rows(), AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id.desc()).scalar()
    database.execute_sql("UPDATE setting SET value = '18' WHERE key = 'schema_version'")
    database.obj.close()
    db = init_db(db_location)
    assert schema_version(db) == SCHEMA_VERSION
    _check(made, before, entries)


def test_a_time_set_after_the_rework_is_kept(office, db_location):
    """In rework with a time or window set after the last rework entry (assigned again by a
    program that left the status; edited by hand): those are the redo's, kept. Here the redo's
    time was set without a window: the first visit's window is cleared, the new time kept; and
    a redo with its own new window keeps all of it."""
    clerk, tech = office["clerk"], office["technician"]
    made = _orders(clerk, tech)
    wo, redone = made["old_rework"], made["redone"]
    redo_at = dt.datetime(2026, 11, 6, 10, 0)
    workorders.assign(clerk, wo, tech.id, redo_at, at=DAY + dt.timedelta(days=2))
    # as the older PropDesk may have left them: still in rework, the first window on the row
    WorkOrder.update(window_start=FIRST[0], window_end=FIRST[1], status="rework").where(WorkOrder.id == wo).execute()
    WorkOrder.update(status="rework").where(WorkOrder.id == redone).execute()
    before = _rows()
    database.execute_sql("UPDATE setting SET value = '18' WHERE key = 'schema_version'")
    database.obj.close()
    init_db(db_location)
    stored = WorkOrder.get_by_id(wo)
    assert (stored.window_start, stored.window_end, stored.scheduled_at) == (None, None, redo_at)
    entry = workorders.timeline(wo, reader=accounts.PROGRAM)[-1]
    assert entry["action"] == REWORK_APPOINTMENT
    assert sorted(entry["changes"]) == [("window_end", str(FIRST[1]), None),
                                        ("window_start", str(FIRST[0]), None)]
    assert _rows()[redone] == before[redone]
    assert workorders.timeline(redone, reader=accounts.PROGRAM)[-1]["action"] == "assign"
