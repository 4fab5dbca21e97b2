"""What the two-build comparisons of guestvoiced (ingest_ab, lookup_ab)
share: their common arguments, a server per build on a fresh data dir loaded
with the same hotels, guests and items, and the interleaved round order."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from guestvoice_bench import loader
from guestvoice_bench.dataset import DataSet
from guestvoice_bench.server import Guestvoiced


def add_arguments(parser: argparse.ArgumentParser, *, rounds: int,
                  trial_seconds: float) -> None:
    parser.add_argument("--builds", required=True,
                        help="NAME=GUESTVOICED,...: the builds to compare")
    parser.add_argument("--items", type=int, default=20000, help="items loaded first")
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--trial_seconds", type=float, default=trial_seconds)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--ghz", type=Path, default=Path(os.path.expanduser("~/go/bin/ghz")))


@dataclass
class LoadedServer:
    server: Guestvoiced
    load: loader.LoadResult = field(default_factory=loader.LoadResult)


@contextlib.contextmanager
def loaded_servers(builds: str, data: DataSet, items: int,
                   work: Path) -> Iterator[dict[str, LoadedServer]]:
    """A guestvoiced per NAME=GUESTVOICED of `builds`, in order, each loaded
    with `data`'s hotels, guests and first `items` items; every one started
    is stopped on the way out."""
    started: dict[str, LoadedServer] = {}
    try:
        for name, binary in (build.split("=", 1) for build in builds.split(",")):
            server = Guestvoiced(Path(binary), work / name, work / f"{name}.log")
            started[name] = LoadedServer(server)
            with server.client() as client:
                loader.create_hotels_and_guests(client, data, started[name].load)
                loader.import_items(client, data.items(items), started[name].load,
                                    lambda _: None)
        yield started
    finally:
        for loaded in started.values():
            loaded.server.stop()


def round_order(names: list[str], round_index: int) -> list[str]:
    """The builds' order in a round: flipped every round, so that neither
    always runs first (../shared/design/performance.md)."""
    return names if round_index % 2 == 0 else names[::-1]
