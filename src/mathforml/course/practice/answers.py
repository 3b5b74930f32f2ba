"""Checking a typed answer against a problem's answer: every equivalent form is right.

The learner's text is read by :mod:`mathforml._expressions` (never evaluated as code),
then compared entry by entry with the canonical answer:

- An entry typed exactly (``1/2``, ``2/4``, ``sqrt(2)/2``, ``1/sqrt(2)``, ``2sqrt(2)``)
  must equal the answer exactly. SymPy's automatic simplification settles most forms
  at once; otherwise the difference is evaluated to 30 significant digits (SymPy's
  adaptive ``evalf``), and if it is below 10^-20 (relative), again in strict mode with
  up to 600 bits: a true zero never reaches a significant digit, a tiny nonzero
  difference does. So ``(1+sqrt(2))^2 - 2sqrt(2) - 3 + x`` is right for ``x`` and
  ``sqrt(2)/2 + 10^-25`` is not. Unlike ``simplify``, the evaluation always ends
  quickly, whatever was typed (the price: a difference below about 2^-600, relatively,
  counts as zero).
- An entry typed with decimals (``0.5``, ``0.7071``, ``-1.5e-3``) is a rounded value: it
  is right when it is within 10^-3 of the answer relatively (4 significant digits always
  suffice) *and* no further from it than one unit in the last digit typed, so ``0.7071``
  and ``0.70711`` are right for sqrt(2)/2 while ``0.70`` (1 % off) and ``5.004`` for 5
  are not. Typing more digits never hurts.
- An expression in variables (``kind == "expression"``) is compared at 12 fixed points
  with both signs (so ``sqrt(x^2)`` is not taken for ``x``), to 30 digits; points where
  either side is undefined are skipped, and at least 6 must remain. Unknown names never
  reach this stage: the reader refuses them (``2xcos(x^2)``: unknown name 'xcos').
- Vectors and matrices are compared entry by entry; a vector may also be typed as a
  column ``[1; 2]``. Values asked "in any order" (eigenvalues) are matched as a multiset.

A wrong answer gets the most specific message that applies: a predicted mistake of the
generator (the determinant with a plus sign), a different shape ("this is a number; the
answer is a vector of 2 entries"), a close value, the right entries in the wrong order,
the transpose, the opposite sign, or which entries are wrong. No message reveals the
answer: an interface shows ``problem.answer_text`` and the worked solution when it
decides to.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any

from ..._expressions import Inexact, format_value, parse_answer
from ...errors import ExpressionError
from .problem import AnswerCheck, Problem
from .render import to_sympy

__all__ = ["check_answer", "same_value", "RELATIVE_TOLERANCE", "EXACT_TOLERANCE"]

RELATIVE_TOLERANCE = Fraction(1, 1000)
"""How far (relatively) a decimal answer may be from the exact one: about 4 digits."""
EXACT_TOLERANCE = 1e-20
"""Below this relative difference, at 30 digits, two exact forms count as equal."""
_CLOSE = 0.05  # "close, but not equal" below this relative difference
_DIGITS = 30
_MIN_POINTS = 6

# Verdicts on one entry, best first.
EQUAL, ROUNDED, CLOSE, WRONG = "equal", "rounded", "close", "wrong"
_ACCEPTED = (EQUAL, ROUNDED)


# ------------------------------------------------------------------------- one entry


def _points(names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Twelve fixed points, entries in ±[0.3, 2.9] with both signs, not integers."""
    import sympy

    values = [sympy.Rational(k, 7) for k in (3, -5, 9, -11, 13, -16, 18, -20, 6, -8, 17, -19)]
    points = []
    for i in range(len(values)):
        # a different rotation of the values for each variable, so no point has x = y
        points.append({name: values[(i + 5 * j) % len(values)] for j, name in enumerate(names)})
    return points


def _number(value) -> complex | None:
    """A constant's value to 30 digits as a Python complex (None if it is not finite)."""
    try:
        result = complex(value.evalf(_DIGITS))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if result != result or abs(result) == float("inf"):  # NaN or infinity
        return None
    return result


def _difference(learner, expected) -> tuple[float, float] | None:
    """(|learner - expected|, |expected|) for constants, the difference to 30 digits."""
    import sympy

    try:
        difference = sympy.Add(learner, -expected).evalf(_DIGITS)
        size = abs(complex(difference))
        scale = abs(complex(expected.evalf(_DIGITS)))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if size != size or size == float("inf"):
        return None
    return size, scale


def _exactly_zero(difference) -> bool:
    """Whether a difference that evaluates to almost nothing is exactly zero.

    In strict mode ``evalf`` raises PrecisionExhausted (or returns 0) when no significant
    digit appears within ``maxn`` bits, which is what a true zero does; a tiny nonzero
    value comes back with its digits.
    """
    from sympy.core.evalf import PrecisionExhausted

    try:
        value = difference.evalf(_DIGITS, strict=True, maxn=600)
    except PrecisionExhausted:
        return True
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return False
    return value == 0


def _entry_verdict(learner, precision: Inexact | None, expected, names: tuple[str, ...]) -> str:
    """EQUAL, ROUNDED, CLOSE or WRONG for one learner entry against one expected entry."""
    if learner == expected:
        return EQUAL
    if learner.free_symbols or expected.free_symbols:
        return _expression_verdict(learner, precision, expected, names)
    measured = _difference(learner, expected)
    if measured is None:
        return WRONG
    size, scale = measured
    if size <= EXACT_TOLERANCE * max(1.0, scale) and _exactly_zero(learner - expected):
        return EQUAL
    relative = size / scale if scale > 0 else float("inf")
    if precision is not None and relative <= RELATIVE_TOLERANCE:
        if precision.last_place is None or size <= float(precision.last_place):
            return ROUNDED
    return CLOSE if relative <= _CLOSE else WRONG


def _expression_verdict(learner, precision, expected, names: tuple[str, ...]) -> str:
    """Compare two expressions at fixed points (numbers substituted by variable name).

    Stops at the first point where they differ by more than "close": a wrong answer
    costs one or two evaluations, a right one all twelve.
    """
    symbols = learner.free_symbols | expected.free_symbols
    if {s.name for s in symbols} - set(names):
        return WRONG  # cannot happen for parsed answers: the reader refuses unknown names
    compared, worst = 0, 0.0
    for point in _points(tuple(sorted({s.name for s in symbols}))):
        # by name: the same letter with other assumptions is the same variable here
        substitution = {s: point[s.name] for s in symbols}
        a = _number(learner.xreplace(substitution))
        b = _number(expected.xreplace(substitution))
        if a is None or b is None:
            continue
        compared += 1
        worst = max(worst, abs(a - b) / max(1.0, abs(b)))
        if worst > _CLOSE:
            return WRONG
    if compared < _MIN_POINTS:
        return WRONG
    if worst <= 1e-12:  # 30-digit evaluation of both sides; 1e-12 leaves room for cancellation
        return EQUAL
    if precision is not None and worst <= RELATIVE_TOLERANCE:
        return ROUNDED
    return CLOSE


# ------------------------------------------------------------------------- shapes


def _shape(value) -> tuple[int, ...]:
    if not isinstance(value, list):
        return ()
    if value and isinstance(value[0], list):
        return (len(value), len(value[0]))
    return (len(value),)


def _flat(value) -> list:
    if not isinstance(value, list):
        return [value]
    if value and isinstance(value[0], list):
        return [entry for row in value for entry in row]
    return list(value)


def _describe(shape: tuple[int, ...], unordered: bool = False) -> str:
    if shape == ():
        return "one number"
    if len(shape) == 1:
        if unordered:
            return f"{shape[0]} numbers"
        return f"a vector of {shape[0]} entries" if shape[0] != 1 else "a list of 1 entry"
    return f"a {shape[0]}x{shape[1]} matrix"


def _example(shape: tuple[int, ...], unordered: bool) -> str:
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    if len(shape) == 1:
        entries = ", ".join(next(letters) for _ in range(shape[0]))
        return entries if unordered else f"[{entries}]"
    rows = ["[" + ", ".join(next(letters) for _ in range(shape[1])) + "]" for _ in range(shape[0])]
    return "[" + ", ".join(rows) + "]"


def _conform(value, precision, shape: tuple[int, ...]):
    """The learner's value read in the expected shape, or None if it has another shape.

    A row or a column typed as a matrix (``[1; 2]``) counts as a vector.
    """
    own = _shape(value)
    if own == shape:
        return value, precision
    if len(shape) == 1 and len(own) == 2 and 1 in own and own[0] * own[1] == shape[0]:
        return _flat(value), _flat(precision)
    return None


# ------------------------------------------------------------------------- comparing


def _verdicts(learner, precision, expected, names, unordered: bool) -> list[str]:
    """Entry verdicts for same-shaped values (for unordered values, the best pairing)."""
    pairs = list(zip(_flat(learner), _flat(precision), strict=True))
    targets = _flat(expected)
    if not unordered or len(targets) > 6:
        return [_entry_verdict(v, p, t, names) for (v, p), t in zip(pairs, targets, strict=True)]
    table = [[_entry_verdict(v, p, t, names) for t in targets] for v, p in pairs]
    rank = {EQUAL: 0, ROUNDED: 0, CLOSE: 1, WRONG: 2}
    best = min(
        itertools.permutations(range(len(targets))),
        key=lambda order: sum(rank[table[i][j]] for i, j in enumerate(order)),
    )
    return [table[i][j] for i, j in enumerate(best)]


def _matches(learner, precision, target, names, unordered: bool) -> bool:
    conformed = _conform(learner, precision, _shape(target))
    if conformed is None:
        return False
    verdicts = _verdicts(*conformed, target, names, unordered)
    return all(v in _ACCEPTED for v in verdicts)


def _negate(value):
    if isinstance(value, list):
        return [_negate(entry) for entry in value]
    return -value


def _transpose(value):
    return [list(column) for column in zip(*value, strict=True)]


def _positions(indices: list[int], shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        names = [str(i + 1) for i in indices]
        noun = "entry" if len(names) == 1 else "entries"
    else:
        names = [f"(row {i // shape[1] + 1}, column {i % shape[1] + 1})" for i in indices]
        noun = "entry" if len(names) == 1 else "entries"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{noun} {listed}"


def _diagnose(learner, precision, expected, problem: Problem) -> str:
    """The most specific message for a same-shaped wrong answer."""
    names = problem.variables
    unordered = problem.kind == "unordered"
    shape = _shape(expected)
    verdicts = _verdicts(learner, precision, expected, names, unordered)
    wrong = [i for i, v in enumerate(verdicts) if v not in _ACCEPTED]
    close = [i for i in wrong if verdicts[i] == CLOSE]
    digits = "give 4 significant digits or the exact value"
    if shape == ():
        if verdicts[0] == CLOSE:
            return f"close, but not equal ({digits})"
        if expected != 0 and _matches(learner, precision, _negate(expected), names, False):
            return "the sign is wrong"
        return "not correct"
    if unordered:
        if len(close) == len(wrong):
            return f"close, but not equal ({digits})"
        count = len(wrong)
        total = len(verdicts)
        return f"{count} of the {total} values {'is' if count == 1 else 'are'} wrong"
    if len(close) == len(wrong):
        return f"close, but not equal: {_positions(close, shape)} ({digits})"
    if len(shape) == 1 and len(verdicts) > 1 and _matches(learner, precision, expected, names,
                                                          True):
        return "the entries are right but in the wrong order"
    if len(shape) == 2 and shape[0] == shape[1] and _matches(
        learner, precision, _transpose(expected), names, False
    ):
        return "this is the transpose of the answer: rows and columns are swapped"
    if any(e != 0 for e in _flat(expected)) and _matches(
        learner, precision, _negate(expected), names, False
    ):
        return "every entry has the wrong sign"
    if len(wrong) == len(verdicts):
        return f"all {len(verdicts)} entries are wrong"
    return f"{_positions(wrong, shape)} {'is' if len(wrong) == 1 else 'are'} wrong"


def _decimal(value, last_place: Fraction) -> str | None:
    """A rational typed as a decimal, written back with the places typed (0.70, not 7/10)."""
    if not value.is_Rational or last_place.numerator != 1:
        return None
    places = len(str(last_place.denominator)) - 1  # last_place = 10^-places
    scaled = Fraction(int(value.p), int(value.q)) * 10**places
    if scaled.denominator != 1:
        return None
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def _shown(value, precision) -> str:
    """The learner's answer as understood, decimals written as typed."""
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v, p) for v, p in zip(value, precision, strict=True)) + "]"
    if isinstance(precision, Inexact) and precision.last_place is not None:
        written = _decimal(value, precision.last_place)
        if written is not None:
            return written
    return format_value(value)


_UNIT = re.compile(r"\s*(?P<unit>°|degrees?|deg|radians?|rad)\s*$")


def _strip_unit(problem: Problem, text: str) -> tuple[str, str | None]:
    """Remove a trailing unit that matches ``problem.unit``; a message if it does not."""
    if problem.unit is None:
        return text, None
    match = _UNIT.search(text)
    if match is None:
        return text, None
    typed = "radians" if match.group("unit").startswith("rad") else "degrees"
    if typed != problem.unit:
        conversion = "180° = pi radians"
        return text, f"this is in {typed}; the question asks for {problem.unit} ({conversion})"
    return text[: match.start()], None


def check_answer(problem: Problem, text: str) -> AnswerCheck:
    """Whether ``text`` is a right answer to ``problem``, and a message that says why.

    Parameters
    ----------
    problem : Problem
        From :func:`~mathforml.course.practice.generate`.
    text : str
        What the learner typed (``problem.answer_format`` says what is expected).

    Returns
    -------
    AnswerCheck
        ``correct``, ``message`` (never revealing the answer), ``parsed`` (the answer as
        understood, in plain text, or None if it could not be read), ``mistake`` (the
        name of a predicted mistake, or None) and ``retry`` (True when the text was not
        an attempt at this question: unreadable, another shape or another unit).

    Examples
    --------
    >>> from mathforml.course.practice import generate
    >>> problem = generate("dot_product", seed=1)
    >>> check_answer(problem, problem.answer_text).correct
    True
    >>> check_answer(problem, "2xcos(x)").message
    "unknown name 'xcos' at column 2 (the names you can use here are pi, e, sqrt, exp, ..."
    """
    if not isinstance(text, str):
        raise TypeError(f"check_answer: text must be a str, got {type(text).__name__}")
    text, unit_message = _strip_unit(problem, text.strip())
    if unit_message is not None:
        return AnswerCheck(False, unit_message, None, retry=True)
    if not text.strip():
        return AnswerCheck(False, f"nothing typed: give {problem.answer_format}", None,
                           retry=True)
    try:
        parsed = parse_answer(text, problem.variables)
    except ExpressionError as error:
        return AnswerCheck(False, str(error), None, retry=True)
    shown = _shown(parsed.value, parsed.precision)
    names = problem.variables
    unordered = problem.kind == "unordered"
    expected = to_sympy(problem.answer)  # ints and Fractions are welcome too

    conformed = _conform(parsed.value, parsed.precision, _shape(expected))
    if conformed is not None:
        verdicts = _verdicts(*conformed, expected, names, unordered)
        if all(v in _ACCEPTED for v in verdicts):
            if all(v == EQUAL for v in verdicts):
                return AnswerCheck(True, "correct", shown)
            return AnswerCheck(
                True, f"correct to the digits you typed (exact: {problem.answer_text})", shown
            )
    for mistake in problem.mistakes:
        if _matches(parsed.value, parsed.precision, to_sympy(mistake.value), names, unordered):
            return AnswerCheck(
                False, mistake.message, shown, mistake=mistake.name, retry=mistake.retry
            )
    if conformed is None:
        shape = _shape(expected)
        message = (
            f"this is {_describe(_shape(parsed.value))}; the answer is "
            f"{_describe(shape, unordered)}"
        )
        if shape != ():
            message += f" (write it as {_example(shape, unordered)})"
        return AnswerCheck(False, message, shown, retry=True)
    return AnswerCheck(False, _diagnose(*conformed, expected, problem), shown)


def same_value(a, b, unordered: bool = False, variables: tuple[str, ...] = ()) -> bool:
    """Whether two exact values (numbers, lists, lists of rows) are equal, as multisets
    when ``unordered``; values of different shapes are different."""
    if _shape(a) != _shape(b):
        return False
    verdicts = _verdicts(a, _precision_like(a), b, variables, unordered)
    return all(v == EQUAL for v in verdicts)


def _precision_like(value):
    if isinstance(value, list):
        return [_precision_like(entry) for entry in value]
    return None
