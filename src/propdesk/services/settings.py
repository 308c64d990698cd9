"""Office settings stored in the database (key -> text), with defaults."""
from __future__ import annotations

from propdesk.models.tables import Setting

DEFAULTS = {
    "office_name": "阳光花园物业服务中心",
    "office_phone": "",
    "office_address": "",
    "language": "",
}


def get(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return row.value
    return DEFAULTS.get(key, default)


def put(key: str, value: str) -> None:
    Setting.replace(key=key, value=value).execute()
