"""The explanation of one household: the chain of rules that fired, readable aloud (vi/en).

``poverty-rules explain`` prints it; the facts come from the durable engine's chain trace
(:func:`poverty_rules.engine.durable.run_chain`), the last line is the shared reason sentence.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from ..engine.classes import evaluate_designations
from ..engine.durable import UNKNOWN, ChainResult, leaf_senses, open_classes
from ..engine.members import SOURCE_DERIVED, SOURCE_GIVEN, MemberEvidence, household_sizes
from ..rules import expressions as ex
from ..rules.model import CompiledRuleset
from ..vocabulary import words as L
from .columns import format_numbers, label_of, local_citations, reasons

_WORDS = L.EXPLAIN


def _w(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def _num(x: float, lang: str) -> str:
    return str(format_numbers(np.array([x]), lang)[0])


def _worded(text: str, compiled: CompiledRuleset, lang: str) -> str:
    """A rule's condition or formula as its reader reads it: the fields' labels, the language's
    connectives and signs (``thu nhập bình quân đầu người > Mức sống trung bình (cận trên)``)."""
    words = ex.Wording(
        name=lambda name: label_of(compiled, name, lang),
        number=lambda x: _num(x, lang),
        and_=_w("and", lang),
        or_=_w("or", lang),
        not_=_w("not", lang),
        known=L.KNOWN[True][lang],
        not_known=L.KNOWN[False][lang],
        operators=L.OPERATOR,
    )
    try:
        return ex.to_text(ex.parse(text), words)
    except ex.ExpressionError:
        return text


def _size_of(frame: Any) -> str | None:
    """The household's ``household_size`` as its persons (``4``), or ``None`` when it gives none."""
    sizes = household_sizes(frame)
    return None if not len(sizes) or np.isnan(sizes[0]) else f"{int(sizes[0])}"


def _span(v: dict[str, Any], lang: str) -> str:
    if "text" in v:
        return str(v["text"])
    lo, hi = v.get("lo", -math.inf), v.get("hi", math.inf)
    if lo == hi:
        return _num(lo, lang)
    if not math.isfinite(lo) and not math.isfinite(hi):
        return _w("unknown", lang)
    return f"{_num(lo, lang)} {_w('from', lang)} {_num(hi, lang)} ({_w('unknown', lang)})"


def _member_name(code: str, row: int, age: float, lang: str, oldest: float | None = None) -> str:
    """One member as the explanation names them: their code, else their row in the members file; with
    their row (when their code names them) and their age at the review date when known — both ages
    when only their year of birth is (``75 hoặc 76 tuổi``)."""
    row_text = _w("member_row", lang).format(row=row) if row else ""
    details = [row_text] if code and row_text else []
    if not math.isnan(age) and oldest is not None and not math.isnan(oldest) and oldest != age:
        details.append(_w("member_aged_either", lang).format(age=int(age), oldest=int(oldest)))
    elif not math.isnan(age):
        details.append(_w("member_aged", lang).format(age=int(age)))
    name = code or row_text or "?"
    return f"{name} ({', '.join(details)})" if details else name


def _mark_source(
    ind_id: str,
    code: int,
    source: str,
    behind: tuple[MemberEvidence, list[str], list[int]] | None,
    lang: str,
    household: str = "",
    counts_members: bool = False,
) -> str:
    """Where one mark came from, said after it: given in the household file, or derived — from the
    household's fields (with the number of member rows when its rule ``counts_members``, as the floor
    area a person does), or from the members list naming the members who make it deprived — or, when
    unknown, the members it lacks information on (or that the household has no member rows, or that the
    rows of its code ``household`` are not counted, the code being in several communes)."""
    if source == SOURCE_GIVEN:
        return f" ({_w('given_mark', lang)})"
    if behind is None:  # no members list: a mark derived from the household's own fields, or none
        return f" ({_w('from_household', lang)})" if source == SOURCE_DERIVED else ""
    evidence, codes, rows = behind

    def names(mask: np.ndarray) -> str:
        ages, oldest = evidence.ages, evidence.oldest if evidence.oldest is not None else evidence.ages
        return ", ".join(
            _member_name(codes[i], rows[i], float(ages[i]), lang, float(oldest[i])) for i in np.flatnonzero(mask)
        )

    tests_members = ind_id in evidence.meets or counts_members
    if source == SOURCE_DERIVED:
        if ind_id not in evidence.meets and counts_members:
            return f" ({_w('from_both', lang).format(count=L.counted(len(evidence.rows), lang))})"
        if not tests_members:
            return f" ({_w('from_household', lang)})"
        meets = evidence.meets[ind_id]
        if code == 1 and meets.any():
            return f" ({_w('from_members', lang)}: {_w('members_meeting', lang)} {names(meets)})"
        return f" ({_w('from_members', lang)})"
    if tests_members and not len(evidence.rows) and evidence.left_out:
        said = _w("member_rows_shared", lang).format(count=L.counted(evidence.left_out, lang), code=household)
        return f" ({said})"
    if tests_members and not len(evidence.rows):
        return f" ({_w('no_member_rows', lang)})"
    if ind_id in evidence.unsure and evidence.unsure[ind_id].any():
        return f" ({_w('members_unsure', lang)} {names(evidence.unsure[ind_id])})"
    return ""


def _sources(result: ChainResult) -> dict[str, str]:
    """Indicator id -> ``given``/``derived``/``unknown`` for the household explained, from the members'
    ``member_flag_sources`` (empty without a members file)."""
    if "member_flag_sources" not in result.frame:
        return {}
    text = str(result.frame["member_flag_sources"].iloc[0])
    return dict(part.split("=", 1) for part in text.split(";") if "=" in part)


def explain(
    result: ChainResult,
    lang: str = "vi",
    *,
    place: str = "",
    behind: tuple[MemberEvidence, list[str], list[int]] | None = None,
) -> str:
    """The chain of rules that fired for one household, readable aloud (Vietnamese or English).

    The facts of the record, each derived fact with the values compared, the thresholds, references
    and confidence tags, then the class; the last line is the shared reason sentence
    (:func:`poverty_rules.results.reasons`), the same words ``classify --explain`` writes. ``place``,
    the household's village and commune when the file names them, follows its code in the heading (a code is unique
    within its commune only). With a members file, each mark says where it came from (the household
    file, or derived) and ``behind`` (:func:`poverty_rules.pipeline.members_behind`) names the members
    who make a derived mark deprived, or whom an unknown one lacks information on.
    """
    compiled = result.compiled
    rs = compiled.ruleset
    conf = L.WORDS["confidence"][lang]
    ref = L.WORDS["reference"][lang]
    lines = [
        f"{_w('household', lang)} {result.household_id}" + (f" — {place}" if place else ""),
        f"{_w('standard', lang)}: {rs.title.get(lang)} ({rs.label})",
        "",
        f"{_w('facts', lang)}:",
    ]
    steps = result.steps
    fact = steps[0]["fact"]
    lines.append(f"  - {L.FIELD['area'][lang]}: {L.AREA[fact['area']][lang]}")
    read = {name for inputs in compiled.class_inputs for name in inputs}
    for name in ("income_per_capita", "score_a"):
        if name in result.frame:  # the record's value, also where the standard does not read it (no score path)
            given = float(result.frame[name].iloc[0])
            if math.isnan(given) and name not in read:
                continue  # a standard with no score path has no score to lack: "score A: unknown" misleads
            shown = _w("unknown", lang) if math.isnan(given) else _num(given, lang)
            lines.append(f"  - {label_of(compiled, name, lang)}: {shown}")
    sources = _sources(result)
    household = str(result.frame["household_id"].iloc[0]) if "household_id" in result.frame else ""
    for ind in rs.indicators:
        code = fact[f"f_{ind.id}"]
        mark = {1: _w("yes", lang), 0: _w("no", lang)}.get(code, _w("unknown", lang))
        derivation = compiled.indicator_rules.get(ind.id)
        counts = derivation is not None and ex.reads_members(derivation)
        said = _mark_source(ind.id, code, sources[ind.id], behind, lang, household, counts) if ind.id in sources else ""
        rows_read = derivation is not None and ex.reads_member_rows(derivation)
        if counts and ind.id in sources and sources[ind.id] == SOURCE_DERIVED and (behind is None or not behind[1]):
            size = None if rows_read else _size_of(result.frame)
            if size is not None:  # persons(member) read the household's own number of persons
                said = f" ({_w('from_size', lang).format(size=size)})"
        lines.append(f"  - {_w('deprived', lang)} — {ind.label.get(lang)}: {mark}{said}")
    lines += ["", f"{_w('chain', lang)}:"]
    n = 0
    # the comparisons of the path that decided (or, undetermined, would decide) the household, each with
    # whether its rule reads it negated: those the reason sentence words, not the other path's, nor those
    # after an operand that already decided its and/or
    decisive: dict[int, bool] = {}
    k = int(result.decisions.rule[0])
    for rule in [k] if k >= 0 else open_classes(compiled, result.ctx, result.decisions):
        decisive = leaf_senses(compiled, rule, result.ctx) | decisive  # what a decided branch left out: none
    for step in steps[1:]:
        kind = step["kind"]
        if kind == "deprived":
            n += 1
            ind = rs.indicator(step["indicator"])
            threshold = f" ({ind.threshold.get(lang)})" if ind.threshold else ""
            lines.append(
                f"  {n}. {_w('deprived', lang)}: {ind.label.get(lang)}{threshold}. "
                f"{_w('rule', lang).capitalize()} {step['rule']}. {ref}: {ind.reference} [{conf} {ind.confidence}]."
            )
        elif kind == "value":
            n += 1
            label = label_of(compiled, step["name"], lang)
            value = _span({"lo": step["lo"], "hi": step["hi"]}, lang)
            if step["rule"] == "deprivation_count":
                lines.append(
                    f"  {n}. {_w('value', lang)}: {label} = {value}. {_w('rule', lang).capitalize()} {step['rule']}."
                )
            else:
                lines.append(
                    f"  {n}. {_w('value', lang)}: {label} = {value} "
                    f"({_w('formula', lang)} {_worded(step['formula'], compiled, lang)}). "
                    f"{_w('rule', lang).capitalize()} {step['rule']}. "
                    f"{ref}: {step['reference']} [{conf} {step['confidence']}]."
                )
        elif kind == "leaves":
            for d in step["details"]:
                if decisive and d["leaf"] not in decisive:
                    continue
                if not decisive and d["code"] != UNKNOWN:
                    continue
                n += 1
                code = d["code"]
                text = d["text"]
                if "known" in d:  # worded as the reason words it: "có điểm A" / "không có điểm A"
                    negated = decisive.get(d["leaf"], False)
                    text = L.KNOWN[not negated][lang].format(field=label_of(compiled, d["known"], lang))
                    code = 1 - code if negated and code != UNKNOWN else code
                verdict = {1: _w("true", lang), 0: _w("false", lang)}.get(code, _w("unknown", lang))
                if "names" in d:
                    left, right = (label_of(compiled, name, lang) for name in d["names"])
                    text = f"{left} {_span(d['left'], lang)} {L.OPERATOR[d['op']]} {right} {_span(d['right'], lang)}"
                lines.append(f"  {n}. {_w('compare', lang)}: {text}: {verdict}.")
        elif kind == "class":
            n += 1
            head = f"  {n}. {_w('result', lang)}: {L.status_label(step['status'], lang)}"
            if step["class"] >= 0:
                lines.append(
                    f"{head} ({L.PATH[step['decided_by']][lang]}). "
                    f"{_w('rule', lang).capitalize()} {rs.classes[step['class']].id}: "
                    f"{_worded(step['when'], compiled, lang)}. "
                    f"{ref}: {step['reference']} [{conf} {step['confidence']}]"
                    f"{local_citations(compiled, step['class'], lang, fact['area'])}."
                )
            else:  # undetermined: the class rules that could still decide it, by their ids (as the YAML names them)
                still = open_classes(compiled, result.ctx, result.decisions)
                ids = f" {_w('or', lang)} ".join(rs.classes[j].id for j in still)
                lines.append(f"{head}. {_w('still_open', lang).format(rules=ids)}." if still else f"{head}.")
    sentence = reasons(compiled, result.decisions, result.ctx, lang)[0]
    lines += ["", f"{_w('summary', lang)}: {sentence}"]
    return "\n".join(lines) + "\n"


def designations_held(result: ChainResult, day: date, lang: str) -> str:
    """The designations the household holds on the review ``day`` (e.g. low-income worker, Nghị định 30/2025:
    the ``low_income_worker`` column of classify is 1), each with its rule, reference and confidence tag and
    its note — ``""`` when it holds none, or none is in force yet (``applies_from``)."""
    compiled = result.compiled
    held = evaluate_designations(compiled, result.ctx, result.decisions.status, possible=result.decisions.possible)
    conf, ref = L.WORDS["confidence"][lang], L.WORDS["reference"][lang]
    lines = []
    for d in compiled.ruleset.designations:
        value = held.get(d.id)
        if value is None or not bool(value.t[0]) or (d.applies_from is not None and day < d.applies_from):
            continue
        note = f" {d.note.get(lang)}" if d.note else ""
        lines.append(
            f"  - {d.label.get(lang)}. {_w('rule', lang).capitalize()} {d.id}. "
            f"{ref}: {d.reference} [{conf} {d.confidence}].{note}"
        )
    return f"\n{_w('designation', lang)}:\n" + "\n".join(lines) + "\n" if lines else ""
