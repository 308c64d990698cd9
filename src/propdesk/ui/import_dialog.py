"""导入业主档案: the owner roster from Excel. The workbook is read once, off the GUI thread (with
progress and Cancel); the sheets and columns found are proposed; the clerk confirms or changes
them and sees every line as it will be stored (estate, building, entrance, room), the units that
would be new (created only when ticked), and every line that will be rejected with the reason;
then imports in one transaction."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QMessageBox, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.enums import OwnerRole
from propdesk.services.register import importing
from propdesk.services.register.address import estate_names
from propdesk.ui.export_dialog import documents_dir
from propdesk.ui.worker import Cancelled, run_task
from propdesk.ui import file_dialogs

FIELDS = ("estate", "unit", "building", "entrance", "room", "name", "phone", "phone_2", "phone_3",
          "role", "area", "note", "owner_no")


class ImportDialog(QDialog):
    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.path: Path | None = None
        self.roster: importing.Roster | None = None
        self.headers: list[str] = []
        self.report = None
        self.setWindowTitle(self.tr("Import the owner roster"))
        self.setMinimumSize(980, 660)
        self.file = QLineEdit(objectName="file")
        self.file.setReadOnly(True)
        choose = QPushButton(self.tr("&Choose the workbook…"))
        choose.clicked.connect(self.choose)
        self.estate = QComboBox(objectName="estate")
        self.estate.addItem(self.tr("as each line says"), None)
        for name in estate_names():
            self.estate.addItem(name, name)
        self.estate.currentIndexChanged.connect(self.show_preview)
        self.sheet_choice = QComboBox(objectName="sheet_choice")
        self.sheet_choice.currentIndexChanged.connect(self.sheet_changed)
        self.sheet = QLabel(objectName="sheet")
        self.sheet.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        mapping_box = QGroupBox(self.tr("Which column holds what (proposed from the header; change if wrong)"))
        grid = QFormLayout(mapping_box)
        for name in FIELDS:
            combo = QComboBox(objectName=f"map_{name}")
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self.show_preview)
            self.combos[name] = combo
            grid.addRow(importing.field_label(name), combo)
        self.rows = QTreeWidget(objectName="preview")
        self.rows.setHeaderLabels([self.tr("Row"), self.tr("Estate"), self.tr("Building"), self.tr("Entrance"),
                                   self.tr("Room"), self.tr("Name"), self.tr("Phones"), self.tr("Role"),
                                   self.tr("New unit")])
        self.rows.setRootIsDecorated(False)
        for col, width in enumerate((50, 80, 60, 60, 60, 80, 220, 50)):
            self.rows.setColumnWidth(col, width)
        self.new_units = QTreeWidget(objectName="new_units")
        self.new_units.setHeaderLabels([self.tr("Row"), self.tr("Unit not on the register")])
        self.new_units.setRootIsDecorated(False)
        self.create_units = QCheckBox(objectName="create_units")
        self.create_units.setEnabled(False)
        self.rejected = QTreeWidget(objectName="rejected")
        self.rejected.setHeaderLabels([self.tr("Row"), self.tr("Why it is rejected")])
        self.rejected.setRootIsDecorated(False)
        for tree in (self.rejected, self.new_units):
            tree.setColumnWidth(0, 60)
        self.summary = QLabel(objectName="summary")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import"), objectName="do_import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Workbook")))
        top.addWidget(self.file, 1)
        top.addWidget(choose)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Sheet")))
        second.addWidget(self.sheet_choice)
        second.addWidget(QLabel(self.tr("Estate of lines that name none")))
        second.addWidget(self.estate)
        second.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("The lines as they will be stored")))
        right.addWidget(self.rows, 3)
        right.addWidget(self.new_units, 1)
        right.addWidget(self.create_units)
        right.addWidget(QLabel(self.tr("Lines that will be rejected")))
        right.addWidget(self.rejected, 2)
        middle = QHBoxLayout()
        middle.addWidget(mapping_box)
        middle.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.sheet)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

    def choose(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.windowTitle(), str(documents_dir()),
                                                  self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the workbook once, off the GUI thread, and propose the sheets and columns."""
        def work(progress, should_cancel):
            return importing.read_roster(path, sheet, progress=progress, should_cancel=should_cancel)

        try:
            roster = run_task(self, self.tr("Reading {file}…").format(file=Path(path).name), work)
        except Cancelled:
            self.summary.setText(self.tr("Reading the workbook was cancelled."))
            return
        except RuleError as err:
            QMessageBox.warning(self, self.windowTitle(), err.text())
            return
        self.path, self.roster = Path(path), roster
        self.file.setText(str(path))
        self.sheet_choice.blockSignals(True)
        self.sheet_choice.clear()
        for info in roster.sheets:
            self.sheet_choice.addItem(info.sheet, info.sheet)
        self.sheet_choice.setCurrentIndex(self.sheet_choice.findData(roster.main.sheet))
        self.sheet_choice.blockSignals(False)
        self.propose()

    def sheet_changed(self) -> None:
        """Another sheet chosen: already read, nothing is reread."""
        if self.roster is None:
            return
        title = self.sheet_choice.currentData()
        main = next(i for i in self.roster.sheets if i.sheet == title)
        owners = self.roster.owners if self.roster.owners is not main else None
        if "name" in main.proposed:
            owners = None
        self.roster = importing.Roster(self.roster.path, self.roster.sheets, main, owners)
        self.propose()

    def propose(self) -> None:
        info = self.roster.main
        self.headers = info.headers
        joined = self.tr(" Names and phones come from sheet \"{sheet}\", joined by the owner number.").format(
            sheet=self.roster.owners.sheet) if self.roster.owners else ""
        self.sheet.setText(self.tr("Sheet \"{sheet}\", header on row {row}, {n} lines below it.").format(
            sheet=info.sheet, row=info.header_row or "—", n=len(info.rows)) + joined)
        columns = [(i, f"{_letter(i)}: {h or '—'}") for i, h in enumerate(info.headers)]
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("- not in the file -"), None)
            for i, text in columns:
                combo.addItem(text, i)
            combo.setCurrentIndex(max(combo.findData(info.proposed.get(name)), 0))
            combo.blockSignals(False)
        self.show_preview()

    def mapping(self) -> dict[str, int]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData() is not None}

    def show_preview(self) -> None:
        if self.roster is None:
            return
        for tree in (self.rows, self.rejected, self.new_units):
            tree.clear()
        try:
            preview = importing.preview(self.roster, self.mapping(), limit=200,
                                        estate=self.estate.currentData())
        except RuleError as err:
            self.summary.setText(err.text())
            self.import_button.setEnabled(False)
            self.create_units.setEnabled(False)
            return
        yes = self.tr("new")
        for row in preview.rows:
            role = OwnerRole(row.role).label() if row.role else ""
            place = row.place
            self.rows.addTopLevelItem(QTreeWidgetItem([
                str(row.row), place.estate, place.building, place.entrance, place.room, row.name,
                "、".join(p for p, _d in row.phones), role, yes if row.new_unit else ""]))
        for number, unit in preview.new_lines:
            self.new_units.addTopLevelItem(QTreeWidgetItem([str(number), unit]))
        for number, reason in preview.rejected:
            self.rejected.addTopLevelItem(QTreeWidgetItem([str(number), reason]))
        n_new = len(preview.new_units)
        self.new_units.setVisible(bool(n_new))
        self.create_units.setVisible(bool(n_new))
        self.create_units.setEnabled(bool(n_new))
        self.create_units.setText(self.tr("Create the {n} new units listed above ({lines} lines)").format(
            n=n_new, lines=len(preview.new_lines)))
        self.summary.setText(self.tr("{n} lines will be imported, {r} rejected. Importing again later "
                                     "updates the same owners; nobody is added twice.").format(
            n=preview.total, r=len(preview.rejected)))
        self.import_button.setEnabled(preview.total > 0)

    def do_import(self) -> None:
        mapping, estate = self.mapping(), self.estate.currentData()
        create = self.create_units.isEnabled() and self.create_units.isChecked()
        roster = self.roster

        def work(progress, should_cancel):
            return importing.import_owners(self.staff, roster, mapping, estate=estate,
                                           create_units=create)

        try:
            self.report = run_task(self, self.tr("Importing…"), work)
        except Cancelled:
            return
        except RuleError as err:
            QMessageBox.warning(self, self.windowTitle(), err.text())
            return
        text = "\n".join([self.report.summary(), *self.report.rejected_lines()[:30]])
        QMessageBox.information(self, self.windowTitle(), text)
        self.accept()


def _letter(i: int) -> str:
    return chr(65 + i) if i < 26 else str(i + 1)
