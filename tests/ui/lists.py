"""Waiting for a list's rows: every read of new rows (a filter, a sort, a refresh) runs on a
worker thread (ui/lazy_model.py), and the rows shown change when it is done."""


def wait_rows(qtbot, model, timeout: int = 10_000) -> None:
    """Wait until the rows asked for last are shown (``model``: a lazy model, or a panel with
    one as ``.model``)."""
    model = getattr(model, "model", model)
    if callable(model):  # a QAbstractItemView's model()
        model = model()
    qtbot.waitUntil(lambda: not model.loading, timeout=timeout)
