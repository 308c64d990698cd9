"""A wheel is complete: built from the checkout, installed with its dependencies into a fresh
venv, the installed program speaks Chinese (the .ts catalogue), prints PDFs with the embedded font
and starts its window, all from files inside the package (propdesk._resources), none from the
checkout.

Slow (a wheel build, a venv with PySide6 from pip's cache or the index: about a minute), so it
runs with PROPDESK_WHEEL_TEST=1, as .ci/run does:

    PROPDESK_WHEEL_TEST=1 .venv/bin/python -m pytest tests/test_wheel.py
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pdf_fonts import embedded_fonts

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
RARE = "𠀀𪚥䶮𬀩𡒄"  # Extension B, B, A, E (HanaMinA-ext) and B (HanaMinB-ext)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("PROPDESK_WHEEL_TEST") != "1",
                       reason="wheel test: set PROPDESK_WHEEL_TEST=1 (builds a wheel and a venv; .ci/run does)"),
]


def _shipped_files() -> list[str]:
    return sorted(p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def _run(cmd, timeout, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)
    assert proc.returncode == 0, f"{cmd}: exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of what a source release holds (not the working tree, so that
    nothing left in it, such as build/ or an egg-info, can help)."""
    base = tmp_path_factory.mktemp("wheel")
    tree = base / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for folder in ("src", "resources"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=ignore)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", tree], 600)
    [built] = list((base / "dist").glob("propdesk-*.whl"))
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel and its dependencies (pip's cache makes a second run quick)."""
    ve = tmp_path_factory.mktemp("venv") / "ve"
    _run([sys.executable, "-m", "venv", ve], 300)
    bin_dir = ve / ("Scripts" if sys.platform == "win32" else "bin")
    _run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], 900)
    return bin_dir


@pytest.fixture
def run_installed(venv, tmp_path):
    """Run the installed `propdesk` outside the checkout, with a fresh data folder."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PROPDESK_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PROPDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               PYTHONIOENCODING="utf-8", PROPDESK_PASSWORD="admin123")  # the demo's administrator
    env.pop("LC_ALL", None)

    def run(*args, **extra):
        return _run([venv / "propdesk", *args], 300, cwd=tmp_path, env={**env, **extra})
    return run


def test_the_wheel_carries_every_shipped_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _shipped_files() if f"propdesk/_resources/{f}" not in names]
    assert not missing, missing
    fonts = [f for f in _shipped_files() if f.startswith("fonts/")]
    assert "fonts/wqy-microhei.ttc" in fonts and any("LICENSE" in f for f in fonts)  # with licences


def test_the_installed_program_prints_chinese_with_the_embedded_font(venv, run_installed, tmp_path):
    where = _run([venv / "python", "-c", "from propdesk.resources import resources_root; "
                                         "print(resources_root())"], 60, cwd=tmp_path).stdout.strip()
    assert "site-packages" in where and str(ROOT) not in where  # the package's own copy

    out = run_installed("--lang", "zh_CN", "demo", "--db", "office.db", "--complaints", "30").stdout
    assert out.startswith("演示数据已建好")
    con = sqlite3.connect(tmp_path / "office.db")  # rare characters: the fallback fonts print them
    with con:
        con.execute("UPDATE complaint SET complainant = ? WHERE id = (SELECT max(id) FROM complaint)",
                    (RARE,))
    con.close()
    today = dt.date.today()
    period = ["--from", (today - dt.timedelta(days=70)).isoformat(), "--to", today.isoformat()]
    out = run_installed("--lang", "zh_CN", "export", "complaints", *period, "-o", "c.pdf", "--user", "admin",
                        "--db", "office.db").stdout
    assert out.startswith("已写入")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "c.pdf").pages)
    assert "客户投诉记录本" in text and "阳光花园物业服务中心" in text
    assert all(ch in text.replace("\n", "") for ch in RARE) and "□" not in text
    fonts = embedded_fonts(tmp_path / "c.pdf")
    assert fonts and all(fonts.values()), fonts
    assert {"WenQuanYi", "HanaMinA", "HanaMinB"} <= {k for k in ("WenQuanYi", "HanaMinA", "HanaMinB")
                                                    if any(k in name for name in fonts)}, fonts

    run_installed("export", "complaints", *period, "-o", "c.xlsx", "--db", "office.db", "--user", "admin")
    assert load_workbook(tmp_path / "c.xlsx").active["A1"].value.endswith("客户投诉记录本")
    help_text = run_installed("export", "--help", "--db", "office.db").stdout
    assert help_text.startswith("用法：propdesk export") and "显示本帮助并退出" in help_text


def test_the_installed_window_starts(run_installed, tmp_path):
    run_installed("demo", "--db", "office.db", "--complaints", "5")
    out = run_installed("--db", "office.db", PROPDESK_SMOKE="1").stdout
    assert "ok platform=offscreen icon=True tab=工作台" in out, out
    assert "title=PropDesk - 阳光花园物业服务中心" in out
