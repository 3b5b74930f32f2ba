"""The packaged content loads, is consistent, and every lesson example runs."""

import importlib
from pathlib import Path

import pytest
import tomllib

from mathforml.course.catalog import load_catalog
from mathforml.course.graph import check_graph, requirements, uses
from mathforml.course.lessons import Code, run_lesson
from mathforml.errors import UnknownIdError

CATALOG = load_catalog()
CONTENT = Path(importlib.import_module("mathforml.content").__file__).parent


def test_the_content_references_only_what_exists():
    assert check_graph(CATALOG) == []


def test_the_course_has_what_the_issue_asks_for():
    linear_algebra = [m for m in CATALOG.modules if m.id == "linear-algebra"]
    assert linear_algebra and len(linear_algebra[0].lessons) >= 3
    assert len(CATALOG.exercises) >= 6


def test_every_exercise_folder_is_listed_by_a_lesson():
    folders = {p.parent.name for p in (CONTENT / "exercises").glob("*/exercise.toml")}
    assert folders == set(CATALOG.exercises)


@pytest.mark.parametrize("exercise_id", sorted(CATALOG.exercises))
def test_exercise_files_agree(exercise_id):
    info = CATALOG.exercise(exercise_id)
    folder = CONTENT / "exercises" / exercise_id
    assert tomllib.loads((folder / "exercise.toml").read_text())["id"] == exercise_id
    assert info.lesson in CATALOG.lessons and exercise_id in CATALOG.lessons[info.lesson].exercises
    # The stub and the solution both define the function the learner writes.
    for name in ("stub", "solution"):
        module = importlib.import_module(f"mathforml.content.exercises.{exercise_id}.{name}")
        assert callable(getattr(module, info.function))
    assert len(info.hints) >= 3
    assert CATALOG.spec(exercise_id).max_examples >= 100


@pytest.mark.parametrize("lesson_id", CATALOG.lesson_order())
def test_every_lesson_example_runs(lesson_id):
    ran = [part for part in run_lesson(CATALOG.lesson(lesson_id)) if isinstance(part, Code)]
    assert ran, "a lesson without an example"
    for part in ran:
        assert part.error == "", part.error
        assert part.output or part.figures, f"an example that shows nothing:\n{part.source}"


def test_lesson_figures_are_svg_and_reproducible():
    first = [f.svg for p in run_lesson(CATALOG.lesson("vectors")) if isinstance(p, Code)
             for f in p.figures]
    second = [f.svg for p in run_lesson(CATALOG.lesson("vectors")) if isinstance(p, Code)
              for f in p.figures]
    assert first and first[0].lstrip().startswith("<?xml") and "<svg" in first[0]
    assert first == second


def test_requirements_come_before_what_needs_them():
    order = requirements(CATALOG, "pca")
    assert {"eigenvalues", "covariance", "svd"} <= set(order)
    for position, concept in enumerate(order):
        for required in CATALOG.concepts[concept].requires:
            assert order.index(required) < position


def test_requirements_of_an_algorithm_include_its_concepts_and_their_closure():
    order = requirements(CATALOG, "transformers")
    assert "attention" in order and "softmax" in order and "dot_product" in order


def test_uses_reads_the_used_in_edges_and_their_reverse():
    dot = uses(CATALOG, "dot_product")
    assert "svm" in dot.algorithms
    assert "norm" in dot.concepts and "matrix_product" in dot.concepts


@pytest.mark.parametrize(
    "lookup,name,suggestion",
    [
        (CATALOG.exercise, "dot_prodcut", "dot_product"),
        (CATALOG.lesson, "vector", "vectors"),
        (CATALOG.concept, "eigenvalue", "eigenvalues"),
    ],
)
def test_unknown_ids_suggest_the_closest(lookup, name, suggestion):
    with pytest.raises(UnknownIdError, match=f"did you mean '{suggestion}'"):
        lookup(name)


def test_unknown_concept_in_requirements_suggests():
    with pytest.raises(UnknownIdError, match="did you mean 'pca'"):
        requirements(CATALOG, "pcaa")


def test_an_unknown_concept_without_a_close_one_points_to_the_concept_listing():
    # Not to `mathforml list`, which lists lessons and exercises, not concepts.
    with pytest.raises(UnknownIdError, match="`mathforml concept` shows all"):
        requirements(CATALOG, "qqqqqq")
    with pytest.raises(UnknownIdError, match="`mathforml concept` shows all"):
        CATALOG.concept("qqqqqq")
    with pytest.raises(UnknownIdError, match="the exercise ids are: cosine_similarity"):
        CATALOG.exercise("qqqqqq")
