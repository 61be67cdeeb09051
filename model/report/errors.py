"""User errors of the results layer: unknown names, bad weights, years off the horizon.

All are :class:`~model.errors.ThesisModelError` subclasses, so the command line reports them as
one line (exit code 2) rather than a traceback, and none lets a typo become a silent wrong number.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from model.errors import ThesisModelError


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


class UnknownNameError(ThesisModelError, KeyError):
    """A name (output, scenario, claim) that does not exist.

    Parameters
    ----------
    kind : str
        What kind of name it is, e.g. ``"output"``.
    name : str
        The unknown name.
    candidates : iterable of str
        The names that exist (used for the did-you-mean hint).
    """

    def __init__(self, kind: str, name: str, candidates: Iterable[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.candidates = tuple(sorted(set(candidates)))
        hint = did_you_mean(name, self.candidates)
        self.message = f"unknown {kind} {name!r}" + (f"; {hint}" if hint else "")
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError would otherwise print the message in quotes.
        return self.message


class UnknownOutputError(UnknownNameError):
    """An output or input name that the run did not produce."""

    def __init__(self, name: str, candidates: Iterable[str] = ()) -> None:
        super().__init__("output", name, candidates)


class UnknownScenarioError(UnknownNameError):
    """A scenario name that the thesis (or the comparison) does not have."""

    def __init__(self, name: str, candidates: Iterable[str] = ()) -> None:
        super().__init__("scenario", name, candidates)


class WeightsError(ThesisModelError, ValueError):
    """Scenario weights that are missing, negative, do not sum to 1 or name unknown scenarios."""


class HorizonError(ThesisModelError, ValueError):
    """A year outside the thesis horizon (or outside the years a question allows).

    Parameters
    ----------
    year : object
        The year asked for.
    years : iterable of int
        The years allowed.
    what : str
        What the allowed years are, for the message.
    """

    def __init__(self, year: object, years: Iterable[int], what: str = "the thesis horizon"):
        self.year = year
        self.years = tuple(years)
        span = f"{self.years[0]}..{self.years[-1]}" if self.years else "none"
        super().__init__(f"year {year!r} is outside {what} ({span})")


class StatementError(ThesisModelError, ValueError):
    """A probability statement that does not give one truth value per path."""


class ExportError(ThesisModelError):
    """An export target that cannot be written (for example an existing folder, no overwrite)."""
