"""The Tensor: an array that remembers how it was computed, and ``backward``.

Reverse-mode automatic differentiation is the chain rule, applied from the
output back to the inputs. If a loss L is computed as ``L = f(y)``, ``y = g(x)``,
then (seed 001, §2.2)::

    ∂L/∂x = ∂L/∂y · ∂y/∂x

Every operation on tensors builds a node of a graph: its output tensor keeps
its input tensors and, for each input, a small function that takes ``∂L/∂out``
(same shape as the output) and returns that input's share of the chain rule,
``∂L/∂out · ∂out/∂input``. For ``out = a * b`` they are ``g ↦ g * b`` and
``g ↦ g * a``; each op's functions sit right beside its forward formula in
``_arithmetic.py``, ``_functions.py``, ``_reductions.py`` and ``_shape_ops.py``.

:meth:`Tensor.backward` then visits the nodes from the output back to the
inputs, each after every node that uses it (reverse topological order), so
that when a node is reached its gradient is complete: a tensor used twice
receives the sum of both contributions (∂L/∂x = Σ over its uses, the
multivariable chain rule). Leaves (tensors made by the user with
``requires_grad=True``) store the result in ``.grad``, adding to what is there,
as PyTorch does.

Broadcasting needs one more rule, applied here for every op: if ``x`` of shape
(3,) was broadcast to (4, 3), each entry of ``x`` was used 4 times, so its
gradient is the sum of the 4 gradients: :func:`unbroadcast` sums the gradient
over the broadcast axes, back to the input's shape.

Gradients are never modified in place, so one array may be handed to several
inputs (``g ↦ g`` for both sides of ``a + b``) without copying.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from functools import partial

import numpy as np

from .._validation import as_array
from ..errors import DTypeError, ParameterError, ShapeError
from ._arithmetic import ArithmeticOps
from ._finite import trapped
from ._functions import FunctionOps
from ._grad_mode import is_grad_enabled
from ._reductions import ReductionOps
from ._shape_ops import ShapeOps

__all__ = ["Tensor", "unbroadcast"]

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


# --- helpers ---------------------------------------------------------------------------------


def unbroadcast(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum a gradient over the axes along which an input of ``shape`` was broadcast.

    Broadcasting aligns shapes on the right, prepends axes and stretches axes of
    size 1; an input entry used k times gets the sum of the k gradients.

    >>> unbroadcast(np.ones((4, 3)), (3,))
    array([4., 4., 4.])
    >>> unbroadcast(np.ones((2, 3)), (2, 1))
    array([[3.],
           [3.]])
    """
    extra = g.ndim - len(shape)  # axes broadcasting prepended
    axes = tuple(range(extra)) + tuple(
        extra + i for i, n in enumerate(shape) if n == 1 and g.shape[extra + i] != 1
    )
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g.reshape(shape)


def _check_dtype(dtype, func: str) -> np.dtype | None:
    if dtype is None:
        return None
    try:
        dt = np.dtype(dtype)
    except TypeError:  # not a dtype at all
        dt = np.dtype(object)
    if dt not in _FLOATS:
        raise DTypeError(f"{func}: dtype must be float32 or float64, got {dtype!r}")
    return dt


def _float_array(data, dtype: np.dtype | None, name: str, func: str) -> np.ndarray:
    """``data`` as a float32 or float64 array; float32 and float64 arrays are kept as they are.

    Anything else (ints, bools, lists, float16) becomes float64 unless ``dtype``
    says otherwise. Strings, complex numbers and ragged lists raise.
    """
    if isinstance(data, (np.ndarray, np.floating)) and np.asarray(data).dtype in _FLOATS:
        arr = np.asarray(data)
    else:
        # Infinity and NaN are allowed in data: -inf is how additive attention masks say "never".
        arr = as_array(data, name, func, allow_nonfinite=True)
    if dtype is not None and arr.dtype != dtype:
        arr = arr.astype(dtype)
    return arr


def _chain_rule(local: Callable, g: np.ndarray, shape: tuple[int, ...],
                previous: np.ndarray | None) -> np.ndarray:
    """∂L/∂input after adding one more use's share, ``local(g)`` = ∂L/∂out · ∂out/∂input."""
    share = local(g)
    if share.shape != shape:
        share = unbroadcast(share, shape)
    return share if previous is None else previous + share


_BACKWARD_HINT = ("the derivative is infinite or undefined at these inputs, e.g. of x**0.5 at "
                  "x = 0, or it overflows")


def _topological_order(root: Tensor) -> list[Tensor]:
    """Every tensor that ``root`` depends on through ``requires_grad`` links, each after its inputs.

    An iterative depth-first search (a recursive one would overflow Python's
    stack on a graph a few thousand ops deep, e.g. an RNN unrolled in time).
    """
    order: list[Tensor] = []
    seen = {id(root)}
    stack = [(root, iter(root._inputs))]
    while stack:
        node, inputs = stack[-1]
        for parent in inputs:
            if parent.requires_grad and id(parent) not in seen:
                seen.add(id(parent))
                stack.append((parent, iter(parent._inputs)))
                break
        else:  # all of node's inputs are placed: node can follow them
            stack.pop()
            order.append(node)
    return order


# --- the Tensor ------------------------------------------------------------------------------


class Tensor(ArithmeticOps, FunctionOps, ReductionOps, ShapeOps):
    """An n-dimensional float array that records the operations on it, for reverse-mode autodiff.

    Operations (``+ - * / @ **``, ``exp``, ``sum``, ``reshape``, indexing, ...)
    work as in NumPy, with broadcasting, and return new tensors. When an input
    has ``requires_grad=True``, the result remembers its inputs and its local
    derivatives; ``loss.backward()`` then applies the chain rule from ``loss``
    back to every leaf tensor and adds ∂loss/∂leaf to ``leaf.grad``.

    Parameters
    ----------
    data : array_like
        The values. A float32 or float64 ndarray is used as it is, without a
        copy (like ``torch.from_numpy``: changing one changes the other);
        anything else (Python numbers, lists, integer arrays) becomes float64.
    requires_grad : bool, default False
        Whether ``backward`` should compute ∂L/∂(this tensor) into ``.grad``.
    dtype : {None, "float32", "float64"}, default None
        Convert to this dtype; None keeps float32 and float64 as given.

    Attributes
    ----------
    data : ndarray
        The values (``.data`` and ``.grad`` are what ``mathforml.optim`` updates).
    grad : ndarray or None
        ∂L/∂(this tensor), summed over every ``backward`` call since it was last
        set to None; None until then. Only leaves keep their gradient.
    requires_grad : bool
        Whether the tensor takes part in the graph.

    Raises
    ------
    DTypeError
        If ``data`` is not numeric (strings, complex numbers) or ``dtype`` is
        not float32/float64.
    ShapeError
        If ``data`` is a ragged nested list.
    ParameterError
        If ``requires_grad`` is not a bool.

    See Also
    --------
    Tensor.backward : the chain rule, applied to the whole graph.
    no_grad : build no graph.

    Examples
    --------
    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> y = (x * x).sum()          # y = Σ x²
    >>> y.backward()
    >>> x.grad                     # ∂y/∂x = 2x
    array([2., 4., 6.])
    """

    __slots__ = ("data", "grad", "requires_grad", "_inputs", "_backward", "_op")
    # NumPy must not apply its ufuncs to a Tensor: ``array + tensor`` then calls
    # ``Tensor.__radd__`` (and records the op) instead of converting the tensor.
    __array_ufunc__ = None

    def __init__(self, data, requires_grad: bool = False, dtype=None) -> None:
        if isinstance(data, Tensor):
            data = data.data
        if not isinstance(requires_grad, (bool, np.bool_)):
            raise ParameterError(
                f"Tensor: requires_grad must be True or False, got {requires_grad!r}"
            )
        self.data: np.ndarray = _float_array(data, _check_dtype(dtype, "Tensor"), "data", "Tensor")
        self.grad: np.ndarray | None = None
        self.requires_grad = bool(requires_grad)
        self._inputs: tuple[Tensor, ...] = ()  # a leaf has no inputs...
        self._backward: tuple[Callable, ...] = ()  # ...and no derivative functions
        self._op = "leaf"

    # --- how operations build the graph ------------------------------------------------------

    def _from_op(self, data, op: str, inputs: tuple[Tensor, ...],
                 backward: tuple[Callable, ...]) -> Tensor:
        """The result of operation ``op`` as a node of the graph.

        ``backward[i]`` maps ``g = ∂L/∂out`` to ``∂L/∂inputs[i]``. The node is only
        linked to its inputs when one of them requires a gradient and recording
        is on; otherwise it is a plain constant, and the functions are dropped.
        """
        out = Tensor.__new__(Tensor)
        # NumPy returns scalars, not 0-d arrays, from full reductions and 0-d ufuncs
        out.data = data if isinstance(data, np.ndarray) else np.asarray(data)
        out.grad = None
        out._op = op
        if is_grad_enabled() and any(t.requires_grad for t in inputs):
            out.requires_grad = True
            out._inputs = inputs
            out._backward = backward
        else:
            out.requires_grad = False
            out._inputs = ()
            out._backward = ()
        return out

    def _lift(self, other, op: str) -> Tensor:
        """The other operand of a binary operation, as a tensor (a constant unless it is one).

        Python numbers and lists take this tensor's dtype, so ``x32 * 2`` stays
        float32; float arrays keep their own dtype (float32 with float64 gives
        float64, as in PyTorch).
        """
        if isinstance(other, Tensor):
            return other
        if isinstance(other, np.ndarray) and other.dtype in _FLOATS:
            return Tensor(other)
        if isinstance(other, numbers.Real) and not isinstance(other, bool):
            return Tensor(np.asarray(other, dtype=self.data.dtype))
        return Tensor(_float_array(other, self.data.dtype, "the other operand", op))

    # --- what a tensor is --------------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """The array's shape."""
        return self.data.shape

    @property
    def dtype(self) -> np.dtype:
        """float32 or float64."""
        return self.data.dtype

    @property
    def ndim(self) -> int:
        """The number of axes."""
        return self.data.ndim

    def __len__(self) -> int:
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d tensor (a scalar) is undefined")
        return self.data.shape[0]

    def __iter__(self):
        # Without it Python would iterate by indexing until an IndexError, which
        # our indexing turns into a ShapeError.
        return (self[i] for i in range(len(self)))

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        extra = ", requires_grad=True" if self.requires_grad else ""
        if self.data.dtype != np.float64:
            extra += f", dtype={self.data.dtype}"
        return f"Tensor({body}{extra})"

    def item(self) -> float:
        """The value of a one-entry tensor as a Python float (e.g. ``loss.item()``)."""
        if self.data.size != 1:
            raise ShapeError(
                f"item: only a tensor with one entry converts to a number, got shape {self.shape}"
            )
        return float(self.data.reshape(()))

    def __float__(self) -> float:
        return self.item()

    def numpy(self) -> np.ndarray:
        """The values as a NumPy array (``.data``, no copy)."""
        return self.data

    def detach(self) -> Tensor:
        """The same values (no copy) in a new leaf without ``requires_grad``: cut from the graph."""
        return Tensor(self.data)

    # --- the backward pass -------------------------------------------------------------------

    def backward(self, grad=None) -> None:
        """Compute ∂(this tensor)/∂leaf for every leaf behind it, adding into ``leaf.grad``.

        For a scalar output L (a loss), ``L.backward()`` starts from ∂L/∂L = 1.
        For a non-scalar output y, pass ``grad`` = ∂L/∂y (same shape as y): the
        leaves then receive ∂L/∂leaf = Σ grad · ∂y/∂leaf, a vector-Jacobian product.

        Parameters
        ----------
        grad : array_like or Tensor, optional
            The gradient of the final loss with respect to this tensor; needed
            unless the tensor has exactly one entry.

        Raises
        ------
        ParameterError
            If this tensor does not require a gradient (no input required one,
            or it was computed inside ``no_grad()``).
        ShapeError
            If ``grad`` is missing for a tensor of several entries, or does not
            have this tensor's shape.
        NotFiniteError
            If an operation's backward step produces NaN or infinity (e.g. the
            derivative of x**0.5 at 0), naming the operation.

        Examples
        --------
        >>> x = Tensor([3.0], requires_grad=True)
        >>> (x ** 2).backward(); (x ** 2).backward()   # gradients accumulate
        >>> x.grad
        array([12.])
        """
        if not self.requires_grad:
            raise ParameterError(
                "backward: this tensor does not require a gradient: none of the tensors it "
                "was computed from has requires_grad=True, or it was computed inside no_grad()"
            )
        seed = self._seed_gradient(grad)
        grads = {id(self): seed}  # ∂L/∂node for the nodes reached so far
        for node in reversed(_topological_order(self)):
            g = grads.pop(id(node), None)
            if g is None:
                continue
            if not node._inputs:  # a leaf: keep its gradient
                node._accumulate(g)
                continue
            for i, (parent, local) in enumerate(zip(node._inputs, node._backward, strict=True)):
                if parent.requires_grad:
                    key = id(parent)
                    # the chain rule: ∂L/∂parent += ∂L/∂node · ∂node/∂parent
                    step = partial(_chain_rule, local, g, parent.data.shape, grads.get(key))
                    grads[key] = trapped(step, f"backward of {node._op} (its input {i})",
                                         _BACKWARD_HINT)

    def _seed_gradient(self, grad) -> np.ndarray:
        if grad is None:
            if self.data.size != 1:
                raise ShapeError(
                    f"backward: this tensor has shape {self.shape} ({self.data.size} entries); a "
                    f"starting gradient can be created implicitly only for a scalar output. "
                    f"Reduce it to a scalar first (e.g. .sum() or .mean()), or pass "
                    f"grad=∂L/∂output, an array of shape {self.shape}"
                )
            return np.ones_like(self.data)
        g = _float_array(grad.data if isinstance(grad, Tensor) else grad, self.data.dtype,
                         "grad", "backward")
        if g.shape != self.shape:
            raise ShapeError(
                f"backward: grad has shape {g.shape} but this tensor has shape {self.shape}; "
                f"grad is ∂L/∂(this tensor) and must have its shape"
            )
        return g

    def _accumulate(self, g: np.ndarray) -> None:
        """Add a leaf's gradient into ``.grad``, in the leaf's own dtype."""
        if self.grad is None:
            # a copy: g may be a read-only broadcast view, or shared with another input
            self.grad = np.array(g, dtype=self.data.dtype)
        else:  # add to what earlier backward calls left
            total = trapped(lambda: self.grad + g, "backward (adding to a leaf's .grad)",
                            _BACKWARD_HINT)
            self.grad = total.astype(self.data.dtype, copy=False)
