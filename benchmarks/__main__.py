"""python -m benchmarks [SUITE [options]]: ratio tables against the references, in one run.

With no suite, every suite runs with its defaults (it takes a while: about 20 minutes here).
With a suite name, only that one runs, and the options go to it (``--help`` lists them):

    python -m benchmarks linalg --sizes 64 256 --only solve qr
    python -m benchmarks probability --only special
    python -m benchmarks course_cli --repeat 10

Suites: linalg (vs LAPACK), probability and stats (vs SciPy), optim and autodiff (vs
PyTorch; optim also minimize vs SciPy), course_check, course_progress, course_cli (the
course's own latencies against its goals).
"""

from __future__ import annotations

import importlib
import sys

SUITES = ["linalg", "probability", "stats", "optim", "autodiff",
          "course_check", "course_progress", "course_cli"]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv and argv[0] not in SUITES:
        print(f"unknown suite {argv[0]!r}; the suites are: {', '.join(SUITES)}", file=sys.stderr)
        return 2
    chosen = [argv.pop(0)] if argv else SUITES
    for name in chosen:
        if len(chosen) > 1:
            print(f"\n===== {name} =====", flush=True)
        code = importlib.import_module(f"benchmarks.{name}").main(argv)
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
