"""Numbers, vectors and matrices as LaTeX, and exact numbers as SymPy: shared by generators.

Generators compute with ``int`` and ``fractions.Fraction`` (exact, fast, no SymPy), then
turn the answer into SymPy (:func:`to_sympy`) and every number they show into LaTeX:
fractions as ``\\frac{a}{b}``, vectors as columns and matrices as ``bmatrix``.

    >>> from fractions import Fraction
    >>> tex(Fraction(-3, 4))
    '-\\\\frac{3}{4}'
    >>> tex_matrix([[1, 2], [3, 4]])
    '\\\\begin{bmatrix} 1 & 2 \\\\\\\\ 3 & 4 \\\\end{bmatrix}'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

__all__ = [
    "tex",
    "tex_factor",
    "tex_vector",
    "tex_matrix",
    "tex_augmented",
    "tex_value",
    "to_sympy",
    "plain",
]


def tex(x) -> str:
    """An int, Fraction or SymPy number as LaTeX (``-\\frac{3}{4}``, ``2 \\sqrt{2}``)."""
    if isinstance(x, bool):
        raise TypeError("tex: a bool is not a number here")
    if isinstance(x, int):
        return str(x)
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return str(x.numerator)
        sign = "-" if x < 0 else ""
        return rf"{sign}\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    import sympy

    if isinstance(x, sympy.Rational):  # the same text as the Fraction: -\frac{1}{3}
        return tex(Fraction(int(x.p), int(x.q)))
    return sympy.latex(x)


def tex_factor(x) -> str:
    """A number as a factor in a product: negative ones and fractions in brackets."""
    text = tex(x)
    return f"\\left({text}\\right)" if text.startswith("-") else text


def tex_vector(v) -> str:
    """A vector as a column: ``\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}``."""
    return r"\begin{bmatrix} " + r" \\ ".join(tex(x) for x in v) + r" \end{bmatrix}"


def tex_matrix(M) -> str:
    """A matrix (a list of rows) as a ``bmatrix``."""
    rows = [" & ".join(tex(x) for x in row) for row in M]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def tex_augmented(M, split: int) -> str:
    """A matrix with a bar before column ``split``: the augmented matrix [A | b]."""
    rows = []
    for row in M:
        left = " & ".join(tex(x) for x in row[:split])
        right = " & ".join(tex(x) for x in row[split:])
        rows.append(f"{left} & \\mid & {right}")
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def to_sympy(value) -> Any:
    """Ints and Fractions (or lists, or lists of lists of them) as exact SymPy numbers."""
    import sympy

    if isinstance(value, (list, tuple)):
        return [to_sympy(x) for x in value]
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int) and not isinstance(value, bool):
        return sympy.Integer(value)
    if isinstance(value, sympy.Basic):
        return value
    raise TypeError(f"to_sympy: expected ints, Fractions or SymPy numbers, got {value!r}")


def tex_value(value) -> str:
    """An answer (SymPy number, list, or list of rows) as LaTeX."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        return tex_matrix(value)
    if isinstance(value, list):
        return tex_vector(value)
    return tex(value)


def plain(value) -> str:
    """An answer as the plain text a learner would type (``[1/2, -3]``)."""
    from ..._expressions import format_value

    return format_value(value)
