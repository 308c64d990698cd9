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
