"""Deriving deprivation flags from member-level data (poverty_rules/engine/members.py, issue #4).

Thresholds (NĐ 07/2021/NĐ-CP, Phụ lục; QĐ 59/2015/QĐ-TTg, Điều 1.2.b) are checked case by case in
tests/scenarios/members-*.yaml; here: the three-valued aggregates, precedence of given flags,
``flag_sources``, ages at the review date, the CLI, and hypothesis properties against an
independent per-member reference.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import poverty_rules as pr
from poverty_rules.engine.evaluator import new_context
from poverty_rules.engine.members import (
    Member,
    apply_members,
    build_member_table,
    evaluate_member_aggregate,
    member_ages,
    member_notes,
    working_ages,
)
from poverty_rules.errors import HouseholdError
from poverty_rules.rules import expressions as ex
from poverty_rules.rules.fields import MEMBER_FIELDS
from poverty_rules.scenarios import run_cases

ROOT = Path(__file__).resolve().parent.parent
REVIEW = date(2025, 12, 1)
RS = pr.load_ruleset("vn-2022-2026")
MEMBER_INDICATORS = ("employment", "dependency", "nutrition", "health_insurance", "adult_education", "child_schooling")


def _households(ids: list[str], **columns: object) -> pd.DataFrame:
    frame = pd.DataFrame({"household_id": ids, "area": "rural", "income_per_capita": 1_000_000.0})
    for name, value in columns.items():
        frame[name] = value
    return frame


def _normalized(households: pd.DataFrame) -> pd.DataFrame:
    from poverty_rules.data.normalize import normalize

    return normalize(households, RS).frame


# --------------------------------------------------------------------------- scenario files


@pytest.mark.parametrize("name", ["members-2022-2026.yaml", "members-2016-2021.yaml"])
def test_scenario_files_pass(name: str) -> None:
    outcomes = run_cases(ROOT / "tests" / "scenarios" / name)
    failed = [f"{o.case.name}: {o.differences}" for o in outcomes if not o.passed]
    assert not failed, failed


# --------------------------------------------------------------------------- aggregates


def _aggregate(text: str, members: pd.DataFrame, ids: list[str]) -> object:
    frame = _normalized(_households(ids))
    ctx = new_context(RS.compiled(), frame)
    ctx.members = build_member_table(  # type: ignore[attr-defined]
        members, frame["household_id"], REVIEW, working_ages(RS)
    )
    expr = ex.parse(text)
    assert isinstance(expr, ex.MemberAggregate)
    return evaluate_member_aggregate(ctx, expr)


def test_any_all_count_are_three_valued() -> None:
    members = pd.DataFrame(
        {
            "household_id": ["A", "A", "B", "B", "C", "C"],
            "has_health_insurance": ["0", "", "1", "", "1", "1"],
            "age": ["10", "20", "10", "20", "30", "40"],
        }
    )
    ids = ["A", "B", "C", "D"]  # D has no member rows
    b = _aggregate("any(member, not member.has_health_insurance)", members, ids)
    assert b.t.tolist() == [True, False, False, False]
    assert b.f.tolist() == [False, False, True, False]  # B has an unknown member; D has no data
    b = _aggregate("all(member, member.has_health_insurance)", members, ids)
    assert b.t.tolist() == [False, False, True, False]
    assert b.f.tolist() == [True, False, False, False]
    c = _aggregate("count(member, member.has_health_insurance)", members, ids)
    assert c.lo.tolist() == [0, 1, 2, 0] and c.hi.tolist() == [1, 2, 2, np.inf]
    n = _aggregate("count(member)", members, ids)
    assert n.lo.tolist() == [2, 2, 2, 0] and n.hi.tolist() == [2, 2, 2, np.inf]
    s = _aggregate("sum(member, member.age)", members, ids)
    assert s.lo.tolist() == [30, 30, 70, -np.inf] and s.hi.tolist() == [30, 30, 70, np.inf]


def test_no_member_table_means_unknown_not_zero() -> None:
    frame = _normalized(_households(["A"]))
    ctx = new_context(RS.compiled(), frame)
    v = ctx.compute(ex.parse("count(member)"))
    assert v.lo[0] == 0 and v.hi[0] == np.inf
    b = ctx.compute(ex.parse("any(member, member.age >= 6)"))
    assert not b.t[0] and not b.f[0]


# --------------------------------------------------------------------------- precedence, sources


def test_given_flag_wins_blank_is_not_given_and_sources_are_recorded() -> None:
    hh = _households(["A", "B", "C"], deprived_health_insurance=[0.0, np.nan, np.nan])
    members = pd.DataFrame({"household_id": ["A", "B"], "age": [30, 30], "has_health_insurance": ["không", "không"]})
    out = apply_members(RS, _normalized(hh), members, REVIEW)
    assert out["deprived_health_insurance"].tolist()[:2] == [0.0, 1.0]
    assert np.isnan(out["deprived_health_insurance"].iloc[2])
    sources = [dict(p.split("=") for p in s.split(";")) for s in out["member_flag_sources"]]
    assert [s["health_insurance"] for s in sources] == ["given", "derived", "unknown"]
    assert list(sources[0]) == [i.id for i in RS.indicators]


def test_classify_reports_flag_sources_and_household_fields_pass_through() -> None:
    hh = _households(["A"], floor_area=["7,5"], safe_water=["không"])
    members = pd.DataFrame({"household_id": ["A"], "age": [40]})
    out = pr.classify(hh, members=members, as_of=REVIEW, ruleset=RS)
    assert {"housing_area", "water"} <= set(out["deprived"].iloc[0].split(";"))
    assert "housing_area=derived" in out["flag_sources"].iloc[0]


def test_bad_household_field_rejects_the_row() -> None:
    hh = _households(["A", "B"], floor_area=["abc", "20"])
    res = pr.classify_table(hh, members=pd.DataFrame({"household_id": ["B"], "age": [3]}), as_of=REVIEW)
    assert res.rows["household_id"].tolist() == ["B"]
    assert "floor_area" in res.rejects["column"].iloc[0]


def test_unknown_member_rows_and_cells_are_noted() -> None:
    members = pd.DataFrame({"household_id": ["A", "Z"], "age": ["x", "4"], "stunted": ["maybe", "0"]})
    out = apply_members(RS, _normalized(_households(["A"])), members, REVIEW)
    notes = " ".join(note["en"] for note in out.attrs["member_notes"])
    assert "1 member row belongs to no classified household" in notes
    assert "stunted" in notes and "birth_date/age" in notes
    vi = " ".join(note["vi"] for note in out.attrs["member_notes"])
    assert "1 dòng thành viên không thuộc hộ nào đã phân loại" in vi
    assert "cột stunted của tệp thành viên: 1 ô không đọc được" in vi


def test_each_unreadable_column_note_says_what_the_cells_must_be() -> None:
    """ "members column birth_date/age: 1 unreadable cell(s) read as unknown" left the officer to guess what
    the column takes (a year alone, 2019? a month, 12/2019?); each note now says what was expected, in
    each language, for every column a note may name."""
    members = pd.DataFrame(
        {
            "household_id": ["A"],
            "birth_date": ["2019"],
            "sex": ["X"],
            "employment": ["working"],
            "has_health_insurance": ["maybe"],
            "highest_qualification": ["lớp 9"],
        }
    )
    out = apply_members(RS, _normalized(_households(["A"])), members, REVIEW)
    en = [note["en"] for note in out.attrs["member_notes"]]
    assert en == [
        "members column birth_date/age: 1 unreadable cell ('2019') read as unknown; expected a birth date "
        "YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY, not after the review date (or a year of birth of four digits in "
        "a column of its own, Năm sinh or birth_year, not after the review year; or an age in completed years "
        "where there is no birth date), giving an age of at most 120 on the review date",
        "members column sex: 1 unreadable cell ('X') read as unknown; expected male/female (nam/nữ)",
        "members column employment: 1 unreadable cell ('working') read as unknown; expected employed, unemployed, "
        "not_in_labour_force (có việc làm, thất nghiệp, không tham gia lực lượng lao động)",
        "members column has_health_insurance: 1 unreadable cell ('maybe') read as unknown; expected 1/0, yes/no, "
        "có/không, x (yes) or blank",
        "members column highest_qualification: 1 unreadable cell ('lớp 9') read as unknown; expected none, primary, "
        "lower_secondary, upper_secondary, vocational, college_or_higher (không, tiểu học, THCS, THPT, nghề, "
        "sơ cấp, trung cấp, cao đẳng, đại học)",
    ]
    vi = [note["vi"] for note in out.attrs["member_notes"]]
    assert vi[1] == "cột sex của tệp thành viên: 1 ô không đọc được ('X'), coi là chưa rõ; cần nam/nữ"
    assert vi[3].endswith("; cần 1/0, có/không, x (có) hoặc để trống")
    every = member_notes({column: 1 for column in ("birth_date/age", *MEMBER_FIELDS)} | {"age": 0})
    assert all("; expected " in note["en"] and "; cần " in note["vi"] for note in every)


def test_a_member_built_from_an_officers_row_reads_as_the_table_does() -> None:
    """``pr.classify(members=table)`` read Nam, có, x, thất nghiệp, THCS and 01/12/2019 (docs/members.md),
    but ``Member(**row)`` of the same rows refused each of them, and read a birth date of 0 as 1 January
    1970; the same rows now give the same marks through ``classify_one``, and a number is no birth date."""
    table = pd.DataFrame(
        {
            "household_id": ["A"] * 3,
            "birth_date": ["22/09/1965", "1/12/2019", ""],
            "age": ["", "", "17,5"],
            "sex": ["Nam", "Nữ", "nam"],
            "employment": ["thất nghiệp", "", "không tham gia lực lượng lao động"],
            "has_health_insurance": ["có", "không", "x"],
            "highest_qualification": ["THCS", "", "tiểu học"],
            "in_education": ["0", "1", "không"],
            "attending_right_level": ["", "có", ""],
        }
    )
    members = [Member(**row) for row in table.to_dict("records")]
    assert [(m.sex, m.has_health_insurance, m.birth_date) for m in members] == [
        ("male", True, date(1965, 9, 22)),
        ("female", False, date(2019, 12, 1)),
        ("male", True, None),
    ]
    assert (members[0].employment, members[0].highest_qualification, members[2].age) == (
        "unemployed",
        "lower_secondary",
        17.5,
    )
    household = {"household_id": "A", "area": "rural", "income_per_capita": 1_000_000.0}
    one = pr.classify_one(pr.Household(**household, members=members), as_of="2025-12-01")
    whole = pr.classify(pd.DataFrame([household]), members=table, as_of="2025-12-01")
    assert ";".join(one.deprived) == whole["deprived"].iloc[0] == "health_insurance;adult_education"
    for number in (0, 2019, "2019"):
        with pytest.raises(ValueError, match="birth_date: expected a date"):
            Member(birth_date=number)


def test_2027_indicators_are_not_derived() -> None:
    rs = pr.load_ruleset("vn-2027-2030")
    assert not rs.compiled().indicator_rules
    members = pd.DataFrame({"household_id": ["A"], "age": [30], "has_health_insurance": ["0"]})
    frame = pd.DataFrame({"household_id": ["A"], "area": ["rural"], "income_per_capita": [1_000_000.0]})
    out = pr.classify(frame, ruleset=rs, members=members, as_of="2027-06-01")
    assert out["status"].iloc[0] == "undetermined"
    assert "health_insurance=unknown" in out["flag_sources"].iloc[0]


# --------------------------------------------------------------------------- ages


def test_age_at_review_date_birthday_counts() -> None:
    births = pd.Series(["2019-12-01", "2019-12-02", "01/12/2019", "2020-02-29", "", "garbage"])
    age, bad = member_ages(births, pd.Series(["", "", "", "", "7", ""]), REVIEW)
    assert age[:5].tolist() == [6, 5, 6, 5, 7] and np.isnan(age[5])
    assert bad.tolist() == [False] * 5 + [True]
    leap, _ = member_ages(pd.Series(["2020-02-29"]), None, date(2026, 2, 28))
    after, _ = member_ages(pd.Series(["2020-02-29"]), None, date(2026, 3, 1))
    assert (leap[0], after[0]) == (5, 6)


def test_household_model_carries_members() -> None:
    h = pr.Household(
        household_id="H",
        area="rural",
        income_per_capita=1_000_000,
        floor_area=20,
        members=[Member(birth_date=date(2019, 12, 1), has_health_insurance=False), Member(age=40)],
    )
    res = RS.classify_one(h, as_of=REVIEW)
    assert "health_insurance" in res.deprived
    assert "housing_area" not in res.deprived  # 10 m² per person


# --------------------------------------------------------------------------- CLI


def test_cli_members_on_the_fixtures(tmp_path: Path) -> None:
    from poverty_rules.cli.classify import classify_command

    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        classify_command,
        [
            str(ROOT / "fixtures" / "sample_commune.csv"),
            "--members",
            str(ROOT / "fixtures" / "sample_members.csv"),
            "-o",
            str(out),
            "--as-of",
            "2025-12-01",
            "-q",
        ],
    )
    assert result.exit_code == 1, result.output  # the sample's deliberately bad rows
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "flag_sources" in got
    assert got["flag_sources"].str.contains("=derived").any()


def test_fixture_members_reproduce_the_household_flags() -> None:
    hh = pd.read_csv(ROOT / "fixtures" / "sample_commune.csv", dtype=str, keep_default_na=False)
    members = pd.read_csv(ROOT / "fixtures" / "sample_members.csv", dtype=str, keep_default_na=False)
    assert 3.5 <= len(members) / len(hh) <= 4.1
    valid = _normalized(hh.drop(index=[137, 402, 655, 911, 1189, 1466, 1742]).reset_index(drop=True))
    blanked = valid.copy()
    for ind in MEMBER_INDICATORS:
        blanked[f"deprived_{ind}"] = np.nan
    derived = apply_members(RS, blanked, members, REVIEW)
    for ind in MEMBER_INDICATORS:
        col = f"deprived_{ind}"
        given = valid[col].to_numpy()
        known = ~np.isnan(given)
        assert np.array_equal(derived[col].to_numpy()[known], given[known]), ind


# --------------------------------------------------------------------------- properties

_flag = st.sampled_from(["1", "0"])
_member = st.fixed_dictionaries(
    {
        "age": st.integers(0, 90),
        "working_age": _flag,
        "employment": st.sampled_from(["employed", "unemployed", "not_in_labour_force"]),
        "wage_without_contract": _flag,
        "labour_capacity": _flag,
        "disabled": _flag,
        "has_health_insurance": _flag,
        "stunted": _flag,
        "underweight": _flag,
        "highest_qualification": st.sampled_from(
            ["none", "primary", "lower_secondary", "upper_secondary", "vocational", "college_or_higher"]
        ),
        "in_education": _flag,
        "attending_right_level": _flag,
    }
)
_households_st = st.lists(st.lists(_member, min_size=1, max_size=7), min_size=1, max_size=6)


def _reference(members: list[dict]) -> dict[str, bool]:
    """Per-member reading of NĐ 07/2021 Phụ lục (the test oracle: plain Python, one person at a time)."""
    yes = {
        k: [m[k] == "1" for m in members] for k in members[0] if k not in ("age", "employment", "highest_qualification")
    }
    out = {"employment": False, "nutrition": False, "health_insurance": False, "adult_education": False}
    out["child_schooling"] = False
    dependants = 0
    for i, m in enumerate(members):
        age, q = m["age"], m["highest_qualification"]
        unemployed = m["employment"] == "unemployed"
        wage = yes["wage_without_contract"][i]
        if yes["working_age"][i] and (unemployed or wage):
            out["employment"] = True
        if age < 16 and (yes["stunted"][i] or yes["underweight"][i]):
            out["nutrition"] = True
        if age >= 6 and not yes["has_health_insurance"][i]:
            out["health_insurance"] = True
        lacks = (age < 18 and q in ("none", "primary")) or (age >= 18 and q in ("none", "primary", "lower_secondary"))
        if 16 <= age <= 30 and not yes["in_education"][i] and lacks:
            out["adult_education"] = True
        if 3 <= age < 16 and not (yes["in_education"][i] and yes["attending_right_level"][i]):
            out["child_schooling"] = True
        no_capacity = not yes["labour_capacity"][i]
        if age < 16 or (no_capacity and (yes["disabled"][i] or not yes["working_age"][i])):
            dependants += 1
    out["dependency"] = 2 * dependants > len(members)
    return out


def _members_frame(households: list[list[dict]]) -> pd.DataFrame:
    rows = [{"household_id": f"H{h}", **m} for h, ms in enumerate(households) for m in ms]
    return pd.DataFrame(rows).astype({"age": str})


def _derive(households: list[list[dict]], given: dict[str, list[float]] | None = None) -> pd.DataFrame:
    ids = [f"H{h}" for h in range(len(households))]
    hh = _households(ids, **{f"deprived_{k}": v for k, v in (given or {}).items()})
    return apply_members(RS, _normalized(hh), _members_frame(households), REVIEW)


_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(_households_st)
def test_derived_flags_match_the_per_member_reference(households: list[list[dict]]) -> None:
    out = _derive(households)
    for h, members in enumerate(households):
        want = _reference(members)
        for ind in MEMBER_INDICATORS:
            assert out[f"deprived_{ind}"].iloc[h] == float(want[ind]), (ind, members)


@_settings
@given(_households_st, st.integers(6, 90))
def test_adding_an_uninsured_member_aged_6_or_more_makes_health_insurance_deprived(
    households: list[list[dict]], age: int
) -> None:
    extra = {"age": age, "has_health_insurance": "0"}
    out = _derive([[*ms, extra] for ms in households])
    assert (out["deprived_health_insurance"] == 1.0).all()


@_settings
@given(_households_st)
def test_removing_every_triggering_condition_clears_the_indicators(households: list[list[dict]]) -> None:
    cleared = []
    for members in households:
        fixed = []
        for m in members:
            m = {**m, "has_health_insurance": "1", "stunted": "0", "underweight": "0", "employment": "employed"}
            m.update(wage_without_contract="0", highest_qualification="college_or_higher", labour_capacity="1")
            m.update(in_education="1", attending_right_level="1", disabled="0", working_age="1")
            fixed.append({**m, "age": max(m["age"], 16)})  # no children: no dependants
        cleared.append(fixed)
    out = _derive(cleared)
    for ind in MEMBER_INDICATORS:
        assert (out[f"deprived_{ind}"] == 0.0).all(), ind


@_settings
@given(_households_st)
def test_given_and_derived_flags_agree_when_made_from_the_same_members(households: list[list[dict]]) -> None:
    refs = [_reference(ms) for ms in households]
    given_flags = {ind: [float(r[ind]) for r in refs] for ind in MEMBER_INDICATORS}
    with_given = _derive(households, given_flags)
    derived_only = _derive(households)
    for ind in MEMBER_INDICATORS:
        col = f"deprived_{ind}"
        assert with_given[col].tolist() == derived_only[col].tolist()
    assert with_given["member_flag_sources"].str.contains("employment=given").all()
    assert derived_only["member_flag_sources"].str.contains("employment=derived").all()


def test_committed_members_fixture_is_a_fresh_generation(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixtures_generate_members", ROOT / "fixtures" / "generate.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    path = gen.write_members(tmp_path)
    assert path.read_bytes() == (ROOT / "fixtures" / gen.MEMBERS_FILE).read_bytes()


@_settings
@given(_households_st, st.randoms(use_true_random=False), st.booleans())
def test_member_row_order_and_strays_do_not_change_the_flags(
    households: list[list[dict]], random: object, stray: bool
) -> None:
    """Members grouped in the household file's order (matched run by run) and the same rows shuffled,
    with a member of an unknown household, and a household with no member rows (matched code by
    code) give the same flags."""
    ids = [f"H{h}" for h in range(len(households))] + ["EMPTY"]
    frame = _normalized(_households(ids))
    grouped = _members_frame(households)
    shuffled = grouped.sample(frac=1.0, random_state=random.randint(0, 2**31))  # type: ignore[attr-defined]
    if stray:
        shuffled = pd.concat([shuffled, grouped.head(1).assign(household_id="NOBODY")], ignore_index=True)
    chunked = _in_chunks(shuffled)  # text in several chunks, as a members file is read: used as it is
    for members in (grouped, shuffled, chunked):
        out = apply_members(RS, frame, members, REVIEW)
        for h, person in enumerate(households):
            want = _reference(person)
            for ind in MEMBER_INDICATORS:
                assert out[f"deprived_{ind}"].iloc[h] == float(want[ind]), (ind, person)
        assert np.isnan(out[[f"deprived_{k}" for k in MEMBER_INDICATORS]].iloc[-1].to_numpy(dtype=float)).all()


def _in_chunks(members: pd.DataFrame, rows: int = 3) -> object:
    """The members as an Arrow table of text whose columns are in chunks of ``rows`` rows."""
    import pyarrow as pa

    table = pa.Table.from_pandas(members.astype(object).where(members.notna(), None), preserve_index=False)
    return pa.Table.from_batches(table.cast(pa.schema([(n, pa.string()) for n in table.column_names])).to_batches(rows))


def test_member_columns_in_chunks_read_as_one_column() -> None:
    """A members file is read in blocks (its Arrow columns in chunks) and derived without a combined
    copy: odd spellings, dates of every form and unmatched rows give what one chunk gives."""
    members = pd.DataFrame(
        {
            "household_id": ["H0", "H0", "H1", "H1", "H2", "NOBODY", "H2"],
            "birth_date": ["1990-02-01", "01/02/2015", "2020-2-1", "", "x", "1960-01-01", "29/02/2001"],
            "sex": ["Nam", "nữ", "male", "?", "", "f", "female"],
            "employment": ["thất nghiệp", "employed", "", "Employed", "?", "unemployed", "not in labour force"],
            "working_age": ["1", "có", "0", "", "x", "1", "không"],
            "has_health_insurance": ["0", "1", "", "0", "1", "1", "yes"],
            "highest_qualification": ["THCS", "primary", "", "none", "?", "none", "đại học"],
        }
    )
    frame = _normalized(_households(["H0", "H1", "H2"]))
    one = apply_members(RS, frame, _in_chunks(members, len(members)), REVIEW)
    for rows in (1, 2, 3):
        chunked = apply_members(RS, frame, _in_chunks(members, rows), REVIEW)
        pd.testing.assert_frame_equal(chunked, one)
        assert chunked.attrs["member_notes"] == one.attrs["member_notes"]


def test_household_positions_match_a_lookup_of_every_code() -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    from poverty_rules.engine.members import _household_positions

    households = pa.array(["A", "B", "C", "D"])
    cases = [
        ["A", "A", "B", "C", "C", "C", "D"],  # grouped, in order: run by run
        ["A", "B", "B", "D"],  # C has no member
        ["B", "A", "C", "D"],  # another order
        ["A", None, "B", "C", "D"],  # a missing code
        ["A", "B", "C", "D", "X"],  # a code of no household
        [],
    ]
    for case in cases:
        members = pa.array(case, pa.string())
        want = pc.fill_null(pc.index_in(members, value_set=households), -1).to_numpy(zero_copy_only=False)
        assert _household_positions(members, households).tolist() == want.tolist(), case


@_settings
@given(st.lists(st.sampled_from(["", "1", "0", "x", "X", " ", "y", "k", "é", "10", "có"]), min_size=1, max_size=30))
def test_one_character_cells_are_coded_as_arrow_codes_them(cells: list[str]) -> None:
    """Flags read from Arrow's bytes (every cell empty or one character) mean what the hashed path reads."""
    import pyarrow as pa

    from poverty_rules.engine.members import _codes_uniques, _flag_column
    from poverty_rules.vocabulary.flags import FLAG_WORDS, flag_value

    for kind in (pa.string(), pa.large_string()):
        column = pa.array(["pad", *cells], kind).slice(1)  # a sliced array: offsets start past 0
        codes, uniques = _codes_uniques(column, (*FLAG_WORDS, ""))
        assert [uniques[c] for c in codes] == cells
        yes, no, bad = _flag_column(column)
        want = [flag_value(c) for c in cells]
        assert yes.tolist() == [w[0] == 1.0 for w in want]
        assert no.tolist() == [w[0] == 0.0 for w in want]
        assert bad.tolist() == [w[1] for w in want]


def test_birth_dates_in_a_datetime_column_are_read_as_days() -> None:
    """A members DataFrame whose birth_date column is datetime64 (pd.to_datetime) was read as unknown
    ("2019-12-01T00:00:00" matches no format): the child and the dependants went unseen."""
    import poverty_rules as pr

    households = pd.DataFrame({"household_id": ["M1"], "area": ["rural"], "income_per_capita": [1200000]})
    as_text = ["2019-12-01", "1990-05-20"]
    got = []
    for births in (as_text, pd.to_datetime(as_text), pd.to_datetime(as_text).astype("datetime64[s]")):
        members = pd.DataFrame({"household_id": ["M1", "M1"], "birth_date": births, "has_health_insurance": [0, 0]})
        got.append(pr.classify(households, members=members, as_of="2025-12-01")["deprived"].tolist())
    assert got[0] == got[1] == got[2] and "health_insurance" in got[0][0]


def test_a_year_of_birth_gives_the_two_ages_it_allows() -> None:
    """``birth_year`` (Năm sinh) alone: the member is ``review year - year`` if their birthday has come
    (or is today) and one less if not; born in the review year, 0; on 31 December every birthday has
    come. A year after the review year, or not a year, is unreadable; a birth date wins over the year,
    and the year over a given age."""
    from poverty_rules.engine.members import member_age_bounds

    years = pd.Series(["1950", "2025", "2026", "abc", "1950.0", "", "", "2019"])
    births = pd.Series(["", "", "", "", "", "", "", "2019-12-02"])
    ages = pd.Series(["", "", "", "", "", "40", "", "70"])
    lo, hi, bad = member_age_bounds(births, years, ages, REVIEW)
    assert lo.tolist() == [74, 0, -np.inf, -np.inf, 74, 40, -np.inf, 5]
    assert hi.tolist() == [75, 0, np.inf, np.inf, 75, 40, np.inf, 5]
    assert bad.tolist() == [False, False, True, True, False, False, False, False]
    lo, hi, _ = member_age_bounds(births, years, None, date(2025, 12, 31))
    assert lo[0] == hi[0] == 75
    assert Member(birth_year="1950").birth_year == 1950
    assert Member(birth_year=1950.0).birth_year == 1950
    with pytest.raises(ValueError):
        Member(birth_year="năm 80")


def test_a_household_files_own_fields_decide_its_marks_without_a_members_list(tmp_path: Path) -> None:
    """A household file carrying the review form's answers (``safe_water``, ``hygienic_latrine``,
    ``internet_use``) and no marks, classified without ``--members``: the fields were ignored, every
    mark was unknown and a household with three clear deprivations below the income line came out
    undetermined, with notes saying ``deprived_water`` was missing. The marks those fields decide are
    now derived from them (a given mark wins, a blank field stays unknown), by the command (streamed)
    and the library alike; ``flag_sources`` and explain say so; the members' indicators stay unknown."""
    from poverty_rules.cli import main

    header = "household_id,area,income_per_capita,safe_water,hygienic_latrine,internet_use,deprived_telecom\n"
    rows = ["A,rural,1000000,không,không,không,", "B,rural,1000000,có,,có,", "C,rural,1000000,không,không,có,1"]
    (tmp_path / "ho.csv").write_text(header + "\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    args = ["classify", str(tmp_path / "ho.csv"), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "no column deprived_water" not in result.output
    assert "no column deprived_employment (Employment)" in result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["status"].tolist() == ["poor", "undetermined", "poor"]
    assert got["deprived"].tolist() == ["water;sanitation;telecom", "", "water;sanitation;telecom"]
    assert "sanitation=unknown" in got["flag_sources"][1] and "deprived_sanitation" in got["undetermined_by"][1]
    assert got["flag_sources"][2].split(";")[-2:] == ["telecom=given", "information_assets=unknown"]
    frame = pd.read_csv(tmp_path / "ho.csv", dtype=str, keep_default_na=False)
    assert pr.classify(frame, as_of="2025-12-01")["status"].tolist() == got["status"].tolist()
    explain = ["explain", str(tmp_path / "ho.csv"), "A", "--as-of", "2025-12-01", "--lang", "vi"]
    said = CliRunner().invoke(main, explain).output
    assert "Thiếu hụt — Nguồn nước sinh hoạt: có (suy ra từ thông tin của hộ)" in said


def test_a_member_from_a_typed_row_reads_its_numeric_codes() -> None:
    """``Member(**row)`` of the sample members file read by ``pd.read_csv`` (its ``member_id`` ``01`` read
    as the number 1) was refused: "member_id: Input should be a valid string [input_value=1]", and so was a
    household code typed in a column of numbers. docs/members.md says a member built from a row reads as the
    file is read: the codes are read as ``classify`` reads such a column (``1``, ``101``, not ``101.0``)."""
    root = Path(__file__).resolve().parent.parent
    people = pd.read_csv(root / "fixtures" / "sample_members.csv", nrows=5)
    members = [Member(**row) for row in people.to_dict("records")]
    assert [m.member_id for m in members] == [str(v) for v in people["member_id"]]
    typed = pd.DataFrame({"household_id": pd.array([101, 101], dtype="Int64"), "member_id": [1.0, 2.0], "age": [3, 40]})
    built = [Member(**row) for row in typed.to_dict("records")]
    assert [(m.household_id, m.member_id) for m in built] == [("101", "1"), ("101", "2")]
    hh = pr.Household(household_id=101, area="rural", income_per_capita=1_200_000, members=built)
    table = pr.classify(
        pd.DataFrame({"household_id": [101], "area": ["rural"], "income_per_capita": [1_200_000]}),
        members=typed,
        as_of="2025-12-01",
    )
    assert pr.classify_one(hh, as_of="2025-12-01").undetermined_by == table["undetermined_by"][0].split(";")


def test_a_members_birth_moment_is_its_day() -> None:
    """``Member(birth_date=…)`` of a datetime64 column holding a time of day (``Timestamp("2019-12-01
    08:00")``, a database timestamp) or a numpy ``datetime64`` was refused ("Datetimes provided to dates
    should have zero time", "Input should be a valid date"), where a members table's same cell is read as
    its day; the member now reads it as its day."""
    import datetime as dt

    moments = [dt.datetime(2019, 12, 1, 10, 30), pd.Timestamp("2019-12-01 08:00"), np.datetime64("2019-12-01")]
    assert [Member(birth_date=m).birth_date for m in moments] == [date(2019, 12, 1)] * 3
    assert Member(birth_date=np.datetime64("NaT")).birth_date is None  # a datetime64 column's missing value
    assert pr.Household(household_id="B0", area="rural", escaped_on=np.datetime64("NaT")).escaped_on is None
    people = pd.DataFrame({"household_id": ["B1"], "birth_date": [moments[1]], "has_health_insurance": [False]})
    households = pd.DataFrame({"household_id": ["B1"], "area": ["rural"], "income_per_capita": [1_200_000]})
    table = pr.classify(households, members=people, as_of="2025-12-01")
    one = pr.classify_one(
        pr.Household(**households.iloc[0].to_dict(), members=[Member(**people.iloc[0].to_dict())]), as_of="2025-12-01"
    )
    assert (one.status, one.deprived) == (table["status"][0], table["deprived"][0].split(";"))


def test_a_members_birth_date_given_as_a_number_is_said_in_each_language() -> None:
    """``pr.Household(members=[{"birth_date": 2019}])`` said, under ``in_lang("vi")``, "members[0]: giá trị
    không hợp lệ (birth_date: expected a date … got the number 2019)": the member's own check was English
    only inside the Vietnamese message. It is now worded in each language, at its member."""
    with pytest.raises(pr.PovertyRulesError) as caught:
        pr.Household(household_id="B1", area="rural", members=[{"age": 30}, {"birth_date": 2019}])
    assert caught.value.in_lang("vi") == (
        "hộ B1: members[1]: birth_date: phải là ngày (YYYY-MM-DD, DD/MM/YYYY hoặc DD-MM-YYYY), nhận được số 2019"
    )
    assert str(caught.value).endswith(
        "members[1]: birth_date: expected a date (YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY), got the number 2019"
    )


def test_a_member_built_on_its_own_says_its_fields_in_each_language() -> None:
    """``Member(birth_year="abc", sex="x")`` built on its own raised pydantic's ``ValidationError``, English
    only ("2 validation errors for Member …"), while ``pr.Household(...)`` raised ``HouseholdError``. A member
    now raises ``HouseholdError`` (a ``ValueError``) naming each field, what was expected and the value, in
    vi and en; inside a household each complaint is still said at its member's field."""
    with pytest.raises(pr.PovertyRulesError) as caught:
        Member(birth_year="abc", sex="x")
    assert isinstance(caught.value, ValueError)
    assert caught.value.in_lang("vi") == (
        "birth_year: phải là số nguyên, nhận được 'abc'; sex: phải là một trong 'male' hoặc 'female', nhận được 'x'"
    )
    assert (
        str(caught.value)
        == "birth_year: expected a whole number, got 'abc'; sex: expected one of 'male' or 'female', got 'x'"
    )
    with pytest.raises(pr.PovertyRulesError) as caught:
        Member.model_validate({"birth_date": 2019})
    assert caught.value.in_lang("vi").startswith("birth_date: phải là ngày")
    with pytest.raises(pr.PovertyRulesError) as caught:
        pr.Household(household_id="B1", area="rural", members=[{"age": 3}, {"birth_year": "abc", "sex": "q"}])
    assert caught.value.in_lang("en") == (
        "household B1: members[1].birth_year: expected a whole number, got 'abc'; "
        "members[1].sex: expected one of 'male' or 'female', got 'q'"
    )


def test_a_year_of_birth_decides_a_rule_both_its_ages_decide_alike() -> None:
    """docs/members.md: a rule on the age is decided where both ages a year of birth allows give the
    same answer. A member born in 2007 (17 or 18 on 2025-12-01) with no schooling and not in education
    lacks the qualification at either age (lower secondary under 18, upper secondary from 18): the
    household is deprived; the mark was left unknown, each half of 'under 18 and … or 18 and over and …'
    being unknown on its own. Likewise a member born in 2009 (15 or 16) without labour capacity and past
    working age is a dependant at either age. Where the two ages differ, the mark stays unknown."""
    households = pd.DataFrame(
        {"household_id": ["E1", "E2", "E3", "D1"], "area": "rural", "income_per_capita": 1_000_000.0}
    )
    members = pd.DataFrame(
        {
            "household_id": ["E1", "E1", "E2", "E2", "E3", "E3", "D1"],
            "birth_year": ["1980", "2007", "1980", "2007", "1980", "2009", "2009"],
            "highest_qualification": ["upper_secondary", "none", "upper_secondary", "lower_secondary"]
            + ["upper_secondary", "none", "none"],
            "in_education": ["0", "0", "0", "0", "0", "0", "0"],
            "labour_capacity": ["1", "1", "1", "1", "1", "1", "0"],
            "disabled": ["0", "0", "0", "0", "0", "0", "0"],
            "working_age": ["1", "1", "1", "1", "1", "1", "0"],
        }
    )
    out = apply_members(RS, _normalized(households), members, REVIEW)
    # E1: deprived at 17 and at 18; E2: THCS is enough at 17, not at 18; E3: 15 or 16, in the range at 16 only
    assert out["deprived_adult_education"].iloc[0] == 1.0
    assert out["deprived_adult_education"].iloc[1:3].isna().all()
    assert out["deprived_dependency"].iloc[3] == 1.0  # one member, a dependant at 15 and at 16
    said = pr.classify(households, members=members, as_of="2025-12-01")
    assert said["flag_sources"].iloc[0].split(";")[4] == "adult_education=derived"


def test_a_member_of_unknown_age_decides_a_rule_every_age_decides_alike() -> None:
    """A member with no birth date, year or age, no labour capacity and not of working age is a dependant
    at any age (a child under 16, or 16 and over past working age): a one-person household of such a
    member is deprived of dependency; the mark was left unknown, 'under 16' and '16 and over' each unknown
    on its own. A member whose age decides (working age blank) leaves it unknown, and an uninsured member
    of unknown age leaves health insurance unknown (a child under 6 is not counted)."""
    households = pd.DataFrame({"household_id": ["U1", "U2"], "area": "rural", "income_per_capita": 1_000_000.0})
    members = pd.DataFrame(
        {
            "household_id": ["U1", "U2"],
            "labour_capacity": ["0", "0"],
            "disabled": ["0", "0"],
            "working_age": ["0", ""],
            "has_health_insurance": ["0", "0"],
        }
    )
    out = apply_members(RS, _normalized(households), members, REVIEW)
    assert out["deprived_dependency"].iloc[0] == 1.0
    assert np.isnan(out["deprived_dependency"].iloc[1])
    assert out["deprived_health_insurance"].isna().all()


def test_a_members_list_under_a_standard_that_derives_nothing_is_said_unused(tmp_path: Path) -> None:
    """classify --members under vn-2027-2030 (whose indicator thresholds are not verified: no rule derives a
    mark from members) said only that each mark's column was missing, 'treated as unknown for every
    household', and nothing of the members list the statistician gave: it was silently not used. It is now
    said once, naming the file and the standard, in --lang, by the command (streamed or not) and the
    library; under vn-2022-2026 nothing of the kind is said."""
    from poverty_rules.cli import main

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,1000000\n")
    (tmp_path / "tv.csv").write_text("household_id,birth_date,has_health_insurance\nH1,1980-01-01,0\nH2,1990-01-01,1\n")
    (tmp_path / "tv2.csv").write_text(
        "household_id,birth_date,has_health_insurance\nH2,1990-01-01,1\nH1,1980-01-01,0\n"
    )
    for members in ("tv.csv", "tv2.csv"):  # in the household file's order (streamed), and not (read whole)
        args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / members), "--as-of", "2027-06-01"]
        said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "--lang", "vi"]).output
        assert said.count("không suy ra chỉ số nào từ danh sách thành viên: tệp thành viên không được đọc") == 1, said
        assert f"{tmp_path / members} (tệp thành viên): chuẩn vn-2027-2030" in said
    households = pd.read_csv(tmp_path / "ho.csv", dtype=str)
    people = pd.read_csv(tmp_path / "tv.csv", dtype=str)
    with pytest.warns(pr.Note, match="the standard vn-2027-2030 has no rule deriving an indicator from the members"):
        pr.classify(households, members=people, as_of="2027-06-01", lang="en")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "--lang", "vi"]).output
    assert "không có quy tắc suy ra" not in said and "không suy ra chỉ số nào" not in said


def test_a_mark_the_household_fields_derive_is_said_missing_from_the_household_file(tmp_path: Path) -> None:
    """classify --members on a household file without the dwelling's fields (wall_durable, frame_durable,
    roof_durable; floor_area) said of housing quality and floor area 'no column deprived_housing_quality,
    and the members file cannot derive it', sending the officer to the members file for what the household
    file lacks; it now names the household file's missing fields, in --lang. A mark the members decide is
    still said of the members file."""
    from poverty_rules.cli import main

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n")
    (tmp_path / "tv.csv").write_text("household_id,birth_date,sex\nH1,1980-01-01,nam\n")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "--lang", "en"]).output
    assert (
        "no column deprived_housing_quality (Housing quality), and the household file has nothing to derive it "
        "from (wall_durable, frame_durable, roof_durable: missing or empty)" in said
    )
    assert "no column deprived_housing_area (Floor area per person), and the household file has nothing" in said
    assert "no column deprived_employment (Employment), and the members file cannot derive it" in said
    said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "--lang", "vi"]).output
    assert "và tệp hộ không có thông tin để suy ra (safe_water: không có cột hoặc để trống)" in said


def test_a_blank_working_age_is_filled_no_for_a_member_surely_past_it() -> None:
    """Two members aged 75 and 73 with no labour capacity and a blank working_age left dependency
    unknown: the blank was filled only below working_age_surely_below (55). From the ruleset's
    working_age_surely_past (62) a blank is now 'no', so they are dependants; 58 stays unknown, and a
    year of birth settles it only where both its ages are past (born 1963: 61 or 62, unknown; 1962: 62
    or 63, no). A cell given 'yes' is kept."""
    assert RS.parameters["working_age_surely_past"].confidence == "U"
    people = pd.DataFrame(
        {
            "household_id": ["E", "E", "F", "F", "G", "G", "K", "K", "Y", "Y"],
            "birth_date": ["1950-01-01", "1952-01-01", "1950-01-01", "1967-06-01", "", "", "", ""]
            + ["1950-01-01", "1952-01-01"],
            "birth_year": ["", "", "", "", "1963", "1950", "1962", "1950", "", ""],
            "working_age": ["", "", "", "", "", "", "", "", "1", "1"],
            "labour_capacity": ["0"] * 10,
            "disabled": ["0"] * 10,
        }
    )
    with pytest.warns(pr.Note):
        out = pr.classify(_households(["E", "F", "G", "K", "Y"]), members=people, as_of="2025-12-01", lang="en")
    sources = dict(zip(out["household_id"], out["flag_sources"], strict=True))
    deprived = dict(zip(out["household_id"], out["deprived"], strict=True))
    assert "dependency=derived" in sources["E"] and "dependency" in deprived["E"]
    assert "dependency=unknown" in sources["F"]  # 75 and 58: the 58-year-old may be of working age
    assert "dependency=unknown" in sources["G"]  # born 1963: 61 or 62
    assert "dependency=derived" in sources["K"] and "dependency" in deprived["K"]  # born 1962: 62 or 63
    assert "dependency=derived" in sources["Y"] and "dependency" not in deprived["Y"]  # given yes: kept


def test_a_working_age_surely_past_under_surely_below_is_refused(tmp_path: Path) -> None:
    """A local standard setting working_age_surely_past under working_age_surely_below would fill a
    blank working_age both yes and no for the ages between: it is refused, naming the line, in vi and en."""
    path = tmp_path / "loc.yaml"
    path.write_text(
        'id: test-local\nversion: "1"\nextends: vn-2022-2026\ntitle: {vi: Thử, en: Test}\nlegal_basis: thử\n'
        "valid_from: 2025-01-01\nvalid_to: 2025-12-31\nsources: [thử]\nparameters:\n"
        "  working_age_surely_past:\n    value: 50\n    reference: thử\n    confidence: U\n",
        encoding="utf-8",
    )
    with pytest.raises(pr.RulesetError) as caught:
        pr.load_ruleset(str(path))
    assert "loc.yaml:10: parameters.working_age_surely_past: 50 is under working_age_surely_below (55)" in str(
        caught.value.in_lang("en")
    )
    assert "phải từ 55 trở lên" in str(caught.value.in_lang("vi"))


def test_an_impossible_member_age_is_unreadable_and_noted(tmp_path: Path) -> None:
    """A year of birth typed 1095 for 1995 made the member 930 years old on the review date, silently: outside
    adult education's 16–30, the household's mark came out 'not deprived'. A birth date, year of birth or age
    giving an age over 120 on the review date is now unreadable (the age unknown), counted in the members
    note with its first row, which says the limit, in vi and en, read whole or streamed. Born 1904 (120 or 121)
    is still read."""
    from poverty_rules.cli import main

    people = pd.DataFrame(
        {
            "household_id": ["T", "U", "V", "W"],
            "birth_year": ["1095", "", "", "1904"],
            "birth_date": ["", "01/03/1095", "", ""],
            "age": ["", "", "930", ""],
            "in_education": ["0"] * 4,
            "highest_qualification": ["primary"] * 4,
        }
    )
    out = apply_members(RS, _normalized(_households(["T", "U", "V", "W"])), people, REVIEW)
    sources = out["member_flag_sources"].tolist()
    assert ["adult_education=unknown" in s for s in sources] == [True, True, True, False]
    notes = out.attrs["member_notes"]
    assert [n["en"].split(":")[0] for n in notes] == ["members column birth_date/age"]
    assert "3 unreadable cells ('1095', '01/03/1095', '930') read as unknown" in notes[0]["en"]
    assert notes[0]["en"].endswith("giving an age of at most 120 on the review date")
    assert notes[0]["vi"].endswith("cho tuổi không quá 120 vào ngày rà soát")
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nT,rural,1000000\nU,rural,1000000\n")
    (tmp_path / "tv.csv").write_text(
        "Mã hộ,Năm sinh,Đang đi học,Trình độ học vấn\nT,1995,0,tiểu học\nU,1095,0,tiểu học\n", encoding="utf-8"
    )
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "--lang", "vi"]).output
    assert "cột Năm sinh của tệp thành viên: 1 ô không đọc được ('1095'; ô đầu tiên ở dòng 3)" in said
    written = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert written["deprived"].fillna("").tolist() == ["adult_education", ""]


@pytest.mark.parametrize(
    ("parameter", "said"),
    [
        ("  working_age_surely_below:\n    value: {rural: 55, urban: 56}\n", "give one value for every area"),
        ("  working_age_surely_past:\n    value: {rural: 62, urban: 63}\n", "give one value for every area"),
        ("  working_age_from:\n    remove: true\n", "working_age_surely_below needs working_age_from too"),
    ],
)
def test_working_ages_a_run_cannot_use_are_refused_when_the_standard_loads(
    tmp_path: Path, parameter: str, said: str
) -> None:
    """A local standard giving a working age per area (or dropping working_age_from) was said valid by
    rulesets check, then classify --members stopped with 'unexpected failure (ValueError: … must both be
    given, one value each)'. It is now refused when it loads, naming the parameter, in vi and en."""
    path = tmp_path / "loc.yaml"
    path.write_text(
        'id: test-local\nversion: "1"\nextends: vn-2022-2026\ntitle: {vi: Thử, en: Test}\nlegal_basis: thử\n'
        "valid_from: 2025-01-01\nvalid_to: 2025-12-31\nsources: [thử]\nparameters:\n"
        f"{parameter}    reference: thử\n    confidence: U\n",
        encoding="utf-8",
    )
    with pytest.raises(pr.RulesetError) as caught:
        pr.load_ruleset(str(path))
    assert said in str(caught.value.in_lang("en"))
    assert "điền working_age để trống" in str(caught.value.in_lang("vi"))


def test_classify_one_says_an_impossible_age_of_the_households_own_member() -> None:
    """pr.classify_one(Household(members=[Member(birth_year=1095)])) left the member's age unknown without a
    word (the members notes were said only of a separate members table), and a birth date after the review
    date too. The note classify gives is now warned, naming the cell as written ('1095', not '1095.0'),
    with no table row; a household whose members' ages are possible hears nothing."""
    import warnings

    def said(*members: pr.Member) -> list[str]:
        household = pr.Household(household_id="H1", area="rural", income_per_capita=1_200_000, members=list(members))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pr.classify_one(household, as_of="2025-12-01", lang="en")
        return [str(w.message) for w in caught if issubclass(w.category, pr.Note)]

    (note,) = said(pr.Member(birth_date="2000-01-01"), pr.Member(birth_year=1095, in_education=False))
    assert "1 unreadable cell ('1095') read as unknown" in note and "at most 120 on the review date" in note
    assert "row" not in note
    (note,) = said(pr.Member(birth_date="2026-03-01"))
    assert "('2026-03-01') read as unknown" in note
    assert said(pr.Member(birth_date="2000-01-01"), pr.Member(birth_year=1950)) == []


def test_an_age_of_120_and_a_half_is_120_completed_years() -> None:
    """An age cell 120.5 is 120 completed years, within the limit of 120: read, not unreadable."""
    people = pd.DataFrame({"household_id": ["A", "B"], "age": ["120.5", "121"], "has_health_insurance": ["0", "0"]})
    out = apply_members(RS, _normalized(_households(["A", "B"])), people, REVIEW)
    assert ["health_insurance=derived" in s for s in out["member_flag_sources"]] == [True, False]
    assert "('121') read as unknown" in out.attrs["member_notes"][0]["en"]


def test_a_household_takes_its_members_as_a_table() -> None:
    """``pr.Household(..., members=people)`` with a DataFrame of the household's people (one row per person, as
    a members file) was refused with "members[0]: expected a mapping of names to values (a dict), got 'age'"
    (iterating a DataFrame gives its column names), a message about a value the caller never gave. The table's
    rows are now the members, each read as ``pr.Member(**row)`` (its spellings, a blank unknown; a named index
    ``household_id`` read as its column), so the household classifies as with ``members=`` of classify_one."""
    people = pd.DataFrame({"household_id": ["T1", "T1"], "age": [3, 40], "has_health_insurance": [np.nan, "không"]})
    flat = pr.Household(household_id="T1", area="rural", income_per_capita=1_200_000, members=people)
    indexed = pr.Household(household_id="T1", area="rural", income_per_capita=1_200_000,
                           members=people.set_index("household_id"))  # fmt: skip
    assert flat.members == indexed.members == [pr.Member(**row) for row in people.to_dict("records")]
    alone = pr.Household(household_id="T1", area="rural", income_per_capita=1_200_000)
    expected = pr.classify_one(alone, members=people, as_of="2025-12-01")
    for hh in (flat, indexed):
        assert pr.classify_one(hh, as_of="2025-12-01").deprived == expected.deprived == ["health_insurance"]
    with pytest.raises(pr.PovertyRulesError, match=r"members\[1\]: household_id 'T2' is not this household's"):
        pr.Household(household_id="T1", area="rural", members=people.assign(household_id=["T1", "T2"]))


def test_a_households_members_under_the_members_files_vietnamese_headers() -> None:
    """``pr.Household(..., members=people)`` of people headed as a members file may be (``Mã hộ``, ``Tuổi``,
    ``Giới tính``, ``Có bảo hiểm y tế`` …, headers ``classify(members=people)`` reads) was refused with
    "members[0].Tuổi: not a field of a member". Those headers are now read as the member's fields, and a field
    given under two names is refused naming both, in vi and en."""
    people = pd.DataFrame({"Mã hộ": ["V1", "V1"], "Tuổi": [3, 40], "Có bảo hiểm y tế": [np.nan, "không"],
                           "Giới tính": ["Nam", "Nữ"]})  # fmt: skip
    hh = pr.Household(household_id="V1", area="rural", income_per_capita=1_200_000, members=people)
    assert (hh.members[1].age, hh.members[1].sex, hh.members[1].has_health_insurance) == (40, "female", False)
    alone = pr.Household(household_id="V1", area="rural", income_per_capita=1_200_000)
    expected = pr.classify_one(alone, members=people, as_of="2025-12-01").deprived
    assert pr.classify_one(hh, as_of="2025-12-01").deprived == expected == ["health_insurance"]
    as_dicts = pr.Household(household_id="V1", area="rural", members=people.to_dict("records"))
    assert as_dicts.members == hh.members
    with pytest.raises(pr.PovertyRulesError) as twice:
        pr.Household(household_id="V1", area="rural", members=[{"age": 3, "Tuổi": 4}])
    assert str(twice.value) == "household V1: members[0]['age'] and members[0]['Tuổi'] both give age; give one of them"
    assert twice.value.in_lang("vi").endswith(
        "members[0]['age'] và members[0]['Tuổi'] cùng là age; chỉ cho một trong hai"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_classify_one_names_a_member_given_twice(lang: str) -> None:
    """classify_one warned of a member pasted twice with nothing to name it ('repeats an earlier row cell for
    cell:  ….'): the rows the note names were never given to it. A members table's rows are named as a file's
    (the header row 1); the household's own members by their number in its list, in ``lang``."""
    from poverty_rules.engine.members import Member

    kid = {"member_id": "02", "birth_date": "2015-05-05"}
    adult = Member(member_id="01", birth_date="1980-01-01", labour_capacity=True, working_age=True)
    household = pr.Household(
        household_id="H1", area="rural", income_per_capita=1_000_000, members=[adult, Member(**kid), Member(**kid)]
    )
    said = {
        "vi": "thành viên thứ 3 giống thành viên thứ 2 (hộ 'H1')",
        "en": "member 3 repeats member 2 (household 'H1')",
    }
    with pytest.warns(pr.Note) as caught:
        pr.classify_one(household, as_of="2025-12-01", lang=lang)  # type: ignore[arg-type]
    assert any(said[lang] in str(w.message) for w in caught), [str(w.message) for w in caught]
    table = pd.DataFrame([{"household_id": "H1", **row} for row in ({"member_id": "01"}, kid, kid)])
    bare = pr.Household(household_id="H1", area="rural", income_per_capita=1_000_000)
    said = {"vi": "dòng 4 giống dòng 3 (hộ 'H1')", "en": "row 4 repeats row 3 (household 'H1')"}
    with pytest.warns(pr.Note) as caught:
        pr.classify_one(bare, members=table, as_of="2025-12-01", lang=lang)  # type: ignore[arg-type]
    assert any(said[lang] in str(w.message) for w in caught), [str(w.message) for w in caught]


def test_an_unreadable_choice_says_it_wants_one_of_its_values_in_vietnamese() -> None:
    """The Vietnamese note on a members column of choices read 'cần có việc làm, thất nghiệp, không tham gia lực
    lượng lao động' ('needs to have a job, …': the first value read as the sentence's verb) and 'cần không, tiểu
    học, THCS …' ('needs no, …'). Each now says 'cần một trong: …', as the other refusals of a value list do."""
    members = pd.DataFrame(
        {"household_id": ["A"], "age": ["40"], "employment": ["working"], "highest_qualification": ["lớp 9"]}
    )
    out = apply_members(RS, _normalized(_households(["A"])), members, REVIEW)
    vi = [note["vi"] for note in out.attrs["member_notes"]]
    assert any(n.endswith("cần một trong: có việc làm, thất nghiệp, không tham gia lực lượng lao động") for n in vi)
    assert any("cần một trong: không, tiểu học, THCS, THPT, nghề (sơ cấp, trung cấp)" in n for n in vi), vi


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_household_field_no_rule_of_the_standard_reads_never_rejects_a_household(tmp_path: Path, lang: str) -> None:
    """vn-2027-2030 derives no mark (its fields: household is empty), yet classify under it rejected a household
    with a valid income for a floor_area 'abc' or a safe_water 'maybe' (exit 1, the household lost to columns no
    rule of the run reads); so did vn-2016-2021 for has_info_device, a 2022–2026 field. Such a cell is now
    unknown and rejects no row; under a standard whose rules read the field (vn-2022-2026) it still rejects it."""
    from poverty_rules.cli import main

    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,floor_area,safe_water,has_info_device\n"
        "A,rural,5000000,abc,maybe,1\nB,rural,5000000,20,1,maybe\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    args = ["classify", str(households), "-o", str(out), "--blank-flags", "not-deprived", "--lang", lang]

    def rejected(day: str) -> dict[str, str]:
        result = CliRunner().invoke(main, [*args, "--as-of", day])
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 0:
            return {}
        rejects = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return dict(zip(rejects["household_id"], rejects["column"], strict=True))

    assert rejected("2027-06-01") == {}
    assert pd.read_csv(out, dtype=str)["household_id"].tolist() == ["A", "B"]
    assert rejected("2021-06-01") == {"A": "floor_area; safe_water"}  # has_info_device: read from 2022 on
    assert rejected("2025-12-01") == {"A": "floor_area; safe_water", "B": "has_info_device"}


@pytest.mark.parametrize("engine", ["vectorized", "durable"])
def test_the_floor_area_a_person_reads_the_household_size_where_there_are_no_member_rows(engine: str) -> None:
    """housing_area ('diện tích nhà ở bình quân đầu người') was derived only from member rows: a household file
    with floor_area and household_size (Số nhân khẩu) and no members list left the mark unknown. The floor area
    is now shared by the household's persons, persons(member): its member rows, or, with none, its
    household_size. Exact at the line (32 m² for 4 persons is 8.00, not deprived; 31.99 is), with no division;
    a household with member rows is counted by its rows; a blank or unreadable size stays unknown."""
    households = pd.DataFrame(
        {
            "household_id": ["H1", "H2", "H3", "H4", "H5"],
            "area": ["rural"] * 5,
            "income_per_capita": ["1000000"] * 5,
            "floor_area": ["32", "31.99", "30", "30", "20"],
            "household_size": ["4", "4", "", "ba", "4"],
        }
    )

    def marks(out: pd.DataFrame) -> dict[str, str]:
        """Each household's floor-area mark: 'yes', 'no' or 'unknown' (flag_sources)."""
        said = {}
        for hid, deprived, sources in zip(out["household_id"], out["deprived"], out["flag_sources"], strict=True):
            known = "housing_area=unknown" not in str(sources)
            said[hid] = ("yes" if "housing_area" in str(deprived).split(";") else "no") if known else "unknown"
        return said

    alone = marks(pr.classify(households, as_of="2025-12-01", engine=engine))
    assert alone == {"H1": "no", "H2": "yes", "H3": "unknown", "H4": "unknown", "H5": "yes"}
    members = pd.DataFrame({"household_id": ["H5", "H5"], "member_id": ["1", "2"], "age": ["30", "31"]})
    both = marks(pr.classify(households, members=members, as_of="2025-12-01", engine=engine))
    assert both["H5"] == "no"  # 20 m² for its 2 member rows, not the 4 the form says
    assert both["H1"] == "no" and both["H2"] == "yes"  # no member rows: their household_size


def test_explain_says_the_floor_area_was_shared_by_the_household_size(tmp_path: Path) -> None:
    """explain said 'derived from the household's fields' for a floor area a person derived from household_size,
    never where the number of persons came from. It says so now, in vi and en."""
    from poverty_rules.cli import main

    path = tmp_path / "ho.csv"
    path.write_text(
        "household_id,area,income_per_capita,floor_area,household_size\nH2,rural,1000000,31.99,4\n", encoding="utf-8"
    )
    out = CliRunner().invoke(main, ["explain", str(path), "H2", "--as-of", "2025-12-01", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert (
        "Floor area per person: yes (derived from the household's fields and its number of persons "
        "(4, household_size; the household has no member rows))"
    ) in out.output
    vi = CliRunner().invoke(main, ["explain", str(path), "H2", "--as-of", "2025-12-01", "--lang", "vi"])
    assert "số nhân khẩu của hộ (4 người, cột household_size" in vi.output


@pytest.mark.parametrize(
    ("value", "en", "vi"),
    [
        (True, "birth_year: expected a year of four digits, got the yes/no value True", "giá trị có/không True"),
        (np.True_, "birth_year: expected a year of four digits, got the yes/no value True", "giá trị có/không True"),
        (5, "birth_year: expected at least 1000, got 5", "phải lớn hơn hoặc bằng 1000, nhận được 5"),
        ("95", "birth_year: expected at least 1000, got '95'", "nhận được '95'"),
        (12345, "birth_year: expected at most 9999, got 12345", "phải nhỏ hơn hoặc bằng 9999, nhận được 12345"),
    ],
)
def test_a_member_record_refuses_a_year_of_birth_the_members_file_cannot_read(value: Any, en: str, vi: str) -> None:
    """``pr.Member(birth_year=True)`` was a member born in the year 1 (pydantic reads True as 1), and
    ``birth_year=5`` or ``12345`` were taken, where a members file reads only a year of four digits (docs/members.md:
    a record reads as the file does, and refuses what the file leaves unknown). Each is refused, in vi and en."""
    with pytest.raises(HouseholdError) as refused:
        pr.Member(birth_year=value)
    assert refused.value.in_lang("en") == en
    assert vi in refused.value.in_lang("vi")
    assert pr.Member(birth_year="1950.0").birth_year == pr.Member(birth_year=1950).birth_year == 1950
