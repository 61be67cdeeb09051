"""Backtest a vintage: where what happened falls in what the thesis expected.

A thesis written in one year gives distributions for quantities that later become known (the
market size, the company's share, the share price). The percentile of each realised value in the
old thesis' distribution says whether the thesis was centred (near 50%), too optimistic (low
percentiles) or too pessimistic (high ones). One company and one realised path prove little:
the table says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from model.errors import StatementError

if TYPE_CHECKING:
    from model.results.results import SimulationResult

__all__ = ["CAVEAT", "Backtest", "backtest"]

CAVEAT = (
    "one company and one realised path: a percentile far from 50% is a prompt to look again, not "
    "proof that the thesis was wrong"
)


@dataclass(frozen=True)
class Backtest:
    """Realised values placed in a vintage's distributions."""

    scenario: str
    table: pd.DataFrame
    caveat: str = CAVEAT

    def summary(self) -> pd.DataFrame:
        """Per quantity: realised value, the vintage's p5/p50/p95 and the realised percentile."""
        return self.table.copy()

    to_frame = summary

    def __repr__(self) -> str:
        pct = ", ".join(f"{q}: {p:.0%}" for q, p in self.table["percentile"].items())
        return f"<Backtest {self.scenario}: {pct}>"

    def _repr_html_(self) -> str:
        import html

        return (
            f"<div><p>{html.escape(repr(self))}</p>"
            f"{self.table.to_html(float_format=lambda v: f'{v:,.4g}')}"
            f"<p><i>{html.escape(self.caveat)}</i></p></div>"
        )


def backtest(result: SimulationResult, realised: Mapping[str, float]) -> Backtest:
    """Percentile of each realised value in a run's distribution of the same quantity.

    Parameters
    ----------
    result : SimulationResult
        A run of the old vintage.
    realised : mapping
        Quantity (expression with a year, e.g. ``"share_cloud_alibaba[2024]"``) -> what
        happened, in the quantity's unit.

    Returns
    -------
    Backtest
        ``percentile`` is the mid-rank share of paths below the realised value (ties count
        half), so a value below every path gives 0 and above every path 1.
    """
    from model.results.statements import evaluate_statement

    rows = []
    for quantity, value in realised.items():
        ev = evaluate_statement(result, quantity)
        x = np.asarray(ev.values, dtype=float)
        if x.shape != (result.n_paths,):
            raise StatementError(f"{quantity!r} must give one value per path (add a [year])")
        x = x[~np.asarray(ev.undefined, dtype=bool) & np.isfinite(x)]
        below = np.count_nonzero(x < value) + 0.5 * np.count_nonzero(x == value)
        p5, p50, p95 = np.quantile(x, [0.05, 0.5, 0.95])
        rows.append(
            {
                "quantity": quantity,
                "unit": result.units.get(quantity.split("[")[0], ""),
                "realised": float(value),
                "p5": p5,
                "p50": p50,
                "p95": p95,
                "percentile": below / x.size,
            }
        )
    return Backtest(result.scenario, pd.DataFrame(rows).set_index("quantity"))
