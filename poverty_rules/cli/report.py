"""``poverty-rules report``: the review on paper (docs/reports.md, "Command and library").

From a reviewed file (``poverty-rules review``'s output) or from the history at a date: the forms
R1–R9, the village lists, the households eligible for support and, with ``--targets``, the plan
targets achieved, as one XLSX workbook (one sheet per form and list) or a folder of CSV files.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click
import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.output_set import one_set
from ..data.outputs import check_folder, check_output_folder, check_replaceable, writing
from ..data.read import read_table, refuse_extra_cells, remote_address
from ..data.schema import canonical_headers
from ..engine.standards import load_ruleset
from ..errors import InputError, ReportError, RulesetError
from ..reports.af import FILE_ROWS, check_marked, with_absent_marks
from ..reports.frame import (
    ReviewFrame,
    from_history,
    from_history_year,
    from_reviewed,
    start_sizes_changed,
    unknown_persons,
    unnamed_communes,
)
from ..reports.lists import LIST_IDS
from ..reports.messages import report_error, say
from ..reports.model import Report, build_report
from ..reports.partitions import report_on_dask
from ..reports.targets import read_targets, unmatched
from ..reports.writers import WRITERS, choose_format
from ..results.labels import unlabel_results, without_the_inputs_previous_status
from ..review.history import HistoryStore
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ..vocabulary.cells import text_objects
from ..vocabulary.dates import parse_days
from ..vocabulary.words import msg
from ._base import WholeRange, WordedPath, quiet_option, summary, working
from ._common import (
    CONTEXT,
    DATE,
    GuardedCommand,
    blank_flags_option,
    choose_ruleset,
    empty_file,
    escape,
    fail,
    lang_option,
    leftover_notes,
    not_reviewed_path,
    note,
    own_not_reviewed_path,
    say_old_leaving_movements,
)


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["report"]["text"], epilog=L.HELP["report"]["epilog"]
)
@click.argument("reviewed", required=False, type=WordedPath(path_type=Path))
@click.option("-o", "--output", "output_name", type=WordedPath(), required=True, help=L.OPTION_HELP["report_output"])
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default=None, help=L.OPTION_HELP["report_format"])
@click.option("--db", type=WordedPath(dir_okay=False, path_type=Path), default=None, help=L.OPTION_HELP["report_db"])
@click.option("--date", "review_date", type=DATE, default=None, help=L.OPTION_HELP["report_date"])
@click.option("--year", "review_year", type=WholeRange(1900, 2999), default=None, help=L.OPTION_HELP["report_year"])
@click.option("--commune", default=None, help=L.OPTION_HELP["report_commune"])
@click.option("--unit-name", "unit_name", default=None, help=L.OPTION_HELP["report_unit_name"])
@click.option(
    "--targets",
    "targets_path",
    type=WordedPath(dir_okay=False, path_type=Path),
    default=None,
    help=L.OPTION_HELP["targets"],
)
@click.option("--eligible-on", "eligible_on", type=DATE, default=None, help=L.OPTION_HELP["eligible_on"])
@click.option("--ruleset", "ruleset_name", metavar="ID|PATH", default=None, help=L.OPTION_HELP["report_ruleset"])
@click.option(
    "--k",
    "af_k",
    type=WholeRange(min=1),
    default=None,
    help=L.OPTION_HELP["af_k"],
)
@click.option(
    "--weights", "af_weights", type=click.Choice(["equal", "nested"]), default=None, help=L.OPTION_HELP["af_weights"]
)
@click.option(
    "--unit",
    "af_unit",
    type=click.Choice(["household", "person"]),
    default=None,
    help=L.OPTION_HELP["af_unit"],
)
@click.option("--weight-column", "weight_column", default=None, help=L.OPTION_HELP["weight_column"])
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS|local",
    help=L.OPTION_HELP["report_dask"],
)
@blank_flags_option
@quiet_option
@lang_option
def report_command(
    reviewed: Path | None,
    output_name: str,
    fmt: str | None,
    db: Path | None,
    review_date: date | None,
    review_year: int | None,
    commune: str | None,
    unit_name: str | None,
    targets_path: Path | None,
    eligible_on: date | None,
    ruleset_name: str | None,
    af_k: int | None,
    af_weights: str | None,
    af_unit: str | None,
    weight_column: str | None,
    dask_address: str | None,
    blank_flags: str,
    lang: str,
) -> None:
    """The review's forms, lists and targets as an XLSX workbook or CSV files (docs/reports.md).

    Forms R1–R7 always and R8–R9 when the file has their columns (groups, ethnicity), with the
    header block and numbered columns of Thông tư 07/2021's practice templates; rates half-up to
    two decimals; lists per village numbered for posting (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5).
    """
    output = Path(output_name)  # output_name keeps the slash of "-o out/", which Path("out/") forgets
    units = None
    if af_unit is not None:
        units = [af_unit, *([f"{af_unit}_weighted"] if weight_column else [])]
    af: dict[str, object] = {"k": af_k, "weights": af_weights, "unit": units, "weight_column": weight_column}
    try:
        address = remote_address(reviewed) if reviewed is not None else None
        if address is not None:  # s3://… read as a path 's3:/…': say it is read through the library
            fail(msg("rep_remote_input", lang, file=address))
        inputs = [p for p in (reviewed, db, targets_path) if p is not None]
        if reviewed is not None:  # the households that left are read from beside it: an input too
            inputs.append(not_reviewed_path(reviewed))
        if any(output.resolve() == p.resolve() for p in inputs):  # said first, whatever the format
            fail(msg("rep_overwrite", lang, file=output))
        kind = choose_format(output, fmt, folder=output_name.endswith(("/", os.sep)), dask=bool(dask_address))
        for path in inputs if kind == "csv" else ():  # the export's folder holding an input it would replace
            if _written_by_export(output, path):
                fail(msg("rep_overwrite", lang, file=path))
        if (reviewed is None) == (db is None):
            fail(msg("rep_one_source", lang))
        if review_year is not None and db is None:
            fail(msg("rep_year_needs_db", lang))
        if commune is not None and reviewed is not None:  # never a district's report for the commune asked for
            fail(msg("rep_commune_needs_db", lang, file=reviewed))
        if review_year is not None and review_date is not None:
            fail(msg("rep_date_or_year", lang))
        if kind == "csv":  # before any work: a place where the report cannot be written (missing, read-only)
            check_output_folder(output, lang)
            for path in _export_files(output):  # an earlier export's file open in Excel: refused before the work
                check_replaceable(path, lang)
        else:
            check_folder(output, lang)
            check_replaceable(output, lang)  # the last report open in Excel: refused before the work
        # what a report killed while it wrote (power lost) left beside its files: removed, said
        for said in leftover_notes(tuple(_export_files(output)) if kind == "csv" else (output,), lang):
            note(said)
        if kind == "html" and not dask_address:  # the page holds no targets table and no eligible list: said
            unused = [name for name, given in (("--targets", targets_path), ("--eligible-on", eligible_on)) if given]
            if unused:
                note(msg("rep_page_unused", lang, options=", ".join(unused), file=output.with_suffix(".xlsx").name))
            targets_path, eligible_on = None, None  # said not used: neither read nor checked, so never refused
        if kind == "csv" and unit_name is not None:  # the export has no header block to name the unit in: said
            note(msg("rep_csv_unit_unused", lang, file=output.with_suffix(".xlsx")))
        if kind == "csv" and af_k is not None:  # af.csv holds every k: the cutoff chooses nothing there, said
            note(msg("rep_csv_k_unused", lang, file=output.with_suffix(".xlsx")))
        if blank_flags == "not_deprived" and (dask_address or db is not None):
            fail(msg("rep_blank_flags_file", lang))  # the history records each mark as read; --dask reads blanks so
        if dask_address:
            unused = [name for name, given in (("--date", review_date), ("--eligible-on", eligible_on)) if given]
            if unused:  # the Dask files show no review date and no eligible list: say they were not used
                note(msg("rep_dask_unused", lang, options=", ".join(unused)))
            _on_dask(reviewed, output, kind, dask_address, ruleset_name, af, targets_path, lang)
            return
        if reviewed is not None and reviewed.is_dir():
            fail(msg("rep_folder", lang, file=reviewed))
        if reviewed is not None:
            review = _from_file(reviewed, review_date, ruleset_name, lang, blank_flags)
        else:
            assert db is not None
            if review_date is None and review_year is None:
                fail(msg("rep_db_needs_date", lang))
            if not db.exists():
                fail(msg("rep_no_db", lang, file=db))
            if empty_file(db):  # a copy cut short: no history, never given a schema and read as one of no review
                fail(msg("h_empty_file", lang, db=db))
            if review_date is not None:
                review = from_history(db, review_date, commune=commune)
            else:  # each commune's last review of the year, whatever its day
                assert review_year is not None
                review = from_history_year(db, review_year, commune=commune)
            if commune is not None:
                with HistoryStore(db, read_only=True) as store:
                    coded = store.communes_coded(commune)
                if coded:  # a commune code (--commune 02800): say which commune it is
                    note(msg("h_commune_code", lang, code=commune, names=", ".join(coded)))
            on_days = [day for day in (review.review_date, *(review.extra.get("review_dates") or ())) if day]
            h = review.households
            if {"change_reason", "transition", "present"} <= set(h.columns):  # a history an earlier version wrote
                rows_now = h[h["present"].astype(bool)]
                say_old_leaving_movements(db, rows_now["change_reason"], rows_now["transition"], on_days, commune, lang)
            unrecorded = _without_blank_marks(review.households)
            if unrecorded:  # AF from the history: households recorded without their blank marks' count
                note(msg("rep_db_af_blank", lang, file=db, count=unrecorded))
        days = [day for day in (review.review_date, *(review.extra.get("review_dates") or ())) if day]
        if eligible_on is not None and days and eligible_on < max(days):  # a list of results not yet decided
            # the days as the language writes dates: 10/12/2025 in Vietnamese, 2025-12-10 in English
            fail(msg("rep_eligible_before", lang, day=eligible_on, review=max(days)))
        blank_sizes, first = unknown_persons(review)
        if blank_sizes:  # a blank household size is unknown, not 0 persons: say it
            note(msg("rep_unknown_persons", lang, file=reviewed or db, count=blank_sizes, id=first))
        for lst, now, before, changed in start_sizes_changed(review):  # R2/R3's persons at the start: say why
            form = "r2" if lst == "poor" else "r3"  # they are not the last report's column 9
            figures = {"now": L.number(now, lang), "before": L.number(before, lang)}
            title = L.FORM_TITLE[form]
            note(msg("rep_start_sizes", lang, form=form.upper(), list=title, count=changed, **figures))
        for level in ("province", "commune"):  # a unit of no name beside the named ones: counted apart, said
            unnamed, first, units = unnamed_communes(review, level)
            if unnamed:
                shown = ", ".join(units[:5]) + (" …" if len(units) > 5 else "")
                key = f"rep_unnamed_{level}"
                note(msg(key, lang, file=reviewed or db, count=unnamed, id=first, communes=shown))
        ruleset = review.ruleset
        if af_k is not None and ruleset is not None and af_k > len(ruleset.indicators):
            raise report_error("af_k", d=len(ruleset.indicators), value=af_k)
        targets = None
        if targets_path is not None:
            sheet = read_table(targets_path, lang=lang, percents=True)  # rows named as in the file (below a title)
            refuse_extra_cells(sheet, lang)
            targets = read_targets(_text_frame(sheet.table), str(targets_path), rows=list(sheet.rows))
            missing, coded = unmatched(review, targets)
            if missing:  # a unit the report has no household of: left out, said (never shown as 0 to 0)
                named = "; ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
                note(msg("rep_targets_unmatched", lang, file=targets_path, count=len(missing), units=named))
            if coded:  # two communes of one name: the report names each with its code
                note(msg("rep_targets_coded", lang, file=targets_path, communes=", ".join(coded)))
        # a province's workbook takes a minute: a spinner says it is being made (a terminal's stderr only)
        with working(f"{L.CLI['reporting'][lang]} {escape(str(output))}"):
            report = build_report(
                review, lang=lang, targets=targets, eligible_on=eligible_on, unit_name=unit_name, page=kind == "html"
            )
            report.extra["af"] = af
            if "source_frame" in review.extra:
                report.extra["af_source"] = review.extra["source_frame"]
            with _one_set(output, kind, lang):
                if kind == "csv":
                    output.mkdir(parents=True, exist_ok=True)
                written = WRITERS[kind](report, output)
        if kind == "csv":
            _drop_earlier_export(output, written)
        if kind == "html":  # the page holds no forms R2–R9: say what it holds
            summary(msg("rep_written_page", lang, file=output, count=_villages(report)))
        else:
            forms, lists = _written_counts(report, kind)
            summary(msg("rep_written", lang, file=output, kind=kind, forms=forms, lists=lists))
    except ReportError as exc:  # the reports layer's refusals, in the user's language
        text = say(exc, lang)
        if exc.key.startswith("af_") and reviewed is not None:  # the AF measures read the reviewed file
            text = f"{exc.values.get('file') or reviewed}: {text}"  # --dask: the part file of a folder
        fail(text)


def _export_files(folder: Path) -> list[Path]:
    """Every file the CSV export into ``folder`` may write: the forms, ``af.csv``, ``targets.csv`` and the
    lists."""
    names = [*(f"{form}.csv" for form in L.FORM_TITLE), "af.csv", "targets.csv"]
    return [folder / name for name in names] + [folder / "lists" / f"{name}.csv" for name in (*LIST_IDS, "eligible")]


def _drop_earlier_export(folder: Path, written: list[Path]) -> None:
    """Remove the files of an earlier export into ``folder`` that this one did not write again (its
    ``targets.csv`` when no targets are given now, ``r8.csv``/``r9.csv`` of a file with groups or ethnicity):
    the folder then holds this report alone, never a mix of two."""
    kept = {path.resolve() for path in written}
    for path in _export_files(folder):
        if path.resolve() not in kept and path.is_file() and _exported(path):
            path.unlink(missing_ok=True)


def _exported(path: Path) -> bool:
    """Whether ``path`` is a file a CSV export wrote, told by its header: a form's or ``af.csv``'s (``level``
    first), a list's (``number`` first) or the targets achieved (``start``, ``end`` … ``met``). A file of the
    same name that the officer keeps there (the targets file docs/reports.md names ``targets.csv``, read with
    ``--targets`` by an earlier run) is none, and is never removed."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            header = next(csv.reader([fh.readline(1 << 16)]), [])
    except OSError:
        return False
    if path.name == "targets.csv":
        return {"start", "end", "met"} <= set(header)
    return header[:1] in (["level"], ["number"])


def _written_by_export(folder: Path, path: Path) -> bool:
    """Whether the CSV export into ``folder`` writes a file at ``path``'s place: a form's ``r1.csv`` …,
    ``af.csv``, ``targets.csv``, or a list's ``lists/poor.csv`` … ``lists/eligible.csv``."""
    place, folder = path.resolve(), folder.resolve()
    if place.parent == folder / "lists":
        return place.name in {f"{name}.csv" for name in (*LIST_IDS, "eligible")}
    return place.parent == folder and place.name in {*(f"{form}.csv" for form in L.FORM_TITLE), "af.csv", "targets.csv"}


@contextlib.contextmanager
def _one_set(output: Path, kind: str, lang: str) -> Iterator[None]:
    """Write the report at ``output`` inside this block: the CSV export's files appear together
    (data/output_set.py), so a failure or a stop leaves none of them and removes the folders the run made;
    the system's refusal is said as the checks say it (:func:`~poverty_rules.data.outputs.writing`)."""
    made = _missing_folders(output) if kind == "csv" else []
    try:
        with writing(output, lang), one_set(lang):
            yield
    except BaseException:
        for folder in reversed(made):  # the folders this run made, if nothing is left in them
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _missing_folders(output: Path) -> list[Path]:
    """The folders the CSV export at ``output`` would make, outermost first: its missing parents, the
    folder itself and its ``lists/`` folder."""
    missing = [output / "lists"] if not (output / "lists").exists() else []
    folder = output
    while not folder.exists() and folder != folder.parent:
        missing.insert(0, folder)
        folder = folder.parent
    return missing


def _villages(report: Report) -> int:
    """How many villages the page shows (a village is its province, commune and name): R1's village rows, a
    village all of whose households left included (its row of 0 and its section); without R1, those of the
    resident households."""
    r1 = next((form for form in report.forms if form.id == "r1"), None)
    if r1 is not None:
        return int((r1.rows["level"] == "village").sum())
    h = report.review.households
    h = h[h["resident"].astype(bool)]
    keys = h[["province", "commune", "village"]].astype(object).where(h[["province", "commune", "village"]].notna(), "")
    return len(keys.astype(str).drop_duplicates())


def _written_counts(report: Report, kind: str) -> tuple[int, int]:
    """The forms and lists ``kind``'s writer puts out: the eligible list with the village lists (a sheet, a
    CSV file), and in a workbook the local standard's R1 and lists too (the CSV export is national only)."""
    forms, lists = len(report.forms), len(report.lists)
    if kind in ("csv", "xlsx"):
        lists += report.eligible is not None
    if kind == "xlsx":
        forms, lists = forms + len(report.local_forms), lists + len(report.local_lists)
    return forms, lists


def _on_dask(
    reviewed: Path | None,
    output: Path,
    kind: str,
    address: str,
    ruleset_name: str | None,
    af: dict[str, object],
    targets_path: Path | None,
    lang: str,
) -> None:
    """``report --dask``: R1, R4–R7 and af.csv of a dataset, from sums per partition (docs/scale.md)."""
    if reviewed is None:
        fail(msg("rep_dask_db", lang))
    if kind != "csv" or targets_path is not None:
        fail(msg("rep_dask_csv", lang))
    if not reviewed.exists():
        fail(msg("rep_no_input", lang, file=reviewed))
    rs = choose_ruleset(ruleset_name, None) if ruleset_name else None
    options = {name: af[name] for name in ("weights", "unit", "weight_column")}  # af.csv: every k
    with _one_set(output, kind, lang):
        written, (blank_sizes, first) = report_on_dask(reviewed, output, address, ruleset=rs, lang=lang, **options)  # type: ignore[arg-type]
    if blank_sizes:  # a blank household size is unknown, not 0 persons: said as of a whole file
        note(msg("rep_unknown_persons", lang, file=reviewed, count=blank_sizes, id=first))
    if _no_households(output / "r1.csv"):  # its header alone: forms of 0 households, said as in one process
        note(msg("rep_no_households", lang, file=reviewed))
    _drop_earlier_export(output, written)
    summary(msg("rep_dask_written", lang, file=output, count=len(written)))


def _refuse_unknown_marks(frame: pd.DataFrame, ruleset: Ruleset, path: Path, rows: np.ndarray, lang: str) -> None:
    """Refuse ``--blank-flags not-deprived`` for a reviewed file whose review read blank marks as unknown: a
    household undetermined for want of a mark (``undetermined_by`` naming a flag column), whose marks the AF
    measures would count as not deprived where the review said they were to collect."""
    if "undetermined_by" not in frame.columns:
        return
    columns = {ind.column for ind in ruleset.indicators}
    wanted = frame["undetermined_by"].fillna("").astype(str)
    for i, text in enumerate(wanted):
        marks = [m.strip() for m in text.split(";") if m.strip() in columns]
        if marks:
            household = str(frame["household_id"].iloc[i]) if "household_id" in frame.columns else ""
            named = ", ".join(marks)
            fail(msg("rep_blank_flags_unknown", lang, file=path, row=int(rows[i]), id=household, marks=named))


def _no_households(r1: Path) -> bool:
    """Whether the R1 just written counts no household (its total row's column 1 is 0): a dataset of its
    header alone."""
    table = pd.read_csv(r1, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    total = table.loc[table["level"] == "total", "c1"]
    return bool(len(total)) and str(total.iloc[0]) == "0"


def _read_text_rows(path: Path, lang: str) -> tuple[pd.DataFrame, np.ndarray]:
    """A CSV file, every cell as text exactly as written (messages in ``lang``), and the row of the file
    each of its rows is (the header being row 1; a blank row or a title above the header is not a row of
    the table)."""
    sheet = read_table(path, lang=lang)
    refuse_extra_cells(sheet, lang)
    return _text_frame(sheet.table), np.asarray(sheet.rows, dtype=np.int64)


def _text_frame(table: pa.Table) -> pd.DataFrame:
    """A table read as text, as a frame of text cells (None where empty of any value): each column's cells as
    Python text, each distinct text made once (:func:`~poverty_rules.vocabulary.cells.text_objects`); a column
    of no text (all missing) through pandas."""
    if not all(pa.types.is_string(t) or pa.types.is_large_string(t) for t in table.schema.types):
        return table.to_pandas(types_mapper=lambda _t: None).astype(object).where(lambda f: f.notna(), None)
    columns = {i: text_objects(table.column(i)) for i in range(table.num_columns)}
    frame = pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows), dtype=object)
    frame.columns = pd.Index(table.column_names)
    return frame


def _from_file(
    path: Path, review_date: date | None, ruleset_name: str | None, lang: str, blank_flags: str = "unknown"
) -> ReviewFrame:
    """The review in a reviewed file, with the not-reviewed file beside it when there is one. ``blank_flags``
    ``not_deprived``: the AF measures read a blank mark as the review did (``--blank-flags not-deprived``),
    not deprived, as the history records it."""
    # a labelled workbook (classify/review .xlsx: Phân loại = Hộ nghèo …) read back under the ids
    text, rows = _read_text_rows(path, lang)
    text = without_the_inputs_previous_status(text)
    canonical_headers([str(c) for c in text.columns], source=str(path), lang=lang)  # two headers of one: said here
    frame = unlabel_results(
        text,
        lambda f: _ruleset(f, ruleset_name, review_date or _date_from(f, path, lang, rows)),
        source=str(path),
        rows=rows,
    )
    left, gone_rows = None, None
    sibling = not_reviewed_path(path)
    if sibling.exists():  # with in_file: rows rejected this review (undetermined, not gone)
        gone, gone_rows = _read_text_rows(sibling, lang)
        left = unlabel_results(
            gone, lambda _f: _ruleset(frame, ruleset_name, review_date), source=str(sibling), rows=gone_rows
        )
    day = review_date or _date_from(frame, path, lang, rows)
    ruleset = _ruleset(frame, ruleset_name, day)
    if ruleset_name is not None:  # before anything is written: a standard the file has no marks for
        check_marked(frame, ruleset)
    review = from_reviewed(
        frame,
        left=left,
        ruleset=ruleset,
        review_date=day,
        source=str(path),
        left_source=str(sibling),
        file_rows=rows,
        left_file_rows=gone_rows,
    )
    own = _own_standard(frame)
    if ruleset_name is None and own and own != ruleset.id:  # a local standard read from a file: named by its id
        review.extra["standard_title"] = {"vi": own, "en": own}
    if frame.empty:  # its header alone (a review whose every row was rejected; the wrong file?): zero forms, said
        note(msg("rep_no_households", lang, file=path))
    if day is None:  # the forms have no review year, and there is no eligible list: say why (a note, once
        note(msg("rep_no_review_date", lang, file=path))  # the file is known to be a reviewed one)
    if left is None and _started(frame):  # a review's file copied alone: its households gone are not counted
        note(msg("rep_no_not_reviewed", lang, file=path, sibling=_not_reviewed_named(path, sibling, lang)))
    # the AF measures read the flag columns as written, under the canonical names R1–R9 read them by
    # (a reviewed file keeps the household file's headers: Thôn, Khu vực, Số nhân khẩu, Việc làm …), of
    # the resident households R1 counts: not those the file marks leaving (moved_out, died, merged)
    resident = review.households["resident"].to_numpy(dtype=bool)[: len(frame)]
    source = frame.rename(columns=canonical_headers([str(c) for c in frame.columns]))
    source["commune"] = review.households["commune"].to_numpy()[: len(frame)]  # named as the forms name it
    source = with_absent_marks(source, ruleset)  # a flag column the file lacks: every mark blank, as recorded
    if blank_flags == "not_deprived":  # a form ticking only the deprivations: blank is 0
        _refuse_unknown_marks(frame, ruleset, path, rows, lang)
        for column in [ind.column for ind in ruleset.indicators if ind.column in source.columns]:
            cells = source[column].astype(object)
            source[column] = cells.where(cells.notna() & (cells.astype(str).str.strip() != ""), "0")
    # indexed by the file's row numbers less 2 (the header is row 1), so a cell the measures cannot read is
    # said at the row the officer sees, not at its place among the residents
    file_rows = pd.Index(rows[: len(frame)][resident] - 2, name=FILE_ROWS)
    review.extra["source_frame"] = source[resident].set_axis(file_rows)
    return review


def _not_reviewed_named(path: Path, sibling: Path, lang: str) -> str:
    """The name of the not-reviewed file of ``path`` that is not beside it, as a note says it: ``sibling``'s when
    a movements file tells which name review gave its companions (``k.movements.csv``, ``k.xlsx.movements.csv``)
    or when another reviewed file of the stem has the whole-name ones (``k.xlsx.movements.csv`` beside
    ``k.csv``); else both names, the stem's and the whole name's (``k.xlsx`` copied alone: its review wrote
    ``k.xlsx.not_reviewed.csv`` when another reviewed file of the stem was beside it, ``k.not_reviewed.csv`` if
    not)."""
    own = own_not_reviewed_path(path)
    stem = path.with_name(f"{path.stem.removesuffix('.reviewed')}.not_reviewed.csv")
    if sibling == own or stem == own:
        return sibling.name
    told = (path.with_name(f"{n}.movements.csv") for n in (path.name, path.stem.removesuffix(".reviewed")))
    others = [
        p
        for p in path.parent.glob(f"{glob.escape(path.stem)}.*.*.csv")
        if p.name.endswith((".movements.csv", ".not_reviewed.csv")) and not p.name.startswith(f"{path.name}.")
    ]
    if any(p.exists() for p in told) or others:
        return sibling.name
    return msg("rep_not_reviewed_either", lang, stem=stem.name, whole=own.name)


def _started(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` is a review's file whose households were compared with an earlier review (a
    ``start_status`` given): ``review`` then wrote the households of that review absent now beside it."""
    if "start_status" not in frame.columns:
        return False
    return bool(frame["start_status"].map(lambda v: isinstance(v, str) and v.strip() != "").any())


def _date_from(frame: pd.DataFrame, source: Path, lang: str, rows: np.ndarray | None = None) -> date | None:
    """The review date a reviewed file shows: its ``review_date`` column (written by ``review``); in a
    file written before ``review`` wrote it, the recognition date of this review's escapes (none in a
    year without an escape: then only ``--date`` can say it). A cell of that column that is no date
    (``2024-13-45``, an edit) stops the report naming its row: the file was said to have no review date
    column (the forms without their year), or the review date was taken from the other rows. ``rows``: the
    row of its file each row of ``frame`` is (a blank row is no row of the frame); else a row's position + 2."""
    for name in ("review_date", "recognized_on"):
        if name in frame.columns:
            days, bad = parse_days(frame[name])
            if bad.any():
                at = int(np.flatnonzero(bad)[0])
                row = int(rows[at]) if rows is not None and len(rows) == len(frame) else at + 2
                fail(msg("rep_unknown_day", lang, file=source, row=row, column=name, value=frame[name].iloc[at]))
            days = days[~pd.isna(days)]
            if len(days):
                return date.fromisoformat(str(days.max()))
    return None


def _installed(name: str) -> bool:
    """Whether this install has the standard of id ``name`` (a local standard read from a file has not)."""
    try:
        load_ruleset(name)
    except RulesetError:
        return False
    return True


def _ruleset(frame: pd.DataFrame, name: str | None, day: date | None) -> Ruleset:
    """The ruleset named, else the one the file's ``ruleset`` column names, else the one in force."""
    if name is None and "ruleset" in frame.columns:
        labels = frame["ruleset"].dropna().astype(str)
        if len(labels):
            parts = [part.split("@")[0] for part in labels.iloc[0].split("+")]  # base@v+local@v: a local run alone
            name = parts[-1] if len(parts) > 1 and _installed(parts[-1]) else parts[0]  # else a file's: its base
    try:
        return choose_ruleset(name, day)
    except InputError as exc:
        fail(str(exc))


def _own_standard(frame: pd.DataFrame) -> str | None:
    """The id of the standard that classified ``frame``, as its ``ruleset`` column names it (the last part of
    ``vn-2022-2026@2025.02+my-province-2026@1``: a local standard run alone), or None."""
    if "ruleset" not in frame.columns:
        return None
    labels = frame["ruleset"].dropna().astype(str)
    labels = labels[labels.str.strip() != ""]
    return labels.iloc[0].split("+")[-1].split("@")[0].strip() if len(labels) else None


def _without_blank_marks(households: pd.DataFrame) -> int:
    """How many resident households the history recorded without how many of their marks were blank
    (reviews recorded before it kept ``blank_marks``): the Alkire–Foster measures from the history count
    them as complete."""
    resident = households[households["resident"].astype(bool)]
    if "blank_marks" not in resident.columns:
        return len(resident)
    return int(resident["blank_marks"].isna().sum())
