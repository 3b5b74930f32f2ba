"""Power iteration: the dominant eigenpair of a matrix by repeated multiplication.

Write the start vector in eigenvectors, ``x = a₁ v₁ + a₂ v₂ + … + aₙ vₙ``, with
``|λ₁| > |λ₂| ≥ … ≥ |λₙ|``. Then ::

    Aᵏ x = λ₁ᵏ (a₁ v₁ + a₂ (λ₂/λ₁)ᵏ v₂ + … + aₙ (λₙ/λ₁)ᵏ vₙ)

and every term but the first fades like ``|λ₂/λ₁|ᵏ``: multiplying by ``A``
over and over turns any start with ``a₁ ≠ 0`` towards ``v₁``. Normalizing
after each product keeps the numbers finite; the Rayleigh quotient
``vᵀ A v`` of the current unit vector estimates ``λ₁``.

It needs one eigenvalue strictly largest in modulus. With ``λ`` and ``−λ``
(``[[0, 1], [1, 0]]``) or a complex pair ``a ± bi`` (a rotation) the terms
never fade and the iteration wanders forever; it is slow when ``|λ₂/λ₁|`` is
close to 1. Its appeal: only products ``A v``, so it scales to huge sparse
matrices (PageRank is power iteration on the web's link matrix).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import as_square_matrix, as_vector, check_positive_float, check_positive_int
from ..errors import ConvergenceError, ParameterError, ShapeError, ZeroVectorError

__all__ = ["power_iteration", "PowerIterationResult"]


class PowerIterationResult(NamedTuple):
    """The dominant eigenvalue, its unit eigenvector and the number of products ``A v`` taken."""

    eigenvalue: float
    eigenvector: np.ndarray
    n_iter: int


def _unit(x: np.ndarray) -> np.ndarray:
    """``x / ‖x‖`` without overflow or underflow: divide by ``max |xᵢ|`` first."""
    x = x / np.abs(x).max()
    return x / math.sqrt(float(x @ x))


def _start_vector(n: int, random_state) -> np.ndarray:
    """A Gaussian random vector from ``np.random.default_rng(random_state)``, seed 0 for None.

    A random direction has a component along the dominant eigenvector with
    probability 1. A fixed vector such as all ones can miss it: for
    ``[[1, −2], [−2, 1]]`` (eigenvalues 3 for ``(1, −1)`` and −1 for
    ``(1, 1)``) the ones vector is itself an eigenvector, and the iteration
    never leaves it.
    """
    try:
        rng = np.random.default_rng(0 if random_state is None else random_state)
    except (TypeError, ValueError) as exc:
        raise ParameterError(
            f"power_iteration: random_state must be None, a non-negative integer or a "
            f"numpy.random.Generator, got {random_state!r}"
        ) from exc
    return rng.standard_normal(n)


def _no_convergence(max_iter: int, residual: float, threshold: float) -> ConvergenceError:
    """The error for a capped iteration, naming the likely cause and the fixes."""
    return ConvergenceError(
        f"power_iteration: no convergence after max_iter = {max_iter} iterations: the "
        f"residual ‖A v − λ v‖ = {residual:.3g} is still above tol · ‖A‖_F = {threshold:.3g}. "
        f"Power iteration needs one eigenvalue strictly largest in modulus; here the two "
        f"largest may have equal modulus (λ and −λ, or a complex pair a ± bi) or nearly "
        f"equal modulus. Raise max_iter, or use eig for all eigenvalues"
    )


def power_iteration(
    A,
    x0=None,
    *,
    tol: float = 1e-10,
    max_iter: int = 1000,
    random_state=None,
) -> PowerIterationResult:
    """Dominant eigenpair ``(λ₁, v₁)`` of a square matrix by power iteration.

    Repeats ``v <- A v / ‖A v‖`` from a unit start vector and estimates the
    eigenvalue by the Rayleigh quotient ``λ = vᵀ A v``. Stops as soon as the
    eigen-residual is small relative to the matrix,
    ``‖A v − λ v‖ ≤ tol · ‖A‖_F``: then ``(λ, v)`` is an exact eigenpair of
    ``A + E`` with ``‖E‖ ≤ tol · ‖A‖_F`` (take ``E = −r vᵀ``), a test that
    does not depend on the scale of ``A`` and that also holds when the sign
    of ``v`` flips every step (a negative ``λ₁``). The error shrinks like
    ``|λ₂ / λ₁|ᵏ`` after k steps.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix, n >= 1.
    x0 : array_like, shape (n,), optional
        Start vector (any nonzero length). Default: a standard normal vector
        drawn from ``np.random.default_rng(random_state)``, so that it is not
        orthogonal to the dominant eigenvector (with probability 1). A start
        with no component along it (another eigenvector, say) converges to
        another eigenpair: the iteration cannot create the missing direction.
    tol : float, default 1e-10, keyword-only
        Relative residual at which to stop (> 0).
    max_iter : int, default 1000, keyword-only
        Cap on the number of products ``A v``.
    random_state : None, int or numpy.random.Generator, keyword-only
        Seed of the default start vector; ``None`` means seed 0, so the result
        is reproducible. Ignored when ``x0`` is given.

    Returns
    -------
    PowerIterationResult
        ``eigenvalue`` (float), ``eigenvector`` (shape (n,), unit 2-norm, its
        entry of largest modulus positive) and ``n_iter``, the number of
        products ``A v`` computed.

    Raises
    ------
    ShapeError
        If ``A`` is not square or is empty, or ``x0`` has the wrong length.
    DTypeError, NotFiniteError
        If ``A`` or ``x0`` holds non-numbers, complex numbers, NaN or infinity.
    ZeroVectorError
        If ``x0`` is the zero vector (it has no direction to iterate).
    ParameterError
        If ``tol``, ``max_iter`` or ``random_state`` is invalid.
    ConvergenceError
        If the residual is still above ``tol · ‖A‖_F`` after ``max_iter``
        products: no single dominant eigenvalue (``λ`` and ``−λ``, a complex
        pair) or ``|λ₂/λ₁|`` too close to 1.

    See Also
    --------
    eig : all eigenpairs, by the QR algorithm.
    eigh : all eigenpairs of a symmetric matrix.
    pagerank : power iteration on the Google matrix of a link graph.

    Examples
    --------
    >>> import mathforml.linalg as la
    >>> result = la.power_iteration([[2.0, 1.0], [1.0, 2.0]])
    >>> round(result.eigenvalue, 8), result.eigenvector.round(8)
    (3.0, array([0.70710678, 0.70710678]))
    """
    func = "power_iteration"
    A = as_square_matrix(A, "A", func)
    n = A.shape[0]
    if n == 0:
        raise ShapeError(
            f"{func}: A has shape (0, 0); an empty matrix has no eigenvalues, A must be "
            f"at least 1 x 1"
        )
    tol = check_positive_float(tol, "tol", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    if x0 is None:
        x = _start_vector(n, random_state)
    else:
        x = as_vector(x0, "x0", func)
        if x.shape != (n,):
            raise ShapeError(
                f"{func}: A has shape {A.shape} and x0 has shape {x.shape}; x0 must have "
                f"length {n} (one entry per column of A)"
            )
        if not x.any():
            raise ZeroVectorError(
                f"{func}: x0 is the zero vector; power iteration needs a nonzero start "
                f"vector (or leave x0=None for a random one)"
            )

    # Work with A / max|aᵢⱼ| so that no product overflows; the eigenvector is the same.
    scale = float(np.abs(A).max()) or 1.0
    B = A / scale
    threshold = tol * float(np.sqrt((B * B).sum()))  # tol · ‖B‖_F
    v = _unit(x)
    for k in range(1, max_iter + 1):
        w = B @ v
        lam = float(v @ w)  # Rayleigh quotient vᵀ B v (v has unit length)
        residual = float(np.sqrt(((w - lam * v) ** 2).sum()))
        if residual <= threshold:
            v = v if v[np.abs(v).argmax()] > 0 else -v  # the sign of an eigenvector is free
            return PowerIterationResult(lam * scale, v, k)
        v = _unit(w)  # w ≠ 0 here: w = 0 would give λ = 0 and a zero residual
    raise _no_convergence(max_iter, residual * scale, threshold * scale)
