"""The progress file's schema, as an ordered list of migrations.

SQLite keeps a free integer in the file header, ``PRAGMA user_version``; here it is the
number of the last migration applied (0 for a new, empty file). Opening a file applies
every later migration in order, each in its own transaction together with the new
``user_version``, so a crash leaves the file at one version or the next, never between.
A file whose version is higher than the last migration here was written by a newer
mathforml; the store refuses it and leaves it untouched (see ``store.py``).

Migration 1 is the schema. Every table but ``cards`` is an append-only log of what the
learner did; everything the CLI shows (status, attempts, hints, streaks) is computed
from the logs, so nothing recorded is ever overwritten. ``cards`` holds the current FSRS
state of each concept and can be rebuilt from the ``reviews`` log, which keeps the card
after every review.

To change the schema, append a ``Migration(2, ...)``; never edit a released one.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(conn)
[1]
>>> schema_version(conn), migrate(conn)
(1, [])
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "APPLICATION_ID",
    "APPEND_ONLY_TABLES",
    "TABLES",
    "Migration",
    "MIGRATIONS",
    "LATEST_VERSION",
    "schema_version",
    "migrate",
]

# Written to the header (PRAGMA application_id) so that another program's SQLite file at
# the same path is recognised as "not a progress file". The bytes spell "MFML".
APPLICATION_ID = 0x4D464D4C


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``apply(conn)`` takes the file from ``version - 1`` to ``version``.

    ``apply`` runs inside a transaction the caller opened; it must not commit.
    """

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _run(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # One execute per statement: executescript() would COMMIT the open transaction.
        for statement in statements:
            conn.execute(statement)

    return apply


# Times are TEXT in one fixed-width form, '2026-01-01T12:00:00.000000+00:00' (UTC), so
# comparing strings compares instants and the `due` index answers "what is due now".
_SCHEMA_1 = _run(
    f"PRAGMA application_id = {APPLICATION_ID}",
    # checks, hints and resets of exercises in one log: one id sequence orders them, so
    # "since the last reset" is simply "id greater than the last reset's id".
    """CREATE TABLE exercise_events (
        id          INTEGER PRIMARY KEY,
        exercise_id TEXT    NOT NULL,
        kind        TEXT    NOT NULL CHECK (kind IN ('check', 'hint', 'reset')),
        at          TEXT    NOT NULL,
        status      TEXT,
        passed      INTEGER CHECK (passed IN (0, 1)),
        details     TEXT,
        CHECK ((kind = 'check') = (status IS NOT NULL AND passed IS NOT NULL
                                   AND details IS NOT NULL))
    )""",
    "CREATE INDEX exercise_events_by_exercise ON exercise_events (exercise_id, id)",
    # The `at` indexes answer "was the learner active that day?" for the streak.
    "CREATE INDEX exercise_events_by_time ON exercise_events (at)",
    """CREATE TABLE lesson_reads (
        id        INTEGER PRIMARY KEY,
        lesson_id TEXT NOT NULL,
        at        TEXT NOT NULL
    )""",
    "CREATE INDEX lesson_reads_by_time ON lesson_reads (at)",
    """CREATE TABLE practice_answers (
        id       INTEGER PRIMARY KEY,
        topic_id TEXT    NOT NULL,
        at       TEXT    NOT NULL,
        seed     INTEGER NOT NULL,
        answer   TEXT    NOT NULL,
        correct  INTEGER NOT NULL CHECK (correct IN (0, 1))
    )""",
    "CREATE INDEX practice_answers_by_topic ON practice_answers (topic_id, id)",
    "CREATE INDEX practice_answers_by_time ON practice_answers (at)",
    # cards.id is also the FSRS card_id, so ids never collide (fsrs' default is a clock).
    """CREATE TABLE cards (
        id         INTEGER PRIMARY KEY,
        concept_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        due        TEXT NOT NULL,
        card       TEXT NOT NULL
    )""",
    "CREATE INDEX cards_by_due ON cards (due)",
    # source_id points at the exercise_events or practice_answers row that caused the
    # review (NULL for a rating the learner gave by hand); card is the FSRS card after it.
    """CREATE TABLE reviews (
        id         INTEGER PRIMARY KEY,
        concept_id TEXT    NOT NULL,
        card_id    INTEGER NOT NULL,
        at         TEXT    NOT NULL,
        rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        source     TEXT    NOT NULL CHECK (source IN ('check', 'practice', 'review')),
        source_id  INTEGER,
        due        TEXT    NOT NULL,
        card       TEXT    NOT NULL
    )""",
    "CREATE INDEX reviews_by_concept ON reviews (concept_id, id)",
    "CREATE INDEX reviews_by_time ON reviews (at)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the schema: exercise events, lessons read, practice answers, FSRS cards",
              _SCHEMA_1),
)
LATEST_VERSION = MIGRATIONS[-1].version

# Tables only ever appended to: the store's tamper check compares them row by row.
APPEND_ONLY_TABLES = ("exercise_events", "lesson_reads", "practice_answers", "reviews")
# Every table of the latest schema: a file that lacks one is damaged.
TABLES = APPEND_ONLY_TABLES + ("cards",)


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied to the file (``PRAGMA user_version``)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection,
            migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply every migration newer than the file, in order, one transaction each.

    Parameters
    ----------
    conn : sqlite3.Connection
        Opened with ``isolation_level=None`` (the transactions here are explicit).
    migrations : sequence of Migration
        Numbered 1, 2, 3, ... without gaps.

    Returns
    -------
    list of int
        The versions applied now (empty when the file was up to date).

    Notes
    -----
    ``BEGIN IMMEDIATE`` takes the write lock before the version is read again, so when
    two processes open a new file at once, the second waits, then sees the migration
    already done and skips it. If a step raises, its transaction is rolled back and the
    file stays at the previous version.
    """
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        raise ValueError(f"migrate: migration versions must be 1..{len(migrations)} in order, "
                         f"got {[m.version for m in migrations]}")
    applied = []
    for migration in migrations:
        if schema_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) < migration.version:  # another process may have won
                migration.apply(conn)
                # PRAGMA takes no parameters; the version is an int from this module.
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
                applied.append(migration.version)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return applied
