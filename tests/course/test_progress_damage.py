"""A damaged progress file: a clear error, the file kept, never silently reset; recover()."""

import hashlib
import json
import os
import shutil
import sqlite3
import warnings
from contextlib import closing
from datetime import datetime, timedelta, timezone

import pytest

from mathforml.course.progress import (
    RECOVER_COMMAND,
    ProgressStore,
    progress_file,
    recover,
)
from mathforml.errors import ProgressStoreError

AT = datetime(2026, 2, 1, 8, tzinfo=timezone.utc)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backups(data_dir):
    return sorted(p for p in data_dir.iterdir() if ".damaged-" in p.name)


def _store_with_rows(data_dir, n=300):
    """A progress file with ``n`` checks and ``n`` practice answers over many pages.

    The rows go in through SQL in one transaction: one API call per row would pay an
    fsync each (synchronous=FULL), seconds on a busy disk.
    """
    ProgressStore.open(data_dir).close()
    path = progress_file(data_dir)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany(
            "INSERT INTO exercise_events (exercise_id, kind, at, status, passed, details) "
            "VALUES (?, 'check', ?, 'failed', 0, ?)",
            [(f"ex{i % 7}", (AT + timedelta(seconds=i)).isoformat(timespec="microseconds"),
              json.dumps({"i": i, "pad": "x" * 200})) for i in range(n)])
        conn.executemany(
            "INSERT INTO practice_answers (topic_id, at, seed, answer, correct) "
            "VALUES ('dot', ?, ?, ?, ?)",
            [(AT.isoformat(timespec="microseconds"), i, f"answer {i}", i % 2)
             for i in range(n)])
    return path


def _assert_damaged_and_kept(data_dir, original_bytes, reason):
    path = progress_file(data_dir)
    with pytest.raises(ProgressStoreError) as info:
        ProgressStore.open(data_dir)
    error = info.value
    message = str(error)
    assert error.kind == "damaged"
    assert reason in message
    assert str(path) in message, "the message names the file"
    assert RECOVER_COMMAND in message, "the message says what to do"
    # Never reset: the file is as it was, and a byte-identical copy sits next to it.
    assert path.read_bytes() == original_bytes
    [backup] = _backups(data_dir)
    assert error.backup == backup
    assert str(backup) in message
    assert backup.read_bytes() == original_bytes
    return error


def test_garbage_bytes(tmp_path):
    data = os.urandom(10_000)
    progress_file(tmp_path).write_bytes(data)
    _assert_damaged_and_kept(tmp_path, data, "file is not a database")


def test_a_text_file(tmp_path):
    data = b"my notes about eigenvalues\n"
    progress_file(tmp_path).write_bytes(data)
    _assert_damaged_and_kept(tmp_path, data, "file is not a database")


def test_a_truncated_file(tmp_path):
    path = _store_with_rows(tmp_path)
    data = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(data)
    _assert_damaged_and_kept(tmp_path, data, "malformed")


def test_bytes_overwritten_in_the_middle(tmp_path):
    path = _store_with_rows(tmp_path)
    data = bytearray(path.read_bytes())
    data[8 * 4096: 8 * 4096 + 300] = os.urandom(300)
    path.write_bytes(bytes(data))
    _assert_damaged_and_kept(tmp_path, bytes(data), "damaged (SQLite's check found: Page")


def test_another_programs_sqlite_file(tmp_path):
    conn = sqlite3.connect(progress_file(tmp_path))
    conn.execute("CREATE TABLE photos (name TEXT)")
    conn.commit()
    conn.close()
    data = progress_file(tmp_path).read_bytes()
    _assert_damaged_and_kept(tmp_path, data, "not a mathforml progress file")


def test_opening_a_damaged_file_again_keeps_one_copy(tmp_path):
    data = os.urandom(5000)
    progress_file(tmp_path).write_bytes(data)
    for _ in range(3):
        with pytest.raises(ProgressStoreError, match="damaged"):
            ProgressStore.open(tmp_path)
    assert len(_backups(tmp_path)) == 1


def test_a_directory_in_place_of_the_file(tmp_path):
    path = progress_file(tmp_path)
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(ProgressStoreError, match="is a directory, not a file") as info:
        ProgressStore.open(tmp_path)
    assert info.value.kind == "directory"
    assert RECOVER_COMMAND in str(info.value)
    assert (path / "keep.txt").read_text() == "mine"


def test_the_data_dir_is_a_file(tmp_path):
    (tmp_path / "home").write_text("not a directory")
    with pytest.raises(ProgressStoreError, match="home"):
        ProgressStore.open(tmp_path / "home")
    assert (tmp_path / "home").read_text() == "not a directory"


def _open_in_child_without_permission(data_dir):
    """Open the store in a forked child that cannot read the file: as root (CI), the child
    drops to the unprivileged user ``nobody``, since root ignores file permissions."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() when other tests left threads running; the
        # child only opens a file and exits, so the warning does not apply. (Not a new
        # interpreter: user nobody cannot run a Python installed under /root.)
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into pytest
        message = "child crashed"
        try:
            os.close(read_end)
            os.chdir(data_dir)  # relative paths: nobody may not traverse pytest's tmp dirs
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            try:
                ProgressStore.open(".").close()
                message = "opened"
            except ProgressStoreError as exc:
                message = f"{exc.kind}|{exc}"
        finally:
            os.write(write_end, message.encode())
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def test_no_permission_to_read_the_file(tmp_path):
    data_dir = tmp_path / "home"
    path = _store_with_rows(data_dir, n=3)
    before = _digest(path)
    data_dir.chmod(0o777)
    path.chmod(0o000)
    try:
        result = _open_in_child_without_permission(data_dir)
    finally:
        path.chmod(0o644)
    kind, _, message = result.partition("|")
    assert kind == "permission", result
    assert "No permission to read and write the progress file" in message
    assert "progress.sqlite3" in message and "chmod u+rw" in message
    assert _digest(path) == before
    assert _backups(data_dir) == []


def test_recover_salvages_readable_rows_and_keeps_the_damaged_file(tmp_path):
    path = _store_with_rows(tmp_path, n=400)
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    middle = pages // 2
    data[middle * 4096: (middle + 1) * 4096] = os.urandom(4096)  # one page of one table
    path.write_bytes(bytes(data))
    with pytest.raises(ProgressStoreError):
        ProgressStore.open(tmp_path)

    result = recover(tmp_path, fuzz=False)
    assert result.backup is not None and result.backup.read_bytes() == bytes(data)
    assert str(result.backup) in result.message
    saved = result.salvaged["exercise_events"] + result.salvaged["practice_answers"]
    assert 0 < saved < 800, result.salvaged  # most rows back, the broken page's lost
    assert saved > 600, result.salvaged
    assert _backups(tmp_path) == [result.backup]
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        checks = sum(p.attempts for p in store.all_exercises().values())
        assert checks == result.salvaged["exercise_events"]
        assert store.practice_stats("dot").attempts == result.salvaged["practice_answers"]
        # The new file takes new records after the salvaged ones.
        outcome = store.record_check("ex0", "passed", True, {}, AT + timedelta(days=1))
        assert outcome.progress.status == "passed"


def test_recover_a_file_that_is_not_a_database(tmp_path):
    progress_file(tmp_path).write_bytes(b"\x00garbage" * 100)
    result = recover(tmp_path)
    assert result.backup.read_bytes() == b"\x00garbage" * 100
    assert sum(result.salvaged.values()) == 0
    with ProgressStore.open(tmp_path) as store:
        assert store.all_exercises() == {}


def test_recover_moves_a_directory_aside(tmp_path):
    progress_file(tmp_path).mkdir()
    result = recover(tmp_path)
    assert result.backup.is_dir()
    assert progress_file(tmp_path).is_file()


def test_recover_leaves_a_healthy_file_alone(tmp_path):
    path = _store_with_rows(tmp_path, n=2)
    before = _digest(path)
    result = recover(tmp_path)
    assert result.backup is None and result.salvaged == {}
    assert "healthy" in result.message
    assert _digest(path) == before and _backups(tmp_path) == []


def test_recover_refuses_a_file_that_is_only_newer(tmp_path):
    path = _store_with_rows(tmp_path, n=2)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = _digest(path)
    with pytest.raises(ProgressStoreError, match="newer") as info:
        recover(tmp_path)
    assert info.value.kind == "newer"
    assert _digest(path) == before and _backups(tmp_path) == []


def test_a_leftover_journal_is_kept_with_the_backup_as_found(tmp_path):
    # SQLite replays or deletes a leftover journal on the first read, so the copy is
    # taken before: the backup pair is the state as found.
    data = os.urandom(3000)
    progress_file(tmp_path).write_bytes(data)
    journal = tmp_path / "progress.sqlite3-journal"
    journal.write_bytes(b"journal bytes")
    with pytest.raises(ProgressStoreError) as info:
        ProgressStore.open(tmp_path)
    backup = info.value.backup
    assert backup.read_bytes() == data
    assert (tmp_path / f"{backup.name}-journal").read_bytes() == b"journal bytes"
    assert not [p for p in tmp_path.iterdir() if ".opening-" in p.name]


def test_a_healthy_file_with_a_leftover_journal_opens_without_backups(tmp_path):
    # What a writer killed mid-transaction leaves, frozen by copying the file and its
    # journal in the middle of a write: SQLite rolls it back, and no backup is kept.
    path = _store_with_rows(tmp_path / "live", n=3)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA cache_size = 2")  # spill the half-done pages into the file
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM practice_answers")
    conn.executemany("INSERT INTO lesson_reads (lesson_id, at) VALUES (?, ?)",
                     [("x" * 500, "2026") for _ in range(300)])
    frozen, without_journal = tmp_path / "frozen", tmp_path / "without_journal"
    for directory in (frozen, without_journal):
        directory.mkdir()
        shutil.copyfile(path, directory / path.name)
    shutil.copyfile(f"{path}-journal", frozen / f"{path.name}-journal")
    conn.execute("ROLLBACK")
    conn.close()
    # The file alone holds the unfinished deletion: the journal is what undoes it.
    alone = sqlite3.connect(without_journal / path.name)
    assert alone.execute("SELECT count(*) FROM practice_answers").fetchone() == (0,)
    alone.close()
    with ProgressStore.open(frozen) as store:
        assert store.practice_stats("dot").attempts == 3
        assert store.lessons_read() == set()
    assert sorted(p.name for p in frozen.iterdir()) == ["progress.sqlite3"]


def test_a_lost_table_is_damage_and_recover_rebuilds_cards_from_reviews(tmp_path):
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        store.record_practice("dot", 1, "11", True, AT, concepts=["dot", "vectors"])
        store.review("dot", "good", AT + timedelta(days=2))
        due = store.due_reviews(AT + timedelta(days=30))
    with closing(sqlite3.connect(progress_file(tmp_path))) as conn:
        conn.execute("DROP TABLE cards")
    with pytest.raises(ProgressStoreError, match="its table cards went missing") as info:
        ProgressStore.open(tmp_path)
    assert info.value.kind == "damaged"
    result = recover(tmp_path, fuzz=False)
    assert result.salvaged["reviews"] == 3 and result.salvaged["cards"] == 2
    with ProgressStore.open(tmp_path, fuzz=False) as store:
        assert store.due_reviews(AT + timedelta(days=30)) == due
        assert store.concept_review("dot").reviews == 2
