"""Learning-rate schedules vs torch.optim.lr_scheduler, epoch by epoch."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import mathforml.optim as mo
from mathforml.errors import ParameterError
from tests.reference import EPS, assert_close


def lrs_against_torch(ours_cls, torch_cls, base_lr, epochs, **kw):
    """The learning rate after each epoch, ours and torch's (optimizer step, then schedule)."""
    ours = ours_cls(mo.SGD([np.zeros(1)], lr=base_lr), **kw)
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    topt = torch.optim.SGD([p], lr=base_lr)
    theirs = torch_cls(topt, **kw)
    ours_lrs, torch_lrs = [], []
    for _ in range(epochs):
        p.grad = torch.zeros_like(p)
        topt.step()  # torch warns if the schedule steps before the optimizer
        theirs.step()
        ours_lrs.append(ours.step())
        torch_lrs.append(theirs.get_last_lr()[0])
    assert ours.get_last_lr() == ours_lrs[-1] and ours.last_epoch == epochs
    return np.array(ours_lrs), np.array(torch_lrs)


# The same Python arithmetic as torch's schedulers, in the same order: equal to the last bit
# (rtol=0), over many epochs and several cosine periods.


@pytest.mark.parametrize("step_size, gamma", [(1, 0.5), (3, 0.1), (10, 0.9), (7, 1.5)])
def test_step_lr_matches_torch(step_size, gamma):
    ours, theirs = lrs_against_torch(mo.StepLR, torch.optim.lr_scheduler.StepLR, 0.1, 300,
                                     step_size=step_size, gamma=gamma)
    assert_close(ours, theirs, rtol=0)


@pytest.mark.parametrize("gamma", [0.5, 0.9, 0.999, 1.01])
def test_exponential_lr_matches_torch(gamma):
    ours, theirs = lrs_against_torch(mo.ExponentialLR, torch.optim.lr_scheduler.ExponentialLR,
                                     0.1, 500, gamma=gamma)
    assert_close(ours, theirs, rtol=0)


@pytest.mark.parametrize("T_max, eta_min", [(1, 0.0), (2, 0.0), (10, 0.0), (7, 1e-3),
                                            (100, 1e-5), (50, 0.2)])
def test_cosine_annealing_lr_matches_torch_over_several_periods(T_max, eta_min):
    ours, theirs = lrs_against_torch(mo.CosineAnnealingLR,
                                     torch.optim.lr_scheduler.CosineAnnealingLR, 0.1,
                                     6 * T_max + 3, T_max=T_max, eta_min=eta_min)
    assert_close(ours, theirs, rtol=0)


@given(base=st.floats(1e-6, 10), step_size=st.integers(1, 20), gamma=st.floats(0.01, 1.0),
       T_max=st.integers(1, 60), eta_min=st.floats(0, 1e-3))
def test_random_schedules_match_torch(base, step_size, gamma, T_max, eta_min):
    for ours_cls, torch_cls, kw in [
        (mo.StepLR, torch.optim.lr_scheduler.StepLR, dict(step_size=step_size, gamma=gamma)),
        (mo.ExponentialLR, torch.optim.lr_scheduler.ExponentialLR, dict(gamma=gamma)),
        (mo.CosineAnnealingLR, torch.optim.lr_scheduler.CosineAnnealingLR,
         dict(T_max=T_max, eta_min=eta_min)),
    ]:
        ours, theirs = lrs_against_torch(ours_cls, torch_cls, base, 80, **kw)
        assert_close(ours, theirs, rtol=0)


@pytest.mark.parametrize("T_max, eta_min, base", [(10, 0.0, 1.0), (100, 1e-4, 0.1),
                                                  (7, 0.01, 0.5), (1000, 0.0, 1e-3)])
def test_cosine_recursion_stays_on_the_closed_form(T_max, eta_min, base):
    # η_t = η_min + ½(η₀ − η_min)(1 + cos(π t/T)); the recursion only adds rounding, measured
    # at most 40 ε·η₀ over five periods for these cases.
    schedule = mo.CosineAnnealingLR(mo.SGD([np.zeros(1)], lr=base), T_max=T_max,
                                    eta_min=eta_min)
    t = np.arange(1, 5 * T_max + 1)
    recursive = np.array([schedule.step() for _ in t])
    closed = eta_min + (base - eta_min) * (1 + np.cos(np.pi * t / T_max)) / 2
    assert np.abs(recursive - closed).max() <= 64 * EPS * base
    assert recursive[T_max - 1] == pytest.approx(eta_min, abs=64 * EPS * base)


def test_closed_forms_of_step_and_exponential():
    step = mo.StepLR(mo.SGD([np.zeros(1)], lr=2.0), step_size=3, gamma=0.5)
    expo = mo.ExponentialLR(mo.SGD([np.zeros(1)], lr=2.0), gamma=0.9)
    for t in range(1, 40):
        assert step.step() == pytest.approx(2.0 * 0.5 ** (t // 3), rel=1e-15)
        assert expo.step() == pytest.approx(2.0 * 0.9**t, rel=40 * EPS)


def test_training_with_a_schedule_matches_torch():
    # Adam + StepLR for 60 epochs of 5 steps on a quadratic: same parameters.
    A = np.array([[2.0, 0.5], [0.5, 1.0]])
    w = np.array([1.0, -1.0])
    tw = torch.tensor(w.copy(), requires_grad=True)
    opt, topt = mo.Adam([w], lr=0.1), torch.optim.Adam([tw], lr=0.1)
    sched = mo.CosineAnnealingLR(opt, T_max=20, eta_min=1e-3)
    tsched = torch.optim.lr_scheduler.CosineAnnealingLR(topt, T_max=20, eta_min=1e-3)
    for _ in range(60):
        for _ in range(5):
            opt.step([A @ w - 1.0])
            tw.grad = torch.tensor(A @ tw.detach().numpy() - 1.0)
            topt.step()
        sched.step()
        tsched.step()
    assert opt.lr == topt.param_groups[0]["lr"]
    # A contracting problem: rounding differences stay near ε (see test_optimizers).
    assert_close(w, tw.detach().numpy(), rtol=1e-12)
    assert math.isfinite(w.sum())


def test_repr():
    schedule = mo.StepLR(mo.SGD([np.zeros(1)], lr=0.5), step_size=1, gamma=0.5)
    schedule.step()
    assert repr(schedule) == "StepLR(last_epoch=1, lr=0.25)"


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("cls, kw", [
    (mo.StepLR, {"step_size": 1}), (mo.ExponentialLR, {"gamma": 0.5}),
    (mo.CosineAnnealingLR, {"T_max": 10}),
])
def test_the_optimizer_must_be_ours(cls, kw):
    with pytest.raises(ParameterError, match=rf"{cls.__name__}: optimizer must be a "
                                             r"mathforml.optim optimizer .* got list"):
        cls([np.zeros(1)], **kw)


@pytest.mark.parametrize("cls, kw, message", [
    (mo.StepLR, {"step_size": 0}, r"StepLR: step_size must be a positive integer, got 0"),
    (mo.StepLR, {"step_size": 2.5}, r"StepLR: step_size must be a positive integer, got 2.5"),
    (mo.StepLR, {"step_size": 2, "gamma": 0}, r"StepLR: gamma must be a finite number > 0"),
    (mo.ExponentialLR, {"gamma": -0.5}, r"ExponentialLR: gamma must be a finite number > 0"),
    (mo.ExponentialLR, {"gamma": float("nan")}, r"ExponentialLR: gamma must be a finite"),
    (mo.CosineAnnealingLR, {"T_max": 0}, r"CosineAnnealingLR: T_max must be a positive integer"),
    (mo.CosineAnnealingLR, {"T_max": 5, "eta_min": -1e-3},
     r"CosineAnnealingLR: eta_min must be a number >= 0, got -0.001"),
])
def test_bad_schedule_parameters(cls, kw, message):
    with pytest.raises(ParameterError, match=message):
        cls(mo.SGD([np.zeros(1)], lr=0.1), **kw)
