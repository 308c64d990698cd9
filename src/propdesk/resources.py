"""Where the shipped resources (fonts, translations, icons) are, in a checkout or a frozen build."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
