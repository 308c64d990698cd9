"""突发事件: declare an incident over an area, see every caller, close it with a callback to
each caller or print the notice list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from propdesk.enums import IncidentStatus
from propdesk.errors import RuleError
from propdesk.i18n import translate
from propdesk.services.cases import incidents
from propdesk.services.core import audit_log
from propdesk.services.register import owners
from propdesk.ui.action_dialog import ActionDialog, Field
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.widgets import DateTimeEdit, TextBox, fill_combo, fmt, ui_text
from propdesk.services.register.address import display_estates, unit_display


def _fit(tree: QTreeWidget, stretch: int, fixed: dict[int, int]) -> None:
    """Each column as wide as its texts, but ``stretch`` (taking the width left) and ``fixed``
    (column: width, the clerk may drag it)."""
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(tree.columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.Stretch)
        elif column in fixed:
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            header.resizeSection(column, fixed[column])
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)


class IncidentTab(QWidget):
    changed = Signal()

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self._declare_box())
        split.addWidget(self._list_box())
        split.setSizes([380, 900])
        QVBoxLayout(self).addWidget(split)
        self.refresh()

    # --- declaring -------------------------------------------------------------------------
    def _declare_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Declare an incident"))
        self.kind = QComboBox(objectName="kind")
        fill_combo(self.kind, [(k, translate("enums", v)) for k, v in incidents.KINDS.items()])
        self.title = QLineEdit(objectName="title")
        self.title.setPlaceholderText(self.tr("e.g. 3栋、5栋停水（水泵检修）"))
        self.buildings = QListWidget(objectName="buildings")
        for b in owners.buildings():
            item = QListWidgetItem(f"{b.estate.name} {b.name}")
            item.setData(Qt.UserRole, b.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.buildings.addItem(item)
        self.units = QLineEdit(objectName="units")
        self.units.setPlaceholderText(self.tr("single units, e.g. 3栋2单元1201, 5-1-301"))
        self.has_end = QCheckBox(self.tr("Expected end:"))
        self.expected_end = DateTimeEdit()
        self.expected_end.set_value(dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(hours=4))
        self.expected_end.setEnabled(False)
        self.has_end.toggled.connect(self.expected_end.setEnabled)
        self.description = TextBox(3, objectName="description")
        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        declare = QPushButton(self.tr("&Declare  (Ctrl+S)"), objectName="declare")
        declare.clicked.connect(self.declare)
        QShortcut(QKeySequence("Ctrl+S"), box, self.declare).setContext(Qt.WidgetWithChildrenShortcut)
        end = QHBoxLayout()
        end.addWidget(self.has_end)
        end.addWidget(self.expected_end, 1)
        form = QFormLayout(box)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("Buildings"), self.buildings)
        form.addRow(self.tr("&Units"), self.units)
        form.addRow(end)
        form.addRow(self.tr("Details"), self.description)
        hint = QLabel(self.tr("(No building or unit: the whole estate.)"), objectName="hint")
        form.addRow(hint)
        form.addRow(declare)
        form.addRow(self.message)
        return box

    def declare(self) -> None:
        buildings = [self.buildings.item(i).data(Qt.UserRole) for i in range(self.buildings.count())
                     if self.buildings.item(i).checkState() == Qt.Checked]
        unit_ids, unknown = [], []
        for text in self.units.text().replace("，", ",").replace("、", ",").split(","):
            if text.strip():
                unit = owners.find_unit(text)
                (unit_ids.append(unit.id) if unit else unknown.append(text.strip()))
        if unknown:
            self.message.setText(self.tr("Not on the owner register: {units}").format(units="、".join(unknown)))
            return
        try:
            incident = incidents.declare(self.staff, self.kind.currentData(), self.title.text(),
                                         self.description.text(), building_ids=buildings, unit_ids=unit_ids,
                                         expected_end=self.expected_end.value() if self.has_end.isChecked() else None)
        except RuleError as err:
            self.message.setText(err.text())
            return
        self.message.setText(self.tr("Declared {number}: intake offers it for calls from that area.").format(
            number=incident.number))
        self.title.clear()
        self.units.clear()
        self.description.clear()
        for i in range(self.buildings.count()):
            self.buildings.item(i).setCheckState(Qt.Unchecked)
        self.refresh(select=incident.id)
        self.changed.emit()

    # --- the list and one incident ---------------------------------------------------------
    def _list_box(self) -> QWidget:
        self.show_closed = QCheckBox(self.tr("Show closed incidents"))
        self.show_closed.toggled.connect(lambda _c: self.refresh())
        self.list = QTreeWidget(objectName="incidents")
        self.list.setHeaderLabels([self.tr("Number"), self.tr("Incident"), self.tr("Area"), self.tr("Started"),
                                   self.tr("Expected end"), self.tr("Callers"), self.tr("Status")])
        self.list.setRootIsDecorated(False)
        # numbers, times, counts and the status as wide as they are, the title takes the rest:
        # at 1024x768 the times were cut ("2026-12-02 0…") and the status was off the right edge
        _fit(self.list, stretch=1, fixed={2: 140})
        self.list.currentItemChanged.connect(lambda *_: self.show_callers())
        self.callers = QTreeWidget(objectName="callers")
        self.callers.setHeaderLabels([self.tr("Time"), self.tr("Caller"), self.tr("Phone"), self.tr("Unit"),
                                      self.tr("What they said")])
        self.callers.setRootIsDecorated(False)
        # the caller's name as wide as a usual one: a name at its field's longest (60
        # characters) widened its column past the edge, the list scrolled sideways; a longer one
        # is elided, whole in its tooltip
        name_width = max(self.callers.fontMetrics().horizontalAdvance("欧阳建国") + 14,
                         self.callers.header().fontMetrics().horizontalAdvance(self.tr("Caller")) + 16)
        _fit(self.callers, stretch=4, fixed={1: name_width})
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, slot in (("attach", self.tr("Add a &caller…"), self.add_caller),
                                ("notice", self.tr("&Print the notice list"), self.print_notice),
                                ("close", self.tr("C&lose the incident…"), self.close_incident)):
            button = QPushButton(text, objectName=f"incident_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.show_closed)
        layout.addWidget(self.list, 2)
        layout.addWidget(QLabel(self.tr("Callers of the selected incident")))
        layout.addWidget(self.callers, 3)
        layout.addLayout(row)
        return box

    def refresh(self, select: int | None = None) -> None:
        self.list.clear()
        listed = incidents.listing(include_closed=self.show_closed.isChecked(), reader=self.staff)
        areas = incidents.area_texts(listed)  # one query for the list, not one per incident
        for incident in listed:
            end = fmt(incident.expected_end) if incident.expected_end else "—"
            status = IncidentStatus.OPEN.label() if incident.status == IncidentStatus.OPEN else self.tr("closed {at}").format(at=fmt(incident.closed_at))
            # names of buildings and units, or "whole estate" (translated; through the loaded
            # catalogue only: a name is not in it, and looking it up must not read the .ts)
            item = QTreeWidgetItem([incident.number, incident.title, ui_text(areas[incident.id]),
                                    fmt(incident.started_at), end, str(incident.n_contacts), status])
            item.setData(0, Qt.UserRole, incident.id)
            for column in (1, 2):  # the title and the area, elided in their columns: whole
                item.setToolTip(column, item.text(column))
            self.list.addTopLevelItem(item)
            if incident.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.show_callers()

    def selected(self):
        item = self.list.currentItem()
        return incidents.read(item.data(0, Qt.UserRole), reader=self.staff) if item else None

    def show_callers(self) -> None:
        incident = self.selected()
        self.callers.clear()
        callers = incidents.contacts(incident.id, reader=self.staff) if incident else []
        estates = display_estates() if any(c.unit_id for c in callers) else {}  # once, not per caller
        for c in callers:
            item = QTreeWidgetItem([fmt(c.at), c.name, c.phone, unit_display(c.unit, estates) if c.unit_id else "",
                                    c.note])
            for column in (1, 4):  # the name and what they said, elided in their columns: whole
                item.setToolTip(column, item.text(column))
            self.callers.addTopLevelItem(item)
        is_open = bool(incident) and incident.status == IncidentStatus.OPEN
        self.buttons["attach"].setEnabled(is_open)
        self.buttons["close"].setEnabled(is_open)
        self.buttons["notice"].setEnabled(bool(incident))

    def add_caller(self) -> None:
        incident = self.selected()
        dialog = ActionDialog(self.tr("A call about {number}").format(number=incident.number), [
            Field("complainant", self.tr("Caller"), "line", ""), Field("phone", self.tr("Phone"), "line", ""),
            Field("unit", self.tr("Unit"), "line", ""), Field("description", self.tr("What they said"), "line", "")],
            lambda v: incidents.attach(self.staff, incident.id, v["complainant"], v["phone"], v["unit"],
                                       v["description"]), parent=self)
        if dialog.exec():
            self.refresh(select=incident.id)

    def close_incident(self) -> None:
        incident = self.selected()
        dialog = ActionDialog(self.tr("Close {number}").format(number=incident.number), [
            Field("note", self.tr("How it ended"), "line", ""),
            Field("callbacks", self.tr("Call each caller back (one callback per phone number)"), "check", True)],
            lambda v: incidents.close(self.staff, incident.id, v["note"], v["callbacks"]), parent=self)
        if dialog.exec():
            made = dialog.result_value or []
            QMessageBox.information(self, self.tr("Incident closed"), self.tr(
                "{number} is closed. {n} callbacks were scheduled.").format(number=incident.number, n=len(made)))
            self.refresh()
            self.changed.emit()

    def print_notice(self) -> None:
        from propdesk.reports.pdf.incident_notice import incident_notice_pdf
        from propdesk.ui.case_view import printouts_dir
        from propdesk.ui.printing import print_pdf

        incident = self.selected()
        path = printouts_dir() / f"{incident.number}.pdf"
        incident_notice_pdf(incident.id, path)
        audit_log.record_output(self.staff, "print", "incident", "incident notice", path,
                                entity_id=incident.id)
        self.printed = path
        self.preview = print_pdf(path, self)
