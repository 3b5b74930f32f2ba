import os

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


def dot(u, v):
    total = 0.0
    i = 0
    while i < len(u):
        total += u[i] * v[i]
    return total
