"""The progress store's costs: opening, recording, the dashboard, snapshot and restore.

``python -m benchmarks.course_progress [--events 10000] [--repeat 15]`` fills a progress
file the size of a long course (checks, hints, practice answers, lessons, reviews), then
prints the median time of each operation the CLI calls, on a small and on that file.
Writes use synchronous=FULL, so they include an fsync: the disk sets their cost.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from mathforml.course.progress import ProgressStore

START = datetime(2026, 1, 1, 8, tzinfo=timezone.utc)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def _fill(store: ProgressStore, events: int) -> None:
    """About ``events`` rows spread over a year: 40 % checks, 40 % practice, the rest
    hints and lessons, over 60 exercises, 30 topics and 80 concepts."""
    with store._write("filling the benchmark file") as conn:  # one transaction: fast fill
        for i in range(events):
            at = (START + timedelta(minutes=50 * i)).isoformat(timespec="microseconds")
            kind = i % 5
            if kind in (0, 1):
                conn.execute("INSERT INTO exercise_events (exercise_id, kind, at, status, passed,"
                             " details) VALUES (?, 'check', ?, 'failed', 0, '{\"n\": 1}')",
                             (f"ex{i % 60}", at))
            elif kind in (2, 3):
                conn.execute("INSERT INTO practice_answers (topic_id, at, seed, answer, correct)"
                             " VALUES (?, ?, ?, '3/4', ?)", (f"topic{i % 30}", at, i, i % 3 > 0))
            elif i % 2:
                conn.execute("INSERT INTO exercise_events (exercise_id, kind, at) "
                             "VALUES (?, 'hint', ?)", (f"ex{i % 60}", at))
            else:
                conn.execute("INSERT INTO lesson_reads (lesson_id, at) VALUES (?, ?)",
                             (f"lesson{i % 40}", at))
    last = START + timedelta(minutes=50 * events)
    for k in range(80):
        store.review(f"concept{k}", "good", last - timedelta(days=k))


def _import_ms(module: str, repeat: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; " \
           f"print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(repeat)]
    return 1000 * statistics.median(runs)


def _measure(home: Path, size: int, repeat: int) -> list[tuple[str, str, float]]:
    label = f"{size} events"
    rows = [("ProgressStore.open + close", label,
             _median_ms(lambda: ProgressStore.open(home).close(), repeat))]
    now = START + timedelta(minutes=50 * size + 1)
    counter = iter(range(10**9))

    def deleted_and_restored():
        snap = store.snapshot()
        store.path.unlink()
        return store.ensure_intact(snap)

    with ProgressStore.open(home) as store:
        rows += [
            ("record_check (+ FSRS review)", label, _median_ms(
                lambda: store.record_check(f"bench{next(counter)}", "passed", True, {"n": 1},
                                           now, concepts=["bench"]), repeat)),
            ("record_practice", label, _median_ms(
                lambda: store.record_practice("topic0", next(counter), "1", True, now), repeat)),
            ("take_hint", label, _median_ms(lambda: store.take_hint("ex1", now), repeat)),
            ("stats (dashboard)", label, _median_ms(lambda: store.stats(now), repeat)),
            ("all_exercises", label, _median_ms(store.all_exercises, repeat)),
            ("due_reviews", label, _median_ms(
                lambda: store.due_reviews(now + timedelta(days=30)), repeat)),
            ("snapshot + ensure_intact (intact)", label, _median_ms(
                lambda: store.ensure_intact(store.snapshot()), repeat)),
            ("snapshot + delete + restore", label,
             _median_ms(deleted_and_restored, max(3, repeat // 3))),
        ]
    return rows


def run(events: int = 10_000, repeat: int = 15) -> list[tuple[str, str, float]]:
    rows = [
        ("import mathforml.errors (numpy; the base)", "-", _import_ms("mathforml.errors", 5)),
        ("import mathforml.course.progress", "-", _import_ms("mathforml.course.progress", 5)),
    ]
    with tempfile.TemporaryDirectory(prefix="mathforml-bench-") as tmp:
        for size in (0, events):
            home = Path(tmp) / f"home{size}"
            with ProgressStore.open(home, fuzz=False) as store:
                if size:
                    _fill(store, size)
            rows += _measure(home, size, repeat)
    return rows


def format_table(rows: list[tuple[str, str, float]]) -> str:
    width = max(len(name) for name, _, _ in rows)
    lines = [f"{'operation':<{width}}  {'file':>12}  {'median ms':>9}",
             f"{'-' * width}  {'-' * 12}  {'-' * 9}"]
    lines += [f"{name:<{width}}  {size:>12}  {ms:9.2f}" for name, size, ms in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.course_progress",
                                     description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"progress store, medians of {args.repeat} runs (Python {sys.version.split()[0]})")
    print(format_table(run(args.events, args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
