"""The one timing every benchmark here reports: the median of ``runs`` calls, in milliseconds.

The scripts are run as ``python benchmarks/NAME.py``, so this folder is the first entry of
``sys.path`` and they import it as ``from timing import median_ms`` (a script imported from
elsewhere puts the folder on the path first, as ``weekly.py`` does).
"""
from __future__ import annotations

import statistics
import time
from typing import Callable


def median_ms(fn: Callable[[], object], runs: int, warm_up: bool = True) -> float:
    """The median time of ``runs`` calls of ``fn`` in ms. ``warm_up``: one call first, not
    timed (fills the page cache, compiles the statement); off where the first call is part of
    what is measured or would change the state (a wrong password counts)."""
    if warm_up:
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
