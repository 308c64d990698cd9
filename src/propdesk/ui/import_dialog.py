"""导入业主档案: the owner roster from Excel. The workbook is read once, off the GUI thread (with
progress and Cancel); the sheets and columns found are proposed (services/register/sheets.py:
which sheet has the addresses, which has the names and how they are joined); the clerk confirms
or changes them and sees which sheets were read and how they were joined (sheets of one shape,
one per building, read together: the sheet list offers them as one choice), every line as it will
be stored (each with its sheet and row) (estate, building, entrance, room, and the line of the names sheet each person comes
from), the units that would be new (created only when ticked), and every line that will be
rejected with the reason; then imports in one transaction."""
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
from propdesk.ui.lazy_qt import Qt

FIELDS = ("estate", "unit", "building", "entrance", "room", "name", "phone", "phone_2", "phone_3",
          "role", "area", "note", "owner_no", "room_no")
SEP = "/"  # between the titles of sheets read together: Excel allows no / in a sheet's title
FROM_OWNERS = ("name", "phone", "phone_2", "phone_3", "role", "note")  # a joined sheet's fields


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
        # several sheets read together make a long item: the box stays narrow, the list shows it whole
        self.sheet_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sheet_choice.setMinimumContentsLength(18)
        self.sheet_choice.currentIndexChanged.connect(self.sheet_changed)
        self.owners_choice = QComboBox(objectName="owners_choice")
        self.owners_choice.currentIndexChanged.connect(self.sheet_changed)
        self.sheet = QLabel(objectName="sheet")
        self.sheet.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        self.mapping_box = mapping_box = QGroupBox(
            self.tr("Which column holds what (proposed from the header; change if wrong)"))
        grid = QFormLayout(mapping_box)
        for name in FIELDS:
            combo = QComboBox(objectName=f"map_{name}")
            combo.setMinimumContentsLength(13)
            combo.currentIndexChanged.connect(self.show_preview)
            self.combos[name] = combo
            grid.addRow(importing.field_label(name), combo)
        self.rows = QTreeWidget(objectName="preview")
        self.rows.setHeaderLabels([self.tr("Row"), self.tr("Estate"), self.tr("Building"), self.tr("Entrance"),
                                   self.tr("Room"), self.tr("Name"), self.tr("Phones"), self.tr("Role"),
                                   self.tr("Name from"), self.tr("New unit")])
        self.rows.setRootIsDecorated(False)
        for col, width in enumerate((40, 70, 50, 50, 50, 70, 170, 40, 90, 40)):
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
        second.addWidget(QLabel(self.tr("Names from")))
        second.addWidget(self.owners_choice)
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
        self.owners_choice.blockSignals(True)
        self.owners_choice.clear()
        self.owners_choice.addItem(self.tr("as found"), None)
        for info in roster.sheets:
            self.owners_choice.addItem(info.sheet, info.sheet)
        self.owners_choice.setCurrentIndex(max(self.owners_choice.findData(
            roster.owners.sheet if roster.owners else None), 0))
        self.owners_choice.blockSignals(False)
        combo = self.sheet_choice
        combo.blockSignals(True)
        combo.clear()
        asked = importing.asks_for_sheet(roster)
        if asked:
            combo.addItem(self.tr("- choose -"), None)
        for titles in roster.choices():  # the sheets found alike first (read together), then each
            text = titles[0] if len(titles) == 1 else self.tr("{sheets} (read together)").format(
                sheets="、".join(titles))
            combo.addItem(text, SEP.join(titles))
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        current = None if asked else SEP.join(p.sheet for p in roster.parts)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        self.propose()

    def sheet_changed(self) -> None:
        """Another sheet chosen: already read, nothing is reread; the rule of the services
        finds the names sheet and the link again for it."""
        if self.roster is None:
            return
        main, owners = self.sheet_choice.currentData(), self.owners_choice.currentData()
        if self.sender() is self.sheet_choice:
            owners = None  # found again for the sheet chosen
        if main is None:
            return  # "- choose -": the question stays shown
        self.roster = importing.arrange(self.roster.path, self.roster.sheets, main.split(SEP), owners)
        self.owners_choice.blockSignals(True)
        found = self.roster.owners.sheet if self.roster.owners else None
        self.owners_choice.setCurrentIndex(max(self.owners_choice.findData(found), 0))
        self.owners_choice.blockSignals(False)
        self.propose()

    def propose(self) -> None:
        roster = self.roster
        info = roster.main
        self.headers = info.headers
        self.sheet.setText("\n".join(roster.describe()))
        self.sheet_choice.setToolTip(self.sheet_choice.currentText())
        if len(roster.parts) > 1:  # the columns shown are the first sheet's
            self.mapping_box.setTitle(self.tr("Columns of \"{sheet}\" (the other sheets: the same headers)").format(
                sheet=info.sheet))
        else:
            self.mapping_box.setTitle(self.tr("Which column holds what (proposed from the header; change if wrong)"))
        columns = [(i, f"{_letter(i)}: {h or '—'}") for i, h in enumerate(info.headers)]
        owners = roster.owners
        proposed = roster.proposed
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            if owners is not None and name in FROM_OWNERS:
                # joined: the owners sheet gives it (shown, not chosen here)
                col = owners.proposed.get(name)
                combo.addItem(self.tr("from \"{sheet}\" {column}").format(
                    sheet=owners.sheet, column=f"{_letter(col)}: {owners.header(col)}")
                    if col is not None else self.tr("- not in \"{sheet}\" -").format(sheet=owners.sheet), None)
                combo.setEnabled(False)
                combo.setToolTip(combo.itemText(0))
            else:
                combo.addItem(self.tr("- not in the file -"), None)
                for i, text in columns:
                    combo.addItem(text, i)
                combo.setCurrentIndex(max(combo.findData(proposed.get(name)), 0))
                combo.setEnabled(True)
                combo.setToolTip("")
            combo.blockSignals(False)
        self.rows.setColumnHidden(8, owners is None)
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
            self.new_units.setVisible(False)
            self.create_units.setVisible(False)
            return
        yes = self.tr("new")
        for row in preview.rows:
            role = OwnerRole(row.role).label() if row.role else ""
            place = row.place
            item = QTreeWidgetItem([
                row.where, place.estate, place.building, place.entrance, place.room, row.name,
                "、".join(p for p, _d in row.phones), role, row.source, yes if row.new_unit else ""])
            for col in (5, 6):  # a long name or several phones: whole in the tooltip
                item.setToolTip(col, item.text(col))
            self.rows.addTopLevelItem(item)
        for number, unit in preview.new_lines:
            where = number.where() if isinstance(number, importing.SheetRow) else str(number)
            self.new_units.addTopLevelItem(QTreeWidgetItem([where, unit]))
        for line in preview.rejected:
            sheet = getattr(line, "sheet", "")
            item = QTreeWidgetItem([f"{sheet} {line[0]}".strip(), line[1]])
            item.setToolTip(1, line[1])
            self.rejected.addTopLevelItem(item)
        for tree, widest in ((self.rows, 140), (self.rejected, 140), (self.new_units, 140)):
            tree.resizeColumnToContents(0)  # "阳光花园3栋 12": the sheet and the row
            tree.setColumnWidth(0, min(max(tree.columnWidth(0), 40), widest))
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
