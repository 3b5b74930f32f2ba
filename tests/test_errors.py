import numpy as np
import pytest

from mathforml import errors

BUILTIN_PARENT = {
    errors.ShapeError: ValueError,
    errors.DTypeError: TypeError,
    errors.NotFiniteError: ValueError,
    errors.ParameterError: ValueError,
    errors.ZeroVectorError: ValueError,
    errors.SingularMatrixError: np.linalg.LinAlgError,
    errors.NotPositiveDefiniteError: np.linalg.LinAlgError,
    errors.ConvergenceError: RuntimeError,
    errors.UnknownIdError: LookupError,
    errors.ExpressionError: ValueError,
}
# Course errors refine nothing built in; they share the CourseError base the CLI catches.
COURSE_ERRORS = {
    errors.ContentError,
    errors.WorkspaceError,
    errors.ProgressStoreError,
    errors.UnknownIdError,
}


@pytest.mark.parametrize("cls", [getattr(errors, name) for name in errors.__all__])
def test_every_error_is_a_mathforml_error_with_a_docstring(cls):
    assert issubclass(cls, errors.MathformlError)
    assert cls.__doc__ and cls.__doc__.strip()


@pytest.mark.parametrize("cls,parent", BUILTIN_PARENT.items())
def test_each_error_refines_a_builtin(cls, parent):
    assert issubclass(cls, parent)
    with pytest.raises(parent, match="message"):
        raise cls("message")


def test_every_error_class_is_covered_here():
    listed = {getattr(errors, name) for name in errors.__all__}
    listed -= {errors.MathformlError, errors.CourseError}
    assert listed == set(BUILTIN_PARENT) | COURSE_ERRORS


@pytest.mark.parametrize("cls", sorted(COURSE_ERRORS, key=lambda c: c.__name__))
def test_course_errors_share_one_base(cls):
    assert issubclass(cls, errors.CourseError)
