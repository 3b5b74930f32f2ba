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
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..errors import WorkspaceError
from .catalog import Catalog

__all__ = [
    "MARKER",
    "InitResult",
    "init_workspace",
    "find_workspace",
    "remember_workspace",
    "exercise_path",
    "reset_exercise_file",
]

MARKER = "mathforml.toml"
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
    """
    root = Path(root).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"init: {root} exists and is not a folder; choose another path")
    if root.is_dir() and any(root.iterdir()) and not (root / MARKER).exists():
        raise WorkspaceError(
            f"init: {root} is a folder with other files in it and is not a mathforml "
            "workspace; choose an empty or new folder"
        )
    marker = f'# A mathforml workspace: edit the files in exercises/.\nversion = "{__version__}"\n'
    created, kept = [], []
    if _write_new(root / MARKER, marker):
        created.append(MARKER)
    for exercise_id in catalog.exercise_order():
        relative = catalog.exercises[exercise_id].filename
        (created if _write_new(root / relative, catalog.stub(exercise_id)) else kept).append(
            relative
        )
    return InitResult(root, tuple(created), tuple(kept))


def remember_workspace(data_dir: Path, root: Path) -> None:
    """Record ``root`` as the learner's workspace, so commands find it from anywhere."""
    data_dir.mkdir(parents=True, exist_ok=True)
    temporary = data_dir / f".{_REMEMBERED}.tmp"
    temporary.write_text(str(root), encoding="utf-8")
    os.replace(temporary, data_dir / _REMEMBERED)  # atomic: never a half-written path


def find_workspace(data_dir: Path, start: Path | None = None, explicit: Path | None = None) -> Path:
    """The workspace to use: ``explicit``, else ``$MATHFORML_WORKSPACE``, else the nearest
    folder at or above ``start`` holding ``mathforml.toml``, else the one ``init`` made last.
    """
    candidates: list[tuple[str, Path]] = []
    if explicit is not None:
        candidates.append(("--workspace", Path(explicit)))
    elif os.environ.get("MATHFORML_WORKSPACE"):
        candidates.append(("$MATHFORML_WORKSPACE", Path(os.environ["MATHFORML_WORKSPACE"])))
    else:
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / MARKER).is_file():
                return folder
        remembered = data_dir / _REMEMBERED
        if remembered.is_file():
            candidates.append(("the workspace made by init", Path(remembered.read_text("utf-8"))))
    for source, path in candidates:
        path = path.expanduser()
        if (path / MARKER).is_file():
            return path.resolve()
        raise WorkspaceError(f"{source} points to {path}, which is not a mathforml workspace "
                             "(no mathforml.toml); run `mathforml init` to create one")
    raise WorkspaceError("no workspace here; run `mathforml init [DIR]` to create one, "
                         "then work inside it")


def exercise_path(root: Path, catalog: Catalog, exercise_id: str) -> Path:
    """Where the learner's file for ``exercise_id`` lives in the workspace."""
    return root / catalog.exercise(exercise_id).filename


def reset_exercise_file(root: Path, catalog: Catalog, exercise_id: str) -> Path | None:
    """Put the stub back; the learner's current file moves to ``.history`` first.

    Returns where the old file was kept (None if there was none).
    """
    path = exercise_path(root, catalog, exercise_id)
    kept = None
    if path.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        kept = root / ".history" / f"{exercise_id}-{stamp}.py"
        kept.parent.mkdir(exist_ok=True)
        os.replace(path, kept)
    _write_new(path, catalog.stub(exercise_id))
    return kept
