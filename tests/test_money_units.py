"""Money units in an income column's header (docs/input.md "Money units in headers").

An officer's form says its income column's unit in the header: ``Thu nhập bình quân (nghìn
đồng/người/tháng)``. Such a header is the income column, and its cells are read in đồng per person
per month: a thousand times them, or a twelfth of a year's, with a note saying so.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import poverty_rules as pr
from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.pipeline.options import RunOptions
from poverty_rules.pipeline.stream import classify_file
from poverty_rules.vocabulary.money import MoneyUnit, split_unit

RULESET = load_ruleset("vn-2022-2026")


@pytest.mark.parametrize(
    ("header", "base", "factor", "per_year"),
    [
        ("Thu nhập bình quân (đồng/người/tháng)", "Thu nhập bình quân", 1, False),
        ("Thu nhập bình quân đầu người/tháng (nghìn đồng)", "Thu nhập bình quân đầu người/tháng", 1000, False),
        ("Thu nhập bình quân (1.000đ/người/năm)", "Thu nhập bình quân", 1000, True),
        ("Thu nhập bình quân [1000 VNĐ]", "Thu nhập bình quân", 1000, False),
        ("Thu nhập bình quân (ngàn đồng/nhân khẩu/tháng)", "Thu nhập bình quân", 1000, False),
        ("Thu nhập bình quân (triệu đồng/người/năm)", "Thu nhập bình quân", 1_000_000, True),
        ("income (VND per capita a month)", "income", 1, False),
    ],
)
def test_money_units_are_read(header: str, base: str, factor: int, per_year: bool) -> None:
    got_base, unit = split_unit(header)
    assert got_base == base
    assert unit is not None and (unit.factor, unit.per_year) == (factor, per_year)


@pytest.mark.parametrize(
    "header",
    ["Thu nhập bình quân (bình quân)", "Thu nhập bình quân (USD)", "Thu nhập bình quân", "(đồng)", "Thu nhập ()"],
)
def test_brackets_that_are_not_money_units_stay(header: str) -> None:
    assert split_unit(header) == (header, None)


def _write(path: Path, header: str, incomes: list[str]) -> Path:
    rows = [f"H{i},nông thôn,{v},1,1,1" for i, v in enumerate(incomes, 1)]
    path.write_text(
        "\n".join([f"Mã hộ,Khu vực,{header},Việc làm,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh", *rows]) + "\n",
        encoding="utf-8",
    )
    return path


def _statuses(path: Path) -> list[str]:
    return pd.read_csv(path, dtype=str, encoding="utf-8-sig")["status"].tolist()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_thousands_column_classifies_as_the_same_incomes_in_dong(tmp_path: Path, lang: str) -> None:
    """Old code: the header was unknown, so the file had no income column (exit 2, nothing written)."""
    thousands = _write(
        tmp_path / "nghin.csv", '"Thu nhập bình quân (nghìn đồng/người/tháng)"', ["1500", "1501", '"2.250"', "2251"]
    )
    dong = _write(tmp_path / "dong.csv", "Thu nhập bình quân", ["1500000", "1501000", "2250000", "2251000"])
    runner = CliRunner()
    got = runner.invoke(main, ["classify", str(thousands), "--as-of", "2025-12-01", "--lang", lang])
    assert got.exit_code == 0, got.output
    want = runner.invoke(main, ["classify", str(dong), "--as-of", "2025-12-01", "--lang", lang])
    assert want.exit_code == 0, want.output
    assert _statuses(tmp_path / "nghin.classified.csv") == _statuses(tmp_path / "dong.classified.csv")
    assert _statuses(tmp_path / "dong.classified.csv") == ["poor", "average", "average", "not_poor"]
    note = {
        "vi": "cột Thu nhập bình quân (nghìn đồng/người/tháng): thu nhập ghi theo nghìn đồng/người/tháng, "
        "đã quy ra đồng/người/tháng (× 1.000)",
        "en": "column Thu nhập bình quân (nghìn đồng/người/tháng): incomes in nghìn đồng/người/tháng, "
        "read as đồng per person per month (× 1,000)",
    }[lang]
    assert note in got.output
    assert "× 1" not in want.output
    kept = pd.read_csv(tmp_path / "nghin.classified.csv", dtype=str, encoding="utf-8-sig")
    assert kept["Thu nhập bình quân (nghìn đồng/người/tháng)"].tolist() == [
        "1500",
        "1501",
        "2.250",
        "2251",
    ]  # as written


def test_a_yearly_column_is_a_twelfth_a_month_exactly_at_the_line(tmp_path: Path) -> None:
    src = _write(tmp_path / "nam.csv", "Thu nhập bình quân (đồng/người/năm)", ["18000000", "18000012"])
    got = CliRunner().invoke(main, ["classify", str(src), "--as-of", "2025-12-01", "--lang", "en"])
    assert got.exit_code == 0, got.output
    assert "(÷ 12)" in got.output
    assert _statuses(tmp_path / "nam.classified.csv") == ["poor", "average"]  # 1,500,000 and 1,500,001 a month


def test_a_streamed_file_says_the_unit_once(tmp_path: Path) -> None:
    incomes = [str(1300 + i) for i in range(400)]
    src = _write(tmp_path / "big.csv", "Thu nhập bình quân (nghìn đồng)", incomes)
    summary = classify_file(
        src, tmp_path / "out.csv", tmp_path / "rej.csv", RULESET, RunOptions(lang="en"), batch_bytes=2048
    )
    assert summary.batches > 1
    assert sum("incomes in nghìn đồng" in n for n in summary.notes) == 1
    assert summary.counts["poor"] == sum(int(v) <= 1500 for v in incomes) == 201


def test_the_library_reads_the_unit_too() -> None:
    frame = pd.DataFrame(
        {"Mã hộ": ["H1", "H2"], "Khu vực": ["nông thôn"] * 2, "Thu nhập bình quân (nghìn đồng)": [1500, 1501]}
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = pr.classify(frame, as_of="2025-12-01", lang="en")
    assert out["status"].tolist() == ["undetermined", "average"]  # 1,500,000: poor or near poor, by unknown marks
    assert any("× 1,000" in str(w.message) for w in caught)
    assert MoneyUnit("nghìn đồng", 1000).converts and not MoneyUnit("đồng").converts


def test_explain_says_how_the_cells_were_read(tmp_path: Path) -> None:
    """explain shows 'per-capita income: 1,500,000' for a cell of 1500: it says why, as classify does."""
    src = _write(tmp_path / "nghin.csv", "Thu nhập bình quân (nghìn đồng)", ["1500"])
    got = CliRunner().invoke(main, ["explain", str(src), "H1", "--as-of", "2025-12-01", "--lang", "en"])
    assert got.exit_code == 0, got.output
    assert "per-capita income: 1,500,000" in got.output
    assert "incomes in nghìn đồng, read as đồng per person per month (× 1,000)" in got.output


@pytest.mark.parametrize(
    ("header", "cells", "rejected"),
    [
        # đồng typed under a header in millions, a decimal point read as a thousands separator
        ("Thu nhập bình quân (triệu đồng/người/tháng)", ["1.5", "1,45", "1.500.000", "1.234", "1,234", "2"], [4, 5, 6]),
        ("Thu nhập bình quân (nghìn đồng)", ["1.500", "1500000", "999.999", "1.000.000"], [3, 5]),
        ("Thu nhập bình quân (nghìn đồng/người/năm)", ["18.000", "18.000.000", "11.999.999"], [3]),
        ("Thu nhập bình quân (đồng/người/năm)", ["18.000.000", "18000000000"], []),  # no multiplier: as written
    ],
)
def test_a_cell_a_thousand_times_its_headers_unit_is_rejected_not_classified(
    tmp_path: Path, header: str, cells: list[str], rejected: list[int]
) -> None:
    """Under 'Thu nhập bình quân (triệu đồng/người/tháng)' a village head's 1.234 (one point two three four
    million) was read as 1,234 million and 1.500.000 (the income in đồng) as 1.5 million million: the household
    was classified 'not poor' on a billion đồng a month, without a word; so was 1.500.000 under '(nghìn đồng)'.
    A cell that comes, in its header's unit, to a billion đồng a person a month or more is rejected saying so
    (in --lang), as a number it cannot be; the others are classified as before."""
    src = _write(tmp_path / "ho.csv", header, [f'"{cell}"' for cell in cells])
    rej = tmp_path / "rej.csv"
    args = ["classify", str(src), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", "2025-12-01"]
    got = CliRunner().invoke(main, [*args, "-q"])
    assert got.exit_code == (1 if rejected else 0), got.output
    if rejected:
        rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert rejects["row"].astype(int).tolist() == rejected
        assert all("từ 1 tỷ đồng/người/tháng trở lên" in reason for reason in rejects["reason"])
    assert len(pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")) == len(cells) - len(rejected)
    en = CliRunner().invoke(main, [*args, "-q", "--lang", "en"])
    assert en.exit_code == got.exit_code
    if rejected:
        reasons = pd.read_csv(rej, dtype=str, encoding="utf-8-sig")["reason"]
        assert all("a billion đồng or more" in reason for reason in reasons)


@pytest.mark.parametrize(
    ("header", "factor"),
    [("Thu nhập bình quân (kđ)", 1000), ("Thu nhập bình quân (kđ/người/tháng)", 1000), ("Thu nhập (trđ/năm)", 10**6)],
)
def test_a_thousand_or_a_million_glued_to_dong_is_a_unit(header: str, factor: int) -> None:
    """docs/input.md names `k` among the words for thousands and `đ` for đồng, and `1.000đ` glued was read,
    but `(kđ)` was not a unit: the header named no known column and the run stopped ('missing column
    income_per_capita'). `kđ` and `trđ` (a million đồng), as forms abbreviate them, are read as `1.000đ` is."""
    base, unit = split_unit(header)
    assert unit is not None and unit.factor == factor and base == header.split(" (")[0], (header, unit)
    assert unit.per_year == ("năm" in header)


@pytest.mark.parametrize(
    ("header", "factor", "per_year"),
    [
        ("Thu nhập bình quân (₫/người/tháng)", 1, False),
        ("Thu nhập bình quân (nghìn ₫)", 1000, False),
        ("Thu nhập bình quân (1.000₫/người/năm)", 1000, True),
    ],
)
def test_the_dong_sign_in_a_header_is_a_unit(tmp_path: Path, header: str, factor: int, per_year: bool) -> None:
    """A header saying its unit with the đồng sign (``(nghìn ₫)``, as Excel's currency symbol is typed) was no
    unit: the header named no known column and the run stopped ('missing column income_per_capita'). ``₫`` is
    read as ``đ`` is, the cells converted as the unit says."""
    base, unit = split_unit(header)
    assert base == "Thu nhập bình quân" and unit is not None, (header, unit)
    assert (unit.factor, unit.per_year) == (factor, per_year)
    path = tmp_path / "ho.csv"
    cell = 1_600_000 * (12 if per_year else 1) // factor
    path.write_text(f"Mã hộ,Khu vực,{header}\nH1,nông thôn,{cell}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01"])
    assert result.exit_code == 0, result.output
