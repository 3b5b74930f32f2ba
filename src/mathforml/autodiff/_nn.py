"""Neural-network modules: ``Module``, ``Linear``, ``Sequential``, ``MLP`` and activations.

A module is a function with parameters: ``forward`` computes with tensor
operations, so ``backward`` reaches every parameter, and ``parameters()``
collects them for an optimizer. The layouts are PyTorch's (``Linear.weight``
has shape (out_features, in_features)), so weights copy across in both
directions and the two libraries can be checked against each other.

A training step, with an optimizer from :mod:`mathforml.optim`::

    loss = cross_entropy(model(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_choice, check_positive_int
from ..errors import ParameterError, ShapeError
from ._tensor import Tensor, _check_dtype, _float_array

__all__ = ["Module", "Linear", "Sequential", "MLP", "ReLU", "Tanh", "Sigmoid"]


# --- helpers shared by the modules -----------------------------------------------------------


def as_tensor(x, dtype: np.dtype | None, name: str, func: str) -> Tensor:
    """A tensor input as it is; an array or list as a constant tensor of ``dtype``."""
    if isinstance(x, Tensor):
        return x
    return Tensor(_float_array(x, dtype, name, func))


def make_rng(rng, func: str) -> np.random.Generator:
    """``rng`` (None, a seed or a Generator) as a Generator."""
    try:
        return np.random.default_rng(rng)
    except (TypeError, ValueError):
        raise ParameterError(
            f"{func}: rng must be None, a non-negative integer seed or a numpy.random.Generator, "
            f"got {rng!r}"
        ) from None


def _walk(value, prefix: str, found: list, seen: set) -> None:
    """Collect (name, tensor) for every tensor requiring a gradient reachable from ``value``."""
    if isinstance(value, Tensor):
        if value.requires_grad and id(value) not in seen:  # a shared weight is listed once
            seen.add(id(value))
            found.append((prefix, value))
        return
    if isinstance(value, Module):
        if id(value) in seen:
            return
        seen.add(id(value))
        items = vars(value).items()
    elif isinstance(value, (list, tuple)):
        items = ((str(i), v) for i, v in enumerate(value))
    elif isinstance(value, dict):
        items = ((str(k), v) for k, v in value.items())
    else:
        return
    for name, v in items:
        _walk(v, f"{prefix}.{name}" if prefix else name, found, seen)


# --- the base class --------------------------------------------------------------------------


class Module:
    """Base class of layers and models: ``forward``, and the parameters found in its attributes.

    A subclass stores its parameters (tensors with ``requires_grad=True``) and
    sub-modules as attributes, also inside lists, tuples and dicts, and defines
    ``forward``; calling the module calls ``forward``.

    See Also
    --------
    Linear, Sequential, MLP : the modules built on it.

    Examples
    --------
    >>> class Scale(Module):
    ...     def __init__(self):
    ...         self.w = Tensor([2.0], requires_grad=True)
    ...     def forward(self, x):
    ...         return self.w * x
    >>> Scale()(Tensor([3.0])).data, [name for name, _ in Scale().named_parameters()]
    (array([6.]), ['w'])
    """

    def forward(self, *args, **kwargs):
        raise NotImplementedError(
            f"{type(self).__name__} is a Module without a forward method; define "
            f"forward(self, ...) to say what the module computes"
        )

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def named_parameters(self) -> list[tuple[str, Tensor]]:
        """Every parameter with its attribute path (e.g. ``"layers.0.weight"``), each once."""
        found: list[tuple[str, Tensor]] = []
        _walk(self, "", found, set())
        return found

    def parameters(self) -> list[Tensor]:
        """Every tensor with ``requires_grad=True`` held by this module or its sub-modules."""
        return [p for _, p in self.named_parameters()]

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to None (gradients accumulate otherwise)."""
        for p in self.parameters():
            p.grad = None

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"


# --- layers ----------------------------------------------------------------------------------


class Linear(Module):
    """The affine layer y = x Wᵀ + b, with PyTorch's layout and initialization.

    Parameters
    ----------
    in_features : int
        Size of each input's last axis.
    out_features : int
        Size of each output's last axis.
    bias : bool, default True
        Whether to add the learned bias b.
    rng : None, int or numpy.random.Generator, optional, keyword-only
        Randomness of the initialization (a seed makes it reproducible).
    dtype : {None, "float32", "float64"}, optional, keyword-only
        The parameters' dtype (default float64).

    Attributes
    ----------
    weight : Tensor, shape (out_features, in_features)
        W, initialized U(−1/√in_features, 1/√in_features): PyTorch's
        ``kaiming_uniform_(a=√5)``, which keeps the variance of x Wᵀ near
        (1/3) Var(x) whatever the width.
    bias : Tensor of shape (out_features,), or None
        b, initialized with the same uniform distribution.

    Raises
    ------
    ParameterError
        If a size is not a positive integer, or ``rng`` is not a seed or Generator.
    ShapeError
        (when called) If the input's last axis is not ``in_features`` long.

    See Also
    --------
    MLP : linear layers with activations between them.

    Examples
    --------
    >>> layer = Linear(3, 2, rng=0)
    >>> layer.weight.shape, layer(np.ones((5, 3))).shape
    ((2, 3), (5, 2))
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True, *,
                 rng=None, dtype=None) -> None:
        self.in_features = check_positive_int(in_features, "in_features", "Linear")
        self.out_features = check_positive_int(out_features, "out_features", "Linear")
        if not isinstance(bias, (bool, np.bool_)):
            raise ParameterError(f"Linear: bias must be True or False, got {bias!r}")
        dtype = _check_dtype(dtype, "Linear") or np.dtype(np.float64)
        rng = make_rng(rng, "Linear")
        bound = 1 / math.sqrt(in_features)
        w = rng.uniform(-bound, bound, (out_features, in_features))
        self.weight = Tensor(w.astype(dtype), requires_grad=True)
        self.bias = None
        if bias:
            self.bias = Tensor(rng.uniform(-bound, bound, out_features).astype(dtype),
                               requires_grad=True)

    def forward(self, x) -> Tensor:
        """x Wᵀ + b for x of shape (..., in_features); returns shape (..., out_features)."""
        x = as_tensor(x, self.weight.dtype, "x", "Linear")
        if x.ndim == 0 or x.shape[-1] != self.in_features:
            raise ShapeError(
                f"Linear: x has shape {x.shape} but this layer has in_features="
                f"{self.in_features}; x's last axis must have {self.in_features} entries"
            )
        y = x @ self.weight.T  # (..., in) @ (in, out) -> (..., out)
        return y if self.bias is None else y + self.bias

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


class Sequential(Module):
    """Modules applied one after the other: ``Sequential(f, g, h)(x) = h(g(f(x)))``.

    Parameters
    ----------
    *layers : Module
        The modules, in order.

    Raises
    ------
    ParameterError
        If a layer is not a Module.

    See Also
    --------
    MLP : a Sequential of Linear layers and activations.

    Examples
    --------
    >>> model = Sequential(Linear(4, 8, rng=0), ReLU(), Linear(8, 1, rng=1))
    >>> len(model), len(model.parameters()), model(np.zeros((2, 4))).shape
    (3, 4, (2, 1))
    """

    def __init__(self, *layers: Module) -> None:
        for i, layer in enumerate(layers):
            if not isinstance(layer, Module):
                raise ParameterError(
                    f"{type(self).__name__}: layer {i} must be a Module, got "
                    f"{type(layer).__name__}"
                )
        self.layers = list(layers)

    def forward(self, x) -> Tensor:
        """Pass x through every layer in turn."""
        for layer in self.layers:
            x = layer(x)
        return x

    def __getitem__(self, i: int) -> Module:
        return self.layers[i]

    def __len__(self) -> int:
        return len(self.layers)

    def __repr__(self) -> str:
        inner = "".join(f"\n  ({i}): {layer!r}" for i, layer in enumerate(self.layers))
        return f"{type(self).__name__}({inner}\n)"


# --- activations -----------------------------------------------------------------------------


class ReLU(Module):
    """relu(x) = max(x, 0), elementwise, as a module.

    See Also
    --------
    Tensor.relu : the operation itself.

    Examples
    --------
    >>> ReLU()(np.array([-1.0, 2.0])).data
    array([0., 2.])
    """

    def forward(self, x) -> Tensor:
        return as_tensor(x, None, "x", "ReLU").relu()


class Tanh(Module):
    """tanh(x), elementwise, as a module.

    See Also
    --------
    Tensor.tanh : the operation itself.

    Examples
    --------
    >>> Tanh()(np.array([0.0])).data
    array([0.])
    """

    def forward(self, x) -> Tensor:
        return as_tensor(x, None, "x", "Tanh").tanh()


class Sigmoid(Module):
    """σ(x) = 1/(1 + e⁻ˣ), elementwise, as a module.

    See Also
    --------
    Tensor.sigmoid : the operation itself.

    Examples
    --------
    >>> Sigmoid()(np.array([0.0])).data
    array([0.5])
    """

    def forward(self, x) -> Tensor:
        return as_tensor(x, None, "x", "Sigmoid").sigmoid()


_ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid}


class MLP(Sequential):
    """A multilayer perceptron: Linear layers of the given sizes, an activation between each two.

    ``MLP([784, 256, 10])`` is ``Sequential(Linear(784, 256), ReLU(), Linear(256, 10))``:
    no activation after the last layer, whose outputs are logits for a loss
    such as :func:`cross_entropy`.

    Parameters
    ----------
    sizes : sequence of int
        Input size, hidden sizes, output size (at least two numbers).
    activation : {"relu", "tanh", "sigmoid"}, default "relu"
    bias : bool, default True
    rng : None, int or numpy.random.Generator, optional, keyword-only
        Randomness of the initialization, shared by the layers in order.
    dtype : {None, "float32", "float64"}, optional, keyword-only
        The parameters' dtype (default float64).

    Raises
    ------
    ParameterError
        If ``sizes`` has fewer than two entries or a size is not a positive
        integer, or ``activation`` is unknown.

    See Also
    --------
    Linear, Sequential

    Examples
    --------
    >>> mlp = MLP([4, 16, 3], rng=0)
    >>> mlp(np.ones((5, 4))).shape, [p.shape for p in mlp.parameters()]
    ((5, 3), [(16, 4), (16,), (3, 16), (3,)])
    """

    def __init__(self, sizes, activation: str = "relu", bias: bool = True, *, rng=None,
                 dtype=None) -> None:
        try:
            sizes = list(sizes)
        except TypeError:
            raise ParameterError(
                f"MLP: sizes must be a list of layer sizes, got {sizes!r}"
            ) from None
        if len(sizes) < 2:
            raise ParameterError(
                f"MLP: sizes must hold at least an input and an output size, got {sizes!r}"
            )
        sizes = [check_positive_int(n, f"sizes[{i}]", "MLP") for i, n in enumerate(sizes)]
        activation = check_choice(activation, "activation", "MLP", tuple(_ACTIVATIONS))
        rng = make_rng(rng, "MLP")
        layers: list[Module] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
            layers += [Linear(n_in, n_out, bias, rng=rng, dtype=dtype), _ACTIVATIONS[activation]()]
        super().__init__(*layers[:-1])  # no activation after the output layer
        self.sizes = sizes
        self.activation = activation
