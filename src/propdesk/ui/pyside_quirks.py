"""What PySide6 does that PropDesk works around (issue 21), in one place so it can be dropped
when PySide6 no longer needs it.

**It reads the source of every module imported after it** (20 ms of a start). Its import
hook asks, for each newly imported module, whether its source mentions "PySide6"
(``shibokensupport.feature._mod_uses_pyside``, for ``from __feature__ import snake_case``),
through ``inspect.getsource``: linecache, tokenize and a decoded copy of about 150 files
before the main window shows. :func:`quicker_feature_check` asks the same question of the
file's bytes, and answers no at once for Python's own library (which never names PySide6);
modules without a ``.py`` file go to PySide6's own check as before. If a PySide6 version no
longer has the function, nothing is changed.

(PySide6 6.12.0 also gives back references to None, True and False that it never took: one to
True at every ``emit()`` from Python, one to None at every Python slot Qt calls and every empty
``QVariant``; on Python 3.11 a desk then dies with "Fatal Python error: bool_dealloc" after a
few hundred worker results. That is not worked around here: pyproject.toml asks for a release
before 6.12, and tests/test_startup_imports.py's long session fails on one that loses them.)
"""
from __future__ import annotations

import os
import sys

import PySide6  # noqa: F401 - its import hook must be there to be made quicker

MARKER = b"PySide6"
STDLIB = os.path.dirname(os.__file__) + os.sep  # Python's own library


def quicker_feature_check() -> bool:
    """Install the quicker check once; False when this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quicker", False):
        return original is not None

    def uses_pyside(module) -> bool:
        if getattr(type(module), "stands_in", False):
            return False  # a standard module not imported yet (pg_driver: not to be imported by asking)
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.startswith(STDLIB) and "-packages" not in path:
            return False  # Python's own library never names PySide6
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return MARKER in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.quicker = True
    uses_pyside.original = original
    feature._mod_uses_pyside = uses_pyside
    return True
