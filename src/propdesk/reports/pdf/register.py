"""A register printed as the paper book: A4 landscape, ruled table, header row on every page.

The columns come from the register's ``pdf_columns`` (several short fields may share a ruled
column, one per line). A cell is a Paragraph only when its text does not fit on its lines, so a
1,000-line register is laid out in seconds; long text wraps inside its cell (CJK word wrap) and a
very long cell may continue on the next page rather than overflow it.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, Spacer, TableStyle

from propdesk.i18n import QT_TRANSLATE_NOOP, language
from propdesk.reports import ExportCancelled
from propdesk.services.register import privacy
from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.page import PageSpec, build, frame_width, para_text, style, tr
from propdesk.reports.registers import Column, Register, check_period, get_register, period_text
from propdesk.services.core import settings

FONT_SIZE = 7.5
LEADING = 9.6
PAD = 2.2  # cell padding, points
PROGRESS_EVERY = 200
LABEL_KINDS = ("enum", "bool", "datetime", "date", "money", "int")

NO_RECORDS = QT_TRANSLATE_NOOP("reports", "No records in this period.")
TOTAL = QT_TRANSLATE_NOOP("reports", "{n} records in total.")


def register_pdf(name: str, path, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 filters=None, progress: Callable[[int, int], None] | None = None,
                 mask_phones: bool | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> int:
    """Print register ``name`` (``complaints``, ``repairs``, ``callbacks``, ``owners``) for the
    period and the list's ``filters`` to the PDF ``path``, laid out like the paper book.

    ``progress(done, total)`` is called while the lines are read and once more when the file
    is written; ``should_cancel()`` is asked as often and on every page, and True raises
    :class:`~propdesk.reports.ExportCancelled` (no file is written). ``mask_phones`` masks the phones in every text column (privacy; None: the
    office's setting). Returns the number of lines printed."""
    register = get_register(name)
    check_period(register, date_from, date_to)
    mask_phones = privacy.wanted(mask_phones)
    total = register.count(date_from, date_to, filters)
    spec = PageSpec(title=register.title(), left=settings.get("office_name") or "",
                    right=period_text(register, date_from, date_to), signature=True)
    widths = _widths(register, frame_width(spec))
    cells = _CellMaker(register, widths, mask_phones)
    data = [cells.header()]
    for row in register.rows(date_from, date_to, filters):
        data.append(cells.line(row))
        if (len(data) - 1) % PROGRESS_EVERY == 0:
            _tick(progress, should_cancel, len(data) - 1, total)
    done = len(data) - 1
    story = [_table(data, widths, done)]
    story += [Spacer(1, 2 * mm), Paragraph(para_text(tr(TOTAL).format(n=done)), style(8.5))]
    build(path, story, spec, title_meta=f"{register.title()} {spec.right}",
          on_page=lambda: _tick(None, should_cancel, done, total))
    if progress:
        progress(done, max(total, done))
    return done


def _tick(progress, should_cancel, done: int, total: int) -> None:
    if should_cancel and should_cancel():
        raise ExportCancelled()
    if progress:
        progress(done, max(total, done))


def _widths(register: Register, available: float) -> list[float]:
    weights = [c.weight for c in register.pdf_columns]
    unit = available / sum(weights)
    return [w * unit for w in weights]


def _text_of(column: Column, mask_phones: bool) -> Callable[[dict], str]:
    value_of = column.converter(mask_phones)
    kind = column.kind
    if column.mark:  # a flag in a stacked cell: "超时" reads better than a bare "是"/"否"
        mark, get = tr(column.mark), column.get or (lambda row: row.get(column.key))
        return lambda row: mark if get(row) else ""

    def text(row) -> str:
        value = value_of(row)
        if value is None:
            return ""
        if kind == "datetime":
            return value.strftime("%Y-%m-%d %H:%M")
        if kind == "date":
            return value.isoformat()
        if kind == "money":
            return f"{value:.2f}"
        return str(value)
    return text


class _CellMaker:
    """Turns a register row into the cells of one ruled line."""

    def __init__(self, register: Register, widths: list[float], mask_phones: bool):
        self.register = register
        self.font = cjk_font()
        self.parts = [[_text_of(register.column(k), mask_phones) for k in pc.keys]
                      for pc in register.pdf_columns]
        self.inner = [w - 2 * PAD for w in widths]
        # People's text (Chinese) breaks anywhere; labels (translated) between words in English.
        text, label = style(FONT_SIZE, LEADING), style(FONT_SIZE, LEADING, labels=True)
        self.styles = [label if all(register.column(k).kind in LABEL_KINDS for k in pc.keys)
                       else text for pc in register.pdf_columns]

    def header(self) -> list:
        cells = []
        for pc, inner in zip(self.register.pdf_columns, self.inner):
            titles = [tr(pc.header)] if pc.header else [
                self.register.column(k).title() for k in pc.keys]
            # An English word wider than its column ("Department") is set smaller, not split;
            # Chinese breaks between any two characters and keeps its size.
            words = [w for t in titles for w in t.split()] if language() == "en" else [""]
            widest = max(stringWidth(w, self.font, FONT_SIZE) for w in words) or 1
            size = max(5.5, min(FONT_SIZE, FONT_SIZE * 0.96 * inner / widest))
            head = style(size, LEADING * size / FONT_SIZE, align=1, labels=True)
            cells.append(Paragraph("<br/>".join(para_text(t) for t in titles), head))
        return cells

    def line(self, row: dict) -> list:
        cells = []
        for getters, inner, body in zip(self.parts, self.inner, self.styles):
            lines = [t for t in (g(row) for g in getters) if t]
            if all("\n" not in t and stringWidth(t, self.font, FONT_SIZE) <= inner for t in lines):
                cells.append("\n".join(lines))  # fits as it is: no Paragraph needed
            else:
                cells.append(Paragraph("<br/>".join(para_text(t) for t in lines), body))
        return cells


def _table(data: list, widths: list[float], done: int) -> LongTable:
    if not done:  # an empty book still prints its header and says so
        data.append([Paragraph(para_text(tr(NO_RECORDS)), style(FONT_SIZE, LEADING, align=1))]
                    + [""] * (len(widths) - 1))
    table = LongTable(data, colWidths=widths, repeatRows=1, splitInRow=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.93)),
    ]
    if not done:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(commands))
    return table
