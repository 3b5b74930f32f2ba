"""Steps as data: the working of a computation, for the CLI and the web app to render.

Library functions that can show their working return a list of these small,
frozen dataclasses. They hold numbers and names only; turning them into text or
pictures is the interfaces' job, never the library's.

Row operations (used by ``linalg.rref``), each recording the matrix after it:

    >>> import numpy as np
    >>> step = RowSwap(i=0, j=1, matrix=np.eye(2)[::-1])
    >>> step.kind
    'swap'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["Step", "RowSwap", "RowScale", "RowAdd"]


@dataclass(frozen=True)
class Step:
    """Base class of every step. ``kind`` is a short machine-readable tag."""

    kind: str = field(init=False, default="step")


@dataclass(frozen=True)
class RowSwap(Step):
    """Swap rows ``i`` and ``j``: R_i <-> R_j."""

    i: int
    j: int
    matrix: np.ndarray = field(repr=False, compare=False)
    kind: str = field(init=False, default="swap")


@dataclass(frozen=True)
class RowScale(Step):
    """Multiply row ``i`` by ``factor``: R_i <- factor * R_i."""

    i: int
    factor: float
    matrix: np.ndarray = field(repr=False, compare=False)
    kind: str = field(init=False, default="scale")


@dataclass(frozen=True)
class RowAdd(Step):
    """Add ``factor`` times row ``source`` to row ``target``: R_t <- R_t + factor * R_s."""

    target: int
    source: int
    factor: float
    matrix: np.ndarray = field(repr=False, compare=False)
    kind: str = field(init=False, default="add")
