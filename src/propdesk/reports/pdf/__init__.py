"""PDF registers and forms (reportlab), with the CJK font embedded. No Qt.

Public API (the GUI runs these on a worker thread):

- ``register_pdf(name, path, date_from, date_to, filters=None, progress=None,
  mask_phones=False) -> int`` prints a register like its paper book (A4 landscape);
- ``complaint_forms_pdf(complaint_id, path)`` prints 客户信息登记表 and 客户意见处理记录表.
"""
from propdesk.reports.pdf.complaint_forms import complaint_forms_pdf  # noqa: F401 - the package's public names
from propdesk.reports.pdf.register import register_pdf  # noqa: F401 - the package's public names
