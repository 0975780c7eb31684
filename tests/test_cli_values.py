"""An option's or argument's value an officer commonly gets wrong, said in the run's language with what to give
(session 23, W4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = str(ROOT / "fixtures" / "sample_commune.csv")


def _last_line(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


@pytest.mark.parametrize("value", ["2025", "12/2025", "2025-12", " 2025 "])
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "chưa đủ là một ngày: cần cả ngày, tháng và năm, ví dụ 10/12/2025 hoặc 2025-12-10"),
        ("en", "is not a whole date: give the day, the month and the year, for example 10/12/2025 or 2025-12-10"),
    ],
)
def test_a_date_given_as_a_year_or_a_month_says_the_day_is_missing(value: str, lang: str, said: str) -> None:
    """``review ho.csv --date 2025`` said only "expected a date as YYYY-MM-DD or DD/MM/YYYY, got '2025'"."""
    line = _last_line("review", HOUSEHOLDS, "--date", value, "--lang", lang)
    assert line.endswith(f"{value!r} {said}"), line
    line = _last_line("classify", HOUSEHOLDS, "--as-of", value, "--lang", lang)
    assert line.endswith(f"{value!r} {said}"), line


def test_a_date_of_another_shape_is_said_as_before() -> None:
    line = _last_line("classify", HOUSEHOLDS, "--as-of", "20255", "--lang", "en")
    assert line.endswith("expected a date as YYYY-MM-DD or DD/MM/YYYY, got '20255'"), line


def test_a_year_that_is_no_number_is_said_to_be_no_whole_number() -> None:
    """``report --year abc`` said "'abc' is not a valid integer range." in English."""
    line = _last_line("report", HOUSEHOLDS, "--year", "abc", "-o", "r.xlsx", "--lang", "en")
    assert line.endswith("'abc' is not a valid integer."), line


@pytest.mark.parametrize(
    "args",
    [
        ["review", "{folder}", "--date", "10/12/2026"],
        ["eligible", "--as-of", "31/12/2026", "--db", "{folder}"],
        ["explain", "{folder}", "H1"],
        ["history", "import", "{folder}", "--db", "h.db"],
    ],
)
@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "đây là thư mục, không phải tệp"), ("en", "is a folder, not a file")]
)
def test_a_folder_given_for_a_file_is_said_as_classify_says_it(
    tmp_path: Path, args: list[str], lang: str, said: str
) -> None:
    """``review FOLDER`` said click's "Tệp 'FOLDER' là một thư mục." / "File 'FOLDER' is a directory." where
    ``classify FOLDER`` says "FOLDER: đây là thư mục, không phải tệp"."""
    line = _last_line(*[a.format(folder=tmp_path) for a in args], "--lang", lang)
    assert line.endswith(f"{tmp_path}: {said}"), line


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["classify", "ho", "2025.csv"], "ho 2025.csv"),
        (["explain", "ho", "2025.csv", "H1"], "ho 2025.csv"),
        (["classify", "ho.csv", "--members", "thanh", "vien", "2025.csv"], "thanh vien 2025.csv"),
    ],
)
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", 'tên tệp có dấu cách phải đặt trong ngoặc kép, hãy viết "{name}"'),
        ("en", 'a file name with spaces must be put in double quotes: write "{name}"'),
    ],
)
def test_a_file_name_with_spaces_typed_without_quotes_is_said_how_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], name: str, lang: str, said: str
) -> None:
    """``classify ho 2025.csv`` (a file ``ho 2025.csv``) said only "Thừa đối số (2025.csv)"."""
    monkeypatch.chdir(tmp_path)
    for file in ("ho.csv", name):
        (tmp_path / file).write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    line = _last_line(*args, "--lang", lang)
    assert line.endswith(said.format(name=name)), line


def test_extra_words_naming_no_file_are_refused_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    assert _last_line("classify", "ho.csv", "extra", "--lang", "en").endswith("Got unexpected extra argument (extra)")


@pytest.mark.parametrize(
    ("typed", "meant"), [("vn-2022", "vn-2022-2026"), ("VN-2022-2026", "vn-2022-2026"), ("vn-2027", "vn-2027-2030")]
)
@pytest.mark.parametrize(("lang", "said"), [("vi", "có phải ý bạn là {meant}?"), ("en", "did you mean {meant}?")])
def test_a_ruleset_id_spelt_like_a_known_one_names_it(typed: str, meant: str, lang: str, said: str) -> None:
    """``rulesets show vn-2022`` listed every id without saying which was meant."""
    line = _last_line("rulesets", "show", typed, "--lang", lang)
    assert f"{typed}: " in line and said.format(meant=meant) in line, line
    line = _last_line("classify", HOUSEHOLDS, "--ruleset", typed, "--lang", lang)
    assert said.format(meant=meant) in line, line


def test_a_ruleset_id_like_none_names_none() -> None:
    line = _last_line("rulesets", "show", "xyz", "--lang", "en")
    assert "xyz: no ruleset with this id (known: " in line and "did you mean" not in line, line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["classify", "thon1.csv", "thon2.csv"], ("hãy chạy lệnh cho từng tệp", "run it once for each file")),
        (
            ["history", "import", "ds_2022.csv", "ds_2023.csv", "--db", "h.db"],
            (
                "hãy nhập từng tệp, mỗi tệp một lệnh với cùng --db",
                "import each file with its own command and the same --db",
            ),
        ),
        (
            ["review", "thon1.csv", "thon2.csv", "--date", "2025-12-01"],
            (
                "hãy chép các danh sách (ví dụ của các thôn) vào một tệp",
                "copy the lists (the villages', say) into one file",
            ),
        ),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_several_files_given_to_a_command_of_one_says_how_to_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: tuple[str, str], lang: str
) -> None:
    """``history import ds_2022.csv ds_2023.csv`` (a year's list each) or ``review thon1.csv thon2.csv`` (a village's
    each) said only "Thừa đối số (ds_2023.csv)", as of a word mistyped; it says the command reads one file a run and
    what to do instead, per command. Nothing is read or written."""
    monkeypatch.chdir(tmp_path)
    for file in args:
        if file.endswith(".csv"):
            (tmp_path / file).write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    line = _last_line(*args, "--lang", lang)
    assert line.endswith(said[0] if lang == "vi" else said[1]) or (said[0] if lang == "vi" else said[1]) in line, line
    assert ("2 tệp" if lang == "vi" else "2 files were given") in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == before
