"""Alkire–Foster measures (docs/reports.md): reports/af.py against a plain reference and properties.

The reference below is written from the formulas of reports.md with loops and ``fractions.Fraction``
and shares nothing with the module but the ruleset's indicator list.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import poverty_rules as pr
from poverty_rules.errors import ArgumentError, InputError
from poverty_rules.reports.af import (
    af_measures,
    af_sums,
    af_weights,
    combine_sums,
    measures_from_sums,
    write_af_csv,
)

RS22 = pr.load_ruleset("vn-2022-2026")
RS27 = pr.load_ruleset("vn-2027-2030")
VILLAGES = [("P1", "C1", "V1"), ("P1", "C1", "V2"), ("P1", "C2", "V1"), ("P2", "C3", "V9")]


# ---- the reference: loops and fractions ------------------------------------------------------


def ref_weights(rs: pr.Ruleset, scheme: str) -> list[Fraction]:
    d = len(rs.indicators)
    if scheme == "equal":
        return [Fraction(1, d)] * d
    dims = [i.dimension for i in rs.indicators]
    m = len(set(dims))
    return [Fraction(1, m * dims.count(x)) for x in dims]


def ref_measures(
    rows: list[dict], rs: pr.Ruleset, scheme: str, unit: str, ks: list[int]
) -> dict[int, dict[tuple, dict]]:
    """{k: {(level, province, commune, village, area): {measure or (measure, indicator): Fraction | None}}}.

    Each k's measures are made from the same groups, counts a and scores c_i: those are worked out once per
    (scheme, unit) and the loops below run once per k on them (the module is checked at every k it gives)."""
    ids = [i.id for i in rs.indicators]
    d = len(ids)
    w = ref_weights(rs, scheme)
    dims = list(dict.fromkeys(i.dimension for i in rs.indicators))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if any(r["flags"][j] is None for j in range(d)):
            continue
        p, c, v, area = r["province"], r["commune"], r["village"], r["area"]
        for key in [("total", "", "", "", ""), ("province", p, "", "", ""), ("commune", p, c, "", ""),
                    ("village", p, c, v, ""), ("area", "", "", "", area)]:  # fmt: skip
            groups[key].append(r)
    groups.setdefault(("total", "", "", "", ""), [])

    def a_of(r: dict) -> Fraction:
        a = Fraction(1)
        if unit.startswith("person"):
            a *= r["size"]
        if unit.endswith("weighted"):
            a *= Fraction(r["weight"])
        return a

    # per row: its count a and its deprivation score c_i (neither depends on k)
    a = {id(r): a_of(r) for r in rows}
    score = {id(r): sum((w[j] * r["flags"][j] for j in range(d)), Fraction(0)) for r in rows if None not in r["flags"]}
    # per group: N and the headcount ratio of each indicator (neither depends on k)
    n_of = {key: sum((a[id(r)] for r in members), Fraction(0)) for key, members in groups.items()}
    hd_of = {
        key: [
            sum((a[id(r)] * r["flags"][j] for r in members), Fraction(0)) / n_of[key] if n_of[key] else None
            for j in range(d)
        ]  # fmt: skip
        for key, members in groups.items()
    }
    by_k: dict[int, dict[tuple, dict]] = {}
    for k in ks:
        out: dict[tuple, dict] = {}
        for key, members in groups.items():
            N = n_of[key]
            res: dict = {"N": N}
            poor = []
            for r in members:
                c_i = score[id(r)]
                if c_i >= Fraction(k, d):
                    poor.append((r, c_i))
            q = sum((a[id(r)] for r, _ in poor), Fraction(0))
            res["q"] = q
            res["H"] = q / N if N else None
            res["A"] = sum((a[id(r)] * c for r, c in poor), Fraction(0)) / q if q else None
            res["M0"] = res["H"] * res["A"] if res["H"] is not None and res["A"] is not None else (0 if N else None)
            if N and not q:
                res["M0"] = Fraction(0)
            for j, ind in enumerate(ids):
                res[("hd", ind)] = hd_of[key][j]
                # a flag is 0 or 1: the poor households deprived in indicator j, by their counts
                hdk = sum((a[id(r)] for r, _ in poor if r["flags"][j]), Fraction(0)) / N if N else None
                res[("hdk", ind)] = hdk
                res[("actb", ind)] = w[j] * hdk if hdk is not None else None
                res[("pctb", ind)] = res[("actb", ind)] / res["M0"] if res["M0"] else None
            for dim in dims:
                js = [j for j, i in enumerate(rs.indicators) if i.dimension == dim]
                actb = [res[("actb", ids[j])] for j in js]
                res[("dim_actb", dim)] = sum(actb, Fraction(0)) if N else None
                res[("dim_pctb", dim)] = res[("dim_actb", dim)] / res["M0"] if res["M0"] else None
            out[key] = res
        total = out[("total", "", "", "", "")]
        for res in out.values():
            res["pop_share"] = res["N"] / total["N"] if total["N"] else None
            defined = res["pop_share"] is not None and res["M0"] is not None
            res["contrib"] = res["pop_share"] * res["M0"] if defined else None
            res["pct_contrib"] = res["contrib"] / total["M0"] if total["M0"] and res["contrib"] is not None else None
        by_k[k] = out
    return by_k


# ---- data --------------------------------------------------------------------------------------


def to_frame(rows: list[dict], rs: pr.Ruleset) -> pd.DataFrame:
    data: dict[str, list] = {k: [r[k] for r in rows] for k in ("province", "commune", "village", "area")}
    for j, ind in enumerate(rs.indicators):
        data[ind.column] = ["" if r["flags"][j] is None else str(r["flags"][j]) for r in rows]
    data["household_size"] = [str(r["size"]) for r in rows]
    data["weight"] = [str(r["weight"]) for r in rows]
    return pd.DataFrame(data)


def households(d: int, unknown: bool = True) -> st.SearchStrategy[list[dict]]:
    flag = st.sampled_from([0, 1, None]) if unknown else st.sampled_from([0, 1])
    one = st.fixed_dictionaries(
        {
            "place": st.sampled_from(VILLAGES),
            "area": st.sampled_from(["rural", "urban"]),
            "flags": st.lists(st.one_of(st.sampled_from([0, 1]), flag), min_size=d, max_size=d),
            "size": st.integers(1, 7),
            "weight": st.sampled_from(["1", "2", "0.5", "1.25", "3"]),
        }
    )

    def flatten(rows: list[dict]) -> list[dict]:
        for r in rows:
            r["province"], r["commune"], r["village"] = r.pop("place")
        return rows

    return st.lists(one, min_size=0, max_size=25).map(flatten)


def check_against_reference(rows: list[dict], rs: pr.Ruleset) -> None:
    frame = to_frame(rows, rs)
    tidy = af_measures(frame, ruleset=rs, weight_column="weight")
    assert list(tidy.columns) == ["level", "province", "commune", "village", "area", "scheme", "unit", "k",
                                  "measure", "indicator", "value"]  # fmt: skip
    # the module's rows as plain Python values, read once (iterating the frame's Arrow columns group by group
    # cost more than the reference); each row is checked against the reference of its scheme, unit and k
    columns = {name: tidy[name].tolist() for name in tidy.columns}
    records = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    ks: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in records:
        ks[(row["scheme"], row["unit"])].add(int(row["k"]))
    refs = {(scheme, unit): ref_measures(rows, rs, scheme, unit, sorted(k)) for (scheme, unit), k in ks.items()}
    for row in records:
        scheme, unit, k = row["scheme"], row["unit"], int(row["k"])
        key = (row["level"], row["province"], row["commune"], row["village"], row["area"])
        measure = row["measure"] if not row["indicator"] else (row["measure"], row["indicator"])
        expected = refs[(scheme, unit)][k][key][measure]
        if expected is None:
            assert math.isnan(row["value"]), (scheme, unit, k, row)
        elif unit.startswith(("household", "person")) and not unit.endswith("weighted") and row["measure"] in (
            "N", "q", "H", "A", "M0", "hd", "hdk", "actb", "pctb", "pop_share", "contrib", "pct_contrib"
        ):  # fmt: skip
            assert row["value"] == float(expected), (scheme, unit, k, row, expected)  # one correctly rounded division
        else:
            assert math.isclose(row["value"], float(expected), rel_tol=1e-12, abs_tol=1e-15), (row, expected)


# ---- tests -------------------------------------------------------------------------------------


def test_weights_are_integer_units() -> None:
    eq, ne = af_weights(RS27, "equal"), af_weights(RS27, "nested")
    assert eq.denominator == 12 and set(eq.units) == {1}
    assert sum(ne.weight(j) for j in range(ne.d)) == 1
    assert [ne.weight(j) for j in range(ne.d)] == ref_weights(RS27, "nested")
    assert ne.units != eq.units  # 2027–2030: dimensions of 2, 3 and 1 indicators
    assert af_weights(RS22, "nested").units == af_weights(RS22, "equal").units  # 2022–2026: 6 × 2, the same


@pytest.mark.parametrize("rs", [RS22, RS27], ids=["2022", "2027"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_matches_the_reference(rs: pr.Ruleset, data: st.DataObject) -> None:
    check_against_reference(data.draw(households(len(rs.indicators))), rs)


@settings(max_examples=12, deadline=None)
@given(rows=households(12))
def test_properties(rows: list[dict]) -> None:
    frame = to_frame(rows, RS27)
    tidy = af_measures(frame, ruleset=RS27, weight_column="weight")
    h = tidy[(tidy.level == "total") & (tidy.measure == "H")].sort_values(["scheme", "unit", "k"])
    for _key, part in h.groupby(["scheme", "unit"]):
        known = part["value"].dropna().to_numpy()
        assert (np.diff(known) <= 1e-15).all()  # H non-increasing in k
    # one row per group (scheme, unit, k, level and its keys), one column per summed measure
    group = ["scheme", "unit", "k", "level", "province", "commune", "village", "area"]
    sums = tidy.groupby(group + ["measure"], dropna=False)["value"].sum(min_count=1).unstack("measure")
    m0_total = sums.xs("total", level="level")["M0"].droplevel(["province", "commune", "village", "area"])
    checked = sums[sums["M0"].notna()]
    # contributions of the indicators, and of the dimensions, sum to each group's M0
    assert np.allclose(checked["actb"], checked["M0"], rtol=0, atol=1e-12)
    assert np.allclose(checked["dim_actb"], checked["M0"], rtol=0, atol=1e-12)
    positive = checked[checked["M0"] > 0]
    assert np.allclose(positive["pctb"], 1, rtol=0, atol=1e-12)
    # subgroup contributions of a level add up to the total's M0, population shares to 1
    by_level = tidy.groupby(["scheme", "unit", "k", "level", "measure"], dropna=False)["value"].sum().unstack("measure")
    total_m0 = m0_total.reindex(by_level.index.droplevel("level")).to_numpy()
    defined = ~np.isnan(total_m0)
    assert np.allclose(by_level["contrib"].to_numpy()[defined], total_m0[defined], rtol=0, atol=1e-12)
    assert np.allclose(by_level["pop_share"].to_numpy()[defined], 1, rtol=0, atol=1e-12)
    pos = defined & (np.nan_to_num(total_m0) > 0)
    assert np.allclose(by_level["pct_contrib"].to_numpy()[pos], 1, rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(rows=households(12, unknown=False))
def test_equal_weights_k3_is_three_deprivations(rows: list[dict]) -> None:
    frame = to_frame(rows, RS22)
    tidy = af_measures(frame, ruleset=RS22, k=3, weights="equal", unit="household", by="village")
    q = tidy[(tidy.level == "total") & (tidy.measure == "q")]["value"].iloc[0]
    assert q == sum(1 for r in rows if sum(r["flags"]) >= 3)


def test_float_cutoffs_would_fail_here() -> None:
    """Twelve indicators of weight 1/12, one household at each deprivation count 0…12."""
    ids = [i.id for i in RS22.indicators]
    # the trap: adding 1/12 c times in floating point falls short of c/12 for some c
    assert [c for c in range(1, 13) if not sum([1 / 12] * c) >= c / 12] == [5, 6, 7]
    rows = [
        {
            "province": "P",
            "commune": "C",
            "village": "V",
            "area": "rural",
            "size": 1,
            "weight": "1",
            "flags": [1] * c + [0] * (12 - c),
        }  # fmt: skip
        for c in range(13)
    ]
    tidy = af_measures(to_frame(rows, RS22), ruleset=RS22, unit="household", by="total")
    for scheme in ("equal", "nested"):
        h = tidy[(tidy.scheme == scheme) & (tidy.measure == "q")].set_index("k")["value"]
        # exactly the households with c ≥ k: 13 − k of them, at every k (no score level lost)
        assert h.to_dict() == {k: float(13 - k) for k in range(1, 13)}
    assert len(ids) == 12


def test_undefined_is_blank_never_zero(tmp_path: Path) -> None:
    rows = [{"province": "P", "commune": "C", "village": "V", "area": "rural", "size": 2, "weight": "1",
             "flags": [0] * 12}]  # fmt: skip
    tidy = af_measures(to_frame(rows, RS22), ruleset=RS22, k=3, unit="household")
    total = tidy[(tidy.level == "total") & (tidy.scheme == "equal")].set_index(["measure", "indicator"])["value"]
    assert total[("H", "")] == 0 and total[("M0", "")] == 0
    assert math.isnan(total[("A", "")]) and math.isnan(total[("pctb", "water")])
    write_af_csv(tidy, tmp_path / "af.csv")
    text = (tmp_path / "af.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == '"level","province","commune","village","area","scheme","unit","k","measure","indicator","value"'
    a_line = next(line for line in text if ',"A",' in line)
    assert a_line.endswith(',"A",,') and ',"A",,0' not in a_line
    back = pd.read_csv(tmp_path / "af.csv", keep_default_na=False, dtype=str)
    assert back["value"].eq("").sum() == int(tidy["value"].isna().sum())
    assert (back[back.measure == "N"]["value"] == "1").all()


def test_sums_of_parts_add_up() -> None:
    rng = np.random.default_rng(3)
    rows = [
        {
            "province": "P",
            "commune": "C",
            "village": f"V{i % 3}",
            "area": "rural",
            "size": int(rng.integers(1, 6)),
            "weight": "1.5",
            "flags": [int(x) for x in rng.integers(0, 2, 12)],
        }  # fmt: skip
        for i in range(60)
    ]
    frame = to_frame(rows, RS27)
    units = ("household", "person_weighted")
    whole = af_sums(frame, RS27, units=units, weight_column="weight")
    parts = [
        af_sums(frame.iloc[i::4].reset_index(drop=True), RS27, units=units, weight_column="weight") for i in range(4)
    ]
    a = measures_from_sums(whole, RS27)
    b = measures_from_sums(combine_sums(parts), RS27)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


def test_arguments_are_checked() -> None:
    frame = to_frame([{"province": "P", "commune": "C", "village": "V", "area": "rural", "size": 1,
                       "weight": "x", "flags": [0] * 12}], RS22)  # fmt: skip
    with pytest.raises(InputError, match="k must be a whole number between 1 and 12"):
        af_measures(frame, ruleset=RS22, k=13)
    for k, said in ((2.5, "2.5"), ([2.5], "2.5"), ("x", "x"), (True, "True")):  # refused, never rounded
        with pytest.raises(InputError, match=f"k must be a whole number between 1 and 12 .*, not {said}"):
            af_measures(frame, ruleset=RS22, k=k)  # type: ignore[arg-type]
    assert af_measures(frame, ruleset=RS22, k=3.0)["k"].unique().tolist() == [3]  # type: ignore[arg-type]
    with pytest.raises(InputError, match="weights must be one of"):
        af_measures(frame, ruleset=RS22, weights="flat")
    with pytest.raises(InputError, match=r"row 2, column weight: 'x'"):
        af_measures(frame, ruleset=RS22, unit="household_weighted", weight_column="weight")
    with pytest.raises(InputError, match="no household_size column"):
        af_measures(frame.drop(columns="household_size"), ruleset=RS22, unit="person")


def test_library_entry_point_and_sample() -> None:
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    classified = pr.classify(pd.read_csv(sample, dtype=str, keep_default_na=False), errors="drop")
    tidy = pr.af_measures(classified, ruleset=RS22, k=3)
    assert set(tidy["unit"]) == {"household"} and set(tidy["scheme"]) == {"equal", "nested"}
    n = tidy[(tidy.level == "total") & (tidy.measure == "N")]["value"].iloc[0]
    assert 1700 < n < 1993  # complete cases only: households with a blank flag are left out


def test_a_table_with_the_officers_headers_is_measured_by_village_and_person() -> None:
    """pr.classify keeps an officer's headers (Thôn, Khu vực, Số nhân khẩu): af_measures reads them as
    `report` does. It read them as absent: one blank village, no person unit (unit="person" refused)."""
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_vi_headers.csv"
    households = pd.read_csv(sample, dtype=str, keep_default_na=False)
    households["Số nhân khẩu"] = [str(1 + i % 5) for i in range(len(households))]
    classified = pr.classify(households, as_of="2025-12-01")
    names = {"Thôn": "village", "Xã": "commune", "Tỉnh": "province", "Khu vực": "area"}
    names["Số nhân khẩu"] = "household_size"
    expected = pr.af_measures(classified.rename(columns=names), k=3)
    tidy = pr.af_measures(classified, k=3)
    assert set(tidy["unit"]) == {"household", "person"}
    assert "" not in set(tidy[tidy.level == "village"]["village"]) and set(tidy[tidy.level == "area"]["area"]) == {
        "rural",
        "urban",
    }
    pd.testing.assert_frame_equal(tidy, expected)
    assert not pr.af_measures(classified, k=3, unit="person").empty


def test_a_standard_whose_indicators_the_table_never_marked_is_refused(tmp_path: Path) -> None:
    """``pr.af_measures(t, ruleset="vn-2027-2030")`` (and ``report --ruleset vn-2027-2030``) of a table
    classified by vn-2022-2026 read the 2027 indicators it has no marks for (``waste``,
    ``digital_services``) as "not deprived" from the 2022 ``deprived`` lists: N, H and M0 came out (N grew
    from 1,796 to 1,830 on the sample), silently wrong. Such an indicator is now refused, naming it; a table
    that has its marks as columns is measured."""
    frame = pd.DataFrame(
        {
            "household_id": ["A1", "A2", "A3"],
            "area": ["rural"] * 3,
            "income_per_capita": [1_000_000, 1_200_000, 4_000_000],
            **{f"deprived_{i.id}": [1, 0, 1] for i in RS22.indicators},
        }
    )
    classified = pr.classify(frame, ruleset=RS22, as_of="2025-12-01")
    for measure in (pr.af_measures, pr.report_forms):
        with pytest.raises(pr.PovertyRulesError, match="waste, digital_services") as caught:
            measure(classified, ruleset="vn-2027-2030")
        assert "vn-2022-2026" in str(caught.value)
    marked = classified.assign(deprived_waste=[0, 1, 0], deprived_digital_services=[1, 1, 0])
    assert not pr.af_measures(marked, ruleset=RS27, k=3).empty
    assert not pr.af_measures(classified, ruleset=RS22, k=3).empty  # its own standard, named
    from click.testing import CliRunner

    from poverty_rules.cli import main

    reviewed, out = tmp_path / "t.csv", tmp_path / "out"
    classified.to_csv(reviewed, index=False)
    args = ["report", str(reviewed), "-o", str(out), "--format", "csv", "--lang", "en", "--ruleset"]
    ran = CliRunner().invoke(main, [*args, "vn-2027-2030"])
    assert ran.exit_code == 2 and "waste, digital_services" in ran.output and not out.exists()
    assert CliRunner().invoke(main, [*args, "vn-2022-2026"]).exit_code == 0 and (out / "af.csv").exists()


def test_the_library_can_say_the_reports_errors_in_vietnamese() -> None:
    """``pr.af_measures(t, weights="Equal")`` or a table with a bad ``household_size`` raised a ReportError whose
    ``in_lang("vi")`` was the English text, though the words are in vocabulary/words.py in both languages and
    ``report --lang vi`` says them in Vietnamese (``in_lang`` is how the library's other errors, RowErrors,
    HouseholdError, give it): a notebook or a web page in Vietnamese showed English. ``str()`` stays English."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    with pytest.raises(InputError) as scheme:
        pr.af_measures(table, weights="Equal", lang="en")
    assert str(scheme.value) == "weights must be one of equal, nested, not 'Equal'"
    assert scheme.value.in_lang("vi") == "weights phải là một trong equal, nested, không phải 'Equal'"
    with pytest.raises(InputError) as size:
        pr.af_measures(table.assign(household_size=["ba", "2"]), unit="person", lang="en")
    assert size.value.in_lang("vi") == "dòng 2, cột household_size: 'ba' không phải số nhân khẩu (số nguyên ≥ 1)"
    assert size.value.in_lang("en") == str(size.value)


def test_the_library_says_which_households_have_no_size() -> None:
    """``pr.af_measures(t)`` by person and ``pr.report_forms(t)`` of a table where some households' size is blank
    left their persons out of N and of the forms' person cells without a word, where ``report`` says how many
    and names the first (docs/analysis.md, "A blank household size"): a researcher's person counts came out
    short, unexplained. Both now issue that note as a ``pr.Note`` warning at the caller's line; by household
    (no persons read) nothing is said."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c"], "area": ["rural", "urban", "rural"], "income_per_capita": [1e6, 3e6, 2e6]}
        | {f"deprived_{ind.id}": [1, 0, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22).assign(household_size=["", "3", np.nan])
    said = "<data>: 2 households with a blank household size (household_size), the first a:"
    with pytest.warns(pr.Note, match=f"^{re.escape(said)}") as by_person:
        pr.af_measures(table, unit="person", lang="en")
    with pytest.warns(pr.Note, match=f"^{re.escape(said)}") as forms:
        pr.report_forms(table, lang="en")
    assert [w.filename for w in (*by_person, *forms)] == [__file__, __file__]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pr.af_measures(table, unit="household")
        pr.af_measures(table.drop(columns="household_size"))


def test_the_library_says_which_households_have_no_size_in_its_lang() -> None:
    """``pr.af_measures`` and ``pr.report_forms`` warned of households with a blank size in English only,
    though the command line says it in --lang and the library's other calls take ``lang``. Both now take
    ``lang="vi"`` (default "en", as before) and say it in Vietnamese; another ``lang`` is refused in vi and en."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c"], "area": ["rural", "urban", "rural"], "income_per_capita": [1e6, 3e6, 2e6]}
        | {f"deprived_{ind.id}": [1, 0, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22).assign(household_size=["", "3", np.nan])
    said = "<data>: 2 hộ để trống số nhân khẩu (household_size), hộ đầu tiên là a:"
    with pytest.warns(pr.Note, match=f"^{re.escape(said)}"):
        pr.af_measures(table, unit="person", lang="vi")
    with pytest.warns(pr.Note, match=f"^{re.escape(said)}"):
        pr.report_forms(table, lang="vi")
    with pytest.raises(ArgumentError) as refused:
        pr.report_forms(table, lang="fr")
    assert "lang" in refused.value.in_lang("vi") and "'fr'" in str(refused.value)


def test_the_library_says_its_report_errors_in_its_lang() -> None:
    """``pr.af_measures(t, lang="vi")`` and ``pr.report_forms(t, lang="vi")`` said their notes in Vietnamese but
    raised their errors in English ("row 2, column household_size: 'ba' is not a number of persons"), as
    ``pr.classify(lang="vi")`` does not. Their errors are now said in ``lang`` (``in_lang`` still gives each)."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22).assign(household_size=["ba", "2"])
    with pytest.raises(InputError) as size:
        pr.af_measures(table, unit="person", lang="vi")
    assert str(size.value) == "dòng 2, cột household_size: 'ba' không phải số nhân khẩu (số nguyên ≥ 1)"
    assert size.value.in_lang("en").startswith("row 2, column household_size: 'ba'")
    with pytest.raises(InputError) as no_status:
        pr.report_forms(table.drop(columns="status"), lang="vi")
    assert str(no_status.value) == no_status.value.in_lang("vi") != no_status.value.in_lang("en")


def test_a_subgroup_of_no_one_has_no_contribution_rather_than_zero() -> None:
    """A village whose households all have a blank size (or a sampling weight of 0) has N = 0 by person: its
    H, A and M0 are blank (undefined), yet its contribution to the total (contrib = pop_share · M0) and its
    share of it (pct_contrib) were written 0, a figure of a village that has no figure, unlike the reference
    of reports.md's formulas (anything of an empty unit is undefined). They are blank now; the villages that
    have persons still add up to the total."""
    rows = [
        {
            "province": "P",
            "commune": "C",
            "village": "V1",
            "area": "rural",
            "size": 2,
            "weight": "1",
            "flags": [1] * 3 + [0] * 9,
        },
        {
            "province": "P",
            "commune": "C",
            "village": "V1",
            "area": "rural",
            "size": 3,
            "weight": "1",
            "flags": [0] * 12,
        },
        {
            "province": "P",
            "commune": "C",
            "village": "V2",
            "area": "rural",
            "size": 4,
            "weight": "0",
            "flags": [1] * 4 + [0] * 8,
        },
    ]
    frame = to_frame(rows, RS22)
    weighted = af_measures(frame, ruleset=RS22, k=3, weights="equal", unit="household_weighted", weight_column="weight")
    v2w = weighted[weighted.village == "V2"].set_index("measure")["value"]  # V2 weighs 0
    assert v2w["N"] == 0 and v2w[["M0", "contrib", "pct_contrib"]].isna().all()
    frame.loc[2, "household_size"] = ""
    with pytest.warns(pr.Note):
        tidy = pr.af_measures(frame, ruleset=RS22, k=3, weights="equal", unit="person", by="village")
    v2 = tidy[(tidy.village == "V2")].set_index("measure")["value"]
    assert v2["N"] == 0 and v2["pop_share"] == 0
    assert v2[["H", "A", "M0", "contrib", "pct_contrib"]].isna().all()
    villages = tidy[(tidy.level == "village") & (tidy.measure == "contrib")]["value"].sum()
    total = tidy[(tidy.level == "total") & (tidy.measure == "M0")]["value"].item()
    assert villages == pytest.approx(total)


def test_a_weight_is_read_as_the_files_numbers_are() -> None:
    """A sampling weight of 1,500 written as a Vietnamese spreadsheet writes it, ``1.500`` (dots group the
    thousands, as ``1.500.000`` đồng of income in the same file), was read as 1.5 beside a ``500`` read as 500:
    H came out 0.003 where it is 0.75, without a word; ``1.500,5`` was refused as not a weight. A weight is now
    read as the household file's numbers are (``1.500`` = 1,500; ``2,5`` = 2.5)."""
    rows = [
        {"province": "P", "commune": "C", "village": "V", "area": "rural", "size": 1, "weight": w, "flags": f}
        for w, f in (("1.500", [1] * 3 + [0] * 9), ("500", [0] * 12), ("2,5", [0] * 12), ("1.000,5", [0] * 12))
    ]
    frame = to_frame(rows, RS22)
    tidy = af_measures(frame, ruleset=RS22, k=3, weights="equal", unit="household_weighted", weight_column="weight")
    total = tidy[tidy.level == "total"].set_index("measure")["value"]
    assert total["N"] == 1500 + 500 + 2.5 + 1000.5
    assert total["H"] == 1500 / 3003


def test_the_library_speaks_vietnamese_first_as_classify_does() -> None:
    """``pr.classify`` says its notes and errors in Vietnamese unless told ``lang="en"``, but ``pr.af_measures``
    and ``pr.report_forms`` defaulted to English: one notebook got a Vietnamese error from one call and an
    English one from the next. Both now default to ``lang="vi"`` as ``pr.classify`` does; ``lang="en"`` still
    gives English."""
    import inspect

    for call in (pr.classify, pr.af_measures, pr.report_forms):
        assert inspect.signature(call).parameters["lang"].default == "vi", call.__name__
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22).assign(household_size=["", "2"])
    with pytest.warns(pr.Note, match="^<data>: 1 hộ để trống số nhân khẩu"):
        pr.af_measures(table, unit="person", k=3)
    with pytest.warns(pr.Note, match="^<data>: 1 hộ để trống số nhân khẩu"):
        pr.report_forms(table)
    with pytest.raises(InputError) as scheme:
        pr.af_measures(table, weights="Equal")
    assert str(scheme.value) == "weights phải là một trong equal, nested, không phải 'Equal'"
    with pytest.raises(InputError) as scheme:
        pr.af_measures(table, weights="Equal", lang="en")
    assert str(scheme.value) == "weights must be one of equal, nested, not 'Equal'"
    with pytest.warns(pr.Note, match="^<data>: 1 household with a blank household size"):
        pr.report_forms(table, lang="en")


def test_a_table_that_is_not_a_dataframe_is_refused_naming_the_argument() -> None:
    """``pr.af_measures`` and ``pr.report_forms`` of a pyarrow Table (``pq.read_table``), a Series, a list or a dict
    stopped with Python's ``AttributeError`` ("'pyarrow.lib.Table' object has no attribute 'index'", of a list
    "'builtin_function_or_method' object has no attribute 'names'"), where ``pr.classify`` refuses them saying what
    it takes. They are now an ``ArgumentTypeError`` (a ``TypeError`` and a ``pr.PovertyRulesError``) naming the
    argument and what it got, in the call's ``lang``."""
    import pyarrow as pa

    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    for other, kind in ((pa.Table.from_pandas(table), "Table"), (table["status"], "Series"), ([1, 2], "list")):
        with pytest.raises(pr.PovertyRulesError) as measured:
            pr.af_measures(other, k=3)
        assert isinstance(measured.value, TypeError)
        assert str(measured.value) == (
            f"classified: phải là một pandas DataFrame (hoặc một dask.dataframe) các hộ đã phân loại, nhận được {kind}"
        )
        with pytest.raises(TypeError) as forms:
            pr.report_forms(other, lang="en")
        assert str(forms.value) == (
            f"reviewed: expected a pandas DataFrame (or a dask.dataframe) of classified households, got {kind}"
        )
    assert len(pr.af_measures(table, k=3))


def test_the_households_left_out_for_an_unknown_mark_are_said() -> None:
    """A household with a blank deprivation mark has no score and is left out of every unit's N (complete cases,
    docs/analysis.md); the report page says how many, but ``pr.af_measures`` gave N smaller than the table's rows
    without a word, though it says the households it leaves out of N by person for a blank size. It now says them
    as a ``pr.Note`` at the caller's line, in its lang: how many, and the first one's code; a table with every
    mark known says nothing."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c", "d"], "area": ["rural"] * 4, "income_per_capita": [1e6, 3e6, 2e6, 1e6]}
        | {f"deprived_{ind.id}": [1, 0, 0, 1] for ind in RS22.indicators}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", pr.Note)
        pr.af_measures(pr.classify(frame, ruleset=RS22), k=3)
    frame.loc[[1, 3], "deprived_water"] = np.nan  # b not poor, d poor: both classified, neither with a score
    table = pr.classify(frame, ruleset=RS22)
    with pytest.warns(pr.Note) as caught:
        tidy = pr.af_measures(table, k=3, weights="equal", unit="household")
    said = [str(w.message) for w in caught if issubclass(w.category, pr.Note)]
    assert said == [
        "<data>: 2 hộ có chỉ số chưa rõ (dấu thiếu hụt để trống), hộ đầu tiên là b: các chỉ số AF để các hộ này ra "
        "ngoài N (chỉ tính các hộ biết đủ mọi chỉ số, như mpitb); hãy bổ sung các dấu đó"
    ]
    assert [w.filename for w in caught] == [__file__]
    assert tidy[(tidy.level == "total") & (tidy.measure == "N")]["value"].tolist() == [2.0]
    with pytest.warns(pr.Note, match=r"^<data>: 2 households with an unknown indicator \(a blank deprivation mark\)"):
        pr.af_measures(table, k=3, lang="en")


def test_the_notes_name_a_household_of_numbers_by_its_code() -> None:
    """Household codes read by pandas as numbers become floats when one code is blank (``101.0``, NaN); classify
    names such a household ``'102'``, as the file holds it, but the notes of ``pr.af_measures`` and
    ``pr.report_forms`` named it ``102.0``, a code the caller has nowhere. They now name it ``102``."""
    frame = pd.DataFrame(
        {"household_id": [101.0, 102.0, np.nan], "area": ["rural"] * 3, "income_per_capita": [1e6] * 3}
        | {"household_size": [2, np.nan, 3]}
        | {f"deprived_{ind.id}": [1, np.nan, 1] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22, errors="drop")  # the blank code's row rejected, the column float
    with pytest.warns(pr.Note) as measured:
        pr.af_measures(table, k=3, lang="en")
    with pytest.warns(pr.Note) as forms:
        pr.report_forms(table, lang="en")
    said = [str(w.message) for w in (*measured, *forms) if issubclass(w.category, pr.Note)]
    assert len(said) == 3 and all(", the first 102: " in text for text in said), said


def test_a_table_with_two_header_levels_is_refused_by_the_reports_saying_so() -> None:
    """``pr.af_measures`` and ``pr.report_forms`` of a classified table whose columns have two header levels (a
    MultiIndex: a workbook read with ``header=[0, 1]``) said "the table has neither a deprived_employment column
    …" / "missing column household_id" of a table that shows them, read as tuples; ``pr.classify`` refuses such a
    frame saying what it is. Both now refuse it as ``pr.classify`` does, in the call's lang; flattened as the
    message says, it is measured."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    levelled = table.set_axis(pd.MultiIndex.from_tuples([("hộ", c) for c in table.columns]), axis=1)
    with pytest.raises(InputError) as measured:
        pr.af_measures(levelled, k=3)
    assert str(measured.value).startswith("<data>: các cột của bảng có 2 tầng tiêu đề (MultiIndex, ví dụ ('hộ', ")
    with pytest.raises(InputError, match=r"^<reviewed>: the table's columns have 2 header levels"):
        pr.report_forms(levelled, lang="en")
    flat = levelled.set_axis(levelled.columns.get_level_values(-1), axis=1)
    assert pr.af_measures(flat, k=3).equals(pr.af_measures(table, k=3))


def test_af_measures_shows_its_options_in_its_signature() -> None:
    """docs/analysis.md gives ``pr.af_measures(classified, ruleset=None, k=None, weights=None, unit=None,
    weight_column=None, by=None, lang="vi")``, but the call took ``**options: Any``: a notebook's signature help
    (Shift-Tab) and a user's mypy saw no ``k`` nor ``weights``, and ``weigths="equal"`` was checked by nothing.
    The options are now keyword parameters with their types, as documented, and give the same frame."""
    import inspect
    import typing

    params = inspect.signature(pr.af_measures).parameters
    assert list(params) == ["classified", "ruleset", "k", "weights", "unit", "weight_column", "by", "lang"]
    assert all(params[name].default is None for name in ("ruleset", "k", "weights", "unit", "weight_column", "by"))
    assert params["lang"].default == "vi"
    assert typing.get_type_hints(pr.af_measures)["weight_column"] == str | None
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    assert pr.af_measures(table, k=3, weights="equal", by="village").equals(
        af_measures(table, k=3, weights="equal", by="village")
    )


def test_an_empty_choice_of_schemes_or_units_is_refused_saying_so() -> None:
    """``pr.af_measures(t, weights=[])`` or ``unit=[]`` (a notebook's filtered list of schemes that came out empty)
    stopped with numpy's "need at least one array to stack". Each is now refused naming the option and its choices,
    in the call's lang; ``by=[]`` still gives the total alone."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    with pytest.raises(InputError) as schemes:
        pr.af_measures(table, weights=[])
    assert str(schemes.value) == "weights: hãy chọn ít nhất một trong equal, nested (danh sách đã cho trống)"
    with pytest.raises(InputError, match=r"^unit: give at least one of household, household_weighted, person"):
        pr.af_measures(table, unit=[], lang="en")
    assert set(pr.af_measures(table, by=[], k=3)["level"]) == {"total"}


def test_a_choice_given_twice_is_measured_once() -> None:
    """``pr.af_measures(t, weights=["equal", "equal"])`` (or a unit, a level or k given twice, as a notebook's loop
    may build the list) summed the households twice: N and q doubled (6 of 3 households), H and M0 unchanged,
    and each k given twice gave its rows twice. Each choice is now measured once: the same frame as given once."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c"], "area": ["rural", "urban", "rural"], "income_per_capita": [1e6, 3e6, 1e6]}
        | {"village": ["V1", "V1", "V2"]}
        | {f"deprived_{ind.id}": [1, 0, 1] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    once = pr.af_measures(table, k=3, weights="equal", unit="household", by="village")
    assert once[(once.level == "total") & (once.measure == "N")]["value"].tolist() == [3.0]
    for twice in (
        {"k": [3, 3.0], "weights": "equal", "unit": "household", "by": "village"},
        {"k": 3, "weights": ["equal", "equal"], "unit": "household", "by": "village"},
        {"k": 3, "weights": "equal", "unit": ["household", "household"], "by": "village"},
        {"k": 3, "weights": "equal", "unit": "household", "by": ["village", "village"]},
    ):
        assert pr.af_measures(table, **twice).equals(once), twice


def test_place_codes_typed_as_numbers_are_named_as_written() -> None:
    """Villages (or communes) coded by number, one left blank, are floats in pandas (1.0, 2.0, NaN); the forms of
    ``pr.report_forms`` and the groups of ``pr.af_measures`` named them ``1.0`` and ``2.0``, where the command line
    (and the same table read as text) names them ``1`` and ``2``. They are now named as a file holds them."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c", "d"], "area": ["rural", "urban", "rural", "rural"]}
        | {"income_per_capita": [1e6, 3e6, 1e6, 1e6], "commune": ["X", "X", "X", "X"], "village": [1, 1, 2, np.nan]}
        | {f"deprived_{ind.id}": [1, 0, 1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    as_text = table.assign(village=["1", "1", "2", ""])
    r1 = pr.report_forms(table)["r1"].rows
    assert sorted(set(r1.loc[r1.level == "village", "village"])) == ["", "1", "2"]
    assert r1.equals(pr.report_forms(as_text)["r1"].rows)
    tidy = pr.af_measures(table, k=3, weights="equal", unit="household")
    assert sorted(set(tidy.loc[tidy.level == "village", "village"])) == ["", "1", "2"]
    assert tidy.equals(pr.af_measures(as_text, k=3, weights="equal", unit="household"))


def test_two_headers_of_one_column_are_said_in_the_calls_lang() -> None:
    """A classified table with two headers of one column (``village`` and ``Thôn``) is refused naming both; under
    ``lang="vi"`` (the default) ``pr.classify`` says so in Vietnamese, but ``pr.af_measures`` and
    ``pr.report_forms`` said it in English, and ``pr.report_forms`` named the table ``<data>`` where its other
    messages say ``<reviewed>``. Both now say it in the call's lang, ``pr.report_forms`` naming ``<reviewed>``."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]}
        | {"village": ["V1", "V2"]}
        | {f"deprived_{ind.id}": [1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22).assign(**{"Thôn": ["V1", "V2"]})
    with pytest.raises(InputError) as measured:
        pr.af_measures(table, k=3)
    assert str(measured.value) == "<data>: hai cột 'village' và 'Thôn' cùng là village; xóa hoặc đổi tên một cột"
    with pytest.raises(InputError) as forms:
        pr.report_forms(table)
    assert str(forms.value) == "<reviewed>: hai cột 'village' và 'Thôn' cùng là village; xóa hoặc đổi tên một cột"
    with pytest.raises(InputError, match=r"^<reviewed>: columns 'village' and 'Thôn' both mean village"):
        pr.report_forms(table, lang="en")


@settings(max_examples=15, deadline=None)
@given(rows=households(12), ks=st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True))
def test_rows_come_in_the_order_reports_md_lists_them(rows: list[dict], ks: list[int]) -> None:
    """af.csv's rows, whatever order the cutoffs are asked in: by level (total, province, commune, village,
    area), the names, the scheme and unit of analysis, then k, the measures in reports.md's order and the
    indicators (or dimensions) in the standard's order. The rows are placed by sorting the groups, not the
    millions of rows a province's file has; the order is checked here row by row from its definition."""
    from poverty_rules.reports.af import LEVELS, MEASURES, SCHEMES, UNITS

    tidy = af_measures(to_frame(rows, RS27), ruleset=RS27, k=ks, weight_column="weight")
    ids = [ind.id for ind in RS27.indicators]
    dims = list(dict.fromkeys(ind.dimension for ind in RS27.indicators))
    sub = {"": -1, **{i: n for n, i in enumerate(ids)}, **{m: n for n, m in enumerate(dims)}}
    key = [
        (LEVELS.index(r.level), r.province, r.commune, r.village, r.area, SCHEMES.index(r.scheme),
         UNITS.index(r.unit), r.k, MEASURES.index(r.measure), sub[r.indicator])
        for r in tidy.itertuples(index=False)
    ]  # fmt: skip
    assert key == sorted(key) and len(set(key)) == len(key)
    assert sorted(set(tidy["k"])) == sorted(ks)


def test_a_household_size_with_a_no_break_space_is_read_as_the_forms_read_it() -> None:
    """A size cell exported from a spreadsheet as ``6\\u00a0`` (a no-break space after the number, as Excel's
    number formats leave) was read by the forms as 6 persons but refused by the AF measures ("'6 ' is not a whole
    number of persons ≥ 1"): ``report`` of such a file stopped, naming a cell that shows a plain 6, and
    ``pr.af_measures`` raised; a weight written so, or a size with ordinary spaces, was read. The size is now read
    with its surrounding spaces of any kind left out, as the forms read it."""
    rows = [
        {"province": "P", "commune": "C", "village": v, "area": "rural", "size": s, "weight": "1", "flags": f}
        for v, s, f in (("V1", 6, [1] * 3 + [0] * 9), ("V1", 2, [0] * 12), ("V2", 3, [1] * 4 + [0] * 8))
    ]
    frame = to_frame(rows, RS22)
    spaced = frame.assign(household_size=["6\u00a0", "\u00a02", "\u202f3\u2007"])
    expected = af_measures(frame, ruleset=RS22, k=3, unit="person")
    pd.testing.assert_frame_equal(af_measures(spaced, ruleset=RS22, k=3, unit="person"), expected)
    total = expected[(expected.level == "total") & (expected.scheme == "equal")].set_index("measure")["value"]
    assert total["N"] == 11 and total["q"] == 9


def test_the_households_a_file_marks_leaving_are_not_measured_as_report_does(tmp_path: Path) -> None:
    """``report`` measures the resident households R1 counts, not those whose ``change_reason`` marks them leaving
    (moved_out, died, merged; ``chuyển đi`` …: docs/analysis.md), but ``pr.af_measures`` of the same reviewed table
    counted them: N 4 where af.csv says 2, H and M0 of a village with a household that has moved away. It now
    leaves them out as ``report`` does (the same af.csv numbers), and names a bad cell by its row in the table."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c", "d"], "area": ["rural"] * 4, "income_per_capita": [1e6, 3e6, 1e6, 1e6]}
        | {"village": ["V1", "V1", "V2", "V2"], "household_size": ["2", "3", "4", "5"]}
        | {"change_reason": ["", "chuyển đi", "died", ""]}
        | {f"deprived_{ind.id}": [1, 0, 1, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22, as_of="2025-12-01", lang="en")
    reviewed, out = tmp_path / "t.csv", tmp_path / "out"
    table.to_csv(reviewed, index=False)
    ran = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(out), "--format", "csv", "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    written = pd.read_csv(out / "af.csv", dtype=str, keep_default_na=False)
    tidy = pr.af_measures(pd.read_csv(reviewed, dtype=str, keep_default_na=False), lang="en")
    n = tidy[(tidy.level == "total") & (tidy.measure == "N") & (tidy.k == 3) & (tidy.unit == "household")]
    assert n["value"].tolist() == [2.0, 2.0]  # a and d: b moved away, c died
    assert (
        tidy.astype(str)
        .assign(value=tidy["value"])
        .drop(columns="value")
        .equals(written.drop(columns="value").assign(k=written["k"].astype(int)).astype(str))
    )
    assert np.allclose(tidy["value"], pd.to_numeric(written["value"]), rtol=0, atol=0, equal_nan=True)
    with pytest.raises(InputError, match=r"^row 5, column household_size: 'năm'"):
        pr.af_measures(table.assign(household_size=["2", "3", "4", "năm"]), unit="person", lang="en")


def test_a_change_reason_naming_no_reason_is_refused_by_the_measures_as_by_report() -> None:
    """``pr.af_measures`` measured a household whose ``change_reason`` names no reason ('đi xuất khẩu') as a
    resident (in N), where ``report`` refuses that cell naming its row and column: the same table gave the
    library a number and the command an error. The measures now refuse it as ``report`` does, naming the row
    and the column, in the caller's language; a readable reason (leaving or arriving) is measured as before."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c"], "area": ["rural", "urban", "rural"], "income_per_capita": [1e6, 3e6, 2e6]}
        | {f"deprived_{ind.id}": [1, 0, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    read = pr.af_measures(table.assign(change_reason=["", "chuyển đi", "moved_in"]), unit="household", by="total")
    n = read[(read["measure"] == "N") & (read["k"] == 1) & (read["scheme"] == "equal")]["value"]
    assert n.tolist() == [2.0]  # the household leaving is left out, the one moving in measured
    with pytest.raises(InputError) as raised:
        pr.af_measures(table.assign(change_reason=["", "", "đi xuất khẩu"]), unit="household", lang="en")
    assert str(raised.value) == (
        "row 4, column change_reason: 'đi xuất khẩu' is not a change reason; expected moved_in, moved_out, died, "
        "split, merged (chuyển đến, chuyển đi, chết, tách hộ, nhập hộ) or blank"
    )
    assert raised.value.in_lang("vi").startswith("dòng 4, cột change_reason: 'đi xuất khẩu' không phải lý do")


def test_a_household_of_0_persons_is_refused_by_the_forms_as_by_the_measures() -> None:
    """A ``household_size`` of 0 was counted by the forms (R1's persons, R2's 'Nhân khẩu' rows: a household of
    nobody) where the AF measures by person refuse it as no number of persons: ``pr.report_forms`` and
    ``report --unit household`` wrote forms, ``pr.af_measures`` by person stopped. The forms now refuse it too,
    naming the row and the column; a blank size stays unknown (said, not refused)."""
    frame = pd.DataFrame(
        {"household_id": ["a", "b", "c"], "area": ["rural", "urban", "rural"], "income_per_capita": [1e6, 3e6, 2e6]}
        | {f"deprived_{ind.id}": [1, 0, 0] for ind in RS22.indicators}
    )
    table = pr.classify(frame, ruleset=RS22)
    with pytest.raises(InputError) as forms:
        pr.report_forms(table.assign(household_size=["3", "0", "2"]), lang="en")
    assert "row 3, column household_size: '0' persons — a household has at least one person" in str(forms.value)
    assert "dòng 3, cột household_size: '0' nhân khẩu" in forms.value.in_lang("vi")
    with pytest.raises(InputError) as measures:
        pr.af_measures(table.assign(household_size=["3", "0", "2"]), unit="person", lang="en")
    assert "row 3, column household_size: '0'" in str(measures.value)
    with pytest.warns(pr.Note):
        forms_ok = pr.report_forms(table.assign(household_size=["3", "", "2"]), lang="en")
    total = forms_ok["r1"].rows.query("level == 'total'").iloc[0]
    assert (total["c1"], total["c2"]) == (3, 5)  # the persons known: 3 + 2


def test_classify_says_a_household_size_of_0_which_report_refuses(tmp_path: Path) -> None:
    """``classify`` and ``review`` name the household sizes ``report`` will refuse as they read the file; a 0 was
    not among them (their note read sizes as whole numbers ≥ 0), so the officer heard of it only at report time,
    after the review was recorded. The note now counts a written 0 as it counts ``-1``; a blank stays unknown."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    src = tmp_path / "ho.csv"
    rows = [f"H{i},rural,3000000,{size}" for i, size in enumerate(["3", "0", "", "4"])]
    src.write_text("household_id,area,income_per_capita,household_size\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(tmp_path / "c.csv"), "--lang", "en"])
    said = " ".join(result.output.split())
    assert "1 household with a household size (column household_size) that is no number of persons: row 3 ('0')" in said


def test_a_weight_column_the_file_lacks_is_said_as_such(tmp_path: Path) -> None:
    """``report --weight-column nope`` was refused as "the table has no nope column (needed for this unit of
    analysis)": no word of the weight column the officer named. It now says it is the weight column."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    reviewed = tmp_path / "ho.reviewed.csv"
    pd.DataFrame(
        {"household_id": ["1"], "village": ["Thôn 1"], "commune": ["Xã A"], "status": ["poor"], "deprived": ["water"]}
    ).to_csv(reviewed, index=False)
    for lang, said in (("vi", "không có cột quyền số nope (--weight-column)"), ("en", "no nope column to weight by")):
        args = ["report", str(reviewed), "-o", str(tmp_path / "r.xlsx"), "--weight-column", "nope", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and said in result.output, result.output
        assert "unit of analysis" not in result.output and "cách tính này" not in result.output
