"""Waiting for a list's rows: every read of rows (a filter, a sort, a refresh, a page scrolled
to) runs on a worker thread (ui/lazy_model.py), and the rows shown change when it is done."""


def wait_rows(qtbot, model, timeout: int = 10_000) -> None:
    """Wait until the rows asked for last (and a page scrolled to) are shown (``model``: a lazy
    model, or a panel with one as ``.model``)."""
    model = getattr(model, "model", model)
    if callable(model):  # a QAbstractItemView's model()
        model = model()
    qtbot.waitUntil(lambda: not model.loading and not model.paging, timeout=timeout)
