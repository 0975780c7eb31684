"""Household codes as the officer means them: a code cell read without its surrounding spaces, its
leading apostrophe (``'001``) and the formula an export wraps it in (``="001"``).

Two rows are one household when their codes are the same but for spaces around them (docs/input.md),
and a member row belongs to the household whose code it gives so (docs/members.md): the household file
(``data/ids.py``, ``data/normalize.py``) and the members' join (``engine/members.py``, the members
stream) trim codes alike with :func:`trimmed_codes`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .cells import trimmed


def trimmed_codes(codes: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Household codes without surrounding spaces (docs/input.md: two rows are one household when their
    cells are the same but for those), without a leading apostrophe (``'001``: the mark an Excel user
    types to keep a code's zeros, which some exports write into the cell) and out of the formula a CSV
    export writes to keep them (``="001"``, which Excel shows as 001), ``codes`` itself when no code begins
    or ends with a space or begins with an apostrophe or ``=`` — one look at each code's first and last
    byte (a byte of 0x80 and up may begin or end a Unicode space, such as Excel's non-breaking one, or a
    zero-width character a code copied from Zalo or a web page brings: ``H2`` and a zero-width space is the
    household ``H2``; those codes are trimmed too, :func:`~poverty_rules.vocabulary.cells.trimmed`)."""
    chunks = codes.chunks if isinstance(codes, pa.ChunkedArray) else [codes]
    for chunk in chunks:
        if _has_edge_space(chunk):
            unwrapped = pc.replace_substring_regex(trimmed(codes), '^="(.*)"$', "\\1")
            return trimmed(pc.replace_substring_regex(unwrapped, "^'", ""))
    return codes


def _has_edge_space(chunk: pa.Array) -> bool:
    """Whether any text of ``chunk`` may begin or end with whitespace (a byte <= 0x20 or >= 0x80 there) or
    begin with an apostrophe or ``=``."""
    if len(chunk) == 0 or chunk.type not in (pa.string(), pa.large_string()):
        return len(chunk) > 0
    _, offsets_buf, data_buf = chunk.buffers()
    width = "<i8" if chunk.type == pa.large_string() else "<i4"
    offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)
    if data_buf is None or offsets[-1] == offsets[0]:
        return False
    starts, ends = offsets[:-1], offsets[1:]
    if (ends <= starts).any():  # some code empty: its neighbours' bytes are no edge of it
        filled = ends > starts
        starts, ends = starts[filled], ends[filled]
    data = np.frombuffer(data_buf, dtype=np.uint8)
    first, last = data[starts], data[ends - 1]
    # a byte <= 0x20 or >= 0x80 is one of 0x21 … 0x7f taken away, below 0x5f: one subtraction, one comparison
    if ((first - np.uint8(0x21)) >= 0x5F).any() or ((last - np.uint8(0x21)) >= 0x5F).any():
        return True
    return bool(((first == 0x27) | (first == 0x3D)).any())


def code_order(codes: pd.Series) -> list[np.ndarray]:
    """Sort keys that put household codes in the order an officer looks them up on a list: the text before a
    code's first run of digits, that number (none first), then the rest — ``2, 5, 11, 38`` (a register numbered
    without leading zeros, not ``11, 2, 38, 5``), ``HC-2`` before ``HC-10``; sort by the code itself last, so codes
    of one number (``05``, ``5``) keep their text order. A code of digits alone (most registers) is read as its
    number without a regular expression."""
    texts = codes.astype(str).reset_index(drop=True)
    digits = texts.str.isdigit().to_numpy(dtype=bool)
    head = np.full(len(texts), "", dtype=object)
    number = np.full(len(texts), -1.0)
    rest = np.full(len(texts), "", dtype=object)
    number[digits] = pd.to_numeric(texts[digits]).to_numpy(dtype=float)
    if not digits.all():
        parts = texts[~digits].str.extract(r"^(\D*)(\d*)(.*)$", expand=True)
        head[~digits] = parts[0].fillna("").to_numpy(dtype=object)
        number[~digits] = pd.to_numeric(parts[1], errors="coerce").fillna(-1).to_numpy(dtype=float)
        rest[~digits] = parts[2].fillna("").to_numpy(dtype=object)
    return [head, number, rest]


#: A spreadsheet formula's error as Excel (and LibreOffice: ``Err:502``) shows it, and writes it in a CSV: in a
#: code column (a VLOOKUP's ``#N/A``), the code the formula failed to give.
FORMULA_ERROR = (
    r"^(#N/A|#DIV/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#NULL!|#SPILL!|#CALC!|#FIELD!|#BLOCKED!|#CONNECT!|#BUSY!"
    r"|#UNKNOWN!|#GETTING_DATA|Err:[0-9]{3})$"
)


def formula_errors(codes: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Which codes (trimmed, :func:`trimmed_codes`) are a spreadsheet formula's error (:data:`FORMULA_ERROR`)."""
    return np.asarray(pc.match_substring_regex(codes, FORMULA_ERROR).fill_null(False), dtype=bool)
