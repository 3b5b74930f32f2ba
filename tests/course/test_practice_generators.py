"""Every practice generator over many seeds: deterministic, clean, right (against an
independent NumPy computation on the problem's own numbers), accepted by its own checker,
with a worked solution that ends in the answer and predicted mistakes that are recognised."""

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathforml._expressions import parse_expression
from mathforml.course.practice import check_answer, generate, topics

SEEDS = range(300)
TOPICS = [t.id for t in topics()]


def _floats(value):
    return np.array(sympy.Array(value).tolist() if isinstance(value, list) else value,
                    dtype=float)


def _flat(value) -> list:
    entries = value if isinstance(value, list) else [value]
    return [e for row in entries for e in (row if isinstance(row, list) else [row])]


def _denominators(value) -> set[int]:
    return {int(sympy.fraction(e)[1]) for e in _flat(value)}


def _reference(problem):
    """The answer recomputed with NumPy (LAPACK) from ``problem.data`` alone."""
    d = {k: np.array(v, dtype=float) for k, v in problem.data.items()}
    topic = problem.topic
    if topic == "dot_product":
        return np.dot(d["u"], d["v"])
    if topic == "norm":
        return np.linalg.norm(d["v"])
    if topic == "angle":
        u, v = d["u"], d["v"]
        theta = np.arccos(np.clip(u @ v / np.linalg.norm(u) / np.linalg.norm(v), -1, 1))
        return np.degrees(theta) if problem.unit == "degrees" else theta
    if topic == "projection":
        u, v = d["u"], d["v"]
        return (u @ v) / (u @ u) * u
    if topic == "matrix_product":
        return d["A"] @ d["B"]
    if topic in ("determinant_2x2", "determinant_3x3"):
        return np.linalg.det(d["A"])
    if topic == "inverse_2x2":
        return np.linalg.inv(d["A"])
    if topic == "linear_system":
        return np.linalg.solve(d["A"], d["b"])
    if topic == "eigenvalues":
        return np.linalg.eigvalsh(d["A"])
    if topic == "rank":
        return np.linalg.matrix_rank(d["A"])
    raise AssertionError(f"no reference for {topic}")


def _is_clean(problem) -> bool:
    """Integers, small-denominator fractions, or the simple surds each topic designs."""
    a = problem.answer
    topic = problem.topic
    if topic == "norm":
        return (a**2).is_Integer and a.is_positive
    if topic == "angle":
        if problem.unit == "degrees":
            return a in {30, 45, 60, 90, 120, 135, 150}
        return (a / sympy.pi).is_Rational and 180 * a / sympy.pi in {30, 45, 60, 90, 120, 135, 150}
    if topic == "projection":
        return max(_denominators(a)) <= 27
    if topic == "inverse_2x2":
        return max(_denominators(a)) <= 5
    if topic == "linear_system":
        return all(e.is_Integer and abs(e) <= 5 for e in a)
    if topic == "eigenvalues":
        return all(e.is_Integer for e in a) and a[0] != a[1]
    if topic == "derivative":
        return a.free_symbols == {sympy.Symbol("x", real=True)} or a.is_Integer
    return all(e.is_Integer for e in _flat(a))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_seed_gives_a_right_clean_problem(topic):
    for seed in SEEDS:
        problem = generate(topic, seed)
        if seed % 4 == 0:  # (and every seed in another process, below)
            again = generate(topic, seed)
            assert (problem.prompt, problem.answer_text, problem.solution) == (
                again.prompt, again.answer_text, again.solution), f"{topic} {seed} changed"
        assert problem.topic == topic and problem.seed == seed
        if problem.kind == "expression":
            _check_derivative(problem)
        else:
            _check_against_numpy(problem)
        assert _is_clean(problem), f"{topic} seed {seed}: {problem.answer_text}"
        # its own canonical text is accepted, exactly
        verdict = check_answer(problem, problem.answer_text)
        assert verdict.correct and verdict.message == "correct", (topic, seed, verdict)
        # a worked solution that ends in the answer
        assert len(problem.solution) >= 2 and all(step.strip() for step in problem.solution)
        assert problem.answer_latex and problem.answer_latex in problem.solution[-1]
        assert "$" in problem.prompt and problem.answer_format


def _check_against_numpy(problem):
    """The exact answer equals NumPy's computation on the problem's own numbers."""
    expected = _reference(problem)
    answer = problem.answer
    if problem.kind == "unordered":
        answer = sorted(answer)
    np.testing.assert_allclose(_floats(answer), expected, rtol=1e-9, atol=1e-9,
                               err_msg=f"{problem.topic} seed {problem.seed}")


def _check_derivative(problem):
    """The answer equals a central difference of f (read back from its text) at points."""
    f = parse_expression(problem.data["f"])
    (x,) = f.free_symbols
    h = sympy.Rational(1, 10**8)
    for point in (sympy.Rational(-13, 10), sympy.Rational(2, 5), sympy.Rational(11, 10)):
        slope = (f.subs(x, point + h) - f.subs(x, point - h)) / (2 * h)
        np.testing.assert_allclose(float(problem.answer.subs(x, point)), float(slope.evalf(30)),
                                   rtol=1e-9, atol=1e-9, err_msg=problem.data["f"])


@pytest.mark.parametrize("topic", TOPICS)
def test_predicted_mistakes_are_recognised_and_never_the_answer(topic):
    seen = set()
    for seed in range(60):
        problem = generate(topic, seed)
        for mistake in problem.mistakes:
            seen.add(mistake.name)
            verdict = check_answer(problem, sympy.sstr(mistake.value))
            assert not verdict.correct, (topic, seed, mistake.name)
            assert verdict.mistake == mistake.name and verdict.message == mistake.message
    if topic != "linear_system":  # no predicted mistakes there: order and signs are generic
        assert seen, f"{topic} never predicts a mistake"


def test_the_generators_cover_the_variety_they_promise():
    sizes = {len(generate("linear_system", s).answer) for s in range(40)}
    assert sizes == {2, 3}
    shapes = {len(generate("matrix_product", s).data["A"][0]) for s in range(40)}
    assert shapes == {2, 3}
    units = {generate("angle", s).unit for s in range(40)}
    assert units == {"degrees", "radians"}
    angles = {generate("angle", s).data["degrees"] for s in range(100)}
    assert angles == {30, 45, 60, 90, 120, 135, 150}
    ranks = {(p.answer, len(p.data["A"][0])) for p in (generate("rank", s) for s in range(100))}
    assert {r for r, _ in ranks} == {1, 2, 3} and {n for _, n in ranks} == {3, 4}
    norms = {generate("norm", s).answer.is_Integer for s in range(40)}
    assert norms == {True, False}  # whole lengths and surds
    outer = {generate("derivative", s).data["f"].split("(")[0] for s in range(100)}
    assert {"sin", "cos", "exp", "log", "sqrt"} <= outer


def test_row_reduction_solutions_replay_the_library_steps():
    """The linear system's worked steps are rref's own operations, in exact fractions."""
    import mathforml.linalg as la

    for seed in range(30):
        problem = generate("linear_system", seed)
        A, b = problem.data["A"], problem.data["b"]
        augmented = np.column_stack([np.array(A, float), np.array(b, float)])
        library = la.rref(augmented, record_steps=True).steps
        shown = [s for s in problem.solution if "leftrightarrow" in s or "leftarrow" in s]
        assert len(shown) == len(library)
        for text, step in zip(shown, library, strict=True):
            assert ("leftrightarrow" in text) == (step.kind == "swap")


def test_fractions_in_worked_solutions_are_exact():
    for seed in range(40):
        problem = generate("linear_system", seed)
        assert not any("0.333" in s or "e-1" in s for s in problem.solution)
    # a system whose elimination needs thirds shows \frac, never a decimal
    from mathforml.course.practice.elimination import reduce_rows

    reduction = reduce_rows([[3, 1, 1], [1, 2, 0]])
    assert reduction.R == [[1, 0, Fraction(2, 5)], [0, 1, Fraction(-1, 5)]]
    assert any(r"\frac{1}{3}" in step.operation for step in reduction.steps)


def test_the_same_seed_gives_the_same_problem_in_another_process():
    code = (
        "from mathforml.course.practice import generate, topics;"
        "print('|'.join(generate(t.id, 12345).answer_text for t in topics()))"
    )
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": str(h), "PATH": ""}).stdout
        for h in (0, 1, 2)
    }
    here = "|".join(generate(t.id, 12345).answer_text for t in topics())
    assert runs == {here + "\n"}


def test_different_seeds_give_different_problems():
    for topic in TOPICS:
        prompts = {generate(topic, seed).prompt for seed in range(50)}
        assert len(prompts) >= 40, topic
