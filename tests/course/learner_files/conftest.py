"""The files here are learners' exercise files for the grader's tests, several of them
hostile (infinite loops, ``os._exit`` at import): pytest must never import them, which
``--doctest-modules`` would otherwise do. The tests copy them and grade the copies."""

collect_ignore_glob = ["*.py"]
