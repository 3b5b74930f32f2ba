"""LaTeX to readable Unicode, for formulas in the terminal.

A terminal cannot typeset ``\\frac{v \\cdot u}{u \\cdot u}``, but it can show
``(v ⋅ u)/(u ⋅ u)``. This module rewrites the LaTeX the lessons use into Unicode text:
our own pass handles the structures (fractions with their grouping, roots, matrices,
named operators, norms, hats, transposes), then ``unicodeit`` maps symbols, Greek
letters and simple sub- and superscripts. The web app shows real typesetting; this is
the readable approximation.

    >>> tex_to_unicode(r"\\cos\\theta = \\frac{u \\cdot v}{\\lVert u \\rVert \\lVert v \\rVert}")
    'cos θ = (u ⋅ v)/(‖u‖ ‖v‖)'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["tex_to_unicode", "markdown_math_to_unicode"]

_WORDS = ("arccos", "arcsin", "arctan", "cos", "sin", "tan", "exp", "log", "ln", "max", "min",
          "argmax", "argmin", "arg", "det", "tr", "rank", "lim", "sup", "inf")
_SPACING = {r"\,": " ", r"\;": " ", r"\:": " ", r"\!": "", r"\quad": "  ", r"\qquad": "   ",
            r"\ ": " "}
_SYMBOLS = {r"\lVert": "‖", r"\rVert": "‖", r"\Vert": "‖", r"\|": "‖", r"\lvert": "|",
            r"\rvert": "|", r"\dots": "…", r"\ldots": "…", r"\cdots": "⋯", r"\vdots": "⋮",
            r"\ddots": "⋱", r"\top": "T", r"\intercal": "T", r"\{": "{", r"\}": "}",
            r"\langle": "⟨", r"\rangle": "⟩", r"\mid": "|"}
_ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}


def _group(text: str, start: int) -> tuple[str, int]:
    """The argument at ``start``: a {braced group} or a single token; and where it ends."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start >= len(text):
        return "", start
    if text[start] == "{":
        depth = 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                return text[start + 1 : end], end + 1
        return text[start + 1 :], len(text)
    if text[start] == "\\":
        match = re.match(r"\\[A-Za-z]+|\\.", text[start:])
        return match.group(0), start + match.end()
    return text[start], start + 1


def _wrap(part: str) -> str:
    """Parenthesize a fraction's part unless it is one symbol or a number."""
    simple = re.fullmatch(r"\s*[\w.^′⁰-⁹₀-₉²³¹]+\s*|\s*\([^()]*\)\s*", part)
    return part if simple else f"({part.strip()})"


def _structures(tex: str) -> str:
    """Rewrite commands with arguments (frac, sqrt, text, accents), innermost first."""
    pattern = re.compile(r"\\(d?frac|tfrac|sqrt|operatorname|mathrm|text|mathbf|boldsymbol|"
                         r"mathit|mathcal|mathbb|hat|bar|tilde|vec|dot)(?![A-Za-z])")
    while (match := pattern.search(tex)) is not None:
        name, end = match.group(1), match.end()
        first, end = _group(tex, end)
        first = _structures(first)
        if name.endswith("frac"):
            second, end = _group(tex, end)
            out = f"{_wrap(first)}/{_wrap(_structures(second))}"
        elif name == "sqrt":
            out = f"√{_wrap(first)}"
        elif name in _ACCENTS:
            out = first + _ACCENTS[name] if len(first) == 1 else f"{first}{_ACCENTS[name]}"
        elif name in ("mathbb", "mathcal"):
            out = f"\\{name}{{{first}}}"  # unicodeit knows these alphabets
            tex = tex[: match.start()] + out.replace("\\", "\x00") + tex[end:]
            continue
        else:
            out = first
        tex = tex[: match.start()] + out + tex[end:]
    return tex.replace("\x00", "\\")


def _matrices(tex: str) -> str:
    """``\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}`` -> ``[a b; c d]``."""
    def rows(match: re.Match) -> str:
        body = [" ".join(cell.split()) for cell in match.group(2).split(r"\\")]
        row_text = "; ".join(" ".join(c.strip() for c in row.split("&")) for row in body if row)
        left, right = {"p": "()", "v": "||", "b": "[]"}.get(match.group(1), "[]")
        return f"{left}{row_text}{right}"

    tex = re.sub(r"\\begin\{([pbv]?)matrix\}(.*?)\\end\{\1matrix\}", rows, tex, flags=re.S)
    tex = re.sub(r"\\begin\{aligned\}(.*?)\\end\{aligned\}",
                 lambda m: m.group(1).replace("&", "").replace(r"\\", ";  "), tex, flags=re.S)
    return tex


def tex_to_unicode(tex: str) -> str:
    """A readable Unicode rendering of a LaTeX formula.

    >>> tex_to_unicode(r"\\sum_{i=1}^{n} u_i v_i")
    '∑ᵢ₌₁ⁿ uᵢ vᵢ'
    >>> tex_to_unicode(r"\\frac{1}{1 + e^{-z}}")
    '1/(1 + e⁻ᶻ)'
    """
    import unicodeit

    tex = _matrices(tex)
    tex = re.sub(r"\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])", "", tex)
    tex = re.sub(r"\\lVert\s*", "‖", re.sub(r"\s*\\rVert", "‖", tex))  # ‖u‖, not ‖ u ‖
    tex = re.sub(r"\^\{?\\circ\}?", "°", tex)  # 135^\circ is 135°
    tex = tex.replace(r"\qquad", "\x01").replace(r"\quad", "\x01")
    for command, text in {**_SPACING, **_SYMBOLS}.items():
        # "\\quad" must not eat the start of "\\quadratic"; "\\," and "\\ " end themselves.
        boundary = r"(?![A-Za-z])" if command[-1].isalpha() else ""
        tex = re.sub(re.escape(command) + boundary, lambda _, t=text: t, tex)
    tex = re.sub(r"\\(" + "|".join(_WORDS) + r")(?![A-Za-z])\s*", r"\1 ", tex)
    tex = _structures(tex)
    tex = unicodeit.replace(tex)
    tex = re.sub(r"\\([A-Za-z]+)", r"\1", tex)  # an unknown command: keep its name
    tex = tex.replace("{", "").replace("}", "")
    # A leftover superscript that unicodeit could not raise, e.g. ^(k+1): keep it as ^.
    tex = re.sub(r"[ \t]+", " ", tex).strip().replace("\x01", "   ")
    return unicodedata.normalize("NFC", tex)  # u + combining hat -> û, one character


_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)(.+?)(?<!\s)\$", re.S)


def markdown_math_to_unicode(markdown: str, code: str = "`") -> str:
    """Replace each ``$…$`` and ``$$…$$`` in Markdown by its Unicode rendering.

    The rendering goes inside a code span (``code``), so Markdown does not read its
    ``*`` and ``_`` as emphasis; display math gets a line of its own.

    >>> markdown_math_to_unicode("The length is $\\\\sqrt{x^2}$.")
    'The length is `√x²`.'
    """
    def replace(match: re.Match) -> str:
        if match.group(1) is not None:
            return f"\n\n    {tex_to_unicode(match.group(1))}\n\n"
        return f"{code}{tex_to_unicode(match.group(2))}{code}"

    return _MATH.sub(replace, markdown)
