"""Two guestvoiced builds side by side on what an IngestFeedback costs: R2's
server CPU per call (utime + stime over the run / completed calls) and
calls/s at 16 ghz callers (--callers), with the keys and batch bytes the store wrote per
item (guestvoice_rocksdb_* metrics over the same run). Interleaved trials,
the order flipping every round (../shared/design/performance.md); each
server on a fresh data dir loaded with the same items first.

  build/bench-venv/bin/python -m guestvoice_bench.ingest_ab \\
      --builds=base=/tmp/guestvoiced.main,new=build/release/service/guestvoiced
(PYTHONPATH=tools/bench_suite). Not part of any test: figures depend on the
machine; instruction counts come from callgrind instead
(tests/service/feedback/ingest_benchmark.cc)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from guestvoice_bench import builds, load_tools
from guestvoice_bench.comparison import ingest_requests
from guestvoice_bench.dataset import DataSet
from guestvoice_bench.server import Guestvoiced

INGEST_METHOD = "guestvoice.v1.FeedbackService/IngestFeedback"
WRITE_METRICS = ("keys_written", "bytes_written", "write_batches", "write_groups")


def _metrics(server: Guestvoiced) -> dict[str, float]:
    return {name: server.metric(f"guestvoice_rocksdb_{name}_total") for name in WRITE_METRICS}


def main() -> int:
    parser = argparse.ArgumentParser(prog="guestvoice_bench.ingest_ab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    builds.add_arguments(parser, rounds=6, trial_seconds=10)
    parser.add_argument("--callers", type=int, default=16,
                        help="concurrent ghz callers (R2's are 16; R4's 1 and 8)")
    args = parser.parse_args()

    data = DataSet(args.seed)
    work = Path(tempfile.mkdtemp(prefix="guestvoice-ingest-ab-"))
    try:
        with builds.loaded_servers(args.builds, data, args.items, work) as servers:
            requests = ingest_requests(data, work)
            cpu_per_call: dict[str, list[float]] = {name: [] for name in servers}
            names = list(servers)
            for round_index in range(args.rounds):
                for name in builds.round_order(names, round_index):
                    server = servers[name].server
                    cpu_before, writes_before = server.cpu_seconds(), _metrics(server)
                    rate = load_tools.ghz(args.ghz, server.address, server.api_key,
                                          INGEST_METHOD, requests, args.callers, args.trial_seconds)
                    cpu = server.cpu_seconds() - cpu_before
                    writes = {key: value - writes_before[key]
                              for key, value in _metrics(server).items()}
                    calls = max(rate.ok_calls, 1)
                    cpu_per_call[name].append(cpu * 1e6 / calls)
                    print(f"round {round_index + 1} {name}: "
                          f"{cpu_per_call[name][-1]:.1f} us/call, "
                          f"{rate.calls_per_second:,.0f} calls/s, "
                          f"{writes['keys_written'] / calls:.2f} keys and "
                          f"{writes['bytes_written'] / calls:,.0f} bytes per item, "
                          f"{writes['write_batches'] / max(writes['write_groups'], 1):.2f} "
                          f"batches per write group, failed {rate.failed or 0}, "
                          f"load {os.getloadavg()[0]:.1f}", flush=True)
        for name in names:
            figures = cpu_per_call[name]
            print(f"{name}: median {statistics.median(figures):.1f} us/call "
                  f"({min(figures):.1f} - {max(figures):.1f})")
        for name in names[1:]:
            ratios = [new / old for old, new in zip(cpu_per_call[names[0]], cpu_per_call[name])]
            print(f"{name} / {names[0]} per round: median {statistics.median(ratios):.3f} "
                  f"({min(ratios):.3f} - {max(ratios):.3f})")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
