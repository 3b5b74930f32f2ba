"""mathforml.special and the distributions against SciPy: time ratio on 10⁶ points.

Each row times one vectorized call, ours and SciPy's alternately in one process (see
``_timing``), on the same seeded 10⁶ points: the special functions against
``scipy.special``, the distributions' pdf/logpdf/cdf/ppf against the frozen
``scipy.stats`` objects with the same parameters. The last column is the largest
relative difference between the two results (entries below 1e-300 excluded), a check
that the timed computations agree.

    python -m benchmarks.probability            # all rows, 10⁶ points
    python -m benchmarks.probability --n 100000 --only Normal Beta
"""

from __future__ import annotations

import argparse
import platform
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy
import scipy.special as sc
import scipy.stats as ss

import mathforml.special as ms
from mathforml.probability import Beta, Binomial, ChiSquared, Normal, Poisson, StudentT

from ._timing import interleaved

GOAL = 2.0  # issue 5: within 2x of SciPy on 10⁶ points


@dataclass
class Case:
    group: str
    name: str
    make: Callable[[np.random.Generator, int], tuple[Callable, Callable]]


def _points(rng, n):
    """The seeded inputs every row draws from."""
    return {
        "x": rng.uniform(-6.0, 6.0, n),
        "p": rng.uniform(0.0, 1.0, n),
        "a": rng.uniform(0.5, 20.0, n),
        "b": rng.uniform(0.5, 20.0, n),
        "pos": rng.uniform(0.0, 30.0, n),
        "unit": rng.uniform(0.0, 1.0, n),
        "k": rng.integers(0, 40, n).astype(float),
    }


def _special(name, args):
    ours, ref = getattr(ms, name), getattr(sc, name)

    def make(rng, n):
        P = _points(rng, n)
        values = [P[k] for k in args]
        return (lambda: ours(*values)), (lambda: ref(*values))
    return Case("special", name, make)


def _dist(label, ours, ref, method, point):
    def make(rng, n):
        P = _points(rng, n)
        x = P[point]
        return (lambda: getattr(ours, method)(x)), (lambda: getattr(ref, method)(x))
    return Case(label, method, make)


CASES = [
    _special("erf", ["x"]),
    _special("erfc", ["x"]),
    _special("ndtr", ["x"]),
    _special("ndtri", ["p"]),
    _special("gammaln", ["a"]),
    _special("digamma", ["a"]),
    _special("gammainc", ["a", "pos"]),
    _special("gammaincc", ["a", "pos"]),
    _special("gammaincinv", ["a", "p"]),
    _special("betaln", ["a", "b"]),
    _special("betainc", ["a", "b", "unit"]),
    _special("betaincinv", ["a", "b", "p"]),
]
for _label, _ours, _ref, _point in [
    ("Normal(1, 2)", Normal(1.0, 2.0), ss.norm(1.0, 2.0), "x"),
    ("Beta(2.5, 3.5)", Beta(2.5, 3.5), ss.beta(2.5, 3.5), "unit"),
    ("StudentT(5)", StudentT(5.0), ss.t(5.0), "x"),
    ("ChiSquared(5)", ChiSquared(5.0), ss.chi2(5.0), "pos"),
]:
    for _method in ("pdf", "logpdf", "cdf", "sf"):
        CASES.append(_dist(_label, _ours, _ref, _method, _point))
    CASES.append(_dist(_label, _ours, _ref, "ppf", "p"))
for _label, _ours, _ref in [
    ("Binomial(40, 0.3)", Binomial(40, 0.3), ss.binom(40, 0.3)),
    ("Poisson(12)", Poisson(12.0), ss.poisson(12.0)),
]:
    for _method in ("pmf", "cdf"):
        CASES.append(_dist(_label, _ours, _ref, _method, "k"))


def _rel(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    keep = np.isfinite(b) & (np.abs(b) > 1e-300)
    if not keep.any():
        return 0.0
    return float(np.max(np.abs(a[keep] - b[keep]) / np.abs(b[keep])))


def run(n: int = 10**6, only=None, repeat: int = 7, seed: int = 0) -> list[dict]:
    """Time every case on n points; return one row per case."""
    rows = []
    for case in CASES:
        if only and not any(o in (case.group, case.name) or o in case.group for o in only):
            continue
        ours, ref = case.make(np.random.default_rng(seed), n)
        t_ours, t_ref = interleaved(ours, ref, repeat=repeat)
        rows.append({
            "group": case.group, "function": case.name, "n": n, "ours_s": t_ours,
            "scipy_s": t_ref, "ratio": t_ours / t_ref, "goal": GOAL,
            "relative_difference": _rel(ours(), ref()),
        })
    return rows


def format_table(rows: list[dict]) -> str:
    head = "| group | function | n | ours (ms) | SciPy (ms) | ratio | ≤ 2x | max rel. difference |"
    lines = [head, "|---|---|---:|---:|---:|---:|:---:|---:|"]
    for r in rows:
        ok = "✓" if r["ratio"] <= r["goal"] else "✗"
        lines.append(
            f"| {r['group']} | {r['function']} | {r['n']} | {1e3 * r['ours_s']:.1f} | "
            f"{1e3 * r['scipy_s']:.1f} | {r['ratio']:.2f} | {ok} | "
            f"{r['relative_difference']:.1e} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probability",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**6)
    parser.add_argument("--only", nargs="+", help="groups or functions, e.g. special Beta cdf")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"mathforml.special / probability vs scipy {scipy.__version__} (numpy "
          f"{np.__version__}), Python {platform.python_version()}, medians of interleaved runs")
    print(format_table(run(n=args.n, only=args.only, repeat=args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
