"""What the command line says when things go wrong, and what its JSON holds.

These run ``mathforml.cli.main`` in this process (the same code the console script runs,
without an interpreter start per call); test_commands.py runs the installed script.
"""

import json
from importlib import resources

import pytest

from mathforml.cli import main
from mathforml.cli.base import EXIT, guarded
from mathforml.course.catalog import load_catalog
from mathforml.course.progress import ProgressStore

CATALOG = load_catalog()
SOLUTION = resources.files("mathforml.content").joinpath(
    "exercises/dot_product/solution.py").read_text()


class Outcome:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err
        # Rich wraps long lines: compare words, not line breaks.
        self.text = " ".join(out.split())
        self.error = " ".join(err.split())
        self.compact = "".join(out.split())  # a long path may be folded anywhere


@pytest.fixture
def cli(learner, monkeypatch, capsys):
    """``cli("check", "x")`` runs the command line as the learner, in this process."""
    monkeypatch.setenv("MATHFORML_HOME", str(learner.home))
    monkeypatch.delenv("MATHFORML_WORKSPACE", raising=False)
    monkeypatch.chdir(learner.cwd)

    def call(*args: str) -> Outcome:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Outcome(code, out, err)

    return call


# ---------------------------------------------------------------- text is printed as typed


@pytest.mark.parametrize("args", [("lesson", "[/]"), ("check", "[red]dot"),
                                  ("hint", "[bold]x[/bold]"), ("concept", "[/x]")])
def test_markup_in_an_unknown_id_is_printed_as_typed(cli, args):
    done = cli(*args)
    assert done.code == EXIT["usage"]
    assert f"called '{args[1]}'" in done.error, done.err
    assert "Traceback" not in done.err


def test_markup_in_a_workspace_path_is_printed_as_typed(cli, learner):
    folder = learner.cwd / "a[b]c[/]"
    init = cli("init", str(folder))
    assert init.code == 0 and f"Workspace:{folder}" in init.compact
    (folder / "exercises" / "dot_product.py").write_text("def dot(u, v)\n    return 1\n")
    check = cli("check", "dot_product")
    assert check.code == EXIT["failed"]
    assert f"{folder}/exercises/dot_product.py:1" in check.compact
    reset = cli("reset", "dot_product", "--yes")
    assert reset.code == 0 and f"{folder}/.history/dot_product-" in reset.compact


def test_what_the_learners_code_prints_is_shown_as_printed(cli, learner):
    cli("init")
    learner.write("dot_product", 'def dot(u, v):\n    print("[bold red]PASS[/] [link=x]")\n'
                  "    return 0\n")
    done = cli("check", "dot_product")
    assert done.code == EXIT["failed"]
    assert "[bold red]PASS[/] [link=x]" in done.out


# ---------------------------------------------------------------- the workspace


def test_a_deleted_exercise_file_is_not_an_attempt_and_says_how_to_get_it_back(cli, learner):
    cli("init")
    (learner.workspace / "exercises" / "dot_product.py").unlink()
    done = cli("check", "dot_product", "--json")
    data = json.loads(done.out)
    assert done.code == EXIT["failed"] and data["status"] == "missing_file"
    assert data["recorded"] is False
    text = cli("check", "dot_product")
    assert "mathforml reset dot_product puts the starting file back" in text.text
    assert "mathforml hint" not in text.text
    assert json.loads(cli("progress", "--json").out)["exercises"]["dot_product"][
        "attempts"] == 0


def test_an_exercise_path_that_is_a_folder_is_explained(cli, learner):
    cli("init")
    path = learner.workspace / "exercises" / "dot_product.py"
    path.unlink()
    path.mkdir()
    done = cli("check", "dot_product")
    assert done.code == EXIT["workspace"]
    assert "dot_product.py is not a file" in done.error
    assert "mathforml reset dot_product" in done.error


def test_a_moved_workspace_and_a_wrong_variable_are_named(cli, learner, monkeypatch):
    cli("init")
    learner.workspace.rename(learner.cwd / "moved")
    done = cli("check")
    assert done.code == EXIT["workspace"]
    assert "is not there any more (moved or deleted?)" in done.error
    monkeypatch.setenv("MATHFORML_WORKSPACE", str(learner.cwd / "nowhere"))
    done = cli("check")
    assert done.code == EXIT["workspace"]
    assert "$MATHFORML_WORKSPACE points to" in done.error and "--workspace" not in done.error
    assert cli("--workspace", str(learner.cwd / "moved"), "check").code == EXIT["failed"]


def test_init_where_no_folder_can_be_made_is_a_message(cli, learner):
    (learner.cwd / "notes").write_text("a file, not a folder")
    done = cli("init", str(learner.cwd / "notes" / "ws"))
    assert done.code == EXIT["workspace"]
    assert "could not create the workspace" in done.error and "Traceback" not in done.err


def test_reset_answered_with_end_of_input_changes_nothing(cli, learner, monkeypatch):
    import io

    cli("init")
    path = learner.write("dot_product", SOLUTION)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    done = cli("reset", "dot_product")
    assert done.code == 0 and "Nothing changed" in done.text
    assert path.read_text() == SOLUTION
    path.unlink()
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    done = cli("reset", "dot_product")  # a missing file: nothing to keep, say so
    assert done.code == 0 and "Create" in done.out and "kept" not in done.text
    assert path.read_text() == CATALOG.stub("dot_product")


# ---------------------------------------------------------------- JSON for machines


def test_progress_json_has_what_a_machine_needs(cli, learner):
    cli("init")
    learner.write("dot_product", SOLUTION)
    assert cli("check", "dot_product").code == 0
    data = json.loads(cli("progress", "--json").out)
    dot = data["exercises"]["dot_product"]
    assert dot["status"] == "passed" and dot["passed_at"] and dot["last_status"] == "passed"
    assert data["lessons_total"] == len(CATALOG.lessons)
    assert data["next"] == {"kind": "lesson", "target": "vectors",
                            "command": "mathforml lesson vectors",
                            "reason": data["next"]["reason"]}
    assert data["concepts_reviewable"] >= 1 and data["last_active"]
    assert data["reviews_due"] == [] and data["reviews"] == []


def test_list_json_describes_concepts_and_algorithms(cli):
    data = json.loads(cli("list", "--json").out)
    concepts = {c["id"]: c for c in data["concepts"]}
    assert set(concepts) == set(CATALOG.concepts)
    assert concepts["dot_product"]["lesson"] == "vectors"
    assert "svm" in concepts["dot_product"]["used_in"]
    assert {a["id"] for a in data["algorithms"]} == set(CATALOG.algorithms)
    exercise = next(e for e in data["exercises"] if e["id"] == "dot_product")
    assert exercise["concepts"] == ["dot_product"] and exercise["hints"] >= 3


def test_check_json_when_every_exercise_passes_is_still_json(cli, learner):
    cli("init")
    with ProgressStore.open(learner.home, fuzz=False) as store:
        for exercise_id in CATALOG.exercises:
            store.record_check(exercise_id, "passed", True)
    done = cli("check", "--json")
    assert done.code == 0
    assert json.loads(done.out) == {"exercise": None, "passed": True, "all_passed": True}


# ---------------------------------------------------------------- concepts


def test_concept_without_an_id_lists_every_concept_and_algorithm(cli):
    done = cli("concept")
    assert done.code == 0
    for cid in ("dot_product", "eigenvalues", "pca", "transformers"):
        assert cid in done.out


def test_an_unknown_concept_points_to_the_concept_listing(cli):
    done = cli("concept", "qqqqqq")
    assert done.code == EXIT["usage"]
    assert "`mathforml concept` shows all" in done.error


# ---------------------------------------------------------------- the last line of defence


def test_a_bug_is_reported_with_its_traceback_and_exit_70(capsys):
    def broken() -> int:
        return {}["missing"]

    assert guarded(broken) == EXIT["bug"] == 70
    err = capsys.readouterr().err
    assert "mathforml hit a bug (not a mistake of yours): KeyError: 'missing'" in err
    assert "Traceback (most recent call last)" in err and "in broken" in err


def test_ctrl_c_inside_a_command_exits_130(capsys):
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert guarded(interrupted) == EXIT["interrupted"] == 130
    assert "interrupted" in capsys.readouterr().err


def test_init_inside_the_workspace_updates_it_instead_of_nesting_one(cli, learner, monkeypatch):
    cli("init")
    (learner.workspace / "exercises" / "vector_norm.py").unlink()
    monkeypatch.chdir(learner.workspace / "exercises")
    done = cli("init")
    assert done.code == 0 and "created exercises/vector_norm.py" in done.text
    assert not (learner.workspace / "exercises" / "mathforml-workspace").exists()
    nested = cli("init", "nested")
    assert nested.code == EXIT["workspace"] and "inside the workspace" in nested.error


def test_the_caret_points_at_the_column_even_when_the_line_comes_without_its_indent(tmp_path):
    from mathforml.cli.render import source_excerpt

    path = tmp_path / "dot_product.py"
    path.write_text("def dot(u, v):\n        total += u[i] * v[i + 1]\n")
    # The grader's traceback frames give the stripped line and a column in the full line.
    shown = source_excerpt(path, 2, "total += u[i] * v[i + 1]", 25).plain.splitlines()
    assert shown[0] == "    total += u[i] * v[i + 1]"
    assert shown[1].index("^") == shown[0].index("v[")
    # A file changed since: the line as given, the caret where the column says.
    path.write_text("")
    shown = source_excerpt(path, 2, "x = 1 +", 8).plain.splitlines()
    assert shown[1].index("^") == len("    x = 1 +")
