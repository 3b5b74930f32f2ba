"""Taylor polynomials: a function near a point from its derivatives there, and how wrong it is.

Near ``x₀`` a smooth function is a polynomial plus a remainder::

    f(x) = Σ_{k=0}^{n} f⁽ᵏ⁾(x₀)/k! · (x − x₀)ᵏ + Rₙ(x)

and Lagrange's form of the remainder, ``Rₙ(x) = f⁽ⁿ⁺¹⁾(ξ)/(n+1)! · (x − x₀)ⁿ⁺¹`` for some
``ξ`` between ``x₀`` and ``x``, bounds the error without knowing ``ξ``::

    |Rₙ(x)| ≤ M · |x − x₀|ⁿ⁺¹ / (n+1)!,    M = max |f⁽ⁿ⁺¹⁾| on [x₀, x].

For a function of a vector, the course stops at second order:
``f(x₀ + d) ≈ f(x₀) + ∇f(x₀)·d + ½ dᵀ H(x₀) d``, with the gradient ``∇f`` and the Hessian
``H``. Along the segment, ``φ(t) = f(x₀ + t d)`` is a function of one variable whose
derivatives at 0 are the directional derivatives (``φ'(0) = ∇f·d``, ``φ''(0) = dᵀ H d``), so
the same bound holds with ``M = max |φ⁽ⁿ⁺¹⁾|`` on ``[0, 1]``.

Two sources for the derivatives:

* a SymPy expression (or text, read by the safe parser): exact derivatives, so the
  polynomial is exact, and ``M`` is found from the exact ``f⁽ⁿ⁺¹⁾``: its largest
  absolute value at the ends of the interval, on a grid of 513 points, and where
  ``f⁽ⁿ⁺²⁾`` changes sign between grid points (located by bisection to rounding).
  That is the maximum unless ``f⁽ⁿ⁺¹⁾`` has two extrema between neighbouring grid points.
* a Python function: finite differences. The ``k``-th derivative is the central difference
  ``D(h) = Σ_j (−1)ʲ C(k, j) f(x₀ + (k/2 − j) h) / hᵏ`` (error ``O(h²)``) improved by one
  Richardson step, ``(4 D(h/2) − D(h)) / 3`` (error ``O(h⁴)``), at the step among a dozen
  halvings where the estimates agree best. Measured on eˣ, sin, 1/(2 + x), ln(3 + x) and
  e^(−x²/2) at points up to 20, the relative error (to ``max(1, |f⁽ᵏ⁾|)``) is at most
  1e-13 for ``f'``, 3e-11 for ``f''``, then 3e-9, 2e-7, 2e-6, 2e-5 for ``f⁽⁶⁾`` and
  3e-4 for ``f⁽⁷⁾``; ``coefficient_errors`` holds the estimated error of each
  coefficient, which was at least 5 times the actual one. ``M`` is then estimated the
  same way at 33 points of the interval: an estimate, not a guarantee. The gradient and
  Hessian of a function of a vector come from :func:`gradient` (about 1e-10) and
  :func:`hessian` (about 1e-8).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import as_array, as_vector, check_nonnegative_int
from ..errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from ._finite_differences import gradient, hessian
from ._symbolic import _check_name, _parse, _sympy_expression

__all__ = ["taylor_polynomial", "TaylorPolynomial", "MultivariateTaylor"]

EPS = np.finfo(np.float64).eps
MAX_ORDER_EXACT = 20  # sympy.diff's expressions grow with each order
MAX_ORDER_NUMERICAL = 6  # f⁽⁷⁾ (for the bound) by differences is good to only ~3e-4
_GRID = 513  # points at which an exact f⁽ⁿ⁺¹⁾ is evaluated to find its largest |value|
_GRID_NUMERICAL = 33  # ... and a numerical one (each point costs 13(n+2) calls of f)
_DEFAULT_NAMES = ("x", "y", "z")


# --------------------------------------------------------------------------- helpers


def _exact_number(value, name: str, func: str):
    """A real number as an exact SymPy number; a float is read as the decimal it prints as."""
    import sympy

    if isinstance(value, str):
        number = _parse(value, (), func, name)
    elif isinstance(value, sympy.Basic):
        number = value
    else:
        x = float(as_array(value, name, func, ndim=0))
        number = sympy.Rational(Fraction(repr(x))) if x != int(x) else sympy.Integer(int(x))
    if number.free_symbols or not number.is_extended_real or not number.is_finite:
        raise ParameterError(f"{func}: {name} must be a finite real number, got {value!r}")
    return number


def _as_float_array(values) -> np.ndarray:
    """The values of a lambdified expression as a float array (NaN where not real)."""
    values = np.asarray(values)
    if values.dtype.kind == "c":
        values = np.where(values.imag == 0, values.real, np.nan)
    return values.astype(np.float64)


def _lambdify(expr, symbol, func: str) -> Callable:
    import sympy

    try:
        g = sympy.lambdify(symbol, expr, modules="numpy")
    except Exception as exc:  # SymPy raises many kinds for what NumPy cannot compute
        raise ParameterError(f"{func}: cannot evaluate {expr} numerically ({exc})") from None

    def evaluate(t: np.ndarray) -> np.ndarray:
        try:
            with np.errstate(all="ignore"):
                values = g(t)
        except Exception as exc:
            raise ParameterError(
                f"{func}: cannot evaluate {expr} numerically ({type(exc).__name__}: {exc})"
            ) from None
        return np.broadcast_to(_as_float_array(values), t.shape)

    return evaluate


def _bisect_sign_changes(g: Callable, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Roots of ``g`` in the brackets ``[lo, hi]`` (``g`` changes sign in each), all at once."""
    g_lo = g(lo)
    for _ in range(60):  # each halving gains a bit: 60 reach rounding for any bracket
        mid = (lo + hi) / 2
        g_mid = g(mid)
        left = np.sign(g_mid) == np.sign(g_lo)
        lo, g_lo = np.where(left, mid, lo), np.where(left, g_mid, g_lo)
        hi = np.where(left, hi, mid)
    return (lo + hi) / 2


def _where_singular(expr, symbol) -> list:
    """The expressions u whose zeros make ``expr`` infinite, undefined or a jump.

    A power uᵖ with p negative or not a constant (1/u, u^x), ``log(u)``, ``tan`` (whose
    u is ``cos``), and ``DiracDelta(u)``, the derivative of a jump such as ``sign(u)``.
    A positive power (√u) stays finite at u = 0; where u < 0 it is not real, which the
    evaluation itself reports as NaN.
    """
    import sympy

    found = set()
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and not (node.exp.is_number and node.exp.is_nonnegative):
            found.add(node.base)
        elif isinstance(node, (sympy.log, sympy.DiracDelta)):
            found.add(node.args[0])
        elif isinstance(node, sympy.tan):
            found.add(sympy.cos(node.args[0]))
    return [u for u in found if symbol in u.free_symbols]


def _has_zero(u, poly, a: float, b: float, func: str) -> bool:
    """Whether ``u`` reaches 0 on [a, b]: exactly (Sturm) for a polynomial, else on the grid.

    On the grid, a zero that ``u`` only touches between two points (1 − cos x at 0) is
    missed; the values of f⁽ⁿ⁺¹⁾ near it then make the bound huge rather than infinite.
    """
    import sympy

    if poly is not None:
        try:
            return poly.count_roots(sympy.Rational(a), sympy.Rational(b)) > 0
        except (sympy.PolynomialError, NotImplementedError, TypeError, ValueError):
            pass  # coefficients count_roots cannot handle (floats, π): look on the grid
    v = _lambdify(u, poly.gens[0] if poly is not None else next(iter(u.free_symbols)), func)(
        np.linspace(a, b, _GRID)
    )
    return bool((v == 0).any() or (np.sign(v[:-1]) * np.sign(v[1:]) < 0).any()
                or not np.isfinite(v).all())


def _max_abs_exact(g_expr, symbol, func: str) -> Callable[[float, float], float]:
    """``(a, b) ↦ max |g|`` on [a, b] for an exact ``g``: its values at the ends and on a grid,
    and at the sign changes of ``g'`` between grid points, located by bisection.

    It is infinite where ``g`` is: a zero on [a, b] of an expression listed by
    :func:`_where_singular`, or a value that is not finite and real.
    """
    import sympy

    singular = []
    for u in _where_singular(g_expr, symbol):
        poly = sympy.Poly(u, symbol) if u.is_polynomial(symbol) else None
        singular.append((u, poly))
    # DiracDelta is 0 away from its root, where the check above has already said inf
    smooth = g_expr.replace(sympy.DiracDelta, lambda *args: sympy.S.Zero)
    slope = sympy.diff(smooth, symbol).replace(sympy.DiracDelta, lambda *args: sympy.S.Zero)
    g, dg = _lambdify(smooth, symbol, func), _lambdify(slope, symbol, func)

    def max_abs(a: float, b: float) -> float:
        if any(_has_zero(u, poly, a, b, func) for u, poly in singular):
            return math.inf
        t = np.linspace(a, b, _GRID)
        values = g(t)
        if not np.isfinite(values).all():
            return math.inf  # f⁽ⁿ⁺¹⁾ is not real (or overflows) somewhere on the interval
        slopes = dg(t)
        change = np.flatnonzero(np.sign(slopes[:-1]) * np.sign(slopes[1:]) < 0)
        best = float(np.abs(values).max())
        if change.size:
            extrema = g(_bisect_sign_changes(dg, t[change], t[change + 1]))
            best = max(best, float(np.abs(extrema).max()))
        return best

    return max_abs


def _power_of_two(h: float) -> float:
    """The power of 2 nearest ``h``: then every offset (k/2 − j) h is exact."""
    return 2.0 ** round(math.log2(h))


def _central_difference(f: Callable, x: float, k: int, h: float) -> tuple[float, float]:
    """``Σ_j (−1)ʲ C(k, j) f(x + (k/2 − j) h) / hᵏ`` and its rounding error ``eps Σ|w f| / hᵏ``.

    NaN if ``f`` fails there (a large step can leave the domain of ``f``).
    """
    total = scale = 0.0
    for j in range(k + 1):
        weight = (-1) ** j * math.comb(k, j)
        try:
            value = float(f(x + (k / 2 - j) * h))
        except (ArithmeticError, ValueError):  # 1/0, math.log(-1), math.exp(1000)
            return math.nan, math.nan
        total += weight * value
        scale += abs(weight * value)
    return total / h**k, EPS * scale / h**k


def _numerical_derivative(f: Callable, x: float, k: int) -> tuple[float, float]:
    """``f⁽ᵏ⁾(x)`` by Richardson-improved central differences, and an error estimate.

    The best step depends on how fast ``f`` varies, which is unknown: eˣ at x = 20
    wants a step 30 times smaller than ``x`` suggests. So the extrapolation
    ``Rᵢ = (4 D(hᵢ/2) − D(hᵢ)) / 3`` is computed for a dozen halvings of the step
    around ``2 eps^(1/(k+4)) max(1, |x|)``, and the one that agrees best with its
    neighbours is kept (numdifftools' strategy): too large a step shows as
    truncation, too small as rounding noise, and both as disagreement.
    """
    if k == 0:
        value = float(f(x))
        return value, EPS * abs(value)
    top = round(math.log2(2 * EPS ** (1 / (k + 4)) * max(1.0, abs(x)))) + 2
    steps = [2.0**p for p in range(top, top - 13, -1)]  # powers of 2: exact offsets
    differences = [_central_difference(f, x, k, h) for h in steps]
    # D(h) = f⁽ᵏ⁾ + c h² + O(h⁴), so (4 D(h/2) − D(h)) / 3 cancels the h² term
    extrapolated = [
        (4 * fine - coarse) / 3
        for (coarse, _), (fine, _) in zip(differences, differences[1:], strict=False)
    ]
    best, best_error = math.nan, math.inf
    for i in range(1, len(extrapolated) - 1):
        disagreement = max(abs(extrapolated[i] - extrapolated[i - 1]),
                           abs(extrapolated[i] - extrapolated[i + 1]))
        error = disagreement + 2 * differences[i + 1][1]  # + rounding at the finer step
        if error < best_error:  # False for NaN: steps where f failed are never kept
            best, best_error = extrapolated[i], error
    return best, best_error


def _max_abs_numerical(f: Callable, k: int, a: float, b: float) -> float:
    """An estimate of max |f⁽ᵏ⁾| on [a, b]: the largest finite-difference value at 33 points."""
    best = 0.0
    with np.errstate(all="ignore"):
        for t in np.linspace(a, b, _GRID_NUMERICAL):
            value, _ = _numerical_derivative(f, float(t), k)
            if not math.isfinite(value):
                return math.inf
            best = max(best, abs(value))
    return best


def _check_order(order, limit: int, what: str, func: str) -> int:
    order = check_nonnegative_int(order, "order", func)
    if order > limit:
        raise ParameterError(f"{func}: order must be at most {limit} {what}, got {order}")
    return order


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class TaylorPolynomial:
    """A Taylor polynomial in one variable: ``P(x) = Σ cₖ (x − x₀)ᵏ``; call it to evaluate."""

    x0: float
    order: int
    coefficients: np.ndarray  # (order + 1,), cₖ = f⁽ᵏ⁾(x₀)/k!
    expression: Any  # the exact polynomial (a SymPy expression), or None for a Python function
    coefficient_errors: np.ndarray | None  # (order + 1,) estimated |error| of cₖ, None if exact
    max_derivative: Callable[[float, float], float] = field(repr=False)  # (a, b) -> M

    def __call__(self, x):
        """``P(x)`` by Horner's rule in ``x − x₀``; x a number or an array."""
        d = as_array(x, "x", "TaylorPolynomial") - self.x0
        value = np.zeros_like(d)
        for c in self.coefficients[::-1]:  # c₀ + d (c₁ + d (c₂ + …))
            value = value * d + c
        return float(value) if value.ndim == 0 else value

    def remainder_bound(self, x):
        """Lagrange's bound ``M |x − x₀|ⁿ⁺¹ / (n+1)!``, M = max |f⁽ⁿ⁺¹⁾| between x₀ and x.

        Exact derivatives give the bound itself (M found as the module docstring says);
        for a Python function it is an estimate. It is ``inf`` where ``f⁽ⁿ⁺¹⁾`` is not
        finite and real on the interval.
        """
        xs = as_array(x, "x", "TaylorPolynomial.remainder_bound")
        n = self.order
        bounds = np.empty(xs.shape)
        for index, xi in np.ndenumerate(xs):
            distance = abs(xi - self.x0)
            if distance == 0:
                bounds[index] = 0.0
                continue
            M = self.max_derivative(min(self.x0, xi), max(self.x0, xi))
            bounds[index] = M * distance ** (n + 1) / math.factorial(n + 1)
        return float(bounds) if bounds.ndim == 0 else bounds


@dataclass(frozen=True, eq=False)
class MultivariateTaylor:
    """``f(x₀) + ∇f·(x − x₀) + ½ (x − x₀)ᵀ H (x − x₀)`` (to ``order``); call it to evaluate."""

    x0: np.ndarray  # (n,)
    order: int  # 0, 1 or 2
    value: float  # f(x₀)
    gradient: np.ndarray | None  # (n,) ∇f(x₀), None for order 0
    hessian: np.ndarray | None  # (n, n) H(x₀), None below order 2
    expression: Any  # the exact polynomial (SymPy), or None for a Python function
    max_derivative: Callable[[np.ndarray], float] = field(repr=False)  # d -> max |φ⁽ⁿ⁺¹⁾|

    def __call__(self, x):
        """The polynomial at ``x`` of shape (n,) (a float) or at each row of (m, n)."""
        d = self._displacements(x, "MultivariateTaylor")
        value = np.full(d.shape[0], self.value)
        if self.gradient is not None:
            value += d @ self.gradient
        if self.hessian is not None:
            value += 0.5 * np.einsum("mi,ij,mj->m", d, self.hessian, d)  # ½ dᵀ H d per row
        return float(value[0]) if np.ndim(x) == 1 else value

    def remainder_bound(self, x):
        """``max_{t∈[0,1]} |φ⁽ⁿ⁺¹⁾(t)| / (n+1)!`` with ``φ(t) = f(x₀ + t (x − x₀))``.

        The bound for exact derivatives, an estimate for a Python function (see the
        module docstring).
        """
        d = self._displacements(x, "MultivariateTaylor.remainder_bound")
        factorial = math.factorial(self.order + 1)
        bounds = np.array(
            [self.max_derivative(row) / factorial if row.any() else 0.0 for row in d]
        )
        return float(bounds[0]) if np.ndim(x) == 1 else bounds

    def _displacements(self, x, func: str) -> np.ndarray:
        """``x − x₀`` as rows, shape (m, n)."""
        x = as_array(x, "x", func, ndim=(1, 2))
        n = self.x0.size
        if x.shape[-1] != n:
            raise ShapeError(
                f"{func}: x must have {n} entries (or be a matrix of {n} columns) like x0, "
                f"got shape {x.shape}"
            )
        return x.reshape(-1, n) - self.x0


# --------------------------------------------------------------------------- one variable


def _taylor_exact(f, symbol, x0, order: int, func: str) -> TaylorPolynomial:
    """Exact coefficients ``f⁽ᵏ⁾(x₀)/k!`` by SymPy, and the exact ``f⁽ⁿ⁺¹⁾`` for the bound."""
    import sympy

    coefficients, terms = [], []
    derivative = f
    for k in range(order + 1):
        if k:
            derivative = sympy.diff(derivative, symbol)
        c = derivative.subs(symbol, x0) / sympy.factorial(k)
        number = sympy.N(c)
        if not (number.is_number and number.is_finite and number.is_extended_real):
            raise NotFiniteError(
                f"{func}: the derivative of order {k} of {f} at x0 = {x0} is {number}, not a "
                f"finite real number; f is not smooth there (choose another x0)"
            )
        coefficients.append(float(number))
        terms.append(c * (symbol - x0) ** k)
    return TaylorPolynomial(
        x0=float(x0),
        order=order,
        coefficients=np.array(coefficients),
        expression=sympy.Add(*terms),
        coefficient_errors=None,
        max_derivative=_max_abs_exact(sympy.diff(derivative, symbol), symbol, func),  # f⁽ⁿ⁺¹⁾
    )


def _taylor_numerical(f: Callable, x0: float, order: int, func: str) -> TaylorPolynomial:
    """Coefficients from Richardson-improved central differences (accuracy: module docstring)."""
    values, errors = [], []
    for k in range(order + 1):
        value, error = _numerical_derivative(f, x0, k)
        if not math.isfinite(value):
            raise NotFiniteError(
                f"{func}: the finite-difference derivative of order {k} at x0 = {x0} is not "
                f"finite; f must be finite and smooth around x0"
            )
        values.append(value / math.factorial(k))
        errors.append(error / math.factorial(k))
    return TaylorPolynomial(
        x0=x0,
        order=order,
        coefficients=np.array(values),
        expression=None,
        coefficient_errors=np.array(errors),
        max_derivative=lambda a, b: _max_abs_numerical(f, order + 1, a, b),
    )


# --------------------------------------------------------------------------- several variables


def _variables(f, variables, n: int, func: str) -> list:
    """The n symbols of ``f`` in the order of x0's entries."""
    import sympy

    if variables is None:
        if n > len(_DEFAULT_NAMES):
            raise ParameterError(
                f"{func}: x0 has {n} entries; name the variables of f, e.g. "
                f"variables=('x1', ..., 'x{n}')"
            )
        variables = _DEFAULT_NAMES[:n] if n > 1 else ("x",)
    elif isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    try:
        names = [_check_name(v, "each of variables", func) for v in variables]
    except TypeError:
        raise DTypeError(f"{func}: variables must be a sequence of names, got {variables!r}") \
            from None
    if len(names) != n:
        raise ShapeError(
            f"{func}: x0 has {n} entries but variables names {len(names)}: "
            f"{tuple(str(v) for v in names)}; give one variable per entry of x0"
        )
    if isinstance(f, str):
        f = _parse(f, names, func, "f")
    else:
        f = _sympy_expression(f, func, "f")
    by_name = {s.name: s for s in f.free_symbols}
    symbols = [
        v if isinstance(v, sympy.Symbol) else by_name.get(v, sympy.Symbol(v, real=True))
        for v in names
    ]
    extra = f.free_symbols - set(symbols)
    if extra:
        raise ParameterError(
            f"{func}: f has symbols {sorted(map(str, extra))} besides the variables "
            f"{tuple(map(str, symbols))}; substitute values for them, or list them in variables"
        )
    return f, symbols


def _segment_bound_exact(f, symbols, x0_exact, order: int, func: str) -> Callable:
    """d ↦ max |φ⁽ⁿ⁺¹⁾| on [0, 1], φ(t) = f(x₀ + t d), from exact derivatives of φ."""
    import sympy

    t = sympy.Dummy("t", real=True)

    def bound(d: np.ndarray) -> float:
        steps = [sympy.Rational(Fraction(float(di))) for di in d]  # exact: Sturm can count roots
        phi = f.subs({s: x + t * di for s, x, di in zip(symbols, x0_exact, steps, strict=True)})
        return _max_abs_exact(sympy.diff(phi, t, order + 1), t, func)(0.0, 1.0)

    return bound


def _multivariate_exact(f, symbols, x0, order: int, func: str) -> MultivariateTaylor:
    import sympy

    x0_exact = [_exact_number(v, "x0", func) for v in x0]
    at = dict(zip(symbols, x0_exact, strict=True))
    d = [s - x for s, x in zip(symbols, x0_exact, strict=True)]
    n = len(symbols)

    def number(expr, what: str) -> float:
        value = sympy.N(expr.subs(at))
        if not (value.is_number and value.is_finite and value.is_extended_real):
            raise NotFiniteError(
                f"{func}: {what} of {f} at x0 = {x0.tolist()} is {value}, not a finite real "
                f"number; f is not smooth there (choose another x0)"
            )
        return value

    value = number(f, "the value")
    terms = [f.subs(at)]
    grad = hess = None
    if order >= 1:
        first = [sympy.diff(f, s) for s in symbols]
        grad = np.array([float(number(g, "a first derivative")) for g in first])
        terms += [first[i].subs(at) * d[i] for i in range(n)]  # ∇f · d
    if order >= 2:
        second = [[sympy.diff(first[i], s) for s in symbols] for i in range(n)]
        hess = np.array([[float(number(h, "a second derivative")) for h in row]
                         for row in second])
        terms += [second[i][j].subs(at) * d[i] * d[j] / 2 for i in range(n) for j in range(n)]
    return MultivariateTaylor(
        x0=np.asarray(x0, dtype=np.float64),
        order=order,
        value=float(value),
        gradient=grad,
        hessian=hess,
        expression=sympy.Add(*terms),
        max_derivative=_segment_bound_exact(f, symbols, x0_exact, order, func),
    )


def _multivariate_numerical(f: Callable, x0: np.ndarray, order: int,
                            func: str) -> MultivariateTaylor:
    value = as_array(f(x0.copy()), "the value of f", func, allow_nonfinite=True)
    if value.size != 1:
        raise ShapeError(f"{func}: f must return one number, got an array of shape {value.shape}")
    if not np.isfinite(value).all():
        raise NotFiniteError(f"{func}: f(x0) is not finite")
    grad = gradient(f, x0) if order >= 1 else None
    hess = hessian(f, x0) if order >= 2 else None

    def bound(d: np.ndarray) -> float:
        return _max_abs_numerical(lambda t: float(f(x0 + t * d)), order + 1, 0.0, 1.0)

    return MultivariateTaylor(
        x0=x0, order=order, value=float(value.reshape(())), gradient=grad, hessian=hess,
        expression=None, max_derivative=bound,
    )


# --------------------------------------------------------------------------- public API


def taylor_polynomial(
    f, x0, order: int, *, variables=None
) -> TaylorPolynomial | MultivariateTaylor:
    """The Taylor polynomial of ``f`` about ``x0``, with Lagrange's remainder bound.

    One variable: ``P(x) = Σ_{k=0}^{n} f⁽ᵏ⁾(x₀)/k! (x − x₀)ᵏ``, with
    ``|f(x) − P(x)| ≤ max|f⁽ⁿ⁺¹⁾| · |x − x₀|ⁿ⁺¹ / (n+1)!`` (max between x₀ and x).
    Several variables (``x0`` a vector), up to second order:
    ``f(x₀) + ∇f(x₀)·(x − x₀) + ½ (x − x₀)ᵀ H(x₀) (x − x₀)``.

    Parameters
    ----------
    f : str, sympy.Expr or callable
        Text such as ``"exp(x)"`` (read by the safe parser) or a SymPy expression:
        exact derivatives. A Python function ``f(x) -> float`` (``x`` a float, or an
        array of shape (n,) when ``x0`` is a vector): finite differences, whose
        accuracy the module docstring states.
    x0 : float, str or sympy number; or array_like of shape (n,)
        The centre. A scalar gives the one-variable polynomial (a float is read as the
        decimal it prints as, 0.1 as 1/10; text such as ``"pi/4"`` is exact); a vector
        gives the multivariate one.
    order : int
        ``n`` >= 0: at most 20 for exact derivatives, 6 for a Python function, 2 for
        several variables.
    variables : str or sequence of str or sympy.Symbol, optional, keyword-only
        The variables of a text or SymPy ``f``, one per entry of ``x0``. Default
        ``"x"`` (or a SymPy expression's single symbol), and ``("x", "y")`` or
        ``("x", "y", "z")`` for two or three variables.

    Returns
    -------
    TaylorPolynomial or MultivariateTaylor
        Callable (``p(x)`` evaluates the polynomial), with ``remainder_bound(x)``.
        One variable: ``coefficients`` (cₖ = f⁽ᵏ⁾(x₀)/k!), ``expression`` (the exact
        polynomial, SymPy; None for a Python function), ``coefficient_errors``
        (estimated, for a Python function). Several: ``value``, ``gradient`` and
        ``hessian`` (those used, None when beyond ``order``) and ``expression``.

    Raises
    ------
    ParameterError
        If ``order`` is out of range, ``x0`` is not a finite real number, or ``f`` has
        symbols other than its variables.
    NotFiniteError
        If a derivative of ``f`` at ``x0`` is not finite and real (``log`` at 0).
    ShapeError
        If ``variables`` does not name one variable per entry of ``x0``, or ``f``
        returns more than one number.
    DTypeError
        If ``f`` is neither text, a SymPy expression nor a function.
    ExpressionError
        If the text cannot be read.

    See Also
    --------
    derivative : the derivatives, rule by rule.
    hessian : the second derivatives of a Python function.

    Examples
    --------
    >>> p = taylor_polynomial("exp(x)", 0, 3)
    >>> p.expression
    x**3/6 + x**2/2 + x + 1
    >>> round(p(0.5), 6), round(p.remainder_bound(0.5), 6)  # e^0.5 = 1.648721...
    (1.645833, 0.004294)
    """
    func = "taylor_polynomial"
    is_text = isinstance(f, str)
    is_sympy = not is_text and "sympy" in sys.modules and isinstance(f, sys.modules["sympy"].Basic)
    if not (is_text or is_sympy or callable(f)):
        raise DTypeError(
            f"{func}: f must be text such as 'exp(x)', a SymPy expression or a Python "
            f"function, got {type(f).__name__} ({f!r})"
        )
    if not isinstance(x0, str) and np.ndim(x0) == 1:  # several variables
        x0 = as_vector(x0, "x0", func)
        order = _check_order(order, 2, "for several variables (the gradient and Hessian)",
                             func)
        if is_text or is_sympy:
            f, symbols = _variables(f, variables, x0.size, func)
            return _multivariate_exact(f, symbols, x0, order, func)
        return _multivariate_numerical(f, x0, order, func)
    if is_text or is_sympy:
        order = _check_order(order, MAX_ORDER_EXACT, "for exact derivatives", func)
        if is_sympy and variables is None:
            f = _sympy_expression(f, func, "f")
            symbols = sorted(f.free_symbols, key=str)
            variables = symbols[:1] if len(symbols) == 1 else None
        f, (symbol,) = _variables(f, variables, 1, func)
        return _taylor_exact(f, symbol, _exact_number(x0, "x0", func), order, func)
    order = _check_order(order, MAX_ORDER_NUMERICAL, "for a Python function (finite "
                         "differences lose accuracy with each order)", func)
    x0 = float(as_array(x0, "x0", func, ndim=0))
    return _taylor_numerical(f, x0, order, func)
