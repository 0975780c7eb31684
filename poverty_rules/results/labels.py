"""Result columns as officers read them: headers and values in Vietnamese (or English).

``classify --headers labels`` (the default for ``.xlsx``) writes ``Phân loại`` = ``Hộ nghèo`` where
the canonical file says ``status`` = ``poor``; ``--headers canonical`` keeps the ids of
docs/design.md ("Output"). Dates are shown ``dd/mm/yyyy`` in Vietnamese. Input columns are never
renamed: they are the officer's own headers.
"""

from __future__ import annotations

import pandas as pd

from ..rules.model import Ruleset
from ..vocabulary import words as W

#: How a result column is headed in each language.
RESULT_HEADERS: dict[str, dict[str, str]] = {
    "status": {"vi": "Phân loại", "en": "Status"},
    "deprivation_count": {"vi": "Số chỉ số thiếu hụt", "en": "Deprivations"},
    "deprived": {"vi": "Các chỉ số thiếu hụt", "en": "Deprived indicators"},
    "decided_by": {"vi": "Xác định theo", "en": "Decided by"},
    "ruleset": {"vi": "Chuẩn áp dụng", "en": "Standard applied"},
    "undetermined_by": {"vi": "Cần bổ sung", "en": "To collect"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "transition": {"vi": "Biến động", "en": "Movement"},
    "eligible_until": {"vi": "Hưởng chính sách đến", "en": "Eligible until"},
    "transition_label": {"vi": "Biến động (chữ)", "en": "Movement (words)"},
    "flag_sources": {"vi": "Nguồn chỉ số", "en": "Flag sources"},
    "escaped_to_near_poor": {"vi": "Thoát nghèo, trở thành hộ cận nghèo", "en": "Escaped poverty to near-poor"},
    # the local classification beside the national one (docs/standard.md §1)
    "local_status": {"vi": "Phân loại (chuẩn địa phương)", "en": "Status (local standard)"},
    "local_deprivation_count": {"vi": "Số chỉ số thiếu hụt (chuẩn địa phương)", "en": "Deprivations (local standard)"},
    "local_deprived": {"vi": "Các chỉ số thiếu hụt (chuẩn địa phương)", "en": "Deprived indicators (local standard)"},
    "local_ruleset": {"vi": "Chuẩn địa phương áp dụng", "en": "Local standard applied"},
    "local_reason": {"vi": "Lý do (chuẩn địa phương)", "en": "Reason (local standard)"},
}


def _date_text(value: object, lang: str) -> str:
    text = "" if value is None or value != value else str(value)
    if lang == "vi" and len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def _map_values(s: pd.Series, mapping: dict[str, str]) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = [mapping.get(str(c), str(c)) for c in s.cat.categories]
        if len(set(cats)) == len(cats):
            return s.cat.rename_categories(cats)
    return s.astype(object).map(lambda v: mapping.get(str(v), v) if v == v and v is not None else "")


def _map_lists(s: pd.Series, mapping: dict[str, str], sep: str) -> pd.Series:
    def one(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        return ", ".join(mapping.get(p, p) for p in text.split(sep))

    if isinstance(s.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical(s.cat.categories.map(one).to_numpy()[s.cat.codes.to_numpy()]), index=s.index)
    return s.map(one)


def _map_sources(s: pd.Series, indicators: dict[str, str], lang: str) -> pd.Series:
    """``flag_sources`` (``employment=derived;water=given;…``) in words: ``Việc làm: suy ra; Nguồn nước
    sinh hoạt: theo tệp hộ; …``, each distinct value worded once."""

    def one(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        parts = (part.split("=", 1) for part in text.split(";") if "=" in part)
        return "; ".join(
            f"{indicators.get(ind, ind)}: {W.FLAG_SOURCE[src][lang] if src in W.FLAG_SOURCE else src}"
            for ind, src in parts
        )

    if isinstance(s.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical(s.cat.categories.map(one).to_numpy()[s.cat.codes.to_numpy()]), index=s.index)
    return s.map(one)


def collect_labels(ruleset: Ruleset | None, lang: str) -> dict[str, str]:
    """What ``undetermined_by`` names, in ``lang``: each indicator's column (``deprived_<id>``) by the
    indicator's name in ``ruleset``, and the household fields (income, score A …) by theirs."""
    fields = {ind.column: ind.label.get(lang) for ind in (ruleset.indicators if ruleset is not None else [])}
    fields.update({k: v[lang] for k, v in W.FIELD.items()})
    return fields


def to_collect(value: object, fields: dict[str, str], lang: str) -> str:
    """One household's ``undetermined_by`` for people: what to collect, by name (``fields`` from
    :func:`collect_labels`), or why a rejected row left it undetermined."""
    if not isinstance(value, str) or not value:
        return ""
    if value in W.UNDETERMINED_REASON:
        return W.UNDETERMINED_REASON[value][lang]
    return ", ".join(fields.get(part, part) for part in value.split(";"))


def label_results(results: pd.DataFrame, ruleset: Ruleset, lang: str, local: Ruleset | None = None) -> pd.DataFrame:
    """``results`` with headers and values in ``lang`` (statuses, movements, paths, indicator names,
    yes/no, dates ``dd/mm/yyyy`` in Vietnamese); ``local``: the local standard of the ``local_*`` columns."""
    out = results.copy()
    indicators = {ind.id: ind.label.get(lang) for ind in ruleset.indicators}
    local_indicators = {ind.id: ind.label.get(lang) for ind in (local or ruleset).indicators}
    fields = collect_labels(ruleset, lang)
    yes_no = {"1": W.EXPLAIN["yes"][lang], "0": W.EXPLAIN["no"][lang]}
    for name in list(out.columns):
        s = out[name]
        if name in ("status", "local_status"):
            out[name] = _map_values(s, {k: v[lang] for k, v in W.STATUS.items()})
        elif name == "local_deprived":
            out[name] = _map_lists(s, local_indicators, ";")
        elif name == "escaped_to_near_poor":
            out[name] = _map_values(s, yes_no)
        elif name == "transition":
            out[name] = _map_values(s, {k: v[lang] for k, v in W.TRANSITION.items()})
        elif name == "decided_by":
            out[name] = _map_values(s, {k: v[lang] for k, v in W.PATH.items()})
        elif name == "deprived":
            out[name] = _map_lists(s, indicators, ";")
        elif name == "undetermined_by":
            out[name] = _map_lists(s, fields, ";")
        elif name == "flag_sources":
            out[name] = _map_sources(s, indicators, lang)
        elif name == "eligible_until":
            out[name] = s.map(lambda v: _date_text(v, lang))
        elif name in {d.id for d in ruleset.designations}:
            out[name] = _map_values(s, yes_no)
    headers = {k: v[lang] for k, v in RESULT_HEADERS.items()}
    headers.update({d.id: d.label.get(lang) for d in ruleset.designations})
    return out.rename(columns={c: headers.get(c, c) for c in out.columns})
