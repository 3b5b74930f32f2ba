from fractions import Fraction

import numpy as np
import pytest

from mathforml._validation import (
    as_array,
    as_matrix,
    as_square_matrix,
    as_vector,
    check_choice,
    check_positive_float,
    check_positive_int,
    check_probability,
    check_same_length,
    check_symmetric,
)
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError


def test_integers_and_booleans_become_float64():
    assert as_vector([1, 2, 3], "v", "f").dtype == np.float64
    assert as_vector([True, False], "v", "f").tolist() == [1.0, 0.0]


def test_fractions_convert():
    assert as_vector([Fraction(1, 2), Fraction(3, 4)], "v", "f").tolist() == [0.5, 0.75]


def test_input_is_not_copied_unless_asked():
    x = np.arange(3.0)
    assert as_vector(x, "x", "f") is x
    assert as_vector(x, "x", "f", copy=True) is not x


def test_ragged_names_function_and_argument():
    with pytest.raises(ShapeError, match=r"^solve: A is a ragged nested sequence"):
        as_matrix([[1, 2], [3]], "A", "solve")


@pytest.mark.parametrize("bad", [["a", "b"], [None, 1.0], [object(), 1], [1, 2j, Fraction(1, 2)]])
def test_non_numbers_raise_dtype_error(bad):
    with pytest.raises(DTypeError, match=r"^norm: x must hold (real )?numbers"):
        as_vector(bad, "x", "norm")


def test_complex_rejected_unless_allowed():
    with pytest.raises(DTypeError, match="complex"):
        as_vector([1j, 2], "x", "f")
    assert as_vector([1j, 2], "x", "f", allow_complex=True).dtype == np.complex128


@pytest.mark.parametrize(
    "value,word", [(np.nan, "NaN"), (np.inf, "infinity"), (-np.inf, "infinity")]
)
def test_non_finite_rejected(value, word):
    with pytest.raises(NotFiniteError, match=f"^det: A contains {word}"):
        as_matrix([[1.0, value], [0.0, 1.0]], "A", "det")
    kept = as_vector([value], "x", "f", allow_nonfinite=True)[0]
    assert kept == value or (np.isnan(kept) and np.isnan(value))


def test_wrong_ndim_names_expected_and_given():
    with pytest.raises(ShapeError, match=r"^dot: u must be a 1-D vector, got shape \(2, 2\)"):
        as_vector(np.eye(2), "u", "dot")
    with pytest.raises(ShapeError, match=r"^inv: A must be a 2-D matrix, got a scalar"):
        as_matrix(3.0, "A", "inv")
    with pytest.raises(ShapeError, match=r"a 1-D vector or a 2-D matrix, got shape \(1, 1, 1\)"):
        as_array(np.zeros((1, 1, 1)), "b", "solve", ndim=(1, 2))


def test_square_required():
    with pytest.raises(ShapeError, match=r"^det: A must be a square matrix, got shape \(2, 3\)"):
        as_square_matrix(np.zeros((2, 3)), "A", "det")
    assert as_square_matrix(np.zeros((0, 0)), "A", "det").shape == (0, 0)


def test_same_length():
    with pytest.raises(ShapeError, match=r"u has shape \(2,\) and v has shape \(3,\)"):
        check_same_length(np.zeros(2), np.zeros(3), ("u", "v"), "dot")


def test_symmetric():
    check_symmetric(np.array([[1.0, 2.0], [2.0, 1.0]]), "M", "inner")
    with pytest.raises(ParameterError, match=r"^inner: M must be symmetric"):
        check_symmetric(np.array([[1.0, 2.0], [0.0, 1.0]]), "M", "inner")


def test_scalar_checks():
    assert check_positive_int(3, "k", "f") == 3
    assert check_positive_int(np.int64(3), "k", "f") == 3
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(ParameterError, match="k must be a positive integer"):
            check_positive_int(bad, "k", "f")
    assert check_positive_float(0.5, "tol", "f") == 0.5
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ParameterError, match="tol must be a finite number > 0"):
            check_positive_float(bad, "tol", "f")
    with pytest.raises(DTypeError, match="tol must be a real number"):
        check_positive_float("1", "tol", "f")
    assert check_probability(1.0, "damping", "pagerank") == 1.0
    with pytest.raises(ParameterError, match=r"damping must lie in \[0, 1\], got 1.5"):
        check_probability(1.5, "damping", "pagerank")
    assert check_choice("full", "mode", "qr", ("full", "reduced")) == "full"
    with pytest.raises(ParameterError, match="mode must be one of 'full', 'reduced', got 'thin'"):
        check_choice("thin", "mode", "qr", ("full", "reduced"))
