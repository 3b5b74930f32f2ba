"""The verdict of one check: a frozen :class:`Report` and its plain-JSON form.

The CLI renders a Report with Rich, ``check --json`` prints ``report.to_dict()`` and the
web app sends the same dict: every field is already decided here, so the verdict reads
the same everywhere.

>>> report = Report(status="passed", message="`dot` passed 100 generated inputs.",
...                 function="dot", path="dot_product.py", seed=0, examples_run=100)
>>> report.passed, report.to_dict()["examples_run"]
(True, 100)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np

from .protocol import Opaque, TooLarge

__all__ = ["Status", "STATUSES", "Frame", "LearnerTraceback", "MisconceptionMatch", "Report",
           "plain"]

Status = Literal["passed", "failed", "error", "not_implemented", "syntax_error",
                 "missing_function", "forbidden", "timeout", "crashed", "output_limit",
                 "missing_file"]
STATUSES: tuple[str, ...] = Status.__args__
"""Every status, in the order a learner meets them least to most often, roughly."""


@dataclass(frozen=True)
class Frame:
    """One line of the learner's own code in a traceback (``column`` is 1-based or None)."""

    file: str
    line: int
    function: str
    source: str
    column: int | None = None


@dataclass(frozen=True)
class LearnerTraceback:
    """Where the learner's code was when it raised (or when it was stopped).

    ``frames`` holds only frames of the learner's file, outermost first; a long recursion
    keeps its first and last five and counts the rest in ``omitted``.
    """

    exception: str
    message: str
    frames: tuple[Frame, ...] = ()
    omitted: int = 0

    def format(self) -> str:
        """Python's traceback layout, the learner's lines only.

        >>> tb = LearnerTraceback("ZeroDivisionError", "division by zero",
        ...                       (Frame("dot.py", 4, "dot", "return total / 0"),))
        >>> print(tb.format())
        Traceback (your code only):
          File "dot.py", line 4, in dot
            return total / 0
        ZeroDivisionError: division by zero
        """
        lines = ["Traceback (your code only):"]
        half = len(self.frames) // 2 if self.omitted else len(self.frames)
        for i, frame in enumerate(self.frames):
            if self.omitted and i == half:
                lines.append(f"  ... {self.omitted} more frames of the same kind ...")
            lines.append(f'  File "{frame.file}", line {frame.line}, in {frame.function}')
            if frame.source:
                lines.append(f"    {frame.source.strip()}")
        lines.append(f"{self.exception}: {self.message}" if self.message else self.exception)
        return "\n".join(lines)


@dataclass(frozen=True)
class MisconceptionMatch:
    """The known wrong idea that explains the learner's result: its name and advice."""

    name: str
    message: str


@dataclass(frozen=True)
class Report:
    """The outcome of grading one file.

    ``status`` is one of :data:`STATUSES`; ``message`` one line for the learner. For a
    wrong value, an error or a stop on one input, ``call`` shows that input as the learner
    would call the function (the smallest failing one after shrinking), ``expected`` and
    ``actual`` are one-line texts and ``expected_value``/``actual_value``/``arguments``
    the same values as plain JSON. ``line``/``column``/``source_line`` point into the
    learner's file (syntax errors, forbidden names, the line that raised or looped).
    ``output`` is the end of what the learner printed on the reported input (or while the
    file loaded), at most 2 KB. ``duration`` is in seconds.
    """

    status: Status
    message: str
    function: str
    path: str
    seed: int
    examples_run: int = 0
    duration: float = 0.0
    call: str | None = None
    arguments: tuple[Any, ...] | None = None
    expected: str | None = None
    actual: str | None = None
    expected_value: Any = None
    actual_value: Any = None
    difference: str | None = None
    misconception: MisconceptionMatch | None = None
    traceback: LearnerTraceback | None = None
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    output: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (``json.dumps(..., allow_nan=False)`` works)."""
        out: dict[str, Any] = {"passed": self.passed}
        for f in fields(self):
            out[f.name] = _jsonable(getattr(self, f.name))
        return out

    def text(self) -> str:
        """The whole report as plain text, for terminals without Rich and for logs."""
        lines = [f"[{self.status}] {self.message}"]
        if self.source_line is not None and self.line is not None:
            lines.append(f"  {self.path}:{self.line}: {self.source_line.strip()}")
        for label, value in (("call", self.call), ("expected", self.expected),
                             ("actual", self.actual), ("difference", self.difference)):
            if value is not None:
                lines.append(f"  {label + ':':<11} {value}")
        if self.misconception is not None:
            lines.append(f"  likely misconception, {self.misconception.name}: "
                         f"{self.misconception.message}")
        if self.traceback is not None:
            lines.append(self.traceback.format())
        if self.output:
            lines.append("  output:")
            lines.extend(f"    {line}" for line in self.output.splitlines())
        return "\n".join(lines)


def _jsonable(value: Any) -> Any:
    if isinstance(value, MisconceptionMatch | LearnerTraceback | Frame):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def plain(value: Any) -> Any:
    """``value`` as plain JSON data: arrays as nested lists, NaN and infinities as strings.

    >>> import numpy as np
    >>> plain((np.array([1.5, np.inf]), np.float64(2.0), 3))
    [[1.5, 'inf'], 2.0, 3]
    """
    if isinstance(value, np.generic):  # first: numpy.float64 is a float subclass
        return plain(value.item())
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, complex):
        return {"re": plain(value.real), "im": plain(value.imag)}
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Opaque):
        return {"type": value.type_name, "repr": value.text}
    if isinstance(value, TooLarge):
        return {"type": value.type_name, "shape": list(value.shape or ()), "too_large": True}
    return repr(value)
