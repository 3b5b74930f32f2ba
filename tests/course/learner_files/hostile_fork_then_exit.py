import os
import time

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

here = os.path.dirname(__file__)


def dot(u, v):
    pid = os.fork()
    if pid == 0:  # a child holding copies of every pipe of its parent, asleep
        time.sleep(300)
        os._exit(0)
    with open(os.path.join(here, "children.txt"), "a") as f:
        f.write(f"{pid}\n")
    os._exit(0)  # the child ends, its pipes stay open in the grandchild
