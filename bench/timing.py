"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable


def percentiles_ms(samples_s: list[float]) -> dict[str, float]:
    """p50 and p95 of `samples_s` (seconds) in milliseconds, rounded to 0.01."""
    ordered = sorted(samples_s)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered) * 1000, 2), "p95": round(p95 * 1000, 2)}


def time_calls(call: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls of `call`."""
    samples: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentile_points_ms(samples_s: list[float], points: tuple[int, ...] = (50, 95, 99)) -> dict[str, float]:
    """The given percentiles (nearest rank) of `samples_s` (seconds) in ms, keyed "p50", "p95", ..."""
    ordered = sorted(samples_s)
    last = len(ordered) - 1
    return {f"p{p}": round(ordered[min(last, round(p / 100 * last))] * 1000, 2) for p in points}
