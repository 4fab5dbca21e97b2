"""The load tools: ghz for unary gRPC rates, db_bench for RocksDB's own rate."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rate:
    ok_calls: int
    calls_per_second: float
    failed: dict[str, int]  # status or error -> count
    median_ms: float  # the calls' median latency, as ghz measured it


def ghz(binary: Path, address: str, api_key: str, method: str, data_file: Path,
        concurrency: int, seconds: float) -> Rate:
    """`concurrency` callers on one connection for `seconds`, over server
    reflection; the requests of `data_file` (a JSON array, ghz templates
    allowed) are sent round robin."""
    result = subprocess.run(
        [str(binary), "--insecure", "--call", method, "-D", str(data_file),
         "-m", json.dumps({"authorization": f"Bearer {api_key}"}),
         "-c", str(concurrency), "-z", f"{seconds}s", "-O", "json",
         # Calls in flight when the time is up finish and count, rather than
         # being cut off and reported as errors.
         "--duration-stop=wait", address],
        check=True, capture_output=True, text=True)
    report = json.loads(result.stdout)
    statuses = dict(report.get("statusCodeDistribution") or {})
    ok = statuses.pop("OK", 0)
    median = next((entry["latency"] for entry in report.get("latencyDistribution") or []
                   if entry["percentage"] == 50), math.nan)
    return Rate(ok, ok / (report["total"] / 1e9), statuses, median / 1e6)


def db_bench(threads: int, seconds: float, value_bytes: int) -> float:
    """fillrandom with a WAL sync per write: writes per second, all threads."""
    directory = Path(tempfile.mkdtemp(prefix="guestvoice-bench-rocksdb-"))
    try:
        result = subprocess.run(
            ["db_bench", "--benchmarks=fillrandom", "--sync=1", f"--value_size={value_bytes}",
             f"--threads={threads}", f"--duration={max(1, round(seconds))}",
             "--num=100000000", f"--db={directory}"],
            check=True, capture_output=True, text=True)
    finally:
        shutil.rmtree(directory)
    match = re.search(r"^fillrandom\s*:.*?([0-9.]+) ops/sec", result.stdout, re.MULTILINE)
    if not match:
        raise RuntimeError(f"db_bench printed no rate:\n{result.stdout}\n{result.stderr}")
    return float(match.group(1))


@dataclass(frozen=True)
class Calls:
    """Calls of ghz runs side by side: the OK ones' latencies, the rest by status."""

    ok_calls: int
    seconds: float  # the longest run's wall time
    latencies_ms: list[float]
    failed: dict[str, int]

    @property
    def calls_per_second(self) -> float:
        return self.ok_calls / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent: float) -> float:
        """The nearest-rank percentile of the OK calls' latencies."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(percent / 100 * len(ordered)))
        return ordered[rank - 1]


def ghz_side_by_side(binary: Path, targets: list[tuple[str, int, float]], api_key: str,
                     method: str, data_file: Path, seconds: float) -> Calls:
    """One ghz per (address, callers, calls/s; 0 = as fast as they go), all
    at once for `seconds`, each on its own connection; every call's latency
    kept (ghz's JSON details), so percentiles cover all of them."""
    runs = []
    for address, concurrency, rps in targets:
        runs.append(subprocess.Popen(
            [str(binary), "--insecure", "--call", method, "-D", str(data_file),
             "-m", json.dumps({"authorization": f"Bearer {api_key}"}),
             "-c", str(concurrency), "-z", f"{seconds}s", "-O", "json",
             *(["--rps", str(max(1, round(rps)))] if rps else []),
             "--duration-stop=wait", address],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    ok, longest, latencies, failed = 0, 0.0, [], {}
    for run in runs:
        out, err = run.communicate()
        if run.returncode != 0:
            raise RuntimeError(f"ghz failed ({run.returncode}): {err}")
        report = json.loads(out)
        longest = max(longest, report["total"] / 1e9)
        for detail in report.get("details") or []:
            status = detail.get("status") or "OK"
            if status == "OK" and not detail.get("error"):
                ok += 1
                latencies.append(detail["latency"] / 1e6)
            else:
                failed[status] = failed.get(status, 0) + 1
    return Calls(ok, longest, latencies, failed)
