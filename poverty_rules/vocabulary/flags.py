"""Flag words: how a deprivation mark or a yes/no cell is written (1/0, có/không, x, yes/no…).

One reader for every yes/no value the package reads — household flags, member flags, the review's
"escaped before" columns and the history's yes/no cells: :func:`flag_value` for one value,
:func:`read_flags` for a column (each distinct value read once).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .text import fold, stripped

FLAG_WORDS = {
    "1": 1.0,
    "0": 0.0,
    "1.0": 1.0,
    "0.0": 0.0,
    "true": 1.0,
    "false": 0.0,
    "yes": 1.0,
    "no": 0.0,
    "y": 1.0,
    "n": 0.0,
    "có": 1.0,
    "co": 1.0,
    "không": 0.0,
    "khong": 0.0,
    "x": 1.0,
    # a tick, as forms that mark only the deprivations write it: ✓ ✔ ☑, or √ (the square root sign, the tick
    # of many Vietnamese spreadsheets)
    "✓": 1.0,
    "✔": 1.0,
    "☑": 1.0,
    "√": 1.0,
    "thiếu hụt": 1.0,
    "không thiếu hụt": 0.0,
}
FOLDED_FLAG_WORDS = {fold(k): v for k, v in FLAG_WORDS.items()}
"""The flag words compared after :func:`~poverty_rules.vocabulary.text.fold` (case, spaces, accents)."""

FLAG_SPELLINGS = "1/0, có/không, yes/no, true/false, x"
"""How the accepted spellings are named in messages."""


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating) and np.isnan(value):
        return True
    return isinstance(value, str) and not stripped(value)


def flag_value(value: Any) -> tuple[float, bool]:
    """One yes/no value: ``(1.0 | 0.0 | NaN, unreadable)``. A blank or missing value is NaN (unknown)."""
    if _blank(value):
        return np.nan, False
    if isinstance(value, bool | np.bool_):
        return float(value), False
    if isinstance(value, int | float | np.integer | np.floating):
        return (float(value), False) if float(value) in (0.0, 1.0) else (np.nan, True)
    text = str(value)
    word = FLAG_WORDS.get(text.strip().lower())
    if word is None:
        word = FOLDED_FLAG_WORDS.get(fold(text))
    return (np.nan, True) if word is None else (float(word), False)


def read_flags(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """A yes/no column: ``(float64 1.0/0.0/NaN, unreadable mask)``, each distinct value read once."""
    series = pd.Series(values)
    if pd.api.types.is_bool_dtype(series.dtype) and not series.isna().any():
        return series.to_numpy(dtype="float64"), np.zeros(len(series), dtype=bool)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    readings = [flag_value(u) for u in uniques]
    value_u = np.array([r[0] for r in readings] + [np.nan], dtype="float64")
    bad_u = np.array([r[1] for r in readings] + [False], dtype=bool)
    return value_u[codes], bad_u[codes]
