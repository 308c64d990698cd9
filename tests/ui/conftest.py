import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def dialogs(monkeypatch):
    """Record message boxes instead of blocking on them; questions answer Yes."""
    shown = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.Yes
        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return shown


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    from propdesk.ui import translation

    translation.install(qapp, "zh_CN")
    yield
    from propdesk.ui.worker import all_pools

    for pool in all_pools():  # no background query (counts, list pages) outlives its test
        pool.waitForDone()
