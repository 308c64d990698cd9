"""Owners' names with CJK Extension B characters (王𠮷祥, 𡈽) are drawn in the window, not as
boxes: the screen font (WenQuanYi Micro Hei) lacks them, so the Hanazono subsets the PDFs fall
back to are loaded into Qt once the main window is drawn (ui.fonts.add_rare_character_fonts)."""
import datetime as dt

from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QLabel

from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import RepairInput
from propdesk.ui import fonts
from propdesk.ui.main_window import MainWindow

RARE = "王𠮷祥"
NO_FONT_HAS_IT = "\U000F0000"  # a private-use character: drawn as the missing-glyph box


def _drawn(qtbot, text: str, font) -> QImage:
    label = QLabel(text)
    qtbot.addWidget(label)
    label.setFont(font)
    label.resize(120, 40)
    return label.grab().toImage()


def test_a_rare_character_in_the_technicians_window_is_drawn_not_boxed(qtbot, office):
    now = dt.datetime.now().replace(second=0, microsecond=0)
    order = workorders.create(office["clerk"], RepairInput(
        received_at=now - dt.timedelta(hours=1), phone="13800138000", contact_name=RARE,
        unit="3栋2单元1201", description="𡈽字门牌，厨房水龙头漏水"), at=now)
    workorders.assign(office["clerk"], order.id, office["technician"].id, now + dt.timedelta(hours=1), at=now)
    window = MainWindow(office["technician"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    table, detail = window.my_jobs.table, window.my_jobs.detail
    qtbot.waitUntil(lambda: table.rowCount() == 1)  # (read on a worker)
    assert table.item(0, 3).text() == RARE and RARE in detail.text()
    # once the window is drawn, the fonts of its widgets (under the window's style sheet) have
    # the shipped fonts behind them for what they lack
    qtbot.waitUntil(lambda: QFontMetrics(table.font()).inFontUcs4(ord("𠮷")))
    assert QFontMetrics(table.font()).inFontUcs4(ord("𡈽"))
    assert QFontMetrics(detail.font()).inFontUcs4(ord("𠮷"))
    # and the glyphs are drawn: not the box a character no font has is drawn as
    assert _drawn(qtbot, "𠮷", table.font()) != _drawn(qtbot, NO_FONT_HAS_IT, table.font())
    assert _drawn(qtbot, "𡈽", table.font()) != _drawn(qtbot, NO_FONT_HAS_IT, table.font())
    # the job's details (rich text, laid out before the window was drawn) are laid out again:
    # the pane shows what it would show if its text were set now
    shown = detail.grab().toImage()
    detail.setText(detail.text() + " ")
    detail.setText(detail.text()[:-1])
    assert detail.grab().toImage() == shown


def test_the_shipped_fonts_come_after_a_systems_own_and_are_loaded_once(qtbot):
    shipped = ["HanaMinA", "HanaMinB"]
    assert fonts.fallback_families(shipped, lambda family: False) == shipped
    # Windows: SimSun (Extension A) and SimSun-ExtB drew these before, and still do
    assert fonts.fallback_families(shipped, {"SimSun-ExtB"}.__contains__) == ["SimSun-ExtB", *shipped]
    assert fonts.fallback_families(shipped, {"SimSun", "SimSun-ExtB"}.__contains__) == [
        "SimSun", "SimSun-ExtB", *shipped]
    families = fonts.add_rare_character_fonts()
    assert families[-2:] == shipped
    assert fonts.add_rare_character_fonts() == families
