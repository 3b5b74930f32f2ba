import os
import subprocess
import sys

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")

# A sleeping grandchild started at import; the function itself is correct.
sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
with open(os.path.join(os.path.dirname(__file__), "children.txt"), "a") as f:
    f.write(f"{sleeper.pid}\n")


def dot(u, v):
    return sum(a * b for a, b in zip(u, v, strict=True))
