"""The Dask path (pipeline/dask.py) on a LocalCluster with two worker processes gives the single-process
results: the same rows, the same result columns, the same rejects with the file's row numbers, and
duplicate codes across partitions caught. Small data: the cluster start is most of the time.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

import dask  # noqa: E402
from click.testing import CliRunner  # noqa: E402

import poverty_rules as pr  # noqa: E402
from poverty_rules.cli import main  # noqa: E402
from poverty_rules.data.read import read_csv_table  # noqa: E402
from poverty_rules.engine.standards import load_ruleset  # noqa: E402
from poverty_rules.errors import InputError  # noqa: E402
from poverty_rules.pipeline import RunOptions, run  # noqa: E402
from poverty_rules.pipeline.dask import _as_frame, classify_dask, read_dask  # noqa: E402
from poverty_rules.results.tables import classified_table, rejects_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"
RULESET = load_ruleset("vn-2022-2026")
OPTIONS = RunOptions(as_of="2025-12-01", lang="en")


@pytest.fixture(scope="module")
def client():  # noqa: ANN201
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(autouse=True)
def _in_process_unless_on_the_cluster(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that does not ask for the ``client`` computes in this process (Dask's threads), as it does run
    alone: while the module's LocalCluster is up, its Client is Dask's default scheduler, and every small
    compute of such a test went to the two worker processes and back (two to three times its time)."""
    if "client" in request.fixturenames:
        yield
        return
    with dask.config.set({"scheduler": "threads", "dataframe.shuffle.method": "disk"}):  # Dask's, without a Client
        yield


def _single(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = read_csv_table(path)
    result = run(table, RULESET, OPTIONS)
    kept, _ = classified_table(table, result.normalized, result.results)
    return _as_frame(kept), _as_frame(rejects_table(table, result.normalized, numbered=True))


def _same_on_dask(path: Path, blocksize: int, rows: pd.DataFrame, rejects: pd.DataFrame) -> None:
    """The file classified on Dask in more than four partitions gives ``rows`` and ``rejects`` (the
    single-process run's)."""
    ddf = read_dask(path, blocksize=blocksize)
    assert ddf.npartitions > 4
    got = classify_dask(ddf, RULESET, OPTIONS)
    got_rows, got_rejects = got.rows.compute(scheduler="sync"), got.rejects.compute(scheduler="sync")
    pd.testing.assert_frame_equal(got_rows.reset_index(drop=True), rows, check_dtype=False)
    pd.testing.assert_frame_equal(got_rejects.reset_index(drop=True), rejects, check_dtype=False)


def _same_parquet(got: Path, want: Path, name: str = "DataFrame") -> pd.DataFrame:
    """``got`` (a Dask dataset) has the Parquet schema and the rows of ``want`` (the plain run's file), which
    is returned as pandas reads it."""
    a, b = pq.read_table(got), pq.read_table(want)
    assert a.schema.equals(b.schema, check_metadata=False), (name, a.schema, b.schema)
    frame = pd.read_parquet(want)
    pd.testing.assert_frame_equal(pd.read_parquet(got).reset_index(drop=True), frame, check_categorical=False, obj=name)
    return frame


def _file_with_late_duplicates(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    first_id = text[1].split(",")[0]
    late = text[-1].split(",")
    late[0] = first_id  # the sample's first code again, in the last partition
    path = tmp_path / "dups.csv"
    path.write_text("\n".join([*text, ",".join(late)]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("partitions", [1, 4])
def test_dask_matches_the_single_process_run(client: object, tmp_path: Path, partitions: int) -> None:
    path = _file_with_late_duplicates(tmp_path)
    rows, rejects = _single(path)
    ddf = read_dask(path).repartition(npartitions=partitions)
    got = classify_dask(ddf, RULESET, OPTIONS)
    got_rows = got.rows.compute().reset_index(drop=True)
    got_rejects = got.rejects.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got_rows, rows, check_dtype=False)
    pd.testing.assert_frame_equal(got_rejects, rejects, check_dtype=False)
    assert "already used at row 2" in " ".join(got_rejects["reason"].astype(str))


@pytest.mark.parametrize("kind", ["lf", "crlf", "utf-16"])
def test_dask_never_cuts_a_quoted_cell_with_a_line_break(tmp_path: Path, kind: str) -> None:
    """A CSV larger than a partition was cut at any line break, also inside a quoted cell ("Ngô Công Bình
    <line break> line two"): the household was lost and its pieces rejected as ragged rows; a UTF-16 file
    cut so stopped with a UnicodeDecodeError. Partitions now start at a record, as the plain reader reads.
    Where a partition starts is the reader's doing, not the cluster's: computed in this process."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:160]
    for i in range(1, len(lines), 7):
        cells = lines[i].split(",")
        # a long first line in the cell: a cut wanted in it finds its next line break inside the quotes
        cells[1] = f'"{cells[1]}, {"con trai cả, " * 25}\nline two, ""x""\r\nthree"'
        lines[i] = ",".join(cells)
    text = ("\r\n" if kind == "crlf" else "\n").join(lines) + "\n"
    path = tmp_path / "quoted.csv"
    path.write_bytes(text.encode("utf-16" if kind == "utf-16" else "utf-8"))
    rows, rejects = _single(path)
    for blocksize in (2000, 3001, 5000):
        ddf = read_dask(path, blocksize=blocksize)
        assert kind == "utf-16" or ddf.npartitions > 2
        got = classify_dask(ddf, RULESET, OPTIONS)
        pd.testing.assert_frame_equal(got.rows.compute().reset_index(drop=True), rows, check_dtype=False)
        pd.testing.assert_frame_equal(got.rejects.compute().reset_index(drop=True), rejects, check_dtype=False)


def test_dask_keys_codes_by_commune(tmp_path: Path) -> None:
    """The sample's second half moved to another commune: its first code again there is a new
    household; again in the first commune (last partition) it is a duplicate of row 2 (docs/input.md).
    In this process: codes across partitions on the cluster are test_dask_matches_the_single_process_run's."""
    text = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    half = len(text) // 2
    moved = [line.replace("Xã Hưng Chính", "Xã Tà Lèng") for line in text[half:]]
    first = text[1].split(",")
    again_b, again_a = moved[-1].split(","), text[2].split(",")
    again_b[0] = again_a[0] = first[0]
    path = tmp_path / "two.csv"
    path.write_text("\n".join([*text[:half], *moved, ",".join(again_b), ",".join(again_a)]) + "\n", encoding="utf-8")
    rows, rejects = _single(path)
    got = classify_dask(read_dask(path).repartition(npartitions=4), RULESET, OPTIONS)
    pd.testing.assert_frame_equal(got.rows.compute().reset_index(drop=True), rows, check_dtype=False)
    got_rejects = got.rejects.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got_rejects, rejects, check_dtype=False)
    reasons = got_rejects.set_index("row")["reason"].astype(str)
    assert reasons[len(text) + 2] == f"household_id = '{first[0]}': is already used at row 2"
    assert len(text) + 1 not in reasons.index


def test_library_classify_on_a_dask_dataframe(client: object, tmp_path: Path) -> None:
    ddf = read_dask(SAMPLE).repartition(npartitions=3)
    out = pr.classify_table(ddf, ruleset=RULESET, as_of="2025-12-01")
    single = pr.classify_table(pd.read_csv(SAMPLE, dtype=str, keep_default_na=False), ruleset=RULESET)
    assert out.rows.compute()["status"].tolist() == single.rows["status"].astype(str).tolist()
    assert len(out.rejects.compute()) == len(single.rejects)


def test_cli_dask_writes_parquet_datasets(client: distributed.Client, tmp_path: Path) -> None:
    """``--dask ADDRESS``: the scheduler of the test's LocalCluster, as a real cluster would be named."""
    out = tmp_path / "out.parquet"
    address = client.scheduler.address
    args = ["classify", str(SAMPLE), "-o", str(out), "--as-of", "2025-12-01", "-q", "--dask", address]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # the sample has rejected rows
    rows, rejects = _single(SAMPLE)
    got = pd.read_parquet(out)
    assert got["status"].astype(str).tolist() == rows["status"].astype(str).tolist()
    got_rejects = pd.read_parquet(tmp_path / "out.rejects.parquet")
    assert got_rejects["row"].astype(str).tolist() == rejects["row"].astype(str).tolist()
    again = CliRunner().invoke(main, args)  # the same command again replaces both datasets
    assert again.exit_code == 1, again.output
    assert pd.read_parquet(out)["status"].astype(str).tolist() == rows["status"].astype(str).tolist()
    (out / "notes.txt").write_text("an officer's own file", encoding="utf-8")
    refused = CliRunner().invoke(main, [*args, "--lang", "en"])  # a folder with anything else: never replaced
    assert refused.exit_code == 2 and "is a folder, not a file" in refused.output
    assert (out / "notes.txt").exists()


# --------------------------------------------------------------------------- reports from partitions


@functools.cache
def _sample_classified_text() -> pd.DataFrame:
    """The sample classified in one process once for the module (:func:`_classified_rows` copies it)."""
    rows, _ = _single(SAMPLE)
    rows = rows.astype(object).where(rows.notna(), "").astype(str).reset_index(drop=True)
    n = len(rows)
    rows["household_size"] = [str(1 + (i * 7) % 6) for i in range(n)]
    rows["weight"] = [f"{1 + (i * 37) % 100 / 7:.3f}" for i in range(n)]
    rows.loc[rows.index % 5 == 0, "province"] = "Tỉnh Hà Tĩnh"
    rows.loc[rows.index % 11 == 0, "deprived_water"] = ""
    return rows


def _classified_rows(tmp_path: Path) -> tuple[pd.DataFrame, Path]:
    """The sample classified in one process, as text (the CSV output's cells), with persons, a sampling
    weight, a second province and some blank flags; and the same rows as a Parquet dataset of 3 files."""
    rows = _sample_classified_text().copy(deep=True)  # a test may change its copy
    n = len(rows)
    folder = tmp_path / "classified"
    folder.mkdir()
    for i, part in enumerate((rows.iloc[: n // 3], rows.iloc[n // 3 : n // 2], rows.iloc[n // 2 :])):
        part.to_parquet(folder / f"part-{i}.parquet", index=False)
    return rows, folder


def test_af_measures_from_partitions_equal_the_whole_table(client: object, tmp_path: Path) -> None:
    rows, folder = _classified_rows(tmp_path)
    ddf = dd.read_parquet(str(folder)).repartition(npartitions=4)
    for unit in ("household", "person"):  # whole-number sums: exactly equal
        got = pr.af_measures(ddf, unit=unit)
        want = pr.af_measures(rows, unit=unit)
        pd.testing.assert_frame_equal(got, want)
    got = pr.af_measures(ddf, unit="person_weighted", weight_column="weight", k=[1, 3], weights="nested")
    want = pr.af_measures(rows, unit="person_weighted", weight_column="weight", k=[1, 3], weights="nested")
    pd.testing.assert_frame_equal(got.drop(columns="value"), want.drop(columns="value"))
    assert len(want) and ((got["value"] - want["value"]).abs().fillna(0) <= 1e-12 * want["value"].abs().fillna(1)).all()
    assert (got["value"].isna() == want["value"].isna()).all()


def test_af_measures_from_partitions_read_an_officers_headers(tmp_path: Path) -> None:
    """Partitions headed Thôn, Khu vực, Số nhân khẩu are measured per village and person, as the forms read
    them (they were read as absent: one blank village, no person unit). Headers are read in this process;
    measures on the cluster are test_af_measures_from_partitions_equal_the_whole_table's."""
    rows, _ = _classified_rows(tmp_path)
    names = {"village": "Thôn", "area": "Khu vực", "household_size": "Số nhân khẩu"}
    ddf = dd.from_pandas(rows.rename(columns=names), npartitions=3)
    got = pr.af_measures(ddf, k=3)
    want = pr.af_measures(rows, k=3)
    pd.testing.assert_frame_equal(got, want)


def test_form_counts_from_partitions_equal_the_whole_table(tmp_path: Path) -> None:
    """In this process: the forms on the cluster are the ``report --dask ADDRESS`` tests'."""
    rows, folder = _classified_rows(tmp_path)
    got = pr.report_forms(dd.read_parquet(str(folder)).repartition(npartitions=5))
    want = pr.report_forms(rows)
    assert list(got) == ["r1", "r4", "r5", "r6", "r7"]
    for form_id, form in want.items():
        pd.testing.assert_frame_equal(got[form_id].rows, form.rows)
        assert [c.number for c in got[form_id].columns] == [c.number for c in form.columns]
    total = want["r1"].rows.query("level == 'total'")
    assert int(total["c1"].iloc[0]) == len(rows) and int(total["c3"].iloc[0]) > 0


def test_cli_report_on_dask_writes_the_single_process_csv(client: distributed.Client, tmp_path: Path) -> None:
    """``report --dask ADDRESS`` over a Parquet dataset: af.csv, r1.csv and r4–r7.csv as ``report --format csv``
    writes them from the same rows in one process."""
    rows, folder = _classified_rows(tmp_path)
    flat = tmp_path / "classified.csv"
    rows.to_csv(flat, index=False)
    single, on_dask = tmp_path / "single", tmp_path / "on_dask"
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(flat), "-o", str(single), "--format", "csv"])
    assert result.exit_code == 0, result.output
    address = client.scheduler.address
    result = runner.invoke(main, ["report", str(folder), "-o", str(on_dask), "--format", "csv", "--dask", address])
    assert result.exit_code == 0, result.output
    for name in ("af.csv", "r1.csv", "r4.csv", "r5.csv", "r6.csv", "r7.csv"):
        assert (on_dask / name).read_bytes() == (single / name).read_bytes(), name
    assert not (on_dask / "r2.csv").exists()


def test_cli_report_on_dask_refuses_a_spreadsheet_in_the_users_language(
    client: distributed.Client, tmp_path: Path
) -> None:
    """``report BOOK.xlsx --dask ADDRESS --lang vi`` refused the workbook in English ("--dask does not read
    spreadsheets"): the dataset was opened without the run's language."""
    book = tmp_path / "h.xlsx"
    pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(5).to_excel(book, index=False)
    address = client.scheduler.address
    args = ["report", str(book), "-o", str(tmp_path / "out"), "--format", "csv", "--dask", address]
    for lang, words in (("en", "does not read spreadsheets"), ("vi", "không đọc bảng tính")):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2 and words in result.output, result.output


@pytest.mark.parametrize("command", ["classify", "report"])
def test_without_the_dask_extra_the_message_is_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Without ``poverty-rules[dask]``, ``--dask --lang vi`` said "--dask needs the Dask extra" in English."""
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    args = [command, str(SAMPLE), "-o", str(tmp_path / "out.parquet"), "--dask", "local"]
    if command == "report":
        args = [command, str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "csv", "--dask", "local"]
    for lang, words in (("vi", "--dask cần gói Dask đi kèm"), ("en", "--dask needs the Dask extra")):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2 and words in result.output, result.output


def test_cli_report_on_dask_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    """``report --dask`` writes the CSV export only, from a dataset (not --db): exit 2 before any cluster."""
    runner = CliRunner()
    for args in (
        [str(SAMPLE), "-o", str(tmp_path / "r.xlsx"), "--dask", "local"],
        [str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "csv", "--targets", str(SAMPLE), "--dask", "local"],
        ["--db", str(tmp_path / "h.db"), "--date", "2026-12-10", "-o", str(tmp_path / "out"), "--dask", "local"],
        [str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "--format", "csv", "--dask", "local"],
    ):
        result = runner.invoke(main, ["report", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    result = runner.invoke(main, ["report", str(tmp_path), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "--dask" in result.output


def test_a_bad_cell_is_named_by_its_partition(client: object, tmp_path: Path) -> None:
    from poverty_rules.errors import ReportError

    rows, _ = _classified_rows(tmp_path)
    rows.loc[len(rows) - 3, "deprived_water"] = "maybe"
    ddf = dd.from_pandas(rows, npartitions=3)
    with pytest.raises(ReportError) as caught:
        pr.af_measures(ddf, unit="household")
    assert "[3/3]" in str(caught.value) and "deprived_water" in str(caught.value)


# ------------------------------------------------------- CSV read as the single-process run reads it


def _variants(tmp_path: Path) -> dict[str, Path]:
    """Small CSV files the single-process reader takes: a row with a cell missing (its cells must not
    shift), a row with one too many, empty lines before a duplicate, ';' separators, Windows-1258."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:40]
    short, long_ = list(lines), list(lines)
    cells = short[10].split(",")
    del cells[8]
    short[10] = ",".join(cells)
    long_[10] += ",extra"
    blank = list(lines)
    again = blank[30].split(",")
    again[0] = blank[3].split(",")[0]  # row 31 uses row 4's code
    blank[30] = ",".join(again)
    blank[8:8] = ["", ""]  # two empty lines: the duplicate is row 33 of the file, and names row 4
    out = {"short": short, "long": long_, "blank": blank}
    paths = {}
    for name, text in out.items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text("\n".join(text) + "\n", encoding="utf-8")
    paths["semi"] = tmp_path / "semi.csv"
    pd.read_csv(paths["blank"], dtype=str, keep_default_na=False).to_csv(paths["semi"], sep=";", index=False)
    paths["cp1258"] = tmp_path / "cp1258.csv"  # Vietnamese as Windows writes it: tone marks after the letter
    marks = "\u0300\u0301\u0303\u0309\u0323"
    text = "".join(
        ch
        if ch.encode("cp1258", "ignore")
        else unicodedata.normalize("NFC", "".join(x for x in unicodedata.normalize("NFD", ch) if x not in marks))
        + "".join(x for x in unicodedata.normalize("NFD", ch) if x in marks)
        for ch in "\n".join(lines) + "\n"
    )
    paths["cp1258"].write_bytes(text.encode("cp1258"))
    return paths


def test_cli_dask_reads_csv_as_the_single_process_run(client: distributed.Client, tmp_path: Path) -> None:
    """Ragged rows rejected with the file's row number and the plain reason (a short row was classified
    with its cells shifted, a long one crashed the reader); empty lines counted in row numbers and
    noted; the separator and the encoding found as the plain path finds them (docs/scale.md)."""
    address = client.scheduler.address
    runner = CliRunner()
    for name, path in _variants(tmp_path).items():
        base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en"]
        plain = runner.invoke(
            main,
            [*base, "-o", str(tmp_path / f"{name}.plain.parquet"), "--rejects", str(tmp_path / f"{name}.prej.parquet")],
        )
        dask = runner.invoke(
            main,
            [
                *base,
                "-o",
                str(tmp_path / f"{name}.out.parquet"),
                "--rejects",
                str(tmp_path / f"{name}.rej.parquet"),
                "--dask",
                address,
            ],
        )
        assert dask.exit_code == plain.exit_code, (name, dask.output)
        assert [n for n in plain.output.splitlines() if n.startswith("note")] == [
            n for n in dask.output.splitlines() if n.startswith("note")
        ], name
        _same_parquet(tmp_path / f"{name}.out.parquet", tmp_path / f"{name}.plain.parquet", name)
        if plain.exit_code == 1:
            _same_parquet(tmp_path / f"{name}.rej.parquet", tmp_path / f"{name}.prej.parquet", name)
        if name == "blank":
            assert "2 empty rows skipped" in dask.output, dask.output


def test_cli_dask_local_says_nothing_of_its_own_when_the_dashboards_port_is_taken(tmp_path: Path) -> None:
    """``classify --dask local -q --lang vi`` printed Python's English warning "UserWarning: Port 8787 is
    already in use. Perhaps you already have a cluster running? …" when another program (another Dask
    cluster) held the dashboard's port: the local cluster's dashboard takes any free port."""
    import socket
    import subprocess

    path = tmp_path / "h.csv"
    path.write_text(
        SAMPLE.read_text(encoding="utf-8-sig").splitlines()[0]
        + "\n"
        + "\n".join(SAMPLE.read_text(encoding="utf-8-sig").splitlines()[1:6])
        + "\n",
        encoding="utf-8",
    )
    with socket.socket() as taken:
        try:
            taken.bind(("0.0.0.0", 8787))
            taken.listen()
        except OSError:
            pass  # already taken by another program: the same test
        args = ["classify", str(path), "-o", str(tmp_path / "o.parquet"), "--dask", "local", "-q", "--lang", "vi"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "poverty_rules", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == "", done.stderr


def test_the_local_cluster_logs_nothing_on_the_officers_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """``classify --dask local`` now and then ended a good run with a worker's traceback ("distributed.worker -
    ERROR - Failed to communicate with scheduler during heartbeat ... CommClosedError"): the local cluster
    logged errors, and a worker's last heartbeat races the scheduler's closing. It logs nothing below
    CRITICAL (a failing task still stops the run: the client raises it)."""
    from poverty_rules.pipeline import dask as on_dask

    made: dict[str, object] = {}
    monkeypatch.setattr(distributed, "LocalCluster", lambda **kw: made.update(kw) or "cluster")
    monkeypatch.setattr(distributed, "Client", lambda cluster: cluster)
    assert on_dask.client_for("local") == "cluster"
    assert made["silence_logs"] >= logging.CRITICAL


@pytest.mark.parametrize("command", ["classify", "report"])
def test_an_address_where_no_scheduler_answers_is_said_in_the_users_words(tmp_path: Path, command: str) -> None:
    """``--dask tcp://host:port`` with no scheduler there stopped with "unexpected failure (OSError: Timed out
    trying to connect to tcp://… after 30 s) … report it to the developers", in English words."""
    import dask

    args = [command, str(SAMPLE), "-o", str(tmp_path / "out.parquet"), "--dask", "tcp://127.0.0.1:9"]
    if command == "report":
        args = [command, str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "csv", "--dask", "tcp://127.0.0.1:9"]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        for lang, words in (("vi", "không kết nối được với bộ lập lịch Dask"), ("en", "no Dask scheduler answers")):
            result = CliRunner().invoke(main, [*args, "--lang", lang])
            assert result.exit_code == 2 and words in result.output, result.output
            assert "OSError" not in result.output


@pytest.mark.parametrize("address", ["foo:bar", "http://scheduler:8786"])
def test_a_dask_value_that_is_no_address_is_said_in_the_users_words(tmp_path: Path, address: str) -> None:
    """``--dask foo:bar`` stopped with "unexpected failure (ValueError: invalid literal for int() with base
    10: 'bar') … report it to the developers"; ``--dask http://…`` with "unknown address scheme"."""
    args = ["classify", str(SAMPLE), "-o", str(tmp_path / "out.parquet"), "--dask", address]
    for lang, words in (("vi", "không phải địa chỉ của bộ lập lịch Dask"), ("en", "not a Dask scheduler's address")):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2 and words in result.output, result.output


def test_cli_dask_refuses_a_spreadsheet_clearly(tmp_path: Path) -> None:
    """A workbook under --dask: a clear exit-2 message naming what --dask reads, never "unexpected failure"."""
    book = tmp_path / "h.xlsx"
    pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(5).to_excel(book, index=False)
    args = ["classify", str(book), "-o", str(tmp_path / "x.parquet"), "--as-of", "2025-12-01", "--dask", "local"]
    for lang, words in (("en", "does not read spreadsheets"), ("vi", "không đọc bảng tính")):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2 and words in result.output, result.output
        assert "unexpected" not in result.output


@pytest.mark.parametrize(("top", "row"), [("DANH SÁCH HỘ\n", 2), ("DANH SÁCH HỘ\n\n", 3)])
def test_cli_dask_names_the_row_the_header_is_in(tmp_path: Path, top: str, row: int) -> None:
    """A CSV with a title row above its header is refused under --dask; the message said "the header is
    row 3" for a header in row 2 (row 5 for one in row 3): it names the header's row."""
    path = tmp_path / "title.csv"
    path.write_text(top + "household_id,area,income_per_capita\nH1,rural,100\n", encoding="utf-8")
    args = ["classify", str(path), "-o", str(tmp_path / "x.parquet"), "--as-of", "2025-12-01", "--dask", "local"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2 and f"the header is row {row};" in result.output, result.output


def test_cli_dask_reads_a_folder_of_parquet_files(client: distributed.Client, tmp_path: Path) -> None:
    """docs/scale.md: a Parquet input may be a folder of files; the command refused it ("is a
    directory"), and once allowed, a projection of the dataset had other partitions than the run
    (IndexError): the same statuses as the plain run of the same rows."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(120)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    folder = tmp_path / "households"
    folder.mkdir()
    rows.iloc[:60].to_parquet(folder / "a.parquet", index=False)
    rows.iloc[60:].to_parquet(folder / "b.parquet", index=False)
    (tmp_path / "all.csv").write_text(rows.to_csv(index=False), encoding="utf-8")
    base = ["--as-of", "2025-12-01", "--lang", "en", "-q"]
    dask = CliRunner().invoke(
        main, ["classify", str(folder), "-o", str(tmp_path / "out.parquet"), "--dask", client.scheduler.address, *base]
    )
    plain = CliRunner().invoke(main, ["classify", str(tmp_path / "all.csv"), "-o", str(tmp_path / "out.csv"), *base])
    assert dask.exit_code == plain.exit_code, dask.output
    got = pd.read_parquet(tmp_path / "out.parquet")["status"].tolist()
    assert got == pd.read_csv(tmp_path / "out.csv", dtype=str)["status"].tolist()


@pytest.mark.parametrize("index", ["household_id", "rows"])
def test_cli_dask_reads_a_pandas_files_index_as_the_plain_run(
    client: distributed.Client, tmp_path: Path, index: str
) -> None:
    """A Parquet file written by pandas keeps its index beside the data. With the codes as the index
    (``df.set_index("household_id").to_parquet``) the plain run read them and --dask stopped with
    "<data>: row 1: missing column household_id"; with a filtered frame's row index the plain run
    copied a column ``__index_level_0__`` that --dask left out. Both now read the file's columns alike:
    a named index is a column, pandas' unnamed index none."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    path = tmp_path / "h.parquet"
    if index == "household_id":
        rows.set_index("household_id").to_parquet(path)
    else:
        rows.iloc[[3, 1, *range(5, 40)]].to_parquet(path)
    base = ["--as-of", "2025-12-01", "--lang", "en", "-q"]
    dask = CliRunner().invoke(
        main, ["classify", str(path), "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address, *base]
    )
    plain = CliRunner().invoke(main, ["classify", str(path), "-o", str(tmp_path / "p.parquet"), *base])
    assert dask.exit_code == plain.exit_code, dask.output
    want = _same_parquet(tmp_path / "d.parquet", tmp_path / "p.parquet")
    assert "__index_level_0__" not in want.columns and "household_id" in want.columns


def test_cli_dask_says_the_notes_the_plain_run_says(client: distributed.Client, tmp_path: Path) -> None:
    """``classify --dask`` said none of the data's notes (a deprivation column missing, incomes typed in
    thousands …), and named the data ``<data>`` in a header error: it says the plain run's notes, once,
    the ones from the numbers from every partition's figures, and names the file."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(90).drop(columns=["deprived_water"])
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    income = pd.to_numeric(rows["income_per_capita"], errors="coerce") // 1000
    rows["income_per_capita"] = income.astype("Int64").astype(str).replace("<NA>", "")
    folder = tmp_path / "households"
    folder.mkdir()
    for i, part in enumerate((rows.iloc[:30], rows.iloc[30:60], rows.iloc[60:])):
        part.to_parquet(folder / f"{i}.parquet", index=False)
    flat = tmp_path / "all.csv"
    flat.write_text(rows.to_csv(index=False), encoding="utf-8")
    base = ["--as-of", "2025-12-01", "--lang", "vi"]
    address = client.scheduler.address
    dask = CliRunner().invoke(
        main, ["classify", str(folder), "-o", str(tmp_path / "d.parquet"), "--dask", address, *base]
    )
    plain = CliRunner().invoke(main, ["classify", str(flat), "-o", str(tmp_path / "p.csv"), *base])
    assert dask.exit_code == plain.exit_code, dask.output
    said = [n.replace(str(flat), "FILE") for n in plain.output.splitlines() if n.startswith("lưu ý")]
    assert [n.replace(str(folder), "FILE") for n in dask.output.splitlines() if n.startswith("lưu ý")] == said
    assert any("deprived_water" in n for n in said) and any("nghìn" in n for n in said), said
    (tmp_path / "noid.csv").write_text("code,area,income_per_capita\nH1,rural,100\n", encoding="utf-8")
    args = ["classify", str(tmp_path / "noid.csv"), "-o", str(tmp_path / "n.parquet"), "--dask", address, *base]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and f"{tmp_path / 'noid.csv'}: dòng 1: thiếu cột household_id" in refused.output


def test_cli_dask_names_a_parquet_column_given_twice(client: distributed.Client, tmp_path: Path) -> None:
    """A Parquet file with two columns of one name: the plain run says "column 'area' appears twice
    (columns B and D)"; --dask stopped with "unexpected failure (ArrowInvalid: Can't unify schema with
    duplicate field names.)". It now says what the plain run says, in --lang."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [pa.array(["A1", "A2"]), pa.array(["rural", "rural"]), pa.array([1.0, 2.0]), pa.array(["x", "y"])]
    path = tmp_path / "twice.parquet"
    pq.write_table(pa.Table.from_arrays(columns, names=["household_id", "area", "income_per_capita", "area"]), path)
    said = {"en": "column 'area' appears twice (columns B and D)", "vi": "cột 'area' xuất hiện hai lần"}
    for lang, words in said.items():
        base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", lang]
        plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "p.csv")])
        dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
        assert plain.exit_code == dask.exit_code == 2 and words in plain.output and words in dask.output, dask.output


def test_cli_dask_says_the_local_standards_and_the_replaced_columns_notes(
    client: distributed.Client, tmp_path: Path
) -> None:
    """``classify --dask --local`` left out the note on the rows the local standard cannot read (a score
    without income for Bắc Ninh's example), and ``--dask`` the note on input columns a result replaces
    (``status``): both are said as the plain run says them, the count over every partition."""
    rows = "\n".join(f"H{i},rural,{'' if i % 3 else 1000000 + i},{120 if i % 3 else ''},x" for i in range(60))
    flat = tmp_path / "loc.csv"
    flat.write_text("household_id,area,income_per_capita,score_a,status\n" + rows + "\n", encoding="utf-8")
    folder = tmp_path / "households"  # three partitions
    folder.mkdir()
    table = pd.read_csv(flat, dtype=str, keep_default_na=False)
    for i in range(3):
        table.iloc[i * 20 : (i + 1) * 20].to_parquet(folder / f"{i}.parquet", index=False)
    options = ["--as-of", "2025-12-01", "--lang", "en", "--local", "example-bac-ninh-2025"]
    plain = CliRunner().invoke(main, ["classify", str(flat), "-o", str(tmp_path / "p.csv"), *options])
    out = str(tmp_path / "d.parquet")
    dask = CliRunner().invoke(main, ["classify", str(folder), "-o", out, "--dask", client.scheduler.address, *options])
    said = [n.replace(str(flat), "FILE") for n in plain.output.splitlines() if n.startswith("note")]
    # of a folder, the first row the local standard cannot read is named in its part file (217d679)
    said = [n.replace("(the first: row 3: ", "(the first: row 3 of FILE/0.parquet: ") for n in said]
    assert [n.replace(str(folder), "FILE") for n in dask.output.splitlines() if n.startswith("note")] == said
    assert any("40 rows" in n and "0.parquet" in n for n in said) and any("replaced" in n for n in said), said


def test_cli_dask_copies_a_typed_parquet_files_columns_as_the_plain_run(
    client: distributed.Client, tmp_path: Path
) -> None:
    """Under --dask a typed Parquet file's columns came out as 7945000.0 and False where the plain run
    writes 7945000 and 0; both now keep the file's types in their Parquet output (docs/scale.md), the
    same schema and values, and classify its rows alike."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(60)
    rows = rows[(rows["household_id"] != "") & (rows["income_per_capita"].str.fullmatch(r"\d+"))]
    typed = rows.assign(
        income_per_capita=rows["income_per_capita"].astype("int64"),
        score_a=pd.to_numeric(rows["score_a"], errors="coerce"),  # NaN where none
        deprived_water=rows["deprived_water"].map({"1": True, "0": False}),
    )
    path = tmp_path / "typed.parquet"
    typed.to_parquet(path, index=False)
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "p.parquet")])
    assert dask.exit_code == plain.exit_code, dask.output
    want = _same_parquet(tmp_path / "d.parquet", tmp_path / "p.parquet")
    schema = pq.read_table(tmp_path / "d.parquet").schema
    assert [str(schema.field(c).type) for c in ("income_per_capita", "score_a", "deprived_water")] == [
        "int64", "double", "bool"]  # fmt: skip
    assert want["status"].tolist() == pr.classify(rows, as_of="2025-12-01")["status"].astype(str).tolist()


def test_cli_dask_reads_the_encoding_it_is_given(client: distributed.Client, tmp_path: Path) -> None:
    """--encoding was not passed to --dask (it always found the encoding itself): a Windows-1258 file
    read as UTF-8 is refused by both paths alike, and read as cp1258 classified by both alike."""
    path = _variants(tmp_path)["cp1258"]
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    for encoding in ("utf-8", "cp1258"):
        plain = CliRunner().invoke(main, [*base, "--encoding", encoding, "-o", str(tmp_path / f"out-{encoding}.csv")])
        dask = CliRunner().invoke(
            main,
            [
                *base,
                "--encoding",
                encoding,
                "-o",
                str(tmp_path / f"{encoding}.parquet"),
                "--dask",
                client.scheduler.address,
            ],
        )
        assert dask.exit_code == plain.exit_code, (encoding, dask.output, plain.output)
    assert plain.exit_code in (0, 1) and dask.exit_code in (0, 1)


def test_cli_dask_refuses_a_utf8_row_in_a_windows_1258_file_as_the_plain_run(
    client: distributed.Client, tmp_path: Path
) -> None:
    """A Windows-1258 file with one row pasted from a UTF-8 file stops the single-process run naming the row
    (data/read.py check_code_page_cells); --dask classified it, the row's letters garbled without a word
    ('Nguyá»…n VÄƒn An' written as the head's name). It stops too, with the same words, from a later partition."""
    head = b"household_id,head_name,area,income_per_capita\r\n"
    rows = [f"H{i},Lê Văn Tám,nông thôn,{1000000 + i}\r\n".encode("cp1258") for i in range(400)]
    path = tmp_path / "h.csv"
    path.write_bytes(head + b"".join(rows[:390]) + "HX,Nguyễn Văn An,rural,1000000\r\n".encode() + b"".join(rows[390:]))
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "plain.csv")])
    dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    assert plain.exit_code == dask.exit_code == 2, (plain.output, dask.output)
    assert "row 392, column head_name: the cell 'Nguyá»…n VÄƒn An' is saved in UTF-8" in dask.output, dask.output
    assert dask.output.strip().splitlines()[-1] == plain.output.strip().splitlines()[-1]
    assert not (tmp_path / "d.parquet").exists()
    ddf = read_dask(path, blocksize=2000)  # in pieces: the row is in a later one, named by its row in the file
    assert ddf.npartitions > 2
    with pytest.raises(InputError, match="row 392, column head_name"):
        ddf.compute(scheduler="sync")


def test_each_partition_is_classified_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classified rows, the rejects and the notes of a partition were three tasks, each running the
    whole pipeline on the partition (three times the classifying work of ``classify --dask``). They are
    now the three outputs of one task: computed together, the pipeline runs once per partition."""
    import dask

    from poverty_rules.pipeline import dask as on_dask

    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return run(*args, **kwargs)  # type: ignore[arg-type]

    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    result = classify_dask(dd.from_pandas(frame, npartitions=3), RULESET, OPTIONS)
    monkeypatch.setattr(on_dask, "run", counted)
    with dask.config.set(scheduler="sync"):
        rows, rejects, notes = dask.compute(result.rows, result.rejects, result.notes)
    assert len(calls) == 3
    assert len(rows) + len(rejects) == len(frame) and len(notes) == 3


def test_library_reads_a_dask_datasets_named_index(tmp_path: Path) -> None:
    """docs/scale.md's ``pr.classify_table(dd.read_parquet("households/"))`` of a dataset pandas wrote
    (``df.set_index("household_id").to_parquet(…)``: Dask reads the codes as the index) stopped with
    "missing column household_id", where ``classify --dask`` reads that index as a column; the library
    now reads it so too."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=40)
    frame = frame[frame["household_id"] != ""]
    frame.set_index("household_id").to_parquet(tmp_path / "households.parquet")
    ddf = dd.read_parquet(tmp_path / "households.parquet")
    assert ddf.index.name == "household_id"
    got = pr.classify_table(ddf, ruleset=RULESET, as_of="2025-12-01").rows.compute()
    rows = pr.classify(ddf, ruleset=RULESET, as_of="2025-12-01").compute()
    expected = pr.classify(frame, ruleset=RULESET, as_of="2025-12-01")
    assert got["household_id"].tolist() == rows["household_id"].tolist() == expected["household_id"].tolist()
    assert got["status"].tolist() == expected["status"].tolist()


def test_cli_dask_datasets_are_ordinary_folders_not_private_ones(client: distributed.Client, tmp_path: Path) -> None:
    """``classify --dask`` put its datasets in place with the temporary folder's mode, 0700 (mkdtemp's): the
    province's analysts sharing the output folder could not open out.parquet, while every other output of the
    program is an ordinary file (0666 less the umask). The datasets are now ordinary folders (0777 less it)."""
    import os

    out = tmp_path / "out.parquet"
    args = ["classify", str(SAMPLE), "-o", str(out), "--as-of", "2025-12-01", "-q", "--dask", client.scheduler.address]
    umask = os.umask(0o022)
    os.umask(umask)
    assert CliRunner().invoke(main, args).exit_code == 1
    for folder in (out, tmp_path / "out.rejects.parquet"):
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, oct(folder.stat().st_mode)


def test_cli_report_on_dask_stopped_half_way_leaves_no_half_folder(
    client: distributed.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``report --dask`` refused by the system (a full disk, a file size limit) after its forms were written
    exited 2 yet left r1.csv, r4-r7.csv in a new folder without af.csv. Its files now appear together or not
    at all, and the folder it made is removed again."""
    import errno

    from poverty_rules.reports import partitions

    def too_large(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EFBIG, "File too large")

    _, folder = _classified_rows(tmp_path)
    monkeypatch.setattr(partitions, "write_af_csv", too_large)
    out = tmp_path / "new" / "on_dask"
    args = ["report", str(folder), "-o", str(out), "--format", "csv", "--dask", client.scheduler.address]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2 and "larger than the system allows" in result.output, result.output
    assert not (tmp_path / "new").exists()


def test_a_labelled_dataset_gives_the_forms_and_measures_of_its_ids() -> None:
    """report --dask (pr.report_forms, pr.af_measures) of a dataset classified with --headers labels
    ('Phân loại' = 'Hộ nghèo', indicators by name) stopped with 'missing column status', where the same
    file reported in one process is read back; each partition is now read back so, and a label that names
    nothing is named with its partition. Reading a partition back is no matter of the cluster: computed in
    this process (test_a_bad_cell_is_named_by_its_partition names a partition from a worker)."""
    from poverty_rules.errors import ReportError
    from poverty_rules.results.labels import label_results

    rows = pr.classify(
        pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=120), ruleset=RULESET, as_of="2025-12-01"
    )
    rows = rows.astype(object).where(rows.notna(), "").astype(str)
    labelled = label_results(rows, RULESET, "vi")
    assert "status" not in labelled.columns
    ids, named = dd.from_pandas(rows, npartitions=3), dd.from_pandas(labelled, npartitions=3)
    want, got = pr.report_forms(ids), pr.report_forms(named)
    assert all(got[k].rows.equals(want[k].rows) for k in want)
    assert pr.af_measures(named).equals(pr.af_measures(ids))
    labelled.loc[labelled.index[50], "Phân loại"] = "Hộ giàu"
    with pytest.raises(ReportError, match=r"\[2/3\]"):
        pr.report_forms(dd.from_pandas(labelled, npartitions=3))


def test_a_dataset_replaced_by_a_rename_that_fails_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify --dask run again removed the earlier dataset, then renamed the new one in: a rename that
    failed (or a stop between the two) left neither. The earlier dataset is now moved aside first and
    removed only once the new one is in place; a failed rename puts it back."""
    from poverty_rules.pipeline import dask as on_dask

    target, new = tmp_path / "out.parquet", tmp_path / ".out.parquet.new"
    target.mkdir()
    (target / "part.0.parquet").write_bytes(b"earlier")
    new.mkdir()
    (new / "part.0.parquet").write_bytes(b"new")
    real = Path.rename

    def refused(self: Path, to: Path) -> Path:
        if self == new:
            raise OSError(28, "No space left on device")
        return real(self, to)

    monkeypatch.setattr(Path, "rename", refused)
    with pytest.raises(OSError):
        on_dask._replace_dir(new, target, "en")
    assert (target / "part.0.parquet").read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.parquet.new", "out.parquet"]
    monkeypatch.setattr(Path, "rename", real)
    on_dask._replace_dir(new, target, "en")
    assert (target / "part.0.parquet").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]


def test_cli_dask_clean_run_again_removes_the_earlier_rejects_dataset(
    client: distributed.Client, tmp_path: Path
) -> None:
    """classify --dask of a corrected file left the earlier run's rejects dataset beside the new output,
    listing rows now classified; it is removed once the new output is in place, and a note says so."""
    households, out = tmp_path / "ho.csv", tmp_path / "out.parquet"
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,mars,2000000\n", encoding="utf-8")
    args = ["classify", str(households), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en"]
    args += ["--dask", client.scheduler.address]
    assert CliRunner().invoke(main, args).exit_code == 1
    rejects = tmp_path / "out.rejects.parquet"
    assert rejects.is_dir()
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,urban,2000000\n", encoding="utf-8")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert not rejects.exists()
    assert "the earlier run's rejects file was removed" in " ".join(again.output.split())


@pytest.mark.parametrize(
    ("extra", "named"), [(["-o", "ket_qua.csv"], "ket_qua.csv"), (["--rejects", "loai.xlsx"], "loai.xlsx")]
)
def test_cli_dask_refuses_a_csv_or_xlsx_output_it_would_write_as_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], named: str
) -> None:
    """classify --dask -o ket_qua.csv wrote a folder named ket_qua.csv holding Parquet files (and its rejects
    a folder ket_qua.rejects.csv): an officer's spreadsheet program cannot open either. Such a name is now
    refused before any work, saying to name it .parquet or to run without --dask."""
    monkeypatch.chdir(tmp_path)
    args = ["classify", str(SAMPLE), *extra, "--as-of", "2025-12-01", "--dask", "local", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{named}: --dask writes a Parquet dataset (a folder)" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


def test_library_on_a_dask_dataframe_gives_the_notes_the_plain_path_gives() -> None:
    """``pr.classify_table(ddf)`` gave no notes at all (``notes`` empty, no warning), where the same table
    given as pandas, and ``classify --dask``, say that the incomes look typed in thousands and that an input
    column is replaced; its ``notes`` now work them out when read (the classification is lazy until then),
    each said once and issued as a Note warning, as the plain path does."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame["income_per_capita"] = (pd.to_numeric(frame["income_per_capita"], errors="coerce") / 1000).astype(str)
    frame["status"] = "x"
    plain = pr.classify_table(frame, ruleset=RULESET, as_of="2025-12-01", lang="en")
    assert len(plain.notes) == 2
    with pytest.warns(pr.Note) as caught:
        out = pr.classify_table(dd.from_pandas(frame, npartitions=3), ruleset=RULESET, as_of="2025-12-01", lang="en")
        assert out.notes == plain.notes and out.notes is out.notes
    assert [str(w.message) for w in caught if issubclass(w.category, pr.Note)] == list(plain.notes)


def test_library_classify_of_a_dask_dataframe_says_its_notes_and_raises_its_rejects() -> None:
    """``pr.classify(ddf)`` said nothing: no Note of an input column replaced or of incomes typed in thousands,
    and rows it could not classify were left out without a word even with ``errors="raise"`` (the default),
    where ``pr.classify(frame)`` warns the notes and raises RowErrors. It now says the same notes and raises
    the same rejects at the call (one pass over the partitions), in the call's lang; the rows stay lazy."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=60)
    frame = frame[frame["household_id"] != ""].reset_index(drop=True)
    frame["income_per_capita"] = (pd.to_numeric(frame["income_per_capita"], errors="coerce") / 1000).astype(str)
    frame["status"] = "x"
    plain = pr.classify_table(frame, ruleset=RULESET, as_of="2025-12-01", lang="vi")
    assert plain.ok and len(plain.notes) == 2
    with pytest.warns(pr.Note) as caught:
        rows = pr.classify(dd.from_pandas(frame, npartitions=3), ruleset=RULESET, as_of="2025-12-01", lang="vi")
    assert [str(w.message) for w in caught if issubclass(w.category, pr.Note)] == list(plain.notes)
    assert rows.compute()["status"].tolist() == plain.rows["status"].tolist()
    frame.loc[7, "area"] = "sea"
    with pytest.raises(pr.RowErrors) as plain_error, pytest.warns(pr.Note):
        pr.classify(frame, ruleset=RULESET, as_of="2025-12-01", lang="vi")
    with pytest.raises(pr.RowErrors) as on_dask, pytest.warns(pr.Note):
        pr.classify(dd.from_pandas(frame, npartitions=3), ruleset=RULESET, as_of="2025-12-01", lang="vi")
    assert str(on_dask.value) == str(plain_error.value) and "dòng 9" in str(on_dask.value)
    assert len(on_dask.value.classified.compute()) == len(frame) - 1
    with pytest.warns(pr.Note):
        kept = pr.classify(dd.from_pandas(frame, npartitions=3), ruleset=RULESET, as_of="2025-12-01", errors="drop")
    assert len(kept.compute()) == len(frame) - 1


def test_dask_refuses_a_nul_past_the_first_mb_as_the_single_process_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify --dask carried a NUL character (byte 0) found past a CSV's first MB into its dataset, where
    the single-process reader refuses the file naming the row and column; a partition holding one now
    refuses it so, with the same message."""
    from poverty_rules.data import read as read_module
    from poverty_rules.errors import InputError

    monkeypatch.setattr(read_module, "SNIFF_BYTES", 128)  # the first "MB": 128 bytes
    lines = ["household_id,area,income_per_capita,village"]
    lines += [f"H{i:04d},rural,1200000,Thon {i % 7}" for i in range(400)]
    lines[300] = "H0299,rural,1200000,Th\x00on 5"
    src = tmp_path / "ho.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as whole:
        read_module.read_table(src, lang="en")
    result = classify_dask(read_dask(src, blocksize=2000), RULESET, OPTIONS, source=str(src))
    with pytest.raises(InputError) as on_dask:
        result.rows.compute(scheduler="threads")
    assert str(on_dask.value) == str(whole.value) and "row 301, column village" in str(on_dask.value)


def _stray_quotes(path: Path, separator: str, rows: int) -> Path:
    """The sample's first ``rows`` rows with quotes an officer's file may hold: a stray one in an unquoted
    cell ('Trần "Đức Hòa', never closed), a quoted part then more of the cell ('"Tý" Nguyễn', 'Xóm "A"'),
    and quoted cells with line breaks and doubled quotes."""
    lines = [line.replace(",", separator) for line in SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:rows]]
    cells = lines[5].split(separator)
    cells[1] = cells[1].replace(" ", ' "', 1)
    lines[5] = separator.join(cells)
    cells = lines[30].split(separator)
    cells[1], cells[2] = f'"{cells[1]}" Tý', f'{cells[2]} "A"'
    lines[30] = separator.join(cells)
    for i in range(12, len(lines), 13):
        cells = lines[i].split(separator)
        cells[1] = f'"{cells[1]}\nline two{separator} ""x"""'
        lines[i] = separator.join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_dask_partitions_start_at_records_past_a_stray_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separator: str
) -> None:
    """classify --dask counted every quote to find where its partitions start, but a quote inside an
    unquoted cell (a head named 'Trần "Đức Hòa') is a character of the cell for the single-process
    reader: from that quote on, partitions started inside quoted cells and the rows between them were
    cut apart (of 298 households 290 classified and 17 rejects instead of 1). Every partition now starts
    where a record starts, as the csv module reads the file (also when the file is looked at a few bytes
    at a time, the quotes followed from piece to piece)."""
    from poverty_rules.pipeline import dask as dask_module

    path = _stray_quotes(tmp_path / "stray.csv", separator, 120)
    data = path.read_bytes()

    def records(piece: bytes) -> list[list[str]]:
        return list(csv.reader(io.StringIO(piece.decode("utf-8"), newline=""), delimiter=separator))

    for scan in (dask_module.SCAN_BYTES, 7, 64):
        monkeypatch.setattr(dask_module, "SCAN_BYTES", scan)
        for blocksize in (100, 1000):
            bounds = dask_module._record_bounds(str(path), blocksize, separator)
            assert len(bounds) > 4
            pieces = [records(data[a:b]) for a, b in itertools.pairwise([0, *bounds])]
            assert [r for piece in pieces for r in piece] == records(data)


def test_dask_reads_a_stray_quote_in_a_cell_as_the_single_process_run(tmp_path: Path) -> None:
    """The file above classified on Dask (partitions of 1,500 bytes): the single-process run's rows,
    'Trần "Đức Hòa' among them, and its rejects."""
    path = _stray_quotes(tmp_path / "stray.csv", ";", 120)
    table = read_csv_table(path)
    result = run(table, RULESET, OPTIONS)
    rows = _as_frame(classified_table(table, result.normalized, result.results)[0])
    rejects = _as_frame(rejects_table(table, result.normalized, numbered=True))
    assert 'Trần "Đức Hòa' in " ".join(rows["head_name"]) and len(rows) == 119
    _same_on_dask(path, 1500, rows, rejects)


def test_dask_says_a_byte_the_encoding_cannot_read_as_the_single_process_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV with a byte UTF-8 cannot read past its first partition (a name cut in the middle of a letter,
    'Cao Công Th\\xe1') stopped classify --dask with 'unexpected failure (UnicodeDecodeError)', where the
    single-process reader names the row and column holding it; the partition holding it now says so, with
    the same message, in the run's language."""
    from poverty_rules.data import read as read_module
    from poverty_rules.errors import InputError

    monkeypatch.setattr(read_module, "SNIFF_BYTES", 2000)  # the first "MB", where the encoding is found
    lines = SAMPLE.read_bytes().split(b"\n")[:400]
    cells = lines[301].split(b",")
    cells[1] = "Cao Công Th".encode() + b"\xe1"
    lines[301] = b",".join(cells)
    src = tmp_path / "ho.csv"
    src.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError) as whole:
        read_module.read_table(src, lang="vi")
    ddf = read_dask(src, blocksize=2000, lang="vi")
    assert ddf.npartitions > 4
    with pytest.raises(InputError) as on_dask:
        classify_dask(ddf, RULESET, OPTIONS.with_(lang="vi"), source=str(src)).rows.compute(scheduler="sync")
    assert str(on_dask.value) == str(whole.value) and "dòng 302, cột head_name" in str(on_dask.value)


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("Mã hộ,Khu vực,Thu nhập bình quân,Chỉ số thiếu hụt,\n,,,Việc làm,Dinh dưỡng\n", "rows 1 to 2"),
        ("Mã hộ,Khu vực,Thu nhập bình quân,Việc làm\n(1),(2),(3),(4)\n", "rows 1 to 2"),
        ("DANH SÁCH HỘ\nMã hộ,Khu vực,Thu nhập bình quân,Chỉ số thiếu hụt,\n,,,Việc làm,Dinh dưỡng\n", "is row 2;"),
    ],
    ids=["two-row", "numbered", "title-above"],
)
def test_cli_dask_says_a_header_of_two_rows_is_no_title_row(tmp_path: Path, head: str, said: str) -> None:
    """A CSV whose header starts in row 1 and takes two rows (a two-row header, or a row of column numbers
    under it), which the single-process run reads, was refused under --dask with "the header is row 2 …
    delete the rows above the header": there are none, and deleting row 1 loses the header. It now says the
    header takes rows 1 to 2 and --dask reads a header of one row; a title row above such a header is named
    by the header's first row (it said "row 3")."""
    path = tmp_path / "two.csv"
    path.write_text(head + "H1,rural,1200000,1,0\nH2,urban,900000,0,1\n", encoding="utf-8")
    args = ["classify", str(path), "-o", str(tmp_path / "x.parquet"), "--as-of", "2025-12-01", "--dask", "local"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2 and said in result.output, result.output
    assert ("delete the rows above the header" in result.output) == ("DANH" in head)
    vi = CliRunner().invoke(main, [*args, "--lang", "vi"])
    assert vi.exit_code == 2 and ("dòng 1 đến dòng 2" in vi.output or "DANH" in head), vi.output


@pytest.mark.parametrize("late_value", [False, True])
def test_dask_drops_the_empty_unnamed_columns_a_whole_read_drops(tmp_path: Path, late_value: bool) -> None:
    """An export with ',,' before and after every line (a sheet's margin, a trailing ';;') gives unnamed
    columns column_A, column_B … column_X, column_Y, which the single-process run drops when they are empty;
    classify --dask kept all four in its rows and rejects. It now drops those a whole read drops, worked out
    over every partition: a value in the last column in a late partition keeps both trailing ones there."""
    lines = [f",,{line},," for line in SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:300]]
    if late_value:
        lines[280] += "ghi chú"
    path = tmp_path / "edges.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, rejects = _single(path)
    assert "column_A" not in rows.columns and ("column_Y" in rows.columns) == late_value
    _same_on_dask(path, 3000, rows, rejects)


def test_dask_partitions_are_read_where_a_worker_in_another_folder_finds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify ho.csv --dask tcp://… run in the file's folder: a CSV of more than one partition (over 64 MB)
    was read by each worker at the path as given, 'ho.csv', in the worker's own working directory (a
    `dask worker` started elsewhere, as on a real cluster), and the run stopped with an unexpected
    FileNotFoundError. The workers now read the file at its absolute path; a message still names it as
    given."""
    from poverty_rules.errors import InputError

    data = tmp_path / "data"
    data.mkdir()
    lines = SAMPLE.read_bytes().split(b"\n")[:200]
    (data / "ho.csv").write_bytes(b"\n".join(lines) + b"\n")
    cells = lines[150].split(b",")
    cells[1] += b"\xe1"  # a byte UTF-8 cannot read, past the first "MB"
    lines[150] = b",".join(cells)
    (data / "bad.csv").write_bytes(b"\n".join(lines) + b"\n")
    from poverty_rules.data import read as read_module

    monkeypatch.setattr(read_module, "SNIFF_BYTES", 2000)
    monkeypatch.chdir(data)
    ddf, bad = read_dask("ho.csv", blocksize=2000), read_dask("bad.csv", blocksize=2000)
    assert ddf.npartitions > 4
    rows, rejects = _single(data / "ho.csv")
    monkeypatch.chdir(tmp_path)  # the worker's own folder
    got = classify_dask(ddf, RULESET, OPTIONS)
    pd.testing.assert_frame_equal(got.rows.compute(scheduler="sync").reset_index(drop=True), rows, check_dtype=False)
    pd.testing.assert_frame_equal(
        got.rejects.compute(scheduler="sync").reset_index(drop=True), rejects, check_dtype=False
    )
    with pytest.raises(InputError, match=r"^bad\.csv: row 151, column head_name"):
        classify_dask(bad, RULESET, OPTIONS, source="bad.csv").rows.compute(scheduler="sync")


def test_cli_dask_refuses_an_output_inside_its_input_folder(tmp_path: Path) -> None:
    """classify households/ --dask … -o households/out.parquet wrote its datasets inside the folder of
    Parquet files it reads: the next run read the classified rows and the rejects as households too (of
    2,000 households, 2,007 rejected as codes already used). An output or rejects inside the input folder
    is now refused before any work, in --lang, exit 2."""
    folder = tmp_path / "households"
    folder.mkdir()
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.iloc[:1000].to_parquet(folder / "a.parquet", index=False)
    frame.iloc[1000:].to_parquet(folder / "b.parquet", index=False)
    base = ["classify", str(folder), "--as-of", "2025-12-01", "--dask", "local"]
    inside = CliRunner().invoke(main, [*base, "-o", str(folder / "out.parquet"), "--lang", "en"])
    assert inside.exit_code == 2 and "would be inside the input folder" in inside.output, inside.output
    rejects = ["-o", str(tmp_path / "out.parquet"), "--rejects", str(folder / "rej.parquet"), "--lang", "vi"]
    said = CliRunner().invoke(main, [*base, *rejects])
    assert said.exit_code == 2 and "nằm trong thư mục đầu vào" in said.output, said.output
    assert sorted(p.name for p in folder.iterdir()) == ["a.parquet", "b.parquet"]


def test_dask_refuses_a_nul_in_a_parquet_cell_as_the_single_process_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """classify --dask on a Parquet file whose text cell held a NUL character (byte 0) classified it and
    carried the NUL into its dataset, where the single-process run refuses such a cell naming its row and
    column, read whole or row group by row group (c4e1523); a Parquet partition holding one now refuses it
    so, with the same message (the dataset not written)."""
    import contextlib

    import poverty_rules.pipeline.dask as on_dask_module
    from poverty_rules.data import read as read_module
    from poverty_rules.errors import InputError

    frame = pd.DataFrame(
        {
            "household_id": [f"H{i:03d}" for i in range(40)],
            "area": ["rural"] * 40,
            "income_per_capita": ["1200000"] * 40,
            "head_name": ["Nguyễn Văn A"] * 40,
        }
    )
    frame.loc[31, "head_name"] = "Trần\x00Bình"
    src = tmp_path / "ho.parquet"
    frame.to_parquet(src, index=False, row_group_size=10)
    with pytest.raises(InputError) as whole:
        read_module.read_table(src, lang="en")
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    monkeypatch.setattr(on_dask_module, "_open_dask", _partitioned(on_dask_module._open_dask))
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    with pytest.raises(InputError) as on_dask:
        on_dask_module.classify_on_dask(src, out, rejects, RULESET, OPTIONS, "local")
    assert str(on_dask.value) == str(whole.value) and "row 33, column head_name" in str(on_dask.value)
    assert not out.exists()


def _partitioned(open_dask: Any) -> Any:
    """``_open_dask`` whose dataset is cut in four partitions (a small file is one)."""

    def opened(*args: Any, **kwargs: Any) -> Any:
        ddf, notes = open_dask(*args, **kwargs)
        return ddf.repartition(npartitions=4), notes

    return opened


def test_cli_dask_writes_the_headers_it_is_asked_for(client: distributed.Client, tmp_path: Path) -> None:
    """classify --dask … --headers labels --lang vi wrote 'status', 'deprived' … and 'row', 'reason' with ids
    ('not_poor'), the option silently left out, where the streamed run's Parquet output has 'Phân loại' =
    'Hộ không nghèo' …; the Dask datasets now have the labels the streamed run writes (its column types
    too), and the counts on screen are the same."""
    base = ["classify", str(SAMPLE), "--as-of", "2025-12-01", "--lang", "vi", "--headers", "labels"]
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "plain.parquet")])
    on_dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    assert on_dask.exit_code == plain.exit_code == 1, on_dask.output
    for name in ("", ".rejects"):
        want = pd.read_parquet(tmp_path / f"plain{name}.parquet")
        got = pd.read_parquet(tmp_path / f"d{name}.parquet").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want, check_categorical=False)
    assert "Phân loại" in got.columns or "Lý do bị loại" in got.columns
    assert "Hộ không nghèo 1.502" in on_dask.output and "Hộ không nghèo 1.502" in plain.output


@pytest.mark.parametrize("command", ["classify", "review"])
def test_a_remote_address_is_said_to_be_read_through_the_library(tmp_path: Path, command: str) -> None:
    """classify s3://bucket/households/ --dask tcp://… said 's3:/bucket/households: file not found' (the
    address mangled, one '/'), leaving the analyst to guess that the command reads no remote storage; it
    now names the address as given and says to download it or hand it to the library through Dask
    (docs/scale.md), in --lang, exit 2, before any cluster is asked."""
    extra = ["--dask", "tcp://127.0.0.1:1"] if command == "classify" else ["--date", "2025-12-01"]
    extra += ["--db", str(tmp_path / "h.db")] if command == "review" else []
    for lang, words in (("en", "a remote storage address"), ("vi", "đây là địa chỉ kho dữ liệu từ xa")):
        result = CliRunner().invoke(main, [command, "s3://bucket/households/", *extra, "--lang", lang])
        assert result.exit_code == 2, result.output
        assert result.output.strip().split(": ", 1)[1].startswith(f"s3://bucket/households: {words}"), result.output
        assert "pr.classify_table(dd.read_parquet(" in result.output


def test_cli_dask_writes_a_dataset_folder_named_without_an_extension(
    client: distributed.Client, tmp_path: Path
) -> None:
    """classify ho.csv --dask … -o classified (a dataset's folder, named as folders are) was refused with
    "classified.rejects.csv: --dask writes a Parquet dataset (a folder), not a .csv file": a rejects name
    the officer never gave, made with .csv; given --rejects, "cannot write a '' file; use one of: .csv,
    .xlsx, .parquet", two of which --dask refuses. The folder is written, its rejects beside it as
    classified.rejects.parquet, and a run again replaces both."""
    out = tmp_path / "classified"
    args = ["classify", str(SAMPLE), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en"]
    for _ in range(2):
        result = CliRunner().invoke(main, [*args, "--dask", client.scheduler.address])
        assert result.exit_code == 1, result.output
        assert len(pd.read_parquet(out)) == 1993 and len(pd.read_parquet(tmp_path / "classified.rejects.parquet")) == 7
    assert not (tmp_path / "classified.rejects.csv").exists()


def test_dask_names_the_file_whose_two_headers_mean_one_column(tmp_path: Path) -> None:
    """A CSV headed 'household_id' and 'Mã hộ' (two headers of one column) was refused under --dask as
    "<data>: columns 'household_id' and 'Mã hộ' both mean household_id", naming no file, and in English
    under --lang vi; it is now said as the single-process run says it: the file, in --lang."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:30]
    header = lines[0].split(",")
    header[1] = "Mã hộ"
    lines[0] = ",".join(header)
    src = tmp_path / "ho.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from poverty_rules.data.read import read_table
    from poverty_rules.errors import InputError

    for lang in ("vi", "en"):
        with pytest.raises(InputError) as plain:
            run(read_table(src, lang=lang), RULESET, OPTIONS.with_(lang=lang), source=str(src))
        with pytest.raises(InputError) as on_dask:  # before any task: what classify --dask says, cluster or not
            classify_dask(read_dask(src, lang=lang), RULESET, OPTIONS.with_(lang=lang), source=str(src))
        assert str(on_dask.value) == str(plain.value) and str(on_dask.value).startswith(f"{src}: ")


def test_cli_report_on_dask_says_how_many_households_have_a_blank_size(
    client: distributed.Client, tmp_path: Path
) -> None:
    """``report --dask`` counted a blank household size as no persons without a word, where the plain
    report says how many households have none and names the first; it now gives the same note, the
    count carried through the partition sums and the first code in the data's order, in --lang."""
    rows, _ = _classified_rows(tmp_path)
    blank = [4, 20, 21, len(rows) - 1]  # in the first, second and last of three partitions
    rows.loc[blank, "household_size"] = ""
    folder = tmp_path / "blank_sizes"
    folder.mkdir()
    n = len(rows)
    for i, part in enumerate((rows.iloc[:10], rows.iloc[10 : n // 2], rows.iloc[n // 2 :])):
        part.to_parquet(folder / f"part-{i}.parquet", index=False)
    flat = tmp_path / "classified.csv"
    rows.to_csv(flat, index=False)
    runner = CliRunner()
    for lang in ("vi", "en"):
        args = ["-o", str(tmp_path / f"out-{lang}"), "--format", "csv", "--lang", lang]
        plain = runner.invoke(main, ["report", str(flat), *args])
        assert plain.exit_code == 0, plain.output
        on_dask = runner.invoke(main, ["report", str(folder), *args, "--dask", client.scheduler.address])
        assert on_dask.exit_code == 0, on_dask.output
        said = [line.replace(str(flat), "FILE") for line in plain.output.splitlines() if "household_size" in line]
        assert len(said) == 1 and f"4 {'hộ' if lang == 'vi' else 'households'}" in said[0], plain.output
        assert str(rows["household_id"][4]) in said[0]  # the first in the data's order
        got = [line.replace(str(folder), "FILE") for line in on_dask.output.splitlines() if "household_size" in line]
        assert got == said, on_dask.output


def test_cli_report_on_dask_says_date_and_eligible_on_are_not_used(client: distributed.Client, tmp_path: Path) -> None:
    """``report DATASET --dask … --date D --eligible-on D`` took both options and wrote the same six files as
    without them, without a word (the Dask export shows no review date and has no eligible list): the
    officer who asked for the eligible list got none. It now says the options are not used and where the
    list comes from; without them nothing is said."""
    classified = tmp_path / "c.csv"
    pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(20).to_csv(tmp_path / "h.csv", index=False)
    ran = CliRunner().invoke(main, ["classify", str(tmp_path / "h.csv"), "-o", str(classified), "-q"])
    assert ran.exit_code in (0, 1), ran.output
    base = ["report", str(classified), "--format", "csv", "--dask", client.scheduler.address, "--lang", "en"]
    dated = ["--date", "2026-12-10", "--eligible-on", "2026-12-10"]
    result = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "dated"), *dated])
    text = " ".join(result.output.split())
    assert result.exit_code == 0 and "--date, --eligible-on: report --dask writes" in text, result.output
    assert "report the reviewed file without --dask" in text, result.output
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "plain")])
    assert plain.exit_code == 0 and "not used" not in plain.output, plain.output


@pytest.mark.parametrize("change", ["extra", "missing", "order"])
def test_cli_dask_names_a_folders_file_whose_columns_differ(
    client: distributed.Client, tmp_path: Path, change: str
) -> None:
    """A folder of commune files where one file had a column more was classified without a word, that
    column dropped from its rows (Dask reads every file with the first one's columns); one with a column
    less stopped the run with "unexpected failure (KeyError …)". Both are now refused before any work,
    naming the file, the first file and the columns (exit 2, in --lang); the same columns in another
    order are read by name, as the plain run of the same rows."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(80)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    folder = tmp_path / "households"
    folder.mkdir()
    rows.iloc[:40].to_parquet(folder / "a.parquet", index=False)
    second = rows.iloc[40:]
    if change == "extra":
        second = second.assign(ghi_chu="x")
    elif change == "missing":
        second = second.drop(columns=["deprived_water"])
    else:
        second = second[list(reversed(second.columns))]
    second.to_parquet(folder / "b.parquet", index=False)
    address = client.scheduler.address
    for lang in ("en", "vi"):
        out = tmp_path / f"out-{lang}.parquet"
        base = ["classify", str(folder), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang, "-q"]
        ran = CliRunner().invoke(main, [*base, "--dask", address])
        text = " ".join(ran.output.split())
        if change == "order":
            assert ran.exit_code in (0, 1) and out.exists(), ran.output
            continue
        assert ran.exit_code == 2 and not out.exists(), ran.output
        assert "unexpected" not in text and "Traceback" not in text, ran.output
        assert f"{folder / 'b.parquet'}:" in text and str(folder / "a.parquet") in text, ran.output
        named = {"extra": "cột ghi_chu" if lang == "vi" else "column ghi_chu not in it"}
        named["missing"] = "thiếu cột deprived_water" if lang == "vi" else "column deprived_water missing"
        assert named[change] in text, ran.output
        assert ("các cột không giống" if lang == "vi" else "its columns are not those") in text, ran.output
    if change == "order":
        (tmp_path / "all.csv").write_text(rows.to_csv(index=False), encoding="utf-8")
        plain = ["classify", str(tmp_path / "all.csv"), "-o", str(tmp_path / "all.out.csv"), "--as-of", "2025-12-01"]
        assert CliRunner().invoke(main, [*plain, "-q"]).exit_code in (0, 1)
        got = pd.read_parquet(tmp_path / "out-en.parquet")
        want = pd.read_csv(tmp_path / "all.out.csv", dtype=str, keep_default_na=False)
        assert got["status"].astype(str).tolist() == want["status"].tolist()
        assert got["deprived_water"].fillna("").astype(str).tolist() == want["deprived_water"].tolist()


def test_cli_dask_says_a_folder_of_csv_files_is_not_read(client: distributed.Client, tmp_path: Path) -> None:
    """A folder of communes' CSV files given to --dask was said to be 'cannot be read as Parquet (Error
    creating dataset. Could not read schema from …a.csv. Is this a 'parquet' file?: …)': Arrow's English
    under --lang vi too, and no word of what --dask reads. It now names the folder and its first file that
    is not Parquet, and says what to do (one CSV file, or Parquet files), in --lang, exit 2."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(20)
    folder = tmp_path / "communes"
    folder.mkdir()
    rows.iloc[:10].to_csv(folder / "xa_a.csv", index=False)
    rows.iloc[10:].to_csv(folder / "xa_b.csv", index=False)
    for lang, words in (("vi", "thư mục có tệp không phải Parquet"), ("en", "a folder of Parquet files only")):
        out = tmp_path / f"out-{lang}.parquet"
        args = ["classify", str(folder), "-o", str(out), "--dask", client.scheduler.address, "--lang", lang, "-q"]
        ran = CliRunner().invoke(main, args)
        text = " ".join(ran.output.split())
        assert ran.exit_code == 2 and not out.exists(), ran.output
        assert words in text and str(folder / "xa_a.csv") in text and "Is this a 'parquet' file" not in text, text


def test_cli_dask_writes_the_plain_runs_parquet_types(client: distributed.Client, tmp_path: Path) -> None:
    """classify --dask wrote every column as text: an analyst's int64, double, bool, date, decimal and category
    columns, and deprivation_count, came back as strings ('3', '1.25', '2024-10-11'), where the plain run's
    Parquet output keeps them. The Dask datasets now have the plain run's schema and values (an integer
    column with blanks stays integer, NaN stays NaN), and the library's lazy rows their types."""
    import datetime
    from decimal import Decimal

    import pyarrow as pa

    n = 400
    area = ["rural" if i % 2 else "urban" for i in range(n)]
    area[13] = "ngoại ô"  # rejected: the rejects keep the types too
    stored = pa.table(
        {
            "household_id": [f"H{i:04d}" for i in range(n)],
            "village": pa.array([f"Thôn {i % 3}" for i in range(n)]).dictionary_encode(),
            "area": area,
            "income_per_capita": pa.array([float("nan") if i % 9 == 0 else 900_000.0 + i * 5_000 for i in range(n)]),
            "score_a": pa.array([100.125 + i if i % 9 == 0 else None for i in range(n)], pa.float64()),
            "members": pa.array([None if i % 7 == 0 else 1 + i % 6 for i in range(n)], pa.int64()),
            "weight": pa.array([Decimal("1.25")] * n, pa.decimal128(6, 2)),
            "surveyed_on": pa.array([datetime.date(2025, 10, 1 + i % 28) for i in range(n)], pa.date32()),
            "deprived_water": pa.array([None if i % 4 == 0 else bool(i % 3) for i in range(n)], pa.bool_()),
        }
    )
    path = tmp_path / "typed.parquet"
    pq.write_table(stored, path, row_group_size=100)
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "p.parquet")])
    dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    assert dask.exit_code == plain.exit_code == 1, dask.output
    _same_parquet(tmp_path / "d.parquet", tmp_path / "p.parquet")
    _same_parquet(tmp_path / "d.rejects.parquet", tmp_path / "p.rejects.parquet")
    written = pq.read_table(tmp_path / "d.parquet")
    for name in ("members", "weight", "surveyed_on", "deprived_water", "income_per_capita"):
        assert written.schema.field(name).type == stored.schema.field(name).type, name
    assert str(written.schema.field("deprivation_count").type) == "int64"
    assert str(written.schema.field("status").type).startswith("dictionary<values=string")
    assert pq.read_table(tmp_path / "d.rejects.parquet").schema.field("members").type == pa.int64()
    out = pr.classify_table(dd.read_parquet(path, dtype_backend="pyarrow"), ruleset=RULESET, as_of="2025-12-01")
    rows = out.rows.compute()
    assert str(rows["deprivation_count"].dtype) == "int64[pyarrow]" and str(rows["members"].dtype) == "int64[pyarrow]"


def test_cli_dask_reads_a_column_typed_otherwise_in_one_file_as_text(
    client: distributed.Client, tmp_path: Path
) -> None:
    """A folder whose files type one column differently (farm_household int64 in one commune's file, text
    'có' in another's): reading each file with its own Arrow types cast the text to the first file's int64
    and stopped with 'unexpected failure (ArrowInvalid: Failed to parse string: 'có' …)'. Such a column is
    read as text in every file, as the run read every column before; the others keep their types."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(60)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    folder = tmp_path / "households"
    folder.mkdir()
    first = rows.iloc[:30].assign(farm_household=lambda f: (f["farm_household"] == "1").astype("int64"))
    first.assign(members=3).to_parquet(folder / "a.parquet", index=False)
    rows.iloc[30:].assign(farm_household="có", members=4).to_parquet(folder / "b.parquet", index=False)
    out = tmp_path / "out.parquet"
    base = ["classify", str(folder), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    ran = CliRunner().invoke(main, [*base, "--dask", client.scheduler.address])
    assert ran.exit_code in (0, 1) and "unexpected" not in ran.output, ran.output
    got = pq.read_table(out)
    assert str(got.schema.field("farm_household").type) == "string"
    assert str(got.schema.field("members").type) == "int64"
    assert set(got.column("farm_household").to_pylist()) <= {"0", "1", "có"}


def test_cli_dask_names_a_parquet_files_columns_as_the_plain_run(client: distributed.Client, tmp_path: Path) -> None:
    """A Parquet file whose Vietnamese headers were written with combining marks (NFD, as a Mac saves them:
    'Mã hộ' as 'Ma\\u0303 hô\\u0323') and one column with an empty name: the plain run reads and writes them
    as 'Mã hộ' (NFC) and 'column_U', --dask wrote the names as stored, so the two outputs had different
    columns (and a code stored as numbers under such a header was not noted). --dask now names them as the
    plain run does."""
    import unicodedata

    rows = pd.read_csv(ROOT / "fixtures" / "sample_vi_headers.csv", dtype=str, keep_default_na=False).head(40)
    rows.columns = [unicodedata.normalize("NFD", c) for c in rows.columns]
    rows[""] = "x"
    path = tmp_path / "nfd.parquet"
    rows.to_parquet(path, index=False)
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "p.parquet")])
    dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    assert dask.exit_code == plain.exit_code, dask.output
    want = _same_parquet(tmp_path / "d.parquet", tmp_path / "p.parquet")
    assert "Mã hộ" in want.columns and "column_U" in want.columns


def test_library_reads_a_folder_typed_otherwise_in_one_file(client: object, tmp_path: Path) -> None:
    """pr.classify_table(dd.read_parquet(folder)) of a folder whose files type one column differently
    (int64 in the first commune's file, text 'có' in the next) stopped with "ArrowInvalid: Failed to parse
    string: 'có' as a scalar of type int64" once partitions kept their types: the first file's int64 was
    forced on the other's text. Columns pandas typed with numpy (dd.read_parquet's default) are the text
    they were; Arrow-typed ones (dtype_backend="pyarrow") keep their types, a partition that is not of the
    dataset's type keeping its own, as Dask keeps it."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(60)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    folder = tmp_path / "households"
    folder.mkdir()
    first = rows.iloc[:30].assign(farm_household=lambda f: (f["farm_household"] == "1").astype("int64"))
    first.to_parquet(folder / "a.parquet", index=False)
    rows.iloc[30:].assign(farm_household="có").to_parquet(folder / "b.parquet", index=False)
    for backend in ({}, {"dtype_backend": "pyarrow"}):
        out = pr.classify_table(dd.read_parquet(folder, **backend), ruleset=RULESET, as_of="2025-12-01")
        got = out.rows.compute()
        assert len(got) + len(out.rejects.compute()) == len(rows)
        assert {str(v) for v in got["farm_household"]} <= {"0", "1", "có"} and "có" in set(got["farm_household"])
        assert str(got["deprivation_count"].dtype) == "int64[pyarrow]"
    assert set(got["farm_household"].map(type)) == {int, str}  # the Arrow-typed read: each file's own


def test_cli_dask_keeps_a_parquet_files_missing_text_as_the_plain_run(
    client: distributed.Client, tmp_path: Path
) -> None:
    """A Parquet file's text cells that are null (not ''): the plain run's Parquet output and rejects keep
    them null; --dask wrote them as '' once only Arrow-typed columns kept their values (pandas reads text
    as its own string type), so the two outputs differed. Both keep null now, '' stays ''."""
    import pyarrow as pa

    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    table = pa.Table.from_pandas(rows, preserve_index=False)
    columns = {}
    for name in table.column_names:
        cells = table.column(name).to_pylist()
        cells[5] = None  # a row of nothing: rejected, its cells null
        cells[7] = None if name in ("head_name", "village") else cells[7]
        columns[name] = pa.array(cells, pa.string())
    path = tmp_path / "nulls.parquet"
    pq.write_table(pa.table(columns), path)
    base = ["classify", str(path), "--as-of", "2025-12-01", "--lang", "en", "-q"]
    plain = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "p.parquet")])
    dask = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "d.parquet"), "--dask", client.scheduler.address])
    assert dask.exit_code == plain.exit_code == 1, dask.output
    want = _same_parquet(tmp_path / "d.parquet", tmp_path / "p.parquet")
    rejected = _same_parquet(tmp_path / "d.rejects.parquet", tmp_path / "p.rejects.parquet")
    assert want["head_name"].isna().sum() == 1 and rejected["household_id"].isna().all()


def test_af_measures_of_a_dask_dataframe_by_person_says_which_households_have_no_size(tmp_path: Path) -> None:
    """``pr.af_measures(ddf, unit="person")`` left the households with a blank size out of N without a word,
    where the same call on a DataFrame (and ``pr.report_forms(ddf)``) warns how many and names the first: a
    researcher's person measures on Dask came out short, unexplained. The Dask call now issues the same note at
    the caller's line, counted over every partition, in ``lang``; by household nothing is said."""
    rows, _ = _classified_rows(tmp_path)
    rows.loc[[4, 30, len(rows) - 1], "household_size"] = ""
    ddf = dd.from_pandas(rows, npartitions=3)
    first = rows["household_id"][4]
    said = {
        "vi": f"<dask>: 3 hộ để trống số nhân khẩu (household_size), hộ đầu tiên là {first}:",
        "en": f"<dask>: 3 households with a blank household size (household_size), the first {first}:",
    }
    for lang in ("vi", "en"):
        with pytest.warns(pr.Note, match=f"^{re.escape(said[lang])}") as caught:
            pr.af_measures(ddf, unit="person", lang=lang, k=3)
        sizes = [w.filename for w in caught if issubclass(w.category, pr.Note) and "household_size" in str(w.message)]
        assert sizes == [__file__]  # (the rows' blank flags are said too: the households left out for them)
    with pytest.warns(pr.Note) as by_household:
        pr.af_measures(ddf, unit="household", k=3)
    assert not [w for w in by_household if "household_size" in str(w.message)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dask_refuses_an_unclosed_quote_as_the_single_process_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """classify --dask on a CSV whose cell a quote opened and never closed ('"Thon 5;…' with no closing quote)
    read the lines after it into that one cell: those households were neither classified nor rejected, and the
    run ended with exit 0 or 1, where the single-process reader refuses the file naming the row and column.
    A partition holding such a cell now refuses it with the same message, in the run's language, in a file of
    several partitions and another separator (';'); the dataset is not written."""
    import contextlib

    import poverty_rules.pipeline.dask as on_dask_module
    from poverty_rules.data import read as read_module
    from poverty_rules.errors import InputError

    lines = ["household_id;area;income_per_capita;village"]
    lines += [f"H{i:04d};rural;1200000;Thon {i % 7}" for i in range(400)]
    lines[300] = 'H0299;rural;1200000;"Thon 5'
    src = tmp_path / "ho.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as whole:
        read_module.read_table(src, lang=lang)
    open_dask = on_dask_module._open_dask
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    monkeypatch.setattr(on_dask_module, "_open_dask", lambda *a, **k: open_dask(*a, **{**k, "blocksize": 2000}))
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    options = OPTIONS.with_(lang=lang)
    with pytest.raises(InputError) as on_dask:
        on_dask_module.classify_on_dask(src, out, rejects, RULESET, options, "local")
    said = {"vi": "dòng 301, cột village", "en": "row 301, column village"}
    assert str(on_dask.value) == str(whole.value) and said[lang] in str(on_dask.value)
    assert not out.exists() and not rejects.exists()


def test_two_communes_of_one_name_with_two_codes_are_reported_apart_from_partitions() -> None:
    """``report --dask`` (``pr.report_forms(ddf)``, ``pr.af_measures(ddf)``) added together Xã Tân Lập (Mã xã
    03001) and another Xã Tân Lập (05007) of one province, where the same rows reported in one process are two
    communes named with their codes: one "Xã Tân Lập" row of both, and their two "Thôn 1" added into one
    village. Each partition now keys its communes with their codes and they are named once the sums are added:
    the forms and af.csv are the single-process ones, even where a partition sees one of the two codes only."""
    sample = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    sample = sample.assign(
        commune="Xã Tân Lập",
        commune_code=["03001"] * 20 + ["05007"] * 20,
        province_code="25",
        village=(["Thôn 1"] * 10 + ["Thôn 2"] * 10 + ["Thôn 1"] * 20),
        household_size=[str(1 + i % 4) for i in range(40)],
    )
    rows = pr.classify(sample, as_of="2025-12-01")
    rows = rows.astype(object).where(rows.notna(), "").astype(str)
    ddf = dd.from_pandas(rows, npartitions=1).repartition(divisions=[0, 15, 39])  # 03001 alone, then both
    assert ddf.npartitions == 2
    want, got = pr.report_forms(rows), pr.report_forms(ddf)
    for form in want:
        assert got[form].rows.equals(want[form].rows), form
    communes = want["r1"].rows.query("level == 'commune'")
    assert list(zip(communes["commune"], communes["c1"], strict=True)) == [
        ("Xã Tân Lập (03001)", 20),
        ("Xã Tân Lập (05007)", 20),
    ]
    af_want, af_got = pr.af_measures(rows, k=3), pr.af_measures(ddf, k=3)
    pd.testing.assert_frame_equal(af_got.reset_index(drop=True), af_want.reset_index(drop=True))
    assert {"Xã Tân Lập (03001)", "Xã Tân Lập (05007)"} <= set(af_got["commune"])


def test_cli_report_on_dask_reads_a_csv_as_the_single_process_report(
    client: distributed.Client, tmp_path: Path
) -> None:
    """report --dask on a classified CSV read its rows with Dask's CSV reader alone: an empty row (kept by
    the reader, marked) stopped it with "row 7, column status: '' is not a status", which the single-process
    report skips; and a quote opening the last cell of a row and never closed read the rows after it into that
    cell, so the forms counted 5 households of 40, exit 0. Each partition is now read as the single-process
    reader reads the file: empty rows left out (the same forms, byte for byte) and such a quote refused with
    its message, naming the row and the column."""
    rows, _ = _classified_rows(tmp_path)
    lines = rows.head(40).to_csv(index=False).splitlines()
    address = client.scheduler.address
    runner = CliRunner()
    blank = tmp_path / "blank.csv"
    blank.write_text("\n".join([*lines[:6], "", *lines[6:9], ",,,", *lines[9:]]) + "\n", encoding="utf-8")
    single, on_dask = tmp_path / "single", tmp_path / "on_dask"
    assert runner.invoke(main, ["report", str(blank), "-o", str(single), "--format", "csv"]).exit_code == 0
    result = runner.invoke(main, ["report", str(blank), "-o", str(on_dask), "--format", "csv", "--dask", address])
    assert result.exit_code == 0, result.output
    for name in ("af.csv", "r1.csv", "r4.csv"):
        assert (on_dask / name).read_bytes() == (single / name).read_bytes(), name
    quoted = tmp_path / "quote.csv"
    cells = lines[5].split(",")
    lines[5] = ",".join([*cells[:-1], '"' + cells[-1]])
    quoted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[0].split(",")[-1]
    for lang in ("vi", "en"):
        args = ["--lang", lang, "report", str(quoted), "-o", str(tmp_path / f"q_{lang}"), "--format", "csv"]
        plain = runner.invoke(main, args)
        result = runner.invoke(main, [*args, "--dask", address])
        assert plain.exit_code == result.exit_code == 2, result.output
        said = {"vi": f"dòng 6, cột {column}: ", "en": f"row 6, column {column}: a quote"}[lang]
        assert said in result.output and said in plain.output, result.output
        assert plain.output.split(": ", 2)[-1] == result.output.split(": ", 2)[-1]
        assert not (tmp_path / f"q_{lang}").exists()


def test_cli_report_on_dask_of_a_file_without_flag_columns_is_the_single_process_one(
    client: distributed.Client, tmp_path: Path
) -> None:
    """A household file with no flag column at all has every mark unknown: ``report`` in one process leaves every
    household out of the AF measures' N (as ``report --db`` does), but ``report --dask`` read the engine's empty
    lists as the marks and counted them all, not deprived. It now reads the file's absent flag columns as blank
    marks too: af.csv is the single-process one."""
    rows, _ = _classified_rows(tmp_path)
    rows = rows.drop(columns=[c for c in rows.columns if c.startswith("deprived_")]).head(60)
    flat = tmp_path / "classified.csv"
    rows.to_csv(flat, index=False)
    single, on_dask = tmp_path / "single", tmp_path / "on_dask"
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(flat), "-o", str(single), "--format", "csv"])
    assert result.exit_code == 0, result.output
    address = client.scheduler.address
    result = runner.invoke(main, ["report", str(flat), "-o", str(on_dask), "--format", "csv", "--dask", address])
    assert result.exit_code == 0, result.output
    af = pd.read_csv(on_dask / "af.csv")
    assert (af[(af["level"] == "total") & (af["measure"] == "N")]["value"] == 0).all()
    assert (on_dask / "af.csv").read_bytes() == (single / "af.csv").read_bytes()


def test_af_measures_of_a_dask_dataframe_says_the_households_left_out_for_an_unknown_mark(tmp_path: Path) -> None:
    """``pr.af_measures`` of a DataFrame says the households it leaves out of N for a blank deprivation mark (how
    many, the first one's code); the same call on a dask.dataframe says the same, counted over every partition,
    at the caller's line, in ``lang``."""
    rows, _ = _classified_rows(tmp_path)  # the sample's blank marks, and every 11th row's water mark blank
    ddf = dd.from_pandas(rows, npartitions=3)
    for lang in ("vi", "en"):
        with pytest.warns(pr.Note) as whole:
            pr.af_measures(rows, unit="household", lang=lang, k=3)
        (said,) = [str(w.message) for w in whole if issubclass(w.category, pr.Note)]
        assert said.startswith("<data>: 351 ")
        with pytest.warns(pr.Note) as caught:
            pr.af_measures(ddf, unit="household", lang=lang, k=3)
        assert [str(w.message) for w in caught if issubclass(w.category, pr.Note)] == [
            said.replace("<data>", "<dask>", 1)
        ]
        assert [w.filename for w in caught if issubclass(w.category, pr.Note)] == [__file__]


def test_cli_dask_refuses_a_file_of_its_header_alone(client: distributed.Client, tmp_path: Path) -> None:
    """classify ho.csv --dask … of a file with its header and no household row exited 0 with an empty
    dataset ('0 households: 0 classified'); it is refused as the single-process run refuses it: exit 2, in
    --lang, nothing written (an earlier dataset left as it was)."""
    src = tmp_path / "ho.csv"
    src.write_text(SAMPLE.read_text(encoding="utf-8-sig").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    out.write_bytes(b"earlier")
    args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "--dask", client.scheduler.address]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "ho.csv: the file has its header row but no household rows to classify" in " ".join(result.output.split())
    assert out.read_bytes() == b"earlier" and sorted(p.name for p in tmp_path.iterdir()) == ["ho.csv", "out.parquet"]


def test_report_dask_names_the_files_row_of_a_bad_cell_not_the_partitions(
    client: distributed.Client, tmp_path: Path
) -> None:
    """report --dask of a classified file whose household_size is 'ba' on one row said 'c.csv [4/5]: row 86'
    (a row of the fourth partition, which the officer cannot find), where the single-process report says
    'c.csv: row 352'. It now names the file's row as the single-process report does (an empty row above it
    counted, as the file's reader counts it), and, for a folder of Parquet files, the part file and its row."""
    from poverty_rules.errors import ReportError
    from poverty_rules.reports.partitions import report_on_dask

    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig").head(400)
    frame = frame.assign(household_size="3")
    frame.loc[349, "household_size"] = "ba"
    households, src = tmp_path / "ho.csv", tmp_path / "c.csv"
    frame.to_csv(households, index=False)
    run = ["classify", str(households), "-o", str(tmp_path / "k.csv"), "--as-of", "2025-12-01", "-q", "--no-bom"]
    assert CliRunner().invoke(main, run).exit_code == 1
    lines = (tmp_path / "k.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(100, ",".join([""] * len(lines[0].split(","))))  # an empty row: a row of the file, skipped
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    classified = pd.read_csv(src, dtype=str, keep_default_na=False).query("household_id != ''")
    alone = CliRunner().invoke(main, ["report", str(src), "-o", str(tmp_path / "one"), "--format", "csv"])
    said = f"{src}: dòng 351, cột household_size: 'ba' không phải số nhân khẩu"
    assert alone.exit_code == 2 and said in "".join(alone.output.split("\n")), alone.output
    with pytest.raises(ReportError) as raised:
        report_on_dask(src, tmp_path / "out", client.scheduler.address, lang="vi", blocksize=20000)
    assert raised.value.in_lang("vi") == said
    folder = tmp_path / "parts"
    folder.mkdir()
    classified.iloc[:300].to_parquet(folder / "part.0.parquet", index=False)
    classified.iloc[300:].to_parquet(folder / "part.1.parquet", index=False)
    with pytest.raises(ReportError) as raised:
        report_on_dask(folder, tmp_path / "out2", client.scheduler.address, lang="en")
    part = folder / "part.1.parquet"
    assert str(raised.value) == f"{part}: row 50, column household_size: 'ba' is not a number of persons"


def test_report_dask_names_the_files_row_of_a_quote_left_open_not_the_partitions(
    client: distributed.Client, tmp_path: Path
) -> None:
    """report --dask of a classified CSV in which a quote opens a cell of row 301 and is never closed said
    'q.csv [3/3]: row 66, column head_name: a quote (") opens this cell …' (the third partition's row); it now
    says 'q.csv: row 301', as the single-process report does (an empty row above it counted), in --lang."""
    from poverty_rules.errors import InputError
    from poverty_rules.reports.partitions import report_on_dask

    rows, _ = _classified_rows(tmp_path)
    lines = rows.head(400).to_csv(index=False).splitlines()
    lines.insert(50, ",".join([""] * len(lines[0].split(","))))  # an empty row: a row of the file, skipped
    cells = lines[300].split(",")
    column = lines[0].split(",")[1]
    lines[300] = ",".join([cells[0], '"' + cells[1], *cells[2:]])
    quoted = tmp_path / "q.csv"
    quoted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["report", str(quoted), "-o", str(tmp_path / "one"), "--format", "csv"])
    said = f"{quoted}: dòng 301, cột {column}: ô mở bằng dấu nháy kép"
    assert plain.exit_code == 2 and said in plain.output, plain.output
    for lang, words in (("vi", said), ("en", f"{quoted}: row 301, column {column}: a quote")):
        with pytest.raises(InputError) as raised:
            report_on_dask(quoted, tmp_path / "out", client.scheduler.address, lang=lang, blocksize=20000)
        assert str(raised.value).startswith(words) and "[" not in str(raised.value).split(":")[0], raised.value


def test_dask_reads_no_dos_end_of_file_mark(tmp_path: Path) -> None:
    """A CSV ending in Ctrl-Z (0x1A, written by old DOS and FoxPro programs) is read on Dask as in one process:
    the mark glued to the last household's last cell (``không\\x1a``) rejected that household."""
    path = tmp_path / "dos.csv"
    path.write_bytes(
        b"household_id,area,income_per_capita,deprived_water\nH1,rural,1,c\xc3\xb3\nH2,urban,2,kh\xc3\xb4ng\x1a"
    )
    for blocksize in (30, 1 << 20):
        frame = read_dask(path, blocksize=blocksize).compute(scheduler="sync")
        assert frame["deprived_water"].tolist() == ["có", "không"]


def test_classify_on_dask_says_when_one_commune_is_written_two_ways(client: distributed.Client, tmp_path: Path) -> None:
    """classify --dask of a file holding one commune twice, with its Mã xã and without (a commune's file joined
    twice): its households were counted twice without a word, where review says so. It now gives the note the
    single-process classify gives, from every partition's communes."""
    households = tmp_path / "ho.csv"
    head = "household_id,province,province_code,commune_code,commune,village,area,income_per_capita\n"
    rows = [f"{i},Tỉnh Nghệ An,40,17028,Xã Nghi Đông,Thôn 1,rural,900000" for i in range(1, 40)]
    rows += [f"{i},Tỉnh Nghệ An,,,Xã Nghi Đông,Thôn 1,rural,900000" for i in range(1, 40)]  # the copy, no code
    households.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    args = ["classify", str(households), "-o", str(tmp_path / "o.parquet"), "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--dask", client.scheduler.address])
    text = " ".join(result.output.split())
    assert result.exit_code == 0, text
    assert f"{households}: '40/17028 Xã Nghi Đông', 'Xã Nghi Đông' are one name" in text, text


def test_classify_dask_of_a_folder_names_each_rejects_part_file_and_its_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``classify --dask`` of a folder of Parquet files (part.0 … part.10, as Dask writes them) wrote rejects
    whose row counted across the whole folder (row 24 of no file an officer can open) and named no file, and a
    code used twice was 'already used at row 3' of the folder. Each reject now names its part file (a ``file``
    column before ``row``) and its row there, the first use of a code too, with the part files in Dask's
    order (part.2 before part.10: pyarrow's order, part.10 before part.2, named the wrong file)."""
    import contextlib

    import pyarrow as pa

    from poverty_rules.pipeline import dask as on_dask_module

    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(11):
        rows = {
            "household_id": [f"P{k}_{i}" for i in range(2)],
            "area": ["rural", "rural"],
            "income_per_capita": ["1"] * 2,
        }
        if k == 10:
            rows["area"][1] = "moon"
            rows["household_id"][0] = "P1_1"
        pq.write_table(pa.table(rows), folder / f"part.{k}.parquet")
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    for lang, used in (("en", "is already used at row 3 of"), ("vi", "đã dùng ở dòng 3 của")):
        on_dask_module.classify_on_dask(folder, out, rejects, RULESET, OPTIONS.with_(lang=lang), "local")
        table = pd.read_parquet(rejects)
        assert table.columns.tolist()[:4] == ["file", "row", "column", "reason"]
        assert table["file"].tolist() == [str(folder / "part.10.parquet")] * 2
        assert table["row"].tolist() == [2, 3] and table["column"].tolist() == ["household_id", "area"]
        assert table["reason"][0].endswith(f"{used} {folder / 'part.1.parquet'}"), table["reason"][0]
    assert [Path(name).name for name, _ in on_dask_module.part_files(folder)][1:3] == [
        "part.1.parquet",
        "part.2.parquet",
    ]


def test_report_dask_names_the_part_file_of_a_folder_of_eleven_parts_in_dasks_order(tmp_path: Path) -> None:
    """report --dask's refusal of a bad cell in a folder of Parquet files (part.0 … part.10, as Dask writes
    them) named the file of the row by pyarrow's order of the files (part.10 before part.2), where Dask reads
    part.2 third: a bad cell of part.2 was said to be in part.10. It is now named in Dask's order."""
    import pyarrow as pa

    from poverty_rules.reports.partitions import _file_row

    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(11):
        pq.write_table(pa.table({"household_id": [f"R{k}_0", f"R{k}_1"]}), folder / f"part.{k}.parquet")
    assert _file_row(folder, 1 << 20, 2, 3, "en") == (str(folder / "part.2.parquet"), 3)
    assert _file_row(folder, 1 << 20, 10, 2, "en") == (str(folder / "part.10.parquet"), 2)


def test_classify_dask_of_a_folder_names_the_part_file_of_a_nul_cell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``classify --dask`` of a folder of Parquet files with a NUL character in a text cell of part.1 said
    'parts: row 10, column village: the cell holds a NUL character …', a row counted across the folder, of
    no file; the single-process run of that file says 'part.1.parquet: row 5'. It now names the part file
    and its row, as that run does, in --lang, and writes nothing."""
    import contextlib

    import pyarrow as pa

    from poverty_rules.errors import InputError
    from poverty_rules.pipeline import dask as on_dask_module

    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(3):
        village = ["Thon"] * 5
        if k == 1:
            village[3] = "Th\x00on"
        codes = [f"N{k}_{i}" for i in range(5)]
        table = pa.table(
            {"household_id": codes, "area": ["rural"] * 5, "income_per_capita": ["1"] * 5, "village": village}
        )
        pq.write_table(table, folder / f"part.{k}.parquet")
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    for lang, said in (("en", "row 5, column village"), ("vi", "dòng 5, cột village")):
        with pytest.raises(InputError) as refused:
            on_dask_module.classify_on_dask(folder, out, rejects, RULESET, OPTIONS.with_(lang=lang), "local")
        assert str(refused.value).startswith(f"{folder / 'part.1.parquet'}: {said}: "), str(refused.value)
        assert not out.exists() and not rejects.exists()


def test_a_dask_frames_first_row_the_local_standard_cannot_read_is_the_tables_row() -> None:
    """``pr.classify_table(ddf, local=…)`` (and ``classify --dask`` of a Parquet file) of partitions after the
    first named the first row the local standard could not read by its row in its partition ('the first:
    row 3'), where the same table in one piece says 'row 9'; the local run now numbers the partition's rows
    as the national run does, from the partition's first row."""
    frame = pd.DataFrame(
        {
            "household_id": [f"U{i}" for i in range(9)],
            "area": ["rural"] * 9,
            "income_per_capita": ["1000000"] * 7 + ["", "1000000"],
            "score_a": [""] * 7 + ["120", ""],
        }
    )
    whole = pr.classify_table(frame, as_of="2025-12-01", local="example-bac-ninh-2025", lang="en")
    parted = pr.classify_table(
        dd.from_pandas(frame, npartitions=3, sort=False), as_of="2025-12-01", local="example-bac-ninh-2025", lang="en"
    )
    said = [n for n in whole.notes if "could not be read by the local standard" in n]
    assert len(said) == 1 and "(the first: row 9: " in said[0], said
    assert [n for n in parted.notes if "could not be read by the local standard" in n] == said


def test_classify_dask_of_a_folder_names_the_part_file_of_the_first_row_the_local_standard_cannot_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``classify --dask --local …`` of a folder of Parquet files named the first row the local standard
    could not read by its row counted across the folder ('the first: row 14: …'), of no file; it now names
    its part file and its row there ('row 5 of parts/part.2.parquet'), in --lang."""
    import contextlib

    import pyarrow as pa

    from poverty_rules.pipeline import dask as on_dask_module

    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(3):
        income, score = ["1000000"] * 5, [""] * 5
        if k == 2:
            income[3], score[3] = "", "120"
        codes = [f"L{k}_{i}" for i in range(5)]
        table = pa.table({"household_id": codes, "area": ["rural"] * 5, "income_per_capita": income, "score_a": score})
        pq.write_table(table, folder / f"part.{k}.parquet")
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    part = folder / "part.2.parquet"
    for lang, said in (
        ("en", f"(the first: row 5 of {part}: "),
        ("vi", f"(dòng đầu tiên như vậy: dòng 5 của {part}: "),
    ):
        options = OPTIONS.with_(lang=lang, local="example-bac-ninh-2025")
        summary = on_dask_module.classify_on_dask(folder, out, rejects, RULESET, options, "local")
        assert any(said in note for note in summary.notes), summary.notes


def test_classify_dask_of_a_folder_with_a_file_column_keeps_it_as_input_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A folder of Parquet files with a column of its own named ``file`` (a register's file name), some row
    rejected: the rejects' ``file`` column (1c56aa8) clashed with it and ``classify --dask`` stopped with
    'unexpected failure (ValueError: Target schema's field names are not matching …)'. The input's column
    is kept as ``input_file``, as a rejects file keeps an input column named ``row`` (``input_row``)."""
    import contextlib

    import pyarrow as pa

    from poverty_rules.pipeline import dask as on_dask_module

    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(2):
        codes = [f"F{k}_{i}" for i in range(3)]
        rows = {
            "household_id": codes,
            "area": ["rural", "moon", "rural"],
            "income_per_capita": ["1"] * 3,
            "file": ["x"] * 3,
        }
        pq.write_table(pa.table(rows), folder / f"part.{k}.parquet")
    monkeypatch.setattr(on_dask_module, "dask_client", lambda *_a, **_k: contextlib.nullcontext())
    out, rejects = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    summary = on_dask_module.classify_on_dask(folder, out, rejects, RULESET, OPTIONS, "local")
    table = pd.read_parquet(rejects)
    assert summary.rejected == 2 and table.columns.tolist()[:2] == ["file", "row"]
    assert table["input_file"].tolist() == ["x", "x"] and table["row"].tolist() == [3, 3]


def test_library_of_a_folder_read_with_dask_names_each_bad_rows_part_file(tmp_path: Path) -> None:
    """``pr.classify_table(dd.read_parquet(folder))`` and ``pr.classify`` of it named a bad row by its row
    counted across the folder ('row 12: income_per_capita …', 'already used at row 3'), of no file a researcher
    can open, where ``classify --dask`` of the folder names its part file and its row there. The library now
    names them so too: a ``file`` column before ``row`` in the rejects, the file of a code's first use, and
    'row 4 of …/part.2.parquet' in RowErrors (vi 'dòng 4 của …'); a frame not read from a folder (from
    pandas, filtered) keeps its rows counted across it."""
    folder = tmp_path / "parts"
    folder.mkdir()
    for k in (0, 1, 2):
        income = ["1000000", "1000000", "abc" if k == 2 else "1000000", "1000000"]
        codes = [f"H{k}-{j}" for j in range(4)][:3] + (["H0-1"] if k == 2 else [f"H{k}-3"])
        frame = pd.DataFrame({"household_id": codes, "area": ["rural"] * 4, "income_per_capita": income})
        frame.to_parquet(folder / f"part.{k}.parquet", index=False)
    part0, part2 = str(folder / "part.0.parquet"), str(folder / "part.2.parquet")
    with pytest.warns(pr.Note):  # on the scheduler in use: the module's cluster when it runs
        out = pr.classify_table(dd.read_parquet(str(folder)), ruleset=RULESET, as_of="2025-12-01", lang="en")
        rejects = out.rejects.compute()
        assert rejects.columns.tolist()[:2] == ["file", "row"]
        assert rejects["file"].tolist() == [part2, part2] and rejects["row"].tolist() == [4, 5]
        assert rejects["reason"].iloc[1].endswith(f"is already used at row 3 of {part0}")
        for lang, said in (("en", f"row 4 of {part2}: income_per_capita"), ("vi", f"dòng 4 của {part2}: ")):
            with pytest.raises(pr.RowErrors) as caught:
                pr.classify(dd.read_parquet(str(folder)), ruleset=RULESET, as_of="2025-12-01", lang=lang)
            assert said in str(caught.value), str(caught.value)
        whole = dd.read_parquet(str(folder)).compute().reset_index(drop=True)
        plain = pr.classify_table(dd.from_pandas(whole, npartitions=2), ruleset=RULESET, as_of="2025-12-01")
        assert "file" not in plain.rejects.columns and plain.rejects["row"].compute().tolist() == [12, 13]


def test_library_docstring_says_the_types_of_a_dask_frames_columns() -> None:
    """``help(pr.classify_table)`` said a dask.dataframe gives lazy rows and rejects with "every column text",
    where their counts are ``int64`` and a frame's Arrow-typed input columns keep their types (docs/scale.md):
    a researcher summing ``deprivation_count`` after ``astype(int)`` on that word, or comparing incomes as
    text, was misled. The docstring now says the types the frames have."""
    import pyarrow as pa

    frame = pd.DataFrame({"household_id": ["A", "B"], "area": ["rural", "urban"], "income_per_capita": [1e6, 3e6]})
    typed = dd.from_pandas(frame, npartitions=1).astype({"income_per_capita": pd.ArrowDtype(pa.float64())})
    rows = pr.classify_table(typed, ruleset=RULESET, as_of="2025-12-01").rows
    assert str(rows.dtypes["deprivation_count"]) == "int64[pyarrow]"
    assert str(rows.dtypes["income_per_capita"]) == "double[pyarrow]"
    assert str(rows.dtypes["status"]) == "string[pyarrow]"
    doc = " ".join((pr.classify_table.__doc__ or "").split())
    assert "every column text" not in doc and "the counts ``int64``" in doc


def test_library_reports_of_a_folder_read_with_dask_name_a_bad_rows_part_file(tmp_path: Path) -> None:
    """``pr.af_measures(dd.read_parquet(folder), unit="person")`` and ``pr.report_forms`` of it named a household
    size that is no number of persons by its partition and its row there ('row 3 [3/3]', '<dask> [3/3]: row 3'),
    where ``report --dask`` of the folder names its part file. They now name the part file and its row there,
    in the call's lang; a frame not read from a folder still names its partition."""
    from poverty_rules.errors import ReportError

    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    classified = pr.classify_table(rows, ruleset=RULESET, as_of="2025-12-01").rows.astype(str)
    classified["household_size"] = "3"
    classified.iloc[len(classified) - 2, classified.columns.get_loc("household_size")] = "ba"
    folder = tmp_path / "classified"
    folder.mkdir()
    cuts = [0, 10, 20, len(classified)]
    for k in range(3):
        classified.iloc[cuts[k] : cuts[k + 1]].to_parquet(folder / f"part.{k}.parquet", index=False)
    bad = str(folder / "part.2.parquet")
    within = len(classified) - 2 - 20 + 2  # its row in part.2 (the header row 1)
    for lang, word in (("en", "row"), ("vi", "dòng")):
        with pytest.raises(ReportError) as af:
            pr.af_measures(dd.read_parquet(str(folder)), k=3, unit="person", lang=lang)
        assert f"{word} {within} ({bad})" in str(af.value), str(af.value)
        with pytest.raises(ReportError) as forms:
            pr.report_forms(dd.read_parquet(str(folder)), lang=lang)
        assert f"{bad}: {word} {within}," in str(forms.value), str(forms.value)
    with pytest.raises(ReportError) as plain:
        pr.af_measures(dd.from_pandas(classified, npartitions=2), k=3, unit="person", lang="en")
    assert "[2/2]" in str(plain.value)


def test_library_of_a_folder_with_other_files_beside_its_parts_classifies_it(tmp_path: Path) -> None:
    """``dd.read_parquet(folder)`` reads only the folder's Parquet files (by their extension: a ``README.txt``
    or a ``.crc`` checksum beside them is left out, as are ``_SUCCESS`` and hidden files); the part files that
    name a bad row's file (e3dc142) were listed with every file of the folder, so ``pr.classify_table`` of such
    a folder stopped with "ArrowInvalid: … Could not read schema from 'README.txt'". It now lists the files
    Dask reads, and names the bad row's part file."""
    folder = tmp_path / "households"
    folder.mkdir()
    for k in (0, 1):
        frame = pd.DataFrame(
            {"household_id": [f"R{k}-{j}" for j in range(3)], "area": ["rural", "sea" if k else "rural", "urban"]}
        )
        frame.assign(income_per_capita="1000000").to_parquet(folder / f"part.{k}.parquet", index=False)
    (folder / "README.txt").write_text("households of two communes", encoding="utf-8")
    (folder / "part.0.parquet.crc").write_bytes(b"\x00\x01")
    (folder / "_SUCCESS").write_bytes(b"")
    with pytest.warns(pr.Note):  # on the scheduler in use: the module's cluster when it runs
        out = pr.classify_table(dd.read_parquet(str(folder)), ruleset=RULESET, as_of="2025-12-01", lang="en")
        rejects = out.rejects.compute()
        assert rejects[["file", "row"]].values.tolist() == [[str(folder / "part.1.parquet"), 3]]
        assert len(out.rows.compute()) == 5
        _ = out.notes


def test_report_on_dask_of_a_parquet_file_of_its_header_alone_says_so(
    client: distributed.Client, tmp_path: Path
) -> None:
    """``report FILE.parquet --dask`` of a reviewed file of its header alone wrote forms of 0 households without a
    word, where the single-process run says the file has no household row. It says so on Dask too."""
    header = ["household_id", "village", "commune", "area", "household_size", "status", "deprived"]
    path = tmp_path / "ho.reviewed.parquet"
    pd.DataFrame({c: pd.Series([], dtype=object) for c in header}).astype(str).to_parquet(path, index=False)
    args = ["report", str(path), "-o", str(tmp_path / "out"), "--format", "csv", "--dask", client.scheduler.address]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "the file has its header row but no household rows" in " ".join(result.output.split()), result.output


def _two_csv_files(tmp_path: Path) -> tuple[Path, Path]:
    """Two communes' CSV files of one header: in the second, row 4's income is no number and row 6 uses the
    code of the first file's row 3."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    first, second = [lines[0], *lines[1:11]], [lines[0], *lines[11:21]]
    cells = second[3].split(",")
    cells[6] = "abc"
    second[3] = ",".join(cells)
    cells = second[5].split(",")
    cells[0] = first[2].split(",")[0]
    second[5] = ",".join(cells)
    a, b = tmp_path / "xa.csv", tmp_path / "xb.csv"
    a.write_text("\n".join(first) + "\n", encoding="utf-8")
    b.write_text("\n".join(second) + "\n", encoding="utf-8")
    return a, b


def test_library_of_several_csv_files_read_with_dask_names_each_bad_rows_file(tmp_path: Path) -> None:
    """``dd.read_csv([a, b])`` (or a pattern, ``communes/*.csv``) handed to the library named a bad row by its
    position across the files ('row 14', header row 1), a row no file has: the officer had to count the first
    file's rows. Each reject now names its CSV file in a ``file`` column and its row there, and a code used
    twice the file of its first use, as of a folder of Parquet files, whether a file is one partition or
    several; ``RowErrors`` says 'row 4 of …/xb.csv'."""
    a, b = _two_csv_files(tmp_path)
    for blocksize in (None, 600):  # one partition per file, then several
        ddf = dd.read_csv([str(a), str(b)], dtype=str, keep_default_na=False, blocksize=blocksize)
        out = pr.classify_table(ddf, ruleset=RULESET, as_of="2025-12-01", lang="en")
        rejects = out.rejects.compute(scheduler="sync")
        assert rejects[["file", "row"]].values.tolist() == [[str(b), 4], [str(b), 6]], blocksize
        assert rejects["reason"].iloc[1].endswith(f"is already used at row 3 of {a}")
        with pytest.raises(pr.RowErrors) as raised:
            pr.classify(ddf, ruleset=RULESET, as_of="2025-12-01", lang="vi")
        assert f"dòng 4 của {b}" in raised.value.in_lang("vi")
        assert f"row 4 of {b}" in raised.value.in_lang("en")
    one = dd.read_csv(str(b), dtype=str, keep_default_na=False, blocksize=600)  # one file: its own rows
    alone = pr.classify_table(one, ruleset=RULESET, as_of="2025-12-01", lang="en").rejects.compute(scheduler="sync")
    assert "file" not in alone.columns and alone["row"].tolist() == [4]


def test_library_reports_of_several_csv_files_read_with_dask_name_a_bad_rows_file(tmp_path: Path) -> None:
    """``pr.af_measures(dd.read_csv([a, b]), unit="person")`` and ``pr.report_forms`` of it named a household
    size that is no number of persons by its partition and its row there ('row 5 [3/4]'), no file. They now
    name the CSV file and its row there, in the call's lang, whether a file is one partition or several."""
    from poverty_rules.errors import ReportError

    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(24)
    classified = pr.classify_table(rows, ruleset=RULESET, as_of="2025-12-01").rows.astype(str)
    classified["household_size"] = "3"
    classified.iloc[15, classified.columns.get_loc("household_size")] = "ba"  # row 5 of the second file
    a, b = tmp_path / "ca.csv", tmp_path / "cb.csv"
    classified.iloc[:12].to_csv(a, index=False)
    classified.iloc[12:].to_csv(b, index=False)
    for blocksize in (None, 1500):
        ddf = dd.read_csv([str(a), str(b)], dtype=str, keep_default_na=False, blocksize=blocksize)
        for lang, word in (("en", "row"), ("vi", "dòng")):
            with pytest.raises(ReportError) as af:
                pr.af_measures(ddf, k=3, unit="person", lang=lang)
            assert f"{word} 5 ({b})" in str(af.value), str(af.value)
            with pytest.raises(ReportError) as forms:
                pr.report_forms(ddf, lang=lang)
            assert f"{b}: {word} 5," in str(forms.value), str(forms.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_classify_on_dask_refuses_a_sheet_it_cannot_read(tmp_path: Path, lang: str) -> None:
    """docs/input.md: a --sheet for a file that is not a workbook stops the run (its whole content is never read
    in the sheet's stead), and classify without --dask refuses it so; with --dask, which reads CSV and Parquet
    only, ``classify ho.csv --dask local --sheet 'Thôn Đông'`` classified the whole file without a word. It is
    now refused before any work (no cluster started), naming the file and the option, in vi and en; nothing
    is written."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nA,rural,5000000\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    args = ["classify", str(households), "--dask", "local", "--sheet", "Thôn Đông", "-o", str(out), "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    said = {
        "vi": 'không có trang tính: bỏ --sheet "Thôn Đông"',  # quoted for the shell, as it is typed
        "en": 'which have no sheet: leave out --sheet "Thôn Đông"',
    }
    assert said[lang] in " ".join(result.output.split()) and "ho.csv" in result.output, result.output
    assert not out.exists() and not (tmp_path / "out.rejects.parquet").exists()


def test_library_of_a_list_of_parquet_files_read_with_dask_names_each_bad_rows_file(tmp_path: Path) -> None:
    """``dd.read_parquet([…])`` of a list of part files (or a pattern, ``communes/*.parquet``) named a bad row
    counted across the files ('row 25'), where the folder they are in names its part file. A list or a pattern
    of local files now names each reject's file and its row there, the files in Dask's order (``part.2`` before
    ``part.10``, however listed), as the folder does, and so do ``pr.af_measures`` and ``pr.report_forms``."""
    from poverty_rules.errors import ReportError

    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id")
    rows = rows[rows["area"].isin(["rural", "urban"])].reset_index(drop=True)
    folder = tmp_path / "communes"
    folder.mkdir()
    a, b = folder / "part.2.parquet", folder / "part.10.parquet"
    rows.iloc[:10].to_parquet(a, index=False)
    bad = rows.iloc[10:20].copy()
    bad.iloc[3, bad.columns.get_loc("area")] = "sea"
    bad.to_parquet(b, index=False)
    for source in ([str(b), str(a)], str(folder / "*.parquet")):
        out = pr.classify_table(dd.read_parquet(source), ruleset=RULESET, as_of="2025-12-01", lang="en")
        assert out.rejects.compute(scheduler="sync")[["file", "row"]].values.tolist() == [[str(b), 5]], source
    classified = pr.classify_table(rows, ruleset=RULESET, as_of="2025-12-01").rows.astype(str)
    classified["household_size"] = "3"
    classified.iloc[13, classified.columns.get_loc("household_size")] = "ba"  # row 5 of part.10
    classified.iloc[:10].to_parquet(a, index=False)
    classified.iloc[10:20].to_parquet(b, index=False)
    with pytest.raises(ReportError) as af:
        pr.af_measures(dd.read_parquet([str(b), str(a)]), k=3, unit="person", lang="en")
    assert f"row 5 ({b})" in str(af.value), str(af.value)


def test_library_refuses_a_dask_series_as_it_refuses_a_pandas_series() -> None:
    """``pr.classify(ddf["area"])`` (one column of a dask.dataframe, a Dask Series) was taken for a
    dask.dataframe and stopped inside with "KeyError: None of [Index(['area'])] are in the [index]", and
    ``pr.af_measures`` / ``pr.report_forms`` of it with "AttributeError: 'Series' object has no attribute
    'columns'", where a pandas Series is refused naming the argument. A Dask Series is now refused alike
    (ArgumentTypeError, a TypeError, in the call's lang)."""
    from poverty_rules.errors import ArgumentTypeError

    series = dd.from_pandas(pd.DataFrame({"area": ["rural"], "household_id": ["A"]}), npartitions=1)["area"]
    calls = (
        (pr.classify, "households: expected a pandas DataFrame, got Series"),
        (pr.classify_table, "households: expected a pandas DataFrame, got Series"),
        (pr.af_measures, "classified: expected a pandas DataFrame (or a dask.dataframe) of classified households"),
        (pr.report_forms, "reviewed: expected a pandas DataFrame (or a dask.dataframe) of classified households"),
    )
    for call, said in calls:
        with pytest.raises(ArgumentTypeError) as caught:
            call(series, lang="en")
        assert isinstance(caught.value, TypeError) and str(caught.value).startswith(said), str(caught.value)


def test_note_on_household_sizes_names_a_folders_part_file_and_its_row(tmp_path: Path) -> None:
    """Of a folder of Parquet files (``dd.read_parquet("households/")``, ``classify --dask households/``), the note
    on household sizes that are no number of persons named the cell by its row counted across the folder ('row
    14 ('ba')'), where every reject names its part file and its row there. The note now names the part file
    and its row ('row 4 of …/part.1.parquet ('ba')'), in the call's lang; several CSV files alike."""
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    rows = rows[rows["household_id"] != ""].drop_duplicates("household_id").reset_index(drop=True)
    rows["household_size"] = "3"
    rows.iloc[12, rows.columns.get_loc("household_size")] = "ba"  # row 4 of the second file
    folder = tmp_path / "households"
    folder.mkdir()
    rows.iloc[:10].to_parquet(folder / "part.0.parquet", index=False)
    rows.iloc[10:20].to_parquet(folder / "part.1.parquet", index=False)
    a, b = tmp_path / "xa.csv", tmp_path / "xb.csv"
    rows.iloc[:10].to_csv(a, index=False)
    rows.iloc[10:20].to_csv(b, index=False)
    frames = (
        (dd.read_parquet(str(folder)), folder / "part.1.parquet"),
        (dd.read_csv([str(a), str(b)], dtype=str, keep_default_na=False), b),
    )
    for ddf, bad in frames:
        for lang, said in (("en", f"row 4 of {bad} ('ba')"), ("vi", f"dòng 4 của {bad} ('ba')")):
            with pytest.warns(pr.Note):
                notes = pr.classify_table(ddf, ruleset=RULESET, as_of="2025-12-01", lang=lang).notes
            assert any(said in note for note in notes), notes


def test_the_reports_of_a_dask_dataframe_read_its_named_index_as_its_column(tmp_path: Path) -> None:
    """A classified dataset pandas wrote with ``set_index("household_id")`` is read by ``dd.read_parquet`` with
    the code as its index; ``pr.classify_table`` of a dask.dataframe reads a named index as its column, as
    ``pr.af_measures`` and ``pr.report_forms`` of a pandas DataFrame do, but on Dask ``pr.report_forms``
    refused such a frame ("row 1: missing column household_id") and ``pr.af_measures`` of a frame indexed by
    ``village`` measured one blank village, without a word: other numbers than the same table in pandas. Both
    now read a named index as its column on Dask too: the same forms and measures as of the table itself."""
    rows, _ = _classified_rows(tmp_path)
    folder = tmp_path / "indexed"
    folder.mkdir()
    for i, part in enumerate((rows.iloc[:300], rows.iloc[300:])):
        part.set_index("household_id").to_parquet(folder / f"part.{i}.parquet")
    indexed = dd.read_parquet(str(folder))
    assert indexed.index.name == "household_id"
    want = pr.report_forms(rows, lang="en")
    got = pr.report_forms(indexed, lang="en")
    for form_id, form in want.items():
        pd.testing.assert_frame_equal(got[form_id].rows, form.rows)
    by_village = dd.from_pandas(rows.set_index("village"), npartitions=3)
    pd.testing.assert_frame_equal(pr.af_measures(by_village, k=3, lang="en"), pr.af_measures(rows, k=3, lang="en"))
    pd.testing.assert_frame_equal(pr.af_measures(indexed, k=3, lang="en"), pr.af_measures(rows, k=3, lang="en"))


def test_the_households_a_dataset_marks_leaving_are_not_measured_on_dask(
    client: distributed.Client, tmp_path: Path
) -> None:
    """``report`` in one process measures the resident households R1 counts, leaving out those whose
    ``change_reason`` marks them leaving (moved_out, died, merged; ``chuyển đi``), but ``report --dask`` and
    ``pr.af_measures(ddf)`` counted them in N: af.csv on Dask differed from af.csv in one process while r1.csv
    agreed. Both now leave them out: the same af.csv bytes, the same frame as of the table in one process."""
    rows, _ = _classified_rows(tmp_path)
    rows["change_reason"] = ""
    rows.loc[[3, 400, len(rows) - 2], "change_reason"] = ["moved_out", "chuyển đi", "died"]
    flat, folder = tmp_path / "reviewed.csv", tmp_path / "reviewed"
    rows.to_csv(flat, index=False)
    folder.mkdir()
    for i, part in enumerate((rows.iloc[:700], rows.iloc[700:])):
        part.to_parquet(folder / f"part.{i}.parquet", index=False)
    single, on_dask = tmp_path / "single", tmp_path / "on_dask"
    runner = CliRunner()
    assert runner.invoke(main, ["report", str(flat), "-o", str(single), "--format", "csv"]).exit_code == 0
    args = ["report", str(folder), "-o", str(on_dask), "--format", "csv", "--dask", client.scheduler.address]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in ("af.csv", "r1.csv"):
        assert (on_dask / name).read_bytes() == (single / name).read_bytes(), name
    want = pr.af_measures(rows, k=3, unit="household", lang="en")
    pd.testing.assert_frame_equal(
        want, pr.af_measures(rows[rows["change_reason"] == ""], k=3, unit="household", lang="en")
    )
    got = pr.af_measures(dd.read_parquet(str(folder)), k=3, unit="household", lang="en")
    pd.testing.assert_frame_equal(got, want)


def test_library_reads_a_dask_datasets_string_view_columns(tmp_path: Path) -> None:
    """``dd.read_parquet(…, dtype_backend="pyarrow")`` of a file whose text is Arrow's ``string_view`` (as polars
    writes it) stopped in ``pr.classify_table(ddf)`` with pyarrow's "Function 'array_take' has no kernel matching
    input types (string_view, int64)" (a traceback from results/tables.py), as a pandas frame of such columns did;
    each partition now reads them as plain text, and the rows are those of the pandas frame."""
    import pyarrow as pa

    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=40)
    table = pa.table({c: pa.array(frame[c].tolist(), pa.string_view()) for c in frame.columns})
    pq.write_table(table, tmp_path / "households.parquet")
    ddf = dd.read_parquet(tmp_path / "households.parquet", dtype_backend="pyarrow")
    assert "string_view[pyarrow]" in {str(t) for t in ddf.dtypes}
    got = pr.classify_table(ddf, ruleset=RULESET, as_of="2025-12-01")
    expected = pr.classify_table(frame, ruleset=RULESET, as_of="2025-12-01")
    rows = got.rows.compute()
    assert rows["household_id"].tolist() == expected.rows["household_id"].tolist()
    assert rows["status"].tolist() == expected.rows["status"].tolist()
    assert len(got.rejects.compute()) == len(expected.rejects)


def test_row_errors_of_a_dask_dataframe_in_english_give_english_reasons(client: Any) -> None:
    """``pr.classify(ddf)`` (Vietnamese, its default) raising RowErrors: ``exc.in_lang("en")`` kept the call's
    Vietnamese reasons ('row 3: area = 'mars': phải là nông thôn hoặc thành thị …'), where the same table as a
    pandas frame gives English reasons since session 24. The reasons are now read again in English when the
    English message is asked for (another pass over the partitions, then only), and before the error is
    pickled; ``rejects`` keeps the call's language, as of a pandas frame."""
    import pickle
    import warnings

    frame = pd.DataFrame(
        {"household_id": ["H1", "H2", "H2", "H4"], "area": ["rural", "mars", "urban", "rural"]}
        | {"income_per_capita": ["1", "2", "abc", "3"]}
    )
    errors = []
    for data in (frame, dd.from_pandas(frame, npartitions=2)):
        with pytest.raises(pr.RowErrors) as caught, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pr.classify(data, ruleset=RULESET, as_of="2025-12-01")
        errors.append(caught.value)
    plain, on_dask = errors
    assert str(on_dask) == str(plain) and "phải là nông thôn" in str(on_dask)
    english = plain.in_lang("en")
    assert "must be rural or urban" in english and "phải là" not in english
    assert pickle.loads(pickle.dumps(on_dask)).in_lang("en") == english
    assert on_dask.in_lang("en") == english and on_dask.in_lang("vi") == str(plain)
    assert "phải là số" in on_dask.rejects["reason"].iloc[1]
