"""``poverty-rules review`` as click sees it, and what it does before its work: it starts reading the
household file (:class:`Reading`, a thread), then imports the work (:func:`poverty_rules.cli._reviewing.review_work`:
pandas, the pipeline, the history), so the file is parsed while they load (docs/architecture.md,
"Start-up"). It imports nothing heavy. The year-end review: Quyết định 24/2021/QĐ-TTg, docs/standard.md §5.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import Any, Final

import click

from ..data.read import SheetTable, is_parquet_file, read_table
from ..data.stream import BATCH_BYTES, ReadAhead, open_batches
from ..vocabulary import words as L
from ._base import CONTEXT, DATE, GuardedCommand, WholeRange, WordedPath, input_options, load, run_options
from .classify import input_stem

DEFAULT_DB = "history.db"

#: The review's work, imported once the household file is being read.
WORK: Final = "poverty_rules.cli._reviewing:review_work"


def default_reviewed(households: Path) -> Path:
    """The reviewed file a review writes when ``-o`` is not given: beside the input, in its format, as
    ``classify`` writes its own (``ho.csv`` → ``ho.reviewed.csv``, ``ho.csv.gz`` → ``ho.reviewed.csv``; a
    Parquet file, found from its first bytes, ``ho.parquet`` → ``ho.reviewed.parquet``, its columns' types kept)."""
    ending = "parquet" if is_parquet_file(households) else "csv"
    return households.with_name(f"{input_stem(households)}.reviewed.{ending}")


def db_option(func: Any) -> Any:
    """``--db``: the history file (one SQLite file)."""
    return click.option(
        "--db",
        type=WordedPath(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help=L.OPTION_HELP["db"],
    )(func)


def file_option(*names: str, help: str) -> Any:
    """An option naming a file (no default)."""
    return click.option(*names, type=WordedPath(dir_okay=False, path_type=Path), default=None, help=help)


class Reading:
    """A household file read whole (:func:`poverty_rules.data.read.read_table`) by a thread of its own,
    started at once; :meth:`result` waits for it and gives the table or raises what reading raised
    (:class:`~poverty_rules.errors.InputError` …), where a direct read would have raised it."""

    def __init__(self, path: Path, *, sheet: str | None, encoding: str | None, lang: str) -> None:
        self._table: SheetTable | None = None
        self._error: BaseException | None = None
        arguments = {"sheet": sheet, "encoding": encoding, "lang": lang}
        self._thread = threading.Thread(target=self._read, args=(path, arguments), daemon=True, name="review-read")
        self._thread.start()

    def _read(self, path: Path, arguments: dict[str, Any]) -> None:
        try:
            self._table = read_table(path, **arguments)
        except BaseException as exc:  # raised again in the thread that takes the table
            self._error = exc

    def result(self) -> SheetTable:
        """The table read (waits for it), or raises what reading raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._table is not None
        return self._table


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["review"]["text"], epilog=L.HELP["review"]["epilog"]
)
@click.argument("households", type=WordedPath(dir_okay=False, path_type=Path))
@click.option("--date", "review_date", type=DATE, required=True, help=L.OPTION_HELP["review_date"])
@db_option
@click.option(
    "--commune",
    default=None,
    help=L.OPTION_HELP["review_commune"],
)
@click.option("--province-code", default=None, help=L.OPTION_HELP["province_code"])
@click.option(
    "--commune-code",
    default=None,
    help=L.OPTION_HELP["commune_code"],
)
@file_option("-o", "--output", help=L.OPTION_HELP["review_output"])
@file_option("--movements", "movements_path", help=L.OPTION_HELP["movements"])
@run_options
@input_options
@click.option("--bom/--no-bom", default=True, show_default=True, help=L.OPTION_HELP["review_bom"])
@click.option("-q", "--quiet", is_flag=True, help=L.OPTION_HELP["review_quiet"])
@click.option("--replace", is_flag=True, help=L.OPTION_HELP["replace"])
@click.option(
    "--new-commune",
    is_flag=True,
    help=L.OPTION_HELP["new_commune"],
)
@click.option("--batch-bytes", type=WholeRange(min=1024), default=BATCH_BYTES, hidden=True)
def review_command(**params: Any) -> None:
    """Year-end review of HOUSEHOLDS (help and examples: words.HELP["review"]); the options as click
    gives them, handed on to the work with the file being read: in batches (:class:`ReadAhead`, the
    streamed review, docs/scale.md) without a members file and with a CSV or Parquet output, else whole."""
    households: Path = params["households"]
    output: Path | None = params["output"]
    written = output or default_reviewed(households)  # a Parquet file in, a Parquet file out
    streamed = params["members_path"] is None and written.suffix.lower() in (".csv", ".parquet")
    if not streamed:
        reading = Reading(households, sheet=params["sheet"], encoding=params["encoding"], lang=params["lang"])
        load(WORK)(reading=reading, **params)
        return
    opening = partial(
        open_batches,
        households,
        params["batch_bytes"],
        sheet=params["sheet"],
        encoding=params["encoding"],
        lang=params["lang"],
    )
    ahead = ReadAhead(opening)
    try:
        load(WORK)(ahead=ahead, **params)
    finally:
        ahead.close()
