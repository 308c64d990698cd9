"""An export killed outright (SIGKILL: no handler runs) leaves its hidden temporary file next
to the target; the next export into that folder removes it, but never the file of an export
that is still running, nor anything not ours. Exports follow the umask like any saved file."""
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from unittest import mock

import pytest

from fixtures.report_data import populate
from propdesk import reports
from propdesk.reports import output_file, remove_stale
from propdesk.reports.pdf.weekly import weekly_pdf
from propdesk.reports.weekly_excel import weekly_xlsx
from propdesk.services.lists import weekly

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and umask are POSIX")

EXPORT = ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "clerk",
          "--lang", "zh_CN"]

# `propdesk export` in a process of its own that stops in the middle of the register (after its
# first line) and says so, waiting to be killed
CHILD = textwrap.dedent("""
    import sys
    from propdesk import cli
    from propdesk.reports.registers import REGISTERS

    register = REGISTERS["complaints"]
    lines = register.rows

    def rows(*args, **kw):
        for i, row in enumerate(lines(*args, **kw)):
            if i == 1:
                print("mid-export", flush=True)
                sys.stdin.readline()  # until killed
            yield row

    register.rows = rows
    sys.exit(cli.main(sys.argv[1:]))
""")


@pytest.fixture
def db(db_location, office, monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    return db_location


def start_export(db, target):
    child = subprocess.Popen([sys.executable, "-c", CHILD, "--db", db, *EXPORT, "-o", str(target)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    line = child.stdout.readline()
    assert line.strip() == "mid-export", child.stderr.read()
    return child


def hidden(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".propdesk-"))


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_a_killed_export_leaves_a_temporary_file_the_next_export_removes(db, tmp_path, kind):
    out = tmp_path / "out"
    out.mkdir()
    child = start_export(db, out / f"killed.{kind}")
    left = hidden(out)
    assert len(left) == 1 and left[0].endswith(f"-{child.pid}-" + left[0].split("-")[-1])
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close(), child.stderr.close(), child.stdin.close()
    assert hidden(out) == left and not (out / f"killed.{kind}").exists()  # nothing tidied up

    assert reports.export("complaints", out / f"next.{kind}", *populate_period()) == 3
    assert hidden(out) == []
    assert sorted(p.name for p in out.iterdir()) == [f"next.{kind}"]


def populate_period():
    import datetime as dt

    return dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def test_a_running_export_keeps_its_file(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    child = start_export(db, out / "running.pdf")
    try:
        running = hidden(out)
        assert len(running) == 1
        reports.export("complaints", out / "mine.xlsx", *populate_period())
        assert hidden(out) == running  # still being written by the other process
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close(), child.stderr.close(), child.stdin.close()
    assert hidden(out) == [] and (out / "running.pdf").stat().st_size > 0


def test_only_our_leftovers_go(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    gone_pid = dead_pid()
    host = reports._host()
    day = reports.STALE_AFTER.total_seconds()
    names = {
        f".propdesk-{host}-{gone_pid}-ab12cd34.pdf": True,  # this computer, process ended
        f".propdesk-{host}-{os.getpid()}-ab12cd34.xlsx": False,  # this very process
        f".propdesk-{host}-1-ab12cd34.pdf": False,  # a process that runs (init)
        f".propdesk-otherdesk-{gone_pid}-ab12cd34.pdf": False,  # another computer, recent
        # a clone of this desk: the same name, another machine id (its processes aren't ours)
        f".propdesk-{host.split('_')[0]}_0123456789ab-{gone_pid}-ab12cd34.pdf": False,
        f".propdesk-{host}-9999999999-ab12cd34.pdf": False,  # no such process can be asked
        f".propdesk-{host}-{gone_pid}-ab12cd35.pdf\n": False,  # not our name (a newline)
        ".propdesk-old_desk-123-ab12cd34.xlsx": "old",  # another computer, a day untouched
        ".propdesk-k3j_9xq2.pdf": "old",  # an older PropDesk's name (mkstemp), a day untouched
        ".propdesk-k3j_9xq3.pdf": False,  # the same, recent
        f".propdesk-{host}-{gone_pid}-ab12cd34.docx": False,  # not an export of ours
        f".propdesk-{host}-{gone_pid}-notours.pdf": False,
        ".propdesk-probe-x": False,  # backup's probe (a TemporaryFile of its own)
        "report.pdf": False,
    }
    assert "_" in host or not Path("/etc/machine-id").exists()  # the machine id is in the name
    for name, old in names.items():
        (folder / name).write_bytes(b"x")
        if old == "old":
            then = time.time() - day - 60
            os.utime(folder / name, (then, then))
    removed = {p.name for p in remove_stale(folder)}
    assert removed == {n for n, stale in names.items() if stale}
    assert {p.name for p in folder.iterdir()} == {n for n, stale in names.items() if not stale}


def test_ages_are_read_by_the_folders_clock(db, tmp_path, office):
    """A desk whose clock runs a day ahead must not take another desk's running export for a
    leftover: ages are measured against the new file's own time in the folder."""
    folder = tmp_path / "shared"
    folder.mkdir()
    running = folder / ".propdesk-otherdesk-4242-ab12cd34.pdf"  # another desk writes it now
    running.write_bytes(b"x")
    ahead = time.time() + 2 * reports.STALE_AFTER.total_seconds()
    assert reports.is_stale(running, now=ahead)  # by this desk's clock it looks two days old
    real_time = time.time
    with mock.patch.object(time, "time", lambda: real_time() + 2 * 86400):  # this desk's clock
        with reports.output_file(folder / "book.pdf", ".pdf") as tmp:
            Path(tmp).write_bytes(b"%PDF-1.4")
    assert running.exists()
    assert sorted(p.name for p in folder.iterdir()) == [running.name, "book.pdf"]


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(done.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


def test_exports_follow_the_umask(db, tmp_path, office):
    old = os.umask(0o027)
    try:
        reports.export("complaints", tmp_path / "c.pdf", *populate_period())
        reports.export("complaints", tmp_path / "c.xlsx", *populate_period())
        s = weekly.summary(*populate_period())
        weekly_pdf(s, tmp_path / "w.pdf", "王芳")
        weekly_xlsx(s, tmp_path / "w.xlsx", "王芳")
        with output_file(tmp_path / "plain.pdf", ".pdf") as tmp:
            with open(tmp, "wb") as f:
                f.write(b"%PDF")
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()
             if p.suffix in (".pdf", ".xlsx")}
    assert modes == {"c.pdf": 0o640, "c.xlsx": 0o640, "w.pdf": 0o640, "w.xlsx": 0o640,
                     "plain.pdf": 0o640}


def test_a_command_s_start_tidies_the_folders_the_desk_exported_into(db, tmp_path):
    """A scheduled ``propdesk export`` killed midway, and the next morning's command writes
    elsewhere: its start removes the killed one's file (as the window's start does,
    tests/ui/test_export_leftovers_at_start.py), before its own work and whatever that is."""
    monthly, daily = tmp_path / "月报", tmp_path / "daily"
    monthly.mkdir(), daily.mkdir()
    killed = start_export(db, monthly / "killed.pdf")
    left = hidden(monthly)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    killed.stdout.close(), killed.stderr.close(), killed.stdin.close()
    assert len(left) == 1 and hidden(monthly) == left

    done = subprocess.run([sys.executable, "-m", "propdesk.cli", "--db", db, *EXPORT,
                           "-o", str(daily / "today.xlsx")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert hidden(monthly) == [] and not (monthly / "killed.pdf").exists()
    assert sorted(p.name for p in daily.iterdir()) == ["today.xlsx"]
    from propdesk import config

    log = (config.log_dir() / "propdesk.log").read_text(encoding="utf-8")
    assert f"removed the leftover of a killed export: {monthly / left[0]}" in log


def test_the_folders_that_are_gone_are_forgotten(db, tmp_path):
    """The list of folders (at most KEEP_FOLDERS) drops a folder deleted or renamed since, and
    keeps one whose disk or share is not there just now (its parent is missing too)."""
    from propdesk.services.core import leftovers

    kept, deleted, now_a_file = tmp_path / "kept", tmp_path / "deleted", tmp_path / "now_a_file"
    unplugged = tmp_path / "usb" / "reports"
    for folder in (unplugged, now_a_file, deleted, kept):
        folder.mkdir(parents=True)
        reports.export("complaints", folder / "c.xlsx", *populate_period())
    assert leftovers.export_folders()[:4] == [kept, deleted, now_a_file, unplugged]
    shutil.rmtree(deleted), shutil.rmtree(tmp_path / "usb"), shutil.rmtree(now_a_file)
    now_a_file.write_bytes(b"x")
    stale = kept / f".propdesk-{reports._host()}-{dead_pid()}-ab12cd34.pdf"
    stale.write_bytes(b"x")

    assert leftovers.tidy_export_folders() == [stale]
    assert leftovers.export_folders() == [kept, unplugged]
    assert leftovers.tidy_export_folders() == [] and leftovers.export_folders() == [kept, unplugged]
