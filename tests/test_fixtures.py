"""The sample data generator is deterministic and the committed fixtures match it."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _load_generator() -> ModuleType:
    """Import fixtures/generate.py by path (fixtures/ is not a package)."""
    spec = importlib.util.spec_from_file_location("fixtures_generate", FIXTURES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fixtures_generate", module)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def sample() -> list[dict[str, str]]:
    return _rows(FIXTURES / gen.SAMPLE_FILE)


def test_same_seed_same_frame() -> None:
    a = gen.generate_households(3000, 2026)
    b = gen.generate_households(3000, 2026)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.columns) == list(gen.CANONICAL_COLUMNS)
    assert a["household_id"].is_unique


def test_other_seed_other_frame() -> None:
    a = gen.generate_households(500, 2026)
    b = gen.generate_households(500, 2027)
    assert not a.equals(b)


def test_committed_files_are_a_fresh_generation(tmp_path: Path) -> None:
    written = gen.write_sample(tmp_path)
    assert [p.name for p in written] == [gen.SAMPLE_FILE, gen.VI_FILE]
    for path in written:
        committed = FIXTURES / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from a fresh generation: run python fixtures/generate.py"
        )


def test_sample_shape(sample: list[dict[str, str]]) -> None:
    raw = (FIXTURES / gen.SAMPLE_FILE).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw
    assert list(sample[0].keys()) == list(gen.CANONICAL_COLUMNS)
    assert 1900 <= len(sample) <= 2100
    assert len({r["village"] for r in sample}) == 8


def test_sample_bad_rows(sample: list[dict[str, str]]) -> None:
    line_of = {kind: index + 2 for kind, index in gen.BAD_ROWS.items()}
    assert line_of == {
        "empty_id": 139,
        "duplicate_id": 404,
        "bad_area": 657,
        "negative_income": 913,
        "nonnumeric_income": 1191,
        "bad_flag": 1468,
        "no_income_no_score": 1744,
    }, "bad rows moved: update the generate.py docstring and fixtures/README.md"
    ids = [r["household_id"] for r in sample]
    assert [i for i, h in enumerate(ids) if h == ""] == [gen.BAD_ROWS["empty_id"]]
    dup = ids[gen.BAD_ROWS["duplicate_id"]]
    assert [i for i, h in enumerate(ids) if h == dup] == [
        gen.DUPLICATED_ROW,
        gen.BAD_ROWS["duplicate_id"],
    ]
    assert len(ids) - len(set(ids)) == 1  # that duplicate, and the empty id occurs once
    assert [i for i, r in enumerate(sample) if r["area"] not in ("rural", "urban")] == [gen.BAD_ROWS["bad_area"]]
    assert sample[gen.BAD_ROWS["bad_area"]]["area"] == "ngoại ô"

    def income_rows(value: str) -> list[int]:
        return [i for i, r in enumerate(sample) if r["income_per_capita"] == value]

    assert income_rows("-500000") == [gen.BAD_ROWS["negative_income"]]
    assert income_rows("abc") == [gen.BAD_ROWS["nonnumeric_income"]]
    no_value = [i for i, r in enumerate(sample) if r["income_per_capita"] == "" and r["score_a"] == ""]
    assert no_value == [gen.BAD_ROWS["no_income_no_score"]]
    bad_flags = [(i, col) for i, r in enumerate(sample) for col in gen.FLAG_COLUMNS if r[col] not in ("0", "1", "")]
    assert bad_flags == [(gen.BAD_ROWS["bad_flag"], "deprived_sanitation")]
    assert sample[gen.BAD_ROWS["bad_flag"]]["deprived_sanitation"] == "maybe"


def test_sample_valid_rows(sample: list[dict[str, str]]) -> None:
    bad = set(gen.BAD_ROWS.values())
    valid = [r for i, r in enumerate(sample) if i not in bad]
    # Every valid row has a measured income.
    incomes = [int(r["income_per_capita"]) for r in valid]
    assert min(incomes) > 0
    for line in (1_500_000, 2_000_000, 2_250_000, 3_000_000):
        assert line in incomes
    assert all(r["score_a"] == "" or r["score_a"].isdigit() for r in valid)
    urban = sum(r["area"] == "urban" for r in valid) / len(valid)
    assert 0.10 <= urban <= 0.20
    cells = [r[c] for r in valid for c in gen.FLAG_COLUMNS]
    assert 0.005 <= cells.count("") / len(cells) <= 0.015
    for i in bad:  # one defect per bad row: no unknown flags on top
        assert all(sample[i][c] != "" for c in gen.FLAG_COLUMNS)

    status = gen.reference_status_2022(pd.DataFrame(valid)).value_counts(normalize=True)
    assert 0.04 <= status["poor"] <= 0.06
    assert 0.05 <= status["near_poor"] <= 0.08
    assert 0.10 <= status["average"] <= 0.15


def test_vi_headers_file(sample: list[dict[str, str]]) -> None:
    raw = (FIXTURES / gen.VI_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    rows = _rows(FIXTURES / gen.VI_FILE, encoding="utf-8-sig")
    assert len(rows) == 30
    assert list(rows[0].keys()) == list(gen.VI_HEADERS.values())
    by_id = {r["household_id"]: r for r in sample}
    for r in rows:
        canonical = by_id[r["Mã hộ"]]
        assert r["Khu vực"] == {"rural": "nông thôn", "urban": "thành thị"}[canonical["area"]]
        assert r["Thu nhập bình quân"].replace(".", "") == canonical["income_per_capita"]
        assert r["Điểm A"] == canonical["score_a"]
        for col, header in gen.VI_HEADERS.items():
            if col.startswith("deprived_"):
                assert r[header] == {"1": "có", "0": "không"}[canonical[col]]
    assert any(r["Thu nhập bình quân"] == "1.500.000" for r in rows)


def test_readme_gives_the_counts_classify_reports() -> None:
    """fixtures/README.md said classify reports 'poor 95, near_poor 143, average 245, not_poor 1,507' for the
    sample (true at an early commit); classify reports average 250 and not_poor 1,502, since a household
    whose score A is above the line is average when its measured income is in the average band
    (docs/design.md). The README now gives the counts classify reports, which this test reads back."""
    import re
    import warnings

    import poverty_rules as pr

    text = " ".join((FIXTURES / "README.md").read_text(encoding="utf-8").split())
    said = re.search(r"giving poor (\S+), near_poor (\S+), average (\S+), not_poor (\S+), undetermined (\d+)", text)
    assert said is not None
    frame = pd.read_csv(FIXTURES / gen.SAMPLE_FILE, dtype=str, keep_default_na=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = pr.classify_table(frame, as_of="2025-12-01").rows["status"].value_counts()
    statuses = ("poor", "near_poor", "average", "not_poor", "undetermined")
    assert [int(n.replace(",", "")) for n in said.groups()] == [int(counts[s]) for s in statuses]


def test_readme_table_names_every_fixture_file() -> None:
    """fixtures/README.md's table of files left out sample_members.csv (and said generate.py writes 'both CSV
    files', while it writes three); every file generate.py writes is now in the table."""
    text = (FIXTURES / "README.md").read_text(encoding="utf-8")
    table = {line.split("|")[1].strip().strip("`") for line in text.splitlines() if line.startswith("| `")}
    files = {gen.SAMPLE_FILE, gen.VI_FILE, gen.MEMBERS_FILE, "generate.py", ".gitattributes"}  # not a run's outputs
    assert files <= table, files - table
    assert "both CSV files" not in text
