"""The office's phone-masking setting, turned on in Office setup > profile."""
from PySide6.QtCore import Qt

from fixtures.report_data import populate
from propdesk.models.tables import AuditEntry
from propdesk.reports import excel
from propdesk.services.register import privacy
from propdesk.ui.setup.profile_tab import ProfileTab
from tests.test_masking import NOV, SAID, SAID_MASKED, xlsx_text
from fixtures.report_data import _complaint
import datetime as dt


def test_the_office_turns_masking_on_in_its_profile(qtbot, office, tmp_path):
    """Office setup > profile: the administrator ticks the box; it is stored, audited, and the
    next export masks; a supervisor sees it but cannot change it."""
    populate(office)
    _complaint(office["clerk"], dt.datetime(2026, 11, 21, 9, 0), description=SAID)
    tab = ProfileTab(office["admin"], editable=True)
    qtbot.addWidget(tab)
    assert not tab.mask_phones.isChecked()
    qtbot.mouseClick(tab.mask_phones, Qt.LeftButton)
    assert privacy.mask_in_exports() and tab.mask_messages.text() == "已保存。"
    entry = AuditEntry.select().where(AuditEntry.entity == "setting").order_by(AuditEntry.id.desc()).get()
    assert entry.staff_id == office["admin"].id and entry.note == privacy.SETTING
    path = tmp_path / "c.xlsx"
    excel.export_register("complaints", path, *NOV)
    assert SAID_MASKED in xlsx_text(path)
    read_only = ProfileTab(office["supervisor"], editable=False)
    qtbot.addWidget(read_only)
    assert read_only.mask_phones.isChecked() and not read_only.mask_phones.isEnabled()
