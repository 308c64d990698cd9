"""A titled, ruled table of plain values (text, numbers, percentages) for report PDFs."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from propdesk.i18n import QT_TRANSLATE_NOOP
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


SIZE = 8.5
PAD = 12  # left and right cell padding together, points (reportlab's 6 on each side; 6 let a text
#          up to 6 points too wide stand unwrapped, over its cell's edge)


MORE = QT_TRANSLATE_NOOP("reports", "… and {n} more (all of them are in the Excel version).")


def fitted_widths(t: ReportTable, width: float, rows: list[list]) -> list[float]:
    """The columns sized by what they hold: each as wide as its longest text on one line (its
    header too) and the room left shared in proportion; where they do not all fit, the columns
    narrower than an equal share keep their width (a room number, a class, a date never wrap)
    and the wider ones share the rest in proportion to their texts, which wrap."""
    font = cjk_font()

    def need(col: int) -> float:
        texts = [t.headers[col]] + [_cell(row[col]) for row in rows]
        return max(stringWidth(line, font, SIZE) for text in texts for line in text.split("\n")) + PAD + 1

    needs = [need(col) for col in range(len(t.headers))]
    if sum(needs) <= width:
        return [n * width / sum(needs) for n in needs]
    kept: dict[int, float] = {}
    while True:
        free = [col for col in range(len(needs)) if col not in kept]
        share = (width - sum(kept.values())) / len(free)
        short = [col for col in free if needs[col] <= share]
        if not short:
            break
        kept |= {col: needs[col] for col in short}
    rest, wide = width - sum(kept.values()), sum(needs[col] for col in free)
    return [kept.get(col, rest * needs[col] / wide) for col in range(len(needs))]


def table_flowable(t: ReportTable, width: float, widths: list[float] | None = None,
                   max_rows: int | None = None) -> KeepTogether:
    body, head = style(SIZE, 11), style(SIZE, 11)
    rows = t.rows if max_rows is None else t.rows[:max_rows]
    if widths is None:
        widths = fitted_widths(t, width, rows)
    font = cjk_font()

    def cell(value, col: int):
        # a Paragraph (which wraps) only where the text does not fit: laying out thousands
        # of Paragraphs is what makes a long table slow
        text = _cell(value)
        if "\n" not in text and stringWidth(text, font, SIZE) <= widths[col] - PAD:
            return text
        return Paragraph(para_text(text), body)

    data = [[Paragraph(para_text(h), head) for h in t.headers]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    if len(rows) < len(t.rows):
        data.append([Paragraph(para_text(tr(MORE).format(n=len(t.rows) - len(rows))), body)]
                    + [""] * (len(t.headers) - 1))
    if not t.rows:
        data.append([Paragraph(para_text(tr(NONE)), body)] + [""] * (len(t.headers) - 1))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, len(data) - 1), (-1, len(data) - 1)) if len(rows) < max(len(t.rows), 1)
        else ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
    ]))
    return KeepTogether([Paragraph(para_text(t.title), style(11, 15)), Spacer(1, 1.5 * mm), table,
                         Spacer(1, 5 * mm)])
