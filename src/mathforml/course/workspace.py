"""The learner's workspace: a folder of exercise files they edit in their own editor.

Layout::

    <workspace>/
        mathforml.toml          marks the folder as a workspace (and names the version)
        exercises/<id>.py       one file per exercise, started from its stub
        .history/<id>-<time>.py earlier versions kept by `reset`

Nothing here ever overwrites a learner's file without keeping a copy: ``init`` only adds
missing files, and ``reset`` moves the old file into ``.history`` first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..errors import WorkspaceError
from .catalog import Catalog

__all__ = [
    "MARKER",
    "ENV_VAR",
    "InitResult",
    "init_workspace",
    "find_workspace",
    "workspace_around",
    "default_init_folder",
    "remember_workspace",
    "remembered_workspace",
    "exercise_path",
    "exercise_of",
    "reset_exercise_file",
]

MARKER = "mathforml.toml"
ENV_VAR = "MATHFORML_WORKSPACE"
_REMEMBERED = "workspace-path"  # in the data directory: the workspace `init` made last


@dataclass(frozen=True)
class InitResult:
    """What ``init`` did: the workspace, the files it created and the ones it kept as they were."""

    root: Path
    created: tuple[str, ...]
    kept: tuple[str, ...]


def _write_new(path: Path, text: str) -> bool:
    """Write ``path`` only if it does not exist yet (atomically: exclusive create)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def init_workspace(root: Path, catalog: Catalog) -> InitResult:
    """Create (or complete) a workspace at ``root`` with a stub for every exercise.

    Existing files are never touched, so running ``init`` again after an update only adds
    the new exercises.

    Raises
    ------
    WorkspaceError
        ``root`` is a file, a folder of other files (not a workspace), or cannot be
        written.
    """
    root = Path(root).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"init: {root} exists and is not a folder; choose another path")
    outer = workspace_around(root.parent)
    if outer is not None:  # a workspace in a workspace: its files would be found twice
        raise WorkspaceError(f"init: {root} is inside the workspace {outer}; "
                             f"`mathforml init {outer}` adds any new exercises to that one")
    if root.is_dir() and any(root.iterdir()) and not (root / MARKER).exists():
        raise WorkspaceError(
            f"init: {root} is a folder with other files in it and is not a mathforml "
            "workspace; choose an empty or new folder"
        )
    marker = f'# A mathforml workspace: edit the files in exercises/.\nversion = "{__version__}"\n'
    created, kept = [], []
    with _writing(root, "init: could not create the workspace"):
        if _write_new(root / MARKER, marker):
            created.append(MARKER)
        for exercise_id in catalog.exercise_order():
            relative = catalog.exercises[exercise_id].filename
            written = _write_new(root / relative, catalog.stub(exercise_id))
            (created if written else kept).append(relative)
    return InitResult(root, tuple(created), tuple(kept))


@contextmanager
def _writing(path: Path, what: str) -> Iterator[None]:
    """Turn an OS error while writing into a WorkspaceError that says where and why."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or path
        raise WorkspaceError(f"{what}: {where}: {exc.strerror or exc}; choose a folder "
                             "you can write to") from None


def remember_workspace(data_dir: Path, root: Path) -> None:
    """Record ``root`` as the learner's workspace, so commands find it from anywhere."""
    with _writing(data_dir, "could not remember the workspace in the data folder"):
        data_dir.mkdir(parents=True, exist_ok=True)
        temporary = data_dir / f".{_REMEMBERED}.tmp"
        temporary.write_text(str(root), encoding="utf-8")
        os.replace(temporary, data_dir / _REMEMBERED)  # atomic: never a half-written path


def remembered_workspace(data_dir: Path) -> Path | None:
    """The workspace ``init`` made last, as recorded (it may since have moved), or None."""
    try:
        text = (data_dir / _REMEMBERED).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def workspace_around(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``mathforml.toml``, or None."""
    here = Path(start).expanduser().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / MARKER).is_file()),
                None)


def default_init_folder(start: Path | None = None) -> Path:
    """Where ``init`` without a folder works: the workspace around ``start`` (default: the
    current folder), so that running it inside a workspace updates that one; else a new
    ``mathforml-workspace`` folder in ``start``."""
    start = Path(start or Path.cwd())
    return workspace_around(start) or start / "mathforml-workspace"


def find_workspace(data_dir: Path, start: Path | None = None, explicit: Path | None = None) -> Path:
    """The workspace to use: ``explicit``, else ``$MATHFORML_WORKSPACE``, else the nearest
    folder at or above ``start`` (default: the current folder) holding ``mathforml.toml``,
    else the one ``init`` made last.

    Raises
    ------
    WorkspaceError
        None of these is a workspace; the message says which was tried and what to do.
    """
    if explicit is not None:
        source, path = "--workspace", Path(explicit)
    elif os.environ.get(ENV_VAR):
        source, path = f"${ENV_VAR}", Path(os.environ[ENV_VAR])
    else:
        around = workspace_around(start or Path.cwd())
        if around is not None:
            return around
        path = remembered_workspace(data_dir)
        if path is None:
            raise WorkspaceError("no workspace here; `mathforml init [DIR]` makes one, and "
                                 "commands find it from any folder afterwards")
        if (path / MARKER).is_file():
            return path.resolve()
        raise WorkspaceError(
            f"the workspace `mathforml init` made was at {path}, and it is not there any "
            "more (moved or deleted?); run mathforml inside your workspace folder, name it "
            "with --workspace DIR, or make a new one with `mathforml init [DIR]`")
    path = path.expanduser()
    if (path / MARKER).is_file():
        return path.resolve()
    raise WorkspaceError(f"{source} points to {path}, which is not a mathforml workspace "
                         "(no mathforml.toml); run `mathforml init` to create one")


def exercise_path(root: Path, catalog: Catalog, exercise_id: str) -> Path:
    """Where the learner's file for ``exercise_id`` lives in the workspace."""
    return root / catalog.exercise(exercise_id).filename


def exercise_of(root: Path, catalog: Catalog, path: Path | str) -> str | None:
    """The exercise whose file ``path`` is in the workspace ``root`` (None for any other).

    >>> from mathforml.course.catalog import load_catalog
    >>> exercise_of(Path("/ws"), load_catalog(), "/ws/exercises/dot_product.py")
    'dot_product'
    >>> exercise_of(Path("/ws"), load_catalog(), "/ws/exercises/notes.py") is None
    True
    """
    path, root = Path(path).resolve(), Path(root).resolve()
    for exercise in catalog.exercises.values():
        if (root / exercise.filename) == path:
            return exercise.id
    return None


def reset_exercise_file(root: Path, catalog: Catalog, exercise_id: str) -> Path | None:
    """Put the stub back; the learner's current file moves to ``.history`` first.

    Returns where the old file was kept (None if there was none).
    """
    path = exercise_path(root, catalog, exercise_id)
    kept = None
    with _writing(path, f"reset: could not put back the stub of {exercise_id}"):
        if path.exists() or path.is_symlink():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            kept = root / ".history" / f"{exercise_id}-{stamp}.py"
            kept.parent.mkdir(exist_ok=True)
            os.replace(path, kept)
        _write_new(path, catalog.stub(exercise_id))
    return kept
