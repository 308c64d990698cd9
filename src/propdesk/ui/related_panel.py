"""What intake already knows about this caller: the unit's open and recent cases (link the new
complaint as a repeat, or add the call to an open case), and an open incident over the unit
(attach the call to it with F8). The repair form shows the same panel (``repairs=True``): the
unit's open complaints and open work orders, and the incident to attach the call to instead of
raising a second order."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
)

from propdesk.enums import ComplaintStatus, WorkOrderStatus
from propdesk.ui.lazy_qt import Qt, set_properties
from propdesk.ui.widgets import fmt, ui_text


class RelatedPanel(QGroupBox):
    """Shown only when there is something to show."""

    link_requested = Signal(int, str)  # complaint id, number: the new one is a repeat of it
    contact_requested = Signal(int)  # add the call to this open complaint
    incident_requested = Signal(int)  # attach the call to this incident

    def __init__(self, reader, parent=None, repairs: bool = False):
        super().__init__(parent)
        self.reader = reader
        self.repairs = repairs  # on the repair form: open work orders too, no repeat links
        self.setTitle(self.tr("Already known about this unit"))
        self.setStyleSheet("QGroupBox { background: #fff8e1; }")
        self.incident_label = QLabel(objectName="incident_label")
        self.incident_label.setWordWrap(True)
        self.incident_button = QPushButton(self.tr("Attach this call to the incident (F8)"), objectName="attach_incident")
        self.incident_button.clicked.connect(self._attach)
        self.cases = QListWidget(objectName="related_cases")
        self.cases.setMaximumHeight(84)
        # a long line is cut with … (its whole text is the tooltip), never a sideways scroll
        # bar that leaves room for one row in a narrow form
        set_properties(self.cases, horizontalScrollBarPolicy="ScrollBarAlwaysOff", textElideMode="ElideRight")
        self.link_button = QPushButton(self.tr("Lin&k as a repeat"), objectName="link_repeat")
        self.link_button.clicked.connect(self._link)
        self.contact_button = QPushButton(self.tr("&Add as a further call to that case"), objectName="add_contact")
        self.contact_button.clicked.connect(self._contact)
        self.cases.currentItemChanged.connect(self._case_chosen)
        if repairs:  # complaint-intake actions: never shown on the repair form, so no Alt key
            for button in (self.link_button, self.contact_button):
                button.setText(button.text().replace("&", ""))
                button.hide()
        self.linked = QLabel(objectName="linked")
        self.linked.setStyleSheet("color: #0b5394; font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.contact_button)
        buttons.addWidget(self.linked, 1)
        incident_row = QHBoxLayout()
        incident_row.addWidget(self.incident_label, 1)
        incident_row.addWidget(self.incident_button)
        layout = QVBoxLayout(self)
        layout.addLayout(incident_row)
        layout.addWidget(self.cases)
        layout.addLayout(buttons)
        set_properties(QShortcut(QKeySequence("F8"), parent or self, self._attach), context="WidgetWithChildrenShortcut")
        self._incident_id = None
        self.show_for(None, "", None)

    def show_for(self, unit_id: int | None, phone: str, category_id: int | None) -> None:
        if not unit_id and not phone:  # a new form: nothing to look up, nothing to import yet
            found, orders, cases = [], [], []
        else:
            from propdesk.services.cases import incidents, related  # when first asked (start-up)

            found = incidents.covering(unit_id)
            orders = related.open_work_orders(unit_id, reader=self.reader) if self.repairs else []
            cases = related.recent_cases(unit_id=unit_id, phone=phone, category_id=category_id,
                                         reader=self.reader)
        self._incident_id = found[0].id if found else None
        if found:
            i = found[0]
            end = fmt(i.expected_end) if i.expected_end else self.tr("not known")
            self.incident_label.setText(self.tr("Open incident {number}: {title} ({area}); expected end {end}.").format(
                number=i.number, title=i.title, area=ui_text(incidents.area_text(i)), end=end))
        self.incident_label.setVisible(bool(found))
        self.incident_button.setVisible(bool(found))
        self.cases.clear()
        if self.repairs:
            for row in orders:
                when = self.tr(", visit {t}").format(t=fmt(row["scheduled_at"])) if row["scheduled_at"] else ""
                item = QListWidgetItem(self.tr("{number}  {received}  [repair: {status}{when}]  {what}").format(
                    number=row["number"], received=fmt(row["received_at"]),
                    status=WorkOrderStatus(row["status"]).label(), when=when,
                    what=row["description"][:40]))
                item.setData(Qt.UserRole, {**row, "kind": "work_order", "open": True})
                item.setToolTip(item.text())
                self.cases.addItem(item)
        for row in cases:
            if self.repairs and not row["open"]:
                continue  # the repair desk needs what is still being dealt with
            marks = [ComplaintStatus(row["status"]).label()]
            if row["same_category"]:
                marks.append(self.tr("same category"))
            item = QListWidgetItem(f"{row['number']}  {fmt(row['received_at'])}  {row['category_name']}  "
                                   f"[{' · '.join(marks)}]  {row['description'][:40]}")
            item.setData(Qt.UserRole, row)
            item.setToolTip(item.text())
            self.cases.addItem(item)
        if self.cases.count():
            self.cases.setCurrentRow(0)
        self._case_chosen()
        has_cases = self.cases.count() > 0
        self.cases.setVisible(has_cases)
        for w in (self.link_button, self.contact_button):
            w.setVisible(has_cases and not self.repairs)
        self.setVisible(has_cases or bool(found))

    def _case_chosen(self, *_args) -> None:
        """A further call goes on an open case only (services.cases.complaints.check_takes_work):
        for a closed one the button is off and says why."""
        row = self.selected()
        takes_calls = bool(row and row["open"] and row.get("kind") != "work_order")
        self.contact_button.setEnabled(takes_calls)
        self.contact_button.setToolTip("" if takes_calls or not row else self.tr(
            "{number} is closed: reopen it first, or take this call as a new complaint.").format(
                number=row["number"]))

    def selected(self) -> dict | None:
        item = self.cases.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _link(self) -> None:
        row = self.selected()
        if row:
            self.linked.setText(self.tr("Will be saved as a repeat of {number}").format(number=row["number"]))
            self.link_requested.emit(row["id"], row["number"])

    def _contact(self) -> None:
        row = self.selected()
        if row:
            self.contact_requested.emit(row["id"])

    def _attach(self) -> None:
        if self._incident_id is not None and self.isVisible():
            self.incident_requested.emit(self._incident_id)

    def reset(self) -> None:
        self.linked.setText("")
        self.show_for(None, "", None)
