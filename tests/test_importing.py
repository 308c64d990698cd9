"""Owner roster import: header detection, mapping, the mess of real rosters, idempotence."""
from decimal import Decimal

import pytest

from fixtures.owner_workbooks import messy_roster, roster
from propdesk import i18n
from propdesk.errors import PermissionDenied, RuleError
from propdesk.models.tables import AuditEntry, Building, Owner, OwnerPhone, Unit
from propdesk.services.register import importing
from propdesk.services.register.importing import parse_phones, propose_mapping


def phones_of(name: str) -> set[str]:
    return {p.digits for p in OwnerPhone.select().join(Owner).where(Owner.name == name)}


def test_messy_roster_imported_once_then_unchanged(office, tmp_path):
    path = messy_roster(tmp_path / "花名册.xlsx")
    before = Owner.select().count()
    report = importing.import_owners(office["clerk"], path)
    # 李娜, 王强, 赵敏, 周杰 are new; 张伟 was already there; 周杰's second line adds a phone
    assert (report.created, report.updated, report.unchanged) == (4, 1, 1)
    assert [row for row, _ in report.rejected] == [10, 11, 12]
    reasons = dict(report.rejected)
    assert "姓名" in reasons[10]
    assert "12345" in reasons[11] and "电话" in reasons[11]
    assert "楼栋" in reasons[12]
    assert Owner.select().count() == before + 4

    assert phones_of("李娜") == {"13800138001", "075526881235"}
    assert phones_of("王强") == {"13912345679"}  # full-width digits, name trimmed
    assert phones_of("赵敏") == {"13800138002", "13800138003"}
    assert phones_of("周杰") == {"13800138006", "13800138007"}
    zhao = Owner.get(Owner.name == "赵敏")
    assert zhao.unit.label == "3栋1单元1201" and zhao.role == "tenant"  # merged 3栋, 1201.0
    assert Owner.get(Owner.name == "周杰").unit.label == "5栋2单元301"  # 5号楼 / 301室
    assert Owner.get(Owner.name == "李娜").note == "新入住"
    assert Owner.get(Owner.name == "李娜").initials == "ln"
    assert AuditEntry.select().where(AuditEntry.entity == "owner_import").count() == 1

    again = importing.import_owners(office["clerk"], path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert again.rejected == report.rejected
    assert Owner.select().count() == before + 4
    assert OwnerPhone.select().count() == OwnerPhone.select().distinct().count()


def test_existing_tenant_keeps_role_when_the_sheet_has_none(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "电话"], [["3-2-1201", "刘洋", "13912345678"]])
    report = importing.import_owners(office["clerk"], path)
    assert report.unchanged == 1
    assert Owner.get(Owner.name == "刘洋").role == "tenant"


def test_units_in_one_column_many_ways(office, tmp_path):
    rows = [["3-2-1201", "甲", "13800000001"], ["3栋2单元1202", "乙", "13800000002"],
            ["5栋1单元301室", "丙", "13800000003"], ["3号楼1单元1202", "丁", "13800000004"],
            ["阳光花园3栋1单元301", "戊", "13800000005"], ["7-8", "己", ""],
            ["楼下花园", "庚", "13800000006"]]
    path = roster(tmp_path / "r.xlsx", ["房号", "业主", "手机号码"], rows, title="业主名单")
    unconfirmed = importing.import_owners(office["clerk"], path)  # 7-8 is not on the register
    assert unconfirmed.created == 5 and [r for r, _ in unconfirmed.rejected] == [8, 9]
    assert "阳光花园 7栋8" in dict(unconfirmed.rejected)[8]
    report = importing.import_owners(office["clerk"], path, create_units=True)
    labels = {o.name: o.unit.label for o in Owner.select(Owner, Unit).join(Unit)}
    assert labels["甲"] == "3栋2单元1201" and labels["乙"] == "3栋2单元1202"
    assert labels["丙"] == "5栋1单元301" and labels["丁"] == "3栋1单元1202"
    assert labels["戊"] == "3栋1单元301"  # the estate's name in front is dropped
    assert labels["己"] == "7栋8"  # a new building and unit are created
    assert Building.get(Building.name == "7栋").estate.name == "阳光花园"
    assert report.created == 1 and report.unchanged == 5 and report.units_created == 1
    assert report.rejected == [(9, "房号（楼栋-单元-房号）：“楼下花园”不是有效的房号，请写成 3栋2单元1201 或 3-2-1201。")]


def test_english_headers_split_unit(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["Building", "Unit", "Room", "Name", "Phone", "Area"],
                  [[9, 1, 1501, "Li Ming", "+86 138 0013 9999", "89.5㎡"]])
    info = importing.read_workbook(path)
    assert propose_mapping(info.headers) == {"building": 0, "entrance": 1, "room": 2, "name": 3,
                                             "phone": 4, "area": 5}
    importing.import_owners(office["clerk"], path, create_units=True)
    owner = Owner.get(Owner.name == "Li Ming")
    assert owner.unit.label == "9栋1单元1501" and owner.unit.floor == 15
    assert owner.unit.area == Decimal("89.50")
    assert phones_of("Li Ming") == {"13800139999"}


@pytest.mark.parametrize("headers, expected", [
    (["房号", "姓名", "电话"], {"unit": 0, "name": 1, "phone": 2}),
    (["楼栋", "房号", "姓名"], {"building": 0, "room": 1, "name": 2}),
    # 房屋编号 is an identifier: the key an owners sheet is joined by, never the address
    (["业主联系电话", "业主姓名", "房屋编号"], {"phone": 0, "name": 1, "room_no": 2}),
    (["Building", "Unit", "Name"], {"building": 0, "room": 1, "name": 2}),
    (["Unit", "Owner name", "Mobile"], {"unit": 0, "name": 1, "phone": 2}),
    (["楼栋号", "单元", "室号", "户主姓名", "联系方式（手机）", "备注"],
     {"building": 0, "entrance": 1, "room": 2, "name": 3, "phone": 4, "note": 5}),
])
def test_propose_mapping(headers, expected):
    assert propose_mapping(headers) == expected


@pytest.mark.parametrize("headers, expected", [
    # the room: its own word beats an identifier of the room, wherever the identifier stands
    (["房屋编号", "小区", "楼号", "单元", "房间", "业主编号"],
     {"room_no": 0, "estate": 1, "building": 2, "entrance": 3, "room": 4, "owner_no": 5}),
    (["房间编号", "楼栋", "房号"], {"room_no": 0, "building": 1, "room": 2}),
    (["房产编码", "楼栋", "门牌号"], {"room_no": 0, "building": 1, "room": 2}),
    (["房屋ID", "楼号", "室"], {"room_no": 0, "building": 1, "room": 2}),
    # with no room column, HC's 房屋编号 beside a building column is the room (802)
    (["房屋编号", "楼栋编号", "单元编号"], {"room_no": 0, "room": 0, "building": 1, "entrance": 2}),
    # the building and the entrance: 楼号 beats 楼栋编号, 单元 beats 单元编号
    (["楼栋编号", "单元编号", "楼号", "单元", "房号"], {"building": 2, "entrance": 3, "room": 4}),
    # a word inside a longer header ranks below the word itself
    (["房间号码", "楼栋", "房间"], {"building": 1, "room": 2}),
    # 业主编号 / 客户编号 / 住户ID are the owner's number, never a name
    (["业主编号", "房号"], {"owner_no": 0, "unit": 1}),
    (["客户编号", "客户", "房号"], {"owner_no": 0, "name": 1, "unit": 2}),
    (["住户ID", "住户", "房号"], {"owner_no": 0, "name": 1, "unit": 2}),
    # names: 姓名 / 业主姓名 beat a bare role word (HC's 业主 holds a number) and 联系人
    (["联系人", "业主", "业主姓名", "房号"], {"name": 2, "unit": 3}),
    (["联系人", "姓名", "房号"], {"name": 1, "unit": 2}),
    (["联系人", "房号"], {"name": 0, "unit": 1}),
    # phones: every one kept, the mobile first, then the contact number, then landlines; an
    # emergency contact's phone and name are another person's
    (["房号", "姓名", "固定电话", "电话", "联系电话", "手机"],
     {"unit": 0, "name": 1, "phone": 5, "phone_2": 3, "phone_3": 4, "phone_4": 2}),
    (["房号", "姓名", "备用电话", "联系手机", "紧急联系人", "紧急联系人电话"],
     {"unit": 0, "name": 1, "phone": 3, "phone_2": 2}),
])
def test_ranked_headers(headers, expected):
    assert propose_mapping(headers) == expected


@pytest.mark.parametrize("cell, digits", [
    (13800138000, ["13800138000"]),
    (13800138000.0, ["13800138000"]),
    ("138 0013 8000", ["13800138000"]),
    ("138-0013-8000；13912345678", ["13800138000", "13912345678"]),
    ("13800138000 13912345678", ["13800138000", "13912345678"]),
    ("0755-26881234/13800138000", ["075526881234", "13800138000"]),
    ("１３８００１３８０００，13800138000", ["13800138000"]),  # duplicate kept once
    (None, []),
])
def test_parse_phones(cell, digits):
    assert [d for _, d in parse_phones(cell)] == digits


def test_bad_phone_is_rejected_with_the_value():
    with pytest.raises(RuleError) as err:
        parse_phones("138001")
    assert "138001" in err.value.text()


def test_preview_writes_nothing_and_shows_reasons(office, tmp_path):
    path = messy_roster(tmp_path / "m.xlsx")
    before = Owner.select().count()
    p = importing.preview(path, limit=3)
    assert p.sheet.sheet == "业主花名册" and p.sheet.header_row == 4
    assert p.mapping == {"building": 1, "entrance": 2, "room": 3, "name": 4, "phone": 5,
                         "role": 6, "note": 7}
    assert [r.row for r in p.rows] == [5, 6, 7]
    assert p.rows[1].unit_label == "3栋2单元1202"
    assert p.total == 6 and [r for r, _ in p.rejected] == [10, 11, 12]
    assert Owner.select().count() == before


def test_dry_run_reports_and_rolls_back(office, tmp_path):
    path = messy_roster(tmp_path / "m.xlsx")
    before = (Owner.select().count(), OwnerPhone.select().count(), AuditEntry.select().count())
    report = importing.import_owners(office["clerk"], path, dry_run=True)
    assert report.created == 4
    assert "试运行" in report.summary()
    after = (Owner.select().count(), OwnerPhone.select().count(), AuditEntry.select().count())
    assert after == before


def test_mapping_chosen_by_the_clerk(office, tmp_path):
    # no header the importer recognises: the clerk says which column is which
    path = roster(tmp_path / "r.xlsx", ["A", "B", "C"], [["吴磊", "5-1-1201", "13700001111"]])
    with pytest.raises(RuleError) as err:
        importing.preview(path)
    assert "表头" in err.value.text()
    report = importing.import_owners(office["clerk"], path, mapping={"name": 0, "unit": 1, "phone": 2})
    assert report.created == 1 and Owner.get(Owner.name == "吴磊").unit.label == "5栋1单元1201"
    with pytest.raises(RuleError) as err:
        importing.import_owners(office["clerk"], path, mapping={"name": 0})
    assert "房号" in err.value.text()


def test_new_estate_by_name(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["楼栋", "单元", "房号", "姓名"], [["1", "1", "101", "郑洁"]])
    report = importing.import_owners(office["clerk"], path, estate="翠苑小区")
    assert report.created == 0 and "翠苑小区 1栋1单元101" in report.rejected[0][1]
    importing.import_owners(office["clerk"], path, estate="翠苑小区", create_units=True)
    assert Owner.get(Owner.name == "郑洁").unit.building.estate.name == "翠苑小区"


def test_not_a_workbook(office, tmp_path):
    fake = tmp_path / "owners.xlsx"
    fake.write_text("姓名,电话\n张三,13800138000\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        importing.import_owners(office["clerk"], fake)
    assert "owners.xlsx 不是 Excel 工作簿" in err.value.text()
    with pytest.raises(RuleError) as err:
        importing.read_workbook(tmp_path / "missing.xlsx")
    assert "不存在" in err.value.text()
    i18n.set_language("en")
    with pytest.raises(RuleError) as err:
        importing.read_workbook(fake)
    assert "is not an Excel workbook" in err.value.text()


def test_technician_may_not_import(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名"], [["3-2-1201", "新人"]])
    with pytest.raises(PermissionDenied) as err:
        importing.import_owners(office["technician"], path)
    assert "导入业主档案" in err.value.text()
    assert not Owner.select().where(Owner.name == "新人").exists()


def test_two_phone_columns_padded_names_and_chinese_numerals(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["楼号", "单元", "房间号", "户主", "手机", "固定电话"], [
        ["三", "二", 1202, "张  敏", 13811112222, "0755-2688 9999"],
        ["十二号楼", "两单元", 301, "欧阳 娜娜", "", "13811113333"],
    ])
    assert importing.preview(path).mapping["phone_2"] == 5
    assert importing.field_label("phone_2") == "联系电话 2"
    report = importing.import_owners(office["clerk"], path, create_units=True)
    assert report.created == 2 and not report.rejected
    zhang = Owner.get(Owner.name == "张敏")
    assert zhang.unit.label == "3栋2单元1202"
    assert phones_of("张敏") == {"13811112222", "075526889999"}
    # a new building keeps the word the roster wrote
    assert Owner.get(Owner.name == "欧阳娜娜").unit.label == "12号楼2单元301"


def test_blocks_named_zuo_full_width_separators_and_id_numbers(office, tmp_path):
    path = roster(tmp_path / "r.xlsx", ["房号", "姓名", "身份证号码", "联系方式"], [
        ["B座2单元2001", "赵云", "110101199001011234", "13900001111，0755-8888 7777 转 12"],
        ["B座-2-2002", "马超", "", "13900002222／13900003333"],
    ])
    assert importing.preview(path).mapping == {"unit": 0, "name": 1, "phone": 3}
    report = importing.import_owners(office["clerk"], path, create_units=True)
    assert report.created == 2 and not report.rejected
    assert Owner.get(Owner.name == "赵云").unit.label == "B座2单元2001"
    assert phones_of("赵云") == {"13900001111", "07558888777712"}
    assert phones_of("马超") == {"13900002222", "13900003333"}
