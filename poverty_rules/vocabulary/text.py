"""Text folding: how headers, words and spellings are compared (case, spaces, accents, đ)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: The invisible characters a cell copied from a chat (Zalo) or a web page may bring at its start or end:
#: the zero-width space, non-joiner and joiner, the word joiner and the byte order mark (a zero-width
#: no-break space). A cell is read without them wherever it is read without its surrounding spaces.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_NO_ZERO_WIDTH = {ord(ch): None for ch in ZERO_WIDTH}


def stripped(text: str) -> str:
    """``text`` without the spaces and zero-width characters (:data:`ZERO_WIDTH`) at its ends."""
    while True:
        shorter = text.strip().strip(ZERO_WIDTH)
        if shorter == text:
            return text
        text = shorter


def fold(text: str) -> str:
    """Case-, space- and accent-folded form of a header or word, for matching (zero-width characters left out).

    Remembered for the last 4,096 texts: a streamed run folds the same headers for every batch (a million
    households: about 700 calls, 3.5 µs each), a report the same names again."""
    return _fold(text if type(text) is str else str(text))


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_NO_ZERO_WIDTH).strip().lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.replace("_", " ").split())


def village_key(text: object) -> str:
    """A village's name as two reviews are compared by: letter case, surrounding spaces, runs of spaces and
    Unicode composition left out (``Thôn 1`` and ``thôn  1`` are one village); accents kept (``Thôn Hà`` and
    ``Thôn Hạ`` are two)."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


# The Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), with the Latin
# letters it lacks (f j w z) where the Latin alphabet puts them: a letter's place in it is its rank.
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# The marks that make a letter of its own (ă â ê ô ơ ư), once a letter is decomposed (NFD).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# The tones, in the dictionaries' order: ngang (none), huyền, hỏi, ngã, sắc, nặng (as CLDR's vi collation).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]:
    """A sort key that orders names as a Vietnamese dictionary does, for the village, commune and province
    names of the reports and the movements table: letters by the Vietnamese alphabet (``Thôn Đoài`` before
    ``Thôn Trung``, ``Ấp`` after ``Anh``), then, between names of the same letters, by tone (none, huyền,
    hỏi, ngã, sắc, nặng), then lower case before upper; a run of digits counts as its number (``Thôn 2``
    before ``Thôn 10``); spaces and punctuation before digits, digits before letters, other characters after
    them by code point. The text itself breaks the last ties, so the order is total."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    chars = unicodedata.normalize("NFD", str(text))
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if ch.isdigit() and ch.isascii():
            j = i
            while j < n and chars[j].isdigit() and chars[j].isascii():
                j += 1
            letters.append((1, int(chars[i:j])))
            i = j
            continue
        i += 1
        if unicodedata.category(ch) == "Mn":  # a mark with no letter before it
            continue
        base = ch.lower()
        tone = 0
        while i < n and unicodedata.category(chars[i]) == "Mn":
            if chars[i] in _LETTER_MARKS and base in "aeouâ":
                base = unicodedata.normalize("NFC", base + chars[i])
            else:
                tone = max(tone, _TONE_RANK.get(chars[i], 0))
            i += 1
        if base in _LETTER_RANK:
            letters.append((2, _LETTER_RANK[base]))
        elif ch.isalpha():
            letters.append((3, ord(base)))
        else:
            letters.append((0, ord(ch)))
        tones.append(tone)
        cases.append(int(ch != ch.lower()))
    return tuple(letters), tuple(tones), tuple(cases), str(text)
