"""Which column of a roster holds what, read from its header by meaning, and ranked.

A header is first checked against words that are never a unit, a name or a phone (房屋类型,
房屋户型, 楼层, 身份证号, 车牌, 性别, 序号, 紧急联系人 …), then read by what it says: 业主编号 is
the number that links an owners sheet to a rooms sheet (never a name), 面积 an area, 电话/手机 a
phone, 小区 the estate, 楼号/楼栋 the building, 单元 the entrance, 房间/房号/室 the room,
房屋/地址 the whole address, 姓名/业主名称 the name. A shared character is never enough (业主编号
is not 业主).

Every header has a rank, and the best ranked column names a field (the first of equals):
0 the field's own word (房间, 姓名, 手机), 1 a word inside a longer header (房间号码, 联系手机), a
bare role word as a name (业主, 客户) or a landline (固话, 备用电话), 2 a contact who may be
someone else (联系人) or an identifier of a part of the address (楼栋编号, 单元编号). An
identifier of the room itself (房屋编号, 房间编号, 房产编码, 房屋ID …) is never the address: it is
``room_no``, the key an owners sheet may be joined by, and holds the room only in a sheet whose
building is in a column of its own and that has no room column (HC's 房屋编号 beside 楼栋编号).
:func:`check_content` then drops a guess the values contradict (a "name" column of numbers).
"""
from __future__ import annotations

import re

from propdesk.i18n import QT_TRANSLATE_NOOP

FIELDS = {  # field -> label (English source)
    "estate": QT_TRANSLATE_NOOP("import", "Estate"),
    "unit": QT_TRANSLATE_NOOP("import", "Unit (building-entrance-room)"),
    "building": QT_TRANSLATE_NOOP("import", "Building"),
    "entrance": QT_TRANSLATE_NOOP("import", "Entrance"),
    "room": QT_TRANSLATE_NOOP("import", "Room"),
    "name": QT_TRANSLATE_NOOP("import", "Name"),
    "phone": QT_TRANSLATE_NOOP("import", "Phone"),
    "role": QT_TRANSLATE_NOOP("import", "Role"),
    "area": QT_TRANSLATE_NOOP("import", "Area"),
    "note": QT_TRANSLATE_NOOP("import", "Note"),
    "owner_no": QT_TRANSLATE_NOOP("import", "Owner number (links owners to rooms)"),
    "room_no": QT_TRANSLATE_NOOP("import", "Room number (links owners to rooms)"),
}
LINKS = ("owner_no", "room_no")  # the keys sheets are joined by

# Exact headers, as offices and property systems write them.
EXACT = {
    "estate": ["小区", "小区名称", "所属小区", "项目", "项目名称", "所属项目", "楼盘", "楼盘名称",
               "园区", "estate", "community", "project"],
    "unit": ["房屋", "房产", "地址", "住址", "房屋地址", "房产地址", "详细地址", "房屋名称", "楼栋单元房号",
             "单元房号", "房号全称", "户号", "unit", "address", "apartment"],
    "building": ["楼栋", "楼号", "栋号", "幢号", "楼栋号", "楼栋名称", "楼宇", "楼座", "栋",
                 "幢", "楼", "building", "block", "bldg"],
    "entrance": ["单元", "单元号", "单元名称", "entrance"],
    "room": ["房间", "房号", "房间号", "室", "室号", "门牌号", "房屋号", "room", "roomno", "flat"],
    "name": ["姓名", "业主", "户主", "住户", "业主姓名", "业主名称", "住户姓名", "客户姓名", "客户名称",
             "户主姓名", "产权人", "产权人姓名", "联系人", "客户", "住户名称", "业主名字", "name",
             "ownername", "owner", "resident"],
    "phone": ["电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "联系方式", "移动电话", "固话",
              "固定电话", "phone", "mobile", "tel", "telephone", "phonenumber"],
    "role": ["身份", "住户类型", "业主类型", "人员类型", "客户类型", "住户身份", "关系", "与业主关系",
             "role", "type"],
    "area": ["面积", "建筑面积", "area"],
    "note": ["备注", "说明", "note", "notes", "remark", "remarks"],
    "owner_no": ["业主编号", "业主id", "业主代码", "业主号", "客户编号", "客户id", "客户代码", "住户编号",
                 "ownerid", "ownerno", "ownernum", "ownernumber"],
}
# Exact words that name their field less surely than the others (rank 0 unless listed here).
WEAKER = {
    # a bare role word may hold the name, or the role, or (HC's 业主 column) a number
    "业主": 1, "户主": 1, "住户": 1, "客户": 1, "产权人": 1, "owner": 1, "resident": 1,
    "联系人": 2,  # a contact: an agent or a relative as often as the owner
    # phones: the mobile first, then the usual contact number, then landlines
    "联系电话": 1, "电话": 1, "电话号码": 1, "联系方式": 1, "phone": 1, "tel": 1, "telephone": 1,
    "phonenumber": 1, "固话": 2, "固定电话": 2,
}
# Never a field, whatever else the header says.
NEVER = ("身份证", "证件", "idcard", "护照", "车牌", "车位", "停车", "车辆", "性别", "年龄", "出生",
         "生日", "民族", "籍贯", "户籍", "邮箱", "email", "微信", "qq", "费", "金额", "租金", "单价",
         "日期", "时间", "楼层", "层数", "层高", "户型", "朝向", "状态", "电梯", "序号", "行号",
         "房屋类型", "房屋性质", "房屋用途", "用途", "装修", "入住", "交房", "工作单位", "单位名称", "公司",
         "室内面积", "套内", "公摊", "紧急", "floor", "layer", "gender", "sex", "age", "plate", "fee",
         "date", "status", "idno")
# Contained words, checked in this order: the first that matches names the field, with a rank.
CONTAINED = [
    ("owner_no", 0, ("业主编号", "业主id", "业主代码", "客户编号", "客户id", "住户编号", "ownerid")),
    ("area", 1, ("面积", "area")),
    ("phone", 2, ("固话", "座机", "备用", "办公", "家庭电话", "其他电话", "其它电话")),
    ("phone", 1, ("手机", "mobile")),
    ("phone", 1, ("电话", "联系方式", "联系号码", "phone", "tel")),
    ("estate", 1, ("小区", "项目名称", "楼盘", "园区", "estate", "community")),
    ("unit", 1, ("单元房号", "地址", "住址", "房产", "房屋名称", "address")),
    ("building", 1, ("楼栋", "楼号", "栋号", "幢号", "楼宇", "building", "block")),
    ("entrance", 1, ("单元",)),
    ("room", 1, ("房间", "房号", "室号", "门牌", "房屋号", "room", "flat")),
    ("unit", 1, ("房屋",)),
    ("name", 1, ("姓名", "业主名称", "客户名称", "住户名称", "名字", "name")),
    ("role", 1, ("身份", "关系", "住户类型", "业主类型", "人员类型", "role")),
    ("note", 1, ("备注", "说明", "note", "remark")),
]
# An identifier: 房屋编号, 楼栋编码, 单元代码, 房屋ID, roomid, housecode.
ID_WORDS = re.compile(r"编号|编码|代码|id$|code$")
RANK_ID = 2
BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")


def key(text: str) -> str:
    """A header as compared: half-width, lower case, no spaces, (…) or punctuation."""
    from propdesk.services.register.owners import normalize_text

    text = BRACKETS.sub("", normalize_text(str(text or ""))).lower()
    return re.sub(r"[\s*:：_\-.#№/]+", "", text)


_EXACT = {word: name for name, words in EXACT.items() for word in words}


def _plain(k: str) -> tuple[str, int] | None:
    """(field, rank) of a header that is no identifier (its key ``k``)."""
    if k in _EXACT:
        return _EXACT[k], WEAKER.get(k, 0)
    if any(word in k for word in NEVER):
        return None
    for name, rank, words in CONTAINED:
        if any(word in k for word in words):
            return name, rank
    return None


def ranked(header: str) -> tuple[str, int] | None:
    """(field, rank) a header names, the lower rank the surer; None when it names none (or
    one never imported). An identifier is the owner's (owner_no) or the room's (room_no, the
    link only), or a part of the address at :data:`RANK_ID`; of anything else it is nothing."""
    k = key(header)
    if not k:
        return None
    if k in _EXACT and _EXACT[k] == "owner_no":
        return "owner_no", 0
    if not ID_WORDS.search(k) or k in _EXACT:
        return _plain(k)
    if any(word in k for word in NEVER):
        return None
    found = _plain(ID_WORDS.sub("", k))
    if found is None:
        return None
    if found[0] == "owner_no" or (found[0] == "name" and found[1] == 1 and k[:2] in ("业主", "客户", "住户")):
        return "owner_no", 0  # 业主编码, 客户代码, 住户ID
    if found[0] in ("unit", "room"):
        return "room_no", 0
    if found[0] in ("building", "entrance"):
        return found[0], RANK_ID
    return None


def classify(header: str) -> str | None:
    """The field a header names, or None when it names none (or one never imported)."""
    found = ranked(header)
    return found[0] if found else None


def exact(header: str) -> str | None:
    """The field a header names word for word (a header repeated further down)."""
    k = key(header)
    if k in _EXACT:
        return _EXACT[k]
    found = ranked(header)
    return found[0] if found and ID_WORDS.sub("", k) in _EXACT else None


def candidates(headers: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Field -> [(rank, column index)], best first, of every column naming it."""
    found: dict[str, list[tuple[int, int]]] = {}
    for i, header in enumerate(headers):
        hit = ranked(header)
        if hit is not None:
            found.setdefault(hit[0], []).append((hit[1], i))
    return {name: sorted(cols) for name, cols in found.items()}


def propose_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column index (0-based) from the header texts; the best ranked column naming a
    field wins (the first of equals), every phone column is kept, best first (phone, phone_2,
    phone_3 …). 房号 alone (no building column) holds the whole address; English Unit between
    Building and Room is the entrance; 房屋编号 is the room only beside a building column with
    no room column."""
    found = candidates(headers)
    mapping = {name: cols[0][1] for name, cols in found.items() if name != "phone"}
    for n, (_rank, i) in enumerate(found.get("phone", []), 1):
        mapping["phone" if n == 1 else f"phone_{n}"] = i
    if "room" not in mapping and "room_no" in mapping and "building" in mapping:
        mapping["room"] = mapping["room_no"]  # HC: 房屋编号 (802) beside 楼栋编号, 单元编号
    if "unit" in mapping and "building" in mapping:
        if key(headers[mapping["unit"]]) == "unit" and "room" in mapping and "entrance" not in mapping:
            mapping["entrance"] = mapping.pop("unit")  # English: Building / Unit / Room
        elif "room" not in mapping:
            mapping["room"] = mapping.pop("unit")
        else:
            mapping.pop("unit")  # 楼栋/单元/房号 say it all; 房屋 beside them is the full label
    if "building" not in mapping and "room" in mapping and "unit" not in mapping:
        mapping["unit"] = mapping.pop("room")  # 房号 alone holds the whole address
    if "unit" in mapping:
        mapping.pop("entrance", None)
    return mapping


def _is_number(value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return bool(re.fullmatch(r"\s*[\d.\-]+\s*", str(value))) if value is not None else False


def check_content(mapping: dict[str, int], rows: list[list], sample: int = 200) -> dict[str, int]:
    """Drop a name column whose values are mostly numbers (业主编号 under a wrong header): a
    number is never a person's name."""
    if "name" not in mapping:
        return mapping
    col = mapping["name"]
    values = [r[col] for r in rows[:sample] if col < len(r) and r[col] not in (None, "")]
    if values and sum(_is_number(v) for v in values) * 2 > len(values):
        mapping = {k: v for k, v in mapping.items() if k != "name"}
    return mapping
