"""Turning course objects into Rich renderables. Formatting lives here, never in the course.

Text that does not come from this module (ids and paths the learner typed, messages,
what the learner's code printed, content) is never read as Rich markup: it goes in a
``Text`` or through ``escape``, so ``[red]`` in a file name or a printout stays as typed.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.text import Text

from .mathtext import markdown_math_to_unicode

__all__ = [
    "console", "outline_lesson", "markdown", "lesson_segments", "status_mark", "statement",
    "report", "source_excerpt", "problem", "solution",
]

console = Console(highlight=False)
"""The console every command prints to (stdout; Rich finds the width and colours)."""

_MARKS = {"passed": "[green]✓[/]", "attempted": "[yellow]…[/]", "not_started": "[dim]·[/]"}


def status_mark(status: str) -> str:
    """A one-character mark for an exercise status (Rich markup).

    >>> status_mark("passed")
    '[green]✓[/]'
    """
    return _MARKS.get(status, "[dim]·[/]")


def outline_lesson(console: Console, lesson_id: str, title: str, *, mark: str | None = None,
                   minutes: int | None = None, exercises: tuple[tuple[str, str], ...] = (),
                   practice: tuple[str, ...] = ()) -> None:
    """One lesson of a course outline (the dashboard, ``list``): its line, then its
    exercises with their status marks and its practice topics, indented.

    Lines, not a table: they wrap between words at any width, so an id is never cut.
    """
    from rich.padding import Padding

    head = Text.from_markup(f"{mark} ") if mark else Text()
    head.append(lesson_id, style="bold")
    head.append(f" · {title}")
    if minutes is not None:
        head.append(f" ({minutes} min)", style="dim")
    console.print(Padding(head, (0, 0, 0, 2), expand=False))
    if exercises:
        marks = "  ".join(f"{status_mark(status)} {escape(e)}" for e, status in exercises)
        console.print(Padding(Text.from_markup(f"[dim]exercises:[/] {marks}"), (0, 0, 0, 6),
                              expand=False))
    if practice:
        console.print(Padding(Text.assemble(("practice: ", "dim"), " ".join(practice)),
                              (0, 0, 0, 6), expand=False))


def markdown(text: str):
    """Rich Markdown with the math turned into readable Unicode first."""
    from rich.markdown import Markdown

    return Markdown(markdown_math_to_unicode(text), code_theme="ansi_dark")


def lesson_segments(console: Console, segments, figure_dir: Path, lesson_id: str) -> None:
    """Print a run lesson: prose, each example with its output, figures saved as SVG files."""
    from rich.syntax import Syntax

    from ..course.lessons import Code

    figure_number = 0
    for part in segments:
        if not isinstance(part, Code):
            console.print(markdown(part.text))
            continue
        blocks = [Syntax(part.source, part.language or "text", theme="ansi_dark",
                         word_wrap=True)]
        if part.output or part.error or part.figures:
            blocks.append(Rule("output", style="dim", align="left"))
        if part.output:
            blocks.append(Text(part.output.rstrip("\n"), style="cyan"))
        if part.error:
            blocks.append(Text(part.error.rstrip("\n"), style="red"))
        for figure in part.figures:
            figure_number += 1
            blocks.append(_save_figure(figure.svg, figure_dir / f"{lesson_id}-{figure_number}.svg",
                                       figure_number))
        title = "example" if part.language == "python" else escape(part.language or "text")
        console.print(Panel(Group(*blocks), title=title, title_align="left", border_style="dim"))


def _save_figure(svg: str, path: Path, number: int) -> Text:
    """Write a figure to ``path``; the line that says where it is (or why it is not)."""
    label = Text(f"figure {number}: ", style="magenta")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    except OSError as exc:
        return label.append(f"not saved ({path}: {exc.strerror or exc})", style="yellow")
    return label.append(str(path), style=Style(link=path.resolve().as_uri()))


# ---------------------------------------------------------------- grading reports

_HEADLINES = {
    "passed": ("✓", "passed", "bold green"),
    "not_implemented": ("→", "not started yet", "bold cyan"),
    "failed": ("✗", "wrong result", "bold red"),
    "error": ("✗", "your code raised an error", "bold red"),
    "syntax_error": ("✗", "syntax error", "bold red"),
    "timeout": ("✗", "too slow: an infinite loop?", "bold red"),
    "crashed": ("✗", "the process ended", "bold red"),
    "output_limit": ("✗", "too much output", "bold red"),
    "forbidden": ("✗", "not allowed here", "bold yellow"),
    "missing_function": ("✗", "function missing", "bold red"),
    "missing_file": ("✗", "file missing", "bold red"),
}


def statement(console: Console, exercise, workspace: Path) -> None:
    """An exercise's task: its title, statement and file."""
    title = Text.assemble((exercise.id, "bold"), f": {exercise.title}")
    console.print(Panel(
        Group(markdown(exercise.statement),
              Text(f"file: {workspace / exercise.filename}", style="dim")),
        title=title, title_align="left",
    ))


def source_excerpt(path: Path, line: int, source_line: str, column: int | None) -> Text:
    """The learner's line, with a caret under ``column`` (1-based, in the full line).

    The grader may give the line without its indentation while the column counts it, so
    the line is read again from the file when it still says the same thing.

    >>> print(source_excerpt(Path("/nonexistent.py"), 1, "x = 1 +", 8).plain)
        x = 1 +
               ^
    """
    full = source_line.rstrip("\n")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        if 0 < line <= len(lines) and lines[line - 1].strip() == full.strip():
            full = lines[line - 1]
    except (OSError, UnicodeDecodeError):
        pass
    indent = len(full) - len(full.lstrip())
    text = Text(f"    {full.strip()}")
    if column is not None and column > indent:
        text.append("\n    " + " " * (column - 1 - indent) + "^", style="red")
    return text


def report(console: Console, result, following: str | None, *, watching: bool = False) -> None:
    """A check's report: the verdict, and for a failure everything needed to fix it.

    ``following`` is the next unfinished exercise after a pass; ``watching`` words the
    advice for ``watch`` (save a file) rather than for ``check`` (run a command).
    """
    from rich.table import Table

    rep, exercise = result.report, result.exercise
    mark, label, style = _HEADLINES.get(rep.status, ("✗", rep.status, "bold red"))
    console.print(Text.assemble((f"{mark} {label}", style), " ", (exercise.id, "bold"),
                                ": ", rep.message))
    if rep.status == "not_implemented":  # the stub as given: the task, not a failure report
        statement(console, exercise, result.path.parents[1])
        return
    if rep.line is not None and rep.source_line is not None:
        where = f"{result.path}:{rep.line}" + (f":{rep.column}" if rep.column else "")
        console.print(Text(f"  {where}", style="dim"))
        console.print(source_excerpt(result.path, rep.line, rep.source_line, rep.column))
    if rep.call is not None:
        table = Table(show_header=False, show_edge=False, box=None, padding=(0, 1))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        for name, value in (("call", rep.call), ("expected", rep.expected),
                            ("got", rep.actual), ("difference", rep.difference)):
            if value is not None:
                table.add_row(name, Text(value))
        console.print(table)
    if rep.misconception is not None:
        console.print(Panel(
            Group(Text(rep.misconception.name, style="bold"), Text(rep.misconception.message)),
            title="likely misconception", title_align="left", border_style="yellow"))
    if rep.traceback is not None:
        console.print(Text(rep.traceback.format(), style="red"))
    if rep.output:
        console.print(Panel(Text(rep.output.rstrip("\n")), title="what your code printed",
                            title_align="left", border_style="dim"))
    if result.restored:
        console.print(Text(result.restored, style="bold yellow"))
    if rep.passed:
        if result.first_pass:
            console.print("[green]First pass recorded; its concepts join your reviews.[/]")
        if following and watching:
            console.print(Text.assemble("Next: ", (following, "bold"), " (save ",
                                        f"exercises/{following}.py", " to check it)"))
        elif following:
            console.print(Text.assemble("Next: ", (f"mathforml check {following}", "bold")))
    elif rep.status == "missing_file":
        console.print(Text.assemble(
            ("Deleted by accident? ", "dim"), (f"mathforml reset {exercise.id}", "bold"),
            (" puts the starting file back.", "dim")))
    else:
        console.print(Text.assemble(("Stuck? ", "dim"), (f"mathforml hint {exercise.id}",
                                                         "bold")))


# ---------------------------------------------------------------- practice


def problem(console: Console, item) -> None:
    """A practice problem: the prompt and what kind of answer to type."""
    console.print(markdown(item.prompt))
    console.print(Text(f"Answer with {item.answer_format}.", style="dim"))


def solution(console: Console, item) -> None:
    """A worked solution, step by step, ending in the answer."""
    steps = [markdown(step) for step in item.solution]
    steps.append(Text.assemble(("Answer: ", "bold"), item.answer_text))
    console.print(Panel(Group(*steps), title="worked solution", title_align="left",
                        border_style="cyan"))
