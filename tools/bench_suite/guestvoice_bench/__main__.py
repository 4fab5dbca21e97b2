"""tools/bench: guestvoice against real peers (issue 10). See ../README.md."""

from __future__ import annotations

import argparse
import datetime as dt
import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from guestvoice_bench import cluster, growth, recovery, report
from guestvoice_bench.comparison import Comparison, ingest_requests
from guestvoice_bench.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser(prog="tools/bench", description=__doc__)
    parser.add_argument("--root", type=Path, required=True, help="the repository")
    parser.add_argument("--build_dir", type=Path, required=True, help="the release build")
    parser.add_argument("--ghz", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes and one round: checks that every row still runs")
    parser.add_argument("--growth", action="store_true",
                        help="the growth run instead of the side-by-side comparison")
    parser.add_argument("--cluster", action="store_true",
                        help="the cluster mode: ingest items/s and write/read p50/p99 for 1 and "
                        "3 nodes on local Kafka brokers, the embedded store as reference")
    parser.add_argument("--recovery", action="store_true",
                        help="only load the store (no peers) and measure its footprint and "
                        "its start after kill -9; prints the figures")
    parser.add_argument("--items", type=int, help="items loaded for the comparison")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--trial_seconds", type=float)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--growth_items", type=int)
    parser.add_argument("--growth_checkpoints", type=lambda text: tuple(
        int(size) for size in text.split(",")), help="comma-separated item counts")
    parser.add_argument("--output", type=Path, help="the markdown report to write")
    parser.add_argument("--command", default="tools/bench", help="the command, for the report")
    args = parser.parse_args()

    build = args.build_dir
    settings = Settings(
        guestvoiced=build / "service" / "guestvoiced",
        analyze=build / "tools" / "analyze" / "guestvoice-analyze",
        analysis_benchmark=build / "tests" / "analysis" / "guestvoice_analysis_benchmark",
        ghz=args.ghz)
    if args.smoke:
        settings = settings.smoke()
    overrides = {name: getattr(args, name) for name in (
        "items", "rounds", "trial_seconds", "seed", "growth_items", "growth_checkpoints")
        if getattr(args, name) is not None}
    settings = dataclasses.replace(settings, **overrides)
    if args.growth:
        # The checkpoints end with the whole load.
        checkpoints = tuple(c for c in settings.growth_checkpoints if c < settings.growth_items)
        settings = dataclasses.replace(
            settings, growth_checkpoints=checkpoints + (settings.growth_items,))

    started = time.monotonic()

    def log(line: str) -> None:
        print(f"[{time.monotonic() - started:7.1f}s] {line}", flush=True)

    if args.recovery:
        print("\n".join(recovery.run(settings, ingest_requests, log)))
        return 0
    if args.cluster:
        return _cluster(args, settings, log)
    if args.growth:
        lines = growth.run(settings, log)
        output = args.output or args.root / "docs" / "benchmarks-growth.md"
        header = ["# guestvoice growth benchmark", "",
                  f"Written by `{args.command}` (tools/bench_suite/README.md).", "",
                  f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; guestvoice "
                  f"{report.git_commit(args.root)} (release build)",
                  f"- Machine: {report.machine()}", ""]
        output.write_text("\n".join(header + lines))
        print("\n".join(lines))
    else:
        outcome = Comparison(settings, log).run()
        output = args.output or args.root / "docs" / "benchmarks.md"
        report.write(output, args.root, settings, outcome, args.command)
        print("\n".join(report.table(outcome)))
        print("\n".join(report.correctness(outcome)))
        if outcome.figure_mismatch_count or outcome.load.mismatch_count:
            log(f"figures differ from PostgreSQL; see {output}")
            return 1
    log(f"wrote {output}")
    return 0


def _cluster(args: argparse.Namespace, settings: Settings, log: Callable[[str], None]) -> int:
    try:
        outcome = cluster.run(settings, args.root / "tools" / "cluster", log)
    except cluster.MissingRuntime as missing:
        print(f"tools/bench --cluster: {missing}", file=sys.stderr)
        return cluster.MISSING_RUNTIME
    lines = cluster.lines(outcome, settings)
    loads = outcome.load_averages
    output = args.output or args.root / "docs" / "benchmarks-cluster.md"
    header = [
        "# guestvoice cluster benchmark", "",
        f"Written by `{args.command}` (tools/bench_suite/README.md): issue 15's ingest "
        "items/s and the p50/p99 of a write (IngestFeedback) and of a read (LookupGuest), "
        "for one and three guestvoiced cluster nodes, each cluster on three local Kafka "
        "brokers of its own, with the embedded store as the reference row. All three "
        "deployments run at once (idle while another is measured) and the trials "
        "interleave, the order flipping every round.", "",
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; guestvoice "
        f"{report.git_commit(args.root)} (release build)",
        f"- Machine: {report.machine()}; brokers, nodes and load tool share it",
        f"- Load average (1 min) at the trials: median {statistics.median(loads):.2f}, "
        f"{min(loads):.2f} - {max(loads):.2f}"
        + (" (above the core count: other work shared the machine, so single trials "
           "scatter more than usual)" if statistics.median(loads) > (os.cpu_count() or 1)
           else ""),
        f"- Command: `{args.command}`",
        f"- Rounds: {settings.rounds}, {settings.trial_seconds:g} s per trial; before them, "
        f"each deployment gets the data set's 200 hotels and the {cluster.GHZ_REQUESTS} "
        f"guests the lookups ask for (seed {settings.seed}) through its first node",
        "- Brokers: `tools/cluster up --brokers 3` (Kafka 4, KRaft, 256 MiB heap each; "
        "12 command partitions, replication 3, min.insync.replicas 2, acks=all); nodes: "
        "guestvoiced's defaults plus the cluster flags (the embedded store syncs its WAL, "
        "a cluster node's state does not: the command log is its durability); every node "
        "applies every command", "",
    ]
    output.write_text("\n".join(header + lines + [""]))
    print("\n".join(lines))
    log(f"wrote {output}")
    if outcome.failed:
        log("calls failed; see the report")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
