"""The load tools: ghz for unary gRPC rates, db_bench for RocksDB's own rate."""

from __future__ import annotations

import json
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
    return Rate(ok, ok / (report["total"] / 1e9), statuses)


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
