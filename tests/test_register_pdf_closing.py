"""The register's closing line "共 N 条记录。" stays on the page of the book's last line (issue 21):
when the lines fill the last page so that the closing line has no room under them, the last
line goes over with it instead of the closing line standing alone on a page of its own. Read
back from the PDF, for the line counts that fill a page, one fewer and one more."""
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from fixtures.report_data import _complaint
from propdesk.reports import pdf

START = dt.date(2026, 1, 1)
END = START + dt.timedelta(days=99)
TALL = 4  # the first lines are one text line taller than the others: each start day below
# leaves a different gap under a full page (an ordinary line is three text lines high)
NUMBER = re.compile(r"TS-\d{8}-\d{3}")


def _day(i: int) -> dt.date:
    return START + dt.timedelta(days=i)


@pytest.fixture
def lines(office):
    """One complaint a day for a hundred days, all alike but the first TALL."""
    for i in range(100):
        _complaint(office["clerk"], dt.datetime.combine(_day(i), dt.time(9, 0)),
                   description="\n".join(["楼道灯不亮"] * 4) if i < TALL else "楼道灯不亮")


def _print(tmp_path, first: dt.date, last: dt.date) -> tuple[list[list[str]], list[str]]:
    """The complaint numbers on each page, and each page's text without spaces."""
    path = tmp_path / f"{first}-{last}.pdf"
    pdf.register_pdf("complaints", path, first, last)
    pages = [p.extract_text() for p in PdfReader(str(path)).pages]
    return [NUMBER.findall(p) for p in pages], [p.replace("\n", "").replace(" ", "") for p in pages]


def test_the_closing_line_stays_with_the_last_line(lines, tmp_path):
    went_over = 0
    for start in range(TALL):
        whole, _ = _print(tmp_path, _day(start), END)
        fits = len(whole[0])  # lines the first page holds from this start day
        assert len(whole) >= 3 and fits > 5
        for n in (fits - 1, fits, fits + 1):
            numbers, texts = _print(tmp_path, _day(start), _day(start + n - 1))
            counts = list(map(len, numbers))
            assert sum(counts) == n
            assert all(counts), f"from day {start}, {n} lines: a page without a line {counts}"
            assert f"共{n}条记录" in texts[-1]  # on the page of the last line, and only there
            assert all("条记录" not in t for t in texts[:-1])
            assert "主管签字" in texts[-1] and "投诉内容" in texts[-1]
            if n < fits:
                assert counts == [n]
            elif n == fits:  # the page is full: the total fits under it, or its last line goes over
                assert counts in ([fits], [fits - 1, 1])
                went_over += counts == [fits - 1, 1]
            else:  # one line more: it and the total share the second page
                assert counts == [fits, 1]
    assert went_over  # the case this is about did come up (with one start day or another)
