"""Every character prints (issue 16): Extension A/B ideographs come from the shipped fallback
font, a character no font has (emoji) prints as a visible box with a warning, never a gap.
Checked by extracting the text; the pages were also looked at (pdftoppm)."""
import datetime as dt
import logging

from pypdf import PdfReader

from pdf_fonts import assert_all_embedded, embedded_fonts
from propdesk.models.tables import Complaint
from propdesk.reports import fonts, pdf
from propdesk.reports.pdf.page import para_text
from propdesk.resources import resource_path
from propdesk.services.core import settings
from tests.test_weekly import complaint

RARE = "𠀀 𪚥 䶮 𬀩"  # Extension B, B, A, E (in HanaMinA)


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_rare_characters_print_and_emoji_show_a_box(office, tmp_path, caplog):
    c = complaint(office, dt.datetime(2026, 11, 17, 9, 0))
    Complaint.update(complainant="王𪚥😀", description=f"楼道里{RARE}都看不见了").where(
        Complaint.id == c.id).execute()
    path = tmp_path / "forms.pdf"
    with caplog.at_level(logging.WARNING, logger="propdesk.reports.pdf.page"):
        pdf.complaint_forms_pdf(c.id, path)
    text = text_of(path)
    assert "王𪚥□" in text and "😀" not in text  # the name, and a visible mark for the emoji
    assert f"楼道里{RARE}都看不见了" in text
    assert "U+1F600" in text  # the page says what the box stands for
    assert "U+1F600" in caplog.text
    assert_all_embedded(path)
    assert any("HanaMin" in name for name in embedded_fonts(path))


def test_the_header_and_footer_switch_fonts_too(office, tmp_path):
    settings.put("office_name", "𪚥花园物业")
    from propdesk.reports.pdf.weekly import weekly_pdf
    from propdesk.services.lists import weekly

    path = tmp_path / "w.pdf"
    weekly_pdf(weekly.summary(dt.date(2026, 11, 16), dt.date(2026, 11, 22), at=dt.datetime(2026, 11, 24)),
               path, "李强")
    text = text_of(path)
    # each font run is drawn apart: pypdf puts a line break between them
    assert "𪚥花园物业" in text.replace("\n", "") and "U+" not in text  # nothing replaced, no note


def test_runs_and_markup():
    assert fonts.runs("平常的字") == [(None, "平常的字")]
    runs = fonts.runs("王𪚥😀️a")  # the variation selector after the emoji draws nothing
    assert runs[0] == (None, "王") and runs[1][0] == "PropDeskExtA" and runs[1][1] == "𪚥"
    assert runs[2] == (None, "□a")
    assert fonts.take_missing() == {"😀"} and fonts.take_missing() == set()
    markup = para_text("a<b>\n䶮")
    assert markup == 'a&lt;b&gt;<br/><font name="PropDeskExtA">䶮</font>'
    fonts.take_missing()


def test_fallback_fonts_and_licence_are_shipped():
    for name in ("HanaMinA-ext.ttf", "HanaMinB-ext.ttf", "LICENSE-hanazono.txt"):
        assert resource_path("fonts", name).is_file(), name
    assert "Hanazono Font License" in resource_path("fonts", "LICENSE-hanazono.txt").read_text()


def test_a_chart_label_shows_a_box_and_the_footer_says_why(office, tmp_path):
    from propdesk.models.tables import Category
    from propdesk.reports.pdf.weekly import weekly_pdf
    from propdesk.services.lists import weekly

    c = complaint(office, dt.datetime(2026, 11, 17, 9, 0))
    Category.update(name="漏水😀").where(Category.id == c.category_id).execute()
    path = tmp_path / "w.pdf"
    weekly_pdf(weekly.summary(dt.date(2026, 11, 16), dt.date(2026, 11, 22), at=dt.datetime(2026, 11, 24)),
               path, "李强")
    text = text_of(path)
    assert "漏水□" in text and "U+1F600" in text


def test_extension_b_from_the_second_font_and_what_is_left_out(office, tmp_path):
    """HanaMinB-ext carries the Extension B characters with a Mandarin reading (𡒄 U+21484);
    one with none (𠀂 U+20002, a historical form) is left out of the shipped subset to keep it
    at 7 MB instead of 20, and prints as a box with the footer's note, never a gap."""
    runs = fonts.runs("𡒄𠀂")
    assert runs[0] == ("PropDeskExtB", "𡒄") and runs[1] == (None, "□")
    fonts.take_missing()
    c = complaint(office, dt.datetime(2026, 11, 17, 9, 0))
    Complaint.update(complainant="张𡒄", description="楼道里𠀂字").where(Complaint.id == c.id).execute()
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(c.id, path)
    text = text_of(path)
    assert "张𡒄" in text and "楼道里□字" in text and "U+20002" in text
    assert any("HanaMinB" in name for name in embedded_fonts(path))
