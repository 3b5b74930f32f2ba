"""Checking ``axis`` arguments, so that a bad one gets our message and not NumPy's."""

from __future__ import annotations

import numbers

from ..errors import ParameterError, ShapeError

__all__ = ["normalize_axis", "normalize_axes"]


def normalize_axis(axis, shape: tuple[int, ...], name: str, op: str) -> int:
    """One axis index in ``[-ndim, ndim)``, returned in ``[0, ndim)``."""
    ndim = len(shape)
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise ParameterError(f"{op}: {name} must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        valid = f"{-ndim}..{ndim - 1}" if ndim else "none: the tensor is a scalar"
        raise ShapeError(
            f"{op}: {name}={axis} is out of range for a tensor of shape {shape} "
            f"({ndim} dimensions; valid: {valid})"
        )
    return int(axis) % ndim


def normalize_axes(axis, shape: tuple[int, ...], op: str) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple of ints) as a sorted tuple of distinct axes >= 0."""
    if axis is None:
        return tuple(range(len(shape)))
    if isinstance(axis, (tuple, list)):
        axes = tuple(normalize_axis(a, shape, "axis", op) for a in axis)
        if len(set(axes)) != len(axes):
            raise ParameterError(f"{op}: axis {tuple(axis)} names an axis twice")
        return tuple(sorted(axes))
    return (normalize_axis(axis, shape, "axis", op),)
