"""维修通知单: the repair notice as the paper form, one A4 page per work order.

Three parts cut apart along dashed lines: the stub (存根联) the desk keeps, the notice
(派工联) the technician takes, and the return slip (回执联) the customer signs, with lines for
arrival and finish, materials, fee, the customer's opinion and the supervisor's check. Drawn by
the one form engine (:mod:`propdesk.reports.pdf.form`).
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Urgency
from propdesk.models.tables import Staff
from propdesk.reports.fonts import cjk_font
from propdesk.reports.pdf.form import Field, FormDef, form_grid
from propdesk.reports.pdf.page import PageSpec, build, frame_width, para_text, style, tr
from propdesk.services.core import accounts, settings
from propdesk.services.cases import workorders
from propdesk.services.register import privacy
from propdesk.services.register.address import unit_display

TITLE = QT_TRANSLATE_NOOP("reports", "Repair notice")
PART_STUB = QT_TRANSLATE_NOOP("reports", "Stub (kept by customer service)")
PART_NOTICE = QT_TRANSLATE_NOOP("reports", "Notice (for the technician)")
PART_SLIP = QT_TRANSLATE_NOOP("reports", "Return slip (signed by the customer, back to customer service)")
CUT = QT_TRANSLATE_NOOP("reports", "cut along this line")
FREE = QT_TRANSLATE_NOOP("reports", "Free service")
PAID = QT_TRANSLATE_NOOP("reports", "Paid service: ¥ ____________ (price list / approved quote)")
PAID_LINES = QT_TRANSLATE_NOOP("reports", "Paid service: {lines}; total ¥{total}")
PENDING = QT_TRANSLATE_NOOP("reports", " (quote awaiting approval)")
REPRINT = QT_TRANSLATE_NOOP("reports", "Printing no. {n}")
OPINION_BOXES = QT_TRANSLATE_NOOP("reports", "□ Satisfied    □ Fairly satisfied    □ Dissatisfied")
SIGN_CUSTOMER = QT_TRANSLATE_NOOP("reports", "Customer's signature: ____________    Date: ____________")
BLANK_TIME = "____月____日 ____时____分"
REWORK = QT_TRANSLATE_NOOP("reports", "{number} REWORK, round {round}")
REWORK_TASK = QT_TRANSLATE_NOOP("reports", "Rework (round {round}): {reason}. First job: {task}")

LABELS = {
    "number": QT_TRANSLATE_NOOP("reports", "No."),
    "issued": QT_TRANSLATE_NOOP("reports", "Issued"),
    "unit": QT_TRANSLATE_NOOP("reports", "Unit"),
    "location": QT_TRANSLATE_NOOP("reports", "Where"),
    "contact": QT_TRANSLATE_NOOP("reports", "Contact"),
    "phone": QT_TRANSLATE_NOOP("reports", "Phone"),
    "task": QT_TRANSLATE_NOOP("reports", "Task"),
    "urgency": QT_TRANSLATE_NOOP("reports", "Urgency"),
    "window": QT_TRANSLATE_NOOP("reports", "Agreed time"),
    "technician": QT_TRANSLATE_NOOP("reports", "Technician"),
    "department": QT_TRANSLATE_NOOP("reports", "Department"),
    "issued_by": QT_TRANSLATE_NOOP("reports", "Issued by"),
    "arrived": QT_TRANSLATE_NOOP("reports", "Arrival time"),
    "finished": QT_TRANSLATE_NOOP("reports", "Finish time"),
    "result": QT_TRANSLATE_NOOP("reports", "Result"),
    "materials": QT_TRANSLATE_NOOP("reports", "Materials"),
    "fee": QT_TRANSLATE_NOOP("reports", "Fee"),
    "opinion": QT_TRANSLATE_NOOP("reports", "Customer's opinion"),
    "tech_sign": QT_TRANSLATE_NOOP("reports", "Technician's signature"),
    "check": QT_TRANSLATE_NOOP("reports", "Supervisor's check"),
    "complaint": QT_TRANSLATE_NOOP("reports", "For complaint"),
}


def F(key: str, label: str | None = None, **kw) -> Field:  # noqa: N802 - reads like a form
    return Field(LABELS[label or key], key, **kw)


STUB = FormDef(PART_STUB, [
    [F("number"), F("issued")],
    [F("unit"), F("technician")],
    [F("task", wide=True)],
])
NOTICE = FormDef(PART_NOTICE, [
    [F("number"), F("urgency")],
    [F("unit"), F("location")],
    [F("contact"), F("phone")],
    [F("task", wide=True, height=20)],
    [F("window"), F("technician")],
    [F("department"), F("issued_by")],
])
SLIP = FormDef(PART_SLIP, [
    [F("number"), F("unit")],
    [F("arrived"), F("finished")],
    [F("result", wide=True, height=16)],
    [F("materials", wide=True, height=11)],
    [F("fee", wide=True)],
    [F("opinion", wide=True, height=20, sign=SIGN_CUSTOMER)],
    [F("tech_sign"), F("check", "check")],
])


class CutLine(Flowable):
    """A dashed line across the page with "cut along this line" in the middle."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 6 * mm

    def draw(self) -> None:
        c = self.canv
        text = tr(CUT)
        c.setFont(cjk_font(), 7.5)
        text_w = c.stringWidth(text, cjk_font(), 7.5) + 4 * mm
        y = self.height / 2
        c.setDash(3, 2)
        c.setLineWidth(0.5)
        c.line(0, y, (self.width - text_w) / 2, y)
        c.line((self.width + text_w) / 2, y, self.width, y)
        c.drawCentredString(self.width / 2, y - 1.2 * mm, text)


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def notice_data(wo_id: int) -> dict[str, str]:
    wo = workorders.get(wo_id)
    tech = Staff.get_or_none(Staff.id == wo.technician_id) if wo.technician_id else None
    issuer = workorders.round_issuer(wo)
    window = ""
    if wo.window_start:
        window = f"{_when(wo.window_start)} – {wo.window_end:%H:%M}" if wo.window_end else _when(wo.window_start)
    task = wo.description
    if wo.complaint_id:
        task += f"（{tr(LABELS['complaint'])} {wo.complaint.number}）"
    number = wo.number
    if wo.rework_round:  # a redo: the paper says so, its round, and why
        number = tr(REWORK).format(number=wo.number, round=wo.rework_round + 1)
        reason = next((r.verdict_note for r in reversed(workorders.rounds(wo.id, reader=accounts.PROGRAM)) if r.verdict == "rework"), "")
        task = tr(REWORK_TASK).format(round=wo.rework_round + 1, reason=reason or "—", task=task)
    return {
        "number": number, "issued": _when(workorders.round_issued_at(wo) or wo.received_at),
        "unit": unit_display(wo.unit) if wo.unit_id else "", "location": wo.location,
        "contact": wo.contact_name, "phone": wo.contact_phone, "task": task,
        "urgency": Urgency(wo.urgency).label(), "window": window or _when(wo.scheduled_at),
        "technician": (tech.name if tech else "") + (f"  {_when(wo.scheduled_at)}" if tech and wo.scheduled_at else ""),
        "department": wo.department.name if wo.department_id else "",
        "issued_by": issuer.name if issuer else "",
        "arrived": BLANK_TIME, "finished": BLANK_TIME,
        "fee": fee_text(wo), "opinion": tr(OPINION_BOXES),
    }


def fee_text(wo) -> str:
    """The fee as the notice prints it: each line, the total, quotes still awaiting approval."""
    from propdesk.services.fees import charges

    if not wo.paid:
        return tr(FREE)
    lines = charges.lines(wo.id)
    if not lines:
        return tr(PAID)
    parts = []
    for line in lines:
        text = charges.line_text(line)
        if line.kind == "quote" and line.approved_by_id is None:
            text += tr(PENDING)
        parts.append(text)
    return tr(PAID_LINES).format(lines="；".join(parts), total=f"{charges.total(wo.id):.2f}")


def _part(form: FormDef, data: dict, width: float, office: str) -> KeepTogether:
    part = form.title_text()
    if data.get("printing", 1) > 1:  # a reprint (after a change) says which printing it is
        part = f"{part}  {tr(REPRINT).format(n=data['printing'])}"
    heading = Table([[Paragraph(para_text(f"{office}  {tr(TITLE)}"), style(13, 17)),
                      Paragraph(para_text(part), style(9.5, 12, align=TA_CENTER))]],
                    colWidths=[width * 0.55, width * 0.45])
    heading.setStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()),  # else Helvetica gets listed, unembedded
                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    return KeepTogether([heading, form_grid(form, data, width)])


def repair_notice_pdf(work_order_ids: list[int], path, mask_phones: bool | None = None,
                      actor=None) -> int:
    """Print the notices of ``work_order_ids`` (one page each) to the PDF ``path``;
    ``mask_phones`` (None: the office's setting) masks phones in every field. With ``actor``
    the printing is counted (and audited) once the file is written: a reprint says
    第 N 次打印. Returns the number of pages."""
    spec = PageSpec(landscape=False)
    width = frame_width(spec)
    office = settings.get("office_name") or ""
    story: list = []
    counts = workorders.print_counts(work_order_ids)
    for wo_id in work_order_ids:
        data = privacy.mask_values(notice_data(wo_id), mask_phones)
        data["printing"] = counts.get(wo_id, 0) + 1 if actor is not None else max(counts.get(wo_id, 0), 1)
        if story:
            story.append(PageBreak())
        story += [_part(STUB, data, width, office), CutLine(width),
                  _part(NOTICE, data, width, office), CutLine(width),
                  _part(SLIP, data, width, office)]
    build(path, story, spec, title_meta=tr(TITLE))
    if actor is not None:
        workorders.record_prints(actor, work_order_ids)
    return len(work_order_ids)


def todays_notices(day: dt.date | None = None) -> list[int]:
    """The orders handed over (or scheduled) today and not yet finished, for batch printing.
    Handed over: the current round (workorders.round_issued_on), so a redo handed over again
    today is in today's batch though its first hand-over was days ago."""
    from propdesk.models.tables import WorkOrder

    day = day or dt.date.today()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    query = (WorkOrder.select(WorkOrder.id)
             .where(WorkOrder.status.in_(("assigned", "in_progress", "rework"))
                    & (workorders.round_issued_on(day)
                       | ((WorkOrder.scheduled_at >= start) & (WorkOrder.scheduled_at < end))))
             .order_by(WorkOrder.scheduled_at, WorkOrder.id))
    return [w.id for w in query]
