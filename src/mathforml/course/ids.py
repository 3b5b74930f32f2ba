"""Looking things up by id, with a suggestion when the id is unknown."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import UnknownIdError

__all__ = ["closest", "unknown"]


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known id nearest to ``name`` (for "did you mean …?"), or None if none is close.

    >>> closest("dot_prodcut", ["dot_product", "norm"])
    'dot_product'
    """
    known = list(known)
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    if matches:
        return matches[0]
    # A prefix or a part of an id ("dot" for "dot_product") is a likely intent too.
    partial = [k for k in known if name and (k.startswith(name) or name in k)]
    return partial[0] if partial else None


def unknown(kind: str, name: str, known: Iterable[str],
            listing: str = "mathforml list") -> UnknownIdError:
    """The error for an unknown id, suggesting the closest known one.

    Without a close id, a short list of ids is given in full, a long one is left to the
    command ``listing`` that shows them all.

    >>> print(unknown("exercise", "dot_prodcut", ["dot_product"]))
    no exercise called 'dot_prodcut'; did you mean 'dot_product'?
    >>> print(unknown("concept", "zz", [f"c{i}" for i in range(20)], "mathforml concept"))
    no concept called 'zz'; `mathforml concept` shows all 20
    """
    known = sorted(known)
    suggestion = closest(name, known)
    if suggestion is not None:
        hint = f"did you mean {suggestion!r}?"
    elif len(known) <= 12:
        hint = f"the {kind} ids are: {', '.join(known)}"
    else:
        hint = f"`{listing}` shows all {len(known)}"
    return UnknownIdError(f"no {kind} called {name!r}; {hint}")
