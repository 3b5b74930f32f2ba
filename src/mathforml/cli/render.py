"""Turning course objects into Rich renderables. Formatting lives here, never in the course."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from .mathtext import markdown_math_to_unicode

__all__ = [
    "markdown", "lesson_segments", "status_mark", "statement", "report", "problem", "solution",
]

_MARKS = {"passed": "[green]✓[/]", "attempted": "[yellow]…[/]", "not_started": "[dim]·[/]"}


def status_mark(status: str) -> str:
    """A one-character mark for an exercise status (Rich markup)."""
    return _MARKS.get(status, "[dim]·[/]")


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
            figure_dir.mkdir(parents=True, exist_ok=True)
            path = figure_dir / f"{lesson_id}-{figure_number}.svg"
            path.write_text(figure.svg, encoding="utf-8")
            blocks.append(Text.from_markup(
                f"[magenta]figure {figure_number}:[/] [link=file://{path}]{escape(str(path))}[/link]"
            ))
        title = "example" if part.language == "python" else part.language
        console.print(Panel(Group(*blocks), title=title, title_align="left", border_style="dim"))


# ---------------------------------------------------------------- grading reports

_HEADLINES = {
    "passed": "[bold green]✓ passed[/]",
    "not_implemented": "[bold cyan]→ not started yet[/]",
    "failed": "[bold red]✗ wrong result[/]",
    "error": "[bold red]✗ your code raised an error[/]",
    "syntax_error": "[bold red]✗ syntax error[/]",
    "timeout": "[bold red]✗ too slow: an infinite loop?[/]",
    "crashed": "[bold red]✗ the process ended[/]",
    "output_limit": "[bold red]✗ too much output[/]",
    "forbidden": "[bold yellow]✗ not allowed here[/]",
    "missing_function": "[bold red]✗ function missing[/]",
    "missing_file": "[bold red]✗ file missing[/]",
}


def statement(console: Console, exercise, workspace: Path) -> None:
    """An exercise's task: its title, statement and file."""
    console.print(Panel(
        Group(markdown(exercise.statement),
              Text.from_markup(f"[dim]file: {escape(str(workspace / exercise.filename))}[/]")),
        title=f"[bold]{exercise.id}[/]: {exercise.title}", title_align="left",
    ))


def report(console: Console, result, following: str | None) -> None:
    """A check's report: the verdict, and for a failure everything needed to fix it."""
    from rich.table import Table

    rep = result.report
    headline = _HEADLINES.get(rep.status, rep.status)
    console.print(f"{headline} [bold]{result.exercise.id}[/]: {escape(rep.message)}")
    if rep.status == "not_implemented":  # the stub as given: the task, not a failure report
        statement(console, result.exercise, result.path.parents[1])
        return
    if rep.line is not None and rep.source_line is not None:
        where = f"{result.path}:{rep.line}" + (f":{rep.column}" if rep.column else "")
        console.print(f"  [dim]{where}[/]")
        console.print(Text(f"    {rep.source_line.rstrip()}"))
        if rep.column:
            console.print(Text("    " + " " * (rep.column - 1) + "^", style="red"))
    if rep.call is not None:
        table = Table(show_header=False, show_edge=False, box=None, padding=(0, 1))
        table.add_column(style="dim")
        table.add_column()
        for label, value in (("call", rep.call), ("expected", rep.expected),
                             ("got", rep.actual), ("difference", rep.difference)):
            if value is not None:
                table.add_row(label, Text(value))
        console.print(table)
    if rep.misconception is not None:
        console.print(Panel(Text(rep.misconception.message),
                            title=f"likely misconception: {rep.misconception.name}",
                            title_align="left", border_style="yellow"))
    if rep.traceback is not None:
        console.print(Text(rep.traceback.format(), style="red"))
    if rep.output:
        console.print(Panel(Text(rep.output.rstrip("\n")), title="what your code printed",
                            title_align="left", border_style="dim"))
    if result.restored:
        console.print(f"[bold yellow]{escape(result.restored)}[/]")
    if rep.passed:
        if result.first_pass:
            console.print("[green]First pass recorded; its concepts join your reviews.[/]")
        if following:
            console.print(f"Next: [bold]mathforml check {following}[/]")
    elif rep.status != "not_implemented":
        console.print(f"[dim]Stuck? [bold]mathforml hint {result.exercise.id}[/][/]")


# ---------------------------------------------------------------- practice


def problem(console: Console, item) -> None:
    """A practice problem: the prompt and what kind of answer to type."""
    console.print(markdown(item.prompt))
    console.print(f"[dim]Answer with {escape(item.answer_format)}.[/]")


def solution(console: Console, item) -> None:
    """A worked solution, step by step, ending in the answer."""
    steps = [markdown(step) for step in item.solution]
    steps.append(Text.from_markup(f"[bold]Answer:[/] {escape(item.answer_text)}"))
    console.print(Panel(Group(*steps), title="worked solution", title_align="left",
                        border_style="cyan"))
