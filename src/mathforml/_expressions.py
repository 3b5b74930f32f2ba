"""Reading typed mathematics safely: learner text to SymPy objects, never through ``eval``.

SymPy's ``parse_expr`` and ``sympify`` run Python's ``eval`` on the text, so a learner's
answer ``__import__('os').system(...)`` would run. This module reads the text itself:
a tokenizer that knows a fixed set of characters and names, and a small Pratt parser
(operator precedence by binding power) that builds SymPy objects directly. Nothing the
learner types is ever executed, imported or looked up as a Python attribute.

What can be written
-------------------
- numbers: ``3``, ``-2``, ``0.25``, ``.5``, ``1e-3``, ``2.5E4``; a decimal is read as the
  exact fraction it spells (``0.1`` is 1/10), and :func:`parse_answer` remembers that it
  was typed as a decimal (see :class:`Inexact`);
- ``+ - * /``, powers ``^`` or ``**`` (right to left: ``2^3^2`` is 2^9), brackets ``( )``,
  unary minus (``-x^2`` is -(x²), ``2^-1`` is 1/2);
- the functions ``sqrt exp log ln sin cos tan abs``, always with brackets: ``sin(x)``,
  never ``sin x``; ``log`` and ``ln`` are both the natural logarithm;
- the constants ``pi`` and ``e``, and the variables the caller allows;
- Unicode that people paste: ``π``, ``√2`` (``√`` takes what follows up to a product:
  ``√x^2`` is √(x²), ``2√3`` is 2·√3), ``x²``, ``x³``, ``×``, ``·``, ``÷``, the minus
  sign ``−``;
- lists ``[1, 2]``, ``(1, 2)`` or ``1, 2``; matrices ``[[1, 2], [3, 4]]``,
  ``[1, 2; 3, 4]`` or ``[1 2; 3 4]`` (MATLAB style, see below), a column ``[1; 2]``.

Multiplication may be left out where nothing else can be meant: ``2x``, ``2 x``,
``2(x+1)``, ``2sqrt(2)``, ``2pi``, ``(a)(b)``, ``x y``, ``x(x+1)`` (``x`` is a variable,
not a function). It binds like ``*``. It is refused where readers disagree:

- after a division, ``1/2x`` (is it x/2 or 1/(2x)?): write ``(1/2)x`` or ``1/(2x)``;
- after a power, ``e^2x`` (is it e²·x or e^(2x)?): write ``e^(2x)`` or ``e^2*x``;
- a number after something, ``x 2`` or ``2 3``: write ``*`` (or ``,`` between entries);
- names run together, ``xy`` or ``2xcos(x)``: a name is one word, so ``xcos`` is an unknown
  name and the error suggests ``x*cos(...)`` (SymPy's implicit multiplication would read
  it as c·o·s·x, a silent wrong answer).

Inside square brackets with no comma (``[1 2; 3 4]``), spaces separate entries as in
MATLAB: ``[1 -2]`` is two entries, ``[1 - 2]`` is one (-1), ``[2x 3]`` is two. With a
comma anywhere in the brackets, spaces mean what they mean everywhere else.

Limits, so that no input hangs or fills memory: at most ``MAX_LENGTH`` characters and
``MAX_TOKENS`` tokens, brackets and operators nested at most ``MAX_DEPTH`` deep, every
number (typed or computed) at most 10^``MAX_DIGITS`` in size, exponents at most
``MAX_EXPONENT``. A power of numbers is checked *before* SymPy computes it
(``9^9^9^9`` and ``10^1000000`` are refused at once).

Every refusal is an :class:`~mathforml.errors.ExpressionError` whose message says what
and where (1-based column), and whose ``column`` attribute holds that column (or None)::

    >>> parse_expression("2*x*cos(x^2)")
    2*x*cos(x**2)
    >>> parse_expression("2xcos(x^2)")
    Traceback (most recent call last):
    ...
    mathforml.errors.ExpressionError: unknown name 'xcos' at column 2 (write x*cos(...))
    >>> parse_value("[1 2; 3 4]")
    [[1, 2], [3, 4]]

SymPy is imported inside the functions (it takes about 0.4 s), so importing this module
is free.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NamedTuple

from .errors import ExpressionError, ParameterError

__all__ = [
    "parse_expression",
    "parse_value",
    "parse_answer",
    "format_value",
    "ParsedAnswer",
    "Inexact",
    "FUNCTIONS",
    "CONSTANTS",
    "MAX_LENGTH",
    "MAX_TOKENS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPONENT",
]

MAX_LENGTH = 2000
"""Longest text accepted, in characters (checked before anything else)."""
MAX_TOKENS = 500
"""Most tokens (numbers, names, operators, brackets) in one text."""
MAX_DEPTH = 40
"""Deepest nesting of brackets, unary signs and powers."""
MAX_DIGITS = 100
"""Largest size of any number, typed or computed: at most 10^100 in absolute value."""
MAX_EXPONENT = 1000
"""Largest exponent (in absolute value) of a power."""

FUNCTIONS = ("sqrt", "exp", "log", "ln", "sin", "cos", "tan", "abs")
"""The functions a text may call (each with one argument, in brackets)."""
CONSTANTS = ("pi", "e")
"""The constants a text may name (``π`` is ``pi``)."""

# Characters people paste from typeset mathematics, mapped onto what they mean.
_OPERATOR_ALIASES = {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/"}
_SUPERSCRIPTS = {"²": 2, "³": 3}
_NUMBER = re.compile(r"(?P<mantissa>\d+\.?\d*|\.\d+)(?:[eE](?P<exponent>[+-]?\d+))?", re.ASCII)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WHITESPACE = " \t\r\n"
_DIGITS = frozenset("0123456789")  # str.isdigit() would also take '²' and '١'
_MAX_LITERAL_DIGITS = 60


def _error(message: str, column: int | None) -> ExpressionError:
    """An ExpressionError carrying the (1-based) column it points at."""
    error = ExpressionError(message)
    error.column = column
    return error


# ------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Inexact:
    """An entry that holds numbers typed as decimals (``0.7071``, ``1e-3``).

    ``last_place`` is one unit in the last digit typed, as an exact fraction, when the
    entry is a lone (possibly signed) decimal number: 1/10000 for ``0.7071`` and for
    ``7.071e-1`` (three places after the point, times 10^-1). It is None when decimals
    appear inside a larger expression (``1.414/2``). Answer checking uses it to accept a
    correctly rounded value and no more.
    """

    last_place: Fraction | None


@dataclass(frozen=True)
class ParsedAnswer:
    """What :func:`parse_answer` returns.

    ``value`` is what :func:`parse_value` returns: a SymPy expression, a list of them
    (a vector) or a list of equal-length lists (a matrix, row by row). ``precision``
    has the same shape, with ``None`` for each entry typed exactly and an
    :class:`Inexact` for each entry holding decimals.
    """

    value: Any
    precision: Any


# ------------------------------------------------------------------------- tokens


class _Token(NamedTuple):
    kind: str  # num name op sup sqrt ( ) [ ] , ; end
    text: str  # the canonical text: "-" for "−", "^" for "**", "pi" for "π"
    column: int  # 1-based
    space_before: bool
    source: str  # exactly what was typed


def _describe_character(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    if char.isprintable() and not char.isspace():
        return f"{char!r} ({code} {name})" if name else f"{char!r} ({code})"
    return f"{code} {name}".strip()


def _tokenize(text: str) -> list[_Token]:
    """Split ``text`` into tokens; anything outside the whitelist is refused here."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    space = False
    while i < n:
        char = text[i]
        column = i + 1
        if char in _WHITESPACE:
            space = True
            i += 1
            continue
        if len(tokens) >= MAX_TOKENS:
            raise _error(f"too long: more than {MAX_TOKENS} numbers, names and symbols", column)
        if char in _DIGITS or (char == "." and text[i + 1 : i + 2] in _DIGITS):
            match = _NUMBER.match(text, i)
            tokens.append(_Token("num", match.group(0), column, space, match.group(0)))
            i = match.end()
        elif char.isascii() and (char.isalpha() or char == "_"):
            match = _NAME.match(text, i)
            tokens.append(_Token("name", match.group(0), column, space, match.group(0)))
            i = match.end()
        elif char == "π":
            tokens.append(_Token("name", "pi", column, space, char))
            i += 1
        elif char == "*" and text[i + 1 : i + 2] == "*":
            tokens.append(_Token("op", "^", column, space, "**"))
            i += 2
        elif char in "+-*/^":
            tokens.append(_Token("op", char, column, space, char))
            i += 1
        elif char in _OPERATOR_ALIASES:
            tokens.append(_Token("op", _OPERATOR_ALIASES[char], column, space, char))
            i += 1
        elif char in _SUPERSCRIPTS:
            tokens.append(_Token("sup", char, column, space, char))
            i += 1
        elif char == "√":
            tokens.append(_Token("sqrt", char, column, space, char))
            i += 1
        elif char in "()[],;":
            tokens.append(_Token(char, char, column, space, char))
            i += 1
        else:
            hint = ""
            if char == "=":
                hint = " (type only the answer, not an equation)"
            elif char == ".":
                hint = " (a '.' belongs inside a number, like 0.5)"
            raise _error(
                f"unexpected character {_describe_character(char)} at column {column}{hint}",
                column,
            )
        space = False
    tokens.append(_Token("end", "", n + 1, space, ""))
    return tokens


class _Group(NamedTuple):
    close: int  # index of the closing token
    has_comma: bool  # a comma directly inside (not inside a nested bracket)
    has_semicolon: bool


def _match_brackets(tokens: list[_Token]) -> dict[int, _Group]:
    """Pair every opening bracket with its closing one (clear errors for strays)."""
    pairs = {")": "(", "]": "["}
    stack: list[list] = []  # [index, has_comma, has_semicolon]
    groups: dict[int, _Group] = {}
    for index, token in enumerate(tokens):
        if token.kind in ("(", "["):
            stack.append([index, False, False])
            if len(stack) > MAX_DEPTH:
                raise _error(
                    f"brackets nested too deeply (more than {MAX_DEPTH} levels) at column "
                    f"{token.column}",
                    token.column,
                )
        elif token.kind in (")", "]"):
            if not stack:
                raise _error(
                    f"'{token.kind}' at column {token.column} closes no bracket", token.column
                )
            opener = tokens[stack[-1][0]]
            if opener.kind != pairs[token.kind]:
                raise _error(
                    f"'{token.kind}' at column {token.column} does not match "
                    f"'{opener.kind}' at column {opener.column}",
                    token.column,
                )
            index_open, comma, semicolon = stack.pop()
            groups[index_open] = _Group(index, comma, semicolon)
        elif token.kind == "," and stack:
            stack[-1][1] = True
        elif token.kind == ";" and stack:
            stack[-1][2] = True
    if stack:
        opener = tokens[stack[-1][0]]
        closer = ")" if opener.kind == "(" else "]"
        raise _error(
            f"'{opener.kind}' at column {opener.column} is never closed (add '{closer}')",
            opener.column,
        )
    return groups


# ------------------------------------------------------------------------- the parser

_PRIMARY_START = {"num", "name", "(", "sqrt"}
_BINARY_POWER = {"+": 10, "-": 10, "*": 20, "/": 20, "^": 40}
_IMPLICIT = 20  # implicit multiplication binds like *
_UNARY = 30  # -x^2 is -(x^2), -2*3 is (-2)*3
_ROOT = 35  # √x^2 is √(x^2), 2√3x is 2·√3·x
_POWER = 40


def _split_name(name: str, known: set[str]) -> list[str] | None:
    """Split ``name`` into known names (``xcos`` -> x, cos), or None if it cannot be."""
    best: list[list[str] | None] = [None] * (len(name) + 1)
    best[0] = []
    for end in range(1, len(name) + 1):
        for start in range(end):
            if best[start] is not None and name[start:end] in known:
                candidate = best[start] + [name[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[len(name)]


class _Parser:
    """Recursive descent for lists and matrices, a Pratt loop for expressions."""

    def __init__(self, text: str, variables: dict[str, Any]):
        import sympy

        self.sp = sympy
        self.text = text
        self.variables = variables
        self.tokens = _tokenize(text)
        self.groups = _match_brackets(self.tokens)
        self.pos = 0
        self.depth = 0
        self.functions = {
            "sqrt": sympy.sqrt,
            "exp": sympy.exp,
            "log": sympy.log,
            "ln": sympy.log,
            "sin": sympy.sin,
            "cos": sympy.cos,
            "tan": sympy.tan,
            "abs": sympy.Abs,
        }
        self.constants = {"pi": sympy.pi, "e": sympy.E}

    # -- helpers

    def peek(self, offset: int = 0) -> _Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, kind: str, context: str) -> _Token:
        token = self.peek()
        if token.kind != kind:
            raise self.unexpected(token, f"expected '{kind}' {context}")
        return self.advance()

    def unexpected(self, token: _Token, expected: str = "") -> ExpressionError:
        suffix = f"; {expected}" if expected else ""
        if token.kind == "end":
            return _error(f"the text ends too early{suffix}", token.column)
        return _error(f"unexpected '{token.source}' at column {token.column}{suffix}", token.column)

    def compute(self, build, column: int):
        """Run one SymPy construction; refuse what is undefined or too large."""
        sp = self.sp
        try:
            value = build()
        except ExpressionError:
            raise
        except Exception as exc:  # SymPy raises many things on odd input; none is fatal here
            raise _error(
                f"cannot compute the part at column {column} ({type(exc).__name__})", column
            ) from None
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise _error(f"the part at column {column} is undefined (a division by zero?)", column)
        return value

    def check_size(self, value, column: int):
        """Numbers stay below 10^MAX_DIGITS, so every later step is cheap."""
        if value.free_symbols:
            return value
        if value.is_Rational:
            too_large = abs(int(value.p)) > 10**MAX_DIGITS * int(value.q)
        else:
            try:
                size = abs(complex(value.evalf(15)))
            except (TypeError, ValueError, OverflowError):
                raise _error(f"cannot evaluate the part at column {column}", column) from None
            too_large = not size <= 10.0**MAX_DIGITS  # also catches inf and nan
        if too_large:
            raise _error(
                f"the number at column {column} is too large (larger than 1e{MAX_DIGITS})", column
            )
        return value

    def approx(self, value, column: int) -> complex:
        try:
            return complex(value.evalf(20))
        except (TypeError, ValueError, OverflowError):
            raise _error(f"cannot evaluate the part at column {column}", column) from None

    # -- values: lists, matrices, and single expressions

    def parse(self):
        """The whole text: a value, then the end."""
        if self.peek().kind == "end":
            raise _error("the text is empty", 1)
        top_comma = False
        depth = 0
        for token in self.tokens:
            depth += token.kind in ("(", "[")
            depth -= token.kind in (")", "]")
            if depth == 0 and token.kind == ";":
                raise _error(
                    f"';' at column {token.column} separates matrix rows inside brackets: "
                    "write [1 2; 3 4]",
                    token.column,
                )
            top_comma = top_comma or (depth == 0 and token.kind == ",")
        if top_comma:
            items = self.comma_list(stop="end")
            result = self.assemble(items, self.tokens[0].column)
        else:
            result = self.item(row_mode=False)
        token = self.peek()
        if token.kind in ("op", "sup") and isinstance(result[0], list):
            raise _error(f"a list cannot be part of an expression (column {token.column})",
                         token.column)
        if token.kind != "end":
            raise self.unexpected(token, "separate entries with ','")
        return result

    def item(self, row_mode: bool):
        """An entry: a bracketed list, a (…, …) tuple, or an expression.

        Returns (value, precision) with value a SymPy object or a list.
        """
        token = self.peek()
        if token.kind == "[":
            return self.bracket_list()
        if token.kind == "(" and self.groups[self.pos].has_comma:
            group = self.groups[self.pos]
            if group.has_semicolon:
                raise _error(f"';' only separates rows inside [ ] (column {token.column})",
                             token.column)
            self.advance()
            self.depth += 1
            items = self.comma_list(stop=")")
            self.depth -= 1
            self.expect(")", f"to close '(' at column {token.column}")
            return self.assemble(items, token.column)
        start = self.pos
        value = self.expression(0, row_mode)
        return value, self.precision(start, self.pos)

    def comma_list(self, stop: str) -> list:
        items = []
        while True:
            if self.peek().kind in (",", stop):
                raise self.unexpected(self.peek(), "an entry is missing")
            items.append(self.item(row_mode=False))
            if self.peek().kind != ",":
                return items
            self.advance()

    def bracket_list(self):
        """``[ … ]``: entries separated by ',' (or by spaces when there is no comma),
        rows by ';'."""
        open_token = self.advance()
        group = self.groups[self.pos - 1]
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(f"nested too deeply at column {open_token.column}", open_token.column)
        if self.peek().kind == "]":
            raise _error(f"empty brackets at column {open_token.column}", open_token.column)
        rows: list[list] = [[]]
        while True:
            rows[-1].append(self.item(row_mode=not group.has_comma))
            token = self.peek()
            if token.kind in (",", ";"):
                self.advance()
                if self.peek().kind in (",", ";", "]"):
                    raise self.unexpected(self.peek(), "an entry is missing")
                if token.kind == ";":
                    rows.append([])
            elif token.kind == "]":
                break
            elif group.has_comma:
                raise self.unexpected(token, "separate entries with ','")
            # else: no commas in these brackets, so a space has started the next entry
        self.advance()  # ]
        self.depth -= 1
        if not group.has_semicolon:
            return self.assemble(rows[0], open_token.column)
        if any(isinstance(value, list) for row in rows for value, _ in row):
            raise _error(
                f"rows separated by ';' hold numbers, not lists (column {open_token.column})",
                open_token.column,
            )
        matrix = [[value for value, _ in row] for row in rows]
        precision = [[p for _, p in row] for row in rows]
        self.check_rectangular(matrix, open_token.column)
        return matrix, precision

    def assemble(self, items: list, column: int):
        """A list of entries: a vector if they are expressions, a matrix if they are lists."""
        values = [value for value, _ in items]
        precision = [p for _, p in items]
        nested = [isinstance(v, list) for v in values]
        if any(nested) and not all(nested):
            raise _error(
                f"the list at column {column} mixes numbers and lists: a matrix is a list of "
                "rows, like [[1, 2], [3, 4]]",
                column,
            )
        if all(nested):
            for row in values:
                if any(isinstance(entry, list) for entry in row):
                    raise _error(
                        f"lists nest at most two deep (a matrix) at column {column}", column
                    )
            self.check_rectangular(values, column)
        return values, precision

    @staticmethod
    def check_rectangular(rows: list[list], column: int) -> None:
        lengths = [len(row) for row in rows]
        if len(set(lengths)) > 1:
            detail = ", ".join(f"row {i + 1} has {k}" for i, k in enumerate(lengths))
            raise _error(
                f"the rows of the matrix at column {column} have different lengths ({detail})",
                column,
            )

    def precision(self, start: int, end: int):
        """None if the entry (tokens start:end) was typed exactly, else an Inexact."""
        span = self.tokens[start:end]
        decimals = [t for t in span if t.kind == "num" and re.search(r"[.eE]", t.text)]
        if not decimals:
            return None
        kinds = [t.kind for t in span]
        lone = kinds == ["num"] or (kinds == ["op", "num"] and span[0].text in "+-")
        if not lone:
            return Inexact(None)
        match = _NUMBER.fullmatch(decimals[0].text)
        mantissa = match.group("mantissa")
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        exponent = int(match.group("exponent") or 0)
        return Inexact(Fraction(10) ** (exponent - places))

    # -- expressions (Pratt): nud for what starts an operand, the loop for what follows

    def expression(self, min_power: int, row_mode: bool):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            token = self.peek()
            raise _error(
                f"nested too deeply (more than {MAX_DEPTH} levels of brackets, signs or "
                f"powers) at column {token.column}",
                token.column,
            )
        left = self.operand(row_mode)
        last = None  # the last operator applied at this level, for the ambiguity rules
        while True:
            token = self.peek()
            if token.kind == "op":
                power = _BINARY_POWER[token.text]
                if power <= min_power:
                    break
                following = self.peek(1)
                if row_mode and token.text in "+-" and token.space_before and not (
                    following.space_before
                ):
                    break  # [1 -2]: a new entry starts
                self.advance()
                if token.text == "^":
                    right = self.expression(_POWER - 1, row_mode)  # right to left
                    left = self.power(left, right, token.column)
                else:
                    right = self.expression(power, row_mode)
                    left = self.binary(token, left, right)
                last = token.text
            elif token.kind == "sup":
                if _POWER <= min_power:
                    break
                self.advance()
                exponent = self.sp.Integer(_SUPERSCRIPTS[token.text])
                left = self.power(left, exponent, token.column)
                last = "sup"
            elif token.kind in _PRIMARY_START:
                if _IMPLICIT <= min_power or (row_mode and token.space_before):
                    break
                self.check_implicit(token, last)
                right = self.expression(_IMPLICIT, row_mode)
                left = self.compute(lambda a=left, b=right: a * b, token.column)
                left = self.check_size(left, token.column)
                last = "implicit"
            else:
                break
        self.depth -= 1
        return left

    def check_implicit(self, token: _Token, last: str | None) -> None:
        """Refuse the juxtapositions readers disagree on (see the module docstring)."""
        if token.kind == "num":
            raise _error(
                f"a number right after another value at column {token.column}: write '*' "
                "to multiply or ',' to separate entries",
                token.column,
            )
        if last == "/":
            raise _error(
                f"ambiguous at column {token.column}: is a/b c meant as (a/b)*c or a/(b*c)? "
                "write the '*' or the brackets",
                token.column,
            )
        if last == "^":
            raise _error(
                f"ambiguous at column {token.column}: is a^b c meant as (a^b)*c or a^(b*c)? "
                "write the '*' or the brackets, e.g. e^(2x)",
                token.column,
            )

    def binary(self, token: _Token, left, right):
        sp = self.sp
        if token.text == "+":
            return self.compute(lambda: sp.Add(left, right), token.column)
        if token.text == "-":
            return self.compute(lambda: sp.Add(left, -right), token.column)
        if token.text == "*":
            value = self.compute(lambda: sp.Mul(left, right), token.column)
            return self.check_size(value, token.column)
        if right.is_zero:
            raise _error(f"division by zero at column {token.column}", token.column)
        value = self.compute(lambda: sp.Mul(left, sp.Pow(right, -1)), token.column)
        return self.check_size(value, token.column)

    def power(self, base, exponent, column: int):
        """base^exponent, refused before computing if it would be huge."""
        if not exponent.free_symbols:
            p = self.approx(exponent, column)
            if abs(p) > MAX_EXPONENT:
                raise _error(
                    f"the exponent at column {column} is too large (at most {MAX_EXPONENT})",
                    column,
                )
            if not base.free_symbols:
                if base.is_zero:
                    if p.real < 0:
                        raise _error(f"division by zero (0 to a negative power) at column "
                                     f"{column}", column)
                else:
                    size = abs(self.approx(base, column))
                    if size == 0.0 or abs(p) * abs(math.log10(size)) > MAX_DIGITS:
                        raise _error(
                            f"the power at column {column} is too large or too small to "
                            f"compute (beyond 1e±{MAX_DIGITS})",
                            column,
                        )
        value = self.compute(lambda: self.sp.Pow(base, exponent), column)
        return self.check_size(value, column)

    def operand(self, row_mode: bool):
        """What can start an operand: a number, a name, a call, a bracket, a sign, a root."""
        sp = self.sp
        token = self.advance()
        if token.kind == "num":
            return self.number(token)
        if token.kind == "name":
            return self.name(token)
        if token.kind == "(":
            group = self.groups[self.pos - 1]
            if group.has_comma or group.has_semicolon:
                raise _error(
                    f"a list ( … , … ) cannot be part of an expression (column {token.column})",
                    token.column,
                )
            if self.peek().kind == ")":
                raise _error(f"empty brackets at column {token.column}", token.column)
            inner = self.expression(0, row_mode=False)
            self.expect(")", f"to close '(' at column {token.column}")
            return inner
        if token.kind == "op" and token.text in "+-":
            inner = self.expression(_UNARY, row_mode)
            if token.text == "+":
                return inner
            return self.compute(lambda: -inner, token.column)
        if token.kind == "sqrt":
            inner = self.expression(_ROOT, row_mode)
            return self.check_size(self.compute(lambda: sp.sqrt(inner), token.column),
                                   token.column)
        if token.kind == "[":
            raise _error(
                f"a list [ … ] cannot be part of an expression (column {token.column})",
                token.column,
            )
        self.pos -= 1
        raise self.unexpected(token, "expected a number, a name or '('")

    def number(self, token: _Token):
        match = _NUMBER.fullmatch(token.text)
        digits = match.group("mantissa").replace(".", "").lstrip("0")
        exponent = match.group("exponent")
        if len(digits) > _MAX_LITERAL_DIGITS or (
            exponent is not None and abs(int(exponent)) > MAX_DIGITS
        ):
            raise _error(
                f"the number at column {token.column} has too many digits or too large an "
                f"exponent (numbers go up to 1e{MAX_DIGITS})",
                token.column,
            )
        value = Fraction(token.text)
        return self.check_size(self.sp.Rational(value.numerator, value.denominator),
                               token.column)

    def name(self, token: _Token):
        name = token.text
        if name in self.variables:
            return self.variables[name]
        if name in self.constants:
            return self.constants[name]
        if name in self.functions:
            if self.peek().kind != "(":
                raise _error(
                    f"'{name}' at column {token.column} needs brackets: write {name}(...)",
                    token.column,
                )
            open_token = self.advance()
            if self.groups[self.pos - 1].has_comma:
                raise _error(f"{name} takes one argument (column {open_token.column})",
                             open_token.column)
            if self.peek().kind == ")":
                raise _error(f"{name}() needs an argument (column {open_token.column})",
                             open_token.column)
            argument = self.expression(0, row_mode=False)
            self.expect(")", f"to close '(' at column {open_token.column}")
            function = self.functions[name]
            value = self.compute(lambda: function(argument), token.column)
            return self.check_size(value, token.column)
        raise self.unknown_name(token)

    def suggest(self, parts: list[str]) -> str:
        """x, sin, x -> x*sin(x): a function takes the rest as its argument."""
        for index, part in enumerate(parts):
            if part in self.functions:
                argument = self.suggest(parts[index + 1 :]) if index + 1 < len(parts) else "..."
                return "*".join([*parts[:index], f"{part}({argument})"])
        return "*".join(parts)

    def unknown_name(self, token: _Token) -> ExpressionError:
        name = token.text
        known = set(self.variables) | set(self.constants) | set(self.functions)
        message = f"unknown name '{name}' at column {token.column}"
        parts = _split_name(name, known)
        digits = re.fullmatch(r"([A-Za-z_]+)(\d+)", name)
        if parts is not None and len(parts) > 1:
            hint = f"write {self.suggest(parts)}"
        elif digits and digits.group(1) in known:
            base, power = digits.groups()
            hint = f"write {base}*{power}, or {base}^{power} for a power"
        elif name.lower() in known:
            hint = f"did you mean '{name.lower()}'?"
        else:
            names = sorted(self.variables) + list(CONSTANTS) + list(FUNCTIONS)
            hint = "the names you can use here are " + ", ".join(names)
        return _error(f"{message} ({hint})", token.column)


# ------------------------------------------------------------------------- public API


def _symbols(variables) -> dict[str, Any]:
    """Names to SymPy symbols: strings become real symbols, Symbols are kept as given."""
    import sympy

    if isinstance(variables, str):
        variables = (variables,)
    table: dict[str, Any] = {}
    for variable in variables:
        if isinstance(variable, sympy.Symbol):
            name, symbol = variable.name, variable
        elif isinstance(variable, str):
            name, symbol = variable, sympy.Symbol(variable, real=True)
        else:
            raise ParameterError(
                f"parse: variables must be names or sympy Symbols, got {variable!r}"
            )
        if not _NAME.fullmatch(name) or name in FUNCTIONS or name in CONSTANTS:
            raise ParameterError(
                f"parse: {name!r} cannot be a variable (it must be a plain name that is not "
                f"one of {', '.join(FUNCTIONS + CONSTANTS)})"
            )
        table[name] = symbol
    return table


def parse_answer(text: str, variables=()) -> ParsedAnswer:
    """Read ``text`` as a value, remembering which entries were typed as decimals.

    Parameters
    ----------
    text : str
        What the learner typed (see the module docstring for the syntax).
    variables : iterable of str or sympy.Symbol, default ()
        The names allowed besides the constants and functions. A string ``"x"`` becomes
        ``Symbol("x", real=True)``; pass your own Symbol to control its assumptions
        (answers compare equal only when built on the same symbols).

    Returns
    -------
    ParsedAnswer
        ``value`` (as :func:`parse_value`) and ``precision`` (same shape: None or an
        :class:`Inexact` per entry).

    Raises
    ------
    ExpressionError
        If the text cannot be read; the message says what and where.

    Examples
    --------
    >>> parse_answer("[0.5, 1/3]")
    ParsedAnswer(value=[1/2, 1/3], precision=[Inexact(last_place=Fraction(1, 10)), None])
    """
    if not isinstance(text, str):
        raise ExpressionError(f"parse: expected text (a str), got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise _error(f"too long: {len(text)} characters (at most {MAX_LENGTH})", None)
    parser = _Parser(text, _symbols(variables))
    value, precision = parser.parse()
    return ParsedAnswer(value, precision)


def parse_value(text: str, variables=()):
    """Read ``text`` as a number or expression, a vector, or a matrix.

    Returns
    -------
    sympy.Expr, list of sympy.Expr, or list of lists of sympy.Expr
        A vector is a flat list; a matrix is a list of rows of equal length (a column
        typed ``[1; 2]`` is the 2 x 1 matrix ``[[1], [2]]``). Decimals become the exact
        fractions they spell.

    Raises
    ------
    ExpressionError
        If the text cannot be read (see :func:`parse_answer`).

    Examples
    --------
    >>> parse_value("1, 2")
    [1, 2]
    >>> parse_value("[[1, 0.5], [sqrt(8), -pi]]")
    [[1, 1/2], [2*sqrt(2), -pi]]
    """
    return parse_answer(text, variables).value


def parse_expression(text: str, variables=("x",)):
    """Read ``text`` as one expression in the given variables (default: just ``x``).

    Raises
    ------
    ExpressionError
        If the text cannot be read, or is a list rather than one expression.

    Examples
    --------
    >>> parse_expression("x^2 + 2x + 1")
    x**2 + 2*x + 1
    >>> parse_expression("sqrt(2)/2", variables=())
    sqrt(2)/2
    """
    value = parse_value(text, variables)
    if isinstance(value, list):
        raise _error(f"expected one expression, got a list of {len(value)} entries", 1)
    return value


def format_value(value) -> str:
    """Plain text for a value, in the syntax :func:`parse_value` reads back.

    ``parse_value(format_value(v))`` equals ``v`` for every real value built from what
    the reader knows (numbers, the constants, the functions, the caller's variables);
    powers print as ``**``. A complex number prints with SymPy's ``I``, which the reader
    does not read: answers in this course are real.

    Examples
    --------
    >>> import sympy
    >>> format_value([sympy.Rational(1, 2), -3])
    '[1/2, -3]'
    >>> format_value(sympy.exp(1) * sympy.sqrt(2))
    'sqrt(2)*e'
    """
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(entry) for entry in value) + "]"
    return _printer().doprint(value)


_PRINTER = None


def _printer():
    """A SymPy StrPrinter that writes ``e`` and ``abs`` the way the parser reads them."""
    global _PRINTER
    if _PRINTER is None:
        from sympy.printing.str import StrPrinter

        class _PlainPrinter(StrPrinter):
            def _print_Exp1(self, expr):
                return "e"

            def _print_Abs(self, expr):
                return f"abs({self._print(expr.args[0])})"

        _PRINTER = _PlainPrinter()
    return _PRINTER
