import os
import sys

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

sys.setrecursionlimit(10**8)


def dot(u, v, depth=0):
    # Each level passes through map(), a C function: the C stack overflows, not Python's.
    return sum(map(lambda _: dot(u, v, depth + 1), [0]))
