import os

import numpy as np

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


class Liar:
    """Equal to everything, and pretends to be any number asked of it."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__

    def __float__(self):
        return 0.0

    def __array__(self, dtype=None, copy=None):
        return np.array(0.0)

    def __repr__(self):
        return "Liar()"


def dot(u, v):
    return Liar()
