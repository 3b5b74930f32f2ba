"""mathforml.autodiff against PyTorch (CPU): an MLP training epoch and attention; time and memory.

Two cases, each run by both libraries alternately in one process (``_timing.interleaved``):

- **MLP epoch**: a 784-256-10 ReLU MLP in float32, one epoch over 60,000 samples of
  MNIST's shape, batch 256 (235 steps, the last of 96): cross-entropy forward,
  backward, SGD step (lr 0.01). The data are random (standard normal pixels, uniform
  labels): the time does not depend on the values. Ours uses ``mathforml.optim.SGD``,
  torch ``torch.optim.SGD``; both start from the same weights and see the same batches,
  and the check column is the largest relative difference between their 235 losses
  (float32 rounding, growing slowly over the epoch). Goal: ours <= 1.5x torch.
- **attention**: ``scaled_dot_product_attention`` forward + backward (random upstream
  gradient) at batch 8, 8 heads, sequence 256, head dimension 64, float32, against
  ``torch.nn.functional.scaled_dot_product_attention``. Check: the largest relative
  difference of the output. Goal: <= 2x.

Threads: numpy's OpenBLAS is limited with threadpoolctl and torch with
``torch.set_num_threads``, to the same count (``--threads``, default 1: on the shared
2-core machine this project runs on, two threads on each side make both libraries
10-20x slower and their times erratic, whatever the library).

Memory, two measures: (1) ours in-process with ``tracemalloc`` (NumPy reports its array
buffers to it): the peak traced above the start of one run; (2) both libraries the same
way, in a fresh subprocess per library and case: after the setup, the kernel's
peak-RSS counter is reset (``/proc/self/clear_refs``), the case runs once, and the
peak RSS (``VmHWM``) minus the RSS before the run is reported. torch allocates outside
Python, so (2) is the fair comparison; (1) shows what our graph holds.

Run: ``python -m benchmarks.autodiff [--threads 1] [--repeat 5] [--only mlp attention]
[--no-memory]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tracemalloc
from collections.abc import Callable

import numpy as np

import mathforml.autodiff as ad
import mathforml.optim as mo

from ._timing import interleaved

GOALS = {"mlp": 1.5, "attention": 2.0}
N_SAMPLES, BATCH, SIZES, LR = 60_000, 256, (784, 256, 10), 0.01
ATTENTION_SHAPE = (8, 8, 256, 64)  # (batch, heads, sequence, head dimension)


# --- the two cases, for each library: setup() -> run() ---------------------------------------


def _mlp_data(seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N_SAMPLES, SIZES[0]), dtype=np.float32)  # no float64 transient
    y = rng.integers(0, SIZES[-1], N_SAMPLES)
    return X, y


def _mlp_ours(X, y, model=None) -> Callable[[], list[float]]:
    model = model or ad.MLP(SIZES, rng=0, dtype="float32")
    opt = mo.SGD(model.parameters(), lr=LR)

    def epoch():
        losses = []
        for i in range(0, len(y), BATCH):
            loss = ad.cross_entropy(model(X[i:i + BATCH]), y[i:i + BATCH])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    return epoch


def _mlp_torch(X, y, ours: ad.MLP | None = None) -> Callable[[], list[float]]:
    import torch

    model = torch.nn.Sequential(torch.nn.Linear(SIZES[0], SIZES[1]), torch.nn.ReLU(),
                                torch.nn.Linear(SIZES[1], SIZES[2]))
    if ours is not None:  # start from our weights
        with torch.no_grad():
            for p, q in zip(ours.parameters(), model.parameters(), strict=True):
                q.copy_(torch.from_numpy(p.data))
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    tX, ty = torch.from_numpy(X), torch.from_numpy(y)

    def epoch():
        losses = []
        for i in range(0, len(y), BATCH):
            loss = torch.nn.functional.cross_entropy(model(tX[i:i + BATCH]), ty[i:i + BATCH])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    return epoch


def _attention_data(seed: int = 0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(ATTENTION_SHAPE, dtype=np.float32) for _ in range(4)]


def _attention_ours(q, k, v, g) -> Callable[[], np.ndarray]:
    def step():
        Q, K, V = (ad.Tensor(a, requires_grad=True) for a in (q, k, v))
        out = ad.scaled_dot_product_attention(Q, K, V)
        out.backward(g)
        return out.data

    return step


def _attention_torch(q, k, v, g) -> Callable[[], np.ndarray]:
    import torch
    import torch.nn.functional as F

    tg = torch.from_numpy(g)

    def step():
        Q, K, V = (torch.tensor(a, requires_grad=True) for a in (q, k, v))
        out = F.scaled_dot_product_attention(Q, K, V)
        out.backward(tg)
        return out.detach().numpy()

    return step


def _make(case: str, library: str) -> Callable[[], object]:
    """The case's run function for one library, on freshly made data (used by the subprocess)."""
    if case == "mlp":
        X, y = _mlp_data()
        return (_mlp_ours if library == "ours" else _mlp_torch)(X, y)
    data = _attention_data()
    return (_attention_ours if library == "ours" else _attention_torch)(*data)


# --- memory ----------------------------------------------------------------------------------


def _our_traced_peak(run: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc during one run, above what was allocated before it."""
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - base


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _child(case: str, library: str, threads: int) -> None:
    """In a fresh process: set up, reset the peak-RSS counter, run once, print the peak's rise."""
    _limit_threads(threads)
    run = _make(case, library)
    before = _status_kib("VmRSS")
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")  # Linux >= 4.0: VmHWM (peak RSS) := current RSS
    run()
    print(json.dumps({"peak_rise_bytes": (_status_kib("VmHWM") - before) * 1024}))


def _rss_peak_rise(case: str, library: str, threads: int) -> int | None:
    """The peak-RSS rise of one run in a subprocess, or None where /proc cannot say."""
    if not os.path.exists("/proc/self/clear_refs"):
        return None
    cmd = [sys.executable, "-m", "benchmarks.autodiff", "--child", case, library,
           "--threads", str(threads)]
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_rise_bytes"]


# --- timing ----------------------------------------------------------------------------------


def _limit_threads(threads: int) -> None:
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(threads)
    # kept for the life of the process: the object restores the old limits when collected
    _limit_threads.keep = threadpool_limits(threads, user_api="blas")


def run(threads: int = 1, repeat: int = 5, only: list[str] | None = None, memory: bool = True,
        on_row: Callable[[dict], None] | None = None) -> list[dict]:
    """Time (and measure) every case; one row per case."""
    _limit_threads(threads)
    rows = []
    for case in ("mlp", "attention"):
        if only and case not in only:
            continue
        first: dict[str, object] = {}

        def keep_first(fn, name, first=first):
            def call():
                result = fn()
                first.setdefault(name, result)  # the warm-up call: both from the same start

            return call

        if case == "mlp":
            X, y = _mlp_data()
            model = ad.MLP(SIZES, rng=0, dtype="float32")
            ours, ref = _mlp_ours(X, y, model), _mlp_torch(X, y, ours=model)  # same start
            budget = 300.0
        else:
            data = _attention_data()
            ours, ref = _attention_ours(*data), _attention_torch(*data)
            budget = 60.0
        t_ours, t_ref = interleaved(keep_first(ours, "ours"), keep_first(ref, "torch"),
                                    repeat=repeat, budget=budget)
        a, b = np.asarray(first["ours"]), np.asarray(first["torch"])
        check = float(np.abs(a - b).max() / np.abs(b).max())
        row = {"case": case, "threads": threads, "ours_s": t_ours, "torch_s": t_ref,
               "ratio": t_ours / t_ref, "goal": GOALS[case], "max_rel_diff": check}
        if memory:
            fresh = _make(case, "ours")
            row["ours_traced_peak_bytes"] = _our_traced_peak(fresh)
            row["ours_rss_peak_bytes"] = _rss_peak_rise(case, "ours", threads)
            row["torch_rss_peak_bytes"] = _rss_peak_rise(case, "torch", threads)
        rows.append(row)
        if on_row:
            on_row(row)
    return rows


HEAD = ("| case | threads | ours (s) | torch (s) | ratio | goal | max rel. diff | ours: traced "
        "peak | ours: RSS peak rise | torch: RSS peak rise |\n"
        "|---|---:|---:|---:|---:|:---:|---:|---:|---:|---:|")


def _mib(n) -> str:
    return "n/a" if n is None else f"{n / 2**20:.1f} MiB"


def format_row(r: dict) -> str:
    ok = "✓" if r["ratio"] <= r["goal"] else "✗"
    return (
        f"| {r['case']} | {r['threads']} | {r['ours_s']:.3f} | {r['torch_s']:.3f} "
        f"| {r['ratio']:.2f} | ≤ {r['goal']}x {ok} | {r['max_rel_diff']:.1e} "
        f"| {_mib(r.get('ours_traced_peak_bytes'))} | {_mib(r.get('ours_rss_peak_bytes'))} "
        f"| {_mib(r.get('torch_rss_peak_bytes'))} |"
    )


def format_table(rows: list[dict]) -> str:
    return "\n".join([HEAD] + [format_row(r) for r in rows])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.autodiff", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="BLAS and torch threads")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=["mlp", "attention"])
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measures")
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "LIBRARY"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child, args.threads)
        return 0

    import torch

    if not args.json:
        print(f"mathforml.autodiff (numpy {np.__version__}) vs torch {torch.__version__} CPU, "
              f"{args.threads} thread(s) each, Python {platform.python_version()}, "
              f"medians of interleaved runs")
        print(HEAD, flush=True)
    rows = run(args.threads, args.repeat, args.only, not args.no_memory,
               on_row=None if args.json else lambda r: print(format_row(r), flush=True))
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
