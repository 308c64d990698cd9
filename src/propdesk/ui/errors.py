"""No traceback ever reaches a clerk: unexpected errors are logged and shown calmly."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from propdesk import config
from propdesk.errors import RuleError

log = logging.getLogger("propdesk.ui")


def show_rule_error(parent: QWidget | None, err: RuleError) -> None:
    QMessageBox.warning(parent, QApplication.translate("errors", "Please check"), err.text())


def install_excepthook() -> None:
    def hook(kind, value, tb):
        if isinstance(value, RuleError):
            show_rule_error(QApplication.activeWindow(), value)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        QMessageBox.critical(
            QApplication.activeWindow(), QApplication.translate("errors", "Something went wrong"),
            QApplication.translate(
                "errors", "PropDesk met an unexpected problem and did not finish this action. "
                "Nothing that was saved before is lost; you can go on working.\n\n"
                "The details are in the log file:\n{path}").format(
                    path=config.log_dir() / "propdesk.log"))

    sys.excepthook = hook
