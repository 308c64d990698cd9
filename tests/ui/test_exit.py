"""Closing PropDesk while a count is still on a worker: the program waits for it (one query)
before the database closes and the interpreter ends (app.finish_background_work)."""
import threading

from propdesk.app import finish_background_work
from propdesk.ui.worker import Background


def test_closing_waits_for_a_count_still_running(qtbot):
    started, release, done, shown = threading.Event(), threading.Event(), [], []

    def count():
        started.set()
        release.wait(10)
        done.append(1)
        return 1

    Background(shown.append).call(count)
    assert started.wait(10)
    assert done == []  # still running when the window closes
    threading.Timer(0.05, release.set).start()
    assert finish_background_work()
    assert done == [1]  # finished before PropDesk went on to close the database
