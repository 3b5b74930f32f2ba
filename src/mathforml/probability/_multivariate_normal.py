"""The multivariate normal distribution N(μ, Σ) in d dimensions.

    f(x) = exp(-½ (x - μ)ᵀ Σ⁻¹ (x - μ)) / sqrt((2π)^d det Σ)

Everything goes through the Cholesky factor ``Σ = L Lᵀ`` (our own
:func:`mathforml.linalg.cholesky`), computed once when the object is built:

* ``log det Σ = 2 Σᵢ log Lᵢᵢ`` (the determinant of a triangular matrix is the product of
  its diagonal), never ``det`` itself, which overflows or underflows in high dimension;
* the Mahalanobis term ``(x - μ)ᵀ Σ⁻¹ (x - μ) = ‖z‖²`` with ``L z = x - μ``, one
  triangular solve, never ``Σ⁻¹``;
* sampling ``x = μ + L z`` with ``z ~ N(0, I)``: ``Cov(L z) = L I Lᵀ = Σ``.

The factorization is also the test that Σ is a valid covariance: it fails exactly when
Σ is not symmetric positive definite.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .._validation import as_square_matrix, as_vector
from ..errors import NotPositiveDefiniteError, ShapeError
from ..linalg import cholesky
from ..linalg._triangular import _solve_lower
from ._distribution import Distribution

__all__ = ["MultivariateNormal"]

_LOG_2PI = math.log(2.0 * math.pi)


class MultivariateNormal(Distribution):
    """The multivariate normal distribution with mean vector ``mu`` and covariance ``cov``.

    Density ``exp(-½ (x-μ)ᵀ Σ⁻¹ (x-μ)) / sqrt((2π)^d det Σ)``. Its contours are
    ellipsoids whose axes are the eigenvectors of Σ (the picture behind PCA), and every
    linear map or marginal of it is normal again.

    There is no ``cdf``: ``P(X <= x)`` over a d-dimensional orthant has no closed form and
    needs numerical integration (Genz's algorithm, which ``scipy.stats`` uses), which is
    beyond this course. ``ppf`` does not exist either (a quantile is not a point in d > 1
    dimensions).

    Parameters
    ----------
    mu : array_like, shape (d,)
        The mean, finite, d >= 1.
    cov : array_like, shape (d, d)
        The covariance, symmetric positive definite (a semi-definite Σ, e.g. of
        perfectly correlated variables, has no density).

    Raises
    ------
    NotPositiveDefiniteError
        If ``cov`` is not symmetric positive definite; the message names the failing
        Cholesky pivot.
    ShapeError
        If ``mu`` is not a non-empty vector, ``cov`` not a square matrix, or their sizes
        differ.
    DTypeError, NotFiniteError
        If an entry is not a finite real number.

    See Also
    --------
    Normal : the one-dimensional case.
    mathforml.linalg.cholesky : the factorization behind every method.

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`, with
    points of shape (d,) (one point, a scalar result) or (n, d) (n points, shape (n,)).
    ``mean()`` is μ, ``var()`` the vector of marginal variances (the diagonal of Σ), the
    attribute ``cov`` the whole matrix.

    Examples
    --------
    >>> d = MultivariateNormal([0.0, 0.0], [[2.0, 0.0], [0.0, 0.5]])
    >>> float(d.pdf([0.0, 0.0]))  # 1 / (2π sqrt(det Σ)) = 1 / (2π)
    0.15915494309189535
    >>> d.sample(size=3, rng=0).shape
    (3, 2)
    """

    def __init__(self, mu, cov):
        func = "MultivariateNormal"
        mu = as_vector(mu, "mu", func)
        cov = as_square_matrix(cov, "cov", func)
        if mu.size == 0:
            raise ShapeError(f"{func}: mu must have at least one entry, got shape (0,)")
        if cov.shape[0] != mu.size:
            raise ShapeError(
                f"{func}: mu has {mu.size} entries but cov has shape {cov.shape}; cov must "
                f"be {mu.size} x {mu.size}"
            )
        try:
            L = cholesky(cov)
        except NotPositiveDefiniteError as exc:
            # cholesky names its argument A; here it is cov.
            detail = re.sub(r"\bA\b", "cov", str(exc).removeprefix("cholesky: "))
            raise NotPositiveDefiniteError(
                f"{func}: {detail}; a covariance must be symmetric positive definite (one "
                f"with a zero-variance direction, e.g. of perfectly correlated variables, "
                f"has no density)"
            ) from None
        self._set_params(mu=mu, cov=cov)
        L.flags.writeable = False
        object.__setattr__(self, "_L", L)
        # log det Σ = log det(L Lᵀ) = 2 Σ log Lᵢᵢ
        object.__setattr__(self, "_logdet", 2.0 * float(np.sum(np.log(np.diag(L)))))

    @property
    def dim(self) -> int:
        """The dimension d."""
        return self.mu.size

    def _rows(self, x, method: str) -> tuple[np.ndarray, bool]:
        """Points of shape (d,) or (n, d) -> (n, d) rows, and whether one point was given."""
        func = self._name(method)
        arr = self._points(x, method)
        d = self.dim
        if arr.ndim == 1 and arr.shape[0] == d:
            return arr[None, :], True
        if arr.ndim == 2 and arr.shape[1] == d:
            return arr, False
        raise ShapeError(
            f"{func}: x must have shape ({d},) for one point or (n, {d}) for n points, "
            f"got shape {arr.shape}"
        )

    def logpdf(self, x) -> np.ndarray:
        """Log-density ``-½ (d log 2π + log det Σ + ‖z‖²)`` with ``L z = x - μ``.

        Parameters
        ----------
        x : array_like, shape (d,) or (n, d)
            One point or n points (rows); a point with an infinite coordinate has
            log-density ``-inf``.

        Returns
        -------
        float64 or ndarray, shape (n,)

        Examples
        --------
        >>> d = MultivariateNormal([0.0], [[1.0]])
        >>> float(d.logpdf([0.0]))  # the standard normal's -log √(2π)
        -0.9189385332046727
        """
        X, single = self._rows(x, "logpdf")
        finite = np.isfinite(X).all(axis=1)
        out = np.full(X.shape[0], -np.inf)
        if finite.any():
            Z = _solve_lower(self._L, (X[finite] - self.mu).T)  # (d, n): L Z = (X - μ)ᵀ
            maha = np.sum(Z * Z, axis=0)  # ‖zᵢ‖² = (xᵢ - μ)ᵀ Σ⁻¹ (xᵢ - μ)
            out[finite] = -0.5 * (self.dim * _LOG_2PI + self._logdet + maha)
        return out[0] if single else out

    def pdf(self, x) -> np.ndarray:
        """Density ``exp(logpdf(x))``.

        Examples
        --------
        >>> d = MultivariateNormal([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]])
        >>> d.pdf([[0.0, 0.0], [1.0, 1.0]])
        array([0.15915494, 0.05854983])
        """
        return np.exp(self.logpdf(x))

    def mean(self) -> np.ndarray:
        """The mean vector μ, shape (d,)."""
        return self.mu.copy()

    def var(self) -> np.ndarray:
        """The marginal variances, the diagonal of Σ, shape (d,)."""
        return np.diag(self.cov).copy()

    def entropy(self) -> float:
        """Differential entropy ``½ (d (1 + log 2π) + log det Σ)`` in nats."""
        return 0.5 * (self.dim * (1.0 + _LOG_2PI) + self._logdet)

    def _sample(self, shape, rng):
        z = rng.standard_normal(shape + (self.dim,))  # (..., d), z ~ N(0, I)
        return self.mu + z @ self._L.T  # x = μ + L z, row by row

    def sample(self, size=None, rng=None) -> np.ndarray:
        """Random points: shape (d,) for ``size=None``, else ``size + (d,)``.

        Drawn as ``μ + L z`` with ``z ~ N(0, I)`` and ``Σ = L Lᵀ``. ``rng`` is None, an int
        seed or a ``numpy.random.Generator``.

        Examples
        --------
        >>> d = MultivariateNormal([1.0, -1.0], [[1.0, 0.5], [0.5, 1.0]])
        >>> d.sample(rng=0).shape, d.sample(size=(4, 5), rng=0).shape
        ((2,), (4, 5, 2))
        """
        draws = super().sample(size, rng)
        return np.asarray(draws)

    @classmethod
    def fit(cls, data) -> MultivariateNormal:
        """Maximum-likelihood estimate from n points in d dimensions (rows of ``data``).

        The closed forms: the sample mean and the *biased* sample covariance,

            μ̂ = (1/n) Σᵢ xᵢ,     Σ̂ = (1/n) Σᵢ (xᵢ - μ̂)(xᵢ - μ̂)ᵀ

        (dividing by n, not n - 1: ``numpy.cov(data.T, bias=True)``).

        Parameters
        ----------
        data : array_like, shape (n, d)
            Finite numbers, one point per row.

        Returns
        -------
        MultivariateNormal
            A new distribution with the fitted ``mu`` and ``cov``.

        Raises
        ------
        NotPositiveDefiniteError
            If Σ̂ is not positive definite: fewer than d + 1 points, or points lying in
            a lower-dimensional subspace (collinear features).
        ParameterError
            If ``data`` has no rows.
        ShapeError, DTypeError, NotFiniteError
            If ``data`` is not a 2-D array of finite numbers.

        Examples
        --------
        >>> MultivariateNormal.fit([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0]])
        MultivariateNormal(mu=[1.0, 1.0], cov=[[1.0, 0.0], [0.0, 1.0]])
        """
        X = cls._fit_data(data, ndim=2)
        n, d = X.shape
        if d == 0:
            raise ShapeError("MultivariateNormal.fit: data has 0 columns; d must be >= 1")
        mu = X.mean(axis=0)
        C = X - mu  # (n, d) centred rows
        cov = (C.T @ C) / n  # (d, d)
        cov = 0.5 * (cov + cov.T)  # exactly symmetric despite rounding
        try:
            return cls(mu, cov)
        except NotPositiveDefiniteError:
            raise NotPositiveDefiniteError(
                f"MultivariateNormal.fit: the biased sample covariance of the {n} points "
                f"in {d} dimensions is not positive definite (it needs at least d + 1 = "
                f"{d + 1} points not all in one hyperplane; a feature may be constant or "
                f"a combination of others)"
            ) from None
