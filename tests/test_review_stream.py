"""The streamed review (pipeline/review_stream.py) gives what the whole-file review gives, byte for byte.

Each case reviews the same files twice, into two history files: once streamed in tiny batches (the
hidden ``--batch-bytes``: a few kilobytes, so a commune's households are spread over many batches), once
whole (``review_file`` made to hand over to the whole-file review, as it does for a file it cannot
stream). Compared: the reviewed, movements, not-reviewed and rejects files, the exit code, what is said
on stderr (the run's time aside) and the history file (its dump; the recording time aside), over two
years — the first against an empty history, the second against the first's.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from poverty_rules.cli import main
from poverty_rules.pipeline.review_stream import NotStreamed, review_file
from poverty_rules.review.history import HistoryStore
from poverty_rules.review.yearly import MovementSums, movement_sums, movement_table, movements

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
OUTPUTS = ("h.reviewed.csv", "h.movements.csv", "h.not_reviewed.csv", "h.rejects.csv")
SETTINGS = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])


GEN = runpy.run_path(str(FIXTURES / "generate.py"))  # generate_households, _as_text


def _whole(*args: object, **kwargs: object) -> None:
    raise NotStreamed("the whole-file review, for comparison")


STREAMED: list[bool] = []
"""Whether each streamed run's review was streamed to its end (not handed over to the whole-file review)."""


def _streaming(*args: Any, **kwargs: Any) -> Any:
    done = review_file(*args, **kwargs)
    STREAMED[-1] = True
    return done


def _run(
    folder: Path, src: pd.DataFrame, day: str, *options: str, streamed: bool, batch: int, suffix: str = ".csv"
) -> tuple[int, str]:
    """Review ``src`` (written to folder/h.csv, or h.parquet) on ``day`` into folder/h.db: the exit code and
    stderr, the run's time masked (stderr kept as folder/said.txt)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"h{suffix}"
    named: list[str] = []
    if suffix == ".parquet":
        src.to_parquet(path, index=False, row_group_size=16)
        named = ["-o", str(folder / "h.reviewed.csv")]  # a Parquet file is reviewed into Parquet by default, whole
    else:
        src.to_csv(path, index=False)
    args = ["review", str(path), "--date", day, "--db", str(folder / "h.db"), *named, *options]
    runner = CliRunner()
    if streamed:
        STREAMED.append(False)
        with mock.patch("poverty_rules.cli._reviewing.review_file", _streaming):
            result = runner.invoke(main, [*args, "--batch-bytes", str(batch)], catch_exceptions=False)
    else:
        with mock.patch("poverty_rules.cli._reviewing.review_file", _whole):
            result = runner.invoke(main, args, catch_exceptions=False)
    said = result.stderr if hasattr(result, "stderr") else result.output
    (folder / "said.txt").write_text(said, encoding="utf-8")
    return result.exit_code, re.sub(r"\[[\d.,]+ (s|giây)\]", "[t s]", said.replace(str(folder), "F"))


def _dump(folder: Path) -> list[str]:
    with HistoryStore(folder / "h.db") as store:
        lines = store.dump()
    return [re.sub(r"'\d{4}-\d\d-\d\dT[^']*'", "'T'", line) for line in lines]


def assert_same_review(
    tmp_path: Path,
    src: pd.DataFrame,
    day: str,
    *options: str,
    batch: int = 1536,
    whole_only: bool = False,
    suffix: str = ".csv",
) -> int:
    """Review ``src`` streamed (batches of ``batch`` bytes) and whole; every output the same; the exit
    code. ``whole_only``: the streamed review is expected to hand the file over to the whole-file review."""
    streamed = _run(tmp_path / "streamed", src, day, *options, streamed=True, batch=batch, suffix=suffix)
    assert STREAMED[-1] is not whole_only
    whole = _run(tmp_path / "whole", src, day, *options, streamed=False, batch=batch, suffix=suffix)
    assert streamed == whole
    for name in OUTPUTS:
        a, b = tmp_path / "streamed" / name, tmp_path / "whole" / name
        assert a.exists() == b.exists(), name
        if a.exists():
            assert a.read_bytes() == b.read_bytes(), name
    if (tmp_path / "whole" / "h.db").exists():
        assert _dump(tmp_path / "streamed") == _dump(tmp_path / "whole")
    return whole[0]


def _households(n: int, seed: int, communes: int, codes: bool) -> pd.DataFrame:
    """``n`` generated households spread over ``communes`` communes (named, with codes when ``codes``)."""
    text = GEN["_as_text"](GEN["generate_households"](n, seed))
    rng = np.random.default_rng(seed)
    which = rng.integers(0, communes, size=n)
    text["commune"] = np.array([f"Xã Số {k}" for k in range(communes)], dtype=object)[which]
    if codes:
        text["commune_code"] = np.array([f"{k + 1:05d}" for k in range(communes)], dtype=object)[which]
    return text


def _next_year(year1: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The next year's file: some households gone, some rows unreadable, villages left blank, incomes
    moved, a few new households and a code used twice, the rows shuffled (communes interleaved)."""
    rng = np.random.default_rng(seed + 1)
    n = len(year1)
    kept = year1[rng.random(n) > 0.08].copy().reset_index(drop=True)
    m = len(kept)
    income = pd.to_numeric(kept["income_per_capita"], errors="coerce")
    moved = (income * rng.uniform(0.6, 1.5, size=m)).round()
    kept["income_per_capita"] = np.where(income.notna(), moved.astype("Int64").astype(str), "")
    bad = rng.choice(m, size=max(1, m // 40), replace=False)
    kept.loc[bad, "income_per_capita"] = "không rõ"
    kept.loc[rng.choice(m, size=max(1, m // 20), replace=False), "village"] = ""
    new = kept.sample(3, random_state=seed).copy()
    new["household_id"] = [f"NEW-{seed}-{i}" for i in range(3)]
    twice = kept.sample(1, random_state=seed + 2)
    both = pd.concat([kept, new, twice], ignore_index=True)
    return both.sample(frac=1.0, random_state=seed).reset_index(drop=True)


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(40, 120),
    communes=st.integers(1, 3),
    codes=st.booleans(),
    by_code=st.booleans(),
)
def test_streamed_review_is_the_whole_review_over_two_years(
    tmp_path_factory: object, seed: int, n: int, communes: int, codes: bool, by_code: bool
) -> None:
    """``by_code``: the first year's file sorted by household code (each commune's batches then follow one
    another and its record is cut into parts as they come, review/history.py ``merge_prepared``). 40 to 120
    households: 4 to 10 batches of 1.5 KB a year (a streamed batch costs the review some 70 ms)."""
    tmp = tmp_path_factory.mktemp("years")  # type: ignore[attr-defined]
    year1 = _households(n, seed, communes, codes)
    if by_code:
        year1 = year1.sort_values("household_id", kind="stable").reset_index(drop=True)
    assert assert_same_review(tmp, year1, "2025-12-10", "--lang", "en") in (0, 1)
    year2 = _next_year(year1, seed)
    assert assert_same_review(tmp, year2, "2026-12-10", "--lang", "vi") == 1  # a row is unreadable
    assert len(HistoryStore(tmp / "streamed" / "h.db").reviews()) == 2


def test_sample_commune_streamed_with_previous_status_local_standard_and_reasons(tmp_path: Path) -> None:
    """The local standard (an indicator of its own) with reasons, then previous statuses with reasons."""
    sample = pd.read_csv(FIXTURES / "sample_commune.csv", dtype=str, keep_default_na=False)
    options = ("--commune", "Hưng Chính")
    local = ("--local", "example-province-2026")
    assert assert_same_review(tmp_path, sample, "2026-01-10", *options, *local, "--explain", batch=24 << 10) == 1
    year2 = _next_year(sample, 5)
    year2["previous_status"] = np.where(np.arange(len(year2)) % 7 == 0, "nghèo", "")
    assert assert_same_review(tmp_path, year2, "2026-12-10", *options, "--explain", batch=24 << 10) == 1


def test_codes_given_as_options_leaving_households_and_a_third_year(tmp_path: Path) -> None:
    """``--province-code`` / ``--commune-code`` for a file without code columns, households marked as having
    left (``change_reason``), and a third year that starts from them. 90 households: some 8 batches a year."""
    options = ("--province-code", "12", "--commune-code", "03001", "--commune", "Xã Số 0")
    year1 = _households(90, 9, 1, False)
    assert assert_same_review(tmp_path, year1, "2024-12-10", *options) in (0, 1)
    year2 = _next_year(year1, 9)
    year2["change_reason"] = np.where(np.arange(len(year2)) % 11 == 0, "chuyển đi", "")
    assert assert_same_review(tmp_path, year2, "2025-12-10", *options) == 1
    year3 = _next_year(year2.drop(columns=["change_reason"]), 10)
    assert assert_same_review(tmp_path, year3, "2026-12-10", *options, "--lang", "en") == 1


def test_parquet_input_read_by_row_groups(tmp_path: Path) -> None:
    year1 = _households(120, 12, 2, True)
    assert assert_same_review(tmp_path, year1, "2025-12-10", suffix=".parquet") in (0, 1)
    year2 = _next_year(year1, 12)
    assert assert_same_review(tmp_path, year2, "2026-12-10", suffix=".parquet") == 1


def test_notes_from_the_numbers_are_the_whole_files(tmp_path: Path) -> None:
    """A batch whose flags are all blank does not say "every flag blank" when the file's are not; incomes
    written in thousands are said once, with the whole file's share and median, and the file is streamed."""
    year1 = _households(120, 13, 1, False)
    flags = [c for c in year1.columns if c.startswith("deprived_")]
    blank = year1.copy()
    blank.loc[:30, flags] = ""
    assert assert_same_review(tmp_path / "blank", blank, "2025-12-10") in (0, 1)
    thousands = year1.copy()
    income = pd.to_numeric(thousands["income_per_capita"], errors="coerce") // 1000
    thousands["income_per_capita"] = income.astype("Int64").astype(str).replace("<NA>", "")
    assert assert_same_review(tmp_path / "thousands", thousands, "2025-12-10", "--lang", "en") in (0, 1)
    said = (tmp_path / "thousands" / "streamed" / "said.txt").read_text(encoding="utf-8")
    assert "of households have an income under 20,000 (median" in said


def _with_figures(src: pd.DataFrame, rng: np.random.Generator, thousands: float, against: float) -> pd.DataFrame:
    """``src`` with a share ``thousands`` of its incomes typed in thousands (rows drawn at random) and score
    A given against the incomes (the higher the lower the income) on a share ``against`` of its rows."""
    out = src.copy()
    income = pd.to_numeric(out["income_per_capita"], errors="coerce")
    small = rng.random(len(out)) < thousands
    out["income_per_capita"] = np.where(
        small & income.notna(), (income // 1000).astype("Int64").astype(str), out["income_per_capita"]
    )
    score = ((4e9 - income.fillna(0)).clip(lower=0) // 1e6).astype(np.int64).astype(str)
    scored = income.notna() & (rng.random(len(out)) < against)
    out["score_a"] = np.where(scored, score, out["score_a"])
    return out


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(10, 100),
    thousands=st.sampled_from([0.0, 0.5, 0.9]),
    against=st.sampled_from([0.0, 0.3, 0.8]),
    lang=st.sampled_from(["en", "vi"]),
)
@example(seed=42, n=100, thousands=0.5, against=0.8, lang="vi")  # both notes said, in every profile
def test_a_files_figures_are_said_as_the_whole_review_says_them(
    tmp_path_factory: object, seed: int, n: int, thousands: float, against: float, lang: str
) -> None:
    """Incomes typed in thousands and score A against the incomes, in any share, in batches of a dozen
    households: the streamed review says the file's figures (share, median, rank correlation) as the
    whole review does, and is streamed to its end. 10 to 100 households (from 10 to 160, the ci profile's four
    examples had no income typed in thousands: a batch's count of small incomes lost went unseen). The explicit
    example has both notes (half the incomes in thousands; score A against the incomes on 80 % of the rows, a rank
    correlation about -0.8), which the drawn examples need not have: a batch's pairs lost are seen too."""
    tmp = tmp_path_factory.mktemp("figures")  # type: ignore[attr-defined]
    year1 = _with_figures(_households(n, seed, 2, True), np.random.default_rng(seed), thousands, against)
    assert assert_same_review(tmp, year1, "2025-12-10", "--lang", lang) in (0, 1)


def test_refusals_are_said_alike(tmp_path: Path) -> None:
    """The same date again without --replace, and a --commune the file contradicts: the same refusal,
    exit 2, nothing written, whether streamed or not."""
    year1 = _households(60, 3, 2, False)
    assert assert_same_review(tmp_path, year1, "2025-12-10") in (0, 1)
    assert assert_same_review(tmp_path, year1, "2025-12-10") == 2
    assert assert_same_review(tmp_path, year1, "2025-12-10", "--replace") in (0, 1)
    assert assert_same_review(tmp_path, year1, "2026-12-10", "--commune", "Xã Khác", whole_only=True) == 2


def test_header_only_and_members_files_are_reviewed_whole(tmp_path: Path) -> None:
    header = _households(5, 1, 1, False).iloc[0:0]
    assert assert_same_review(tmp_path / "empty", header, "2025-12-10", "--commune", "Xã Số 0", whole_only=True) == 2
    members = tmp_path / "members.csv"
    pd.DataFrame({"household_id": ["X"], "age": ["30"]}).to_csv(members, index=False)
    with mock.patch("poverty_rules.cli._reviewing.review_file") as streamed:
        src = tmp_path / "m"
        src.mkdir()
        _households(20, 2, 1, False).to_csv(src / "h.csv", index=False)
        args = ["review", str(src / "h.csv"), "--date", "2025-12-10", "--db", str(src / "h.db")]
        CliRunner().invoke(main, [*args, "--members", str(members)], catch_exceptions=False)
    assert not streamed.called


def test_movement_sums_add_up_to_the_movements() -> None:
    rows = pd.DataFrame(
        {
            "village": ["A", "B", "", "A", "C"],
            "status": ["poor", "near_poor", "average", "undetermined", "poor"],
            "start_status": ["near_poor", "poor", "poor", "poor", ""],
            "previous_status": ["near_poor", "poor", "poor", "poor", ""],
            "transition": ["newly_poor", "escaped_poverty", "escaped_poverty", "", "first_review"],
        }
    )
    gone = pd.DataFrame({"village": ["B", "D"], "status": ["poor", "near_poor"]})
    parts: MovementSums = movement_sums(rows.iloc[:2])
    parts = parts.add(movement_sums(rows.iloc[2:])).add(movement_sums(rows.iloc[0:0], gone))
    pd.testing.assert_frame_equal(movement_table(parts), movements(rows, gone))


def test_a_streamed_review_stopped_after_its_files_are_written_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Ctrl-C (or SIGTERM) once a streamed review had written its files whole — while it read the history's
    communes to check the scope, or while a file was put on disk — left the reviewed file's temporary file
    (``.ho.reviewed.csv.*.tmp``, 47 MB for 200,000 households) beside the earlier output. Now the stop
    removes it: the earlier files and the history stay as they were, and nothing else is left."""
    ho = tmp_path / "ho.csv"
    ho.write_bytes((FIXTURES / "sample_commune.csv").read_bytes())
    db = tmp_path / "h.db"
    first = CliRunner().invoke(main, ["review", str(ho), "--date", "2024-11-15", "--db", str(db), "-q"])
    assert first.exit_code == 1, first.output
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    for where in ("poverty_rules.cli._reviewing.scope_refusal", "poverty_rules.data.append.AtomicFile._finish"):
        STREAMED.append(False)
        with mock.patch("poverty_rules.cli._reviewing.review_file", _streaming), mock.patch(where, stop):
            result = CliRunner().invoke(main, ["review", str(ho), "--date", "2025-11-15", "--db", str(db), "-q"])
        assert STREAMED[-1], "the review was streamed"
        assert result.exit_code == 2 and "đã dừng theo yêu cầu" in result.output, (where, result.output)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before, where


def test_a_code_that_lost_its_leading_zeros_is_said_alike_streamed_and_whole(tmp_path: Path) -> None:
    """The note on a new household whose code differs from an absent one's only by leading zeros (review/yearly.py
    zero_pairs) is the same streamed as whole, its pairs found across batches."""
    year1 = _households(120, 21, 2, True)
    year1["household_id"] = [f"{i:03d}" for i in range(len(year1))]
    assert assert_same_review(tmp_path, year1, "2025-12-10", "--lang", "en") in (0, 1)
    year2 = year1.copy()
    year2.loc[year2.index[:7], "household_id"] = [str(int(c)) for c in year2["household_id"][:7]]
    year2 = year2.sample(frac=1.0, random_state=3).reset_index(drop=True)
    assert assert_same_review(tmp_path, year2, "2026-12-10", "--lang", "en") in (0, 1)
    said = (tmp_path / "streamed" / "said.txt").read_text(encoding="utf-8")
    said = " ".join(said.split())
    assert "7 new households (first review)" in said
    a, b = "(00001 Xã Số 0)", "(00002 Xã Số 1)"  # a file of two communes: each pair's commune named
    assert f"0 ↔ 000 {a}, 2 ↔ 002 {a}, 4 ↔ 004 {a}, 6 ↔ 006 {a}, 1 ↔ 001 {b}, … (+2)." in said


def test_a_merged_commune_with_no_history_is_said_alike_streamed_and_whole(tmp_path: Path) -> None:
    """Two communes reviewed in 2025, their households all under one new commune code in 2026 (the
    reorganisation): the note that the new commune has no history while the old ones have (review/scope.py
    fresh_communes_note) is the same streamed as whole."""
    year1 = _households(60, 23, 2, True)
    assert assert_same_review(tmp_path, year1, "2025-12-10", "--lang", "en") in (0, 1)
    year2 = year1.assign(commune="Xã Mới", commune_code="00009")
    assert assert_same_review(tmp_path, year2, "2026-12-10", "--lang", "en") in (0, 1)
    said = " ".join((tmp_path / "streamed" / "said.txt").read_text(encoding="utf-8").split())
    assert "00009 Xã Mới has no history" in said and "holds 00001 Xã Số 0, 00002 Xã Số 1" in said, said


def test_a_parquet_review_is_streamed_into_parquet_as_the_whole_review_writes_it(tmp_path: Path) -> None:
    """review h.parquet writes h.reviewed.parquet by default (a Parquet file in, a Parquet file out), which the
    review read whole, the whole file and its history in memory, where a CSV output is streamed. A Parquet
    output is now streamed too: the reviewed file and the rejects file hold the whole review's rows, columns and
    types (a typed int64 size kept, a reject's row a whole number), the movements, not-reviewed file, notes and
    history the same; one row group per batch."""
    year1 = _households(120, 21, 2, True)
    year1["household_size"] = pd.array(range(len(year1)), dtype="int64") % 6 + 1
    year1.loc[5, "area"] = "nowhere"  # one reject
    said, tables = {}, {}
    for mode in ("streamed", "whole"):
        folder = tmp_path / mode
        folder.mkdir()
        path = folder / "h.parquet"
        year1.to_parquet(path, index=False, row_group_size=16)
        args = ["review", str(path), "--date", "2025-12-10", "--db", str(folder / "h.db"), "--batch-bytes", "1536"]
        if mode == "streamed":
            STREAMED.append(False)
            with mock.patch("poverty_rules.cli._reviewing.review_file", _streaming):
                result = CliRunner().invoke(main, args, catch_exceptions=False)
            assert STREAMED[-1], "the review was not streamed"
        else:
            with mock.patch("poverty_rules.cli._reviewing.review_file", _whole):
                result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 1, result.output
        said[mode] = re.sub(r"\[[\d.,]+ (s|giây)\]", "", result.output.replace(str(folder), "F"))
        tables[mode] = [pd.read_parquet(folder / f"h.{name}.parquet") for name in ("reviewed", "rejects")]
        for name in ("h.movements.csv", "h.not_reviewed.csv"):
            tables[mode].append((folder / name).read_bytes())
    assert said["streamed"] == said["whole"]
    reviewed, rejects, movements, gone = tables["streamed"]
    pd.testing.assert_frame_equal(reviewed, tables["whole"][0], check_categorical=False)  # dictionaries per batch
    pd.testing.assert_frame_equal(rejects, tables["whole"][1], check_categorical=False)
    assert str(reviewed["household_size"].dtype) == "int64" and str(rejects["row"].dtype) == "int64"
    assert movements == tables["whole"][2] and gone == tables["whole"][3]
    assert _dump(tmp_path / "streamed") == _dump(tmp_path / "whole")
    assert pq.ParquetFile(tmp_path / "streamed" / "h.reviewed.parquet").num_row_groups > 1
    for name in ("h.reviewed.parquet", "h.rejects.parquet"):
        schemas = [pq.read_schema(tmp_path / mode / name).remove_metadata() for mode in ("streamed", "whole")]
        assert schemas[0] == schemas[1], name
