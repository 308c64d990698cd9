"""Pages and counts of names by their initials (zw, lt, zwm) on the three lists, PropDesk's own
``page``/``count``, on a SQLite file or a PostgreSQL database (issue 20, session 7).

    python benchmarks/initials.py LOCATION [--runs 7] [--rounds 3] [--compare-plain]

LOCATION: a file of ``generate.py`` (opened as PropDesk opens it: it is brought to the current
schema first) or a ``postgresql://`` URL (``run.py --db-url`` copies a file into one).
``--compare-plain`` (PostgreSQL): each round times the queries twice in this process, "plain"
(the callbacks' ``Listing._initials_in_order`` and ``_pg_count_by_index`` switched off: the SQL
of schema 14, before session 7) and "now", alternated, and checks that both give the same ids
and counts. Each figure: median of ``--runs`` after a warm-up; the median of the rounds, with
the lowest and highest in brackets.
"""
from __future__ import annotations

import argparse
import statistics
import sys

from timing import median_ms  # benchmarks/timing.py

QUERIES = [  # (list, term): its first page, the page after it, its count
    ("complaints", "zw"), ("complaints", "lt"), ("complaints", "zwm"),
    ("work orders", "zw"), ("work orders", "lt"),
    ("callbacks", "zw"), ("callbacks", "lt"), ("callbacks", "zwm"),
]


def _lists():
    from propdesk.services.lists import callback_search, search, workorder_search

    return {"complaints": (search, lambda t: search.ComplaintFilter(text=t)),
            "work orders": (workorder_search, lambda t: workorder_search.WorkOrderFilter(text=t)),
            "callbacks": (callback_search, lambda t: callback_search.CallbackFilter(view="all", text=t))}


def _cases(runs: int):
    """(name, timed function, its answer) for every query."""
    from propdesk.services.core.accounts import PROGRAM

    out = []
    for name, term in QUERIES:
        module, make = _lists()[name]
        f = make(term)

        def page(module=module, f=f):
            return [r["id"] for r in module.page(f, reader=PROGRAM)]

        def scrolled(module=module, f=f):
            first = module.page(f, reader=PROGRAM)
            return [r["id"] for r in module.page(f, after=first[-1], reader=PROGRAM)] if first else []

        def count(module=module, f=f):
            return module.count(f, reader=PROGRAM)

        out.append((f"{name} {term}", page))
        if term != "zwm":
            out.append((f"  {name} {term} and the next page", scrolled))
        out.append((f"  count of {name} {term}", count))
    return out


def _plain(on: bool, saved: dict) -> None:
    from propdesk.services.lists import callback_search, search, workorder_search
    from propdesk.services.lists.listing import Listing

    for attr in ("_initials_in_order", "_pg_count_by_index"):
        if attr not in saved and hasattr(Listing, attr):
            saved[attr] = getattr(Listing, attr)
    if "_pg_count_by_index" in saved:  # (session 7's: the counts from the side tables)
        Listing._pg_count_by_index = (lambda self, f: None) if on else saved["_pg_count_by_index"]
    if "_initials_in_order" in saved:  # the callbacks' (session 7); the cases' of session 6 kept
        real = saved["_initials_in_order"]
        Listing._initials_in_order = (
            (lambda self, *a: None if self.model._meta.table_name == "callback" else real(self, *a))
            if on else real)
    for module in (search, workorder_search, callback_search):
        module.LISTING.clear_cache()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("location")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--compare-plain", action="store_true")
    args = p.parse_args(argv)
    from propdesk.models import init_db

    init_db(args.location)
    modes = ["plain", "now"] if args.compare_plain else ["now"]
    cases = _cases(args.runs)
    times = {(m, name): [] for m in modes for name, _ in cases}
    answers = {}
    saved: dict = {}
    for _ in range(args.rounds):
        for mode in modes:
            _plain(mode == "plain", saved)
            for name, fn in cases:
                times[(mode, name)].append(median_ms(fn, args.runs))
                answer = fn()
                if answers.setdefault(name, answer) != answer:
                    print(f"DIFFERENT ANSWER: {name} ({mode})", flush=True)
                    return 1
    _plain(False, saved)

    def shown(values):
        mid = statistics.median(values)
        low, high = min(values), max(values)
        text = f"{mid:.1f}"
        return text + (f" ({low:.1f}-{high:.1f})" if high - low > mid / 2 else "")

    print(f"{'query':40} " + " ".join(f"{m + ' ms':>22}" for m in modes) + f" {'rows/count':>10}")
    for name, _fn in cases:
        found = answers[name]
        print(f"{name:40} " + " ".join(f"{shown(times[(m, name)]):>22}" for m in modes)
              + f" {found if isinstance(found, int) else len(found):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
