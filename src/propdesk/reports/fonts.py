"""The Chinese TrueType font every PDF embeds.

PropDesk ships WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``) so that Windows and
Linux print the same. Only if that file is missing (a trimmed build) do we fall back to a
TrueType font of the system. Never ``UnicodeCIDFont``: it is not embedded, and the text vanishes
in a viewer without Chinese fonts. OpenType/CFF fonts (Noto Sans CJK .otc) are refused by
reportlab, so they are not candidates.
"""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports import ReportError
from propdesk.resources import resource_path

log = logging.getLogger(__name__)

FONT_NAME = "PropDeskCJK"

MSG_NO_FONT = QT_TRANSLATE_NOOP(
    "reports", "No Chinese TrueType font was found, so no PDF can be made. Reinstall PropDesk "
               "(it ships resources/fonts/wqy-microhei.ttc).")

# (path, subfont index) tried in order after the shipped font.
_WINDIR = os.environ.get("WINDIR", r"C:\Windows")
SYSTEM_CANDIDATES = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),  # Fedora
    (os.path.join(_WINDIR, "Fonts", "simsun.ttc"), 0),
    (os.path.join(_WINDIR, "Fonts", "simhei.ttf"), 0),
    (os.path.join(_WINDIR, "Fonts", "msyh.ttc"), 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
]


def candidates() -> list[tuple[Path, int]]:
    """Font files to try, the shipped one first."""
    shipped = (resource_path("fonts", "wqy-microhei.ttc"), 0)
    return [shipped] + [(Path(p), i) for p, i in SYSTEM_CANDIDATES]


@functools.cache
def cjk_font() -> str:
    """Register the first usable CJK TrueType font under :data:`FONT_NAME` and return that name.

    Raises ReportError (a translated RuleError) when no font can be loaded."""
    for path, index in candidates():
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
        except (TTFError, OSError) as err:  # a CFF-based or damaged file: try the next one
            log.warning("cannot use font %s: %s", path, err)
            continue
        # The font has no bold or italic face; map them to itself so <b> in a Paragraph works.
        pdfmetrics.registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME,
                                      italic=FONT_NAME, boldItalic=FONT_NAME)
        log.info("PDF font: %s", path)
        return FONT_NAME
    raise ReportError(MSG_NO_FONT)
