"""The report's eligible list (docs/reports.md, "Lists to post and to act on": households eligible on a date,
poor, near-poor and recently escaped within its window, "with names, village, status and the last day of
support"): every row says its last day of support (session 23, W2), the CSV's ``eligible_until`` holding days
only (session 25)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

ROWS = """household_id,village,commune,province,area,income_per_capita,previous_status,escaped_on
P1,Thôn 1,Xã A,Tỉnh B,rural,900000,poor,
N1,Thôn 1,Xã A,Tỉnh B,rural,1400000,near_poor,
E1,Thôn 1,Xã A,Tỉnh B,rural,3000000,not_poor,2024-12-20
X1,Thôn 1,Xã A,Tỉnh B,rural,3000000,not_poor,
"""


@pytest.mark.parametrize(("lang", "words"), [("vi", "đến kỳ rà soát sau"), ("en", "until the next review")])
def test_every_row_of_the_eligible_list_says_its_last_day_of_support(tmp_path: Path, lang: str, words: str) -> None:
    """The poor and near-poor rows of the eligible list had a blank "Hưởng đến hết ngày", as if their support had
    no last day at all, beside the escaped household's window end. Their support lasts while their status does,
    until a later review recognizes another: the workbook says so in that column, in the run's language; the CSV
    list (an analyst's, parsed as dates: the words there broke ``pd.to_datetime``, session 25) leaves their
    ``eligible_until`` blank and says it in its own column, ``until_next_review`` = 1 (0 for a window's last day).
    The escaped household keeps its window's last day, the household above near-poor with no window is not listed."""
    source = tmp_path / "ho.csv"
    source.write_text(ROWS, encoding="utf-8")
    classified = tmp_path / "kq.csv"
    args = ["classify", str(source), "-o", str(classified), "--as-of", "2025-12-10", "--blank-flags", "not-deprived"]
    assert CliRunner().invoke(main, [*args, "-q"]).exit_code == 0
    folder = tmp_path / "bc"
    report = ["report", str(classified), "--eligible-on", "2025-12-31", "--lang", lang, "-q"]
    result = CliRunner().invoke(main, [*report, "-o", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    listed = pd.read_csv(folder / "lists" / "eligible.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert dict(zip(listed["household_id"], listed["eligible_until"], strict=True)) == {
        "E1": "2027-12-19",
        "N1": "",
        "P1": "",
    }
    days = pd.to_datetime(listed["eligible_until"].replace("", None), format="%Y-%m-%d")  # raised on the words
    assert days.notna().sum() == 1
    assert dict(zip(listed["household_id"], listed["until_next_review"], strict=True)) == {
        "E1": "0",
        "N1": "1",
        "P1": "1",
    }
    book = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, [*report, "-o", str(book)])
    assert result.exit_code == 0, result.output
    sheets = openpyxl.load_workbook(book).worksheets
    cells = [str(c) for ws in sheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert cells.count(words) == 2, [ws.title for ws in sheets]
