"""Reading household files as officers have them: every cell as text, exactly as written."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import InputError


def read_csv_table(path: str | Path) -> pa.Table:
    """Read a CSV as text columns exactly as written (BOM stripped). Raises :class:`InputError`."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader([fh.readline()]), [])
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text. Save the spreadsheet as 'CSV UTF-8' and try again") from None
    if not header or all(not h.strip() for h in header):
        raise InputError(f"{path}: row 1: the file has no header row")
    header = [h.strip() for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError(f"{path}: row 1: column {', '.join(dupes)} appears more than once")
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, encoding="utf8"),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as CSV ({_arrow_message(exc)})") from None
    return table


def _arrow_message(exc: Exception) -> str:
    text = str(exc).splitlines()[0]
    return text.replace("CSV parse error: ", "")


# --------------------------------------------------------------------------- normalizing
