"""Workbooks of several sheets joined by a shared number (业主编号, 房屋编号): each room gets its
people from the other sheet; what is ambiguous is refused or asked, naming sheet, row, column."""
import pytest
from openpyxl import Workbook

from fixtures.property_systems import LONGEST_NAME, relational_roster, room_linked_roster
from propdesk.errors import RuleError
from propdesk.models.tables import AuditEntry, Owner, OwnerPhone, Unit
from propdesk.services.register import importing
from test_import_shapes import estates, stored  # noqa: F401 - the two-estate office fixture


def test_rooms_and_owners_joined_by_owner_number(estates, tmp_path):  # noqa: F811
    path = relational_roster(tmp_path / "roster.xlsx")
    roster = importing.read_roster(path)
    assert (roster.main.sheet, roster.owners.sheet, roster.main.header_row) == ("房屋", "业主", 2)
    # 房间 is the room; 房屋编号 (F001 …) is only an identifier
    assert {k: roster.main.headers[v] for k, v in roster.proposed.items()} == {
        "room_no": "房屋编号", "estate": "小区", "building": "楼号", "entrance": "单元", "room": "房间",
        "owner_no": "业主编号", "area": "建筑面积"}
    assert roster.link == importing.Link("owner_no", 6, 0)
    # the notes, the hidden old owners (which would make two sheets of names) and parking: not read
    assert roster.ignored == [("填写说明", "instructions"), ("旧业主", "hidden"), ("车位", "no header")]
    assert roster.describe() == [
        "已读取工作表“房屋”（表头在第 2 行，其下 10 行）。",
        "姓名、电话和身份取自工作表“业主”（表头在第 1 行，10 行），按“房屋”的“业主编号”＝“业主”的“业主编号”连接。",
        "未读取的工作表：“填写说明”（填写说明）、“旧业主”（隐藏）、“车位”（无表头）。"]

    p = importing.preview(roster)
    assert p.reading == roster.describe()
    assert [(r.row, r.stored_as(), r.name, r.source) for r in p.rows] == [
        (3, "阳光花园 5栋1单元1201", "张伟明", "“业主”第 2 行"),
        (4, "阳光花园 5栋1单元1202", LONGEST_NAME, "“业主”第 3 行"),
        (5, "阳光花园 5栋2单元301", "李娜", "“业主”第 4 行"),
        (6, "翠湖苑 5幢1单元1201", "陈静", "“业主”第 5 行"),
        (7, "翠湖苑 5幢1单元1202", "赵强", "“业主”第 6 行"),
        (11, "阳光花园 5栋2单元301", "吴刚", "“业主”第 10 行"),
        (12, "阳光花园 3栋1单元301", "𠮷田花子", "“业主”第 9 行")]
    assert p.new_units == []

    before = stored()
    audits = AuditEntry.select().where(AuditEntry.entity == "owner_import").count()
    report = importing.import_owners(estates["clerk"], path)
    assert (report.created, report.updated, report.unchanged) == (7, 0, 0)
    assert report.rejected_lines() == [
        "工作表“房屋”第 8 行：列“业主编号”：工作表“业主”中没有 P099。",
        "工作表“房屋”第 10 行：列“业主编号”：P006 在工作表“业主”中出现不止一次而姓名不同（第 7 行 孙丽、"
        "第 8 行 孙莉）。请改正该表；两人都未导入。",
        "工作表“业主”第 11 行：列“业主编号”：P010（周杰）在工作表“房屋”中没有房屋。"]
    assert stored() - before == {
        ("阳光花园", "5栋1单元1201", "张伟明", "owner", ("13800000101",)),  # not the emergency contact
        ("阳光花园", "5栋1单元1202", LONGEST_NAME, "owner", ("13800000102",)),
        ("阳光花园", "5栋2单元301", "李娜", "owner", ("13800000103",)),
        ("阳光花园", "5栋2单元301", "吴刚", "tenant", ("13800000108",)),
        ("翠湖苑", "5幢1单元1201", "陈静", "owner", ("13800000104",)),
        ("翠湖苑", "5幢1单元1202", "赵强", "owner", ("075526880105", "13800000105")),
        ("阳光花园", "3栋1单元301", "𠮷田花子", "family", ("13800000107",)),
    }
    assert not Owner.select().where(Owner.name.in_(["孙丽", "孙莉", "周杰", "张老大"])).exists()
    assert not OwnerPhone.select().where(OwnerPhone.digits == "13900000999").exists()
    assert Unit.get(Unit.label == "5栋1单元1201").area == 89.5
    entry = AuditEntry.select().where(AuditEntry.entity == "owner_import").order_by(AuditEntry.id.desc()).get()
    assert "roster.xlsx [房屋 + 业主]" in entry.note and "created 7" in entry.note
    assert AuditEntry.select().where(AuditEntry.entity == "owner_import").count() == audits + 1
    # again: nothing changes, the same lines are refused
    again = importing.import_owners(estates["clerk"], path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert again.rejected == report.rejected


def test_cli_dry_run_says_which_sheets_and_stores_nothing(estates, tmp_path, capsys, db_location,  # noqa: F811
                                                          monkeypatch):
    from propdesk import cli

    monkeypatch.setenv("PROPDESK_USER", "clerk")
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    path = relational_roster(tmp_path / "roster.xlsx")
    def written():  # signing in is audited too; the dry run writes nothing else
        return (Owner.select().count(), OwnerPhone.select().count(), Unit.select().count(),
                AuditEntry.select().where(AuditEntry.entity.in_(["owner", "unit", "owner_import"])).count())

    before = written()
    code = cli.main(["--db", db_location, "--lang", "zh_CN", "import-owners", "--dry-run", path])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert code == 1 and "3 行未导入" in err
    assert lines[0] == "新增 7 条，更新 0 条，无变化 0 条，未导入 3 行。 （试运行：未保存任何数据）"
    assert lines[1] == "已读取工作表“房屋”（表头在第 2 行，其下 10 行）。"
    assert lines[2].startswith("姓名、电话和身份取自工作表“业主”")
    assert lines[3].startswith("未读取的工作表：“填写说明”（填写说明）、“旧业主”（隐藏）")
    assert lines[4].startswith("工作表“房屋”第 8 行：列“业主编号”")
    assert written() == before


def test_rooms_and_residents_joined_by_room_number(office, tmp_path):
    path = room_linked_roster(tmp_path / "r.xlsx")
    roster = importing.read_roster(path)
    assert roster.link == importing.Link("room_no", 0, 0)
    assert "按“房屋”的“房屋编号”＝“住户”的“房屋编号”连接" in roster.describe()[1]
    before = stored()
    report = importing.import_owners(office["clerk"], path)
    # H-0001: owner, tenant and family from three lines; 常远 twice is one person, two phones
    assert stored() - before == {
        ("阳光花园", "3栋1单元1201", "马丽", "owner", ("13600000001",)),
        ("阳光花园", "3栋1单元1201", "沈腾", "tenant", ("13600000002",)),
        ("阳光花园", "3栋1单元1201", "马小丽", "family", ("13600000003",)),
        ("阳光花园", "3栋1单元1202", "常远", "owner", ("13600000004", "13600000014")),
    }
    assert report.rejected_lines() == ["工作表“住户”第 7 行：列“房屋编号”：H-0009（艾伦）在工作表“房屋”中没有房屋。"]


def test_a_person_without_the_link_number_or_with_too_long_a_name_is_named(office, tmp_path):
    path = room_linked_roster(tmp_path / "r.xlsx", extra_people=[
        [None, "无号人", "13600000099", "业主"], ["H-0003", LONGEST_NAME + "丽", "13600000098", "业主"]])
    report = importing.import_owners(office["clerk"], path, dry_run=True)
    lines = report.rejected_lines()
    assert "工作表“住户”第 8 行：列“房屋编号”为空，无法把 无号人 连接到工作表“房屋”的房屋。" in lines
    assert any(line.startswith("工作表“住户”第 9 行：姓名") and "60" in line for line in lines)
    assert report.created == 4  # the others of the file


def _two_sheets(path, rooms_header, rooms, owners_header, owners, more=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "房屋"
    ws.append(rooms_header)
    for line in rooms:
        ws.append(line)
    ws = wb.create_sheet("业主")
    ws.append(owners_header)
    for line in owners:
        ws.append(line)
    for title, header, lines in more:
        ws = wb.create_sheet(title)
        ws.append(header)
        for line in lines:
            ws.append(line)
    wb.save(path)
    return str(path)


def refused_whole(office, path, words, **kwargs):
    """Nothing is imported and the message names what to choose."""
    before = (Owner.select().count(), AuditEntry.select().where(AuditEntry.entity == "owner_import").count())
    with pytest.raises(RuleError) as err:
        importing.preview(path, **kwargs)
    for word in words:
        assert word in err.value.text()
    with pytest.raises(RuleError):
        importing.import_owners(office["clerk"], path, **kwargs)
    assert (Owner.select().count(),
            AuditEntry.select().where(AuditEntry.entity == "owner_import").count()) == before
    return err.value.text()


def test_two_candidate_link_columns_are_asked(office, tmp_path):
    path = _two_sheets(tmp_path / "r.xlsx", ["楼栋", "单元", "房号", "业主编号", "客户编号"],
                       [["3栋", "1单元", "1201", "P1", "C1"]],
                       ["业主ID", "姓名", "手机"], [["P1", "甲", "13800000001"]])
    refused_whole(office, path, ["“房屋”", "“业主”", "“业主编号”=“业主ID”", "“客户编号”=“业主ID”"])
    # headers alike settle it: 业主编号 on both sheets
    path = _two_sheets(tmp_path / "s.xlsx", ["楼栋", "单元", "房号", "业主编号", "客户编号"],
                       [["3栋", "1单元", "1201", "P1", "C1"]],
                       ["业主编号", "姓名", "手机"], [["P1", "甲", "13800000001"]])
    assert importing.read_roster(path).link == importing.Link("owner_no", 3, 0)


def test_two_rooms_sheets_are_asked_then_the_chosen_one_is_read(office, tmp_path):
    header = ["楼栋", "单元", "房号", "业主编号"]
    path = _two_sheets(tmp_path / "r.xlsx", header, [["3栋", "1单元", "1201", "P1"]],
                       ["业主编号", "姓名"], [["P1", "甲"], ["P2", "乙"]],
                       more=[("房屋(旧)", header, [["3栋", "1单元", "1202", "P2"]])])
    refused_whole(office, path, ["“房屋”、“房屋(旧)”", "--sheet"])
    report = importing.import_owners(office["clerk"], importing.read_roster(path, sheet="房屋"))
    assert report.created == 1 and Owner.get(Owner.name == "甲").unit.label == "3栋1单元1201"
    assert "工作表“业主”第 3 行" in report.rejected_lines()[0]  # 乙 has no room on 房屋


def test_two_sheets_of_names_are_asked(office, tmp_path):
    path = _two_sheets(tmp_path / "r.xlsx", ["楼栋", "单元", "房号", "业主编号"],
                       [["3栋", "1单元", "1201", "P1"]], ["业主编号", "姓名"], [["P1", "甲"]],
                       more=[("业主2", ["业主编号", "姓名"], [["P1", "乙"]])])
    refused_whole(office, path, ["“业主”、“业主2”", "--owners-sheet"])
    assert "不需要" not in "".join(importing.read_roster(path).describe())  # neither is, yet
    report = importing.import_owners(office["clerk"], importing.read_roster(path, owners_sheet="业主2"))
    assert report.created == 1 and Owner.get(Owner.name == "乙").unit.label == "3栋1单元1201"


def test_both_numbers_joined_by_the_owner_and_a_disagreeing_room_refused(office, tmp_path):
    path = _two_sheets(tmp_path / "r.xlsx", ["房屋编号", "楼栋", "单元", "房号", "业主编号"],
                       [["F1", "3栋", "1单元", "1201", "P1"], ["F2", "3栋", "1单元", "1202", "P2"]],
                       ["业主编号", "房屋编号", "姓名"], [["P1", "F1", "甲"], ["P2", "F9", "乙"]])
    roster = importing.read_roster(path)
    assert roster.link == importing.Link("owner_no", 4, 0, (0, 1))
    report = importing.import_owners(office["clerk"], roster)
    assert report.created == 1 and Owner.get(Owner.name == "甲").unit.label == "3栋1单元1201"
    assert report.rejected_lines() == [
        "工作表“房屋”第 3 行：列“房屋编号”：此行写的是 F2，但工作表“业主”（第 3 行）中 P2 的是 F9。"]


def test_the_link_column_chosen_by_the_clerk_settles_the_question(office, tmp_path):
    path = _two_sheets(tmp_path / "r.xlsx", ["楼栋", "单元", "房号", "业主编号", "客户编号"],
                       [["3栋", "1单元", "1201", "P1", "C1"]],
                       ["业主ID", "姓名", "手机"], [["C1", "甲", "13800000001"]])
    roster = importing.read_roster(path)
    assert "owner_no" not in roster.proposed  # nothing proposed for what is asked
    mapping = {**roster.proposed, "owner_no": 4}
    assert [r.name for r in importing.preview(roster, mapping).rows] == ["甲"]
    report = importing.import_owners(office["clerk"], roster, mapping)
    assert report.created == 1 and Owner.get(Owner.name == "甲").unit.label == "3栋1单元1201"


def test_headers_repeated_on_both_sheets_are_not_lines(office, tmp_path):
    """Blocks per building, each under its own header, on the rooms and the owners sheet."""
    rooms_header, owners_header = ["房屋编号", "楼栋", "单元", "房号", "业主编号"], ["业主编号", "姓名"]
    path = _two_sheets(tmp_path / "r.xlsx", rooms_header,
                       [["F1", "3栋", "1单元", "1201", "P1"], rooms_header, ["F2", "5栋", "1单元", "1202", "P2"]],
                       owners_header, [["P1", "甲"], owners_header, ["P2", "乙"]])
    report = importing.import_owners(office["clerk"], path)
    assert report.created == 2 and not report.rejected


@pytest.mark.parametrize("title, notes", [
    ("说明", True), ("填写说明", True), ("导入须知", True), ("示例", True), ("README", True),
    ("业主信息（填写说明见第一行）", False), ("Sheet1", False), ("业主", False)])
def test_which_sheet_titles_are_notes(title, notes):
    from propdesk.services.register.sheets import SheetInfo

    assert SheetInfo("x.xlsx", title, 1, [], []).instructions is notes


def test_initials_of_a_name_at_its_longest_fit_their_column():
    """A 60-character name (the longest the register takes) or one in Latin letters: its
    initials are cut to the column's 20, which PostgreSQL enforces (the import of such a roster
    stopped there)."""
    from propdesk.models.tables import Owner
    from propdesk.services.register.owners import initials

    assert initials("张伟") == "zw"
    assert len(initials("欧阳" + "𠮷" * 58)) <= Owner.initials.max_length
    long = initials("张" * 60)
    assert long == "z" * Owner.initials.max_length
    assert initials("Christopher Alexander Smith").startswith("christopher")
    assert len(initials("Christopher Alexander Smith")) == Owner.initials.max_length
