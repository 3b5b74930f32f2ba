import os

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


class Escape(BaseException):
    pass


def dot(u, v):
    raise Escape("not an Exception")
