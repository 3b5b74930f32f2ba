import os
import time

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

here = os.path.dirname(__file__)


def dot(u, v):
    pid = os.fork()
    if pid == 0:  # leaves the process group and the session, and sleeps
        os.setsid()
        time.sleep(300)
        os._exit(0)
    with open(os.path.join(here, "children.txt"), "a") as f:
        f.write(f"{pid}\n")
    while True:
        time.sleep(1)
