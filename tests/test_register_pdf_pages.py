"""The register PDF drawn page by page (issue 21 step 6): what the paper book needs on every page,
text wrapped inside its cell without losing a character, rare characters in short cells too."""
import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from fixtures.report_data import LONG_TEXT, _complaint
from propdesk.reports import pdf
from propdesk.reports.pdf import register as book
from propdesk.reports.pdf.register import CANNOT_START, FONT_SIZE, _Text

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def pages(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


def test_a_line_taller_than_a_page_goes_on_and_every_page_has_its_frame(office, tmp_path):
    huge = (LONG_TEXT * 12)[:4000]  # the longest description intake takes
    _complaint(office["clerk"], dt.datetime(2026, 11, 2, 9, 0), description="楼道灯不亮")
    _complaint(office["clerk"], dt.datetime(2026, 11, 3, 9, 0), description=huge,
               complainant="王𪚥")  # a short cell with a character only a fallback font has
    _complaint(office["clerk"], dt.datetime(2026, 11, 4, 9, 0), description="电梯停运")
    path = tmp_path / "long.pdf"
    assert pdf.register_pdf("complaints", path, *NOV) == 3
    texts = pages(path)
    assert len(texts) >= 3  # the 4,000 characters need more than one page
    for n, text in enumerate(texts, 1):
        assert "客户投诉记录本" in text and "主管签字" in text and f"第 {n} / {len(texts)} 页" in text
        if "TS-" in text:  # the header row above the lines (a last page may hold the total only)
            assert "投诉内容" in text
    whole = flat("".join(texts))
    # nothing lost where the line broke across pages (the pages' own text only adds to it)
    have, want = Counter(whole), Counter(flat(huge))
    assert all(have[ch] >= n for ch, n in want.items())
    assert flat(huge)[:300] in whole and flat(huge)[-300:] in whole
    assert "王𪚥" in whole and "楼道灯不亮" in whole and "电梯停运" in whole
    assert whole.index("楼道灯不亮") < whole.index("王𪚥") < whole.index("电梯停运")
    assert "共3条记录" in flat(texts[-1])


def test_many_lines_fill_pages_in_order(office, tmp_path, monkeypatch):
    made = [_complaint(office["clerk"], dt.datetime(2026, 11, 1 + i % 28, 8, i), description=f"第{i}件")
            for i in range(40)]
    path = tmp_path / "many.pdf"
    seen = []
    monkeypatch.setattr(book, "PROGRESS_EVERY", 7)
    assert pdf.register_pdf("complaints", path, *NOV, progress=lambda d, t: seen.append((d, t))) == 40
    assert seen[0] == (7, 40) and seen[-1] == (40, 40)
    texts = pages(path)
    assert len(texts) >= 3
    order = [m.number for m in sorted(made, key=lambda c: (c.received_at, c.id))]
    whole = flat("".join(texts))
    positions = [whole.index(number) for number in order]
    assert positions == sorted(positions)  # the order received, across the pages


@given(st.text(alphabet=st.sampled_from(list("漏水维修，。、（）《》ABC xyz0123456789-𪚥\n")), max_size=300),
       st.floats(min_value=30, max_value=200))
@settings(max_examples=150, deadline=None)
def test_wrapping_keeps_every_character_and_the_width(text, width):
    t = _Text(None, FONT_SIZE)
    lines = t.wrap(text, width)
    # only the spaces where a line was broken may go, and the line breaks themselves
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    for para in text.split("\n"):
        lines = t.wrap(para, width)
        for before, line in zip([""] + lines, lines):
            body = line[:-2].rstrip("".join(CANNOT_START)) if line[-2:] and line[-1] in CANNOT_START \
                else line
            if len(body) > 1:
                assert sum(map(t.width_of, body)) <= width + 0.02, line  # hanging punctuation aside
            if before and line[0] in CANNOT_START:  # only after two hanging at the end already
                assert before[-2:] and all(ch in CANNOT_START for ch in before[-2:]), (before, line)


def test_numbers_stay_whole_and_punctuation_never_starts_a_line():
    t = _Text(None, FONT_SIZE)
    width = sum(map(t.width_of, "阳光花园3栋2单元"))  # "1201" does not fit after it
    assert t.wrap("阳光花园3栋2单元1201", width) == ["阳光花园3栋2单元", "1201"]
    width = sum(map(t.width_of, "楼上漏水"))
    assert t.wrap("楼上漏水，请尽快", width) == ["楼上漏水，", "请尽快"]


def test_cancel_while_the_file_is_written(office, tmp_path, monkeypatch):
    """Cancel is heard while thousands of pages are written out, not only between lines."""
    from propdesk.reports import ExportCancelled

    for i in range(3):
        _complaint(office["clerk"], dt.datetime(2026, 11, 2 + i, 9, 0), description="楼道灯不亮")
    monkeypatch.setattr(book, "CHECK_EVERY", 3)
    asked = []

    def should_cancel():  # no while the lines are drawn, yes once the file is being written
        asked.append(True)
        return len(asked) > 1

    target = tmp_path / "out" / "c.pdf"
    target.parent.mkdir()
    with pytest.raises(ExportCancelled):
        pdf.register_pdf("complaints", target, *NOV, should_cancel=should_cancel)
    assert len(asked) == 2 and list(target.parent.iterdir()) == []
