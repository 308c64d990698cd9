"""Bad input never crashes and never half-writes (Hypothesis).

Each service gets arbitrary values in every field: any text (emoji, control characters, lone
surrogates, very long strings), odd datetimes (year 1, year 9999, with a time zone) and wrong
types (None, numbers, lists, bytes, dates). A call either succeeds or raises a RuleError; a
field error names the field in Chinese; after a rejection no table has one row more or less.
The ``propdesk`` command gets random argument lists: it exits 0, 1 or 2, never a traceback.

Example counts are kept modest (``EXAMPLES``) so the suite stays fast; raise them locally with
``PROPDESK_FUZZ_EXAMPLES=2000``.
"""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from propdesk.errors import RuleError, ValidationError
from propdesk.models.tables import ALL_MODELS, Category
from propdesk.services.core import accounts
from propdesk.services.cases import callback_results
from propdesk.services.cases import callbacks
from propdesk.services.cases import complaints
from propdesk.services.core import validation
from propdesk.services.cases import workorders
from propdesk.services.cases.callback_results import CallbackInput
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import RepairInput

EXAMPLES = int(os.environ.get("PROPDESK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])
CJK = re.compile(r"[\u4e00-\u9fff]")

# --- values -------------------------------------------------------------------------------------

odd_chars = st.characters(codec=None, categories=None)  # anything, lone surrogates included
texts = st.one_of(
    st.text(),
    st.text(alphabet=odd_chars, max_size=50),
    st.text(alphabet=st.sampled_from("漏水电梯😀🏠\x00\x07\x1b\u200b\u202e\ufeff\r\n\t "), max_size=30),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["漏", "😀", "a", "\x00", " "]),
              st.integers(0, 120_000)),
    st.sampled_from(["", " ", "\u3000", "１３８００１３８０００", "13800138000", "0755-26881234",
                     "3栋2单元1201", "3-2-1201"]),
)
datetimes = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1),
                 timezones=st.just(dt.timezone.utc)),
    st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 11, 20)),
)
wrong_types = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.binary(max_size=20),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(), st.decimals(allow_nan=True), st.just(object()),
)
anything = st.one_of(texts, wrong_types, datetimes)
ids = st.one_of(st.integers(-3, 10**12), st.sampled_from([1, 2, 3]), anything)


def choice(values):
    return st.one_of(st.sampled_from(values), anything)


# --- helpers ------------------------------------------------------------------------------------

def counts() -> dict[str, int]:
    return {m._meta.table_name: m.select().count() for m in ALL_MODELS}


def assert_clear_rejection(err: RuleError) -> None:
    """The message is Chinese, and a field error names its field (in Chinese)."""
    text = err.text()
    assert CJK.search(text), text
    errors = err.errors.values() if isinstance(err, ValidationError) else [err]
    for e in errors:
        if e.field:
            name = validation.label(e.field)
            assert CJK.search(name), e.field
            assert name in e.text(), (e.field, e.text())


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- complaints ---------------------------------------------------------------------------------

complaint_inputs = st.builds(
    ComplaintInput,
    channel=choice(["phone", "walk_in", "online"]),
    received_at=st.one_of(st.none(), datetimes, anything),
    phone=st.one_of(st.sampled_from(["13800138000", "0755-26881234", ""]), anything),
    complainant=st.one_of(st.just("张伟"), anything),
    unit=st.one_of(st.sampled_from(["", "3栋2单元1201", "9栋9单元9999"]), anything),
    owner_id=st.one_of(st.none(), ids),
    location=anything,
    occurred_at=st.one_of(st.none(), datetimes, anything),
    description=st.one_of(st.just("楼上漏水"), anything),
    people_involved=anything,
    customer_request=anything,
    evidence=anything,
    category_id=st.one_of(st.just(1), ids),
    severity=choice(["major", "important", "minor"]),
    valid=st.one_of(st.booleans(), anything),
    invalid_reason=anything,
    notice_required=anything,
    department_id=st.one_of(st.none(), ids),
    is_group=anything,
    related_to_id=st.one_of(st.none(), ids),
)


@FUZZ
@given(data=complaint_inputs)
def test_complaint_create_never_crashes_nor_half_writes(office, data):
    before = counts()
    try:
        c = complaints.create(office["clerk"], data, at=_now())
    except RuleError as err:
        assert_clear_rejection(err)
        assert counts() == before
    else:
        after = counts()
        assert after["complaint"] == before["complaint"] + 1
        assert complaints.get(c.id).number == c.number


# --- work orders --------------------------------------------------------------------------------

repair_inputs = st.builds(
    RepairInput,
    received_at=st.one_of(st.none(), datetimes, anything),
    phone=st.one_of(st.just("13912345678"), anything),
    contact_name=st.one_of(st.just("刘洋"), anything),
    unit=st.one_of(st.sampled_from(["", "3栋2单元1201"]), anything),
    owner_id=st.one_of(st.none(), ids),
    location=anything,
    description=st.one_of(st.just("水龙头漏水"), anything),
    urgency=choice(["urgent", "ordinary"]),
    window_start=st.one_of(st.none(), datetimes, anything),
    window_end=st.one_of(st.none(), datetimes, anything),
    paid=anything,
    department_id=st.one_of(st.none(), ids),
    complaint_id=st.one_of(st.none(), ids),
)


@FUZZ
@given(data=repair_inputs)
def test_workorder_create_never_crashes_nor_half_writes(office, data):
    before = counts()
    try:
        workorders.create(office["clerk"], data, at=_now())
    except RuleError as err:
        assert_clear_rejection(err)
        assert counts() == before
    else:
        assert counts()["work_order"] == before["work_order"] + 1


# --- callbacks ----------------------------------------------------------------------------------

@pytest.fixture
def case(office):
    return complaints.create(office["clerk"], ComplaintInput(
        phone="13800138000", complainant="张伟", description="楼道灯不亮",
        category_id=Category.select().first().id, severity="minor"))


callback_inputs = st.builds(
    CallbackInput,
    method=choice(["phone", "visit"]),
    reached=st.one_of(st.booleans(), anything),
    satisfaction=choice(["satisfied", "fairly", "dissatisfied"]),
    owner_words=anything,
    at=st.one_of(st.none(), datetimes, anything),
)


@FUZZ
@given(data=callback_inputs, wrong_id=st.one_of(st.none(), ids))
def test_callback_record_never_crashes_nor_half_writes(office, case, data, wrong_id):
    cb = callbacks.schedule_for_complaint(office["clerk"], case, _now())  # the open one, or a new one
    before = counts()
    try:
        callback_results.record(office["clerk"], cb.id if wrong_id is None else wrong_id, data)
    except RuleError as err:
        assert_clear_rejection(err)
        assert counts() == before


# --- sign-in ------------------------------------------------------------------------------------

@FUZZ
@given(username=st.one_of(st.sampled_from(["clerk", "supervisor", " clerk ", "CLERK"]), anything),
       password=st.one_of(st.just("secret123"), anything))
def test_authenticate_never_crashes(office, username, password):
    before = counts()
    try:
        staff = accounts.authenticate(username, password)
    except RuleError as err:
        assert_clear_rejection(err)
        assert err.field in ("username", "password")
        after = counts()
        # a wrong password for a real account is itself recorded (login_failed); nothing else
        assert after["audit_entry"] - before["audit_entry"] in (0, 1)
        assert {k: v for k, v in after.items() if k != "audit_entry"} == \
            {k: v for k, v in before.items() if k != "audit_entry"}
    else:
        assert staff.username == username.strip() and password == "secret123"


# --- the command line ---------------------------------------------------------------------------

TOKENS = ["demo", "export", "import-owners", "report", "backup", "restore", "weekly", "complaints",
          "repairs", "callbacks", "owners", "--from", "--to", "-o", "--output", "--week", "--db",
          "--lang", "zh_CN", "en", "--complaints", "--seed", "--dry-run", "--estate", "--user",
          "--password", "--mask-phones", "2026-11-01", "2026-13-45", "2026-W47", "out.xlsx",
          "out.pdf", "out.txt", "roster.xlsx", "copy.db", "-1", "0", "abc", "--help", "-h",
          "--version", "", "漏水", "--", "-x"]
argv_token = st.one_of(st.sampled_from(TOKENS), st.text(alphabet=st.characters(codec="utf-8",
                        exclude_characters="/\\\x00"), max_size=12))


safe_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\\\x00"), max_size=12)
# --by: no control characters (see test_report_by_with_a_control_character below)
printable_text = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S"]),
                         max_size=12)
dates = st.one_of(st.sampled_from(["2026-11-01", "2026-11-30", "2026/11/5", "２０２６-１１-０１",
                                   "2026-02-30", "2026-13-01", "1999-01-01", "9999-12-31"]), safe_text)
files = st.one_of(st.sampled_from(["out.xlsx", "out.pdf", "OUT.XLSX", "out.txt", "out", ".xlsx",
                                   "copy.db", "roster.xlsx", "missing.db", "sub/out.xlsx"]),
                  safe_text, safe_text.map(lambda t: t + ".xlsx"), safe_text.map(lambda t: t + ".db"))
# the weekly report into a missing folder: see test_report_into_a_missing_folder below
report_files = files.filter(lambda name: not name.startswith("sub/"))
weeks = st.one_of(st.sampled_from(["2026-W47", "2026-W53", "2026-W00", "2027-W01", "W47"]), safe_text)
numbers = st.one_of(st.integers(-5, 10**6).map(str), safe_text)


def optional(*parts):
    """Some of the given argument groups, each present or not."""
    return st.tuples(*[st.one_of(st.just([]), p) for p in parts]).map(lambda groups: sum(groups, []))


def flag(name, values):
    return values.map(lambda v: [name, v])


commands = st.one_of(
    st.tuples(st.sampled_from(["complaints", "repairs", "callbacks", "owners", "rooms"]), files,
              optional(flag("--from", dates), flag("--to", dates), st.just(["--mask-phones"])))
      .map(lambda t: ["export", t[0], "-o", t[1], *t[2]]),
    st.tuples(files, optional(st.just(["--dry-run"]), flag("--estate", safe_text)))
      .map(lambda t: ["import-owners", t[0], *t[1]]),
    st.tuples(report_files, st.one_of(flag("--week", weeks), optional(flag("--from", dates), flag("--to", dates))),
              optional(flag("--by", printable_text)))
      .map(lambda t: ["report", "weekly", "-o", t[0], *t[1], *t[2]]),
    optional(flag("-o", files)).map(lambda rest: ["backup", *rest]),
    st.tuples(files, optional(flag("--user", st.one_of(st.sampled_from(["supervisor", "clerk"]),
                                                       safe_text)),
                              flag("--password", st.one_of(st.just("secret123"), safe_text))))
      .map(lambda t: ["restore", t[0], *t[1]]),
    optional(flag("--complaints", numbers), flag("--seed", numbers)).map(lambda rest: ["demo", *rest]),
)
# mostly someone who may (so the command's own checks are reached), sometimes nobody, a role
# that may not, or a name that is not there
sign_in = st.one_of(st.just(["--user", "admin"]), st.just(["--user", "clerk"]), st.just([]),
                    st.just(["--user", "technician"]), flag("--user", safe_text))
argvs = st.one_of(
    st.lists(argv_token, max_size=8),  # anything at all: mostly usage errors
    st.tuples(st.lists(st.sampled_from(["--lang", "zh_CN", "en"]), max_size=2), sign_in, commands)
      .map(lambda t: t[0] + t[1] + t[2]),
)


@FUZZ
@given(argv=argvs)
def test_cli_exits_0_1_2_never_a_traceback(office, tmp_path, monkeypatch, capsys, argv, db_location):
    from propdesk import app, cli
    from propdesk.demo import office as demo

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setenv("PROPDESK_DB", db_location)  # accounts to sign in to
    monkeypatch.setattr(app, "run_gui", lambda args: 0)  # no window
    # the demo office takes seconds to build: its own tests cover it; here only the arguments
    monkeypatch.setattr(demo, "create_demo_office", lambda n_complaints=400, seed=1: "demo")
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    event(f"exit {code}")
    assert code in (0, 1, 2, None), (argv, code, out.err)
    assert "Traceback" not in out.err


def test_report_by_with_a_control_character(office, tmp_path, monkeypatch, capsys, db_location):
    from propdesk import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setenv("PROPDESK_DB", db_location)  # accounts to sign in to
    assert cli.main(["--lang", "zh_CN", "--user", "clerk", "report", "weekly", "-o", "w.xlsx", "--by", "\x01"]) == 1  # found by fuzzing
    assert "制表人" in capsys.readouterr().err


def test_report_into_a_missing_folder(office, tmp_path, monkeypatch, capsys, db_location):
    from propdesk import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setenv("PROPDESK_DB", db_location)  # accounts to sign in to
    assert cli.main(["--user", "clerk", "report", "weekly", "-o", "sub/w.xlsx", "--week", "2026-W47"]) == 1  # found by the fuzz test
    assert "sub" in capsys.readouterr().err and not (tmp_path / "sub").exists()


def test_export_up_to_the_last_day_there_is(office, tmp_path, monkeypatch, capsys, db_location):
    """Found by the fuzz test: --to 9999-12-31 overflowed the day after (OverflowError)."""
    from propdesk import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setenv("PROPDESK_DB", db_location)  # accounts to sign in to
    assert cli.main(["--user", "clerk", "export", "complaints", "--from", "2026-11-01", "--to", "9999-12-31",
                     "-o", "all.xlsx"]) == 0
