"""The report page (docs/reports.md, "Command and library"): one self-contained HTML file with charts.

What a province or commune officer reads before a meeting: the headline counts and rates, poor and
near-poor rates per village, the movements of the year, a village × indicator heat map of
deprivations, the distribution of deprivation counts, the Alkire–Foster k-sweep and each
dimension's contribution per village, then one section per village listing its poor, near-poor and
moving households with their reasons (every village in the tables links to its section).

The page is rendered from ``templates/report.html.j2`` with jinja2 (autoescaped); CSS is inline,
charts are inline SVG (:mod:`.charts`), so it opens with no network, scales to a phone and prints.
Numbers are written the language's way (``1.993``, ``0,09%`` under vi); rates are half-up decimals
of the unit's own counts (reports.md, "Units and arithmetic"); an undefined value is blank.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..results.labels import collect_labels, to_collect
from ..review.transitions import TRANSITIONS
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.changes import ARRIVING
from ..vocabulary.text import vietnamese_key
from . import charts
from .af import af_coverage, af_measures
from .forms import moved_village
from .messages import report_error
from .units import coverage_line, subtotal_label

TEMPLATE = "report.html.j2"
STATUS_ORDER = ("poor", "near_poor", "average", "not_poor", "undetermined")
STATUS_COLORS = charts.STATUS_COLORS
LISTED_TRANSITIONS = tuple(t for t in TRANSITIONS if t not in ("unchanged", "first_review"))
"""The movements the page lists: every transition of review/transitions.py that changes a list."""


# ---- numbers the language's way -------------------------------------------------------------------


def _swap(text: str, lang: str) -> str:
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") if lang == "vi" else text


def fmt_int(value: Any, lang: str) -> str:
    """1993 → ``1.993`` (vi) or ``1,993`` (en); blank for None/NaN."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return _swap(f"{int(round(float(value))):,}", lang)


def half_up(value: Decimal | float, places: int = 2) -> Decimal:
    """Round half-up in decimal arithmetic (37.625 → 37.63), from the shortest text of a float."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(count: float, total: float) -> Decimal | None:
    """count / total × 100 with two decimals, half-up; None when the unit has no household."""
    if not total:
        return None
    if float(count).is_integer() and float(total).is_integer():
        return half_up(Decimal(int(count)) * 100 / Decimal(int(total)))
    return half_up(count / total * 100)


def fmt_pct(value: Decimal | float | None, lang: str, places: int = 2) -> str:
    """37.63 → ``37,63%`` (vi) or ``37.63%`` (en); blank when undefined."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return _swap(f"{half_up(value, places):,.{places}f}", lang) + "%"


def fmt_share(fraction: float | None, lang: str, places: int = 2) -> str:
    """An AF fraction as a percentage: 0.0979955 → ``9,80%``; blank when undefined (never 0)."""
    if fraction is None or np.isnan(fraction):
        return ""
    return fmt_pct(Decimal(repr(float(fraction))) * 100, lang, places)


INDEX_PLACES = 4
"""The decimals of an index (M0 and its contributions) on the page, as the workbook's AF sheet shows it
(``0.0000``); a share (H, A, the headcounts, the percentage contributions) is a percentage with two."""


def fmt_fraction(fraction: float | None, lang: str, places: int = INDEX_PLACES) -> str:
    """An AF index as a fraction (M0 as packages print it): 0.03456 → ``0,0346``."""
    if fraction is None or np.isnan(fraction):
        return ""
    return _swap(f"{half_up(fraction, places):.{places}f}", lang)


# ---- the page's data ----------------------------------------------------------------------------------


@dataclass
class PageOptions:
    """What the page shows: the AF cutoff, weighting scheme and unit; the language."""

    lang: str = "vi"
    k: int | None = None  # default: the ruleset's deprivation cutoff for the poor when it has one, else 3
    scheme: str = "equal"
    unit: str = "household"
    weight_column: str | None = None
    review_date: str | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    place: str | None = None  # the unit the page names first (report --unit-name: a district)
    covers: str | None = None  # the line saying which communes it covers (default: from the households)
    standard: str | None = None  # the standard the page's statuses follow, when not ``ruleset``'s (its id)


def _place_keys(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for key in ("province", "commune", "village"):
        out[key] = frame[key].fillna("").astype(str) if key in frame.columns else ""
    return out


def village_table(households: pd.DataFrame) -> pd.DataFrame:
    """Per village (province, commune, village): households, poor, poor_rate, near_poor, near_poor_rate.

    Rates divide by every household of the village in the file (reports.md: all resident households).
    Used when the report does not pass its R1 rows (the library's own page).
    """
    keys = _place_keys(households)
    status = households["status"].astype(str)
    poor, near_poor = (status == "poor").astype(int), (status == "near_poor").astype(int)
    frame = keys.assign(households=1, poor=poor, near_poor=near_poor)
    out = frame.groupby(["province", "commune", "village"], sort=False).sum().reset_index()
    # communes together, and a province's communes together (villages in the order the file lists them), as
    # the forms go village → commune → province
    first = {key: i for i, key in reversed(list(enumerate(zip(out["province"], out["commune"], strict=True))))}
    first_province = {key: i for i, key in reversed(list(enumerate(out["province"])))}
    rank = [first[key] for key in zip(out["province"], out["commune"], strict=True)]
    out = out.assign(_p=[first_province[p] for p in out["province"]], _rank=rank)
    out = out.sort_values(["_p", "_rank"], kind="stable").drop(columns=["_p", "_rank"]).reset_index(drop=True)
    poor_rate = pd.Series([rate(p, n) for p, n in zip(out["poor"], out["households"], strict=True)], dtype=object)
    near_rate = pd.Series([rate(p, n) for p, n in zip(out["near_poor"], out["households"], strict=True)], dtype=object)
    return out.assign(poor_rate=poor_rate, near_poor_rate=near_rate)


def _labels(villages: pd.DataFrame) -> list[str]:
    """Each village's name on the page: the village alone in a report of one commune; after a dash, its
    commune (``Thôn 1 — Xã Hưng Chính``) in a report of several, the commune as the forms name it (with its
    code where two communes share a name: ``Thôn 1 — Xã Tân Lập (03001)``, never brackets in brackets); and
    its province too where communes of two provinces share a name (``Thôn 1 — Xã Tân Lập, Tỉnh Phú Thọ``),
    so that no two villages read alike."""
    units = villages[["province", "commune"]].astype(str).drop_duplicates()
    shared = set(units["commune"][units["commune"].duplicated(keep=False)])
    out = []
    for row in villages.itertuples():
        village, commune, province = str(row.village) or "—", str(row.commune), str(row.province)
        if len(units) < 2 or not commune:
            out.append(village)
        elif commune in shared and province:
            out.append(f"{village} — {commune}, {province}")
        else:
            out.append(f"{village} — {commune}")
    return out


def _css_text(text: str) -> str:
    """``text`` as a quoted CSS string: a backslash, a quote or a ``<`` escaped (none can end the string or
    the page's style), a line break as a space."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return f'"{out}"'


def _page_counter(words: str) -> str:
    """``Trang {page}/{pages}`` as CSS content: the words quoted, ``{page}`` and ``{pages}`` the printed page's
    number and the number of pages."""
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = [part for part in re.split(r"(\{page\}|\{pages\})", words) if part]
    return " ".join(counters.get(part) or _css_text(part) for part in parts)


def _anchor(i: int) -> str:
    return f"v{i + 1}"


def _indicator_labels(rs: Ruleset, lang: str) -> dict[str, str]:
    return {ind.id: getattr(ind.label, lang) for ind in rs.indicators}


def _dimension_label(dim: str, lang: str, ruleset: Ruleset) -> str:
    """A dimension's name in ``lang``, as the standard names it (``dimensions:`` of its ruleset: a local
    standard's own dimension too, example-hcmc-style's ``social_insurance`` 'Bảo hiểm xã hội')."""
    named = ruleset.dimensions.get(dim)
    return named.label.get(lang) if named is not None else dim


def default_k(rs: Ruleset) -> int:
    """The page's AF cutoff when none is given: 3 of d (the poor's deprivation cutoff under 2022–2026)."""
    return min(3, len(rs.indicators))


def build_page(
    households: pd.DataFrame,
    *,
    ruleset: Ruleset,
    options: PageOptions,
    villages: pd.DataFrame | None = None,
    af_source: pd.DataFrame | None = None,
    af: pd.DataFrame | None = None,
    r1_total: dict[str, Any] | None = None,
    local: dict[str, Any] | None = None,
    leavers: list[dict[str, str]] | None = None,
) -> str:
    """The HTML page as text.

    ``households``: one row per household with ``status`` (canonical ids) and, when present,
    ``household_id``, ``head_name``, ``province``, ``commune``, ``village``, ``area``, ``deprived``,
    ``transition``, ``household_size``, ``reason``, ``undetermined_by`` (what to collect for an
    undetermined household: a column of its own), ``kept_status`` (the status in force: an
    undetermined household keeps the one it had — counted by it, listed as undetermined with it).
    ``villages``: the R1 numbers per village (see
    :func:`village_table`, the default). ``af_source``: the table the AF measures are computed from
    (default ``households``); ``af``: measures already computed (the same frame as ``af.csv``);
    ``local``: the R1 numbers by the local standard (:func:`_local_summary`; issue #12), shown beside the
    national ones with the standard's title, and ``households``' ``local_status`` in the lists;
    ``r1_total``: R1's total row (``c1`` households, ``c2`` persons, ``c3``–``c6`` poor and near-poor);
    ``leavers``: the households that left the lists during the year (:func:`_leavers`), named in a section of
    their own after the villages' lists.
    """
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover
        raise report_error("rep_extra") from exc
    lang = options.lang
    if lang not in ("vi", "en"):
        raise report_error("rep_lang", value=lang)
    if "status" not in households.columns:
        raise report_error("rep_no_status_column")
    t = {key: words[lang] for key, words in W.PAGE.items()}
    for key in ("uncensored", "censored", "af_intro"):  # labelled by the unit the AF numbers count (persons…)
        t[key] = t[key].format(unit=t.get(f"unit_{options.unit}", options.unit))
    k = options.k or default_k(ruleset)
    hh = households.reset_index(drop=True)
    keys = _place_keys(hh)
    status = hh["status"].astype(str)  # this review's result: the lists show it
    # the status in force (an undetermined household keeps the one it had): the counts and charts use it
    kept = hh["kept_status"].fillna("").astype(str).where(lambda s: s != "", status) if "kept_status" in hh else status
    villages = village_table(hh.assign(status=kept)) if villages is None else villages.reset_index(drop=True)
    villages = villages.assign(label=_labels(villages))
    villages["anchor"] = [_anchor(i) for i in range(len(villages))]
    place_index = {(r.province, r.commune, r.village): i for i, r in enumerate(villages.itertuples())}
    n_households = len(hh)
    totals = {
        "households": n_households,
        "poor": int((kept == "poor").sum()),
        "near_poor": int((kept == "near_poor").sum()),
    }
    persons = None
    if "household_size" in hh.columns:
        sizes = pd.to_numeric(hh["household_size"], errors="coerce")
        persons = int(sizes.fillna(0).sum()) if sizes.notna().any() else None
    rates_total = {
        "poor_rate": rate(totals["poor"], n_households),
        "near_poor_rate": rate(totals["near_poor"], n_households),
    }
    if r1_total is not None:  # R1's own total row: the same numbers as the workbook and r1.csv
        t1 = r1_total
        totals = {"households": int(t1["c1"]), "poor": int(t1["c3"]), "near_poor": int(t1["c5"])}
        rates_total = {"poor_rate": t1["c4"], "near_poor_rate": t1["c6"]}
        persons = int(t1["c2"]) if t1.get("c2") not in (None, "") and not pd.isna(t1["c2"]) else persons
    total_row = {
        "households": fmt_int(totals["households"], lang),
        "persons": fmt_int(persons, lang) if persons is not None else "",
        "poor": fmt_int(totals["poor"], lang),
        "poor_rate": fmt_pct(rates_total["poor_rate"], lang),
        "near_poor": fmt_int(totals["near_poor"], lang),
        "near_poor_rate": fmt_pct(rates_total["near_poor_rate"], lang),
        "both_rate": fmt_pct(rate(totals["poor"] + totals["near_poor"], totals["households"]), lang),
    }
    labels = _indicator_labels(ruleset, lang)
    ids = [ind.id for ind in ruleset.indicators]
    dims = list(dict.fromkeys(ind.dimension for ind in ruleset.indicators))
    dim_labels = [_dimension_label(d, lang, ruleset) for d in dims]

    # AF measures (the same frame as af.csv)
    source = hh if af_source is None else af_source.reset_index(drop=True)
    if af is None:
        af = af_measures(
            source,
            ruleset=ruleset,
            weights=options.scheme,
            unit=options.unit,
            weight_column=options.weight_column,
            by=["village"],
        )
    sel = af[(af["scheme"] == options.scheme) & (af["unit"] == options.unit)]
    known, everyone = af_coverage(source, ruleset)

    tsel = sel[sel.level == "total"]
    total_index = {
        (int(kk), m, i): float(v)
        for kk, m, i, v in zip(tsel["k"], tsel["measure"], tsel["indicator"], tsel["value"], strict=True)
    }

    def total(measure: str, kk: int, indicator: str = "") -> float:
        return total_index.get((kk, measure, indicator), float("nan"))

    # one way per kind of figure, as the workbook's AF sheet: a share (H, and A, the intensity: the share of the
    # weighted indicators an AF-poor household is deprived in) a percentage, the index M0 a fraction
    af_head = {m: {"value": total(m, k), "text": _af_text(m, total(m, k), lang)} for m in ("H", "A", "M0")}
    af_head["q"] = {"value": total("q", k), "text": fmt_int(total("q", k), lang)}
    af_rows = [
        {
            "indicator": labels[i],
            "id": i,
            "dimension": _dimension_label(ruleset.indicators[j].dimension, lang, ruleset),
            "hd": fmt_share(total("hd", k, i), lang),
            "hdk": fmt_share(total("hdk", k, i), lang),
            "pctb": fmt_share(total("pctb", k, i), lang),
            "hd_value": total("hd", k, i),
        }
        for j, i in enumerate(ids)
    ]

    # chart data
    rates = pd.DataFrame(
        [
            {"village": v.label, "list": t[lst], "rate": float(getattr(v, f"{lst}_rate") or 0), "order": i}
            for i, v in enumerate(villages.itertuples())
            for lst in ("poor", "near_poor")
            if getattr(v, f"{lst}_rate") is not None
        ]
    )
    deprived_sets = [
        set(str(x).split(";")) if isinstance(x, str) and x else set()
        for x in (hh["deprived"] if "deprived" in hh.columns else [""] * n_households)
    ]
    vid = np.array([place_index.get((p, c, v), -1) for p, c, v in zip(*(keys[x] for x in keys), strict=True)])
    heat_rows = []
    for i, v in enumerate(villages.itertuples()):
        in_v = np.flatnonzero(vid == i)
        for jj, ind in enumerate(ids):
            n_dep = sum(1 for r in in_v if ind in deprived_sets[r])
            share = 100 * n_dep / len(in_v) if len(in_v) else float("nan")
            heat_rows.append({"village": v.label, "indicator": labels[ind], "share": share, "vorder": i, "iorder": jj})
    heat = pd.DataFrame(heat_rows)
    counts_col = pd.Series([len(s) for s in deprived_sets], dtype=int)
    status_label = {s: W.STATUS[s][lang] for s in STATUS_ORDER}
    dist = (
        pd.DataFrame({"count": counts_col, "status": kept})
        .groupby(["count", "status"])
        .size()
        .reset_index(name="households")
    )
    dist = dist[dist["status"].isin(STATUS_ORDER)]
    dist["sorder"] = dist["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    dist["status"] = dist["status"].map(status_label)
    present = [s for s in STATUS_ORDER if status_label[s] in set(dist["status"])]
    sweep = pd.DataFrame(
        [
            {"k": kk, "measure": m, "value": total(m, kk) * 100, "text": _af_text(m, total(m, kk), lang)}
            for m in ("H", "A", "M0")
            for kk in range(1, len(ids) + 1)
            if not np.isnan(total(m, kk))
        ]
    )
    contrib_rows = []
    vsel = sel[(sel.level == "village") & (sel.k == k) & (sel.measure == "dim_pctb")]
    vsel_index: dict[tuple[str, str, str, str], float] = {
        (str(r.province), str(r.commune), str(r.village), str(r.indicator)): float(r.value)  # type: ignore[arg-type]
        for r in vsel.itertuples()
    }
    for i, v in enumerate(villages.itertuples()):
        for m, dim in enumerate(dims):
            value = vsel_index.get((str(v.province), str(v.commune), str(v.village), dim))
            if value is not None and not np.isnan(value):
                contrib_rows.append(
                    {"village": v.label, "dimension": dim_labels[m], "pct": value * 100, "vorder": i, "dorder": m}
                )
    contrib = pd.DataFrame(contrib_rows)

    chart_words = {
        "poor": t["poor"],
        "near_poor": t["near_poor"],
        "rate_axis": t["rate_axis"],
        "households": t["households"],
        "share_axis": t["share_axis"],
        "count_axis": t["count_axis"],
        "k_axis": t["k_axis"],
        "pct_axis": t["pct_axis"],
    }
    figures: list[dict[str, Any]] = []

    # the statuses' and the dimensions' bars each under a pattern too, told apart printed in grey
    patterns = {STATUS_COLORS[s]: charts.STATUS_PATTERNS[s] for s in STATUS_ORDER}
    patterns |= dict(zip(charts.DIMENSION_COLORS, charts.DIMENSION_PATTERNS, strict=True))

    def figure(key: str, title: str, chart: Any, marks: int, table: dict[str, Any] | None = None) -> None:
        shown = patterns if key in ("rates", "counts", "contrib") else None
        svg = charts.render(chart, lang, labelled_by=f"chart-{key}-caption", patterns=shown)  # named by its caption
        drawn = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg)  # its width as drawn: the least it shrinks to
        width = float(drawn.group(1)) if drawn else 0.0
        figures.append({"key": key, "title": title, "svg": svg, "marks": marks, "table": table, "width": f"{width:g}"})

    def pct(value: Any) -> str:
        return fmt_pct(Decimal(repr(float(value))), lang, 1)

    def count(value: Any) -> str:
        return fmt_int(value, lang)

    def rate_shown(value: Any) -> str:  # R1's rates as the village table gives them: two decimals
        return fmt_pct(Decimal(repr(float(value))), lang)

    if len(rates):
        rates_table = _data_table(rates, "village", "list", "rate", t["village"], rate_shown)
        figure("rates", t["rates_chart"], charts.rates_by_village(rates, chart_words), len(rates), rates_table)
    movements: list[dict[str, Any]] = []
    if "transition" in hh.columns:
        tr = hh["transition"].fillna("").astype(str)
        if "change_reason" in hh.columns:  # a household arriving, marked moved in or split, counted as the lists say it
            marks = hh["change_reason"].fillna("").astype(str)
            tr = tr.where(~(_arrived(hh, tr) & marks.isin(_ARRIVING_SAID)), marks)
        for key in (*W.TRANSITION, *_ARRIVING_SAID):
            n = int((tr == key).sum())
            if n and key not in ("unchanged",):
                movements.append({"movement": _movement_word(key, key, lang), "households": n, "key": key})
    if movements:
        mv = pd.DataFrame(movements)
        mv_table = _data_table(mv.assign(_n=t["households"]), "movement", "_n", "households", t["movement"], count)
        chart = charts.movements(mv[["movement", "households"]], chart_words)
        figure("movements", t["movements"], chart, len(mv), mv_table)
    if len(heat):  # no village: a review whose every row was rejected
        # laid out as the chart is, a row per village and a column per indicator: a district's 40 villages were
        # 40 columns, wider than a printed page, which cut those beyond it
        heat_table = _data_table(
            heat.sort_values(["vorder", "iorder"]), "village", "indicator", "share", t["village"], pct
        )
        figure("heatmap", t["heatmap"], charts.heatmap(heat, chart_words), len(heat), heat_table)
    dist_words: dict[str, Any] = {
        **chart_words,
        "status_domain": [status_label[s] for s in present],
        "status_range": [STATUS_COLORS[s] for s in present],
    }
    if len(dist):
        dist_table = _data_table(
            dist.sort_values(["count", "sorder"]),
            "count",
            "status",
            "households",
            t["count_axis"],
            count,
            columns=[status_label[x] for x in present],
            missing=count(0),
        )
        figure("counts", t["counts"], charts.deprivation_counts(dist, dist_words), len(dist), dist_table)
    if len(sweep):
        sweep_table = _data_table(sweep, "k", "measure", "text", "k", str)  # as the cards and the AF sheet
        figure("sweep", t["k_sweep"], charts.k_sweep(sweep, chart_words, k), len(sweep), sweep_table)
    if len(contrib):
        # every village on the chart's axis and in its table, one with no AF-poor household too (its contributions
        # are undefined: an empty band, blank cells), as in the village table; it was left out without a word
        labels_all = [str(x) for x in villages["label"]]
        every = pd.DataFrame({"village": labels_all, "dimension": dim_labels[0], "pct": float("nan")})
        listed = pd.concat([contrib, every[~every["village"].isin(set(contrib["village"]))]])
        listed = listed.assign(_v=listed["village"].map({x: i for i, x in enumerate(labels_all)}))
        listed = listed.sort_values("_v", kind="stable")
        contrib_table = _data_table(listed, "village", "dimension", "pct", t["village"], pct, columns=dim_labels)
        chart = charts.contributions(contrib, chart_words, dim_labels, villages=labels_all)
        figure("contrib", t["contrib"], chart, len(contrib), contrib_table)

    # the villages' household lists
    tr_col = hh["transition"].fillna("").astype(str) if "transition" in hh.columns else pd.Series([""] * n_households)
    listed_mask = (
        status.isin(["poor", "near_poor", "undetermined"])
        | kept.isin(["poor", "near_poor"])
        | tr_col.isin(LISTED_TRANSITIONS)
    )
    reasons = hh["reason"].fillna("").astype(str).tolist() if "reason" in hh.columns else [""] * n_households
    # a first review marked moved in or split (R2/R3's "other" increase, column 8) is said as its mark
    marked = hh["change_reason"].fillna("").astype(str) if "change_reason" in hh.columns else None
    tr_arrived = _arrived(hh, hh["transition"].fillna("").astype(str)) if "transition" in hh.columns else None
    arrived = (
        marked.where(tr_arrived, "").tolist() if marked is not None and tr_arrived is not None else []
    )  # the mark of a household with no start (R2/R3's column 8), "" for any other
    moved_from = _moved_from(hh)  # the old village of a household that moved village within its commune, else ""
    local_status = hh["local_status"].fillna("").astype(str).tolist() if "local_status" in hh.columns else []
    fields = collect_labels(ruleset, lang)
    needs = hh["undetermined_by"].fillna("").astype(str).tolist() if "undetermined_by" in hh.columns else []
    sections = []
    collected: list[str] = []  # what each listed household has to collect (the column shows when any)
    for i, v in enumerate(villages.itertuples()):
        in_v = np.flatnonzero(vid == i)
        rows = []
        for r in in_v:
            if not listed_mask.iloc[r]:
                continue
            st = status.iloc[r]
            shown = W.STATUS[st][lang] if st in W.STATUS else st
            collected.append(to_collect(needs[r], fields, lang) if needs and st == "undetermined" else "")
            if st == "undetermined" and kept.iloc[r] in W.STATUS and kept.iloc[r] != st:  # stays on its list
                shown = t["kept"].format(status=shown, kept=W.STATUS[kept.iloc[r]][lang])
            rows.append(
                {
                    "id": str(hh["household_id"].iloc[r]) if "household_id" in hh.columns else "",
                    "head": str(hh["head_name"].iloc[r]) if "head_name" in hh.columns else "",
                    "status": shown,
                    "status_key": st,
                    "deprived": ", ".join(labels.get(x, x) for x in sorted(deprived_sets[r], key=_order(ids))),
                    "movement": _moved_word(
                        _movement_word(tr_col.iloc[r], arrived[r] if arrived else "", lang),
                        tr_col.iloc[r],
                        moved_from[r],
                        t,
                    ),
                    "local": W.STATUS.get(local_status[r], {}).get(lang, "") if local_status else "",
                    "collect": collected[-1],
                    "reason": reasons[r],
                }
            )
        rank = {s: i for i, s in enumerate(STATUS_ORDER)}
        rows.sort(key=lambda x: (rank.get(x["status_key"], 9), x["id"]))
        sections.append(
            {
                "anchor": v.anchor,
                "label": v.label,
                "commune": v.commune,
                "households": fmt_int(v.households, lang),
                "poor": fmt_int(v.poor, lang),
                "near_poor": fmt_int(v.near_poor, lang),
                "rows": rows,
                "not_listed": t["not_listed"].format(n=W.counted(len(in_v) - len(rows), lang))  # 1 … is, 2 … are
                if len(in_v) > len(rows)
                else "",
            }
        )
    village_rows = [
        {
            "anchor": v.anchor,
            "label": v.label,
            "key": f"{v.province}|{v.commune}|{v.village}",
            "households": fmt_int(v.households, lang),
            "poor": fmt_int(v.poor, lang),
            "poor_rate": fmt_pct(v.poor_rate, lang),  # type: ignore[arg-type]
            "near_poor": fmt_int(v.near_poor, lang),
            "near_poor_rate": fmt_pct(v.near_poor_rate, lang),  # type: ignore[arg-type]
            "raw": {"households": v.households, "poor": v.poor, "near_poor": v.near_poor},
            "rates": {"poor": v.poor_rate, "near_poor": v.near_poor_rate},
        }
        for v in villages.itertuples()
    ]
    table_rows = _with_subtotals(village_rows, villages, lang)
    # the unit: the one given (a district), its commune when one, its provinces; a page of several communes
    # says which, every one (it named the first three and said nothing of the others)
    communes = sorted(set(keys["commune"]) - {""}, key=vietnamese_key)
    provinces = " – ".join(sorted(set(keys["province"]) - {""}, key=vietnamese_key))
    one = communes[0] if len(communes) == 1 else ""
    place = " · ".join(x for x in (options.place or "", one, provinces) if x)
    covers = options.covers
    if covers is None:
        covers = coverage_line(communes, lang)
        covers = covers if len(communes) > 1 else ""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("poverty_rules.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    title = options.title or t["title"]
    when = f"{t['review_of']} {options.review_date}" if options.review_date else ""
    return env.get_template(TEMPLATE).render(
        lang=lang,
        t=t,
        af_names={m: W.AF_SHEET[m][lang] for m in ("H", "A", "M0")},  # the AF cards named in words, as the workbook
        print_head=_css_text(" — ".join(x for x in (title, place, when) if x)),
        # the window's, the tab's and a saved PDF's name: whose review and of which day, as the printed head says
        page_title=" — ".join(x for x in (title, place, when) if x),
        print_foot=_page_counter(t["print_page"]),
        colors=STATUS_COLORS,
        title=options.title or t["title"],
        place=place,
        covers=covers,
        review_date=options.review_date or "",
        ruleset=options.standard or f"{ruleset.id} — {getattr(ruleset.title, lang)}",
        generated=datetime.now().strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M"),
        total=total_row,
        totals=totals,
        af=af_head,
        af_rows=af_rows,
        k=k,
        d=len(ids),
        scheme=t[options.scheme],
        scheme_key=options.scheme,
        unit=t[f"unit_{options.unit}"],
        unit_key=options.unit,
        left_out=t["af_left_out"].format(n=W.counted(int(everyone - known), lang)) if everyone > known else "",
        figures=figures,
        villages=village_rows,
        table_rows=table_rows,
        sections=sections,
        movements=movements,
        has_movements="transition" in hh.columns,
        has_reason="reason" in hh.columns,
        local=local,
        leavers=leavers or [],
        has_local=bool(local_status),
        has_collect=any(collected),
        local_words={key: words[lang] for key, words in W.LOCAL_REPORT.items()},
    )


def _with_subtotals(rows: list[dict[str, Any]], villages: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """The village table's rows as R1 goes, village → commune → province: in a report of several communes
    each commune's villages then its subtotal ("Cộng Xã Hưng Chính": its own counts, its rates of them), and
    in a report of several provinces each province's communes then its subtotal. A village row is ``kind``
    ``village``; one commune's page has none (its total is the commune's)."""
    units = list(zip(villages["province"].astype(str), villages["commune"].astype(str), strict=True))
    communes, provinces = set(units), {p for p, _ in units}
    if len(communes) < 2:
        return [{**r, "kind": "village"} for r in rows]

    def subtotal(level: str, name: str, key: str, members: list[int]) -> dict[str, Any]:
        counts = {c: sum(int(rows[i]["raw"][c]) for i in members) for c in ("households", "poor", "near_poor")}
        return {
            "kind": level,
            "key": key,
            "label": subtotal_label(W.LEVEL[level][lang], name),
            "households": fmt_int(counts["households"], lang),
            "poor": fmt_int(counts["poor"], lang),
            "poor_rate": fmt_pct(rate(counts["poor"], counts["households"]), lang),
            "near_poor": fmt_int(counts["near_poor"], lang),
            "near_poor_rate": fmt_pct(rate(counts["near_poor"], counts["households"]), lang),
        }

    out: list[dict[str, Any]] = []
    in_commune: list[int] = []
    in_province: list[int] = []
    for i, row in enumerate(rows):
        out.append({**row, "kind": "village"})
        in_commune.append(i)
        in_province.append(i)
        province, commune = units[i]
        last = i + 1 == len(rows)
        if last or units[i + 1] != units[i]:
            out.append(subtotal("commune", commune, f"{province}|{commune}", in_commune))
            in_commune = []
        if len(provinces) > 1 and (last or units[i + 1][0] != province):
            out.append(subtotal("province", province, province, in_province))
            in_province = []
    return out


def _data_table(
    data: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    corner: str,
    shown: Callable[[Any], str],
    *,
    columns: list[Any] | None = None,
    missing: str = "",
) -> dict[str, Any]:
    """A chart's numbers as a table (its text alternative, under the chart): one row per ``row`` value and
    one column per ``column`` value (``columns``, or in the order the data lists them), each cell
    ``shown``; a cell the chart has no mark for is ``missing`` (blank, or ``0`` for counts)."""
    rows = list(dict.fromkeys(data[row].tolist()))
    columns = list(dict.fromkeys(data[column].tolist())) if columns is None else columns
    cells = {(r, c): v for r, c, v in zip(data[row], data[column], data[value], strict=True)}
    body = []
    for r in rows:
        values = [cells.get((r, c)) for c in columns]
        body.append([str(r), *[missing if v is None or v != v else shown(v) for v in values]])
    return {"head": [corner, *[str(c) for c in columns]], "rows": body}


def _af_text(measure: str, value: float, lang: str) -> str:
    """An AF measure as the page and the workbook show its kind: M0, an index, a fraction (``0,0383``); H and A,
    shares, a percentage with two decimals (``11,92%``, ``31,94%``); blank when undefined."""
    return fmt_fraction(value, lang) if measure == "M0" else fmt_share(value, lang)


def _order(ids: list[str]) -> Any:
    rank = {x: i for i, x in enumerate(ids)}
    return lambda x: rank.get(x, len(rank))


def write_html(text: str, path: str | Path) -> None:
    """Write the page atomically (a temporary file in the same folder, then rename)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # an ordinary file, as the user's umask makes them (077: theirs alone)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report_af(report: Any) -> pd.DataFrame:
    """The AF measures of a :class:`~poverty_rules.reports.model.Report` as ``af.csv`` holds them.

    Options come from ``report.extra["af"]`` (``weights``, ``unit``, ``weight_column``, set by
    ``poverty-rules report``); the households from ``report.extra["af_source"]`` (the reviewed file
    with its flag columns) or else the review's households (the engine's ``deprived`` lists).
    Computed once per report and kept in ``report.extra["af_tidy"]``, so the CSV and the page agree.
    """
    if "af_tidy" in report.extra:
        return report.extra["af_tidy"]
    opts = dict(report.extra.get("af") or {})
    source = report.extra.get("af_source")
    if source is None:
        source = _review_households(report)
    rs = report.review.ruleset
    tidy = af_measures(  # every k: af.csv has them all and the page draws the k-sweep
        source,
        ruleset=rs,
        weights=opts.get("weights"),
        unit=opts.get("unit"),
        weight_column=opts.get("weight_column"),
    )
    report.extra["af_tidy"] = tidy
    return tidy


#: The arriving marks (``moved_in``, ``split``) a first review is said and counted by, in the lists and the chart.
_ARRIVING_SAID: tuple[str, ...] = tuple(r for r in ARRIVING if r in W.CHANGE_REASON)


def _arrived(hh: pd.DataFrame, transition: pd.Series) -> pd.Series:
    """Which households arrive in this review's lists with no start: first reviewed here, or back after leaving the
    commune's lists (absent from their commune's last review; their ``start`` is blank) — those R2/R3 count in
    column 8 when marked ``moved_in`` or ``split`` (reports/forms.py)."""
    first = transition == "first_review"
    return first | hh["start"].fillna("").astype(str).eq("") if "start" in hh.columns else first


def _moved_from(hh: pd.DataFrame) -> list[str]:
    """The village each household started the year in, where it moved village within its commune
    (:func:`~poverty_rules.reports.forms.moved_village`), else "": R2/R3 count such a household in its new
    village's column 8 and its old village's column 4 (reports/forms.py ``_moved_apart``), so its new village's
    list says where it came from."""
    if "start_village" not in hh.columns or "village" not in hh.columns:
        return [""] * len(hh)
    was = hh["start_village"].fillna("").astype(str).str.strip()
    return was.where(moved_village(hh), "").tolist()


def _moved_word(word: str, transition: str, village: str, t: dict[str, str]) -> str:
    """A listed household's "Diễn biến" ``word`` with where it moved from (``Chuyển đến từ Bản Mường``; after a
    movement, ``Thoát nghèo; chuyển đến từ Bản Mường``), as it was for a household that did not move village."""
    if not village:
        return word
    said = t["moved_from"].format(village=village)
    return said if transition in ("unchanged", "") else f"{word}; {said[:1].lower()}{said[1:]}"


def _movement_word(transition: str, change_reason: str, lang: str) -> str:
    """The "Diễn biến" of a listed household: its transition's word, but for a household arriving with no start
    (first reviewed here, or back after leaving the lists: ``change_reason`` is given only for those) that is marked
    ``moved_in`` or ``split``, whose mark says it ("Chuyển đến", "Tách hộ": R2/R3 count it in column 8, "Tăng
    khác", not as newly poor or near-poor). The movements chart's bar of such a mark (its key given as both) is
    worded the same."""
    if change_reason in _ARRIVING_SAID:
        word = W.CHANGE_REASON[change_reason][lang]
        return word[:1].upper() + word[1:]
    return W.TRANSITION.get(transition, {}).get(lang, "")


def _review_households(report: Any) -> pd.DataFrame:
    """The review's resident households: ``status``, this review's result (``undetermined`` listed as such),
    and ``kept_status``, the status in force (R1's ``end``: an undetermined household keeps its list)."""
    h = report.review.households
    h = h[h["resident"].astype(bool)].copy()
    end = h["end"].astype(str)
    h["kept_status"] = end.where(end != "", h["status"].astype(str))
    if report.review.has_persons and "persons" in h.columns:  # a blank size stays blank (unknown), not 0
        known = h["persons_known"].astype(bool) if "persons_known" in h.columns else True
        h["household_size"] = h["persons"].astype(object).where(known, "")
    return h.reset_index(drop=True)


def _r1_villages(report: Any) -> tuple[pd.DataFrame | None, dict[str, Any] | None]:
    form = next((f for f in report.forms if f.id == "r1"), None)
    if form is None:
        return None, None
    rows = form.rows
    villages = rows[rows["level"] == "village"]
    out = pd.DataFrame(
        {
            "province": villages["province"].astype(str),
            "commune": villages["commune"].astype(str),
            "village": villages["village"].astype(str),
            "households": villages["c1"].astype(int),
            "poor": villages["c3"].astype(int),
            "poor_rate": villages["c4"],
            "near_poor": villages["c5"].astype(int),
            "near_poor_rate": villages["c6"],
        }
    )
    total = rows[rows["level"] == "total"]
    return out.reset_index(drop=True), (total.iloc[0].to_dict() if len(total) else None)


def _local_summary(report: Any) -> dict[str, Any] | None:
    """R1 by the local standard for the page (issue #12): its title and, per village and in total, the
    resident households, poor and near-poor with their rates; None without a local classification."""
    form = next(iter(report.local_forms), None)
    review = report.review
    if form is None or review.local_title is None:
        return None
    lang = report.lang

    def row(r: dict[str, Any], label: str) -> dict[str, Any]:
        return {
            "label": label,
            "households": fmt_int(r["c1"], lang),
            "poor": fmt_int(r["c3"], lang),
            "poor_rate": fmt_pct(r["c4"], lang),
            "near_poor": fmt_int(r["c5"], lang),
            "near_poor_rate": fmt_pct(r["c6"], lang),
        }

    rows = form.rows.to_dict("records")
    places = [r for r in rows if r["level"] == "village"]
    labels = _labels(pd.DataFrame(places, columns=["province", "commune", "village"]))
    villages = [row(r, label) for r, label in zip(places, labels, strict=True)]
    total = next((r for r in rows if r["level"] == "total"), None)
    return {
        "title": review.local_title[lang],
        "label": review.local_label,
        "villages": villages,
        "total": row(total, W.PAGE["total"][lang]) if total else None,
    }


def write_html_report(report: Any, path: Path) -> None:
    """The ``html`` writer of ``poverty-rules report``: the page from the report's R1 and AF numbers."""
    opts = dict(report.extra.get("af") or {})
    rs = report.review.ruleset
    if rs is None:
        raise report_error("rep_no_ruleset")
    households = _review_households(report)
    villages, total = _r1_villages(report)
    tidy = report_af(report)
    scheme = opts.get("weights") or "equal"
    unit = opts.get("unit") or ("person" if report.review.has_persons else "household")
    if not isinstance(unit, str):  # report --unit gives the units of af.csv (a list): the page shows the first
        unit = str(unit[0])
    if unit not in set(tidy["unit"]):
        unit = str(tidy["unit"].iloc[0])
    day_format = "%d/%m/%Y" if report.lang == "vi" else "%Y-%m-%d"
    options = PageOptions(
        lang=report.lang,
        k=opts.get("k"),
        scheme=scheme,
        unit=unit,
        weight_column=opts.get("weight_column"),
        review_date=", ".join(d.strftime(day_format) for d in report.review_dates) or None,
        place=report.unit_label,
        covers=report.coverage(),
        standard=(report.review.extra.get("standard_title") or {}).get(report.lang),
    )
    page = build_page(
        households,
        ruleset=rs,
        options=options,
        villages=villages,
        af_source=report.extra.get("af_source"),
        af=tidy,
        r1_total=total,
        local=_local_summary(report),
        leavers=_leavers(report),
    )
    write_html(page, path)


def _leavers(report: Any) -> list[dict[str, str]]:
    """The households that left the poor or near-poor list during the year — died, moved out of the commune,
    merged into another household (``change_reason``), or recorded at the last review and absent from this one —
    as the page names them: code, head, village, the list they were on at the start, why they left. They are
    column 4 ("Giảm khác") of R2 and R3 at the commune's level (reports/forms.py ``movement_terms``: a start on
    the list, no end); a household that moved village within its commune is not one (its new village's list
    says where it came from). Sorted by village, then code."""
    h = report.review.households
    lang = report.lang
    start = h["start"].fillna("").astype(str)
    gone = h[start.isin(("poor", "near_poor")).to_numpy() & (h["end"].fillna("").astype(str) == "").to_numpy()]
    rows = []
    for r in gone.itertuples(index=False):
        reason = str(getattr(r, "change_reason", "") or "")
        said = W.CHANGE_REASON[reason][lang] if reason in W.CHANGE_REASON else W.PAGE["left_absent"][lang]
        rows.append(
            {
                "id": str(r.household_id),
                "head": _text(getattr(r, "head_name", "")),
                "village": _text(r.village),
                "start": W.STATUS[str(r.start)][lang],
                "start_key": str(r.start),
                "reason": said[:1].upper() + said[1:],
            }
        )
    rows.sort(key=lambda x: (vietnamese_key(x["village"]), x["id"]))
    return rows


def _text(value: Any) -> str:
    """A cell of the page: ``""`` for a missing one (None, NaN), never ``nan``."""
    return "" if value is None or pd.isna(value) else str(value)
