"""Where the shipped files (fonts, translations, icons, templates) are.

They are the package ``propdesk._resources`` (the checkout's top-level ``resources/``, mapped into
the package by setup.py), found as the package's folder in a wheel, an editable install
and the PyInstaller bundle alike (the spec copies the folder to ``propdesk/_resources``).
"""
from __future__ import annotations

import functools
import importlib
from pathlib import Path

# The characters the main font (WenQuanYi Micro Hei) lacks, CJK Extension A and B (names such as
# 王𠮷祥, 䶮): two subsets of the Hanazono fonts (tools/subset_fallback_fonts.py), used by the
# PDFs (reports.fonts) and by the window (ui.fonts.add_rare_character_fonts)
RARE_CHARACTER_FONTS = ("HanaMinA-ext.ttf", "HanaMinB-ext.ttf")


@functools.cache
def resources_root() -> Path:
    try:
        package = importlib.import_module("propdesk._resources")
    except ModuleNotFoundError:  # a bare source tree on PYTHONPATH, never installed
        return Path(__file__).resolve().parents[2] / "resources"
    # installed as files (wheel, editable, frozen): the package's folder, a real one, which
    # reportlab, Qt and sqlite need (PropDesk is never installed zipped). What
    # importlib.resources.files() gives for such a package, without importing
    # importlib.resources and its readers at every start (issue 21)
    return Path(str(package.__file__)).parent


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
