"""Penalties vs torch autograd; proximal operators vs torch's softshrink, their optimality
conditions and scikit-learn's lasso/elastic net (exact zeros where the theory says)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import ElasticNet, Lasso

import mathforml.optim as mo
from mathforml.errors import DTypeError, NotFiniteError, ParameterError
from tests.reference import EPS, assert_close
from tests.strategies import ELEMENTS

weights = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=6),
                     elements=ELEMENTS)
lams = st.floats(0, 10)
lrs = st.floats(1e-3, 10)
ratios = st.floats(0, 1)
# Below the smallest normal number only absolute precision is left: two orders of the same
# products may differ there by a unit of 5e-324 (Hypothesis does draw subnormal λ).
TINY = np.finfo(np.float64).tiny


def torch_penalty_and_grad(penalty, w):
    t = torch.tensor(np.asarray(w, dtype=float), requires_grad=True)
    value = penalty(t)
    value.backward()
    return value.item(), t.grad.numpy()


# --- values and (sub)gradients vs torch autograd ---------------------------------------------


@given(weights, lams)
def test_l1_matches_torch(w, lam):
    value, grad = torch_penalty_and_grad(lambda t: lam * t.abs().sum(), w)
    # Sums of n <= 36 terms in different orders: relative error below n·ε (TINY: see below).
    assert_close(mo.l1(w, lam), value, rtol=1e-13, atol=TINY)
    # torch's abs backward is sign(w), 0 at w = 0: our subgradient convention.
    assert_close(mo.l1_grad(w, lam), grad, rtol=1e-15, atol=TINY)


@given(weights, lams)
def test_l2_matches_torch_and_is_weight_decay(w, lam):
    value, grad = torch_penalty_and_grad(lambda t: 0.5 * lam * (t**2).sum(), w)
    # torch's backward computes (½λ)·2w, we λw: equal but at subnormal λ (TINY: see below).
    assert_close(mo.l2(w, lam), value, rtol=1e-13, atol=TINY)
    assert_close(mo.l2_grad(w, lam), grad, rtol=1e-15, atol=TINY)


@given(weights, lams, ratios)
def test_elastic_net_matches_torch(w, lam, rho):
    value, grad = torch_penalty_and_grad(
        lambda t: lam * (rho * t.abs().sum() + 0.5 * (1 - rho) * (t**2).sum()), w
    )
    # Two terms summed: relative to their size, plus TINY for subnormal λ.
    scale = lam * (np.abs(w).sum() + (w**2).sum())
    assert_close(mo.elastic_net(w, lam, rho), value, rtol=1e-13, atol=1e-13 * scale + TINY)
    assert_close(mo.elastic_net_grad(w, lam, rho), grad, rtol=1e-13,
                 atol=1e-13 * lam * (1 + np.abs(w).max(initial=0)) + TINY)


def test_elastic_net_ends_are_l1_and_l2():
    w = np.array([1.5, -2.0, 0.0, 3.0])
    assert mo.elastic_net(w, 0.7, l1_ratio=1.0) == mo.l1(w, 0.7)
    assert mo.elastic_net(w, 0.7, l1_ratio=0.0) == mo.l2(w, 0.7)
    assert_close(mo.elastic_net_prox(w, 0.7, 0.5, l1_ratio=1.0), mo.l1_prox(w, 0.7, 0.5))
    assert_close(mo.elastic_net_prox(w, 0.7, 0.5, l1_ratio=0.0), mo.l2_prox(w, 0.7, 0.5))


def test_weight_decay_in_sgd_is_the_l2_gradient():
    w, v = np.array([1.0, -2.0]), np.array([1.0, -2.0])
    g = np.array([0.3, 0.1])
    mo.SGD([w], lr=0.1, weight_decay=0.5).step([g])
    mo.SGD([v], lr=0.1).step([g + mo.l2_grad(v, 0.5)])
    assert_close(w, v, rtol=1e-15)


# --- proximal operators -----------------------------------------------------------------------


@given(weights, lams, lrs)
def test_l1_prox_is_torch_softshrink_with_exact_zeros(w, lam, lr):
    x = mo.l1_prox(w, lam, lr)
    threshold = lr * lam
    expected = F.softshrink(torch.tensor(w), threshold).numpy()
    # softshrink computes w ∓ t, we sign(w)(|w| − t): the same single rounding.
    assert_close(x, expected, rtol=1e-15)
    small = np.abs(w) <= threshold
    assert (x[small] == 0).all()  # exactly zero, not merely tiny
    assert (x[~small] != 0).all()  # and nowhere else
    assert (np.sign(x[~small]) == np.sign(w[~small])).all()


def test_l1_prox_zeros_at_the_threshold_itself():
    # lr·λ = 0.5 exactly: |w| = 0.5 is on the boundary and must become 0.
    w = np.array([0.5, -0.5, 0.5000000000000001, -0.4999999999999999, 0.0])
    assert_close(mo.l1_prox(w, 1.0, 0.5), np.array([0.0, 0.0, 1.1102230246251565e-16, 0.0, 0.0]))
    assert (mo.l1_prox(w, 1.0, 0.5)[[0, 1, 3, 4]] == 0).all()


@given(weights, lams, lrs, ratios)
def test_prox_satisfies_its_optimality_condition(v, lam, lr, rho):
    # x = prox(v) iff v − x ∈ lr·∂R(x): per coordinate, for x ≠ 0,
    # v − x = lr·λ(ρ sign(x) + (1 − ρ) x); for x = 0, |v| <= lr·λρ.
    x = mo.elastic_net_prox(v, lam, lr, rho)
    a, b = lr * lam * rho, lr * lam * (1 - rho)
    nz = x != 0
    residual = (v - x)[nz] - (a * np.sign(x[nz]) + b * x[nz])
    assert np.abs(residual).max(initial=0) <= 8 * EPS * (1 + np.abs(v).max(initial=0)) * (1 + b)
    assert (np.abs(v[~nz]) <= a).all()


@given(weights, lams, lrs)
def test_l2_prox_is_the_shrinkage_that_solves_its_stationarity(v, lam, lr):
    x = mo.l2_prox(v, lam, lr)
    # ∇ [½‖x − v‖² + lr·½λ‖x‖²] = x − v + lr·λ x = 0
    assert_close(x - v + lr * lam * x, np.zeros_like(v), rtol=0,
                 atol=4 * EPS * (1 + lr * lam) * (1 + np.abs(v).max(initial=0)))
    assert ((x == 0) == (v == 0)).all()  # shrinkage never creates zeros


@pytest.mark.parametrize("alpha, l1_ratio", [(0.3, 0.5), (0.05, 0.9), (1.0, 0.2)])
def test_elastic_net_prox_is_sklearn_elastic_net_on_an_orthogonal_design(alpha, l1_ratio):
    # With X = I (n samples = n features), scikit-learn minimises
    # (1/2n)‖v − w‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖², which is n⁻¹ times the prox objective with
    # lr·λ = n·α; coordinate descent solves an orthogonal design exactly in one sweep.
    v = np.array([2.0, -0.1, 0.3, -1.5, 0.05, 0.0])
    n = len(v)
    model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-14,
                       max_iter=10_000).fit(np.eye(n), v)
    x = mo.elastic_net_prox(v, lam=n * alpha, lr=1.0, l1_ratio=l1_ratio)
    assert_close(x, model.coef_, rtol=1e-12, atol=1e-15)
    assert ((x == 0) == (model.coef_ == 0)).all()


def test_proximal_gradient_descent_finds_the_lasso_solution_with_exact_zeros():
    # ISTA: w ← prox_{lr·λ‖·‖₁}(w − lr ∇f(w)) on f(w) = (1/2n)‖X w − y‖², against sklearn's Lasso.
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 8))
    y = X @ np.array([3.0, 0, 0, -2.0, 0, 0, 0, 1.0]) + 0.1 * rng.standard_normal(50)
    lam = 0.2
    lr = 1 / np.linalg.eigvalsh(X.T @ X / 50).max()  # 1/L, L the gradient's Lipschitz constant
    w = np.zeros(8)
    for _ in range(3000):
        w = mo.l1_prox(w - lr * X.T @ (X @ w - y) / 50, lam, lr)
    ref = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    # Both solve the same strictly convex problem to near machine precision.
    assert_close(w, ref, rtol=1e-9, atol=1e-12)
    assert ((w == 0) == (ref == 0)).all() and (w == 0).sum() >= 3
    # A subgradient step on the same problem only hovers around zero, never reaching it.
    u = np.zeros(8)
    for _ in range(3000):
        u -= lr * (X.T @ (X @ u - y) / 50 + mo.l1_grad(u, lam))
    assert (u[w == 0] != 0).all()


def test_named_hard_cases():
    assert mo.l1([], 1.0) == 0.0 and mo.l2([], 1.0) == 0.0
    assert mo.l1_prox([], 1.0, 1.0).shape == (0,)
    assert mo.l1(np.array(-3), 2) == 6.0  # 0-d and integer input
    assert_close(mo.l1_grad([0, 1, -2], 1), np.array([0.0, 1.0, -1.0]))
    huge = np.array([1e300, -1e300])
    assert_close(mo.l1_prox(huge, 1e290, 1.0), np.array([1e300 - 1e290, -1e300 + 1e290]))
    with pytest.warns(RuntimeWarning, match="overflow"):  # NumPy says so; inf is the answer
        assert mo.l2(huge, 1.0) == np.inf
    tiny = np.array([1e-300, -3e-300])
    assert_close(mo.l2_prox(tiny, 1.0, 1.0), tiny / 2)
    assert (mo.l1_prox(tiny, 1e-290, 1.0) == 0).all()
    assert (mo.l1_prox(np.array([0.3, -0.3]), 0.0, 1.0) == [0.3, -0.3]).all()  # λ = 0


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [mo.l1, mo.l2_grad, mo.elastic_net])
@pytest.mark.parametrize("lam, message", [
    (-0.1, r"lam must be a finite number >= 0, got -0.1"),
    (float("nan"), r"lam must be a finite number >= 0, got nan"),
    ("1", r"lam must be a real number >= 0, got '1'"),
    (True, r"lam must be a real number >= 0, got True"),
])
def test_lam_must_be_nonnegative(fn, lam, message):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: {message}"):
        fn([1.0], lam)


@pytest.mark.parametrize("fn", [mo.l1_prox, mo.l2_prox, mo.elastic_net_prox])
@pytest.mark.parametrize("lr", [0, -1.0, float("inf")])
def test_prox_lr_must_be_positive(fn, lr):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: lr must be a finite number > 0"):
        fn([1.0], 1.0, lr)


@pytest.mark.parametrize("fn, args", [
    (mo.elastic_net, ()), (mo.elastic_net_grad, ()), (mo.elastic_net_prox, (1.0,)),
])
def test_l1_ratio_must_be_a_fraction(fn, args):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: l1_ratio must lie in \[0, 1\], "
                                             r"got 1.5"):
        fn([1.0], 1.0, *args, l1_ratio=1.5)


def test_bad_weights():
    with pytest.raises(NotFiniteError, match=r"l1_grad: w contains NaN"):
        mo.l1_grad([np.nan], 1.0)
    with pytest.raises(DTypeError, match=r"l2: w must hold numbers"):
        mo.l2(["a"], 1.0)
