"""Phone numbers masked for what leaves the office (138****5678), mobiles and landlines."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propdesk.services.register import privacy
from propdesk.services.core import settings as office_settings
from propdesk.services.register.privacy import mask_phone


@pytest.mark.parametrize("text, masked", [
    ("13800138000", "138****8000"),
    ("138 0013 8000", "138 **** 8000"),
    ("138-0013-8000", "138-****-8000"),
    ("+86 138 0013 8000", "+86 138 **** 8000"),
    ("8613800138000", "86138****8000"),
    ("0755-26881234", "0755-****1234"),
    ("075526881234", "0755****1234"),
    ("(010)62345678", "(010)****5678"),
    ("010-6234567", "010-***4567"),
    ("020 8888 6666转123", "020 **** 6666转123"),
    ("0755-26881234-801", "0755-****1234-801"),
    ("26881234", "****1234"),
    ("2688-1234", "****-1234"),
    ("1380013800", "138***3800"),  # mistyped (10 digits): the middle is hidden anyway
    ("张伟 13800138000，备用 0755-26881234", "张伟 138****8000，备用 0755-****1234"),
    ("13800138000/13912345678", "138****8000/139****5678"),
])
def test_masks_mobiles_and_landlines(text, masked):
    assert mask_phone(text) == masked


@pytest.mark.parametrize("text", [
    "", "TS-20261124-003", "2026年11月24日处理", "3栋2单元1201", "费用 120.00 元", "日期 20261124",
    "订单号 12345678",  # a bare 8-digit number in free text is not taken for a phone
])
def test_leaves_other_text_alone(text):
    assert mask_phone(text) == text


def test_none_and_numbers():
    assert mask_phone(None) == ""
    assert mask_phone(13800138000) == "138****8000"


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
       st.text(alphabet="张伟，。电话：", max_size=5), st.text(alphabet="张伟，。备注", max_size=5))
def test_a_mobile_in_any_text_never_shows_its_middle(mobile, before, after):
    masked = mask_phone(before + mobile + after)
    assert mobile not in masked
    assert f"{mobile[:3]}****{mobile[-4:]}" in masked
    assert masked.startswith(before) and masked.endswith(after)
    assert mask_phone(masked) == masked  # masking twice changes nothing
    assert len(re.findall(r"\d", masked)) == len(re.findall(r"\d", before + after)) + 7


def test_the_office_setting(office):
    assert privacy.mask_in_exports() is False  # default: exports show phones in full
    office_settings.change(office["admin"], privacy.SETTING, "1")
    assert privacy.mask_in_exports() is True
