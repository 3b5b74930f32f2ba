"""The sandbox: one resource-limited child process that runs the learner's code.

The child (``_child.py``) starts in a new session, so it and anything it forks form one
process group that the grader kills with SIGKILL on every way out: a normal end, a
timeout, too much output, an exception in the grader, KeyboardInterrupt (``close`` runs
from ``__exit__``). That holds as root, where ``RLIMIT_NPROC`` does nothing. Then a sweep
of ``/proc`` kills what left the group: the child's descendants (found before it dies,
even after ``os.setsid``) and its session's members. A child whose grader died without
cleaning up (SIGKILL, a closed terminal) removes its folder and ends its own group.

The channel is two pipes passed with ``pass_fds`` (requests in, replies out), separate
from stdout and stderr, which the grader reads only as the learner's printed output, with
a byte cap. Every exchange has a wall-clock limit.

This is protection against accidents (an infinite loop, a 10 GB allocation, a fork
loop), not a security boundary: the learner runs their own code on their own machine.
A daemon (fork, ``setsid``, fork again, the middle one exits) escapes every sweep;
outside Linux only the process group is killed.

>>> with Sandbox() as box:
...     event = box.load("/tmp/demo.py", "def f(x):\\n    return 2 * x\\n", "f")
...     box.call([{"t": "int", "v": 21}], timeout=2.0).message["value"]
{'t': 'int', 'v': 42}
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mathforml.errors import CourseError

from .protocol import FrameReader, ProtocolError, encode_frame

__all__ = [
    "Limits",
    "Reply",
    "Ended",
    "TimedOut",
    "OutputLimit",
    "Garbled",
    "Event",
    "Sandbox",
]

_CHILD = Path(__file__).with_name("_child.py")
_OUTPUT_KEPT = 2048  # characters of printed output a report shows (the end of it)
# Control characters other than tab, newline, carriage return and escape (colours) would
# garble a terminal or a JSON viewer: shown as U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one check (sizes in bytes, times in seconds).

    ``memory`` is RLIMIT_AS (NumPy must still import: 1 GiB leaves room), ``cpu`` the
    RLIMIT_CPU of the whole child, ``output`` what the learner may print in one check;
    ``startup`` bounds Python and NumPy starting (not the learner's time), ``load`` the
    learner's top-level code, ``total`` the whole check. One call's limit is the
    exercise's own ``timeout``.
    """

    memory: int = 2**30
    cpu: int = 60
    file_size: int = 10 * 2**20
    open_files: int = 256
    output: int = 2**20
    startup: float = 30.0
    load: float = 5.0
    total: float = 120.0


# What one exchange with the child can end in.


@dataclass(frozen=True)
class Reply:
    """The child answered: ``message`` is its frame; ``output`` what was printed meanwhile."""

    message: dict
    output: str


@dataclass(frozen=True)
class Ended:
    """The child process ended: ``returncode`` is negative for a signal, as in subprocess."""

    returncode: int
    output: str


@dataclass(frozen=True)
class TimedOut:
    """No answer within ``seconds``; the child has been killed.

    ``where`` is the child's report of the learner's frames it was running when asked
    (SIGUSR1) just before the kill, or None if it could not say.
    """

    seconds: float
    output: str
    where: dict | None = None


@dataclass(frozen=True)
class OutputLimit:
    """The learner printed more than ``limit`` bytes in this check."""

    limit: int
    output: str


@dataclass(frozen=True)
class Garbled:
    """Bytes on the channel that are not the expected reply (learner code wrote to it)."""

    reason: str
    output: str


Event = Reply | Ended | TimedOut | OutputLimit | Garbled


def _child_environment(home: str) -> dict[str, str]:
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LC_ALL": "C.UTF-8",
        # one BLAS thread: predictable timing and far less address space under RLIMIT_AS
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
    }


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # already gone
        pass


def _processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, session id) of every live process (Linux ``/proc``; else empty)."""
    table = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return table
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 3 and fields[0] != b"Z":
            table.append((int(name), int(fields[1]), int(fields[3])))
    return table


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren... of ``pid``, even those that left its session."""
    children: dict[int, list[int]] = {}
    for child, parent, _ in _processes():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_session(sid: int) -> None:
    for _ in range(5):  # a member may fork while we kill: look again
        members = [pid for pid, _, session in _processes() if session == sid]
        if not members:
            return
        _kill(members)


class Sandbox:
    """One child process, its channel and its limits; use it as a context manager.

    ``load(path, source, function)`` starts the child if needed and runs the learner's
    source; ``call(args, timeout)`` sends one call's encoded arguments; both return an
    :data:`Event`. After anything but a :class:`Reply` the child is gone (killed or
    ended): ``close()`` then ``load()`` starts a fresh one.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        if os.name != "posix":
            raise CourseError("the grader needs a POSIX system (Linux or macOS) to sandbox "
                              "exercise code")
        self.limits = limits or Limits()
        self._proc: subprocess.Popen | None = None
        self._printed = 0  # bytes printed in this check, across restarts of the child

    # Starting and stopping.

    def start(self) -> None:
        """Start the child (Python and NumPy boot while the caller does other work)."""
        if self._proc is not None:
            return
        self._home = tempfile.mkdtemp(prefix="mathforml-check-")
        req_read, self._req = os.pipe()
        self._resp, resp_write = os.pipe()
        limits = {"memory": self.limits.memory, "cpu": self.limits.cpu,
                  "file_size": self.limits.file_size, "open_files": self.limits.open_files}
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-I", "-B", "-u", str(_CHILD), str(req_read),
                 str(resp_write), json.dumps(limits)],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                pass_fds=(req_read, resp_write), start_new_session=True, cwd=self._home,
                env=_child_environment(self._home),
            )
        except BaseException:
            for fd in (req_read, resp_write, self._req, self._resp):
                os.close(fd)
            shutil.rmtree(self._home, ignore_errors=True)
            raise
        finally:
            if self._proc is not None:
                os.close(req_read)
                os.close(resp_write)
        self._out = self._proc.stdout.fileno()
        for fd in (self._req, self._resp, self._out):
            os.set_blocking(fd, False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._resp, selectors.EVENT_READ)
        self._selector.register(self._out, selectors.EVENT_READ)
        self._pidfd = None
        if hasattr(os, "pidfd_open"):  # wakes select when the child exits (Linux 5.3+)
            try:
                self._pidfd = os.pidfd_open(self._proc.pid)
                self._selector.register(self._pidfd, selectors.EVENT_READ)
            except OSError:
                self._pidfd = None
        self._reader = FrameReader()
        self._seq = 0
        self._segment = bytearray()  # the end of what was printed in this exchange
        self._hello = False

    @property
    def pid(self) -> int | None:
        """The child's process id, which is also its process group and session id."""
        return self._proc.pid if self._proc is not None else None

    def close(self) -> None:
        """Kill the child's process group and session, reap it, release everything."""
        proc = self._proc
        if proc is None:
            return
        self._proc = None
        try:
            # The family tree first, while the child is alive to anchor it: it finds what
            # left the group and the session (os.setsid) without leaving the family.
            family = _descendants(proc.pid)
            _kill_group(proc.pid)
            _kill(family)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:  # stuck in the kernel; SIGKILL lands later
                pass
            _kill_group(proc.pid)  # what was forked while the child was dying
            _kill_session(proc.pid)
        finally:
            self._selector.close()
            for fd in (self._req, self._resp, self._pidfd):
                if fd is not None:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
            proc.stdout.close()
            shutil.rmtree(self._home, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # Exchanges.

    def load(self, path: str, source: str, function: str) -> Event:
        """Start the child if needed and run the learner's ``source`` as file ``path``.

        Raises CourseError if Python itself cannot start (nothing the learner did).
        """
        self.start()
        if not self._hello:
            event = self._exchange(None, self.limits.startup)
            if not (isinstance(event, Reply) and event.message.get("kind") == "hello"):
                output = getattr(event, "output", "")
                self.close()
                raise CourseError(f"the grader could not start its sandbox ({event}); "
                                  f"output: {output[-500:]}")
            self._hello = True
        return self._exchange(
            {"op": "load", "path": path, "source": source, "function": function},
            self.limits.load,
        )

    def call(self, args: list, timeout: float) -> Event:
        """Call the loaded function on encoded ``args`` (see ``protocol.encode_value``)."""
        return self._exchange({"op": "call", "args": args}, timeout)

    def _exchange(self, message: dict | None, timeout: float) -> Event:
        """Send ``message`` (None: just wait for the hello) and wait for the reply."""
        self._segment.clear()
        self._segment_bytes = 0
        if self._reader.pending:
            return self._fail(Garbled, "bytes arrived on the channel between calls")
        pending = b""
        if message is not None:
            self._seq += 1
            pending = encode_frame({"seq": self._seq, **message})
        deadline = time.monotonic() + timeout
        exited = channel_closed = False
        while True:
            if pending:
                try:
                    pending = pending[os.write(self._req, pending):]
                except BlockingIOError:
                    pass
                except BrokenPipeError:  # the child is gone; its exit status follows
                    pending = b""
            try:
                frame = self._reader.next()
            except ProtocolError as exc:
                return self._fail(Garbled, str(exc))
            if frame is not None:
                if frame["seq"] != self._seq:
                    return self._fail(Garbled, f"reply numbered {frame['seq']}, "
                                               f"expected {self._seq}")
                self._read_output()  # what was printed before the reply is in the pipe now
                if self._printed > self.limits.output:
                    return self._fail(OutputLimit, self.limits.output)
                return Reply(frame, self._output())
            if exited:
                return self._ended()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if channel_closed:
                    return self._fail(Garbled, "the channel was closed")
                where = self._where_stuck()
                output = self._output()
                self.close()
                return TimedOut(timeout, output, where)
            wait = remaining if self._pidfd is not None else min(remaining, 0.05)
            for key, _ in self._selector.select(wait if not pending else min(wait, 0.01)):
                if key.fd == self._out:
                    self._read_output()
                    if self._printed > self.limits.output:
                        return self._fail(OutputLimit, self.limits.output)
                elif key.fd == self._resp:
                    channel_closed = self._read_channel() < 0
                elif key.fd == self._pidfd:
                    exited = True
            if self._pidfd is None and self._proc.poll() is not None:
                exited = True
            if exited:  # take what the child wrote before it ended
                while self._read_channel() > 0:
                    pass
                self._read_output()

    def _where_stuck(self, patience: float = 0.5) -> dict | None:
        """Ask the child which line of the learner's code it is running (a loop's line)."""
        try:
            os.kill(self._proc.pid, signal.SIGUSR1)
        except ProcessLookupError:
            return None
        deadline = time.monotonic() + patience
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                frame = self._reader.next()
            except ProtocolError:
                return None
            if frame is not None:
                if frame.get("kind") == "stack" and frame["seq"] == self._seq:
                    return frame
                return None
            for key, _ in self._selector.select(min(remaining, 0.05)):
                if key.fd == self._resp:
                    self._read_channel()
                elif key.fd == self._out:
                    self._read_output()
        return None

    def _read_channel(self) -> int:
        """Read what the reply pipe holds: bytes read, 0 if none yet, -1 at end of file."""
        try:
            data = os.read(self._resp, 1 << 20)
        except BlockingIOError:
            return 0
        except OSError:
            data = b""
        if not data:
            try:  # at end of file the pipe stays readable: stop watching it
                self._selector.unregister(self._resp)
            except (KeyError, ValueError):
                pass
            return -1
        self._reader.feed(data)
        return len(data)

    def _read_output(self) -> None:
        while True:
            try:
                data = os.read(self._out, 1 << 16)
            except (BlockingIOError, OSError):
                return
            if not data:
                try:
                    self._selector.unregister(self._out)
                except (KeyError, ValueError):
                    pass
                return
            self._printed += len(data)
            self._segment_bytes += len(data)
            self._segment += data
            if len(self._segment) > 4 * _OUTPUT_KEPT:
                del self._segment[: -2 * _OUTPUT_KEPT]
            if self._printed > self.limits.output:
                return

    def _output(self) -> str:
        text = _CONTROL.sub("\ufffd", bytes(self._segment).decode("utf-8", "replace"))
        if len(text) > _OUTPUT_KEPT or self._segment_bytes > len(self._segment):
            return "…" + text[-_OUTPUT_KEPT:].lstrip("\ufffd")
        return text

    def _ended(self) -> Ended:
        returncode = self._proc.wait()
        output = self._output()
        self.close()
        return Ended(returncode, output)

    def _fail(self, kind, detail) -> Event:
        """Kill the child, then describe why: ``kind(detail, output)``."""
        output = self._output()
        self.close()
        return kind(detail, output)
