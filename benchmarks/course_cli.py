"""How fast the command line answers: start-up, the dashboard, a check, watch feedback.

python -m benchmarks.course_cli [--repeat 15] [--json]

Each row is the median and 90th percentile of ``repeat`` runs of the real installed
``mathforml`` script in a fresh process (interpreter start included), with its own data
folder and workspace:

- ``--help`` and the dashboard (``mathforml``): goal under 0.5 s;
- ``list --json``;
- ``check`` on the dot_product solution (sandbox start + 100 examples + recording);
- ``watch`` feedback: from saving the file to the verdict on screen, in a pseudo-terminal
  (goal under 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

SCRIPT = shutil.which("mathforml", path=str(Path(sys.executable).parent)) or "mathforml"
SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()
WRONG = "def dot(u, v):\n    return u * v\n"
GOALS = {"--help": 0.5, "dashboard": 0.5, "check (100 examples)": 0.5, "watch feedback": 1.0}


def _summary(name: str, times: list[float]) -> dict:
    times = sorted(times)
    return {"case": name, "median": statistics.median(times),
            "p90": times[min(len(times) - 1, int(0.9 * len(times)))], "runs": len(times),
            "goal": GOALS.get(name)}


def _timed(args: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([SCRIPT, *args], env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mathforml {' '.join(args)} failed: {done.stderr}")
    return elapsed


def _watch_feedback(env: dict, cwd: Path, repeat: int) -> list[float]:
    import pexpect

    exercise = cwd / "mathforml-workspace" / "exercises" / "dot_product.py"
    child = pexpect.spawn(SCRIPT, ["watch"], cwd=str(cwd), env=env, encoding="utf-8",
                          timeout=30, dimensions=(40, 120))
    times = []
    try:
        child.expect("Watching")
        child.expect(r"not started yet|wrong result|passed")
        time.sleep(0.5)
        for i in range(repeat):
            # Alternate a wrong and a right file, so each save changes the verdict.
            source, verdict = (WRONG, "wrong result") if i % 2 == 0 else (SOLUTION, "passed")
            start = time.perf_counter()
            exercise.write_text(source)
            child.expect(verdict)
            times.append(time.perf_counter() - start)
            time.sleep(0.3)
            if verdict == "passed":  # watch moved on: reset to keep dot_product current
                child.expect("vector_norm")
                subprocess.run([SCRIPT, "reset", "--yes", "dot_product"], env=env, cwd=cwd,
                               capture_output=True)
    finally:
        child.close(force=True)
    return times


def run(repeat: int = 15) -> list[dict]:
    root = Path(tempfile.mkdtemp(prefix="mathforml-bench-"))
    env = {**os.environ, "MATHFORML_HOME": str(root / "data"), "NO_COLOR": "1"}
    env.pop("MATHFORML_WORKSPACE", None)
    try:
        subprocess.run([SCRIPT, "init"], env=env, cwd=root, check=True, capture_output=True)
        (root / "mathforml-workspace/exercises/dot_product.py").write_text(SOLUTION)
        rows = []
        for name, args in (("--help", ["--help"]), ("dashboard", []),
                           ("list --json", ["list", "--json"]),
                           ("check (100 examples)", ["check", "dot_product"])):
            _timed(args, env, root)  # warm the file cache once
            rows.append(_summary(name, [_timed(args, env, root) for _ in range(repeat)]))
        subprocess.run([SCRIPT, "reset", "--yes", "dot_product"], env=env, cwd=root,
                       capture_output=True)
        rows.append(_summary("watch feedback", _watch_feedback(env, root, max(4, repeat // 2))))
        return rows
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.course_cli",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = run(args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'case':<24}{'median s':>10}{'p90 s':>10}{'goal s':>9}")
    for row in rows:
        goal = f"{row['goal']:.1f}" if row["goal"] else ""
        print(f"{row['case']:<24}{row['median']:>10.3f}{row['p90']:>10.3f}{goal:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
