"""What every command shares: exit codes, the options, and turning failures into messages.

Kept free of Typer so that ``mathforml`` with no argument (the dashboard, the command a
learner runs most) can start without importing Typer at all (see :func:`mathforml.cli.main`).
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

__all__ = ["EXIT", "State", "exit_code", "print_error", "guarded", "prepare_output"]

# Exit codes: scripts (and `check` in a pre-commit hook) can tell what happened.
EXIT = {
    "ok": 0,
    "failed": 1,  # a check that does not pass; output cut short by a closed pipe
    "usage": 2,  # an unknown id or a bad option (click uses 2 for usage errors too)
    "workspace": 3,  # no workspace, an exercise path that is not a file, an unwritable folder
    "progress": 4,  # the progress file cannot be read or written
    "content": 5,  # broken packaged content: a bug in mathforml
    "bug": 70,  # any other error inside mathforml (EX_SOFTWARE): please report it
    "interrupted": 130,  # Ctrl-C
}
# Course errors by class name, most specific first (mathforml.errors is imported only when
# a command runs: it imports NumPy, which `--help` has no use for).
_KIND = [
    ("UnknownIdError", "usage"),
    ("WorkspaceError", "workspace"),
    ("ProgressStoreError", "progress"),
    ("ContentError", "content"),
    ("CourseError", "failed"),
]


class State:
    """Options shared by every command, resolved lazily (most commands need few of them).

    ``data_dir`` and ``workspace`` are the ``--data-dir`` and ``--workspace`` flags (None
    when not given: the course then reads ``$MATHFORML_HOME`` and ``$MATHFORML_WORKSPACE``
    itself, so its messages can name the variable that pointed somewhere wrong).
    """

    def __init__(self, data_dir: Path | None = None, workspace: Path | None = None):
        self._data_dir_flag = data_dir
        self.workspace_flag = workspace

    @property
    def data_dir(self) -> Path:
        """The folder of the progress file (flag, ``$MATHFORML_HOME``, platform default)."""
        from ..course.progress import resolve_data_dir

        return resolve_data_dir(self._data_dir_flag)

    def store(self):
        """The progress store, opened (use it in a ``with`` block)."""
        from ..course.progress import ProgressStore

        return ProgressStore.open(self.data_dir)

    def workspace(self) -> Path:
        """The learner's workspace (WorkspaceError, with what to do, when there is none)."""
        from ..course.workspace import find_workspace

        return find_workspace(self.data_dir, explicit=self.workspace_flag)

    def has_workspace(self) -> bool:
        """Whether :meth:`workspace` would find one."""
        from ..errors import WorkspaceError

        try:
            self.workspace()
        except WorkspaceError:
            return False
        return True


def exit_code(error: Exception) -> int:
    """The exit code that says what kind of course error this was.

    >>> from mathforml.errors import UnknownIdError
    >>> exit_code(UnknownIdError("no exercise called 'x'"))
    2
    """
    from .. import errors

    return EXIT[next(kind for name, kind in _KIND if isinstance(error, getattr(errors, name)))]


def print_error(message: str) -> None:
    """``error: message`` on stderr; the message is printed as it is (never as markup)."""
    from rich.console import Console
    from rich.text import Text

    text = Text("error:", style="bold red")
    text.append(f" {message}")
    Console(stderr=True, highlight=False).print(text, soft_wrap=True)


def guarded(command: Callable[[], int]) -> int:
    """Run ``command`` and return its exit code; every failure becomes a message and a code.

    Course errors print their message (exit 2-5, see :data:`EXIT`); Ctrl-C exits 130; a
    closed output pipe (``mathforml list | head``) ends quietly; anything else is a bug in
    mathforml: a short report with the traceback, exit 70.
    """
    from ..errors import CourseError

    try:
        return command()
    except CourseError as error:
        print_error(str(error))
        return exit_code(error)
    except KeyboardInterrupt:
        _stderr_line("interrupted")
        return EXIT["interrupted"]
    except BrokenPipeError:
        _silence_stdout()
        return EXIT["failed"]
    except Exception as error:  # noqa: BLE001 - the last line of defence: report, never hide
        import traceback

        print_error(f"mathforml hit a bug (not a mistake of yours): "
                    f"{type(error).__name__}: {error}")
        _stderr_line("Please report it, with `mathforml --version` and these lines:\n"
                     + "".join(traceback.format_exception(error)).rstrip())
        return EXIT["bug"]


def _stderr_line(text: str) -> None:
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: nothing left to tell
        pass


def _silence_stdout() -> None:
    """After a broken pipe, send what is left to /dev/null so exiting does not complain."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# ---------------------------------------------------------------- terminals that are not UTF-8

_ASCII = {"✓": "+", "✗": "x", "·": ".", "…": "...", "→": "->", "←": "<-", "‖": "||",
          "⋅": "*", "×": "x", "−": "-", "√": "sqrt", "≈": "~", "≠": "!=", "≤": "<=", "≥": ">=",
          "∑": "sum_", "Σ": "sum_", "∏": "prod_", "∞": "inf", "∂": "d", "∇": "grad", "∈": " in ",
          "“": '"', "”": '"', "‘": "'", "’": "'", "—": "--", "–": "-", "•": "*",
          "⟨": "<", "⟩": ">", "°": " deg", "│": "|", "─": "-", "━": "=", "╭": "+", "╮": "+",
          "╰": "+", "╯": "+"}


def _ascii(char: str) -> str:
    """A readable ASCII stand-in for one character (``θ`` -> ``theta``, ``x²`` -> ``x2``)."""
    if char in _ASCII:
        return _ASCII[char]
    plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                    if not unicodedata.combining(c))
    if plain and plain.isascii():
        return plain
    name = unicodedata.name(char, "")
    if name.startswith("GREEK") and "LETTER" in name:
        letter = name.split()[-1].lower()
        return letter.capitalize() if "CAPITAL" in name else letter
    return "?"


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(_ascii(c) for c in text), error.end


codecs.register_error("mathforml-ascii", _replace_unencodable)


def output_is_utf8(stream=None) -> bool:
    """Whether ``stream`` (default stdout) takes any Unicode character."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32")
    except LookupError:  # a name Python does not know: assume the worst
        return False


def prepare_output() -> None:
    """On a terminal that is not UTF-8 (``PYTHONIOENCODING=ascii``, an old Windows code
    page), print ``‖u‖`` as ``||u||`` and ``θ`` as ``theta`` instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        if not output_is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="mathforml-ascii")
