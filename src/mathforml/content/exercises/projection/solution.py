"""Projecting one vector onto another: a model solution."""

import numpy as np


def project(v, u):
    scale = np.sum(v * u) / np.sum(u * u)  # how many u's fit in v's shadow
    return scale * u
