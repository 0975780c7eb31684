"""``poverty-rules rulesets list | show | check | diff`` and ``poverty-rules test`` with overlays (issue #5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from poverty_rules.cli import main
from poverty_rules.cli import rulesets as rulesets_cli
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.rules import registry
from poverty_rules.rules.diff import diff_rulesets

ROOT = Path(__file__).resolve().parent.parent
V2027 = ROOT / "poverty_rules" / "rulesets" / "vn-2027-2030.yaml"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


# --------------------------------------------------------------------------- list and show


def test_list_shows_national_then_local_overlays_apart() -> None:
    result = _run("rulesets", "list", "--lang", "en")
    assert result.exit_code == 0, result.output
    national, local = result.output.split("Local standards (overlays):")
    for rid in ("vn-2016-2021", "vn-2022-2026", "vn-2027-2030"):
        assert rid in national
    assert "example-province-2026" not in national
    assert "example-province-2026" in local and "(example)" in local and "extends vn-2022-2026@2025.02" in local
    assert "[V:" in national and "2022-01-01 … 2026-12-31" in national


def test_show_overlay_in_both_languages() -> None:
    en = _run("rulesets", "show", "example-province-2026", "--lang", "en")
    vi = _run("rulesets", "show", "example-province-2026", "--lang", "vi")
    assert en.exit_code == vi.exit_code == 0
    assert "vn-2022-2026@2025.02+example-province-2026@2" in en.output
    assert "rural 2,000,000, urban 2,000,000" in en.output and "QĐ 00/2026/QĐ-UBND" in en.output
    assert "nông thôn 2.000.000" in vi.output and "Clean cooking fuel" in en.output and "Chất đốt sạch" in vi.output
    assert "48 months" in en.output


def test_show_unknown_id_exits_2() -> None:
    result = _run("rulesets", "show", "vn-1999", "--lang", "en")
    assert result.exit_code == 2 and "no ruleset with this id" in result.stderr


# --------------------------------------------------------------------------- check


@pytest.mark.parametrize("path", sorted((ROOT / "poverty_rules" / "rulesets").glob("**/*.yaml")), ids=lambda p: p.name)
def test_check_bundled_files_ok(path: Path) -> None:
    result = _run("rulesets", "check", str(path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert ": ok (" in result.output


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = V2027.read_text(encoding="utf-8").replace("id: vn-2027-2030", "id: vn-2027-2030-draft")
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


BROKEN = {
    # name: (text to replace, replacement, text of the line the error must name, words in the reason)
    "bad expression": (
        "when: income_per_capita > income_line",
        "when: income_per_capita >> income_line",
        "when: income_per_capita >> income_line",
        "only + - * / are allowed",
    ),
    "unknown name": (
        "when: income_per_capita <= income_line and deprivation_count >= deprivation_cutoff",
        "when: income_per_capita <= income_lime and deprivation_count >= deprivation_cutoff",
        "income_lime",
        "unknown name 'income_lime'",
    ),
    "missing reference": (
        "    reference: NĐ 351/2025/NĐ-CP, chuẩn nghèo về thu nhập (2.200.000 nông thôn, 2.800.000 thành thị);"
        " số điều chưa đối chiếu với văn bản gốc\n",
        "",
        "income_line:",
        "reference: Field required",
    ),
    "non-exhaustive classes": (
        "when: income_per_capita > income_line",
        "when: income_per_capita > income_line + 1",
        "classes:",
        "not exhaustive",
    ),
    "overlapping validity": (
        "valid_from: 2027-01-01",
        "valid_from: 2026-07-01",
        "valid_from: 2026-07-01",
        "overlaps vn-2022-2026",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_check_broken_file_exits_2_naming_file_and_line(tmp_path: Path, case: str) -> None:
    old, new, line_text, reason = BROKEN[case]
    path = _broken(tmp_path, old, new)
    result = _run("rulesets", "check", str(path), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"{path}:{_line_of(path, line_text)}:" in result.stderr, result.stderr
    assert reason in result.stderr


def test_check_accepts_a_local_standard_that_lowers_a_line_diff_notes_it() -> None:
    path = ROOT / "tests" / "rulesets" / "bad-province-lowers-line.yaml"
    checked = _run("rulesets", "check", str(path), "--lang", "en")
    assert checked.exit_code == 0  # no "may only raise" check any more; a note instead
    assert "is looser than vn-2022-2026 (covers fewer households) on: income_line" in checked.output
    result = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "en")
    assert "↓ looser: covers fewer households" in result.output and "Note: " in result.output


# --------------------------------------------------------------------------- diff


def test_diff_between_national_standards_lists_lines_and_indicator_changes() -> None:
    d = diff_rulesets(load_ruleset("vn-2022-2026"), load_ruleset("vn-2027-2030"))
    assert sorted(d.ids("indicators", "removed")) == ["information_assets", "telecom"]
    assert sorted(d.ids("indicators", "added")) == ["digital_services", "waste"]
    assert "income_line" in d.ids("parameters", "changed")
    assert {"average_line", "score_line"} <= set(d.ids("parameters", "removed"))
    assert d.ids("classes", "added") and d.ids("classes", "removed")

    result = _run("rulesets", "diff", "vn-2022-2026", "vn-2027-2030", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "~ income_line: rural 1,500,000 → 2,200,000; urban 2,000,000 → 2,800,000" in out
    for line in ("- telecom:", "- information_assets:", "+ waste:", "+ digital_services:", "- average_line:"):
        assert line in out
    assert "Indicators:" in out and "Classes (order tried):" in out


def test_diff_national_vs_overlay_shows_only_what_the_province_changed() -> None:
    d = diff_rulesets(load_ruleset("vn-2022-2026"), load_ruleset("example-province-2026"))
    assert d.ids("parameters", "changed") == ["income_line", "score_line"]  # its own score line for its line
    assert d.ids("indicators", "added") == ["clean_cooking"]
    assert not d.ids("indicators", "removed") and not d.section("classes")
    assert d.ids("programmes", "changed") == ["national_programme"]
    vi = _run("rulesets", "diff", "vn-2022-2026", "example-province-2026")
    assert "~ income_line: nông thôn 1.500.000 → 2.000.000" in vi.output
    assert "36 → 48 tháng" in vi.output and "+ clean_cooking: Chất đốt sạch" in vi.output


def test_diff_of_a_ruleset_with_itself_is_empty() -> None:
    result = _run(
        "rulesets",
        "diff",
        "vn-2022-2026",
        str(ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml"),
        "--lang",
        "en",
    )
    assert result.exit_code == 0 and "No changes." in result.output


def test_diff_ignores_respacing_of_rules(tmp_path: Path) -> None:
    text = V2027.read_text(encoding="utf-8").replace(
        "when: income_per_capita > income_line", "when: (income_per_capita)   >   income_line"
    )
    path = tmp_path / "respaced.yaml"
    path.write_text(text, encoding="utf-8")
    assert diff_rulesets(load_ruleset("vn-2027-2030"), load_ruleset(str(path))).empty


# --------------------------------------------------------------------------- scenario cases naming an overlay

CASES = """\
title: Tỉnh Ví Dụ — overlay cases
as_of: 2026-06-01
ruleset: {ruleset}
cases:
  - name: rural 1,800,000 with 3 deprivations is poor under the province line
    law: "[VÍ DỤ] QĐ 00/2026/QĐ-UBND, Điều 1"
    household: {{area: rural, income_per_capita: 1800000, deprived: [water, sanitation, clean_cooking]}}
    expect: {{status: poor, deprivation_count: 3, ruleset: vn-2022-2026@2025.02+example-province-2026@2}}
  - name: rural 2,000,001 is above the province line
    law: "[VÍ DỤ] QĐ 00/2026/QĐ-UBND, Điều 1"
    household: {{area: rural, income_per_capita: 2000001}}
    expect: {{status: {last}}}
"""


@pytest.mark.parametrize(
    "ruleset", ["example-province-2026", "local/example-province-2026.yaml", "../example-province-2026.yaml"]
)
def test_cases_may_name_an_overlay(tmp_path: Path, ruleset: str) -> None:
    (tmp_path / "example-province-2026.yaml").write_text(
        (ROOT / "poverty_rules/rulesets/local/example-province-2026.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "cases").mkdir()
    path = tmp_path / "cases" / "province.yaml"
    path.write_text(CASES.format(ruleset=ruleset, last="average"), encoding="utf-8")
    result = _run("test", str(path), "-v", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed" in result.output


def test_failing_overlay_case_shows_the_difference_and_the_ruleset(tmp_path: Path) -> None:
    path = tmp_path / "province.yaml"
    path.write_text(CASES.format(ruleset="example-province-2026", last="poor"), encoding="utf-8")
    result = _run("test", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert "FAIL" in result.output and "status: expected 'poor', got 'average'" in result.output
    assert "(ruleset: vn-2022-2026@2025.02+example-province-2026@2)" in result.output
    assert "1 passed, 1 failed" in result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_failing_local_case_shows_the_local_standards_reason(tmp_path: Path, lang: str) -> None:
    """A case that expects a local_* column and fails showed only the national ruleset and reason
    (another status, another line): it now shows the local standard and its reason too, in the language."""
    path = tmp_path / "local.yaml"
    path.write_text(
        "title: t\nas_of: 2025-06-01\nruleset: vn-2022-2026\nlocal: example-bac-ninh-2025\ncases:\n"
        "  - name: rural 1,700,000 is near poor by Bac Ninh's line\n    law: NQ HĐND Bắc Ninh\n"
        "    household: {area: rural, income_per_capita: 1700000}\n    expect: {local_status: poor}\n",
        encoding="utf-8",
    )
    result = _run("test", str(path), "--lang", lang)
    assert result.exit_code == 1, result.output
    local, reason = (
        ("chuẩn địa phương", "lý do theo chuẩn địa phương")
        if lang == "vi"
        else ("local standard", "reason by the local standard")
    )
    assert f"({local}: vn-2022-2026@2025.02+example-bac-ninh-2025@2)" in result.output
    said = next(line for line in result.output.splitlines() if f"({reason}: " in line)
    assert "1.750.000" in said if lang == "vi" else "1,750,000" in said


def test_case_naming_a_missing_ruleset_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "province.yaml"
    path.write_text(CASES.format(ruleset="local/nowhere.yaml", last="average"), encoding="utf-8")
    result = _run("test", str(path), "--lang", "en")
    assert result.exit_code == 2 and "nowhere.yaml" in result.stderr


def test_cases_in_vietnamese(tmp_path: Path) -> None:
    """``test --lang vi`` (the default) says everything in Vietnamese: verdicts, differences, the
    failing case's ruleset and reason, the summary, and a case file's errors."""
    path = tmp_path / "province.yaml"
    path.write_text(CASES.format(ruleset="example-province-2026", last="poor"), encoding="utf-8")
    result = _run("test", str(path), "-v")
    assert result.exit_code == 1
    out = result.output
    assert "ĐẠT " in out and "SAI " in out and "FAIL" not in out and "PASS" not in out
    assert "status: mong đợi 'Hộ nghèo' (poor), nhận được 'Hộ có mức sống trung bình' (average)" in out
    assert "(bộ quy tắc: vn-2022-2026@2025.02+example-province-2026@2)" in out
    assert "(lý do: " in out and "1 đạt, 1 sai" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\ncases:\n  - name: a\n    law: x\n", encoding="utf-8")
    refused = _run("test", str(broken))
    assert refused.exit_code == 2 and "broken.yaml" in refused.stderr and "Traceback" not in refused.output
    stray = tmp_path / "stray.yaml"
    stray.write_text(
        "title: x\nas_of: 2025-12-01\ncases:\n  - name: a\n    law: NĐ 07\n"
        "    household: {area: rural, income_per_capita: 1, deprived: [flying]}\n    expect: {status: poor}\n",
        encoding="utf-8",
    )
    refused = _run("test", str(stray))
    assert refused.exit_code == 2 and "flying không phải chỉ số của vn-2022-2026" in refused.stderr
    missing = _run("test", str(tmp_path / "nowhere.yaml"))
    assert missing.exit_code == 2 and "nowhere.yaml: không tìm thấy tệp" in missing.stderr
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("title: x\ncases: [\n", encoding="utf-8")
    refused = _run("test", str(bad_yaml))
    assert refused.exit_code == 2 and "bad.yaml, dòng 3: không phải YAML hợp lệ (cột 1)" in refused.stderr


def test_show_and_diff_word_classes_and_changed_keys_in_the_language() -> None:
    """In Vietnamese, show printed 'poor theo score khi …' and diff 'poor by score when …',
    '(threshold; reference)', '(confidence)'."""
    show = _run("rulesets", "show", "vn-2022-2026")
    assert show.exit_code == 0, show.output
    assert "Hộ nghèo (theo điểm A, B của phiếu rà soát) khi có điểm A và điểm A ≤ " in show.output
    assert "Hộ cận nghèo (theo thu nhập bình quân) khi không có điểm A và " in show.output
    assert "theo score" not in show.output and "theo income" not in show.output
    hcmc = _run("rulesets", "diff", "vn-2022-2026", "example-hcmc-style-2022-2025")
    assert "  - Hộ nghèo (theo điểm A, B của phiếu rà soát) khi " in hcmc.output
    assert " by score when " not in hcmc.output and " by income when " not in hcmc.output
    assert "housing_area: Diện tích nhà ở bình quân đầu người  (ngưỡng thiếu hụt; căn cứ)" in hcmc.output
    assert "(threshold" not in hcmc.output and "      threshold:" not in hcmc.output
    bac_ninh = _run("rulesets", "diff", "vn-2022-2026", "example-bac-ninh-2025")
    assert (
        "  ~ Hộ không nghèo (theo thu nhập bình quân) khi thu nhập bình quân đầu người > Mức sống trung bình (cận trên)"
        " (quy tắc: income_per_capita > average_line)  (độ tin cậy)"
    ) in bac_ninh.output
    english = _run("rulesets", "diff", "vn-2022-2026", "example-bac-ninh-2025", "--lang", "en")
    assert "  ~ Not poor (by measured income) when income_per_capita > average_line  (confidence)" in english.output


def test_show_lists_the_derived_values_the_classes_compare_with() -> None:
    """show never defined income_line (HCMC-style: 36,000,000 a year ÷ 12) nor score B, though the
    classes compare with them."""
    hcmc = _run("rulesets", "show", "example-hcmc-style-2022-2025", "--lang", "en")
    assert hcmc.exit_code == 0, hcmc.output
    derived = hcmc.output[hcmc.output.index("Derived values:") : hcmc.output.index("Classes (order tried):")]
    assert "income_line                = income_line_per_year / months_per_year = 3,000,000" in derived
    assert "Income poverty line (per month)" in derived and "[P] " in derived
    national = _run("rulesets", "show", "vn-2022-2026")
    assert "Giá trị suy ra:" in national.output
    assert "deprivation_score          = Điểm B của mỗi chỉ số thiếu hụt × số chỉ số thiếu hụt" in national.output
    assert "(quy tắc: score_points_per_indicator * deprivation_count)  — Điểm B" in national.output


def test_periods_are_written_as_each_language_writes_dates() -> None:
    """A Vietnamese officer reads 01/01/2022 … 31/12/2026, not ISO dates, in list, show and diff."""
    listed = _run("rulesets", "list", "--lang", "vi").output
    assert "01/01/2022 … 31/12/2026" in listed and "2022-01-01" not in listed
    shown = _run("rulesets", "show", "vn-2022-2026", "--lang", "vi").output
    assert "01/01/2022 … 31/12/2026" in shown and "2022-01-01" not in shown
    diff = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", "vi").output
    assert "01/01/2016 … 31/12/2021  →  01/01/2022 … 31/12/2026" in diff
    english = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", "en").output
    assert "2016-01-01 … 2021-12-31  →  2022-01-01 … 2026-12-31" in english


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_check_of_a_path_that_is_no_file_is_said_in_the_language(tmp_path: Path, what: str) -> None:
    """`rulesets check` let click refuse it: "Lỗi: Giá trị không hợp lệ cho 'PATH': …" — click's
    placeholder in English inside the Vietnamese message, unlike every other command; now its own words."""
    path = tmp_path / ("nowhere.yaml" if what == "missing" else "folder")
    if what == "folder":
        path.mkdir()
    result = _run("rulesets", "check", str(path))
    assert result.exit_code == 2
    why = "không có tệp hay thư mục này" if what == "missing" else "đây là một thư mục"
    assert f"lỗi: {path}: không đọc được tệp ({why})" in result.stderr and "PATH" not in result.stderr


def test_a_case_file_and_a_ruleset_given_to_the_other_command_say_which_command_reads_them() -> None:
    """``rulesets check cases.yaml`` (a scenario file) said 'id: Field required', and ``test tinh.yaml`` (the
    local standard itself) said 'title: must be text', as if the file were a broken one of the other kind.
    Each now says what the file is and the command that reads it, in both languages."""
    cases = ROOT / "tests" / "scenarios" / "example-bac-ninh-2025.yaml"
    ruleset = ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml"
    en = _run("rulesets", "check", str(cases), "--lang", "en")
    assert en.exit_code == 2 and "this is a case file (it has cases:), not a ruleset" in en.stderr
    assert f"run it with `poverty-rules test {cases}`" in en.stderr and "Field required" not in en.stderr
    vi = _run("rulesets", "check", str(cases))
    assert vi.exit_code == 2 and "đây là một tệp tình huống (có cases:), không phải bộ quy tắc" in vi.stderr
    en = _run("test", str(ruleset), "--lang", "en")
    assert en.exit_code == 2
    assert "this is a ruleset (it has id:, extends:, parameters:, classes:), not a case file" in en.stderr
    assert f"`poverty-rules rulesets check {ruleset}`" in en.stderr and "must be" not in en.stderr
    vi = _run("test", str(ruleset))
    assert vi.exit_code == 2 and "đây là một bộ quy tắc" in vi.stderr


def test_list_puts_every_standards_period_in_one_column() -> None:
    """``rulesets list`` padded ids to 22 characters: the id example-hcmc-style-2022-2025 (28) pushed its
    period, confidence and title out of the column the others stand in. Every id is now padded to the
    longest, so each period starts at the same place."""
    for lang in ("vi", "en"):
        lines = _run("rulesets", "list", "--lang", lang).output.splitlines()
        rows = [line for line in lines if line.startswith("  ") and "…" in line]
        assert len(rows) >= 6
        starts = {row.index("…") for row in rows}
        assert len(starts) == 1, rows


def test_one_broken_case_file_among_several_does_not_stop_the_others(tmp_path: Path) -> None:
    """``poverty-rules test a.yaml b.yaml …`` stopped at the first file it could not run (a misspelt indicator
    in a colleague's file): the other files' cases were never run and no summary said how many passed. Each
    broken file is now said, the others run, and the summary names the broken files; exit 2."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(  # the file's own ruleset: no case of it can run (one bad case alone: test below)
        "title: t\nas_of: 2025-12-01\nruleset: vn-2022-2062\ncases:\n  - name: a\n    law: NĐ 07/2021/NĐ-CP\n"
        "    household: {area: rural, income_per_capita: 1, deprived: [water]}\n    expect: {status: poor}\n",
        encoding="utf-8",
    )
    good = ROOT / "tests" / "scenarios" / "example-bac-ninh-2025.yaml"
    result = _run("test", str(broken), str(good), "--lang", "en")
    assert result.exit_code == 2
    assert f"error: {broken}:3: vn-2022-2062: no ruleset with this id" in result.stderr
    assert result.stdout.strip().endswith(f"0 failed; 1 file could not be run (errors above): {broken}")
    assert " passed" in result.stdout and not result.stdout.startswith("0 passed")
    single = _run("test", str(broken), "--lang", "en")
    assert single.exit_code == 2 and single.stdout == ""  # one file: said and stopped, as before


def test_check_of_a_local_standard_on_a_base_file_compares_with_that_file(tmp_path: Path) -> None:
    """``rulesets check`` of a local standard extending a base file by path looked its base up again by the
    base's id for the 'looser than' note: a base file with an id of its own printed 'valid' and then 'error:
    vn-tinh-2026: no ruleset with this id' (exit 2), and a corrected copy of vn-2022-2026 was compared with the
    bundled one instead. The note now compares with the file the local standard extends."""
    national = (ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(encoding="utf-8")
    base = national.replace("id: vn-2022-2026", "id: vn-tinh-2026").replace("    months: 36\n", "    months: 30\n", 1)
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    local = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(local.replace("extends: vn-2022-2026", "extends: base.yaml"), encoding="utf-8")
    result = _run("rulesets", "check", str(path), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "vn-tinh-2026@2025.02+example-bac-ninh-2025@2" in result.stdout and result.stderr == ""


def test_check_takes_a_bundled_standards_id_as_show_and_diff_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rulesets show vn-2022-2026`` and ``diff`` take an id, but ``rulesets check vn-2022-2026`` (or
    ``example-bac-ninh-2025``) said 'cannot read the file (no such file or directory)'. An id with no file of
    that name here now checks the bundled standard's file; a file of that name in the folder comes first."""
    monkeypatch.chdir(tmp_path)
    for rid in ("vn-2022-2026", "example-bac-ninh-2025"):
        result = _run("rulesets", "check", rid, "--lang", "en")
        assert result.exit_code == 0, result.output
        assert f"{rid}.yaml: ok (" in result.stdout
    missing = _run("rulesets", "check", "vn-2099", "--lang", "en")
    assert missing.exit_code == 2 and "vn-2099: cannot read the file" in missing.stderr


def test_show_gives_the_rule_of_an_indicator_with_no_threshold_words(tmp_path: Path) -> None:
    """A local indicator written with a ``deprived_when`` rule and no ``threshold:`` text was shown by
    ``rulesets show`` as its label and citation only: nothing said when a household is deprived. Its rule is
    now shown under it (an indicator with threshold words keeps them)."""
    national = (ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(encoding="utf-8")
    fields = national[national.index("fields:\n") : national.index("\n\nindicators:")]
    rule = "any(member, member.working_age and not member.has_social_insurance)"
    path = tmp_path / "si.yaml"
    path.write_text(
        "id: tinh-si-2026\nextends: vn-2022-2026\nversion: '1'\ntitle: {vi: T, en: T}\nlegal_basis: QĐ 1/2026\n"
        "valid_from: 2026-01-01\nvalid_to: 2026-12-31\nsources: [x]\n"
        + fields.replace("attending_right_level]", "attending_right_level, has_social_insurance]")
        + "\nindicators:\n  - id: social_insurance\n    dimension: employment\n"
        f"    label: {{vi: BHXH, en: Social insurance}}\n    deprived_when: '{rule}'\n"
        "    reference: QĐ 1/2026, Điều 2\n    confidence: V\n",
        encoding="utf-8",
    )
    en = _run("rulesets", "show", str(path), "--lang", "en")
    assert en.exit_code == 0, en.output
    assert f"deprived when: {rule}" in en.output
    said = "có thành viên mà trong độ tuổi lao động và không có bảo hiểm xã hội"
    assert f"thiếu hụt khi: {said} (quy tắc: {rule})" in _run("rulesets", "show", str(path), "--lang", "vi").output
    assert "deprived when:" not in _run("rulesets", "show", "vn-2022-2026", "--lang", "en").output


def test_show_of_a_local_standard_lists_what_it_removed_with_the_citation() -> None:
    """``rulesets show example-hcmc-style-2022-2025`` listed the ten indicators it keeps and said nothing of
    the latrine, telecom and information means it drops, nor of the instrument that drops them (only
    ``rulesets diff`` did). ``show`` now lists every removal with its reference and tag."""
    for lang, heading in (("en", "Removed from the base (entry, reference):"), ("vi", "Bỏ so với chuẩn gốc")):
        shown = _run("rulesets", "show", "example-hcmc-style-2022-2025", "--lang", lang).output
        assert heading in shown
        removed = shown.split(heading, 1)[1]
        for name in ("indicators.sanitation", "indicators.telecom", "indicators.information_assets"):
            assert f"  {name}" in removed and "Nghị quyết HĐND TP.HCM" in removed
    assert "Removed from the base" not in _run("rulesets", "show", "vn-2022-2026", "--lang", "en").output


def test_show_gives_each_programmes_regime_and_whom_it_serves_and_a_marks_first_day() -> None:
    """``rulesets show vn-2022-2026`` printed ``health_insurance_support 60 months [P] …`` and nothing of its
    regime: that an escape recognized after 2025-08-14 (Nghị định 188/2025) opens no window and that only
    near-poor households are served (docs/standard.md §5), though docs/rulesets.md says show dates the regime.
    Nor did it say that the low-income-worker mark is given only from 2025-02-24 (Nghị định 30/2025). Each
    programme's regime dates and statuses served, and a designation's first day and note, are now shown,
    in the language asked."""
    en = _run("rulesets", "show", "vn-2022-2026", "--lang", "en").output
    windows = en.split("Programme windows:", 1)[1]
    health = windows.split("health_insurance_support", 1)[1]
    assert "2015-01-01 … 2025-08-14" in health and "after 2025-08-14 opens no window" in health
    assert "serves: Near-poor household" in health and "Poor household" not in health.split("serves:", 1)[1]
    national = windows.split("national_programme", 1)[1].split("policy_credit", 1)[0]
    assert "from 2022-01-18, no end known" in national
    assert "serves: Near-poor household, Household with an average living standard, Not poor" in national
    assert "from 2025-02-24" in en.split("Designations:", 1)[1].split("Programme windows:", 1)[0]
    assert "Applies to the working members" in en
    vi = _run("rulesets", "show", "vn-2022-2026", "--lang", "vi").output
    health_vi = vi.split("health_insurance_support", 1)[1]
    assert "01/01/2015 … 14/08/2025" in health_vi and "sau 14/08/2025" in health_vi
    assert "hỗ trợ hộ nay là: Hộ cận nghèo" in health_vi
    assert "từ 24/02/2025" in vi and "Áp dụng cho người lao động" in vi
    old = _run("rulesets", "show", "vn-2016-2021", "--lang", "en").output.split("national_programme", 1)[1]
    assert "2016-09-02 … 2021-12-31" in old


def test_diff_gives_a_programmes_changed_regime_and_statuses_old_to_new(tmp_path: Path) -> None:
    """``rulesets diff`` of a support window said only which keys changed ('(valid from; valid to; …)'), not
    from what to what: vn-2016-2021 → vn-2022-2026 did not say that the regime of 2016-09-02 … 2021-12-31 (QĐ
    1722) became one from 2022-01-18 with no end known (QĐ 90/2022), and a local standard that narrowed whom
    the health-insurance support serves or ended it earlier was not shown doing so; one that also changed the
    months showed the months alone. Each changed regime date and the statuses served are now shown old → new,
    in the language asked, under the window's months."""
    en = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", "en").output
    national = en.split("national_programme", 1)[1].split("policy_credit", 1)[0]
    assert "valid from: 2016-09-02" in national and "→ 2022-01-18" in national
    assert "valid to: 2021-12-31" in national and "→ —" in national
    vi = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", "vi").output
    assert "áp dụng từ: 02/09/2016" in vi and "→ 18/01/2022" in vi
    path = tmp_path / "bhyt.yaml"
    path.write_text(
        "id: tinh-bhyt-2026\nextends: vn-2022-2026\nversion: '1'\ntitle: {vi: T, en: T}\nlegal_basis: QĐ 1/2026\n"
        "valid_from: 2026-01-01\nvalid_to: 2026-12-31\nsources: [x]\n"
        "programmes:\n  health_insurance_support:\n    months: 48\n    valid_to: 2024-12-31\n"
        "    serves: [near_poor, average]\n    reference: QĐ 1/2026, Điều 3\n    confidence: U\n",
        encoding="utf-8",
    )
    shown = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "en").output
    health = shown.split("health_insurance_support", 1)[1]
    assert "60 → 48 months" in health
    assert "valid to: 2025-08-14" in health and "→ 2024-12-31" in health
    assert "serves: Near-poor household" in health and "→ Near-poor household, Household with an average" in health


def test_diff_marks_a_window_ended_earlier_or_serving_fewer_as_looser(tmp_path: Path) -> None:
    """A local standard that ended the national programme's regime early (``valid_to``) or narrowed whom it
    serves (``serves``) covers fewer escaped households, yet ``rulesets diff`` gave the change no effect and
    its closing note ('… is looser than … on: …') did not name it: only a change of months was marked
    (docs/rulesets.md: each change to a support window is marked with its effect). A regime ended earlier or
    fewer statuses served is now ``looser``, later or more ``stricter``, one of each ``mixed``; a start date
    (valid_from), which cuts no window, has no effect."""
    head = (
        "id: tinh-w-2026\nextends: vn-2022-2026\nversion: '1'\ntitle: {vi: T, en: T}\nlegal_basis: QĐ 1/2026\n"
        "valid_from: 2026-01-01\nvalid_to: 2026-12-31\nsources: [x]\nprogrammes:\n  national_programme:\n"
    )
    cite = "    reference: QĐ 1/2026, Điều 3\n    confidence: U\n"
    national = load_ruleset("vn-2022-2026")
    for body, effect in (
        ("    valid_to: 2026-03-31\n", "looser"),
        ("    serves: [average, not_poor]\n", "looser"),
        ("    serves: [poor, near_poor, average, not_poor]\n", "stricter"),
        ("    valid_to: 2026-03-31\n    months: 48\n", "mixed"),
        ("    valid_from: 2026-01-01\n", ""),
    ):
        path = tmp_path / "w.yaml"
        path.write_text(head + body + cite, encoding="utf-8")
        (change,) = [c for c in diff_rulesets(national, load_ruleset(str(path))).changes if c.section == "programmes"]
        assert change.effect == effect, body
    path.write_text(head + "    valid_to: 2026-03-31\n" + cite, encoding="utf-8")
    shown = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "en").output
    assert "↓ looser: covers fewer households" in shown.split("national_programme", 1)[1]
    assert "is looser than vn-2022-2026 (covers fewer households) on: national_programme" in shown
    path.write_text(head + "    valid_to: 2026-03-31\n    months: 48\n" + cite, encoding="utf-8")
    vi = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "vi").output
    assert "↕ chặt hơn về mặt này, lỏng hơn về mặt khác" in vi


def test_show_of_the_2016_standard_says_its_score_path_is_not_encoded() -> None:
    """``rulesets show vn-2016-2021`` said nothing of the review's score path, which the ruleset does not
    encode (Thông tư 17/2016/TT-BLĐTBXH: its thresholds are not in our sources), while vn-2027-2030 lists its
    missing score path under 'Not defined'; an officer found out only when a score-only record was refused.
    The 2016 standard now lists it there too (tag U), in both languages."""
    en = _run("rulesets", "show", "vn-2016-2021", "--lang", "en").output
    assert "Not defined:" in en and "Thông tư 17/2016/TT-BLĐTBXH" in en.split("Not defined:", 1)[1]
    assert "records must carry measured income" in en
    vi = _run("rulesets", "show", "vn-2016-2021", "--lang", "vi").output
    assert "hồ sơ phải có thu nhập bình quân" in vi.split("Không quy định:", 1)[1]


def test_diff_shows_a_designations_first_day_moved(tmp_path: Path) -> None:
    """A local standard giving the low-income-worker mark from 2025-01-01 instead of 2025-02-24 (Nghị định
    30/2025's day) was shown by ``rulesets diff`` as '~ low_income_worker: Household of low-income workers
    (reference; confidence)': nothing said the mark's first day moved, the one change that matters. A
    designation's ``applies_from`` (and its note) is now compared and shown old → new, in the language asked."""
    path = tmp_path / "des.yaml"
    path.write_text(
        "id: tinh-des-2025\nextends: vn-2022-2026\nversion: '1'\ntitle: {vi: T, en: T}\nlegal_basis: QĐ 1/2025\n"
        "valid_from: 2025-01-01\nvalid_to: 2025-12-31\nsources: [x]\ndesignations:\n  - id: low_income_worker\n"
        "    applies_from: 2025-01-01\n    reference: QĐ 1/2025, Điều 4\n    confidence: U\n",
        encoding="utf-8",
    )
    en = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "en").output
    mark = en.split("Designations:", 1)[1]
    assert "(applies from; reference; confidence)" in mark
    assert "applies from: 2025-02-24" in mark and "→ 2025-01-01" in mark
    vi = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", "vi").output
    assert "áp dụng từ ngày: 24/02/2025" in vi and "→ 01/01/2025" in vi


def test_show_of_a_local_line_set_for_one_area_says_the_other_keeps_the_national(tmp_path: Path) -> None:
    """``rulesets show example-province-2026`` printed 'income_line rural 2,000,000, urban 2,000,000 … [U] [VÍ
    DỤ] QĐ 00/2026/QĐ-UBND …, Điều 1': the province's fictitious decision and its U tag for the urban line too,
    though the file sets the rural line only and urban keeps the national 2,000,000 of Nghị định 07/2021 (V),
    as classify's reasons already say (docs/rulesets.md, local_areas). The citation now says which area it
    sets and that the other keeps the national standard's value, in the language asked."""
    en = _run("rulesets", "show", "example-province-2026", "--lang", "en").output
    income = en.split("income_line", 1)[1].split("deprivation_cutoff", 1)[0]
    assert "QĐ 00/2026/QĐ-UBND Tỉnh Ví Dụ, Điều 1 (rural only; urban as in vn-2022-2026@2025.02)" in income
    score = en.split("  score_line", 1)[1].split("score_deprivation_cutoff", 1)[0]
    assert "(rural only; urban as in vn-2022-2026@2025.02)" in score
    vi = _run("rulesets", "show", "example-province-2026", "--lang", "vi").output
    assert "(chỉ nông thôn; thành thị giữ như vn-2022-2026@2025.02)" in vi
    bac_ninh = _run("rulesets", "show", "example-bac-ninh-2025", "--lang", "en").output  # sets both areas
    assert "only;" not in bac_ninh


def test_diff_of_a_recited_line_or_class_shows_the_old_reference_and_the_new() -> None:
    """``rulesets diff`` of a parameter or class whose citation changed showed the new reference only
    ('~ deprivation_cutoff: (reference) [V] NĐ 351/2025 …'), not the one it replaces, so the officer could not
    see that the cutoff of 3 deprivations moved from Nghị định 07/2021 to Nghị định 351/2025, nor that the
    not-poor class above the average line moved from QĐ 59/2015 to Nghị định 07/2021. The old citation → the new
    one, each with its confidence tag, is now shown under the item, in vi and en."""
    import re

    for lang, said in (("en", "reference"), ("vi", "căn cứ")):
        cutoff = _run("rulesets", "diff", "vn-2022-2026", "vn-2027-2030", "--lang", lang).output
        block = re.split(r"\n  (?! )", cutoff.split("~ deprivation_cutoff:", 1)[1], maxsplit=1)[0]  # its lines
        assert f"\n      {said}: [V] NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a" in block, cutoff
        assert f"\n      {' ' * len(said)}→ [V] NĐ 351/2025/NĐ-CP" in block, cutoff
        classes = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", lang).output
        block = re.split(r"\n  (?! )", classes.split("income_per_capita > average_line", 1)[1], maxsplit=1)[0]
        assert f"\n      {said}: [V] QĐ 59/2015/QĐ-TTg, Điều 2 (trên mức sống trung bình)" in block, classes
        assert "→ [V] NĐ 07/2021/NĐ-CP, Điều 3 (trên mức sống trung bình)" in block, classes


@pytest.mark.parametrize("bundled", ["vn-2022-2026.yaml", "local/example-province-2026.yaml"])
def test_check_of_a_changed_copy_under_a_bundled_standards_id_and_version_is_refused(
    tmp_path: Path, bundled: str
) -> None:
    """A contributor's copy of a bundled standard, changed but keeping its id and version (vn-2022-2026,
    version 2025.02, the rural line raised to 1,600,000), passed ``rulesets check`` as 'ok
    (vn-2022-2026@2025.02 …)', and classifying with it stamped every result 'vn-2022-2026@2025.02', the
    bundled standard's label, beside results that standard gives otherwise (poor where it says average).
    ``check`` now refuses it at its ``version:`` line, naming the bundled file and what differs; an unchanged
    copy still passes."""
    source = ROOT / "poverty_rules" / "rulesets" / bundled
    copy = tmp_path / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert _run("rulesets", "check", str(copy), "--lang", "en").exit_code == 0
    text = source.read_text(encoding="utf-8")
    changed = text.replace("value: {rural: 1_500_000, urban: 2_000_000}", "value: {rural: 1_600_000, urban: 2_000_000}")
    changed = changed.replace("months: 48 ", "months: 60 ")
    assert changed != text
    copy.write_text(changed, encoding="utf-8")
    for lang, said in (("en", "differs from it"), ("vi", "khác chuẩn đó")):
        result = _run("rulesets", "check", str(copy), "--lang", lang)
        assert result.exit_code == 2, result.output
        line = _line_of(copy, "version:")
        assert (f"{copy}:{line}:" if lang == "en" else f"{copy}, dòng {line}:") in result.output
        assert said in result.output and bundled in result.output
        assert ("income_line" if "local" not in bundled else "national_programme") in result.output


_PROVINCE_B = """\
id: tinh-b-2026
extends: vn-2022-2026
version: "1"
title: {vi: "Chuẩn nghèo Tỉnh B năm 2026", en: "Province B local standard, 2026"}
legal_basis: "[TEST] Quyết định 12/2026/QĐ-UBND của UBND Tỉnh B"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["test"]
programmes:
  national_programme:
    months: 48
    reference: "[TEST] QĐ 12/2026/QĐ-UBND, Điều 4"
    confidence: U
"""


def test_a_local_standard_is_found_by_the_id_rulesets_list_shows_whatever_its_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local standard kept in rulesets/local/ under a file name of its own (chuan_tinh_b.yaml, as the
    help's chuan_tinh_2026.yaml) was listed by ``rulesets list`` as 'tinh-b-2026', its id, but ``show``,
    ``check``, ``--local`` and a case's ``ruleset:`` refused that id ('no ruleset with this id (known: …
    chuan_tinh_b …)'; check: 'cannot read the file'). It is now found by its id as by its file's name; two
    files stating one id are refused by that id, naming both."""
    folder = tmp_path / "local"
    folder.mkdir()
    mine = folder / "chuan_tinh_b.yaml"
    mine.write_text(_PROVINCE_B, encoding="utf-8")
    bundled = registry.local_files()
    monkeypatch.setattr(registry, "local_files", lambda: [*bundled, mine])
    monkeypatch.setattr(rulesets_cli, "local_files", lambda: [*bundled, mine])  # `list` reads the folder itself
    assert "tinh-b-2026" in _run("rulesets", "list", "--lang", "en").output
    for command in ("show", "check"):
        result = _run("rulesets", command, "tinh-b-2026", "--lang", "en")
        assert result.exit_code == 0, result.output
        assert "tinh-b-2026@1" in result.output
    assert load_ruleset("tinh-b-2026").label == "vn-2022-2026@2025.02+tinh-b-2026@1"
    assert load_ruleset("chuan_tinh_b").label == "vn-2022-2026@2025.02+tinh-b-2026@1"
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "title: t\nas_of: 2026-06-01\nruleset: tinh-b-2026\ncases:\n  - name: escaped\n    law: '[TEST] Điều 4'\n"
        "    household: {area: rural, income_per_capita: 2400000, previous_status: poor}\n"
        "    expect: {eligible_until: 2030-05-31}\n",
        encoding="utf-8",
    )
    result = _run("test", str(cases), "--lang", "en")
    assert result.exit_code == 0, result.output
    other = folder / "tinh_b_copy.yaml"
    other.write_text(_PROVINCE_B, encoding="utf-8")
    monkeypatch.setattr(registry, "local_files", lambda: [*bundled, mine, other])
    result = _run("rulesets", "show", "tinh-b-2026", "--lang", "en")
    assert result.exit_code == 2
    assert "chuan_tinh_b.yaml" in result.output and "tinh_b_copy.yaml" in result.output


def test_list_says_a_national_file_in_the_local_folder_is_not_a_local_standard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A contributor's copy of a national standard with an indicator added, put in rulesets/local/, was listed
    among the local standards as 'extends None' (Python's word for nothing). It is now listed with an error
    saying that a file there must extend a national standard, and that a national one belongs in rulesets/."""
    folder = tmp_path / "local"
    folder.mkdir()
    text = (ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(encoding="utf-8")
    copy = folder / "vn-2022-2026-cooking.yaml"
    copy.write_text(text.replace("id: vn-2022-2026\n", "id: vn-2022-2026-cooking\nexample: true\n"), encoding="utf-8")
    bundled = registry.local_files()
    monkeypatch.setattr(registry, "local_files", lambda: [*bundled, copy])
    monkeypatch.setattr(rulesets_cli, "local_files", lambda: [*bundled, copy])
    for lang, said in (("en", "ERROR"), ("vi", "LỖI")):
        result = _run("rulesets", "list", "--lang", lang)
        assert result.exit_code == 0, result.output
        assert "None" not in result.output
        row = next(line for line in result.output.splitlines() if "vn-2022-2026-cooking" in line)
        assert said in row and "extends:" in row and "rulesets/local/" in row


def test_check_refuses_an_indicator_header_that_is_a_household_columns(tmp_path: Path) -> None:
    """A local standard's added indicator with ``aliases: [Khu vực]`` (the area column's header) passed
    ``rulesets check``; in a household file that header is read as the area, so the indicator never found its
    column and was never marked, silently. ``check`` now refuses the alias at its line, naming the column."""
    path = tmp_path / "tinh-b-2026.yaml"
    path.write_text(
        _PROVINCE_B
        + "indicators:\n  - id: clean_cooking\n    dimension: housing\n    label: {vi: Chất đốt, en: Cooking fuel}\n"
        + "    aliases: [Chất đốt, khu  vuc]\n    reference: '[TEST] QĐ 12/2026, Điều 3'\n    confidence: U\n",
        encoding="utf-8",
    )
    for lang, said in (("en", "is the header of the household column area"), ("vi", "là tiêu đề của cột area")):
        result = _run("rulesets", "check", str(path), "--lang", lang)
        assert result.exit_code == 2, result.output
        line = _line_of(path, "aliases:")
        assert (f"{path}:{line}:" if lang == "en" else f"{path}, dòng {line}:") in result.output
        assert said in result.output and "'khu  vuc'" in result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_classify_with_a_changed_copy_under_a_bundled_label_says_so(tmp_path: Path, lang: str) -> None:
    """A changed copy of vn-2022-2026.yaml keeping its id and version (the rural line raised to 1,600,000) is
    refused by ``rulesets check``, but ``classify --ruleset copy.yaml`` (and ``review``) ran with it without a
    word, stamping every result 'vn-2022-2026@2025.02' as the bundled standard's. The run now says so in a note
    naming the file, the bundled standard and what differs, and asks for a version of its own and 'rulesets
    check', in --lang; an unchanged copy says nothing."""
    source = ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1550000\n", encoding="utf-8")
    args = ["--lang", lang, "classify", str(households), "--ruleset", str(copy), "--as-of", "2025-12-01"]
    args += ["-o", str(tmp_path / "out.csv"), "--blank-flags", "not-deprived"]
    said = {"vi": "khác chuẩn đó (income_line)", "en": "differs from it (income_line)"}
    unchanged = _run(*args)
    assert unchanged.exit_code == 0 and said[lang] not in unchanged.output, unchanged.output
    text = source.read_text(encoding="utf-8")
    copy.write_text(text.replace("value: {rural: 1_500_000,", "value: {rural: 1_600_000,"), encoding="utf-8")
    review = [*args[:2], "review", str(households), "--ruleset", str(copy), "--date", "2025-12-01"]
    review += ["-o", str(tmp_path / "r.csv"), "--blank-flags", "not-deprived", "--db", str(tmp_path / "h.db")]
    for command in (args, [*review, "--commune", "X"]):
        result = _run(*command)
        assert result.exit_code == 0, result.output
        text = " ".join(result.output.split())
        assert f"{copy}: vn-2022-2026@2025.02" in text and said[lang] in text, result.output
        assert "poverty_rules/rulesets/vn-2022-2026.yaml" in text and f"rulesets check {copy}" in text


@pytest.mark.parametrize(("lang", "said"), [("en", "deprived when"), ("vi", "thiếu hụt khi")])
def test_an_indicators_rule_is_not_called_a_member_rule(lang: str, said: str) -> None:
    """``rulesets diff`` and ``show`` headed every ``deprived_when`` "member rule" / "quy tắc theo thành viên",
    also a rule on the household's own fields (telecom's ``not internet_use and not phone_subscription``,
    housing quality's walls and roof; docs/members.md "Household-level fields"): they head it as the key
    says, the rule by which the indicator is deprived."""
    diff = _run("rulesets", "diff", "vn-2016-2021", "vn-2022-2026", "--lang", lang)
    assert diff.exit_code == 0, diff.output
    rule = "not internet_use and not phone_subscription"
    if lang == "vi":  # read in Vietnamese, the rule's own text labelled as such
        rule = f"không có người dùng internet và không có thuê bao điện thoại (quy tắc: {rule})"
    assert f"{said}: {rule}" in diff.output, diff.output
    assert "member rule" not in diff.output and "quy tắc theo thành viên" not in diff.output


def _without_low_income_worker(tmp_path: Path, keep_entry: bool) -> Path:
    """vn-2027-2030 under a draft version whose ``not_defined:`` lacks the low-income-worker entry (or keeps it
    without its ``reference:``)."""
    text = V2027.read_text(encoding="utf-8").replace('version: "2025.12"', 'version: "2025.12-draft"')
    start = text.index("  - id: low_income_worker")
    end = text.index("\n\n", start)
    entry = text[start:end]
    if keep_entry:
        kept = "\n".join(line for line in entry.splitlines() if not line.startswith("    reference:"))
        text = text[:start] + kept + text[end:]
    else:
        text = text[:start] + text[end:]
    path = tmp_path / "vn-2027-2030-draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_refuses_a_national_standard_dropping_an_earlier_mark_without_a_word(tmp_path: Path) -> None:
    """vn-2027-2030 dropped the low-income-worker mark of Nghị định 30/2025 (and the telecom and information-means
    indicators) without declaring it, and ``rulesets check`` passed it: a reader could not tell a repeal from an
    entry forgotten. Each indicator and mark of the standard before that a national file drops must now be under
    ``not_defined:`` with its reference; check refuses one dropped silently, or declared without a citation."""
    path = _without_low_income_worker(tmp_path, keep_entry=False)
    for lang, said in (
        ("en", "designations.low_income_worker of the standard before (vn-2022-2026@2025.02) is not in this standard"),
        ("vi", "designations.low_income_worker của chuẩn trước (vn-2022-2026@2025.02) không có trong chuẩn này"),
    ):
        result = _run("rulesets", "check", str(path), "--lang", lang)
        assert result.exit_code == 2, result.output
        line = _line_of(path, "not_defined:")
        assert (f"{path}:{line}:" if lang == "en" else f"{path}, dòng {line}:") in result.output
        assert said in result.output
    path = _without_low_income_worker(tmp_path, keep_entry=True)
    result = _run("rulesets", "check", str(path), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"{path}:{_line_of(path, '- id: low_income_worker')}:" in result.output
    assert "not_defined.low_income_worker" in result.output and "add `reference:`" in result.output
    shown = _run("rulesets", "show", "vn-2027-2030", "--lang", "en").output
    assert "low_income_worker" in shown.split("Not defined:")[1] and "NĐ 30/2025/NĐ-CP" in shown


_SOME_BAD_CASES = """\
title: several cases, two of them bad
as_of: 2025-12-01
ruleset: vn-2022-2026
cases:
  - name: on the rural line with three deprivations
    law: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a
    household: {area: rural, income_per_capita: 1500000, deprived: [water, sanitation, telecom]}
    expect: {status: poor}
  - name: a misspelt indicator
    law: NĐ 07/2021/NĐ-CP, Điều 3
    household: {area: rural, income_per_capita: 1500000, deprived: [watr]}
    expect: {status: near_poor}
  - name: no article cited
    household: {area: rural, income_per_capita: 1500000}
    expect: {status: near_poor}
  - name: one dong above the rural line
    law: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm c
    household: {area: rural, income_per_capita: 1500001}
    expect: {status: poor}
  - name: one dong above the urban line
    law: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm c
    household: {area: urban, income_per_capita: 2000001}
    expect: {status: average}
"""


def test_one_bad_case_does_not_stop_the_other_cases_of_its_file(tmp_path: Path) -> None:
    """One bad case in a scenario file (a misspelt indicator, a case with no ``law:``) stopped the whole file:
    the officer saw that one error and none of the other cases' verdicts. Each bad case is now said at its line,
    naming the case, the file's other cases still run (a failing one shown as failing), the summary counts the
    cases that could not be run, and the exit code is 2; in vi and en."""
    path = tmp_path / "cases.yaml"
    path.write_text(_SOME_BAD_CASES, encoding="utf-8")
    result = _run("test", str(path), "-v", "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"error: {path}:11: case 'a misspelt indicator': household: deprived: watr is not an indicator" in (
        result.stderr
    )
    assert f"error: {path}:13: cases.3.law: Field required" in result.stderr
    assert f"PASS {path}: on the rural line with three deprivations" in result.stdout
    assert f"FAIL {path}: one dong above the rural line" in result.stdout
    assert f"PASS {path}: one dong above the urban line" in result.stdout
    assert result.stdout.strip().endswith("2 passed, 1 failed; 2 cases could not be run (errors above)")
    vi = _run("test", str(path), "--lang", "vi")
    assert vi.exit_code == 2
    assert f"lỗi: {path}, dòng 11: tình huống 'a misspelt indicator'" in vi.stderr
    assert vi.stdout.strip().endswith("2 đạt, 1 sai; 2 tình huống không chạy được (lỗi ở trên)")


def test_two_local_standards_stating_one_id_and_version_are_refused_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two contributors' files in rulesets/local/ (tinh-b.yaml with a 48-month window, tinh-b-moi.yaml with 60)
    both stating id tinh-b-2026, version 1, each passed 'rulesets check' and each classified under its file's
    name, stamping results and histories with the one label vn-2022-2026@2025.02+tinh-b-2026@1: two standards no
    one could tell apart. Loading either (by its file's name or path) and checking either is now refused at its
    version: line, naming both files and what differs, in vi and en; the same id with another version, or the
    same text twice, is not."""
    folder = tmp_path / "local"
    folder.mkdir()
    first, second = folder / "tinh-b.yaml", folder / "tinh-b-moi.yaml"
    first.write_text(_PROVINCE_B, encoding="utf-8")
    second.write_text(_PROVINCE_B.replace("months: 48", "months: 60"), encoding="utf-8")
    bundled = registry.local_files()
    monkeypatch.setattr(registry, "local_files", lambda: [*bundled, first, second])
    monkeypatch.setattr(rulesets_cli, "local_files", lambda: [*bundled, first, second])
    for name, other in (("tinh-b", "tinh-b-moi"), ("tinh-b-moi", "tinh-b"), (str(second), "tinh-b")):
        for lang, said in (("en", "both state the id and version"), ("vi", "cùng ghi mã và phiên bản")):
            result = _run("rulesets", "show", name, "--lang", lang)
            assert result.exit_code == 2, result.output
            assert said in result.stderr and f"local/{other}.yaml" in result.stderr, result.stderr
            assert "vn-2022-2026@2025.02+tinh-b-2026@1" in result.stderr and "(national_programme)" in (result.stderr)
    checked = _run("rulesets", "check", str(second), "--lang", "en")
    assert checked.exit_code == 2 and f"{second}:3:" in checked.stderr and str(first) in checked.stderr
    second.write_text(_PROVINCE_B.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    assert _run("rulesets", "show", "tinh-b-moi", "--lang", "en").exit_code == 0
    assert _run("rulesets", "show", "tinh-b", "--lang", "en").exit_code == 0
    second.write_text(_PROVINCE_B, encoding="utf-8")  # the same standard twice: one label, one standard
    assert _run("rulesets", "show", "tinh-b-moi", "--lang", "en").exit_code == 0


_PROVINCE_C = """\
id: tinh-c-2026
extends: vn-2022-2026
version: "1"
title: {vi: "Chuẩn nghèo Tỉnh C năm 2026", en: "Province C local standard, 2026"}
legal_basis: "[TEST] Quyết định 13/2026/QĐ-UBND của UBND Tỉnh C"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["test"]
parameters:
  income_line:
    value: {rural: 2_300_000}
    reference: "[TEST] QĐ 13/2026/QĐ-UBND, Điều 1"
    confidence: U
  score_line:
    value: {rural: 200}
    reference: "[TEST] QĐ 13/2026/QĐ-UBND, Điều 1"
    confidence: U
"""


def test_a_local_line_above_the_national_average_line_is_said(tmp_path: Path) -> None:
    """A local standard raising the rural line to 2,300,000, above the national average line 2,250,000, passed
    'rulesets check' and classified with '--local' without a word, though under it no rural household can be
    average (local_status holds none: 2,250,001 is near-poor or poor, 2,300,001 not poor). check and classify
    --local now note it, naming the file, the area, the class and the lines that leave no income between them,
    and that the national result keeps its average class (docs/standard.md §1), in vi and en; a standard that
    keeps the band (example-province-2026) gets no such note."""
    path = tmp_path / "tinh-c.yaml"
    path.write_text(_PROVINCE_C, encoding="utf-8")
    for lang, said in (
        ("en", "under tinh-c-2026 no rural household is classed 'Household with an average living standard'"),
        ("vi", "theo tinh-c-2026, không hộ nông thôn nào được xếp 'Hộ có mức sống trung bình'"),
    ):
        result = _run("rulesets", "check", str(path), "--lang", lang)
        assert result.exit_code == 0, result.output
        assert f"{path}: {said}" in result.output
        assert (
            "average_line 2" in result.output
            and "income_line 2" in result.output
            and "(vn-2022-2026)" in (result.output)
        )
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\n1,rural,2260000\n", encoding="utf-8")
    out = tmp_path / "ket_qua.csv"
    result = _run("classify", str(households), "--as-of", "2026-06-01", "--local", str(path), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "không hộ nông thôn nào được xếp 'Hộ có mức sống trung bình'" in result.stderr
    assert "average_line 2.250.000, income_line 2.300.000" in result.stderr
    quiet = _run("rulesets", "check", "example-province-2026", "--lang", "en")
    assert quiet.exit_code == 0 and "no rural household is classed" not in quiet.output


def test_a_date_that_does_not_exist_in_one_case_does_not_stop_the_others(tmp_path: Path) -> None:
    """A case whose as_of (or escaped_on) was a date that does not exist (2025-13-01) stopped the whole scenario file
    at the YAML reading, none of its other cases run. It is now said at its line as that case's error, in vi and
    en, and the file's other cases run (exit 2); such a date in the file's own as_of still stops the file."""
    path = tmp_path / "cases.yaml"
    path.write_text(
        _SOME_BAD_CASES.replace(
            "  - name: no article cited\n", "  - name: no article cited\n    as_of: 2025-13-01\n"
        ).replace("income_per_capita: 1500000, deprived: [watr]", "income_per_capita: 1500000, escaped_on: 2024-02-30"),
        encoding="utf-8",
    )
    result = _run("test", str(path), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"error: {path}:11: 2024-02-30 is not a real date" in result.stderr
    assert f"error: {path}:14: 2025-13-01 is not a real date" in result.stderr
    assert result.stdout.strip().endswith("2 passed, 1 failed; 2 cases could not be run (errors above)")
    vi = _run("test", str(path), "--lang", "vi")
    assert f"lỗi: {path}, dòng 14: ngày 2025-13-01 không có thật" in vi.stderr and vi.exit_code == 2
    path.write_text(_SOME_BAD_CASES.replace("as_of: 2025-12-01", "as_of: 2025-12-32"), encoding="utf-8")
    whole = _run("test", str(path), "--lang", "en")
    assert whole.exit_code == 2 and f"{path}:2: 2025-12-32 is not a real date" in whole.stderr and not whole.stdout


def test_a_key_given_twice_in_one_case_does_not_stop_the_others(tmp_path: Path) -> None:
    """A case with a key written twice (its expect: copied below itself) stopped the whole scenario file while its
    YAML was read. It is now said at the second key's line as that case's error, in vi and en, and the other cases
    run (exit 2); a top-level key given twice still stops the file."""
    path = tmp_path / "cases.yaml"
    text = _SOME_BAD_CASES.replace(
        "    expect: {status: near_poor}\n  - name: no article cited",
        "    expect: {status: near_poor}\n    expect: {status: poor}\n  - name: no article cited",
    )
    path.write_text(text, encoding="utf-8")
    result = _run("test", str(path), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"error: {path}:13:" in result.stderr and "cases.2.expect" in result.stderr  # the second case
    assert result.stdout.strip().endswith("2 passed, 1 failed; 2 cases could not be run (errors above)")
    vi = _run("test", str(path), "--lang", "vi")
    assert f"lỗi: {path}, dòng 13:" in vi.stderr and vi.exit_code == 2
    path.write_text(text.replace("ruleset: vn-2022-2026\n", "ruleset: vn-2022-2026\nruleset: vn-2022-2026\n"), "utf-8")
    whole = _run("test", str(path), "--lang", "en")
    assert whole.exit_code == 2 and f"{path}:4:" in whole.stderr and not whole.stdout


def test_check_refuses_a_national_standard_declaring_not_defined_what_it_defines(tmp_path: Path) -> None:
    """A national file listing 'waste' both among its indicators and under not_defined: passed 'rulesets check',
    and 'rulesets show' listed it under both, so no reader could tell which held. check now refuses the not_defined
    entry at its line, naming the line that defines it, in vi and en."""
    text = V2027.read_text(encoding="utf-8").replace('version: "2025.12"', 'version: "draft"')
    text = text.replace(
        "  - id: score_path\n",
        "  - id: waste\n    note: {vi: không rõ, en: unclear}\n    confidence: U\n  - id: score_path\n",
        1,
    )
    path = tmp_path / "vn-2027-2030-draft.yaml"
    path.write_text(text, encoding="utf-8")
    for lang, said in (("en", "is one of this standard's indicators (line"), ("vi", "là một mục của indicators")):
        result = _run("rulesets", "check", str(path), "--lang", lang)
        assert result.exit_code == 2, result.output
        line = _line_of(path, "  - id: waste")
        assert (f"{path}:{line}:" if lang == "en" else f"{path}, dòng {line}:") in result.stderr
        assert said in result.stderr and "not_defined.waste" in result.stderr


def test_diff_of_a_local_standard_above_the_average_line_says_the_class_it_never_gives(tmp_path: Path) -> None:
    """'rulesets diff vn-2022-2026 tinh-c.yaml' showed the rural line 1,500,000 → 2,300,000 as stricter and nothing
    more, though under it no rural household can be average (the note check and classify --local give). diff of a
    local standard against its base now ends with the same note, in vi and en."""
    path = tmp_path / "tinh-c.yaml"
    path.write_text(_PROVINCE_C, encoding="utf-8")
    for lang, said in (("en", "no rural household is classed"), ("vi", "không hộ nông thôn nào được xếp")):
        result = _run("rulesets", "diff", "vn-2022-2026", str(path), "--lang", lang)
        assert result.exit_code == 0, result.output
        assert said in result.output.splitlines()[-1]
    assert "is classed" not in _run("rulesets", "diff", "vn-2022-2026", "example-province-2026", "--lang", "en").output


def test_a_files_own_unknown_programme_is_said_once(tmp_path: Path) -> None:
    """A file's own 'programme: policy_credi' (a typo) was said once per case that expects eligible_until, each at
    the file's line 4, as if every case were broken. It is now the file's error, said once; the file is not run."""
    path = tmp_path / "cases.yaml"
    case = (
        "  - name: {name}\n    law: NHCSXH (3 năm)\n"
        "    household: {{area: rural, income_per_capita: 3000000, previous_status: not_poor,"
        " escaped_on: 2024-12-20}}\n"
        "    expect: {{eligible_until: 2027-12-19}}\n"
    )
    path.write_text(
        "title: t\nas_of: 2025-06-01\nruleset: vn-2022-2026\nprogramme: policy_credi\ncases:\n"
        + case.format(name="a")
        + case.format(name="b"),
        encoding="utf-8",
    )
    result = _run("test", str(path), "--lang", "en")
    assert result.exit_code == 2 and not result.stdout
    assert result.stderr.count("programme: policy_credi is not a support programme of vn-2022-2026") == 1
    assert f"{path}:4:" in result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("policy_credi\n", "policy_credit\n"), encoding="utf-8")
    assert _run("test", str(path), "--lang", "en").exit_code == 0


@pytest.mark.parametrize(
    ("name", "changes", "at", "said"),
    [
        (
            "vn-2027-2030",
            {
                "id: vn-2027-2030": "id: vn-2031-2035",
                "valid_from: 2027-01-01": "valid_from: 2031-02-01",
                "valid_to: 2030-12-31": "valid_to: 2035-12-31",
            },
            "valid_from:",
            "gap between vn-2027-2030 (valid to 2030-12-31) and vn-2031-2035 (valid from 2031-02-01)",
        ),
        (
            "vn-2022-2026",
            {'version: "2025.02"': 'version: "2026.06"', "valid_to: 2026-12-31": "valid_to: 2026-06-30"},
            "valid_to:",
            "gap between vn-2022-2026 (valid to 2026-06-30) and vn-2027-2030 (valid from 2027-01-01)",
        ),
    ],
)
def test_check_refuses_a_national_file_that_leaves_a_gap(
    tmp_path: Path, name: str, changes: dict[str, str], at: str, said: str
) -> None:
    """`rulesets check` of the next national standard (a copy of vn-2027-2030 as vn-2031-2035, valid from
    2031-02-01) said 'ok', though January 2031 would be covered by no standard (national standards may
    neither overlap nor leave gaps, docs/rulesets.md) and the tool, the file put among the bundled ones,
    refuses to load any standard; so did a new version of vn-2022-2026 ending on 2026-06-30. The gap is now
    refused as an overlap is, at the line of the date that leaves it, in either language."""
    text = (ROOT / "poverty_rules" / "rulesets" / f"{name}.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "next.yaml"
    path.write_text(text, encoding="utf-8")
    result = _run("rulesets", "check", str(path), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"{path}:{_line_of(path, at)}:" in result.stderr, result.stderr
    assert said in result.stderr
    vi = _run("rulesets", "check", str(path), "--lang", "vi")
    assert vi.exit_code == 2 and "khoảng hở giữa vn-20" in vi.stderr, vi.stderr


@pytest.mark.parametrize("args", [("show", "vn-2022-2026"), ("diff", "vn-2016-2021", "vn-2022-2026")])
def test_show_and_diff_read_the_rules_in_vietnamese_and_label_the_rule_text(args: tuple[str, ...]) -> None:
    """Under --lang vi, show and diff printed each condition as rule text, English-like ('khi not known(score_a)
    and income_per_capita <= income_line and …', 'thiếu hụt khi: any(member, member.age >= … and not …)'). Each
    is now read in Vietnamese (the labels of what it reads, và / hoặc / không, ≤), the rule's own text after it
    labelled '(quy tắc: …)'; nothing of the rule language is left outside that label."""
    import re

    out = _run("rulesets", *args, "--lang", "vi")
    assert out.exit_code == 0, out.output
    assert "khi không có điểm A và thu nhập bình quân đầu người ≤ Chuẩn nghèo về thu nhập" in out.output
    assert "(quy tắc: not known(score_a) and income_per_capita <= income_line" in out.output
    read = re.sub(r"\(quy tắc: [^\n]*?\)(?=  |\n|$)", "", out.output)
    for said in (" and ", " or ", "known(", "any(member", "count(member", "<=", ">="):
        assert said not in read, (said, [line for line in read.splitlines() if said in line][:3])


def test_show_and_diff_give_the_dimensions_names() -> None:
    """The dimensions' names (``dimensions:``), which the report page shows, were in no command: a province
    adding a dimension of its own, or renaming one, saw it in neither show nor diff. show lists them with their
    citations, diff says which came, went or changed, in the language asked for."""
    shown = _run("rulesets", "show", "example-hcmc-style-2022-2025", "--lang", "vi").output
    assert "\nChiều thiếu hụt:\n" in shown
    assert "  social_insurance           Bảo hiểm xã hội  [P] Nghị quyết HĐND TP.HCM" in shown
    diff = _run("rulesets", "diff", "vn-2022-2026", "example-hcmc-style-2022-2025", "--lang", "en").output
    assert "\nDimensions:\n  + social_insurance: Social insurance\n" in diff
    later = _run("rulesets", "diff", "vn-2022-2026", "vn-2027-2030", "--lang", "vi").output
    assert "  - water_sanitation: Nước sinh hoạt và vệ sinh" in later
    assert "  + water_sanitation_environment: Nước, vệ sinh và môi trường" in later


def test_a_class_taken_first_by_an_earlier_class_is_said_so_not_blamed_on_its_lines(tmp_path: Path) -> None:
    """A province's class table whose first class holds for every household (a catch-all written first) leaves
    its poor and near-poor classes none: rulesets check said their lines 'leave no income between them'
    (income_line 1,800,000), which is not so, and the author looked for the fault in the lines. The note now
    names the earlier class that takes those households, in vi and en; a class whose lines do leave it no
    income is still said so."""
    cite = '    reference: "QĐ 01/2026, Điều 2"\n    confidence: U\n'
    head = (
        "id: tinh-x-2026\nextends: vn-2022-2026\nversion: '1'\ntitle: {vi: T, en: T}\nlegal_basis: QĐ 01/2026\n"
        "valid_from: 2026-01-01\nvalid_to: 2026-12-31\nsources: [x]\nparameters:\n  income_line:\n"
        "    value: {rural: 1_800_000}\n" + cite + "  score_line:\n    value: {rural: 168}\n" + cite + "classes:\n"
    )
    rules = [
        ("all_x", "not_poor", "known(income_per_capita) or not known(income_per_capita)"),
        ("poor_x", "poor", "income_per_capita <= income_line and deprivation_count >= deprivation_cutoff"),
        ("near_poor_x", "near_poor", "income_per_capita <= income_line"),
        ("not_poor_x", "not_poor", "income_per_capita > income_line"),
    ]
    body = "".join(f"  - id: {i}\n    status: {s}\n    decided_by: income\n    when: {w}\n{cite}" for i, s, w in rules)
    path = tmp_path / "x.yaml"
    path.write_text(head + body, encoding="utf-8")
    en = " ".join(_run("rulesets", "check", str(path), "--lang", "en").output.split())
    assert (
        "no rural or urban household is classed 'Poor household': its rules hold for some households, but the "
        "class 'all_x' before them takes those households first" in en
    )
    assert "leave no income between them" not in en
    vi = " ".join(_run("rulesets", "check", str(path), "--lang", "vi").output.split())
    assert "nhưng lớp 'all_x' đứng trước đã xếp các hộ đó" in vi


@pytest.mark.parametrize(
    "args",
    [
        ("classify", "h.csv", "-o", "o.csv"),
        ("explain", "h.csv", "1"),
        ("rulesets", "show"),
        ("rulesets", "diff", "vn-2022-2026"),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_broken_ruleset_file_is_named_as_the_user_wrote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], lang: str
) -> None:
    """``classify --ruleset bad.yaml`` named the file by the absolute path it was read from (the working folder,
    then ``bad.yaml, dòng 3: …``)
    while ``rulesets check bad.yaml`` said ``bad.yaml, dòng 3``: every command, and the library, now name the file
    as it was written on the command line, relative parts and all."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "bad.yaml").write_text("id: bad\nversion: [\n", encoding="utf-8")
    (tmp_path / "h.csv").write_text("household_id,area,income_per_capita\n1,rural,1000000\n", encoding="utf-8")
    written = "sub/../bad.yaml"
    if args[0] == "rulesets":
        cmd = [*args[:2], written, *args[2:]]
    else:
        cmd = [*args, "--ruleset", written]
    result = _run(*cmd, "--lang", lang)
    assert result.exit_code == 2, result.output
    line = ", dòng 3: " if lang == "vi" else ":3: "
    assert f"{written}{line}" in result.stderr
    assert str(tmp_path) not in result.stderr
    with pytest.raises(registry.RulesetError) as raised:
        load_ruleset(written)
    assert raised.value.file == written and str(raised.value).startswith(f"{written}:3: ")
    assert raised.value.in_lang("vi").startswith(f"{written}, dòng 3: ")


_LOCAL_ON_A_BROKEN_BASE = """id: tinh-a-2026
extends: {base}
version: "1"
example: true
title: {{vi: "Tỉnh A", en: "Province A"}}
legal_basis: "[VÍ DỤ] Quyết định 00/2026/QĐ-UBND"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["example"]
parameters:
  income_line:
    value: {{rural: 2_000_000}}
"""


@pytest.mark.parametrize(
    ("base", "named"),
    [("goc.yaml", "tinh/goc.yaml"), ("sau/goc.yaml", "tinh/sau/goc.yaml"), ("../chung/goc.yaml", "chung/goc.yaml")],
)
@pytest.mark.parametrize(
    "args",
    [
        ("rulesets", "check", "tinh/tinh-a.yaml"),
        ("rulesets", "show", "tinh/tinh-a.yaml"),
        ("classify", "h.csv", "--as-of", "2026-06-01", "--local", "tinh/tinh-a.yaml"),
        ("classify", "h.csv", "--as-of", "2026-06-01", "--ruleset", "tinh/tinh-a.yaml"),
    ],
)
def test_a_broken_base_of_a_local_standard_is_named_from_the_local_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: str, named: str, args: tuple[str, ...]
) -> None:
    """A local standard's ``extends:`` file that is broken was named by the full path it was read from
    (``/home/…/tinh/goc.yaml, dòng 2``) where the officer typed ``--local tinh/tinh-a.yaml`` and its author wrote
    ``extends: goc.yaml``: it is named from the folder the officer gave (``tinh/goc.yaml``), or from the working
    folder when it lies outside it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tinh").mkdir()
    (tmp_path / "tinh" / "tinh-a.yaml").write_text(_LOCAL_ON_A_BROKEN_BASE.format(base=base), encoding="utf-8")
    broken = tmp_path / "tinh" / base
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("id: goc\nversion: [\n", encoding="utf-8")
    (tmp_path / "h.csv").write_text("household_id,area,income_per_capita\n1,rural,1000000\n", encoding="utf-8")
    for lang, line in (("vi", ", dòng 3: "), ("en", ":3: ")):
        result = _run(*args, "--lang", lang)
        assert result.exit_code == 2, result.output
        assert f"{named}{line}" in result.stderr
        assert str(tmp_path) not in result.stderr
