"""`watch` and `practice` in a pseudo-terminal, as a learner runs them."""

import time
from importlib import resources

import pexpect

from mathforml.course.practice import generate

from .conftest import SCRIPT

SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()


def spawn(learner, *args):
    child = pexpect.spawn(SCRIPT, list(args), cwd=str(learner.cwd), env=learner.env,
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    return child


def test_watch_regrades_on_save_and_moves_on(learner):
    learner.run("init")
    child = spawn(learner, "watch")
    try:
        child.expect("Watching")
        child.expect("not started yet")  # the first exercise, as given
        time.sleep(0.5)  # let the watcher start before the save
        learner.write("dot_product", "def dot(u, v):\n    return u * v\n")
        child.expect("wrong result")
        child.expect("elementwise product")
        learner.write("dot_product", SOLUTION)
        child.expect("passed")
        child.expect("vector_norm")  # the next exercise's statement
        child.sendintr()
        child.expect("Stopped watching")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert learner.json("progress", "--json")["exercises"]["dot_product"]["status"] == "passed"


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
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    stats = learner.json("progress", "--json")["practice"]["dot_product"]
    assert stats == {"attempts": 2, "correct": 1, "streak": 0}


def test_review_asks_about_each_due_concept_and_reschedules_it(learner):
    import sqlite3

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
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert learner.json("progress", "--json")["reviews_due"] == []
