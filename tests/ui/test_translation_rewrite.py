"""A catalogue rewritten under a running program (``tools/i18n.py release``, as a developer or an
update does): QTranslator memory-maps the .qm, so a file rewritten in place changed the running
window's words under it (a tryout's headers turned English). The tool writes a new file and
renames it over the old one: the running program keeps the catalogue it loaded."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Work orders</source>
        <translation>{text}</translation>
    </message>
</context>
</TS>
"""


def tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_loaded_catalogue_keeps_its_words_when_the_tool_rewrites_the_file(tmp_path):
    i18n_tool = tool()
    tmp_path = tmp_path / "translations"  # (the test's own database is in tmp_path)
    tmp_path.mkdir()
    first, second = tmp_path / "first.ts", tmp_path / "second.ts"
    first.write_text(TS.format(text="派工单据"), encoding="utf-8")
    second.write_text(TS.format(text="维修工单"), encoding="utf-8")  # the same length: the old
    qm = tmp_path / "propdesk_zh_CN.qm"                               # code's in-place write maps
    i18n_tool.release(qm, source=first)                               # over it without a crash
    running = QTranslator()
    assert running.load(str(qm))
    assert running.translate("MainWindow", "Work orders") == "派工单据"
    size = qm.stat().st_size

    i18n_tool.release(qm, source=second)

    assert qm.stat().st_size == size
    assert running.translate("MainWindow", "Work orders") == "派工单据"  # the running program
    fresh = QTranslator()
    assert fresh.load(str(qm))
    assert fresh.translate("MainWindow", "Work orders") == "维修工单"  # the next start
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.ts", "propdesk_zh_CN.qm", "second.ts"]
    assert (qm.stat().st_mode & 0o777) != 0o600  # readable as the file it replaced, not mkstemp's


def test_a_failed_compile_leaves_the_catalogue_and_no_temporary_file(tmp_path):
    import subprocess

    import pytest

    i18n_tool = tool()
    tmp_path = tmp_path / "translations"
    tmp_path.mkdir()
    good = tmp_path / "good.ts"
    good.write_text(TS.format(text="派工单据"), encoding="utf-8")
    qm = tmp_path / "propdesk_zh_CN.qm"
    i18n_tool.release(qm, source=good)
    before = qm.read_bytes()
    with pytest.raises(subprocess.CalledProcessError):
        i18n_tool.release(qm, source=tmp_path / "missing.ts")
    assert qm.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.ts", "propdesk_zh_CN.qm"]
