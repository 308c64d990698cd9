"""Long text prints (issue 16): the complaint forms and the repair notice flow onto
continuation pages for the longest text intake accepts, and every character can be read back."""
import datetime as dt
import re

from pypdf import PdfReader

from propdesk.models.tables import Category
from propdesk.reports import pdf
from propdesk.reports.pdf.repair_notice import repair_notice_pdf
from propdesk.services.cases import complaints, workorders
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput

AT = dt.datetime(2026, 11, 24, 9, 0)
WORDS = "楼上卫生间漏水，天花板发霉，业主多次反映。Water leaks 123；"


def long(mark: str, n: int) -> str:
    """``n`` characters, starting with ``mark`` so each field can be found in the text."""
    return (mark + WORDS * (n // len(WORDS) + 1))[:n]


def flat(text: str) -> str:
    return "".join(text.split())


# what stands between the pieces of one long text: a page's footer, a continuation row's label
FOOTER = re.compile(r"阳光花园物业服务中心打印日期[\d-]+PropDesk[\d.]+第\d+/\d+页")
# (a box split across two pages has its label, centred, in the part on the second page)
LABELS = re.compile(r"(事情经过|客户要求|发生地点|涉及人员|出示证据|投诉内容|回复内容|原因分析|整改措施|"
                    r"处理结果|投诉人意见|维修内容)(（续）)?")


def read(path) -> tuple[int, str]:
    """The pages, and their text without white space, footers and continuation labels."""
    pages = PdfReader(str(path)).pages
    text = flat("".join(p.extract_text() for p in pages))
    footers = len(FOOTER.findall(text))
    assert footers == len(pages)
    return len(pages), LABELS.sub("", FOOTER.sub("", text))


def test_complaint_forms_with_every_field_at_its_longest(office, tmp_path):
    texts = {"description": long("甲", 4000), "customer_request": long("乙", 2000),
             "location": long("丙", 200), "people_involved": long("丁", 200),
             "evidence": long("戊", 200), "complainant": long("己", 60)}
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=AT, phone="13800138000", unit="3栋2单元1201", severity="important",
        category_id=Category.get(Category.name == "工程维修/设施设备").id, **texts), at=AT)
    handling = {"cause": long("庚", 2000), "action": long("辛", 2000), "result": long("壬", 2000),
                "customer_opinion": long("癸", 2000)}
    complaints.record_reply(office["clerk"], c.id, AT, "phone", long("子", 2000), at=AT)
    complaints.record_handling(office["clerk"], c.id, **handling)
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(c.id, path)
    pages, text = read(path)
    assert pages > 2  # continuation pages, not a LayoutError
    for value in [*texts.values(), *handling.values(), long("子", 2000)]:
        assert flat(value) in text, text[text.index(value[:5]) - 20:][:len(flat(value)) + 80]
    assert "投诉人签字" in text and "主管签字" in text


def test_repair_notice_with_the_longest_task(office, tmp_path):
    description = long("甲", 4000)
    wo = workorders.create(office["clerk"], RepairInput(
        received_at=AT, phone="13800138000", contact_name=long("乙", 60), unit="3栋2单元1201",
        location=long("丙", 200), description=description), at=AT)
    other = workorders.create(office["clerk"], RepairInput(
        received_at=AT, phone="13800138000", contact_name="张伟", description="灯不亮"), at=AT)
    path = tmp_path / "notice.pdf"
    repair_notice_pdf([wo.id, other.id], path)
    pages, text = read(path)
    assert pages > 2
    assert text.count(flat(description)) == 2  # the stub and the notice
    assert flat(long("丙", 200)) in text and flat(long("乙", 60)) in text
    assert "灯不亮" in text and "客户签字" in text
