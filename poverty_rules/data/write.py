"""Writing results: atomically (temporary file in the same folder, then rename), on every core.

The format follows the extension (:func:`write_table`): ``.csv``, ``.xlsx`` (openpyxl: header
frozen, filter on, numbers as numbers, text never a formula) or ``.parquet``; any other extension
is an :class:`~poverty_rules.errors.OutputError`, never a CSV under another name.

pyarrow's CSV writer uses one core. Large tables are cut into slices that are encoded to CSV bytes
in a small thread pool (pyarrow releases the GIL) and written to the file in order, with at most a
few slices in flight, so memory stays bounded whatever the file size.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .._late import late_module
from ..errors import OutputError
from ..vocabulary import words as W
from .output_set import put_in_place
from .outputs import output_format

SLICE_ROWS = 100_000
#: Excel's limits: rows per sheet, characters per cell.
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELL = 32_767
#: A text cell written as a number in .xlsx: no leading zero, at most 15 digits (Excel's precision).
_NUMBER = r"^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,10})?$"
#: ... but for a text every reader of the project takes for thousands (``800.000`` is 800,000 đồng as an officer
#: types it, ``vocabulary/numbers.py``; a float column's own ``139.125`` is read as ``139.1250``): kept as the text
#: it is, never the number 800 (shown ``800,000`` in a Vietnamese Excel, read back as 800 đồng).
_THOUSANDS_TEXT = r"^[+-]?\d{1,3}\.\d{3}$"


class XlsxChanges(NamedTuple):
    """What an ``.xlsx`` output could not hold as it was: the cells cut to :data:`XLSX_MAX_CELL`
    characters, and the cells whose control characters (``\\x00``-``\\x1f`` but tab and line breaks,
    which a workbook cannot hold) were each written as U+FFFD (�). Both 0 for CSV and Parquet."""

    cut: int = 0
    replaced: int = 0


def write_table(
    table: pa.Table | pd.DataFrame,
    path: str | Path,
    *,
    bom: bool = False,
    text_columns: frozenset[str] | set[str] = frozenset(),
    lang: str = "en",
    sheet: str = "results",
) -> XlsxChanges:
    """Write ``table`` atomically in the format of ``path``'s extension; return what an ``.xlsx`` file
    could not hold as it was (:class:`XlsxChanges`: cells cut to Excel's limit of :data:`XLSX_MAX_CELL`
    characters, cells whose control characters were replaced; a CSV or Parquet file changes none).

    ``bom`` applies to CSV; ``text_columns`` are never turned into numbers in ``.xlsx`` (identifiers
    such as ``001``); ``sheet`` names what the table holds (a key of
    :data:`~poverty_rules.vocabulary.words.SHEET`): the ``.xlsx`` sheet's name, in ``lang``.
    """
    fmt = output_format(path, lang)
    if fmt == ".csv":
        write_csv_atomic(table, path, bom=bom)
        return XlsxChanges()
    table = _as_arrow(table)
    if fmt == ".parquet":
        fixed = parquet_types(table)
        _atomic(Path(path), lambda fh: late_module("pyarrow.parquet").write_table(fixed, fh), lang)
        return XlsxChanges()
    if table.num_rows + 1 > XLSX_MAX_ROWS:
        raise OutputError(W.msg("xlsx_too_big", lang, file=path, rows=table.num_rows, limit=XLSX_MAX_ROWS - 1))
    name = W.SHEET[sheet][lang]
    changes: list[XlsxChanges] = []
    _atomic(Path(path), lambda fh: changes.append(_write_xlsx(table, fh, text_columns, name)), lang)
    return changes[0] if changes else XlsxChanges()


def parquet_types(table: pa.Table) -> pa.Table:
    """The table with the column types every Parquet output has, whatever its rows: text as ``string``
    and coded text (categories) as ``dictionary<int32, string>`` — so a file written at once and one
    written batch by batch (whose batches have more or fewer categories) have the same schema; coded
    values of another type (a Parquet input's categories of numbers) keep it, indexed by ``int32``."""
    fields = []
    for f in table.schema:
        if pa.types.is_dictionary(f.type):
            values = f.type.value_type
            text = pa.types.is_string(values) or pa.types.is_large_string(values) or pa.types.is_null(values)
            fields.append(pa.field(f.name, pa.dictionary(pa.int32(), pa.string() if text else values)))
        elif pa.types.is_large_string(f.type):
            fields.append(pa.field(f.name, pa.string()))
        else:
            fields.append(pa.field(f.name, f.type))
    schema = pa.schema(fields)
    return table if schema.equals(table.schema) else table.cast(schema)


def _as_arrow(table: pa.Table | pd.DataFrame) -> pa.Table:
    if isinstance(table, pa.Table):
        return table
    frame = table.copy()
    for name in frame.columns:
        s = frame[name]
        if not (pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)):
            frame[name] = s.astype(object).where(s.notna(), "").astype(str)
    frame.columns = [str(c) for c in frame.columns]
    return pa.Table.from_pandas(frame, preserve_index=False)


def _atomic(path: Path, write: Callable[[BinaryIO], None], lang: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    except FileNotFoundError:
        raise OutputError(W.msg("no_folder", lang, file=path, folder=path.parent)) from None
    except OSError as exc:
        raise OutputError(W.msg("cannot_write", lang, file=path, why=W.os_reason(exc, lang))) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        put_in_place(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Decimals(float):
    """A number cell written with its decimals (``4.20``): the workbook shows as many (``0.00``)."""

    places: int


def _decimal(text: str) -> _Decimals:
    value = _Decimals(text)
    value.places = len(text) - text.index(".") - 1
    return value


def _xlsx_text(value: str, illegal: re.Pattern[str]) -> tuple[str, bool]:
    """The text a workbook's cell can hold (control characters as U+FFFD, cut to :data:`XLSX_MAX_CELL`),
    and whether a control character was replaced."""
    value, replaced = illegal.subn("\ufffd", value)
    return (value if len(value) <= XLSX_MAX_CELL else value[: XLSX_MAX_CELL - 1] + "…"), replaced > 0


def _write_xlsx(table: pa.Table, fh: BinaryIO, text_columns: frozenset[str] | set[str], sheet: str) -> XlsxChanges:
    """One sheet: bold frozen header, filter on, numbers as numbers; every text cell written as text
    (a cell starting with ``= + - @`` stays text, never a formula); returns the cells cut to Excel's
    :data:`XLSX_MAX_CELL` characters and those whose control characters were replaced
    (:class:`XlsxChanges`). openpyxl is imported here, not with the module: a CSV or Parquet run never
    loads it (0.2 s of start-up)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    width = max(table.num_columns, 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{max(table.num_rows + 1, 1)}"
    bold = Font(bold=True)
    header = []
    cut = replaced = 0
    for name in table.column_names:
        cut += len(name) > XLSX_MAX_CELL
        text, changed = _xlsx_text(name, ILLEGAL_CHARACTERS_RE)
        replaced += changed
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    columns: list[list[Any]] = []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
            columns.append([None if v is None or v != v else v for v in col.to_pylist()])
            continue
        if pa.types.is_dictionary(col.type):
            col = col.cast(pa.string())
        text = pc.fill_null(pc.cast(col, pa.string()) if col.type != pa.string() else col, "")
        values: list[Any] = text.to_pylist()
        if name not in text_columns:
            numeric = pc.and_(
                pc.match_substring_regex(text, _NUMBER), pc.invert(pc.match_substring_regex(text, _THOUSANDS_TEXT))
            ).to_pylist()
            values = [
                _decimal(v) if m and "." in v else float(v) if m else v for v, m in zip(values, numeric, strict=True)
            ]
            values = [int(v) if type(v) is float and v.is_integer() else v for v in values]
        columns.append(values)
    for j, (name, values) in enumerate(zip(table.column_names, columns, strict=True), start=1):
        ws.column_dimensions[get_column_letter(j)].width = _column_width(name, values)  # before any row
    ws.append(header)
    for row in zip(*columns, strict=True) if columns else ():
        cells = []
        for v in row:
            if isinstance(v, _Decimals):  # a number written with its decimals (a rate's 4.20): shown so
                cell = WriteOnlyCell(ws, value=float(v))
                cell.number_format = "0." + "0" * v.places
                cells.append(cell)
            elif isinstance(v, str):
                cut += len(v) > XLSX_MAX_CELL
                text, changed = _xlsx_text(v, ILLEGAL_CHARACTERS_RE) if v else ("", False)
                replaced += changed
                cell = WriteOnlyCell(ws, value=text or None)
                if v:
                    cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(v)
        ws.append(cells)
    wb.save(fh)
    return XlsxChanges(cut, replaced)


_WIDTH_ROWS = 1_000
"""Rows a column's width is measured on (the header and the first ones): a province's file is not read twice."""


def _column_width(name: str, values: list[Any]) -> float:
    """A column as wide as its header and its first :data:`_WIDTH_ROWS` cells need (8 to 50 characters):
    a list's names and words ("Hộ có mức sống trung bình") readable without widening each column by hand."""
    longest = max([len(str(name)), *(len(str(v)) for v in values[:_WIDTH_ROWS] if v is not None)])
    return float(min(max(longest + 2, 8), 50))


def write_csv_atomic(table: pa.Table | pd.DataFrame, path: str | Path, *, bom: bool = False) -> None:
    """Write a CSV so that readers see either the old file or the complete new one, never a part.

    ``bom=True`` starts the file with a UTF-8 byte-order mark so Excel opens Vietnamese text correctly.
    """
    path = Path(path)
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(_blank_missing(table), preserve_index=False)
        table = table.cast(pa.schema([pa.field(f.name, pa.string()) for f in table.schema]))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if bom:
                fh.write("\ufeff".encode())
            _write_csv(table, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private (0600); a result is an ordinary file
        put_in_place(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame's cells as objects, ``""`` where missing; a column of numbers with some missing (a rate with
    no household to divide by) as the texts Arrow writes for its numbers, so that one column is not both."""
    out = frame.astype(object).where(frame.notna(), "")
    for position, (_, column) in enumerate(frame.items()):
        if column.dtype.kind == "f" and column.isna().any():
            text = pc.cast(pa.array(column.to_numpy(), from_pandas=True), pa.string()).fill_null("")
            out.isetitem(position, text.to_numpy(zero_copy_only=False))
    return out


_WRITE_ROWS = 16_384  # rows pyarrow's CSV writer formats at once (write_csv_part)


def write_csv_part(table: pa.Table, sink: pa.NativeFile | BinaryIO, header: bool) -> None:
    """Write a table to ``sink`` as CSV, with the options every CSV output of this package uses.

    Dictionary columns (the result columns, categorical) are decoded first: the same text, but
    pyarrow's CSV writer formats a dictionary column about twice as slowly as the decoded one. The
    writer formats :data:`_WRITE_ROWS` rows at a time instead of its default 1,024: the same bytes,
    10% less of the writing thread's CPU (0.28 -> 0.25 s per million classified households).
    """
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    pacsv.write_csv(
        pa.table(columns, names=table.column_names),
        sink,
        write_options=pacsv.WriteOptions(quoting_style="needed", include_header=header, batch_size=_WRITE_ROWS),
    )


def encode_csv(table: pa.Table, header: bool) -> bytes:
    """A table as CSV bytes (:func:`write_csv_part`)."""
    sink = io.BytesIO()
    write_csv_part(table, sink, header)
    return sink.getvalue()


def _write_csv(table: pa.Table, fh: BinaryIO) -> None:
    workers = min(os.cpu_count() or 1, 4)
    if table.num_rows <= SLICE_ROWS or workers == 1:
        fh.write(encode_csv(table, header=True))
        return
    starts = range(0, table.num_rows, SLICE_ROWS)
    pending: deque[Future[bytes]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for start in starts:
            pending.append(pool.submit(encode_csv, table.slice(start, SLICE_ROWS), start == 0))
            if len(pending) > 2 * workers:
                fh.write(pending.popleft().result())
        while pending:
            fh.write(pending.popleft().result())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
