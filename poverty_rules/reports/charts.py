"""The report page's charts (docs/reports.md, "Command and library": the HTML page) as static SVG.

Each chart is a Vega-Lite specification built with altair and rendered to SVG text by
vl-convert-python (Vega's own renderer, run in-process; no browser, no JavaScript and no network in
the page). The SVG is inlined, so the page is one file that opens offline, prints, and scales down
on a phone (``max-width: 100%``). Numbers on axes and labels follow the page's language (``1.993``,
``0,09`` under vi) through a d3 format locale.

altair and vl-convert-python are optional extras (``pip install poverty-rules[report]``), imported
inside :func:`render`; every chart is a plain function from tidy data to an altair chart.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from .messages import report_error

STATUS_COLORS = {
    # The page's one palette of statuses (charts, cards). Each colour is at least 3:1 against the white page
    # (WCAG 1.4.11, non-text contrast) and each pair stays apart for readers with protanopia, deuteranopia or
    # tritanopia: dark red, orange, magenta, blue, grey, never red beside green or yellow beside white.
    "poor": "#a50f15",
    "near_poor": "#d55e00",
    "average": "#a540a0",
    "not_poor": "#486edc",
    "undetermined": "#6b6b6b",
}
POOR, NEAR_POOR = STATUS_COLORS["poor"], STATUS_COLORS["near_poor"]
# Each dimension's colour, in ruleset order: each at least 3:1 against the white page (WCAG 1.4.11; the
# earlier cyan, pink and olive were 2.0–2.7:1) and the first six, as many as a standard has, apart for
# readers with protanopia, deuteranopia or tritanopia as for others.
DIMENSION_COLORS = ["#332288", "#882255", "#009e73", "#b8860b", "#7570b3", "#a50026", "#762a83", "#c51b7d"]
PATTERNS: dict[str, str] = {
    # Each a tile of 6 × 6 px laid over a bar's colour in white: the second cue of a status or a dimension, so
    # that a print in grey, where the near-poor's orange, the not-poor's blue, the undetermined's grey and the
    # average's magenta are one middle grey, still tells them apart (the legend shows each).
    "solid": "",
    "diagonal": '<path d="M-1,1l2,-2M0,6l6,-6M5,7l2,-2" stroke="white" stroke-width="1.5" fill="none"/>',
    "horizontal": '<path d="M0,3h6" stroke="white" stroke-width="1.5" fill="none"/>',
    "dots": '<circle cx="3" cy="3" r="1.4" fill="white"/>',
    "vertical": '<path d="M3,0v6" stroke="white" stroke-width="1.5" fill="none"/>',
    "cross": '<path d="M0,3h6M3,0v6" stroke="white" stroke-width="1.2" fill="none"/>',
    "back": '<path d="M-1,5l2,2M0,0l6,6M5,-1l2,2" stroke="white" stroke-width="1.5" fill="none"/>',
    "grid": '<path d="M0,6l6,-6M0,0l6,6" stroke="white" stroke-width="1" fill="none"/>',
}
STATUS_PATTERNS = {
    "poor": "solid",
    "near_poor": "diagonal",
    "average": "dots",
    "not_poor": "horizontal",
    "undetermined": "cross",
}
"""Each status's pattern (:data:`PATTERNS`) over its colour, in every chart that draws statuses."""
DIMENSION_PATTERNS = ["solid", "diagonal", "horizontal", "dots", "vertical", "cross", "back", "grid"]
"""Each dimension's pattern, in ruleset order as :data:`DIMENSION_COLORS`."""
SWEEP_MEASURES = ["H", "A", "M0"]
SWEEP_COLORS = ["#332288", "#b8860b", "#a50026"]
"""The k-sweep's lines H, A and M0, each at least 3:1 against the page (Vega's default orange was 2.4:1)."""
SWEEP_DASHES = [[1, 0], [8, 4], [2, 3]]
"""The k-sweep's lines H, A and M0 told apart without their colours too (H's indigo and M0's dark red print as
one dark grey in black and white, and are close for a colour-blind reader): solid, dashed and dotted, each shown
in the legend."""
HEAT_RANGE = ("#e07020", "#67000d")
"""The heat map's ramp, from the lowest share (an orange 3.2:1 against the white page: a 0 % cell was near
white, 1.05:1, as if there were no cell) to the highest (a dark red), drawn in RGB as :func:`_heat_ink` reads it."""
LOCALES: dict[str, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"], "percent": "%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " VND"], "percent": "%"},
}
WIDTH = 460
ROW = 18  # pixels per village in the bar charts and the heat map


def _alt() -> Any:
    try:
        import altair as alt
    except ImportError as exc:  # pragma: no cover - the extra is part of the dev install
        raise report_error("rep_extra") from exc
    return alt


def render(chart: Any, lang: str, labelled_by: str = "", patterns: dict[str, str] | None = None) -> str:
    """One chart as inline SVG text (no XML prolog), numbers in the language's format; an image named by the
    element ``labelled_by`` (its caption), without the renderer's English descriptions of its marks.
    ``patterns``: a colour's pattern (:data:`PATTERNS`), laid over each mark and legend symbol of that colour."""
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover
        raise report_error("rep_extra") from exc
    svg: str = vlc.vegalite_to_svg(chart.to_dict(), format_locale=LOCALES[lang])
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r' aria-roledescription="[^"]*"', "", svg)  # "rect mark container": English, on any page
    name = f' aria-labelledby="{labelled_by}"' if labelled_by else ""
    svg = svg.replace("<svg ", f'<svg role="img"{name} focusable="false" ', 1)
    return _patterned(svg, patterns or {}, labelled_by or "chart")


def _patterned(svg: str, patterns: dict[str, str], prefix: str) -> str:
    """``svg`` with each mark and legend symbol filled with a colour of ``patterns`` filled with that colour under
    its pattern instead (an SVG ``<pattern>``, its id named by ``prefix``: unique on a page of several charts)."""
    defs = []
    for i, (color, kind) in enumerate(patterns.items()):
        tile = PATTERNS[kind]
        if not tile or f'fill="{color}"' not in svg:
            continue
        ident = f"{prefix}-pattern-{i}"
        svg = svg.replace(f'fill="{color}"', f'fill="url(#{ident})"')
        defs.append(
            f'<pattern id="{ident}" patternUnits="userSpaceOnUse" width="6" height="6">'
            f'<path d="M0,0h6v6h-6Z" fill="{color}"/>{tile}</pattern>'
        )
    if not defs:
        return svg
    end = svg.index(">") + 1  # after the opening <svg …> tag
    return f"{svg[:end]}<defs>{''.join(defs)}</defs>{svg[end:]}"


LABEL_CHARS = 22
"""The longest line of a village's name on a chart's axis (about 140 px at 12 px): a longer name is set on
several lines (:func:`wrap_label`), so that a phone, which scales the whole chart to its width, still reads it."""
LINE = 14
"""The height of one line of an axis label (12 px type); a village's band is at least as tall as its lines."""


def wrap_label(label: str, chars: int = LABEL_CHARS) -> list[str]:
    """A village's name on lines of at most ``chars`` characters (a longer word stands alone): the village, then
    its commune after the dash (``Thôn 1 — Xã Tân Lập (03001)``), each part broken between words, after the
    comma before a province where it can. A name that fits is one line."""
    if len(label) <= chars:
        return [label]
    lines: list[str] = []
    for part in label.split(" — "):
        clauses = part.split(", ")
        line = ""
        for i, clause in enumerate(clauses):
            text = clause + ("," if i < len(clauses) - 1 else "")
            if line and len(f"{line} {text}") <= chars:
                line = f"{line} {text}"
                continue
            if line:
                lines.append(line)
            broken = _greedy(text, chars)
            for width in range(-(-len(text) // len(broken)), chars):  # lines as even as they can be, as few
                even = _greedy(text, width)
                if len(even) == len(broken):
                    broken = even
                    break
            lines.extend(broken[:-1])
            line = broken[-1]
        if line:
            lines.append(line)
    return lines


def _greedy(text: str, chars: int) -> list[str]:
    """``text`` broken between words into lines of at most ``chars`` characters, each as full as it can be."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(f"{line} {word}") > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _lines(villages: Any) -> int:
    """The most lines any of these village names takes on an axis."""
    return max((len(wrap_label(str(v))) for v in villages), default=1)


def _village_axis(alt: Any, villages: Any = ()) -> Any:
    """The axis of villages: each named whole (no label limit), never cut to "Thôn Đông Thượng Phía Trong …"
    where the commune that tells two same-named villages of a district apart ends the label; a long name on
    several lines (:func:`wrap_label`): on one, "Thôn Đông Thượng Phía Trong — Xã Hưng Chính" made the chart
    so wide that a 360 px phone drew it at a third of its size, its type 4 px high."""
    wrapped = {str(v): wrap_label(str(v)) for v in villages}
    wrapped = {v: lines for v, lines in wrapped.items() if len(lines) > 1}
    if not wrapped:
        return alt.Axis(labelLimit=0)
    table = ", ".join(f"{json.dumps(v)}: {json.dumps(lines)}" for v, lines in wrapped.items())
    # the lines of each long name, looked up by the name (an object literal: Vega's expressions read JSON),
    # raised by half of its lines after the first, so that the name stands centred on its band
    lines = f"({{{table}}})[datum.label]"
    raised = alt.ExprRef(f"-{LINE / 2} * (length({lines} || ['']) - 1)")
    return alt.Axis(labelLimit=0, labelExpr=f"{lines} || datum.label", labelLineHeight=LINE, labelOffset=raised)


SMALL_COUNT = 5
"""The largest count an axis of households numbers tick by tick (0, 1, … n)."""


def _count_axis(alt: Any, top: Any) -> Any:
    """An axis of households: whole numbers, each said once. Vega set ticks at 0.2, 0.5 … of a small count and
    wrote each as a whole number ("0 0 0 1 1 1"; its ``tickMinStep`` did not stop it under a ``tickCount``), so a
    count up to :data:`SMALL_COUNT` gets its ticks 0, 1, … n."""
    top = int(top) if pd.notna(top) else 0
    small = {"values": list(range(top + 1))} if top <= SMALL_COUNT else {}
    return alt.Axis(format=",d", tickMinStep=1, **small)


def _base(alt: Any, data: pd.DataFrame) -> Any:
    return alt.Chart(data).properties(width=WIDTH)


def _config(chart: Any) -> Any:
    """The page's look; and no descriptions of Vega's own (``aria=False``): it writes them in English
    ("X-axis titled … for a discrete scale …"), and the page describes each chart in its language."""
    return (
        chart.configure(aria=False)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=200)
        .configure_axisX(labelFlush=False)
        .configure_legend(orient="top", labelFontSize=11, titleFontSize=11, symbolSize=180)  # a pattern shows
    )


def rates_by_village(data: pd.DataFrame, words: dict[str, Any]) -> Any:
    """Horizontal grouped bars: poor and near-poor rate (%) per village.

    ``data``: village (label), list (poor label or near-poor label), rate (float, %), order.
    """
    alt = _alt()
    n = data["village"].nunique()
    chart = (
        _base(alt, data)
        .mark_bar()
        .encode(
            y=alt.Y("village:N", title=None, sort=alt.SortField("order"), axis=_village_axis(alt, data["village"])),
            yOffset=alt.YOffset("list:N", sort=[words["poor"], words["near_poor"]]),
            x=alt.X("rate:Q", title=words["rate_axis"], axis=alt.Axis(format=",.2f")),
            color=alt.Color(
                "list:N",
                title=None,
                scale=alt.Scale(domain=[words["poor"], words["near_poor"]], range=[POOR, NEAR_POOR]),
            ),
        )
        .properties(height=max(max(2 * ROW, LINE * _lines(data["village"]) + 4) * n, 60), name="rates")
    )
    return _config(chart)


def movements(data: pd.DataFrame, words: dict[str, Any]) -> Any:
    """Bars: households per movement of the year (transition). ``data``: movement (label), households."""
    alt = _alt()
    bars = (
        _base(alt, data)
        .mark_bar(color="#34495e")
        .encode(
            y=alt.Y("movement:N", title=None, sort=None),
            x=alt.X("households:Q", title=words["households"], axis=_count_axis(alt, data["households"].max())),
        )
        .properties(name="movements")
    )
    text = (
        bars.mark_text(align="left", dx=3)
        .encode(text=alt.Text("households:Q", format=",d"))
        .properties(name="movement_labels")
    )
    return _config((bars + text).properties(height=max(ROW * 1.6 * len(data), 60)))


def heatmap(data: pd.DataFrame, words: dict[str, Any]) -> Any:
    """Village × indicator: share (%) of the village's households deprived in the indicator.

    ``data``: village, indicator (labels), share (float, %), vorder, iorder.
    """
    alt = _alt()
    n = data["village"].nunique()
    shares = pd.to_numeric(data["share"], errors="coerce").fillna(0.0)
    top = max(float(shares.max()) if len(shares) else 0.0, 1.0)
    data = data.assign(ink=[_heat_ink(share / top) for share in shares])
    base = _base(alt, data).encode(
        # an indicator's whole name, never cut to "Phương tiện phục vụ tiếp cận t…" (labelLimit 0: no limit)
        x=alt.X(
            "indicator:N",
            title=None,
            sort=alt.SortField("iorder"),
            axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=0),
        ),
        y=alt.Y("village:N", title=None, sort=alt.SortField("vorder"), axis=_village_axis(alt, data["village"])),
    )
    cells = (
        base.mark_rect(stroke="white", strokeWidth=0.5)
        .properties(name="cells")
        .encode(
            color=alt.Color(
                "share:Q",
                title=words["share_axis"],
                scale=alt.Scale(domain=[0, top], range=list(HEAT_RANGE), interpolate="rgb"),
                legend=alt.Legend(),
            ),
            tooltip=[
                alt.Tooltip("village:N"),
                alt.Tooltip("indicator:N"),
                alt.Tooltip("share:Q", format=",.1f"),
            ],
        )
    )
    labels = (
        base.mark_text(fontSize=9)
        .properties(name="cell_labels")
        .encode(
            text=alt.Text("share:Q", format=",.0f"),
            color=alt.Color("ink:N", scale=None, legend=None),  # black or white, whichever reads on the cell's colour
        )
    )
    # the labels' black and white are colours as given, not a second scale of the cells' legend
    height = max(ROW, LINE * _lines(data["village"]) + 4) * n
    return _config((cells + labels).resolve_scale(color="independent").properties(height=max(height, 60)))


def _heat_ink(position: float) -> str:
    """The text colour that reads on the heat map's colour at ``position`` (0 … 1 along :data:`HEAT_RANGE`,
    interpolated in RGB as Vega's ``interpolate: rgb`` does): black where the cell's relative luminance is at
    least 0.18, white below, each at least 4.5:1 against the cell (WCAG 1.4.3)."""
    low, high = ([int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in HEAT_RANGE)
    t = min(max(position, 0.0), 1.0)
    channels = [a + (b - a) * t for a, b in zip(low, high, strict=True)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance >= 0.18 else "#ffffff"


def deprivation_counts(data: pd.DataFrame, words: dict[str, Any]) -> Any:
    """Stacked bars: households by number of deprivations, split by status.

    ``data``: count (int), status (label), households, sorder.
    """
    alt = _alt()
    chart = (
        _base(alt, data)
        .mark_bar()
        .encode(
            x=alt.X("count:O", title=words["count_axis"], axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "households:Q",
                title=words["households"],
                axis=_count_axis(alt, data.groupby("count")["households"].sum().max() if len(data) else 0),
            ),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=words["status_domain"], range=words["status_range"]),
                sort=words["status_domain"],
            ),
            order=alt.Order("sorder:Q"),
        )
        .properties(height=220, name="counts")
    )
    return _config(chart)


def k_sweep(data: pd.DataFrame, words: dict[str, Any], k: int) -> Any:
    """Lines: H, A (%) and M0 × 100 for k = 1…d, the chosen k marked. ``data``: k, measure (label), value (%;
    M0 × 100).

    Each line has its colour and its dash (:data:`SWEEP_DASHES`), and the legend shows both, so the lines are
    told apart printed in grey and by a colour-blind reader."""
    alt = _alt()
    # M0, an index (0,0383 in the cards, the table and the workbook), is drawn on the axis of percentages as
    # M0 × 100, and its legend says so
    legend = alt.Legend(
        symbolType="stroke",
        symbolStrokeWidth=2.5,
        symbolSize=400,
        symbolOpacity=1,
        labelExpr="datum.label == 'M0' ? 'M0 × 100' : datum.label",
    )
    # each measure its own colour and dash whichever are drawn: with no AF-poor household A is undefined at every
    # k and not drawn, and M0 took A's place in the scales (A's gold, dashed)
    drawn = [i for i, m in enumerate(SWEEP_MEASURES) if m in set(data["measure"])]
    domain = [SWEEP_MEASURES[i] for i in drawn]
    colors, dashes = [SWEEP_COLORS[i] for i in drawn], [SWEEP_DASHES[i] for i in drawn]
    values = pd.to_numeric(data["value"], errors="coerce")
    top = max(float(values.max()) if values.notna().any() else 0.0, 1.0)
    base = _base(alt, data).encode(
        x=alt.X("k:O", title=words["k_axis"], axis=alt.Axis(labelAngle=0)),
        # up to at least 1 %: a commune with no AF-poor household (every value 0) had an axis of one tick, "0",
        # its lines along the chart's foot; a tick between whole percents says its decimal ("0,5", not "1" twice)
        y=alt.Y("value:Q", title="%", axis=alt.Axis(format=",.1~f"), scale=alt.Scale(domain=[0, top], nice=True)),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=domain, range=colors), legend=legend),
        # on the points too (a filled point draws no stroke), so that the legend is one: colour and dash together
        strokeDash=alt.StrokeDash("measure:N", title=None, scale=alt.Scale(domain=domain, range=dashes)),
    )
    lines = base.mark_line().properties(name="sweep_lines")
    points = base.mark_point(filled=True, size=40).properties(name="sweep_points")
    rule = (
        alt.Chart(pd.DataFrame({"k": [k]}))
        .mark_rule(strokeDash=[4, 3], color="#555")
        .encode(x=alt.X("k:O", axis=None))
        .properties(name="k_rule")
    )
    # the dashed rule says what it marks: the page's cutoff, whose H, A and M0 the cards and the table give
    label = (
        alt.Chart(pd.DataFrame({"k": [k], "label": [f"k = {k}"]}))
        .mark_text(align="left", baseline="top", dx=4, dy=2, fontSize=11, color="#333")
        .encode(x=alt.X("k:O", axis=None), y=alt.value(0), text="label:N")
        .properties(name="k_label")
    )
    return _config((lines + points + rule + label).properties(height=220))


def contributions(
    data: pd.DataFrame, words: dict[str, Any], dimensions: list[str], villages: list[str] | None = None
) -> Any:
    """Stacked horizontal bars: each dimension's contribution (%) to the village's M0.

    ``data``: village, dimension (label), pct (float, %), vorder, dorder. ``villages``: every village of the
    axis, in order (one with no AF-poor household has no bar, an empty band); default: those of ``data``.
    """
    alt = _alt()
    n = len(villages) if villages is not None else data["village"].nunique()
    axis_villages = list(villages) if villages is not None else list(dict.fromkeys(data["village"]))
    y_order: dict[str, Any] = (
        {"sort": alt.SortField("vorder")} if villages is None else {"scale": alt.Scale(domain=villages), "sort": None}
    )
    chart = (
        _base(alt, data)
        .mark_bar()
        .encode(
            y=alt.Y("village:N", title=None, axis=_village_axis(alt, axis_villages), **y_order),
            x=alt.X("pct:Q", title=words["pct_axis"], scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "dimension:N",
                title=None,
                scale=alt.Scale(domain=dimensions, range=DIMENSION_COLORS[: len(dimensions)]),
                sort=dimensions,
            ),
            order=alt.Order("dorder:Q"),
            tooltip=[alt.Tooltip("village:N"), alt.Tooltip("dimension:N"), alt.Tooltip("pct:Q", format=",.1f")],
        )
        .properties(height=max(max(ROW, LINE * _lines(axis_villages) + 4) * n, 60), name="contrib")
    )
    return _config(chart)
