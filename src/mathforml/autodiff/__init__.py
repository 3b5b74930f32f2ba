"""Reverse-mode automatic differentiation, neural-network layers and attention, on NumPy.

``Tensor`` records the operations applied to it and ``backward()`` applies the
chain rule through them (``_tensor.py``; the operations and their derivatives
in ``_arithmetic.py``, ``_functions.py``, ``_reductions.py``, ``_shape_ops.py``).
``Linear``, ``MLP`` and the activations (``_nn.py``), the losses
(``_losses.py``) and attention with LayerNorm (``_attention.py``) are built
from those operations, with PyTorch's parameter layouts so that weights copy
across.
"""

from ._attention import LayerNorm, MultiHeadAttention, scaled_dot_product_attention
from ._grad_mode import is_grad_enabled, no_grad
from ._losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    mse_loss,
)
from ._nn import MLP, Linear, Module, ReLU, Sequential, Sigmoid, Tanh
from ._tensor import Tensor

__all__ = [
    # the tensor and its graph
    "Tensor", "no_grad", "is_grad_enabled",
    # modules
    "Module", "Linear", "Sequential", "MLP", "ReLU", "Tanh", "Sigmoid",
    # losses
    "mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
    # attention (seed 001, §5) and the normalization transformers use with it
    "scaled_dot_product_attention", "MultiHeadAttention", "LayerNorm",
]  # fmt: skip
