"""The same computation in mathforml.autodiff and in PyTorch: values, then every input's gradient.

Both graphs are built from the same NumPy arrays, run backward from the same
upstream gradient (uniform in [-1, 1], seeded, of the output's shape, so that
broadcasting and reductions are exercised in every direction), and compared
leaf by leaf.

Tolerance: relative 1e-10 (the issue's bound in float64), with an absolute
floor of 1e-10 · (1 + max |reference|). NumPy and PyTorch sum in different
orders (pairwise vs vectorized lanes, BLAS blockings), so a sum of n terms may
differ by about n·eps·Σ|terms|; with at most a few hundred terms bounded like
the result, that is far below the floor, while an entry that should be ~0 but
comes out as rounding noise would fail a purely relative test.
"""

from __future__ import annotations

import numpy as np
import torch

import mathforml.autodiff as ad

RTOL = 1e-10

_TORCH_DTYPES = {torch.float64: np.float64, torch.float32: np.float32}


def as_numpy(t) -> np.ndarray:
    return t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)


def assert_matches(ours, ref, rtol: float = RTOL, what: str = "value") -> None:
    """Shape and exact dtype first, then values to ``rtol`` (absolute floor as above)."""
    ours = ours.data if isinstance(ours, ad.Tensor) else ours
    ref = as_numpy(ref)
    assert ours is not None, f"{what}: ours is None"
    assert ours.shape == ref.shape, f"{what}: shape {ours.shape} != reference {ref.shape}"
    assert ours.dtype == ref.dtype, f"{what}: dtype {ours.dtype} != reference {ref.dtype}"
    finite = np.isfinite(ref)
    scale = 1 + (np.abs(ref[finite]).max() if finite.any() else 0)
    np.testing.assert_allclose(ours, ref, rtol=rtol, atol=rtol * scale, err_msg=what)


def upstream(shape, dtype=np.float64, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, shape).astype(dtype)


def compare(ours_fn, torch_fn, *arrays, rtol: float = RTOL, seed: int = 0,
            grad_of=None) -> None:
    """Run ``ours_fn`` on Tensors and ``torch_fn`` on torch tensors made from ``arrays``.

    ``grad_of`` lists the indices of the arrays that require a gradient
    (default: all); the others enter both graphs as constants.
    """
    grad_of = range(len(arrays)) if grad_of is None else grad_of
    xs = [ad.Tensor(a, requires_grad=i in grad_of) for i, a in enumerate(arrays)]
    ts = [torch.tensor(a, requires_grad=i in grad_of) for i, a in enumerate(arrays)]
    out, ref = ours_fn(*xs), torch_fn(*ts)
    assert_matches(out, ref, rtol, "forward value")
    g = upstream(ref.shape, _TORCH_DTYPES[ref.dtype], seed)
    out.backward(g)
    ref.backward(torch.tensor(g))
    for i in grad_of:
        assert_matches(xs[i].grad, ts[i].grad, rtol, f"gradient of input {i}")
