"""Checks on the learner's source text, before anything runs: syntax and forbidden names.

``compile()`` (in the grader's own process, which never executes the text) finds syntax
errors with their line and column. An AST walk then finds uses of names that would skip
the point of the exercise (``numpy.dot`` in the dot-product exercise) through any alias
(``import numpy as np; np.dot``, ``from numpy import dot``, ``getattr(np, "dot")``), the
method and operator forms of the same thing (``u.dot(v)`` is ``numpy.dot``, ``u @ v`` is
``numpy.matmul``), and any import of ``mathforml``, which is always forbidden.

This is a guard against taking the shortcut by accident, not against a determined
learner: ``getattr(np, "d" + "ot")`` passes.

>>> problem = check("import numpy as np\\ndef dot(u, v):\\n    return np.dot(u, v)\\n",
...                 "dot.py", forbidden=("numpy.dot",))
>>> problem.kind, problem.line, problem.column
('forbidden', 3, 12)
>>> check("def dot(u, v)\\n    return 0\\n", "dot.py").message
"line 1, column 14: expected ':'"
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

__all__ = ["Problem", "check", "syntax_problem", "forbidden_uses"]

ALWAYS_FORBIDDEN = ("mathforml",)


@dataclass(frozen=True)
class Problem:
    """What is wrong with the source: ``kind`` is ``"syntax_error"`` or ``"forbidden"``.

    ``line`` and ``column`` are 1-based (``column`` counts characters); ``source_line`` is
    the offending line without its newline.
    """

    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    source_line: str | None = None


def check(source: str, filename: str, forbidden: Iterable[str] = ()) -> Problem | None:
    """The first problem of ``source`` (syntax, then forbidden names), or None."""
    problem = syntax_problem(source, filename)
    if problem is not None:
        return problem
    uses = forbidden_uses(ast.parse(source, filename), forbidden)
    return _with_source(uses[0], source) if uses else None


def syntax_problem(source: str, filename: str) -> Problem | None:
    """A syntax error of ``source`` with its position, or None if it compiles."""
    if "\0" in source:  # compile() would say so without a line number
        line = source[: source.find("\0")].count("\n") + 1
        return Problem("syntax_error", f"line {line}: the file contains a null byte (\\0)",
                       line, None, _line(source, line))
    try:
        # The whole compiler, not just the parser: also "'return' outside function".
        compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = exc.lineno
        column = exc.offset if exc.offset and exc.offset > 0 else None
        where = f"line {line}, column {column}" if column else f"line {line}"
        text = exc.text.rstrip("\r\n") if exc.text else _line(source, line)
        kind = type(exc).__name__
        prefix = "" if kind == "SyntaxError" else f"{kind}: "
        message = f"{where}: {prefix}{exc.msg}" if line else f"{prefix}{exc.msg}"
        return Problem("syntax_error", message, line, column, text)
    except ValueError as exc:  # anything else compile() refuses outright
        return Problem("syntax_error", str(exc))
    except (RecursionError, MemoryError):  # nesting deeper than the compiler handles
        return Problem("syntax_error", "the code is nested too deeply for Python to compile")
    return None


def _line(source: str, line: int | None) -> str | None:
    lines = source.splitlines()
    return lines[line - 1] if line and 0 < line <= len(lines) else None


def _with_source(problem: Problem, source: str) -> Problem:
    text = _line(source, problem.line)
    column = problem.column
    if text is not None and column is not None:  # AST: UTF-8 bytes; people: characters
        column = len(text.encode("utf-8")[: column - 1].decode("utf-8", "ignore")) + 1
    return Problem(problem.kind, problem.message, problem.line, column, text)


# Forbidden names.


def _matches(dotted: str, forbidden: tuple[str, ...]) -> str | None:
    for name in forbidden:
        if dotted == name or dotted.startswith(name + "."):
            return name
    return None


class _Aliases:
    """Local names bound to modules or their attributes by imports anywhere in the file."""

    def __init__(self, tree: ast.AST) -> None:
        self.names: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.names[alias.asname] = alias.name
                    else:  # "import numpy.linalg" binds "numpy"
                        top = alias.name.split(".")[0]
                        self.names[top] = top
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    if alias.name != "*":
                        self.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def resolve(self, node: ast.AST) -> str | None:
        """The dotted name an expression stands for, if it is made of imports."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            module = _imported_module(node)
            if module is not None:
                return module
            if (isinstance(node.func, ast.Name) and node.func.id == "getattr"
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                    and isinstance(node.args[1].value, str)):
                base = self.resolve(node.args[0])
                return f"{base}.{node.args[1].value}" if base else None
        return None


def _imported_module(node: ast.Call) -> str | None:
    """``__import__("x")`` and ``importlib.import_module("x")`` with a constant name."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else None
    if name in ("__import__", "import_module") and node.args:
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
    return None


def _method_names(forbidden: tuple[str, ...]) -> dict[str, str]:
    """``numpy.dot`` forbidden makes ``x.dot(...)`` forbidden: the same function."""
    return {name.split(".")[1]: name for name in forbidden
            if name.count(".") == 1 and name.startswith("numpy.")
            and hasattr(np.ndarray, name.split(".")[1])}


def forbidden_uses(tree: ast.AST, forbidden: Iterable[str] = ()) -> list[Problem]:
    """Every use of a forbidden name in ``tree``, in source order (``mathforml`` always)."""
    names = tuple(ALWAYS_FORBIDDEN) + tuple(forbidden)
    uses = sorted(_uses(tree, names), key=lambda p: (p.line or 0, p.column or 0))
    unique, seen = [], set()
    for use in uses:  # "np.linalg.norm" contains "np.linalg": report the outer one only
        if (use.line, use.column) not in seen:
            seen.add((use.line, use.column))
            unique.append(use)
    return unique


def _problem(node: ast.AST, message: str) -> Problem:
    return Problem("forbidden", f"line {node.lineno}: {message}", node.lineno,
                   node.col_offset + 1)


def _why(name: str) -> str:
    if name == "mathforml":
        return "the exercise is to write this yourself, not to call the course's own library"
    return f"this exercise asks you to compute it yourself, without {name}"


def _uses(tree: ast.AST, forbidden: tuple[str, ...]) -> Iterator[Problem]:
    aliases = _Aliases(tree)
    methods = _method_names(forbidden)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                hit = _matches(alias.name, forbidden)
                if hit:
                    yield _problem(node, f"`import {alias.name}` imports {hit}: {_why(hit)}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                dotted = node.module if alias.name == "*" else f"{node.module}.{alias.name}"
                hit = _matches(dotted, forbidden)
                if hit is None and alias.name == "*":
                    hit = next((n for n in forbidden if n.startswith(node.module + ".")), None)
                if hit:
                    yield _problem(node, f"`from {node.module} import {alias.name}` brings in "
                                         f"{hit}: {_why(hit)}")
        elif isinstance(node, ast.Attribute | ast.Call):
            dotted = aliases.resolve(node)
            hit = _matches(dotted, forbidden) if dotted else None
            if hit:
                yield _problem(node, f"`{ast.unparse(node)}` is {dotted}: {_why(hit)}")
            elif isinstance(node, ast.Attribute) and node.attr in methods and dotted is None:
                hit = methods[node.attr]
                yield _problem(node, f"`{ast.unparse(node)}` is {hit} in method form: "
                                     f"{_why(hit)}")
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.MatMult):
            hit = _matches("numpy.matmul", forbidden)
            if hit:
                yield _problem(node, f"the @ operator is {hit}: {_why(hit)}")
