"""Two things PySide6 (6.12.0, the version this project installs) does that PropDesk works around
(issue 21), in one place so they can be dropped when PySide6 no longer needs them.

1. **It reads the source of every module imported after it** (20 ms of a start). Its import
   hook asks, for each newly imported module, whether its source mentions "PySide6"
   (``shibokensupport.feature._mod_uses_pyside``, for ``from __feature__ import snake_case``),
   through ``inspect.getsource``: linecache, tokenize and a decoded copy of about 150 files
   before the main window shows. :func:`quicker_feature_check` asks the same question of the
   file's bytes, and answers no at once for Python's own library (which never names PySide6);
   modules without a ``.py`` file go to PySide6's own check as before. If a PySide6 version no
   longer has the function, nothing is changed.

2. **It gives back references to None, True and False it never took.** Measured here: every
   ``signal.emit()`` from Python drops one reference to True (its return value), every Python
   slot Qt calls drops one to None, and so does every ``QVariant`` that comes back empty
   (``combo.currentData()`` on "All", ``widget.property()`` unset, ``index.data()`` of an
   empty cell). A fresh process holds about 300 references to True and 5,000 to None, so a few
   hundred background results, or a few thousand keystrokes in a field, bring one of them to
   zero: "Fatal Python error: bool_dealloc" (or none_dealloc) while the clerk works or, as
   seen in ``benchmarks/gui_session.py``, when the interpreter exits. On CPython 3.11 these
   three objects are never freed anyway (freeing one is that fatal error), so
   :func:`keep_singletons` gives each of them 2**40 references up front, which no session
   uses up; from Python 3.12 they are immortal and nothing is done.
"""
from __future__ import annotations

import os
import sys

import PySide6  # noqa: F401 - its import hook must be there to be made quicker

MARKER = b"PySide6"
STDLIB = os.path.dirname(os.__file__) + os.sep  # Python's own library
_kept = False  # keep_singletons has given its references (once per process)


def keep_singletons() -> bool:
    """None, True and False outlive any number of PySide6's lost references (point 2 above).
    False where the interpreter already keeps them (Python 3.12 and later)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    global _kept
    if not _kept:
        import ctypes

        for singleton in (None, True, False):
            # ob_refcnt, the first field of every CPython object
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
        _kept = True
    return True


def quicker_feature_check() -> bool:
    """Install the quicker check once; False when this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quicker", False):
        return original is not None

    def uses_pyside(module) -> bool:
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
