"""The catalog: every module, lesson, exercise, concept and practice topic, by id.

Everything here is read from the packaged content (``mathforml/content``) without
importing anything heavy, so the dashboard can list the course in a few milliseconds.
Exercise specs (which need Hypothesis) are imported only by :meth:`Catalog.spec`.

    >>> catalog = load_catalog()
    >>> catalog.exercise("dot_product").function
    'dot'
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
from dataclasses import dataclass

from ..errors import ContentError
from . import _toml
from .ids import unknown
from .lessons import Lesson, parse_lesson

__all__ = ["Module", "ExerciseInfo", "Concept", "Catalog", "load_catalog"]

CONTENT = "mathforml.content"


@dataclass(frozen=True)
class Module:
    """A part of the course: an ordered list of lessons."""

    id: str
    title: str
    summary: str
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class ExerciseInfo:
    """An exercise's data from its ``exercise.toml`` (the spec is loaded separately)."""

    id: str
    title: str
    lesson: str
    concepts: tuple[str, ...]
    function: str
    statement: str
    hints: tuple[str, ...]

    @property
    def filename(self) -> str:
        """The file the learner edits, relative to the workspace."""
        return f"exercises/{self.id}.py"


@dataclass(frozen=True)
class Concept:
    """A node of the concept graph."""

    id: str
    title: str
    requires: tuple[str, ...]
    used_in: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    """The whole course, indexed by id. Build it with :func:`load_catalog`."""

    modules: tuple[Module, ...]
    lessons: dict[str, Lesson]
    exercises: dict[str, ExerciseInfo]
    concepts: dict[str, Concept]
    algorithms: dict[str, str]

    # ---------------------------------------------------------------- lookups

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id (UnknownIdError suggests the closest)."""
        if lesson_id not in self.lessons:
            raise unknown("lesson", lesson_id, self.lessons)
        return self.lessons[lesson_id]

    def exercise(self, exercise_id: str) -> ExerciseInfo:
        """The exercise with this id (UnknownIdError suggests the closest)."""
        if exercise_id not in self.exercises:
            raise unknown("exercise", exercise_id, self.exercises)
        return self.exercises[exercise_id]

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id (UnknownIdError suggests the closest)."""
        if concept_id not in self.concepts:
            raise unknown("concept", concept_id, self.concepts, "mathforml concept")
        return self.concepts[concept_id]

    def spec(self, exercise_id: str):
        """The exercise's :class:`~mathforml.course.spec.ExerciseSpec` (imports Hypothesis)."""
        self.exercise(exercise_id)
        module = importlib.import_module(f"{CONTENT}.exercises.{exercise_id}.spec")
        return module.SPEC

    def stub(self, exercise_id: str) -> str:
        """The text of the exercise's starting file."""
        return _read(f"exercises/{self.exercise(exercise_id).id}/stub.py")

    def solution(self, exercise_id: str) -> str:
        """The text of the exercise's model solution."""
        return _read(f"exercises/{self.exercise(exercise_id).id}/solution.py")

    # ---------------------------------------------------------------- order

    def lesson_order(self) -> list[str]:
        """Every lesson id, in course order."""
        return [lesson for module in self.modules for lesson in module.lessons]

    def exercise_order(self) -> list[str]:
        """Every exercise id, in course order (by lesson, then as the lesson lists them)."""
        return [e for lesson in self.lesson_order() for e in self.lessons[lesson].exercises]

    def lesson_of_concept(self, concept_id: str) -> str | None:
        """The first lesson that teaches the concept, if one does yet."""
        for lesson in self.lesson_order():
            if concept_id in self.lessons[lesson].concepts:
                return lesson
        return None


# -------------------------------------------------------------------- loading


def _read(relative: str) -> str:
    return importlib.resources.files(CONTENT).joinpath(relative).read_text(encoding="utf-8")


def _load_toml(relative: str) -> dict:
    try:
        return _toml.loads(_read(relative))
    except _toml.TOMLDecodeError as exc:
        raise ContentError(f"content/{relative} is not valid TOML: {exc}") from None


def _load_exercise(exercise_id: str) -> ExerciseInfo:
    data = _load_toml(f"exercises/{exercise_id}/exercise.toml")
    try:
        info = ExerciseInfo(
            id=data["id"],
            title=data["title"],
            lesson=data["lesson"],
            concepts=tuple(data["concepts"]),
            function=data["function"],
            statement=data["statement"].strip(),
            hints=tuple(data["hints"]),
        )
    except KeyError as exc:
        raise ContentError(f"exercise {exercise_id}: exercise.toml lacks {exc}") from None
    if info.id != exercise_id:
        raise ContentError(f"exercise folder {exercise_id!r} holds id {info.id!r}")
    return info


@functools.lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Read the packaged course (cached: the content does not change while running)."""
    curriculum = _load_toml("curriculum.toml")
    modules = tuple(
        Module(m["id"], m["title"], m["summary"], tuple(m["lessons"]))
        for m in curriculum["modules"]
    )
    lessons = {}
    for lesson_id in (lesson for module in modules for lesson in module.lessons):
        lesson = parse_lesson(_read(f"lessons/{lesson_id}.md"), f"content/lessons/{lesson_id}.md")
        if lesson.id != lesson_id:
            raise ContentError(f"lessons/{lesson_id}.md holds id {lesson.id!r}")
        lessons[lesson_id] = lesson
    exercise_ids = [e for lesson in lessons.values() for e in lesson.exercises]
    exercises = {e: _load_exercise(e) for e in exercise_ids}
    concepts = {
        cid: Concept(cid, c["title"], tuple(c["requires"]), tuple(c["used_in"]))
        for cid, c in curriculum["concepts"].items()
    }
    return Catalog(modules, lessons, exercises, concepts, dict(curriculum["algorithms"]))
