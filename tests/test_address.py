"""One address parser for the whole program: the forms people say, candidates with estates."""
import pytest

from propdesk.models.tables import Building, Estate, Unit
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.register import address, owners
from propdesk.services.register.address import Address, parse_address
from propdesk.services.register.owners import unit_label


@pytest.fixture
def two_estates(fresh_db):
    """阳光花园 with 5栋 and 3栋, 翠湖苑 with 5幢 and 3号楼: two building 5s, two building 3s."""
    made = {}
    for estate_name, buildings in (("阳光花园", ("5栋", "3栋")), ("翠湖苑", ("5幢", "3号楼", "A座"))):
        estate = Estate.create(name=estate_name)
        for sort, b in enumerate(buildings):
            building = Building.create(estate=estate, name=b, sort=sort)
            for entrance in ("1单元", "2单元"):
                for room in ("802", "1201"):
                    u = Unit.create(building=building, entrance=entrance, room=room,
                                    label=unit_label(b, entrance, room))
                    made[(estate_name, u.label)] = u
    villa = Building.create(estate=Estate.get(name="翠湖苑"), name="12栋", sort=9)
    made[("翠湖苑", "12栋101")] = Unit.create(building=villa, entrance="", room="101", label="12栋101")
    return made


@pytest.mark.parametrize("text, expected", [
    ("翠湖苑5幢2单元802", Address("翠湖苑", "5", "幢", "2", "802")),
    ("5幢2单元802", Address("", "5", "幢", "2", "802")),
    ("5-2-802", Address("", "5", "", "2", "802")),
    ("5#2-802", Address("", "5", "", "2", "802")),
    ("5#2单元802室", Address("", "5", "", "2", "802")),
    ("五幢二单元802", Address("", "5", "幢", "2", "802")),
    ("十二栋101", Address("", "12", "栋", "", "101")),
    ("3号楼1201", Address("", "3", "号楼", "", "1201")),
    ("3栋1201", Address("", "3", "栋", "", "1201")),
    ("５－２－８０２", Address("", "5", "", "2", "802")),
    ("5—2—802", Address("", "5", "", "2", "802")),
    ("翠湖苑 5幢 2单元 802室", Address("翠湖苑", "5", "幢", "2", "802")),
    ("B座2单元2001", Address("", "B", "座", "2", "2001")),
    ("15-2-802", Address("", "15", "", "2", "802")),
    ("某小区5-2-802", Address("某小区", "5", "", "2", "802")),
])
def test_forms_people_write(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "楼下花园", "漏水", "13800138000", "5栋", "二单元"])
def test_not_an_address(text):
    assert parse_address(text) is None


def where(found):
    return [(c.estate, c.label) for c in found]


def test_one_match_each_form(two_estates):
    for text in ("翠湖苑5幢2单元802", "5幢2单元802", "五幢二单元802", "翠湖苑5-2-802", "翠湖苑5#2-802",
                 "５幢２单元８０２"):
        assert where(address.candidates(text)) == [("翠湖苑", "5幢2单元802")], text
    assert where(address.candidates("阳光花园5-2-802")) == [("阳光花园", "5栋2单元802")]
    assert where(address.candidates("5栋2单元802")) == [("阳光花园", "5栋2单元802")]
    assert where(address.candidates("12栋101")) == [("翠湖苑", "12栋101")]
    assert where(address.candidates("A座1单元1201")) == [("翠湖苑", "A座1单元1201")]


def test_several_matches_name_their_estates(two_estates):
    both = [("阳光花园", "5栋2单元802"), ("翠湖苑", "5幢2单元802")]
    assert where(address.candidates("5-2-802")) == both
    assert where(address.candidates("5#2-802")) == both
    # 号楼 is nobody's word for building 5: the number decides, and both are offered
    assert where(address.candidates("5号楼2单元802")) == both
    # without an entrance, every entrance with that room is offered, never the first one
    assert where(address.candidates("5栋802")) == [("阳光花园", "5栋1单元802"), ("阳光花园", "5栋2单元802")]
    # the word as the office wrote it is kept: 3号楼 is shown as 3号楼, 3栋 as 3栋
    assert where(address.candidates("3号楼1单元1201")) == [("翠湖苑", "3号楼1单元1201")]
    assert where(address.candidates("3-1-1201")) == [("阳光花园", "3栋1单元1201"), ("翠湖苑", "3号楼1单元1201")]


def test_no_match(two_estates):
    assert address.candidates("5栋2单元803") == []
    assert address.candidates("13栋2单元9901") == []
    assert address.candidates("碧桂园5-2-802") == []  # an estate the office does not have
    # the estate is named and has one building 5: its own word is shown
    assert where(address.candidates("阳光花园5幢2单元802")) == [("阳光花园", "5栋2单元802")]


def test_owners_lookups_use_the_parser(two_estates):
    assert owners.find_unit("5-2-802") is None
    assert owners.find_unit("翠湖苑5-2-802") == two_estates[("翠湖苑", "5幢2单元802")]
    message, params = owners.unit_problem("5-2-802")
    assert params["units"] == "阳光花园 5栋2单元802、翠湖苑 5幢2单元802"
    assert owners.unit_problem("5幢2单元802") is None
    assert owners.unit_problem("5栋2单元803")[0] == owners.MSG_UNIT_UNKNOWN


def test_suggestions_as_the_clerk_types(two_estates):
    assert where(address.suggestions("5-2-802", reader=PROGRAM)) == [("阳光花园", "5栋2单元802"), ("翠湖苑", "5幢2单元802")]
    typed = where(address.suggestions("5幢2单元8", reader=PROGRAM))
    assert typed == [("翠湖苑", "5幢2单元802")]
    assert where(address.suggestions("翠湖苑5幢1", reader=PROGRAM)) == [("翠湖苑", "5幢1单元1201"), ("翠湖苑", "5幢1单元802")]
    assert address.several_estates()


def test_two_estates_with_the_same_labels(office):
    """Both estates have a 3栋: every label the desk shows or passes on carries the estate."""
    import datetime as dt

    from propdesk.models.tables import Category, Complaint
    from propdesk.services.cases import complaints, workorders
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.lists import weekly

    other = Estate.create(name="翠湖苑")
    b = Building.create(estate=other, name="3栋")
    theirs = Unit.create(building=b, entrance="2单元", room="1201", label="3栋2单元1201")
    assert [c.display() for c in address.candidates("3栋2单元1201")] == ["阳光花园 3栋2单元1201",
                                                                       "翠湖苑 3栋2单元1201"]
    assert address.unit_display(theirs) == "翠湖苑 3栋2单元1201"
    cat = Category.get(Category.name == "工程维修/设施设备").id
    made = []
    for text in ("翠湖苑3-2-1201", "翠湖苑 3栋2单元1201"):
        made.append(complaints.create(office["clerk"], ComplaintInput(
            received_at=dt.datetime.now().replace(microsecond=0), unit=text, phone="13800000001",
            complainant="甲", description="漏水", category_id=cat, severity="minor")))
    assert {Complaint.get_by_id(c.id).unit_id for c in made} == {theirs.id}
    wo = workorders.from_complaint(office["clerk"], made[0].id, "修水管", None)
    assert wo.unit_id == theirs.id
    today = dt.date.today()
    assert weekly.top_units(today - dt.timedelta(days=1), today + dt.timedelta(days=1)) == [
        ("翠湖苑 3栋2单元1201", 2)]
