"""Every screen and dialog, as each role sees it at 1366x768 and 1024x768: no Alt+letter key is
offered twice on one screen, and no widget is drawn outside its window."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from propdesk.services.cases import complaints, workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput
from propdesk.models.tables import Category
from propdesk.ui.main_window import MainWindow
from tests.ui.walk import drawn_outside, duplicate_mnemonics, stray_windows

SIZES = [(1366, 740), (1024, 740)]


def _case(office):
    cat = Category.select().first()
    return complaints.create(office["clerk"], ComplaintInput(
        channel="phone", phone="13800138000", complainant="张伟", unit="3栋2单元1201",
        description="楼上漏水", category_id=cat.id, severity="minor"))


def _order(office):
    wo = workorders.create(office["clerk"], RepairInput(
        phone="13800138000", contact_name="张伟", unit="3栋2单元1201", description="水龙头漏水"))
    workorders.assign(office["clerk"], wo.id, office["technician"].id, dt.datetime.now())
    return wo


def check(window, where: str, problems: list) -> None:
    for key, places in duplicate_mnemonics(window).items():
        problems.append(f"{where}: Alt+{key.upper()} is {' and '.join(places)}")
    for line in drawn_outside(window):
        problems.append(f"{where}: {line}")


def walk_tabs(tabs, window, where, problems, screen=None):
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        QApplication.processEvents()
        check(window, f"{where} / {tabs.tabText(i)}", problems)
        if screen is not None:
            fits(window, f"{where} / {tabs.tabText(i)}", screen, problems)


def fits(window, where: str, screen, problems: list) -> None:
    """A window larger than the screen cannot be used (its edge, its buttons are off screen)."""
    frame = window.frameGeometry()
    if window.width() > screen[0] or window.height() > screen[1]:
        problems.append(f"{where}: {window.width()}x{window.height()} does not fit a {screen[0]}x{screen[1]} "
                        f"screen (frame {frame.width()}x{frame.height()})")


@pytest.mark.parametrize("role", ["clerk", "supervisor", "admin", "technician"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_window_every_tab(qtbot, office, role, size):
    _case(office)
    _order(office)
    window = MainWindow(office[role])
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    problems = []
    walk_tabs(window.tabs, window, f"{role} {size}", problems, screen=size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dialogs(qtbot, office, size):
    from propdesk.ui.case_view import CaseView
    from propdesk.ui.export_dialog import ExportDialog
    from propdesk.ui.login import FirstRunDialog, LoginDialog
    from propdesk.ui.session import LockDialog
    from propdesk.ui.setup import SetupDialog
    from propdesk.ui.weekly_dialog import WeeklyReportDialog
    from propdesk.ui.workorder_tab import WorkOrderView

    case = _case(office)
    wo = _order(office)
    problems = []
    dialogs = [
        ("sign-in", lambda: LoginDialog()),
        ("first start", lambda: FirstRunDialog()),
        ("lock", lambda: LockDialog(office["clerk"])),
        ("case view", lambda: CaseView(office["supervisor"], case.id)),
        ("work order", lambda: WorkOrderView(office["clerk"], wo.id)),
        ("export", lambda: ExportDialog(staff=office["clerk"])),
        ("weekly", lambda: WeeklyReportDialog(office["supervisor"])),
    ]
    for name, make in dialogs:
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1]))
        dialog.show()
        QApplication.processEvents()
        check(dialog, name, problems)
        fits(dialog, name, size, problems)
        dialog.close()
    setup = SetupDialog(office["admin"])
    qtbot.addWidget(setup)
    setup.resize(min(setup.width(), size[0]), min(setup.height(), size[1]))
    setup.show()
    walk_tabs(setup.tabs, setup, "office setup", problems, screen=size)
    setup.close()
    QApplication.processEvents()
    assert not problems, "\n".join(problems)
    assert stray_windows(set()) == []  # nothing stays on screen after the dialogs close


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_related_panels_shown(qtbot, office, size):
    """Intake's and the repair form's panels of what is known about the unit (open cases, an
    incident over it), as they look with something in them."""
    from propdesk.models.tables import Building
    from propdesk.services.cases import incidents
    from tests.ui.keyboard import type_text

    _case(office)
    _order(office)
    incidents.declare(office["clerk"], "water", "3栋停水", building_ids=[Building.get(Building.name == "3栋").id])
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    problems = []
    for tab, form in ((window.tabs.widget(1), window.intake), (window.work_orders, window.work_orders.form)):
        window.tabs.setCurrentWidget(tab)
        form.unit.setFocus()
        type_text(qtbot, form.unit, "3栋2单元1201")
        qtbot.waitUntil(form.related.isVisible)
        QApplication.processEvents()
        check(window, f"{size} {window.tabs.tabText(window.tabs.currentIndex())} with the panel", problems)
    assert not problems, "\n".join(problems)


def test_english_at_1024_fits(qtbot, office, qapp):
    """English words are longer: the windows must still fit a 1024x768 screen (the office-setup
    dialog was 1045 px wide in English once the Chinese one fitted)."""
    from propdesk.ui import translation
    from propdesk.ui.setup import SetupDialog

    size = (1024, 740)
    translation.install(qapp, "en")
    try:
        _case(office)
        _order(office)
        problems = []
        window = MainWindow(office["supervisor"])
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        walk_tabs(window.tabs, window, "supervisor en", problems, screen=size)
        setup = SetupDialog(office["admin"])
        qtbot.addWidget(setup)
        setup.resize(min(setup.width(), size[0]), min(setup.height(), size[1]))
        setup.show()
        walk_tabs(setup.tabs, setup, "office setup en", problems, screen=size)
        setup.close()
        assert not problems, "\n".join(problems)
    finally:
        translation.install(qapp, "zh_CN")
