"""When each concept comes back for review: FSRS, and the rules that rate what the learner did.

Every concept the learner has learned has one card of FSRS (the Free Spaced Repetition
Scheduler that Anki uses, package ``fsrs``). FSRS models memory with a stability ``S``
(days until the probability of recall falls to 90 %) and a difficulty ``D``; ``t`` days
after the last review the probability of recall, the *retrievability*, is

    R(t) = (1 + F·t/S)^(−w₂₀),   with F chosen so that R(S) = 0.9.

Each review carries a rating (Again, Hard, Good, Easy); FSRS updates ``S`` and ``D`` and
puts the next review where ``R`` falls to the desired retention, 90 %.

How results become ratings (the rules of :func:`rating_for_check` and
:func:`rating_for_practice`):

- A concept becomes reviewable (gets a card) when it was first learned: the first passed
  exercise or the first correct practice answer on it. That success is the card's first
  review.
- Check that passes, first attempt since the last reset, no hints: **Good**. Passes
  after failed attempts or after hints: **Hard**. ``Easy`` is never inferred: one
  success shows recall, not ease, and Easy would stretch the first interval from about
  2 days to 8.
- Re-checking an exercise that already passed rates nothing: ``watch`` re-grades on every
  save, and tidying a solved exercise says nothing new about memory.
- Check that fails, on a concept that is already reviewable: **Again** (a lapse).
  Failing while still learning a concept rates nothing: that is learning, not forgetting.
- Practice answer correct: **Good**; wrong, on a reviewable concept: **Again**.
- A lapse counts once: a failure within :data:`LAPSE_WINDOW` (1 hour) of a failure on the
  same exercise or practice topic rates nothing more. Otherwise five quick wrong tries
  in a row would crush the stability five times over for one gap in memory.
- The learner may also rate a review by hand (the CLI's ``review``), any of the four.

The scheduler runs without FSRS's minute-long learning steps: the exercise or practice
problem *was* the learning step, and reviews are fresh problems meant to come back on
later days, so the first interval is a day or more (Good: 2 days, Hard or Again: 1).
Fuzzing (a small random spread of the intervals, so that concepts learned together do
not all come back on the same day) is on for learners and off in tests.

>>> from datetime import datetime, timezone
>>> at = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
>>> card, due = schedule(new_card(1, at), Rating.GOOD, at, fuzz=False)
>>> due - at
datetime.timedelta(days=2)
>>> round(retrievability(card, due), 2)
0.9
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from enum import IntEnum

from mathforml.errors import ParameterError

__all__ = [
    "DESIRED_RETENTION",
    "LAPSE_WINDOW",
    "Rating",
    "as_utc",
    "parse_rating",
    "rating_for_check",
    "rating_for_practice",
    "new_card",
    "schedule",
    "retrievability",
    "card_state",
]

DESIRED_RETENTION = 0.9
LAPSE_WINDOW = timedelta(hours=1)


class Rating(IntEnum):
    """How well a concept was recalled; the same numbers as ``fsrs.Rating``."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def as_utc(at: datetime | None, where: str) -> datetime:
    """``at`` in UTC, or now if ``at`` is None; a naive datetime is an error.

    >>> as_utc(datetime(2026, 1, 1, tzinfo=timezone.utc), "f").isoformat()
    '2026-01-01T00:00:00+00:00'
    """
    if at is None:
        return datetime.now(timezone.utc)
    if not isinstance(at, datetime):
        raise ParameterError(f"{where}: at must be a datetime, got {type(at).__name__}")
    if at.tzinfo is None or at.utcoffset() is None:
        raise ParameterError(
            f"{where}: at={at.isoformat()} is a naive datetime (no time zone); give a "
            f"time-zone-aware one, e.g. datetime.now(timezone.utc)")
    return at.astimezone(timezone.utc)


def parse_rating(rating: Rating | int | str) -> Rating:
    """A :class:`Rating` from itself, its number 1-4 or its name (any case).

    >>> parse_rating("good"), parse_rating(1)
    (<Rating.GOOD: 3>, <Rating.AGAIN: 1>)
    """
    if isinstance(rating, str):
        try:
            return Rating[rating.strip().upper()]
        except KeyError:
            pass
    elif isinstance(rating, int) and not isinstance(rating, bool):
        try:
            return Rating(int(rating))
        except ValueError:
            pass
    raise ParameterError(
        f"review: rating must be one of again, hard, good, easy (or 1-4), got {rating!r}")


def rating_for_check(*, passed: bool, already_passed: bool, earlier_attempts: int,
                     hints_shown: int, reviewable: bool,
                     recent_failure: bool) -> Rating | None:
    """The rating a check gives to each concept of its exercise, or None for no review.

    Parameters
    ----------
    passed : bool
        This check passed.
    already_passed : bool
        The exercise had passed before this check (since its last reset).
    earlier_attempts : int
        Checks of the exercise before this one, since its last reset.
    hints_shown : int
        Hints the learner has seen for the exercise, since its last reset.
    reviewable : bool
        The concept already has a card.
    recent_failure : bool
        The previous check of this exercise failed less than :data:`LAPSE_WINDOW` ago.

    >>> rating_for_check(passed=True, already_passed=False, earlier_attempts=0,
    ...                  hints_shown=1, reviewable=False, recent_failure=False)
    <Rating.HARD: 2>
    """
    if already_passed:
        return None
    if passed:
        return Rating.GOOD if earlier_attempts == 0 and hints_shown == 0 else Rating.HARD
    if reviewable and not recent_failure:
        return Rating.AGAIN
    return None


def rating_for_practice(*, correct: bool, reviewable: bool,
                        recent_failure: bool) -> Rating | None:
    """The rating a practice answer gives to each concept of its topic, or None.

    ``recent_failure``: the previous answer on the same topic was wrong, less than
    :data:`LAPSE_WINDOW` ago.

    >>> rating_for_practice(correct=False, reviewable=True, recent_failure=False)
    <Rating.AGAIN: 1>
    """
    if correct:
        return Rating.GOOD
    if reviewable and not recent_failure:
        return Rating.AGAIN
    return None


# The FSRS side. fsrs is imported inside the functions (about 25 ms) because the
# dashboard only counts due cards, which needs no FSRS arithmetic.


@functools.lru_cache(maxsize=2)
def _scheduler(fuzz: bool):
    from fsrs import Scheduler

    return Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=(),
                     relearning_steps=(), enable_fuzzing=fuzz)


def new_card(card_id: int, at: datetime) -> str:
    """A card never reviewed, due at ``at``, as FSRS JSON (what the store keeps)."""
    from fsrs import Card

    return Card(card_id=card_id, due=as_utc(at, "new_card")).to_json()


def schedule(card: str, rating: Rating | int | str, at: datetime, *,
             fuzz: bool) -> tuple[str, datetime]:
    """Review ``card`` (FSRS JSON) with ``rating`` at ``at``: the new card and its due time."""
    from fsrs import Card
    from fsrs import Rating as FsrsRating

    updated, _log = _scheduler(bool(fuzz)).review_card(
        Card.from_json(card), FsrsRating(int(parse_rating(rating))),
        review_datetime=as_utc(at, "schedule"))
    return updated.to_json(), updated.due.astimezone(timezone.utc)


def retrievability(card: str, at: datetime) -> float:
    """The probability of recalling the concept at ``at``; 0 for a card never reviewed."""
    from fsrs import Card

    return float(_scheduler(False).get_card_retrievability(
        Card.from_json(card), current_datetime=as_utc(at, "retrievability")))


def card_state(card: str) -> dict:
    """The card's memory state: ``state`` ("learning", "review" or "relearning"),
    ``stability`` and ``difficulty`` (None before the first review), ``last_review``.
    """
    from fsrs import Card

    parsed = Card.from_json(card)
    return {
        "state": parsed.state.name.lower(),
        "stability": parsed.stability,
        "difficulty": parsed.difficulty,
        "last_review": (parsed.last_review.astimezone(timezone.utc)
                        if parsed.last_review is not None else None),
    }
