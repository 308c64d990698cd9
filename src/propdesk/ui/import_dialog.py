"""导入业主档案: the owner roster from Excel. The columns found are proposed; the clerk confirms
or changes them, sees the first lines as they will be stored and every line that will be
rejected (with the reason), then imports in one transaction."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.enums import OwnerRole
from propdesk.services.register import importing
from propdesk.ui.export_dialog import documents_dir

FIELDS = ("unit", "building", "entrance", "room", "name", "phone", "phone_2", "phone_3", "role", "area", "note")


class ImportDialog(QDialog):
    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.path: Path | None = None
        self.headers: list[str] = []
        self.report = None
        self.setWindowTitle(self.tr("Import the owner roster"))
        self.setMinimumSize(900, 640)
        self.file = QLineEdit(objectName="file")
        self.file.setReadOnly(True)
        choose = QPushButton(self.tr("&Choose the workbook…"))
        choose.clicked.connect(self.choose)
        self.estate = QLineEdit(objectName="estate")
        self.estate.setPlaceholderText(self.tr("default: the first estate"))
        self.sheet = QLabel(objectName="sheet")
        self.combos: dict[str, QComboBox] = {}
        mapping_box = QGroupBox(self.tr("Which column holds what (proposed from the header; change if wrong)"))
        grid = QFormLayout(mapping_box)
        for name in FIELDS:
            combo = QComboBox(objectName=f"map_{name}")
            combo.currentIndexChanged.connect(self.show_preview)
            self.combos[name] = combo
            grid.addRow(importing.field_label(name), combo)
        self.rows = QTreeWidget(objectName="preview")
        self.rows.setHeaderLabels([self.tr("Row"), self.tr("Unit"), self.tr("Name"), self.tr("Phones"), self.tr("Role")])
        self.rows.setRootIsDecorated(False)
        self.rejected = QTreeWidget(objectName="rejected")
        self.rejected.setHeaderLabels([self.tr("Row"), self.tr("Why it is rejected")])
        self.rejected.setRootIsDecorated(False)
        self.rejected.setColumnWidth(0, 60)
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
        top.addWidget(QLabel(self.tr("Estate")))
        top.addWidget(self.estate)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("The first lines as they will be stored")))
        right.addWidget(self.rows, 3)
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
        layout.addWidget(self.sheet)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), str(documents_dir()),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read the workbook and propose the columns."""
        try:
            info = importing.read_workbook(path)
        except RuleError as err:
            QMessageBox.warning(self, self.windowTitle(), err.text())
            return
        self.path, self.headers = path, info.headers
        self.file.setText(str(path))
        self.sheet.setText(self.tr("Sheet \"{sheet}\", header on row {row}, {n} lines below it.").format(
            sheet=info.sheet, row=info.header_row or "—", n=len(info.rows)))
        proposed = importing.propose_mapping(info.headers)
        columns = [(i, f"{chr(65 + i) if i < 26 else i + 1}: {h or '—'}") for i, h in enumerate(info.headers)]
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("- not in the file -"), None)
            for i, text in columns:
                combo.addItem(text, i)
            combo.setCurrentIndex(max(combo.findData(proposed.get(name)), 0))
            combo.blockSignals(False)
        self.show_preview()

    def mapping(self) -> dict[str, int]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData() is not None}

    def show_preview(self) -> None:
        if self.path is None:
            return
        self.rows.clear()
        self.rejected.clear()
        try:
            preview = importing.preview(self.path, self.mapping(), estate=self.estate.text() or None)
        except RuleError as err:
            self.summary.setText(err.text())
            self.import_button.setEnabled(False)
            return
        for row in preview.rows:
            role = OwnerRole(row.role).label() if row.role else ""
            self.rows.addTopLevelItem(QTreeWidgetItem([str(row.row), row.unit_label, row.name,
                                                       "、".join(p for p, _d in row.phones), role]))
        for number, reason in preview.rejected:
            self.rejected.addTopLevelItem(QTreeWidgetItem([str(number), reason]))
        self.summary.setText(self.tr("{n} lines will be imported, {r} rejected. Importing again later "
                                     "updates the same owners; nobody is added twice.").format(
            n=preview.total, r=len(preview.rejected)))
        self.import_button.setEnabled(preview.total > 0)

    def do_import(self) -> None:
        try:
            self.report = importing.import_owners(self.staff, self.path, self.mapping(),
                                                  estate=self.estate.text() or None)
        except RuleError as err:
            QMessageBox.warning(self, self.windowTitle(), err.text())
            return
        text = "\n".join([self.report.summary(), *self.report.rejected_lines()[:30]])
        QMessageBox.information(self, self.windowTitle(), text)
        self.accept()
