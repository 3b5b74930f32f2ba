"""The ``mathforml`` command: the course in the terminal (Typer + Rich).

Commands hold no logic of their own: they call :mod:`mathforml.course` and render what it
returns, so the web app and the terminal give the same verdicts. Run ``mathforml --help``.

- ``app``: the Typer commands and their options (``EXIT`` lists the exit codes);
- ``commands``: what each command does, ``interactive``: the ones that converse (watch,
  practice, review); ``render``: course objects as Rich output;
- ``base``: exit codes, shared options, error messages (no Typer: the dashboard starts
  without it); ``mathtext``: LaTeX as Unicode.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    from .base import prepare_output

    argv = sys.argv[1:] if argv is None else list(argv)
    prepare_output()
    if not argv:
        # The dashboard is what a learner runs most: it skips Typer, whose option parsing
        # imports pydantic (about 0.1 s), since there is nothing to parse.
        from .base import guarded

        return guarded(_dashboard)
    from .app import run

    return run(argv)


def _dashboard() -> int:
    from .base import State
    from .commands import dashboard

    return dashboard(State())
