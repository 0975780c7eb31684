"""``poverty-rules explain``: the chain of rules for one household, in Vietnamese and English (golden files)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"
GOLDEN = Path(__file__).resolve().parent / "golden" / "explain"
INDICATORS_2022 = tuple(ind.id for ind in load_ruleset("vn-2022-2026").indicators)  # the file's flag columns
#: one poor, one near-poor and one undetermined household of the sample commune (vn-2022-2026)
CASES = {"poor": "HC-01-0033", "near_poor": "HC-01-0020", "undetermined": "HC-02-0199"}


def _explain(*args: str) -> object:
    return CliRunner().invoke(main, ["explain", str(SAMPLE), *args])


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_explanation_matches_golden(case: str, lang: str) -> None:
    result = _explain(CASES[case], "--ruleset", "vn-2022-2026", "--lang", lang)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{case}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_default_language_is_vietnamese() -> None:
    result = _explain(CASES["poor"], "--ruleset", "vn-2022-2026")
    assert result.exit_code == 0
    assert "Kết luận: Hộ nghèo" in result.output


def test_unknown_household_is_exit_2() -> None:
    result = _explain("NO-SUCH-ID", "--ruleset", "vn-2022-2026")
    assert result.exit_code == 2
    assert "NO-SUCH-ID" in result.output


def test_rejected_row_is_exit_2_with_the_reason() -> None:
    result = _explain("HC-03-0117", "--ruleset", "vn-2022-2026", "--lang", "en")  # line 657: area 'ngoại ô'
    assert result.exit_code == 2
    assert "rejected" in result.output and "area" in result.output
    vi = _explain("HC-03-0117", "--ruleset", "vn-2022-2026", "--lang", "vi")
    assert vi.exit_code == 2 and "bị loại nên không giải thích được: cột area" in vi.output


def test_unreadable_file_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "missing.csv"), "H1"])
    assert result.exit_code == 2


_FLAGS = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance"))
#: H1 in two communes (docs/input.md "Household codes": unique within its commune): poor in Xã A, not in Xã B
_TWO_COMMUNES = (
    f"household_id,commune,area,income_per_capita,{_FLAGS}\n"
    "H1,Xã A,rural,1000000,1,1,1,0\n"
    "H1,Xã B,urban,5000000,0,0,0,0\n"
    "H2,Xã B,urban,5000000,0,0,0,0\n"
)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_code_used_in_two_communes_is_refused_naming_them(lang: str, tmp_path: Path) -> None:
    """explain silently explained the first row (Xã A's poor household) for an officer of Xã B."""
    path = tmp_path / "dup.csv"
    path.write_text(_TWO_COMMUNES, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path), "H1", "--as-of", "2025-12-01", "--lang", lang])
    assert result.exit_code == 2
    assert "Xã A, Xã B" in result.output and "--commune" in result.output
    assert ("Hộ nghèo" if lang == "vi" else "Poor household") not in result.output


def test_commune_chooses_the_row_and_names_it_in_the_heading(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(_TWO_COMMUNES, encoding="utf-8")
    run = ["explain", str(path), "H1", "--as-of", "2025-12-01", "--lang", "en", "--commune"]
    b = CliRunner().invoke(main, [*run, "xa b"])  # folded as review --commune folds it
    assert b.exit_code == 0, b.output
    assert b.output.startswith("Household H1 — Xã B\n")
    assert "Conclusion: Not poor" in b.output
    a = CliRunner().invoke(main, [*run, "Xã A"])
    assert (
        a.exit_code == 0 and a.output.startswith("Household H1 — Xã A\n") and "Conclusion: Poor household" in a.output
    )
    missing = CliRunner().invoke(main, [*run, "Xã C"])
    assert missing.exit_code == 2 and "'Xã C'" in missing.output and "Xã A, Xã B" in missing.output
    one = CliRunner().invoke(main, ["explain", str(path), "H2", "--as-of", "2025-12-01", "--lang", "en"])
    assert one.exit_code == 0 and one.output.startswith("Household H2 — Xã B\n")


@pytest.mark.parametrize(
    ("lang", "case", "said"),
    [
        ("vi", "poor", "So sánh: có điểm A: đúng."),
        ("en", "poor", "Compared: score A given: true."),
        ("vi", "near_poor", "So sánh: không có điểm A: đúng."),
        ("en", "near_poor", "Compared: no score A: true."),
    ],
)
def test_steps_word_known_as_the_reason_does(lang: str, case: str, said: str) -> None:
    """The steps printed the rule code 'known(score_a): false' where the reason says 'no score A'."""
    result = _explain(CASES[case], "--ruleset", "vn-2022-2026", "--lang", lang)
    assert result.exit_code == 0, result.output
    steps = result.output.split("Kết luận" if lang == "vi" else "Conclusion")[0]
    assert said in steps and "known(" not in steps


def test_an_undetermined_household_shows_the_path_that_would_decide_it(tmp_path: Path) -> None:
    """Income and no score A: the steps showed 'score A unknown ≤ 140: unknown' (the score path, which
    does not apply) and left out 'income 0 ≤ 1,500,000: true'; score A and no income, the reverse."""
    path = tmp_path / "und.csv"
    marks = ",".join(["1", "1"] + ["0"] * 8)  # two deprivations, telecom and information assets unknown
    path.write_text(
        "household_id,area,income_per_capita,score_a,"
        + ",".join(f"deprived_{i}" for i in INDICATORS_2022)
        + f"\nI,rural,0,,{marks},,\nS,rural,,139,{marks},,\n",
        encoding="utf-8",
    )
    run = ["explain", str(path), "--as-of", "2025-12-01", "--lang", "en"]
    income = CliRunner().invoke(main, [*run[:2], "I", *run[2:]])
    assert income.exit_code == 0, income.output
    assert "Conclusion: Undetermined" in income.output
    assert "Compared: no score A: true." in income.output
    assert "Compared: per-capita income 0 ≤ Income poverty line 1,500,000: true." in income.output
    assert "Compared: score A" not in income.output
    score = CliRunner().invoke(main, [*run[:2], "S", *run[2:]])
    assert score.exit_code == 0, score.output
    assert "Compared: score A given: true." in score.output
    assert "Compared: score A 139 ≤ Score A line (income estimate) 140: true." in score.output
    assert "Compared: per-capita income" not in score.output


@pytest.mark.parametrize("engine", ["vectorized", "durable"])
def test_average_reason_says_the_poverty_line_it_is_above(engine: str) -> None:
    """The average band is `line < income <= upper bound` (NĐ 07/2021, Điều 3, khoản 2, điểm c): the
    reason says both comparisons with their numbers and the area — it said "có điểm A hoặc thu nhập bình
    quân đầu người > Chuẩn nghèo về thu nhập", no number, for a household without score A."""
    import pandas as pd

    import poverty_rules as pr

    frame = pd.DataFrame(
        {
            "household_id": ["R", "U", "A"],
            "area": ["rural", "urban", "rural"],
            "income_per_capita": ["1500001", "2000001", "1400000"],
            "score_a": ["", "", "141"],
            **{f"deprived_{i}": ["0", "0", "0"] for i in INDICATORS_2022},
        }
    )
    vi = pr.classify(frame, as_of="2025-12-01", explain=True, lang="vi", engine=engine)  # type: ignore[arg-type]
    en = pr.classify(frame, as_of="2025-12-01", explain=True, lang="en", engine=engine)  # type: ignore[arg-type]
    assert list(vi["status"]) == ["average"] * 3
    assert "thu nhập bình quân đầu người 1.500.001 > Chuẩn nghèo về thu nhập 1.500.000 (nông thôn)" in vi["reason"][0]
    assert "per-capita income 2,000,001 > Income poverty line 2,000,000 (urban)" in en["reason"][1]
    assert "có điểm A hoặc" not in vi["reason"][0] and "score A given or" not in en["reason"][1]
    # income at or below the line, score A above its line: the score comparison that places it there
    assert "; điểm A 141 > Ngưỡng điểm A (ước tính thu nhập) 140 (nông thôn)." in vi["reason"][2]


@pytest.mark.parametrize("ruleset", ["vn-2016-2021", "vn-2022-2026", "vn-2027-2030"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_vietnamese_explanation_words_its_rules_not_their_code(case: str, ruleset: str) -> None:
    """Each rule's condition and formula is worded with the fields' labels, 'và'/'hoặc' and ≤, as the
    officer reads it; the rule's id stays (it names the article), its code text does not."""
    rs = load_ruleset(ruleset)
    result = _explain(CASES[case], "--ruleset", ruleset, "--lang", "vi", "--as-of", str(rs.valid_from))
    assert result.exit_code == 0, result.output
    steps = result.output.split("Các quy tắc đã áp dụng, theo thứ tự:")[1].split("Tóm lại:")[0]
    names = {*rs.parameters, *(d.id for d in rs.derived), "income_per_capita", "score_a", "deprivation_count"}
    for line in steps.splitlines():
        worded = re.sub(r"Quy tắc \S+", "", line.split(". Căn cứ:")[0])  # the rule's id names its article
        assert not any(name in re.findall(r"\w+", worded) for name in names), line
        assert not any(code in worded for code in (" and ", " or ", "known(", "<=", ">=", " * ")), line


def test_a_worded_rule_keeps_its_grouping() -> None:
    from poverty_rules.rules import expressions as ex

    words = ex.Wording(
        name=str.upper, number=lambda x: f"{x:,.0f}", and_="và", or_="hoặc", not_="không phải",
        known="có {field}", not_known="không có {field}", operators={"<=": "≤"},
    )  # fmt: skip
    expr = ex.parse("(a <= 2 or not known(b)) and not (c > 1500000)")
    assert ex.to_text(expr, words) == "(A ≤ 2 hoặc không có B) và không phải C > 1,500,000"
    assert ex.to_text(expr) == "(a <= 2 or not known(b)) and not c > 1_500_000"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_numbers_in_exponent_form_are_explained(lang: str, tmp_path: Path) -> None:
    """An income of 10,000,000,000,000,000 (a mistyped one) or a score of 0.00001 travel through
    durable-rules as text (``num:1e+16``); the explanation read that text as a number and stopped with
    "unexpected failure (ValueError: could not convert string to float: 'num:1e+16')"."""
    source = tmp_path / "huge.csv"
    source.write_text(
        "household_id,area,income_per_capita,score_a\nA,rural,10000000000000000,\nB,urban,,0.00001\n", encoding="utf-8"
    )
    shown = {"vi": ("10.000.000.000.000.000", "0,00001"), "en": ("10,000,000,000,000,000", "0.00001")}[lang]
    for code, number in zip("AB", shown, strict=True):
        result = CliRunner().invoke(main, ["explain", str(source), code, "--as-of", "2025-12-01", "--lang", lang])
        assert result.exit_code == 0, result.output
        assert f": {number}\n" in result.output  # what the record says, as every number is shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_what_the_record_says_is_the_records_score_under_any_standard(lang: str) -> None:
    """Under a standard that does not read score A (the Bắc Ninh local standard, vn-2027-2030), "What the
    record says" called the score of a household whose row gives 126 unknown."""
    local = ["--local", "example-bac-ninh-2025"]
    result = _explain(CASES["undetermined"], "--as-of", "2025-06-01", *local, "--lang", lang)
    assert result.exit_code == 0, result.output
    said = {"vi": "  - điểm A: ", "en": "  - score A: "}[lang]
    assert [line for line in result.output.splitlines() if line.startswith(said)] == [said + "126"] * 2


def test_explain_reads_the_sheet_and_encoding_classify_reads(tmp_path: Path) -> None:
    """``classify --sheet 'Thôn Tây'`` and ``--encoding`` had no counterpart in ``explain``: a household on a
    workbook's second sheet (one sheet per village) was "not in the file", with no way to choose the sheet,
    and a file whose encoding must be forced could not be explained. ``explain`` takes both, and says which
    sheet it read."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Thôn Đông"
    first.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    first.append(["D1", "nông thôn", 3000000])
    second = wb.create_sheet("Thôn Tây")
    second.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    second.append(["T1", "thành thị", 2500000])
    wb.save(tmp_path / "ho.xlsx")
    args = ["explain", str(tmp_path / "ho.xlsx"), "T1", "--as-of", "2025-12-01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "2 trang tính đều là danh sách hộ ('Thôn Đông', 'Thôn Tây')" in result.output and "--sheet" in result.output
    for sheet in ("Thôn Tây", "2"):
        result = CliRunner().invoke(main, [*args, "--sheet", sheet])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Hộ T1\n")
    text = tmp_path / "ho_1258.csv"
    text.write_bytes("household_id;village;area;income_per_capita\r\nH1;Thôn Đông;rural;3000000\r\n".encode("cp1258"))
    args = ["explain", str(text), "H1", "--as-of", "2025-12-01", "--encoding"]
    assert CliRunner().invoke(main, [*args, "cp1258"]).exit_code == 0
    result = CliRunner().invoke(main, [*args, "utf-8"])  # the encoding forced is the one read
    assert result.exit_code == 2 and "UTF-8" in result.output.upper(), result.output


def test_a_derived_mark_names_its_source_and_the_members_behind_it(tmp_path: Path) -> None:
    """With a members file, each mark says where it came from: the household file, the household's
    fields, or the members list naming the members who make it deprived (code, row, age) or whom an
    unknown mark lacks information on; a household without member rows says so."""
    households = tmp_path / "h.csv"
    households.write_text(
        "household_id,area,income_per_capita,safe_water,deprived_sanitation\n"
        "H1,rural,1000000,0,1\n"
        "H2,rural,1000000,1,\n",
        encoding="utf-8",
    )
    members = tmp_path / "m.csv"
    members.write_text(
        "household_id,member_id,birth_date,has_health_insurance\n"
        "H1,01,1965-09-22,0\n"  # row 2: 60, uninsured: deprived
        "H1,02,2019-12-02,0\n"  # row 3: 5 on the review date: too young to count
        "H1,,,1\n",  # row 4: no code, no age, insured
        encoding="utf-8",
    )
    args = ["explain", str(households), "H1", "--as-of", "2025-12-01", "--members", str(members)]
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "Health insurance: yes (derived from the members list: member 01 (row 2, aged 60))" in en.output
    assert "Domestic water source: yes (derived from the household's fields)" in en.output
    assert "Hygienic latrine: yes (as marked in the household file)" in en.output
    assert "Nutrition: unknown (not enough information on member 02 (row 3, aged 5), row 4)" in en.output
    vi = CliRunner().invoke(main, [*args, "--lang", "vi"])
    assert vi.exit_code == 0, vi.output
    assert "Bảo hiểm y tế: có (suy ra từ danh sách thành viên: thành viên 01 (dòng 2, 60 tuổi))" in vi.output
    assert "Nguồn nước sinh hoạt: có (suy ra từ thông tin của hộ)" in vi.output
    assert "Nhà tiêu hợp vệ sinh: có (ghi trong tệp hộ)" in vi.output
    alone = CliRunner().invoke(main, [*args[:2], "H2", *args[3:], "--lang", "vi"])
    assert alone.exit_code == 0, alone.output
    assert "Bảo hiểm y tế: chưa rõ (không có dòng thành viên nào)" in alone.output


def test_the_local_explanation_names_the_members_behind_its_own_marks(tmp_path: Path) -> None:
    """The local standard's explanation said "Social insurance: yes" without the member who made it (the
    national one named them)."""
    households = tmp_path / "h.csv"
    households.write_text("household_id,area,income_per_capita\nH1,urban,1000000\n", encoding="utf-8")
    members = tmp_path / "m.csv"
    members.write_text(
        "household_id,member_id,birth_date,employment,has_social_insurance,has_health_insurance\n"
        "H1,1,1980-01-01,employed,0,1\n"
        "H1,2,2010-01-01,,,1\n",
        encoding="utf-8",
    )
    args = ["explain", str(households), "H1", "--as-of", "2025-06-01", "--members", str(members)]
    result = CliRunner().invoke(main, [*args, "--local", "example-hcmc-style-2022-2025", "--lang", "en"])
    assert result.exit_code == 0, result.output
    local = result.output.split("Classification by the local standard")[1]
    assert "Social insurance: yes (derived from the members list: member 1 (row 2, aged 45))" in local
    assert "Health insurance: no (derived from the members list)" in local


def test_explain_names_no_member_for_a_code_of_two_communes(tmp_path: Path) -> None:
    """The members of a code two communes' households share join neither (docs/members.md): explain named
    them as the household's members all the same."""
    households = tmp_path / "h.csv"
    households.write_text(
        "household_id,commune,area,income_per_capita\nH1,Xã A,rural,1000000\nH1,Xã B,rural,1000000\n",
        encoding="utf-8",
    )
    members = tmp_path / "m.csv"
    members.write_text("household_id,member_id,birth_date,has_health_insurance\nH1,1,1990-01-01,0\n", "utf-8")
    args = ["explain", str(households), "H1", "--commune", "Xã A", "--as-of", "2025-12-01", "--members", str(members)]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Health insurance: unknown (1 member row of code H1 not counted: the household file uses" in result.output


def _reviewed_file(tmp_path: Path) -> Path:
    """Three rural households with the last review's status: one leaves poverty now, one escaped in 2022
    (window still open on 2025-12-01, closed on 2025-12-20), one is poor again after an escape."""
    flags = ",".join(f"deprived_{i}" for i in INDICATORS_2022)
    one, none, three = ("1," + "0," * 11)[:-1], ",".join("0" * 12), ",".join(["1"] * 3 + ["0"] * 9)
    path = tmp_path / "reviewed.csv"
    path.write_text(
        f"household_id,area,income_per_capita,previous_status,escaped_on,{flags}\n"
        f"T1,rural,1400000,poor,,{one}\n"
        f"T5,rural,2600000,not_poor,2022-12-20,{none}\n"
        f"T4,rural,1400000,average,2023-01-31,{three}\n",
        encoding="utf-8",
    )
    return path


def test_explain_says_the_movement_and_the_support_window_classify_writes(tmp_path: Path) -> None:
    path = _reviewed_file(tmp_path)

    def run(code: str, day: str, lang: str) -> str:
        result = CliRunner().invoke(main, ["explain", str(path), code, "--as-of", day, "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.output

    escaped = run("T1", "2025-12-01", "vi")  # poor → near-poor: escaped now, 36 months from the review date
    assert "Diễn biến so với lần rà soát trước (ngày rà soát 01/12/2025):" in escaped
    assert "Tình trạng ở lần rà soát trước: Hộ nghèo" in escaped and "Diễn biến: Thoát nghèo" in escaped
    assert "Ngày công nhận thoát nghèo: 01/12/2025 (lần rà soát này)" in escaped
    assert "còn hưởng đến hết ngày 30/11/2028. Căn cứ: Quyết định 90/QĐ-TTg" in escaped
    open_window = run("T5", "2025-12-01", "en")
    assert "Movement: Unchanged" in open_window and "recognized on: 2022-12-20" in open_window
    assert "eligible through 2025-12-19" in open_window and "[confidence P]" in open_window
    assert "ended, its last day was 2025-12-19" in run("T5", "2025-12-20", "en")  # "why did we lose our card?"
    relapsed = run("T4", "2025-12-01", "vi")
    assert "Diễn biến: Tái nghèo" in relapsed and "không còn: hộ lại là hộ nghèo" in relapsed


def test_an_unknown_code_names_the_files_codes_close_to_it() -> None:
    lower = _explain("hc-01-0033", "--ruleset", "vn-2022-2026", "--lang", "en")  # typed in lower case
    assert lower.exit_code == 2
    assert "no household with household_id 'hc-01-0033' in the file; close codes in the file: HC-01-0033" in (
        lower.output
    )
    typo = _explain("HC-01-0O33", "--ruleset", "vn-2022-2026", "--lang", "vi")  # a letter O for a zero
    assert typo.exit_code == 2 and "HC-01-0033" in typo.output.split("Mã hộ gần giống có trong tệp: ")[1]
    nothing = _explain("NO-SUCH-ID", "--ruleset", "vn-2022-2026", "--lang", "en")  # nothing close: no list
    assert nothing.exit_code == 2 and "close codes" not in nothing.output


def test_a_rejected_row_names_its_column_once(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("household_id,area,income_per_capita,score_a\nU3,urban,,\n", encoding="utf-8")
    en = CliRunner().invoke(main, ["explain", str(path), "U3", "--as-of", "2025-12-01", "--lang", "en"])
    assert en.exit_code == 2
    assert "cannot be explained: column income_per_capita: is empty and so is score_a" in en.output
    vi = CliRunner().invoke(main, ["explain", str(path), "U3", "--as-of", "2025-12-01", "--lang", "vi"])
    assert vi.exit_code == 2 and vi.output.count("income_per_capita:") == 1, vi.output


def test_the_movement_is_followed_by_the_local_explanation_after_one_blank_line(tmp_path: Path) -> None:
    path = _reviewed_file(tmp_path)
    args = ["explain", str(path), "T1", "--as-of", "2026-06-01", "--local", "example-province-2026", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "[confidence P].\n\nClassification by the local standard:" in result.output


def test_a_code_also_on_a_rejected_row_says_which_row_is_explained(tmp_path: Path) -> None:
    """Two households typed with one code: classify rejects the second ('already used at row 2'); explain
    explained the first without a word, though the household appealing may be the second one."""
    path = tmp_path / "h.csv"
    path.write_text("household_id,area,income_per_capita\nD1,rural,800000\nD1,rural,3000000\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path), "D1", "--as-of", "2025-12-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "household_id 'D1' is also on row 3, which was rejected (household_id = 'D1': is already used at row 2)" in (
        result.output
    )
    assert "the explanation below is of row 2" in result.output and "per-capita income: 800,000" in result.output
    alone = CliRunner().invoke(main, ["explain", str(SAMPLE), CASES["poor"], "--ruleset", "vn-2022-2026"])
    assert alone.exit_code == 0 and "dưới đây là giải thích của dòng" not in alone.output


def test_the_last_reviews_escape_is_said_as_the_file_words_it(tmp_path: Path) -> None:
    """A previous status 'Thoát nghèo' counts as not poor (and as an earlier escape); the movement section said
    'Status at the last review: Not poor', hiding the escape the file records."""
    path = tmp_path / "h.csv"
    path.write_text(
        "Mã hộ,Khu vực,Thu nhập bình quân,Tình trạng năm trước\nV3,thành thị,3500000,Thoát nghèo\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["explain", str(path), "V3", "--as-of", "10/12/2025"])
    assert result.exit_code == 0, result.output
    assert "Tình trạng ở lần rà soát trước: Thoát nghèo\n" in result.output
    # escaped to near-poor or to not poor, the file does not say: the movement of a household not poor now cannot
    # be known (an escape from near-poverty, or unchanged)
    assert "Diễn biến: chưa xác định được" in result.output


@pytest.mark.parametrize(("day", "ruleset"), [("2020-12-01", "vn-2016-2021"), ("2027-12-01", "vn-2027-2030")])
def test_a_score_the_standard_does_not_read_is_said_to_be_unused(tmp_path: Path, day: str, ruleset: str) -> None:
    """explain lists the record's score A ('score A: 100') under a standard without the score path, but
    left out the note classify gives, so the reader could take the score for part of the decision."""
    path = tmp_path / "h.csv"
    path.write_text("household_id,area,income_per_capita,score_a\nQ1,rural,800000,100\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path), "Q1", "--as-of", day, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"the standard {ruleset} defines no score-A path: column score_a is not used" in result.output
    assert "score A: 100" in result.output
    scored = CliRunner().invoke(main, ["explain", str(path), "Q1", "--as-of", "2025-12-01", "--lang", "en"])
    assert scored.exit_code == 0 and "is not used" not in scored.output  # 2022–2026 reads it


def test_explain_says_the_low_income_worker_mark_classify_gives(tmp_path: Path) -> None:
    """An average household at or under 2,250,000 (rural) is marked low_income_worker by classify (Nghị định
    30/2025, from 2025-02-24); explain said nothing of it."""
    path = tmp_path / "h.csv"
    path.write_text("household_id,area,income_per_capita\nR4,rural,2250000\nR5,rural,2250001\n", encoding="utf-8")

    def run(code: str, day: str, lang: str) -> str:
        result = CliRunner().invoke(main, ["explain", str(path), code, "--as-of", day, "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.output

    marked = run("R4", "2025-12-01", "vi")
    assert "\nĐánh dấu bổ sung:\n  - Hộ có người lao động thu nhập thấp. Quy tắc low_income_worker. " in marked
    assert "Căn cứ: NĐ 30/2025/NĐ-CP, Điều 1" in marked and "[độ tin cậy V]" in marked
    assert "Also marked" not in run("R5", "2025-12-01", "en")  # above the line: not marked
    assert "Also marked" not in run("R4", "2025-01-01", "en")  # before Nghị định 30/2025: classify leaves it empty


def test_explain_of_a_reviewed_file_is_as_of_its_review_date(tmp_path: Path) -> None:
    """explain of a reviewed file (it has review's review_date column) used today's date: a household that
    escaped poverty at the 10/12/2024 review was 'recognized on' today and eligible 36 months from today,
    where the file says 09/12/2027. With no --as-of the file's review date is used now, and a note says so."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text(
        "household_id,area,income_per_capita,previous_status,status,transition,eligible_until,review_date\n"
        "H1,rural,9000000,poor,not_poor,escaped_poverty,2027-12-09,2024-12-10\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["explain", str(reviewed), "H1", "--lang", "en"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "explained as of the review date it gives (2024-12-10)" in said
    assert "eligible through 2027-12-09" in said and "recognized on: 2024-12-10" in said
    chosen = CliRunner().invoke(main, ["explain", str(reviewed), "H1", "--lang", "en", "--as-of", "2025-12-10"])
    assert "eligible through 2028-12-09" in " ".join(chosen.output.split())  # --as-of as given, no note
    assert "review date it gives" not in chosen.output


def test_explain_as_of_help_says_a_reviewed_files_date_is_the_default() -> None:
    """explain --help said --as-of defaults to today, while a reviewed file is explained as of its own review
    date; the help now says so, in both languages."""
    shown = " ".join(CliRunner().invoke(main, ["explain", "--help"]).output.split())
    assert "Default: a reviewed file's own review date (its review_date column), else today." in shown
    assert "mặc định ngày rà soát ghi trong tệp đã rà soát" in shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_commune_code_of_two_provinces_asks_for_the_province_code(lang: str, tmp_path: Path) -> None:
    """explain H1 --commune 03001 of a file where 03001 is a commune code in two provinces said 'H1 is used in
    2 communes (<all three communes>): choose one with --commune', the option just given; it now names the
    two communes --commune 03001 matches and the code that tells them apart (12/03001)."""
    path = tmp_path / "huyen.csv"
    path.write_text(
        "household_id,province_code,commune_code,commune,area,income_per_capita\n"
        "H1,12,03001,Xã A,rural,1000000\n"
        "H1,12,03004,Xã B,rural,5000000\n"
        "H1,14,03001,Xã C,rural,5000000\n",
        encoding="utf-8",
    )
    run = ["explain", str(path), "H1", "--as-of", "2025-12-01", "--lang", lang, "--commune"]
    result = CliRunner().invoke(main, [*run, "03001"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "Xã A" in said and "Xã C" in said and "Xã B" not in said, said
    assert "--commune 12/03001" in said and ("2 xã" if lang == "vi" else "2 communes") in said
    chosen = CliRunner().invoke(main, [*run, "14/03001"])
    assert chosen.exit_code == 0 and "Xã C" in chosen.output.splitlines()[0]


def test_explain_of_a_reviewed_workbook_reads_its_review_date_and_movement(tmp_path: Path) -> None:
    """review -o ho.xlsx heads its columns in words ('Ngày rà soát', 'Phân loại lần trước'); explain of that
    workbook explained as of today (eligible 36 months from today) and left out the movement, where the same
    review written as CSV is explained as of its review date with its movement. The workbook now reads as
    the CSV does, in either language."""
    flags = ",".join(f"deprived_{i}" for i in INDICATORS_2022)
    marks = ",".join(["1", "1", "1"] + ["0"] * (len(INDICATORS_2022) - 3))
    first, second = tmp_path / "ho_2024.csv", tmp_path / "ho_2025.csv"
    first.write_text(f"household_id,area,income_per_capita,{flags}\nH1,rural,1000000,{marks}\n", encoding="utf-8")
    second.write_text(f"household_id,area,income_per_capita,{flags}\nH1,rural,9000000,{marks}\n", encoding="utf-8")
    db = tmp_path / "h.db"
    review = ["review", "--db", str(db), "--commune", "Hưng Chính", "-q"]
    assert CliRunner().invoke(main, [*review, str(first), "--date", "2024-12-10"]).exit_code == 0
    for lang in ("vi", "en"):
        book = tmp_path / f"ho_2025.{lang}.xlsx"
        run = [*review, str(second), "--date", "2025-12-10", "-o", str(book), "--lang", lang, "--replace"]
        assert CliRunner().invoke(main, run).exit_code == 0
        said = " ".join(CliRunner().invoke(main, ["explain", str(book), "H1", "--lang", "en"]).output.split())
        assert "explained as of the review date it gives (2025-12-10)" in said, said
        assert "Movement: Escaped poverty" in said and "eligible through 2028-12-09" in said, said


def test_a_code_asked_with_the_zeros_the_file_lost_is_offered(tmp_path: Path) -> None:
    """The officer asks for household 003 (as the commune's register writes it) in a file whose codes Excel
    saved as numbers, 3: the answer was only "không có hộ nào có Mã hộ '003' trong tệp", though 3 is that
    household; the file's code that is the same number is now offered among the close codes (and 003 for
    3), as a code differing in case or spaces is."""
    path = tmp_path / "ho.csv"
    path.write_text("Mã hộ,Khu vực,Thu nhập bình quân\n3,nông thôn,1200000\n0012,nông thôn,1300000\n", "utf-8")
    for asked, offered in (("003", "3"), ("12", "0012")):
        result = CliRunner().invoke(main, ["explain", str(path), asked, "--as-of", "2025-12-01"])
        assert result.exit_code == 2, result.output
        assert f"Mã hộ gần giống có trong tệp: {offered}" in result.output, result.output


def test_explain_of_a_reviewed_file_tells_the_movement_and_window_its_review_recorded(tmp_path: Path) -> None:
    """A reviewed file's movement comes from the history: A escaped poverty in an earlier review and is poor
    again ('Tái nghèo'), B escaped two reviews ago and is still supported ('Hưởng đến hết ngày 30/11/2027').
    explain of that file worked the movement out of its previous_status alone, so it said 'Nghèo phát sinh'
    (newly poor) for A, against the file it explains, and nothing of B's support. It now says the movement and
    window the review recorded, and that they come from the review history."""
    flags = ",".join(f"deprived_{i}" for i in INDICATORS_2022)
    marks = ",".join(["1", "1", "1"] + ["0"] * (len(INDICATORS_2022) - 3))
    head = f"household_id,area,income_per_capita,{flags},status,previous_status,transition,eligible_until,review_date"
    path = tmp_path / "ho.reviewed.csv"
    path.write_text(
        f"{head}\n"
        f"A,rural,1000000,{marks},poor,not_poor,relapsed_poor,,2025-12-01\n"
        f"B,rural,3000000,{marks},not_poor,not_poor,unchanged,2027-11-30,2025-12-01\n",
        encoding="utf-8",
    )
    a = CliRunner().invoke(main, ["explain", str(path), "A"])
    assert a.exit_code == 0, a.output
    assert "Diễn biến: Tái nghèo (theo kết quả rà soát ghi trong tệp, từ lịch sử rà soát)" in a.output
    assert "Nghèo phát sinh" not in a.output
    b = CliRunner().invoke(main, ["explain", str(path), "B", "--lang", "en"])
    assert b.exit_code == 0, b.output
    said = " ".join(b.output.split())
    assert "Movement: Unchanged" in said
    assert "eligible through 2027-11-30 (as the review recorded it in the file, from the review history)" in said
    later = CliRunner().invoke(main, ["explain", str(path), "A", "--as-of", "2025-12-02", "--lang", "en"])
    assert "Movement: Newly poor" in later.output  # another day: worked out from the file's columns, as classify


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "Còn có thể theo quy tắc"), ("en", "It could still be decided by rule")]
)
def test_an_undetermined_conclusion_names_the_class_rules_by_their_ids(lang: str, said: str) -> None:
    """An undetermined household's conclusion read 'Quy tắc undetermined_0_1': the durable engine's own name
    for 'class rules 0 and 1 are both still possible', which names nothing in the standard's YAML file (as
    'class_<k>' named nothing before the class rules were named by their ids). It now names the class rules
    that could still decide it by their ids."""
    result = _explain(CASES["undetermined"], "--ruleset", "vn-2022-2026", "--lang", lang)
    assert result.exit_code == 0, result.output
    head = "Kết luận: Chưa xác định" if lang == "vi" else "Conclusion: Undetermined"
    conclusion = next(line for line in result.output.splitlines() if head in line)
    assert "undetermined_" not in result.output
    assert f"{said} poor_tt07_d4_1a {'hoặc' if lang == 'vi' else 'or'} near_poor_tt07_d4_1b." in conclusion


def test_an_escape_recorded_without_its_day_says_why_there_is_no_window(tmp_path: Path) -> None:
    """A household the last review wrote 'Thoát nghèo' but whose file gives no day of recognition: classify
    leaves eligible_until empty (the window starts that day), and explain said nothing of the support, as if
    there were none to speak of (F4's finding). It now says the window cannot be worked out and which column
    would give it; a household with no escape says nothing of a window."""
    path = tmp_path / "ho.csv"
    path.write_text(
        "household_id,area,income_per_capita,previous_status\n"
        "H1,rural,3000000,Thoát nghèo\nH2,rural,3000000,Hộ nghèo\n",
        encoding="utf-8",
    )
    vi = CliRunner().invoke(main, ["explain", str(path), "H1", "--as-of", "2025-12-01"])
    assert vi.exit_code == 0, vi.output
    said = " ".join(vi.output.split())
    assert "chưa tính được: tệp ghi hộ đã thoát nghèo nhưng không ghi ngày công nhận thoát nghèo" in said, said
    en = CliRunner().invoke(main, ["explain", str(path), "H1", "--as-of", "2025-12-01", "--lang", "en"])
    assert "cannot be worked out: the file records an escape from poverty" in " ".join(en.output.split())
    other = CliRunner().invoke(main, ["explain", str(path), "H2", "--as-of", "2025-12-01"])
    assert other.exit_code == 0 and "chưa tính được" not in other.output, other.output


@pytest.mark.parametrize(
    ("lang", "said", "line"),
    [
        ("vi", "1.500.000,004 > Chuẩn nghèo về thu nhập 1.500.000: đúng", "1.500.000,50 ≤"),
        ("en", "1,500,000.004 > Income poverty line 1,500,000: true", "1,500,000.50 ≤"),
    ],
)
def test_an_income_a_fraction_of_a_dong_above_the_line_is_written_so(
    tmp_path: Path, lang: str, said: str, line: str
) -> None:
    """An income of 1.500.000,004 đồng was written 1.500.000,00, so explain said "1.500.000,00 > 1.500.000:
    true" — a comparison the officer reads as false. A value that is not whole shows the decimals it
    needs (up to six), and one with two or fewer still shows two."""
    flags = ",".join(["1", "1", "1"] + ["0"] * 3)
    header = "household_id,area,income_per_capita," + ",".join(f"deprived_{i}" for i in INDICATORS_2022[:6])
    path = tmp_path / "h.csv"
    path.write_text(f"{header}\nH1,rural,1500000.004,{flags}\nH2,rural,1500000.5,{flags}\n", encoding="utf-8")
    args = ["explain", str(path), "--as-of", "2025-12-01", "--ruleset", "vn-2022-2026", "--lang", lang]
    first = CliRunner().invoke(main, [*args[:2], "H1", *args[2:]])
    assert first.exit_code == 0, first.output
    assert said in first.output, first.output
    second = CliRunner().invoke(main, [*args[:2], "H2", *args[2:]])
    assert line in second.output, second.output


@pytest.mark.parametrize(
    ("lang", "compare", "score", "given"),
    [
        ("vi", "So sánh", "Ngưỡng điểm A (ước tính thu nhập)", "có điểm A"),
        ("en", "Compared", "Score A line (income estimate)", "score A given"),
    ],
)
def test_an_or_decided_by_income_lists_no_score_a_step(
    tmp_path: Path, lang: str, compare: str, score: str, given: str
) -> None:
    """A household with income above the line and no score A was explained with 'score A given: false' and
    'score A unknown > Score A line (income estimate) 175: unknown' among the rules that fired, though its
    income had already decided the average rule's 'or' (the reason sentence says nothing of score A). The steps
    after an operand that decided its and/or are left out, beside the national and the local standard; a
    household whose income does not decide it still has its score A compared."""
    header = "household_id,area,income_per_capita,score_a," + ",".join(f"deprived_{i}" for i in INDICATORS_2022)
    flags = ",".join("0" for _ in INDICATORS_2022)
    path = tmp_path / "h.csv"
    path.write_text(f"{header}\nH2,urban,2500000,,{flags}\nH3,urban,1800000,180,{flags}\n", encoding="utf-8")
    args = ["explain", str(path), "--as-of", "2026-06-01", "--ruleset", "vn-2022-2026", "--lang", lang]
    for local in ([], ["--local", "example-province-2026"]):
        decided = CliRunner().invoke(main, [*args[:2], "H2", *args[2:], *local])
        assert decided.exit_code == 0, decided.output
        steps = [line for line in decided.output.splitlines() if re.match(rf"\s+\d+\. {compare}: ", line)]
        wrong = [step for step in steps if score in step or f" {given}" in step]
        assert len(steps) == 3 * (1 + len(local) // 2) and not wrong, decided.output
        compared = CliRunner().invoke(main, [*args[:2], "H3", *args[2:], *local])
        assert compared.exit_code == 0, compared.output
        assert f"{score} 175: " in compared.output, compared.output


def test_a_households_movement_is_one_term_in_explain_the_page_and_the_workbooks(tmp_path: Path) -> None:
    """explain of a reviewed file said 'Biến động so với lần rà soát trước …' and 'Biến động: Thoát nghèo', and the
    report page's household lists headed the movement 'Biến động', where the reviewed workbook, history show and
    docs/review.md say 'Diễn biến' ('Biến động' is a household file's change column, chuyển đến, chết …). Each now
    says 'Diễn biến', as every other place does; English keeps 'Movement'."""
    from poverty_rules.results.labels import RESULT_HEADERS
    from poverty_rules.vocabulary import words as W

    path = _reviewed_file(tmp_path)
    result = CliRunner().invoke(main, ["explain", str(path), "T1", "--as-of", "2025-12-01"])
    assert result.exit_code == 0, result.output
    assert "Diễn biến so với lần rà soát trước" in result.output and "Diễn biến: Thoát nghèo" in result.output
    assert "Biến động" not in result.output, result.output
    said = {W.EXPLAIN["transition"]["vi"], W.PAGE["movement"]["vi"], W.HISTORY_HEADERS["transition"]["vi"]}
    assert said == {RESULT_HEADERS["transition"]["vi"]} == {"Diễn biến"}, said


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_unknown_score_under_a_standard_with_no_score_path(tmp_path: Path, lang: str) -> None:
    """explain under vn-2027-2030, which has no score path (not_defined: score_path), listed 'điểm A: chưa rõ'
    among what the record says, as if the score were missing; a score the row gives is still shown, and a
    standard with a score path still says the score is unknown."""
    source = tmp_path / "ho.csv"
    source.write_text("household_id,area,income_per_capita,score_a\nH1,rural,1400000,\nH2,rural,1400000,126\n")
    said = {"vi": "  - điểm A: ", "en": "  - score A: "}[lang]
    unknown = {"vi": "chưa rõ", "en": "unknown"}[lang]

    def _scores(code: str, day: str) -> list[str]:
        result = CliRunner().invoke(main, ["explain", str(source), code, "--as-of", day, "--lang", lang])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if line.startswith(said)]

    assert _scores("H1", "2027-06-01") == []
    assert _scores("H2", "2027-06-01") == [said + "126"]
    assert _scores("H1", "2025-06-01") == [said + unknown]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_says_a_household_leaving_the_commune_escaped_nothing(tmp_path: Path, lang: str) -> None:
    """D, poor at the 2024 review, died in 2025 (chết) with an income above the line: the review recorded no
    movement and no window for it (R2 column 4), but explain of the reviewed file, finding its transition cell
    blank, worked the movement out again from its previous status and said "Thoát nghèo", recognized by this review,
    supported until 09/12/2028. It now says what the review recorded: the household left, no escape, no window."""
    flags = ",".join(f"deprived_{i}" for i in ("employment", "health_insurance", "water", "sanitation"))
    head = f"household_id,village,area,income_per_capita,household_size,change_reason,{flags}\n"
    db = tmp_path / "h.db"
    for year, row in ((2024, "D,Thôn 1,rural,1000000,2,,1,1,1,0\n"), (2025, "D,Thôn 1,rural,3000000,2,chết,0,0,0,0\n")):
        path = tmp_path / f"ho_{year}.csv"
        path.write_text(head + row, "utf-8")
        args = ["review", str(path), "--date", f"{year}-12-10", "--db", str(db), "--commune", "Xã A", "-q"]
        result = CliRunner().invoke(main, [*args, "--ruleset", "vn-2022-2026", "--blank-flags", "not-deprived"])
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "ho_2025.reviewed.csv"), "D", "--lang", lang])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    escaped, left = {
        "vi": ("Thoát nghèo", "Hộ ra khỏi danh sách của xã ở lần rà soát này (chết)"),
        "en": ("Escaped poverty", "The household left the commune's lists at this review (died)"),
    }[lang]
    assert escaped not in text and "2028" not in text, text
    assert left in text, text


def test_explain_names_the_programme_under_which_a_recorded_window_started(tmp_path: Path) -> None:
    """H1 escaped poverty at the 2025-12-01 review (vn-2022-2026, whose programme is Quyết định 90/QĐ-TTg) and is
    still in its window at the 2027-12-01 review (vn-2027-2030), which records 'eligible through 2028-11-30'.
    explain of the 2027 reviewed file named the 2027 standard's merged programme (Nghị quyết 257/2025, confidence
    U) for that window, where docs/review.md says every command — explain included — names the programme of the
    standard in force on the escape's day, as `eligible` does. The programme is now the one whose window, opened
    under its own standard, ends on the recorded day."""
    db = tmp_path / "c.db"
    first, second = tmp_path / "h2025.csv", tmp_path / "h2027.csv"
    first.write_text("household_id,area,income_per_capita,previous_status\nH1,rural,2500000,poor\n", encoding="utf-8")
    second.write_text("household_id,area,income_per_capita\nH1,rural,3500000\n", encoding="utf-8")
    review = ["review", "--db", str(db), "--commune", "Xã A", "-q"]
    assert CliRunner().invoke(main, [*review, str(first), "--date", "2025-12-01"]).exit_code == 0
    assert CliRunner().invoke(main, [*review, str(second), "--date", "2027-12-01"]).exit_code == 0
    reviewed = tmp_path / "h2027.reviewed.csv"
    for lang, programme in (("en", "National target programme support"), ("vi", "Chương trình MTQG giảm nghèo")):
        result = CliRunner().invoke(main, ["explain", str(reviewed), "H1", "--lang", lang])
        assert result.exit_code == 0, result.output
        window = next(line for line in result.output.splitlines() if "2028-11-30" in line or "30/11/2028" in line)
        assert programme in window and "Quyết định 90/QĐ-TTg" in window, window
        assert "Nghị quyết 257/2025/QH15 (hợp nhất các CTMTQG từ 2026)" not in window
