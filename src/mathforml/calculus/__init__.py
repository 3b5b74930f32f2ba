"""Calculus: derivatives, symbolic and numerical, Taylor series and Newton's method.

Symbolic derivatives show their working rule by rule (SymPy, imported only when a
symbolic function runs); numerical ones are finite differences of Python functions of
NumPy vectors. The imports below double as a map: each function lives in the module named
beside it.
"""

# numerical derivatives
from ._finite_differences import finite_difference, gradient, jacobian, hessian, check_gradient

# symbolic derivatives with their steps, Taylor, Newton, gradient descent
from ._symbolic import derivative, partial_derivative
from ._taylor import taylor_polynomial
from ._newton import newton_raphson
from ._gradient_descent import gradient_descent, fit_least_squares

__all__ = [
    "finite_difference",
    "gradient",
    "jacobian",
    "hessian",
    "check_gradient",
    "derivative",
    "partial_derivative",
    "taylor_polynomial",
    "newton_raphson",
    "gradient_descent",
    "fit_least_squares",
]
