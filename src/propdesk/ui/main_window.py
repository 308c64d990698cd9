"""The main window: the working tabs, the signed-in person, and what is overdue."""
from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QLabel, QMainWindow, QMessageBox, QPushButton, QTabWidget, QVBoxLayout,
    QWidget,
)

from propdesk import __version__
from propdesk.enums import Role
from propdesk.services.core import accounts, calendar
from propdesk.errors import RuleError
from propdesk.services.core import file_check, settings
from propdesk.services.setup import access
from propdesk.ui.backup_dialogs import add_backup_actions
from propdesk.ui.form_area import FormArea
from propdesk.ui import fonts, lazy_qt, start_gc
from propdesk.ui.lazy_qt import Qt, set_shortcut
from propdesk.ui.widgets import STYLE
from propdesk.ui.worker import Background

# The working tabs in their order, each made when first shown (see MainWindow._tab): opening
# the window builds only the role's start tab, so start-up does not import and fill six tabs
TABS = ("dashboard", "intake", "complaints", "work_orders", "callbacks", "incidents")
WARM_UP = [("intake", "propdesk.ui.intake"), ("complaints", "propdesk.ui.complaint_list"),
           ("work_orders", "propdesk.ui.workorder_tab"), ("callbacks", "propdesk.ui.callback_tab"),
           ("incidents", "propdesk.ui.incident_tab"), ("dashboard", "propdesk.ui.dashboard"),
           ("", "propdesk.ui.case_view"), ("", "propdesk.ui.audit_viewer"),
           ("", "propdesk.services.setup.office_profile"),
           # what the intake form uses once something is typed or chosen
           ("", "propdesk.services.register.address"), ("", "propdesk.services.cases.sla")]
WARM_UP_AFTER_MS, WARM_UP_STEP_MS = 2000, 100


def _overdue_counts(reader) -> tuple[int, int]:
    """On the status bar's worker: overdue complaints and callbacks (the list modules are
    imported there, not before the window shows)."""
    from propdesk.services.cases import callbacks
    from propdesk.services.lists import search

    return (search.count(search.ComplaintFilter(overdue_only=True), reader=reader),
            callbacks.overdue_count(reader=reader))


def scrolling(widget: QWidget, footer: QWidget | None = None) -> FormArea:
    return FormArea(widget, footer)


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    lock_requested = Signal()
    closed = Signal()

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("PropDesk - {office}").format(office=settings.get("office_name")))
        # the usual size, but never larger than the screen (a 1366x768 laptop)
        screen = QApplication.primaryScreen().availableGeometry() if QApplication.primaryScreen() else None
        self.resize(min(1440, screen.width()) if screen else 1280, min(900, screen.height()) if screen else 860)
        self.tabs = QTabWidget(objectName="tabs")
        # done once the window is on screen (paintEvent): the database file's check, if due;
        # the fonts for rare characters in names (not at start: a bare window's start is the yardstick);
        # Python's collector as usual again (every role's window: start_gc)
        self._after_first_paint = [file_check.start, fonts.add_rare_character_fonts, start_gc.started]
        if staff.role == Role.TECHNICIAN.value:
            self._build_technician()
            return
        self._made: dict[str, QWidget] = {}  # the tabs built so far (key -> its widget)
        self._fresh: set[str] = set()  # built in this turn of the event loop: rows just read
        self._swapping = False
        titles = {"dashboard": self.tr("Dashboard (&0)"), "intake": self.tr("Complaint intake (&1)"),
                  "complaints": self.tr("Complaints (&2)"), "work_orders": self.tr("Work orders (&3)"),
                  "callbacks": self.tr("Callbacks (&4)"), "incidents": self.tr("Incidents (&5)")}
        for key in TABS:
            self.tabs.addTab(QWidget(objectName=f"unbuilt_{key}"), titles[key])
        # a supervisor starts on what is due; a clerk on the intake form
        start = "dashboard" if staff.role in ("supervisor", "admin") else "intake"
        self._tab(start)
        self.tabs.setCurrentIndex(TABS.index(start))
        self.tabs.currentChanged.connect(self._tab_changed)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        self.banner = QLabel(objectName="calendar_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px; border: 1px solid #ffe69c;")
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._status_bar()
        self._menus()
        self._show_calendar_banner()
        # the overdue counts read every open case: counted on another thread (70 ms at a million),
        # started once the window is drawn (a timer posted now fired before the first paint, and
        # the worker's imports and queries took turns with it for the interpreter)
        self._overdue_counter = Background(self._show_overdue, self)
        self._after_first_paint.insert(0, self.update_overdue)
        self._after_first_paint.append(lazy_qt.build_namespace)
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self.update_overdue)
        self._clock.start()
        # the other tabs' modules are imported a while after the window shows, one per turn of
        # the event loop (each a few ms to tens of ms), so that a tab's first showing only builds
        self._to_import = [m for k, m in WARM_UP if k != start]
        QTimer.singleShot(WARM_UP_AFTER_MS, self._warm_up)
        self._focus_tab()  # the cursor where the start tab's work starts, before the first key

    def paintEvent(self, event):  # noqa: N802 - Qt's method name
        super().paintEvent(event)
        if self._after_first_paint:  # the window is on screen: what was kept for this moment
            for then in self._after_first_paint:
                QTimer.singleShot(0, self, then)
            self._after_first_paint = []

    def _warm_up(self) -> None:
        if not self._to_import:
            return
        importlib.import_module(self._to_import.pop(0))
        QTimer.singleShot(WARM_UP_STEP_MS, self._warm_up)

    # --- the tabs, each built when first needed --------------------------------------------
    @property
    def dashboard(self):
        return self._tab("dashboard")

    @property
    def intake(self):
        return self._tab("intake")

    @property
    def complaints(self):
        return self._tab("complaints")

    @property
    def work_orders(self):
        return self._tab("work_orders")

    @property
    def callbacks(self):
        return self._tab("callbacks")

    @property
    def incidents(self):
        return self._tab("incidents")

    def built(self, key: str) -> QWidget | None:
        """The tab's widget if it was built already (never builds it)."""
        return self._made.get(key)

    def _tab(self, key: str) -> QWidget:
        """The tab's widget, built (its module imported, its first page read) and put in place
        of the empty page it had until now."""
        widget = self._made.get(key)
        if widget is not None:
            return widget
        page = widget = self._make(key)
        self._made[key] = widget
        self._fresh.add(key)
        QTimer.singleShot(0, lambda: self._fresh.discard(key))
        if key == "intake":
            page = scrolling(widget, widget.footer)
            page.setProperty("intake", True)
        index = TABS.index(key)
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        self._swapping = True  # the tab bar moves while the pages change places: not a change
        try:
            self.tabs.insertTab(index, page, self.tabs.tabText(index))
            if current == index:
                self.tabs.setCurrentIndex(index)
            self.tabs.removeTab(index + 1)
        finally:
            self._swapping = False
        placeholder.deleteLater()
        return widget

    def _make(self, key: str) -> QWidget:
        staff = self.staff
        if key == "dashboard":
            from propdesk.ui.dashboard import Dashboard

            widget = Dashboard(staff)
            widget.open_list.connect(self.open_list)
        elif key == "intake":
            from propdesk.ui.intake import IntakeForm

            widget = IntakeForm(staff)
            widget.saved.connect(lambda _id: self._refresh_built("complaints"))
            widget.saved.connect(lambda _id: self.update_overdue())
        elif key == "complaints":
            from propdesk.ui.complaint_list import ComplaintListPanel

            widget = ComplaintListPanel(self.staff, background=True)
            widget.open_complaint.connect(self.open_case)
        elif key == "work_orders":
            from propdesk.ui.workorder_tab import WorkOrderTab

            widget = WorkOrderTab(staff, background=True)
            widget.changed.connect(self.refresh_counts)
        elif key == "callbacks":
            from propdesk.ui.callback_tab import CallbackTab

            widget = CallbackTab(staff, background=True)
            widget.changed.connect(self.refresh_counts)
        else:
            from propdesk.ui.incident_tab import IncidentTab

            widget = IncidentTab(staff)
            widget.changed.connect(self.refresh_counts)
        return widget

    def _refresh_built(self, key: str) -> None:
        """Refresh a tab that exists (one not built yet reads fresh rows when it is)."""
        widget = self._made.get(key)
        if widget is not None:
            widget.refresh()

    def _tab_changed(self, index: int) -> None:
        if self._swapping or index < 0:
            return
        key = TABS[index]
        if key not in self._made:
            self._tab(key)
        if key in self._fresh:  # built just now, its rows on their way: nothing to refresh
            self._fresh.discard(key)
            QTimer.singleShot(0, self, self.update_overdue)  # once the tab is drawn
        else:
            self.refresh_counts()
        self._focus_tab()

    def _build_technician(self) -> None:
        """A technician's window: their own jobs and nothing of the desk's records."""
        from propdesk.ui.my_jobs import MyJobsTab

        # read on a worker: the read is audited, and its write waits for the day's file check
        # (up to 1.6 s) that runs while the window is being shown
        self.my_jobs = MyJobsTab(self.staff, background=True)
        self.tabs.addTab(self.my_jobs, self.tr("My jobs (&1)"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(QLabel(self.tr("Signed in: {name} ({role})").format(
            name=self.staff.name, role=Role(self.staff.role).label())))
        self.statusBar().addWidget(self._connection_sign())
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._session_actions(file_menu)
        view = self.menuBar().addMenu(self.tr("&Settings"))
        self._language_actions(view)
        self.my_jobs.table.setFocus()

    def _session_actions(self, file_menu) -> None:
        """Change password, sign out / switch user and lock, then quit: the end of every File
        menu."""
        password = QAction(self.tr("Change &password…"), self)
        password.setObjectName("change_password")
        password.triggered.connect(self.change_password)
        file_menu.addAction(password)
        sign_out = QAction(self.tr("Sign &out / switch user"), self)
        set_shortcut(sign_out, "Ctrl+Shift+L")  # not setShortcut: see lazy_qt
        sign_out.setObjectName("sign_out")
        sign_out.triggered.connect(self.sign_out_requested)
        file_menu.addAction(sign_out)
        lock = QAction(self.tr("&Lock the desk"), self)
        set_shortcut(lock, "Ctrl+L")
        lock.setObjectName("lock")
        lock.triggered.connect(self.lock_requested)
        file_menu.addAction(lock)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(QKeySequence.Quit)  # the platform's own keys (Ctrl+Q here)
        quit_action.triggered.connect(self.quit_asking)
        file_menu.addAction(quit_action)

    def change_password(self) -> None:
        """The signed-in person's own password (services.core.passwords)."""
        from propdesk.ui.password_dialog import ChangePasswordDialog

        if getattr(self, "_password_dialog", None) is not None:
            self._password_dialog.deleteLater()
        dialog = self._password_dialog = ChangePasswordDialog(self.staff, parent=self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Your password was changed."), 15000))
        dialog.open()

    def _language_actions(self, menu) -> None:
        from propdesk import i18n  # (loaded already, by settings: no new module at start)

        office_lang = settings.office_language()
        # the office's language, each named in its own language as everywhere (i18n's one list)
        for lang, text in i18n.LANGUAGE_NAMES.items():
            action = QAction(text, self, checkable=True, checked=office_lang == lang,
                             enabled=access.can_edit(self.staff))
            action.setObjectName(f"language_{lang}")
            action.triggered.connect(lambda _c=False, code=lang: self.set_language(code))
            menu.addAction(action)

    def set_locked(self, locked: bool) -> None:
        """While the desk is locked nobody passing by reads the screen."""
        self.centralWidget().setVisible(not locked)
        self.menuBar().setEnabled(not locked)

    def unsaved_forms(self) -> list[str]:
        """Names of the forms that hold typed text not yet saved."""
        if self.staff.role == Role.TECHNICIAN.value:
            return []
        names = []
        intake = self.built("intake")  # a tab not built yet holds nothing typed
        if intake is not None and (intake.description.text() or intake.phone.text() or intake.complainant.text()):
            names.append(self.tr("Complaint intake"))
        work_orders = self.built("work_orders")
        form = work_orders.form if work_orders is not None else None
        if form is not None and any(w.text() for w in (form.description, form.phone, form.contact_name)
                                    if hasattr(w, "text")):
            names.append(self.tr("Repair call"))
        return names

    def _connection_sign(self):
        """The "connection to the server lost" sign (hidden while connected; issue 20)."""
        from propdesk.ui.connection_status import ConnectionIndicator

        self.connection_sign = ConnectionIndicator(self)
        return self.connection_sign

    def _status_bar(self) -> None:
        who = QLabel(self.tr("Signed in: {name} ({role})").format(
            name=self.staff.name, role=Role(self.staff.role).label()))
        self.overdue = QPushButton(objectName="overdue_count")
        self.overdue.setFlat(True)
        self.overdue.clicked.connect(self.show_overdue)
        self.overdue_callbacks = QPushButton(objectName="overdue_callbacks")
        self.overdue_callbacks.setFlat(True)
        self.overdue_callbacks.clicked.connect(self.show_overdue_callbacks)
        self.statusBar().addWidget(who)
        self.statusBar().addWidget(self._connection_sign())
        self.statusBar().addPermanentWidget(self.overdue)
        self.statusBar().addPermanentWidget(self.overdue_callbacks)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        export = QAction(self.tr("&Export or print a register…"), self)
        set_shortcut(export, "Ctrl+E")
        export.triggered.connect(self.export_register)
        file_menu.addAction(export)
        roster = QAction(self.tr("&Import the owner roster…"), self)
        roster.triggered.connect(self.import_roster)
        roster.setEnabled(self.staff.role != "technician")
        file_menu.addAction(roster)
        file_menu.addSeparator()
        add_backup_actions(self, file_menu, self.staff)  # restore: supervisors and administrators
        self._audit_action(file_menu)  # supervisors and administrators
        file_menu.addSeparator()
        self._session_actions(file_menu)
        view = self.menuBar().addMenu(self.tr("&Settings"))
        self._language_actions(view)
        if access.can_view(self.staff):  # administrators change it, supervisors read it
            view.addSeparator()
            self.office_setup_action = QAction(self.tr("&Office setup…"), self)
            self.office_setup_action.triggered.connect(self.open_office_setup)
            view.addAction(self.office_setup_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About PropDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _audit_action(self, menu) -> None:
        """The "Audit log…" entry for those who may read it; the viewer is imported when opened."""
        if not accounts.can(self.staff, "audit.view"):  # (audit_log.PERMISSION: the module when opened)
            return
        action = QAction(QCoreApplication.translate("AuditViewer", "&Audit log…"), self)
        action.setObjectName("audit_log_action")
        action.triggered.connect(self.open_audit_log)
        menu.addAction(action)

    def open_audit_log(self) -> None:
        from propdesk.ui.audit_viewer import AuditViewer

        AuditViewer(self.staff, self).exec()

    def _show_calendar_banner(self) -> None:
        years = calendar.uncovered_years()
        self.banner.setVisible(bool(years))
        if years and accounts.can(self.staff, "settings.edit"):  # the one who can enter it
            self.banner.setText(self.tr(
                "The official holiday schedule for {years} is not entered yet: deadlines in those "
                "days count Monday to Friday only. Enter the State Council's schedule in Office "
                "setup › Calendar and mark the year complete.").format(
                    years="、".join(str(y) for y in years)))
        elif years:
            self.banner.setText(self.tr(
                "The official holiday schedule for {years} is not entered yet: deadlines in those "
                "days count Monday to Friday only. Please remind the administrator.").format(
                    years="、".join(str(y) for y in years)))

    def open_office_setup(self) -> None:
        from propdesk.ui.setup import SetupDialog

        SetupDialog(self.staff, self).exec()
        self.refresh_banner()

    def refresh_banner(self) -> None:
        """Re-check what the office setup may have changed: the holiday-schedule banner and the
        office name in the title."""
        self._show_calendar_banner()
        self.setWindowTitle(self.tr("PropDesk - {office}").format(office=settings.get("office_name")))

    def update_overdue(self) -> None:
        """The overdue counts in the status bar, visible from every tab (counted off the GUI
        thread; the last counts stay until the new ones arrive)."""
        staff = self.staff
        self._overdue_counter.call(lambda: _overdue_counts(staff))

    def _show_overdue(self, counts) -> None:
        if counts is None:  # the count failed (logged by the worker): keep what is shown
            return
        n, n_callbacks = counts
        self.overdue.setText(self.tr("Overdue complaints: {n}").format(n=n))
        self.overdue.setStyleSheet("color: #b00020; font-weight: bold;" if n else "color: #1b5e20;")
        n = n_callbacks
        self.overdue_callbacks.setText(self.tr("Overdue callbacks: {n}").format(n=n))
        self.overdue_callbacks.setStyleSheet("color: #b00020; font-weight: bold;" if n else "color: #1b5e20;")

    def refresh_counts(self) -> None:
        self.update_overdue()
        key = TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None
        current = self._made.get(key)
        if current is None:
            return
        if key in ("dashboard", "callbacks", "complaints"):
            current.refresh()
        elif key == "work_orders" and current.board_built():  # else it is built with fresh rows
            current.board.refresh()
        elif key == "incidents":  # calls attached at intake show at once
            item = current.list.currentItem()
            current.refresh(select=item.data(0, Qt.UserRole) if item else None)

    def export_register(self) -> None:
        # imported when first used: openpyxl and reportlab are not needed for the first screen
        from propdesk.ui.export_dialog import ExportDialog

        ExportDialog(parent=self, staff=self.staff).exec()

    def import_roster(self) -> None:
        from propdesk.ui.import_dialog import ImportDialog

        ImportDialog(self.staff, self).exec()

    def _focus_tab(self) -> None:
        """The cursor goes where the work on a tab starts, so the keyboard can carry on."""
        index = self.tabs.currentIndex()
        widget = self._made.get(TABS[index]) if index >= 0 else None
        if widget is None:
            return
        start = {"intake": lambda w: w.phone, "complaints": lambda w: w.search,
                 "work_orders": lambda w: w.form.phone, "callbacks": lambda w: w.table,
                 "incidents": lambda w: w.list, "dashboard": lambda w: w}
        start[TABS[index]](widget).setFocus()

    def open_list(self, target: str, key: str) -> None:
        """A dashboard number was clicked: show the list behind it."""
        label = self.dashboard.tiles[key].caption()
        if target == "complaints":
            self.tabs.setCurrentWidget(self.complaints)
            self.complaints.show_due(key, label)
        elif target == "callbacks":
            self.tabs.setCurrentWidget(self.callbacks)
            self.callbacks.show_view("overdue" if key == "callbacks_overdue" else "today")
        else:
            self.tabs.setCurrentWidget(self.work_orders)
            self.work_orders.board.show_state(key, label)

    def show_overdue_callbacks(self) -> None:
        self.tabs.setCurrentWidget(self.callbacks)
        self.callbacks.show_overdue()

    def show_overdue(self) -> None:
        self.tabs.setCurrentWidget(self.complaints)
        self.complaints.show_overdue()

    def open_case(self, complaint_id: int) -> None:
        from propdesk.ui.case_view import CaseView

        view = CaseView(self.staff, complaint_id, self)
        view.changed.connect(lambda _id: (self._refresh_built("complaints"), self.update_overdue()))
        view.show()
        self._last_case = view  # keep a reference while it is open (non-modal)

    def set_language(self, lang: str) -> None:
        from propdesk.services.setup import office_profile

        try:
            office_profile.set_language(self.staff, lang)
        except RuleError as err:
            QMessageBox.warning(self, "PropDesk", err.text())
            return
        from propdesk import i18n

        for code in i18n.LANGUAGE_NAMES:
            self.findChild(QAction, f"language_{code}").setChecked(code == lang)
        QMessageBox.information(self, "PropDesk", self.tr(
            "The language changes the next time PropDesk starts.") if lang != "en" else
            "The language changes the next time PropDesk starts.")

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About PropDesk"), self.tr(
            "PropDesk {version}\nThe front desk of {office}: complaints, work orders, callbacks "
            "and registers.").format(version=__version__, office=settings.get("office_name")))

    def may_close(self) -> bool:
        """True unless a form holds typed text and the person wants to keep it."""
        unsaved = self.unsaved_forms()
        return not unsaved or QMessageBox.question(self, self.tr("Unsaved form"), self.tr(
            "{forms}: what was typed is not saved. Close anyway?").format(
            forms="、".join(unsaved))) == QMessageBox.Yes

    def quit_asking(self) -> None:
        if self.may_close():
            self.close()

    def closeEvent(self, event):  # noqa: N802 - Qt's method name
        if event.spontaneous() and not self.may_close():  # the window's own close button
            event.ignore()
            return
        for widget in QApplication.topLevelWidgets():  # case views and dialogs opened from here
            if widget is not self and widget.isVisible() and widget.isWindow():
                widget.close()
        if getattr(self, "connection_sign", None) is not None:
            self.connection_sign.stop()
        super().closeEvent(event)
        self.closed.emit()
