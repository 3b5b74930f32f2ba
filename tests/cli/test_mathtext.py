"""LaTeX as readable Unicode in the terminal."""

import pytest

from mathforml.cli.mathtext import markdown_math_to_unicode, tex_to_unicode


@pytest.mark.parametrize(
    "tex,text",
    [
        (r"\lVert u \rVert = \sqrt{u \cdot u}", "‖u‖ = √(u ⋅ u)"),
        (
            r"\operatorname{proj}_u(v) = \frac{v \cdot u}{u \cdot u}\, u",
            "projᵤ(v) = (v ⋅ u)/(u ⋅ u) u",
        ),
        (r"\frac{1}{1+e^{-z}}", "1/(1+e⁻ᶻ)"),
        (r"\hat u", "û"),
        (r"A^{-1}", "A⁻¹"),
        (r"X^\top X", "Xᵀ X"),
        (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[1 2; 3 4]"),
        (r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V", "softmax(QKᵀ/(√dₖ))V"),
        (r"\frac{\partial L}{\partial w}", "(∂ L)/(∂ w)"),
        (r"\det A = ad - bc", "det A = ad − bc"),
        (r"x \sim \mathcal{N}(0, 1)", "x ∼ 𝒩(0, 1)"),
        (r"\theta = 135^\circ", "θ = 135°"),
        (r"\begin{bmatrix} 1 & \mid & 2 \end{bmatrix}", "[1 | 2]"),
    ],
)
def test_formulas(tex, text):
    assert tex_to_unicode(tex) == text


def test_no_latex_command_survives_in_the_lessons():
    from mathforml.course.catalog import load_catalog
    from mathforml.course.lessons import Prose, segments

    catalog = load_catalog()
    for lesson_id in catalog.lesson_order():
        for part in segments(catalog.lesson(lesson_id)):
            if isinstance(part, Prose):
                text = markdown_math_to_unicode(part.text)
                assert "\\" not in text, (lesson_id, [l for l in text.splitlines() if "\\" in l])


def test_markdown_math_is_protected_from_emphasis():
    assert markdown_math_to_unicode("a $x*y*z$ b") == "a `x*y*z` b"
    assert markdown_math_to_unicode("costs $5 and $6") == "costs $5 and $6"
    assert "\n\n    ∑ᵢ xᵢ\n\n" in markdown_math_to_unicode("$$\\sum_i x_i$$")


def test_no_latex_command_survives_in_practice_problems():
    from mathforml.course.practice import generate, topics

    for topic in topics():
        for seed in range(25):
            problem = generate(topic.id, seed)
            for text in (problem.prompt, *problem.solution):
                shown = markdown_math_to_unicode(text)
                assert "\\" not in shown, (topic.id, seed, shown)
