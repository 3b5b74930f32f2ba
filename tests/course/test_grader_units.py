"""Unit tests of the grader's parts: protocol, comparison, static checks, display, report."""

import json
import math
import struct
from collections import namedtuple

import numpy as np
import pytest

from mathforml.course.grader import Frame, LearnerTraceback, MisconceptionMatch, Report
from mathforml.course.grader.compare import compare
from mathforml.course.grader.display import describe, show, show_call
from mathforml.course.grader.protocol import (
    MAX_ENTRIES,
    MAX_FRAME,
    FrameReader,
    Opaque,
    ProtocolError,
    TooLarge,
    decode_value,
    encode_frame,
    encode_value,
)
from mathforml.course.grader.report import STATUSES, plain
from mathforml.course.grader.static import check, forbidden_uses, syntax_problem

QR = namedtuple("QR", ["Q", "R"])


def roundtrip(value):
    """Encode, frame, reassemble byte by byte, decode: what the other side sees."""
    reader = FrameReader()
    frame = encode_frame({"seq": 7, "value": encode_value(value)})
    for i in range(len(frame)):  # os.read may return any split
        reader.feed(frame[i:i + 1])
    message = reader.next()
    assert message["seq"] == 7 and reader.next() is None and reader.pending == 0
    return decode_value(message["value"])


# Protocol: values.


@pytest.mark.parametrize("value", [
    None, True, False, 0, -3, 2**70, 1.5, -0.0, 1e-300, 2.5 + 1j, "text",
    [1, 2.5, None], (1.0, [2.0, 3.0]),
])
def test_python_values_survive_the_channel(value):
    assert roundtrip(value) == value
    assert type(roundtrip(value)) is type(value)


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_travel_as_strings(x):
    message = encode_value(x)
    assert message["v"] in ("nan", "inf", "-inf")
    json.dumps(message, allow_nan=False)  # strict JSON
    back = roundtrip(x)
    assert (math.isnan(back) and math.isnan(x)) or back == x


@pytest.mark.parametrize("array", [
    np.array([1.5, -2.0, np.nan, np.inf, -np.inf]),
    np.arange(6, dtype=np.int32).reshape(2, 3),
    np.array([[1 + 2j, np.nan - 1j]]),
    np.array([True, False]),
    np.array(3.25),  # 0-d
    np.zeros((0, 3)),
    np.array(["a", "bc"]),
    np.arange(4, dtype=np.float32),
])
def test_arrays_keep_dtype_shape_and_values(array):
    back = roundtrip(array)
    assert isinstance(back, np.ndarray)
    assert back.shape == array.shape and back.dtype == array.dtype
    np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("scalar", [np.float64(2.5), np.int64(-4), np.bool_(True),
                                    np.complex128(1 - 1j), np.float32(np.nan)])
def test_numpy_scalars_keep_their_type(scalar):
    back = roundtrip(scalar)
    assert type(back) is type(scalar)
    assert (np.isnan(back) and np.isnan(scalar)) or back == scalar


def test_namedtuples_travel_as_tuples_and_object_arrays_as_values():
    back = roundtrip(QR(np.eye(2), np.ones(2)))
    assert type(back) is tuple and len(back) == 2
    np.testing.assert_array_equal(back[0], np.eye(2))
    objects = np.array([1.5, 2], dtype=object)
    assert list(roundtrip(objects)) == [1.5, 2]


def test_unknown_objects_travel_only_as_type_and_repr():
    class Weird:
        def __repr__(self):
            return "Weird()"

    back = roundtrip(Weird())
    assert isinstance(back, Opaque)
    assert back.type_name.endswith("Weird") and back.text == "Weird()"
    assert isinstance(roundtrip({"a": 1}), Opaque)
    assert isinstance(roundtrip(x for x in ()), Opaque)


def test_objects_whose_repr_raises_still_encode():
    class Hostile:
        def __repr__(self):
            raise SystemExit(1)

    assert roundtrip(Hostile()).text.startswith("<")


def test_subclasses_cannot_choose_what_crosses():
    class LyingFloat(float):
        def __float__(self):
            return 42.0

    class LyingInt(int):
        def __int__(self):
            return 42

    class LyingComplex(complex):
        @property
        def real(self):
            return 42.0

    class LyingList(list):
        def __iter__(self):
            return iter([42])

    class LyingArray(np.ndarray):
        def tolist(self):
            return [42.0]

    assert roundtrip(LyingFloat(1.5)) == 1.5
    assert roundtrip(LyingInt(3)) == 3
    assert roundtrip(LyingComplex(1, 2)) == 1 + 2j
    assert roundtrip(LyingList([1, 2])) == [1, 2]
    np.testing.assert_array_equal(roundtrip(np.arange(3.0).view(LyingArray)), [0.0, 1.0, 2.0])


def test_huge_values_are_summarised_not_sent():
    big = encode_value(np.zeros(MAX_ENTRIES + 1))
    assert big["t"] == "too_large"
    back = decode_value(big)
    assert isinstance(back, TooLarge) and back.shape == (MAX_ENTRIES + 1,)
    assert encode_value(10**5000)["t"] == "too_large"
    deep = []
    for _ in range(100):
        deep = [deep]
    assert "too_large" in json.dumps(encode_value(deep))


# Protocol: malformed input from the child.


@pytest.mark.parametrize("message", [
    "not a dict",
    {"t": "martian"},
    {"t": "int", "v": "3"},
    {"t": "float", "v": "NaN!"},
    {"t": "array", "dtype": "<f8", "shape": [3], "data": [1.0]},  # shape does not match
    {"t": "array", "dtype": "<f8", "shape": [-1], "data": []},
    {"t": "array", "dtype": "|O", "shape": [1], "data": [1]},  # objects never cross
    {"t": "array", "dtype": "not a dtype", "shape": [1], "data": [1]},
    {"t": "array", "dtype": "<i8", "shape": [1], "data": [1.5]},
    {"t": "array", "dtype": "<i8", "shape": [1], "data": [{"t": "none"}]},
    {"t": "npscalar", "dtype": "<i1", "v": 1000},  # out of range
    {"t": "list", "items": "nope"},
    {"t": "objarray", "shape": [2], "items": [{"t": "none"}]},
])
def test_malformed_values_raise_protocol_error(message):
    with pytest.raises(ProtocolError):
        decode_value(message)


def test_frame_reader_rejects_garbage():
    reader = FrameReader()
    reader.feed(struct.pack(">I", MAX_FRAME + 1))
    with pytest.raises(ProtocolError, match="exceeds"):
        reader.next()
    for body in (b"\xff\xfe", b"[1, 2]", b'{"seq": "1"}', b'{"seq": NaN}', b"[" * 100_000):
        reader = FrameReader()
        reader.feed(struct.pack(">I", len(body)) + body)
        with pytest.raises(ProtocolError):
            reader.next()


def test_frames_split_and_joined_arbitrarily():
    data = encode_frame({"seq": 1}) + encode_frame({"seq": 2, "x": [1, 2]})
    reader = FrameReader()
    reader.feed(data[:3])
    assert reader.next() is None
    reader.feed(data[3:])
    assert reader.next() == {"seq": 1}
    assert reader.next() == {"seq": 2, "x": [1, 2]}
    assert reader.next() is None


def test_encode_frame_refuses_nan():
    with pytest.raises(ValueError):
        encode_frame({"seq": 1, "x": math.nan})


# Comparison.

TOL = {"rtol": 1e-9, "atol": 1e-12}


@pytest.mark.parametrize(("expected", "actual"), [
    (11.0, 11.0),
    (11.0, 11.0 + 1e-10),  # within rtol
    (11.0, np.float64(11.0)),
    (11.0, np.array(11.0)),  # a 0-d array is a number
    (11, 11.0),
    (np.array([1.0, 2.0]), [1.0, 2.0]),  # a list of numbers is an array
    (np.array([1.0, 2.0]), (1, 2)),
    (np.array([[1.0, 2.0]]), [[1, 2]]),
    (np.array([np.nan, 1.0]), np.array([np.nan, 1.0])),  # NaN where the reference has NaN
    (np.array([np.inf, -np.inf]), [np.inf, -np.inf]),
    (np.array([1.0]), np.array([1.0 + 0j])),  # a complex with no imaginary part is real
    (np.array([1.0, 2.0]), np.array([1.0, 2.0], dtype=object)),
    ((np.eye(2), 3.0), [np.eye(2), 3]),
    (QR(np.eye(2), np.ones(2)), (np.eye(2), np.ones(2))),
    ([1.0, 2.0], np.array([1.0, 2.0])),
    (True, np.bool_(True)),
    (None, None),
    ("text", "text"),
])
def test_equal_values(expected, actual):
    assert compare(expected, actual, **TOL) is None


@pytest.mark.parametrize(("expected", "actual", "difference"), [
    (11.0, 12.5, "12.5 instead of 11.0"),
    (11.0, np.array([3.0, 8.0]), "shape (2,) instead of () (a single number)"),
    (11.0, [11.0], "shape (1,) instead of () (a single number)"),
    (np.array([1.0, 3.0]), [1.0, 2.5], "entry [1] differs: 2.5 instead of 3.0"),
    (np.eye(2), np.zeros((2, 2)),
     "entry [0, 0] differs: 0.0 instead of 1.0 (1 more entry differs)"),
    (np.zeros(3), np.ones(3), "entry [0] differs: 1.0 instead of 0.0 (2 more entries differ)"),
    (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]), "shape (1, 2) instead of (2,)"),
    (1.0, np.nan, "nan instead of 1.0"),  # NaN never equals a number
    (np.nan, 1.0, "1.0 instead of nan"),
    (np.inf, -np.inf, "-inf instead of inf"),
    (11.0, None, "returned None: did you forget `return`?"),
    (11.0, "11", "returned text (a str) ('11') instead of a number"),
    (11.0, True, "returned True (a bool) instead of a number"),
    (11.0, Opaque("Liar", "Liar()"), "returned a Liar object (Liar()) instead of a number"),
    (np.ones(2), [[1.0], [1.0, 2.0]], "returned a ragged list [[1.0], [1.0, 2.0]] (rows of "
                                      "different lengths)"),
    (np.ones(2), [1.0, "a"], "returned [1.0, 'a']: not all entries are numbers"),
    (np.ones(2), [1.0, None], "returned [1.0, None]: not all entries are numbers"),
    (np.ones(2), np.array([1 + 1j, 1]), "complex values (array([(1+1j), (1+0j)])) instead "
                                        "of real numbers"),
    (np.ones(2), TooLarge("numpy.ndarray", (2_000_000,), "<f8"),
     "returned a numpy.ndarray too large to compare"),
    ((np.eye(2), 3.0), np.eye(2), "returned an array of shape (2, 2) instead of 2 values "
                                  "(a tuple)"),
    ((1.0, 2.0, 3.0), (1.0, 2.0), "returned 2 values instead of 3"),
    ((np.eye(2), 3.0), (np.eye(2), 4.0), "value 1: 4.0 instead of 3.0"),
    (QR(np.eye(2), np.ones(2)), (np.eye(2), np.zeros(2)),
     "R: entry [0] differs: 0.0 instead of 1.0 (1 more entry differs)"),
    (True, False, "False instead of True"),
    (True, 1.0, "returned a number instead of True or False"),
    (None, 0.0, "returned a number instead of None"),
])
def test_different_values(expected, actual, difference):
    assert compare(expected, actual, **TOL) == difference


def test_tolerance_is_relative_plus_absolute():
    assert compare(1e6, 1e6 + 0.5, rtol=1e-6, atol=0.0) is None
    assert compare(1e6, 1e6 + 2, rtol=1e-6, atol=0.0) is not None
    assert compare(0.0, 1e-13, rtol=0.0, atol=1e-12) is None
    assert compare(0.0, 1e-11, rtol=0.0, atol=1e-12) is not None


# Static checks.

FORBIDDEN = ("numpy.dot", "numpy.matmul", "numpy.linalg", "numpy.einsum")


@pytest.mark.parametrize(("source", "line", "fragment"), [
    ("import numpy as np\ndef dot(u, v):\n    return np.dot(u, v)\n", 3, "`np.dot` is numpy.dot"),
    ("import numpy\nx = numpy.einsum('i,i', [1], [1])\n", 2, "numpy.einsum"),
    ("from numpy import dot\n", 1, "`from numpy import dot` brings in numpy.dot"),
    ("from numpy import dot as d\n", 1, "numpy.dot"),
    ("from numpy import linalg\n", 1, "numpy.linalg"),
    ("from numpy.linalg import norm\n", 1, "numpy.linalg"),
    ("import numpy.linalg\n", 1, "`import numpy.linalg` imports numpy.linalg"),
    ("import numpy as np\ny = np.linalg.norm([1])\n", 2, "`np.linalg.norm` is numpy.linalg.norm"),
    ("import numpy as np\nf = getattr(np, 'dot')\n", 2, "is numpy.dot"),
    ("f = __import__('numpy').dot\n", 1, "numpy.dot"),
    ("from numpy import *\n", 1, "brings in numpy.dot"),
    ("def dot(u, v):\n    return u.dot(v)\n", 2, "`u.dot` is numpy.dot in method form"),
    ("def dot(u, v):\n    return u @ v\n", 2, "the @ operator is numpy.matmul"),
    ("def f(a, b):\n    a @= b\n", 2, "the @ operator"),
    ("import mathforml\n", 1, "course's own library"),
    ("from mathforml.linalg import dot\n", 1, "mathforml"),
    ("import mathforml.linalg as la\n", 1, "mathforml"),
    ("import importlib\nm = importlib.import_module('mathforml.linalg')\n", 2, "mathforml"),
    ("def dot(u, v):\n    from mathforml import linalg\n    return 0\n", 2, "mathforml"),
])
def test_forbidden_names_are_found_through_aliases(source, line, fragment):
    problem = check(source, "dot.py", FORBIDDEN)
    assert problem is not None and problem.kind == "forbidden"
    assert problem.line == line and fragment in problem.message
    assert problem.source_line == source.splitlines()[line - 1]


@pytest.mark.parametrize("source", [
    "import numpy as np\ndef dot(u, v):\n    return float(np.sum(u * v))\n",
    "import math\nx = math.dot if hasattr(math, 'dot') else None\n",  # not numpy's
    "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v, strict=True))\n",
    "from numpy import sum as total\n",
    "import numpy as np\nx = np.ndarray\n",
])
def test_allowed_code_passes(source):
    assert check(source, "dot.py", FORBIDDEN) is None


def test_mathforml_is_forbidden_without_being_listed():
    assert check("import mathforml.linalg\n", "f.py").kind == "forbidden"


def test_columns_count_characters_not_bytes():
    problem = check("é = 'ü'; import numpy as np; y = np.dot\n", "f.py", FORBIDDEN)
    assert problem.column == 34  # 1-based, counting é and ü as one character each
    assert problem.source_line[problem.column - 1:].startswith("np.dot")


def test_each_use_reported_once_in_source_order():
    source = "import numpy as np\na = np.linalg.norm\nb = np.dot\n"
    uses = forbidden_uses(__import__("ast").parse(source), FORBIDDEN)
    assert [u.line for u in uses] == [2, 3]


@pytest.mark.parametrize(("source", "line", "column", "fragment"), [
    ("def dot(u, v)\n    return 0\n", 1, 14, "expected ':'"),
    ("x = (\n", 1, 5, "was never closed"),
    ("def f():\n    return 1\nreturn 2\n", 3, 1, "'return' outside function"),
    ("\tdef f():\n", 1, 1, "IndentationError"),
    ("x = 1\ny = 2\0\n", 2, None, "null byte"),
    ("def f():\nreturn 1\n", 2, 1, "expected an indented block"),
])
def test_syntax_errors_point_at_the_line(source, line, column, fragment):
    problem = syntax_problem(source, "dot.py")
    assert problem.kind == "syntax_error"
    assert (problem.line, problem.column) == (line, column)
    assert fragment in problem.message


def test_pathological_nesting_is_a_syntax_error_not_a_crash():
    problem = syntax_problem("x = " + "1+" * 200_000 + "1\n", "deep.py")
    assert problem is not None and problem.kind == "syntax_error"


# Display.


def test_show_writes_values_as_python_would():
    assert show(np.array([1.5, -2.0])) == "array([1.5, -2.0])"
    assert show(np.array([[1, 2], [3, 4]])) == "array([[1, 2], [3, 4]])"
    assert show(np.array([True, False])) == "array([True, False])"
    assert show(np.array(2.0)) == "array(2.0)"
    assert show(np.zeros((0, 2))) == "array([], shape=(0, 2))"
    assert show(np.float64(2.0)) == "2.0" and show(np.int64(3)) == "3"
    assert show((1.0,)) == "(1.0,)" and show([1, (2, 3)]) == "[1, (2, 3)]"
    assert show(QR(1, 2)) == "QR(Q=1, R=2)"
    assert show(Opaque("Liar", "Liar()")) == "Liar()"
    assert "..." in show(np.arange(1000.0))
    assert len(show(["x" * 10] * 1000)) == 1000


def test_show_call_uses_the_learners_parameter_names():
    args = (np.array([1.5]), np.array([-2.0]))
    assert show_call("dot", args, ["u", "v"]) == "dot(u=array([1.5]), v=array([-2.0]))"
    assert show_call("dot", args, None) == "dot(array([1.5]), array([-2.0]))"
    assert show_call("dot", args, ["u"]) == "dot(array([1.5]), array([-2.0]))"


def test_describe():
    assert describe(np.zeros((2, 3))) == "an array of shape (2, 3)"
    assert describe(np.array(1.0)) == "a single number (a 0-d array)"
    assert describe((1,)) == "a tuple of 1 item"
    assert describe(Opaque("Iterator", "")) == "an Iterator object"


# Report.


def test_report_json_form_is_strict_plain_json():
    tb = LearnerTraceback("ValueError", "bad", (Frame("f.py", 3, "dot", "x = 1", 5),))
    report = Report(status="failed", message="m", function="dot", path="f.py", seed=1,
                    arguments=(plain(np.array([np.nan])),), expected_value=plain(np.inf),
                    actual_value=plain(np.array([[1, 2]])),
                    misconception=MisconceptionMatch("n", "msg"), traceback=tb)
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert data["passed"] is False
    assert data["arguments"] == [["nan"]] and data["expected_value"] == "inf"
    assert data["actual_value"] == [[1, 2]]
    assert data["misconception"] == {"name": "n", "message": "msg"}
    assert data["traceback"]["frames"][0] == {"file": "f.py", "line": 3, "function": "dot",
                                              "source": "x = 1", "column": 5}
    assert set(data) >= {"status", "message", "call", "expected", "actual", "difference",
                         "line", "column", "source_line", "output", "duration", "seed",
                         "examples_run"}


def test_statuses_are_the_documented_eleven():
    assert set(STATUSES) == {"passed", "failed", "error", "not_implemented", "syntax_error",
                             "missing_function", "forbidden", "timeout", "crashed",
                             "output_limit", "missing_file"}


def test_long_tracebacks_say_how_much_was_left_out():
    frames = tuple(Frame("f.py", 2, "f", "return f()") for _ in range(10))
    text = LearnerTraceback("RecursionError", "too deep", frames, omitted=990).format()
    assert text.count('File "f.py"') == 10
    assert "... 990 more frames of the same kind ..." in text
    assert text.endswith("RecursionError: too deep")


def test_plain_handles_every_value_kind():
    assert plain(1 + 2j) == {"re": 1.0, "im": 2.0}
    assert plain(-np.inf) == "-inf"
    assert plain(TooLarge("list", (5,), None)) == {"type": "list", "shape": [5],
                                                    "too_large": True}
    assert plain(Opaque("Liar", "Liar()")) == {"type": "Liar", "repr": "Liar()"}
    assert plain({1, 2}) == "{1, 2}"
