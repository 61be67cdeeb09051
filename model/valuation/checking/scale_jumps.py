"""A warning at a line whose central path jumps by a power of 1000 from one year to the next.

An amount in one unit added to one in another of the same dimension is converted, so a slip
of scale in one of them (an output in ``t`` meant ``kt``, a cost in ``USD m`` meant ``bn``)
shows in no unit check: the line simply moves a thousandfold in the year the slipped term
takes over, as a line that starts from a year-0 figure and then reads the slipped assumption
does. Few businesses grow or shrink by a factor of about 1,000 or 1,000,000 in a year, so
``validate`` warns at such a line (money, a physical quantity or a count, not a fraction or a
pure number) when what it reads holds one quantity in two scales (``t`` and ``kt``), naming
the assumptions it reads with their units; a ramp from next to nothing in one unit is not.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from model.inputs.plausibility import FractionWarning

__all__ = ["warn_scale_jumps"]

#: A year-on-year factor within this factor of a power of 1000 reads as a slip of scale.
_NEAR = 1.5


def _power_of_1000(ratio: float) -> int:
    """``k`` when ``ratio`` is within :data:`_NEAR` of ``1000**k`` with ``k != 0``, else 0."""
    if not ratio > 0.0 or not math.isfinite(ratio):
        return 0
    k = round(math.log(ratio) / math.log(1000.0))
    return k if k and abs(math.log(ratio) - k * math.log(1000.0)) < math.log(_NEAR) else 0


def warn_scale_jumps(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each line of the model whose central path moves by a factor of about a power of
    1000 between two years (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's lines are checked; others are not).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.errors import ThesisModelWarning, warn
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.nodes import ExprLine

    built = getattr(model, "built", None)
    nodes = [n for n in getattr(built, "nodes", None) or () if isinstance(n, ExprLine)]
    units = getattr(getattr(model, "roles", None), "units", {}) or {}
    years = list(getattr(thesis, "years", ()))
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    by_line = {o: n for n in getattr(built, "nodes", None) or () for o in n.outputs}
    jumps: dict[str, tuple[int, float, float, int, Any]] = {}
    for node in nodes:
        found = _first_jump(node, units, out, len(years))
        if found is not None:
            jumps[node.name] = found
    for node in nodes:
        if node.name not in jumps:
            continue
        t, before, after, k, unit = jumps[node.name]
        direct = {*node.same_year, *node.earlier}
        # A line that adds a line jumping the same year only passes the jump on: the warning
        # belongs where it starts.
        if any(jumps.get(n, (None,))[0] == t for n in direct if n != node.name):
            continue
        read: list[str] = []
        scales: dict[Any, set[int]] = {}
        for n in sorted(_assumptions_read(node, by_line, thesis)):
            au = getattr(thesis.assumptions[n], "unit", None)
            if au is not None and not au.dimensionless:
                read.append(f"'{n}' in {au}")
                scales.setdefault(au.dims, set()).add(au.power)
        # A slip needs two scales of one thing to slip between (t and kt, USD m and USD bn):
        # a ramp from next to nothing in one unit is a business, not a typo.
        if not any(len(powers) > 1 for powers in scales.values()):
            continue
        reads = f"; it reads {', '.join(read)}"
        factor = f"{1000 ** abs(k):,} times {'more' if k > 0 else 'less'}"
        path = ("model", *node.path, "value")
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: the line '{node.name}' goes from "
            f"{format_quantity(before, unit)} in {fiscal_year_text(years[t - 1], end)} to "
            f"{format_quantity(after, unit)} in {fiscal_year_text(years[t], end)} on the "
            f"central path, {factor} in a year, which reads as a slip of scale in what it "
            f"adds (a unit such as t for kt, or m for bn){reads}",
            ThesisModelWarning,
        )


def _assumptions_read(node: Any, by_line: Mapping[str, Any], thesis: Any) -> set[str]:
    """The assumptions the line reads, directly or through the lines it reads."""
    from model.valuation.lines.nodes import names_read

    return {n for n in names_read([node.name], by_line) if n in thesis.assumptions}


def _first_jump(
    node: Any, units: Mapping[str, Any], out: Mapping[str, Any], n_years: int
) -> tuple[int, float, float, int, Any] | None:
    """``(year index, value before, value after, power of 1000, unit)`` of the first jump of
    the line ``node`` on the central path, or None (a fraction or a pure number: None)."""
    from model.inputs.units import parse_unit

    try:
        unit = parse_unit(str(units.get(node.name, "") or ""))
    except Exception:  # a unit the line has not: nothing to judge it by
        return None
    if unit.dimensionless:
        return None
    row = np.asarray(out.get(node.name, np.nan), dtype=float).reshape(-1)
    if row.size != n_years:
        return None
    for t in range(1, row.size):
        before, after = float(row[t - 1]), float(row[t])
        if before * after > 0.0:
            k = _power_of_1000(after / before)
            if k:
                return t, before, after, k, unit
    return None


def process_scale_gaps(thesis: Any) -> list[FractionWarning]:
    """``(field, message)`` for each mean-reverting process whose ``start`` is about a power of
    1000 off its ``mean`` (a copper price starting at ``9.8`` beside a long-run ``9500``
    USD/t): the first years would travel a thousandfold towards the mean, which no price or
    quantity does; a slip of scale in one of the two."""
    from model.inputs.plausibility import FractionWarning

    out: list[FractionWarning] = []
    try:
        central = dict(thesis.central_values())
    except Exception:  # a thesis that cannot say is refused elsewhere; this is only a warning
        return out
    for name, a in getattr(thesis, "assumptions", {}).items():
        p = getattr(a, "process", None)
        if p is None or not float(getattr(p, "reversion", 0.0) or 0.0) > 0.0:
            continue  # a random walk does not revert: its mean is not where it goes

        def level(v: Any) -> float:
            return float(central.get(v, math.nan)) if isinstance(v, str) else float(v)

        start, mean = level(p.start), level(p.mean)
        if not (start > 0.0 and mean > 0.0):
            continue
        k = _power_of_1000(start / mean)
        if not k:
            continue
        unit = getattr(a, "unit", "")
        path = (*tuple(getattr(a, "path", ("assumptions", name))), "process", "start")
        factor = f"{1000 ** abs(k):,} times {'above' if k > 0 else 'below'}"
        out.append(
            FractionWarning(
                path,
                f"the process '{name}' starts at {start:g} {unit}, about {factor} the mean it "
                f"reverts to ({mean:g} {unit}): a slip of scale in one of the two (a price in "
                "thousands, a unit such as t for kt)?",
            )
        )
    return out
