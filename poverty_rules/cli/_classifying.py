"""The work of ``classify`` (cli/classify.py starts it once the input is being read): choose the
ruleset, classify the households streamed, on Dask or whole, and say what was done."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..data.output_set import one_set
from ..data.stream import NotStreamable, ReadAhead
from ..errors import InputError, PovertyRulesError
from ..pipeline import RunOptions, run
from ..pipeline.members_stream import classify_with_members
from ..pipeline.stream import StreamSummary, classify_file
from ..reports.units import rate
from ..review.scope import classified_twins_note, place_scope
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ..vocabulary.status_ids import STATUSES
from ._common import (
    EXIT_OK,
    EXIT_REJECTS,
    build_options,
    escape,
    fail,
    leftover_notes,
    load,
    members_needed,
    members_sheet_alone,
    members_source,
    note,
    read_households,
    read_members,
    stderr,
)
from ._output import write_classified

#: The progress bar, imported only when it is shown (rich.progress).
PROGRESS = "poverty_rules.cli._progress:bar"

#: The Dask path, imported only for ``--dask`` (it imports pyarrow.dataset: 8 ms of every start-up).
ON_DASK = "poverty_rules.pipeline.dask:classify_on_dask"


def classify_work(
    *, households: Path, output: Path, rejects_path: Path, ahead: ReadAhead | None, **params: Any
) -> None:
    """Classify HOUSEHOLDS into OUTPUT as ``classify`` was asked to (``params``: the command's other
    options as click gives them; its outputs already checked; ``ahead``: the input being read, when it
    is streamed); ends with the command's exit code."""
    lang: str = params["lang"]
    quiet: bool = params["quiet"]
    bom: bool = params["bom"]
    headers: str | None = params["headers"]
    sheet: str | None = params["sheet"]
    encoding: str | None = params["encoding"]
    members_path: Path | None = params["members_path"]
    members_sheet: str | None = params["members_sheet"]
    members_sheet_alone(members_path, members_sheet, lang)
    dask_address: str | None = params["dask_address"]
    options, rs = build_options(
        as_of=params["as_of"],
        ruleset_name=params["ruleset_name"],
        engine=params["engine"],
        explain=params["explain"],
        lang=lang,
        blank_flags=params["blank_flags"],
        local_name=params["local_name"],
        quiet=quiet,
    )  # a members file is read by _whole, which lets it go once joined
    local = options.local if isinstance(options.local, Ruleset) else None
    members_path = members_needed(members_path, rs, local, lang, quiet)  # none when no rule reads members
    labels = (headers or ("labels" if output.suffix.lower() == ".xlsx" else "canonical")) == "labels"
    progress = _NoBar() if quiet else _bar(lang)
    classifying = L.CLI["classifying"][lang]
    started = time.perf_counter()
    # a run killed while it wrote (power lost) left hidden temporary files beside the outputs: removed before this run's
    cut_off = leftover_notes((output, rejects_path), lang)
    notes: list[str]
    with progress:
        try:
            if dask_address:
                on_dask = load(ON_DASK)(households, output, rejects_path, rs, options, dask_address, encoding, labels)
                counts, notes, n_rejects = on_dask.counts, on_dask.notes, on_dask.rejected
            elif ahead is not None:  # streamed: read, classify, write batch by batch (docs/scale.md)
                streaming: dict[str, Any] = {
                    "bom": bom,
                    "batch_bytes": params["batch_bytes"],
                    "sheet": sheet,
                    "encoding": encoding,
                    "labels": labels,
                    "progress": _progress(progress, "" if quiet else f"{classifying} {escape(rs.label)}"),
                    "ahead": ahead,
                    "rows_required": True,  # a file of its header alone is refused (exit 2), as review refuses it
                }
                summary: StreamSummary | None
                if members_path is None:
                    summary = classify_file(households, output, rejects_path, rs, options, **streaming)
                elif members_sheet is not None:  # a workbook's sheet: read whole (a workbook always is)
                    summary = None
                else:
                    summary = _with_members(households, members_path, output, rejects_path, rs, options, streaming)
                if summary is None:  # members not joinable batch by batch: the whole path, from the start
                    counts, notes, n_rejects = _whole(
                        households, output, rejects_path, rs, options, bom, members_path, progress,
                        sheet=sheet, encoding=encoding, labels=labels, members_sheet=members_sheet,
                    )  # fmt: skip
                else:
                    counts, notes, n_rejects = summary.counts, summary.notes, summary.rejected
            else:
                counts, notes, n_rejects = _whole(
                    households, output, rejects_path, rs, options, bom, members_path, progress,
                    sheet=sheet, encoding=encoding, labels=labels, members_sheet=members_sheet,
                )  # fmt: skip
        except PovertyRulesError as exc:
            progress.stop()  # the message on its own line, as before the bar
            fail(exc.in_lang(lang), exc.exit_code)
    if not quiet:
        for message in [*cut_off, *notes]:
            note(message)
        _summary(counts, n_rejects, output, rejects_path, lang, time.perf_counter() - started)
    raise SystemExit(EXIT_REJECTS if n_rejects else EXIT_OK)


class Bar(Protocol):
    """What a run asks of its progress display (rich's ``Progress``, or :class:`_NoBar`)."""

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: Any) -> Any: ...

    def add_task(self, description: str, *, total: float | None = None) -> Any: ...

    def update(self, task_id: Any, **fields: Any) -> None: ...

    def stop(self) -> None: ...


def _bar(lang: str) -> Bar:
    """The progress bar on stderr when it is a terminal, its counts written in ``lang``; else none: stderr sent to
    a file (``2> loi.txt``) or a pipe shows no bar, and rich's bar, stopped there, wrote an empty line (one before
    an error message, one after it, one before the summary)."""
    console = stderr()
    return load(PROGRESS)(console, lang) if console.is_interactive else _NoBar()


class _NoBar:
    """No progress shown (``-q``, or stderr not a terminal): rich.progress is not even imported."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def add_task(self, description: str, *, total: float | None = None) -> int:
        return 0

    def update(self, task_id: Any, **fields: Any) -> None:
        return None

    def stop(self) -> None:
        return None


def _progress(progress: Bar, description: str) -> Callable[[int], None]:
    task = progress.add_task(description, total=None)
    return lambda done: progress.update(task, completed=done)


def _with_members(
    households: Path,
    members_path: Path,
    output: Path,
    rejects_path: Path,
    rs: Ruleset,
    options: RunOptions,
    streaming: dict[str, Any],
) -> StreamSummary | None:
    """Both files streamed and joined batch by batch (pipeline/members_stream.py), or None when the
    members are not in the household file's order, a file cannot be streamed or a file is wrong: the
    whole path then gives the result (or the error) a whole read gives, nothing having been written."""
    try:
        source = members_source(members_path, options.lang)
        return classify_with_members(
            households, members_path, output, rejects_path, rs, options, members_source=source, **streaming
        )
    except (NotStreamable, PovertyRulesError):
        return None


def _whole(
    households: Path,
    output: Path,
    rejects_path: Path,
    rs: Ruleset,
    options: RunOptions,
    bom: bool,
    members_path: Path | None,
    progress: Bar,
    *,
    sheet: str | None,
    encoding: str | None,
    labels: bool,
    members_sheet: str | None = None,
) -> tuple[dict[str, int], list[str], int]:
    """The whole file at once: with a members file (members joined wherever they are; ``members_sheet``:
    its workbook's sheet) or a spreadsheet output. The members file is read first (a bad one stops the run
    before the households are read) and held only until its rows are joined, not while the output is written."""
    lang = options.lang
    if members_path is not None:
        options = options.with_(members=read_members(members_path, lang, members_sheet))
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
    if not len(result.results) and not len(result.normalized.rejects):  # its header alone: nothing written
        raise InputError.of(L.texts("classify_no_rows", file=str(households)))
    local = options.local if isinstance(options.local, Ruleset) else None
    del options  # the only reference to the members table: its rows are joined
    progress.update(task, description=f"{L.CLI['writing'][lang]} {escape(output.name)}", completed=table.num_rows)
    norm = result.normalized
    with one_set(lang):  # the output and the rejects appear together: a failure or a stop leaves neither
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
            typed=sheet_table.typed,
        )
    status = result.results["status"].to_numpy()
    twins = classified_twins_note([place_scope(norm.frame)], source=str(households), lang=lang)  # as streamed
    return {s: int((status == s).sum()) for s in STATUSES}, [*norm.notes, *twins], len(norm.rejects)


def _summary(
    counts: dict[str, int], n_rejects: int, output: Path, rejects_path: Path, lang: str, seconds: float
) -> None:
    classified = sum(counts.values())
    total = classified + n_rejects
    parts = []
    for s in STATUSES:
        count = counts.get(s, 0)
        if count:
            share = L.number(float(rate(count, max(classified, 1)) or 0), lang, decimals=2)  # half-up, as the reports
            parts.append(f"{L.status_label(s, lang)} {L.number(count, lang)} ({share}%)")
    noun = "household" if total == 1 else "households"  # '1 household', never '1 households'
    words = tuple(L.CLI[k][lang] for k in (noun, "classified", "rejected_see", "seconds"))
    stderr().print(
        f"{L.number(total, lang)} {words[0]}: {L.number(classified, lang)} {words[1]} → {escape(str(output))}"
        f"  [{L.number(seconds, lang, decimals=1)} {words[3]}]"
    )
    if parts:  # a file of a header alone: no status to count
        stderr().print("  " + "; ".join(parts))
    if n_rejects:
        stderr().print(
            f"  [bold yellow]{L.number(n_rejects, lang)} {words[2]} {escape(str(rejects_path))}[/]", markup=True
        )
