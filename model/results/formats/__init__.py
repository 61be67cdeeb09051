"""Results in other formats: an Excel workbook and an xarray Dataset.

:class:`Formats` gives :class:`~model.results.results.SimulationResult` and
:class:`~model.results.comparison.ComparisonResult` their ``to_excel`` and ``to_xarray``
methods; the work is done in :mod:`model.results.formats.excel` and
:mod:`model.results.formats.arrays`, whose libraries (openpyxl, xarray) are optional extras
loaded only when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["Formats"]


class Formats:
    """``to_excel`` and ``to_xarray`` for results and comparisons (a mixin without state)."""

    __slots__ = ()

    def to_excel(
        self,
        path: str | Path,
        *,
        sensitivity: Sequence[Any] = (),
        max_paths: int = 1_000,
        overwrite: bool = False,
    ) -> Path:
        """Write one Excel workbook: summary (with units), scenarios, scorecard, ledger with
        quotes, sensitivity and a sample of paths (see :mod:`model.results.formats.excel`).

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file, written atomically.
        sensitivity : sequence of sensitivity results
            Results of :func:`model.sensitivity` for the ``sensitivity`` sheet.
        max_paths : int
            Rows of the ``paths`` sheet, shared among a comparison's scenarios with the same
            path numbers in each (0 leaves the sheet out).
        overwrite : bool
            Replace a workbook this toolkit wrote earlier (never any other file).

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        ExportError
            If the file exists and may not be replaced, or the name does not end in .xlsx.
        SettingsError
            A sensitivity result of another thesis, or of a scenario the workbook does not
            hold (checked before anything is written).
        MissingExtraError
            Without openpyxl (``pip install "thesis-model[excel]"``).
        """
        from model.results.formats.excel import write_workbook
        from model.results.returns.basis import check_export_kept

        for result in getattr(self, "results", {"": self}).values():
            check_export_kept(result, "the workbook")
        return write_workbook(
            self,  # type: ignore[arg-type]
            path,
            sensitivity=sensitivity,
            max_paths=max_paths,
            overwrite=overwrite,
        )

    def to_xarray(self, *, include_inputs: bool = False) -> Any:
        """The paths as an :class:`xarray.Dataset` (see :mod:`model.results.formats.arrays`).

        Parameters
        ----------
        include_inputs : bool
            Also hold the kept inputs (the sampled assumptions).

        Returns
        -------
        xarray.Dataset
            One variable per output with dims ``(path, year)`` for a result and
            ``(scenario, path, year)`` for a comparison (no ``year`` for one value per
            path); units, labels and the run's settings as attributes.

        Raises
        ------
        MissingExtraError
            Without xarray (``pip install "thesis-model[xarray]"``).
        """
        from model.results.formats.arrays import to_dataset

        return to_dataset(self, include_inputs=include_inputs)  # type: ignore[arg-type]
