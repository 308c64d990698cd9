"""Every screen of PropDesk as the office sees it, saved as PNG, in Chinese and English.

    for size in 1366x768 1024x768; do
        xvfb-run -a -s "-screen 0 ${size}x24" .venv/bin/python tools/screenshots.py OUT_DIR
    done
    .venv/bin/python tools/screenshots.py --docs OUT_DIR   # copy the 1366x768 Chinese set to docs/screenshots

Each run renders at the X screen's size into ``OUT_DIR/<lang>-<width>x<height>/<screen>.png``:
every tab of the clerk's, supervisor's and technician's windows, the office setup's tabs, the
case and work-order views, the sign-in, lock, export, weekly-report, audit-log and print-preview
dialogs.
A throw-away database holds the demo office. Look at each picture before calling a screen done.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "screenshots"
# the screens the README shows (1366x768, Chinese): docs name -> screen name
README_SET = {"intake_zh_CN": "clerk-intake", "list_zh_CN": "clerk-complaints",
              "work_orders_zh_CN": "clerk-work-orders", "callbacks_zh_CN": "clerk-callbacks",
              "dashboard_zh_CN": "supervisor-dashboard", "case_zh_CN": "case-view",
              "login_zh_CN": "login"}


def copy_docs(out: Path) -> None:
    source = out / "zh_CN-1366x768"
    DOCS.mkdir(parents=True, exist_ok=True)
    for png in sorted(source.glob("*.png")):
        shutil.copyfile(png, DOCS / png.name)
    for docs_name, screen in README_SET.items():
        if (source / f"{screen}.png").exists():
            shutil.copyfile(source / f"{screen}.png", DOCS / f"{docs_name}.png")
    print(f"docs/screenshots: {len(list(source.glob('*.png')))} screens from {source}")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "/tmp/propdesk-screens")
    if "--docs" in sys.argv:
        copy_docs(out)
        return 0
    home = tempfile.mkdtemp(prefix="propdesk-shots-")
    os.environ["PROPDESK_HOME"] = home
    from PySide6.QtWidgets import QApplication

    from propdesk.demo import office as demo
    from propdesk.models import init_db

    init_db(os.path.join(home, "shots.db"))
    demo.create_demo_office(n_complaints=300, seed=7)
    app = QApplication(sys.argv)
    from propdesk.ui.fonts import ensure_chinese_font

    ensure_chinese_font(app)
    size = app.primaryScreen().availableGeometry().size()
    for lang in ("zh_CN", "en"):
        folder = out / f"{lang}-{size.width()}x{size.height()}"
        folder.mkdir(parents=True, exist_ok=True)
        shoot(app, lang, size, folder)
        print(f"screens in {folder}")
    return 0


def shoot(app, lang: str, size, folder: Path) -> None:
    from propdesk.models.tables import Complaint, WorkOrder
    from propdesk.services.core import accounts
    from propdesk.ui import translation
    from propdesk.ui.case_view import CaseView
    from propdesk.ui.export_dialog import ExportDialog
    from propdesk.ui.login import LoginDialog
    from propdesk.ui.main_window import MainWindow
    from propdesk.ui.session import LockDialog
    from propdesk.ui.setup import SetupDialog
    from propdesk.ui.weekly_dialog import WeeklyReportDialog
    from propdesk.ui.workorder_tab import WorkOrderView

    translation.install(app, lang)

    def save(widget, name: str) -> None:
        from PySide6.QtCore import QThreadPool

        app.processEvents()
        QThreadPool.globalInstance().waitForDone()  # counts read off the GUI thread are shown
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()  # and laid out (the status bar sizes its buttons to the new text)
        QTimer.singleShot(150, loop.quit)
        loop.exec()
        widget.grab().save(str(folder / f"{name}.png"))

    def full(widget):
        widget.resize(size)
        widget.show()
        return widget

    login = LoginDialog()
    login.username.setText("kefu")
    login.password.setText("kefu123")
    login.show()
    save(login, "login")
    login.close()

    clerk = accounts.authenticate("kefu", "kefu123")
    window = full(MainWindow(clerk))
    form = window.intake
    # a caller whose unit already has a case: the look-up fills the form, the panel shows it
    known = (Complaint.select().where(Complaint.unit.is_null(False) & (Complaint.phone != ""))
             .order_by(Complaint.received_at.desc()).first())
    form.phone.setText(known.phone)
    form.caller.lookup_phone()
    form.caller.phone_suggestions.hide()
    form.unit.setText(known.unit.label)
    form.caller.unit_entered()
    form.description.setText("楼上卫生间漏水，天花板渗水严重，墙面起皮")
    form.location.setText("主卧卫生间")
    form.customer_request.setText("尽快上门查看维修，并赔偿吊顶损失")
    form.severity.setCurrentIndex(2)
    form.category.setCurrentIndex(1)
    form._show_related()
    # the repair form for the same unit: its open cases and orders, an incident over it
    repair = window.work_orders.form
    repair.phone.setText(known.phone)
    repair.unit.setText(known.unit.label)
    repair.description.setText("厨房水槽下水管漏水")
    repair._show_related()
    for name, tab in (("clerk-dashboard", window.dashboard), ("clerk-intake", None),
                      ("clerk-complaints", window.complaints), ("clerk-work-orders", window.work_orders),
                      ("clerk-callbacks", window.callbacks), ("clerk-incidents", window.incidents)):
        if tab is None:
            window.tabs.setCurrentIndex(1)
        else:
            window.tabs.setCurrentWidget(tab)
        save(window, name)

    lock = LockDialog(clerk, window)
    lock.show()
    save(lock, "lock")
    lock.close()

    case_id = window.complaints.model.complaint_id(0)
    case = CaseView(clerk, case_id, window)
    case.resize(min(case.width(), size.width()), min(case.height(), size.height() - 40))
    case.show()
    save(case, "case-view")
    case.print_forms()
    preview = case.preview
    preview.resize(min(1000, size.width()), size.height() - 40)
    save(preview, "print-preview")
    preview.close()
    case.close()

    wo = WorkOrder.select().where(WorkOrder.status == "checked").first() or WorkOrder.select().first()
    view = WorkOrderView(clerk, wo.id, window)
    view.show()
    save(view, "work-order-view")
    view.close()

    export = ExportDialog(parent=window, staff=clerk)
    export.show()
    save(export, "export")
    export.close()
    window.close()

    supervisor = full(MainWindow(accounts.authenticate("zhuguan", "zhuguan123")))
    supervisor.tabs.setCurrentWidget(supervisor.dashboard)
    save(supervisor, "supervisor-dashboard")
    supervisor.tabs.setCurrentWidget(supervisor.work_orders)
    save(supervisor, "supervisor-work-orders")
    weekly = WeeklyReportDialog(supervisor.staff, supervisor)
    weekly.show()
    save(weekly, "weekly-report")
    weekly.close()
    from propdesk.ui.audit_viewer import AuditViewer

    log = AuditViewer(supervisor.staff, supervisor)
    log.show()
    while log.model.loading:  # its rows are read on the lists' worker
        app.processEvents()
    save(log, "audit-log")
    log.close()
    supervisor.close()

    admin = accounts.authenticate("admin", "admin123")
    setup = SetupDialog(admin)
    setup.show()
    for i in range(setup.tabs.count()):
        setup.tabs.setCurrentIndex(i)
        save(setup, f"setup-{i + 1}")
    setup.close()

    technician = full(MainWindow(accounts.authenticate("weixiu", "weixiu123")))
    save(technician, "technician-my-jobs")
    technician.close()


if __name__ == "__main__":
    sys.exit(main())
