"""The architecture and the code's hygiene, checked by the tools configured in pyproject.toml:
import-linter (the layers; no Qt below ui/; no propdesk.models in ui/), ruff (with every noqa
saying why) and mypy on services/ and models/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def lint_imports(cwd: Path, env: dict | None = None) -> tuple[int, str]:
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=cwd,
                          capture_output=True, text=True, timeout=600, env=env)
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def test_import_contracts_are_kept():
    code, out = lint_imports(ROOT)
    assert code == 0, out
    assert "4 kept, 0 broken" in out


def test_ruff_finds_nothing():
    done = run("ruff", "check", "--no-cache", "src", "tests", "tools", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_on_services_and_models():
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("line, contract", [
    ("from propdesk.models.tables import Complaint", "The UI asks services: no propdesk.models in ui/"),
    ("import PySide6.QtCore", "No Qt below ui/ and app.py"),
])
def test_a_broken_contract_is_caught(tmp_path, line, contract):
    """The contracts can fail: a copy of the package with one bad import breaks them."""
    import shutil

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "propdesk", copy / "propdesk",
                    ignore=shutil.ignore_patterns("__pycache__", "resources"))
    target = copy / "propdesk" / ("ui/lazy_model.py" if "models" in line else "services/lists/listing.py")
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    code, out = lint_imports(tmp_path, env={"PYTHONPATH": str(copy), "PATH": str(Path(sys.executable).parent)})
    assert code != 0
    assert f"{contract} BROKEN" in out, out
    assert "3 kept, 1 broken" in out
