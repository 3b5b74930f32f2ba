"""The errors mathforml raises.

One small, flat hierarchy. Every class derives from :class:`MathformlError`, so
``except MathformlError`` catches anything the library raises on purpose, and
also from the built-in exception it refines, so code written against NumPy
(``except ValueError``, ``except np.linalg.LinAlgError``) keeps working.

Messages follow one pattern: the function, the argument, what was expected,
what came, and how to fix it::

    ShapeError: matmul: A has shape (2, 3) and B has shape (2, 3); A's column
    count (3) must equal B's row count (2)
"""

__all__ = [
    "MathformlError",
    "ShapeError",
    "DTypeError",
    "NotFiniteError",
    "ParameterError",
    "ZeroVectorError",
    "SingularMatrixError",  # noqa: F822 (made on first use by __getattr__, below)
    "NotPositiveDefiniteError",  # noqa: F822 (likewise)
    "ConvergenceError",
    "ExpressionError",
    "CourseError",
    "UnknownIdError",
    "ContentError",
    "WorkspaceError",
    "ProgressStoreError",
]


class MathformlError(Exception):
    """Base class of every error mathforml raises on purpose."""


class ShapeError(MathformlError, ValueError):
    """An array has the wrong number of dimensions or the wrong shape."""


class DTypeError(MathformlError, TypeError):
    """An array holds values that are not real numbers (strings, objects, complex)."""


class NotFiniteError(MathformlError, ValueError):
    """An array holds NaN or infinity where only finite numbers make sense."""


class ParameterError(MathformlError, ValueError):
    """A scalar argument is out of its allowed range or not one of the allowed choices."""


class ZeroVectorError(MathformlError, ValueError):
    """A vector has zero length where a direction is needed (unit vector, angle, projection)."""


# The two linear-algebra errors also derive from NumPy's LinAlgError, so that code written
# for numpy.linalg (``except np.linalg.LinAlgError``) catches ours. Importing NumPy takes a
# tenth of a second, which the command line (whose errors are the course's) should not pay
# at start-up; so these two classes are made on first use (PEP 562: a module __getattr__),
# once, and are the same class objects ever after.

_LINALG_ERRORS = {
    "SingularMatrixError": "A matrix is singular (not invertible) where an inverse or a "
    "unique solution is needed.",
    "NotPositiveDefiniteError": "A matrix is not symmetric positive definite (Cholesky, "
    "inner products, covariances).",
}


def __getattr__(name: str):
    if name in _LINALG_ERRORS:
        from numpy.linalg import LinAlgError

        cls = type(name, (MathformlError, LinAlgError),
                   {"__doc__": _LINALG_ERRORS[name], "__module__": __name__})
        globals()[name] = cls  # made once: later lookups find it without __getattr__
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ConvergenceError(MathformlError, RuntimeError):
    """An iterative method reached its iteration cap without meeting its tolerance."""


class ExpressionError(MathformlError, ValueError):
    """Text meant as a mathematical expression cannot be read (the message points at where)."""


# The course: ids, content, the learner's workspace and progress.


class CourseError(MathformlError):
    """Base class of the errors the course raises (the CLI turns them into exit codes)."""


class UnknownIdError(CourseError, LookupError):
    """No lesson, exercise, practice topic or concept has that id (the message suggests one)."""


class ContentError(CourseError):
    """The packaged course content is malformed (a bug in mathforml, not in the learner's work)."""


class WorkspaceError(CourseError):
    """The learner's workspace is missing, or an action would overwrite the learner's work."""


class ProgressStoreError(CourseError):
    """The progress file cannot be read or written (it is kept, never silently reset)."""
