"""Two (or more) builds side by side on R7: vaderSentiment's CPU us per text
against each build's BM_AnalyzeReview (CPU us per ~600-byte review, in
process) and guestvoice-analyze's CPU us per text over 20,000 reviews,
start-up included (CPU time of the child rather than tools/bench's wall time:
on a machine other work shares, wall time measures the others). Interleaved
rounds, the builds' order flipping every round (../shared/design/
performance.md). The texts are tests/analysis/data/benchmark_reviews.txt,
eight ~616-byte hotel reviews, repeated.

  PYTHONPATH=tools/bench_suite build/bench-venv/bin/python \\
      -m guestvoice_bench.analysis_ab --builds=base=/tmp/base-build,new=build/release

Each build directory holds tests/analysis/guestvoice_analysis_benchmark and
tools/analyze/guestvoice-analyze. Not part of any test: the figures depend on
the machine; instruction counts come from callgrind
(tests/analysis/analysis_speed.sh)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path

from guestvoice_bench import analysis_speed

ROOT = Path(__file__).resolve().parents[3]
REVIEWS = ROOT / "tests" / "analysis" / "data" / "benchmark_reviews.txt"


def cli_cpu_us_per_text(analyze: Path, texts_file: Path, count: int) -> float:
    """guestvoice-analyze over `texts_file`: the child's user + system CPU time
    per text, start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with texts_file.open("rb") as texts:
        subprocess.run([str(analyze)], stdin=texts, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds * 1e6 / count


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} ({min(values):.2f} - {max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(prog="guestvoice_bench.analysis_ab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--builds", required=True,
                        help="NAME=BUILD_DIR,NAME=BUILD_DIR: the builds to compare")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli_texts", type=int, default=20_000)
    parser.add_argument("--benchmark_min_time", type=float, default=1.0)
    args = parser.parse_args()

    builds = {name: Path(path) for name, path in
              (build.split("=", 1) for build in args.builds.split(","))}
    reviews = [line for line in REVIEWS.read_text().splitlines() if line.strip()]
    vader_texts = [reviews[i % len(reviews)] for i in range(1000)]
    work = Path(tempfile.mkdtemp(prefix="guestvoice-analysis-ab-"))
    cli_texts = work / "texts.txt"
    cli_texts.write_text("".join(reviews[i % len(reviews)] + "\n"
                                 for i in range(args.cli_texts)))
    vader: list[float] = []
    in_process: dict[str, list[float]] = {name: [] for name in builds}
    cli: dict[str, list[float]] = {name: [] for name in builds}
    loads: list[float] = []
    order = list(builds)
    for number in range(args.rounds):
        loads.append(os.getloadavg()[0])
        vader.append(analysis_speed.vader_us_per_text(vader_texts))
        for name in order:
            build = builds[name]
            in_process[name].append(analysis_speed.in_process_us_per_text(
                build / "tests" / "analysis" / "guestvoice_analysis_benchmark",
                args.benchmark_min_time))
            cli[name].append(cli_cpu_us_per_text(
                build / "tools" / "analyze" / "guestvoice-analyze", cli_texts, args.cli_texts))
        print(f"round {number + 1}: load {loads[-1]:.1f}, vader {vader[-1]:.1f} us/text, "
              + ", ".join(f"{name} {in_process[name][-1]:.1f} in process / {cli[name][-1]:.1f} "
                          f"CLI us/text" for name in builds), flush=True)
        order.reverse()
    print(f"load average (1 min): {_spread(loads)}")
    print(f"vaderSentiment: {_spread(vader)} us/text")
    for name in builds:
        print(f"{name}: in process {_spread(in_process[name])} us/text, "
              f"CLI {_spread(cli[name])} us/text")
        print(f"  R7 in process (vader / in process): "
              f"{_spread([v / g for v, g in zip(vader, in_process[name])])}")
        print(f"  R7 CLI (vader / CLI): {_spread([v / g for v, g in zip(vader, cli[name])])}")
        print(f"  CLI / in process: "
              f"{_spread([c / g for c, g in zip(cli[name], in_process[name])])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
