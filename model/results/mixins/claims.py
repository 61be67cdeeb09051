"""Statements about a result: the :class:`Claims` mixin of
:class:`~model.results.results.SimulationResult` (per-path truth, probabilities, scorecard)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

import numpy as np

from model.errors import StatementError, warn
from model.results import summary as stats
from model.results.statements import evaluate_statement, held_per_path, scorecard_claims
from model.results.values import Probability

if TYPE_CHECKING:
    import pandas as pd

    from model.engine.spec import Method
    from model.inputs.assembly.thesis import Thesis
    from model.results.results import SimulationResult

__all__ = ["Claims"]


class Claims:
    """Statements about a result: per-path truth, probabilities and the scorecard (a mixin of
    :class:`~model.results.results.SimulationResult`, without state of its own)."""

    __slots__ = ()

    if TYPE_CHECKING:
        thesis: Thesis
        n_paths: int
        method: Method
        path_scenarios: np.ndarray | None
        units: Mapping[str, str]
        _stats: ClassVar[dict[Any, Any]]

        @property
        def exit_year(self) -> int: ...

    def truth(self, statement: str) -> np.ndarray:
        """Per-path truth of a statement in the thesis expression language.

        Parameters
        ----------
        statement : str
            For example ``"value_per_share[2030] > 129.5"`` or ``"revenue_cloud_total[2030] >
            2 * revenue_cloud_total[2025]"``; names are outputs and kept inputs, ``[year]``
            selects a year.

        Returns
        -------
        ndarray of bool, shape (n_paths,)
            False also where the statement is undefined (a division by zero, ...);
            :meth:`prob` leaves those paths out instead.

        Warns
        -----
        ThesisModelWarning
            Once per statement, as ``validate`` warns at a scorecard claim's line: when it
            compares a fraction with a whole percentage (``share[2030] > 30`` meaning 0.30),
            or an amount with a number a scale word off its central value.

        Raises
        ------
        ExpressionError
            If the statement does not parse.
        UnknownOutputError
            If it names something the run did not produce.
        StatementError
            If it does not give exactly one truth value per path.
        """
        return self._truth(statement)[0]

    def _truth(self, statement: str) -> tuple[np.ndarray, np.ndarray]:
        """Per-path truth and per-path undefined flags of a statement (see :meth:`truth`)."""
        evaluation = evaluate_statement(cast("SimulationResult", self), statement)
        self._warn_statement(statement)
        arr = np.asarray(evaluation.values)
        undefined = np.asarray(evaluation.undefined, dtype=bool)
        if arr.ndim == 0:  # a statement without names is the same on every path
            arr = np.full(self.n_paths, bool(arr))
            undefined = np.full(self.n_paths, bool(undefined))
        if arr.shape != (self.n_paths,):
            raise StatementError(
                f"{statement!r} gives {held_per_path(arr.shape, self)}, not one truth value per "
                f"path; select a year, e.g. name[{self.exit_year}]"
            )
        if arr.dtype != bool:
            raise StatementError(
                f"{statement!r} is not a true/false statement (use a comparison such as > or <)"
            )
        return arr, undefined

    def _warn_statement(self, statement: str) -> None:
        """Warn about a statement as the load warns about a scorecard claim (a fraction compared
        with a whole percentage, an amount with a number in another scale): else a notebook's
        ``prob("share[2030] > 30")`` is a silent 0%. Once per statement."""
        key = ("statement warned", statement)
        if key in self._stats:
            return
        self._stats[key] = True
        thesis = getattr(self, "thesis", None)
        if thesis is None or statement in {c.statement for c in scorecard_claims(thesis)}:
            return  # the thesis' own claims are warned at their lines when it is loaded
        from model.inputs.expressions.claims import statement_warnings

        for message in statement_warnings(thesis, statement, self.units, self._central_path):
            warn(f"statement {statement!r}: {message}")

    def _central_path(self) -> Mapping[str, Any]:
        """The central path of the thesis' own model, its scenario applied as in the run (kept:
        every statement reads it). Raises what building or running the model raises."""
        cached = self._stats.get(("central path",))
        if cached is None:
            from model.engine.execution.runner import central
            from model.valuation import build_model

            path = central(self.thesis.to_spec(), build_model(self.thesis))
            cached = self._stats[("central path",)] = path
        return cast("Mapping[str, Any]", cached)

    def _check_scorecard_kept(self) -> None:
        """Refuse a scorecard whose claims read outputs the run streamed (``keep=``), naming
        them all at once, rather than the first one a claim meets."""
        from model.errors import SettingsError
        from model.inputs.expressions.expr import compile_expression

        gone = set(getattr(self, "streamed", ()) or ()) | set(getattr(self, "not_kept", ()))
        if not gone:
            return
        read: dict[str, None] = {}
        for claim in scorecard_claims(self.thesis):
            read |= dict.fromkeys(n for n in compile_expression(claim.statement).names if n in gone)
        if read:
            names = ", ".join(repr(n) for n in read)
            raise SettingsError(
                f"the scorecard's claims read {names}, which this run streamed rather than kept "
                f"per path (keep=); simulate again with keep=[..., {names}] (each kept output "
                "costs 8 bytes a path and year) or without keep= to score them"
            )

    def prob(self, statement: str) -> Probability:
        """Probability that a statement holds, with its standard error.

        Paths on which the statement is undefined (a division by zero, ``log`` of a number
        <= 0, ...) are neither true nor false: they are left out of the probability and
        counted in ``n_undefined``, so a claim is not made less likely by paths where it
        means nothing.

        Parameters
        ----------
        statement : str
            See :meth:`truth`.

        Returns
        -------
        Probability
            ``n`` is the number of paths on which the statement is defined.

        Raises
        ------
        StatementError
            If the statement is undefined on every path, or as for :meth:`truth`.
        """
        truth, undefined = self._truth(statement)
        n_undefined = int(np.count_nonzero(undefined))
        if n_undefined and n_undefined == truth.size:
            raise StatementError(
                f"{statement!r} is undefined on every one of the {truth.size:,} paths (a "
                "division by zero or a function outside its domain), so it has no probability"
            )
        strata = None if self.path_scenarios is None else self.path_scenarios[~undefined]
        p, se, n = stats.probability(truth[~undefined], self.method, strata)
        return Probability(statement, p, se, n, n_undefined, stats.batch_df(n, self.method))

    def scorecard(self) -> pd.DataFrame:
        """The thesis' scorecard: the probability of each claim under this scenario.

        Returns
        -------
        DataFrame
            Columns ``claim``, ``label``, ``statement``, ``probability``, ``probability_se``,
            ``n_undefined`` (paths on which the claim is undefined, left out of its
            probability), ``source``; one row per claim, in the thesis' order.
        """
        import pandas as pd

        cached = self._stats.get(("scorecard",))
        if cached is not None:  # a report shows it in several tables, texts and charts
            return cached.copy()
        self._check_scorecard_kept()
        rows = []
        for claim in scorecard_claims(self.thesis):
            probability = self.prob(claim.statement)
            rows.append(
                {
                    "claim": claim.name,
                    "label": claim.label,
                    "statement": claim.statement,
                    "probability": probability.p,
                    "probability_se": probability.se,
                    "n_undefined": probability.n_undefined,
                    "source": claim.source,
                }
            )
        columns = [
            "claim",
            "label",
            "statement",
            "probability",
            "probability_se",
            "n_undefined",
            "source",
        ]
        table = pd.DataFrame(rows, columns=columns)
        self._stats[("scorecard",)] = table
        return table.copy()
