"""`propdesk export` and `propdesk import-owners`: files written, messages, exit codes."""
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fixtures.owner_workbooks import messy_roster
from fixtures.report_data import populate
from propdesk import cli
from propdesk.models.tables import Owner


@pytest.fixture
def db_args(db_location, office, monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_USER", "clerk")  # import-owners signs in
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    return ["--db", db_location, "--lang", "zh_CN"]


def run(args, capsys):
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("register, lines", [("complaints", 3), ("repairs", 2), ("callbacks", 4)])
def test_export_xlsx_and_pdf(db_args, tmp_path, capsys, register, lines):
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    code, out, _ = run(db_args + ["export", register, *period, "-o", str(xlsx)], capsys)
    assert code == 0 and out.strip() == f"已写入 {lines} 条记录：{xlsx}"
    assert load_workbook(xlsx).active.max_row == 3 + lines
    code, _, _ = run(db_args + ["export", register, *period, "-o", str(pdf), "--mask-phones"], capsys)
    assert code == 0 and PdfReader(str(pdf)).pages


def test_export_owners_needs_no_period_and_masks(db_args, tmp_path, capsys):
    path = tmp_path / "o.xlsx"
    code, _, _ = run(db_args + ["export", "owners", "-o", str(path), "--mask-phones"], capsys)
    assert code == 0
    values = [c.value for c in load_workbook(path).active[4]]
    assert "138 **** 8000、0755-****1234" in values


@pytest.mark.parametrize("args, words", [
    (["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-31", "-o", "x.xlsx"],
     "结束日期：“2026-11-31”不是有效日期"),
    (["export", "complaints", "--from", "11/01", "--to", "2026-11-30", "-o", "x.xlsx"],
     "开始日期：“11/01”不是有效日期"),
    (["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "x.docx"],
     "文件名必须以 .xlsx 或 .pdf 结尾"),
    (["export", "complaints", "-o", "x.pdf"], "客户投诉记录本需要统计期间"),
    (["export", "repairs", "--from", "2026-12-01", "--to", "2026-11-01", "-o", "x.pdf"], "晚于"),
    (["export", "callbacks", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "no/such/x.pdf"],
     "无法写入"),
    (["import-owners", "roster.xlsx"], "roster.xlsx：文件不存在"),
])
def test_bad_input_exits_1_naming_what(db_args, tmp_path, capsys, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(db_args + args, capsys)
    assert code == 1 and words in err and err.startswith("propdesk: ")
    assert not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize("args", [
    ["export", "bills", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "x.xlsx"],
    ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30"],  # no -o
    ["import-owners"],
])
def test_usage_errors_exit_2(db_args, capsys, args):
    with pytest.raises(SystemExit) as exit_:
        cli.main(db_args + args)
    assert exit_.value.code == 2


def test_import_owners_prints_counts_and_rejected_rows(db_args, tmp_path, capsys):
    path = messy_roster(tmp_path / "m.xlsx")
    before = Owner.select().count()
    code, out, err = run(db_args + ["import-owners", str(path), "--dry-run"], capsys)
    # lines refused: exit 1 (a scheduled task can tell), the count on stderr
    assert code == 1 and "新增 4 条" in out and "试运行" in out
    assert err.strip() == "propdesk: 名册中有 3 行未导入（原因见上）。"
    assert Owner.select().count() == before
    code, out, err = run(db_args + ["import-owners", str(path)], capsys)
    lines = out.strip().splitlines()
    assert code == 1 and "3 行未导入" in err
    assert lines[0] == "新增 4 条，更新 1 条，无变化 1 条，未导入 3 行。"
    # which sheet was read, then the refused lines
    assert lines[1] == "已读取工作表“业主花名册”（表头在第 4 行，其下 11 行）。"
    assert lines[2] == "未读取的工作表：“说明”（填写说明）。"
    assert lines[3].startswith("第 10 行：") and lines[4].startswith("第 11 行：")
    assert lines[5] == "第 12 行：请填写“楼栋”。"
    code, out, _ = run(db_args + ["import-owners", str(path)], capsys)
    assert out.splitlines()[0] == "新增 0 条，更新 0 条，无变化 6 条，未导入 3 行。"


def test_import_owners_not_a_workbook(db_args, tmp_path, capsys):
    fake = tmp_path / "list.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(db_args + ["import-owners", str(fake), "--estate", "翠苑"], capsys)
    assert code == 1 and "list.xlsx 不是 Excel 工作簿" in err


def test_import_owners_signs_in(db_args, tmp_path, capsys, monkeypatch):
    path = messy_roster(tmp_path / "m.xlsx")
    before = Owner.select().count()
    monkeypatch.delenv("PROPDESK_USER")
    code, _, err = run(db_args + ["import-owners", str(path)], capsys)
    assert code == 1 and "--user" in err and Owner.select().count() == before
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong")
    code, _, err = run(db_args + ["import-owners", str(path), "--user", "clerk"], capsys)
    assert code == 1 and "密码" in err and Owner.select().count() == before
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, _, err = run(db_args + ["import-owners", str(path), "--user", "technician"], capsys)
    assert code == 1 and "无权" in err and Owner.select().count() == before
    code, out, _ = run(db_args + ["import-owners", str(path), "--user", "clerk"], capsys)
    assert code == 1 and "新增 4 条" in out  # imported, with 3 lines refused
    from propdesk.models.tables import AuditEntry, Staff
    entry = AuditEntry.select().where(AuditEntry.entity == "owner_import").order_by(AuditEntry.id.desc()).get()
    assert entry.staff == Staff.get(Staff.username == "clerk")


def test_print_option_prints_the_pdf_and_refuses_what_it_cannot(db_args, tmp_path, capsys, monkeypatch):
    """`--print`: the written PDF goes through the same print path as the window (issue 17)."""
    from PySide6.QtPrintSupport import QPrinter

    from propdesk.ui import printing

    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    code, _, err = run(db_args + ["export", "complaints", *period, "-o", str(tmp_path / "r.xlsx"),
                                  "--print"], capsys)
    assert code == 1 and "PDF" in err and not (tmp_path / "r.xlsx").exists()
    code, _, err = run(db_args + ["export", "complaints", *period, "-o", str(tmp_path / "r.pdf"),
                                  "--print", "没有这台打印机"], capsys)
    assert code == 1 and "没有这台打印机" in err
    sheets = tmp_path / "paper.pdf"

    def to_pdf_printer(path, name=""):
        printer = printing.new_printer(path)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(sheets))
        printer.setResolution(100)
        return printing.render(path, printer)

    monkeypatch.setattr(printing, "print_directly", to_pdf_printer)
    code, out, _ = run(db_args + ["report", "weekly", "--week", "2026-W47", "-o", str(tmp_path / "w.pdf"),
                                  "--print", "前台"], capsys)
    assert code == 0 and "前台" in out
    assert len(PdfReader(str(sheets)).pages) == len(PdfReader(str(tmp_path / "w.pdf")).pages)


def test_import_owners_exits_0_only_when_every_line_was_taken(db_args, tmp_path, capsys):
    from fixtures.owner_workbooks import roster

    path = roster(tmp_path / "ok.xlsx", ["房号", "姓名", "电话"], [["3栋2单元1201", "方红", "13800000001"]])
    code, out, err = run(db_args + ["import-owners", str(path)], capsys)
    assert code == 0 and err == "" and "未导入 0 行" in out


def test_report_without_output_writes_a_pdf_in_the_documents_folder(db_args, tmp_path, capsys, monkeypatch):
    """`report weekly` without -o: a PDF named for the week in the Documents folder, said on
    stdout; run again, a second file beside it, never over the first."""
    import platformdirs

    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(docs))
    code, out, _ = run(db_args + ["report", "weekly", "--week", "2026-W47"], capsys)
    first = docs / "周报_2026-W47.pdf"
    assert code == 0 and str(first) in out and PdfReader(str(first)).pages
    code, out, _ = run(db_args + ["report", "weekly", "--week", "2026-W47"], capsys)
    assert code == 0 and str(docs / "周报_2026-W47 (2).pdf") in out
    code, out, _ = run(db_args + ["report", "fees", "--month", "2026-11"], capsys)
    summary = docs / "有偿服务费汇总_2026-11.pdf"
    assert code == 0 and str(summary) in out and "有偿服务费" in PdfReader(str(summary)).pages[0].extract_text()
