"""``poverty-rules classify`` (and the standalone ``classify``): the main job."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..data.stream import BATCH_BYTES
from ..data.write import check_distinct, check_output
from ..errors import PovertyRulesError
from ..pipeline import RunOptions, run
from ..pipeline.dask import classify_on_dask
from ..pipeline.stream import classify_file
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ..vocabulary.statuses import STATUSES
from ._common import (
    CONTEXT,
    EXIT_OK,
    EXIT_REJECTS,
    GuardedCommand,
    as_of_option,
    build_options,
    escape,
    fail,
    input_options,
    members_source,
    note,
    read_households,
    read_members,
    run_options,
    stderr,
)
from ._output import write_classified


def _stem(path: Path) -> str:
    """The input's name without its extensions (``ho.csv.gz`` → ``ho``)."""
    name = path.name
    for ext in (".gz", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet"):
        if name.lower().endswith(ext) and len(name) > len(ext):
            name = name[: -len(ext)]
    return name


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["classify"]["text"], epilog=L.HELP["classify"]["epilog"]
)
@click.argument("households", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file: .csv, .xlsx or .parquet (by its extension). Default: <input>.classified.csv beside the input.",
)
@as_of_option
@run_options
@input_options
@click.option(
    "--headers",
    type=click.Choice(["labels", "canonical"]),
    default=None,
    help="Result columns as words in --lang (labels: Phân loại = Hộ nghèo) or as ids (canonical: status = poor). "
    "Default: labels for .xlsx, canonical for .csv and .parquet.",
)
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where rejected rows go. Default: <input>.rejects.csv beside the output.",
)
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="Start the output with a UTF-8 BOM so Excel shows Vietnamese letters correctly.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS|local",
    help="Classify on a Dask cluster (its scheduler address, or 'local' for one on this machine): CSV or "
    "Parquet in, Parquet datasets out (-o, and <output>.rejects.parquet). Needs poverty-rules[dask]; "
    "see docs/scale.md.",
)
@click.option("--batch-bytes", type=click.IntRange(min=1024), default=BATCH_BYTES, hidden=True)
def classify_command(
    households: Path,
    output: Path | None,
    as_of: date | None,
    ruleset_name: str | None,
    local_name: str | None,
    engine: str,
    explain: bool,
    lang: str,
    rejects_path: Path | None,
    members_path: Path | None,
    blank_flags: str,
    bom: bool,
    quiet: bool,
    sheet: str | None,
    encoding: str | None,
    headers: str | None,
    dask_address: str | None,
    batch_bytes: int,
) -> None:
    """Classify every household of HOUSEHOLDS (help and examples: words.HELP["classify"])."""
    if dask_address and members_path is not None:
        fail(L.msg("dask_members", lang))
    if dask_address:
        output = output or households.with_name(f"{_stem(households)}.classified.parquet")
    output = output or households.with_name(f"{_stem(households)}.classified.csv")
    rejects_path = rejects_path or output.with_name(f"{_stem(households)}.rejects{output.suffix.lower() or '.csv'}")
    check_output(output, lang)
    check_output(rejects_path, lang)
    check_distinct({"input": households, "members": members_path}, {"output": output, "rejects": rejects_path}, lang)
    labels = (headers or ("labels" if output.suffix.lower() == ".xlsx" else "canonical")) == "labels"
    options, rs = build_options(
        as_of=as_of,
        ruleset_name=ruleset_name,
        engine=engine,
        explain=explain,
        lang=lang,
        blank_flags=blank_flags,
        local_name=local_name,
    )  # a members file is read by _whole, which lets it go once joined
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet,
    )
    started = time.perf_counter()
    streamed = members_path is None and {output.suffix.lower(), rejects_path.suffix.lower()} <= {".csv", ".parquet"}
    with progress:
        try:
            if dask_address:
                on_dask = classify_on_dask(households, output, rejects_path, rs, options, dask_address)
                counts, notes, n_rejects = on_dask.counts, [], on_dask.rejected
            elif streamed:  # households only, CSV or Parquet out: read, classify, write batch by batch (docs/scale.md)
                summary = classify_file(
                    households,
                    output,
                    rejects_path,
                    rs,
                    options,
                    bom=bom,
                    batch_bytes=batch_bytes,
                    sheet=sheet,
                    encoding=encoding,
                    labels=labels,
                    progress=_progress(progress, f"{L.CLI['classifying'][lang]} {escape(rs.label)}"),
                )
                counts, notes, n_rejects = summary.counts, summary.notes, summary.rejected
            else:
                counts, notes, n_rejects = _whole(
                    households, output, rejects_path, rs, options, bom, members_path, progress,
                    sheet=sheet, encoding=encoding, labels=labels,
                )  # fmt: skip
        except PovertyRulesError as exc:
            progress.stop()  # the message on its own line, as before the bar
            fail(exc.in_lang(lang), exc.exit_code)
    if not quiet:
        for message in notes:
            note(message)
        _summary(counts, n_rejects, output, rejects_path, lang, time.perf_counter() - started)
    raise SystemExit(EXIT_REJECTS if n_rejects else EXIT_OK)


def _progress(progress: Progress, description: str) -> Callable[[int], None]:
    task = progress.add_task(description, total=None)
    return lambda done: progress.update(task, completed=done)


def _whole(
    households: Path,
    output: Path,
    rejects_path: Path,
    rs: Ruleset,
    options: RunOptions,
    bom: bool,
    members_path: Path | None,
    progress: Progress,
    *,
    sheet: str | None,
    encoding: str | None,
    labels: bool,
) -> tuple[dict[str, int], list[str], int]:
    """The whole file at once: with a members file (members joined wherever they are) or a
    spreadsheet output. The members file is read first (a bad one stops the run before the
    households are read) and held only until its rows are joined, not while the output is written."""
    lang = options.lang
    if members_path is not None:
        options = options.with_(members=read_members(members_path, lang))
    task = progress.add_task(f"{L.CLI['reading'][lang]} {escape(households.name)}", total=None)
    sheet_table = read_households(households, sheet=sheet, encoding=encoding, lang=lang)
    table = sheet_table.table
    progress.update(
        task, description=f"{L.CLI['classifying'][lang]} {escape(rs.label)}", total=table.num_rows, completed=0
    )
    result = run(
        sheet_table,
        rs,
        options,
        source=str(households),
        members_source=members_source(members_path, lang),
        progress=lambda done: progress.update(task, completed=done),
    )
    local = options.local if isinstance(options.local, Ruleset) else None
    del options  # the only reference to the members table: its rows are joined
    progress.update(task, description=f"{L.CLI['writing'][lang]} {escape(output.name)}", completed=table.num_rows)
    norm = result.normalized
    write_classified(
        table,
        norm,
        result.results,
        output,
        rejects_path,
        source=households,
        bom=bom,
        labels=labels,
        lang=lang,
        ruleset=rs,
        local=local,
    )
    status = result.results["status"].to_numpy()
    return {s: int((status == s).sum()) for s in STATUSES}, norm.notes, len(norm.rejects)


def _summary(
    counts: dict[str, int], n_rejects: int, output: Path, rejects_path: Path, lang: str, seconds: float
) -> None:
    classified = sum(counts.values())
    total = classified + n_rejects
    parts = []
    for s in STATUSES:
        count = counts.get(s, 0)
        if count:
            share = L.number(100 * count / max(classified, 1), lang, decimals=2)
            parts.append(f"{L.status_label(s, lang)} {L.number(count, lang)} ({share}%)")
    words = tuple(L.CLI[k][lang] for k in ("households", "classified", "rejected_see", "seconds"))
    stderr.print(
        f"{L.number(total, lang)} {words[0]}: {L.number(classified, lang)} {words[1]} → {escape(str(output))}"
        f"  [{L.number(seconds, lang, decimals=1)} {words[3]}]"
    )
    stderr.print("  " + "; ".join(parts))
    if n_rejects:
        stderr.print(
            f"  [bold yellow]{L.number(n_rejects, lang)} {words[2]} {escape(str(rejects_path))}[/]", markup=True
        )
