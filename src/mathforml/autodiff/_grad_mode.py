"""Switching the graph off: ``no_grad()``, for evaluation and for updates made by hand.

Every operation on a tensor that requires a gradient records itself in the
graph, so that :meth:`Tensor.backward` can walk it back. Inside ``no_grad()``
nothing is recorded: results are plain tensors with ``requires_grad=False``,
which saves the memory the graph would hold (each node keeps its inputs alive)
and the time of building it. Use it to evaluate a model on test data, or to
update weights by hand (``w.data -= lr * w.grad`` needs no graph at all).

The switch is per thread, as in PyTorch.
"""

from __future__ import annotations

import functools
import threading

__all__ = ["no_grad", "is_grad_enabled"]


class _GradMode(threading.local):
    enabled = True  # the class attribute is each thread's starting value


_mode = _GradMode()


def is_grad_enabled() -> bool:
    """Whether operations record themselves in the graph (False inside ``no_grad()``).

    Returns
    -------
    bool
        True unless the current thread is inside a ``no_grad()`` block.

    See Also
    --------
    no_grad : the context manager that switches recording off.

    Examples
    --------
    >>> is_grad_enabled()
    True
    >>> with no_grad():
    ...     is_grad_enabled()
    False
    """
    return _mode.enabled


class no_grad:  # lower case, like torch.no_grad: ``with no_grad():`` reads as a statement
    """Context manager (or decorator) in which no operation is recorded for backward.

    Results computed inside have ``requires_grad=False`` and no link to their
    inputs, whatever the inputs; tensors created inside keep the
    ``requires_grad`` they are given. Blocks nest; on leaving one, the previous
    setting comes back, even after an exception. Use it as ``with no_grad():``
    or as the decorator ``@no_grad()``.

    See Also
    --------
    is_grad_enabled : the current setting.
    Tensor.detach : one tensor cut from the graph.

    Examples
    --------
    >>> from mathforml.autodiff import Tensor
    >>> w = Tensor([1.0, 2.0], requires_grad=True)
    >>> with no_grad():
    ...     y = (w * 3).sum()
    >>> y.requires_grad
    False
    """

    def __init__(self) -> None:
        self._previous: list[bool] = []  # a stack, so one instance can be re-entered

    def __enter__(self) -> no_grad:
        self._previous.append(_mode.enabled)
        _mode.enabled = False
        return self

    def __exit__(self, *exc_info) -> None:
        _mode.enabled = self._previous.pop()

    def __call__(self, func):
        @functools.wraps(func)
        def run_without_grad(*args, **kwargs):
            with no_grad():
                return func(*args, **kwargs)

        return run_without_grad
