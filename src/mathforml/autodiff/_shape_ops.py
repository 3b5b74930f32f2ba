"""Shape operations: reshape, transpose, permute, ``.T`` and indexing.

They move entries around without changing any, so their derivatives move the
gradient back the same way: reshape it back, transpose it back, or scatter it
back into a zero array at the places that were read. Reading an entry twice
(``x[[0, 0]]``) sends it two gradients, which must be added: ``np.add.at``
does that, where ``z[idx] += g`` would keep only one of them.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..errors import ParameterError, ShapeError
from ._axes import normalize_axis

__all__ = ["ShapeOps"]


def _shape_argument(shape, op: str) -> tuple[int, ...]:
    """``reshape(2, 3)`` and ``reshape((2, 3))`` both give (2, 3)."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    for n in shape:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise ParameterError(f"{op}: the new shape must hold integers, got {shape!r}")
    return tuple(int(n) for n in shape)


def _index_data(index, tensor_type):
    """An index with any tensor inside replaced by its values, as integers."""

    def plain(i):
        if isinstance(i, tensor_type):
            values = i.data
            as_int = values.astype(np.intp)
            if not np.array_equal(as_int, values):
                raise ParameterError(
                    "getitem: a Tensor used as an index must hold whole numbers, got "
                    f"{values!r}"
                )
            return as_int
        return i

    return tuple(plain(i) for i in index) if isinstance(index, tuple) else plain(index)


def _has_integer_array(index) -> bool:
    """Whether the index picks entries by integer arrays, which may pick one entry twice."""
    parts = index if isinstance(index, tuple) else (index,)
    for i in parts:
        if isinstance(i, (list, np.ndarray)) and np.asarray(i).dtype.kind in "iu":
            return True
    return False


class ShapeOps:
    """The shape operations of :class:`Tensor` (a mixin: ``self`` is always a Tensor)."""

    __slots__ = ()

    def reshape(self, *shape):
        """The same entries in a new shape (C order, as ``np.reshape``; one size may be -1)."""
        new = _shape_argument(shape, "reshape")
        old = self.shape
        try:
            out = self.data.reshape(new)
        except ValueError:
            raise ShapeError(
                f"reshape: cannot reshape a tensor of shape {old} ({self.data.size} entries) "
                f"into shape {new}; the number of entries must stay the same"
            ) from None
        return self._from_op(out, "reshape", (self,), (lambda g: g.reshape(old),))

    def transpose(self, dim0: int = -2, dim1: int = -1):
        """Swap two axes (default: the last two, the matrix transpose), like ``torch.transpose``."""
        a = normalize_axis(dim0, self.shape, "dim0", "transpose")
        b = normalize_axis(dim1, self.shape, "dim1", "transpose")
        # a swap is its own inverse
        return self._from_op(np.swapaxes(self.data, a, b), "transpose", (self,),
                             (lambda g: np.swapaxes(g, a, b),))

    def permute(self, *dims):
        """Reorder the axes: axis i of the result is axis ``dims[i]`` of this tensor."""
        dims = _shape_argument(dims, "permute")
        axes = tuple(normalize_axis(d, self.shape, "dims", "permute") for d in dims)
        if sorted(axes) != list(range(self.ndim)):
            raise ShapeError(
                f"permute: dims {dims} must name each of the {self.ndim} axes of a tensor of "
                f"shape {self.shape} exactly once"
            )
        inverse = tuple(np.argsort(axes))  # undoes the permutation
        return self._from_op(np.transpose(self.data, axes), "permute", (self,),
                             (lambda g: np.transpose(g, inverse),))

    @property
    def T(self):
        """All axes reversed (for a matrix, the transpose), like ``ndarray.T``."""
        return self.permute(*reversed(range(self.ndim)))

    def __getitem__(self, index):
        """NumPy indexing: ints, slices, None, ``...``, boolean masks and integer arrays."""
        index = _index_data(index, type(self))
        x = self.data
        try:
            out = x[index]
        except IndexError as exc:
            raise ShapeError(f"getitem: {exc} (the tensor has shape {x.shape})") from None
        repeats_possible = _has_integer_array(index)

        def grad(g):
            z = np.zeros_like(x)
            if repeats_possible:
                np.add.at(z, index, g)  # an entry read k times gets the sum of k gradients
            else:
                z[index] = g  # slices and masks read each entry at most once
            return z

        return self._from_op(out, "getitem", (self,), (grad,))
