"""What a sensitivity result was computed from: its thesis and scenario, in brief.

A result keeps enough to be told apart from a run of another thesis or scenario (the checks of
:func:`model.sensitivities.rank.check_run_of`): the thesis' name, file and file hash, and the
scenario. Not the thesis itself, so a result stays small wherever it is sent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

__all__ = ["Origin"]


@dataclass(frozen=True)
class Origin:
    """The thesis and scenario an analysis is of.

    Attributes
    ----------
    name : str or None
        The thesis' name.
    path : str or None
        The thesis file it was loaded from.
    file_hash : str or None
        The hash of the thesis' files (every scenario of one thesis shares it).
    scenario : str or None
        The scenario analysed.
    """

    name: str | None = None
    path: str | None = None
    file_hash: str | None = None
    scenario: str | None = None

    def check_run(self, result: Any, *, scenario: bool = True, advice: str | None = None) -> None:
        """Refuse ``result`` unless it is a run of this thesis (and, with ``scenario``, of
        this scenario): :func:`model.sensitivities.rank.check_run_of`, for stages that are
        given a result and may not import this one (a workbook).

        Raises
        ------
        SettingsError
            Naming the thesis or scenario the run is of, and this one.
        """
        from model.sensitivities.rank import check_run_of

        check_run_of(result, self, self.scenario if scenario else None, advice=advice)

    @classmethod
    def of(cls, thesis: Any, scenario: str | None) -> Origin | None:
        """The origin of an analysis of ``thesis`` (a loaded thesis) and ``scenario``; None
        without a thesis, as nothing then tells it apart."""
        if thesis is None:
            return None
        path = getattr(thesis, "path", None)
        return cls(
            name=getattr(thesis, "name", None),
            path=os.fspath(path) if path is not None else None,
            file_hash=getattr(thesis, "file_hash", None),
            scenario=scenario,
        )
