"""derivative and partial_derivative against sympy.diff, rule by rule.

Three levels of checking, all against SymPy:

* the result equals ``sympy.diff`` of the same expression: ``simplify(ours − theirs) == 0``
  (exact, no tolerance), on the corpus in derivative_corpus.py and on random expressions;
* every single step is right: its ``derivative`` equals ``sympy.diff`` of its
  ``expression`` by its ``variable`` (for the outer part of a chain rule, by the inner
  expression u, substituted by a fresh symbol). These are compared as numbers at a few
  points, complex values allowed, to a relative 1e-9 (the expressions are exact; the
  evaluation rounds at ~1e-15 and a wrong rule is off by O(1));
* the list ends in the result, and the rules that combine parts list those parts.
"""

import functools
import re
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathforml.calculus as calc
from mathforml._expressions import parse_expression
from mathforml._steps import Step
from mathforml.errors import DTypeError, ExpressionError, NotFiniteError, ParameterError
from tests.calculus.derivative_corpus import ONE_VARIABLE, SEVERAL_VARIABLES

X, Y, Z = sp.symbols("x y z", real=True)
POINTS = (0.3, 0.7, 1.3, 2.1)
RTOL = 1e-9


def value(expr, at):
    """The complex value of ``expr`` at a point, or None where it is not finite."""
    v = expr.evalf(subs=at)
    if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not v.is_number:
        return None
    return complex(v)


def assert_equal_at_points(actual, expected, symbols):
    """Equal as numbers at several points (x, y, z take shifted values of POINTS)."""
    checked = 0
    for p in POINTS:
        at = {s: p + 0.17 * i for i, s in enumerate(sorted(symbols, key=str))}
        a, b = value(actual, at), value(expected, at)
        if a is None or b is None:
            continue
        assert abs(a - b) <= RTOL * max(1.0, abs(b)), f"{actual} != {expected} at {at}"
        checked += 1
    assert checked >= 2, f"{actual} vs {expected}: too few points where both are finite"


def check_step(step):
    """One step against sympy.diff of its own expression by its own variable."""
    assert isinstance(step, Step) and step.kind == "derivative"
    if step.variable.is_Symbol:
        expected = sp.diff(step.expression, step.variable)
    else:  # the outer part of a chain rule: d/du F(u), u an expression
        u = sp.Dummy("u", real=bool(step.variable.is_extended_real))
        expected = sp.diff(step.expression.subs(step.variable, u), u).subs(u, step.variable)
        assert step.expression.subs(step.variable, u).free_symbols == {u}
    symbols = step.expression.free_symbols | step.derivative.free_symbols | {X}
    if step.derivative == 0 or expected == 0:
        assert step.derivative == expected == 0
    else:
        assert_equal_at_points(step.derivative, expected, symbols)


def check_derivative(f, var, outcome, partial=False, exact=True):
    """The result against sympy.diff, then every step (numerically, in check_step).

    ``exact``: also ``simplify(ours − theirs) == 0``. SymPy cannot always prove equal
    things equal (d/dx (1 + x²/c²)^sin(x) with c = 2 + cos 3 defeats it), so random
    expressions rely on the comparison at points, which the last step's check makes.
    """
    result, steps = outcome
    expected = sp.diff(f, var)
    if exact:
        assert sp.simplify(result - expected) == 0, f"d/d{var} {f}: {result} != {expected}"
    assert steps, "at least one step"
    assert steps[-1].derivative == result
    assert steps[-1].expression == f
    seen = set()
    for step in steps:
        check_step(step)
        assert step.rule in calc._symbolic.RULES
        assert step.partial is partial
        assert all(id(sub) in seen for sub in step.substeps), "parts come before their rule"
        seen.add(id(step))
    return [s.rule for s in steps]


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_is_large_enough():
    assert len(ONE_VARIABLE) + len(SEVERAL_VARIABLES) >= 50
    assert len({e for e, _ in ONE_VARIABLE}) == len(ONE_VARIABLE)


@functools.cache
def corpus_result(text):
    return calc.derivative(text)


@pytest.mark.parametrize(("text", "rule"), ONE_VARIABLE, ids=[e for e, _ in ONE_VARIABLE])
def test_derivative_equals_sympy_diff_on_the_corpus(text, rule):
    f = parse_expression(text)
    rules = check_derivative(f, X, corpus_result(text))
    assert rule in rules


@pytest.mark.parametrize(
    ("text", "var", "rule"), SEVERAL_VARIABLES, ids=[f"d{v} {e}" for e, v, _ in SEVERAL_VARIABLES]
)
def test_partial_derivative_equals_sympy_diff_on_the_corpus(text, var, rule):
    f = parse_expression(text, ("x", "y", "z"))
    symbol = {"x": X, "y": Y, "z": Z}[var]
    rules = check_derivative(f, symbol, calc.partial_derivative(text, var), partial=True)
    assert rule in rules


# --------------------------------------------------------------------------- random expressions


def _expressions():
    """Text of random expressions in x, built so that every part is defined near x in (0, 3)."""
    leaves = st.sampled_from(["x", "2", "3", "x", "pi", "1/2"])

    def extend(inner):
        unary = st.tuples(
            st.sampled_from(["sin({})", "cos({})", "exp({}/4)", "log(1 + ({})^2)",
                             "sqrt(2 + sin({}))", "tan(({})/9)", "-({})", "({})^3"]),
            inner,
        ).map(lambda t: t[0].format(t[1]))
        binary = st.tuples(
            st.sampled_from(["({}) + ({})", "({}) - ({})", "({})*({})", "({})/(2 + cos({}))",
                             "(1 + ({})^2)^sin({})"]),
            inner,
            inner,
        ).map(lambda t: t[0].format(t[1], t[2]))
        return unary | binary

    return st.recursive(leaves, extend, max_leaves=5)


@settings(max_examples=40)
@given(_expressions())
def test_derivative_equals_sympy_diff_on_random_expressions(text):
    f = parse_expression(text)
    check_derivative(f, X, calc.derivative(text), exact=False)


@settings(max_examples=20)
@given(_expressions(), st.sampled_from(["x", "y"]))
def test_partial_derivative_holds_the_other_variable_constant(text, var):
    in_y = re.sub(r"\bx\b", "y", text)
    g = f"({text}) * (y + 1) + ({in_y})"
    f = parse_expression(g, ("x", "y"))
    symbol = X if var == "x" else Y
    check_derivative(f, symbol, calc.partial_derivative(g, var, ("x", "y")), partial=True,
                     exact=False)


# --------------------------------------------------------------------------- named cases


def test_chain_rule_shows_outer_and_inner_derivative():
    result, steps = calc.derivative("sin(x^2)")
    outer, inner, chain = steps
    assert (outer.rule, outer.expression, outer.variable) == ("sin", sp.sin(X**2), X**2)
    assert outer.derivative == sp.cos(X**2)
    assert (inner.rule, inner.expression, inner.derivative) == ("power", X**2, 2 * X)
    assert chain.rule == "chain" and chain.substeps == (outer, inner)
    assert chain.derivative == sp.cos(X**2) * 2 * X == result


def test_nested_chain_has_one_chain_step_per_level():
    _, steps = calc.derivative("exp(sin(x^2 + 1))")
    # exp(u) with u = sin(x² + 1), sin(v) with v = x² + 1; x² itself needs no chain
    assert [s.rule for s in steps].count("chain") == 2


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("x^3", ["power"]),
        ("5x", ["variable", "constant multiple"]),
        ("x + 1", ["constant", "variable", "sum"]),  # in SymPy's order of the terms
        ("x - sin(x)", ["variable", "sin", "difference"]),
        ("x cos(x)", ["variable", "cos", "product"]),
        ("x/(x + 1)", ["variable", "constant", "variable", "sum", "quotient"]),
        ("2^x", ["exponential"]),
        ("x^x", ["variable", "variable", "general power"]),
        ("sqrt(x)", ["sqrt"]),
    ],
)
def test_rules_are_named_as_a_learner_names_them(text, rules):
    assert [s.rule for s in calc.derivative(text).steps if s.rule != "simplify"] == rules


def test_quotient_rule_formula_before_simplification():
    _, steps = calc.derivative("sin(x)/x")
    quotient = next(s for s in steps if s.rule == "quotient")
    u, v = sp.sin(X), X
    assert sp.expand(quotient.derivative - (sp.cos(X) * v - u * 1) / v**2) == 0


def test_simplify_step_is_last_and_keeps_the_unsimplified_form():
    result, steps = calc.derivative("x^2*exp(x)")
    assert steps[-1].rule == "simplify" and steps[-1].substeps == (steps[-2],)
    assert steps[-2].rule == "product"
    assert sp.expand(steps[-2].derivative - result) == 0
    assert sp.count_ops(result) < sp.count_ops(steps[-2].derivative)


def test_simplification_brings_in_no_new_function():
    # SymPy's simplify alone gives 1/(4 cosh(x/2)^2) and sqrt(2) e^x sin(x + pi/4).
    for text in ("1/(1 + exp(-x))", "exp(x) sin(x)"):
        f = parse_expression(text)
        result = calc.derivative(text).result
        assert result.atoms(sp.Function) <= (f.atoms(sp.Function) | sp.diff(f, X).atoms(
            sp.Function)), result
        assert not result.has(sp.pi)


def test_polynomial_derivative_is_expanded():
    result = calc.derivative("(2x - 3)^3 + (1 - x)^2").result
    assert result == sp.expand(sp.diff((2 * X - 3) ** 3 + (1 - X) ** 2, X))


def test_variable_not_in_the_expression_gives_zero_with_a_step():
    result, steps = calc.derivative("5")
    assert result == 0 and [s.rule for s in steps] == ["constant"]
    result, steps = calc.partial_derivative("y^2 + 1", "x")
    assert result == 0 and [s.rule for s in steps] == ["held constant"]
    result, steps = calc.derivative(Y**2, "x")
    assert result == 0 and steps[0].rule == "held constant" and steps[0].variable.name == "x"


def test_held_constant_factor_is_said_in_a_step():
    _, steps = calc.partial_derivative("x^2*y", "x")
    multiple = steps[-1]
    assert multiple.rule == "constant multiple"
    assert multiple.substeps[0].rule == "held constant"
    assert multiple.substeps[0].expression == Y


def test_big_expression_is_tidied_term_by_term():
    text = " + ".join(f"sin({k}x)*exp(x)/(x + {k})" for k in range(1, 17))
    f = parse_expression(text)
    result, steps = calc.derivative(text)
    assert_equal_at_points(result, sp.diff(f, X), {X})
    assert steps[-1].derivative == result


# --------------------------------------------------------------------------- SymPy input


def test_sympy_expression_with_plain_symbols():
    x, a = sp.symbols("x a")  # no assumptions
    f = a * sp.sin(x) ** 2
    result, steps = calc.derivative(f, "x")
    assert sp.simplify(result - sp.diff(f, x)) == 0
    assert steps[-1].variable == x
    assert "held constant" in [s.rule for s in steps]  # a is a constant


def test_sympy_symbol_as_var_and_more_functions():
    t = sp.Symbol("t", positive=True)
    for f in (sp.atan(t**2), sp.asin(t / 2), sp.acos(t / 3), sp.sinh(t) * sp.cosh(t),
              sp.tanh(t**2)):
        check_derivative(f, t, calc.derivative(f, t))


def test_partial_derivative_with_symbols_in_variables():
    a = sp.Symbol("a", positive=True)
    result, _ = calc.partial_derivative("a x^2", a, variables=(a, "x"))
    assert result == X**2


def test_step_dataclass_is_frozen_and_renders_latex():
    _, steps = calc.derivative("sin(x^2)")
    with pytest.raises(FrozenInstanceError):
        steps[0].rule = "cos"
    assert steps[0].latex() == (
        r"\frac{d}{d\left(" + sp.latex(X**2) + r"\right)} \left(" + sp.latex(sp.sin(X**2))
        + r"\right) = " + sp.latex(sp.cos(X**2))
    )
    assert steps[-1].latex().startswith(r"\frac{d}{dx} ")
    _, steps = calc.partial_derivative("x y", "y")
    assert steps[-1].latex().startswith(r"\frac{\partial}{\partial y} ")


def test_every_rule_is_exercised_and_has_a_formula():
    assert set(calc._symbolic.RULE_FORMULAS) == set(calc._symbolic.RULES)
    used = {s.rule for text, _ in ONE_VARIABLE for s in corpus_result(text).steps}
    used |= {s.rule for text, var, _ in SEVERAL_VARIABLES
             for s in calc.partial_derivative(text, var).steps}
    t = sp.Symbol("t", real=True)
    for f in (sp.asin(t), sp.acos(t), sp.atan(t), sp.sinh(t), sp.cosh(t), sp.tanh(t)):
        used |= {s.rule for s in calc.derivative(f, t).steps}
    assert used == set(calc._symbolic.RULES)


def test_importing_the_package_does_not_import_sympy():
    code = (
        "import sys, mathforml.calculus as c; c.derivative; c.taylor_polynomial; "
        "c.newton_raphson; c.gradient_descent; print('sympy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- errors


def test_unknown_name_is_an_expression_error_naming_the_function():
    with pytest.raises(ExpressionError, match=r"derivative: cannot read expr 'x\*y'.*unknown "
                       r"name 'y'") as info:
        calc.derivative("x*y")
    assert info.value.column == 3
    with pytest.raises(ExpressionError, match="partial_derivative: cannot read expr"):
        calc.partial_derivative("x*w", "x")


def test_unreadable_text_is_an_expression_error():
    with pytest.raises(ExpressionError,
                       match=r"derivative: cannot read expr \"__import__.*unexpected character"):
        calc.derivative("__import__('os').system('true')")


@pytest.mark.parametrize("expr", [3, 2.5, None, [1, 2], sp.Matrix([[X]]), sp.Eq(X, 1)])
def test_expr_that_is_neither_text_nor_sympy(expr):
    with pytest.raises(DTypeError, match="derivative: expr must be a string .* or a SymPy "
                       "expression, got"):
        calc.derivative(expr)


def test_infinite_sympy_expression():
    with pytest.raises(NotFiniteError, match="derivative: expr contains infinity or NaN"):
        calc.derivative(X + sp.oo)


@pytest.mark.parametrize("var", ["2x", "sin", "pi", "x y", ""])
def test_var_must_be_a_plain_name(var):
    with pytest.raises(ParameterError, match=r"derivative: var must be a plain name"):
        calc.derivative("x", var)


def test_var_of_the_wrong_type():
    with pytest.raises(DTypeError, match=r"derivative: var must be a name \(str\) or a sympy "
                       r"Symbol, got 3"):
        calc.derivative("x", 3)


def test_partial_var_must_be_among_the_variables():
    with pytest.raises(ParameterError, match=r"partial_derivative: var 'z' must be one of "
                       r"variables \('x', 'y'\)"):
        calc.partial_derivative("x y", "z", variables=("x", "y"))
    with pytest.raises(DTypeError, match="partial_derivative: variables must be a sequence"):
        calc.partial_derivative("x y", "x", variables=5)
    with pytest.raises(ParameterError, match="partial_derivative: each of variables must be"):
        calc.partial_derivative("x", "x", variables=("x", "exp"))


def test_no_rule_for_an_unknown_function():
    f = sp.Function("f")
    with pytest.raises(ParameterError, match=r"derivative: no differentiation rule for f\(x\)"):
        calc.derivative(f(X))
    with pytest.raises(ParameterError, match=r"no differentiation rule for gamma\(x\)"):
        calc.derivative(sp.gamma(X) + X)


def test_abs_of_an_expression_real_where_defined():
    # log(x) is real for x > 0 only; there |log x|' = sign(log x)/x, as SymPy's (longer) form
    result, steps = calc.derivative("abs(log(x))")
    assert [s.rule for s in steps] == ["abs", "log", "chain"]
    assert_equal_at_points(result, sp.diff(sp.Abs(sp.log(X)), X), {X})  # x in (0.3, 2.1)


def test_abs_of_an_expression_not_known_to_be_real():
    w = sp.Symbol("w")
    with pytest.raises(ParameterError, match=r"derivative: \|u\|' = sign\(u\)·u' needs u real"):
        calc.derivative(sp.Abs(w), w)


def test_symbols_with_the_same_name():
    x_plain, x_real = sp.Symbol("x"), sp.Symbol("x", real=True)
    with pytest.raises(ParameterError, match="derivative: expr has 2 different symbols named 'x'"):
        calc.derivative(x_plain + x_real, "x")
    with pytest.raises(ParameterError, match="derivative: expr has a symbol named 'x' with other"):
        calc.derivative(x_plain**2, x_real)
