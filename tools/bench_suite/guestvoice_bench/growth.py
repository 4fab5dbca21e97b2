"""Growth mode: the ingest rate over time during a long load, and query
latency at growing store sizes (issue 10: no collapse as the store grows)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from guestvoice_bench import loader
from guestvoice_bench.dataset import WINDOW_END, DataSet
from guestvoice_bench.figures import ServiceFigures
from guestvoice_bench.server import ORGANIZATION, Guestvoiced
from guestvoice_bench.settings import Settings
from guestvoice_bench.trials import median_ms

QUERY_CALLS = 5


def run(settings: Settings, log: Callable[[str], None]) -> list[str]:
    """Loads settings.growth_items items; returns the report's lines."""
    data = DataSet(settings.seed)
    work = Path(tempfile.mkdtemp(prefix="guestvoice-bench-growth-"))
    server = Guestvoiced(settings.guestvoiced, work / "guestvoiced", work / "guestvoiced.log")
    rates = ["| items stored | seconds | items/s over the last interval | load average |",
             "|---|---|---|---|"]
    latencies = ["| items | GetHotelSummary ms | ListTopIssues ms | CompareHotels ms | "
                 "server RSS MiB | data dir MiB | load average |", "|---|---|---|---|---|---|---|"]
    try:
        with server.client() as client:
            result = loader.LoadResult()
            loader.create_hotels_and_guests(client, data, result)
            items = data.items(settings.growth_items)
            start = last_time = time.monotonic()
            last_stored = 0

            def progress(stored: int) -> None:
                nonlocal last_time, last_stored
                now = time.monotonic()
                if now - last_time >= settings.growth_report_seconds:
                    rate = (stored - last_stored) / (now - last_time)
                    rates.append(f"| {stored:,} | {now - start:.0f} | {rate:,.0f} | "
                                 f"{os.getloadavg()[0]:.1f} |")
                    log(f"  {stored:,} items, {rate:,.0f}/s")
                    last_time, last_stored = now, stored

            stored = 0
            figures = ServiceFigures(client.insights, ORGANIZATION,
                                     WINDOW_END - dt.timedelta(days=data.days), WINDOW_END)
            for checkpoint in settings.growth_checkpoints:
                loader.import_items(client, itertools.islice(items, checkpoint - stored),
                                    result, progress)
                stored = checkpoint
                timings = [median_ms(call, QUERY_CALLS) for call in (
                    lambda: figures.hotel_summary(data.hotels[0].hotel_id),
                    figures.top_issues, figures.compare_hotels)]
                latencies.append(f"| {checkpoint:,} | " + " | ".join(f"{t:.1f}" for t in timings)
                                 + f" | {_rss_mib(server):.0f} | {_du_mib(work / 'guestvoiced'):.0f}"
                                 f" | {os.getloadavg()[0]:.1f} |")
                log(f"  at {checkpoint:,} items: " + ", ".join(f"{t:.1f} ms" for t in timings))
    finally:
        server.stop()
        shutil.rmtree(work)
    return ["## Growth", "", f"{settings.growth_items:,} items loaded over 2 ImportFeedback "
            "streams (the data set of the comparison, continued); the rate is reported every "
            f"{settings.growth_report_seconds:g} s.", "", *rates, "",
            f"Query latency (median of {QUERY_CALLS} sequential calls, 90 days; the busiest "
            "hotel for GetHotelSummary) as the store grows:", "", *latencies, ""]


def _rss_mib(server: Guestvoiced) -> float:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return kib / 1024


def _du_mib(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 2**20
