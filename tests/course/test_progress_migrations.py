"""The schema's migrations: applied in order, one transaction each, never on a newer file."""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from mathforml.course.progress import (
    LATEST_VERSION,
    Migration,
    ProgressStore,
    migrate,
    progress_file,
    schema_version,
)
from mathforml.course.progress.migrations import MIGRATIONS
from mathforml.errors import ProgressStoreError

AT = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def _add_duration(conn):
    # A test-only migration 2: a new column with a default, and a data migration.
    conn.execute("ALTER TABLE practice_answers ADD COLUMN seconds REAL")
    conn.execute("UPDATE practice_answers SET seconds = 0")


MIGRATION_2 = Migration(2, "practice answers get a duration", _add_duration)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _store_with_data(data_dir):
    with ProgressStore.open(data_dir, fuzz=False) as store:
        store.record_check("dot_product", "passed", True, {"n": 1}, AT, concepts=["dot"])
        store.record_practice("norm", 42, "5", True, AT)
        store.mark_lesson_read("vectors", AT)
    return progress_file(data_dir)


def test_a_new_file_gets_every_migration(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        conn = sqlite3.connect(store.path)
        assert schema_version(conn) == LATEST_VERSION == len(MIGRATIONS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        conn.close()
    assert {"exercise_events", "lesson_reads", "practice_answers", "cards", "reviews"} <= tables


def test_migration_2_on_a_copy_keeps_every_row(tmp_path):
    original = _store_with_data(tmp_path / "original")
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(original, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    assert migrate(conn, MIGRATIONS + (MIGRATION_2,)) == [2]
    assert schema_version(conn) == 2
    assert conn.execute("SELECT seed, answer, seconds FROM practice_answers").fetchall() == [
        (42, "5", 0.0)]
    assert conn.execute("SELECT count(*) FROM exercise_events").fetchone() == (1,)
    # Running it again does nothing.
    assert migrate(conn, MIGRATIONS + (MIGRATION_2,)) == []
    conn.close()


def test_a_failing_step_is_rolled_back_whole(tmp_path):
    path = _store_with_data(tmp_path)

    def half_then_fail(conn):
        conn.execute("ALTER TABLE lesson_reads ADD COLUMN minutes REAL")
        conn.execute("DELETE FROM lesson_reads")
        raise RuntimeError("migration bug")

    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError, match="migration bug"):
        migrate(conn, MIGRATIONS + (Migration(2, "broken", half_then_fail),))
    assert schema_version(conn) == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(lesson_reads)")]
    assert columns == ["id", "lesson_id", "at"]
    assert conn.execute("SELECT lesson_id FROM lesson_reads").fetchall() == [("vectors",)]
    conn.close()
    with ProgressStore.open(tmp_path) as store:
        assert store.lessons_read() == {"vectors"}


def test_migrations_must_be_numbered_in_order():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(ValueError, match=r"1\.\.2 in order"):
        migrate(conn, (MIGRATION_2, MIGRATIONS[0]))


def test_a_file_from_a_newer_mathforml_is_refused_and_left_untouched(tmp_path):
    path = _store_with_data(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS + (MIGRATION_2,))
    conn.close()
    before = _digest(path)
    with pytest.raises(ProgressStoreError, match=r"newer version of mathforml \(schema "
                                                 r"version 2; this one knows up to 1\)") as info:
        ProgressStore.open(tmp_path)
    assert info.value.kind == "newer"
    assert "upgrade mathforml" in str(info.value)
    assert str(path) in str(info.value)
    assert _digest(path) == before
    # Not damaged, so no backup copy was made.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


CREATE = r"""
import sys
from mathforml.course.progress import ProgressStore
with ProgressStore.open(sys.argv[1]) as store:
    store.mark_lesson_read(sys.argv[2])
"""


def test_two_processes_creating_the_same_file_migrate_it_once(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", CREATE, str(tmp_path), f"lesson{k}"],
                              stderr=subprocess.PIPE, text=True) for k in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with ProgressStore.open(tmp_path) as store:
        assert store.lessons_read() == {"lesson0", "lesson1", "lesson2"}
    conn = sqlite3.connect(progress_file(tmp_path))
    assert schema_version(conn) == 1
    conn.close()
