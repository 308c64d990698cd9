"""Personal data in what leaves the office: phone numbers masked as 138****5678.

This is the one masking module: every export and printout (the registers in Excel and PDF, the
complaint forms, repair notices, incident notice lists, the weekly summary) masks through it,
free text included (a phone typed into a description is masked there too). One format, which
keeps the number's own shape (docs/registers.md, "Phone numbers in what leaves the office"):

``mask_phone(text)`` masks every phone number in a text and keeps everything else as written
(separators, names, extensions):

* mobiles (11 digits, 1[3-9]..., with or without +86 / spaces / dashes): the middle four
  digits, ``138****5678``, ``138 **** 5678``;
* landlines with an area code (``0755-26881234``, ``(010)12345678``, ``020 8888 6666转123``):
  the area code and the last four digits stay, ``0755-****1234``; an extension stays;
* a bare local number (``26881234``, ``2688-1234``) only when it is the whole text, as in a
  phone column (in free text a lone 7-8 digit number may be a date or an amount);
* a text that is only digits and separators but none of the above (a mistyped number,
  ``1380013800``): all but the first three and last four digits.

The setting ``mask_phones_in_exports`` ("1"/"0", default "0") is the default: the GUI's export
dialog starts with it, the CLI follows it unless ``--mask-phones``/``--no-mask-phones`` says
otherwise, and every writer given ``mask_phones=None`` asks :func:`wanted`.
"""
from __future__ import annotations

import re

from typing import Callable

from propdesk.services.core import settings

SETTING = "mask_phones_in_exports"

_SEP = r"[\s\-]?"
_MOBILE = re.compile(r"(?<![\d])(?:(?:\+|00)?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?!\d)")
_LANDLINE = re.compile(
    r"(?<![\d])(?:\(0\d{2,3}\)|0\d{2,3})" + _SEP + r"[2-9]\d{2,3}" + _SEP + r"\d{4}"
    r"(?P<ext>\s*(?:-|转|分机|ext\.?|x)\s*\d{1,6})?(?!\d)", re.IGNORECASE)
_LOCAL = re.compile(r"^\s*[2-9]\d{2,3}" + _SEP + r"\d{4}\s*$")
_PHONEISH = re.compile(r"^[\d\s\-+()]+$")


def _star(span: str, first: int, last: int) -> str:
    """Replace the digits numbered first..last-1 (counting digits only) with '*'."""
    out, n = [], 0
    for ch in span:
        if ch.isdigit():
            out.append("*" if first <= n < last else ch)
            n += 1
        else:
            out.append(ch)
    return "".join(out)


def _mobile(m: re.Match) -> str:
    span = m.group(0)
    offset = sum(ch.isdigit() for ch in span) - 11  # a country code before the number
    return _star(span, offset + 3, offset + 7)


def _landline(m: re.Match) -> str:
    ext = m.group("ext") or ""
    span = m.group(0)[: len(m.group(0)) - len(ext)]
    digits = [ch for ch in span if ch.isdigit()]
    area = 3 if digits[1] in "12" else 4  # 010, 02x are three digits; the others four
    return _star(span, area, len(digits) - 4) + ext


def mask_phone(text: str | None) -> str:
    """``text`` with every phone number in it masked (see the module docstring)."""
    if not text:
        return ""
    text = str(text)
    if _LOCAL.match(text):
        digits = sum(ch.isdigit() for ch in text)
        return _star(text, 0, digits - 4)
    masked = _LANDLINE.sub(_landline, _MOBILE.sub(_mobile, text))
    digits = sum(ch.isdigit() for ch in text)
    if masked == text and _PHONEISH.match(text) and digits >= 7:
        # a phone column holding a number of no known shape (mistyped): hide the middle anyway
        return _star(text, 3, digits - 4)
    return masked


def mask_in_text(text: str | None) -> str:
    """The phones inside free text masked (mobiles, landlines with an area code); nothing else
    is touched: a date, an amount or a bare local number in a sentence stays as written."""
    if not text:
        return ""
    return _LANDLINE.sub(_landline, _MOBILE.sub(_mobile, str(text)))


def mask_in_exports() -> bool:
    """The office's default for registers and exports."""
    return (settings.get(SETTING) or "0") == "1"


def wanted(mask_phones: bool | None) -> bool:
    """An explicit choice (dialog, command line), or else the office's setting."""
    return mask_in_exports() if mask_phones is None else bool(mask_phones)


def _keep(value):
    return value


def masker(mask_phones: bool | None, phone_field: bool = False) -> Callable:
    """A function for each value printed, when masking is wanted (see :func:`wanted`): a phone
    field goes through :func:`mask_phone`, free text through :func:`mask_in_text`; anything
    else (numbers, dates, None) comes back as it is."""
    if not wanted(mask_phones):
        return _keep
    mask = mask_phone if phone_field else mask_in_text
    return lambda value: mask(value) if isinstance(value, str) and value else value


def mask_values(data: dict, mask_phones: bool | None, phone_keys: tuple[str, ...] = ("phone",)) -> dict:
    """``data`` (a form's fields, text) masked when masking is wanted: the ``phone_keys`` as
    phone fields, every other value as free text."""
    if not wanted(mask_phones):
        return data
    phone, text = masker(True, phone_field=True), masker(True)
    return {k: (phone if k in phone_keys else text)(v) for k, v in data.items()}
