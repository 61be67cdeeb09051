"""What each path flag of a line model means, in words, for the run's list of flagged paths.

A run counts the paths each check flags under a short name (``invalid_sotp``,
``discount_sotp``, ``multiple_sotp``, ``negative_value``, ``shares_count``);
:func:`flag_words` says what the check found on them, naming the leg's or block's input as the
thesis wrote it and the bounds it left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["flag_words"]

#: A multiple leg's metric, as the flag names it.
_METRICS = {
    "pe": "earnings",
    "pe_v1": "earnings",
    "ev_ebitda": "EBITDA",
    "ev_sales": "revenue",
    "ev_ebit": "EBIT",
}
_DISCOUNTING = ("dcf", "dcf_fcff", "dcf_fcfe", "ddm", "dcf_v1")
_CLIPPED = (
    "the leg clips it into [0, 1], so below 0 it counts as no discount (not as a premium) and "
    "above 1 leaves no operating value"
)


def _section(thesis: Any) -> Mapping[str, Any]:
    section = getattr(thesis, "model_section", None)
    return section if isinstance(section, Mapping) else {}


def _legs(thesis: Any) -> Mapping[str, Any]:
    valuation = _section(thesis).get("valuation")
    legs = valuation.get("legs") if isinstance(valuation, Mapping) else None
    return legs if isinstance(legs, Mapping) else {}


def _leg_words(leg: str, spec: Mapping[str, Any]) -> str | None:
    """What ``invalid_<leg>`` counts for a leg of this type."""
    kind = str(spec.get("type", leg))
    if kind in _METRICS:
        found = f"{_METRICS[kind]} below zero in some year (a loss valued at a multiple)"
    elif kind in ("sotp", "sotp_v1"):
        found = (
            "a part turning against its sign of the first year (a profitable segment in losses), "
            "or the parts summing below zero"
        )
    elif kind in _DISCOUNTING:
        found = "a terminal value below zero"
        if kind == "dcf_fcfe":
            found += ", or the balance added below zero (a net debt the flows already serve)"
    else:
        return None
    if spec.get("discount") is not None:
        found += f", or its discount outside [0, 1] (discount_{leg})"
    return f"the {leg} leg flags {found}"


def flag_words(thesis: Any, name: str) -> str | None:
    """What the flag ``name`` of a run of ``thesis`` means, or None for a flag it cannot name.

    Parameters
    ----------
    thesis : Thesis
        The thesis run (its ``model:`` section names the legs and blocks).
    name : str
        A key of the run's flagged paths (``RunResult.invalid``), a blend's ``scenario:name``
        included.

    Returns
    -------
    str or None
    """
    name = name.rpartition(":")[2]
    if name == "negative_value":
        return "the value per share below zero in some year (shown as 0)"
    legs = _legs(thesis)
    for leg, spec in legs.items():
        if not isinstance(spec, Mapping):
            continue
        if name == f"invalid_{leg}":
            return _leg_words(str(leg), spec)
        if name == f"multiple_{leg}":
            return (
                f"a multiple of the {leg} leg below zero in some year: what it multiplies is "
                "valued as a liability"
            )
        if name == f"discount_{leg}":
            written = str(spec.get("discount", "")).strip()
            return f"the {leg} leg's discount {written!r} outside [0, 1] in some year: {_CLIPPED}"
    blocks = _section(thesis).get("blocks")
    for block, spec in (blocks if isinstance(blocks, Mapping) else {}).items():
        if name == f"shares_{block}" and isinstance(spec, Mapping):
            if spec.get("type") == "share_count":
                return (
                    f"block '{block}': the share count held at its floor, a millionth of the "
                    "first year's (buybacks or dilution retired every share): value and "
                    "dividends per share there mean nothing"
                )
    return None
