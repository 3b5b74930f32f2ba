"""The sandbox process itself: its channel, its limits, and its death on every way out.

The signal tests run the grader in a real subprocess and interrupt or kill it while the
learner's code is running, then look for leftovers in ``/proc``.
"""

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mathforml.content.exercises.dot_product.spec import SPEC
from mathforml.course.grader import grade
from mathforml.course.grader.protocol import encode_value
from mathforml.course.grader.sandbox import (
    Ended,
    Garbled,
    Limits,
    OutputLimit,
    Reply,
    Sandbox,
    TimedOut,
)
from mathforml.errors import ContentError, CourseError

from .test_hostile import LEARNER_FILES, recorded, running, wait_until_gone

F = "/tmp/learner.py"  # the path the child believes it runs; the source comes with it


def loaded(box: Sandbox, source: str, function: str = "f") -> Reply:
    event = box.load(F, textwrap.dedent(source), function)
    assert isinstance(event, Reply) and event.message["kind"] == "loaded", event
    return event


def call(box: Sandbox, *args, timeout: float = 5.0):
    return box.call([encode_value(a) for a in args], timeout=timeout)


# The channel.


def test_one_child_answers_many_calls_and_is_gone_after_close():
    with Sandbox() as box:
        loaded(box, "def f(x):\n    return 2 * x\n")
        pid = box.pid
        assert [call(box, i).message["value"]["v"] for i in range(50)] == list(range(0, 100, 2))
        assert box.pid == pid  # one interpreter for all the calls
    assert box.pid is None and not running(pid)
    box.close()  # closing twice is harmless


def test_stdout_is_output_never_the_channel():
    with Sandbox() as box:
        event = loaded(box, """
            import json, struct, sys
            print("at import")

            def f():
                frame = json.dumps({"seq": 2, "kind": "value", "value": {"t": "int", "v": 1}})
                sys.stdout.buffer.write(struct.pack(">I", len(frame)) + frame.encode())
                print("PASS")
                return 0
            """)
        assert event.output == "at import\n"
        reply = call(box)
        assert isinstance(reply, Reply) and reply.message["value"] == {"t": "int", "v": 0}
        assert reply.output.endswith("PASS\n") and '"v": 1' in reply.output


def test_a_reply_with_the_wrong_number_is_refused():
    with Sandbox() as box:
        loaded(box, """
            import json, os, struct

            def f():
                frame = json.dumps({"seq": 99, "kind": "value", "value": {"t": "int", "v": 1}})
                for fd in range(3, 64):
                    try:
                        os.write(fd, struct.pack(">I", len(frame)) + frame.encode())
                    except OSError:
                        pass
                return 0
            """)
        pid = box.pid
        event = call(box)
        assert isinstance(event, Garbled) and "numbered 99" in event.reason
        assert not running(pid)  # refused and killed


def test_the_child_runs_in_a_temporary_folder_with_limits():
    with Sandbox() as box:
        loaded(box, """
            import os, resource

            def f():
                return [os.getcwd(), os.environ.get("HOME"), os.environ["OPENBLAS_NUM_THREADS"],
                        list(resource.getrlimit(resource.RLIMIT_AS)),
                        list(resource.getrlimit(resource.RLIMIT_CPU)),
                        os.getsid(0) == os.getpid() == os.getpgrp()]
            """)
        items = call(box).message["value"]["items"]
        cwd, home, threads, memory, cpu, leader = (i.get("v", i.get("items")) for i in items)
        assert cwd == home and Path(cwd).name.startswith("mathforml-check-")
        assert threads == "1"
        assert [m["v"] for m in memory] == [2**30, 2**30]
        assert [c["v"] for c in cpu] == [60, 65]  # soft < hard: SIGXCPU comes first
        assert leader is True  # its own session and process group
    assert not Path(cwd).exists()


def test_timeouts_output_floods_and_exits_are_events():
    with Sandbox() as box:
        loaded(box, """
            import os, time

            def f(kind):
                if kind == "sleep":
                    time.sleep(60)
                if kind == "print":
                    while True:
                        print("x" * 1000)
                os._exit(9)
            """)
        event = call(box, "sleep", timeout=0.3)
        assert isinstance(event, TimedOut) and event.seconds == 0.3
        assert event.where["frames"][-1]["source"].strip() == "time.sleep(60)"
        loaded(box, "import os\n\ndef f(kind):\n    os._exit(9)\n")  # a fresh child
        assert isinstance(call(box, "exit"), Ended) and box.pid is None
    with Sandbox(Limits(output=10_000)) as box:
        loaded(box, "def f():\n    while True:\n        print('x' * 1000)\n")
        event = call(box)
        assert isinstance(event, OutputLimit) and event.limit == 10_000
        assert event.output.startswith("…") and set(event.output[1:]) == {"x", "\n"}
        assert len(event.output) == 2049  # the last 2 KB, marked as cut


def test_an_exception_in_the_parent_kills_the_child():
    with pytest.raises(RuntimeError), Sandbox() as box:
        loaded(box, "def f():\n    return 1\n")
        pid = box.pid
        raise RuntimeError("the grader's own bug")
    assert not running(pid)


def test_a_python_that_cannot_start_is_our_error_not_the_learners():
    with pytest.raises(CourseError, match="could not start its sandbox"), \
            Sandbox(Limits(memory=16 * 2**20)) as box:  # too little for NumPy
        box.load(F, "def f():\n    return 1\n", "f")


# Every way out of grade() kills the learner's process group.


GRADE_SCRIPT = """
import dataclasses, sys
from mathforml.content.exercises.dot_product.spec import SPEC
from mathforml.course.grader import grade
print(grade(dataclasses.replace(SPEC, timeout=120.0), "dot", sys.argv[1]).status, flush=True)
"""


def start_grading(tmp_path: Path, learner: str) -> subprocess.Popen:
    """Grade learner_files/<learner> in a separate Python, and wait until it has forked."""
    path = shutil.copy(LEARNER_FILES / learner, tmp_path / "dot_product.py")
    with open(path, "a") as f:  # where the sandbox's temporary folder is, for the test
        f.write("\nos.symlink(os.getcwd(), os.path.join(here, 'home'))\n")
    grader = subprocess.Popen([sys.executable, "-c", GRADE_SCRIPT, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(recorded(tmp_path, "children.txt")) < 20:
        assert grader.poll() is None, grader.communicate()
        assert time.monotonic() < deadline, "the learner's code never forked"
        time.sleep(0.05)
    return grader


def test_keyboard_interrupt_in_the_grader_kills_the_group(tmp_path):
    grader = start_grading(tmp_path, "hostile_fork.py")
    grader.send_signal(signal.SIGINT)
    _, stderr = grader.communicate(timeout=60)
    assert grader.returncode != 0 and "KeyboardInterrupt" in stderr
    wait_until_gone(recorded(tmp_path, "pgid.txt"), recorded(tmp_path, "children.txt"))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_a_grader_killed_without_cleanup_still_leaves_nothing(tmp_path, sig):
    grader = start_grading(tmp_path, "hostile_fork.py")
    grader.send_signal(sig)  # no finally runs: the child notices its parent is gone
    grader.communicate(timeout=60)
    assert grader.returncode == -sig
    wait_until_gone(recorded(tmp_path, "pgid.txt"), recorded(tmp_path, "children.txt"))
    home = tmp_path / "home"
    assert home.is_symlink() and not home.exists()  # the sandbox's folder went with it


def test_a_content_error_mid_check_kills_the_group(tmp_path):
    path = shutil.copy(LEARNER_FILES / "hostile_grandchild.py", tmp_path / "dot_product.py")
    broken = dataclasses.replace(SPEC, reference=lambda u, v: [][0])
    with pytest.raises(ContentError):
        grade(broken, "dot", path)
    (sleeper,) = recorded(tmp_path, "children.txt")
    wait_until_gone(recorded(tmp_path, "pgid.txt"), [sleeper])


def test_the_parents_own_process_group_is_never_touched(tmp_path):
    report = grade(SPEC, "dot", shutil.copy(LEARNER_FILES / "hostile_grandchild.py",
                                            tmp_path / "dot_product.py"), max_examples=5)
    assert report.passed
    (pgid,) = recorded(tmp_path, "pgid.txt")
    assert pgid not in (os.getpgrp(), os.getsid(0))
