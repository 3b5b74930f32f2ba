"""``grade``: check a learner's file against an exercise's spec and say what happened.

The steps, each of which can end the check with its own verdict:

1. read the file (``missing_file``) and check its text without running it
   (``syntax_error``, ``forbidden``; see :mod:`.static`);
2. start the sandbox (:mod:`.sandbox`) and load the file there (an exception, a
   ``sys.exit``, a loop or a flood of output at import time; ``missing_function``);
3. let Hypothesis generate inputs from the spec with a fixed seed; for each, compute the
   reference *here*, send the input to the child, compare its answer *here*
   (:mod:`.compare`). On a failure Hypothesis shrinks the input and replays the smallest
   failing one, which is the one reported, with the misconception that explains it.

Timeouts, output floods, a broken channel and ``NotImplementedError`` stop the search at
once (shrinking them would cost seconds and teach nothing); a child that dies (``os._exit``,
a signal) is restarted a few times while shrinking.
"""

from __future__ import annotations

import copy
import difflib
import importlib.util
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mathforml.course.spec import ExerciseSpec, Misconception
from mathforml.errors import ContentError

from . import static
from .compare import compare
from .display import show, show_call
from .protocol import ProtocolError, decode_value, encode_value
from .report import Frame, LearnerTraceback, MisconceptionMatch, Report, plain
from .sandbox import Ended, Event, Garbled, Limits, OutputLimit, Reply, Sandbox, TimedOut

__all__ = ["grade", "MAX_SOURCE_BYTES", "MAX_RESTARTS"]

MAX_SOURCE_BYTES = 1 << 20  # an exercise file is a few dozen lines
MAX_RESTARTS = 5  # fresh children allowed after the learner's code ended one
_CHILD_BROKEN = 70  # _child.py's exit code when its own machinery failed (EX_SOFTWARE)


def grade(spec: ExerciseSpec, function: str, path: Path | str, *, seed: int = 0,
          max_examples: int | None = None, limits: Limits | None = None) -> Report:
    """Grade the function ``function`` in the learner's file ``path`` against ``spec``.

    Parameters
    ----------
    spec : ExerciseSpec
        The exercise's reference, inputs, tolerance and misconceptions.
    function : str
        The name of the function the learner writes (``exercise.toml``'s ``function``).
    path : Path or str
        The learner's file.
    seed : int
        Hypothesis's seed: the same seed and the same file give the same report.
    max_examples : int, optional
        How many generated inputs to try (default ``spec.max_examples``, at least 100).
    limits : Limits, optional
        The sandbox's resource limits (default :class:`~.sandbox.Limits`).

    Returns
    -------
    Report
        Never raises for anything the learner's file does or contains.

    Raises
    ------
    ContentError
        The spec itself is broken: its reference raised, or its inputs are not tuples.
    CourseError
        The sandbox's Python could not start at all.

    Examples
    --------
    >>> from mathforml.content.exercises.dot_product.spec import SPEC
    >>> from mathforml.course.grader import grade
    >>> import mathforml.content.exercises.dot_product as ex
    >>> solution = Path(ex.__file__).with_name("solution.py")
    >>> report = grade(SPEC, "dot", solution, max_examples=20)
    >>> report.status, report.examples_run
    ('passed', 20)
    """
    check = _Check(spec, function, Path(path).absolute(), seed, limits or Limits())
    return check.run(spec.max_examples if max_examples is None else max_examples)


class _Stop(BaseException):
    """Ends the Hypothesis search at once (Hypothesis lets BaseException through)."""


class _Failed(Exception):
    """Tells Hypothesis that this input fails, so that it shrinks towards a smaller one."""


@dataclass
class _Outcome:
    """One call of the learner's function on one input, judged."""

    args: tuple
    expected: Any
    kind: str  # value, raised, exit, ended, timeout, output_limit, garbled
    output: str = ""
    actual: Any = None
    difference: str | None = None
    message: dict = field(default_factory=dict)  # the child's reply, for raised/exit/timeout
    event: Event | None = None
    fatal: bool = False  # stop searching: nothing smaller is worth the time

    @property
    def ok(self) -> bool:
        return self.kind == "value" and self.difference is None


class _Check:
    def __init__(self, spec: ExerciseSpec, function: str, path: Path, seed: int,
                 limits: Limits) -> None:
        self.spec, self.function, self.path = spec, function, path
        self.seed, self.limits = seed, limits
        self.started = time.perf_counter()
        self.examples = 0
        self.restarts = 0
        self.params: list[str] | None = None
        self.failure: _Outcome | None = None  # the last, hence smallest, failing input
        self.first_failure: _Outcome | None = None  # a typical one, before shrinking
        self.content_error: ContentError | None = None
        self.total_exceeded = False
        self.box: Sandbox | None = None
        self.alive = False

    # The three steps.

    def run(self, max_examples: int) -> Report:
        self.source, report = self._read()
        if report is not None:
            return report
        problem = static.check(self.source, str(self.path), self.spec.forbidden)
        if problem is not None:
            return self._report(problem.kind, self._static_message(problem), line=problem.line,
                                column=problem.column, source_line=problem.source_line)
        with Sandbox(self.limits) as self.box:
            self.box.start()
            strategy = self.spec.inputs()  # imports Hypothesis while the child boots
            report = self._load()
            if report is not None:
                return report
            self._explore(strategy, max_examples)
            if self.content_error is not None:
                raise self.content_error
            return self._verdict()

    def _read(self) -> tuple[str, Report | None]:
        name = self.path.name
        try:
            size = self.path.stat().st_size
            if not self.path.is_file():
                raise IsADirectoryError
        except OSError:
            return "", self._report("missing_file", f"There is no file {self.path}.")
        if size > MAX_SOURCE_BYTES:
            return "", self._report("syntax_error", f"{name} is {size} bytes long; an exercise "
                                    f"file is a few dozen lines (the limit is 1 MiB).")
        try:
            source = importlib.util.decode_source(self.path.read_bytes())
        except OSError as exc:
            return "", self._report("missing_file", f"Cannot read {self.path}: {exc.strerror}.")
        except (UnicodeDecodeError, SyntaxError) as exc:
            return "", self._report("syntax_error", f"{name} is not UTF-8 text ({exc}); save "
                                    f"it as UTF-8 in your editor.")
        return source, None

    def _load(self) -> Report | None:
        event = self.box.load(str(self.path), self.source, self.function)
        name = self.path.name
        if isinstance(event, Reply) and event.message.get("kind") == "loaded":
            params = event.message.get("params")
            if isinstance(params, list) and all(isinstance(p, str) and p.isidentifier()
                                                for p in params):
                self.params = params
            self.alive = True
            return None
        if isinstance(event, Reply) and event.message.get("kind") == "missing":
            return self._missing(event)
        outcome = self._judge_event(event, args=(), expected=None)
        return self._failure_report(outcome, loading=f"while {name} was loading")

    def _missing(self, event: Reply) -> Report:
        found = event.message.get("found")
        name = self.path.name
        if found:
            message = (f"`{self.function}` in {name} is {_article(str(found))} {found}, not a "
                       f"function: write `def {self.function}(...):`.")
        else:
            defined = [d for d in event.message.get("defined", []) if isinstance(d, str)]
            close = difflib.get_close_matches(self.function, defined, n=1)
            hint = f" It has `{close[0]}`: rename it to `{self.function}`?" if close else ""
            message = f"{name} defines no function named `{self.function}`.{hint}"
        return self._report("missing_function", message, output=event.output)

    def _explore(self, strategy, max_examples: int) -> None:
        from hypothesis import HealthCheck, Phase, Verbosity, given, settings
        from hypothesis import seed as fix_seed

        @fix_seed(self.seed)
        @settings(max_examples=max_examples, database=None, deadline=None,
                  derandomize=False, suppress_health_check=list(HealthCheck),
                  verbosity=Verbosity.quiet, report_multiple_bugs=False, print_blob=False,
                  phases=(Phase.explicit, Phase.generate, Phase.shrink))
        @given(strategy)
        def attempt(args):
            self._attempt(args)

        try:
            attempt()
        except (_Stop, _Failed):
            pass
        except Exception:
            if self.content_error is None and self.failure is None:
                raise  # a bug of the grader's own
            # e.g. Hypothesis's Flaky: the function answered differently on the replay;
            # the last failure seen is still a true one.

    # One input.

    def _attempt(self, args) -> None:
        if not isinstance(args, tuple | list):
            self.content_error = ContentError(
                f"the inputs of {self.function!r} must be argument tuples, got {args!r}")
            raise _Stop
        args = tuple(args)
        if time.perf_counter() - self.started > self.limits.total:
            self.total_exceeded = True
            raise _Stop
        if not self.alive and not self._restart():
            raise _Stop
        encoded = [encode_value(a) for a in args]
        try:
            expected = self.spec.reference(*copy.deepcopy(args))
        except Exception as exc:  # noqa: BLE001  (any failure of ours is a content bug)
            self.content_error = ContentError(
                f"the reference of {self.function!r} failed on "
                f"{show_call(self.function, args)}: {type(exc).__name__}: {exc}")
            self.content_error.__cause__ = exc
            raise _Stop from None
        event = self.box.call(encoded, timeout=self.spec.timeout)
        self.examples += 1
        outcome = self._judge_event(event, args, expected)
        if outcome.ok:
            return
        self.failure = outcome
        self.first_failure = self.first_failure or outcome
        if outcome.fatal:
            raise _Stop
        raise _Failed

    def _restart(self) -> bool:
        if self.restarts >= MAX_RESTARTS:
            return False
        self.restarts += 1
        event = self.box.load(str(self.path), self.source, self.function)
        self.alive = isinstance(event, Reply) and event.message.get("kind") == "loaded"
        return self.alive

    def _judge_event(self, event: Event, args: tuple, expected: Any) -> _Outcome:
        """What one exchange with the child means, before any verdict."""
        o = _Outcome(args=args, expected=expected, kind="garbled", event=event,
                     output=getattr(event, "output", ""), fatal=True)
        if isinstance(event, TimedOut):
            o.kind = "timeout"
            o.message = event.where or {}
        elif isinstance(event, OutputLimit):
            o.kind = "output_limit"
        elif isinstance(event, Ended):
            o.kind, o.fatal = "ended", event.returncode == -signal.SIGXCPU
        elif isinstance(event, Reply):
            kind = event.message.get("kind")
            o.message = event.message
            if kind == "value":
                try:
                    o.actual = decode_value(event.message.get("value"))
                except ProtocolError:
                    return o
                o.kind, o.fatal = "value", False
                o.difference = compare(expected, o.actual, rtol=self.spec.rtol,
                                       atol=self.spec.atol)
            elif kind == "raised":
                o.kind = "raised"
                o.fatal = event.message.get("category") == "not_implemented"
            elif kind == "exit":
                o.kind, o.fatal = "exit", False
            elif kind == "internal":
                o.kind = "internal"
        if not isinstance(event, Reply) or o.kind in ("garbled", "internal"):
            self.alive = False  # the sandbox closed the child, or it cannot be trusted
            if o.kind in ("garbled", "internal"):
                self.box.close()
        return o

    # Verdicts.

    def _verdict(self) -> Report:
        if self.failure is not None:
            return self._failure_report(self.failure)
        if self.total_exceeded:
            return self._report("timeout", f"The check took more than {self.limits.total:g} s "
                                f"in total after {self.examples} inputs: `{self.function}` is "
                                f"far too slow.")
        if self.examples == 0:  # every restart failed before a single call
            return self._report("crashed", "The process running your code could not be "
                                "started again after it ended.")
        return self._report("passed", f"`{self.function}` passed {self.examples} generated "
                            f"inputs.")

    def _failure_report(self, o: _Outcome, loading: str | None = None) -> Report:
        where = loading or f"on {show_call(self.function, o.args, self.params)}"
        details: dict[str, Any] = {"output": o.output}
        if loading is None:
            details.update(call=show_call(self.function, o.args, self.params),
                           arguments=tuple(plain(a) for a in o.args),
                           expected=show(o.expected), expected_value=plain(o.expected))
        if o.kind == "value":
            details.update(actual=show(o.actual), actual_value=plain(o.actual),
                           difference=o.difference, misconception=self._misconception(o))
            return self._report("failed", f"Wrong result {where}: {o.difference}.", **details)
        if o.kind in ("raised", "timeout"):
            tb = self._traceback(o.message)
            details["traceback"] = tb
            if tb is not None and tb.frames:
                last = tb.frames[-1]
                details.update(line=last.line, column=last.column, source_line=last.source)
        if o.kind == "raised":
            category = o.message.get("category")
            exception = tb.exception if tb else "an exception"
            if category == "not_implemented" and loading is None:
                return self._report("not_implemented", f"`{self.function}` is not written yet "
                                    f"(it raises NotImplementedError). This is where you "
                                    f"start: write it in {self.path.name}.",
                                    **details)
            if category == "memory":
                return self._report("crashed", f"Your code ran out of memory {where}: a check "
                                    f"allows {self.limits.memory / 2**30:g} GiB "
                                    f"({exception}).", **details)
            line = f" (line {details['line']})" if "line" in details else ""
            text = (tb.message if tb else "").rstrip(".")
            return self._report("error", f"Your code raised {exception}{line} {where}"
                                + (f": {text}." if text else "."), **details)
        if o.kind == "timeout":
            seconds = o.event.seconds if isinstance(o.event, TimedOut) else self.spec.timeout
            line = f" (it was running line {details['line']})" if "line" in details else ""
            if loading:
                message = (f"{self.path.name} did not finish loading within {seconds:g} s: an "
                           f"infinite loop at the top level of the file?{line}")
            else:
                message = (f"`{self.function}` did not finish within {seconds:g} s on input "
                           f"{details['call']}: an infinite loop?{line}")
            return self._report("timeout", message, **details)
        if o.kind == "output_limit":
            return self._report("output_limit", f"Your code printed more than "
                                f"{_size(self.limits.output)} {where}: remove the print calls "
                                f"from the function, or print less.", **details)
        if o.kind == "exit":
            code = o.message.get("code")
            shown = "" if code is None else code
            return self._report("crashed", f"Your code called sys.exit({shown}) {where}: "
                                f"return the result instead of exiting.", **details)
        if o.kind == "ended":
            return self._report("crashed", _sentence(f"The process running your code ended "
                                f"{where}: {_ending(o.event.returncode, self.limits)}"),
                                **details)
        if o.kind == "internal":
            return self._report("crashed", f"The grading process broke down {where}: did your "
                                f"code change modules the grader relies on (json, numpy, "
                                f"builtins)? ({o.message.get('detail', '')})", **details)
        reason = o.event.reason if isinstance(o.event, Garbled) else "an unreadable reply"
        return self._report("crashed", f"The grader's private channel was disturbed {where} "
                            f"({reason}): do not write to file descriptors your code did not "
                            f"open.", **details)

    def _traceback(self, message: dict) -> LearnerTraceback | None:
        raw = message.get("frames")
        if not isinstance(raw, list):
            return None
        frames = []
        for f in raw:
            try:
                frames.append(Frame(str(f["file"]), int(f["line"]), str(f["function"]),
                                    str(f["source"]), _int_or_none(f.get("column"))))
            except (KeyError, TypeError, ValueError):
                continue
        omitted = _int_or_none(message.get("omitted")) or 0
        if message.get("kind") == "stack":
            return LearnerTraceback("Stopped", "still running here when time ran out",
                                    tuple(frames), omitted)
        return LearnerTraceback(str(message.get("exception", "Exception")),
                                str(message.get("message", "")), tuple(frames), omitted)

    def _misconception(self, o: _Outcome) -> MisconceptionMatch | None:
        """The first misconception that explains the smallest failure, and the first one.

        Tiny inputs make coincidences (with ``v = [0]``, "returned sum(u)" looks like
        "added all the entries"), so a match must also explain the typical failing input
        found before shrinking, when there is one.
        """
        seen = [o]
        first = self.first_failure
        if first is not None and first is not o and first.kind == "value":
            seen.append(first)
        for m in self.spec.misconceptions:
            if all(self._explains(m, failure) for failure in seen):
                return MisconceptionMatch(m.name, m.message)
        return None

    def _explains(self, m: Misconception, o: _Outcome) -> bool:
        try:
            if m.wrong is not None:
                wrong = m.wrong(*copy.deepcopy(o.args))
                return compare(wrong, o.actual, rtol=self.spec.rtol, atol=self.spec.atol) is None
            return bool(m.matches(copy.deepcopy(o.args), o.expected, o.actual))
        except Exception:  # noqa: BLE001  (a wrong idea may not apply to every input)
            return False

    def _static_message(self, problem: static.Problem) -> str:
        if problem.kind == "syntax_error":
            return f"Syntax error in {self.path.name}, {problem.message}."
        return f"{self.path.name}, {problem.message}."

    def _report(self, status: str, message: str, **details: Any) -> Report:
        return Report(status=status, message=message, function=self.function,
                      path=str(self.path), seed=self.seed, examples_run=self.examples,
                      duration=time.perf_counter() - self.started, **details)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _int_or_none(value: Any) -> int | None:
    return value if type(value) is int else None


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n / 2**10:g} KiB"


def _ending(returncode: int, limits: Limits) -> str:
    if returncode == _CHILD_BROKEN:
        return ("the grader's side of it failed: did your code close or write to file "
                "descriptors it did not open, or replace modules (json, os)?")
    if returncode >= 0:
        return f"it exited with code {returncode} (os._exit?) instead of returning a result"
    number = -returncode
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    if number == signal.SIGXCPU:
        return f"it used more than {limits.cpu} s of CPU time, the limit of one check ({name})"
    if number == signal.SIGSEGV:
        return (f"Python crashed ({name}, a segmentation fault): usually a recursion far "
                f"deeper than Python allows, after sys.setrecursionlimit")
    if number == signal.SIGKILL:
        return f"it was killed ({name}): by the system for using too much memory, or by itself"
    return f"it was stopped by {name}"
