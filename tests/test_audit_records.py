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
