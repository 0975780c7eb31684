"""Numbers as officers write them: ``1500000``, ``1.500.000``, ``1,500,000``, ``1 500 000``, ``7,99``.

A trailing ``đ``, ``đồng``, ``VND`` or ``VNĐ`` is allowed, and the đồng sign ``₫`` before or after the number (Excel's
currency format, ``1.500.000 ₫``, as a CSV saves it), and a leading apostrophe (``'1500000``: the mark that makes
Excel keep a cell as text, shown without it, which some exports write into the cell); an empty cell is NaN
(unknown), not an error.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .cells import holds_byte
from .text import ZERO_WIDTH

_GROUPED_DOT = r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$"  # 1.500.000 or 1.500.000,5
_GROUPED_COMMA = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"  # 1,500,000 or 1,500,000.5
_PLAIN = r"^[+-]?\d+([.,]\d+)?$"  # 1500000, 7.99, 7,99
_SCIENTIFIC = r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d{1,3}$"  # 1.5e6, 1,5E+06 (Excel's export of large numbers)
#: Cells the fast path (Arrow's cast) would read differently from the careful path: ``1.500`` (one
#: thousand five hundred, not 1.5), and ``NaN`` / ``inf`` (not numbers an officer writes).
_AMBIGUOUS = r"^[+-]?\d{1,3}\.\d{3}$|(?i)(nan|inf)"


#: The minus signs a number may be written with besides the hyphen-minus: Unicode's minus (U+2212, which Word, web
#: pages and some of Excel's formats write), the en and figure dashes, the small and full-width hyphen-minus.
MINUS_SIGNS = "\u2212\u2013\u2012\ufe63\uff0d"
_MINUS_FIRST = f"^[{MINUS_SIGNS}]"
#: A negative number in brackets, as an accountant's format shows it (``(5)``, ``(1.500.000)``).
_BRACKETED = r"^\(([^()]*)\)$"


#: An amount of đồng per person per month written with its unit after it (``1.500.000đ/người/tháng``, ``1.500.000
#: đồng/ng/th``; spaces already taken out): the unit of the income column itself, so the number alone is read. Only
#: after a word for đồng: no score or area is per person per month.
_PER_PERSON_MONTH = "(?i:(?:đồng|vnđ|vnd|đ|₫)/(?:người|ng)/(?:tháng|th))$"


def minus_signed(text: str) -> str:
    """One number's text with its minus written as the hyphen-minus: ``−5`` (U+2212) and ``(5)`` (an accountant's
    negative) are ``-5``; any other text as it is. (:func:`parse_numbers` reads a column so.)"""
    text = re.sub(_MINUS_FIRST, "-", text.strip())
    return re.sub(_BRACKETED, "-\\1", text)


_DIGITS = np.zeros(256, dtype=bool)
_DIGITS[list(b"0123456789+-")] = True


def _only_digits(raw: pa.ChunkedArray | pa.Array) -> bool:
    """True when the cells hold nothing but digits and signs (nothing :data:`_AMBIGUOUS` can match),
    checked on the bytes of Arrow's buffers — a regular expression per cell costs 40 times more."""
    chunks = raw.chunks if isinstance(raw, pa.ChunkedArray) else [raw]
    for chunk in chunks:
        if chunk.type != pa.string():
            return False
        if len(chunk) == 0:
            continue
        _, offsets, data = chunk.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int32)[[chunk.offset, chunk.offset + len(chunk)]]
        if data is not None and bounds[1] > bounds[0]:
            used = np.frombuffer(data, dtype=np.uint8)[bounds[0] : bounds[1]]
            if not (used - np.uint8(48) < 10).all() and not _DIGITS[used].all():  # digits alone: one pass
                return False
    return True


def _blanks_null(raw: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """The text column ``raw`` with its empty cells null (Arrow's cast reads a null as no number, an empty
    cell as an error): a chunk of ``string`` without nulls gets a validity bitmap from its offsets, its
    offsets and data shared as they are (no copy of the text, where ``if_else`` copies every cell); any
    other chunk goes through ``if_else``."""
    if isinstance(raw, pa.ChunkedArray):
        return pa.chunked_array([_blanks_null(chunk) for chunk in raw.chunks], raw.type)
    if raw.type != pa.string() or raw.null_count or not len(raw):
        return pc.if_else(pc.equal(raw, ""), None, raw)
    _, offsets_buf, data_buf = raw.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32)[raw.offset : raw.offset + len(raw) + 1]
    filled = offsets[1:] > offsets[:-1]
    if filled.all():
        return raw
    validity = pa.py_buffer(np.packbits(filled, bitorder="little"))
    return pa.Array.from_buffers(pa.string(), len(raw), [validity, pa.py_buffer(offsets), data_buf])


def _floats(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A float64 column's values as they are in its buffers (whatever a null's slot holds) and where they are
    given (not null): what ``to_numpy`` gives with NaN for a null, read without its conversion (a score column
    blank on most rows: 1 ms a batch), the caller putting NaN in the nulls' slots in the pass it makes anyway."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    parts, given = [], []
    for chunk in chunks:
        n = len(chunk)
        validity, data = chunk.buffers()
        parts.append(np.frombuffer(data, np.float64, count=n, offset=chunk.offset * 8) if n and data else np.zeros(n))
        if not chunk.null_count:
            given.append(np.ones(n, dtype=bool))
        else:  # the validity bitmap, least significant bit first
            bits = np.unpackbits(np.frombuffer(validity, np.uint8), bitorder="little")
            given.append(bits[chunk.offset : chunk.offset + n].view(bool))
    if not parts:
        return np.zeros(0), np.zeros(0, dtype=bool)
    if len(parts) == 1:
        return parts[0], given[0]
    return np.concatenate(parts), np.concatenate(given)


def parse_numbers(raw: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Parse numbers as officers write them. Returns (values with NaN for empty, mask of unreadable cells).

    Each cell means the same whatever the other cells of the column hold: ``1.5e6`` is 1,500,000,
    ``1.500`` is 1,500, and ``NaN`` or ``inf`` are unreadable, whether the column takes the fast path
    (Arrow's cast, when every cell is a plain number) or the careful one.
    """
    if _only_digits(raw) or not pc.any(pc.match_substring_regex(raw, _AMBIGUOUS)).as_py():
        try:  # the common case: plain numbers and blanks
            out, given = _floats(pc.cast(_blanks_null(raw), pa.float64()))
            infinite = np.isinf(out) & given  # inf is no number an officer writes (a blank's slot holds anything)
            return np.where(given & ~infinite, out, np.nan), infinite
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    text = pc.utf8_trim_whitespace(pc.utf8_normalize(raw, "NFC"))
    # ₫: Excel's đồng sign; ': the text mark Excel's users type before a number ('1500000), which some exports keep;
    # spaces: a non-breaking, thin or narrow one between thousands (1 500 000 as a locale groups them), and the
    # zero-width characters a number copied from a web page or a chat brings (text.ZERO_WIDTH: the zero-width space,
    # joiners, word joiner, byte order mark)
    text = pc.replace_substring_regex(text, f"[\\s\u00a0\u2009\u202f{ZERO_WIDTH}]|^['₫]|(?i:đồng|vnđ|vnd|đ|₫)$", "")
    if holds_byte(text, ord("/")):  # 1.500.000đ/người/tháng: the income column's own unit, after the đồng
        text = pc.replace_substring_regex(text, _PER_PERSON_MONTH, "")
    if holds_byte(text, ord("(")) or holds_byte(text, 0xE2) or holds_byte(text, 0xEF):  # −5, (5): a minus
        text = pc.replace_substring_regex(pc.replace_substring_regex(text, _MINUS_FIRST, "-"), _BRACKETED, "-\\1")
    empty = pc.equal(pc.binary_length(text), 0)
    dot = pc.match_substring_regex(text, _GROUPED_DOT)
    comma = pc.match_substring_regex(text, _GROUPED_COMMA)
    plain = pc.or_(pc.match_substring_regex(text, _PLAIN), pc.match_substring_regex(text, _SCIENTIFIC))
    as_dot = pc.replace_substring(pc.replace_substring(text, ".", ""), ",", ".")
    as_comma = pc.replace_substring(text, ",", "")
    as_plain = pc.replace_substring(text, ",", ".")
    chosen = pc.if_else(dot, as_dot, pc.if_else(comma, as_comma, pc.if_else(plain, as_plain, None)))
    chosen = pc.if_else(empty, None, chosen)
    values = pc.cast(chosen, pa.float64()).to_numpy(zero_copy_only=False).astype("float64")
    bad = ~(
        empty.to_numpy(zero_copy_only=False)
        | dot.to_numpy(zero_copy_only=False)
        | comma.to_numpy(zero_copy_only=False)
        | plain.to_numpy(zero_copy_only=False)
    )
    too_big = np.isinf(values)  # 1e400: beyond any double, as unreadable as inf itself
    if too_big.any():
        values, bad = np.where(too_big, np.nan, values), bad | too_big
    return values, bad


def number_texts(values: np.ndarray) -> np.ndarray:
    """Numbers written as a file holds them — what the command line reads from a spreadsheet's number
    cell or a typed Parquet column (data/read.py): whole numbers without ``.0`` (``101``, ``1500000``;
    integers exactly, however large), other numbers as Python writes them (``7.99``, ``inf``), NaN
    empty. Column-wise; an object array of text."""
    if values.dtype.kind in "iu":
        return values.astype(str).astype(object)
    values = np.asarray(values, dtype="float64")
    text = values.astype(str).astype(object)
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(values) & (np.abs(values) < 2**53) & (np.trunc(values) == values)
    text[whole] = values[whole].astype(np.int64).astype(str)
    text[np.isnan(values)] = ""
    return text


def as_shown(values: np.ndarray) -> np.ndarray:
    """Numbers as float64, a float32 (or float16) value read as the number it shows — its shortest
    repr, ``1053000.1`` — not its float64 widening (``1053000.125``); other numbers as they are."""
    values = np.asarray(values)
    if values.dtype.kind == "f" and values.dtype.itemsize < 8:
        return values.astype(str).astype("float64")
    return values.astype("float64", copy=False)
