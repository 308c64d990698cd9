"""The clerk types on while a count is still running (a million complaints: a second or more):
the count nobody waits for is stopped inside its statement, nothing is said about it, and the
new term's count shows (issue 21). Held at a known point (fixtures.held_query), no sleeps."""
import logging

from PySide6.QtCore import Qt

from fixtures.held_query import Held
from propdesk.services.lists import search
from propdesk.ui.complaint_list import ComplaintListPanel
from propdesk.ui.complaint_model import ComplaintTableModel
from tests.ui.keyboard import type_text
from tests.ui.test_complaint_list import add


def test_a_count_nobody_waits_for_is_stopped(qtbot, office, dialogs, caplog, monkeypatch):
    monkeypatch.setattr(ComplaintTableModel, "page_size", 2)  # so that both terms need a count
    for i in range(4):
        add(office, f"楼道灯不亮{i}", hours_ago=10 + i)
    for i in range(3):
        add(office, f"卫生间漏水{i}", hours_ago=20 + i)
    held, counts = Held(), []
    count = search.count

    def slow_for_lamps(f, reader=None):  # the count of 灯 is the slow one (a million rows)
        counts.append(f.text)
        return held.run() if f.text == "灯" else count(f, reader=reader)

    monkeypatch.setattr(search, "count", slow_for_lamps)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    caplog.set_level(logging.INFO)
    try:
        panel.search.setFocus()
        type_text(qtbot, panel.search, "灯")
        qtbot.waitUntil(held.reached, timeout=20_000)  # its count runs, inside its statement
        assert panel.count.text().startswith("共 2+")  # the page's lower bound meanwhile

        # the clerk goes on before it ends: another term
        qtbot.keyClick(panel.search, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, panel.search, "漏水")
        qtbot.waitUntil(lambda: panel.count.text() == "共 3 条投诉", timeout=20_000)
        qtbot.waitUntil(lambda: bool(held.ended), timeout=20_000)  # the old count was stopped
        assert "released" not in str(held.ended[0])  # by the new term, not by this test
        assert counts[-2:] == ["灯", "漏水"]  # (after the whole list's, at the start)
        assert panel.count.text() == "共 3 条投诉"  # the stopped count's "answer" shows nowhere
        assert dialogs == []
        assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    finally:
        held.release()


def test_closing_the_window_stops_the_reads_still_running(qtbot, office):
    """At the end of the day nobody waits for a count still running: the window's end stops it
    instead of waiting for it (app.finish_background_work), and its answer goes nowhere."""
    from propdesk.app import finish_background_work
    from propdesk.ui.worker import Background

    held, answers = Held(), []
    counter = Background(answers.append)
    try:
        counter.call(held.run)
        qtbot.waitUntil(held.reached, timeout=20_000)
        assert finish_background_work(timeout_ms=20_000)  # True: nothing still running
        assert held.ended and "released" not in str(held.ended[0])
    finally:
        held.release()
    assert answers == []
