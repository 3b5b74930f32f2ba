"""The commands. Each one calls the course and renders the result; no logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import (
    ContentError,
    CourseError,
    ProgressStoreError,
    UnknownIdError,
    WorkspaceError,
)

__all__ = ["app", "run", "EXIT"]

# Exit codes: scripts (and `check` in a pre-commit hook) can tell what happened.
EXIT = {
    "ok": 0,
    "failed": 1,  # a check that does not pass, a wrong practice answer
    "usage": 2,  # an unknown id or a bad option (click uses 2 for usage errors too)
    "workspace": 3,  # no workspace, or an action that would overwrite work
    "progress": 4,  # the progress file cannot be read or written
    "content": 5,  # broken packaged content: a bug in mathforml
    "interrupted": 130,
}
_EXIT_FOR = [
    (UnknownIdError, "usage"),
    (WorkspaceError, "workspace"),
    (ProgressStoreError, "progress"),
    (ContentError, "content"),
    (CourseError, "failed"),
]

app = typer.Typer(
    name="mathforml",
    help="The Mathematics for Machine Learning, as a course you run: lessons, exercises "
    "graded in a sandbox, generated practice and spaced reviews. Run with no command "
    "for your dashboard.",
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Options shared by every command, resolved lazily (most commands need few of them)."""

    def __init__(self, data_dir: Path | None, workspace: Path | None):
        self._data_dir_flag = data_dir
        self.workspace_flag = workspace

    @property
    def data_dir(self) -> Path:
        from ..course.progress import resolve_data_dir

        return resolve_data_dir(self._data_dir_flag)

    def store(self):
        from ..course.progress import ProgressStore

        return ProgressStore.open(self.data_dir)

    def workspace(self) -> Path:
        from ..course.workspace import find_workspace

        return find_workspace(self.data_dir, explicit=self.workspace_flag)


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _fail(error: CourseError) -> typer.Exit:
    """Print a course error to stderr and give the exit code that says what kind it was."""
    kind = next(kind for cls, kind in _EXIT_FOR if isinstance(error, cls))
    _console(stderr=True).print(f"[bold red]error:[/] {error}", markup=True, soft_wrap=True)
    return typer.Exit(EXIT[kind])


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
        typer.Option("--data-dir", envvar="MATHFORML_HOME",
                     help="Where your progress lives (default: your user data folder)."),
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", envvar="MATHFORML_WORKSPACE",
                     help="Your exercise folder (default: the one around you, or the last "
                     "one `init` made)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = State(data_dir, workspace)
    if ctx.invoked_subcommand is None:
        _call("dashboard", ctx)


def _call(name: str, ctx: typer.Context, **options) -> None:
    """Run ``commands.<name>`` (imported only now: `--help` stays fast), mapping errors to
    exit codes."""
    from . import commands

    try:
        code = getattr(commands, name)(ctx.obj, **options)
    except CourseError as error:
        raise _fail(error) from None
    if code:
        raise typer.Exit(code)


_JSON = typer.Option("--json", help="Print machine-readable JSON instead.")


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder for your exercises.")] = Path(
        "mathforml-workspace"
    ),
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
def watch(ctx: typer.Context) -> None:
    """Re-check an exercise every time you save it (Ctrl-C to stop)."""
    _call("watch", ctx)


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
    """Practise generated problems with worked solutions (empty answer or Ctrl-D to stop)."""
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
        str, typer.Argument(metavar="CONCEPT", help="A concept or an algorithm (e.g. pca).")
    ],
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
    except KeyboardInterrupt:
        _console(stderr=True).print("interrupted")
        return EXIT["interrupted"]
    except CourseError as error:
        try:
            raise _fail(error)
        except typer.Exit as exit_:
            return exit_.exit_code
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
