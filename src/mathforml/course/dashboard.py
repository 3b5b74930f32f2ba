"""What the learner sees first: where they are, and the one thing to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .catalog import Catalog

__all__ = ["LessonState", "NextStep", "Dashboard", "build_dashboard", "next_step"]


@dataclass(frozen=True)
class LessonState:
    """A lesson, whether it was read, and each of its exercises' status."""

    id: str
    title: str
    read: bool
    exercises: tuple[tuple[str, str], ...]  # (exercise id, status)

    @property
    def done(self) -> bool:
        return self.read and all(status == "passed" for _, status in self.exercises)


@dataclass(frozen=True)
class NextStep:
    """The suggested next action: ``kind`` is lesson, exercise, review, practice or done."""

    kind: str
    target: str | None
    command: str
    reason: str


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, as data (the CLI and the web app render it)."""

    modules: tuple[tuple[str, str, tuple[LessonState, ...]], ...]  # (id, title, lessons)
    next: NextStep
    summary: object  # mathforml.course.progress.Summary
    due: tuple[str, ...]  # concept ids due for review, most urgent first


def next_step(catalog: Catalog, read: set[str], statuses: dict[str, str],
              due: list[str]) -> NextStep:
    """Reviews first (forgetting is the clock that runs), then the course in order."""
    if due:
        return NextStep("review", None, "mathforml review",
                        f"{len(due)} concept(s) are due for review")
    for lesson_id in catalog.lesson_order():
        lesson = catalog.lessons[lesson_id]
        if lesson_id not in read:
            return NextStep("lesson", lesson_id, f"mathforml lesson {lesson_id}",
                            f"next lesson: {lesson.title}")
        for exercise_id in lesson.exercises:
            if statuses.get(exercise_id, "not_started") != "passed":
                return NextStep("exercise", exercise_id, f"mathforml check {exercise_id}",
                                f"exercise: {catalog.exercises[exercise_id].title}")
    return NextStep("practice", None, "mathforml practice",
                    "every lesson read and every exercise passed: keep practising")


def build_dashboard(catalog: Catalog, store, now: datetime | None = None) -> Dashboard:
    """Collect the dashboard's data from the catalog and the progress store."""
    read = store.lessons_read()
    statuses = {e: p.status for e, p in store.all_exercises().items()}
    due = [review.concept_id for review in store.due_reviews(now)]
    modules = tuple(
        (module.id, module.title, tuple(
            LessonState(lid, catalog.lessons[lid].title, lid in read, tuple(
                (e, statuses.get(e, "not_started")) for e in catalog.lessons[lid].exercises))
            for lid in module.lessons))
        for module in catalog.modules
    )
    return Dashboard(modules, next_step(catalog, read, statuses, due), store.stats(now),
                     tuple(due))
