"""Start-up time: from process start to the signed-in main window showing its start tab, beside
a bare PySide6 window process measured in the same run.

    python benchmarks/startup.py [FILE.db ...] [--runs 7] [--user admin]

With no file, an empty database (a new office, the register only) is made in a temporary folder.
Each run is a fresh ``python`` process (offscreen unless ``QT_QPA_PLATFORM`` says otherwise);
the parent notes the wall clock before starting it and the child prints the wall clock when
the window has been drawn for the first time with the signed-in person's start tab (the
dashboard for a supervisor or administrator, the intake form for a clerk, their jobs for a
technician), so interpreter start, every import and the first paint are counted, as the bare
window's ``processEvents()`` counts its paint. (Until session 9 the time was taken one turn of
the event loop after ``showMaximized()``, before the window's first paint: 5-10 ms less.)
The child then presses Alt+2 and reports how long the complaint list took to show its first
page (built on first use; a technician: until their jobs, read on a worker, are in the list). The CPU seconds each process had used when its window showed are
reported too: on a machine other jobs keep busy they vary less than wall time. The sign-in dialog is skipped (the child signs in the administrator as
``LoginDialog`` would, without the scrypt check, which costs the same with or without data):
everything else is ``app.run_gui``'s path (database checks and opening, translations, the
window, its first pages; the start-of-day backup counts as made already, see main). Reports the median of ``--runs``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("PropDesk")); w.resize(1280, 860); w.show()
app.processEvents()
print(time.time(), time.process_time(), flush=True)
"""

PROPDESK = r"""
import sys, time
from propdesk import app as propdesk_app

class Args:
    db = sys.argv[1]; lang = "zh_CN"; demo = False

def run():
    # app.run_gui as it is, with the sign-in dialog answered for the given user
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from propdesk.ui import login, main_window
    from propdesk.models.tables import Staff

    class SignedIn:
        def __init__(self, *a, **k):
            self.staff = Staff.get(Staff.username == sys.argv[2])
        def exec(self):
            return True

    login.LoginDialog = SignedIn

    def list_shown(window, t0):
        model = window.complaints.model
        if model.rowCount() == 0 and getattr(model, "loading", False):
            QTimer.singleShot(1, lambda: list_shown(window, t0))
            return
        print(time.time() - t0, model.rowCount(), flush=True)
        QApplication.instance().quit()

    def jobs_shown(window, t0):
        tab = window.my_jobs
        if not tab.loaded:
            QTimer.singleShot(1, lambda: jobs_shown(window, t0))
            return
        print(time.time() - t0, tab.table.rowCount(), flush=True)
        QApplication.instance().quit()

    def shown(window):
        # the window is up with the role's start tab: the time asked for
        print(time.time(), time.process_time(), window.tabs.tabText(window.tabs.currentIndex()).split("(")[0].strip(),
              flush=True)
        # then what a clerk does next: Alt+2, the complaint list with its first page
        t0 = time.time()
        if window.staff.role == "technician":  # one tab, their own jobs (read on a worker)
            QTimer.singleShot(0, lambda: jobs_shown(window, t0))
            return
        window.tabs.setCurrentIndex(2)
        QTimer.singleShot(0, lambda: list_shown(window, t0))

    paint = main_window.MainWindow.paintEvent

    def paint_and_time(window, event):
        if window._after_first_paint:  # the window's first paint: timed once it is drawn
            QTimer.singleShot(0, lambda: shown(window))  # before what waits for that paint
        paint(window, event)

    main_window.MainWindow.paintEvent = paint_and_time
    return propdesk_app.run_gui(Args)

sys.exit(run())
"""


def _time(script: str, *args: str, env=None) -> tuple[float, float, list[str]]:
    """(seconds to the window, CPU seconds the process had used by then, the rest of its output)."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         env=env, check=True, timeout=300).stdout.split()
    return float(out[0]) - start, float(out[1]), out[2:]


def _empty_db(folder: Path) -> Path:
    path = folder / "empty.db"
    subprocess.run([sys.executable, "-c",
                    "import sys; from propdesk.models import init_db; init_db(sys.argv[1]);"
                    "from propdesk.demo import office as demo; demo.create_demo_office(n_complaints=0)",
                    str(path)], check=True)
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*", type=Path)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--user", default="admin",
                   help="who signs in (admin and zhuguan start on the dashboard, kefu on intake, weixiu on "
                        "their jobs)")
    args = p.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # an installed PropDesk has its bytecode compiled (PyInstaller ships .pyc; pip compiles at
    # install): without this a checkout run under PYTHONDONTWRITEBYTECODE would compile every
    # module of PropDesk on every start (0.3 s), which the bare window does not pay
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["PROPDESK_HOME"] = str(Path(tmp) / "home")  # backups and logs of the runs go here
        # the day's automatic copy counts as made: otherwise the first run copies the file (4.7 GB
        # at 1,000,000) after its window shows, and the copy competes with the next runs
        backups = Path(tmp) / "home" / "backups"
        backups.mkdir(parents=True)
        (backups / f"propdesk-{dt.date.today():%Y%m%d}-000000-auto.db").touch()
        files = args.files or [_empty_db(Path(tmp))]
        print(f"{'database':<24}{'bare s':>8}{'PropDesk s':>11}{'ratio':>7}"
              f"{'bare cpu':>10}{'PD cpu':>8}{'ratio':>7}  start tab; then Alt+2: s, rows")
        for path in files:
            _time(PROPDESK, str(path), args.user, env=env)  # warm-up: file cached, .pyc written
            bare, ours, bare_cpu, our_cpu, then = [], [], [], [], []
            for _ in range(args.runs):
                t, cpu, _out = _time(BARE, env=env)
                bare.append(t)
                bare_cpu.append(cpu)
                t, cpu, out = _time(PROPDESK, str(path), args.user, env=env)
                ours.append(t)
                our_cpu.append(cpu)
                tab, then_s, rows = out
                then.append(float(then_s))
            b, o = statistics.median(bare), statistics.median(ours)
            bc, oc = statistics.median(bare_cpu), statistics.median(our_cpu)
            print(f"{path.name:<24}{b:>8.3f}{o:>11.3f}{o / b:>7.2f}{bc:>10.3f}{oc:>8.3f}{oc / bc:>7.2f}"
                  f"  {tab}; {statistics.median(then):.3f} s, {rows}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
