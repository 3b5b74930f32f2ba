"""What every probability distribution shares: parameters, input handling, sampling.

A distribution object is a *frozen* distribution, like ``scipy.stats.norm(0, 1)``: its
parameters are fixed when it is built, and its methods evaluate it at points. Every
class in :mod:`mathforml.probability` follows one contract.

**Construction.** The constructor takes the natural parameters (``Normal(mu, sigma)``,
``Binomial(n, p)``), validates them and raises :class:`~mathforml.errors.ParameterError`
naming the parameter. Parameters are read-only attributes (``d.mu``); to change one,
build a new object. ``repr`` shows them (``Normal(mu=0.0, sigma=1.0)``) and ``==``
compares them.

**Evaluation.** A continuous distribution offers ``pdf``, ``logpdf``, ``cdf``, ``sf``
(the survival function ``1 - cdf``, computed directly so that it stays accurate in the
upper tail) and ``ppf`` (the quantile function, the inverse of ``cdf``). A discrete one
offers ``pmf``, ``logpmf``, ``cdf``, ``sf`` and ``ppf`` with SciPy's discrete convention:
``ppf(q)`` is the smallest ``k`` with ``cdf(k) >= q``. Points ``x`` and probabilities
``q`` are array-like: a scalar gives a NumPy float64 scalar, an array gives an array of
the same shape (as ``scipy.stats`` does). Integers are fine; ±inf is a valid point (the
density there is 0, the cdf 0 or 1); NaN raises :class:`~mathforml.errors.NotFiniteError`;
``q`` outside [0, 1] raises :class:`~mathforml.errors.ParameterError`. Points outside
the support are not errors: the density is 0 there (log-density ``-inf``).

**Summaries.** ``mean()``, ``var()``, ``std() = sqrt(var())`` and ``entropy()`` (in nats).

**Sampling.** ``sample(size=None, rng=None)``: ``size`` None gives one draw (a scalar),
an int or a tuple gives an array of that shape; ``rng`` is None (fresh entropy), an int
seed, or a ``numpy.random.Generator``.

**Fitting.** The classmethod ``fit(data)`` returns a new object holding the
maximum-likelihood parameters for a 1-D sample; known parameters are keyword
arguments (``Binomial.fit(data, n=10)``). Empty data, NaN or values outside the support
raise a clear error.

Subclasses call :meth:`Distribution._set_params` in their constructor, implement
``_sample(shape, rng)``, and use the helpers below (``_points``, ``_check_q``,
``_output``, ``_fit_data``) so that every class validates and returns alike.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import as_array
from ..errors import DTypeError, NotFiniteError, ParameterError

__all__ = ["Distribution"]


def _output(values: np.ndarray):
    """A 0-d result becomes a NumPy float64 (or int64) scalar, as SciPy returns it."""
    return values[()] if values.ndim == 0 else values


def _check_size(size, func: str) -> tuple[int, ...] | None:
    """``None`` (one draw), a non-negative int, or a tuple of them -> a shape."""
    if size is None:
        return None
    dims = size if isinstance(size, tuple) else (size,)
    for d in dims:
        if isinstance(d, bool) or not isinstance(d, numbers.Integral) or d < 0:
            raise ParameterError(
                f"{func}: size must be None, a non-negative int or a tuple of them, "
                f"got {size!r}"
            )
    return tuple(int(d) for d in dims)


def _check_rng(rng, func: str) -> np.random.Generator:
    """None, an int seed or a Generator -> a Generator (the one given is used as is)."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise ParameterError(
        f"{func}: rng must be None, a non-negative int seed or a numpy.random.Generator, "
        f"got {rng!r}"
    )


class Distribution:
    """Base class of the distributions: parameters, repr, equality, input and sampling.

    See the module docstring for the contract every subclass follows. Not public:
    users meet ``Normal``, ``Binomial``... never this class.
    """

    # The parameter names, in constructor order; set by _set_params.
    _param_names: tuple[str, ...] = ()

    # -- parameters: set once, then read-only -------------------------------------------

    def _set_params(self, **params) -> None:
        """Store the (already validated) parameters as read-only attributes."""
        for name, value in params.items():
            if isinstance(value, np.ndarray):
                value = value.copy()
                value.flags.writeable = False  # read-only all the way down
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_param_names", tuple(params))

    def __setattr__(self, name, value):
        raise AttributeError(
            f"{type(self).__name__} is immutable: its parameters are fixed when it is "
            f"built; create a new {type(self).__name__}(...) instead of setting {name!r}"
        )

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def _params(self) -> dict:
        return {name: getattr(self, name) for name in self._param_names}

    def __repr__(self) -> str:
        def show(v):
            return repr(v.tolist()) if isinstance(v, np.ndarray) else repr(v)

        args = ", ".join(f"{k}={show(v)}" for k, v in self._params().items())
        return f"{type(self).__name__}({args})"

    def _key(self) -> tuple:
        def hashable(v):
            if isinstance(v, np.ndarray):
                return (v.shape, tuple(v.ravel().tolist()))
            return v

        return (type(self), tuple((k, hashable(v)) for k, v in self._params().items()))

    def __eq__(self, other) -> bool:
        if not isinstance(other, Distribution):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    # -- input and output ----------------------------------------------------------------

    def _name(self, method: str) -> str:
        return f"{type(self).__name__}.{method}"

    def _points(self, x, method: str, name: str = "x") -> np.ndarray:
        """Array-like points -> a float64 array; ±inf allowed, NaN refused."""
        arr = as_array(x, name, self._name(method), allow_nonfinite=True)
        if np.isnan(arr).any():
            raise NotFiniteError(
                f"{self._name(method)}: {name} contains NaN; every point must be a number "
                f"(±inf is allowed)"
            )
        return arr

    def _check_q(self, q, method: str = "ppf") -> np.ndarray:
        """Array-like probabilities -> a float64 array with every entry in [0, 1]."""
        arr = self._points(q, method, "q")
        outside = (arr < 0) | (arr > 1)
        if outside.any():
            bad = float(arr[outside].flat[0])
            raise ParameterError(
                f"{self._name(method)}: q must hold probabilities in [0, 1], got {bad!r}"
            )
        return arr

    _output = staticmethod(_output)

    @classmethod
    def _fit_data(cls, data, *, ndim: int = 1) -> np.ndarray:
        """A non-empty, finite sample (1-D by default) -> a float64 array."""
        func = f"{cls.__name__}.fit"
        arr = as_array(data, "data", func, ndim=ndim)
        if arr.shape[0] == 0:
            raise ParameterError(f"{func}: data is empty; fit needs at least one observation")
        return arr

    # -- summaries and sampling --------------------------------------------------------

    def std(self):
        """Standard deviation, ``sqrt(var())``."""
        return np.sqrt(self.var())

    def sample(self, size=None, rng=None):
        """Random draws: one (a scalar) for ``size=None``, else an array of shape ``size``.

        ``rng`` is None (fresh entropy), an int seed, or a ``numpy.random.Generator``
        (used as given, so successive calls continue its stream).
        """
        func = self._name("sample")
        shape = _check_size(size, func)
        gen = _check_rng(rng, func)
        draws = np.asarray(self._sample(() if shape is None else shape, gen))
        return _output(draws) if shape is None else draws

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} must implement _sample")


def _check_finite_float(value, name: str, func: str) -> float:
    """A finite real scalar parameter -> float (for location parameters such as ``mu``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise DTypeError(f"{func}: {name} must be a real number, got {value!r}")
    if not math.isfinite(value):
        raise ParameterError(f"{func}: {name} must be a finite number, got {value!r}")
    return float(value)
