"""The symmetric tridiagonal eigenproblem: Sturm counts, bisection, inverse iteration.

Every real symmetric matrix is orthogonally similar to a tridiagonal one (``eigh``
gets there with Householder reflections), and every bidiagonal matrix hides in a
tridiagonal one (the Golub–Kahan matrix behind ``svd``), so this module is where
``eigh`` and ``svd`` find their eigenvalues and eigenvectors. ``T`` is given by
its diagonal ``d`` (length N) and off-diagonal ``e`` (length N - 1)::

        [d₀ e₀         ]
    T = [e₀ d₁ e₁      ]
        [   e₁ d₂ ⋱    ]

Three facts do all the work.

1. **Sturm count.** Eliminating ``T - xI`` without pivoting gives the pivots
   ``q₀ = d₀ - x``, ``qᵢ = (dᵢ - x) - eᵢ₋₁² / qᵢ₋₁``: ``T - xI = L D Lᵀ`` with
   ``D = diag(q)``. By Sylvester's law of inertia ``T - xI`` and ``D`` have as
   many negative eigenvalues, so the number of negative pivots is the number of
   eigenvalues of ``T`` below ``x``. The count is backward stable: it is exact
   for a matrix within a few ulps of ``T``.
2. **Bisection.** The count steps from k to k + 1 at the k-th eigenvalue, so
   halving an interval that brackets it gains one bit per step: about 52 steps
   take the Gershgorin interval down to ``ε‖T‖``.
3. **Inverse iteration.** With a shift ``λ̂`` within ``ε‖T‖`` of an eigenvalue,
   solving ``(T - λ̂I) x = b`` multiplies the eigenvector's component of ``b``
   by ``1/|λ - λ̂| ≈ 1/ε`` and every other component by at most ``1/gap``;
   normalising ``x`` gives the eigenvector. Eigenvectors of close eigenvalues
   come out only as accurate as ``ε‖T‖/gap``, so inside a cluster of close
   eigenvalues they are re-orthogonalised (LAPACK's ``dstein`` does the same),
   and a final Newton–Schulz step polishes the orthogonality of them all.

The plain versions come first: one eigenvalue at a time, loops a lesson can
trace. The refined versions run the same recurrences for all eigenvalues at
once: the loop over the rows of ``T`` stays in Python (it is a recurrence), the
loop over eigenvalues goes into NumPy, so the Python work is O(N) per step and
the O(N²) arithmetic is vectorized. Every loop has a fixed cap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ConvergenceError

__all__ = [
    "split",
    "Lanes",
    "make_lanes",
    "gershgorin_bounds",
    "bisect",
    "inverse_iteration",
    "orthonormalize_columns",
    "polish_orthonormality",
    "complete_orthonormal",
    "eigh_tridiagonal",
]

EPS = np.finfo(np.float64).eps
_TINY = np.finfo(np.float64).tiny

# Caps that make every loop finite (never a hang):
_MAX_BISECTION_STEPS = 128  # 52 halvings reach ε; the rest is slack for extreme ranges
_MIN_INVERSE_ITERATIONS = 2  # a second solve polishes what the random start left over
_MAX_INVERSE_ITERATIONS = 8  # dstein allows 5 + 2 extra
_CLUSTER_GAP = 1e-3  # eigenvalues closer than 1e-3 ‖T‖ are re-orthogonalised (dstein's ortol)


# --------------------------------------------------------------------------- helpers


def gershgorin_bounds(d: np.ndarray, e: np.ndarray) -> tuple[float, float]:
    """An interval ``[lower, upper]`` holding every eigenvalue of ``T``.

    Gershgorin: each eigenvalue lies in a disc ``|x - dᵢ| <= |eᵢ₋₁| + |eᵢ|``.
    """
    r = np.zeros(d.size)
    r[:-1] += np.abs(e)
    r[1:] += np.abs(e)
    return float((d - r).min()), float((d + r).max())


def split_tolerance(n: int, norm: float) -> float:
    """Off-diagonals below ``√n ε ‖T‖`` count as zero.

    That is below the backward error of the reductions that produce ``T``
    (about ``n ε ‖A‖``), and it cuts apart blocks that rounding alone coupled,
    e.g. the 2 x 2 blocks of an orthogonal matrix's Golub–Kahan matrix: inside
    one unreduced block their repeated eigenvalue would be a cluster that
    inverse iteration resolves badly.
    """
    return math.sqrt(max(n, 1)) * EPS * norm


def split(d: np.ndarray, e: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut ``T`` into unreduced blocks where an off-diagonal is negligible.

    Setting ``|eᵢ| <= tol`` to zero changes ``T`` by at most ``tol`` in the
    2-norm, so every eigenvalue moves by at most ``tol`` (Weyl). Returns the
    off-diagonal with those entries set to exactly 0 and the blocks' row ranges
    ``[starts[b], stops[b])``. Inside a block every ``eᵢ`` is nonzero, so its
    eigenvalues are distinct and its eigenvectors unique up to sign.
    """
    n = d.size
    e = np.where(np.abs(e) <= tol, 0.0, e)
    cuts = np.flatnonzero(e == 0.0) + 1
    starts = np.concatenate(([0], cuts)).astype(np.intp)
    stops = np.concatenate((cuts, [n])).astype(np.intp)
    return e, starts, stops


# --------------------------------------------------------------------------- plain algorithms


def _sturm_count(d: np.ndarray, e: np.ndarray, x: float) -> int:
    """How many eigenvalues of ``T`` are smaller than ``x``: the negative pivots of T - xI.

    ``T - xI = L D Lᵀ`` with ``D = diag(q)``, ``q₀ = d₀ - x`` and
    ``qᵢ = (dᵢ - x) - eᵢ₋₁² / qᵢ₋₁``. A zero pivot is nudged to ``-pivmin``
    (as LAPACK's ``dstebz`` does): it counts the eigenvalue at ``x`` as below
    ``x`` and keeps the division finite.
    """
    pivmin = _TINY * max(1.0, float(np.max(e * e, initial=0.0)))
    count = 0
    q = 1.0
    for i in range(d.size):
        q = (d[i] - x) - (e[i - 1] ** 2 / q if i else 0.0)
        if abs(q) < pivmin:
            q = -pivmin
        if q < 0:
            count += 1
    return count


def _bisect_one(d: np.ndarray, e: np.ndarray, k: int, tol: float | None = None) -> float:
    """The k-th smallest eigenvalue of ``T`` (k = 0 is the smallest), by bisection.

    Keep an interval ``[lo, hi)`` with ``count(lo) <= k < count(hi)``: the
    k-th eigenvalue lies inside it. Halve it until it is ``tol`` wide
    (default ``2ε max(|lo|, |hi|)``, about the best a count can resolve).
    """
    lo, hi = gershgorin_bounds(d, e)
    width = hi - lo
    lo, hi = lo - EPS * width - _TINY, hi + EPS * width + _TINY  # strictly outside
    for _ in range(_MAX_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        limit = tol if tol is not None else 2 * EPS * max(abs(lo), abs(hi))
        if hi - lo <= limit or mid in (lo, hi):
            break
        if _sturm_count(d, e, mid) <= k:
            lo = mid  # at most k eigenvalues below mid: the k-th is at or above it
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _solve_shifted(d: np.ndarray, e: np.ndarray, lam: float, b: np.ndarray) -> np.ndarray:
    """Solve ``(T - λI) x = b`` by Gaussian elimination with partial pivoting.

    At step i two rows compete for the pivot: the working row ``(p, r)`` (what is
    left of row i, entries in columns i and i + 1) and row i + 1 of ``T``
    ``(eᵢ, dᵢ₊₁ - λ, eᵢ₊₁)``. The larger first entry wins (partial pivoting keeps
    every multiplier <= 1), so ``U`` gets a second superdiagonal where rows swap.
    A pivot smaller than ``ε‖T‖`` is raised to that size: T - λI is meant to be
    nearly singular, and the raised pivot keeps ``x`` finite (LAPACK's ``dlagts``).
    """
    n = d.size
    scale = max(float(np.abs(d).max()), float(np.abs(e).max(initial=0.0)))
    pivtol = EPS * scale if scale > 0 else EPS
    u0, u1, u2 = np.zeros(n), np.zeros(n), np.zeros(n)  # U's three diagonals
    y = np.array(b, dtype=np.float64)
    p, r, rhs = d[0] - lam, (e[0] if n > 1 else 0.0), y[0]
    for i in range(n - 1):
        a, f = d[i + 1] - lam, (e[i + 1] if i + 2 < n else 0.0)
        if abs(p) >= abs(e[i]):  # keep the working row: pivot p
            m = e[i] / p if p else 0.0  # p = eᵢ = 0: nothing to eliminate
            u0[i], u1[i], u2[i], y[i] = p, r, 0.0, rhs
            p, r, rhs = a - m * r, f, y[i + 1] - m * rhs
        else:  # swap: row i + 1 of T becomes the pivot row
            m = p / e[i]
            u0[i], u1[i], u2[i], y[i] = e[i], a, f, y[i + 1]
            p, r, rhs = r - m * a, -m * f, rhs - m * y[i + 1]
    u0[n - 1], y[n - 1] = p, rhs
    u0 = np.where(np.abs(u0) < pivtol, np.where(u0 < 0, -pivtol, pivtol), u0)
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):  # back substitution with U
        s = y[i]
        if i + 1 < n:
            s -= u1[i] * x[i + 1]
        if i + 2 < n:
            s -= u2[i] * x[i + 2]
        x[i] = s / u0[i]
    return x


def _inverse_iteration_one(
    d: np.ndarray, e: np.ndarray, lam: float, iterations: int = 3, seed: int = 0
) -> np.ndarray:
    """Unit eigenvector of ``T`` for the (accurate) eigenvalue ``lam``.

    Repeat ``x <- (T - λI)⁻¹ x / ‖·‖`` from a random start: each solve multiplies
    the wanted component by ``1/|λ - λ̂|`` and the others by ``1/|λⱼ - λ̂|``.
    """
    x = np.random.default_rng(seed).uniform(-1.0, 1.0, d.size)
    for _ in range(iterations):
        x = _solve_shifted(d, e, lam, x / np.abs(x).max())
        x = x / np.abs(x).max()  # rescale first: ‖x‖² of a 1/ε-sized x cannot overflow
        x = x / math.sqrt(float(x @ x))
    return x


# --------------------------------------------------------------------------- vectorized machinery


@dataclass(frozen=True)
class Lanes:
    """The wanted eigenvalues, one *lane* each, grouped by block.

    ``start``/``stop`` (L,): the rows ``[start, stop)`` of each lane's block;
    ``index`` (L,): which eigenvalue of its block the lane wants (0 = smallest).
    ``rows``: for each row ``i`` of ``T`` whose block has lanes, the tuple
    ``(i, lanes, before, after)``: the slice of lanes of that block and how many
    rows of the block come before and after ``i``. The vectorized recurrences
    walk these rows in order and update only the lanes of the row's block.
    """

    start: np.ndarray
    stop: np.ndarray
    index: np.ndarray
    rows: tuple

    @property
    def size(self) -> int:
        return int(self.index.size)


def make_lanes(starts, stops, *, positive_half: bool = False, keep=None) -> Lanes:
    """Lanes for every eigenvalue of every block, or for the ⌊s/2⌋ largest of each.

    ``positive_half`` serves the Golub–Kahan matrix, whose blocks (zero diagonal)
    have eigenvalues ``±σ`` (plus one 0 when the block size s is odd): the ⌊s/2⌋
    largest are the σ's. ``keep`` (a boolean mask over the lanes built so far)
    drops lanes, e.g. those whose vectors are not wanted.
    """
    start, stop, index = [], [], []
    for a, b in zip(starts, stops, strict=True):
        s = int(b - a)
        first = s - s // 2 if positive_half else 0
        start += [int(a)] * (s - first)
        stop += [int(b)] * (s - first)
        index += range(first, s)
    start = np.array(start, dtype=np.intp)
    stop = np.array(stop, dtype=np.intp)
    index = np.array(index, dtype=np.intp)
    if keep is not None:
        start, stop, index = start[keep], stop[keep], index[keep]
    rows = []
    lane = 0
    while lane < start.size:  # one block per pass: its lanes are contiguous
        a, b = int(start[lane]), int(stop[lane])
        end = lane + int(np.count_nonzero(start[lane:] == a))
        lanes = slice(lane, end)
        rows += [(i, lanes, i - a, b - 1 - i) for i in range(a, b)]
        lane = end
    return Lanes(start, stop, index, tuple(rows))


def _shifts_per_lane(lanes: int) -> int:
    """Bits gained per multisection step: 2**bits - 1 shifts split each interval in 2**bits.

    A vectorized row step costs about 1.2 µs plus 2 µs per 1000 shifts (measured),
    so few lanes leave room for many shifts each (more bits per Python-level step).
    """
    return max(range(1, 7), key=lambda b: b / (1.2 + 2 * (2**b - 1) * lanes / 1000))


def bisect(
    d: np.ndarray, e: np.ndarray, lanes: Lanes, lower: float, upper: float, tol: float
) -> np.ndarray:
    """All the lanes' eigenvalues at once, each to within ``tol``, by multisection.

    Same recurrence as :func:`_sturm_count`, with ``k = 2**bits - 1`` shifts per
    lane (bisection is ``k = 1``): the shifts cut each lane's interval into
    ``k + 1`` equal parts, and the counts say which part holds the eigenvalue,
    so each step gains ``bits`` bits. Row i of ``Q`` holds the pivots ``qᵢ`` of
    every shift of every lane.

    Instead of nudging zero pivots this lets IEEE arithmetic run: ``qᵢ = +0``
    makes ``qᵢ₊₁ = -inf`` (one negative in the pair, as a tiny nonzero ``qᵢ`` of
    either sign would give), and ``qᵢ₊₂ = dᵢ₊₂ - x - eᵢ₊₁²/(-inf)`` is finite
    again; ``signbit`` also counts ``-0`` as negative, which keeps the pair
    ``(-0, +inf)`` right. ``e`` must be nonzero inside a block (``0/0`` would be
    NaN), and ``eᵢ²`` must not underflow to 0, which scaling ``T`` to
    ``‖T‖ ≈ 1`` and :func:`split` ensure. Every lane needs the same number of
    steps, fixed in advance.
    """
    n, L = d.size, lanes.size
    bits = _shifts_per_lane(L)
    k = 2**bits - 1
    e2 = e * e
    width = upper - lower
    halvings = 0 if width <= tol else math.ceil(math.log2(width / tol))
    steps = min(_MAX_BISECTION_STEPS, -(-halvings // bits))
    lo, hi = np.full(L, float(lower)), np.full(L, float(upper))
    fractions = np.arange(1, k + 1) / (k + 1)
    index = lanes.index[:, None]
    Q = np.ones((n, L * k))  # (rows, lanes·shifts); outside a lane's block stays +1: not counted
    DX = np.empty((n, L * k))  # dᵢ - x, refilled each step
    # Each row's views, made once: (dᵢ - x, qᵢ, qᵢ₋₁ or None at a block's first row, eᵢ₋₁²).
    views = []
    for i, sl, before, _ in lanes.rows:
        cols = slice(sl.start * k, sl.stop * k)
        previous = (Q[i - 1, cols], e2[i - 1]) if before else (None, 0.0)
        views.append((DX[i, cols], Q[i, cols], *previous))
    with np.errstate(divide="ignore", over="ignore"):
        for _ in range(steps):
            X = lo[:, None] + (hi - lo)[:, None] * fractions  # (lanes, shifts)
            np.subtract(d[:, None], X.ravel(), out=DX)
            for dx, q, q_prev, e2_prev in views:
                if q_prev is None:
                    q[...] = dx
                else:  # qᵢ = (dᵢ - x) - eᵢ₋₁² / qᵢ₋₁
                    np.subtract(dx, e2_prev / q_prev, out=q)
            count = np.signbit(Q).sum(axis=0, dtype=np.int32).reshape(L, k)  # eigenvalues below x
            # The wanted eigenvalue lies above the first j shifts (count <= index there).
            j = np.count_nonzero(count <= index, axis=1)
            edges = np.hstack((lo[:, None], X, hi[:, None]))
            lo, hi = edges[np.arange(L), j], edges[np.arange(L), j + 1]
    return 0.5 * (lo + hi)


def _factor_shifted(d, e, lam, lanes, pivtol):
    """LU with partial pivoting of ``T - λI`` for every lane (see :func:`_solve_shifted`).

    Returns ``(U0, U1, U2, M, S)``, each (rows, lanes): U's diagonal and two
    superdiagonals, the multipliers and the row-swap flags.
    """
    n, L = d.size, lanes.size
    U0, U1, U2 = np.ones((n, L)), np.zeros((n, L)), np.zeros((n, L))
    M, S = np.zeros((n, L)), np.zeros((n, L), dtype=bool)
    D = d[:, None] - lam  # (rows, lanes): the diagonal of T - λI
    p, r = np.empty(L), np.empty(L)  # the working row (p, r), per lane
    for i, sl, before, after in lanes.rows:
        if before == 0:
            p[sl] = D[i, sl]
            r[sl] = e[i] if after else 0.0
        if after == 0:
            U0[i, sl] = p[sl]
            continue
        ei, f = e[i], (e[i + 1] if after > 1 else 0.0)
        a, pi, ri = D[i + 1, sl], p[sl], r[sl]
        swap = np.abs(pi) < abs(ei)
        pivot = U0[i, sl]
        pivot[...] = np.where(swap, ei, pi)  # the larger of p and eᵢ: never 0 inside a block
        np.divide(np.where(swap, pi, ei), pivot, out=M[i, sl])  # |multiplier| <= 1
        U1[i, sl] = upper = np.where(swap, a, ri)
        S[i, sl] = swap
        # The eliminated row keeps what the pivot row did not take: (r or a) - m (a or r).
        p[sl] = np.where(swap, ri, a) - M[i, sl] * upper
        if f:
            U2[i, sl] = swap * f
            r[sl] = np.where(swap, -M[i, sl] * f, f)
        else:
            r[sl] = 0.0
    # Raise tiny pivots to ±pivtol: x stays finite and still grows like 1/ε.
    small = np.abs(U0) < pivtol
    U0[small] = np.where(U0[small] < 0, -pivtol, pivtol)
    return U0, U1, U2, M, S


def _solve_factored(factors, lanes, B):
    """Overwrite ``B`` (rows, lanes) with ``(T - λI)⁻¹ B``, lane by lane, from the factors."""
    U0, U1, U2, M, S = factors
    rhs = np.empty(lanes.size)  # right-hand side of the working row
    for i, sl, before, after in lanes.rows:  # forward: B <- L⁻¹ P B
        if before == 0:
            rhs[sl] = B[i, sl]
        if after == 0:
            B[i, sl] = rhs[sl]
            continue
        nxt, cur, s = B[i + 1, sl], rhs[sl], S[i, sl]
        pivot_rhs = np.where(s, nxt, cur)
        rhs[sl] = np.where(s, cur, nxt) - M[i, sl] * pivot_rhs
        B[i, sl] = pivot_rhs
    for step, (i, sl, _, after) in enumerate(reversed(lanes.rows)):  # backward: B <- U⁻¹ B
        row = B[i, sl]
        if after >= 1:
            row -= U1[i, sl] * B[i + 1, sl]
        if after >= 2:
            row -= U2[i, sl] * B[i + 2, sl]
        row /= U0[i, sl]
        if step % 4 == 3:  # 4 rows grow x by at most (2‖T‖/pivtol)⁴ ≈ 1e64: rescale in time
            big = np.abs(row) > 1e150
            if big.any():  # scale those lanes' rows computed so far (x is only wanted up to scale)
                rest = B[i : i + after + 1, sl]
                rest[:, big] *= 1e-150
    return B


def _normalize_columns(X: np.ndarray) -> np.ndarray:
    """Scale each column to unit 2-norm (max-scaled first, so squares cannot overflow)."""
    X /= np.abs(X).max(axis=0)
    X /= np.sqrt(np.einsum("ij,ij->j", X, X))
    return X


def _random_direction(P: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random unit vector orthogonal to the orthonormal columns of ``P``."""
    for _attempt in range(8):
        x = rng.uniform(-1.0, 1.0, P.shape[0])
        before = math.sqrt(float(x @ x))
        for _ in range(2):
            x -= P @ (P.T @ x)
        after = math.sqrt(float(x @ x))
        if after > 1e-3 * before:
            return x / after
    raise ConvergenceError("orthonormalize_columns: no direction is left outside the span")


def orthonormalize_columns(G: np.ndarray, rng: np.random.Generator, fixed: int = 0) -> int:
    """In place: Gram–Schmidt on the columns of ``G`` from column ``fixed`` on.

    Columns before ``fixed`` must already be orthonormal. Each column is made
    orthogonal to those before it by classical Gram–Schmidt applied twice
    ("twice is enough": the second pass removes what rounding left after the
    first), then normalised. Columns go in blocks of 32: a block is first
    projected against all earlier columns at once (matrix products), then
    column by column inside the block. A column that lost more than a factor
    1000 of its norm was (numerically) in the span of the earlier ones and is
    replaced by a random unit vector orthogonal to them. Returns how many
    columns were replaced.
    """
    n, c = G.shape
    replaced = 0
    for j0 in range(fixed, c, 32):
        j1 = min(j0 + 32, c)
        block = G[:, j0:j1]
        before = np.sqrt(np.einsum("ij,ij->j", block, block))
        if j0:
            P = G[:, :j0]
            for _ in range(2):
                block -= P @ (P.T @ block)
        for j in range(j0, j1):
            x = G[:, j]
            if j > j0:
                P = G[:, j0:j]
                for _ in range(2):
                    x -= P @ (P.T @ x)
            after = math.sqrt(float(x @ x))
            if after > 1e-3 * before[j - j0]:
                x /= after
            else:
                x[:] = _random_direction(G[:, :j], rng)
                replaced += 1
    return replaced


def complete_orthonormal(Q: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` unit columns orthogonal to each other and to the orthonormal columns of ``Q``.

    Start from the ``count`` axes ``e_j`` least covered by ``Q`` (smallest
    ``‖Qᵀe_j‖``) and orthonormalise them against ``Q``: a completion of
    axis-aligned vectors then stays axis-aligned.
    """
    n, k = Q.shape
    covered = np.einsum("ij,ij->i", Q, Q)  # ‖Qᵀe_j‖², per axis
    axes = np.argsort(covered, kind="stable")[:count]
    M = np.zeros((n, k + count), order="F")
    M[:, :k] = Q
    M[axes, k + np.arange(count)] = 1.0
    orthonormalize_columns(M, rng, fixed=k)
    return M[:, k:]


def polish_orthonormality(X: np.ndarray) -> np.ndarray:
    """One Newton–Schulz step towards the nearest orthonormal basis: ``X (3I - XᵀX) / 2``.

    Inverse iteration makes eigenvectors of well-separated eigenvalues orthogonal
    only to about ``ε‖T‖/gap`` (up to ``ε/1e-3`` between clusters). With
    ``XᵀX = I + Δ`` this step leaves ``O(Δ²)``, and it moves each vector by
    ``-½ Σⱼ Δᵢⱼ xⱼ``, which changes its residual by only ``½ Σⱼ Δᵢⱼ (λⱼ - λᵢ)``
    of order ``ε‖T‖``: orthogonality improves, accuracy stays. Two matrix products.
    """
    G = X.T @ X  # I + Δ
    return X @ (1.5 * np.eye(G.shape[0]) - 0.5 * G)


def _clusters(lam: np.ndarray, lanes: Lanes, gap: float) -> list[tuple[int, int]]:
    """Runs ``[g0, g1)`` of >= 2 lanes of one block with consecutive eigenvalues within ``gap``."""
    if lanes.size < 2:
        return []
    close = (lanes.start[1:] == lanes.start[:-1]) & (np.diff(lam) <= gap)
    runs, g0 = [], None
    for j, c in enumerate(close):
        if c and g0 is None:
            g0 = j
        elif not c and g0 is not None:
            runs.append((g0, j + 1))
            g0 = None
    if g0 is not None:
        runs.append((g0, lanes.size))
    return runs


def _residuals(d, e, lam, X):
    """``‖(T - λⱼI) xⱼ‖`` for each column (split entries of ``e`` are 0, so blocks stay apart)."""
    R = d[:, None] * X - X * lam
    R[:-1] += e[:, None] * X[1:]
    R[1:] += e[:, None] * X[:-1]
    return np.sqrt(np.einsum("ij,ij->j", R, R))


def _separated_shifts(lam: np.ndarray, lanes: Lanes, pertol: float) -> np.ndarray:
    """Shifts for inverse iteration: ``lam``, pushed apart to at least ``pertol`` within a block.

    Eigenvalues equal to working accuracy would give lanes the same shift, so the
    same LU, whose several tiny pivots make every solve point the same way whatever
    the start vector. Nudging each shift ``pertol`` above the previous one (LAPACK's
    ``dstein`` does this) keeps the solves distinct: ``μⱼ = max(λⱼ, μⱼ₋₁ + pertol)``.
    """
    mu = lam.copy()
    for j in range(1, lam.size):
        if lanes.start[j] == lanes.start[j - 1] and mu[j] < mu[j - 1] + pertol:
            mu[j] = mu[j - 1] + pertol
    return mu


def inverse_iteration(
    d: np.ndarray, e: np.ndarray, lam: np.ndarray, lanes: Lanes, norm: float, seed: int = 0
) -> np.ndarray:
    """Unit eigenvectors (rows, lanes) of ``T`` for the lanes' eigenvalues ``lam``.

    Every lane runs :func:`_inverse_iteration_one` at the same time: one
    pivoted LU of ``T - μI`` per lane (``μ = λ``, nudged apart where eigenvalues
    coincide, see :func:`_separated_shifts`), then repeated solves from unit vectors.
    A solve ``(T - λI) x = b`` with ``‖b‖ = 1`` leaves the residual
    ``‖(T - λI) x̂‖ = 1/‖x‖`` for ``x̂ = x/‖x‖``, so the growth ``‖x‖`` tells
    convergence for free; stop once every lane's ``1/‖x‖`` is below ``16 n ε ‖T‖``
    (after at least two solves, at most eight).

    After each solve the vectors of each cluster of close eigenvalues (gaps
    below ``1e-3 ‖T‖``) are re-orthogonalised, so that the next solve refines
    each inside the part of the cluster's invariant subspace the earlier ones
    leave free; for an exactly repeated eigenvalue this yields an orthonormal
    basis of its eigenspace. Inside a cluster whose eigenvalues are a width
    ``δ`` apart the residual after re-orthogonalisation is about ``δ`` (any
    vector of the cluster's subspace has that much). A lane's vector lives on
    its block's rows only.
    """
    n, L = d.size, lanes.size
    rng = np.random.default_rng(seed)
    mu = _separated_shifts(lam, lanes, 10 * EPS * norm)
    factors = _factor_shifted(d, e, mu, lanes, EPS * norm)
    rows = np.arange(n)[:, None]
    inside = (rows >= lanes.start) & (rows < lanes.stop)  # (rows, lanes) block masks
    X = _normalize_columns(np.where(inside, rng.uniform(-1.0, 1.0, (n, L)), 0.0))
    groups = _clusters(lam, lanes, _CLUSTER_GAP * norm)
    # Converged: the residual is |λ - μ| (bisection: 2ε‖T‖, plus any nudge) plus rounding,
    # or, inside a cluster of width δ whose eigenvalues the shifts barely resolve, up to δ;
    # 16 n ε ‖T‖ covers both (a cluster of c <= n members a few ε apart is that wide).
    restol = 16 * EPS * norm * max(n, 1) + (mu - lam)
    for it in range(_MAX_INVERSE_ITERATIONS):
        X = _solve_factored(factors, lanes, X)
        scale = np.abs(X).max(axis=0)
        if not np.all(np.isfinite(scale) & (scale > 0)):
            raise ConvergenceError("inverse iteration: a solve overflowed (T nearly splits)")
        X /= scale
        growth = scale * np.sqrt(np.einsum("ij,ij->j", X, X))  # ‖x‖ before scaling, per lane
        X /= growth / scale
        replaced = 0  # columns that were dependent and restarted from a random vector
        for g0, g1 in groups:
            a, b = int(lanes.start[g0]), int(lanes.stop[g0])
            G = np.asfortranarray(X[a:b, g0:g1])
            replaced += orthonormalize_columns(G, rng)
            X[a:b, g0:g1] = G
        if it + 1 >= _MIN_INVERSE_ITERATIONS and not replaced and np.all(growth * restol >= 1):
            break
    else:
        worst = np.argmin(growth * restol)
        raise ConvergenceError(
            f"inverse iteration: after {_MAX_INVERSE_ITERATIONS} solves the residual "
            f"1/‖x‖ = {1 / growth[worst]:.3g} is still above {restol[worst]:.3g}"
            + (f" ({replaced} vectors restarted)" if replaced else "")
        )
    res = _residuals(d, e, lam, X)
    if res.max(initial=0.0) > math.sqrt(EPS) * norm:  # a guard against a silent failure
        raise ConvergenceError(
            f"inverse iteration: the residual ‖(T - λI)x‖ = {res.max():.3g} is far above "
            f"rounding level ({restol.max():.3g})"
        )
    return X


# --------------------------------------------------------------------------- the solver


def eigh_tridiagonal(d, e) -> tuple[np.ndarray, np.ndarray]:
    """All eigenvalues (ascending) and orthonormal eigenvectors of a symmetric tridiagonal T.

    ``T Z = Z diag(w)``. Steps: scale ``T`` by a power of 2 to ``‖T‖ ≈ 1`` (exact;
    squares of entries can then neither overflow nor underflow to 0), split
    where ``|eᵢ| <= √n ε‖T‖``, bisection for every eigenvalue of every block
    (vectorized; 1 x 1 blocks are exact), inverse iteration for the
    eigenvectors (vectorized, clusters re-orthogonalised), one Newton–Schulz step
    to polish their orthogonality.

    >>> w, Z = eigh_tridiagonal(np.array([2.0, 2.0]), np.array([1.0]))
    >>> w
    array([1., 3.])
    """
    d = np.asarray(d, dtype=np.float64)
    e = np.asarray(e, dtype=np.float64)
    n = d.size
    if n == 0:
        return np.zeros(0), np.zeros((0, 0))
    lower, upper = gershgorin_bounds(d, e)
    norm = max(abs(lower), abs(upper))
    if norm == 0.0:
        return np.zeros(n), np.eye(n)
    k = math.frexp(norm)[1]  # T / 2ᵏ has Gershgorin bound in [0.5, 1)
    with np.errstate(under="ignore"):
        d, e = np.ldexp(d, -k), np.ldexp(e, -k)
    lower, upper, norm = math.ldexp(lower, -k), math.ldexp(upper, -k), math.ldexp(norm, -k)
    e, starts, stops = split(d, e, split_tolerance(n, norm))
    lanes = make_lanes(starts, stops)
    tol = 2 * EPS * norm
    w = bisect(d, e, lanes, lower - tol, upper + tol, tol)
    single = lanes.start + 1 == lanes.stop
    w[single] = d[lanes.start[single]]  # a 1 x 1 block is its own eigenvalue
    Z = polish_orthonormality(inverse_iteration(d, e, w, lanes, norm))
    order = np.argsort(w, kind="stable")
    return np.ldexp(w[order], k), Z[:, order]
