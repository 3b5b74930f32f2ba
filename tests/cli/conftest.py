"""Run the real, installed ``mathforml`` script in a subprocess, with its own data folder."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = shutil.which("mathforml", path=str(Path(sys.executable).parent))


class Learner:
    """A learner at a terminal: a data folder, a working folder, and the command."""

    def __init__(self, root: Path):
        self.home = root / "data"
        self.cwd = root / "work"
        self.cwd.mkdir()
        self.env = {**os.environ, "MATHFORML_HOME": str(self.home), "COLUMNS": "100",
                    "NO_COLOR": "1", "TERM": "dumb"}
        self.env.pop("MATHFORML_WORKSPACE", None)

    def run(self, *args: str, input: str | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([SCRIPT, *args], capture_output=True, text=True, input=input,
                              cwd=cwd or self.cwd, env=self.env, timeout=timeout)

    def json(self, *args: str) -> dict:
        done = self.run(*args)
        assert done.stderr == "", done.stderr
        return json.loads(done.stdout)

    @property
    def workspace(self) -> Path:
        return self.cwd / "mathforml-workspace"

    def write(self, exercise_id: str, source: str) -> Path:
        path = self.workspace / "exercises" / f"{exercise_id}.py"
        path.write_text(source)
        return path


@pytest.fixture
def learner(tmp_path) -> Learner:
    assert SCRIPT, "the mathforml console script is not installed beside this Python"
    return Learner(tmp_path)
