"""``poverty-rules explain FILE HOUSEHOLD_ID``: the chain of rules that fired for one household.

Runs the household through the durable engine's forward chain (poverty_rules/engine/durable/chain.py) and
prints its facts, each derived fact with the values compared, thresholds, references and confidence
tags, and the class — in Vietnamese (default) or English, to be read aloud at a village meeting.
Exit codes as for classify: 0 explained; 2 the command or the input is unusable (including a
household id that is not in the file, or a row that is rejected, or a code used in several communes
of the file without ``--commune`` choosing one: docs/input.md "Household codes").
"""

from __future__ import annotations

from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path

import click
import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.ids import PLACE_COLUMNS
from ..data.normalize import unit_note
from ..data.read import SheetTable, row_refs, sheets_read_note
from ..engine.durable import run_chain
from ..pipeline import members_behind, prepare
from ..pipeline.local import check_period
from ..results.explanations import designations_held, explain
from ..results.labels import labelled_headers
from ..review.scope import commune_key
from ..review.transitions import NATIONAL_PROGRAMME, programme, stateless_transitions
from ..review.window import escape_programmes, window_programme
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ..vocabulary.changes import LEAVING, read_change_reasons
from ..vocabulary.codes import trimmed_codes
from ..vocabulary.dates import parse_days
from ..vocabulary.status_ids import STATUSES
from ..vocabulary.statuses import normalize_status, status_codes
from ..vocabulary.text import fold
from ._base import WordedPath, quiet_option
from ._common import (
    CONTEXT,
    GuardedCommand,
    blank_flags_option,
    build_options,
    explain_as_of_option,
    explain_local_option,
    fail,
    input_options,
    lang_option,
    members_option,
    members_sheet_alone,
    members_source,
    note,
    read_households,
    ruleset_option,
)

#: The columns of review's output that explain reads: its date, and the status before it (the movement).
_REVIEW_COLUMNS = ("review_date", "previous_status")
#: The columns of review's output that record what the history decided: the movement and the support window.
_RECORDED = ("status", "transition", "eligible_until", "review_date")


def _review_columns_by_id(table: pa.Table) -> pa.Table:
    """``table`` with a reviewed workbook's ``Ngày rà soát`` / ``Review date`` and ``Phân loại lần trước`` /
    ``Previous status`` (``review -o x.xlsx`` heads its columns in words, results/labels.py) under their
    ids, so its review date and movement are read as from the reviewed CSV; other columns as they are."""
    labelled = labelled_headers(pd.DataFrame(columns=table.column_names))
    names = {header: name for header, name in labelled.items() if name in _REVIEW_COLUMNS}
    if not names:
        return table
    return table.rename_columns([names.get(c, c) for c in table.column_names])


def _file_review_date(table: pa.Table) -> date | None:
    """The review date a reviewed file shows (its ``review_date`` column, written by ``review``; the
    latest if its rows give several), or None for a household file or a column with no readable date."""
    if "review_date" not in table.column_names:
        return None
    days, _ = parse_days(table.column("review_date").to_pandas())
    days = days[~pd.isna(days)]
    return date.fromisoformat(str(days.max())) if len(days) else None


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["explain"]["text"], epilog=L.HELP["explain"]["epilog"]
)
@click.argument("households", type=WordedPath(dir_okay=False, path_type=Path))
@click.argument("household_id")
@click.option("--commune", default=None, help=L.OPTION_HELP["explain_commune"])
@explain_as_of_option
@ruleset_option
@explain_local_option
@quiet_option
@lang_option
@members_option
@blank_flags_option
@input_options
def explain_command(
    households: Path,
    household_id: str,
    commune: str | None,
    as_of: date | None,
    ruleset_name: str | None,
    local_name: str | None,
    lang: str,
    members_path: Path | None,
    members_sheet: str | None,
    blank_flags: str,
    sheet: str | None,
    encoding: str | None,
) -> None:
    """Explain, rule by rule, how one household of HOUSEHOLDS (a CSV) is classified.

    HOUSEHOLD_ID is the value of its household_id (Mã hộ) column.
    """
    members_sheet_alone(members_path, members_sheet, lang)
    table = read_households(households, sheet=sheet, encoding=encoding, lang=lang)
    sheets_read = sheets_read_note(table, lang) if table.sheets else None  # explain writes no rejects file
    for message in table.notes:  # which sheet was read (--sheet chooses another), an encoding guessed
        note(sheets_read_note(table, lang, rejects=False) if message == sheets_read else message)
    table.table = _review_columns_by_id(table.table)  # a reviewed workbook headed in words: its review's date
    reviewed_on = _file_review_date(table.table) if as_of is None else None
    if reviewed_on is not None:  # a reviewed file: explained as of its review, not of today
        as_of = reviewed_on
        note(L.msg("explain_file_review_date", lang, file=households, day=reviewed_on))
    options, rs = build_options(
        as_of=as_of,
        ruleset_name=ruleset_name,
        lang=lang,
        members_path=members_path,
        blank_flags=blank_flags,
        local_name=local_name,
        members_sheet=members_sheet,
    )
    if isinstance(options.local, Ruleset):  # as classify: a review date outside its period is refused
        check_period(options.local, options.review_date, lang)
    members_file = members_source(members_path, lang)
    norm = prepare(table, rs, options, source=str(households), members_source=members_file)
    unused = L.msg("n_score_unused", lang, file=households, ruleset=rs.id)  # the record's score A is listed below
    for message in norm.notes:
        if message.startswith(members_file) or message == unused:
            note(message)
    income = next((h for h, canonical in norm.renamed.items() if canonical == "income_per_capita"), None)
    read_as = unit_note(str(households), income, lang) if income is not None else None
    if read_as is not None:  # the record says đồng a month: how the officer's cells were read
        note(read_as)
    household_id = str(trimmed_codes(pa.array([household_id], pa.string()))[0])  # as the file's codes: '001 is 001
    ids = norm.frame["household_id"].astype(str).to_numpy() if len(norm.frame) else np.array([], dtype=object)
    hits = np.flatnonzero(ids == household_id)
    frame = norm.frame
    placed = any(name in frame.columns for name in ("commune", "commune_code"))
    if placed and hits.size:  # a code is unique within its commune only: choose the row of the commune asked
        communes = ", ".join(_place(frame, int(i), lang) for i in hits)
        if commune is not None:
            hits = np.array([i for i in hits if _in_commune(frame, int(i), commune)], dtype=np.int64)
            if hits.size == 0:
                fail(
                    L.msg(
                        "e_not_in_commune", lang, file=households, id=household_id, commune=commune, communes=communes
                    )
                )
        if hits.size > 1 and commune is not None:  # --commune matched several: a code of two provinces, a name
            fail(_ambiguous_commune(frame, hits, commune, households, household_id, lang))
        if hits.size > 1:
            fail(L.msg("e_several_communes", lang, file=households, id=household_id, n=hits.size, communes=communes))
    if hits.size == 0:
        rejected = norm.rejects[norm.rejects["household_id"].astype(str) == household_id]
        if len(rejected):
            r = rejected.iloc[0]
            column, reason = str(r["column"]), str(r["reason"])
            reason = reason.removeprefix(f"{column}: ")  # the message says 'column X:' itself: the column named once
            values = {"row": _row_ref(table, int(r["row"])), "column": column, "reason": reason}
            fail(L.msg("e_rejected", lang, file=households, id=household_id, **values))
        close = _close_codes(ids, household_id)
        if close:
            fail(L.msg("e_not_found_close", lang, file=households, id=household_id, close=", ".join(close)))
        fail(L.msg("e_not_found", lang, file=households, id=household_id))
    hit = int(hits[0])
    again = norm.rejects[norm.rejects["household_id"].astype(str) == household_id]
    if len(again):  # a row of the same code was refused (used twice): the household may be that one
        row = _row_ref(table, int(table.rows[int(norm.accepted[hit])]))
        other, reason = _row_ref(table, int(again.iloc[0]["row"])), str(again.iloc[0]["reason"])
        note(L.msg("n_explained_row", lang, file=households, id=household_id, other=other, reason=reason, row=row))
    # the place named in the heading: the row's village (a tab's name under --sheet all), then its commune, else
    # --commune for a file without a commune column
    place = _place(frame, hit, lang) if placed else (commune or "").strip()
    place = ", ".join(part for part in (_cell(frame, hit, "village"), place) if part)
    behind = members_behind(rs, frame, hit, options)  # the members behind its derived marks
    chain = run_chain(rs.compiled(), frame, hit)
    click.echo(explain(chain, lang, place=place, behind=behind), nl=False)
    click.echo(designations_held(chain, options.review_date, lang), nl=False)  # as classify marks them
    if "previous_status" in frame.columns or "escaped_on" in frame.columns:  # as classify's transition columns
        status = next(step["status"] for step in chain.steps if step["kind"] == "class")
        recorded = _recorded_movement(table.table, int(norm.accepted[hit]), options.review_date, status)
        one = frame.iloc[[hit]].reset_index(drop=True)
        click.echo(_movement(rs, one, status, options.review_date, lang, recorded), nl=False)
    local = options.local
    if isinstance(local, Ruleset):  # the local classification, explained after the national one
        local_norm = prepare(table, local, options.with_(ruleset=local, local=None), source=str(households))
        position = int(norm.accepted[hit])  # the same row of the file
        local_hits = np.flatnonzero(np.asarray(local_norm.accepted) == position)
        if local_hits.size == 0:  # as classify: national only, its local columns empty; say why
            rejects = local_norm.rejects
            mine = (
                rejects["_pos"] == position
                if "_pos" in rejects
                else rejects["household_id"].astype(str) == household_id
            )
            why = rejects[mine].iloc[0]
            column, reason = str(why["column"]), str(why["reason"])
            reason = reason if reason.startswith(column) else f"{column}: {reason}"  # the column named once
            note(L.msg("e_local_unread", lang, file=households, id=household_id, local=local.id, reason=reason))
            return
        click.echo(f"\n{L.EXPLAIN['local'][lang]}: {local.label}\n")
        local_hit = int(local_hits[0])
        local_behind = members_behind(local, local_norm.frame, local_hit, options)
        chain = run_chain(local.compiled(), local_norm.frame, local_hit)
        click.echo(explain(chain, lang, place=place, behind=local_behind), nl=False)


_CLOSE_SHOWN = 5
_CLOSE_SEARCHED = 100_000  # beyond this many distinct codes, only codes that differ in case or spaces are offered


def _close_codes(ids: np.ndarray, asked: str) -> list[str]:
    """The file's codes an officer may have meant by ``asked``: those that differ from it only in case or
    spaces (``hc-01-0007``, `` HC-01-0007``) or in a number's leading zeros (``003`` asked of a file whose
    Excel dropped them, ``3``), then, in a file of at most :data:`_CLOSE_SEARCHED` codes, the closest by
    spelling (a typed digit or dash wrong) — at most :data:`_CLOSE_SHOWN`, each once."""
    if not len(ids):
        return []
    codes = pd.Series(ids, dtype=object)
    folded = codes.str.replace(r"\s+", "", regex=True).str.casefold()
    wanted = "".join(asked.split()).casefold()
    same = codes[folded == wanted].unique().tolist()
    if wanted.isdigit():  # 003 and 3: one number, its zeros lost (or added) on the way
        same += codes[folded.str.isdigit() & (folded.str.lstrip("0") == wanted.lstrip("0"))].unique().tolist()
    spellings = dict(zip(folded, codes, strict=True)) if folded.nunique() <= _CLOSE_SEARCHED else {}
    near = [spellings[f] for f in get_close_matches(wanted, list(spellings), n=_CLOSE_SHOWN, cutoff=0.8)]
    return list(dict.fromkeys(same + near))[:_CLOSE_SHOWN]


def _recorded_movement(table: pa.Table, position: int, day: date, status: str) -> tuple[str, date | None] | None:
    """The movement and the last day of support that ``review`` recorded for the row at ``position`` of a
    reviewed file (its ``transition`` and ``eligible_until`` columns, by id or headed in words): the review
    read them from the history, which tells a relapse from a first entry and keeps an earlier escape's
    window, where the file's ``previous_status`` alone cannot. None for a household file, or a row reviewed
    on another day than ``day``, recorded with another status than ``status``, or naming no movement."""
    row = table.slice(position, 1).to_pandas()
    headers = {str(c): str(c) for c in row.columns if str(c) in _RECORDED}
    headers |= {h: n for h, n in labelled_headers(row).items() if n in _RECORDED}

    def cell(name: str) -> str:
        header = next((h for h, n in headers.items() if n == name), None)
        value = None if header is None else row[header].iloc[0]
        if isinstance(value, date | datetime):  # a day the workbook stores as a date
            return value.strftime("%Y-%m-%d")
        return "" if value is None or pd.isna(value) else str(value).strip()

    moves = {fold(t): k for k, words in L.TRANSITION.items() for t in (k, *words.values())}
    # a blank cell under a transition column is a movement the review recorded as undecided (a household leaving the
    # commune, an undetermined one): said as such, not worked out again from the file's previous status
    written = any(n == "transition" for n in headers.values()) and not cell("transition")
    transition = "" if written else moves.get(fold(cell("transition")))
    recorded, unreadable = normalize_status(pd.Series([cell("status")], dtype=object))
    days, _ = parse_days(pd.Series([cell("review_date"), cell("eligible_until")], dtype=object))
    reviewed, last = days[0], days[1]
    if transition is None or bool(unreadable.iloc[0]) or str(recorded.iloc[0]) != status:
        return None
    if np.isnat(reviewed) or reviewed.astype("datetime64[D]").astype(date) != day:
        return None
    return transition, None if np.isnat(last) else last.astype("datetime64[D]").astype(date)


def _leaving(row: pd.DataFrame) -> str:
    """The row's mark of leaving the commune (``change_reason`` moved out, died or merged), ``""`` when none."""
    if "change_reason" not in row.columns:
        return ""
    reason = str(read_change_reasons(row["change_reason"])[0].iloc[0])
    return reason if reason in LEAVING else ""


def _movement(
    rs: Ruleset, row: pd.DataFrame, status: str, day: date, lang: str, recorded: tuple[str, date | None] | None = None
) -> str:
    """The household's movement since the last review and its national support window on the review date,
    from the file's ``previous_status`` / ``escaped_on`` — the ``transition`` and ``eligible_until`` columns
    of ``classify`` (:func:`~poverty_rules.review.transitions.stateless_transitions`), worded for the reader; of a
    reviewed file, the movement and window its review ``recorded`` from the history
    (:func:`_recorded_movement`), where the file's columns alone would say otherwise or nothing."""
    words = L.EXPLAIN
    moved = stateless_transitions(rs, row, pd.DataFrame({"status": [status]}), day).iloc[0]
    previous = row["previous_status"].astype(object).iloc[0] if "previous_status" in row.columns else None
    codes = status_codes(pd.Series([previous], dtype=object))
    written = "" if previous is None or pd.isna(previous) else str(previous).strip()
    if not written:
        before = words["none_recorded"][lang]
    elif int(codes[0][0]) >= 0 and not (codes[2][0] or codes[3][0]):
        before = L.status_label(STATUSES[int(codes[0][0])], lang)
    else:  # as the file words it: 'Thoát nghèo' says more than the status it counts as (not poor)
        before = written
    transition = str(moved["transition"])
    said = ""
    if recorded is not None and recorded[0] != transition:  # the history knows an earlier escape the file lacks
        transition, said = recorded[0], f" ({words['recorded'][lang]})"
    lines = [
        "",
        f"{words['movement'][lang].format(day=L.day(day, lang))}:",
        f"  - {words['previous'][lang]}: {before}",
        f"  - {words['status_now'][lang]}: {L.status_label(status, lang)}",
        f"  - {words['transition'][lang]}: "
        + (L.TRANSITION[transition][lang] if transition else words["undecided"][lang])
        + said,
    ]
    left = _leaving(row) if recorded is not None and not transition else ""
    if left:  # the review recognized nothing of a household leaving the commune (R2/R3 column 4)
        lines.append(f"  - {L.msg('explain_left', lang, reason=L.CHANGE_REASON[left][lang])}")
        return "\n".join(lines) + "\n"
    escaped = parse_days(row["escaped_on"].astype(object)) if "escaped_on" in row.columns else None
    earlier = escaped[0][0] if escaped is not None else np.datetime64("NaT", "D")
    if NATIONAL_PROGRAMME not in rs.programmes:  # a local standard run alone that drops the window: it opens none
        if transition == "escaped_poverty" or not np.isnat(earlier) or (recorded is not None and recorded[1]):
            lines.append(f"  - {words['window_dropped'][lang].format(id=rs.id)}")
        return "\n".join(lines) + "\n"
    if transition == "escaped_poverty":  # recognized by this review
        recognized: date = day
        lines.append(f"  - {words['escaped_on'][lang]}: {L.day(day, lang)} ({words['this_review'][lang]})")
    elif not np.isnat(earlier):
        recognized = earlier.astype("datetime64[D]").astype(date)
        lines.append(f"  - {words['escaped_on'][lang]}: {L.day(recognized, lang)}")
    elif recorded is not None and recorded[1] is not None:  # an earlier escape's window, kept in the history
        # named by the programme it was opened under (§5), the one whose window ends on the recorded day
        support = window_programme(recorded[1], NATIONAL_PROGRAMME, rs) or programme(rs)
        window = words["window"][lang].format(label=support.label.get(lang), months=support.months)
        state = f"{words['window_open'][lang].format(day=L.day(recorded[1], lang))} ({words['recorded'][lang]})"
        conf, ref = L.WORDS["confidence"][lang], L.WORDS["reference"][lang]
        lines.append(f"  - {window}: {state}. {ref}: {support.reference} [{conf} {support.confidence}].")
        return "\n".join(lines) + "\n"
    else:
        if codes[2][0] and status != "poor":  # 'Thoát nghèo' without its day: no window, and explain says why
            support = programme(rs)
            window = words["window"][lang].format(label=support.label.get(lang), months=support.months)
            lines.append(f"  - {window}: {words['window_no_date'][lang]}.")
        return "\n".join(lines) + "\n"
    chosen, which = escape_programmes(np.array([np.datetime64(recognized, "D")]), NATIONAL_PROGRAMME, rs)
    support = chosen[which[0]] if which[0] >= 0 else programme(rs)  # the programme of the escape's day (§5)
    last = support.eligible_until(recognized)
    if moved["eligible_until"]:
        state = words["window_open"][lang].format(day=L.day(last, lang))
    elif status == "undetermined":
        state = words["window_undetermined"][lang]
    elif status == "poor":
        state = words["window_poor"][lang]
    elif recognized > day:
        state = words["window_later"][lang]
    elif support.valid_to is not None and recognized > support.valid_to:  # the regime had ended (docs/rulesets.md)
        state = words["window_regime_ended"][lang].format(end=L.day(support.valid_to, lang))
    elif status not in support.serves:
        serves = ", ".join(L.status_label(s, lang) for s in support.serves)
        state = words["window_not_served"][lang].format(status=L.status_label(status, lang), serves=serves)
    else:
        state = words["window_closed"][lang].format(day=L.day(last, lang))
    window = words["window"][lang].format(label=support.label.get(lang), months=support.months)
    conf, ref = L.WORDS["confidence"][lang], L.WORDS["reference"][lang]
    lines.append(f"  - {window}: {state}. {ref}: {support.reference} [{conf} {support.confidence}].")
    return "\n".join(lines) + "\n"


def _cell(frame: pd.DataFrame, row: int, name: str) -> str:
    """The trimmed text of one place cell (``""`` when the file lacks the column or the cell is empty)."""
    if name not in frame.columns:
        return ""
    value = frame[name].iloc[row]
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value).strip()


def _place(frame: pd.DataFrame, row: int, lang: str) -> str:
    """The commune of one accepted row, as an officer reads it: ``Xã A, Tỉnh B (mã xã 12/03001)``."""
    province_code, commune_code, province, name = (_cell(frame, row, c) for c in PLACE_COLUMNS)
    code = f"{province_code}/{commune_code}" if province_code and commune_code else commune_code
    code = f"{L.EXPLAIN['commune_code'][lang]} {code}" if code else ""
    name = f"{name}, {province}" if name and province else name
    if name and code:
        return f"{name} ({code})"
    return name or code or f"({L.EXPLAIN['no_commune'][lang]})"


def _ambiguous_commune(
    frame: pd.DataFrame, hits: np.ndarray, commune: str, households: Path, household_id: str, lang: str
) -> str:
    """Why ``--commune`` chose no single row: the communes it matches, and the province/commune code that tells
    them apart (a commune code used in two provinces), or that only the code columns can (one name twice)."""
    matched = ", ".join(_place(frame, int(i), lang) for i in hits)
    first = int(hits[0])
    province_code, commune_code = _cell(frame, first, "province_code"), _cell(frame, first, "commune_code")
    values = {"file": households, "id": household_id, "commune": commune.strip(), "n": hits.size}
    if province_code and commune_code:
        return L.msg(
            "e_commune_several_codes", lang, communes=matched, example=f"{province_code}/{commune_code}", **values
        )
    return L.msg("e_commune_several_names", lang, communes=matched, **values)


def _in_commune(frame: pd.DataFrame, row: int, commune: str) -> bool:
    """Whether ``--commune`` names the row's commune: its name as ``review --commune`` matches it (accents,
    case, spaces and a leading xã / phường folded), or its commune code (with or without the province's)."""
    asked = commune.strip()
    province_code, commune_code = _cell(frame, row, "province_code"), _cell(frame, row, "commune_code")
    if commune_code and asked in {commune_code, f"{province_code}/{commune_code}"}:
        return True
    return commune_key(_cell(frame, row, "commune")) == commune_key(asked)


def _row_ref(table: SheetTable, row: int) -> str:
    """A row of the household file as the officer finds it: its number, or with ``--sheet all`` its sheet and its
    row there (``[Thôn 2] 7``), as the rejects file names it."""
    return row_refs(table.sheets, np.array([row]))[0] if table.sheets else str(row)
