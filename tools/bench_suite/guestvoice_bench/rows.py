"""The rows of issue 10's table, as ratios of named measurements."""

from __future__ import annotations

from guestvoice_bench.trials import Ratio

RATIOS = [
    Ratio("R1", "durable ingest, 16 callers", "items/s", "ingest_16", "db_bench_16",
          "db_bench fillrandom sync, 16 writers, 600 B", False, ">= 0.4", lambda r: r >= 0.4),
    Ratio("R1", "durable ingest, 1 caller (context)", "items/s", "ingest_1", "db_bench_1",
          "db_bench fillrandom sync, 1 writer, 600 B", False, "", lambda r: True),
    Ratio("R2", "server CPU per IngestFeedback, 16 callers", "us/call", "ingest_16_cpu",
          "health_16_cpu", "Health/Check (no-op RPC), 16 callers", False, "<= 4",
          lambda r: r <= 4),
    Ratio("R3", "LookupGuest calls/s, 16 callers", "calls/s", "lookup_16", "health_16",
          "Health/Check calls/s", False, ">= 0.85", lambda r: r >= 0.85),
    Ratio("R3", "GetLoyaltyStatus calls/s, 16 callers", "calls/s", "status_16", "health_16",
          "Health/Check calls/s", False, ">= 0.7", lambda r: r >= 0.7),
    Ratio("R4", "durable ingest, 1 caller", "items/s", "ingest_1", "postgres_insert_1",
          "PostgreSQL single-row INSERT, 1 client", False, ">= 0.8", lambda r: r >= 0.8),
    Ratio("R4", "durable ingest, 8 callers", "items/s", "ingest_8", "postgres_insert_8",
          "PostgreSQL single-row INSERT, 8 clients", False, ">= 0.8", lambda r: r >= 0.8),
    Ratio("R5", "GetHotelSummary, 90 days", "ms", "summary", "postgres_summary",
          "PostgreSQL, same figures", True, ">= 20", lambda r: r >= 20),
    Ratio("R5", "GetHotelSummary, 90 days, native load tools", "ms", "summary_ghz",
          "postgres_summary_pgbench", "PostgreSQL, same statements, pgbench (prepared)", True,
          ">= 20", lambda r: r >= 20),
    Ratio("R6", "ListTopIssues, organization, 90 days", "ms", "top_issues",
          "postgres_top_issues", "PostgreSQL, same figures", True, ">= 100",
          lambda r: r >= 100),
    Ratio("R6", "CompareHotels, all hotels, 90 days", "ms", "compare_hotels",
          "postgres_compare_hotels", "PostgreSQL, same figures", True, ">= 100",
          lambda r: r >= 100),
    Ratio("R7", "full analysis per review, in process", "us/text", "analysis_in_process",
          "vader", "vaderSentiment 3.3.2 (sentiment only)", True, ">= 50", lambda r: r >= 50),
    Ratio("R7", "`guestvoice-analyze` per review", "us/text", "analysis_cli", "vader",
          "vaderSentiment 3.3.2 (sentiment only)", True, ">= 30", lambda r: r >= 30),
]
