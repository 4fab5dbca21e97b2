"""PostgreSQL 15 from Debian as a peer: a cluster of its own in a temp dir.

Durable like guestvoiced (fsync and synchronous_commit on), on a loopback
port, holding the same items with covering indexes for the insight queries.
PostgreSQL refuses to run as root, so under root the server runs as the
Debian package's `postgres` user.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

PG_BIN = Path("/usr/lib/postgresql/15/bin")
USER = "bench"
DATABASE = "bench"

# Items as guestvoiced stores them, with what its aggregates key by: the
# hotel-local day recorded at ingest and the voice (a guest, or else the
# author). Sentiment and ratings are fixed-point micro-units, as in the
# service's aggregates, so sums are exact.
SCHEMA = """
CREATE TABLE hotels (
  hotel text PRIMARY KEY,
  zone text NOT NULL,
  ordinal int NOT NULL
);
CREATE TABLE aspects (
  aspect text PRIMARY KEY,
  ordinal int NOT NULL
);
CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  hotel text NOT NULL,
  source int NOT NULL,
  external_id text NOT NULL,
  handle text NOT NULL,
  voice text NOT NULL,
  local_day date NOT NULL,
  post_time timestamptz NOT NULL,
  sentiment bigint NOT NULL,
  rating bigint,
  repeat boolean NOT NULL,
  text text NOT NULL
);
CREATE TABLE mention (
  feedback_id bigint NOT NULL,
  hotel text NOT NULL,
  voice text NOT NULL,
  local_day date NOT NULL,
  post_time timestamptz NOT NULL,
  aspect text NOT NULL,
  sentiment bigint NOT NULL,
  clause text NOT NULL
);
"""

# Built after COPY (as anyone loading a table would), so they are compact.
INDEXES = """
CREATE UNIQUE INDEX feedback_external_id ON feedback (source, external_id);
CREATE INDEX feedback_hotel_day ON feedback (hotel, local_day)
  INCLUDE (voice, sentiment, rating) WHERE NOT repeat;
CREATE INDEX mention_hotel_day ON mention (hotel, local_day)
  INCLUDE (aspect, voice, sentiment);
CREATE INDEX mention_negative_recent ON mention (aspect, post_time DESC)
  INCLUDE (hotel, local_day, clause) WHERE sentiment <= -50000;
ANALYZE;
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """initdb + pg_ctl start on construction; `stop()` ends and removes it."""

    def __init__(self) -> None:
        # Directly under /tmp: the server's user must be able to reach it.
        self._dir = Path(tempfile.mkdtemp(prefix="guestvoice-bench-pg-"))
        self._as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self._dir, "postgres", "postgres")
            self._as_owner = ["runuser", "-u", "postgres", "--"]
        self.port = _free_port()
        data = self._dir / "data"
        self._run(PG_BIN / "initdb", "-D", data, "-U", USER, "-A", "trust",
                  "--encoding=UTF8", "--locale=C")
        options = " ".join([
            "-c listen_addresses=127.0.0.1", f"-c port={self.port}",
            f"-c unix_socket_directories={self._dir}",
            "-c fsync=on", "-c synchronous_commit=on", "-c full_page_writes=on",
            "-c shared_buffers=512MB", "-c work_mem=64MB", "-c max_connections=40",
            "-c max_wal_size=4GB", "-c jit=off"])
        self._run(PG_BIN / "pg_ctl", "-D", data, "-l", self._dir / "server.log",
                  "-o", options, "-w", "start")
        self._data = data
        self.dsn = f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres"
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        self.dsn = f"host=127.0.0.1 port={self.port} user={USER} dbname={DATABASE}"
        with self.connect() as connection:
            connection.execute(SCHEMA)

    def _run(self, *command: object) -> None:
        subprocess.run(self._as_owner + [str(part) for part in command], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.dsn, autocommit=True)

    def create_indexes(self) -> None:
        with self.connect() as connection:
            connection.execute(INDEXES)

    def version(self) -> str:
        with self.connect() as connection:
            row = connection.execute("SHOW server_version").fetchone()
        assert row is not None
        return str(row[0])

    def pgbench(self, script: Path, clients: int, seconds: float,
                protocol: str = "simple") -> float:
        """Transactions per second of `script` at `clients` connections,
        over pgbench's query `protocol` (simple, extended or prepared)."""
        result = subprocess.run(
            [str(PG_BIN / "pgbench"), "-n", "-h", "127.0.0.1", "-p", str(self.port),
             "-U", USER, "-c", str(clients), "-j", str(clients), "-T", str(max(1, round(seconds))),
             "-M", protocol, "-f", str(script), DATABASE],
            check=True, capture_output=True, text=True)
        match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
        if not match:
            raise RuntimeError(f"pgbench printed no rate:\n{result.stdout}\n{result.stderr}")
        return float(match.group(1))

    def pgbench_statement_ms(self, script: Path, seconds: float,
                             protocol: str = "simple") -> list[float]:
        """The mean latency of each statement of `script` (in its order), from
        one connection running it for `seconds` (pgbench --report-per-command)."""
        result = subprocess.run(
            [str(PG_BIN / "pgbench"), "-n", "-h", "127.0.0.1", "-p", str(self.port),
             "-U", USER, "-c", "1", "-T", str(max(1, round(seconds))), "-M", protocol, "-r",
             "-f", str(script), DATABASE],
            check=True, capture_output=True, text=True)
        report = result.stdout.split("statement latencies in milliseconds", 1)
        if len(report) != 2:
            raise RuntimeError(f"pgbench printed no statement latencies:\n{result.stdout}\n"
                               f"{result.stderr}")
        return [float(match.group(1))
                for match in re.finditer(r"^\s+([0-9.]+)\s", report[1], re.MULTILINE)]

    def stop(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self._data, "-m", "fast", "-w", "stop")
        shutil.rmtree(self._dir)
