"""Which fonts a PDF uses and whether each is carried in the file, read with pypdf (what
``pdffonts`` shows in its "emb" column, without needing poppler on the machine)."""
from __future__ import annotations

from pypdf import PdfReader


def _fonts_of(resources, seen: set) -> list:
    if not resources:
        return []
    resources = resources.get_object()
    found = list(resources.get("/Font", {}).get_object().values()) if "/Font" in resources else []
    for xobject in (resources.get("/XObject") or {}).get_object().values() if "/XObject" in resources else []:
        xobject = xobject.get_object()
        if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(id(xobject))
            found += _fonts_of(xobject.get("/Resources"), seen)
    return found


def embedded_fonts(path) -> dict[str, bool]:
    """{font name: embedded?} over every page (and the forms drawn on it)."""
    result: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for font in _fonts_of(page.get("/Resources"), set()):
            font = font.get_object()
            holder = font
            if font.get("/Subtype") == "/Type0":
                holder = font["/DescendantFonts"][0].get_object()
            descriptor = holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            result[str(font.get("/BaseFont"))] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return result


def assert_all_embedded(path) -> dict[str, bool]:
    fonts = embedded_fonts(path)
    assert fonts and all(fonts.values()), fonts
    return fonts
