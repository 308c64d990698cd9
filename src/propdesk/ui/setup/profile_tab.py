"""The office profile: name, address, phone and logo, as every printed form shows them."""
from __future__ import annotations

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from propdesk import i18n
from propdesk.errors import RuleError
from propdesk.services.core import settings
from propdesk.services.register import privacy
from propdesk.services.setup import structure
from propdesk.services.setup.office_profile import Profile, logo_path, profile, save_profile, set_logo
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.setup.common import Messages
from propdesk.ui import file_dialogs


class ProfileTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.staff, self.editable = staff, editable
        self.office_name = QLineEdit(objectName="office_name")
        self.office_address = QLineEdit(objectName="office_address")
        self.office_phone = QLineEdit(objectName="office_phone")
        self.office_phone.setPlaceholderText(self.tr("e.g. 0755-26881234"))
        self.language = QComboBox(objectName="language")
        for code, text in i18n.LANGUAGE_NAMES.items():  # each in its own language, as everywhere
            self.language.addItem(text, code)
        self.fields = {"office_name": self.office_name, "office_address": self.office_address,
                       "office_phone": self.office_phone, "language": self.language}
        self.messages = Messages()
        self.save_button = QPushButton(self.tr("&Save"), objectName="save_profile")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)

        office = QGroupBox(self.tr("Office"))
        form = QFormLayout(office)
        form.addRow(self.tr("Office &name"), self.office_name)
        form.addRow(self.tr("&Address"), self.office_address)
        form.addRow(self.tr("&Phone"), self.office_phone)
        hint = QLabel(self.tr("Printed at the top of every register and form (complaint forms, "
                              "repair notices, the weekly summary)."), objectName="hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(self.tr("Lan&guage"), self.language)
        hint = QLabel(self.tr("The language of the window on every desk, of the propdesk "
                              "command and of every register, form and report. The window "
                              "changes at the next start."), objectName="language_hint")
        hint.setWordWrap(True)
        form.addRow("", hint)

        self.logo = QLabel(objectName="logo_preview")
        self.logo.setFixedSize(240, 100)
        self.logo.setAlignment(Qt.AlignCenter)
        self.logo.setStyleSheet("border: 1px dashed #aaa; background: white;")
        self.logo_messages = Messages()
        self.choose_logo = QPushButton(self.tr("Choose a &logo..."), objectName="choose_logo")
        self.choose_logo.clicked.connect(self.pick_logo)
        self.remove_logo = QPushButton(self.tr("&Remove the logo"), objectName="remove_logo")
        self.remove_logo.clicked.connect(lambda: self.change_logo(None))
        logo_box = QGroupBox(self.tr("Logo (optional)"))
        logo_layout = QHBoxLayout(logo_box)
        logo_layout.addWidget(self.logo)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(QLabel(self.tr("A PNG or JPEG picture, at most 2 MB. A copy is "
                                              "kept in PropDesk's data folder.")))
        row = QHBoxLayout()
        row.addWidget(self.choose_logo)
        row.addWidget(self.remove_logo)
        row.addStretch()
        logo_buttons.addLayout(row)
        logo_buttons.addWidget(self.logo_messages)
        logo_buttons.addStretch()
        logo_layout.addLayout(logo_buttons, 1)

        self.lock_minutes = QSpinBox(objectName="lock_minutes")
        self.lock_minutes.setRange(0, 480)
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setEnabled(editable)
        self.lock_messages = Messages()
        self.save_lock = QPushButton(self.tr("Save the lock &time"), objectName="save_lock")
        self.save_lock.clicked.connect(self.save_lock_minutes)
        self.save_lock.setVisible(editable)
        desk_box = QGroupBox(self.tr("Desk"))
        desk_form = QFormLayout(desk_box)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.lock_minutes)
        lock_row.addWidget(self.save_lock)
        lock_row.addWidget(self.lock_messages, 1)
        desk_form.addRow(self.tr("Lock after no use for"), lock_row)
        self.mask_phones = QCheckBox(self.tr("Mask phone numbers (138****5678) in registers, forms "
                                             "and exports unless chosen otherwise"), objectName="mask_phones")
        self.mask_phones.setEnabled(editable)
        self.mask_messages = Messages()
        mask_row = QHBoxLayout()
        mask_row.addWidget(self.mask_phones)
        mask_row.addWidget(self.mask_messages, 1)
        desk_form.addRow(self.tr("Phone numbers"), mask_row)

        self.estates = QLabel(objectName="estate_names")
        self.estates.setWordWrap(True)
        estates_box = QGroupBox(self.tr("Estates served"))
        QVBoxLayout(estates_box).addWidget(self.estates)

        buttons = QHBoxLayout()
        buttons.addWidget(self.messages, 1)
        buttons.addWidget(self.save_button)
        column = QWidget()
        column.setMaximumWidth(900)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(office)
        inner.addLayout(buttons)
        inner.addWidget(logo_box)
        inner.addWidget(desk_box)
        inner.addWidget(estates_box)
        inner.addStretch()
        layout = QHBoxLayout(self)
        layout.addWidget(column, 1)
        layout.addStretch()
        for widget in (self.office_name, self.office_address, self.office_phone):
            widget.setReadOnly(not editable)
        self.language.setEnabled(editable)
        for button in (self.save_button, self.choose_logo, self.remove_logo):
            button.setVisible(editable)
        self.refresh()
        self.mask_phones.toggled.connect(self.save_mask_phones)

    def refresh(self) -> None:
        p = profile()
        self.office_name.setText(p.office_name)
        self.office_address.setText(p.office_address)
        self.office_phone.setText(p.office_phone)
        self.language.setCurrentIndex(max(0, self.language.findData(p.language or i18n.language())))
        self.lock_minutes.setValue(int(settings.get("lock_minutes") or 0))
        self.mask_phones.blockSignals(True)
        self.mask_phones.setChecked(privacy.mask_in_exports())
        self.mask_phones.blockSignals(False)
        self._show_logo()
        names = [e.name + ("" if e.active else self.tr(" (not in use)")) for e in structure.estates()]
        self.estates.setText(("、".join(names) if names else self.tr("None yet.")) + "\n" + self.tr(
            "Estates, buildings and units are kept on the \"Estates and buildings\" tab."))

    def _show_logo(self) -> None:
        path = logo_path()
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("No logo"))
        else:
            self.logo.setPixmap(pixmap.scaled(self.logo.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self.remove_logo.setEnabled(path is not None)

    def save(self) -> None:
        self.messages.clear_marks(self.fields)
        data = Profile(self.office_name.text(), self.office_address.text(), self.office_phone.text(),
                       self.language.currentData())
        try:
            changes = save_profile(self.staff, data)
        except RuleError as err:
            self.messages.error(err, self.fields)
            return
        self.refresh()
        self.messages.ok(self.tr("Saved.") if changes else self.tr("Nothing changed."))

    def save_lock_minutes(self) -> None:
        self.lock_messages.setText("")
        try:
            settings.change(self.staff, "lock_minutes", str(self.lock_minutes.value()))
        except RuleError as err:
            self.lock_messages.error(err)
            return
        self.lock_messages.ok(self.tr("Saved."))

    def save_mask_phones(self, on: bool) -> None:
        """The default of the export dialog and of `propdesk export` (saved and audited at once)."""
        self.mask_messages.setText("")
        try:
            settings.change(self.staff, privacy.SETTING, "1" if on else "0")
        except RuleError as err:
            self.mask_messages.error(err)
            return
        self.mask_messages.ok(self.tr("Saved."))

    def pick_logo(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("Choose a logo"), "",
                                                  self.tr("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.change_logo(path)

    def change_logo(self, path: str | None) -> None:
        self.logo_messages.setText("")
        try:
            set_logo(self.staff, path)
        except RuleError as err:
            self.logo_messages.error(err)
            return
        self._show_logo()
        self.logo_messages.ok(self.tr("Saved."))
