"""mathforml.special and the distributions against SciPy: time ratio on 10⁶ points.

Each row times one vectorized call, ours and SciPy's alternately in one process (see
``_timing``), on the same seeded 10⁶ points: the special functions against
``scipy.special``, the distributions' pdf/logpdf/cdf/ppf against the frozen
``scipy.stats`` objects with the same parameters (also with 10⁵ degrees of freedom,
where the incomplete gamma and beta take their large-parameter paths). The last column
is the largest relative difference between the two results (entries below 1e-300
excluded), a check that the timed computations agree.

A second table times calls with one float, as the statistical tests make them (a
p-value, a critical value): microseconds per call, ours against the same call in SciPy.

    python -m benchmarks.probability            # all rows, 10⁶ points, then scalar calls
    python -m benchmarks.probability --n 100000 --only Normal Beta
    python -m benchmarks.probability --scalar   # the scalar table only
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
        "big": np.abs(rng.normal(1e5, 900.0, n)),  # around the mean of χ²(10⁵)
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
for _label, _ours, _ref, _point, _methods in [
    ("StudentT(1e5)", StudentT(1e5), ss.t(1e5), "x", ("cdf", "sf")),
    ("ChiSquared(1e5)", ChiSquared(1e5), ss.chi2(1e5), "big", ("cdf", "sf")),
]:
    for _method in _methods:
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


# -- calls with one float ------------------------------------------------------------------

SCALAR_CASES = [
    ("StudentT(10).cdf(2.1)", lambda: StudentT(10.0).cdf(2.1), lambda: ss.t(10.0).cdf(2.1)),
    ("StudentT(10).sf(2.1)", lambda: StudentT(10.0).sf(2.1), lambda: ss.t(10.0).sf(2.1)),
    ("StudentT(10).ppf(0.975)", lambda: StudentT(10.0).ppf(0.975),
     lambda: ss.t(10.0).ppf(0.975)),
    ("StudentT(1e5).sf(2.1)", lambda: StudentT(1e5).sf(2.1), lambda: ss.t(1e5).sf(2.1)),
    ("StudentT(1e5).ppf(0.975)", lambda: StudentT(1e5).ppf(0.975),
     lambda: ss.t(1e5).ppf(0.975)),
    ("ChiSquared(9).sf(12)", lambda: ChiSquared(9.0).sf(12.0), lambda: ss.chi2(9.0).sf(12.0)),
    ("ChiSquared(9).ppf(0.95)", lambda: ChiSquared(9.0).ppf(0.95),
     lambda: ss.chi2(9.0).ppf(0.95)),
    ("ChiSquared(1e5).sf(100100)", lambda: ChiSquared(1e5).sf(1.001e5),
     lambda: ss.chi2(1e5).sf(1.001e5)),
    ("ChiSquared(1e5).ppf(0.95)", lambda: ChiSquared(1e5).ppf(0.95),
     lambda: ss.chi2(1e5).ppf(0.95)),
    ("Normal().cdf(1.3)", lambda: Normal().cdf(1.3), lambda: ss.norm().cdf(1.3)),
    ("Normal().ppf(0.975)", lambda: Normal().ppf(0.975), lambda: ss.norm().ppf(0.975)),
    ("gammainc(3, 2)", lambda: ms.gammainc(3.0, 2.0), lambda: sc.gammainc(3.0, 2.0)),
    ("gammaincc(1e5, 100100)", lambda: ms.gammaincc(1e5, 1.001e5),
     lambda: sc.gammaincc(1e5, 1.001e5)),
    ("betainc(3, 2, 0.4)", lambda: ms.betainc(3.0, 2.0, 0.4),
     lambda: sc.betainc(3.0, 2.0, 0.4)),
    ("ndtr(1.3)", lambda: ms.ndtr(1.3), lambda: sc.ndtr(1.3)),
]


def run_scalar(calls: int = 200, repeat: int = 7) -> list[dict]:
    """Microseconds per call with one float, ours and SciPy's (building the distribution
    object included, as a statistical test does)."""
    rows = []
    for name, ours, ref in SCALAR_CASES:
        def many(f):
            return lambda: [f() for _ in range(calls)]

        t_ours, t_ref = interleaved(many(ours), many(ref), repeat=repeat)
        rows.append({"call": name, "ours_us": 1e6 * t_ours / calls,
                     "scipy_us": 1e6 * t_ref / calls,
                     "relative_difference": _rel(ours(), ref())})
    return rows


def format_scalar_table(rows: list[dict]) -> str:
    lines = ["| call (one float) | ours (µs) | SciPy (µs) | ratio | rel. difference |",
             "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['call']} | {r['ours_us']:.1f} | {r['scipy_us']:.1f} | "
                     f"{r['ours_us'] / r['scipy_us']:.2f} | {r['relative_difference']:.1e} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probability",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**6)
    parser.add_argument("--only", nargs="+", help="groups or functions, e.g. special Beta cdf")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scalar", action="store_true", help="only the one-float table")
    args = parser.parse_args(argv)
    print(f"mathforml.special / probability vs scipy {scipy.__version__} (numpy "
          f"{np.__version__}), Python {platform.python_version()}, medians of interleaved runs")
    if not args.scalar:
        print(format_table(run(n=args.n, only=args.only, repeat=args.repeat)))
    if args.scalar or not args.only:
        print()
        print(format_scalar_table(run_scalar(repeat=args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
