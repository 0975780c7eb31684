"""What the commands share once their work starts: choosing the ruleset, reading the households and
members files, building the run options. The light half (errors, options, the console) is
:mod:`poverty_rules.cli._base`, re-exported here for the commands that import everything from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data.output_set import leftovers
from ..data.read import SPREADSHEET, SheetTable, open_table, read_table
from ..engine.checks import lost_class_notes
from ..engine.members import derives_from_members
from ..engine.standards import base_of, bundled_twin, load_ruleset, package_path
from ..errors import InputError, RulesetError
from ..pipeline import RunOptions
from ..review.transitions import leaving_movements
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ._base import (
    CONTEXT,
    DATE,
    EXIT_OK,
    EXIT_REJECTS,
    EXIT_UNUSABLE,
    REPORT_TO,
    DateParam,
    GuardedCommand,
    GuardedGroup,
    LazyGroup,
    as_of_option,
    blank_flags_option,
    current_lang,
    engine_option,
    escape,
    explain_as_of_option,
    explain_local_option,
    explain_option,
    fail,
    group_lang_option,
    input_options,
    lang_option,
    load,
    local_option,
    members_option,
    note,
    ruleset_option,
    run_options,
    stderr,
)

__all__ = [
    "CONTEXT",
    "DATE",
    "EXIT_OK",
    "EXIT_REJECTS",
    "EXIT_UNUSABLE",
    "REPORT_TO",
    "DateParam",
    "GuardedCommand",
    "GuardedGroup",
    "LazyGroup",
    "as_of_option",
    "explain_as_of_option",
    "explain_local_option",
    "blank_flags_option",
    "build_options",
    "choose_ruleset",
    "current_lang",
    "empty_file",
    "engine_option",
    "escape",
    "explain_option",
    "fail",
    "input_options",
    "leftover_notes",
    "group_lang_option",
    "lang_option",
    "load",
    "local_option",
    "members_option",
    "members_source",
    "not_reviewed_path",
    "own_not_reviewed_path",
    "note",
    "read_households",
    "read_members",
    "ruleset_option",
    "run_options",
    "stderr",
]


def empty_file(path: Path) -> bool:
    """Whether ``path`` is a file of 0 bytes (SQLite would take it for a new, empty database)."""
    return path.is_file() and path.stat().st_size == 0


def leftover_notes(outputs: tuple[Path, ...], lang: str) -> list[str]:
    """Remove what a run cut off before its end (power lost, the program killed) left beside ``outputs``
    (:func:`~poverty_rules.data.output_set.leftovers`: its hidden temporary files, of hundreds of MB for a
    district, GB for a province) and give the notes that say so; the files too young to be surely a dead
    run's are named, kept. What every command that writes files does before it writes (classify, review,
    report, eligible -o, history show -o)."""
    removed: list[Path] = []
    kept: list[Path] = []
    for path in outputs:
        gone, young = leftovers(path)
        removed += gone
        kept += young
    notes = [L.msg("rv_leftovers_removed", lang, files=", ".join(str(p) for p in removed))] if removed else []
    return notes + ([L.msg("rv_leftovers_kept", lang, files=", ".join(str(p) for p in kept))] if kept else [])


def not_reviewed_path(reviewed: Path) -> Path:
    """The not-reviewed file of a reviewed file, beside it and named after it (``ho_2026.reviewed.csv`` →
    ``ho_2026.not_reviewed.csv``, ``-o ket_qua.csv`` → ``ket_qua.not_reviewed.csv``; named after its whole name,
    ``ket_qua.xlsx.not_reviewed.csv``, when another reviewed file of its stem was beside it:
    :func:`own_not_reviewed_path`): ``review`` writes it there and ``report`` reads the households that left
    from there. The whole name's too when only its movements file, ``ket_qua.xlsx.movements.csv``, is beside it
    (its not-reviewed file not copied with it): the stem's, if there, is another review's."""
    own = own_not_reviewed_path(reviewed)
    if own.exists() or reviewed.with_name(f"{reviewed.name}.movements.csv").exists():
        return own
    return reviewed.with_name(f"{reviewed.stem.removesuffix('.reviewed')}.not_reviewed.csv")


def own_not_reviewed_path(reviewed: Path) -> Path:
    """The not-reviewed file named after the reviewed file's whole name (``k.xlsx`` → ``k.xlsx.not_reviewed.csv``),
    as ``review`` names it when another reviewed file of the same stem (``k.csv``) has the stem's."""
    return reviewed.with_name(f"{reviewed.name}.not_reviewed.csv")


def choose_ruleset(name: str | None, as_of: date | None) -> Ruleset:
    """The named ruleset, or the national standard in force on the review date (default today)."""
    try:
        return load_ruleset(name, as_of=as_of or date.today())
    except RulesetError as exc:
        fail(exc.in_lang(current_lang()))


def _say_out_of_period(rs: Ruleset, day: date, lang: str) -> None:
    """Note that ``rs``, chosen by name, is not in force on the review ``day`` (docs/standard.md §1)."""
    if rs.in_force(day):
        return
    try:
        current = load_ruleset(None, as_of=day).id
    except RulesetError:
        current = "—"
    start, end, on = (L.day(d, lang) for d in (rs.valid_from, rs.valid_to, day))
    note(L.CLI["ruleset_out_of_period"][lang].format(id=rs.id, start=start, end=end, day=on, current=current))


def _say_bundled_twin(rs: Ruleset, name: str, lang: str) -> None:
    """Note that the ruleset file ``name`` states a bundled standard's id and version while saying something
    else (a changed copy of ``vn-2022-2026.yaml``): the results are stamped as the bundled standard's, which
    ``rulesets check`` refuses (docs/rulesets.md); nothing for an id or an unchanged copy."""
    if not Path(name).is_file():
        return
    twin = bundled_twin(rs, name)
    if twin is not None:
        file, what = twin
        note(L.msg("rs_same_label_note", lang, file=name, label=rs.label, bundled=package_path(file), what=what))


def _say_lost_classes(local: Ruleset, named: str, lang: str) -> None:
    """Note each class the local standard's national base gives by measured income that the local standard
    never gives in an area (its line above the national average line: no average household), naming its lines
    (docs/standard.md §1): its ``local_status`` column will hold none, while ``status`` keeps the class."""
    try:
        base = base_of(local.source) if Path(local.source).is_file() else load_ruleset(local.extends)
    except RulesetError:
        return
    if base is None:
        return
    for said in lost_class_notes(base, local, named, lang):
        note(said)


def members_source(path: Path | None, lang: str) -> str:
    """How messages name the members file: ``thanh_vien.csv (tệp thành viên)``."""
    return L.msg("members_file", lang, file=path)


def read_households(
    path: Path, *, sheet: str | None = None, encoding: str | None = None, lang: str = "en"
) -> SheetTable:
    """The household file as a :class:`~poverty_rules.data.read.SheetTable` (any supported format)."""
    return read_table(path, sheet=sheet, encoding=encoding, lang=lang)


def read_members(path: Path, lang: str, sheet: str | None = None) -> SheetTable:
    """The members file as read: text columns as written, kept as Arrow (ragged rows marked), so the
    derivation reads them without pandas; a file that cannot be read stops the command (exit 2), the
    message naming it as the members file where it names the file (``tv.xlsx (tệp thành viên): …``).
    ``sheet`` (``--members-sheet``): the workbook's sheet to read, by name or number as ``--sheet``; a
    file that is no workbook is refused with it, never read whole in its stead."""
    try:
        if sheet is not None and open_table(path, lang=lang).format != SPREADSHEET:
            raise InputError(L.msg("members_sheet_not_workbook", lang, file=L.printable(path), sheet=sheet))
        return read_table(path, sheet=sheet, lang=lang, members=True)
    except InputError as exc:
        said, shown = exc.in_lang(lang), L.printable(path)
        if said.startswith(f"{shown}:"):
            fail(L.msg("members_file", lang, file=shown) + said[len(shown) :])
        fail(L.msg("members_file", lang, file=said))


def members_sheet_alone(members_path: Path | None, members_sheet: str | None, lang: str) -> None:
    """Refuse (exit 2) ``--members-sheet`` without ``--members``: a sheet of no file, which would be
    silently ignored while the officer thinks the members are read."""
    if members_sheet is not None and members_path is None:
        fail(L.msg("members_sheet_alone", lang, sheet=members_sheet))


def members_needed(
    members_path: Path | None, rs: Ruleset, local: Ruleset | None, lang: str, quiet: bool = False
) -> Path | None:
    """The members file to read, or None when no standard of the run (``rs``, the ``local`` one beside it)
    derives an indicator from a members list (vn-2027-2030, its thresholds not verified: docs/members.md): the
    file is then not read — one that cannot be read stops nothing, a file no rule reads changing no result —
    and a note says so, naming it, unless ``quiet``."""
    if members_path is None or any(derives_from_members(s) for s in (rs, local) if s is not None):
        return members_path
    if not quiet:
        note(L.msg("n_members_not_read", lang, file=members_source(members_path, lang), ruleset=rs.id))
    return None


def build_options(
    *,
    as_of: date | None,
    ruleset_name: str | None,
    engine: str = "vectorized",
    explain: bool = False,
    lang: str = "vi",
    members_path: Path | None = None,
    blank_flags: str = "unknown",
    local_name: str | None = None,
    quiet: bool = False,
    members_sheet: str | None = None,
) -> tuple[RunOptions, Ruleset]:
    """The command's run options, built once (the members file read), and the ruleset they choose
    (``local_name``: a local standard classified beside it, loaded here so a bad one stops the run).
    A ruleset named by ``--ruleset`` is used even on a date outside its period (docs/design.md); a note
    says so and names the standard in force that day, unless ``quiet``."""
    rs = choose_ruleset(ruleset_name, as_of)
    if ruleset_name is not None and not quiet:
        _say_out_of_period(rs, as_of or date.today(), lang)
    local = choose_ruleset(local_name, as_of) if local_name is not None else None
    for name, chosen in ((ruleset_name, rs), (local_name, local)):
        if name is not None and chosen is not None and not quiet:
            _say_bundled_twin(chosen, name, lang)
    if local is not None and not quiet:
        _say_lost_classes(local, local_name or local.id, lang)
    members_path = members_needed(members_path, rs, local, lang, quiet)
    members = read_members(members_path, lang, members_sheet) if members_path is not None else None
    options = RunOptions(
        engine=engine,  # type: ignore[arg-type]
        members=members,
        blank_flags=blank_flags,  # type: ignore[arg-type]
        explain=explain,
        lang=lang,  # type: ignore[arg-type]
        as_of=as_of,
        ruleset=rs,
        local=local,
    )
    return options, rs


def say_old_leaving_movements(
    db: Path, change_reason: object, transition: object, days: list[date], commune: str | None, lang: str
) -> None:
    """Note (``history show``, ``report --db``) that the review of ``days`` was recorded by a version before session
    25: households marked leaving the commune (``change_reason``) hold a movement (``transition``: an escape and its
    window) that review no longer records (review/transitions.py ``leaving_movements``), with the command that
    records it again (``review … --replace``)."""
    count = leaving_movements(change_reason, transition)
    if not count or not days:
        return
    named = f' --commune "{commune}"' if commune else ""
    day = ", ".join(d.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d") for d in sorted(set(days)))
    note(L.msg("h_old_leaving_movements", lang, db=db, day=day, count=count, commune=named))
