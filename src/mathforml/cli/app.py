"""The commands and their options. Each one calls the course and renders the result; no
logic lives here. Exit codes: :data:`EXIT`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .base import EXIT, State, guarded

__all__ = ["app", "run", "EXIT"]

app = typer.Typer(
    name="mathforml",
    help="The Mathematics for Machine Learning, as a course you run: lessons, exercises "
    "graded in a sandbox, generated practice and spaced reviews. Run with no command "
    "for your dashboard.\n\n"
    "Exit codes: 0 ok, 1 a check or answer that is not right, 2 an unknown id or a bad "
    "option, 3 no workspace (or it cannot be written), 4 the progress file cannot be read "
    "or written, 5 broken course content, 70 a bug in mathforml, 130 Ctrl-C.",
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,  # base.guarded reports errors; no locals dumped
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"mathforml {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", show_default=False,
                     help="Where your progress lives (default: $MATHFORML_HOME, else your "
                     "user data folder)."),
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", show_default=False,
                     help="Your exercise folder (default: $MATHFORML_WORKSPACE, else the "
                     "one around you, else the last one `init` made)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    # No envvar= on the options: the course reads the variables itself, so a message can
    # say "$MATHFORML_WORKSPACE points to ..." rather than blame a flag nobody typed.
    ctx.obj = State(data_dir, workspace)
    if ctx.invoked_subcommand is None:
        _call("dashboard", ctx)


def _call(name: str, ctx: typer.Context, **options) -> None:
    """Run ``commands.<name>`` (imported only now: `--help` stays fast); any failure
    becomes a message and an exit code (:func:`~mathforml.cli.base.guarded`)."""

    def command() -> int:
        from . import commands

        return getattr(commands, name)(ctx.obj, **options)

    code = guarded(command)
    if code:
        raise typer.Exit(code)


_JSON = typer.Option("--json", help="Print machine-readable JSON instead.")


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(help="Folder for your exercises (default: the workspace you are in, "
                       "else ./mathforml-workspace).", show_default=False),
    ] = None,
) -> None:
    """Create your workspace: a folder with a file to edit for every exercise.

    Running it again only adds files for new exercises; your work is never overwritten.
    """
    _call("init", ctx, directory=directory)


@app.command("list")
def list_(ctx: typer.Context, as_json: Annotated[bool, _JSON] = False) -> None:
    """List the modules, lessons, exercises and practice topics."""
    _call("list_course", ctx, as_json=as_json)


@app.command()
def lesson(
    ctx: typer.Context,
    lesson_id: Annotated[str, typer.Argument(metavar="LESSON", help="A lesson id.")],
) -> None:
    """Read a lesson: prose, formulas, and its examples run live."""
    _call("lesson", ctx, lesson_id=lesson_id)


@app.command()
def check(
    ctx: typer.Context,
    exercise: Annotated[
        str | None, typer.Argument(help="An exercise id (default: your next unfinished one).")
    ] = None,
    as_json: Annotated[bool, _JSON] = False,
    seed: Annotated[int, typer.Option(help="The seed of the generated inputs.")] = 0,
) -> None:
    """Grade your solution to an exercise in a sandbox, on 100 generated inputs."""
    _call("check", ctx, exercise=exercise, as_json=as_json, seed=seed)


@app.command()
def watch(
    ctx: typer.Context,
    exercise: Annotated[
        str | None, typer.Argument(help="The exercise to start with (default: your next "
                                   "unfinished one).")
    ] = None,
) -> None:
    """Re-check an exercise every time you save it (Ctrl-C to stop)."""
    _call("watch", ctx, exercise=exercise)


@app.command()
def hint(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="An exercise id.")],
) -> None:
    """Show one more hint for an exercise (gentle first, more revealing each time)."""
    _call("hint", ctx, exercise=exercise)


@app.command()
def practice(
    ctx: typer.Context,
    topic: Annotated[
        str | None, typer.Argument(help="A practice topic (default: one you are learning).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Make the problems repeatable: seed, seed+1, ...")
    ] = None,
) -> None:
    """Practise generated problems with worked solutions (an empty answer, q or Ctrl-D
    stops)."""
    _call("practice", ctx, topic=topic, seed=seed)


@app.command()
def review(ctx: typer.Context) -> None:
    """Do the reviews that are due: one practice problem per concept, scheduled by FSRS."""
    _call("review", ctx)


@app.command()
def progress(
    ctx: typer.Context,
    as_json: Annotated[bool, _JSON] = False,
    recover: Annotated[
        bool, typer.Option("--recover", help="Start afresh from a damaged progress file, "
                           "saving every record that can still be read (the file is kept).")
    ] = False,
) -> None:
    """Show what you have done: exercises, practice, reviews."""
    _call("progress", ctx, as_json=as_json, recover=recover)


@app.command()
def reset(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="An exercise id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Start an exercise over: its file goes back to the stub (your old file is kept)."""
    _call("reset", ctx, exercise=exercise, yes=yes)


@app.command()
def concept(
    ctx: typer.Context,
    concept_id: Annotated[
        str | None,
        typer.Argument(metavar="[CONCEPT]", help="A concept or an algorithm (e.g. pca); "
                       "without one, all of them are listed."),
    ] = None,
) -> None:
    """What a concept needs first, and where machine learning uses it."""
    _call("concept", ctx, target=concept_id)


def run(argv: list[str] | None = None) -> int:
    """Run the app like the console script does, returning the exit code."""
    try:
        app(args=argv, prog_name="mathforml", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:  # while Typer itself was parsing (commands catch their own)
        return EXIT["interrupted"]
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
