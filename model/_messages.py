"""How a message quotes what a user wrote: cut to one short line, a runaway text clipped in its
middle, the closest names suggested for a misspelt one, and the article a noun takes.

A shared leaf below :mod:`model.errors`, which re-exports what it names here; it imports
nothing of the package.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["MAX_FIELD_CHARS", "MAX_MESSAGE_CHARS", "did_you_mean", "excerpt"]


#: Longest message printed for one error: whatever a file holds, the error stays one short line.
MAX_MESSAGE_CHARS = 1000
#: Longest field path printed (a runaway key name is cut).
MAX_FIELD_CHARS = 120


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to about ``limit`` characters with ``...`` where cut.

    Messages quote what a user wrote (a unit, a name, a value); a file that is not what it
    should be (a binary, a copy of another file) must not be printed at length.

    Parameters
    ----------
    text : str
    limit : int
        Longest result (at least 8).

    Returns
    -------
    str
        Control characters shown as ``?``.
    """
    limit = max(8, limit)
    head = text[: limit + 1]
    flat = "".join(c if c.isprintable() else " " if c in "\t\n\r" else "?" for c in head)
    if len(text) > limit:
        return flat[: limit - 3].rstrip() + "..."
    return flat


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


def did_you_mean(name: str, candidates: Iterable[str], *, limit: int = 3) -> str:
    """A short hint naming the closest candidates, or listing a few when none is close.

    Parameters
    ----------
    name : str
        The name the user gave.
    candidates : iterable of str
        The names that exist.
    limit : int
        How many names to suggest at most.

    Returns
    -------
    str
        Text such as ``"did you mean 'bull'?"``; empty when there are no candidates.
    """
    pool = sorted(set(candidates))
    if not pool:
        return ""
    close = difflib.get_close_matches(name, pool, n=limit, cutoff=0.6)
    if not close:
        # A prefix or substring match helps with long generated names (share_cloud_alibaba).
        close = [c for c in pool if name and (name in c or c in name)][:limit]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = ", ".join(pool[:12]) + (", ..." if len(pool) > 12 else "")
    return f"known: {shown}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
