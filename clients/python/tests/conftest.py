"""Starts one real guestvoiced for the session: port 0, a fresh data dir.

GUESTVOICED names the binary (default: build/release/service/guestvoiced of
this repo). The TLS tests start a second server with a certificate made by
tools/make-test-certificates. The port is read from the server's log line, and its first admin
key from <data_dir>/admin-api-key.

Feedback, Loyalty and Insight RPCs are tested against the contract. A test
that reaches an RPC the server does not implement yet is reported as skipped
with the RPC's name (pytest -rs prints it), never passed.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

import guestvoice

REPO = Path(__file__).resolve().parents[3]
LISTENING = re.compile(r"guestvoiced listening on port (\d+) ")
START_DEADLINE_S = 30.0


@dataclass
class Server:
    address: str
    data_dir: Path

    @property
    def admin_key(self) -> str:
        return (self.data_dir / "admin-api-key").read_text().strip()


def _drain(stream, lines: queue.Queue) -> None:
    # Keeps reading so the server never blocks on a full pipe.
    for line in stream:
        lines.put(line)
    lines.put(None)


def _run_server(data_dir: Path, *flags: str) -> Iterator[Server]:
    """Runs guestvoiced on ``data_dir`` with ``flags`` besides the test
    defaults until the generator is closed."""
    binary = os.environ.get("GUESTVOICED", str(REPO / "build/release/service/guestvoiced"))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"GUESTVOICED={binary} is not an executable (build the server first)")
    process = subprocess.Popen(
        # No metrics endpoint: the default port would collide with servers
        # running side by side.
        [binary, "--listen=127.0.0.1:0", "--metrics_listen=", f"--data_dir={data_dir}",
         "--sync_writes=false", *flags],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_drain, args=(process.stderr, lines), daemon=True).start()
    log = []
    try:
        while True:
            line = lines.get(timeout=START_DEADLINE_S)
            if line is None:
                pytest.fail(f"guestvoiced exited before listening:\n{''.join(log)}")
            log.append(line)
            match = LISTENING.search(line)
            if match:
                break
    except queue.Empty:
        process.kill()
        pytest.fail(f"guestvoiced did not listen within {START_DEADLINE_S}s:\n{''.join(log)}")
    yield Server(f"127.0.0.1:{match.group(1)}", data_dir)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _run_server(tmp_path_factory.mktemp("guestvoiced") / "data")


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway authority (ca.pem) and the server certificate it signed
    (server.pem, server.key), made by tools/make-test-certificates."""
    directory = tmp_path_factory.mktemp("certificates")
    subprocess.run([REPO / "tools/make-test-certificates", directory], check=True)
    return directory


@pytest.fixture(scope="session")
def tls_server(tmp_path_factory: pytest.TempPathFactory, certificates: Path) -> Iterator[Server]:
    """A second guestvoiced that serves TLS only, with the certificate of
    ``certificates``."""
    yield from _run_server(tmp_path_factory.mktemp("guestvoiced-tls") / "data",
                           f"--tls_cert_file={certificates / 'server.pem'}",
                           f"--tls_key_file={certificates / 'server.key'}")


@pytest.fixture
def server_with_flags(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Starts guestvoiced with flags of the test's own (rate limits, say);
    each server it starts stops when the test ends."""
    running = []

    def start(*flags: str) -> Server:
        run = _run_server(tmp_path / f"data-{len(running)}", *flags)
        running.append(run)
        return next(run)

    yield start
    for run in running:
        next(run, None)  # runs the generator past its yield: stops the server


class _LastMethod(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                  grpc.StreamUnaryClientInterceptor):
    """Remembers the last RPC started, to name it when it is UNIMPLEMENTED."""

    last = ""

    def _note(self, continuation, details, request):
        _LastMethod.last = details.method
        return continuation(details, request)

    intercept_unary_unary = intercept_unary_stream = intercept_stream_unary = _note


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[guestvoice.Client]:
    with guestvoice.connect(server.address, server.admin_key, tls=False,
                            interceptors=[_LastMethod()]) as connected:
        yield connected


@pytest.hookimpl(hookwrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    outcome = yield
    error = outcome.excinfo[1] if outcome.excinfo else None
    if isinstance(error, grpc.RpcError) and isinstance(error, grpc.Call) \
            and error.code() == grpc.StatusCode.UNIMPLEMENTED:
        outcome.force_exception(pytest.skip.Exception(
            f"server answers UNIMPLEMENTED for {_LastMethod.last}", _use_item_location=True))
