"""The HTML report page in a real browser (docs/reports.md: "checked in a real browser").

Headless Chromium from the system packages opens the page built from the sample commune (with
movements and household sizes added): no console error, no network request, every chart has its
marks (as many bars / cells / points as its data has), the layout holds on a desktop and a phone
(sizes in ranges, no sideways scrolling, a screenshot that is not blank), and the numbers in the page
are those of the village table and of af.csv. One browser for the whole module (< 10 s).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from _browser import Browser, chromium_path

import poverty_rules as pr
from poverty_rules.reports.af import af_measures, write_af_csv
from poverty_rules.reports.html import PageOptions, build_page, fmt_pct, fmt_share, village_table, write_html

ROOT = Path(__file__).resolve().parent.parent
RS = pr.load_ruleset("vn-2022-2026")

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def reviewed() -> pd.DataFrame:
    raw = pd.read_csv(ROOT / "fixtures" / "sample_commune.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(14)
    raw["household_size"] = rng.integers(1, 8, len(raw)).astype(str)
    raw["previous_status"] = rng.choice(["poor", "near_poor", "not_poor"], len(raw), p=[0.05, 0.07, 0.88])
    return pr.classify(raw, ruleset=RS, errors="drop", as_of="2025-12-01")


@pytest.fixture(scope="module")
def pages(reviewed: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html")
    paths = {}
    for lang in ("vi", "en"):
        html = build_page(reviewed, ruleset=RS, options=PageOptions(lang=lang, unit="person"))
        write_html(html, out / f"report.{lang}.html")
        paths[lang] = out / f"report.{lang}.html"
    tidy = af_measures(reviewed, ruleset=RS, unit="person", weights="equal")
    write_af_csv(tidy, out / "af.csv")
    paths["af"] = out / "af.csv"
    return paths


@pytest.fixture(scope="module")
def browser() -> Browser:
    b = Browser()
    yield b  # type: ignore[misc]
    b.close()


MARKS_JS = """
Array.from(document.querySelectorAll('figure.chart')).map(f => ({
  key: f.dataset.chart,
  marks: Number(f.dataset.marks),
  rect: f.querySelectorAll(['rates', 'cells', 'counts', 'contrib', 'movements']
      .map(n => 'g.role-mark.' + n + '_marks > path').join(',')).length,
  points: f.querySelectorAll('g.role-mark.sweep_points_marks > path').length,
  lines: f.querySelectorAll('g.role-mark.sweep_lines_marks').length,
  svgWidth: f.querySelector('svg').getBoundingClientRect().width,
  svgHeight: f.querySelector('svg').getBoundingClientRect().height,
  figWidth: f.getBoundingClientRect().width,
}))
"""


def test_self_contained(pages: dict[str, Path]) -> None:
    html = pages["vi"].read_text(encoding="utf-8")
    assert "<script" not in html  # static SVG: nothing to run
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no link out of the file
    assert "@media print" in html and 'name="viewport"' in html
    # no chart description of the library's own, in English on a Vietnamese page ("X-axis titled …")
    assert not re.search(r"aria-label=\"[^\"]*(axis|scale|titled)", html), "English chart descriptions"


def test_no_errors_and_every_chart_has_its_marks(
    browser: Browser, pages: dict[str, Path], reviewed: pd.DataFrame
) -> None:
    browser.open(pages["vi"].as_uri(), width=1200)
    assert browser.problems() == []
    charts = {c["key"]: c for c in browser.js(MARKS_JS)}
    assert set(charts) == {"rates", "movements", "heatmap", "counts", "sweep", "contrib"}
    villages = village_table(reviewed)
    n_v, d = len(villages), len(RS.indicators)
    assert charts["rates"]["rect"] == 2 * n_v  # a poor and a near-poor bar per village
    assert charts["heatmap"]["rect"] == n_v * d  # a cell per village and indicator
    n_counts = reviewed.groupby([reviewed["deprivation_count"].astype(int), reviewed["status"]]).ngroups
    assert charts["counts"]["rect"] == n_counts
    assert charts["sweep"]["lines"] == 3 and 2 * d <= charts["sweep"]["points"] <= 3 * d
    assert charts["contrib"]["rect"] > n_v  # several dimensions per village
    moves = reviewed["transition"].fillna("").astype(str)
    assert charts["movements"]["rect"] == moves[(moves != "") & (moves != "unchanged")].nunique()
    for c in charts.values():
        assert c["rect"] + c["points"] == c["marks"]
        assert 300 < c["svgWidth"] <= c["figWidth"] + 1 and c["svgHeight"] > 100


def test_layout_on_desktop_and_phone(browser: Browser, pages: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    for width, mobile in ((1200, False), (390, True)):
        browser.open(pages["vi"].as_uri(), width=width, height=844, mobile=mobile)
        assert browser.problems() == []
        size = browser.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert size[0] <= width  # no sideways scrolling of the page (wide tables scroll in their box)
        assert 4000 < size[1] < 60000, size
        # each chart's box within the page (a phone scrolls a wide chart inside it, not the page)
        assert browser.js("Array.from(document.querySelectorAll('.chart-scroll')).every(s => s.getBoundingClientRect()"
                          f".right <= {width} + 1)")  # fmt: skip
        shot = Image.open(browser.screenshot(tmp_path / f"shot-{width}.png")).convert("L")
        assert shot.width == size[0]
        top = shot
        hist = top.histogram()
        ink = sum(hist[:200]) / (top.width * top.height)  # share of pixels that are not near-white
        assert 0.05 < ink < 0.7, ink
    assert len(browser.pdf()) > 20_000  # it prints (the phone layout, with the print CSS)


def test_links_and_household_sections(browser: Browser, pages: dict[str, Path], reviewed: pd.DataFrame) -> None:
    browser.open(pages["vi"].as_uri(), width=1200)
    links = browser.js("Array.from(document.querySelectorAll('#villages a')).map(a => a.getAttribute('href'))")
    assert len(links) == reviewed["village"].nunique()
    for href in links:
        assert browser.js(f"document.getElementById({href[1:]!r}) !== null")
    listed = browser.js("document.querySelectorAll('table.households tbody tr').length")
    assert listed >= int(reviewed["status"].isin(["poor", "near_poor"]).sum())


def test_numbers_match_the_tables_and_af_csv(browser: Browser, pages: dict[str, Path], reviewed: pd.DataFrame) -> None:
    af = pd.read_csv(pages["af"], keep_default_na=False, dtype={"value": str})
    for lang in ("vi", "en"):
        browser.open(pages[lang].as_uri(), width=1200)
        rows = browser.js(
            "Array.from(document.querySelectorAll('#villages tbody tr')).map(r => [r.dataset.village,"
            " Array.from(r.querySelectorAll('td[data-col]')).map(td => td.textContent.trim())])"
        )
        villages = village_table(reviewed)
        for key, cells in rows:
            if key == "total":
                continue
            p, c, v = key.split("|")
            r = villages[(villages.province == p) & (villages.commune == c) & (villages.village == v)].iloc[0]
            sep = "." if lang == "vi" else ","
            assert cells[0].replace(sep, "") == str(r.households)
            assert cells[1] == str(r.poor) and cells[3] == str(r.near_poor)
            assert cells[2] == fmt_pct(r.poor_rate, lang) and cells[4] == fmt_pct(r.near_poor_rate, lang)
        h = browser.js("document.querySelector('[data-measure=af_H]').dataset.value")
        k3 = af[(af.level == "total") & (af.k == 3) & (af.measure == "H") & (af.unit == "person")]
        assert math.isclose(float(h), float(k3["value"].iloc[0]), rel_tol=0, abs_tol=0)
        shown = browser.js("document.querySelector('[data-measure=af_H]').textContent")
        assert shown == fmt_share(float(k3["value"].iloc[0]), lang)
        if lang == "vi":
            assert re.fullmatch(r"\d+,\d\d%", shown)
            assert "." in browser.js("document.querySelector('[data-measure=households]').textContent")


@pytest.fixture(scope="module")
def cli_outputs(reviewed: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``poverty-rules report`` on the reviewed sample: the page, the workbook and the CSV folder."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    out = tmp_path_factory.mktemp("cli")
    src = out / "reviewed.csv"
    reviewed.to_csv(src, index=False)
    runner = CliRunner()
    paths = {"html": out / "report.html", "xlsx": out / "report.xlsx", "csv": out / "csv"}
    for args in (["-o", str(paths["html"])], ["-o", str(paths["xlsx"])], ["-o", str(paths["csv"]), "--format", "csv"]):
        result = runner.invoke(main, ["report", str(src), *args, "--lang", "vi"])
        assert result.exit_code == 0, result.output
    paths["src"] = src
    return paths


def test_report_command_same_numbers_in_html_xlsx_csv(browser: Browser, cli_outputs: dict[str, Path]) -> None:
    import openpyxl

    r1 = pd.read_csv(cli_outputs["csv"] / "r1.csv", keep_default_na=False, dtype=str)
    villages = r1[r1.level == "village"]
    browser.open(cli_outputs["html"].as_uri(), width=1200)
    assert browser.problems() == []
    rows = dict(
        browser.js(
            "Array.from(document.querySelectorAll('#villages tbody tr')).map(r => [r.dataset.village,"
            " Array.from(r.querySelectorAll('td[data-col]')).map(td => td.textContent.trim())])"
        )
    )
    assert len(rows) == len(villages) + 1

    def vi(cell: str, rate: bool) -> str:  # r1.csv's 37.63 / 1993 as the vi page writes them
        return (cell.replace(".", ",") + "%") if rate and cell else f"{int(cell):,}".replace(",", ".")

    for r in villages.itertuples():
        shown = rows[f"{r.province}|{r.commune}|{r.village}"]
        assert shown == [vi(r.c1, False), vi(r.c3, False), vi(r.c4, True), vi(r.c5, False), vi(r.c6, True)]
    total = r1[r1.level == "total"].iloc[0]
    assert rows["total"] == [vi(total.c1, False), vi(total.c3, False), vi(total.c4, True), vi(total.c5, False),
                             vi(total.c6, True)]  # fmt: skip
    # the workbook's R1 rows carry the same counts and rates
    sheet = openpyxl.load_workbook(cli_outputs["xlsx"], read_only=True)["R1"]
    xlsx_rows = {tuple(row[1:7]) for row in sheet.iter_rows(values_only=True) if isinstance(row[1], int)}
    for r in villages.itertuples():
        assert (int(r.c1), int(r.c2), int(r.c3), float(r.c4), int(r.c5), float(r.c6)) in xlsx_rows
    # af.csv: every k, both schemes, both units; the page's H is af.csv's value at the page's k
    af = pd.read_csv(cli_outputs["csv"] / "af.csv", keep_default_na=False, dtype={"value": str})
    assert set(af.k) == set(range(1, 13)) and set(af.scheme) == {"equal", "nested"}
    assert set(af.unit) == {"household", "person"}
    h = af[(af.level == "total") & (af.k == 3) & (af.measure == "H") & (af.scheme == "equal") & (af.unit == "person")]
    assert browser.js("document.querySelector('[data-measure=af_H]').dataset.value") == h["value"].iloc[0]
    expected = af_measures(pd.read_csv(cli_outputs["src"], dtype=str, keep_default_na=False), ruleset=RS)
    assert len(expected) == len(af)
    np.testing.assert_array_equal(expected["value"].to_numpy(), pd.to_numeric(af["value"].replace("", np.nan)))


def test_the_report_page_keeps_the_users_umask(tmp_path: Path) -> None:
    """The HTML page was always made 0644, whatever the umask: an officer whose umask keeps files to
    themselves (077) got a page of named households readable by every user of the machine, and a group
    that shares its files (002) one it could not update. It now takes the umask as every other output does."""
    import os

    from poverty_rules.reports.html import write_html

    before = os.umask(0o077)
    try:
        write_html("<p>x</p>", tmp_path / "private.html")
        os.umask(0o002)
        write_html("<p>x</p>", tmp_path / "shared.html")
    finally:
        os.umask(before)
    assert (tmp_path / "private.html").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "shared.html").stat().st_mode & 0o777 == 0o664


def test_household_codes_stay_whole_on_a_phone_and_a_desktop(browser: Browser, pages: dict[str, Path]) -> None:
    """On a phone (390 px) the village lists broke each household code at its hyphens ("HC-" / "01-" /
    "0023" on three lines), and on a desktop in two; a code is now one line at both widths (on a phone it
    stands above the head's name, its own column folded away), and the page keeps its length."""
    whole = """Array.from(document.querySelectorAll(
            'table.households tbody td:nth-child(2), table.households tbody .code'))
        .filter(e => e.getClientRects().length)
        .map(e => { const r = document.createRange(); r.selectNodeContents(e);
                    const tops = Array.from(r.getClientRects()).map(x => Math.round(x.top));
                    return [e.textContent, new Set(tops).size]; })"""
    for width, mobile in ((1200, False), (390, True)):
        browser.open(pages["vi"].as_uri(), width=width, height=844, mobile=mobile)
        codes = browser.js(whole)
        rows = browser.js("document.querySelectorAll('table.households tbody tr').length")
        assert len(codes) == rows > 100  # each household's code shown once
        assert [code for code, lines in codes if lines != 1] == [], width
        assert all(re.fullmatch(r"[A-Z]+-\d+-\d+", code) for code, _ in codes)
        assert browser.js("document.documentElement.scrollHeight") < 60000


def test_tables_fit_a_360_px_phone_without_scrolling_sideways(browser: Browser, pages: dict[str, Path]) -> None:
    """On a 360 px phone the village table scrolled 67 px sideways inside its box (its headers 'Hộ cận nghèo'
    … never wrapped; 37 px at 390 px) and, in English, each village's household table up to 104 px; the
    headers of numbers now wrap, and on a phone the household tables are set a little smaller with the
    deprivations given their share of the width (a long word breaks inside its cell): both fit, and the
    page is shorter than before."""
    overflow = """Array.from(document.querySelectorAll('#villages, table.households'))
        .map(t => t.parentElement.scrollWidth - t.parentElement.clientWidth).filter(x => x > 0)"""
    for lang in ("vi", "en"):
        browser.open(pages[lang].as_uri(), width=360, height=800, mobile=True)
        assert browser.problems() == []
        assert browser.js("document.querySelectorAll('table.households').length") > 3
        assert browser.js(overflow) == [], lang
        assert browser.js("document.documentElement.scrollHeight") < 60000  # no longer for it


def test_the_af_table_fits_a_360_px_phone_in_both_languages(
    browser: Browser, pages: dict[str, Path], reviewed: pd.DataFrame, tmp_path: Path
) -> None:
    """On a 360 px phone the English page's AF table (indicator, deprived, deprived and AF-poor, contribution)
    scrolled sideways in its box: 29 px counting persons (77 px as session 13 measured it) and 43 px
    counting households ('households)', 'Contribution' and 'Telecommunication' are words no line breaks); on a
    phone it is now set as small as the household tables, its headers breaking inside a long word, and fits
    in vi and en, counting households or persons."""
    table = "document.getElementById('af-indicators')"
    overflow = f"(t => t.parentElement.scrollWidth - t.parentElement.clientWidth)({table})"
    for lang in ("vi", "en"):
        household = tmp_path / f"report.household.{lang}.html"
        write_html(build_page(reviewed, ruleset=RS, options=PageOptions(lang=lang, unit="household")), household)
        for page in (pages[lang], household):
            browser.open(page.as_uri(), width=360, height=800, mobile=True)
            assert browser.js("document.querySelectorAll('#af-indicators tbody tr').length") == len(RS.indicators)
            assert browser.js(overflow) <= 0, (lang, page.name)


def test_a_printed_page_gives_each_charts_numbers(browser: Browser, pages: dict[str, Path]) -> None:
    """Each chart's numbers ("Số liệu của biểu đồ") are folded under it on screen, and a printed copy, where
    nothing opens, had none of them: the committee's paper showed the households with 5, 6 … 10 deprivations as
    bars a pixel high and each dimension's share of M0 as unlabelled bands. Printed, every chart's table is now
    open under it; on screen it stays folded."""
    tables = "Array.from(document.querySelectorAll('details.data table')).map(t => t.checkVisibility())"
    browser.open(pages["vi"].as_uri(), width=1200)
    assert browser.js(tables) and not any(browser.js(tables))
    try:
        browser.call("Emulation.setEmulatedMedia", media="print")
        shown = browser.js(tables)
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")
    assert len(shown) == browser.js("document.querySelectorAll('figure.chart').length")
    assert all(shown), shown


def test_printed_charts_numbers_fit_the_printed_width(browser: Browser, pages: dict[str, Path]) -> None:
    """Printed, the heat map's table of numbers (a village column and twelve indicator columns, headed by names
    such as "Phương tiện phục vụ tiếp cận thông tin") was wider than an A4 page within its margins (about
    703 px) and cut at its edge. Printed, the charts' tables are set smaller, their headers breaking inside a
    long word, and every one fits."""
    overflow = """Array.from(document.querySelectorAll('table.chart-data'))
        .map(t => t.parentElement.scrollWidth - t.parentElement.clientWidth)"""
    for lang in ("vi", "en"):
        browser.open(pages[lang].as_uri(), width=703, height=1000)
        try:
            browser.call("Emulation.setEmulatedMedia", media="print")
            widths = browser.js(overflow)
        finally:
            browser.call("Emulation.setEmulatedMedia", media="")
        assert widths and max(widths) <= 0, (lang, widths)


def test_long_village_names_leave_the_charts_readable_on_a_360_px_phone(
    browser: Browser, reviewed: pd.DataFrame, tmp_path: Path
) -> None:
    """A phone draws each chart scaled to its width, and a village's name was one line on the axis: with names
    such as "Thôn Đông Thượng Phía Trong Bên Sông Số 3" the rates chart was drawn at 0.44 of its size on a
    360 px phone, its 12 px type 5.3 px high, the contributions' 5.2 px and the heat map's 4.5 px. A long name is
    now set on lines of at most 22 characters (each whole, none cut): the charts are narrower and their type
    larger (6.4, 6.3 and 5.2 px; the heat map's twelve columns keep it the widest)."""
    villages = sorted(set(reviewed["village"]))
    long = {v: f"Thôn Đông Thượng Phía Trong Bên Sông Số {i + 1}" for i, v in enumerate(villages)}
    page = tmp_path / "long.html"
    table = reviewed.assign(village=reviewed["village"].map(long))
    write_html(build_page(table, ruleset=RS, options=PageOptions(lang="vi", unit="household")), page)
    browser.open(page.as_uri(), width=360, height=800, mobile=True)
    sizes = browser.js(
        """Object.fromEntries(['rates', 'heatmap', 'contrib'].map(key => {
            const svg = document.querySelector('#chart-' + key + ' svg');
            return [key, 12 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width]; }))"""
    )
    assert sizes["rates"] >= 6 and sizes["contrib"] >= 6 and sizes["heatmap"] >= 5, sizes
    names = browser.js(
        """Array.from(document.querySelectorAll('#chart-rates .role-axis-label text'))
            .map(t => Array.from(t.querySelectorAll('tspan')).map(s => s.textContent))
            .filter(lines => lines.length)"""
    )
    assert len(names) == len(villages)
    assert sorted(" ".join(lines) for lines in names) == sorted(long.values())
    assert all(len(line) <= 22 for lines in names for line in lines)


def test_the_charts_are_readable_on_a_360_px_phone_and_printed_whole(browser: Browser, pages: dict[str, Path]) -> None:
    """A phone drew each chart shrunk to its width: on a 360 px phone the heat map (a village row and twelve
    indicator columns) was at 0.48 of its size, its 12 px type 5.7 px high, and the other charts' 6.3 to 8.1 px.
    A chart is now drawn at three quarters of its size at least (9 px type) and a wider one scrolls sideways in
    its own box, the page never; a desktop draws each at its own size, and printed (A4 within its margins,
    about 703 px) each is whole within the width, nothing to scroll on paper."""
    scales = """Array.from(document.querySelectorAll('figure.chart svg')).map(s =>
        +(12 * s.getBoundingClientRect().width / s.viewBox.baseVal.width).toFixed(2))"""
    boxes = """Array.from(document.querySelectorAll('figure.chart .chart-scroll')).map(b =>
        [b.parentElement.dataset.chart, b.scrollWidth - b.clientWidth, getComputedStyle(b).overflowX])"""
    browser.open(pages["vi"].as_uri(), width=360, height=800, mobile=True)
    assert browser.problems() == []
    assert min(browser.js(scales)) >= 8.99, browser.js(scales)
    assert browser.js("document.documentElement.scrollWidth") <= 360
    scrolled = {key: (by, overflow) for key, by, overflow in browser.js(boxes)}
    assert scrolled["heatmap"][0] > 100 and scrolled["heatmap"][1] == "auto", scrolled
    browser.open(pages["vi"].as_uri(), width=1200, height=800)
    assert set(browser.js(scales)) == {12}
    browser.open(pages["vi"].as_uri(), width=703, height=1000)
    try:
        browser.call("Emulation.setEmulatedMedia", media="print")
        printed = browser.js(boxes)
        fits = browser.js("""Array.from(document.querySelectorAll('figure.chart svg')).every(s =>
            s.getBoundingClientRect().right <= s.parentElement.getBoundingClientRect().right + 1)""")
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")
    assert fits and all(by <= 0 and overflow == "visible" for _, by, overflow in printed), printed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_household_that_moved_in_is_said_so_in_the_pages_lists(tmp_path: Path, lang: str) -> None:
    """A near-poor household first reviewed here and marked ``chuyển đến`` (moved in) is R2/R3's "other" increase
    (column 8, "Tăng khác (chuyển đến, tách hộ)"), but the page's village list said "Rà soát lần đầu" (first
    review) in its "Diễn biến" column, as of a household newly near-poor. It now says "Chuyển đến" ("Tách hộ" for
    a split); a first review with no such mark keeps "Rà soát lần đầu". The movements chart (and its data
    table) counted all three as first reviews; it counts each under the word its list row says."""
    from datetime import date

    from poverty_rules.reports.frame import from_reviewed
    from poverty_rules.reports.html import write_html_report
    from poverty_rules.reports.model import build_report

    base = {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "area": "rural", "household_size": "4"}
    rows = [
        {"household_id": "H1", "status": "near_poor", "transition": "first_review", "change_reason": "chuyển đến"},
        {"household_id": "H2", "status": "poor", "transition": "first_review", "change_reason": "tách hộ"},
        {"household_id": "H3", "status": "poor", "transition": "first_review", "change_reason": ""},
    ]
    frame = pd.DataFrame([{**base, **r} for r in rows]).astype(object)
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)), lang=lang)
    page = tmp_path / "p.html"
    write_html_report(report, page)
    text = page.read_text(encoding="utf-8")
    words = {"vi": ("Chuyển đến", "Tách hộ", "Rà soát lần đầu"), "en": ("Moved in", "Split", "First review")}[lang]
    for household, word in zip(("H1", "H2", "H3"), words, strict=True):
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*>{household}<(?:(?!</tr>).)*</tr>", text, re.S)
        assert row is not None and f">{word}<" in row[0], (household, row[0] if row else text[-2000:])
    # the movements chart and its data table count them as the lists say them (they said "Rà soát lần đầu" 3)
    chart = text[text.index('id="chart-movements"') :]
    table = chart[chart.index("<tbody>") : chart.index("</tbody>")]
    counted = re.findall(r'<th scope="row">([^<]*)</th><td class="n">(\d+)</td>', table)
    assert counted == [(word, "1") for word in (words[2], words[0], words[1])], counted


def test_a_household_back_after_leaving_marked_moved_in_is_said_so_in_the_pages_lists(tmp_path: Path) -> None:
    """A household back after leaving the commune's lists (absent from the last review: no ``start_status``) and
    marked ``chuyển đến`` is R3's column 8 ("Tăng khác"), as a first review so marked is; the page's list said its
    transition ("Cận nghèo phát sinh"), the chart counted it so. Both say "Chuyển đến" now; a household that was on
    a list at the last review keeps its transition's word whatever its mark."""
    base = {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "area": "rural", "household_size": "4"}
    rows = [
        {"household_id": "H1", "status": "near_poor", "transition": "newly_near_poor", "start_status": "",
         "change_reason": "chuyển đến"},
        {"household_id": "H2", "status": "poor", "transition": "newly_poor", "start_status": "near_poor",
         "change_reason": "chuyển đến"},
    ]  # fmt: skip
    report, text = _reviewed_page(tmp_path, [{**base, **r} for r in rows], 2025, "vi")
    r3 = report.forms[2].rows
    assert r3[(r3["level"] == "total") & (r3["row"] == "households")].iloc[0]["c8"] == 1  # H1 only
    for household, word in (("H1", "Chuyển đến"), ("H2", "Nghèo phát sinh")):
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*>{household}<(?:(?!</tr>).)*</tr>", text, re.S)
        assert row is not None and f">{word}<" in row[0], (household, row[0] if row else text[-2000:])
    chart = text[text.index('id="chart-movements"') :]
    table = chart[chart.index("<tbody>") : chart.index("</tbody>")]
    counted = re.findall(r'<th scope="row">([^<]*)</th><td class="n">(\d+)</td>', table)
    assert ("Chuyển đến", "1") in counted and ("Cận nghèo phát sinh", "1") not in counted, counted


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_household_that_moved_village_is_said_so_in_its_new_villages_list(tmp_path: Path, lang: str) -> None:
    """A household that moved village within its commune (``start_village``: Bản Mường at the last review, Thôn Đông
    now) is R3's column 4 of its old village and column 8 ("Tăng khác") of its new one; the page's list of its new
    village said "Không đổi", the commune-level word, leaving the officer to guess the 1 in column 8. It says where
    it came from now, after its movement when it had one; a household that stayed keeps its word."""
    names = ("household_id", "transition", "start_status", "start_village")
    households = (
        ("M1", "unchanged", "near_poor", "Bản Mường"),
        ("M2", "escaped_poverty", "poor", "bản  mường"),
        ("S1", "unchanged", "near_poor", "thôn đông"),
    )
    place = {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn Đông", "area": "rural", "status": "near_poor"}
    rows = [{**place, "household_size": "2", **dict(zip(names, h, strict=True))} for h in households]
    _, text = _reviewed_page(tmp_path, rows, 2026, lang)
    moved = {"vi": "Chuyển đến từ ", "en": "Moved in from "}[lang]
    escaped = {"vi": "Thoát nghèo; chuyển đến từ ", "en": "Escaped poverty; moved in from "}[lang]
    stayed = {"vi": "Không đổi", "en": "Unchanged"}[lang]
    for household, word in (("M1", f"{moved}Bản Mường"), ("M2", f"{escaped}bản  mường"), ("S1", stayed)):
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*>{household}<(?:(?!</tr>).)*</tr>", text, re.S)
        assert row is not None and f">{word}<" in row[0], (household, row[0] if row else text[-2000:])


def _reviewed_page(tmp_path: Path, rows: list[dict[str, str]], year: int, lang: str) -> tuple[Any, str]:
    """The report of reviewed rows (their review on 10 December of ``year``) and its page's text."""
    from datetime import date

    from poverty_rules.reports.frame import from_reviewed
    from poverty_rules.reports.html import write_html_report
    from poverty_rules.reports.model import build_report

    frame = pd.DataFrame(rows).astype(object)
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(year, 12, 10)), lang=lang)
    page = tmp_path / "p.html"
    write_html_report(report, page)
    return report, page.read_text(encoding="utf-8")
