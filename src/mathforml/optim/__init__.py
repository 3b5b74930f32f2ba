"""Optimization: losses, regularization, optimizers, minimization and constraints.

Losses take the prediction first, like PyTorch: ``mse(y_hat, y, reduction="mean")``; beside
each sits its gradient with respect to the prediction, ``mse_grad(y_hat, y, reduction)``,
with the same arguments (for ``reduction="none"``, the gradient of the sum). Penalties come in
threes: ``l1(w, lam)``, ``l1_grad(w, lam)`` and the proximal step ``l1_prox(w, lam, lr)``.
Optimizers (``SGD``, ``Adam``...) update NumPy arrays in place with exactly ``torch.optim``'s
semantics: ``opt = Adam([w, b], lr=0.01)`` then ``opt.step([grad_w, grad_b])`` each step."""

# losses and their gradients: f(y_hat, y, reduction) and f_grad, same arguments
from ._losses import (
    mse,
    mse_grad,
    mae,
    mae_grad,
    huber,
    huber_grad,
    hinge,
    hinge_grad,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
)

# regularization: r(w, lam), r_grad(w, lam), r_prox(w, lam, lr)
from ._regularization import (
    l1,
    l1_grad,
    l1_prox,
    l2,
    l2_grad,
    l2_prox,
    elastic_net,
    elastic_net_grad,
    elastic_net_prox,
)

# optimizers, in order of increasing complexity
from ._sgd import GradientDescent, SGD
from ._adagrad import AdaGrad
from ._rmsprop import RMSProp
from ._adam import Adam, AdamW

# learning-rate schedules
from ._schedules import StepLR, ExponentialLR, CosineAnnealingLR

# training loops
from ._training import fit

# minimization
from ._minimize import minimize
from ._line_search import line_search

# convexity and landscapes
from ._convexity import is_convex
from ._landscapes import rosenbrock, double_well

# constrained optimization
from ._constrained import lagrange, kkt_conditions, minimize_constrained

__all__ = [
    "mse",
    "mse_grad",
    "mae",
    "mae_grad",
    "huber",
    "huber_grad",
    "hinge",
    "hinge_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "l1",
    "l1_grad",
    "l1_prox",
    "l2",
    "l2_grad",
    "l2_prox",
    "elastic_net",
    "elastic_net_grad",
    "elastic_net_prox",
    "GradientDescent",
    "SGD",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "AdamW",
    "StepLR",
    "ExponentialLR",
    "CosineAnnealingLR",
    "fit",
    "minimize",
    "line_search",
    "is_convex",
    "rosenbrock",
    "double_well",
    "lagrange",
    "kkt_conditions",
    "minimize_constrained",
]
