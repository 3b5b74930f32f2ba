"""The ``mathforml`` command.

For now it tells what the installed package holds; the course commands
(lessons, exercises, practice, reviews) arrive with the course engine.
"""

from __future__ import annotations

import argparse
import inspect

from . import __version__


def _library_overview() -> str:
    from . import linalg

    lines = [f"mathforml {__version__}", "", "Library: mathforml.linalg"]
    for name in linalg.__all__:
        doc = inspect.getdoc(getattr(linalg, name)) or ""
        summary = doc.splitlines()[0] if doc else ""
        lines.append(f"  {name:<26} {summary}")
    lines += ["", "The interactive course (lessons, exercises, practice) is not installed yet."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mathforml",
        description="An executable course in the Mathematics for Machine Learning.",
    )
    parser.add_argument("--version", action="version", version=f"mathforml {__version__}")
    parser.parse_args(argv)
    print(_library_overview())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
