"""Registers, forms and reports: Excel (openpyxl) and PDF (reportlab). No Qt.

Public API for the GUI and the CLI (long jobs take plain callables, so a worker thread can run
them and report progress through Qt signals of its own):

- ``reports.registers.REGISTERS``: name -> :class:`~propdesk.reports.registers.Register`
  (``complaints``, ``repairs``, ``callbacks``, ``owners``); ``.title()`` is the translated book
  title (客户投诉记录本 …), ``.dated`` False for the owner register (no period needed).
- ``reports.registers.suggested_filename(name, date_from, date_to, ext)``
  -> "客户投诉记录本_2026-11-01_2026-11-30.xlsx".
- ``reports.excel.export_register(name, path, date_from, date_to, filters=None, progress=None,
  should_cancel=None, mask_phones=None) -> int`` (raises :class:`ExportCancelled`).
- ``reports.pdf.register_pdf(name, path, date_from, date_to, filters=None, progress=None,
  mask_phones=None, should_cancel=None) -> int`` and
  ``reports.pdf.complaint_forms_pdf(complaint_id, path)``.
- Both register writers call ``progress(done, total)`` every few hundred lines and ask
  ``should_cancel()`` as often (True: :class:`ExportCancelled`, and no file is left behind).
- Phones: every writer takes ``mask_phones`` (None: the office's setting
  ``mask_phones_in_exports``) and masks through :mod:`propdesk.services.register.privacy`, free
  text included.
- :func:`export` below: either of the two register writers, chosen by the file's extension.

Bad input (unknown register, missing or reversed period, wrong extension) raises RuleError
with a translated message naming what is wrong.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
from pathlib import Path
from typing import Callable

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core import leftovers


class ReportError(RuleError):
    """A RuleError whose message is in the "reports" part of the catalogue."""

    context = "reports"


class ExportCancelled(Exception):
    """``should_cancel()`` answered True: the job stopped and nothing was written."""


MSG_EXPORTED = QT_TRANSLATE_NOOP("reports", "{n} lines written to {file}.")
MSG_CANNOT_WRITE = QT_TRANSLATE_NOOP("reports", "Cannot write {file}: {reason}")


def export(name: str, path, date_from: dt.date | None = None, date_to: dt.date | None = None,
           filters=None, progress: Callable[[int, int], None] | None = None,
           should_cancel: Callable[[], bool] | None = None, mask_phones: bool | None = None) -> int:
    """Write register ``name`` to ``path``: Excel for .xlsx, the printed book for .pdf.
    ``mask_phones`` None follows the office's setting. Returns the number of lines."""
    from propdesk.reports.registers import output_kind

    if output_kind(path) == "xlsx":
        from propdesk.reports.excel import export_register

        return export_register(name, path, date_from, date_to, filters, progress,
                               should_cancel, mask_phones)
    from propdesk.reports.pdf import register_pdf

    return register_pdf(name, path, date_from, date_to, filters, progress, mask_phones,
                        should_cancel=should_cancel)


@contextlib.contextmanager
def output_file(path, suffix: str):
    """A temporary file next to ``path`` to write into; at the end it replaces ``path``. A
    cancelled or failed job leaves neither half a file nor a clobbered older one. A folder
    that does not exist, no permission, the file open in Excel (Windows): ReportError.

    A job killed outright (SIGKILL, a power cut, the task manager) cannot tidy up: its hidden
    ``.propdesk-HOST-PID-XXXXXXXX.pdf`` stays. The next export into the same folder removes such
    leftovers (:func:`remove_stale`), never the file of an export still running; and the folder
    is remembered for this desk (``leftovers.remember_folder``), so the program's next start,
    the window's or a command's, tidies it too (``leftovers.tidy_at_start``) even when nobody
    exports there again.

    The file is created with mode 0666 less the umask, as any program's "Save as" would: an
    export is a document the user puts into a folder of their choice, and that folder (and the
    user's umask) decide who else may read it; a file only its writer can read would surprise
    an office that shares the folder with its head. (The database, its backups and the desk's
    secret are the program's own files and stay private.)"""
    target = Path(path)
    try:
        tmp = _create_temp(target.parent, suffix)
    except OSError as err:
        raise _cannot_write(target, err) from err
    leftovers.remember_folder(target.parent)  # before the work: a job killed midway is what it is for
    # the others' ages by the folder's clock (a shared folder's server sets the times), not
    # this desk's, which may run a day ahead
    try:
        now = tmp.stat().st_mtime
    except OSError:
        now = None
    remove_stale(target.parent, now)
    try:
        yield str(tmp)
        os.replace(tmp, target)
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise _cannot_write(target, err) from err
        raise


# --- the temporary files of killed jobs: services.core.leftovers (backups use them too) ----------

TEMP_PREFIX, STALE_AFTER = leftovers.TEMP_PREFIX, leftovers.STALE_AFTER
_host, _create_temp, is_stale, remove_stale = (leftovers.host, leftovers.create_temp,
                                                leftovers.is_stale, leftovers.remove_stale)


# the usual reasons a file cannot be written, in the office's words (the system's strerror is
# English); others keep the system's text
_OS_REASONS = {
    errno.ENOENT: QT_TRANSLATE_NOOP("reports", "the folder does not exist"),
    errno.EACCES: QT_TRANSLATE_NOOP("reports", "the file is open in another program, or the folder "
                                               "may not be written to"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("reports", "the disk is full"),
    errno.EROFS: QT_TRANSLATE_NOOP("reports", "the disk is read-only"),
}
_OS_REASONS[errno.EPERM] = _OS_REASONS[errno.EACCES]


def os_reason(err: OSError) -> str:
    text = _OS_REASONS.get(err.errno or 0)
    return translate("reports", text) if text else (err.strerror or str(err))


def _cannot_write(path, err: OSError) -> ReportError:
    return ReportError(MSG_CANNOT_WRITE, file=str(path), reason=os_reason(err))


def exported_message(n: int, path) -> str:
    return translate("reports", MSG_EXPORTED).format(n=n, file=path)
