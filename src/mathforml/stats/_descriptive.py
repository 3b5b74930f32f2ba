"""Descriptive statistics: the centre, the spread and the shape of a data set.

The opening of the PCA course: before projecting data we summarise it by its
mean (where it sits), its variance (how far it spreads) and, for vectors, its
covariance matrix (how the features vary together).

Every function takes ``axis`` like NumPy (``None`` reduces everything, an int
or a tuple of ints reduces those axes). NaN and infinity are errors: drop the
missing values first (``x[~np.isnan(x)]``); an empty reduction is an error too,
where NumPy would warn and return NaN.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_array, as_matrix, check_choice, check_nonnegative_int
from ..errors import ParameterError, ShapeError
from ._common import count_along, gather, normalize_axis

__all__ = [
    "mean",
    "median",
    "mode",
    "var",
    "std",
    "percentile",
    "iqr",
    "covariance",
    "correlation",
    "describe",
    "ModeResult",
    "DescribeResult",
]


def _reduced(x, func: str, axis, *, finite_later: bool = False):
    """x as floats, the reduced axes and the count per reduction.

    ``finite_later``: skip the separate pass that looks for NaN and infinity, because
    the caller sums x anyway and :func:`_mean` checks then (a sum is finite exactly when
    every term is finite, unless it overflows; either way the full check runs).
    """
    x = as_array(x, "x", func, allow_nonfinite=finite_later)
    axes = normalize_axis(axis, x.ndim, func)
    return x, axes, count_along(x, axes, func)


def _unwrap(a: np.ndarray):
    """A 0-d result as a NumPy scalar, like NumPy's reductions."""
    return a[()] if a.ndim == 0 else a


# --- the centre --------------------------------------------------------------------------


def _mean(x: np.ndarray, axes: tuple[int, ...], n: int, keepdims: bool = False,
          func: str | None = None) -> np.ndarray:
    """Σx / n; with ``func``, x may still hold NaN or infinity and is checked here."""
    # Pairwise summation (NumPy's): error ~ log₂(n) ε. If Σx overflows while the mean is
    # representable (values near 1e308), Σ(x / n) cannot overflow.
    with np.errstate(over="ignore", invalid="ignore"):
        m = np.sum(x, axis=axes, keepdims=keepdims) / n
    if not np.isfinite(m).all():
        if func is not None:
            as_array(x, "x", func)  # raises NotFiniteError, naming NaN or infinity
        m = np.sum(x / n, axis=axes, keepdims=keepdims)
    return m


def mean(x, axis=None) -> np.float64 | np.ndarray:
    """Arithmetic mean: x̄ = (1/n) Σᵢ xᵢ.

    The balance point of the data: the deviations xᵢ − x̄ sum to zero, and x̄
    minimises the mean squared distance (1/n) Σ (xᵢ − c)² over all c.

    Parameters
    ----------
    x : array_like
        Finite real numbers, any shape.
    axis : None, int or tuple of ints, optional
        Axes to average over; ``None`` (default) averages everything.

    Returns
    -------
    float or ndarray
        ``numpy.mean(x, axis)``; a NumPy float when every axis is reduced.

    Raises
    ------
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    median : the middle value, robust to outliers.

    Examples
    --------
    >>> mean([1, 2, 3, 10])
    np.float64(4.0)
    >>> mean([[1, 2], [3, 4]], axis=0)
    array([2., 3.])
    """
    x, axes, n = _reduced(x, "mean", axis, finite_later=True)
    return _unwrap(np.asarray(_mean(x, axes, n, func="mean")))


# --- percentiles -------------------------------------------------------------------------
# Hyndman & Fan (1996) number nine sample-quantile definitions; NumPy offers them all. Each
# gives a "virtual index" v into the sorted sample x₍₀₎ <= ... <= x₍ₙ₋₁₎ (0-based) and
# interpolates between its neighbours: Q = x₍⌊v⌋₎ + γ (x₍⌊v⌋₊₁₎ − x₍⌊v⌋₎).

# The continuous methods (H&F 4-9): v = n p + α + p (1 − α − β) − 1.
_ALPHA_BETA = {
    "interpolated_inverted_cdf": (0.0, 1.0),  # H&F 4: linear interpolation of the ECDF
    "hazen": (0.5, 0.5),  # H&F 5: the ECDF steps at (k − ½)/n
    "weibull": (0.0, 0.0),  # H&F 6: p_k = k / (n + 1)
    "median_unbiased": (1 / 3.0, 1 / 3.0),  # H&F 8: median-unbiased whatever the distribution
    "normal_unbiased": (3 / 8.0, 3 / 8.0),  # H&F 9: unbiased for normal order statistics
}

PERCENTILE_METHODS = (
    "linear", "lower", "higher", "nearest", "midpoint",
    "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
    "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased", "normal_unbiased",
)  # fmt: skip


def _exact_indices(n: int, p: np.ndarray, method: str) -> np.ndarray | None:
    """The order statistic each p picks, for the methods that never interpolate."""
    if method == "lower":
        return np.floor((n - 1) * p).astype(np.intp)
    if method == "higher":
        return np.ceil((n - 1) * p).astype(np.intp)
    if method == "nearest":  # ties go to the even index (round half to even), as NumPy does
        return np.around((n - 1) * p).astype(np.intp)
    if method in ("inverted_cdf", "closest_observation"):
        # H&F 1: the smallest x with ECDF(x) >= p, i.e. index ⌈n p⌉ − 1. H&F 3 (SAS): the
        # nearest order statistic to n p − ½, ties (g = 0) to the even 1-based rank.
        v = n * p - 1.0 if method == "inverted_cdf" else n * p - 1.5
        lower = np.floor(v)
        g = v - lower
        at_lower = g == 0
        if method == "closest_observation":
            at_lower &= lower % 2 == 1
        return np.maximum(np.where(at_lower, lower, lower + 1), 0).astype(np.intp)
    return None


def _virtual_index(n: int, p: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """(v, γ) for the interpolating methods; γ is the weight of the upper neighbour."""
    if method == "linear":  # H&F 7, α = β = 1: v = (n − 1) p
        v = (n - 1) * p
    elif method == "midpoint":  # halfway between the two neighbours of (n − 1) p
        v = 0.5 * (np.floor((n - 1) * p) + np.ceil((n - 1) * p))
    elif method == "averaged_inverted_cdf":  # H&F 2: H&F 1, averaged where the ECDF is flat
        v = n * p - 1.0
    else:
        alpha, beta = _ALPHA_BETA[method]
        v = n * p + (alpha + p * (1 - alpha - beta)) - 1
    g = v - np.floor(v)
    if method == "midpoint":
        g = np.where(v % 1 == 0, 0.0, 0.5)
    elif method == "averaged_inverted_cdf":
        g = np.where(g == 0, 0.5, 1.0)
    return v, g


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    # a + t (b − a) is exact at t = 0; for t >= ½ use b − (1 − t)(b − a), exact at t = 1,
    # so the result never leaves [a, b] (NumPy's formula).
    d = b - a
    return np.where(t >= 0.5, b - d * (1 - t), a + d * t)


def _percentile(a: np.ndarray, p: np.ndarray, method: str) -> np.ndarray:
    """Quantiles p (in [0, 1], any shape) of each row of ``a`` (..., n): shape p.shape + (...)."""
    n = a.shape[-1]
    idx = _exact_indices(n, p, method)
    if idx is not None:
        lo = hi = idx
        t = None
    else:
        v, t = _virtual_index(n, p, method)
        # Outside [0, n − 1] the quantile is the extreme value.
        lo = np.clip(np.floor(v), 0, n - 1).astype(np.intp)
        hi = np.where(v >= n - 1, n - 1, np.where(v < 0, 0, lo + 1)).astype(np.intp)
        lo = np.where(v >= n - 1, n - 1, lo)
    # Selection, not a full sort: partition puts the needed order statistics in place in
    # O(n) (introselect), and everything needed is then read from those positions.
    kth = np.unique(np.concatenate([lo.ravel(), hi.ravel()]))
    part = np.moveaxis(np.partition(a, kth, axis=-1), -1, 0)  # (n, ...)
    lower = part[lo]  # p.shape + (...)
    if t is None:
        return lower
    upper = part[hi]
    t = np.reshape(t, t.shape + (1,) * (part.ndim - 1))
    return _lerp(lower, upper, t)


def percentile(x, q, axis=None, method: str = "linear") -> np.float64 | np.ndarray:
    """The q-th percentile: the value below which q % of the data lie.

    The data are sorted, x₍₀₎ <= ... <= x₍ₙ₋₁₎, and a method turns p = q / 100
    into a virtual index v between 0 and n − 1; the result interpolates the
    neighbours, x₍⌊v⌋₎ + γ (x₍⌊v⌋₊₁₎ − x₍⌊v⌋₎). The default, ``"linear"``
    (Hyndman & Fan type 7), uses v = (n − 1) p; every method NumPy offers is
    here, with NumPy's results.

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    q : float or array_like
        Percentile(s), each in [0, 100].
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data.
    method : str, optional
        ``"linear"`` (default), ``"lower"``, ``"higher"``, ``"nearest"``,
        ``"midpoint"``, ``"inverted_cdf"``, ``"averaged_inverted_cdf"``,
        ``"closest_observation"``, ``"interpolated_inverted_cdf"``, ``"hazen"``,
        ``"weibull"``, ``"median_unbiased"``, ``"normal_unbiased"``.

    Returns
    -------
    float or ndarray
        Shape ``q.shape`` followed by the shape of the axes not reduced, as
        ``numpy.percentile``.

    Raises
    ------
    ParameterError
        If a q lies outside [0, 100] or ``method`` is unknown.
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` or ``q`` hold NaN, infinity or non-numbers.

    See Also
    --------
    median : the 50th percentile.
    iqr : the spread of the middle half.

    Examples
    --------
    >>> percentile([1, 2, 3, 4], 25)
    np.float64(1.75)
    >>> percentile([1, 2, 3, 4], [25, 50], method="lower")
    array([1., 2.])
    """
    x, axes, _ = _reduced(x, "percentile", axis)
    check_choice(method, "method", "percentile", PERCENTILE_METHODS)
    q = as_array(q, "q", "percentile")
    if ((q < 0) | (q > 100)).any():
        bad = q[(q < 0) | (q > 100)].flat[0]
        raise ParameterError(f"percentile: q must lie in [0, 100], got {bad:g}")
    a, _ = gather(x, axes)
    return _unwrap(_percentile(a, q / 100, method))


def median(x, axis=None) -> np.float64 | np.ndarray:
    """Median: the middle value of the sorted data (the mean of the two middle ones for even n).

    Half the data lie on each side. Unlike the mean it ignores how far the
    extremes are: one huge outlier moves the mean arbitrarily, the median not
    at all.

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data.

    Returns
    -------
    float or ndarray
        ``numpy.median(x, axis)``.

    Raises
    ------
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    percentile : any other cut point.
    mean : the balance point.

    Examples
    --------
    >>> median([1, 2, 3, 100])
    np.float64(2.5)
    """
    x, axes, n = _reduced(x, "median", axis)
    a, _ = gather(x, axes)
    k = (n - 1) // 2
    kth = [k] if n % 2 else [k, k + 1]
    part = np.partition(a, kth, axis=-1)
    # ½a + ½b rather than (a + b)/2: exact in binary and cannot overflow near 1e308.
    return _unwrap(0.5 * part[..., k] + 0.5 * part[..., kth[-1]])


def iqr(x, axis=None, method: str = "linear") -> np.float64 | np.ndarray:
    """Interquartile range: Q₃ − Q₁, the width of the middle half of the data.

    A spread measure that, like the median, ignores outliers; boxplots draw it
    as the box.

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data.
    method : str, optional
        How the quartiles are computed (see :func:`percentile`); ``"linear"``
        by default, as ``scipy.stats.iqr``.

    Returns
    -------
    float or ndarray
        ``percentile(x, 75) − percentile(x, 25)``.

    Raises
    ------
    ParameterError
        If ``method`` is unknown.
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    percentile, std

    Examples
    --------
    >>> iqr([1, 2, 3, 4, 5, 6, 7, 8])
    np.float64(3.5)
    """
    x, axes, _ = _reduced(x, "iqr", axis)
    check_choice(method, "method", "iqr", PERCENTILE_METHODS)
    a, _ = gather(x, axes)
    q1, q3 = _percentile(a, np.array([0.25, 0.75]), method)
    return _unwrap(np.asarray(q3 - q1))


# --- the mode ----------------------------------------------------------------------------


class ModeResult(NamedTuple):
    """Result of :func:`mode`, as ``scipy.stats.mode``."""

    mode: np.ndarray
    """The most frequent value (the smallest one if several tie)."""
    count: np.ndarray
    """How many times it occurs."""


def mode(x, axis=None) -> ModeResult:
    """Most frequent value and its count; the smallest value wins a tie.

    After sorting, equal values sit in runs (a run-length encoding); the mode
    is the value of the longest run, the first one if several tie. The values
    keep the input's type, so the mode of integers is an integer.

    Parameters
    ----------
    x : array_like
        Finite real numbers (or booleans, or integers).
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data. Note that
        ``scipy.stats.mode`` defaults to ``axis=0``.

    Returns
    -------
    ModeResult
        ``(mode, count)``, NumPy scalars or arrays of the shape of the axes not
        reduced.

    Raises
    ------
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    median, mean

    Examples
    --------
    >>> mode([3, 1, 2, 3, 1])
    ModeResult(mode=np.int64(1), count=np.int64(2))
    """
    try:
        raw = np.asarray(x)
    except ValueError:  # ragged: let as_array report it
        raw = None
    if raw is not None and raw.dtype.kind in "biu":  # integers and booleans: always finite
        x, axes = raw, normalize_axis(axis, raw.ndim, "mode")
        n = count_along(x, axes, "mode")
    else:
        x, axes, n = _reduced(x, "mode", axis)
    a, kept_shape = gather(x, axes)
    s = np.sort(a, axis=-1).reshape(-1, n)  # (rows, n): one sorted reduction per row
    rows = s.shape[0]
    if rows == 0:  # nothing kept (an empty axis that is not reduced): empty results
        return ModeResult(s[:, 0].reshape(kept_shape), np.zeros(kept_shape, dtype=np.int64))
    # Run-length encoding: equal values sit in runs of the sorted rows. A run starts where a
    # value differs from its predecessor (or a row starts); its length is the distance to
    # the next start.
    starts = np.ones(s.shape, dtype=bool)
    starts[:, 1:] = s[:, 1:] != s[:, :-1]
    first = np.flatnonzero(starts)  # flat index of each run's first element, increasing
    lengths = np.diff(np.append(first, rows * n))
    row = first // n
    row_first_run = np.flatnonzero(first % n == 0)  # every row starts a run
    longest = np.maximum.reduceat(lengths, row_first_run)  # per row
    # The first run of each row with the longest length: the smallest value (sorted rows).
    is_best = lengths == longest[row]
    best = np.flatnonzero(is_best)
    best = best[np.r_[True, row[best][1:] != row[best][:-1]]]
    value = s.ravel()[first[best]].reshape(kept_shape)
    count = lengths[best].astype(np.int64).reshape(kept_shape)
    return ModeResult(_unwrap(value), _unwrap(count))


# --- the spread --------------------------------------------------------------------------


def _sum_of_squares(x: np.ndarray, axes: tuple[int, ...], n: int, func: str | None = None):
    """Σ (xᵢ − x̄)² by the corrected two-pass algorithm, as ``(ss, scale)``: ss · scale².

    Two passes: x̄ first, then the deviations d = x − x̄, which never cancel the
    way the one-pass Σx² − n x̄² does (that formula loses every digit when the
    mean is large next to the spread). The second pass's sum also carries the
    small correction −(Σd)²/n of Chan, Golub & LeVeque (1983), which removes the
    rounding error left in x̄. Welford's update is the streaming alternative,
    the one to use when the data arrive one at a time; here the data sit in
    memory, so two vectorised passes are both faster and as accurate.

    When d² would overflow (|d| > 1e154) or underflow into subnormals
    (|d| < 1e-154), the data are first scaled by a power of two (exact), and the
    scale is returned instead of applied, so that ``std`` stays finite even
    where the variance itself overflows. ``func``: as in :func:`_mean`.
    """
    m = _mean(x, axes, n, keepdims=True, func=func)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        d = np.asarray(x - m)  # an array even for 0-d x, so that it can be written to
        s1 = np.sum(d, axis=axes)
        np.multiply(d, d, out=d)  # in place: one temporary array, not two
        ss = np.sum(d, axis=axes) - s1 * s1 / n
    tiny = np.finfo(np.float64).tiny * 2.0**50
    suspect = ~np.isfinite(ss) | (ss < tiny)
    if suspect.any() and (not np.isfinite(ss).all() or np.any(x != m)):
        # Scale each slice by 2^-k with 2^(k-1) <= max|x| < 2^k: exact, and now |x| < 1.
        big = np.max(np.abs(x), axis=axes, keepdims=True)
        k = np.frexp(big)[1].astype(np.float64)
        xs = np.ldexp(x, -k.astype(np.int64))
        ms = _mean(xs, axes, n, keepdims=True)
        ds = np.asarray(xs - ms)
        s1 = np.sum(ds, axis=axes)
        ss = np.sum(np.multiply(ds, ds, out=ds), axis=axes) - s1 * s1 / n
        scale = np.ldexp(1.0, np.reshape(k, ss.shape).astype(np.int64))
        return np.maximum(ss, 0.0), scale
    return np.maximum(ss, 0.0), np.ones_like(ss)


def _check_ddof(ddof, n: int, func: str) -> int:
    ddof = check_nonnegative_int(ddof, "ddof", func)
    if ddof >= n:
        raise ParameterError(
            f"{func}: ddof ({ddof}) must be smaller than the number of values per "
            f"reduction ({n}); the divisor n − ddof would be {n - ddof}"
        )
    return ddof


def var(x, axis=None, ddof: int = 0) -> np.float64 | np.ndarray:
    """Variance: the mean squared deviation from the mean, Σ(xᵢ − x̄)² / (n − ddof).

    ``ddof=0`` gives the population variance (the data are the whole
    population, or the maximum-likelihood estimate); ``ddof=1`` the sample
    variance s², unbiased because x̄ is itself fitted to the data (Bessel's
    correction). Computed by the corrected two-pass algorithm, never by the
    cancellation-prone Σx²/n − x̄².

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data.
    ddof : int, optional
        Delta degrees of freedom, default 0 (NumPy's default).

    Returns
    -------
    float or ndarray
        ``numpy.var(x, axis, ddof=ddof)``; correct also where NumPy's squares
        overflow or underflow (data beyond 1e154 or below 1e-154).

    Raises
    ------
    ParameterError
        If ``ddof`` is not a non-negative int smaller than the number of values.
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    std : its square root, in the data's units.
    covariance : the matrix version for vectors.

    Examples
    --------
    >>> var([2, 4, 4, 4, 5, 5, 7, 9])
    np.float64(4.0)
    >>> var([2, 4, 4, 4, 5, 5, 7, 9], ddof=1)  # 32 / 7
    np.float64(4.571428571428571)
    """
    x, axes, n = _reduced(x, "var", axis, finite_later=True)
    ddof = _check_ddof(ddof, n, "var")
    ss, scale = _sum_of_squares(x, axes, n, "var")
    with np.errstate(over="ignore"):  # a variance beyond 1.8e308 is inf, like NumPy's
        return _unwrap(np.asarray(ss / (n - ddof) * scale * scale))


def std(x, axis=None, ddof: int = 0) -> np.float64 | np.ndarray:
    """Standard deviation: the square root of the variance, √(Σ(xᵢ − x̄)² / (n − ddof)).

    In the data's own units: for roughly normal data about 68 % lie within one
    standard deviation of the mean.

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data.
    ddof : int, optional
        Delta degrees of freedom, default 0; ``ddof=1`` gives the sample
        standard deviation s.

    Returns
    -------
    float or ndarray
        ``numpy.std(x, axis, ddof=ddof)``.

    Raises
    ------
    ParameterError
        If ``ddof`` is not a non-negative int smaller than the number of values.
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    var

    Examples
    --------
    >>> std([2, 4, 4, 4, 5, 5, 7, 9])
    np.float64(2.0)
    """
    x, axes, n = _reduced(x, "std", axis, finite_later=True)
    ddof = _check_ddof(ddof, n, "std")
    ss, scale = _sum_of_squares(x, axes, n, "std")
    return _unwrap(np.asarray(np.sqrt(ss / (n - ddof)) * scale))


# --- data sets of vectors ----------------------------------------------------------------


def _scatter(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The scatter matrix Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ = DᵀD as ``(G, s, x̄)``, meaning G · s sᵀ.

    Corrected two-pass, as :func:`_sum_of_squares`: D = X − x̄, then DᵀD minus the
    outer product of D's column sums r over n. That correction removes, to first order,
    the rounding error of x̄, so the column sums may come from fast matrix-vector
    products (1ᵀX, 1ᵀD) rather than pairwise sums. Where the squares overflow or
    underflow into subnormals, each column is first scaled by a power of two (exact),
    and the scales s are returned instead of applied.
    """
    n = X.shape[0]
    ones = np.ones(n)
    with np.errstate(over="ignore", invalid="ignore"):
        m = ones @ X / n
        if not np.isfinite(m).all():  # Σx overflowed (values near 1e308)
            m = _mean(X, (0,), n)
        D = X - m
        r = ones @ D
        G = D.T @ D - np.outer(r, r) / n
    small = np.diagonal(G) < np.finfo(np.float64).tiny * 2.0**50
    if np.isfinite(G).all() and not (small.any() and np.any(D[:, small] != 0)):
        return G, np.ones(X.shape[1]), m
    big = np.max(np.abs(D), axis=0)
    k = np.where(big > 0, np.frexp(big)[1], 0).astype(np.int64)  # 2^(k−1) <= max|d| < 2^k
    Ds = np.ldexp(D, -k)
    r = ones @ Ds
    return Ds.T @ Ds - np.outer(r, r) / n, np.ldexp(1.0, k), m


def covariance(X, ddof: int = 1) -> np.ndarray:
    """Covariance matrix of a data set: C = (X − x̄)ᵀ (X − x̄) / (n − ddof).

    Rows are samples and columns are features, as everywhere in mathforml:
    ``C[i, j]`` is the covariance of features i and j, ``C[i, i]`` the
    variance of feature i. Note that ``numpy.cov`` defaults to the opposite,
    ``rowvar=True`` (rows are variables): ours equals
    ``numpy.cov(X, rowvar=False)``. C is symmetric positive semi-definite; its
    eigenvectors are the principal components.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Finite real numbers; for a single feature pass ``x.reshape(-1, 1)``.
    ddof : int, optional
        Default 1, the unbiased sample covariance (NumPy's default too); 0 gives
        the maximum-likelihood estimate.

    Returns
    -------
    C : ndarray, shape (n_features, n_features)

    Raises
    ------
    ShapeError
        If ``X`` is not a 2-D matrix.
    ParameterError
        If ``ddof`` is not a non-negative int smaller than n_samples.
    NotFiniteError, DTypeError
        If ``X`` holds NaN, infinity or non-numbers.

    See Also
    --------
    correlation : the covariance of the standardised features.
    var : one feature at a time.

    Examples
    --------
    >>> covariance([[1, 2], [2, 4], [3, 6]])
    array([[1., 2.],
           [2., 4.]])
    """
    X = as_matrix(X, "X", "covariance")
    n = X.shape[0]
    if n == 0:
        raise ShapeError("covariance: X has no rows (samples); the covariance is undefined")
    ddof = _check_ddof(ddof, n, "covariance")
    G, s, _ = _scatter(X)
    C = G / (n - ddof)
    C = (C + C.T) / 2  # symmetric exactly, whatever the matrix product's rounding
    with np.errstate(over="ignore"):
        return C * np.outer(s, s)  # sᵢ sⱼ: exact powers of two, so C stays symmetric


def correlation(X) -> np.ndarray:
    """Pearson correlation matrix: R[i, j] = C[i, j] / √(C[i, i] C[j, j]).

    The covariance of the standardised features, so every entry lies in
    [−1, 1], the diagonal is 1, and the result does not change when a feature
    is shifted or rescaled (by a positive factor). Each entry is the cosine of
    the angle between two centred columns, dᵢ·dⱼ / (‖dᵢ‖ ‖dⱼ‖), divided one
    norm at a time so that nothing overflows.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Finite real numbers, rows are samples; every feature must vary.

    Returns
    -------
    R : ndarray, shape (n_features, n_features)
        ``numpy.corrcoef(X, rowvar=False)``.

    Raises
    ------
    ParameterError
        If a feature is constant (zero variance): its correlation is 0/0.
    ShapeError
        If ``X`` is not a 2-D matrix or has fewer than two rows.
    NotFiniteError, DTypeError
        If ``X`` holds NaN, infinity or non-numbers.

    See Also
    --------
    covariance

    Examples
    --------
    >>> correlation([[1, 1], [2, 3], [3, 2]])
    array([[1. , 0.5],
           [0.5, 1. ]])
    """
    X = as_matrix(X, "X", "correlation")
    if X.shape[0] < 2:
        raise ShapeError(
            f"correlation: X needs at least 2 rows (samples) for a correlation, got "
            f"{X.shape[0]}"
        )
    G, s, m = _scatter(X)  # the column scales s cancel in the ratio below
    n = X.shape[0]
    # A constant column leaves only x̄'s rounding in D: ‖dⱼ‖ <= √n · n ε |x̄ⱼ|. Check those
    # candidates exactly (x̄ may round off a constant, making D tiny but not 0).
    eps = np.finfo(np.float64).eps
    candidate = np.sqrt(np.diagonal(G)) * s <= np.sqrt(n) * 4 * n * eps * np.abs(m)
    constant = np.zeros(X.shape[1], dtype=bool)
    constant[candidate] = (X[:, candidate] == X[0, candidate]).all(axis=0)
    if constant.any():
        j = int(np.argmax(constant))
        raise ParameterError(
            f"correlation: feature {j} (column {j} of X) is constant; its correlation "
            f"with anything is 0/0, undefined. Drop constant columns first"
        )
    norms = np.sqrt(np.maximum(np.diagonal(G), 0.0))  # ‖dⱼ‖, the centred columns' lengths
    G = G / norms[:, None] / norms[None, :]  # cos of the angle between centred columns
    return np.clip((G + G.T) / 2, -1.0, 1.0)


# --- a summary ---------------------------------------------------------------------------


class DescribeResult(NamedTuple):
    """Result of :func:`describe`, field for field ``scipy.stats.describe``'s."""

    nobs: int
    """Number of observations per reduction."""
    minmax: tuple
    """(minimum, maximum)."""
    mean: np.ndarray
    """Arithmetic mean."""
    variance: np.ndarray
    """Σ(x − x̄)² / (n − ddof); NaN when n <= ddof."""
    skewness: np.ndarray
    """Asymmetry m₃ / m₂^(3/2) (biased); NaN for (numerically) constant data."""
    kurtosis: np.ndarray
    """Excess kurtosis m₄ / m₂² − 3 (Fisher, biased); NaN for (numerically) constant data."""


def describe(x, axis=None, ddof: int = 1) -> DescribeResult:
    """Summary statistics: count, range, mean, variance, skewness and kurtosis.

    With the central moments m_k = (1/n) Σ (xᵢ − x̄)^k, the skewness is
    g₁ = m₃ / m₂^(3/2) (0 for symmetric data) and the excess kurtosis
    g₂ = m₄ / m₂² − 3 (0 for a normal distribution; positive for heavy tails).
    Both are the biased (plain-moment) versions, as SciPy's default.

    Parameters
    ----------
    x : array_like
        Finite real numbers.
    axis : None, int or tuple of ints, optional
        Axes to reduce; ``None`` (default) uses all the data. Note that
        ``scipy.stats.describe`` defaults to ``axis=0``.
    ddof : int, optional
        For the variance; default 1 (the sample variance), as SciPy.

    Returns
    -------
    DescribeResult
        ``(nobs, minmax, mean, variance, skewness, kurtosis)``. A summary never
        fails on legal data: with a single observation the variance is NaN,
        and where the spread is below rounding level (m₂ <= (10⁻¹⁵ x̄)², SciPy's
        criterion) skewness and kurtosis are NaN.

    Raises
    ------
    ParameterError
        If ``ddof`` is not a non-negative int.
    ShapeError
        If the reduction is empty or ``axis`` is out of bounds.
    NotFiniteError, DTypeError
        If ``x`` holds NaN, infinity or non-numbers.

    See Also
    --------
    mean, var, percentile

    Examples
    --------
    >>> r = describe([1, 2, 3, 4, 10])
    >>> r.nobs, r.mean, r.variance
    (5, np.float64(4.0), np.float64(12.5))
    """
    x, axes, n = _reduced(x, "describe", axis, finite_later=True)
    ddof = check_nonnegative_int(ddof, "ddof", "describe")
    m = _mean(x, axes, n, keepdims=True, func="describe")
    ss, scale = _sum_of_squares(x, axes, n)
    s = np.expand_dims(scale, axes)  # a power of two: dividing by it is exact
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        variance = ss / (n - ddof) * scale * scale if n > ddof else np.full(ss.shape, np.nan)
        # Standardised moments are scale-free: compute them on z = (x − x̄) / s.
        z = x / s - m / s
        z2 = z * z
        m2 = np.mean(z2, axis=axes)
        g1 = np.mean(z2 * z, axis=axes) / m2**1.5
        g2 = np.mean(z2 * z2, axis=axes) / (m2 * m2) - 3.0
    # SciPy's test for "constant up to rounding": m₂ <= (resolution · x̄)², in units of s.
    resolution = 1e-15  # numpy.finfo(float64).resolution
    constant = ss / n <= (resolution * np.squeeze(m / s, axis=axes)) ** 2
    g1 = np.where(constant, np.nan, g1)
    g2 = np.where(constant, np.nan, g2)
    return DescribeResult(
        nobs=n,
        minmax=(_unwrap(np.min(x, axis=axes)), _unwrap(np.max(x, axis=axes))),
        mean=_unwrap(np.squeeze(m, axis=axes)),
        variance=_unwrap(np.asarray(variance)),
        skewness=_unwrap(np.asarray(g1)),
        kurtosis=_unwrap(np.asarray(g2)),
    )
