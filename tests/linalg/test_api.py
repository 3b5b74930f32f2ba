"""The public surface of mathforml.linalg: the names the course promises, each documented."""

import inspect

import pytest

import mathforml.linalg as la

# The names issue "Foundation" asks for, exactly.
PROMISED = {
    "dot", "norm", "unit", "distance", "cosine_similarity", "angle", "inner", "project",
    "is_linearly_independent", "change_of_basis",
    "matmul", "rref", "rank", "lu", "solve", "det", "inv", "lstsq",
    "gram_schmidt", "qr", "projection_matrix", "project_onto_subspace",
    "power_iteration", "eigh", "eig", "characteristic_polynomial",
    "svd", "pinv", "low_rank_approximation", "cholesky", "is_positive_definite",
    "pagerank", "rotation", "reflection", "shear", "scaling", "transform_image",
    "reflect_in_plane",
}  # fmt: skip


def test_exactly_the_promised_names_are_public():
    assert set(la.__all__) == PROMISED
    assert len(la.__all__) == len(set(la.__all__))


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_every_function_has_a_numpy_style_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(la, name))
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    for section in ("Parameters", "Returns", "Examples"):
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_public_functions_have_type_hints_on_their_return(name):
    sig = inspect.signature(getattr(la, name))
    assert sig.return_annotation is not inspect.Signature.empty, f"{name} lacks a return hint"
