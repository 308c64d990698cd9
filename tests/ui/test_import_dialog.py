"""Importing the owner roster from the window: proposed columns, preview, rejections, import."""
from propdesk.models.tables import Owner
from test_import_shapes import estates  # noqa: F401 - the two-estate office fixture
from propdesk.ui.import_dialog import ImportDialog
from tests.fixtures.owner_workbooks import roster


def test_mapping_preview_and_import(qtbot, office, tmp_path, dialogs):
    path = roster(tmp_path / "r.xlsx", ["备注", "房号", "业主姓名", "联系电话"], [
        ["", "5-1-1201", "周杰", "13700001111"],
        ["", "5栋2单元301", "吴敏", "13700002222 / 0755-26880000"],
        ["", "楼下花园", "郑某", "13700003333"],
    ], title="阳光花园业主名单")
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(__import__("pathlib").Path(path))
    # proposed from the header: 房号 is the unit, 业主姓名 the name, 联系电话 the phone
    assert dialog.combos["unit"].currentText().endswith("房号")
    assert dialog.combos["name"].currentText().endswith("业主姓名")
    assert dialog.rows.topLevelItemCount() == 2 and dialog.rejected.topLevelItemCount() == 1
    assert "楼下花园" in dialog.rejected.topLevelItem(0).text(1)
    assert "2" in dialog.summary.text() and dialog.import_button.isEnabled()
    # a wrong choice is visible at once: no name column, nothing to import
    dialog.combos["name"].setCurrentIndex(0)
    assert not dialog.import_button.isEnabled() and "姓名" in dialog.summary.text()
    dialog.combos["name"].setCurrentIndex(dialog.combos["name"].findText("C: 业主姓名"))
    dialog.do_import()
    assert {o.name: o.unit.label for o in Owner.select() if o.name in ("周杰", "吴敏")} == {
        "周杰": "5栋1单元1201", "吴敏": "5栋2单元301"}
    assert dialog.report.created == 2 and len(dialog.report.rejected) == 1
    assert any("楼下花园" in text for _k, _t, text in dialogs)


def test_new_units_confirmed_sheets_found_and_read_once(qtbot, office, tmp_path, dialogs, monkeypatch):
    from pathlib import Path

    from fixtures.property_systems import hc_multi
    from propdesk.services.register import workbook

    reads = []
    real = workbook.read_grids
    monkeypatch.setattr(workbook, "read_grids", lambda *a, **k: reads.append(1) or real(*a, **k))
    path = Path(hc_multi(tmp_path / "hc.xlsx"))
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.sheet_choice.currentText() == "房屋信息" and "业主信息" in dialog.sheet.text()
    assert dialog.combos["owner_no"].currentText().endswith("业主编号")
    assert dialog.combos["room"].currentText().endswith("房屋编号")
    first = dialog.rows.topLevelItem(0)
    assert [first.text(i) for i in range(6)] == ["2", "阳光花园", "5栋", "2单元", "802", "方红"]
    # 5栋2单元802 is not on the register: listed, not created unless ticked
    assert dialog.new_units.topLevelItemCount() >= 1
    assert dialog.new_units.topLevelItem(0).text(1) == "阳光花园 5栋2单元802"
    assert dialog.create_units.isEnabled() and not dialog.create_units.isChecked()
    # changing the mapping or the estate does not read the file again
    dialog.combos["area"].setCurrentIndex(0)
    dialog.estate.setCurrentIndex(dialog.estate.findText("阳光花园"))
    assert reads == [1]
    dialog.create_units.setChecked(True)
    dialog.do_import()
    assert dialog.report.units_created >= 1 and not dialog.report.rejected
    assert Owner.get(Owner.name == "方红").unit.label == "5栋2单元802"


def test_a_broken_file_gets_a_message(qtbot, office, tmp_path, dialogs):
    from pathlib import Path

    path = Path(tmp_path / "坏文件.xlsx")
    path.write_bytes(b"PK\x03\x04 broken")
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.roster is None and "坏文件.xlsx" in dialogs[-1][2]


def test_relational_workbook_joined_in_the_preview(qtbot, office, tmp_path, dialogs):
    """Rooms 房屋 and owners 业主 joined by 业主编号: the dialog says which sheets were read and
    how, names come from 业主 (shown, not chosen), each line says which line of 业主 it took."""
    from pathlib import Path

    from fixtures.property_systems import relational_roster
    from propdesk.models.tables import Building, Estate, Unit
    from propdesk.services.register.owners import unit_label

    cui = Estate.create(name="翠湖苑")
    for name in ("5幢",):
        building = Building.create(estate=cui, name=name)
        for entrance in ("1单元", "2单元"):
            for room in ("1201", "1202", "301"):
                Unit.create(building=building, entrance=entrance, room=room,
                            label=unit_label(name, entrance, room))
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(Path(relational_roster(tmp_path / "roster.xlsx")))
    assert dialog.sheet_choice.currentText() == "房屋" and dialog.owners_choice.currentText() == "业主"
    lines = dialog.sheet.text().splitlines()
    assert lines[0] == "已读取工作表“房屋”（表头在第 2 行，其下 10 行）。"
    assert "按“房屋”的“业主编号”＝“业主”的“业主编号”连接" in lines[1]
    assert "“旧业主”（隐藏）" in lines[2]
    # 房间 is the room, 房屋编号 only the room's number; the names are from 业主
    assert dialog.combos["room"].currentText() == "E: 房间"
    assert dialog.combos["room_no"].currentText() == "A: 房屋编号"
    assert dialog.combos["name"].currentText() == "取自“业主” B: 姓名" and not dialog.combos["name"].isEnabled()
    first = dialog.rows.topLevelItem(0)
    assert [first.text(i) for i in range(9)] == [
        "3", "阳光花园", "5栋", "1单元", "1201", "张伟明", "13800000101", "业主", "“业主”第 2 行"]
    assert not dialog.rows.isColumnHidden(8)
    rejected = [(dialog.rejected.topLevelItem(i).text(0), dialog.rejected.topLevelItem(i).text(1))
                for i in range(dialog.rejected.topLevelItemCount())]
    assert [where for where, _why in rejected] == ["房屋 8", "房屋 10", "业主 11"]
    assert "P099" in rejected[0][1]
    dialog.do_import()
    assert dialog.report.created == 7
    assert Owner.get(Owner.name == "吴刚").unit.label == "5栋2单元301"


def test_two_address_sheets_the_clerk_chooses(qtbot, office, tmp_path, dialogs):
    from pathlib import Path

    from openpyxl import Workbook

    wb = Workbook()
    for title, room, name, header in (("3栋", "1201", "甲", ["楼栋", "单元", "房号", "姓名"]),
                                      ("5栋", "1202", "乙", ["楼栋", "单元", "房号", "姓名", "手机"])):
        ws = wb.active if title == "3栋" else wb.create_sheet(title)
        ws.title = title
        ws.append(header)  # not of one shape (5栋 has phones): not read together
        ws.append([title, "1单元", room, name])
    wb.save(tmp_path / "two.xlsx")
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(Path(tmp_path / "two.xlsx"))
    assert dialog.sheet_choice.currentText() == "- 请选择 -"
    assert "“3栋”、“5栋”" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert "已读取" not in dialog.sheet.text()  # nothing is read before the clerk chooses
    dialog.sheet_choice.setCurrentIndex(dialog.sheet_choice.findText("5栋"))
    assert dialog.import_button.isEnabled() and dialog.rows.topLevelItem(0).text(5) == "乙"
    assert dialog.rows.isColumnHidden(8)


def test_two_sheets_of_names_the_clerk_chooses_one(qtbot, office, tmp_path, dialogs):
    from pathlib import Path

    from openpyxl import Workbook

    wb = Workbook()
    rooms = wb.active
    rooms.title = "房屋"
    rooms.append(["楼栋", "单元", "房号", "业主编号"])
    rooms.append(["3栋", "1单元", "1201", "P1"])
    for title, name in (("业主", "甲"), ("业主2", "乙")):
        ws = wb.create_sheet(title)
        ws.append(["业主编号", "姓名", "手机"])
        ws.append(["P1", name, "13800000001"])
    wb.save(tmp_path / "names.xlsx")
    dialog = ImportDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(Path(tmp_path / "names.xlsx"))
    assert dialog.owners_choice.currentText() == "自动识别"
    assert "“业主”、“业主2”" in dialog.summary.text() and not dialog.import_button.isEnabled()
    dialog.owners_choice.setCurrentIndex(dialog.owners_choice.findText("业主2"))
    assert dialog.import_button.isEnabled() and dialog.rows.topLevelItem(0).text(5) == "乙"
    assert dialog.combos["name"].currentText() == "取自“业主2” B: 姓名"
    dialog.do_import()
    assert Owner.get(Owner.name == "乙").unit.label == "3栋1单元1201"
    assert not Owner.select().where(Owner.name == "甲").exists()


def test_one_sheet_per_building_read_together(qtbot, estates, tmp_path, dialogs):  # noqa: F811
    """Sheets 阳光花园3栋, 5栋 … of one shape: offered as one choice and read together, each
    line with its sheet; 汇总 with the same columns is asked about until the clerk chooses."""
    from pathlib import Path

    from fixtures.property_systems import per_building_roster

    path = Path(per_building_roster(tmp_path / "楼栋.xlsx", summary_alike=True))
    dialog = ImportDialog(estates["clerk"])
    qtbot.addWidget(dialog)
    dialog.load(path)
    together = "阳光花园3栋、5栋、5幢、翠湖苑、二期（合并读取）"
    assert dialog.sheet_choice.currentText() == "- 请选择 -"
    assert dialog.sheet_choice.itemText(1) == together  # the sheets alike, without 汇总
    assert "工作表“汇总”与花名册工作表" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert "合并为一份花名册" not in dialog.sheet.text()  # nothing is read before the clerk chooses
    dialog.sheet_choice.setCurrentIndex(1)
    assert "合并为一份花名册读取：“阳光花园3栋”" in dialog.sheet.text()
    assert "楼栋取自工作表名" in dialog.sheet.text() and "未读取的工作表：“汇总”（未选择）" in dialog.sheet.text()
    assert dialog.combos["room"].currentText() == "C: 房号" and dialog.combos["entrance"].currentText() == "B: 单元"
    assert dialog.mapping_box.title() == "“阳光花园3栋”的各列（其他工作表按相同表头）"
    rows = [[dialog.rows.topLevelItem(i).text(c) for c in (0, 1, 2, 3, 4, 5)]
            for i in range(dialog.rows.topLevelItemCount())]
    assert rows[:2] == [["阳光花园3栋 3", "阳光花园", "3栋", "1单元", "1201", "周杰"],
                        ["阳光花园3栋 4", "阳光花园", "3栋", "1单元", "1202", "𠮷田花子"]]
    assert ["5幢 3", "翠湖苑", "5幢", "1单元", "1202", "陈静"] in rows
    rejected = [dialog.rejected.topLevelItem(i).text(0) for i in range(dialog.rejected.topLevelItemCount())]
    assert rejected == ["5栋 5", "二期 3", "二期 4"] and "二期" in dialog.rejected.topLevelItem(1).text(1)
    assert dialog.new_units.isHidden()
    dialog.do_import()
    assert dialog.report.created == 8 and len(dialog.report.rejected) == 3
    assert Owner.get(Owner.name == "赵强").unit.label == "5幢2单元802"
    assert Owner.get(Owner.name == "𠮷田花子").unit.label == "3栋1单元1202"
