import os
import sys

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

sys.exit(0)


def dot(u, v):
    return 0.0
