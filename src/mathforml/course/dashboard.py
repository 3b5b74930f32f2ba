"""What the learner sees first: where they are, and the one thing to do next.

Also the other choices the course makes for the learner, so that every interface makes
them the same way: which practice topic to offer (:func:`practice_topic`), which topic
reviews a concept (:func:`review_topic`) and a problem seed not seen before
(:func:`fresh_seed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .catalog import Catalog

__all__ = [
    "LessonState", "NextStep", "Dashboard", "build_dashboard", "next_step",
    "practice_topic", "review_topic", "fresh_seed",
]


@dataclass(frozen=True)
class LessonState:
    """A lesson, whether it was read, and each of its exercises' status."""

    id: str
    title: str
    read: bool
    exercises: tuple[tuple[str, str], ...]  # (exercise id, status)

    @property
    def done(self) -> bool:
        """Read, and every exercise passed."""
        return self.read and all(status == "passed" for _, status in self.exercises)


@dataclass(frozen=True)
class NextStep:
    """The suggested next action.

    ``kind`` is ``"review"``, ``"lesson"``, ``"init"`` (an exercise is next but there is
    no workspace to write it in), ``"exercise"`` or ``"practice"``; ``target`` the id it
    is about (None for review, init and practice); ``command`` what to type; ``reason``
    one line saying why.
    """

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
              due: list[str], *, has_workspace: bool = True) -> NextStep:
    """The one thing to do next.

    Reviews come first (forgetting is the clock that runs). Then the course in order:
    each lesson, then that lesson's exercises, then the next lesson; an exercise is only
    suggested once its lesson was read. With everything read and passed, practice.

    >>> from mathforml.course.catalog import load_catalog
    >>> next_step(load_catalog(), set(), {}, []).command
    'mathforml lesson vectors'
    >>> next_step(load_catalog(), {"vectors"}, {}, [], has_workspace=False).command
    'mathforml init'
    """
    if due:
        return NextStep("review", None, "mathforml review",
                        f"{len(due)} concept(s) due for review")
    for lesson_id in catalog.lesson_order():
        lesson = catalog.lessons[lesson_id]
        if lesson_id not in read:
            return NextStep("lesson", lesson_id, f"mathforml lesson {lesson_id}",
                            f"read the lesson “{lesson.title}”")
        for exercise_id in lesson.exercises:
            if statuses.get(exercise_id, "not_started") != "passed":
                if not has_workspace:
                    return NextStep("init", None, "mathforml init",
                                    "make your workspace: a folder with a file for each "
                                    "exercise")
                return NextStep("exercise", exercise_id, f"mathforml check {exercise_id}",
                                f"write “{catalog.exercises[exercise_id].title}”")
    return NextStep("practice", None, "mathforml practice",
                    "every lesson read and every exercise passed: keep practising")


def build_dashboard(catalog: Catalog, store, now: datetime | None = None, *,
                    has_workspace: bool = True) -> Dashboard:
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
    step = next_step(catalog, read, statuses, due, has_workspace=has_workspace)
    return Dashboard(modules, step, store.stats(now), tuple(due))


# ---------------------------------------------------------------- practice choices


def practice_topic(catalog: Catalog, store) -> str:
    """The topic to practise when the learner names none.

    The least practised topic of the lessons read so far (the earliest on a tie), or the
    course's first topic before any lesson is read.
    """
    from .practice import topics

    known = [t.id for t in topics()]
    read = store.lessons_read()
    offered = [t for lid in catalog.lesson_order() if lid in read
               for t in catalog.lessons[lid].practice if t in known]
    if not offered:
        return known[0]
    return min(offered, key=lambda t: store.practice_stats(t).attempts)


def review_topic(concept_id: str) -> str | None:
    """The practice topic whose problems review ``concept_id`` (None if no topic does).

    >>> review_topic("cosine_similarity"), review_topic("vector")
    ('angle', None)
    """
    from .practice import topics

    return next((t.id for t in topics() if concept_id in t.concepts), None)


def fresh_seed(store, topic_id: str) -> int:
    """A random problem seed for ``topic_id`` that the learner has not been given yet."""
    import secrets

    seen = store.practice_seeds_seen(topic_id)
    while (seed := secrets.randbelow(2**31)) in seen:
        pass
    return seed
