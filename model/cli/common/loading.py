"""A thesis loaded as every subcommand loads one: from a file or (``-``) standard input, with
the command's reading options, and warned about at its lines (a fraction written as a whole
percentage, a slip of scale, a price quoted far from the valuation date, what the central path
of the scenario loaded shows) as ``model.load_thesis`` warns (:mod:`model.scenarios.loading`).

:mod:`model.cli.commands` re-exports every function here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from model.cli.inputs import allowed_folders, load_from_args

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["central_warnings", "date_warnings", "fraction_warnings", "load"]


def load(
    path: Path | str,
    scenario: str | None = None,
    *,
    note: bool = True,
    args: argparse.Namespace | None = None,
) -> Thesis:
    """Load a thesis file, or (``-``) read it from standard input.

    Read from standard input, its relative paths (scenario files, seeds) are from the current
    directory; ``note`` says so on stderr."""
    from model.inputs.assembly.thesis import load_thesis, load_thesis_bytes

    if str(path) == "-":
        from model.inputs.yamlsafe import DEFAULT_LIMITS

        if note:
            print(
                "note: thesis read from standard input; its relative paths (scenario files, "
                f"seeds) resolve from the current directory, {Path.cwd()}",
                file=sys.stderr,
            )

        if sys.stdin is None or sys.stdin.isatty():
            from model.errors import SettingsError

            # Waiting for typed YAML would look like a hang.
            raise SettingsError(
                "PATH is - but nothing is piped in; pipe the thesis, e.g. "
                "'thesis validate - < alibaba.yaml'"
            )
        # One byte over the limit is enough for the loader to refuse an oversized document.
        raw = sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)
        # The same reading options as a file: a piped thesis is not checked more loosely
        # or more strictly than the file it came from.
        thesis = load_thesis_bytes(
            raw,
            Path.cwd(),
            scenario,
            allow_read=allowed_folders(args),
            repair_correlations=bool(getattr(args, "repair_correlations", False)),
        )
    elif args is not None:
        thesis = load_from_args(path, args, scenario=scenario)
    else:
        thesis = load_thesis(path, scenario)
    # Warned even with -q: quiet silences the summary and the chatter, never what is wrong
    # with the thesis (stderr, so a script's stdout stays empty).
    date_warnings(thesis)
    fraction_warnings(thesis)
    central_warnings(thesis)
    return thesis


# The warnings are model.load_thesis' own; imported on first use, so that ``thesis`` starts
# without loading the numerical libraries.
def date_warnings(thesis: Thesis) -> None:
    """:func:`model.scenarios.loading.date_warnings`, imported on first use."""
    from model.scenarios.loading import date_warnings as real

    real(thesis)


def fraction_warnings(thesis: Thesis) -> None:
    """:func:`model.scenarios.loading.fraction_warnings`, imported on first use."""
    from model.scenarios.loading import fraction_warnings as real

    real(thesis)


def central_warnings(thesis: Thesis) -> None:
    """:func:`model.scenarios.loading.central_warnings`, imported on first use."""
    from model.scenarios.loading import central_warnings as real

    real(thesis)
