"""Symbolic derivatives, rule by rule: the working a learner writes, kept as data.

Every elementary function is built from a few shapes, and each shape has one
rule. Differentiating is a walk down the expression tree that applies the rule
of each node to the derivatives of its children:

=====================  =========================================================
rule                   identity
=====================  =========================================================
constant               d/dx c = 0
held constant          ∂/∂x y = 0: in a partial derivative the other variables
                       are constants
variable               d/dx x = 1
sum, difference        (u ± v)' = u' ± v'
constant multiple      (c u)' = c u'
power                  (uⁿ)' = n uⁿ⁻¹ (n constant)
sqrt                   (√u)' = 1 / (2√u)
exponential            (aᵘ)' = aᵘ ln a (a constant)
general power          (uᵛ)' = uᵛ (v' ln u + v u'/u), from uᵛ = e^(v ln u)
product                (u v)' = u' v + u v'
quotient               (u/v)' = (u' v − u v') / v²
chain                  d/dx F(u(x)) = F'(u) · u'(x)
exp, log               (eᵘ)' = eᵘ,  (ln u)' = 1/u
sin, cos, tan          cos u,  −sin u,  1/cos² u
abs                    |u|' = sign(u) (u real, u ≠ 0)
asin, acos, atan       ±1/√(1 − u²),  1/(1 + u²)
sinh, cosh, tanh       cosh u,  sinh u,  1 − tanh² u
simplify               the last step: the same derivative, tidied by SymPy
=====================  =========================================================

The rules for a function of ``u`` (power, sqrt, exponential and the named
functions) give the derivative with respect to ``u`` itself; when ``u`` is more
than the bare variable the chain rule multiplies by ``u'``. So d/dx sin(x²) is
three steps: the outer derivative d/du sin(u) = cos(x²) at u = x², the inner
d/dx x² = 2x, and the chain rule's product cos(x²)·2x.

SymPy holds the expressions (and ``simplify`` tidies the final form); the rules
are written here, and ``sympy.diff`` is used only by the tests, as the oracle.
SymPy is imported inside the functions (it takes about 0.4 s), so importing
this module is free.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .._expressions import CONSTANTS, FUNCTIONS, parse_expression
from .._steps import Step
from ..errors import DTypeError, ExpressionError, NotFiniteError, ParameterError

__all__ = [
    "derivative",
    "partial_derivative",
    "DerivativeResult",
    "DerivativeStep",
    "RULES",
    "RULE_FORMULAS",
]

# The identity behind each rule, in LaTeX, for the interfaces to show beside a step.
RULE_FORMULAS = {
    "constant": r"\frac{d}{dx} c = 0",
    "held constant": r"\frac{\partial}{\partial x} y = 0",
    "variable": r"\frac{d}{dx} x = 1",
    "sum": r"(u + v)' = u' + v'",
    "difference": r"(u - v)' = u' - v'",
    "constant multiple": r"(c\,u)' = c\,u'",
    "power": r"\frac{d}{du} u^{n} = n\,u^{n-1}",
    "sqrt": r"\frac{d}{du} \sqrt{u} = \frac{1}{2\sqrt{u}}",
    "exponential": r"\frac{d}{du} a^{u} = a^{u} \ln a",
    "general power": r"(u^{v})' = u^{v} \left(v' \ln u + \frac{v\,u'}{u}\right)",
    "product": r"(u\,v)' = u'\,v + u\,v'",
    "quotient": r"\left(\frac{u}{v}\right)' = \frac{u'\,v - u\,v'}{v^{2}}",
    "chain": r"\frac{d}{dx} F(u(x)) = F'(u)\,u'(x)",
    "exp": r"\frac{d}{du} e^{u} = e^{u}",
    "log": r"\frac{d}{du} \ln u = \frac{1}{u}",
    "sin": r"\frac{d}{du} \sin u = \cos u",
    "cos": r"\frac{d}{du} \cos u = -\sin u",
    "tan": r"\frac{d}{du} \tan u = \frac{1}{\cos^{2} u}",
    "abs": r"\frac{d}{du} |u| = \operatorname{sign}(u)",
    "asin": r"\frac{d}{du} \arcsin u = \frac{1}{\sqrt{1 - u^{2}}}",
    "acos": r"\frac{d}{du} \arccos u = -\frac{1}{\sqrt{1 - u^{2}}}",
    "atan": r"\frac{d}{du} \arctan u = \frac{1}{1 + u^{2}}",
    "sinh": r"\frac{d}{du} \sinh u = \cosh u",
    "cosh": r"\frac{d}{du} \cosh u = \sinh u",
    "tanh": r"\frac{d}{du} \tanh u = 1 - \tanh^{2} u",
    "simplify": r"\text{the same derivative, simplified}",
}
RULES = tuple(RULE_FORMULAS)
"""Every rule name a :class:`DerivativeStep` can carry."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --------------------------------------------------------------------------- steps as data


@dataclass(frozen=True)
class DerivativeStep(Step):
    """One rule applied: ``d/d(variable) expression = derivative``.

    ``variable`` is the symbol differentiated by, except for the outer part of a
    chain rule, where it is the inner expression ``u`` (d/du sin(u) = cos(u),
    with ``u = x²`` substituted). ``substeps`` are the steps of the parts, whose
    derivatives this rule combines (empty for the base rules).
    """

    rule: str
    expression: Any  # sympy.Expr
    derivative: Any  # sympy.Expr
    variable: Any  # sympy.Symbol, or the inner sympy.Expr u of a chain rule
    substeps: tuple[DerivativeStep, ...] = field(default=(), repr=False)
    partial: bool = False
    kind: str = field(init=False, default="derivative")

    def latex(self) -> str:
        """``\\frac{d}{dx} \\left(f\\right) = f'`` in LaTeX (∂ for a partial derivative)."""
        import sympy

        name = sympy.latex(self.variable)
        if not self.variable.is_Symbol:
            operator = rf"\frac{{d}}{{d\left({name}\right)}}"
        elif self.partial:
            operator = rf"\frac{{\partial}}{{\partial {name}}}"
        else:
            operator = rf"\frac{{d}}{{d{name}}}"
        return (
            rf"{operator} \left({sympy.latex(self.expression)}\right) = "
            rf"{sympy.latex(self.derivative)}"
        )


class DerivativeResult(NamedTuple):
    """What :func:`derivative` and :func:`partial_derivative` return."""

    result: Any
    """The simplified derivative, a SymPy expression."""
    steps: list[DerivativeStep]
    """Every rule applied, parts before the rule that combines them; the last step's
    ``derivative`` is ``result``."""


# --------------------------------------------------------------------------- the rules


def _function_rules(sp) -> dict:
    """F ↦ (rule, F'(u)): the derivative of each named function with respect to its argument."""
    return {
        sp.exp: ("exp", sp.exp),  # (eᵘ)' = eᵘ
        sp.log: ("log", lambda u: 1 / u),
        sp.sin: ("sin", sp.cos),
        sp.cos: ("cos", lambda u: -sp.sin(u)),
        sp.tan: ("tan", lambda u: 1 / sp.cos(u) ** 2),  # sec² u
        sp.Abs: ("abs", sp.sign),  # |u| = u for u > 0, −u for u < 0
        sp.asin: ("asin", lambda u: 1 / sp.sqrt(1 - u**2)),
        sp.acos: ("acos", lambda u: -1 / sp.sqrt(1 - u**2)),
        sp.atan: ("atan", lambda u: 1 / (1 + u**2)),
        sp.sinh: ("sinh", sp.cosh),
        sp.cosh: ("cosh", sp.sinh),
        sp.tanh: ("tanh", lambda u: 1 - sp.tanh(u) ** 2),
    }


class _Differentiator:
    """The recursive walk; ``steps`` collects every step, parts before the rule combining them."""

    def __init__(self, sp, var, partial: bool, func: str):
        self.sp = sp
        self.var = var
        self.partial = partial
        self.func = func
        self.functions = _function_rules(sp)
        self.steps: list[DerivativeStep] = []

    def step(self, rule, expression, result, substeps=(), variable=None) -> DerivativeStep:
        step = DerivativeStep(
            rule,
            expression,
            self.sp.sympify(result),
            self.var if variable is None else variable,
            tuple(substeps),
            self.partial,
        )
        self.steps.append(step)
        return step

    def d(self, f) -> DerivativeStep:
        """The step that differentiates ``f`` (after the steps of its parts)."""
        if self.var not in f.free_symbols:
            return self.step("held constant" if f.free_symbols else "constant", f, 0)
        if f == self.var:
            return self.step("variable", f, 1)
        if f.is_Add:
            return self.sum(f)
        if f.is_Mul:
            return self.product(f)
        if f.is_Pow:
            return self.power(f)
        if f.func in self.functions and len(f.args) == 1:
            rule, outer = self.functions[f.func]
            u = f.args[0]
            # |u|' = sign(u) u' holds for real u (|u| of a complex u has no derivative)
            if rule == "abs" and not all(s.is_extended_real for s in u.free_symbols):
                raise ParameterError(
                    f"{self.func}: |u|' = sign(u)·u' needs u real, and SymPy does not know "
                    f"that {u} is real; make the symbols real, e.g. sympy.Symbol('x', real=True)"
                )
            return self.outer(rule, f, u, outer(u))
        raise ParameterError(
            f"{self.func}: no differentiation rule for {f} (of type {type(f).__name__}); the "
            f"rules cover +, −, ×, ÷, powers, roots, exp, log, sin, cos, tan, abs, asin, "
            f"acos, atan, sinh, cosh and tanh"
        )

    def sum(self, f) -> DerivativeStep:
        # (u ± v)' = u' ± v': a term −v is differentiated as v and subtracted.
        signs, parts = [], []
        for term in f.args:
            negative = term.could_extract_minus_sign()
            signs.append(-1 if negative else 1)
            parts.append(-term if negative else term)
        substeps = [self.d(part) for part in parts]
        terms = zip(signs, substeps, strict=True)
        result = self.sp.Add(*(sign * step.derivative for sign, step in terms))
        rule = "difference" if -1 in signs else "sum"
        return self.step(rule, f, result, substeps)

    def product(self, f) -> DerivativeStep:
        sp, var = self.sp, self.var
        constants = [a for a in f.args if var not in a.free_symbols]
        factors = [a for a in f.args if var in a.free_symbols]
        if constants:  # (c u)' = c u'
            c, u = sp.Mul(*constants), sp.Mul(*factors)
            held = [self.step("held constant", c, 0)] if c.free_symbols else []
            inner = self.d(u)
            return self.step("constant multiple", f, c * inner.derivative, [*held, inner])
        # A factor with a negative numeric exponent, v⁻ⁿ, belongs to the denominator.
        below = [
            a for a in factors if a.is_Pow and a.exp.is_number and a.exp.is_extended_negative
        ]
        above = [a for a in factors if a not in below]
        if below and above:  # (u/v)' = (u' v − u v') / v²
            u = sp.Mul(*above)
            v = sp.Mul(*(sp.Pow(a.base, -a.exp) for a in below))
            du, dv = self.d(u), self.d(v)
            result = (du.derivative * v - u * dv.derivative) / v**2
            return self.step("quotient", f, result, [du, dv])
        # (u v)' = u' v + u v', with u the first factor and v the product of the others
        u, v = factors[0], sp.Mul(*factors[1:])
        du, dv = self.d(u), self.d(v)
        return self.step("product", f, du.derivative * v + u * dv.derivative, [du, dv])

    def power(self, f) -> DerivativeStep:
        sp, var = self.sp, self.var
        base, exponent = f.args
        if var not in exponent.free_symbols:
            if exponent == sp.Rational(1, 2):  # (√u)' = 1/(2√u)
                return self.outer("sqrt", f, base, 1 / (2 * sp.sqrt(base)))
            return self.outer("power", f, base, exponent * base ** (exponent - 1))
        if var not in base.free_symbols:  # aᵘ = e^(u ln a), so (aᵘ)' = aᵘ ln a
            return self.outer("exponential", f, exponent, f * sp.log(base))
        # uᵛ = e^(v ln u), so (uᵛ)' = uᵛ (v' ln u + v u'/u)
        du, dv = self.d(base), self.d(exponent)
        result = f * (dv.derivative * sp.log(base) + exponent * du.derivative / base)
        return self.step("general power", f, result, [du, dv])

    def outer(self, rule: str, f, u, outer_derivative) -> DerivativeStep:
        """F(u) with F'(u) known: the rule itself if u is the variable, else the chain rule."""
        if u == self.var:
            return self.step(rule, f, outer_derivative)
        outer = self.step(rule, f, outer_derivative, variable=u)
        inner = self.d(u)
        return self.step("chain", f, outer_derivative * inner.derivative, [outer, inner])


# --------------------------------------------------------------------------- validation


def _sympy_expression(expr, func: str, name: str = "expr"):
    """``expr`` if it is a finite SymPy expression, else a clear error (without importing SymPy)."""
    sp = sys.modules.get("sympy")  # a SymPy object means SymPy is already imported
    if sp is None or not isinstance(expr, sp.Expr):
        raise DTypeError(
            f"{func}: {name} must be a string such as 'x^2 + sin(x)' or a SymPy expression, "
            f"got {type(expr).__name__} ({expr!r})"
        )
    if expr.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        raise NotFiniteError(f"{func}: {name} contains infinity or NaN: {expr}")
    return expr


def _check_name(name, what: str, func: str):
    """A variable: a plain name (not a function or constant name) or a SymPy Symbol."""
    sp = sys.modules.get("sympy")
    if sp is not None and isinstance(name, sp.Symbol):
        return name
    if not isinstance(name, str):
        raise DTypeError(f"{func}: {what} must be a name (str) or a sympy Symbol, got {name!r}")
    if not _NAME.fullmatch(name) or name in FUNCTIONS or name in CONSTANTS:
        raise ParameterError(
            f"{func}: {what} must be a plain name such as 'x' that is not one of "
            f"{', '.join(FUNCTIONS + CONSTANTS)}, got {name!r}"
        )
    return name


def _parse(text: str, variables, func: str, name: str = "expr"):
    """``parse_expression``, with the function and argument named in its errors."""
    try:
        return parse_expression(text, variables)
    except ExpressionError as exc:
        error = ExpressionError(f"{func}: cannot read {name} {text!r}: {exc}")
        error.column = getattr(exc, "column", None)
        raise error from None


def _symbol(var, expr, func: str):
    """The symbol of ``expr`` named ``var`` (a new real symbol if ``expr`` does not contain it)."""
    import sympy

    name = var.name if isinstance(var, sympy.Symbol) else var
    same_name = [s for s in expr.free_symbols if s.name == name]
    if isinstance(var, sympy.Symbol):
        if same_name and var not in same_name:
            raise ParameterError(
                f"{func}: expr has a symbol named {name!r} with other assumptions than var; "
                f"use the same Symbol in both"
            )
        return var
    if len(same_name) > 1:
        raise ParameterError(
            f"{func}: expr has {len(same_name)} different symbols named {name!r} (with "
            f"different assumptions); pass the one you mean as a sympy Symbol"
        )
    return same_name[0] if same_name else sympy.Symbol(name, real=True)


# Above this many operations (SymPy's count_ops) simplify and factor can take minutes: a
# sum of four terms sin(kx)·eˣ/(x + k) takes simplify 24 s, and factor needs 500 s for sixteen.
_SIMPLIFY_LIMIT = 50
_EXPAND_DEGREE = 30  # a polynomial derivative is shown expanded up to this degree


def _degree_bound(p) -> int:
    """An upper bound on the degree of a polynomial expression, without expanding it."""
    if p.is_Add:
        return max(_degree_bound(a) for a in p.args)
    if p.is_Mul:
        return sum(_degree_bound(a) for a in p.args)
    if p.is_Pow:
        return int(p.exp) * _degree_bound(p.base)  # a polynomial's exponents are integers
    return 1 if p.is_Symbol else 0


def _tidy(raw, known, has_pi: bool, thorough: bool = True):
    """The simplest form of ``raw`` that says nothing new: ``simplify`` made predictable.

    The candidates are ``raw`` and SymPy's ``simplify``, ``trigsimp``, ``factor`` and
    ``cancel`` of it (for a polynomial, its expansion); the one with the fewest
    operations wins, among those built only from the function applications ``known``
    (those of f and of ``raw``) and without a π that was not there. ``simplify`` alone
    rewrites what a learner knows into what they may not: eˣ sin x + eˣ cos x becomes
    √2 eˣ sin(x + π/4), and σ(x)(1 − σ(x)) becomes 1/(4 cosh²(x/2)).
    A large sum is tidied term by term, with the quick methods only.
    """
    import sympy

    if sympy.count_ops(raw) > _SIMPLIFY_LIMIT:
        if raw.is_Add:
            return sympy.Add(*(_tidy(term, known, has_pi, thorough=False) for term in raw.args))
        return raw
    symbols = raw.free_symbols
    if symbols and raw.is_polynomial(*symbols):
        methods = [sympy.expand] if _degree_bound(raw) <= _EXPAND_DEGREE else []
    else:
        methods = [sympy.simplify, sympy.trigsimp] if thorough else []
        methods += [sympy.factor, sympy.cancel]
    candidates = [raw]
    for method in methods:
        candidate = method(raw)
        if candidate.atoms(sympy.Function) <= known and (has_pi or not candidate.has(sympy.pi)):
            candidates.append(candidate)
    return min(candidates, key=sympy.count_ops)  # the first of the shortest: raw on a tie


def _differentiate(f, var, partial: bool, func: str) -> DerivativeResult:
    """Apply the rules, then simplify; the steps end in the simplified result."""
    import sympy

    walk = _Differentiator(sympy, var, partial, func)
    root = walk.d(f)
    raw = root.derivative
    known = f.atoms(sympy.Function) | raw.atoms(sympy.Function)
    result = _tidy(raw, known, f.has(sympy.pi) or raw.has(sympy.pi))
    if result != raw:
        walk.step("simplify", f, result, [root])
    return DerivativeResult(result, walk.steps)


# --------------------------------------------------------------------------- public API


def derivative(expr, var="x") -> DerivativeResult:
    """The derivative of an expression in one variable, with every rule applied as a step.

    ``d/dx f`` by the rules of differentiation (the module docstring lists them:
    constant, variable, sum/difference, constant multiple, power, sqrt,
    exponential, general power, product, quotient, chain, exp, log, sin, cos,
    tan, abs...), applied down the expression tree, then simplified.

    Parameters
    ----------
    expr : str or sympy.Expr
        Text such as ``"sin(x^2)"`` (read by the safe parser
        :func:`mathforml._expressions.parse_expression`: nothing is evaluated as
        Python), or a SymPy expression (other symbols in it are constants).
    var : str or sympy.Symbol, default "x"
        The variable. A name becomes ``Symbol(name, real=True)``, unless a SymPy
        ``expr`` already holds a symbol of that name.

    Returns
    -------
    DerivativeResult
        ``result``, the simplified derivative (a SymPy expression), and
        ``steps``, a list of :class:`DerivativeStep` (rule, expression,
        derivative, variable, substeps), parts before the rule that combines
        them, so that ``steps[-1].derivative == result``.

    Raises
    ------
    ExpressionError
        If the text cannot be read (an unknown name, e.g. ``y`` when ``var`` is
        ``x``: use :func:`partial_derivative`).
    DTypeError
        If ``expr`` is neither a string nor a SymPy expression, or ``var`` is not
        a name.
    ParameterError
        If ``var`` is not a plain name, or no rule covers a function in ``expr``.
    NotFiniteError
        If a SymPy ``expr`` contains infinity or NaN.

    See Also
    --------
    partial_derivative : several variables, the others held constant.
    finite_difference : the derivative of a Python function, numerically.

    Examples
    --------
    >>> result, steps = derivative("sin(x^2)")
    >>> result
    2*x*cos(x**2)
    >>> [(s.rule, s.derivative) for s in steps]
    [('sin', cos(x**2)), ('power', 2*x), ('chain', 2*x*cos(x**2))]
    """
    func = "derivative"
    var = _check_name(var, "var", func)
    if isinstance(expr, str):
        f = _parse(expr, (var,), func)
    else:
        f = _sympy_expression(expr, func)
    return _differentiate(f, _symbol(var, f, func), False, func)


def partial_derivative(expr, var, variables=("x", "y", "z")) -> DerivativeResult:
    """The partial derivative ∂f/∂var, the other variables held constant, rule by rule.

    ``∂f/∂x`` is the derivative of ``f`` along ``x`` with every other variable
    frozen: ``∂/∂x (x² y) = 2 x y``. The steps are those of :func:`derivative`,
    plus a ``"held constant"`` step for each part that holds only the other
    variables (``∂/∂x y = 0``, or ``y`` as the constant of a constant multiple).

    Parameters
    ----------
    expr : str or sympy.Expr
        Text such as ``"x^2 y + sin(y)"``, or a SymPy expression.
    var : str or sympy.Symbol
        The variable to differentiate by.
    variables : sequence of str or sympy.Symbol, default ("x", "y", "z")
        The names a text ``expr`` may use; ``var`` must be one of them. Not used
        for a SymPy ``expr``, which carries its own symbols.

    Returns
    -------
    DerivativeResult
        ``result`` (simplified) and ``steps``, as for :func:`derivative`; the
        steps have ``partial=True``.

    Raises
    ------
    ExpressionError
        If the text cannot be read (e.g. a name not in ``variables``).
    DTypeError
        If ``expr`` is neither a string nor a SymPy expression, or a variable is
        not a name.
    ParameterError
        If ``var`` is not among ``variables``, a name is not a plain name, or no
        rule covers a function in ``expr``.
    NotFiniteError
        If a SymPy ``expr`` contains infinity or NaN.

    See Also
    --------
    derivative : one variable.
    gradient : all partial derivatives of a Python function, numerically.

    Examples
    --------
    >>> result, steps = partial_derivative("x^2*y + sin(y)", "x")
    >>> result
    2*x*y
    >>> [s.rule for s in steps]
    ['held constant', 'power', 'constant multiple', 'held constant', 'sum']
    """
    func = "partial_derivative"
    var = _check_name(var, "var", func)
    if isinstance(expr, str):
        if isinstance(variables, str):
            variables = (variables,)
        try:
            variables = tuple(_check_name(v, "each of variables", func) for v in variables)
        except TypeError:
            raise DTypeError(
                f"{func}: variables must be a sequence of names, got {variables!r}"
            ) from None
        names = [v if isinstance(v, str) else v.name for v in variables]
        name = var if isinstance(var, str) else var.name
        if name not in names:
            raise ParameterError(
                f"{func}: var {name!r} must be one of variables {tuple(names)}; add it to "
                f"variables"
            )
        if not isinstance(var, str):  # the caller's Symbol stands for that name
            pairs = zip(names, variables, strict=True)
            variables = tuple(var if n == name else v for n, v in pairs)
        f = _parse(expr, variables, func)
    else:
        f = _sympy_expression(expr, func)
    return _differentiate(f, _symbol(var, f, func), True, func)
