"""The command line against golden files (tests/golden/). Regenerate with ``UPDATE_GOLDEN=1 pytest``.

Every run passes ``--as-of`` so the goldens never depend on today's date. Paths are relative to a
temporary working directory so error messages are the same on every machine.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
FIXTURES = ROOT / "fixtures"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    if actual != expected:
        a, e = actual.decode("utf-8").splitlines(), expected.decode("utf-8").splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, e, strict=False)) if x != y), min(len(a), len(e)))
        pytest.fail(
            f"{name} differs from the golden file at line {first + 1}:\n"
            f"  golden: {e[first] if first < len(e) else '<end>'}\n  actual: {a[first] if first < len(a) else '<end>'}"
        )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "sample_commune.csv", tmp_path)
    shutil.copy(FIXTURES / "sample_vi_headers.csv", tmp_path)
    return tmp_path


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_sample_commune_run_matches_golden_output_and_rejects_exit_1(workdir: Path) -> None:
    result = _invoke("classify", "sample_commune.csv", "-o", "out.csv", "--as-of", "2025-12-01", "-q")
    assert result.exit_code == 1  # 7 deliberately bad rows: some rows rejected
    _golden("sample_commune.golden-output.csv", (workdir / "out.csv").read_bytes())
    _golden("sample_commune.golden-rejects.csv", (workdir / "out.rejects.csv").read_bytes())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_matches_golden_exit_0(workdir: Path, lang: str) -> None:
    """30 households (sample_vi_headers.csv) with the reason sentence citing each rule's article."""
    out = f"explain.{lang}.csv"
    result = _invoke(
        "classify", "sample_vi_headers.csv", "-o", out, "--as-of", "2025-12-01", "--explain", "--lang", lang, "-q"
    )
    assert result.exit_code == 0, result.output
    _golden(f"sample_vi_headers.explain.{lang}.csv", (workdir / out).read_bytes())


def test_summary_on_stderr_matches_golden(workdir: Path) -> None:
    result = _invoke("classify", "sample_vi_headers.csv", "-o", "o.csv", "--as-of", "2025-12-01", "--lang", "en")
    assert result.exit_code == 0
    text = "\n".join(
        line.split("  [")[0] if "→" in line else line for line in result.stderr.splitlines()
    )  # drop the elapsed seconds
    _golden("summary.en.txt", (text + "\n").encode())


ERRORS = {
    "missing_file": ["classify", "nope.csv", "--as-of", "2025-12-01"],
    "missing_column": ["classify", "no_area.csv", "--as-of", "2025-12-01"],
    "not_utf8": ["classify", "latin1.csv", "--as-of", "2025-12-01", "--encoding", "utf-8"],
    "output_overwrites_input": [
        "classify",
        "sample_vi_headers.csv",
        "-o",
        "sample_vi_headers.csv",
        "--as-of",
        "2025-12-01",
    ],
    "unknown_ruleset": ["classify", "sample_vi_headers.csv", "--ruleset", "vn-1999", "--as-of", "2025-12-01"],
    "no_standard_in_force": ["classify", "sample_vi_headers.csv", "--as-of", "2015-12-31"],
    "score_only_in_2027": ["classify", "score_only.csv", "--as-of", "2027-01-01"],
    "empty_file": ["classify", "empty.csv", "--as-of", "2025-12-01"],
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_unusable_input_exit_2_with_golden_message(workdir: Path, case: str) -> None:
    (workdir / "no_area.csv").write_text("household_id,income_per_capita\nH1,1000000\n", encoding="utf-8")
    (workdir / "latin1.csv").write_bytes(
        "household_id,area,income_per_capita\nH1,nông thôn,1\n".encode("latin-1", "replace").replace(b"?", b"\xf4")
    )
    (workdir / "score_only.csv").write_text("household_id,area,score_a\nH1,rural,100\n", encoding="utf-8")
    (workdir / "empty.csv").write_text("", encoding="utf-8")
    before = sorted(p.name for p in workdir.iterdir())
    result = _invoke(*ERRORS[case])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in workdir.iterdir()) == before, "nothing is written on exit 2"
    _golden(f"error.{case}.txt", result.stderr.encode())


def test_score_only_in_2027_is_exit_2_naming_the_column(workdir: Path) -> None:
    (workdir / "s.csv").write_text("household_id,area,score_a\nH1,rural,100\n", encoding="utf-8")
    result = _invoke("classify", "s.csv", "--as-of", "2027-01-01")
    assert result.exit_code == 2 and "income_per_capita" in result.stderr


def test_all_rows_classified_exit_0_some_rejected_exit_1(workdir: Path) -> None:
    (workdir / "ok.csv").write_text("household_id,area,income_per_capita\nH1,rural,9000000\n", encoding="utf-8")
    (workdir / "bad.csv").write_text("household_id,area,income_per_capita\nH1,rural,9000000\nH2,mars,1\n", "utf-8")
    assert _invoke("classify", "ok.csv", "--as-of", "2025-12-01", "-q").exit_code == 0
    assert _invoke("classify", "bad.csv", "--as-of", "2025-12-01", "-q").exit_code == 1
    assert (workdir / "ok.classified.csv").exists() and (workdir / "bad.rejects.csv").exists()


# --------------------------------------------------------------------------- ruleset-author errors, both languages
# Each case is a small local standard on vn-2022-2026 broken one way; the goldens
# (ruleset_errors.<lang>.txt) hold every case's message: file, line, field, what was expected.

HEAD = """\
id: test-broken
extends: vn-2022-2026
version: "1"
title: {vi: Thử, en: Test}
legal_basis: "QĐ 1/2026/QĐ-UBND"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["test"]
"""
INDICATOR = """\
indicators:
  - id: elderly_alone
    dimension: housing
    label: {{vi: Người cao tuổi sống một mình, en: Elderly living alone}}
    deprived_when: "{rule}"
    reference: QĐ 1/2026/QĐ-UBND, Điều 2
    confidence: U
"""
#: case → the YAML after HEAD (or the whole file, for a file broken before its head).
CASES = {
    "not_a_whole_number": "programmes:\n  national_programme:\n    months: bốn mươi tám\n"
    "    reference: QĐ 1/2026, Điều 3\n    confidence: U\n",
    "bad_confidence": "parameters:\n  income_line:\n    value: {rural: 2_000_000}\n"
    "    reference: QĐ 1/2026, Điều 1\n    confidence: X\n",
    "misspelt_key": "parameters:\n  income_line:\n    valeu: 2_000_000\n"
    "    reference: QĐ 1/2026, Điều 1\n    confidence: U\n",
    "no_reference": "parameters:\n  income_line:\n    value: {rural: 2_000_000}\n    confidence: U\n",
    "unknown_function": INDICATOR.format(rule="maybe(member, member.age >= elderly_age)"),
    "number_in_rule": INDICATOR.format(rule="any(member, member.age >= 70)"),
    "missing_label": HEAD.replace("title: {vi: Thử, en: Test}", "title: {vi: Thử}"),
    "bad_yaml": HEAD + "parameters:\n  income_line:\n    value: {rural: 2_000_000\n",
}


def _check_ruleset(tmp_path: Path, case: str, lang: str) -> str:
    text = CASES[case] if case in ("missing_label", "bad_yaml") else HEAD + CASES[case]
    (tmp_path / f"{case}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rulesets", "check", f"{case}.yaml", "--lang", lang])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return f"[{case}]\n{result.stderr}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_broken_rulesets_are_explained_in_the_language_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    messages = [_check_ruleset(tmp_path, case, lang) for case in CASES]
    for case, message in zip(CASES, messages, strict=True):
        assert f"{case}.yaml" in message, "the message names the file"
        assert ("dòng" if lang == "vi" else f"{case}.yaml:") in message, "and the line"
    _golden(f"ruleset_errors.{lang}.txt", "\n".join(messages).encode())


def test_two_villages_files_of_one_name_keep_their_rejects_apart(workdir: Path) -> None:
    """classify thon1/ho.csv -o out/thon1.csv then thon2/ho.csv -o out/thon2.csv both wrote out/ho.rejects.csv,
    the second replacing the first; the default rejects file is now named after the output -o names."""
    for village in ("thon1", "thon2"):
        (workdir / village).mkdir()
        (workdir / village / "ho.csv").write_text(
            f"household_id,area,income_per_capita\n{village}-1,rural,1000000\n{village}-2,mars,1\n", encoding="utf-8"
        )
    (workdir / "out").mkdir()
    for village in ("thon1", "thon2"):
        args = ["classify", f"{village}/ho.csv", "-o", f"out/{village}.csv", "--as-of", "2025-12-01", "-q"]
        assert _invoke(*args).exit_code == 1
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        "thon1.csv",
        "thon1.rejects.csv",
        "thon2.csv",
        "thon2.rejects.csv",
    ]
    assert "thon1-2" in (workdir / "out" / "thon1.rejects.csv").read_text(encoding="utf-8-sig")
    assert _invoke("classify", "thon1/ho.csv", "--as-of", "2025-12-01", "-q").exit_code == 1
    assert (workdir / "thon1" / "ho.rejects.csv").exists()  # without -o: beside the input, after it
