"""transform_image against scipy.ndimage.affine_transform, np.rot90 and a real photograph."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import ndimage
from sklearn.datasets import load_sample_image

import mathforml.linalg as la
from mathforml.errors import (
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
    SingularMatrixError,
)
from tests.reference import assert_close

PIXELS = st.floats(0, 255, allow_nan=False)


@st.composite
def images(draw, max_side=12, colour=None):
    H, W = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    if colour is None:
        colour = draw(st.booleans())
    shape = (H, W, draw(st.integers(1, 3))) if colour else (H, W)
    return draw(hnp.arrays(np.float64, shape, elements=PIXELS))


def random_map(seed: int) -> np.ndarray:
    """A generic invertible 2x2 map: rotation x shear x scaling with random parameters."""
    rng = np.random.default_rng(seed)
    theta = rng.uniform(-math.pi, math.pi)
    k = rng.uniform(-0.5, 0.5)
    s = rng.uniform(0.5, 1.5, size=2) * rng.choice([-1.0, 1.0], size=2)
    return la.rotation(theta) @ la.shear(k, int(rng.integers(2))) @ la.scaling(s)


def scipy_map(in_shape, M, out_shape) -> tuple[np.ndarray, np.ndarray]:
    """SciPy's (row, col) output -> input ``matrix`` and ``offset`` for our centred y-up map.

    Output pixel (r, c) sits at q = J (r, c) + a with J = [[0, 1], [−1, 0]] (x = c − cx,
    y = cy − r), the input pixel (r', c') at p = J (r', c') + a'. Pulling back,
    p = M⁻¹ q, so (r', c') = J⁻¹ M⁻¹ J (r, c) + J⁻¹ (M⁻¹ a − a').
    """
    (H, W), (H_out, W_out) = in_shape, out_shape
    J = np.array([[0.0, 1.0], [-1.0, 0.0]])
    a_out = np.array([-(W_out - 1) / 2, (H_out - 1) / 2])
    a_in = np.array([-(W - 1) / 2, (H - 1) / 2])
    M_inv, J_inv = np.linalg.inv(M), np.linalg.inv(J)
    return J_inv @ M_inv @ J, J_inv @ (M_inv @ a_out - a_in)


def scipy_transform(image, M, output_shape=None, fill=0.0, mode="constant") -> np.ndarray:
    image = np.asarray(image, dtype=float)
    in_shape = image.shape[:2]
    out_shape = in_shape if output_shape is None else output_shape
    matrix, offset = scipy_map(in_shape, M, out_shape)

    def one(channel):
        return ndimage.affine_transform(
            channel, matrix, offset, output_shape=out_shape, order=1, mode=mode, cval=fill
        )

    if image.ndim == 2:
        return one(image)
    return np.stack([one(image[..., c]) for c in range(image.shape[2])], axis=-1)


# Sample points this close to the border are "on it" up to rounding (a quarter turn, a
# shear by 0.4 of a row 50 pixels off centre, the centre of a one-pixel-wide image):
# whether they count as inside depends on the last bit, in SciPy as in ours.
ON_BORDER = 1e-11


def assert_matches_scipy(out, image, M, output_shape=None, fill=0.0):
    """Equal to SciPy to 1e-10 away from the border; on it, equal to the border's value."""
    image = np.asarray(image, dtype=float)
    (H, W), out_shape = image.shape[:2], out.shape[:2]
    expected = scipy_transform(image, M, output_shape, fill)
    assert out.shape == expected.shape and out.dtype == np.float64
    matrix, offset = scipy_map((H, W), M, out_shape)
    r, c = np.indices(out_shape, dtype=float)
    rows = matrix[0, 0] * r + matrix[0, 1] * c + offset[0]
    cols = matrix[1, 0] * r + matrix[1, 1] * c + offset[1]

    def near(t, edge):
        return np.abs(t - edge) < ON_BORDER

    band = near(rows, 0) | near(rows, H - 1) | near(cols, 0) | near(cols, W - 1)
    inside = (
        (rows > -ON_BORDER)
        & (rows < H - 1 + ON_BORDER)
        & (cols > -ON_BORDER)
        & (cols < W - 1 + ON_BORDER)
    )
    # on the border we sample the border: SciPy's "nearest" mode extends it outwards
    nearest = scipy_transform(image, M, output_shape, fill, mode="nearest")
    border_value = np.where((inside if image.ndim == 2 else inside[..., None]), nearest, fill)
    if image.ndim == 3:
        band = np.broadcast_to(band[..., None], out.shape)
    assert_close(out[~band], expected[~band], rtol=0, atol=1e-10)
    assert_close(out[band], border_value[band], rtol=0, atol=1e-8 * max(1.0, np.abs(image).max()))
    return band


# --------------------------------------------------------------------------- exact cases


@given(images())
def test_identity_returns_the_image_exactly(image):
    out = la.transform_image(image, np.eye(2))
    assert out.shape == image.shape and out.dtype == np.float64
    assert np.array_equal(out, image)


def test_uint8_image_becomes_float64():
    image = np.arange(12, dtype=np.uint8).reshape(3, 4)
    out = la.transform_image(image, np.eye(2))
    assert out.dtype == np.float64 and np.array_equal(out, image.astype(float))


@given(images(max_side=10))
def test_quarter_turn_equals_rot90(image):
    H, W = image.shape[:2]
    out = la.transform_image(image, la.rotation(math.pi / 2), output_shape=(W, H))
    # cos(π/2) ≈ 6e-17, not 0: the samples sit a hair off the pixel centres
    assert_close(out, np.rot90(image), rtol=0, atol=1e-12 * 255)
    half = la.transform_image(image, la.rotation(math.pi))
    assert_close(half, np.rot90(image, 2), rtol=0, atol=1e-12 * 255)


def test_rotation_turns_counter_clockwise_on_screen():
    image = np.zeros((5, 5))
    image[2, 4] = 1.0  # a dot right of the centre
    out = la.transform_image(image, la.rotation(math.pi / 2))
    assert np.unravel_index(np.argmax(out), out.shape) == (0, 2)  # now above the centre


def test_mirror_and_scaling_examples():
    image = np.arange(12.0).reshape(3, 4)
    assert_close(la.transform_image(image, la.scaling([-1, 1])), image[:, ::-1], rtol=0)
    assert_close(la.transform_image(image, la.scaling([1, -1])), image[::-1], rtol=0)
    # shrinking by 2 about the centre: the border of the output comes from outside
    small = la.transform_image(np.ones((5, 5)), la.scaling([2, 2]), fill=-1.0)
    assert np.array_equal(small, np.ones((5, 5)))  # growing: every sample lands inside
    shrunk = la.transform_image(np.ones((5, 5)), la.scaling([0.5, 0.5]), fill=-1.0)
    assert shrunk[2, 2] == 1.0 and shrunk[0, 0] == -1.0


# --------------------------------------------------------------------------- against SciPy


@given(images(), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 7.5, -1.0]))
def test_matches_scipy_affine_transform(image, seed, fill):
    M = random_map(seed)
    band = assert_matches_scipy(la.transform_image(image, M, fill=fill), image, M, fill=fill)
    H, W = image.shape[:2]
    if H > 1 and W > 1:
        assert not band.any()  # a generic map never lands exactly on the border


@given(images(max_side=8), st.integers(0, 2**32 - 1), st.integers(1, 12), st.integers(1, 12))
def test_matches_scipy_with_other_output_shape(image, seed, H_out, W_out):
    M = random_map(seed)
    out = la.transform_image(image, M, output_shape=(H_out, W_out))
    assert out.shape == (H_out, W_out) + image.shape[2:]
    assert_matches_scipy(out, image, M, output_shape=(H_out, W_out))


@pytest.mark.parametrize("seed", range(3))
def test_matches_scipy_on_a_real_photograph(seed):
    photo = load_sample_image("china.jpg")  # (427, 640, 3) uint8
    M = random_map(seed)
    out = la.transform_image(photo, M, fill=128.0)
    assert out.shape == photo.shape and out.dtype == np.float64
    band = assert_matches_scipy(out, photo, M, fill=128.0)
    assert not band.any()


def test_real_photograph_rotation_and_shear():
    photo = load_sample_image("china.jpg")[::4, ::4]  # (107, 160, 3)
    for M in (la.rotation(math.radians(30)), la.shear(0.4), la.shear(-0.3, axis=1)):
        band = assert_matches_scipy(la.transform_image(photo, M), photo, M)
        # border hits: the first and last rows of a horizontal shear sample rows 0 and H − 1
        # exactly; everything else (over 95%) is compared with SciPy to 1e-10
        assert band.mean() < 0.05


def test_extreme_scalings_neither_overflow_nor_count_as_singular():
    image = np.arange(25.0).reshape(5, 5)
    # magnified 1e200 times, every output pixel samples (almost exactly) the centre
    assert_close(la.transform_image(image, 1e200 * np.eye(2)), np.full((5, 5), 12.0), rtol=0)
    # shrunk 1e-300 times, only the centre pixel comes from inside the picture
    tiny = la.transform_image(image, 1e-300 * np.eye(2), fill=-1.0)
    assert tiny[2, 2] == 12.0 and np.count_nonzero(tiny == -1.0) == 24


def test_nan_fill_marks_outside_pixels():
    out = la.transform_image(np.ones((6, 6)), la.rotation(math.pi / 4), fill=np.nan)
    assert np.isnan(out[0, 0]) and out[3, 3] == pytest.approx(1.0)


def test_empty_image_gives_fill():
    out = la.transform_image(np.zeros((0, 4)), np.eye(2), output_shape=(2, 3), fill=5.0)
    assert out.shape == (2, 3) and np.all(out == 5.0)
    assert la.transform_image(np.zeros((0, 4)), np.eye(2)).shape == (0, 4)


# --------------------------------------------------------------------------- errors


def test_singular_map_is_rejected():
    with pytest.raises(SingularMatrixError, match=r"transform_image: M = .* is singular"):
        la.transform_image(np.ones((3, 3)), [[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(SingularMatrixError, match=r"transform_image: M = .* is singular"):
        la.transform_image(np.ones((3, 3)), np.zeros((2, 2)))
    with pytest.raises(SingularMatrixError, match=r"det = "):
        la.transform_image(np.ones((3, 3)), [[1.0, 1.0], [1.0, 1.0 + 1e-16]])


def test_bad_arguments_are_rejected():
    image = np.ones((3, 3))
    with pytest.raises(ShapeError, match=r"transform_image: M must be 2x2 .* shape \(3, 3\)"):
        la.transform_image(image, np.eye(3))
    with pytest.raises(ShapeError, match=r"transform_image: image must be a 2-D matrix or"):
        la.transform_image(np.ones(3), np.eye(2))
    with pytest.raises(ShapeError, match=r"transform_image: output_shape must be a pair"):
        la.transform_image(image, np.eye(2), output_shape=(3,))
    with pytest.raises(ShapeError, match=r"transform_image: output_shape must be a pair"):
        la.transform_image(image, np.eye(2), output_shape=5)
    with pytest.raises(ParameterError, match=r"output_shape\[1\] must be a positive integer"):
        la.transform_image(image, np.eye(2), output_shape=(3, 0))
    with pytest.raises(DTypeError, match=r"transform_image: fill must be a real number"):
        la.transform_image(image, np.eye(2), fill="black")
    with pytest.raises(NotFiniteError, match=r"transform_image: image contains NaN"):
        la.transform_image([[np.nan]], np.eye(2))
    with pytest.raises(NotFiniteError, match=r"transform_image: M contains infinity"):
        la.transform_image(image, [[np.inf, 0], [0, 1]])
