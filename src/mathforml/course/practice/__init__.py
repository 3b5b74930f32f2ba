"""Practice: endless generated problems with clean answers, checked in any equivalent form.

Three calls make the whole API (the CLI's ``practice`` loop and the web app use them):

- :func:`topics` lists what can be practised (cheap: no SymPy, no generator imported);
- :func:`generate` makes the problem for a topic and a seed (the same seed, the same
  problem), with a worked solution built from the library's step functions;
- :func:`check_answer` reads what the learner typed (safely: never as code) and says
  whether it is right, and if not, what is probably wrong.

    >>> [t.id for t in topics()][:3]
    ['dot_product', 'norm', 'angle']
    >>> problem = generate("determinant_2x2", seed=7)
    >>> check_answer(problem, problem.answer_text).correct
    True

Each topic is a module of this package with a ``generate(seed) -> Problem`` function,
imported only when a problem of that topic is made.
"""

from __future__ import annotations

import importlib

from ...errors import ParameterError
from ..ids import unknown
from .answers import check_answer
from .problem import AnswerCheck, KnownMistake, Problem, Topic

__all__ = ["topics", "generate", "check_answer", "Topic", "Problem", "AnswerCheck",
           "KnownMistake"]

_TOPICS = (
    Topic("dot_product", "Dot product", ("dot_product",),
          "The dot product of two integer vectors: multiply matching entries, then add."),
    Topic("norm", "Length of a vector", ("norm",),
          "The Euclidean length of an integer vector: a whole number or a simplified root."),
    Topic("angle", "Angle between two vectors", ("cosine_similarity",),
          "The angle from the dot product and the lengths, in degrees or in radians."),
    Topic("projection", "Projection onto a vector", ("projection",),
          "The vector projection of v onto u, with exact fractions."),
    Topic("matrix_product", "Matrix product", ("matrix_product",),
          "The product of a 2x2 and a 2x2, or a 2x3 and a 3x2 matrix."),
    Topic("determinant_2x2", "Determinant of a 2x2 matrix", ("determinant",),
          "ad - bc for an integer 2x2 matrix."),
    Topic("determinant_3x3", "Determinant of a 3x3 matrix", ("determinant",),
          "Cofactor expansion along the row or column with the most zeros."),
    Topic("inverse_2x2", "Inverse of a 2x2 matrix", ("inverse", "determinant"),
          "Swap, negate, divide by the determinant: an exact inverse with fractions."),
    Topic("linear_system", "Solve a linear system", ("linear_system",),
          "A 2x2 or 3x3 system with an integer solution, by Gauss-Jordan elimination."),
    Topic("eigenvalues", "Eigenvalues of a symmetric 2x2 matrix", ("eigenvalues",),
          "The roots of the characteristic polynomial, which come out as integers."),
    Topic("rank", "Rank of a matrix", ("rank", "linear_system"),
          "Row reduce a 3x3 or 3x4 matrix and count the pivots."),
    Topic("derivative", "Derivative by the chain rule", ("derivative", "chain_rule"),
          "Differentiate g(u(x)) for sin, cos, exp, log, roots and powers of a polynomial."),
)  # fmt: skip
_BY_ID = {topic.id: topic for topic in _TOPICS}


def topics() -> list[Topic]:
    """Every practice topic, in course order. Cheap: imports no generator and no SymPy."""
    return list(_TOPICS)


def generate(topic_id: str, seed: int) -> Problem:
    """The problem of topic ``topic_id`` for ``seed``: the same seed gives the same problem.

    Parameters
    ----------
    topic_id : str
        One of ``[t.id for t in topics()]``.
    seed : int
        Any integer (negative ones too); choose it at random for a fresh problem and
        store it to show the same problem again.

    Returns
    -------
    Problem
        Prompt, canonical answer, worked solution, predicted mistakes and the numbers.

    Raises
    ------
    UnknownIdError
        If there is no such topic (the message suggests the closest id).
    ParameterError
        If ``seed`` is not an int.
    """
    if topic_id not in _BY_ID:
        raise unknown("practice topic", str(topic_id), _BY_ID)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ParameterError(f"generate: seed must be an int, got {seed!r}")
    module = importlib.import_module(f"{__name__}.{topic_id}")
    return module.generate(seed)
