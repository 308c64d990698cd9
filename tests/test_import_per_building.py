"""Rosters kept as one sheet per building (or per estate): sheets of one shape read together,
the building from the sheet's name, the other sheets left out with why, never guessed."""
import pytest
from openpyxl import Workbook

from fixtures.property_systems import PER_BUILDING_HEADER, per_building_roster
from propdesk.errors import RuleError
from propdesk.models.tables import AuditEntry, Owner, OwnerPhone, Unit
from propdesk.services.register import importing
from propdesk.services.register.sheets import NamePlace, name_place
from test_import_shapes import estates, stored  # noqa: F401 - the two-estate office fixture

PARTS = ["阳光花园3栋", "5栋", "5幢", "翠湖苑", "二期"]
STORED = {
    ("阳光花园", "3栋1单元1201", "周杰", "owner", ("13700001201",)),
    ("阳光花园", "3栋1单元1202", "𠮷田花子", "owner", ("13700001202",)),  # 1单元 merged over it
    ("阳光花园", "3栋2单元301", "吴敏", "owner", ("075526880301", "13700002301")),
    ("阳光花园", "5栋1单元1201", "张伟明", "owner", ("13700005121",)),  # 单元 written 1
    ("阳光花园", "5栋2单元1202", "李娜", "owner", ("13700005222",)),  # 2-1202 on the 5栋 sheet
    ("翠湖苑", "5幢1单元1202", "陈静", "owner", ("13700015122",)),  # 5幢: 翠湖苑's word
    ("翠湖苑", "5幢2单元802", "赵强", "owner", ("13700015802",)),
    ("翠湖苑", "3幢1单元301", "钱多多", "owner", ("13700013301",)),  # the estate from 翠湖苑
}
REFUSED = [
    "工作表“5栋”第 5 行：“3栋1单元301”在 3栋，但工作表“5栋”的表名是 5栋。请改正该行或工作表名。",
    "工作表“二期”第 3 行：“301”没有写明楼栋，而工作表“二期”没有楼栋列，表名也不是楼栋（如 1栋、"
    "阳光花园3栋）。请在该行写明楼栋，或用楼栋给该工作表命名。",
    "工作表“二期”第 4 行：“1201”没有写明楼栋，而工作表“二期”没有楼栋列，表名也不是楼栋（如 1栋、"
    "阳光花园3栋）。请在该行写明楼栋，或用楼栋给该工作表命名。",
]
READING = [
    "以下工作表列相同，按此顺序合并为一份花名册读取：“阳光花园3栋”（表头在第 2 行，3 行）、"
    "“5栋”（表头在第 2 行，3 行）、“5幢”（表头在第 2 行，2 行）、“翠湖苑”（表头在第 2 行，1 行）、"
    "“二期”（表头在第 2 行，2 行）。",
    "楼栋取自工作表名（该表没有楼栋列）：“阳光花园3栋”→阳光花园 3栋、“5栋”→5栋、“5幢”→5幢。",
    "小区取自工作表名（用于未写小区的行）：“翠湖苑”→翠湖苑。",
    "工作表“二期”没有楼栋列，表名也不是楼栋（如 1栋、阳光花园3栋）：其中未写明楼栋的行不予导入。",
    "未读取的工作表：“汇总”（列与花名册工作表不同）、“旧业主”（隐藏）、“填写说明”（填写说明）。",
]


def owner_imports() -> int:
    return AuditEntry.select().where(AuditEntry.entity == "owner_import").count()


def test_one_sheet_per_building_read_as_one_roster(estates, tmp_path):  # noqa: F811
    path = per_building_roster(tmp_path / "花名册.xlsx")
    roster = importing.read_roster(path)
    assert [p.sheet for p in roster.parts] == PARTS and roster.question is None
    assert roster.describe() == READING
    p = importing.preview(roster)
    assert [(r.where, r.stored_as()) for r in p.rows] == [
        ("阳光花园3栋 3", "阳光花园 3栋1单元1201"), ("阳光花园3栋 4", "阳光花园 3栋1单元1202"),
        ("阳光花园3栋 5", "阳光花园 3栋2单元301"), ("5栋 3", "阳光花园 5栋1单元1201"),
        ("5栋 4", "阳光花园 5栋2单元1202"), ("5幢 3", "翠湖苑 5幢1单元1202"),
        ("5幢 4", "翠湖苑 5幢2单元802"), ("翠湖苑 3", "翠湖苑 3幢1单元301")]
    assert p.new_units == [] and p.reading == READING
    # a column the clerk leaves out on the first sheet is left out on every sheet (same header)
    no_phone = {k: v for k, v in roster.proposed.items() if k != "phone"}
    assert [r.phones for r in importing.preview(roster, no_phone).rows] == [[]] * 8

    before, audits = stored(), owner_imports()
    report = importing.import_owners(estates["clerk"], path)
    assert (report.created, report.updated, report.unchanged) == (8, 0, 0)
    assert report.rejected_lines() == REFUSED and report.reading == READING
    assert stored() - before == STORED
    assert not Owner.select().where(Owner.name.in_(["孙丽", "孙莉", "错楼", "老住户", "5户"])).exists()
    entry = AuditEntry.select().where(AuditEntry.entity == "owner_import").order_by(AuditEntry.id.desc()).get()
    assert owner_imports() == audits + 1
    assert entry.note == ("花名册.xlsx [阳光花园3栋 + 5栋 + 5幢 + 翠湖苑 + 二期]: created 8, updated 0, "
                          "unchanged 0, rejected 3, new units 0")
    # again: nothing changes, the same lines are refused
    again = importing.import_owners(estates["clerk"], path)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 8, report.rejected)


def test_a_summary_with_the_roster_columns_is_asked_about_never_read(estates, tmp_path):  # noqa: F811
    path = per_building_roster(tmp_path / "r.xlsx", summary_alike=True)
    roster = importing.read_roster(path)
    assert importing.asks_for_sheet(roster)
    before, audits = (Owner.select().count(), OwnerPhone.select().count()), owner_imports()
    for call in (lambda: importing.preview(path),
                 lambda: importing.import_owners(estates["clerk"], path, create_units=True)):
        with pytest.raises(RuleError) as err:
            call()
        assert err.value.text() == (
            "工作表“汇总”与花名册工作表“阳光花园3栋”、“5栋”、“5幢”、“翠湖苑”、“二期”的列相同，但表名说明它"
            "不是花名册（汇总表或车位表？）。请选择要导入的工作表（“工作表”列表，或每个工作表写一次 --sheet），"
            "或从工作簿中删去它。")
    assert (Owner.select().count(), OwnerPhone.select().count()) == before and owner_imports() == audits
    assert "已读取" not in "".join(roster.describe()) and "合并" not in "".join(roster.describe())
    # the choice offered: the sheets alike without 汇总, then each sheet
    assert roster.choices()[0] == tuple(PARTS)
    chosen = importing.read_roster(path, sheet=["5栋", "5幢"])
    assert [p.sheet for p in chosen.parts] == ["5栋", "5幢"] and chosen.question is None
    report = importing.import_owners(estates["clerk"], chosen)
    assert report.created == 4 and len(report.rejected) == 1
    assert chosen.describe()[-1] == ("未读取的工作表：“汇总”（未选择）、“阳光花园3栋”（未选择）、“翠湖苑”（未选择）、"
                                     "“二期”（未选择）、“旧业主”（隐藏）、“填写说明”（填写说明）。")


def test_one_sheet_named_for_its_building(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "５栋"  # full-width, as typed with a Chinese input method
    ws.append(["单元", "房号", "姓名", "手机"])
    ws.append(["2单元", "301", "马丽", "13600000001"])
    ws.append([None, "1-1202", "沈腾", "13600000002"])
    wb.save(tmp_path / "one.xlsx")
    roster = importing.read_roster(tmp_path / "one.xlsx")
    assert roster.describe()[:2] == ["已读取工作表“５栋”（表头在第 1 行，其下 2 行）。",
                                     "楼栋取自工作表名（该表没有楼栋列）：“５栋”→5栋。"]
    before = stored()
    report = importing.import_owners(office["clerk"], roster)
    assert report.created == 2 and not report.rejected
    assert stored() - before == {("阳光花园", "5栋2单元301", "马丽", "owner", ("13600000001",)),
                                 ("阳光花园", "5栋1单元1202", "沈腾", "owner", ("13600000002",))}


def test_a_new_unit_in_a_building_sheet_is_named_by_its_sheet(estates, tmp_path):  # noqa: F811
    wb = Workbook()
    for n, title in enumerate(("阳光花园3栋", "翠湖苑3幢")):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append(PER_BUILDING_HEADER)
        ws.append([1, "1单元", "1201", f"甲{n}", f"1360000000{n}", ""])
        ws.append([2, "1单元", "2201", f"乙{n}", f"1360000001{n}", ""])  # not on the register
    wb.save(tmp_path / "new.xlsx")
    p = importing.preview(tmp_path / "new.xlsx")
    assert [(int(n), n.sheet, unit) for n, unit in p.new_lines] == [
        (3, "阳光花园3栋", "阳光花园 3栋1单元2201"), (3, "翠湖苑3幢", "翠湖苑 3幢1单元2201")]
    report = importing.import_owners(estates["clerk"], tmp_path / "new.xlsx")
    assert report.created == 2 and [r.line().split("：")[0] for r in report.rejected] == [
        "工作表“阳光花园3栋”第 3 行", "工作表“翠湖苑3幢”第 3 行"]
    report = importing.import_owners(estates["clerk"], tmp_path / "new.xlsx", create_units=True)
    assert (report.created, report.unchanged, report.units_created) == (2, 2, 2)
    assert Unit.select().where(Unit.label == "3幢1单元2201").count() == 1


@pytest.mark.parametrize("title, place", [
    ("1栋", NamePlace("", "1栋")), ("12号楼", NamePlace("", "12号楼")), ("b座", NamePlace("", "B座")),
    ("五幢", NamePlace("", "5幢")), ("阳光花园3栋", NamePlace("阳光花园", "3栋")),
    ("阳光花园小区3栋", NamePlace("阳光花园", "3栋")), ("翠湖苑", NamePlace("翠湖苑", "")),
    ("新城3栋", None), ("二期", None), ("Sheet1", None), ("汇总", None), ("3", None)])
def test_what_a_sheet_name_says(title, place):
    assert name_place(title, ["阳光花园", "翠湖苑"]) == place


def test_cli_reads_the_sheets_together_and_says_so(estates, tmp_path, capsys, db_location,  # noqa: F811
                                                   monkeypatch):
    from propdesk import cli

    monkeypatch.setenv("PROPDESK_USER", "clerk")
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    path = per_building_roster(tmp_path / "花名册.xlsx")
    before = stored()
    code = cli.main(["--db", db_location, "--lang", "zh_CN", "import-owners", "--dry-run", path])
    out, err = capsys.readouterr()
    assert code == 1 and "3 行未导入" in err and stored() == before
    assert out.splitlines() == ["新增 8 条，更新 0 条，无变化 0 条，未导入 3 行。 （试运行：未保存任何数据）",
                                *READING, *REFUSED]
    code = cli.main(["--db", db_location, "--lang", "zh_CN", "import-owners", path,
                     "--sheet", "5幢", "--sheet", "阳光花园3栋"])
    out, _err = capsys.readouterr()
    assert code == 0 and out.splitlines()[:2] == [
        "新增 5 条，更新 0 条，无变化 0 条，未导入 0 行。",
        "以下工作表列相同，按此顺序合并为一份花名册读取：“5幢”（表头在第 2 行，2 行）、"
        "“阳光花园3栋”（表头在第 2 行，3 行）。"]
    assert {o[2] for o in stored() - before} == {"周杰", "𠮷田花子", "吴敏", "陈静", "赵强"}


def test_two_groups_of_sheets_alike_are_asked_and_either_may_be_chosen(office, tmp_path):
    wb = Workbook()
    shapes = {"3栋": ["单元", "房号", "姓名", "手机"], "5栋": ["单元", "房号", "姓名", "手机"],
              "3栋租户": ["房号", "姓名"], "5栋租户": ["房号", "姓名"]}
    for n, (title, header) in enumerate(shapes.items()):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append(header)
        ws.append(["1单元", "1201", f"业主{n}", f"1360000000{n}"] if len(header) == 4 else
                  [f"{title[0]}-1-1202", f"租户{n}"])
    wb.save(tmp_path / "two.xlsx")
    roster = importing.read_roster(tmp_path / "two.xlsx")
    assert importing.asks_for_sheet(roster) and "“3栋”、“5栋”、“3栋租户”、“5栋租户”" in roster.question.text()
    assert roster.choices()[:2] == [("3栋", "5栋"), ("3栋租户", "5栋租户")]
    with pytest.raises(RuleError):
        importing.import_owners(office["clerk"], roster)
    report = importing.import_owners(office["clerk"], importing.read_roster(tmp_path / "two.xlsx",
                                                                           sheet=["3栋租户", "5栋租户"]))
    assert report.created == 2 and not report.rejected
    assert {o.name: o.unit.label for o in Owner.select().where(Owner.name.startswith("租户"))} == {
        "租户2": "3栋1单元1202", "租户3": "5栋1单元1202"}
