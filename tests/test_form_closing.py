"""A printed form never ends with a signature or its last row alone at the top of a page
(reports/pdf/form.py): with the longest texts intake and handling accept, the form's grid breaks
between rows, and the row above a signature, and the row above the last one, go with it."""
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from propdesk.models.tables import Category
from propdesk.reports import pdf
from propdesk.reports.pdf import complaint_forms as cf
from propdesk.reports.pdf.page import tr
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput

AT = dt.datetime(2026, 11, 24, 9, 0)
WORDS = "楼上卫生间漏水，天花板发霉，业主多次反映。Water leaks 123；"


def long(mark: str, n: int) -> str:
    return (mark + WORDS * (n // len(WORDS) + 1))[:n]


def pages(path) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


def label(key: str) -> str:
    return tr(cf.LABELS[key])


def signature(text: str) -> str:
    """The words of a signature line before its blank (投诉人签字)."""
    return re.split(r"[:：]", tr(text))[0].strip()


@pytest.fixture
def long_case(office):
    texts = {"description": long("甲", 4000), "customer_request": long("乙", 2000),
             "location": long("丙", 200), "people_involved": long("丁", 200),
             "evidence": long("戊", 200), "complainant": "张伟"}
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=AT, phone="13800138000", unit="3栋2单元1201", severity="important",
        category_id=Category.get(Category.name == "工程维修/设施设备").id, **texts), at=AT)
    complaints.record_reply(office["clerk"], c.id, AT, "phone", long("子", 2000), at=AT)
    return c


# the complainant's opinion at its longest pushed the last row (earlier rounds) onto a page of
# its own; shorter ones move the page breaks elsewhere
@pytest.mark.parametrize("opinion", [2000, 1960, 1500, 900, 300])
def test_no_signature_or_last_row_alone_on_a_page(office, long_case, tmp_path, opinion):
    complaints.record_handling(office["clerk"], long_case.id, cause=long("庚", 2000),
                               action=long("辛", 2000), result=long("壬", 2000),
                               customer_opinion=long("癸", opinion))
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(long_case.id, path, forms=("opinion_record",))
    texts = pages(path)
    assert len(texts) > 2

    def page_of(words: str) -> str:
        [page] = [t for t in texts if words in t]
        return page

    # the last row with the row above it (never reopened: no earlier rounds, 办结日期 is last)
    assert label("history") not in "".join(texts)
    assert label("check") in page_of(label("closed_at"))
    # the complainant's signature with an earlier piece of the opinion or the result above it
    signed = page_of(signature(cf.SIGN_COMPLAINANT))
    assert signed.count(label("customer_opinion")) >= 2 or label("result") in signed, signed[:80]
    assert label("handler") in page_of(signature(cf.SIGN_SUPERVISOR))

    info = tmp_path / "info.pdf"
    pdf.complaint_forms_pdf(long_case.id, info, forms=("customer_info",))
    texts = pages(info)
    assert label("taken_by") in page_of(signature(cf.SIGN_CALLBACK))


def test_earlier_rounds_only_when_reopened(office, tmp_path):
    """A case never reopened printed an empty 以往各轮处理（重新打开） box under its last row:
    the box is left out, and 办结日期 / 回访结果 is the last row (with the supervisor's
    check above it, on one page); a reopened case prints its earlier round there as the last
    row, with 办结日期 above it."""
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=AT, phone="13800138000", unit="3栋2单元1201", severity="minor",
        complainant="张伟", description="楼上漏水",
        category_id=Category.get(Category.name == "工程维修/设施设备").id), at=AT)
    complaints.record_reply(office["clerk"], c.id, AT, "phone", "已答复", at=AT)
    complaints.record_handling(office["clerk"], c.id, cause="水管破裂", action="更换水管",
                               result="已修好", customer_opinion="满意")
    path = tmp_path / "plain.pdf"
    pdf.complaint_forms_pdf(c.id, path, forms=("opinion_record",))
    [text] = pages(path)
    assert label("history") not in text
    assert text.index(signature(cf.SIGN_SUPERVISOR)) < text.index(label("closed_at")) \
        < text.index(label("callback_short"))

    complaints.close(office["clerk"], c.id, "办结", at=AT)
    complaints.reopen(office["supervisor"], c.id, "又漏了")
    pdf.complaint_forms_pdf(c.id, path, forms=("opinion_record",))
    [text] = pages(path)
    assert text.index(label("closed_at")) < text.index(label("history")) < text.index("又漏了")


def test_earlier_rounds_of_a_long_reopened_case_go_with_the_row_above(office, long_case, tmp_path):
    """The longest texts in the current round, a short earlier one: the earlier rounds are the
    last row, on the page of 办结日期 above them (as before the box became optional)."""
    complaints.record_handling(office["clerk"], long_case.id, cause="水管破裂", action="更换水管",
                               result="已修好", customer_opinion="满意")
    complaints.close(office["clerk"], long_case.id, "办结", at=AT)
    complaints.reopen(office["supervisor"], long_case.id, "又漏了")
    complaints.record_handling(office["clerk"], long_case.id, cause=long("庚", 2000),
                               action=long("辛", 2000), result=long("壬", 2000),
                               customer_opinion=long("癸", 2000))
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(long_case.id, path, forms=("opinion_record",))
    texts = pages(path)
    [last] = [t for t in texts if label("history") in t]
    assert label("closed_at") in last and "又漏了" in last and last == texts[-1]
