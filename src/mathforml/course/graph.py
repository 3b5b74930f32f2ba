"""Questions about the concept graph: what does X need, and where is X used?"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .ids import unknown

__all__ = ["requirements", "Uses", "uses", "check_graph"]


def requirements(catalog: Catalog, target: str) -> list[str]:
    """Every concept needed before ``target``, prerequisites first (a topological order).

    ``target`` is a concept or an algorithm: for an algorithm, the concepts whose
    ``used_in`` names it, and everything they require. The result ends with the concepts
    closest to the target.

    >>> from mathforml.course.catalog import load_catalog
    >>> requirements(load_catalog(), "cosine_similarity")
    ['vector', 'vector_operations', 'dot_product', 'norm']
    """
    if target in catalog.concepts:
        roots = list(catalog.concepts[target].requires)
    elif target in catalog.algorithms:
        roots = [c.id for c in catalog.concepts.values() if target in c.used_in]
    else:
        raise unknown("concept or algorithm", target, [*catalog.concepts, *catalog.algorithms],
                      "mathforml concept")
    order: list[str] = []
    seen: set[str] = set()

    def visit(concept: str) -> None:  # depth-first: a concept after all it requires
        if concept in seen:
            return
        seen.add(concept)
        for required in catalog.concepts[concept].requires:
            visit(required)
        order.append(concept)

    for root in roots:
        visit(root)
    return order


@dataclass(frozen=True)
class Uses:
    """Where a concept is used: ML algorithms, and the concepts that build on it."""

    algorithms: tuple[str, ...]
    concepts: tuple[str, ...]


def uses(catalog: Catalog, concept: str) -> Uses:
    """The algorithms that use ``concept``, and the concepts that require it directly.

    >>> from mathforml.course.catalog import load_catalog
    >>> uses(load_catalog(), "dot_product").algorithms[:2]
    ('logistic_regression', 'svm')
    """
    node = catalog.concept(concept)
    built_on = tuple(c.id for c in catalog.concepts.values() if concept in c.requires)
    return Uses(node.used_in, built_on)


def check_graph(catalog: Catalog) -> list[str]:
    """Problems with the content's references (empty when everything is consistent)."""
    problems = []
    for concept in catalog.concepts.values():
        problems += [
            f"concept {concept.id} requires unknown concept {r}"
            for r in concept.requires
            if r not in catalog.concepts
        ]
        problems += [
            f"concept {concept.id} is used in unknown algorithm {a}"
            for a in concept.used_in
            if a not in catalog.algorithms
        ]
    state: dict[str, str] = {}

    def cycle_from(concept: str) -> bool:
        state[concept] = "open"
        for required in catalog.concepts[concept].requires:
            if required in catalog.concepts and (
                state.get(required) == "open"
                or (required not in state and cycle_from(required))
            ):
                return True
        state[concept] = "done"
        return False

    problems += [f"the concept graph has a cycle through {c}" for c in catalog.concepts
                 if c not in state and cycle_from(c)]
    for lesson in catalog.lessons.values():
        problems += [f"lesson {lesson.id} teaches unknown concept {c}"
                     for c in lesson.concepts if c not in catalog.concepts]
        problems += [f"lesson {lesson.id} requires unknown lesson {p}"
                     for p in lesson.prerequisites if p not in catalog.lessons]
        problems += [f"lesson {lesson.id} is in module {lesson.module!r}, which lacks it"
                     for m in catalog.modules
                     if m.id == lesson.module and lesson.id not in m.lessons]
    for exercise in catalog.exercises.values():
        if exercise.lesson not in catalog.lessons:
            problems.append(f"exercise {exercise.id} belongs to unknown lesson {exercise.lesson}")
        problems += [f"exercise {exercise.id} practises unknown concept {c}"
                     for c in exercise.concepts if c not in catalog.concepts]
        if not exercise.hints:
            problems.append(f"exercise {exercise.id} has no hints")
    return problems
