"""The layering rules of DESIGN.md, checked on the source text."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mathforml"
LIBRARY = [
    "linalg", "special", "calculus", "autodiff", "probability", "stats", "optim", "models"
]
# Test-only references: the library must never need them at run time.
TEST_ONLY = ("scipy", "sklearn", "torch", "hypothesis", "pytest")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _library_files():
    for package in LIBRARY:
        yield from sorted((SRC / package).rglob("*.py"))


def _uses_lapack(path: Path) -> bool:
    """Imports numpy.linalg or SciPy, or touches ``np.linalg``/``numpy.linalg`` in code."""
    if any(name.startswith(("numpy.linalg", "scipy")) for name in _imports(path)):
        return True
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute)
        and node.attr == "linalg"
        and isinstance(node.value, ast.Name)
        and node.value.id in {"np", "numpy"}
        for node in ast.walk(tree)
    )


def test_linalg_uses_no_lapack():
    offenders = [p.name for p in sorted((SRC / "linalg").rglob("*.py")) if _uses_lapack(p)]
    assert not offenders, f"linalg must not call numpy.linalg or SciPy: {offenders}"


@pytest.mark.parametrize("path", list(_library_files()), ids=lambda p: str(p.relative_to(SRC)))
def test_library_does_not_import_course_or_interfaces(path):
    for name in _imports(path):
        parts = name.lstrip(".").split(".")
        assert not {"course", "cli", "web", "content"} & set(parts), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", list(_library_files()), ids=lambda p: str(p.relative_to(SRC)))
def test_library_imports_no_test_only_package(path):
    offenders = sorted(n for n in _imports(path) if n.split(".")[0] in TEST_ONLY)
    assert not offenders, f"{path.name} imports test-only packages: {offenders}"
