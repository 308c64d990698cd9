"""Make the fallback fonts in resources/fonts/ from Debian's fonts-hanazono (a developer's tool).

    apt-get download fonts-hanazono && dpkg-deb -x fonts-hanazono_*.deb /tmp/hanazono
    pip install fonttools
    python tools/subset_fallback_fonts.py /tmp/hanazono/usr/share/fonts/truetype/hanazono

The main font (WenQuanYi Micro Hei) lacks CJK Extension A and B, so names such as 䶮 or 𪚥
would vanish from printouts. HanaMinA/HanaMinB (GlyphWiki project, Hanazono Font License: free
use, copying and distribution, with or without modification; resources/fonts/LICENSE-hanazono.txt)
are TrueType (glyf), which reportlab embeds. Whole, they weigh 52 MB, so only what the main font
lacks is kept:

- HanaMinA-ext.ttf: every CJK ideograph of HanaMinA that the main font has not (Extension A,
  the last unified ideographs, compatibility ideographs, radicals and strokes, and the ~3,600
  Extension B-E ideographs HanaMinA carries, e.g. 𠀀 𪚥 𬀩);
- HanaMinB-ext.ttf: the rest of Extension B (U+20000-2A6DF) from HanaMinB that has a Mandarin
  reading (pypinyin's table, made from Unihan's kHanyuPinyin/kMandarin/kXHC1983 readings).
  A character with no Mandarin reading at all is a historical, dialect or variant form nobody
  writes in a name or an address on the mainland; the other 26,000 would weigh 13 MB of the 20.
  What is left out still prints as □ with the page's warning, never as a silent gap.

Extensions C-F beyond those in HanaMinA are left out (8 MB more); they print as □ with a warning.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
CJK = [(0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0x20000, 0x2FA1F)]
EXT_B = [(0x20000, 0x2A6DF)]


def _in(ranges, cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _subset(src: Path, dst: Path, codepoints: list[int]) -> None:
    font = TTFont(str(src))
    options = subset.Options()
    options.name_IDs, options.name_languages = ["*"], ["*"]  # keep the copyright and licence names
    options.notdef_outline, options.hinting, options.layout_features = True, False, []
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.save(str(dst))
    print(f"{dst.name}: {len(codepoints)} characters, {dst.stat().st_size // 1024} KB")


def main(folder: str) -> None:
    src = Path(folder)
    main_font = set(TTFont(str(FONTS / "wqy-microhei.ttc"), fontNumber=0, lazy=True).getBestCmap())
    a_cmap = TTFont(str(src / "HanaMinA.ttf"), lazy=True).getBestCmap()
    a_cps = sorted(cp for cp in a_cmap if _in(CJK, cp) and cp not in main_font)
    _subset(src / "HanaMinA.ttf", FONTS / "HanaMinA-ext.ttf", a_cps)
    b_cmap = TTFont(str(src / "HanaMinB.ttf"), lazy=True).getBestCmap()
    from pypinyin.pinyin_dict import pinyin_dict  # code point -> readings (a runtime dependency)

    b_cps = sorted(cp for cp in b_cmap if _in(EXT_B, cp) and cp not in a_cmap and cp not in main_font
                   and cp in pinyin_dict)
    _subset(src / "HanaMinB.ttf", FONTS / "HanaMinB-ext.ttf", b_cps)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/hanazono")
