"""Review scheduling: the rating rules, the FSRS wrapper, and reviews through the store."""

from datetime import datetime, timedelta, timezone

import fsrs
import pytest

from mathforml.course.progress import ProgressStore
from mathforml.course.review import (
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
from mathforml.errors import ParameterError

AT = datetime(2026, 1, 10, 9, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@pytest.fixture
def store(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as opened:
        yield opened


# The rules.


def test_ratings_are_fsrs_ratings():
    assert {r.name.lower(): int(r) for r in Rating} == {
        r.name.lower(): int(r) for r in fsrs.Rating}


@pytest.mark.parametrize("given, expected", [
    ("again", Rating.AGAIN), (" Hard ", Rating.HARD), ("GOOD", Rating.GOOD), (4, Rating.EASY),
    (Rating.GOOD, Rating.GOOD), (fsrs.Rating.Hard, Rating.HARD),
])
def test_parse_rating(given, expected):
    assert parse_rating(given) is expected


@pytest.mark.parametrize("given", ["great", 0, 5, True, 2.0, None])
def test_parse_rating_refuses(given):
    with pytest.raises(ParameterError, match="rating must be one of again, hard, good, easy"):
        parse_rating(given)


CHECK_RULES = [
    # passed, already_passed, earlier_attempts, hints, reviewable, recent_failure -> rating
    ((True, False, 0, 0, False, False), Rating.GOOD),   # first try, no hints
    ((True, False, 0, 0, True, False), Rating.GOOD),
    ((True, False, 0, 2, False, False), Rating.HARD),   # hints were needed
    ((True, False, 3, 0, True, True), Rating.HARD),     # after failed attempts
    ((True, True, 1, 0, True, False), None),            # re-checking a solved exercise
    ((False, True, 1, 0, True, False), None),           # breaking a solved exercise
    ((False, False, 0, 0, False, False), None),         # still learning: no lapse
    ((False, False, 0, 0, True, False), Rating.AGAIN),  # a lapse on a known concept
    ((False, False, 1, 0, True, True), None),           # the same lapse again
    ((False, False, 1, 0, True, False), Rating.AGAIN),  # a failure hours later: new lapse
]


@pytest.mark.parametrize("args, expected", CHECK_RULES)
def test_rating_for_check(args, expected):
    passed, already, attempts, hints, reviewable, recent = args
    assert rating_for_check(passed=passed, already_passed=already, earlier_attempts=attempts,
                            hints_shown=hints, reviewable=reviewable,
                            recent_failure=recent) is expected


@pytest.mark.parametrize("args, expected", [
    ((True, False, False), Rating.GOOD), ((True, True, True), Rating.GOOD),
    ((False, True, False), Rating.AGAIN), ((False, True, True), None),
    ((False, False, False), None),
])
def test_rating_for_practice(args, expected):
    correct, reviewable, recent = args
    assert rating_for_practice(correct=correct, reviewable=reviewable,
                               recent_failure=recent) is expected


def test_as_utc():
    converted = as_utc(datetime(2026, 1, 1, 2, tzinfo=timezone(timedelta(hours=2))), "f")
    assert converted == datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert converted.utcoffset() == timedelta(0)
    now = as_utc(None, "f")
    assert now.tzinfo == timezone.utc
    with pytest.raises(ParameterError, match="f: at=2026-01-01T00:00:00 is a naive datetime"):
        as_utc(datetime(2026, 1, 1), "f")


# The FSRS wrapper.


@pytest.mark.parametrize("rating, days", [(Rating.AGAIN, 1), (Rating.HARD, 1),
                                          (Rating.GOOD, 2), (Rating.EASY, 8)])
def test_first_intervals_are_days_not_minutes(rating, days):
    card, due = schedule(new_card(7, AT), rating, AT, fuzz=False)
    assert due - AT == timedelta(days=days)
    state = card_state(card)
    assert state["state"] == "review" and state["last_review"] == AT
    # Intervals are whole days, so recall at the due time is near, not at, 90 %.
    assert retrievability(card, due) == pytest.approx(0.9, abs=0.05) or rating <= Rating.HARD


def test_a_new_card_is_due_at_once_and_not_yet_recalled():
    card = new_card(3, AT)
    assert card_state(card) == {"state": "learning", "stability": None, "difficulty": None,
                                "last_review": None}
    assert retrievability(card, AT + DAY) == 0


def test_retrievability_falls_with_time():
    card, due = schedule(new_card(1, AT), Rating.GOOD, AT, fuzz=False)
    values = [retrievability(card, AT + k * DAY) for k in range(0, 30, 5)]
    assert values == sorted(values, reverse=True) and values[0] == 1.0


def test_successes_stretch_the_interval_and_a_lapse_shrinks_it():
    card, at = new_card(1, AT), AT
    intervals = []
    for _ in range(4):
        card, due = schedule(card, Rating.GOOD, at, fuzz=False)
        intervals.append(due - at)
        at = due
    assert intervals == sorted(intervals) and intervals[-1] > 10 * DAY
    card, due = schedule(card, Rating.AGAIN, at, fuzz=False)
    assert due - at < intervals[-1] / 4
    assert card_state(card)["state"] == "review"


def test_fuzzing_spreads_long_intervals_and_is_off_when_asked():
    card, at = new_card(1, AT), AT
    for _ in range(3):
        card, at = schedule(card, Rating.GOOD, at, fuzz=False)
    fuzzed = {schedule(card, Rating.GOOD, at, fuzz=True)[1] for _ in range(20)}
    exact = {schedule(card, Rating.GOOD, at, fuzz=False)[1] for _ in range(5)}
    assert len(fuzzed) > 1 and len(exact) == 1


# Reviews through the store.


def test_a_first_pass_makes_the_concept_reviewable(store):
    assert store.concept_review("dot") is None
    failed = store.record_check("dot_product", "failed", False, {}, AT, concepts=["dot"])
    assert failed.reviews == () and store.concept_review("dot", AT) is None
    passed = store.record_check("dot_product", "passed", True, {}, AT + timedelta(minutes=5),
                                concepts=["dot", "vectors"])
    assert [(r.concept_id, r.rating) for r in passed.reviews] == [
        ("dot", Rating.HARD), ("vectors", Rating.HARD)]
    card = store.concept_review("dot", AT + timedelta(minutes=5))
    assert (card.reviews, card.lapses, card.state) == (1, 0, "review")
    assert card.due == AT + timedelta(minutes=5) + DAY


def test_first_try_without_hints_is_good_and_rechecks_rate_nothing(store):
    outcome = store.record_check("norm", "passed", True, {}, AT, concepts=["norm"])
    assert [r.rating for r in outcome.reviews] == [Rating.GOOD]
    assert outcome.reviews[0].due == AT + 2 * DAY
    again = store.record_check("norm", "passed", True, {}, AT + timedelta(minutes=1),
                               concepts=["norm"])
    assert again.reviews == ()
    broken = store.record_check("norm", "failed", False, {}, AT + timedelta(minutes=2),
                                concepts=["norm"])
    assert broken.reviews == ()
    assert store.concept_review("norm", AT).reviews == 1


def test_a_hint_makes_a_first_pass_hard(store):
    store.take_hint("angle", AT)
    outcome = store.record_check("angle", "passed", True, {}, AT, concepts=["angle"])
    assert [r.rating for r in outcome.reviews] == [Rating.HARD]


def test_failing_a_reset_exercise_is_a_lapse_counted_once(store):
    store.record_check("norm", "passed", True, {}, AT, concepts=["norm"])
    store.reset_exercise("norm", AT + 3 * DAY)
    t = AT + 3 * DAY + timedelta(minutes=1)
    first = store.record_check("norm", "failed", False, {}, t, concepts=["norm"])
    assert [r.rating for r in first.reviews] == [Rating.AGAIN]
    second = store.record_check("norm", "failed", False, {}, t + timedelta(minutes=2),
                                concepts=["norm"])
    assert second.reviews == ()
    later = store.record_check("norm", "failed", False, {}, t + LAPSE_WINDOW + timedelta(minutes=5),
                               concepts=["norm"])
    assert [r.rating for r in later.reviews] == [Rating.AGAIN]
    fixed = store.record_check("norm", "passed", True, {}, t + 2 * DAY, concepts=["norm"])
    assert [r.rating for r in fixed.reviews] == [Rating.HARD]
    card = store.concept_review("norm", t + 2 * DAY)
    assert (card.reviews, card.lapses) == (4, 2)


def test_practice_ratings(store):
    wrong_first = store.record_practice("dot", 1, "12", False, AT, concepts=["dot"])
    assert wrong_first.reviews == ()  # not learned yet: no card to lapse
    right = store.record_practice("dot", 2, "11", True, AT + timedelta(minutes=1),
                                  concepts=["dot"])
    assert [r.rating for r in right.reviews] == [Rating.GOOD]
    t = AT + 2 * DAY
    wrong = store.record_practice("dot", 3, "0", False, t, concepts=["dot"])
    assert [r.rating for r in wrong.reviews] == [Rating.AGAIN]
    assert wrong.reviews[0].due == t + DAY
    wrong_again = store.record_practice("dot", 4, "0", False, t + timedelta(minutes=1),
                                        concepts=["dot"])
    assert wrong_again.reviews == ()
    assert store.concept_review("dot", t).lapses == 1


def test_due_reviews_most_urgent_first(store):
    store.record_check("a", "passed", True, {}, AT, concepts=["strong"])      # Good: 2 days
    store.take_hint("b", AT)
    store.record_check("b", "passed", True, {}, AT, concepts=["weak"])        # Hard: 1 day
    store.ensure_card("fresh", AT + DAY)                                      # never reviewed
    assert store.due_reviews(AT + timedelta(hours=12)) == []
    due = store.due_reviews(AT + 3 * DAY)
    assert [d.concept_id for d in due] == ["fresh", "weak", "strong"]
    assert due[0].retrievability == 0
    assert 0 < due[1].retrievability < due[2].retrievability < 1
    assert [d.concept_id for d in store.due_reviews(AT + timedelta(days=1, hours=1))] == [
        "fresh", "weak"]


def test_ensure_card(store):
    assert store.ensure_card("pca", AT) is True
    assert store.ensure_card("pca", AT + DAY) is False
    card = store.concept_review("pca", AT)
    assert card.due == AT and card.reviews == 0 and card.stability is None


def test_review_by_hand(store):
    outcome = store.review("eigen", "easy", AT)
    assert outcome.rating is Rating.EASY and outcome.due == AT + 8 * DAY
    outcome = store.review("eigen", 1, AT + 8 * DAY)
    assert outcome.rating is Rating.AGAIN and outcome.due == AT + 9 * DAY
    assert store.stats(AT + 8 * DAY, tz=timezone.utc).streak_days == 1
    with pytest.raises(ParameterError, match="rating must be one of"):
        store.review("eigen", "perfect")


def test_a_review_dated_before_the_last_one_counts_from_the_last(store):
    store.review("rank", "good", AT + DAY)
    outcome = store.review("rank", "good", AT)
    card = store.concept_review("rank", AT + DAY)
    assert card.last_review == AT + DAY
    assert outcome.due >= AT + DAY


def test_cards_survive_reopening(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        store.record_practice("det", 1, "2", True, AT, concepts=["det"])
        before = store.due_reviews(AT + 5 * DAY)
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        assert store.due_reviews(AT + 5 * DAY) == before


def test_the_learners_default_fuzzes_intervals(tmp_path):
    # The real default (fuzz=True): concepts learned together spread over several days.
    dues = set()
    with ProgressStore.open(tmp_path) as store:
        for k in range(8):
            concept = f"c{k}"
            at = AT
            for _ in range(4):
                at = store.review(concept, "good", at).due
            dues.add(at)
    assert len(dues) > 1
