"""``poverty-rules classify`` (and the standalone ``classify``): the main job.

This module is the command as click sees it, and what the command does before its work: it checks
the options and the outputs, starts reading a streamed input (:class:`~poverty_rules.data.stream.ReadAhead`)
and only then imports the work (:mod:`poverty_rules.cli._classifying`: pandas, the engine, the ruleset),
so the file is parsed while they load (docs/architecture.md, "Start-up"). It imports nothing heavy.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import click

from ..data.outputs import check_distinct, check_output
from ..data.read import check_input, is_parquet_file
from ..data.stream import BATCH_BYTES, MEMBERS_BATCH_BYTES, ReadAhead, open_batches
from ..vocabulary import words as L
from ._base import (
    CONTEXT,
    GuardedCommand,
    WholeRange,
    WordedPath,
    as_of_option,
    fail,
    input_options,
    load,
    run_options,
)

#: The classifying work, imported once the input is being read.
WORK = "poverty_rules.cli._classifying:classify_work"


def input_stem(path: Path) -> str:
    """The input's name without its extensions (``ho.csv.gz`` → ``ho``)."""
    name = path.name
    for ext in (".gz", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet"):
        if name.lower().endswith(ext) and len(name) > len(ext):
            name = name[: -len(ext)]
    return name


def default_rejects(households: Path, output: Path, *, named: bool, reviewed: bool = False) -> Path:
    """The rejects file a run writes when ``--rejects`` is not given: beside the output, in its format;
    named after the output when ``-o`` named it (``-o out/thon1.csv`` → ``out/thon1.rejects.csv``: two
    villages' files ``thon1/ho.csv`` and ``thon2/ho.csv`` classified into one folder keep their rejects
    apart), else after the input (``ho.csv`` → ``ho.rejects.csv``)."""
    if named:
        stem = input_stem(output).removesuffix(".reviewed" if reviewed else ".classified")
    else:
        stem = input_stem(households)
    return output.with_name(f"{stem}.rejects{output.suffix.lower() or '.csv'}")


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["classify"]["text"], epilog=L.HELP["classify"]["epilog"]
)
@click.argument("households", type=WordedPath(dir_okay=True, path_type=Path))  # a folder: --dask's Parquet dataset
@click.option(
    "-o",
    "--output",
    type=WordedPath(dir_okay=True, path_type=Path),
    default=None,
    help=L.OPTION_HELP["classify_output"],
)
@as_of_option
@run_options
@input_options
@click.option(
    "--headers",
    type=click.Choice(["labels", "canonical"]),
    default=None,
    help=L.OPTION_HELP["headers"],
)
@click.option(
    "--rejects",
    "rejects_path",
    type=WordedPath(dir_okay=True, path_type=Path),
    default=None,
    help=L.OPTION_HELP["rejects"],
)
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help=L.OPTION_HELP["classify_bom"],
)
@click.option("-q", "--quiet", is_flag=True, help=L.OPTION_HELP["classify_quiet"])
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS|local",
    help=L.OPTION_HELP["classify_dask"],
)
@click.option("--batch-bytes", type=WholeRange(min=1024), default=BATCH_BYTES, hidden=True)
def classify_command(**params: Any) -> None:
    """Classify every household of HOUSEHOLDS (help and examples: words.HELP["classify"]); the options
    as click gives them, handed on to the work (:func:`poverty_rules.cli._classifying.classify_work`)."""
    households: Path = params["households"]
    members_path: Path | None = params["members_path"]
    dask_address: str | None = params["dask_address"]
    lang: str = params["lang"]
    if dask_address and members_path is not None:
        fail(L.msg("dask_members", lang))
    if dask_address and params["sheet"] is not None:  # never the whole file read in the sheet's stead
        fail(L.msg("dask_sheet", lang, file=households, sheet=params["sheet"]))
    check_input(households, lang)
    output: Path | None = params.pop("output")
    named = output is not None
    if dask_address or (output is None and is_parquet_file(households)):  # Parquet in, Parquet out (typed)
        output = output or households.with_name(f"{input_stem(households)}.classified.parquet")
    output = output or households.with_name(f"{input_stem(households)}.classified.csv")
    given_rejects: Path | None = params.pop("rejects_path")
    rejects_path = given_rejects or default_rejects(households, output, named=named)
    if dask_address and given_rejects is None and rejects_path.suffix.lower() != ".parquet":
        rejects_path = rejects_path.with_suffix(".parquet")  # -o out (a dataset's folder): out.rejects.parquet
    if dask_address:  # Parquet datasets: a folder named out.csv would hold Parquet files, not a CSV
        for path in (output, rejects_path):
            if path.suffix.lower() in (".csv", ".xlsx"):
                fail(L.msg("dask_parquet_only", lang, file=path, ext=path.suffix.lower()))
    check_output(output, lang, dataset=bool(dask_address))  # --dask writes datasets: a run again replaces them
    check_output(rejects_path, lang, dataset=bool(dask_address))
    check_distinct({"input": households, "members": members_path}, {"output": output, "rejects": rejects_path}, lang)
    streamed = not dask_address and {output.suffix.lower(), rejects_path.suffix.lower()} <= {".csv", ".parquet"}
    # CSV or Parquet out: read, classify, write batch by batch (docs/scale.md); the reading starts
    # now, its errors are raised where the work takes the first batch
    if members_path is not None:  # a batch's members are about four times its bytes: smaller batches
        params["batch_bytes"] = min(params["batch_bytes"], MEMBERS_BATCH_BYTES)
    opening = partial(
        open_batches, households, params["batch_bytes"], sheet=params["sheet"], encoding=params["encoding"], lang=lang
    )
    ahead = ReadAhead(opening) if streamed else None
    try:
        load(WORK)(output=output, rejects_path=rejects_path, ahead=ahead, **params)
    finally:
        if ahead is not None:
            ahead.close()
