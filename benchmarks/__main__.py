"""python -m benchmarks [--sizes 64 256 512] [--only solve qr] [--json]"""

from __future__ import annotations

import argparse
import json
import platform

import numpy as np

from . import linalg


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512])
    parser.add_argument("--only", nargs="+", help="routine names, e.g. solve qr")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)

    rows = linalg.run(sizes=args.sizes, only=args.only, repeat=args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"mathforml.linalg vs LAPACK (numpy {np.__version__}), "
          f"Python {platform.python_version()}, medians of interleaved runs")
    print(linalg.format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
