"""Crash safety: a writer SIGKILLed at random moments loses nothing it reported committed.

The writer is a real subprocess that records checks, hints, practice answers and lesson
reads (with reviews) as fast as it can and prints each one after its commit returned.
The test kills it at random moments, including during start-up, the first migration and
mid-transaction, then checks the file with ``PRAGMA integrity_check`` and looks for every
record the writer announced.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone

from mathforml.course.progress import ProgressStore, progress_file

WRITER = r"""
import sys
from mathforml.course.progress import ProgressStore

store = ProgressStore.open(sys.argv[1], fuzz=False)
tag = sys.argv[2]
print("open", flush=True)
i = 0
while True:
    i += 1
    kind = i % 4
    if kind == 0:
        passed = i % 8 == 0
        store.record_check(f"ex{i % 5}", "passed" if passed else "failed", passed,
                           {"tag": tag, "i": i}, concepts=[f"c{i % 3}", f"c{i % 7}"])
        print("check", f"ex{i % 5}", i, flush=True)
    elif kind == 1:
        correct = i % 3 != 0
        store.record_practice(f"topic{i % 2}", i, f"answer {i}", correct, concepts=[f"c{i % 3}"])
        print("practice", f"topic{i % 2}", i, flush=True)
    elif kind == 2:
        store.mark_lesson_read(f"{tag}-lesson{i}")
        print("lesson", f"{tag}-lesson{i}", flush=True)
    else:
        shown = store.take_hint(f"hint-{tag}")
        print("hint", f"hint-{tag}", shown, flush=True)
"""


def _run_and_kill(data_dir, tag, rng):
    """Start the writer and SIGKILL it: in a fifth of the runs at a random moment of its
    start-up (opening, creating, migrating), otherwise after a random number of records
    plus a random few milliseconds, so the kill lands anywhere in a write."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), tag],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        target = rng.randint(1, 25)
        while len(lines) < target + 1:  # + the "open" line
            line = proc.stdout.readline()
            if not line:
                break  # the writer died: communicate() below shows why
            lines.append(line)
        time.sleep(rng.uniform(0.0, 0.02))
    os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    lines += out.splitlines()
    return [line.split() for line in lines if line.strip() and line.split()[0] != "open"]


def _verify(data_dir, tag, reported):
    path = progress_file(data_dir)
    if path.exists():
        # A plain SQLite connection first: it rolls back what the kill left half done.
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    with ProgressStore.open(data_dir, fuzz=False) as store:
        histories = {}
        for record in reported:
            if record[0] == "check":
                exercise, i = record[1], int(record[2])
                if exercise not in histories:
                    histories[exercise] = {c.details["i"] for c in store.check_history(exercise)
                                           if c.details.get("tag") == tag}
                assert i in histories[exercise], f"check {i} of {exercise} was lost"
            elif record[0] == "practice":
                assert int(record[2]) in store.practice_seeds_seen(record[1])
            elif record[0] == "lesson":
                assert record[1] in store.lessons_read()
            elif record[0] == "hint":
                # Hints only go up: the file holds at least as many as were announced.
                assert store.hints_shown(record[1]) >= int(record[2])
        # Every card's latest review is the card itself: they were written together.
        for concept in {f"c{k}" for k in range(7)}:
            card = store.concept_review(concept, datetime.now(timezone.utc))
            if card is not None:
                assert card.reviews >= 1


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    rng = random.Random(20260101)
    shared = tmp_path / "shared"
    rounds, total, journals_left = 24, 0, 0
    for r in range(rounds):
        # A quarter of the rounds start from no file, so kills land in creation and
        # migration too; the others keep adding to one file that grows.
        data_dir = tmp_path / f"fresh{r}" if r % 4 == 0 else shared
        tag = f"r{r}"
        reported = _run_and_kill(data_dir, tag, rng)
        if os.path.exists(f"{progress_file(data_dir)}-journal"):
            journals_left += 1  # killed inside a transaction
        total += len(reported)
        _verify(data_dir, tag, reported)
        # Nothing is left behind but the file, and perhaps a journal the writer began
        # but never used: empty, or with a zeroed header, either of which SQLite ignores
        # (a kill between creating the journal and writing its header leaves it empty).
        left = sorted(p.name for p in data_dir.iterdir())
        journal = ["progress.sqlite3", "progress.sqlite3-journal"]
        assert left in (["progress.sqlite3"], journal), left
        if len(left) == 2:
            assert (data_dir / left[1]).read_bytes()[:8] in (b"", bytes(8))
    # The test must really have exercised the writer, and killed it mid-transaction.
    assert total >= 100
    assert journals_left >= 1
