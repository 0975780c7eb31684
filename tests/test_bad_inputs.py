"""The bad-input corpus (issue #10 item 6, tests/bad_inputs/generate.py): every broken or hostile file
ends with an exit code of the contract and no traceback; rows in = rows classified + rows rejected;
inputs untouched; on exit 2 nothing is written."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

HERE = Path(__file__).parent / "bad_inputs"
_spec = importlib.util.spec_from_file_location("bad_inputs_generate", HERE / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)
CASES = generate.main(Path(__import__("tempfile").mkdtemp(prefix="bad_inputs_")))
FILES = generate.OUT


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_the_corpus_has_at_least_60_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    src = tmp_path / name
    src.write_bytes((FILES / name).read_bytes())
    if name.startswith("for_extends_self"):
        (FILES / "extends_self.yaml").write_text(
            f"id: loop\nextends: {FILES / 'extends_self.yaml'}\n", encoding="utf-8"
        )
    args = [a.format(input=src, tmp=tmp_path, files=FILES) for a in case["args"]]
    out = tmp_path / "out.csv"
    rejects = tmp_path / "rej.csv"
    if "-o" not in args:
        args += ["-o", str(out)]
    if "--rejects" not in args:
        args += ["--rejects", str(rejects)]
    before_files = _digest(FILES)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["classify", str(src), "--as-of", "2025-12-01", "-q", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code in case["exit"], result.output
    for words in case.get("says", []):  # what the officer is told (Vietnamese, the default language)
        assert words in " ".join(result.output.split()), (words, result.output)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "the input was changed"
    assert _digest(FILES) == before_files
    if result.exit_code == 2:
        assert sorted(p.name for p in tmp_path.iterdir()) == listing, "nothing is written on exit 2"
        assert result.output.strip(), "an exit 2 says why"
        return
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    target = Path(args[args.index("-o") + 1])
    classified = (
        len(pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")) if target.exists() else 0
    )
    rejected = (
        len(pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")) if rejects.exists() else 0
    )
    if case["rows"] is not None:
        assert classified + rejected == case["rows"], result.output


@pytest.mark.parametrize("name", ["code_formula_error.xlsx", "code_formula_error.csv"])
def test_a_formula_error_in_the_code_column_is_no_household(name: str, tmp_path: Path) -> None:
    """A formula's error where the household code is (a VLOOKUP's #N/A, #REF!, LibreOffice's Err:502), in a
    workbook or the CSV Excel saves of it, was classified as a household of code '#N/A' (and reviewed, recorded
    in the history so); each such row is now rejected saying what the cell holds, in the officer's language."""
    src = tmp_path / name
    src.write_bytes((FILES / name).read_bytes())
    for lang, words in (("vi", "là lỗi của công thức trong bảng tính"), ("en", "is a spreadsheet formula's error")):
        out, rejects = tmp_path / f"out_{lang}.csv", tmp_path / f"rej_{lang}.csv"
        args = ["classify", str(src), "--as-of", "2025-12-01", "-q", "--lang", lang, "-o", str(out)]
        result = CliRunner().invoke(main, [*args, "--rejects", str(rejects)])
        assert result.exit_code == 1, result.output
        classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        rejected = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert classified["household_id"].tolist() == ["H2"]
        assert not {"#N/A", "#REF!", "Err:502"} & set(classified["household_id"])
        first = rejected[rejected["row"] == "2"]
        assert first["column"].tolist() == ["household_id"] and words in first["reason"].iloc[0]


@pytest.mark.parametrize("command", ["classify", "review"])
def test_a_header_cell_over_two_lines_is_one_row(command: str, tmp_path: Path) -> None:
    """A header typed with Alt+Enter in Excel ('Thu nhập<line break>bình quân'), a quoted cell over two lines in
    its CSV: the header was skipped as lines, not records, so its second line was read as a household and
    rejected ('3 households', one the officer never typed), and every row after it was numbered one too far.
    The rows are the file's households, numbered as the officer numbers them (the title is row 1)."""
    src = tmp_path / "header_over_two_lines.csv"
    src.write_bytes((FILES / "header_over_two_lines.csv").read_bytes())
    out, rejects = tmp_path / "out.csv", tmp_path / "rej.csv"
    args = [command, str(src), "-o", str(out), "-q", "--lang", "en"]
    if command == "classify":
        args += ["--as-of", "2025-12-01", "--rejects", str(rejects)]
    else:
        args += ["--date", "2025-12-01", "--db", str(tmp_path / "h.db"), "--commune", "A"]
        rejects = tmp_path / "out.rejects.csv"
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rejected = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert classified.iloc[:, 0].tolist() == ["H1"]
    assert rejected["row"].tolist() == ["4"] and rejected.iloc[0, 3] == "H2"


@pytest.mark.parametrize("name", ["joined_with_copy.csv", "joined_with_copy_quoted.csv"])
def test_the_header_of_a_second_file_joined_below_is_a_repeated_header(name: str, tmp_path: Path) -> None:
    """Two exports joined as files are (``copy /b thon1.csv+thon2.csv``): the second one's byte order mark sits
    before its header row, which was then not known for the header again, and was rejected for its area and
    income ('area' must be rural or urban …). It is rejected with the one reason of a repeated header, and the
    households below it are read (its households H1 … repeat the first file's: rejected as used)."""
    src = tmp_path / name
    src.write_bytes((FILES / name).read_bytes())
    out, rejects = tmp_path / "out.csv", tmp_path / "rej.csv"
    args = ["classify", str(src), "--as-of", "2025-12-01", "-q", "-o", str(out), "--rejects", str(rejects)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    rejected = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    header_row = rejected[rejected["row"] == "5"]
    assert header_row["column"].tolist() == ["household_id"]
    assert "lặp lại dòng tiêu đề" in header_row["reason"].iloc[0], header_row["reason"].iloc[0]


def test_a_formula_error_where_the_households_place_is_rejects_it(tmp_path: Path) -> None:
    """A formula's error in a household's commune code or village (a VLOOKUP of the commune's code that found
    nothing) placed the household in a commune '#N/A' or a village '#REF!' (its history, its reports); the row is
    now rejected naming the column and what the cell holds, in vi and en."""
    src = tmp_path / "place_formula_error.csv"
    src.write_bytes((FILES / "place_formula_error.csv").read_bytes())
    for lang, words in (("vi", "là lỗi của công thức trong bảng tính"), ("en", "is a spreadsheet formula's error")):
        out, rejects = tmp_path / f"out_{lang}.csv", tmp_path / f"rej_{lang}.csv"
        args = ["classify", str(src), "--as-of", "2025-12-01", "-q", "--lang", lang, "-o", str(out)]
        assert CliRunner().invoke(main, [*args, "--rejects", str(rejects)]).exit_code == 1
        rejected = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert rejected["row"].tolist() == ["3", "4"]
        assert rejected["column"].tolist() == ["commune_code", "village"]
        assert all(words in reason for reason in rejected["reason"])
