"""Time ``poverty-rules classify`` against the floor (read + write the same CSV) in one run.

Usage: ``python benchmarks/run_classify_bench.py [-n 1000000] [--repeat 3] [--no-record]``

1. Makes ``benchmarks/data/households_<n>.csv`` with make_flat.py if it is missing.
2. Checks that the classify command exists: the ``poverty-rules`` console script if it is on
   PATH, else ``python -m poverty_rules`` run from the repository root; exits 2 with a clear
   message otherwise.
3. After one unrecorded warm-up of each, runs the floor and ``classify FILE -o OUT``
   alternately, ``--repeat`` times each, every run in its own subprocess. Peak RSS is read
   from ``/usr/bin/time -v`` when it exists, else from ``os.wait4`` on the child (the
   child's own ``ru_maxrss``; a ``getrusage(RUSAGE_CHILDREN)`` delta cannot be used because
   that value is a running maximum over all children, not a sum).
4. Prints a markdown table (median wall time, peak RSS, ratio classify/floor) and appends it,
   with the date, the machine and the exact commands, to ``benchmarks/RESULTS.md``.
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


def data_path(rows: int) -> Path:
    """Input file for ``rows`` households (households_1m.csv for a million)."""
    label = f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else str(rows)
    return BENCH / "data" / f"households_{label}.csv"


def classify_command() -> list[str]:
    """The classify program: ``python -m poverty_rules`` run from the repository root, so the code
    measured is this checkout's (a console script may belong to another installed copy)."""
    return ["python", "-m", "poverty_rules"]


def rel(path: Path) -> str:
    """A path relative to the repository root (commands run from there; RESULTS.md names no absolute path)."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
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
    """Installed version of ``module`` or "not installed"."""
    try:
        return __import__(module).__version__
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

    data = data_path(args.rows)
    if not data.exists():
        print(f"making {data} ...", file=sys.stderr)
        made = subprocess.run(
            [
                sys.executable,
                str(BENCH / "make_flat.py"),
                "-n",
                str(args.rows),
                "-o",
                str(data),
            ],
            check=False,
            cwd=ROOT,
        )
        if made.returncode != 0:
            print("error: make_flat.py failed", file=sys.stderr)
            return 2

    floor_out = data.with_suffix(".floor.csv")
    classify_out = data.with_suffix(".classified.csv")
    peer_out = data.with_suffix(".openfisca.csv")
    floor_cmd = ["python", rel(BENCH / "floor.py"), "--once", rel(data), rel(floor_out)]
    classify_cmd = [*classify, "classify", rel(data), "-o", rel(classify_out), "-q", "--as-of", "2025-12-01"]
    peer_cmd = ["python", rel(BENCH / "openfisca_flat.py"), rel(data), rel(peer_out)]
    use_time = Path(TIME_BIN).exists()

    results: dict[str, list[Measurement]] = {"floor": [], "classify": []}
    plan = [("floor", floor_cmd), ("classify", classify_cmd)]
    if have_openfisca():
        results["openfisca"] = []
        plan.append(("openfisca", peer_cmd))
    for i in range(args.repeat + 1):  # round 0 is the warm-up and is not recorded
        for name, cmd in plan:
            if name == "classify":
                classify_out.unlink(missing_ok=True)
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

    expected = count_lines(data)
    got = count_lines(classify_out) if classify_out.exists() else 0
    note = "" if got == expected else f" (WARNING: output has {got} lines, input {expected})"

    med = {k: statistics.median(m.wall_s for m in v) for k, v in results.items()}
    peak = {k: max(m.max_rss_mb for m in v) for k, v in results.items()}
    ratio = med["classify"] / med["floor"]
    verdict = (
        f"time {'meets' if ratio <= RATIO_TARGET else 'MISSES'} the {RATIO_TARGET}x target; "
        f"memory {'meets' if peak['classify'] < MEMORY_TARGET_MIB else 'MISSES'} the "
        f"< {MEMORY_TARGET_MIB} MiB target{note}"
    )
    table = [
        "| step | runs (s) | median wall (s) | peak RSS (MiB) |",
        "|---|---|---|---|",
    ]
    for name in results:
        walls = ", ".join(f"{m.wall_s:.2f}" for m in results[name])
        table.append(f"| {name} | {walls} | {med[name]:.2f} | {peak[name]:.0f} |")
    table.append(f"| **classify / floor** | | **{ratio:.2f}x** | |")
    agreement = ""
    if "openfisca" in med:
        table.append(f"| **classify / OpenFisca** | | **{med['classify'] / med['openfisca']:.2f}x** | |")
        agreement = status_agreement(classify_out, peer_out)
        verdict += f"; classify is {'faster' if med['classify'] < med['openfisca'] else 'SLOWER'} than OpenFisca"
        verdict += f" ({agreement})"
    print("\n".join(table))
    print(verdict)

    if not args.no_record:
        now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
        bench_cmd = shlex.join(["python", rel(Path(sys.argv[0])), *sys.argv[1:]])
        entry = [
            f"## {now} — {args.rows:,} households, commit {git_revision()}",
            "",
            f"- machine: {machine_line()}",
            f"- command: `{bench_cmd}` (every step run from the repository root)",
            f"- classify: `{shlex.join(classify_cmd)}`",
            f"- floor: `{shlex.join(floor_cmd)}`",
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
        with open(args.results, "a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(entry))
        print(f"appended to {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"(bench took {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    raise SystemExit(code)
