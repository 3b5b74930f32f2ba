"""What the progress store returns: small frozen records; datetimes are tz-aware UTC.

>>> PracticeStats(attempts=5, correct=4, streak=3).correct
4
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..review import Rating

__all__ = [
    "ExerciseProgress",
    "CheckRecord",
    "CheckOutcome",
    "PracticeStats",
    "PracticeOutcome",
    "ReviewOutcome",
    "DueReview",
    "ConceptReview",
    "Summary",
    "Snapshot",
    "Recovered",
    "time_text",
    "parse_time",
]


def time_text(at: datetime) -> str:
    """How the file stores a time: fixed-width UTC text, so text order is time order.

    >>> time_text(datetime(2026, 1, 1, 12, tzinfo=timezone.utc))
    '2026-01-01T12:00:00.000000+00:00'
    """
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_time(text: str | None) -> datetime | None:
    """The datetime (UTC) that :func:`time_text` wrote; None stays None."""
    return None if text is None else datetime.fromisoformat(text).astimezone(timezone.utc)


@dataclass(frozen=True)
class ExerciseProgress:
    """Where the learner stands on one exercise, counted since its last reset.

    ``status`` is ``"not_started"`` (no check yet), ``"attempted"`` (checked, never
    passed) or ``"passed"`` (some check passed; a later failing check does not undo it,
    see ``last_passed``). ``attempts`` counts checks; ``passed_at`` is the first pass;
    ``last_status`` and ``last_passed`` are the grader's verdict of the latest check.
    """

    exercise_id: str
    status: str
    attempts: int
    passed_at: datetime | None
    last_checked_at: datetime | None
    hints_shown: int
    last_status: str | None
    last_passed: bool | None


@dataclass(frozen=True)
class CheckRecord:
    """One recorded check: the grader's ``status``, ``passed`` and its ``details``."""

    id: int
    exercise_id: str
    at: datetime
    status: str
    passed: bool
    details: dict


@dataclass(frozen=True)
class ReviewOutcome:
    """A review given to a concept's card: its ``rating`` and the next ``due`` time."""

    concept_id: str
    rating: Rating
    due: datetime


@dataclass(frozen=True)
class CheckOutcome:
    """What :meth:`ProgressStore.record_check` did: the new row's id, the exercise's
    progress after it, and the reviews it gave (empty when the rules give none)."""

    event_id: int
    progress: ExerciseProgress
    reviews: tuple[ReviewOutcome, ...]


@dataclass(frozen=True)
class PracticeStats:
    """Practice on one topic: answers given, correct ones, and the current run of correct."""

    attempts: int
    correct: int
    streak: int


@dataclass(frozen=True)
class PracticeOutcome:
    """What :meth:`ProgressStore.record_practice` did (as :class:`CheckOutcome`)."""

    event_id: int
    stats: PracticeStats
    reviews: tuple[ReviewOutcome, ...]


@dataclass(frozen=True)
class DueReview:
    """A concept whose review is due: when, and the probability of recall now."""

    concept_id: str
    due: datetime
    retrievability: float


@dataclass(frozen=True)
class ConceptReview:
    """A concept's card: next ``due``, FSRS ``state`` ("learning", "review",
    "relearning"), ``stability`` (days) and ``difficulty`` (1-10; both None before the
    first review), ``last_review``, ``retrievability`` now, and counts of ``reviews``
    and of ``lapses`` (Again ratings)."""

    concept_id: str
    due: datetime
    state: str
    stability: float | None
    difficulty: float | None
    last_review: datetime | None
    retrievability: float
    reviews: int
    lapses: int


@dataclass(frozen=True)
class Summary:
    """The dashboard's numbers.

    ``exercises_attempted`` counts exercises checked but not passed yet.
    ``streak_days`` counts consecutive days with any activity, ending today, or
    yesterday while today has none yet (days in the learner's time zone).
    """

    exercises_passed: int
    exercises_attempted: int
    lessons_read: int
    practice_attempts: int
    practice_correct: int
    concepts_reviewable: int
    reviews_due: int
    streak_days: int
    last_active: datetime | None


@dataclass(frozen=True, eq=False)
class Snapshot:
    """An in-memory copy of the progress file, taken by :meth:`ProgressStore.snapshot`.

    ``identity`` is the file's (device, inode) and ``fingerprint`` the SHA-256 of its
    bytes then: a file with both unchanged is intact without further checks.
    """

    path: Path
    identity: tuple[int, int]
    fingerprint: str
    copy: sqlite3.Connection

    def close(self) -> None:
        """Free the copy (:meth:`ProgressStore.ensure_intact` does it when done)."""
        self.copy.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover` did: where the damaged file went (None when the file was
    healthy and nothing was moved), how many rows were saved per table, and a message."""

    backup: Path | None
    salvaged: dict[str, int]
    message: str
