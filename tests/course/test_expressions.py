"""The safe reader of typed mathematics: what it reads, what it refuses, and that it never
runs the text (hostile inputs, proven with side-effect sentinels and a memory-capped child)."""

import builtins
import json
import subprocess
import sys
import textwrap
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathforml._expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TOKENS,
    Inexact,
    format_value,
    parse_answer,
    parse_expression,
    parse_value,
)
from mathforml.errors import ExpressionError, ParameterError

x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
r2, r3, pi, E = sympy.sqrt(2), sympy.sqrt(3), sympy.pi, sympy.E
half = sympy.Rational(1, 2)

# ------------------------------------------------------------------------- what it reads

READS = [
    ("3", 3), ("-2", -2), ("0.25", sympy.Rational(1, 4)), (".5", half), ("5.", 5),
    ("1e-3", sympy.Rational(1, 1000)), ("2.5E4", 25000), ("1/2", half), ("2/4", half),
    ("2^3^2", 512), ("2**3", 8), ("2^-1", half), ("-2^2", -4), ("(-2)^2", 4),
    ("-x^2", -x**2), ("2x", 2 * x), ("2 x", 2 * x), ("2(x+1)", 2 * x + 2), ("2sqrt(2)", 2 * r2),
    ("2pi", 2 * pi), ("(x)(y)", x * y), ("x y", x * y), ("x(x+1)", x * (x + 1)),
    ("2x^2", 2 * x**2), ("2^3*x", 8 * x), ("x^2 + 2x + 1", x**2 + 2 * x + 1),
    ("2*x*cos(x^2)", 2 * x * sympy.cos(x**2)), ("2x cos(x^2)", 2 * x * sympy.cos(x**2)),
    ("sqrt(2)/2", r2 / 2), ("1/sqrt(2)", r2 / 2), ("sqrt(8)", 2 * r2), ("exp(1)", E),
    ("e^x", sympy.exp(x)), ("e^(2x)", sympy.exp(2 * x)), ("ln(e)", 1), ("log(x)", sympy.log(x)),
    ("sin(pi/6)", half), ("cos(0)", 1), ("tan(pi/4)", 1), ("abs(-3)", 3), ("abs(x)", abs(x)),
    ("π/4", pi / 4), ("√2", r2), ("2√3", 2 * r3), ("√x^2", abs(x)), ("x²", x**2), ("x³y", x**3 * y),
    ("3 × 4 ÷ 2 − 1", 5), ("3·x", 3 * x), ("  7  ", 7), ("+5", 5), ("2*-3", -6), ("0^0", 1),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READS, ids=[t for t, _ in READS])
def test_reads_expressions(text, expected):
    value = parse_expression(text, variables=("x", "y"))
    assert sympy.simplify(value - expected) == 0
    assert value == sympy.sympify(expected)  # the same canonical SymPy object, not just equal


STRUCTURES = [
    ("[1, 2]", [1, 2]), ("(1, 2)", [1, 2]), ("1, 2", [1, 2]), ("[1 2 3]", [1, 2, 3]),
    ("[1 -2]", [1, -2]), ("[1 - 2]", [-1]), ("[1 -2 + 3]", [1, 1]), ("[2x 3]", [2 * x, 3]),
    ("[2 x, 3]", [2 * x, 3]), ("[(1 -2) 3]", [-1, 3]), ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
    ("[1, 2; 3, 4]", [[1, 2], [3, 4]]), ("[1 2; 3 4]", [[1, 2], [3, 4]]),
    ("[[1 2] [3 4]]", [[1, 2], [3, 4]]), ("[1; 2]", [[1], [2]]),
    ("((1, 2), (3, 4))", [[1, 2], [3, 4]]),
    ("[1, 2], [3, 4]", [[1, 2], [3, 4]]), ("[sqrt(2)/2, -1/2]", [r2 / 2, -half]),
    ("[0.5 sqrt(8)]", [half, 2 * r2]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), STRUCTURES, ids=[t for t, _ in STRUCTURES])
def test_reads_vectors_and_matrices(text, expected):
    assert parse_value(text, variables=("x",)) == expected


def test_decimals_are_exact_fractions_marked_inexact():
    parsed = parse_answer("[0.7071, 1/3, -7.071e-1, 1.414/2, 5]")
    assert parsed.value == [sympy.Rational(7071, 10000), sympy.Rational(1, 3),
                            -sympy.Rational(7071, 10000), sympy.Rational(707, 1000), 5]
    assert parsed.precision == [Inexact(Fraction(1, 10000)), None, Inexact(Fraction(1, 10000)),
                                Inexact(None), None]
    tenth = Inexact(Fraction(1, 10))
    assert parse_answer("[1 2; 3 0.5]").precision == [[None, None], [None, tenth]]
    assert parse_answer("1e3").precision == Inexact(Fraction(1000))


def test_variables_are_real_symbols_or_the_callers_own():
    assert parse_expression("x") == x
    theta = sympy.Symbol("theta", positive=True)
    assert parse_expression("2theta", variables=[theta]) == 2 * theta
    assert parse_expression("x1 + x_2", variables=("x1", "x_2")).free_symbols == {
        sympy.Symbol("x1", real=True), sympy.Symbol("x_2", real=True)}


@pytest.mark.parametrize("bad", ["e", "sin", "2x", "", "a b", 3])
def test_bad_variable_names_are_a_parameter_error(bad):
    with pytest.raises(ParameterError, match="variable"):
        parse_expression("1", variables=(bad,))


# ------------------------------------------------------------------------- round trips

_LEAVES = st.one_of(
    st.integers(-20, 20).map(sympy.Integer),
    st.fractions(min_value=-5, max_value=5, max_denominator=9).map(
        lambda f: sympy.Rational(f.numerator, f.denominator)),
    st.sampled_from([r2, r3, pi, E, x, y]),
)
_EXPRESSIONS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda ab: ab[0] + ab[1]),
        st.tuples(inner, inner).map(lambda ab: ab[0] * ab[1]),
        st.tuples(inner, st.integers(-3, 3)).map(
            lambda ab: ab[0] ** ab[1] if ab[0] != 0 else ab[0]),
        inner.map(sympy.sin), _LEAVES.map(sympy.exp), inner.map(sympy.Abs),
        inner.map(lambda a: sympy.sqrt(a**2 + 1)),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(_EXPRESSIONS)
def test_format_value_round_trips(expression):
    assume(expression.free_symbols or abs(complex(expression.evalf(15))) < 1e80)  # the size cap
    parsed = parse_expression(format_value(expression), variables=("x", "y"))
    # SymPy's automatic evaluation is not always idempotent (Abs(Abs(2x)) stays nested
    # once, becomes 2|x| when rebuilt), so equal, not necessarily the identical tree
    assert parsed == expression or sympy.simplify(parsed - expression) == 0


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(_LEAVES, min_size=3, max_size=3), min_size=1, max_size=3))
def test_format_value_round_trips_matrices(matrix):
    assert parse_value(format_value(matrix), variables=("x", "y")) == matrix


# ------------------------------------------------------------------------- what it refuses

REFUSES = [
    ("2xcos(x^2)", "unknown name 'xcos' at column 2 (write x*cos(...))", 2),
    ("sinx", "unknown name 'sinx' at column 1 (write sin(x))", 1),
    ("xy", "write x*y", 1),
    ("x2", "write x*2, or x^2 for a power", 1),
    ("Sin(x)", "did you mean 'sin'?", 1),
    ("z", "the names you can use here are x, y, pi, e, sqrt", 1),
    ("sin x", "'sin' at column 1 needs brackets: write sin(...)", 1),
    ("1/2x", "ambiguous at column 4", 4),
    ("e^2x", "ambiguous at column 4", 4),
    ("x 2", "a number right after another value at column 3", 3),
    ("2 3", "a number right after another value at column 3", 3),
    ("1.2.3", "a number right after another value at column 4", 4),
    ("(1", "'(' at column 1 is never closed (add ')')", 1),
    ("1)", "')' at column 2 closes no bracket", 2),
    ("[1, 2)", "')' at column 6 does not match '[' at column 1", 6),
    ("[]", "empty brackets at column 1", 1),
    ("sqrt()", "sqrt() needs an argument", 5),
    ("log(8, 2)", "log takes one argument", 4),
    ("[1,,2]", "unexpected ',' at column 4; an entry is missing", 4),
    ("[1, 2,]", "an entry is missing", 7),
    ("1;2", "';' at column 2 separates matrix rows inside brackets", 2),
    ("[1, [2, 3]]", "mixes numbers and lists", 1),
    ("[[1, 2], [3]]", "different lengths (row 1 has 2, row 2 has 1)", 1),
    ("[[[1]]]", "nest at most two deep", 1),
    ("2(1, 2)", "a list ( … , … ) cannot be part of an expression", 2),
    ("x=3", "unexpected character '=' (U+003D EQUALS SIGN) at column 2 (type only the answer", 2),
    ("1/0", "division by zero at column 2", 2),
    ("1/(x-x)", "division by zero at column 2", 2),
    ("0^-1", "division by zero (0 to a negative power) at column 2", 2),
    ("log(0)", "is undefined", 1),
    ("tan(pi/2)", "is undefined", 1),
    ("2 +", "the text ends too early", 4),
    ("*2", "unexpected '*' at column 1", 1),
    ("", "the text is empty", 1),
    ("  ", "the text is empty", 1),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message", "column"), REFUSES, ids=[t for t, _, _ in REFUSES])
def test_refuses_with_a_message_that_points_at_the_place(text, message, column):
    with pytest.raises(ExpressionError) as caught:
        parse_value(text, variables=("x", "y"))
    assert message in str(caught.value)
    assert caught.value.column == column


def test_a_list_is_not_an_expression():
    with pytest.raises(ExpressionError, match="expected one expression, got a list of 2"):
        parse_expression("[1, 2]")


def test_non_text_is_refused():
    with pytest.raises(ExpressionError, match="expected text"):
        parse_value(b"1 + 2")


# ------------------------------------------------------------------------- hostile input

HOSTILE = [
    "__import__('os').system('touch PWNED')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 0",
    "x.__dict__",
    "eval(1)",
    "exec('import os')",
    "open('/etc/passwd')",
    "globals()",
    "Symbol('x')",
    "sympify('1')",
    "9^9^9^9",
    "10**10**10",
    "2^2^2^2^2^2",
    "10^1000000",
    "(10^100)^(10^100)",
    "1e999999",
    "1" * 200,
    "10^100 * 10^100",
    "exp(exp(exp(9)))",
    "exp(1000)",
    "sqrt(2)^10000",
    "(x+1)^100000",
    "(" * 10_000 + "1" + ")" * 10_000,
    "-" * 1000 + "1",
    "2^" * 500 + "2",
    "1+" * 600 + "1",
    "x" * (1 << 20),
    "1\x00+1",
    "\x00",
    "1 + 1\u202e",  # right-to-left override
    "2\u200b3",  # zero-width space
    "１+１",  # fullwidth digits
    "х + 1",  # Cyrillic х, not x
    "x\u0301",  # combining accent
    "ｓｉｎ(1)",
    "9!",
    "1 if 1 else 2",
    "[i for i in range(10**9)]",
    "'" + "a" * 100 + "'",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:40]))
def test_hostile_input_is_refused(text):
    with pytest.raises(ExpressionError) as caught:
        parse_value(text, variables=("x",))
    assert str(caught.value)  # a message, not an empty error


def test_the_reader_never_evaluates_the_text(monkeypatch, tmp_path):
    """Sentinels: eval/exec/compile/__import__ and SymPy's own string parsers record any
    call; names that would have side effects exist as builtins; nothing happens."""
    calls = []

    def tripwire(name):
        def fail(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} was called")
        return fail

    monkeypatch.chdir(tmp_path)
    real_import = builtins.__import__
    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, tripwire(name))
    monkeypatch.setattr(sympy, "sympify", tripwire("sympify"))
    monkeypatch.setattr(sympy, "parse_expr", tripwire("parse_expr"), raising=False)
    monkeypatch.setattr(builtins, "boom", tripwire("boom"), raising=False)
    monkeypatch.setattr(builtins, "__import__",
                        lambda name, *a, **k: (calls.append(f"import {name}")
                                               if name == "os" else None) or real_import(
                                                   name, *a, **k))
    for text in [*HOSTILE[:11], "boom()", "boom", "2boom(1)", "os.system('touch PWNED')"]:
        with pytest.raises(ExpressionError):
            parse_value(text, variables=("x",))
    # valid input goes through the same code and calls none of them either
    assert parse_value("[sqrt(2)/2, 2x cos(x^2)]", variables=("x",))[0] == r2 / 2
    assert calls == []
    assert not (tmp_path / "PWNED").exists()


def test_hostile_inputs_end_in_a_memory_capped_child():
    """Every hostile input, in a child process limited to 2 GiB of address space; the
    child must finish (the timeout is a hang guard, not a speed requirement)."""
    script = textwrap.dedent(
        """
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from mathforml._expressions import parse_value
        from mathforml.errors import ExpressionError
        results = []
        for text in json.loads(sys.stdin.read()):
            try:
                parse_value(text, variables=("x",))
                results.append("parsed")
            except ExpressionError:
                results.append("refused")
        print(json.dumps(results))
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(HOSTILE), capture_output=True,
        text=True, timeout=300, check=False,
    )
    assert child.returncode == 0, child.stderr
    assert json.loads(child.stdout) == ["refused"] * len(HOSTILE)


def test_limits_are_the_documented_ones():
    with pytest.raises(ExpressionError, match=f"at most {MAX_LENGTH}"):
        parse_value("1" + " " * MAX_LENGTH)
    with pytest.raises(ExpressionError, match=f"more than {MAX_TOKENS}"):
        parse_value("+".join(["1"] * (MAX_TOKENS // 2 + 1)))
    parse_value("+".join(["1"] * (MAX_TOKENS // 2 - 1)))  # just under the cap: fine
    deep = "(" * (MAX_DEPTH - 2) + "1" + ")" * (MAX_DEPTH - 2)
    assert parse_value(deep) == 1
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_value("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert parse_value("10^100") == sympy.Integer(10) ** 100
    assert parse_value("1e-100") == sympy.Rational(1, 10**100)
    with pytest.raises(ExpressionError, match="too large"):
        parse_value("10^101")
    with pytest.raises(ExpressionError, match="exponent at column 2 is too large"):
        parse_value("x^1001", variables=("x",))
    assert parse_value("x^1000", variables=("x",)) == x**1000


def test_importing_the_reader_does_not_import_sympy():
    code = "import sys, mathforml._expressions; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
