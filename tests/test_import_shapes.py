"""Rosters as other systems and offices make them: each owner in the right room with the right
phones, or refused with the reason; nothing created without being asked."""
import zipfile

import pytest
from openpyxl import Workbook

from fixtures.owner_workbooks import roster
from fixtures.property_systems import foreign_roster, hc_multi, hc_single
from propdesk.errors import RuleError
from propdesk.models.tables import AuditChange, AuditEntry, Building, Estate, Owner, Unit
from propdesk.services.core import accounts
from propdesk.services.register import importing
from propdesk.services.register.owners import unit_label


@pytest.fixture
def estates(office):
    """The office fixture's 阳光花园 (3栋, 5栋) plus 翠湖苑 with 3幢 and 5幢, same rooms."""
    cui = Estate.create(name="翠湖苑")
    for b in ("3幢", "5幢"):
        building = Building.create(estate=cui, name=b)
        for entrance in ("1单元", "2单元"):
            for room in ("1201", "1202", "301", "802"):
                Unit.create(building=building, entrance=entrance, room=room,
                            label=unit_label(b, entrance, room))
    sun5 = Building.get(Building.name == "5栋")
    Unit.create(building=sun5, entrance="2单元", room="802", label="5栋2单元802")
    return office


def stored():
    """Every active owner as (estate, unit label, name, role, sorted phones)."""
    rows = (Owner.select(Owner, Unit, Building, Estate).join(Unit).join(Building).join(Estate)
            .where(Owner.active == True))  # noqa: E712 - peewee: `== True` builds SQL
    return {(o.unit.building.estate.name, o.unit.label, o.name, o.role,
             tuple(sorted(p.digits for p in o.phones))) for o in rows}


def new_owners(before):
    return stored() - before


def test_hc_single_sheet_template(office, tmp_path):
    path = hc_single(tmp_path / "hc.xlsx")
    p = importing.preview(path)
    # 房屋类型 (110), 房屋户型, 楼层, 面积, 身份证号 are never the room or the name
    assert p.mapping == {"building": 0, "entrance": 1, "room": 2, "area": 7, "name": 10, "phone": 12,
                         "note": 14}
    assert [r.stored_as() for r in p.rows] == ["阳光花园 5栋2单元802", "阳光花园 5栋2单元1201",
                                               "阳光花园 3栋1单元1201"]
    assert p.new_units == ["阳光花园 5栋2单元802"] and p.new_lines == [(2, "阳光花园 5栋2单元802")]
    before = stored()
    report = importing.import_owners(office["clerk"], path)
    assert (report.created, len(report.rejected)) == (2, 1)
    assert "5栋2单元802" in report.rejected[0][1] and report.rejected[0][0] == 2
    report = importing.import_owners(office["clerk"], path, create_units=True)
    assert (report.created, report.unchanged, report.units_created) == (1, 2, 1)
    assert new_owners(before) == {
        ("阳光花园", "5栋2单元802", "方红", "owner", ("13800000001",)),
        ("阳光花园", "5栋2单元1201", "林立", "owner", ("13800000002",)),
        ("阳光花园", "3栋1单元1201", "陈晨", "owner", ("13800000003",)),
    }
    assert Unit.get(Unit.label == "5栋2单元802").area == 120.5


def test_hc_several_sheets_joined_by_owner_number(office, tmp_path):
    path = hc_multi(tmp_path / "hc_multi.xlsx")
    roster_ = importing.read_roster(path)
    assert (roster_.main.sheet, roster_.owners.sheet) == ("房屋信息", "业主信息")
    # 房屋编号 is the room here (no 房间 column beside 楼栋编号) and also the room number
    assert roster_.main.proposed == {"room": 0, "room_no": 0, "building": 1, "entrance": 2, "area": 5,
                                     "owner_no": 6}
    assert roster_.link == importing.Link("owner_no", 6, 0)  # the owners sheet has no 房屋编号
    assert [title for title, _why in roster_.ignored] == ["楼栋单元", "费用设置", "车位信息"]
    before = stored()
    report = importing.import_owners(office["clerk"], roster_, create_units=True)
    assert not report.rejected
    assert new_owners(before) == {
        ("阳光花园", "5栋2单元802", "方红", "owner", ("13800000001",)),
        ("阳光花园", "5栋2单元1201", "林立", "owner", ("13800000002",)),
        ("阳光花园", "3栋1单元1201", "陈晨", "owner", ("13800000003",)),
        ("阳光花园", "3栋1单元1202", "周芳", "owner", ("13800000004",)),
        ("阳光花园", "3栋2单元301", "吴刚", "tenant", ("13800000005",)),
        ("阳光花园", "5栋1单元1202", "郑爽", "owner", ("13800000006",)),
        ("阳光花园", "5栋1单元1201", "郑爽", "owner", ("13800000006",)),
        ("阳光花园", "5栋1单元301", "王五", "owner", ("13800000007",)),
        ("阳光花园", "5栋1单元301", "赵六", "family", ("13800000008",)),
    }
    # nobody is named by a number
    assert not Owner.select().where(Owner.name.in_([str(n) for n in range(10)])).exists()
    again = importing.import_owners(office["clerk"], path)
    assert (again.created, again.updated, len(again.rejected)) == (0, 0, 0)


def test_rooms_sheet_without_the_owners_sheet_names_nobody(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "房屋信息"
    ws.append(["房屋编号", "楼栋编号", "单元编号", "业主编号"])
    ws.append(["1201", "3", "2", 1])
    wb.save(tmp_path / "rooms.xlsx")
    with pytest.raises(RuleError) as err:
        importing.preview(tmp_path / "rooms.xlsx")
    assert "姓名" in err.value.text()
    before = Owner.select().count()
    # a clerk who points the name at the owner numbers gets every line refused
    report = importing.import_owners(office["clerk"], tmp_path / "rooms.xlsx",
                                     mapping={"name": 3, "room": 0, "building": 1, "entrance": 2})
    assert report.created == 0 and "“1”是数字" in report.rejected[0][1]
    assert Owner.select().count() == before


def test_a_number_is_never_a_name(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "电话"],
                  [["3-2-1202", "李四", "13800000011"], ["3-2-301", 12, "13800000012"]])
    report = importing.import_owners(office["clerk"], path)
    assert report.created == 1 and report.rejected[0][0] == 3
    assert "“12”是数字，不是姓名" in report.rejected[0][1]


def test_two_estates_never_guessed(estates, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "电话"], [
        ["5幢2单元802", "方红", "13800000001"],  # only 翠湖苑 has 5幢
        ["5栋2单元803", "林立", "13800000002"],  # 阳光花园 5栋 has no 803: a new unit
        ["13栋2单元9901", "陈晨", "13800000003"],  # nobody has 13栋: which estate?
        ["5-2-802", "周芳", "13800000004"],  # 阳光花园 5栋 or 翠湖苑 5幢
        ["翠湖苑5-2-1201", "吴刚", "13800000005"],
        ["五幢二单元301", "郑爽", "13800000006"],
    ])
    p = importing.preview(path)
    assert [(r.row, r.stored_as()) for r in p.rows] == [
        (2, "翠湖苑 5幢2单元802"), (3, "阳光花园 5栋2单元803"), (6, "翠湖苑 5幢2单元1201"),
        (7, "翠湖苑 5幢2单元301")]
    assert p.new_units == ["阳光花园 5栋2单元803"]
    assert [r for r, _ in p.ambiguous] == [4, 5]
    assert "阳光花园" in dict(p.ambiguous)[4] and "翠湖苑" in dict(p.ambiguous)[4]
    assert "阳光花园 5栋2单元802" in dict(p.ambiguous)[5] and "翠湖苑 5幢2单元802" in dict(p.ambiguous)[5]
    before = stored()
    report = importing.import_owners(estates["clerk"], path)
    assert report.created == 3 and [r for r, _ in report.rejected] == [3, 4, 5]
    assert new_owners(before) == {
        ("翠湖苑", "5幢2单元802", "方红", "owner", ("13800000001",)),
        ("翠湖苑", "5幢2单元1201", "吴刚", "owner", ("13800000005",)),
        ("翠湖苑", "5幢2单元301", "郑爽", "owner", ("13800000006",)),
    }
    assert not Unit.select().where(Unit.room.in_(["803", "9901"])).exists()
    # confirming the new units creates 803; the ambiguous lines stay refused
    report = importing.import_owners(estates["clerk"], path, create_units=True)
    assert report.units_created == 1 and [r for r, _ in report.rejected] == [4, 5]
    assert ("阳光花园", "5栋2单元803", "林立", "owner", ("13800000002",)) in stored()
    # the estate chosen for the whole file settles them
    report = importing.import_owners(estates["clerk"], path, estate="翠湖苑")
    assert [r for r, _ in report.rejected] == [3, 4]  # 翠湖苑 has no 5幢2单元803 nor 13栋


def test_unknown_building_is_said_as_unknown_in_its_estate(estates, tmp_path):
    """99幢: only 翠湖苑 writes 幢, and it has no 99幢 — said so, not "names no estate"."""
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "电话"], [
        ["99幢2单元802", "方红", "13800000001"],
        ["99-2-802", "林立", "13800000002"],
        ["翠湖苑99幢2单元802", "陈晨", "13800000003"],
    ])
    report = importing.import_owners(estates["clerk"], path, dry_run=True)
    reasons = dict(report.rejected)
    assert "翠湖苑没有 99幢（阳光花园也没有）" in reasons[2] and "未写小区" not in reasons[2]
    assert "各小区（阳光花园、翠湖苑）都没有 99" in reasons[3]
    assert reasons[4].startswith("翠湖苑没有 99幢，因此业主档案中没有 翠湖苑 99幢2单元802")
    assert not Building.select().where(Building.name == "99幢").exists()


def test_hc_single_in_two_estates_needs_the_estate(estates, tmp_path):
    path = hc_single(tmp_path / "hc.xlsx")
    p = importing.preview(path)
    assert p.rows == [] and [r for r, _ in p.ambiguous] == [2, 3, 4]
    p = importing.preview(path, estate="翠湖苑")
    assert [r.stored_as() for r in p.rows] == ["翠湖苑 5幢2单元802", "翠湖苑 5幢2单元1201",
                                               "翠湖苑 3幢1单元1201"]
    assert p.new_units == []


def test_foreign_roster_with_notes_merged_estates_and_totals(estates, tmp_path):
    path = foreign_roster(tmp_path / "住户信息.xlsx")
    p = importing.preview(path)
    assert p.sheet.header_row == 5
    assert {k: p.sheet.headers[v] for k, v in p.mapping.items()} == {
        "estate": "所属小区", "unit": "房屋（楼-单元-室）", "name": "客户名称", "role": "客户类型",
        "phone": "联系手机", "phone_2": "备用电话"}
    before = stored()
    report = importing.import_owners(estates["clerk"], path)
    assert report.created == 5
    assert [r for r, _ in report.rejected] == [12]  # 合计：5户 has no unit
    assert new_owners(before) == {
        ("翠湖苑", "5幢2单元802", "方红", "owner", ("13800000001",)),
        ("翠湖苑", "5幢1单元1201", "林立", "tenant", ("075526880001", "13800000002")),
        ("翠湖苑", "3幢1单元1201", "陈晨", "owner", ("13800000003",)),
        ("阳光花园", "5栋2单元802", "周芳", "owner", ("13800000004",)),
        ("阳光花园", "3栋2单元301", "吴刚", "family", ("13800000005", "13800000015")),
    }


def test_estate_and_full_address_in_one_column(estates, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["地址", "业主姓名", "手机"], [
        ["翠湖苑5幢2单元802", "方红", "13800000001"], ["阳光花园 5栋 2单元 802室", "周芳", "13800000004"],
        ["翠湖苑５－２－１２０１", "林立", "13800000002"]])
    before = stored()
    report = importing.import_owners(estates["clerk"], path)
    assert report.created == 3 and not report.rejected
    assert {(e, u, n) for e, u, n, _r, _p in new_owners(before)} == {
        ("翠湖苑", "5幢2单元802", "方红"), ("阳光花园", "5栋2单元802", "周芳"), ("翠湖苑", "5幢2单元1201", "林立")}


def test_merged_building_and_estate_cells(estates, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["小区", "楼栋", "单元", "房号", "姓名", "电话"])
    ws.append(["翠湖苑", "5幢", 1, 301, "甲", "13800000021"])
    ws.append([None, None, 2, 301, "乙", "13800000022"])
    ws.append([None, "3幢", 1, 1202, "丙", "13800000023"])
    ws.merge_cells("A2:A4")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "m.xlsx")
    before = stored()
    importing.import_owners(estates["clerk"], tmp_path / "m.xlsx")
    assert {(e, u, n) for e, u, n, _r, _p in new_owners(before)} == {
        ("翠湖苑", "5幢1单元301", "甲"), ("翠湖苑", "5幢2单元301", "乙"), ("翠湖苑", "3幢1单元1202", "丙")}


def test_changes_are_audited_old_to_new_with_who(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "身份", "电话", "备注"],
                  [["3-2-1201", "刘洋", "业主", "13700000000", "已买下"]])
    report = importing.import_owners(office["supervisor"], path)
    assert report.updated == 1
    liu = Owner.get(Owner.name == "刘洋")
    entry = AuditEntry.get((AuditEntry.entity == "owner") & (AuditEntry.entity_id == liu.id))
    assert entry.staff == office["supervisor"] and "r.xlsx" in entry.note
    changes = {c.field: (c.old, c.new) for c in AuditChange.select().where(AuditChange.entry == entry)}
    assert changes == {"role": ("tenant", "owner"), "note": ("", "已买下"), "phones": (None, "13700000000")}


# --- files that must not get in ---------------------------------------------------------------

def _zip(path, parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _valid_parts(tmp_path) -> dict[str, bytes]:
    path = roster(tmp_path / "ok.xlsx", ["房号", "姓名"], [["3-2-1201", "张三"]])
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def refused(office, path) -> str:
    before = Owner.select().count()
    with pytest.raises(RuleError) as err:
        importing.preview(path)
    with pytest.raises(RuleError):
        importing.import_owners(office["clerk"], path)
    assert Owner.select().count() == before
    return err.value.text()


def test_zip_bomb_refused_before_parsing(office, tmp_path):
    parts = _valid_parts(tmp_path)
    parts["xl/worksheets/sheet1.xml"] = b"<a>" + b" " * 50_000_000 + b"</a>"
    text = refused(office, _zip(tmp_path / "bomb.xlsx", parts))
    assert "bomb.xlsx" in text and "压缩" in text


def test_entity_expansion_refused(office, tmp_path):
    parts = _valid_parts(tmp_path)
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    parts["xl/sharedStrings.xml"] = lol + parts["xl/sharedStrings.xml"].split(b"?>", 1)[1] \
        if b"?>" in parts.get("xl/sharedStrings.xml", b"") else lol + b"<sst/>"
    text = refused(office, _zip(tmp_path / "lol.xlsx", parts))
    assert "lol.xlsx" in text and "实体" in text


def test_broken_sheet_xml_names_the_file(office, tmp_path):
    parts = _valid_parts(tmp_path)
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:200]
    text = refused(office, _zip(tmp_path / "broken.xlsx", parts))
    assert "broken.xlsx" in text and "损坏" in text


def test_encrypted_or_old_xls(office, tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    text = refused(office, path)
    assert "secret.xlsx" in text and "密码" in text


def test_not_a_zip_and_too_big(office, tmp_path, monkeypatch):
    path = tmp_path / "notes.xlsx"
    path.write_text("hello", encoding="utf-8")
    assert "notes.xlsx" in refused(office, path)
    from propdesk.services.register import workbook
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1000)
    path = roster(tmp_path / "big.xlsx", ["房号", "姓名"], [["3-2-1201", "张三"]] * 50)
    assert "big.xlsx" in refused(office, path) and accounts


def test_padded_rooms_two_row_headers_and_a_word_another_estate_uses(estates, tmp_path):
    """A roster another system printed: a two-row header under a merged title, rooms padded
    with zeros, 联系人/联系号码/与户主关系, a building written with a word only another estate
    uses."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "住户档案（导出）"
    ws.merge_cells("A1:F1")
    ws.append(["房屋信息", None, None, "住户信息", None, None])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:F2")
    ws.append(["楼栋名称", "单元名称", "房间号", "联系人", "联系号码", "与户主关系"])
    ws.append(["5幢", "一单元", "0301", "赵大", "139 1111 0001", "户主"])
    ws.append(["5幢", "一单元", "0301", "赵小", "13911110002", "子女"])
    ws.append(["3栋", "二单元", "1202", "钱二", "13911110003", "租户"])
    ws.append(["3幢", "2单元", "0802", "孙三", "13911110004", "户主"])
    ws.append(["9幢", "1单元", "101", "李四", "13911110005", "户主"])  # nobody has building 9
    wb.save(tmp_path / "x.xlsx")
    before = stored()
    report = importing.import_owners(estates["clerk"], tmp_path / "x.xlsx")
    assert [r for r, _ in report.rejected] == [8]
    assert new_owners(before) == {
        ("翠湖苑", "5幢1单元301", "赵大", "owner", ("13911110001",)),
        ("翠湖苑", "5幢1单元301", "赵小", "family", ("13911110002",)),
        ("阳光花园", "3栋2单元1202", "钱二", "tenant", ("13911110003",)),
        ("翠湖苑", "3幢2单元802", "孙三", "owner", ("13911110004",)),
    }


def test_a_word_only_another_estate_uses_is_not_taken_for_a_number(estates, tmp_path):
    Building.create(estate=Estate.get(name="阳光花园"), name="9栋")
    nine = Building.get(Building.name == "9栋")
    Unit.create(building=nine, entrance="1单元", room="101", label="9栋1单元101")
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名"], [["9幢1单元101", "李四"], ["9号楼1单元101", "王五"]])
    report = importing.import_owners(estates["clerk"], path)
    # 翠湖苑 writes 幢 and has no 9幢: 阳光花园 9栋 is not assumed; nobody writes 号楼: it is
    assert [r for r, _ in report.rejected] == [2] and "阳光花园 9栋1单元101" in report.rejected[0][1]
    assert ("阳光花园", "9栋1单元101", "王五", "owner", ()) in stored()


def test_too_many_cells_refused_before_reading(office, tmp_path, monkeypatch):
    from propdesk.services.register import workbook

    path = roster(tmp_path / "many.xlsx", ["房号", "姓名", "电话"], [["3-2-1201", "张三", "13800000000"]] * 40)
    monkeypatch.setattr(workbook, "MAX_CELLS", 100)
    text = refused(office, path)
    assert "many.xlsx" in text and "100" in text
    monkeypatch.setattr(workbook, "MAX_CELLS", 200)
    assert importing.preview(path).total == 40
