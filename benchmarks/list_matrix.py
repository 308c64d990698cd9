"""The first page of the complaint, callback and work-order lists for every filter x a second
filter x every offered sort x both directions: the combinations `gui_session.py` does not try
(it changes one filter at a time and sorts only the default view). These pages are read on a
worker since session 6 (ui/lazy_model.py): a slow one no longer freezes the window, the clerk
waits for it ("Reading…" after 150 ms); `gui_session.py --matrix` sets the same combinations
through the window and times the GUI thread.

    python benchmarks/list_matrix.py FILE.db [--over 50] [--top 40]

Reads only (run it on a copy all the same). Each page is 200 rows, best of two runs (the
first builds and caches the list's SQL, including query_parts.narrowed's counts). Both the
time on the clock and the process's CPU time are kept: on a shared, loaded machine the clock
also counts the time the process waited for a core, the CPU time does not.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def combinations():
    from propdesk.models.tables import Building, Category, Department, Staff
    from propdesk.services.lists import callback_search as cs
    from propdesk.services.lists import search
    from propdesk.services.lists import workorder_search as ws

    building = Building.select().order_by(Building.id).first().id
    clerk = Staff.select().where(Staff.role == "clerk").order_by(Staff.id).first()
    category = Category.select().order_by(Category.id).first().id
    department = Department.select().order_by(Department.id).first().id
    for view in ("today", "overdue", "upcoming", "open", "done", "all"):
        for extra in ({}, {"kind": "complaint"}, {"kind": "work_order"}, {"kind": "incident"},
                      {"building_id": building}, {"clerk_id": clerk.id if clerk else None}):
            yield "callbacks", cs, cs.CallbackFilter(view=view, **extra), f"{view} {extra}"
    for statuses in ((), ("received",), ("replied",), ("closed",), ("voided",),
                     ("received", "replied", "reopened")):
        for extra in ({}, {"category_id": category}, {"severity": "major"}, {"severity": "minor"},
                      {"department_id": department}, {"building_id": building}, {"overdue_only": True}):
            yield "complaints", search, search.ComplaintFilter(statuses=statuses, **extra), f"{statuses} {extra}"
    for statuses in ((), ("new",), ("checked",), ("cancelled",),
                     ("new", "assigned", "in_progress", "done", "rework")):
        for extra in ({}, {"urgency": "urgent"}, {"department_id": department}, {"overdue_only": True},
                      {"unpaid_only": True}):
            yield "work orders", ws, ws.WorkOrderFilter(statuses=statuses, **extra), f"{statuses} {extra}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("--over", type=float, default=50.0)
    p.add_argument("--top", type=int, default=40)
    args = p.parse_args(argv)

    from propdesk.models import init_db
    from propdesk.services.core.accounts import PROGRAM

    init_db(str(args.path))
    results = []
    for name, module, f, label in combinations():
        for order in module.LISTING.sortable:
            for descending in (False, True):
                best = cpu = float("inf")
                for _ in range(2):
                    t0, c0 = time.perf_counter(), time.process_time()
                    module.page(f, order, descending, limit=200, reader=PROGRAM)
                    best = min(best, (time.perf_counter() - t0) * 1000)
                    cpu = min(cpu, (time.process_time() - c0) * 1000)
                results.append((best, cpu, name, label, order, "desc" if descending else "asc"))
    for name in ("complaints", "callbacks", "work orders"):
        mine = [r for r in results if r[2] == name]
        print(f"{name}: {len(mine)} combinations, {sum(r[0] > args.over for r in mine)} over "
              f"{args.over:.0f} ms, slowest {max(r[0] for r in mine):.1f} ms; CPU time: "
              f"{sum(r[1] > args.over for r in mine)} over, slowest {max(r[1] for r in mine):.1f} ms")
    for ms, cpu, name, label, order, direction in sorted(results, reverse=True)[:args.top]:
        print(f"{ms:9.1f} ms (CPU {cpu:6.1f})  {name}: {label} by {order} {direction}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
