"""The ``mathforml`` command: the course in the terminal (Typer + Rich).

Commands hold no logic of their own: they call :mod:`mathforml.course` and render what it
returns, so the web app and the terminal give the same verdicts. Run ``mathforml --help``.
"""

from __future__ import annotations

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    from .app import run

    return run(argv)
