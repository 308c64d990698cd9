"""`propdesk export` of a long register: progress on stderr for a person at a terminal only, and
Ctrl+C in the middle leaves no file (neither half a register nor its temporary twin)."""
import io

import pytest

from fixtures.report_data import populate
from propdesk import cli
from propdesk.reports import excel
from propdesk.reports.pdf import register as pdf_register
from propdesk.reports.registers import REGISTERS

EXPORT = ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "clerk",
          "--lang", "zh_CN"]


@pytest.fixture
def db(db_location, office, monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setattr(excel, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(pdf_register, "PROGRESS_EVERY", 1)
    return db_location


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_progress_only_on_a_terminal(db, out, capsys, monkeypatch, kind):
    target = out / f"c.{kind}"
    assert cli.main(["--db", db, *EXPORT, "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "3" in captured.out  # a pipe or a log: no progress lines
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["--db", db, *EXPORT, "-o", str(target)]) == 0
    shown = terminal.getvalue()
    assert "\r已写 1 / 3 行…" in shown and "\r已写 3 / 3 行…" in shown and shown.endswith("\n")


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_ctrl_c_in_the_middle_leaves_no_file(db, out, capsys, monkeypatch, kind):
    register = REGISTERS["complaints"]
    lines = register.rows

    def rows(*args, **kw):
        for i, row in enumerate(lines(*args, **kw)):
            if i == 2:
                raise KeyboardInterrupt  # what Ctrl+C raises in the main thread
            yield row

    monkeypatch.setattr(register, "rows", rows)
    monkeypatch.setattr("sys.stderr", Terminal())
    assert cli.main(["--db", db, *EXPORT, "-o", str(out / f"c.{kind}")]) == 130
    assert list(out.iterdir()) == []
    assert "^C" in __import__("sys").stderr.getvalue()
