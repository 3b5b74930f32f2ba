"""mathforml.linalg against LAPACK (numpy.linalg): time ratio and backward error.

For each routine and size n, on A = randn(n, n)/√n (S = (A + Aᵀ)/2 for the
symmetric routines, S Sᵀ + I for Cholesky), it prints our median time, LAPACK's,
their ratio, and our relative backward error next to the goal 1e-12·n.
"""

from __future__ import annotations

import argparse
import json
import platform
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import mathforml.linalg as la

from ._timing import interleaved


def _rel(x: float, scale: float) -> float:
    return x / scale if scale else x


@dataclass
class Case:
    name: str
    goal: float | None  # the time-ratio goal at n = 512, if the issue sets one
    make: Callable[[np.ndarray, np.ndarray], tuple[Callable, Callable, Callable]]
    max_n: int = 10**9


def _solve(A, S):
    b = A @ np.ones(A.shape[0])
    def error():
        x = la.solve(A, b)
        # normwise backward error ‖b − A x‖ / (‖A‖‖x‖ + ‖b‖) (Rigal–Gaches)
        return np.linalg.norm(b - A @ x) / (np.linalg.norm(A, 2) * np.linalg.norm(x)
                                            + np.linalg.norm(b))
    return (lambda: la.solve(A, b)), (lambda: np.linalg.solve(A, b)), error


def _det(A, S):
    def error():  # no backward error for a scalar: the relative difference from LAPACK
        d, ref = la.det(A), np.linalg.det(A)
        return abs(d - ref) / abs(ref)
    return (lambda: la.det(A)), (lambda: np.linalg.det(A)), error


def _inv(A, S):
    def error():
        X = la.inv(A)
        n = A.shape[0]
        return np.linalg.norm(A @ X - np.eye(n), 2) / (np.linalg.norm(A, 2) * np.linalg.norm(X, 2))
    return (lambda: la.inv(A)), (lambda: np.linalg.inv(A)), error


def _lu(A, S):
    import scipy.linalg

    def error():
        P, L, U = la.lu(A)
        return _rel(np.linalg.norm(P @ A - L @ U), np.linalg.norm(A))
    return (lambda: la.lu(A)), (lambda: scipy.linalg.lu(A)), error


def _cholesky(A, S):
    C = A @ A.T + np.eye(A.shape[0])
    def error():
        L = la.cholesky(C)
        return _rel(np.linalg.norm(C - L @ L.T), np.linalg.norm(C))
    return (lambda: la.cholesky(C)), (lambda: np.linalg.cholesky(C)), error


def _qr(A, S):
    def error():
        Q, R = la.qr(A)
        n = A.shape[0]
        return max(_rel(np.linalg.norm(A - Q @ R), np.linalg.norm(A)),
                   np.linalg.norm(Q.T @ Q - np.eye(n)))
    return (lambda: la.qr(A)), (lambda: np.linalg.qr(A)), error


def _eigh(A, S):
    def error():
        w, V = la.eigh(S)
        n = S.shape[0]
        return max(_rel(np.linalg.norm(S @ V - V * w), np.linalg.norm(S)),
                   np.linalg.norm(V.T @ V - np.eye(n)))
    return (lambda: la.eigh(S)), (lambda: np.linalg.eigh(S)), error


def _svd(A, S):
    def error():
        U, s, Vt = la.svd(A)
        n = A.shape[0]
        return max(_rel(np.linalg.norm(A - (U * s) @ Vt), np.linalg.norm(A)),
                   np.linalg.norm(U.T @ U - np.eye(n)), np.linalg.norm(Vt @ Vt.T - np.eye(n)))
    return (lambda: la.svd(A)), (lambda: np.linalg.svd(A)), error


def _eig(A, S):
    def error():
        w, V = la.eig(A)
        return _rel(np.linalg.norm(A @ V - V * w), np.linalg.norm(A) * np.linalg.norm(V))
    return (lambda: la.eig(A)), (lambda: np.linalg.eig(A)), error


def _lstsq(A, S):
    T = np.vstack([A, A[: A.shape[0] // 2]])  # a tall system
    b = T @ np.ones(T.shape[1]) + 1e-3 * np.sin(np.arange(T.shape[0]))
    def error():
        x = la.lstsq(T, b).x
        ref = np.linalg.lstsq(T, b)[0]
        return np.linalg.norm(x - ref) / np.linalg.norm(ref)
    return (lambda: la.lstsq(T, b)), (lambda: np.linalg.lstsq(T, b)), error


CASES = [
    Case("solve", 3, _solve),
    Case("det", 3, _det),
    Case("inv", 3, _inv),
    Case("lu", None, _lu),
    Case("cholesky", None, _cholesky),
    Case("qr", 5, _qr),
    Case("eigh", 10, _eigh),
    Case("svd", 10, _svd),
    Case("lstsq", None, _lstsq),
    Case("eig", None, _eig, max_n=256),
]


def run(sizes=(64, 256, 512), only=None, repeat=7, seed=0) -> list[dict]:
    """Time every case at every size; return one row per (case, n)."""
    rows = []
    for case in CASES:
        if only and case.name not in only:
            continue
        for n in sizes:
            if n > case.max_n:
                continue
            rng = np.random.default_rng(seed)
            A = rng.standard_normal((n, n)) / np.sqrt(n)
            S = (A + A.T) / 2
            ours, ref, error = case.make(A, S)
            t_ours, t_ref = interleaved(ours, ref, repeat=repeat)
            err = float(error())
            rows.append({
                "routine": case.name, "n": n, "ours_s": t_ours, "lapack_s": t_ref,
                "ratio": t_ours / t_ref, "goal": case.goal if n == max(sizes) else None,
                "backward_error": err, "error_goal": 1e-12 * n,
            })
    return rows


def format_table(rows: list[dict]) -> str:
    head = ("| routine | n | ours (ms) | LAPACK (ms) | ratio | goal | backward error | "
            "≤ 1e-12·n |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|:---:|"]
    for r in rows:
        goal = f"≤ {r['goal']}x" if r["goal"] else ""
        if r["goal"]:
            goal += " ✓" if r["ratio"] <= r["goal"] else " ✗"
        ok = "✓" if r["backward_error"] <= r["error_goal"] else "✗"
        lines.append(
            f"| {r['routine']} | {r['n']} | {1e3 * r['ours_s']:.2f} | {1e3 * r['lapack_s']:.2f} "
            f"| {r['ratio']:.2f} | {goal} | {r['backward_error']:.1e} | {ok} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.linalg",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512])
    parser.add_argument("--only", nargs="+", help="routine names, e.g. solve qr")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)
    rows = run(sizes=args.sizes, only=args.only, repeat=args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"mathforml.linalg vs LAPACK (numpy {np.__version__}), "
          f"Python {platform.python_version()}, medians of interleaved runs")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
