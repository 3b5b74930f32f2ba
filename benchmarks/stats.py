"""mathforml.stats against scipy.stats and NumPy: time ratio on 10⁵ samples, and agreement.

Each case times ours and the reference alternately in one process (see ``_timing``) on
seeded data of n = 10⁵ values: normal samples for the descriptive statistics and the
t-tests, a (n/10, 10) matrix for covariance and correlation, 10⁵ Poisson counts for
``chisquare``, a 316 x 316 table (≈ 10⁵ cells) for ``chi2_contingency``. The last
column is the largest relative difference between the two results (statistic and
p-value for the tests), next to the tests' tolerance 1e-9.

For the hypothesis tests the column "p-value (ms)" times the p-value alone: one call of
the null distribution's tail function from ``mathforml.probability`` (``StudentT.sf``,
``ChiSquared.sf``) at the statistic. It is a fixed cost, independent of n.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import mathforml.stats as ms
from mathforml.probability import ChiSquared, StudentT

from ._timing import interleaved

GOAL = 2.0  # issue 5: within 2x of SciPy / NumPy


@dataclass
class Case:
    name: str
    make: Callable[[np.random.Generator, int], tuple[Callable, Callable, Callable]]


def _rel(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.maximum(np.abs(b), 1e-300)
    return float(np.max(np.abs(a - b) / scale))


def _test_case(ours: Callable, ref: Callable):
    """A hypothesis test: compare (statistic, pvalue); also time its p-value alone."""
    def error():
        r, e = ours(), ref()
        return max(_rel(r.statistic, e.statistic), _rel(r.pvalue, e.pvalue))

    r = ours()
    if r.test.startswith(("goodness", "independence")):
        tail = lambda: ChiSquared(r.df).sf(r.statistic)  # noqa: E731
    else:
        tail = lambda: StudentT(r.df).sf(abs(r.statistic))  # noqa: E731
    return ours, ref, error, tail


def _value_case(ours: Callable, ref: Callable):
    return ours, ref, lambda: _rel(ours(), ref()), None


def _ttest_1samp(rng, n):
    import scipy.stats
    x = rng.normal(0.01, 1.0, n)
    return _test_case(lambda: ms.ttest_1samp(x, 0.0), lambda: scipy.stats.ttest_1samp(x, 0.0))


def _ttest_ind(equal_var):
    def make(rng, n):
        import scipy.stats
        a, b = rng.normal(0.0, 1.0, n), rng.normal(0.01, 1.5, n)
        return _test_case(lambda: ms.ttest_ind(a, b, equal_var),
                          lambda: scipy.stats.ttest_ind(a, b, equal_var=equal_var))
    return make


def _ttest_rel(rng, n):
    import scipy.stats
    a = rng.normal(0.0, 1.0, n)
    b = a + rng.normal(0.005, 0.5, n)
    return _test_case(lambda: ms.ttest_rel(a, b), lambda: scipy.stats.ttest_rel(a, b))


def _chisquare(rng, n):
    import scipy.stats
    f_obs = rng.poisson(50.0, n).astype(float)
    return _test_case(lambda: ms.chisquare(f_obs), lambda: scipy.stats.chisquare(f_obs))


def _chi2_contingency(rng, n):
    import scipy.stats
    k = int(round(np.sqrt(n)))
    table = rng.poisson(20.0, (k, k)) + 1.0
    return _test_case(lambda: ms.chi2_contingency(table),
                      lambda: scipy.stats.chi2_contingency(table))


def _descriptive(name, ours, ref):
    def make(rng, n):
        x = rng.normal(3.0, 2.0, n)
        return _value_case(lambda: ours(x), lambda: ref(x))
    return Case(name, make)


def _matrix(name, ours, ref):
    def make(rng, n):
        X = rng.normal(0.0, 1.0, (n // 10, 10)) @ rng.normal(0.0, 1.0, (10, 10))
        return _value_case(lambda: ours(X), lambda: ref(X))
    return Case(name, make)


def _mode(rng, n):
    import scipy.stats
    x = rng.integers(0, 1000, n)
    return _value_case(lambda: ms.mode(x).mode, lambda: scipy.stats.mode(x).mode)


def _describe(rng, n):
    import scipy.stats
    x = rng.normal(3.0, 2.0, n)
    def error():
        r, e = ms.describe(x), scipy.stats.describe(x)
        return max(_rel(r.mean, e.mean), _rel(r.variance, e.variance),
                   _rel(r.skewness, e.skewness), _rel(r.kurtosis, e.kurtosis))
    return (lambda: ms.describe(x)), (lambda: scipy.stats.describe(x)), error, None


def _iqr(rng, n):
    import scipy.stats
    x = rng.normal(3.0, 2.0, n)
    return _value_case(lambda: ms.iqr(x), lambda: scipy.stats.iqr(x))


CASES = [
    Case("ttest_1samp", _ttest_1samp),
    Case("ttest_ind (Student)", _ttest_ind(True)),
    Case("ttest_ind (Welch)", _ttest_ind(False)),
    Case("ttest_rel", _ttest_rel),
    Case("chisquare", _chisquare),
    Case("chi2_contingency", _chi2_contingency),
    _descriptive("mean", ms.mean, np.mean),
    _descriptive("median", ms.median, np.median),
    _descriptive("var", ms.var, np.var),
    _descriptive("std", lambda x: ms.std(x, ddof=1), lambda x: np.std(x, ddof=1)),
    _descriptive("percentile (5 q)", lambda x: ms.percentile(x, [5, 25, 50, 75, 95]),
                 lambda x: np.percentile(x, [5, 25, 50, 75, 95])),
    Case("iqr", _iqr),
    Case("mode", _mode),
    Case("describe", _describe),
    _matrix("covariance", ms.covariance, lambda X: np.cov(X, rowvar=False)),
    _matrix("correlation", ms.correlation, lambda X: np.corrcoef(X, rowvar=False)),
]


def run(n: int = 10**5, only=None, repeat: int = 15, seed: int = 0) -> list[dict]:
    """Time every case on n samples; one row per case."""
    rows = []
    for case in CASES:
        if only and case.name not in only:
            continue
        ours, ref, error, tail = case.make(np.random.default_rng(seed), n)
        if tail is None:
            t_ours, t_ref = interleaved(ours, ref, repeat=repeat)
            t_tail = None
        else:
            t_ours, t_ref, t_tail = _interleaved3(ours, ref, tail, repeat)
        rows.append({"function": case.name, "n": n, "ours_s": t_ours, "reference_s": t_ref,
                     "ratio": t_ours / t_ref, "goal": GOAL, "relative_difference": error(),
                     "pvalue_s": t_tail})
    return rows


def _interleaved3(a: Callable, b: Callable, c: Callable, repeat: int) -> tuple[float, ...]:
    """Median seconds of three functions run in rotating order (as ``_timing.interleaved``),
    so that the p-value's share is measured under the same machine load as the test."""
    fns = (a, b, c)
    for f in fns:
        f()
    times: list[list[float]] = [[], [], []]
    for i in range(repeat):
        for k in range(3):
            j = (i + k) % 3
            t0 = time.perf_counter()
            fns[j]()
            times[j].append(time.perf_counter() - t0)
    return tuple(statistics.median(t) for t in times)


def format_table(rows: list[dict]) -> str:
    head = ("| function | n | ours (ms) | reference (ms) | ratio | ≤ 2x | of ours: p-value (ms) "
            "| ratio without it | max rel. difference |")
    lines = [head, "|---|---:|---:|---:|---:|:---:|---:|---:|---:|"]
    for r in rows:
        ok = "✓" if r["ratio"] <= r["goal"] else "✗"
        p = rest = ""
        if r["pvalue_s"] is not None:
            p = f"{1e3 * r['pvalue_s']:.2f}"
            rest = f"{max(r['ours_s'] - r['pvalue_s'], 0.0) / r['reference_s']:.2f}"
        lines.append(
            f"| {r['function']} | {r['n']} | {1e3 * r['ours_s']:.2f} | "
            f"{1e3 * r['reference_s']:.2f} | {r['ratio']:.2f} | {ok} | {p} | {rest} | "
            f"{r['relative_difference']:.1e} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import platform

    import scipy

    print(f"mathforml.stats vs scipy.stats {scipy.__version__} / numpy {np.__version__}, "
          f"Python {platform.python_version()}, medians of interleaved runs")
    print(format_table(run()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stats",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**5)
    parser.add_argument("--only", nargs="+", help="case names, e.g. ttest_ind chisquare")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)
    rows = run(args.n, args.only, args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"mathforml.stats vs scipy.stats / numpy on {args.n} samples, medians of "
              "interleaved runs")
        print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
