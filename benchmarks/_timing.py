"""Interleaved timing: the machine's speed drifts (up to 2x here), so ours and the
reference are timed alternately in one process and compared as a ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(ours: Callable[[], object], reference: Callable[[], object], *,
                repeat: int = 7, budget: float = 20.0) -> tuple[float, float]:
    """Median seconds of ``ours`` and ``reference``, run alternately.

    Each is called once first to warm caches and imports. Stops early when the
    time ``budget`` (seconds) is spent, after at least three rounds.
    """
    ours()
    reference()
    t_ours, t_ref = [], []
    start = time.perf_counter()
    for i in range(repeat):
        for fn, bucket in ((ours, t_ours), (reference, t_ref)) if i % 2 == 0 else (
            (reference, t_ref), (ours, t_ours)
        ):
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
        if i >= 2 and time.perf_counter() - start > budget:
            break
    return statistics.median(t_ours), statistics.median(t_ref)
