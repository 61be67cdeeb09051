"""Exceptions raised for user errors.

Every error a user can cause (a bad thesis file, impossible parameters, a bad run setting, a
malformed expression) is a :class:`ThesisModelError`. The command line prints these as one line
and exits with a non-zero code instead of showing a traceback.
"""

from __future__ import annotations


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
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        text = f"{where}{self.field + ': ' if self.field else ''}{self.message}"
        if self.expected and "expected" not in self.message:
            text += f" (expected {self.expected})"
        return text


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
    """

    def __init__(self, message: str, *, field: str | None = None, expected: str | None = None):
        self.message = message
        self.field = field
        self.expected = expected
        super().__init__(message if not field else f"{field}: {message}")


class EngineError(ThesisModelError):
    """A run setting is invalid, a model returned bad output, or a chunk failed."""


class ExpressionError(ThesisModelError):
    """An expression (derived assumption or scorecard statement) cannot be parsed or evaluated."""


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
        f'{what} needs {library}, which is not installed: pip install "thesis-model[{extra}]"'
    )


def _outside_package_level() -> int:
    """``stacklevel`` of the innermost frame outside this package (as seen from :func:`warn`)."""
    import sys

    package = __name__.partition(".")[0] + "."
    frame = sys._getframe(2)  # the caller of warn()
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

    warnings.warn(message, category, stacklevel=_outside_package_level())
