"""Benchmark: deriving the 12 deprivation flags from member data, then classifying (issue #4).

One run, same data, two implementations of the same rules (vn-2022-2026, NĐ 07/2021 Phụ lục):

* **poverty-rules**: ``poverty_rules.api.run(households, ruleset, members=members)`` starting from
  all-string tables, as the CLI reads them (``classify households.csv --members members.csv``):
  normalize, derive the flags (``apply_members``), classify.
* **OpenFisca**: a minimal country package built here (entities ``person`` / ``household``, one
  variable per member field and per indicator, formulas with ``household.any`` / ``household.sum``
  / ``household.nb_persons``), fed numeric arrays, simulation built with ``SimulationBuilder``; the
  status computed by an OpenFisca formula.

What each side does. Ours starts from the all-string tables and includes reading every text cell
(households and members: spellings, unreadable cells, rejects), every result column
(``deprivation_count``, ``deprived``, ``decided_by``, ``flag_sources`` …), not only the status.
OpenFisca's total is timed two ways, both printed: **without** turning the strings into its numeric
arrays (``openfisca_inputs``, the historical figure: the stricter comparison, as it leaves out work
ours does) and **with** it (the same input as ours: the same all-string tables to a status per
household; its parsing is the plain minimum — a map per category column, ``== "1"`` per flag,
the ages by our ``member_ages`` — with no checks). The target is met only if met on the stricter one.

Data: ``fixtures/generate.py``: ``generate_households(N, 2026)`` and ``generate_members`` (about 3.8
members per household), household fields derived from the household flags; every flag blank so
every indicator is derived. Both implementations must agree on every household's status.

    python benchmarks/members_bench.py                 # 1,000,000 households
    python benchmarks/members_bench.py --households 100000 --repeat 1
    python benchmarks/members_bench.py --data-dir benchmarks/data/memb --base benchmarks/data/memb/main

``--data-dir`` keeps the generated tables as Parquet there (made once, read by later runs: making
1,000,000 households takes about 20 s). ``--base DIR`` also times another copy of the package (a
checkout or ``git archive`` of another commit whose ``poverty_rules/`` is in DIR) in the same run:
then every run is its own process (``PYTHONPATH`` choosing the code), the three sides alternate
(base, this checkout, OpenFisca) and the table gives each side's median and peak RSS (the process's,
data included: the same data in each).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
REVIEW = date(2025, 12, 1)


def _generator():  # noqa: ANN202 - a module loaded by path
    spec = importlib.util.spec_from_file_location("fixtures_generate_bench", ROOT / "fixtures" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_data(n: int, seed: int = 2026) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(households, members) as all-string frames; household flags blank, household fields filled."""
    gen = _generator()
    hh = gen.generate_households(n, seed)
    members = gen.generate_members(hh, seed)
    size = np.bincount(pd.Index(hh["household_id"]).get_indexer(members["household_id"]), minlength=n)
    flags = {k: hh[f"deprived_{k}"].to_numpy() == 1 for k in gen.INDICATORS}
    yes = np.array(["0", "1"], dtype=object)
    out = pd.DataFrame(
        {
            "household_id": hh["household_id"].astype(str).to_numpy(dtype=object),
            "area": hh["area"].astype(str).to_numpy(dtype=object),
            "income_per_capita": hh["income_per_capita"].astype(str).to_numpy(dtype=object),
            "floor_area": np.where(flags["housing_area"], 7.5 * size, 10.0 * size).astype(str).astype(object),
            "wall_durable": yes[(~flags["housing_quality"]).astype(int)],
            "frame_durable": yes[np.ones(n, dtype=int)],
            "roof_durable": yes[(~flags["housing_quality"]).astype(int)],
            "safe_water": yes[(~flags["water"]).astype(int)],
            "hygienic_latrine": yes[(~flags["sanitation"]).astype(int)],
            "internet_use": yes[(~flags["telecom"]).astype(int)],
            "has_info_device": yes[(~flags["information_assets"]).astype(int)],
        }
    )
    for k in gen.INDICATORS:
        out[f"deprived_{k}"] = ""
    return out, members


def load_data(n: int, data_dir: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`make_data`'s tables, kept as Parquet in ``data_dir`` (made once) when it is given."""
    import pyarrow.parquet as pq

    if data_dir is None:
        return make_data(n)
    paths = [data_dir / f"{name}_{n}.parquet" for name in ("households", "members")]
    if not all(p.exists() for p in paths):
        data_dir.mkdir(parents=True, exist_ok=True)
        for frame, path in zip(make_data(n), paths, strict=True):
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)

    # one chunk per column, as make_data's frames have (a chunked column costs a copy to combine)
    households, members = (pq.read_table(p).combine_chunks().to_pandas() for p in paths)
    return households, members


# --------------------------------------------------------------------------- poverty-rules


def run_ours(
    households: pd.DataFrame, members: pd.DataFrame, breakdown: bool = True
) -> tuple[np.ndarray, dict[str, float]]:
    """Classify with poverty-rules from all-string tables; returns statuses and step timings."""
    import poverty_rules as pr
    from poverty_rules.engine.members import apply_members
    from poverty_rules.pipeline import run

    rs = pr.load_ruleset("vn-2022-2026")
    table = pa.Table.from_pandas(households, preserve_index=False)
    t0, c0 = time.perf_counter(), time.process_time()
    r = run(table, rs, as_of=REVIEW, members=members)
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    status = r.results["status"].to_numpy(dtype=object)
    if not breakdown:
        return status, {"total": total, "cpu": cpu}
    del r
    # The derivation alone, on the normalized frame (for the breakdown).
    from poverty_rules.data.normalize import normalize

    frame = normalize(table, rs).frame
    t1 = time.perf_counter()
    apply_members(rs, frame, members, REVIEW)
    derive = time.perf_counter() - t1
    return status, {"total": total, "derive": derive, "cpu": cpu}


# --------------------------------------------------------------------------- OpenFisca


def _openfisca_system():  # noqa: ANN202 - an OpenFisca TaxBenefitSystem
    """The same rules as an OpenFisca country package (vn-2022-2026, income path)."""
    from openfisca_core.entities import build_entity
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(key="person", plural="persons", label="Person", is_person=True)
    household = build_entity(
        key="household",
        plural="households",
        label="Household",
        roles=[{"key": "member", "plural": "members", "label": "Member"}],
    )
    tbs = TaxBenefitSystem([person, household])
    year = DateUnit.YEAR

    def var(name: str, entity: object, value_type: type, formula: object = None) -> None:
        attrs = {"value_type": value_type, "entity": entity, "definition_period": year, "label": name}
        if formula is not None:
            attrs["formula"] = formula
        tbs.add_variable(type(name, (Variable,), attrs))

    for name in ("age", "employment", "qualification"):
        var(name, person, int)
    for name in (
        "working_age", "wage_without_contract", "labour_capacity", "disabled", "has_health_insurance",
        "stunted", "underweight", "in_education", "attending_right_level",
    ):  # fmt: skip
        var(name, person, bool)
    for name in ("income_per_capita", "floor_area"):
        var(name, household, float)
    var("urban", household, bool)
    for name in (
        "wall_durable", "frame_durable", "roof_durable", "safe_water", "hygienic_latrine", "internet_use",
        "has_info_device",
    ):  # fmt: skip
        var(name, household, bool)

    def m(h: object, name: str, period: object) -> np.ndarray:
        return h.members(name, period)  # type: ignore[attr-defined]

    def employment(h, period, parameters):  # noqa: ANN001, ANN202
        return h.any(
            m(h, "working_age", period) & ((m(h, "employment", period) == 1) | m(h, "wage_without_contract", period))
        )

    def dependency(h, period, parameters):  # noqa: ANN001, ANN202
        age = m(h, "age", period)
        no_cap = ~m(h, "labour_capacity", period)
        dep = (age < 16) | (no_cap & (m(h, "disabled", period) | ((age >= 16) & ~m(h, "working_age", period))))
        return 2 * h.sum(dep) > h.nb_persons()

    def nutrition(h, period, parameters):  # noqa: ANN001, ANN202
        return h.any((m(h, "age", period) < 16) & (m(h, "stunted", period) | m(h, "underweight", period)))

    def health_insurance(h, period, parameters):  # noqa: ANN001, ANN202
        return h.any((m(h, "age", period) >= 6) & ~m(h, "has_health_insurance", period))

    def adult_education(h, period, parameters):  # noqa: ANN001, ANN202
        age, q = m(h, "age", period), m(h, "qualification", period)
        lacks = ((age < 18) & (q <= 1)) | ((age >= 18) & (q <= 2))
        return h.any((age >= 16) & (age <= 30) & ~m(h, "in_education", period) & lacks)

    def child_schooling(h, period, parameters):  # noqa: ANN001, ANN202
        age = m(h, "age", period)
        ok = m(h, "in_education", period) & m(h, "attending_right_level", period)
        return h.any((age >= 3) & (age < 16) & ~ok)

    def housing_quality(h, period, parameters):  # noqa: ANN001, ANN202
        bad = [~h(x, period) for x in ("wall_durable", "frame_durable", "roof_durable")]
        return bad[0].astype(int) + bad[1] + bad[2] >= 2

    def housing_area(h, period, parameters):  # noqa: ANN001, ANN202
        return h("floor_area", period) < 8 * h.nb_persons()

    def negated(field: str):  # noqa: ANN202
        return lambda h, period, parameters: ~h(field, period)

    rules = {
        "employment": employment,
        "dependency": dependency,
        "nutrition": nutrition,
        "health_insurance": health_insurance,
        "adult_education": adult_education,
        "child_schooling": child_schooling,
        "housing_quality": housing_quality,
        "housing_area": housing_area,
        "water": negated("safe_water"),
        "sanitation": negated("hygienic_latrine"),
        "telecom": negated("internet_use"),
        "information_assets": negated("has_info_device"),
    }
    for name, formula in rules.items():
        var(f"deprived_{name}", household, bool, formula)

    def deprivation_count(h, period, parameters):  # noqa: ANN001, ANN202
        return sum(h(f"deprived_{name}", period).astype(int) for name in rules)

    var("deprivation_count", household, int, deprivation_count)

    def status(h, period, parameters):  # noqa: ANN001, ANN202 - 0 poor, 1 near_poor, 2 average, 3 not_poor
        inc, urban, d = h("income_per_capita", period), h("urban", period), h("deprivation_count", period)
        line = np.where(urban, 2_000_000, 1_500_000)
        top = np.where(urban, 3_000_000, 2_250_000)
        return np.select([(inc <= line) & (d >= 3), inc <= line, inc <= top], [0, 1, 2], 3)

    var("status", household, int, status)
    return tbs


def openfisca_inputs(households: pd.DataFrame, members: pd.DataFrame) -> dict[str, np.ndarray]:
    """Numeric arrays for OpenFisca (parsing is not part of its timing)."""
    from poverty_rules.engine.members import member_ages

    age, _ = member_ages(members["birth_date"], None, REVIEW)
    emp = members["employment"].map({"employed": 0, "unemployed": 1, "not_in_labour_force": 2}).to_numpy()
    quals = ["none", "primary", "lower_secondary", "upper_secondary", "vocational", "college_or_higher"]
    out: dict[str, np.ndarray] = {
        "age": age.astype(int),
        "employment": emp.astype(int),
        "qualification": members["highest_qualification"].map({q: i for i, q in enumerate(quals)}).to_numpy(int),
        "income_per_capita": households["income_per_capita"].astype(float).to_numpy(),
        "floor_area": households["floor_area"].astype(float).to_numpy(),
        "urban": (households["area"] == "urban").to_numpy(),
    }
    for name in (
        "working_age", "wage_without_contract", "labour_capacity", "disabled", "has_health_insurance",
        "stunted", "underweight", "in_education", "attending_right_level",
    ):  # fmt: skip
        out[name] = (members[name] == "1").to_numpy()
    for name in (
        "wall_durable", "frame_durable", "roof_durable", "safe_water", "hygienic_latrine", "internet_use",
        "has_info_device",
    ):  # fmt: skip
        out[name] = (households[name] == "1").to_numpy()
    return out


def run_openfisca(households: pd.DataFrame, members: pd.DataFrame) -> tuple[np.ndarray, dict[str, float]]:
    from openfisca_core.simulations import SimulationBuilder

    tbs = _openfisca_system()
    t_parse = time.perf_counter()
    inputs = openfisca_inputs(households, members)
    parse = time.perf_counter() - t_parse
    period = str(REVIEW.year)
    t0, c0 = time.perf_counter(), time.process_time()
    sb = SimulationBuilder()
    sb.create_entities(tbs)
    sb.declare_person_entity("person", np.arange(len(members)))
    instance = sb.declare_entity("household", households["household_id"].to_numpy())
    sb.join_with_persons(instance, members["household_id"].to_numpy(), ["member"] * len(members))
    sim = sb.build(tbs)
    for name, values in inputs.items():
        sim.set_input(name, period, values)
    t1 = time.perf_counter()
    codes = sim.calculate("status", period)
    t2, cpu = time.perf_counter(), time.process_time() - c0
    names = np.array(["poor", "near_poor", "average", "not_poor"], dtype=object)
    return names[codes], {"total": t2 - t0, "build": t1 - t0, "calculate": t2 - t1, "parse": parse, "cpu": cpu}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mib(field: str) -> float | None:
    """``VmRSS`` / ``VmHWM`` (peak) of this process from /proc (Linux), in MiB; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset this process's peak RSS (Linux ≥ 4.0: ``5`` into /proc/self/clear_refs), so the peak
    measured after is the run's, not the data loading's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _one(side: str, n: int, data_dir: Path | None) -> int:
    """One run of one side in this process (``--base`` mode): its figures as one JSON line.

    Peak RSS: the process's peak during the run (reset after loading the data, where Linux allows),
    data included; ``rss_data`` is the resident size before the run."""
    households, members = load_data(n, data_dir)
    gc.collect()
    rss_data = _status_mib("VmRSS") or _rss_mib()
    reset = _reset_peak()
    if side == "ours":
        status, figures = run_ours(households, members, breakdown=False)
    else:
        status, figures = run_openfisca(households, members)
    figures["rss"] = (_status_mib("VmHWM") if reset else None) or _rss_mib()
    figures["rss_data"] = rss_data
    figures["counts"] = {str(k): int(v) for k, v in pd.Series(status).value_counts().items()}
    figures["statuses"] = hashlib.sha256(np.asarray(status, dtype="U").tobytes()).hexdigest()
    print(json.dumps(figures))
    return 0


def _compare(args: argparse.Namespace) -> int:
    """Base, this checkout and OpenFisca, each run in its own process, alternating; medians."""
    data_dir = args.data_dir or ROOT / "benchmarks" / "data" / "memb"
    households, members = load_data(args.households, data_dir)  # made once, before any timing
    print(f"data: {len(households):,} households, {len(members):,} members")
    del households, members
    sides = {"base": ("ours", args.base.resolve()), "this": ("ours", ROOT), "openfisca": ("openfisca", ROOT)}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
    for i in range(args.repeat):
        for name, (side, code) in sides.items():
            env = {**os.environ, "PYTHONPATH": str(code)}
            command = [sys.executable, __file__, "--one", side, "--households", str(args.households)]
            command += ["--data-dir", str(data_dir)]
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if done.returncode:
                print(done.stdout, done.stderr)
                return 1
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            runs[name].append(figures)
            print(
                f"run {i + 1} {name}: total {figures['total']:.2f} s, CPU {figures['cpu']:.2f} s, "
                f"peak RSS {figures['rss']:.0f} MiB (before the run, data loaded: {figures['rss_data']:.0f})"
                + (f", parsing {figures['parse']:.2f} s" if "parse" in figures else "")
            )
    med = {name: float(np.median([r["total"] for r in rs])) for name, rs in runs.items()}
    cpu = {name: float(np.median([r["cpu"] for r in rs])) for name, rs in runs.items()}
    of_parse = float(np.median([r["total"] + r["parse"] for r in runs["openfisca"]]))
    print("| side | wall runs (s) | median | / OpenFisca | CPU median | / OpenFisca | peak RSS − RSS before (MiB) |")
    print("|---|---|---|---|---|---|---|")
    for name, rs in runs.items():
        walls = ", ".join(f"{r['total']:.2f}" for r in rs)
        grow = float(np.median([r["rss"] - r["rss_data"] for r in rs]))
        print(
            f"| {name} | {walls} | {med[name]:.2f} | {med[name] / med['openfisca']:.2f} | {cpu[name]:.2f} "
            f"| {cpu[name] / cpu['openfisca']:.2f} | {grow:.0f} |"
        )
    print(f"with OpenFisca's parsing: base {med['base'] / of_parse:.2f}, this {med['this'] / of_parse:.2f}")
    print(f"statuses: {runs['this'][-1]['counts']}")
    same = len({r["statuses"] for rs in runs.values() for r in rs}) == 1
    print("every run gives every household the same status" if same else "STATUSES DIFFER")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the generated tables here (Parquet)")
    parser.add_argument("--base", type=Path, default=None, help="another copy of the package to time alongside")
    parser.add_argument("--one", choices=("ours", "openfisca"), default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return _one(args.one, args.households, args.data_dir)
    if args.base is not None:
        return _compare(args)
    t = time.perf_counter()
    households, members = load_data(args.households, args.data_dir)
    print(
        f"data: {len(households):,} households, {len(members):,} members "
        f"({len(members) / len(households):.2f} per household), made in {time.perf_counter() - t:.1f} s"
    )
    print(f"machine: {platform.processor() or platform.machine()}, Python {sys.version.split()[0]}, nproc "
          f"{__import__('os').cpu_count()}")  # fmt: skip
    ours_runs, of_runs = [], []
    ours_status = of_status = None
    try:
        import openfisca_core  # noqa: F401

        have_openfisca = True
    except ImportError as exc:
        have_openfisca = False
        print(f"OpenFisca not available: {exc}")
    for i in range(args.repeat):
        gc.collect()
        ours_status, ours = run_ours(households, members)
        ours_runs.append(ours)
        print(
            f"run {i + 1}: poverty-rules total {ours['total']:.2f} s, CPU {ours['cpu']:.2f} s "
            f"(derivation alone {ours['derive']:.2f} s)"
        )
        if have_openfisca:
            gc.collect()
            of_status, of = run_openfisca(households, members)
            of_runs.append(of)
            print(
                f"run {i + 1}: OpenFisca total {of['total']:.2f} s, CPU {of['cpu']:.2f} s "
                f"(build+inputs {of['build']:.2f} s, calculate {of['calculate']:.2f} s; "
                f"parsing the strings, not in the total, {of['parse']:.2f} s)"
            )
    med = float(np.median([r["total"] for r in ours_runs]))
    print(f"poverty-rules median {med:.2f} s; peak RSS of this process {_rss_mib():.0f} MiB")
    if have_openfisca and of_status is not None and ours_status is not None:
        of_med = float(np.median([r["total"] for r in of_runs]))
        of_parse_med = float(np.median([r["total"] + r["parse"] for r in of_runs]))
        agree = ours_status == of_status
        print(f"OpenFisca median {of_med:.2f} s; ratio ours/OpenFisca {med / of_med:.2f} (target <= 0.5)")
        print(
            f"OpenFisca with its parsing of the same strings, median {of_parse_med:.2f} s; "
            f"ratio ours/OpenFisca {med / of_parse_med:.2f} (same input on both sides)"
        )
        cpu, of_cpu = (float(np.median([r["cpu"] for r in runs])) for runs in (ours_runs, of_runs))
        print(f"CPU time (all threads) medians: ours {cpu:.2f} s, OpenFisca {of_cpu:.2f} s, ratio {cpu / of_cpu:.2f}")
        print(f"statuses agree on {int(agree.sum()):,} of {len(agree):,} households")
        counts = pd.Series(ours_status).value_counts().to_dict()
        print(f"statuses: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
