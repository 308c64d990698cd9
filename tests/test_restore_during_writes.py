"""Nothing lost by a restore: a desk writes in its own process while the database is restored
again and again; every complaint it was told saved is in the database or in a copy kept aside,
and no number stands for two complaints. Copies aside are pruned like automatic backups."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.services.core import backup, settings

# Restore replaces the SQLite file; on PostgreSQL the office restores with pg_restore (README).
pytestmark = pytest.mark.sqlite_only(reason="restores the SQLite file")

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "restore_during_writes.py"


def _bench():
    spec = importlib.util.spec_from_file_location("restore_during_writes", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("restore_during_writes", module)
    spec.loader.exec_module(module)
    return module


def test_restores_while_a_desk_writes_lose_nothing(tmp_path):
    result = _bench().run(tmp_path / "office.db", restores=3, count=240)
    database.close()
    assert result.restores == 3 and result.saved >= 150  # the desk saved through the restores
    assert result.lost == []
    assert result.clashes == []


def test_copies_aside_are_pruned_like_backups(office, tmp_path):
    settings.put("backup_keep", "2")
    early = backup.backup_now(tmp_path / "early.db")
    asides = [backup.restore(office["supervisor"], early) for _ in range(4)]
    kept = backup.backups(backup.BEFORE_RESTORE)
    assert kept == asides[:-3:-1]  # the newest two, newest first
    assert not asides[0].exists() and not asides[1].exists()
    assert early.exists()  # a copy made by hand is never deleted
