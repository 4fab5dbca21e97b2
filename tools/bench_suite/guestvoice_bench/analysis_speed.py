"""R7: microseconds per review, guestvoice's analysis against vaderSentiment."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# The benchmark of tests/analysis/analyzer_benchmark.cc that times the full
# analysis (VADER + clauses + aspects) of one ~600-byte review in process.
IN_PROCESS_BENCHMARK = "BM_AnalyzeReview"


def vader_us_per_text(texts: list[str]) -> float:
    """The reference Python vaderSentiment 3.3.2 (sentiment only), in this process."""
    analyzer = SentimentIntensityAnalyzer()
    start = time.process_time()
    for text in texts:
        analyzer.polarity_scores(text)
    return (time.process_time() - start) * 1e6 / len(texts)


def cli_us_per_text(analyze: Path, texts_file: Path, count: int) -> float:
    """`guestvoice-analyze` over a file of texts, one per line: the whole
    command's wall time (start-up included) per text."""
    start = time.monotonic()
    with texts_file.open("rb") as texts:
        subprocess.run([str(analyze)], stdin=texts, stdout=subprocess.DEVNULL, check=True)
    return (time.monotonic() - start) * 1e6 / count


def in_process_us_per_text(benchmark: Path, seconds: float) -> float | None:
    """The hook for the in-process figure: the CPU time per iteration of
    IN_PROCESS_BENCHMARK from the analysis benchmark binary's JSON output, or
    None when the binary or that benchmark is not there."""
    if not benchmark.exists():
        return None
    result = subprocess.run(
        [str(benchmark), f"--benchmark_filter=^{IN_PROCESS_BENCHMARK}$",
         "--benchmark_format=json", f"--benchmark_min_time={seconds}"],
        check=True, capture_output=True, text=True)
    runs = json.loads(result.stdout).get("benchmarks", [])
    if not runs:
        return None
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[runs[0]["time_unit"]]
    return float(runs[0]["cpu_time"]) * scale
