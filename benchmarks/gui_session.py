"""Which queries run on the GUI thread for longer than the bound (50 ms), while a scripted
session clicks through every tab, every filter and every sortable column of the main window.

    python benchmarks/gui_session.py FILE.db [--bound 50] [--role admin] [--scroll 100000]

The window is PropDesk's own (offscreen), signed in as the demo office's administrator (or the
given role's first account). Every statement the models' database runs is timed; those run on
the GUI thread (the thread the window lives on) over ``--bound`` milliseconds are listed with
the step that caused them. Work on worker threads (counts, exports, backups) is not listed: it
does not freeze the window. The script drives widgets generically, so a filter or tab added
later is clicked too: each tab is shown; in it every combo box is set to each of its entries
(up to 12) and back, every check box toggled on and off, and every table sorted by each
column both ways and scrolled three pages down.

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


def session(window, watch, app) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QTableView

    def settle():
        for _ in range(3):
            app.processEvents()

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
        settle()
        page = tabs.widget(i)
        for combo in page.findChildren(QComboBox):
            if not combo.isVisibleTo(page) or combo.isEditable():
                continue
            start = combo.currentIndex()
            for j in range(min(combo.count(), 12)):
                watch.step = f"{name}: {combo.objectName() or 'combo'} = {combo.itemText(j)}"
                combo.setCurrentIndex(j)
                settle()
            combo.setCurrentIndex(start)
            settle()
        for box in page.findChildren(QCheckBox):
            if not box.isVisibleTo(page):
                continue
            for _ in range(2):
                watch.step = f"{name}: {box.objectName() or box.text()} toggled"
                box.toggle()
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
                        table.sortByColumn(col, order)
                        settle()
            for k in range(3):
                watch.step = f"{name}: scroll page {k + 2}"
                table.scrollToBottom()
                table.scrollTo(model.index(max(model.rowCount() - 1, 0), 0),
                               QAbstractItemView.PositionAtBottom)
                settle()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("--bound", type=float, default=50.0)
    p.add_argument("--role", default="admin")
    p.add_argument("--no-session", action="store_true", help="only the scroll")
    p.add_argument("--scroll", type=int, default=100_000, help="rows to scroll the complaint list (0: none)")
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
    times: list[float] = []
    fetch = model.fetchMore

    def timed(*a):
        t = time.perf_counter()
        fetch(*a)
        times.append((time.perf_counter() - t) * 1000)

    model.fetchMore = timed
    gc.collect()
    before, t0, scrolled = rss_mb(), time.perf_counter(), 0
    while scrolled < rows and model.canFetchMore():
        table.scrollToBottom()
        QApplication.processEvents()
        scrolled = len(times) * model.page_size
    gc.collect()
    after = rss_mb()
    first, last = times[:5], times[-5:]
    print(f"scrolled {scrolled:,} rows in {time.perf_counter() - t0:.0f} s ({len(times)} pages): "
          f"RSS {before:.0f} MB -> {after:.0f} MB (+{after - before:.0f}); the model holds "
          f"{model.rowCount():,} rows; first pages {sum(first) / len(first):.1f} ms, last pages "
          f"{sum(last) / len(last):.1f} ms (mean of 5)")


if __name__ == "__main__":
    sys.exit(main())
