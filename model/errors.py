"""Exceptions raised for user errors.

Every error a user can cause (a bad thesis file, impossible parameters, a bad run setting, a
malformed expression) is a :class:`ThesisModelError`. The command line prints these as one line
and exits with a non-zero code instead of showing a traceback.

The errors of the later stages (unknown names, bad settings or weights, years off the horizon)
are user errors too, so none lets a typo become a silent wrong number. :class:`WriteError` is
different: a folder or file that cannot be written is a failure of the run (exit code 1),
reported with the target the user named.
"""

from __future__ import annotations

import copy
import numbers
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from model._messages import (
    MAX_FIELD_CHARS,
    MAX_MESSAGE_CHARS,
    _article,
    _clip,
    did_you_mean,
    excerpt,
)


class ThesisModelError(Exception):
    """Base class of all errors caused by user input."""


class ThesisError(ThesisModelError):
    """A thesis file is invalid.

    Parameters
    ----------
    message : str
        What is wrong.
    file : str, optional
        The file that holds the problem.
    line : int, optional
        1-based line number in that file.
    field : str, optional
        Dotted path of the offending field, e.g. ``assumptions.ai_share.sd``.
    expected : str, optional
        What would have been accepted.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.expected = expected
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = _clip(self.file, 300) + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        field = _clip(self.field, MAX_FIELD_CHARS) + ": " if self.field else ""
        text = f"{self.message}"
        if self.expected and "expected" not in self.message:
            text += f" (expected {self.expected})"
        # One line, whatever the message quotes.
        text = _clip(" ".join(text.split()), MAX_MESSAGE_CHARS)
        return f"{where}{field}{text}"


#: The scenario whose checks or run are under way (None: the base case), for :func:`warn`.
_SCENARIO: ContextVar[str | None] = ContextVar("thesis_scenario", default=None)
#: A located message: ``file:line: field: `` (or ``file:line: ``) then the text.
_LOCATED = re.compile(r"^(.+?:\d+: (?:[\w.\[\]-]+: )?)(.*)$", re.S)
#: The scenario mark :func:`scenario_marked` puts after a message's location.
_MARK = re.compile(r"^(.+?:\d+: (?:[\w.\[\]-]+: )?|)in scenario '([^']+)': (.*)$", re.S)


@contextmanager
def in_scenario(name: str | None) -> Iterator[None]:
    """Name the scenario in a :class:`ThesisError` raised at a line outside the scenario's own
    entries (a base line that only the scenario's overrides break), and in the warnings given
    meanwhile (:func:`warn`, :func:`scenario_marked`); the base case as it is."""
    token = _SCENARIO.set(name if name and name != "base" else None)
    try:
        yield
    except ThesisError as exc:
        mark = f"in scenario '{name}'"
        if not name or name == "base" or (exc.field or "").startswith(f"scenarios.{name}."):
            raise
        if mark in exc.message or f"'{name}'" in exc.message:  # it names the scenario
            raise
        new = copy.copy(exc)
        new.message = f"{mark}: {exc.message}"
        new.args = (str(new),)
        raise new from None
    finally:
        _SCENARIO.reset(token)


def scenario_marked(message: str, name: str | None) -> str:
    """``message`` naming scenario ``name`` after its location (``file:line: field: in scenario
    'bull': ...``), unless it names it already or is located at the scenario's own entries; the
    base case's as it is."""
    if not name or name == "base":
        return message
    if f"scenario '{name}'" in message or f"scenarios.{name}." in message:
        return message  # names it already, or is placed at its own entries
    found = _LOCATED.match(message)
    if found is None:
        return f"in scenario '{name}': {message}"
    return f"{found.group(1)}in scenario '{name}': {found.group(2)}"


def scenario_unmarked(message: str) -> tuple[str, str | None]:
    """``message`` without the mark :func:`scenario_marked` puts in, and the scenario it named
    (None when it has none)."""
    found = _MARK.match(message)
    if found is None:
        return message, None
    return found.group(1) + found.group(3), found.group(2)


class ParameterError(ThesisModelError, ValueError):
    """Distribution or model parameters are impossible (for example ``sd <= 0``).

    Parameters
    ----------
    message : str
        What is wrong.
    field : str, optional
        The parameter name, e.g. ``sd``.
    expected : str, optional
        What would have been accepted.
    at : tuple, optional
        Where in the thesis file the parameter is written (``("model", "lines", "sales")``), so
        a caller holding the thesis can name its file and line.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        expected: str | None = None,
        at: tuple[str | int, ...] | None = None,
    ):
        self.message = message
        self.field = field
        self.expected = expected
        self.at = at
        super().__init__(message if not field else f"{field}: {message}")


class EngineError(ThesisModelError):
    """A run setting is invalid, a model returned bad output, or a chunk failed.

    ``at``, ``located`` and ``expected`` carry, for a chunk that failed on a parameter error
    saying where it is wired in the thesis (:attr:`ParameterError.at`), that place, the error's
    own message and what it would have accepted; ``output``, for a chunk that failed on an
    output that is not a finite number (or too large for its summaries), that output's name.
    """

    at: tuple[str | int, ...] | None = None
    located: str | None = None
    expected: str | None = None
    output: str | None = None


class ResourceLimitError(EngineError):
    """A run that cannot fit the machine (memory), refused before it starts."""


class ExpressionError(ThesisModelError):
    """An expression (derived assumption or scorecard statement) cannot be parsed or evaluated.

    ``derived`` names the derived assumption the expression defines, when it defines one.
    """

    derived: str | None = None


# ---------------------------------------------------------------------- results and later stages

E = TypeVar("E", bound=Enum)


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
    none : str, optional
        What to say when there are no candidates at all (why none exists, what makes one),
        so that the message does not read as a misspelling.
    """

    def __init__(
        self, kind: str, name: str, candidates: Iterable[str] = (), *, none: str | None = None
    ) -> None:
        self.kind = kind
        self.name = name
        self.candidates = tuple(sorted(set(candidates)))
        self.message: str
        if isinstance(name, str) and none is not None and not self.candidates:
            self.message = f"unknown {kind} {name!r}: {none}" if name else none
        elif isinstance(name, str):
            hint = did_you_mean(name, self.candidates)
            self.message = f"unknown {kind} {name!r}" + (f"; {hint}" if hint else "")
        else:
            # A list or a number where a name goes: say so rather than look it up.
            self.message = (
                f"{_article(kind)} {kind} name must be a string, "
                f"got {type(name).__name__} {_clip(repr(name), 60)}"
            )
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError would otherwise print the message in quotes.
        return self.message


def choose(enum: type[E], value: object, what: str) -> E:
    """Coerce a value to a member of a closed choice.

    Parameters
    ----------
    enum : Enum subclass
        The choices, e.g. :class:`~model.engine.spec.Method`.
    value : object
        A member or its value (``"lhs"``).
    what : str
        What is being chosen, for the message (``"sampling method"``).

    Returns
    -------
    Enum member

    Raises
    ------
    SettingsError
        Naming the accepted values and the closest one.
    """
    try:
        return enum(value)
    except ValueError:
        options = [str(m.value) for m in enum]
        hint = did_you_mean(str(value), options)
        listed = ", ".join(repr(o) for o in options)
        suffix = f"; {hint}" if hint.startswith("did") else ""
        raise SettingsError(f"unknown {what} {value!r}; expected one of {listed}{suffix}") from None


class UnknownOutputError(UnknownNameError):
    """An output or input name that the run did not produce."""

    def __init__(self, name: str, candidates: Iterable[str] = ()) -> None:
        super().__init__("output", name, candidates)


class UnknownScenarioError(UnknownNameError):
    """A scenario name that the thesis (or the comparison) does not have."""

    def __init__(self, name: str, candidates: Iterable[str] = (), *, role: str = "") -> None:
        super().__init__("scenario", name, candidates)
        if name == "blend":  # a reserved name (README), asked for as if it were a scenario
            self.message += (
                "; the probability-weighted blend is not a scenario of the file: "
                "run it with model.blend(thesis) (on the command line, thesis run --blend)"
            )
            self.args = (self.message,)
        if role:  # a default case name (bull=...) the thesis lacks: say which argument picks it
            self.message += f"; name the scenario that plays the {role} case with {role}=NAME"
            self.args = (self.message,)


class UnknownViewError(UnknownNameError):
    """A view tag that no scenario of the thesis carries."""

    def __init__(self, name: str, candidates: Iterable[str] = ()) -> None:
        super().__init__("view", name, candidates)
        known = ", ".join(self.candidates) or "none"
        self.message = f"no scenario has view {name!r}; known views: {known}"
        self.args = (self.message,)


class SettingsError(ThesisModelError, ValueError):
    """A run setting or an argument of a results method that is out of range or of a wrong kind.

    For example ``n_paths=0``, an unknown sampling method, a confidence level of 1.5 or a Sobol'
    base sample that is not a power of 2. Raised before anything runs, so it is bad input rather
    than a failed run.
    """


class WrongKindError(SettingsError, TypeError):
    """An argument of the wrong kind: a thesis, None or a file name where a result was expected.

    A :class:`SettingsError` (bad input) and a ``TypeError``, as Python code would expect.
    """


class EmptySampleError(ThesisModelError, ValueError):
    """A statistic asked of a sample with too few finite values to estimate it."""


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
        if whole_year(year) is None:
            # 2030.5, '20x' or None is a wrong kind of value, not a year outside the range.
            example = self.years[0] if self.years else 2025
            kind = type(year).__name__
            super().__init__(
                f"a year must be a whole number such as {example}, got {kind} {year!r}"
            )
            return
        super().__init__(f"year {year!r} is outside {what} ({span})")


def whole_year(year: object) -> int | None:
    """``year`` as an int when it is a whole number (2030, 2030.0, numpy's, '2030'), else None."""
    if isinstance(year, bool):
        return None
    if isinstance(year, numbers.Integral):
        return int(year)
    if isinstance(year, numbers.Real):
        value = float(year)
        return int(value) if value.is_integer() else None
    if isinstance(year, str) and year.strip().isdigit():
        return int(year.strip())
    return None


class FlatOutputError(ThesisModelError, ValueError):
    """An output asked to be explained by its inputs has the same value on every path.

    Nothing is left for a sensitivity analysis to share out, so the question is bad input (pick
    another output or year) rather than a failed run.

    Parameters
    ----------
    output : str
        The output's name.
    year : int, optional
        The year looked at; None for an output without years.
    among : str
        Which values were compared, for the message.
    """

    def __init__(self, output: str, year: int | None, among: str = "the usable paths of the run"):
        self.output = output
        self.year = year
        when = f" in {year}" if year is not None else ""
        super().__init__(
            f"output {output!r} does not vary{when}: it has one value across {among}, so no "
            f"input explains any of it; choose another output{' or year' if when else ''}"
        )


class StatementError(ThesisModelError, ValueError):
    """A probability statement that does not give one truth value per path."""


class ExportError(ThesisModelError):
    """An export target that cannot be written (for example an existing folder, no overwrite)."""


class WriteError(OSError):
    """A file or folder that cannot be written, reported with the target the user named.

    Writes go through temporary names next to the target; the operating system's message would
    name those (``/out/.x.tmp-3k2j``), which means nothing to the user. This error names the
    target instead and keeps the reason.

    Parameters
    ----------
    target : str
        The file or folder the user asked for.
    reason : str
        Why it failed, e.g. ``"Permission denied"``.
    errno : int, optional
        The operating system's error number, when there is one.
    """

    def __init__(self, target: str, reason: str, errno: int | None = None) -> None:
        super().__init__(errno, reason)
        self.target = str(target)
        self.reason = reason

    @classmethod
    def wrap(cls, target: object, exc: OSError) -> WriteError:
        """A :class:`WriteError` for ``target`` from the error a write raised."""
        reason = exc.reason if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        return cls(str(target), reason or type(exc).__name__, exc.errno)

    def __str__(self) -> str:
        return f"cannot write to {self.target}: {self.reason}"


class ThesisModelWarning(UserWarning):
    """A warning of the toolkit: something was left out or approximated, and the result says so.

    Issued through :func:`warn`, so the warning points at the caller's line (a notebook cell or
    a script), not at a line inside the package, and reads as one short line.
    """


class MissingExtraError(ThesisModelError, ImportError):
    """An optional part of the toolkit needs a library that is not installed."""


def missing_extra(what: str, library: str, extra: str) -> MissingExtraError:
    """The error for an optional feature whose library is missing, naming the extra to install.

    Parameters
    ----------
    what : str
        The feature, e.g. ``"Excel output"``.
    library : str
        The missing library, e.g. ``"openpyxl"``.
    extra : str
        The project's extra that installs it, e.g. ``"excel"``.
    """
    return MissingExtraError(
        f'{what} needs {library}, which is not installed: pip install "thesis-model[{extra}]" '
        f'(in a clone of the repository: pip install -e ".[{extra}]")'
    )


def _outside_package_level() -> int:
    """``stacklevel`` of the innermost frame outside this package (as seen from :func:`warn`)."""
    import sys
    from types import FrameType

    package = __name__.partition(".")[0] + "."
    frame: FrameType | None = sys._getframe(2)  # the caller of warn()
    level = 2
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not (module == package[:-1] or module.startswith(package)):
            return level
        frame = frame.f_back
        level += 1
    return 2


def warn(message: str, category: type[Warning] = ThesisModelWarning) -> None:
    """Issue a warning attributed to the first caller outside the package.

    Parameters
    ----------
    message : str
        One short line; details belong on the result (for example its ``notes``).
    category : type of Warning
        :class:`ThesisModelWarning` unless a more specific class fits.
    """
    import warnings

    if issubclass(category, ThesisModelWarning):
        # Said while a scenario is checked or run: a reader of four like warnings must tell
        # which scenario each is about.
        message = scenario_marked(message, _SCENARIO.get())
    warnings.warn(message, category, stacklevel=_outside_package_level())


# ---------------------------------------------------------------------- arguments of the wrong kind
# What the charts and model.watch take, checked before anything is drawn or run. A chart handed
# the wrong object (the thesis instead of its run, None, a file name) would otherwise fail deep
# inside with an AttributeError naming some attribute. The check is by the attributes a chart
# reads, not by class, so a result rebuilt by a user (or a stand-in in a notebook) still draws.


@dataclass(frozen=True)
class ArgumentKind:
    """One kind of object a chart is drawn from.

    Attributes
    ----------
    what : str
        How messages name it, with where it comes from.
    needs : tuple of tuple of str
        Alternatives: the object fits when it has every attribute of one of them.
    """

    what: str
    needs: tuple[tuple[str, ...], ...]

    def fits(self, obj: Any) -> bool:
        """Whether ``obj`` has every attribute of one alternative."""
        return any(all(hasattr(obj, a) for a in names) for names in self.needs)


_RESULT = ("outputs", "final", "years", "n_paths")
RESULT = ArgumentKind("a simulation result (from model.simulate)", (_RESULT,))
COMPARISON = ArgumentKind("a scenario comparison (from model.compare)", (("results",),))
RESULT_OR_COMPARISON = ArgumentKind(
    "a simulation result or a scenario comparison (from model.simulate or model.compare)",
    (_RESULT, ("results",)),
)
TORNADO = ArgumentKind(
    'a tornado result (from model.sensitivity(thesis, method="tornado"))',
    (("central_value", "bars"),),
)
RANK = ArgumentKind(
    'a rank-correlation result (from model.sensitivity(thesis, method="rank"))',
    (("entries", "n_paths", "conf_level"),),
)
SOBOL = ArgumentKind(
    """a Sobol' result (from model.sensitivity(thesis, method="sobol"))""",
    (("entries", "n_base"),),
)
IMPLIED = ArgumentKind(
    "an implied-value result (from model.implied)", (("grid", "assumption", "value"),)
)
ATTRIBUTION = ArgumentKind(
    "an attribution (from model.attribute)", (("groups", "median", "members"),)
)
WATCH_LIST = ArgumentKind("a watch list (from model.watch)", (("items", "median"),))
BACKTEST = ArgumentKind("a backtest (from model.backtest)", (("table", "scenario"),))
CONDITIONED = ArgumentKind("a conditioned result (from model.condition)", (("prior", "weights"),))


def _shown(obj: Any) -> str:
    if obj is None:
        return "None"
    if isinstance(obj, str):
        return f"str {excerpt(obj, 40)!r}"
    name = type(obj).__name__
    return f"{_article(name)} {name}"


def expect(obj: Any, kind: ArgumentKind, argument: str = "the first argument") -> None:
    """Raise :class:`~model.errors.WrongKindError` unless ``obj`` is of ``kind``.

    Parameters
    ----------
    obj : object
        What the caller was given.
    kind : ArgumentKind
        What it should be.
    argument : str
        Which argument it is, for the message.

    Raises
    ------
    WrongKindError
        Saying what was expected and what came.
    """
    if kind.fits(obj):
        return
    # The likeliest near misses: the thesis a result is made from, a comparison where one run
    # is drawn, a table a result gave (pandas objects have .to_frame or .columns).
    hint = ""
    if hasattr(obj, "to_spec") and hasattr(obj, "scenarios"):
        hint = "; make one from the thesis first"
    elif kind is RESULT and COMPARISON.fits(obj):
        hint = f"; pick one scenario of it, e.g. comparison[{next(iter(obj.results), '')!r}]"
    elif hasattr(obj, "columns") or type(obj).__name__ == "Series":
        hint = "; pass the result itself, not its table"
    raise WrongKindError(f"{argument} must be {kind.what}, got {_shown(obj)}{hint}")
