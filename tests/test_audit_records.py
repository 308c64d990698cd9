"""The audit log names each record as people know it and shows each status by its label: the
rule is services.core.audit_log's (record_label, _value), which the viewer and its export show.
An incident showed as '#2' and its closing as 'open → closed' (seen in the viewer)."""
from __future__ import annotations

import datetime as dt

from propdesk.models.tables import AuditEntry
from propdesk.services.cases import incidents
from propdesk.services.core import audit_log, numbering
from propdesk.services.core.audit_log import NUMBERED, AuditFilter
from propdesk.services.fees import months
from propdesk.services.setup import calendar_admin


def test_every_numbered_kind_and_its_status():
    """Each kind of record with a number people know (numbering's prefixes) is read by that
    number, and each such kind's status codes have labels."""
    prefixes = {v for k, v in vars(numbering).items() if k.isupper() and isinstance(v, str)}
    assert {prefix for _model, prefix in NUMBERED.values()} == prefixes
    for entity, (model, _prefix) in NUMBERED.items():
        if "status" in model._meta.fields:
            codes = {code for (code,) in model.select(model.status).distinct().tuples()}
            codes.add(model.status.default)
            for code in codes:
                shown = audit_log._value(entity, "status", code, {})
                assert shown != code and shown, (entity, code)


def test_incident_fee_summary_and_calendar_entries_name_their_record(office):
    incident = incidents.declare(office["clerk"], "power", "3栋停电", building_ids=[
        office["units"]["3栋2单元1201"].building_id])
    incidents.close(office["supervisor"], incident.id, "", schedule_callbacks=False)
    months.mark_produced(office["admin"], "2026-11", "xlsx")
    calendar_admin.set_days(office["admin"], dt.date(2027, 1, 1), dt.date(2027, 1, 1), "holiday", "元旦")
    rows = audit_log.page(office["admin"], AuditFilter())
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["entity"], []).append(row)
    assert [r["record"] for r in by_kind["incident"]] == [incident.number] * 2
    assert by_kind["incident"][0]["changes"].startswith("状态: 进行中 → 已结束")
    assert by_kind["fee_summary"][0]["record"] == "2026-11"
    assert by_kind["calendar"][0]["record"] == "2027"
    # the number typed in the filter finds the incident's entries
    found = audit_log.page(office["admin"], AuditFilter(record=incident.number.replace("-", "").lower()))
    assert [r["action"] for r in found] == ["close", "create"]
    assert AuditEntry.select().where(AuditEntry.entity == "incident").count() == 2


def test_changes_name_their_field_and_the_records_they_point_at(office):
    """A work order moved to another department showed '责任部门: 3 → 5', its hand-over deadline
    'pass_by: …', a printing 'print_count: 0 → 1' and a hold 'on_hold_since: → …' (ids and
    field codes, seen in the demo office's log): names and labels instead."""
    from propdesk.models.tables import Department
    from propdesk.services.cases import holds, workorder_edits, workorders
    from propdesk.services.cases.workorder_edits import WorkOrderEdit
    from propdesk.services.cases.workorders import RepairInput

    wo = workorders.create(office["clerk"], RepairInput(phone="13800138000", contact_name="张伟",
                                                        unit="3栋2单元1201", description="水龙头漏水"))
    other = Department.select().where(Department.id != wo.department_id).first()
    workorder_edits.edit(office["supervisor"], wo.id, WorkOrderEdit(department_id=other.id, urgency="urgent"),
                         "派错部门")
    workorders.record_prints(office["clerk"], [wo.id])
    holds.start(office["clerk"], "work_order", wo.id, "parts")
    rows = {r["action"]: r["changes"] for r in audit_log.page(office["admin"], AuditFilter(entity="work_order"))}
    old = Department.get_by_id(wo.department_id).name
    assert f"责任部门: {old} → {other.name}" in rows["edit"]
    assert "紧急程度: 一般 → 急修" in rows["edit"] and "派工时限: " in rows["edit"]
    assert rows["print"] == "打印次数: 0 → 1"
    assert rows["hold"].startswith("暂停计时起:  → ")
    for changes in rows.values():
        assert not any(code in changes for code in ("pass_by", "print_count", "on_hold_since", "department"))


def _register_and_language_entries(office, tmp_path):
    """An estate, a building, a unit, owners (the roster import) and the office's language
    changed, each through its service, as the demo office's log holds them."""
    from fixtures.owner_workbooks import roster
    from propdesk.services.register import importing
    from propdesk.services.setup import office_profile, structure

    admin = office["admin"]
    estate = structure.save_estate(admin, None, "翠湖苑")
    building, _n = structure.add_building(admin, estate.id, structure.BuildingSpec(
        name="8", entrances=1, floor_from=1, floor_to=2, rooms_per_floor=1))
    unit = office["units"]["3栋2单元1201"]
    structure.set_unit_active(admin, unit.id, False)
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "电话"],
                  [["3-2-1202", "李娜", "13800000001"], ["5-1-301", "王强", "13800000002"]])
    importing.import_owners(admin, path)
    office_profile.set_language(admin, "en")
    office_profile.set_language(admin, "zh_CN")
    return estate, building, unit


def test_register_records_by_their_names_and_languages_by_theirs(office, tmp_path, monkeypatch):
    """Estates, buildings, units and owners showed as '#3' and a language change as
    'zh_CN → en' (seen in the viewer): their names, the unit's label (3栋2单元1201), an owner's
    name (the log is read by supervisors and administrators, who see owners' names in its
    changes already), 简体中文 and English; looked up for a page in one query per kind."""
    from propdesk.models import database

    estate, building, unit = _register_and_language_entries(office, tmp_path)
    calls, db = [], database.obj
    real = db.execute_sql
    monkeypatch.setattr(db, "execute_sql", lambda sql, *a, **k: (calls.append(sql), real(sql, *a, **k))[1])
    rows = audit_log.page(office["supervisor"], AuditFilter())
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["entity"], []).append(row)
    assert [r["record"] for r in by_kind["estate"]] == ["翠湖苑"]
    assert [r["record"] for r in by_kind["building"]] == ["8栋"]
    assert [r["record"] for r in by_kind["unit"]] == ["3栋2单元1201"]
    assert sorted(r["record"] for r in by_kind["owner"]) == ["李娜", "王强"]
    assert [r["changes"] for r in by_kind["setting"][:2]] == ["本单位语言: English → 简体中文",
                                                              "本单位语言:  → English"]
    assert not any(r["record"].startswith("#") for r in rows)
    assert len(calls) <= 9, calls  # the page, its changes, staff names, one per kind shown
