"""Boot script of the grader's sandbox: the one process that runs the learner's code.

``sandbox.py`` starts it as ``python -I -B -u _child.py REQ_FD RESP_FD LIMITS_JSON`` in a
new session. It applies its own resource limits (no ``preexec_fn``: unsafe when the
parent has threads), imports NumPy and the protocol module (by path: this process never
imports ``mathforml``, and the learner's code may not either), says hello, loads the
learner's source (the very text the parent checked) and then answers one call per request
until the parent closes the pipe. It reports what the learner's function returned or
raised; the verdict is always the parent's. Standard library and NumPy only.
"""

import importlib.util
import itertools
import json
import linecache
import os
import signal
import struct
import sys
import threading
import time
import types

_HEADER = struct.Struct(">I")
_MAX_FRAMES = 5  # traceback frames kept at each end of a long (recursive) traceback
_MAX_TEXT = 500
# Private references: learner code that rebinds os.read or json.loads cannot reach these.
_read, _write, _exit, _loads = os.read, os.write, os._exit, json.loads


def apply_limits(limits: dict) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent refuses to run there anyway
        return
    wanted = [
        ("RLIMIT_AS", limits["memory"], limits["memory"]),
        # soft < hard: SIGXCPU first, which the parent can tell from a plain kill
        ("RLIMIT_CPU", limits["cpu"], limits["cpu"] + 5),
        ("RLIMIT_FSIZE", limits["file_size"], limits["file_size"]),
        ("RLIMIT_CORE", 0, 0),
        ("RLIMIT_NOFILE", limits["open_files"], limits["open_files"]),
    ]
    for name, soft, hard in wanted:
        which = getattr(resource, name, None)
        if which is None:
            continue
        _, current_hard = resource.getrlimit(which)
        if current_hard != resource.RLIM_INFINITY:
            hard = min(hard, current_hard)
        try:
            resource.setrlimit(which, (min(soft, hard), hard))
        except (ValueError, OSError):  # e.g. macOS does not enforce RLIMIT_AS
            pass


def watch_parent(ppid: int, home: str) -> None:
    """If the grader dies without cleaning up (SIGKILL, closed terminal), do it for it:
    remove the temporary working folder, then end the whole process group."""
    while True:
        time.sleep(0.2)
        if os.getppid() != ppid:
            import shutil

            shutil.rmtree(home, ignore_errors=True)
            os.killpg(0, signal.SIGKILL)


class BlockMathforml:
    """An import hook: the learner writes the computation, not a call to mathforml."""

    def find_spec(self, name, path=None, target=None):
        if name == "mathforml" or name.startswith("mathforml."):
            raise ImportError("the grader runs your code without mathforml: "
                              "the exercise is to write the computation yourself")
        return None


def load_protocol():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "_mathforml_grader_protocol", os.path.join(here, "protocol.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


def receive(fd: int) -> dict:
    def exactly(n: int) -> bytes:
        data = bytearray()
        while len(data) < n:
            chunk = _read(fd, n - len(data))
            if not chunk:  # the parent closed the pipe: the check is over
                _exit(0)
            data += chunk
        return bytes(data)

    (length,) = _HEADER.unpack(exactly(_HEADER.size))
    return _loads(exactly(length).decode("utf-8"))


def safe_text(obj) -> str:
    try:
        text = str(obj)
        if not isinstance(text, str):
            raise TypeError
    except BaseException:  # a __str__ that raises must not end the child
        text = "<unprintable>"
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def frame_info(code, lineno: int, lasti: int, path: str) -> dict:
    """One learner frame: file, line, function, source line and 1-based column."""
    source = linecache.getline(path, lineno)
    column = None
    positions = getattr(code, "co_positions", None)  # Python 3.11+
    if positions is not None and lasti >= 0:
        where = next(itertools.islice(positions(), lasti // 2, None), None)
        if where is not None and where[2] is not None:  # a UTF-8 byte offset
            column = len(source.encode("utf-8")[: where[2]].decode("utf-8", "ignore")) + 1
    # The whole line, indentation kept: ``column`` counts from its start, as an editor does.
    return {"file": path, "line": lineno, "function": code.co_name,
            "source": source.rstrip("\r\n"), "column": column}


def shorten(entries: list, path: str) -> tuple[list, int]:
    """Keep the first and last frames of a long (recursive) list; count the rest."""
    omitted = max(0, len(entries) - 2 * _MAX_FRAMES)
    if omitted:
        entries = entries[:_MAX_FRAMES] + entries[-_MAX_FRAMES:]
    return [frame_info(*entry, path) for entry in entries], omitted


def describe_exception(exc: BaseException, path: str) -> dict:
    """The learner's frames only (file, line, function, source), then type and message."""
    entries, tb = [], exc.__traceback__
    while tb is not None:  # by hand: a deep recursion has too many frames to format all
        if tb.tb_frame.f_code.co_filename == path:
            entries.append((tb.tb_frame.f_code, tb.tb_lineno or 0, tb.tb_lasti))
        tb = tb.tb_next
    frames, omitted = shorten(entries, path)
    cls = type(exc)
    name = cls.__qualname__ if cls.__module__ == "builtins" else \
        f"{cls.__module__}.{cls.__qualname__}"
    if isinstance(exc, NotImplementedError):
        category = "not_implemented"
    elif isinstance(exc, MemoryError):
        category = "memory"
    else:
        category = "error"
    return {"kind": "raised", "category": category, "exception": safe_text(name),
            "message": safe_text(exc), "frames": frames, "omitted": omitted}


def exit_code(exc: SystemExit):
    code = exc.code
    return code if code is None or type(code) is int else safe_text(repr(code))


# Set while learner code runs, so that SIGUSR1 ("where are you?") only answers then.
CURRENT = {"calling": False, "seq": 0, "path": ""}


def where_am_i(send):
    """A SIGUSR1 handler: report the learner's frames the main thread is running now."""

    def handler(signum, frame):
        if not CURRENT["calling"]:
            return
        path, entries, depth = CURRENT["path"], [], 0
        while frame is not None and depth < 10_000:  # innermost first
            if frame.f_code.co_filename == path:
                entries.append((frame.f_code, frame.f_lineno or 0, frame.f_lasti))
            frame, depth = frame.f_back, depth + 1
        frames, omitted = shorten(entries[::-1], path)
        send({"seq": CURRENT["seq"], "kind": "stack", "frames": frames, "omitted": omitted})

    return handler


def run(thunk, path: str, protocol) -> dict:
    """Run learner code; describe what came out (a value, an exception, a sys.exit)."""
    try:
        CURRENT["calling"] = True
        try:
            value = thunk()
        finally:
            CURRENT["calling"] = False
    except SystemExit as exc:
        return {"kind": "exit", "code": exit_code(exc)}
    except BaseException as exc:  # KeyboardInterrupt too: the learner raised it, not a user
        return describe_exception(exc, path)
    try:
        return {"kind": "value", "value": protocol.encode_value(value)}
    except BaseException as exc:  # learner code broke something encoding relies on
        return {"kind": "internal", "detail": safe_text(f"{type(exc).__name__}: {exc}")}


def load(message: dict, protocol) -> tuple[dict, object]:
    path, source, function = message["path"], message["source"], message["function"]
    # Tracebacks show the text that was checked, even if the file changes meanwhile.
    linecache.cache[path] = (len(source), None, source.splitlines(True), path)
    stem = os.path.splitext(os.path.basename(path))[0]
    name = stem if stem.isidentifier() and stem not in sys.modules else "__learner__"
    module = types.ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module
    sys.path.insert(0, os.path.dirname(path))  # the learner's own helper modules import
    sys.argv = [path]

    def execute():
        exec(compile(source, path, "exec", dont_inherit=True), vars(module))

    reply = run(execute, path, protocol)
    if reply["kind"] != "value":
        return reply, None
    namespace = vars(module)
    if function not in namespace:
        defined = sorted(k for k, v in namespace.items()
                         if type(v) is types.FunctionType and v.__code__.co_filename == path)
        return {"kind": "missing", "defined": defined[:20], "found": None}, None
    fn = namespace[function]
    if not callable(fn):
        return {"kind": "missing", "defined": [], "found": protocol._type_name(fn)}, None
    params = None
    if type(fn) is types.FunctionType and fn.__code__.co_posonlyargcount == 0:
        code = fn.__code__
        params = list(code.co_varnames[: code.co_argcount])
    return {"kind": "loaded", "params": params}, fn


def main() -> None:
    parent = os.getppid()
    req, resp = int(sys.argv[1]), int(sys.argv[2])
    apply_limits(json.loads(sys.argv[3]))
    for fd in (req, resp):  # subprocesses the learner starts do not inherit the channel
        os.set_inheritable(fd, False)
    import numpy  # noqa: F401  (before the learner's folder joins sys.path)

    protocol = load_protocol()
    encode_frame = protocol.encode_frame

    def send(message: dict) -> None:
        try:
            data = encode_frame(message)
        except BaseException as exc:  # e.g. learner code replaced json.dumps
            data = encode_frame({"seq": message["seq"], "kind": "internal",
                                 "detail": safe_text(f"{type(exc).__name__}: {exc}")})
        view = memoryview(data)
        while view:
            view = view[_write(resp, view):]

    signal.signal(signal.SIGUSR1, where_am_i(send))
    sys.meta_path.insert(0, BlockMathforml())
    threading.Thread(target=watch_parent, args=(parent, os.getcwd()), daemon=True).start()
    send({"seq": 0, "kind": "hello", "pid": os.getpid()})

    message = receive(req)
    CURRENT.update(seq=message["seq"], path=message["path"])
    reply, fn = load(message, protocol)
    send({"seq": message["seq"], **reply})
    if fn is None:
        return
    path = message["path"]
    while True:
        message = receive(req)
        CURRENT["seq"] = message["seq"]
        try:
            args = [protocol.decode_value(a) for a in message["args"]]
        except BaseException as exc:
            send({"seq": message["seq"], "kind": "internal", "detail": safe_text(exc)})
            continue
        send({"seq": message["seq"], **run(lambda args=args: fn(*args), path, protocol)})


if __name__ == "__main__":
    try:
        main()
    except BaseException as exc:
        # Our own failure, or learner code that broke what we use (closed the channel,
        # replaced os.write): the parent reads exit code 70 and this line of output.
        try:
            sys.__stderr__.write(f"[grader] {type(exc).__name__}: {safe_text(exc)}\n")
        finally:
            _exit(70)
    _exit(0)
