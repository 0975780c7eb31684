"""The CSV export (docs/reports.md, "Command and library": the contract scripts and tests rely on).

``out/r1.csv`` … ``out/r9.csv``: ``level``, ``province``, ``commune``, ``village``, ``area``, ``row``
(R2, R3), then ``c1`` … named by the form's column numbers; counts as integers, rates with two
decimals (``37.63``), blank where undefined. ``out/lists/<list>.csv`` for the lists and
``out/targets.csv`` when targets were given. Every file is written atomically, UTF-8 with a BOM.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from ..data.write import write_csv_atomic
from .forms import Form
from .model import Report

LOCAL_ONLY = ("local_status",)
"""List columns of the local standard (issue #12): shown in the workbook and the page; the CSV export keeps
docs/reports.md's contract."""


def cell(value: Any) -> str:
    """One value as the CSV contract writes it: ints plain, decimals with two places, blank for none."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell of ``frame`` as :func:`cell` writes it, column by column (``frame`` may repeat a header)."""
    cells = {i: _cells(frame.iloc[:, i]) for i in range(frame.shape[1])}
    # kept as Python text (dtype object): pandas would convert each column to its Arrow text first, which the
    # writer converts again
    return pd.DataFrame(cells, index=pd.RangeIndex(len(frame)), dtype=object).set_axis(frame.columns, axis=1)


def _cells(values: pd.Series) -> list[str] | np.ndarray:
    """A column's cells as :func:`cell` writes each: a column of text (blank where missing), of whole numbers or of
    booleans at once — a list of 300,000 households wrote its 3 million cells one by one in 0.5 s —, any other
    (rates as decimals, blanks beside numbers) cell by cell."""
    kind = values.dtype
    if isinstance(kind, np.dtype) and kind.kind in "iu":  # numpy's whole numbers: str() of each
        return values.to_numpy().astype(str).astype(object)
    if isinstance(kind, np.dtype) and kind.kind == "b":
        return np.where(values.to_numpy(), "1", "0").astype(object)
    if _text(values):
        missing = values.isna().to_numpy()
        return np.where(missing, "", values.to_numpy(dtype=object, na_value="")).astype(object)
    return [cell(v) for v in values.tolist()]


def _text(values: pd.Series) -> bool:
    """Whether a column holds text alone, missing cells None or NaN (which :func:`cell` writes blank; a ``pd.NA``
    it writes ``<NA>``, so such a column is written cell by cell)."""
    kind = values.dtype
    if isinstance(kind, pd.StringDtype):
        return kind.na_value is np.nan
    if not pd.api.types.is_object_dtype(kind) or infer_dtype(values, skipna=True) not in ("string", "empty"):
        return False
    missing = values[values.isna()].tolist()
    return all(v is None or (isinstance(v, float) and v != v) for v in missing)


def write_forms_csv(forms: list[Form], out: Path, *, bom: bool = True) -> list[Path]:
    """Write each form as ``<id>.csv`` in the folder ``out``; return the files written."""
    written: list[Path] = []
    for form in forms:
        path = out / f"{form.id}.csv"
        write_csv_atomic(_text_frame(form.rows), path, bom=bom)
        written.append(path)
    return written


def write_csv(report: Report, out: Path, *, bom: bool = True) -> list[Path]:
    """Write every table of ``report`` under the folder ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "lists").mkdir(exist_ok=True)
    written = write_forms_csv(report.forms, out, bom=bom)
    lists = [*report.lists, *([report.eligible] if report.eligible is not None else [])]
    for household_list in lists:
        path = out / "lists" / f"{household_list.id}.csv"
        rows = household_list.rows.drop(columns=list(LOCAL_ONLY), errors="ignore")  # the contract's columns
        write_csv_atomic(_text_frame(rows), path, bom=bom)
        written.append(path)
    if report.targets is not None:
        path = out / "targets.csv"
        write_csv_atomic(_text_frame(report.targets), path, bom=bom)
        written.append(path)
    return written
