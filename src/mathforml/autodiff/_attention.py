"""Attention (seed 001, §5): softmax(QKᵀ/√d_k) V, multi-head attention, and LayerNorm.

Each query asks "which keys match me?": the scores QKᵀ compare every query with
every key by a dot product, the softmax of each row turns the scores into
weights that sum to 1, and the output for a query is the weighted average of
the values. Dividing by √d_k keeps the scores' variance near 1 whatever the
key dimension d_k (a dot product of d_k unit-variance terms has variance
d_k), so the softmax does not saturate into a one-hot choice.

Everything is built from tensor operations (matmul, transpose, reshape), so
``backward`` differentiates it with no new rules, except the masked softmax,
a fused operation that gives fully masked rows zero weights (see
``scaled_dot_product_attention``).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import check_positive_int
from ..errors import DTypeError, ParameterError, ShapeError
from ._finite import checked
from ._nn import Linear, Module, as_tensor, make_rng
from ._tensor import Tensor, _check_dtype

__all__ = ["scaled_dot_product_attention", "MultiHeadAttention", "LayerNorm"]


# --- masks and the masked softmax ------------------------------------------------------------


def _additive_mask(mask, true_means: str, dtype, name: str, func: str) -> Tensor | None:
    """A mask as a term added to the scores: 0 where attention is allowed, −inf where not.

    A boolean mask's True means "attend" (``true_means="attend"``, as
    ``torch.nn.functional.scaled_dot_product_attention``) or "masked out"
    (``"ignore"``, as ``torch.nn.MultiheadAttention``). A float mask is added
    as it is.
    """
    if mask is None:
        return None
    values = mask.data if isinstance(mask, Tensor) else np.asarray(mask)
    if values.dtype == bool:
        allowed = values if true_means == "attend" else ~values
        term = Tensor(np.where(allowed, 0, -np.inf).astype(dtype))
    elif values.dtype.kind == "f":
        term = as_tensor(mask, dtype, name, func)  # a Tensor mask keeps its gradient
    else:
        raise DTypeError(
            f"{func}: {name} must be a boolean or a float mask, got dtype {values.dtype}"
        )
    return term


def _check_broadcasts_to(term: Tensor, shape: tuple[int, ...], name: str, func: str) -> None:
    """The mask must fit the scores without enlarging them."""
    try:
        fits = np.broadcast_shapes(term.shape, shape) == shape
    except ValueError:
        fits = False
    if not fits:
        raise ShapeError(
            f"{func}: {name} has shape {term.shape}, which does not broadcast to the attention "
            f"scores' shape {shape} (..., queries, keys)"
        )


@checked("softmax (attention)", "an attention score or a float-mask entry is +inf")
def _masked_softmax(scores: Tensor) -> Tensor:
    """Softmax over the last axis in which a row of −inf (every key masked) gets weights 0.

    PyTorch's ``scaled_dot_product_attention`` does the same (its "safe
    softmax"); the plain softmax would give 0/0 = NaN.
    """
    x = scores.data
    m = x.max(axis=-1, keepdims=True)
    # The usual max-shift, except that a fully masked row shifts by 0, since −inf − (−inf) is
    # NaN: its exponentials are then all e^−inf = 0, and dividing by 1 instead of their sum 0
    # leaves zero weights.
    m = np.where(m == -np.inf, 0, m)
    # (in place on one new array: the scores are the largest arrays of attention)
    w = np.subtract(x, m)
    np.exp(w, out=w)
    total = w.sum(axis=-1, keepdims=True)
    w /= np.where(total == 0, 1, total)

    def grad(g):  # the softmax derivative w ⊙ (g − Σ g ⊙ w); zero rows stay zero
        d = g - (g * w).sum(axis=-1, keepdims=True)
        d *= w
        return d

    return scores._from_op(w, "softmax", (scores,), (grad,))


def _attend(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | None,
            scale: float) -> tuple[Tensor, Tensor]:
    """(softmax(Q Kᵀ · scale + mask) V, the weights), over the last two axes."""
    # (..., L, S): query i against key j. Scaling Q (L·d entries) costs less than
    # scaling the scores (L·S entries).
    scores = (q * scale) @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores + mask  # −inf where attention is not allowed
    weights = _masked_softmax(scores)  # each row: a distribution over the keys
    return weights @ v, weights  # (..., L, d_v): each query's average of the values


# --- scaled dot-product attention ------------------------------------------------------------


def _check_flag(value, name: str, func: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{func}: {name} must be True or False, got {value!r}")
    return bool(value)


def scaled_dot_product_attention(query, key, value, mask=None, is_causal: bool = False,
                                 scale: float | None = None) -> Tensor:
    """Attention(Q, K, V) = softmax(QKᵀ/√d_k) V, as PyTorch's ``scaled_dot_product_attention``.

    Works on the last two axes, with any leading batch and head axes
    (broadcast between Q, K and V). The scores of masked pairs are set to −inf
    before the softmax, so their weights are 0. A query whose keys are all
    masked gets weights 0 and output 0 (as PyTorch's), not NaN.

    Parameters
    ----------
    query : Tensor or array_like, shape (..., L, d_k)
        L queries.
    key : Tensor or array_like, shape (..., S, d_k)
        S keys.
    value : Tensor or array_like, shape (..., S, d_v)
        One value per key.
    mask : array_like or Tensor, optional
        Broadcastable to (..., L, S). Boolean: True where query i may attend to
        key j (as PyTorch's ``attn_mask``; a padding mask is False at the padded
        keys). Float: added to the scores (0 to allow, −inf to forbid).
    is_causal : bool, default False
        Let query i attend to keys 0..i only (the lower-triangular mask of a
        decoder). Not together with ``mask``.
    scale : float, optional
        The factor on QKᵀ; default 1/√d_k.

    Returns
    -------
    Tensor, shape (..., L, d_v)

    Raises
    ------
    ShapeError
        If d_k differs between query and key, key and value have different
        numbers of positions, there are no keys, the batch axes or the mask do
        not broadcast.
    ParameterError
        If both ``mask`` and ``is_causal`` are given, or ``scale`` is not a finite number.
    DTypeError
        If the mask is neither boolean nor float.

    See Also
    --------
    MultiHeadAttention : projections, several heads, and PyTorch's module layout.

    Examples
    --------
    >>> q = k = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> v = np.array([[1.0], [2.0]])
    >>> scaled_dot_product_attention(q, k, v, is_causal=True).data   # query 0 sees key 0 only
    array([[1.        ],
           [1.66976155]])
    """
    func = "scaled_dot_product_attention"
    q = as_tensor(query, None, "query", func)
    k = as_tensor(key, q.dtype, "key", func)
    v = as_tensor(value, q.dtype, "value", func)
    for name, t in (("query", q), ("key", k), ("value", v)):
        if t.ndim < 2:
            raise ShapeError(
                f"{func}: {name} has shape {t.shape}; it must have at least 2 axes "
                f"(..., positions, features)"
            )
    if q.shape[-1] != k.shape[-1]:
        raise ShapeError(
            f"{func}: query has shape {q.shape} and key has shape {k.shape}; their last axes "
            f"(d_k = {q.shape[-1]} and {k.shape[-1]}) must be equal for the dot products QKᵀ"
        )
    if k.shape[-2] != v.shape[-2]:
        raise ShapeError(
            f"{func}: key has shape {k.shape} and value has shape {v.shape}; they must have "
            f"the same number of positions (axis -2: {k.shape[-2]} and {v.shape[-2]})"
        )
    if k.shape[-2] == 0:
        raise ShapeError(f"{func}: key has shape {k.shape}: there are no keys to attend to")
    try:
        batch = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    except ValueError:
        raise ShapeError(
            f"{func}: query, key and value have shapes {q.shape}, {k.shape} and {v.shape}; "
            f"their leading (batch, head) axes do not broadcast together"
        ) from None
    is_causal = _check_flag(is_causal, "is_causal", func)
    L, S = q.shape[-2], k.shape[-2]
    if is_causal:
        if mask is not None:
            raise ParameterError(
                f"{func}: give either mask or is_causal=True, not both (combine them into "
                f"one boolean mask: mask & np.tril(np.ones((L, S), bool)))"
            )
        mask = np.tril(np.ones((L, S), dtype=bool))  # query i attends to keys j <= i
    term = _additive_mask(mask, "attend", q.dtype, "mask", func)
    if term is not None:
        _check_broadcasts_to(term, (*batch, L, S), "mask", func)
    if scale is None:
        scale = 1 / math.sqrt(q.shape[-1])
    elif (isinstance(scale, bool) or not isinstance(scale, numbers.Real)
          or not math.isfinite(scale)):
        raise ParameterError(f"{func}: scale must be a finite number, got {scale!r}")
    return _attend(q, k, v, term, scale)[0]


# --- multi-head attention --------------------------------------------------------------------


class MultiHeadAttention(Module):
    """Multi-head attention, laid out as ``torch.nn.MultiheadAttention(batch_first=True)``.

    The queries, keys and values are projected ``num_heads`` times into
    spaces of dimension d = embed_dim / num_heads, attention runs in each head
    independently, and the heads' outputs are concatenated and projected back::

        Qₕ = query W_qₕᵀ + b_qₕ    (and Kₕ, Vₕ likewise)
        headₕ = softmax(Qₕ Kₕᵀ / √d) Vₕ
        output = concat(head₁, ..., headₕ) W_oᵀ + b_o

    The three input projections are stacked in ``in_proj_weight`` (rows
    [0, E) for queries, [E, 2E) for keys, [2E, 3E) for values), so weights
    copy from PyTorch entry for entry.

    Parameters
    ----------
    embed_dim : int
        E, the size of each position's vector.
    num_heads : int
        Number of heads; must divide E.
    bias : bool, default True
        Whether the projections have biases.
    rng : None, int or numpy.random.Generator, optional, keyword-only
        Randomness of the initialization.
    dtype : {None, "float32", "float64"}, optional, keyword-only
        The parameters' dtype (default float64).

    Attributes
    ----------
    in_proj_weight : Tensor, shape (3E, E)
        Xavier-uniform initialized, as PyTorch.
    in_proj_bias : Tensor of shape (3E,), or None
        Zeros initially.
    out_proj : Linear(E, E)
        Its bias starts at zero, as PyTorch's.

    Raises
    ------
    ParameterError
        If a size is not a positive integer, or num_heads does not divide embed_dim.

    See Also
    --------
    scaled_dot_product_attention : what each head computes.
    MultiHeadAttention.forward : the masks, whose boolean convention is PyTorch's for this module.

    Examples
    --------
    >>> mha = MultiHeadAttention(embed_dim=8, num_heads=2, rng=0)
    >>> x = np.random.default_rng(1).standard_normal((3, 5, 8))   # (batch, positions, E)
    >>> out, weights = mha(x, x, x)
    >>> out.shape, weights.shape, bool(np.allclose(weights.data.sum(axis=-1), 1))
    ((3, 5, 8), (3, 5, 5), True)
    """

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True, *, rng=None,
                 dtype=None) -> None:
        func = "MultiHeadAttention"
        E = self.embed_dim = check_positive_int(embed_dim, "embed_dim", func)
        H = self.num_heads = check_positive_int(num_heads, "num_heads", func)
        if E % H:
            raise ParameterError(
                f"{func}: embed_dim ({E}) must be divisible by num_heads ({H}): each head "
                f"gets embed_dim / num_heads dimensions"
            )
        self.head_dim = E // H
        _check_flag(bias, "bias", func)
        dtype = _check_dtype(dtype, func) or np.dtype(np.float64)
        rng = make_rng(rng, func)
        # Xavier-uniform: U(−a, a) with a = √(6 / (fan_in + fan_out)) = √(6 / (E + 3E))
        a = math.sqrt(6 / (E + 3 * E))
        self.in_proj_weight = Tensor(rng.uniform(-a, a, (3 * E, E)).astype(dtype),
                                     requires_grad=True)
        self.in_proj_bias = Tensor(np.zeros(3 * E, dtype), requires_grad=True) if bias else None
        self.out_proj = Linear(E, E, bias, rng=rng, dtype=dtype)
        if bias:
            self.out_proj.bias.data[...] = 0

    def _project(self, x: Tensor, which: int) -> Tensor:
        """x W_whichᵀ + b_which, reshaped into heads: (B, n, E) -> (B, H, n, d)."""
        E = self.embed_dim
        rows = slice(which * E, (which + 1) * E)
        y = x @ self.in_proj_weight[rows].T
        if self.in_proj_bias is not None:
            y = y + self.in_proj_bias[rows]
        B, n, _ = y.shape
        return y.reshape(B, n, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, query, key, value, key_padding_mask=None, need_weights: bool = True,
                attn_mask=None, average_attn_weights: bool = True):
        """Attend from ``query`` to ``key``/``value``; the arguments are PyTorch's (batch_first).

        Boolean masks follow ``torch.nn.MultiheadAttention``, where **True
        means masked out** (the opposite of :func:`scaled_dot_product_attention`).
        Float masks are added to the scores. A query whose keys are all masked
        gets zero weights and the output ``out_proj.bias``, as PyTorch's
        ``need_weights=False`` path gives (its ``need_weights=True`` path gives NaN).

        Parameters
        ----------
        query : Tensor or array_like, shape (B, L, E), or (L, E) unbatched
        key : Tensor or array_like, shape (B, S, E), or (S, E)
        value : Tensor or array_like, shape (B, S, E), or (S, E)
        key_padding_mask : array_like, shape (B, S) or (S,), optional
            True (or −inf) at the padded keys, which no query may attend to.
        need_weights : bool, default True
            Also return the attention weights.
        attn_mask : array_like, shape (L, S) or (B·num_heads, L, S), optional
            True (or −inf) where query i may not attend to key j.
        average_attn_weights : bool, default True
            Average the returned weights over the heads.

        Returns
        -------
        output : Tensor, shape (B, L, E) (or (L, E))
        weights : Tensor of shape (B, L, S) (or (B, num_heads, L, S) if not
            averaged; without the B axis if unbatched), or None without need_weights.

        Raises
        ------
        ShapeError
            If an input's last axis is not embed_dim, key and value differ in
            shape, the batch sizes differ, or a mask has the wrong shape.
        DTypeError
            If a mask is neither boolean nor float.
        """
        func = "MultiHeadAttention"
        dtype = self.in_proj_weight.dtype
        q = as_tensor(query, dtype, "query", func)
        k = as_tensor(key, dtype, "key", func)
        v = as_tensor(value, dtype, "value", func)
        need_weights = _check_flag(need_weights, "need_weights", func)
        average = _check_flag(average_attn_weights, "average_attn_weights", func)
        unbatched = q.ndim == 2
        for name, t in (("query", q), ("key", k), ("value", v)):
            if t.ndim != (2 if unbatched else 3) or t.shape[-1] != self.embed_dim:
                raise ShapeError(
                    f"{func}: {name} has shape {t.shape}; expected (batch, positions, "
                    f"{self.embed_dim}), or (positions, {self.embed_dim}) for all of query, key "
                    f"and value unbatched"
                )
        if k.shape != v.shape:
            raise ShapeError(
                f"{func}: key has shape {k.shape} and value has shape {v.shape}; they must match"
            )
        if unbatched:  # one sequence: a batch of one
            q, k, v = q[None], k[None], v[None]
            if key_padding_mask is not None:
                key_padding_mask = np.asarray(getattr(key_padding_mask, "data",
                                                      key_padding_mask))[None]
        if q.shape[0] != k.shape[0]:
            raise ShapeError(
                f"{func}: query has shape {q.shape} and key has shape {k.shape}; their batch "
                f"sizes must be equal"
            )
        B, L, S = q.shape[0], q.shape[1], k.shape[1]
        if S == 0:
            raise ShapeError(f"{func}: key has shape {k.shape}: there are no keys to attend to")

        mask = self._combined_mask(key_padding_mask, attn_mask, B, L, S, dtype)
        Q, K, V = self._project(q, 0), self._project(k, 1), self._project(v, 2)  # (B, H, n, d)
        heads, weights = _attend(Q, K, V, mask, 1 / math.sqrt(self.head_dim))  # (B, H, L, d)
        concat = heads.transpose(1, 2).reshape(B, L, self.embed_dim)  # heads side by side
        out = self.out_proj(concat)
        if need_weights:
            weights = weights.mean(axis=1) if average else weights  # (B, L, S) or (B, H, L, S)
        else:
            weights = None
        if unbatched:
            out = out[0]
            weights = None if weights is None else weights[0]
        return out, weights

    def _combined_mask(self, key_padding_mask, attn_mask, B: int, L: int, S: int,
                       dtype) -> Tensor | None:
        """Both masks as one additive term of shape broadcastable to (B, H, L, S)."""
        func, H = "MultiHeadAttention", self.num_heads
        mask = None
        if key_padding_mask is not None:
            kpm = _additive_mask(key_padding_mask, "ignore", dtype, "key_padding_mask", func)
            if kpm.shape != (B, S):
                raise ShapeError(
                    f"{func}: key_padding_mask has shape {kpm.shape}; expected (batch, keys) = "
                    f"{(B, S)}"
                )
            mask = kpm.reshape(B, 1, 1, S)  # the same padded keys for every head and query
        if attn_mask is not None:
            am = _additive_mask(attn_mask, "ignore", dtype, "attn_mask", func)
            if am.shape == (L, S):
                am = am.reshape(1, 1, L, S)
            elif am.shape == (B * H, L, S):
                am = am.reshape(B, H, L, S)  # PyTorch orders the first axis batch-major
            else:
                raise ShapeError(
                    f"{func}: attn_mask has shape {am.shape}; expected (queries, keys) = "
                    f"{(L, S)} or (batch * num_heads, queries, keys) = {(B * H, L, S)}"
                )
            mask = am if mask is None else mask + am
        return mask

    def extra_repr(self) -> str:
        return f"embed_dim={self.embed_dim}, num_heads={self.num_heads}"


# --- layer normalization ---------------------------------------------------------------------


class LayerNorm(Module):
    """Layer normalization over the last axes, as ``torch.nn.LayerNorm``.

    Each sample's vector x (its last ``len(normalized_shape)`` axes) is
    standardized, then scaled and shifted by learned γ and β::

        y = (x − mean(x)) / √(var(x) + ε) · γ + β

    with the biased variance (divided by n), as PyTorch. Built from tensor
    operations, so its gradient comes from the chain rule alone.

    Parameters
    ----------
    normalized_shape : int or tuple of int
        The trailing shape normalized over, e.g. embed_dim.
    eps : float, default 1e-5
        ε > 0, keeps the division finite for a constant vector.
    elementwise_affine : bool, default True
        Learn γ (``weight``, ones initially) and β (``bias``, zeros initially).
    bias : bool, default True
        Learn β (with ``elementwise_affine``).
    dtype : {None, "float32", "float64"}, optional, keyword-only

    Raises
    ------
    ParameterError
        If a size is not a positive integer or eps is not > 0.
    ShapeError
        (when called) If the input's trailing axes are not ``normalized_shape``.

    See Also
    --------
    MultiHeadAttention : what a transformer block normalizes around.

    Examples
    --------
    >>> y = LayerNorm(3)(np.array([[1.0, 2.0, 3.0]]))
    >>> y.data.round(4)        # mean 0, variance 1 (up to ε)
    array([[-1.2247,  0.    ,  1.2247]])
    """

    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True,
                 bias: bool = True, *, dtype=None) -> None:
        func = "LayerNorm"
        shape = (normalized_shape,) if isinstance(normalized_shape, numbers.Integral) else (
            tuple(normalized_shape))
        self.normalized_shape = tuple(
            check_positive_int(n, "normalized_shape", func) for n in shape)
        if not self.normalized_shape:
            raise ParameterError(f"{func}: normalized_shape must name at least one axis, got ()")
        if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not (
                math.isfinite(eps) and eps > 0):
            raise ParameterError(f"{func}: eps must be a finite number > 0, got {eps!r}")
        self.eps = float(eps)
        _check_flag(elementwise_affine, "elementwise_affine", func)
        _check_flag(bias, "bias", func)
        dtype = _check_dtype(dtype, func) or np.dtype(np.float64)
        self.weight = self.bias = None
        if elementwise_affine:
            self.weight = Tensor(np.ones(self.normalized_shape, dtype), requires_grad=True)
            if bias:
                self.bias = Tensor(np.zeros(self.normalized_shape, dtype), requires_grad=True)
        self._dtype = dtype

    def forward(self, x) -> Tensor:
        """Normalize ``x`` of shape (..., *normalized_shape); returns the same shape."""
        x = as_tensor(x, self._dtype, "x", "LayerNorm")
        n = len(self.normalized_shape)
        if x.shape[x.ndim - n:] != self.normalized_shape or x.ndim < n:
            raise ShapeError(
                f"LayerNorm: x has shape {x.shape}, but its last axes must be normalized_shape "
                f"{self.normalized_shape}"
            )
        axes = tuple(range(x.ndim - n, x.ndim))
        centred = x - x.mean(axis=axes, keepdims=True)
        var = (centred * centred).mean(axis=axes, keepdims=True)  # biased: divided by n
        y = centred * (var + self.eps) ** -0.5
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y

    def extra_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}"
