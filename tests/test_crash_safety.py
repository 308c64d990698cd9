"""A writer killed with SIGKILL at random moments loses nothing it reported as saved and
leaves an intact file (benchmarks/crash_harness.py; 1,000 runs there, a few here)."""
from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "benchmarks" / "crash_harness.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only(reason="a SQLite file killed mid-write"),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]


def _harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("crash_harness", module)
    spec.loader.exec_module(module)
    return module


def test_killed_writer_loses_nothing_committed(tmp_path):
    harness = _harness()
    result = harness.run_harness(runs=30, db=tmp_path / "crash.db", seed=8, max_records=15)
    assert result.runs == 30
    assert result.reported > 0  # the writer did get to save complaints
    assert result.integrity_failures == []
    assert result.losses == []
    assert result.half_written == 0
    assert result.writer_errors == []
    assert result.in_db >= result.reported  # killed between COMMIT and print: saved, unreported


def test_check_finds_a_loss(tmp_path):
    """The checker itself: a number reported but not in the file is a loss."""
    harness = _harness()
    import subprocess

    db = tmp_path / "c.db"
    subprocess.run([sys.executable, str(HARNESS), "setup", str(db)], check=True,
                   env=harness._env(tmp_path / "home"))
    integrity, missing, half, n = harness.check(db, {"TS-20990101-001"})
    assert integrity == "ok"
    assert missing == ["TS-20990101-001"]
    assert (half, n) == (0, 0)
