"""``poverty-rules review``, ``eligible`` and ``history import``: the year-end review cycle.

The periodic review (Quyết định 24/2021/QĐ-TTg, Điều 4) classifies every household, names its
movement since the last review and ends with the lists the commune chair recognizes; households
recognized as having escaped poverty keep support for 36 months (Quyết định 90/QĐ-TTg 2022).
The history lives in one SQLite file (``--db``, :mod:`poverty_rules.history`).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.table import Table

from ..data.schema import canonical_headers
from ..data.write import check_distinct, check_output, write_csv_atomic, write_table
from ..errors import HistoryError, InputError, PovertyRulesError
from ..pipeline import run_review
from ..review.history import HistoryStore, LatestRead, read_latest
from ..review.scope import file_units, scope_refusal
from ..review.transitions import TRANSITION_LABELS
from ..review.yearly import PLACE_COLUMNS, TOTAL, eligible, prepare_record, programme
from ..vocabulary import words as L
from ..vocabulary.statuses import STATUSES
from ..vocabulary.text import fold
from ._common import (
    CONTEXT,
    DATE,
    EXIT_OK,
    EXIT_REJECTS,
    GuardedCommand,
    GuardedGroup,
    build_options,
    choose_ruleset,
    escape,
    fail,
    lang_option,
    members_source,
    note,
    ruleset_option,
    stderr,
)
from ._output import write_classified
from .reviewing import Reading, db_option, file_option

_TOTAL_LABEL = L.TOTAL
_MOVEMENT_HEADERS = L.MOVEMENT
_LIST_WORDS = L.LIST


def _read_history(reading: Reading, db: Path, day: date, scope_options: dict[str, Any]) -> LatestRead | None:
    """The history of the communes the household file names (:func:`poverty_rules.review.scope.file_units`),
    read once the file is (:func:`poverty_rules.review.history.read_latest`), while it is classified.
    None when the file or its communes cannot be read this early: the review reports why."""
    try:
        units = file_units(reading.result().table, **scope_options)
    except Exception:  # the review itself raises it, where a direct read would
        return None
    return None if units is None else read_latest(db, day, units)


def _open(db: Path, lang: str) -> HistoryStore:
    """Open the history file or stop with exit code 2."""
    try:
        return HistoryStore(db)
    except HistoryError as exc:
        fail(exc.in_lang(lang))


def _existing(db: Path, lang: str) -> HistoryStore:
    """Open a history file that must exist already (list, show, undo, eligible)."""
    if not db.exists():
        fail(L.msg("h_no_file", lang, db=db))
    return _open(db, lang)


def review_work(
    households: Path,
    review_date: date,
    db: Path,
    commune: str | None,
    province_code: str | None,
    commune_code: str | None,
    output: Path | None,
    movements_path: Path | None,
    ruleset_name: str | None,
    local_name: str | None,
    engine: str,
    explain: bool,
    lang: str,
    members_path: Path | None,
    blank_flags: str,
    bom: bool,
    quiet: bool,
    replace: bool,
    new_commune: bool,
    sheet: str | None,
    encoding: str | None,
    reading: Reading | None = None,
) -> None:
    """Year-end review: classify HOUSEHOLDS, compare with the history, record and report movements
    (the work of :func:`poverty_rules.cli.reviewing.review_command`; ``reading``: the file as that
    command started reading it, else it is read here).

    Each household's movement since its last recorded review (thoát nghèo, tái nghèo, nghèo phát
    sinh …) and the end of its support window are added to the classified file; the movements per
    village (start, new, relapsed, escaped, end, for poor and near-poor, and the rates) go to the
    movements file; households in the history that this file does not classify are listed in the
    not-reviewed file. Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022.
    """
    day = review_date
    options, rs = build_options(
        as_of=day,
        ruleset_name=ruleset_name,
        engine=engine,
        explain=explain,
        lang=lang,
        members_path=members_path,
        blank_flags=blank_flags,
        local_name=local_name,
    )
    output = output or households.with_name(f"{households.stem}.reviewed.csv")
    movements_path = movements_path or output.with_name(f"{households.stem}.movements.csv")
    missing_path = output.with_name(f"{households.stem}.not_reviewed.csv")
    rejects_path = output.with_name(f"{households.stem}.rejects.csv")
    for path in (output, movements_path, rejects_path):
        check_output(path, lang)
    check_distinct(
        {"input": households, "members": members_path, "database": db},
        {"output": output, "movements": movements_path, "not_reviewed": missing_path, "rejects": rejects_path},
        lang,
    )
    started = time.perf_counter()
    if reading is None:
        reading = Reading(households, sheet=sheet, encoding=encoding, lang=lang)
    history_pool = ThreadPoolExecutor(max_workers=1)  # the history is read while the file is classified
    scope_options = {"commune": commune, "province_code": province_code, "commune_code": commune_code}
    history = history_pool.submit(_read_history, reading, db, day, scope_options)
    try:
        try:
            sheet_table = reading.result()
            table = sheet_table.table
        except InputError as exc:
            fail(str(exc))
        store = _open(db, lang)
        try:
            status = f"{L.CLI['reviewing'][lang]} {escape(households.name)} {L.CLI['with'][lang]} {escape(rs.label)}"
            with stderr.status(status, spinner="dots") if not quiet else _Null():
                result = run_review(
                    sheet_table,
                    rs,
                    day,
                    store,
                    commune,
                    options,
                    source=str(households),
                    members_source=members_source(members_path, lang),
                    record=False,
                    province_code=province_code,
                    commune_code=commune_code,
                    history=history,
                )
            refusal = scope_refusal(
                store.scopes(),
                day.isoformat(),
                result.scope if result.scope is not None else pd.DataFrame(),
                replace=replace,
                new_commune=new_commune,
                db=str(db),
                lang=lang,
            )
        except InputError:
            raise  # its message names the file
        except ValueError as exc:
            text = exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else str(exc)
            fail(text if text.startswith(str(households)) else f"{households}: {text}")
        finally:
            store.close()
    finally:
        history_pool.shutdown(cancel_futures=True)
    if refusal:  # nothing written: a commune written another way, or a second review of the same date
        fail(refusal)
    columns = result.classified.drop(columns=["household_id", "village", *PLACE_COLUMNS], errors="ignore")
    labelled = columns.assign(transition_label=columns["transition"].map(_transition_label(lang)).fillna(""))
    with ThreadPoolExecutor(max_workers=1) as pool:  # the history's blocks are encoded while the files are written
        preparing = pool.submit(prepare_record, result, day, commune)
        write_classified(table, result.run.normalized, labelled, output, rejects_path, source=households, bom=bom)
        write_table(_movements_for_file(result.movements, lang), movements_path, bom=bom, lang=lang)
        write_csv_atomic(_dates_as_text(result.not_reviewed), missing_path, bom=bom)
        try:
            prepared = preparing.result()
        except ValueError as exc:
            fail(f"{households}: {exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else exc}")
    store = _open(db, lang)
    try:  # last, in one transaction: a review that failed before this point recorded nothing
        result.review_id = store.record_prepared(prepared)
    except ValueError as exc:
        fail(f"{households}: {exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else exc}")
    finally:
        store.close()
    if not quiet:
        for message in result.run.normalized.notes:
            note(message)
        for movement_table in _movements_tables(result.movements, lang):
            stderr.print(movement_table)
        stderr.print(
            f"→ {escape(str(output))}, {escape(str(movements_path))}; {L.number(len(result.not_reviewed), lang)} "
            + L.CLI["not_reviewed"][lang]
            + f" → {escape(str(missing_path))}  [{L.number(time.perf_counter() - started, lang, decimals=1)} s]"
        )
        if len(result.rejects):
            words = f"{L.CLI['households'][lang]} {L.CLI['rejected_see'][lang]}"
            rejected = f"{L.number(len(result.rejects), lang)} {words}"
            stderr.print(f"[bold yellow]{rejected} {escape(str(rejects_path))}[/]", markup=True)
    raise SystemExit(EXIT_REJECTS if len(result.rejects) else EXIT_OK)


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as ISO text (blank when missing), every other column as it is."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d").astype(object).where(out[name].notna(), "")
    return out.astype(object)


class _Null:
    """A do-nothing context manager (quiet runs show no spinner)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _transition_label(lang: str) -> dict[str, str]:
    """Transition id → its label in ``lang`` (the review forms' words in Vietnamese)."""
    return {key: words[lang] for key, words in TRANSITION_LABELS.items()}


def _movements_for_file(movements: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The movements table with the total row named in ``lang``."""
    out = movements.copy()
    out["village"] = out["village"].astype(object).where(out["village"] != TOTAL, _TOTAL_LABEL[lang])
    return out


def _movements_tables(movements: pd.DataFrame, lang: str) -> list[Table]:
    """Readable stderr tables, one per list: per village start, inflows, outflows, end, rate."""
    h = {key: words[lang] for key, words in _MOVEMENT_HEADERS.items()}
    tables = []
    for lst in ("poor", "near_poor"):
        table = Table(title=_LIST_WORDS[lst][lang])
        for key in ("village", "households", "start", "new", "relapsed", "escaped", "other", "end", "rate"):
            table.add_column(h[key], justify="left" if key == "village" else "right")
        for row in movements.to_dict("records"):
            village = _TOTAL_LABEL[lang] if row["village"] == TOTAL else (row["village"] or "—")
            new = row[f"{lst}_new"] + (row["near_poor_from_poor"] if lst == "near_poor" else 0)
            other = row[f"{lst}_undetermined"] + row[f"{lst}_not_reviewed"]
            other += row["near_poor_to_poor"] if lst == "near_poor" else 0
            rate = row[f"{lst}_rate"]
            table.add_row(
                str(village),
                L.number(row["households"], lang),
                L.number(row[f"{lst}_start"], lang),
                L.number(new, lang),
                L.number(row[f"{lst}_relapsed"], lang),
                L.number(row[f"{lst}_escaped"], lang),
                L.number(other, lang),
                L.number(row[f"{lst}_end"], lang),
                "" if pd.isna(rate) else L.number(rate, lang, decimals=2),
            )
        tables.append(table)
    return tables


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["eligible"]["text"], epilog=L.HELP["eligible"]["epilog"]
)
@click.option(
    "--as-of", "as_of", type=DATE, required=True, help="Date to check the windows on, YYYY-MM-DD or DD/MM/YYYY."
)
@db_option
@click.option("--commune", default=None, help="Only this commune's history.")
@click.option(
    "--programme",
    "programme_id",
    default="national_programme",
    show_default=True,
    help="national_programme (36 months), policy_credit, health_insurance_support — windows from the ruleset.",
)
@file_option("-o", "--output", help="Ghi danh sách ra cả tệp CSV. / Also write the list to a CSV file.")
@ruleset_option
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
    day = as_of
    rs = choose_ruleset(ruleset_name, day)
    try:
        prog = programme(rs, programme_id)
    except KeyError:
        known = ", ".join(sorted(rs.programmes)) or L.WORDS["none"][lang]
        fail(L.msg("h_unknown_programme", lang, ruleset=rs.id, programme=programme_id, known=known))
    store = _existing(db, lang)
    try:
        found = eligible(store, day, programme_id, prog, commune)
    finally:
        store.close()
    if output is not None:
        write_csv_atomic(found.astype(object), output, bom=True)
    title = f"{prog.label.vi if lang == 'vi' else prog.label.en} ({prog.months} {L.CLI['months'][lang]})"
    table = Table(title=title)
    for header in L.ELIGIBLE_HEADERS[lang]:
        table.add_column(header)
    row: Any  # itertuples' rows: one attribute per column
    for row in found.itertuples():
        table.add_row(row.village or "—", str(row.household_id), row.escaped_on, row.eligible_until, str(row.days_left))
    out = Console(highlight=False, soft_wrap=True)
    out.print(table)
    for village, count in found.groupby("village").size().items():
        out.print(f"  {village or '—'}: {L.number(count, lang)}")
    out.print(f"  {_TOTAL_LABEL[lang]}: {L.number(len(found), lang)}")


_LIST_ALIASES = {
    "status": ("tình trạng", "phân loại", "loại hộ", "danh sách"),
    "recognized_on": ("ngày công nhận", "ngày quyết định", "recognition date"),
    "year": ("năm",),
}


@click.group(
    cls=GuardedGroup, context_settings=CONTEXT, help=L.HELP["history"]["text"], epilog=L.HELP["history"]["epilog"]
)
def history_group() -> None:
    """The review history (one SQLite file per commune or district)."""


@history_group.command(
    "import", context_settings=CONTEXT, help=L.HELP["history import"]["text"], epilog=L.HELP["history import"]["epilog"]
)
@click.argument("lists", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--date", "review_date", type=DATE, default=None, help="Review date for rows without year/date.")
@click.option("--commune", default=None, help="Commune for rows without a commune column.")
@lang_option
def history_import_command(lists: Path, db: Path, review_date: date | None, commune: str | None, lang: str) -> None:
    """Bootstrap the history from earlier years' recognized lists (Quyết định 24/2021/QĐ-TTg).

    One transaction: a bad row imports nothing (exit code 2). Importing the same lists again
    changes nothing.
    """
    try:
        frame = pd.read_csv(lists, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        fail(L.msg("h_cannot_read_lists", lang, file=lists, why=why))
    frame = frame.rename(columns=_list_headers(list(frame.columns)))
    frame = frame.replace("", None)
    store = _open(db, lang)
    try:  # the header is the file's row 1: its first list row is row 2
        ids = store.import_lists(frame, review_date=review_date, commune=commune, first_row=2)
    except PovertyRulesError as exc:
        fail(f"{lists}: {exc.in_lang(lang)}")
    finally:
        store.close()
    stderr.print(escape(L.msg("h_imported", lang, rows=L.number(len(frame), lang), reviews=len(ids), file=db)))


def _list_headers(headers: list[str]) -> dict[str, str]:
    """Map the lists file's headers (canonical, Vietnamese aliases) onto the import columns."""
    mapping = dict(canonical_headers(headers))
    for header in headers:
        for canonical, aliases in _LIST_ALIASES.items():
            if fold(header) in {fold(a) for a in aliases} and canonical not in mapping.values():
                mapping[header] = canonical
    return {k: v for k, v in mapping.items() if k != v}


@history_group.command(
    "list", context_settings=CONTEXT, help=L.HELP["history list"]["text"], epilog=L.HELP["history list"]["epilog"]
)
@db_option
@lang_option
def history_list_command(db: Path, lang: str) -> None:
    """Every recorded review: id, date, --commune, scope (commune codes and names), ruleset, when written."""
    store = _existing(db, lang)
    try:
        reviews = store.reviews()
    finally:
        store.close()
    out = Console(highlight=False, soft_wrap=True)
    table = Table(title=escape(str(db)))
    names = ("id", "review_date", "commune", "scope", "units", "ruleset", "created_at")
    for name in names:
        table.add_column(L.HISTORY_HEADERS[name][lang])
    for row in reviews.to_dict("records"):
        cells = {n: str(row[n] or "—") for n in names}
        cells["review_date"] = _day(row["review_date"], lang)
        table.add_row(*[escape(cells[n]) for n in names])
    out.print(table)


def _day(text: str | None, lang: str) -> str:
    """An ISO date from the history as the language writes it (blank stays blank)."""
    return L.day(date.fromisoformat(text), lang) if text else ""


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
    help="Ghi tất cả các hộ ra tệp CSV; màn hình in số hộ theo phân loại. / Write every household to a CSV file; the "
    "screen gets the count of each status.",
)
@lang_option
def history_show_command(review_id: int, db: Path, output: Path | None, lang: str) -> None:
    """One recorded review's households: commune codes, status, movement, support window."""
    store = _existing(db, lang)
    try:
        rows = store.review_rows(review_id)
    finally:
        store.close()
    if rows.empty:
        fail(L.msg("h_no_review", lang, db=db, id=review_id))
    out = Console(highlight=False, soft_wrap=True)
    title = escape(f"{db} · {L.HISTORY_HEADERS['review'][lang]} {review_id}")
    if output is not None:  # every household to the file; on screen, how many of each status
        write_csv_atomic(rows.astype(object), output, bom=True)
        counts = Table(title=title)
        for header in ("status", "households"):
            counts.add_column(L.HISTORY_HEADERS[header][lang])
        tally = rows["status"].astype(str).value_counts(sort=False)
        for name in [*(s for s in STATUSES if s in tally.index), *(str(s) for s in tally.index if s not in STATUSES)]:
            counts.add_row(escape(L.status_label(name, lang) if name in L.STATUS else name), str(tally[name]))
        out.print(counts)
        out.print(escape(L.msg("h_show_written", lang, file=output, count=len(rows), id=review_id)))
        return
    table = Table(title=title)
    shown = ["province_code", "commune_code", "household_id", "village", "status", "transition"]
    for header in shown:
        table.add_column(L.HISTORY_HEADERS[header][lang])
    transitions = _transition_label(lang)
    for row in rows[shown].head(SHOWN_ROWS).to_dict("records"):  # statuses and movements in words of the language
        cells = {n: "" if row[n] is None else str(row[n]) for n in shown}
        cells["status"] = L.status_label(cells["status"], lang) if cells["status"] in L.STATUS else cells["status"]
        cells["transition"] = transitions.get(cells["transition"], cells["transition"])
        table.add_row(*[escape(cells[n]) for n in shown])
    out.print(table)
    if len(rows) > SHOWN_ROWS:  # a district's or province's review: the file, not the screen
        out.print(escape(L.msg("h_show_more", lang, count=len(rows) - SHOWN_ROWS, shown=SHOWN_ROWS)))


@history_group.command(
    "undo", context_settings=CONTEXT, help=L.HELP["history undo"]["text"], epilog=L.HELP["history undo"]["epilog"]
)
@click.argument("review_id", type=int)
@db_option
@lang_option
def history_undo_command(review_id: int, db: Path, lang: str) -> None:
    """Delete one recorded review and its households (one transaction)."""
    store = _existing(db, lang)
    try:
        done = store.undo(review_id)
    finally:
        store.close()
    if not done:
        fail(L.msg("h_no_review", lang, db=db, id=review_id))
    stderr.print(escape(L.msg("h_removed", lang, db=db, id=review_id)))
