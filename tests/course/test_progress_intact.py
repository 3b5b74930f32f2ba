"""The learner's code attacks the progress file while being graded: snapshot + ensure_intact.

Each attack runs in a real subprocess, as the learner's code would, between
``store.snapshot()`` and ``store.ensure_intact(snapshot)``.
"""

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mathforml.course.progress import ProgressStore, progress_file
from mathforml.errors import ProgressStoreError

AT = datetime(2026, 4, 1, 18, tzinfo=timezone.utc)

ATTACKS = {
    "delete": ("import os, sys; os.remove(sys.argv[1])", "was deleted", False),
    "delete_data_dir": ("import os, shutil, sys; shutil.rmtree(os.path.dirname(sys.argv[1]))",
                        "was deleted", False),
    "overwrite_first_page": (
        "import os, sys\nwith open(sys.argv[1], 'r+b') as f: f.write(os.urandom(4096))",
        "was damaged (", True),
    "overwrite_a_middle_page": (
        "import os, sys\nwith open(sys.argv[1], 'r+b') as f:\n"
        "    f.seek(2 * 4096); f.write(os.urandom(4096))",
        "was damaged (", True),
    "truncate_to_zero": ("import sys; open(sys.argv[1], 'w').close()",
                         "was emptied or rewritten (its schema version is 0, not 1)", True),
    "truncate_to_half": ("import os, sys; os.truncate(sys.argv[1], os.path.getsize(sys.argv[1]) "
                         "// 2)", "was damaged (", True),
    "replace_with_a_directory": ("import os, sys; os.remove(sys.argv[1]); os.mkdir(sys.argv[1])",
                                 "was replaced by a directory", True),
    "replace_with_an_empty_progress_file": (
        "import os, sqlite3, sys\nc = sqlite3.connect(sys.argv[1] + '.new')\n"
        "c.execute('PRAGMA user_version = 1'); c.close()\n"
        "os.replace(sys.argv[1] + '.new', sys.argv[1])",
        "was replaced by another file", True),
    "delete_rows_with_sqlite": (
        "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
        "c.execute('DELETE FROM exercise_events'); c.commit()",
        "had recorded rows deleted or changed", True),
    "fake_a_pass_with_sqlite": (
        "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
        "c.execute('UPDATE exercise_events SET passed = 1, status = \"passed\"'); c.commit()",
        "had recorded rows deleted or changed", True),
}


def _fill(store):
    store.record_check("dot_product", "failed", False, {"n": 1}, AT, concepts=["dot"])
    store.record_check("norm", "passed", True, {}, AT, concepts=["norm"])
    store.take_hint("dot_product", AT)
    store.record_practice("angle", 7, "pi/4", True, AT, concepts=["angle"])
    store.mark_lesson_read("vectors", AT)


def _assert_everything_there(store):
    assert store.exercise_progress("dot_product").attempts == 1
    assert store.exercise_progress("dot_product").last_passed is False
    assert store.exercise_progress("norm").status == "passed"
    assert store.hints_shown("dot_product") == 1
    assert store.practice_seeds_seen("angle") == {7}
    assert store.lessons_read() == {"vectors"}
    assert store.concept_review("norm", AT).reviews == 1


def _run_learner_code(code, path):
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_is_undone_and_reported(tmp_path, attack):
    code, phrase, leaves_something = ATTACKS[attack]
    data_dir = tmp_path / "home"
    with ProgressStore.open(data_dir, fuzz=False) as store:
        _fill(store)
        snap = store.snapshot()
        _run_learner_code(code, store.path)
        message = store.ensure_intact(snap)
        assert message is not None
        assert phrase in message
        assert str(store.path) in message
        assert "nothing recorded was lost" in message
        backups = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
        if leaves_something:
            # What the learner's code left is kept, and the message says where.
            assert len(backups) == 1 and str(backups[0]) in message
        else:
            assert backups == []
        _assert_everything_there(store)
        # The store works on the restored file, and says nothing more next time.
        store.record_check("dot_product", "passed", True, {}, AT + timedelta(minutes=5))
        assert store.ensure_intact(store.snapshot()) is None
    conn = sqlite3.connect(progress_file(data_dir))
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with ProgressStore.open(data_dir) as store:
        assert store.exercise_progress("dot_product").status == "passed"


def test_nothing_happened(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        _fill(store)
        snap = store.snapshot()
        _run_learner_code("print('hello')", store.path)
        assert store.ensure_intact(snap) is None
        _assert_everything_there(store)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


OTHER_COMMAND = r"""
import sys
from datetime import datetime, timezone
from mathforml.course.progress import ProgressStore
with ProgressStore.open(sys.argv[2], fuzz=False) as store:
    store.record_check("matmul", "passed", True, {}, datetime(2026, 4, 2, tzinfo=timezone.utc))
"""


def test_records_added_meanwhile_by_another_command_are_not_an_attack(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        _fill(store)
        snap = store.snapshot()
        done = subprocess.run([sys.executable, "-c", OTHER_COMMAND, "x", str(tmp_path)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert store.ensure_intact(snap) is None
        assert store.exercise_progress("matmul").status == "passed"
        _assert_everything_there(store)


def test_a_write_never_goes_to_a_deleted_file(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        _fill(store)
        store.path.unlink()
        with pytest.raises(ProgressStoreError, match="was deleted or replaced while mathforml "
                                                     "was running") as info:
            store.mark_lesson_read("matrices", AT)
        assert info.value.kind == "replaced"


def test_restoring_into_an_unwritable_place_saves_a_rescue_copy(tmp_path):
    # The learner's code replaced the data directory with a file: nothing can be
    # restored there, so the snapshot goes to a rescue file the message names.
    data_dir = tmp_path / "home"
    with ProgressStore.open(data_dir, fuzz=False) as store:
        _fill(store)
        snap = store.snapshot()
        _run_learner_code("import shutil, sys, os; d = os.path.dirname(sys.argv[1]); "
                          "shutil.rmtree(d); open(d, 'w').write('x')", store.path)
        with pytest.raises(ProgressStoreError, match="A copy of your progress is saved at") as info:
            store.ensure_intact(snap)
    rescue = Path(str(info.value).split("saved at ")[1].split(";")[0])
    try:
        data_dir.unlink()
        data_dir.mkdir()
        progress_file(data_dir).write_bytes(rescue.read_bytes())
        with ProgressStore.open(data_dir, fuzz=False) as store:
            _assert_everything_there(store)
    finally:
        rescue.unlink()


def test_the_snapshot_is_a_full_copy(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        _fill(store)
        with store.snapshot() as snap:
            assert snap.path == store.path
            assert snap.copy.execute("SELECT count(*) FROM exercise_events").fetchone() == (3,)
            assert snap.copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        with pytest.raises(sqlite3.ProgrammingError):
            snap.copy.execute("SELECT 1")


def test_ensure_intact_closes_the_snapshot(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        snap = store.snapshot()
        assert store.ensure_intact(snap) is None
        with pytest.raises(sqlite3.ProgrammingError):
            snap.copy.execute("SELECT 1")
