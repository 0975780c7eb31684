"""``classify --members`` streamed (pipeline/members_stream.py) gives byte for byte what the whole-file
path gives: the classified and rejects files, the notes, the counts, the exit code — whether the members
file is joined batch by batch or the run falls back to the whole path (members not in the household
file's order). Tiny batches (a few kilobytes) on generated files make many batches of both files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stream import _generator

from poverty_rules.cli import main
from poverty_rules.cli._output import write_classified
from poverty_rules.data.read import read_table
from poverty_rules.data.stream import NotStreamable
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.pipeline import RunOptions, members_stream, run
from poverty_rules.pipeline.members_stream import NotLockstep, classify_with_members

ROOT = Path(__file__).resolve().parent.parent
RULESET = load_ruleset("vn-2022-2026")
OPTIONS = RunOptions(as_of="2025-12-01", lang="en")
SOURCE = "mm.csv (members file)"


GEN = _generator()  # fixtures/generate.py


def _files(
    tmp_path: Path,
    n: int,
    seed: int,
    *,
    no_members: float = 0.0,
    unknown: int = 0,
    rejected: int = 0,
    unreadable: int = 0,
    repeated: int = 0,
    swapped: int = 0,
    shuffled: bool = False,
    flags_given: int | None = None,
    thousands: int = 0,
    against: bool = False,
) -> tuple[Path, Path]:
    """A household file and its members file (generate.py), members in the household file's order,
    then changed: households without members, member rows of households not in the file (each run
    put before a random household's), rejected households (a bad area), unreadable member cells, codes
    used again in another commune (their members listed twice), runs swapped, or every row shuffled;
    incomes typed in thousands in the first rows, score A against the incomes (high with low)."""
    rng = np.random.default_rng(seed)
    households = GEN.generate_households(n, seed)
    members = GEN.generate_members(households, seed)
    text = GEN._as_text(households)
    codes = text["household_id"].to_numpy(dtype=object)
    if repeated:  # a later household takes an earlier one's code, in another commune: both accepted
        later = rng.choice(np.arange(n // 2, n), size=repeated, replace=False)
        earlier = rng.choice(n // 2, size=repeated, replace=False)
        codes[later] = codes[earlier]
        text["household_id"] = codes
        text.loc[later, "commune"] = "Xã Khác"
    again = members[members["household_id"].isin(set(codes[earlier]))] if repeated else members.iloc[:0]
    if flags_given is not None:  # the household file's flags blank but in a few rows (derived from members)
        for column in GEN.FLAG_COLUMNS:
            text.loc[flags_given:, column] = ""
    if thousands:  # incomes typed in thousands in the first rows: a note from those rows' numbers
        text.loc[: thousands - 1, "income_per_capita"] = [str(1500 + 250 * (i % 7)) for i in range(min(thousands, n))]
    if against:  # score A wherever an income is read, the higher the lower the income
        income = pd.to_numeric(text["income_per_capita"], errors="coerce")
        score = ((4e9 - income.fillna(0)).clip(lower=0) // 1e6).astype(np.int64).astype(str)
        text["score_a"] = np.where(income.notna() & (np.arange(n) % 3 > 0), score, text["score_a"])
    if rejected:
        text.loc[rng.choice(n, size=rejected, replace=False), "area"] = "ngoại ô"
    template = members.iloc[:3]
    runs = [group for _, group in members.groupby("household_id", sort=False)]
    if no_members:
        runs = [r for r in runs if rng.random() >= no_members]
    for k in range(unknown):
        ghost = template.iloc[: 1 + k % 3].copy()
        ghost["household_id"] = f"ZZ-{k}"
        runs.insert(int(rng.integers(0, len(runs) + 1)), ghost)
    for _ in range(swapped if len(runs) > 1 else 0):
        i, j = rng.choice(len(runs), size=2, replace=False)
        runs[i], runs[j] = runs[j], runs[i]
    members = pd.concat([*runs, again], ignore_index=True)  # a code used twice: its members listed again, last
    if shuffled:
        members = members.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    unreadable = min(unreadable, len(members))
    if unreadable:
        where = rng.choice(len(members), size=unreadable, replace=False)
        members.loc[where[: unreadable // 2], "sex"] = "??"
        members.loc[where[unreadable // 2 :], "birth_date"] = "31/02/1990x"
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    text.to_csv(hh, index=False)
    members.to_csv(mm, index=False)
    return hh, mm


def _whole(hh: Path, mm: Path, out: Path, rej: Path) -> tuple[dict[str, int], list[str], int]:
    """What the whole-file path (cli/_classifying.py ``_whole``) writes and says."""
    sheet = read_table(hh)
    result = run(sheet, RULESET, OPTIONS.with_(members=read_table(mm)), source=str(hh), members_source=SOURCE)
    norm = result.normalized
    write_classified(
        sheet.table, norm, result.results, out, rej, source=hh, bom=True, labels=False, lang="en", ruleset=RULESET
    )
    status = result.results["status"].astype(str)
    return status.value_counts().to_dict(), norm.notes, len(norm.rejects)


def _assert_same(tmp_path: Path, hh: Path, mm: Path, batch_bytes: int) -> bool:
    """Streamed (or fallen back) and whole give the same bytes and notes; True when streamed."""
    counts, notes, n_rejects = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    try:
        summary = classify_with_members(
            hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=batch_bytes
        )
    except NotLockstep:
        assert not out.exists() and not rej.exists()  # nothing left: the whole path is taken instead
        return False
    assert summary.batches > 1 or hh.stat().st_size <= batch_bytes  # a file of one block is one batch
    assert out.read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert rej.exists() == (tmp_path / "whole.rejects.csv").exists()
    if rej.exists():
        assert rej.read_bytes() == (tmp_path / "whole.rejects.csv").read_bytes()
    assert summary.notes == notes
    (tmp_path / "notes.txt").write_text("\n".join(notes))
    assert summary.rejected == n_rejects
    assert {s: c for s, c in summary.counts.items() if c} == counts
    return True


def test_members_in_order_stream_in_many_batches(tmp_path: Path) -> None:
    """The usual file: households without members, rejected households, member rows of households not in
    the file and unreadable cells, all joined batch by batch (member runs straddling member batches)."""
    hh, mm = _files(tmp_path, 150, 3, no_members=0.1, unknown=6, rejected=5, unreadable=8)
    assert _assert_same(tmp_path, hh, mm, 1024)
    assert _assert_same(tmp_path, hh, mm, 4096)


def test_a_household_whose_members_fill_several_member_batches(tmp_path: Path) -> None:
    """One household's 60 member rows (about 6 KB: six member batches of 1 KB), the last of a household
    batch or not, and a Parquet members file (read row group by row group): streamed, the same."""
    hh, mm = _files(tmp_path, 40, 12)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    big = members["household_id"].iloc[0]
    rows = members[members["household_id"] == big]
    many = pd.concat([rows] * (60 // len(rows) + 1), ignore_index=True).iloc[:60]
    first = int((members["household_id"] == big).to_numpy().argmax())
    members = pd.concat([members.iloc[:first], many, members.iloc[first + len(rows) :]], ignore_index=True)
    members.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)
    parquet = tmp_path / "mm.parquet"
    pq.write_table(pa.Table.from_pandas(members, preserve_index=False), parquet, row_group_size=16)
    assert _assert_same(tmp_path, hh, parquet, 1024)


def test_notes_on_every_flag_blank_said_as_for_the_whole_file(tmp_path: Path) -> None:
    """The notes on blank flags, streamed as for the whole file. With a members file the blank marks are
    the members file's to fill: "every deprivation cell is blank: read as unknown; use --blank-flags
    not-deprived" is not said (it was, and that option would have stopped the derivation)."""
    hh, mm = _files(tmp_path, 100, 8, flags_given=0)
    assert _assert_same(tmp_path, hh, mm, 2048)
    assert "every deprivation cell is blank" not in (tmp_path / "notes.txt").read_text()
    hh, mm = _files(tmp_path, 100, 8, flags_given=3)
    assert _assert_same(tmp_path, hh, mm, 2048)
    assert "every deprivation cell is blank" not in (tmp_path / "notes.txt").read_text()


@pytest.mark.parametrize(
    "change",
    [{"shuffled": True}, {"swapped": 3}, {"repeated": 2}],
    ids=["shuffled", "runs-swapped", "code-in-two-communes"],
)
def test_members_out_of_order_fall_back_to_the_whole_path(tmp_path: Path, change: dict[str, Any]) -> None:
    hh, mm = _files(tmp_path, 120, 5, **change)
    assert not _assert_same(tmp_path, hh, mm, 1024)


def test_the_files_figures_are_said_streamed_as_for_the_whole_file(tmp_path: Path) -> None:
    """Incomes typed in thousands in three households out of four, and score A against the incomes: the
    file streamed batch by batch says both notes once, with the whole file's figures (share, median,
    rank correlation), where the whole path says them."""
    hh, mm = _files(tmp_path, 120, 5, thousands=90, against=True)
    assert _assert_same(tmp_path, hh, mm, 1024)
    said = (tmp_path / "notes.txt").read_text()
    assert "75% of households have an income under 20,000" in said and "rank correlation -" in said


_settings = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(
    n=st.integers(1, 90),
    seed=st.integers(0, 2**16),
    no_members=st.sampled_from([0.0, 0.3, 1.0]),
    unknown=st.integers(0, 4),
    rejected=st.integers(0, 3),
    unreadable=st.integers(0, 4),
    swapped=st.integers(0, 1),
    batch_bytes=st.sampled_from([1024, 2048, 8192]),
    thousands=st.sampled_from([0, 30, 90]),
    against=st.booleans(),
)
def test_streamed_or_not_the_result_is_the_whole_paths(
    tmp_path_factory: pytest.TempPathFactory, n: int, seed: int, batch_bytes: int, **change: Any
) -> None:
    tmp_path = tmp_path_factory.mktemp("members")
    change["rejected"] = min(change["rejected"], n)
    hh, mm = _files(tmp_path, n, seed, **change)
    streamed = _assert_same(tmp_path, hh, mm, batch_bytes)
    assert streamed or change["swapped"] or change["unknown"]


def _cli(tmp_path: Path, hh: Path, mm: Path, *extra: str, whole: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The command's exit code, stderr (the time blanked) and output bytes, run in a folder of its own."""
    where = tmp_path / ("whole" if whole else "streamed")
    where.mkdir()
    shutil.copy(hh, where / "hh.csv")
    if mm.exists():
        shutil.copy(mm, where / "mm.csv")
    monkeypatch.chdir(where)
    taken: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        if whole:
            raise NotLockstep("the whole path, for comparison")
        try:
            summary = classify_with_members(*args, **kwargs)
        except NotStreamable:
            taken.append(False)
            raise
        taken.append(True)
        return summary

    monkeypatch.setattr("poverty_rules.cli._classifying.classify_with_members", spy)
    args = ["classify", "hh.csv", "--members", "mm.csv", "--as-of", "2025-12-01", "--lang", "en", *extra]
    got = CliRunner().invoke(main, [*args, "--batch-bytes", "1024"])
    files = {p.name: p.read_bytes() for p in sorted(where.iterdir()) if p.name not in ("hh.csv", "mm.csv")}
    return got.exit_code, re.sub(r"\[[0-9.,]+ s", "[_ s", got.output), files, taken


@pytest.mark.parametrize("extra", [(), ("-o", "out.parquet")], ids=["csv", "parquet"])
def test_cli_streams_members_with_the_whole_paths_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    hh, mm = _files(tmp_path, 80, 9, no_members=0.1, unknown=3, rejected=2, unreadable=4)
    code, said, files, taken = _cli(tmp_path, hh, mm, *extra, whole=False, monkeypatch=monkeypatch)
    assert taken == [True]
    want = _cli(tmp_path, hh, mm, *extra, whole=True, monkeypatch=monkeypatch)
    assert (code, said) == want[:2] and code == 1 and "member rows belong to no classified household" in said
    assert files.keys() == want[2].keys()
    for name, data in files.items():
        if name.endswith(".csv"):
            assert data == want[2][name]
        else:  # Parquet: one row group per batch; the same schema and values
            a, b = (pq.read_table(tmp_path / side / name) for side in ("streamed", "whole"))
            assert a.num_rows == b.num_rows and a.schema.equals(b.schema, check_metadata=False)
            assert a.to_pandas().astype(str).equals(b.to_pandas().astype(str))


def test_cli_streams_members_beside_a_local_standard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--local`` with ``--members``: streamed and joined batch by batch, with the whole path's output
    bytes, exit code and words (each household's members derived by both standards; Bắc Ninh classifies
    by income only, so the rows with a score A and no income keep empty local columns and the note says
    the file's count of them once)."""
    hh, mm = _files(tmp_path, 80, 9, no_members=0.1, unknown=3, rejected=2, unreadable=4)
    table = pd.read_csv(hh, dtype=str, keep_default_na=False)
    scored = table.index[table["score_a"] != ""][::2]  # half the scored rows lose their income
    table.loc[scored, "income_per_capita"] = ""
    table.to_csv(hh, index=False)
    extra = ("--local", "example-bac-ninh-2025", "--explain")
    code, said, files, taken = _cli(tmp_path, hh, mm, *extra, whole=False, monkeypatch=monkeypatch)
    assert taken == [True]
    assert (code, said, files) == _cli(tmp_path, hh, mm, *extra, whole=True, monkeypatch=monkeypatch)[:3]
    assert said.count("could not be read by the local standard example-bac-ninh-2025") == 1 and len(scored) > 3
    assert "local_status" in files["hh.classified.csv"].decode("utf-8-sig").splitlines()[0]


@pytest.mark.parametrize(
    "case", ["shuffled", "empty-members-file", "missing-members-file", "no-household-id", "ragged-row"]
)
def test_cli_falls_back_with_the_whole_paths_result_or_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    hh, mm = _files(tmp_path, 60, 4, shuffled=case == "shuffled")
    if case == "empty-members-file":
        mm.write_text("")
    if case == "missing-members-file":
        mm.unlink()
    if case == "ragged-row":  # a row with one cell too many, in the middle: kept, its cells unknown, noted
        lines = mm.read_text(encoding="utf-8").splitlines()
        lines[len(lines) // 2] += ",extra"
        mm.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if case == "no-household-id":
        mm.write_text(mm.read_text(encoding="utf-8").replace("household_id", "ho", 1), encoding="utf-8")
    code, said, files, taken = _cli(tmp_path, hh, mm, whole=False, monkeypatch=monkeypatch)
    assert taken == [False]
    assert (code, said, files) == _cli(tmp_path, hh, mm, whole=True, monkeypatch=monkeypatch)[:3]


def test_members_waiting_beyond_the_bound_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Member rows that never reach a batch's codes are read only up to MOST_BATCHES batches' bytes."""
    hh, mm = _files(tmp_path, 60, 6)
    monkeypatch.setattr(members_stream, "MOST_BATCHES", 1)
    with pytest.raises(NotLockstep):
        classify_with_members(
            hh, mm, tmp_path / "o.csv", tmp_path / "r.csv", RULESET, OPTIONS, members_source=SOURCE, batch_bytes=1024
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hh.csv", "mm.csv"]


def test_member_codes_with_spaces_around_join_as_household_codes_do(tmp_path: Path) -> None:
    """docs/input.md: codes that differ only by surrounding spaces (Excel's non-breaking one too) are one
    household; a member row coded ' H1' or 'H1\\u00a0' belongs to household H1, streamed or whole, as its
    members coded exactly do (no row 'belongs to no household')."""
    hh, mm = _files(tmp_path, 60, 5)
    exact = tmp_path / "exact"
    exact.mkdir()
    counts_exact, notes_exact, _ = _whole(hh, mm, exact / "o.csv", exact / "r.csv")
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    pads = ["", " ", "  ", "\u00a0"]
    members["household_id"] = [
        f"{pads[i % 4]}{code}{pads[(i // 4) % 4]}" for i, code in enumerate(members["household_id"])
    ]
    members.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)
    assert (tmp_path / "whole.csv").read_bytes() == (exact / "o.csv").read_bytes()
    assert not any("belong to no" in n for n in notes_exact + (tmp_path / "notes.txt").read_text().splitlines())


def test_a_members_file_headed_in_vietnamese_streams(tmp_path: Path) -> None:
    """A members file whose code column is headed "Mã hộ" (docs/members.md allows it) and its other columns
    in Vietnamese (Ngày sinh, Giới tính) was always read whole — a million households' members in memory,
    1.7 GB instead of the stream's 100 MB more — though listed in the household file's order; it streams,
    with the whole path's bytes and notes."""
    hh, mm = _files(tmp_path, 150, 3, no_members=0.1, unknown=6, rejected=5, unreadable=8)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    members = members.rename(columns={"household_id": "Mã hộ", "birth_date": "Ngày sinh", "sex": "Giới tính"})
    members.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)


def test_the_note_on_member_rows_of_no_household_names_their_first_codes(tmp_path: Path) -> None:
    """ "7 member row(s) belong to no classified household: left out" did not say which: the officer had to
    compare two files code by code. The note names the first five codes in the file's order (then "…"),
    streamed as for the whole file, in both languages."""
    hh, mm = _files(tmp_path, 150, 3, unknown=7)
    assert _assert_same(tmp_path, hh, mm, 1024)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)["household_id"]
    ghosts = list(dict.fromkeys(code for code in members if code.startswith("ZZ-")))
    said = (tmp_path / "notes.txt").read_text()
    codes = ", ".join(f"'{code}'" for code in ghosts[:5])
    rows = int(members.str.startswith("ZZ-").sum())
    assert f"{rows} member rows belong to no classified household (not in the household file, rejected, " in said
    assert f"left out; check the household codes {codes} …" in said
    out = tmp_path / "vi.csv"
    args = ["classify", str(hh), "--members", str(mm), "-o", str(out), "--as-of", "2025-12-01", "--lang", "vi"]
    result = CliRunner().invoke(main, args)
    assert f"bỏ qua; kiểm tra mã hộ {codes} …" in result.output


def test_the_note_on_unreadable_member_cells_names_the_first_of_them(tmp_path: Path) -> None:
    """ "members column sex: 4 unreadable cell(s) read as unknown" did not say which cells: the note names
    the first five as written, in the file's order (then "…"), streamed as for the whole file."""
    hh, mm = _files(tmp_path, 150, 3, unknown=2)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    members.loc[[5, 40, 80, 120, 200, 300], "sex"] = ["?1", "?2", "?1", "?3", "?4", "?5"]
    members.loc[[7, 90], "birth_date"] = ["2019", "12/2019"]
    members.loc[90, "age"] = ""
    members.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)
    said = (tmp_path / "notes.txt").read_text()
    assert (
        "members column sex: 6 unreadable cells ('?1', '?2', '?3', '?4', '?5'; the first at row 7) read as unknown"
        in said
    )
    assert (
        "members column birth_date/age: 2 unreadable cells ('2019', '12/2019'; the first at row 9) read as unknown"
        in said
    )


def test_the_notes_name_a_column_as_the_members_file_heads_it(tmp_path: Path) -> None:
    """A members file headed Giới tính, Ngày sinh was told "members column sex: 4 unreadable cell(s)" — a
    column it does not have, and an English word in a Vietnamese run. The notes name the column as the
    file heads it, streamed as for the whole file."""
    hh, mm = _files(tmp_path, 150, 3, unreadable=8)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    members = members.rename(columns={"household_id": "Mã hộ", "birth_date": "Ngày sinh", "sex": "Giới tính"})
    members.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)
    said = (tmp_path / "notes.txt").read_text()
    assert "members column Giới tính: 4 unreadable cells ('??'; the first at row" in said
    assert "members column Ngày sinh: 4 unreadable cells ('31/02/1990x'; the first at row" in said
    assert "column sex" not in said and "birth_date" not in said
    out = tmp_path / "vi.csv"
    args = ["classify", str(hh), "--members", str(mm), "-o", str(out), "--as-of", "2025-12-01", "--lang", "vi"]
    assert (
        "cột Giới tính của tệp thành viên: 4 ô không đọc được ('??'; ô đầu tiên ở dòng"
        in CliRunner().invoke(main, args).output
    )


def test_members_of_a_code_used_in_two_communes_join_neither_household(tmp_path: Path) -> None:
    """A district's file may use a code once in each commune (docs/input.md). The members file, joined on
    the code alone, gave commune A's H1 every member of both (an insured one-person household became
    deprived of health insurance and floor area: 30 m² for five) and commune B's H1 none. Members whose
    code two households share are left out and noted, both households' member marks unknown, in the
    batch or whole, as for the whole file."""
    hh = tmp_path / "hh.csv"
    hh.write_text(
        "household_id,commune,area,income_per_capita,floor_area\n"
        "H1,Xã A,rural,1000000,30\nH2,Xã A,rural,1000000,30\nH1,Xã B,rural,1000000,30\n",
        encoding="utf-8",
    )
    mm = tmp_path / "mm.csv"
    mm.write_text(
        "household_id,birth_date,has_health_insurance\n"
        "H1,1990-01-01,1\nH2,1990-01-01,1\nH1,1990-01-01,0\nH1,1992-01-01,0\nH1,2015-01-01,0\nH1,2016-01-01,0\n",
        encoding="utf-8",
    )
    assert not _assert_same(tmp_path, hh, mm, 1024)  # the whole path decides
    out = tmp_path / "out.csv"
    args = ["classify", str(hh), "--members", str(mm), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert "5 member rows belong to no classified household" in result.output and "'H1'" in result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["deprived"].tolist() == ["", "", ""]
    sources = got["flag_sources"].tolist()
    assert "health_insurance=unknown" in sources[0] and "housing_area=unknown" in sources[0]
    assert "health_insurance=derived" in sources[1] and "health_insurance=unknown" in sources[2]


def test_a_code_used_again_in_a_later_batch_is_joined_as_the_whole_path_joins_it(tmp_path: Path) -> None:
    """The code of the first household used again, in another commune, by the last one (a later batch):
    its members, listed once at the top, went to the first household when streamed; the whole path
    gives them to neither. The stream leaves such a file to the whole path."""
    households = ["household_id,commune,area,income_per_capita,floor_area"]
    members = ["household_id,birth_date,has_health_insurance"]
    for i in range(80):
        households.append(f"H{i:03d},Xã A,rural,1000000,30")
        members.append(f"H{i:03d},1990-01-01,{i % 2}")
    households.append("H000,Xã B,rural,1000000,30")
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("\n".join(households) + "\n", encoding="utf-8")
    mm.write_text("\n".join(members) + "\n", encoding="utf-8")
    assert not _assert_same(tmp_path, hh, mm, 512)
    whole = pd.read_csv(tmp_path / "whole.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "health_insurance=unknown" in whole["flag_sources"].iloc[0]


def test_a_district_file_joins_members_by_code_in_their_commune(tmp_path: Path) -> None:
    """A district's files, each household code used once in each of three communes, the members list naming
    the commune (``Xã``): the member rows of a code used in several communes joined neither household, so
    every such household's member-derived marks stayed unknown. Each row now joins the household with its
    code in its commune. (The stream, which joins by code, gives such a file to the whole path, from the
    start, leaving nothing behind: same outputs.)"""
    rng = np.random.default_rng(5)
    households, members = ["Mã hộ,Xã,area,income_per_capita"], ["Mã hộ,Xã,age,has_health_insurance"]
    insured: dict[tuple[str, str], bool] = {}
    for commune in ("Xã A", "Xã B", "Xã C"):
        for code in range(1, 21):
            households.append(f"{code},{commune},rural,1000000")
            insured[(str(code), commune)] = bool(rng.integers(2))
            members.append(f"{code},{commune},40,{'có' if insured[(str(code), commune)] else 'không'}")
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("\n".join(households) + "\n", "utf-8")
    mm.write_text("\n".join(members) + "\n", "utf-8")
    _, notes, _ = _whole(hh, mm, tmp_path / "district.csv", tmp_path / "district.rejects.csv")
    got = pd.read_csv(tmp_path / "district.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    expected = ["" if insured[(c, x)] else "health_insurance" for c, x in zip(got["Mã hộ"], got["Xã"], strict=True)]
    assert got["deprived"].tolist() == expected
    assert all("health_insurance=derived" in s for s in got["flag_sources"])
    assert not any("belong to no classified household" in note for note in notes)
    assert not _assert_same(tmp_path, hh, mm, 1 << 20)  # a code twice in the batch: the whole path


def test_a_member_row_placed_in_no_commune_joins_the_one_household_with_its_code(tmp_path: Path) -> None:
    """A members list with a commune column (``Xã``) left blank, beside a household file naming its
    communes: every member row was keyed by an empty commune, matched no household and was left out (all
    member marks unknown, the note naming no code when streamed). A row placed in no commune now joins the
    one household with its code, as a file without the column does; a row naming another commune does not,
    and a code two communes share still joins neither household."""
    hh = tmp_path / "hh.csv"
    hh.write_text(
        "household_id,commune,area,income_per_capita,floor_area\n"
        "H1,Xã A,rural,1000000,30\nH2,Xã A,rural,1000000,30\nH3,Xã A,rural,1000000,30\n"
        "H4,Xã A,rural,1000000,30\nH4,Xã B,rural,1000000,30\n",
        encoding="utf-8",
    )
    mm = tmp_path / "mm.csv"
    mm.write_text(
        "household_id,Xã,birth_date,has_health_insurance\n"
        "H1,,1990-01-01,0\nH2,,1990-01-01,1\nH3,Xã B,1990-01-01,0\nH4,,1990-01-01,0\n",
        encoding="utf-8",
    )
    _assert_same(tmp_path, hh, mm, 1 << 20)
    got = pd.read_csv(tmp_path / "whole.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["deprived"].tolist() == ["health_insurance", "", "", "", ""]
    sources = [dict(s.split("=") for s in text.split(";"))["health_insurance"] for text in got["flag_sources"]]
    assert sources == ["derived", "derived", "unknown", "unknown", "unknown"]
    households = pd.read_csv(hh, dtype=str)
    library = run(households, RULESET, OPTIONS.with_(members=pd.read_csv(mm, dtype=str))).results
    assert library["deprived"].tolist() == got["deprived"].tolist()


def test_a_member_row_of_another_commune_is_named_in_the_note_when_streamed(tmp_path: Path) -> None:
    """A member row naming another commune than its code's household (H1 of Xã B beside the file's H1 of
    Xã A) is left out, and the note names its code, 'H1', read whole; streamed, the note ended in
    'check the household codes ' with no code: the stream named only codes no household of the batch has.
    It now names the codes the batch's join left out, as the whole path does."""
    hh = tmp_path / "hh.csv"
    hh.write_text(
        "household_id,commune,area,income_per_capita\nH1,Xã A,rural,1000000\nH2,Xã A,rural,1000000\n",
        encoding="utf-8",
    )
    mm = tmp_path / "mm.csv"
    mm.write_text(
        "household_id,commune,birth_date,has_health_insurance\nH1,Xã B,1990-01-01,0\nH2,Xã A,1990-01-01,0\n",
        encoding="utf-8",
    )
    assert _assert_same(tmp_path, hh, mm, 1 << 20)  # streamed, and said as the whole path says it
    said = (tmp_path / "notes.txt").read_text()
    assert "1 member row belongs to no classified household" in said and "codes 'H1'" in said


def test_member_rows_without_a_household_code_are_said_so(tmp_path: Path) -> None:
    """Member rows whose household code cell is empty were left out and the note said 'check the household
    codes ''', two quotes the officer could not read as an empty cell; the note now says '(no code)' for
    them ('(mã trống)' in Vietnamese), streamed or read whole, beside the codes it names."""
    hh = tmp_path / "hh.csv"
    hh.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,1000000\n", encoding="utf-8")
    mm = tmp_path / "mm.csv"
    mm.write_text(
        "household_id,birth_date,has_health_insurance\nH1,1990-01-01,1\n,1990-01-01,0\nH9,1990-01-01,0\n"
        "H2,1990-01-01,1\n",
        encoding="utf-8",
    )
    _assert_same(tmp_path, hh, mm, 1 << 20)
    said = (tmp_path / "notes.txt").read_text() if (tmp_path / "notes.txt").exists() else ""
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    for text in (said, "\n".join(notes)):
        assert "2 member rows belong to no classified household" in text
        assert "check the household codes (no code), 'H9'" in text and "''" not in text
    args = ["classify", str(hh), "--members", str(mm), "-o", str(tmp_path / "vi.csv"), "--as-of", "2025-12-01"]
    assert "kiểm tra mã hộ (mã trống), 'H9'" in CliRunner().invoke(main, [*args, "--lang", "vi"]).output


def test_households_left_unknown_for_want_of_member_rows_are_named(tmp_path: Path) -> None:
    """A household with no row in the members list (its code mistyped there, 'H02' for 'H2', or its
    members not listed) had every member-derived mark unknown, and nothing said so but the note on the
    members list's rows of no household: the household itself went unnamed. Such households are now
    counted and the first of them named, streamed or read whole, in --lang; a household whose marks the
    household file gives is not."""
    hh = tmp_path / "hh.csv"
    indicators = ("employment", "dependency", "nutrition", "health_insurance", "adult_education", "child_schooling")
    marks = ",".join(f"deprived_{i}" for i in indicators)
    given = ",".join("0" for _ in indicators)
    blank = "," * (len(indicators) - 1)
    hh.write_text(
        f"household_id,area,income_per_capita,{marks}\nH1,rural,1000000,{blank}\nH2,rural,1000000,{blank}\n"
        f"H3,rural,1000000,{given}\nH4,rural,1000000,{blank}\n",
        encoding="utf-8",
    )
    mm = tmp_path / "mm.csv"
    mm.write_text("household_id,birth_date,has_health_insurance\nH1,1990-01-01,1\nH02,1990-01-01,0\n", "utf-8")
    _assert_same(tmp_path, hh, mm, 1 << 20)
    said = (tmp_path / "notes.txt").read_text() if (tmp_path / "notes.txt").exists() else ""
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    for text in (said, "\n".join(notes)):
        assert "2 households have no member row, so the marks derived from members are unknown: 'H2', 'H4'" in text
    args = ["classify", str(hh), "--members", str(mm), "-o", str(tmp_path / "vi.csv"), "--as-of", "2025-12-01"]
    assert "2 hộ không có dòng thành viên nào" in CliRunner().invoke(main, [*args, "--lang", "vi"]).output


def test_a_mark_unknown_in_one_batch_only_is_not_said_unknown_for_every_household(tmp_path: Path) -> None:
    """Streamed, a members file whose health-insurance cells were blank in the first batches and given in
    the later ones said 'no column deprived_health_insurance …: treated as unknown for every household',
    though half the households had it derived; read whole, nothing. Such a note is now the file's only when
    every batch says it, and a column unknown in every batch is still said once."""
    n = 400
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("household_id,area,income_per_capita\n" + "".join(f"H{i:04d},rural,1000000\n" for i in range(n)))
    rows = "".join(f"H{i:04d},1990-01-01,{'' if i < n // 2 else '1'},\n" for i in range(n))
    mm.write_text("household_id,birth_date,has_health_insurance,stunted\n" + rows)
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=2048)
    assert summary.batches > 2
    assert summary.notes == notes
    assert not any("deprived_health_insurance" in note for note in notes)
    assert sum("no column deprived_employment" in note for note in notes) == 1  # unknown in every batch


def test_member_rows_pasted_twice_are_named_streamed_as_for_the_whole_file(tmp_path: Path) -> None:
    """Member rows pasted twice (every cell equal) in households of several batches: the note naming them
    gives the members file's rows, streamed in many batches as read whole (the batch's own numbering would
    name other rows), once for the whole file, the first five named and the count of all."""
    hh, mm = _files(tmp_path, 150, 7)
    members = pd.read_csv(mm, dtype=str, keep_default_na=False)
    copied = [3, 60, 61, 200, 300, 400, 450]
    pasted = pd.concat([members, members.iloc[copied]]).sort_index(kind="stable").reset_index(drop=True)
    pasted.to_csv(mm, index=False)
    assert _assert_same(tmp_path, hh, mm, 1024)
    said = (tmp_path / "notes.txt").read_text()
    rows = [i + 2 + copied.index(i) for i in copied]  # each original's row in the file, its copy the next one
    named = "; ".join(f"row {r + 1} repeats row {r}" for r in rows[:5])
    assert "7 member rows repeat an earlier row cell for cell: " in said
    assert named == "; ".join(re.findall(r"row \d+ repeats row \d+", said)), said


def test_member_codes_differing_only_by_leading_zeros_are_said_so(tmp_path: Path) -> None:
    """Member rows whose codes differ from the households' only by leading zeros ('12' in the members file
    where the household file has '00012': Excel dropped the zeros of one file) were said to 'belong to no
    classified household … check the household codes '12' …' with no word of why. The note now says how
    many of them differ from a household's code only by leading zeros and names them, read whole and
    streamed in many batches alike (rows inside a batch and rows after the last household), in --lang."""
    n = 300
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("household_id,area,income_per_capita\n" + "".join(f"{i:05d},rural,1000000\n" for i in range(n)))
    dropped = {10, 150, n - 1}  # the last: a row after the last household of every batch
    codes = [str(i) if i in dropped else f"{i:05d}" for i in range(n)]
    mm.write_text("household_id,birth_date,has_health_insurance\n" + "".join(f"{c},1990-01-01,1\n" for c in codes))
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=2048)
    assert summary.batches > 2 and summary.notes == notes
    said = next(note for note in notes if "belong to no classified household" in note)
    assert "3 of them have a code that differs from a household's code in the household file only by leading " in said
    assert "zeros ('10', '150', '299')" in said, said
    args = ["classify", str(hh), "--members", str(mm), "-o", str(tmp_path / "vi.csv"), "--as-of", "2025-12-01"]
    output = CliRunner().invoke(main, [*args, "--lang", "vi"]).output
    assert (
        "3 dòng trong số đó có mã chỉ khác mã của một hộ trong tệp hộ ở các số 0 đứng đầu ('10', '150', '299')"
        in output
    )


def test_member_codes_with_leading_zeros_the_household_file_dropped_are_said_so(tmp_path: Path) -> None:
    """The other way round: the members file kept the zeros ('00012') the household file dropped ('12'). The
    streamed path finds such a code among the households' own codes (a code without leading zeros is its own
    bare code, kept once), and says it as the whole path does."""
    n = 300
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("household_id,area,income_per_capita\n" + "".join(f"{i + 1},rural,1000000\n" for i in range(n)))
    padded = {11, 151, n}  # the last: a row after the last household of every batch
    codes = [f"{i:05d}" if i in padded else str(i) for i in range(1, n + 1)]
    mm.write_text("household_id,birth_date,has_health_insurance\n" + "".join(f"{c},1990-01-01,1\n" for c in codes))
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=2048)
    assert summary.batches > 2 and summary.notes == notes
    said = next(note for note in notes if "belong to no classified household" in note)
    assert "zeros ('00011', '00151', '00300')" in said, said


def test_leading_zero_codes_of_a_household_in_an_earlier_batch_are_said_so(tmp_path: Path) -> None:
    """Streamed, member rows written '12' of the household '00012' that ends a batch come after it, so no
    batch's join takes them until the next batch's, whose households they were compared with alone: the note
    counted them among the rows of no household but not among the codes differing only by leading zeros ('96 of
    them' where the whole file says '97'). Each batch's rows of no household are now also compared with the
    earlier batches' households, as the whole file compares them with every household."""
    n = 300
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text("household_id,area,income_per_capita\n" + "".join(f"{i:05d},rural,1000000\n" for i in range(n)))
    for step, first in ((3, 6), (3, 7), (2, 0), (5, 1)):  # a dropped code at a batch's end, whichever it is
        dropped = set(range(first, n - 5, step))
        codes = [str(i) if i in dropped else f"{i:05d}" for i in range(n)]
        rows = "".join(f"{c},1990-01-01,1\n" for c in codes)
        mm.write_text("household_id,birth_date,has_health_insurance\n" + rows)
        _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
        out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
        summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=2048)
        assert summary.batches > 2
        assert summary.notes == notes, (step, first)
        said = next(n for n in notes if "no classified" in n)
        assert f"{len(dropped - {0})} of them have a code that differs" in said  # "0" and "00000": no bare code


def test_member_rows_after_the_last_household_are_named_with_their_commune(tmp_path: Path) -> None:
    """Both files naming their communes, a member row of no household after the household file's last one
    (Z9 of Xã B) was named bare, 'Z9', streamed, where the whole file and a row inside a batch (Z7) name it
    with its commune, 'Z9' (Xã B): in a district's files, whose codes restart in each commune, a bare code
    names no row. The rows after the last household are now named so too."""
    n = 300
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    hh.write_text(
        "household_id,commune,area,income_per_capita\n" + "".join(f"H{i},Xã A,rural,1000000\n" for i in range(n))
    )
    rows = [f"H{i},Xã A,1990-01-01,1\n" for i in range(n)]
    rows.insert(100, "Z7,Xã B,1990-01-01,1\n")
    mm.write_text("household_id,Xã,birth_date,has_health_insurance\n" + "".join([*rows, "Z9,Xã B,1990-01-01,1\n"]))
    _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=2048)
    assert summary.batches > 2 and summary.notes == notes
    assert "check the household codes 'Z7' (Xã B), 'Z9' (Xã B)" in next(n for n in notes if "no classified" in n)


def test_leading_zero_codes_of_a_household_in_a_later_batch_are_said_so(tmp_path: Path) -> None:
    """Members listed out of the household file's order: the member rows of the household '00150' written
    '150' among the first households' members went, streamed, to an early batch, which compared them with its
    own households and the earlier ones' only: the note counted them among the rows of no household but not
    among the codes differing only by leading zeros ('3 of them' where the whole file says '5'), and named
    them in another order. Such rows are now kept until a later batch's household so differs, and counted and
    named as the whole file counts and names them, whichever file dropped the zeros, among rows of no
    household at all ('Z…') in every batch."""
    n = 250
    hh, mm = tmp_path / "hh.csv", tmp_path / "mm.csv"
    for pad in (True, False):
        households = [f"{i:05d}" if pad else str(i + 1) for i in range(n)]
        hh.write_text("household_id,area,income_per_capita\n" + "".join(f"{c},rural,1000000\n" for c in households))
        codes = list(households)
        for moved, to in ((240, 3), (150, 5), (151, 5), (120, 100), (249, 248), (200, 40), (130, 41), (220, 42)):
            code = codes.pop(codes.index(households[moved]))
            codes.insert(to, code.lstrip("0") if pad else code.zfill(5))
        for k in range(0, len(codes), 25):  # a row of no household at all in every batch
            codes.insert(k, f"Z{k}")
        rows = "".join(f"{c},1990-01-01,1\n" for c in codes)
        mm.write_text("household_id,birth_date,has_health_insurance\n" + rows)
        _, notes, _ = _whole(hh, mm, tmp_path / "whole.csv", tmp_path / "whole.rejects.csv")
        out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
        summary = classify_with_members(hh, mm, out, rej, RULESET, OPTIONS, members_source=SOURCE, batch_bytes=512)
        assert summary.batches > 8
        said = next(note for note in notes if "no classified" in note)
        assert "8 of them have a code that differs" in said, said
        assert summary.notes == notes, pad
