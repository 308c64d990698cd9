"""A titled, ruled table of plain values (text, numbers, percentages) for report PDFs."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.page import para_text, style
from propdesk.reports.weekly_tables import NONE, ReportTable, tr

GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_BG = colors.Color(0.87, 0.9, 0.94)


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def table_flowable(t: ReportTable, width: float, widths: list[float] | None = None) -> KeepTogether:
    body, head = style(8.5, 11), style(8.5, 11)
    data = [[Paragraph(para_text(h), head) for h in t.headers]]
    data += [[Paragraph(para_text(_cell(v)), body) for v in row] for row in t.rows]
    if not t.rows:
        data.append([Paragraph(para_text(tr(NONE)), body)] + [""] * (len(t.headers) - 1))
    if widths is None:
        first = width * (0.34 if len(t.headers) <= 3 else 0.2)
        rest = (width - first) / max(len(t.headers) - 1, 1)
        widths = [first] + [rest] * (len(t.headers) - 1)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, len(data) - 1), (-1, len(data) - 1)) if not t.rows else ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
    ]))
    return KeepTogether([Paragraph(para_text(t.title), style(11, 15)), Spacer(1, 1.5 * mm), table,
                         Spacer(1, 5 * mm)])
