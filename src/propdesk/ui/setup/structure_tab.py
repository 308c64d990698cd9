"""Estates, buildings and units: a building with all its units in one step, renamed or set
not in use later (nothing is deleted)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError
from propdesk.services.setup import structure
from propdesk.services.setup.structure import BuildingSpec
from propdesk.ui.list_table import let_last_column_shrink
from propdesk.ui.setup.common import INACTIVE, ListEditor, Messages, status_text


class EstateEditor(ListEditor):
    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Estate"), parent)

    def headers(self):
        return [self.tr("Estate"), self.tr("Address"), self.tr("Status")]

    def build_form(self):
        self.name = self.add_field("estate_name", self.tr("Na&me"), QLineEdit())
        self.address = self.add_field("estate_address", self.tr("&Address"), QLineEdit())
        self.active = self.add_field("active", self.tr("In use"), QCheckBox(self.tr("In &use")))

    def rows(self):
        return structure.estates()

    def cells(self, row):
        return [row.name, row.address, status_text(row.active)], row.active

    def load(self, row):
        self.name.setText(row.name if row else "")
        self.address.setText(row.address if row else "")
        self.active.setChecked(row.active if row else True)

    def save(self, row_id):
        return structure.save_estate(self.staff, row_id, self.name.text(), self.address.text(),
                                     self.active.isChecked())


def table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    let_last_column_shrink(t)
    return t


def fill(t: QTableWidget, rows: list[tuple[list[str], bool]]) -> None:
    t.blockSignals(True)
    t.setRowCount(len(rows))
    for r, (texts, active) in enumerate(rows):
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if not active:
                item.setForeground(INACTIVE)
            t.setItem(r, c, item)
    t.blockSignals(False)


def number(low: int, high: int, value: int, name: str) -> QSpinBox:
    box = QSpinBox(objectName=name)
    box.setRange(low, high)
    box.setValue(value)
    return box


class StructureTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.staff, self.editable = staff, editable
        self.estates = EstateEditor(staff, editable)
        self.estates.setMaximumHeight(200)
        self.estates.table.itemSelectionChanged.connect(self.load_buildings)
        self.estates.changed.connect(self.load_buildings)
        self._buildings: list[dict] = []
        self._units: list = []

        # buildings of the estate, and the selected one's name / in use
        self.buildings = table([self.tr("Building"), self.tr("Units"), self.tr("In use"), self.tr("Status")])
        self.buildings.setObjectName("buildings")
        self.buildings.itemSelectionChanged.connect(self.building_selected)
        self.building_name = QLineEdit(objectName="selected_building_name")
        self.building_active = QCheckBox(self.tr("In use (units can be chosen at intake)"))
        self.building_messages = Messages()
        self.save_building_button = QPushButton(self.tr("Save the building"), objectName="save_building")
        self.save_building_button.clicked.connect(self.save_building)
        selected = QFormLayout()
        selected.addRow(self.tr("Name"), self.building_name)
        selected.addRow("", self.building_active)
        selected.addRow("", self.save_building_button)
        selected.addRow(self.building_messages)
        buildings_box = QGroupBox(self.tr("Buildings of the estate"))
        b_layout = QVBoxLayout(buildings_box)
        b_layout.addWidget(self.buildings, 1)
        b_layout.addLayout(selected)

        # a new building (or more units for the selected one)
        self.new_name = QLineEdit(objectName="building_name")
        self.new_name.setPlaceholderText(self.tr("e.g. 12栋 (a number alone gets 栋)"))
        self.entrances = number(0, 99, 1, "entrances")
        self.entrances.setSpecialValueText(self.tr("none (no 单元)"))
        self.floor_from = number(0, 999, 1, "floor_from")
        self.floor_to = number(0, 999, 6, "floor_to")
        self.rooms = number(0, 999, 2, "rooms_per_floor")
        floors = QHBoxLayout()
        floors.addWidget(self.floor_from)
        floors.addWidget(QLabel(self.tr("to")))
        floors.addWidget(self.floor_to)
        floors.addStretch()
        floors_label = QLabel(self.tr("&Floors"))
        floors_label.setBuddy(self.floor_from)
        for box in (self.entrances, self.floor_from, self.floor_to, self.rooms):
            box.setMinimumWidth(110)
        self.preview = QLabel(objectName="preview")
        self.preview.setWordWrap(True)
        self.spec_fields = {"building_name": self.new_name, "entrances": self.entrances,
                            "floor_from": self.floor_from, "floor_to": self.floor_to,
                            "rooms_per_floor": self.rooms}
        self.add_messages = Messages()
        self.add_button = QPushButton(self.tr("A&dd the building"), objectName="add_building")
        self.add_button.clicked.connect(self.add_building)
        self.more_button = QPushButton(self.tr("Add these units to the selected building"),
                                       objectName="add_units")
        self.more_button.clicked.connect(self.add_units)
        add_box = QGroupBox(self.tr("Add a building with its units"))
        form = QFormLayout(add_box)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.addRow(self.tr("&Building"), self.new_name)
        form.addRow(self.tr("&Entrances (单元)"), self.entrances)
        form.addRow(floors_label, floors)
        form.addRow(self.tr("&Rooms per floor"), self.rooms)
        form.addRow(self.preview)
        add_buttons = QHBoxLayout()
        add_buttons.addWidget(self.add_button)
        add_buttons.addWidget(self.more_button)
        add_buttons.addStretch()
        form.addRow(add_buttons)
        form.addRow(self.add_messages)
        for widget in (self.new_name, self.entrances, self.floor_from, self.floor_to, self.rooms):
            (widget.textChanged if isinstance(widget, QLineEdit) else widget.valueChanged).connect(
                lambda *_: self.update_preview())

        # the units of the selected building
        self.units = table([self.tr("Unit"), self.tr("Floor"), self.tr("Status")])
        self.units.setObjectName("units")
        self.units.itemSelectionChanged.connect(self.unit_selected)
        self.unit_button = QPushButton(objectName="toggle_unit")
        self.unit_button.clicked.connect(self.toggle_unit)
        self.unit_messages = Messages()
        units_box = QGroupBox(self.tr("Units of the building"))
        u_layout = QVBoxLayout(units_box)
        u_layout.addWidget(self.units, 1)
        u_layout.addWidget(self.unit_button)
        u_layout.addWidget(self.unit_messages)

        lower = QHBoxLayout()
        lower.addWidget(buildings_box, 3)
        lower.addWidget(add_box, 3)
        lower.addWidget(units_box, 2)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Units are labelled as intake reads them: building, entrance, "
                               "floor and room (12栋1单元101). The owner roster import adds units "
                               "too."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.estates)
        layout.addLayout(lower, 1)
        if not editable:
            add_box.setVisible(False)
            self.building_name.setReadOnly(True)
            for widget in (self.building_active, self.save_building_button, self.unit_button):
                widget.setVisible(False)
        self.update_preview()
        self.load_buildings()

    # --- estates and buildings -------------------------------------------------------------
    def estate_id(self) -> int | None:
        return self.estates.current_id

    def load_buildings(self, select_id: int | None = None) -> None:
        estate_id = self.estate_id()
        self._buildings = structure.buildings(estate_id) if estate_id else []
        fill(self.buildings, [([b["name"], str(b["units"]), str(b["active_units"]), status_text(b["active"])],
                               b["active"]) for b in self._buildings])
        index = next((i for i, b in enumerate(self._buildings) if b["id"] == select_id), 0)
        if self._buildings:
            self.buildings.selectRow(index)
        self.building_selected()

    def current_building(self) -> dict | None:
        row = self.buildings.currentRow()
        return self._buildings[row] if self._buildings and 0 <= row < len(self._buildings) else None

    def building_selected(self) -> None:
        b = self.current_building()
        self.building_name.setText(b["name"] if b else "")
        self.building_active.setChecked(b["active"] if b else True)
        for widget in (self.building_name, self.building_active, self.save_building_button, self.more_button):
            widget.setEnabled(b is not None)
        self.building_messages.setText("")
        self.load_units()

    def save_building(self) -> None:
        b = self.current_building()
        if b is None:
            return
        self.building_messages.clear_marks({"building_name": self.building_name})
        try:
            structure.save_building(self.staff, b["id"], self.building_name.text(),
                                    self.building_active.isChecked())
        except RuleError as err:
            self.building_messages.error(err, {"building_name": self.building_name})
            return
        self.load_buildings(b["id"])
        self.building_messages.ok(self.tr("Saved."))

    # --- adding ----------------------------------------------------------------------------
    def spec(self) -> BuildingSpec:
        return BuildingSpec(self.new_name.text(), self.entrances.value(), self.floor_from.value(),
                            self.floor_to.value(), self.rooms.value())

    def update_preview(self) -> None:
        spec = self.spec()
        name = structure.building_name(spec.name) or self.tr("(building)")
        if spec.floor_to < spec.floor_from or not spec.rooms_per_floor or not spec.floor_from:
            self.preview.setText("")
            return
        planned = structure.plan_units(name, spec)
        self.preview.setText(self.tr("{n} units: {first} ... {last}").format(
            n=len(planned), first=planned[0]["label"], last=planned[-1]["label"]))

    def add_building(self) -> None:
        self.add_messages.clear_marks(self.spec_fields)
        try:
            building, n = structure.add_building(self.staff, self.estate_id(), self.spec())
        except RuleError as err:
            self.add_messages.error(err, self.spec_fields)
            return
        self.load_buildings(building.id)
        self.add_messages.ok(self.tr("{name} added with {n} units.").format(name=building.name, n=n))
        self.new_name.clear()

    def add_units(self) -> None:
        b = self.current_building()
        if b is None:
            return
        self.add_messages.clear_marks(self.spec_fields)
        try:
            n = structure.add_units(self.staff, b["id"], self.spec())
        except RuleError as err:
            self.add_messages.error(err, self.spec_fields)
            return
        self.load_buildings(b["id"])
        self.add_messages.ok(self.tr("{n} units added to {name}.").format(n=n, name=b["name"]))

    # --- units -----------------------------------------------------------------------------
    def load_units(self, select_id: int | None = None) -> None:
        b = self.current_building()
        self._units = structure.units(b["id"]) if b else []
        fill(self.units, [([u.label, str(u.floor or ""), status_text(u.active)], u.active)
                          for u in self._units])
        index = next((i for i, u in enumerate(self._units) if u.id == select_id), None)
        if index is not None:
            self.units.selectRow(index)
        self.unit_selected()

    def current_unit(self):
        row = self.units.currentRow()
        return self._units[row] if self._units and 0 <= row < len(self._units) and \
            self.units.selectionModel().hasSelection() else None

    def unit_selected(self) -> None:
        unit = self.current_unit()
        self.unit_button.setEnabled(unit is not None)
        self.unit_button.setText(self.tr("Set the unit not in use") if unit is None or unit.active
                                 else self.tr("Set the unit in use again"))

    def toggle_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        try:
            structure.set_unit_active(self.staff, unit.id, not unit.active)
        except RuleError as err:
            self.unit_messages.error(err)
            return
        self.unit_messages.setText("")
        b = self.current_building()
        self.load_buildings(b["id"] if b else None)
        self.load_units(unit.id)
