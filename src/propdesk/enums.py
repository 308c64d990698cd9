"""Enumerations stored as short text codes, with their labels in one place.

``label()`` gives the text in the current language (see :mod:`propdesk.i18n`); the English
source strings are marked for the translation catalogue under the context "enums".
"""
from __future__ import annotations

from enum import Enum

from propdesk.i18n import QT_TRANSLATE_NOOP, translate


class LabeledEnum(str, Enum):
    """A str Enum whose members carry an English label: ``Member = ("code", "Label")``."""

    source_label: str

    def __new__(cls, code: str, label: str = ""):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.source_label = label
        return obj

    def label(self, lang: str | None = None) -> str:
        return translate("enums", self.source_label, lang)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label()) for m in cls]


class Role(LabeledEnum):
    CLERK = ("clerk", QT_TRANSLATE_NOOP("enums", "Clerk"))
    SUPERVISOR = ("supervisor", QT_TRANSLATE_NOOP("enums", "Supervisor"))
    ADMIN = ("admin", QT_TRANSLATE_NOOP("enums", "Administrator"))
    TECHNICIAN = ("technician", QT_TRANSLATE_NOOP("enums", "Technician"))


class Channel(LabeledEnum):
    PHONE = ("phone", QT_TRANSLATE_NOOP("enums", "Phone"))
    WALK_IN = ("walk_in", QT_TRANSLATE_NOOP("enums", "Walk-in"))
    ON_SITE = ("on_site", QT_TRANSLATE_NOOP("enums", "On site"))
    WRITTEN = ("written", QT_TRANSLATE_NOOP("enums", "Written"))
    ONLINE = ("online", QT_TRANSLATE_NOOP("enums", "Online"))


class Severity(LabeledEnum):
    MAJOR = ("major", QT_TRANSLATE_NOOP("enums", "Major"))
    IMPORTANT = ("important", QT_TRANSLATE_NOOP("enums", "Important"))
    MINOR = ("minor", QT_TRANSLATE_NOOP("enums", "Minor"))


class ComplaintStatus(LabeledEnum):
    RECEIVED = ("received", QT_TRANSLATE_NOOP("enums", "Received"))
    REPLIED = ("replied", QT_TRANSLATE_NOOP("enums", "Replied"))
    CLOSED = ("closed", QT_TRANSLATE_NOOP("enums", "Closed"))
    REOPENED = ("reopened", QT_TRANSLATE_NOOP("enums", "Reopened"))
    VOIDED = ("voided", QT_TRANSLATE_NOOP("enums", "Voided"))

    @classmethod
    def open_codes(cls) -> tuple[str, ...]:
        return (cls.RECEIVED.value, cls.REPLIED.value, cls.REOPENED.value)


class Escalation(LabeledEnum):
    NONE = ("none", QT_TRANSLATE_NOOP("enums", "Not escalated"))
    SUPERVISOR = ("supervisor", QT_TRANSLATE_NOOP("enums", "Escalated to supervisor"))
    HEAD = ("head", QT_TRANSLATE_NOOP("enums", "Escalated to office head"))


class ContactMethod(LabeledEnum):
    PHONE = ("phone", QT_TRANSLATE_NOOP("enums", "Phone"))
    VISIT = ("visit", QT_TRANSLATE_NOOP("enums", "Visit"))
    IN_PERSON = ("in_person", QT_TRANSLATE_NOOP("enums", "In person at the desk"))
    WRITTEN = ("written", QT_TRANSLATE_NOOP("enums", "Written notice"))
    MESSAGE = ("message", QT_TRANSLATE_NOOP("enums", "Text / WeChat message"))


class WorkOrderKind(LabeledEnum):
    REPAIR = ("repair", QT_TRANSLATE_NOOP("enums", "Repair call"))
    FOLLOW_UP = ("follow_up", QT_TRANSLATE_NOOP("enums", "Complaint follow-up"))


class Urgency(LabeledEnum):
    URGENT = ("urgent", QT_TRANSLATE_NOOP("enums", "Urgent"))
    ORDINARY = ("ordinary", QT_TRANSLATE_NOOP("enums", "Ordinary"))


class WorkOrderStatus(LabeledEnum):
    NEW = ("new", QT_TRANSLATE_NOOP("enums", "New"))
    ASSIGNED = ("assigned", QT_TRANSLATE_NOOP("enums", "Assigned"))
    IN_PROGRESS = ("in_progress", QT_TRANSLATE_NOOP("enums", "In progress"))
    DONE = ("done", QT_TRANSLATE_NOOP("enums", "Done"))
    CHECKED = ("checked", QT_TRANSLATE_NOOP("enums", "Checked"))
    REWORK = ("rework", QT_TRANSLATE_NOOP("enums", "Rework"))
    CANCELLED = ("cancelled", QT_TRANSLATE_NOOP("enums", "Cancelled"))


class CallbackStatus(LabeledEnum):
    DUE = ("due", QT_TRANSLATE_NOOP("enums", "Due"))
    DONE = ("done", QT_TRANSLATE_NOOP("enums", "Done"))
    CANCELLED = ("cancelled", QT_TRANSLATE_NOOP("enums", "Cancelled"))


class IncidentStatus(LabeledEnum):
    OPEN = ("open", QT_TRANSLATE_NOOP("enums", "Open"))
    CLOSED = ("closed", QT_TRANSLATE_NOOP("enums", "Ended"))


class Satisfaction(LabeledEnum):
    SATISFIED = ("satisfied", QT_TRANSLATE_NOOP("enums", "Satisfied"))
    FAIRLY = ("fairly", QT_TRANSLATE_NOOP("enums", "Fairly satisfied"))
    DISSATISFIED = ("dissatisfied", QT_TRANSLATE_NOOP("enums", "Dissatisfied"))


class OwnerRole(LabeledEnum):
    OWNER = ("owner", QT_TRANSLATE_NOOP("enums", "Owner"))
    TENANT = ("tenant", QT_TRANSLATE_NOOP("enums", "Tenant"))
    FAMILY = ("family", QT_TRANSLATE_NOOP("enums", "Family member"))


class DayKind(LabeledEnum):
    HOLIDAY = ("holiday", QT_TRANSLATE_NOOP("enums", "Public holiday"))
    WORKDAY = ("workday", QT_TRANSLATE_NOOP("enums", "Make-up working day"))
    CLOSED = ("closed", QT_TRANSLATE_NOOP("enums", "Office closed"))
