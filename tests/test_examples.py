"""The scripts in examples/ run and produce what they promise."""

import runpy
from pathlib import Path

import numpy as np
from PIL import Image

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_transform_photo_writes_a_contact_sheet(tmp_path):
    out = tmp_path / "sheet.png"
    module = runpy.run_path(str(EXAMPLES / "transform_photo.py"))
    module["contact_sheet"](str(out))
    sheet = np.asarray(Image.open(out))
    assert sheet.shape == (2 * (214 + 20), 3 * 320, 3)
    # Six tiles of photograph, not blank paper: every tile has real contrast.
    for k in range(6):
        x, y = (k % 3) * 320, (k // 3) * 234 + 20
        assert sheet[y : y + 214, x : x + 320].std() > 20
