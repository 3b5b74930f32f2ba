"""Every exercise proves itself: its solution passes its own grader, its stub says "start
here", and each known misconception, written as a learner would, is named by the grader."""

import pytest

from mathforml.course.catalog import load_catalog
from mathforml.course.grader import grade

CATALOG = load_catalog()

# A learner's wrong file for each misconception the specs know, keyed by (exercise, name).
WRONG = {
    ("dot_product", "elementwise product"): "def dot(u, v):\n    return u * v\n",
    ("dot_product", "product of sums"): "def dot(u, v):\n    return sum(u) * sum(v)\n",
    ("dot_product", "sum of sums"): "def dot(u, v):\n    return sum(u) + sum(v)\n",
    ("vector_norm", "squared length"): "def norm(x):\n    return sum(xi * xi for xi in x)\n",
    ("vector_norm", "L1 norm"): "def norm(x):\n    return sum(abs(xi) for xi in x)\n",
    ("vector_norm", "plain sum"): "def norm(x):\n    return sum(x)\n",
    ("cosine_similarity", "not normalized"):
        "def cosine_similarity(u, v):\n    return sum(u * v)\n",
    ("cosine_similarity", "one length only"):
        "import math\n\ndef cosine_similarity(u, v):\n"
        "    return sum(u * v) / math.sqrt(sum(u * u))\n",
    ("cosine_similarity", "squared lengths"):
        "def cosine_similarity(u, v):\n    return sum(u * v) / (sum(u * u) * sum(v * v))\n",
    ("cosine_similarity", "the angle"):
        "import math\n\ndef cosine_similarity(u, v):\n"
        "    c = sum(u * v) / math.sqrt(sum(u * u) * sum(v * v))\n"
        "    return math.acos(max(-1.0, min(1.0, c)))\n",
    ("projection", "scalar projection"):
        "import math\n\ndef project(v, u):\n    return sum(v * u) / math.sqrt(sum(u * u))\n",
    ("projection", "divided by the length"):
        "import math\n\ndef project(v, u):\n    return sum(v * u) / math.sqrt(sum(u * u)) * u\n",
    ("projection", "projected the wrong way"):
        "def project(v, u):\n    return sum(v * u) / sum(v * v) * v\n",
    ("projection", "not divided"): "def project(v, u):\n    return sum(v * u) * u\n",
    ("matrix_multiply", "transposed result"):
        "import numpy as np\n\ndef matmul(A, B):\n    m, n = A.shape[0], B.shape[1]\n"
        "    C = np.zeros((n, m))\n    for i in range(m):\n        for j in range(n):\n"
        "            C[j, i] = sum(A[i, :] * B[:, j])\n    return C\n",
    ("matrix_multiply", "rows with rows"):
        "import numpy as np\n\ndef matmul(A, B):\n    C = np.zeros((A.shape[0], B.shape[0]))\n"
        "    for i in range(A.shape[0]):\n        for j in range(B.shape[0]):\n"
        "            C[i, j] = sum(A[i, :] * B[j, :])\n    return C\n",
    ("matrix_multiply", "one term only"):
        "import numpy as np\n\ndef matmul(A, B):\n    m, k = A.shape\n"
        "    C = np.zeros((m, B.shape[1]))\n    for i in range(m):\n"
        "        for j in range(B.shape[1]):\n            for p in range(k):\n"
        "                C[i, j] = A[i, p] * B[p, j]\n    return C\n",
    ("gaussian_elimination", "no row swaps"):
        "import numpy as np\n\ndef solve(A, b):\n    A, b = A.astype(float), b.astype(float)\n"
        "    n = len(b)\n    with np.errstate(all='ignore'):\n        for k in range(n):\n"
        "            for i in range(k + 1, n):\n                f = A[i, k] / A[k, k]\n"
        "                A[i] -= f * A[k]\n                b[i] -= f * b[k]\n"
        "        x = np.zeros(n)\n        for i in range(n - 1, -1, -1):\n"
        "            x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]\n    return x\n",
    ("gaussian_elimination", "transposed system"):
        "import numpy as np\n\ndef solve(A, b):\n    A = A.T.astype(float).copy()\n"
        "    b = b.astype(float).copy()\n    n = len(b)\n    for k in range(n):\n"
        "        p = k + int(np.argmax(np.abs(A[k:, k])))\n"
        "        A[[k, p]], b[[k, p]] = A[[p, k]], b[[p, k]]\n"
        "        for i in range(k + 1, n):\n            f = A[i, k] / A[k, k]\n"
        "            A[i] -= f * A[k]\n            b[i] -= f * b[k]\n    x = np.zeros(n)\n"
        "    for i in range(n - 1, -1, -1):\n"
        "        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]\n    return x\n",
    ("gaussian_elimination", "b left behind"):
        "import numpy as np\n\ndef solve(A, b):\n    A = A.astype(float).copy()\n    n = len(b)\n"
        "    for k in range(n):\n        p = k + int(np.argmax(np.abs(A[k:, k])))\n"
        "        A[[k, p]] = A[[p, k]]\n        for i in range(k + 1, n):\n"
        "            A[i] -= A[i, k] / A[k, k] * A[k]\n    x = np.zeros(n)\n"
        "    for i in range(n - 1, -1, -1):\n"
        "        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]\n    return x\n",
}


def _grade(tmp_path, exercise_id, source):
    path = tmp_path / f"{exercise_id}.py"
    path.write_text(source)
    info = CATALOG.exercise(exercise_id)
    return grade(CATALOG.spec(exercise_id), info.function, path)


@pytest.mark.parametrize("exercise_id", CATALOG.exercise_order())
def test_the_solution_passes_its_own_grader(tmp_path, exercise_id):
    report = _grade(tmp_path, exercise_id, CATALOG.solution(exercise_id))
    assert report.status == "passed", report.text()
    assert report.examples_run >= 100


@pytest.mark.parametrize("exercise_id", CATALOG.exercise_order())
def test_the_stub_says_start_here(tmp_path, exercise_id):
    report = _grade(tmp_path, exercise_id, CATALOG.stub(exercise_id))
    assert report.status == "not_implemented", report.text()


def test_every_misconception_has_a_wrong_solution_here():
    known = {(e, m.name) for e in CATALOG.exercises for m in CATALOG.spec(e).misconceptions}
    assert known == set(WRONG)


@pytest.mark.parametrize("exercise_id,name", sorted(WRONG))
def test_each_misconception_is_named(tmp_path, exercise_id, name):
    report = _grade(tmp_path, exercise_id, WRONG[exercise_id, name])
    assert report.status == "failed", report.text()
    assert report.misconception is not None, report.text()
    assert report.misconception.name == name, report.text()
