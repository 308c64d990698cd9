"""The office's language in the window: chosen in Office setup (administrators), shown in the
Settings menu, and the one the window starts in whatever the machine's locale."""
from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction

from propdesk import app as app_module
from propdesk import i18n
from propdesk.services.core import settings
from propdesk.ui.login import LoginDialog
from propdesk.ui.main_window import MainWindow
from propdesk.ui.setup import SetupDialog


def test_the_administrator_chooses_it_in_office_setup(qtbot, office):
    settings.put("language", "zh_CN")
    dialog = SetupDialog(office["admin"])
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.profile
    assert tab.language.currentData() == "zh_CN" and tab.language.isEnabled()
    tab.language.setCurrentIndex(tab.language.findData("en"))
    tab.save_button.click()
    assert settings.get("language") == "en" and tab.messages.text() == "已保存。"

    read_only = SetupDialog(office["supervisor"])
    qtbot.addWidget(read_only)
    assert read_only.profile.language.currentData() == "en"
    assert not read_only.profile.language.isEnabled()


def test_settings_menu_shows_and_changes_the_office_language(qtbot, office, dialogs):
    settings.put("language", "zh_CN")
    window = MainWindow(office["admin"])
    qtbot.addWidget(window)
    english = window.findChild(QAction, "language_en")
    chinese = window.findChild(QAction, "language_zh_CN")
    assert chinese.isChecked() and not english.isChecked() and english.isEnabled()
    english.trigger()
    assert settings.get("language") == "en" and english.isChecked() and not chinese.isChecked()
    assert dialogs and dialogs[-1][0] == "information"

    clerk = MainWindow(office["clerk"])
    qtbot.addWidget(clerk)
    assert clerk.findChild(QAction, "language_en").isChecked()
    assert not clerk.findChild(QAction, "language_zh_CN").isEnabled()  # the office's, not a clerk's


def test_the_window_starts_in_the_office_language_under_a_c_locale(office, qapp, monkeypatch, db_location):
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: 0)  # sign-in cancelled: no window
    handlers = list(logging.getLogger().handlers)
    try:
        for stored in ("en", "zh_CN"):
            settings.put("language", stored)
            assert app_module.run_gui(argparse.Namespace(db=db_location, lang=None, demo=False)) == 0
            assert i18n.language() == stored
            assert QLocale().language() == (QLocale.English if stored == "en" else QLocale.Chinese)
        app_module.run_gui(argparse.Namespace(db=db_location, lang="en", demo=False))
        assert i18n.language() == "en" and settings.get("language") == "zh_CN"
    finally:
        for handler in logging.getLogger().handlers[:]:
            if handler not in handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_the_languages_have_one_name_everywhere(qtbot, office):
    """The audit log said 简体中文, Office setup 中文（简体） and the Settings menu 中文: the same
    language under three names. The menu and the setup tab now show i18n's names."""
    settings.put("language", "zh_CN")
    window = MainWindow(office["admin"])
    qtbot.addWidget(window)
    assert window.findChild(QAction, "language_zh_CN").text() == "简体中文"
    assert window.findChild(QAction, "language_en").text() == "English"
    dialog = SetupDialog(office["admin"])
    qtbot.addWidget(dialog)
    combo = dialog.profile.language
    shown = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert shown == {"zh_CN": "简体中文", "en": "English"} == {code: i18n.language_name(code) for code in shown}
