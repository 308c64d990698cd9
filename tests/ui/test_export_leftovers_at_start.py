"""A killed export's hidden file in a folder nobody exports into again (issue 21): the desk
remembers the folders its exports went to, and the program's next start (the window's; a
command's: tests/test_export_leftovers.py) removes such leftovers there on a thread of its own,
by the rules of ``leftovers.remove_stale``: never a running export's file, never another
desk's."""
import argparse
import logging
import os
import signal
import sys

import pytest
from PySide6.QtWidgets import QApplication

from propdesk import app as app_module
from propdesk import config, reports
from propdesk.models import database
from propdesk.services.core import leftovers
from propdesk.ui.login import LoginDialog
from tests.test_export_leftovers import db, hidden, populate_period, start_export  # noqa: F401

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
              pytest.mark.sqlite_only(reason="the window's start on a SQLite file (the folders "
                                             "and the exports are the same on either engine)")]


def _stop(child, kill: bool) -> int:
    if kill:
        child.send_signal(signal.SIGKILL)
    else:
        child.stdin.write("\n")
        child.stdin.flush()
    code = child.wait(timeout=60)
    child.stdout.close(), child.stderr.close(), child.stdin.close()
    return code


def test_the_next_start_removes_what_a_killed_export_left(db, office, tmp_path, qtbot, monkeypatch,  # noqa: F811
                                                          dialogs):
    killed_in, running_in = tmp_path / "月报", tmp_path / "running"
    killed_in.mkdir(), running_in.mkdir()
    other_desk = killed_in / ".propdesk-otherdesk-4242-ab12cd34.pdf"  # another desk's, recent
    other_desk.write_bytes(b"x")
    # (the running one first: a command's start tidies the remembered folders too)
    running = start_export(db, running_in / "running.xlsx")
    try:
        [running_file] = hidden(running_in)
        killed = start_export(db, killed_in / "killed.pdf")
        [left] = [name for name in hidden(killed_in) if name != other_desk.name]
        assert _stop(killed, kill=True) == -signal.SIGKILL
        # this desk remembers both folders (the export's own process wrote them down)
        assert leftovers.export_folders()[:2] == [killed_in, running_in]
        assert (killed_in / left).exists()

        # the next morning: the window starts, the clerk signs in and works
        def signed_in(self):
            self.staff = office["clerk"]
            return 1

        log = config.log_dir() / "propdesk.log"

        def the_day(*_args):  # until the tidying is done and written down
            qtbot.waitUntil(lambda: not (killed_in / left).exists() and log.exists() and left in
                            log.read_text(encoding="utf-8"), timeout=15_000)
            return 0

        monkeypatch.setattr(sys, "excepthook", sys.excepthook)
        monkeypatch.setattr(LoginDialog, "exec", signed_in)
        monkeypatch.setattr(QApplication, "exec", the_day)
        handlers = list(logging.getLogger().handlers)
        try:
            assert app_module.run_gui(argparse.Namespace(db=database.obj.database, lang="zh_CN",
                                                         demo=False)) == 0
        finally:
            for handler in logging.getLogger().handlers[:]:
                if handler not in handlers:
                    logging.getLogger().removeHandler(handler)
                    handler.close()
            for widget in QApplication.topLevelWidgets():
                widget.close()
        assert hidden(killed_in) == [other_desk.name]  # the killed export's file went, only it
        assert hidden(running_in) == [running_file]  # still being written: kept
        assert dialogs == []  # nothing to tell anybody
        assert f"removed the leftover of a killed export: {killed_in / left}" in log.read_text(
            encoding="utf-8")
    finally:
        if running.poll() is None:
            assert _stop(running, kill=False) == 0
    assert hidden(running_in) == [] and (running_in / "running.xlsx").stat().st_size > 0


def test_the_desk_keeps_its_latest_folders_and_never_fails_an_export_for_them(db, office, tmp_path,  # noqa: F811
                                                                              monkeypatch):
    folders = [tmp_path / f"f{i}" for i in range(leftovers.KEEP_FOLDERS + 3)]
    for folder in folders:
        folder.mkdir()
        reports.export("complaints", folder / "c.xlsx", *populate_period())
    reports.export("complaints", folders[5] / "again.xlsx", *populate_period())
    kept = leftovers.export_folders()
    assert kept[0] == folders[5] and len(kept) == leftovers.KEEP_FOLDERS
    assert kept[1:] == [f for f in reversed(folders) if f != folders[5]][:leftovers.KEEP_FOLDERS - 1]
    # a data folder that cannot be written: the export is written all the same
    list_file = config.data_dir() / leftovers.FOLDERS_FILE
    list_file.unlink()
    list_file.mkdir()  # a directory where the list should be: neither readable nor writable
    assert reports.export("complaints", tmp_path / "c.pdf", *populate_period()) == 3
    assert (tmp_path / "c.pdf").stat().st_size > 0 and leftovers.export_folders() == []
    assert leftovers.tidy_export_folders() == []
