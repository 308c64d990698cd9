"""Screens of PropDesk as a clerk sees them, saved as PNG (for the README and for review).

    xvfb-run -a python tools/screenshots.py [OUT_DIR] [--lang en]

Uses a throw-away database with the demo office (services.demo) when it is available.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "docs/screenshots"))
    lang = "en" if "--lang" in sys.argv and sys.argv[-1] == "en" else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="propdesk-shots-")
    os.environ["PROPDESK_HOME"] = home
    from PySide6.QtWidgets import QApplication

    from propdesk.models import init_db
    from propdesk.services.core import accounts
    from propdesk.demo import office as demo
    from propdesk.ui import translation
    from propdesk.ui.case_view import CaseView
    from propdesk.ui.login import LoginDialog
    from propdesk.ui.main_window import MainWindow

    init_db(os.path.join(home, "shots.db"))
    demo.create_demo_office(n_complaints=300, seed=7)
    app = QApplication(sys.argv)
    translation.install(app, lang)
    staff = accounts.authenticate("kefu", "kefu123")

    login = LoginDialog()
    login.username.setText("kefu")
    login.password.setText("kefu123")
    login.show()
    app.processEvents()
    login.grab().save(str(out / f"login_{lang}.png"))

    screen = app.primaryScreen().availableGeometry().size()  # no window manager under Xvfb
    window = MainWindow(staff)
    window.resize(screen)
    window.show()
    form = window.intake
    # a caller whose unit already has a case: the look-up fills the form, the panel shows it
    from propdesk.models.tables import Complaint

    known = (Complaint.select().where(Complaint.unit.is_null(False) & (Complaint.phone != ""))
             .order_by(Complaint.received_at.desc()).first())
    form.phone.setText(known.phone)
    form.caller.lookup_phone()
    form.unit.setText(known.unit.label)
    form.caller.unit_entered()
    form.description.setText("楼上卫生间漏水，天花板渗水严重，墙面起皮")
    form.location.setText("主卧卫生间")
    form.customer_request.setText("尽快上门查看维修，并赔偿吊顶损失")
    form.severity.setCurrentIndex(2)
    form.category.setCurrentIndex(1)
    form._show_related()
    app.processEvents()
    window.grab().save(str(out / f"intake_{lang}.png"))

    window.tabs.setCurrentWidget(window.complaints)
    app.processEvents()
    window.grab().save(str(out / f"list_{lang}.png"))

    window.tabs.setCurrentWidget(window.work_orders)
    app.processEvents()
    window.grab().save(str(out / f"work_orders_{lang}.png"))
    window.tabs.setCurrentWidget(window.callbacks)
    app.processEvents()
    window.grab().save(str(out / f"callbacks_{lang}.png"))

    supervisor = MainWindow(accounts.authenticate("zhuguan", "zhuguan123"))
    supervisor.resize(screen)
    supervisor.show()
    app.processEvents()
    supervisor.grab().save(str(out / f"dashboard_{lang}.png"))
    supervisor.close()

    first = window.complaints.model.complaint_id(0)
    case = CaseView(staff, first, window)
    case.show()
    app.processEvents()
    case.grab().save(str(out / f"case_{lang}.png"))
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
