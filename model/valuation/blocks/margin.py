"""Block ``margin_glide``: a margin moving linearly from a start to a target, then flat.

Equation (``(n, K)``)::

    margin_t = m0_t + (m*_t - m0_t) * min(t / Y_t, 1)         (Y = 0: the target from year 1)

Parameters: ``start``, ``target`` (fractions), ``years`` (years to reach the target). Output: one
line named after the block itself (``margin_cloud:`` makes the line ``margin_cloud``), role
``margin``; option ``group`` ties it to a segment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.valuation.blocks.base import (
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Output,
    Param,
    fixed_outputs,
    register,
    years_not_below_zero,
)
from model.valuation.earnings import margin_path
from model.valuation.roles import Role


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    years = years_not_below_zero(
        p, "years", "the years to reach the target, 0 or more (0: the target from year 1)"
    )
    return BlockResult({"margin": margin_path(p["start"], p["target"], years)})


MARGIN_GLIDE = register(
    BlockType(
        name="margin_glide",
        doc=__doc__ or "",
        params=(
            Param("start", Kind.FRACTION, doc="margin in the first year"),
            Param("target", Kind.FRACTION, doc="margin reached after `years`"),
            Param("years", Kind.YEARS, doc="years to reach the target"),
        ),
        options={"group": "the segment the margin belongs to"},
        outputs=fixed_outputs(
            Output("margin", "{name}", "%", Role.MARGIN, "{label}"),
        ),
        compute=_compute,
    )
)
