"""Who is calling: the phone looks up the owner register as it is typed, a unit lists its
owners and phones, and choosing one fills name, phone and unit. Shared by the complaint and
repair forms."""
from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from propdesk.enums import OwnerRole
from propdesk.services.register import owners
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.suggestions import Suggestions

if TYPE_CHECKING:
    from propdesk.services.register import address

# the address rules (their patterns compiled at import) come with the first unit or phone typed
# (or the warm-up after the window shows): the form shows without them (issue 21, start-up)


class CallerLookup(QObject):
    """Binds a phone, a name, a unit field and a list of the unit's contacts."""

    contact_taken = Signal()  # name, phone and unit were filled from the register

    def __init__(self, phone: QLineEdit, name: QLineEdit, unit: QLineEdit, contacts: QListWidget,
                 next_field=None, parent=None, *, reader):
        super().__init__(parent or phone)
        self.reader = reader  # the signed-in person: the register's look-ups check records.read
        self.phone, self.name, self.unit, self.contacts = phone, name, unit, contacts
        self.next_field = next_field
        self.owner_id: int | None = None
        self._hits: dict[str, owners.Contact] = {}
        self._unit_choices: dict[str, address.UnitChoice] = {}
        self.choices: list[str] = []  # the units offered for what is typed, estates beside each
        # suggestions that never take the keyboard (a completer popup grabbed Alt+U and the
        # typing after it: issue 17)
        self.phone_model = QStringListModel(self)
        self.phone_suggestions = Suggestions(phone, self.phone_model, self)
        self.unit_model = QStringListModel(self)
        self.unit_suggestions = Suggestions(unit, self.unit_model, self)
        # as tall as its owners (up to three, then it scrolls); one line when the unit has none
        # (empty, it took ~70 px of a 768-pixel screen)
        model = contacts.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._fit_contacts)
        self._fit_contacts()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.lookup_phone)
        phone.textEdited.connect(lambda _t: self._timer.start())
        self.phone_suggestions.activated.connect(self._phone_chosen)
        unit.textEdited.connect(self._complete_unit)
        unit.editingFinished.connect(self.unit_entered)
        self.unit_suggestions.activated.connect(self._unit_chosen)
        contacts.itemActivated.connect(self._contact_chosen)
        # Down (or Enter, when the text means units of several estates) goes into the list
        # beside the field: only Tab reached it, which nothing said (seen at the desk)
        unit.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's method name
        if obj is self.unit and event.type() == QEvent.KeyPress and self.contacts.count() \
                and not self.unit_suggestions.isVisible():
            key = event.key()
            several = key in (Qt.Key_Return, Qt.Key_Enter) and self._offers_units()
            if key == Qt.Key_Down or several:
                self.contacts.setFocus()
                self.contacts.setCurrentRow(0)
                return True
        return False

    def _offers_units(self) -> bool:
        """The list holds units to choose from (several estates), not one unit's owners."""
        from propdesk.services.register import address

        return isinstance(self.contacts.item(0).data(Qt.UserRole), address.UnitChoice)

    def _fit_contacts(self, *_args) -> None:
        box = self.contacts
        if not shiboken6.isValid(box):  # the model empties itself as the window goes
            return
        row = box.sizeHintForRow(0) if box.count() else box.fontMetrics().height() + 4
        box.setFixedHeight(max(1, min(box.count(), 3)) * row + 2 * box.frameWidth())

    def reset(self) -> None:
        self.contacts.clear()
        self.owner_id = None

    def lookup_phone(self) -> None:
        from propdesk.services.register import address
        hits = owners.lookup_phone(self.phone.text(), reader=self.reader)
        several = address.several_estates()
        self._hits = {f"{c.phone}  {c.name}  {c.unit_display(several)}": c for c in hits}
        self.phone_model.setStringList(list(self._hits))
        typed = owners.phone_digits(self.phone.text())
        if len(hits) == 1 and owners.phone_digits(hits[0].phone) == typed:
            self.take(hits[0], keep_phone=True)
        elif hits:
            self.phone_suggestions.show()
        else:
            self.phone_suggestions.hide()

    def _phone_chosen(self, text: str) -> None:
        contact = self._hits.get(text)
        if contact:
            self.take(contact)

    def _unit_chosen(self, text: str) -> None:
        self.unit.setText(text)
        self.unit_entered()

    def take(self, contact: owners.Contact, keep_phone: bool = False) -> None:
        from propdesk.services.register import address
        if not keep_phone:
            self.phone.setText(contact.phone)
        self.name.setText(contact.name)
        self.unit.setText(contact.unit_display(address.several_estates()))
        self.owner_id = contact.owner_id
        self.show_contacts(contact.unit_id)
        self.contact_taken.emit()

    def _complete_unit(self, text: str) -> None:
        """As the clerk types: one unit meant shows its owners at once; several (5-2-802 in
        阳光花园 5栋 and 翠湖苑 5幢) are listed at once under the field, each with its estate,
        for the clerk to take one (Enter); a beginning offers the units it starts."""
        from propdesk.services.register import address
        several = address.several_estates()
        meant = address.units_meant(text, reader=self.reader)
        found = meant or address.suggestions(text, reader=self.reader)
        self._unit_choices = {c.display(several): c for c in found}
        self.choices = list(self._unit_choices)
        # a popup only for beginnings: what the text already means is shown in the list below
        self.unit_model.setStringList([] if meant else self.choices)
        self.unit_suggestions.show()  # (hides itself when there is nothing to offer)
        if len(meant) == 1:
            self.show_contacts(meant[0].id)
        else:
            self.show_units(meant, several)

    def show_units(self, units: list, several: bool) -> None:
        """The units a typed address may mean, to choose from (no owner is taken for the clerk)."""
        self.contacts.clear()
        for choice in units:
            item = QListWidgetItem(self.tr("Unit: {unit}").format(unit=choice.display(several)))
            item.setData(Qt.UserRole, choice)
            self.contacts.addItem(item)

    def unit_entered(self) -> None:
        from propdesk.services.register import address
        meant = address.units_meant(self.unit.text(), reader=self.reader)
        if len(meant) != 1:
            if not meant:
                self.contacts.clear()
            return
        shown = meant[0].display(address.several_estates())
        if self.unit.text() != shown:
            self.unit.setText(shown)
        self.show_contacts(meant[0].id)

    def show_contacts(self, unit_id: int) -> None:
        self.contacts.clear()
        for contact in owners.contacts_of_unit(unit_id, reader=self.reader):
            role = OwnerRole(contact.role).label() if contact.role else ""
            item = QListWidgetItem(f"{contact.name}（{role}） {contact.phone}")
            item.setData(Qt.UserRole, contact)
            self.contacts.addItem(item)

    def _contact_chosen(self, item: QListWidgetItem) -> None:
        from propdesk.services.register import address
        data = item.data(Qt.UserRole)
        if isinstance(data, address.UnitChoice):  # one of several units: take it, list its owners
            self.unit.setText(data.display(address.several_estates()))
            self.show_contacts(data.id)
            self.contacts.setCurrentRow(0)
            return
        self.take(data)
        if self.next_field is not None:
            self.next_field.setFocus()
