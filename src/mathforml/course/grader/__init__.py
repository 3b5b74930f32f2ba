"""The grader: run a learner's exercise file in a sandbox and say what happened.

One function does it all::

    from mathforml.course.grader import grade
    report = grade(spec, "dot", Path("workspace/dot_product.py"), seed=0)
    report.status          # "passed", "failed", "error", "timeout", ...
    report.to_dict()       # plain JSON, for ``check --json`` and the web app

The learner's file never runs in the caller's process: the text is checked first
(:mod:`.static`), then a resource-limited child process (:mod:`.sandbox`, booted by
``_child.py``) runs it and answers one call per generated input over a private channel
(:mod:`.protocol`); the reference and the comparison (:mod:`.compare`) run here, in the
parent, and :mod:`.grade` turns what happened into a :class:`Report` (:mod:`.report`).
Importing this package does not import Hypothesis: ``grade`` does, when it runs.
"""

from .grade import grade
from .report import STATUSES, Frame, LearnerTraceback, MisconceptionMatch, Report, Status
from .sandbox import Limits

__all__ = [
    "grade",
    "Report",
    "Status",
    "STATUSES",
    "Frame",
    "LearnerTraceback",
    "MisconceptionMatch",
    "Limits",
]
