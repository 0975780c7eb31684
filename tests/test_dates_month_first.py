"""A date that reads only month first (``12/20/2024``, as Google Sheets or Excel in English settings write one):
decided once, by :func:`poverty_rules.vocabulary.day.month_first_day`, for ``classify``/``review``'s rejects
and ``history import`` alike (session 23, W2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.vocabulary.day import month_first_day

#: Each text and the day it names month first (None: not a date written month first).
CASES = [
    ("12/20/2024", date(2024, 12, 20)),
    ("12-20-2024", date(2024, 12, 20)),  # dashes: month first like the slashes (classify said "no such day")
    ("12.20.2024", date(2024, 12, 20)),  # dots, likewise
    ("1/13/2024", date(2024, 1, 13)),
    ("12/20/2024 0:00", date(2024, 12, 20)),  # Excel's date-time cell
    ("02/30/2024", None),  # no 30 February either way: no such day (classify called it month first)
    ("04/31/2024", None),  # no 31 April
    ("13/20/2024", None),  # no month 13 nor month 20
    ("20/12/2024", None),  # a day-first date
    ("05/12/2024", None),  # reads day first: whether meant so is the column's note, not this cell's
    ("2024-12-20", None),
    ("12/20/24", None),  # a year of two digits: its own reason
]


@pytest.mark.parametrize(("text", "day"), CASES)
def test_month_first_day_decides_the_edges_faithfully(text: str, day: date | None) -> None:
    assert month_first_day(text) == day


@pytest.mark.parametrize(("text", "day"), [c for c in CASES if c[0] in ("12-20-2024", "12.20.2024", "02/30/2024")])
def test_classify_and_history_import_say_month_first_for_the_same_cells(
    tmp_path: Path, text: str, day: date | None
) -> None:
    """``classify`` decided "month first" with slashes only, and called ``02/30/2024`` (no day in either reading)
    month first, while ``history import`` decided it with any separator and real days only. Both now say it of
    the same cells: ``12-20-2024`` and ``12.20.2024`` are written month first, ``02/30/2024`` is no such day."""
    src = tmp_path / "ho.csv"
    src.write_text(f"household_id,area,income_per_capita,previous_status,escaped_on\nH1,rural,1700000,poor,{text}\n")
    args = ["classify", str(src), "-o", str(tmp_path / "kq.csv"), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    classified = CliRunner().invoke(main, args)
    assert classified.exit_code == 1, classified.output
    reason = (tmp_path / "kq.rejects.csv").read_text(encoding="utf-8-sig")
    lists = tmp_path / "ds.csv"
    lists.write_text(f"Mã hộ,Tình trạng,Ngày công nhận\nH1,thoát nghèo,{text}\n")
    args = ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--date", "2024-12-30"]
    imported = CliRunner().invoke(main, [*args, "--commune", "Xã A", "--lang", "en"])
    said = " ".join(imported.output.split())
    assert imported.exit_code == 2, imported.output
    if day is None:
        assert "is not a day of the calendar" in reason and "month first" not in reason, reason
        assert "month first" not in said, said
    else:
        assert "written month first (month 12, day 20)" in reason, reason
        assert f"only month first ({day.isoformat()})" in said, said
