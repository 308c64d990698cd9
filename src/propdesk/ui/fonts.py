"""Chinese in the window on a computer without a Chinese system font.

A bare Linux desktop (or a trimmed Windows image) may have no font with Chinese glyphs: every
label would show boxes. PropDesk ships WenQuanYi Micro Hei for its PDFs; when the system has no
Simplified Chinese font, the same file is loaded into Qt and put after the system font in the
application font's families, so Latin text keeps the system look and Chinese falls back to it.
"""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from propdesk.resources import resource_path

log = logging.getLogger(__name__)
SHIPPED = ("fonts", "wqy-microhei.ttc")


def system_has_chinese() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))


def ensure_chinese_font(app, force: bool = False) -> str | None:
    """Load the shipped font when the system has no Chinese one (or ``force``); returns the
    family added to the application font, or None when the system font does it."""
    if system_has_chinese() and not force:
        return None
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*SHIPPED)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("no Chinese font on this system and the shipped %s could not be loaded", SHIPPED[-1])
        return None
    font = QFont(app.font())
    font.setFamilies([app.font().family(), families[0]])
    app.setFont(font)
    return families[0]
