"""A check, end to end: grade the learner's file, protect and update their progress.

The CLI's ``check`` and ``watch`` and the web app all call :func:`check_exercise`, so the
verdict, what is recorded and the reviews it schedules are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, ExerciseInfo
from .workspace import exercise_path

__all__ = ["CheckResult", "check_exercise", "next_exercise"]


@dataclass(frozen=True)
class CheckResult:
    """What a check did.

    ``report`` is the grader's :class:`~mathforml.course.grader.Report`; ``first_pass``
    is True when the exercise passed now for the first time; ``restored`` is a message
    when the learner's code damaged the progress file and it was put back.
    """

    exercise: ExerciseInfo
    path: Path
    report: object
    first_pass: bool
    restored: str | None


def check_exercise(catalog: Catalog, store, workspace: Path, exercise_id: str, *,
                   seed: int = 0) -> CheckResult:
    """Grade ``exercise_id`` in ``workspace``, record the verdict and review its concepts."""
    from .grader import grade

    info = catalog.exercise(exercise_id)
    path = exercise_path(workspace, catalog, exercise_id)
    spec = catalog.spec(exercise_id)
    passed_before = store.exercise_progress(exercise_id).status == "passed"
    # The learner's code runs next, and it can reach the progress file like any file:
    # keep a copy first, and put it back if their code deleted or damaged it.
    snapshot = store.snapshot()
    try:
        report = grade(spec, info.function, path, seed=seed)
    finally:
        restored = store.ensure_intact(snapshot)
    details = {k: v for k, v in report.to_dict().items() if k in _RECORDED}
    store.record_check(exercise_id, report.status, report.passed, details,
                       concepts=info.concepts)
    return CheckResult(info, path, report, report.passed and not passed_before, restored)


# What the history keeps of a report: enough to show past attempts, not every value.
_RECORDED = ("status", "message", "seed", "examples_run", "call", "expected", "actual",
             "difference", "misconception", "line")


def next_exercise(catalog: Catalog, store) -> str | None:
    """The first exercise, in course order, that has not passed yet (None when all have)."""
    progress = store.all_exercises()
    for exercise_id in catalog.exercise_order():
        entry = progress.get(exercise_id)
        if entry is None or entry.status != "passed":
            return exercise_id
    return None
