"""Which queries run on the GUI thread for longer than the bound (50 ms), while a scripted
session clicks through every tab, every filter and every sortable column of the main window.

    python benchmarks/gui_session.py FILE.db [--bound 50] [--role admin] [--scroll 100000] [--matrix]

The window is PropDesk's own (offscreen), signed in as the demo office's administrator (or the
given role's first account). Every statement the models' database runs is timed; those run on
the GUI thread (the thread the window lives on) over ``--bound`` milliseconds are listed with
the step that caused them. Work on worker threads (counts, exports, backups) is not listed: it
does not freeze the window. The script drives widgets generically, so a filter or tab added
later is clicked too: each tab is shown; in it every combo box is set to each of its entries
(up to 12) and back, every check box toggled on and off, and every table sorted by each
column both ways and scrolled three pages down. A list's new rows are read on a worker
(ui/lazy_model.py): each step waits until they are shown before the next one.

Besides the statements, every turn of the GUI thread is timed (the call that acts, e.g. a
combo's new entry, and each ``processEvents`` while the rows are on their way; one call may
handle several events, so a turn is at most that): the longest per tab is listed.

``--matrix``: then every combination of ``list_matrix.py`` (filter x second filter x offered
sort x direction) is set through the window's own widgets (combos, check boxes, header sorts)
of the complaint list, the dispatch board and the callback tab; a combination whose filter
the window does not offer (a board by department, callbacks of incidents) is skipped and
counted. After each sort the list is scrolled one page down (that page is read on the GUI
thread, a keyset seek). Listed per list: the longest GUI-thread turn, GUI-thread statements
over the bound, and how long the clerk waited for the rows (how many waits showed the
"Reading…" cue).

Then (``--scroll N``, 0 to skip) the complaint list is scrolled N rows down the way a clerk's
scroll bar does it (to the bottom, again and again): the process's resident memory (RSS)
before and after, the rows the list's model holds at the end, and the time of the first and
the last pages read (a list that pages by OFFSET gets slower the deeper it goes). Statements
of the scroll are not in the list above.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class GuiThreadWatch:
    """Wraps the database's ``execute_sql``: times every statement, keeps the GUI thread's
    ones over the bound with the step label current at the time."""

    def __init__(self, db, bound_ms: float):
        self.db, self.bound = db, bound_ms
        self.step = "start"
        self.slow: list[tuple[str, float, str]] = []
        self.count = 0
        # tab, wall, GUI CPU, its longest stretch (wall, CPU), first page shown after
        self.first_showing: list[tuple[str, float, float, float, float, float]] = []
        self._original = db.execute_sql
        self._gui = threading.main_thread()
        db.execute_sql = self._execute
        # group -> the longest GUI turn (wall ms, the GUI thread's CPU ms in it, its step)
        self.turns: dict[str, tuple[float, float, str]] = {}
        self.over: dict[str, int] = {}  # group -> turns over the bound (wall)
        self.over_cpu: dict[str, int] = {}  # ... by the GUI thread's own CPU time
        self.by_cpu: list[tuple[float, float, str]] = []  # every timed turn: CPU, wall, step
        self.group = "start"

    def timed(self, fn, *args):
        """``fn(*args)`` on the GUI thread, its time kept as a turn (wall, and the thread's CPU,
        which other processes on the machine do not inflate)."""
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return fn(*args)
        finally:
            ms, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
            if ms > self.turns.get(self.group, (0.0, 0.0, ""))[0]:
                self.turns[self.group] = (ms, cpu, self.step)
            if ms > self.bound:
                self.over[self.group] = self.over.get(self.group, 0) + 1
            if cpu > self.bound:
                self.over_cpu[self.group] = self.over_cpu.get(self.group, 0) + 1
            self.by_cpu.append((cpu, ms, self.step))

    def _execute(self, sql, params=None, *args, **kwargs):
        if threading.current_thread() is not self._gui:
            return self._original(sql, params, *args, **kwargs)
        t0 = time.perf_counter()
        try:
            return self._original(sql, params, *args, **kwargs)
        finally:
            ms = (time.perf_counter() - t0) * 1000
            self.count += 1
            if ms > self.bound:
                self.slow.append((self.step, ms, " ".join(sql.split())[:160]))

    def close(self):
        del self.db.execute_sql


def _list_model(page):
    """The lazy list model of a tab's page (the work-order tab's board), if it has one."""
    for owner in (page, getattr(page, "widget", lambda: None)(), getattr(page, "board", None)):
        model = getattr(owner, "model", None)
        if model is not None and not callable(model):
            return model
    return None


def _lists(page):
    """The lazy list models on a tab's page."""
    from propdesk.ui.lazy_model import LazyTableModel
    from PySide6.QtWidgets import QTableView

    return [t.model() for t in page.findChildren(QTableView) if isinstance(t.model(), LazyTableModel)]


def wait_rows(watch, app, models) -> float:
    """Turn the event loop until no model has a read on its way; each turn timed. Returns the
    ms waited."""
    t0 = time.perf_counter()
    for _ in range(3):
        watch.timed(app.processEvents)
    while any(m.loading for m in models):
        watch.timed(app.processEvents)
        time.sleep(0.002)  # (the worker gets the interpreter meanwhile)
    return (time.perf_counter() - t0) * 1000


def session(window, watch, app) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QTableView

    page = None

    def settle():
        wait_rows(watch, app, _lists(page) if page is not None else [])

    tabs = window.tabs
    for i in range(tabs.count()):
        name = tabs.tabText(i).replace("&", "")
        watch.step = f"tab {name}"
        # a tab's first showing: how long the GUI thread is busy building and drawing it (wall
        # and the GUI thread's own CPU, which other jobs on the machine do not inflate), and
        # when its list's first page, read on a worker, is there
        # the longest single stretch of it is the figure for the bound: the key press that
        # shows the tab (here the call), then each turn of the event loop until the tab is
        # complete (the work-order tab builds its board a turn after its form); between two,
        # the window answers the keyboard
        t0, c0 = time.perf_counter(), time.thread_time()
        tabs.setCurrentIndex(i)
        turns = [((time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000)]
        page = tabs.widget(i)
        for turn in range(100):
            t1, c1 = time.perf_counter(), time.thread_time()
            app.processEvents()
            turns.append(((time.perf_counter() - t1) * 1000, (time.thread_time() - c1) * 1000))
            if turn >= 2 and getattr(page, "board_built", lambda: True)():
                break
        wall, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
        longest = max(turns, key=lambda t: t[1])
        model = _list_model(page)
        while model is not None and getattr(model, "loading", False):
            app.processEvents()
        watch.first_showing.append((name, wall, cpu, *longest, (time.perf_counter() - t0) * 1000))
        if os.environ.get("GUI_SESSION_TURNS"):
            print(name, " ".join(f"{c:.1f}" for _w, c in turns))
        page = tabs.widget(i)
        watch.group = f"tab {name}"
        settle()
        for combo in page.findChildren(QComboBox):
            if not combo.isVisibleTo(page) or combo.isEditable():
                continue
            start = combo.currentIndex()
            for j in range(min(combo.count(), 12)):
                watch.step = f"{name}: {combo.objectName() or 'combo'} = {combo.itemText(j)}"
                watch.timed(combo.setCurrentIndex, j)
                settle()
            watch.timed(combo.setCurrentIndex, start)
            settle()
        for box in page.findChildren(QCheckBox):
            if not box.isVisibleTo(page):
                continue
            for _ in range(2):
                watch.step = f"{name}: {box.objectName() or box.text()} toggled"
                watch.timed(box.toggle)
                settle()
        for table in page.findChildren(QTableView):
            if not table.isVisibleTo(page) or table.model() is None:
                continue
            model = table.model()
            if table.isSortingEnabled():
                for col in range(model.columnCount()):
                    header = model.headerData(col, Qt.Horizontal)
                    for order in (Qt.AscendingOrder, Qt.DescendingOrder):
                        watch.step = f"{name}: sort by {header} {'asc' if order == Qt.AscendingOrder else 'desc'}"
                        watch.timed(table.sortByColumn, col, order)
                        settle()
            for k in range(3):
                watch.step = f"{name}: scroll page {k + 2}"
                watch.timed(table.scrollToBottom)
                watch.timed(table.scrollTo, model.index(max(model.rowCount() - 1, 0), 0),
                            QAbstractItemView.PositionAtBottom)
                settle()


SEARCH_BOXES = ("search", "wo_search", "cb_search")  # the three lists' search boxes


def terms(window, watch, app, words: list[str]) -> list[tuple]:
    """Each of ``words`` typed into each list's search box (then Enter, as a clerk does), with
    every view of the list's first combo (the callback tab's: due today ... all), and then
    every offered sort both ways and three pages scrolled: the GUI-thread statements and turns
    are timed as in :func:`session`; returned per search, how long the rows took to come
    (read on a worker) and the count (its "N+" at once, the exact count from a worker)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QTableView

    waits = []
    tabs = window.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)  # (a tab is built when first shown)
        for _ in range(5):
            app.processEvents()
        page = tabs.widget(i)
        boxes = [b for b in page.findChildren(QLineEdit) if b.objectName() in SEARCH_BOXES]
        if not boxes:
            continue
        wait_rows(watch, app, _lists(page))
        name = tabs.tabText(i).replace("&", "")
        box = boxes[0]
        owner = box.parent()
        while owner is not None and not hasattr(owner, "count"):
            owner = owner.parent()
        label = getattr(owner, "count", None)
        label = label if isinstance(label, QLabel) else None
        views = [c for c in page.findChildren(QComboBox) if c.objectName() == "cb_view"]
        view_values = range(views[0].count()) if views else [None]
        tables = [t for t in page.findChildren(QTableView) if t.isVisibleTo(page) and t.model() is not None
                  and t.isSortingEnabled()]
        watch.group = f"terms {name}"
        for word in words:
            for v in view_values:
                if views:
                    watch.step = f"{name}: view {views[0].itemText(v)}"
                    watch.timed(views[0].setCurrentIndex, v)
                    wait_rows(watch, app, _lists(page))
                shown = f"{name}: '{word}'" + (f" in {views[0].itemText(v)}" if views else "")
                watch.step = shown
                t0 = time.perf_counter()
                watch.timed(box.setText, word)
                watch.timed(box.textEdited.emit, word)  # (as typed: the list's search timer starts)
                watch.timed(box.returnPressed.emit)  # Enter: the search at once
                rows_ms = wait_rows(watch, app, _lists(page))
                first_label = label.text() if label else ""
                while label is not None and label.text().endswith(("+ 条回访", "+ 条投诉", "+ 张派工单",
                                                                    "+ callbacks", "+ complaints", "+ work orders")):
                    watch.timed(app.processEvents)
                    time.sleep(0.002)
                    if time.perf_counter() - t0 > 60:
                        break
                count_ms = (time.perf_counter() - t0) * 1000
                waits.append((shown, rows_ms, first_label, count_ms, label.text() if label else ""))
                for table in tables:
                    model = table.model()
                    for col in range(model.columnCount()):
                        header = model.headerData(col, Qt.Horizontal)
                        for order in (Qt.AscendingOrder, Qt.DescendingOrder):
                            watch.step = f"{shown}: sort by {header} {'asc' if order == Qt.AscendingOrder else 'desc'}"
                            watch.timed(table.sortByColumn, col, order)
                            ms = wait_rows(watch, app, _lists(page))
                            for k in range(3):
                                watch.step = f"{shown}: sort by {header} {'asc' if order == Qt.AscendingOrder else 'desc'}, page {k + 2}"
                                watch.timed(table.scrollToBottom)
                                watch.timed(table.scrollTo, model.index(max(model.rowCount() - 1, 0), 0),
                                            QAbstractItemView.PositionAtBottom)
                                ms += wait_rows(watch, app, _lists(page))
                            waits.append((f"{shown}: by {header} {'asc' if order == Qt.AscendingOrder else 'desc'} + 3 pages",
                                          ms, "", 0.0, ""))
        watch.timed(box.setText, "")
        watch.timed(box.textEdited.emit, "")
        watch.timed(box.returnPressed.emit)
        wait_rows(watch, app, _lists(page))
    return waits


def _set_combo(combo, value) -> bool:
    """The combo's entry holding ``value`` (None: its "all" entry); False if it has none."""
    index = 0 if value is None else combo.findData(value)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    return True


def _through_window(window, name, f):
    """Set list ``name``'s widgets to filter ``f``; returns (its table, its model's owner) or
    None when the window offers no way to choose ``f``."""
    from propdesk.enums import ComplaintStatus
    from propdesk.services.lists import workorder_search

    def status_value(statuses, open_codes, open_key):
        if not statuses:
            return None
        if set(statuses) == set(open_codes):
            return open_key
        return statuses[0] if len(statuses) == 1 else False

    if name == "complaints":
        panel = window.complaints
        status = status_value(f.statuses, ComplaintStatus.open_codes(), "__open__")
        steps = [(panel.status, status), (panel.category, f.category_id), (panel.severity, f.severity),
                 (panel.department, f.department_id), (panel.building, f.building_id)]
        boxes = [(panel.overdue, f.overdue_only)]
    elif name == "work orders":
        panel = window.built("work_orders").board
        if f.department_id is not None:
            return None  # the board has no department filter
        status = status_value(f.statuses, workorder_search.open_statuses(), "__open__")
        steps = [(panel.status, status), (panel.urgency, f.urgency)]
        boxes = [(panel.late_only, f.overdue_only), (panel.unpaid_only, f.unpaid_only)]
    else:
        panel = window.built("callbacks")
        steps = [(panel.view, f.view), (panel.kind, f.kind), (panel.building, f.building_id),
                 (panel.clerk, f.clerk_id)]
        boxes = []
    if any(value is False or (value is not None and combo.findData(value) < 0) for combo, value in steps):
        return None
    return panel, steps, boxes


def matrix(window, watch, app) -> None:
    """list_matrix.py's combinations through the window's widgets (see the module's text)."""
    from PySide6.QtCore import Qt

    from list_matrix import combinations
    from propdesk.ui.main_window import TABS

    keys = {"complaints": "complaints", "work orders": "work_orders", "callbacks": "callbacks"}
    waits: dict[str, list[float]] = {}
    skipped: dict[str, int] = {}
    for name, _module, f, label in combinations():
        window.tabs.setCurrentIndex(TABS.index(keys[name]))
        found = _through_window(window, name, f)
        if found is None:
            skipped[name] = skipped.get(name, 0) + 1
            continue
        panel, steps, boxes = found
        table, model = panel.table, panel.model
        watch.group = f"matrix {name}"
        wait_rows(watch, app, [model])
        for combo, value in steps:
            watch.step = f"{name}: {label}: {combo.objectName() or 'combo'}"
            watch.timed(_set_combo, combo, value)
            wait_rows(watch, app, [model])
        for box, on in boxes:
            if box.isChecked() != bool(on):
                watch.step = f"{name}: {label}: {box.text()}"
                watch.timed(box.setChecked, bool(on))
                wait_rows(watch, app, [model])
        for col in range(model.columnCount()):
            if not model.can_sort(col):
                continue
            for order in (Qt.AscendingOrder, Qt.DescendingOrder):
                watch.step = (f"{name}: {label} by {model.columns[col][0]} "
                              f"{'asc' if order == Qt.AscendingOrder else 'desc'}")
                watch.timed(table.sortByColumn, col, order)
                waits.setdefault(name, []).append(wait_rows(watch, app, [model]))
                if model.canFetchMore():  # the next page, as the clerk scrolls (GUI thread)
                    watch.step += ", page 2"
                    watch.timed(table.scrollToBottom)
                    wait_rows(watch, app, [model])
    print("filter x sort matrix through the window: the clerk's wait for the rows (ms), waits over "
          "150 ms (the \"Reading…\" cue shows), combinations the window does not offer")
    for name, ms in waits.items():
        ms.sort()
        print(f"  {name:<12} {len(ms):4d} sorts: median {ms[len(ms) // 2]:7.1f}, slowest {ms[-1]:7.1f}, "
              f"{sum(m > 150 for m in ms):3d} over 150 ms; skipped {skipped.get(name, 0)}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("--bound", type=float, default=50.0)
    p.add_argument("--role", default="admin")
    p.add_argument("--no-session", action="store_true", help="only the scroll")
    p.add_argument("--scroll", type=int, default=100_000, help="rows to scroll the complaint list (0: none)")
    p.add_argument("--matrix", action="store_true", help="list_matrix.py's combinations through the window")
    p.add_argument("--terms", default="", help="search terms typed into each list (comma-separated), "
                   "each with every view, sort and three pages")
    args = p.parse_args(argv)
    os.environ.setdefault("PROPDESK_HOME", str(args.path.parent / "gui_session_home"))

    from PySide6.QtWidgets import QApplication

    from propdesk.models import database, init_db
    from propdesk.models.tables import Staff
    from propdesk.ui import translation

    app = QApplication.instance() or QApplication(sys.argv)
    init_db(str(args.path))
    translation.install(app, "zh_CN")
    staff = Staff.select().where(Staff.role == args.role, Staff.active == True).first()  # noqa: E712
    watch = GuiThreadWatch(database.obj, args.bound)
    watch.step = "main window built"
    from propdesk.ui.main_window import MainWindow

    window = MainWindow(staff)
    window.show()
    app.processEvents()
    # the tabs' modules, as the window's warm-up imports them a moment after it shows (a clerk
    # opening a tab in the first two seconds also waits for its module)
    import importlib

    from propdesk.ui.main_window import WARM_UP

    for _key, module in WARM_UP:
        importlib.import_module(module)
    t0 = time.perf_counter()
    if not args.no_session:
        session(window, watch, app)
    if args.matrix:
        matrix(window, watch, app)
    waits = terms(window, watch, app, [t for t in args.terms.split(",") if t]) if args.terms else []
    watch.close()
    print(f"{args.path.name}: {watch.count:,} statements on the GUI thread in "
          f"{time.perf_counter() - t0:.0f} s; {len(watch.slow)} over {args.bound:.0f} ms")
    for step, ms, sql in sorted(watch.slow, key=lambda r: -r[1]):
        print(f"{ms:9.1f} ms  {step}\n             {sql}")
    if watch.first_showing:
        print("first showing of each tab: GUI thread busy (wall ms / its CPU ms), its longest stretch "
              "(wall ms / CPU ms), first page shown after ms")
        for name, wall, cpu, longest_wall, longest_cpu, rows in watch.first_showing:
            print(f"  {name:<24}{wall:8.1f} /{cpu:6.1f}   {longest_wall:8.1f} /{longest_cpu:6.1f}   {rows:8.1f}")
    if watch.turns:
        print("the longest turn of the GUI thread while changing filters and sorts, per tab: wall ms "
              "(its CPU ms), turns over the bound by wall / by CPU, the step")
        for group, (ms, cpu, step) in watch.turns.items():
            print(f"  {ms:8.1f} ({cpu:6.1f}) {watch.over.get(group, 0):4d} /{watch.over_cpu.get(group, 0):3d}  "
                  f"{group:<24} {step}")
        print(f"{len(watch.by_cpu):,} turns timed; the GUI thread's longest by its CPU time (ms CPU / wall):")
        for cpu, ms, step in sorted(watch.by_cpu, reverse=True)[:8]:
            print(f"  {cpu:7.1f} / {ms:7.1f}  {step}")
    if waits:
        print("searches typed: rows shown after ms (read on a worker), the count shown at once, "
              "the exact count after ms")
        for shown, rows_ms, first, count_ms, last in waits:
            print(f"  {rows_ms:8.1f}  {first:>16} {count_ms:8.1f} {last:>16}  {shown}")
    if args.scroll:
        scroll(window, app, args.scroll)
    window.close()
    # as PropDesk itself ends (app.run_gui): no count or page still running when the
    # interpreter ends, and the window's Qt objects gone while Python is still there
    from propdesk.app import finish_background_work

    finish_background_work()
    import shiboken6

    shiboken6.delete(window)
    return 0


def rss_mb() -> float:
    """The process's resident memory (Linux)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def scroll(window, app, rows: int) -> None:
    """Scroll the complaint list ``rows`` rows down as a scroll bar does; memory and page times."""
    import gc

    from PySide6.QtWidgets import QApplication

    window.tabs.setCurrentIndex(2)  # the complaint list (built now if it was not)
    panel = window.complaints
    panel.status.setCurrentIndex(0)  # every complaint
    panel.use_dates.setChecked(False)
    QApplication.processEvents()
    table, model = panel.table, panel.table.model()
    while model.loading:  # its rows, read on a worker
        QApplication.processEvents()
        time.sleep(0.002)
    # each page is read on a worker: its time is from the ask to the rows added. The view asks
    # for the next page itself when scrolled to the bottom (Qt's fetchMore): those rows count as
    # scrolled too (the rows added at the window's end), and the next ask waits for them
    times: list[float] = []
    added = [0]

    def inserted(_parent, first, last):
        if first > 0:  # at the window's end (rows read in above come in at 0)
            added[0] += last - first + 1

    model.rowsInserted.connect(inserted)
    gc.collect()
    before, t0 = rss_mb(), time.perf_counter()

    def settle():
        while model.paging or model.loading:
            QApplication.processEvents()
            time.sleep(0.0005)

    while added[0] < rows:
        settle()
        if not model.canFetchMore():
            break
        t = time.perf_counter()
        model.fetchMore()
        settle()
        times.append((time.perf_counter() - t) * 1000)
        table.scrollToBottom()
        QApplication.processEvents()
    settle()
    model.rowsInserted.disconnect(inserted)
    scrolled = added[0]
    gc.collect()
    after = rss_mb()
    first, last = times[:5] or [0.0], times[-5:] or [0.0]
    print(f"scrolled {scrolled:,} rows in {time.perf_counter() - t0:.0f} s ({len(times)} pages asked, the view asked the others): "
          f"RSS {before:.0f} MB -> {after:.0f} MB (+{after - before:.0f}); the model holds "
          f"{model.rowCount():,} rows; first pages {sum(first) / len(first):.1f} ms, last pages "
          f"{sum(last) / len(last):.1f} ms (mean of 5)")


if __name__ == "__main__":
    sys.exit(main())
