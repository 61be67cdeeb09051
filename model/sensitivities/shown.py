"""How the sensitivity results read to people: labels, numbers with units, ranked tables.

Shared by the tornado, rank-correlation and Sobol' results (:mod:`model.sensitivities.results`):
fractions (units ``%`` and ``share``) are stored as fractions and become percentages only in
what is printed; labels are the thesis' own, else the name made readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from model.errors import SettingsError
from model.inputs.figures import format_fixed, quantile_text
from model.valuation.finance.dates import fiscal_year_text
from model.valuation.roles import humanize

__all__ = [
    "FRACTION_UNITS",
    "REPR_TOP",
    "Shown",
    "display_unit",
    "display_value",
    "entries_frame",
    "headline",
    "number_text",
    "numbers_text",
    "quantile_text",
    "ranked_frame",
    "readable",
    "top_entries",
]

#: Units whose values are stored as fractions and shown to people as percentages.
FRACTION_UNITS = frozenset({"%", "share"})

#: Entries a result's ``repr`` lists.
REPR_TOP = 3


def top_entries(entries: Sequence[Any], top: Any) -> Sequence[Any]:
    """The first ``top`` entries (None: all); a count below 1 or not whole is refused, since a
    slice would quietly answer nothing (0) or drop the last rows (-1)."""
    if top is None:
        return entries
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise SettingsError(f"top must be a whole number of at least 1, or None (got {top!r})")
    return entries[: int(top)]


def display_value(value: float, unit: str) -> float:
    """``value`` as shown to people: fractions (units ``%`` and ``share``) times 100."""
    return float(value) * 100.0 if unit.strip() in FRACTION_UNITS else float(value)


def display_unit(unit: str) -> str:
    """The unit shown next to :func:`display_value`: ``%`` for fractions."""
    return "%" if unit.strip() in FRACTION_UNITS else unit


def readable(name: str, label: str) -> str:
    """The thesis label, else the name made readable (``ai_cloud`` -> ``AI cloud``)."""
    if label == f"{name} (shocks)":  # an unlabelled process's shocks: its name made readable
        return f"{humanize(name)} (shocks)"
    if label and label != name:
        return label
    return humanize(name)


def number_text(value: float, unit: str = "") -> str:
    """A number for a one-line description, with its unit (fractions as percentages)."""
    if not np.isfinite(value):
        return "n/a"
    shown = display_value(value, unit)
    text = format_fixed(shown) if abs(shown) >= 1000 else f"{shown:.4g}"
    shown_unit = display_unit(unit)
    if not shown_unit or shown_unit == "1":
        return text
    return f"{text}%" if shown_unit == "%" else f"{text} {shown_unit}"


def numbers_text(values: Sequence[float], unit: str = "") -> list[str]:
    """Numbers read side by side (a tornado bar's low, high and swing), each with its unit and
    all with one number of decimals: ``-0.526% -> 5.130%``, not ``-0.5261% -> 5.13%``."""
    from model.results.display import fmt_same

    texts = fmt_same([display_value(v, unit) if np.isfinite(v) else np.nan for v in values])
    shown_unit = display_unit(unit)
    if not shown_unit or shown_unit == "1":
        return texts
    return [
        t if t == "n/a" else f"{t}%" if shown_unit == "%" else f"{t} {shown_unit}" for t in texts
    ]


def points_text(text: str) -> str:
    """A swing shown as a percentage (``"21.27%"``) in percentage points (``"21.27 pp"``): the
    difference of two percentages is not a percentage of anything."""
    return f"{text[:-1]} pp" if text.endswith("%") else text


def headline(output: str, year: int | None, unit: str, year_end: str = "12-31") -> str:
    """``"value_per_share in 2030 (HKD/share)"`` for headlines (``FY2030`` for a thesis whose
    years end on another day)."""
    at = f" in {fiscal_year_text(year, year_end)}" if year is not None else ""
    return f"{output}{at}" + (f" ({unit})" if unit else "")


def entries_frame(entries: Sequence[Any], columns: list[str]) -> pd.DataFrame:
    """Table of result entries, one row each; the label readable as in the summaries."""
    rows = [tuple(str(v) if c == "kind" else readable(e.input, v) if c == "label" else v
                  for c, v in ((c, getattr(e, c)) for c in columns))
            for e in entries]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def ranked_frame(
    rows: list[tuple[Any, ...]], columns: list[str], attrs: dict[str, Any], heading: str
) -> pd.DataFrame:
    """A summary table: rows ranked from 1, ``attrs`` attached, the column axis named."""
    frame = pd.DataFrame(rows, columns=columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    frame.attrs.update(attrs)
    frame.columns.name = heading
    return frame


class Shown:
    """What the three results share for people: the notebook view and the short ``repr``.

    ``_HTML`` names the function of :mod:`model.sensitivities.display` that draws the view.
    """

    _HTML: ClassVar[str]
    output: str
    year: int | None
    output_unit: str
    year_end: str

    def _repr_html_(self) -> str:
        from model.sensitivities import display

        return str(getattr(display, self._HTML)(self))

    def _attrs(self, **extra: Any) -> dict[str, Any]:
        """``attrs`` of a summary: the output, its year and unit, and ``extra``."""
        return {"output": self.output, "year": self.year, "output_unit": self.output_unit,
                **extra}  # fmt: skip

    @staticmethod
    def _listing(head: list[str], entries: Sequence[Any], line: Callable[[Any], str]) -> str:
        """The ``repr``: the headline, the top entries numbered, and how many more there are."""
        lines = [*head]
        lines += [f"  {i}. {line(e)}" for i, e in enumerate(entries[:REPR_TOP], start=1)]
        if len(entries) > REPR_TOP:
            lines.append(f"  ... {len(entries) - REPR_TOP} more (.summary(), .to_frame())")
        return "\n".join(lines)
