"""The status bar's "connection to the server lost" sign (issue 20): hidden while the desk is
connected, shown in red when the server is gone, hidden again when it is back.

It asks nothing on the GUI thread. It listens to ``services.core.server_watch``: the database
layer reports a lost connection or a new one from whatever thread noticed it (a save, a list
page, a worker), and a watch thread looks at the server every 15 s so an idle desk notices too.
Reports arrive through a queued signal. Forms keep what was typed: the action that met the lost
connection was refused with a message, nothing else is touched.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from propdesk.services.core import server_watch


class ConnectionIndicator(QLabel):
    state_changed = Signal(bool)  # emitted from any thread; the slot runs on the GUI thread

    def __init__(self, parent=None, watch: server_watch.ServerWatch | None = None):
        super().__init__(parent)
        self.setObjectName("connection_status")
        self.setStyleSheet("QLabel { color: #b00020; font-weight: bold; padding: 0 6px; }")
        self.connected = True
        self.setVisible(False)
        self.state_changed.connect(self._show)
        server_watch.listen(self._report)
        self.watch = watch
        if self.watch is None and server_watch.ServerWatch.needed():
            self.watch = server_watch.ServerWatch()
        if self.watch is not None:
            self.watch.start()

    def _report(self, connected: bool) -> None:
        try:
            self.state_changed.emit(connected)
        except RuntimeError:  # the window is gone already
            server_watch.unlisten(self._report)

    def _show(self, connected: bool) -> None:
        self.connected = connected
        self.setText("" if connected else self.tr(
            "Connection to the server lost: nothing can be saved now; what you type is kept. "
            "Reconnecting…"))
        self.setToolTip("" if connected else self.tr(
            "PropDesk tries again every few seconds and on your next action; this sign goes "
            "away as soon as the server answers."))
        self.setVisible(not connected)

    def stop(self) -> None:
        """The window closes: no more reports, the watch thread ends."""
        server_watch.unlisten(self._report)
        if self.watch is not None:
            self.watch.stop()
