"""The library calls: classify a table or one household (docs/design.md, "Library").

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> res = rs.classify_one(pr.Household(household_id="H1", area="rural", income_per_capita=1_200_000,
...     deprived={"employment": True, "water": True, "sanitation": True}))
>>> res.status, res.deprived
('poor', ['employment', 'water', 'sanitation'])
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import pyarrow as pa

from ._late import late_attribute
from .data.normalize import plain_arrow_columns
from .data.schema import COLUMN_ALIASES, GROUP_COLUMNS, canonical_headers, index_read, member_column_headers
from .engine.classes import Decisions
from .engine.evaluator import Context, new_context
from .engine.members import UNMATCHED, member_notes
from .engine.standards import load_ruleset
from .errors import ArgumentError, ArgumentTypeError, InputError, Note, RowErrors, said_in
from .models import Household, Result
from .pipeline import Engine, Lang, Run, RunOptions, prepare, run
from .pipeline.local import check_period
from .pipeline.options import one_of
from .results.columns import result_columns
from .results.tables import replaced_columns, replaced_note
from .review.scope import classified_twins_note, place_scope
from .review.transitions import stateless_transitions
from .rules.fields import HOUSEHOLD_FIELD_KINDS
from .rules.model import CompiledRuleset, Ruleset, register_library
from .vocabulary import words as W
from .vocabulary.choices import BlankFlags
from .vocabulary.day import parse_date
from .vocabulary.flags import read_flags


def _resolve(ruleset: Ruleset | str | Path | None, as_of: str | date | None) -> tuple[Ruleset, date | None]:
    on = parse_date(as_of, "as_of") if as_of is not None else None
    if isinstance(ruleset, Ruleset):
        return ruleset, on
    return load_ruleset(ruleset, as_of=on or date.today()), on


@dataclass(frozen=True)
class Classified:
    """A classified table and its rejects, as :func:`classify_table` returns them.

    Two values, ``rows, rejects = pr.classify_table(df)``, or by name. ``rows``: the input rows that could
    be classified, their columns unchanged, then the result
    columns (docs/design.md, "Output"); an input column named as a result column is left out, with a note, as
    ``classify`` leaves it out of its output. ``rejects``: one line per row that could not be classified —
    ``row`` (its spreadsheet row number: header = 1), ``household_id``, ``column``, ``reason``.
    ``notes``: what ``classify`` says as notes on the command line (a column left out, member rows of no
    household …), in the call's ``lang``; each is also issued as a :class:`poverty_rules.errors.Note`
    warning. Of a dask.dataframe, ``rows`` and ``rejects`` are lazy and ``notes`` are worked out when first
    read (then warned); of a folder of Parquet files read as it is (``dd.read_parquet("households/")``), each
    reject names its part file in a ``file`` column before ``row``, its row there, as ``classify --dask``; of
    several CSV files read as they are (``dd.read_csv(["xa.csv", "xb.csv"])``), its CSV file and its row there.
    """

    rows: pd.DataFrame
    rejects: pd.DataFrame
    notes: tuple[str, ...] = ()  # what the command line says as notes, in the call's lang (also warned: Note)

    @property
    def ok(self) -> bool:
        """True when every row was classified."""
        return len(self.rejects) == 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        """The two values, rows then rejects: ``rows, rejects = pr.classify_table(df)`` (the notes stay
        an attribute)."""
        return iter((self.rows, self.rejects))


class _ClassifiedOnDask(Classified):
    """:class:`Classified` of a dask.dataframe: lazy ``rows`` and ``rejects``, and ``notes`` worked out when
    first read (one pass of the classification over every partition, as computing ``rows`` is), each then
    issued as a :class:`poverty_rules.errors.Note` warning, as the plain path issues them."""

    _said: Callable[[], list[str]]
    _worked_out: tuple[str, ...] | None

    def __init__(self, rows: Any, rejects: Any, said: Callable[[], list[str]]) -> None:
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "rejects", rejects)
        object.__setattr__(self, "_said", said)
        object.__setattr__(self, "_worked_out", None)

    @property
    def notes(self) -> tuple[str, ...]:
        """What ``classify --dask`` says as notes of these rows, in the call's ``lang``."""
        if self._worked_out is None:
            notes = tuple(dict.fromkeys(self._said()))
            object.__setattr__(self, "_worked_out", notes)
            _warn(notes)
            return notes
        return self._worked_out

    @property
    def ok(self) -> bool:
        """True when every row was classified (computes the rejects)."""
        return len(self.rejects) == 0

    def __repr__(self) -> str:
        return f"Classified(rows={self.rows!r}, rejects={self.rejects!r})"


def _options(
    ruleset: Ruleset | str | Path | None,
    as_of: str | date | None,
    members: pa.Table | pd.DataFrame | None,
    engine: str,
    explain: bool,
    lang: str,
    blank_flags: str,
    local: Ruleset | str | Path | None = None,
) -> RunOptions:
    """The library's keyword arguments as run options, checked (``ValueError`` naming the allowed values)."""
    options = RunOptions(
        engine=engine,  # type: ignore[arg-type]
        members=members,
        blank_flags=blank_flags,  # type: ignore[arg-type]
        explain=explain,
        lang=lang,  # type: ignore[arg-type]
        as_of=as_of,  # type: ignore[arg-type]
        ruleset=ruleset,
        local=local,
    )
    options = options.with_(ruleset=options.load_ruleset(), local=options.load_local())
    _in_period(options)
    return options


def _in_period(options: RunOptions) -> None:
    """Refuse a local standard not in force on the review date, naming the library's ``as_of`` (the
    pipeline's own check names the command line's ``--as-of``)."""
    if isinstance(options.local, Ruleset):
        check_period(options.local, options.review_date, options.lang, option="as_of")


#: The Dask path (pipeline/dask.py, with pyarrow.dataset) and the durable engine, imported only by a call
#: that needs one: a dask.dataframe given, :func:`update_household` (docs/architecture.md, "Start-up").
_ON_DASK = "poverty_rules.pipeline.dask"
_RECLASSIFY = "poverty_rules.engine.durable:reclassify_in_session"


def _is_dask(data: object) -> bool:
    """A dask.dataframe (pipeline/dask.py ``is_dask_frame``), recognised without importing the Dask path for
    any other object: a pandas frame's classification never loads it."""
    return type(data).__module__.startswith("dask.") and late_attribute(f"{_ON_DASK}:is_dask_frame")(data)


def _classify_dask(households: Any, options: RunOptions) -> tuple[Any, Any]:
    """pipeline/dask.py ``classify_dask`` of a dask.dataframe, its index read as a column, and the files it
    was read from (``frame_part_files``: a folder of Parquet files; ``frame_csv_files``: several CSV files),
    each with its rows, each reject then named in its file; else an empty list."""
    parts = late_attribute(f"{_ON_DASK}:frame_part_files")(households)
    files = [] if parts else late_attribute(f"{_ON_DASK}:frame_csv_files")(households)
    classify_dask = late_attribute(f"{_ON_DASK}:classify_dask")
    index_read_dask = late_attribute(f"{_ON_DASK}:dask_index_read")
    on_dask = classify_dask(index_read_dask(households), options.ruleset, options, parts=parts, files=files)
    return on_dask, on_dask.parts


def classify_table(
    households: pd.DataFrame,
    *,
    ruleset: Ruleset | str | Path | None = None,
    as_of: str | date | None = None,
    members: pa.Table | pd.DataFrame | None = None,
    engine: Engine = "vectorized",
    explain: bool = False,
    lang: Lang = "vi",
    blank_flags: BlankFlags = "unknown",
    local: Ruleset | str | Path | None = None,
) -> Classified:
    """Classify a DataFrame of households; return the classified rows *and* the rejects (:class:`Classified`).

    Numeric and boolean columns are checked as they are (NaN = unknown; flags 0/1, True/False); text
    columns are read as a file's cells would be; a named index (``set_index("household_id")``) is read as
    its column, and the rows keep their index. ``engine`` is ``"vectorized"`` or ``"durable"``,
    ``lang`` ``"vi"`` or ``"en"``, ``blank_flags`` ``"unknown"`` or ``"not_deprived"``; anything else
    raises ``ValueError`` naming the allowed values. ``local`` (a :class:`Ruleset`, an id in
    ``rulesets/local/`` or a path) classifies every household a second time with that local standard
    and adds ``local_status``, ``local_deprived``, ``local_deprivation_count``, ``local_ruleset`` (and
    ``local_reason`` with ``explain``); the national columns stay as they are (docs/standard.md §1).
    A ``dask.dataframe`` gives two lazy dask.dataframes, computed by Dask's scheduler partition by partition
    (docs/scale.md; ``poverty-rules[dask]``), each column a ``pd.ArrowDtype``: the counts ``int64``, the other
    result columns text, the input columns with their own types where the frame's are Arrow's
    (``dd.read_parquet(…, dtype_backend="pyarrow")``), else as text.
    """
    with said_in(lang):
        if _is_dask(households):  # beyond one machine: lazy rows and rejects, Arrow-typed (docs/scale.md)
            options = _options(ruleset, as_of, members, engine, explain, lang, blank_flags, local)
            assert isinstance(options.ruleset, Ruleset)
            on_dask, _ = _classify_dask(households, options)  # a folder's rows named in their files
            return _ClassifiedOnDask(on_dask.rows, on_dask.rejects, lambda: _dask_notes(on_dask, options))
        if not isinstance(households, pd.DataFrame):
            raise ArgumentTypeError.of(W.texts("arg_not_frame", kind=type(households).__name__))
        _one_header_level(households, "<data>")
        households = plain_arrow_columns(households)  # Arrow's string_view (polars'): string, rows taken below
        if isinstance(members, pd.DataFrame):
            _one_header_level(members, "<members>")
            members = plain_arrow_columns(index_read(members))
        options = _options(ruleset, as_of, members, engine, explain, lang, blank_flags, local)
        assert isinstance(options.ruleset, Ruleset)
        with _library_words():
            r = run(index_read(households), options.ruleset, options)
    out = households.iloc[r.normalized.accepted]
    # an input column a result column replaces goes, and the result columns come after the input's, with
    # the command line's note (results/tables.py ``classified_table``)
    clash = replaced_columns([c for c in out.columns if isinstance(c, str)], r.results.columns, r.normalized.renamed)
    out = out.drop(columns=clash) if clash else out.copy()
    for column in r.results.columns:
        out[column] = r.results[column].to_numpy()
    rejects = r.normalized.rejects.drop(columns="_pos", errors="ignore").reset_index(drop=True)
    replaced = [replaced_note("<data>", clash, options.lang)] if clash else []
    replaced += classified_twins_note([place_scope(r.normalized.frame)], source="<data>", lang=options.lang)
    notes = tuple(dict.fromkeys(W.for_library(note) for note in [*r.normalized.notes, *replaced]))
    _warn(notes)
    return Classified(out, rejects, notes)


@contextmanager
def _library_words() -> Iterator[None]:
    """An error of the run said as the library says it: each command-line option it advises named as the
    call's argument (``members= takes a table of one row per person``, not ``--members``: words.py
    ``for_library``), in every language it carries."""
    try:
        yield
    except InputError as exc:
        if exc.texts:
            exc.texts = {lang: W.for_library(text) for lang, text in exc.texts.items()}
            exc.args = (exc.texts.get("en", W.for_library(str(exc))), *exc.args[1:])
        raise


def _one_header_level(frame: pd.DataFrame, name: str) -> None:
    """Refuse a frame whose columns have more than one header level (a MultiIndex: ``read_excel(header=[0,
    1])``, a pivot), naming it and saying how to give one header per column: its columns were read as
    tuples and said missing ("missing column household_id …" of a frame that shows it)."""
    if isinstance(frame.columns, pd.MultiIndex):
        example = repr(frame.columns[0]) if len(frame.columns) else "()"
        texts = W.texts("frame_column_levels", name=name, levels=frame.columns.nlevels, example=example)
        raise InputError.of(texts)


def _dask_notes(on_dask: Any, options: RunOptions, partitions: pd.DataFrame | None = None) -> list[str]:
    """The notes of a dask.dataframe's classification, computed: those ``classify --dask`` says of a file (empty
    rows skipped, the notes from the numbers, rows the local standard could not read, columns replaced).
    ``partitions``: its partitions' notes computed already (else computed here)."""
    source = "<data>"
    blank = [W.msg("blank_rows", options.lang, file=source, count=on_dask.blank_rows)] if on_dask.blank_rows else []
    with said_in(options.lang):
        computed = on_dask.notes.compute() if partitions is None else partitions
        file_notes = late_attribute(f"{_ON_DASK}:file_notes")
        return [W.for_library(note) for note in [*blank, *file_notes(computed, on_dask, options, source)]]


def _said_on_dask(
    on_dask: Any, options: RunOptions, *, raising: bool, files: bool = False, households: Any = None
) -> None:
    """What :func:`classify` of a pandas frame says at the call, said of a dask.dataframe's classification:
    its notes issued as :class:`Note` warnings and, when ``raising``, its rejects raised as
    :class:`RowErrors` (``.classified``: the lazy rows; ``files``: each reject names its part file). The notes
    and the rejects come from one pass over the partitions (the three outputs of one task per partition); the
    rows stay lazy. ``households``: the dask.dataframe classified, whose rejects are read again in English when
    the error's English message is asked for (``RowErrors.in_lang("en")``, a call in another language: another
    pass over the partitions, then only), as :func:`classify` of a pandas frame reads its table again."""
    import dask

    if raising:
        partitions, rejects = dask.compute(on_dask.notes, on_dask.rejects)
    else:
        partitions, rejects = on_dask.notes.compute(), None
    _warn(tuple(dict.fromkeys(_dask_notes(on_dask, options, partitions))))
    if rejects is not None and len(rejects):
        english = None
        if options.lang != "en" and households is not None:

            def english() -> pd.DataFrame:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    again, _ = _classify_dask(households, options.with_(lang="en"))
                    return again.rejects.compute().reset_index(drop=True)

        raise _row_errors(rejects.reset_index(drop=True), options.lang, on_dask.rows, files=files, english=english)


def _warn(notes: tuple[str, ...]) -> None:
    """Each note as a :class:`Note` warning, pointing at the first caller outside this package (the user's
    line, whether it called :func:`classify` or :func:`classify_table`): a notebook shows them under the
    cell, as the command line says its notes."""
    level, frame = 1, sys._getframe(0)
    while frame.f_back is not None and _ours(str(frame.f_globals.get("__name__", ""))):
        frame, level = frame.f_back, level + 1
    for said in notes:
        warnings.warn(said, Note, stacklevel=level)


def _ours(module: str) -> bool:
    return module == __package__ or module.startswith(f"{__package__}.")


def classify(
    households: pd.DataFrame,
    *,
    ruleset: Ruleset | str | Path | None = None,
    as_of: str | date | None = None,
    members: pa.Table | pd.DataFrame | None = None,
    engine: Engine = "vectorized",
    explain: bool = False,
    lang: Lang = "vi",
    blank_flags: BlankFlags = "unknown",
    errors: Literal["raise", "drop"] = "raise",
    local: Ruleset | str | Path | None = None,
) -> pd.DataFrame:
    """Classify a DataFrame of households: the input columns unchanged, then the result columns (docs/design.md,
    "Library" and "Output").

    The standard is ``ruleset`` (a :class:`Ruleset`, an id or a path) or else the one in force on
    ``as_of`` (default today). Rows that cannot be classified raise :class:`RowErrors`, which carries
    ``.rejects`` and the ``.classified`` other rows (``errors="raise"``), or are left out
    (``errors="drop"``); :func:`classify_table` returns both. Arguments as for :func:`classify_table`.
    A dask.dataframe gives its lazy rows; its notes (warned) and its rejects (raised) are said at the call,
    from one pass over its partitions (docs/scale.md).
    """
    if errors not in ("raise", "drop"):
        with said_in(lang):
            raise ArgumentError.of(one_of("errors", errors, ("raise", "drop")))
    if _is_dask(households):  # lazy rows; the notes said and the rejects raised as of a pandas frame
        with said_in(lang):
            options = _options(ruleset, as_of, members, engine, explain, lang, blank_flags, local)
            assert isinstance(options.ruleset, Ruleset)
            on_dask, parts = _classify_dask(households, options)
            _said_on_dask(on_dask, options, raising=errors == "raise", files=bool(parts), households=households)
        return on_dask.rows
    result = classify_table(
        households,
        ruleset=ruleset,
        as_of=as_of,
        members=members,
        engine=engine,
        explain=explain,
        lang=lang,
        blank_flags=blank_flags,
        local=local,
    )
    if len(result.rejects) and errors == "raise":
        english = None
        if lang != "en":

            def english() -> pd.DataFrame:
                return _rejects_in_english(households, ruleset, as_of, members, blank_flags)

        with said_in(lang):
            raise _row_errors(result.rejects, lang, result.rows, english=english)
    return result.rows


def _rejects_in_english(
    households: pd.DataFrame,
    ruleset: Ruleset | str | Path | None,
    as_of: str | date | None,
    members: pa.Table | pd.DataFrame | None,
    blank_flags: BlankFlags,
) -> pd.DataFrame:
    """The rejects of a table :func:`classify` refused in another language, read again in English: its cells
    checked as :func:`classify_table` checks them (not classified), for ``RowErrors.in_lang("en")``."""
    if isinstance(members, pd.DataFrame):
        members = plain_arrow_columns(index_read(members))
    options = _options(ruleset, as_of, members, "vectorized", False, "en", blank_flags, None)
    assert isinstance(options.ruleset, Ruleset)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return prepare(index_read(plain_arrow_columns(households)), options.ruleset, options).rejects


def classify_one(
    household: Household,
    *,
    ruleset: Ruleset | str | Path | None = None,
    as_of: str | date | None = None,
    engine: Engine = "vectorized",
    members: pa.Table | pd.DataFrame | None = None,
    local: Ruleset | str | Path | None = None,
    lang: Lang = "vi",
) -> Result:
    """Classify one household (docs/design.md, "Library"); the result carries its reason in both languages
    (``.explain(lang)``); an error is said in ``lang`` (``"vi"`` or ``"en"``).

    ``local`` (a :class:`Ruleset`, an id in ``rulesets/local/`` or a path) classifies the household a
    second time with that local standard, as ``classify(local=…)`` does for its ``local_*`` columns:
    the national result stays as it is and ``.local`` holds the local one (status, deprived,
    deprivation_count, ruleset, reasons in both languages) — ``None`` when the local standard cannot
    read the household. A local standard not in force on ``as_of`` raises
    :class:`~poverty_rules.errors.InputError`. ``household.deprived`` may mark the local standard's
    own indicators (the national classification does not read them).

    >>> import poverty_rules as pr
    >>> marks = {i.id: i.id == "employment" for i in pr.load_ruleset("vn-2022-2026").indicators}  # 1 of 12
    >>> household = pr.Household(household_id="H2", area="rural", income_per_capita=1_600_000, deprived=marks)
    >>> res = pr.classify_one(household, as_of="2025-12-01", local="example-bac-ninh-2025")
    >>> res.status, res.local.status, res.local.ruleset
    ('average', 'near_poor', 'vn-2022-2026@...+example-bac-ninh-2025@...')
    """
    if lang not in ("vi", "en"):
        raise ArgumentError.of(one_of("lang", lang, ("vi", "en")))
    with said_in(lang):
        if not isinstance(household, Household):
            raise ArgumentTypeError.of(W.texts("arg_not_household", kind=type(household).__name__))
        return _classify_one(household, ruleset, as_of, engine, members, local, lang, notes=True)


def _classify_one(
    household: Household,
    ruleset: Ruleset | str | Path | None,
    as_of: str | date | None,
    engine: Engine,
    members: pa.Table | pd.DataFrame | None,
    local: Ruleset | str | Path | None,
    lang: Lang,
    *,
    notes: bool = False,
) -> Result:
    """One household classified (and by ``local``); ``notes``: warn what ``classify`` says of a members
    table given (cells it cannot read; rows of no household only when none is the household's: a whole
    members table given for one household uses its rows quietly), or of the household's own members (an
    age the review date makes impossible), in ``lang``."""
    rs, on = _resolve(ruleset, as_of)
    options = RunOptions(engine=engine, explain=True, lang="vi", as_of=on, ruleset=rs, local=local)
    options = options.with_(local=options.load_local())
    _in_period(options.with_(lang=lang))
    local_rs = options.local if isinstance(options.local, Ruleset) else None
    household.check_indicators(rs, *([local_rs] if local_rs is not None else []))
    frame = pd.DataFrame([household.to_row()])
    given = members is not None  # a table of the caller's (not the household's own members)
    if members is None:
        members = household.members_frame()
    elif isinstance(members, pd.DataFrame):  # a named index (household_id) is a column, as classify reads it
        members = plain_arrow_columns(index_read(members))
    if "score_a" in frame and frame["score_a"].isna().all():
        frame["score_a"] = np.nan
    with _library_words():
        r_vi = run(frame, rs, options.with_(members=members))
    if notes and isinstance(members, pd.DataFrame | pa.Table):  # said as classify says them
        # the household's own members: only an age the review date makes impossible (born after it, over
        # 120) is unreadable there, named by its cell (no table row to name)
        n = r_vi.normalized
        written = members.column_names if isinstance(members, pa.Table) else [str(c) for c in members.columns]
        headers = member_column_headers(written)
        rows = n.member_unreadable_rows if given else None
        # a row pasted twice: a table's rows named as a file's, the household's own members by their number
        repeated = (
            n.member_repeated if given else [(row - 1, first - 1, code) for row, first, code in n.member_repeated]
        )
        pair = "member_repeated_pair" if given else "member_repeated_listed"
        counts = n.member_counts
        if given and 0 < counts.get(UNMATCHED, 0) < (
            members.num_rows if isinstance(members, pa.Table) else len(members)
        ):
            # a whole members table for one household: its own rows are used, the others' are not a fault
            counts = {key: count for key, count in counts.items() if key != UNMATCHED}
        said = member_notes(counts, n.member_unmatched, n.member_unreadable, headers, rows, repeated, pair)
        said_as = W.for_library if given else str  # a table the caller passed: named the members table
        _warn(tuple(said_as(f"<members>: {note[lang]}") for note in said))
    if len(r_vi.normalized.rejects):  # worded in ``lang`` too (the reasons are read in Vietnamese first)
        in_english = options.with_(members=members, lang="en")
        if lang == "en":
            r_vi = run(frame, rs, in_english)

        def english() -> pd.DataFrame:
            return prepare(frame, rs, in_english).rejects

        raise _row_errors(
            r_vi.normalized.rejects, lang, household=household.household_id, english=english if lang != "en" else None
        )
    assert r_vi.decisions is not None
    r_en = result_columns(rs.compiled(), r_vi.decisions, _context(rs, r_vi), explain=True, lang="en")
    row = cast(dict[str, Any], r_vi.results.iloc[0].to_dict())
    reasons = {"vi": row["reason"], "en": r_en["reason"].iloc[0]}
    result = Result.from_output_row(household.household_id, row, reasons, [d.id for d in rs.designations])
    if local_rs is None or not row.get("local_status"):
        return result
    # the pipeline checked the local standard's period and read the household with it (local_* columns);
    # the local result in full, reasons in both languages, is that household classified by the local standard
    local_ids = {ind.id for ind in local_rs.indicators}  # marks of national indicators it removed: not read
    own = household.model_copy(update={"deprived": {k: v for k, v in household.deprived.items() if k in local_ids}})
    local_result = _classify_one(own, local_rs, on, engine, members, None, lang)
    return result.model_copy(update={"local": local_result})


def _context(rs: Ruleset, r: Run) -> Context:
    return new_context(rs.compiled(), r.normalized.frame)


def _result(
    compiled: CompiledRuleset,
    decisions: Decisions,
    ctx: Context,
    hid: str,
    on: date | None = None,
    frame: pd.DataFrame | None = None,
) -> Result:
    """A :class:`poverty_rules.Result` from one household's decisions (the shared output builder) on
    review date ``on`` (a designation not yet in force then is left empty); ``frame``: its normalized row,
    whose ``previous_status`` / ``escaped_on`` give its transition and support window, as :func:`classify_one`
    gives them."""
    tables = {
        lang: result_columns(compiled, decisions, ctx, explain=True, lang=lang, as_of=on) for lang in ("vi", "en")
    }
    moved: dict[str, Any] = {}
    if frame is not None and ("previous_status" in frame or "escaped_on" in frame):
        with_moves = stateless_transitions(compiled.ruleset, frame.reset_index(drop=True), tables["vi"], on)
        moved = {c: with_moves[c].iloc[0] or None for c in ("transition", "eligible_until")}
    cols = {lang: table.iloc[0] for lang, table in tables.items()}
    row = cols["vi"]
    rs = compiled.ruleset
    designations = {d.id: (None if row.get(d.id, "") == "" else row[d.id] == "1") for d in rs.designations}
    return Result(
        household_id=hid,
        status=row["status"],
        deprivation_count=int(row["deprivation_count"]),
        deprived=[d for d in row["deprived"].split(";") if d],
        decided_by=row["decided_by"],
        ruleset=row["ruleset"],
        undetermined_by=[d for d in row["undetermined_by"].split(";") if d],
        designations=designations,
        reasons={"vi": row["reason"], "en": cols["en"]["reason"]},
        **moved,
    )


def _as_row(household: Any) -> dict[str, Any]:
    """The record as one row: a :class:`Household`, a dict or a table's row (``pd.Series``); anything else
    raises :class:`ArgumentTypeError` (a ``TypeError``), in vi and en."""
    if hasattr(household, "to_row"):
        return dict(household.to_row())
    if isinstance(household, pd.Series):
        return cast(dict[str, Any], household.to_dict())
    if not isinstance(household, Mapping):
        raise ArgumentTypeError.of(W.texts("arg_not_record", kind=type(household).__name__))
    return dict(household)


def _flag(value: Any) -> Any:
    return (1.0 if value else 0.0) if isinstance(value, bool) else value


def _apply_changes(rs: Ruleset, row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Apply changes given by column (``deprived_water``), by indicator id (``water``) or as ``deprived={…}``.

    A change the record cannot take — a mark of an indicator ``rs`` does not have, or a name that is
    neither one of its indicators, nor a column of a household file (docs/input.md, docs/members.md)
    nor one of the record's — raises ``ValueError`` naming the indicators (it changed nothing, silently).
    """
    ids = [ind.id for ind in rs.indicators]
    fields = {*COLUMN_ALIASES, *HOUSEHOLD_FIELD_KINDS, *row}
    headed = _headed_as(rs, row)

    def refuse(name: str) -> ArgumentError:
        return ArgumentError.of(W.texts("arg_not_change", name=repr(name), ruleset=rs.id, ids=", ".join(ids)))

    new = dict(row)
    for key, value in changes.items():
        if key == "deprived" and isinstance(value, dict):
            for ind, flag in value.items():
                if ind not in ids:
                    raise refuse(ind)
                new[headed.get(f"deprived_{ind}", f"deprived_{ind}")] = _flag(flag)
        elif key in ids:
            new[headed.get(f"deprived_{key}", f"deprived_{key}")] = _flag(value)
        elif key.startswith("deprived_"):
            if key.removeprefix("deprived_") not in ids:
                raise refuse(key)
            new[headed.get(key, key)] = _flag(value)
        elif key in fields:
            new[headed.get(key, key)] = value
        else:
            raise refuse(key)
    return new


def _headed_as(rs: Ruleset, row: dict[str, Any]) -> dict[str, str]:
    """Each column a record's row gives under a header of the household file (``Thu nhập bình quân``,
    ``Nguồn nước sinh hoạt`` …), mapped to that header: a change to ``income_per_capita`` or ``water`` of a
    row read from an officer's file replaces its cell there, not a second column of the same meaning. A
    row that names one column twice is left to the classification, which says so."""
    try:
        named = canonical_headers([k for k in row if isinstance(k, str)], rs)
    except InputError:
        return {}
    return {column: header for header, column in named.items()}


def _code_of(rs: Ruleset, row: dict[str, Any]) -> str:
    """The household's code in a record's row, under ``household_id`` or a header of the file (``Mã hộ``)."""
    code = row.get(_headed_as(rs, row).get("household_id", "household_id"), "")
    if isinstance(code, float) and code.is_integer():  # from a column of numbers: 101, not 101.0
        return str(int(code))
    return "" if code is None or (isinstance(code, float) and np.isnan(code)) else str(code)


def _plain(value: Any) -> Any:
    """A cell of the normalized record as a plain Python value: None for a blank, a numpy scalar as its
    Python int, float or bool (so a summary is written by ``json.dumps`` as it is)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


#: The record's yes/no columns carried as written (the reports' groups and farm households): given as booleans.
_YES_NO_FIELDS = frozenset({"farm_household", *(c for c in GROUP_COLUMNS if c != "ethnicity")})


def _field_value(column: str, value: Any) -> Any:
    """A field of the normalized record as the summary gives it: ``household_size``, carried as written,
    as its number of persons (``4``, not ``'4'``), a yes/no column as True / False, as the record's marks
    are numbers; a cell that is not one (``'ba'``) as it was written; every other field as :func:`_plain`."""
    plain = _plain(value)
    if not isinstance(plain, str) or not plain.strip():
        return plain
    if column == "household_size":
        number = pd.to_numeric(pd.Series([plain.strip().replace(",", ".")]), errors="coerce").iloc[0]
        if pd.isna(number):
            return plain
        return int(number) if float(number).is_integer() else float(number)
    if column in _YES_NO_FIELDS:
        values, unreadable = read_flags([plain])
        return plain if unreadable[0] or np.isnan(values[0]) else bool(values[0])
    return plain


def _normalize_one(
    ruleset: Ruleset,
    row: dict[str, Any],
    members: pd.DataFrame | None = None,
    on: date | None = None,
    lang: Lang = "en",
) -> pd.DataFrame:
    """One household's row read as :func:`classify_one` reads it: its marks derived from ``members`` and
    its household-level fields at the review date ``on`` where the row gives none. A cell it cannot read
    raises :class:`RowErrors` worded in ``lang``."""
    frame = pd.DataFrame([row])
    for col in frame.columns:
        if frame[col].isna().all():
            frame[col] = frame[col].astype("object")
    norm = prepare(frame, ruleset, RunOptions(members=members, as_of=on, lang=lang))
    if len(norm.rejects):

        def english() -> pd.DataFrame:
            return prepare(frame, ruleset, RunOptions(members=members, as_of=on, lang="en")).rejects

        raise _row_errors(
            norm.rejects, lang, household=_code_of(ruleset, row), english=english if lang != "en" else None
        )
    return norm.frame


def _row_errors(
    rejects: pd.DataFrame,
    lang: str,
    classified: pd.DataFrame | None = None,
    *,
    household: str | None = None,
    files: bool = False,
    english: Callable[[], pd.DataFrame] | None = None,
) -> RowErrors:
    """:class:`RowErrors` for these rejects, worded in English (``str()``) and in ``lang``, the language
    of their reasons (``exc.in_lang(lang)`` gives it whole in ``lang``). ``household``: the code of the one
    household given as a record (:func:`classify_one`, :func:`update_household`), which the message names
    instead of a table's row; ``files``: each reject names its part file in a ``file`` column (a dask.dataframe
    read from a folder of Parquet files), which the message names with its row. ``english``: the same rejects
    read in English (their reasons), asked for when the English message is (``RowErrors.in_lang("en")``)."""

    def worded(words: str, said: pd.DataFrame = rejects) -> str:
        if household is not None:
            reason = " | ".join(str(r) for r in said["reason"])
            return W.msg("household_error", words, household=household, reason=reason)
        shown = said.head(3).to_dict("records")
        rows = "; ".join(W.msg("row_error", words, row=_row_named(r, words, files), reason=r["reason"]) for r in shown)
        more = W.msg("row_errors_more", words, n=len(said) - 3) if len(said) > 3 else ""
        return W.msg("row_errors", words, n=len(said), rows=rows, more=more)

    def in_english() -> str:
        assert english is not None
        again = english()
        same = len(again) == len(rejects) and list(again["row"]) == list(rejects["row"])
        return worded("en", again if same else rejects)  # the same rows, else as the call said them

    public = rejects.drop(columns="_pos", errors="ignore")  # the engine's own position: not the caller's
    return RowErrors(public, {"en": worded("en"), lang: worded(lang)}, classified, in_english if english else None)


def _row_named(reject: Mapping[Any, Any], lang: str, files: bool) -> Any:
    """A reject's row as a message names it: its number, and with ``files`` its part file (a dask.dataframe
    read from a folder of Parquet files: ``4 of households/part.2.parquet``)."""
    if files:
        return W.msg("row_of_file", lang, row=reject["row"], file=reject["file"])
    return reject["row"]


def update_household(
    ruleset: Ruleset | str | Path | None,
    household: Any,
    changes: dict[str, Any],
    as_of: str | date | None = None,
    *,
    lang: Lang = "vi",
) -> tuple[Result, dict[str, Any]]:
    """Re-classify one household after a change to its record (regular review, docs/standard.md §5), in its durable
    session (the durable engine's path for records that change during the year: docs/design.md, "Two engines").

    ``household`` is a :class:`poverty_rules.Household` or one row (dict / Series) of a household
    table, as it was before the change; ``changes`` maps fields to new values (``income_per_capita``,
    ``score_a``, ``deprived_water`` or ``water`` → True/False/None, or ``deprived={…}``). The record is
    read as :func:`classify_one` reads it on ``as_of`` (default today): marks left empty are derived from
    a :class:`~poverty_rules.Household`'s members and household-level fields. The
    household's durable-rules session (opened on first use, kept for later updates) has its facts
    retracted and the changed household fact asserted; the chain fires again. Other households'
    sessions are not touched.

    Returns the new :class:`~poverty_rules.Result` and a summary: status before/after, deprived
    indicators added/removed, decided_by before/after, the fields that changed (plain values: the household
    size a number of persons, a yes/no field True / False, a number a float). A cell the record
    cannot take (``income_per_capita="abc"``) raises :class:`RowErrors`, and a ruleset that cannot be
    loaded :class:`RulesetError`, said in ``lang`` (``"vi"`` or ``"en"``), as :func:`classify_one` says them.
    """
    if lang not in ("vi", "en"):
        raise ArgumentError.of(one_of("lang", lang, ("vi", "en")))
    with said_in(lang):
        if not isinstance(changes, Mapping):
            raise ArgumentTypeError.of(W.texts("arg_not_changes", kind=type(changes).__name__))
        rs, on = _resolve(ruleset, as_of)
        on = on or date.today()  # the review date
        if isinstance(household, Household):  # marks of another standard's indicators refused, as classify_one does
            household.check_indicators(rs)
        before_row = _as_row(household)
        members = household.members_frame() if isinstance(household, Household) else None
        before_frame = _normalize_one(rs, before_row, members, on, lang)
        after_frame = _normalize_one(rs, _apply_changes(rs, before_row, changes), members, on, lang)
    compiled = rs.compiled()
    hid = _code_of(rs, before_row)
    reclassify_in_session = late_attribute(_RECLASSIFY)  # the durable engine: only this call needs it
    (before_dec, before_ctx), (after_dec, after_ctx) = reclassify_in_session(compiled, hid, before_frame, after_frame)
    before = _result(compiled, before_dec, before_ctx, hid, on, before_frame)
    after = _result(compiled, after_dec, after_ctx, hid, on, after_frame)
    fields = {}
    for col in after_frame.columns:
        if col == "member_flag_sources":  # where each mark came from, not a field of the record
            continue
        old = before_frame[col].iloc[0] if col in before_frame else None
        new = after_frame[col].iloc[0]
        same = (pd.isna(old) and pd.isna(new)) if not isinstance(old, str) else old == new
        if not same and not (isinstance(old, float) and isinstance(new, float) and old == new):
            fields[col] = (_field_value(col, old), _field_value(col, new))
    summary = {
        "household_id": hid,
        "status_before": before.status,
        "status_after": after.status,
        "status_changed": before.status != after.status,
        "deprived_added": [d for d in after.deprived if d not in before.deprived],
        "deprived_removed": [d for d in before.deprived if d not in after.deprived],
        "decided_by_before": before.decided_by,
        "decided_by_after": after.decided_by,
        "undetermined_by_before": before.undetermined_by,
        "undetermined_by_after": after.undetermined_by,
        "fields_changed": fields,
    }
    return after, summary


register_library(classify=classify, classify_one=classify_one)
