"""An incident's callers as a printed list: whom to tell that the water (or power, or lift)
is back, with their phones and units, and a column to tick off."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.reports.pdf.page import PageSpec, build, frame_width, para_text, style
from propdesk.reports.pdf.tables import table_flowable
from propdesk.reports.weekly_tables import ReportTable, tr
from propdesk.services.cases import incidents
from propdesk.services.core import settings
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.register import privacy

TITLE = QT_TRANSLATE_NOOP("reports", "Incident notice list")
HEADERS = [QT_TRANSLATE_NOOP("reports", "Time of call"), QT_TRANSLATE_NOOP("reports", "Caller"),
           QT_TRANSLATE_NOOP("reports", "Phone"), QT_TRANSLATE_NOOP("reports", "Unit"),
           QT_TRANSLATE_NOOP("reports", "What they said"), QT_TRANSLATE_NOOP("reports", "Told (who, when)")]
SUMMARY = QT_TRANSLATE_NOOP("reports", "{number} {title} · area: {area} · started {start} · expected end {end}")


def incident_notice_pdf(incident_id: int, path, mask_phones: bool | None = None) -> int:
    """Print the incident's callers to the PDF ``path``; returns how many. ``mask_phones``
    (None: the office's setting) masks their phones and any phone in what they said."""
    from propdesk.models.tables import Incident

    incident = Incident.get_by_id(incident_id)
    people = incidents.contacts(incident_id, reader=PROGRAM)  # the desk's print button: the tab checked
    spec = PageSpec(title=tr(TITLE), left=settings.get("office_name") or "", right=incident.number)
    width = frame_width(spec)
    phone, text = privacy.masker(mask_phones, phone_field=True), privacy.masker(mask_phones)
    table = ReportTable(incident.title, [tr(h) for h in HEADERS], [
        [c.at.strftime("%m-%d %H:%M"), c.name, phone(c.phone), c.unit.label if c.unit_id else "", text(c.note), ""]
        for c in people])
    head = tr(SUMMARY).format(number=incident.number, title=incident.title,
                              area=translate("ui", incidents.area_text(incident)),
                              start=incident.started_at.strftime("%Y-%m-%d %H:%M"),
                              end=incident.expected_end.strftime("%Y-%m-%d %H:%M") if incident.expected_end else "—")
    widths = [w * width for w in (0.11, 0.12, 0.14, 0.15, 0.28, 0.2)]
    story = [Paragraph(para_text(head), style(9.5)), Spacer(1, 4 * mm), table_flowable(table, width, widths)]
    build(path, story, spec, title_meta=f"{tr(TITLE)} {incident.number}")
    return len(people)
