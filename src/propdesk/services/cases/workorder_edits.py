"""Correcting a work order after it is saved (修改派工单): the task, department, urgency, repair
category and whether it is a paid service, always with a reason, every field audited old → new.
An order that is completed or signed off is corrected only by a supervisor; a cancelled one not
at all. A free order made paid needs the owner's agreement noted (found chargeable at the
visit); a paid order goes back to free only while it has no fee lines.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Urgency, WorkOrderStatus
from propdesk.models.tables import Department, RepairCategory, Staff, now
from propdesk.services.cases import workorders
from propdesk.services.core import accounts
from propdesk.services.core.db_retry import transaction
from propdesk.services.core.validation import Checker, label
from propdesk.services.fees import charges

S = WorkOrderStatus
LOCKED = {S.DONE.value, S.CHECKED.value}  # completed or signed off: supervisor only

MSG_CANCELLED = QT_TRANSLATE_NOOP("rules", "{number} is cancelled: it cannot be changed.")
MSG_SUPERVISOR = QT_TRANSLATE_NOOP(
    "rules", "{number} is completed or signed off: only a supervisor may change it.")
MSG_HAS_LINES = QT_TRANSLATE_NOOP(
    "rules", "{label}: {number} has fee lines; void them before making it a free service.")
MSG_NOTHING = QT_TRANSLATE_NOOP("rules", "Nothing was changed.")


@dataclass
class WorkOrderEdit:
    """The fields as they should be now (None: leave as it is)."""

    description: str | None = None
    department_id: int | None = None
    urgency: str | None = None
    repair_category_id: int | None = None
    paid: bool | None = None
    owner_agreement: str = ""


def edit(actor: Staff, wo_id: int, data: WorkOrderEdit, reason: str,
         at: dt.datetime | None = None) -> object:
    """Change a saved order; returns it. Refusals name the field; nothing is half-written."""
    at = at or now()
    accounts.require(actor, "workorder.create", "work_order", wo_id)
    wo = workorders.get(wo_id)
    if wo.status == S.CANCELLED.value:
        raise RuleError(MSG_CANCELLED, number=wo.number)
    if wo.status in LOCKED:
        accounts.require(actor, "workorder.check", "work_order", wo_id)
    c = Checker()
    reason = c.text("reason", reason, required=True, max_len=200)
    values: dict = {}
    if data.description is not None:
        values["description"] = c.text("description", data.description, required=True, max_len=4000)
    if data.department_id is not None:
        values["department"] = c.ref("department", data.department_id, Department, required=True,
                                     query=Department.select().where(Department.active == True))  # noqa: E712
    if data.urgency is not None:
        values["urgency"] = c.choice("urgency", data.urgency, {u.value for u in Urgency})
    if data.repair_category_id is not None:
        values["repair_category"] = c.ref(
            "repair_category", data.repair_category_id, RepairCategory,
            query=RepairCategory.select().where(RepairCategory.active == True))  # noqa: E712
    if data.paid is not None:
        values["paid"] = c.flag("paid", data.paid, wo.paid)
        if values["paid"] and not wo.paid:
            agreement = c.text("owner_agreement", data.owner_agreement, required=True, max_len=200)
            values["owner_agreement"] = agreement
        elif not values["paid"] and wo.paid and charges.lines(wo.id):
            c.fail("paid", MSG_HAS_LINES, number=wo.number)
    c.raise_if_any()
    if values.get("urgency") and values["urgency"] != wo.urgency:
        values["pass_by"] = workorders.pass_by(wo.received_at, values["urgency"])
    with transaction():
        wo = workorders.get(wo_id)
        from propdesk.services.core import audit

        changes = audit.diff(wo, values)
        if not changes:
            raise RuleError(MSG_NOTHING, field="reason", label=label("reason"))
        wo.save()
        audit.record(actor, "work_order", wo.id, "edit", note=reason, changes=changes, at=at)
        charges.refresh(wo)
        return wo
