"""Values as the learner would type them, on one line: ``array([1.5, -2.0])``, ``3.5``.

A report quotes inputs, expected and actual values inside a sentence, so everything is one
line, floats read as Python writes them (``2.0``, not NumPy's ``2.``), and big arrays are
summarised with ``...``.

>>> import numpy as np
>>> show(np.array([[1.0, 2.0], [3.0, np.nan]]))
'array([[1.0, 2.0], [3.0, nan]])'
>>> show_call("dot", (np.array([1.5]), np.array([-2.0])), ["u", "v"])
'dot(u=array([1.5]), v=array([-2.0]))'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .protocol import Opaque, TooLarge

__all__ = ["show", "show_call", "describe"]

_MAX_CHARS = 1000
_FORMATTER = {
    "float_kind": lambda x: repr(float(x)),
    "complex_kind": lambda z: repr(complex(z)),
    "bool": lambda b: repr(bool(b)),
}


def _array(a: np.ndarray) -> str:
    if a.size == 0 and a.ndim > 1:
        return f"array([], shape={a.shape})"
    text = np.array2string(a, separator=", ", formatter=_FORMATTER, threshold=100,
                           edgeitems=3, max_line_width=10**9)
    return f"array({' '.join(text.split())})"


def show(value: Any) -> str:
    """One line of Python-like text for ``value`` (truncated past 1000 characters)."""
    text = _show(value)
    return text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 1] + "…"


def _show(value: Any) -> str:
    if value is None or isinstance(value, bool | str):
        return repr(value)
    if isinstance(value, np.bool_):
        return repr(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, complex | np.complexfloating):
        return repr(complex(value))
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, Opaque):
        return value.text
    if isinstance(value, TooLarge):
        shape = f" of shape {value.shape}" if value.shape is not None else ""
        return f"<a {value.type_name}{shape}, too large to show>"
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        items = ", ".join(f"{k}={_show(v)}" for k, v in zip(value._fields, value, strict=False))
        return f"{type(value).__name__}({items})"
    if isinstance(value, tuple):
        inner = ", ".join(_show(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value)


def show_call(function: str, args: Sequence[Any], names: Sequence[str] | None = None) -> str:
    """``f(u=..., v=...)`` with the learner's parameter names when known, else positional."""
    if names is not None and len(names) >= len(args):
        parts = [f"{name}={show(arg)}" for name, arg in zip(names, args, strict=False)]
    else:
        parts = [show(arg) for arg in args]
    return f"{function}({', '.join(parts)})"


def describe(value: Any) -> str:
    """What kind of thing ``value`` is, for sentences: ``an array of shape (3,)``.

    >>> describe([1.0, 2.0]), describe(None), describe(2.5)
    ('a list of 2 items', 'None', 'a number')
    """
    if value is None:
        return "None"
    if isinstance(value, bool | np.bool_):
        return "a bool"
    if isinstance(value, int | float | complex | np.number):
        return "a number"
    if isinstance(value, np.ndarray):
        return "a single number (a 0-d array)" if value.ndim == 0 else \
            f"an array of shape {value.shape}"
    if isinstance(value, str):
        return "text (a str)"
    if isinstance(value, Opaque):
        return f"{_article(value.type_name)} {value.type_name} object"
    if isinstance(value, TooLarge):
        return f"{_article(value.type_name)} {value.type_name} too large to compare"
    if isinstance(value, list | tuple):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return f"a {kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    name = type(value).__name__
    return f"{_article(name)} {name}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
