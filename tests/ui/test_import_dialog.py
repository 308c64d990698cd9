"""Importing the owner roster from the window: proposed columns, preview, rejections, import."""
from propdesk.models.tables import Owner
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
