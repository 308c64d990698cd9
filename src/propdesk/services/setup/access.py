"""Who may see and change the office setup: administrators change it (``settings.edit``),
supervisors may look at it. Apart from ``office.py`` (which re-exports it) so that the main
window can decide on its menu without importing the setup's rules (and the case modules they
stand on) at start-up."""
from __future__ import annotations

from propdesk.models.enums import Role
from propdesk.models.tables import Staff
from propdesk.services.core import accounts

SETTING = "setting"  # audit entity of the office settings
VIEW_ROLES = {Role.SUPERVISOR.value, Role.ADMIN.value}


def can_edit(actor: Staff | None) -> bool:
    return accounts.can(actor, "settings.edit")


def can_view(actor: Staff | None) -> bool:
    return actor is not None and actor.active and actor.role in VIEW_ROLES


def require_edit(actor: Staff | None, entity: str = SETTING, entity_id: int = 0) -> None:
    """Call before opening the transaction: a refusal is audited in its own."""
    accounts.require(actor, "settings.edit", entity, entity_id)
