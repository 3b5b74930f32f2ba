"""The learner's progress: one SQLite file that survives crashes, damage and the learner's code.

The command line uses it like this::

    data_dir = resolve_data_dir(flag)              # --data-dir, $MATHFORML_HOME, platformdirs
    with ProgressStore.open(data_dir) as store:    # ProgressStoreError: clear message, file kept
        snap = store.snapshot()                    # before running the learner's code
        ...grade...
        if (message := store.ensure_intact(snap)): # their code deleted or broke the file
            print(message)
        outcome = store.record_check("dot_product", "passed", True, {}, concepts=["dot_product"])
        store.due_reviews(), store.stats()

- ``paths``: where the file lives; ``migrations``: the schema and its versions;
  ``damage``: checks on open, backups of damaged files, reading what survives;
  ``records``: what the store returns; ``store``: :class:`ProgressStore`;
  ``recovery``: :func:`recover`, starting afresh from a damaged file.
- Reviews are scheduled with FSRS by :mod:`mathforml.course.review`, which also holds the
  rules that turn checks and practice answers into ratings.
"""

from .damage import BUSY_TIMEOUT, RECOVER_COMMAND
from .migrations import LATEST_VERSION, Migration, migrate, schema_version
from .paths import ENV_VAR, FILE_NAME, progress_file, resolve_data_dir
from .records import (
    CheckOutcome,
    CheckRecord,
    ConceptReview,
    DueReview,
    ExerciseProgress,
    PracticeOutcome,
    PracticeStats,
    Recovered,
    ReviewOutcome,
    Snapshot,
    Summary,
)
from .recovery import recover
from .store import ProgressStore

__all__ = [
    "ProgressStore",
    "resolve_data_dir",
    "progress_file",
    "recover",
    "ExerciseProgress",
    "CheckRecord",
    "CheckOutcome",
    "PracticeStats",
    "PracticeOutcome",
    "ReviewOutcome",
    "DueReview",
    "ConceptReview",
    "Summary",
    "Snapshot",
    "Recovered",
    "Migration",
    "migrate",
    "schema_version",
    "LATEST_VERSION",
    "ENV_VAR",
    "FILE_NAME",
    "RECOVER_COMMAND",
    "BUSY_TIMEOUT",
]
