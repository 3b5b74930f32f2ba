"""A check, end to end: grade the learner's file, protect and update their progress.

The CLI's ``check`` and ``watch`` and the web app all call :func:`check_exercise`, so the
verdict, what is recorded and the reviews it schedules are the same everywhere.

Not every check is an attempt. The stub as it was given (``not_implemented``) and a
missing file (``missing_file``) say nothing about what the learner knows, so they are
reported but not recorded: they neither count as attempts (which would turn a first-time
pass into a "hard" one for the review scheduler) nor rate the exercise's concepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import WorkspaceError
from .catalog import Catalog, ExerciseInfo
from .workspace import exercise_path

__all__ = ["NOT_ATTEMPTS", "CheckResult", "check_exercise", "next_exercise"]

NOT_ATTEMPTS = ("not_implemented", "missing_file")
"""Grader statuses that are reported but not recorded (see the module docstring)."""


@dataclass(frozen=True)
class CheckResult:
    """What a check did.

    ``report`` is the grader's :class:`~mathforml.course.grader.Report`; ``first_pass``
    is True when the exercise passed now for the first time; ``restored`` is a message
    when the learner's code damaged the progress file and it was put back; ``recorded``
    is False for a check that is not an attempt (:data:`NOT_ATTEMPTS`).
    """

    exercise: ExerciseInfo
    path: Path
    report: object
    first_pass: bool
    restored: str | None
    recorded: bool = True


def check_exercise(catalog: Catalog, store, workspace: Path, exercise_id: str, *,
                   seed: int = 0, max_examples: int | None = None) -> CheckResult:
    """Grade ``exercise_id`` in ``workspace``, record the verdict and review its concepts.

    Parameters
    ----------
    catalog : Catalog
    store : ProgressStore
        Open; the verdict is recorded in it (unless the check is not an attempt).
    workspace : Path
        The learner's workspace (see :func:`~mathforml.course.workspace.find_workspace`).
    exercise_id : str
    seed : int
        The seed of the generated inputs (the same seed and file give the same report).
    max_examples : int, optional
        Inputs to try (default: the spec's, at least 100); tests pass fewer.

    Raises
    ------
    UnknownIdError
        No such exercise.
    WorkspaceError
        The exercise's path is there but is not a file (a folder, say).
    ProgressStoreError
        The progress file cannot be written.
    """
    from .grader import grade

    info = catalog.exercise(exercise_id)
    path = exercise_path(workspace, catalog, exercise_id)
    if path.exists() and not path.is_file():
        raise WorkspaceError(
            f"{path} is not a file (a folder?); move it out of the way, then "
            f"`mathforml reset {exercise_id}` puts the starting file back")
    spec = catalog.spec(exercise_id)
    passed_before = store.exercise_progress(exercise_id).status == "passed"
    # The learner's code runs next, and it can reach the progress file like any file:
    # keep a copy first, and put it back if their code deleted or damaged it.
    snapshot = store.snapshot()
    try:
        report = grade(spec, info.function, path, seed=seed, max_examples=max_examples)
    finally:
        restored = store.ensure_intact(snapshot)
    if report.status in NOT_ATTEMPTS:
        return CheckResult(info, path, report, False, restored, recorded=False)
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
