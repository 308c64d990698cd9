"""What a start imports before the main window shows (issue 21: start-up within 2x of a bare
Qt window). Each check runs PropDesk in a fresh interpreter, as a desk starts it, and looks at
``sys.modules`` when the window is shown: what the first screen does not need is imported later
(on first use, or by the warm-up after the window shows)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from propdesk.models import database

# imported when first used or after the window shows, never before it
NOT_AT_START = ["psycopg2", "ssl", "openpyxl", "reportlab", "pypinyin", "propdesk.ui.audit_viewer",
                "propdesk.services.core.audit_log",
                "propdesk.services.setup.office", "propdesk.services.lists.weekly",
                "propdesk.ui.export_dialog", "propdesk.ui.complaint_list",
                # the log's rotating handler (and pickle, queue with it): once the window shows
                "logging.handlers",
                # what peewee imports for fields and savepoints (pg_driver's stand-ins), the
                # restore's file dialog, importlib's resource readers, the system's locale
                "socket", "uuid", "calendar", "platform", "locale", "importlib.resources",
                "propdesk.ui.file_dialogs"]
# ... and, for a clerk who starts on the intake form, what the form needs only once something is
# typed or chosen (the address rules, the deadlines) or once it opens (the suggestion lists)
NOT_AT_CLERK_START = NOT_AT_START + ["propdesk.services.register.address", "propdesk.services.cases.sla",
                                     "propdesk.ui.dispatch_board"]

START = textwrap.dedent("""
    import json, sys
    from propdesk.ui import main_window

    seen = {}
    show = main_window.MainWindow.show

    def shown(self):
        show(self)
        page = self.tabs.currentWidget()
        if type(page).__name__ == "FormArea":  # the intake form scrolls in one
            page = page.widget()
        seen.update(start_tab=type(page).__name__,
            modules={m: m in sys.modules and not getattr(type(sys.modules[m]), "stands_in", False)
                     for m in json.loads(sys.argv[3])},  # (a stand-in: imported when first used)
            qt_namespace="Qt" in vars(sys.modules["PySide6.QtCore"]))
    main_window.MainWindow.show = shown

    from propdesk import app

    if sys.argv[2] != "admin":  # signed in as the sign-in dialog would, then the window shows
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from propdesk.ui import login
        from propdesk.models.tables import Staff

        class SignedIn:
            def __init__(self, *a, **k):
                self.staff = Staff.get(Staff.username == sys.argv[2])
            def exec(self):
                return True

        login.LoginDialog = SignedIn

        def shown_and_closed(self):
            shown(self)
            seen.update(suggestion_lists=len(self.findChildren(QListView, "suggestions")))
            QTimer.singleShot(0, QApplication.instance().quit)
        from PySide6.QtWidgets import QListView
        main_window.MainWindow.show = shown_and_closed
        main_window.MainWindow.showMaximized = shown_and_closed

    class Args:
        db = sys.argv[1]; lang = "zh_CN"; demo = False

    code = app.run_gui(Args)
    print(json.dumps(seen))
    sys.exit(code)
""")


def _start(location: str, tmp_path, user: str = "admin", modules=NOT_AT_START) -> dict:
    """The administrator's window as the smoke start shows it, or anyone's as after sign-in."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROPDESK_HOME=str(tmp_path / "home"))
    if user == "admin":
        env["PROPDESK_SMOKE"] = "1"
    database.close()  # the child opens the file itself
    done = subprocess.run([sys.executable, "-c", START, location, user, json.dumps(modules)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.sqlite_only(reason="what a SQLite desk imports at start")
def test_a_sqlite_desk_shows_its_window_without_the_postgresql_driver_or_later_modules(
        office, db_location, tmp_path):
    seen = _start(db_location, tmp_path)
    assert seen["start_tab"] == "Dashboard"  # the smoke start: the administrator's window
    assert [m for m, imported in seen["modules"].items() if imported] == []
    assert not seen["qt_namespace"]  # built after the first paint (ui/lazy_qt.py)


@pytest.mark.sqlite_only(reason="what a SQLite desk imports at start")
def test_a_clerk_sees_the_intake_form_before_its_rules_for_what_is_typed(office, db_location, tmp_path):
    seen = _start(db_location, tmp_path, office["clerk"].username, NOT_AT_CLERK_START)
    assert seen["start_tab"] == "IntakeForm"
    assert [m for m, imported in seen["modules"].items() if imported] == []
    assert seen["suggestion_lists"] == 0  # made the first time one opens
    assert not seen["qt_namespace"]


@pytest.mark.sqlite_only(reason="what a SQLite desk imports at start")
def test_a_technician_sees_the_jobs_before_qts_enums_are_built(office, db_location, tmp_path):
    seen = _start(db_location, tmp_path, office["technician"].username)
    assert seen["start_tab"] == "MyJobsTab"
    assert [m for m, imported in seen["modules"].items() if imported] == []
    assert not seen["qt_namespace"]


SIGN_IN = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    from propdesk.models import init_db
    from propdesk.ui.login import LoginDialog

    app = QApplication([])
    init_db(sys.argv[1])
    dialog = LoginDialog()
    dialog.show()
    app.processEvents()
    print(json.dumps({"office": dialog.findChildren(type(dialog.message))[0].text(),
                      "qt_namespace": "Qt" in vars(sys.modules["PySide6.QtCore"])}))
""")


@pytest.mark.sqlite_only(reason="the file is opened by path")
def test_the_sign_in_dialog_shows_before_qts_enums_are_built(office, db_location, tmp_path):
    """PySide6 builds the 93 enums of Qt's namespace (~15 ms) the first time anything touches
    it: the sign-in dialog, like the first screen, does without (ui/lazy_qt.py)."""
    database.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROPDESK_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-c", SIGN_IN, db_location], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["office"]  # the office's name heads the dialog
    assert not seen["qt_namespace"]


DRIVER_NAMES = textwrap.dedent("""
    import json, sys, types
    if sys.argv[1] == "ordinary":
        import psycopg2  # imported first: peewee finds it as it always did
        import peewee
    else:
        import propdesk.models  # noqa: F401 - peewee through PropDesk: without the driver
        import peewee
        before = peewee.psycopg2
        from propdesk import pg_driver
        pg_driver.attach()
        assert before is None, before

    def name(value):
        if isinstance(value, types.ModuleType):
            return value.__name__
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', repr(value))}"

    found = {k: name(v) for k, v in vars(peewee).items()
             if name(v).startswith("psycopg2") or k in ("psycopg2", "pg_extensions", "Json_pg2")}
    adapter = {k: repr(getattr(peewee.Psycopg2Adapter, k)) for k in ("txn_idle", "txn_inerror", "txn_unknown")}
    print(json.dumps({"globals": found, "adapter": adapter}))
""")


def test_peewee_gets_psycopg2_when_a_server_is_opened_as_its_own_import_gives_it():
    """pg_driver.attach sets in peewee what peewee's own import of psycopg2 sets: a peewee
    upgrade that reads more of psycopg2 at import shows up here as a difference."""
    def names(how):
        done = subprocess.run([sys.executable, "-c", DRIVER_NAMES, how], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    ordinary, attached = names("ordinary"), names("attached")
    assert ordinary["globals"]["psycopg2"] == "psycopg2"
    assert attached == ordinary


@pytest.mark.sqlite_only(reason="what a SQLite desk imports")
def test_a_sqlite_file_opens_without_psycopg2_which_stays_importable(office, db_location):
    database.close()
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        from propdesk.models import init_db
        init_db(sys.argv[1])
        print("psycopg2" in sys.modules)
        import psycopg2  # anyone may still import it afterwards
        print(psycopg2.__name__)
    """), db_location], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "psycopg2"]


def test_the_quicker_pyside_source_check_answers_as_pyside_does():
    from propdesk.ui import pyside_quirks

    feature = sys.modules["shibokensupport.feature"]
    assert pyside_quirks.quicker_feature_check()
    check = feature._mod_uses_pyside
    assert check.quicker
    import propdesk.models.tables
    import propdesk.ui.main_window

    for module in (propdesk.ui.main_window, propdesk.models.tables, json, sys, pyside_quirks):
        assert check(module) == check.original(module), module.__name__
    assert check(propdesk.ui.main_window) and not check(propdesk.models.tables)


LOST_REFERENCES = textwrap.dedent("""
    import sys
    import propdesk.ui  # noqa: F401 - what every window of PropDesk imports first
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

    app = QApplication([])

    class Results(QObject):
        ready = Signal(int, object)

    results, seen = Results(), []
    results.ready.connect(lambda ticket, value: seen.append(ticket))
    for ticket in range(3000):  # PySide6 6.12 drops a reference to True at each emit
        results.ready.emit(ticket, None)
    field, combo = QLineEdit(), QComboBox()
    field.textChanged.connect(lambda text: None)
    combo.addItem("All", None)
    for i in range(12000):  # ... and one to None at each slot call and each empty QVariant
        field.setText(str(i))
        combo.currentData()
    print(len(seen), field.text())
""")


def test_a_long_session_of_signals_and_empty_values_ends_cleanly():
    """PySide6 6.12.0 gives back references to True and None it never took (pyproject.toml asks
    for an earlier release): with it a process dies with "bool_dealloc" after a few hundred
    results from a worker, or "none_dealloc" after a few thousand keystrokes."""
    done = subprocess.run([sys.executable, "-c", LOST_REFERENCES], capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert "Fatal Python error" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3000", "11999"]


def test_the_windows_take_qt_from_lazy_qt():
    """A module-level ``from PySide6.QtCore import Qt`` builds the namespace at import (see
    ui/lazy_qt.py): the windows' modules take the stand-in instead."""
    import ast
    from pathlib import Path

    import propdesk.ui

    found = []
    for path in Path(propdesk.ui.__file__).parent.rglob("*.py"):
        if path.name == "lazy_qt.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtCore" and node.col_offset == 0 \
                    and any(alias.name == "Qt" for alias in node.names):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


STAND_INS = textwrap.dedent("""
    import json, sys, threading
    import propdesk.models  # noqa: F401 - peewee through PropDesk
    import peewee

    before = {m: type(sys.modules[m]).__name__ for m in ("socket", "uuid", "calendar")}
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(len(peewee.uuid.uuid4().hex))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    import socket
    from calendar import timegm
    print(json.dumps({"before": before, "uuids": seen, "host": bool(socket.gethostname()),
                      "timegm": timegm((2020, 1, 1, 0, 0, 0)),
                      "after": {m: type(sys.modules[m]).__name__ for m in ("socket", "uuid", "calendar")},
                      "peewee": type(peewee.uuid).__name__}))
""")


def test_peewees_standard_modules_are_imported_when_first_used():
    """pg_driver gives peewee stand-ins for socket, uuid and calendar (not needed to show the
    window): the first use, from any thread, imports the real module for everyone."""
    done = subprocess.run([sys.executable, "-c", STAND_INS], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["before"] == {"socket": "_Later", "uuid": "_Later", "calendar": "_Later"}
    assert seen["uuids"] == [32] * 8
    assert seen["host"] and seen["timegm"] == 1577836800
    assert seen["after"] == {"socket": "module", "uuid": "module", "calendar": "module"}
    assert seen["peewee"] == "module"


COLLECTOR = textwrap.dedent("""
    import gc, json, sys

    seen = {}

    class Watch:
        def find_spec(self, name, path=None, target=None):
            if name in ("PySide6", "peewee") and name not in seen:
                seen[name] = gc.get_threshold()[0]
            return None

    sys.meta_path.insert(0, Watch())
    import propdesk.app  # noqa: F401 - what a desk's window start imports first
    from propdesk.ui import start_gc
    import propdesk.models  # noqa: F401
    print(json.dumps({"seen": seen, "starting": start_gc.STARTING[0]}))
""")


def test_the_collector_waits_from_before_pyside6s_import():
    """start_gc's thresholds are raised as the GUI's start module is imported, before PySide6
    and peewee (their imports made 24 of a start's 29 young collections)."""
    done = subprocess.run([sys.executable, "-c", COLLECTOR], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["seen"] == {"PySide6": seen["starting"], "peewee": seen["starting"]}
