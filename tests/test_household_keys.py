"""Household codes are unique per commune (#13 item 1; docs/input.md, "Household codes").

The duplicate check's key is the row's commune unit and its code: the unit is the commune code (with
the province code, if any) when the row has one, else the commune name (with the province), else
none — the same in the whole-file path, the streamed path (batches of 1 KB) and the library, and the
same unit the review history keys households by (review/scope.py; a property below).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.data import ids
from poverty_rules.data.ids import SeenCodes, first_uses, hash_keys, household_keys, key_columns
from poverty_rules.data.read import read_table
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.pipeline import RunOptions, run
from poverty_rules.pipeline.stream import classify_file
from poverty_rules.review.scope import file_units, household_units

RULESET = load_ruleset("vn-2022-2026")
OPTIONS = RunOptions(as_of="2025-12-01", lang="en")
FLAGS = ",".join(["0"] * len(RULESET.indicators))
FLAG_HEADER = ",".join(ind.column for ind in RULESET.indicators)


def _file(tmp_path: Path, place_header: str, places: list[str], ids: list[str], name: str = "h.csv") -> Path:
    lines = [f"household_id,{place_header},area,income_per_capita,{FLAG_HEADER}"]
    lines += [f"{i},{p},rural,1500000,{FLAGS}" for i, p in zip(ids, places, strict=True)]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rejects_both_ways(tmp_path: Path, path: Path) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(row, reason) of every reject, from a whole-file run and from a stream of 1 KB batches."""
    whole = run(read_table(path), RULESET, OPTIONS, source=str(path)).normalized.rejects
    out, rej = tmp_path / "out.csv", tmp_path / "out.rejects.csv"
    classify_file(path, out, rej, RULESET, OPTIONS, batch_bytes=1024)
    streamed = pd.read_csv(rej, dtype=str, encoding="utf-8-sig")
    return _pairs(whole), _pairs(streamed)


def _pairs(rejects: pd.DataFrame) -> list[tuple[int, str]]:
    return [(int(r), str(c)) for r, c in zip(rejects["row"], rejects["reason"], strict=True)]


def _two_communes(n: int = 40) -> tuple[list[str], list[str]]:
    """n households in commune A, then the same n codes in commune B, then A's third code again in A."""
    ids = [f"H{i:03d}" for i in range(n)] * 2 + ["H002"]
    return ids, ["A"] * n + ["B"] * n + ["A"]


@pytest.mark.parametrize(
    ("header", "place"),
    [
        ("province,commune", {"A": "Tỉnh X,Xã A", "B": "Tỉnh X,Xã B"}),
        ("Mã tỉnh,Mã xã", {"A": "40,01", "B": "40,02"}),
    ],
)
def test_same_code_in_two_communes_is_two_households(tmp_path: Path, header: str, place: dict[str, str]) -> None:
    ids, communes = _two_communes()
    path = _file(tmp_path, header, [place[c] for c in communes], ids)
    whole, streamed = _rejects_both_ways(tmp_path, path)
    # only the last row (H002 a second time in commune A) is a duplicate; it names row 4 (H002's first row)
    assert whole == streamed == [(len(ids) + 1, "household_id = 'H002': is already used at row 4")]


def test_codes_win_over_names(tmp_path: Path) -> None:
    """With both pairs, the codes place the household: same commune code, different spellings = a duplicate."""
    lines = [f"household_id,Mã tỉnh,Mã xã,province,commune,area,income_per_capita,{FLAG_HEADER}"]
    lines += [f"H1,40,01,Tỉnh X,Xã A,rural,1500000,{FLAGS}", f"H1,40,01,Tỉnh X,xã A,rural,1500000,{FLAGS}"]
    path = tmp_path / "codes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed == [(3, "household_id = 'H1': is already used at row 2")]


def test_a_commune_column_alone_places_the_code(tmp_path: Path) -> None:
    ids, communes = _two_communes(5)
    path = _file(tmp_path, "commune", communes, ids)  # a commune column without a province column
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed == [(12, "household_id = 'H002': is already used at row 4")]


def test_without_a_commune_the_code_alone_is_the_key(tmp_path: Path) -> None:
    ids, _ = _two_communes(5)
    path = _file(tmp_path, "province", ["Tỉnh X"] * len(ids), ids)  # a province but no commune column
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed
    assert [row for row, _ in whole] == [7, 8, 9, 10, 11, 12]  # B's five codes and the last H002


def test_spaces_around_a_place_and_rows_without_a_code(tmp_path: Path) -> None:
    """Cells are trimmed; a row without a commune code is placed by its names (as in the history)."""
    lines = [f"household_id,Mã xã,commune,area,income_per_capita,{FLAG_HEADER}"]
    lines += [
        f"H1,,Xã A,rural,1500000,{FLAGS}",
        f"H1,, Xã A ,rural,1500000,{FLAGS}",  # the same commune by name: a duplicate of row 2
        f"H1,01,Xã A,rural,1500000,{FLAGS}",  # commune code 01: another unit than the name-only rows
        f"H1, 01,Xã B,rural,1500000,{FLAGS}",  # code 01 again: a duplicate of row 4 (codes win)
    ]
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed
    assert [(row, reason[-8:]) for row, reason in whole] == [(3, "at row 2"), (5, "at row 4")]


def test_spaces_around_a_code_and_a_code_of_spaces(tmp_path: Path) -> None:
    """The code is compared without its surrounding spaces too, Excel's non-breaking one included (a
    code " A1 " was another household than "A1"); a code of spaces only is empty."""
    lines = [f"household_id,area,income_per_capita,{FLAG_HEADER}"]
    codes = ["A1", " A1 ", "A1\u00a0", "  ", "B1", "\tB1"]
    lines += [f"{code},rural,1500000,{FLAGS}" for code in codes]
    path = tmp_path / "spaces.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed
    assert whole == [
        (3, "household_id = 'A1': is already used at row 2"),
        (4, "household_id = 'A1': is already used at row 2"),
        (5, "household_id: is empty: every household needs its code (Mã hộ)"),
        (7, "household_id = 'B1': is already used at row 6"),
    ]
    frame = pd.DataFrame({"household_id": codes, "area": "rural", "income_per_capita": 1500000})
    assert run(frame, RULESET, OPTIONS).normalized.rejects["row"].tolist() == [3, 4, 5, 7]
    assert ids.trimmed_codes(pa.chunked_array([["A1", "B2"], ["C3"]])).to_pylist() == ["A1", "B2", "C3"]


_CELL = st.sampled_from(["", " ", "01", "02", " 01", "Xã A", "xã A", "Xã A ", "Xã B", "10"])


@settings(max_examples=60, deadline=None)
@given(
    columns=st.sets(st.sampled_from(["province_code", "commune_code", "province", "commune"])),
    rows=st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, st.sampled_from(["H1", "H2"])), min_size=1, max_size=12),
)
def test_the_duplicate_key_is_the_history_key(columns: set[str], rows: list[tuple[str, ...]]) -> None:
    """Two rows are one household for the duplicate check exactly when the review history would key
    them alike (review/scope.py's unit and the code): one rule (data/ids.py ``commune_units``), two users."""
    names = ["province_code", "commune_code", "province", "commune", "household_id"]
    frame = pd.DataFrame([dict(zip(names, r, strict=True)) for r in rows])[[*sorted(columns), "household_id"]]
    texts = {k: pa.array(frame[k].tolist(), pa.string()) for k in household_keys(frame)}
    ours = first_uses(key_columns(texts), np.zeros(len(frame), dtype=bool))
    units, _scope = household_units(frame)
    history = list(zip(units.tolist(), frame["household_id"].tolist(), strict=True))
    expected = [next(j for j in range(i + 1) if history[j] == history[i]) for i in range(len(history))]
    assert ours.tolist() == [-1 if j == i else j for i, j in enumerate(expected)]


def test_household_keys_and_hashes() -> None:
    assert household_keys(["household_id", "commune", "province"]) == ("province", "commune", "household_id")
    assert household_keys(pd.DataFrame(columns=["household_id", "province_code", "commune_code", "commune"])) == (
        "province_code",
        "commune_code",
        "commune",
        "household_id",
    )
    assert household_keys(pa.table({"household_id": ["1"], "commune_code": ["01"]})) == ("commune_code", "household_id")
    assert household_keys(["household_id", "province", "province_code"]) == ("household_id",)
    unit, code = key_columns({"commune_code": pa.array(["01", ""]), "commune": pa.array(["A", " A "]),
                              "household_id": pa.array(["1", "1"])})  # fmt: skip
    assert unit.to_pylist() == ["code||01", "name||A"] and code.to_pylist() == ["1", "1"]
    place, code = pa.array(["A", "A", "B", "AB", "A"]), pa.array(["1", "1", "1", "", "B1"])
    h = hash_keys([place, code])
    assert h[0] == h[1] and len(set(h.tolist())) == 4  # (AB, "") and (A, B1) differ from (A, 1), (B, 1)
    assert first_uses([place, code], np.zeros(5, dtype=bool)).tolist() == [-1, 0, -1, -1, -1]
    seen = SeenCodes()
    assert seen.check_and_add(h, np.arange(2, 7), np.zeros(5, dtype=bool)).tolist() == [-1, 2, -1, -1, -1]


def test_seen_codes_give_each_rows_first_use_across_batches_and_both_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream's seen keys (a small level merged batch by batch, flushed into 64 shards when full)
    name the same first rows as a dictionary of first uses, repeats within and across batches."""
    monkeypatch.setattr(ids, "_RECENT", 64)  # the small level flushed every few batches
    rng = np.random.default_rng(11)
    for _ in range(10):
        hashes = rng.integers(0, 300, 1200).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # over every shard
        skip = rng.random(1200) < 0.05
        seen, first = SeenCodes(), {}
        for start in range(0, 1200, 97):
            part, rows = slice(start, start + 97), np.arange(start + 2, min(start + 99, 1202))
            cells = zip(hashes[part].tolist(), rows.tolist(), skip[part].tolist(), strict=True)
            want = [-1 if s else (-1 if first.setdefault(h, r) == r else first[h]) for h, r, s in cells]
            assert seen.check_and_add(hashes[part], rows, skip[part]).tolist() == want
        assert len(seen) == len(first)


@settings(max_examples=25, deadline=None)
@given(
    headers=st.sets(st.sampled_from(["Mã tỉnh", "Mã xã", "province", "Xã"]), min_size=1),
    rows=st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, st.sampled_from(["H1", "H2", ""])), min_size=1, max_size=8),
)
def test_the_units_a_file_names_before_it_is_normalized_hold_its_scope(
    tmp_path_factory: pytest.TempPathFactory, headers: set[str], rows: list[tuple[str, ...]]
) -> None:
    """file_units, read from the file as it is (the communes whose history a review reads ahead, in a
    thread), holds every unit of the review's scope, which is worked out from the normalized rows —
    with officers' headers, cells with spaces and rows the review rejects."""
    order = ["Mã tỉnh", "Mã xã", "province", "Xã"]
    chosen = [h for h in order if h in headers]
    lines = [",".join(["household_id", *chosen, "area", "income_per_capita", FLAG_HEADER])]
    for *places, code in rows:
        cells = [places[order.index(h)] for h in chosen]
        lines.append(",".join([code, *cells, "rural", "1500000", FLAGS]))
    path = tmp_path_factory.mktemp("units") / "h.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    normalized = run(table, RULESET, OPTIONS, source=str(path)).normalized
    _units, scope = household_units(normalized.frame)
    named = file_units(table.table)
    assert named is not None
    assert set(scope["unit"]) <= set(named)


def test_a_codes_leading_apostrophe_is_no_part_of_it(tmp_path: Path) -> None:
    """A code written '001 (the apostrophe an Excel user types to keep a code's zeros, which some exports write
    into the cell) was another household than 001: the review took '001 and '002 for new households ('Rà soát
    lần đầu') and listed last year's 001 and 002 as not reviewed, 002's escape from poverty recorded nowhere;
    and '001 beside 001 in one file was no duplicate. A household code and a commune or province code are read
    without their leading apostrophe, in every path (whole file, stream, members, history)."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    lines = [f"household_id,Mã xã,area,income_per_capita,{FLAG_HEADER}"]
    lines += [f"{code},{place},rural,1500000,{FLAGS}" for code, place in (("001", "03001"), ("'001", "'03001"))]
    lines += [f"' 002,03001,rural,1500000,{FLAGS}", f"002 ,03001,rural,1500000,{FLAGS}", f"',03001,rural,1,{FLAGS}"]
    path = tmp_path / "apostrophes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed
    assert [(row, reason[:27]) for row, reason in whole] == [
        (3, "household_id = '001': is al"),
        (5, "household_id = '002': is al"),
        (6, "household_id: is empty: eve"),
    ]
    db = tmp_path / "history.db"
    header = "Mã hộ,Khu vực,Thu nhập bình quân,Việc làm,Dinh dưỡng,Bảo hiểm y tế\n"
    (tmp_path / "2024.csv").write_text(header + "001,nông thôn,1200000,x,x,x\n002,nông thôn,1300000,x,x,x\n", "utf-8")
    (tmp_path / "2025.csv").write_text(header + "'001,nông thôn,1200000,x,x,x\n'002,nông thôn,3300000,,,\n", "utf-8")
    for year in ("2024", "2025"):
        args = ["review", str(tmp_path / f"{year}.csv"), "--date", f"20/12/{year}", "--db", str(db)]
        out = tmp_path / f"{year}.out.csv"
        result = CliRunner().invoke(main, [*args, "--commune", "Xã A", "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    reviewed = pd.read_csv(tmp_path / "2025.out.csv", dtype=str, encoding="utf-8-sig")
    assert reviewed["transition"].tolist() == ["unchanged", "escaped_poverty"]
    assert len(pd.read_csv(tmp_path / "2025.out.not_reviewed.csv", dtype=str, encoding="utf-8-sig")) == 0
    explained = CliRunner().invoke(main, ["explain", str(tmp_path / "2025.csv"), "'002", "--as-of", "2025-12-20"])
    assert explained.exit_code == 0 and explained.output.startswith("Hộ 002"), explained.output


def test_a_code_in_the_formula_an_export_wraps_it_in_is_the_code(tmp_path: Path) -> None:
    """Exports that keep a code's zeros for Excel write it as a formula, ="001" (Excel shows 001). It was read
    as the household '="001"': no duplicate of 001 in the same commune, another household than the history's
    and the members file's 001 (whose members were then joined to nothing). A household, commune or province
    code is read out of that formula, in every path; a cell that only starts with = is left as written."""
    lines = [f"household_id,Mã xã,area,income_per_capita,{FLAG_HEADER}"]
    lines += [f'"=""001""","=""03001""",rural,1500000,{FLAGS}', f"001,03001,rural,1500000,{FLAGS}"]
    lines += [
        f"=A1,03001,rural,1500000,{FLAGS}",
        f'"=""002"" ",03001,rural,1500000,{FLAGS}',
        f"002,03001,rural,1,{FLAGS}",
    ]
    path = tmp_path / "formulas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _rejects_both_ways(tmp_path, path)
    assert whole == streamed
    assert whole == [
        (3, "household_id = '001': is already used at row 2"),
        (6, "household_id = '002': is already used at row 5"),
    ]
    assert ids.trimmed_codes(pa.array(['="001"', "=A1", '=""', "'002"])).to_pylist() == ["001", "=A1", "", "002"]
    households = pd.DataFrame({"household_id": ['="H1"'], "area": ["rural"], "income_per_capita": [1_200_000]})
    members = pd.DataFrame({"household_id": ["H1"], "age": [40], "has_health_insurance": [0]})
    got = run(households, RULESET, RunOptions(as_of="2025-12-01", lang="en", members=members)).normalized.frame
    assert got["household_id"].tolist() == ["H1"] and got["deprived_health_insurance"].tolist() == [1.0]


PLACE_CELLS = st.sampled_from(["", "Xã A", " Xã A", "Xã B", "Xa\u0300 B", "'01", '="01"', "02"])


@given(
    st.lists(st.tuples(PLACE_CELLS, PLACE_CELLS, PLACE_CELLS), min_size=1, max_size=60),
    st.integers(1, 8),
    st.integers(0, 60),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_commune_units_of_runs_are_those_of_every_row(
    distinct: list[tuple[str, str, str]], repeat: int, cut: int, sorted_rows: bool
) -> None:
    """A file sorted by commune (or a commune's own) has its place cells worked out run by run (data/ids.py
    ``_place_runs``: no hashing of every row); each row's combination, numbered in order of first appearance,
    and the combinations are those worked out row by row, in one chunk or two, the cells in runs or not."""
    rows = [cells for cells in distinct for _ in range(repeat)] if sorted_rows else distinct * repeat
    cut = min(cut, len(rows))
    texts = {
        name: pa.chunked_array(
            [pa.array([r[j] for r in rows[:cut]], pa.string()), pa.array([r[j] for r in rows[cut:]], pa.string())]
        )
        for j, name in enumerate(("province", "commune_code", "commune"))
    }
    combo, places = ids.commune_units(texts, len(rows))
    present = [name for name in ids.PLACE_COLUMNS if name in texts]
    row_by_row, places_by_row = ids._combinations(present, [texts[name] for name in present], len(rows))
    np.testing.assert_array_equal(combo, row_by_row)
    pd.testing.assert_frame_equal(places, places_by_row)
    if sorted_rows and repeat >= ids._ROWS_PER_RUN:  # one run per `repeat` rows at most: read run by run
        assert ids._place_runs(list(texts.values()), len(rows)) is not None


EDGE_CELLS = st.sampled_from(
    ["", " ", "H1", " H1", "H1 ", "'01", '="01"', "Xã", "ã1", "a\u200b", "=", "'", "\x7f", "!", "~"]
)


@given(st.lists(EDGE_CELLS, max_size=12), st.integers(0, 12))
@settings(max_examples=200, deadline=None)
def test_codes_are_trimmed_once_and_alike(cells: list[str], cut: int) -> None:
    """The stream's key check trims the codes once (normalize.py ``check_keys`` hands them to ``key_columns`` with
    ``trimmed=True``) and gets the keys of trimming them there; the look at each code's first and last byte
    (vocabulary/codes.py ``_has_edge_space``) answers as the bytes say, empty codes in between or not."""
    from poverty_rules.vocabulary.codes import _has_edge_space, trimmed_codes

    cut = min(cut, len(cells))
    codes = pa.chunked_array(
        [pa.array(cells[:cut], pa.string()), pa.array(["pad", *cells[cut:]], pa.string()).slice(1)]
    )
    texts = {"commune": pa.array(["Xã A"] * len(cells), pa.string()), "household_id": codes}
    once = ids.key_columns({**texts, "household_id": trimmed_codes(codes)}, trimmed=True)
    assert [c.to_pylist() for c in once] == [c.to_pylist() for c in ids.key_columns(texts)]
    for chunk in codes.chunks:
        edges = [b for cell in chunk.to_pylist() if cell for b in (cell.encode()[0], cell.encode()[-1])]
        firsts = [cell.encode()[0] for cell in chunk.to_pylist() if cell]
        expected = any(b <= 0x20 or b >= 0x80 for b in edges) or any(b in (0x27, 0x3D) for b in firsts)
        assert _has_edge_space(chunk) is expected
