"""Interleaved A/B trials (../shared/design/performance.md): every measurement
of a row runs once per round next to its peer, the order flipping from round
to round, and every ratio is taken within a round."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ratio:
    row: str
    what: str
    unit: str  # of the two sides
    guestvoice: str  # measurement names
    peer: str
    peer_label: str
    # The ratio as the issue states it: guestvoice / peer, or peer / guestvoice
    # for times (higher is better either way), or guestvoice / peer for the
    # CPU cost ratio of R2 (lower is better).
    peer_over_guestvoice: bool
    target: str
    met: Callable[[float], bool]

    def of(self, values: dict[str, float]) -> float:
        a, b = values[self.guestvoice], values[self.peer]
        return b / a if self.peer_over_guestvoice else a / b


@dataclass
class Rounds:
    """Measurement values per round, and the 1-minute load average at each."""

    values: list[dict[str, float]] = field(default_factory=list)
    load_averages: list[float] = field(default_factory=list)

    def run(self, groups: list[list[tuple[str, Callable[[], float]]]],
            log: Callable[[str], None]) -> None:
        this_round: dict[str, float] = {}
        flip = len(self.values) % 2 == 1
        for group in groups:
            for name, measure in (reversed(group) if flip else group):
                self.load_averages.append(os.getloadavg()[0])
                this_round[name] = measure()
                log(f"  {name}: {this_round[name]:.4g}")
        self.values.append(this_round)

    def median(self, name: str) -> float:
        return statistics.median(values[name] for values in self.values)

    def ratios(self, ratio: Ratio) -> list[float]:
        return [ratio.of(values) for values in self.values]


def median_ms(call: Callable[[], object], calls: int) -> float:
    """The median wall time of `calls` sequential calls, in milliseconds."""
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)
