import os

import numpy as np

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


def dot(u, v):
    return float(np.ones(10 * 2**30 // 8).sum())  # 10 GiB of float64
