"""Reports from partitions: the forms' counts and the Alkire–Foster measures of a Dask dataframe.

docs/reports.md fixes the arithmetic: every count is a sum over households and every rate or
measure a ratio of sums, computed from the unit's own counts. So a review split into partitions
(a ``dask.dataframe`` of classified or reviewed rows, e.g. a Parquet dataset) is reported by

1. one task per partition computing its **sums**: per village and area, the counts of R1 and of
   R4–R7 (:func:`~poverty_rules.reports.forms.r1_counts`,
   :func:`~poverty_rules.reports.forms.deprivation_counts`, summed by
   :func:`~poverty_rules.reports.units.unit_sums`); per group, scheme, unit and score level, the AF
   sums N and G (:func:`~poverty_rules.reports.af.af_sums`);
2. the sums **combined** (added, in a tree of tasks on the workers: a few small frames each);
3. the **ratios** taken once, from the combined sums, by the same code as a single-process report
   (:func:`~poverty_rules.reports.forms.r1_from_counts`,
   :func:`~poverty_rules.reports.af.measures_from_sums`).

Nothing is averaged, so the results are the single-process report's (``tests/test_dask.py``).
Dask is an optional extra, imported inside the functions only.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..data.normalize import plain_arrow_columns
from ..data.schema import index_read
from ..errors import ArgumentError, ArgumentTypeError, InputError, Note, ReportError, said_in
from ..pipeline.dask import (
    CELLS,
    PARTITION_BYTES,
    csv_part_files,
    dask_client,
    dask_index_read,
    file_rows,
    frame_csv_files,
    frame_part_files,
    is_dask_frame,
    part_files,
    read_dask,
    read_dask_rows,
)
from ..pipeline.options import one_of
from ..results.labels import labelled_headers, unlabel_results
from ..rules.model import Ruleset
from ..vocabulary.choices import Lang
from ..vocabulary.words import msg, texts
from . import af as _af
from .af import (
    AFOptions,
    af_options,
    af_sums,
    combine_sums,
    deprivation_matrix,
    measures_from_sums,
    residents,
    ruleset_of,
    with_absent_marks,
    with_canonical_headers,
    write_af_csv,
)
from .csv import write_forms_csv
from .forms import (
    FORMS,
    Form,
    FormInputs,
    defines_average,
    deprivation_counts,
    deprivation_from_counts,
    r1_counts,
    r1_from_counts,
)
from .frame import (
    coded_communes,
    communes_apart_in_sums,
    communes_named_apart,
    from_reviewed,
    unknown_persons,
)
from .messages import report_error
from .units import codes_as_written, unit_sums

PARTITION_FORMS: tuple[str, ...] = ("r1", "r4", "r5", "r6", "r7")
"""The forms computed from partitions: R1 and the deprivation counts and rates of R4–R7."""

_BLANK_SIZES = "\0blank sizes"
"""Beside the form sums: the households with a blank ``household_size`` (``count``) and the first one's code
(``first``), one row, as :func:`~poverty_rules.reports.frame.unknown_persons` says them of a whole file."""

_FAN_IN = 8
"""Sums added per combining task (a tree: partitions → groups of 8 → … → one)."""


def _tree_sum(parts: list[Any], combine: Callable[[list[Any]], Any]) -> Any:
    """Add delayed per-partition sums in a tree of delayed tasks; the root is one delayed value."""
    import dask

    while len(parts) > 1:
        parts = [dask.delayed(combine)(parts[i : i + _FAN_IN]) for i in range(0, len(parts), _FAN_IN)]
    return parts[0]


def _per_partition(ddf: Any, task: Callable[[pd.DataFrame, str], Any], source: str) -> list[Any]:
    """One delayed ``task(partition, where)`` per partition; ``where`` names the partition in messages as
    ``[number/partitions]``, in no language (a row named in a message is the partition's row; a refusal
    keeps which partition and row, ``located``, for ``report --dask`` to name the file's row)."""
    import dask

    parts = ddf.to_delayed()
    n = len(parts)
    return [dask.delayed(_located)(task, part, f"[{i + 1}/{n}]", i) for i, part in enumerate(parts)]


def _located(task: Callable[[pd.DataFrame, str], Any], part: pd.DataFrame, where: str, number: int) -> Any:
    """``task(part, where)``; a refusal naming a row of the partition (counted from 2 below the header, as a
    file's) is given the partition's number and that row as ``located`` (pickled with it to the caller)."""
    try:
        return task(part, where)
    except ReportError as exc:
        found = getattr(exc, "located", None)
        row = found[1] if found else exc.values.get("row")
        if isinstance(row, int):
            exc.located = (number, row)  # type: ignore[attr-defined]
        raise


def _rulesets_in(ddf: Any, ruleset: Ruleset | str | Path | None) -> Ruleset:
    """The ruleset given, else the one the dataset's ``ruleset`` column names (one pass over that column)."""
    if ruleset is not None or "ruleset" not in ddf.columns:
        return ruleset_of(pd.DataFrame({"ruleset": pd.Series([], dtype=object)}), ruleset)
    labels = ddf["ruleset"].dropna().astype(str).unique().compute()
    return ruleset_of(pd.DataFrame({"ruleset": [str(v) for v in labels]}), None)


def _unlabelled(ddf: Any, ruleset: Ruleset | str | Path | None, source: str) -> Any:
    """A dataset written with labels (``classify --headers labels``: ``Phân loại`` = ``Hộ nghèo``) read
    partition by partition under the ids (:func:`~poverty_rules.results.labels.unlabel_results`), its
    standard found once; a dataset of ids as it is. A cell that names nothing is named by its partition and
    its row within it."""
    renamed = labelled_headers(ddf._meta)
    if not renamed:
        return ddf
    rs = _rulesets_in(ddf.rename(columns=renamed), ruleset)

    def canonical(frame: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
        where = f"{source} [{partition_info['number'] + 1}/{ddf.npartitions}]" if partition_info else source
        return unlabel_results(frame, lambda _f: rs, source=where)

    return ddf.map_partitions(canonical, meta=canonical(ddf._meta))


def af_measures_dask(
    ddf: Any, *, ruleset: Ruleset | str | Path | None = None, source: str = "<dask>", lang: str = "en", **options: Any
) -> pd.DataFrame:
    """:func:`~poverty_rules.reports.af.af_measures` of a dask.dataframe: the same tidy frame.

    Each partition gives its :func:`~poverty_rules.reports.af.af_sums`, the sums are added
    (:func:`~poverty_rules.reports.af.combine_sums`) and the measures taken once
    (:func:`~poverty_rules.reports.af.measures_from_sums`). ``options`` are ``af_measures``' (``k``,
    ``weights``, ``unit``, ``weight_column``, ``by``); a bad cell is named by its partition and its
    row within it. By person, the households with a blank ``household_size`` (left out of N) are said as
    of the whole dataset, in ``lang``, as of a table in one process.
    """
    import dask

    ddf = _unlabelled(ddf, ruleset, source)
    rs = _rulesets_in(ddf, ruleset)
    o = af_options(with_canonical_headers(ddf._meta, source), **options)
    af_total = _af_total(ddf, rs, o, options.get("weight_column"), source)

    def unknown(frame: pd.DataFrame, where: str = "") -> tuple[int, str]:
        table = residents(with_canonical_headers(frame))
        return _in_partition(lambda: _unknown_marks(table, deprivation_matrix(table, rs)[1]), where)

    def blank(frame: pd.DataFrame, where: str = "") -> tuple[int, str]:
        return _blank_sizes(residents(with_canonical_headers(frame)))

    by_person = bool({"person", "person_weighted"} & set(o.units))
    tasks = (_per_partition(ddf, unknown, source), _per_partition(ddf, blank, source) if by_person else [])
    total, unknowns, blanks = dask.compute(af_total, *tasks)
    firsts = [first for count, first in unknowns if count]
    _say_unknown_marks(sum(count for count, _ in unknowns), firsts[0] if firsts else "", lang, source, stacklevel=4)
    if by_person:
        firsts = [first for count, first in blanks if count]
        count = sum(count for count, _ in blanks)
        _say_blank_sizes(count, firsts[0] if firsts else "", source, stacklevel=4, lang=lang)
    return measures_from_sums(total, rs, k=o.k)


def _af_total(
    ddf: Any, rs: Ruleset, o: AFOptions, weight_column: str | None, source: str, *, files: bool = False
) -> Any:
    """The dataset's AF sums, lazily: per partition (each commune keyed with its code), then added in a tree
    of tasks, then each commune named (:func:`_af_apart`). ``files``: the rows are a household file's, as
    ``report --dask`` reads them: a flag column they lack is a column of blank marks
    (:func:`~poverty_rules.reports.af.with_absent_marks`), as ``report`` reads a file in one process."""
    import dask

    def sums(frame: pd.DataFrame, where: str = "") -> pd.DataFrame:
        def summed() -> pd.DataFrame:
            table = residents(with_canonical_headers(frame))  # an officer's headers, as the forms read them
            if len(table):  # each commune with its code until every part's sums are added
                table = table.assign(commune=coded_communes(table))
            if files:
                table = with_absent_marks(table, rs)
            return af_sums(table, rs, schemes=o.schemes, units=o.units, weight_column=weight_column, levels=o.levels)

        return _in_partition(summed, where)

    sums(ddf._meta)  # a missing column fails here, before any task
    return dask.delayed(_af_apart)(_tree_sum(_per_partition(ddf, sums, source), combine_sums))


def _in_partition(call: Callable[[], Any], where: str) -> Any:
    """``call()`` on a partition; a refusal naming a row (the partition's) says which partition, ``where``
    (``[2/3]``), and keeps the row for :func:`_located`."""
    try:
        return call()
    except ReportError as exc:
        if "row" not in exc.values:
            raise
        values = {**exc.values, "row": f"{exc.values['row']} {where}"}
        named = report_error(exc.key, **values)
        named.located = (None, exc.values["row"])  # type: ignore[attr-defined]  # the row, for _located
        raise named from None


def _af_apart(total: pd.DataFrame) -> pd.DataFrame:
    """The dataset's AF sums with its communes named as a whole file names them (two of one name and two
    codes apart, ``Xã Tân Lập (03001)``), the sums of keys that then name one commune added."""
    return combine_sums([communes_apart_in_sums(total)])


def _form_sums(frame: pd.DataFrame, where: str, rs: Ruleset) -> dict[str, pd.DataFrame]:
    """One partition's sums per village and area: R1's counts and R4–R7's for poor and near-poor."""
    # the partition's communes keyed with their codes, named once every partition's sums are added: two
    # communes of one name told apart in one partition and not in another would not add up
    review = from_reviewed(frame, ruleset=rs, source=where, apart=False)  # the file's name and the partition
    canonical = with_canonical_headers(frame)
    review.households["commune"] = coded_communes(canonical.reset_index(drop=True))
    out = {"r1": r1_counts(review)}
    for lst in ("poor", "near_poor"):
        out[lst] = deprivation_counts(review, lst)
    sums = {name: unit_sums(base, _counts(base)) for name, base in out.items()}
    count, first = unknown_persons(review)
    sums[_BLANK_SIZES] = pd.DataFrame({"count": [count], "first": [first]})
    return sums


def _counts(base: pd.DataFrame) -> list[str]:
    return [c for c in base.columns if c not in ("province", "commune", "village", "area")]


def _add_form_sums(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Sums of several partitions added (per village and area); the blank household sizes counted, the
    first code kept from the first partition (in the data's order) that has one."""
    out = {}
    for name in parts[0]:
        both = pd.concat([p[name] for p in parts], ignore_index=True)
        if name == _BLANK_SIZES:
            firsts = [str(v) for v in both["first"] if v]
            out[name] = pd.DataFrame({"count": [int(both["count"].sum())], "first": [firsts[0] if firsts else ""]})
        else:
            out[name] = unit_sums(both, _counts(both))
    return out


def _forms_total(ddf: Any, rs: Ruleset, source: str) -> tuple[Any, bool]:
    """The dataset's form sums, lazily, and whether it has persons (``household_size``)."""
    has_persons = from_reviewed(ddf._meta, ruleset=rs, source=source).has_persons  # a missing column fails here

    def sums(frame: pd.DataFrame, where: str) -> dict[str, pd.DataFrame]:
        return _form_sums(frame, f"{source} {where}", rs)

    import dask

    return dask.delayed(_forms_apart)(_tree_sum(_per_partition(ddf, sums, source), _add_form_sums)), has_persons


def _forms_apart(total: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The dataset's form sums with its communes named as a whole file names them (two of one name and two
    codes apart, ``Xã Tân Lập (03001)``), the sums of keys that then name one unit added."""
    out = dict(total)
    for name, sums in total.items():
        if name != _BLANK_SIZES:
            out[name] = unit_sums(communes_apart_in_sums(sums), _counts(sums))
    return out


def _forms_from_sums(total: dict[str, pd.DataFrame], rs: Ruleset, has_persons: bool) -> dict[str, Form]:
    indicators = [(ind.id, {"vi": ind.label.vi, "en": ind.label.en}) for ind in rs.indicators]
    return {
        "r1": r1_from_counts(total["r1"], has_persons, average=defines_average(rs)),
        "r4": deprivation_from_counts(total["poor"], "poor", False, indicators, has_persons),
        "r5": deprivation_from_counts(total["poor"], "poor", True, indicators, has_persons),
        "r6": deprivation_from_counts(total["near_poor"], "near_poor", False, indicators, has_persons),
        "r7": deprivation_from_counts(total["near_poor"], "near_poor", True, indicators, has_persons),
    }


def forms_dask(
    ddf: Any, *, ruleset: Ruleset | str | Path | None = None, source: str = "<dask>", lang: str = "en"
) -> dict[str, Form]:
    """The forms of :data:`PARTITION_FORMS` (R1, R4–R7) of a dask.dataframe of classified or reviewed
    rows, by id: counts summed per partition, added, then rates from the sums — the forms a
    single-process report of the same rows shows (``poverty-rules report``, docs/reports.md); the note on
    blank household sizes in ``lang``."""
    ddf = _unlabelled(ddf, ruleset, source)
    rs = _rulesets_in(ddf, ruleset)
    total, has_persons = _forms_total(ddf, rs, source)
    computed = total.compute()
    blank = computed[_BLANK_SIZES]
    _say_blank_sizes(int(blank["count"].iloc[0]), str(blank["first"].iloc[0]), source, stacklevel=4, lang=lang)
    return _forms_from_sums(computed, rs, has_persons)


def report_on_dask(
    path: str | Path,
    out: Path,
    address: str,
    *,
    ruleset: Ruleset | None = None,
    weights: str | None = None,
    unit: Sequence[str] | None = None,
    weight_column: str | None = None,
    lang: str = "en",
    blocksize: int = PARTITION_BYTES,
) -> tuple[list[Path], tuple[int, str]]:
    """``report --dask``: R1, R4–R7 and ``af.csv`` of a dataset of classified or reviewed rows (CSV or
    Parquet, a file or a folder) computed on the cluster at ``address`` (``local``: a LocalCluster),
    written to the folder ``out`` as the CSV export of docs/reports.md. One pass over the data gives
    both the forms' and the AF sums. A file ``--dask`` does not read is refused in ``lang``. Returns the
    files written, and how many households have a blank ``household_size`` with the first one's code
    (the forms leave their persons out: the caller says so, as of a whole file)."""
    with dask_client(address, lang):
        import dask

        try:  # every pass over the data (the ruleset column's, the sums'): a row it refuses named in the file
            ddf = _unlabelled(read_dask_rows(path, blocksize=blocksize, lang=lang), ruleset, str(path))
            rs = _rulesets_in(ddf, ruleset)
            meta = with_canonical_headers(ddf._meta, str(path))
            o = af_options(meta, weights=weights, unit=unit, weight_column=weight_column)
            forms_total, has_persons = _forms_total(ddf, rs, str(path))
            af_total, form_sums = dask.compute(_af_total(ddf, rs, o, weight_column, str(path), files=True), forms_total)
        except ReportError as exc:  # a cell of a partition's row: named by the file's row, as in one process
            located = getattr(exc, "located", None)
            if located is None or located[0] is None:
                raise
            file, row = _file_row(path, blocksize, located[0], located[1], lang)
            values = {**exc.values, "file": file, "row": row}
            raise report_error(exc.key, **values) from None
        except InputError as exc:  # a quote left open in a partition's row (its empty rows counted as read)
            located = getattr(exc, "located", None)
            if located is None:
                raise
            file, row = _file_row(path, blocksize, located[0], located[1], lang, kept=False)
            said = {**getattr(exc, "values", {}), "file": file, "row": row}
            error = InputError(msg(located[2], lang, **said))  # in the run's language, as it was said
            error.texts = texts(located[2], **said)
            raise error from None
    blank = form_sums.pop(_BLANK_SIZES)
    forms = _forms_from_sums(form_sums, rs, has_persons)
    out.mkdir(parents=True, exist_ok=True)
    written = write_forms_csv(list(forms.values()), out)
    write_af_csv(measures_from_sums(af_total, rs, k=o.k), out / "af.csv", bom=True)
    return [*written, out / "af.csv"], (int(blank["count"].iloc[0]), str(blank["first"].iloc[0]))


def _file_row(
    path: str | Path, blocksize: int, number: int, row: int, lang: str, *, kept: bool = True
) -> tuple[str, int]:
    """The file and its row (the header row 1) of the row ``row`` (counted as a file's, from 2) of partition
    ``number`` of ``report --dask``'s data (read again in ``blocksize`` partitions, on the error's path
    only): the rows of the partitions before it added, a CSV's empty rows counted as its reader counts
    them (``kept``: ``row`` counts the partition's rows without its empty ones, else with them); in a folder
    of Parquet files, the part file holding it and its row there."""
    raw = read_dask(path, blocksize=blocksize, lang=lang)  # a CSV's partitions with their empty rows marked
    before = int(sum(raw.partitions[:number].map_partitions(len).compute())) if number else 0
    position = row - 2
    if CELLS in raw.columns:  # its empty rows are rows of the file, not of the partition as read
        if kept:
            cells = raw.partitions[number][CELLS].compute().to_numpy(np.int64)
            position = int(np.flatnonzero(cells >= 0)[position])
        return str(path), before + position + 2
    index = before + position
    parts = part_files(path)  # a dataset's rows in its part files' order, as Dask reads them (part.2 before part.10)
    if parts:
        files, rows = file_rows(parts, np.array([index + 2]))
        return files[0], int(rows[0])
    return str(path), index + 2


def af_measures(
    classified: Any,
    *,
    ruleset: Ruleset | str | Path | None = None,
    k: int | Sequence[int] | None = None,
    weights: str | Sequence[str] | None = None,
    unit: str | Sequence[str] | None = None,
    weight_column: str | None = None,
    by: str | Sequence[str] | None = None,
    lang: Lang = "vi",
) -> pd.DataFrame:
    """Alkire–Foster measures of a classified table as the tidy frame of docs/reports.md (``af.csv``):
    ``pr.af_measures``.

    Options as :func:`poverty_rules.reports.af.af_measures`: ``k`` (one cutoff or several, default
    1…d), ``weights`` (``equal``, ``nested`` or both), ``unit``, ``weight_column``, ``by`` (the
    levels); ``ruleset`` (default: the table's ``ruleset`` column); ``lang`` (``"vi"``, the default as
    ``pr.classify``'s, or ``"en"``) of the notes on households left out of N (a blank mark; by person, a
    blank size) and of its errors. A ``dask.dataframe`` is measured from its partitions: each partition's
    sums, added, then the ratios once — the same frame as the whole table in one process (docs/scale.md).
    """
    options: dict[str, Any] = {"k": k, "weights": weights, "unit": unit, "weight_column": weight_column, "by": by}
    _check_lang(lang)
    with said_in(lang):
        if is_dask_frame(classified):
            try:
                return af_measures_dask(dask_index_read(classified), ruleset=ruleset, lang=lang, **options)
            except ReportError as exc:  # a row of a folder's part file: named there
                raise _in_part_files(classified, exc) from None
        _check_table(classified, "classified", "<data>")
        table = unlabel_results(plain_arrow_columns(index_read(classified)), lambda f: ruleset_of(f, ruleset))
        canonical = with_canonical_headers(table)
        if "commune" in canonical.columns:  # two communes of one name, each with its code: two, as the forms
            canonical = canonical.assign(commune=communes_named_apart(canonical.reset_index(drop=True)))
        canonical = residents(canonical)  # not the households leaving, as report measures them
        measures, known = _af.measures_and_coverage(canonical, ruleset=ruleset, **options)
    _say_unknown_marks(*_unknown_marks(canonical, known), lang)
    if "person" in set(measures["unit"]) or "person_weighted" in set(measures["unit"]):
        _say_blank_sizes(*_blank_sizes(canonical), lang=lang)
    return measures


def _in_part_files(ddf: Any, exc: ReportError) -> ReportError:
    """The refusal ``exc`` of the library on a dask.dataframe, naming a row of a partition (``row 6 [2/2]``),
    naming instead, of a folder of Parquet files read as it is (``dd.read_parquet("classified/")``:
    pipeline/dask.py ``frame_part_files``), the part file and its row there (``row 6 (classified/part.1.parquet)``),
    as ``report --dask`` names them, and of several CSV files read as they are (``dd.read_csv(["xa.csv",
    "xb.csv"])``: ``frame_csv_files``) the CSV file and its row there; of any other frame, ``exc`` as it is (the
    partition and its row)."""
    located: tuple[int | None, int] | None = getattr(exc, "located", None)
    if located is None or located[0] is None:
        return exc
    parts = frame_part_files(ddf)
    files = [] if parts else frame_csv_files(ddf)
    if not parts and not files:
        return exc
    number, row = located
    if files:  # each file's rows: its partitions' lengths (counted now, for the refusal only)
        lengths = [int(n) for n in ddf.map_partitions(len).compute()]
        parts, before = csv_part_files(files, lengths), sum(lengths[:number])
    else:
        before = int(sum(ddf.partitions[:number].map_partitions(len).compute())) if number else 0
    files, rows = file_rows(parts, np.array([before + int(row)]))
    file, within = files[0], int(rows[0])
    if "file" in exc.values:  # '{file}: row {row}, column …'
        return report_error(exc.key, **{**exc.values, "file": file, "row": within})
    return report_error(exc.key, **{**exc.values, "row": f"{within} ({file})"})


def _unknown_marks(table: pd.DataFrame, known: np.ndarray) -> tuple[int, str]:
    """How many of a table's households have an indicator unknown (``known``: :func:`deprivation_matrix`'s), left
    out of every unit's N, and the code of the first."""
    unknown = ~known
    if not unknown.any():
        return 0, ""
    first = int(np.flatnonzero(unknown)[0])
    codes = codes_as_written(table["household_id"].iloc[[first]]) if "household_id" in table.columns else [""]
    return int(unknown.sum()), str(codes[0])


def _say_unknown_marks(count: int, first: str, lang: str, source: str = "<data>", stacklevel: int = 3) -> None:
    """The note on the households left out of every unit's N for a blank deprivation mark (complete cases,
    docs/analysis.md), as a :class:`~poverty_rules.errors.Note` warning pointing at the caller's line, in
    ``lang``: how many, and the first one's code. Without it a table with undetermined households gave N
    smaller than its rows without a word, though a blank household size is said."""
    if count:
        text = msg("af_unknown_marks", lang, file=source, count=count, id=first)
        warnings.warn(text, Note, stacklevel=stacklevel)


def _blank_sizes(table: pd.DataFrame) -> tuple[int, str]:
    """How many of a table's households have a blank ``household_size`` (unknown persons, not 0), and the
    code of the first."""
    if "household_size" not in table.columns:
        return 0, ""
    sizes = table["household_size"]
    blank = (sizes.isna() | (sizes.astype(str).str.strip() == "")).to_numpy()
    if not blank.any():
        return 0, ""
    codes = codes_as_written(table["household_id"]) if "household_id" in table.columns else None
    return int(blank.sum()), str(codes[blank][0]) if codes is not None else ""


def _check_table(table: Any, name: str, source: str) -> None:
    """Refuse a table that is not a pandas DataFrame (a dask.dataframe is taken before): a list, a Series, a
    pyarrow Table or a dict stopped with pandas' or Python's ``AttributeError`` ('… has no attribute
    'index''); it is an :class:`ArgumentTypeError` naming the argument, in vi and en, as ``pr.classify``'s.
    A frame whose columns have several header levels (a MultiIndex: ``read_excel(header=[0, 1])``) was told
    its columns were missing (read as tuples); it is refused saying so, named ``source``, as ``pr.classify``
    refuses it."""
    if not isinstance(table, pd.DataFrame):
        raise ArgumentTypeError.of(texts("arg_not_table", name=name, kind=type(table).__name__))
    if isinstance(table.columns, pd.MultiIndex):
        example = repr(table.columns[0]) if len(table.columns) else "()"
        raise InputError.of(texts("frame_column_levels", name=source, levels=table.columns.nlevels, example=example))


def _check_lang(lang: str) -> None:
    """Refuse a ``lang`` that is not ``"vi"`` or ``"en"`` (:class:`ArgumentError`, in vi and en)."""
    if lang not in ("vi", "en"):
        raise ArgumentError.of(one_of("lang", lang, ("vi", "en")))


def _say_blank_sizes(count: int, first: str, source: str = "<data>", stacklevel: int = 3, *, lang: str = "en") -> None:
    """The note ``report`` says of households with a blank size (docs/analysis.md), issued to a library
    caller of :func:`af_measures` / :func:`report_forms` as a :class:`~poverty_rules.errors.Note` warning
    pointing at the caller's line, in ``lang``: their persons are left out of the person counts and N by
    person."""
    if count:
        text = msg("rep_unknown_persons", lang, file=source, count=count, id=first)
        warnings.warn(text, Note, stacklevel=stacklevel)


def report_forms(reviewed: Any, *, ruleset: Ruleset | str | Path | None = None, lang: Lang = "vi") -> dict[str, Form]:
    """The forms R1 and R4–R7 (docs/reports.md) of a classified or reviewed table, by id (``"r1"`` …):
    ``pr.report_forms``.

    ``reviewed`` is a DataFrame (every cell as the file writes it) or a ``dask.dataframe``: then each
    partition's counts per village and area are summed, added, and the rates taken from the sums —
    the same forms (docs/scale.md). Only these rows are read, not a review's not-reviewed file (its
    households that left, and those whose row the review rejected, which R1 counts as undetermined):
    report a review itself from its reviewed file or history. ``ruleset`` gives the indicator columns
    of R4–R7 (default: the table's ``ruleset`` column); ``lang`` (``"vi"``, the default as ``pr.classify``'s, or
    ``"en"``) of the note on households with a blank size, whose persons the forms leave out, and of its errors.
    """
    _check_lang(lang)
    with said_in(lang):
        if is_dask_frame(reviewed):
            try:
                return forms_dask(dask_index_read(reviewed), ruleset=ruleset, lang=lang)
            except ReportError as exc:  # a row of a folder's part file: named there
                raise _in_part_files(reviewed, exc) from None
        _check_table(reviewed, "reviewed", "<reviewed>")
        reviewed = unlabel_results(plain_arrow_columns(index_read(reviewed)), lambda f: ruleset_of(f, ruleset))
        review = from_reviewed(reviewed, ruleset=ruleset_of(reviewed, ruleset))
        inputs = FormInputs(review)  # what the forms read alike, read once
        forms = {form_id: form for form_id in PARTITION_FORMS if (form := FORMS[form_id](review, inputs)) is not None}
    _say_blank_sizes(*unknown_persons(review), lang=lang)
    return forms
