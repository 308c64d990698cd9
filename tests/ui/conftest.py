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
    from PySide6.QtCore import QThreadPool

    from propdesk.ui import translation

    translation.install(qapp, "zh_CN")
    yield
    QThreadPool.globalInstance().waitForDone()  # no background query outlives its test
