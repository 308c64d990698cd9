"""Where the shipped files (fonts, translations, icons, templates) are.

They are the package ``propdesk._resources`` (the checkout's top-level ``resources/``, mapped into
the package by setup.py), found through ``importlib.resources`` in a wheel, an editable install
and the PyInstaller bundle alike (the spec copies the folder to ``propdesk/_resources``).
"""
from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path


@functools.cache
def resources_root() -> Path:
    try:
        root = importlib.resources.files("propdesk._resources")
    except ModuleNotFoundError:  # a bare source tree on PYTHONPATH, never installed
        return Path(__file__).resolve().parents[2] / "resources"
    # installed as files (wheel, editable, frozen): a real folder, which reportlab, Qt and
    # sqlite need (PropDesk is never installed zipped)
    return Path(str(root))


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
