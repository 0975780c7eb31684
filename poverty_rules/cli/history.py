"""``poverty-rules eligible`` and ``history`` (import, list, show, undo, recode): the review cycle's history.

Households recognized as having escaped poverty keep support for 36 months (Quyết định 90/QĐ-TTg
2022): ``eligible`` lists who is supported on a date. The history of every review lives in one SQLite
file (``--db``, :mod:`poverty_rules.review.history`); ``history`` imports a commune's earlier lists
into it, lists its reviews, shows one, and undoes one. ``review`` itself is cli/review.py (the
command) and cli/_reviewing.py (its work).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click
import pandas as pd

from ..data.outputs import check_distinct, check_history_writable, check_output, writing
from ..data.read import read_table, refuse_extra_cells
from ..data.schema import canonical_headers
from ..data.write import write_table
from ..engine.standards import available, load_ruleset
from ..errors import HistoryError, PovertyRulesError
from ..results.labels import label_results
from ..review.history import IMPORTED_RULESET, HistoryStore, undated_escapes
from ..review.scope import later_reviews
from ..review.transitions import TRANSITION_LABELS, programme
from ..review.window import escape_programmes
from ..review.yearly import eligible
from ..rules.model import Programme, Ruleset
from ..vocabulary import words as L
from ..vocabulary.dates import to_day_array
from ..vocabulary.status_ids import STATUSES
from ..vocabulary.text import fold
from ._base import WordedPath, new_table, quiet_option, stdout, summary
from ._common import (
    CONTEXT,
    DATE,
    GuardedCommand,
    GuardedGroup,
    choose_ruleset,
    empty_file,
    escape,
    fail,
    group_lang_option,
    input_options,
    lang_option,
    leftover_notes,
    note,
    ruleset_option,
    say_old_leaving_movements,
)
from ._output import xlsx_notes
from .review import db_option, file_option

_TOTAL_LABEL = L.TOTAL

#: Columns never written as numbers in a spreadsheet (``-o list.xlsx``): codes such as 001 keep their zeros.
_ID_COLUMNS = frozenset({"household_id", "village", "commune", "province", "province_code", "commune_code"})


def open_history(db: Path, lang: str, *, read_only: bool = False) -> HistoryStore:
    """Open the history file or stop with exit code 2 (``read_only``: a command that only reads it, which
    reads an older version on a read-only disk without writing it: :class:`HistoryStore`)."""
    try:
        return HistoryStore(db, read_only=read_only)
    except HistoryError as exc:
        fail(exc.in_lang(lang))


def existing_history(db: Path, lang: str, *, read_only: bool = False) -> HistoryStore:
    """Open a history file that must exist already (list, show, undo, eligible); an empty file (0 bytes, a
    copy cut short) is refused as no history, never given a schema and read as a history of no review.
    ``read_only``: as :func:`open_history`'s."""
    if not db.exists():
        fail(L.msg("h_no_file", lang, db=db))
    if empty_file(db):
        fail(L.msg("h_empty_file", lang, db=db))
    return open_history(db, lang, read_only=read_only)


def refuse_empty_history(db: Path, lang: str) -> None:
    """Stop before any work when the history a review or ``history import`` records into is an empty file (0
    bytes, a copy cut short): SQLite would take it for a new history, every earlier review's status lost without
    a word. A missing file is still a new history."""
    if empty_file(db):
        fail(L.msg("h_empty_new", lang, db=db))


def check_list_output(output: Path | None, db: Path, lang: str) -> None:
    """Stop before any work when ``-o`` cannot be written, or names the history file itself (writing
    the list over it would destroy every recorded review): data/outputs.py's checks, as ``review``
    makes them."""
    if output is None:
        return
    check_distinct({"database": db}, {"output": output}, lang)
    check_output(output, lang)


def _say_leftovers(output: Path | None, lang: str) -> None:
    """Remove what a run killed while it wrote ``output`` left beside it (:func:`leftover_notes`) and say so."""
    for said in leftover_notes((output,), lang) if output is not None else []:
        note(said)


def _scopes(store: HistoryStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every review's scope (:meth:`HistoryStore.scopes`), and those of the reviews ``review`` computed, not
    imported lists: only those compared their households with earlier results, and only those ``--replace``
    can run again."""
    scopes = store.scopes()
    reviews = store.reviews()
    imported = set(reviews.loc[reviews["ruleset"] == IMPORTED_RULESET, "id"].astype(int))
    return scopes, scopes[~scopes["review_id"].astype(int).isin(imported)]


def transition_labels(lang: str) -> dict[str, str]:
    """Transition id → its label in ``lang`` (the review forms' words in Vietnamese)."""
    return {key: words[lang] for key, words in TRANSITION_LABELS.items()}


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["eligible"]["text"], epilog=L.HELP["eligible"]["epilog"]
)
@click.option("--as-of", "as_of", type=DATE, required=True, help=L.OPTION_HELP["eligible_as_of"])
@db_option
@click.option("--commune", default=None, help=L.OPTION_HELP["eligible_commune"])
@click.option(
    "--programme",
    "programme_id",
    default="national_programme",
    show_default=True,
    help=L.OPTION_HELP["programme"],
)
@file_option(
    "-o",
    "--output",
    help=L.OPTION_HELP["eligible_output"],
)
@ruleset_option
@quiet_option
@lang_option
def eligible_command(
    as_of: date,
    db: Path,
    commune: str | None,
    programme_id: str,
    output: Path | None,
    ruleset_name: str | None,
    lang: str,
) -> None:
    """Recently escaped households (hộ mới thoát nghèo) still in their support window, per village.

    Eligible from the recognition of the escape through its last day (eligible on the last day,
    not the next): Quyết định 90/QĐ-TTg 2022, 36 months for the national programme; other
    programmes' windows come from the ruleset in force on --as-of.
    """
    check_list_output(output, db, lang)
    _say_leftovers(output, lang)
    day = as_of
    rs = _eligible_ruleset(ruleset_name, day, lang)
    try:
        prog = programme(rs, programme_id)
    except KeyError:
        known = ", ".join(sorted(rs.programmes)) or L.WORDS["none"][lang]
        fail(L.msg("h_unknown_programme", lang, ruleset=rs.id, programme=programme_id, known=known))
    store = existing_history(db, lang, read_only=True)
    try:
        if commune is not None:
            _commune_units(store, commune, db, lang)
        found = eligible(store, day, programme_id, prog, commune, ruleset=rs)
        read = store.units_named(commune) if commune is not None else store.scopes()["unit"].tolist()
    finally:
        store.close()
    supports = _listed_programmes(found, programme_id, rs, prog)
    if output is not None:
        written = found
        if output.suffix.lower() == ".xlsx":  # each household's own programme named, by its escape's day
            written = _for_officers(found.assign(programme=[p.label.get(lang) for p in supports]), rs, lang)
        with writing(output, lang):
            changes = write_table(
                written.astype(object), output, bom=True, text_columns=_LABELLED_IDS, lang=lang, sheet="eligible"
            )
        for message in xlsx_notes(changes, output, lang):  # cells a workbook could not hold as they were
            note(message)
    # the ruleset's words, never markup: a label's '[ngân sách tỉnh]' was taken for a style and left out
    named = list({id(p): p for p in supports}.values()) or [prog]  # the listed escapes' programmes, in the list's order
    title = escape("; ".join(f"{p.label.get(lang)} ({p.months} {L.CLI['months'][lang]})" for p in named))
    table = new_table(title)
    # a district's history: Thôn 1 of two communes is two villages, and codes restart in each commune — the commune
    # named wherever the history read holds several, though those listed be all of one ('002' is each one's)
    several = found["commune"].nunique() > 1 or len(set(read)) > 1
    for header in ((L.LIST_FILE_HEADERS["commune"][lang],) if several else ()) + L.ELIGIBLE_HEADERS[lang]:
        if header == L.ELIGIBLE_HEADERS[lang][1]:  # the household code: never cut on a narrow screen
            table.add_column(header, no_wrap=True, min_width=_code_width(found["household_id"]))
        elif header in L.ELIGIBLE_HEADERS[lang][2:]:  # the dates and the days left: never cut ('2027-12-…'),
            # as history show and list keep theirs: a date 10 wide, the days as wide as the most, a header's word whole
            days = max((len(L.number(int(d), lang)) for d in found["days_left"]), default=1)
            width = max(max(len(w) for w in header.split()), days if header == L.ELIGIBLE_HEADERS[lang][4] else 10)
            table.add_column(header, min_width=width)
        else:
            table.add_column(header)
    row: Any  # itertuples' rows: one attribute per column
    for row in found.itertuples():
        shown = [_day(row.escaped_on, lang), _day(row.eligible_until, lang)]  # 10/12/2025 in Vietnamese
        cells = [row.village or "—", str(row.household_id), *shown, L.number(int(row.days_left), lang)]
        cells = [row.commune or "—", *cells] if several else cells
        table.add_row(*[escape(cell) for cell in cells])  # the file's text, never markup ("Thôn 1 [mới]")
    out = stdout()
    out.print(table)
    counts = found.groupby(["commune", "village"], sort=False).size()  # in the list's (Vietnamese) order
    for (commune_name, village), count in zip(counts.index.tolist(), counts.tolist(), strict=True):
        # "Thôn 1 — Xã Tân Lập (03001)", as the report page names a village of a commune: never brackets in brackets
        place = f"{village or '—'} — {commune_name or '—'}" if several else str(village or "—")
        out.print(f"  {escape(place)}: {L.number(count, lang)}")
    out.print(f"  {_TOTAL_LABEL[lang]}: {L.number(len(found), lang)}")


_LIST_ALIASES = {
    "status": ("tình trạng", "phân loại", "loại hộ", "danh sách"),
    "recognized_on": ("ngày công nhận", "ngày quyết định", "recognition date"),
    "year": ("năm",),
    "review_date": ("ngày rà soát", "review date"),  # as review's workbook heads it, and as the error names it
    "transition": ("diễn biến", "movement"),  # history show -o writes a status and its escape so
}


@click.group(
    cls=GuardedGroup, context_settings=CONTEXT, help=L.HELP["history"]["text"], epilog=L.HELP["history"]["epilog"]
)
@group_lang_option
def history_group() -> None:
    """The review history (one SQLite file per commune or district)."""


@history_group.command(
    "import", context_settings=CONTEXT, help=L.HELP["history import"]["text"], epilog=L.HELP["history import"]["epilog"]
)
@click.argument("lists", type=WordedPath(dir_okay=False, path_type=Path))
@db_option
@click.option("--date", "review_date", type=DATE, default=None, help=L.OPTION_HELP["import_date"])
@click.option("--commune", default=None, help=L.OPTION_HELP["import_commune"])
@click.option("--new-commune", "new_commune", is_flag=True, help=L.OPTION_HELP["new_commune"])
@quiet_option
@lang_option
@input_options
def history_import_command(
    lists: Path,
    db: Path,
    review_date: date | None,
    commune: str | None,
    new_commune: bool,
    lang: str,
    sheet: str | None,
    encoding: str | None,
) -> None:
    """Bootstrap the history from earlier years' recognized lists (Quyết định 24/2021/QĐ-TTg).

    One transaction: a bad row imports nothing (exit code 2). Importing the same lists again
    changes nothing.
    """
    # read as a household file is (docs/input.md): a workbook or a text file of any encoding and separator
    table = read_table(lists, sheet=sheet, encoding=encoding, lang=lang, imported=True)
    if table.sheets:  # --sheet all: its rows, numbered across the sheets, would be named wrong in a refusal
        fail(L.msg("sheet_all_not_here", lang, file=lists, command="history import"))
    refuse_extra_cells(table, lang)  # one transaction: a row's cells are all read or nothing is imported
    for message in table.notes:
        note(message)
    frame = table.table.to_pandas().astype(object)
    if frame.empty:  # a header and no rows (or only empty ones): nothing to import is no success
        fail(L.msg("h_import_no_rows", lang, file=lists))
    renamed = _list_headers(list(frame.columns), str(lists), lang)
    frame = frame.rename(columns=renamed)
    frame = frame.replace("", None)
    headers = {canonical: header for header, canonical in renamed.items()}  # errors name the file's own columns
    numbers = table.rows
    refuse_empty_history(db, lang)
    check_history_writable(db, lang)
    new_file = not db.exists()
    store = None
    try:  # each row named by its number in the file (the header is row 1, or lower below a title)
        store = open_history(db, lang)
        changed: list[int] = []
        ids = store.import_lists(
            frame,
            review_date=review_date,
            commune=commune,
            first_row=numbers,
            headers=headers,
            changed=changed,
            new_commune=new_commune,
        )
        recorded, computed = _scopes(store)
    except BaseException as exc:  # refused, the history unwritable (a full disk) or a stop (Ctrl-C)
        opened, store = store, None
        if opened is not None:
            opened.close()
        if new_file:  # nothing written, not even an empty history file
            for leftover in (db, *(db.with_name(db.name + end) for end in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        if opened is not None and isinstance(exc, PovertyRulesError):  # a row of the lists: named in them
            fail(f"{lists}: {exc.in_lang(lang)}")
        raise
    finally:
        if store is not None:
            store.close()
    summary(L.msg("h_imported", lang, rows=len(frame), reviews=len(ids), file=db))
    for review_id in sorted(set(changed)):  # reviews recorded after a list it changed compared with what it held
        imported = recorded[recorded["review_id"] == review_id]
        day = str(imported["review_date"].iloc[0])
        later = later_reviews(computed, day, imported)
        if later:
            days = ", ".join(L.day(date.fromisoformat(d), lang) for d in later)
            note(L.msg("rv_later_reviews", lang, db=db, day=date.fromisoformat(day), days=days))
    undated = undated_escapes(frame)
    if undated:  # recorded without a window: its start, the recognition date, is not known
        note(L.msg("h_undated_escapes", lang, file=lists, count=L.number(undated, lang)))


def _list_headers(headers: list[str], source: str, lang: str) -> dict[str, str]:
    """Map the lists file's headers (canonical, Vietnamese aliases) onto the import columns (two headers of
    one column refused naming ``source``, in ``lang``)."""
    mapping = dict(canonical_headers(headers, source=source, lang=lang))
    # and as history show -o heads a workbook in either language (Household, Change reason, Ngày thoát nghèo)
    written = {c: (*_LIST_ALIASES.get(c, ()), *words.values()) for c, words in L.LIST_FILE_HEADERS.items()}
    for header in headers:
        for canonical, aliases in {**_LIST_ALIASES, **written}.items():
            # its own name too, in any case (Status, Review date): headers are matched as docs/input.md says
            if fold(header) in {fold(a) for a in (canonical, *aliases)} and canonical not in mapping.values():
                mapping[header] = canonical
    return {k: v for k, v in mapping.items() if k != v}


@history_group.command(
    "list", context_settings=CONTEXT, help=L.HELP["history list"]["text"], epilog=L.HELP["history list"]["epilog"]
)
@db_option
@quiet_option
@lang_option
def history_list_command(db: Path, lang: str) -> None:
    """Every recorded review: id, date, --commune, scope (commune codes and names), ruleset, when written."""
    store = existing_history(db, lang, read_only=True)
    try:
        reviews = store.reviews()
        unplaced = store.unplaced()
    finally:
        store.close()
    out = stdout()
    table = new_table(escape(str(db)))
    names = ("id", "review_date", "commune", "scope", "units", "ruleset", "created_at")
    for name in names:  # never cut to '…' on a narrow screen: a date on one line, a long ruleset id folded
        width = 10 if name in ("review_date", "created_at") else None
        table.add_column(L.HISTORY_HEADERS[name][lang], min_width=width, overflow="fold")
    for row in reviews.to_dict("records"):
        cells = {n: str(row[n] or "—") for n in names}
        cells["review_date"] = _day(row["review_date"], lang)
        cells["created_at"] = _moment(row["created_at"], lang)
        table.add_row(*[escape(cells[n]) for n in names])
    out.print(table)
    for said in unplaced_notes(unplaced, db, lang):
        note(said)


def unplaced_notes(unplaced: list[tuple[int, str, list[str]]], db: Path, lang: str) -> list[str]:
    """The notes naming each recorded review whose files were never put in place
    (:meth:`~poverty_rules.review.history.HistoryStore.unplaced`): they do not agree with the history."""
    return [
        L.msg("rv_unplaced", lang, db=db, review=review_id, day=date.fromisoformat(day), files=", ".join(files))
        for review_id, day, files in unplaced
    ]


def _listed_programmes(found: pd.DataFrame, programme_id: str, rs: Ruleset, prog: Programme) -> list[Programme]:
    """Each listed household's programme: the one of the standard in force on its escape's recognition day
    (:func:`~poverty_rules.review.window.escape_programmes`, as ``eligible`` counted its window), ``prog`` where
    none is: an escape recognized under the 2022 standard is named to its programme, not to 2027's."""
    chosen, which = escape_programmes(to_day_array(found["escaped_on"]), programme_id, rs)
    return [chosen[i] if i >= 0 else prog for i in which]


def _eligible_ruleset(name: str | None, day: date, lang: str) -> Ruleset:
    """The standard whose programmes ``eligible`` reads on ``day``: ``--ruleset``'s, else the national standard in
    force on ``day``, else — ``day`` after the last national standard's period (none in force yet) — that last
    standard, a note saying so: a window is counted from the recognition of the escape with the programme of the
    standard then in force (docs/review.md *The support window*), and 36-month windows recognized under the
    2027–2030 standard run to 2033, so the households still in them are listed, not refused."""
    standards = available()
    if name is None and standards and not any(rs.in_force(day) for rs in standards):
        last = max(standards, key=lambda rs: rs.valid_to)
        if last.valid_to < day:
            note(L.msg("h_eligible_after_standards", lang, day=day, id=last.id, end=last.valid_to))
            return last
    return choose_ruleset(name, day)


def _for_officers(
    frame: pd.DataFrame, rs: Ruleset, lang: str, programmes: dict[str, str] | None = None
) -> pd.DataFrame:
    """An eligible list or a review's rows as an officer's workbook shows them: headers, statuses,
    movements, indicators, programmes and dates (31/12/2026) in ``lang`` (results/labels.py for the
    result columns); a CSV keeps the canonical names and values (docs/review.md)."""
    out = frame.copy()
    statuses = {k: v[lang] for k, v in L.STATUS.items()}
    if "previous_status" in out.columns:
        out["previous_status"] = out["previous_status"].map(lambda v: statuses.get(v, v) if isinstance(v, str) else v)
    for name in ("escaped_on", "recognized_on", "review_date"):
        if name in out.columns:
            out[name] = out[name].map(lambda v: _day(v, lang))
    if "change_reason" in out.columns:  # died → chết, as a household file writes it
        reasons = {k: v[lang] for k, v in L.CHANGE_REASON.items()}
        out["change_reason"] = out["change_reason"].map(lambda v: reasons.get(v, v) if isinstance(v, str) else v)
    if programmes and "programme" in out.columns:
        out["programme"] = out["programme"].map(lambda v: programmes.get(v, v))
    out = label_results(out, rs, lang)
    return out.rename(columns={c: L.LIST_FILE_HEADERS[c][lang] for c in out.columns if c in L.LIST_FILE_HEADERS})


def _review_ruleset(reviews: pd.DataFrame, review_id: int) -> Ruleset:
    """The standard a recorded review applied (its indicators' names), or the national one of its date
    (an imported list's)."""
    row = reviews[reviews["id"] == review_id].iloc[0]
    try:
        return load_ruleset(str(row["ruleset"]).split("@")[0].split("+")[0])
    except PovertyRulesError:
        return load_ruleset(as_of=date.fromisoformat(str(row["review_date"])))


#: The identifier columns kept as text in a workbook (``001`` stays ``001``), canonical or labelled.
_LABELLED_IDS = _ID_COLUMNS | {
    L.LIST_FILE_HEADERS[c][lang] for c in _ID_COLUMNS & set(L.LIST_FILE_HEADERS) for lang in ("vi", "en")
}


def _code_width(codes: pd.Series) -> int:
    """The width of the longest household code shown (at most 40): its column is never narrower, so rich
    wraps the other columns on a narrow screen and a code is never cut to ``HC-07-00…``, where every
    household of a village would read alike."""
    lengths = codes.dropna().astype(str).str.len()
    return int(min(lengths.max(), 40)) if len(lengths) else 1


def _moment(text: object, lang: str) -> str:
    """When a review was written (ISO, UTC, as the history keeps it) as the language writes a day and its
    minute, in UTC: ``26/11/2026 18:21 UTC`` (vi), ``2026-11-26 18:21 UTC`` (en); as kept if not ISO."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return str(text or "—")
    if moment.utcoffset() is None:
        return f"{L.day(moment.date(), lang)} {moment:%H:%M}"
    moment = moment.astimezone(UTC)
    return f"{L.day(moment.date(), lang)} {moment:%H:%M} UTC"


def _day(text: object, lang: str) -> str:
    """An ISO date from the history as the language writes it (blank stays blank)."""
    return L.day(date.fromisoformat(text), lang) if isinstance(text, str) and text else ""


def _commune_units(store: HistoryStore, commune: str, db: Path, lang: str) -> list[str]:
    """The units of the history that ``--commune`` names (its name or code), as ``report --db --commune``
    finds them; none stops the command naming the communes on record (a code without its leading zeros
    named as such); a code is said with the commune it names."""
    units = store.units_named(commune)
    if not units:
        names = store.commune_names()  # a province's history: the first ten, and how many more
        known = ", ".join(names[:10]) + (f" (+{len(names) - 10})" if len(names) > 10 else "")
        known = known or L.WORDS["none"][lang]
        zeros = store.codes_without_zeros(commune)  # 3001 for 03001: Excel dropped the code's zeros
        if zeros:
            fail(L.msg("h_unknown_commune_zeros", lang, db=db, commune=commune, codes=", ".join(zeros)))
        fail(L.msg("h_unknown_commune", lang, db=db, commune=commune, known=known))
    coded = store.communes_coded(commune)
    if coded:  # a commune code (--commune 02800): say which commune it is
        note(L.msg("h_commune_code", lang, code=commune, names=", ".join(coded)))
    return units


SHOWN_ROWS = 1000
"""At most this many households of a review printed by ``history show`` (a commune's review fits; a
province's goes to ``-o``: a terminal table of a million rows took minutes)."""


@history_group.command(
    "show", context_settings=CONTEXT, help=L.HELP["history show"]["text"], epilog=L.HELP["history show"]["epilog"]
)
@click.argument("review_id", type=int)
@db_option
@file_option(
    "-o",
    "--output",
    help=L.OPTION_HELP["history_show_output"],
)
@quiet_option
@click.option("--commune", "communes", multiple=True, help=L.OPTION_HELP["show_commune"])
@lang_option
def history_show_command(review_id: int, db: Path, output: Path | None, communes: tuple[str, ...], lang: str) -> None:
    """One recorded review's households: commune codes, status, movement, support window; ``--commune`` (once
    or more: a district's communes in a province's history) keeps the households of those communes."""
    check_list_output(output, db, lang)
    _say_leftovers(output, lang)
    store = existing_history(db, lang, read_only=True)
    try:
        units = {u for c in communes for u in _commune_units(store, c, db, lang)} if communes else None
        rows = store.review_rows(review_id, units)
        recorded = store.reviews()
    finally:
        store.close()
    if rows.empty:
        if units is not None and review_id in set(recorded["id"].tolist()):  # the review covers other communes
            fail(L.msg("h_show_no_commune", lang, db=db, id=review_id, communes=", ".join(communes)))
        fail(L.msg("h_no_review", lang, db=db, id=review_id))
    this = recorded[recorded["id"] == review_id]
    if len(this) and str(this["ruleset"].iloc[0]) != IMPORTED_RULESET:  # an imported list: no review to run again
        day, commune = date.fromisoformat(str(this["review_date"].iloc[0])), str(this["commune"].iloc[0] or "")
        say_old_leaving_movements(db, rows["change_reason"], rows["transition"], [day], commune, lang)
    out = stdout()
    title = escape(f"{db} · {L.HISTORY_HEADERS['review'][lang]} {review_id}")
    if output is not None:  # every household to the file; on screen, how many of each status
        store_tally = rows["status"].astype(str).value_counts(sort=False)
        if output.suffix.lower() == ".xlsx":  # an officer's sheet: headers and values in the run's language
            rows = _for_officers(rows, _review_ruleset(recorded, review_id), lang)
        with writing(output, lang):
            changes = write_table(rows.astype(object), output, bom=True, text_columns=_LABELLED_IDS, lang=lang)
        for message in xlsx_notes(changes, output, lang):  # cells a workbook could not hold as they were
            note(message)
        counts = new_table(title)
        for header in ("status", "households"):
            counts.add_column(L.HISTORY_HEADERS[header][lang])
        tally = store_tally
        for name in [*(s for s in STATUSES if s in tally.index), *(str(s) for s in tally.index if s not in STATUSES)]:
            counts.add_row(
                escape(L.status_label(name, lang) if name in L.STATUS else name), L.number(int(tally[name]), lang)
            )
        out.print(counts)
        out.print(escape(L.msg("h_show_written", lang, file=output, count=len(rows), id=review_id)))
        return
    table = new_table(title)
    shown = ["province_code", "commune_code", "household_id", "village", "status", "transition", "eligible_until"]
    if rows["commune"].nunique() > 1:  # a district's review: H1 of Xã A and H1 of Xã B told apart, as eligible does
        shown.insert(2, "commune")
    head = rows.head(SHOWN_ROWS)
    shown = [n for n in shown if not n.endswith("_code") or head[n].fillna("").astype(str).str.strip().ne("").any()]
    for header in shown:  # a date is never broken across lines, a household code never cut (_code_width)
        if header == "household_id":
            table.add_column(L.HISTORY_HEADERS[header][lang], no_wrap=True, min_width=_code_width(head[header]))
        elif header == "commune":
            table.add_column(L.LIST_FILE_HEADERS["commune"][lang], overflow="fold")
        else:  # a long word (Undetermined) folded over lines, never cut to 'Undet…'
            width = 10 if header == "eligible_until" else None
            table.add_column(L.HISTORY_HEADERS[header][lang], min_width=width, overflow="fold")
    transitions = transition_labels(lang)
    reasons = rows["change_reason"] if "change_reason" in rows.columns else pd.Series("", index=rows.index)
    marks = reasons.head(SHOWN_ROWS).fillna("").astype(str).tolist()
    for row, mark in zip(rows[shown].head(SHOWN_ROWS).to_dict("records"), marks, strict=True):  # words of the language
        cells = {n: "" if row[n] is None or row[n] != row[n] else str(row[n]) for n in shown}  # NaN: none
        cells["status"] = L.status_label(cells["status"], lang) if cells["status"] in L.STATUS else cells["status"]
        cells["transition"] = _with_mark(cells["transition"], transitions, mark, lang)
        cells["eligible_until"] = _day(cells["eligible_until"], lang)  # the window, as the help says: 30/11/2028
        table.add_row(*[escape(cells[n]) for n in shown])
    out.print(table)
    if len(rows) > SHOWN_ROWS:  # a district's or province's review: the file, not the screen
        out.print(escape(L.msg("h_show_more", lang, count=len(rows) - SHOWN_ROWS, shown=SHOWN_ROWS)))


def _with_mark(transition: str, transitions: dict[str, str], mark: str, lang: str) -> str:
    """A household's "Diễn biến" on ``history show``'s screen with its ``change_reason`` (the file's own column):
    one that died, moved away or merged (R2/R3's column 4), split off or moved in (column 8) said so — ``Chết``
    where its status stayed, ``Thoát nghèo; chết`` after a movement —, not only ``Không đổi`` or ``Rà soát lần
    đầu``, which left a household gone that year looking like one still on the list."""
    word = transitions.get(transition, transition)
    said = L.CHANGE_REASON.get(mark, {}).get(lang, "")
    if not said:
        return word
    return said[:1].upper() + said[1:] if transition in ("", "unchanged", "first_review") else f"{word}; {said}"


@history_group.command(
    "undo", context_settings=CONTEXT, help=L.HELP["history undo"]["text"], epilog=L.HELP["history undo"]["epilog"]
)
@click.argument("review_id", type=int)
@db_option
@quiet_option
@lang_option
def history_undo_command(review_id: int, db: Path, lang: str) -> None:
    """Delete one recorded review and its households (one transaction)."""
    store = existing_history(db, lang)
    try:
        check_history_writable(db, lang)
        recorded, computed = _scopes(store)
        removed = recorded[recorded["review_id"] == review_id]
        done = store.undo(review_id)
    finally:
        store.close()
    if not done:
        fail(L.msg("h_no_review", lang, db=db, id=review_id))
    summary(L.msg("h_removed", lang, db=db, id=review_id))
    day = str(removed["review_date"].iloc[0]) if len(removed) else ""
    later = later_reviews(computed[computed["review_id"] != review_id], day, removed) if day else []
    if later:  # they compared their households with the results just removed
        days = ", ".join(L.day(date.fromisoformat(d), lang) for d in later)
        note(L.msg("rv_later_reviews", lang, db=db, day=date.fromisoformat(day), days=days))


@history_group.command(
    "recode", context_settings=CONTEXT, help=L.HELP["history recode"]["text"], epilog=L.HELP["history recode"]["epilog"]
)
@db_option
@click.option("--commune", required=True, help=L.OPTION_HELP["recode_commune"])
@click.option("--province-code", "province_code", default="", help=L.OPTION_HELP["recode_province_code"])
@click.option("--commune-code", "commune_code", required=True, help=L.OPTION_HELP["recode_commune_code"])
@click.option("--province", default="", help=L.OPTION_HELP["recode_province"])
@quiet_option
@lang_option
def history_recode_command(
    db: Path, commune: str, province_code: str, commune_code: str, province: str, lang: str
) -> None:
    """Give a commune recorded by name its codes (one transaction), so that coded files continue its history."""
    store = existing_history(db, lang)
    try:
        check_history_writable(db, lang)
        reviews = store.recode_commune(commune, province_code, commune_code, province)
    finally:
        store.close()
    code = f"{province_code.strip()}/{commune_code.strip()}" if province_code.strip() else commune_code.strip()
    summary(L.msg("h_recoded", lang, db=db, names=repr(commune), code=code, reviews=reviews))
