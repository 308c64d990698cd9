"""The weekly summary as a PDF for the office head: A4, the office, the period, who made it,
page numbers; figures beside last week, charts where a picture reads faster than a table
(complaints by category, the eight-week trend), the tables, and a page for the head's comments."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports import fonts
from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.page import PageSpec, build, frame_width, para_text, style
from propdesk.reports.pdf.tables import table_flowable
from propdesk.reports.weekly_tables import (
    HEAD_COMMENTS, MADE_BY, PERIOD, SIGN_HEAD, TITLE, all_tables, tr,
)
from propdesk.services.core import settings
from propdesk.services.lists.weekly import WeeklySummary

BLUE = colors.Color(0.17, 0.37, 0.62)
ORANGE = colors.Color(0.89, 0.47, 0.13)
GREEN = colors.Color(0.2, 0.55, 0.3)
GRID = colors.Color(0.55, 0.55, 0.55)

BY_CATEGORY = QT_TRANSLATE_NOOP("reports", "By category")
TREND = QT_TRANSLATE_NOOP("reports", "Eight-week trend")
COMPLAINTS = QT_TRANSLATE_NOOP("reports", "Complaints")
WORK_ORDERS = QT_TRANSLATE_NOOP("reports", "Work orders")
REPLIED = QT_TRANSLATE_NOOP("reports", "Replied on time")
RESOLVED = QT_TRANSLATE_NOOP("reports", "Resolved on time")
SATISFACTION = QT_TRANSLATE_NOOP("reports", "Satisfaction")
AXIS_COMPLAINTS = QT_TRANSLATE_NOOP("reports", "Complaints received (count)")
AXIS_COUNT = QT_TRANSLATE_NOOP("reports", "Count")
AXIS_PERCENT = QT_TRANSLATE_NOOP("reports", "Percent (%)")
AXIS_WEEK = QT_TRANSLATE_NOOP("reports", "Week (Monday)")
REST = QT_TRANSLATE_NOOP("reports", "The other {n} categories")
MAX_BARS = 12  # every category an office usually has; beyond, the smallest are summed in one bar


def category_bars(by_category: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The bars of the category chart, largest first: every category the table lists (其他
    too), or, past MAX_BARS, the largest and one bar summing the rest."""
    if len(by_category) <= MAX_BARS:
        return list(by_category)
    head, rest = by_category[:MAX_BARS - 1], by_category[MAX_BARS - 1:]
    return head + [(tr(REST).format(n=len(rest)), sum(n for _k, n in rest))]


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = cjk_font()  # the renderer's starting font: else Helvetica is listed, unembedded
    return d


def category_chart(s: WeeklySummary, width: float) -> Drawing:
    """Complaints by category this week, longest bar first."""
    pairs = list(reversed(category_bars(s.by_category))) or [("—", 0)]
    height = 26 * mm + 6 * mm * len(pairs)
    d = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 38 * mm, 14 * mm
    chart.width, chart.height = width - 50 * mm, height - 26 * mm
    chart.data = [[n for _k, n in pairs]]
    # one font per label in a chart: what it lacks shows as a box, never a gap
    chart.categoryAxis.categoryNames = [fonts.main_font_only(k) for k, _n in pairs]
    chart.categoryAxis.labels.fontName = cjk_font()
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = cjk_font()
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(chart.data[0]), 1) * 1.15
    chart.bars[0].fillColor = BLUE
    chart.barLabels.fontName = cjk_font()
    chart.barLabels.fontSize = 7.5
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    d.add(String(0, height - 7 * mm, tr(BY_CATEGORY), fontName=cjk_font(), fontSize=11))
    d.add(_axis_title(chart.x + chart.width / 2, 3 * mm, tr(AXIS_COMPLAINTS), "middle"))
    return d


def _axis_title(x: float, y: float, text: str, anchor: str = "start") -> String:
    return String(x, y, text, fontName=cjk_font(), fontSize=7.5, fillColor=colors.Color(0.3, 0.3, 0.3),
                  textAnchor=anchor)


def trend_chart(s: WeeklySummary, width: float) -> Drawing:
    """Eight weeks: complaints (count) and the on-time and satisfaction rates (percent)."""
    height = 78 * mm
    d = _drawing(width, height)
    labels = [f"{w.start:%m-%d}" for w in s.trend]
    counts = HorizontalLineChart()
    counts.x, counts.y, counts.width, counts.height = 14 * mm, 22 * mm, width / 2 - 22 * mm, height - 34 * mm
    counts.data = [[w.complaints for w in s.trend], [w.work_orders for w in s.trend]]
    _style_line_chart(counts, labels, [BLUE, ORANGE], max(max(counts.data[0] + counts.data[1]), 1) * 1.2)
    rates = HorizontalLineChart()
    rates.x, rates.y, rates.width, rates.height = width / 2 + 12 * mm, 22 * mm, width / 2 - 22 * mm, height - 34 * mm
    def pct(v):
        return None if v is None else round(v * 100, 1)
    series = [([pct(w.reply_on_time.value) for w in s.trend], BLUE),
              ([pct(w.resolve_on_time.value) for w in s.trend], ORANGE),
              ([pct(w.satisfaction_rate) for w in s.trend], GREEN)]
    # a line needs two points: a rate known for a single week (a new office) stays in the tables
    drawn = [(values, colour) for values, colour in series if sum(v is not None for v in values) >= 2]
    rates.data = [values for values, _c in drawn] or [[0] * len(labels)]
    _style_line_chart(rates, labels, [colour for _v, colour in drawn] or [colors.white], 100)
    d.add(counts)
    d.add(rates)
    top = counts.y + counts.height + 2.5 * mm  # what the left-hand numbers are, above them
    d.add(_axis_title(counts.x - 8 * mm, top, tr(AXIS_COUNT)))
    d.add(_axis_title(rates.x - 8 * mm, top, tr(AXIS_PERCENT)))
    for chart in (counts, rates):  # what the labels under the line are
        d.add(_axis_title(chart.x + chart.width, counts.y - 8.5 * mm, tr(AXIS_WEEK), "end"))
    d.add(String(0, height - 6 * mm, tr(TREND), fontName=cjk_font(), fontSize=11))
    d.add(_legend(14 * mm, 8 * mm, [(BLUE, tr(COMPLAINTS)), (ORANGE, tr(WORK_ORDERS))]))
    d.add(_legend(width / 2 + 12 * mm, 8 * mm, [(BLUE, tr(REPLIED)), (ORANGE, tr(RESOLVED)), (GREEN, tr(SATISFACTION))]))
    return d


def _style_line_chart(chart: HorizontalLineChart, labels: list[str], palette, top: float) -> None:
    chart.categoryAxis.categoryNames = labels
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = cjk_font()
        axis.labels.fontSize = 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    for i, colour in enumerate(palette):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.6


def _legend(x: float, y: float, items) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = cjk_font(), 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 62
    legend.colorNamePairs = items
    return legend


def weekly_pdf(s: WeeklySummary, path, made_by: str, mask_phones: bool | None = None) -> None:
    spec = PageSpec(title=tr(TITLE), left=settings.get("office_name") or "",
                    right=tr(PERIOD).format(start=s.this.start.isoformat(), end=s.this.end.isoformat()),
                    landscape=False)
    width = frame_width(spec)
    tables = all_tables(s, mask_phones)
    story = [Paragraph(para_text(tr(MADE_BY).format(name=made_by, at=s.generated_at.strftime("%Y-%m-%d %H:%M"))),
                       style(8.5)), Spacer(1, 3 * mm),
             table_flowable(tables[0], width), category_chart(s, width), Spacer(1, 4 * mm),
             trend_chart(s, width), PageBreak()]
    # a summary for the office head: long lists stop at 100 lines (the workbook has them all)
    story += [table_flowable(t, width, max_rows=100) for t in tables[1:]]
    story += [PageBreak(), Paragraph(para_text(tr(HEAD_COMMENTS)), style(14, 20)), Spacer(1, 6 * mm)]
    story += [Table([[""]] * 14, colWidths=[width], rowHeights=[11 * mm] * 14,
                    style=[("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID), ("FONTNAME", (0, 0), (-1, -1), cjk_font())]),
              Spacer(1, 8 * mm), Paragraph(para_text(tr(SIGN_HEAD)), style(10))]
    build(path, story, spec, title_meta=f"{tr(TITLE)} {spec.right}")
