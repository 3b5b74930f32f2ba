"""Calculus: derivatives, symbolic and numerical, Taylor series and Newton's method.

The imports below double as a map: each function lives in the module named beside it.
"""

# numerical derivatives
from ._finite_differences import check_gradient, finite_difference, gradient, hessian, jacobian

__all__ = [
    "finite_difference",
    "gradient",
    "jacobian",
    "hessian",
    "check_gradient",
]
