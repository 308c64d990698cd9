"""Registers and complaint forms printed as PDF: text extracted page by page, fonts embedded."""
import datetime as dt
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from fixtures.report_data import LONG_TEXT, _complaint, populate
from propdesk import __version__, i18n
from propdesk.errors import NotFound
from propdesk.reports import ReportError, fonts, pdf
from propdesk.resources import resource_path

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture
def data(office):
    return populate(office)


def pages(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


def assert_fonts_embedded(path):
    """Every font of every page is a TrueType font carried in the file (never a font the
    viewer must have, never a CID font such as STSong-Light)."""
    reader = PdfReader(str(path))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(font["/BaseFont"])
            assert font["/Subtype"] == "/TrueType", font
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert names and all("WenQuanYi" in n for n in names)
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        emb = [re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row).group(1)
               for row in out.splitlines()[2:]]
        assert emb and set(emb) == {"yes"}, out


def test_complaint_register(data, tmp_path):
    path = tmp_path / "c.pdf"
    assert pdf.register_pdf("complaints", path, *NOV) == 3
    assert_fonts_embedded(path)
    [text] = pages(path)
    for expected in ("客户投诉记录本", "阳光花园物业服务中心", "统计期间：2026-11-01 至 2026-11-30",
                     "投诉内容", "处理结果", "回访结果", "TS-20261103-001", "2026-11-03 09:15",
                     "3栋2单元1201", "地下车库B区照明坏了三盏", "已更换，照明恢复", "满意：灯都亮了，谢谢",
                     "=邻居深夜噪音", "超时", "共 3 条记录", "主管签字", "第 1 / 1 页",
                     f"PropDesk {__version__}", f"打印日期 {dt.date.today().isoformat()}"):
        assert expected in text, expected
    assert flat(LONG_TEXT) in flat(text)  # the long text wraps inside its cell, all of it
    assert "TS-20261112-001" not in text  # voided
    meta = PdfReader(str(path)).metadata
    assert meta.title.startswith("客户投诉记录本") and meta.creator == f"PropDesk {__version__}"


def test_header_row_and_page_numbers_on_every_page(office, tmp_path):
    for i in range(45):
        _complaint(office["clerk"], dt.datetime(2026, 11, 1 + i % 28, 8, i), description=LONG_TEXT[: 40 + i * 3])
    path = tmp_path / "many.pdf"
    seen = []
    assert pdf.register_pdf("complaints", path, *NOV, progress=lambda d, t: seen.append((d, t))) == 45
    assert seen[-1] == (45, 45)
    texts = pages(path)
    assert len(texts) >= 3
    for n, text in enumerate(texts, 1):
        assert "客户投诉记录本" in text and "编号" in text and "投诉内容" in text
        assert f"第 {n} / {len(texts)} 页" in text and "主管签字" in text


@pytest.mark.parametrize("name, expected", [
    ("repairs", ["报修维修记录本", "PG-20261115-001", "厨房水龙头漏水，需要更换阀芯", "35.50", "急修",
                 "陈师傅", "基本满意：修好了，但是等了一个多小时"]),
    ("callbacks", ["客户回访记录本", "HF-20261116-001", "PG-20261115-001", "修好了，但是等了一个多小时",
                   "上门", "基本满意", "待回访"]),
    ("owners", ["业主档案", "截至", "张伟", "138 0013 8000、0755-26881234", "租户"]),
])
def test_other_registers(data, tmp_path, name, expected):
    path = tmp_path / f"{name}.pdf"
    pdf.register_pdf(name, path, *NOV)
    assert_fonts_embedded(path)
    text = flat("".join(pages(path)))  # wrapped cells come out on several lines
    for word in expected:
        assert flat(word) in text, word


def test_masked_and_empty(office, tmp_path):
    path = tmp_path / "o.pdf"
    pdf.register_pdf("owners", path, mask_phones=True)
    text = pages(path)[0]
    assert "138****8000" in flat(text) and "13800138000" not in flat(text)  # 138 **** 8000
    path = tmp_path / "empty.pdf"
    assert pdf.register_pdf("callbacks", path, dt.date(2025, 1, 1), dt.date(2025, 1, 2)) == 0
    text = pages(path)[0]
    assert "本期间无记录" in text and "共 0 条记录" in text


def test_complaint_forms(data, tmp_path):
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(data["c1"].id, path)
    assert_fonts_embedded(path)
    info, record = pages(path)
    for word in ("客户信息登记表", "编号：TS-20261103-001", "投诉人", "张伟", "3栋2单元1201",
                 "13800138000", "受理时间", "2026-11-03 09:15", "受理渠道", "电话", "发生地点",
                 "地下车库B区", "发生时间", "2026-11-02 21:00", "涉及人员", "夜班保安", "事情经过",
                 "客户要求", "尽快修好", "出示证据", "现场照片2张", "受理人", "王芳", "回访记录",
                 "灯都亮了，谢谢", "第 1 / 2 页"):
        assert word in info, word
    for word in ("客户意见处理记录表", "投诉类别", "工程维修/设施设备", "投诉级别", "重要", "责任部门",
                 "工程部", "回复时间", "2026-11-03 10:00 电话", "已通知工程部今天更换", "原因分析",
                 "灯管老化", "整改措施", "更换LED灯管三支", "处理结果", "已更换，照明恢复", "投诉人意见",
                 "满意，处理及时", "投诉人签字", "处理人签字", "主管核查", "主管签字", "办结日期",
                 "2026-11-04 16:00", "第 2 / 2 页"):
        assert word in record, word


def test_forms_long_text_and_english(data, tmp_path):
    i18n.set_language("en")
    path = tmp_path / "forms.pdf"
    pdf.complaint_forms_pdf(data["c2"].id, path)
    info, record = pages(path)
    assert "Customer information form" in info and "What happened" in info
    assert flat(LONG_TEXT) in flat(info)
    assert "Customer opinion handling record" in record and "Major" in record
    assert "Complainant's signature" in record and "Page 2 / 2" in record
    with pytest.raises(NotFound):
        pdf.complaint_forms_pdf(9999, tmp_path / "none.pdf")


def test_font_candidates_missing_broken_then_usable(monkeypatch, tmp_path):
    missing = (tmp_path / "none.ttc", 0)
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    monkeypatch.setattr(fonts, "candidates", lambda: [missing, (broken, 0)])
    fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(ReportError) as err:
            fonts.cjk_font()
        assert "wqy-microhei.ttc" in err.value.text() and "中文" in err.value.text()
        shipped = resource_path("fonts", "wqy-microhei.ttc")
        monkeypatch.setattr(fonts, "candidates", lambda: [missing, (broken, 0), (shipped, 0)])
        fonts.cjk_font.cache_clear()
        assert fonts.cjk_font() == fonts.FONT_NAME
    finally:
        fonts.cjk_font.cache_clear()


def test_font_and_licence_are_shipped():
    assert resource_path("fonts", "wqy-microhei.ttc").stat().st_size > 4_000_000
    licence = resource_path("fonts", "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache-2.0" in licence and "Font exception" in licence


def test_unwritable_target_is_a_clear_error(office, tmp_path):
    with pytest.raises(ReportError) as err:
        pdf.register_pdf("owners", tmp_path / "no" / "such" / "o.pdf")
    assert "无法写入" in err.value.text() and "o.pdf" in err.value.text()
    target = tmp_path / "o.pdf"
    pdf.register_pdf("owners", target)
    assert target.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()
                                                        if p.suffix == ".pdf"] == ["o.pdf"]
