"""The real command line, end to end, in subprocesses: what a learner types and sees."""

import sqlite3
import subprocess
from importlib import resources

import pytest

import mathforml
from mathforml.course.catalog import load_catalog

from .conftest import SCRIPT

CATALOG = load_catalog()
SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()
ELEMENTWISE = "def dot(u, v):\n    return u * v\n"


def test_help_and_version(learner):
    done = learner.run("--help")
    assert done.returncode == 0
    for command in ("init", "lesson", "check", "watch", "hint", "practice", "review",
                    "progress", "reset", "list", "concept"):
        assert command in done.stdout
    assert learner.run("--version").stdout.strip() == f"mathforml {mathforml.__version__}"


def test_help_says_what_the_exit_codes_mean(learner):
    text = " ".join(learner.run("--help").stdout.split())
    for code in ("0 ok", "1 a check", "2 an unknown id", "3 no workspace", "4 the progress",
                 "5 broken course content", "70 a bug", "130 Ctrl-C"):
        assert code in text, code


def test_first_dashboard_points_to_the_first_lesson(learner):
    done = learner.run()
    assert done.returncode == 0
    assert "mathforml lesson vectors" in done.stdout
    assert "0/6" in done.stdout


def test_the_dashboard_is_the_same_with_and_without_options(learner):
    # No argument takes a shortcut past Typer (start-up time); options go through Typer.
    plain, through_typer = learner.run(), learner.run("--data-dir", str(learner.home))
    assert plain.returncode == through_typer.returncode == 0
    assert plain.stdout == through_typer.stdout and plain.stderr == through_typer.stderr == ""


def test_reading_a_lesson_moves_the_dashboard_on(learner):
    done = learner.run("lesson", "vectors")
    assert done.returncode == 0, done.stderr
    assert "‖u‖ = √(u ⋅ u)" in done.stdout  # math as Unicode, not raw LaTeX
    assert "12.0" in done.stdout  # the example ran
    assert list((learner.home / "figures").glob("vectors-*.svg"))
    # Exercises need a workspace first: the dashboard says to make one, then to check.
    assert "mathforml init" in learner.run().stdout
    assert learner.run("init").returncode == 0
    assert "mathforml check dot_product" in learner.run().stdout


def test_list_json_describes_the_course(learner):
    data = learner.json("list", "--json")
    assert [m["id"] for m in data["modules"]] == [m.id for m in CATALOG.modules]
    assert {e["id"] for e in data["exercises"]} == set(CATALOG.exercises)
    assert all(e["status"] == "not_started" for e in data["exercises"])
    assert len(data["practice"]) >= 10


def test_the_whole_exercise_loop(learner):
    assert learner.run("init").returncode == 0
    stub = learner.run("check")  # the next unfinished exercise is the first one
    assert stub.returncode == 1 and "not started" in stub.stdout

    learner.write("dot_product", ELEMENTWISE)
    wrong = learner.json("check", "dot_product", "--json")
    assert wrong["status"] == "failed" and wrong["passed"] is False
    assert wrong["misconception"]["name"] == "elementwise product"
    assert learner.run("check", "dot_product").returncode == 1

    learner.write("dot_product", SOLUTION)
    right = learner.json("check", "dot_product", "--json")
    assert right["passed"] and right["first_pass"] and right["recorded"]
    assert right["next"] == "vector_norm" and right["all_passed"] is False
    progress = learner.json("progress", "--json")
    assert progress["exercises"]["dot_product"]["status"] == "passed"
    # Three attempts: the stub as given is the task, not an attempt.
    assert progress["exercises"]["dot_product"]["attempts"] == 3
    # The next check without an id goes on to the next exercise.
    assert "vector_norm" in learner.run("check").stdout


def test_unknown_ids_exit_2_with_a_suggestion(learner):
    learner.run("init")
    for args in (("check", "dot_prodct"), ("lesson", "vectr"), ("hint", "dot_prodct"),
                 ("practice", "dot_prodct"), ("concept", "eigenvalue")):
        done = learner.run(*args)
        assert done.returncode == 2, args
        assert "did you mean" in done.stderr, (args, done.stderr)


def test_no_workspace_exits_3(learner):
    done = learner.run("check", "dot_product")
    assert done.returncode == 3
    assert "mathforml init" in done.stderr


def test_hints_come_one_at_a_time(learner):
    hints = CATALOG.exercise("dot_product").hints
    for shown in range(1, len(hints) + 1):
        out = learner.run("hint", "dot_product").stdout
        assert f"Hint {shown}/{len(hints)}" in out
        assert f"Hint {shown + 1}/" not in out
    assert "last hint" in learner.run("hint", "dot_product").stdout
    assert learner.json("progress", "--json")["exercises"]["dot_product"]["hints_shown"] == 3


def test_reset_asks_first_and_keeps_the_old_file(learner):
    learner.run("init")
    path = learner.write("dot_product", SOLUTION)
    declined = learner.run("reset", "dot_product", input="n\n")
    assert declined.returncode == 0 and path.read_text() == SOLUTION
    accepted = learner.run("reset", "dot_product", input="y\n")
    assert accepted.returncode == 0
    assert path.read_text() == CATALOG.stub("dot_product")
    kept = list((learner.workspace / ".history").glob("dot_product-*.py"))
    assert [k.read_text() for k in kept] == [SOLUTION]


def test_init_never_overwrites(learner):
    learner.run("init")
    path = learner.write("dot_product", SOLUTION)
    again = learner.run("init")
    assert again.returncode == 0 and "kept" in again.stdout
    assert path.read_text() == SOLUTION


def test_concept_answers_what_do_i_need(learner):
    done = learner.run("concept", "pca")
    assert done.returncode == 0
    assert "Eigenvalues and eigenvectors" in done.stdout and "lesson vectors" in done.stdout
    used = learner.run("concept", "dot_product").stdout
    assert "Support vector machines" in used and "Matrix multiplication" in used


def test_a_damaged_progress_file_is_kept_and_explained(learner):
    learner.run("lesson", "vectors")
    progress = next(learner.home.glob("*.sqlite3"))
    progress.write_bytes(b"this is not a database" * 100)
    done = learner.run()
    assert done.returncode == 4
    assert str(progress.name) in done.stderr
    assert progress.read_bytes().startswith(b"this is not a database")  # never reset
    assert list(learner.home.glob("*damaged*")), "no backup copy was kept"
    assert "mathforml progress --recover" in done.stderr
    recovered = learner.run("progress", "--recover")
    assert recovered.returncode == 0, recovered.stderr
    assert learner.run().returncode == 0  # a fresh store; the damaged file is still kept
    assert list(learner.home.glob("*damaged*"))


def test_learner_code_that_deletes_the_progress_file_loses_nothing(learner):
    learner.run("init")
    learner.write("dot_product", SOLUTION)
    assert learner.run("check", "dot_product").returncode == 0
    progress = next(learner.home.glob("*.sqlite3"))
    learner.write("vector_norm", f"import os\nos.remove({str(progress)!r})\n"
                  "def norm(x):\n    return 0.0\n")
    done = learner.run("check", "vector_norm")
    assert done.returncode == 1
    assert "restored" in done.stdout.lower() or "put back" in done.stdout.lower(), done.stdout
    with sqlite3.connect(progress) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert learner.json("progress", "--json")["exercises"]["dot_product"]["status"] == "passed"


def test_learner_code_that_corrupts_the_progress_file_loses_nothing(learner):
    learner.run("init")
    learner.write("dot_product", SOLUTION)
    learner.run("check", "dot_product")
    progress = next(learner.home.glob("*.sqlite3"))
    learner.write("vector_norm", f"open({str(progress)!r}, 'r+b').write(b'garbage' * 500)\n"
                  "def norm(x):\n    return 0.0\n")
    assert learner.run("check", "vector_norm").returncode == 1
    assert learner.json("progress", "--json")["exercises"]["dot_product"]["status"] == "passed"


def test_a_terminal_that_is_not_utf8_gets_ascii_not_a_traceback(learner):
    learner.env["PYTHONIOENCODING"] = "ascii"
    lesson = learner.run("lesson", "vectors")
    assert lesson.returncode == 0, lesson.stderr
    assert lesson.stdout.isascii() and "||u|| = sqrt(u * u)" in lesson.stdout
    for args in ((), ("concept", "cosine_similarity")):
        done = learner.run(*args)
        assert done.returncode == 0 and done.stderr == "" and done.stdout.isascii(), args
    # JSON stays exact: \u escapes, the same data as on a UTF-8 terminal.
    data = learner.json("list", "--json")
    learner.env["PYTHONIOENCODING"] = "utf-8"
    assert data == learner.json("list", "--json")


@pytest.mark.parametrize("args", [(), ("list",)], ids=["dashboard", "list"])
def test_output_into_a_closed_pipe_ends_quietly(learner, args):
    # `mathforml | head -0`: the reader is gone before the first line is written.
    with subprocess.Popen([SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=learner.cwd, env=learner.env) as child:
        child.stdout.close()
        stderr = child.stderr.read().decode()
        code = child.wait(timeout=120)
    assert code == 1
    assert stderr == "", stderr


def test_a_narrow_terminal_never_cuts_an_id_short(learner):
    learner.env["COLUMNS"] = "40"
    for args in ((), ("list",)):
        done = learner.run(*args)
        assert done.returncode == 0, done.stderr
        words = set(done.stdout.split())
        assert set(CATALOG.exercises) <= words, (args, done.stdout)
        assert set(CATALOG.lessons) <= words, (args, done.stdout)
