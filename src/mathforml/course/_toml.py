"""TOML reading on every supported Python (``tomllib`` arrived in 3.11)."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["loads", "TOMLDecodeError"]

loads = tomllib.loads
TOMLDecodeError = tomllib.TOMLDecodeError
