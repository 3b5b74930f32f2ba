"""Compare ours with the industrial reference, with tolerances that scale with the problem."""

from __future__ import annotations

import numpy as np

EPS = np.finfo(np.float64).eps


def cond(A) -> float:
    """2-norm condition number (inf for singular), via LAPACK."""
    with np.errstate(all="ignore"):
        return float(np.linalg.cond(A)) if np.size(A) else 1.0


def assert_same_shape_dtype(actual, expected) -> None:
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != reference {expected.shape}"
    assert actual.dtype.kind == expected.dtype.kind, (
        f"dtype {actual.dtype} != reference {expected.dtype}"
    )


def assert_close(actual, expected, *, rtol: float = 1e-10, atol: float = 0.0, scale=None) -> None:
    """Shape and dtype kind first, then values.

    ``scale`` (a number) sets the absolute tolerance to ``rtol * scale``: the
    right yardstick when entries that should be zero come out as rounding noise.
    """
    assert_same_shape_dtype(actual, expected)
    if scale is not None:
        atol = max(atol, rtol * float(scale))
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


def backward_error(A, reconstruction) -> float:
    """‖A - reconstruction‖ / ‖A‖ (Frobenius); the absolute error when A is zero."""
    A = np.asarray(A)
    err = float(np.linalg.norm(A - reconstruction))
    nA = float(np.linalg.norm(A))
    return err / nA if nA else err


def orthogonality_error(Q) -> float:
    """‖QᵀQ - I‖ for a matrix that should have orthonormal columns."""
    Q = np.asarray(Q)
    k = Q.shape[1]
    return float(np.linalg.norm(Q.conj().T @ Q - np.eye(k))) if k else 0.0
