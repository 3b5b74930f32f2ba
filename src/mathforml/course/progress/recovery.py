"""Starting afresh after damage, without losing what can still be read: :func:`recover`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mathforml.errors import ProgressStoreError

from ..review import card_state
from .damage import move_aside, salvage, store_error
from .migrations import APPEND_ONLY_TABLES
from .paths import progress_file
from .records import Recovered, parse_time
from .store import ProgressStore

__all__ = ["recover"]


def _plausible(row: dict, names: tuple[str, ...]) -> bool:
    """A salvaged row has every column, and its times and card JSON still parse."""
    if any(name not in row for name in names):
        return False
    try:
        for name in ("at", "due", "created_at"):
            if name in names:
                parse_time(row[name])
        if "card" in names:
            card_state(row["card"])
        if "details" in names and row["details"] is not None:
            json.loads(row["details"])
    except (TypeError, ValueError, KeyError, AttributeError):
        return False
    return True


def _import(store: ProgressStore, rows: dict[str, list[dict]]) -> dict[str, int]:
    """Insert salvaged rows with their ids; rows that break a constraint are skipped."""
    columns = {
        "exercise_events": ("id", "exercise_id", "kind", "at", "status", "passed", "details"),
        "lesson_reads": ("id", "lesson_id", "at"),
        "practice_answers": ("id", "topic_id", "at", "seed", "answer", "correct"),
        "reviews": ("id", "concept_id", "card_id", "at", "rating", "source", "source_id",
                    "due", "card"),
        "cards": ("id", "concept_id", "created_at", "due", "card"),
    }
    counts = {}
    with store._write("saving the salvaged records") as conn:
        for table, names in columns.items():
            saved = 0
            for row in rows.get(table, []):
                if not _plausible(row, names):
                    continue
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
                saved += cursor.rowcount
            counts[table] = saved
        # A card lost with its page comes back from its latest review.
        restored = conn.execute(
            "INSERT OR IGNORE INTO cards (id, concept_id, created_at, due, card) "
            "SELECT r.card_id, r.concept_id, first.at, r.due, r.card FROM reviews AS r "
            "JOIN (SELECT concept_id, max(id) AS last_id, min(at) AS at FROM reviews "
            "      GROUP BY concept_id) AS first ON r.id = first.last_id "
            "WHERE r.concept_id NOT IN (SELECT concept_id FROM cards)").rowcount
        counts["cards"] += max(restored, 0)
    return counts


def recover(data_dir: Path | str, *, fuzz: bool = True) -> Recovered:
    """Start a new progress file after damage, keeping the damaged one and what it holds.

    The damaged file (or the directory in its place) is moved to
    ``progress.sqlite3.damaged-<UTC time>`` next to it, a new file is created, and every
    row that can still be read from the damaged one is copied in. A healthy file is left
    alone. A file that is only locked, unreadable for permissions or from a newer
    mathforml is not damaged: its error is raised again, and nothing moves.

    Returns
    -------
    Recovered
    """
    path = progress_file(data_dir)
    try:
        ProgressStore.open(data_dir, fuzz=fuzz).close()
    except ProgressStoreError as exc:
        if getattr(exc, "kind", None) not in ("damaged", "directory"):
            raise
    else:
        return Recovered(None, {}, f"The progress file {os.path.abspath(path)} is healthy; "
                                   f"nothing to recover.")
    try:
        backup = move_aside(path)
    except OSError as exc:
        raise store_error("io", path, f"Could not move the damaged progress file "
                                      f"{os.path.abspath(path)} aside ({exc.strerror}).") from exc
    rows = salvage(backup, APPEND_ONLY_TABLES + ("cards",))
    with ProgressStore.open(data_dir, fuzz=fuzz) as store:
        counts = _import(store, rows)
    total = sum(counts[t] for t in APPEND_ONLY_TABLES)
    return Recovered(backup, counts, (
        f"Started a new progress file at {os.path.abspath(path)}, with {total} records "
        f"saved from the damaged one. The damaged file is kept at {backup}."))
