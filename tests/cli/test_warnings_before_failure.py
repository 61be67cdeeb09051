"""A library warning raised on the way to a failure is printed, once, before the error line:
it often explains the failure (an overflow before a value that does not check). The exit code is
the failure's, as documented in :mod:`model.cli.main`."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

from model.cli.commands import RunFailed
from model.cli.main import guarded, main
from model.errors import ParameterError, SettingsError

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")


def _failing(exc: BaseException):
    def body() -> int:
        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=1)
        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=1)
        raise exc

    return body


@pytest.mark.parametrize(
    ("exc", "code", "error"),
    [
        (SettingsError("bad setting"), 2, "error: bad setting"),
        (RunFailed("the engine broke"), 1, "error: run failed: the engine broke"),
        (OSError(28, "No space left on device"), 1, "error: No space left on device"),
        (ValueError("a bug"), 1, "error: internal error (ValueError: a bug)"),
    ],
    ids=["bad-input", "run-failed", "os-error", "internal"],
)
def test_warnings_are_printed_once_before_the_error(exc, code, error):
    err = io.StringIO()
    assert guarded(_failing(exc), err) == code
    lines = err.getvalue().splitlines()
    assert lines[0] == "warning: overflow encountered in exp"
    assert len(lines) == 2 and lines[1].startswith(error)


def test_a_warning_inside_the_update_is_printed_before_its_failure(monkeypatch, capsys):
    def condition(*args, **kwargs):
        warnings.warn("divide by zero encountered in log", RuntimeWarning, stacklevel=1)
        raise ParameterError("every path is incompatible with the evidence")

    monkeypatch.setattr("model.learning.condition", condition)
    assert main(["update", ALIBABA, "--evidence", EVIDENCE, "--paths", "200"]) == 2
    err = capsys.readouterr().err.splitlines()
    at = err.index("warning: divide by zero encountered in log")
    assert err[at + 1] == "error: every path is incompatible with the evidence"
    assert at + 2 == len(err)


def test_a_warning_inside_the_report_conditioning_is_kept_when_it_fails(monkeypatch):
    from model.export.learning import build_learning
    from model.scenarios import simulate

    base = simulate(ALIBABA, n_paths=200, seed=1, progress=False)

    def condition(*args, **kwargs):
        warnings.warn("divide by zero encountered in log", RuntimeWarning, stacklevel=1)
        raise ParameterError("every path is incompatible with the evidence")

    monkeypatch.setattr("model.results.condition.condition", condition)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ParameterError):
            build_learning(base, evidence=EVIDENCE, notes=[])
    assert "divide by zero encountered in log" in [str(w.message) for w in caught]


def test_another_library_s_deprecation_notices_are_not_printed() -> None:
    # What pyparsing says of the names an older matplotlib calls: the user can do nothing.
    import model.cli.main as cli_main

    class LibraryDeprecation(UserWarning, DeprecationWarning):
        pass

    def body() -> int:
        warnings.warn_explicit(
            "'oneOf' deprecated - use 'one_of'", LibraryDeprecation, "<string>", 1
        )
        warnings.warn_explicit("old name", PendingDeprecationWarning, "/elsewhere/lib.py", 3)
        warnings.warn_explicit("share above 100%", UserWarning, "/elsewhere/lib.py", 4)
        own = str(Path(cli_main.__file__).parent.parent / "charts" / "value.py")
        warnings.warn_explicit("ax second is deprecated", DeprecationWarning, own, 270)
        return 0

    err = io.StringIO()
    assert guarded(body, err) == 0
    assert err.getvalue().splitlines() == [
        "warning: share above 100%",
        "warning: ax second is deprecated",
    ]
