"""The value ``thesis sensitivity`` ranks by default: the report's headline value.

``thesis report`` ranks the drivers of today's value (``value_today_by_year``, today's value of
holding to the exit year at the cost of equity) when the thesis' model states it, and of the
undiscounted year-end value per share otherwise (see
:func:`model.results.analysis.value_output`). The command follows the same rule, so that the two
show the same drivers for the same thesis; ``--output`` names any other output, the year-end
value included.
"""

from __future__ import annotations

from typing import Any

from model.results.analysis import TODAY, VALUE
from model.results.export import VALUE_TODAY_BASIS, YEAR_END_BASIS

__all__ = ["basis_of", "basis_text", "headline_output"]


def headline_output(thesis: Any, scenario: str = "base") -> str:
    """The output the report's headline measures for ``thesis`` in ``scenario``.

    Parameters
    ----------
    thesis : str, Path or Thesis
    scenario : str

    Returns
    -------
    str
        ``"value_today_by_year"`` when the model states today's value (a cost of equity to
        discount at), else ``"value_per_share"``.

    Raises
    ------
    UnknownScenarioError
        ``scenario`` is not one of the thesis'.
    """
    # Imported here: the package imports this module's callers, not the reverse.
    from model.sensitivities import _thesis_model

    _, _, fn = _thesis_model(thesis, scenario)
    return TODAY if TODAY in (getattr(fn, "output_names", ()) or ()) else VALUE


def basis_of(output: str) -> str | None:
    """``"value_today"`` or ``"year_end"`` for the two value outputs (the names the report's
    sensitivity tables use), None for any other model output."""
    return {TODAY: VALUE_TODAY_BASIS, VALUE: YEAR_END_BASIS}.get(output)


def basis_text(thesis: Any, output: str, year: int | None) -> str | None:
    """The value ranked, in words with its dates, as the report's tables name it.

    ``value today (2025-11-27) of holding to 2030-12-31, at the cost of equity`` or ``value
    per share at the end of FY2030 (2030-03-31), undiscounted``; None for another output (or
    without a year).
    """
    if year is None:
        return None
    from model.valuation.finance import fiscal_year_end
    from model.valuation.finance.dates import fiscal_year_text

    end = str(getattr(thesis, "fiscal_year_end", None) or "12-31")
    if output == TODAY:
        as_of = getattr(thesis, "as_of", None)
        since = f" ({as_of.isoformat()})" if as_of is not None else ""
        held = fiscal_year_end(year, end).isoformat()
        return f"value today{since} of holding to {held}, at the cost of equity"
    if output == VALUE:
        return (
            f"value per share at the end of {fiscal_year_text(year, end, date=True)}, undiscounted"
        )
    return None
