"""The report's output formats, chosen by ``--format`` or the output's extension.

:data:`WRITERS` maps a format to its writer ``(report, path) -> None``; a new format (the HTML page
of issue 14) registers itself here and in :data:`EXTENSIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .af import write_af_csv
from .csv import write_csv
from .html import report_af, write_html_report
from .messages import report_error
from .model import Report
from .xlsx import write_xlsx

Writer = Callable[[Report, Path], Any]


def write_csv_with_af(report: Report, out: Path) -> list[Path]:
    """The CSV export and ``af.csv`` (docs/reports.md: every table as CSV, plus af.csv)."""
    written = write_csv(report, out)
    if report.review.ruleset is not None:
        write_af_csv(report_af(report), out / "af.csv", bom=True)
        written.append(out / "af.csv")
    return written


WRITERS: dict[str, Writer] = {"xlsx": write_xlsx, "csv": write_csv_with_af, "html": write_html_report}
"""Format → writer. ``csv`` writes a folder (docs/reports.md's CSV contract), the others one file."""

EXTENSIONS: dict[str, str] = {".xlsx": "xlsx", ".csv": "csv", "": "csv", ".html": "html", ".htm": "html"}
"""Output extension → format (no extension: a folder of CSV files)."""


def choose_format(output: Path, fmt: str | None, *, folder: bool = False) -> str:
    """The format asked for, else the one the output's extension names (a ``ReportError`` when neither, or
    when a file's extension names another format than the one asked for: ``-o r.xlsx --format html`` would
    write the page into a file Excel cannot open, or when a one-file format is asked for a folder, ``-o out/
    --format xlsx``, an existing folder or a name written with a slash, ``folder``: the workbook was written
    as a file ``out`` with no extension)."""
    suffix = output.suffix.lower()
    folder = folder or output.is_dir() or str(output).endswith(("/", "\\"))
    if folder:
        suffix = ""
    if fmt:
        if fmt not in WRITERS:
            raise report_error("rep_unknown_format", value=fmt, allowed=", ".join(sorted(WRITERS)))
        if folder and fmt != "csv":  # one file: never a folder's name (docs/reports.md: only csv is a folder)
            names = {"vi": str(output / f"bao_cao.{fmt}"), "en": str(output / f"report.{fmt}")}
            raise report_error("rep_format_needs_file", file=output, fmt=fmt, wanted=names)
        named = EXTENSIONS.get(suffix, fmt) if suffix else fmt
        if named != fmt and fmt != "csv":  # a file (the csv format writes a folder, named as one likes)
            wanted = output.with_suffix(f".{fmt}")
            raise report_error("rep_format_not_ext", file=output, ext=suffix, named=named, fmt=fmt, wanted=wanted)
        return fmt
    if suffix in EXTENSIONS and EXTENSIONS[suffix] in WRITERS:
        return EXTENSIONS[suffix]
    raise report_error("rep_format_from_ext", file=output, ext=suffix, allowed=", ".join(sorted(WRITERS)))
