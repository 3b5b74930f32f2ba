"""lagrange, kkt_conditions and minimize_constrained vs scipy.optimize.minimize(SLSQP).

Sign conventions: our Lagrangian is L = f + λᵀh + μᵀg with g(x) <= 0, SciPy's is
L = f − λᵀc_eq − μᵀc_ineq with c_ineq(x) >= 0. So our λ = −SciPy's equality
multipliers and our μ = SciPy's inequality multipliers (for g = −c_ineq).

Tolerances: SLSQP runs with ftol = 1e-14 and our methods to KKT residuals <= 1e-9;
at a regular solution the distance to the optimum is at most the residuals times the
norm of the inverse KKT matrix (~1 to 100 on these problems), far below 1e-6.
"""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import minimize as scipy_minimize

import mathforml.optim as opt
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
    SingularMatrixError,
)
from tests.reference import EPS, assert_close, assert_same_shape_dtype, cond


def slsqp(f, x0, jac=None, eq=(), ineq=(), bounds=None):
    """SLSQP with constraints in SciPy's form: eq c(x) = 0, ineq c(x) >= 0."""
    cons = [{"type": "eq", "fun": c} for c in eq] + [{"type": "ineq", "fun": c} for c in ineq]
    return scipy_minimize(f, x0, jac=jac, method="SLSQP", constraints=cons, bounds=bounds,
                          options={"ftol": 1e-14, "maxiter": 500})


@st.composite
def equality_qps(draw):
    """min ½ xᵀQx + cᵀx s.t. A x = b, Q SPD, A (p, n) of full row rank (well conditioned)."""
    n = draw(st.integers(2, 6))
    p = draw(st.integers(1, n - 1))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    B = rng.standard_normal((n, n))
    Q = B @ B.T / n + np.eye(n)
    A = rng.standard_normal((p, n))
    assume(cond(A @ A.T) < 1e4)
    return Q, rng.standard_normal(n), A, rng.standard_normal(p)


# --------------------------------------------------------------------------- lagrange

@given(equality_qps())
def test_lagrange_solves_the_kkt_system_exactly(problem):
    Q, c, A, b = problem
    n, p = c.size, b.size
    res = opt.lagrange((Q, c), (A, b))
    K = np.block([[Q, A.T], [A, np.zeros((p, p))]])
    z = np.linalg.solve(K, np.concatenate([-c, b]))  # LAPACK on the same KKT system
    assert_same_shape_dtype(res.x, z[:n])
    assert res.multipliers.shape == (p,) and res.nit == 0
    # one LU solve: forward error <= c · cond(K) · eps
    tol = 10 * (n + p) * cond(K) * EPS * np.abs(z).max()
    assert_close(res.x, z[:n], rtol=0, atol=tol)
    assert_close(res.multipliers, z[n:], rtol=0, atol=tol)
    assert res.fun == pytest.approx(0.5 * res.x @ Q @ res.x + c @ res.x, rel=1e-12, abs=1e-12)


@given(equality_qps())
def test_lagrange_matches_slsqp(problem):
    Q, c, A, b = problem

    def f(x):
        return 0.5 * x @ Q @ x + c @ x

    ref = slsqp(f, np.zeros(c.size), jac=lambda x: Q @ x + c, eq=[lambda x: A @ x - b])
    assume(ref.success)
    res = opt.lagrange((Q, c), (A, b))
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    # SLSQP's multipliers are accurate relative to their size (they grow like 1/‖A‖)
    assert_close(res.multipliers, -ref.multipliers, rtol=1e-5, atol=1e-5)
    # Newton on the Lagrangian from any start takes one step on this problem
    newton = opt.lagrange(f, (A, b), np.ones(c.size), jac=lambda x: Q @ x + c,
                          hess=lambda x: Q)
    assert newton.nit <= 2
    assert_close(newton.x, res.x, rtol=0, atol=1e-9)


def test_lagrange_on_a_circle_matches_slsqp():
    # min x₀ + x₁ on the unit circle: x = −(1, 1)/√2, λ = 1/√2 (∇f = −λ ∇h = −2λx)
    f, jac = (lambda x: x[0] + x[1]), (lambda x: np.ones(2))
    ref = slsqp(f, np.array([0.0, -1.0]), jac=jac, eq=[lambda x: x @ x - 1])
    res = opt.lagrange(f, lambda x: x @ x - 1, [0.0, -1.0], jac=jac)
    # the constraint's Jacobian comes from central differences: exact for x @ x up to
    # rounding, eps·|h|/h_step ≈ 4e-11, which is what moves x
    assert_close(res.x, -np.ones(2) / np.sqrt(2), rtol=0, atol=1e-10)
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert_close(res.multipliers, np.array([1 / np.sqrt(2)]), rtol=1e-10)


def test_lagrange_finds_stationary_points_not_only_minima():
    # From (1, −0.5) Newton's method on the Lagrangian converges to the constrained
    # MAXIMUM (1, 1)/√2, as the docstring warns: it solves ∇L = 0, nothing more.
    res = opt.lagrange(lambda x: x[0] + x[1], ((lambda x: x @ x - 1), (lambda x: 2 * x)),
                       [1.0, -0.5])
    assert_close(res.x, np.ones(2) / np.sqrt(2), rtol=1e-10)
    assert res.multipliers[0] < 0


def test_lagrange_on_rosenbrock_with_a_nonlinear_constraint():
    h = (lambda x: x @ x - 1, lambda x: 2 * x)
    ref = slsqp(opt.rosenbrock, np.array([0.5, 0.5]), jac=opt.rosenbrock.grad,
                eq=[lambda x: x @ x - 1])
    res = opt.lagrange(opt.rosenbrock, h, [0.5, 0.5], jac=opt.rosenbrock.grad,
                       hess=opt.rosenbrock.hess)
    numerical = opt.lagrange(opt.rosenbrock, lambda x: x @ x - 1, [0.5, 0.5])
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert_close(res.multipliers, -ref.multipliers, rtol=0, atol=1e-5)
    # with numerical gradients, Hessians and constraint Jacobians the answer is within their
    # error (~1e-8 for second differences) of the exact one
    assert_close(numerical.x, res.x, rtol=0, atol=1e-6)
    assert opt.kkt_conditions(opt.rosenbrock.grad, res.x, eq=h,
                              eq_multipliers=res.multipliers, tol=1e-9)


def test_lagrange_with_several_constraint_blocks():
    # min ‖x‖² s.t. x₀ + x₁ + x₂ = 1 (linear) and x₀ = x₁² (nonlinear)
    eq = [([[1.0, 1.0, 1.0]], [1.0]), (lambda x: x[0] - x[1] ** 2)]
    ref = slsqp(lambda x: x @ x, np.full(3, 0.3), eq=[lambda x: x.sum() - 1,
                                                      lambda x: x[0] - x[1] ** 2])
    res = opt.lagrange(lambda x: x @ x, eq, [0.3, 0.3, 0.3], jac=lambda x: 2 * x)
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert res.multipliers.shape == (2,)


# --------------------------------------------------------------------------- KKT report

TUTORIAL_A = np.array([[-1.0, 2.0], [1.0, 2.0], [1.0, -2.0]])
TUTORIAL_B = np.array([2.0, 6.0, 2.0])


def _tutorial():
    """SciPy's SLSQP tutorial problem: min (x₀ − 1)² + (x₁ − 2.5)², A x <= b, x >= 0."""
    f = lambda x: (x[0] - 1) ** 2 + (x[1] - 2.5) ** 2  # noqa: E731
    jac = lambda x: np.array([2 * (x[0] - 1), 2 * (x[1] - 2.5)])  # noqa: E731
    return f, jac


def test_kkt_report_is_zero_at_slsqp_answer_and_not_nearby():
    f, jac = _tutorial()
    bounds = [(0, None), (0, None)]
    ref = slsqp(f, np.array([2.0, 0.0]), jac=jac,
                ineq=[lambda x: TUTORIAL_B - TUTORIAL_A @ x], bounds=bounds)
    assert_close(ref.x, np.array([1.4, 1.7]), rtol=0, atol=1e-9)  # the known answer
    report = opt.kkt_conditions(jac, ref.x, ineq=(TUTORIAL_A, TUTORIAL_B), bounds=bounds)
    assert report and report.satisfied
    assert max(report.stationarity, report.primal_feasibility, report.dual_feasibility,
               report.complementary_slackness) <= 1e-9
    # μ for A x <= b (SciPy: 0.8 on the first) then for the two lower bounds (0, inactive)
    assert_close(report.ineq_multipliers, np.array([0.8, 0.0, 0.0, 0.0, 0.0]), rtol=0,
                 atol=1e-8)
    # with SciPy's own multipliers (its bounds' multipliers are not reported: 0, inactive)
    given_mu = np.concatenate([ref.multipliers, [0.0, 0.0]])
    assert opt.kkt_conditions(jac, ref.x, ineq=(TUTORIAL_A, TUTORIAL_B), bounds=bounds,
                              ineq_multipliers=given_mu)
    for step in ([1e-3, 0.0], [0.0, -1e-3], [-1e-3, -1e-3]):
        near = opt.kkt_conditions(jac, ref.x + np.array(step), ineq=(TUTORIAL_A, TUTORIAL_B),
                                  bounds=bounds)
        assert not near
        assert max(near.stationarity, near.primal_feasibility) > 1e-4


def test_kkt_residuals_individually():
    grad = lambda x: 2 * x  # noqa: E731  f = ‖x‖²
    ineq = (np.array([[-1.0, 0.0]]), np.array([-1.0]))  # 1 − x₀ <= 0, i.e. x₀ >= 1
    at = np.array([1.0, 0.0])  # the solution, μ = 2
    assert opt.kkt_conditions(grad, at, ineq=ineq, ineq_multipliers=[2.0])
    wrong_sign = opt.kkt_conditions(grad, at, ineq=ineq, ineq_multipliers=[-2.0])
    assert wrong_sign.dual_feasibility == 2.0 and wrong_sign.stationarity == 4.0
    inside = opt.kkt_conditions(grad, [2.0, 0.0], ineq=ineq, ineq_multipliers=[4.0])
    assert inside.stationarity == 0.0 and inside.complementary_slackness == 4.0
    outside = opt.kkt_conditions(grad, [0.5, 0.0], ineq=ineq)
    assert outside.primal_feasibility == 0.5
    # estimated multipliers of an inactive constraint are exactly 0
    free = opt.kkt_conditions(grad, [0.0, 0.0], ineq=(np.array([[1.0, 1.0]]), np.array([5.0])))
    assert free and (free.ineq_multipliers == 0).all()


def test_kkt_with_equality_constraints_vs_slsqp():
    f = lambda x: x @ x  # noqa: E731
    grad = lambda x: 2 * x  # noqa: E731
    eq = [([[1.0, 1.0, 1.0]], [1.0])]
    ineq = lambda x: 0.5 - x[0]  # noqa: E731  x₀ >= 0.5
    ref = slsqp(f, np.ones(3), jac=grad, eq=[lambda x: x.sum() - 1], ineq=[lambda x: x[0] - 0.5])
    report = opt.kkt_conditions(grad, ref.x, eq=eq, ineq=ineq)
    assert report
    assert_close(report.eq_multipliers, -ref.multipliers[:1], rtol=0, atol=1e-7)
    assert_close(report.ineq_multipliers, ref.multipliers[1:], rtol=0, atol=1e-7)
    assert not opt.kkt_conditions(grad, ref.x + np.array([1e-3, -1e-3, 0.0]), eq=eq, ineq=ineq)


# --------------------------------------------------------------------------- augmented Lagrangian

def test_tutorial_problem_matches_slsqp():
    f, jac = _tutorial()
    bounds = [(0, None), (0, None)]
    ref = slsqp(f, np.array([2.0, 0.0]), jac=jac,
                ineq=[lambda x: TUTORIAL_B - TUTORIAL_A @ x], bounds=bounds)
    res = opt.minimize_constrained(f, [2.0, 0.0], jac=jac, ineq=(TUTORIAL_A, TUTORIAL_B),
                                   bounds=bounds)
    assert res.success, res.message
    assert_same_shape_dtype(res.x, ref.x)
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert_close(res.ineq_multipliers[:3], ref.multipliers, rtol=0, atol=1e-6)
    assert res.kkt and res.kkt.tol == 1e-8
    assert res.fun == f(res.x)


def test_rosenbrock_in_a_disk_matches_slsqp():
    # the classic: min Rosenbrock s.t. x₀² + x₁² <= 1, solution ≈ (0.7864, 0.6177)
    disk = lambda x: x @ x - 1  # noqa: E731
    ref = slsqp(opt.rosenbrock, np.zeros(2), jac=opt.rosenbrock.grad,
                ineq=[lambda x: 1 - x @ x])
    for jac in (opt.rosenbrock.grad, None):  # analytic and numerical gradients
        res = opt.minimize_constrained(opt.rosenbrock, [0.0, 0.0], jac=jac, ineq=disk)
        assert res.success, res.message
        assert_close(res.x, ref.x, rtol=0, atol=1e-6)
        assert_close(res.ineq_multipliers, ref.multipliers, rtol=0, atol=1e-5)
    assert res.njev == 0 and res.nfev > 0


def test_equality_and_inequality_together():
    f = lambda x: (x[0] - 1) ** 2 + (x[1] - 2) ** 2 + x[2] ** 2  # noqa: E731
    eq = (lambda x: x[0] + x[1] + x[2] - 1, lambda x: np.ones(3))
    ineq = [lambda x: x[0] ** 2 - x[1], ([[0.0, 0.0, -1.0]], [0.2])]  # x₁ >= x₀², x₂ >= −0.2
    ref = slsqp(f, np.zeros(3), eq=[lambda x: x.sum() - 1],
                ineq=[lambda x: x[1] - x[0] ** 2, lambda x: x[2] + 0.2])
    res = opt.minimize_constrained(f, np.zeros(3), eq=eq, ineq=ineq)
    assert res.success, res.message
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert res.eq_multipliers.shape == (1,) and res.ineq_multipliers.shape == (2,)
    assert_close(res.eq_multipliers, -ref.multipliers[:1], rtol=0, atol=1e-5)
    assert_close(res.ineq_multipliers, ref.multipliers[1:], rtol=0, atol=1e-5)


@st.composite
def inequality_qps(draw):
    """min ½ xᵀQx + cᵀx s.t. A x <= b, feasible at 0 (b > 0)."""
    n = draw(st.integers(1, 4))
    m = draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    B = rng.standard_normal((n, n))
    Q = B @ B.T / n + np.eye(n)
    return Q, 3 * rng.standard_normal(n), rng.standard_normal((m, n)), rng.random(m) + 0.1


@given(inequality_qps())
def test_convex_qps_with_inequalities_match_slsqp(problem):
    Q, c, A, b = problem

    def f(x):
        return 0.5 * x @ Q @ x + c @ x

    def jac(x):
        return Q @ x + c

    ref = slsqp(f, np.zeros(c.size), jac=jac, ineq=[lambda x: b - A @ x])
    assume(ref.success)
    res = opt.minimize_constrained(f, np.zeros(c.size), jac=jac, ineq=(A, b))
    assert res.success, res.message
    # strictly convex: the solution is unique, and within (KKT residual) · ‖Q⁻¹‖ <= 1e-8
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert opt.kkt_conditions(jac, ref.x, ineq=(A, b), tol=1e-6)


def test_bounds_only():
    # min (x₀ − 3)² + (x₁ + 1)² on [0, 1] × [0, ∞): x = (1, 0), μ(upper x₀) = 4, μ(lower x₁) = 2
    res = opt.minimize_constrained(lambda x: (x[0] - 3) ** 2 + (x[1] + 1) ** 2, [0.5, 0.5],
                                   bounds=[(0, 1), (0, np.inf)])
    assert res.success
    assert_close(res.x, np.array([1.0, 0.0]), rtol=0, atol=1e-7)
    # order: finite lower bounds (x₀ >= 0, x₁ >= 0), then finite upper bounds (x₀ <= 1)
    assert_close(res.ineq_multipliers, np.array([0.0, 2.0, 4.0]), rtol=0, atol=1e-5)


def test_infeasible_constraints_are_reported():
    # x <= −1 and x >= 1: no feasible point; ρ grows until the cap
    res = opt.minimize_constrained(lambda x: x @ x, [0.0], ineq=[lambda x: x[0] + 1,
                                                                 lambda x: 1 - x[0]])
    assert not res.success and not res.kkt
    assert "probably infeasible" in res.message
    assert res.kkt.primal_feasibility > 0.5


def test_max_iter_is_reported():
    res = opt.minimize_constrained(opt.rosenbrock, [0.0, 0.0], ineq=lambda x: x @ x - 1,
                                   max_iter=1)
    assert not res.success and res.nit == 1
    assert res.message == "max_iter = 1 multiplier updates reached"


def test_unbounded_subproblem_is_reported():
    # f → −∞ along x₀ on the feasible line x₁ = 0: each BFGS line search runs out of trials
    with np.errstate(over="ignore", invalid="ignore"):
        res = opt.minimize_constrained(lambda x: -np.exp(x[0]) + x[1] ** 2, [0.0, 0.0],
                                       jac=lambda x: np.array([-np.exp(x[0]), 2 * x[1]]),
                                       eq=lambda x: x[1], max_iter=3)
    assert not res.success and not res.kkt
    assert res.message.startswith("max_iter = 3 multiplier updates reached; the last "
                                  "subproblem stopped at step")
    assert "strong Wolfe" in res.message


# --------------------------------------------------------------------------- bad input

def test_constraint_forms_are_checked():
    f = lambda x: x @ x  # noqa: E731
    with pytest.raises(DTypeError, match=r"minimize_constrained: eq must be a function c\(x\), "
                                         r"a pair \(c, jac\) of functions, a pair \(A, b\)"):
        opt.minimize_constrained(f, [1.0], eq="x = 1")
    with pytest.raises(ShapeError, match=r"minimize_constrained: ineq = \(A, b\) needs A of "
                                         r"shape \(k, 2\) and b of shape \(k,\), got A of shape "
                                         r"\(1, 3\)"):
        opt.minimize_constrained(f, [1.0, 1.0], ineq=([[1.0, 1.0, 1.0]], [1.0]))
    with pytest.raises(ShapeError, match=r"minimize_constrained: the Jacobian of eq must have "
                                         r"shape \(1, 2\)"):
        opt.minimize_constrained(f, [1.0, 1.0], eq=(lambda x: x[0], lambda x: np.ones(3)))
    with pytest.raises(ShapeError, match=r"kkt_conditions: eq\[1\] must return a scalar or a "
                                         r"1-D vector"):
        opt.kkt_conditions(lambda x: 2 * x, [1.0], eq=[lambda x: x, lambda x: np.eye(2)])
    with pytest.raises(DTypeError, match=r"lagrange: eq's Jacobian must be a function"):
        opt.lagrange(f, (lambda x: x[0], 3), [1.0])


def test_bounds_are_checked():
    f = lambda x: x @ x  # noqa: E731
    with pytest.raises(ParameterError, match=r"minimize_constrained: bounds\[0\] = \(2, 1\) has "
                                             r"low > high; the feasible set is empty"):
        opt.minimize_constrained(f, [1.0], bounds=[(2, 1)])
    with pytest.raises(ShapeError, match=r"minimize_constrained: bounds must hold 2 \(low, high\)"
                                         r" pairs"):
        opt.minimize_constrained(f, [1.0, 1.0], bounds=[(0, 1)])
    with pytest.raises(ShapeError, match=r"bounds must be a sequence of \(low, high\) pairs"):
        opt.minimize_constrained(f, [1.0], bounds=[1.0])


def test_lagrange_input_is_checked():
    with pytest.raises(ParameterError, match=r"lagrange: x0 is needed to start Newton's method"):
        opt.lagrange(lambda x: x @ x, ([[1.0]], [1.0]))
    with pytest.raises(ParameterError, match=r"lagrange: Q must be symmetric"):
        opt.lagrange(([[1.0, 2.0], [0.0, 1.0]], [0.0, 0.0]), ([[1.0, 1.0]], [1.0]))
    with pytest.raises(ShapeError, match=r"lagrange: f = \(Q, c\) needs Q of shape \(n, n\) and "
                                         r"c of shape \(n,\)"):
        opt.lagrange((np.eye(2), [0.0, 0.0, 0.0]), ([[1.0, 1.0]], [1.0]))
    with pytest.raises(ParameterError, match=r"lagrange: jac and hess are known for f = \(Q, c\)"):
        opt.lagrange((np.eye(1), [0.0]), ([[1.0]], [1.0]), jac=lambda x: x)
    with pytest.raises(ShapeError, match=r"lagrange: x0 has shape \(3,\) but Q is 2 x 2"):
        opt.lagrange((np.eye(2), [0.0, 0.0]), lambda x: x @ x - 1, [1.0, 0.0, 0.0])


def test_singular_kkt_system():
    # the same constraint twice: its gradients are dependent, the multipliers not unique
    with pytest.raises(SingularMatrixError, match=r"lagrange: the KKT matrix \[\[H, Aᵀ\], \[A, "
                                                  r"0\]\] is singular"):
        opt.lagrange((np.eye(2), np.zeros(2)), ([[1.0, 1.0], [1.0, 1.0]], [1.0, 1.0]))


def test_newton_on_the_lagrangian_can_fail():
    with pytest.raises(ConvergenceError, match=r"lagrange: Newton's method did not converge in "
                                               r"max_iter = 2 steps"):
        opt.lagrange(opt.rosenbrock, lambda x: x @ x - 1, [-1.0, 0.5], jac=opt.rosenbrock.grad,
                     max_iter=2)


def test_non_finite_and_wrong_multipliers():
    with pytest.raises(NotFiniteError, match=r"minimize_constrained: x0 contains NaN"):
        opt.minimize_constrained(lambda x: x @ x, [np.nan])
    with pytest.raises(NotFiniteError, match=r"minimize_constrained: f, its gradient or a "
                                             r"constraint is not finite at x0"):
        with np.errstate(divide="ignore"):
            opt.minimize_constrained(lambda x: x @ x, [0.0], ineq=lambda x: np.log(x[0]))
    with pytest.raises(ShapeError, match=r"kkt_conditions: ineq_multipliers must hold 1 numbers"):
        opt.kkt_conditions(lambda x: 2 * x, [1.0], ineq=lambda x: -x[0],
                           ineq_multipliers=[1.0, 2.0])
    with pytest.raises(ShapeError, match=r"kkt_conditions: grad must return shape \(1,\)"):
        opt.kkt_conditions(lambda x: np.ones(2), [1.0])
    with pytest.raises(ParameterError, match=r"minimize_constrained: max_iter must be a positive "
                                             r"integer, got 0"):
        opt.minimize_constrained(lambda x: x @ x, [1.0], max_iter=0)
