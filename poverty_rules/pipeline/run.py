"""Classifying a household table: normalize, derive flags from members, decide, build the result columns.

Households are classified in slices (bounded working memory, progress after each slice); within a
slice every step is column-wise. Files with ``previous_status`` / ``escaped_on`` also get
``transition`` and ``eligible_until`` (:func:`poverty_rules.review.transitions.stateless_transitions`).
Every job passes its :class:`~poverty_rules.pipeline.options.RunOptions` here.

What only some runs need is imported when one does (poverty_rules/_late.py): the durable engine for
``--engine durable`` (:data:`DURABLE`), the review against the history (:data:`REVIEW`: the history's
SQLite store and the review run) for :func:`run_review`; ``classify`` loads neither (docs/architecture.md,
"Start-up").
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._late import late_attribute
from ..data.ids import PLACE_COLUMNS, SeenCodes, row_units
from ..data.members import member_rows
from ..data.normalize import NamedPlaces, Normalized, TrimmedCodes, distinct_columns, header_in_rows, normalize
from ..data.read import SheetTable
from ..data.schema import (
    canonical_headers,
    header_score,
    member_column_headers,
    member_header_score,
    member_headers,
    names_household_code,
)
from ..engine.members import (
    MemberEvidence,
    apply_members,
    derives_from_members,
    in_units,
    member_evidence,
    member_notes,
    placed_units,
)
from ..engine.vectorized import decide
from ..errors import ArgumentError, InputError
from ..results.classification import Classification
from ..results.columns import result_columns
from ..review.transitions import stateless_transitions
from ..rules import expressions as ex
from ..rules.fields import HOUSEHOLD_FIELD_KINDS
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.day import parse_date
from .local import add_local
from .options import RunOptions

if TYPE_CHECKING:
    from ..review.history import HistoryStore, LatestRead
    from ..review.yearly import Review

#: The durable engine's front, imported only for ``--engine durable``.
DURABLE = "poverty_rules.engine.durable:decide_durable"

#: The review against the history, imported only by :func:`run_review`.
REVIEW = "poverty_rules.review.yearly:compare_with_history"

CHUNK_ROWS = 250_000


Run = Classification


def _options(options: RunOptions | None, changes: dict[str, Any]) -> RunOptions:
    """The options given, with keyword changes (the older keyword spelling of :func:`run`)."""
    if options is None:
        return RunOptions(**changes)
    return options.with_(**changes) if changes else options


def prepare(
    data: pa.Table | pd.DataFrame | SheetTable,
    ruleset: Ruleset,
    options: RunOptions,
    *,
    source: str = "<data>",
    members_source: str = "<members>",
    first_row: int = 0,
    seen: SeenCodes | None = None,
    first_rows: Callable[[], np.ndarray | None] | None = None,
    codes: Callable[[], TrimmedCodes | None] | None = None,
    say_figures: bool = True,
    places: NamedPlaces | None = None,
) -> Normalized:
    """Normalize a household table and, with members, derive their flags: the engine's input. Without
    members, the marks the household's own fields decide (``safe_water`` …) are derived from them
    (:func:`_from_fields`). ``places``: a review's, whose rows leaving a place blank beside rows naming one
    are rejected (:class:`~poverty_rules.data.normalize.NamedPlaces`).

    A members table without ``household_id`` is an :class:`~poverty_rules.errors.InputError` naming
    ``members_source`` and the column; notes about the members (unmatched rows, unreadable cells)
    join the household notes.
    """
    from_fields = _from_fields(ruleset, data) if options.members is None else frozenset()
    normalized = normalize(
        data,
        ruleset,
        source=source,
        blank_flags=options.blank_flags,
        lang=options.lang,
        first_row=first_row,
        seen=seen,
        first_rows=first_rows,
        codes=codes,
        say_figures=say_figures,
        derived=_derived_columns(ruleset) if options.members is not None else from_fields,
        review_date=options.review_date,
        places=places,
    )
    members = options.members
    if members is None and from_fields:
        _derive_from_fields(normalized, ruleset, options, source, from_fields)
        return normalized
    file_rows = members.rows if isinstance(members, SheetTable) else None  # a member row's row in the file
    ragged = members.ragged > 0 if isinstance(members, SheetTable) and members.ragged is not None else None
    if isinstance(members, SheetTable):  # a members file as read: its ragged rows kept as unknown, noted
        members, ragged_notes = member_rows(members, members_source, options.lang)
        normalized.notes.extend(ragged_notes)
    if members is not None:
        if isinstance(members, pd.DataFrame):  # a members DataFrame (a file's two headers of one name stop its reading)
            distinct_columns(members, members_source, options.lang)
        written = members.column_names if isinstance(members, pa.Table) else [str(c) for c in members.columns]
        members = _member_codes_named(members, members_source, options.lang)
        names = members.column_names if isinstance(members, pa.Table) else [str(c) for c in members.columns]
        if "household_id" not in names:
            if isinstance(members, pd.DataFrame):  # its header one of its rows (a title above it): say which
                header_in_rows(members, members_source, options.lang, _member_header_cells)
            raise InputError.of(W.texts("n_member_no_household_id", file=members_source))
        if not member_header_score(names) and header_score(names) > 1:
            # a file headed as a household list (area, income …), none of a members list's: the wrong file
            raise InputError.of(W.texts("n_member_no_member_columns", file=members_source))
        rules = ruleset.compiled().indicator_rules
        if not derives_from_members(ruleset):  # vn-2027-2030: thresholds not verified
            normalized.notes.append(W.msg("n_members_unused", options.lang, file=members_source, ruleset=ruleset.id))
        units = _member_units(normalized.frame, members)
        repeats = True if ragged is None else ragged  # a ragged row, its cells blanked, repeats none
        frame = apply_members(ruleset, normalized.frame, members, options.review_date, units, repeats)
        named = set(normalized.renamed.values())
        derivable = _derived_columns(ruleset)  # a column the standard derives nothing for was noted by normalize
        for ind in ruleset.indicators:  # a column neither given nor derived for anyone: say so, as without members
            if ind.column in derivable and ind.column not in named and len(frame) and frame[ind.column].isna().all():
                label = ind.label.get(options.lang)
                said = {"file": source, "column": ind.column, "label": label}
                lacking = _fields_lacking(frame, rules[ind.id])
                message = (
                    W.msg("n_no_column_fields", options.lang, **said, fields=", ".join(lacking))
                    if lacking
                    else W.msg("n_no_column_members", options.lang, **said)
                )
                normalized.notes.append(message)
                normalized.unknown_for_all[ind.column] = message
        frame.attrs.pop("member_notes", [])  # said again naming each column as the file heads it
        normalized.member_counts = frame.attrs.pop("member_counts", {})
        normalized.member_unmatched = frame.attrs.pop("member_unmatched", [])
        normalized.member_unreadable = frame.attrs.pop("member_unreadable", {})
        normalized.member_unreadable_rows = {  # a table's rows numbered as a file's, from 2 (its header row 1)
            column: int(file_rows[at]) if file_rows is not None else at + 2
            for column, at in frame.attrs.pop("member_unreadable_at", {}).items()
        }
        normalized.member_repeated = [  # a row pasted twice: still a person, the first ones named by their rows
            (int(file_rows[at]), int(file_rows[first]), code) if file_rows is not None else (at + 2, first + 2, code)
            for at, first, code in frame.attrs.pop("member_repeated_at", [])
        ]
        notes = member_notes(
            normalized.member_counts,
            normalized.member_unmatched,
            normalized.member_unreadable,
            member_column_headers(written),
            normalized.member_unreadable_rows,
            normalized.member_repeated,
        )
        normalized.notes.extend(f"{members_source}: {note[options.lang]}" for note in notes)
        normalized.member_source = members_source
        normalized.frame = frame
    return normalized


def members_behind(
    ruleset: Ruleset, frame: pd.DataFrame, position: int, options: RunOptions
) -> tuple[MemberEvidence, list[str], list[int]] | None:
    """The member rows behind the derived marks of the household at ``position`` of ``frame`` (as
    :func:`prepare` made it), for ``poverty-rules explain``: the evidence (:func:`member_evidence`), and
    for each of its rows the member's code as written (``""`` when blank) and its row in the officer's
    members file (0 when the members are a table, not a file). ``None`` without members."""
    members = options.members
    if members is None:
        return None
    file_rows: np.ndarray | None = None
    if isinstance(members, SheetTable):
        file_rows = members.rows
        members, _ = member_rows(members, "", options.lang)
    members = _member_codes_named(members)
    units = _member_units(frame, members)
    ids = frame["household_id"].astype(str).str.strip()
    shared = units is None and int((ids == ids.iloc[position]).sum()) > 1  # a code of several communes: joined to none
    within = None if units is None else (units[0], units[1].slice(position, 1))
    evidence = member_evidence(ruleset, frame.iloc[[position]], members, options.review_date, within, shared=shared)
    if "member_id" in (members.column_names if isinstance(members, pa.Table) else list(members.columns)):
        column = members["member_id"]  # the household's cells only: a members file may hold millions
        if isinstance(column, (pa.Array, pa.ChunkedArray)):
            cells = column.take(pa.array(evidence.rows, pa.int64())).to_pylist()
        else:
            cells = column.iloc[evidence.rows].tolist()
        codes = ["" if _blank_cell(cell) else str(cell).strip() for cell in cells]
    else:
        codes = [""] * len(evidence.rows)
    rows = [int(file_rows[i]) if file_rows is not None else 0 for i in evidence.rows]
    return evidence, codes, rows


def _blank_cell(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip()


def run(
    data: pa.Table | pd.DataFrame | SheetTable,
    ruleset: Ruleset,
    options: RunOptions | None = None,
    *,
    source: str = "<data>",
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    members_source: str = "<members>",
    first_row: int = 0,
    seen: SeenCodes | None = None,
    first_rows: Callable[[], np.ndarray | None] | None = None,
    codes: Callable[[], TrimmedCodes | None] | None = None,
    say_figures: bool = True,
    places: NamedPlaces | None = None,
    **option_values: Any,
) -> Run:
    """Check, normalize and classify a household table with one ruleset.

    ``options`` (or the same names as keywords: ``engine``, ``members``, ``blank_flags``, ``explain``,
    ``lang``, ``as_of``) say how. Households are classified in slices of ``chunk_rows`` (bounded
    working memory, progress after each slice); within a slice every step is column-wise. Notes about
    the members file (unmatched rows, unreadable cells) join the household notes. A batch of a
    streamed file passes ``first_row`` (its first row's 0-based position in the file) and ``seen``
    (the codes of earlier batches; see :mod:`poverty_rules.pipeline.stream`), or ``first_rows``,
    the duplicate check of this batch done beside it (:func:`poverty_rules.data.normalize.check_keys`), with
    ``codes``, the codes that check trimmed, and ``say_figures=False``: the notes from the batch's numbers
    are kept as figures for the file's (``Normalized.figures``;
    :class:`poverty_rules.pipeline.batch_notes.FileNotes`). ``places``: a review's
    (:class:`~poverty_rules.data.normalize.NamedPlaces`); the local standard beside the national one reads its
    rows without it (the national run's rejects decide).
    """
    opts = _options(options, option_values)
    normalized = prepare(
        data,
        ruleset,
        opts,
        source=source,
        members_source=members_source,
        first_row=first_row,
        seen=seen,
        first_rows=first_rows,
        codes=codes,
        say_figures=say_figures,
        places=places,
    )
    frame = normalized.frame
    review_date = opts.review_date
    compiled = ruleset.compiled()
    decide_with = late_attribute(DURABLE) if opts.engine == "durable" else decide
    parts = []
    decisions = None
    for start in range(0, max(len(frame), 1), chunk_rows):
        part = frame.iloc[start : start + chunk_rows].reset_index(drop=True)
        decisions, ctx = decide_with(compiled, part)
        parts.append(result_columns(compiled, decisions, ctx, explain=opts.explain, lang=opts.lang, as_of=review_date))
        if progress is not None:
            progress(min(start + chunk_rows, len(frame)))
    results = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    if "previous_status" in frame or "escaped_on" in frame:
        results = stateless_transitions(ruleset, frame, results, review_date)
    if "member_flag_sources" in frame:
        results["flag_sources"] = frame["member_flag_sources"].array  # categorical: no string per row
    out = Run(ruleset, normalized, results, decisions)
    local = opts.load_local()
    if local is not None:  # the local classification beside the national one (local_* columns)
        add_local(
            out,
            data,
            local,
            opts,
            run,
            say=say_figures,
            source=source,
            chunk_rows=chunk_rows,
            members_source=members_source,
            first_row=first_row,  # a partition's rows numbered as the file's: the first unread row named so
        )
    return out


def run_review(
    data: pa.Table | pd.DataFrame | SheetTable,
    ruleset: Ruleset,
    review_date: date | str,
    store: HistoryStore,
    commune: str | None = None,
    options: RunOptions | None = None,
    *,
    source: str = "<data>",
    progress: Callable[[int], None] | None = None,
    record: bool = True,
    members_source: str = "<members>",
    province_code: str | None = None,
    commune_code: str | None = None,
    history: Future[LatestRead | None] | None = None,
    **option_values: Any,
) -> Review:
    """The yearly review of a household table: classify it (:func:`run`) on ``review_date``, then
    compare every household with its history and record the review
    (:func:`poverty_rules.review.yearly.compare_with_history`). Each household's history is found
    by its commune unit and code (:mod:`poverty_rules.review.scope`): the file's ``province_code`` /
    ``commune_code`` columns (``Mã tỉnh``, ``Mã xã``), else ``province_code`` / ``commune_code``
    with the names, else the names, else ``commune``. ``history``: the history of the communes the file names, read in a
    thread (:func:`poverty_rules.review.history.read_latest`) while the table is classified, if started.
    A local standard given as ``ruleset`` is refused (:class:`ArgumentError`): the history keeps the national
    result, the local one beside it (``local=``), as ``review --local`` records them."""
    day = parse_date(review_date)
    opts = _options(options, option_values).with_(as_of=day)
    if ruleset.extends is not None:  # a local standard alone: the history keeps the national result (standard.md §1)
        raise ArgumentError.of(W.texts("rv_local_refused_library", ruleset=ruleset.label, name=ruleset.id))
    # a row leaving its commune or province blank beside rows naming one is rejected: the history keys households by
    # commune (review/scope.py); --commune-code places every row of a file without codes
    places = None if (commune_code or "").strip() else NamedPlaces()
    result = run(data, ruleset, opts, source=source, progress=progress, members_source=members_source, places=places)
    carry_codes(result.normalized, data)
    compare_with_history = late_attribute(REVIEW)
    review: Review = compare_with_history(
        result,
        day,
        store,
        commune,
        record=record,
        province_code=province_code,
        commune_code=commune_code,
        source=source,
        lang=opts.lang,
        rejected_places=rejected_places(result.normalized, data),
        prefetched=None if history is None else history.result(),
    )
    return review


_CODE_COLUMNS = ("province_code", "commune_code")


def _fields_lacking(frame: pd.DataFrame, rule: ex.Expr) -> list[str]:
    """The household fields ``rule`` reads (``wall_durable`` …, docs/members.md) that ``frame`` has no
    column for or leaves empty on every row, in the catalogue's order."""
    read = ex.variables(rule)
    return [name for name in HOUSEHOLD_FIELD_KINDS if name in read and (name not in frame or frame[name].isna().all())]


def _derived_columns(ruleset: Ruleset) -> frozenset[str]:
    """The indicator columns a members file fills where the household file has no mark (``deprived_when``)."""
    rules = ruleset.compiled().indicator_rules
    return frozenset(ind.column for ind in ruleset.indicators if ind.id in rules)


def _from_fields(ruleset: Ruleset, data: pa.Table | pd.DataFrame | SheetTable) -> frozenset[str]:
    """The indicator columns the household file's own fields fill where it has no mark, without a members
    list (docs/members.md "Household-level fields"): those whose ``deprived_when`` rule reads no member
    rows and reads a household field the file has (``deprived_water`` from ``safe_water`` …)."""
    rules = ruleset.compiled().indicator_rules
    if not rules or not ruleset.fields.household:
        return frozenset()
    table = data.table if isinstance(data, SheetTable) else data
    headers = table.column_names if isinstance(table, pa.Table) else [str(c) for c in table.columns]
    present = set(headers) & set(ruleset.fields.household)  # by their canonical names only (docs/members.md)
    if not present:
        return frozenset()
    sizes = "household_size" in headers  # persons(member): the household's own number of persons
    return frozenset(
        ind.column
        for ind in ruleset.indicators
        if ind.id in rules
        and not (ex.reads_member_rows(rules[ind.id]) or (ex.reads_members(rules[ind.id]) and not sizes))
        and ex.variables(rules[ind.id]) & present
    )


def _derive_from_fields(
    normalized: Normalized, ruleset: Ruleset, options: RunOptions, source: str, columns: frozenset[str]
) -> None:
    """Fill the blank marks of ``columns`` from the household's own fields (:func:`_from_fields`), as a
    members list with no rows would: the rules that read members stay unknown, and ``flag_sources``
    says which marks were derived. A column neither given nor derivable for anyone is noted."""
    frame = apply_members(ruleset, normalized.frame, _NO_MEMBERS, options.review_date)
    for key in (
        "member_notes",
        "member_counts",
        "member_unmatched",
        "member_unreadable",
        "member_unreadable_at",
        "member_repeated_at",
    ):
        frame.attrs.pop(key, None)
    named = set(normalized.renamed.values())
    for ind in ruleset.indicators:
        if ind.column in columns and ind.column not in named and len(frame) and frame[ind.column].isna().all():
            label = ind.label.get(options.lang)
            message = W.msg("n_no_column", options.lang, file=source, column=ind.column, label=label)
            normalized.notes.append(message)
            normalized.unknown_for_all[ind.column] = message
    normalized.frame = frame


_NO_MEMBERS = pa.table({"household_id": pa.array([], pa.string())})


def _member_units(frame: pd.DataFrame, members: pa.Table | pd.DataFrame) -> tuple[pa.Array, pa.Array] | None:
    """Each member row's and each household's commune unit (data/ids.py ``row_units``), from the place
    columns both tables have, when those include the commune (its code or its name): a code is then
    matched within its commune (docs/members.md "Household codes in a district"; a row placed in no
    commune by its code alone, :func:`~poverty_rules.engine.members.placed_units`). None otherwise."""
    names = members.column_names if isinstance(members, pa.Table) else [str(c) for c in members.columns]
    columns = [c for c in PLACE_COLUMNS if c in frame.columns and c in names]
    if "commune_code" not in columns and "commune" not in columns:
        return None

    def text(values: Any) -> pa.Array:
        if isinstance(values, pd.Series):
            try:
                array = pa.array(values, from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # cells of several types (1, "01"): each as written
                array = pa.array(values.map(lambda v: None if pd.isna(v) else str(v)), pa.string())
        else:
            array = values
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        return pc.fill_null(array.cast(pa.string()), "")

    of_members = {c: text(members[c] if isinstance(members, pd.DataFrame) else members.column(c)) for c in columns}
    of_households = {c: text(frame[c].reset_index(drop=True)) for c in columns}
    units = (
        row_units(of_members, members.num_rows if isinstance(members, pa.Table) else len(members)),
        row_units(of_households, len(frame)),
    )
    codes = members["household_id"] if isinstance(members, pd.DataFrame) else members.column("household_id")
    return placed_units(codes, frame["household_id"].reset_index(drop=True), units)


def placed_member_codes(
    places: list[str], members: pa.Table, codes: pa.Array | pa.ChunkedArray
) -> pa.Array | pa.ChunkedArray:
    """Member rows' household ``codes`` as the note on rows of no household names them: each placed in its
    commune (``'3' (Xã Nghi An)``) when both the household file (its place columns, canonical: ``places``) and
    the members table ``members`` name their communes, as :func:`prepare` matches and names them; else as they
    are. For rows of no household of the file (a streamed file's rows after its last household)."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in ("household_id", *places)})
    units = _member_units(frame, _member_codes_named(members))
    return codes if units is None else in_units(units[0], codes)


def _member_header_cells(cells: list[str]) -> int:
    """How many of a row's cells are a members list's headers, its household code's (``Mã hộ``) included."""
    return member_header_score(cells) + names_household_code(cells)


def _member_codes_named(
    members: pa.Table | pd.DataFrame, source: str = "<members>", lang: str = "en"
) -> pa.Table | pd.DataFrame:
    """A members table whose columns have their Vietnamese headers (``Mã hộ``, ``Ngày sinh``, ``Giới tính``
    …), with those columns named as docs/members.md names them (``household_id``, ``birth_date``, ``sex``)."""
    names = members.column_names if isinstance(members, pa.Table) else [str(c) for c in members.columns]
    renamed = member_headers(names, source=source, lang=lang)
    # the household code and the places, headed as a household file heads them (two headers of one: said in lang)
    household = canonical_headers(names, source=source, lang=lang)
    for wanted in ("household_id", *PLACE_COLUMNS):
        alias = next((h for h, canonical in household.items() if canonical == wanted and h != wanted), None)
        if wanted not in names and alias is not None and alias not in renamed:
            renamed[alias] = wanted
    if not renamed:
        return members
    if isinstance(members, pa.Table):
        return members.rename_columns([renamed.get(h, h) for h in names])
    return members.rename(columns={h: renamed[h] for h in names if h in renamed})


def _raw_column(data: pa.Table | pd.DataFrame | SheetTable, header: str, rows: np.ndarray) -> np.ndarray:
    """One input column's cells at ``rows`` (positions), as written (text objects; None where empty)."""
    table = data.table if isinstance(data, SheetTable) else data
    if isinstance(table, pa.Table):
        return table.column(header).take(pa.array(rows, pa.int64())).cast(pa.string()).to_numpy(zero_copy_only=False)
    return table[header].to_numpy(dtype=object)[rows]


def rejected_places(normalized: Normalized, data: pa.Table | pd.DataFrame | SheetTable) -> pd.DataFrame:
    """The code and place cells (canonical names) of the rows this run rejected, as written: the review
    finds the history of a known household whose row it rejected by its commune unit and code."""
    headers = {canonical: header for header, canonical in normalized.renamed.items()}
    rows = normalized.rejected
    columns: dict[str, Any] = {}
    for name in ("household_id", *PLACE_COLUMNS):
        if name in headers:
            values = pd.Series(_raw_column(data, headers[name], rows), dtype=object)
            columns[name] = values.where(values.notna(), "").astype(str).to_numpy(dtype=object)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def carry_codes(normalized: Normalized, data: pa.Table | pd.DataFrame | SheetTable) -> None:
    """Put the file's commune codes (``Mã tỉnh``, ``Mã xã``) on the accepted rows, as written (leading
    zeros kept), when the normalized frame does not carry them already."""
    headers = {canonical: header for header, canonical in normalized.renamed.items()}
    for name in _CODE_COLUMNS:
        if name not in headers or name in normalized.frame.columns:
            continue
        values = pd.Series(_raw_column(data, headers[name], normalized.accepted), dtype=object)
        normalized.frame[name] = values.where(values.notna(), "").to_numpy()
