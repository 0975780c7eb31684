"""``poverty-rules review`` / ``eligible`` / ``history import`` (issue #6; Quyết định 24/2021/QĐ-TTg)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from poverty_rules.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_review_writes_files_and_rerun_is_idempotent(tmp_path: Path) -> None:
    db, out = tmp_path / "c.db", tmp_path / "out.csv"
    args = ["review", str(SAMPLE), "--date", "2024-12-10", "--db", str(db), "--commune", "Hưng Chính", "-o", str(out)]
    first = _invoke(*args)
    assert first.exit_code == 1  # the sample has rejected rows on purpose
    movements = tmp_path / "sample_commune.movements.csv"
    text_out, text_mov = out.read_bytes(), movements.read_bytes()
    assert (tmp_path / "sample_commune.not_reviewed.csv").exists()
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert {"status", "transition", "eligible_until", "transition_label"} <= set(table.columns)
    assert set(table["transition"]) == {"first_review", ""}
    mov = pd.read_csv(movements, encoding="utf-8-sig")
    assert mov["village"].iloc[-1] == "Tổng cộng"
    refused = _invoke(*args)  # the same date and commune again: only with --replace
    assert refused.exit_code == 2 and "--replace" in refused.output
    assert out.read_bytes() == text_out
    again = _invoke(*args, "--replace")
    assert again.exit_code == 1
    assert out.read_bytes() == text_out and movements.read_bytes() == text_mov


def test_history_import_then_eligible(tmp_path: Path) -> None:
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": ["E1", "E1", "E2"],
            "Tình trạng": ["hộ nghèo", "thoát nghèo", "cận nghèo"],
            "Năm": ["2023", "2024", "2024"],
            "Ngày công nhận": ["", "2024-12-20", ""],
            "Thôn": ["Thôn 1", "Thôn 1", "Thôn 2"],
        }
    ).to_csv(lists, index=False)
    assert _invoke("history", "import", str(lists), "--db", str(db)).exit_code == 0
    assert _invoke("history", "import", str(lists), "--db", str(db)).exit_code == 0  # again: no change
    last_day = _invoke("eligible", "--as-of", "2027-12-19", "--db", str(db), "-o", str(tmp_path / "e.csv"))
    assert last_day.exit_code == 0 and "E1" in last_day.output
    assert "20/12/2024" in last_day.output and "19/12/2027" in last_day.output  # on screen as officers write days
    listed = pd.read_csv(tmp_path / "e.csv", encoding="utf-8-sig")
    assert listed["household_id"].tolist() == ["E1"] and listed["days_left"].tolist() == [1]
    next_day = _invoke("eligible", "--as-of", "2027-12-20", "--db", str(db), "--lang", "en")
    assert next_day.exit_code == 0 and "E1" not in next_day.output


def test_eligible_unknown_programme_and_missing_db(tmp_path: Path) -> None:
    missing = _invoke("eligible", "--as-of", "2027-01-01", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2
    db = tmp_path / "c.db"
    pd.DataFrame({"household_id": ["A"], "status": ["nghèo"], "year": ["2024"]}).to_csv(tmp_path / "l.csv", index=False)
    _invoke("history", "import", str(tmp_path / "l.csv"), "--db", str(db))
    bad = _invoke("eligible", "--as-of", "2027-01-01", "--db", str(db), "--programme", "nope")
    assert bad.exit_code == 2


def test_help_texts_have_examples() -> None:
    for command in (["review"], ["eligible"], ["history", "import"]):
        result = _invoke(*command, "--help")
        assert result.exit_code == 0 and "Examples" in result.output
