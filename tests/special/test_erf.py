"""erf, erfc, ndtr, ndtri against scipy.special, and against the C library in the far tails.

SciPy's erfc and ndtr round ``x²`` before the exponential, which costs them up to
``x² · eps`` relative in the tails (6e-14 at x = 26, 2e-13 for ndtr(-38)); ours split
``x`` so that the big part of ``x²`` is exact. So the far tails are checked against the
C library's ``erfc`` (``math.erfc``, correctly rounded to within an ulp or so), and SciPy
is trusted to ``x² · eps`` there.
"""

import math

import numpy as np
import pytest
import scipy.special as sc
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.special as ms
from mathforml.errors import DTypeError, ParameterError
from mathforml.special._erf import _erfcx, _erfcx_scalar
from tests.reference import EPS, assert_close


def arrays(lo: float, hi: float):
    """Small arrays (0-d to 2-D) of finite floats in [lo, hi]."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=6),
        elements=st.floats(lo, hi, allow_nan=False, allow_subnormal=False),
    )


# -- against SciPy on random inputs --------------------------------------------------------


@given(arrays(-8, 8))
def test_erf_matches_scipy(x):
    # Both are Cody's rational approximation with a correctly computed tail: a few ulps.
    assert_close(ms.erf(x), sc.erf(x), rtol=4 * EPS, atol=1e-300)


@given(arrays(-6, 26.5))  # beyond, erfc is subnormal and SciPy flushes it to 0
def test_erfc_matches_scipy_to_its_own_tail_accuracy(x):
    # SciPy rounds x² before exp: its relative error grows like x² eps (see module doc).
    expected = sc.erfc(x)
    tol = 4 * EPS * (1 + x * x)
    assert_close(ms.erfc(x), expected, rtol=float(np.max(tol, initial=0.0)), atol=1e-320)


@given(arrays(-37.5, 9))  # beyond, Φ is subnormal and SciPy flushes it to 0
def test_ndtr_matches_scipy_to_its_own_tail_accuracy(x):
    tol = 4 * EPS * (1 + x * x)
    assert_close(ms.ndtr(x), sc.ndtr(x), rtol=float(np.max(tol, initial=0.0)), atol=1e-320)


@given(arrays(0, 1))
def test_ndtri_matches_scipy(p):
    # AS 241 and SciPy's Cephes ndtri are both good to ~1e-15 relative, also near p = ½
    # where the quantile goes through 0.
    assert_close(ms.ndtri(p), sc.ndtri(p), rtol=1e-14)


@given(st.floats(-300, -1e-3))
def test_ndtri_in_the_tails_matches_scipy(log10p):
    p = 10.0**log10p
    assert_close(ms.ndtri(p), sc.ndtri(p), rtol=1e-14)
    assert_close(ms.ndtri(1 - p), sc.ndtri(1 - p), rtol=1e-14)


# -- independent references ------------------------------------------------------------


@given(st.floats(1.0, 26.5))  # beyond, erfc(x) is subnormal: fewer digits to compare
def test_erfc_tail_matches_the_c_library_to_a_few_ulps(x):
    # No 1 - erf cancellation and an exact m² in e^(-x²): full relative accuracy.
    assert math.isclose(float(ms.erfc(x)), math.erfc(x), rel_tol=8 * EPS)
    assert math.isclose(float(ms.erfc(-x)), math.erfc(-x), rel_tol=4 * EPS)


@given(st.integers(-38, -2), st.integers(0, 63))
def test_ndtr_tail_at_exact_arguments_matches_the_c_library(k, j):
    # x = k + j/64 and x/√2 scaled back: Φ(x) = ½ erfc(-x/√2). math.erfc sees x/√2 rounded
    # (relative error eps), which moves erfc by about x² eps relative: that is the bound.
    # Below 2.2e-308 (x < -37.5) the result is subnormal: its spacing, 5e-324, is the bound.
    x = k + j / 64
    expected = 0.5 * math.erfc(-x / math.sqrt(2.0))
    assert math.isclose(float(ms.ndtr(x)), expected, rel_tol=4 * EPS * (2 + x * x),
                        abs_tol=4 * 5e-324)


@given(st.floats(1e-300, 0.5))
def test_ndtri_inverts_ndtr(p):
    # Φ has relative condition |x φ(x)/Φ(x)| <= x² + 1 in the lower tail, so Φ(Φ⁻¹(p)) is p
    # to about (x² + 1) · 1e-15.
    x = float(ms.ndtri(p))
    assert math.isclose(float(ms.ndtr(x)), p, rel_tol=1e-15 * (x * x + 2))


@given(st.floats(0, 30) | st.floats(30, 1e300))
def test_scaled_erfc_behind_the_incomplete_gamma_matches_scipy(z):
    # erfcx(z) = e^(z²) erfc(z), the private helper of gammainc's large-a expansion: P/Q
    # and R/S as in erfc, the asymptotic series beyond 50 (where R/S drifts by 2e-15).
    # The array and the float versions agree with SciPy to a few ulps.
    expected = sc.erfcx(z)
    assert math.isclose(_erfcx_scalar(z), expected, rel_tol=8 * EPS)
    assert math.isclose(float(_erfcx(np.array([z]))[0]), expected, rel_tol=8 * EPS)


def test_erf_identities_on_a_grid():
    x = np.linspace(-6, 6, 1201)
    assert_close(ms.erf(-x), -ms.erf(x), rtol=0)  # odd, exactly
    assert_close(ms.erfc(x) + ms.erfc(-x), np.full(x.shape, 2.0), rtol=4 * EPS)
    assert_close(ms.ndtr(x) + ms.ndtr(-x), np.ones(x.shape), rtol=4 * EPS)


def test_a_million_points_take_the_blocked_path_and_agree():
    # More than one 32768-entry block, and a length that is not a multiple of it.
    rng = np.random.default_rng(0)
    x = rng.uniform(-9, 9, 100_003)
    assert_close(ms.erf(x), sc.erf(x), rtol=4 * EPS, atol=1e-300)
    assert_close(ms.ndtr(x), sc.ndtr(x), rtol=4 * EPS * 82)
    p = rng.uniform(0, 1, 100_003)
    assert_close(ms.ndtri(p), sc.ndtri(p), rtol=1e-14)


# -- special values, shapes and types --------------------------------------------------


def test_values_at_infinity_zero_and_nan():
    inf, nan = np.inf, np.nan
    assert_close(ms.erf([-inf, 0.0, inf, nan]), np.array([-1.0, 0.0, 1.0, nan]), rtol=0)
    assert_close(ms.erfc([-inf, 0.0, inf, nan]), np.array([2.0, 1.0, 0.0, nan]), rtol=0)
    assert_close(ms.ndtr([-inf, 0.0, inf, nan]), np.array([0.0, 0.5, 1.0, nan]), rtol=0)
    assert_close(ms.ndtri([0.0, 0.5, 1.0, nan]), np.array([-inf, 0.0, inf, nan]), rtol=0)
    assert np.signbit(ms.erf(-0.0))  # erf is odd down to the sign of zero
    assert ms.erfc(27.5) == 0.0 and ms.ndtr(-39.0) == 0.0  # below the smallest double


@pytest.mark.parametrize("f", [ms.erf, ms.erfc, ms.ndtr, ms.ndtri])
def test_scalars_give_numpy_scalars_and_arrays_keep_their_shape(f):
    out = f(0.25)
    assert isinstance(out, np.float64) and np.ndim(out) == 0
    assert isinstance(f(1), np.float64)  # integer input is fine
    assert f(np.zeros((2, 0, 3))).shape == (2, 0, 3)  # empty input, empty output
    grid = np.full((2, 3), 0.25)
    assert_close(f(grid), np.full((2, 3), float(out)), rtol=0)
    assert_close(f([0.25, 0.25]), np.full(2, float(out)), rtol=0)


@pytest.mark.parametrize("f", [ms.erf, ms.erfc, ms.ndtr, ms.ndtri])
def test_non_numbers_are_refused(f):
    with pytest.raises(DTypeError, match=rf"{f.__name__}: x|{f.__name__}: p"):
        f(["a", "b"])
    with pytest.raises(DTypeError, match="complex"):
        f(1 + 2j)


@pytest.mark.parametrize("p", [-0.1, 1.5, -np.inf])
def test_ndtri_refuses_probabilities_outside_zero_one(p):
    with pytest.raises(ParameterError, match=r"ndtri: p must be a probability in \[0, 1\]"):
        ms.ndtri([0.5, p])
