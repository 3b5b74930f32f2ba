import os

import numpy as np
from hypothesis import HealthCheck, settings

# CI runs a fixed, derandomized sample so that a red build always means a real
# regression; locally Hypothesis explores new examples every run.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# HYPOTHESIS_PROFILE=stress: ten times the examples, for hunting rare failures by hand.
settings.register_profile(
    "stress",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Doctests print arrays; keep their format stable across NumPy versions.
np.set_printoptions(legacy=False)
