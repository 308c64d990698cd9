"""A small form for one action on a record (reply, handling, escalate, void ...).

The dialog stays open with what was typed when the service refuses, and names the field.
Ctrl+Enter confirms it from any field, as on the intake form: in a reason's or a note's box
Enter is a new line, and a keyboard-only clerk had no key to confirm (the reopen dialog).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.ui.widgets import (
    DateEdit, DateTimeEdit, SearchCombo, TextBox, fill_combo, mark_invalid, select_data,
)


@dataclass
class Field:
    key: str
    label: str
    # line | text | datetime | date | choice | search (a long choice list) | check | maybe_datetime
    # (a time only when one was agreed: a box to tick, then the time; unticked gives None)
    kind: str = "line"
    value: Any = None
    choices: list[tuple] = field(default_factory=list)


class ActionDialog(QDialog):
    def __init__(self, title: str, fields: list[Field], run: Callable[[dict], Any],
                 intro: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.run, self.widgets, self.result_value = run, {}, None
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        form = QFormLayout()
        taken: set[str] = set()
        for f in fields:
            # an Alt key for each field, none twice in the dialog (keyboard-only, the completion
            # dialog's result was behind two date-times and had no key of its own)
            label = with_alt_key(f.label, f.key, taken)
            widget = self._widget(f)
            widget.setObjectName(f.key)
            self.widgets[f.key] = widget
            if f.kind == "check":
                widget.setText(label)
            form.addRow(label if f.kind != "check" else "", widget)
        layout.addLayout(form)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # (Enter: the keypad's)
            QShortcut(QKeySequence(keys), self, self.submit)
        buttons.button(QDialogButtonBox.Ok).setToolTip("Ctrl+Enter")

    @staticmethod
    def _widget(f: Field):
        if f.kind == "text":
            w = TextBox(4)
            w.setText(f.value or "")
        elif f.kind == "datetime":
            w = DateTimeEdit()
            if f.value:
                w.set_value(f.value)
        elif f.kind == "date":  # a day, with no time to set (a callback's day)
            w = DateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
            if f.value:
                w.setDate(f.value)
        elif f.kind in ("choice", "search"):
            w = QComboBox() if f.kind == "choice" else SearchCombo()
            fill_combo(w, f.choices)
            select_data(w, f.value)
        elif f.kind == "check":
            w = QCheckBox(f.label)
            w.setChecked(bool(f.value))
        elif f.kind == "maybe_datetime":
            w = MaybeDateTime(f.value)
        else:
            w = QLineEdit(f.value or "")
        return w

    def values(self) -> dict:
        out = {}
        for key, w in self.widgets.items():
            if isinstance(w, (DateTimeEdit, MaybeDateTime)):
                out[key] = w.value()
            elif isinstance(w, DateEdit):
                out[key] = w.date().toPython()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            else:
                out[key] = w.text()
        return out

    def submit(self) -> None:
        for w in self.widgets.values():
            mark_invalid(w, False)
        try:
            self.result_value = self.run(self.values())
        except ValidationError as err:
            self.message.setText(err.text())
            wrong = [self.widgets[key] for key in err.errors if key in self.widgets]
            for widget in wrong:
                mark_invalid(widget, True)
            if wrong:
                wrong[0].setFocus()  # the clerk types on where the problem is
            return
        except RuleError as err:
            self.message.setText(err.text())
            return
        self.accept()


class MaybeDateTime(QWidget):
    """A time that is there only when the clerk says so: 已约定 ticked, then the time (the
    proposed ``value`` shown greyed until then). Unticked, ``value()`` is None: a time nobody
    agreed is never stored because the clerk pressed OK."""

    def __init__(self, proposed: dt.datetime | None = None, parent=None):
        super().__init__(parent)
        self.agreed = QCheckBox(self.tr("agreed:"), objectName="agreed")
        self.when = DateTimeEdit()
        if proposed:
            self.when.set_value(proposed)
        self.when.setEnabled(False)
        self.agreed.toggled.connect(self.when.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.agreed)
        row.addWidget(self.when, 1)
        self.setFocusProxy(self.agreed)  # the row's Alt key ticks the box's way in

    def value(self) -> dt.datetime | None:
        return self.when.value() if self.agreed.isChecked() else None


def with_alt_key(label: str, key: str, taken: set[str]) -> str:
    """``label`` with an Alt key (``&``) that is not in ``taken`` (and add it there).

    A label's own ``&`` is kept when its letter is free. Otherwise the letter comes from the
    field's key (its words' first letters, then its other letters), so the English and the
    Chinese dialog have the same keys: English marks the letter in the text when it is there,
    Chinese adds it the way the menus do (维修结果(&R)).
    """
    at = label.replace("&&", "").find("&")
    if at >= 0 and at + 1 < len(label.replace("&&", "")):
        letter = label.replace("&&", "")[at + 1].lower()
        if letter.isascii() and letter.isalnum() and letter not in taken:
            taken.add(letter)
            return label
        label = label.replace("&&", "\0").replace("&", "").replace("\0", "&&")
    words = [w for w in key.lower().split("_") if w]
    candidates = [w[0] for w in words] + [c for w in words for c in w[1:]] + list("abcdefghijklmnopqrstuvwxyz")
    letter = next((c for c in candidates if c.isascii() and c.isalpha() and c not in taken), None)
    if letter is None:
        return label
    taken.add(letter)
    if label.isascii():
        spot = label.lower().find(letter)
        if spot >= 0:
            return label[:spot] + "&" + label[spot:]
        return f"{label} (&{letter.upper()})"
    return f"{label}(&{letter.upper()})"


def now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)
