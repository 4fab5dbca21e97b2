"""Runs every command block of docs/grpcurl.md verbatim against a live
guestvoiced, so the guide cannot rot.

The doc's first `sh` block is its set-up; it keeps GUESTVOICE_ADDR and KEY
when they are already set, and this test sets exactly those two. Blocks run
in document order (the hotel is created before feedback refers to it) with
bash, from the repo root. A block whose call the server answers with
Unimplemented is reported as skipped, naming the method.

Environment: GUESTVOICED is the server binary (set by ctest).
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "grpcurl.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
METHOD = re.compile(r"(guestvoice\.v1\.\w+/\w+|grpc\.health\.v1\.Health/\w+)")
LISTENING = re.compile(r"guestvoiced listening on port (\d+) ")
START_DEADLINE_S = 30.0
BLOCK_DEADLINE_S = 60.0
WATCH_ATTEMPTS = 50
WATCH_POLL_S = 0.2

SETUP, *BLOCKS = BLOCK.findall(DOC.read_text())


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    binary = os.environ.get("GUESTVOICED")
    if not binary or not os.access(binary, os.X_OK):
        pytest.fail("GUESTVOICED must name the guestvoiced binary (ctest sets it)")
    data_dir = tmp_path_factory.mktemp("grpcurl-doc") / "data"
    server = subprocess.Popen(
        [binary, "--listen=127.0.0.1:0", "--metrics_listen=", f"--data_dir={data_dir}",
         "--sync_writes=false"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(server.stderr, log), daemon=True).start()
    try:
        while not (match := LISTENING.search(log.get(timeout=START_DEADLINE_S) or "exited")):
            if server.poll() is not None:
                pytest.fail("guestvoiced exited before listening")
    except queue.Empty:
        server.kill()
        pytest.fail(f"guestvoiced did not listen within {START_DEADLINE_S}s")
    key = (data_dir / "admin-api-key").read_text().strip()
    yield {**os.environ, "GUESTVOICE_ADDR": f"127.0.0.1:{match.group(1)}", "KEY": key}
    server.terminate()
    server.wait(timeout=30)


def script(block: str) -> list[str]:
    return ["bash", "-o", "pipefail", "-c", f"set -e\n{SETUP}\n{block}"]


def run(block: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(script(block), env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=BLOCK_DEADLINE_S)


def skip_if_unimplemented(block: str, output: str) -> None:
    # Through reflection, grpcurl reports a service the server has not
    # registered yet before calling it.
    if "Code: Unimplemented" in output or "does not expose service" in output:
        methods = ", ".join(dict.fromkeys(METHOD.findall(block)))
        pytest.skip(f"server answers UNIMPLEMENTED for {methods}")


def block_id(block: str) -> str:
    methods = METHOD.findall(block)
    return methods[0] if methods else block.split()[0]


def is_watch(block: str) -> bool:
    return "/WatchFeedback" in block


def ingest_block() -> str:
    return next(b for b in BLOCKS if "/IngestFeedback" in b)


def test_doc_has_a_block_for_every_service():
    text = "\n".join(BLOCKS)
    for service in ("AdminService", "HotelService", "FeedbackService", "LoyaltyService",
                    "InsightService"):
        assert f"guestvoice.v1.{service}/" in text, service
    assert " list" in text and " describe " in text and any(map(is_watch, BLOCKS))


@pytest.mark.parametrize("block", BLOCKS, ids=[block_id(b) for b in BLOCKS])
def test_documented_block_runs(block: str, env: dict[str, str]):
    if is_watch(block):
        check_watch(block, env)
        return
    result = run(block, env)
    output = result.stdout + result.stderr
    skip_if_unimplemented(block, output)
    assert result.returncode == 0, output
    if "Mars/Olympus_Mons" in block:
        # The documented error: its BadRequest must reach the reader.
        assert "exit code 67" in output and "google.rpc.BadRequest" in output, output
        assert "hotel.time_zone" in output, output


def check_watch(block: str, env: dict[str, str]) -> None:
    watch = subprocess.Popen(script(block), env=env, cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(watch.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        # The watch has no "registered" signal, so keep ingesting with the
        # documented command until the watcher prints an item.
        for _ in range(WATCH_ATTEMPTS):
            ingested = run(ingest_block(), env)
            skip_if_unimplemented(ingest_block(), ingested.stdout + ingested.stderr)
            assert ingested.returncode == 0, ingested.stdout + ingested.stderr
            try:
                while (line := lines.get(timeout=WATCH_POLL_S)) is not None:
                    seen.append(line)
                    if '"feedback"' in line:
                        return
            except queue.Empty:
                continue
            skip_if_unimplemented(block, "".join(seen))
            pytest.fail(f"WatchFeedback ended without an item:\n{''.join(seen)}")
        pytest.fail(f"WatchFeedback printed no item for {WATCH_ATTEMPTS} ingests:\n{''.join(seen)}")
    finally:
        # Ctrl-C, as the doc says, to the whole group (bash and grpcurl).
        if watch.poll() is None:
            os.killpg(watch.pid, signal.SIGINT)
        watch.wait(timeout=30)
