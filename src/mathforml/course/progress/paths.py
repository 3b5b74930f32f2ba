"""Where the learner's progress file lives.

One directory holds it: the ``--data-dir`` flag if the command line gave one, else the
directory named by the environment variable ``MATHFORML_HOME``, else the platform's
per-user data directory (``~/.local/share/mathforml`` on Linux,
``~/Library/Application Support/mathforml`` on macOS, ``%LOCALAPPDATA%\\mathforml`` on
Windows). The file in it is ``progress.sqlite3``.

>>> from pathlib import Path
>>> resolve_data_dir(Path("/tmp/course")).as_posix()
'/tmp/course'
>>> progress_file(Path("/tmp/course")).name
'progress.sqlite3'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "FILE_NAME", "resolve_data_dir", "progress_file"]

ENV_VAR = "MATHFORML_HOME"
FILE_NAME = "progress.sqlite3"


def resolve_data_dir(flag: Path | str | None = None) -> Path:
    """The directory that holds the progress file, as an absolute path.

    Parameters
    ----------
    flag : Path or str or None
        The command line's ``--data-dir``; it wins over everything else.

    Returns
    -------
    Path
        ``flag``, else ``$MATHFORML_HOME`` (ignored when empty), else
        ``platformdirs.user_data_dir("mathforml")``; ``~`` is expanded. The directory
        is not created here: :meth:`ProgressStore.open` creates it.
    """
    if flag is not None and str(flag) != "":
        chosen = Path(flag)
    elif os.environ.get(ENV_VAR):
        chosen = Path(os.environ[ENV_VAR])
    else:
        # Imported here: only a learner without a flag or MATHFORML_HOME pays for it.
        import platformdirs

        chosen = Path(platformdirs.user_data_dir("mathforml", appauthor=False))
    return chosen.expanduser().absolute()


def progress_file(data_dir: Path | str) -> Path:
    """The progress file inside ``data_dir``: ``data_dir / "progress.sqlite3"``."""
    return Path(data_dir) / FILE_NAME
