"""Load the compiled catalogue into Qt and set the same language for services and reports."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from propdesk import i18n
from propdesk.resources import resource_path

_installed: list[QTranslator] = []  # keep references: a collected translator stops working


def install(app: QApplication, lang: str) -> None:
    i18n.set_language(lang)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if i18n.language() == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"propdesk_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # Qt's own dialogs (OK/Cancel) in Chinese
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
