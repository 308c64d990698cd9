"""The GUI's compiled catalogue (.qm) and the .ts it is compiled from (issue 21: ``i18n.translate``
read the whole .ts on the GUI thread, 30-100 ms, for any text the loaded .qm lacks)."""
from __future__ import annotations

from PySide6.QtCore import QTranslator

from propdesk import i18n
from propdesk.resources import resource_path


def test_the_compiled_catalogue_answers_every_translated_text_of_the_ts_as_the_ts_does():
    """A .ts changed without ``python tools/i18n.py release`` would show English on screen: the
    GUI reads only the .qm (and so do services' labels in the window)."""
    i18n._catalog.cache_clear()
    ts = i18n._catalog("zh_CN")
    qm = QTranslator()
    assert qm.load(str(resource_path("translations", "propdesk_zh_CN.qm")))
    assert len(ts) > 1000
    differ = {key: (text, qm.translate(*key)) for key, text in ts.items() if qm.translate(*key) != text}
    assert differ == {}


def test_with_the_catalogue_loaded_a_text_it_lacks_comes_back_without_reading_the_ts(monkeypatch):
    def read_the_ts(lang):
        raise AssertionError(f"the .ts of {lang} was read")

    monkeypatch.setattr(i18n, "_catalog", read_the_ts)
    assert i18n.language() == "zh_CN"
    assert i18n.translate("timeline", "Assigned") == "派工"
    assert i18n.translate("timeline", "an action without a label") == "an action without a label"
    assert i18n.translate("enums", "3号楼") == "3号楼"  # a name passed through


def test_without_a_loaded_catalogue_the_ts_answers(monkeypatch):
    """The CLI, reports and services outside a window read the .ts, as before."""
    monkeypatch.setattr(i18n, "_loaded", None)
    assert i18n.translate("timeline", "Assigned") == "派工"
    assert i18n.translate("timeline", "an action without a label") == "an action without a label"
