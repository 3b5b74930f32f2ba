"""The workspace: init never overwrites, find follows the documented order, reset keeps."""

from pathlib import Path

import pytest

from mathforml.course.catalog import load_catalog
from mathforml.course.workspace import (
    MARKER,
    default_init_folder,
    exercise_path,
    find_workspace,
    init_workspace,
    remember_workspace,
    remembered_workspace,
    reset_exercise_file,
    workspace_around,
)
from mathforml.errors import UnknownIdError, WorkspaceError

CATALOG = load_catalog()


def test_init_creates_every_stub_and_the_marker(tmp_path):
    result = init_workspace(tmp_path / "ws", CATALOG)
    assert MARKER in result.created and result.kept == ()
    for exercise_id in CATALOG.exercises:
        path = exercise_path(result.root, CATALOG, exercise_id)
        assert path.read_text() == CATALOG.stub(exercise_id)


def test_init_again_keeps_the_learners_work(tmp_path):
    root = init_workspace(tmp_path / "ws", CATALOG).root
    mine = exercise_path(root, CATALOG, "dot_product")
    mine.write_text("def dot(u, v):\n    return 42\n")
    missing = exercise_path(root, CATALOG, "vector_norm")
    missing.unlink()
    again = init_workspace(root, CATALOG)
    assert mine.read_text() == "def dot(u, v):\n    return 42\n"
    assert again.created == (CATALOG.exercise("vector_norm").filename,)
    assert CATALOG.exercise("dot_product").filename in again.kept


def test_init_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="not a mathforml workspace"):
        init_workspace(tmp_path, CATALOG)
    (tmp_path / "file").write_text("x")
    with pytest.raises(WorkspaceError, match="not a folder"):
        init_workspace(tmp_path / "file", CATALOG)


def test_find_prefers_explicit_then_env_then_around_then_remembered(tmp_path, monkeypatch):
    data = tmp_path / "data"
    a = init_workspace(tmp_path / "a", CATALOG).root
    b = init_workspace(tmp_path / "b", CATALOG).root
    monkeypatch.delenv("MATHFORML_WORKSPACE", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(WorkspaceError, match="mathforml init"):
        find_workspace(data, start=elsewhere)
    remember_workspace(data, a)
    assert find_workspace(data, start=elsewhere) == a
    assert find_workspace(data, start=b / "exercises") == b  # the folder around you wins
    monkeypatch.setenv("MATHFORML_WORKSPACE", str(b))
    assert find_workspace(data, start=elsewhere) == b
    assert find_workspace(data, start=elsewhere, explicit=a) == a
    with pytest.raises(WorkspaceError, match="--workspace points to"):
        find_workspace(data, explicit=elsewhere)


def test_reset_keeps_the_old_file_in_history(tmp_path):
    root = init_workspace(tmp_path / "ws", CATALOG).root
    path = exercise_path(root, CATALOG, "dot_product")
    path.write_text("my attempt\n")
    kept = reset_exercise_file(root, CATALOG, "dot_product")
    assert kept is not None and kept.read_text() == "my attempt\n"
    assert kept.parent == root / ".history"
    assert path.read_text() == CATALOG.stub("dot_product")
    with pytest.raises(UnknownIdError):
        reset_exercise_file(root, CATALOG, "dot")


def test_reset_of_a_deleted_file_just_restores_the_stub(tmp_path):
    root = init_workspace(tmp_path / "ws", CATALOG).root
    path = exercise_path(root, CATALOG, "dot_product")
    path.unlink()
    assert reset_exercise_file(root, CATALOG, "dot_product") is None
    assert Path(path).read_text() == CATALOG.stub("dot_product")


def test_a_moved_workspace_says_where_it_was_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("MATHFORML_WORKSPACE", raising=False)
    data = tmp_path / "data"
    root = init_workspace(tmp_path / "ws", CATALOG).root
    remember_workspace(data, root)
    assert remembered_workspace(data) == root
    root.rename(tmp_path / "moved")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(WorkspaceError, match=r"was at .*ws, and it is not there any more"):
        find_workspace(data, start=elsewhere)
    # Inside the moved folder it is found again.
    assert find_workspace(data, start=tmp_path / "moved" / "exercises") == tmp_path / "moved"


def test_the_environment_variable_is_named_when_it_points_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHFORML_WORKSPACE", str(tmp_path / "nowhere"))
    with pytest.raises(WorkspaceError, match=r"^\$MATHFORML_WORKSPACE points to .*nowhere"):
        find_workspace(tmp_path / "data", start=tmp_path)


def test_nothing_remembered_and_nothing_around(tmp_path, monkeypatch):
    monkeypatch.delenv("MATHFORML_WORKSPACE", raising=False)
    assert remembered_workspace(tmp_path / "data") is None
    with pytest.raises(WorkspaceError, match=r"no workspace here; `mathforml init \[DIR\]` makes"):
        find_workspace(tmp_path / "data", start=tmp_path)


def test_an_unwritable_place_is_a_workspace_error_not_a_traceback(tmp_path):
    # A path under a regular file cannot be created, even by root (CI runs as root).
    (tmp_path / "file").write_text("x")
    with pytest.raises(WorkspaceError, match=r"init: could not create the workspace: .*file"):
        init_workspace(tmp_path / "file" / "ws", CATALOG)
    with pytest.raises(WorkspaceError, match="could not remember the workspace"):
        remember_workspace(tmp_path / "file" / "data", tmp_path)


def test_reset_moves_a_folder_in_the_way_to_history(tmp_path):
    root = init_workspace(tmp_path / "ws", CATALOG).root
    path = exercise_path(root, CATALOG, "dot_product")
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("mine")
    kept = reset_exercise_file(root, CATALOG, "dot_product")
    assert (kept / "inside.txt").read_text() == "mine"
    assert path.read_text() == CATALOG.stub("dot_product")


def test_no_workspace_inside_a_workspace(tmp_path):
    root = init_workspace(tmp_path / "ws", CATALOG).root
    with pytest.raises(WorkspaceError, match=r"inside the workspace .*ws; `mathforml init "):
        init_workspace(root / "exercises" / "mathforml-workspace", CATALOG)
    # Without a folder, init inside a workspace means that workspace.
    assert default_init_folder(root / "exercises") == root
    assert default_init_folder(tmp_path) == tmp_path / "mathforml-workspace"
    assert workspace_around(tmp_path) is None and workspace_around(root / "exercises") == root
