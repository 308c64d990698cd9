"""The paid-service price list (有偿服务收费标准) that work orders charge from."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from propdesk.services.setup import office_lists
from propdesk.ui.setup.common import ListEditor, status_text


class PriceEditor(ListEditor):
    right_aligned = (2,)
    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Price item"), parent)

    def headers(self):
        return [self.tr("Service"), self.tr("Charged per"), self.tr("Price (yuan)"), self.tr("Status")]

    def build_form(self):
        self.name = self.add_field("price_item_name", self.tr("Ser&vice"), QLineEdit())
        self.unit_name = self.add_field("price_unit", self.tr("&Charged per"), QLineEdit())
        self.unit_name.setPlaceholderText(self.tr("e.g. 次, 个, 米, 小时"))
        self.unit_name.installEventFilter(self)
        self.price = self.add_field("price", self.tr("&Price (yuan)"), QLineEdit())
        self.price.setPlaceholderText("50.00")
        self.active = self.add_field("active", self.tr("In use"), QCheckBox(self.tr("&In use")))

    def eventFilter(self, obj, event):  # noqa: N802
        # entering the unit (by Tab or a click) selects it, so typing 个 gives 个, not 次个
        if obj is self.unit_name and event.type() == QEvent.FocusIn:
            QTimer.singleShot(0, self.unit_name.selectAll)
        return super().eventFilter(obj, event)

    def rows(self):
        return office_lists.price_items()

    def cells(self, row):
        return [row.name, row.unit_name, f"{row.price:.2f}", status_text(row.active)], row.active

    def load(self, row):
        self.name.setText(row.name if row else "")
        self.unit_name.setText(row.unit_name if row else "次")  # the usual unit, selected when the field is entered
        self.price.setText(f"{row.price:.2f}" if row else "")
        self.active.setChecked(row.active if row else True)

    def save(self, row_id):
        return office_lists.save_price_item(self.staff, row_id, self.name.text(),
                                            self.unit_name.text(), self.price.text(),
                                            self.active.isChecked())


class PricesTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.editor = PriceEditor(staff, editable)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The standard prices of paid services. A work order charges from "
                               "this list, or from a quote a supervisor approves. A price change "
                               "applies to jobs completed from now on."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
