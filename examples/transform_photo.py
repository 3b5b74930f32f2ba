"""Rotate, shear, scale and mirror a real photograph with 2x2 matrices.

The photograph is scikit-learn's sample image ``china.jpg`` (it ships inside the
installed package, so this runs offline). The script writes a contact sheet:

    python examples/transform_photo.py transform_photo.png
"""

from __future__ import annotations

import sys

import numpy as np
from PIL import Image, ImageDraw
from sklearn.datasets import load_sample_image

import mathforml.linalg as la


def contact_sheet(path: str) -> None:
    photo = load_sample_image("china.jpg")[::2, ::2] / 255.0  # (214, 320, 3), halved for speed
    maps = {
        "original": np.eye(2),
        "rotation(30°)": la.rotation(np.deg2rad(30)),
        "shear(0.5)": la.shear(0.5),
        "scaling([1.5, 0.7])": la.scaling([1.5, 0.7]),
        "reflection([1, 0])": la.reflection([1.0, 0.0]),
        "rotation · shear": la.rotation(np.deg2rad(-20)) @ la.shear(0.4),
    }
    h, w = photo.shape[:2]
    sheet = Image.new("RGB", (3 * w, 2 * (h + 20)), "white")
    draw = ImageDraw.Draw(sheet)
    for k, (title, M) in enumerate(maps.items()):
        out = la.transform_image(photo, M, fill=1.0)
        tile = Image.fromarray((np.clip(out, 0, 1) * 255).round().astype(np.uint8))
        x, y = (k % 3) * w, (k // 3) * (h + 20)
        sheet.paste(tile, (x, y + 20))
        draw.text((x + 4, y + 4), title, fill="black")
    sheet.save(path)


if __name__ == "__main__":
    contact_sheet(sys.argv[1] if len(sys.argv) > 1 else "transform_photo.png")
