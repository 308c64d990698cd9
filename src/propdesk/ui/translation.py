"""Load the compiled catalogue into Qt and set the same language for services and reports."""
from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from propdesk import i18n
from propdesk.resources import resource_path

_installed: list[QTranslator] = []  # keep references: a collected translator stops working

# Qt's own dialogs (the file dialog, the print dialog) ask for a few texts that Qt's shipped
# catalogue (qtbase_zh_CN.qm) lacks: the words changed in Qt 6 (a mnemonic was added) and the
# translation was not. They are in PropDesk's catalogue under Qt's own context instead, so the
# clerk's save dialog does not say "Look in:". Qt asks the translator installed last first and
# falls back to the earlier one, so qtbase's words win wherever it has them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
)


def _qt_gaps_with_a_comment() -> None:  # never called: pyside6-lupdate collects the text from here
    QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues are: Qt's configured path, else the folder in the PySide6 wheel
    (a frozen bundle keeps it at the same place under PySide6/Qt/translations)."""
    configured = Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath))
    if (configured / "qtbase_zh_CN.qm").is_file():
        return configured
    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


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
        i18n.use_loaded(QCoreApplication.translate)  # services' labels from the same catalogue
    qt = QTranslator(app)  # Qt's own dialogs (OK/Cancel, the file dialog) in Chinese
    if qt.load(f"qtbase_{lang}", str(qt_translations_dir())):
        app.installTranslator(qt)
        _installed.append(qt)
