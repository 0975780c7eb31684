"""The report's output formats, chosen by ``--format`` or the output's extension.

:data:`WRITERS` maps a format to its writer ``(report, path) -> None``; a new format (the HTML page
of issue 14) registers itself here and in :data:`EXTENSIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..vocabulary.words import AsTyped, shell_word, texts
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

FILE_EXTENSIONS = frozenset(
    {".csv", ".tsv", ".txt", ".xls", ".xlsx", ".xlsm", ".ods", ".html", ".htm", ".pdf", ".doc", ".docx", ".json"}
    | {".xml", ".parquet", ".zip"}
)
"""Extensions of one file (a table, a workbook, a page, a document): the CSV export's folder is never named with
one, ``-o bao_cao.csv`` being a folder that Excel cannot open."""


def choose_format(output: Path, fmt: str | None, *, folder: bool = False, dask: bool = False) -> str:
    """The format asked for, else the one the output's extension names (a ``ReportError`` when neither, or
    when a file's extension names another format than the one asked for: ``-o r.xlsx --format html`` would
    write the page into a file Excel cannot open, or when a one-file format is asked for a folder, ``-o out/
    --format xlsx``, an existing folder or a name written with a slash, ``folder``: the workbook was written
    as a file ``out`` with no extension, or when the CSV export, a folder, would be named as one file is,
    ``-o bao_cao.csv`` or ``-o bao_cao.xlsx --format csv``: a name written with a slash, ``-o bao_cao.csv/``,
    is a folder's; or when the output bears another file's extension, ``-o bao_cao.xls``, with or without
    ``--format xlsx``: the names to give are said, or a one-file format's file would have none of its extension,
    ``-o bao_cao --format xlsx``; ``dask``: ``report --dask``, which writes no workbook)."""
    suffix = output.suffix.lower()
    typed = folder or str(output).endswith(("/", "\\"))  # a folder's name as typed: -o out/
    folder = typed or output.is_dir()
    if folder and not typed and not fmt and EXTENSIONS.get(suffix, "csv") != "csv":
        fmt = EXTENSIONS[suffix]  # -o z.xlsx, an existing folder: the workbook asked for, refused as for a folder
    if folder:
        suffix = ""
    if fmt:
        if fmt not in WRITERS:
            raise report_error("rep_unknown_format", value=fmt, allowed=", ".join(sorted(WRITERS)))
        if folder and fmt != "csv":  # one file: never a folder's name (docs/reports.md: only csv is a folder)
            names = {"vi": str(output / f"bao_cao.{fmt}"), "en": str(output / f"report.{fmt}")}
            raise report_error("rep_format_needs_file", file=output, fmt=fmt, wanted=names)
        named = EXTENSIONS.get(suffix, fmt) if suffix else fmt
        if named == "csv" and fmt != "csv":  # a .csv file: no format's (the CSV export is a folder)
            wanted, bare = output.with_suffix(f".{fmt}"), _folder(output, None)
            raise report_error("rep_format_csv_ext", file=output, ext=suffix, fmt=fmt, wanted=wanted, folder=bare)
        if named != fmt and fmt != "csv":  # a file (the csv format writes a folder)
            wanted = output.with_suffix(f".{fmt}")
            raise report_error("rep_format_not_ext", file=output, ext=suffix, named=named, fmt=fmt, wanted=wanted)
        if fmt != "csv" and suffix in FILE_EXTENSIONS and suffix not in EXTENSIONS:  # a workbook named b.xls
            wanted = output.with_suffix(f".{fmt}")
            raise report_error("rep_format_file_ext", file=output, ext=suffix, fmt=fmt, wanted=wanted)
        if fmt != "csv" and EXTENSIONS.get(suffix) != fmt:  # -o bao_cao --format xlsx: a file of no extension
            wanted = output.with_name(f"{output.name}.{fmt}")  # bao_cao.2025 → bao_cao.2025.xlsx
            raise report_error("rep_format_no_ext", file=output, fmt=fmt, wanted=wanted)
        kind = fmt
    elif suffix in EXTENSIONS and EXTENSIONS[suffix] in WRITERS:
        kind = EXTENSIONS[suffix]
    elif suffix in FILE_EXTENSIONS:  # -o bao_cao.xls: the names to give, never --format xlsx and a misnamed file
        workbook, page, bare = output.with_suffix(".xlsx"), output.with_suffix(".html"), _folder(output, None)
        raise report_error("rep_file_ext", file=output, ext=suffix, workbook=workbook, page=page, folder=bare)
    else:
        raise report_error("rep_format_from_ext", file=output, ext=suffix, allowed=", ".join(sorted(WRITERS)))
    if kind == "csv" and not typed:
        _refuse_file_name(output, fmt, dask)
    return kind


def _refuse_file_name(output: Path, fmt: str | None, dask: bool = False) -> None:
    """Refuse ``output`` as the CSV export's folder when its name ends in a file's extension
    (:data:`FILE_EXTENSIONS`): the officer who types ``-o bao_cao.csv`` wants a file, and would get a folder of
    that name; the refusal names the folder (``-o bao_cao``) and the workbook (``-o bao_cao.xlsx``) to give
    (``dask``: the folder alone, ``report --dask`` writing no workbook)."""
    ext = output.suffix.lower()
    if ext not in FILE_EXTENSIONS:
        return
    if dask:
        raise report_error("rep_dask_named_file", file=output, ext=ext, folder=_folder(output, fmt))
    without = {"vi": "", "en": ""}
    if fmt == "csv":  # -o bao_cao.xlsx --format csv: the workbook is had without --format csv
        without = texts("rep_csv_named_file_format")
    bare, workbook = _folder(output, fmt), output.with_suffix(".xlsx")
    raise report_error("rep_csv_named_file", file=output, ext=ext, folder=bare, workbook=workbook, without=without)


def _folder(output: Path, fmt: str | None) -> str:
    """The CSV export's folder to give for ``output``, a name with a file's extension, as ``-o`` takes it: the name
    without that extension, with ``--format csv`` when that name ends in what -o would read as another extension
    and the run does not already say ``fmt`` csv (``bao_cao_10.12.2025.csv`` → ``bao_cao_10.12.2025 --format
    csv``: -o bao_cao_10.12.2025 alone is refused, its format not told by '.2025')."""
    bare = output.with_suffix("")
    if fmt != "csv" and bare.suffix and EXTENSIONS.get(bare.suffix.lower()) != "csv":
        return AsTyped(f"{shell_word(str(bare))} --format csv")  # the name quoted, not the option after it
    return str(bare)
