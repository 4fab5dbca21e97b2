"""What a run measures, and with which binaries: the full run's sizes, and the
smoke run's (tiny, one round, every row still exercised)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    guestvoiced: Path
    analyze: Path
    analysis_benchmark: Path
    ghz: Path
    seed: int = 20261201
    items: int = 200_000
    rounds: int = 5
    trial_seconds: float = 10.0
    query_calls: int = 20  # GetHotelSummary calls per trial and side
    organization_query_calls: int = 3  # ListTopIssues / CompareHotels calls
    analysis_texts: int = 1000  # texts vaderSentiment scores per trial
    cli_texts: int = 20_000  # texts guestvoice-analyze scores per trial
    benchmark_min_time: float = 1.0  # seconds per Google Benchmark run
    # Growth mode: items loaded, and the sizes at which queries are timed.
    growth_items: int = 5_000_000
    growth_checkpoints: tuple[int, ...] = (200_000, 1_000_000, 5_000_000)
    growth_report_seconds: float = 10.0
    # Footprint and recovery: seconds of ingest before each kill -9, so the
    # kills land at different points of the WAL's cycle of growth and flush.
    crash_ingest_seconds: tuple[float, ...] = (4.0, 6.5, 9.0)

    def smoke(self) -> Settings:
        return Settings(
            self.guestvoiced, self.analyze, self.analysis_benchmark, self.ghz, seed=self.seed,
            items=2000, rounds=1, trial_seconds=1.0, query_calls=3,
            organization_query_calls=1, analysis_texts=100, cli_texts=500,
            benchmark_min_time=0.05, growth_items=3000, growth_checkpoints=(1000, 3000),
            growth_report_seconds=1.0, crash_ingest_seconds=(1.0,))
