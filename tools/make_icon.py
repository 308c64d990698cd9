"""Draw PropDesk's icon: resources/icons/propdesk.png (256 px) and propdesk.ico (16-256 px).

A rounded blue square with a white 物 (物业, property management) in the shipped font, so the
icon needs nothing outside the repository. Run it again only to change the icon; both outputs
are committed. Needs Pillow (already there: reportlab depends on it).

    .venv/bin/python tools/make_icon.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

BLUE = (23, 92, 170, 255)
BAND = (242, 153, 0, 255)  # an orange band: the desk
WHITE = (255, 255, 255, 255)


def draw(size: int = 1024) -> Image.Image:
    """The icon at ``size`` px, drawn large and scaled down for each ICO size."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 32
    radius = size // 6
    d.rounded_rectangle([pad, pad, size - pad, size - pad], radius=radius, fill=BLUE)
    band_top = int(size * 0.76)
    d.rounded_rectangle([pad, band_top, size - pad, size - pad], radius=radius, fill=BAND)
    d.rectangle([pad, band_top, size - pad, band_top + radius], fill=BAND)
    font = ImageFont.truetype(str(FONT), int(size * 0.62), index=0)
    text = "物"
    left, top, right, bottom = d.textbbox((0, 0), text, font=font)
    x = (size - (right - left)) / 2 - left
    y = (band_top + pad - (bottom - top)) / 2 - top
    d.text((x, y), text, font=font, fill=WHITE)
    return img


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    png = OUT / "propdesk.png"
    big.resize((256, 256), Image.LANCZOS).save(png, optimize=True)
    ico = OUT / "propdesk.ico"
    big.resize((256, 256), Image.LANCZOS).save(ico, format="ICO",
                                               sizes=[(s, s) for s in ICO_SIZES])
    print(f"{png}\n{ico}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
