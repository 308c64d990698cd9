"""Start-up time: from process start to the signed-in main window showing the first page of the
complaint list, beside a bare PySide6 window process measured in the same run.

    python benchmarks/startup.py [FILE.db ...] [--runs 7]

With no file, an empty database (a new office, the register only) is made in a temporary folder.
Each run is a fresh ``python`` process (offscreen unless ``QT_QPA_PLATFORM`` says otherwise);
the parent notes the wall clock before starting it and the child prints the wall clock when
the window is shown and the first page is in the list's model, so interpreter start and every
import are counted. The sign-in dialog is skipped (the child signs in the administrator as
``LoginDialog`` would, without the scrypt check, which costs the same with or without data):
everything else is ``app.run_gui``'s path (database checks and opening, translations, the
window, its first pages, the start-of-day backup). Reports the median of ``--runs``.
"""
from __future__ import annotations

import argparse
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
print(time.time(), flush=True)
"""

PROPDESK = r"""
import sys, time
from propdesk import app as propdesk_app

class Args:
    db = sys.argv[1]; lang = "zh_CN"; demo = False

def run():
    # app.run_gui as it is, with the sign-in dialog answered for the administrator
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from propdesk.ui import login, main_window
    from propdesk.models.tables import Staff

    class SignedIn:
        def __init__(self, *a, **k):
            self.staff = Staff.get(Staff.username == "admin")
        def exec(self):
            return True

    login.LoginDialog = SignedIn
    show = main_window.MainWindow.showMaximized

    def shown(window):
        model = window.complaints.model
        if model.rowCount() == 0 and getattr(model, "loading", False):
            QTimer.singleShot(1, lambda: shown(window))
            return
        print(time.time(), model.rowCount(), flush=True)
        QApplication.instance().quit()

    def show_and_time(window):
        show(window)
        QTimer.singleShot(0, lambda: shown(window))

    main_window.MainWindow.showMaximized = show_and_time
    return propdesk_app.run_gui(Args)

sys.exit(run())
"""


def _time(script: str, *args: str, env=None) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    return float(out[0]) - start, " ".join(out[1:])


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
    args = p.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["PROPDESK_HOME"] = str(Path(tmp) / "home")  # backups and logs of the runs go here
        files = args.files or [_empty_db(Path(tmp))]
        print(f"{'database':<28}{'bare window s':>15}{'PropDesk s':>12}{'ratio':>8}  rows")
        for path in files:
            _time(PROPDESK, str(path), env=env)  # warm-up: the file in the OS cache
            bare, ours, rows = [], [], ""
            for _ in range(args.runs):
                bare.append(_time(BARE, env=env)[0])
                t, rows = _time(PROPDESK, str(path), env=env)
                ours.append(t)
            b, o = statistics.median(bare), statistics.median(ours)
            print(f"{path.name:<28}{b:>15.3f}{o:>12.3f}{o / b:>8.2f}  {rows}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
