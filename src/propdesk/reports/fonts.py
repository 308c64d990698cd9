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
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports import ReportError
from propdesk.resources import RARE_CHARACTER_FONTS, resource_path

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


# --- characters the main font lacks ------------------------------------------------------------
# WenQuanYi Micro Hei has no CJK Extension A/B: names such as 䶮 or 𪚥 would vanish. Two subsets
# of the Hanazono fonts (tools/subset_fallback_fonts.py) draw them; what no font has (emoji)
# prints as REPLACEMENT, is logged, and the page's footer says what the mark means.

FALLBACKS = tuple(zip(("PropDeskExtA", "PropDeskExtB"), RARE_CHARACTER_FONTS))
REPLACEMENT = "\u25a1"  # □, in the main font
# Zero-width joiners and variation selectors (the FE0F after an emoji) draw nothing anyway.
_INVISIBLE = frozenset([0x200B, 0x200C, 0x200D, 0x2060, *range(0xFE00, 0xFE10),
                        *range(0xE0100, 0xE01F0)])
_seen = threading.local()


def _cmap(name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


@functools.cache
def _main_chars() -> frozenset[int]:
    return _cmap(cjk_font()) | frozenset(range(0x20))  # control characters pass (line breaks)


@functools.cache
def _fallback(i: int) -> tuple[str, frozenset[int]] | None:
    """The i-th fallback font, registered the first time a character needs it (the larger one
    takes ~0.2 s to read); None when its file is missing or unreadable (a warning is logged)."""
    name, filename = FALLBACKS[i]
    path = resource_path("fonts", filename)
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as err:
        log.warning("cannot use fallback font %s: %s", path, err)
        return None
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name, _cmap(name)


def _font_of(cp: int) -> str | None:
    """The fallback font that draws ``cp``, or None."""
    for i in range(len(FALLBACKS)):
        found = _fallback(i)
        if found and cp in found[1]:
            return found[0]
    return None


def runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` as (font, text) runs: font None where the main font draws it, a fallback
    font's name where only that one does; a character no font has becomes REPLACEMENT (in the
    main font) and is remembered for :func:`take_missing`."""
    main = _main_chars()
    if main.issuperset(map(ord, text)):
        return [(None, text)] if text else []
    out: list[tuple[str | None, str]] = []
    for ch in text:
        cp = ord(ch)
        if cp in _INVISIBLE:
            continue
        font = None if cp in main else _font_of(cp)
        if font is None and cp not in main:
            _missing().add(ch)
            ch = REPLACEMENT
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def in_main_font(text: str) -> bool:
    """True when the main font draws every character of ``text`` (then :func:`runs` would
    give one run; checked at C speed, for writers that draw a great deal of text)."""
    return _main_chars().issuperset(map(ord, text))


def main_font_only(text: str) -> str:
    """``text`` for places that draw in one font only (chart labels): a character the main font
    lacks prints as REPLACEMENT and is remembered like one no font has (the footer explains)."""
    out = []
    for font, run in runs(text):
        if font is not None:
            _missing().update(run)
            run = REPLACEMENT * len(run)
        out.append(run)
    return "".join(out)


def _missing() -> set[str]:
    if not hasattr(_seen, "chars"):
        _seen.chars = set()
    return _seen.chars


def take_missing() -> set[str]:
    """The characters printed as REPLACEMENT on this thread since the last call (each PDF's
    build takes them when it is saved)."""
    found = set(_missing())
    _missing().clear()
    return found


# reportlab 5.1 writes a character beyond U+FFFF into a font's ToUnicode map as 5 hex digits,
# which viewers read as a different character (𪚥 U+2A6A5 came out of pdftotext as U+2A6A, 𠀀 as
# a space): the map must hold it as UTF-16 (a surrogate pair). Same map otherwise.
_make_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    lines = _make_to_unicode(fontname, subset).split("\n")
    first = lines.index("%d beginbfchar" % len(subset)) + 1
    lines[first:first + len(subset)] = [
        "<%02X> <%s>" % (i, chr(cp).encode("utf-16-be").hex().upper()) for i, cp in enumerate(subset)]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
