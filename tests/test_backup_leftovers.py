"""A backup killed outright (SIGKILL: a power cut, the task manager, a shutdown that does not
wait) leaves its half-made copy beside the backups: at a million complaints that is gigabytes a
time, and a desk killed during each start's copy filled the disk. The next copy into that
folder removes what killed copies left, but never the copy another process is still making,
nor a file that is not ours."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fixtures.report_data import populate
from propdesk.services.core import backup, leftovers

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
              pytest.mark.sqlite_only(reason="copies of the SQLite file (a server's dump: test_pg_backup)")]

# `propdesk backup` in a process of its own that stops after the copy's first page has been
# written into its temporary file, says so, and waits to be killed
CHILD = textwrap.dedent("""
    import sys
    from propdesk import cli
    from propdesk.services.core import backup

    real = backup._read_only

    class Held:
        def __init__(self, con):
            self.con = con

        def backup(self, dst):
            said = []

            def step(_status, _remaining, _total):
                if not said:
                    said.append(1)
                    print("mid-backup", flush=True)
                    sys.stdin.readline()  # until killed, or told to go on

            self.con.backup(dst, pages=1, progress=step)

        def __getattr__(self, name):  # every other use of the connection as it is
            return getattr(self.con, name)

    backup._read_only = lambda path: Held(real(path))
    sys.exit(cli.main(sys.argv[1:]))
""")


@pytest.fixture
def db(db_location, office, monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    return db_location


def start_backup(db, folder: Path):
    child = subprocess.Popen([sys.executable, "-c", CHILD, "--db", db, "--user", "clerk", "--lang",
                              "zh_CN", "backup", "-o", str(folder)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    line = child.stdout.readline()
    assert line.strip() == "mid-backup", child.stderr.read()
    return child


def end(child) -> None:
    if child.poll() is None:
        child.kill()
        child.wait()
    child.stdout.close(), child.stderr.close(), child.stdin.close()


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".propdesk-"))


def copies(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_killed_backup_leaves_its_copy_the_next_backup_removes(db, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    child = start_backup(db, out)
    left = hidden(out)
    # the half-made copy (and SQLite's journal of it), named for the process making it
    assert left and all(f"-{child.pid}-" in name for name in left), left
    assert any(name.endswith(".db") for name in left)
    child.send_signal(signal.SIGKILL)
    child.wait()
    end(child)
    assert hidden(out) == left and copies(out) == []  # nothing tidied up after a kill

    made = backup.backup_now(out)
    assert hidden(out) == []  # the killed copy's files are gone
    assert copies(out) == [made.name] and backup.check_database(made) == backup.OK


def test_a_copy_still_being_made_keeps_its_file(db, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    child = start_backup(db, out)
    try:
        running = hidden(out)
        mine = backup.backup_now(out)
        assert hidden(out) == running  # the other process is still writing it
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 0, child.stderr.read()
    finally:
        end(child)
    assert hidden(out) == []
    assert len(copies(out)) == 2 and mine.name in copies(out)
    for name in copies(out):
        assert backup.check_database(out / name) == backup.OK


def test_leftovers_of_older_versions_and_other_computers_go_after_a_day(db, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    day = leftovers.STALE_AFTER.total_seconds()
    now = time.time()
    names = {
        # PropDesk 0.1's temporary names: nobody can be asked whether they are still written
        "propdesk-20261201-223326-auto.db.part": now - 2 * day,
        "propdesk-20261201-223326-auto.db.part-journal": now - 2 * day,
        "propdesk-20261201-090000-before-restore-2.db.part": now - 2 * day,
        "propdesk-20261130-180000.dump.part": now - 2 * day,
        "propdesk-20261202-080000-auto.db.part": now - 60,  # perhaps another desk's, at work
        # another computer sharing the folder: its process cannot be asked either
        f".propdesk-otherdesk_0123456789ab-{os.getpid()}-abcd1234.db": now - 2 * day,
        f".propdesk-otherdesk_0123456789ab-{os.getpid()}-abcd5678.db": now - 60,
        # not ours
        "propdesk-notes.part": now - 2 * day,
        "house.db.part": now - 2 * day,
    }
    for name, when in names.items():
        (out / name).write_bytes(b"x" * 10)
        os.utime(out / name, (when, when))

    made = backup.backup_now(out)
    assert sorted(p.name for p in out.iterdir()) == sorted([
        made.name, "propdesk-20261202-080000-auto.db.part",
        ".propdesk-otherdesk_0123456789ab-%d-abcd5678.db" % os.getpid(),
        "propdesk-notes.part", "house.db.part"])


def test_a_dated_name_taken_meanwhile_is_not_replaced(db, tmp_path):
    """Another desk's copy (or this desk's own, in the same second) took the name between the
    choice of the name and the end of the copy: both copies stay."""
    out = tmp_path / "backups"
    out.mkdir()
    first = backup.backup_now(out)
    before = first.read_bytes()
    second = backup._copy(backup.current_location(), first, dated=True)
    assert second != first and second.parent == out
    assert second.name == first.name[:-len(".db")] + "-2.db"
    assert first.read_bytes() == before and backup.check_database(second) == backup.OK
    assert hidden(out) == []
