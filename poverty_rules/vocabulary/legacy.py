"""Vietnamese text typed in the old font encodings, before Unicode: TCVN3 (ABC, the ``.VnTime`` fonts)
and VNI (the ``VNI-Times`` fonts). Their letters are Windows-1252 characters that only those fonts draw
as Vietnamese (``M· hé`` is TCVN3's ``Mã hộ``, ``Maõ hoä`` VNI's), so a file of such text reads as
nonsense. These readings are enough to recognise such a file by its headers (compared folded, without
accents: docs/input.md), so that the officer is told to convert it rather than that its columns are
missing; they are not a converter.
"""

from __future__ import annotations

import re
import unicodedata

from .text import fold

#: TCVN3 (ABC): each Vietnamese lower-case letter is one character; the capitals with a tone mark are
#: the same characters in the capital fonts (``.VnTimeH``), so a letter's case is lost here (headers
#: are compared without it).
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)
_TCVN3_TABLE = str.maketrans(_TCVN3)

#: VNI: a letter is its base letter followed by characters that draw its marks (``aâ`` = â, ``aä`` = ậ,
#: ``oâ`` = ô); ơ, ư, đ and some i / y letters are one character of their own.
_VNI_LETTERS = str.maketrans({"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ", "ò": "ị", "Ò": "Ị"})
_VNI_MARKS = re.compile("(?<=[AaEeIiOoUuYyơƠưƯ])[âäàáåãêéèúüëøùûõïÂÄÀÁÅÃÊÉÈÚÜËØÙÛÕÏ]+")


def from_tcvn3(text: str) -> str:
    """``text`` as a TCVN3 (ABC, ``.VnTime``) font draws it: ``M· hé`` → ``Mã hộ``."""
    return text.translate(_TCVN3_TABLE)


def from_vni(text: str) -> str:
    """``text`` as a VNI font draws it, its letters without their marks: ``Maõ hoä`` → ``Ma ho``."""
    return _VNI_MARKS.sub("", text.translate(_VNI_LETTERS))


LEGACY_FONTS = {"TCVN3": from_tcvn3, "VNI": from_vni}
"""The old encodings by name, each with its reading."""


def legacy_font_of(cells: list[str], words: set[str]) -> str | None:
    """The old encoding in which some of ``cells`` (that read as none of ``words``, folded) read as one of
    them (``n«ng th«n`` is TCVN3's ``nông thôn``), or None. A text file's cells were read as Windows-1258
    and composed: each is also looked at as the Windows-1252 characters those fonts draw. A cell that is one
    of ``words`` once folded (``Nông thốn``, a tone mistyped in Unicode) is not taken for an old font's."""
    for cell in cells:
        if fold(cell) in words:
            continue
        seen = (cell, unicodedata.normalize("NFD", cell).encode("cp1258", "replace").decode("cp1252", "replace"))
        for font, reading in LEGACY_FONTS.items():
            if any(fold(reading(text)) in words for text in seen):
                return font
    return None
