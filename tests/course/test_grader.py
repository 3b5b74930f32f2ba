"""Grading real files: the dot_product exercise's solution, stub and typical wrong answers.

Every test runs the real sandbox (a child Python process) on a real file in ``tmp_path``.
"""

import dataclasses
import json
import shutil
import sys
from collections import namedtuple
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

import mathforml.content.exercises.dot_product as dot_exercise
import mathforml.linalg as la
from mathforml.content.exercises.dot_product.spec import SPEC
from mathforml.course.grader import Report, grade
from mathforml.course.spec import ExerciseSpec, Misconception
from mathforml.errors import ContentError

EXERCISE = Path(dot_exercise.__file__).parent
LEARNER_FILES = Path(__file__).parent / "learner_files"
QUICK = 20  # examples for tests that do not need the full 100


def learner_file(tmp_path: Path, source: str, name: str = "dot_product.py") -> Path:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def fixture(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(LEARNER_FILES / name, tmp_path / "dot_product.py"))


def same_report(a: Report, b: Report) -> bool:
    da, db = a.to_dict(), b.to_dict()
    da.pop("duration"), db.pop("duration")
    return da == db


# The exercise's own files.


def test_the_solution_passes_100_examples_by_default(tmp_path):
    report = grade(SPEC, "dot", shutil.copy(EXERCISE / "solution.py", tmp_path))
    assert report.status == "passed" and report.passed
    assert report.examples_run == SPEC.max_examples == 100
    assert report.message == "`dot` passed 100 generated inputs."
    assert report.call is None and report.traceback is None
    json.dumps(report.to_dict(), allow_nan=False)


def test_the_stub_is_not_implemented_a_gentle_start(tmp_path):
    report = grade(SPEC, "dot", shutil.copy(EXERCISE / "stub.py", tmp_path / "dot_product.py"))
    assert report.status == "not_implemented" and not report.passed
    assert "This is where you start" in report.message
    assert report.examples_run == 1  # stops at once: shrinking teaches nothing here
    assert report.traceback.exception == "NotImplementedError"


# Wrong answers: the smallest failing input, expected, actual, the misconception.


def test_elementwise_product_is_named_with_the_smallest_input(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_elementwise.py"))
    assert report.status == "failed"
    assert report.misconception.name == "elementwise product"
    assert "adds them up into one number" in report.misconception.message
    # Hypothesis shrank to vectors of length 1 (zeros are simplest)
    assert report.call == "dot(u=array([0.0]), v=array([0.0]))"
    assert report.arguments == ([0.0], [0.0])
    assert report.expected == "0.0" and report.expected_value == 0.0
    assert report.actual == "array([0.0])" and report.actual_value == [0.0]
    assert report.difference == "shape (1,) instead of () (a single number)"
    assert report.call in report.message


def test_product_of_sums_is_named_on_a_longer_input(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_product_of_sums.py"))
    assert report.status == "failed"
    assert report.misconception.name == "product of sums"
    u, v = report.arguments
    assert len(u) == 2  # equals the dot product on every length-1 input
    assert la.dot(np.array(u), np.array(v)) == report.expected_value
    assert report.actual_value == sum(u) * sum(v) != report.expected_value


def test_a_misconception_must_also_explain_the_unshrunk_failure(tmp_path):
    # On the smallest failing input, u = [0.5], v = [0.0], sum(u) equals Σu + Σv: a
    # coincidence the first (unshrunk) failing input rules out.
    path = learner_file(tmp_path, "def dot(u, v):\n    return float(sum(u))\n")
    report = grade(SPEC, "dot", path, seed=5)
    assert report.status == "failed" and report.arguments == ([0.5], [0.0])
    assert report.misconception is None


def test_a_misconception_can_be_a_predicate(tmp_path):
    spec = dataclasses.replace(SPEC, misconceptions=(
        Misconception("negated", "Check the sign.", matches=lambda args, e, a: a == -e),
    ))
    report = grade(spec, "dot", learner_file(tmp_path, "def dot(u, v):\n"
                                             "    return -sum(a * b for a, b in zip(u, v))\n"),
                   max_examples=QUICK)
    assert report.status == "failed" and report.misconception.name == "negated"


def test_no_misconception_when_none_explains_it(tmp_path):
    report = grade(SPEC, "dot", learner_file(tmp_path, "def dot(u, v):\n    return 7.0\n"),
                   max_examples=QUICK)
    assert report.status == "failed" and report.misconception is None
    assert report.difference == "7.0 instead of 0.0"


def test_forgotten_return(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_no_return.py"), max_examples=QUICK)
    assert report.status == "failed"
    assert report.difference == "returned None: did you forget `return`?"
    assert report.actual == "None" and report.actual_value is None


def test_a_typo_that_raises_points_at_the_learners_line(tmp_path):
    path = learner_file(tmp_path, "def dot(u, v):\n    total = 0.0\n"
                                  "    for i in range(len(u)):\n"
                                  "        total += u[i] * w[i]\n    return total\n")
    report = grade(SPEC, "dot", path, max_examples=QUICK)
    assert report.status == "error"
    assert report.line == 4 and report.source_line.strip() == "total += u[i] * w[i]"
    # the `w`, 1-based; Python 3.10 has no column positions in tracebacks
    assert report.column == (25 if sys.version_info >= (3, 11) else None)
    if report.column is not None:  # the column counts in the whole line, as an editor does
        assert report.source_line[report.column - 1 :].startswith("w[i]")
    assert report.traceback.exception == "NameError"
    assert report.traceback.message == "name 'w' is not defined"
    assert [f.file for f in report.traceback.frames] == [str(path)]
    assert "grader" not in report.traceback.format()  # none of the grader's frames
    assert report.call == "dot(u=array([0.0]), v=array([0.0]))"
    assert "NameError (line 4)" in report.message


def test_traceback_keeps_the_learners_frames_across_helpers(tmp_path):
    path = learner_file(tmp_path, "import numpy as np\n\n\ndef helper(x):\n"
                                  "    return np.log(-1) + [][x]\n\n\n"
                                  "def dot(u, v):\n    return helper(len(u))\n")
    report = grade(SPEC, "dot", path, max_examples=QUICK)
    frames = report.traceback.frames
    assert [(f.function, f.line) for f in frames] == [("dot", 9), ("helper", 5)]
    assert report.traceback.exception == "IndexError" and report.line == 5


def test_syntax_error_gives_line_and_column(tmp_path):
    path = learner_file(tmp_path, "def dot(u, v):\n    total = 0.0\n"
                                  "    for i in range(len(u))\n"
                                  "        total += u[i] * v[i]\n    return total\n")
    report = grade(SPEC, "dot", path)
    assert report.status == "syntax_error"
    assert (report.line, report.column) == (3, 27)
    assert report.source_line == "    for i in range(len(u))"
    assert report.message == "Syntax error in dot_product.py, line 3, column 27: expected ':'."
    assert report.examples_run == 0


def test_forbidden_numpy_dot_through_an_alias(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_numpy_alias.py"))
    assert report.status == "forbidden"
    assert report.line == 5 and "`np.dot` is numpy.dot" in report.message
    assert report.source_line == "    return float(np.dot(u, v))"


def test_importing_mathforml_is_always_forbidden(tmp_path):
    report = grade(SPEC, "dot", learner_file(tmp_path, "from mathforml.linalg import dot\n"))
    assert report.status == "forbidden" and report.line == 1


def test_missing_function_suggests_the_near_miss(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_missing.py"))
    assert report.status == "missing_function"
    assert "defines no function named `dot`" in report.message
    assert "`dott`" in report.message


def test_a_name_that_is_not_a_function(tmp_path):
    report = grade(SPEC, "dot", learner_file(tmp_path, "dot = 3\n"))
    assert report.status == "missing_function"
    assert "is an int, not a function" in report.message


def test_missing_file(tmp_path):
    report = grade(SPEC, "dot", tmp_path / "nowhere.py")
    assert report.status == "missing_file" and "nowhere.py" in report.message
    assert grade(SPEC, "dot", tmp_path).status == "missing_file"  # a directory


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "dot_product.py"
    path.write_bytes(b"def dot(u, v):\n    return 0.0  # caf\xe9\n")
    report = grade(SPEC, "dot", path)
    assert report.status == "syntax_error" and "UTF-8" in report.message


def test_a_file_too_large_to_be_an_exercise(tmp_path):
    path = learner_file(tmp_path, "x = 1\n" * 300_000)
    assert grade(SPEC, "dot", path).status == "syntax_error"


def test_the_reported_output_is_what_the_failing_call_printed(tmp_path):
    path = learner_file(tmp_path, "print('loading')\n\n\ndef dot(u, v):\n"
                                  "    print('u has', len(u), 'entries')\n    return 1.0\n")
    report = grade(SPEC, "dot", path, max_examples=QUICK)
    assert report.status == "failed"
    assert report.output == "u has 1 entries\n"


def test_printing_does_not_disturb_a_correct_answer(tmp_path):
    report = grade(SPEC, "dot", fixture(tmp_path, "dot_list_comprehension.py"))
    assert report.status == "passed" and report.examples_run == 100


def test_the_learners_folder_is_importable(tmp_path):
    (tmp_path / "helpers.py").write_text("def mul(a, b):\n    return a * b\n")
    path = learner_file(tmp_path, "from helpers import mul\n\n\ndef dot(u, v):\n"
                                  "    return sum(mul(a, b) for a, b in zip(u, v, strict=True))\n")
    report = grade(SPEC, "dot", path, max_examples=QUICK)
    assert report.status == "passed"  # the learner's folder is importable, as with `python`


def test_import_error_at_load_time(tmp_path):
    report = grade(SPEC, "dot", learner_file(tmp_path, "import no_such_module\n"))
    assert report.status == "error"
    assert report.traceback.exception == "ModuleNotFoundError"
    assert "while dot_product.py was loading" in report.message and report.line == 1
    assert report.call is None


# Reproducibility and options.


def test_same_seed_same_report(tmp_path):
    path = learner_file(tmp_path, "def dot(u, v):\n    return float(sum(u))\n")
    first = grade(SPEC, "dot", path, seed=3, max_examples=50)
    again = grade(SPEC, "dot", path, seed=3, max_examples=50)
    assert first.status == "failed" and first.seed == 3
    assert same_report(first, again)


def test_max_examples_overrides_the_spec(tmp_path):
    path = shutil.copy(EXERCISE / "solution.py", tmp_path)
    assert grade(SPEC, "dot", path, max_examples=7).examples_run == 7


def test_report_text_has_the_parts_a_learner_needs(tmp_path):
    text = grade(SPEC, "dot", fixture(tmp_path, "dot_elementwise.py")).text()
    for part in ("[failed]", "call:", "expected:", "actual:", "difference:",
                 "elementwise product"):
        assert part in text


# Specs with other kinds of results.

Pair = namedtuple("Pair", ["total", "scaled"])


def _matrices():
    from mathforml.course.inputs import matrices

    return matrices(max_rows=3, max_cols=3).map(lambda A: (A,))


def test_tuple_results_are_compared_item_by_item(tmp_path):
    spec = ExerciseSpec(reference=lambda A: Pair(A.sum(), 2 * A), inputs=_matrices)
    right = learner_file(tmp_path, "def f(A):\n    return A.sum(), A + A\n")
    assert grade(spec, "f", right, max_examples=QUICK).status == "passed"
    wrong = learner_file(tmp_path, "def f(A):\n    return A.sum(), A.T + A.T\n", "wrong.py")
    report = grade(spec, "f", wrong, max_examples=QUICK)
    assert report.status == "failed"
    assert report.difference.startswith("scaled: shape (")
    single = learner_file(tmp_path, "def f(A):\n    return A.sum()\n", "single.py")
    assert "instead of 2 values" in grade(spec, "f", single, max_examples=QUICK).difference


def test_matrix_results_shrink_to_a_small_matrix(tmp_path):
    spec = ExerciseSpec(reference=lambda A: A.T, inputs=_matrices)
    report = grade(spec, "transpose", learner_file(tmp_path, "def transpose(A):\n    return A\n"))
    assert report.status == "failed"
    assert report.arguments in (([[0.0, 0.0]],), ([[0.0], [0.0]],))
    assert report.difference in ("shape (1, 2) instead of (2, 1)",
                                 "shape (2, 1) instead of (1, 2)")


# The spec's own bugs are ours, not the learner's.


def test_a_reference_that_raises_is_a_content_error(tmp_path):
    spec = dataclasses.replace(SPEC, reference=lambda u, v: 1 / 0)
    with pytest.raises(ContentError, match="reference of 'dot' failed on dot"):
        grade(spec, "dot", shutil.copy(EXERCISE / "solution.py", tmp_path))


def test_inputs_that_are_not_argument_tuples_are_a_content_error(tmp_path):
    spec = dataclasses.replace(SPEC, inputs=lambda: st.just(1.0))
    with pytest.raises(ContentError, match="argument tuples"):
        grade(spec, "dot", shutil.copy(EXERCISE / "solution.py", tmp_path))
