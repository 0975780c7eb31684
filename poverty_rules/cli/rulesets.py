"""``poverty-rules rulesets``: list, show, check and diff the standards (issue #5).

``list`` shows the national standards, then the local overlays apart (they are outside the national
period check); ``show`` one ruleset's parameters, indicators and classes with their references;
``check`` runs every load-time check on a file (exit 2 with ``file:line: reason``); ``diff`` says
what changed between two standards, or between a national standard and an overlay.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from ..data.schema import COLUMN_ALIASES
from ..engine.checks import lost_class_notes
from ..engine.standards import available, base_of, bundled_twin, load_file, load_ruleset, package_path
from ..errors import RulesetError
from ..rules.constants import constant_values
from ..rules.diff import HEADINGS, class_text, diff_rulesets, render, rule_text
from ..rules.messages import ruleset_error
from ..rules.model import Ruleset
from ..rules.registry import local_file, local_files, ruleset_dirs
from ..vocabulary import words as L
from ..vocabulary.text import fold
from ..vocabulary.words import AREA, number
from ._base import WordedPath
from ._common import CONTEXT, GuardedGroup, fail, group_lang_option, lang_option

_WORDS = L.RULESETS


def _load(name: str, lang: str) -> Ruleset:
    try:
        return load_ruleset(name)
    except RulesetError as exc:
        fail(exc.in_lang(lang))


def _summary(rs: Ruleset) -> str:
    """How settled the ruleset's items are: counts of V, P and U tags."""
    tags: list[str] = [p.confidence for p in rs.parameters.values()]
    tags += [i.confidence for i in rs.indicators]
    tags += [c.confidence for c in rs.classes]
    return " ".join(f"{t}:{tags.count(t)}" for t in "VPU")


@click.group(
    cls=GuardedGroup, context_settings=CONTEXT, help=L.HELP["rulesets"]["text"], epilog=L.HELP["rulesets"]["epilog"]
)
@group_lang_option
def rulesets_group() -> None:
    """List, show, check and compare rulesets (the standards as YAML)."""


@rulesets_group.command(
    "list", context_settings=CONTEXT, help=L.HELP["rulesets list"]["text"], epilog=L.HELP["rulesets list"]["epilog"]
)
@lang_option
def list_command(lang: str) -> None:
    """The national standards (id, validity, confidence V/P/U, title), then local overlays apart."""
    national, files = available(), local_files()
    w = max([22, *(len(rs.id) for rs in national), *(len(path.stem) for path in files)])  # one column for all ids
    click.echo(f"{_WORDS['national'][lang]}:")
    for rs in national:
        click.echo(f"  {rs.id:<{w}} {_period(rs, lang)}  [{_summary(rs)}]  {rs.title.get(lang)}")
    click.echo(f"\n{_WORDS['local'][lang]}:")
    if not files:
        click.echo(f"  {_WORDS['none'][lang]}")
    for path in files:
        try:
            rs = load_ruleset(path.stem)
        except RulesetError as exc:
            click.echo(f"  {path.stem:<{w}} {L.msg('rs_list_error', lang)} {exc.in_lang(lang)}")
            continue
        if not rs.extends:  # a national standard's file in local/: not a local standard (docs/rulesets.md)
            click.echo(f"  {path.stem:<{w}} {L.msg('rs_list_error', lang)} {L.msg('rs_national_local_dir', lang)}")
            continue
        mark = f" ({_WORDS['example'][lang]})" if rs.example else ""
        click.echo(
            f"  {rs.id:<{w}} {_period(rs, lang)}  [{_summary(rs)}]  {rs.title.get(lang)}{mark}\n"
            f"  {'':<{w}} {_WORDS['extends'][lang]} {rs.extends}"
        )


def _period(rs: Ruleset, lang: str) -> str:
    """``01/01/2022 … 31/12/2026`` (vi) or ``2022-01-01 … 2026-12-31`` (en)."""
    return f"{L.day(rs.valid_from, lang)} … {L.day(rs.valid_to, lang)}"


def _value(value: float | dict[Any, float], lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{AREA[k][lang]} {_num(float(v), lang)}" for k, v in value.items())
    return _num(float(value), lang)


def _num(value: float, lang: str) -> str:
    """A parameter's value: whole numbers as 1,500,000, others with two decimals (0.50)."""
    return number(value, lang, 0 if value.is_integer() else 2)


def _one_area(rs: Ruleset, name: str, lang: str) -> str:
    """`` (rural only; urban as in vn-2022-2026@2025.02)`` after the citation of a local standard's parameter set
    for one area only (docs/rulesets.md, ``local_areas``): its reference and tag are not the other area's."""
    areas = rs.local_areas.get(name)
    if not areas or len(areas) != 1:
        return ""
    other = "urban" if areas[0] == "rural" else "rural"
    return " " + _WORDS["one_area"][lang].format(area=AREA[areas[0]][lang], other=AREA[other][lang], base=rs.extends)


def _regime(prog: Any, lang: str) -> str:
    """A programme's regime for ``show``: its dates (an escape recognized after the end opens no window) and
    the statuses it serves, in ``lang``."""
    serves = ", ".join(L.status_label(status, lang) for status in prog.serves)
    start = L.day(prog.valid_from, lang)
    if prog.valid_to is None:
        return _WORDS["regime_open"][lang].format(start=start, serves=serves)
    return _WORDS["regime_ended"][lang].format(start=start, end=L.day(prog.valid_to, lang), serves=serves)


def _derived_value(rs: Ruleset, name: str, lang: str) -> str:
    """`` = 3,000,000`` (one value per area when they differ) for a derived value that depends on no
    household, else ``""``."""
    values = constant_values(rs, name)
    if values is None:
        return ""
    return f" = {_value(values if len(set(values.values())) > 1 else next(iter(values.values())), lang)}"


@rulesets_group.command(
    "show", context_settings=CONTEXT, help=L.HELP["rulesets show"]["text"], epilog=L.HELP["rulesets show"]["epilog"]
)
@click.argument("name", metavar="ID|PATH")
@lang_option
def show_command(name: str, lang: str) -> None:
    """Show one ruleset: parameters, indicators, classes, designations and windows with references."""
    rs = _load(name, lang)
    w = {k: v[lang] for k, v in {**_WORDS, **HEADINGS}.items()}
    click.echo(f"{rs.label}  {rs.title.get(lang)}" + (f"  ({w['example']})" if rs.example else ""))
    click.echo(f"  {rs.legal_basis}\n  {w['valid']} {_period(rs, lang)}")
    click.echo(f"\n{w['parameters']}:")
    for pid, p in rs.parameters.items():
        click.echo(f"  {pid:<26} {_value(p.value, lang)} {L.unit(p.unit, lang)}  — {p.label.get(lang)}")
        click.echo(f"  {'':<26} [{p.confidence}] {p.reference}{_one_area(rs, pid, lang)}")
    click.echo(f"\n{w['dimensions']}:")  # the names the report page gives the dimensions
    for did, dim in rs.dimensions.items():
        click.echo(f"  {did:<26} {dim.label.get(lang)}  [{dim.confidence}] {dim.reference}")
    click.echo(f"\n{w['indicators']}:")
    for ind in rs.indicators:
        click.echo(f"  {ind.id:<26} {ind.label.get(lang)}  [{ind.confidence}] {ind.reference}")
        if ind.threshold is not None:
            click.echo(f"  {'':<26} {ind.threshold.get(lang)}")
        elif ind.deprived_when:  # no words for when it is deprived: its rule says it
            click.echo(f"  {'':<26} {L.DIFF_KEY['deprived_when'][lang]}: {rule_text(ind.deprived_when, rs, lang)}")
    if rs.derived:  # the values the classes compare with that the ruleset computes (income_line, score B)
        click.echo(f"\n{w['derived']}:")
        for value in rs.derived:
            click.echo(
                f"  {value.id:<26} = {rule_text(value.formula, rs, lang)}{_derived_value(rs, value.id, lang)}"
                f"  — {value.label.get(lang)}"
            )
            click.echo(f"  {'':<26} [{value.confidence}] {value.reference}")
    click.echo(f"\n{w['classes']}:")
    for c in rs.classes:
        click.echo(f"  {class_text(c, lang, rs)}  [{c.confidence}] {c.reference}")
    if rs.designations:
        click.echo(f"\n{w['designations']}:")
        for d in rs.designations:
            when = rule_text(d.when, rs, lang)
            click.echo(f"  {d.id:<26} {d.label.get(lang)}: {when}  [{d.confidence}] {d.reference}")
            if d.applies_from is not None:  # reviews before it leave the mark empty (Nghị định 30/2025)
                click.echo(f"  {'':<26} {w['applies_from'].format(day=L.day(d.applies_from, lang))}")
            if d.note is not None:
                click.echo(f"  {'':<26} {d.note.get(lang)}")
    if rs.programmes:
        click.echo(f"\n{w['programmes']}:")
        for pid, prog in rs.programmes.items():
            click.echo(f"  {pid:<26} {prog.months} {w['months']}  [{prog.confidence}] {prog.reference}")
            click.echo(f"  {'':<26} {_regime(prog, lang)}")
    if rs.not_defined:
        click.echo(f"\n{w['not_defined']}:")
        for nd in rs.not_defined:
            cited = f" {nd.reference}" if nd.reference else ""
            click.echo(f"  {nd.id:<26} {nd.note.get(lang)}  [{nd.confidence}]{cited}")
    if rs.removed:  # what a local standard drops, with the instrument that drops it (as `diff` shows them)
        click.echo(f"\n{w['removed']}:")
        for gone in rs.removed:
            click.echo(f"  {gone.section + '.' + gone.id:<26} [{gone.confidence}] {gone.reference}")


@rulesets_group.command(
    "check", context_settings=CONTEXT, help=L.HELP["rulesets check"]["text"], epilog=L.HELP["rulesets check"]["epilog"]
)
@click.argument("path", type=WordedPath(path_type=Path))
@lang_option
def check_command(path: Path, lang: str) -> None:
    """Run every load-time check on a ruleset file; exit 2 with file:line: reason on the first failure."""
    path = _bundled_file(path)
    try:
        rs = load_file(path)
        _check_against_national(rs, path)
        _check_own_label(rs, path)
        _check_headers(rs, path)
        _check_dropped(rs, path)
        _check_defined_and_not(rs, path)
        base = base_of(path) if rs.extends else None  # the file's own base, by id or by path
    except RulesetError as exc:
        fail(exc.in_lang(lang))
    kind = L.msg("rs_ok_local", lang, base=rs.extends) if rs.extends else ""
    click.echo(
        L.msg(
            "rs_ok", lang, file=path, label=rs.label, indicators=len(rs.indicators), classes=len(rs.classes), kind=kind
        )
    )
    if base is not None:  # a local standard may be looser than its base: say so (docs/rulesets.md)
        d = diff_rulesets(base, rs)
        if d.looser:
            where = ", ".join(dict.fromkeys(c.what for c in d.looser))
            click.echo(L.DIFF["looser_note"][lang].format(b=rs.id, a=d.a.id, where=where))
        for said in lost_class_notes(base, rs, path, lang):  # a class the national standard has, never reached
            click.echo(f"{L.CLI['note'][lang].capitalize()}: {said}")


def _bundled_file(path: Path) -> Path:
    """``path``, or the bundled file of a standard named by its id (``vn-2022-2026``,
    ``example-bac-ninh-2025``: as ``show`` and ``diff`` take them) when no such file is here."""
    if path.exists() or path.suffix in (".yaml", ".yml") or len(path.parts) > 1:
        return path
    for d in ruleset_dirs():
        if (d / f"{path}.yaml").is_file():
            return d / f"{path}.yaml"
    return local_file(str(path)) or path  # a local standard by its file's name or the id it states


def _check_against_national(rs: Ruleset, path: Path) -> None:
    """A national file must not overlap the bundled national standards (other than its own id's).

    Overlays and ``example: true`` files are outside the national period check (docs/design.md).
    """
    if rs.extends or rs.example:
        return
    for other in available():
        if other.id != rs.id and rs.valid_from <= other.valid_to and other.valid_from <= rs.valid_to:
            raise ruleset_error(
                path,
                _key_line(path, "valid_from"),
                "rs_overlap",
                start=rs.valid_from,
                end=rs.valid_to,
                other=other.id,
                other_start=other.valid_from,
                other_end=other.valid_to,
            )
    _check_no_gap(rs, path)


def _check_no_gap(rs: Ruleset, path: Path) -> None:
    """A national file must leave no gap beside the bundled national standards (other than its own id's):
    put among them, the periods tile time, as the registry requires of the files it loads (a gap there
    stops every command). Refused at the line of the file's date that leaves the gap."""
    others = [other for other in available() if other.id != rs.id]
    periods = sorted([*others, rs], key=lambda r: r.valid_from)
    for before, after in zip(periods, periods[1:], strict=False):
        if (after.valid_from - before.valid_to).days > 1 and (before is rs or after is rs):
            key = "valid_to" if before is rs else "valid_from"
            values = {"before": before.id, "end": before.valid_to, "after": after.id, "start": after.valid_from}
            raise ruleset_error(path, _key_line(path, key), "rs_periods_gap", **values)


def _check_own_label(rs: Ruleset, path: Path) -> None:
    """A file stating a bundled standard's id and version (its label, ``vn-2022-2026@2025.02``) is that
    standard: a changed copy would stamp its results and histories with the bundled standard's label, so it
    is refused at its ``version:`` line, naming what differs (an unchanged copy passes)."""
    twin = bundled_twin(rs, path)
    if twin is not None:
        file, what = twin
        line = _key_line(path, "version") or _key_line(path, "id")
        raise ruleset_error(path, line, "rs_same_label", label=rs.label, bundled=package_path(file), what=what)


def _check_headers(rs: Ruleset, path: Path) -> None:
    """No indicator's header (``aliases:``) is a household column's (data/schema.py): a file's column under
    it is read as that column, and the indicator would never find its own (never marked, silently)."""
    columns = {fold(name): column for column, names in COLUMN_ALIASES.items() for name in (column, *names)}
    for i, ind in enumerate(rs.indicators):
        for alias in ind.aliases:
            column = columns.get(fold(alias))
            if column is not None:
                line = rs.line_of("indicators", i, "aliases")
                raise ruleset_error(path, line, "rs_alias_column", id=ind.id, alias=alias, column=column)


def _check_dropped(rs: Ruleset, path: Path) -> None:
    """A national file declares, under ``not_defined:`` with a reference, each indicator and each mark
    (``designations``) of the bundled national standard just before it that it no longer has (vn-2027-2030 and
    the low-income-worker mark of Nghị định 30/2025): dropped without a word, a reader of the new standard
    cannot tell a repeal the law made from an entry the author forgot. Refused at the ``not_defined:`` line
    (else the section's), naming the earlier standard."""
    if rs.extends or rs.example:
        return
    earlier = [other for other in available() if other.id != rs.id and other.valid_to < rs.valid_from]
    if not earlier:
        return
    before = max(earlier, key=lambda other: other.valid_to)
    declared = {nd.id: nd for nd in rs.not_defined}
    for section, kept, old in (
        ("indicators", {i.id for i in rs.indicators}, [i.id for i in before.indicators]),
        ("designations", {d.id for d in rs.designations}, [d.id for d in before.designations]),
    ):
        for item in old:
            said = declared.get(item)
            if item in kept or (said is not None and said.reference):
                continue
            if said is not None:  # declared, but citing nothing
                at = rs.not_defined.index(said)
                line = rs.line_of("not_defined", at, "id") or _key_line(path, "not_defined")
                raise ruleset_error(path, line, "rs_dropped_uncited", id=item, before=before.label)
            line = _key_line(path, "not_defined") or _key_line(path, section)
            raise ruleset_error(path, line, "rs_dropped_silently", section=section, id=item, before=before.label)


def _check_defined_and_not(rs: Ruleset, path: Path) -> None:
    """A national file does not declare under ``not_defined:`` an indicator or a mark it defines (``waste`` among
    its indicators and its not-defined items): ``show`` would list it under both and no reader could tell which
    holds. Refused at the ``not_defined`` entry, naming the line of the definition."""
    if rs.extends:  # a local standard inherits its base's declarations; what it adds back is its own choice
        return
    defined = {ind.id: ("indicators", i) for i, ind in enumerate(rs.indicators)}
    defined.update({d.id: ("designations", i) for i, d in enumerate(rs.designations)})
    for at, nd in enumerate(rs.not_defined):
        if nd.id in defined:
            section, i = defined[nd.id]
            line = rs.line_of("not_defined", at, "id")
            raise ruleset_error(
                path, line, "rs_defined_and_not", id=nd.id, section=section, at=rs.line_of(section, i, "id") or "?"
            )


def _key_line(path: Path, key: str) -> int | None:
    """The line of a top-level key in a YAML file (1-based), or None."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number_, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if pattern.match(line):
            return number_
    return None


@rulesets_group.command(
    "diff", context_settings=CONTEXT, help=L.HELP["rulesets diff"]["text"], epilog=L.HELP["rulesets diff"]["epilog"]
)
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@lang_option
def diff_command(old: str, new: str, lang: str) -> None:
    """What changed from standard A to standard B (ids or .yaml paths; an overlay against its base).

    Lines (parameters) with old → new values, indicators added or removed, threshold texts changed,
    classes added or removed, designations and programme windows. ``+`` added, ``-`` removed,
    ``~`` changed.
    """
    a, b = _load(old, lang), _load(new, lang)
    click.echo(render(diff_rulesets(a, b), lang))
    if b.extends and b.extends == a.label:  # a local standard against its base: a class it never gives, said
        for said in lost_class_notes(a, b, new, lang):
            click.echo(f"{L.CLI['note'][lang].capitalize()}: {said}")
