"""A read nobody waits for any more is stopped inside its statement (issue 21: a superseded
count at a million complaints ran to its end); a write is never stopped, and a read asked to
stop begins none (services.core.stoppable). Both engines, held at known points, no sleeps."""
import threading

import pytest

from fixtures.held_query import Held
from propdesk.models import database
from propdesk.services.core import stoppable
from propdesk.services.core.db_retry import close_connection, transaction

ROWS = 3000
WRITE = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) "
         "INSERT INTO setting (key, value) SELECT 'held-' || x, 'v' FROM c")


def written() -> int:
    from propdesk.models.tables import Setting

    return Setting.select().where(Setting.key.startswith("held-")).count()


class OnAThread:
    """``stoppable.run(stop, fn)`` on a thread of its own (as a worker runs it)."""

    def __init__(self, fn):
        self.stop, self.outcome = stoppable.Stop(), []
        self.thread = threading.Thread(target=self._run, args=(fn,))
        self.thread.start()

    def _run(self, fn):
        try:
            self.outcome.append(stoppable.run(self.stop, fn))
        except BaseException as err:  # noqa: BLE001 - looked at by the test
            self.outcome.append(err)
        finally:
            close_connection()

    def join(self):
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()
        return self.outcome[0]


def test_a_read_is_stopped_inside_its_statement(fresh_db, qtbot):
    held = Held()
    read = OnAThread(held.run)
    try:
        qtbot.waitUntil(held.reached, timeout=20_000)
        read.stop.request()
        read.stop.request()  # twice is once
        assert isinstance(read.join(), stoppable.Stopped)
        assert held.ended and "released" not in str(held.ended[0])  # ended by the stop
    finally:
        held.release()
        read.thread.join(timeout=60)


def test_a_write_under_way_is_never_stopped(fresh_db, qtbot):
    entered, go = threading.Event(), threading.Event()

    def write():
        with transaction():
            entered.set()
            go.wait(timeout=60)  # the stop is asked for here, inside the transaction
            database.execute_sql(WRITE)  # thousands of rows: many looks at the stop meanwhile
        return "done"

    job = OnAThread(write)
    assert entered.wait(timeout=60)
    job.stop.request()
    go.set()
    assert isinstance(job.join(), stoppable.Stopped)  # nobody wants its answer any more...
    assert written() == ROWS  # ...but the write it had begun is whole


def test_a_read_asked_to_stop_begins_no_write(fresh_db, qtbot):
    reading, go = threading.Event(), threading.Event()

    def read_then_write():
        database.execute_sql("SELECT count(*) FROM setting").fetchone()
        reading.set()
        go.wait(timeout=60)
        with transaction():
            database.execute_sql(WRITE)
        return "done"

    job = OnAThread(read_then_write)
    assert reading.wait(timeout=60)
    job.stop.request()
    go.set()
    assert isinstance(job.join(), stoppable.Stopped)
    assert written() == 0


def test_a_read_nobody_stops_gives_its_answer(fresh_db):
    job = OnAThread(lambda: database.execute_sql("SELECT count(*) FROM setting").fetchone()[0])
    assert job.join() == database.execute_sql("SELECT count(*) FROM setting").fetchone()[0]
    stop = stoppable.Stop()
    stop.request()  # asked before it starts: it never starts
    with pytest.raises(stoppable.Stopped):
        stoppable.run(stop, lambda: pytest.fail("ran"))
