"""Settings -> Office setup: the office configures itself, one tab per area. Administrators
change it; supervisors open it read-only."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout

from propdesk.services.setup import office
from propdesk.ui.setup.calendar_tab import CalendarTab
from propdesk.ui.setup.common import read_only_note
from propdesk.ui.setup.deadlines_tab import DeadlinesTab
from propdesk.ui.setup.lists_tab import ListsTab
from propdesk.ui.setup.prices_tab import PricesTab
from propdesk.ui.setup.profile_tab import ProfileTab
from propdesk.ui.setup.staff_tab import StaffTab
from propdesk.ui.setup.structure_tab import StructureTab
from propdesk.ui.widgets import STYLE, fit_to_screen


class SetupDialog(QDialog):
    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.editable = office.can_edit(staff)
        self.setWindowTitle(self.tr("Office setup"))
        self.setStyleSheet(STYLE + "QTableWidget::item { padding: 0 8px; }")
        fit_to_screen(self, 1360, 860)  # a 1366x768 laptop gets a dialog that fits
        self.tabs = QTabWidget(objectName="setup_tabs")
        self.profile = ProfileTab(staff, self.editable)
        self.staff_tab = StaffTab(staff, self.editable)
        self.lists = ListsTab(staff, self.editable)
        self.deadlines = DeadlinesTab(staff, self.editable)
        self.calendar = CalendarTab(staff, self.editable)
        self.structure = StructureTab(staff, self.editable)
        self.prices = PricesTab(staff, self.editable)
        self.tabs.addTab(self.profile, self.tr("Profile (&1)"))
        self.tabs.addTab(self.staff_tab, self.tr("Staff (&2)"))
        self.tabs.addTab(self.lists, self.tr("Departments and categories (&3)"))
        self.tabs.addTab(self.deadlines, self.tr("Deadlines (&4)"))
        self.tabs.addTab(self.calendar, self.tr("Working calendar (&5)"))
        self.tabs.addTab(self.structure, self.tr("Estates and buildings (&6)"))
        self.tabs.addTab(self.prices, self.tr("Price list (&7)"))
        self.structure.estates.changed.connect(self.profile.refresh)
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(read_only_note())
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
