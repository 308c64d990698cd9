"""Python's garbage collector while the first window is built (issue 21: start-up within 2x
of a bare Qt window).

The imports and widgets of the first screen create a few hundred thousand objects; CPython's
default thresholds (700, 10, 10) then run some 60 collections of the young generations before
the window shows, each scanning the survivors again: 12-23 ms of a 0.17-0.2 s start, where a
bare PySide6 window spends 3 ms. None of them finds much: start-up makes modules, classes and
widgets that live as long as the process.

:func:`while_starting` (when ``propdesk.ui`` is imported, i.e. before anything of the window)
raises the youngest generation's threshold so that a handful of collections run instead;
:func:`started` (after the main window's first paint) moves everything made so far out of the
collector's sight (``gc.freeze``: it is never scanned again, which also spares every later
collection) and puts the default thresholds back.
"""
from __future__ import annotations

import gc

STARTING = (50_000, 20, 20)
DEFAULT = gc.get_threshold()  # (700, 10, 10) unless the process chose others


def while_starting() -> None:
    if gc.get_threshold() == DEFAULT:  # (not when the process chose its own)
        gc.set_threshold(*STARTING)


def started() -> None:
    if gc.get_threshold() == STARTING:
        gc.freeze()
        gc.set_threshold(*DEFAULT)
