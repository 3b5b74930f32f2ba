"""Practice: differentiate g(u(x)) by the chain rule, f'(x) = g'(u(x)) · u'(x).

The answer is an expression in x, so this topic exercises the other half of answer
checking: learner expressions compared with SymPy's derivative at fixed points, and the
reader's refusal of ``2xcos(x^2)`` (which SymPy's own parser reads as 2·c·o·s·x³).
"""

from __future__ import annotations

from .build import build_problem, seeded
from .problem import Problem

__all__ = ["generate"]

TOPIC = "derivative"


def generate(seed: int) -> Problem:
    """g is sin, cos, exp, log, sqrt or a power; u = a xᵏ + b with small integers
    (positive for every x under log and sqrt)."""
    import sympy

    from ..._expressions import format_value

    x = sympy.Symbol("x", real=True)  # the symbol the answer reader makes of "x"
    u_ = sympy.Symbol("u")
    rng = seeded(TOPIC, seed)
    outers = {
        "sin": sympy.sin(u_), "cos": sympy.cos(u_), "exp": sympy.exp(u_),
        "log": sympy.log(u_), "sqrt": sympy.sqrt(u_), "square": u_**2, "cube": u_**3,
    }  # fmt: skip
    name = rng.choice(sorted(outers))
    g = outers[name]
    if name in ("log", "sqrt"):  # u = a x² + b > 0 for every x: f is real everywhere
        a, k, b = rng.randint(1, 3), 2, rng.randint(1, 3)
    else:
        a, k, b = rng.choice((1, 2, 3, -1, -2)), rng.choice((1, 2, 2, 3)), rng.randint(-3, 3)
        if k == 1 and b == 0:
            b = rng.choice((1, -1))  # u = a x alone would make the chain rule look optional
    u = a * x**k + b
    f = g.subs(u_, u)
    g_prime = sympy.diff(g, u_)
    u_prime = sympy.diff(u, x)
    answer = sympy.diff(f, x)
    latex = sympy.latex
    solution = [
        rf"Write $f = g(u)$ with $u = {latex(u)}$ and $g(u) = {latex(g)}$; by the chain "
        rf"rule $f'(x) = g'(u)\,u'(x)$.",
        rf"$g'(u) = {latex(g_prime)}$ and $u'(x) = {latex(u_prime)}$.",
        rf"$f'(x) = {latex(g_prime.subs(u_, u))} \cdot \left({latex(u_prime)}\right) = "
        rf"{latex(answer)}$.",
    ]
    mistakes = [
        ("forgot_inner_derivative", g_prime.subs(u_, u),
         "chain rule: multiply by the derivative of the inside, u'(x)"),
        ("inner_derivative_only", u_prime,
         "that is only u'(x); multiply it by g'(u) evaluated at u = u(x)"),
    ]
    if name == "cos":
        mistakes.append(("sign_of_cos", -answer, "the derivative of cos is −sin"))
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Differentiate $f(x) = {latex(f)}$ with respect to $x$.",
        answer=answer,
        answer_format="an expression in x, e.g. 3x^2 exp(x^3)",
        solution=solution,
        kind="expression",
        variables=("x",),
        mistakes=tuple(mistakes),
        data={"f": format_value(f)},
    )
