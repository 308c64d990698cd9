"""The intake at 1024x768 (issue 21 leftovers): the form's scroll bar ends above the footer, so
Save no longer sits against it, and the unit's owner box is one line high while the unit has
no owner, growing with its owners (three, then it scrolls)."""
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from propdesk.ui.main_window import MainWindow


def window_at(qtbot, office, width, height):
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    return window


def test_the_scroll_bar_ends_above_the_footer(qtbot, office):
    window = window_at(qtbot, office, 1024, 600)  # short enough that the form scrolls
    area = window.tabs.currentWidget()
    bar, footer, save = area.scroll_area.verticalScrollBar(), area.footer, window.intake.save_button
    assert bar.isVisible() and bar.maximum() > 0
    bar_rect = QRect(bar.mapTo(area, QPoint(0, 0)), bar.size())
    footer_rect = QRect(footer.mapTo(area, QPoint(0, 0)), footer.size())
    save_rect = QRect(save.mapTo(area, QPoint(0, 0)), save.size())
    assert bar_rect.bottom() < footer_rect.top()  # the bar stops where the footer starts
    assert footer_rect.width() == area.width() and area.rect().contains(save_rect)
    assert not bar_rect.intersects(save_rect)


def test_the_owner_box_is_one_line_until_the_unit_has_owners(qtbot, office):
    window = window_at(qtbot, office, 1024, 768)
    form = window.intake
    box = form.contacts
    line = box.fontMetrics().height()
    assert box.count() == 0 and box.height() <= line + 4 + 2 * box.frameWidth()
    form.unit.setText("3栋2单元1201")  # 张伟 with two phones, 刘洋 with one
    form.caller.unit_entered()
    QApplication.processEvents()
    assert box.count() == 3 and box.height() >= 3 * box.sizeHintForRow(0)
    form.clear()
    QApplication.processEvents()
    assert box.count() == 0 and box.height() <= line + 4 + 2 * box.frameWidth()
