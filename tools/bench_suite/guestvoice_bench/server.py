"""A release guestvoiced of its own: loopback, a kernel-chosen port, a fresh data dir."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import threading
from pathlib import Path

import guestvoice

LISTENING = re.compile(r"guestvoiced listening on port (\d+) ")
START_DEADLINE_S = 60.0
STOP_DEADLINE_S = 60.0
ORGANIZATION = "organizations/default"


class Guestvoiced:
    """Starts on construction; `stop()` ends it (SIGTERM, then waits)."""

    def __init__(self, binary: Path, data_dir: Path, log_path: Path) -> None:
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            # No per-key rate limit: the benchmark drives one key as hard as
            # the server goes, which is what it measures.
            [str(binary), "--listen=127.0.0.1:0", "--metrics_listen=",
             f"--data_dir={data_dir}", "--rate_limit_calls_per_second=0"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._tee, args=(lines,), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=START_DEADLINE_S)
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"guestvoiced did not listen within {START_DEADLINE_S}s")
            if line is None:
                raise RuntimeError(f"guestvoiced exited before listening; see {log_path}")
            if match := LISTENING.search(line):
                break
        self.address = f"127.0.0.1:{match.group(1)}"
        # Written on the first start on an empty data dir, before listening.
        self.api_key = (data_dir / "admin-api-key").read_text().strip()

    def _tee(self, lines: queue.Queue[str | None]) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
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

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=STOP_DEADLINE_S)
        self._log.close()
