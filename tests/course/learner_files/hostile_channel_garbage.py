import os

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


def dot(u, v):
    for fd in range(3, 64):  # wherever the grader's pipes are
        try:
            os.write(fd, b"\xff\xff\xff\x7fgarbage that is not a frame")
        except OSError:
            pass
    return 0.0
