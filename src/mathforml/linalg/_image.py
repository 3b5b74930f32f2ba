"""Transform a picture with a 2x2 matrix: rotate, shear, scale or mirror an image.

A matrix M maps a point p of the plane to M p. To transform an image we could
push every input pixel to M p, but the pushed points fall between the output
pixels and leave holes. Instead we pull: for every output pixel q we ask where
it came from, p = M⁻¹ q, and read the input there. p is rarely a pixel centre,
so we interpolate bilinearly between the four pixels around it (a weighted
mean, weights (1 − f)(1 − g), f(1 − g), (1 − f)g, fg for the fractional
offsets f, g), and points that come from outside the picture get a fill value.

Coordinates are those of a maths graph drawn on the screen: the origin at the
centre of the image, x to the right and y **up**. Array indices run the other
way down the screen (row 0 is the top), so pixel (row, col) sits at

    x = col − (W − 1)/2,     y = (H − 1)/2 − row,

and ``rotation(theta)`` turns the picture counter-clockwise as you look at it.

    >>> import numpy as np
    >>> from mathforml.linalg import rotation
    >>> image = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> transform_image(image, rotation(np.pi / 2)).round(12)  # like np.rot90(image)
    array([[2., 4.],
           [1., 3.]])
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_array, as_matrix, check_positive_int
from ..errors import DTypeError, ShapeError, SingularMatrixError

__all__ = ["transform_image"]

_EPS = np.finfo(np.float64).eps

# A sample point this close to the border (in pixels) counts as on it. Maps that
# send border pixels exactly onto border pixels (quarter turns, mirrors) do so
# only up to rounding (cos(π/2) ≈ 6e-17), which must not blank the border row.
_EDGE_SLACK = 1e-9


def _inverse_2x2(M: np.ndarray) -> np.ndarray:
    """M⁻¹ = [[d, −b], [−c, a]] / (ad − bc); SingularMatrixError if ad − bc is rounding noise.

    M is first divided by s = max |Mᵢⱼ| (then M⁻¹ = (M / s)⁻¹ / s), so that ad − bc
    neither overflows for M = 1e200 I nor underflows for M = 1e-200 I.
    """
    s = float(np.abs(M).max())
    (a, b), (c, d) = M / s if s > 0 else M
    det = a * d - b * c
    # ad − bc carries a rounding error of up to about eps (|ad| + |bc|); a determinant
    # that small cannot be told apart from 0.
    if abs(det) <= 2 * _EPS * (abs(a * d) + abs(b * c)):
        raise SingularMatrixError(
            f"transform_image: M = {M.tolist()} is singular (det = {det * s * s:.3g}), so it "
            f"squashes the plane onto a line or a point and the picture cannot be pulled back "
            f"through M⁻¹; use an invertible matrix (nonzero determinant)"
        )
    return np.array([[d, -b], [-c, a]]) / det / s


def _snap_to_edge(t: np.ndarray, last: int) -> np.ndarray:
    """Move coordinates within _EDGE_SLACK outside [0, last] onto the border."""
    t = np.where((t < 0) & (t >= -_EDGE_SLACK), 0.0, t)
    return np.where((t > last) & (t <= last + _EDGE_SLACK), float(last), t)


def _bilinear(image: np.ndarray, rows: np.ndarray, cols: np.ndarray, fill: float) -> np.ndarray:
    """Sample ``image`` at fractional (rows, cols) by bilinear interpolation; ``fill`` outside.

    Inside means 0 <= row <= H − 1 and 0 <= col <= W − 1 (pixel centres span the
    picture; nothing is extrapolated past the outer centres).
    """
    H, W = image.shape[:2]
    rows = _snap_to_edge(rows, H - 1)
    cols = _snap_to_edge(cols, W - 1)
    inside = (rows >= 0) & (rows <= H - 1) & (cols >= 0) & (cols <= W - 1)
    # top-left neighbour (r0, c0), clipped so that r0 + 1 stays in range; at the
    # last row r0 = H − 2 with weight f = 1 on row H − 1
    r0 = np.clip(np.floor(rows), 0, max(H - 2, 0)).astype(np.intp)
    c0 = np.clip(np.floor(cols), 0, max(W - 2, 0)).astype(np.intp)
    r1 = np.minimum(r0 + 1, H - 1)
    c1 = np.minimum(c0 + 1, W - 1)
    f = rows - r0  # fractional offsets in [0, 1] for inside points
    g = cols - c0
    if image.ndim == 3:  # colour: the same weights for every channel
        f, g, inside = f[..., None], g[..., None], inside[..., None]
    value = (
        (1 - f) * (1 - g) * image[r0, c0]
        + (1 - f) * g * image[r0, c1]
        + f * (1 - g) * image[r1, c0]
        + f * g * image[r1, c1]
    )
    return np.where(inside, value, fill)


def transform_image(image, M, *, output_shape=None, fill: float = 0.0) -> np.ndarray:
    """Apply the linear map M (2x2) to an image, about its centre, by inverse mapping.

    Each output pixel q (in centred, y-up coordinates; see the module text) is
    pulled back to p = M⁻¹ q in the input, and the input is sampled there by
    bilinear interpolation; points that fall outside the input get ``fill``.
    So content at p in the input appears at M p in the output, and
    ``transform_image(img, rotation(theta))`` turns it counter-clockwise on screen.

    Parameters
    ----------
    image : array_like, shape (H, W) or (H, W, C)
        A greyscale or colour image (any real dtype; uint8 is fine).
    M : array_like, shape (2, 2)
        An invertible linear map of the plane (``rotation``, ``shear``, ``scaling``, ...).
    output_shape : tuple of 2 ints, optional
        (H_out, W_out) of the result; default the input's (H, W). The output is
        centred on the same point (the origin).
    fill : float, default 0.0
        Value for output pixels that come from outside the input (NaN allowed,
        to mark them).

    Returns
    -------
    ndarray, shape (H_out, W_out) or (H_out, W_out, C), float64

    Raises
    ------
    ShapeError
        If ``image`` is not 2-D or 3-D, ``M`` is not 2x2, or ``output_shape``
        is not a pair.
    SingularMatrixError
        If ``M`` is singular (there is no M⁻¹ to pull back through).
    NotFiniteError
        If ``image`` or ``M`` holds NaN or infinity.

    See Also
    --------
    mathforml.linalg.rotation, mathforml.linalg.shear, mathforml.linalg.scaling

    Notes
    -----
    Equivalent to ``scipy.ndimage.affine_transform(image, matrix, offset,
    order=1, mode="constant", cval=fill)`` with ``matrix`` and ``offset``
    converted from these centred y-up coordinates to SciPy's (row, col) indices.

    Examples
    --------
    >>> transform_image(np.eye(3), [[-1, 0], [0, 1]])  # mirror left-right
    array([[0., 0., 1.],
           [0., 1., 0.],
           [1., 0., 0.]])
    """
    func = "transform_image"
    img = as_array(image, "image", func, ndim=(2, 3))
    M = as_matrix(M, "M", func)
    if M.shape != (2, 2):
        raise ShapeError(f"{func}: M must be 2x2 (a linear map of the plane), got shape {M.shape}")
    if isinstance(fill, bool) or not isinstance(fill, numbers.Real):
        raise DTypeError(f"{func}: fill must be a real number, got {fill!r}")
    H, W = img.shape[:2]
    if output_shape is None:
        H_out, W_out = H, W
    else:
        shape = tuple(output_shape) if isinstance(output_shape, (tuple, list)) else ()
        if len(shape) != 2:
            raise ShapeError(
                f"{func}: output_shape must be a pair (height, width), got {output_shape!r}"
            )
        H_out = check_positive_int(shape[0], "output_shape[0]", func)
        W_out = check_positive_int(shape[1], "output_shape[1]", func)
    M_inv = _inverse_2x2(M)
    if H == 0 or W == 0:  # no pixels to sample: everything comes from outside
        return np.full((H_out, W_out) + img.shape[2:], float(fill))

    # output pixel (row, col) -> centred screen coordinates (x right, y up)
    rows, cols = np.indices((H_out, W_out), dtype=np.float64)
    x = cols - (W_out - 1) / 2
    y = (H_out - 1) / 2 - rows
    # a map that shrinks by 1e-300 sends samples to ±inf: far outside, so they get `fill`
    with np.errstate(over="ignore", invalid="ignore"):
        # p = M⁻¹ q: where in the input this output pixel comes from
        px = M_inv[0, 0] * x + M_inv[0, 1] * y
        py = M_inv[1, 0] * x + M_inv[1, 1] * y
        # back to the input's (row, col) indices
        in_rows = (H - 1) / 2 - py
        in_cols = (W - 1) / 2 + px
        return _bilinear(img, in_rows, in_cols, float(fill))
