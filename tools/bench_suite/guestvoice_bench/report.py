"""docs/benchmarks.md and the table printed at the end of a run."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import statistics
import subprocess
from pathlib import Path

from guestvoice_bench import recovery
from guestvoice_bench.comparison import Outcome
from guestvoice_bench.rows import RATIOS
from guestvoice_bench.settings import Settings


def _number(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (f"{model}, {os.cpu_count()} cores, {memory_kb / 2**20:.0f} GiB, "
            f"Linux {platform.release()}")


def git_commit(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip()


def table(outcome: Outcome) -> list[str]:
    rounds = outcome.rounds
    lines = ["| # | what | guestvoice | peer | ratio (median) | min-max | trials | target |",
             "|---|---|---|---|---|---|---|---|"]
    for ratio in RATIOS:
        values = rounds.ratios(ratio)
        median = statistics.median(values)
        met = "" if not ratio.target or math.isnan(median) else (
            " (met)" if ratio.met(median) else " (not met)")
        lines.append(
            f"| {ratio.row} | {ratio.what} | {_number(rounds.median(ratio.guestvoice))} "
            f"{ratio.unit} | {ratio.peer_label}: {_number(rounds.median(ratio.peer))} "
            f"{ratio.unit} | **{_number(median)}** | {_number(min(values))} - "
            f"{_number(max(values))} | {len(values)} | {ratio.target}{met} |")
    return lines


def correctness(outcome: Outcome) -> list[str]:
    failed = sum(outcome.failed_calls.values()) + outcome.load.failed
    lines = [f"- R8: {outcome.figures_compared:,} insight figures compared with PostgreSQL: "
             f"{outcome.figure_mismatch_count} differ.",
             f"- Stored items that disagree with the data set (repeat flag, guest): "
             f"{outcome.load.mismatch_count}.",
             f"- Failed calls: {failed} ({outcome.load.failed} in the import"
             + "".join(f", {count} {what}" for what, count in outcome.failed_calls.items())
             + ")."]
    lines += [f"  - {line}" for line in outcome.figure_mismatches + outcome.load.mismatches]
    return lines


def write(path: Path, root: Path, settings: Settings, outcome: Outcome, command: str) -> None:
    loads = outcome.rounds.load_averages
    text = [
        "# guestvoice benchmarks",
        "",
        "Written by `tools/bench` (tools/bench_suite/README.md); every figure is a ratio "
        "measured side by side in one run, as ../shared/design/performance.md asks: "
        "interleaved A/B trials, the median ratio with min and max.",
        "",
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"guestvoice {git_commit(root)} (release build)",
        f"- Machine: {machine()}",
        f"- Load average (1 min) at the trials: median {statistics.median(loads):.2f}, "
        f"{min(loads):.2f} - {max(loads):.2f}"
        + (" (above the core count: other work shared the machine, so single trials "
           "scatter more than usual)" if statistics.median(loads) > (os.cpu_count() or 1)
           else ""),
        f"- Command: `{command}`",
        f"- Data: {outcome.load.items:,} feedback items (seed {settings.seed}), 200 hotels, "
        "5,000 authors, 90 days, Zipf-skewed hotels and authors, ~600-byte reviews with 2-4 "
        f"aspects, 3 % repeats; imported at {outcome.load.items / outcome.load.seconds:,.0f} "
        "items/s over 2 ImportFeedback streams",
        f"- Rounds: {settings.rounds}, {settings.trial_seconds:g} s per rate trial",
        f"- Peers: PostgreSQL {outcome.postgres_version} (fsync and synchronous_commit on, covering "
        "indexes, loopback TCP; pgbench for INSERT), RocksDB db_bench (fillrandom --sync=1 "
        "--value_size=600), vaderSentiment 3.3.2 in the bench venv; ghz for every gRPC rate "
        "(one connection, server reflection)",
        "",
        *table(outcome),
        "",
        "## Footprint and recovery",
        "",
        "Measured on the loaded store before the trials (issue 10, item 6; "
        "`tools/bench --recovery` measures only these): the data dir once compaction has "
        "settled after a clean restart, and the start time from exec to the \"listening\" line "
        "after a kill -9 in the middle of an ingest, with the write-ahead log that restart "
        "found.",
        "",
        *recovery.lines(outcome.footprint),
        "",
        "## Correctness",
        "",
        *correctness(outcome),
        "",
        "Ingest rate during a long load and query latency as the store grows: "
        "[benchmarks-growth.md](benchmarks-growth.md) (`tools/bench --growth`).",
        "",
        "## How each side is measured",
        "",
        "- Rates: `ghz --insecure -c N -z Ts` over one connection; ingest sends real reviews "
        "of the data set's authors with a unique external_id and text per call, posted after "
        "the window; PostgreSQL: `pgbench -n -c N -j N -T T` with one INSERT per transaction "
        "into the same indexed feedback table; db_bench in a fresh temp dir each trial.",
        "- Server CPU per call: utime + stime of guestvoiced (/proc/PID/stat) over the ghz "
        "run, divided by its completed calls.",
        "- Query latency: the median of sequential calls from one caller; the service over "
        "the Python client, PostgreSQL over psycopg with statements that compute the same "
        "voice-weighted figures (tools/bench_suite/guestvoice_bench/figures.py): "
        "GetHotelSummary asks five hotels in turn, of Zipf ranks 1, 5, 20, 50 and 200.",
        "- GetHotelSummary with native load tools (R5's second row): the median latency of "
        "`ghz -c 1 -z Ts` asking the same five hotels in turn, against `pgbench -n -c 1 -M "
        "prepared -r -T T` over a script of the statements psycopg sends for the five, "
        "values written in: the median over the hotels of their statements' mean latencies "
        "summed.",
        "- Analysis: vaderSentiment's polarity_scores over the data set's reviews (CPU time "
        "per text); in process: BM_AnalyzeReview of guestvoice_analysis_benchmark (CPU time, "
        "one ~600-byte review); the CLI: guestvoice-analyze's wall time over a file of the "
        "data set's reviews, start-up included.",
        "",
    ]
    path.write_text("\n".join(text) + kept_notes(path))


NOTES_HEADING = "## Notes"


def kept_notes(path: Path) -> str:
    """The hand-written "## Notes" section at the end of the report being replaced (what
    changed between runs and how it was measured), so that a new run keeps it."""
    if not path.exists():
        return ""
    previous = path.read_text()
    start = previous.find("\n" + NOTES_HEADING + "\n")
    return "" if start < 0 else previous[start + 1:]
