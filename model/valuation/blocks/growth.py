"""Block ``growth_segment``: revenue that starts at a level and compounds at a growth rate.

Equations (``(n, K)``; ``g_k`` is growth into year ``k``)::

    revenue_t = start_t * prod_{k=1..t} (1 + g_k)          prior = start_0 / (1 + g_0)

Parameters: ``start`` (money, first-year revenue), ``growth`` (fraction). Output:
``revenue_<s>`` (role ``segment_revenue``, group ``<s>``), with its one-year backcast as prior.
Paths with growth of -100 % or worse are flagged (the level is floored at 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.valuation.blocks.base import (
    SEGMENT_REVENUE,
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Param,
    fixed_outputs,
    register,
)
from model.valuation.shapes import grow


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    level, bad = grow(p["start"], p["growth"], prior=True)
    return BlockResult({"revenue": level[:, 1:]}, {"revenue": level[:, 0]}, {"growth": bad})


GROWTH_SEGMENT = register(
    BlockType(
        name="growth_segment",
        doc=__doc__ or "",
        params=(
            Param("start", Kind.MONEY, doc="revenue in the first year"),
            Param("growth", Kind.FRACTION, doc="growth into each year"),
        ),
        options={},
        outputs=fixed_outputs(SEGMENT_REVENUE),
        compute=_compute,
    )
)
