"""The enumerations the tables store, re-exported from :mod:`propdesk.enums` (the vocabulary
every layer shares: the UI uses it there, since it may not import ``propdesk.models``)."""
from propdesk.enums import (
    CallbackStatus, Channel, ComplaintStatus, ContactMethod, DayKind, Escalation, IncidentStatus,
    LabeledEnum, OwnerRole, Role, Satisfaction, Severity, Urgency, WorkOrderKind, WorkOrderStatus,
)

__all__ = ['CallbackStatus', 'Channel', 'ComplaintStatus', 'ContactMethod', 'DayKind', 'Escalation', 'IncidentStatus', 'LabeledEnum', 'OwnerRole', 'Role', 'Satisfaction', 'Severity', 'Urgency', 'WorkOrderKind', 'WorkOrderStatus']
