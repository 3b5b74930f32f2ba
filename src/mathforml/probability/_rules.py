"""The rules of probability on explicit tables: marginals, conditionals, independence.

A joint distribution of a few discrete variables is a table: a NumPy array
whose axis k runs over the values of variable k, with non-negative entries
that sum to 1. ``P[i, j] = P(X = i, Y = j)``. Three rules do all the work:

- the sum rule (marginalisation): P(X = i) = Σⱼ P(X = i, Y = j), a sum over
  the axes of the other variables;
- the product rule: P(X, Y) = P(Y | X) P(X), read backwards as the definition
  of a conditional, P(Y | X) = P(X, Y) / P(X);
- independence: X and Y are independent when P(X, Y) = P(X) P(Y) in every
  cell, i.e. when the table is the outer product of its marginals.

Variables are named by their axis number, or by a name when the table comes
with ``names`` (one string per axis).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from .._validation import as_array, check_positive_float
from ..errors import ParameterError, ShapeError

__all__ = ["marginal", "conditional", "are_independent"]

# A table "sums to 1" when |Σ P − 1| is at most this: far above the rounding of any sum of
# float64 probabilities, far below the error of probabilities rounded by hand (0.333).
SUM_TOL = 1e-8


def as_distribution(P, name: str, func: str, *, min_ndim: int = 1) -> np.ndarray:
    """A probability table: finite, non-negative entries summing to 1 (within ``SUM_TOL``)."""
    P = as_array(P, name, func)
    if P.ndim < min_ndim:
        wanted = "a 1-D vector or a table" if min_ndim == 1 else f"a table with {min_ndim}+ axes"
        raise ShapeError(f"{func}: {name} must be {wanted}, got shape {P.shape}")
    if P.size == 0:
        raise ShapeError(f"{func}: {name} is empty (shape {P.shape}); it has no outcomes")
    if (P < 0).any():
        where = tuple(int(i) for i in np.argwhere(P < 0)[0])
        raise ParameterError(
            f"{func}: {name} must hold probabilities >= 0, got {P[where]:g} at index "
            f"{where if len(where) > 1 else where[0]}"
        )
    total = float(P.sum())
    if abs(total - 1.0) > SUM_TOL:
        raise ParameterError(
            f"{func}: {name} must sum to 1, but its entries sum to {total!r}; divide by "
            f"the sum if it holds counts or unnormalised weights"
        )
    return P


def _check_names(names, ndim: int, func: str) -> tuple[str, ...] | None:
    if names is None:
        return None
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise ParameterError(
            f"{func}: names must be a sequence of strings, one per axis, got {names!r}"
        )
    names = tuple(names)
    if len(names) != ndim or not all(isinstance(n, str) for n in names):
        raise ParameterError(
            f"{func}: names must hold {ndim} strings (one per axis of joint), got {names!r}"
        )
    if len(set(names)) != ndim:
        raise ParameterError(f"{func}: names must be distinct, got {names!r}")
    return names


def _resolve_axes(spec, ndim: int, names, func: str, arg: str) -> tuple[int, ...]:
    """Axis numbers (in the order given) for an int, a name, or a sequence of them."""
    items = [spec] if isinstance(spec, (numbers.Integral, str)) else spec
    try:
        items = list(items)
    except TypeError:
        raise ParameterError(
            f"{func}: {arg} must be an axis number, an axis name or a sequence of them, "
            f"got {spec!r}"
        ) from None
    axes = []
    for item in items:
        if isinstance(item, str):
            if names is None or item not in names:
                known = "no names were given" if names is None else f"names are {names}"
                raise ParameterError(f"{func}: {arg} names an unknown axis {item!r}; {known}")
            axes.append(names.index(item))
        elif isinstance(item, numbers.Integral) and not isinstance(item, bool):
            if not -ndim <= item < ndim:
                raise ShapeError(
                    f"{func}: {arg} axis {item} is out of bounds for a table with {ndim} axes"
                )
            axes.append(int(item) % ndim)
        else:
            raise ParameterError(
                f"{func}: {arg} must hold axis numbers or names, got {item!r}"
            )
    if not axes:
        raise ParameterError(f"{func}: {arg} must name at least one axis, got {spec!r}")
    if len(set(axes)) != len(axes):
        raise ParameterError(f"{func}: {arg} names the same axis twice: {spec!r}")
    return tuple(axes)


def _label(axis: int, names) -> str:
    return names[axis] if names is not None else f"axis {axis}"


def marginal(joint, keep, names: Sequence[str] | None = None) -> np.ndarray:
    """Marginal distribution of some variables: sum the joint over all the others.

    The sum rule: P(X = i) = Σⱼ P(X = i, Y = j). Summing out a variable
    forgets it; what remains is the distribution of the variables kept.

    Parameters
    ----------
    joint : array_like, any shape with at least one axis
        The joint distribution, axis k = variable k; entries >= 0 summing to 1.
    keep : int, str or sequence of them
        The variables to keep, by axis number or by name.
    names : sequence of str, optional
        One name per axis of ``joint``, so that ``keep`` may use names.

    Returns
    -------
    ndarray
        The marginal table, with its axes in the order listed in ``keep``.

    Raises
    ------
    ParameterError
        If ``joint`` has a negative entry or does not sum to 1 (within 1e-8), or
        ``keep`` names an unknown or repeated axis.
    ShapeError
        If ``joint`` is empty or an axis number is out of bounds.

    See Also
    --------
    conditional : divide the joint by a marginal.

    Examples
    --------
    >>> P = [[0.1, 0.2], [0.3, 0.4]]   # P[rain, traffic]
    >>> marginal(P, keep=0)             # P(rain)
    array([0.3, 0.7])
    >>> marginal(P, keep="traffic", names=["rain", "traffic"])
    array([0.4, 0.6])
    """
    P = as_distribution(joint, "joint", "marginal")
    names = _check_names(names, P.ndim, "marginal")
    kept = _resolve_axes(keep, P.ndim, names, "marginal", "keep")
    others = tuple(a for a in range(P.ndim) if a not in kept)
    M = P.sum(axis=others)  # axes of M: the kept ones, in increasing order
    order = np.argsort(np.argsort(kept))  # position of each requested axis among them
    return np.transpose(M, order)


def conditional(joint, given, value=None, names: Sequence[str] | None = None) -> np.ndarray:
    """Conditional distribution of the other variables given some: P(rest | given).

    The product rule read backwards: P(rest | given) = P(rest, given) / P(given).
    Conditioning keeps only the cells where the given variables take their
    value and rescales them to sum to 1.

    Parameters
    ----------
    joint : array_like, at least two axes
        The joint distribution, axis k = variable k; entries >= 0 summing to 1.
    given : int, str or sequence of them
        The conditioning variables, by axis number or name (not all of them).
    value : int or tuple of ints, optional
        The observed value (index) of each given variable. If omitted, every
        value is conditioned on at once.
    names : sequence of str, optional
        One name per axis of ``joint``, so that ``given`` may use names.

    Returns
    -------
    ndarray
        With ``value``: P(rest | given = value), shaped like the remaining axes
        (in their original order), summing to 1. Without: an array shaped like
        ``joint`` whose every slice with the given variables fixed sums to 1.

    Raises
    ------
    ParameterError
        If a conditioning event has probability zero (the message names it),
        ``value`` is out of range, or the table is not a distribution.
    ShapeError
        If ``joint`` has fewer than two axes, ``given`` covers every axis, or an
        axis number is out of bounds.

    See Also
    --------
    marginal : the denominator P(given).
    bayes : the same division, with a prior and a likelihood.

    Examples
    --------
    >>> P = [[0.1, 0.2], [0.3, 0.4]]           # P[rain, traffic]
    >>> conditional(P, given=0, value=1)       # P(traffic | rain = 1)
    array([0.42857143, 0.57142857])
    """
    func = "conditional"
    P = as_distribution(joint, "joint", func, min_ndim=2)
    names = _check_names(names, P.ndim, func)
    given_axes = _resolve_axes(given, P.ndim, names, func, "given")
    if len(given_axes) == P.ndim:
        raise ShapeError(
            f"{func}: given names every axis of joint; at least one variable must remain "
            f"to have a distribution"
        )
    rest = tuple(a for a in range(P.ndim) if a not in given_axes)
    P_given = P.sum(axis=rest, keepdims=True)  # P(given), broadcastable against P

    if value is None:
        zero = np.argwhere(P_given == 0)
        if zero.size:
            event = {a: int(zero[0][a]) for a in given_axes}
            raise _zero_event(event, names, func)
        return P / P_given

    try:
        values = (value,) if isinstance(value, numbers.Integral) else tuple(value)
    except TypeError:
        values = (value,)  # not a sequence: reported below
    if len(values) != len(given_axes) or not all(
        isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in values
    ):
        raise ParameterError(
            f"{func}: value must hold one integer index per given variable "
            f"({len(given_axes)}), got {value!r}"
        )
    index: list = [slice(None)] * P.ndim
    for a, v in zip(given_axes, values, strict=True):
        if not 0 <= v < P.shape[a]:
            raise ParameterError(
                f"{func}: value {v} is out of range for {_label(a, names)}, which takes "
                f"values 0 to {P.shape[a] - 1}"
            )
        index[a] = v
    cells = P[tuple(index)]  # P(rest, given = value)
    p_event = cells.sum()
    if p_event == 0:
        raise _zero_event(dict(zip(given_axes, values, strict=True)), names, func)
    return cells / p_event


def _zero_event(event: dict[int, int], names, func: str) -> ParameterError:
    desc = ", ".join(f"{_label(a, names)} = {v}" for a, v in sorted(event.items()))
    return ParameterError(
        f"{func}: the event ({desc}) has probability 0, so conditioning on it is "
        f"undefined (0/0); condition only on events that can happen"
    )


def are_independent(joint, tol: float = 1e-10) -> bool:
    """Whether the variables of a joint table are (mutually) independent.

    Independence means the joint is the product of the marginals in every
    cell: P(x₁, ..., x_k) = P(x₁) ⋯ P(x_k). The test compares each cell with
    that product and allows an absolute difference of ``tol`` for rounding.

    The answer is a plain bool; to see *how far* from independent a table is,
    compute the largest deviation yourself from the marginals, as in the
    example below (for two variables: ``abs(P - outer(P_X, P_Y)).max()``).

    Parameters
    ----------
    joint : array_like, at least two axes
        The joint distribution; entries >= 0 summing to 1.
    tol : float, optional
        Largest absolute difference accepted per cell, default 1e-10.

    Returns
    -------
    bool

    Raises
    ------
    ParameterError
        If ``tol`` is not a positive number or the table is not a distribution.
    ShapeError
        If ``joint`` has fewer than two axes.

    See Also
    --------
    marginal, mutual_information : zero exactly for independent variables.

    Examples
    --------
    >>> import numpy as np
    >>> P = np.array([[0.1, 0.2], [0.3, 0.4]])
    >>> are_independent(P)
    False
    >>> float(abs(P - np.outer(marginal(P, 0), marginal(P, 1))).max())  # how far
    0.02
    """
    P = as_distribution(joint, "joint", "are_independent", min_ndim=2)
    tol = check_positive_float(tol, "tol", "are_independent")
    product = np.ones(())
    for k in range(P.ndim):
        others = tuple(a for a in range(P.ndim) if a != k)
        product = np.multiply.outer(product, P.sum(axis=others))  # P(x₁) ⋯ P(x_k)
    return bool(np.abs(P - product).max() <= tol)
