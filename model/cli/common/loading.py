"""A thesis loaded as every subcommand loads one: from a file or (``-``) standard input, with
the command's reading options, and warned about at its lines (a fraction written as a whole
percentage, a slip of scale, a price quoted far from the valuation date).

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

__all__ = ["date_warnings", "fraction_warnings", "load"]


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
    return thesis


def fraction_warnings(thesis: Thesis) -> None:
    """Warn, at their lines, about fractions that look written as whole percentages (a margin
    of ``40`` meaning 40 %; see :mod:`model.inputs.plausibility`), in the thesis and in every
    scenario's overrides (a run, a comparison or a report may apply any of them), and about
    overrides whose scale changed but not their numbers (``USD m`` for ``USD bn``)."""
    import warnings

    from model.errors import ThesisModelError
    from model.inputs.expressions.claims import whole_percentage_claims
    from model.inputs.locations import dotted
    from model.inputs.plausibility import (
        FractionWarning,
        absurd_amounts,
        implausible_fractions,
        scale_slips,
    )
    from model.scenarios.central import central
    from model.valuation.checks import literal_fractions

    found = list(implausible_fractions(thesis)) + absurd_amounts(thesis)
    found += [FractionWarning(field, message) for field, message in literal_fractions(thesis)]
    found += whole_percentage_claims(thesis, _output_units(thesis), lambda: central(thesis))
    for name in thesis.scenarios:
        if name == "base":
            continue
        try:  # a scenario (or base) that cannot be applied is said at its line when it runs
            applied, base = thesis.with_scenario(name), thesis.with_scenario("base")
        except ThesisModelError:
            continue
        if name != thesis.scenario:
            found += [w for w in implausible_fractions(applied) if w.field[:1] == ("scenarios",)]
        found += scale_slips(applied, base)
    seen: set[tuple[str | int, ...]] = set()
    for w in found:
        if w.field in seen:  # a scenario that extends another shares its overrides
            continue
        seen.add(w.field)
        where = thesis.where(w.field)
        warnings.warn(f"{where}{dotted(w.field)}: {w.message}", stacklevel=2)
    _entry_warnings(thesis)


def _output_units(thesis: Thesis) -> dict[str, str]:
    """The model's outputs and their units (none when it cannot be built: a run says why)."""
    from model.errors import ThesisModelError
    from model.valuation import build_model

    try:
        return build_model(thesis).roles.units
    except ThesisModelError:
        return {}


def _entry_warnings(thesis: Thesis) -> None:
    """Whole percentages among the thesis' observations and realised values, at their lines."""
    import warnings

    from model.errors import ThesisModelError
    from model.inputs.assembly.evidence import thesis_evidence, thesis_realised
    from model.inputs.plausibility import implausible_entries

    for read in (thesis_evidence, thesis_realised):
        try:
            entries = read(thesis)
        except ThesisModelError:  # said when a command reads them
            continue
        for where, message in implausible_entries(entries):
            warnings.warn(f"{where}: {message}" if where else message, stacklevel=2)


def date_warnings(thesis: Thesis) -> None:
    """Warn about the thesis' dates (a price quoted far from the valuation date), at the
    line of the price's date, whichever command loaded it."""
    import warnings

    from model.valuation.finance.dates import ValuationDates
    from model.valuation.finance.today import section_states_today

    today = section_states_today(thesis.model_section)  # else the returns alone are spoken of
    for w in ValuationDates.from_thesis(thesis).warnings(today=today):
        file, line = thesis.locate(w.field)
        where = f"{file}:{line}: " if line is not None else (f"{file}: " if file else "")
        warnings.warn(f"{where}{w}", stacklevel=2)
