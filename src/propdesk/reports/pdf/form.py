"""Boxed forms (登记表, 记录表): a declarative definition drawn as one ruled grid.

A form is a title and rows of :class:`Field`. A row holds two fields side by side (label, value,
label, value) or one wide field (label, value across the rest). A box may have a minimum
height (room to write by hand) and a signature line at its foot (投诉人签字 ____ 日期 ____).
Values come from a dict of plain strings prepared by the caller, so the engine knows nothing
about complaints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.page import para_text, style, tr

FONT_SIZE = 10
LABEL_SHARE = 0.16  # of the form's width, per label column
ROW_H = 9 * mm  # a one-line row
PAD = 4  # cell padding, points
NUMBER = QT_TRANSLATE_NOOP("reports", "No.: {number}")
CONTINUED = QT_TRANSLATE_NOOP("reports", "{label} (continued)")
# No row taller than this: longer text goes on in rows of its own ("(continued)"), and the grid
# breaks between rows onto the next pages, never right above a signature or the last row (two
# rows of at most this height always fit a page together). Rows are never split inside (reportlab's splitInRow
# split a box once at most, so 4,000 characters raised LayoutError, and the part it carried over
# lost its span and shrank to one column).
MAX_ROW_H = 90 * mm
LABEL_SHADE = colors.Color(0.93, 0.94, 0.96)


@dataclass
class Field:
    """``label``: English source (translated when drawn); ``key``: the value in the data dict.
    ``wide``: the value spans the rest of the row. ``height``: minimum box height in mm.
    ``sign``: a signature line (English source) printed at the foot of the box.
    ``optional``: a wide box left out, row and all, when it has nothing to show (earlier
    rounds of a case never reopened): nothing is written in it by hand."""

    label: str
    key: str = ""
    wide: bool = False
    height: float = 0
    sign: str = ""
    optional: bool = False


@dataclass
class FormDef:
    title: str  # English source; the office's own form title in Chinese
    rows: list[list[Field]] = field(default_factory=list)

    def title_text(self) -> str:
        return tr(self.title)


def form_story(form: FormDef, data: dict, width: float, office: str, number: str = "") -> list:
    """Flowables for one form: the title, the office and the record number, then the grid."""
    heading = [
        Paragraph(para_text(form.title_text()), style(18, 24, align=TA_CENTER)),
        Paragraph(para_text(office), style(10.5, align=TA_CENTER)),
        Spacer(1, 2 * mm),
    ]
    if number:
        heading.append(Paragraph(para_text(tr(NUMBER).format(number=number)),
                                 style(10, align=TA_RIGHT)))
    heading.append(Spacer(1, 1.5 * mm))
    return heading + [form_grid(form, data, width)]


def form_grid(form: FormDef, data: dict, width: float) -> Table:
    """The ruled grid of ``form`` filled from ``data`` (key -> text), ``width`` points wide:
    for a form printed as one part of a page (a slip, a stub) as well as a whole page."""
    label_w = width * LABEL_SHARE
    value_w = width / 2 - label_w
    body, label = style(FONT_SIZE, 14), style(FONT_SIZE, 13, align=TA_CENTER, labels=True)
    sign_style = style(9.5, 13, align=TA_RIGHT, labels=True)
    rows, heights, commands = [], [], []

    def value(f: Field):
        return Paragraph(para_text(data.get(f.key, "") or ""), body)

    for fields in form.rows:
        r = len(rows)
        if len(fields) == 1 and fields[0].wide:
            f = fields[0]
            if f.optional and not data.get(f.key):
                continue
            inner_w = width - label_w - 2 * PAD
            chunks = _chunks(value(f), inner_w)
            for i, content in enumerate(chunks):
                r = len(rows)
                if f.sign and i == len(chunks) - 1:
                    content = _with_signature(content, Paragraph(para_text(tr(f.sign)), sign_style),
                                              inner_w, f.height * mm - 2 * PAD)
                    if r:  # a signature never starts a page: it goes with the row above it
                        commands.append(("NOSPLIT", (0, r - 1), (-1, r)))
                name = tr(f.label) if i == 0 else tr(CONTINUED).format(label=tr(f.label))
                rows.append([Paragraph(para_text(name), label), content, "", ""])
                heights.append(max(f.height * mm, ROW_H) if i == 0 else ROW_H)
                commands.append(("SPAN", (1, r), (3, r)))
                if not f.height:
                    commands.append(("VALIGN", (0, r), (-1, r), "MIDDLE"))
            continue
        cells = []
        for f in fields:
            cells += [Paragraph(para_text(tr(f.label)), label), value(f)]
        rows.append(cells + [""] * (4 - len(cells)))
        heights.append(max([f.height * mm for f in fields] + [ROW_H]))
        if not any(f.height for f in fields):  # one line: centred like its label
            commands.append(("VALIGN", (0, r), (-1, r), "MIDDLE"))
        if len(fields) == 2:  # the second label shaded and centred like the first
            commands += [("BACKGROUND", (2, r), (2, r), LABEL_SHADE), ("VALIGN", (2, r), (2, r), "MIDDLE")]
    if len(rows) > 1:  # nor does the form's last row stand alone on a page
        commands.append(("NOSPLIT", (0, len(rows) - 2), (-1, len(rows) - 1)))
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], minRowHeights=heights)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ] + commands))
    return table


def _chunks(text: Paragraph, width: float) -> list[Paragraph]:
    """``text`` cut between lines into pieces no taller than MAX_ROW_H."""
    pieces = []
    while text.wrap(width, 10**6)[1] > MAX_ROW_H:
        parts = text.split(width, MAX_ROW_H)
        if len(parts) < 2:
            break
        pieces.append(parts[0])
        text = parts[1]
    return pieces + [text]


def _with_signature(text: Paragraph, sign: Paragraph, inner_w: float, inner_h: float) -> list:
    """The box's text at the top and the signature line at its foot, in one cell: a spacer
    takes up what the text leaves of the box's minimum height."""
    used = text.wrap(inner_w, 10**6)[1] + sign.wrap(inner_w, 10**6)[1]
    return [text, Spacer(1, max(3 * mm, inner_h - used)), sign]
