"""Translation without Qt, for services, reports and the CLI.

The one catalogue is ``resources/translations/propdesk_zh_CN.ts`` (Qt Linguist XML). The GUI
loads its compiled ``.qm`` through ``QTranslator``; code below ``ui/`` reads the same ``.ts``
here, so an enum label or a rule message is translated identically on screen, in Excel and in PDFs.
Strings outside ``tr()`` calls are marked with :func:`QT_TRANSLATE_NOOP` so that
``pyside6-lupdate`` collects them.
"""
from __future__ import annotations

import functools
import os
from typing import Callable

from propdesk.resources import resource_path

SUPPORTED = ("zh_CN", "en")
# each language by its own name, as people choose it (the same in either language)
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
_current = "zh_CN"
# the GUI's loaded catalogue (the compiled .qm of the current language), set by ui/translation:
# reading the .ts takes 30-100 ms, which no window should pay on its GUI thread
_loaded: Callable[[str, str], str] | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Mark ``text`` for the catalogue; returns it unchanged."""
    return text


def set_language(lang: str) -> None:
    global _current, _loaded
    _current = lang if lang in SUPPORTED else "zh_CN"
    _loaded = None


def use_loaded(translate_fn: Callable[[str, str], str] | None) -> None:
    """``translate_fn(context, text)`` answers from the same catalogue, already loaded (the
    GUI's QTranslator) for the current language. It is the whole answer: the .qm is compiled
    from the .ts (``tools/i18n.py release``; a test keeps the two equal), so a text it leaves as
    it is (a name, an action without a label) is not in the .ts either, and the .ts is not read
    (30-100 ms on the GUI thread, issue 21)."""
    global _loaded
    _loaded = translate_fn


def language() -> str:
    return _current


def language_name(code: str) -> str:
    """``zh_CN`` -> 简体中文, ``en`` -> English; another code as it is."""
    return LANGUAGE_NAMES.get(code, code)


def system_language() -> str:
    """The language a new office starts in: English if the system's is English, else Chinese
    (the office works in Chinese; "C"/"POSIX", as on servers and in scheduled tasks, is no
    choice of English). Read as gettext does (LC_ALL, LC_MESSAGES, LANG), else the OS's locale."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            break
    else:
        import locale  # (a first start only: not imported at every start, issue 21)

        value = locale.getlocale()[0] or ""  # Windows: e.g. "English_United States", "zh_CN"
    return "en" if value.lower().startswith("en") else "zh_CN"


@functools.cache
def _catalog(lang: str) -> dict[tuple[str, str], str]:
    path = resource_path("translations", f"propdesk_{lang}.ts")
    if not path.exists():
        return {}
    import xml.etree.ElementTree as ET  # only when the catalogue is read

    table: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not tr.text:
                continue
            table[(name, msg.findtext("source", ""))] = tr.text
    return table


def translate(context: str, text: str, lang: str | None = None) -> str:
    lang = lang or _current
    if lang == "en":
        return text
    if lang == _current and _loaded is not None:
        return _loaded(context, text)
    return _catalog(lang).get((context, text), text)
