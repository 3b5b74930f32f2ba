"""The learner's progress: one SQLite file, every write a transaction.

:class:`ProgressStore` records what the learner does (checks, hints, resets, lessons
read, practice answers, reviews) as rows appended to logs, and computes everything else
from them, so a record once committed is never overwritten. Each write is one
``BEGIN IMMEDIATE ... COMMIT`` transaction with ``synchronous=FULL``: a process killed at
any moment leaves every committed record in place and nothing half-written (SQLite
rolls the unfinished transaction back on the next open).

Reviews: a check or a practice answer may also rate the FSRS cards of the concepts it
exercises, in the same transaction; the rules are in :mod:`mathforml.course.review`.

While the learner's code is graded it might delete or overwrite this file; take a
:meth:`ProgressStore.snapshot` before and call :meth:`ProgressStore.ensure_intact`
after, which puts the file back if anything happened to it.

>>> import tempfile
>>> from datetime import datetime, timezone
>>> at = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
>>> with tempfile.TemporaryDirectory() as home, ProgressStore.open(home, fuzz=False) as store:
...     store.take_hint("dot_product", at=at)
...     outcome = store.record_check("dot_product", "passed", True, {}, at,
...                                  concepts=["dot_product"])
...     outcome.progress.status, outcome.reviews[0].rating.name, outcome.reviews[0].due.day
1
('passed', 'HARD', 6)
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from mathforml.errors import ParameterError, ProgressStoreError

from ..review import (
    LAPSE_WINDOW,
    Rating,
    as_utc,
    card_state,
    new_card,
    parse_rating,
    rating_for_check,
    rating_for_practice,
    retrievability,
    schedule,
)
from .damage import (
    BUSY_TIMEOUT,
    error_from_sqlite,
    file_damaged,
    file_moved,
    move_aside,
    open_checked,
    store_error,
)
from .migrations import APPEND_ONLY_TABLES, migrate
from .paths import progress_file
from .records import (
    CheckOutcome,
    CheckRecord,
    ConceptReview,
    DueReview,
    ExerciseProgress,
    PracticeOutcome,
    PracticeStats,
    ReviewOutcome,
    Snapshot,
    Summary,
    parse_time,
    time_text,
)

__all__ = ["ProgressStore"]

_INT64 = (-(2**63), 2**63 - 1)


# Helpers: argument checks, JSON, digests of the logs.


def _check_id(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{where}: {name} must be a non-empty string, got {value!r}")
    return value


def _check_bool(value: Any, name: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ParameterError(f"{where}: {name} must be True or False, got {value!r}")
    return value


def _check_concepts(concepts: Iterable[str], where: str) -> tuple[str, ...]:
    if isinstance(concepts, str):
        raise ParameterError(f"{where}: concepts must be a list of concept ids, got the "
                             f"string {concepts!r}; write [{concepts!r}]")
    return tuple(dict.fromkeys(_check_id(c, "each concept", where) for c in concepts))


def _jsonable(value: Any) -> Any:
    # NumPy arrays and scalars in the grader's details: their Python equivalents.
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _digest(conn: sqlite3.Connection, table: str, last_id: int) -> str:
    import hashlib  # here, not at the top: OpenSSL loads in ms the dashboard need not pay

    hasher = hashlib.sha256()
    for row in conn.execute(f"SELECT * FROM {table} WHERE id <= ? ORDER BY id", (last_id,)):
        hasher.update(repr(row).encode())
    return hasher.hexdigest()


def _file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


# Progress of exercises, computed from the event log. Rows since the last reset count
# (the reset row itself is kept so that an exercise reset to nothing still appears).
_PROGRESS_SQL = """
WITH resets AS (
    SELECT exercise_id, max(id) AS reset_id FROM exercise_events
    WHERE kind = 'reset' {filter} GROUP BY exercise_id
), counted AS (
    SELECT e.exercise_id,
           sum(e.kind = 'check') AS attempts,
           sum(e.kind = 'hint') AS hints,
           min(CASE WHEN e.kind = 'check' AND e.passed = 1 THEN e.at END) AS passed_at,
           max(CASE WHEN e.kind = 'check' THEN e.id END) AS last_check
    FROM exercise_events AS e LEFT JOIN resets AS r ON r.exercise_id = e.exercise_id
    WHERE e.id >= coalesce(r.reset_id, 0) {filter_e}
    GROUP BY e.exercise_id
)
SELECT c.exercise_id, c.attempts, c.hints, c.passed_at, last.at, last.status, last.passed
FROM counted AS c LEFT JOIN exercise_events AS last ON last.id = c.last_check
"""


def _progress_from_row(row: tuple) -> ExerciseProgress:
    exercise_id, attempts, hints, passed_at, last_at, last_status, last_passed = row
    status = "passed" if passed_at is not None else "attempted" if attempts else "not_started"
    return ExerciseProgress(
        exercise_id=exercise_id, status=status, attempts=attempts, passed_at=parse_time(passed_at),
        last_checked_at=parse_time(last_at), hints_shown=hints, last_status=last_status,
        last_passed=None if last_passed is None else bool(last_passed))


def _not_started(exercise_id: str) -> ExerciseProgress:
    return ExerciseProgress(exercise_id, "not_started", 0, None, None, 0, None, None)


# Checks, hints, lessons, practice and hand-rated reviews are activity (reviews a
# check or practice answer caused are already counted through it).
_ACTIVE_SQL = """
SELECT EXISTS (SELECT 1 FROM exercise_events WHERE at >= :start AND at < :end)
    OR EXISTS (SELECT 1 FROM lesson_reads WHERE at >= :start AND at < :end)
    OR EXISTS (SELECT 1 FROM practice_answers WHERE at >= :start AND at < :end)
    OR EXISTS (SELECT 1 FROM reviews WHERE at >= :start AND at < :end AND source = 'review')
"""


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    naive = datetime(day.year, day.month, day.day)
    # astimezone() on a naive datetime reads it as the computer's local time.
    return naive.astimezone() if tz is None else naive.replace(tzinfo=tz)


def _active_on(conn: sqlite3.Connection, day: date, tz: tzinfo | None) -> bool:
    bounds = {"start": time_text(_midnight(day, tz)),
              "end": time_text(_midnight(day + timedelta(days=1), tz))}
    return bool(conn.execute(_ACTIVE_SQL, bounds).fetchone()[0])


class ProgressStore:
    """The learner's progress file. Open it with :meth:`open`; use it as a context manager.

    One store object serves one thread at a time (a lock makes it safe to share);
    several processes may open the same file (``watch`` and another command), each
    write waiting up to ``timeout`` seconds for the others.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, *, fuzz: bool,
                 timeout: float) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = conn
        self._fuzz = fuzz
        self._timeout = timeout
        self._lock = threading.RLock()
        self._identity = self._stat_identity()

    # Opening and closing.

    @classmethod
    def open(cls, data_dir: Path | str, *, fuzz: bool = True,
             timeout: float = BUSY_TIMEOUT) -> ProgressStore:
        """Open (creating if missing) the progress file in ``data_dir``.

        Parameters
        ----------
        data_dir : Path or str
            The directory (see :func:`resolve_data_dir`); created if missing.
        fuzz : bool
            Spread review intervals at random a little (FSRS fuzzing); False in tests.
        timeout : float
            Seconds to wait for another process writing the same file.

        Raises
        ------
        ProgressStoreError
            The file is damaged (a copy is kept next to it first), is a directory, was
            written by a newer mathforml, cannot be read or written, or stays locked.
            ``error.kind`` says which (see :mod:`.damage`).
        """
        path = progress_file(data_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(
                "permission" if isinstance(exc, PermissionError) else "io", path,
                f"Cannot create the directory {os.path.abspath(path.parent)} for the "
                f"progress file ({exc.strerror}). Choose another directory with --data-dir "
                f"or $MATHFORML_HOME.") from exc
        if not path.parent.is_dir():
            raise store_error(
                "io", path, f"{os.path.abspath(path.parent)} is a file, not a directory; "
                            f"choose another directory with --data-dir or $MATHFORML_HOME.")
        conn = open_checked(path, timeout)
        try:
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise error_from_sqlite(path, exc, "updating the progress file's schema", None,
                                    timeout) from exc
        return cls(path, conn, fuzz=fuzz, timeout=timeout)

    @property
    def path(self) -> Path:
        """The progress file."""
        return self._path

    def close(self) -> None:
        """Close the file (every record is already committed). Calling it twice is fine."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Transactions.

    def _stat_identity(self) -> tuple[int, int]:
        st = os.stat(self._path)
        return st.st_dev, st.st_ino

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise store_error("closed", self._path,
                              f"The progress store for {self._path} is closed; open it "
                              f"again with ProgressStore.open.")
        return self._conn

    @contextmanager
    def _transaction(self, action: str, *, write: bool) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            if write:
                # Never write into a file that was deleted or swapped under us: the rows
                # would go to a file nobody will read again.
                try:
                    same = self._stat_identity() == self._identity
                except OSError:
                    same = False
                if not same:
                    raise store_error(
                        "replaced", self._path,
                        f"The progress file {os.path.abspath(self._path)} was deleted or "
                        f"replaced while mathforml was running, so {action} was not saved. "
                        f"Run the command again.")
            try:
                # IMMEDIATE takes the write lock first: a deferred transaction that
                # upgrades from read to write can fail with "locked" without waiting.
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise error_from_sqlite(self._path, exc, action, None, self._timeout) from exc

    def _write(self, action: str):
        return self._transaction(action, write=True)

    def _read(self, action: str):
        return self._transaction(action, write=False)

    # Exercises.

    def _progress(self, conn: sqlite3.Connection, exercise_id: str) -> ExerciseProgress:
        sql = _PROGRESS_SQL.format(filter="AND exercise_id = :id",
                                   filter_e="AND e.exercise_id = :id")
        row = conn.execute(sql, {"id": exercise_id}).fetchone()
        return _not_started(exercise_id) if row is None else _progress_from_row(row)

    def record_check(self, exercise_id: str, status: str, passed: bool,
                     details: dict | None = None, at: datetime | None = None, *,
                     concepts: Iterable[str] = ()) -> CheckOutcome:
        """Record a graded check, and review the exercise's concepts by the rules.

        Parameters
        ----------
        exercise_id : str
        status : str
            The grader's verdict, kept as given (e.g. ``"passed"``, ``"failed"``,
            ``"timeout"``).
        passed : bool
        details : dict, optional
            Anything JSON can hold (NumPy values are converted); shown back by
            :meth:`check_history`.
        at : datetime, optional
            When (tz-aware; default now).
        concepts : iterable of str
            The concepts the exercise teaches; their cards are created or rated per
            :func:`mathforml.course.review.rating_for_check`.

        Returns
        -------
        CheckOutcome
        """
        where = "record_check"
        _check_id(exercise_id, "exercise_id", where)
        _check_id(status, "status", where)
        _check_bool(passed, "passed", where)
        if details is not None and not isinstance(details, dict):
            raise ParameterError(f"{where}: details must be a dict, got {type(details).__name__}")
        concepts = _check_concepts(concepts, where)
        at = as_utc(at, where)
        details_json = json.dumps(details or {}, default=_jsonable, sort_keys=True)
        with self._write("recording the check") as conn:
            before = self._progress(conn, exercise_id)
            event_id = conn.execute(
                "INSERT INTO exercise_events (exercise_id, kind, at, status, passed, details) "
                "VALUES (?, 'check', ?, ?, ?, ?)",
                (exercise_id, time_text(at), status, int(passed), details_json)).lastrowid
            recent_failure = (before.last_passed is False and before.last_checked_at is not None
                              and before.last_checked_at > at - LAPSE_WINDOW)
            reviews = []
            for concept in concepts:
                rating = rating_for_check(
                    passed=passed, already_passed=before.status == "passed",
                    earlier_attempts=before.attempts, hints_shown=before.hints_shown,
                    reviewable=self._card(conn, concept) is not None,
                    recent_failure=recent_failure)
                if rating is not None:
                    reviews.append(self._review(conn, concept, rating, at, "check", event_id))
            progress = self._progress(conn, exercise_id)
        return CheckOutcome(event_id, progress, tuple(reviews))

    def exercise_progress(self, exercise_id: str) -> ExerciseProgress:
        """The exercise's progress (``status="not_started"`` if never seen)."""
        _check_id(exercise_id, "exercise_id", "exercise_progress")
        with self._read("reading an exercise's progress") as conn:
            return self._progress(conn, exercise_id)

    def all_exercises(self) -> dict[str, ExerciseProgress]:
        """The progress of every exercise with any recorded event, by exercise id."""
        sql = _PROGRESS_SQL.format(filter="", filter_e="")
        with self._read("reading the exercises' progress") as conn:
            rows = conn.execute(sql).fetchall()
        return {row[0]: _progress_from_row(row) for row in sorted(rows)}

    def check_history(self, exercise_id: str, limit: int | None = None) -> list[CheckRecord]:
        """The exercise's checks, newest first (resets do not erase them)."""
        _check_id(exercise_id, "exercise_id", "check_history")
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise ParameterError(f"check_history: limit must be None or an int >= 0, "
                                 f"got {limit!r}")
        sql = ("SELECT id, exercise_id, at, status, passed, details FROM exercise_events "
               "WHERE exercise_id = ? AND kind = 'check' ORDER BY id DESC LIMIT ?")
        with self._read("reading the check history") as conn:
            rows = conn.execute(sql, (exercise_id, -1 if limit is None else limit)).fetchall()
        return [CheckRecord(i, e, parse_time(t), s, bool(p), json.loads(d))
                for i, e, t, s, p, d in rows]

    def take_hint(self, exercise_id: str, at: datetime | None = None, *,
                  limit: int | None = None) -> int:
        """Show one more hint: returns how many hints are shown now (1, 2, ...).

        With ``limit`` (the exercise's number of hints), asking past the last hint
        records nothing and returns ``limit``.
        """
        where = "take_hint"
        _check_id(exercise_id, "exercise_id", where)
        at = as_utc(at, where)
        with self._write("recording the hint") as conn:
            shown = self._progress(conn, exercise_id).hints_shown
            if limit is not None and shown >= limit:
                return limit
            conn.execute("INSERT INTO exercise_events (exercise_id, kind, at) "
                         "VALUES (?, 'hint', ?)", (exercise_id, time_text(at)))
            return shown + 1

    def hints_shown(self, exercise_id: str) -> int:
        """How many hints of the exercise the learner has seen since its last reset."""
        return self.exercise_progress(exercise_id).hints_shown

    def reset_exercise(self, exercise_id: str, at: datetime | None = None) -> ExerciseProgress:
        """Start the exercise over: status and hints back to the start.

        The checks stay in the history and a reset row is recorded; review cards are
        kept (what the learner remembers does not change with a reset).
        """
        where = "reset_exercise"
        _check_id(exercise_id, "exercise_id", where)
        at = as_utc(at, where)
        with self._write("resetting the exercise") as conn:
            conn.execute("INSERT INTO exercise_events (exercise_id, kind, at) "
                         "VALUES (?, 'reset', ?)", (exercise_id, time_text(at)))
            return self._progress(conn, exercise_id)

    # Lessons.

    def mark_lesson_read(self, lesson_id: str, at: datetime | None = None) -> None:
        """Record that the learner read the lesson (each reading counts as activity)."""
        _check_id(lesson_id, "lesson_id", "mark_lesson_read")
        at = as_utc(at, "mark_lesson_read")
        with self._write("recording the lesson read") as conn:
            conn.execute("INSERT INTO lesson_reads (lesson_id, at) VALUES (?, ?)",
                         (lesson_id, time_text(at)))

    def lessons_read(self) -> set[str]:
        """The ids of every lesson read at least once."""
        with self._read("reading the lessons read") as conn:
            return {row[0] for row in conn.execute("SELECT DISTINCT lesson_id FROM lesson_reads")}

    # Practice.

    def _practice_stats(self, conn: sqlite3.Connection, topic_id: str) -> PracticeStats:
        attempts, correct = conn.execute(
            "SELECT count(*), coalesce(sum(correct), 0) FROM practice_answers "
            "WHERE topic_id = ?", (topic_id,)).fetchone()
        streak = conn.execute(
            "SELECT count(*) FROM practice_answers WHERE topic_id = :t AND id > coalesce("
            "(SELECT max(id) FROM practice_answers WHERE topic_id = :t AND correct = 0), 0)",
            {"t": topic_id}).fetchone()[0]
        return PracticeStats(attempts, correct, streak)

    def record_practice(self, topic_id: str, seed: int, answer_text: str, correct: bool,
                        at: datetime | None = None, *,
                        concepts: Iterable[str] = ()) -> PracticeOutcome:
        """Record a practice answer, and review the topic's concepts by the rules.

        ``seed`` identifies the generated problem (see :meth:`practice_seeds_seen`);
        ``answer_text`` is what the learner typed; ``concepts`` as in
        :meth:`record_check`, rated per :func:`mathforml.course.review.rating_for_practice`.
        """
        where = "record_practice"
        _check_id(topic_id, "topic_id", where)
        if not isinstance(seed, int) or isinstance(seed, bool) or not (
                _INT64[0] <= seed <= _INT64[1]):
            raise ParameterError(f"{where}: seed must be an int that fits in 64 bits, "
                                 f"got {seed!r}")
        if not isinstance(answer_text, str):
            raise ParameterError(f"{where}: answer_text must be a string, got {answer_text!r}")
        _check_bool(correct, "correct", where)
        concepts = _check_concepts(concepts, where)
        at = as_utc(at, where)
        with self._write("recording the practice answer") as conn:
            previous = conn.execute(
                "SELECT correct, at FROM practice_answers WHERE topic_id = ? "
                "ORDER BY id DESC LIMIT 1", (topic_id,)).fetchone()
            recent_failure = (previous is not None and previous[0] == 0
                              and parse_time(previous[1]) > at - LAPSE_WINDOW)
            event_id = conn.execute(
                "INSERT INTO practice_answers (topic_id, at, seed, answer, correct) "
                "VALUES (?, ?, ?, ?, ?)",
                (topic_id, time_text(at), seed, answer_text, int(correct))).lastrowid
            reviews = []
            for concept in concepts:
                rating = rating_for_practice(
                    correct=correct, reviewable=self._card(conn, concept) is not None,
                    recent_failure=recent_failure)
                if rating is not None:
                    reviews.append(self._review(conn, concept, rating, at, "practice",
                                                event_id))
            stats = self._practice_stats(conn, topic_id)
        return PracticeOutcome(event_id, stats, tuple(reviews))

    def practice_stats(self, topic_id: str) -> PracticeStats:
        """Answers, correct answers and the current run of correct ones on the topic."""
        _check_id(topic_id, "topic_id", "practice_stats")
        with self._read("reading practice statistics") as conn:
            return self._practice_stats(conn, topic_id)

    def practice_seeds_seen(self, topic_id: str) -> set[int]:
        """The seeds of every problem of the topic already answered (pick a new one)."""
        _check_id(topic_id, "topic_id", "practice_seeds_seen")
        with self._read("reading practice seeds") as conn:
            return {row[0] for row in conn.execute(
                "SELECT DISTINCT seed FROM practice_answers WHERE topic_id = ?", (topic_id,))}

    # Reviews.

    @staticmethod
    def _card(conn: sqlite3.Connection, concept_id: str) -> tuple[int, str] | None:
        return conn.execute("SELECT id, card FROM cards WHERE concept_id = ?",
                            (concept_id,)).fetchone()

    @staticmethod
    def _create_card(conn: sqlite3.Connection, concept_id: str,
                     at: datetime) -> tuple[int, str]:
        card_id = conn.execute(
            "INSERT INTO cards (concept_id, created_at, due, card) VALUES (?, ?, ?, '')",
            (concept_id, time_text(at), time_text(at))).lastrowid
        card = new_card(card_id, at)
        conn.execute("UPDATE cards SET card = ? WHERE id = ?", (card, card_id))
        return card_id, card

    def _review(self, conn: sqlite3.Connection, concept_id: str, rating: Rating,
                at: datetime, source: str, source_id: int | None) -> ReviewOutcome:
        found = self._card(conn, concept_id)
        card_id, card = found if found is not None else self._create_card(conn, concept_id, at)
        last = card_state(card)["last_review"]
        # FSRS counts elapsed days from the last review; never let them be negative.
        when = max(at, last) if last is not None else at
        card, due = schedule(card, rating, when, fuzz=self._fuzz)
        due_text = time_text(due)
        conn.execute("UPDATE cards SET card = ?, due = ? WHERE id = ?", (card, due_text, card_id))
        conn.execute(
            "INSERT INTO reviews (concept_id, card_id, at, rating, source, source_id, due, card) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (concept_id, card_id, time_text(when), int(rating), source, source_id, due_text, card))
        return ReviewOutcome(concept_id, rating, due)

    def ensure_card(self, concept_id: str, at: datetime | None = None) -> bool:
        """Make the concept reviewable: a card due at ``at``. True if it was created now.

        :meth:`record_check` and :meth:`record_practice` do this themselves on the first
        success and count that success as the card's first review.
        """
        _check_id(concept_id, "concept_id", "ensure_card")
        at = as_utc(at, "ensure_card")
        with self._write("creating the review card") as conn:
            if self._card(conn, concept_id) is not None:
                return False
            self._create_card(conn, concept_id, at)
            return True

    def review(self, concept_id: str, rating: Rating | int | str,
               at: datetime | None = None) -> ReviewOutcome:
        """Rate a review of the concept by hand (creating its card if needed).

        ``rating``: a :class:`~mathforml.course.review.Rating`, 1-4, or a name
        ("again", "hard", "good", "easy").
        """
        _check_id(concept_id, "concept_id", "review")
        rating = parse_rating(rating)
        at = as_utc(at, "review")
        with self._write("recording the review") as conn:
            return self._review(conn, concept_id, rating, at, "review", None)

    def due_reviews(self, now: datetime | None = None) -> list[DueReview]:
        """Concepts due for review at ``now``, most urgent first.

        Most urgent means least likely to be recalled now (lowest retrievability), then
        the longest overdue.
        """
        now = as_utc(now, "due_reviews")
        with self._read("reading the reviews due") as conn:
            rows = conn.execute("SELECT concept_id, due, card FROM cards WHERE due <= ? "
                                "ORDER BY due, concept_id", (time_text(now),)).fetchall()
        due = [DueReview(c, parse_time(d), retrievability(card, now)) for c, d, card in rows]
        return sorted(due, key=lambda r: (r.retrievability, r.due, r.concept_id))

    def concept_review(self, concept_id: str,
                       now: datetime | None = None) -> ConceptReview | None:
        """The concept's card, or None if the concept is not reviewable yet."""
        _check_id(concept_id, "concept_id", "concept_review")
        now = as_utc(now, "concept_review")
        with self._read("reading a review card") as conn:
            row = conn.execute("SELECT due, card FROM cards WHERE concept_id = ?",
                               (concept_id,)).fetchone()
            if row is None:
                return None
            reviews, lapses = conn.execute(
                "SELECT count(*), coalesce(sum(rating = 1), 0) FROM reviews "
                "WHERE concept_id = ?", (concept_id,)).fetchone()
        state = card_state(row[1])
        return ConceptReview(concept_id, parse_time(row[0]), state["state"], state["stability"],
                             state["difficulty"], state["last_review"],
                             retrievability(row[1], now), reviews, lapses)

    # The dashboard.

    def stats(self, now: datetime | None = None, tz: tzinfo | None = None) -> Summary:
        """The dashboard's numbers at ``now``; days for the streak are counted in ``tz``
        (default: the computer's local time zone)."""
        now = as_utc(now, "stats")
        exercises = self.all_exercises()
        with self._read("reading the summary") as conn:
            practice_attempts, practice_correct = conn.execute(
                "SELECT count(*), coalesce(sum(correct), 0) FROM practice_answers").fetchone()
            lessons = conn.execute(
                "SELECT count(DISTINCT lesson_id) FROM lesson_reads").fetchone()[0]
            reviewable, due = conn.execute(
                "SELECT count(*), coalesce(sum(due <= ?), 0) FROM cards",
                (time_text(now),)).fetchone()
            last = conn.execute(
                "SELECT max(at) FROM (SELECT max(at) AS at FROM exercise_events UNION ALL "
                "SELECT max(at) FROM lesson_reads UNION ALL SELECT max(at) FROM "
                "practice_answers UNION ALL SELECT max(at) FROM reviews)").fetchone()[0]
            # Walk back from today, one indexed look-up per day, while days are active.
            day = now.astimezone(tz).date()
            if not _active_on(conn, day, tz):
                day -= timedelta(days=1)  # today is not over: yesterday may continue it
            streak = 0
            while _active_on(conn, day, tz):
                streak += 1
                day -= timedelta(days=1)
        statuses = [p.status for p in exercises.values()]
        return Summary(
            exercises_passed=statuses.count("passed"),
            exercises_attempted=statuses.count("attempted"),
            lessons_read=lessons, practice_attempts=practice_attempts,
            practice_correct=practice_correct, concepts_reviewable=reviewable,
            reviews_due=due, streak_days=streak, last_active=parse_time(last))

    # Protection from the learner's own code.

    def snapshot(self) -> Snapshot:
        """An in-memory copy of the file (SQLite's backup API: about a millisecond).

        Take it before running the learner's code; pass it to :meth:`ensure_intact` after.
        """
        with self._lock:
            conn = self._connection()
            copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            try:
                # One read transaction: its shared lock keeps other processes from
                # writing while the copy and the fingerprint are taken, so they agree.
                conn.execute("BEGIN")
                try:
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    conn.backup(copy)
                    fingerprint = _file_digest(self._path)
                finally:
                    conn.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                copy.close()
                if isinstance(exc, OSError):
                    raise store_error("io", self._path, f"Could not read the progress file "
                                      f"{os.path.abspath(self._path)} ({exc.strerror}).") from exc
                raise error_from_sqlite(self._path, exc, "copying the progress file", None,
                                        self._timeout) from exc
            return Snapshot(self._path, self._identity, fingerprint, copy)

    def ensure_intact(self, snapshot: Snapshot) -> str | None:
        """Check the file after the learner's code ran; restore it from ``snapshot`` if hurt.

        The file must still exist and be the same file (device and inode). If its bytes
        are unchanged, that is all. If they changed (another command may have recorded
        something meanwhile, e.g. ``watch`` in another terminal), it must pass
        ``PRAGMA quick_check`` and still hold every row the snapshot held, unchanged.
        Otherwise the file as it was left is moved aside to
        ``progress.sqlite3.damaged-<time>``, the snapshot is written in its place and
        the store reopened on it.

        Returns
        -------
        str or None
            None if the file was intact, else a message for the learner saying what
            happened and where the damaged file was kept. The snapshot is closed either way.
        """
        with self._lock, snapshot:
            problem = file_moved(self._path, snapshot.identity)
            if problem is None:
                try:
                    if _file_digest(self._path) == snapshot.fingerprint:
                        return None
                except OSError as exc:
                    problem = f"could not be read any more ({exc.strerror})"
            if problem is None:
                problem = file_damaged(self._path, self._timeout) or self._tampered(snapshot)
            if problem is None:
                return None
            backup = self._restore(snapshot)
        kept = f" The file as it was left is kept at {backup}." if backup is not None else ""
        return (f"The progress file {os.path.abspath(self._path)} {problem} while your code "
                f"was running. It was restored from the copy taken just before, so nothing "
                f"recorded was lost.{kept}")

    def _tampered(self, snapshot: Snapshot) -> str | None:
        """Whether a row the snapshot holds is missing or different in the file."""
        try:
            conn = sqlite3.connect(str(self._path), timeout=self._timeout, isolation_level=None)
        except sqlite3.Error as exc:
            return f"could not be opened any more ({exc})"
        try:
            for table in APPEND_ONLY_TABLES:
                last_id = snapshot.copy.execute(
                    f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
                if _digest(conn, table, last_id) != _digest(snapshot.copy, table, last_id):
                    return "had recorded rows deleted or changed"
        except sqlite3.Error as exc:
            return f"was damaged ({exc})"
        finally:
            conn.close()
        return None

    def _restore(self, snapshot: Snapshot) -> Path | None:
        path = self._path
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        try:
            backup = move_aside(path) if os.path.lexists(path) else None
            journal = Path(f"{path}-journal")
            if os.path.lexists(journal):
                # An orphaned journal would be "rolled back" into the restored file.
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
                os.replace(journal, path.with_name(f"{path.name}.orphan-journal-{stamp}"))
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = path.with_name(f"{path.name}.restoring")
            if os.path.lexists(staging):
                os.unlink(staging)
            target = sqlite3.connect(str(staging), isolation_level=None)
            try:
                snapshot.copy.backup(target)
            finally:
                target.close()
            os.replace(staging, path)
            self._conn = open_checked(path, self._timeout)
            self._identity = self._stat_identity()
        except (OSError, sqlite3.Error, ProgressStoreError) as exc:
            raise self._rescue_failed_restore(snapshot, exc) from exc
        return backup

    def _rescue_failed_restore(self, snapshot: Snapshot, exc: Exception) -> ProgressStoreError:
        # The data dir is unusable (permissions, disk full...): put the snapshot where it
        # can be written, so the learner can copy it back by hand.
        import tempfile

        try:
            fd, rescue = tempfile.mkstemp(prefix="mathforml-progress-rescue-", suffix=".sqlite3")
            os.close(fd)
            target = sqlite3.connect(rescue, isolation_level=None)
            try:
                snapshot.copy.backup(target)
            finally:
                target.close()
            saved = f"A copy of your progress is saved at {rescue}; move it to {self._path}."
        except (OSError, sqlite3.Error):
            saved = "No copy could be saved either."
        return store_error(
            "io", self._path,
            f"The progress file {os.path.abspath(self._path)} was damaged while your code was "
            f"running, and restoring it failed ({exc}). {saved}")
