"""The office profile: name, address, phone and an optional logo, as printed on every form.

The logo is copied into the data folder (a new file each time, the old one stays) and its path
kept in the setting ``office_logo``; :func:`logo_path` finds it even if the data folder moved.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from propdesk import config
from propdesk import i18n
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Staff
from propdesk.services.core import settings
from propdesk.services.core.db_retry import transaction
from propdesk.services.setup.office import put_settings, require_edit
from propdesk.services.core.validation import MSG_CHOICE, Checker

LOGO_KEY = "office_logo"
LOGO_SUFFIXES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
LOGO_MAX_BYTES = 2 * 1024 * 1024

MSG_LOGO_KIND = QT_TRANSLATE_NOOP("rules", "{label}: choose a PNG or JPEG picture.")
MSG_LOGO_MISSING = QT_TRANSLATE_NOOP("rules", "{label}: the file {name} cannot be read.")
MSG_LOGO_BIG = QT_TRANSLATE_NOOP("rules", "{label}: the picture is larger than 2 MB.")


@dataclass
class Profile:
    office_name: str = ""
    office_address: str = ""
    office_phone: str = ""
    language: str = ""  # zh_CN or en: the window, the command's messages, every register and form;
    #                     "" keeps the office's language as it is


def profile() -> Profile:
    return Profile(office_name=settings.get("office_name") or "",
                   office_address=settings.get("office_address") or "",
                   office_phone=settings.get("office_phone") or "",
                   language=settings.get("language") or "")  # "" before the first start


def save_profile(actor: Staff | None, data: Profile) -> dict[str, tuple]:
    """Check and store the profile in one transaction; returns what changed (audited)."""
    require_edit(actor)
    c = Checker()
    values = {
        "office_name": c.text("office_name", data.office_name, required=True, max_len=80),
        "office_address": c.text("office_address", data.office_address, max_len=200),
        "office_phone": c.phone("office_phone", data.office_phone)[0],
    }
    if data.language:
        values["language"] = _checked_language(c, data.language)
    c.raise_if_any()
    with transaction():
        return put_settings(actor, values, note="profile")


def _checked_language(c: Checker, lang: str) -> str:
    if lang not in i18n.SUPPORTED:
        c.fail("language", MSG_CHOICE)
    return lang


def set_language(actor: Staff | None, lang: str) -> dict[str, tuple]:
    """The office's language (administrators): every desk's window from its next start, the
    command's messages and every register, form and report. Audited; returns what changed."""
    require_edit(actor)
    c = Checker()
    lang = _checked_language(c, lang)
    c.raise_if_any()
    with transaction():
        return put_settings(actor, {"language": lang}, note="language")


def logo_path() -> Path | None:
    """The logo file to print, or None (no logo, or the file is gone)."""
    stored = settings.get(LOGO_KEY) or ""
    if not stored:
        return None
    path = Path(stored)
    for candidate in (path, config.data_dir() / path.name):
        if candidate.is_file():
            return candidate
    return None


def _check_logo(source: Path) -> None:
    c = Checker()
    suffix = source.suffix.lower()
    if not source.is_file():
        c.fail(LOGO_KEY, MSG_LOGO_MISSING, name=source.name)
    elif suffix not in LOGO_SUFFIXES:
        c.fail(LOGO_KEY, MSG_LOGO_KIND)
    elif source.stat().st_size > LOGO_MAX_BYTES:
        c.fail(LOGO_KEY, MSG_LOGO_BIG)
    else:
        with source.open("rb") as fh:
            if not fh.read(8).startswith(LOGO_SUFFIXES[suffix]):
                c.fail(LOGO_KEY, MSG_LOGO_KIND)
    c.raise_if_any()


def set_logo(actor: Staff | None, source: str | Path | None) -> Path | None:
    """Copy ``source`` into the data folder and use it as the logo; None removes the logo
    (the file stays in the folder). Returns the stored path."""
    require_edit(actor)
    target = None
    if source:
        source = Path(source)
        _check_logo(source)
        stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S%f")
        target = config.data_dir() / f"office_logo_{stamp}{source.suffix.lower()}"
        shutil.copyfile(source, target)
    try:
        with transaction():
            put_settings(actor, {LOGO_KEY: str(target) if target else ""}, note="logo")
    except Exception:
        if target is not None:
            target.unlink(missing_ok=True)
        raise
    return target
