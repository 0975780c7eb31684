"""A command run without what it cannot go without (an argument, a required option) says what is missing in
the officer's words, with an example to copy (session 23, W4): click said only "Thiếu đối số 'B'" for
``rulesets diff vn-2022-2026``, "Thiếu đối số 'SỐ_LẦN_RÀ_SOÁT'" for ``history show``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from poverty_rules.cli import classify_main, main
from poverty_rules.vocabulary import words as L

#: Each command run without one thing it needs, and the key of what it says (vocabulary ``MISSING``).
CASES = [
    (["classify"], "classify households"),
    (["review"], "review households"),
    (["review", "ho.csv"], "review review_date"),
    (["explain"], "explain households"),
    (["explain", "ho.csv"], "explain household_id"),
    (["eligible"], "eligible as_of"),
    (["report", "ho.reviewed.csv"], "report output_name"),
    (["rulesets", "show"], "rulesets show name"),
    (["rulesets", "check"], "rulesets check path"),
    (["rulesets", "diff"], "rulesets diff old"),
    (["rulesets", "diff", "vn-2022-2026"], "rulesets diff new"),
    (["history", "import"], "history import lists"),
    (["history", "show"], "history show review_id"),
    (["history", "undo"], "history undo review_id"),
    (["history", "recode"], "history recode commune"),
    (["history", "recode", "--commune", "Hưng Chính"], "history recode commune_code"),
    (["test"], "test files"),
]


def _last_line(args: list[str], lang: str) -> str:
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


@pytest.mark.parametrize(("args", "key"), CASES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_what_is_missing_is_said_with_an_example(args: list[str], key: str, lang: str) -> None:
    said = _last_line(args, lang)
    assert "Thiếu đối số" not in said and "Missing argument" not in said, said
    assert "Thiếu tùy chọn" not in said and "Missing option" not in said, said
    example = said.rpartition(": ")[2] if lang == "vi" or "For example: " not in said else said.split("example: ")[1]
    assert example.startswith(f"poverty-rules {key.rsplit(' ', 1)[0]} "), said
    assert said.endswith(example)
    head = L.MISSING[key][lang].split("{")[0]
    assert head in said, said


def test_every_missing_word_is_used() -> None:
    """Every entry of ``MISSING`` names a command and a parameter it has (a renamed one would never be said)."""
    assert {key for _args, key in CASES} == set(L.MISSING)


def test_diff_with_one_ruleset_names_it_and_asks_for_the_second() -> None:
    said = _last_line(["rulesets", "diff", "vn-2022-2026"], "vi")
    assert said.partition(": ")[2] == (  # "Lỗi:" in the program's own process (click's word), "Error:" here
        "Thiếu bộ quy tắc thứ hai (B) để so sánh với vn-2022-2026: sau vn-2022-2026, ghi mã (hoặc tệp .yaml) "
        "của chuẩn cần so sánh; xem các mã bằng 'poverty-rules rulesets list'. Ví dụ: poverty-rules rulesets diff "
        "vn-2022-2026 vn-2027-2030"
    )
    said = _last_line(["rulesets", "diff"], "en")
    assert said.startswith("Error: The two rulesets to compare are missing (A and B): give the old standard's id")


def test_the_standalone_classify_says_it_too() -> None:
    result = CliRunner().invoke(classify_main, [])
    assert result.exit_code == 2
    assert "Thiếu tệp hộ cần phân loại (TỆP_HỘ)" in result.output, result.output


def test_the_program_says_it_in_vietnamese_by_default() -> None:
    """In the program's own process (click's words bound to the language at start)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    run = subprocess.run(
        [sys.executable, "-m", "poverty_rules", "rulesets", "diff"], capture_output=True, text=True, env=env
    )
    assert run.returncode == 2
    assert "Lỗi: Thiếu hai bộ quy tắc cần so sánh (A và B)" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
