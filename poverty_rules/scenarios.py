"""Scenario cases as data: how a policy officer states what the standard must decide.

A case file is YAML::

    title: Chuẩn nghèo 2022–2025 — ranh giới thu nhập
    as_of: 2025-12-01            # default review date for the cases below
    ruleset: vn-2022-2026        # optional: a ruleset id or a path (relative to this file)
    cases:
      - name: rural, income exactly on the line, 3 deprivations -> poor
        law: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a
        household: {area: rural, income_per_capita: 1500000, deprived: [employment, water, sanitation]}
        expect: {status: poor, deprived: [employment, water, sanitation], decided_by: income}

In ``household``: ``deprived`` lists the deprived indicators, ``unknown`` those whose mark is missing;
every other indicator of the ruleset is *not deprived*. Other keys (``score_a``, ``previous_status``,
``escaped_on``…) are household columns. ``ruleset`` may name a local overlay by id
(``example-province-2026``) or by path (``local/example-province-2026.yaml``). ``expect`` may check
``status`` (``poor`` or ``nghèo``, ``Hộ cận nghèo`` …), ``deprived``, ``deprivation_count``, ``decided_by``,
``undetermined_by``, ``transition``, ``eligible_until`` and designations such as ``low_income_worker``. A case
may override ``as_of`` and ``ruleset``.

``local`` (file or case) names a local standard classified beside the ruleset (docs/standard.md §1):
``deprived`` / ``unknown`` may then name indicators of either, and ``expect`` may also check
``local_status``, ``local_deprived``, ``local_deprivation_count``, ``local_ruleset`` and ``local_eligible_until`` (the
local standard's own support window). ``programme`` (file or case) names the programme whose window
``eligible_until`` is counted with (``policy_credit``); the national programme's without it.
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from pathlib import Path
from typing import Any, cast

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .api import classify
from .data.schema import header_aliases, member_column_headers
from .engine.standards import available, load_ruleset
from .errors import Note, PovertyRulesError, RowErrors, RulesetError, ScenarioError
from .pipeline import Engine, Lang
from .results.labels import RESULT_HEADERS
from .review.transitions import NATIONAL_PROGRAMME, eligible_until_column
from .rules.fields import HOUSEHOLD_FIELDS, MEMBER_FIELDS
from .rules.messages import located, ruleset_error, schema_error
from .rules.model import Ruleset
from .rules.registry import ruleset_dirs
from .rules.yaml_lines import line_for, load_yaml_with_lines
from .vocabulary import words as L
from .vocabulary.day import parse_date
from .vocabulary.flags import flag_value
from .vocabulary.status_ids import STATUSES
from .vocabulary.statuses import normalize_status, spelling_key
from .vocabulary.text import fold


def _day(value: Any) -> Any:
    """A review date as officers write it: ``2025-12-01`` or ``01/12/2025`` (as the command line reads it); a
    number (``20251210``, or ``1733788800`` that pydantic would read as seconds since 1970) is no date."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            "day_parsing", "expected a date as YYYY-MM-DD or DD/MM/YYYY, got {value}", {"value": value}
        )
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value)
    except ValueError:  # said in both languages (vocabulary SCHEMA_ERROR), not as Python's English
        raise PydanticCustomError(
            "day_parsing", "expected a date as YYYY-MM-DD or DD/MM/YYYY, got {value}", {"value": value}
        ) from None


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="what the case checks: a failing case is shown by it")
    law: str = Field(min_length=3, description="the article the case checks")
    as_of: date | None = None
    ruleset: str | None = None
    local: str | None = None
    #: The support programme whose window ``eligible_until`` (and ``local_eligible_until``) is counted with, by its
    #: id in ``programmes:`` (``policy_credit``); the national programme without it.
    programme: str | None = None
    household: dict[str, Any]
    members: list[dict[str, Any]] | None = None
    expect: dict[str, Any] = Field(min_length=1, description="at least one column the case checks")

    _as_of = field_validator("as_of", mode="before")(_day)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Any:
        """A name as written, without spaces around it: ``name:`` left blank (or spaces) is an empty name."""
        if value is None:
            return ""
        return value.strip() if isinstance(value, str) else value


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    as_of: date | None = None
    ruleset: str | None = None
    local: str | None = None
    programme: str | None = None
    cases: list[Case] = Field(min_length=1)
    #: The line of every key in the file (rules/yaml_lines.py), for messages that point at the case.
    _lines: dict[tuple[Any, ...], int] = PrivateAttr(default_factory=dict)
    #: The cases (by position) that cannot be run, with why in each language (``load_cases(keep_going=True)``):
    #: each stands in ``cases`` as a placeholder of its name, and the others still run.
    _broken: dict[int, dict[str, str]] = PrivateAttr(default_factory=dict)

    _as_of = field_validator("as_of", mode="before")(_day)

    def line(self, *where: Any) -> int | None:
        """The file's line of a key (``"ruleset"``, or ``"cases", 2``) — None when not known."""
        return line_for(self._lines, where) if self._lines else None


@dataclass
class Outcome:
    """One case's result: ``differences`` is empty when it passed."""

    file: str
    case: Case
    got: dict[str, Any]
    differences: list[str]
    #: What the library noted of the case's own member rows (an unreadable cell read as unknown …), said
    #: at the case's members line in the run's language: shown with the case, not hidden as other notes are.
    notes: list[str] = _field(default_factory=list)
    #: Why the case could not be run (a key it does not have, an indicator no ruleset has …), at its file and
    #: line in the run's language; ``""`` for a case that ran (``run_cases(..., keep_going=True)``).
    unusable: str = ""

    @property
    def passed(self) -> bool:
        return not self.differences and not self.unusable


LIST_FIELDS = {"deprived", "undetermined_by", "local_deprived"}


def load_cases(path: str | Path, *, keep_going: bool = False) -> CaseFile:
    """Read a case file (raises :class:`ScenarioError` naming the file and the problem, in vi and en). With
    ``keep_going``, a case that is not one (a key it does not have, no ``law:``, a name an earlier case has) is
    kept as a placeholder of its name with why in ``_broken``, and the file's other cases are read."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError.of(L.texts("is_folder" if path.is_dir() else "file_not_found", file=path))
    bad_dates: list[tuple[int, str]] | None = [] if keep_going else None
    twice: list[tuple[tuple[Any, ...], RulesetError]] | None = [] if keep_going else None
    try:
        data, lines = load_yaml_with_lines(_case_text(path), str(path), bad_dates=bad_dates, duplicates=twice)
    except RulesetError as exc:  # bad YAML (at its line and column) or an empty file
        raise ScenarioError.of(exc.texts) from None
    except UnicodeDecodeError as exc:  # at the line of the first byte that is not UTF-8 (cp1258, …)
        line = exc.object[: exc.start].count(b"\n") + 1
        texts = L.texts("case_unreadable", file=path, why=L.texts("case_not_text"))
        raise _at(path, line, {lang: text.removeprefix(f"{path}: ") for lang, text in texts.items()}) from None
    except OSError as exc:
        raise ScenarioError.of(L.texts("case_unreadable", file=path, why=L.os_reasons(exc))) from None
    if not isinstance(data, dict):
        raise ScenarioError.of(L.texts("case_not_mapping", file=path))
    ruleset_keys = [key for key in ("id", "extends", "parameters", "indicators", "classes") if key in data]
    if ruleset_keys and "cases" not in data:  # the standard itself given to `test`: say which command reads it
        keys = ", ".join(f"{key}:" for key in ruleset_keys)
        raise ScenarioError.of(L.texts("case_is_ruleset", file=path, keys=keys))
    broken: dict[int, dict[str, str]] = {}
    for line, value in bad_dates or []:  # a date that does not exist (2025-13-01): its case's, else the file's
        said = ruleset_error(path, line, "rs_bad_date", value=value)
        at = _case_at(lines, line)
        if at is None:
            raise ScenarioError.of(said.texts)
        broken.setdefault(at, said.texts)
    for where, error in twice or []:  # a key given twice (YAML keeps the last): its case's, else the file's
        if len(where) < 3 or where[0] != "cases" or not isinstance(where[1], int):
            raise ScenarioError.of(error.texts)
        shown = ".".join(str(p) for p in _shown_loc(where))  # cases.1 = the first, as every case error counts
        broken.setdefault(where[1], ruleset_error(path, error.line, "rs_duplicate_key", key=shown).texts)
    try:
        spec = CaseFile.model_validate(data)
    except ValidationError as exc:  # pydantic's first complaint, at its line, in both languages
        errors = exc.errors()
        by_case = _errors_by_case(errors, data) if keep_going else None
        if by_case is None:
            raise _schema_said(path, lines, errors) from None
        cases = list(data["cases"])
        for i, among in by_case.items():  # each bad case said, and held by a placeholder of its name
            broken.setdefault(i, _schema_said(path, lines, among).texts)
            cases[i] = _placeholder(cases[i], i)
        spec = CaseFile.model_validate({**data, "cases": cases})
    spec._lines = lines
    spec._broken = broken
    _refuse_same_names(path, spec, keep_going)
    return spec


def _case_at(lines: dict[tuple[Any, ...], int], line: int) -> int | None:
    """The case (its position) whose text holds ``line`` of the file, or None when the line is the file's own (a
    top-level key such as ``as_of:``)."""
    top = max(((at, key) for key, at in lines.items() if len(key) == 1 and at <= line), default=None)
    if top is None or top[1] != ("cases",):
        return None
    starts = [(at, key[1]) for key, at in lines.items() if len(key) == 2 and key[0] == "cases" and at <= line]
    return max(starts)[1] if starts else None


def _schema_said(path: Path, lines: dict[tuple[Any, ...], int], errors: list[Any]) -> ScenarioError:
    """Pydantic's first complaint of ``errors`` about a case file, at its line, in both languages."""
    error = errors[0]
    for other in errors if error["type"] == "missing" else []:  # 'expected:' is said, not the expect: it lacks
        if other["type"] == "extra_forbidden" and other["loc"][:-1] == error["loc"][:-1]:
            error = other
            break
    if error["type"] == "extra_forbidden":  # a key of neither a case file nor a case ('expected:', 'base:')
        return _at(path, line_for(lines, error["loc"]), _unknown_key(error["loc"]))
    shown = {**error, "loc": _shown_loc(error["loc"])}  # cases.1 = first
    return ScenarioError.of(schema_error(path, line_for(lines, error["loc"]), shown).texts)


def _errors_by_case(errors: list[Any], data: dict[str, Any]) -> dict[int, list[Any]] | None:
    """Pydantic's ``errors`` grouped by the case (its position) each is inside, or None when one is about the
    file itself (its title, its ``cases:`` not a list …): then no case can be run."""
    by_case: dict[int, list[Any]] = {}
    cases = data.get("cases")
    for error in errors:
        loc = error["loc"]
        if len(loc) < 2 or loc[0] != "cases" or not isinstance(loc[1], int) or not isinstance(cases, list):
            return None
        by_case.setdefault(loc[1], []).append(error)
    return by_case


def _placeholder(case: Any, i: int) -> dict[str, Any]:
    """A case that stands for case ``i``, which could not be read: its name as written (else ``cases.N``, its
    place counted from 1), so that its outcome is shown by it."""
    name = case.get("name") if isinstance(case, dict) else None
    shown = name.strip() if isinstance(name, str) and name.strip() else f"cases.{i + 1}"
    return {"name": shown, "law": "---", "household": {}, "expect": {"error": ""}}


def _refuse_same_names(path: Path, spec: CaseFile, keep_going: bool = False) -> None:
    """Refuse a case named as an earlier one, at its ``name:`` line: a failing case is shown by its name alone,
    so two of one name could not be told apart. With ``keep_going`` that case is marked broken instead."""
    first: dict[str, int] = {}
    for i, case in enumerate(spec.cases):
        if i in spec._broken:
            continue
        line = spec.line("cases", i, "name") or spec.line("cases", i)
        name = case.name.strip()
        if name in first:
            said = _at(path, line, L.texts("case_same_name", case=case.name, first=first[name]))
            if not keep_going:
                raise said
            spec._broken[i] = said.texts
            continue
        first[name] = line or 0


def _unknown_key(loc: tuple[Any, ...]) -> dict[str, str]:
    """A key at ``loc`` that a case file (``base:``) or a case (``expected:``) does not have, in each language,
    with the keys it may have and the one meant when it is a letter or two from one."""
    key = str(loc[-1])
    in_case = len(loc) > 1
    known = [name for name in (Case if in_case else CaseFile).model_fields]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
    where = ".".join(str(p) for p in _shown_loc(loc[:-1])) + ": " if in_case else ""
    return {
        lang: L.msg(
            "case_unknown_key",
            lang,
            where=where,
            key=key,
            what=L.msg("case_keys" if in_case else "case_file_keys", lang),
            meant=L.msg("case_key_meant", lang, meant=close[0]) if close else "",
            known=", ".join(known),
        )
        for lang in ("vi", "en")
    }


def _shown_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pydantic's place of a complaint as the officer counts: a case or a member from 1 (``cases.1`` is the
    first case), a key as written (``household.2020``: a number a key, not a position, is not counted on)."""
    return tuple(
        p + 1 if isinstance(p, int) and i and loc[i - 1] in ("cases", "members") else p for i, p in enumerate(loc)
    )


def _case_text(path: Path) -> str:
    """A case file's text: UTF-8 (with or without a BOM), or UTF-16 as an editor saves 'Unicode' (as a
    ruleset file is read, rules/loader.py). Raises ``UnicodeDecodeError`` for any other encoding."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8-sig")


def _ruleset_for(name: str | None, as_of: date | None, base: Path) -> Ruleset:
    """The case's ruleset: an id (national or a local overlay's), or a path.

    A relative path is read relative to the case file; failing that, relative to the bundled
    ``rulesets/`` folder (so ``local/example-province-2026.yaml`` names the bundled overlay).
    """
    if name and (name.endswith((".yaml", ".yml")) or "/" in name):
        candidate = (base / name) if not Path(name).is_absolute() else Path(name)
        if not candidate.is_file():
            bundled = [d / name for d in ruleset_dirs() if (d / name).is_file()]
            if not bundled:
                texts = L.texts("case_no_ruleset_file", name=name)
                beside = sorted(p.name for p in candidate.parent.glob("*.y*ml")) if candidate.parent.is_dir() else []
                close = difflib.get_close_matches(candidate.name, beside, n=1, cutoff=0.8)
                if close:  # the file beside it that is meant (tinh-b-2026.yaml for tinh-b-2025.yaml)
                    meant = str(Path(name).parent / close[0]) if Path(name).parent != Path(".") else close[0]
                    hint = L.texts("case_indicator_meant", meant=meant)
                    texts = {lang: text + hint[lang] for lang, text in texts.items()}
                raise located(candidate, None, texts)
            candidate = bundled[0]
        return load_ruleset(str(candidate))
    return load_ruleset(name, as_of=as_of or date.today())


def _at(path: Path, line: int | None, texts: dict[str, str]) -> ScenarioError:
    """A case's error at its file and line (every message of ``poverty-rules test`` names both)."""
    return ScenarioError.of(located(path, line, texts).texts)


def _of_case(case: Case, texts: dict[str, str]) -> dict[str, str]:
    """``texts`` (a complaint about a part of ``case``, such as its ``expect:``) naming the case, in each language:
    the line alone does not say which case an officer is to open."""
    return {lang: L.msg("case_named", lang, case=case.name, reason=text) for lang, text in texts.items()}


def _not_indicators(where: str, case: Case, names: list[str], rs: Ruleset, local: Ruleset | None) -> dict[str, str]:
    """``names`` (written at ``where`` of ``case``) are no indicator of its ruleset nor of its local standard,
    in each language."""
    texts = {}
    known = [i.id for r in (rs, local) if r is not None for i in r.indicators]
    close = [m for name in names for m in difflib.get_close_matches(name, known, n=1, cutoff=0.75)]
    for lang in ("vi", "en"):
        rulesets = rs.id + (f" {L.WORDS['or'][lang]} {local.id}" if local is not None else "")
        shown = f"{where}: {', '.join(names)}"
        texts[lang] = L.msg("case_not_indicator", lang, case=case.name, names=shown, rulesets=rulesets)
        if close:  # the indicator meant, else the ones there are (a misspelling, or another standard's)
            texts[lang] += L.msg("case_indicator_meant", lang, meant=", ".join(dict.fromkeys(close)))
        else:
            texts[lang] += L.msg("case_indicators_are", lang, known=", ".join(dict.fromkeys(known)))
    return texts


def _out_of_period(rs: Ruleset, day: date) -> dict[str, str]:
    """A local standard's period and the case's review ``day`` outside it, in each language, as ``classify
    --local`` says it (docs/standard.md §1), naming the case file's ``as_of:``."""
    return {
        lang: L.LOCAL["out_of_period"][lang].format(
            id=rs.id,
            start=L.day(rs.valid_from, lang),
            end=L.day(rs.valid_to, lang),
            day=L.day(day, lang),
            option="as_of:",
        )
        for lang in ("vi", "en")
    }


def _named_out_of_period(case: Case, rs: Ruleset, day: date) -> dict[str, str]:
    """The note ``classify --ruleset`` gives (docs/standard.md §1) for ``case``, whose national ``rs`` (named by
    ``ruleset:``) does not cover its review ``day``, in each language: its results follow ``rs``, as asked."""
    try:
        current = load_ruleset(None, as_of=day).id
    except RulesetError:  # no national standard on that day
        current = "—"
    return {
        lang: L.msg(
            "case_ruleset_out_of_period",
            lang,
            case=case.name,
            id=rs.id,
            start=L.day(rs.valid_from, lang),
            end=L.day(rs.valid_to, lang),
            day=L.day(day, lang),
            current=current,
        )
        for lang in ("vi", "en")
    }


def _row(case: Case, rs: Ruleset, local: Ruleset | None = None) -> dict[str, Any]:
    h = dict(case.household)
    deprived = set(_ids(h.pop("deprived", None)))
    unknown = set(_ids(h.pop("unknown", None)))
    indicators = {i.id: i for r in (rs, local) if r is not None for i in r.indicators}
    both = sorted(deprived & unknown)
    if both:  # which one the officer meant is not ours to guess
        raise ScenarioError.of(L.texts("case_deprived_and_unknown", case=case.name, names=", ".join(both)))
    stray = (deprived | unknown) - set(indicators)
    if stray:
        texts = {
            lang: L.msg(
                "case_not_indicator",
                lang,
                case=case.name,
                names=", ".join(sorted(stray)),
                rulesets=rs.id + (f" {L.WORDS['or'][lang]} {local.id}" if local is not None else ""),
            )
            for lang in ("vi", "en")
        }
        raise ScenarioError.of(texts)
    near = _near_miss(list(h), rs, local)
    if near is not None:  # a misspelt column would be carried as an extra column and read by nothing
        raise ScenarioError.of(L.texts("case_household_key", case=case.name, key=near[0], meant=near[1]))
    row: dict[str, Any] = {"household_id": h.pop("household_id", case.name)}
    written = {fold(str(key)) for key in h}  # a flag the case gives as a column ('Nguồn nước sinh hoạt: 1')
    aliases = {column: names for r in (rs, local) if r is not None for column, names in header_aliases(r).items()}
    for ind in indicators.values():
        if {fold(name) for name in (ind.column, *aliases.get(ind.column, []))} & written:
            continue
        row[ind.column] = None if ind.id in unknown else (1.0 if ind.id in deprived else 0.0)
    row.update(h)
    return row


def run_cases(
    path: str | Path, lang: Lang = "en", engine: Engine = "vectorized", *, keep_going: bool = False
) -> list[Outcome]:
    """Run every case of a file through the library, each with its own review date and ruleset.

    Each case is compared in English, and an expected ``error`` also in ``lang`` (it may be written in
    either); the differences, a failing case's ``reason`` and any error are written in ``lang``. A case
    that cannot be run (a key it does not have, a ruleset that cannot be loaded, an indicator no ruleset has)
    stops the run with a :class:`ScenarioError` naming the file and the line; with ``keep_going`` (as
    ``poverty-rules test`` runs a file) it is the case's outcome instead (:attr:`Outcome.unusable`, said in
    ``lang``) and the other cases still run. A problem of the file itself (its YAML, its own ``ruleset:``,
    ``local:`` or ``as_of:``) stops the run either way. ``engine`` classifies the cases (``"durable"``:
    household by household, as ``classify --engine durable``)."""
    path = Path(path)
    spec = load_cases(path, keep_going=keep_going)
    outcomes = []
    for i, case in enumerate(spec.cases):
        broken = spec._broken.get(i)
        if broken is not None:  # a case the file could not read as one (keep_going)
            outcomes.append(Outcome(str(path), case, {}, [], unusable=broken[lang]))
            continue
        try:
            outcomes.append(_case_outcome(path, spec, i, lang, engine))
        except _FileWide as exc:  # every case of the file would say it: the file cannot be run
            raise exc.error from None
        except ScenarioError as exc:
            if not keep_going:
                raise
            outcomes.append(Outcome(str(path), case, {}, [], unusable=exc.in_lang(lang)))
    return outcomes


class _FileWide(Exception):  # noqa: N818 - it carries the error, it is never shown
    """A case's error that is the file's own (its ``ruleset:``, ``local:`` or ``as_of:``): it stops the run."""

    def __init__(self, error: ScenarioError) -> None:
        super().__init__(str(error))
        self.error = error


def _case_outcome(path: Path, spec: CaseFile, i: int, lang: Lang, engine: Engine) -> Outcome:
    """Case ``i`` of ``spec`` run and compared (:func:`run_cases`); raises :class:`ScenarioError` when it cannot be
    run, wrapped in :class:`_FileWide` when the fault is at a key of the file rather than of the case."""
    case = spec.cases[i]
    on = case.as_of or spec.as_of
    chosen = case.ruleset or spec.ruleset
    if not chosen and not any(national.in_force(on or date.today()) for national in available()):
        # no national standard in force on the review date: the answer for that day, as classify gives it
        where = ("cases", i, "as_of") if case.as_of else ("as_of",) if spec.as_of else ("cases", i)
        return _no_standard(path, spec.line(*where), case, on, lang)
    try:
        rs = _ruleset_for(chosen, on, path.parent)
    except (RulesetError, ScenarioError) as exc:  # a ruleset that cannot be loaded
        key = ("cases", i, "ruleset") if case.ruleset else ("ruleset",) if spec.ruleset else ("cases", i)
        refused = _at(path, spec.line(*key), {lang: exc.in_lang(lang) for lang in ("vi", "en")})
        raise (_FileWide(refused) if key == ("ruleset",) else refused) from None
    day = on or date.today()
    if rs.extends and not rs.in_force(day):  # a local standard alone outside its period (docs/standard.md §1)
        key = ("cases", i, "as_of") if case.as_of else ("as_of",) if spec.as_of else ("cases", i)
        refused = _at(path, spec.line(*key), _out_of_period(rs, day))
        raise _FileWide(refused) if key == ("as_of",) and not case.ruleset else refused
    local_name = case.local or spec.local
    try:
        local = _ruleset_for(local_name, on, path.parent) if local_name else None
    except (RulesetError, ScenarioError) as exc:  # a local standard that cannot be loaded: at its local:
        key = ("cases", i, "local") if case.local else ("local",)
        refused = _at(path, spec.line(*key), {lang: exc.in_lang(lang) for lang in ("vi", "en")})
        raise (_FileWide(refused) if key == ("local",) else refused) from None
    nested = _nested_value(case)
    if nested is not None:  # a list or a mapping where a column's one cell goes: no file has such a cell
        where, value = nested
        place = ".".join(str(k + 1 if isinstance(k, int) else k) for k in where)  # members.1.age: the first
        said = L.texts("case_nested_value", case=case.name, key=place, value=_text(value))
        raise _at(path, spec.line("cases", i, *where), said)
    marks = _marks_said(path, spec, i, rs, local)
    if marks is not None:  # deprived: / unknown: naming no indicator, or a mapping: at its own line
        raise marks
    stray_ids = _indicators_as_keys(case, rs, local)
    if stray_ids:  # 'deprived: water, sanitation' in {…}: sanitation became a column of its own
        line = spec.line("cases", i, "household", stray_ids[0]) or spec.line("cases", i, "household")
        listed = ", ".join([*_ids(case.household.get("deprived")), *stray_ids])
        said = L.texts("case_id_as_key", case=case.name, key=stray_ids[0], example=listed)
        raise _at(path, line, said)
    near = _near_miss([key for key in case.household if key not in ("deprived", "unknown")], rs, local)
    if near is not None:  # a misspelt column, at its own line (a household written one key a line)
        line = spec.line("cases", i, "household", near[0]) or spec.line("cases", i, "household")
        raise _at(path, line, L.texts("case_household_key", case=case.name, key=near[0], meant=near[1]))
    try:
        row = _row(case, rs, local)
    except ScenarioError as exc:  # an indicator no ruleset has: at the case's household
        line = spec.line("cases", i, "household")
        raise _at(path, line, {lang: exc.in_lang(lang) for lang in ("vi", "en")}) from None
    frame = pd.DataFrame([row])
    written = {fold(str(key)) for key in frame.columns}  # 'Thu nhập bình quân' names income_per_capita
    aliases = header_aliases(rs)
    for col in ("income_per_capita", "score_a"):  # as written: the library reads 1.500.000 as a file's cell
        if not {fold(name) for name in (col, *aliases.get(col, []))} & written:
            frame[col] = float("nan")
    stray = _stray_member_keys(case.members or [])
    if stray:  # a case's member keys are written to test a rule: one the engine does not read is a slip
        line = spec.line("cases", i, "members")
        raise _at(path, line, L.texts("case_member_key", case=case.name, **stray))
    members = pd.DataFrame(case.members) if case.members is not None else None
    if members is not None and "household_id" not in members:
        members["household_id"] = frame["household_id"].iloc[0]
    wants_local = [key for key in case.expect if key.startswith("local_")]
    if wants_local and local is None:  # compared with nothing, it could only fail as '(empty)'
        line = spec.line("cases", i, "expect", wants_local[0]) or spec.line("cases", i, "expect")
        raise _at(
            path,
            line,
            _of_case(case, L.texts("case_local_missing", key=wants_local[0], ruleset=rs.id, plain=wants_local[0][6:])),
        )
    at = (path, spec.line("cases", i, "household"), spec, i)
    heard: list[str] = []
    got = _placed(_classified(frame, rs, on, members, local, "en", heard, engine), case, at, "en")
    if local is not None and not local.in_force(day):  # the library's '--as-of' or 'as_of', at no line
        period = _out_of_period(local, day)
        where = ("cases", i, "as_of") if case.as_of else ("as_of",) if spec.as_of else ("cases", i, "local")
        got = {"error": located(path, spec.line(*where), period).texts["en"], _PERIOD: period}
    if "error" not in got:  # a programme's window other than the national one, and the local standard's
        got.update(_windows(path, spec, i, rs, local, got, day))
    if heard and lang != "en":  # the notes in the run's language
        heard = []
        _classified(frame, rs, on, members, local, lang, heard, engine)
    notes = [_member_note(note, case, path, spec.line("cases", i, "members"), lang) for note in heard]
    derivable = [ind.id for r in (rs, local) if r is not None for ind in r.indicators if ind.deprived_when]
    if case.members and derivable and not set(derivable) & set(_ids(case.household.get("unknown"))):
        wanted = [mark for mark in map(_mark, _ids(case.expect.get("deprived"))) if mark in derivable]
        example = ", ".join(wanted or derivable[:2])  # the members decide nothing: every mark is given
        said = L.texts("case_members_unused", case=case.name, example=example)
        notes.append(located(path, spec.line("cases", i, "members"), said).texts[lang])
    if not rs.extends and not rs.in_force(day):  # a national standard named for a day it does not cover
        line = spec.line("cases", i, "ruleset") if case.ruleset else spec.line("ruleset")
        notes.insert(0, located(path, line, _named_out_of_period(case, rs, day)).texts[lang])
    columns = {*RESULT_HEADERS, *(d.id for d in rs.designations), *got, "error"}  # those a result may have
    unknown = [key for key in case.expect if "error" not in got and key not in columns]
    if unknown:  # a misspelt expected column: compared with nothing, it could only fail as 'got None'
        known = ", ".join(c for c in got if c not in frame.columns)
        line = spec.line("cases", i, "expect", unknown[0]) or spec.line("cases", i, "expect")
        undefined = next((nd for nd in rs.not_defined if nd.id == unknown[0]), None)
        if undefined is not None:  # a mark the standard declares it does not define (vn-2027-2030's low-income worker)
            explained = {lang: undefined.note.get(lang).rstrip(". ") for lang in ("vi", "en")}
            said = {
                lang: L.msg("case_expect_not_defined", lang, key=unknown[0], ruleset=rs.id, note=explained[lang])
                for lang in ("vi", "en")
            }
            raise _at(path, line, _of_case(case, said))
        raise _at(path, line, _of_case(case, L.texts("case_unknown_expect", key=unknown[0], known=known)))
    ids = {ind.id for r in (rs, local) if r is not None for ind in r.indicators}
    for listed in sorted({"deprived", "local_deprived"} & set(case.expect)) if "error" not in case.expect else []:
        named = sorted({_mark(name) for name in _ids(case.expect[listed])} - ids)
        if named:  # 'watr' could only fail, as "expected ['watr'], got ['water']": said at its line
            line = spec.line("cases", i, "expect", listed) or spec.line("cases", i, "expect")
            raise _at(path, line, _not_indicators(f"expect: {listed}", case, named, rs, local))
    expect = dict(case.expect)
    for field in ("status", "local_status"):  # written as a file's status column is ('Hộ nghèo', 'cận nghèo')
        want = case.expect.get(field)
        status = None if want is None else _status(want)
        if want is not None and "error" not in case.expect and status is None:  # 'nghoe' could only fail
            line = spec.line("cases", i, "expect", field) or spec.line("cases", i, "expect")
            raise _at(
                path,
                line,
                _of_case(case, L.texts("case_unknown_status", key=field, value=_text(want), known=", ".join(STATUSES))),
            )
        if status is not None:
            expect[field] = status
    want = case.expect.get("transition")
    if want is not None and "error" not in case.expect:  # 'Thoát nghèo' as the forms write it, or its id
        transition = _transition(want)
        if transition is None:  # 'escaped' could only fail, as "expected 'escaped', got 'escaped_poverty'"
            line = spec.line("cases", i, "expect", "transition") or spec.line("cases", i, "expect")
            known = ", ".join(L.TRANSITION)
            raise _at(path, line, _of_case(case, L.texts("case_unknown_transition", value=_text(want), known=known)))
        expect["transition"] = transition
    if "decided_by" in expect:  # 'thu nhập', 'theo điểm A, B của phiếu rà soát' as reasons and forms say it
        expect["decided_by"] = _decided_by(expect["decided_by"])
    for mark in {d.id for d in rs.designations} & set(expect):  # 'có', 'x', 'không' as a flag cell is written
        value, unreadable = flag_value(expect[mark]) if isinstance(expect[mark], str) else (0.0, True)
        if not unreadable and value == value:  # a blank ("", before the mark's first day) stays blank
            expect[mark] = int(value)
    differences = _compare(expect, got, lang)
    if "error" in got:  # an expected error may be written in either language; said in ``lang``
        shown = got
        if lang == "vi" or (differences and "error" in case.expect):  # the Vietnamese message is needed
            other = _placed(_classified(frame, rs, on, members, local, "vi", engine=engine), case, at, "vi")
            if _PERIOD in got:
                other = {"error": located(path, spec.line(*where), got[_PERIOD]).texts["vi"]}
            if differences and "error" in case.expect and not _compare(expect, other, lang):
                differences = []
            shown = other if lang == "vi" else got
        got["error"] = shown["error"]
        got.pop(_PERIOD, None)
        differences = _compare(expect, shown, lang) if differences else []
    elif differences and "reason" in got and (lang != "en" or {"reason", "local_reason"} & set(expect)):
        # a failing case's reasons in the user's language; an expected reason may be written in either
        in_vi = _classified(frame, rs, on, members, local, "vi", engine=engine)
        for column in ("reason", "local_reason"):
            if column not in got:
                continue
            reason = in_vi.get(column) if lang == "vi" else got[column]
            if column in expect and _text(expect[column]) in (_text(got[column]), _text(in_vi.get(column))):
                expect[column] = reason  # the reason as written, in either language
            got[column] = reason
        differences = _compare(expect, got, lang)
    return Outcome(str(path), case, got, differences, notes)


def _windows(
    path: Path, spec: CaseFile, i: int, rs: Ruleset, local: Ruleset | None, got: dict[str, Any], day: date
) -> dict[str, str]:
    """Case ``i``'s support windows beside its result ``got`` (docs/rulesets.md, ``programmes``): with
    ``programme:``, ``eligible_until`` counted with that programme of its ruleset; with a ``local`` standard,
    ``local_eligible_until``, counted with the local standard's own programme (the national programme's id unless
    ``programme:`` names another) and served by the household's ``local_status``. Both from the one recognized
    escape the result reads (``escaped_on``, or this review when its transition is an escape from poverty), as
    ``classify`` counts ``eligible_until``. A programme the standard the case expects it of does not have is
    refused at the ``programme:`` line."""
    case = spec.cases[i]
    name = case.programme or spec.programme
    where = ("cases", i, "programme") if case.programme else ("programme",)
    wanted = [(rs, "eligible_until", "status")] if name else []
    if local is not None:
        wanted.append((local, "local_eligible_until", "local_status"))
    shown: dict[str, str] = {}
    for standard, column, status in wanted:
        chosen = name or NATIONAL_PROGRAMME
        if not name and chosen not in standard.programmes:  # a local standard that drops it opens no window
            shown[column] = ""
            continue
        if chosen not in standard.programmes:
            if column not in case.expect and name not in {*rs.programmes, *(local.programmes if local else {})}:
                column = "eligible_until"  # named by no standard of the case: said whatever is expected
            if column in case.expect:
                known = ", ".join(standard.programmes) or "—"
                said = L.texts("case_no_programme", case=case.name, name=chosen, ruleset=standard.id, known=known)
                refused = _at(path, spec.line(*where) or spec.line("cases", i), said)
                raise _FileWide(refused) if name and not case.programme else refused  # the file's: said once
            continue
        support = standard.programmes[chosen]
        escaped = _escaped_on(got, rs)
        until = eligible_until_column(
            pd.Series([got.get(status) or ""], dtype=object),
            pd.Series([got.get("transition") or ""], dtype=object),
            pd.Series([escaped], dtype=object),
            day,
            support.months,
            serves=support.serves,
            valid_to=support.valid_to,
        )
        shown[column] = str(until.iloc[0])
    return shown


def _escaped_on(got: dict[str, Any], rs: Ruleset) -> date | None:
    """The recognition date of an earlier escape from poverty in the case's result row (its ``escaped_on``
    column, however its header is written), as a date; None when it has none."""
    names = {fold(name) for name in ("escaped_on", *header_aliases(rs).get("escaped_on", []))}
    for key, value in got.items():
        if fold(str(key)) in names and value is not None and str(value).strip() and value == value:
            try:
                return parse_date(value if isinstance(value, date) else str(value).strip())
            except ValueError:
                return None
    return None


def _marks_said(path: Path, spec: CaseFile, i: int, rs: Ruleset, local: Ruleset | None) -> ScenarioError | None:
    """The error of case ``i``'s ``deprived:`` or ``unknown:`` that names no indicator of its ruleset or its local
    standard (``deprived: [watr]``) or is a mapping (``deprived: {water: 1}``), at that key's line, naming the key;
    None when both are lists of indicators."""
    case = spec.cases[i]
    ids = {ind.id for r in (rs, local) if r is not None for ind in r.indicators}
    for key in ("deprived", "unknown"):
        listed = case.household.get(key)
        line = spec.line("cases", i, "household", key) or spec.line("cases", i, "household")
        if isinstance(listed, dict):
            shown = "{" + ", ".join(f"{name}: {_text(value)}" for name, value in listed.items()) + "}"
            return _at(path, line, L.texts("case_ids_mapping", case=case.name, key=key, value=shown))
        named = sorted(set(_ids(listed)) - ids)
        if named:
            return _at(path, line, _not_indicators(f"household: {key}", case, named, rs, local))
    return None


def _no_standard(path: Path, line: int | None, case: Case, on: date | None, lang: Lang) -> Outcome:
    """The outcome of a case whose review date ``on`` no national standard covers (docs/standard.md §1): the
    error ``classify --as-of`` gives for that day, at the case's ``as_of`` line, compared with an expected
    ``error`` written in either language and said in ``lang``."""
    try:
        load_ruleset(as_of=on or date.today())
    except RulesetError as exc:
        said = located(path, line, {code: exc.in_lang(code) for code in ("vi", "en")}).texts
    else:  # pragma: no cover - called only when no national standard is in force on ``on``
        raise AssertionError(on)
    differences = _compare(case.expect, {"error": said["en"]}, lang)
    if differences and "error" in case.expect and not _compare(case.expect, {"error": said["vi"]}, lang):
        differences = []
    if differences:  # said in the run's language
        differences = _compare(case.expect, {"error": said[lang]}, lang)
    return Outcome(str(path), case, {"error": said[lang]}, differences)


def _classified(
    frame: pd.DataFrame,
    rs: Ruleset,
    on: date | None,
    members: pd.DataFrame | None,
    local: Ruleset | None,
    lang: Lang,
    heard: list[str] | None = None,
    engine: Engine = "vectorized",
) -> dict[str, Any]:
    """The case's household classified by the library (its row as a dict), or ``{"error": message}``; the
    notes on the case's member rows are appended to ``heard`` when given."""
    try:
        with warnings.catch_warnings(record=True) as caught:  # notes on the table the case becomes are no
            warnings.simplefilter("always", Note)  # file of the officer's; those on its member rows are (heard)
            out = classify(
                frame,
                ruleset=rs,
                as_of=on,
                members=members,
                errors="raise",
                explain=True,
                local=local,
                lang=lang,
                engine=engine,
            )
        if heard is not None:
            said = (str(w.message) for w in caught if issubclass(w.category, Note))
            heard.extend(text for text in said if text.startswith(f"{_MEMBERS}:"))
        return cast(dict[str, Any], out.iloc[0].to_dict())
    except RowErrors as exc:  # the case's reasons alone: its 'row 2' is a one-row frame's, no line of the file
        columns = "; ".join(exc.rejects["column"].astype(str)) if "column" in exc.rejects else ""
        return {"error": "; ".join(exc.rejects["reason"].astype(str)), _REJECTED: columns}
    except PovertyRulesError as exc:  # InputError …: the message in ``lang``
        message = exc.in_lang(lang)
        if message.startswith(f"{_DATA}: "):  # of the one-row table the case is: at its household
            return {"error": message.removeprefix(f"{_DATA}: "), _REJECTED: ""}
        if message.startswith(f"{_MEMBERS}: "):  # of the case's member rows: at its members
            return {"error": message.removeprefix(f"{_MEMBERS}: "), _REJECTED: "", _WHERE: "members"}
        return {"error": message}
    except ValueError as exc:
        return {"error": str(exc)}


#: How the library names a members table given as a DataFrame (the case's ``members``) in its notes.
_MEMBERS = "<members>"
#: The row a members note names its first unreadable cell at (``; the first at row 3)``): a row of the table the
#: case's members became, no line of the case file.
_TABLE_ROW = re.compile(r"; (?:the first at row|ô đầu tiên ở dòng) \d+\)")


def _member_note(note: str, case: Case, path: Path, line: int | None, lang: Lang) -> str:
    """A library note on the case's member rows (``<members>: members column age: 1 unreadable cell …``) said at
    the case's members line in ``lang``, naming the case: a table's ``<members>`` or its 'row 1' is no line of
    the case file."""
    text = note.removeprefix(f"{_MEMBERS}:").strip()
    for row in ("row 1: ", "dòng 1: "):
        text = text.removeprefix(row)
    text = _TABLE_ROW.sub(")", text)  # the first unreadable cell's row of the table the case became
    reason = L.msg("case_member_note", lang, case=case.name, note=text)
    return L.msg("rs_at_line" if line else "rs_at_file", lang, file=path, line=line, reason=reason)


#: The key of :func:`_classified`'s answer naming the household columns it could not read (its headers).
_REJECTED = "_rejected"
#: The key of its answer naming the part of the case an error is in (``members``; else ``household``).
_WHERE = "_where"
#: The key of a case's answer holding its local standard's period, when its review date is outside it.
_PERIOD = "_period"
#: How the library names the household table given as a DataFrame (the case's ``household``) in its messages.
_DATA = "<data>"


def _placed(got: dict[str, Any], case: Case, at: tuple[Path, int | None, CaseFile, int], lang: Lang) -> dict[str, Any]:
    """``got`` with a household the library could not read said as the case's error in ``lang``: the case's
    name and its household, at the line of the first key it could not read (else the household's), as every
    error of ``poverty-rules test`` is (a one-row table's 'row 2' or '<data>' is no line of the case file);
    an error of its member rows at its members line."""
    if _REJECTED not in got:
        return got
    path, household_line, spec, i = at
    first = str(got.pop(_REJECTED)).split("; ")[0]
    if got.pop(_WHERE, None) == "members":
        line = spec.line("cases", i, "members")
        reason = L.msg("case_member_note", lang, case=case.name, note=got["error"])
    else:
        line = (spec.line("cases", i, "household", first) if first in case.household else None) or household_line
        reason = L.msg("case_row_error", lang, case=case.name, reason=got["error"])
    got["error"] = L.msg("rs_at_line" if line else "rs_at_file", lang, file=path, line=line, reason=reason)
    return got


def _compare(expect: dict[str, Any], got: dict[str, Any], lang: L.Lang = "en") -> list[str]:
    if "error" in got and "error" not in expect:
        return [L.msg("case_error", lang, what=got["error"])]
    diffs = []
    for key, want in expect.items():
        have = got.get(key)
        if key in LIST_FIELDS:
            have_list = [x for x in str(have or "").split(";") if x]
            if sorted(map(_mark, have_list)) != sorted(map(_mark, _ids(want))):
                diffs.append(L.msg("case_differs", lang, key=key, want=sorted(_ids(want)), have=sorted(have_list)))
        elif key == "error":
            if want not in str(have):
                diffs.append(L.msg("case_error_differs", lang, want=repr(want), have=_shown(have, lang)))
        elif str(have if have is not None else "") != _text(want) and not (
            _same_day(want, have) or _same_number(want, have)
        ):
            want_shown, have_shown = _shown_named(key, want, lang), _shown_named(key, have, lang)
            diffs.append(L.msg("case_differs", lang, key=key, want=want_shown, have=have_shown))
    return diffs


def _shown_named(key: str, value: Any, lang: L.Lang) -> str:
    """:func:`_shown`, but a status, a transition or a decided_by id under ``--lang vi`` as its Vietnamese name with
    the id in brackets (``'Hộ cận nghèo' (near_poor)``, ``'Thoát nghèo' (escaped_poverty)``): what the forms and
    the reason call it; in English, and for any other value, as :func:`_shown` writes it."""
    names = _NAMED.get(key, {}).get(_text(value)) if lang == "vi" else None
    return f"{names[lang]!r} ({_text(value)})" if names else _shown(value, lang)


#: The expected columns whose values are ids with a name in words.py (their names, by id).
_NAMED: dict[str, dict[str, dict[str, str]]] = {
    "status": L.STATUS,
    "local_status": L.STATUS,
    "transition": L.TRANSITION,
    "decided_by": L.PATH,
}


def _indicators_as_keys(case: Case, rs: Ruleset, local: Ruleset | None) -> list[str]:
    """The household keys of ``case`` that are an indicator's id of its ruleset or local standard (``sanitation``)
    and no column the engine reads: YAML reads ``{deprived: water, sanitation}`` as ``deprived: water`` and a key
    ``sanitation``, which no rule would read."""
    columns = {
        fold(name) for r in (rs, local) if r is not None for c, h in header_aliases(r).items() for name in (c, *h)
    }
    columns |= {fold(name) for name in HOUSEHOLD_FIELDS}
    ids = {fold(ind.id) for r in (rs, local) if r is not None for ind in r.indicators}
    return [
        str(key) for key in case.household if key not in ("deprived", "unknown") and fold(str(key)) in ids - columns
    ]


def _near_miss(keys: list[str], rs: Ruleset, local: Ruleset | None) -> tuple[str, str] | None:
    """The first household key that is no column the engine reads but is one letter or two from one
    (``income_per_capta``), with that column; ``None`` when there is none (a key far from every column is
    an extra column of the officer's own, carried as a file's would be)."""
    columns: dict[str, str] = {}
    for ruleset in (rs, local):
        if ruleset is not None:
            for column, headers in header_aliases(ruleset).items():
                columns.update({fold(name): column for name in (column, *headers)})
    columns.update({fold(name): name for name in HOUSEHOLD_FIELDS})
    for key in keys:
        if fold(key) in columns:
            continue
        close = difflib.get_close_matches(key, sorted(set(columns.values())), n=1, cutoff=0.85)
        if close:
            return key, close[0]
    return None


def _nested_value(case: Case) -> tuple[tuple[Any, ...], Any] | None:
    """The first household or member value that is a list or a mapping (``income_per_capita: [1, 2]``,
    ``area: {x: 1}``) where a column takes one cell, as its place in the case (``("household",
    "income_per_capita")``, ``("members", 0, "age")``) and the value; None when every value is one cell
    (``deprived`` and ``unknown`` are lists of indicators)."""
    places: list[tuple[tuple[Any, ...], Any]] = [
        (("household", key), value) for key, value in case.household.items() if key not in ("deprived", "unknown")
    ]
    for j, member in enumerate(case.members or []):
        places.extend((("members", j, key), value) for key, value in member.items())
    for where, value in places:
        if isinstance(value, list | tuple | dict):
            return where, value
    return None


def _stray_member_keys(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The first key of the case's member rows that names no member column but is a letter or two from one
    (``has_social_insurence``), with the column meant, or ``{}``: a key far from every column (a member's
    ``name``) is carried, as a members file's extra column is (docs/members.md; Vietnamese headers read)."""
    keys = list(dict.fromkeys(str(key) for row in members for key in row))
    known = {*member_column_headers(keys).values(), "household_id"}
    names = sorted({*MEMBER_FIELDS, "member_id", "birth_date", "birth_year"})
    for key in keys:
        close = [] if key in known else difflib.get_close_matches(key, names, n=1, cutoff=0.85)
        if close:
            return {"key": key, "meant": close[0]}
    return {}


def _mark(name: str) -> str:
    """An indicator however a case names it in a list: ``sanitation`` or its flag ``deprived_sanitation``
    (``undetermined_by`` lists flags, ``deprived:`` ids; an officer writes either)."""
    return name.removeprefix("deprived_")


def _ids(value: Any) -> list[str]:
    """A list of indicator ids as a case writes it: a YAML list, or one id (``deprived: water``) or several
    in one text (``water; sanitation``, ``water, sanitation``), never the letters of a word."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, list | tuple | set):
        return [str(item) for item in value]
    return [str(value)]


def _same_number(want: Any, have: Any) -> bool:
    """Whether an expected and a result value are one number however written (``deprivation_count: 1.0`` and the
    result's ``1``); a text that is no number (``1.500.000``, ``poor``) is none."""
    numbers = []
    for value in (want, have):
        if isinstance(value, bool) or value is None:
            return False
        try:
            numbers.append(float(value))
        except (TypeError, ValueError):
            return False
    return numbers[0] == numbers[1]


def _same_day(want: Any, have: Any) -> bool:
    """Whether an expected and a result value are one date however written (``31/05/2029`` as officers
    write it, ``2029-05-31`` as results and YAML do)."""
    days = [_day_of(value) for value in (want, have)]
    return days[0] is not None and days[0] == days[1]


def _day_of(value: Any) -> date | None:
    """``value`` as a date when it is one or is written as one (``2029-05-31``, ``31/05/2029``), else None."""
    if isinstance(value, date):
        return parse_date(value)
    if not isinstance(value, str) or not any(sep in value for sep in "-/"):
        return None
    try:
        return parse_date(value.strip())
    except ValueError:
        return None


def _shown(value: Any, lang: L.Lang) -> str:
    """A value in a case's diff, the expected and the result's alike: a number as a number (``2``, not
    ``'2'`` beside ``1``), a text quoted, an empty cell as '(empty)' (not Python's ``None``)."""
    text = _text(value)
    if isinstance(value, float) and value != value or not text.strip():
        return L.msg("case_empty", lang)
    try:
        float(text)
    except ValueError:
        return repr(text)
    return text


def _status(value: Any) -> str | None:
    """An expected status as its id, however the officer writes it: as a household file's status column is read
    (``poor``, ``nghèo``, ``Hộ cận nghèo``, ``mức sống trung bình``; vocabulary/statuses.py), ``""`` for an
    empty one, or None when it is no status (``nghoe``)."""
    status, unreadable = normalize_status(pd.Series([_text(value)], dtype=object))
    return None if bool(unreadable.iloc[0]) else str(status.iloc[0])


def _decided_by(value: Any) -> Any:
    """An expected ``decided_by`` as its id (``income``, ``score``), however the officer writes it: the id, the way a
    reason names it in either language (``theo thu nhập bình quân``, ``by the review's scores A and B``) or its first
    words (``thu nhập``, ``điểm``); any other value as written (it fails as a difference)."""
    key = spelling_key(_text(value))
    if not key:
        return value
    for path, names in L.PATH.items():
        spellings = {spelling_key(path)}
        for name in names.values():
            spellings.add(spelling_key(name))
            spellings.add(spelling_key(re.sub(r"^(theo|by)\s+", "", name)))
        if key in spellings or any(name.startswith(key) and len(key) >= 4 for name in spellings):
            return path
    return value


def _transition(value: Any) -> str | None:
    """An expected transition as its id, however the officer writes it: the id (``escaped_poverty``) or its
    name on the review forms in either language (``Thoát nghèo``, ``thoat ngheo``, ``Escaped poverty``);
    ``""`` for none, None when it is no transition."""
    key = spelling_key(_text(value))
    if not key:
        return ""
    for transition, names in L.TRANSITION.items():
        if key in {spelling_key(name) for name in (transition, *names.values())}:
            return transition
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if value is None:
        return ""
    return str(value)
