"""The SQLite history store: reviews, transitions and bootstrapped lists.

Legal cases: the yearly review and its recognized lists (Quyết định 24/2021/QĐ-TTg), the
movements between reviews (standard.md §5) and the 36-month window (Quyết định 90/QĐ-TTg 2022).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from poverty_rules.review import blocks, history, window
from poverty_rules.review.history import IMPORTED_RULESET, SCHEMA_VERSION, HistoryError, HistoryStore
from poverty_rules.review.scope import household_units
from poverty_rules.review.transitions import eligible_until_column, transitions

REPO = Path(__file__).resolve().parents[1]


def _results(statuses: dict[str, str], **columns: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"household_id": list(statuses), "status": list(statuses.values())})
    for name, values in columns.items():
        frame[name] = values
    return frame


def _synthetic(n: int, status: str = "near_poor") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "household_id": [f"H{i:06d}" for i in range(n)],
            "village": ["Thôn Đông", "Thôn Tây"] * (n // 2) + ["Thôn Đông"] * (n % 2),
            "status": status,
            "deprived": "health_insurance;water",
            "deprivation_count": 2,
            "decided_by": "score",
            "transition": "unchanged",
            "previous_status": "near_poor",
            "eligible_until": None,
        }
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.db"


# ---------------------------------------------------------------- schema


def test_schema_version_set_by_migrations_and_kept_on_reopen(db: Path) -> None:
    with HistoryStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION == len(history.MIGRATIONS)
        first = store.dump()
    with HistoryStore(db) as store:
        assert store.dump() == first
    tables = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"reviews", "review_units", "result_blocks"} <= tables
    assert not {"results", "transitions"} & tables  # migration 8: their rows are in result_blocks


def test_history_written_by_newer_version_is_refused(db: Path) -> None:
    HistoryStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(HistoryError, match="newer"):
        HistoryStore(db)


def test_file_that_is_not_a_database_is_refused(db: Path) -> None:
    db.write_bytes(b"household_id,status\nH1,poor\n" * 200)
    with pytest.raises(HistoryError, match="not a usable history file"):
        HistoryStore(db)


# ---------------------------------------------------------------- record_review


def test_qd24_rerun_of_the_same_review_replaces_it_idempotently(db: Path) -> None:
    frame = _results(
        {"H1": "poor", "H2": "near_poor", "H3": "undetermined"},
        village=["Thôn 1", "Thôn 1", None],
        deprivation_count=[4, 1, None],
        transition=["unchanged", "escaped_poverty", ""],
        previous_status=["hộ nghèo", "poor", "poor"],
        eligible_until=[None, "2028-11-30", None],
    )
    with HistoryStore(db) as store:
        store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", None, frame)
        once = _content(db)
        shown = store.review_rows(int(store.reviews()["id"].iloc[0])).set_index("household_id")
        # H1 kept its status: no row (migration 7), read back as unchanged from its status
        assert shown.loc["H1", ["previous_status", "transition"]].tolist() == ["poor", "unchanged"]
        # undetermined: no movement, but the status it keeps (the file's, H3 being new to the history)
        assert shown.loc["H3", "previous_status"] == "poor" and pd.isna(shown.loc["H3", "transition"])
        store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", None, frame)
        assert _content(db) == once
        assert len(store.reviews()) == 1
        # a re-run with fewer households leaves no stale rows
        store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", "ha-noi", frame[:1])
        assert len(store.latest_before("2026-01-01")) == 1
        assert store.reviews()["overlay"].tolist() == ["ha-noi"]
    stored = once["transitions"]
    assert not any(row[0] == "H1" for row in stored)  # unchanged, same status: implied
    assert ("H2", "escaped_poverty", "poor", "2028-11-30") in stored
    assert not any(row[0] == "H3" for row in stored)  # undecidable: no transition row


def test_review_without_commune_is_also_replaced_on_rerun(db: Path) -> None:
    with HistoryStore(db) as store:
        for _ in range(2):
            store.record_review(date(2025, 12, 1), None, "vn-2022-2025", None, _synthetic(4))
        assert len(store.reviews()) == 1


def _content(db: Path) -> dict[str, list[Any]]:
    """Rows without ids and timestamps, for comparing two writes of the same review (results and
    transitions as the store's dump prints them: since migration 8 they are Arrow blocks, not tables)."""
    conn = sqlite3.connect(db)
    try:
        reviews = conn.execute("SELECT review_date, commune, ruleset, overlay FROM reviews ORDER BY 1, 2").fetchall()
    finally:
        conn.close()
    with HistoryStore(db) as store:
        rows = sorted(_recorded(store), key=lambda row: str(row["household_id"]))
    results = ("household_id", "village", "status", "deprived", "deprivation_count", "decided_by", "recognized_on")
    moves = ("household_id", "transition", "previous_status", "eligible_until")
    return {
        "reviews": reviews,
        "results": [tuple(row[c] for c in results) for row in rows],
        "transitions": [tuple(row[c] for c in moves) for row in rows if row["transition"] is not None],
    }


def _recorded(store: HistoryStore) -> list[dict[str, Any]]:
    """Every recorded household row as :meth:`HistoryStore.dump` prints it (one JSON object a line)."""
    return [json.loads(line[len("--   ") :]) for line in store.dump() if line.startswith("--   ")]


def test_invalid_results_are_refused_before_anything_is_written(db: Path) -> None:
    with HistoryStore(db) as store:
        before = store.dump()
        with pytest.raises(ValueError, match="status"):
            store.record_review("2025-12-01", "X", "r", None, _results({"H1": "nghèo lắm"}))
        with pytest.raises(ValueError, match="duplicated"):
            store.record_review(
                "2025-12-01", "X", "r", None, pd.DataFrame({"household_id": ["H1", "H1"], "status": ["poor", "poor"]})
            )
        with pytest.raises(ValueError, match="transition"):
            store.record_review("2025-12-01", "X", "r", None, _results({"H1": "poor"}, transition=["thoát"]))
        with pytest.raises(ValueError, match="review_date"):
            store.record_review(None, "X", "r", None, _results({"H1": "poor"}))  # type: ignore[arg-type]
        assert store.dump() == before


def test_qd24_write_interrupted_mid_transaction_leaves_history_unchanged(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history.blocks, "PART_ROWS", 1000)  # 4000 households: four blocks
    with HistoryStore(db) as store:
        store.record_review("2024-12-01", "X", "vn-2022-2025", None, _synthetic(1000, "poor"))
        store.record_review("2025-12-01", "X", "vn-2022-2025", None, _synthetic(1000))
        before = store.dump()
        inserted_when_failing: list[int] = []
        original = history._rows

        def failing_rows(review_id: int, columns: list[list[Any]]) -> Iterator[tuple[Any, ...]]:
            half = len(columns[0]) // 2
            for number, row in enumerate(original(review_id, columns)):
                if number == half:
                    inserted_when_failing.append(
                        store._conn.execute(
                            "SELECT sum(rows) FROM result_blocks WHERE review_id = ?", (review_id,)
                        ).fetchone()[0]
                    )
                    raise RuntimeError("simulated crash after half the rows")
                yield row

        monkeypatch.setattr(history, "_rows", failing_rows)
        for review_date in ("2025-12-01", "2026-12-01"):  # replacing a review, and a new one
            with pytest.raises(RuntimeError, match="simulated crash"):
                store.record_review(review_date, "X", "vn-2022-2025", None, _synthetic(4000))
            assert store.dump() == before
        with pytest.raises(RuntimeError, match="simulated crash"):
            store.import_lists(
                pd.DataFrame({"household_id": ["A", "B"], "status": ["nghèo", "cận nghèo"]}),
                review_date="2023-12-31",
                commune="X",
            )
        assert store.dump() == before
    assert inserted_when_failing[:2] == [2000, 2000]  # really stopped half-way
    with HistoryStore(db) as store:
        assert store.dump() == before


def test_qd24_process_killed_mid_write_leaves_history_unchanged(db: Path) -> None:
    with HistoryStore(db) as store:
        store.record_review("2024-12-01", "X", "vn-2022-2025", None, _synthetic(3000, "poor"))
        before = store.dump()
    script = textwrap.dedent(
        f"""
        import os
        import pandas as pd
        from poverty_rules.review import history
        original = history._rows
        def dying_rows(review_id, columns):
            for number, row in enumerate(original(review_id, columns)):
                if number == len(columns[0]) // 2:
                    os._exit(3)  # no rollback, no close: as if the power went out
                yield row
        history._rows = dying_rows
        store = history.HistoryStore({str(db)!r})
        store._conn.execute("PRAGMA cache_size = 4")  # spill pages to the file mid-write
        frame = pd.DataFrame({{"household_id": [f"N{{i:06d}}" for i in range(40000)],
                               "status": "near_poor", "deprived": "water;sanitation"}})
        store.record_review("2024-12-01", "X", "vn-2022-2025", None, frame)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert completed.returncode == 3
    assert Path(f"{db}-journal").exists()  # a hot journal: the file itself was changed
    with HistoryStore(db) as store:
        assert store.dump() == before


# ---------------------------------------------------------------- latest_before


def _record_2022_to_2024(store: HistoryStore) -> None:
    """H1 poor 2022, escaped poverty 2023 (recognized 2023-12-10), near-poor 2024.
    H2 near-poor throughout. H3 average 2022 and 2023, then undetermined in 2024."""
    store.record_review(
        "2022-12-01",
        "Thanh Thủy",
        "vn-2022-2025",
        None,
        _results({"H1": "poor", "H2": "near_poor", "H3": "average"}, transition=["first_review"] * 3),
    )
    store.record_review(
        "2023-12-01",
        "Thanh Thủy",
        "vn-2022-2025",
        None,
        _results(
            {"H1": "near_poor", "H2": "near_poor", "H3": "average"},
            transition=["escaped_poverty", "unchanged", "unchanged"],
            previous_status=["poor", "near_poor", "average"],
            recognized_on=["2023-12-10", None, None],
        ),
    )
    store.record_review(
        "2024-12-01",
        "Thanh Thủy",
        "vn-2022-2025",
        None,
        _results(
            {"H1": "near_poor", "H2": "near_poor", "H3": "undetermined"},
            transition=["unchanged", "unchanged", ""],
        ),
    )


def test_qd24_household_escaped_2023_and_poor_2025_is_relapsed_not_newly_poor(db: Path) -> None:
    with HistoryStore(db) as store:
        _record_2022_to_2024(store)
        previous = store.latest_before("2025-12-01", commune="Thanh Thủy")
    assert previous["household_id"].tolist() == ["H1", "H2", "H3"]
    h1 = previous.iloc[0]
    assert h1["status"] == "near_poor"
    assert bool(h1["escaped_poverty_before"]) is True
    assert h1["escaped_on"] == pd.Timestamp("2023-12-10")
    assert not previous["escaped_poverty_before"].iloc[1:].any()
    moved = transitions(
        previous["status"],
        pd.Series(["poor", "poor", "poor"]),
        previous["escaped_poverty_before"],
        previous["escaped_near_poverty_before"],
    )
    assert moved.tolist() == ["relapsed_poor", "newly_poor", "newly_poor"]


def test_qd90_escape_recorded_in_history_keeps_window_at_next_review(db: Path) -> None:
    with HistoryStore(db) as store:
        _record_2022_to_2024(store)
        previous = store.latest_before("2025-12-01")
    window = eligible_until_column(
        pd.Series(["average", "average", "average"]),
        transitions(previous["status"], pd.Series(["average"] * 3)),
        previous["escaped_on"],
        "2025-12-01",
        36,
    )
    assert window.tolist() == ["2026-12-09", "", ""]


def test_undetermined_result_recognizes_nothing_so_last_determined_status_stands(
    db: Path,
) -> None:
    with HistoryStore(db) as store:
        _record_2022_to_2024(store)
        previous = store.latest_before("2025-12-01")
    h3 = previous.set_index("household_id").loc["H3"]
    assert h3["status"] == "average"
    assert h3["review_date"] == pd.Timestamp("2023-12-01")


def test_latest_before_is_strictly_before_the_review_date(db: Path) -> None:
    with HistoryStore(db) as store:
        _record_2022_to_2024(store)
        assert store.latest_before("2022-12-01").empty
        same_day = store.latest_before("2024-12-01")
        assert set(same_day["review_date"]) == {pd.Timestamp("2023-12-01")}
        assert same_day.set_index("household_id").loc["H1", "escaped_poverty_before"]
        assert not store.latest_before("2023-12-01")["escaped_poverty_before"].any()


def test_latest_before_columns_and_types_when_empty(db: Path) -> None:
    with HistoryStore(db) as store:
        empty = store.latest_before("2025-12-01")
    assert list(empty.columns) == history._LATEST_COLUMNS
    assert empty.empty


def test_history_is_scoped_by_commune(db: Path) -> None:
    with HistoryStore(db) as store:
        store.record_review("2024-12-01", "A", "r", None, _results({"H1": "poor"}))
        store.record_review("2024-12-01", "B", "r", None, _results({"H9": "near_poor"}))
        assert store.latest_before("2025-12-01", "A")["household_id"].tolist() == ["H1"]
        assert store.latest_before("2025-12-01")["household_id"].tolist() == ["H1", "H9"]
        assert store.latest_before("2025-12-01")["commune"].tolist() == ["A", "B"]


def test_qd24_households_on_the_lists_but_missing_from_this_review(db: Path) -> None:
    with HistoryStore(db) as store:
        _record_2022_to_2024(store)
        missing = store.not_reviewed("2025-12-01", ["H2", "H9"])
    assert missing["household_id"].tolist() == ["H1", "H3"]


# ---------------------------------------------------------------- import_lists


def test_qd24_lists_bootstrap_history_and_escape_is_derived_from_statuses(db: Path) -> None:
    lists = pd.DataFrame(
        {
            "household_id": [101, 102, 101, 102],
            "status": ["Hộ nghèo", "hộ cận nghèo", "Hộ cận nghèo", "Mức sống trung bình"],
            "year": [2022, 2022, 2023, 2023],
            "recognized_on": ["2022-12-15", "2022-12-15", "2023-12-20", "2023-12-20"],
            "village": ["Xóm 1", "Xóm 2", "Xóm 1", "Xóm 2"],
        }
    )
    with HistoryStore(db) as store:
        ids = store.import_lists(lists, commune="Hưng Chính")
        assert len(ids) == 2
        previous = store.latest_before("2024-12-01", "Hưng Chính").set_index("household_id")
        reviews = store.reviews()
    assert set(reviews["review_date"]) == {"2022-12-31", "2023-12-31"}
    assert set(reviews["ruleset"]) == {IMPORTED_RULESET}
    assert previous.loc["101", "status"] == "near_poor"
    assert previous.loc["101", "escaped_poverty_before"]
    assert previous.loc["101", "escaped_on"] == pd.Timestamp("2023-12-20")
    assert previous.loc["102", "escaped_near_poverty_before"]
    assert not previous.loc["102", "escaped_poverty_before"]


@pytest.mark.parametrize("order", ["escape list first", "near-poor list first"])
def test_qd24_escape_list_and_near_poor_list_of_one_year_combine(db: Path, order: str) -> None:
    escaped = pd.DataFrame({"household_id": ["H1", "H2"], "status": "thoát nghèo", "recognized_on": "2023-12-10"})
    near_poor = pd.DataFrame({"household_id": ["H1"], "status": "cận nghèo"})
    calls = [escaped, near_poor] if order == "escape list first" else [near_poor, escaped]
    with HistoryStore(db) as store:
        for frame in calls:
            store.import_lists(frame, review_date="2023-12-31", commune="X")
        once = store.dump()
        for frame in calls:  # importing the same lists again changes nothing
            store.import_lists(frame, review_date="2023-12-31", commune="X")
        assert store.dump() == once
        previous = store.latest_before("2025-12-01", "X").set_index("household_id")
    assert previous.loc["H1", "status"] == "near_poor"
    assert previous.loc["H2", "status"] == "not_poor"
    assert previous["escaped_poverty_before"].all()
    assert set(previous["escaped_on"]) == {pd.Timestamp("2023-12-10")}
    with HistoryStore(db) as store:
        eligible = {row["household_id"]: row["eligible_until"] for row in _recorded(store) if row["transition"]}
    assert eligible == {"H1": "2026-12-09", "H2": "2026-12-09"}


def test_lists_are_not_imported_over_a_computed_review(db: Path) -> None:
    with HistoryStore(db) as store:
        store.record_review("2023-12-31", "X", "vn-2022-2025", None, _results({"H1": "poor"}))
        before = store.dump()
        with pytest.raises(ValueError, match="computed review"):
            store.import_lists(
                pd.DataFrame({"household_id": ["H2"], "status": ["nghèo"], "year": [2023]}),
                commune="X",
            )
        assert store.dump() == before


@pytest.mark.parametrize(
    "lists",
    [
        pd.DataFrame({"household_id": ["H1"], "status": ["giàu"], "year": [2023]}),
        pd.DataFrame({"household_id": ["H1"], "status": [""], "year": [2023]}),
        pd.DataFrame({"household_id": ["H1"], "status": ["nghèo"]}),  # no date
        pd.DataFrame({"household_id": ["H1", "H1"], "status": ["nghèo", "poor"], "year": 2023}),
        pd.DataFrame({"household_id": ["H1"], "village": ["Xóm 1"]}),
    ],
)
def test_unreadable_lists_are_refused_before_anything_is_written(db: Path, lists: pd.DataFrame) -> None:
    with HistoryStore(db) as store:
        before = store.dump()
        with pytest.raises(ValueError):
            store.import_lists(lists)
        assert store.dump() == before


# ---------------------------------------------------------------- the commune units (migration 5)


def test_one_household_code_in_two_communes_keeps_two_histories(db: Path) -> None:
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H1"],
            "status": ["poor", "not_poor"],
            "province_code": ["12", "12"],
            "commune_code": ["03001", "03002"],
            "commune": ["Xã A", "Xã B"],
        }
    )
    units, scope = household_units(frame)
    assert units.tolist() == ["code|12|03001", "code|12|03002"] and scope["commune"].tolist() == ["Xã A", "Xã B"]
    with HistoryStore(db) as store:
        store.record_review("2024-12-10", None, "r", None, frame, units=units, scope=scope)
        latest = store.latest_before("2025-12-10", units=["code|12|03001", "code|12|03002"])
        assert latest[["unit", "household_id", "status"]].values.tolist() == [
            ["code|12|03001", "H1", "poor"],
            ["code|12|03002", "H1", "not_poor"],
        ]
        assert store.latest_before("2025-12-10", units=["code|12|03002"])["status"].tolist() == ["not_poor"]
        # the same date again for one of the two communes replaces that commune only
        store.record_review(
            "2024-12-10",
            None,
            "r",
            None,
            frame.iloc[:1].assign(status="near_poor"),
            units=units[:1],
            scope=scope.iloc[:1],
        )
        statuses = store.latest_before("2025-12-10")[["unit", "status"]].values.tolist()
        assert statuses == [["code|12|03001", "near_poor"], ["code|12|03002", "not_poor"]]
        assert len(store.reviews()) == 2


def test_the_history_read_beforehand_is_latest_before_of_the_units_kept(db: Path) -> None:
    """read_latest (a review's history read in a thread, the units its file names, coded) kept to a
    scope by LatestRead.of is latest_before of that scope; a scope with a unit it did not read is
    left to the store (None), as are a missing file and one of an older schema."""
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H2", "H1"],
            "status": ["poor", "near_poor", "not_poor"],
            "commune_code": ["03001", "03001", "03002"],
        }
    )
    units, scope = household_units(frame)
    both = ["code||03001", "code||03002"]
    assert history.read_latest(db, "2025-12-10", both) is None  # no file yet
    with HistoryStore(db) as store:
        store.record_review("2023-12-10", None, "r", None, frame, units=units, scope=scope)
        store.record_review("2024-12-10", None, "r", None, frame.iloc[:1].assign(status="average"), units=units[:1])
        read = history.read_latest(db, "2025-12-10", both)
        assert read is not None
        for wanted in (both, ["code||03002"], ["code||03001"], []):
            expected = store.latest_before("2025-12-10", units=wanted, details=False)
            got = read.of(wanted)
            assert got is not None
            pd.testing.assert_frame_equal(history.plain_latest(got), expected)
            coded = store.latest_before("2025-12-10", units=wanted, details=False, coded=True)
            pd.testing.assert_frame_equal(history.plain_latest(coded), expected)
        one = history.read_latest(db, "2025-12-10", ["code||03002"])  # a commune's review: its own history only
        assert one is not None
        assert history.plain_latest(one.latest)["household_id"].tolist() == ["H1"]
        assert one.of(both) is None  # 03001 was not read: the review reads its scope from the store
        assert store.latest_before("2025-12-10", details=False)["escaped_poverty_before"].tolist() == [
            True,
            False,
            False,
        ]
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    assert history.read_latest(db, "2025-12-10", ["code||03001"]) is None


def test_a_version_4_history_is_migrated_with_its_names_as_scope(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for script in history.MIGRATIONS[:4]:
            conn.executescript(script)
        conn.execute("INSERT INTO reviews VALUES (1, '2024-12-10', 'Tà Lèng', 'r', NULL, '2024-12-10T00:00', NULL)")
        conn.execute("INSERT INTO reviews VALUES (2, '2024-12-10', '', 'r', NULL, '2024-12-10T00:00', NULL)")
        conn.execute("INSERT INTO results (review_id, household_id, status) VALUES (1, 'H1', 'poor')")
        conn.execute(
            "INSERT INTO results (review_id, household_id, status, province, place_commune) "
            "VALUES (2, 'H1', 'near_poor', 'Tỉnh X', 'Xã B')"
        )
        conn.execute("INSERT INTO transitions (review_id, household_id, transition) VALUES (1, 'H1', 'first_review')")
        conn.execute("PRAGMA user_version = 4")
    with HistoryStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        latest = store.latest_before("2025-12-10")
        assert latest[["unit", "status"]].values.tolist() == [
            ["name|Tỉnh X|Xã B", "near_poor"],
            ["name||Tà Lèng", "poor"],
        ]
        assert store.reviews()["scope"].tolist() == ["Tà Lèng", "Xã B"]
        assert store.review_rows(1)["transition"].tolist() == ["first_review"]


def _texts(column: pd.Series) -> list[Any]:
    """A column's values, None where missing."""
    return [None if pd.isna(value) else value for value in column]


def test_a_version_7_history_is_migrated_to_blocks_with_the_same_results(db: Path) -> None:
    """Migration 8: the rows of ``results`` and ``transitions`` become Arrow blocks; what the store reads
    (latest results, escapes, implied 'unchanged' rows, details, a review's rows) is what it read before."""
    with sqlite3.connect(db) as conn:
        for script in history.MIGRATIONS[:7]:
            conn.executescript(script)
        conn.execute("INSERT INTO reviews VALUES (1, '2023-12-10', 'X', 'r', NULL, 't', NULL, 0)")
        conn.execute("INSERT INTO reviews VALUES (2, '2024-12-10', 'X', 'r', NULL, 't', NULL, 1)")
        for review_id in (1, 2):
            conn.execute(f"INSERT INTO review_units (review_id, unit, commune) VALUES ({review_id}, 'name||X', 'X')")
        rows = [
            (1, "H1", "Thôn 1", "poor", 3, None),
            (1, "H2", "Thôn 2", "near_poor", 1, None),
            (2, "H1", "Thôn 1", "near_poor", 2, "2024-12-10"),
            (2, "H2", "Thôn 2", "near_poor", 1, None),  # kept its status: no transition row (migration 7)
            (2, "H3", None, "undetermined", None, None),
        ]
        conn.executemany(
            "INSERT INTO results (review_id, unit, household_id, village, status, deprivation_count, recognized_on) "
            "VALUES (?, 'name||X', ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute(
            "INSERT INTO transitions VALUES (2, 'name||X', 'H1', 'escaped_poverty', 'poor', '2027-12-09', '2024-12-10')"
        )
        conn.execute("PRAGMA user_version = 7")
    with HistoryStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        latest = store.latest_before("2025-12-10")
        assert latest["household_id"].tolist() == ["H1", "H2"]  # H3 undetermined: nothing recognized
        assert latest["status"].tolist() == ["near_poor", "near_poor"]
        assert latest["village"].tolist() == ["Thôn 1", "Thôn 2"]
        assert latest["deprivation_count"].tolist() == [2, 1]
        assert latest["escaped_poverty_before"].tolist() == [True, False]
        assert latest["escaped_on"].iloc[0] == pd.Timestamp("2024-12-10")
        assert latest["in_last_review"].tolist() == [True, True]
        assert store.latest_before("2024-01-01")["status"].tolist() == ["poor", "near_poor"]
        shown = store.review_rows(2)
        assert shown["household_id"].tolist() == ["H3", "H1", "H2"]  # by unit, village (none first), code
        assert _texts(shown["transition"]) == [None, "escaped_poverty", "unchanged"]
        assert _texts(shown["previous_status"]) == [None, "poor", "near_poor"]
        assert _texts(shown["eligible_until"]) == [None, "2027-12-09", None]
        frame, label = store.review_at("2024-12-10")
        assert label == "r" and frame["household_id"].tolist() == ["H1", "H2", "H3"]
        assert len(_recorded(store)) == 5
    tables = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "results" not in tables and "transitions" not in tables


def test_a_block_written_before_a_column_was_added_reads_it_as_null() -> None:
    """Blocks are never rewritten when a column is added at the end of blocks.SCHEMA (undetermined_by):
    a block of migration 8's columns decodes with the added columns null, alone or beside a new block."""
    old_schema = pa.schema([f for f in blocks.SCHEMA if f.name not in blocks.ADDED_FIELDS])
    old = pa.table({"household_id": ["H1"], "status": ["poor"]})
    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, old_schema) as writer:
        columns = [old.column(f.name) if f.name in old.column_names else pa.nulls(1, f.type) for f in old_schema]
        writer.write_table(pa.Table.from_arrays(columns, schema=old_schema).cast(old_schema))
    before = sink.getvalue().to_pybytes()
    after = next(iter(blocks.encode(blocks.table_of({"household_id": ["H2"], "undetermined_by": ["score_a"]}, 1))))[2]
    both = blocks.decode([before, after], ["household_id", "undetermined_by"])
    assert both.to_pydict() == {"household_id": ["H1", "H2"], "undetermined_by": [None, "score_a"]}
    whole = blocks.decode([before])
    assert whole.column_names == blocks.SCHEMA.names and whole.column("undetermined_by").to_pylist() == [None]
    assert blocks.decode([before], ["status"]).column("status").to_pylist() == ["poor"]


def test_a_history_another_program_holds_locked_is_said_so_and_left_unchanged(db: Path) -> None:
    """Another program holding the history for writing (sqlite3, a second review): the file was called
    'not a usable history file (database is locked)', English inside the Vietnamese message, and a
    record refused at its first write came out as SQLite's own error; both now say the file is locked by
    another program, to wait and run again, in both languages, and nothing is written."""
    with HistoryStore(db) as store:
        store.record_review("2024-12-01", "Hưng Chính", "vn-2022-2025", None, _synthetic(4))
    before = db.read_bytes()
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        store = HistoryStore(db, timeout=0.1)  # opened before the other program takes the lock
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(HistoryError) as recording:
            store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", None, _synthetic(4))
        store.close()
        with pytest.raises(HistoryError) as opening:
            HistoryStore(db, timeout=0.1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for refused in (recording.value, opening.value):
        assert "locked by another program" in refused.in_lang("en"), refused.in_lang("en")
        assert refused.in_lang("vi").startswith(f"{db}: tệp lịch sử đang bị một chương trình khác khóa để ghi")
        assert "database is locked" not in refused.in_lang("vi")
    assert db.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a file size limit set for a child process (POSIX)")
def test_a_history_the_system_stops_growing_is_said_so_and_left_unchanged(tmp_path: Path) -> None:
    """A full disk or a file size limit (``ulimit -f``) met while recording: 'unexpected failure
    (OperationalError: disk I/O error)'; now the history file is named, the reason said, and it is
    as it was (SQLite rolled the transaction back)."""
    import resource

    db = tmp_path / "h.db"
    lists = tmp_path / "lists.csv"
    lists.write_text(
        "household_id,status,year,commune\n" + "".join(f"H{i:07d},nghèo,2023,Xã A\n" for i in range(40_000)),
        encoding="utf-8",
    )
    with HistoryStore(db) as store:
        store.record_review("2022-12-01", "Xã A", "vn-2022-2025", None, _synthetic(4))
    before = db.read_bytes()
    limit = len(before) + 64 * 1024

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    root = Path(__file__).resolve().parent.parent
    for lang, said in (("vi", "không ghi được vào tệp lịch sử"), ("en", "the history file could not be written")):
        done = subprocess.run(
            [sys.executable, "-m", "poverty_rules", "history", "import", str(lists), "--db", str(db), "--lang", lang],
            env={**os.environ, "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            preexec_fn=limited,  # noqa: PLW1509 - only sets the child's own limit
            timeout=300,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert f"{db}: {said}" in done.stderr and "OperationalError" not in done.stderr, done.stderr
        assert db.read_bytes() == before


@pytest.mark.parametrize("order", ["escape list first", "near-poor list first"])
def test_imported_escapes_keep_the_national_programmes_regime_and_statuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    """``history import`` gave every dated escape from poverty the national programme's months alone: under a
    standard whose national programme ends its regime (``valid_to: 2026-03-31``) and serves only average and
    not-poor households, an escape recognized after the regime ended and a household on the year's near-poor
    list still got a 36-month ``eligible_until`` (shown by ``history show`` and ``report --db``), while
    ``classify`` and ``eligible`` left them out. The import now keeps both, whichever list comes first."""
    path = Path(__file__).parent / "rulesets" / "national-programme-ends-2026-03.yaml"
    from poverty_rules.rules.registry import load_ruleset

    standard = load_ruleset(str(path))
    monkeypatch.setattr(history, "available", lambda: [standard])  # the national standard of 2026, as a file
    monkeypatch.setattr(window, "available", lambda: [standard])  # which programme counts an escape: window.py's
    escaped = pd.DataFrame(
        {
            "household_id": ["late", "before", "near"],
            "status": "thoát nghèo",
            "recognized_on": ["2026-05-01", "2026-02-01", "2026-02-01"],
        }
    )
    near_poor = pd.DataFrame({"household_id": ["near"], "status": ["cận nghèo"]})
    calls = [escaped, near_poor] if order == "escape list first" else [near_poor, escaped]
    with HistoryStore(tmp_path / "h.db") as store:
        for frame in calls:
            store.import_lists(frame, review_date="2026-12-31", commune="X")
        windows = {row["household_id"]: row["eligible_until"] for row in _recorded(store) if row["transition"]}
    assert windows == {"late": None, "before": "2029-01-31", "near": None}


def test_a_history_recorded_from_a_mac_typed_file_is_continued_by_a_windows_file(db: Path) -> None:
    """A history recorded from a file typed on a Mac (place names decomposed, NFD) kept its commune unit in
    those bytes: the next review of a file typed on Windows (NFC) was refused as a commune with no history
    resembling one on record (two names the officer cannot tell apart) or, with its province, started the
    commune afresh — every previous status, escape and window lost. Migration 11 puts the history's units and
    names in NFC, as the place cells are now read (a commune recorded in both forms is left as it was)."""
    nfd = unicodedata.normalize("NFD", "Xã Hưng Chính")
    with HistoryStore(db) as store:
        frame = pd.DataFrame({"household_id": ["H1"], "status": ["poor"], "commune": [nfd], "year": [2024]})
        store.import_lists(frame)
        unit = store.scopes()["unit"].iloc[0]
    with sqlite3.connect(db) as conn:  # as versions before 11 recorded it: the file's bytes
        nfd_unit = unicodedata.normalize("NFD", unit)
        for table in ("review_units", "result_blocks"):
            conn.execute(f"UPDATE {table} SET unit = ?", (nfd_unit,))
        conn.execute("UPDATE review_units SET commune = ?", (nfd,))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with HistoryStore(db) as store:
        scope = store.scopes()
        assert scope["unit"].tolist() == [unicodedata.normalize("NFC", unit)]
        assert scope["commune"].tolist() == ["Xã Hưng Chính"]
        latest = store.latest_before("2025-12-10", units=[unicodedata.normalize("NFC", unit)])
        assert latest[["household_id", "status"]].values.tolist() == [["H1", "poor"]]
