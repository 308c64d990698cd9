"""The monthly summary to the cashier as an A4 PDF: the month's figures, by service, by payment,
the cash each collector hands over, the lines for each unit's bill, voided payments, and the
signatures of customer service, the supervisor and the cashier."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from propdesk.reports.fee_summary import MADE_BY, PERIOD, RULE, SIGNATURES, TITLE, all_tables
from propdesk.reports.pdf.page import PageSpec, build, frame_width, para_text, style
from propdesk.reports.pdf.tables import table_flowable
from propdesk.reports.weekly_tables import tr
from propdesk.services.core import settings
from propdesk.services.fees.summary import FeeSummary


def fee_summary_pdf(s: FeeSummary, path, made_by: str) -> None:
    spec = PageSpec(title=tr(TITLE), left=settings.get("office_name") or "",
                    right=tr(PERIOD).format(month=s.month, start=s.start.isoformat(), end=s.end.isoformat()),
                    landscape=False)
    width = frame_width(spec)
    story = [Paragraph(para_text(tr(MADE_BY).format(name=made_by, at=s.generated_at.strftime("%Y-%m-%d %H:%M"))),
                       style(8.5)), Spacer(1, 3 * mm)]
    # every table's columns sized by what they hold (tables.fitted_widths): fixed shares wrapped
    # an estate's unit (阳光花园 10栋1单元 / 802) on the bill lines
    story += [table_flowable(table, width) for table in all_tables(s, text=True)]
    story += [Paragraph(para_text(tr(RULE)), style(8.5)),
              Spacer(1, 10 * mm), Paragraph(para_text(tr(SIGNATURES)), style(10))]
    build(path, story, spec, title_meta=f"{tr(TITLE)} {s.month}")
