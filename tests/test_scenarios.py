"""Every scenario case in tests/scenarios/*.yaml, one pytest test per case (id = file::case name).

The case files are what a policy officer reads and writes (see poverty_rules/scenarios.py); each
case names the legal article it checks in ``law:``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from poverty_rules.errors import ScenarioError
from poverty_rules.scenarios import load_cases, run_cases

_OK = "  - name: a\n    law: NĐ 07/2021/NĐ-CP\n    household: {area: rural, income_per_capita: 1, deprived: []}\n"
_OK += "    expect: {status: undetermined}\n"

SCENARIOS = Path(__file__).parent / "scenarios"
FILES = sorted(SCENARIOS.glob("*.yaml"))


def _all_cases() -> list[pytest.param]:
    params = []
    for path in FILES:
        for index, case in enumerate(load_cases(path).cases):
            params.append(pytest.param(path, index, id=f"{path.name}::{case.name}"))
    return params


@cache
def _outcomes(path: Path):  # noqa: ANN202 - cached per file: a file's cases run together
    return run_cases(path)


@pytest.mark.parametrize(("path", "index"), _all_cases())
def test_scenario_case(path: Path, index: int) -> None:
    outcome = _outcomes(path)[index]
    assert outcome.case.law.strip(), "every case names the legal article it checks"
    assert outcome.passed, f"[{outcome.case.law}] " + "; ".join(outcome.differences)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_case_file_gives_the_same_verdicts_through_the_durable_engine(path: Path) -> None:
    """The case files check both engines (docs/design.md, "Two engines, one truth"): every case also passes
    when classified household by household (``poverty-rules test FILE --engine durable``)."""
    failed = [
        f"{o.case.name} [{o.case.law}]: " + "; ".join(o.differences or [o.unusable])
        for o in run_cases(path, engine="durable")
        if not o.passed
    ]
    assert not failed, failed


def test_scenario_files_exist_for_every_standard_and_topic() -> None:
    names = {p.name for p in FILES}
    for expected in (
        "vn-2022-2026-income.yaml",
        "vn-2022-2026-score.yaml",
        "vn-2016-2021.yaml",
        "vn-2027-2030.yaml",
        "standard-by-date.yaml",
        "unknown-flags.yaml",
    ):
        assert expected in names


def test_case_names_are_unique_within_a_file() -> None:
    for path in FILES:
        names = [c.name for c in load_cases(path).cases]
        assert len(names) == len(set(names)), path.name


def test_a_wrong_expectation_is_reported_as_a_difference(tmp_path: Path) -> None:
    """The scenario runner can fail: a case that expects the wrong class shows the difference."""
    case_file = tmp_path / "wrong.yaml"
    case_file.write_text(
        "title: wrong on purpose\n"
        "as_of: 2025-12-01\n"
        "cases:\n"
        "  - name: rural on the line with D = 3 is poor, not near-poor\n"
        "    law: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a\n"
        "    household: {area: rural, income_per_capita: 1500000, deprived: [employment, water, sanitation]}\n"
        "    expect: {status: near_poor, undetermined_by: [deprived_water], error: nothing}\n",
        encoding="utf-8",
    )
    (outcome,) = run_cases(case_file)
    assert not outcome.passed
    assert any(d.startswith("status:") for d in outcome.differences)
    assert any(d.startswith("undetermined_by:") for d in outcome.differences)
    assert any(d.startswith("error:") for d in outcome.differences)


def test_an_unexpected_error_fails_the_case(tmp_path: Path) -> None:
    case_file = tmp_path / "err.yaml"
    case_file.write_text(
        "title: score only in 2027\n"
        "as_of: 2027-06-01\n"
        "cases:\n"
        "  - name: score-only record in 2027\n"
        "    law: NĐ 351/2025/NĐ-CP\n"
        "    household: {area: rural, score_a: 100}\n"
        "    expect: {status: poor}\n",
        encoding="utf-8",
    )
    (outcome,) = run_cases(case_file)
    assert outcome.differences and outcome.differences[0].startswith("error:")


def test_an_unexpected_error_is_said_in_the_language_asked(tmp_path: Path) -> None:
    """A household the standard cannot read (an unknown area word, no income): the failing case's
    message in ``lang`` from its first words to its reasons (it began "1 row(s) cannot be classified"
    in English under --lang vi); a case that expects an error still compares in English."""
    case_file = tmp_path / "bad.yaml"
    case_file.write_text(
        "title: a household with a typo\n"
        "as_of: 2025-12-01\n"
        "cases:\n"
        "  - name: unknown area word\n"
        "    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rurall, income_per_capita: 1000000}\n"
        "    expect: {status: poor}\n"
        "  - name: the error expected\n"
        "    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rurall, income_per_capita: 1000000}\n"
        "    expect: {error: must be rural or urban}\n",
        encoding="utf-8",
    )
    unexpected, expected = run_cases(case_file, lang="vi")
    said = f"lỗi: {case_file}, dòng 6: tình huống 'unknown area word': household: area = 'rurall': phải là nông thôn"
    assert unexpected.differences == [f"{said} hoặc thành thị (đô thị; rural, urban)"]
    assert expected.differences == []
    (english, _) = run_cases(case_file, lang="en")
    assert english.differences[0].startswith(f"error: {case_file}:6: case 'unknown area word': household: area = 'ru")


def _case_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_expected_error_may_be_written_in_vietnamese_and_is_shown_in_the_runs_language(tmp_path: Path) -> None:
    """An expected error in Vietnamese ("trống") failed, showing the English message in a Vietnamese run."""
    case = "    law: NĐ 07/2021/NĐ-CP\n    household: {area: rural}\n"
    path = _case_file(
        tmp_path,
        "vi.yaml",
        "title: t\nas_of: 20/12/2025\ncases:\n"  # the day first, as officers write it
        f"  - name: trống\n{case}    expect: {{error: trống}}\n"
        f"  - name: sai\n{case}    expect: {{error: xyz}}\n",
    )
    for lang in ("vi", "en"):
        empty, wrong = run_cases(path, lang=lang)
        assert empty.passed, empty.differences
        (difference,) = wrong.differences
        assert ("trống, điểm A cũng trống" in difference) == (lang == "vi"), difference
        assert ("is empty and so is score_a" in difference) == (lang == "en"), difference


def test_case_numbers_are_read_as_a_files_cells(tmp_path: Path) -> None:
    """ "1.500.000" was read as empty ("income: empty and so is score A"), "abc" too: now 1,500,000, and
    a number that cannot be read is said to be one."""
    path = _case_file(
        tmp_path,
        "so.yaml",
        "title: t\nas_of: 2025-12-01\ncases:\n"
        "  - name: grouped\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: '1.500.000', deprived: [employment, water, sanitation]}\n"
        "    expect: {status: poor, decided_by: income}\n"
        "  - name: words\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, score_a: abc}\n    expect: {error: must be a number}\n",
    )
    assert [o.differences for o in run_cases(path)] == [[], []]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "empty.yaml, dòng 1: tệp rỗng"),
        ("- a\n- b\n", "empty.yaml: tệp tình huống trống hoặc không phải một bảng khóa: giá trị"),
        ("title: t\ncases:\n  - name: a\n    household: {area: rural}\n    expect: {}\n", "dòng 3: cases.1.law"),
        ("title: t\nruleset: nope\ncases:\n" + _OK, "empty.yaml, dòng 2: nope: không có bộ quy tắc mang mã này"),
        ("title: t\nas_of: 2025-12-01\ncases:\n" + _OK.replace("[]", "[employmnt]"), "dòng 6: tình huống 'a'"),
        # at the case's household, not at the file's ruleset: line (which said dòng 3)
        (
            "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n" + _OK.replace("[]", "[employmnt]"),
            "empty.yaml, dòng 7: tình huống 'a': household: deprived: employmnt không phải chỉ số của vn-2022-2026",
        ),
        # a date that does not exist: at its line (was 'unexpected failure (ValueError: month must be in 1..12)')
        ("title: t\nas_of: 2025-13-01\ncases:\n" + _OK, "empty.yaml, dòng 2: ngày 2025-13-01 không có thật"),
        # a local standard that cannot be loaded: at its own local: line, not at ruleset: (dòng 3)
        (
            "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\nlocal: nope\ncases:\n" + _OK,
            "empty.yaml, dòng 4: nope:",
        ),
        (
            "title: t\nas_of: 2025-12-01\ncases:\n" + _OK.replace("    household:", "    local: nope\n    household:"),
            "empty.yaml, dòng 6: nope:",
        ),
    ],
    ids=[
        "empty",
        "a_list",
        "no_law",
        "unknown_ruleset",
        "unknown_indicator",
        "unknown_indicator_with_ruleset",
        "impossible_date",
        "unknown_local",
        "unknown_local_of_a_case",
    ],
)
def test_a_case_file_that_cannot_run_names_its_file_and_line(tmp_path: Path, text: str, said: str) -> None:
    """These said "lỗi: nope: …", "tình huống 'a': …" or "empty.yaml: : phải là …" without file or line."""
    path = _case_file(tmp_path, "empty.yaml", text)
    with pytest.raises(ScenarioError) as caught:
        run_cases(path, lang="vi")
    assert said in caught.value.in_lang("vi"), caught.value.in_lang("vi")


def test_a_misspelt_expected_column_is_named_at_its_line(tmp_path: Path) -> None:
    """`expect: {staus: poor}` was compared with nothing and failed as "staus: expected 'poor', got None";
    a key that no result has is said at its line with the result's columns; a column the result may lack
    (`transition`, `eligible_until` without a history) is still compared as blank."""
    case_file = tmp_path / "typo.yaml"
    head = "title: typo\nas_of: 2025-12-01\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
    household = "    household: {area: rural, income_per_capita: 1400000}\n"
    case_file.write_text(head + household + "    expect:\n      staus: poor\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(case_file)
    assert str(info.value).startswith(f"{case_file}:8: case 'a': expect: 'staus' is no column of the result")
    assert "status, deprivation_count" in str(info.value)
    assert "'staus' không phải một cột của kết quả" in info.value.in_lang("vi")
    case_file.write_text(head + household + "    expect: {transition: '', eligible_until: ''}\n", encoding="utf-8")
    (outcome,) = run_cases(case_file)
    assert outcome.passed, outcome.differences


def test_a_case_the_standard_cannot_read_names_no_row_of_the_file(tmp_path: Path) -> None:
    """poverty-rules test said a case's unreadable household was at 'row 2' ('1 row cannot be classified: row
    2: income_per_capita = 'abc' …'), the row of the one-household table the case becomes, which an officer
    looks for in the YAML file in vain; the failure now gives the reason alone, under the case's name."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    path = _case_file(
        tmp_path,
        "typo.yaml",
        "title: t\nas_of: 2025-12-01\ncases:\n  - name: a typo\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: abc}\n    expect: {status: poor}\n",
    )
    for lang, reason in (("vi", "income_per_capita = 'abc': phải là số"), ("en", "income_per_capita = 'abc'")):
        result = CliRunner().invoke(main, ["test", str(path), "--lang", lang])
        assert result.exit_code == 1 and reason in result.output, result.output
        assert "row 2" not in result.output and "dòng 2" not in result.output, result.output


def test_an_expected_date_may_be_written_as_officers_write_it(tmp_path: Path) -> None:
    """A case's ``as_of`` may be written 01/06/2026, but an expected ``eligible_until: 31/05/2029`` failed
    against the very same day ("expected '31/05/2029', got '2029-05-31'"). An expected date now matches the
    result's whichever way it is written (DD/MM/YYYY, YYYY-MM-DD, a YAML date); another day still fails."""
    path = tmp_path / "dates.yaml"
    case = (
        "  - name: {name}\n    law: QĐ 90/QĐ-TTg 2022\n"
        "    household: {{area: rural, income_per_capita: 3000000, previous_status: poor}}\n"
        "    expect: {{transition: escaped_poverty, eligible_until: {day}}}\n"
    )
    days = {"vn": "31/05/2029", "iso": "2029-05-31", "quoted": "'2029-05-31'", "wrong": "30/05/2029"}
    text = "title: t\nas_of: 01/06/2026\nruleset: vn-2022-2026\ncases:\n"
    path.write_text(text + "".join(case.format(name=n, day=d) for n, d in days.items()), encoding="utf-8")
    outcomes = {o.case.name: o for o in run_cases(path)}
    assert [n for n, o in outcomes.items() if not o.passed] == ["wrong"]
    assert "expected '30/05/2029', got '2029-05-31'" in outcomes["wrong"].differences[0]


def test_one_deprived_indicator_may_be_written_without_a_list(tmp_path: Path) -> None:
    """``deprived: water`` (one indicator, no brackets) was read letter by letter: the run stopped with
    "case 'a': a, e, r, t, w are not indicators of vn-2022-2026", and ``expect: {deprived: water}`` compared
    ['a', 'e', 'r', 't', 'w'] with the result. One id, or several in one text (``water; sanitation``), is now
    read as those indicators."""
    path = tmp_path / "one.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
        "  - name: one\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {area: rural, income_per_capita: 1000000, deprived: water, unknown: sanitation}\n"
        "    expect: {deprived: water, status: near_poor}\n"
        "  - name: unknown\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {area: rural, income_per_capita: 1000000, deprived: [water, employment], unknown: sanitation}\n"
        "    expect: {status: undetermined, undetermined_by: deprived_sanitation}\n"
        "  - name: two\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {area: rural, income_per_capita: 1000000, deprived: 'water; sanitation, employment'}\n"
        "    expect: {deprived: 'employment;sanitation;water', deprivation_count: 3, status: poor}\n",
        encoding="utf-8",
    )
    outcomes = run_cases(path)
    assert [o.differences for o in outcomes] == [[], [], []]


def test_a_review_date_that_is_no_date_is_said_in_vietnamese(tmp_path: Path) -> None:
    """``as_of: 31/13/2026`` in a case file was refused under ``--lang vi`` with Python's English inside the
    Vietnamese: 'as_of: giá trị không hợp lệ (Value error, expected a date as YYYY-MM-DD or DD/MM/YYYY, got
    …)'. It is now said in the language asked, at its line, with the value written."""
    path = tmp_path / "day.yaml"
    case = _OK.replace("    law:", "    as_of: 31/13/2026\n    law:")
    path.write_text("title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n" + case, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_cases(path)
    vi = info.value.in_lang("vi")
    assert "day.yaml, dòng 6: " in vi
    assert "cases.1.as_of: phải là một ngày có thật dạng YYYY-MM-DD hoặc DD/MM/YYYY, không phải 31/13/2026" in vi
    assert "Value error" not in vi and "expected a date" in info.value.in_lang("en")


def test_a_failing_cases_diff_writes_both_values_alike(tmp_path: Path) -> None:
    """A failing case's diff quoted the expected number and not the result's ('deprivation_count: expected
    '2', got 1', as if the officer had written text) and wrote an empty result as Python's None, in Vietnamese
    too ('eligible_until: mong đợi '2027-12-01', nhận được None'). Numbers are now written as numbers on both
    sides, texts quoted on both, and an empty cell as '(empty)' / '(trống)'."""
    path = tmp_path / "diff.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
        "  - name: a\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {area: rural, income_per_capita: 1000000, deprived: [water]}\n"
        "    expect: {deprivation_count: 2, eligible_until: 2027-12-01, decided_by: score}\n",
        encoding="utf-8",
    )
    assert run_cases(path)[0].differences == [
        "deprivation_count: expected 2, got 1",
        "eligible_until: expected '2027-12-01', got (empty)",
        "decided_by: expected 'score', got 'income'",
    ]
    vi = run_cases(path, "vi")[0].differences
    assert vi[1] == "eligible_until: mong đợi '2027-12-01', nhận được (trống)" and "None" not in " ".join(vi)


def test_a_case_file_saved_as_unicode_is_read_and_one_in_cp1258_named_at_its_line(tmp_path: Path) -> None:
    """A case file saved by Notepad as 'Unicode' (UTF-16) was refused as 'not a UTF-8 text file', while a
    ruleset saved so is read; and a case file in cp1258 was refused with no line. A UTF-16 case file is now
    read as a ruleset is, and one in another encoding is named at the line of its first non-UTF-8 byte."""
    text = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n" + _OK.replace("name: a", "name: hộ nghèo")
    path = tmp_path / "unicode.yaml"
    path.write_bytes(text.encode("utf-16"))
    assert load_cases(path).cases[0].name == "hộ nghèo"
    path = tmp_path / "cp1258.yaml"
    path.write_bytes(text.replace("hộ nghèo", "nghèo").encode("cp1258"))
    with pytest.raises(ScenarioError) as info:
        load_cases(path)
    said = "cannot read the case file (not a UTF-8 text file; case files are YAML, saved as UTF-8)"
    assert info.value.in_lang("en") == f"{path}:5: {said}"
    assert info.value.in_lang("vi").startswith(f"{path}, dòng 5: không đọc được tệp tình huống (không phải tệp văn bản")


def test_an_indicator_both_deprived_and_unknown_is_refused_at_its_case(tmp_path: Path) -> None:
    """``deprived: [water], unknown: [water]`` in one case ran with water silently unknown, so the case checked
    something other than its writer meant (and could pass). It is now refused at the case's household line,
    naming the indicator, in both languages."""
    path = tmp_path / "both.yaml"
    case = _OK.replace("deprived: []", "deprived: [water, sanitation], unknown: [water]")
    path.write_text("title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n" + case, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    assert info.value.in_lang("en") == (
        f"{path}:7: case 'a': water is both under deprived: and unknown: — choose one (deprived, or not known)"
    )
    assert "water vừa ở deprived: vừa ở unknown:" in info.value.in_lang("vi")


def test_an_expected_status_that_is_no_status_is_named_at_its_line(tmp_path: Path) -> None:
    """expect: {status: nghoe} (or any misspelt status) could never pass: the case only failed as "expected
    'nghoe', got 'poor'"; it is now refused before the run, at its line, naming the statuses. (``ngheo`` is a
    status, as a household file reads it: test_an_expected_status_may_be_written_in_vietnamese.)"""
    path = _case_file(
        tmp_path,
        "typo.yaml",
        "title: t\nas_of: 2025-12-01\ncases:\n  - name: a typo\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1, deprived: [employment, water, sanitation]}\n"
        "    expect: {status: nghoe}\n",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(path, lang="en")
    said = caught.value.in_lang("en")
    assert "typo.yaml:7" in said and "'nghoe' is no status" in said and "near_poor" in said, said


def test_a_misspelt_member_column_is_named_at_the_cases_members(tmp_path: Path) -> None:
    """A case's member written ``{age: 40, has_health_insurence: không}`` ran with that column ignored: the
    member's insurance unknown, the case failing (or passing) for a reason its writer could not see. A member
    key that names no member column is now refused at the case's members line, with the column meant; a
    members file's Vietnamese header (``Tuổi``) is still read."""
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("deprived: []", "unknown: [health_insurance]").replace(
        "    expect:", "    members:\n      - {age: 40, KEY: không}\n    expect:"
    )
    path = tmp_path / "members.yaml"
    path.write_text(head + case.replace("KEY", "has_health_insurence"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    assert info.value.in_lang("en").startswith(
        f"{path}:8: case 'a': members: 'has_health_insurence' is no member column (did you mean has_health_insurance?"
    )
    assert "'has_health_insurence' không phải cột của thành viên (viết nhầm has_health_insurance?" in (
        info.value.in_lang("vi")
    )
    path.write_text(head + case.replace("KEY", "has_health_insurance").replace("age: 40", "Tuổi: 40"), "utf-8")
    assert run_cases(path)[0].got["deprived"] == "health_insurance"


def test_a_local_column_expected_without_a_local_standard_says_so(tmp_path: Path) -> None:
    """A case running its province's file as ``ruleset:`` (alone) and expecting ``local_status`` failed as
    "local_status: expected 'poor', got None", which reads as if the local standard had given nothing. It is
    now refused at the expected key, saying the case has no ``local:`` and where the result is instead."""
    path = tmp_path / "alone.yaml"
    case = _OK.replace("expect: {status: undetermined}", "expect: {local_status: undetermined}")
    path.write_text("title: t\nas_of: 2025-12-01\nruleset: example-bac-ninh-2025\ncases:\n" + case, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    assert info.value.in_lang("en").startswith(
        f"{path}:8: case 'a': expect: local_status is a local standard's result, but the case has no local: (ruleset: "
    )
    assert "nhưng tình huống không có local:" in info.value.in_lang("vi")


def test_a_misspelt_household_column_is_named_with_the_column_meant(tmp_path: Path) -> None:
    """``household: {area: rural, income_per_capta: 1900000}`` carried the misspelt key as an extra column: the
    case then failed with "1 row cannot be classified: row 2: income_per_capita: blank", naming a row 2 the
    case file does not have. A household key a letter or two from a column the engine reads is now refused at
    the case's household line with the column meant; a key far from every column is still carried."""
    path = tmp_path / "household.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    path.write_text(head + _OK.replace("income_per_capita: 1", "income_per_capta: 1"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    assert info.value.in_lang("en") == (
        f"{path}:7: case 'a': household: 'income_per_capta' is no column the engine reads "
        "(did you mean income_per_capita?)"
    )
    assert "viết nhầm income_per_capita?" in info.value.in_lang("vi")
    path.write_text(head + _OK.replace("deprived: []", "deprived: [], Điểm A: 100, ghi_chu: x"), "utf-8")
    assert run_cases(path)[0].case.name == "a"  # a Vietnamese header and an extra column of one's own: read


def test_a_members_own_extra_column_is_carried_as_a_files_is(tmp_path: Path) -> None:
    """After members' keys were checked, a case naming its member (``{name: Ông A, age: 40, …}``, as a
    members file's extra column) was refused as 'no member column'. Only a key a letter or two from a member
    column is refused now; another is carried, as a members file's extra column is."""
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("deprived: []", "unknown: [health_insurance]").replace(
        "    expect:", "    members:\n      - {name: Ông A, age: 40, has_health_insurance: không}\n    expect:"
    )
    path = tmp_path / "named.yaml"
    path.write_text(head + case, encoding="utf-8")
    assert run_cases(path)[0].got["deprived"] == "health_insurance"


def test_undetermined_by_may_name_the_indicator_as_deprived_does(tmp_path: Path) -> None:
    """``expect: {undetermined_by: [sanitation]}`` (the indicator's id, as ``deprived:`` and ``unknown:`` take
    it) failed as "expected ['sanitation'], got ['deprived_sanitation']". An indicator is now matched whether
    the case names it by its id or by its flag column; another indicator still fails."""
    path = tmp_path / "by.yaml"
    case = (
        "  - name: {name}\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {{area: rural, income_per_capita: 1000000, deprived: [water, employment],"
        " unknown: [sanitation]}}\n"
        "    expect: {{status: undetermined, undetermined_by: [{by}]}}\n"
    )
    cases = {"id": "sanitation", "flag": "deprived_sanitation", "wrong": "water"}
    text = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    path.write_text(text + "".join(case.format(name=n, by=b) for n, b in cases.items()), encoding="utf-8")
    assert [o.case.name for o in run_cases(path) if not o.passed] == ["wrong"]


def test_an_expected_status_may_be_written_in_vietnamese(tmp_path: Path) -> None:
    """``expect: {status: nghèo}`` (or ``Hộ nghèo``, ``cận nghèo``, ``mức sống trung bình``, ``không nghèo``) was
    refused as "'nghèo' is no status" while a household file's status column reads every such spelling; an
    expected status (and local_status) is now read as that column is, and compared as the status it names."""
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\nlocal: example-bac-ninh-2025\ncases:\n"
    case = (
        "  - name: {name}\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {{area: rural, income_per_capita: {income}, deprived: [{deprived}]}}\n"
        "    expect: {{status: {status}}}\n"
    )
    written = {
        "nghèo": (1500000, "employment, water, sanitation", "nghèo"),
        "ho": (1500000, "employment, water, sanitation", "Hộ nghèo"),
        "can": (1400000, "water", "cận nghèo"),
        "tb": (2200000, "", "mức sống trung bình"),
        "kn": (9000000, "", "không nghèo"),
        "wrong": (1500000, "employment, water, sanitation", "Hộ cận nghèo"),
    }
    path = tmp_path / "vi.yaml"
    text = "".join(case.format(name=n, income=i, deprived=d, status=s) for n, (i, d, s) in written.items())
    path.write_text(head + text, encoding="utf-8")
    outcomes = run_cases(path, lang="vi")
    assert [o.case.name for o in outcomes if not o.passed] == ["wrong"], [o.differences for o in outcomes]
    assert outcomes[-1].differences == ["status: mong đợi 'Hộ cận nghèo' (near_poor), nhận được 'Hộ nghèo' (poor)"]
    local = case.format(name="l", income=1500000, deprived="employment, water, sanitation", status="x")
    local = local.replace("status: x", "local_status: Hộ nghèo")
    path.write_text(head + local, encoding="utf-8")
    assert run_cases(path)[0].passed, run_cases(path)[0].differences


def test_a_list_where_a_column_takes_one_value_is_named_at_its_key(tmp_path: Path) -> None:
    """``household: {income_per_capita: [1, 2]}`` or a member's ``{age: [40]}`` (a YAML list or mapping where a
    column takes one cell) stopped ``poverty-rules test`` with "unexpected failure (TypeError: unhashable type:
    'list')"; it is now refused at that key's line, naming the case and the key."""
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    path = tmp_path / "nested.yaml"
    path.write_text(head + _OK.replace("income_per_capita: 1,", "income_per_capita: [1, 2],"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    assert info.value.in_lang("en").startswith(f"{path}:7: case 'a': household.income_per_capita: [1, 2] is a list")
    members = "    members:\n      - {age: 40}\n      - {age: {years: 4}}\n    expect:"
    path.write_text(head + _OK.replace("    expect:", members), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path, lang="vi")
    assert info.value.in_lang("vi").startswith(f"{path}, dòng 10: tình huống 'a': members.2.age: {{'years': 4}} là")


def test_a_household_the_standard_cannot_read_is_said_at_its_key(tmp_path: Path) -> None:
    """A case's unreadable household value failed as "error: income_per_capita = 'abc': must be a number", with
    neither the case file's line nor the case (and before that at 'row 2' of no file); it is now said at the
    line of the key that cannot be read, naming the case and its household, in the run's language; an
    expected error still matches it."""
    path = tmp_path / "unread.yaml"
    head = "title: t\nas_of: 2025-12-01\ncases:\n  - name: a typo\n    law: NĐ 07/2021/NĐ-CP\n"
    household = "    household:\n      area: rural\n      income_per_capita: abc\n"
    path.write_text(head + household + "    expect: {status: poor}\n", encoding="utf-8")
    for lang, said in (
        ("en", f"error: {path}:8: case 'a typo': household: income_per_capita = 'abc': must be a number"),
        ("vi", f"lỗi: {path}, dòng 8: tình huống 'a typo': household: income_per_capita = 'abc': phải là số"),
    ):
        (outcome,) = run_cases(path, lang=lang)
        assert outcome.differences[0].startswith(said), outcome.differences
    path.write_text(head + household + "    expect: {error: 'phải là số'}\n", encoding="utf-8")
    assert run_cases(path)[0].passed


def test_a_household_may_name_its_income_and_score_by_their_vietnamese_headers(tmp_path: Path) -> None:
    """``household: {area: rural, Thu nhập bình quân: 1400000}`` (a household file's header, which the engine
    reads) failed with "<data>: columns 'Thu nhập bình quân' and 'income_per_capita' both mean
    income_per_capita": the runner had added an empty income_per_capita of its own beside it. The income and
    score A are now read under any header a household file may give them."""
    path = tmp_path / "headers.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = (
        "  - name: {name}\n    law: NĐ 07/2021/NĐ-CP, Điều 3\n"
        "    household: {{area: rural, {key}: {value}, deprived: [employment, water, sanitation]}}\n"
        "    expect: {{status: poor}}\n"
    )
    written = {"income": ("Thu nhập bình quân", 1400000), "score": ("Điểm A", 100)}
    path.write_text(head + "".join(case.format(name=n, key=k, value=v) for n, (k, v) in written.items()), "utf-8")
    outcomes = run_cases(path)
    assert [o.differences for o in outcomes] == [[], []]
    assert outcomes[1].got["decided_by"] == "score"


def test_a_local_standard_run_alone_outside_its_period_is_refused_at_the_review_date(tmp_path: Path) -> None:
    """``ruleset: example-bac-ninh-2025`` (a local standard, 2025) with ``as_of: 2030-06-01`` passed silently:
    the case ran a standard on a day it does not apply and the runner hid the note. It is now refused at the
    as_of: line with the standard's period, as ``classify --local`` refuses such a date; in its period, it runs."""
    path = tmp_path / "alone.yaml"
    head = "title: t\nas_of: AS_OF\nruleset: example-bac-ninh-2025\ncases:\n"
    case = _OK.replace("income_per_capita: 1, deprived: []", "income_per_capita: 1000000, deprived: [water]")
    case = case.replace("status: undetermined", "status: near_poor")
    path.write_text(head.replace("AS_OF", "2030-06-01") + case, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path, lang="vi")
    assert info.value.in_lang("vi") == (
        f"{path}, dòng 2: chuẩn địa phương example-bac-ninh-2025 áp dụng từ 01/01/2025 đến 31/12/2025; ngày rà "
        "soát là 01/06/2030: hãy cho as_of: trong khoảng đó"
    )
    path.write_text(head.replace("AS_OF", "2025-06-01") + case, encoding="utf-8")
    assert run_cases(path)[0].passed, run_cases(path)[0].differences


def test_a_cases_unreadable_member_cell_is_shown_at_its_members_line(tmp_path: Path) -> None:
    """A case's member written ``{age: abc}`` was read as of unknown age without a word (the runner hid every
    note), the case failing with "+1 unknown" and nothing saying why; the note on the case's member rows is now
    shown under the case, at its members line, naming the case, in --lang (no '<members>' or 'row 1')."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("deprived: []", "unknown: [health_insurance]").replace(
        "    expect:", "    members:\n      - {age: abc, has_health_insurance: không}\n    expect:"
    )
    path = tmp_path / "members.yaml"
    path.write_text(head + case, encoding="utf-8")
    (outcome,) = run_cases(path)
    assert outcome.notes == [
        f"{path}:8: case 'a': members: members column age: 1 unreadable cell ('abc') read as "
        "unknown; expected a birth date YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY, not after the "
        "review date (or a year of birth of four digits in a column of its own, Năm sinh or "
        "birth_year, not after the review year; or an age in completed years where there is "
        "no birth date), giving an age of at most 120 on the review date"
    ]
    result = CliRunner().invoke(main, ["test", str(path), "--lang", "vi"])
    # the case's members, a list in the case file, are no members file: the library's members table (r5)
    said = f"lưu ý: {path}, dòng 8: tình huống 'a': members: cột age của bảng thành viên: 1 ô không đọc được ('abc')"
    assert said in result.output and "<members>" not in result.output, result.output


def test_a_household_may_give_a_mark_under_its_vietnamese_header(tmp_path: Path) -> None:
    """``household: {…, Nguồn nước sinh hoạt: 1}`` (the water indicator under a household file's header) failed
    with "<data>: columns 'deprived_water' and 'Nguồn nước sinh hoạt' both mean deprived_water": the runner
    had also marked water 'not deprived' under its own column. A mark a household key gives, under any header
    of its column, is now the case's only mark of that indicator, as ``deprived_water: 1`` already was."""
    path = tmp_path / "flag.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("income_per_capita: 1, deprived: []", "income_per_capita: 1000000, Nguồn nước sinh hoạt: 1")
    path.write_text(head + case.replace("status: undetermined", "status: near_poor, deprived: water"), "utf-8")
    (outcome,) = run_cases(path)
    assert outcome.passed, outcome.differences


def test_a_households_table_error_names_the_case_not_data(tmp_path: Path) -> None:
    """``household: {area: rural, Khu vực: urban, …}`` (two keys meaning one column) failed as "error: <data>:
    columns 'area' and 'Khu vực' both mean area", naming a '<data>' the officer never wrote; it is now said at
    the case's household line, naming the case, in --lang."""
    path = tmp_path / "two.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    path.write_text(head + _OK.replace("area: rural,", "area: rural, Khu vực: urban,"), encoding="utf-8")
    (outcome,) = run_cases(path, lang="vi")
    assert outcome.differences == [
        f"lỗi: {path}, dòng 7: tình huống 'a': household: hai cột 'area' và 'Khu vực' cùng là area; xóa hoặc đổi tên "
        "một cột"
    ]
    members = "    members:\n      - {age: 40, Tuổi: 41}\n    expect:"
    path.write_text(head + _OK.replace("    expect:", members), encoding="utf-8")
    (outcome,) = run_cases(path)
    assert outcome.differences[0].startswith(f"error: {path}:8: case 'a': members: columns 'age' and 'Tuổi' both")


def test_a_household_key_yaml_reads_as_a_number_is_named_as_written(tmp_path: Path) -> None:
    """``household: {…, 2020: x}`` was said as "cases.1.household.2021.[key]: … e.g. [key]: "2020"": every number
    of pydantic's place was counted from 1, the key's too, and the hint quoted a '[key]' no file has. A case and
    a member are still counted from 1; a key is named as written and the hint quotes it."""
    path = tmp_path / "key.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    path.write_text(head + _OK.replace("deprived: []", "deprived: [], 2020: x"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path)
    said = info.value.in_lang("en")
    assert said.startswith(f"{path}:7: cases.1.household.2020.[key]: "), said
    assert said.endswith('put it in quotes, e.g. "2020": …'), said


def test_a_case_that_expects_nothing_is_refused_at_its_expect(tmp_path: Path) -> None:
    """``expect: {}`` (a case whose expectations were left out or mis-indented away) passed whatever the standard
    decided: a case that checks nothing. It is now refused at its expect: line."""
    path = tmp_path / "nothing.yaml"
    path.write_text("title: t\nas_of: 2025-12-01\ncases:\n" + _OK.replace("{status: undetermined}", "{}"), "utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path, lang="vi")
    assert info.value.in_lang("vi") == f"{path}, dòng 7: cases.1.expect: cần ít nhất 1 mục"


def test_an_expected_indicator_that_is_no_indicator_is_named_at_its_line(tmp_path: Path) -> None:
    """``expect: {deprived: [watr]}`` could never pass: the case only failed as "deprived: expected ['watr'], got
    ['water']", as a misspelt status did. An expected deprived / local_deprived naming no indicator of the
    case's standards is now refused at its line, as household's deprived: is (undetermined_by may also name
    other fields a class reads, and is left as it was)."""
    path = tmp_path / "typo.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("deprived: []", "deprived: [water]").replace(
        "expect: {status: undetermined}", "expect:\n      status: undetermined\n      deprived: [watr]"
    )
    path.write_text(head + case, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path, lang="vi")
    assert info.value.in_lang("vi") == (
        f"{path}, dòng 10: tình huống 'a': expect: deprived: watr không phải chỉ số của vn-2022-2026 (viết nhầm water?)"
    )


def test_a_local_standard_outside_its_period_fails_the_case_at_its_review_date(tmp_path: Path) -> None:
    """``local: example-bac-ninh-2025`` on ``as_of: 2030-06-01`` failed its case with the library's "give as_of
    inside that period", at no line of the case file; it is now said at the as_of: line, naming as_of:, in
    --lang, and a case may still expect that error."""
    path = tmp_path / "period.yaml"
    head = "title: t\nas_of: 2030-06-01\nruleset: vn-2027-2030\nlocal: example-bac-ninh-2025\ncases:\n"
    path.write_text(head + _OK, encoding="utf-8")
    (outcome,) = run_cases(path, lang="vi")
    assert outcome.differences == [
        f"lỗi: {path}, dòng 2: chuẩn địa phương example-bac-ninh-2025 áp dụng từ 01/01/2025 đến 31/12/2025; ngày "
        "rà soát là 01/06/2030: hãy cho as_of: trong khoảng đó"
    ]
    path.write_text(head + _OK.replace("{status: undetermined}", "{error: áp dụng từ 01/01/2025}"), "utf-8")
    assert run_cases(path)[0].passed


def test_an_expected_transition_may_be_written_as_the_forms_name_it(tmp_path: Path) -> None:
    """``expect: {transition: Thoát nghèo}`` (the review form's name) failed as "expected 'Thoát nghèo', got
    'escaped_poverty'", and a misspelt ``transition: escaped`` could only fail the same way. A transition is now
    read by its id or its name in either language; a word that is none is refused at its line."""
    path = tmp_path / "moves.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n"
    case = _OK.replace("income_per_capita: 1, deprived: []", "income_per_capita: 3000000, previous_status: poor")
    for written in ("Thoát nghèo", "thoat ngheo", "Escaped poverty", "escaped_poverty"):
        path.write_text(head + case.replace("{status: undetermined}", f"{{transition: {written}}}"), "utf-8")
        assert run_cases(path)[0].passed, (written, run_cases(path)[0].differences)
    path.write_text(head + case.replace("{status: undetermined}", "{transition: escaped}"), "utf-8")
    with pytest.raises(ScenarioError) as info:
        run_cases(path, lang="vi")
    assert info.value.in_lang("vi").startswith(
        f"{path}, dòng 8: tình huống 'a': expect: transition 'escaped' không phải một diễn biến"
    )


def test_a_review_date_no_standard_covers_is_a_cases_answer_not_a_broken_file(tmp_path: Path) -> None:
    """A case reviewed on 2015-12-31 or 2031-01-01 (before the first standard, after the last: docs/standard.md
    §1) could not be written: `poverty-rules test` stopped the whole file (exit 2) with 'no national standard is
    in force', so the day before and after the covered periods had no scenario. Such a case's result is now
    that error, at its as_of line, compared with an expected `error` in either language; a case expecting a
    class fails with it, and the file's other cases still run."""
    case_file = tmp_path / "periods.yaml"
    case_file.write_text(
        "title: outside the periods\n"
        "as_of: 2031-01-01\n"
        "cases:\n"
        "  - name: the day before the 2016 standard\n"
        "    law: QĐ 59/2015/QĐ-TTg (áp dụng từ 01/01/2016)\n"
        "    as_of: 2015-12-31\n"
        "    household: {area: rural, income_per_capita: 700000}\n"
        "    expect: {error: no national standard is in force on 2015-12-31}\n"
        "  - name: the day after the 2027 standard, written in Vietnamese\n"
        "    law: NĐ 351/2025/NĐ-CP (áp dụng đến 31/12/2030)\n"
        "    household: {area: rural, income_per_capita: 2200000}\n"
        "    expect: {error: không có chuẩn quốc gia nào có hiệu lực vào ngày 01/01/2031}\n"
        "  - name: a class expected that day\n"
        "    law: NĐ 351/2025/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 2200000}\n"
        "    expect: {status: near_poor}\n"
        "  - name: the last day of the 2027 standard\n"
        "    law: NĐ 351/2025/NĐ-CP\n"
        "    as_of: 2030-12-31\n"
        "    household: {area: rural, income_per_capita: 2200000}\n"
        "    expect: {status: near_poor}\n",
        encoding="utf-8",
    )
    before, after, wrong, last = run_cases(case_file)
    assert before.passed and after.passed and last.passed, (before.differences, after.differences)
    assert before.got["error"].startswith(f"{case_file}:6: ")  # the case's own as_of line
    assert after.got["error"].startswith(f"{case_file}:2: ")  # the file's as_of
    assert not wrong.passed and "no national standard is in force on 2031-01-01" in wrong.differences[0]
    (said,) = run_cases(case_file, lang="vi")[2].differences
    assert "không có chuẩn quốc gia nào có hiệu lực vào ngày 01/01/2031" in said


def test_two_cases_of_one_name_are_refused_at_the_second(tmp_path: Path) -> None:
    """Two cases named alike ('dup') both failing were printed as two 'FAIL cases.yaml: dup' with nothing to say
    which case of the file each was. The second is now refused at its name's line, naming the first's line, in
    vi and en."""
    case_file = tmp_path / "dup.yaml"
    case_file.write_text(
        "title: two of one name\n"
        "as_of: 2025-12-10\n"
        "cases:\n"
        "  - name: dup\n"
        "    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1400000, deprived: [water]}\n"
        "    expect: {status: poor}\n"
        "  - name: dup\n"
        "    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1400000, deprived: [water, sanitation, telecom]}\n"
        "    expect: {status: near_poor}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(case_file)
    assert caught.value.in_lang("en") == (
        f"{case_file}:8: case 'dup' has the same name as the case at line 4: give each case its own name "
        "(a failing case is shown by its name)"
    )
    assert caught.value.in_lang("vi").startswith(
        f"{case_file}, dòng 8: tình huống 'dup' trùng tên với tình huống ở dòng 4"
    )


def test_a_mistake_in_expect_names_the_case(tmp_path: Path) -> None:
    """A misspelt expected column, a status or a transition that is none, and a local column without local: were
    said at their line alone ('cases.yaml, dòng 8: expect: transition 'thoat' không phải một biến động …'): the
    officer had to count lines to find which case. Each now names the case, in vi and en."""
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n  - name: rural escaped\n    law: NĐ 07/2021\n"
    household = "    household: {area: rural, income_per_capita: 1600000, previous_status: poor}\n"
    for expect, said in (
        ("{statuss: poor}", "expect: 'statuss' is no column"),
        ("{status: Hộ ngheo giau}", "expect: status 'Hộ ngheo giau' is no status"),
        ("{transition: thoat}", "expect: transition 'thoat' is no transition"),
        ("{local_status: poor}", "expect: local_status is a local standard's result"),
    ):
        path = tmp_path / "expect.yaml"
        path.write_text(head + household + f"    expect: {expect}\n", encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            run_cases(path)
        assert caught.value.in_lang("en").startswith(f"{path}:8: case 'rural escaped': {said}"), caught.value
        assert f"{path}, dòng 8: tình huống 'rural escaped': expect: " in caught.value.in_lang("vi")


def test_a_review_date_written_as_a_number_is_no_date(tmp_path: Path) -> None:
    """``as_of: 20251210`` was refused in pydantic's English 'Datetimes provided to dates should have zero time'
    (no time was written), and ``as_of: 1733788800`` was read as seconds since 1970, 10 December 2024, and the
    case run on that day without a word. A number is now refused as no date at its line, in vi and en."""
    path = tmp_path / "number.yaml"
    for written, line in (("20251210", 2), ("1733788800", 2)):
        path.write_text(f"title: t\nas_of: {written}\ncases:\n" + _OK, encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            run_cases(path)
        assert caught.value.in_lang("en") == (
            f"{path}:{line}: as_of: expected a date as YYYY-MM-DD or DD/MM/YYYY, got {written}"
        )
        assert caught.value.in_lang("vi") == (
            f"{path}, dòng {line}: as_of: phải là một ngày có thật dạng YYYY-MM-DD hoặc DD/MM/YYYY, "
            f"không phải {written}"
        )
    case = _OK.replace("    household:", "    as_of: 1733788800\n    household:")
    path.write_text("title: t\nas_of: 2025-12-01\ncases:\n" + case, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r":6: cases\.1\.as_of: expected a date"):
        run_cases(path)


def test_an_expected_reason_may_be_written_in_vietnamese(tmp_path: Path) -> None:
    """`expect: {reason: …}` was compared with the English reason alone: the Vietnamese reason a failing case
    shows under --lang vi ('(lý do: Hộ cận nghèo …)'), copied into the case, failed under both languages, and
    under vi the difference showed the English sentence. A reason is now compared in either language and its
    difference said in the run's."""
    path = tmp_path / "reason.yaml"
    head = "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
    household = "    household: {area: rural, income_per_capita: 1400000, deprived: [water]}\n"
    path.write_text(head + household + "    expect: {status: poor}\n", encoding="utf-8")
    (failing,) = run_cases(path, lang="vi")
    reason_vi = failing.got["reason"]
    assert reason_vi.startswith("Hộ cận nghèo (theo thu nhập bình quân)")
    path.write_text(
        head + household + f"    expect: {{reason: {json.dumps(reason_vi, ensure_ascii=False)}}}\n", "utf-8"
    )
    for lang in ("vi", "en"):
        (outcome,) = run_cases(path, lang=lang)
        assert outcome.passed, (lang, outcome.differences)
    path.write_text(head + household + "    expect: {reason: Hộ nghèo}\n", encoding="utf-8")
    (wrong,) = run_cases(path, lang="vi")
    assert wrong.differences == [f"reason: mong đợi 'Hộ nghèo', nhận được '{reason_vi}'"]


def test_a_key_no_case_has_is_said_as_a_case_files_key(tmp_path: Path) -> None:
    """A case written with 'expected:' for 'expect:' was refused as 'cases.1.expect: thiếu trường bắt buộc này'
    (the key it lacks, not the one written), and a key a case file does not have ('base:') as 'trường không có
    trong định dạng bộ quy tắc' — a ruleset's format, in a case file — or in English as pydantic's 'Extra inputs
    are not permitted'. Such a key is now said as no key of a case file (or of a case), with the keys it may have
    and the one meant, at its line, in vi and en."""
    path = tmp_path / "keys.yaml"
    path.write_text("title: t\nas_of: 2025-12-01\nbase: 1\ncases:\n" + _OK, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert caught.value.in_lang("en") == (
        f"{path}:3: 'base' is no key of a case file; the keys: title, as_of, ruleset, local, programme, cases "
        "(docs/rulesets.md)"
    )
    assert caught.value.in_lang("vi").startswith(f"{path}, dòng 3: 'base' không phải khóa của tệp tình huống; ")
    path.write_text("title: t\nas_of: 2025-12-01\ncases:\n" + _OK.replace("expect:", "expected:"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert caught.value.in_lang("en").startswith(
        f"{path}:7: cases.1: 'expected' is no key of a case (did you mean expect?); the keys: name, law, as_of, "
    )
    assert caught.value.in_lang("vi").startswith(
        f"{path}, dòng 7: cases.1: 'expected' không phải khóa của một tình huống (viết nhầm expect?); "
    )


def test_deprived_naming_no_indicator_or_written_as_a_mapping_is_said_at_its_key(tmp_path: Path) -> None:
    """``deprived: {water: 1, sanitation: 0}`` was said as "{'water': 1, 'sanitation': 0} is not an indicator"
    (Python's text of a mapping), and ``deprived: [watr]`` as 'watr is not an indicator', both at the household's
    first line and naming neither key. Each is now said at its deprived: (or unknown:) line, naming the key, and a
    mapping as one (deprived: is a list of indicator ids), in vi and en."""
    path = tmp_path / "marks.yaml"
    head = "title: t\nas_of: 2025-12-10\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n    household:\n"
    body = "      area: rural\n      income_per_capita: 1400000\n      {}\n    expect: {{status: undetermined}}\n"
    for written, en, vi in (
        (
            "deprived: {water: 1, sanitation: 0}",
            "case 'a': household: deprived: {water: 1, sanitation: 0} is a mapping, but deprived: is a list of "
            "indicator ids, e.g. deprived: [water, sanitation]",
            "tình huống 'a': household: deprived: {water: 1, sanitation: 0} là một bảng, nhưng deprived: là danh "
            "sách mã chỉ số",
        ),
        (
            "unknown: [watr]",
            "case 'a': household: unknown: watr is not an indicator of vn-2022-2026 (did you mean water?)",
            "tình huống 'a': household: unknown: watr không phải chỉ số của vn-2022-2026",
        ),
    ):
        path.write_text(head + body.format(written), encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            run_cases(path)
        assert caught.value.in_lang("en") == f"{path}:9: {en}"
        assert caught.value.in_lang("vi").startswith(f"{path}, dòng 9: {vi}")


def test_a_national_standard_named_for_a_day_it_does_not_cover_is_noted(tmp_path: Path) -> None:
    """A case naming ``ruleset: vn-2016-2021`` under a file's ``as_of: 2025-12-10`` (a case copied from an older
    file) ran under the 2016 standard without a word, where ``classify --ruleset`` notes that the standard is not
    the one in force on the review date. The case now carries that note at its ruleset: line (shown under a
    failing case, and with -v under a passing one), in the run's language; the verdict is unchanged."""
    path = tmp_path / "period.yaml"
    case = _OK.replace("    household:", "    ruleset: vn-2016-2021\n    household:")
    path.write_text("title: t\nas_of: 2025-12-10\ncases:\n" + case, encoding="utf-8")
    (outcome,) = run_cases(path)
    assert outcome.got["ruleset"] == "vn-2016-2021@2015.11"
    assert outcome.notes == [
        f"{path}:6: case 'a': ruleset vn-2016-2021 applies from 2016-01-01 to 2021-12-31, not on the review date "
        "2025-12-10 (the standard in force that day: vn-2022-2026): the results follow vn-2016-2021, as ruleset: asks"
    ]
    (said,) = run_cases(path, lang="vi")[0].notes
    assert said.startswith(f"{path}, dòng 6: tình huống 'a': bộ quy tắc vn-2016-2021 áp dụng từ 01/01/2016 đến ")
    path.write_text("title: t\nas_of: 2021-12-31\nruleset: vn-2016-2021\ncases:\n" + _OK, encoding="utf-8")
    assert run_cases(path)[0].notes == []  # in force that day: nothing to say


def test_a_misspelt_household_column_is_said_at_its_own_line(tmp_path: Path) -> None:
    """A household written one key a line with 'income_per_capital: 1400000' was said at the line of
    'household:', not at the misspelt key's: in a long case the officer looked at the wrong line. It is now said
    at its own line, in vi and en."""
    path = tmp_path / "typo.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-10\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n    household:\n"
        "      area: rural\n      income_per_capital: 1400000\n    expect: {status: undetermined}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert caught.value.in_lang("en") == (
        f"{path}:8: case 'a': household: 'income_per_capital' is no column the engine reads (did you mean "
        "income_per_capita?)"
    )
    assert caught.value.in_lang("vi").startswith(f"{path}, dòng 8: tình huống 'a': household: 'income_per_capital'")


def test_several_deprived_ids_without_brackets_are_refused(tmp_path: Path) -> None:
    """``household: {…, deprived: water, sanitation, telecom}`` (several ids written as one is, without brackets)
    is read by YAML as ``deprived: water`` and two keys ``sanitation`` and ``telecom`` of no value, carried as
    columns no rule reads: the case ran with water alone deprived, near-poor where the officer meant poor, and
    would have passed had it expected near-poor. A household key that is an indicator's id is now refused at its
    line, showing the list in brackets, in vi and en."""
    path = tmp_path / "brackets.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1400000, deprived: water, sanitation, telecom}\n"
        "    expect: {status: near_poor}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert caught.value.in_lang("en").startswith(
        f"{path}:7: case 'a': household: 'sanitation' is an indicator's id, not a household column: write the "
        "deprived indicators in brackets, deprived: [water, sanitation, telecom]"
    )
    assert caught.value.in_lang("vi").startswith(
        f"{path}, dòng 7: tình huống 'a': household: 'sanitation' là mã một chỉ số, không phải cột của hộ"
    )


@pytest.mark.parametrize("name", ['""', '"   "', ""])
def test_a_case_with_a_blank_name_is_refused_at_its_name(tmp_path: Path, name: str) -> None:
    """A case named '   ' ran, and failed as "household_id: is empty: every household needs its code (Mã hộ)"
    under a 'FAIL cases.yaml:     ' line that named nothing, and 'name:' left blank was said as 'must be text'.
    A blank name is now refused at its line as an empty name, in vi and en."""
    path = tmp_path / "blank.yaml"
    path.write_text("title: t\nas_of: 2025-12-01\ncases:\n" + _OK.replace("name: a", f"name: {name}"), "utf-8")
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert caught.value.in_lang("en") == f"{path}:4: cases.1.name: String should have at least 1 character"
    assert caught.value.in_lang("vi") == f"{path}, dòng 4: cases.1.name: cần ít nhất 1 ký tự"


def test_cases_run_through_the_durable_engine_with_engine_durable(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """`poverty-rules test cases.yaml --engine durable` was refused ('No such option: --engine'): an officer could
    not check that the durable engine (explain's, household by household) gives the case file's verdicts. The
    cases now run through the engine asked for, with the same verdicts and messages."""
    from click.testing import CliRunner

    import poverty_rules.scenarios as scenarios
    from poverty_rules.cli import main

    engines: list[str] = []
    classify = scenarios.classify

    def _recording(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the library's classify, engine noted
        engines.append(kwargs.get("engine", "vectorized"))
        return classify(*args, **kwargs)

    monkeypatch.setattr(scenarios, "classify", _recording)
    path = tmp_path / "durable.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1400000, deprived: [water, sanitation, telecom]}\n"
        "    expect: {status: near_poor}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(path), "--engine", "durable", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "status: expected 'near_poor', got 'poor'" in result.output
    assert engines and set(engines) == {"durable"}


def test_an_expected_number_is_compared_as_a_number(tmp_path: Path) -> None:
    """``expect: {deprivation_count: 1.0}`` failed as 'deprivation_count: expected 1.0, got 1': the values were
    compared as texts. A number is now compared as a number (1.0 is 1); 2 is still not 1."""
    path = tmp_path / "count.yaml"
    head = "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
    household = "    household: {area: rural, income_per_capita: 1400000, deprived: [water]}\n"
    path.write_text(head + household + "    expect: {deprivation_count: 1.0}\n", encoding="utf-8")
    assert run_cases(path)[0].passed, run_cases(path)[0].differences
    path.write_text(head + household + "    expect: {deprivation_count: 2.0}\n", encoding="utf-8")
    assert run_cases(path)[0].differences == ["deprivation_count: expected 2.0, got 1"]


def test_an_expected_designation_may_be_written_co_or_khong(tmp_path: Path) -> None:
    """``expect: {low_income_worker: có}`` failed as "low_income_worker: mong đợi 'có', nhận được 1", though 'có',
    'không', 'x' are how the household file's yes/no cells are written and read. An expected designation is now
    read as a flag cell is (có / x / yes → 1, không / no → 0; a blank stays blank)."""
    path = tmp_path / "mark.yaml"
    head = "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 30/2025/NĐ-CP\n"
    household = "    household: {area: rural, income_per_capita: 1600000}\n"
    for written, passes in (("có", True), ("x", True), ("Có", True), ("không", False), ("'1'", True)):
        path.write_text(head + household + f"    expect: {{low_income_worker: {written}}}\n", encoding="utf-8")
        (outcome,) = run_cases(path)
        assert outcome.passed is passes, (written, outcome.differences)
    path.write_text(head + household + "    expect: {low_income_worker: không}\n", encoding="utf-8")
    assert run_cases(path)[0].differences == ["low_income_worker: expected 0, got 1"]


def test_members_that_decide_nothing_are_noted(tmp_path: Path) -> None:
    """A case giving members (a child of six without health insurance) but listing no indicator under unknown:
    failed as "deprived: expected ['health_insurance'], got []" with nothing to say why: every indicator not
    under deprived: is marked not deprived, and a marked flag is not derived (docs/rulesets.md). The case now
    carries a note at its members line saying so and naming the indicator to list under unknown:, in the run's
    language; with health_insurance under unknown: there is no note."""
    path = tmp_path / "members.yaml"
    head = "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
    members = "    members:\n      - {birth_date: 2019-12-01, has_health_insurance: không}\n"
    expect = "    expect: {deprived: [health_insurance]}\n"
    path.write_text(
        head + "    household: {area: rural, income_per_capita: 1200000}\n" + members + expect, encoding="utf-8"
    )
    (outcome,) = run_cases(path)
    assert not outcome.passed
    assert outcome.notes == [
        f"{path}:8: case 'a': members: no indicator is derived from the members, as none is under unknown: (an "
        "indicator under neither deprived: nor unknown: is not deprived); to derive one, list it under unknown:, "
        "e.g. unknown: [health_insurance]"
    ]
    assert run_cases(path, lang="vi")[0].notes[0].startswith(f"{path}, dòng 8: tình huống 'a': members: không chỉ")
    household = "    household: {area: rural, income_per_capita: 1200000, unknown: [health_insurance]}\n"
    path.write_text(head + household + members + expect, encoding="utf-8")
    (derived,) = run_cases(path)
    assert derived.passed and derived.notes == []


def test_an_expected_decided_by_may_be_written_as_the_reason_says_it(tmp_path: Path) -> None:
    """``expect: {decided_by: thu nhập}`` failed as "decided_by: mong đợi 'thu nhập', nhận được 'income'", though an
    expected status or transition may be written in Vietnamese and the reason says 'theo thu nhập bình quân'. An
    expected decided_by is now read from its id, the reason's words in either language or their first words
    ('thu nhập', 'điểm'); another value still fails as a difference."""
    path = tmp_path / "path.yaml"
    head = "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
    household = "    household: {area: rural, income_per_capita: 1400000, deprived: [water]}\n"
    for written in ("Thu nhập", "theo thu nhập bình quân", "income", "by measured income"):
        path.write_text(head + household + f"    expect: {{decided_by: {written}}}\n", encoding="utf-8")
        assert run_cases(path)[0].passed, (written, run_cases(path)[0].differences)
    path.write_text(head + household + "    expect: {decided_by: điểm}\n", encoding="utf-8")
    assert run_cases(path)[0].differences == ["decided_by: expected 'score', got 'income'"]


def test_a_failing_case_under_lang_vi_names_statuses_and_movements_in_vietnamese(tmp_path: Path) -> None:
    """Under ``--lang vi`` a failing case said "status: mong đợi 'poor', nhận được 'near_poor'" and "transition:
    mong đợi 'unchanged', nhận được 'escaped_poverty'": ids, not the words of the forms. It now says "mong đợi
    'Hộ nghèo' (poor), nhận được 'Hộ cận nghèo' (near_poor)", likewise a movement and decided_by, the id kept in
    brackets; in English the ids are shown as before."""
    path = tmp_path / "vi.yaml"
    head = "title: t\nas_of: 2025-12-10\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
    household = "    household: {area: urban, income_per_capita: 1900000, deprived: [water], previous_status: poor}\n"
    expect = "    expect: {status: Hộ nghèo, transition: unchanged, decided_by: score}\n"
    path.write_text(head + household + expect, encoding="utf-8")
    assert run_cases(path, lang="vi")[0].differences == [
        "status: mong đợi 'Hộ nghèo' (poor), nhận được 'Hộ cận nghèo' (near_poor)",
        "transition: mong đợi 'Không đổi' (unchanged), nhận được 'Thoát nghèo' (escaped_poverty)",
        "decided_by: mong đợi 'theo điểm A, B của phiếu rà soát' (score), nhận được 'theo thu nhập bình quân' (income)",
    ]
    assert run_cases(path, lang="en")[0].differences == [
        "status: expected 'poor', got 'near_poor'",
        "transition: expected 'unchanged', got 'escaped_poverty'",
        "decided_by: expected 'score', got 'income'",
    ]


@pytest.mark.parametrize(
    ("written", "en", "vi"),
    [
        ("deprived: [water, sanitaton]", " (did you mean sanitation?)", " (viết nhầm sanitation?)"),
        ("unknown: [clean_cooking]", "; its indicators: employment, dependency,", "; các chỉ số của nó: employment,"),
    ],
    ids=["misspelt", "not_there"],
)
def test_an_indicator_a_case_names_wrongly_is_said_with_the_one_meant(
    tmp_path: Path, written: str, en: str, vi: str
) -> None:
    """A case's 'deprived: [water, sanitaton]' was refused as "household: deprived: sanitaton is not an indicator
    of vn-2022-2026", leaving the author to find the spelling among the standard's ids (and an indicator of
    another standard, clean_cooking, alike). The refusal now names the indicator meant, or else lists the
    standard's indicators, in vi and en."""
    path = tmp_path / "cases.yaml"
    path.write_text(
        "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2026\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
        f"    household: {{area: rural, income_per_capita: 1400000, {written}}}\n    expect: {{status: near_poor}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert f"is not an indicator of vn-2022-2026{en}" in caught.value.in_lang("en")
    assert f"không phải chỉ số của vn-2022-2026{vi}" in caught.value.in_lang("vi")


def test_a_ruleset_file_misnamed_in_a_case_file_says_the_file_meant(tmp_path: Path) -> None:
    """``ruleset: tinh-b-2025.yaml`` beside a case file that sits next to tinh-b-2026.yaml was refused as "no
    ruleset file 'tinh-b-2025.yaml' beside the case file or in rulesets/", leaving the author to compare names.
    The file beside it that is meant is now named, in vi and en."""
    (tmp_path / "tinh-b-2026.yaml").write_text("id: x\n", encoding="utf-8")
    path = tmp_path / "cases.yaml"
    path.write_text("title: t\nas_of: 2025-12-01\nruleset: tinh-b-2025.yaml\ncases:\n" + _OK, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert "no ruleset file 'tinh-b-2025.yaml' beside the case file" in caught.value.in_lang("en")
    assert caught.value.in_lang("en").endswith(" (did you mean tinh-b-2026.yaml?)")
    assert caught.value.in_lang("vi").endswith(" (viết nhầm tinh-b-2026.yaml?)")


_WINDOWS = """\
title: support windows other than the national programme's
as_of: 2025-06-01
ruleset: vn-2022-2026
cases:
  - name: policy credit, 36 months from 2024-12-20
    law: Ngân hàng Chính sách xã hội (3 năm)
    programme: policy_credit
    household: {area: rural, income_per_capita: 3000000, previous_status: not_poor, escaped_on: 2024-12-20}
    expect: {eligible_until: 2027-12-19}
  - name: health-insurance support serves near-poor households, 60 months
    law: BHYT cho hộ cận nghèo mới thoát nghèo (5 năm)
    programme: health_insurance_support
    household: {area: rural, income_per_capita: 1400000, previous_status: near_poor, escaped_on: 2024-12-20}
    expect: {eligible_until: 2029-12-19}
  - name: health-insurance support does not serve an average household
    law: BHYT cho hộ cận nghèo mới thoát nghèo (5 năm)
    programme: health_insurance_support
    household: {area: rural, income_per_capita: 3000000, previous_status: not_poor, escaped_on: 2024-12-20}
    expect: {eligible_until: ""}
  - name: the local standard's own 48 months beside the national 36
    law: "[VÍ DỤ] QĐ 00/2026/QĐ-UBND, Điều 3"
    as_of: 2026-06-01
    local: example-province-2026
    household: {area: rural, income_per_capita: 3000000, previous_status: not_poor, escaped_on: 2024-12-20}
    expect: {eligible_until: 2027-12-19, local_eligible_until: 2028-12-19}
"""


def test_a_case_checks_another_programmes_window_and_the_local_standards_own(tmp_path: Path) -> None:
    """A scenario case could check only the national programme's 36-month eligible_until: a local standard's own
    window beside the national one ('local_eligible_until' is no column of the result) and the policy-credit or
    health-insurance windows could not be asserted. A case (or file) may now name ``programme:`` for
    eligible_until, and expect ``local_eligible_until``, the local standard's window served by its local_status;
    a programme the standard does not have is refused at its line, in vi and en."""
    path = tmp_path / "windows.yaml"
    path.write_text(_WINDOWS, encoding="utf-8")
    outcomes = run_cases(path)
    assert [o.differences for o in outcomes] == [[], [], [], []]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(_WINDOWS.replace("programme: policy_credit", "programme: policy_credi"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        run_cases(wrong)
    assert f"{wrong}:7: case 'policy credit, 36 months from 2024-12-20': programme: policy_credi is not a " in (
        caught.value.in_lang("en")
    )
    assert "its programmes: national_programme, policy_credit, health_insurance_support" in caught.value.in_lang("en")
    assert "không phải chương trình hỗ trợ của vn-2022-2026" in caught.value.in_lang("vi")


def test_a_local_column_expected_of_a_standard_run_alone_names_the_column_to_expect(tmp_path: Path) -> None:
    """A case running a local standard alone (ruleset: example-province-2026) that expected local_deprived or
    local_eligible_until was told 'add local: or expect status' whatever column it expected: the column that holds
    that result when the standard runs alone is now named (deprived, eligible_until), in vi and en."""
    path = tmp_path / "cases.yaml"
    for key, plain in (("local_deprived", "deprived"), ("local_eligible_until", "eligible_until")):
        path.write_text(
            "title: t\nas_of: 2026-06-01\nruleset: example-province-2026\ncases:\n  - name: a\n    law: QĐ 00/2026\n"
            f"    household: {{area: rural, income_per_capita: 1800000}}\n    expect: {{{key}: ''}}\n",
            encoding="utf-8",
        )
        with pytest.raises(ScenarioError) as caught:
            run_cases(path)
        assert caught.value.in_lang("en").endswith(f"add local: or expect {plain}")
        assert caught.value.in_lang("vi").endswith(f"thêm local: hoặc mong đợi {plain}")


def test_expecting_a_mark_the_standard_declares_not_defined_says_so(tmp_path: Path) -> None:
    """A case of 2027 expecting low_income_worker was refused as "'low_income_worker' is no column of the result",
    as if misspelt, though vn-2027-2030 declares it not defined (Nghị định 351/2025 has no low-income worker). The
    refusal now says that the standard does not define it, with its note, in vi and en."""
    path = tmp_path / "cases.yaml"
    path.write_text(
        "title: t\nas_of: 2027-06-01\ncases:\n  - name: a\n    law: NĐ 30/2025/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 2300000}\n"
        "    expect: {status: not_poor, low_income_worker: 0}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        run_cases(path)
    assert f"{path}:7: case 'a': expect: 'low_income_worker': vn-2027-2030 does not define it (" in (
        caught.value.in_lang("en")
    )
    assert "Decree 351/2025" in caught.value.in_lang("en")
    assert "vn-2027-2030 không quy định mục này (" in caught.value.in_lang("vi")
