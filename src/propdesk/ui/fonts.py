"""Chinese in the window on a computer without a Chinese system font.

A bare Linux desktop (or a trimmed Windows image) may have no font with Chinese glyphs: every
label would show boxes. PropDesk ships WenQuanYi Micro Hei for its PDFs; when the system has no
Simplified Chinese font, the same file is loaded into Qt and put after the system font in the
application font's families, so Latin text keeps the system look and Chinese falls back to it.

Rare characters (CJK Extension A and B: 王𠮷祥, 𡈽) are in neither that font nor most systems'
(Windows has SimSun-ExtB): the two Hanazono subsets the PDFs fall back to are loaded into Qt too
and made the substitutes of the application font's families (``add_rare_character_fonts``). That is
done once the main window is drawn, not at start: start-up is measured against a bare Qt window.
"""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from propdesk.resources import RARE_CHARACTER_FONTS, resource_path

log = logging.getLogger(__name__)
SHIPPED = ("fonts", "wqy-microhei.ttc")
# Windows' own fonts for Extension A (SimSun) and B (SimSun-ExtB), first in Qt's fallbacks there
# already: kept before the shipped ones, so that the shipped fonts only add what a system lacks
SYSTEM_RARE = ("SimSun", "SimSun-ExtB")
_rare_families: list[str] | None = None  # loaded once per process (add_rare_character_fonts)


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


def fallback_families(shipped: list[str], has_family=QFontDatabase.hasFamily) -> list[str]:
    """The order Qt tries for a glyph the screen font lacks: a system's own fonts for these
    characters first (Windows' SimSun and SimSun-ExtB, which Qt's Windows fallback used before:
    what was drawn there stays as it was), then the shipped ones."""
    return [family for family in SYSTEM_RARE if has_family(family)] + shipped


def add_rare_character_fonts(app=None) -> list[str]:
    """Characters of CJK Extension A/B drawn in the window instead of boxes; the first call does
    it (a few ms), later ones return at once. The shipped Hanazono subsets are loaded into Qt and
    made the substitutes of the application font's families: Qt tries a family's substitutes for
    a glyph it lacks, before the system's fallbacks. Substitutes, not ``QFont.setFamilies`` on the
    application font: widgets under a style sheet (the main window has one) keep the fonts they
    were polished with and never see a later application font. Every widget is then told that its
    font changed, so that texts laid out already (a rich-text label, a line edit) are laid out
    again with the new glyphs. Returns the fallback families, in the order Qt tries them."""
    global _rare_families
    if _rare_families is not None:
        return list(_rare_families)
    from PySide6.QtCore import QEvent  # not at start: its names are built when first used

    app = app or QApplication.instance()
    shipped = []
    for filename in RARE_CHARACTER_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", filename)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            shipped.append(families[0])
        else:
            log.warning("the shipped font %s could not be loaded: rare characters show as boxes", filename)
    _rare_families = fallback_families(shipped)
    for family in app.font().families() or [app.font().family()]:
        # a family the system only knows as an alias ("Sans Serif" on Linux) would be replaced
        # by its first substitute: the font it stands for comes first, so nothing else changes
        named = [] if QFontDatabase.hasFamily(family) else [QFontInfo(QFont(family)).family()]
        QFont.insertSubstitutions(family, named + _rare_families)
    # the font cache was emptied when the files were added (engines are made anew, with the
    # substitutes); what widgets laid out before is laid out again
    for widget in QApplication.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.FontChange))
    return list(_rare_families)
