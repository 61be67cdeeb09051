"""Command-line options that say what a thesis may read and how strictly it is checked.

``--allow-read DIR`` (repeatable) lets scenario files and seed documents come from a folder
outside the thesis tree (see :mod:`model.inputs.scope`); ``--repair-correlations`` lets
conflicting correlations through, the engine using the nearest valid matrix (see
:mod:`model.inputs.assembly.correlations`). Every command that reads a thesis takes both, so
``validate`` checks exactly what ``run`` would use.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["add_input_options", "facts_file", "load_from_args", "out_folder"]


def out_folder(text: str) -> Path:
    """An ``--out FOLDER`` argument; refuses ``-``.

    Elsewhere on the command line ``-`` means standard input or output, so a folder named
    ``-`` is almost surely a slip; one who wants it writes ``./-``.
    """
    if text == "-":
        raise argparse.ArgumentTypeError(
            "'-' (standard output) cannot take a folder of files; name a folder (./- for one "
            "called '-')"
        )
    return Path(text)


def facts_file(what: str) -> Any:
    """The type of an option naming a file read from disk only (``--evidence``,
    ``--realised``): ``-`` is refused at once, saying so, rather than sought as a file."""

    def check(text: str) -> str:
        if text == "-":
            raise argparse.ArgumentTypeError(
                f"'-' (standard input) is not read for {what}; name the file (./- for one "
                "called '-')"
            )
        return text

    return check


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-read`` and ``--repair-correlations`` to a subcommand's parser."""
    group = parser.add_argument_group("thesis input")
    group.add_argument(
        "--allow-read",
        action="append",
        default=[],
        metavar="DIR",
        help="also read scenario files and seed documents from DIR (by default only the "
        "thesis tree: the thesis file's folder, or the nearest folder above it holding "
        "seeds/); repeatable",
    )
    group.add_argument(
        "--repair-correlations",
        action="store_true",
        help="when the correlations conflict (not a valid correlation matrix), use the "
        "nearest valid matrix instead of stopping, with a warning saying how far it moved",
    )


def allowed_folders(args: argparse.Namespace | None) -> Any:
    """The folders of ``--allow-read``, marked as the command line's so that messages about
    them name the option rather than the Python argument ``allow_read``."""
    from model.inputs.scope import CommandLineFolders

    return CommandLineFolders(getattr(args, "allow_read", None) or ())


def load_from_args(path: Any, args: argparse.Namespace, scenario: str | None = None) -> Thesis:
    """:func:`~model.inputs.assembly.thesis.load_thesis` with the options of
    :func:`add_input_options`."""
    from model.inputs.assembly.thesis import load_thesis

    return load_thesis(
        path,
        scenario=scenario,
        allow_read=allowed_folders(args),
        repair_correlations=bool(getattr(args, "repair_correlations", False)),
    )
