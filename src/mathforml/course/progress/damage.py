"""Opening the progress file safely, and what to do when it is damaged.

The rule: the learner's progress is never silently reset. A file that cannot be read is
copied next to itself (``progress.sqlite3.damaged-20260101T120000Z``) before anything
else happens, and the error says what is wrong, where, and what to do. Starting afresh
is an explicit step, :func:`mathforml.course.progress.recover`, which moves the damaged
file aside and copies every row that can still be read into a new file
(:func:`salvage` does the reading).

Every error raised here is a :class:`~mathforml.errors.ProgressStoreError` with three
extra attributes for the command line: ``kind`` (``"damaged"``, ``"directory"``,
``"newer"``, ``"permission"``, ``"locked"``, ``"io"``, ``"replaced"`` or ``"closed"``),
``path`` (the progress file) and ``backup`` (the copy kept, or None).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from mathforml.errors import ProgressStoreError

from .migrations import APPLICATION_ID, LATEST_VERSION, TABLES, schema_version

__all__ = [
    "RECOVER_COMMAND",
    "BUSY_TIMEOUT",
    "store_error",
    "error_from_sqlite",
    "keep_copy",
    "move_aside",
    "open_checked",
    "file_moved",
    "file_damaged",
    "salvage",
]

# What the messages tell the learner to run to start afresh (the CLI provides it).
RECOVER_COMMAND = "mathforml progress --recover"
# Seconds a command waits for another process that is writing (watch and check share
# the file); writes take milliseconds, so reaching this means something is stuck.
BUSY_TIMEOUT = 5.0


def store_error(kind: str, path: Path, message: str,
                backup: Path | None = None) -> ProgressStoreError:
    """A ProgressStoreError carrying ``kind``, ``path`` and ``backup`` for the CLI."""
    error = ProgressStoreError(message)
    error.kind = kind
    error.path = Path(os.path.abspath(path))
    error.backup = backup
    return error


def _copy_file(source: Path, target: Path) -> None:
    import shutil  # only on the damage path: keeps the dashboard's start-up short

    shutil.copyfile(source, target)


def _where(path: Path) -> str:
    return os.path.abspath(path)


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _existing_copies(path: Path) -> list[Path]:
    prefix = f"{path.name}.damaged-"
    return sorted(p for p in path.parent.glob(f"{path.name}.damaged-*")
                  if p.name.startswith(prefix) and not p.name.endswith("-journal")
                  and p.is_file())


def _same_copy(path: Path) -> Path | None:
    """An earlier backup identical to ``path`` (so repeated failures make one copy)."""
    journal = Path(f"{path}-journal")
    if journal.exists():
        return None  # the journal is part of the state; keep a fresh pair
    for copy in _existing_copies(path):
        if copy.stat().st_size == path.stat().st_size and copy.read_bytes() == path.read_bytes():
            return copy
    return None


def _backup_name(path: Path) -> Path:
    base = path.with_name(f"{path.name}.damaged-{_stamp()}")
    candidate, n = base, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def keep_copy(path: Path) -> Path:
    """Copy a damaged file (and its rollback journal, if any) next to it; the copy's path.

    An identical earlier copy is reused, so opening a damaged file ten times leaves one.
    """
    same = _same_copy(path)
    if same is not None:
        return same
    backup = _backup_name(path)
    _copy_file(path, backup)
    journal = Path(f"{path}-journal")
    if journal.is_file():
        # Named so that SQLite finds it next to the copy and can finish the rollback.
        _copy_file(journal, Path(f"{backup}-journal"))
    return backup


def move_aside(path: Path) -> Path:
    """Rename ``path`` (file or directory, with its journal) to a backup name; the new path.

    If an identical copy was already kept, ``path`` is removed and that copy returned.
    """
    if path.is_file() and not path.is_symlink():
        same = _same_copy(path)
        if same is not None:
            path.unlink()
            return same
    backup = _backup_name(path)
    os.replace(path, backup)
    journal = Path(f"{path}-journal")
    if journal.exists():
        os.replace(journal, Path(f"{backup}-journal"))
    return backup


def _damaged(path: Path, reason: str, taken: Path | None = None) -> ProgressStoreError:
    """The error for a damaged file, after keeping a copy (``taken``: one made earlier)."""
    try:
        backup = _promote(path, taken) if taken is not None else keep_copy(path)
        kept = f"mathforml did not change it, and kept a copy at {_where(backup)}."
    except OSError as exc:
        backup = None
        kept = (f"mathforml did not change it, but could not copy it ({exc.strerror}); "
                f"copy it somewhere safe yourself.")
    return store_error(
        "damaged", path,
        f"Your progress file {_where(path)} is damaged ({reason}). {kept} To start a new "
        f"progress file that keeps every record that can still be read, run "
        f"`{RECOVER_COMMAND}` (the damaged file stays next to it).", backup)


def _copy_before_rollback(path: Path) -> Path | None:
    """Copy the file and its journal if there is a journal, else None.

    A journal is left by a writer killed mid-transaction (or belongs to another process
    writing right now). SQLite replays a leftover journal, or deletes it if its header
    is bad, as soon as the file is read; if the file then turns out damaged, this copy
    is the state as found. On a healthy open the copy is deleted.
    """
    journal = Path(f"{path}-journal")
    if not (path.is_file() and journal.is_file()):
        return None
    try:
        with open(journal, "rb") as f:
            if not any(f.read(8)):
                # A zeroed header: the writer died before changing the file, so SQLite
                # ignores this journal (the next write replaces it). Nothing to keep.
                return None
    except FileNotFoundError:
        return None
    taken = path.with_name(f"{path.name}.opening-{os.getpid()}")
    try:
        _copy_file(path, taken)
        _copy_file(journal, Path(f"{taken}-journal"))
    except FileNotFoundError:
        # The journal belonged to another process's write, which has just committed:
        # nothing was left half done, so there is nothing to keep.
        _discard(taken)
        return None
    return taken


def _remove_stale_copies(path: Path) -> None:
    """Delete copies :func:`_copy_before_rollback` left when its process was killed."""
    if os.name != "posix":  # os.kill(pid, 0) only probes on POSIX (on Windows it signals)
        return
    for copy in path.parent.glob(f"{path.name}.opening-*"):
        pid = copy.name.removeprefix(f"{path.name}.opening-").removesuffix("-journal")
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            copy.unlink(missing_ok=True)
        except OSError:
            pass  # alive, under another user


def _discard(taken: Path | None) -> None:
    if taken is not None:
        for leftover in (taken, Path(f"{taken}-journal")):
            if os.path.lexists(leftover):
                os.unlink(leftover)


def _promote(path: Path, taken: Path) -> Path:
    """Rename a copy made by :func:`_copy_before_rollback` to a backup name."""
    backup = _backup_name(path)
    os.replace(taken, backup)
    os.replace(Path(f"{taken}-journal"), Path(f"{backup}-journal"))
    return backup


def error_from_sqlite(path: Path, exc: sqlite3.Error, action: str,
                      taken: Path | None = None,
                      timeout: float = BUSY_TIMEOUT) -> ProgressStoreError:
    """Turn an SQLite error met while ``action`` (e.g. "recording a check") into a clear one.

    ``taken``: a copy of the file made before opening it, kept if the file is damaged.
    """
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return store_error(
            "locked", path,
            f"Could not finish {action}: another mathforml process has kept the progress "
            f"file {_where(path)} busy for more than {timeout:g} s. Close the other "
            f"command (a `watch` in another terminal?) and try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return store_error(
            "permission", path,
            f"Could not finish {action}: the progress file {_where(path)} or its directory "
            f"is read-only. Give yourself write permission (chmod u+w) or choose another "
            f"directory with --data-dir or $MATHFORML_HOME.")
    if "full" in lowered or "i/o" in lowered or "unable to open" in lowered:
        return store_error(
            "io", path,
            f"Could not finish {action}: writing the progress file {_where(path)} failed "
            f"({text}). Check that the disk has free space and the directory is writable; "
            f"nothing recorded before was lost.")
    if ("malformed" in lowered or "not a database" in lowered or "no such" in lowered
            or "corrupt" in lowered):
        return _damaged(path, text, taken)
    return store_error("io", path, f"Could not finish {action} in the progress file "
                                   f"{_where(path)}: {text}.")


def _check_access(path: Path) -> None:
    if os.path.lexists(path) and path.is_dir():
        raise store_error(
            "directory", path,
            f"The progress file {_where(path)} is a directory, not a file. Move it away, or "
            f"run `{RECOVER_COMMAND}` to rename it and start a new progress file.")
    if os.path.lexists(path) and not path.exists():
        raise store_error(
            "damaged", path,
            f"The progress file {_where(path)} is a broken symbolic link. Point it at the "
            f"real file, or remove it to start a new progress file.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise store_error(
            "permission", path,
            f"No permission to read and write the progress file {_where(path)}. Give "
            f"yourself access (chmod u+rw '{_where(path)}') or choose another directory "
            f"with --data-dir or $MATHFORML_HOME.")
    # The rollback journal is created next to the file on every write.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise store_error(
            "permission", path,
            f"No permission to write in {_where(path.parent)}, the directory of the "
            f"progress file. Give yourself access or choose another directory with "
            f"--data-dir or $MATHFORML_HOME.")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
        return sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise error_from_sqlite(path, exc, "opening the progress file") from exc


def _header_problem(conn: sqlite3.Connection) -> str | None:
    """Why this readable SQLite file is not a sound progress file, or None."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        lines = [line for problem in problems[:3] for line in problem.splitlines()
                 if not line.startswith("***")]
        return "SQLite's check found: " + "; ".join(lines)
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master "
                                            "WHERE type = 'table'")}
    if app_id != APPLICATION_ID and (app_id != 0 or names):
        return "it is an SQLite database, but not a mathforml progress file"
    missing = sorted(set(TABLES) - names)
    if schema_version(conn) == LATEST_VERSION and missing:
        return f"its table{'s' * (len(missing) > 1)} {', '.join(missing)} went missing"
    return None


def open_checked(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Connect to the progress file after checking it is whole, ours and not too new.

    A missing or empty file is fine (the migrations will fill it). Anything else raises
    a ProgressStoreError; a damaged file is first copied to a backup.
    """
    _check_access(path)
    try:
        _remove_stale_copies(path)
        taken = _copy_before_rollback(path)
    except OSError as exc:
        raise store_error("io", path, f"Could not copy the progress file {_where(path)} "
                                      f"before opening it ({exc.strerror}).") from exc
    try:
        conn = _connect(path, timeout)
        try:
            # The first read also rolls back a transaction a killed process left half done.
            version = schema_version(conn)
            problem = _header_problem(conn)
        except sqlite3.Error as exc:
            conn.close()
            error = error_from_sqlite(path, exc, "opening the progress file", taken, timeout)
            taken = None if error.backup is not None else taken
            raise error from exc
        if problem is not None:
            conn.close()
            error = _damaged(path, problem, taken)
            taken = None if error.backup is not None else taken
            raise error
    finally:
        _discard(taken)
    if version > LATEST_VERSION:
        conn.close()
        raise store_error(
            "newer", path,
            f"The progress file {_where(path)} was written by a newer version of mathforml "
            f"(schema version {version}; this one knows up to {LATEST_VERSION}). It was left "
            f"untouched: upgrade mathforml (pip install --upgrade mathforml) to use it.")
    try:
        # Rollback journal, not WAL: when no write is in progress the progress is one
        # self-contained file (safe to copy, back up or restore), and it works on the
        # network file systems home directories often live on, where WAL's shared
        # memory does not. Writes are a few small rows, so WAL's concurrency is not
        # needed; busy_timeout lets `watch` and another command take turns.
        conn.execute("PRAGMA journal_mode = DELETE")
        # FULL: fsync at every commit, so a commit survives a power cut as well as a kill.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise error_from_sqlite(path, exc, "opening the progress file", None, timeout) from exc
    return conn


def file_moved(path: Path, identity: tuple[int, int]) -> str | None:
    """Whether the progress file is gone or another file since it had ``identity``
    (device, inode). The answer completes "The progress file ...", e.g. "was deleted"."""
    if not os.path.lexists(path):
        return "was deleted"
    if path.is_dir():
        return "was replaced by a directory"
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"could not be read any more ({exc.strerror})"
    if (st.st_dev, st.st_ino) != identity:
        return "was replaced by another file"
    return None


def file_damaged(path: Path, timeout: float = BUSY_TIMEOUT) -> str | None:
    """What is wrong inside the progress file, or None (as :func:`file_moved`).

    Runs ``PRAGMA quick_check`` through a fresh connection: a connection's page cache
    could hide bytes changed on disk behind SQLite's back.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        return f"could not be opened any more ({exc})"
    try:
        problem = _header_problem(conn)
        problem = None if problem is None else f"was damaged ({problem})"
        version = schema_version(conn)
        if problem is None and version != LATEST_VERSION:
            problem = (f"was emptied or rewritten (its schema version is {version}, "
                       f"not {LATEST_VERSION})")
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise error_from_sqlite(path, exc, "checking the progress file", None,
                                    timeout) from exc
        problem = f"was damaged ({exc})"
    finally:
        conn.close()
    return problem


def _read_rows(conn: sqlite3.Connection, table: str, order: str) -> list[dict]:
    """The rows of ``table`` read in ``order`` until the first unreadable page."""
    rows = []
    try:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id {order}")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            rows.append(dict(zip(names, row, strict=True)))
    except sqlite3.Error:
        pass
    return rows


def salvage(path: Path, tables: tuple[str, ...]) -> dict[str, list[dict]]:
    """Every row of ``tables`` that can still be read from a damaged file, by table.

    Each table is read forwards and backwards by id: a damaged page stops one reading,
    so together they recover the rows on both sides of it. The file is not modified (it
    is read from a temporary copy, so SQLite may roll back a leftover journal there).
    """
    rows: dict[str, list[dict]] = {table: [] for table in tables}
    if not path.is_file():
        return rows
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mathforml-salvage-") as tmp:
        copy = Path(tmp) / "salvage.sqlite3"
        try:
            _copy_file(path, copy)
            if Path(f"{path}-journal").is_file():
                _copy_file(Path(f"{path}-journal"), Path(f"{copy}-journal"))
            conn = sqlite3.connect(str(copy), isolation_level=None)
        except (OSError, sqlite3.Error):
            return rows
        try:
            try:
                version = schema_version(conn)
            except sqlite3.Error:
                return rows
            if not 1 <= version <= LATEST_VERSION:
                return rows
            for table in tables:
                found = {}
                for order in ("ASC", "DESC"):
                    for row in _read_rows(conn, table, order):
                        found.setdefault(row["id"], row)
                rows[table] = [found[key] for key in sorted(found)]
        finally:
            conn.close()
    return rows
