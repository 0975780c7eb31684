"""From the engine's decisions to the output columns, and the reason sentence for each household.

Both engines end here: the vectorized engine hands over whole columns, the durable engine its
per-household decisions gathered into the same arrays, so the two cannot word a result differently.
Everything is column-wise: strings are assembled with pyarrow's element-wise joins, and numbers are
formatted once per distinct value.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..engine.classes import Decisions, count_true, evaluate_designations
from ..engine.evaluator import Context
from ..engine.values import Bool3, Interval
from ..rules import expressions as ex
from ..rules.model import STATUSES, CompiledRuleset
from ..vocabulary import words as L
from ..vocabulary.status_ids import UNDETERMINED

#: Output columns, in order, after the input columns (see docs/design.md, "Output").
RESULT_COLUMNS = ["status", "deprivation_count", "deprived", "decided_by", "ruleset", "undetermined_by"]


def result_columns(
    compiled: CompiledRuleset,
    decisions: Decisions,
    ctx: Context,
    *,
    explain: bool = False,
    lang: str = "vi",
    ruleset_label: str | None = None,
    as_of: date | None = None,
) -> pd.DataFrame:
    """The output columns for every household, in input order (``as_of``: the review date)."""
    rs = compiled.ruleset
    n = len(decisions.rule)
    ids = np.array([ind.id for ind in rs.indicators], dtype=object)
    out: dict[str, Any] = {}  # the columns, in order: one DataFrame at the end (a column inserted costs ~0.1 ms)
    codes = status_codes(decisions)
    out["status"] = pd.Categorical.from_codes(codes, dtype=_dtype((*STATUSES, UNDETERMINED)))
    out["deprivation_count"] = count_true(list(decisions.deprived.T), n).astype("int64")
    out["deprived"] = _categorical(*_patterns(decisions.deprived, ids, ";"))
    paths = [c.decided_by for c in rs.classes]
    path_names = sorted(set(paths)) + [""]
    path_code = np.array([path_names.index(p) for p in paths] + [len(path_names) - 1] * 2, dtype=np.int8)
    out["decided_by"] = pd.Categorical.from_codes(path_code[decisions.rule], dtype=_dtype(tuple(path_names)))
    out["ruleset"] = pd.Categorical.from_codes(np.zeros(n, np.int8), dtype=_dtype((ruleset_label or rs.label,)))
    fields = [f for f, rows in decisions.missing.items() if rows.any()]  # a field no row misses names none
    missing = np.array([decisions.missing[f] for f in fields]).T if fields else np.zeros((n, 0), bool)
    out["undetermined_by"] = _categorical(*_patterns(missing, np.array(fields, dtype=object), ";"))
    starts = {d.id: d.applies_from for d in rs.designations}
    for did, value in evaluate_designations(compiled, ctx, None, codes, decisions.possible).items():
        answer = np.where(value.t, 0, np.where(value.f, 1, 2)).astype(np.int8)
        if as_of is not None and starts[did] is not None and as_of < starts[did]:  # type: ignore[operator]
            answer[:] = 2  # not yet in force at the review date
        out[did] = pd.Categorical.from_codes(answer, dtype=_dtype(("1", "0", "")))
    if explain:
        out["reason"] = reasons(compiled, decisions, ctx, lang)
    return pd.DataFrame(out, index=pd.RangeIndex(n), copy=False)


def status_codes(decisions: Decisions) -> np.ndarray:
    """Index into (poor, near_poor, average, not_poor, undetermined) for each household (as the engine's
    combining step found them, when it kept them)."""
    return decisions.codes


def _categorical(codes: np.ndarray, texts: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, dtype=_dtype(tuple(texts.tolist()), as_object=True))


@lru_cache(maxsize=256)
def _dtype(categories: tuple[str, ...], as_object: bool = False) -> pd.CategoricalDtype:
    """The categorical dtype of these categories (an ``object`` index with ``as_object``), made once:
    pandas checks the categories whenever a dtype is made (about 0.3 ms per column and batch)."""
    return pd.CategoricalDtype(pd.Index(list(categories), dtype=object) if as_object else list(categories))


_PATTERN_TEXTS: dict[tuple[tuple[str, ...], str], dict[int, str]] = {}
"""The text of each flag pattern (bit code) met so far, per list of names and separator."""


def _patterns(matrix: np.ndarray, names: np.ndarray, sep: str) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the names whose column is set, joined: as (code per row, text per distinct pattern).

    The text is built once per distinct pattern of flags (at most a few thousand), never per row.
    """
    n, k = matrix.shape
    matrix = matrix.astype(bool, copy=False)
    if k == 0:
        return np.zeros(n, dtype=np.int64), np.array([""], dtype=object)
    if not matrix.any():
        return np.zeros(n, dtype=np.int64), np.array([""], dtype=object)
    if k <= 20:  # a table over all 2^k patterns: linear, no sort
        codes: np.ndarray = np.zeros(n, dtype=np.uint32 if k > 16 else np.uint16)
        shifted: np.ndarray = np.empty(n, dtype=codes.dtype)
        for j in range(k):  # column by column (a column-major matrix's columns are contiguous), no temporaries
            np.left_shift(matrix[:, j].view(np.uint8), j, out=shifted, dtype=codes.dtype)
            codes |= shifted
        present = np.flatnonzero(np.bincount(codes, minlength=1 << k))
        compact = np.zeros(1 << k, dtype=np.int8 if present.size < 127 else np.int32)  # pandas' codes type
        compact[present] = np.arange(present.size)
        known = _PATTERN_TEXTS.setdefault((tuple(names), sep), {})  # each batch of a stream meets the same
        missing = [int(c) for c in present if int(c) not in known]
        for c in missing:
            known[c] = sep.join(names[(c >> np.arange(k)) & 1 == 1])
        return compact[codes], np.array([known[int(c)] for c in present], dtype=object)
    elif k <= 62:
        codes = (matrix.astype(np.int64) << np.arange(k, dtype=np.int64)).sum(axis=1)
        uniq, inverse = np.unique(codes, return_inverse=True)
        patterns = (uniq[:, None] >> np.arange(k)) & 1
    else:
        patterns, inverse = np.unique(matrix, axis=0, return_inverse=True)
    texts = np.array([sep.join(names[p.astype(bool)]) for p in patterns], dtype=object)
    return inverse.ravel(), texts


def _join_by_pattern(matrix: np.ndarray, names: np.ndarray, sep: str) -> np.ndarray:
    """Per row, the names whose column is set, joined with ``sep`` (an object array)."""
    codes, texts = _patterns(matrix, names, sep)
    return texts[codes]


# --------------------------------------------------------------------------- reasons


def reasons(compiled: CompiledRuleset, decisions: Decisions, ctx: Context, lang: str) -> np.ndarray:
    """One sentence per household: the class, the values compared with their thresholds, the deprived
    indicators and the reference with its confidence tag — built rule by rule over column slices."""
    rs = compiled.ruleset
    n = len(decisions.status)
    out = np.full(n, "", dtype=object)
    labels = np.array([ind.label.get(lang) for ind in rs.indicators], dtype=object)
    deprived_text = _join_by_pattern(decisions.deprived, labels, ", ")
    area_text = np.where(ctx.urban, L.AREA["urban"][lang], L.AREA["rural"][lang]).astype(object)
    for k, rule in enumerate(rs.classes):
        rows = np.flatnonzero(decisions.rule == k)
        if rows.size == 0:
            continue
        head = f"{L.status_label(rule.status, lang)} ({L.PATH[rule.decided_by][lang]}): "
        clauses = [
            _clause(compiled, ctx, leaf, rows, lang, deprived_text, area_text) for leaf in _leaves(compiled.classes[k])
        ]
        body = _join([c for c in clauses if c is not None], "; ")
        conf = L.WORDS["confidence"][lang]
        tail = f". {L.WORDS['reference'][lang]} ({rule.id}): {rule.reference} [{conf} {rule.confidence}]"
        cited = {area: local_citations(compiled, k, lang, area) for area in ("rural", "urban")}
        ends: pa.Array | str = f"{cited['rural']}."
        if cited["rural"] != cited["urban"]:  # a local line set for one area only: cited for that area's rows
            ends = pa.array(np.where(ctx.urban[rows], f"{cited['urban']}.", f"{cited['rural']}."), pa.string())
        out[rows] = _concat([head, body, tail, ends])
    und = np.flatnonzero(decisions.status == UNDETERMINED)
    if und.size:
        out[und] = _undetermined_text(compiled, decisions, und, lang)
    return out


def local_citations(compiled: CompiledRuleset, k: int, lang: str, area: str | None = None) -> str:
    """The local standard's own lines that class rule ``k`` (its base's) reads, each with its reference and
    confidence tag: ``; Chuẩn nghèo về thu nhập: QĐ 00/2026/QĐ-UBND, Điều 1 [độ tin cậy U]`` — ``""`` for a
    national standard, or a local one with its own class table (:attr:`Ruleset.local_parameters`). With
    ``area``, a household's: a line the local file sets for the other area only is its base's line there,
    and is not cited (:attr:`Ruleset.local_areas`)."""
    rs = compiled.ruleset
    if not rs.local_parameters:
        return ""
    names = set(ex.variables(compiled.classes[k]))
    for d in reversed(rs.derived):  # a derived value the rule reads reads its formula's names (earlier first)
        if d.id in names:
            names |= set(ex.variables(ex.parse(d.formula)))
    conf = L.WORDS["confidence"][lang]
    return "".join(
        f"; {p.label.get(lang)}: {p.reference} [{conf} {p.confidence}]"
        for name, p in rs.parameters.items()
        if name in rs.local_parameters and name in names and (area is None or area in rs.local_areas.get(name, [area]))
    )


def _leaves(expr: ex.Expr) -> list[ex.Expr]:
    if isinstance(expr, ex.And):
        return [leaf for o in expr.operands for leaf in _leaves(o)]
    return [expr]


def label_of(compiled: CompiledRuleset, name: str, lang: str) -> str:
    rs = compiled.ruleset
    if name in rs.parameters:
        return rs.parameters[name].label.get(lang)
    for d in rs.derived:
        if d.id == name:
            return d.label.get(lang)
    if name in L.FIELD:
        return L.FIELD[name][lang]
    if name.startswith("deprived_"):
        try:
            return rs.indicator(name.removeprefix("deprived_")).label.get(lang)
        except KeyError:
            pass
    return name


def _clause(
    compiled: CompiledRuleset,
    ctx: Context,
    leaf: ex.Expr,
    rows: np.ndarray,
    lang: str,
    deprived_text: np.ndarray,
    area_text: np.ndarray,
) -> pa.Array | str | None:
    if isinstance(leaf, ex.Known) or (isinstance(leaf, ex.Not) and isinstance(leaf.operand, ex.Known)):
        name = leaf.name if isinstance(leaf, ex.Known) else leaf.operand.name  # type: ignore[union-attr]
        return L.KNOWN[isinstance(leaf, ex.Known)][lang].format(field=label_of(compiled, name, lang))
    if isinstance(leaf, ex.Compare):
        parts: list[pa.Array | str] = [
            *_side(compiled, ctx, leaf.left, rows, lang),
            f" {L.OPERATOR[leaf.op]} ",
            *_side(compiled, ctx, leaf.right, rows, lang),
        ]
        names = ex.variables(leaf.left) | ex.variables(leaf.right)
        area_dependent = any(
            isinstance(compiled.ruleset.parameters.get(v) and compiled.ruleset.parameters[v].value, dict) for v in names
        )
        if area_dependent:
            parts += [" (", pa.array(area_text[rows], pa.string()), ")"]
        if _depends_on_deprivations(compiled, names):
            parts += [
                ": ",
                pa.array(np.where(deprived_text[rows] == "", L.WORDS["none"][lang], deprived_text[rows]), pa.string()),
            ]
        return _concat(parts)
    if isinstance(leaf, ex.Or):
        return _or_clause(compiled, ctx, leaf, rows, lang, deprived_text, area_text)
    return _plain(compiled, leaf, lang)


def _or_clause(
    compiled: CompiledRuleset,
    ctx: Context,
    leaf: ex.Or,
    rows: np.ndarray,
    lang: str,
    deprived_text: np.ndarray,
    area_text: np.ndarray,
) -> pa.Array:
    """An ``or`` in the words of the alternative that holds for each household, with its values and
    thresholds (``thu nhập bình quân đầu người 1.500.001 > Chuẩn nghèo về thu nhập 1.500.000 (nông
    thôn)``); the whole condition in plain words where no alternative is certainly true. A comparison
    is worded before a bare ``known(…)``: it says the values."""
    out = np.full(rows.size, _plain(compiled, leaf, lang), dtype=object)
    left = np.ones(rows.size, dtype=bool)
    for operand in sorted(leaf.operands, key=lambda o: isinstance(o, ex.Known)):
        truth = ctx.compute(operand)
        if not isinstance(truth, Bool3):
            continue
        pick = left & truth.t[rows]
        if not pick.any():
            continue
        if isinstance(operand, ex.And):  # each of its conditions worded, as a class's are
            parts = [_clause(compiled, ctx, o, rows[pick], lang, deprived_text, area_text) for o in _leaves(operand)]
            text: pa.Array | str | None = _join([p for p in parts if p is not None], "; ")
        else:
            text = _clause(compiled, ctx, operand, rows[pick], lang, deprived_text, area_text)
        if text is not None:
            out[pick] = text.to_numpy(zero_copy_only=False) if isinstance(text, pa.Array) else text
            left &= ~pick
    return pa.array(out, pa.string())


def _plain(compiled: CompiledRuleset, expr: ex.Expr, lang: str) -> str:
    """A condition in plain words, with the ruleset's labels (never rule code): ``có điểm A hoặc thu
    nhập bình quân đầu người > chuẩn nghèo``."""
    if isinstance(expr, ex.Known):
        return L.KNOWN[True][lang].format(field=label_of(compiled, expr.name, lang))
    if isinstance(expr, ex.Not) and isinstance(expr.operand, ex.Known):
        return L.KNOWN[False][lang].format(field=label_of(compiled, expr.operand.name, lang))
    if isinstance(expr, ex.Var):
        return label_of(compiled, expr.name, lang)
    if isinstance(expr, ex.Const):
        value = expr.value
        return format_numbers(np.array([float(value)]), lang)[0] if isinstance(value, int | float) else str(value)
    if isinstance(expr, ex.Compare):
        left, right = _plain(compiled, expr.left, lang), _plain(compiled, expr.right, lang)
        return f"{left} {L.OPERATOR[expr.op]} {right}"
    if isinstance(expr, ex.Or | ex.And):
        word = L.WORDS["or"][lang] if isinstance(expr, ex.Or) else L.WORDS["and"][lang]
        return f" {word} ".join(_plain(compiled, o, lang) for o in expr.operands)
    if isinstance(expr, ex.Not):
        return f"{L.WORDS['not'][lang]} ({_plain(compiled, expr.operand, lang)})"
    if isinstance(expr, ex.Arith):
        return f"{_plain(compiled, expr.left, lang)} {expr.op} {_plain(compiled, expr.right, lang)}"
    return ex.to_text(expr)


def _depends_on_deprivations(compiled: CompiledRuleset, names: set[str]) -> bool:
    for name in names:
        if name == "deprivation_count":
            return True
        if name in compiled.derived and _depends_on_deprivations(compiled, ex.variables(compiled.derived[name])):
            return True
    return False


def _side(compiled: CompiledRuleset, ctx: Context, expr: ex.Expr, rows: np.ndarray, lang: str) -> list[pa.Array | str]:
    value = ctx.compute(expr)
    if isinstance(value, Bool3):
        value = Interval(value.t.astype(float), (~value.f).astype(float))
    if not isinstance(value, Interval):
        return [ex.to_text(expr)]
    if isinstance(expr, ex.Const):
        return [format_numbers(np.array([float(expr.value)]), lang)[0]]
    lo, hi = value.lo[rows], value.hi[rows]
    text = format_numbers(lo, lang)
    if not np.array_equal(lo, hi):
        spread = np.where(np.isfinite(hi - lo), hi - lo, np.nan)
        extra = " (+" + format_numbers(spread, lang) + " " + L.WORDS["unknown"][lang] + ")"
        text = np.where(lo == hi, text, text + extra)
    name = label_of(compiled, expr.name, lang) if isinstance(expr, ex.Var) else ex.to_text(expr)
    return [f"{name} ", pa.array(text, pa.string())]


def format_numbers(values: np.ndarray, lang: str) -> np.ndarray:
    """1500000 → '1.500.000' (vi) or '1,500,000' (en); unknown → '?'. Once per distinct value."""
    uniq, inverse = np.unique(values, return_inverse=True)
    sep, dec = (".", ",") if lang == "vi" else (",", ".")
    texts = []
    for v in uniq:
        if not np.isfinite(v):
            texts.append("?")
        elif float(v).is_integer():
            texts.append(f"{int(v):,}".replace(",", sep))
        else:
            whole, frac = f"{v:,.{_decimals(float(v))}f}".split(".")
            texts.append(whole.replace(",", sep) + dec + frac)
    return np.array(texts, dtype=object)[inverse.ravel()]


def _decimals(value: float) -> int:
    """How many decimals show a value that is not whole: two (1.500.000,50), or as many as it needs up
    to six (an income of 1.500.000,004 đồng is above the line of 1.500.000; written 1.500.000,00 it read
    as equal to it in "1.500.000,00 > 1.500.000")."""
    for d in range(2, 7):
        if float(f"{value:.{d}f}") == value:
            return d
    return 6


def _undetermined_text(compiled: CompiledRuleset, decisions: Decisions, rows: np.ndarray, lang: str) -> np.ndarray:
    fields = list(decisions.missing)
    names = np.array([label_of(compiled, f, lang) for f in fields], dtype=object)
    matrix = np.column_stack([decisions.missing[f][rows] for f in fields]) if fields else np.zeros((rows.size, 0), bool)
    needed = _join_by_pattern(matrix, names, ", ")
    statuses = list(decisions.possible)
    possible = np.column_stack([decisions.possible[s][rows] for s in statuses])
    status_names = np.array([L.status_label(s, lang) for s in statuses], dtype=object)
    could = _join_by_pattern(possible, status_names, f" {L.WORDS['or'][lang]} ")
    head = f"{L.status_label(UNDETERMINED, lang)}: {L.WORDS['needs'][lang]} "
    return _concat(
        [head, pa.array(needed, pa.string()), f"; {L.WORDS['could_be'][lang]} ", pa.array(could, pa.string()), "."]
    )


def _concat(parts: list[pa.Array | str]) -> np.ndarray:
    arrays = [p for p in parts if not isinstance(p, str)]
    if not arrays:
        return np.array(["".join(parts)], dtype=object)
    n = len(arrays[0])
    full = [p if not isinstance(p, str) else pa.array(np.full(n, p, dtype=object), pa.string()) for p in parts]
    return pc.binary_join_element_wise(*full, "").to_numpy(zero_copy_only=False)


def _join(parts: list[pa.Array | str | np.ndarray], sep: str) -> pa.Array | str:
    out: list[pa.Array | str] = []
    for i, p in enumerate(parts):
        if i:
            out.append(sep)
        out.append(pa.array(p, pa.string()) if isinstance(p, np.ndarray) else p)
    if all(isinstance(p, str) for p in out):
        return "".join(out)
    return pa.array(_concat(out), pa.string())
