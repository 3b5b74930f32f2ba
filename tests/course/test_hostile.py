"""The hostile learner: files that loop, allocate, fork, exit, flood, tamper and lie.

Each gets a clear verdict, and after each no process of the check is left: every file
records its process group (``pgid.txt``, and ``children.txt`` for what it forks) next to
itself, and the test looks them up in ``/proc`` afterwards. Zombies count as gone (this
container's init does not reap orphans; a zombie holds no resources but its pid).
Most cases use a 1 s call timeout to keep the suite fast; one proves the real 2 s.
"""

import dataclasses
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

import mathforml.linalg as la
from mathforml.content.exercises.dot_product.spec import SPEC
from mathforml.course.grader import Limits, grade
from mathforml.course.grader.grade import MAX_RESTARTS

LEARNER_FILES = Path(__file__).parent / "learner_files"
FAST = dataclasses.replace(SPEC, timeout=1.0)


# Finding processes, independently of the grader's own sweep.


def process_state(pid: int) -> tuple[str, int, int] | None:
    """(state, process group, session) from /proc, or None once the pid is gone."""
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except (ProcessLookupError, FileNotFoundError):
        return None
    fields = stat[stat.rfind(b")") + 2:].split()
    return fields[0].decode(), int(fields[2]), int(fields[3])


def running(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] != "Z"


def members(pgid: int) -> list[int]:
    """Running processes whose process group or session is ``pgid``."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            state = process_state(int(name))
            if state and state[0] != "Z" and pgid in (state[1], state[2]):
                found.append(int(name))
    return found


def recorded(folder: Path, name: str) -> list[int]:
    path = folder / name
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def wait_until_gone(pgids, pids=(), patience: float = 10.0) -> None:
    """SIGKILL is delivered asynchronously: allow the kernel a moment, then insist."""
    deadline = time.monotonic() + patience
    while True:
        left = sorted({p for p in pids if running(p)} | {m for g in pgids for m in members(g)})
        if not left:
            return
        assert time.monotonic() < deadline, f"processes left behind: {left}"
        time.sleep(0.05)


def hostile(tmp_path: Path, name: str, spec=FAST, **options):
    """Grade a copy of learner_files/<name>; check it ran and left nothing behind."""
    path = Path(shutil.copy(LEARNER_FILES / name, tmp_path / "dot_product.py"))
    report = grade(spec, "dot", path, **options)
    pgids = recorded(tmp_path, "pgid.txt")
    assert pgids, "the learner's file never ran"
    wait_until_gone(pgids, recorded(tmp_path, "children.txt"))
    return report, pgids


# Loops.


def test_infinite_loop_says_so_with_the_input_and_the_line(tmp_path):
    report, _ = hostile(tmp_path, "hostile_loop.py", spec=SPEC)  # the real 2 s default
    assert report.status == "timeout"
    assert report.message.startswith(
        "`dot` did not finish within 2 s on input dot(u=array([0.0]), v=array([0.0])): "
        "an infinite loop?")
    assert report.call == "dot(u=array([0.0]), v=array([0.0]))"
    assert report.line == 10 and report.source_line.strip() == "while i < len(u):"
    assert report.examples_run == 1  # no shrinking of timeouts: each would cost seconds


def test_sleeping_forever_is_a_timeout(tmp_path):
    report, _ = hostile(tmp_path, "hostile_sleep.py")
    assert report.status == "timeout" and "within 1 s" in report.message
    assert report.source_line.strip() == "time.sleep(300)"


def test_infinite_loop_at_import(tmp_path):
    report, _ = hostile(tmp_path, "hostile_loop_at_import.py", limits=Limits(load=1.0))
    assert report.status == "timeout"
    assert "did not finish loading within 1 s" in report.message
    assert report.source_line.strip() == "while True:" and report.call is None


def test_cpu_limit_of_the_whole_child(tmp_path):
    report, _ = hostile(tmp_path, "hostile_cpu_at_import.py",
                        limits=Limits(cpu=1, load=30.0))
    assert report.status == "crashed"
    assert "more than 1 s of CPU time" in report.message and "SIGXCPU" in report.message


# Memory.


@pytest.mark.parametrize("name", ["hostile_memory.py", "hostile_numpy_memory.py"])
def test_allocating_10_gb_runs_out_of_memory(tmp_path, name):
    report, _ = hostile(tmp_path, name)
    assert report.status == "crashed"
    assert "ran out of memory" in report.message and "1 GiB" in report.message
    assert "MemoryError" in report.traceback.exception


def test_recursion_bomb_keeps_a_short_traceback(tmp_path):
    report, _ = hostile(tmp_path, "hostile_recursion.py")
    assert report.status == "error" and report.traceback.exception == "RecursionError"
    assert len(report.traceback.frames) == 10 and report.traceback.omitted > 900


def test_recursion_through_c_overflows_the_stack(tmp_path):
    report, pgids = hostile(tmp_path, "hostile_deep_recursion.py")
    assert report.status == "crashed" and "SIGSEGV" in report.message
    assert len(pgids) <= 1 + MAX_RESTARTS  # restarted while shrinking, a bounded number of times


# Processes.


def test_forking_sleepers_then_looping_leaves_nothing(tmp_path):
    report, _ = hostile(tmp_path, "hostile_fork.py")
    assert report.status == "timeout"
    children = recorded(tmp_path, "children.txt")
    assert len(children) == 20  # they existed; hostile() proved them gone


def test_a_child_that_leaves_the_process_group_is_still_killed(tmp_path):
    report, pgids = hostile(tmp_path, "hostile_escape_group.py")
    assert report.status == "timeout"
    (child,) = recorded(tmp_path, "children.txt")
    assert not running(child)


def test_a_child_that_leaves_the_session_is_still_killed(tmp_path):
    report, pgids = hostile(tmp_path, "hostile_setsid.py")
    assert report.status == "timeout"
    (child,) = recorded(tmp_path, "children.txt")
    assert not running(child)


def test_a_sleeping_grandchild_of_a_passing_file_is_killed(tmp_path):
    report, _ = hostile(tmp_path, "hostile_grandchild.py", spec=SPEC)
    assert report.status == "passed"  # a normal end kills the group too
    assert len(recorded(tmp_path, "children.txt")) == 1


# Exits.


def test_sys_exit_at_import(tmp_path):
    report, _ = hostile(tmp_path, "hostile_exit_at_import.py")
    assert report.status == "crashed"
    assert "called sys.exit(0) while dot_product.py was loading" in report.message


def test_sys_exit_in_the_function(tmp_path):
    report, _ = hostile(tmp_path, "hostile_exit_in_call.py")
    assert report.status == "crashed"
    assert "called sys.exit(0) on dot(" in report.message


def test_system_exit_subclass(tmp_path):
    report, _ = hostile(tmp_path, "hostile_system_exit_subclass.py")
    assert report.status == "crashed" and "sys.exit(4)" in report.message


def test_os_exit_in_the_function_restarts_a_bounded_number_of_times(tmp_path):
    report, pgids = hostile(tmp_path, "hostile_os_exit.py")
    assert report.status == "crashed"
    assert "exited with code 0 (os._exit?)" in report.message
    assert 1 < len(pgids) <= 1 + MAX_RESTARTS


def test_os_exit_while_a_forked_child_holds_the_pipes_open(tmp_path):
    report, pgids = hostile(tmp_path, "hostile_fork_then_exit.py")
    assert report.status == "crashed" and "exited with code 0" in report.message
    assert len(recorded(tmp_path, "children.txt")) == len(pgids)


def test_os_exit_at_import(tmp_path):
    report, _ = hostile(tmp_path, "hostile_os_exit_at_import.py")
    assert report.status == "crashed"
    assert "ended while dot_product.py was loading: it exited with code 3" in report.message


@pytest.mark.parametrize(("name", "exception"), [
    ("hostile_base_exception.py", "dot_product.Escape"),
    ("hostile_keyboard_interrupt.py", "KeyboardInterrupt"),
    ("hostile_stdin.py", "EOFError"),
])
def test_base_exceptions_are_the_learners_errors(tmp_path, name, exception):
    report, _ = hostile(tmp_path, name)
    assert report.status == "error" and report.traceback.exception == exception
    assert report.line is not None


# Output.


def test_printing_100_mb_hits_the_output_limit(tmp_path):
    report, _ = hostile(tmp_path, "hostile_print.py")
    assert report.status == "output_limit"
    assert "printed more than 1 MiB" in report.message
    assert report.output.startswith("…") and report.output.endswith("x" * 100)
    assert len(report.output) <= 2049


# Tampering and lying: the verdict is computed in the grader's process.


def test_patching_the_reference_in_the_child_changes_nothing(tmp_path):
    report, _ = hostile(tmp_path, "hostile_patch_reference.py")
    assert report.status == "failed"
    assert report.expected_value != report.actual_value == 0.0
    assert la.dot(np.array([2.0]), np.array([3.0])) == 6.0  # ours is untouched


def test_importing_mathforml_at_run_time_is_blocked(tmp_path):
    report, _ = hostile(tmp_path, "hostile_import_mathforml.py")
    assert report.status == "error" and report.traceback.exception == "ImportError"
    assert "without mathforml" in report.message


def test_patching_numpy_comparisons_changes_nothing(tmp_path):
    report, _ = hostile(tmp_path, "hostile_patch_numpy.py")
    assert report.status == "failed" and report.actual_value == 0.0


def test_printing_pass_or_a_fake_frame_changes_nothing(tmp_path):
    report, _ = hostile(tmp_path, "hostile_fake_pass.py")
    assert report.status == "failed" and report.actual_value == 12345.0
    assert "PASS" in report.output and '"kind": "value"' in report.output


def test_garbage_on_the_channel_is_a_clear_verdict(tmp_path):
    report, _ = hostile(tmp_path, "hostile_channel_garbage.py")
    assert report.status == "crashed" and "private channel" in report.message


def test_closing_the_channel_is_a_clear_verdict(tmp_path):
    report, _ = hostile(tmp_path, "hostile_channel_closed.py")
    assert report.status == "crashed" and "file descriptors" in report.message


def test_an_object_whose_eq_and_array_lie(tmp_path):
    report, _ = hostile(tmp_path, "hostile_liar.py")
    assert report.status == "failed"
    assert report.difference == "returned a dot_product.Liar object (Liar()) instead of a number"
    assert report.actual_value == {"type": "dot_product.Liar", "repr": "Liar()"}


def test_a_float_subclass_that_lies_is_read_as_its_real_value(tmp_path):
    report, _ = hostile(tmp_path, "hostile_lying_float.py")
    assert report.status == "failed" and report.actual_value == 12345.0


def test_a_signal_the_learner_sends_its_own_group(tmp_path):
    path = tmp_path / "dot_product.py"
    path.write_text("import os\nimport signal\n\n"
                    "open(os.path.join(os.path.dirname(__file__), 'pgid.txt'), 'a')"
                    ".write(f'{os.getpgrp()}\\n')\n\n\n"
                    "def dot(u, v):\n    os.killpg(0, signal.SIGTERM)\n")
    report = grade(FAST, "dot", path)
    assert report.status == "crashed" and "SIGTERM" in report.message
    wait_until_gone(recorded(tmp_path, "pgid.txt"))
