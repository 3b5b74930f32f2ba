"""The course's decisions, on a real progress file: what a check records, what is next,
which topic to practise. (The CLI only renders these; tests/cli runs it end to end.)"""

import sqlite3
from datetime import datetime, timedelta, timezone
from importlib import resources

import pytest

from mathforml.course.catalog import load_catalog
from mathforml.course.checking import NOT_ATTEMPTS, check_exercise, next_exercise
from mathforml.course.dashboard import (
    build_dashboard,
    fresh_seed,
    next_step,
    practice_topic,
    review_topic,
)
from mathforml.course.practice import topics
from mathforml.course.progress import ProgressStore
from mathforml.course.workspace import exercise_path, init_workspace
from mathforml.errors import UnknownIdError, WorkspaceError

CATALOG = load_catalog()
FIRST, SECOND = CATALOG.lesson_order()[:2]  # vectors, matrices
DOT_SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()
EXAMPLES = 10  # the grader's own tests prove the default of 100; the flow needs few


@pytest.fixture
def store(tmp_path):
    with ProgressStore.open(tmp_path / "data", fuzz=False) as opened:
        yield opened


@pytest.fixture
def workspace(tmp_path):
    return init_workspace(tmp_path / "ws", CATALOG).root


def _ratings(store):
    """Every review rating given so far: (concept, source, rating 1-4), oldest first."""
    with sqlite3.connect(store.path) as conn:
        return conn.execute("SELECT concept_id, source, rating FROM reviews ORDER BY id").fetchall()


def _check(store, workspace, exercise_id="dot_product"):
    return check_exercise(CATALOG, store, workspace, exercise_id, max_examples=EXAMPLES)


# ---------------------------------------------------------------- next_step


def test_next_is_the_first_lesson_for_a_new_learner():
    step = next_step(CATALOG, set(), {}, [])
    assert (step.kind, step.target, step.command) == ("lesson", FIRST, f"mathforml lesson {FIRST}")


def test_reviews_due_come_before_everything():
    step = next_step(CATALOG, set(), {}, ["dot_product", "norm"])
    assert (step.kind, step.command) == ("review", "mathforml review")
    assert "2 concept(s)" in step.reason


def test_a_read_lessons_exercises_come_before_the_next_lesson():
    first_exercises = CATALOG.lessons[FIRST].exercises
    step = next_step(CATALOG, {FIRST}, {first_exercises[0]: "passed"}, [])
    assert (step.kind, step.target) == ("exercise", first_exercises[1])
    assert step.command == f"mathforml check {first_exercises[1]}"
    done = {e: "passed" for e in first_exercises}
    assert next_step(CATALOG, {FIRST}, done, []).target == SECOND


def test_exercises_of_an_unread_lesson_are_not_suggested_before_it():
    # Every exercise passed, yet the second lesson was never read: read it first.
    passed = {e: "passed" for e in CATALOG.exercises}
    step = next_step(CATALOG, {FIRST}, passed, [])
    assert (step.kind, step.target) == ("lesson", SECOND)


def test_without_a_workspace_the_exercise_step_is_init():
    step = next_step(CATALOG, {FIRST}, {}, [], has_workspace=False)
    assert (step.kind, step.target, step.command) == ("init", None, "mathforml init")
    # A workspace is only needed for exercises: lessons and reviews do not ask for one.
    assert next_step(CATALOG, set(), {}, [], has_workspace=False).kind == "lesson"
    assert next_step(CATALOG, set(), {}, ["x"], has_workspace=False).kind == "review"


def test_everything_done_means_practice():
    passed = {e: "passed" for e in CATALOG.exercises}
    step = next_step(CATALOG, set(CATALOG.lessons), passed, [])
    assert (step.kind, step.command) == ("practice", "mathforml practice")


# ---------------------------------------------------------------- the dashboard


def test_dashboard_reads_the_store(store):
    now = datetime.now(timezone.utc)
    store.mark_lesson_read(FIRST)
    store.record_check("dot_product", "passed", True, concepts=["dot_product"])
    store.record_check("vector_norm", "failed", False, concepts=["norm"])
    board = build_dashboard(CATALOG, store)
    (module_id, _, lessons), *_ = board.modules
    assert module_id == CATALOG.modules[0].id
    first = lessons[0]
    assert first.read and not first.done
    assert dict(first.exercises)["dot_product"] == "passed"
    assert dict(first.exercises)["vector_norm"] == "attempted"
    assert dict(first.exercises)["projection"] == "not_started"
    assert board.next.target == "vector_norm"
    assert board.summary.exercises_passed == 1 and board.summary.lessons_read == 1
    assert board.due == ()
    # A month later the first pass's review is due, and it comes first.
    later = build_dashboard(CATALOG, store, now + timedelta(days=30))
    assert later.due == ("dot_product",) and later.next.kind == "review"


def test_a_lesson_is_done_when_read_and_every_exercise_passed(store):
    store.mark_lesson_read(SECOND)
    for exercise_id in CATALOG.lessons[SECOND].exercises:
        store.record_check(exercise_id, "passed", True)
    states = {s.id: s for _, _, lessons in build_dashboard(CATALOG, store).modules
              for s in lessons}
    assert states[SECOND].done and not states[FIRST].done


# ---------------------------------------------------------------- checks


def test_the_stub_as_given_is_reported_but_not_recorded(store, workspace):
    result = _check(store, workspace)
    assert result.report.status == "not_implemented" and not result.recorded
    progress = store.exercise_progress("dot_product")
    assert progress.status == "not_started" and progress.attempts == 0
    assert store.concept_review("dot_product") is None  # no card, no rating


def test_a_stub_check_does_not_lapse_a_concept_known_from_practice(store, workspace):
    # Practice made the concept reviewable; running `check` on the untouched stub must
    # not rate it "again" (it is no evidence of forgetting).
    store.record_practice("dot_product", 1, "11", True, concepts=["dot_product"])
    before = _ratings(store)
    _check(store, workspace)
    assert _ratings(store) == before == [("dot_product", "practice", 3)]


def test_a_first_pass_after_the_stub_is_a_clean_first_pass(store, workspace):
    _check(store, workspace)  # the stub, as a learner sees the task first
    exercise_path(workspace, CATALOG, "dot_product").write_text(DOT_SOLUTION)
    result = _check(store, workspace)
    assert result.report.passed and result.first_pass and result.recorded
    assert store.exercise_progress("dot_product").attempts == 1
    history = store.check_history("dot_product")
    assert [h.status for h in history] == ["passed"]
    # The review rating of a clean first pass is "good" (3), not the "hard" (2) of a retry.
    assert _ratings(store) == [("dot_product", "check", 3)]
    again = _check(store, workspace)
    assert again.report.passed and not again.first_pass


def test_a_wrong_file_is_an_attempt(store, workspace):
    exercise_path(workspace, CATALOG, "dot_product").write_text(
        "def dot(u, v):\n    return u * v\n")
    result = _check(store, workspace)
    assert result.report.status == "failed" and result.recorded and not result.first_pass
    assert store.exercise_progress("dot_product").status == "attempted"
    assert store.check_history("dot_product")[0].details["misconception"]["name"] == (
        "elementwise product")


def test_a_missing_file_is_reported_but_not_recorded(store, workspace):
    exercise_path(workspace, CATALOG, "dot_product").unlink()
    result = _check(store, workspace)
    assert result.report.status == "missing_file" and not result.recorded
    assert store.exercise_progress("dot_product").attempts == 0
    assert set(NOT_ATTEMPTS) == {"not_implemented", "missing_file"}


def test_an_exercise_path_that_is_a_folder_is_a_workspace_error(store, workspace):
    path = exercise_path(workspace, CATALOG, "dot_product")
    path.unlink()
    path.mkdir()
    with pytest.raises(WorkspaceError, match=r"dot_product\.py is not a file.*mathforml reset"):
        _check(store, workspace)
    assert store.exercise_progress("dot_product").attempts == 0


def test_an_unknown_exercise_is_refused_before_grading(store, workspace):
    with pytest.raises(UnknownIdError, match="did you mean 'dot_product'"):
        _check(store, workspace, "dot_prodct")


def test_next_exercise_follows_course_order(store):
    order = CATALOG.exercise_order()
    assert next_exercise(CATALOG, store) == order[0]
    store.record_check(order[0], "passed", True)
    store.record_check(order[1], "failed", False)
    assert next_exercise(CATALOG, store) == order[1]
    for exercise_id in order:
        store.record_check(exercise_id, "passed", True)
    assert next_exercise(CATALOG, store) is None


# ---------------------------------------------------------------- practice choices


def test_practice_topic_before_any_lesson_is_the_first_topic(store):
    assert practice_topic(CATALOG, store) == topics()[0].id


def test_practice_topic_is_the_least_practised_of_the_lessons_read(store):
    store.mark_lesson_read(FIRST)
    offered = CATALOG.lessons[FIRST].practice
    assert practice_topic(CATALOG, store) == offered[0]  # a tie: the earliest
    for seed, topic in enumerate(offered[:-1]):
        store.record_practice(topic, seed, "1", True)
    assert practice_topic(CATALOG, store) == offered[-1]
    # Topics of lessons not read yet are not offered.
    assert not set(CATALOG.lessons[SECOND].practice) & {practice_topic(CATALOG, store)}


def test_review_topic_maps_concepts_to_the_practice_that_reviews_them():
    for topic in topics():
        for concept_id in topic.concepts:
            assert concept_id in next(t for t in topics() if t.id == review_topic(concept_id)
                                      ).concepts
    assert review_topic("vector") is None


def test_fresh_seed_skips_seeds_already_given(store, monkeypatch):
    store.record_practice("norm", 7, "3", True)
    draws = iter([7, 7, 8])
    monkeypatch.setattr("secrets.randbelow", lambda _: next(draws))
    assert fresh_seed(store, "norm") == 8
