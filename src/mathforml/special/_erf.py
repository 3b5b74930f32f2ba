"""The error function, its complement, and the standard normal CDF and quantile.

    erf(x)  = 2/√π ∫₀ˣ e^(-t²) dt           erfc(x) = 1 - erf(x) = 2/√π ∫ₓ^∞ e^(-t²) dt
    ndtr(x) = Φ(x) = ½ erfc(-x/√2)          ndtri(p) = Φ⁻¹(p)

The lesson is about *where* each formula is accurate. For small ``|x|`` the Maclaurin
series ``erf(x) = 2/√π Σ (-1)ⁿ x^(2n+1) / (n! (2n+1))`` converges fast; a rational
function in ``x²`` does the same job with fewer operations. For large ``x``, erf(x) is
1 - (something tiny), and ``1 - erf(x)`` would lose every digit of that tiny thing:
``erfc(5) ≈ 1.5e-12`` but ``1 - erf(5)`` keeps only four correct digits. So erfc is
computed directly as ``e^(-x²) R(x)``, where ``R`` is smooth and slowly varying (it
behaves like ``1/(x√π)``, the start of the asymptotic series). And ``e^(-x²)`` itself
needs care: ``x²`` is rounded, and an error δ in the exponent is a relative error δ in
the result; at ``x = 26``, ``x²`` carries an error of ``~1e-14``. Splitting
``x = m + f`` with ``m`` a multiple of 1/128 makes ``m²`` exact and leaves only the
small ``2mf + f²`` to round.

The rational approximations are the minimax fits of W. J. Cody (1969) in the form
of the Cephes library (S. L. Moshier), which ``scipy.special`` also uses:
``erf(x) = x T(x²)/U(x²)`` for ``|x| < 1``, ``erfc(x) = e^(-x²) P(x)/Q(x)`` for
``1 <= x < 8`` and ``e^(-x²) R(x)/S(x)`` beyond (each accurate to about 1e-16).

The normal quantile is M. J. Wichura's algorithm AS 241 (1988): three rational
functions of degree 7/7, one on the central part in ``(p - ½)²`` and two in the tail
variable ``sqrt(-log p)``, which grows slowly however small ``p`` gets. No Newton
step is needed: each is a minimax fit to 1e-16.

Every array kernel runs over blocks of 32768 entries (``_blockwise``), so that its
temporaries stay in cache; a scalar argument takes the plain float version instead.

The scaled complement ``erfcx(x) = e^(x²) erfc(x)`` (the ratio above) is kept as a
helper: the incomplete gamma function's expansion for large ``a`` needs it.
"""

from __future__ import annotations

import math

import numpy as np

from ._common import _blockwise, _check_domain, _finish, _horner, _polyval, _prepare

__all__ = ["erf", "erfc", "ndtr", "ndtri"]

# erf(x) = x T(x²)/U(x²) on |x| < 1 (Cephes ndtr.c).
_T = (9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3,
      7.00332514112805075473e3, 5.55923013010394962768e4)
_U = (1.0, 3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3,
      2.26290000613890934246e4, 4.92673942608635921086e4)
# erfc(x) = e^(-x²) P(x)/Q(x) on 1 <= x < 8.
_P = (2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0,
      4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2,
      9.34528527171957607540e2, 1.02755188689515710272e3, 5.57535335369399327526e2)
_Q = (1.0, 1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2,
      9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3,
      1.65666309194161350182e3, 5.57535340817727675546e2)
# erfc(x) = e^(-x²) R(x)/S(x) on x >= 8.
_R = (5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0,
      6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0)
_S = (1.0, 2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1,
      1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0)

# Beyond this, erfc(x) < 1e-323: it underflows to 0 in float64.
_ERFC_ZERO = 27.5
_SQRT2 = math.sqrt(2.0)
_SQRT_PI = math.sqrt(math.pi)
_ROUND_64 = 2.0**46  # x + 2⁴⁶ - 2⁴⁶ is x rounded to a multiple of 1/64
# Beyond 50 the fit R/S drifts towards its limit 0.5641895835477551/x, 2e-15 away from
# 1/(x√π); there the asymptotic series erfcx(x) = 1/(x√π) Σₙ (-1)ⁿ (2n-1)!!/(2x²)ⁿ takes
# over, six terms reaching 1e-18. Coefficients of v = 1/(2x²), highest power first.
_ERFCX_ASYMPTOTIC = 50.0
_ERFCX_SERIES = [(-1) ** n * math.prod(range(1, 2 * n, 2)) for n in range(5, -1, -1)]


# -- one float ---------------------------------------------------------------------------


def _exp_neg_square_scalar(x: float, scale: float = 1.0) -> float:
    """``exp(-scale·x²)`` for |x| <= 40, with ``x = m + f`` split as in the array version."""
    m = round(x * 64.0) / 64.0
    f = x - m
    return math.exp(-scale * m * m) * math.exp(-scale * (m + m + f) * f)


def _erf_small_scalar(x: float) -> float:
    z = x * x
    return x * _horner(_T, z) / _horner(_U, z)


def _erfcx_ratio_scalar(z: float) -> float:
    """``erfc(z) e^(z²)`` for z >= 1: P/Q below 8, R/S beyond."""
    if z < 8.0:
        return _horner(_P, z) / _horner(_Q, z)
    if z < _ERFCX_ASYMPTOTIC:
        return _horner(_R, z) / _horner(_S, z)
    return _horner(_ERFCX_SERIES, 0.5 / z / z) / (z * _SQRT_PI)


def _erfcx_scalar(z: float) -> float:
    """``erfcx(z) = e^(z²) erfc(z)`` for z >= 0."""
    if z < 1.0:
        return math.exp(z * z) * (1.0 - _erf_small_scalar(z))
    return _erfcx_ratio_scalar(z)


def _erf_scalar(x: float) -> float:
    if abs(x) < 1.0:
        return _erf_small_scalar(x)
    if x != x:
        return x
    z = min(abs(x), _ERFC_ZERO)
    return math.copysign(1.0 - _exp_neg_square_scalar(z) * _erfcx_ratio_scalar(z), x)


def _erfc_scalar(x: float) -> float:
    if abs(x) < 1.0:
        return 1.0 - _erf_small_scalar(x)
    if x != x:
        return x
    z = min(abs(x), _ERFC_ZERO)
    tail = _exp_neg_square_scalar(z) * _erfcx_ratio_scalar(z)
    return tail if x > 0 else 2.0 - tail


def _ndtr_scalar(x: float) -> float:
    """Φ(x) for one float: ``½ e^(-x²/2) · erfcx(|x|/√2)`` in the tails, as the array version."""
    if abs(x) < _SQRT2:
        return 0.5 + 0.5 * _erf_small_scalar(x / _SQRT2)
    if x != x:
        return x
    z = min(abs(x), _ERFC_ZERO * _SQRT2)
    tail = 0.5 * _exp_neg_square_scalar(z, 0.5) * _erfcx_ratio_scalar(z / _SQRT2)
    return 1.0 - tail if x > 0 else tail


# -- arrays -----------------------------------------------------------------------------


def _exp_neg_square(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """``exp(-scale·x²)`` for a 1-D array, accurate to a few ulps even when ``x²`` is large.

    ``x = m + f`` with m the multiple of 1/64 nearest to x: ``m²`` has at most 24
    significant bits, so ``scale·m²`` is exact (``scale`` is 1 or 1/2), and
    ``e^(-s x²) = e^(-s m²) · e^(-s (2mf + f²))`` rounds only the small second exponent.
    Adding and subtracting 2⁴⁶ rounds to a multiple of 1/64 (the spacing of doubles
    between 2⁴⁶ and 2⁴⁷) in two passes; |x| <= 40 here.
    """
    m = x + _ROUND_64
    m -= _ROUND_64
    f = x - m
    big = m * m
    big *= -scale
    np.exp(big, out=big)
    m += m
    m += f
    m *= f
    m *= -scale
    np.exp(m, out=m)
    big *= m
    return big


def _erf_small(x: np.ndarray) -> np.ndarray:
    """erf on |x| <= 1: the rational approximation x T(x²)/U(x²)."""
    z = x * x
    out = _polyval(_T, z)
    out /= _polyval(_U, z)
    out *= x
    return out


def _erfcx_ratio(z: np.ndarray) -> np.ndarray:
    """``erfc(z) e^(z²)`` for 1 <= z <= 27.5: P/Q below 8, R/S from 8 on."""
    out = _polyval(_P, z)
    out /= _polyval(_Q, z)
    high = z >= 8.0
    if high.any():
        zh = z[high]
        out[high] = _polyval(_R, zh) / _polyval(_S, zh)
    return out


def _erfc_large(z: np.ndarray) -> np.ndarray:
    """erfc(z) for z >= 1, without cancellation: e^(-z²) · (erfc(z) e^(z²)).

    Beyond 27.5 erfc underflows to 0, and clipping there keeps ``z²`` finite.
    """
    z = np.minimum(z, _ERFC_ZERO)
    out = _exp_neg_square(z)
    out *= _erfcx_ratio(z)
    return out


def _erfcx(z: np.ndarray) -> np.ndarray:
    """``erfcx(z) = e^(z²) erfc(z)`` for z >= 0 (1-D): no exponential beyond z = 1."""
    out = np.empty_like(z)
    small = z < 1.0
    zs = z[small]
    out[small] = np.exp(zs * zs) * (1.0 - _erf_small(zs))
    low = ~small & (z < 8.0)
    zl = z[low]
    out[low] = _polyval(_P, zl) / _polyval(_Q, zl)
    high = (z >= 8.0) & (z < _ERFCX_ASYMPTOTIC)
    zh = z[high]
    out[high] = _polyval(_R, zh) / _polyval(_S, zh)
    far = z >= _ERFCX_ASYMPTOTIC  # NaN stays out of every branch: the caller has none
    zf = z[far]
    out[far] = _polyval(_ERFCX_SERIES, 0.5 / zf / zf) / (zf * _SQRT_PI)
    return out


# The kernels evaluate both branches on the whole block, each on its argument clipped to
# its own range, and pick with np.where: the extra arithmetic costs less than gathering
# and scattering the entries of each branch. NaN passes through the clipping to the result.


def _erf_kernel(x: np.ndarray) -> np.ndarray:
    z = np.abs(x)
    small = _erf_small(np.clip(x, -1.0, 1.0))
    large = 1.0 - _erfc_large(np.maximum(z, 1.0))
    return np.where(z < 1.0, small, np.copysign(large, x))  # erf(-x) = -erf(x)


def _erfc_kernel(x: np.ndarray) -> np.ndarray:
    z = np.abs(x)
    small = 1.0 - _erf_small(np.clip(x, -1.0, 1.0))  # in (0.15, 1.85): no cancellation
    tail = _erfc_large(np.maximum(z, 1.0))
    large = np.where(x < 0, 2.0 - tail, tail)  # erfc(-z) = 2 - erfc(z)
    return np.where(z < 1.0, small, large)


def _ndtr_kernel(x: np.ndarray) -> np.ndarray:
    """Φ(x) = ½ erfc(-x/√2); in the tails e^(-x²/2) is taken from x itself, not x/√2."""
    z = np.abs(x)
    small = _erf_small(np.clip(x, -_SQRT2, _SQRT2) / _SQRT2)
    small *= 0.5
    small += 0.5
    # ½ erfc(z/√2) = ½ e^(-z²/2) · (erfc(w) e^(w²)) with w = z/√2: only the slowly
    # varying ratio sees the rounded w.
    z = np.clip(z, _SQRT2, _ERFC_ZERO * _SQRT2)
    tail = _exp_neg_square(z, 0.5)
    tail *= 0.5
    tail *= _erfcx_ratio(z / _SQRT2)
    large = np.where(x > 0, 1.0 - tail, tail)
    return np.where(np.abs(x) < _SQRT2, small, large)


def _erf(x: np.ndarray) -> np.ndarray:
    return _blockwise(_erf_kernel, x)


def _erfc(x: np.ndarray) -> np.ndarray:
    return _blockwise(_erfc_kernel, x)


def _ndtr(x: np.ndarray) -> np.ndarray:
    return _blockwise(_ndtr_kernel, x)


# Φ⁻¹ by M. J. Wichura's algorithm AS 241 (PPND16, 1988): rational functions of
# degree 7/7, lowest power first, each good to about 1e-16 relative on its range.
# Central part, |p - ½| <= 0.425: x = q A(r)/B(r) with q = p - ½, r = 0.180625 - q².
_AS241_A = (3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
            1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
            3.3430575583588128105e4, 2.5090809287301226727e3)
_AS241_B = (1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
            2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4,
            5.2264952788528545610e3)
# Tails, in r = sqrt(-log(min(p, 1 - p))): C/D in r - 1.6 for r <= 5, E/F in r - 5 beyond.
_AS241_C = (1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
            3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
            2.27238449892691845833e-2, 7.74545014278341407640e-4)
_AS241_D = (1.0, 2.05319162663775882187e0, 1.67638483018380384940e0,
            6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
            5.47593808499534494600e-4, 1.05075007164441684324e-9)
_AS241_E = (6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
            2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
            2.71155556874348757815e-5, 2.01033439929228813265e-7)
_AS241_F = (1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
            1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5,
            1.42151175831644588870e-7, 2.04426310338993978564e-15)


def _ratio(num, den, x: np.ndarray) -> np.ndarray:
    """num(x)/den(x) for coefficient lists stored lowest power first."""
    return _polyval(num[::-1], x) / _polyval(den[::-1], x)


def _ndtri_kernel(p: np.ndarray) -> np.ndarray:
    """Φ⁻¹ on [0, 1] by AS 241; NaN passes through, ndtri(0) = -inf, ndtri(1) = inf."""
    q = p - 0.5
    out = np.empty_like(p)
    central = np.abs(q) <= 0.425
    qc = q[central]
    out[central] = qc * _ratio(_AS241_A, _AS241_B, 0.180625 - qc * qc)
    tail = ~central  # NaN goes here and stays NaN
    pt, qt = p[tail], q[tail]
    # 1 - p is exact for p >= 1/2, so the upper tail loses nothing by symmetry.
    with np.errstate(divide="ignore"):  # log(0) = -inf gives r = inf: x = ±inf
        r = np.sqrt(-np.log(np.minimum(pt, 1.0 - pt)))
    x = np.empty_like(r)
    near = r <= 5.0
    x[near] = _ratio(_AS241_C, _AS241_D, r[near] - 1.6)
    far = ~near
    # r <= 27.3 for every p >= 5e-324; clipping keeps r = inf (p = 0) out of the ratio.
    x[far] = _ratio(_AS241_E, _AS241_F, np.minimum(r[far], 30.0) - 5.0)
    x[np.isinf(r)] = np.inf
    out[tail] = np.copysign(x, qt)
    return out


def _ndtri(p: np.ndarray) -> np.ndarray:
    return _blockwise(_ndtri_kernel, p)


# The same coefficients, highest power first, for the float version.
_AS241_SCALAR = [c[::-1] for c in (_AS241_A, _AS241_B, _AS241_C, _AS241_D, _AS241_E, _AS241_F)]


def _ndtri_scalar(p: float) -> float:
    """Φ⁻¹(p) for one float in [0, 1] (NaN passes through), AS 241 as above."""
    a, b, c, d, e, f = _AS241_SCALAR
    q = p - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        return q * _horner(a, r) / _horner(b, r)
    if p != p:
        return p
    tail = min(p, 1.0 - p)
    if tail == 0.0:
        return math.copysign(math.inf, q)
    r = math.sqrt(-math.log(tail))
    x = _horner(c, r - 1.6) / _horner(d, r - 1.6) if r <= 5.0 else (
        _horner(e, r - 5.0) / _horner(f, r - 5.0))
    return math.copysign(x, q)


def erf(x) -> np.ndarray:
    """The error function ``erf(x) = 2/√π ∫₀ˣ e^(-t²) dt``.

    Odd, increasing from -1 to 1; ``erf(x) = 2Φ(x√2) - 1`` links it to the normal
    distribution. Computed as ``x T(x²)/U(x²)`` for ``|x| < 1`` and as
    ``±(1 - erfc(|x|))`` beyond (Cody's rational approximations).

    Parameters
    ----------
    x : array_like
        Any real numbers; ±inf give ±1, NaN gives NaN.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``; a NumPy scalar for scalar input.

    Raises
    ------
    DTypeError
        If ``x`` holds non-numbers or complex numbers.

    See Also
    --------
    erfc : the complement, accurate where erf is close to 1.
    ndtr : the standard normal CDF.

    Examples
    --------
    >>> float(erf(0.5))
    0.5204998778130465
    >>> erf([-1.0, 0.0, 3.0])
    array([-0.84270079,  0.        ,  0.99997791])
    """
    (x,), scalar = _prepare("erf", x=x)
    if scalar:
        return np.float64(_erf_scalar(float(x)))
    return _finish(_erf(x))


def erfc(x) -> np.ndarray:
    """The complementary error function ``erfc(x) = 1 - erf(x) = 2/√π ∫ₓ^∞ e^(-t²) dt``.

    Computed directly, never as ``1 - erf(x)``: for ``x >= 1``,
    ``erfc(x) = e^(-x²) · R(x)`` with a rational ``R`` and an exponential that keeps
    full relative accuracy (``x = m + f`` with ``m²`` exact), so ``erfc(20) ≈ 5.4e-176``
    comes out to a few ulps; for ``x <= -1``, ``erfc(x) = 2 - erfc(-x)``.

    Parameters
    ----------
    x : array_like
        Any real numbers; ``erfc(-inf) = 2``, ``erfc(inf) = 0``, NaN gives NaN.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``, values in [0, 2].

    Raises
    ------
    DTypeError
        If ``x`` holds non-numbers or complex numbers.

    See Also
    --------
    erf : the error function itself.
    ndtr : ``Φ(x) = erfc(-x/√2) / 2``.

    Examples
    --------
    >>> float(erfc(5.0))
    1.537459794428035e-12
    >>> erfc([-1.0, 0.0, 1.0])
    array([1.84270079, 1.        , 0.15729921])
    """
    (x,), scalar = _prepare("erfc", x=x)
    if scalar:
        return np.float64(_erfc_scalar(float(x)))
    return _finish(_erfc(x))


def ndtr(x) -> np.ndarray:
    """The standard normal CDF ``Φ(x) = P(Z <= x) = ½ erfc(-x/√2)``, Z ~ N(0, 1).

    Accurate to a few ulps relative in the lower tail (``ndtr(-37) ≈ 5.7e-300``): the
    Gaussian factor ``e^(-x²/2)`` is computed from ``x`` itself, so the division by
    √2 does not spoil it. In the upper tail ``Φ(x) = 1 - Φ(-x)`` is 1 to double
    precision; use ``ndtr(-x)`` for the upper-tail probability.

    Parameters
    ----------
    x : array_like
        Any real numbers; ``ndtr(-inf) = 0``, ``ndtr(inf) = 1``, NaN gives NaN.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``, values in [0, 1].

    Raises
    ------
    DTypeError
        If ``x`` holds non-numbers or complex numbers.

    See Also
    --------
    ndtri : its inverse, the normal quantile.
    erfc : the function behind it.

    Examples
    --------
    >>> float(ndtr(1.96))
    0.9750021048517795
    >>> ndtr([-1.0, 0.0, 1.0])
    array([0.15865525, 0.5       , 0.84134475])
    """
    (x,), scalar = _prepare("ndtr", x=x)
    if scalar:
        return np.float64(_ndtr_scalar(float(x)))
    return _finish(_ndtr(x))


def ndtri(p) -> np.ndarray:
    """The standard normal quantile ``Φ⁻¹(p)``: the ``x`` with ``ndtr(x) = p``.

    M. J. Wichura's algorithm AS 241: a rational function of degree 7/7 in
    ``(p - ½)²`` on ``|p - ½| <= 0.425``, and two in ``r = sqrt(-log(min(p, 1 - p)))``
    in the tails (for ``r <= 5`` and beyond), each a minimax fit accurate to about
    1e-16; the result is about 1e-15 relative, down to ``p = 1e-300``. The upper half
    uses ``Φ⁻¹(p) = -Φ⁻¹(1 - p)``, where ``1 - p`` is exact.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; ``ndtri(0) = -inf``, ``ndtri(1) = inf``, NaN gives NaN.

    Returns
    -------
    ndarray or float64
        Same shape as ``p``.

    Raises
    ------
    ParameterError
        If an entry of ``p`` lies outside [0, 1] (SciPy returns NaN there).
    DTypeError
        If ``p`` holds non-numbers or complex numbers.

    See Also
    --------
    ndtr : the normal CDF it inverts.

    Examples
    --------
    >>> float(ndtri(0.975))
    1.959963984540054
    >>> ndtri([0.0, 0.5, 0.8413447460685429])
    array([-inf,   0.,   1.])
    """
    (p,), scalar = _prepare("ndtri", p=p)
    _check_domain((p < 0) | (p > 1), p, "ndtri", "p", "a probability in [0, 1]")
    if scalar:
        return np.float64(_ndtri_scalar(float(p)))
    return _finish(_ndtri(p))
