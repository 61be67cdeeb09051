"""How ``thesis report`` runs: :class:`ReportSettings` (see :mod:`model.export.job`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from model.errors import SettingsError
from model.export.job_parts import BASE
from model.scenarios import RunSettings, distinct_scenarios
from model.sensitivities.rank import MIN_RANK_PATHS

__all__ = ["ReportSettings"]


@dataclass(frozen=True)
class ReportSettings:
    """How the report is run.

    Attributes
    ----------
    run : RunSettings
        Paths, seed, method, backend, ... shared by every scenario (the base case's inputs
        are always kept: the rank correlations need them).
    scenarios : tuple of str, optional
        Scenarios to run (the base case is always run, first); every scenario by default.
    sobol : bool
        Also compute Sobol' indices of the value the tornado ranks (``n_base * (k + 2)``
        evaluations).
    n_base : int
        Base sample of the Sobol' indices, a power of 2 and at least 16.
    charts : bool
        Draw the charts (PNG); tables only when False.
    xlsx : bool
        Also write ``report.xlsx``, one Excel workbook of every scenario, the blend's weights,
        the ledger and the sensitivity (see :mod:`model.results.formats.excel`).
    learning : bool
        Add ``learning/`` (see :mod:`model.export.learning`): the watch list; prior against
        posterior, the vintage waterfall and the backtest when the thesis (or ``evidence``,
        ``previous``, ``realised``) gives what they need.
    evidence, previous, realised : path, optional
        An evidence file, the previous vintage's thesis file, a file of realised values, in
        place of what the thesis file names.
    learning_paths : int
        Paths of each of the ``2**k`` runs of the vintage waterfall (default 2,000, at most
        ``run.n_paths``; :func:`model.attribute` takes 10,000 and ``thesis attribute`` 5,000).
    """

    run: RunSettings = field(default_factory=RunSettings)
    scenarios: tuple[str, ...] | None = None
    sobol: bool = False
    n_base: int = 1024
    charts: bool = True
    xlsx: bool = False
    learning: bool = True
    evidence: str | os.PathLike[str] | None = None
    previous: str | os.PathLike[str] | None = None
    realised: str | os.PathLike[str] | None = None
    learning_paths: int = 2_000

    def __post_init__(self) -> None:
        # Checked before anything runs, so a bad setting is bad input rather than a failed run.
        n = self.n_base
        if isinstance(n, bool) or not isinstance(n, int) or n < 16 or n & (n - 1):
            raise SettingsError(
                f"the Sobol' base sample must be a power of 2 and at least 16 (got {n})"
            )
        if self.run.n_paths < MIN_RANK_PATHS:  # refused before the run, not after it
            raise SettingsError(
                f"a report needs at least {MIN_RANK_PATHS} paths per scenario (got "
                f"{self.run.n_paths}): its sensitivity ranks the inputs against the value "
                "over the paths"
            )
        if isinstance(self.learning_paths, bool) or not (
            isinstance(self.learning_paths, int) and self.learning_paths >= 2
        ):
            raise SettingsError(
                f"learning_paths must be a whole number of at least 2 (got {self.learning_paths})"
            )
        if self.scenarios is not None:  # a name given twice is refused, not run once
            distinct_scenarios(self.scenarios)
        # Only the base case's rank correlations need every input; the other scenarios keep
        # the few their scorecard statements use (memory and copying saved).
        object.__setattr__(self, "run", replace(self.run, keep_inputs=True, inputs_for=(BASE,)))
        if self.xlsx:  # a missing library is bad input, said before minutes of running
            from model.results.formats.excel import require_openpyxl

            require_openpyxl()
