"""Footprint and recovery (issue 10, item 6): disk bytes per item once
compaction has settled, RSS, and the start time (exec to "listening") after a
clean stop and after a kill -9 in the middle of an ingest, with the WAL bytes
that restart replays."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guestvoice_bench import loader
from guestvoice_bench.dataset import WINDOW_END, DataSet
from guestvoice_bench.figures import ServiceFigures
from guestvoice_bench.server import ORGANIZATION, Guestvoiced
from guestvoice_bench.settings import Settings
from guestvoice_bench.trials import median_ms

INGEST_METHOD = "guestvoice.v1.FeedbackService/IngestFeedback"
INGEST_CALLERS = 16
# Compaction counts as settled when RocksDB owes none and the data dir has not
# changed over this many polls in a row.
SETTLE_POLL_S = 0.5
SETTLED_POLLS = 4
SETTLE_DEADLINE_S = 600.0
WARM_QUERY_CALLS = 5


@dataclass(frozen=True)
class CrashStart:
    seconds: float  # exec to listening
    cpu_seconds: float  # CPU time by then, background compactions aside: steadier
    wal_bytes: int  # found on disk, what RocksDB replays


@dataclass
class Footprint:
    items: int = 0
    data_dir_bytes: int = 0
    sst_bytes: int = 0
    wal_bytes: int = 0
    rss_bytes: int = 0
    settle_seconds: float = 0.0
    clean_start_seconds: float = 0.0
    clean_start_cpu_seconds: float = 0.0
    # One start per kill -9.
    crash_starts: list[CrashStart] = field(default_factory=list)
    # Insight query -> (ms of its first call after the restart, when the block
    # cache is cold and compressed blocks are read; median ms once warm).
    query_ms: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def bytes_per_item(self) -> float:
        return self.data_dir_bytes / max(self.items, 1)

    def crash_median(self, figure: str) -> float:
        return statistics.median(getattr(start, figure) for start in self.crash_starts)

    def crash_max(self, figure: str) -> float:
        return max(getattr(start, figure) for start in self.crash_starts)


def _files(directory: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in directory.iterdir()
               if p.is_file() and p.name.endswith(suffix))


def _settle(server: Guestvoiced) -> float:
    """Waits until compaction has settled; returns the seconds it took."""
    start = time.monotonic()
    last: tuple[float, int] | None = None
    unchanged = 0
    while unchanged < SETTLED_POLLS:
        if time.monotonic() - start > SETTLE_DEADLINE_S:
            raise RuntimeError(f"compaction did not settle within {SETTLE_DEADLINE_S:.0f}s")
        time.sleep(SETTLE_POLL_S)
        state = (server.metric("guestvoice_rocksdb_sst_files"), _files(server.data_dir))
        pending = server.metric("guestvoice_rocksdb_pending_compaction_bytes")
        unchanged = unchanged + 1 if pending == 0 and state == last else 0
        last = state
    return time.monotonic() - start


def measure(server: Guestvoiced, data: DataSet, items: int, ingest_requests: Path, ghz: Path,
            ingest_seconds: Sequence[float], log: Callable[[str], None]) -> Footprint:
    """Restarts `server` cleanly and measures the footprint of its store
    (`items` items of `data`) and its insight latency with a cold and a warm
    block cache; then, for each of `ingest_seconds`, kills it with SIGKILL
    after that long an ingest by INGEST_CALLERS callers (ghz, the requests of
    `ingest_requests`) and restarts it. The server runs on the same data dir
    afterwards."""
    figures = Footprint(items=items)
    # A clean restart first: the load's memtables are flushed and its WAL is
    # gone, so what remains on disk is what the items take.
    server.restart()
    figures.clean_start_seconds = server.start_seconds
    figures.clean_start_cpu_seconds = server.start_cpu_seconds
    figures.settle_seconds = _settle(server)
    figures.data_dir_bytes = _files(server.data_dir)
    figures.sst_bytes = _files(server.data_dir, ".sst")
    figures.wal_bytes = _files(server.data_dir, ".log")
    figures.rss_bytes = server.rss_bytes()
    log(f"footprint: {figures.data_dir_bytes:,} bytes on disk ({figures.bytes_per_item:,.0f} "
        f"per item; SST {figures.sst_bytes:,}, WAL {figures.wal_bytes:,}) after "
        f"{figures.settle_seconds:.1f}s of settling; RSS {figures.rss_bytes / 2**20:.0f} MiB; "
        f"clean start {figures.clean_start_seconds:.3f}s "
        f"({figures.clean_start_cpu_seconds:.2f}s CPU)")
    with server.client() as client:
        service = ServiceFigures(client.insights, ORGANIZATION, data.window_start, WINDOW_END)
        for name, call in (
                ("GetHotelSummary", lambda: service.hotel_summary(data.hotels[0].hotel_id)),
                ("ListTopIssues", service.top_issues), ("CompareHotels", service.compare_hotels)):
            figures.query_ms[name] = (median_ms(call, 1), median_ms(call, WARM_QUERY_CALLS))
    log("  first call / warm: " + ", ".join(
        f"{name} {cold:.1f} / {warm:.1f} ms" for name, (cold, warm) in figures.query_ms.items()))
    for seconds in ingest_seconds:
        ingest = subprocess.Popen(
            [str(ghz), "--insecure", "--call", INGEST_METHOD, "-D", str(ingest_requests),
             "-m", f'{{"authorization": "Bearer {server.api_key}"}}',
             "-c", str(INGEST_CALLERS), "-z", f"{seconds + 60}s", server.address],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(seconds)
            server.process.send_signal(signal.SIGKILL)
            server.process.wait()
        finally:
            ingest.kill()
            ingest.wait()
        wal = _files(server.data_dir, ".log")
        server.restart()
        figures.crash_starts.append(
            CrashStart(server.start_seconds, server.start_cpu_seconds, wal))
        log(f"  kill -9 after {seconds:g}s of ingest: {wal:,} WAL bytes, "
            f"start {server.start_seconds:.3f}s ({server.start_cpu_seconds:.2f}s CPU)")
    return figures


def lines(figures: Footprint) -> list[str]:
    """The report's table."""
    crashes = figures.crash_starts
    return [
        "| what | measured | target |", "|---|---|---|",
        f"| disk per item, compaction settled | {figures.bytes_per_item:,.0f} bytes "
        f"({figures.data_dir_bytes / 2**20:,.1f} MiB for {figures.items:,} items; SST "
        f"{figures.sst_bytes / 2**20:,.1f} MiB) | <= 1,000 bytes |",
        f"| start after kill -9 mid-ingest ({INGEST_CALLERS} callers), exec to listening | "
        f"median {figures.crash_median('seconds'):.3f} s, max "
        f"{figures.crash_max('seconds'):.3f} s ({len(crashes)} "
        f"kill{'s' if len(crashes) != 1 else ''}; CPU by then: median "
        f"{figures.crash_median('cpu_seconds'):.2f} s; WAL replayed: up to "
        f"{figures.crash_max('wal_bytes') / 2**20:.1f} MiB) | <= 0.5 s |",
        f"| start after a clean stop | {figures.clean_start_seconds:.3f} s "
        f"({figures.clean_start_cpu_seconds:.2f} s CPU) | |",
        "| server RSS after the clean restart, compaction settled, before any query | "
        f"{figures.rss_bytes / 2**20:,.0f} MiB | |",
        "| insight latency after a restart: first call (cold block cache) / median of "
        f"{WARM_QUERY_CALLS} | " + "; ".join(
            f"{name} {cold:.1f} / {warm:.1f} ms"
            for name, (cold, warm) in figures.query_ms.items()) + " | |",
    ]


def run(settings: Settings, ingest_requests: Callable[[DataSet, Path], Path],
        log: Callable[[str], None]) -> list[str]:
    """Recovery mode: loads settings.items items (no peers) and measures;
    returns the report's lines."""
    data = DataSet(settings.seed)
    work = Path(tempfile.mkdtemp(prefix="guestvoice-bench-recovery-"))
    server = Guestvoiced(settings.guestvoiced, work / "guestvoiced", work / "guestvoiced.log")
    try:
        result = loader.LoadResult()
        with server.client() as client:
            loader.create_hotels_and_guests(client, data, result)
            cpu_before = server.cpu_seconds()
            loader.import_items(client, data.items(settings.items), result)
            # Flushes and compactions included: what storage options change.
            cpu_per_item = (server.cpu_seconds() - cpu_before) * 1e6 / max(result.items, 1)
            loader.link_later_handles(client, data, result)
        log(f"imported {result.items:,} items in {result.seconds:.1f}s "
            f"({result.items / result.seconds:,.0f}/s, server CPU {cpu_per_item:,.0f} us per "
            f"item), {result.failed} failed; load average {os.getloadavg()[0]:.1f}")
        figures = measure(server, data, result.items, ingest_requests(data, work), settings.ghz,
                          settings.crash_ingest_seconds, log)
    finally:
        server.stop()
        shutil.rmtree(work)
    return ["## Footprint and recovery", "",
            f"{figures.items:,} items of the comparison's data set, loaded over "
            f"{loader.IMPORT_STREAMS} ImportFeedback streams at "
            f"{result.items / result.seconds:,.0f} items/s (server CPU {cpu_per_item:,.0f} us "
            "per item, flushes and compactions included); "
            f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.", "", *lines(figures), ""]
