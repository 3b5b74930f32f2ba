import shutil
import subprocess
import sys
from pathlib import Path

import mathforml
from mathforml.cli import main


def test_overview_lists_every_linalg_function(capsys):
    import mathforml.linalg as la

    assert main([]) == 0
    out = capsys.readouterr().out
    assert f"mathforml {mathforml.__version__}" in out
    for name in la.__all__:
        assert f"  {name} " in out


def test_installed_entry_point_runs():
    # The script sits beside the interpreter of the virtual environment running the tests.
    exe = shutil.which("mathforml", path=str(Path(sys.executable).parent))
    assert exe, "the mathforml console script is not installed"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"mathforml {mathforml.__version__}"
