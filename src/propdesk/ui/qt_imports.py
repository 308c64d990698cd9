"""PySide6 reads the source of every module imported after it (issue 21: 20 ms of a start).

PySide6's import hook asks, for each newly imported module, whether its source mentions
"PySide6" (``shibokensupport.feature._mod_uses_pyside``, for ``from __feature__ import
snake_case``), through ``inspect.getsource``: linecache, tokenize and a decoded copy of every
file, about 150 of them before the main window shows. :func:`quicker_feature_check` asks the
same question by reading the file's bytes; modules without a ``.py`` file go to PySide6's own
check as before. If a PySide6 version no longer has the function, nothing is changed.
"""
from __future__ import annotations

import sys

import PySide6  # noqa: F401 - its import hook must be there to be made quicker

MARKER = b"PySide6"


def quicker_feature_check() -> bool:
    """Install the quicker check once; False when this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quicker", False):
        return original is not None

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
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
