"""The Dask path (pipeline/dask.py) on a LocalCluster with two worker processes gives the single-process
results: the same rows, the same result columns, the same rejects with the file's row numbers, and
duplicate codes across partitions caught. Small data: the cluster start is most of the time.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from click.testing import CliRunner  # noqa: E402

import poverty_rules as pr  # noqa: E402
from poverty_rules.cli import main  # noqa: E402
from poverty_rules.data.read import read_csv_table  # noqa: E402
from poverty_rules.engine.standards import load_ruleset  # noqa: E402
from poverty_rules.pipeline import RunOptions, run  # noqa: E402
from poverty_rules.pipeline.dask import _as_text, classify_dask, read_dask  # noqa: E402
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


def _single(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = read_csv_table(path)
    result = run(table, RULESET, OPTIONS)
    kept, _ = classified_table(table, result.normalized, result.results)
    return _as_text(kept), _as_text(rejects_table(table, result.normalized))


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


def test_dask_keys_codes_by_commune(client: object, tmp_path: Path) -> None:
    """The sample's second half moved to another commune: its first code again there is a new
    household; again in the first commune (last partition) it is a duplicate of row 2 (docs/input.md)."""
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
    assert reasons[str(len(text) + 2)] == f"household_id = '{first[0]}': is already used at row 2"
    assert str(len(text) + 1) not in reasons.index


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
    got_rejects = pd.read_parquet(tmp_path / "sample_commune.rejects.parquet")
    assert got_rejects["row"].astype(str).tolist() == rejects["row"].astype(str).tolist()
