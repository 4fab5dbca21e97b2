"""A release guestvoiced of its own: loopback, a kernel-chosen port, a fresh data dir."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import guestvoice

LISTENING = re.compile(r"guestvoiced listening on port (\d+) ")
METRICS = re.compile(r"metrics on port (\d+) ")
START_DEADLINE_S = 60.0
STOP_DEADLINE_S = 60.0
ORGANIZATION = "organizations/default"


class Guestvoiced:
    """Starts on construction; `restart()` starts it again on the same data
    dir (after a clean stop or a kill -9); `stop()` ends it (SIGTERM, then
    waits).

    `flags` are added to the command line (a cluster node's); with
    `ready_line`, the start waits after "listening" until the log matches it
    too (a cluster node's "serving"). `api_key` is the admin key the server
    wrote to its data dir, or "" when it wrote none (a cluster node that did
    not make the cluster's bootstrap)."""

    def __init__(self, binary: Path, data_dir: Path, log_path: Path,
                 flags: Sequence[str] = (), ready_line: re.Pattern[str] | None = None) -> None:
        self._binary = binary
        self.data_dir = data_dir
        self._log_path = log_path
        self._flags = list(flags)
        self._ready_line = ready_line
        self._log = log_path.open("w")
        self._start()

    def _start(self) -> None:
        """Starts the process and waits for it to listen; start_seconds is
        the time from exec to the "listening" line, start_cpu_seconds the CPU
        time the process had taken by then, less RocksDB's flush and
        compaction threads (which run on after a start)."""
        started = time.monotonic()
        self.process = subprocess.Popen(
            # No per-key rate limit: the benchmark drives one key as hard as
            # the server goes, which is what it measures.
            [str(self._binary), "--listen=127.0.0.1:0", f"--data_dir={self.data_dir}",
             "--rate_limit_calls_per_second=0", "--metrics_listen=127.0.0.1:0", *self._flags],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._tee, args=(self.process, lines), daemon=True).start()
        self.metrics_port = 0
        ready = self._ready_line is None
        while not (self.metrics_port and ready):
            try:
                line = lines.get(timeout=START_DEADLINE_S)
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"guestvoiced was not ready within {START_DEADLINE_S}s; "
                                   f"see {self._log_path}")
            if line is None:
                raise RuntimeError(f"guestvoiced exited before it was ready; see {self._log_path}")
            if match := LISTENING.search(line):
                self.start_seconds = time.monotonic() - started
                self.start_cpu_seconds = self.cpu_seconds() - self._background_cpu_seconds()
                self.address = f"127.0.0.1:{match.group(1)}"
            # Logged right after the listening line.
            if match := METRICS.search(line):
                self.metrics_port = int(match.group(1))
            if self._ready_line is not None and self._ready_line.search(line):
                ready = True
        # Written on the first start on an empty data dir, before listening
        # (a cluster node: after it caught up, if it makes the bootstrap).
        key_file = self.data_dir / "admin-api-key"
        self.api_key = key_file.read_text().strip() if key_file.exists() else ""

    def _tee(self, process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if not self._log.closed:
                self._log.write(line)
                self._log.flush()
            lines.put(line)
        lines.put(None)

    def client(self) -> guestvoice.Client:
        return guestvoice.connect(self.address, api_key=self.api_key, tls=False)

    def cpu_seconds(self) -> float:
        """utime + stime of the whole process (every thread) so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # After the command name: state is field 3, utime 14 and stime 15.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _background_cpu_seconds(self) -> float:
        """utime + stime of RocksDB's background threads (rocksdb:low, :high)."""
        ticks = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                if task.joinpath("comm").read_text().startswith("rocksdb:"):
                    fields = task.joinpath("stat").read_text().rsplit(")", 1)[1].split()
                    ticks += int(fields[11]) + int(fields[12])
            # A thread that ends between the listing and the read leaves a
            # directory whose files fail with ENOENT or, for comm, ESRCH.
            except (FileNotFoundError, ProcessLookupError):
                pass
        return ticks / os.sysconf("SC_CLK_TCK")

    def rss_bytes(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return 1024 * next(int(line.split()[1]) for line in status.splitlines()
                           if line.startswith("VmRSS"))

    def metric(self, name: str) -> float:
        """The sum of a Prometheus metric's samples (every label set)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics") as reply:
            text = reply.read().decode()
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(name) and line[len(name)] in " {")

    def restart(self, *, kill: bool = False) -> None:
        """Stops the process (SIGKILL when `kill`, else SIGTERM and a clean
        shutdown) and starts a new one on the same data dir."""
        self._end(signal.SIGKILL if kill else signal.SIGTERM)
        self._start()

    def _end(self, how: signal.Signals) -> None:
        if self.process.poll() is None:
            self.process.send_signal(how)
            self.process.wait(timeout=STOP_DEADLINE_S)

    def stop(self) -> None:
        self._end(signal.SIGTERM)
        self._log.close()
