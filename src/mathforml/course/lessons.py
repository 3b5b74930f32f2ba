"""Lessons: Markdown with TOML front matter and executable Python blocks.

A lesson file looks like this::

    +++
    id = "vectors"
    title = "Vectors and the dot product"
    module = "linear-algebra"
    concepts = ["dot_product", "norm"]
    prerequisites = []          # lesson ids to read first
    minutes = 25
    exercises = ["dot_product"]
    practice = ["dot_product", "norm"]
    +++

    Prose with $inline$ and $$display$$ math.

    ```python
    import mathforml.linalg as la
    print(la.dot([1, 2], [3, 4]))
    ```

Every ```` ```python ```` block runs, in order, in one namespace per lesson; what it prints,
and any matplotlib figure it leaves open, become part of the lesson. Other fences
(```` ```text ````…) are shown as they are.
"""

from __future__ import annotations

import contextlib
import io
import re
import traceback
from dataclasses import dataclass, field

from ..errors import ContentError
from . import _toml

__all__ = ["Lesson", "Prose", "Code", "Figure", "parse_lesson", "segments", "run_lesson"]

_FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.S)
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$\n?", re.S | re.M)
_REQUIRED = {"id": str, "title": str, "module": str, "minutes": int}
_LISTS = ("concepts", "prerequisites", "exercises", "practice")


@dataclass(frozen=True)
class Lesson:
    """A lesson's metadata and its Markdown body."""

    id: str
    title: str
    module: str
    minutes: int
    concepts: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()
    body: str = field(default="", repr=False)
    path: str = ""


@dataclass(frozen=True)
class Prose:
    """Markdown text (with ``$…$`` math), shown as it is."""

    text: str


@dataclass(frozen=True)
class Code:
    """A code block; after :func:`run_lesson`, with what it printed and drew."""

    source: str
    language: str = "python"
    output: str = ""
    figures: tuple[Figure, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Figure:
    """A matplotlib figure a code block drew, as SVG text."""

    svg: str


def parse_lesson(text: str, path: str = "<lesson>") -> Lesson:
    """Read a lesson file's front matter and body.

    >>> text = '+++\\nid = "v"\\ntitle = "V"\\nmodule = "m"\\nminutes = 5\\n+++\\nHi'
    >>> lesson = parse_lesson(text)
    >>> lesson.id, lesson.minutes, lesson.body
    ('v', 5, 'Hi')
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ContentError(f"{path}: a lesson starts with TOML front matter between +++ lines")
    try:
        meta = _toml.loads(match.group(1))
    except _toml.TOMLDecodeError as exc:
        raise ContentError(f"{path}: front matter is not valid TOML: {exc}") from None
    for key, kind in _REQUIRED.items():
        if not isinstance(meta.get(key), kind):
            raise ContentError(f"{path}: front matter needs {key} ({kind.__name__})")
    unknown = set(meta) - set(_REQUIRED) - set(_LISTS)
    if unknown:
        raise ContentError(f"{path}: unknown front matter keys {sorted(unknown)}")
    lists = {key: tuple(meta.get(key, ())) for key in _LISTS}
    body = text[match.end() :].strip("\n")
    return Lesson(**{k: meta[k] for k in _REQUIRED}, **lists, body=body, path=path)


def segments(lesson: Lesson) -> list[Prose | Code]:
    """The body split into prose and code blocks, in order (nothing runs)."""
    parts: list[Prose | Code] = []
    position = 0
    for match in _FENCE.finditer(lesson.body):
        prose = lesson.body[position : match.start()].strip("\n")
        if prose:
            parts.append(Prose(prose))
        parts.append(Code(source=match.group(2).rstrip("\n"), language=match.group(1)))
        position = match.end()
    rest = lesson.body[position:].strip("\n")
    if rest:
        parts.append(Prose(rest))
    return parts


def _figures_svg() -> tuple[Figure, ...]:
    """Every open matplotlib figure as SVG, then closed (only if pyplot was imported)."""
    import sys

    if "matplotlib.pyplot" not in sys.modules:
        return ()
    plt = sys.modules["matplotlib.pyplot"]
    figures = []
    for number in plt.get_fignums():
        buffer = io.StringIO()
        # A fixed hash salt and no date keep the SVG identical from run to run.
        plt.figure(number).savefig(buffer, format="svg", metadata={"Date": None})
        figures.append(Figure(buffer.getvalue()))
    plt.close("all")
    return tuple(figures)


def run_lesson(lesson: Lesson) -> list[Prose | Code]:
    """Run the lesson's Python blocks in order; return the segments with their output.

    The blocks are our own code (not the learner's), so they run in this process. A block
    that raises keeps its traceback in ``Code.error`` and the lesson goes on: a broken
    example should be visible, and the test suite fails on it.
    """
    namespace: dict = {"__name__": f"lesson_{lesson.id.replace('-', '_')}"}
    done: list[Prose | Code] = []
    for part in segments(lesson):
        if not isinstance(part, Code) or part.language != "python":
            done.append(part)
            continue
        if "matplotlib" in part.source:
            import matplotlib

            matplotlib.use("Agg")
            matplotlib.rcParams["svg.hashsalt"] = "mathforml"
        printed, error = io.StringIO(), ""
        try:
            code = compile(part.source, f"<{lesson.id} example>", "exec")
            with contextlib.redirect_stdout(printed):
                exec(code, namespace)  # our own lesson code, never the learner's
        except Exception:
            error = traceback.format_exc(limit=-1)
        done.append(
            Code(part.source, part.language, printed.getvalue(), _figures_svg(), error)
        )
    return done
