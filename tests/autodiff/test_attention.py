"""Attention and LayerNorm against PyTorch (float64): outputs and every gradient, masks included."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.autodiff as ad
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.autodiff.torch_compare import assert_matches, compare, upstream

ENTRIES = st.floats(-3, 3, allow_nan=False, allow_subnormal=False)

# --- scaled dot-product attention ------------------------------------------------------------


@st.composite
def attention_inputs(draw):
    """q (..., L, E), k (..., S, E), v (..., S, Ev) with shared batch axes, and a mask kind."""
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    L, S, E, Ev = (draw(st.integers(1, 5)) for _ in range(4))
    q, k, v = (draw(hnp.arrays(np.float64, (*batch, *tail), elements=ENTRIES))
               for tail in ((L, E), (S, E), (S, Ev)))
    # a mask that broadcasts to the scores' shape (..., L, S), at least 2-D as torch wants
    scores = (*batch, L, S)
    mask_shape = draw(hnp.broadcastable_shapes(scores, min_dims=2, max_dims=len(scores)).filter(
        lambda s: np.broadcast_shapes(s, scores) == scores))
    kind = draw(st.sampled_from(["none", "bool", "float", "causal"]))
    mask = None
    if kind == "bool":  # rows with every key masked do occur: they must give zeros
        mask = draw(hnp.arrays(bool, mask_shape))
    elif kind == "float":
        mask = draw(hnp.arrays(np.float64, mask_shape,
                               elements=st.one_of(ENTRIES, st.just(-np.inf))))
    return q, k, v, mask, kind == "causal"


@given(inputs=attention_inputs(), scaled=st.booleans())
def test_scaled_dot_product_attention_equals_torch(inputs, scaled):
    q, k, v, mask, causal = inputs
    scale = 0.7 if scaled else None
    ref_mask = None if mask is None else torch.tensor(mask)
    compare(lambda a, b, c: ad.scaled_dot_product_attention(a, b, c, mask, causal, scale),
            lambda a, b, c: F.scaled_dot_product_attention(a, b, c, attn_mask=ref_mask,
                                                           is_causal=causal, scale=scale),
            q, k, v)


def test_causal_attention_with_more_keys_than_queries_is_aligned_top_left_like_torch():
    rng = np.random.default_rng(0)
    q, k, v = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 6, 4)), rng.standard_normal(
        (2, 6, 2))
    compare(lambda a, b, c: ad.scaled_dot_product_attention(a, b, c, is_causal=True),
            lambda a, b, c: F.scaled_dot_product_attention(a, b, c, is_causal=True), q, k, v)


def test_a_padding_mask_hides_the_padded_keys_entirely():
    # changing the values at padded positions must not change anything
    rng = np.random.default_rng(1)
    q, k, v = rng.standard_normal((3, 4)), rng.standard_normal((5, 4)), rng.standard_normal((5, 2))
    keep = np.array([True, True, True, False, False])  # the last two keys are padding
    out = ad.scaled_dot_product_attention(q, k, v, mask=keep)
    v2 = v.copy()
    v2[3:] = 1e6
    assert_matches(ad.scaled_dot_product_attention(q, k, v2, mask=keep), out.data)
    assert_matches(out, ad.scaled_dot_product_attention(q, k[:3], v[:3]).data)


def test_fully_masked_rows_give_zero_output_and_zero_gradient_like_torch():
    rng = np.random.default_rng(2)
    q, k, v = (rng.standard_normal((2, 3, 4)) for _ in range(3))
    mask = np.array([[True, False, True], [False, False, False], [True, True, True]])
    compare(lambda a, b, c: ad.scaled_dot_product_attention(a, b, c, mask),
            lambda a, b, c: F.scaled_dot_product_attention(a, b, c, attn_mask=torch.tensor(mask)),
            q, k, v)
    out = ad.scaled_dot_product_attention(q, k, v, mask)
    assert (out.data[:, 1] == 0).all()


def test_attention_in_float32():
    rng = np.random.default_rng(3)
    q, k, v = (rng.standard_normal((2, 2, 5, 4)).astype(np.float32) for _ in range(3))
    compare(lambda a, b, c: ad.scaled_dot_product_attention(a, b, c, is_causal=True),
            lambda a, b, c: F.scaled_dot_product_attention(a, b, c, is_causal=True), q, k, v,
            rtol=1e-5)  # float32, sums of a few terms


def test_attention_weights_are_rows_of_probabilities():
    # with V = I the output is the weight matrix itself
    rng = np.random.default_rng(4)
    q, k = rng.standard_normal((6, 3)), rng.standard_normal((4, 3))
    w = ad.scaled_dot_product_attention(q, k, np.eye(4)).data
    assert (w >= 0).all()
    np.testing.assert_allclose(w.sum(axis=1), 1, rtol=1e-14)


@pytest.mark.parametrize("q, k, v, kwargs, error, message", [
    ((4,), (3, 4), (3, 2), {}, ShapeError, r"query has shape \(4,\); it must have at least 2"),
    ((2, 4), (3, 5), (3, 2), {}, ShapeError,
     r"query has shape \(2, 4\) and key has shape \(3, 5\); their last axes \(d_k = 4 and 5\)"),
    ((2, 4), (3, 4), (2, 2), {}, ShapeError, r"key has shape \(3, 4\) and value has shape \(2, 2"),
    ((2, 4), (0, 4), (0, 2), {}, ShapeError, r"key has shape \(0, 4\): there are no keys to"),
    ((2, 2, 4), (3, 3, 4), (3, 3, 2), {}, ShapeError,
     r"query, key and value have shapes \(2, 2, 4\), \(3, 3, 4\) and \(3, 3, 2\); their "
     r"leading \(batch, head\) axes do not broadcast"),
    ((2, 4), (3, 4), (3, 2), {"mask": np.ones((2, 3), bool), "is_causal": True}, ParameterError,
     "give either mask or is_causal=True, not both"),
    ((2, 4), (3, 4), (3, 2), {"mask": np.ones((2, 3), int)}, DTypeError,
     "mask must be a boolean or a float mask, got dtype int64"),
    ((2, 4), (3, 4), (3, 2), {"mask": np.ones((3, 2), bool)}, ShapeError,
     r"mask has shape \(3, 2\), which does not broadcast to the attention scores' shape \(2, 3\)"),
    ((2, 4), (1, 4), (1, 2), {"mask": np.ones(2, bool)}, ShapeError,
     r"mask has shape \(2,\), which does not broadcast to .* \(2, 1\)"),
    ((2, 4), (3, 4), (3, 2), {"scale": np.inf}, ParameterError, "scale must be a finite number"),
    ((2, 4), (3, 4), (3, 2), {"is_causal": 1}, ParameterError, "is_causal must be True or False"),
])
def test_attention_errors(q, k, v, kwargs, error, message):
    with pytest.raises(error, match=f"scaled_dot_product_attention: {message}"):
        ad.scaled_dot_product_attention(np.ones(q), np.ones(k), np.ones(v), **kwargs)


def test_a_plus_infinite_score_is_named():
    with pytest.raises(NotFiniteError, match=r"softmax \(attention\) produced NaN/inf"):
        ad.scaled_dot_product_attention(np.ones((1, 2)), np.ones((2, 2)), np.ones((2, 2)),
                                        mask=np.array([[np.inf, 0.0]]))


# --- multi-head attention --------------------------------------------------------------------


def _pair(E, H, bias=True, seed=0):
    """Our module and torch's with the same (non-zero) parameters."""
    theirs = torch.nn.MultiheadAttention(E, H, bias=bias, batch_first=True, dtype=torch.float64)
    ours = ad.MultiHeadAttention(E, H, bias=bias, rng=seed)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in theirs.parameters():
            p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64) * 0.5)
    pairs = list(zip(ours.parameters(), theirs.parameters(), strict=True))
    for p, q in pairs:
        p.data[...] = q.detach().numpy()
    return ours, theirs, pairs


def _check_mha(E, H, q, k, v, bias=True, **kwargs):
    """Outputs, weights and every gradient (inputs and parameters) of both modules."""
    ours, theirs, pairs = _pair(E, H, bias)
    ts = [torch.tensor(a, requires_grad=True) for a in (q, k, v)]
    xs = [ad.Tensor(a, requires_grad=True) for a in (q, k, v)]
    ref_kwargs = {name: torch.tensor(m) if isinstance(m, np.ndarray) else m
                  for name, m in kwargs.items()}
    out, w = ours(*xs, **kwargs)
    ref, ref_w = theirs(*ts, **ref_kwargs)
    assert_matches(out, ref, what="output")
    loss = (out * upstream(out.shape, seed=1)).sum()
    ref_loss = (ref * torch.tensor(upstream(out.shape, seed=1))).sum()
    if ref_w is not None:
        assert_matches(w, ref_w, what="weights")
        loss = loss + (w * upstream(w.shape, seed=2)).sum()
        ref_loss = ref_loss + (ref_w * torch.tensor(upstream(w.shape, seed=2))).sum()
    else:
        assert w is None
    loss.backward()
    ref_loss.backward()
    for name, x, t in zip("qkv", xs, ts, strict=True):
        assert_matches(x.grad, t.grad, what=f"gradient of {name}")
    for p, r in pairs:
        assert_matches(p.grad, r.grad, what="gradient of a parameter")


RNG = np.random.default_rng(5)
X = RNG.standard_normal((3, 4, 6))  # (batch, L, E)
Y = RNG.standard_normal((3, 5, 6))  # (batch, S, E)
PAD = np.array([[False] * 5, [False, False, False, True, True], [False] * 4 + [True]])
CAUSAL = np.triu(np.ones((4, 5), bool), k=1)  # True above the diagonal: masked, torch's way


@pytest.mark.parametrize("kwargs", [
    {},
    {"key_padding_mask": PAD},
    {"attn_mask": CAUSAL},
    {"key_padding_mask": PAD, "attn_mask": CAUSAL},
    {"key_padding_mask": np.where(PAD, -np.inf, 0.0), "attn_mask": np.where(CAUSAL, -np.inf, 0.5)},
    {"attn_mask": RNG.random((3 * 2, 4, 5)) < 0.3},  # one mask per (batch, head)
    {"need_weights": False},
    {"average_attn_weights": False, "key_padding_mask": PAD},
])
def test_multi_head_cross_attention_equals_torch(kwargs):
    _check_mha(6, 2, X, Y, Y, **kwargs)


@pytest.mark.parametrize("H", [1, 3])
def test_multi_head_self_attention_equals_torch(H):
    _check_mha(6, H, Y, Y, Y, attn_mask=np.triu(np.ones((5, 5), bool), k=1))


def test_multi_head_attention_without_biases_and_unbatched():
    _check_mha(6, 2, X, Y, Y, bias=False)
    _check_mha(6, 2, X[0], Y[0], Y[0], key_padding_mask=PAD[1])


def test_fully_masked_queries_match_torchs_need_weights_false_path():
    # torch's need_weights=True path gives NaN there; its fast path and ours give zero weights
    mask = np.zeros((4, 5), bool)
    mask[2] = True  # query 2 may attend to nothing
    _check_mha(6, 2, X, Y, Y, attn_mask=mask, need_weights=False)
    ours = _pair(6, 2)[0]
    out, w = ours(X, Y, Y, attn_mask=mask)
    assert (w.data[:, 2] == 0).all()
    assert_matches(out.data[:, 2], np.broadcast_to(ours.out_proj.bias.data, (3, 6)))


def test_multi_head_attention_layout_and_initialization():
    m = ad.MultiHeadAttention(8, 4, rng=0)
    t = torch.nn.MultiheadAttention(8, 4, batch_first=True)
    assert [(n, p.shape) for n, p in m.named_parameters()] == [
        (n.replace("out_proj.", "out_proj."), tuple(p.shape)) for n, p in t.named_parameters()]
    a = np.sqrt(6 / (8 + 24))  # Xavier-uniform bound of a (24, 8) matrix
    assert np.abs(m.in_proj_weight.data).max() <= a
    assert (m.in_proj_bias.data == 0).all() and (m.out_proj.bias.data == 0).all()
    assert m.head_dim == 2 and repr(m) == "MultiHeadAttention(embed_dim=8, num_heads=4)"
    f32 = ad.MultiHeadAttention(8, 2, rng=0, dtype="float32")
    assert f32(np.ones((1, 3, 8)), np.ones((1, 3, 8)), np.ones((1, 3, 8)))[0].dtype == np.float32


@pytest.mark.parametrize("make, error, message", [
    (lambda: ad.MultiHeadAttention(6, 4), ParameterError,
     r"embed_dim \(6\) must be divisible by num_heads \(4\)"),
    (lambda: ad.MultiHeadAttention(0, 1), ParameterError, "embed_dim must be a positive integer"),
    (lambda: ad.MultiHeadAttention(6, 2, bias=None), ParameterError, "bias must be True or False"),
    (lambda: ad.MultiHeadAttention(6, 2)(X[..., :5], Y, Y), ShapeError,
     r"query has shape \(3, 4, 5\); expected \(batch, positions, 6\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y[:, :4]), ShapeError,
     r"key has shape \(3, 5, 6\) and value has shape \(3, 4, 6\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X[:2], Y, Y), ShapeError,
     r"query has shape \(2, 4, 6\) and key has shape \(3, 5, 6\); their batch sizes must be"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y[:, :0], Y[:, :0]), ShapeError,
     r"key has shape \(3, 0, 6\): there are no keys to attend to"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, key_padding_mask=PAD[:, :4]), ShapeError,
     r"key_padding_mask has shape \(3, 4\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, key_padding_mask=PAD[0]), ShapeError,
     r"key_padding_mask has shape \(5,\); expected \(batch, keys\) = \(3, 5\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, attn_mask=np.ones((2, 4, 5), bool)), ShapeError,
     r"attn_mask has shape \(2, 4, 5\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, attn_mask=np.ones((3, 5), bool)), ShapeError,
     r"attn_mask has shape \(3, 5\); expected \(queries, keys\) = \(4, 5\)"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, attn_mask=np.ones((4, 5), "int8")), DTypeError,
     "attn_mask must be a boolean or a float mask"),
    (lambda: ad.MultiHeadAttention(6, 2)(X, Y, Y, need_weights="no"), ParameterError,
     "need_weights must be True or False"),
])
def test_multi_head_attention_errors(make, error, message):
    with pytest.raises(error, match=f"MultiHeadAttention: {message}"):
        make()


# --- LayerNorm -------------------------------------------------------------------------------


@pytest.mark.parametrize("shape, normalized, options", [
    ((4, 6), 6, {}),
    ((2, 3, 4, 5), (4, 5), {}),
    ((3, 5), 5, {"eps": 1e-2}),
    ((3, 5), (5,), {"elementwise_affine": False}),
    ((3, 5), 5, {"bias": False}),
])
def test_layer_norm_equals_torch(shape, normalized, options):
    ours = ad.LayerNorm(normalized, **options)
    theirs = torch.nn.LayerNorm(normalized, dtype=torch.float64, **options)
    with torch.no_grad():  # non-trivial γ and β
        for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
            q.normal_()
            p.data[...] = q.numpy()
    x = np.random.default_rng(6).standard_normal(shape) * 3 + 1
    compare(ours, theirs, x)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        assert_matches(p.grad, q.grad)


def test_layer_norm_of_a_constant_vector_and_of_huge_and_tiny_scales():
    # a constant row has variance 0: ε keeps the division finite, and the output is 0
    x = np.array([[2.0, 2.0, 2.0], [1e-8, -2e-8, 3e-8], [1e8, -2e8, 3e8]])
    compare(ad.LayerNorm(3), torch.nn.LayerNorm(3, dtype=torch.float64), x)


def test_layer_norm_float32_and_repr():
    ln = ad.LayerNorm(4, dtype="float32")
    assert ln(np.ones((2, 4))).dtype == np.float32
    assert repr(ln) == "LayerNorm((4,), eps=1e-05)"


@pytest.mark.parametrize("make, error, message", [
    (lambda: ad.LayerNorm(0), ParameterError, "normalized_shape must be a positive integer"),
    (lambda: ad.LayerNorm(()), ParameterError, "normalized_shape must name at least one axis"),
    (lambda: ad.LayerNorm(3, eps=0), ParameterError, "eps must be a finite number > 0, got 0"),
    (lambda: ad.LayerNorm(3, elementwise_affine=1), ParameterError,
     "elementwise_affine must be True or False"),
    (lambda: ad.LayerNorm(3)(np.ones((2, 4))), ShapeError,
     r"x has shape \(2, 4\), but its last axes must be normalized_shape \(3,\)"),
    (lambda: ad.LayerNorm((2, 3))(np.ones(3)), ShapeError, r"x has shape \(3,\)"),
])
def test_layer_norm_errors(make, error, message):
    with pytest.raises(error, match=f"LayerNorm: {message}"):
        make()
