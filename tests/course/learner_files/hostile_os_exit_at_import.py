import os

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

os._exit(3)


def dot(u, v):
    return 0.0
