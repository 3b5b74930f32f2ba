"""Answer checking: every equivalent form is right, wrong answers get the message that
explains them, unreadable text is a retry (not a wrong answer); and the practice API."""

import subprocess
import sys

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathforml.course.catalog import load_catalog
from mathforml.course.practice import (
    AnswerCheck,
    Problem,
    check_answer,
    generate,
    topics,
)
from mathforml.errors import ParameterError, UnknownIdError

x = sympy.Symbol("x", real=True)
r2 = sympy.sqrt(2)


def problem(answer, kind="number", **extra) -> Problem:
    text = extra.pop("answer_text", "?")
    return Problem("test", 0, "question", answer, text, "something", ("step",), kind=kind,
                   **extra)


NUMBER = problem(r2 / 2, answer_text="sqrt(2)/2")
NUMBER_FORMS = [
    ("sqrt(2)/2", True, "correct"), ("1/sqrt(2)", True, "correct"), ("sqrt(1/2)", True, "correct"),
    ("2^(-1/2)", True, "correct"), ("sin(pi/4)", True, "correct"), ("√2/2", True, "correct"),
    ("sqrt(8)/4", True, "correct"), ("(1+sqrt(2))^2 - 2sqrt(2) - 3 + 1/sqrt(2)", True, "correct"),
    ("0.7071", True, "correct to the digits you typed (exact: sqrt(2)/2)"),
    ("0.70711", True, "correct to the digits you typed"), ("7.071e-1", True, "correct to the"),
    ("0.7072", True, "correct to the digits"),  # one unit in the last place: rounding noise
    ("0.70", False, "close, but not equal (give 4 significant digits or the exact value)"),
    ("0.7073", False, "close, but not equal"), ("0.7", False, "close, but not equal"),
    ("sqrt(2)/2 + 10^-25", False, "close, but not equal"),
    ("-sqrt(2)/2", False, "the sign is wrong"), ("sqrt(2)", False, "not correct"),
    ("[sqrt(2)/2]", False, "this is a list of 1 entry; the answer is one number"),
    ("2xcos(x)", False, "unknown name 'xcos' at column 2"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "correct", "message"), NUMBER_FORMS,
                         ids=[t for t, _, _ in NUMBER_FORMS])
def test_numbers_in_every_equivalent_form(text, correct, message):
    verdict = check_answer(NUMBER, text)
    assert verdict.correct is correct
    assert message in verdict.message
    assert "0.7071" not in verdict.message or verdict.correct  # a wrong verdict never tells


def test_decimals_must_round_to_the_digits_typed():
    five = problem(sympy.Integer(5), answer_text="5")
    assert check_answer(five, "5.0").correct and check_answer(five, "5.000").correct
    assert check_answer(five, "4.9999").correct  # 2e-5 off, one unit in the last place
    assert not check_answer(five, "5.004").correct  # within 0.1 %, but 4 units off
    third = problem(sympy.Rational(1, 3), answer_text="1/3")
    assert check_answer(third, "0.3333").correct and check_answer(third, "2/6").correct
    assert not check_answer(third, "0.333").correct  # 3 digits: 1e-3 relative, 3e-4 off
    assert check_answer(third, "0.333").message.startswith("close, but not equal")
    zero = problem(sympy.Integer(0), answer_text="0")
    assert check_answer(zero, "0.0").correct and check_answer(zero, "-0").correct
    assert not check_answer(zero, "0.0001").correct


def test_the_parsed_answer_is_shown_as_typed_for_decimals():
    assert check_answer(NUMBER, "0.70").parsed == "0.70"
    assert check_answer(NUMBER, "[0.5, 1e-2, -0.250]").parsed == "[0.5, 0.01, -0.250]"
    assert check_answer(NUMBER, "2/4").parsed == "1/2"
    assert check_answer(NUMBER, "x y").parsed is None


VECTOR = problem([sympy.Rational(1, 2), sympy.Integer(-3)], "vector", answer_text="[1/2, -3]")
VECTOR_FORMS = [
    ("[1/2, -3]", True, "correct"), ("[0.5, -3]", True, "correct"), ("(1/2, -3)", True, "correct"),
    ("1/2, -3", True, "correct"), ("[2/4 -3]", True, "correct"), ("[1/2; -3]", True, "correct"),
    ("[[1/2, -3]]", True, "correct"), ("[0.5000, -3.000]", True, "correct"),
    ("[-3, 1/2]", False, "the entries are right but in the wrong order"),
    ("[-1/2, 3]", False, "every entry has the wrong sign"),
    ("[1/2, 3]", False, "entry 2 is wrong"), ("[1, 3]", False, "all 2 entries are wrong"),
    ("[0.49, -3]", False, "close, but not equal: entry 1"),
    ("1/2", False, "this is one number; the answer is a vector of 2 entries (write it as [a, b])"),
    ("[1, 2, 3]", False, "this is a vector of 3 entries; the answer is a vector of 2 entries"),
    ("[[1, 2], [3, 4]]", False, "this is a 2x2 matrix; the answer is a vector of 2 entries"),
    ("[1/2, -3", False, "'[' at column 1 is never closed"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "correct", "message"), VECTOR_FORMS,
                         ids=[t for t, _, _ in VECTOR_FORMS])
def test_vectors(text, correct, message):
    verdict = check_answer(VECTOR, text)
    assert verdict.correct is correct
    assert message in verdict.message


MATRIX = problem([[1, 2], [3, 4]], "matrix", answer_text="[[1, 2], [3, 4]]")
MATRIX_FORMS = [
    ("[[1, 2], [3, 4]]", True, "correct"), ("[1 2; 3 4]", True, "correct"),
    ("[1, 2; 3, 4]", True, "correct"), ("((1, 2), (3, 4))", True, "correct"),
    ("[[1.0, 2], [3, 4.00]]", True, "correct"), ("[[2/2, sqrt(4)], [3, 4]]", True, "correct"),
    ("[[1, 3], [2, 4]]", False, "this is the transpose of the answer"),
    ("[[-1, -2], [-3, -4]]", False, "every entry has the wrong sign"),
    ("[[1, 2], [3, 5]]", False, "entry (row 2, column 2) is wrong"),
    ("[[1, 0], [0, 4]]", False, "entries (row 1, column 2) and (row 2, column 1) are wrong"),
    ("[1, 2, 3, 4]", False, "this is a vector of 4 entries; the answer is a 2x2 matrix "
                            "(write it as [[a, b], [c, d]])"),
    ("[[1, 2, 3], [4, 5, 6]]", False, "this is a 2x3 matrix; the answer is a 2x2 matrix"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "correct", "message"), MATRIX_FORMS,
                         ids=[t for t, _, _ in MATRIX_FORMS])
def test_matrices(text, correct, message):
    verdict = check_answer(MATRIX, text)
    assert verdict.correct is correct
    assert message in verdict.message


def test_values_in_any_order():
    eigen = problem([sympy.Integer(1), sympy.Integer(3)], "unordered", answer_text="1, 3")
    for text in ("1, 3", "3, 1", "[3, 1]", "(1, 3)", "[3 1]", "3.0, 1"):
        assert check_answer(eigen, text).correct, text
    assert check_answer(eigen, "1, 4").message == "1 of the 2 values is wrong"
    assert check_answer(eigen, "2, 4").message == "2 of the 2 values are wrong"
    assert check_answer(eigen, "1.001, 3").message.startswith("close, but not equal")
    short = check_answer(eigen, "3")
    assert short.message == "this is one number; the answer is 2 numbers (write it as a, b)"
    assert short.retry


def test_expressions_with_variables():
    derivative = problem(2 * x * sympy.cos(x**2), "expression", variables=("x",),
                         answer_text="2*x*cos(x**2)")
    for text in ("2x cos(x^2)", "cos(x^2)*2*x", "2*x*sin(x^2 + pi/2)", "x*cos(x²)*2",
                 "(x+x)cos(x^2)"):
        assert check_answer(derivative, text).correct, text
    wrong = check_answer(derivative, "2xcos(x^2)")
    assert not wrong.correct and wrong.retry and wrong.parsed is None
    assert wrong.message == "unknown name 'xcos' at column 2 (write x*cos(...))"
    assert check_answer(derivative, "x cos(x^2)").message == "not correct"
    assert check_answer(derivative, "-2x cos(x^2)").message == "the sign is wrong"
    assert "unknown name 'y'" in check_answer(derivative, "2y cos(y^2)").message
    # equal on positive numbers only is not equal: the points have both signs
    identity = problem(x, "expression", variables=("x",), answer_text="x")
    assert not check_answer(identity, "sqrt(x^2)").correct
    assert check_answer(identity, "exp(log(x))").correct  # SymPy: x real, log(exp) cancels
    assert check_answer(identity, "(x^2 - 1)/(x - 1) - 1").correct


def test_units_for_angles():
    for seed in range(40):
        p = generate("angle", seed)
        right = p.answer_text
        same = "°" if p.unit == "degrees" else " rad"
        other = " rad" if p.unit == "degrees" else "°"
        assert check_answer(p, right + same).correct
        verdict = check_answer(p, right + other)
        assert not verdict.correct and verdict.retry
        assert f"the question asks for {p.unit}" in verdict.message
        wrong_unit = next(m for m in p.mistakes if m.name in ("degrees", "radians"))
        verdict = check_answer(p, sympy.sstr(wrong_unit.value))
        assert verdict.mistake == wrong_unit.name and verdict.retry


def test_generated_answers_in_other_forms():
    """Each topic's answer typed another way: decimals, columns, reversed eigenvalues."""
    for seed in range(30):
        for topic in ("projection", "inverse_2x2", "linear_system", "matrix_product"):
            p = generate(topic, seed)
            entries = p.answer if p.kind == "vector" else [e for row in p.answer for e in row]
            decimals = [f"{float(e):.6f}" for e in entries]
            if p.kind == "vector":
                typed = "[" + "; ".join(decimals) + "]"  # as a column
            else:
                n = len(p.answer[0])
                rows = [" ".join(decimals[i:i + n]) for i in range(0, len(decimals), n)]
                typed = "[" + "; ".join(rows) + "]"  # MATLAB style
            assert check_answer(p, typed).correct, (topic, seed, typed)
        p = generate("eigenvalues", seed)
        assert check_answer(p, ", ".join(reversed(p.answer_text.split(", ")))).correct
        p = generate("norm", seed)
        assert check_answer(p, f"sqrt({int(p.answer ** 2)})").correct
        assert check_answer(p, f"{float(p.answer):.5f}").correct


def test_wrong_generated_answers_are_rejected():
    for topic in [t.id for t in topics()]:
        for seed in range(20):
            p = generate(topic, seed)
            if p.kind in ("number", "expression"):
                wrong = sympy.sstr(p.answer + 1)
            elif p.kind == "unordered":
                wrong = f"{p.answer[0]}, {p.answer[1] + 1}"
            elif p.kind == "vector":
                wrong = sympy.sstr([p.answer[0] + 1, *p.answer[1:]])
            else:
                wrong = sympy.sstr([[p.answer[0][0] + 1, *p.answer[0][1:]], *p.answer[1:]])
            verdict = check_answer(p, wrong)
            assert not verdict.correct, (topic, seed, wrong)
            assert verdict.parsed is not None and verdict.message


def test_empty_and_unreadable_answers_are_retries():
    p = generate("dot_product", 3)
    empty = check_answer(p, "   ")
    assert empty == AnswerCheck(False, "nothing typed: give a number, e.g. -7", None, retry=True)
    unreadable = check_answer(p, "__import__('os')")
    assert not unreadable.correct and unreadable.retry and unreadable.parsed is None
    assert "unexpected character" in unreadable.message
    with pytest.raises(TypeError, match="text must be a str"):
        check_answer(p, 7)


# ------------------------------------------------------------------------- the API


def test_topics_are_the_ten_required_and_more():
    ids = [t.id for t in topics()]
    required = {"dot_product", "norm", "angle", "projection", "matrix_product",
                "determinant_2x2", "determinant_3x3", "inverse_2x2", "linear_system",
                "eigenvalues", "rank"}
    assert required <= set(ids) and len(ids) == len(set(ids)) >= 10
    concepts = load_catalog().concepts
    for topic in topics():
        assert topic.title and topic.summary and topic.concepts
        assert set(topic.concepts) <= set(concepts), topic.id


def test_unknown_topic_suggests_the_closest():
    with pytest.raises(UnknownIdError, match="did you mean 'determinant_2x2'"):
        generate("determinant2x2", 1)
    with pytest.raises(UnknownIdError, match="no practice topic called 'zzz'"):
        generate("zzz", 1)


@pytest.mark.parametrize("seed", [1.5, "3", None, True])
def test_seed_must_be_an_int(seed):
    with pytest.raises(ParameterError, match="seed must be an int"):
        generate("norm", seed)


def test_negative_and_huge_seeds_work():
    for seed in (-1, -(10**30), 10**30):
        p = generate("linear_system", seed)
        assert check_answer(p, p.answer_text).correct


def test_listing_topics_imports_neither_sympy_nor_a_generator():
    code = (
        "import sys\n"
        "from mathforml.course.practice import topics\n"
        "assert len(topics()) >= 10\n"
        "loaded = [m for m in sys.modules if m.startswith('mathforml.course.practice.')]\n"
        "print('sympy' in sys.modules, 'hypothesis' in sys.modules, sorted(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split(" ", 2)
    assert out[0] == "False" and out[1] == "False"
    assert "norm" not in out[2] and "linear_system" not in out[2]


_PIECES = st.sampled_from([*"0123456789.+-*/^()[],; xepi√π²·−°", "sqrt(", "cos(", "log(", "**",
                           "1e", "[[", "]]", "x^", "1/0", "0^", "9^9", "abs("])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=30)),
       st.sampled_from(["norm", "inverse_2x2", "eigenvalues", "derivative", "angle"]))
def test_any_text_gets_a_verdict_never_an_exception(text, topic):
    verdict = check_answer(generate(topic, 5), text)
    assert isinstance(verdict, AnswerCheck) and verdict.message
    assert verdict.parsed is not None or not verdict.correct
