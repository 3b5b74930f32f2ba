"""`watch`, `practice`, `review` and `reset` in a pseudo-terminal, as a learner runs them."""

import io
import sqlite3
import time
from importlib import resources

import pexpect

from mathforml.course.practice import generate
from mathforml.course.progress import ProgressStore

from .conftest import SCRIPT

SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()
ELEMENTWISE = "def dot(u, v):\n    return u * v\n"


def spawn(learner, *args):
    child = pexpect.spawn(SCRIPT, list(args), cwd=str(learner.cwd), env=learner.env,
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    return child


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_watch_regrades_on_save_and_moves_on(learner):
    learner.run("init")
    exercises = learner.workspace / "exercises"
    child = spawn(learner, "watch")
    child.logfile_read = screen = io.StringIO()
    try:
        child.expect("Watching")
        child.expect("not started yet")  # the first exercise, as given
        time.sleep(1)  # let the watcher start before the saves

        # Saves that are not of an exercise, and a deletion, are not checks.
        (exercises / "notes.py").write_text("x = 1\n")
        (exercises / "dot_product.py").unlink()
        time.sleep(0.6)  # past the watcher's debounce: a batch of its own
        learner.write("dot_product", ELEMENTWISE)
        child.expect("wrong result")
        shown = screen.getvalue()
        assert "file missing" not in shown and "notes" not in shown, shown
        assert shown.count("file: ") == 1, "the task was shown twice"
        child.expect("elementwise product")

        # Renamed away (a deletion) and back (a new file): checked once, when it is back.
        (exercises / "dot_product.py").rename(exercises / "old.py")
        time.sleep(0.6)
        (exercises / "old.py").rename(exercises / "dot_product.py")
        child.expect("wrong result")
        assert "file missing" not in child.before, child.before

        learner.write("dot_product", SOLUTION)
        child.expect("passed")
        child.expect("vector_norm")  # the next exercise's statement
        child.sendintr()
        child.expect("Stopped watching")
        assert finish(child) == 0
        assert "KeyboardInterrupt" not in screen.getvalue()
    finally:
        child.close(force=True)
    progress = learner.json("progress", "--json")["exercises"]["dot_product"]
    assert progress["status"] == "passed"
    assert progress["attempts"] == 3  # two wrong saves and the right one


def test_watch_reports_a_folder_in_place_of_a_file_and_goes_on(learner):
    learner.run("init")
    path = learner.workspace / "exercises" / "dot_product.py"
    path.unlink()
    path.mkdir()
    child = spawn(learner, "watch")
    try:
        child.expect("Watching")
        child.expect("is not a file")
        path.rmdir()
        time.sleep(1)
        learner.write("dot_product", ELEMENTWISE)
        child.expect("wrong result")
        # Another command records in the same progress file while watch has it open.
        assert learner.json("check", "dot_product", "--json")["status"] == "failed"
        learner.write("dot_product", SOLUTION)
        child.expect("passed")
        child.sendintr()
        child.expect("Stopped watching")
        assert finish(child) == 0
    finally:
        child.close(force=True)
    progress = learner.json("progress", "--json")["exercises"]["dot_product"]
    assert (progress["status"], progress["attempts"]) == ("passed", 3)


def test_practice_loop_right_wrong_retry_and_solution(learner):
    first, second = generate("dot_product", 100), generate("dot_product", 101)
    child = spawn(learner, "practice", "dot_product", "--seed", "100")
    try:
        child.expect("answer>")
        child.sendline("two")  # unreadable: not counted, asked again
        child.expect("answer>")
        child.sendline(first.answer_text)
        child.expect("✓")
        child.expect("answer>")
        child.sendline(str(int(second.answer) + 1))  # wrong
        child.expect("✗")
        child.expect("worked solution")
        child.expect("answer>")
        child.sendline("")  # an empty line stops
        child.expect("1 right, 1 wrong")
        assert finish(child) == 0
    finally:
        child.close(force=True)
    stats = learner.json("progress", "--json")["practice"]["dot_product"]
    assert stats == {"attempts": 2, "correct": 1, "streak": 0}


def test_ctrl_c_in_practice_keeps_the_answers_and_says_how_it_went(learner):
    first = generate("norm", 5)
    child = spawn(learner, "practice", "norm", "--seed", "5")
    try:
        child.expect("answer>")
        child.sendline(first.answer_text)
        child.expect("✓")
        child.expect("answer>")
        child.sendintr()
        child.expect("1 right, 0 wrong")
        assert finish(child) == 130
    finally:
        child.close(force=True)
    assert learner.json("progress", "--json")["practice"]["norm"]["correct"] == 1


def test_ctrl_d_in_practice_stops_cleanly(learner):
    child = spawn(learner, "practice", "norm", "--seed", "5")
    try:
        child.expect("answer>")
        child.sendeof()
        child.expect("0 right, 0 wrong")
        assert finish(child) == 0
    finally:
        child.close(force=True)


def test_review_asks_about_each_due_concept_and_reschedules_it(learner):
    learner.run("init")
    learner.write("dot_product", SOLUTION)
    assert learner.run("check", "dot_product").returncode == 0
    assert "No reviews due" in learner.run("review").stdout
    progress = next(learner.home.glob("*.sqlite3"))
    with sqlite3.connect(progress) as conn:  # a week later, as far as the schedule knows
        conn.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000+00:00'")
    assert learner.json("progress", "--json")["reviews_due"] == ["dot_product"]
    child = spawn(learner, "review")
    try:
        child.expect("Dot product")
        child.expect("answer>")
        child.sendline("?")  # show me: counts as not remembered
        child.expect("worked solution")
        child.expect("Reviewed 1 of 1")
        assert finish(child) == 0
    finally:
        child.close(force=True)
    assert learner.json("progress", "--json")["reviews_due"] == []


def test_a_concept_without_practice_is_rated_by_the_learner(learner):
    # "vector" has no practice topic: the review asks how well it is remembered, and an
    # answer that is not a rating is asked again (it used to end in a traceback).
    with ProgressStore.open(learner.home, fuzz=False) as store:
        store.ensure_card("vector")
    with sqlite3.connect(next(learner.home.glob("*.sqlite3"))) as conn:
        conn.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000+00:00'")
    child = spawn(learner, "review")
    try:
        child.expect("Vectors")
        child.expect("easy: ")
        child.sendline("meh")
        child.expect("Type one of")
        child.expect("easy: ")
        child.sendline("good")
        child.expect("Reviewed 1 of 1")
        assert finish(child) == 0
    finally:
        child.close(force=True)
    assert learner.json("progress", "--json")["reviews_due"] == []


def test_ctrl_c_at_the_reset_question_changes_nothing(learner):
    learner.run("init")
    path = learner.write("dot_product", SOLUTION)
    child = spawn(learner, "reset", "dot_product")
    try:
        child.expect(r"\[y/N\]")
        child.sendintr()
        assert finish(child) == 130
    finally:
        child.close(force=True)
    assert path.read_text() == SOLUTION
