"""Households per second through the durable engine, next to durable-rules' raw post rate.

    python benchmarks/durable_bench.py [--n 100000] [--seed 2026] [--ruleset vn-2022-2026] [--chain-n 500]

Measured in one process, one after the other:

* **raw**: ``post`` of one event per call to a trivial three-rule ruleset (each event fires exactly
  one rule whose action does nothing), through the same kind of host the engine uses;
* **bulk**: ``decide_durable`` (what ``classify --engine durable`` runs) on ``n`` flat households
  from ``fixtures/generate.py``'s ``generate_households(n, seed)``, normalized beforehand (reading
  and checking input is not counted, as for raw);
* **chain**: the full per-household forward chain (explanations, record updates) on ``chain-n``
  of them.

Prints one Markdown block to paste into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))

from generate import generate_households  # noqa: E402

import poverty_rules as pr  # noqa: E402
from poverty_rules.data.normalize import normalize  # noqa: E402
from poverty_rules.engine import durable as de  # noqa: E402
from poverty_rules.engine.durable.host import host as durable_host  # noqa: E402


def _raw_rate(n: int) -> float:
    """Posts per second to a trivial three-rule ruleset (the yardstick)."""
    host = durable_host()
    name = f"bench_raw3_{os.getpid()}_{time.time_ns()}"

    def nothing(c: object) -> None:
        return None

    host.register_rulesets({name: {f"r{i}": {"all": [{"m": {"t": i}}], "run": nothing} for i in (1, 2, 3)}})
    host.post(name, {"sid": "0", "t": 1})  # warm-up
    start = time.perf_counter()
    for i in range(n):
        host.post(name, {"sid": "0", "t": i % 3 + 1})
    return n / (time.perf_counter() - start)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ruleset", default="vn-2022-2026")
    parser.add_argument("--chain-n", type=int, default=500)
    args = parser.parse_args()

    rs = pr.load_ruleset(args.ruleset)
    compiled = rs.compiled()
    frame = normalize(generate_households(args.n, args.seed), rs).frame
    de.decide_durable(compiled, frame.iloc[:100].reset_index(drop=True))  # build + warm the rulesets

    raw = _raw_rate(args.n)
    start = time.perf_counter()
    decisions, _ = de.decide_durable(compiled, frame)
    bulk_s = time.perf_counter() - start
    bulk = len(frame) / bulk_s
    raw_after = _raw_rate(args.n)
    sub = frame.iloc[: args.chain_n].reset_index(drop=True)
    start = time.perf_counter()
    de.decide_chain(compiled, sub)
    chain = len(sub) / (time.perf_counter() - start)
    raw_mid = (raw + raw_after) / 2
    undetermined = int((decisions.status == "undetermined").sum())
    print(f"## {date.today()} — durable engine (bulk and chain) vs raw durable-rules post\n")
    print(f"- machine: nproc {os.cpu_count()}, {_cpu()}, {platform.system()}; Python {platform.python_version()}")
    print(
        f"- command: `python benchmarks/durable_bench.py --n {args.n} --seed {args.seed} "
        f"--ruleset {args.ruleset} --chain-n {args.chain_n}`"
    )
    print(f"- raw post, trivial 3-rule ruleset: {raw:,.0f}/s before, {raw_after:,.0f}/s after (mean {raw_mid:,.0f}/s)")
    print(
        f"- bulk (`decide_durable`, {len(frame):,} households, {undetermined:,} undetermined): "
        f"{bulk:,.0f} households/s ({bulk_s:.1f} s) — ratio to raw **{bulk / raw_mid:.2f}** (target ≥ 0.5)"
    )
    print(
        f"- chain (full forward chain, {len(sub):,} households): {chain:,.0f} households/s — "
        f"ratio {chain / raw_mid:.3f}"
    )


if __name__ == "__main__":
    main()
