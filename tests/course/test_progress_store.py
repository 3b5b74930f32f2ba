"""The progress store's API: exercises, hints, resets, lessons, practice, the dashboard."""

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from mathforml.course.progress import (
    ENV_VAR,
    ProgressStore,
    progress_file,
    resolve_data_dir,
)
from mathforml.errors import ParameterError, ProgressStoreError

AT = datetime(2026, 5, 4, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    with ProgressStore.open(tmp_path / "home", fuzz=False) as opened:
        yield opened


# Where the file lives.


def test_the_flag_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir(None) == tmp_path / "env"


def test_platformdirs_when_neither_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "")  # empty counts as unset
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "mathforml"


def test_home_is_expanded_and_the_path_made_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_data_dir("~/course") == tmp_path / "course"
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("relative") == tmp_path / "relative"


def test_open_creates_the_directory_and_the_file(tmp_path):
    data_dir = tmp_path / "a" / "b"
    with ProgressStore.open(data_dir) as store:
        assert store.path == progress_file(data_dir)
    assert progress_file(data_dir).is_file()


def test_a_closed_store_says_so(tmp_path):
    store = ProgressStore.open(tmp_path)
    store.close()
    store.close()
    with pytest.raises(ProgressStoreError, match="is closed"):
        store.lessons_read()


# Exercises.


def test_a_check_history_from_not_started_to_passed(store):
    assert store.exercise_progress("dot_product").status == "not_started"
    first = store.record_check("dot_product", "failed", False, {"input": [1, 2]}, AT)
    assert first.progress.status == "attempted" and first.progress.attempts == 1
    assert first.progress.last_passed is False and first.progress.passed_at is None
    second = store.record_check("dot_product", "passed", True, {}, AT + timedelta(minutes=2))
    assert second.event_id > first.event_id
    assert second.progress.status == "passed"
    assert second.progress.passed_at == AT + timedelta(minutes=2)
    # Breaking a solved exercise later does not undo the pass; last_passed tells.
    third = store.record_check("dot_product", "timeout", False, {}, AT + timedelta(minutes=5))
    assert third.progress.status == "passed"
    assert third.progress.passed_at == AT + timedelta(minutes=2)
    assert third.progress.last_status == "timeout" and third.progress.last_passed is False
    assert third.progress.last_checked_at == AT + timedelta(minutes=5)
    assert third.progress.attempts == 3


def test_check_details_round_trip_with_numpy_values(store):
    details = {"input": (np.array([1.0, 2.0]),), "expected": np.float64(11.0), "note": "x"}
    store.record_check("dot_product", "failed", False, details, AT)
    store.record_check("dot_product", "passed", True, None, AT + timedelta(seconds=1))
    history = store.check_history("dot_product")
    assert [c.status for c in history] == ["passed", "failed"]
    assert history[1].details == {"input": [[1.0, 2.0]], "expected": 11.0, "note": "x"}
    assert history[1].at == AT
    assert [c.status for c in store.check_history("dot_product", limit=1)] == ["passed"]


def test_hints_count_up_and_stop_at_the_last(store):
    assert store.hints_shown("norm") == 0
    assert [store.take_hint("norm", AT, limit=3) for _ in range(5)] == [1, 2, 3, 3, 3]
    assert store.hints_shown("norm") == 3
    assert store.take_hint("angle") == 1


def test_reset_starts_over_but_keeps_the_history(store):
    store.take_hint("norm", AT)
    store.record_check("norm", "failed", False, {}, AT)
    store.record_check("norm", "passed", True, {}, AT)
    after = store.reset_exercise("norm", AT + timedelta(hours=1))
    assert (after.status, after.attempts, after.hints_shown) == ("not_started", 0, 0)
    assert store.all_exercises()["norm"].status == "not_started"
    assert len(store.check_history("norm")) == 2
    again = store.record_check("norm", "failed", False, {}, AT + timedelta(hours=2))
    assert (again.progress.status, again.progress.attempts) == ("attempted", 1)


def test_all_exercises(store):
    store.record_check("b", "passed", True, {}, AT)
    store.record_check("a", "failed", False, {}, AT)
    store.take_hint("c", AT)
    everything = store.all_exercises()
    assert list(everything) == ["a", "b", "c"]
    assert [p.status for p in everything.values()] == ["attempted", "passed", "not_started"]
    assert everything["c"].hints_shown == 1
    assert everything["b"] == store.exercise_progress("b")


# Lessons and practice.


def test_lessons_read(store):
    assert store.lessons_read() == set()
    store.mark_lesson_read("vectors", AT)
    store.mark_lesson_read("vectors", AT + timedelta(days=1))
    store.mark_lesson_read("matrices")
    assert store.lessons_read() == {"vectors", "matrices"}


def test_practice_stats_streak_and_seeds(store):
    answers = [True, False, True, True, True]
    for seed, correct in enumerate(answers):
        outcome = store.record_practice("dot", 1000 + seed, "11", correct,
                                        AT + timedelta(minutes=seed))
    assert outcome.stats == store.practice_stats("dot")
    stats = store.practice_stats("dot")
    assert (stats.attempts, stats.correct, stats.streak) == (5, 4, 3)
    assert store.practice_seeds_seen("dot") == {1000, 1001, 1002, 1003, 1004}
    assert store.practice_seeds_seen("norm") == set()
    store.record_practice("dot", 2**63 - 1, "x", False, AT)
    assert store.practice_stats("dot").streak == 0
    assert 2**63 - 1 in store.practice_seeds_seen("dot")


# Arguments are checked at the boundary.


def test_naive_datetimes_are_refused(store):
    with pytest.raises(ParameterError, match="naive datetime .* time-zone-aware"):
        store.record_check("x", "passed", True, {}, datetime(2026, 1, 1))
    with pytest.raises(ParameterError, match="mark_lesson_read: at=2026-01-01T00:00:00 is a "
                                             "naive datetime"):
        store.mark_lesson_read("x", datetime(2026, 1, 1))
    with pytest.raises(ParameterError, match="naive"):
        store.due_reviews(datetime(2026, 1, 1))
    with pytest.raises(ParameterError, match="must be a datetime"):
        store.take_hint("x", "2026-01-01")


def test_other_time_zones_are_stored_as_utc(store):
    paris = timezone(timedelta(hours=2))
    outcome = store.record_check("x", "passed", True, {}, datetime(2026, 6, 1, 12, tzinfo=paris))
    assert outcome.progress.passed_at == datetime(2026, 6, 1, 10, tzinfo=timezone.utc)
    assert outcome.progress.passed_at.tzinfo == timezone.utc


@pytest.mark.parametrize("call, message", [
    (lambda s: s.record_check("", "passed", True, {}), "exercise_id must be a non-empty string"),
    (lambda s: s.record_check("x", "passed", 1, {}), "passed must be True or False"),
    (lambda s: s.record_check("x", "passed", True, [1]), "details must be a dict"),
    (lambda s: s.record_check("x", "", True, {}), "status must be a non-empty string"),
    (lambda s: s.record_check("x", "passed", True, {}, concepts="dot"),
     "concepts must be a list of concept ids, got the string 'dot'"),
    (lambda s: s.record_practice("t", 1.5, "a", True), "seed must be an int"),
    (lambda s: s.record_practice("t", 2**64, "a", True), "fits in 64 bits"),
    (lambda s: s.record_practice("t", True, "a", True), "seed must be an int"),
    (lambda s: s.record_practice("t", 1, None, True), "answer_text must be a string"),
    (lambda s: s.mark_lesson_read(None), "lesson_id must be a non-empty string"),
])
def test_bad_arguments(store, call, message):
    with pytest.raises(ParameterError, match=message):
        call(store)


# The dashboard.


def test_stats(store):
    utc = timezone.utc
    store.record_check("a", "passed", True, {}, AT - timedelta(days=2), concepts=["dot"])
    store.record_check("b", "failed", False, {}, AT - timedelta(days=1))
    store.record_practice("dot", 1, "11", True, AT, concepts=["norm"])
    store.record_practice("dot", 2, "12", False, AT)
    store.mark_lesson_read("vectors", AT)
    summary = store.stats(AT + timedelta(hours=1), tz=utc)
    assert (summary.exercises_passed, summary.exercises_attempted) == (1, 1)
    assert (summary.practice_attempts, summary.practice_correct) == (2, 1)
    assert summary.lessons_read == 1
    assert summary.concepts_reviewable == 2
    assert summary.reviews_due == 1  # "dot", passed two days ago (Good: due in 2 days)
    assert summary.streak_days == 3
    assert summary.last_active == AT
    # Tomorrow the streak still stands (today is not over); the day after, it is broken.
    assert store.stats(AT + timedelta(days=1), tz=utc).streak_days == 3
    assert store.stats(AT + timedelta(days=2), tz=utc).streak_days == 0
    assert store.stats(AT + timedelta(days=30), tz=utc).reviews_due == 2


def test_the_streak_counts_days_in_the_learners_time_zone(store):
    # 23:30 and 00:30 UTC are one evening in New York (UTC-4) but two days in UTC.
    new_york = timezone(timedelta(hours=-4))
    late = datetime(2026, 5, 4, 23, 30, tzinfo=timezone.utc)
    store.mark_lesson_read("a", late)
    store.mark_lesson_read("b", late + timedelta(hours=1))
    assert store.stats(late + timedelta(hours=2), tz=timezone.utc).streak_days == 2
    assert store.stats(late + timedelta(hours=2), tz=new_york).streak_days == 1


def test_an_empty_store(store):
    summary = store.stats()
    assert summary.streak_days == 0 and summary.last_active is None
    assert summary.exercises_passed == summary.reviews_due == 0


# Several processes, one file.

WRITER = r"""
import sys
from mathforml.course.progress import ProgressStore
with ProgressStore.open(sys.argv[1], fuzz=False) as store:
    for i in range(40):
        store.record_practice(sys.argv[2], i, str(i), i % 2 == 0, concepts=["shared"])
        store.mark_lesson_read(f"{sys.argv[2]}-{i}")
"""


def test_two_processes_write_the_same_file_at_once(tmp_path, store):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "home"), topic],
                              stderr=subprocess.PIPE, text=True) for topic in ("p", "q")]
    for _ in range(40):  # and this process reads and writes meanwhile
        store.record_check("mine", "failed", False, {})
        store.stats()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    for topic in ("p", "q"):
        assert store.practice_seeds_seen(topic) == set(range(40))
    assert len(store.lessons_read()) == 80
    assert store.exercise_progress("mine").attempts == 40
    assert store.concept_review("shared").reviews >= 2


def test_a_file_locked_too_long_gives_a_clear_error(tmp_path):
    with ProgressStore.open(tmp_path, timeout=0.2) as store:
        with closing(sqlite3.connect(store.path, isolation_level=None)) as other:
            other.execute("BEGIN EXCLUSIVE")
            with pytest.raises(ProgressStoreError, match=r"busy for more than 0.2 s") as info:
                store.mark_lesson_read("vectors")
            assert info.value.kind == "locked"
            other.execute("ROLLBACK")
        store.mark_lesson_read("vectors")
        assert store.lessons_read() == {"vectors"}
