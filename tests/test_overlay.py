"""Local standards (``extends:``): docs/standard.md §1 — they may change anything of their national
base, in either direction, each change cited; ``rulesets diff`` says which way (tests/test_local.py)."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import poverty_rules as pr
from poverty_rules.engine.standards import available, load_file, load_ruleset
from poverty_rules.errors import RulesetError
from poverty_rules.rules.constants import constant_value
from poverty_rules.rules.diff import diff_rulesets
from poverty_rules.rules.overlay import direction

HEAD = """\
id: test-province-2026
extends: vn-2022-2026
version: "1"
title: {vi: Tỉnh thử, en: Test province}
legal_basis: "[TEST] QĐ 00/2026/QĐ-UBND"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["test"]
"""
CITE = 'reference: "[TEST] QĐ 00/2026, Điều 1"\n    confidence: U'


def _write(tmp: Path, body: str, head: str = HEAD, name: str = "overlay.yaml") -> Path:
    path = tmp / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def _refused(path: Path) -> RulesetError:
    with pytest.raises(RulesetError) as info:
        load_file(path)
    return info.value


# --------------------------------------------------------------------------- the bundled example


def test_example_overlay_loads_and_names_its_base_in_results() -> None:
    rs = load_ruleset("example-province-2026")
    assert rs.example
    assert rs.label == "vn-2022-2026@2025.02+example-province-2026@2"
    assert rs.parameters["income_line"].value == {"rural": 2_000_000, "urban": 2_000_000}
    assert rs.programmes["national_programme"].months == 48
    assert [i.id for i in rs.indicators][-1] == "clean_cooking"
    frame = pd.DataFrame({"household_id": ["a"], "area": ["rural"], "income_per_capita": [1_800_000.0]})
    for ind in rs.indicators:
        frame[ind.column] = 0.0
    out = pr.classify(frame, ruleset=rs)
    assert out["ruleset"].tolist() == ["vn-2022-2026@2025.02+example-province-2026@2"]
    assert out["status"].tolist() == ["near_poor"]


def test_overlays_stay_out_of_the_national_choice_by_date() -> None:
    assert "example-province-2026" not in {r.id for r in available()}
    assert load_ruleset(as_of="2026-06-01").id == "vn-2022-2026"


def test_by_path_and_by_id_give_the_same_overlay() -> None:
    local = Path(__file__).parent.parent / "poverty_rules/rulesets/local"
    by_path = load_ruleset(str(local / "example-province-2026.yaml"))
    assert by_path.label == load_ruleset("example-province-2026").label


def test_direction_of_each_national_parameter_is_stated_in_the_ruleset() -> None:
    p = load_ruleset("vn-2022-2026").parameters
    assert direction(p["income_line"]) == direction(p["average_line"]) == direction(p["score_line"]) == "raise"
    assert direction(p["deprivation_cutoff"]) == direction(p["score_deprivation_cutoff"]) == "lower"
    assert direction(p["housing_area_per_person"]) == direction(p["schooling_age_to"]) == "raise"
    assert direction(p["health_insurance_age"]) == direction(p["dependency_share"]) == "lower"
    assert direction(p["score_points_per_indicator"]) == direction(p["working_age_from"]) == "fixed"


def test_a_parameter_without_direction_is_refused(tmp_path: Path) -> None:
    body = """\
    parameters:
      local_bonus_line:
        label: {vi: Thử, en: Test}
        value: 1
        reference: "[TEST] QĐ 00/2026, Điều 1"
        confidence: U
    """
    err = _refused(_write(tmp_path, body))
    assert "direction" in str(err)


def test_a_local_standard_may_move_a_parameter_either_way_and_diff_says_which(tmp_path: Path) -> None:
    lowered = f"parameters:\n  housing_area_per_person:\n    value: 6\n    {CITE}\n"
    rs = load_file(_write(tmp_path, lowered))
    assert rs.parameters["housing_area_per_person"].value == 6
    change = next(
        c for c in diff_rulesets(load_ruleset("vn-2022-2026"), rs).changes if c.what == "housing_area_per_person"
    )
    assert change.effect == "looser"
    raised = f"parameters:\n  housing_area_per_person:\n    value: 10\n    {CITE}\n"
    rs = load_file(_write(tmp_path, raised, name="raised.yaml"))
    change = next(
        c for c in diff_rulesets(load_ruleset("vn-2022-2026"), rs).changes if c.what == "housing_area_per_person"
    )
    assert change.effect == "stricter"


# --------------------------------------------------------------------------- raising a line: property

_BASE_LINE = {"rural": 1_500_000.0, "urban": 2_000_000.0}
_INDICATORS = [i.column for i in load_ruleset("vn-2022-2026").indicators]


def _near(*points: float) -> st.SearchStrategy[float]:
    return st.sampled_from(points).flatmap(lambda p: st.integers(-2, 2).map(lambda d: float(p + d)))


_income = st.one_of(st.integers(0, 4_500_000).map(float), _near(1_500_000, 2_000_000, 2_250_000, 3_000_000))
_household = st.tuples(
    st.sampled_from(["rural", "urban"]),
    _income,
    st.lists(st.sampled_from([0.0, 1.0, np.nan]), min_size=len(_INDICATORS), max_size=len(_INDICATORS)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rural=st.integers(1_500_000, 3_500_000),
    urban=st.integers(2_000_000, 4_000_000),
    households=st.lists(_household, min_size=1, max_size=60),
    tight=st.booleans(),
)
def test_raising_the_line_changes_only_households_between_the_lines(
    rural: int, urban: int, households: list[tuple[str, float, list[float]]], tight: bool
) -> None:
    """Differences national vs overlay only where base_line < income <= new_line (income path)."""
    new_line = {"rural": float(rural), "urban": float(urban)}
    rows = []
    for k, (area, income, flags) in enumerate(households):
        if tight:  # put many incomes exactly on and next to the new lines
            income = new_line[area] + (k % 3 - 1)
        rows.append(
            {
                "household_id": str(k),
                "area": area,
                "income_per_capita": income,
                **dict(zip(_INDICATORS, flags, strict=True)),
            }
        )
    frame = pd.DataFrame(rows).astype({"income_per_capita": "float64", **{c: "float64" for c in _INDICATORS}})
    with tempfile.TemporaryDirectory() as tmp:
        body = f"parameters:\n  income_line:\n    value: {{rural: {rural}, urban: {urban}}}\n    {CITE}\n"
        body += f"  score_line:\n    value: {{rural: 150, urban: 180}}\n    {CITE}\n"  # its own (no score here)
        overlay = load_file(_write(Path(tmp), body))
    national = load_ruleset("vn-2022-2026")
    a = pr.classify(frame, ruleset=national)
    b = pr.classify(frame, ruleset=overlay)
    base = frame["area"].map(_BASE_LINE)
    new = frame["area"].map(new_line)
    band = (frame["income_per_capita"] > base) & (frame["income_per_capita"] <= new)
    changed = a["status"].astype(str) != b["status"].astype(str)
    assert not (changed & ~band).any(), frame[changed & ~band]
    # Inside the band the national standard says average/not_poor; the overlay says poor or near-poor
    # (or undetermined when the unknown flags could decide between those two).
    assert set(a.loc[band, "status"].astype(str)) <= {"average", "not_poor"}
    assert set(b.loc[band, "status"].astype(str)) <= {"poor", "near_poor", "undetermined"}
    assert (b["ruleset"] == overlay.label).all()


# --------------------------------------------------------------------------- changes and refusals


def test_lowering_a_line_is_allowed_and_noted_as_looser(tmp_path: Path) -> None:
    body = f"parameters:\n  income_line:\n    value:\n      urban: 1_900_000\n    {CITE}\n"
    path = _write(tmp_path, body + f"  score_line:\n    value: {{urban: 170}}\n    {CITE}\n")
    rs = load_file(path)
    assert rs.parameters["income_line"].value == {"rural": 1_500_000, "urban": 1_900_000}
    d = diff_rulesets(load_ruleset("vn-2022-2026"), rs)
    assert [c.what for c in d.looser] == ["income_line", "score_line"]


def test_the_bundled_line_lowering_example_loads_and_is_looser() -> None:
    rs = load_file(Path(__file__).parent / "rulesets" / "bad-province-lowers-line.yaml")
    assert diff_rulesets(load_ruleset("vn-2022-2026"), rs).looser


def test_removing_and_redefining_national_indicators(tmp_path: Path) -> None:
    body = f"""\
    indicators:
      - id: telecom
        remove: true
        {CITE.replace(chr(10) + "    ", chr(10) + "        ")}
      - id: housing_area
        threshold: {{vi: Dưới 6 m², en: Under 6 m²}}
        {CITE.replace(chr(10) + "    ", chr(10) + "        ")}
    fields:
      household: [frame_durable, roof_durable, wall_durable, floor_area, safe_water, hygienic_latrine,
                  has_info_device]
      member: [employment, wage_without_contract, working_age, age, disabled, labour_capacity, stunted,
               underweight, has_health_insurance, highest_qualification, in_education, attending_right_level]
    """
    rs = load_file(_write(tmp_path, body))
    assert "telecom" not in [i.id for i in rs.indicators]
    assert rs.indicator("housing_area").threshold.en == "Under 6 m²"
    assert [(r.section, r.id) for r in rs.removed] == [("indicators", "telecom")]


def test_fields_left_over_after_a_removal_name_the_line(tmp_path: Path) -> None:
    body = f"indicators:\n  - id: telecom\n    remove: true\n    {CITE}\n"
    path = _write(tmp_path, body)
    err = _refused(path)
    assert "no indicator's rule reads internet_use" in err.reason
    # the list is the base's, which the file does not write: said at `extends:` (it said line 1), with what to do
    assert err.line == _line_of(path, "extends:")
    assert "give fields: with the fields the indicators' rules read, without internet_use" in err.in_lang("en")
    assert "hãy viết fields: với các trường mà quy tắc của các chỉ số đọc, bỏ internet_use" in err.in_lang("vi")


def test_a_derived_value_named_as_a_parameter_is_refused(tmp_path: Path) -> None:
    """A yearly line written as docs/rulesets.md teaches, but keeping the national parameter income_line:
    it loaded, and the classes read the national 1,500,000, never the derived 2,500,000 a month."""
    cite = 'reference: "[TEST] QĐ 00/2026, Điều 1"\n{0}confidence: U'
    body = f"""\
parameters:
  income_line_per_year:
    label: {{vi: Chuẩn năm, en: Yearly line}}
    value: 30_000_000
    unit: VND/person/year
    direction: raise
    {cite.format("    ")}
  months_per_year:
    label: {{vi: Số tháng, en: Months}}
    value: 12
    unit: months
    direction: fixed
    {cite.format("    ")}
derived:
  - id: income_line
    label: {{vi: Chuẩn tháng, en: Monthly line}}
    formula: income_line_per_year / months_per_year
    {cite.format("    ")}
"""
    path = _write(tmp_path, body)
    err = _refused(path)
    assert err.line == _line_of(path, "- id: income_line")
    assert "the name 'income_line' is already a parameter" in err.reason
    assert "`remove: true` dưới parameters.income_line" in err.in_lang("vi")
    dropped = f"  income_line:\n    remove: true\n    {cite.format('    ')}\n"
    # and its own score line for its 2,500,000 (the national 140 / 175 stand for the national lines)
    dropped += f"  score_line:\n    value: {{rural: 160, urban: 185}}\n    {cite.format('    ')}\n"
    rs = load_file(_write(tmp_path, body.replace("parameters:\n", "parameters:\n" + dropped, 1), name="dropped.yaml"))
    assert "income_line" not in rs.parameters and [d.id for d in rs.derived][-1] == "income_line"
    assert constant_value(rs, "income_line", "rural") == 2_500_000


def test_a_parameter_or_derived_value_named_as_a_households_data_is_refused(tmp_path: Path) -> None:
    """A parameter deprivation_count: 5 loaded, and the classes read it for every household: one with no
    deprivation at 1,000,000 a month was poor. A name of a household's data is refused at its line."""
    body = """\
parameters:
  deprivation_count:
    label: {vi: x, en: x}
    value: 5
    unit: indicators
    direction: lower
    reference: "[TEST] QĐ 00/2026, Điều 1"
    confidence: U
"""
    path = _write(tmp_path, body)
    err = _refused(path)
    assert err.line == _line_of(path, "deprivation_count:")
    assert "'deprivation_count' is already the name of a household's data" in err.reason
    assert "'deprivation_count' đã là tên một dữ liệu của hộ" in err.in_lang("vi")
    body = """\
derived:
  - id: floor_area
    label: {vi: x, en: x}
    formula: income_line
    reference: "[TEST] QĐ 00/2026, Điều 1"
    confidence: U
"""
    path = _write(tmp_path, body, name="derived.yaml")
    err = _refused(path)
    assert err.line == _line_of(path, "- id: floor_area") and "derived.floor_area: 'floor_area'" in err.reason


def test_classes_may_be_replaced_and_must_stay_exhaustive(tmp_path: Path) -> None:
    body = """\
    classes:
      - id: not_poor_all
        status: not_poor
        decided_by: income
        when: income_per_capita >= 0
        reference: "[TEST]"
        confidence: U
    """
    rs = load_file(_write(tmp_path, body))
    assert [c.id for c in rs.classes] == ["not_poor_all"]


def test_a_programme_window_may_be_shortened(tmp_path: Path) -> None:
    rs = load_file(_write(tmp_path, f"programmes:\n  national_programme:\n    months: 24\n    {CITE}\n"))
    assert rs.programmes["national_programme"].months == 24


def test_a_changed_value_must_cite_the_local_decision(tmp_path: Path) -> None:
    path = _write(tmp_path, "parameters:\n  income_line:\n    value: {rural: 1_600_000}\n")
    err = _refused(path)
    assert err.line == _line_of(path, "income_line:") and "must cite the local instrument" in err.reason


def test_validity_must_lie_within_the_base(tmp_path: Path) -> None:
    path = _write(tmp_path, "", head=HEAD.replace("valid_to: 2026-12-31", "valid_to: 2027-06-30"))
    err = _refused(path)
    assert err.line == _line_of(path, "valid_to:") and "after vn-2022-2026 ends" in err.reason


def test_an_overlay_states_its_own_id(tmp_path: Path) -> None:
    path = _write(tmp_path, "", head=HEAD.replace("id: test-province-2026", "id: vn-2022-2026"))
    assert "its own id" in _refused(path).reason
    path = _write(tmp_path, "", head=HEAD.replace('version: "1"\n', ""))
    assert "`version`" in _refused(path).reason


def test_unknown_base_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "", head=HEAD.replace("extends: vn-2022-2026", "extends: vn-1999"))
    err = _refused(path)
    assert "no ruleset with this id" in str(err)
    # said at the local file's own `extends:` line, in both languages
    assert (err.file, err.line) == (str(path), _line_of(path, "extends:"))
    assert err.in_lang("vi").startswith(f"{path}, dòng 2: extends: vn-1999: không có bộ quy tắc")


def test_a_new_indicator_counts_as_a_deprivation(tmp_path: Path) -> None:
    body = """\
    indicators:
      - id: clean_cooking
        dimension: housing
        label: {vi: Chất đốt sạch, en: Clean cooking}
        reference: "[TEST] QĐ 00/2026, Điều 2"
        confidence: U
    """
    rs = load_file(_write(tmp_path, body))
    frame = pd.DataFrame({"household_id": ["a"], "area": ["rural"], "income_per_capita": [1_000_000.0]})
    for ind in rs.indicators:
        frame[ind.column] = 1.0 if ind.id in ("water", "sanitation", "clean_cooking") else 0.0
    out = pr.classify(frame, ruleset=rs)
    assert out["status"].tolist() == ["poor"] and out["deprivation_count"].tolist() == [3]


def test_a_shortened_window_is_marked_looser_and_a_lengthened_one_stricter(tmp_path: Path) -> None:
    """docs/review.md: an overlay may shorten a window, and `rulesets diff` / `check` say it is looser
    (the diff showed '36 → 24 months' with no mark and no note)."""
    national = load_ruleset("vn-2022-2026")
    short = diff_rulesets(
        national, load_file(_write(tmp_path, f"programmes:\n  national_programme:\n    months: 24\n    {CITE}\n"))
    )
    assert [(c.what, c.effect) for c in short.section("programmes")] == [("national_programme", "looser")]
    assert [c.what for c in short.looser] == ["national_programme"]
    longer = diff_rulesets(national, load_ruleset("example-province-2026"))
    assert [(c.what, c.effect) for c in longer.section("programmes")] == [("national_programme", "stricter")]


def test_a_rule_of_a_national_indicator_changed_locally_is_said_at_its_own_line(tmp_path: Path) -> None:
    """A local file changing national indicators lists them in its own order: an error in one's rule was
    looked up by its place in the merged list (water is the 9th national indicator), which in the file is
    another item or none, so it pointed at the `indicators:` line (or at another indicator's rule)."""
    body = """\
    indicators:
      - id: sanitation
        threshold: {vi: Không có nhà tiêu hợp vệ sinh, en: No hygienic latrine}
        reference: "[TEST] QĐ 00/2026, Điều 2"
        confidence: U
      - id: water
        deprived_when: "not safe_watr"
        reference: "[TEST] QĐ 00/2026, Điều 3"
        confidence: U
    """
    path = _write(tmp_path, body)
    err = _refused(path)
    assert "unknown name 'safe_watr'" in err.reason
    assert err.line == _line_of(path, "safe_watr")


def test_a_member_field_not_in_the_catalogue_is_said_at_the_rule(tmp_path: Path) -> None:
    """A local rule reading member.tuoi was refused at line 1 (the local file has no fields:) with
    'fields.member: the indicators' rules read tuoi; list it under fields.member', advice that only led
    to 'unknown member field'; now at the rule's line, naming the member fields there are."""
    body = """\
    indicators:
      - id: health_insurance
        deprived_when: "any(member, member.tuoi >= health_insurance_age and not member.has_health_insurance)"
        reference: "[TEST] QĐ 00/2026, Điều 2"
        confidence: U
    """
    path = _write(tmp_path, body)
    err = _refused(path)
    assert err.line == _line_of(path, "deprived_when")
    assert "member.tuoi is not a member field (known: age, sex," in err.reason
    assert "member.tuoi không phải trường thành viên" in err.in_lang("vi")


def test_a_field_the_national_fields_do_not_list_is_said_at_the_rule_that_reads_it(tmp_path: Path) -> None:
    """A local rule reading member.sex, which the national `fields:` does not list, was refused at line 1
    (the local file has no `fields:`); now at the rule that reads it."""
    body = """\
    indicators:
      - id: health_insurance
        deprived_when: "any(member, member.sex == 'female' and not member.has_health_insurance)"
        reference: "[TEST] QĐ 00/2026, Điều 2"
        confidence: U
    """
    path = _write(tmp_path, body)
    err = _refused(path)
    assert err.line == _line_of(path, "deprived_when")
    # "list it under fields.member" led to a file whose fields: lacked every national field: the list is the
    # base's, and a file's fields: replaces both of its lists
    assert "fields.member (the base standard's list: this file gives no fields:) lacks sex" in err.reason
    assert "give fields: with the base standard's household and member lists and sex" in err.in_lang("en")
    assert "hãy viết fields: gồm cả hai danh sách household và member của chuẩn gốc, thêm sex" in err.in_lang("vi")


def test_a_local_income_line_moved_needs_its_own_score_line(tmp_path: Path) -> None:
    """Score A's 140 / 175 points stand for the national 1,500,000 / 2,000,000 (docs/standard.md §2.2,
    Thông tư 07/2021/TT-BLĐTBXH), B ≥ 30 for the 3 deprivations. A local standard that moved the rural
    line to 2,000,000 kept the national 140: a rural household of 1,900,000 scored 150 was 'average'
    locally though under the province's line. Such a file is now refused at the line it moves, naming
    the score line it keeps; giving its own score line (or dropping the score path) loads."""
    path = _write(tmp_path, f"parameters:\n  income_line:\n    value: {{rural: 2_000_000}}\n    {CITE}\n")
    with pytest.raises(RulesetError) as caught:
        load_file(path)
    err = caught.value
    assert err.line == _line_of(path, "income_line:")
    assert "score_line keeps vn-2022-2026's 140" in err.in_lang("en") and "rural" in err.in_lang("en")
    assert "score_line vẫn giữ 140" in err.in_lang("vi") and "nông thôn" in err.in_lang("vi")
    cutoff = _write(tmp_path, f"parameters:\n  deprivation_cutoff:\n    value: 2\n    {CITE}\n", name="cutoff.yaml")
    with pytest.raises(RulesetError, match="score_deprivation_cutoff keeps vn-2022-2026's 30"):
        load_file(cutoff)
    # the bundled example gives its own rural score line: the household is poor under the province's line
    household = pr.Household(
        household_id="R",
        area="rural",
        income_per_capita=1_900_000,
        score_a=150,
        deprived={i: i in ("water", "sanitation", "housing_area") for i in [*_NATIONAL_IDS, "clean_cooking"]},
    )
    result = pr.classify_one(household, as_of="2026-06-01", local="example-province-2026")
    assert (result.status, result.local.status) == ("average", "poor")


_NATIONAL_IDS = [i.id for i in load_ruleset("vn-2022-2026").indicators]


def test_a_misspelt_national_entry_is_named_with_the_entry_meant(tmp_path: Path) -> None:
    """A local change to a misspelt national entry (``watr``, ``income_lines``, ``national_programe``) was read
    as a new entry and refused with pydantic's first complaint about it: 'indicators.12.dimension: Field
    required' (the twelfth place of the merged list, while the file has one indicator) or
    'parameters.income_lines.label: Field required', which sent the officer to add a label. It now says the
    base has no such entry, the name meant, and every key a new entry would still need, in both languages."""
    cases = {
        "indicators": ("indicators:\n  - id: watr\n    threshold: {vi: Nước, en: Water}\n    " + CITE, "water"),
        "parameters": ("parameters:\n  income_lines:\n    value: {rural: 1_800_000}\n    " + CITE, "income_line"),
        "programmes": ("programmes:\n  national_programe:\n    months: 48\n    " + CITE, "national_programme"),
    }
    for section, (body, meant) in cases.items():
        err = _refused(_write(tmp_path, body))
        name = body.split("\n")[1].strip(" -:").removeprefix("id: ")
        assert err.line == 10, (section, err)
        assert err.reason.startswith(f"{section}.{name}: vn-2022-2026 has no such entry (did you mean {meant}?)")
        assert "Field required" not in err.reason and ".12." not in err.reason
        assert f"viết nhầm tên {meant}?" in err.in_lang("vi")
    err = _refused(_write(tmp_path, "indicators:\n  - id: clean_cooking\n    " + CITE))
    assert err.reason.startswith("indicators.clean_cooking: vn-2022-2026 has no such entry, so this is a new one")
    assert err.reason.endswith("missing dimension, label")


def test_a_local_files_list_item_is_named_by_its_id_not_its_merged_place(tmp_path: Path) -> None:
    """A local file's indicator with a bad key was named by its place in the merged list: its one new
    indicator as 'indicators.12.confidence', a change to the national ``water`` (the file's first item) as
    'indicators.8.label.en'; neither number is anywhere in the file. It is now named by its id, in both
    languages, at the same line."""
    body = "indicators:\n  - id: clean_cooking\n    dimension: housing\n    label: {vi: Chất đốt, en: Fuel}\n"
    err = _refused(_write(tmp_path, body + '    reference: "[TEST] QĐ 00/2026"\n    confidence: X\n'))
    assert err.line == 14 and err.reason.startswith("indicators.clean_cooking.confidence: ")
    assert err.in_lang("vi").split(": ", 1)[1].startswith("indicators.clean_cooking.confidence: phải là một trong")
    err = _refused(_write(tmp_path, "indicators:\n  - id: water\n    label: {vi: Nước}\n    " + CITE + "\n"))
    assert err.line == 11 and err.reason.startswith("indicators.water.label.en: ")


def test_a_local_standard_without_its_extends_is_told_to_give_it(tmp_path: Path) -> None:
    """A local file whose ``extends:`` was forgotten (or left empty) was read as a national standard and
    refused with 'parameters: Field required' at line 1, which does not say what is wrong. An empty
    ``extends:`` is now named at its line, and a file without one that lacks a national table says that a
    local standard gives ``extends:``, in both languages."""
    body = "programmes:\n  national_programme:\n    months: 48\n    " + CITE + "\n"
    err = _refused(_write(tmp_path, body, head=HEAD.replace("extends: vn-2022-2026", "extends:")))
    assert err.line == 2 and err.reason.startswith("extends: is empty: give the national standard")
    err = _refused(_write(tmp_path, body, head=HEAD.replace("extends: vn-2022-2026\n", "")))
    assert err.reason.startswith("parameters: a national standard needs this field; if this is a local standard")
    assert "nếu đây là chuẩn địa phương, hãy ghi extends:" in err.in_lang("vi")


def test_one_id_given_twice_in_a_local_file_is_refused(tmp_path: Path) -> None:
    """A local file listing ``- id: clean_cooking`` twice (a pasted block) was called valid: the second item
    silently replaced the first's label and citation, where a national file with one indicator twice is
    refused. It is now refused at the second item, naming the first's line."""
    item = "  - id: clean_cooking\n    dimension: housing\n    label: {{vi: {vi}, en: Fuel}}\n    " + CITE + "\n"
    body = "indicators:\n" + item.format(vi="Chất đốt") + item.format(vi="Chất đốt sạch")
    err = _refused(_write(tmp_path, body))
    assert err.line == 15
    said = "indicators: 'clean_cooking' is given twice in this file (first at line 10): make them one item"
    assert err.reason == said
    assert "được viết hai lần trong tệp này (lần đầu ở dòng 10)" in err.in_lang("vi")


def test_removing_a_parameter_the_kept_classes_read_is_said_at_the_removal(tmp_path: Path) -> None:
    """A local file dropping ``income_line`` while keeping the national class table was refused at line 1
    ('rmline.yaml:1: unknown name 'income_line' in rule: not known(score_a) and …'): a rule on no line of the
    file, with nothing saying that the removal is the cause. It is now said at the removal's line, naming
    the kept rule that reads it and the two ways out; a yearly line (a derived income_line) still loads."""
    body = "parameters:\n  income_line:\n    remove: true\n    " + CITE + "\n"
    err = _refused(_write(tmp_path, body))
    assert err.line == 10
    assert err.reason.startswith(
        "parameters.income_line is removed, but classes.poor_nd07_d3_2a (kept from the base) still reads it: "
    )
    assert "parameters.income_line bị bỏ, nhưng classes.poor_nd07_d3_2a (giữ từ chuẩn gốc) vẫn đọc nó" in (
        err.in_lang("vi")
    )
    assert load_ruleset("example-hcmc-style-2022-2025").id == "example-hcmc-style-2022-2025"


def test_a_programme_ending_before_it_starts_is_said_at_its_valid_to(tmp_path: Path) -> None:
    """A local file's ``programmes: national_programme: valid_to: 2020-01-01`` (before the national
    programme's valid_from) was said at the programme's name line, 'programmes.national_programme: valid_to
    is before valid_from', not at the date the officer wrote. It is now said at that valid_to line."""
    body = "programmes:\n  national_programme:\n    valid_to: 2020-01-01\n    " + CITE + "\n"
    err = _refused(_write(tmp_path, body))
    assert err.line == 11
    assert err.reason == "programmes.national_programme.valid_to: valid_to is before valid_from"
    assert "programmes.national_programme.valid_to: valid_to (ngày hết hiệu lực) trước valid_from" in err.in_lang("vi")


def test_a_moved_cutoff_with_no_area_is_not_said_to_move_the_rural_line(tmp_path: Path) -> None:
    """A local file setting ``deprivation_cutoff: 2`` (one value, both areas) while keeping the national score B
    cutoff of 30 points was refused with 'parameters.deprivation_cutoff changes the rural line but
    score_deprivation_cutoff keeps vn-2022-2026's 30 …: give the local standard's own score_deprivation_cutoff
    (rural)': the cutoff is no line and is no rural value, and an author following the hint (a rural score B
    cutoff) was refused again for urban. A parameter with one value for both areas is now said as such, in vi and
    en; a line moved in one area keeps its area."""
    body = "parameters:\n  deprivation_cutoff:\n    value: 2\n    " + CITE + "\n"
    err = _refused(_write(tmp_path, body))
    assert err.line == 10  # the cutoff's line
    assert err.reason.startswith(
        "parameters.deprivation_cutoff changes deprivation_cutoff (one value for both areas) but "
        "score_deprivation_cutoff keeps vn-2022-2026's 30"
    )
    assert "give the local standard's own score_deprivation_cutoff, or drop" in err.reason
    assert "rural" not in err.reason
    vi = err.in_lang("vi")
    assert "dòng 10: parameters.deprivation_cutoff đổi deprivation_cutoff (một mức cho cả hai khu vực)" in vi
    assert "nông thôn" not in vi
    moved = "parameters:\n  income_line:\n    value: {rural: 2_000_000}\n    " + CITE + "\n"
    assert "changes the rural line" in _refused(_write(tmp_path, moved)).reason


@pytest.mark.parametrize(
    ("body", "typo", "meant"),
    [
        (
            """
            programmes:
              province_support:
                label: {vi: Hỗ trợ của tỉnh, en: Province support}
                months: 24
                valid_from: 2026-01-01
                serve: [near_poor, average, not_poor]
                reference: "[TEST] QĐ 00/2026, Điều 4"
                confidence: U
            """,
            "serve",
            "serves",
        ),
        (
            """
            parameters:
              income_line:
                value: {rural: 2_000_000}
                reference: "[TEST] QĐ 00/2026, Điều 1"
                confidance: U
            """,
            "confidance",
            "confidence",
        ),
        (
            """
            indicators:
              - id: clean_cooking
                dimension: housing
                label: {vi: Chất đốt sạch, en: Clean cooking fuel}
                referense: "[TEST] QĐ 00/2026, Điều 3"
                confidence: U
            """,
            "referense",
            "reference",
        ),
    ],
    ids=["new_programme", "changed_parameter", "new_indicator"],
)
def test_a_misspelt_key_of_a_local_entry_is_named_at_its_line(tmp_path: Path, body: str, typo: str, meant: str) -> None:
    """A local file's entry with a misspelt key (``serve:`` for ``serves:``, ``confidance:``) was refused as
    'a new one and must give every key; missing serves' or 'must cite the local instrument: add
    `confidence:`' at the entry's first line: the author, who wrote the key, was never shown the misspelling.
    The misspelt key is now named at its own line with the key meant, in vi and en."""
    path = _write(tmp_path, body)
    err = _refused(path)
    assert err.line == _line_of(path, f"{typo}:")
    assert f"`{typo}`" in err.reason and f"did you mean `{meant}`" in err.reason
    assert f"`{typo}`" in err.in_lang("vi") and f"viết nhầm `{meant}`" in err.in_lang("vi")


def test_an_added_indicator_whose_header_is_another_indicators_is_refused(tmp_path: Path) -> None:
    """A local standard adding clean_cooking with ``aliases: [Nguồn nước sinh hoạt]`` (the header of the national
    water indicator, copied with its block) passed ``rulesets check``, and a household file's one column under
    that header was read for one of the two only: the other was never marked, silently. The alias is now refused
    at its line, naming the indicator that has it, in vi and en."""
    path = _write(
        tmp_path,
        """
        indicators:
          - id: clean_cooking
            dimension: housing
            label: {vi: Chất đốt sạch, en: Clean cooking fuel}
            aliases: [Chất đốt, nguồn nước  sinh hoạt]
            reference: "[TEST] QĐ 00/2026, Điều 3"
            confidence: U
        """,
    )
    err = _refused(path)
    assert err.line == _line_of(path, "aliases:")
    assert "'nguồn nước  sinh hoạt'" in err.reason and "water" in err.reason and "clean_cooking" in err.reason
    assert "water" in err.in_lang("vi") and "tiêu đề" in err.in_lang("vi")


def test_a_changed_national_derived_value_may_read_a_derived_value_the_local_file_adds(tmp_path: Path) -> None:
    """A local standard adding a derived value (points_each) and changing the national deprivation_score to read
    it was refused — first as "unknown name 'points_each'", then as 'points_each, the derived value at line 10,
    below this one … move points_each above deprivation_score', though the file wrote it above: the merge keeps
    the national values first and appends the new ones. A derived value is now computed after the ones it
    reads, so the file loads and classifies as its formulas say; a cycle is still refused."""
    body = """
        derived:
          - id: points_each
            label: {vi: Điểm mỗi chỉ số, en: Points per indicator}
            formula: score_points_per_indicator * 1
            reference: "[TEST] QĐ 00/2026, Điều 2"
            confidence: U
          - id: deprivation_score
            formula: points_each * deprivation_count
            reference: "[TEST] QĐ 00/2026, Điều 2"
            confidence: U
        """
    rs = load_file(_write(tmp_path, body))
    assert [d.id for d in rs.derived] == ["points_each", "deprivation_score"]
    household = pr.Household(household_id="H1", area="rural", score_a=120, deprived={"water": True, "sanitation": True})
    assert rs.classify_one(household).status == load_ruleset("vn-2022-2026").classify_one(household).status
    cycle = body.replace("score_points_per_indicator * 1", "deprivation_score / deprivation_count")
    err = _refused(_write(tmp_path, cycle, name="cycle.yaml"))
    assert "a cycle deprivation_score → points_each → deprivation_score" in err.reason


@pytest.mark.parametrize("score_value", ["{rural: 175, urban: 175}", "175"])
def test_a_score_line_the_local_file_gives_itself_is_not_said_to_be_kept(tmp_path: Path, score_value: str) -> None:
    """A local standard moving both lines (2,000,000 rural, 2,500,000 urban) and giving its own score line of 175
    points in both areas, cited to its own decision, was refused as 'income_line changes the urban line but
    score_line keeps vn-2022-2026's 175': the check compared the values only, and 175 is also the national urban
    score line. A value the local file writes itself is its own; one it leaves to the base is still refused."""
    cite = 'reference: "[TEST] QĐ 00/2026, Điều 1"\n    confidence: U'
    own = (
        f"parameters:\n  income_line:\n    value: {{rural: 2_000_000, urban: 2_500_000}}\n    {cite}\n"
        f"  score_line:\n    value: {score_value}\n    {cite}\n"
    )
    rs = load_file(_write(tmp_path, own))
    assert rs.parameters["score_line"].for_area("urban") == 175
    kept = own.replace(f"value: {score_value}", "value: {rural: 175}")
    err = _refused(_write(tmp_path, kept, name="kept.yaml"))
    assert "changes the urban line but score_line keeps vn-2022-2026's 175" in err.reason


def test_a_dimension_is_named_by_its_ruleset_and_a_new_one_without_a_name_is_refused(tmp_path: Path) -> None:
    """The ruleset format gave dimensions no name: a local standard's own dimension was named on the report page
    by its indicators (or its id), the national ones by words kept in Python. Dimensions are now named in the
    rulesets (``dimensions:``, vi/en, cited); a local file inherits its base's and adds its own; an indicator
    whose dimension has no name is refused at its ``dimension:`` line, naming file, line and reason."""
    from poverty_rules.reports.html import _dimension_label

    cite = '    reference: "[TEST] QĐ 00/2026, Điều 1"\n    confidence: U\n'
    indicator = (
        "indicators:\n  - id: clean_energy\n    dimension: energy\n"
        "    label: {vi: Năng lượng sạch, en: Clean energy}\n" + cite
    )
    bare = _write(tmp_path, indicator, name="bare.yaml")
    error = _refused(bare)
    line = _line_of(bare, "dimension: energy")
    assert error.in_lang("vi").startswith(f"{bare}, dòng {line}: indicators.clean_energy: chiều 'energy' chưa có tên")
    assert error.in_lang("en").startswith(f"{bare}:{line}: indicators.clean_energy: the dimension 'energy' has no")
    dimension = "dimensions:\n  energy:\n    label: {vi: Năng lượng, en: Energy}\n" + cite
    named = _write(tmp_path, dimension + indicator, name="named.yaml")
    rs = load_file(named)
    assert _dimension_label("energy", "vi", rs) == "Năng lượng" and _dimension_label("energy", "en", rs) == "Energy"
    assert _dimension_label("housing", "vi", rs) == "Nhà ở"  # inherited from vn-2022-2026
    assert load_ruleset("vn-2027-2030").dimensions["water_sanitation_environment"].label.en == (
        "Water, sanitation, environment"
    )


def test_a_misspelt_top_level_key_of_a_local_standard_names_the_key_meant(tmp_path: Path) -> None:
    """A local standard with `sourcez:` for `sources:` was told "unknown key `sourcez` in a local standard
    (allowed: id, version, …, fields)", eighteen keys to read through, where a national file, or a misspelt key
    of an entry (`serve:`), names the key meant. It names it now, in vi and en, at its line; a key near none
    still lists the allowed ones."""
    path = _write(tmp_path, "", head=HEAD.replace("sources:", "sourcez:"))
    error = _refused(path)
    line = _line_of(path, "sourcez:")
    assert (
        error.in_lang("vi")
        == f"{path}, dòng {line}: sourcez: không có trường `sourcez` trong định dạng bộ quy tắc: viết nhầm `sources`?"
    )
    assert error.in_lang("en").endswith("`sourcez` is not a key of the ruleset format: did you mean `sources`?")
    far = _write(tmp_path, "", head=HEAD.replace("sources:", "colour:"), name="far.yaml")
    assert "(allowed: id, version" in _refused(far).in_lang("en")


def test_a_removed_dimension_still_holding_indicators_is_said_at_its_removal(tmp_path: Path) -> None:
    """A local file that drops a dimension (remove: true, cited) but keeps its indicators was told, at line 1 of
    its own file, that the national indicator telecom's dimension 'information' has no name and to add it to
    dimensions: — the one thing the author had just removed. It is said at the removal's line now, naming the
    indicators still in that dimension, in vi and en."""
    cite = '    reference: "[TEST] QĐ 00/2026, Điều 1"\n    confidence: U\n'
    path = _write(tmp_path, "dimensions:\n  information:\n    remove: true\n" + cite)
    error = _refused(path)
    line = _line_of(path, "  information:")
    assert error.in_lang("en") == (
        f"{path}:{line}: dimensions.information: this dimension is removed but the indicators telecom, "
        "information_assets still belong to it: remove them too (remove: true, cited) or keep the dimension"
    )
    assert error.in_lang("vi").startswith(f"{path}, dòng {line}: dimensions.information: chiều này bị bỏ")
