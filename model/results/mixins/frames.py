"""The per-path values of a result as tables: the :class:`PathFrames` mixin of
:class:`~model.results.results.SimulationResult` (``paths``, ``to_frame``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PathFrames"]


class PathFrames:
    """Tables of every path of a result (a mixin of
    :class:`~model.results.results.SimulationResult`, without state of its own)."""

    __slots__ = ()

    if TYPE_CHECKING:
        path_scenarios: np.ndarray | None

        @property
        def names(self) -> tuple[str, ...]: ...

        @property
        def input_names(self) -> tuple[str, ...]: ...

        def _columns(self, name: str) -> tuple[np.ndarray, tuple[int, ...]]: ...

        def _names(self, outputs: str | Sequence[str] | None) -> list[str]: ...

        def held_array(self, name: str) -> np.ndarray: ...

    def paths(self, name: str) -> pd.DataFrame:
        """The per-path values of an output as a table.

        Parameters
        ----------
        name : str
            Output or input name.

        Returns
        -------
        DataFrame
            One row per path (index ``path``), one column per year (the exit year only for a
            one-value output). A dated output (``return_dated``, ``total_return_dated``,
            ``value_today_by_year``) is missing (NaN) in a year that ends on or before the date
            it runs from: nothing is held to it, as in :meth:`summary` and :meth:`quantiles`.
        """
        import pandas as pd

        matrix, years = self._columns(name)
        return pd.DataFrame(
            np.array(self.held_array(name)).reshape(matrix.shape),
            index=pd.RangeIndex(matrix.shape[0], name="path"),
            columns=pd.Index(years, name="year"),
        )

    def to_frame(
        self, outputs: str | Sequence[str] | None = None, *, include_inputs: bool = False
    ) -> pd.DataFrame:
        """Tidy long table of every path: one row per (path, output, year).

        This has ``n_paths * n_years`` rows per output, so for large runs prefer
        :meth:`summary` or :meth:`paths`.

        Parameters
        ----------
        outputs : str or sequence of str, optional
            Which outputs; all outputs kept per path by default (a ``keep=`` run's streamed
            outputs have only their summary).
        include_inputs : bool
            Also include the kept inputs (when ``outputs`` is not given).

        Returns
        -------
        DataFrame
            Columns ``path``, ``output``, ``year``, ``value`` (and ``scenario`` for a blend).
        """
        import pandas as pd

        # By default the outputs kept per path: a keep= run has no paths of the others.
        names = list(self.names if outputs is None else self._names(outputs))
        if outputs is None and include_inputs:
            names += list(self.input_names)
        pieces = []
        for name in names:
            matrix, years = self._columns(name)
            n, k = matrix.shape
            piece = pd.DataFrame(
                {
                    "path": np.repeat(np.arange(n), k),
                    "output": pd.Categorical([name] * (n * k)),
                    "year": np.tile(np.asarray(years, dtype=np.int64), n),
                    "value": np.asarray(self.held_array(name), dtype=float).ravel(),
                }
            )
            if self.path_scenarios is not None:
                piece["scenario"] = np.repeat(self.path_scenarios, k)
            pieces.append(piece)
        if not pieces:
            return pd.DataFrame(columns=["path", "output", "year", "value"])
        frame = pd.concat(pieces, ignore_index=True)
        frame["output"] = frame["output"].astype(str)
        return frame
