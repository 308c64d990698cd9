"""Who is calling: the phone looks up the owner register as it is typed, a unit lists its
owners and phones, and choosing one fills name, phone and unit. Shared by the complaint and
repair forms."""
from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QListWidget, QListWidgetItem

from propdesk.enums import OwnerRole
from propdesk.services.register import owners


class CallerLookup(QObject):
    """Binds a phone, a name, a unit field and a list of the unit's contacts."""

    contact_taken = Signal()  # name, phone and unit were filled from the register

    def __init__(self, phone: QLineEdit, name: QLineEdit, unit: QLineEdit, contacts: QListWidget,
                 next_field=None, parent=None):
        super().__init__(parent or phone)
        self.phone, self.name, self.unit, self.contacts = phone, name, unit, contacts
        self.next_field = next_field
        self.owner_id: int | None = None
        self._hits: dict[str, owners.Contact] = {}
        self.phone_model = QStringListModel(self)
        completer = QCompleter(self.phone_model, self)
        completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        phone.setCompleter(completer)
        self.unit_model = QStringListModel(self)
        unit_completer = QCompleter(self.unit_model, self)
        unit_completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        unit.setCompleter(unit_completer)
        contacts.setMaximumHeight(72)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.lookup_phone)
        phone.textEdited.connect(lambda _t: self._timer.start())
        completer.activated.connect(self._phone_chosen)
        unit.textEdited.connect(self._complete_unit)
        unit.editingFinished.connect(self.unit_entered)
        unit_completer.activated.connect(lambda _t: self.unit_entered())
        contacts.itemActivated.connect(self._contact_chosen)

    def reset(self) -> None:
        self.contacts.clear()
        self.owner_id = None

    def lookup_phone(self) -> None:
        hits = owners.lookup_phone(self.phone.text())
        self._hits = {f"{c.phone}  {c.name}  {c.unit_label}": c for c in hits}
        self.phone_model.setStringList(list(self._hits))
        typed = owners.phone_digits(self.phone.text())
        if len(hits) == 1 and owners.phone_digits(hits[0].phone) == typed:
            self.take(hits[0], keep_phone=True)
        elif hits:
            self.phone.completer().complete()

    def _phone_chosen(self, text: str) -> None:
        contact = self._hits.get(text)
        if contact:
            # the completer put the whole line in the field: put back just the number
            QTimer.singleShot(0, lambda: self.take(contact))

    def take(self, contact: owners.Contact, keep_phone: bool = False) -> None:
        if not keep_phone:
            self.phone.setText(contact.phone)
        self.name.setText(contact.name)
        self.unit.setText(contact.unit_label)
        self.owner_id = contact.owner_id
        self.show_contacts(contact.unit_id)
        self.contact_taken.emit()

    def _complete_unit(self, text: str) -> None:
        self.unit_model.setStringList([label for _id, label in owners.complete_units(text)])

    def unit_entered(self) -> None:
        unit = owners.find_unit(self.unit.text())
        if unit is None:
            self.contacts.clear()
            return
        if self.unit.text() != unit.label:
            self.unit.setText(unit.label)
        self.show_contacts(unit.id)

    def show_contacts(self, unit_id: int) -> None:
        self.contacts.clear()
        for contact in owners.contacts_of_unit(unit_id):
            role = OwnerRole(contact.role).label() if contact.role else ""
            item = QListWidgetItem(f"{contact.name}（{role}） {contact.phone}")
            item.setData(Qt.UserRole, contact)
            self.contacts.addItem(item)

    def _contact_chosen(self, item: QListWidgetItem) -> None:
        self.take(item.data(Qt.UserRole))
        if self.next_field is not None:
            self.next_field.setFocus()
