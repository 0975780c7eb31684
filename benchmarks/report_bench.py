"""Alkire–Foster measures and the HTML page on a 20,000-household file (issue #14's "done when").

Usage: ``python benchmarks/report_bench.py [-n 20000] [--villages 40] [--out benchmarks/data/report20k]``

Generates the households with ``fixtures/generate.py`` (4 communes of the villages, household sizes,
sampling weights, a previous status, 1% blank flags), classifies them, then writes ``af.csv`` for
every k, scheme and unit (household, household_weighted, person, person_weighted) and ``report.html``,
checks ``af.csv`` against docs/reports.md's contract and prints the timings. When the ``report``
command is available (issue #13) it is run on the classified file too, with ``--format csv`` and
``-o report.html``. Nothing is committed: the output folder is ``benchmarks/data/`` (ignored).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import poverty_rules as pr
from poverty_rules.reports.af import COLUMNS, MEASURES, UNITS, af_measures, write_af_csv
from poverty_rules.reports.html import PageOptions, build_page, write_html

ROOT = Path(__file__).resolve().parent.parent


def households(n: int, villages: int, seed: int, communes: int = 4) -> pd.DataFrame:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "fixtures" / "generate.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    df = gen.generate_households(n, seed, villages=villages).astype(str)
    df = df.replace({"<NA>": "", "nan": ""})
    rng = np.random.default_rng(seed)
    codes = pd.factorize(df["village"])[0]
    names = ["Hưng Chính", "Hưng Đông", "Hưng Lộc", "Nghi Phú"]
    if communes <= len(names):
        df["commune"] = [f"Xã {names[c % communes]}" for c in codes]
    else:  # a province: the villages dealt out over many communes
        df["commune"] = [f"Xã {names[c % communes % 4]} {c % communes + 1}" for c in codes]
    df["household_size"] = rng.integers(1, 9, n).astype(str)
    df["weight"] = np.round(rng.uniform(0.5, 2.0, n), 3).astype(str)
    df["previous_status"] = rng.choice(["poor", "near_poor", "not_poor"], n, p=[0.05, 0.07, 0.88])
    flags = [c for c in df.columns if c.startswith("deprived_")]
    blank = rng.random((n, len(flags))) < 0.001
    for j, c in enumerate(flags):
        df.loc[blank[:, j], c] = ""
    return df


def check_af_csv(path: Path, rs: pr.Ruleset, n_groups: int) -> None:
    af = pd.read_csv(path, keep_default_na=False, dtype=str)
    assert tuple(af.columns) == COLUMNS, af.columns
    d = len(rs.indicators)
    assert set(af["measure"]) == set(MEASURES)
    assert set(af["unit"]) == set(UNITS) and set(af["scheme"]) == {"equal", "nested"}
    assert set(af["k"].astype(int)) == set(range(1, d + 1))
    assert set(af["level"]) == {"total", "province", "commune", "village", "area"}
    values = af["value"]
    assert not (values == "nan").any() and not values.str.contains("NaN").any()
    numeric = pd.to_numeric(values.replace("", np.nan))
    assert numeric.notna().sum() + (values == "").sum() == len(af)
    # no undefined value written as 0: A is blank exactly where q = 0
    key = ["level", "province", "commune", "village", "area", "scheme", "unit", "k"]
    q = af[af.measure == "q"].set_index(key)["value"].astype(float)
    a = af[af.measure == "A"].set_index(key)["value"]
    assert ((q == 0) == (a == "")).all()
    total = af[(af.level == "total") & (af.measure.isin(["M0", "actb"]))]
    for (scheme, unit, k), grp in total.groupby(["scheme", "unit", "k"]):
        m0 = grp[grp.measure == "M0"]["value"].astype(float).iloc[0]
        actb = grp[grp.measure == "actb"]["value"].astype(float).sum()
        assert math.isclose(actb, m0, abs_tol=1e-12), (scheme, unit, k)
    per_k = len(af) // (d * 2 * len(UNITS))
    print(f"af.csv: {len(af):,} rows, {per_k} per k/scheme/unit, {n_groups} groups, contract checks passed")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20_000)
    ap.add_argument("--villages", type=int, default=40)
    ap.add_argument("--communes", type=int, default=4, help="communes the villages are dealt out over")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data" / "report20k")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rs = pr.load_ruleset("vn-2022-2026")
    t = time.perf_counter()
    df = households(args.n, args.villages, args.seed, args.communes)
    classified = pr.classify(df, ruleset=rs, errors="drop", as_of="2025-12-01")
    classified.to_csv(args.out / "reviewed.csv", index=False)
    print(f"generate + classify {len(classified):,} households: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    tidy = af_measures(classified, ruleset=rs, weight_column="weight")
    t_af = time.perf_counter() - t
    t = time.perf_counter()
    write_af_csv(tidy, args.out / "af.csv")
    t_csv = time.perf_counter() - t
    print(f"af_measures (12 k x 2 schemes x 4 units x 5 levels): {t_af:.2f} s; af.csv write {t_csv:.2f} s")
    groups = tidy[["level", "province", "commune", "village", "area"]].drop_duplicates()
    check_af_csv(args.out / "af.csv", rs, len(groups))
    t = time.perf_counter()
    for lang in ("vi", "en"):
        html = build_page(classified, ruleset=rs, options=PageOptions(lang=lang))
        write_html(html, args.out / f"report.{lang}.html")
    print(f"report page vi + en: {time.perf_counter() - t:.2f} s, {len(html) / 1e6:.2f} MB each")
    cli = [sys.executable, "-m", "poverty_rules", "report", str(args.out / "reviewed.csv")]
    help_out = subprocess.run([*cli[:4], "--help"], capture_output=True, text=True)
    if help_out.returncode == 0:
        runs = (
            ["-o", str(args.out / "cli" / "report.html")],
            ["-o", str(args.out / "cli" / "report.xlsx")],
            ["-o", str(args.out / "cli"), "--format", "csv"],
        )
        for extra in runs:
            (args.out / "cli").mkdir(exist_ok=True)
            t = time.perf_counter()
            r = subprocess.run([*cli, *extra], capture_output=True, text=True)
            what = " ".join(extra[2:]) or Path(extra[1]).suffix.lstrip(".")
            print(f"report {what}: exit {r.returncode}, {time.perf_counter() - t:.2f} s")
            if r.returncode not in (0, 1):
                print(r.stderr[-2000:])


if __name__ == "__main__":
    main()
