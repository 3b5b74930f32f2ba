"""One check round trip of the grader: sandbox start + 100 examples, on dot_product.

python -m benchmarks.course_check [--repeat 15] [--json]

Rows (median and 90th percentile of ``repeat`` runs, seconds). ``cpu`` is the median CPU
time of the grader and every process it started (the sandbox, a fresh interpreter): on a
busy machine wall time waits for a core, so CPU time is what the same work costs on an
idle one, where parent and child take turns and the wall time is close to their sum.

- parent imports: ``grade``, the exercise's spec and Hypothesis (``spec.inputs()``),
  timed inside a fresh interpreter (what ``mathforml check`` pays before grading; its
  ``cpu`` is the whole interpreter's, start-up included);
- child start: the sandbox's Python and NumPy booting, up to the learner's file loaded;
- grade(), warm: one whole ``grade()`` in a process that has already imported everything
  (child start + 100 examples + the verdict); the goal is a median under 0.5 s;
- 100 examples: the warm ``grade()`` minus the child start (medians, so an estimate);
- cold round trip: a fresh ``python -c "grade(...)"`` timed from outside, interpreter
  start included: the whole latency of a ``check`` from the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import mathforml.content.exercises.dot_product as dot_exercise
from mathforml.content.exercises.dot_product.spec import SPEC
from mathforml.course.grader import grade
from mathforml.course.grader.sandbox import Sandbox

SOLUTION = Path(dot_exercise.__file__).with_name("solution.py")
GOAL = 0.5  # seconds, median of the warm round trip (issue 3)

_IMPORTS = """
import time
t0 = time.perf_counter()
from mathforml.course.grader import grade
from mathforml.content.exercises.dot_product.spec import SPEC
SPEC.inputs()
print(time.perf_counter() - t0)
"""

_COLD = f"""
from mathforml.course.grader import grade
from mathforml.content.exercises.dot_product.spec import SPEC
assert grade(SPEC, "dot", {str(SOLUTION)!r}).examples_run == 100
"""


def _cpu() -> float:
    """CPU seconds of this process plus every descendant already waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn) -> tuple[float, float]:
    """(wall, cpu) seconds of ``fn()``; a subprocess may report its own wall time."""
    cpu0, t0 = _cpu(), time.perf_counter()
    reported = fn()
    wall = time.perf_counter() - t0
    return (reported if reported is not None else wall), _cpu() - cpu0


def _summary(name: str, samples: list[tuple[float, float]]) -> dict:
    ordered = sorted(wall for wall, _ in samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"name": name, "median": statistics.median(ordered), "p90": p90,
            "cpu": statistics.median(cpu for _, cpu in samples), "runs": len(ordered)}


def _parent_imports() -> float:
    out = subprocess.run([sys.executable, "-c", _IMPORTS], capture_output=True, text=True,
                         check=True)
    return float(out.stdout)


def _child_start() -> None:
    source = SOLUTION.read_text(encoding="utf-8")
    with Sandbox() as box:
        event = box.load(str(SOLUTION), source, "dot")
    assert event.message["kind"] == "loaded", event


def _grade_warm() -> None:
    report = grade(SPEC, "dot", SOLUTION)
    assert report.passed and report.examples_run == 100, report.text()


def _cold() -> None:
    subprocess.run([sys.executable, "-c", _COLD], check=True)


def run(repeat: int = 15) -> list[dict]:
    """Time each part ``repeat`` times, interleaved so that machine drift hits all alike."""
    _grade_warm()  # first call: imports Hypothesis, warms caches
    parts = {"imports": _parent_imports, "child": _child_start, "warm": _grade_warm,
             "cold": _cold}
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in parts}
    for _ in range(repeat):
        for key, fn in parts.items():
            samples[key].append(_timed(fn))
    rows = [
        _summary("parent imports (fresh interpreter)", samples["imports"]),
        _summary("child start (Python + NumPy + load)", samples["child"]),
        _summary("grade(), warm: start + 100 examples", samples["warm"]),
        _summary("cold round trip (python -c grade)", samples["cold"]),
    ]
    warm, child = rows[2], rows[1]
    rows.insert(3, {"name": "100 examples (warm - child start)",
                    "median": warm["median"] - child["median"], "p90": None,
                    "cpu": warm["cpu"] - child["cpu"], "runs": repeat})
    return rows


def format_table(rows: list[dict]) -> str:
    lines = [f"{'part':<40} {'median':>9} {'p90':>9} {'cpu':>9} {'runs':>5}"]
    for row in rows:
        p90 = f"{row['p90']:9.3f}" if row["p90"] is not None else f"{'-':>9}"
        lines.append(f"{row['name']:<40} {row['median']:9.3f} {p90} {row['cpu']:9.3f} "
                     f"{row['runs']:>5}")
    warm = next(r for r in rows if r["name"].startswith("grade()"))
    verdict = "meets" if warm["median"] < GOAL else "MISSES"
    lines.append(f"goal: warm round trip median < {GOAL} s: {verdict} "
                 f"({warm['median']:.3f} s wall, {warm['cpu']:.3f} s CPU)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(f"machine: {os.cpu_count()} cores, load average {load:.1f} during the run")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.course_check",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)
    rows = run(args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"grader round trip on dot_product's solution (seconds), Python "
          f"{sys.version.split()[0]}")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
