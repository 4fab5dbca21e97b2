"""The side-by-side run: start the peers, load both stores, run the rounds,
check the figures (R8)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guestvoice.v1 import insight_service_pb2

from guestvoice_bench import analysis_speed, load_tools, loader, recovery
from guestvoice_bench.dataset import WINDOW_END, DataSet
from guestvoice_bench.figures import PostgresFigures, ServiceFigures, differences, interval
from guestvoice_bench.postgres import Postgres
from guestvoice_bench.server import ORGANIZATION, Guestvoiced
from guestvoice_bench.settings import Settings
from guestvoice_bench.trials import Rounds, median_ms

VALUE_BYTES = 600
# Ingest trials post after the window, so they leave its figures alone.
TRIAL_POST_TIME = WINDOW_END + dt.timedelta(days=2, hours=10)
# GetHotelSummary asks these hotels in turn: from the busiest (a sixth of all
# items, with Zipf s = 1) to the quietest, by their rank in the data set.
SUMMARY_HOTEL_RANKS = (0, 4, 19, 49, 199)
GHZ_REQUESTS = 64  # distinct requests per ghz data file


@dataclass
class Outcome:
    rounds: Rounds
    load: loader.LoadResult
    postgres_version: str
    figures_compared: int = 0
    figure_mismatches: list[str] = field(default_factory=list)
    figure_mismatch_count: int = 0
    failed_calls: dict[str, int] = field(default_factory=dict)
    footprint: recovery.Footprint = field(default_factory=recovery.Footprint)


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value))
    return path


def read_requests(data: DataSet, load: loader.LoadResult, work: Path) -> tuple[Path, Path, Path]:
    """R3's ghz data files: Health/Check, then LookupGuest by a handle and
    GetLoyaltyStatus of the first GHZ_REQUESTS guests created."""
    health = write_json(work / "health.json", [{}])
    guests = list(load.guest_names.items())[:GHZ_REQUESTS]
    lookups = write_json(work / "lookup.json", [
        {"parent": ORGANIZATION, "identity": {"kind": "IDENTITY_KIND_HANDLE",
                                               "value": data.guests[g].first_handle.handle,
                                               "source": data.guests[g].first_handle.source}}
        for g, _ in guests])
    statuses = write_json(work / "status.json", [{"guest": name} for _, name in guests])
    return health, lookups, statuses


def ingest_requests(data: DataSet, work: Path) -> Path:
    """Real reviews by the data set's authors; ghz's {{.UUID}} keeps every
    call a new item and no repeat."""
    requests = []
    for item in data.items(GHZ_REQUESTS, seed_offset=1):
        message: dict[str, Any] = {
            "hotel": f"{ORGANIZATION}/hotels/{item.hotel.hotel_id}",
            "source": item.author.source, "external_id": "trial-{{.UUID}}",
            "author": {"handle": item.author.handle},
            "text": f"{item.text} (Ref {{{{.UUID}}}})",
            "post_time": TRIAL_POST_TIME.isoformat().replace("+00:00", "Z")}
        if item.rating is not None:
            message["rating"] = {"value": item.rating, "scale_min": 1, "scale_max": 5}
        requests.append({"parent": ORGANIZATION, "feedback": message})
    return write_json(work / "ingest.json", requests)


def summary_requests(data: DataSet, hotels: list[str], work: Path) -> Path:
    """R5's ghz data file: GetHotelSummary of `hotels` over the window, which
    ghz asks in turn."""
    window = {"startTime": data.window_start.isoformat().replace("+00:00", "Z"),
              "endTime": WINDOW_END.isoformat().replace("+00:00", "Z")}
    return write_json(work / "summary.json", [
        {"hotel": f"{ORGANIZATION}/hotels/{hotel}", "interval": window} for hotel in hotels])


def _pgbench_summary_script(work: Path, sql: PostgresFigures,
                            hotels: list[str]) -> tuple[Path, list[int]]:
    """R5's PostgreSQL side for pgbench: one transaction asks every hotel of
    `hotels` in turn, with the statements PostgresFigures.hotel_summary runs;
    with the number of statements per hotel."""
    statements = [sql.hotel_summary_statements(hotel) for hotel in hotels]
    script = work / "summary.sql"
    script.write_text("".join(" ".join(statement.split()) + ";\n"
                              for hotel_statements in statements
                              for statement in hotel_statements))
    return script, [len(hotel_statements) for hotel_statements in statements]


def _pgbench_insert_script(work: Path, text: str) -> Path:
    """One durable single-row INSERT into the same indexed feedback table,
    after the window like the ingest trials."""
    day = TRIAL_POST_TIME.date().isoformat()
    literal = text.replace("'", "''")
    script = work / "insert.sql"
    script.write_text(
        "\\set hotel random(0, 199)\n\\set author random(0, 4999)\n"
        "INSERT INTO feedback (hotel, source, external_id, handle, voice, local_day, post_time, "
        "sentiment, rating, repeat, text) VALUES ('h-' || lpad(:hotel::text, 3, '0'), 5, "
        "gen_random_uuid()::text, 'author' || :author, 'author:5:author' || :author, "
        f"'{day}', '{TRIAL_POST_TIME.isoformat()}', -381800, 750000, false, '{literal}');\n")
    return script


class Comparison:
    def __init__(self, settings: Settings, log: Callable[[str], None]) -> None:
        self.settings = settings
        self.log = log
        self.data = DataSet(settings.seed)

    def run(self) -> Outcome:
        work = Path(tempfile.mkdtemp(prefix="guestvoice-bench-"))
        self.log(f"work dir {work}")
        server = Guestvoiced(self.settings.guestvoiced, work / "guestvoiced", work / "guestvoiced.log")
        postgres = Postgres()
        try:
            return self._run(work, server, postgres)
        finally:
            server.stop()
            postgres.stop()
            shutil.rmtree(work)

    def _load(self, server: Guestvoiced, postgres: Postgres) -> loader.LoadResult:
        result = loader.LoadResult()
        repeats: set[str] = set()
        texts: list[str] = []

        def remember(items: Any) -> Any:
            for item in items:
                if item.repeat:
                    repeats.add(item.external_id)
                if len(texts) < self.settings.analysis_texts:
                    texts.append(item.text)
                yield item

        with server.client() as client:
            loader.create_hotels_and_guests(client, self.data, result)
            step = max(1, self.settings.items // 10)
            start = time.monotonic()

            def progress(stored: int) -> None:
                if stored % step < loader.ITEMS_PER_STREAM_CALL:
                    rate = stored / (time.monotonic() - start)
                    self.log(f"  imported {stored} items, {rate:.0f}/s so far")

            loader.import_items(client, remember(self.data.items(self.settings.items)), result,
                                progress)
            loader.link_later_handles(client, self.data, result)
            self.log(f"imported {result.items} items in {result.seconds:.1f}s; copying to PostgreSQL")
            summary = client.insights.GetHotelSummary(insight_service_pb2.GetHotelSummaryRequest(
                hotel=f"{ORGANIZATION}/hotels/{self.data.hotels[0].hotel_id}",
                interval=interval(self.data.window_start, WINDOW_END)))
            with postgres.connect() as connection:
                loader.copy_to_postgres(client, self.data, repeats, connection,
                                        [a.aspect for a in summary.aspects], result)
            postgres.create_indexes()
        self.texts = texts
        return result

    def _run(self, work: Path, server: Guestvoiced, postgres: Postgres) -> Outcome:
        settings = self.settings
        load = self._load(server, postgres)
        outcome = Outcome(Rounds(), load, postgres.version())
        ingest = ingest_requests(self.data, work)
        # Before the trials, whose ingests would add items of their own. The
        # kills' ingests post after the window, like the trials'.
        outcome.footprint = recovery.measure(server, self.data, load.items, ingest, settings.ghz,
                                             settings.crash_ingest_seconds, self.log)
        cli_texts = work / "cli-texts.txt"
        cli_texts.write_text("".join(self.texts[i % len(self.texts)] + "\n"
                                     for i in range(settings.cli_texts)))
        hotels = [hotel.hotel_id for hotel in self.data.hotels]
        summary_hotels = [hotels[rank] for rank in SUMMARY_HOTEL_RANKS if rank < len(hotels)]
        health, lookups, statuses = read_requests(self.data, load, work)
        insert_script = _pgbench_insert_script(work, self.texts[0])
        seconds = settings.trial_seconds

        def ghz(method: str, data_file: Path, concurrency: int, name: str) -> Callable[[], float]:
            def measure() -> float:
                cpu_before = server.cpu_seconds()
                rate = load_tools.ghz(settings.ghz, server.address, server.api_key, method,
                                      data_file, concurrency, seconds)
                cpu = server.cpu_seconds() - cpu_before
                for status, count in rate.failed.items():
                    outcome.failed_calls[f"{name} {status}"] = (
                        outcome.failed_calls.get(f"{name} {status}", 0) + count)
                cpu_per_call[name] = cpu * 1e6 / max(rate.ok_calls, 1)
                return rate.calls_per_second
            return measure

        cpu_per_call: dict[str, float] = {}
        ingest_method = "guestvoice.v1.FeedbackService/IngestFeedback"
        health_method = "grpc.health.v1.Health/Check"
        with server.client() as client, postgres.connect() as connection:
            service = ServiceFigures(client.insights, ORGANIZATION, self.data.window_start, WINDOW_END)
            sql = PostgresFigures(connection, hotels, self.data.window_start, WINDOW_END)
            query_calls, org_calls = settings.query_calls, settings.organization_query_calls

            def summary_latency(figures: ServiceFigures | PostgresFigures) -> float:
                # Both sides ask the same hotels in the same order.
                hotel_turns = itertools.cycle(summary_hotels)
                return median_ms(lambda: figures.hotel_summary(next(hotel_turns)), query_calls)

            # R5 again with each side's native load tool, one caller: the
            # Python client's own per-call cost is most of a cached summary's
            # latency through it, and next to nothing of PostgreSQL's.
            summaries = summary_requests(self.data, summary_hotels, work)
            summary_script, statements_per_hotel = _pgbench_summary_script(
                work, sql, summary_hotels)

            def summary_ghz_ms() -> float:
                rate = load_tools.ghz(settings.ghz, server.address, server.api_key,
                                      "guestvoice.v1.InsightService/GetHotelSummary", summaries,
                                      1, seconds)
                for status, count in rate.failed.items():
                    outcome.failed_calls[f"summary_ghz {status}"] = (
                        outcome.failed_calls.get(f"summary_ghz {status}", 0) + count)
                return rate.median_ms

            def summary_pgbench_ms() -> float:
                # The median over the hotels of a summary's mean latency (its
                # statements' means summed), as ghz's median is over calls
                # that ask each hotel as often.
                latencies = postgres.pgbench_statement_ms(summary_script, seconds,
                                                          protocol="prepared")
                per_hotel, start = [], 0
                for count in statements_per_hotel:
                    per_hotel.append(sum(latencies[start:start + count]))
                    start += count
                return statistics.median(per_hotel)

            groups: list[list[tuple[str, Callable[[], float]]]] = [
                [("ingest_16", ghz(ingest_method, ingest, 16, "ingest_16")),
                 ("db_bench_16", lambda: load_tools.db_bench(16, seconds, VALUE_BYTES))],
                [("health_16", ghz(health_method, health, 16, "health_16")),
                 ("lookup_16", ghz("guestvoice.v1.LoyaltyService/LookupGuest", lookups, 16,
                                   "lookup_16")),
                 ("status_16", ghz("guestvoice.v1.LoyaltyService/GetLoyaltyStatus", statuses, 16,
                                   "status_16"))],
                [("ingest_1", ghz(ingest_method, ingest, 1, "ingest_1")),
                 ("db_bench_1", lambda: load_tools.db_bench(1, seconds, VALUE_BYTES)),
                 ("postgres_insert_1", lambda: postgres.pgbench(insert_script, 1, seconds))],
                [("ingest_8", ghz(ingest_method, ingest, 8, "ingest_8")),
                 ("postgres_insert_8", lambda: postgres.pgbench(insert_script, 8, seconds))],
                [("summary", lambda: summary_latency(service)),
                 ("postgres_summary", lambda: summary_latency(sql))],
                [("summary_ghz", summary_ghz_ms),
                 ("postgres_summary_pgbench", summary_pgbench_ms)],
                [("top_issues", lambda: median_ms(service.top_issues, org_calls)),
                 ("postgres_top_issues", lambda: median_ms(sql.top_issues, org_calls))],
                [("compare_hotels", lambda: median_ms(service.compare_hotels, org_calls)),
                 ("postgres_compare_hotels", lambda: median_ms(sql.compare_hotels, org_calls))],
                [("vader", lambda: analysis_speed.vader_us_per_text(self.texts)),
                 ("analysis_in_process", lambda: analysis_speed.in_process_us_per_text(
                     settings.analysis_benchmark, settings.benchmark_min_time) or math.nan),
                 ("analysis_cli", lambda: analysis_speed.cli_us_per_text(
                     settings.analyze, cli_texts, settings.cli_texts))],
            ]
            self.log("warm-up")
            load_tools.ghz(settings.ghz, server.address, server.api_key, health_method, health,
                           16, min(seconds, 2))
            for figures in (service, sql):
                figures.hotel_summary(summary_hotels[0])
                figures.top_issues()
                figures.compare_hotels()
            for number in range(settings.rounds):
                self.log(f"round {number + 1} of {settings.rounds}")
                outcome.rounds.run(groups, self.log)
                outcome.rounds.values[-1].update(
                    {f"{name}_cpu": value for name, value in cpu_per_call.items()})
            self.log("R8: comparing the figures with PostgreSQL")
            self._check_figures(service, sql, summary_hotels, outcome)
        return outcome

    def _check_figures(self, service: ServiceFigures, sql: PostgresFigures,
                       summary_hotels: list[str], outcome: Outcome) -> None:
        checks = [(f"GetHotelSummary {hotel}", lambda h=hotel: service.hotel_summary(h),
                   lambda h=hotel: sql.hotel_summary(h))
                  for hotel in summary_hotels]
        checks += [("ListTopIssues", service.top_issues, sql.top_issues),
                   ("CompareHotels", service.compare_hotels, sql.compare_hotels)]
        for what, ask_service, ask_postgres in checks:
            compared, found = differences(what, ask_service(), ask_postgres())
            outcome.figures_compared += compared
            outcome.figure_mismatch_count += len(found)
            outcome.figure_mismatches += found[:max(0, 20 - len(outcome.figure_mismatches))]
