"""Cluster mode (issue 15): ingest items/s, and the p50/p99 latency of a write
(IngestFeedback) and of a read (LookupGuest), for one and three guestvoiced
cluster nodes, each cluster on three Kafka brokers of its own (tools/cluster),
with the embedded store as the reference row. Every deployment runs at once,
idle while another is measured, and the trials interleave, the order flipping
every round (../shared/design/performance.md); the load goes through every
node of a deployment at once, one ghz per node."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from guestvoice.v1 import hotel_pb2, hotel_service_pb2, loyalty_pb2, loyalty_service_pb2

from guestvoice_bench import load_tools, loader
from guestvoice_bench.comparison import GHZ_REQUESTS, write_json, ingest_requests
from guestvoice_bench.dataset import DataSet, Guest
from guestvoice_bench.server import ORGANIZATION, Guestvoiced
from guestvoice_bench.settings import Settings

INGEST = "guestvoice.v1.FeedbackService/IngestFeedback"
LOOKUP = "guestvoice.v1.LoyaltyService/LookupGuest"
CALLERS = 16  # over all nodes of a deployment, as R1's ingest
# Latency percentiles are taken at a fixed offered load, the same for every
# deployment: this share of the slowest deployment's warm-up rate.
OFFERED_SHARE = 0.5
SERVING = re.compile(r"caught up with the command log; serving")
BROKERS = 3
MISSING_RUNTIME = 77  # tools/cluster: no Java or jars
READY_DEADLINE_S = 120.0


class MissingRuntime(Exception):
    """tools/cluster cannot run brokers here (no Java 17 or jars)."""


class Brokers:
    """Three local brokers in `directory`, fresh, with guestvoice's topics:
    starting on construction, ready once `wait_ready` returns (so that two
    clusters start side by side)."""

    def __init__(self, tools_cluster: Path, directory: Path) -> None:
        self._command = [str(tools_cluster), "--dir", str(directory)]
        self._up = subprocess.Popen(self._command + ["up", "--fresh", "--brokers", str(BROKERS)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.bootstrap_file = directory / "bootstrap"

    def wait_ready(self) -> None:
        out, err = self._up.communicate()
        if self._up.returncode == MISSING_RUNTIME:
            raise MissingRuntime(err.strip())
        if self._up.returncode != 0:
            raise RuntimeError(f"tools/cluster up failed:\n{out}{err}")

    def stop(self) -> None:
        self._up.communicate()  # an `up` under way finishes first
        subprocess.run(self._command + ["down"], capture_output=True, text=True)


@dataclass
class Deployment:
    name: str
    servers: list[Guestvoiced]

    @property
    def api_key(self) -> str:
        return self.servers[0].api_key

    def cpu_seconds(self) -> float:
        return sum(server.cpu_seconds() for server in self.servers)

    def targets(self, callers: int, calls_per_second: float) -> list[tuple[str, int, float]]:
        """The callers and offered load split evenly over the nodes."""
        count = len(self.servers)
        return [(server.address, callers // count + (i < callers % count),
                 calls_per_second / count)
                for i, server in enumerate(self.servers)]

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def _start_embedded(settings: Settings, work: Path) -> Deployment:
    return Deployment("embedded (one guestvoiced, no Kafka)", [Guestvoiced(
        settings.guestvoiced, work / "embedded", work / "embedded.log")])


def _start_cluster(settings: Settings, work: Path, brokers: Brokers, nodes: int,
                   log: Callable[[str], None]) -> Deployment:
    name = f"cluster-{nodes}"
    deployment = Deployment(f"cluster, {nodes} node{'s' if nodes > 1 else ''} on "
                            f"{BROKERS} brokers", [])
    try:
        brokers.wait_ready()
        for index in range(nodes):
            node = f"{name}-node-{index}"
            deployment.servers.append(Guestvoiced(
                settings.guestvoiced, work / node, work / f"{node}.log",
                flags=[f"--cluster_bootstrap_file={brokers.bootstrap_file}",
                       f"--cluster_node_id=node-{index}", "--advertise=127.0.0.1:0"],
                ready_line=SERVING))
            if index == 0:
                # The first node makes the cluster's bootstrap once it has
                # caught up with the empty log: the key, then its command.
                _await_bootstrap(deployment.servers[0])
            deployment.servers[-1].api_key = deployment.servers[0].api_key
        log(f"  {deployment.name}: up")
        return deployment
    except BaseException:
        deployment.stop()
        raise


def _await_bootstrap(server: Guestvoiced) -> None:
    """Waits until the node wrote the admin key and applied its bootstrap."""
    key_file = server.data_dir / "admin-api-key"
    deadline = time.monotonic() + READY_DEADLINE_S
    while True:
        if key_file.exists():
            server.api_key = key_file.read_text().strip()
            with server.client() as client:
                try:
                    client.hotels.ListHotels(hotel_service_pb2.ListHotelsRequest(
                        parent=ORGANIZATION, page_size=1))
                    return
                except grpc.RpcError as error:
                    if error.code() != grpc.StatusCode.UNAUTHENTICATED:
                        raise
        if time.monotonic() > deadline:
            raise RuntimeError(f"no bootstrap within {READY_DEADLINE_S}s in {server.data_dir}")
        time.sleep(0.1)  # polling interval, not synchronisation


def _await_guest_everywhere(deployment: Deployment, guest: Guest) -> None:
    """Waits until every node finds `guest` (they apply the command log at
    their own pace)."""
    handle = guest.first_handle
    request = loyalty_service_pb2.LookupGuestRequest(parent=ORGANIZATION, identity=loyalty_pb2.Identity(
        kind=loyalty_pb2.IDENTITY_KIND_HANDLE, value=handle.handle, source=handle.source))
    deadline = time.monotonic() + READY_DEADLINE_S
    for server in deployment.servers:
        with server.client() as client:
            while True:
                try:
                    client.loyalty.LookupGuest(request)
                    break
                except grpc.RpcError as error:
                    if error.code() != grpc.StatusCode.NOT_FOUND or time.monotonic() > deadline:
                        raise
                time.sleep(0.1)  # polling interval, not synchronisation


@dataclass
class Figures:
    """One deployment's measurements, one value per round."""

    items_per_second: list[float] = field(default_factory=list)
    cpu_us_per_item: list[float] = field(default_factory=list)
    write_p50_ms: list[float] = field(default_factory=list)
    write_p99_ms: list[float] = field(default_factory=list)
    read_p50_ms: list[float] = field(default_factory=list)
    read_p99_ms: list[float] = field(default_factory=list)


@dataclass
class Outcome:
    deployments: list[str]
    figures: dict[str, Figures]
    offered_writes: float
    offered_reads: float
    load_averages: list[float]
    failed: dict[str, int]


def _measure(settings: Settings, deployments: list[Deployment], ingest: Path, lookups: Path,
             log: Callable[[str], None]) -> Outcome:
    seconds = settings.trial_seconds
    failed: dict[str, int] = {}
    load_averages: list[float] = []

    def run(deployment: Deployment, method: str, data_file: Path,
            calls_per_second: float) -> load_tools.Calls:
        load_averages.append(os.getloadavg()[0])
        calls = load_tools.ghz_side_by_side(
            settings.ghz, deployment.targets(CALLERS, calls_per_second), deployment.api_key,
            method, data_file, seconds)
        for status, count in calls.failed.items():
            key = f"{deployment.name}, {method.rsplit('/', 1)[1]}: {status}"
            failed[key] = failed.get(key, 0) + count
        return calls

    log("warm-up: the fastest rates, for the offered load of the latency trials")
    write_rates, read_rates = [], []
    for deployment in deployments:
        write_rates.append(run(deployment, INGEST, ingest, 0).calls_per_second)
        read_rates.append(run(deployment, LOOKUP, lookups, 0).calls_per_second)
        log(f"  {deployment.name}: {write_rates[-1]:,.0f} ingests/s, "
            f"{read_rates[-1]:,.0f} lookups/s")
    offered_writes = OFFERED_SHARE * min(write_rates)
    offered_reads = OFFERED_SHARE * min(read_rates)
    log(f"latency trials at {offered_writes:,.0f} ingests/s and {offered_reads:,.0f} lookups/s")

    figures = {deployment.name: Figures() for deployment in deployments}
    for number in range(settings.rounds):
        log(f"round {number + 1} of {settings.rounds}")
        order = deployments if number % 2 == 0 else deployments[::-1]
        for deployment in order:
            mine = figures[deployment.name]
            cpu_before = deployment.cpu_seconds()
            rate = run(deployment, INGEST, ingest, 0)
            mine.items_per_second.append(rate.calls_per_second)
            mine.cpu_us_per_item.append(
                (deployment.cpu_seconds() - cpu_before) * 1e6 / max(rate.ok_calls, 1))
            writes = run(deployment, INGEST, ingest, offered_writes)
            mine.write_p50_ms.append(writes.percentile_ms(50))
            mine.write_p99_ms.append(writes.percentile_ms(99))
            reads = run(deployment, LOOKUP, lookups, offered_reads)
            mine.read_p50_ms.append(reads.percentile_ms(50))
            mine.read_p99_ms.append(reads.percentile_ms(99))
            log(f"  {deployment.name}: {rate.calls_per_second:,.0f} items/s, "
                f"{mine.cpu_us_per_item[-1]:,.0f} us CPU/item; write p50 "
                f"{mine.write_p50_ms[-1]:.2f} ms p99 {mine.write_p99_ms[-1]:.2f} ms; read p50 "
                f"{mine.read_p50_ms[-1]:.2f} ms p99 {mine.read_p99_ms[-1]:.2f} ms")
    return Outcome([d.name for d in deployments], figures, offered_writes, offered_reads,
                   load_averages, failed)


def run(settings: Settings, tools_cluster: Path, log: Callable[[str], None]) -> Outcome:
    """Starts the deployments, loads each with the data set's hotels and
    guests, measures, and stops them. Raises MissingRuntime without Java."""
    data = DataSet(settings.seed)
    work = Path(tempfile.mkdtemp(prefix="guestvoice-bench-cluster-"))
    log(f"work dir {work}")
    deployments: list[Deployment] = []
    # Both broker clusters start side by side.
    brokers = {nodes: Brokers(tools_cluster, work / f"cluster-{nodes}-kafka") for nodes in (1, 3)}
    try:
        deployments.append(_start_embedded(settings, work))
        for nodes, its_brokers in brokers.items():
            deployments.append(_start_cluster(settings, work, its_brokers, nodes, log))
        guests = data.guests[:GHZ_REQUESTS]
        for deployment in deployments:
            _load(deployment, data, guests)
            log(f"  {deployment.name}: {len(data.hotels)} hotels, {len(guests)} guests")
        ingest = ingest_requests(data, work)
        lookups = write_json(work / "lookup.json", [
            {"parent": ORGANIZATION,
             "identity": {"kind": "IDENTITY_KIND_HANDLE", "value": guest.first_handle.handle,
                          "source": guest.first_handle.source}}
            for guest in guests])
        return _measure(settings, deployments, ingest, lookups, log)
    finally:
        for deployment in deployments:
            log(f"stopping {deployment.name}")
            deployment.stop()
        for its_brokers in brokers.values():
            its_brokers.stop()
        shutil.rmtree(work, ignore_errors=True)
        log("stopped")


def _load(deployment: Deployment, data: DataSet, guests: list[Guest]) -> None:
    """The data set's hotels (the ingest requests name them) and the guests
    the lookups ask for, through the first node; then waits until every node
    has applied them."""
    with deployment.servers[0].client() as client:
        for hotel in data.hotels:
            client.hotels.CreateHotel(hotel_service_pb2.CreateHotelRequest(
                parent=ORGANIZATION, hotel_id=hotel.hotel_id,
                hotel=hotel_pb2.Hotel(display_name=hotel.display_name, time_zone=hotel.zone)))
        for guest in guests:
            client.loyalty.CreateGuest(loyalty_service_pb2.CreateGuestRequest(
                parent=ORGANIZATION, guest=loyalty_pb2.Guest(display_name=guest.display_name),
                identities=[loader.identity(guest.first_handle)]))
    _await_guest_everywhere(deployment, guests[-1])


def _median(values: list[float]) -> str:
    return _number(statistics.median(values))


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _ratio(numerators: list[float], denominators: list[float]) -> str:
    """The median of the per-round ratios, with min and max."""
    ratios = [a / b for a, b in zip(numerators, denominators) if b]
    if not ratios:
        return "n/a"
    return (f"**{statistics.median(ratios):.2f}** ({min(ratios):.2f} - "
            f"{max(ratios):.2f})")


def lines(outcome: Outcome, settings: Settings) -> list[str]:
    """The report's tables."""
    names = outcome.deployments
    rows = ["| deployment | ingest items/s, 16 callers | server CPU us/item (all nodes) | "
            "write p50 ms | write p99 ms | read p50 ms | read p99 ms |",
            "|---|---|---|---|---|---|---|"]
    for name in names:
        f = outcome.figures[name]
        rows.append(f"| {name} | {_median(f.items_per_second)} | {_median(f.cpu_us_per_item)} | "
                    f"{_median(f.write_p50_ms)} | {_median(f.write_p99_ms)} | "
                    f"{_median(f.read_p50_ms)} | {_median(f.read_p99_ms)} |")
    embedded, one, three = (outcome.figures[name] for name in names)
    ratios = ["| ratio, per round | ingest items/s | write p50 | write p99 | read p50 | "
              "read p99 |", "|---|---|---|---|---|---|"]
    for label, a, b in (("1 node / embedded", one, embedded),
                        ("3 nodes / embedded", three, embedded),
                        ("3 nodes / 1 node", three, one)):
        ratios.append(f"| {label} | {_ratio(a.items_per_second, b.items_per_second)} | "
                      f"{_ratio(a.write_p50_ms, b.write_p50_ms)} | "
                      f"{_ratio(a.write_p99_ms, b.write_p99_ms)} | "
                      f"{_ratio(a.read_p50_ms, b.read_p50_ms)} | "
                      f"{_ratio(a.read_p99_ms, b.read_p99_ms)} |")
    failed = sum(outcome.failed.values())
    return [
        "Medians over the rounds:", "", *rows, "",
        "Ratios (items/s: higher is faster; latencies: higher is slower), the median of "
        "the per-round ratios with min and max:", "", *ratios, "",
        f"- Ingest: {CALLERS} ghz callers in all, split evenly over the nodes (one ghz and "
        f"connection per node), {settings.trial_seconds:g} s per trial; each call a new item.",
        f"- Latency trials at a fixed offered load, the same for every deployment: "
        f"{outcome.offered_writes:,.0f} IngestFeedback/s and {outcome.offered_reads:,.0f} "
        f"LookupGuest/s in all ({OFFERED_SHARE:.0%} of the slowest deployment's warm-up "
        "rate); percentiles over every call of the trial, nearest rank.",
        f"- Failed calls: {failed}"
        + "".join(f"; {what}: {count}" for what, count in outcome.failed.items()) + ".",
    ]
