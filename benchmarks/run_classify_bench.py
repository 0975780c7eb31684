"""Time ``poverty-rules classify`` against its floors and its OpenFisca peer, in one run, alternating.

Usage: ``python benchmarks/run_classify_bench.py [-n 1000000] [--repeat 3] [--no-record]
[--data-dir benchmarks/data] [--parquet]``

1. Makes ``<data-dir>/households_<n>.csv`` with make_flat.py if it is missing (and, with
   ``--parquet``, ``households_<n>.parquet`` from it: pyarrow's typed columns, as an analyst's file).
2. Compiles the package's modules (``python -m compileall``, what ``pip install`` does), so no run
   pays for compiling them (this machine sets PYTHONDONTWRITEBYTECODE).
3. Checks that the classify command exists: ``python -m poverty_rules`` run from the repository
   root; exits 2 with a clear message otherwise.
4. Runs classify once, unrecorded, and saves its result columns for the output floor
   (``floor.py --prepare``).
5. After one unrecorded warm-up of each, runs every step alternately, ``--repeat`` times each, every
   run in its own subprocess: the input-columns floor, the output-columns floor (benchmarks/floor.py),
   ``classify FILE -o OUT`` and, for CSV with OpenFisca installed, the OpenFisca script. Peak RSS is
   read from ``/usr/bin/time -v`` when it exists, else from ``os.wait4`` on the child.
6. Prints a markdown table (median wall time, peak RSS, classify's ratio to each floor and to
   OpenFisca, how many statuses agree, and classify's ratio to the output-columns floor of the same
   round, round by round: a steadier figure on a shared machine, whose load drifts between rounds)
   and appends it, with the date, the machine, the commit and the exact commands, to
   ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from floor import Measurement, measure

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "RESULTS.md"
TIME_BIN = "/usr/bin/time"
RATIO_TARGET = 1.2
MEMORY_TARGET_MIB = 2048


def data_path(rows: int, folder: Path = BENCH / "data") -> Path:
    """Input file for ``rows`` households (households_1m.csv for a million)."""
    label = f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else str(rows)
    return folder / f"households_{label}.csv"


def make_parquet(csv_path: Path, parquet_path: Path) -> None:
    """The CSV as an analyst's Parquet file: pyarrow's typed columns (numbers as numbers, empty = null)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    tmp = parquet_path.with_name(f".{parquet_path.name}.tmp")
    pq.write_table(pacsv.read_csv(csv_path), tmp)
    os.replace(tmp, parquet_path)


def classify_command() -> list[str]:
    """The classify program: ``python -m poverty_rules`` run from the repository root, so the code
    measured is this checkout's (a console script may belong to another installed copy)."""
    return ["python", "-m", "poverty_rules"]


def append_entry(results: Path, entry: list[str]) -> None:
    """Append one dated entry (its lines) to ``results`` (benchmarks/RESULTS.md) and say so."""
    with open(results, "a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(entry))
    print(f"appended to {rel(results)}", file=sys.stderr)


def rel(path: Path) -> str:
    """A path relative to the repository root (commands run from there; RESULTS.md names no absolute path)."""
    for candidate in (Path(os.path.abspath(path)), path.resolve()):  # a symlinked data file: its own path
        try:
            return str(candidate.relative_to(ROOT))
        except ValueError:
            continue
    return str(path)


def have_openfisca() -> bool:
    try:
        import openfisca_core  # noqa: F401
    except ImportError:
        return False
    return True


def status_agreement(classified: Path, peer: Path) -> str:
    """How many statuses the classify output and the OpenFisca script's output share."""
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    def status(path: Path):  # noqa: ANN202
        opts = pacsv.ConvertOptions(include_columns=["status"])
        return pacsv.read_csv(path, convert_options=opts).column("status")

    ours, theirs = status(classified), status(peer)
    if len(ours) != len(theirs):
        return f"row counts differ ({len(ours):,} vs {len(theirs):,})"
    same = pc.sum(pc.equal(ours, theirs)).as_py()
    return f"{same:,} of {len(ours):,} statuses agree"


def check_classify(cmd: list[str]) -> str | None:
    """Return None if ``cmd classify --help`` works, else an explanation of what is missing."""
    try:
        probe = subprocess.run(
            [*cmd, "classify", "--help"],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`{shlex.join([*cmd, 'classify', '--help'])}` could not run: {exc}"
    if probe.returncode == 0:
        return None
    last = (probe.stderr.strip().splitlines() or ["(no output)"])[-1]
    return f"`{shlex.join([*cmd, 'classify', '--help'])}` exited with {probe.returncode}: {last}"


def measure_with_time(cmd: list[str]) -> Measurement:
    """Measure ``cmd`` under ``/usr/bin/time -v`` (peak RSS) and perf_counter (wall time)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        m = measure([TIME_BIN, "-v", "-o", report.name, *cmd], cwd=ROOT)
        text = Path(report.name).read_text()
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if found:
        m.max_rss_kb = int(found.group(1))
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if user and system:
        m.cpu_s = float(user.group(1)) + float(system.group(1))
    return m


def run(cmd: list[str], use_time: bool) -> Measurement:
    """Measure one run of ``cmd`` from the repository root."""
    cmd = [sys.executable if cmd[0] == "python" else cmd[0], *cmd[1:]]
    return measure_with_time(cmd) if use_time else measure(cmd, cwd=ROOT)


def count_lines(path: Path) -> int:
    """Number of newline characters in ``path``."""
    n = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            n += chunk.count(b"\n")
    return n


def version_of(module: str) -> str:
    """Installed version of ``module`` (its distribution's, e.g. OpenFisca-Core) or "not installed"."""
    from importlib import metadata

    try:
        return __import__(module).__version__
    except AttributeError:
        dist = {"openfisca_core": "OpenFisca-Core"}.get(module, module)
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "unknown"
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return "not installed"


def machine_line() -> str:
    """nproc, CPU, memory, OS and library versions of this machine."""
    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo)
        cpu = found.group(1).strip() if found else cpu
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        mem = f", {kb / 1024**2:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}{mem}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, pandas {version_of('pandas')}, "
        f"pyarrow {version_of('pyarrow')}, numpy {version_of('numpy')}"
    )


def entry_head(title: str) -> list[str]:
    """The first lines of a RESULTS.md entry: the date, ``title``, the commit, the machine and the
    command that made it (this script with its arguments, relative to the repository)."""
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    return [
        f"## {now} — {title}, commit {git_revision()}",
        "",
        f"- machine: {machine_line()}",
        f"- command: `{shlex.join(['python', rel(Path(sys.argv[0])), *sys.argv[1:]])}`",
    ]


def git_revision() -> str:
    """Short commit of the working tree, with "+dirty" when it has uncommitted changes."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{rev}{'+dirty' if dirty else ''}" if rev else "unknown"


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=1_000_000, help="households (1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each step (3)")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument("--results", type=Path, default=RESULTS, help="file to append to")
    parser.add_argument("--data-dir", type=Path, default=BENCH / "data", help="where the data files go")
    parser.add_argument("--parquet", action="store_true", help="Parquet in, Parquet out (and Parquet floors)")
    args = parser.parse_args(argv)

    classify = classify_command()
    problem = check_classify(classify)
    if problem:
        print(
            "error: the classify command is not available, so there is nothing to benchmark.\n"
            f"  tried: {problem}\n"
            "  `poverty-rules` is not on PATH and `python -m poverty_rules` does not work from the\n"
            "  repository root. Install the package (pip install -e .) or add\n"
            "  poverty_rules/__main__.py, then run this script again.",
            file=sys.stderr,
        )
        return 2
    subprocess.run([sys.executable, "-m", "compileall", "-q", "poverty_rules"], check=False, cwd=ROOT)

    data = data_path(args.rows, args.data_dir)
    if not data.exists():
        print(f"making {data} ...", file=sys.stderr)
        made = subprocess.run(
            [sys.executable, str(BENCH / "make_flat.py"), "-n", str(args.rows), "-o", str(data)],
            check=False,
            cwd=ROOT,
        )
        if made.returncode != 0:
            print("error: make_flat.py failed", file=sys.stderr)
            return 2
    ext = ".parquet" if args.parquet else ".csv"
    if args.parquet:
        csv_data, data = data, data.with_suffix(".parquet")
        if not data.exists():
            make_parquet(csv_data, data)

    floor_out = data.with_suffix(f".floor{ext}")
    floor_full_out = data.with_suffix(f".floor-output{ext}")
    results_arrow = data.with_suffix(f".results{ext}.arrow")
    classify_out = data.with_suffix(f".classified{ext}")
    peer_out = data.with_suffix(".openfisca.csv")
    floor_cmd = ["python", rel(BENCH / "floor.py"), "--once", rel(data), rel(floor_out)]
    floor_full_cmd = [
        "python", rel(BENCH / "floor.py"), "--once-output", rel(data), rel(results_arrow), rel(floor_full_out),
    ]  # fmt: skip
    floor_je_cmd = [*floor_full_cmd, "--jemalloc"]
    classify_cmd = [
        *classify, "classify", rel(data), "-o", rel(classify_out), "-q", "--as-of", "2025-12-01",
    ]  # fmt: skip
    peer_cmd = ["python", rel(BENCH / "openfisca_flat.py"), rel(data), rel(peer_out)]
    use_time = Path(TIME_BIN).exists()

    first = run(classify_cmd, use_time)  # unrecorded: its result columns feed the output floor
    if first.returncode not in (0, 1):
        print(f"error: classify exited with {first.returncode}:\n{first.stderr}", file=sys.stderr)
        return 2
    prepare = ["python", rel(BENCH / "floor.py"), "--prepare", rel(classify_out), rel(data), rel(results_arrow)]
    if run(prepare, False).returncode != 0:
        print("error: floor.py --prepare failed", file=sys.stderr)
        return 2

    names = {
        "floor": "floor (input columns)",
        "floor_output": "floor (output columns)",
        "floor_output_je": "floor (output columns, jemalloc)",
    }
    plan = [
        ("floor", floor_cmd),
        ("floor_output", floor_full_cmd),
        ("floor_output_je", floor_je_cmd),
        ("classify", classify_cmd),
    ]
    if have_openfisca() and not args.parquet:
        plan.append(("openfisca", peer_cmd))
    results: dict[str, list[Measurement]] = {name: [] for name, _ in plan}
    for i in range(args.repeat + 1):  # round 0 is the warm-up and is not recorded
        for name, cmd in plan:
            m = run(cmd, use_time)
            if m.returncode not in (0, 1) or (m.returncode == 1 and name != "classify"):
                tail = "\n".join(m.stderr.strip().splitlines()[-15:])
                print(
                    f"error: {name} exited with {m.returncode}: {shlex.join(cmd)}\n{tail}",
                    file=sys.stderr,
                )
                return 2
            label = "warm-up" if i == 0 else f"run {i}"
            print(
                f"{name} {label}: {m.wall_s:.2f} s, peak RSS {m.max_rss_mb:.0f} MiB",
                file=sys.stderr,
            )
            if i > 0:
                results[name].append(m)

    note = ""
    if not args.parquet:
        expected = count_lines(data)
        got = count_lines(classify_out) if classify_out.exists() else 0
        note = "" if got == expected else f" (WARNING: output has {got} lines, input {expected})"

    med = {k: statistics.median(m.wall_s for m in v) for k, v in results.items()}
    cpu = {k: statistics.median(m.cpu_s for m in v) for k, v in results.items()}
    peak = {k: max(m.max_rss_mb for m in v) for k, v in results.items()}
    ratio = med["classify"] / med["floor_output"]
    # each round's classify over the same round's floor: the machine's drift between rounds cancels out
    paired = [c.wall_s / f.wall_s for c, f in zip(results["classify"], results["floor_output"], strict=True)]
    within = sum(r <= RATIO_TARGET for r in paired)
    verdict = (
        f"{'Parquet' if args.parquet else 'CSV'}: classify = {ratio:.2f}x the output-columns floor "
        f"({'meets' if ratio <= RATIO_TARGET else 'MISSES'} the {RATIO_TARGET}x target; round by round "
        f"{statistics.median(paired):.2f}x, {within} of {len(paired)} rounds within it), "
        f"{med['classify'] / med['floor']:.2f}x the input-columns floor; memory "
        f"{'meets' if peak['classify'] < MEMORY_TARGET_MIB else 'MISSES'} the < {MEMORY_TARGET_MIB} MiB "
        f"target{note}"
    )
    table = [
        "| step | runs (s) | median wall (s) | median CPU, user + sys (s) | peak RSS (MiB) |",
        "|---|---|---|---|---|",
    ]
    for name in results:
        walls = ", ".join(f"{m.wall_s:.2f}" for m in results[name])
        table.append(f"| {names.get(name, name)} | {walls} | {med[name]:.2f} | {cpu[name]:.2f} | {peak[name]:.0f} |")

    def ratios(label: str, other: str) -> str:
        wall, used = med["classify"] / med[other], cpu["classify"] / cpu[other]
        return f"| **classify / {label}** | | **{wall:.2f}x** | {used:.2f}x | |"

    table.append(ratios("floor (output columns)", "floor_output"))
    rounds = ", ".join(f"{r:.2f}" for r in paired)
    table.append(f"| classify / floor (output columns), each round | {rounds} | {statistics.median(paired):.2f}x | | |")
    table.append(ratios("floor (output columns, jemalloc)", "floor_output_je"))
    paired_je = [c.wall_s / f.wall_s for c, f in zip(results["classify"], results["floor_output_je"], strict=True)]
    rounds_je = ", ".join(f"{r:.2f}" for r in paired_je)
    each_je = f"{statistics.median(paired_je):.2f}x"
    table.append(f"| classify / floor (output columns, jemalloc), each round | {rounds_je} | {each_je} | | |")
    table.append(ratios("floor (input columns)", "floor"))
    ratio_je = med["classify"] / med["floor_output_je"]
    verdict += (
        f"; against the output-columns floor with jemalloc, classify's allocator, {ratio_je:.2f}x"
        f" (round by round {each_je}, {sum(r <= RATIO_TARGET for r in paired_je)} of"
        f" {len(paired_je)} within {RATIO_TARGET}x)"
    )
    agreement = ""
    if "openfisca" in med:
        table.append(ratios("OpenFisca", "openfisca"))
        agreement = status_agreement(classify_out, peer_out)
        verdict += f"; classify is {'faster' if med['classify'] < med['openfisca'] else 'SLOWER'} than OpenFisca"
        verdict += f" ({agreement})"
    print("\n".join(table))
    print(verdict)

    if not args.no_record:
        now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
        bench_cmd = shlex.join(["python", rel(Path(sys.argv[0])), *sys.argv[1:]])
        entry = [
            f"## {now} — {args.rows:,} households, {'Parquet' if args.parquet else 'CSV'}, commit {git_revision()}",
            "",
            f"- machine: {machine_line()}",
            f"- command: `{bench_cmd}` (every step run from the repository root)",
            f"- classify: `{shlex.join(classify_cmd)}`",
            f"- floor (input columns): `{shlex.join(floor_cmd)}`",
            f"- floor (output columns): `{shlex.join(floor_full_cmd)}` (result columns from `{shlex.join(prepare)}`)",
            f"- floor (output columns, jemalloc): `{shlex.join(floor_je_cmd)}`",
            *(
                [f"- OpenFisca: `{shlex.join(peer_cmd)}` (OpenFisca-Core {version_of('openfisca_core')})"]
                if agreement
                else []
            ),
            (
                f"- peak RSS from: {'/usr/bin/time -v' if use_time else 'os.wait4 ru_maxrss'}; "
                f"{args.repeat} runs each after one warm-up, alternating"
            ),
            f"- verdict: {verdict}",
            "",
            *table,
            "",
        ]
        if not args.results.exists():
            args.results.write_text("# Benchmark results\n", encoding="utf-8")
        append_entry(args.results, entry)
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"(bench took {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    raise SystemExit(code)
