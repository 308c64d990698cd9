"""Departments and complaint categories: names, order, in use, and the department each
category usually goes to (intake suggests it)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from propdesk.services.setup import office_lists
from propdesk.ui.setup.common import ListEditor, status_text
from propdesk.ui.widgets import fill_combo, select_data


class DepartmentEditor(ListEditor):
    movable = True

    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Department"), parent)

    def headers(self):
        return [self.tr("Department"), self.tr("Status")]

    def build_form(self):
        self.name = self.add_field("department_name", self.tr("Na&me"), QLineEdit())
        self.active = self.add_field("department_active", self.tr("In use"), QCheckBox(self.tr("&In use")))

    def rows(self):
        return office_lists.departments()

    def cells(self, row):
        return [row.name, status_text(row.active)], row.active

    def load(self, row):
        self.name.setText(row.name if row else "")
        self.active.setChecked(row.active if row else True)

    def save(self, row_id):
        return office_lists.save_department(self.staff, row_id, self.name.text(),
                                            active=self.active.isChecked())

    def move(self, row_id, delta):
        office_lists.move(self.staff, "department", row_id, delta)


class CategoryEditor(ListEditor):
    movable = True
    button_keys = False  # beside the departments' editor, which has the Alt keys

    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Category"), parent)

    def headers(self):
        return [self.tr("Category"), self.tr("Usual department"), self.tr("Status")]

    def build_form(self):
        self.name = self.add_field("category_name", self.tr("Categor&y name"), QLineEdit())
        self.department = self.add_field("department", self.tr("Usual &department"), QComboBox())
        self.active = self.add_field("category_active", self.tr("In use"), QCheckBox(self.tr("In use")))
        hint = QLabel(self.tr("Intake suggests this department when the category is chosen."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.extra.addWidget(hint)
        self.fill_departments()

    def fill_departments(self) -> None:
        current = self.department.currentData()
        fill_combo(self.department, [(d.id, d.name) for d in office_lists.departments(active_only=True)],
                   self.tr("- none -"))
        select_data(self.department, current)

    def rows(self):
        return office_lists.categories()

    def cells(self, row):
        dept = row.default_department.name if row.default_department_id else ""
        return [row.name, dept, status_text(row.active)], row.active

    def load(self, row):
        self.name.setText(row.name if row else "")
        self.department.setCurrentIndex(0)
        if row is not None and row.default_department_id:
            select_data(self.department, row.default_department_id)
        self.active.setChecked(row.active if row else True)

    def save(self, row_id):
        return office_lists.save_category(self.staff, row_id, self.name.text(),
                                          self.department.currentData(),
                                          active=self.active.isChecked())

    def move(self, row_id, delta):
        office_lists.move(self.staff, "category", row_id, delta)


class RepairCategoryEditor(ListEditor):
    """Repair categories (水电, 门窗, 管道疏通 ...): chosen at repair intake, counted weekly."""

    movable = True
    button_keys = False  # below the departments' editor, which has the Alt keys

    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Repair category"), parent)

    def headers(self):
        return [self.tr("Repair category"), self.tr("Status")]

    def build_form(self):
        self.name = self.add_field("repair_category_name", self.tr("N&ame"), QLineEdit())
        self.active = self.add_field("category_active", self.tr("In use"), QCheckBox(self.tr("In use")))

    def rows(self):
        return office_lists.repair_categories()

    def cells(self, row):
        return [row.name, status_text(row.active)], row.active

    def load(self, row):
        self.name.setText(row.name if row else "")
        self.active.setChecked(row.active if row else True)

    def save(self, row_id):
        return office_lists.save_repair_category(self.staff, row_id, self.name.text(),
                                                 active=self.active.isChecked())

    def move(self, row_id, delta):
        office_lists.move(self.staff, "repair_category", row_id, delta)


class ListsTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.departments = DepartmentEditor(staff, editable)
        self.categories = CategoryEditor(staff, editable)
        self.repair_categories = RepairCategoryEditor(staff, editable)
        self.departments.changed.connect(self._departments_changed)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Departments receive complaints; each category names the department "
                               "it usually goes to. Nothing is deleted: an entry no longer used is "
                               "set \"not in use\" and stays on old records."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.departments, 2)
        row.addWidget(self.categories, 3)
        layout.addLayout(row, 1)
        # Below, not beside: a third editor in the row would not fit a 1024-wide screen.
        repairs = QHBoxLayout()
        repairs.addWidget(self.repair_categories, 2)
        repairs.addStretch(3)
        layout.addLayout(repairs, 1)

    def _departments_changed(self) -> None:
        self.categories.fill_departments()
        self.categories.reload()
