"""R3 alone, for one or more guestvoiced builds side by side: LookupGuest and
GetLoyaltyStatus calls/s at 16 ghz callers against Health/Check (the no-op
RPC) on the same server, with the server CPU per call of each. Interleaved
trials, the order of the builds flipping every round
(../shared/design/performance.md); each server on a fresh data dir loaded
with the same hotels, guests and items first.

  build/bench-venv/bin/python -m guestvoice_bench.lookup_ab \\
      --builds=base=/tmp/guestvoiced.main,new=build/release/service/guestvoiced
(PYTHONPATH=tools/bench_suite). Not part of any test: figures depend on the
machine."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from guestvoice_bench import builds, load_tools
from guestvoice_bench.comparison import read_requests
from guestvoice_bench.dataset import DataSet

CALLERS = 16
METHODS = {
    "health": "grpc.health.v1.Health/Check",
    "lookup": "guestvoice.v1.LoyaltyService/LookupGuest",
    "status": "guestvoice.v1.LoyaltyService/GetLoyaltyStatus",
}


def _range(figures: list[float]) -> str:
    return (f"median {statistics.median(figures):.3f} "
            f"({min(figures):.3f} - {max(figures):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(prog="guestvoice_bench.lookup_ab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    builds.add_arguments(parser, rounds=5, trial_seconds=6)
    args = parser.parse_args()

    data = DataSet(args.seed)
    work = Path(tempfile.mkdtemp(prefix="guestvoice-lookup-ab-"))
    try:
        with builds.loaded_servers(args.builds, data, args.items, work) as servers:
            requests: dict[str, dict[str, Path]] = {}
            for name, loaded in servers.items():
                (work / f"{name}-requests").mkdir()
                requests[name] = dict(zip(METHODS, read_requests(
                    data, loaded.load, work / f"{name}-requests")))
            ratios: dict[str, dict[str, list[float]]] = {
                name: {"lookup": [], "status": []} for name in servers}
            for round_index in range(args.rounds):
                for name in builds.round_order(list(servers), round_index):
                    server = servers[name].server
                    rates: dict[str, float] = {}
                    line = []
                    for kind, method in METHODS.items():
                        cpu_before = server.cpu_seconds()
                        rate = load_tools.ghz(args.ghz, server.address, server.api_key, method,
                                              requests[name][kind], CALLERS, args.trial_seconds)
                        if rate.failed:
                            raise RuntimeError(f"{name} {kind}: failed calls {rate.failed}")
                        cpu_us = ((server.cpu_seconds() - cpu_before) * 1e6
                                  / max(rate.ok_calls, 1))
                        rates[kind] = rate.calls_per_second
                        line.append(f"{kind} {rate.calls_per_second:,.0f}/s {cpu_us:.1f} us")
                    for kind in ("lookup", "status"):
                        ratios[name][kind].append(rates[kind] / rates["health"])
                    print(f"round {round_index + 1} {name}: " + ", ".join(line) +
                          f"; R3 {ratios[name]['lookup'][-1]:.3f} / "
                          f"{ratios[name]['status'][-1]:.3f}, "
                          f"load {os.getloadavg()[0]:.1f}", flush=True)
        for name, figures in ratios.items():
            print(f"{name}: LookupGuest / Health {_range(figures['lookup'])}; "
                  f"GetLoyaltyStatus / Health {_range(figures['status'])}")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
