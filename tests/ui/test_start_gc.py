"""Python's collector runs rarely while the first window is built and as usual once it is on
screen (ui/start_gc.py; the start-up figure is benchmarks/startup.py's)."""
import gc

import pytest

from propdesk.ui import start_gc
from propdesk.ui.main_window import MainWindow


@pytest.mark.parametrize("role", ["clerk", "technician", "admin"])
def test_the_collector_is_back_to_usual_after_the_first_paint(qtbot, office, monkeypatch, role):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # (the test process's objects stay collectable)
    before = gc.get_threshold()
    try:
        gc.set_threshold(*start_gc.DEFAULT)
        start_gc.while_starting()
        assert gc.get_threshold() == start_gc.STARTING
        window = MainWindow(office[role])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: gc.get_threshold() == start_gc.DEFAULT)
        assert frozen == [True]  # what start-up made is out of the collector's sight
        # a process that set its own thresholds keeps them
        gc.set_threshold(100, 5, 5)
        start_gc.while_starting()
        start_gc.started()
        assert gc.get_threshold() == (100, 5, 5) and frozen == [True]
    finally:
        gc.set_threshold(*before)
